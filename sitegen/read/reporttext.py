"""The counts of a count group, and the meeting's attendance, vote and the unit's rating,
read from a report's own sentences, for the editor's "điền từ đoạn báo cáo": a clerk
pastes the paragraph of the báo cáo or the article that gives the results, and the
form's fields are filled from it.

Only what a sentence ties to a number is read: a level with its count before or after
it ("Hoàn thành tốt nhiệm vụ: 20 đồng chí", "04 đồng chí hoàn thành xuất sắc nhiệm vụ"),
"… trở lên, trong đó …", the total, those rated, those not rated by reason and those
disciplined during the year. A key
given two different numbers is left out and named, never guessed at. The form shows the
sums and the sentences the post will print, so the clerk sees what was read.
"""
from __future__ import annotations

import re

from sitegen import vi
from sitegen.read.citing import is_position, person_parts
from sitegen.read.written import WHO

_NUM = r"(\d{1,3}(?:\.\d{3})+|\d{1,7})(?!\d|\.\d)"
# Who is counted, and a share that may follow the count: "04 đồng chí (chiếm 14,3%)".
_WHO = r"(?:\s*" + vi.fold(WHO) + r")?"
_SHARE = r"(?:\s*\(\s*(?:chiem|dat|bang)?\s*(?:ty le\s*)?[\d.,]+\s*%\s*\)|\s*,?\s*(?:chiem|dat)\s*(?:ty le\s*)?[\d.,]+\s*%)?"
_LEVEL = (r"(?:(?P<xuat_sac>hoan thanh xuat sac(?: nhiem vu)?|htxsnv|htxs)"
          r"|(?P<khong_hoan_thanh>khong hoan thanh(?: nhiem vu)?|khtnv)"
          r"|(?P<tot>hoan thanh tot(?: nhiem vu)?|httnv)"
          r"|(?P<hoan_thanh>(?<!khong )hoan thanh nhiem vu|(?<!k)htnv))"
          r"(?P<up>\s*tro len)?")
_LEVEL_RE = re.compile(_LEVEL)
# A count after the level, joined by a colon, a dash or "có"/"là", never across a comma.
_AFTER = re.compile(r"\s*(?:[:\-–]\s*)?(?:(?:co|la|gom|dat)\s+)?" + _NUM + _WHO + r"\b")
# A count before the level: "20 đồng chí (66,7%) được xếp loại hoàn thành tốt nhiệm vụ".
_BEFORE = re.compile(r"(?:(?P<none>khong co (?:dong chi|dang vien|to chuc|chi bo|ai) nao)|" + _NUM + r"(?:\s*/\s*\d+)?"
                     + _WHO + _SHARE + r")\s*(?:duoc\s+)?(?:xep loai\s+|danh gia\s+)?(?:(?:o\s+)?muc\s+)?$")
# "Tổng số đảng viên của chi bộ: 30", "Tổng số tổ chức cơ sở đảng là 20", "tổng số 32 đảng viên".
_TOTAL = re.compile(r"tong so(?: [a-z]+){0,6}?\s*(?:la|co|[:\-–])?\s*" + _NUM + r"(?!\s*/)")
_HAS = re.compile(r"(?:chi|dang) bo(?: hien)? co\s*" + _NUM + r"\s*dang vien(?=\s*[,.;:(]|\s*$|\s+trong do)")
# Those rated, "được đánh giá, xếp loại: 28", "xếp loại 30 đồng chí", "25/27 đảng viên được xếp
# loại", but not a count that a level follows ("xếp loại: 04 đồng chí hoàn thành xuất sắc").
_NO_LEVEL = r"(?!" + _WHO + _SHARE + r"\s*(?:duoc\s+)?(?:xep loai\s+)?(?:o\s+)?(?:muc\b|hoan thanh|khong hoan thanh|ht|kht))"
_RATED = re.compile(r"(?<!khong )(?<!chua )(?:(?:duoc|tham gia)\s+(?:kiem diem,?\s*)?danh gia(?:,?\s*xep loai)?"
                    r"|(?:duoc\s+)?xep loai)(?: chat luong)?(?: dang vien)?(?: la)?\s*[:\-–]?\s*"
                    + _NUM + r"(?:\s*/\s*" + _NUM + r")?" + _NO_LEVEL)
_RATED_BEFORE = re.compile(_NUM + r"(?:\s*/\s*" + _NUM + r")?" + _WHO + r"\s*(?:duoc\s+)?(?:kiem diem,?\s*)?"
                           r"(?:danh gia,?\s*)?xep loai" + r"(?!\s*(?:o\s+)?(?:muc\b|hoan thanh|khong hoan thanh|ht|kht))")
