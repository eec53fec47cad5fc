"""The form's fields filled from a report's own sentences: a count group from the
paragraph that gives its results, the meeting's attendance, vote and the unit's rating
from the article (read/reporttext.py reads them), each as the form's path and value, and
a line in Vietnamese saying what was filled; a Word file's text, to become the body; and
where the post's body, typed or pasted by hand, says other numbers than its fields.
Nothing here writes."""
from __future__ import annotations

from sitegen import vi
from sitegen.read import docnumbers, reporttext, wordfile
from sitegen.read.model import GROUPS, LEVELS
from sitegen.site import narrative

_MOST = 20_000  # characters read: a report's results are a paragraph, not a book
_REASON_WORDS = {"exempt": "miễn công tác và sinh hoạt đảng", "suspended": "đình chỉ sinh hoạt đảng",
                 "new": "mới kết nạp chưa đủ 6 tháng", "pending": "chưa đánh giá vì lý do khác"}
_KEY_WORDS = {"total": "tổng số", "rated": "số được đánh giá", "tot_or_better": "hoàn thành tốt nhiệm vụ trở lên",
              "disciplined": "bị kỷ luật trong năm"}


def word_article(data: bytes) -> dict:
    """{title, rest, text} of a Word file brought into the form, its first paragraph the
    title when it can be one; {error} when it is not a Word file sitegen can read."""
    if not wordfile.is_word(data):
        other = wordfile.other_format(data)
        return {"error": f"Tệp này là tệp {other}, sitegen không đọc được: hãy mở bằng Word rồi lưu thành .docx."
                if other else "Tệp này không phải tệp Word (.docx)."}
    text, why = wordfile.word_text(data)
    if text is None:
        return {"error": f"Không đọc được tệp Word này ({why}); hãy mở bằng Word rồi lưu lại thành .docx."}
    first, _, rest = text.partition("\n\n")
    return {"title": first if len(first) <= 200 and "|" not in first else "", "rest": rest, "text": text}


def fill_from(text: str, part: str, given=()) -> dict:
    """{fill: [[path, value]], said, clashes} for `part`: a count group's name, or "unit"
    for the meeting's date, the documents it followed, who chaired and who attended (the
    lists not already `given` in the form), the attendance, the vote and the unit's level
    and status."""
    if part == "unit":
        return _meeting(text[:_MOST], set(given))
    if part not in GROUPS:
        return {"fill": [], "clashes": [], "said": ""}
    counts, clashes = reporttext.read_counts(text[:_MOST])
    base = ["results", part]
    fill = [[base + [key], value] for key, value in counts.items() if key not in ("not_rated", "tot_or_better")]
    fill += [[base + ["not_rated", reason], n] for reason, n in counts.get("not_rated", {}).items()]
    read = ([f"tổng số {vi.integer(counts['total'])}"] if "total" in counts else []) + [
        f"{_REASON_WORDS[reason]} {vi.integer(n)}" for reason, n in counts.get("not_rated", {}).items()] + [
        f"{narrative.PHRASES[level]} {vi.integer(counts[level])}" for level in LEVELS if level in counts] + (
        [f"bị kỷ luật trong năm {vi.integer(counts['disciplined'])}"] if "disciplined" in counts else [])
    said = _said(read, "" if "tot_or_better" in counts else
                 "Không thấy con số nào gắn với tổng số hay một mức xếp loại trong đoạn này.")
    if "tot_or_better" in counts:
        said = (said + f" Đoạn văn ghi {vi.integer(counts['tot_or_better'])} hoàn thành tốt nhiệm vụ trở lên mà không "
                "ghi số xuất sắc trong đó: hãy tự điền hai ô xuất sắc và tốt.").strip()
    if clashes:
        said += " Chưa điền " + ", ".join(narrative.PHRASES.get(k, _KEY_WORDS.get(k, k)) for k in clashes) + \
            ": đoạn văn ghi hai số khác nhau."
    return {"fill": fill, "clashes": clashes, "said": said}


