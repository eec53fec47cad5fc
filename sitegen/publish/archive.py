"""`sitegen build --zip FILE`: the built site as one archive, for hosts that only take an
upload through a control panel ("upload, then extract here"). index.html is at the top
of the archive. The same site gives the same bytes: entries sorted, fixed times."""
from __future__ import annotations

import os
import zipfile

from sitegen.lang import _


COMMENT = b"sitegen site archive"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # the files' own times would make every archive differ


def refuse_zip(path: str, site_root: str, output: str) -> str | None:
    """Why sitegen must not write the archive at `path`, or None."""
    target = os.path.realpath(path)
    for name, folder in (("output/", output), ("content/", os.path.join(site_root, "content")),
                         ("layouts/", os.path.join(site_root, "layouts")),
                         ("assets/", os.path.join(site_root, "assets"))):
        inside = os.path.realpath(folder)
        if target == inside or target.startswith(inside + os.sep):
            return _("refusing to write the archive inside {folder}; name a file beside the site, "
                     "e.g. tin-dang.zip").format(folder=name)
    if os.path.isdir(target):
        return _("{path} is a folder; name the archive file, e.g. {example}").format(
            path=path, example=os.path.join(path, "tin-dang.zip"))
    if os.path.exists(target):
        try:
            with zipfile.ZipFile(target) as old:
                if old.comment == COMMENT:
                    return None  # an archive sitegen made before: replaced
        except (zipfile.BadZipFile, OSError):
            pass
        return _("{path} exists and is not an archive made by sitegen; choose another name").format(path=path)
    return None


def write_zip(output: str, path: str) -> int:
    """Pack the site's files in `output` (those its build recorded, not whatever else is
    in the folder) into `path`, atomically; returns the number of files."""
    from sitegen.write.outputmark import published
    names = [(rel, os.path.join(output, *rel.split("/"))) for rel in published(output)]
    temp = path + ".sitegen-tmp"
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            z.comment = COMMENT
            for rel, full in sorted(names):
                info = zipfile.ZipInfo(rel, FIXED_TIME)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(full, "rb") as f:
                    z.writestr(info, f.read(), compresslevel=6)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.remove(temp)
        raise
    return len(names)
