"""content/units.yaml -> Unit values (section 4): ids, kinds, time-dependent parents, cycles."""
from __future__ import annotations

import datetime as dt
import re

from sitegen import vi
from sitegen.lang import N_, _
from sitegen.read import choices
from sitegen.read.fields import Fields, suggest
from sitegen.read.written import parse_date
from sitegen.read.model import ParentLink, Unit
from sitegen.read.yamlpos import Doc


UNIT_KEYS = ("id", "name", "committee", "kind", "parent", "former_names", "extra")
# dang_bo: a đảng bộ, cơ sở or above it (its children tell which); the others say
# where the unit stands: a tổ chức cơ sở đảng (chi bộ cơ sở, đảng bộ cơ sở), a part of
# one (chi bộ, đảng bộ bộ phận), or a đảng bộ above the cơ sở (huyện, tỉnh...).
KINDS = ("dang_bo", "chi_bo_co_so", "chi_bo", "dang_bo_co_so", "dang_bo_bo_phan", "dang_bo_cap_tren")
KINDS_SHOWN = N_("dang_bo (đảng bộ), chi_bo_co_so (chi bộ cơ sở), chi_bo (chi bộ), dang_bo_co_so (đảng bộ "
                 "cơ sở), dang_bo_bo_phan (đảng bộ bộ phận) or dang_bo_cap_tren (đảng bộ cấp trên cơ sở)")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REL = "content/units.yaml"


def read_units(doc: Doc) -> tuple[dict, list]:
    """(id -> Unit in file order, problems)."""
    f = Fields(doc, REL)
    if doc.value is None:
        return {}, []
    if not isinstance(doc.value, list):
        f.problem("E203", (), _("units.yaml must be a list of units, each starting with '- id: ...'"))
        return {}, f.problems
    units: dict = {}
    refused: list = []  # units whose id is wrong: left out, but their parents are checked too
    for path in f.items(()):
        unit = _unit(f, path, units, refused)
        if unit is not None:
            units[unit.id] = unit
    for uid, unit in units.items():  # `parent: Đảng ủy xã An Khê`, by its name, as clerks write it
        units[uid] = _parents_by_id(unit, units)
    refused = [_parents_by_id(unit, units) for unit in refused]
    for unit in list(units.values()) + refused:
        for j, link in enumerate(unit.parents):
            if link.id not in units:
                where = (unit.index, "parent") if len(unit.parents) == 1 and isinstance(
                    f.get((unit.index, "parent")), str) else (unit.index, "parent", j, "id")
                f.problem("E204", where, _("unit '{unit}' has the parent '{parent}', which is "
                                           "not in units.yaml{hint}").format(
                    unit=unit.id, parent=link.id, hint=suggest_unit(link.id, units)))
    _report_cycles(f, units)
    return units, f.problems


def _parents_by_id(unit, units: dict):
    """`unit` with each parent written by a name that one unit has given as that unit's id."""
    links, changed = [], False
    for link in unit.parents:
        found = named(link.id, units) if link.id not in units else []
        if len(found) == 1:
            link, changed = link._replace(id=found[0]), True
        links.append(link)
    return unit._replace(parents=tuple(links)) if changed else unit


def named(given: str, units: dict) -> list:
    """The ids of the units whose name (or whose committee's) is `given` as a clerk types
    it: any case, with or without marks, spaces as they come."""
    folded = vi.fold_phrase(given)
    return sorted(uid for uid, unit in units.items() if folded in (vi.fold_phrase(unit.name),
                                                                    vi.fold_phrase(unit.committee)))


def ids_of_names(given, units: dict) -> dict:
    """{unit as a post wrote it: id} for each of `given` that is no id but the name of
    exactly one unit: a clerk writes "unit: Chi bộ thôn Tây Lâm" as readily as the id."""
    out = {}
    for written in set(given):
        if written is not None and written not in units:
            found = named(written, units)  # a name several units have is not guessed at
            if not found and vi.slugify(written) in units:  # "chi bo thon tay lam"
                found = [vi.slugify(written)]
            if len(found) == 1:
                out[written] = found[0]
    return out


