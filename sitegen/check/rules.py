"""The arithmetic checks of one meeting post, on its own (section 8: E301-E308, W504,
W505, W513), and its documents against its regulation (W517). Pure: a Post and the
site's quota in, problems out. The rules that depend on where the unit stands (the
quota, the criteria of a level) are in guidance.py, those on discipline in discipline.py."""
from __future__ import annotations

import datetime as dt

from sitegen import vi
from sitegen.lang import N_, _, number
from sitegen.problems import Problem
from sitegen.read.countgroup import written_path
from sitegen.read.model import LEVELS, CountGroup, Post, Quota


# What each count group counts, as the reports say it.
GROUP_NOUN = {"members": N_("members"), "organizations": N_("organisations"),
              "leadership": N_("collectives"), "leaders": N_("leaders")}
REGIME_NAME = {"132": "132-QĐ/TW", "124": "124-QĐ/TW", "366": "366-QĐ/TW"}
# The central documents of each regulation's reviews (docs/rules.md): the regulation and
# the guidance of the Ban Tổ chức Trung ương that goes with it, and the review years.
REGIME_DOCUMENTS = {"132-QĐ/TW": "132", "16-HD/BTCTW": "132", "21-HD/BTCTW": "132", "124-QĐ/TW": "124",
                    "25-HD/BTCTW": "124", "366-QĐ/TW": "366", "43-HD/BTCTW": "366"}
REGIME_YEARS = {"132": "2018–2022", "124": "2023–2024", "366": N_("2025 on")}
# 366-QĐ/TW score bands: (lowest score, best level allowed).
SCORE_BANDS = ((90, "xuat_sac"), (70, "tot"), (50, "hoan_thanh"), (0, "khong_hoan_thanh"))


def problem_at(post: Post, path, code: str, message: str, key: bool = False) -> Problem:
    loc = post.doc.at(written_path(post.doc.value, path), key)  # "tổng số" where the model says total
    return Problem(post.rel, loc.line, loc.column, code, message)


def check_post(post: Post, quota: Quota) -> list[Problem]:
    meeting = post.meeting
    if meeting is None:
        return []
    out: list[Problem] = []
    results = meeting.results
    att = meeting.attendance
    if att and att.members is not None and att.present is not None and att.present > att.members:
        out.append(problem_at(post, ("attendance", "present"), "E302",
                       _("attendance.present is {present} but the unit has {members} members "
                         "(attendance.members); present cannot exceed members").format(
                           present=att.present, members=att.members)))
    for group in results.groups:
        out += _check_group(post, group, quota, meeting.regime)
    members = results.group("members")
    # Only a meeting of the members themselves counts the unit's membership; a Ban Chấp
    # hành reporting the whole đảng bộ's results has its own attendance.
    if (members and att and att.body == "dang_vien" and att.members is not None
            and members.total != att.members):
        out.append(problem_at(post, ("results", "members", "total"), "E305",
                       _("results.members.total is {total} but attendance.members is "
                         "{members}; both count the unit's party members, make them equal").format(
                           total=members.total, members=att.members)))
    rating = results.unit
    if rating is None:
        return out
    base = ("results", "unit")
    votes = rating.votes
    if votes and votes.agree > votes.of:
        out.append(problem_at(post, base + ("votes", "agree"), "E303",
                       _("votes.agree is {agree} but only {of} voted (votes.of); "
                         "agree cannot exceed of").format(agree=votes.agree, of=votes.of)))
    if votes and att and att.present is not None and votes.of > att.present:
        out.append(problem_at(post, base + ("votes", "of"), "W504",
                       _("votes.of is {of} but only {present} attended (attendance.present); "
                         "check the vote or the attendance").format(of=votes.of, present=att.present)))
    if "tieu_bieu" in rating.honors and rating.level != "xuat_sac":
        out.append(problem_at(post, base + ("honors",), "E306",
                       _("the unit is honoured tieu_bieu but its level is {level}; only a "
                         "xuat_sac unit can be exemplary").format(level=rating.level)))
    # Scores before 366-QĐ/TW came from local guidance (many units scored on 100 points):
    # kept and shown, and the bands of 366 are checked only under 366.
    if rating.score is not None and meeting.regime == "366":
        best = next(level for low, level in SCORE_BANDS if rating.score >= low)
        allowed = LEVELS[LEVELS.index(best):]
        if rating.level not in allowed:
            out.append(problem_at(post, base + ("score",), "E307",
                                  _("score {score} allows at most {best} under 366-QĐ/TW, "
                                    "but the level is {level}; correct the score or the level").format(
                                      score=f"{rating.score:g}", best=best, level=rating.level)))
    out += _check_date(post)
    out += _check_basis(post)
    return out


def _check_basis(post: Post) -> list[Problem]:
    """W517: a central document of another regulation's reviews among those followed, as
    when last year's post is copied: "25-HD/BTCTW" in a review of 2025."""
    meeting = post.meeting
    out = []
    for i, d in enumerate(meeting.basis):
        regime = REGIME_DOCUMENTS.get(d.number)
        if regime is None or regime == meeting.regime:
            continue
        path = ("basis", i) if isinstance(post.doc.value.get("basis"), list) else ("basis",)
        what = (_("the regulation of the review years {years}") if d.number == REGIME_NAME[regime] else
                _("the guidance of the review years {years}, under {regime}")).format(
            years=_(REGIME_YEARS[regime]), regime=REGIME_NAME[regime])
        out.append(problem_at(post, path, "W517", _(
            "basis cites {number}, {what}, but this review of {year} is held under {own}: if it is a copy "
            "from another year's post, cite this year's documents; if the unit did follow {regime}, write "
            "`regime: {short}`").format(number=d.number, what=what, year=meeting.review_year,
                                        own=REGIME_NAME[meeting.regime], regime=REGIME_NAME[regime], short=regime)))
    return out


