"""The few keys whose value is one of a set of ids, as clerks write them in Vietnamese.

`status: proposed` is what the format writes, but a clerk who reads the skeleton's
comment types `status: đề nghị`; `period: quý I`, `kind: chi bộ` likewise. Each of these
is read as the id it names, with or without tones, in any case, words apart or joined by
'_' or '-'. Only whole phrases are taken (never a guess by letters): "chưa được công
nhận" must not be read as "được công nhận". Levels have their own module (levels.py).
"""
from __future__ import annotations

import re

from sitegen.read import levels

# Folded phrase -> id. A decision is "công nhận", "quyết định" or "phê duyệt".
# Who decides may be named: "đề nghị cấp trên công nhận", "được cấp có thẩm quyền công nhận".
_DONE = ("cong nhan", "quyet dinh", "phe duyet")
_WHO = ("", "cap tren ", "cap uy cap tren ", "cap co tham quyen ")
_STATUS = {
    **dict.fromkeys([f"{before}{who}{done}" for done in _DONE + ("xem xet",) for who in _WHO
                     for before in ("chua ", "chua duoc ", "cho ", "dang cho ", "de nghi ", "de xuat ")]
                    + ["de nghi", "de xuat", "du kien", "chua chinh thuc", "de nghi cap tren"], "proposed"),
    **dict.fromkeys([f"{before}{who}{done}" for done in _DONE for who in _WHO
                     for before in ("", "da ", "duoc ", "da duoc ")]
                    + [f"{who}da {done}" for done in _DONE for who in _WHO[1:]] + ["chinh thuc"], "approved"),
}
_KINDS = {
    "chi bo": "chi_bo", "chi bo truc thuoc": "chi_bo", "chi bo co so": "chi_bo_co_so",
    "dang bo": "dang_bo", "dang bo co so": "dang_bo_co_so", "dang bo bo phan": "dang_bo_bo_phan",
    "dang bo cap tren": "dang_bo_cap_tren", "dang bo cap tren co so": "dang_bo_cap_tren",
}
_YEAR = frozenset(("nam", "ca nam", "hang nam"))
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_RE = re.compile(r"^(?:quy|quarter) ?(i{1,3}|iv|[1-4])$")
_TERM_RE = re.compile(r"^(?:nhiem ky|term)(?: (\d{4}) ?(\d{4}))?$")
_PERIOD_RE = re.compile(r"^(year|term|term:\d{4}-\d{4}|quarter:[1-4])$")
_REGIME_RE = re.compile(r"\b(132|124|366)\b")


def _words(text: str) -> str:
    return levels.folded_words(text.replace("–", "-").replace("—", "-"))


def status_id(text) -> str | None:
    """"đề nghị" -> proposed, "đã được công nhận" -> approved; None when it names neither."""
    if not isinstance(text, str):
        return None
    if text in ("proposed", "approved"):
        return text
    return _STATUS.get(_words(text))


# A level as the results page shows it: "Hoàn thành tốt nhiệm vụ (đề nghị)".
_WITH_STATUS = re.compile(r"(.*?)\s*\(\s*([^()]*?)\s*\)\s*")


def level_with_status(text) -> tuple[str, str] | None:
    """"Hoàn thành tốt nhiệm vụ (đề nghị)" -> ("tot", "proposed"); None for anything else."""
    parts = _WITH_STATUS.fullmatch(text) if isinstance(text, str) else None
    level, status = (levels.level_id(parts[1]), status_id(parts[2])) if parts else (None, None)
    return (level, status) if level and status else None


def kind_id(text, kinds: tuple) -> str | None:
    """"Chi bộ" -> chi_bo, "đảng bộ bộ phận" -> dang_bo_bo_phan; None when it names none."""
    if not isinstance(text, str):
        return None
    if text in kinds:
        return text
    words = _words(text)  # "Chi bộ trực thuộc Đảng ủy xã": the words after "trực thuộc" name its parent
    found = _KINDS.get(words) or _KINDS.get(re.sub(r" truc thuoc .*$", "", words))
    return found if found in kinds else None


def period_id(text) -> str | None:
    """"cả năm" -> year, "quý II" -> quarter:2, "nhiệm kỳ 2020-2025" -> term:2020-2025;
    None when it names none. A period written with its year ("quý I năm 2025") is
    period_with_year's: the year must agree with `review_year`."""
    if not isinstance(text, str):
        return None
    if _PERIOD_RE.match(text):
        return text
    words = _words(text)
    if words in _YEAR or words == "year":
        return "year"
    m = _QUARTER_RE.match(words)
    if m:
        return f"quarter:{_ROMAN[m[1]]}"
    m = _TERM_RE.match(words)
    if m:
        return f"term:{m[1]}-{m[2]}" if m[1] else "term"
    return None


_WITH_YEAR = re.compile(r"(.*?)\s*[/-]?\s*(\d{4})")


def period_with_year(text) -> tuple[str, int] | None:
    """"cả năm 2025" -> ("year", 2025), "quý IV/2025" -> ("quarter:4", 2025): a period
    written with the year it reviews; None for anything else."""
    found = _WITH_YEAR.fullmatch(_words(text)) if isinstance(text, str) else None
    if found is None:
        return None
    before, year = found[1], int(found[2])
    if not before:  # `period: 2025`: that year, whole
        return "year", year
    period = period_id(before) or (period_id(before[:-len(" nam")]) if before.endswith(" nam") else None)
    return (period, year) if period else None


def honor_id(text) -> str | None:
    """"tiêu biểu", "Tiêu biểu" -> tieu_bieu; None otherwise."""
    return "tieu_bieu" if isinstance(text, str) and levels.folded_words(text).replace(" ", "") == "tieubieu" \
        else None


def regime_number(text) -> str | None:
    """The number of the regulation `text` names ("Quy định 366", "366-QĐ/TW", 366), or None."""
    m = _REGIME_RE.search(str(text)) if isinstance(text, (str, int)) and not isinstance(text, bool) else None
    return m[1] if m else None


def quota_base_id(text) -> str | None:
    """"tốt" -> tot, "hoàn thành tốt nhiệm vụ trở lên" -> tot_or_better; None otherwise."""
    if not isinstance(text, str):
        return None
    if text in ("tot", "tot_or_better"):
        return text
    if levels.names_tot_or_better(text):
        return "tot_or_better"
    return "tot" if levels.level_id(text) == "tot" else None
