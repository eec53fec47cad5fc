"""Typed access to one loaded YAML document, collecting problems with their positions.

A Fields object belongs to the reading of one file and is thrown away after it; the
schema modules ask it for text, counts, dates and maps, and it records what is wrong.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import lru_cache

from sitegen import vi
from sitegen.lang import N_, _
from sitegen.problems import Problem
from sitegen.read.levels import level_id, looks_like_a_level
from sitegen.read.written import DATE_FORMS, parse_date, read_count, read_decimal, read_yes_no
from sitegen.read.yamlpos import MISSING, Doc, lookup


# Keys people write in Vietnamese, for "did you mean"; a word that names different keys in
# different maps ("tổng số" is a group's total, a vote's of, an attendance's members) lists
# them, and the map's own key is named.
VIETNAMESE_KEYS = {
    "tieu_de": "title", "tieude": "title", "ngay": "date", "ngay_dang": "date",
    "don_vi": "unit", "donvi": "unit", "tac_gia": "author", "tom_tat": "summary",
    "the": "tags", "anh": "photos", "hinh_anh": "photos", "ket_qua": "results",
    "nam": "review_year", "nam_danh_gia": "review_year", "can_cu": "basis",
    "chu_tri": "presiding", "khach_moi": "guests",
    "tong_so": ("total", "of", "members"), "tong": "total", "xuatsac": "xuat_sac", "hoanthanh": "hoan_thanh",
    "ngay_hop": "meeting_date", "ky": "period", "ky_danh_gia": "period", "quy_dinh": "regime",
    "van_ban": "basis", "van_ban_can_cu": "basis", "dai_bieu": "guests", "anh_bia": "cover",
    "ban_nhap": "draft", "tinh_trang": "status", "trang_thai": "status",
    # results, as the report heads its parts
    "tap_the": "unit", "xep_loai_tap_the": "unit", "chi_bo": "unit", "dang_bo": "unit",
    "dang_vien": "members", "xep_loai_dang_vien": "members", "to_chuc_dang": "organizations",
    "to_chuc_co_so_dang": "organizations", "chi_bo_truc_thuoc": "organizations",
    "tap_the_lanh_dao": "leadership", "tap_the_lanh_dao_quan_ly": "leadership",
    "can_bo_lanh_dao": "leaders", "can_bo_lanh_dao_quan_ly": "leaders", "ca_nhan_lanh_dao": "leaders",
    "muc": "level", "muc_xep_loai": "level", "xep_loai": "level", "bieu_quyet": ("votes", "of"),
    "tan_thanh": ("votes", "agree"), "diem": "score", "danh_hieu": "honors",
    # a vote and an attendance, as "tán thành 28/28", "có mặt 28/30"
    "so_tan_thanh": "agree", "dong_y": "agree", "nhat_tri": "agree", "so_bieu_quyet": "of",
    "so_phieu": "of", "co_mat": "present", "so_co_mat": "present", "tham_du": "present",
    "so_dang_vien": "members", "du_hop": ("attendance", "present"),
    # units.yaml, and the people of a post
    "ten": "name", "ho_ten": "name", "ho_va_ten": "name", "ten_don_vi": "name", "ma": "id", "ma_don_vi": "id",
    "loai": "kind", "cap": "kind", "loai_to_chuc": "kind", "truc_thuoc": "parent", "cap_tren": "parent",
    "don_vi_cap_tren": "parent", "cap_uy": "committee", "ten_cap_uy": "committee", "ten_cu": "former_names",
    "chuc_vu": "position",
}

_NOT_WORD = re.compile(r"[\W_]+")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+$")             # 2.755, 1.800, 12.345.678
_COUNT_WITH_WORDS = re.compile(r"(\d+)\s*(?:[^\W\d]|[(\[,;:–-])", re.U)  # 7 đồng chí, 7đ/c, 30 (trong đó …)
# A share given only as a percentage, with or without words around it: "100%", "nhất trí
# 100%", "tỷ lệ tán thành: 100%", "100% đảng viên có mặt".
_PERCENT = re.compile(r"(?:[^\d%/]*\s)?\d+(?:[.,]\d+)?\s*%(?:\s[^\d%/]*)?")
_COUNT_OF = re.compile(r"(\d+)\s*/\s*\d+")                # 28/30, as the articles write "28/30 đồng chí"



def dotted(path) -> str:
    """A key's path as messages name it: "results.members.total", and an item of a list
    counted from 1, as people count: "basis #2.date" is the second document's date."""
    out = ""
    for part in path:
        out += f" #{part + 1}" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out.lstrip() or _("front matter")


