"""The form's fields filled from a report's own sentences: a count group from the
paragraph that gives its results, the meeting's attendance, vote and the unit's rating
from the article (read/reporttext.py reads them), each as the form's path and value, and
a line in Vietnamese saying what was filled. Nothing here writes."""
from __future__ import annotations

from sitegen import vi
from sitegen.read import reporttext
from sitegen.read.model import GROUPS, LEVELS
from sitegen.site import narrative

_MOST = 20_000  # characters read: a report's results are a paragraph, not a book
_REASON_WORDS = {"exempt": "miễn công tác và sinh hoạt đảng", "suspended": "đình chỉ sinh hoạt đảng",
                 "new": "mới kết nạp chưa đủ 6 tháng", "pending": "chưa đánh giá vì lý do khác"}
_KEY_WORDS = {"total": "tổng số", "rated": "số được đánh giá", "tot_or_better": "số tốt trở lên"}


def fill_from(text: str, part: str) -> dict:
    """{fill: [[path, value]], said, clashes} for `part`: a count group's name, or "unit"
    for the attendance, the vote and the unit's level and status."""
    if part == "unit":
        return _meeting(text[:_MOST])
    if part not in GROUPS:
        return {"fill": [], "clashes": [], "said": ""}
    counts, clashes = reporttext.read_counts(text[:_MOST])
    base = ["results", part]
    fill = [[base + [key], value] for key, value in counts.items() if key != "not_rated"]
    fill += [[base + ["not_rated", reason], n] for reason, n in counts.get("not_rated", {}).items()]
    read = ([f"tổng số {vi.integer(counts['total'])}"] if "total" in counts else []) + [
        f"{_REASON_WORDS[reason]} {vi.integer(n)}" for reason, n in counts.get("not_rated", {}).items()] + [
        f"{narrative.PHRASES[level]} {vi.integer(counts[level])}" for level in LEVELS if level in counts]
    said = _said(read, "Không thấy con số nào gắn với tổng số hay một mức xếp loại trong đoạn này.")
    if clashes:
        said += " Chưa điền " + ", ".join(narrative.PHRASES.get(k, _KEY_WORDS.get(k, k)) for k in clashes) + \
            ": đoạn văn ghi hai số khác nhau."
    return {"fill": fill, "clashes": clashes, "said": said}


def _meeting(text: str) -> dict:
    found = reporttext.read_meeting(text)
    fill, read = [], []
    if "attendance" in found:
        a = found["attendance"]
        fill += [[["attendance", "present"], a["present"]], [["attendance", "members"], a["members"]]]
        read.append(f"dự họp {vi.integer(a['present'])}/{vi.integer(a['members'])}")
    if "level" in found:
        fill.append([["results", "unit", "level"], found["level"]])
        status = found.get("status")
        if status:
            fill.append([["results", "status"], status])
        read.append("xếp loại tập thể " + narrative.PHRASES[found["level"]]
                    + (f" ({narrative.STATUS_LABELS[status]})" if status else ""))
    if "votes" in found:
        v = found["votes"]
        fill += [[["results", "unit", "votes", "agree"], v["agree"]], [["results", "unit", "votes", "of"], v["of"]]]
        read.append(f"biểu quyết tán thành {vi.integer(v['agree'])}/{vi.integer(v['of'])}")
    return {"fill": fill, "clashes": [], "said": _said(
        read, "Không thấy số dự họp, số biểu quyết hay mức xếp loại của đơn vị trong đoạn này.")}


def _said(read: list, nothing: str) -> str:
    return "Đã điền: " + "; ".join(read) + ". Hãy soát lại với báo cáo." if read else nothing
