"""The generated 'Kết quả' section of a meeting post: Vietnamese sentences and table rows,
computed from the front matter only. Pure."""
from __future__ import annotations

from typing import NamedTuple

from sitegen import vi
from sitegen.read.model import LEVELS, CountGroup, Meeting, Unit


LABELS = {
    "xuat_sac": "Hoàn thành xuất sắc nhiệm vụ",
    "tot": "Hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "Hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "Không hoàn thành nhiệm vụ",
}
SHORT_LABELS = {"xuat_sac": "Xuất sắc", "tot": "Tốt", "hoan_thanh": "Hoàn thành",
                "khong_hoan_thanh": "Không hoàn thành"}
PHRASES = {level: label[0].lower() + label[1:] for level, label in LABELS.items()}
# (heading, the noun at first mention, the noun after it), as reports write them:
# "27/30 đảng viên ... trong đó có 05 đồng chí ...".
GROUP_WORDS = {
    "members": ("Đảng viên", "đảng viên", "đồng chí"),
    "organizations": ("Tổ chức đảng trực thuộc", "tổ chức đảng", "tổ chức"),
    "leadership": ("Tập thể lãnh đạo, quản lý", "tập thể", "tập thể"),
    "leaders": ("Cán bộ lãnh đạo, quản lý", "cán bộ", "đồng chí"),
}
STATUS_LABELS = {"proposed": "đề nghị", "approved": "được công nhận"}
QUARTERS = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def exemplary_label(regime: str) -> str:
    """The honour a unit rated xuất sắc may receive: a title, not a level."""
    return "Hoàn thành xuất sắc nhiệm vụ tiêu biểu" if regime == "366" else "Trong sạch vững mạnh tiêu biểu"


def period_text(meeting: Meeting) -> str:
    """'năm 2025', 'quý I năm 2025', 'nhiệm kỳ 2020–2025'."""
    period = meeting.period
    if period.startswith("quarter:"):
        return f"quý {QUARTERS[period[-1]]} năm {meeting.review_year}"
    if period.startswith("term"):
        return "nhiệm kỳ " + period[5:].replace("-", "–") if ":" in period else "nhiệm kỳ"
    return f"năm {meeting.review_year}"


class Row(NamedTuple):
    label: str
    count: str       # formatted
    percent: str     # formatted, or '' when nothing is rated
    strong: bool = False


def during(period: str) -> str:
    """'trong năm', 'trong nhiệm kỳ', 'trong quý': the time a review's counts cover."""
    if period.startswith("term"):
        return "trong nhiệm kỳ"
    return "trong quý" if period.startswith("quarter") else "trong năm"


def table_rows(g: CountGroup, period: str = "year") -> list[Row]:
    """Rows of a count group's table: the four levels, 'tốt trở lên', not rated, total,
    and those disciplined when the post says."""
    rated = g.rated

    def pct(n: int) -> str:
        return vi.percent(n, rated) if rated else ""

    rows = [Row(LABELS[level], vi.integer(count), pct(count)) if count is not None else Row(LABELS[level], "", "")
            for level, count in zip(LEVELS, g.known_counts)]
    good = g.count("xuat_sac") + g.count("tot")
    rows.insert(2, Row("Hoàn thành tốt nhiệm vụ trở lên", vi.integer(good), pct(good), strong=True))
    if g.tieu_bieu:
        rows.insert(1, Row("trong đó: tiêu biểu", vi.integer(g.tieu_bieu), pct(g.tieu_bieu)))
    rows.append(Row("Được đánh giá, xếp loại", vi.integer(rated), "100%" if rated else "", strong=True))
    if g.unsplit:
        rows.insert(5, Row("Dưới mức hoàn thành tốt (không nêu chi tiết)", vi.integer(g.unsplit), pct(g.unsplit)))
    if g.not_rated.total:
        rows.append(Row("Không đánh giá, xếp loại", vi.integer(g.not_rated.total), ""))
    rows.append(Row("Tổng số", vi.integer(g.total), "", strong=True))
    if g.disciplined is not None:
        rows.append(Row("Bị thi hành kỷ luật " + during(period), vi.integer(g.disciplined), ""))
    return rows


