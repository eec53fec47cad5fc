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
NOT_RATED_LABELS = {
    "exempt": "miễn công tác và sinh hoạt đảng",
    "suspended": "đình chỉ sinh hoạt đảng",
    "new": "mới kết nạp chưa đủ 6 tháng",
    "pending": "chưa đánh giá vì lý do khác",
}
# (heading, noun for a counted thing)
GROUP_WORDS = {
    "members": ("Đảng viên", "đồng chí"),
    "organizations": ("Tổ chức đảng trực thuộc", "tổ chức"),
    "leadership": ("Tập thể lãnh đạo, quản lý", "tập thể"),
    "leaders": ("Cán bộ lãnh đạo, quản lý", "đồng chí"),
}
STATUS_LABELS = {"proposed": "đề nghị", "approved": "được công nhận"}


def exemplary_label(regime: str) -> str:
    return "Hoàn thành xuất sắc nhiệm vụ tiêu biểu" if regime == "366" else "Trong sạch vững mạnh tiêu biểu"


def unit_label(level: str, honors, regime: str) -> str:
    if "tieu_bieu" in honors and level == "xuat_sac":
        return exemplary_label(regime)
    return LABELS[level]


class Row(NamedTuple):
    label: str
    count: str       # formatted
    percent: str     # formatted, or '' when nothing is rated
    strong: bool = False


def table_rows(g: CountGroup) -> list[Row]:
    """Rows of a count group's table: the four levels, 'tốt trở lên', not rated, total."""
    rated = g.rated

    def pct(n: int) -> str:
        return vi.percent(n, rated) if rated else ""

    rows = [Row(LABELS[level], vi.integer(g.count(level)), pct(g.count(level))) for level in LEVELS]
    good = g.count("xuat_sac") + g.count("tot")
    rows.insert(2, Row("Hoàn thành tốt nhiệm vụ trở lên", vi.integer(good), pct(good), strong=True))
    if g.tieu_bieu:
        rows.insert(1, Row("trong đó: tiêu biểu", vi.integer(g.tieu_bieu), pct(g.tieu_bieu)))
    rows.append(Row("Được đánh giá, xếp loại", vi.integer(rated), "100%" if rated else "", strong=True))
    if g.not_rated.total:
        rows.append(Row("Chưa đánh giá, xếp loại", vi.integer(g.not_rated.total), ""))
    rows.append(Row("Tổng số", vi.integer(g.total), "", strong=True))
    return rows


def _n(n: int, two: bool) -> str:
    return vi.count(n, two)


def not_rated_clause(g: CountGroup, two: bool) -> str:
    nr = g.not_rated
    noun = GROUP_WORDS[g.name][1]
    parts = [f"{_n(getattr(nr, key), two)} {noun} {label}" for key, label in NOT_RATED_LABELS.items()
             if getattr(nr, key)]
    text = "; ".join(parts)
    if nr.note:
        text += f" ({nr.note})"
    return text


def group_sentences(g: CountGroup, two: bool = True) -> list[str]:
    """'27/30 đồng chí hoàn thành tốt nhiệm vụ trở lên (90%), trong đó 05 đồng chí ...'"""
    heading, noun = GROUP_WORDS[g.name]
    rated = g.rated
    out = []
    first = f"{heading}: tổng số {_n(g.total, two)} {noun}"
    if g.not_rated.total:
        first += (f", trong đó {_n(g.not_rated.total, two)} {noun} chưa đánh giá, xếp loại "
                  f"({not_rated_clause(g, two)})")
    out.append(first + ".")
    if not rated:
        return out
    xs, tot, ht, kht = g.counts
    good = xs + tot
    sentence = (f"Trong {_n(rated, two)} {noun} được đánh giá, xếp loại: {_n(good, two)}/{_n(rated, two)} "
                f"{noun} hoàn thành tốt nhiệm vụ trở lên ({vi.percent(good, rated)})")
    if xs:
        sentence += f", trong đó {_n(xs, two)} {noun} hoàn thành xuất sắc nhiệm vụ ({vi.percent(xs, rated)})"
        if g.tieu_bieu:
            sentence += f", {_n(g.tieu_bieu, two)} {noun} tiêu biểu"
    tail = []
    for count, level in ((ht, "hoan_thanh"), (kht, "khong_hoan_thanh")):
        if count:
            tail.append(f"{_n(count, two)} {noun} {PHRASES[level]} ({vi.percent(count, rated)})")
    if tail:
        sentence += "; " + "; ".join(tail)
    if not kht:
        sentence += f"; không có {noun} nào không hoàn thành nhiệm vụ"
    out.append(sentence + ".")
    return out


def unit_sentence(meeting: Meeting, unit: Unit | None, two: bool = True) -> str | None:
    rating = meeting.results.unit
    if rating is None:
        return None
    name = unit.name if unit else "Tập thể"
    label = unit_label(rating.level, rating.honors, meeting.regime)
    if meeting.results.status == "approved":
        text = f"{name} được cấp có thẩm quyền công nhận xếp loại chất lượng năm {meeting.review_year}: {label}"
    else:
        text = f"Hội nghị đề nghị xếp loại chất lượng năm {meeting.review_year} của {name}: {label}"
    if rating.score is not None and meeting.regime == "366":
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
