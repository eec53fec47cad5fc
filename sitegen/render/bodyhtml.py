"""A post's body as HTML: Markdown converted by Python-Markdown, then cleaned (nh3).

The extensions are chosen for what clerks type: tables, footnotes, fenced code, lists
that start right under a line of text and nest by two spaces (as editors and CommonMark
do; mdx_truly_sane_lists for the nesting), bare web and e-mail addresses made links,
and ~~strikethrough~~. A site may add Python-Markdown extensions
in site.yaml (`markdown_extensions`); only extensions installed as such are accepted,
so a site's settings can never name an arbitrary module to import.
"""
from __future__ import annotations

import functools
import re

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.preprocessors import Preprocessor


# Raw HTML in posts is cleaned with nh3 (the Rust sanitiser ammonia) unless site.yaml says
# `trust_html: true`: a pasted <script>, <iframe>, onclick= or javascript: link from a
# portal or a document must never reach an official site. Kept: everything Markdown
# itself produces (tables, footnotes' ids and classes, code classes) and ordinary markup.
SAFE_ATTRIBUTES = {"*": {"class", "id", "title", "lang", "dir", "aria-label"},
                   "a": {"href", "hreflang"}, "img": {"src", "alt", "width", "height"},
                   "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
                   "ol": {"start"}, "blockquote": {"cite"}, "q": {"cite"}, "time": {"datetime"}}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}

EXTENSIONS = ("tables", "footnotes", "fenced_code", "mdx_truly_sane_lists", "pymdownx.magiclink",
              "pymdownx.tilde")
CONFIGS = {
    "mdx_truly_sane_lists": {"nested_indent": 2},
    "tables": {"use_align_attribute": True},  # style= would be cleaned away
    "footnotes": {"BACKLINK_TITLE": "Quay lại chỗ chú thích %d"},
    "pymdownx.magiclink": {"hide_protocol": False},
}


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


def markdown_html(text: str, trust_html: bool = False, extra: tuple = ()) -> str:
    """A body's HTML, cleaned unless trusted. `extra`: the site's own extensions, as
    ((name, ((option, value), ...)), ...)."""
    html = _converter(extra, *needed(text, extra)).reset().convert(text)
    return html if trust_html else clean_html(html)


# A converter tries each of its extensions on every line, and each of its inline
# patterns on every span of text, so a body is converted with only those it holds a
# marker for: the same HTML (a property test compares), twice as fast for a body of
# plain paragraphs with some bold. The extensions: a table needs a '|', a footnote
# '[^', fenced code a fence, strikethrough or subscript a '~' (or a backslash:
# pymdownx.tilde lets one escape a space), magiclink a bare address ('://', 'www.' or
# the '@' of an e-mail address).
MARKERS = {"tables": ("|",), "footnotes": ("[^",), "fenced_code": ("```", "~~~"), "pymdownx.tilde": ("~", "\\"),
           "pymdownx.magiclink": ("://", "www.", "@")}
# Python-Markdown's own inline patterns. A line break is two spaces before a line's end,
# once a carriage return is read as a line's end and a tab as spaces.
INLINE_MARKERS = {"backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",),
                  "short_reference": ("[",), "image_link": ("![",), "image_reference": ("![",),
                  "short_image_ref": ("![",), "autolink": ("<",), "automail": ("<",), "html": ("<",),
                  "entity": ("&",), "linebreak": ("  \n", "  \r", "\t"), "em_strong": ("*", "_"),
                  "em_strong2": ("_",), "not_strong": ("*", "_")}


def needed(text: str, extra: tuple = ()) -> tuple:
    """(the extensions of EXTENSIONS `text` may need, the inline patterns it cannot).
    A site's own extensions may build on any pattern: with them, everything."""
    if extra:
        return EXTENSIONS, ()
    return (tuple(name for name in EXTENSIONS if name not in MARKERS or any(m in text for m in MARKERS[name])),
            tuple(name for name, marks in INLINE_MARKERS.items() if not any(m in text for m in marks)))


@functools.lru_cache(maxsize=64)
def _converter(extra: tuple, names: tuple = EXTENSIONS, without: tuple = ()) -> markdown.Markdown:
    """One Markdown instance per set of extensions and inline patterns, reused (reset())
    for every body: making one costs more than converting a post."""
    configs = dict(CONFIGS)
    configs.update((name, dict(options)) for name, options in extra)
    names = list(names) + [name for name, _ in extra if name not in names]
    md = markdown.Markdown(extensions=names + [_ListsUnderALine()], extension_configs=configs,
                           output_format="html")
    for name in without:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    brackets = _Brackets()
    for pattern in md.inlinePatterns:
        if isinstance(pattern, LinkInlineProcessor):  # links, images, references
            pattern.getText = functools.partial(brackets.text_of, pattern.getText)
    return md


_BRACKET = re.compile(r"[\[\]]")


class _Brackets:
    """Python-Markdown's link patterns find the ']' that closes a '[' by scanning on from
    it, at every '[' (getText()): on a text with many '[' that never close, a pasted run
    of them or of "[x" marks, that is quadratic (4,000 of them took 1.8 s, 20,000 would
    take a minute and more). The same answers, from one pass over the text that pairs
    every '[' with its ']', kept for the text being converted."""

    def __init__(self):
        self.text: str | None = None
        self.closing: dict = {}  # position of a '[' -> position of its ']'

    def text_of(self, scan, data: str, index: int) -> tuple:
        """getText(data, index): (the text up to the ']' that closes the '[' just before
        `index`, the index after that ']', whether there is one)."""
        if not 0 < index <= len(data) or data[index - 1] != "[":
            return scan(data, index)
        if data is not self.text:
            self.text, self.closing = data, _pairs(data)
        end = self.closing.get(index - 1)
        if end is None:
            return data[index:], len(data), False
        return data[index:end], end + 1, True


def _pairs(text: str) -> dict:
    opened, closing = [], {}
    for mark in _BRACKET.finditer(text):
        if mark.group() == "[":
            opened.append(mark.start())
        elif opened:
            closing[opened.pop()] = mark.start()
    return closing


class _ListsUnderALine(Extension):
    """A list may start on the line right under a paragraph, as in CommonMark and in what
    people type; Python-Markdown wants a blank line first, and otherwise keeps "- …" as
    text of the paragraph. A blank line is put before such a line (outside fenced code):
    a bullet, or "1." / "1)" (a paragraph line starting "2024. " stays text)."""

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(_Lists(md), "sitegen_lists_under_a_line", 25)


class _Lists(Preprocessor):
    def run(self, lines: list) -> list:
        return _open_lists(lines)


_ITEM = re.compile(r" {0,3}(?:[*+-]|1[.)])[ \t]+\S")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def _open_lists(lines: list) -> list:
    out, fence, previous = [], None, ""
    for line in lines:
        mark = _FENCE.match(line)
        if fence is not None:
            if mark and mark.group(1)[0] == fence[0] and len(mark.group(1)) >= len(fence):
                fence = None
        elif mark:
            fence = mark.group(1)
        elif (_ITEM.match(line) and previous.strip() and not _ITEM.match(previous)
              and not previous.startswith((" ", "\t", ">", "|", "#"))):
            out.append("")
        out.append(line)
        previous = line
    return out