def _n(n: int, two: bool) -> str:
    return vi.count(n, two)


NOT_RATED_WORDS = {
    "exempt": "được miễn công tác và sinh hoạt đảng",
    "suspended": "bị đình chỉ sinh hoạt đảng",
    "new": "mới kết nạp chưa đủ 6 tháng",
    "pending": "chưa đánh giá vì lý do khác",
}


def not_rated_clause(g: CountGroup, two: bool) -> str:
    """'không đánh giá, xếp loại 262 đảng viên, gồm 200 đảng viên được miễn công tác và
    sinh hoạt đảng, 47 đảng viên mới kết nạp chưa đủ 6 tháng'."""
    nr = g.not_rated
    noun = GROUP_WORDS[g.name][1]
    parts = [(getattr(nr, key), words) for key, words in NOT_RATED_WORDS.items() if getattr(nr, key)]
    if len(parts) == 1:
        text = f"không đánh giá, xếp loại {_n(parts[0][0], two)} {noun} {parts[0][1]}"
    else:
        text = (f"không đánh giá, xếp loại {_n(nr.total, two)} {noun}, gồm "
                + ", ".join(f"{_n(count, two)} {noun} {words}" for count, words in parts))
    if nr.note:
        text += f" ({nr.note})"
    return text


def group_sentences(g: CountGroup, two: bool = True, status: str = "approved", regime: str = "124",
                    period: str = "year") -> list[str]:
    """'27/30 đảng viên (đạt 90%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 05 đồng chí
    (16,7%) hoàn thành xuất sắc nhiệm vụ; ...', as reports say it. Ratings only proposed
    are introduced as such ('Đề nghị xếp loại: ...'): they are not yet decisions."""
    heading, first, _then = GROUP_WORDS[g.name]
    status = g.status or status
    lead = "Đề nghị xếp loại: " if status == "proposed" else ""
    opening = f"{heading}: tổng số {_n(g.total, two)} {first}"
    if g.not_rated.total:
        opening += "; " + not_rated_clause(g, two)
    out = [opening + "."]
    if g.rated:
        out += _level_sentences(g, two, lead, regime)
    if g.disciplined is not None:
        out.append(discipline_sentence(g, two, period))
    return out


def discipline_sentence(g: CountGroup, two: bool = True, period: str = "year") -> str:
    """'Trong năm có 01 đảng viên bị thi hành kỷ luật.', or that none was ('Trong nhiệm
    kỳ …' for a term's review)."""
    _heading, first, _then = GROUP_WORDS[g.name]
    when = during(period).capitalize()
    if not g.disciplined:
        return f"{when} không có {first} nào bị thi hành kỷ luật."
    return f"{when} có {_n(g.disciplined, two)} {first} bị thi hành kỷ luật."


def _level_sentences(g: CountGroup, two: bool, lead: str, regime: str) -> list[str]:
    """The levels, as reports say them (see group_sentences)."""
    _heading, first, then = GROUP_WORDS[g.name]
    rated = g.rated
    out = []
    xs, tot, ht, kht = g.counts
    shown = [(count, level) for count, level in zip(g.counts, LEVELS) if count]
    if len(shown) == 1 and not g.unsplit:  # everyone at one level
        count, level = shown[0]
        out.append(f"{lead}{_n(count, two)}/{_n(rated, two)} {first} (100%) {PHRASES[level]}"
                   f"{_exemplary(g, two, then, regime)}.")
        return out
    parts = []
    good = xs + tot
    if good:
        sentence = (f"{_n(good, two)}/{_n(rated, two)} {first} (đạt {vi.percent(good, rated)}) hoàn thành tốt "
                    f"nhiệm vụ trở lên")
        if xs:
            sentence += (f", trong đó có {_n(xs, two)} {then} ({vi.percent(xs, rated)}) hoàn thành xuất sắc "
                         f"nhiệm vụ{_exemplary(g, two, then, regime)}")
        parts.append(sentence)
    if g.unsplit:  # the post says no more than "tốt trở lên": neither does the page
        out.append(lead + "; ".join(parts) + ".")
        return out
    for count, level in ((ht, "hoan_thanh"), (kht, "khong_hoan_thanh")):
        if count:
            noun = then if parts else first
            parts.append(f"{_n(count, two)}/{_n(rated, two) if not parts else ''}".rstrip("/")
                         + f" {noun} ({vi.percent(count, rated)}) {PHRASES[level]}")
    if not kht:
        parts.append(f"không có {then} nào không hoàn thành nhiệm vụ")
    out.append(lead + "; ".join(parts) + ".")
    return out


