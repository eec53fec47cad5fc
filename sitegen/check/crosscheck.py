"""Checks across documents: unit ids (E204), output paths (E401), duplicate meetings (W503),
a parent's count of its organisations against its children's own posts (W502) and posts
dated after today (W518). Pure, but for today's date."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sitegen.lang import _
from sitegen.problems import Problem
from sitegen.read import urls
from sitegen.read.countgroup import written_path
from sitegen.read.model import LEVELS, Post, PostFacts
from sitegen.read.units import children_index, children_on, suggest_unit


# What the checks below point at: (path, at its key rather than its value).
MARKED = ((("unit",), False), (("slug",), True), (("title",), True), (("review_year",), True),
          (("results", "organizations"), True), (("results", "unit", "level"), True),
          (("results", "members", "xuat_sac"), True), (("results", "members"), True),
          (("results", "members", "disciplined"), True), (("date",), False))


def facts_of(post: Post) -> PostFacts:
    doc = post.doc
    # Plain (line, column) pairs: they cross process boundaries, where dataclasses pickle slowly.
    top = doc.value or {}
    marks = []
    for path, key in MARKED:
        if path[0] not in top:
            continue
        written = path if len(path) == 1 or doc.has(path) else written_path(top, path)  # "hoàn thành xuất sắc"
        if written is path or doc.has(written):
            marks.append((path, doc.position(written, key)))
    m = post.meeting
    url = None if post.kind == "post" and post.date is None else urls.post_url(post)
    published = post.date.date() if post.kind == "post" and post.date and not post.draft else None
    if m is None:
        return PostFacts(post.rel, post.kind, url, post.unit, marks=tuple(marks), published=published)
    return PostFacts(post.rel, post.kind, url, post.unit, m.review_year, m.period,
                     m.meeting_date.date(), m.results.unit.level if m.results.unit else None,
                     m.results.group("organizations"), tuple(marks), m.regime, m.results.group("members"),
                     published)


def problem_at(facts: PostFacts, path, code: str, message: str) -> Problem:
    line, column = facts.at(path) or facts.at(("title",)) or (1, 1)
    return Problem(facts.rel, line, column, code, message)


def check_site(posts: list[PostFacts], units: dict, today: dt.date | None = None) -> list[Problem]:
    """`today` is the computer's date unless given: the one check that depends on the
    day it runs on, so it is made here, afresh every time, and never cached."""
    out = _unit_ids(posts, units)
    out += _output_paths(posts)
    out += _dated_later(posts, today or dt.date.today())
    meetings = [p for p in posts if p.review_year is not None and p.unit in units]
    out += _duplicate_meetings(meetings)
    out += _organizations(meetings, units)
    return out


def _unit_ids(posts, units) -> list[Problem]:
    out = []
    for post in posts:
        if post.unit is not None and post.unit not in units:
            where = "content/units.yaml" + ("" if units else _(", which is missing or empty"))
            out.append(problem_at(post, ("unit",), "E204",
                           _("unit '{unit}' is not in {where}{hint}; add it there or correct the id").format(
                               unit=post.unit, where=where, hint=suggest_unit(post.unit, units))))
    return out


def _dated_later(posts, today: dt.date) -> list[Problem]:
    """W518: a post dated after today stands first in every list until that day, which
    is most often a mistyped year (2052 for 2025); one to publish later can stay a draft."""
    return [problem_at(post, ("date",), "W518", _(
        "the post is dated {day}, after today ({today}): until then it stands first in every list as "
        "the newest post; if the day, month or year is mistyped, correct `date`; a post to publish "
        "later can keep `draft: true` until that day").format(
        day=f"{post.published:%d/%m/%Y}", today=f"{today:%d/%m/%Y}"))
        for post in posts if post.published is not None and post.published > today]


def _output_paths(posts) -> list[Problem]:
    owners = defaultdict(list)
    out = []
    for post in posts:
        url = post.url
        if url is None:
            continue
        owners[url].append(post)
        why = urls.claimed_by_generator(url) if post.kind == "page" else None
        if why:
            out.append(problem_at(post, ("slug",), "E401",
                           _("the page would be written at /{url}, but {why}; give it another `slug`").format(
                               url=url, why=why)))
    message = _("{count} posts would be written at /{url} (this and {others}); give all but one another `slug`")
    for url, group in owners.items():
        if len(group) > 1:
            out += _each_naming_the_others(group, ("slug",), "E401", message, url=url)
    return out


def _each_naming_the_others(group, path, code: str, message: str, **fields) -> list[Problem]:
    """One problem on each post of a clashing group, naming the others in `{others}`
    (and how many they are in `{count}`; `fields` fill the rest of the message)."""
    if len(group) < 2:
        return []
    out = []
    for post in group:
        others = [p.rel for p in group if p is not post][:4]
        if len(group) - 1 > 3:  # a long list helps nobody and grows with the square of the group
            others = others[:3] + [_("{count} more").format(count=len(group) - 4)]
        out.append(problem_at(post, path, code, message.format(others=", ".join(others), count=len(group),
                                                               **fields)))
    return out


def _duplicate_meetings(meetings) -> list[Problem]:
    seen = defaultdict(list)
    for post in meetings:
        seen[(post.unit, post.review_year, post.period)].append(post)
    out = []
    message = _("unit '{unit}' has {count} meeting posts for review year {year}{what} "
                "(also {others}); keep one, or correct the unit or review_year")
    for (unit, year, period), group in seen.items():
        if len(group) > 1:
            what = "" if period == "year" else f" ({period})"
            out += _each_naming_the_others(group, ("review_year",), "W503", message, unit=unit, year=year, what=what)
    return out


def _organizations(meetings, units) -> list[Problem]:
    """W502: the children's own posts must fit in the parent's `organizations` counts."""
    own = {}
    for post in meetings:
        if post.period == "year" and post.level is not None:
            own.setdefault((post.unit, post.review_year), post)
    out = []
    index = children_index(units)
    for post in meetings:
        group = post.organizations
        if group is None or post.period != "year":
            continue
        year = post.review_year
        kids = children_on(index, post.unit, post.meeting_day)
        rated = {k.id: own[(k.id, year)].level for k in kids if (k.id, year) in own}
        if not rated:
            continue
        by_level = {lvl: sorted(uid for uid, level in rated.items() if level == lvl) for lvl in LEVELS}
        complete = len(rated) == group.rated
        wrong = [lvl for lvl in LEVELS
                 if len(by_level[lvl]) > group.count(lvl) or (complete and len(by_level[lvl]) != group.count(lvl))]
        if len(rated) > group.rated:
            wrong = wrong or list(LEVELS)
        if not wrong:
            continue
        said = ", ".join(f"{lvl} {group.count(lvl)}" for lvl in LEVELS if group.count(lvl) or by_level[lvl])
        none = _("none")
        found = "; ".join(f"{lvl} {len(by_level[lvl])} ({', '.join(by_level[lvl]) or none})" for lvl in wrong)
        out.append(problem_at(post, ("results", "organizations"), "W502",
                       _("results.organizations says {said} for {year}, but the own posts of "
                         "{rated} of its {children} child units give {found}; check these "
                         "children's posts or the counts here").format(
                           said=said, year=year, rated=len(rated), children=len(kids), found=found)))
    return out
