"""Loading sitegen's caches (.sitegen-cache/*.pickle) so that nothing in them can run.

A site folder travels: zipped, on a USB stick, in a shared drive, with its cache. A
plain pickle.load() calls whatever a file names, so a planted cache would run code the
moment someone checks the site. Here a cache may name only the value types sitegen
itself saves: its named tuples (whose constructors only build a tuple), a few plain
classes of its own, and dates and arrays from the standard library. Anything else
stops the load; the caller then ignores that cache, as it would a damaged one, and the
user is told.
"""
from __future__ import annotations

import importlib
import io
import logging
import pickle
import re

from sitegen.lang import _


_STANDARD = {
    ("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"), ("datetime", "timedelta"),
    ("datetime", "timezone"), ("array", "array"), ("array", "_array_reconstructor"),
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "bytearray"),
}
# sitegen's own values that are not named tuples; each builds an object and nothing else.
_OWN = {("sitegen.cache.memo", "BuildMemo"), ("sitegen.render.imagecache", "Photo"),
        ("sitegen.read.yamlpos", "restore")}
_MODULE = re.compile(r"sitegen(?:\.[a-z_]+){1,2}")
_log = logging.getLogger("sitegen")


class Forbidden(pickle.UnpicklingError):
    """The cache names something sitegen never saves: planted, not damaged."""


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _STANDARD:
            return super().find_class(module, name)
        if _MODULE.fullmatch(module) and not name.startswith("_"):
            try:
                value = getattr(importlib.import_module(module), name)
            except (ImportError, AttributeError):
                value = None
            if (module, name) in _OWN or (isinstance(value, type) and issubclass(value, tuple)
                                          and hasattr(value, "_fields")):
                return value
        raise Forbidden(f"{module}.{name}")


def load(file):
    return _Unpickler(file).load()


def loads(data: bytes):
    return _Unpickler(io.BytesIO(data)).load()


def ignored(path: str, error: BaseException) -> None:
    """Say that a cache was ignored, when it was not simply missing or from another
    version: a planted one names something else, a damaged one does not load."""
    if isinstance(error, Forbidden):
        _log.warning(_("%s names %s, which sitegen never saves there (was the file put there by "
                       "someone else?); it was ignored and nothing in it was run. Deleting "
                       ".sitegen-cache/ is always safe"), path, error)
    elif isinstance(error, (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
                            IndexError, KeyError, ImportError, MemoryError, OverflowError)):
        _log.warning(_("%s is damaged (%s); it was ignored, and what it remembered is worked out "
                       "again"), path, error.__class__.__name__)
