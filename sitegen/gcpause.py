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
            gc.enable()
