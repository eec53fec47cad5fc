"""What a post's page offers to read next: the same unit's posts of other review years,
and posts of other units about the same review year, with links to that year's results
and the unit's page. Plain titles and addresses, so that a post's page key can include
them: a related post retitled changes the pages that list it. Pure.
"""
from __future__ import annotations

import itertools

from sitegen import vi
from sitegen.read import urls
from sitegen.read.model import Post
from sitegen.site.views import View

OTHER_YEARS = 6   # the unit's other years shown, newest first
SAME_YEAR = 5     # other units' posts of the same review year


class Related:
    """Related posts of any post of `view`: each list takes the first few candidates of
    the unit's and the year's posts, and each entry is made once (a post is listed on
    ~10 pages)."""

    def __init__(self, view: View):
        self.view = view
        self._by_year: dict | None = None
        self._entries: dict = {}  # (post rel, with its year) -> (title, url, date)
        self._firsts: dict = {}   # review year -> (units of its first posts, their shared list)

    def by_year(self) -> dict:
        if self._by_year is None:
            found: dict = {}
            for post in self.view.posts:  # newest first
                if post.meeting is not None:
                    found.setdefault(post.meeting.review_year, []).append(post)
            self._by_year = found
        return self._by_year

    def of(self, post: Post) -> tuple:
        """((heading, ((title, url, date), ...)), ...), and the links to the year's results."""
        if post.kind != "post":
            return ()
        year = post.meeting.review_year if post.meeting else None
        own = list(itertools.islice((p for p in self.view.unit_posts.get(post.unit, ())
                                     if p.meeting is not None and p is not post
                                     and (year is None or p.meeting.review_year != year)), OTHER_YEARS))
        out = []
        if own:
            out.append(("Các năm khác của đơn vị", tuple(self._entry(p, True) for p in own)))
        same = self._same_year(year, post.unit) if year is not None else None
        if same:
            out.append(same)
        return tuple(out)

    def _same_year(self, year: int, unit: str) -> tuple | None:
        """(heading, entries) of the first few posts of the year by other units: one
        shared value for the posts whose unit is not among the year's first few (most of
        them), else those found skipping the unit."""
        first = self._firsts.get(year)
        if first is None:
            head = self.by_year().get(year, ())[:SAME_YEAR]
            entries = tuple(self._entry(p, False) for p in head)
            shown = (f"Cùng năm đánh giá {year}", entries) if entries else None
            first = self._firsts[year] = ({p.unit for p in head}, shown)
        units, shared = first
        if unit not in units:
            return shared
        # The first few of the year, skipping the unit: a few steps, not the year.
        same = tuple(self._entry(p, False) for p in itertools.islice(
            (p for p in self.by_year().get(year, ()) if p.unit != unit), SAME_YEAR))
        return (f"Cùng năm đánh giá {year}", same) if same else None

    def _entry(self, post: Post, with_year: bool) -> tuple:
        found = self._entries.get((post.rel, with_year))
        if found is None:
            title = f"Năm {post.meeting.review_year}: {post.title}" if with_year else post.title
            found = (title, urls.post_url(post), vi.date_short(post.date) if post.date else "")
            self._entries[(post.rel, with_year)] = found
        return found
