"""`sitegen report YEAR`: a review year's results as a spreadsheet for the committee above.

One sheet per count group (members, organisations, collectives, leaders); one row per
unit with a post for the year (its id, parent and kind), grouped under its parent with a
"Cộng" row per parent; numbers as numbers, shares as percentages Excel formats. The
columns are a site's to choose (`report: {columns: [...]}` in site.yaml, or a list
per sheet under the group's name): each province's form differs. A level a post did not give (only "tốt trở lên") is an empty
cell, and a subtotal over it is empty too: nothing is invented.
"""
from __future__ import annotations

import os
from collections import defaultdict
from types import SimpleNamespace

from sitegen import vi
from sitegen.lang import _, ngettext, number
from sitegen.read.model import GROUPS, LEVELS, NOT_RATED, sum_given, sum_levels
from sitegen.site.narrative import LABELS, PHRASES

MARK = "sitegen"  # the workbook's creator: a file sitegen made may be replaced by it
SHEETS = {"members": "Đảng viên", "organizations": "Tổ chức đảng", "leadership": "Tập thể lãnh đạo",
          "leaders": "Cán bộ lãnh đạo, quản lý"}
NOT_RATED_HEADINGS = {"exempt": "Miễn công tác và sinh hoạt đảng", "suspended": "Đình chỉ sinh hoạt đảng",
                      "new": "Mới kết nạp chưa đủ 6 tháng", "pending": "Lý do khác"}
# Every column a report may have, in their default order: id -> heading.
COLUMNS = {"id": "Mã đơn vị", "unit": "Đơn vị", "parent": "Cấp trên", "kind": "Loại", "level": "Xếp loại tập thể",
           "total": "Tổng số", "rated": "Được đánh giá, xếp loại"}
for _level in LEVELS:
    COLUMNS[_level] = LABELS[_level]
    COLUMNS[_level + "_percent"] = "Tỷ lệ " + PHRASES[_level]
COLUMNS["tot_or_better"] = "Hoàn thành tốt nhiệm vụ trở lên"
COLUMNS["tot_or_better_percent"] = "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên"
for _reason in NOT_RATED:
    COLUMNS["not_rated_" + _reason] = "Không đánh giá: " + NOT_RATED_HEADINGS[_reason].lower()
COLUMNS["disciplined"] = "Bị kỷ luật trong năm"
KIND_NAMES = {"dang_bo": "Đảng bộ", "chi_bo_co_so": "Chi bộ cơ sở", "chi_bo": "Chi bộ",
              "dang_bo_co_so": "Đảng bộ cơ sở", "dang_bo_bo_phan": "Đảng bộ bộ phận",
              "dang_bo_cap_tren": "Đảng bộ cấp trên cơ sở"}


class ReportError(Exception):
    pass


def refuse_path(path: str) -> str | None:
    """Why the report must not be written at `path`, or None: sitegen never replaces a
    file it did not make."""
    if os.path.isdir(path):
        return _("{path} is a folder; name the report file, e.g. {example}").format(
            path=path, example=os.path.join(path, "bao-cao.xlsx"))
    if os.path.exists(path):
        try:
            from openpyxl import load_workbook
            made = load_workbook(path, read_only=True).properties
        except Exception:  # noqa: BLE001 - not a workbook at all
            made = None
        if made is None or made.creator != MARK:
            return _("{path} exists and was not made by sitegen; choose another name").format(path=path)
        # Excel and LibreOffice keep the creator of a workbook they save, but write who saved it
        # and when: a report someone has worked on since is theirs now.
        edited = made.lastModifiedBy not in (None, "", MARK) or (
            made.created and made.modified and abs((made.modified - made.created).total_seconds()) > 60)
        if edited:
            return _("{path} was made by sitegen but has been edited and saved since; choose another name, "
                     "so that the changes made to it are kept").format(path=path)
    return None


def year_rows(site, view, year: int) -> list:
    """(unit, post) of each unit with a yearly post for `year`, in the order of the results page."""
    for results in view.results:
        if results.review_year == year:
            return [(site.units[row.unit_id], row.post) for row in results.rows]
    return []


