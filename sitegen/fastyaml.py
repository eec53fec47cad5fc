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

import yaml

from .yamlpos import MAX_DEPTH, Doc, Loc, construct_scalar

_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|$)")
_FLOW_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): +")
_PLAIN_STOP = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_PLAIN_RE = re.compile(r"[^\s,\[\]{}#:'\"&*!|>%@`?-][^,\[\]{}#:]*")
_resolver = yaml.resolver.Resolver()


class _NotSimple(Exception):
    pass


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


@lru_cache(maxsize=8192)
def _plain(text: str):
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    return construct_scalar(tag, text)


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


@lru_cache(maxsize=32768)
def _line(text: str):
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
    return _LazyDoc(value, lines, top, odd, Loc(first_line, 1))


def _values(lines: list) -> tuple:
    """(value, top-level positions, lines used)."""
    top: dict = {}
    first = lines[0][1]
    if first[0] == "item":
        value, end = _seq_value(lines, 0, first[1], 0, len(lines))
    else:
        value, end = _map_value(lines, 0, first[1], 0, None, len(lines), top)
    return value, top, end


def _restore(lines: list, odd: bool, start: Loc) -> "_LazyDoc":
    doc = _LazyDoc.__new__(_LazyDoc)
    doc._lines, doc._odd, doc.start = lines, odd, start
    return doc


class _LazyDoc(Doc):
    """A Doc whose position tables are assembled from its lines on first use.

    Reading a post needs only its value; positions are needed for a problem, and at the
    top level (facts across files), which `_top` answers: key -> (line, key column,
    value column or 0). Once a post is read, compact() drops all but the lines (the
    value comes back, the same, when asked for): 10,000 loaded posts are ~30 MB lighter,
    and so is the saved memo."""
    __slots__ = ("_lines", "_top", "_odd")

    def __init__(self, value, lines: list, top: dict, odd: bool, start: Loc):
        self.value = value
        self.start = start
        self._lines = lines
        self._top = top
        self._odd = odd

    def __getattr__(self, name: str):
        # Only reached while the slot is empty: make what was asked for, once.
        if name in ("value", "_top"):
            self.value, self._top, _ = _values(self._lines)
            return getattr(self, name)
        if name not in ("nodes", "keys"):
            raise AttributeError(name)
        builder = _Builder(self._lines)
        first = self._lines[0][1]
        if first[0] == "item":
            builder.block_seq(0, first[1], ())
        else:
            builder.block_map(0, first[1], (), None)
        self.nodes = builder.nodes
        self.keys = builder.keys
        return getattr(self, name)

    def __reduce__(self):
        return (_restore, (self._lines, self._odd, self.start))

    def compact(self) -> None:
        for name in ("value", "_top", "nodes", "keys"):
            try:
                delattr(self, name)
            except AttributeError:
                pass

    def digits_raw(self, path):
        return self.raw(path) if self._odd else None

    def position(self, path, key: bool = False) -> tuple[int, int]:
        if len(path) == 1:
            pos = self._top.get(path[0])
            if pos is not None and (key or pos[2]):
                return (pos[0], pos[1] if key else pos[2])
        return Doc.position(self, path, key)


def _copy(spec):
    """The Python value of a one-line value; flow collections are copied, as the parsed
    line is shared by every document that has it."""
    if spec[0] == "s":
        return spec[1]
    return dict(spec[4]) if spec[1] else list(spec[4])


# The value alone, with exactly the checks of _Builder (which must accept the same
# documents, as it runs later on the same lines when positions are asked for).
def _map_value(lines, i: int, indent: int, depth: int, first, count: int, top):
    if depth > MAX_DEPTH:
        raise _NotSimple
    result: dict = {}
    number, descriptor = lines[i]
    if first is not None:
        descriptor = first
    while True:
        if descriptor[0] != "key" or descriptor[1] != indent:
            raise _NotSimple
        _, _, key, value, null_col, _ = descriptor
        if key in result:
            raise _NotSimple
        i += 1
        if value is not None:
            result[key] = value[1] if value[0] == "s" else _copy(value)
            if top is not None:
                top[key] = (number, indent + 1, value[2])
        else:
            nxt = lines[i][1] if i < count else None
            if nxt is not None and nxt[1] > indent:
                if nxt[0] == "item":
                    result[key], i = _seq_value(lines, i, nxt[1], depth + 1, count)
                else:
                    result[key], i = _map_value(lines, i, nxt[1], depth + 1, None, count, None)
                null_col = 0  # the value's place is where the block starts: ask the tables
            elif nxt is not None and nxt[0] == "item" and nxt[1] == indent:
                result[key], i = _seq_value(lines, i, indent, depth + 1, count)
                null_col = 0
            else:
                result[key] = None
            if top is not None:
                top[key] = (number, indent + 1, null_col)
        if i >= count:
            break
        number, descriptor = lines[i]
        if descriptor[1] > indent:
            raise _NotSimple
        if descriptor[1] < indent or descriptor[0] != "key":
            break
    return result, i


