"""Bytes that stand for a value's content, for the build's keys and digests."""
from __future__ import annotations

import hashlib
import io
import pickle


def value_bytes(value) -> bytes:
    """Bytes that depend only on `value`'s content: pickle (several times faster than repr
    on contexts holding whole posts) in fast mode, without its memo, whose back-references
    depend on which equal objects happen to be the same object. Without this, a context
    rebuilt from the memo pickled differently from an equal fresh one, and pages were
    rendered again for nothing."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(value)
    except ValueError:  # fast mode refuses cycles; a theme's custom data might have one
        return pickle.dumps(value, protocol=5)
    return buffer.getvalue()


def value_digest(value) -> bytes:
    return hashlib.sha1(value_bytes(value)).digest()
