"""Rendered files on their way to output/: what the renderers hand over (bytes, a page
waiting in the staging folder, a photo in the cache, or "keep what output/ holds"), and
the staging folder itself. write/output.py puts them in place.
"""
from __future__ import annotations

import hashlib
import os
from typing import NamedTuple


class FileRef(NamedTuple):
    """A file to publish as it is on disk (a photo derivative in the cache). Its name
    carries a hash of its content, so a target of the same size is the same file."""
    path: str


class Keep(NamedTuple):
    """A file to leave as it is: the build found it is exactly what it would write (same
    page key, and the file on disk is the one written last time)."""
    digest: bytes
    size: int


class Staged(NamedTuple):
    """A rendered page waiting in the cache's staging folder, written there by the worker
    that rendered it (so the build never holds every page in memory); write_site moves it
    into place once the whole site has rendered without error."""
    path: str
    digest: bytes
    size: int


STAGING = os.path.join(".sitegen-cache", "staging")


def content_id(data):
    """What identifies a file's content: equal ids, equal bytes."""
    if isinstance(data, (Staged, Keep)):
        return data.digest
    if isinstance(data, FileRef):
        return data.path
    return hashlib.sha1(data).digest()


def clear_staging(root: str) -> str:
    """The staging folder, emptied (an interrupted build may have left pages in it)."""
    folder = os.path.join(root, STAGING)
    if os.path.isdir(folder):
        import shutil
        shutil.rmtree(folder)
    return folder


def stage(data: bytes, rel: str, output: str, written: dict, folder: str, name: str):
    """Keep when `output` already holds exactly `data` at `rel`, else the page written to
    `folder`/`name` as Staged. Runs in the rendering workers."""
    digest = hashlib.sha1(data).digest()
    target = os.path.join(output, *rel.split("/"))
    if (written.get(rel) == digest and size_of(target) == len(data)) or same_bytes(target, data):
        return Keep(digest, len(data))
    path = os.path.join(folder, name)
    try:
        f = open(path, "wb")
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        f = open(path, "wb")
    with f:
        write_all(f, data, path)
    return Staged(path, digest, len(data))


def write_all(f, data: bytes, path: str) -> None:
    """f.write(data); an error names `path` (a write's own error names no file)."""
    try:
        f.write(data)
    except OSError as e:
        if e.filename:
            raise
        raise OSError(e.errno, e.strerror, path) from None


def size_of(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


def same_bytes(path: str, data) -> bool:
    try:
        if isinstance(data, FileRef):
            return os.path.getsize(path) == os.path.getsize(data.path)
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False
