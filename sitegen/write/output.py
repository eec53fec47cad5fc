"""The only module that writes the generated site.

It is handed every file of the site as bytes, after everything has rendered without
error, so a failed build never reaches it. Files whose bytes did not change are left
alone (creating a file costs about 1 ms on these disks), changed ones are written to a
temporary file and renamed over the old one, and files no longer produced are removed.
"""
from __future__ import annotations

import hashlib
import os
from typing import NamedTuple

from sitegen.lang import _
from sitegen.render.staging import FileRef, Keep, Staged, same_bytes, size_of, write_all
from sitegen.write import outputmark


TEMP_SUFFIX = ".sitegen-tmp"


def _shutil():
    """shutil, imported when a file is copied or a folder removed: with the archive
    modules it imports, ~6 ms of every rebuild that needs neither."""
    import shutil
    return shutil


class WriteStats(NamedTuple):
    written: int
    unchanged: int
    removed: int


def refuse_output(output: str, site_root: str) -> str | None:
    """Why `output` must not be written to, or None: the site's own folders, or a
    folder that holds files sitegen did not write (outputmark.py)."""
    out = os.path.realpath(output)
    root = os.path.realpath(site_root)
    home = os.path.realpath(os.path.expanduser("~"))
    if out in (root, home, os.path.realpath(os.sep)) or out == os.path.dirname(root):
        return _("refusing to use {folder} as the output folder: it holds other files").format(folder=output)
    for name in ("content", "layouts", "assets", ".sitegen-cache"):
        inner = os.path.join(root, name)
        if out == inner or out.startswith(inner + os.sep):
            return _("refusing to write the site into {folder}/; choose a folder of its own").format(folder=name)
    if root.startswith(out + os.sep):
        return _("refusing to use {folder}: the site itself is inside it").format(folder=output)
    try:
        outputmark.check_folder(output)
    except outputmark.NotOurs as e:
        return str(e)
    return None


def claim(output: str, files) -> set | None:
    """What sitegen owns in `output` (None: nothing, the folder is absent or empty),
    once it is sure that writing `files` there replaces nothing else. Raises
    outputmark.NotOurs, before anything is written, when it would."""
    ours = outputmark.read(output)
    if ours is None:
        outputmark.check_folder(output)
    else:
        # A page kept as it is (Keep) is not written: only new paths and rewritten ones
        # need looking at (a rebuild in `serve` writes a handful of the site's files).
        outputmark.check_paths(output, [rel for rel, data in files.items()
                                        if rel not in ours or not isinstance(data, Keep)], ours)
    return ours


def write_site(output: str, files: dict, written_before: dict | None = None,
               ours: set | None = None) -> WriteStats:
    """Make `output` hold `files` ({'a/b/index.html': bytes or FileRef}), and of what it
    wrote before (`ours`, from claim()) only what is still produced.

    `written_before` (the build memo's) maps each path to the digest of what was last
    written there, so unchanged files are recognised without reading them back. Keep
    entries are left alone."""
    os.makedirs(output, exist_ok=True)
    if ours is None:
        outputmark.write(output, files)  # first: a build cut off still has its files listed
        return _write_fresh(output, files, written_before)
    if not ours.issuperset(files):
        outputmark.write(output, ours.union(files))
    written = unchanged = 0
    for rel in sorted(files):
        data = files[rel]
        if isinstance(data, Keep):
            unchanged += 1
            if written_before is not None:
                written_before[rel] = data.digest  # also when found equal on disk
            continue
        target = os.path.join(output, *rel.split("/"))
        digest = None
        if written_before is not None and isinstance(data, bytes):
            digest = hashlib.sha1(data).digest()
            if written_before.get(rel) == digest and size_of(target) == len(data):
                unchanged += 1
                continue
        if not isinstance(data, Staged) and same_bytes(target, data):  # a Staged page differs
            unchanged += 1
            if digest is not None:
                written_before[rel] = digest
            continue
        folder = os.path.dirname(target)
        if os.path.isfile(folder):
            os.remove(folder)  # a file of ours where a folder must now be (a page became a section)
        os.makedirs(folder, exist_ok=True)
        if os.path.isdir(target):
            _remove_tree(target)  # claim() made sure every file in it is ours
        if isinstance(data, Staged):
            digest = data.digest
        _place(target, data)
        written += 1
        if digest is not None and written_before is not None:
            written_before[rel] = digest
    removed = _prune(output, ours.difference(files))
    if removed or not ours.issuperset(files) or len(ours) != len(files):
        outputmark.write(output, files)
    return WriteStats(written, unchanged, removed)


