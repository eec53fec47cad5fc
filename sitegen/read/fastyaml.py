"""A fast reader for the plain subset of YAML that front matter nearly always is.

Block maps with simple keys, block lists, one-line flow lists and maps of scalars, plain,
'single' and "double" quoted one-line scalars, comments. It returns exactly the Doc that
yamlpos.load would (values, positions, raw text), or None as soon as the text uses
anything else (anchors, tags, multi-line scalars, escapes, odd indentation, errors), and
then libyaml reads it. tests/test_properties.py holds the two to equality.

Why: composing with libyaml and converting its nodes costs ~0.3 ms a post on a slow
machine. Here each distinct line is parsed once and remembered (`results:`, `    tot: 7`
and the like repeat across thousands of posts), so a post costs little more than
assembling its tree.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sitegen.read.fasttree import LazyDoc
from sitegen.read.fasttree import NotSimple as _NotSimple
from sitegen.read.fasttree import values as _values
from sitegen.read.yamlpos import Doc, Loc, _yaml, construct_scalar


_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|$)")
_FLOW_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): +")
_PLAIN_STOP = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_PLAIN_RE = re.compile(r"[^\s,\[\]{}#:'\"&*!|>%@`?-][^,\[\]{}#:]*")




# --------------------------------------------------------------------------- one line
# A line becomes a descriptor:
#   ("key", indent, key, value, null_column, odd)   value is None for `key:` alone
#   ("item", indent, inner, odd)                    inner is a "key" descriptor or a value
# and a value is ("s", python value, column, raw, odd) or
# ("f", is_map, column, entries, python value, odd) with entries
# ((key or None, key column, python value, column, raw), ...). Columns are 1-based; line
# numbers are added when the tree is assembled. `odd` marks a number written with a
# leading zero, whose source text (not only its value) the schema needs.


def _parse_line(text: str):
    indent = len(text) - len(text.lstrip(" "))
    if text[indent] == "\t" or text.startswith(("---", "...", "%")):
        raise _NotSimple
    if text[indent] == "-" and (len(text) == indent + 1 or text[indent + 1] == " "):
        j = indent + 1
        while j < len(text) and text[j] == " ":
            j += 1
        if j >= len(text) or text[j] == "#":
            raise _NotSimple
        m = _KEY_RE.match(text, j)
        inner = _key_line(text, j, m) if m else _value(text, j)
        return ("item", indent, inner, inner[-1])
    m = _KEY_RE.match(text, indent)
    if not m:
        raise _NotSimple
    return _key_line(text, indent, m)


def _key_line(text: str, indent: int, m):
    rest = m.end()
    if rest < len(text) and text[rest] != "#":
        value = _value(text, rest)
        return ("key", indent, m[1], value, 0, value[-1])
    return ("key", indent, m[1], None, m.end(1) + 2, False)


def _value(text: str, at: int):
    first = text[at]
    if first == "[" or first == "{":
        value, end = _flow(text, at, first == "{")
    else:
        value, end = _scalar(text, at, flow=False)
    rest = text[end:]
    if rest and not (rest[0] == " " and rest.lstrip(" ").startswith("#")):
        raise _NotSimple  # only a comment may follow a value
    return value


# YAML 1.1's implicit types as PyYAML resolves them: the characters they can start with,
# and the words that are not text (booleans and null). A plain scalar starting otherwise,
# holding a space, a slash or an inner dash (only timestamps may, which stay text here),
# a longer word, or a plain decimal count, is settled here; the rest goes to PyYAML's resolver, imported
# only then. A property test holds this to the resolver.
_TYPED_FIRST = frozenset("-+.0123456789<=FNOTYfnoty~!&*")
_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                   "null Null NULL".split())


@lru_cache(maxsize=8192)
def _plain(text: str):
    if (text[0] not in _TYPED_FIRST or " " in text or "/" in text
            or (len(text) > 5 and text[0].isalpha())):
        return text
    if text.find("-", 1) > 0 and "e" not in text and "E" not in text:
        return text  # 2024-12-20: a dash inside makes no number but a timestamp (text here)
    if text.isascii():
        if text.isdigit() and (text[0] != "0" or len(text) == 1):
            return int(text)
        if text.isalpha() and text not in _WORDS:
            return text
    return _resolved(text)


def _resolved(text: str):
    yaml = _yaml()[0]
    tag = _resolver(yaml).resolve(yaml.ScalarNode, text, (True, False))
    return construct_scalar(tag, text)


@lru_cache(maxsize=None)
def _resolver(yaml):
    return yaml.resolver.Resolver()


def _scalar(text: str, at: int, flow: bool):
    first = text[at]
    if first == '"':
        end = text.find('"', at + 1)
        if end < 0 or "\\" in text[at:end]:
            raise _NotSimple
        return ("s", text[at + 1:end], at + 1, None, False), end + 1
    if first == "'":
        end = at + 1
        while True:
            end = text.find("'", end)
            if end < 0:
                raise _NotSimple
            if not text.startswith("''", end):
                break
            end += 2
        return ("s", text[at + 1:end].replace("''", "'"), at + 1, None, False), end + 1
    if flow:
        m = _FLOW_PLAIN_RE.match(text, at)
        if not m:
            raise _NotSimple
        end = m.end()
    else:
        if first in _PLAIN_STOP and not (first == "-" and text[at + 1:at + 2].isdigit()):
            raise _NotSimple
        hash_at = text.find(" #", at)
        end = len(text) if hash_at < 0 else hash_at
    raw = text[at:end].rstrip(" \t")
    if not raw or ": " in raw or raw.endswith(":") or "\t" in raw:
        raise _NotSimple
    odd = len(raw) > 1 and raw[0] == "0" and raw.isdigit()
    return ("s", _plain(raw), at + 1, raw, odd), at + len(raw)


def _flow(text: str, at: int, is_map: bool):
    close = "}" if is_map else "]"
    entries = []
    seen = set()
    odd = False
    i = at + 1
    n = len(text)
    while True:
        while i < n and text[i] == " ":
            i += 1
        if i < n and text[i] == close and not entries:
            i += 1
            break
        key, key_col = None, 0
        if is_map:
            m = _FLOW_KEY_RE.match(text, i)
            if not m or m[1] in seen:
                raise _NotSimple
            key, key_col = m[1], i + 1
            seen.add(key)
            i = m.end()
        if i >= n or text[i] in "[{":
            raise _NotSimple
        (_, value, col, raw, is_odd), i = _scalar(text, i, flow=True)
        odd = odd or is_odd
        entries.append((key, key_col, value, col, raw))
        while i < n and text[i] == " ":
            i += 1
        if i < n and text[i] == ",":
            i += 1
            continue
        if i < n and text[i] == close:
            i += 1
            break
        raise _NotSimple
    entries = tuple(entries)
    value = {e[0]: e[2] for e in entries} if is_map else [e[2] for e in entries]
    return ("f", is_map, at + 1, entries, value, odd), i


# --------------------------------------------------------------------------- the tree


_SKIP = ("skip",)  # a blank or comment line

# The lines most often seen only once (titles, slugs, dates, unit ids, the names in
# units.yaml): a key, maybe as a list item, with a double-quoted or a plain one-line
# value, read by one match instead of the general path (~25k instructions a line).
# Anything else goes the general way, which gives the same descriptor (a property test
# holds the two together).
_ONE_MATCH = re.compile(r'( *)(- +)?([A-Za-z_][A-Za-z0-9_]*): +'
                        r'(?:"([^"\\]*)"|(\w(?:[\w ./:,()-]*[\w./)-])?))(?: +#.*)?')


def _fast_line(text: str):
    m = _ONE_MATCH.fullmatch(text)
    if m is None:
        return None
    quoted = m[4]
    if quoted is not None:
        value = ("s", quoted, m.start(4), None, False)
    else:
        raw = m[5]
        if ": " in raw:
            return None
        odd = len(raw) > 1 and raw[0] == "0" and raw.isdigit()
        value = ("s", _plain(raw), m.start(5) + 1, raw, odd)
    indent = m.end(1)
    if m[2] is None:
        return ("key", indent, m[3], value, 0, value[4])
    return ("item", indent, ("key", m.end(2), m[3], value, 0, value[4]), value[4])


@lru_cache(maxsize=32768)
def _line(text: str):
    fast = _fast_line(text)
    if fast is not None:
        return fast
    stripped = text.strip()
    if not stripped or stripped[0] == "#":
        return _SKIP
    try:
        return _parse_line(text.rstrip(" "))
    except (_NotSimple, IndexError):
        return None


def load(text: str, first_line: int) -> Doc | None:
    lines = []
    number = first_line
    odd = False
    for raw_line in text.split("\n"):
        descriptor = _line(raw_line)
        if descriptor is not _SKIP:
            if descriptor is None:
                return None
            lines.append((number, descriptor))
            if descriptor[-1]:
                odd = True
        number += 1
    if not lines:
        return Doc(None, start=Loc(first_line, 1))
    try:
        value, top, end = _values(lines)
    except (_NotSimple, RecursionError):
        return None  # libyaml reads it, behind its nesting guard
    if end != len(lines):
        return None
    return LazyDoc(value, lines, top, odd, Loc(first_line, 1))
