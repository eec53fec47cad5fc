"""Plain text from a post's Markdown body: its first paragraph (the summary of a post
that has none) and its words (for the search index). Pure."""
from __future__ import annotations

import re

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`#>|]+")
_BLANK_LINE = re.compile(r"\n\s*\n")
_NOT_PROSE = ("#", "|", "!", "-", "*", "<", "1.")


def first_paragraph(body: str) -> str:
    """The first block of prose (not a heading, table, picture, list or HTML), as plain
    text. Blocks are found one at a time, and markup is removed only when the block has
    it: this runs for every post a build reads."""
    text = body.strip()
    start = 0
    while True:
        blank = _BLANK_LINE.search(text, start)
        block = text[start:blank.start() if blank else len(text)].strip()
        if block and not block.startswith(_NOT_PROSE):
            if "[" in block:
                block = _MD_LINK.sub(r"\1", block)
            for mark in "*_`>#":
                if mark in block:
                    block = block.replace(mark, "")
            return block if _single_spaced(block) else " ".join(block.split())
        if blank is None:
            return ""
        start = blank.end()


def _single_spaced(text: str) -> bool:
    """Whether " ".join(text.split()) would give `text` back: its only whitespace is
    single ASCII spaces between words. Every other whitespace character is unprintable
    in Python's sense. Splitting and joining a 1 KB paragraph cost ~45 µs a post."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def plain_text(markdown_text: str) -> str:
    """The words of a body, without markup: a link keeps its text, a picture or an HTML
    tag goes, and emphasis, code, quote, heading and table marks become spaces."""
    if "[" in markdown_text or "<" in markdown_text:
        return " ".join(_MARKUP.sub(lambda m: m.group(1) or " ", markdown_text).split())
    text = markdown_text  # no link, picture or tag: only marks, replaced in C
    for mark in "*_`#>|":
        if mark in text:
            text = text.replace(mark, " ")
    return " ".join(text.split())