def _seq_value(lines, i: int, indent: int, depth: int, count: int):
    if depth > MAX_DEPTH:
        raise _NotSimple
    result: list = []
    while i < count:
        descriptor = lines[i][1]
        if descriptor[0] != "item" or descriptor[1] != indent:
            break
        inner = descriptor[2]
        if inner[0] == "key":
            value, i = _map_value(lines, i, inner[1], depth + 1, inner, count, None)
        else:
            value = _copy(inner)
            i += 1
        result.append(value)
        if i < count and lines[i][1][1] > indent:
            raise _NotSimple
    return result, i


class _Builder:
    def __init__(self, lines):
        self.lines = lines
        self.nodes: dict = {}
        self.keys: dict = {}

    def _put(self, spec, number: int, path):
        """Store a one-line value (scalar or flow) and return its Python value."""
        nodes = self.nodes
        if spec[0] == "s":
            nodes[path] = (spec[1], number, spec[2], spec[3])
            return spec[1]
        _, is_map, col, entries, _, _ = spec
        if is_map:
            result: dict | list = {}
            keys = self.keys
            for key, key_col, value, vcol, raw in entries:
                child = path + (key,)
                keys[child] = (number, key_col)
                nodes[child] = (value, number, vcol, raw)
                result[key] = value
        else:
            result = []
            for i, (_, _, value, vcol, raw) in enumerate(entries):
                nodes[path + (i,)] = (value, number, vcol, raw)
                result.append(value)
        nodes[path] = (result, number, col, None)
        return result

    def block_map(self, i: int, indent: int, path, first):
        """The map whose keys stand at `indent`; `first` is the descriptor of its first
        key when that key sits on a list item's line ('- key: ...')."""
        if len(path) > MAX_DEPTH:
            raise _NotSimple  # libyaml's reader reports it, with the same limit
        lines = self.lines
        nodes = self.nodes
        keys = self.keys
        count = len(lines)
        result: dict = {}
        start_line = lines[i][0]
        key_pos_col = indent + 1
        number, descriptor = lines[i]
        if first is not None:
            descriptor = first
        while True:
            if descriptor[0] != "key" or descriptor[1] != indent:
                raise _NotSimple
            _, _, key, value, null_col, _ = descriptor
            if key in result:
                raise _NotSimple
            child = path + (key,)
            keys[child] = (number, key_pos_col)
            i += 1
            if value is not None:
                if value[0] == "s":  # the common case, inline
                    nodes[child] = (value[1], number, value[2], value[3])
                    result[key] = value[1]
                else:
                    result[key] = self._put(value, number, child)
            else:
                nxt = lines[i][1] if i < count else None
                if nxt is not None and nxt[1] > indent:
                    if nxt[0] == "item":
                        result[key], i = self.block_seq(i, nxt[1], child)
                    else:
                        result[key], i = self.block_map(i, nxt[1], child, None)
                elif nxt is not None and nxt[0] == "item" and nxt[1] == indent:
                    result[key], i = self.block_seq(i, indent, child)
                else:
                    result[key] = None
                    nodes[child] = (None, number, null_col, "")
            if i >= count:
                break
            number, descriptor = lines[i]
            if descriptor[1] > indent:
                raise _NotSimple
            if descriptor[1] < indent or descriptor[0] != "key":
                break
        nodes[path] = (result, start_line, key_pos_col, None)
        return result, i

    def block_seq(self, i: int, indent: int, path):
        if len(path) > MAX_DEPTH:
            raise _NotSimple
        lines = self.lines
        count = len(lines)
        result: list = []
        start_line = lines[i][0]
        while i < count:
            number, descriptor = lines[i]
            if descriptor[0] != "item" or descriptor[1] != indent:
                break
            inner = descriptor[2]
            child = path + (len(result),)
            if inner[0] == "key":
                value, i = self.block_map(i, inner[1], child, inner)
            else:
                value = self._put(inner, number, child)
                i += 1
            result.append(value)
            if i < count and lines[i][1][1] > indent:
                raise _NotSimple
        self.nodes[path] = (result, start_line, indent + 1, None)
        return result, i
