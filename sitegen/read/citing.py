"""What a meeting post cites, as a map of its parts or as one line the way articles write
it: the documents followed (`basis`: "Kế hoạch số 34-KH/ĐU ngày 14/11/2025 của Đảng ủy xã
về ...", split by docnumbers.citation()) and the people who chaired or attended
(`presiding`, `guests`: "Đồng chí Lê Văn An, Bí thư chi bộ")."""
from __future__ import annotations

import re

from sitegen import vi
from sitegen.lang import _
from sitegen.read import docnumbers
from sitegen.read.fields import Fields, dotted
from sitegen.read.model import Document, Person
from sitegen.read.written import parse_date
from sitegen.read.yamlpos import MISSING

# The page says "Đồng chí" before each name itself.
_HONORIFIC = re.compile(r"^\s*(?:đồng\s+chí|đ/c|đc)\.?\s+", re.I)
_NAME_END = re.compile(r"\s*(?:,|\s[-–—]\s)\s*")


def without_honorific(name: str) -> str:
    """"Đồng chí Lê Văn An" -> "Lê Văn An"."""
    return _HONORIFIC.sub("", name).strip()


# Where one line names several people, as articles do: "đ/c A, Phó Bí thư Đảng ủy xã;
# đ/c B, Ủy viên Ban Thường vụ", "đồng chí A, Bí thư và đồng chí B, Phó Bí thư".
_PEOPLE_APART = re.compile(r"\s*(?:;|,?\s+và\s+(?=(?:đồng\s+chí|đ/c)\s)|,\s*(?=(?:đồng\s+chí|đ/c)\s))\s*", re.I)


def people_in(line: str) -> list:
    """The people a line names, one line each."""
    return [part for part in _PEOPLE_APART.split(line) if part.strip()]


def person_parts(text: str) -> tuple[str, str]:
    """(name, position) of "Đồng chí Lê Văn An, Bí thư chi bộ" (or "- Bí thư"): the name
    without "Đồng chí", the position after the first comma or dash, if any."""
    parts = _NAME_END.split(_HONORIFIC.sub("", text.strip()), maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


# How a position starts (folded). No Vietnamese name starts so, which is what lets
# `[Lò Văn Páo, Bí thư chi bộ]` be read as one person: in [ ] YAML splits at the comma.
_POSITION_RE = re.compile(r"^(?:pho )?(?:bi thu|chu tich|hieu truong|uy vien|chi uy vien|dang uy vien|"
                          r"giam doc|truong (?:ban|phong|thon|khu|tram|cong an)|tram truong|"
                          r"thuong truc|can bo|chuyen vien)\b")


def is_position(text: str) -> bool:
    """Whether `text` reads as a position ("Bí thư chi bộ", "Phó Hiệu trưởng"), not a name."""
    return bool(_POSITION_RE.match(vi.fold(text.strip())))


def read_people(f: Fields, key: str) -> tuple:
    out, lines = [], []
    for path in f.items((key,), allow_single=True):  # one person may be written without '- '
        if isinstance(f.get(path), str):
            lines += people_in(f.text(path))
            continue
        out += [Person(*parts) for parts in join_positions(lines)]
        lines = []
        if f.mapping(path, ("name", "position"), required=("name",)) is not None:
            name, position = f.text(path + ("name",)), f.text(path + ("position",))
            if name:  # a name field holding "Đồng chí X - Bí thư chi bộ" is read as the line it is
                out.append(Person(without_honorific(name), position) if position else Person(*person_parts(name)))
    return tuple(out + [Person(*parts) for parts in join_positions(lines)])


def join_positions(lines: list) -> list:
    """[(name, position)] of people written one to a line, where a line that is only a
    position belongs to the person before it: `[Lò Văn Páo, Bí thư chi bộ, Hiệu trưởng]`
    is one person, "Bí thư chi bộ, Hiệu trưởng"."""
    out: list = []
    joinable = False  # whether the last person's position came from its own line or lines
    for line in lines:
        name, position = person_parts(line)
        if out and not position and is_position(name) and (joinable or not out[-1][1]):
            out[-1] = (out[-1][0], f"{out[-1][1]}, {name}" if out[-1][1] else name)
            joinable = True
        elif name:
            out.append((name, position))
            joinable = False
    return out


def read_basis(f: Fields) -> tuple:
    """The documents of `basis`, each a map or a line of text."""
    out = []
    for path in f.items(("basis",), allow_single=True):
        line = f.get(path)
        if isinstance(line, str):  # "Kế hoạch số 34-KH/ĐU ngày 14/11/2025 của Đảng ủy xã về ..."
            document = _cited(f, path, line)
            if document is not None:
                out.append(document)
            continue
        if f.mapping(path, ("number", "type", "date", "issuer", "subject"), required=("number",)) is None:
            continue
        typed = f.text(path + ("number",))
        if not typed:
            continue
        if _whole_citation(f, path, typed):  # the form's number field holding the line as the paper cites it
            document = _cited(f, path + ("number",), typed)
            if document is not None:
                out.append(document)
            continue
        day = f.date(path + ("date",))
        out.append(_document(f, path + ("number",), typed, day, f.text(path + ("type",)),
                             f.text(path + ("issuer",)), f.text(path + ("subject",))))
    return tuple(out)


def _whole_citation(f: Fields, path, typed: str) -> bool:
    """True when `number` holds a whole citation ("Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025
    của Ban Tổ chức Trung ương") and the document's other keys are not given."""
    if any(f.get(path + (key,)) not in (None, "", MISSING) for key in ("type", "date", "issuer", "subject")):
        return False
    if docnumbers.canonical(typed)[1] != "other":
        return False
    parts = docnumbers.citation(typed)
    return parts is not None and parts["number"] != typed.strip()


def _cited(f: Fields, path, line: str) -> Document | None:
    """A document written on one line, as articles cite it."""
    parts = docnumbers.citation(line)
    if parts is None:
        f.problem("E203", path, _("{key}: no document number in '{text}'; write the document as the paper "
                                  "cites it, e.g. `- Kế hoạch số 34-KH/ĐU ngày 14/11/2025 của Đảng ủy xã`, "
                                  "or as `- {{number: 34-KH/ĐU, date: 14/11/2025, issuer: Đảng ủy xã}}`").format(
            key=dotted(path), text=line.strip()))
        return None
    day = None
    if "date" in parts:
        day, why = parse_date(parts["date"])
        if day is None:
            f.problem("E203", path, f"{dotted(path)}: {why}")
    return _document(f, path, parts["number"], day, parts.get("type"), parts.get("issuer"), parts.get("subject"))


def _document(f: Fields, at, typed: str, day, kind: str | None, issuer: str | None, subject: str | None) -> Document:
    number, shape = docnumbers.canonical(typed)
    if shape == "other":
        f.problem("W506", at,
                  _("document number '{number}' is in neither shape: party documents are "
                    "<number>-<type>/<issuer> (129-KH/HU), state ones <number>/<year>/<type-issuer> "
                    "(90/2020/NĐ-CP) or <number>/<type-issuer> (12/KH-UBND)").format(number=typed))
    kind = kind or docnumbers.type_of(number, shape)
    return Document(number, typed, shape, day.date() if day else None, issuer or "", subject or "",
                    kind[:1].upper() + kind[1:])
