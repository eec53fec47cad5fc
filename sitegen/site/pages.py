"""Every page of the site as a PageSpec (url, template, context): one function per page
kind, following the URL rules (urls.py). Pure; the contexts are plain data."""
from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

from sitegen import vi
from sitegen.cache.valuebytes import value_digest
from sitegen.read import urls
from sitegen.read.model import LEVELS, Post, Site
from sitegen.read.units import children_index
from sitegen.read.urls import file_of
from sitegen.site import narrative, related, rollup, sharing
from sitegen.site.yearly import parents_key, results_context, row_key, unit_context
from sitegen.site.views import View, children_of, unit_histories


FEED_SIZE = 20


class PageSpec(NamedTuple):
    """One output file: where it goes, which template draws it, with what."""
    url: str                  # '2024/slug/' (a folder, written as index.html) or 'feed.xml'
    template: str
    context: dict | None      # None: made by `make()` where the page renders (a worker)
    source: str = ""          # the post or page file it comes from, for error messages
    make: object = None       # a function making the context, for pages made late
    deps: tuple | None = None  # for a page made late: what its context is made from (pages.py)

    @property
    def path(self) -> str:
        return file_of(self.url)


def with_stamp(data: dict, zone: str) -> dict:
    """`data` with the `stamp` filter every page has: RFC 3339 time in the site's time zone."""
    return dict(data, stamp=lambda when: _stamp(when, zone))


def _stamp(when: dt.datetime, zone: str) -> str:
    try:
        from zoneinfo import ZoneInfo
        return when.replace(tzinfo=ZoneInfo(zone)).isoformat()
    except Exception:  # no time-zone database (Windows without tzdata): Vietnam's offset,
        # which has had no daylight saving
        return when.replace(tzinfo=dt.timezone(dt.timedelta(hours=7))).isoformat()


def summary_of(post: Post) -> str:
    """The post's summary, or its first paragraph as plain text."""
    return post.summary or post.lead


def picture(photo) -> dict | None:
    """Template data of a published photo: its variants for srcset, the largest for
    viewers and previews, the smallest for list thumbnails; sizes in pixels."""
    if photo is None:
        return None
    variants = [{"width": w, "height": h, "jpg": urls.PHOTOS + photo.name(w, "jpg"),
                 "webp": urls.PHOTOS + photo.name(w, "webp") if photo.webp else None}
                for w, h in photo.sizes]
    return {"variants": variants, "largest": variants[-1], "smallest": variants[0],
            "webp": photo.webp}


def card(post: Post, site: Site, photos: dict) -> dict:
    unit = site.units.get(post.unit) if post.unit else None
    cover = post.cover or (post.photos[0].src if post.photos else None)
    return {
        "title": post.title, "url": urls.post_url(post), "date": post.date,
        "summary": summary_of(post), "author": post.author,
        "unit": {"name": unit.name, "url": urls.unit_url(unit.id)} if unit else None,
        "cover": picture(photos.get((post.folder, cover))) if cover else None,
        "cover_alt": next((p.caption for p in post.photos if p.src == cover and p.caption), post.title),
        "tags": [{"name": t, "url": urls.tag_url(t)} for t in post.tags],
        "level": (post.meeting.results.unit.level if post.meeting and post.meeting.results.unit else None),
    }


def results_section(post: Post, site: Site) -> dict | None:
    m = post.meeting
    if m is None:
        return None
    two = site.config.two_digit_counts
    unit = site.units.get(post.unit)
    groups = []
    for g in m.results.groups:
        heading = narrative.GROUP_WORDS[g.name][0]
        groups.append({"name": g.name, "heading": heading,
                       "sentences": narrative.group_sentences(g, two, m.results.status, m.regime, m.period),
                       "rows": narrative.table_rows(g, m.period)})
    return {
        "review_year": m.review_year, "period": narrative.period_text(m), "regime": m.regime,
        "status": m.results.status,
        "status_label": narrative.STATUS_LABELS[m.results.status],
        "meeting_date": m.meeting_date,
        "attendance": narrative.attendance_sentence(m, two),
        "unit_sentence": narrative.unit_sentence(m, unit, two),
        "groups": groups,
        "basis": m.basis, "presiding": m.presiding, "guests": m.guests,
    }


