"""Pausing the cyclic garbage collector while a command builds large, long-lived data."""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused_gc():
    """Reading creates many long-lived objects; the cyclic collector would rescan them
    again and again for nothing (there are no cycles to find)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            # What was made meanwhile goes straight to the oldest generation: left young,
            # the first collection after enable() would scan all of it at once (0.5 s
            # at the end of a build of 10,000 posts) to find next to nothing.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