def suggest_unit(given: str, units: dict) -> str:
    """' (did you mean `id`?)' for an id mistyped, the ids to choose from for a name that
    several units have, or ''."""
    by_name = named(given, units)
    if len(by_name) > 1:
        return _(" (several units have this name: {ids}; write the id of the one meant)").format(
            ids=", ".join(f"`{uid}`" for uid in by_name))
    by_place = _named_by_place(given, units)
    if len(by_place) > 3:  # "Chi bộ Đông Lâm Hạ" where every school's chi bộ is of Đông Lâm Hạ
        return ""
    if by_place:
        return _(" (did you mean {units}? write its id or its name in full)").format(
            units=_(" or ").join(f"`{uid}` ({units[uid].name})" for uid in by_place))
    return suggest(given, units)


# The kind at the head of a unit's name, in full or as papers shorten it ("CB", "ĐU").
_KIND_HEAD = re.compile(r"^(?:(?:chi|dang) bo(?: co so| bo phan)?|dang uy|cb|db|du|cbcs|dbcs)\b\s*")


def _named_by_place(given: str, units: dict) -> list:
    """The ids of the units whose name holds the place `given` names once its kind is left
    out: "CB thôn An Thạnh", "Chi bộ An Thạnh", "Chi bộ thôn An Thạnh, xã Đông Lâm Hạ" all
    name the place of "Chi bộ thôn An Thạnh". Offered, never taken."""
    place = _KIND_HEAD.sub("", vi.fold_phrase(given.split(",")[0])).strip()
    if len(place) < 3:
        return []
    words = f" {place} "
    return sorted(uid for uid, unit in units.items() if words in f" {vi.fold_phrase(unit.name)} ")


def _unit(f: Fields, path, seen: dict, refused: list) -> Unit | None:
    given = f.get(path)
    uid = given.get("id") if isinstance(given, dict) else None
    where = (_("the unit {id}").format(id=uid) if isinstance(uid, str) and uid.strip()
             else _("unit number {n} in the list").format(n=path[-1] + 1))
    if f.mapping(path, UNIT_KEYS, required=("id", "name"), where=where) is None:
        if not isinstance(f.get(path), dict):
            return None
    uid = f.text(path + ("id",))
    name = f.text(path + ("name",))
    if not uid or not name:
        return None
    if len(uid) > vi.MAX_SLUG:
        f.problem("E203", path + ("id",), _("unit id is {length} characters long; at most {most}, "
                                            "as it becomes a folder name; shorten it").format(
            length=len(uid), most=vi.MAX_SLUG))
        return None
    if not _ID_RE.match(uid):
        example = vi.slugify(uid) or vi.slugify(name) or "chi-bo-truong-tieu-hoc"
        f.problem("E203", path + ("id",), _("unit id '{id}' must be lower-case letters a-z, digits "
                                            "and single dashes, e.g. '{example}'").format(id=uid, example=example))
        # Its other problems too, at once.
        refused.append(Unit(uid, name, _kind(f, path),
                            _parents(f, path + ("parent",)), index=path[-1]))
        return None
    if uid in seen:
        first = f.doc.at((seen[uid].index, "id"))
        f.problem("E203", path + ("id",), _("unit id '{id}' appears twice (first at line {line}); "
                                            "each unit needs its own id").format(id=uid, line=first.line))
        return None
    kind = _kind(f, path)
    return Unit(uid, name, kind, _parents(f, path + ("parent",)), f.text_list(path + ("former_names",)),
                index=path[-1], committee=f.text(path + ("committee",)) or "")


_DAY = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
# A parent and its period on one line: "dang-uy-xa-an-khe từ 01/07/2025", "Đảng ủy huyện
# Lam Giang (đến 30/06/2025)", "dang-uy-xa, từ ngày 01/07/2025 đến hết ngày 31/12/2025".
_PERIOD_TEXT = re.compile(r"(?P<id>.+?)[\s,]*\(?\s*(?:(?:kể\s+)?từ\s+(?:ngày\s+)?(?P<start>" + _DAY + r"))?"
                          r"\s*,?\s*(?:(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(?P<until>" + _DAY + r"))?\s*\)?\s*",
                          re.I)


