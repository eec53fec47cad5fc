"""Where a post's front matter starts and ends: the two lines holding only '---'; and
when a file has none, what its first lines show instead (E103), in the clerk's words:
a line of four dashes, Word's long dash, an empty line or a heading above the '---'.
"""
from __future__ import annotations

import re

from sitegen.lang import _
from sitegen.problems import Problem

MAX_FRONT_MATTER = 1 << 20  # 1 MiB: long text belongs in the body
# A line of dashes that is not '---': "----", "—-" (Word's autocorrect), "- - -", "___".
_DASHES = re.compile(r"[-–—_‐‑‒―]{2,}|(?:- ){2,}-")
_LOOKED_AT = 12  # lines: a fence further down is another matter


def closing_fence(text: str, after: int) -> tuple[int, int] | None:
    """(start, end) of the first line after `after` that holds only '---' (and blanks;
    a carriage return too, for the editor, which keeps a file's line endings)."""
    at = after
    while True:
        at = text.find("\n---", at)
        if at < 0:
            return None
        end = text.find("\n", at + 4)
        end = len(text) if end < 0 else end
        if not text[at + 4:end].strip(" \t\r"):
            return at + 1, end
        at += 4


def split_front_matter(text: str, rel: str) -> tuple[tuple[str, str, int] | None, list[Problem]]:
    """(front matter, body, first body line), or E103."""
    if not text or text.isspace():
        return None, [Problem(rel, 1, 1, "E103", _("the file is empty; a post starts with a line "
                                                   "'---', its front matter, and another line '---'"))]
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        return None, [Problem(rel, 1, 1, "E103", _("front matter missing: the first line must be "
                                                   "'---', followed by the YAML keys and a closing '---'")
                              + _no_opening(text))]
    closing = closing_fence(text, first_end) if first_end >= 0 else None
    if closing is None:
        hint, line = _no_closing(text)
        return None, [Problem(rel, line, 1, "E103", _("front matter not closed: add a line holding "
                                                      "only '---' after the last key") + hint)]
    front = text[first_end + 1:closing[0]]
    body_start = closing[1] + 1
    body_line = text.count("\n", 0, body_start) + 1
    if len(front) > MAX_FRONT_MATTER:
        size = len(front.encode("utf-8")) / (1 << 20)
        return None, [Problem(rel, 2, 1, "E103", _("the front matter is {size} MB, more than "
                                                   "the 1 MB limit; move long text into the body below the "
                                                   "closing '---'").format(size=f"{size:.1f}"))]
    return (front, text[body_start:], body_line), []


def _no_opening(text: str) -> str:
    """What stands where the opening '---' should: '' when nothing tells."""
    lines = text.split("\n", _LOOKED_AT)[:_LOOKED_AT]
    first = lines[0].strip()
    fence = next((i for i, line in enumerate(lines) if line.strip(" \t\r\ufeff") == "---"), None)
    if _DASHES.fullmatch(first.lstrip("\ufeff")):
        return _("; the first line is '{line}': write exactly three hyphens, ---").format(line=first)
    if fence is not None and not any(line.strip() for line in lines[:fence]):
        return _("; the file starts with {count} empty lines: delete them, so that '---' (line {line}) is the "
                 "first").format(count=fence, line=fence + 1)
    if fence is not None:
        return _("; '---' is at line {line}, under '{text}': move that below the closing '---', or make it the "
                 "`title:`").format(line=fence + 1, text=next(line.strip() for line in lines if line.strip())[:40])
    return ""


def _no_closing(text: str) -> tuple[str, int]:
    """(what to say, the line to point at): a line of dashes that is not '---' where the
    closing one would be, or nothing at line 1."""
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if _DASHES.fullmatch(line.strip()):
            return _("; this line is '{line}': the closing line holds exactly three hyphens, ---").format(
                line=line.strip()), number
    return "", 1
