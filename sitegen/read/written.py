"""Values as people write them, read into what the format means: dates ("18/12/2025",
"Thứ Năm, ngày 18 tháng 12 năm 2025", "Sáng 18/12/2025", "14h00"), counts and shares with
who is counted ("15 đồng chí", "28/30 đồng chí"), decimals the Vietnamese way ("86,5"), a
year ("năm 2025"), a percent setting ("20%"), tags on one line ("Kiểm điểm, Tổng hợp") and
yes or no in words ("có", "không").
Each reader returns None (or a reason) for anything it does not read, and Fields reports it.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from sitegen import vi
from sitegen.lang import N_, _, current

# Who a count counts, as reports write it after the number ("15 đồng chí", "05 đ/c"); the
# report reader (reporttext.py) uses the same words without their marks.
WHO = r"(?:đồng chí|đ/c\.?|đảng viên|[uủ][yỷ] viên|người|tổ chức(?: cơ sở)?(?: đảng)?|chi bộ|đảng bộ|tập thể|cán bộ)"
# What articles say after a share: "28/28 đồng chí biểu quyết tán thành (100%)", "28/30
# đảng viên có mặt"; a vote's words only after a vote, an attendance's after an attendance.
# A vote may say whose it was first: "28/28 đồng chí có mặt biểu quyết tán thành".
_SAID = {"votes": r"(?:(?:có mặt|dự họp)\s+)?(?:biểu quyết\s+)?(?:nhất trí\s+)?(?:tán thành|nhất trí|đồng ý)",
        "attendance": r"(?:có mặt|dự họp|tham dự)(?:\s+hội nghị)?"}
# The words may come first too ("có mặt: 28/30", "nhất trí 28/28"), and a vote counts ballots
# ("23/24 phiếu").
# An attendance may end with those absent, as minutes note them, and why: "28/30 đồng chí,
# vắng 02 đồng chí (có lý do)", "28/30 đồng chí (vắng 2, ốm)". Only the count is read.
_ABSENT = (r"(?:\s*[,;]?\s*(\()?\s*vắng(?:\s+mặt)?\s*:?\s*(\d{1,7})(?:\s*" + WHO + r")?"
           r"(?:\s*(?:\([^()]{0,120}\)|[,:;\-–][^()]{0,120}?|(?:có|không)\s+(?:có\s+)?lý\s+do))?\s*(?(3)\)))?")
_SHARES = {what: re.compile(r"\s*(?:" + said + r"\s*[:\-–]?\s*)?(\d{1,7})\s*/\s*(\d{1,7})"
                            r"(?:\s*(?:" + WHO + (r"|phiếu" if what == "votes" else "") + r"))?(?:\s*" + said + r")?"
                            r"(?:\s*\(\s*(?:đạt\s*)?[\d.,]+\s*%\s*\))?" + (_ABSENT if what == "attendance" else "")
                            + r"\s*", re.I)
           for what, said in _SAID.items()}
# A count may carry its share in brackets, as reports print it ("02 đồng chí (chiếm 7,4%)"):
# passed over, as a share's is; the page shows the one it works out.
_IN_BRACKETS = r"\(\s*(?:chiếm|đạt|tỷ lệ|tỉ lệ|bằng)?\s*[\d.,]+\s*%\s*\)"
_COUNT = re.compile(r"\s*(\d{1,3}(?:\.\d{3})+|\d{1,7})\s*(?:" + WHO + r"(?:\s*" + _IN_BRACKETS + r")?|"
                    + _IN_BRACKETS + r")\s*", re.I)
# "không", "không có ai", "không có đồng chí nào", read without marks ("khong co"), as phones type it.
_NO_ONE = re.compile(r"\s*khong(?:\s+co)?(?:\s+(?:ai|" + vi.fold(WHO) + r"\s+nao))?\s*")
# 86,5 as Vietnamese write it; a score out of 100 as a scoring sheet gives it ("86,5/100 điểm")
_DECIMAL = re.compile(r"\s*(\d{1,7})(?:[.,](\d+))?(?:\s*điểm)?(?:\s*/\s*100(?:\s*điểm)?)?\s*", re.I)
_YEAR = re.compile(r"\s*(?:năm\s+)?(\d{4})\s*", re.I)
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_VN = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")   # 28/12/2023, 28-12-2023, 28.12.2023
# A time after the date: 08:30, 08:30:15, or as people write it, 14h00, 14h, 14 giờ 30.
_TIME = re.compile(r"(?:[ T,]+(?:lúc\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
                   r"|\s*(?:h|giờ)\s*(?P<minutes>\d{2})?(?:\s*phút)?))?", re.I)
_DATE_SHORT_YEAR = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2})(?!\d)")
_NO_YEAR = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\s*")
# As articles write a date: "ngày 18 tháng 12 năm 2025", "Thứ Năm, 18/12/2025".
_DATE_LONG = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm\s+|[,/]\s*)(\d{4})", re.I)
_NGAY = re.compile(r"ngày\s+", re.I)
# Before the date, as articles open: "Sáng 18/12/2025", "14h00 ngày 18/12/2025".
_LEAD_TIME = re.compile(r"(?:vào\s+)?(?:lúc\s+)?(?P<hour>\d{1,2})\s*(?:h|giờ|:)\s*(?P<minute>\d{2})?(?:\s*phút)?"
                        r"\s*[,-]?\s*", re.I)
_PART_OF_DAY = re.compile(r"(?:buổi\s+)?(?:sáng|trưa|chiều|tối|đêm)\s*(?:nay\s*)?[,-]?\s*", re.I)
_WEEKDAY = re.compile(r"(?:thứ\s*(hai|ba|tư|năm|sáu|bảy|[2-7])|(chủ\s*nhật|cn))\s*[,:-]?\s*(?:ngày\s+)?", re.I)
# Python's weekday() of each name and number (thứ Hai, thứ 2: Monday is 0).
_WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5,
             "2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5}
WEEKDAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
                 N_("Sunday"))
DATE_FORMS = N_("write it day first as 11/12/2023, 11-12-2023 or 11.12.2023, or as 2023-12-11, optionally "
                "followed by a time such as 08:30 or 14h00")


def read_share(value, what: str) -> tuple[int, int] | None:
    """"28/30", "28/30 đồng chí", "28/30 đồng chí có mặt" or "28/28 đồng chí tán thành
    (100%)" as the articles write `what` (votes or attendance): (28, 30); None for
    anything else."""
    found = _SHARES[what].fullmatch(value) if isinstance(value, str) else None
    if not found or (what == "attendance" and found[4] and int(found[4], 10) != int(found[2], 10) - int(found[1], 10)):
        return None
    return int(found[1], 10), int(found[2], 10)


def absent_disagreeing(value) -> tuple[int, int, int] | None:
    """(present, members, absent) of an attendance written with those absent ("28/30
    đồng chí, vắng 3 đồng chí") when the absent are not the members less those present."""
    found = _SHARES["attendance"].fullmatch(value) if isinstance(value, str) else None
    if not found or not found[4]:
        return None
    present, members, absent = (int(found[i], 10) for i in (1, 2, 4))
    return None if absent == members - present else (present, members, absent)


def read_count(value) -> int | None:
    """A count written with who it counts, "15 đồng chí", "05 đ/c", "2.755 đảng viên":
    15, 5, 2755; "không", "không có", "không có đồng chí nào": 0, as a report's table says
    no one; None for anything else, a number after other words included."""
    if not isinstance(value, str):
        return None
    found = _COUNT.fullmatch(value)
    if found:
        return int(found[1].replace(".", ""), 10)
    return 0 if _NO_ONE.fullmatch(vi.fold(value)) else None


def read_percent(value) -> int | None:
    """A whole percent as written in settings, "20%" or "20 %": 20; None for anything
    else (a plain 20 is a number YAML has read already)."""
    found = re.fullmatch(r"\s*(\d{1,3})\s*%\s*", value) if isinstance(value, str) else None
    return int(found[1]) if found and int(found[1]) <= 100 else None


def read_decimal(value) -> float | None:
    """A number written as text the Vietnamese way, "86,5", "86 điểm" or "86/100": 86.5,
    86.0, 86.0; None for anything else (a number YAML has read already included)."""
    found = _DECIMAL.fullmatch(value) if isinstance(value, str) else None
    return float(f"{found[1]}.{found[2] or 0}") if found else None


def split_tags(value) -> list:
    """The tags of `tags` as written: a list, or one line with commas (or semicolons)
    between them ("Kiểm điểm, Tổng hợp", as a blog's tag box takes them)."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [tag.strip() for tag in re.split(r"[,;]", value) if tag.strip()]
    return [] if value is None else [value]


def read_yes_no(value) -> bool | None:
    """"có" or "không" ("đúng", "sai") as a clerk answers a yes-or-no key: True or False;
    None for anything else (YAML's own true and false are booleans already)."""
    word = unicodedata.normalize("NFC", value.strip()).lower() if isinstance(value, str) else None
    return True if word in ("có", "đúng") else False if word in ("không", "sai") else None


def read_year(value) -> int | None:
    """A year written "năm 2025" (or "2025" in quotes): 2025; None for anything else."""
    found = _YEAR.fullmatch(value) if isinstance(value, str) else None
    return int(found[1]) if found else None


def parse_date(text: str) -> tuple[dt.datetime | None, str]:
    """(datetime, '') or (None, why not)."""
    return _parse_date(text, current())


@lru_cache(maxsize=16384)
def _parse_date(text: str, language: str) -> tuple[dt.datetime | None, str]:
    """Remembered (in each language: the reason is a message): meeting dates repeat
    across posts, and the result is immutable."""
    text = unicodedata.normalize("NFC", text.strip())
    weekday, start = None, 0
    lead = _LEAD_TIME.match(text)
    if lead:
        start = lead.end()
    if (part := _PART_OF_DAY.match(text, start)) is not None:  # "Chiều 19/12": the day is what counts
        start = part.end()
    w = _WEEKDAY.match(text, start)
    if w:
        weekday, start = (6 if w[2] else _WEEKDAYS[w[1].lower()]), w.end()
    elif (n := _NGAY.match(text, start)) is not None:  # "ngày 18/12/2025"
        start = n.end()
    found = _day_month_year(text, start)
    if found is None:
        short = _DATE_SHORT_YEAR.match(text, start)
        if short:  # 18/12/25: a year is not guessed, but its four digits are offered
            return None, _("'{text}' gives the year in two digits; write all four: {full}").format(
                text=text, full=f"{short[1]}{short[2]}{short[3]}{short[2]}20{short[4]}")
        no_year = _NO_YEAR.fullmatch(text, start)
        if no_year and 1 <= int(no_year[1]) <= 31 and 1 <= int(no_year[3]) <= 12:  # "20/12": no year guessed
            return None, _("'{text}' has no year; write the date in full, e.g. {full}").format(
                text=text, full=f"{no_year[1]}{no_year[2]}{no_year[3]}{no_year[2]}{dt.date.today().year}")
        return None, _("'{text}' is not a date; {forms}").format(text=text, forms=_(DATE_FORMS))
    day, month, year, end = found
    t = _TIME.fullmatch(text, end)
    if lead and t is not None and t[0]:
        t = None  # a time both before and after the date
        return None, _("'{text}' has something after the date that is not a time; {forms}").format(
            text=text, forms=_(DATE_FORMS))
    hour, minute, second = (int(t[name]) if t[name] else 0 for name in ("hour", "minute", "second"))
    minute = int(t["minutes"]) if t["minutes"] else minute
    if lead:
        hour, minute = int(lead["hour"]), int(lead["minute"] or 0)
    try:
        when = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None, _("'{text}' is not a real date or time ({why}); {forms}").format(
            text=text, why=_real_date_why(year, month, day, hour, minute, second), forms=_(DATE_FORMS))
    if weekday is not None and when.weekday() != weekday:
        return None, _("'{text}': {date} is a {weekday}, not the day of the week written; correct the "
                       "date or the day").format(text=text, date=f"{day:02d}/{month:02d}/{year}",
                                                 weekday=_(WEEKDAY_NAMES[when.weekday()]))
    return when, ""


def _day_month_year(text: str, start: int) -> tuple[int, int, int, int] | None:
    """(day, month, year, where the date ends) of the date at `start`, in any of its forms."""
    m = _DATE_ISO.match(text, start)
    if m:
        return int(m[3]), int(m[2]), int(m[1]), m.end()
    m = _DATE_VN.match(text, start)
    if m:
        return int(m[1]), int(m[3]), int(m[4]), m.end()
    m = _DATE_LONG.match(text, start)
    if m:
        return int(m[1]), int(m[2]), int(m[3]), m.end()
    return None


def _real_date_why(year: int, month: int, day: int, hour: int, minute: int, second: int) -> str:
    """Python's reason for refusing a date, in the user's words."""
    if not 1 <= month <= 12:
        return _("there is no month {month}").format(month=month)
    if hour > 23 or minute > 59 or second > 59:
        return _("the time {hour}:{minute:02d} does not exist").format(hour=hour, minute=minute)
    if year < 1:
        return _("there is no year {year}").format(year=year)
    return _("month {month} of {year} has no day {day}").format(month=month, year=year, day=day)
