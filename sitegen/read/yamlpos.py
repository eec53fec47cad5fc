"""Safe YAML with the position of every key and value.

libyaml's composer keeps a mark on every node; we turn the node tree into plain Python
values and a table of positions keyed by path, e.g. ('results', 'members', 'total').

Guards, because the composer is C code: it crashes the interpreter on very deep nesting
and gets slow long before that, and aliases can expand exponentially (a 'billion laughs').
So nesting is bounded on the text before parsing, and alias expansion is bounded while
converting. Every failure becomes a YamlError with a position, never an exception escaping.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from sitegen.lang import _, number
from sitegen.read.yamlerrors import describe


MAX_DEPTH = 40          # deeper than any real front matter by far
MAX_VALUES = 100_000    # values after alias expansion
_DEEP_BLOCK_RE = re.compile(r"^[ \t?-]{" + str(MAX_DEPTH * 4) + r",}", re.M)

Path = tuple


class Loc(NamedTuple):
    line: int    # 1-based, in the file
    column: int  # 1-based


MISSING = object()


def lookup(value, path: Path):
    """The value at `path` inside a loaded value (dicts and lists), or MISSING.

    Keys are text and list positions are counted from 0, so indexing is exact; text is
    the one other thing that can be indexed, and it holds no paths."""
    try:
        for part in path:
            if type(value) is str:
                return MISSING
            value = value[part]
    except (KeyError, IndexError, TypeError):
        return MISSING
    return value


class Doc:
    """A loaded YAML document: its value, and for every path its value and position.

    nodes: path -> (value, line, column, raw) where raw is the source text of a plain
    scalar (None otherwise); keys: path -> (line, column) of the key. 1-based, in the file.
    Treat it as immutable. Once a post is read, compact() drops the two tables and keeps
    the text they came from: a problem found later (across files) has them made again.
    10,000 posts held in the build memo are ~60 MB lighter.
    """
    __slots__ = ("value", "_nodes", "_keys", "start", "text", "odd")

    def __init__(self, value, nodes: dict | None = None, keys: dict | None = None,
                 start: Loc = Loc(1, 1), text: str | None = None, odd: bool = True):
        self.value = value
        self._nodes = {} if nodes is None else nodes
        self._keys = {} if keys is None else keys
        self.start = start
        self.text = text
        self.odd = odd  # False when every number's source text is its value (no '010')

    @property
    def nodes(self) -> dict:
        if self._nodes is None:
            self._tables()
        return self._nodes

    @property
    def keys(self) -> dict:
        if self._keys is None:
            self._tables()
        return self._keys

    def _tables(self) -> None:
        again = load(self.text, self.start.line)
        self._nodes, self._keys = again._nodes, again._keys

    def compact(self) -> None:
        if self.text is not None:
            self._nodes = self._keys = None

    def __reduce__(self):
        if self.text is not None:
            return restore, (self.value, self.start, self.text)
        return restore, (self.value, self.start, None, self.nodes, self.keys)

    def __eq__(self, other):
        if not isinstance(other, Doc):
            return NotImplemented
        return (self.value, self.nodes, self.keys, self.start) == (other.value, other.nodes,
                                                                   other.keys, other.start)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Doc({self.value!r}, start={self.start!r})"

    def get(self, path: Path):
        return lookup(self.value, path)

    def has(self, path: Path) -> bool:
        return lookup(self.value, path) is not MISSING

    def raw(self, path: Path) -> str | None:
        node = self.nodes.get(path)
        return None if node is None else node[3]

    def at(self, path: Path, key: bool = False) -> Loc:
        """Where to point for `path`: its key or value, else the nearest ancestor."""
        return Loc(*self.position(path, key))

    def position(self, path: Path, key: bool = False) -> tuple[int, int]:
        """at() as a plain (line, column)."""
        p = tuple(path)
        while p:
            pos = self.keys.get(p) if key else None
            if pos is None:
                node = self.nodes.get(p)
                pos = node[1:3] if node is not None else self.keys.get(p)
            if pos is not None:
                return pos
            p = p[:-1]
        node = self.nodes.get(())
        return node[1:3] if node is not None and not key else (self.start.line, self.start.column)


def restore(value, start: Loc, text: str | None, nodes: dict | None = None, keys: dict | None = None) -> Doc:
    """A Doc as pickled: from its text, its tables made again when asked for."""
    doc = Doc(value, nodes, keys, start, text)
    if text is not None:
        doc.compact()
    return doc


class YamlError(Exception):
    def __init__(self, message: str, loc: Loc):
        super().__init__(message)
        self.message = message
        self.loc = loc


_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ALLOWED_TAGS = {_BOOL, _INT, _FLOAT, _NULL, _STR, _TIMESTAMP,
                 "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


@lru_cache(maxsize=None)
def _yaml():
    """PyYAML, imported when first needed."""
    import yaml
    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.constructor.SafeConstructor()


def _flow_depth(text: str) -> int:
    """Deepest nesting of [ and { outside quotes (an upper bound is enough)."""
    depth = deepest = 0
    quote = ""
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "\n":
            quote = ""
    return deepest


def check_nesting(text: str, first_line: int) -> None:
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH and _flow_depth(text) > MAX_DEPTH:
        raise YamlError(_("the YAML is nested more than {most} levels deep; "
                          "front matter needs only a few levels").format(most=MAX_DEPTH), Loc(first_line, 1))
    m = _DEEP_BLOCK_RE.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + first_line
        raise YamlError(_("the YAML is indented or nested more than {most} levels deep; "
                          "front matter needs only a few levels").format(most=MAX_DEPTH), Loc(line, 1))


def load(text: str, first_line: int = 1) -> Doc:
    """Parse `text`, whose first line is line `first_line` of its file."""
    check_nesting(text, first_line)
    yaml, loader_class, _constructor = _yaml()
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        message, line, column = describe(e, first_line, text)
        raise YamlError(message, Loc(line, column)) from None
    except yaml.YAMLError as e:
        raise YamlError(_("YAML error: {why}").format(why=e), Loc(first_line, 1)) from None
    except RecursionError:
        raise YamlError(_("the YAML is nested too deeply"), Loc(first_line, 1)) from None
    finally:
        loader.dispose()
    return _Converter(first_line).document(node, text)


class _Converter:
    def __init__(self, first_line: int):
        self.offset = first_line
        self.nodes: dict = {}
        self.keys: dict = {}
        self.budget = MAX_VALUES
        self.odd = False
        # Nodes converted so far: one converted again is reached through an alias. Only
        # then is the budget a limit (a plain document is bounded by its 1 MB of text).
        self.converted: set = set()
        self.aliased = False

    def loc(self, node) -> Loc:
        return Loc(node.start_mark.line + self.offset, node.start_mark.column + 1)

    def document(self, node, text: str) -> Doc:
        start = Loc(self.offset, 1)
        if node is None:
            return Doc(None, start=start, text=text)
        value = self.convert(node, (), 0)
        return Doc(value, self.nodes, self.keys, start, text, self.odd)

    def convert(self, node, path: Path, depth: int):
        self.budget -= 1
        if id(node) in self.converted:
            self.aliased = True
        else:
            self.converted.add(id(node))
        if self.budget < 0 and self.aliased:
            raise YamlError(_("the YAML expands to more than {most} values "
                              "(aliases repeated within aliases?)").format(most=number(MAX_VALUES)), self.loc(node))
        if depth > MAX_DEPTH:
            raise YamlError(_("the YAML is nested more than {most} levels deep").format(most=MAX_DEPTH), self.loc(node))
        raw = None
        if node.tag not in _ALLOWED_TAGS:
            raise YamlError(_("the tag {tag} is not allowed in front matter; remove it").format(
                tag=node.tag.replace("tag:yaml.org,2002:", "!!")), self.loc(node))
        yaml = _yaml()[0]
        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(node)
            if not node.style:
                raw = node.value
                if type(value) is int and raw != str(value):
                    self.odd = True
        elif isinstance(node, yaml.SequenceNode):
            value = [self.convert(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        else:
            value = self.mapping(node, path, depth)
        mark = node.start_mark
        self.nodes[path] = (value, mark.line + self.offset, mark.column + 1, raw)
        return value

    def scalar(self, node):
        return construct_scalar(node.tag, node.value)

    def mapping(self, node, path: Path, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, _yaml()[0].ScalarNode):
                raise YamlError(_("a key must be plain text, not a list or a map"), self.loc(key_node))
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(_("merge keys (<<) are not supported; write the keys out"),
                                self.loc(key_node))
            key = key_node.value
            child = path + (key,)
            if key in result:
                first = self.keys[child]
                raise YamlError(_("the key '{key}' appears twice (first at line {line}); keep one").format(
                    key=key, line=first[0]), self.loc(key_node))
            mark = key_node.start_mark
            self.keys[child] = (mark.line + self.offset, mark.column + 1)
            result[key] = self.convert(value_node, child, depth + 1)
        return result


def construct_scalar(tag: str, text: str):
    """The Python value of a resolved scalar; dates and timestamps stay text (section 2:
    sitegen reads dates itself, day first)."""
    if tag == _STR or tag == _TIMESTAMP:
        return text
    if tag == _NULL:
        return None
    yaml, _, constructor = _yaml()
    node = yaml.ScalarNode(tag, text)
    try:
        if tag == _BOOL:
            return constructor.construct_yaml_bool(node)
        if tag == _INT:
            return constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return constructor.construct_yaml_float(node)
    except (ValueError, yaml.YAMLError):
        pass
    return text
