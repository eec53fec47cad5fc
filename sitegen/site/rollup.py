"""A đảng bộ's year gathered from its units' own posts: how many have posted, the units
by level, and for every count group (members, organisations, collectives, leaders) the
sum by level and the members not rated by reason, each set beside what the đảng bộ's
own post says of the same group. Shown on the unit page. Pure.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sitegen import vi
from sitegen.read.model import GROUPS, LEVELS, NOT_RATED, Site, sum_given, sum_levels
from sitegen.read.units import children_index, children_on
from sitegen.site import narrative
from sitegen.site.views import View


class GroupSum(NamedTuple):
    name: str            # a name in GROUPS
    posts: int           # how many of the units' posts give this group
    total: int
    rated: int
    counts: tuple        # by level, in LEVELS order (None: some post did not give that level)
    not_rated: tuple     # by reason, in NOT_RATED order
    tieu_bieu: int | None  # None: no post gave it
    own: tuple | None    # the đảng bộ's own post: (total, rated, counts, tieu_bieu, disciplined), if it gives it
    disciplined: int | None = None  # None unless every post gives it: a sum of some would read as the whole


class Rollup(NamedTuple):
    year: int
    posted: tuple        # unit ids with a yearly post, in the order of the results page
    units: int           # units under the đảng bộ at the end of the year (and those that posted)
    levels: tuple        # units by their own level, in LEVELS order
    exemplary: int       # units whose own rating carries the honour "tiêu biểu"
    own_units: tuple | None  # the đảng bộ's own post's organisations: as GroupSum.own
    groups: tuple        # GroupSums, in GROUPS order, for the groups some post gives


def _sum(name: str, groups: list, own_row) -> GroupSum:
    mine = _own(own_row, name)
    given = [g.tieu_bieu for g in groups if g.tieu_bieu is not None]
    return GroupSum(
        name, len(groups), sum(g.total for g in groups), sum(g.rated for g in groups),
        sum_levels(g.known_counts for g in groups),
        tuple(sum(getattr(g.not_rated, reason) for g in groups) for reason in NOT_RATED),
        sum(given) if given else None,
        mine, sum_given(g.disciplined for g in groups))


def _own(own_row, name: str) -> tuple | None:
    g = own_row.post.meeting.results.group(name) if own_row is not None else None
    return (g.total, g.rated, g.known_counts, g.tieu_bieu, g.disciplined) if g is not None else None


def _exemplary(row) -> bool:
    rating = row.post.meeting.results.unit
    return rating is not None and "tieu_bieu" in rating.honors


def rollups(site: Site, view: View) -> dict:
    """unit id -> its Rollups, newest year first, for every unit with a unit under it
    that posted that year."""
    out: dict = {}
    index = children_index(site.units)
    for year in view.results:
        by_parent: dict = {}
        for row in year.rows:
            if row.parent in site.units:
                by_parent.setdefault(row.parent, []).append(row)
        own = {row.unit_id: row for row in year.rows}
        end = dt.date(year.review_year, 12, 31)
        for parent, rows in by_parent.items():
            under = {u.id for u in children_on(index, parent, end)} | {r.unit_id for r in rows}
            by_name: dict = {}
            for r in rows:
                for g in r.post.meeting.results.groups:
                    by_name.setdefault(g.name, []).append(g)
            sums = (_sum(name, by_name[name], own.get(parent)) for name in GROUPS if name in by_name)
            out.setdefault(parent, []).append(Rollup(
                year.review_year, tuple(r.unit_id for r in rows), len(under),
                tuple(sum(1 for r in rows if r.level == level) for level in LEVELS),
                sum(1 for r in rows if _exemplary(r)), _own(own.get(parent), "organizations"),
                tuple(sums)))
    return {unit: tuple(items) for unit, items in out.items()}


def _figure(n, of) -> dict:
    return {"count": vi.integer(n) if n is not None else "—",
            "percent": vi.percent(n, of) if n is not None and of else ""}


def _group_context(s: GroupSum) -> dict:
    heading, noun, _then = narrative.GROUP_WORDS[s.name]
    return {
        "name": s.name, "heading": heading, "noun": noun, "posts": s.posts,
        "total": vi.integer(s.total), "rated": vi.integer(s.rated),
        "levels": [dict(_figure(n, s.rated), label=narrative.LABELS[level])
                   for level, n in zip(LEVELS, s.counts)],
        "tieu_bieu": _figure(s.tieu_bieu, s.rated) if s.tieu_bieu is not None else None,
        "not_rated": [{"label": narrative.NOT_RATED_WORDS[reason], "count": vi.integer(n)}
                      for reason, n in zip(NOT_RATED, s.not_rated) if n],
        "disciplined": vi.integer(s.disciplined) if s.disciplined is not None else None,
        "own": _own_context(s.own),
    }


def _own_context(own: tuple | None) -> dict | None:
    if own is None:
        return None
    total, rated, counts, tieu_bieu, disciplined = own
    return {"total": vi.integer(total), "rated": vi.integer(rated),
            "levels": [_figure(n, rated) for n in counts],
            "tieu_bieu": _figure(tieu_bieu, rated) if tieu_bieu is not None else None,
            "disciplined": vi.integer(disciplined) if disciplined is not None else None}


def context(site: Site, unit_id: str, items: tuple) -> list:
    """The roll-ups of a unit page, every figure formatted."""
    out = []
    index = children_index(site.units) if items else {}
    for r in items:
        posted = len(r.posted)
        end = dt.date(r.year, 12, 31)
        out.append({
            "year": r.year,
            "posted": f"{posted}/{r.units}",
            "missing": vi.sort_vi((unit.name for unit in children_on(index, unit_id, end)
                                   if unit.id not in r.posted), key=lambda n: n),
            "units": {"heading": narrative.GROUP_WORDS["organizations"][0], "noun": "đơn vị",
                      "total": vi.integer(posted), "rated": vi.integer(posted),
                      "levels": [dict(_figure(n, posted), label=narrative.LABELS[level])
                                 for level, n in zip(LEVELS, r.levels)],
                      "tieu_bieu": _figure(r.exemplary, posted) if r.exemplary else None,
                      "not_rated": [], "disciplined": None, "own": _own_context(r.own_units)},
            "groups": [_group_context(s) for s in r.groups],
        })
    return out
