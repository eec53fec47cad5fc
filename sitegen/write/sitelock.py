"""One writer per site, and a mark that output/ is being changed.

The lock is an OS lock on .sitegen-cache/lock (flock, or msvcrt on Windows): the system
drops it when its process ends, however it ends, so a killed build never leaves a stale
lock behind.

The mark (.sitegen-cache/output-unverified) says that output/ may differ from what the
saved memo and manifest remember of it. A build sets it (durably) before it changes
output/ and clears it only once its memo and manifest are saved; `serve` and builds
without the cache set it and leave it. A build that finds it trusts nothing it
remembered about output/: it renders every page and compares every file byte for byte,
which also finishes or undoes whatever an interrupted build left half-switched.
"""
from __future__ import annotations

import contextlib
import os

from sitegen.lang import _
from sitegen.cache.folder import own_cache


LOCK_FILE = os.path.join(".sitegen-cache", "lock")
UNVERIFIED_FILE = os.path.join(".sitegen-cache", "output-unverified")


class SiteBusy(Exception):
    """Another sitegen process is building or serving this site."""


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _holder(text: str) -> str:
    """Who holds the lock, from what it wrote there ("sitegen build 1234"), in words."""
    parts = text.split()
    if len(parts) == 3 and parts[0] == "sitegen" and parts[2].isdigit():
        return _("`sitegen {command}` (process {pid})").format(command=parts[1], pid=parts[2])
    return _("another sitegen")


@contextlib.contextmanager
def site_lock(root: str, what: str = "build"):
    """Hold the site for one writer; SiteBusy at once if another holds it."""
    own_cache(root)
    path = os.path.join(root, LOCK_FILE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            try:
                holder = _holder(os.read(fd, 200).decode("utf-8", "replace"))
            except OSError:  # Windows refuses to read a locked region
                holder = _("another sitegen")
            raise SiteBusy(_("{holder} is writing this site ({folder}); wait until it finishes, or stop "
                             "it (a `sitegen serve` stops with Ctrl-C), then run the command again").format(
                holder=holder, folder=root))
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"sitegen {what} {os.getpid()}".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock


def unverified(root: str) -> bool:
    return os.path.exists(os.path.join(root, UNVERIFIED_FILE))


def distrust_output(root: str) -> None:
    """Durably, before output/ changes: a crash right after must still leave the mark."""
    path = os.path.join(root, UNVERIFIED_FILE)
    if os.path.exists(path):
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"output/ may differ from what .sitegen-cache remembers; the next build checks every file\n")
        f.flush()
        os.fsync(f.fileno())


def trust_output(root: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(os.path.join(root, UNVERIFIED_FILE))
