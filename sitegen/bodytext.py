"""Plain text from a post's Markdown body: its first paragraph (the summary of a post
that has none) and its words (for the search index). Pure."""
from __future__ import annotations

import re

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`>#]+")
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`#>|]+")


def first_paragraph(body: str) -> str:
    for block in re.split(r"\n\s*\n", body.strip()):
        block = block.strip()
        if block and not block.startswith(("#", "|", "!", "-", "*", "<", "1.")):
            text = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", block))
            return " ".join(text.split())
    return ""


def plain_text(markdown_text: str) -> str:
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or " ", markdown_text).split())