def _period_in_words(text) -> ParentLink | None:
    found = _PERIOD_TEXT.fullmatch(text) if isinstance(text, str) else None
    if not found or not (found["start"] or found["until"]):
        return None
    start, until = (parse_date(found[key])[0] if found[key] else None for key in ("start", "until"))
    if (found["start"] and start is None) or (found["until"] and until is None):
        return None
    return ParentLink(found["id"].strip(), start.date() if start else None, until.date() if until else None)


def _parents(f: Fields, path) -> tuple:
    value = f.get(path)
    if isinstance(value, str):
        return (_period_in_words(value) or ParentLink(value.strip()),)
    links = []
    for item in f.items(path):
        if (link := _period_in_words(f.get(item))) is not None:
            links.append(link)
            continue
        if f.mapping(item, ("id", "from", "until"), required=("id",)) is None:
            continue
        pid = f.text(item + ("id",))
        start = f.date(item + ("from",))
        until = f.date(item + ("until",))
        if start and until and start > until:
            f.problem("E203", item + ("until",), _("the period under '{parent}' ends ({until}) "
                                                   "before it starts ({start}); swap "
                                                   "`from` and `until`, or correct the dates").format(
                parent=pid, until=f"{until.date():%d/%m/%Y}", start=f"{start.date():%d/%m/%Y}"))
        elif pid:
            links.append(ParentLink(pid, start.date() if start else None, until.date() if until else None))
    ordered = sorted(links, key=lambda link: link.start or dt.date.min)
    for i, (a, b) in enumerate(zip(ordered, ordered[1:])):
        if a.until is None or b.start is None or b.start <= a.until:
            f.problem("E203", path, _("the parent periods overlap: '{first}' until {until} and '{second}' "
                                      "from {start}; give the earlier one an `until` before the later "
                                      "`from`").format(
                first=a.id, until=f"{a.until:%d/%m/%Y}" if a.until else _("no end"),
                second=b.id, start=f"{b.start:%d/%m/%Y}" if b.start else _("the beginning")))
    return tuple(links)


def _report_cycles(f: Fields, units: dict) -> None:
    """A cycle at any moment is an error; parents change only at period boundaries."""
    days = {dt.date(1900, 1, 1)}
    for unit in units.values():
        for link in unit.parents:
            if link.start:
                days.add(link.start)
            if link.until and link.until < dt.date.max:
                days.add(link.until + dt.timedelta(days=1))
    reported: set = set()
    for day in sorted(days):
        for unit in units.values():
            chain = [unit.id]
            current = unit.parent_on(day)
            while current is not None and current in units and current not in chain:
                chain.append(current)
                current = units[current].parent_on(day)
            if current is None or current not in units:
                continue
            cycle = chain[chain.index(current):]
            key = frozenset(cycle)
            if key in reported:
                continue
            reported.add(key)
            first = min(cycle, key=lambda uid: units[uid].index)
            loop = cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first]
            when = "" if day.year == 1900 else _(" from {day}").format(day=f"{day:%d/%m/%Y}")
            f.problem("E204", (units[first].index, "parent"),
                      _("parent cycle{when}: {loop}; a unit cannot be inside itself, "
                        "fix one of these parents").format(when=when, loop=" → ".join(loop)))


def children_index(units: dict) -> dict:
    """parent id -> the units that have it as parent in some period: where to look for a
    unit's children on a day, instead of every unit of the site."""
    out: dict = {}
    for unit in units.values():
        for parent in {link.id for link in unit.parents}:
            out.setdefault(parent, []).append(unit)
    return out


def children_on(index: dict, parent: str, day) -> list:
    """The units under `parent` on `day` (`index` from children_index)."""
    return [unit for unit in index.get(parent, ()) if unit.parent_on(day) == parent]


def _kind(f: Fields, path: tuple) -> str:
    """The unit's kind, written as an id or as its name ("chi bộ", "Đảng bộ bộ phận")."""
    return f.choice(path + ("kind",), KINDS, default="chi_bo", read=lambda text: choices.kind_id(text, KINDS),
                    shown=_(KINDS_SHOWN))
