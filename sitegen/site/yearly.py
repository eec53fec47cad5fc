"""The tables of results, formatted: a review year's results page (rows grouped under
each parent, a "Cộng" per parent, the chart) and a unit's page (its history with
streaks and honours, its units' roll-up). Pure; pages.py makes the pages of them.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from sitegen import vi
from sitegen.read import urls
from sitegen.read.model import GROUPS, LEVELS, Site, sum_levels
from sitegen.read.units import children_index, children_on
from sitegen.site import narrative, rollup
from sitegen.site.views import View


class Figures(NamedTuple):
    total: int
    rated: int
    counts: tuple   # by level; None where a post did not give the level


def results_context(year, site: Site) -> dict:
    return {"title": f"Kết quả đánh giá, xếp loại chất lượng năm {year.review_year}",
            "year": results_table(year, site), "csv_url": urls.results_csv_url(year.review_year)}


def parents_key(year, site: Site, index: dict) -> tuple:
    """What a results page shows of each parent of its rows, as key material: its name,
    its committee and its units at the end of the year, by name (those not yet posted are
    listed)."""
    end = dt.date(year.review_year, 12, 31)
    parents = sorted({r.parent for r in year.rows if r.parent in site.units})
    return tuple((p, site.units[p].name, site.units[p].committee,
                  tuple((u.id, u.name) for u in children_on(index, p, end))) for p in parents)


def results_table(year, site: Site) -> dict:
    """Rows and totals of a review year, with every figure formatted."""
    def level_cells(counts, rated):
        return [{"count": vi.integer(c) if c is not None else "", "percent": vi.percent(c, rated) if rated and
                 c is not None else ""} for c in counts] if counts else []

    def totals(counted) -> dict:
        counts = sum_levels(f.counts for f in counted)
        rated = sum(f.rated for f in counted)
        good = None if None in counts[:2] else counts[0] + counts[1]
        return {"total": vi.integer(sum(f.total for f in counted)), "rated": vi.integer(rated),
                "levels": level_cells(counts, rated), "good": vi.integer(good) if good is not None else "",
                "good_percent": vi.percent(good, rated) if rated and good is not None else ""}

    index = children_index(site.units)
    end = dt.date(year.review_year, 12, 31)

    def by_parent(items) -> list:
        """(ResultRow, row, Figures or None) under each parent, parents in Vietnamese order,
        with a "Cộng" of the units under it: never a sum across units of different parents,
        nor a parent's own post (which counts the same members again)."""
        found = defaultdict(list)
        for item in items:
            found[item[0].parent if item[0].parent in site.units else ""].append(item)
        out = []
        for parent in sorted(found, key=lambda p: (p != "", vi.collation_key(site.units[p].name) if p else ())):
            members = found[parent]
            counted = [f for _r, _row, f in members if f is not None]
            posted = {r.unit_id for r, _row, _f in members}
            under = {u.id for u in children_on(index, parent, end)} | posted
            out.append({"parent": site.units[parent].name if parent else "",
                        "under": (site.units[parent].committee or site.units[parent].name) if parent else "",
                        "parent_url": urls.unit_url(parent) if parent else "",
                        "rows": [row for _r, row, _f in members],
                        "posted": f"{len(members)}/{len(under)}" if parent else "",
                        # whom the committee still waits for, by name
                        "missing": vi.sort_vi((site.units[u].name for u in under - posted),
                                              key=lambda n: n) if parent else [],
                        "subtotal": totals(counted) if parent and len(counted) > 1 else None})
        return out

    rows = []
    for r in year.rows:
        good = (r.counts[0] + r.counts[1]) if r.counts else 0
        rows.append({
            "unit_id": r.unit_id, "parent_id": r.parent or "",
            "parent": site.units[r.parent].name if r.parent in site.units else "",
            "kind": site.units[r.unit_id].kind,
            "unit": r.unit_name, "unit_url": urls.unit_url(r.unit_id), "post_url": urls.post_url(r.post),
            "level": r.level, "level_label": narrative.LABELS[r.level] if r.level else "",
            "status": r.post.meeting.results.status,
            "total": vi.integer(r.total) if r.counts else "", "rated": vi.integer(r.rated) if r.counts else "",
            "levels": level_cells(r.counts, r.rated),
            "good": vi.integer(good) if r.counts else "",
            "good_percent": vi.percent(good, r.rated) if r.counts and r.rated else "",
            "disciplined": _disciplined(r.post.meeting.results.group("members")),
        })
    # The other count groups (organisations, collectives, leaders): a table each, a row
    # per unit that gives it.
    others = []
    for name in GROUPS[1:]:
        group_rows = []
        for r in year.rows:
            g = r.post.meeting.results.group(name)
            if g is None:
                continue
            counts, good = g.known_counts, g.count("xuat_sac") + g.count("tot")
            group_rows.append((r, {"unit": r.unit_name, "unit_url": urls.unit_url(r.unit_id),
                                   "post_url": urls.post_url(r.post), "unit_id": r.unit_id,
                                   "status": g.status or r.post.meeting.results.status,
                                   "total": vi.integer(g.total), "rated": vi.integer(g.rated),
                                   "levels": level_cells(counts, g.rated), "good": vi.integer(good),
                                   "good_percent": vi.percent(good, g.rated) if g.rated else "",
                                   "disciplined": _disciplined(g)},
                               Figures(g.total, g.rated, counts)))
        if group_rows:
            others.append({"name": name, "heading": narrative.GROUP_WORDS[name][0],
                           "rows": [row for _r, row, _f in group_rows], "groups": by_parent(group_rows)})
    groups = by_parent([(r, row, Figures(r.total, r.rated, r.counts) if r.counts else None)
                        for r, row in zip(year.rows, rows)])
    good = year.counts[0] + year.counts[1]
    return {
        "review_year": year.review_year, "rows": rows, "groups": groups, "others": others,
        "total": vi.integer(year.total), "rated": vi.integer(year.rated),
        "levels": level_cells(year.counts, year.rated),
        "good": vi.integer(good), "good_percent": vi.percent(good, year.rated) if year.rated else "",
        "unit_levels": [{"label": narrative.LABELS[lvl], "count": vi.integer(n)}
                        for lvl, n in zip(LEVELS, year.unit_levels)],
        "level_labels": [{"short": narrative.SHORT_LABELS[lvl], "full": narrative.LABELS[lvl]} for lvl in LEVELS],
        "chart": chart(year),
    }


