"""Document numbers (section 5): canonical display of what people type.

Party documents: <số>-<loại>/<cơ quan>, e.g. 129-KH/HU, 124-QĐ/TW. People also type
'09 KH/ĐU', '31 – HD/BTCTW', 'Số 05-HD/BTCHU'. State documents put the year in the
middle, 90/2020/NĐ-CP, or have none, 12/KH-UBND; they are kept as typed.
"""
from __future__ import annotations

import re


_PREFIX = r"^\s*(?:s[ốo]\s*:?\s*)?"
_LETTERS = r"[A-ZĐ][A-ZĐ0-9]*"
_PARTY_RE = re.compile(
    _PREFIX + r"(\d+[a-zA-Z]?)\s*(?:[-–—‐]\s*|\s+)(" + _LETTERS + r"(?:-" + _LETTERS + r")*)"
    r"\s*/\s*(" + _LETTERS + r"(?:[-.]" + _LETTERS + r")*)\s*$", re.I)
# 90/2020/NĐ-CP (legal documents) and 12/KH-UBND (administrative ones, Decree 30/2020).
_STATE_RE = re.compile(
    _PREFIX + r"(\d+/(?:\d{4}/)?" + _LETTERS + r"(?:-" + _LETTERS + r")*)\s*$", re.I)


# The type a document number's code names (Decree 30/2020 and the Party's own usage).
# QĐ is both Quyết định and Quy định: the post says which (`type:`).
TYPES = {"KH": "Kế hoạch", "HD": "Hướng dẫn", "CV": "Công văn", "NQ": "Nghị quyết", "CT": "Chỉ thị",
         "KL": "Kết luận", "TB": "Thông báo", "BC": "Báo cáo", "NĐ": "Nghị định", "TT": "Thông tư",
         "QC": "Quy chế", "CTr": "Chương trình", "CTR": "Chương trình"}


def type_of(number: str, shape: str) -> str:
    """'Kế hoạch' for 129-KH/HU or 12/KH-UBND, '' when the code names no single type."""
    if shape == "party":
        code = number.split("-", 1)[1].split("/", 1)[0]
    elif shape == "state":
        code = number.split("/")[-1].split("-", 1)[0]
    else:
        return ""
    return TYPES.get(code, "")


def canonical(typed: str) -> tuple[str, str]:
    """(display form, shape) where shape is 'party', 'state' or 'other'."""
    m = _PARTY_RE.match(typed)
    if m:
        return f"{m[1]}-{m[2].upper()}/{m[3].upper()}", "party"
    m = _STATE_RE.match(typed)
    if m:
        return m[1].upper(), "state"
    return typed.strip(), "other"


# A citation as articles write it: "Kế hoạch số 34-KH/ĐU ngày 14/11/2025 của Đảng ủy xã
# về kiểm điểm cuối năm". The number is found first; what stands before it is the type,
# after it come the date ("ngày"), the issuer ("của") and the subject ("về", "V/v").
_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w/])(\d+[a-zA-Z]?\s*[-–—‐]\s*" + _LETTERS + r"(?:-" + _LETTERS + r")*\s*/\s*" + _LETTERS
    + r"(?:[-.]" + _LETTERS + r")*|\d+/(?:\d{4}/)?" + _LETTERS + r"(?:-" + _LETTERS + r")*)(?![\w/])", re.I)
_LEAD = re.compile(r"^(?:căn cứ|thực hiện|theo)\s+", re.I)
_SO = re.compile(r"[\s,]*\bsố\s*:?\s*$", re.I)
_SUBJECT = re.compile(r"[\s,;:]*\b((?:về|v/v)\s.*)$", re.I | re.S)
_ISSUER = re.compile(r"[\s,]*\bcủa\s+(.*)$", re.I | re.S)
_DATE = re.compile(r"^[\s,]*(?:ngày\s+)?(.*?)[\s,]*$", re.I | re.S)


def citation(text) -> dict | None:
    """{number, type, date, issuer, subject} of a document written on one line (those it
    gives, as written), or None when no document number can be found in it."""
    if not isinstance(text, str):
        return None
    found = _NUMBER_IN_TEXT.search(text)
    if found is None:
        return None
    before, rest = text[:found.start()], text[found.end():]
    out = {"number": found[1]}
    kind = _SO.sub("", _LEAD.sub("", before.strip())).strip(" ,")
    if kind:
        out["type"] = kind
    subject = _SUBJECT.search(rest)
    if subject:
        out["subject"], rest = subject[1].strip(), rest[:subject.start()]
    issuer = _ISSUER.search(rest)
    if issuer:
        out["issuer"], rest = issuer[1].strip(" ,"), rest[:issuer.start()]
    date = _DATE.match(rest)[1]
    if date:
        out["date"] = date
    return out


# A citation inside running text ("Thực hiện Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban
# Tổ chức Trung ương và Kế hoạch số 34-KH/ĐU …, chiều 20/12 …"): from its type to the next
# comma, semicolon, sentence end or "và" with another document; a subject's own lists
# ("kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên và tập thể, cá nhân")
# go on past their commas.
_GOES_ON = r"(?:đánh giá|xếp loại|kiểm điểm|cá nhân|tập thể|đảng viên(?=\s+(?:và|năm)\b))"
_TYPE_WORDS = (r"(?:kế hoạch|hướng dẫn|quy định|nghị quyết|công văn|chỉ thị|kết luận|thông báo|quyết định|"
               r"báo cáo|chương trình|quy chế|nghị định|thông tư)")
_CITED_IN_TEXT = re.compile(
    r"\b(" + _TYPE_WORDS + r"\s+(?:số\s*:?\s*)?" + _NUMBER_IN_TEXT.pattern
    + r"(?:[^,;\n.]|,\s*(?=" + _GOES_ON + r")|\.(?=\S))*?)"
    r"(?=\s+và\s+" + _TYPE_WORDS + r"|,(?!\s*" + _GOES_ON + r")|[;\n]|\.(?:\s|$)|$)", re.I)


def citations_in(text: str) -> list:
    """The documents an article cites, each as citation() reads it, in order, once each."""
    out, seen = [], set()
    for m in _CITED_IN_TEXT.finditer(text or ""):
        parts = citation(m[1].strip())
        if parts is not None and parts["number"] not in seen:
            seen.add(parts["number"])
            out.append(parts)
    return out
