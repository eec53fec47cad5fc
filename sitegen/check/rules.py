"""The arithmetic and policy checks of one meeting post (section 8: E301-E307, W501, W504,
W505, W507). Pure: a Post and the site's quota in, problems out."""
from __future__ import annotations

import datetime as dt

from sitegen import vi
from sitegen.problems import Problem
from sitegen.read.model import LEVELS, CountGroup, Post, Quota


GROUP_NOUN = {"members": "members", "organizations": "organisations",
              "leadership": "collectives", "leaders": "leaders"}
REGIME_NAME = {"132": "132-QĐ/TW", "124": "124-QĐ/TW", "366": "366-QĐ/TW"}
# 366-QĐ/TW score bands: (lowest score, best level allowed).
SCORE_BANDS = ((90, "xuat_sac"), (70, "tot"), (50, "hoan_thanh"), (0, "khong_hoan_thanh"))


def problem_at(post: Post, path, code: str, message: str, key: bool = False) -> Problem:
    loc = post.doc.at(tuple(path), key)
    return Problem(post.rel, loc.line, loc.column, code, message)


def check_post(post: Post, quota: Quota) -> list[Problem]:
    meeting = post.meeting
    if meeting is None:
        return []
    out: list[Problem] = []
    results = meeting.results
    regime = REGIME_NAME[meeting.regime]
    att = meeting.attendance
    if att and att.members is not None and att.present is not None and att.present > att.members:
        out.append(problem_at(post, ("attendance", "present"), "E302",
                       f"attendance.present is {att.present} but the unit has {att.members} members "
                       f"(attendance.members); present cannot exceed members"))
    for group in results.groups:
        out += _check_group(post, group, quota, meeting.regime)
    members = results.group("members")
    if members and att and att.members is not None and members.total != att.members:
        out.append(problem_at(post, ("results", "members", "total"), "E305",
                       f"results.members.total is {members.total} but attendance.members is "
                       f"{att.members}; both count the unit's party members, make them equal"))
    rating = results.unit
    if rating is None:
        return out
    base = ("results", "unit")
    votes = rating.votes
    if votes and votes.agree > votes.of:
        out.append(problem_at(post, base + ("votes", "agree"), "E303",
                       f"votes.agree is {votes.agree} but only {votes.of} voted (votes.of); "
                       "agree cannot exceed of"))
    if votes and att and att.present is not None and votes.of > att.present:
        out.append(problem_at(post, base + ("votes", "of"), "W504",
                       f"votes.of is {votes.of} but only {att.present} attended (attendance.present); "
                       "check the vote or the attendance"))
    if "tieu_bieu" in rating.honors and rating.level != "xuat_sac":
        out.append(problem_at(post, base + ("honors",), "E306",
                       f"the unit is honoured tieu_bieu but its level is {rating.level}; only a "
                       "xuat_sac unit can be exemplary"))
    if rating.score is not None:
        if meeting.regime != "366":
            out.append(problem_at(post, base + ("score",), "W507",
                           f"score {rating.score:g} is given but {regime} (review year "
                           f"{meeting.review_year}) has no scores; remove it, or set `regime: 366` "
                           "if the review followed 366-QĐ/TW"))
        else:
            best = next(level for low, level in SCORE_BANDS if rating.score >= low)
            allowed = LEVELS[LEVELS.index(best):]
            if rating.level not in allowed:
                out.append(problem_at(post, base + ("score",), "E307",
                               f"score {rating.score:g} allows at most {best} under 366-QĐ/TW, "
                               f"but the level is {rating.level}; correct the score or the level"))
    out += _check_date(post)
    return out


def _check_group(post: Post, g: CountGroup, quota: Quota, regime: str) -> list[Problem]:
    base = ("results", g.name)
    noun = GROUP_NOUN[g.name]
    nr = g.not_rated.total
    if nr > g.total:
        return [problem_at(post, base + ("not_rated",), "E304",
                    f"results.{g.name}: {nr} {noun} are not rated but the total is {g.total}; "
                    "not_rated cannot exceed total", key=True)]
    out = []
    summed = sum(g.counts)
    if summed != g.rated:
        out.append(problem_at(post, base, "E301",
                       f"results.{g.name}: the levels add up to {summed} but {g.rated} {noun} are "
                       f"rated ({g.total} total, {nr} not rated); make xuat_sac + tot + hoan_thanh + "
                       f"khong_hoan_thanh equal {g.rated}, or correct total or not_rated", key=True))
    xuat_sac = g.count("xuat_sac")
    if g.tieu_bieu is not None and g.tieu_bieu > xuat_sac:
        out.append(problem_at(post, base + ("tieu_bieu",), "E306",
                       f"results.{g.name}: tieu_bieu is {g.tieu_bieu} but only {xuat_sac} {noun} are "
                       "xuat_sac; the exemplary ones are counted among xuat_sac"))
    out += _check_quota(post, g, quota, regime)
    return out


def quota_limit(g: CountGroup, quota: Quota, regime: str) -> tuple[int, int, int]:
    """(percent, base count, most xuat_sac allowed), in integer arithmetic, never rounded up."""
    percent = quota.outstanding_percent if (g.outstanding and regime == "366") else quota.percent
    base = g.count("tot") + (g.count("xuat_sac") if quota.base == "tot_or_better" else 0)
    return percent, base, base * percent // 100


def _check_quota(post: Post, g: CountGroup, quota: Quota, regime: str) -> list[Problem]:
    xuat_sac = g.count("xuat_sac")
    percent, base, limit = quota_limit(g, quota, regime)
    if xuat_sac <= limit:
        return []
    base_name = "tot" if quota.base == "tot" else "tot + xuat_sac"
    hint = ("; if the higher level allowed 25%, set `outstanding: true` (366-QĐ/TW)"
            if regime == "366" and not g.outstanding else "")
    return [problem_at(post, ("results", g.name, "xuat_sac"), "W501",
                f"results.{g.name}: {xuat_sac} xuat_sac is above the quota of {percent}% of "
                f"{base_name} ({vi.integer(base)}), which allows at most {limit} under "
                f"{REGIME_NAME[regime]}; check the counts{hint}", key=True)]


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
                f"the meeting date {vi.date_short(day)} is outside the review season of "
                f"{meeting.review_year} (01/07/{meeting.review_year} to 31/03/{meeting.review_year + 1}); "
                "check review_year, or give the meeting's own date as `meeting_date`")]
