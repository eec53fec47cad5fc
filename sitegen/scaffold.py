"""`sitegen init` and `sitegen new`: files for people to fill in. Never overwrites."""
from __future__ import annotations

import datetime as dt
import json
import os
import re

from sitegen import vi
from sitegen.check import placeholders
from sitegen.read.model import review_year_of
from sitegen.lang import _


SITE_YAML = """\
# Cấu hình trang. Xem README của sitegen để biết mọi khóa.
title: {title}
description: Tin hoạt động và kết quả kiểm điểm, đánh giá, xếp loại chất lượng
base_url: https://example.edu.vn/tin-dang/   # địa chỉ trang khi đăng lên mạng
language: vi
timezone: Asia/Ho_Chi_Minh
posts_per_page: 10
quota: {{percent: 20, base: tot}}
# Nơi đăng trang (sitegen deploy). Mật khẩu KHÔNG ghi ở đây: đặt biến môi trường
# SITEGEN_DEPLOY_PASSWORD hoặc gõ khi sitegen hỏi.
# deploy:
#   truong: ftp://ten-dang-nhap@ftp.ten-truong.edu.vn/public_html/tin-dang/
"""

UNITS_YAML = """\
# Danh sách tổ chức đảng. Mỗi đơn vị có một mã (id) viết thường, không dấu, nối bằng gạch ngang.
- id: dang-uy-xa
  name: Đảng ủy xã
  kind: dang_bo
- id: chi-bo-truong
  name: {title}
  kind: chi_bo
  parent: dang-uy-xa
"""

PAGE = "---\ntitle: Giới thiệu\n---\n" + placeholders.PAGE_BODY


class ScaffoldError(Exception):
    pass


