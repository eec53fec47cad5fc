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
import marshal
import operator
import os
import pickle
import sys
from array import array
from typing import NamedTuple

from . import safepickle
from .problems import Problem

MANIFEST_FILE = os.path.join(".sitegen-cache", "manifest.pickle")
INPUTS = ("site.yaml", "content", "layouts", "assets")
LIBRARIES = ("jinja2", "cmarkgfm", "PIL", "yaml", "nh3", "markupsafe")


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
            if name.endswith((".py", ".html", ".xml", ".css", ".js", ".svg")):
                path = os.path.join(base, name)
                digest.update(f"{os.path.relpath(path, package)}={file_stamp(path)}\0".encode())
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


class Scan(NamedTuple):
    """Every file a build reads from the site, and its folders, in a fixed order: their
    names ("\\0" between; a folder's ends with "/") and four numbers each in `stamps`
    (a file's stamp; zeros for a folder; UNSTAMPED for a file that cannot be stamped).
    Flat, so that saving, loading and comparing 10,000 of them is a copy, not 10,000
    tuples (~0.05 s of every rebuild at 10,000 posts)."""
    names: str
    stamps: array

    def name_list(self) -> list:
        return self.names.split("\0")


def scan_inputs(root: str) -> Scan:
    names: list = []
    stamps = array("q")
    for name in INPUTS:
        path = os.path.join(root, name)
        if os.path.isdir(path):
            _stamp_tree(names, stamps, path, name + "/")
        else:
            names.append(name)
            try:
                st = os.stat(path)
                stamps.extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino & _INODE))
            except OSError:
                stamps.extend(UNSTAMPED)
    return Scan("\0".join(names), stamps)


def digest_of(scan: Scan) -> bytes:
    digest = hashlib.sha1(scan.names.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + scan.stamps.tobytes())
    return digest.digest()


_FOLDER = (0, 0, 0, 0)
_BY_NAME = operator.attrgetter("name")


# Folders are listed through a descriptor where the system allows: each file is then
# stamped by its name in the folder, not by a path the kernel walks from the top (~20%
# of the scan at 10,000 posts).
_BY_FD = os.scandir in os.supports_fd and os.open in os.supports_dir_fd


def _stamp_tree(names: list, stamps: array, folder: str, prefix: str, parent: int | None = None) -> None:
    """`folder`: a path, or with `parent` (a descriptor) a name in that folder."""
    fd = None
    try:
        if _BY_FD:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0), dir_fd=parent)
        entries = sorted(os.scandir(fd if fd is not None else folder), key=_BY_NAME)
    except OSError as e:  # the folder's own name again, with the error
        if fd is not None:
            os.close(fd)
        names.append(prefix)
        stamps.extend((-2, e.errno or 0, 0, 0))
        return
    try:
        add, extend = names.append, stamps.extend
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                add(rel + "/")
                extend(_FOLDER)
                if fd is not None:
                    _stamp_tree(names, stamps, entry.name, rel + "/", fd)
                else:
                    _stamp_tree(names, stamps, entry.path, rel + "/")
            else:  # a link is stamped by its target: a change to the target is a change
                add(rel)
                try:
                    st = entry.stat()
                    extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino & _INODE))
                except OSError:
                    extend(UNSTAMPED)
    finally:
        if fd is not None:
            os.close(fd)


def outputs_digest(output: str, paths: list) -> bytes:
    """A digest of the stamps of `paths` (files and folders) inside `output`. A folder's
    stamp changes when anything is added to it, removed or renamed in it."""
    return stamps_digest(output_stamps(output, paths))


def stamps_digest(stamps: array) -> bytes:
    return hashlib.sha1(stamps.tobytes()).digest()


UNSTAMPED = (-1, -1, -1, -1)
_INODE = (1 << 63) - 1  # an inode number may use all 64 bits; the array's are signed


def output_stamps(output: str, paths: list) -> array:
    """The stamps of `paths` (str, or bytes as in Paths), four numbers each (size,
    modification and change times, inode), in one flat array: cheap to send from a
    process and to hash. Relative to a descriptor of `output` where the system allows
    (the kernel then walks only the path inside it: ~15% less time)."""
    if paths and isinstance(paths[0], bytes) and not (os.stat in os.supports_dir_fd):
        paths = [p.decode("utf-8", "surrogateescape") for p in paths]
    dot = b"." if paths and isinstance(paths[0], bytes) else "."
    stat = os.stat
    stamps = array("q")
    extend = stamps.extend
    fd = None
    if os.stat in os.supports_dir_fd:
        try:
            fd = os.open(output, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            fd = None
    try:
        if fd is None:
            base = os.path.join(output, "")
            for rel in paths:  # the hot loop of a no-change build: ~34,000 paths at 10,000 posts
                try:
                    st = stat(base + rel)
                except OSError:
                    extend(UNSTAMPED)
                    continue
                extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino & _INODE))
        else:
            for rel in paths:
                try:
                    st = stat(rel or dot, dir_fd=fd)
                except OSError:
                    extend(UNSTAMPED)
                    continue
                extend((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino & _INODE))
    finally:
        if fd is not None:
            os.close(fd)
    return stamps


