"""What the editor shows beside the form: a draft checked by the same code as
`sitegen check`, against the rest of the site; each problem tied to its field; the live
sums of each count group; the "Kết quả" sentences the post will get; and the list of
the site's posts with the problems each has now. Nothing here writes, except check's
own cache.
"""
from __future__ import annotations

import datetime as dt
import os
import re

from sitegen import vi
from sitegen.check import crosscheck, guidance, loading
from sitegen.editor import fromreport
from sitegen.editor.postfile import FORM
from sitegen.read import sources
from sitegen.read.written import parse_date, split_tags
from sitegen.read.fences import split_front_matter
from sitegen.read.yamlpos import load as load_yaml
from sitegen.site import narrative
from sitegen.stamps import file_stamp


def check_draft(root: str, rel: str, kind: str, text: str) -> dict:
    """The problems of `text` standing in for the file `rel`, its sums and sentences."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")  # as the file's reader sees it
    config, problems, _failed, work, entries, units, saving = loading.gather(root)
    with saving:
        pass
    quota = config.quota if config else None
    post, own = loading.read_one(root, rel, kind, quota, with_body=True, text=text)
    if post is not None:
        post = loading.by_unit_id([post], units)[0]
    facts = [entry[3][0] for (other, _k), entry in zip(work, entries) if other != rel and entry[3][0] is not None]
    if post is not None:
        facts.append(crosscheck.facts_of(post))
    found = own + [p for p in loading.across_files(config, facts, units) if p.path == rel]
    found += [p for p in problems if p.path == rel]
    parts = split_front_matter(text, rel)[0]  # (front, body, body line), or None
    fields = _field_finder(parts)
    out = {
        "problems": [{"code": p.code, "message": p.message, "line": p.line, "column": p.column,
                      "error": p.is_error, "field": _missing_key(p, fields(p.line, p.column))}
                     for p in sorted(set(found), key=lambda p: (p.line, p.column, p.code))],
        "sums": {}, "sentences": [], "unit": None,
    }
    if post is not None and post.meeting is not None:
        m = post.meeting
        base = _quota_unit(post.unit, units, m.meeting_date.date()) if config and config.rules.quota else None
        out["sums"] = {g.name: _sums(g, quota, m.regime, base, base is not None and base.id == post.unit)
                       for g in m.results.groups}
        two = config.two_digit_counts if config else True
        unit = units.get(post.unit)
        out["sentences"] = [s for s in (narrative.attendance_sentence(m, two), narrative.unit_sentence(m, unit, two))
                            if s]
        for g in m.results.groups:
            out["sentences"] += narrative.group_sentences(g, two, m.results.status, m.regime, m.period)
        out["regime"] = m.regime
        out["body_notes"] = fromreport.body_disagrees(parts[1] if parts else "", m)
    if post is not None and post.unit in units:
        unit = units[post.unit]
        parent = unit.parent_on(post.date.date() if isinstance(post.date, dt.datetime) else post.date)
        out["unit"] = {"name": unit.name, "parent": units[parent].name if parent in units else ""}
    return out


def _missing_key(p, at: str) -> str:
    """The field of problem `p`, which points at `at`: for a missing key (E201), that
    key's field, not the map it is missing from ("results.members needs the key `total`":
    results.members.total) or the top of the front matter ("`title`")."""
    named = re.search(r"`(\w+)`", p.message) if p.code == "E201" else None
    if named is None:
        return at
    if at and p.message.startswith(at + " "):
        return f"{at}.{named[1]}"
    return named[1] if named[1] in FORM else at


def _quota_unit(unit_id: str, units: dict, day):
    """The tổ chức cơ sở đảng whose quota a unit's members count in (itself, or the one
    above a chi bộ inside it), as W501 reads it; None above the cơ sở or for no unit."""
    seen = set()
    while unit_id in units and unit_id not in seen:
        seen.add(unit_id)
        where = guidance.standing(unit_id, units, day)
        if where != guidance.UNDER:
            return units[unit_id] if where == guidance.BASE else None
        unit_id = units[unit_id].parent_on(day)
    return None


def _sums(g, quota, regime: str, base_unit, own_quota: bool) -> dict:
    """What a clerk checks by hand: how many are still to be placed at a level, and the
    share of xuất sắc against what the quota allows: a limit where W501 checks it, for
    a chi bộ inside a cơ sở only its share, as the quota is the whole cơ sở's."""
    placed = sum(g.counts) + g.unsplit
    left = g.rated - placed
    noun = narrative.GROUP_WORDS[g.name][1]
    if left > 0:
        balance = f"còn thiếu {vi.integer(left)} {noun} chưa xếp vào mức nào"
    elif left < 0:
        balance = f"thừa {vi.integer(-left)} {noun} so với số được đánh giá"
    else:
        balance = f"đủ {vi.integer(g.rated)} {noun} được đánh giá, xếp loại"
    out = {"rated": g.rated, "placed": placed, "left": left, "balance": balance}
    if quota is not None and base_unit is not None and g.name == "members":
        percent, base, most = guidance.quota_limit(g, quota, regime)
        xs = g.count("xuat_sac")
        share = vi.percent(xs, base) if base else "—"
        if own_quota:
            out["quota"] = f"tỷ lệ xuất sắc {share} / tối đa {percent}% (nhiều nhất {vi.integer(most)} {noun})"
            out["over_quota"] = xs > most
        else:
            out["quota"] = f"tỷ lệ xuất sắc {share}; hạn mức {percent}% tính chung cho cả {base_unit.name}"
    return out


