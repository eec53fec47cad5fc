"""A post file as the editor's form sees it, and the form written back into the file.

The form holds the keys of the content format (FORM below) as plain JSON values: text,
numbers, booleans, lists and maps, dates as "dd/mm/yyyy". Writing a new post puts its
keys in the format's order. Changing a file that exists goes through ruamel.yaml's round
trip, so that what the form does not know stays as the user wrote it: keys the form has
no field for, comments, the order of keys, the spelling of a value the form did not
change ("2023-12-11" stays, though the form shows 11/12/2023), and the body, byte for
byte, unless it was edited.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sitegen.read import docnumbers
from sitegen.read.choices import (honor_id, level_with_status, period_id, period_with_year, regime_number,
                                  status_id)
from sitegen.read.citing import join_positions, people_in, person_parts, without_honorific
from sitegen.read.countgroup import count_key_id, not_rated_in_words, not_rated_key_id
from sitegen.read.levels import level_id
from sitegen.read.model import GROUPS, LEVELS, NOT_RATED
from sitegen.read.fences import closing_fence
from sitegen.read.sources import plain_spaces
from sitegen.read.written import read_decimal, read_share, read_year, read_yes_no, split_tags

# What the form knows, in the format's order: a key maps to None (a value), to a dict
# (a map with these keys) or to a list of one dict (a list of such maps).
_PERSON = {"name": None, "position": None}
_NOT_RATED = {**{r: None for r in NOT_RATED}, "note": None}
_GROUP = {"total": None, "not_rated": _NOT_RATED, **{level: None for level in LEVELS}, "tieu_bieu": None,
          "disciplined": None}
FORM = {
    "title": None, "date": None, "slug": None, "unit": None, "author": None, "summary": None,
    "tags": None, "draft": None, "cover": None,
    "photos": [{"src": None, "caption": None, "credit": None}],
    "review_year": None, "meeting_date": None, "period": None, "regime": None,
    "basis": [{"number": None, "date": None, "issuer": None, "subject": None}],
    "presiding": [_PERSON], "guests": [_PERSON],
    "attendance": {"members": None, "present": None},
    "results": {"status": None,
                "unit": {"level": None, "votes": {"agree": None, "of": None}, "score": None, "honors": None},
                **{g: _GROUP for g in GROUPS}},
}
# Text a single line holds: a line break typed or pasted into one becomes a space.
ONE_LINE = frozenset(("title", "slug", "unit", "author", "name", "position", "number", "issuer", "src",
                      "level", "status", "period", "regime", "date", "meeting_date"))


class Opened:
    """A post file read for the form."""

    def __init__(self, front: CommentedMap, body: str, digest: str, newline: str = "\n", bom: bool = False):
        self.front, self.body, self.digest = front, body, digest
        self.newline, self.bom = newline, bom  # written back as they were

    def form(self) -> dict:
        return to_form(self.front)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _yaml() -> YAML:
    y = YAML()  # round trip: comments, key order and the style of scalars are kept
    y.preserve_quotes = True
    y.width = 4096  # a long title stays on one line
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def split(text: str) -> tuple[str, str] | None:
    """(front matter, everything after its closing '---' line, untouched), or None."""
    first = text.find("\n")
    if first < 0 or text[:first].rstrip() != "---":
        return None
    closing = closing_fence(text, first)
    if closing is None:
        return None
    start, end = closing
    return text[first + 1:start], text[end + 1:]


def open_text(data: bytes) -> Opened | None:
    """A post file's bytes as the form sees them, or None when its front matter cannot
    be read by the editor (sitegen check says why)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    parts = split(text)
    if parts is None:
        return None
    try:
        # as check reads it: a no-break space pasted from the web is a space (and is
        # written back as one)
        front = _yaml().load(plain_spaces(parts[0].replace("\r\n", "\n")))
    except Exception:  # noqa: BLE001 - any YAML the editor cannot keep: leave it to the text editor
        return None
    if front is None:
        front = CommentedMap()
    if not isinstance(front, CommentedMap):
        return None
    return Opened(front, parts[1], digest_of(data), "\r\n" if "\r\n" in parts[0] else "\n",
                  data.startswith(b"\xef\xbb\xbf"))