class Paths(NamedTuple):
    """output/'s paths (a build's files and the folders holding them): NUL-joined, as
    UTF-8 bytes, and where each one starts (and, last, the length plus one). Loading
    them is one copy; a process stamping a chunk of them splits only that chunk
    (splitting all ~34,000 took ~5 ms before the stamping could start)."""
    raw: bytes
    starts: array

    @classmethod
    def of(cls, paths: list) -> "Paths":
        encoded = [p.encode("utf-8", "surrogateescape") for p in paths]
        starts, at = array("q"), 0
        for path in encoded:
            starts.append(at)
            at += len(path) + 1
        starts.append(at)
        return cls(b"\0".join(encoded), starts)

    def count(self) -> int:
        return len(self.starts) - 1

    def chunk(self, start: int, end: int) -> list:
        """Paths start to end (not included), as bytes."""
        return self.raw[self.starts[start]:self.starts[end] - 1].split(b"\0") if start < end else []

    def index(self, path: str) -> int:
        import bisect
        at = (b"\0" + self.raw + b"\0").find(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        if at < 0:
            raise ValueError(f"{path!r} is not in output/'s paths")
        return bisect.bisect_left(self.starts, at)


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
    save_record(root, {"key": key_of(root, output, drafts), "inputs": inputs, "paths": Paths.of(paths),
                       "outputs": outputs_digest(output, paths), "result": result})


def save_record(root: str, record: dict) -> None:
    # The problems as plain tuples through marshal: thousands of warnings are saved and
    # loaded by every rebuild (pickled: ~8 ms each way at 10,000 posts; marshal: ~4).
    problems, count = record["result"]
    record = dict(record, result=(marshal.dumps([tuple(p) for p in problems]), count))
    record.pop("problems", None)
    path = os.path.join(root, MANIFEST_FILE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        pickle.dump(record, f, protocol=5)
    os.replace(temp, path)


class Verification:
    """The last build's record, if made by this code for these options, and whether
    output/ still holds what that build wrote: stamping its ~34,000 paths (~0.15 s of
    system calls at 10,000 posts) starts in a forked process while this one scans the
    inputs and, for the edit shortcut, renders; when this one asks for the stamps it
    takes its share of the paths left (_SharedStamps). Use as a context manager: the
    process is always reaped, and stopped when its stamps are not wanted."""

    def __init__(self, root: str, output: str, drafts: bool):
        self.record, self._stamps, self._shared = _load_record(root, output, drafts), None, None
        if self.record is None:
            return
        paths = self.record["paths"]
        if not hasattr(os, "fork") or paths.count() < FORK_FROM:
            self._stamps = output_stamps(output, paths.chunk(0, paths.count()))
            return
        self._shared = _SharedStamps(output, paths)

    def stamps(self) -> array | None:
        """The stamps of output/ now, if it is what the record says; else None."""
        if self._shared is not None:
            shared, self._shared = self._shared, None
            self._stamps = shared.finish()
            if self._stamps is None or len(self._stamps) != 4 * self.record["paths"].count():
                self._stamps = array("q")
        if self._stamps is None or stamps_digest(self._stamps) != self.record["outputs"]:
            return None
        return self._stamps

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self._shared is not None:
            self._shared.stop()
            self._shared = None


def result_of(record: dict) -> tuple:
    """(problems, file count) of the build that saved `record` (a loaded one)."""
    found = record.get("problems")
    if found is None:
        rows, count = record["result"]
        found = record["problems"] = (tuple([Problem._make(row) for row in marshal.loads(rows)]), count)
    return found


FORK_FROM = 5000  # paths; below this, stamping them here is quicker than forking
CHUNK = 512       # paths a process takes at a time


class _SharedStamps:
    """Stamps of `paths` made by two processes: a forked one takes chunks from the front
    from the start, this one takes chunks from the back once it has done its own work
    (finish()), until they meet. The stamps and the two ends live in memory both share;
    the ends are read and moved only by the holder of the one byte in a pipe."""

    def __init__(self, output: str, paths: Paths):
        import mmap
        self.output, self.paths, count = output, paths, paths.count()
        self.memory = mmap.mmap(-1, 8 * (2 + 4 * count))  # shared with the forked process
        self.view = memoryview(self.memory).cast("q")
        self.ends, self.stamps = self.view[:2], self.view[2:]
        self.ends[0], self.ends[1] = 0, count
        self.token = os.pipe()
        os.write(self.token[1], b".")
        self.pid = os.fork()
        if self.pid == 0:  # the child: its share, then gone without cleaning up
            status = 1
            try:
                self._take(front=True)
                status = 0
            finally:
                os._exit(status)

    def _take(self, front: bool) -> None:
        ends, take, give = self.ends, self.token[0], self.token[1]
        while True:
            os.read(take, 1)
            start, end = ends[0], ends[1]
            if start < end:
                if front:
                    end = ends[0] = min(start + CHUNK, end)
                else:
                    start = ends[1] = max(end - CHUNK, start)
            os.write(give, b".")
            if start >= end:
                return
            self.stamps[4 * start:4 * end] = output_stamps(self.output, self.paths.chunk(start, end))

    def finish(self) -> array | None:
        """Every path's stamps, or None if the forked process failed."""
        self._take(front=False)
        _, status = os.waitpid(self.pid, 0)
        stamps = None
        if status == 0:
            stamps = array("q")
            stamps.frombytes(self.memory[16:])
        self._close()
        return stamps

    def stop(self) -> None:
        """The stamps are not wanted (the build does the whole work): end the process."""
        import signal
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(self.pid, 0)
        self._close()

    def _close(self) -> None:
        for fd in self.token:
            os.close(fd)
        for view in (self.ends, self.stamps, self.view):
            view.release()
        self.memory.close()


def _load_record(root: str, output: str, drafts: bool) -> dict | None:
    try:
        with open(os.path.join(root, MANIFEST_FILE), "rb") as f:
            record = safepickle.load(f)
        if (isinstance(record, dict) and record.get("key") == key_of(root, output, drafts)
                and all(name in record for name in ("inputs", "paths", "outputs", "result"))
                and isinstance(record["paths"], Paths)):
            return record  # its problems are read by result_of(), once output/'s stamping started
    except Exception as e:  # missing, damaged, from another version: do the real build
        safepickle.ignored(MANIFEST_FILE, e)
    return None
