"""The published site as data: which posts, in which order, grouped by year, tag and unit,
and the results of each review year. Pure: a loaded Site in, immutable views out."""
from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from sitegen import vi
from sitegen.read import urls
from sitegen.read.model import LEVELS, Post, Site, sum_levels
from sitegen.read.units import children_index


def post_sort_key(post: Post) -> tuple:
    """Newest first; ties broken by path so the order never depends on the file system."""
    return (post.date.isoformat() if post.date else "", post.rel)


class Tag(NamedTuple):
    slug: str
    name: str
    posts: tuple


class ResultRow(NamedTuple):
    """One unit in the results of a review year."""
    unit_id: str
    unit_name: str
    post: Post
    level: str | None         # the unit's own level
    counts: tuple             # members by level, () when the post has no members group
    rated: int
    total: int
    parent: str | None = None  # the unit's parent on the meeting's day


class YearResults(NamedTuple):
    review_year: int
    rows: tuple               # ResultRow, in Vietnamese alphabetical order of unit names
    counts: tuple             # members by level, summed
    rated: int
    total: int
    unit_levels: tuple        # how many units at each level


class View(NamedTuple):
    posts: tuple              # published posts (not pages), newest first
    pages: tuple              # standalone pages, by title
    years: tuple              # ((year, posts newest first), ...) newest year first
    tags: tuple               # Tag, by name
    results: tuple            # YearResults, newest review year first
    unit_posts: dict          # unit id -> posts newest first


def view(site: Site, drafts: bool = False) -> View:
    shown = [p for p in site.posts if drafts or not p.draft]
    posts = sorted((p for p in shown if p.kind == "post"), key=post_sort_key, reverse=True)
    pages = vi.sort_vi((p for p in shown if p.kind == "page"), key=lambda p: p.title)
    by_year = defaultdict(list)
    for post in posts:
        by_year[post.date.year].append(post)
    tags: dict = {}
    for post in posts:
        for name in post.tags:
            slug = urls.tag_slug(name)
            tags.setdefault(slug, (name, []))[1].append(post)
    tag_list = vi.sort_vi((Tag(slug, name, tuple(items)) for slug, (name, items) in tags.items()),
                          key=lambda t: t.name)
    unit_posts = defaultdict(list)
    for post in posts:
        if post.unit in site.units:
            unit_posts[post.unit].append(post)
    return View(tuple(posts), tuple(pages), tuple((y, tuple(by_year[y])) for y in sorted(by_year, reverse=True)),
                tuple(tag_list), tuple(_results(site, posts)), {k: tuple(v) for k, v in unit_posts.items()})


def _results(site: Site, posts) -> list[YearResults]:
    """One row per unit and review year, from yearly meeting posts; where a unit has two
    (W503 warned), the newer post counts."""
    chosen: dict = {}
    for post in posts:  # newest first
        m = post.meeting
        if m is None or m.period != "year" or post.unit not in site.units:
            continue
        chosen.setdefault((m.review_year, post.unit), post)
    by_year = defaultdict(list)
    for (year, unit_id), post in chosen.items():
        results = post.meeting.results
        members = results.group("members")
        by_year[year].append(ResultRow(
            unit_id, site.units[unit_id].name, post,
            results.unit.level if results.unit else None,
            members.known_counts if members else (), members.rated if members else 0,
            members.total if members else 0,
            site.units[unit_id].parent_on(post.meeting.meeting_date.date())))
    out = []
    for year in sorted(by_year, reverse=True):
        rows = vi.sort_vi(by_year[year], key=lambda r: r.unit_name)
        # The parent's own summary post counts all its members again: totals add up the
        # units that have no child with a row of its own this year.
        ids = {r.unit_id for r in rows}
        parents_of_rows = {r.parent for r in rows}
        counted = [r for r in rows if r.counts and not (r.unit_id in parents_of_rows and r.unit_id in ids)]
        counts = sum_levels(r.counts for r in counted)
        out.append(YearResults(
            year, tuple(rows), counts, sum(r.rated for r in counted), sum(r.total for r in counted),
            tuple(sum(1 for r in rows if r.level == lvl) for lvl in LEVELS)))
    return out


def unit_histories(view_: View) -> dict:
    """unit id -> its result rows, newest review year first."""
    out: dict = defaultdict(list)
    for year in view_.results:
        for row in year.rows:
            out[row.unit_id].append(row)
    return out


def children_of(site: Site) -> dict:
    """unit id -> ids of the units that were ever its children."""
    return {parent: [unit.id for unit in units] for parent, units in children_index(site.units).items()}