class Cards:
    """List entries (cards) and page contexts of posts. A card is made once: a post is
    listed on many pages. With `kept` (the build memo's), a card is reused while its post
    is the very same object (the loader reuses unchanged posts) and its unit, photos and
    the site's settings are equal."""

    def __init__(self, site: Site, photos: dict, kept: dict | None = None, stamps: dict | None = None,
                 digests: dict | None = None, view: View | None = None):
        self.site = site
        self.related = related.Related(view) if view is not None else None
        self.shares = sharing.share_images(view.posts, site.config.title) if view is not None else {}
        self.photos = photos
        self.kept = kept if kept is not None else {}
        self.made: dict = {}
        self.stamps = stamps or {}   # file -> the stamp it had when its post was read
        self.digests = digests or {}  # what a card is made from -> digest of the card (memo)
        self.used: dict = {}         # the same, for the cards of this build
        self.deps: dict = {}

    def dep(self, post: Post):
        """A digest of the post's card, found without making the card when the memo knows
        what it is made from: the post (as the stamp of the file it was read from), its
        unit's name and its cover photo. None when the post was read without a stamp;
        pages listing it are then keyed by their whole context."""
        found = self.deps.get(post.rel, self)
        if found is self:
            stamp = self.stamps.get(post.rel)
            found = None
            if stamp is not None:
                unit = self.site.units.get(post.unit) if post.unit else None
                cover = post.cover or (post.photos[0].src if post.photos else None)
                photo = self.photos.get((post.folder, cover)) if cover else None
                source = (post.rel, stamp, unit.name if unit else None,
                          (photo.key, photo.sizes, photo.webp) if photo else None)
                found = self.digests.get(source)
                if found is None:  # a new or edited post: its card may still be the same
                    found = value_digest(self(post))
                self.used[source] = found
            self.deps[post.rel] = found
        return found

    def deps_of(self, posts) -> tuple | None:
        found = tuple([self.dep(p) for p in posts])
        return None if None in found else found

    def related_of(self, post: Post) -> tuple:
        """What the post's page offers to read next (related.py): part of its page's key."""
        return self.related.of(post) if self.related is not None else ()

    def share_of(self, post: Post):
        """The picture drawn for the post's shared link (sharing.py), or None: its name is
        part of the page's key."""
        return self.shares.get(post.rel)

    def inputs(self, post: Post) -> tuple:
        """What a post's card and page depend on besides the post itself."""
        pics = tuple(self.photos.get((post.folder, src))
                     for src in [p.src for p in post.photos] + [post.cover])
        return (self.site.units.get(post.unit), pics, self.site.config)

    def __call__(self, post: Post) -> dict:
        """The post's card (its entry in lists)."""
        entry = self.made.get(post.rel)
        if entry is None:
            old = self.kept.get(post.rel)
            inputs = self.inputs(post)
            if old is not None and old[0] is post and old[1] == inputs:
                entry = old[2]
            else:
                entry = card(post, self.site, self.photos)
                self.kept[post.rel] = (post, inputs, entry)
            self.made[post.rel] = entry
        return entry

    def page_context(self, post: Post, body_html) -> dict:
        """Made each time it is asked for, and not kept: a post has one page, and a worker
        that rendered thousands of them would otherwise hold all their contexts."""
        info = dict(self(post))
        share = self.share_of(post)
        info.update(
            body=body_html(post), kind=post.kind, results=results_section(post, self.site),
            related=[{"heading": heading, "posts": [{"title": t, "url": u, "date": d} for t, u, d in entries]}
                     for heading, entries in self.related_of(post)],
            results_url=urls.results_url(post.meeting.review_year) if post.meeting else None,
            share_image=share.url if share else None,
            photos=[{"picture": picture(self.photos.get((post.folder, p.src))), "caption": p.caption,
                     "credit": p.credit} for p in post.photos])
        return {"title": post.title, "post": info}


def all_pages(site: Site, view: View, body_html, photos: dict, kept: dict | None = None,
              cards: Cards | None = None) -> list[PageSpec]:
    """`body_html(post)` renders a post's Markdown (kept outside: it is the slow part);
    `photos` maps (post folder, src) to the published Photo; `kept` see Cards. Without
    `body_html`, the pages of posts come without their context (None): whoever renders
    them makes it with `cards.page_context`, where and when it is needed."""
    cards = cards or Cards(site, photos, kept, view=view)
    pages = home_pages(site, view, cards)
    for post in view.posts + view.pages:
        if body_html is None:
            pages.append(PageSpec(urls.post_url(post), "page.html" if post.kind == "page" else "post.html",
                                  None, source=post.rel))
        else:
            pages.append(post_page(post, cards, body_html))
    pages += [year_page(year, posts, cards) for year, posts in view.years]
    pages.append(_late("luu-tru/", "archive.html", cards, view.posts, ("archive", [y for y, _ in view.years]),
                       archive_context, view, cards))
    pages += results_pages(site, view, cards)
    histories, children = unit_histories(view), children_of(site)
    rolled = rollup.rollups(site, view)
    pages += [unit_page(site, view, unit_id, cards, histories, children, rolled) for unit_id in site.units]
    pages += [_late(urls.tag_url(tag.name), "tag.html", cards, tag.posts, ("tag", tag.name), tag_context, tag, cards)
              for tag in view.tags]
    pages.append(PageSpec("tim-kiem/", "search.html", {"title": "Tìm kiếm"}))
    pages.append(PageSpec("404.html", "404.html", {"title": "Không tìm thấy trang"}))
    newest = view.posts[:FEED_SIZE]
    updated = view.posts[0].date if view.posts else None
    pages.append(_late("feed.xml", "feed.xml", cards, newest, ("feed", updated), feed_context, site, newest,
                       updated, cards))
    return pages


