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
