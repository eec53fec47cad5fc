"""Vietnamese conventions: numbers, percentages, dates, slugs, collation, tone folding.

Pure functions only; docs/content-format.md ("How numbers and dates are shown") says
what they produce, and docs/architecture.md why no library does it here.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache


# --------------------------------------------------------------------------- numbers


def integer(n: int) -> str:
    """2755 -> '2.755'; a dot groups thousands from 1.000 up."""
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


def count(n: int, two_digits: bool = True) -> str:
    """A count in running text: '05' below 10 (the posts' own habit), else like integer()."""
    if two_digits and 0 <= n < 10:
        return f"{n:02d}"
    return integer(n)


def tenths_of_percent(part: int, whole: int) -> int:
    """part/whole in tenths of a percent, half rounded up, in integer arithmetic."""
    if whole <= 0:
        raise ValueError("a percentage needs a positive base")
    return (part * 2000 + whole) // (2 * whole)


def percent(part: int, whole: int) -> str:
    """7/8 -> '87,5%'; 30/30 -> '100%'; 1/3 -> '33,3%'; ',0' is dropped. Never '100%' or
    '0%' unless exact: 2999/3000 -> '99,97%', 1/3000 -> '0,03%' (one more decimal until
    the rounding no longer reaches the extreme)."""
    places = 1
    while True:
        scale = 10 ** places
        if whole <= 0:
            raise ValueError("a percentage needs a positive base")
        value = (part * 200 * scale + whole) // (2 * whole)  # half rounded up
        extreme = (value == 100 * scale and part != whole) or (value == 0 and part != 0)
        if not extreme or places >= 12:
            break
        places += 1
    whole_part, fraction = divmod(value, scale)
    text = integer(whole_part)
    if fraction:
        text += "," + f"{fraction:0{places}d}".rstrip("0")
    return text + "%"


# --------------------------------------------------------------------------- dates


def date_short(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def date_long(d: dt.date) -> str:
    """'ngày 11 tháng 12 năm 2023'. Days below 10 and months 1-2 get a leading zero,
    as administrative documents write them (so 'ngày 05 tháng 01' but 'tháng 3')."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


# --------------------------------------------------------------------------- folding and slugs

_MARKS_RE = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without tones or marks, đ -> d: what a phone keyboard without tones types."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return _MARKS_RE.sub("", unicodedata.normalize("NFD", text)).lower()


def fold_phrase(text: str) -> str:
    """fold(), with spaces as they come made one: "Chi bộ  thôn Tây Lâm" and "chi bo thon
    tay lam" are one phrase (a name, a title as a clerk types it)."""
    return " ".join(fold(text).split())


def fold_each(text: str) -> str:
    """Like fold(), but one character out for each character in, so positions match the
    original (the search page's JavaScript folds the same way and highlights by them)."""
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict):
    """A str.translate table that fills itself: each character is folded once, ever."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        low = ch.lower()
        if low == "đ":
            out = "d"
        else:
            base = _MARKS_RE.sub("", unicodedata.normalize("NFD", low))
            out = base if len(base) == 1 else (low if len(low) == 1 else ch)
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()


_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")


# A slug is a folder name in output/, and file systems refuse names over 255 bytes. No real
# title comes near; a longer slug is cut at a dash (the fuzzer found a 5,000-letter title).
MAX_SLUG = 200


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """'Hội nghị kiểm điểm Đảng viên năm 2023' -> 'hoi-nghi-kiem-diem-dang-vien-nam-2023'."""
    slug = _NON_SLUG_RE.sub("-", fold(unicodedata.normalize("NFC", text))).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG + 1].rsplit("-", 1)[0]
        slug = (cut if len(cut) >= MAX_SLUG // 2 else slug[:MAX_SLUG]).strip("-")
    return slug


# --------------------------------------------------------------------------- collation

# The Vietnamese alphabet; letters with a breve, circumflex or horn, and đ, are letters of
# their own. Tone marks only break ties (secondary key), in dictionary order.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {c: i for i, c in enumerate(_ALPHABET)}
_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter(base: str, marks: str) -> str:
    if base == "d" and "\u0111" in marks:
        return "đ"
    if "\u0306" in marks and base == "a":
        return "ă"
    if "\u0302" in marks and base in "aeo":
        return {"a": "â", "e": "ê", "o": "ô"}[base]
    if "\u031b" in marks and base in "ou":
        return {"o": "ơ", "u": "ư"}[base]
    return base


@lru_cache(maxsize=65536)
def _syllable_key(word: str) -> tuple:
    """Syllables repeat endlessly across unit names (Chi, bộ, thôn...): remembered."""
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    s = unicodedata.normalize("NFD", word.replace("đ", "d\u0111").replace("Đ", "D\u0111"))
    i = 0
    while i < len(s):
        ch = s[i]
        i += 1
        marks = ""
        while i < len(s) and (unicodedata.combining(s[i]) or s[i] == "\u0111"):
            marks += s[i]
            i += 1
        low = ch.lower()
        letter = _letter(low, marks)
        if letter in _LETTER_RANK:
            primary.append(100 + _LETTER_RANK[letter])
        elif low in "0123456789":
            primary.append(50 + int(low))
        else:
            primary.append(1000 + ord(low))
        tones.append(next((t for m, t in _TONES.items() if m and m in marks), 0))
        cases.append(0 if ch == low else 1)
    return (tuple(primary), tuple(tones), tuple(cases))


@lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple:
    """Sort key following the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư …),
    syllable by syllable as dictionaries do: 'Hà' < 'Hà Nội' < 'Hạ'."""
    return (tuple(_syllable_key(w) for w in text.split()), text)


def sort_vi(items, key=lambda x: x):
    return sorted(items, key=lambda item: collation_key(key(item)))
