"""A post's body as HTML: Markdown converted and cleaned."""
from __future__ import annotations

import functools

from . import commonmark

# Raw HTML in posts is cleaned with nh3 (the Rust sanitiser ammonia) unless site.yaml says
# `trust_html: true`: a pasted <script>, <iframe>, onclick= or javascript: link from a
# portal or a document must never reach an official site. Kept: everything Markdown
# itself produces (tables, footnotes' ids and classes, code classes) and ordinary markup.
SAFE_ATTRIBUTES = {"*": {"class", "id", "title", "lang", "dir", "aria-label"},
                   "a": {"href", "hreflang"}, "img": {"src", "alt", "width", "height"},
                   "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
                   "ol": {"start"}, "blockquote": {"cite"}, "q": {"cite"}, "time": {"datetime"}}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    return _cleaner()(html)


@functools.lru_cache(maxsize=1)
def _cleaner():
    """nh3's clean() with these rules, set up once: nh3.clean() converted them at every
    call, ~45% of its 0.2 ms a post. Older releases of nh3 have no Cleaner: clean() then."""
    import nh3  # only a build needs it
    rules = dict(tags=nh3.ALLOWED_TAGS | {"section"}, attributes=SAFE_ATTRIBUTES,
                 url_schemes=SAFE_SCHEMES, link_rel=None)
    if hasattr(nh3, "Cleaner"):
        return nh3.Cleaner(**rules).clean
    return functools.partial(nh3.clean, **rules)


def markdown_html(text: str, trust_html: bool = False) -> str:
    """A body's HTML (commonmark.py: what most editors preview, and 25 times faster than
    Python-Markdown, which was half of a first build), cleaned unless trusted."""
    html = commonmark.to_html(text)
    if html.endswith("\n"):
        html = html[:-1]  # the page template puts the line end
    if "data-footnote-backref" in html:  # the label screen readers read is English
        html = html.replace(' aria-label="Back to reference ', ' aria-label="Quay lại chỗ chú thích ')
    return html if trust_html else clean_html(html)
