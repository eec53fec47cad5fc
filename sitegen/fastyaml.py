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
#   ("key", indent, key, value, null_column)   value is None for `key:` alone
#   ("item", indent, inner)                    inner is a "key" descriptor or a value
# and a value is ("s", python value, column, raw) or ("f", is_map, column, entries)
# with entries ((key or None, key column, python value, column, raw), ...). Columns are
# 1-based; line numbers are added when the tree is assembled.


@lru_cache(maxsize=32768)
def _line(text: str):
    try:
        return _parse_line(text)
    except (_NotSimple, IndexError):
        return None


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
        return ("item", indent, _key_line(text, j, m) if m else _value(text, j))
    m = _KEY_RE.match(text, indent)
    if not m:
        raise _NotSimple
    return _key_line(text, indent, m)


def _key_line(text: str, indent: int, m):
    rest = m.end()
    if rest < len(text) and text[rest] != "#":
        return ("key", indent, m[1], _value(text, rest), 0)
    return ("key", indent, m[1], None, m.end(1) + 2)


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
        return ("s", text[at + 1:end], at + 1, None), end + 1
    if first == "'":
        end = at + 1
        while True:
            end = text.find("'", end)
            if end < 0:
                raise _NotSimple
            if not text.startswith("''", end):
                break
            end += 2
        return ("s", text[at + 1:end].replace("''", "'"), at + 1, None), end + 1
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
    return ("s", _plain(raw), at + 1, raw), at + len(raw)


def _flow(text: str, at: int, is_map: bool):
    close = "}" if is_map else "]"
    entries = []
    seen = set()
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
        (_, value, col, raw), i = _scalar(text, i, flow=True)
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
    return ("f", is_map, at + 1, tuple(entries)), i


# --------------------------------------------------------------------------- the tree


def load(text: str, first_line: int) -> Doc | None:
    lines = []
    number = first_line
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        if stripped and stripped[0] != "#":
            descriptor = _line(raw_line.rstrip(" "))
            if descriptor is None:
                return None
            lines.append((number, descriptor))
        number += 1
    if not lines:
        return Doc(None, start=Loc(first_line, 1))
    builder = _Builder(lines)
    try:
        first = lines[0][1]
        if first[0] == "item":
            value, end = builder.block_seq(0, first[1], ())
        else:
            value, end = builder.block_map(0, first[1], (), None)
    except (_NotSimple, RecursionError):
        return None  # libyaml reads it, behind its nesting guard
    if end != len(lines):
        return None
    return Doc(value, builder.nodes, builder.keys, Loc(first_line, 1))


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
        _, is_map, col, entries = spec
        if is_map:
            result: dict | list = {}
            for key, key_col, value, vcol, raw in entries:
                child = path + (key,)
                self.keys[child] = (number, key_col)
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
        count = len(lines)
        result: dict = {}
        start_line = lines[i][0]
        descriptor = first
        while True:
            number = lines[i][0]
            if descriptor is None:
                descriptor = lines[i][1]
                if descriptor[0] != "key" or descriptor[1] != indent:
                    raise _NotSimple
            _, _, key, value, null_col = descriptor
            if key in result:
                raise _NotSimple
            child = path + (key,)
            self.keys[child] = (number, indent + 1)
            i += 1
            if value is not None:
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
                    self.nodes[child] = (None, number, null_col, "")
            descriptor = None
            if i >= count:
                break
            nxt = lines[i][1]
            if nxt[1] > indent:
                raise _NotSimple
            if nxt[1] < indent or nxt[0] != "key":
                break
        self.nodes[path] = (result, start_line, indent + 1, None)
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
