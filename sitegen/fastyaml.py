"""A fast reader for the plain subset of YAML that front matter nearly always is.

Block maps with simple keys, block lists, one-line flow lists and maps of scalars, plain,
'single' and "double" quoted one-line scalars, comments. It returns exactly the Doc that
yamlpos.load would (values, positions, raw text), or None as soon as the text uses
anything else (anchors, tags, multi-line scalars, escapes, odd indentation, errors), and
then libyaml reads it. tests/test_fastyaml.py holds the two to equality.

Why: composing with libyaml and converting its nodes costs ~0.5 ms a post; this ~0.05 ms.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .yamlpos import Doc, Loc, construct_scalar

_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|$)")
_FLOW_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): +")
_PLAIN_STOP = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_PLAIN_RE = re.compile(r"[^\s,\[\]{}#:'\"&*!|>%@`?-][^,\[\]{}#:]*")
_resolver = yaml.resolver.Resolver()


class _NotSimple(Exception):
    pass


@lru_cache(maxsize=8192)
def _plain(text: str):
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    return construct_scalar(tag, text)


def load(text: str, first_line: int) -> Doc | None:
    lines = []
    for number, line in enumerate(text.split("\n"), first_line):
        stripped = line.lstrip(" ")
        if not stripped.strip() or stripped[0] == "#":
            continue  # blank line or comment line
        if stripped[0] == "\t" or line.startswith(("---", "...", "%")):
            return None
        lines.append([number, len(line) - len(stripped), line.rstrip(" ")])
    if not lines:
        return Doc(None, start=Loc(first_line, 1))
    reader = _Reader(lines)
    try:
        if reader.is_item(0, lines[0][1]):
            value, end = reader.block_seq(0, lines[0][1], ())
        else:
            value, end = reader.block_map(0, lines[0][1], ())
    except (_NotSimple, IndexError):
        return None
    if end != len(lines):
        return None
    return Doc(value, reader.nodes, reader.keys, Loc(first_line, 1))


class _Reader:
    def __init__(self, lines):
        self.lines = lines
        self.nodes: dict = {}
        self.keys: dict = {}

    def is_item(self, i: int, indent: int) -> bool:
        if i >= len(self.lines) or self.lines[i][1] != indent:
            return False
        text = self.lines[i][2]
        return text[indent] == "-" and (len(text) == indent + 1 or text[indent + 1] == " ")

    def block_map(self, i: int, indent: int, path) -> tuple[dict, int]:
        lines = self.lines
        result: dict = {}
        start = (lines[i][0], indent + 1)
        while i < len(lines) and lines[i][1] == indent:
            number, _, text = lines[i]
            m = _KEY_RE.match(text, indent)
            if not m or m[1] in result:
                raise _NotSimple
            key = m[1]
            child = path + (key,)
            self.keys[child] = (number, indent + 1)
            rest = m.end()
            if rest < len(text) and text[rest] != "#":
                result[key] = self.scalar_or_flow(text, rest, number, child)
                i += 1
            else:
                i += 1
                if i < len(lines) and lines[i][1] > indent:
                    nested = lines[i][1]
                    if self.is_item(i, nested):
                        result[key], i = self.block_seq(i, nested, child)
                    else:
                        result[key], i = self.block_map(i, nested, child)
                elif self.is_item(i, indent):
                    result[key], i = self.block_seq(i, indent, child)
                else:
                    result[key] = None
                    self.nodes[child] = (None, number, m.end(1) + 2, "")
            if i < len(lines) and lines[i][1] > indent:
                raise _NotSimple
        self.nodes[path] = (result, start[0], start[1], None)
        return result, i

    def block_seq(self, i: int, indent: int, path) -> tuple[list, int]:
        lines = self.lines
        result: list = []
        start = (lines[i][0], indent + 1)
        while self.is_item(i, indent):
            number, _, text = lines[i]
            j = indent + 1
            while j < len(text) and text[j] == " ":
                j += 1
            if j >= len(text) or text[j] == "#":
                raise _NotSimple
            child = path + (len(result),)
            if _KEY_RE.match(text, j):
                lines[i][1] = j  # the item's map starts at the key, like its later lines
                value, i = self.block_map(i, j, child)
            else:
                value = self.scalar_or_flow(text, j, number, child)
                i += 1
            result.append(value)
            if i < len(lines) and lines[i][1] > indent:
                raise _NotSimple
        self.nodes[path] = (result, start[0], start[1], None)
        return result, i

    # ------------------------------------------------------------------ one-line values
    def scalar_or_flow(self, text: str, at: int, number: int, path):
        first = text[at]
        if first == "[":
            value, end = self.flow(text, at, number, path, "]")
        elif first == "{":
            value, end = self.flow(text, at, number, path, "}")
        else:
            value, end = self.scalar(text, at, number, path, flow=False)
        rest = text[end:]
        if rest and not (rest[0] == " " and rest.lstrip(" ").startswith("#")):
            raise _NotSimple  # only a comment may follow a value
        return value

    def scalar(self, text: str, at: int, number: int, path, flow: bool):
        first = text[at]
        if first == '"':
            end = text.find('"', at + 1)
            if end < 0 or "\\" in text[at:end]:
                raise _NotSimple
            value, raw, end = text[at + 1:end], None, end + 1
        elif first == "'":
            end = at + 1
            while True:
                end = text.find("'", end)
                if end < 0:
                    raise _NotSimple
                if text.startswith("''", end):
                    end += 2
                    continue
                break
            value, raw, end = text[at + 1:end].replace("''", "'"), None, end + 1
        else:
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
            end = at + len(raw)
            value = _plain(raw)
        self.nodes[path] = (value, number, at + 1, raw)
        return value, end

    def flow(self, text: str, at: int, number: int, path, close: str):
        is_map = close == "}"
        result = {} if is_map else []
        i = at + 1
        while True:
            while i < len(text) and text[i] == " ":
                i += 1
            if i < len(text) and text[i] == close and not result:
                i += 1
                break
            if is_map:
                m = _FLOW_KEY_RE.match(text, i)
                if not m or m[1] in result:
                    raise _NotSimple
                child = path + (m[1],)
                self.keys[child] = (number, i + 1)
                i = m.end()
            else:
                child = path + (len(result),)
            if i >= len(text) or text[i] in "[{":
                raise _NotSimple
            value, i = self.scalar(text, i, number, child, flow=True)
            if is_map:
                result[m[1]] = value
            else:
                result.append(value)
            while i < len(text) and text[i] == " ":
                i += 1
            if i < len(text) and text[i] == ",":
                i += 1
                continue
            if i < len(text) and text[i] == close:
                i += 1
                break
            raise _NotSimple
        self.nodes[path] = (result, number, at + 1, None)
        return result, i
