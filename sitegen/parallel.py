"""Mapping a function over many items on all cores, for the build's heavy steps
(Markdown, page rendering).

Workers are forked, so they inherit the function and the items (a renderer with its
compiled templates, the page list) instead of receiving them pickled; only results travel
back. Where fork does not exist (Windows) the work runs in one process.
"""
from __future__ import annotations

import gc
import multiprocessing
import os

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
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker) as pool:
            parts = pool.map(_run, bounds)
    finally:
        _work = None
    return [result for part in parts for result in part]
