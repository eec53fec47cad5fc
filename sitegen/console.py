"""Vietnamese on a console that is not UTF-8.

A Windows console shows any text, but output redirected to a file or a pipe, or read
by an older terminal, uses the system's code page: 1258 (Vietnamese), 1252 or 437.
Python would stop with UnicodeEncodeError at the first letter the code page lacks. The
streams are given an error handler instead that writes each such letter in the nearest
form the code page has: code page 1258 writes Vietnamese as a base letter and a
separate tone mark ("ệ" as "ê" + dot below), so nothing is lost there; elsewhere the
letter loses its marks ("ổ" as "o", "đ" as "d"), which still reads.
"""
from __future__ import annotations

import codecs
import sys
import unicodedata

HANDLER = "sitegen-nearest"
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def nearest(char: str, encoding: str) -> str:
    """`char` as `encoding` can write it: whole, as letter + separate tone mark, without
    its marks, or '?'."""
    decomposed = unicodedata.normalize("NFD", char)
    tones = "".join(c for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    for candidate in (base + tones, bare):
        try:
            codecs.encode(candidate, encoding)
            return candidate
        except (UnicodeEncodeError, LookupError):
            continue
    return "?"


def _handler_for(encoding: str):
    """An error handler writing in `encoding` (the error itself names only "charmap"
    for code pages)."""
    def handler(error):
        if not isinstance(error, UnicodeEncodeError):
            raise error
        text = error.object[error.start:error.end]
        return "".join(nearest(c, encoding) for c in text), error.end
    return handler


def make_safe(*streams) -> None:
    """Give each text stream that is not UTF-8 the nearest-letter error handler."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if not encoding or encoding in ("utf-8", "utf8", "utf-16", "utf-32") or not hasattr(stream, "reconfigure"):
            continue
        name = f"{HANDLER}-{encoding}"
        try:
            codecs.lookup_error(name)
        except LookupError:
            codecs.register_error(name, _handler_for(encoding))
        try:
            stream.reconfigure(errors=name)
        except (ValueError, OSError):  # a closed or detached stream: nothing to say there
            pass