# "có 01 đảng viên bị thi hành kỷ luật", "bị kỷ luật: 01 đồng chí", "không có đảng viên nào
# bị kỷ luật"; the count must stand right before or after the words.
_PUNISHED = r"bi (?:thi hanh |xu ly )?ky luat(?: trong nam)?"
_DISCIPLINED = re.compile(r"(?:(?P<none>khong co (?:dong chi|dang vien|to chuc|chi bo|tap the|can bo|ai) nao)|"
                          + _NUM + _WHO + r")\s*(?:vi pham\s*)?" + _PUNISHED
                          + r"|" + _PUNISHED + r"\s*(?:la|[:\-–])?\s*" + _NUM + _WHO + r"\b")
_REASONS = (
    ("exempt", r"(?:duoc\s+)?mien(?: cong tac(?: va)?)? (?:sinh hoat(?: dang)?|danh gia|kiem diem)"),
    ("suspended", r"(?:bi\s+)?(?:tam\s+)?dinh chi sinh hoat(?: dang)?"),
    ("new", r"(?:dang vien\s+)?moi ket nap(?: chua du (?:6|sau) thang)?"),
)


# A table's rows, as a report's tables reach the reader: Markdown rows ("| a | b |", a Word
# file read by `new --from`) or cells apart at tabs (a table copied from Word or a sheet).
_CELLS = re.compile(r"\s*\|\s*|\t+")
_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
_FIGURE = re.compile(r"\s*[\d.,]+\s*%?\s*")


def _cells(line: str) -> list | None:
    """The cells of a table's row: a Markdown row ("| a | b |") or a row pasted from Word
    or a spreadsheet (cells apart at tabs); None for a line that is no row."""
    if "\t" not in line and line.count("|") < 2:
        return None
    cells = [c.strip() for c in _CELLS.split(line.strip().strip("|"))]
    return cells if len(cells) >= 2 else None


def rows_as_sentences(text: str) -> str:
    """`text` with each table written as sentences the reader takes: a row as its cells
    after one another ("Hoàn thành xuất sắc nhiệm vụ: 3: 18,75%"), and a table of one row
    of headings over one row of figures as each heading with its figure ("Tổng số: 16;
    HTXSNV: 3")."""
    out, table = [], []

    def flush() -> None:
        rows = table
        if len(rows) == 2 and not any(_FIGURE.fullmatch(c) for c in rows[0]) and all(
                _FIGURE.fullmatch(c) or not c for c in rows[1][1:]):
            out.append("; ".join(f"{h}: {v}" for h, v in zip(*rows) if h and v) + ".")
        else:
            out.extend(": ".join(c for c in row if c) + "." for row in rows)
        rows.clear()

    for line in text.split("\n"):
        if _RULE.fullmatch(line) and table:
            continue
        cells = _cells(line)
        if cells is not None:
            table.append(cells)
            continue
        if table:
            flush()
        out.append(line)
    if table:
        flush()
    return "\n".join(out)


def read_counts(text: str) -> tuple[dict, list]:
    """({key: count} of a count group, with `not_rated` a map of reasons; [keys given two
    different numbers]) from a paragraph of a report, its tables too."""
    words = re.sub(r"\s+", " ", vi.fold(rows_as_sentences(text or "")))
    found: dict = {}
    clashes: set = set()

    def put(key: str, count: str) -> None:
        value = int(count.replace(".", ""))
        if found.get(key, value) != value:
            clashes.add(key)
        found.setdefault(key, value)

    for m in _LEVEL_RE.finditer(words):
        level = next(name for name in ("xuat_sac", "khong_hoan_thanh", "tot", "hoan_thanh") if m[name])
        if m["up"] and level != "tot":
            continue  # "hoàn thành nhiệm vụ trở lên" adds up three levels: no one level's count
        key = "tot_or_better" if m["up"] else level
        after = _AFTER.match(words, m.end())
        before = _BEFORE.search(words, max(0, m.start() - 80), m.start())
        if after and not (before and words[m.end():m.end() + 1] in ",;."):
            put(key, after[1])
        elif before:
            put(key, "0" if before["none"] else before[2])
    for pattern in (_TOTAL, _HAS):
        if (m := pattern.search(words)) is not None:
            put("total", m[1])
    for m in _DISCIPLINED.finditer(words):
        put("disciplined", "0" if m["none"] else m[2] or m[3])
    rated = _RATED.search(words) or _RATED_BEFORE.search(words)
    if rated:
        put("rated", rated[1])
        if rated[2]:
            put("total", rated[2])
    reasons = {}
    for reason, words_of in _REASONS:
        m = (re.search(words_of + r"\s*(?:la|[:\-–])?\s*" + _NUM + r"\b", words)
             or re.search(_NUM + _WHO + r"\s*" + words_of, words))
        if m:
            reasons[reason] = int(m[1].replace(".", ""))
    return _settled(found, reasons, clashes), sorted(clashes)