def _disciplined(g) -> str:
    """Those of a group disciplined during the year, for the CSV and a unit's history: ''
    when the post does not say."""
    return "" if g is None or g.disciplined is None else str(g.disciplined)


CHART_BAR_WIDTH = 400  # the bar's own coordinates; it is drawn as wide as its row


def chart(year) -> dict:
    """A stacked bar per unit: the share of its rated members at each level, each an
    inline SVG beside its unit's name in HTML (no JavaScript), so that on a phone the
    names keep the page's font size."""
    bars = []
    for r in (row for row in year.rows if row.counts and row.rated):
        segments = _segments(r.counts, r.rated)
        bars.append({"label": r.unit_name, "segments": segments,
                     "description": r.unit_name + ": " + "; ".join(seg["title"] for seg in segments)})
    return {"bars": bars, "width": CHART_BAR_WIDTH,
            "legend": [{"level": lvl, "label": narrative.LABELS[lvl]} for lvl in LEVELS]}


def _segments(counts, rated: int) -> list:
    """The parts of one bar, a level each. Geometry is computed here, rounded, so output
    is deterministic."""
    x, segments = 0.0, []
    for level, count in zip(LEVELS, counts):
        count = count or 0  # a level the post did not give: no bar
        width = CHART_BAR_WIDTH * count / rated
        if count:
            segments.append({"x": round(x, 2), "width": round(width, 2), "level": level,
                             "title": f"{narrative.LABELS[level]}: {vi.integer(count)} ({vi.percent(count, rated)})"})
        x += width
    return segments


