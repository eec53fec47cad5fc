"""The four levels of a rating as people write them.

A post names a level by its id (`tot`), but a clerk copies it from the paper: "Hoàn thành
tốt nhiệm vụ", "hoàn thành tốt", "HTTNV", "hoan thanh tot". Each of these is read as the
level it names, as a value (`level: hoàn thành tốt`) and as a key of a count group
(`hoàn thành tốt: 7`). A spelling that names no level is never guessed at: the nearest
id by letters is often the level below ("hoan_thanh" is nearer to "hoan thanh tot"
than "tot" is), and a suggestion that changes a level publishes a wrong result.
"""
from __future__ import annotations

import re

from sitegen import vi
from sitegen.read.model import LEVELS

# Folded (no tones, lower case, words apart) -> level id.
_NAMES = {
    "xuat sac": "xuat_sac", "hoan thanh xuat sac": "xuat_sac", "htxs": "xuat_sac", "htxsnv": "xuat_sac",
    "tot": "tot", "hoan thanh tot": "tot", "htt": "tot", "httnv": "tot",
    "hoan thanh": "hoan_thanh", "ht": "hoan_thanh", "htnv": "hoan_thanh",
    "khong hoan thanh": "khong_hoan_thanh", "kht": "khong_hoan_thanh", "khtnv": "khong_hoan_thanh",
}
_JOINED = {name.replace(" ", ""): level for name, level in _NAMES.items()}
_TAIL = re.compile(r"(?: nhiem vu| nv)$")
_HEAD = re.compile(r"^(?:muc |xep loai |loai )+")
_SEPARATORS = re.compile(r"[\s_\-.:,;]+")
_WITH_SHORT = re.compile(r"\s*([^()]+?)\s*\(\s*([^()]+?)\s*\)\s*")


def folded_words(text: str) -> str:
    """`text` without tones, in lower case, its words apart: "Hoàn_thành-TỐT" -> "hoan thanh tot"."""
    return _SEPARATORS.sub(" ", vi.fold(text)).strip()


def level_id(text) -> str | None:
    """The level `text` names, or None. "Hoàn thành tốt nhiệm vụ", "hoàn thành tốt",
    "HTTNV", "hoan_thanh_tot", "tot" -> "tot"."""
    if not isinstance(text, str):
        return None
    if text in LEVELS:
        return text
    both = _WITH_SHORT.fullmatch(text)
    if both:  # "Hoàn thành tốt nhiệm vụ (HTTNV)": the name and its letters, when they agree
        level = level_id(both[1])
        return level if level is not None and level == level_id(both[2]) else None
    words = folded_words(text)
    words = _HEAD.sub("", _TAIL.sub("", words)).strip()
    return _NAMES.get(words) or _JOINED.get(words.replace(" ", ""))


def names_tot_or_better(text) -> bool:
    """"Hoàn thành tốt nhiệm vụ trở lên", "tốt trở lên", "HTTNV trở lên": the key
    `tot_or_better` as the paper writes it."""
    if not isinstance(text, str):
        return False
    words = folded_words(text)
    return words.endswith(" tro len") and level_id(words[:-len(" tro len")]) == "tot"


def looks_like_a_level(text) -> bool:
    """Whether `text` is written with the words levels are made of (hoàn thành, tốt,
    xuất sắc...), so that no other key or id may be suggested for it."""
    if not isinstance(text, str):
        return False
    words = set(folded_words(text).split())
    return bool(words & {"hoan", "thanh", "tot", "xuat", "sac", "khong", "nhiem"}) or level_id(text) is not None