def _settled(found: dict, reasons: dict, clashes: set) -> dict:
    """The group's keys from what was read: "tốt trở lên, trong đó xuất sắc" as its two
    levels, those not rated from the reasons or from the total less those rated."""
    out = {k: v for k, v in found.items() if k not in clashes}
    # "… tốt trở lên, trong đó … xuất sắc": its two levels; without the xuất sắc it stays
    # one number, tot_or_better, which the form has no field for.
    better = out.get("tot_or_better")
    if better is not None and "tot" not in out and "tot" not in clashes and out.get("xuat_sac", better + 1) <= better:
        out["tot"] = better - out["xuat_sac"]
        del out["tot_or_better"]
    elif "tot" in out:
        out.pop("tot_or_better", None)
    rated = out.pop("rated", None)
    if reasons:
        out["not_rated"] = reasons
    if rated is not None:
        if "total" not in out:
            out["total"] = rated + sum(reasons.values())
        elif not reasons and out["total"] > rated:
            out["not_rated"] = {"pending": out["total"] - rated}
    return out


_SHARE_OF = _NUM + r"\s*/\s*" + _NUM + _WHO
_PRESENT = re.compile(r"(?:" + _SHARE_OF + r"\s*(?:dang vien\s*)?(?:tham du|du hop|co mat)"
                      r"|(?:tham du|du hop|co mat)(?: hoi nghi)?(?: la| co)?\s*[:\-–]?\s*" + _SHARE_OF + r")")
# A vote in numbers: "24/24 đồng chí biểu quyết tán thành", "23/24 phiếu nhất trí", "tán
# thành: 24/24"; its words right after the numbers, so "24/26 đảng viên dự họp" is not one.
_YES = r"(?:tan thanh|nhat tri|dong y)"
_BALLOTS = r"(?:\s*(?:phieu|y kien))?"
_AGREE = re.compile(r"(?:" + _SHARE_OF + _BALLOTS + r"\s*(?:dang vien\s*|dai bieu\s*)?(?:(?:bieu quyet|bo phieu)\s*)?"
                    r"(?:nhat tri\s*)?" + _YES + r"|" + _YES + r"(?: la)?\s*[:\-–]?\s*" + _SHARE_OF + _BALLOTS + r")")
# A vote as a share of those present: "100% đảng viên có mặt tán thành", "nhất trí 100%",
# "tỷ lệ tán thành: 100%". Only the whole of them gives a count, the attendance's.
_ALL_AGREE = re.compile(r"(?<![\d,.])100\s*%\s*(?:(?:so\s+)?(?:dang vien|dong chi|dai bieu|y kien|phieu)\s*)?"
                        r"(?:(?:co mat|du hop|tham du)\s*(?:hoi nghi\s*)?)?(?:(?:bieu quyet|bo phieu)\s*)?"
                        r"(?:nhat tri\s*)?" + _YES
                        + r"|" + _YES + r"(?: la| dat)?(?: ty le)?\s*[:\-–]?\s*100\s*%")
# "Chi bộ được đề nghị xếp loại hoàn thành tốt nhiệm vụ", "Hội nghị đề nghị xếp loại chất
# lượng năm 2025 của Chi bộ Trường: Hoàn thành tốt nhiệm vụ".
_UNIT_LEVEL = re.compile(r"(?:hoi nghi|chi bo|dang bo|tap the|dang uy|de nghi)[^.;:]{0,100}?xep loai(?: chat luong)?"
                         r"(?: nam \d{4})?(?: (?:cua|cho) [^.;:]{0,80}?| (?:chi bo|dang bo|tap the)[^.;:]{0,60}?)?"
                         r"(?: (?:la|o muc|muc|dat))?\s*[:\-–]?\s*[\"“]?" + _LEVEL)


# A whole date, and a document's number and date ("Kế hoạch số 34-KH/ĐU ngày 14/11/2025"),
# whose date is not the meeting's.
_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-])|ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")
_CITED = re.compile(r"\d+[a-z]*-[a-z]+/[a-z/-]+\s*(?:,\s*)?(?:ngay\s*)?$")


