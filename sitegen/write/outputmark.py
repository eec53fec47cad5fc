"""What sitegen owns in an output folder.

A build writes `.sitegen-output.json` into the folder it builds: the list of files it
put there. That list is the only licence sitegen has to replace or delete anything in
the folder. A folder without it is used only when it is absent or empty, so pointing
`--output` at a repository, a folder of documents or /var/www refuses instead of
wiping it; files a person adds to output/ later are left alone; and deploy and
`--zip` publish the listed files only.

The list is written before the build changes the folder (the old files and the new
together) and again once the old ones are gone, so a build cut off half way still
leaves every file it wrote listed, and the next build finishes the job.
"""
from __future__ import annotations

import json
import os
import re
import stat

from sitegen.lang import _


MARK = ".sitegen-output.json"
GENERATOR = "sitegen"


class NotOurs(Exception):
    """The folder holds files sitegen has no record of writing; the message says which."""


# A path of one or more parts separated by "/", none of them empty, "." or "..", with no
# backslash, colon (a Windows drive), NUL or other control character: it stays inside
# the folder it is relative to on every system. One expression: the mark of a large
# site lists tens of thousands of paths, checked at every build.
_SAFE = re.compile(r"(?:(?!\.{1,2}/)[^/\\:\x00-\x1f]+/)*(?!\.{1,2}\Z)[^/\\:\x00-\x1f]+")


def safe_relpath(rel) -> bool:
    """A `/`-separated path that stays inside the folder it is relative to on every
    system: no absolute or drive path, no `..`, `.` or empty part, no backslash, NUL,
    colon or control character."""
    return isinstance(rel, str) and len(rel) <= 1000 and _SAFE.fullmatch(rel) is not None


def read(output: str) -> set | None:
    """The files the mark in `output` lists, or None when there is no mark. NotOurs
    when the mark is not sitegen's, is damaged, or names a path outside the folder."""
    path = os.path.join(output, MARK)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise NotOurs(_("{path} is a folder, not sitegen's record").format(path=path)) from None
    try:
        value = json.loads(data.decode("utf-8"))
        files = value["files"] if value.get("generator") == GENERATOR else None
    except (ValueError, AttributeError, KeyError, TypeError):
        files = None
    if not isinstance(files, list) or not all(safe_relpath(rel) for rel in files) or MARK in files:
        raise NotOurs(_("{path}, sitegen's record of the files it wrote there, is damaged, so sitegen "
                        "cannot tell its own files from others. If the folder only holds a site "
                        "sitegen built, delete the folder and build again").format(path=path))
    return set(files)


def write(output: str, files) -> None:
    """Record `files` as sitegen's own, atomically."""
    path = os.path.join(output, MARK)
    data = json.dumps({"generator": GENERATOR, "files": sorted(files)}, ensure_ascii=False,
                      indent=0).encode("utf-8")
    temp = path + ".sitegen-tmp"
    try:
        with open(temp, "wb") as f:
            f.write(data)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.remove(temp)
        raise


def check_folder(output: str) -> None:
    """NotOurs unless `output` is absent, an empty folder, or a folder with sitegen's mark."""
    try:
        names = sorted(os.listdir(output))
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise NotOurs(_("{path} is a file, not a folder; name a folder for the site").format(path=output)) from None
    if not names or MARK in names:
        return
    shown = ", ".join(names[:5]) + (_(" and {count} more").format(count=len(names) - 5) if len(names) > 5 else "")
    raise NotOurs(_("{path} already holds files that sitegen did not write there ({files}), so it "
                    "will not build the site into it: a build replaces and removes files in its "
                    "output folder. Choose an empty or new folder; if this one only holds a site "
                    "built by an older sitegen, delete it and build again").format(path=output, files=shown))


def check_paths(output: str, files, ours: set) -> None:
    """NotOurs when writing `files` into `output` would replace or write through
    something sitegen does not own: a file or folder of the same name, a file where one
    of their folders must be, or a link anywhere on the way."""
    clashes = []
    folders: dict = {}
    for rel in files:
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            prefix = "/".join(parts[:depth])
            if prefix not in folders:
                folders[prefix] = _clash(output, prefix, ours, folder=True)
            if folders[prefix]:
                clashes.append(folders[prefix])
                break
        else:
            clash = _clash(output, rel, ours, folder=False)
            if clash:
                clashes.append(clash)
    if clashes:
        shown = "; ".join(sorted(set(clashes))[:5])
        raise NotOurs(_("the site would replace what sitegen did not write in {path}: {files}. "
                        "Move those away (or rename the post or page that needs the name), then build "
                        "again").format(path=output, files=shown))


def _clash(output: str, rel: str, ours: set, folder: bool) -> str:
    """What is in the way at `rel`, where a folder (`folder`) or a file will be; "" if nothing."""
    full = os.path.join(output, *rel.split("/"))
    try:
        st = os.lstat(full)
    except (FileNotFoundError, NotADirectoryError):
        return ""
    if stat.S_ISLNK(st.st_mode):
        return _("{path} is a link").format(path=rel)
    if stat.S_ISDIR(st.st_mode):
        if folder:
            return ""
        foreign = [name for name in _files_under(full, rel) if name not in ours]
        return _("{path}/ holds {file}").format(path=rel, file=foreign[0]) if foreign else ""
    return "" if rel in ours else _("{path} exists").format(path=rel)


def _files_under(folder: str, prefix: str):
    for base, dirs, names in os.walk(folder):
        rel_base = os.path.relpath(base, folder).replace(os.sep, "/")
        for name in names + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
            yield prefix + "/" + (name if rel_base == "." else f"{rel_base}/{name}")


def inside(output: str, rel: str, checked: dict) -> bool:
    """True when no folder on the way from `output` to `rel` is a link (so removing
    `rel` cannot reach outside); `checked` remembers folders between calls."""
    parts = rel.split("/")
    for depth in range(1, len(parts)):
        prefix = "/".join(parts[:depth])
        if prefix not in checked:
            checked[prefix] = not os.path.islink(os.path.join(output, *parts[:depth]))
        if not checked[prefix]:
            return False
    return True


def published(output: str) -> list:
    """The files of the site built in `output`, sorted: those the mark lists, never
    anything else a person put in the folder. NotOurs when no build left a mark there."""
    files = read(output)
    if files is None:
        raise NotOurs(_("{path} holds no site built by sitegen; run `sitegen build` first").format(path=output))
    checked: dict = {}
    return sorted(rel for rel in files if inside(output, rel, checked)
                  and os.path.isfile(os.path.join(output, *rel.split("/"))))
