"""What tells that something changed: the stamp of a file, and the version of sitegen's
own code. The build memo, check's cache and the photo cache trust what they remember
only while these are the same.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys


LIBRARIES = ("jinja2", "markdown", "pymdownx", "PIL", "yaml", "nh3", "markupsafe")


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the stamps of sitegen's own files (code and theme), the Python
    version and the installed libraries: a cache made by other code is never trusted
    (its posts, Markdown and contexts were made by that code). Any write to a file
    (an install, an upgrade, an edit) changes its stamp, as with the site's own files;
    stamping ~60 files costs a tenth of reading and digesting them (~4 ms a build)."""
    digest = hashlib.sha1(sys.version.encode())
    package = os.path.dirname(os.path.abspath(__file__))
    for base, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".html", ".xml", ".css", ".js", ".svg", ".mo")):
                path = os.path.join(base, name)
                digest.update(f"{os.path.relpath(path, package)}={file_stamp(path)}\0".encode())
    for name in LIBRARIES:  # an upgrade rewrites the package's files: new stamps
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(f"{name}={file_stamp(origin) if origin else None}".encode())
    return digest.hexdigest()


def cache_version() -> str:
    """What a cache of problems and posts must have been made under: this code, and the
    language its messages are in."""
    from sitegen import lang
    return f"{code_version()}/{lang.current()}"


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
