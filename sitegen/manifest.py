"""The no-change shortcut: when nothing a build reads has changed since the last
successful build, and output/ still holds exactly what that build wrote, there is
nothing to do.

A successful `sitegen build` records, in .sitegen-cache/manifest.pickle, a digest of the
stamp (size, modification and change time, inode) of every file it reads (site.yaml,
content/, layouts/, assets/, and sitegen's own code and libraries), the stamp of every
file and folder it left in output/, and the problems it reported. The next build
compares; on any difference it does the real work (which then reuses the build memo).
Comparing stamps of ~30,000 paths costs a fraction of a second; loading the memo
alone costs seconds at that size. Light on purpose: no Jinja2, Markdown or Pillow here.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import sys

MANIFEST_FILE = os.path.join(".sitegen-cache", "manifest.pickle")
INPUTS = ("site.yaml", "content", "layouts", "assets")
LIBRARIES = ("jinja2", "cmarkgfm", "PIL", "yaml", "nh3", "markupsafe")


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of sitegen's own code and theme, the Python version and the installed
    libraries: a cache made by other code is never trusted (its posts, Markdown and
    contexts were made by that code)."""
    digest = hashlib.sha1(sys.version.encode())
    package = os.path.dirname(os.path.abspath(__file__))
    for base, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".html", ".xml", ".css", ".js", ".svg")):
                with open(os.path.join(base, name), "rb") as f:
                    digest.update(name.encode() + b"\0" + f.read())
    for name in LIBRARIES:  # an upgrade rewrites the package's files: new stamps
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(f"{name}={file_stamp(origin) if origin else None}".encode())
    return digest.hexdigest()


def stamp_of(st: os.stat_result) -> tuple:
    """What tells that a file changed: size and modification time, and also the change
    time and inode, which a program that puts the old modification time back (an unzip,
    `cp -p`, a sync tool) cannot restore."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def file_stamp(path: str):
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def scan_inputs(root: str) -> list:
    """(name, stamp) of every file a build reads from the site, and of its folders (with
    no stamp), in a fixed order."""
    found: list = []
    for name in INPUTS:
        path = os.path.join(root, name)
        if os.path.isdir(path):
            _stamp_tree(found, path, name + "/")
        else:
            found.append((name, file_stamp(path)))
    return found


def digest_of(scan: list) -> bytes:
    return hashlib.sha1(pickle.dumps(scan, protocol=5)).digest()


def inputs_digest(root: str) -> bytes:
    """A digest of the name and stamp of every file a build reads from the site."""
    return digest_of(scan_inputs(root))


def _stamp_tree(found: list, folder: str, prefix: str) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        found.append((prefix, f"unreadable {e.errno}"))
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            found.append((rel + "/", None))
            _stamp_tree(found, entry.path, rel + "/")
        else:  # a link is stamped by its target: a change to the target is a change
            try:
                found.append((rel, stamp_of(entry.stat())))
            except OSError:
                found.append((rel, None))


def outputs_digest(output: str, paths: list) -> bytes:
    """A digest of the stamps of `paths` (files and folders) inside `output`. A folder's
    stamp changes when anything is added to it, removed or renamed in it."""
    return stamps_digest(output_stamps(output, paths))


def stamps_digest(stamps: list) -> bytes:
    return hashlib.sha1(pickle.dumps(stamps, protocol=5)).digest()


def output_stamps(output: str, paths: list) -> list:
    base = os.path.join(output, "")
    stat = os.stat
    stamps: list = []
    append = stamps.append
    for rel in paths:  # the hot loop of a no-change build: ~30,000 paths at 10,000 posts
        try:
            st = stat(base + rel)
        except OSError:
            append(None)
            continue
        append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return stamps


def output_paths(files) -> list:
    """Every file of the site and every folder holding them, the output folder first."""
    folders = {""}
    for rel in files:
        parts = rel.split("/")
        for i in range(1, len(parts)):
            folders.add("/".join(parts[:i]))
    return sorted(folders) + sorted(files)


def key_of(root: str, output: str, drafts: bool) -> tuple:
    return (code_version(), os.path.abspath(root), os.path.abspath(output), bool(drafts))


def forget(root: str) -> None:
    """Drop the manifest before output/ or the inputs may change under it."""
    try:
        os.remove(os.path.join(root, MANIFEST_FILE))
    except OSError:
        pass


def save(root: str, output: str, drafts: bool, inputs: bytes, files, result) -> None:
    """Record a successful build. `inputs` is the digest taken *before* the build read
    anything, so an edit made while it ran is seen by the next build."""
    paths = output_paths(files)
    save_record(root, {"key": key_of(root, output, drafts), "inputs": inputs, "paths": paths,
                       "outputs": outputs_digest(output, paths), "result": result})


def save_record(root: str, record: dict) -> None:
    path = os.path.join(root, MANIFEST_FILE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        pickle.dump(record, f, protocol=5)
    os.replace(temp, path)


def previous(root: str, output: str, drafts: bool):
    """The record of the last build, when output/ still holds what it wrote: (record, the
    stamps of its files and folders now). None when there is none, it was made by other
    code or for other options, or output/ changed since."""
    try:
        with open(os.path.join(root, MANIFEST_FILE), "rb") as f:
            record = pickle.load(f)
        if not isinstance(record, dict) or record.get("key") != key_of(root, output, drafts):
            return None
        stamps = output_stamps(output, record["paths"])
        if stamps_digest(stamps) != record["outputs"]:
            return None
        return record, stamps
    except Exception:  # missing, damaged, from another version: do the real build
        return None


def unchanged(root: str, output: str, drafts: bool, inputs: bytes):
    """The recorded result of the last build if nothing changed since, else None."""
    found = previous(root, output, drafts)
    if found is None or found[0].get("inputs") != inputs:
        return None
    return found[0]["result"]