# Values the form shows as `check` reads them: a choice (drop-down list) written in words
# ("HTTNV", "đề nghị", "quý I", "Quy định 366") as its id, a vote or an attendance written
# "28/30" as its two counts. Compared the same way, such a value is not rewritten unless
# the clerk changes it.
_READ_AS = {
    "attendance": lambda text: ({"members": share[1], "present": share[0]}
                                if (share := read_share(text, "attendance")) else None),
    "votes": lambda text: {"agree": share[0], "of": share[1]} if (share := read_share(text, "votes")) else None,
    "not_rated": lambda text: ({k: v for k, v in said._asdict().items() if v}  # "01 đồng chí mới kết nạp"
                               if isinstance(text, str) and (said := not_rated_in_words(text)) else None),
    "level": lambda text: level_id(text) or (level_with_status(text) or (None,))[0],  # "HTTNV (đề nghị)"
    "tags": lambda text: split_tags(text) if isinstance(text, str) else None,  # "Kiểm điểm, Tổng hợp"
    "review_year": read_year,  # "năm 2025"
    "score": read_decimal,  # "86,5"
    "honor": honor_id,
    "document": docnumbers.citation,  # "Kế hoạch số 34-KH/ĐU ngày ... của ..." -> its parts
    "person": lambda text: _person(*person_parts(text)) if isinstance(text, str) else None,
    "name": lambda text: without_honorific(text) if isinstance(text, str) else None,  # "Đồng chí …": the page says it
    "status": status_id,
    "period": lambda text: period_id(text) or (period_with_year(text) or (None,))[0],  # "cả năm 2025"
    "regime": lambda text: f"{number}-QĐ/TW" if (number := regime_number(text)) else None,
    "draft": read_yes_no,  # "có"
    "outstanding": read_yes_no,
}


_ITEMS = {"honors": "honor", "basis": "document", "presiding": "person", "guests": "person"}  # a list's items


def _person(name: str, position: str) -> dict:
    return {"name": name, "position": position} if position else {"name": name}


def _people(items: list) -> list:
    """The rows of `presiding` or `guests`: a line that is only a position joins the
    person before it, as `check` reads it (citing.join_positions)."""
    out, lines = [], []
    for item in items + [None]:
        if isinstance(item, str):
            lines += people_in(item)
            continue
        out += [_person(*parts) for parts in join_positions(lines)]
        lines = []
        if item is not None:
            out.append(to_form(item))
    return out


def to_form(value, key: str = ""):
    """A YAML value (of `key`) as the form holds it."""
    if key in _ITEMS and isinstance(value, (str, dict)) and _ITEMS[key] != "honor":
        value = [value]  # `presiding: Đồng chí Lò Văn Páo, Bí thư chi bộ`: one person, as check reads it
    if isinstance(value, dict):
        names = {str(k): _form_key(str(k), key) for k in value}  # keys of a count group may be words
        return {names[str(k)]: to_form(v, names[str(k)]) for k, v in value.items()}
    if isinstance(value, list):
        if _ITEMS.get(key) == "person":
            return _people(value)
        return [to_form(v, _ITEMS.get(key, "")) for v in value]
    if key in _READ_AS and (found := _READ_AS[key](value)) is not None:
        return found
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def clean(value, spec=None, key: str = ""):
    """The form's value as it will be written: empty entries dropped, text trimmed, a
    line break in one-line text made a space."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            sub = spec.get(k) if isinstance(spec, dict) else None
            v = clean(v, sub, k)
            if not _empty(v):
                out[str(k)] = v
        return out
    if isinstance(value, list):
        item = spec[0] if isinstance(spec, list) else None
        return [v for v in (clean(v, item, key) for v in value) if not _empty(v)]
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        if key in ONE_LINE:
            text = " ".join(text.split("\n"))
        return text.strip()
    return value


# Small maps written on one line, as the format's examples write them.
FLOW = frozenset(("votes", "not_rated", "attendance"))


def _fresh(value, spec, key: str = ""):
    """A new YAML value for `value`, maps in the format's order."""
    if isinstance(value, dict):
        out = CommentedMap()
        order = list(spec) if isinstance(spec, dict) else []
        for k in sorted(value, key=lambda k: order.index(k) if k in order else len(order)):
            out[k] = _fresh(value[k], spec.get(k) if isinstance(spec, dict) else None, k)
        if key in FLOW:
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_fresh(v, spec[0] if isinstance(spec, list) else None) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()  # tags: [a, b]
        return seq
    return value