def _no_rows(site, view, year: int) -> str:
    """Why there is nothing to report for `year`: the years that have results, and the
    drafts that would give it some once published."""
    years = sorted({results.review_year for results in view.results})
    drafts = sum(1 for p in site.posts if p.draft and p.meeting is not None and p.meeting.review_year == year)
    if years:
        message = _("no published post gives the results of {year}; the years with results are {years}").format(
            year=year, years=", ".join(str(y) for y in years))
    else:
        message = _("no published post gives the results of {year}; no post gives any year's results yet").format(
            year=year)
    if drafts:
        message += ngettext("; {n} draft does (draft: true): remove that line to publish it, then report again",
                            "; {n} drafts do (draft: true): remove that line to publish them, then report again",
                            drafts).format(n=number(drafts))
    return message


def write_report(site, view, year: int, path: str, columns=None) -> int:
    """Write the workbook; the number of units in it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = year_rows(site, view, year)
    if not rows:
        raise ReportError(_no_rows(site, view, year))
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = book.properties.lastModifiedBy = MARK
    book.properties.title = f"Kết quả đánh giá, xếp loại chất lượng năm {year}"
    for group in GROUPS:
        present = [(unit, post, post.meeting.results.group(group)) for unit, post in rows]
        present = [(unit, post, g) for unit, post, g in present if g is not None]
        if not present:
            continue
        chosen = [c for c in (columns or site.config.columns_of(group)) if c in COLUMNS]
        sheet = book.create_sheet(SHEETS[group])
        sheet.append([f"Kết quả đánh giá, xếp loại chất lượng năm {year}: {SHEETS[group].lower()}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([COLUMNS[c] for c in chosen])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        by_parent = defaultdict(list)
        for unit, post, g in present:
            by_parent[unit.parent_on(post.meeting.meeting_date.date()) or ""].append((unit, post, g))
        for parent in vi.sort_vi(by_parent, key=lambda p: site.units[p].name if p in site.units else ""):
            members = by_parent[parent]
            for unit, post, g in members:
                sheet.append(_cells(chosen, _values(unit, post, g, site)))
            if parent and len(members) > 1:
                name = site.units[parent].name if parent in site.units else parent
                sheet.append(_cells(chosen, _subtotal(members, f"Cộng {name}")))
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        for column in sheet.iter_cols(min_row=3):
            for cell in column:
                if chosen[cell.column - 1].endswith("_percent") and cell.value is not None:
                    cell.number_format = "0.0%"
        sheet.freeze_panes = "A3"
    book.save(path)
    return len(rows)


def _values(unit, post, g, site) -> dict:
    parent = unit.parent_on(post.meeting.meeting_date.date())
    rating = post.meeting.results.unit
    values = {"id": unit.id, "unit": unit.name, "parent": site.units[parent].name if parent in site.units else "",
              "kind": KIND_NAMES.get(unit.kind, unit.kind),
              "level": LABELS[rating.level] if rating else ""}
    values.update(_numbers(g.total, g.rated, g.known_counts, g.not_rated))
    values["disciplined"] = g.disciplined
    return values


def _numbers(total: int, rated: int, counts: tuple, not_rated) -> dict:
    values = {"total": total, "rated": rated}
    for level, count in zip(LEVELS, counts):
        values[level] = count
        values[level + "_percent"] = count / rated if rated and count is not None else None
    good = counts[0] + counts[1]
    values["tot_or_better"] = good
    values["tot_or_better_percent"] = good / rated if rated else None
    for reason in NOT_RATED:
        values["not_rated_" + reason] = getattr(not_rated, reason)
    return values


def _subtotal(members: list, label: str) -> dict:
    groups = [g for _, _, g in members]
    counts = sum_levels(g.known_counts for g in groups)

    not_rated = SimpleNamespace(**{reason: sum(getattr(g.not_rated, reason) for g in groups) for reason in NOT_RATED})
    values = {"id": "", "unit": label, "parent": "", "kind": "", "level": ""}
    values.update(_numbers(sum(g.total for g in groups), sum(g.rated for g in groups), counts, not_rated))
    values["disciplined"] = sum_given(g.disciplined for g in groups)
    return values


def _cells(columns: list, values: dict) -> list:
    return [values.get(c) for c in columns]