def _write_new(path: str, text: str) -> None:
    """Create `path`; refuse if anything is there already (mode 'x' checks atomically)."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except FileExistsError:
        raise ScaffoldError(_("{path} already exists; sitegen never overwrites a file").format(path=path)) from None


def _plain_or_quoted(text: str) -> str:
    """`text` as a YAML value: as it is when YAML reads it back unchanged as text (words,
    numbers, commas, dashes), else double-quoted (a JSON string is a YAML one)."""
    if (re.fullmatch(r"[^\W\d_][\w ,.()–-]*", text) and not re.search(r"\s$| #|: ", text)
            and text.lower() not in ("yes", "no", "y", "n", "true", "false", "on", "off", "null")):
        return text
    return json.dumps(text, ensure_ascii=False)


def init_site(folder: str, title: str = "Chi bộ Trường") -> list[str]:
    """A working site in `folder` (which may exist but must not hold a site)."""
    today = dt.date.today()
    review_year = review_year_of(today)
    files = {
        "site.yaml": SITE_YAML.format(title=_plain_or_quoted(title)),
        "content/units.yaml": UNITS_YAML.format(title=_plain_or_quoted(title)),
        "content/pages/gioi-thieu.md": PAGE,
        f"content/posts/{review_year}/hoi-nghi-kiem-diem-{review_year}.md": post_skeleton(
            f"Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm {review_year}",
            "chi-bo-truong", min(dt.datetime(review_year, 12, 15, 14, 0), dt.datetime.combine(today, dt.time(14))),
            example=True),  # never after today (W518)
    }
    clashes = [rel for rel in files if os.path.exists(os.path.join(folder, rel))]
    if clashes:
        raise ScaffoldError(_("{folder} already holds {files}; sitegen never overwrites a file").format(
            folder=folder, files=", ".join(clashes)))
    for rel, text in files.items():
        _write_new(os.path.join(folder, *rel.split("/")), text)
    for name in ("layouts", "assets"):
        os.makedirs(os.path.join(folder, name), exist_ok=True)
    return sorted(files)


def new_post(site: str, title: str, unit: str | None, when: dt.datetime,
             text: str | None = None) -> tuple[str, str | None, dict]:
    """(the new file, the id of its unit, what was taken from `text`). `unit` may be the
    unit's id or its name as a clerk types it (any case, with or without marks); `text`,
    an article or a report, is the body and gives the numbers it states."""
    if unit is not None:
        unit = unit_id(site, unit)
    slug = vi.slugify(title) or "bai-viet"
    rel = f"content/posts/{when.year}/{slug}.md"
    said = _numbers_of(text) if text is not None and unit is not None else {}
    _write_new(os.path.join(site, *rel.split("/")), post_skeleton(title, unit, when, draft=True, text=text, said=said))
    return rel, unit, said


def article_day(text: str | None, now: dt.datetime) -> dt.datetime | None:
    """The day an article says it happened (its first whole date that is not a cited
    document's), when that is not after `now`; None otherwise. An old article brought over
    from the portal keeps its day."""
    if not text:
        return None
    from sitegen.read.reporttext import read_meeting

    said = read_meeting(text).get("meeting_date")
    day = dt.datetime.strptime(said, "%d/%m/%Y") if said else None
    return day if day is not None and day <= now else None


MAX_WORD_FILE = 50 * 1024 * 1024  # a Word report with its photos


def article_text(path: str) -> tuple:
    """(the text of the file `new --from` names, '') or (None, why not): a Word file
    (.docx), or text in UTF-8, as posts are read, with a legacy encoding named."""
    from sitegen.read import wordfile
    from sitegen.read.sources import decode

    try:
        with open(path, "rb") as f:
            data = f.read(MAX_WORD_FILE + 1)
    except OSError as e:
        return None, _("cannot read {file}: {why}").format(file=path, why=e.strerror or e)
    if wordfile.is_word(data[:MAX_WORD_FILE]):
        if len(data) > MAX_WORD_FILE:
            return None, _("{file} is over 50 MB; save the report without its photos, or copy its text into "
                           "a .txt file").format(file=path)
        text, why = wordfile.word_text(data)
        return (text, "") if text is not None else (None, _("cannot read {file} as a Word document ({why}); "
                                                            "open it in Word and save it again as .docx, or "
                                                            "copy its text into a .txt file").format(file=path,
                                                                                                      why=why))
    if (other := wordfile.other_format(data)) is not None:
        return None, _("{file} is a {kind} file, which sitegen cannot read; open it in Word and save it as "
                       ".docx (Word Document), or copy its text into a .txt file").format(file=path, kind=other)
    if len(data) > 2_000_000:
        return None, _("{file} is over 2 MB; give the article's text only").format(file=path)
    text, problems = decode(data, path)
    return (text, "") if text is not None else (None, f"{path}: {problems[0].message}")


def title_and_body(text: str) -> tuple[str, str] | None:
    """(the title, the rest) of an article whose first line is its title, as it is copied
    from a portal's page; None when that line is too long to be one."""
    lines = text.replace("\r\n", "\n").lstrip().split("\n", 1)
    title = lines[0].strip().lstrip("#").strip()
    if not title or len(title) > 200:
        return None
    return title, lines[1] if len(lines) > 1 else ""


def taken(said: dict) -> str:
    """What `new --from` took from the text, in the format's words: "meeting_date
    20/12/2025, attendance 15/16, level tot, votes 15/15, total 16, xuat_sac 3"."""
    out = [f"meeting_date {said['meeting_date']}"] if "meeting_date" in said else []
    if "attendance" in said:
        out.append(f"attendance {said['attendance']['present']}/{said['attendance']['members']}")
    out += [f"{key} {said[key]}" for key in ("level", "status") if key in said]
    if "votes" in said:
        out.append(f"votes {said['votes']['agree']}/{said['votes']['of']}")
    out += [f"{key} {said[key]}" for key in ("total", "xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh", "disciplined")
            if key in said]
    out += [f"not_rated.{reason} {n}" for reason, n in said.get("not_rated", {}).items()]
    out += [f"basis {d['number']}" for d in said.get("basis", ())]
    out += [f"{key} {name}" for key in ("presiding", "guests") for name, _position in said.get(key, ())]
    return ", ".join(out)


def unread(said: dict) -> list:
    """The meeting's keys `new --from` found nothing for, which the post holds at zero
    (or at `tot`, the level) until the clerk fills them in."""
    counted = any(key in said for key in ("total", "xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"))
    return [key for key, found in (("meeting_date", "meeting_date" in said), ("attendance", "attendance" in said),
                                   ("results.unit.level", "level" in said), ("results.unit.votes", "votes" in said),
                                   ("results.members", counted)) if not found]


def news_hint(site: str) -> str:
    """What `new` says after making a post with no unit: a news post, and how to make a
    meeting post instead."""
    from sitegen.check.loading import read_units

    ids = sorted(read_units(site)[0])
    shown = ", ".join(ids[:6]) + (", …" if len(ids) > 6 else "")
    return _("this is a news post, with no results of a review; for a meeting post with its results, run "
             "`sitegen new` again with --unit and the id of the unit ({ids})").format(
                 ids=shown or _("content/units.yaml has none yet"))


def unit_id(site: str, given: str) -> str:
    """The id of the unit in content/units.yaml that `given` names: its id, or its name.
    A site with no list of units yet gets `given` as it is (check then says so)."""
    from sitegen.check.loading import read_units
    from sitegen.read.units import ids_of_names, named, suggest_unit

    units = read_units(site)[0]
    if not units or given in units:
        return given
    meant = ids_of_names([given], units).get(given)  # as `check` reads a post's `unit`
    if meant is not None:
        return meant
    found = named(given, units)
    if found:
        raise ScaffoldError(_("{count} units are named '{unit}' ({ids}); give --unit the id of the one you "
                              "mean").format(count=len(found), unit=given, ids=", ".join(found)))
    ids = sorted(units)
    shown = ", ".join(ids[:12]) + (", …" if len(ids) > 12 else "")
    raise ScaffoldError(_("there is no unit '{unit}' in content/units.yaml{hint}; give --unit one of its ids "
                          "({ids}), or add the unit there first").format(
                              unit=given, hint=suggest_unit(given, units), ids=shown))


def post_skeleton(title: str, unit: str | None, when: dt.datetime, example: bool = False,
                  draft: bool = False, text: str | None = None, said: dict | None = None) -> str:
    """Front matter with every key, commented; a meeting post when `unit` is given. A
    `draft` stays off the site until its line is removed: nothing invented goes live.
    With `text` (an article or a report), it is the body, and `said`, what it states
    (_numbers_of), fills the meeting's keys, the rest staying at zero."""
    said = said or {}
    met = said.get("meeting_date")
    review_year = review_year_of(dt.datetime.strptime(met, "%d/%m/%Y") if met else when)
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    tags = "tags: [Kiểm điểm cuối năm]" if unit else "# tags: [Tin cơ sở]"
    draft_line = ("draft: true                        # bản nháp: chưa đăng. Viết xong thì xóa dòng này để đăng"
                  if draft else "# draft: true                      # bản nháp: chỉ dựng khi chạy build --drafts")
    head = f"""\
---
title: {quoted}
date: {when.strftime('%d/%m/%Y %H:%M' if (when.hour, when.minute) != (0, 0) else '%d/%m/%Y')}          # ngày đăng: ngày/tháng/năm giờ:phút
# slug: {vi.slugify(title)}     # đường dẫn; mặc định lấy từ tiêu đề
# author: "Tin, ảnh: ..."          # dòng tác giả cuối bài
# summary: ...                     # tóm tắt cho trang danh sách; mặc định là đoạn đầu
{tags}
{draft_line}
# cover: anh-bia.jpg               # ảnh đại diện; mặc định là ảnh đầu tiên
# photos:                          # ảnh đặt cạnh bài (hoặc trong thư mục của bài)
#   - src: quang-canh.jpg
#     caption: Quang cảnh hội nghị
#     credit: ...
"""
    if unit is None:
        return _aligned(head) + "---\n" + (_body(text) if text is not None else placeholders.POST_BODY)
    n = _counts(said, example)
    meeting_date = (f"meeting_date: {met}          # ngày họp" if met else
                    f"# meeting_date: {when.strftime('%d/%m/%Y')}      # ngày họp, nếu khác ngày đăng")
    not_rated = ("not_rated: {" + ", ".join(f"{k}: {v}" for k, v in said["not_rated"].items()) + "}"
                 if said.get("not_rated") else "# not_rated: {exempt: 0, suspended: 0, new: 0, pending: 0, note: ...}")
    disciplined = (f"disciplined: {said['disciplined']}" if "disciplined" in said else "# disciplined: 0") + \
        "               # số bị thi hành kỷ luật trong năm"
    basis = ("basis:                             # văn bản căn cứ\n" + "".join(
        f"  - {json.dumps(_cited_line(d), ensure_ascii=False)}\n" for d in said["basis"]).rstrip("\n")
             if said.get("basis") else f"""\
# basis:                           # văn bản căn cứ
#   - number: 05-HD/BTCHU
#     date: 01/11/{review_year}
#     issuer: Ban Tổ chức Huyện ủy
#     subject: Hướng dẫn kiểm điểm""")
    people = "\n".join(_people_lines(key, said.get(key), comment, example) for key, comment, example in (
        ("presiding", "chủ trì hội nghị", "{name: ..., position: Bí thư chi bộ}"),
        ("guests", "dự và chỉ đạo", "{name: ..., position: ...}")))
    # Only what the article did not say is marked, so the clerk sees what is still to fill.
    missed = unread(said) if text is not None else []
    level_note, votes_note = ("CHƯA THẤY TRONG BÀI, hãy điền: " if key in missed else ""
                              for key in ("results.unit.level", "results.unit.votes"))
    meeting = f"""\
unit: {unit}                  # mã đơn vị trong content/units.yaml
review_year: {review_year}              # năm được đánh giá
{meeting_date}
# period: year                     # year (cả năm), term (nhiệm kỳ) hoặc quarter:1..4
# regime: 366                      # quy định áp dụng; mặc định theo năm đánh giá
{basis}
{people}
attendance: {{members: {n['members']}, present: {n['present']}}}   # số đảng viên, số có mặt
results:
  status: {said.get('status', 'proposed')}                 # proposed (đề nghị) hoặc approved (đã được công nhận)
  unit:                            # xếp loại tập thể chi bộ
    level: {said.get('level', 'tot')}                     # {level_note}xuat_sac | tot | hoan_thanh | khong_hoan_thanh
    votes: {{agree: {n['agree']}, of: {n['of']}}}   # {votes_note}số tán thành / số biểu quyết
    # score: 85                    # điểm (chỉ theo Quy định 366)
    # honors: [tieu_bieu]          # tiêu biểu
  members:                         # đảng viên
    total: {n['total']}
    {not_rated}
    xuat_sac: {n['xuat_sac']}
    tot: {n['tot']}
    hoan_thanh: {n['hoan_thanh']}
    khong_hoan_thanh: {n['khong_hoan_thanh']}
    {disciplined}
"""
    body = _body(text) if text is not None else placeholders.MEETING_BODY
    return _aligned(head + meeting) + "---\n" + body


def _numbers_of(text: str) -> dict:
    """What an article or a report says of its meeting and its members' counts."""
    from sitegen.read import docnumbers, reporttext

    counts, _clashes = reporttext.read_counts(text)
    counts.pop("tot_or_better", None)  # a sum the skeleton has no key for: its levels stay to fill
    return {**reporttext.read_meeting(text), **counts, "basis": docnumbers.citations_in(text),
            **reporttext.read_people(text)}


def _people_lines(key: str, people, comment: str, example: str) -> str:
    """`presiding:` or `guests:` with the people the text named, one a line as articles
    write them; else the commented example."""
    if not people:
        return f"# {key}:".ljust(COMMENT_COLUMN) + f"# {comment}\n#   - {example}"
    lines = "".join(f"\n  - {json.dumps(f'{name}, {position}' if position else name, ensure_ascii=False)}"
                    for name, position in people)
    return f"{key}:".ljust(COMMENT_COLUMN) + f"# {comment}" + lines


def _cited_line(parts: dict) -> str:
    """A document on one line, as the article cites it and `basis` reads it."""
    line = (parts["type"] + " số " if parts.get("type") else "") + parts["number"]
    line += f" ngày {parts['date']}" if parts.get("date") else ""
    line += f" của {parts['issuer']}" if parts.get("issuer") else ""
    return line + (f" {parts['subject']}" if parts.get("subject") else "")


def _counts(said: dict, example: bool) -> dict:
    """Each number of the skeleton: what the text said, else the example's or zero."""
    shown = {"members": 30, "present": 28, "agree": 28, "of": 28, "total": 30, "xuat_sac": 4, "tot": 23,
             "hoan_thanh": 3, "khong_hoan_thanh": 0}
    out = {key: value if example else 0 for key, value in shown.items()}
    out.update({key: said[key] for key in shown if key in said})
    out.update({"members": said.get("attendance", out)["members"], "present": said.get("attendance", out)["present"]})
    out.update({"agree": said.get("votes", out)["agree"], "of": said.get("votes", out)["of"]})
    # Both count the unit's members (E305): the one the text gives stands for the other.
    if "total" in said and "attendance" not in said:
        out["members"] = said["total"]
    elif "attendance" in said and "total" not in said:
        out["total"] = said["attendance"]["members"]
    return out


def _body(text: str) -> str:
    """The text given to `new` as the post's body: its paragraphs, line ends as Unix's."""
    return "\n" + text.replace("\r\n", "\n").strip("\n") + "\n"


_COMMENTED = re.compile(r"^(?!title:)(.*?\S) {2,}(# .*)$")
COMMENT_COLUMN = 35


def _aligned(front: str) -> str:
    """The explanations after the keys in one column, whatever the values' lengths, so
    that the file reads as a form (the title line is left alone: it is the user's text)."""
    def line(text: str) -> str:
        m = _COMMENTED.match(text)
        return f"{m[1]:<{COMMENT_COLUMN - 1}} {m[2]}" if m else text
    return "\n".join(line(t) for t in front.split("\n"))