def _field_finder(parts):
    """(line, column) of the file whose split front matter is `parts` -> the dotted path
    of the key or value there, e.g. 'results.members.tot', or '' outside the front matter."""
    spots: dict = {}
    if parts is not None:
        try:
            doc = load_yaml(sources.plain_spaces(parts[0]), 2)
        except Exception:  # noqa: BLE001 - a draft that is not YAML: problems point at no field
            doc = None
        if doc is not None:
            for table in (doc.keys, {p: node[1:3] for p, node in doc.nodes.items()}):
                for path, (line, column) in table.items():
                    if path:
                        spots.setdefault(line, []).append((column, len(path), path))

    def find(line: int, column: int) -> str:
        here = sorted(spots.get(line, ()))
        before = [s for s in here if s[0] <= column] or here[:1]
        if not before:
            return ""
        best = max(before, key=lambda s: (s[0], s[1]))
        return ".".join(str(p) for p in best[2])
    return find


class Listing:
    """The list of posts and pages, each read once per change of its file."""

    def __init__(self, root: str):
        self.root = root
        self.seen: dict = {}  # rel -> (stamp, entry)

    def entries(self) -> list:
        checked = loading.check_site(self.root)
        counts: dict = {}
        for p in checked.problems:
            errors, warnings = counts.get(p.path, (0, 0))
            counts[p.path] = (errors + p.is_error, warnings + (not p.is_error))
        found = sources.discover(self.root)
        out = []
        for rel, kind in [(r, "post") for r in found.posts] + [(r, "page") for r in found.pages]:
            stamp = file_stamp(os.path.join(self.root, rel))
            kept = self.seen.get(rel)
            entry = kept[1] if kept and kept[0] == stamp else self._read(rel, kind)
            self.seen[rel] = (stamp, entry)
            errors, warnings = counts.get(rel, (0, 0))
            out.append(dict(entry, errors=errors, warnings=warnings))
        out.sort(key=lambda e: (e["sort"], e["path"]), reverse=True)
        return out

    def _read(self, rel: str, kind: str) -> dict:
        source, _problems = sources.read_source(self.root, rel, kind, with_body=False)
        value = source.doc.value if source is not None and isinstance(source.doc.value, dict) else {}
        day, _why = _date_of(value.get("date"))
        return {"path": rel, "kind": kind, "title": str(value.get("title") or rel.rsplit("/", 1)[-1]),
                "unit": str(value.get("unit") or ""), "draft": value.get("draft") is True,
                "tags": [str(t) for t in split_tags(value.get("tags")) if isinstance(t, (str, int))],
                "date": vi.date_short(day) if day else "", "year": day.year if day else None,
                "sort": day.isoformat() if day else ""}


def _date_of(value) -> tuple:
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, str):
        parsed, why = parse_date(value)
        return (parsed.date() if parsed else None), why
    return None, ""