def _exemplary(g: CountGroup, two: bool, noun: str, regime: str) -> str:
    """' (02 đồng chí tiêu biểu)'; for organisations the title they were given."""
    if not g.tieu_bieu:
        return ""
    if g.name == "organizations":
        return f" ({_n(g.tieu_bieu, two)} {noun} đạt danh hiệu “{exemplary_label(regime)}”)"
    return f" ({_n(g.tieu_bieu, two)} {noun} tiêu biểu)"


def honour_clause(rating, regime: str, status: str) -> str:
    """', đề nghị công nhận danh hiệu “Trong sạch vững mạnh tiêu biểu”', or ''."""
    if "tieu_bieu" not in rating.honors:
        return ""
    verb = "được công nhận" if status == "approved" else "đề nghị công nhận"
    return f", {verb} danh hiệu “{exemplary_label(regime)}”"


def unit_sentence(meeting: Meeting, unit: Unit | None, two: bool = True) -> str | None:
    rating = meeting.results.unit
    if rating is None:
        return None
    name = unit.name if unit else "Tập thể"
    label = LABELS[rating.level]  # an honour is said apart (honour_clause), never in its place
    when = period_text(meeting)
    status = meeting.results.status
    if status == "approved":
        text = f"{name} được cấp có thẩm quyền công nhận xếp loại chất lượng {when}: {label}"
    else:
        text = f"Hội nghị đề nghị xếp loại chất lượng {when} của {name}: {label}"
    text += honour_clause(rating, meeting.regime, status)
    if rating.score is not None:
        text += f", với {score_text(rating.score)} điểm"
    if rating.votes and rating.votes.of:
        v = rating.votes
        text += (f"; {_n(v.agree, two)}/{_n(v.of, two)} đồng chí biểu quyết tán thành "
                 f"({vi.percent(v.agree, v.of)})")
    return text + "."


def score_text(score: float) -> str:
    """92 -> '92'; 92.5 -> '92,5'."""
    return str(int(score)) if float(score).is_integer() else f"{score:g}".replace(".", ",")


def attendance_sentence(meeting: Meeting, two: bool = True) -> str | None:
    att = meeting.attendance
    if att is None or att.members is None or att.present is None or not att.members:
        return None
    who = ATTENDEES.get(att.body, "đảng viên")
    return (f"Hội nghị có {_n(att.present, two)}/{_n(att.members, two)} {who} tham dự "
            f"({vi.percent(att.present, att.members)}).")


# Who `attendance` counts, by the body that met (model.BODIES).
ATTENDEES = {"dang_vien": "đảng viên", "chi_uy": "đồng chí chi ủy viên",
             "ban_chap_hanh": "đồng chí Ủy viên Ban Chấp hành", "ban_thuong_vu": "đồng chí Ủy viên Ban Thường vụ"}


def cited(d) -> str:
    """A document as reports cite it: "Quy định số 366-QĐ/TW ngày 30/08/2025 của Bộ Chính trị
    về kiểm điểm …"; a subject that repeats the type ("Quy định về …") says "về …" once."""
    out = f"{d.kind} số {d.number}" if d.kind else (f"Số {d.number}" if d.shape != "other" else d.number)
    out += f" ngày {vi.date_short(d.date)}" if d.date else ""
    out += f" của {d.issuer}" if d.issuer else ""
    subject = d.subject
    if d.kind and subject[:len(d.kind) + 4].lower() == d.kind.lower() + " về ":
        subject = subject[len(d.kind) + 1:]
    if subject:
        out += (" " if subject[:3].lower() in ("về ", "v/v") else ": ") + subject
    return out
