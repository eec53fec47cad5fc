"""Mapping a function over many items on all cores: the build's heavy steps (Markdown,
page rendering) through a multiprocessing pool, and check's reading through plain forks.

Workers are forked, so they inherit the function and the items (a renderer with its
compiled templates, the page list) instead of receiving them pickled; only results travel
back. Where fork does not exist (Windows) the work runs in one process.
"""
from __future__ import annotations

import contextlib
import gc
import os
import pickle

from sitegen.lang import _


# Below this many items one process is faster than starting others.
PARALLEL_FROM = 300

_work = None  # (function, items) of the map in progress, inherited by forked workers


def _start_worker() -> None:
    # The objects a worker inherits are frozen out of the collector's sight (see _run).
    gc.freeze()


def _run(bounds: tuple[int, int]) -> list:
    fn, items = _work
    try:
        return [fn(item) for item in items[bounds[0]:bounds[1]]]
    finally:
        # The build pauses the cyclic collector (its data has no cycles), but rendering a
        # page with Jinja2 leaves a few cycles behind: over thousands of pages a worker
        # grew by ~100 MB. One collection per batch, over what the worker made, frees them
        # (collecting as it went made the Markdown pass ~25% slower).
        if not gc.isenabled():
            gc.collect()


def cores(jobs: int | None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


def parallel_map(fn, items: list, jobs: int | None = None) -> list:
    """[fn(x) for x in items], in order, over `jobs` processes (default: all cores)."""
    global _work
    jobs = cores(jobs)
    if jobs < 2 or len(items) < PARALLEL_FROM or not hasattr(os, "fork"):
        return [fn(item) for item in items]
    size = max(50, len(items) // (jobs * 6))
    bounds = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _work = (fn, items)
    try:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker) as pool:
            parts = pool.map(_run, bounds)
    finally:
        _work = None
    return [result for part in parts for result in part]


def forked_map(fn, items: list, jobs: int, meanwhile):
    """([fn(x) for x in items], meanwhile()) over `jobs` processes: this one runs
    `meanwhile`, then joins `jobs - 1` forked ones in taking items from a queue. For
    `check`, whose items are small chunks: no pool and no multiprocessing to import (a
    pool cost ~0.05 s of a 1.5 s check), and this process's own results are never
    pickled. Without fork (Windows) everything runs here."""
    count = len(items)
    if jobs < 2 or count < 2 or not hasattr(os, "fork") or count * _RECORD > _PIPE_BUF:
        return [fn(item) for item in items], meanwhile()
    # The queue: item numbers in a pipe, written at once before anyone reads. A read of
    # one record is atomic, so each number is taken once, and a process the machine
    # slows down simply takes fewer.
    queue, queue_end = os.pipe()
    os.write(queue_end, b"".join(i.to_bytes(_RECORD, "little") for i in range(count)))
    os.close(queue_end)
    children = []
    try:
        for _child in range(jobs - 1):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns into the caller's code
                status = 1
                try:
                    os.close(read_end)
                    try:
                        # Each result is pickled as soon as it is made, while the
                        # parent still works: pickling all at the end kept it waiting
                        # (~0.4 s of a 10,000-post build's reading).
                        data = pickle.dumps((True, _take(fn, items, queue, _pickled)), protocol=5)
                    except BaseException as e:  # noqa: BLE001 - reported by the parent
                        data = pickle.dumps((False, f"{e.__class__.__name__}: {e}"))
                    with os.fdopen(write_end, "wb") as out:
                        out.write(data)
                    status = 0
                finally:
                    os._exit(status)
            os.close(write_end)
            children.append((pid, read_end))
        extra = meanwhile()
        own = _take(fn, items, queue)
    finally:
        os.close(queue)
        outcomes = [_collect(pid, read_end) for pid, read_end in children]  # all reaped
    failed = [value for ok, value in outcomes if not ok]
    if failed:
        raise RuntimeError(_("a worker process failed ({why})").format(why=failed[0]))
    results: list = [None] * count
    for i, result in own:
        results[i] = result
    for _ok, part in outcomes:
        for i, result in part:
            results[i] = pickle.loads(result)
    return results, extra


_RECORD = 2       # bytes of an item number in the queue
_PIPE_BUF = 4096  # what POSIX guarantees a pipe takes in one write without blocking


def _take(fn, items: list, queue: int, pack=None) -> list:
    """[(i, fn(items[i])), ...] for the numbers this process takes from the queue, each
    result passed through `pack` when given."""
    out = []
    while True:
        record = os.read(queue, _RECORD)
        if not record:
            return out
        i = int.from_bytes(record, "little")
        result = fn(items[i])
        out.append((i, result if pack is None else pack(result)))


def _pickled(value) -> bytes:
    return pickle.dumps(value, protocol=5)


def _collect(pid: int, read_end: int):
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(data) if data else (False, _("it ended without an answer"))


@contextlib.contextmanager
def alongside(fn, *args):
    """Run fn(*args) in a forked process while the body of the `with` runs here, and wait
    for it at the end. If the fork failed, or fn failed there, fn runs again here so that
    its error is raised as usual. Without fork (Windows) fn runs here first.

    For the build's last steps: pickling the memo (~0.9 s at 10,000 posts) and saving the
    other records (~0.7 s) are independent, and one core sat idle during each."""
    pid = None
    if hasattr(os, "fork"):
        try:
            pid = os.fork()
        except OSError:
            pid = None
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                fn(*args)
                status = 0
            finally:
                os._exit(status)
    if pid is None:
        fn(*args)
        yield
        return
    try:
        yield
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0:
        fn(*args)
