"""Naming the legacy Vietnamese encoding of a file that is not UTF-8 (for E101).

Before Unicode, Vietnamese text was typed in Windows-1258 (base letter + combining tone
byte), VNI (base letter + a byte for each mark, đ as 0xF1) or TCVN3/ABC (precomposed
letters in the upper half). We score each by byte patterns that only it produces, plus
a few very common words, and name one only when the evidence is clear.
"""
from __future__ import annotations

import re

from sitegen.lang import _


_VOWELS = rb"aeiouyAEIOUY"

# Windows-1258: combining tone bytes (0xCC grave, 0xEC acute, 0xD2 hook, 0xDE tilde,
# 0xF2 dot) after a vowel, its own letters â ê ô ă ơ ư (0xE2 0xEA 0xF4 0xE3 0xF5 0xFD).
_CP1258 = re.compile(rb"[" + _VOWELS + rb"\xe2\xea\xf4\xe3\xf5\xfd\xc2\xca\xd4\xc3\xd5\xdd][\xcc\xec\xd2\xde\xf2]")
# VNI: a vowel followed by a mark byte; đ/Đ as ñ/Ñ.
_VNI = re.compile(rb"[" + _VOWELS + rb"][\xf9\xf8\xfb\xf5\xef\xe2\xe1\xe0\xe5\xe3\xe4\xea\xe9\xe8\xfa\xfc\xeb]")
_VNI_D = re.compile(rb"[\xf1\xd1][aeiouAEIOU]")
# TCVN3: precomposed vowels (0xB5-0xFE) and đ/Đ (0xAE/0xA7) between ASCII letters.
_TCVN3 = re.compile(rb"[a-zA-Z][\xa1-\xfe]|[\xa1-\xfe][a-zA-Z]")
_TCVN3_D = re.compile(rb"[\xae\xa7][\xa1-\xfea-zA-Z]")

_WORDS = {
    "Windows-1258": [b"\xd0a\xd2ng", b"\xf0a\xd2ng", b"n\xe3m", b"Vi\xea\xf2t", b"ca\xecc", b"va\xcc"],
    "VNI": [b"\xd1a\xfbng", b"\xf1a\xfbng", b"na\xeam", b"Vie\xe4t", b"ca\xf9c", b"va\xf8"],
    "TCVN3": [b"\xa7\xb6ng", b"\xae\xb6ng", b"n\xa8m", b"Vi\xd6t", b"c\xb8c", b"v\xb5"],
}


def guess_legacy(data: bytes) -> str | None:
    """'Windows-1258', 'VNI', 'TCVN3' or None when the bytes do not say clearly."""
    sample = data[:200_000]
    scores = {
        "Windows-1258": 3 * len(_CP1258.findall(sample)) + sample.count(b"\xf0") + sample.count(b"\xd0"),
        "VNI": 2 * len(_VNI.findall(sample)) + 3 * len(_VNI_D.findall(sample)),
        "TCVN3": len(_TCVN3.findall(sample)) + 2 * len(_TCVN3_D.findall(sample)),
    }
    for name, words in _WORDS.items():
        scores[name] += 20 * sum(sample.count(w) for w in words)
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] >= 6 and ranked[0] >= 1.5 * ranked[1]:
        return best
    return None


def describe_bad_utf8(data: bytes, err: UnicodeDecodeError) -> tuple[int, int, str]:
    """(line, column, message) for a file that failed to decode as UTF-8."""
    before = data[:err.start]
    line = before.count(b"\n") + 1
    column = err.start - (before.rfind(b"\n") + 1) + 1
    legacy = guess_legacy(data)
    byte = data[err.start:err.start + 1].hex().upper()
    if legacy:
        hint = _("it looks like {encoding}, a legacy Vietnamese encoding; open it in an editor "
                 "or Unikey's converter and save it as UTF-8").format(encoding=legacy)
    else:
        hint = _("save it as UTF-8 (in Notepad: File > Save As > Encoding: UTF-8)")
    return line, column, _("the file is not valid UTF-8 (byte 0x{byte} at line {line}); {hint}").format(
        byte=byte, line=line, hint=hint)