def read_meeting(text: str) -> dict:
    """{meeting_date, attendance: {members, present}, votes: {agree, of}, level, status}
    as far as the article says them: its first whole date that is not a document's ("Chiều
    20/12/2025, Chi bộ …"), "28/30 đảng viên tham dự", "28/28 đồng chí biểu quyết tán
    thành", "Chi bộ được đề nghị xếp loại hoàn thành tốt nhiệm vụ"."""
    words = re.sub(r"\s+", " ", vi.fold(rows_as_sentences(text or "")))
    out: dict = {}
    for m in _DAY.finditer(words):
        day, month, year = (int(n) for n in (m.group(1, 2, 3) if m[1] else m.group(4, 5, 6)))
        if _CITED.search(words, max(0, m.start() - 40), m.start()) is None and 1 <= month <= 12 and 1 <= day <= 31:
            out["meeting_date"] = f"{day:02d}/{month:02d}/{year}"
            break
    if (m := _PRESENT.search(words)) is not None:
        present, members = (m[1], m[2]) if m[1] else (m[3], m[4])
        out["attendance"] = {"present": int(present.replace(".", "")), "members": int(members.replace(".", ""))}
    if (m := _AGREE.search(words)) is not None:
        agree, of = (m[1], m[2]) if m[1] else (m[3], m[4])
        out["votes"] = {"agree": int(agree.replace(".", "")), "of": int(of.replace(".", ""))}
    elif "attendance" in out and _ALL_AGREE.search(words):
        present = out["attendance"]["present"]
        out["votes"] = {"agree": present, "of": present}
    if (m := _UNIT_LEVEL.search(words)) is not None and not m["up"]:
        out["level"] = next(name for name in ("xuat_sac", "khong_hoan_thanh", "tot", "hoan_thanh") if m[name])
        said = m[0]
        out["status"] = "approved" if "cong nhan" in said else "proposed" if "de nghi" in said else None
        if out["status"] is None:
            del out["status"]
    return out


# Who chaired and who attended to supervise, as articles say it: "Dự và chỉ đạo hội nghị
# có đồng chí Hà Thị Mai, Phó Bí thư Đảng ủy xã", "Đồng chí Lò Văn Páo, Bí thư chi bộ chủ
# trì hội nghị", "Chủ trì hội nghị: đồng chí …". Read from the text as written (names
# keep their marks), one person per "đồng chí".
_COMRADE = r"(?:đồng\s+chí|đ/c)\s"
# One or more people, "; đồng chí …" or "và đồng chí …" going on to the next.
_NAMED = r"(" + _COMRADE + r"(?:[^.;\n]|;\s*(?=" + _COMRADE + r"))+)"
_GUESTS = re.compile(r"(?<!\w)(?:về\s+|đến\s+)?(?:tham\s+)?dự(?:\s+và\s+chỉ\s+đạo)?(?:\s+(?:hội\s+nghị|họp))?(?:\s+có)?\s*:?\s*"
                     + _NAMED, re.I)
_CHAIR_AFTER = re.compile(r"chủ\s+trì(?:\s+hội\s+nghị)?(?:\s+là)?\s*:?\s*" + _NAMED, re.I)
_CHAIR_BEFORE = re.compile(_COMRADE + r"([^.;\n]{3,120}?)\s*,?\s+(?:đã\s+)?chủ\s+trì", re.I)
_PEOPLE_APART = re.compile(r"\s*(?:;|,?\s+và\s+(?=" + _COMRADE + r"))\s*", re.I)
# What follows the people in the same sentence: "…, cùng 24/26 đảng viên của chi bộ".
_WITH_OTHERS = re.compile(r",?\s+(?:cùng\s+(?:với\s+)?|và\s+)(?:\d|toàn\s+thể|tất\s+cả|các\s|đông\s+đủ).*$", re.I | re.S)


def read_people(text: str) -> dict:
    """{presiding: [(name, position)], guests: [...]} as far as the article names them."""
    out: dict = {}
    if (m := _GUESTS.search(text or "")) is not None:
        out["guests"] = _people(_PEOPLE_APART.split(_WITH_OTHERS.sub("", m[1])))
    m = _CHAIR_AFTER.search(text or "") or _CHAIR_BEFORE.search(text or "")
    if m is not None:
        out["presiding"] = _people(_PEOPLE_APART.split(_WITH_OTHERS.sub("", m[1])))
    return {key: people for key, people in out.items() if people}


def _people(parts: list) -> list:
    found = [person_parts(part) for part in parts if part.strip()]
    return [(name, position) for name, position in found if name and not is_position(name)]