def history_chart(rows) -> list:
    """A unit's years, oldest first: its own level and the shares of its members."""
    out = []
    for r in sorted(rows, key=lambda r: r.post.meeting.review_year):
        segments = _segments(r.counts, r.rated) if r.counts and r.rated else []
        level = narrative.LABELS[r.level] if r.level else "chưa có xếp loại tập thể"
        out.append({"year": r.post.meeting.review_year, "level": r.level or "", "label": level,
                    "segments": segments, "description": f"Năm {r.post.meeting.review_year}: tập thể {level}"
                    + ("; đảng viên: " + "; ".join(seg["title"] for seg in segments) if segments else "")})
    return out


def _streaks(rows) -> dict:
    """review year -> how many years in a row, up to it, the unit had that year's level
    ("3 năm liền"), for runs of two years or more."""
    by_year = {r.post.meeting.review_year: r.level for r in rows if r.level}
    out, run = {}, 0
    for year in sorted(by_year):
        run = run + 1 if by_year.get(year - 1) == by_year[year] else 1
        if run >= 2:
            out[year] = run
    return out


def row_key(r) -> tuple:
    """What a results row or a unit's history shows of its post, as key material."""
    rating = r.post.meeting.results.unit
    return (urls.post_url(r.post), r.level, r.post.meeting.results.status, r.counts, r.rated, r.total, r.parent,
            r.post.meeting.regime, rating.honors if rating else (), rating.score if rating else None,
            r.post.meeting.results.groups)  # every group: the results page tables them all


def unit_context(site: Site, view: View, unit_id: str, cards, histories: dict, children: dict,
                 rolled: tuple = ()) -> dict:
    unit = site.units[unit_id]
    rows = histories.get(unit_id, ())
    streaks = _streaks(rows)
    history = [{
        "review_year": r.post.meeting.review_year, "post_url": urls.post_url(r.post),
        "level_label": narrative.LABELS[r.level] if r.level else "",
        "streak": streaks.get(r.post.meeting.review_year, 0),
        "honour": narrative.exemplary_label(r.post.meeting.regime)
        if r.post.meeting.results.unit and "tieu_bieu" in r.post.meeting.results.unit.honors else "",
        "score": narrative.score_text(r.post.meeting.results.unit.score)
        if r.post.meeting.results.unit and r.post.meeting.results.unit.score is not None else "",
        "status": narrative.STATUS_LABELS[r.post.meeting.results.status],
        "levels": [vi.integer(c) if c is not None else "" for c in r.counts],
        "rated": vi.integer(r.rated) if r.counts else "",
        "total": vi.integer(r.total) if r.counts else "",
        "disciplined": _disciplined(r.post.meeting.results.group("members")),
    } for r in rows]
    parents = []
    for link in unit.parents:
        if link.id in site.units:
            parents.append({"name": site.units[link.id].name, "url": urls.unit_url(link.id),
                            "start": link.start, "until": link.until})
    kids = vi.sort_vi(({"name": site.units[c].name, "url": urls.unit_url(c)} for c in children.get(unit_id, ())),
                      key=lambda c: c["name"])
    return {
        "title": unit.name,
        "unit": {"name": unit.name, "kind": unit.kind, "former_names": unit.former_names,
                 "committee": unit.committee},
        "history": history, "history_chart": history_chart(rows), "chart_width": CHART_BAR_WIDTH,
        "history_disciplined": any(h["disciplined"] for h in history),
        "parents": parents, "children": kids, "rollups": rollup.context(site, unit_id, rolled),
        "posts": [cards(p) for p in view.unit_posts.get(unit_id, ())],
        "level_labels": [{"id": lvl, "short": narrative.SHORT_LABELS[lvl], "full": narrative.LABELS[lvl]} for lvl in LEVELS]}