def kind_of(value) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{text}'").format(text=value[:40])
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a map")
    return _("nothing")


def suggest(word: str, known) -> str:
    """' (did you mean `x`?)' or ''."""
    named = suggestion(word, known)
    return _(" (did you mean `{key}`?)").format(key=named) if named else ""


def suggestion(word: str, known) -> str | None:
    """The known key or id `word` was probably meant to be, or None. A word made of the
    words of levels gets the level it names or nothing: the nearest id by letters is
    often another level (levels.py)."""
    folded = _NOT_WORD.sub("_", vi.fold(str(word))).strip("_")  # "tập thể lãnh đạo, quản lý"
    meant = VIETNAMESE_KEYS.get(folded, ())
    meant = next((key for key in ((meant,) if isinstance(meant, str) else meant) if key in known), None)
    if meant is not None:  # before the levels: "tán thành" is a vote, not a level's "thành"
        return meant
    if looks_like_a_level(word):
        named = level_id(word)
        return named if named in known and named != word else None
    if folded in known and folded != word:
        return folded
    close = difflib.get_close_matches(folded, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


@lru_cache(maxsize=256)
def _key_set(known: tuple) -> frozenset:
    return frozenset(known)


def _moved(key: str, home: tuple, path: tuple) -> str:
    """The hint telling where a key written in the map at `path` belongs."""
    if home == ():
        return _(" (`{key}` is a key of the front matter itself, not of {where}: move the line "
                 "out to the start of the line, with no spaces before it)").format(key=key, where=dotted(path))
    return _(" (`{key}` belongs under `{home}`: move the line there, indented below `{last}:`)").format(
        key=key, home=dotted(home), last=home[-1])


class Fields:
    def __init__(self, doc: Doc, rel: str, homes: dict | None = None, home_of=None):
        self.doc = doc
        # key -> the path of the map it belongs in (a post's `votes` under results.unit):
        # a key written in another map is told where to move. `home_of(key, path)` gives
        # the map of a key known by its words rather than its name (a reason not to rate).
        self.homes = homes or {}
        self.home_of = home_of
        self.rel = rel
        self.problems: list[Problem] = []
        self._value = doc.value
        self._odd = doc.odd  # may a number's source text differ from its value?
        # Keys reported as probably misspelt (`unti` for `unit`): that they are missing
        # is the same slip, and is not reported again.
        self.misspelt: set = set()

    # ------------------------------------------------------------------ reporting
    def problem(self, code: str, path, message: str, key: bool = False) -> None:
        loc = self.doc.at(tuple(path), key)
        self.problems.append(Problem(self.rel, loc.line, loc.column, code, message))

    # Values are looked up in the loaded value itself; the document's position tables are
    # only consulted to place a problem (most files have none, and never build them).
    def get(self, path):
        return lookup(self._value, path)

    def has(self, path) -> bool:
        return lookup(self._value, path) is not MISSING

    # ------------------------------------------------------------------ structure
    def mapping(self, path, known, required=(), where: str = "", also: dict | None = None,
                share: tuple = ()) -> dict | None:
        """The map at `path` with unknown keys (E202) and missing ones (E201) reported (in
        messages named `where`, or by its path);
        `also` maps keys written in words to the known key each stands for; `share` is
        (an example of the "28/30" the map may be written as, what its numbers are), for a
        value given as a percentage."""
        value = lookup(self._value, path)
        if value is MISSING:
            return None
        if share and isinstance(value, str) and _PERCENT.fullmatch(value.strip()):
            self.problem("E203", path, _("{key} is '{text}', a percentage; write the two numbers, e.g. "
                                         "`{leaf}: {share}` ({what}): sitegen works out the percentage").format(
                key=dotted(path), text=value.strip(), leaf=path[-1], share=share[0], what=_(share[1])))
            return None
        if not isinstance(value, dict):
            self.problem("E203", path, _("{key} must be a map of keys ({keys}, ...), but it is {value}").format(
                key=dotted(path), keys=", ".join(list(known)[:4]), value=kind_of(value)))
            return None
        known_set = _key_set(known).union(also) if also else _key_set(known)
        if not known_set.issuperset(value):  # rare: the usual map is checked in one C call
            self._unknown_keys(path, value, known, known_set, where)
        for key in required:
            if key not in value and tuple(path) + (key,) not in self.misspelt and key not in (also or {}).values():
                self.problem("E201", path, _("{where} needs the key `{key}`").format(where=where or dotted(path), key=key),
                             key=True)
        return value

    def _unknown_keys(self, path, value: dict, known, known_set, where: str) -> None:
        for key, item in value.items():
            if key in known_set:
                continue
            # A key of another map, written right, is sent there before any look-alike here
            # (`present` beside `attendance` is not `presiding`).
            hint, home = self._home_hint(key, tuple(path)) if key in self.homes else ("", None)
            meant = None if home else suggestion(key, known)
            if meant:
                hint = _(" (did you mean `{key}`?)").format(key=meant)
                self.misspelt.add(tuple(path) + (meant,))
            elif home is None:
                hint, home = self._home_hint(key, tuple(path))
            if home is not None:  # nor is it missing where it belongs
                self.misspelt.add(home)
            if item is None and (" " in key or not key.isascii()) and not hint:
                # `{name: A, position: Bí thư, Hiệu trưởng}`: the comma ended the value.
                hint = _(" (is it the end of the value before it? inside {{ }} a comma separates "
                         "keys, so put that value in quotes: position: \"Bí thư chi bộ, Hiệu trưởng\")").format()
            self.problem("E202", tuple(path) + (key,),
                         _("unknown key `{key}` in {where}{hint}; known keys: {known}").format(
                             key=key, where=where or dotted(path), hint=hint, known=", ".join(known)), key=True)

    def _home_hint(self, key: str, path: tuple) -> tuple[str, tuple | None]:
        """(the hint, the key's path) naming where `key` (or the key its Vietnamese words
        name) belongs, when that is another map than `path`; ("", None) when none."""
        named = VIETNAMESE_KEYS.get(_NOT_WORD.sub("_", vi.fold(str(key))).strip("_"), ())
        for meant in (key,) + ((named,) if isinstance(named, str) else tuple(named)):
            home = self.homes.get(meant)
            if home is not None and home != path:
                return _moved(meant, home, path), home + (meant,)
        home = self.home_of(key, path) if self.home_of is not None else None
        if home is not None and home != path:
            return _moved(key, home, path), home + (key,)
        return "", None

    def items(self, path, allow_single: bool = False) -> list:
        """Paths of the items of the list at `path` ([] when missing or wrong)."""
        value = lookup(self._value, path)
        if value is MISSING or value is None:
            return []
        if not isinstance(value, list):
            if allow_single:
                return [tuple(path)]
            self.problem("E203", path, _("{key} must be a list (lines starting with '- '), but it is {value}").format(
                key=dotted(path), value=kind_of(value)))
            return []
        return [tuple(path) + (i,) for i in range(len(value))]

    # ------------------------------------------------------------------ scalars
    def text(self, path, required: bool = False, what: str = "") -> str | None:
        value = lookup(self._value, path)
        if type(value) is str:  # the common case first
            return value.strip()
        if value is None or value is MISSING:
            if required and tuple(path) not in self.misspelt:
                self.problem("E201", path[:-1] or path, _("the key `{key}` is required{what}").format(
                    key=dotted(path), what=_(what) if what else ""), key=True)
            return None
        if isinstance(value, (dict, list)):
            self.problem("E203", path, _("{key} must be text, but it is {value}").format(
                key=dotted(path), value=kind_of(value)))
            return None
        return self.doc.raw(path) or str(value).strip()

    def plain_count(self, value, maximum: int) -> bool:
        """True when `value` (already looked up) is a count as typed, needing no check:
        the schema's shortcut around integer() for the many counts of a post."""
        return type(value) is int and not self._odd and 0 <= value <= maximum

    def integer(self, path, minimum: int = 0, maximum: int | None = None, what: str = N_("a count")) -> int | None:
        value = lookup(self._value, path)
        if value is MISSING or value is None:
            return None
        # Counts typed with a leading zero ('05', '010') mean decimal, as on paper; YAML 1.1
        # would read '010' as octal 8 and '08' as text.
        if type(value) is int:
            raw = self.doc.raw(path) if self._odd else None
            if raw is not None and raw.isascii() and raw.isdigit():
                value = int(raw, 10)
            if value >= minimum and (maximum is None or value <= maximum):
                return value
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():  # not "²"
            value = int(value.strip(), 10)
        elif isinstance(value, (float, str)) and not isinstance(value, bool):
            # "2.755" as a newspaper writes it (YAML reads 2.755, and "1.800" as 1.8):
            # the digits are taken from the text as typed, never through the float.
            typed = (self.doc.raw(path) or "") if isinstance(value, float) else value.strip()
            if _GROUPED.match(typed):
                value = int(typed.replace(".", ""))
            elif isinstance(value, str) and (counted := read_count(typed)) is not None:
                value = counted  # "15 đồng chí", as the report writes it
            elif isinstance(value, str) and _PERCENT.fullmatch(typed):
                self.problem("E203", path, _("{key} is '{text}', a percentage; write how many (sitegen works "
                                             "out the percentages from the counts)").format(key=dotted(path), text=typed))
                return None
            elif isinstance(value, str) and (found := _COUNT_WITH_WORDS.match(typed) or _COUNT_OF.match(typed)):
                self.problem("E203", path, _("{key} is '{text}'; write only the number, e.g. `{leaf}: {number}`").format(
                    key=dotted(path), text=typed, leaf=path[-1], number=found[1]))
                return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem("E203", path, _("{key} must be {what} (a whole number), but it is {value}").format(
                key=dotted(path), what=_(what), value=kind_of(value)))
            return None
        if value < minimum:
            self.problem("E203", path, _("{key} is {value}; it must be {minimum} or more").format(
                key=dotted(path), value=value, minimum=minimum))
            return None
        if maximum is not None and value > maximum:
            self.problem("E203", path, _("{key} is {value}; it must be {maximum} or less").format(
                key=dotted(path), value=value, maximum=maximum))
            return None
        return value

    def number(self, path, low: float, high: float) -> float | None:
        value = self.get(path)
        if value is MISSING or value is None:
            return None
        if isinstance(value, str) and (read := read_decimal(value)) is not None:
            value = read  # "86,5", "86 điểm"
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            self.problem("E203", path, _("{key} must be a number from {low} to {high}, but it is {value}").format(
                key=dotted(path), low=f"{low:g}", high=f"{high:g}", value=kind_of(value)))
            return None
        if not low <= value <= high:
            self.problem("E203", path, _("{key} is {value}; it must be from {low} to {high}").format(
                key=dotted(path), value=f"{value:g}", low=f"{low:g}", high=f"{high:g}"))
            return None
        return value

    def boolean(self, path, default: bool = False) -> bool:
        value = self.get(path)
        if value is MISSING or value is None:
            return default
        if isinstance(value, bool):
            return value
        if (said := read_yes_no(value)) is None:  # "có" / "không"
            self.problem("E203", path, _("{key} must be true or false, but it is {value}").format(
                key=dotted(path), value=kind_of(value)))
            return default
        return said

    def choice(self, path, options, default: str | None = None, read=None, shown: str | None = None) -> str | None:
        """One of `options`; `read` takes other spellings of them (choices.py) and `shown`
        lists them for the message, with their Vietnamese names."""
        value = self.text(path)
        if value is None:
            return default
        found = value if value in options else read(value) if read else None
        if found is None:
            self.problem("E203", path, _("{key} is '{value}'; it must be one of {options}{hint}").format(
                key=dotted(path), value=value, options=shown or ", ".join(options), hint=suggest(value, options)))
            return default
        return found

    def date(self, path, required: bool = False) -> dt.datetime | None:
        value = self.get(path)
        if value is MISSING or value is None:
            if required and tuple(path) not in self.misspelt:
                self.problem("E201", path[:-1] or path, _("the key `{key}` is required; {forms}").format(
                    key=dotted(path), forms=_(DATE_FORMS)), key=True)
            return None
        if not isinstance(value, str):
            value = self.doc.raw(path) or value
        if not isinstance(value, str):
            self.problem("E203", path, _("{key} must be a date, but it is {value}; {forms}").format(
                key=dotted(path), value=kind_of(value), forms=_(DATE_FORMS)))
            return None
        result, why = parse_date(value)
        if result is None:
            self.problem("E203", path, f"{dotted(path)}: {why}")
        return result

    def text_list(self, path) -> tuple:
        out = []
        for item in self.items(path, allow_single=True):
            text = self.text(item)
            if text:
                out.append(text)
        return tuple(out)
