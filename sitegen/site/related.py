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
        # The first few of the year, skipping the post and its unit: a few steps, not the year.
        same = list(itertools.islice((p for p in self.by_year().get(year, ()) if p.unit != post.unit),
                                     SAME_YEAR)) if year is not None else []
        out = []
        if own:
            out.append(("Các năm khác của đơn vị", tuple(self._entry(p, True) for p in own)))
        if same:
            out.append((f"Cùng năm đánh giá {year}", tuple(self._entry(p, False) for p in same)))
        return tuple(out)

    def _entry(self, post: Post, with_year: bool) -> tuple:
        found = self._entries.get((post.rel, with_year))
        if found is None:
            title = f"Năm {post.meeting.review_year}: {post.title}" if with_year else post.title
            found = (title, urls.post_url(post), vi.date_short(post.date) if post.date else "")
            self._entries[(post.rel, with_year)] = found
        return found
