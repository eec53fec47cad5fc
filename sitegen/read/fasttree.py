"""Assembling a document from the lines fastyaml parsed: its value, and on demand the
position of every key and value.

Lines are (line number, descriptor) pairs; fastyaml.py describes the descriptors. The
value is made first and alone (a post's schema needs nothing else); the tables of
positions are assembled from the same lines only when a problem is to be placed, and a
loaded post keeps only its lines (LazyDoc.compact).
"""
from __future__ import annotations

from sitegen.read.yamlpos import MAX_DEPTH, Doc, Loc


class NotSimple(Exception):
    """The text is outside the subset fastyaml reads: libyaml reads it instead."""


def values(lines: list) -> tuple:
    """(value, top-level positions, lines used)."""
    top: dict = {}
    first = lines[0][1]
    if first[0] == "item":
        value, end = _seq_value(lines, 0, first[1], 0, len(lines))
    else:
        value, end = _map_value(lines, 0, first[1], 0, None, len(lines), top)
    return value, top, end


def restore(lines: list, odd: bool, start: Loc) -> "LazyDoc":
    doc = LazyDoc.__new__(LazyDoc)
    doc._lines, doc._odd, doc.start = lines, odd, start
    return doc


class LazyDoc(Doc):
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
            self.value, self._top, _ = values(self._lines)
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
        return (restore, (self._lines, self._odd, self.start))

    def compact(self) -> None:
        for name in ("value", "_top", "nodes", "keys"):
            try:
                delattr(self, name)
            except AttributeError:
                pass

    def digits_raw(self, path):
        return self.raw(path) if self._odd else None

    def position(self, path, key: bool = False) -> tuple[int, int]:
        pos = self._top.get(path[0]) if len(path) == 1 else self._find(path)
        if pos is not None and (key or pos[2]):
            return (pos[0], pos[1] if key else pos[2])
        return Doc.position(self, path, key)

    def _find(self, path):
        """(line, key column, value column or 0) of the key at `path` when each step is
        a key of a block map, found by walking the lines; else None, and the full tables
        answer. A warning's place is asked for in one post in five: building both tables
        cost more than reading the post."""
        lines = self._lines
        first = lines[0][1]
        if not path or first[0] != "key":
            return None
        indent, i, count, last = first[1], 0, len(lines), len(path) - 1
        for depth, part in enumerate(path):
            while True:  # `part` among the keys at `indent`, before the block ends
                if i >= count:
                    return None
                number, descriptor = lines[i]
                if descriptor[1] < indent:
                    return None
                if descriptor[1] == indent:
                    if descriptor[0] != "key":
                        return None
                    if descriptor[2] == part:
                        break
                i += 1
            value = descriptor[3]
            if depth == last:
                return (number, indent + 1, value[2] if value is not None and value[0] == "s" else 0)
            i += 1
            if value is not None or i >= count or lines[i][1][0] != "key" or lines[i][1][1] <= indent:
                return None
            indent = lines[i][1][1]
        return None


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
        raise NotSimple
    result: dict = {}
    number, descriptor = lines[i]
    if first is not None:
        descriptor = first
    while True:
        if descriptor[0] != "key" or descriptor[1] != indent:
            raise NotSimple
        _, _, key, value, null_col, _ = descriptor
        if key in result:
            raise NotSimple
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
            raise NotSimple
        if descriptor[1] < indent or descriptor[0] != "key":
            break
    return result, i


def _seq_value(lines, i: int, indent: int, depth: int, count: int):
    if depth > MAX_DEPTH:
        raise NotSimple
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
            raise NotSimple
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
            raise NotSimple  # libyaml's reader reports it, with the same limit
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
                raise NotSimple
            _, _, key, value, null_col, _ = descriptor
            if key in result:
                raise NotSimple
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
                raise NotSimple
            if descriptor[1] < indent or descriptor[0] != "key":
                break
        nodes[path] = (result, start_line, key_pos_col, None)
        return result, i

    def block_seq(self, i: int, indent: int, path):
        if len(path) > MAX_DEPTH:
            raise NotSimple
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
                raise NotSimple
        self.nodes[path] = (result, start_line, indent + 1, None)
        return result, i