def _check_group(post: Post, g: CountGroup, quota: Quota, regime: str) -> list[Problem]:
    base = ("results", g.name)
    noun = _(GROUP_NOUN[g.name])
    nr = g.not_rated.total
    if nr > g.total:
        return [problem_at(post, base + ("not_rated",), "E304",
                    _("results.{group}: {not_rated} {noun} are not rated but the total is {total}; "
                      "not_rated cannot exceed total").format(group=g.name, not_rated=nr, noun=noun, total=g.total),
                    key=True)]
    out = []
    summed = sum(g.counts) + g.unsplit
    if summed != g.rated:
        typed = {key: written_path(post.doc.value, base + (key,))[-1] for key in LEVELS + ("total", "not_rated")}
        out.append(problem_at(post, base, "E301", _levels_do_not_add_up(g, summed, noun, nr, typed), key=True))
    xuat_sac = g.count("xuat_sac")
    if g.tieu_bieu is not None and g.tieu_bieu > xuat_sac:
        out.append(problem_at(post, base + ("tieu_bieu",), "E306",
                       _("results.{group}: tieu_bieu is {tieu_bieu} but only {xuat_sac} {noun} are "
                         "xuat_sac; the exemplary ones are counted among xuat_sac").format(
                           group=g.name, tieu_bieu=g.tieu_bieu, xuat_sac=xuat_sac, noun=noun)))
    if g.disciplined is not None and g.disciplined > g.total:
        out.append(problem_at(post, base + ("disciplined",), "E308",
                       _("results.{group}: disciplined is {disciplined} but the total is {total}; count only "
                         "those disciplined during the year who are still in the total (one expelled from the "
                         "Party is no longer counted: say it in the text)").format(
                           group=g.name, disciplined=number(g.disciplined), total=number(g.total))))
    if g.outstanding and regime != "366":
        out.append(problem_at(post, base + ("outstanding",), "W513",
                              _("results.{group}.outstanding is true, but the higher quota for "
                                "outstanding units exists only from 366-QĐ/TW (review year 2025 on); "
                                "under {regime} the quota is {percent}: remove it").format(
                                  group=g.name, regime=REGIME_NAME[regime], percent=f"{quota.percent}%"), key=True))
    return out


def _levels_do_not_add_up(g: CountGroup, summed: int, noun: str, nr: int, typed: dict) -> str:
    """E301's message, naming each key as the file writes it (`typed`: "hoàn thành tốt"
    for tot); when the excess is exactly the members of the levels above, the paper's
    "… trở lên, trong đó …" was copied: the level that includes them is named, with the
    number to write."""
    message = _("results.{group}: the levels add up to {summed} but {rated} {noun} are "
                "rated ({total} total, {not_rated} not rated); make {levels} equal {rated}, or correct "
                "{total_key} or {not_rated_key}").format(
        group=g.name, summed=number(summed), rated=number(g.rated), noun=noun, total=number(g.total),
        not_rated=number(nr), levels=" + ".join(typed[level] for level in LEVELS), total_key=typed["total"],
        not_rated_key=typed["not_rated"])
    excess = summed - g.rated
    xuat_sac, tot, hoan_thanh = g.count("xuat_sac"), g.count("tot"), g.count("hoan_thanh")
    if xuat_sac and excess == xuat_sac and tot >= xuat_sac:
        message += _("; tot seems to include the xuat_sac ones, as in \"{tot} hoàn thành tốt nhiệm vụ trở "
                     "lên, trong đó {xuat_sac} xuất sắc\": each is counted at one level, so write {key}: {right}").format(
            tot=number(tot), xuat_sac=number(xuat_sac), key=typed["tot"], right=tot - xuat_sac)
    elif xuat_sac + tot and excess == xuat_sac + tot and hoan_thanh >= excess:
        message += _("; hoan_thanh seems to include the xuat_sac and tot ones (\"hoàn thành nhiệm vụ trở "
                     "lên\"): each is counted at one level, so write {key}: {right}").format(
            key=typed["hoan_thanh"], right=hoan_thanh - excess)
    return message


def _check_date(post: Post) -> list[Problem]:
    meeting = post.meeting
    if meeting.period != "year":
        return []  # term and quarterly reviews happen at other times of the year
    day = meeting.meeting_date.date()
    first = dt.date(meeting.review_year, 7, 1)
    last = dt.date(meeting.review_year + 1, 3, 31)
    if first <= day <= last:
        return []
    path = ("meeting_date",) if post.doc.has(("meeting_date",)) else ("date",)
    return [problem_at(post, path, "W505",
                _("the meeting date {day} is outside the review season of "
                  "{year} (01/07/{year} to 31/03/{next_year}); "
                  "check review_year, or give the meeting's own date as `meeting_date`").format(
                    day=vi.date_short(day), year=meeting.review_year, next_year=meeting.review_year + 1))]
