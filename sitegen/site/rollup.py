"""A đảng bộ's year gathered from its units' own posts: how many have posted, the units
by level, their members by level and the members not rated by reason, set beside the
đảng bộ's own post. Shown on the unit page and counted on the results page. Pure.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sitegen import vi
from sitegen.read.model import LEVELS, NOT_RATED, Site, sum_levels
from sitegen.read.units import children_index, children_on
from sitegen.site import narrative
from sitegen.site.views import View


class Rollup(NamedTuple):
    year: int
    posted: tuple        # unit ids with a yearly post, in the order of the results page
    units: int           # units under the đảng bộ at the end of the year (and those that posted)
    levels: tuple        # units by their own level, in LEVELS order
    counts: tuple        # their members by level (None: a post did not give that level)
    rated: int
    total: int
    not_rated: tuple     # their members not rated, by reason, in NOT_RATED order
    own_total: int | None  # the đảng bộ's own post's count of members, if it has one


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
            groups = [r.post.meeting.results.group("members") for r in rows]
            groups = [g for g in groups if g is not None]
            counts = sum_levels(g.known_counts for g in groups)
            out.setdefault(parent, []).append(Rollup(
                year.review_year, tuple(r.unit_id for r in rows), len(under),
                tuple(sum(1 for r in rows if r.level == level) for level in LEVELS), counts,
                sum(g.rated for g in groups), sum(g.total for g in groups),
                tuple(sum(getattr(g.not_rated, reason) for g in groups) for reason in NOT_RATED),
                own[parent].total if parent in own and own[parent].counts else None))
    return {unit: tuple(items) for unit, items in out.items()}


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
            "levels": [{"label": narrative.LABELS[level], "count": n, "percent": vi.percent(n, posted)}
                       for level, n in zip(LEVELS, r.levels) if n],
            "total": vi.integer(r.total), "rated": vi.integer(r.rated),
            "members": [{"label": narrative.LABELS[level],
                         "count": vi.integer(n) if n is not None else "—",
                         "percent": vi.percent(n, r.rated) if n is not None and r.rated else ""}
                        for level, n in zip(LEVELS, r.counts)],
            "not_rated": [{"label": narrative.NOT_RATED_WORDS[reason], "count": vi.integer(n)}
                          for reason, n in zip(NOT_RATED, r.not_rated) if n],
            "own_total": vi.integer(r.own_total) if r.own_total is not None else "",
        })
    return out