def merge(old: CommentedMap, new: dict, spec: dict) -> None:
    """Bring `old` to the form's `new` for the keys in `spec`; a value the form did not
    change is left as written, and keys outside `spec` are not touched."""
    order = list(spec)
    for key, sub in spec.items():
        value = new.get(key)
        written = _written_key(old, key, spec)  # `HTTNV` for tot: the key stays as typed
        if _empty(value):
            if written in old:
                del old[written]
            continue
        if written not in old:
            # after the last key present that comes before it in the format's order
            before = [i for i, k in enumerate(old) if k in order and order.index(k) < order.index(key)]
            old.insert(before[-1] + 1 if before else _first_known(old, order), key, _fresh(value, sub, key))
        elif isinstance(sub, dict) and isinstance(old[written], dict) and isinstance(value, dict):
            merge(old[written], value, sub)
        elif isinstance(sub, list) and isinstance(old[written], list) and isinstance(value, list):
            _merge_list(old[written], value, sub[0], key)
        elif to_form(old[written], key) != value:
            old[written] = _fresh(value, sub, key)


def _written_key(old: CommentedMap, key: str, spec: dict) -> str:
    """The key of `old` that stands for the form's `key`: itself, or a key of a count group
    or of its not_rated written in words ("hoàn thành tốt", "không xếp loại")."""
    if key in old or (spec is not _GROUP and spec is not _NOT_RATED):
        return key
    read = not_rated_key_id if spec is _NOT_RATED else count_key_id
    return next((k for k in old if isinstance(k, str) and read(k) == key), key)


def _form_key(key: str, parent: str) -> str:
    """A key of the map `parent` as the form names it: "hoàn thành tốt" in a count group is
    tot, "miễn sinh hoạt" in not_rated is exempt; other keys as written."""
    if parent in GROUPS:
        return key if key in _GROUP else count_key_id(key) or key
    if parent == "not_rated":
        return key if key in _NOT_RATED else not_rated_key_id(key) or key
    return key


def _first_known(old: CommentedMap, order: list) -> int:
    known = [i for i, k in enumerate(old) if k in order]
    return known[0] if known else len(old)


def _merge_list(old: CommentedSeq, new: list, item: dict, key: str) -> None:
    if to_form(old, key) == new:
        return  # unchanged, however it was written
    for i, value in enumerate(new):
        if i < len(old) and isinstance(old[i], dict) and isinstance(value, dict):
            merge(old[i], value, item)
        elif i < len(old):
            if to_form(old[i], _ITEMS.get(key, "")) != value:
                old[i] = _fresh(value, item)
        else:
            old.append(_fresh(value, item))
    del old[len(new):]


def compose(form: dict, body: str, opened: Opened | None = None, body_edited: bool = True) -> str:
    """The text of the post file: `opened` changed to the form (or a new file), in the
    file's own line endings and byte-order mark."""
    form = clean(form, FORM)
    newline = opened.newline if opened else "\n"
    if opened is None:
        front = _fresh(form, FORM)
    else:
        front = opened.front
        merge(front, form, FORM)
    out = io.StringIO()
    if len(front):
        _yaml().dump(front, out)
    head = ("---\n" + out.getvalue() + "---\n").replace("\n", newline)
    if opened is not None and not body_edited:
        body = opened.body
    else:
        body = body.replace("\r\n", "\n").strip("\n")
        body = ("\n" + body + "\n" if body else "").replace("\n", newline)
    return ("\ufeff" if opened is not None and opened.bom else "") + head + body