def _meeting(text: str, given: set) -> dict:
    found = reporttext.read_meeting(text)
    fill, read = [], []
    if "meeting_date" in found:
        fill.append([["meeting_date"], found["meeting_date"]])
        read.append(f"ngày họp {found['meeting_date']}")
    cited = [] if "basis" in given else docnumbers.citations_in(text)
    if cited:
        fill.append([["basis"], [_document(d) for d in cited]])
        read.append(f"{vi.integer(len(cited))} văn bản căn cứ")
    named = reporttext.read_people(text)
    for key, people in ((key, named[key]) for key in ("presiding", "guests") if key in named):
        if key not in given:
            fill.append([[key], [{"name": name, "position": position} for name, position in people]])
            read.append(("chủ trì " if key == "presiding" else "dự và chỉ đạo ") + ", ".join(name for name, _ in people))
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
        read, "Không thấy ngày họp, số dự họp, số biểu quyết hay mức xếp loại của đơn vị trong đoạn này.")}


def _document(cited: dict) -> dict:
    """A document as the form's row holds it; its type only where its number's code does
    not give it (QĐ is Quyết định or Quy định)."""
    number, shape = docnumbers.canonical(cited["number"])
    row = {"number": number, **{key: cited[key] for key in ("date", "issuer", "subject") if key in cited}}
    if cited.get("type") and not docnumbers.type_of(number, shape):
        row["type"] = cited["type"]
    return row


def _said(read: list, nothing: str) -> str:
    return ("Đã điền: " + "; ".join(read) + ". Hãy soát lại với báo cáo." if read else nothing).strip()


def body_disagrees(body: str, meeting) -> list:
    """Lines saying where the body states another number than the fields: the same reader
    over the body, compared where it read one number only. A post with several count
    groups is compared on its attendance, vote and level only (its body's paragraphs
    would mix the groups)."""
    if not body or not any(ch.isdigit() for ch in body):
        return []
    text = body[:_MOST]
    out = []
    groups = meeting.results.groups
    if len(groups) == 1:
        g = groups[0]
        counts, _clashes = reporttext.read_counts(text)
        for key in ("total",) + LEVELS + ("tot_or_better",):
            if key in counts:
                given = {"total": g.total, "tot_or_better": g.count("xuat_sac") + g.count("tot")}.get(key)
                given = g.count(key) if given is None else given
                if counts[key] != given:
                    what = _KEY_WORDS.get(key) or narrative.PHRASES[key]
                    out.append(f"Nội dung bài ghi {what} {vi.integer(counts[key])}, các ô số ghi {vi.integer(given)}.")
        said = counts.get("disciplined")
        if said is not None and said != (g.disciplined or 0):
            shown = "để trống" if g.disciplined is None else "ghi " + vi.integer(g.disciplined)
            out.append(f"Nội dung bài ghi {vi.integer(said)} bị kỷ luật trong năm, ô “Bị kỷ luật trong năm” {shown}.")
    found = reporttext.read_meeting(text)
    a = meeting.attendance
    if "attendance" in found and a is not None and a.present is not None and (
            found["attendance"]["present"], found["attendance"]["members"]) != (a.present, a.members):
        out.append("Nội dung bài ghi dự họp {}/{}, các ô số ghi {}/{}.".format(
            found["attendance"]["present"], found["attendance"]["members"], a.present, a.members))
    rating = meeting.results.unit
    if "votes" in found and rating is not None and rating.votes is not None and (
            found["votes"]["agree"], found["votes"]["of"]) != (rating.votes.agree, rating.votes.of):
        out.append("Nội dung bài ghi biểu quyết tán thành {}/{}, các ô số ghi {}/{}.".format(
            found["votes"]["agree"], found["votes"]["of"], rating.votes.agree, rating.votes.of))
    if "level" in found and rating is not None and rating.level and found["level"] != rating.level:
        out.append(f"Nội dung bài ghi xếp loại tập thể {narrative.PHRASES[found['level']]}, "
                   f"ô xếp loại ghi {narrative.PHRASES[rating.level]}.")
    return out