def _late(url: str, template: str, cards: Cards, listed, params, make, *args) -> PageSpec:
    """A list page made where it renders, keyed by what it is made from: `params` (what
    the page shows besides its cards) and the cards of the posts it lists. A rebuild
    then finds an unchanged page without making its context."""
    card_deps = cards.deps_of(listed)
    return PageSpec(url, template, None, make=functools.partial(make, *args),
                    deps=None if card_deps is None else (params, card_deps))


def archive_context(view: View, cards: Cards) -> dict:
    return {"title": "Lưu trữ", "years": [{"year": y, "url": urls.year_url(y), "posts": [cards(p) for p in ps]}
                                          for y, ps in view.years]}


def tag_context(tag, cards: Cards) -> dict:
    return {"title": f"Thẻ: {tag.name}", "tag": tag.name, "posts": [cards(p) for p in tag.posts]}


def feed_context(site: Site, newest, updated, cards: Cards) -> dict:
    return {"title": site.config.title, "entries": [cards(p) for p in newest], "updated": updated}


def home_pages(site: Site, view: View, cards: Cards) -> list[PageSpec]:
    size = site.config.posts_per_page
    chunks = [view.posts[i:i + size] for i in range(0, len(view.posts), size)] or [()]
    latest = view.results[0].review_year if view.results else None
    return [_late(urls.home_url(number), "index.html", cards, chunk, ("home", number, len(chunks), latest),
                  home_context, site, chunk, number, len(chunks), latest, cards)
            for number, chunk in enumerate(chunks, 1)]


def home_context(site: Site, chunk, number: int, count: int, latest, cards: Cards) -> dict:
    return {
        "title": site.config.title if number == 1 else f"{site.config.title} – trang {number}",
        "posts": [cards(p) for p in chunk], "number": number, "count": count,
        "prev_url": urls.home_url(number - 1) if number > 1 else None,
        "next_url": urls.home_url(number + 1) if number < count else None,
        "latest_results": latest,
    }


def post_page(post: Post, cards: Cards, body_html) -> PageSpec:
    template = "page.html" if post.kind == "page" else "post.html"
    return PageSpec(urls.post_url(post), template, cards.page_context(post, body_html), source=post.rel)


def year_page(year: int, posts, cards: Cards) -> PageSpec:
    return _late(urls.year_url(year), "year.html", cards, posts, ("year", year), year_context, year, posts, cards)


def year_context(year: int, posts, cards: Cards) -> dict:
    return {"title": f"Tin bài năm {year}", "year": year, "posts": [cards(p) for p in posts]}


def results_pages(site: Site, view: View, cards: Cards) -> list[PageSpec]:
    out = [PageSpec("ket-qua/", "results_index.html", {
        "title": "Kết quả đánh giá, xếp loại chất lượng",
        "years": [{"year": y.review_year, "url": urls.results_url(y.review_year), "units": len(y.rows),
                   "levels": [(narrative.LABELS[level], vi.integer(n)) for level, n in zip(LEVELS, y.unit_levels) if n]}
                  for y in view.results]})]
    index = children_index(site.units)
    for year in view.results:  # made where it renders: a year of a large ward is megabytes
        params = ("results", year.review_year, year.counts, year.rated, year.total, year.unit_levels,
                  tuple((r.unit_id, r.unit_name) + row_key(r) for r in year.rows), parents_key(year, site, index))
        out.append(_late(urls.results_url(year.review_year), "results.html", cards, (), params,
                         results_context, year, site))
    return out


def unit_page(site: Site, view: View, unit_id: str, cards: Cards, histories: dict, children: dict,
              rolled: dict) -> PageSpec:
    """Made where it renders: the contexts of thousands of units are large together."""
    unit = site.units[unit_id]
    params = ("unit", unit, tuple((link.id, site.units[link.id].name) for link in unit.parents if link.id in site.units),
              tuple((c, site.units[c].name) for c in children.get(unit_id, ())),
              tuple((r.post.meeting.review_year,) + row_key(r) for r in histories.get(unit_id, ())),
              rolled.get(unit_id, ()))  # its units' names (for "chưa có") are in the children above
    return _late(urls.unit_url(unit_id), "unit.html", cards, view.unit_posts.get(unit_id, ()), params,
                 unit_context, site, view, unit_id, cards, histories, children, rolled.get(unit_id, ()))