def remove_leftovers(output: str, ours) -> int:
    """Remove the temporary files a write cut off (killed, a power cut) left beside files
    of sitegen's own (`ours`, and the output mark); no other file. Called when the last
    build did not finish: only then can there be any, and only then is output/ walked."""
    own = set(ours) | {outputmark.MARK}
    removed = 0
    for folder, _folders, names in os.walk(output):
        for name in names:
            if not name.endswith(TEMP_SUFFIX):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path[:-len(TEMP_SUFFIX)], output).replace(os.sep, "/")
            if rel in own:
                try:
                    os.remove(path)
                    removed += 1
                except OSError:
                    pass
    return removed


def _write_fresh(output: str, files: dict, written_before: dict | None) -> WriteStats:
    """write_site() into an empty folder: nothing there to compare, replace or prune, so
    each folder is made once and each file put in place (a cold build at 10,000 posts
    spent ~1 s in write_site, most of it asking about files that could not exist)."""
    made = set()
    for rel in sorted(files):
        data = files[rel]
        target = os.path.join(output, *rel.split("/"))
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        _place(target, data)
        if written_before is not None and not isinstance(data, FileRef):
            written_before[rel] = data.digest if isinstance(data, Staged) else hashlib.sha1(data).digest()
    return WriteStats(len(files), 0, 0)


def _place(target: str, data) -> None:
    """Put `data` (bytes, a FileRef or a Staged page) at `target` whole or not at all:
    through a temporary file renamed over it, which a failure (a full disk) removes."""
    if isinstance(data, Staged):
        try:
            os.replace(data.path, target)  # a complete file: renaming it is atomic
            return
        except OSError:  # output/ on another file system than the cache: copied below
            pass
    temp = target + TEMP_SUFFIX
    try:
        if isinstance(data, (Staged, FileRef)):
            _shutil().copyfile(data.path, temp)
        else:
            with open(temp, "wb") as f:
                write_all(f, data, target)
        os.replace(temp, target)
    except BaseException:
        try:
            os.remove(temp)
        except OSError:
            pass
        raise


def _prune(output: str, gone: set) -> int:
    """Remove the files of `gone` (sitegen's, no longer produced), then the folders
    that leaves empty. Never through a link: a folder replaced by a link to elsewhere
    keeps what it points to. Returns files removed."""
    removed = 0
    checked: dict = {}
    folders = set()
    for rel in sorted(gone):
        if not outputmark.inside(output, rel, checked):
            continue
        full = os.path.join(output, *rel.split("/"))
        try:
            if os.path.isdir(full) and not os.path.islink(full):
                continue  # a folder stands there now: not the file sitegen wrote
            os.remove(full)
            removed += 1
        except (FileNotFoundError, NotADirectoryError):
            continue  # gone already
        parts = rel.split("/")[:-1]
        while parts:
            folders.add("/".join(parts))
            parts.pop()
    for folder in sorted(folders, key=lambda rel: -rel.count("/")):
        try:
            os.rmdir(os.path.join(output, *folder.split("/")))  # only when empty
        except OSError:
            pass
    return removed


def _remove_tree(path: str) -> None:
    for folder, dirs, names in os.walk(path, topdown=False):
        for name in names:
            os.remove(os.path.join(folder, name))
        for name in dirs:
            os.rmdir(os.path.join(folder, name))
    os.rmdir(path)
