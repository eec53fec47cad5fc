"""The search index: what /tim-kiem/ searches in the browser, with no server.

It is written as a script (`tim-kiem/du-lieu.js` sets `window.SITEGEN_SEARCH`) rather
than JSON, because browsers refuse to fetch JSON from a page opened from disk. Units and
tags are stored once and referred to by number. Body text is included, already folded
(no tones, đ as d), up to a budget for the whole site shared equally between posts, so
10,000 posts stay a few MB while a school's few hundred posts are searchable in full.
Pure.
"""
from __future__ import annotations

import json

from sitegen import vi
from sitegen.read import urls
from sitegen.read.bodytext import plain_text
from sitegen.read.model import LEVELS, Site
from sitegen.site import narrative
from sitegen.site.views import View


BODY_BUDGET = 2_000_000     # characters of body text in the whole index
MIN_BODY = 200              # every post keeps at least its opening
LEAD = 160                  # characters of the opening shown under each result
def body_entry(body: str, limit: int) -> bytes:
    """The last two fields of the post's document, already as JSON: the original opening
    to show, and the folded text to search. Folded here, not in the browser: folding
    megabytes one character at a time would stall a phone; folded text is also smaller
    (one byte a character). A build keeps entries in its memo by body digest, dumped: at
    10,000 posts dumping the bodies' text again took a fifth of a rebuild."""
    text = plain_text(body)
    lead = text if len(text) <= LEAD else text[:LEAD].rsplit(" ", 1)[0] + " …"
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0]
    return dumped([lead, vi.fold_each(text)])[1:-1]


def body_limit(view: View) -> int:
    """Characters of body text each post keeps in the index (the budget shared equally)."""
    return max(MIN_BODY, BODY_BUDGET // max(1, len(view.posts + view.pages)))


FIELDS = ["url", "title", "date", "iso", "year", "unit", "tags", "people", "about", "lead", "folded"]
PREFIX, SUFFIX = b"window.SITEGEN_SEARCH=", b"]};\n"


def index_script(site: Site, view: View, entry, kept: dict | None = None, made: dict | None = None) -> bytes:
    """`entry(post, limit)` gives body_entry() of the post's body. Written one document
    at a time: at 10,000 posts the whole text, escaped and encoded at once, was three
    copies of 7 MB of text. `kept` (the memo's, in `serve`) holds each post's head (all
    but the body) from the last build, reused while the post is the very same object
    (the loader keeps unchanged posts) and its unit and tags have the same numbers;
    `made` receives this build's: at 10,000 posts making them all took ~0.1 s a save."""
    posts = view.posts + view.pages
    per_post = body_limit(view)
    units, tags = {}, {}
    kept = kept or {}

    def number(table: dict, key: str) -> int:
        return table.setdefault(key, len(table))

    docs = []
    for post in posts:
        unit = site.units.get(post.unit) if post.unit else None
        numbers = (number(units, unit.name) if unit else -1, [number(tags, t) for t in post.tags])
        found = kept.get(post.rel)
        head = found[2] if found is not None and found[0] is post and found[1] == numbers else _head(post, numbers)
        if made is not None:
            made[post.rel] = (post, numbers, head)
        docs.append(head + b"," + entry(post, per_post) + b"]")
    # The same bytes as json.dumps of the whole index with these separators.
    head = dumped({"fields": FIELDS, "units": list(units), "tags": list(tags), "docs": []})[:-2]
    return b"".join([PREFIX, head, b",".join(docs), SUFFIX])


def _head(post, numbers: tuple) -> bytes:
    """The post's document up to its body fields, without the closing bracket."""
    m = post.meeting
    people = [p.name for p in (m.presiding + m.guests)] if m else []
    year = m.review_year if m else (post.date.year if post.date else "")
    return dumped([
        urls.post_url(post), post.title,
        vi.date_short(post.date) if post.date else "",
        post.date.strftime("%Y-%m-%d %H:%M") if post.date else "",
        year, numbers[0], numbers[1], ", ".join(people), about(post),
    ])[:-1]


def about(post) -> str:
    """What a reader may search for that is not in the text the clerk wrote: the author,
    and the words of the "Kết quả" sitegen writes: the unit's level and honour, and each
    group with the levels it has members at (so "xuat sac" finds a post whose members
    were rated xuất sắc). Words, not the sentences: making those for every post took a
    third of a rebuild at 3,000 posts."""
    parts = [post.author] if post.author else []
    m = post.meeting
    if m is not None:
        rating = m.results.unit
        if rating is not None:
            parts.append(narrative.LABELS[rating.level])
            if "tieu_bieu" in rating.honors:
                parts.append(narrative.exemplary_label(m.regime))
        for g in m.results.groups:
            parts.append(narrative.GROUP_WORDS[g.name][0])
            parts += [narrative.LABELS[level] for level, n in zip(LEVELS, g.known_counts) if n]
    return " ".join(parts)


def dumped(value) -> bytes:
    # '</' cannot end the script early; JSON allows the escaped slash.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").encode("utf-8")
