"""A count group of `results` (members, organizations, leadership, leaders) as reports
write it, read into a CountGroup with every problem of its own shape positioned.

Its keys may be the format's ids or the report's words, with or without tones: a level
("hoàn thành tốt: 23"), "tốt trở lên", "tiêu biểu", "tổng số" for `total`, "bị kỷ luật"
for `disciplined` and "không xếp loại" for `not_rated`, whose reasons may be words too
("miễn sinh hoạt: 1", "mới kết nạp: 2"). Only whole phrases are read, never a guess by
letters. The sums across the group are checked later (check/rules.py), on the model.
"""
from __future__ import annotations

import re

from sitegen.lang import N_, _, number
from sitegen.read import choices, levels
from sitegen.read.fields import Fields, dotted
from sitegen.read.model import GROUPS, LEVELS, NOT_RATED, CountGroup, NotRated
from sitegen.read.written import WHO, read_count

GROUP_KEYS = ("total", "not_rated") + LEVELS + ("tot_or_better", "tieu_bieu", "disciplined", "outstanding", "status")
NOT_RATED_KEYS = NOT_RATED + ("note",)
STATUSES = ("proposed", "approved")
STATUSES_SHOWN = N_("proposed (đề nghị) or approved (đã được công nhận)")
MAX_COUNT = 10_000_000  # more than any party organisation's membership

# Folded words -> key. "Tổng số đảng viên được xếp loại" is the rated, not the total:
# only these whole phrases are read.
_TOTAL_RE = re.compile(r"^tong(?: so| cong)?(?: (?:dang vien|to chuc(?: co so)? dang|chi bo|tap the|ca nhan|"
                       r"can bo))?$")
_NOT_RATED_RE = re.compile(r"^(?:so )?(?:khong|chua)(?: duoc| tham gia)? (?:danh gia|xep loai|danh gia xep loai)"
                           r"(?: chat luong)?$")
# "bị kỷ luật", "số đảng viên bị thi hành kỷ luật trong năm"
_DISCIPLINED_RE = re.compile(r"^(?:so )?(?:(?:dang vien|to chuc(?: co so)? dang|chi bo|tap the|ca nhan|can bo) )?"
                             r"(?:bi )?(?:thi hanh |xu ly )?ky luat(?: trong nam)?$")
_REASONS = (  # "được miễn công tác và sinh hoạt đảng", "mới kết nạp chưa đủ 6 tháng"
    ("exempt", re.compile(r"^(?:duoc )?mien\b")),
    ("suspended", re.compile(r"^(?:bi )?(?:tam )?dinh chi\b")),
    ("new", re.compile(r"^(?:dang vien )?(?:moi|ket nap)\b|\bchua du (?:6|sau) thang\b")),
    ("pending", re.compile(r"^(?:(?:chua danh gia )?(?:vi |do )?ly do )?khac$")),
    ("note", re.compile(r"^(?:ghi chu|chu thich|ly do)$")),
)


def count_key_id(key) -> str | None:
    """The key of a count group that a key written in words stands for: a level ("hoàn
    thành tốt"), tot_or_better ("tốt trở lên"), tieu_bieu ("tiêu biểu"), total ("tổng
    số"), not_rated ("không xếp loại") or disciplined ("bị kỷ luật"); None otherwise."""
    if not isinstance(key, str):
        return None
    if levels.names_tot_or_better(key):
        return "tot_or_better"
    found = levels.level_id(key) or choices.honor_id(key)
    if found:
        return found
    words = levels.folded_words(key)
    if _TOTAL_RE.match(words):
        return "total"
    return "not_rated" if _NOT_RATED_RE.match(words) else "disciplined" if _DISCIPLINED_RE.match(words) else None


def not_rated_key_id(key) -> str | None:
    """The key of `not_rated` a key in words stands for: "miễn sinh hoạt" -> exempt, "đình
    chỉ" -> suspended, "mới kết nạp" -> new, "lý do khác" -> pending, "ghi chú" -> note."""
    if not isinstance(key, str):
        return None
    words = levels.folded_words(key)
    return next((reason for reason, pattern in _REASONS if pattern.search(words)), None)


def written_path(value, path) -> tuple:
    """`path` with each key of a count group or of its `not_rated` as the file writes it
    ("tổng số" for total), so that a problem found on the model points at the key typed."""
    out: list = []
    for step in path:
        # A map of the format's keys only holds no key in words to stand for `step`.
        if isinstance(value, dict) and step not in value and not _FORMAT_KEYS.issuperset(value):
            read = not_rated_key_id if out[-1:] and _canonical(out[-1]) == "not_rated" else count_key_id
            step = next((key for key in value if read(key) == step), step)
        out.append(step)
        value = value.get(step) if isinstance(value, dict) else None
    return tuple(out)


def _canonical(key) -> str | None:
    return key if key in GROUP_KEYS else count_key_id(key)


_FORMAT_KEYS = frozenset(GROUP_KEYS + NOT_RATED_KEYS + GROUPS + ("unit",))
_LEVEL_INDEX = {level: i for i, level in enumerate(LEVELS)}
_GROUP_KEY_SET = frozenset(GROUP_KEYS)


def read_group(f: Fields, name: str) -> CountGroup | None:
    """A count group, or None when its arithmetic cannot be trusted (the reason is reported)."""
    base = ("results", name)
    given = f.get(base)
    aliases = _aliases(given, _GROUP_KEY_SET, count_key_id)
    no_total = isinstance(given, dict) and "total" not in given and "total" not in aliases.values()
    value = f.mapping(base, GROUP_KEYS, required=() if no_total else ("total",), also=aliases)
    if no_total and value is not None and base + ("total",) not in f.misspelt:
        f.problem("E201", base, _without_total(name, value, aliases), key=True)
    if value is None or not _GROUP_KEY_SET.union(aliases).issuperset(value):
        return None  # a misspelt level would make every sum wrong: E202 says what to fix
    written = _written_keys(f, base, value, aliases)
    if written is None:
        return None
    total_key = written.get("total", "total")
    total = value.get(total_key)
    if not f.plain_count(total, MAX_COUNT):
        total = f.integer(base + (total_key,), maximum=MAX_COUNT)
    if total is None and total_key in value and value[total_key] is None:
        f.problem("E203", base + (total_key,), _("results.{group}.total is empty; write how many there are").format(
            group=name))
    ok = total is not None
    counts = [0, 0, 0, 0]
    not_rated, tieu_bieu, outstanding, status, good, disciplined = NotRated(), None, False, None, None, None
    # Only the keys the post has are visited (absent levels count 0, blank ones too).
    for key, item in value.items():
        meant = aliases.get(key, key)
        index = _LEVEL_INDEX.get(meant)
        if index is not None:
            if f.plain_count(item, MAX_COUNT):
                counts[index] = item
            elif item is not None:
                count = f.integer(base + (key,), maximum=MAX_COUNT)
                ok = ok and count is not None
                counts[index] = count or 0
        elif meant == "not_rated":
            not_rated, nr_ok = _not_rated(f, base + (key,))
            ok = ok and nr_ok
        elif meant == "tieu_bieu":
            tieu_bieu = f.integer(base + (key,), maximum=MAX_COUNT)
        elif meant == "disciplined":
            disciplined = f.integer(base + (key,), maximum=MAX_COUNT)
        elif meant == "outstanding":
            outstanding = f.boolean(base + (key,))
        elif meant == "status":  # a đảng ủy decides its cells' ratings, and only proposes its own
            status = f.choice(base + (key,), STATUSES, read=choices.status_id, shown=_(STATUSES_SHOWN))
        elif meant == "tot_or_better":
            good = f.integer(base + (key,), maximum=MAX_COUNT)
            ok = ok and good is not None
    unsplit = 0
    if good is not None and ok:
        counts, unsplit, ok = _tot_or_better(f, base + (written["tot_or_better"],), set(written), counts, good,
                                             total, not_rated)
    # A count that could not be read would make the sums below wrong: skip the arithmetic.
    return CountGroup(name, total, not_rated, tuple(counts), tieu_bieu, outstanding, status, unsplit,
                      disciplined) if ok else None


def _without_total(name: str, value: dict, aliases: dict) -> str:
    """E201 for a group with no total: what its levels and those not rated add up to, as
    the total to write when the group counts everyone (not guessed: those not rated may be
    missing too)."""
    counted = [item for key, item in value.items() if aliases.get(key, key) in _LEVEL_INDEX]
    reasons = next((item for key, item in value.items() if aliases.get(key, key) == "not_rated"), None)
    if isinstance(reasons, dict):
        counted += [item for key, item in reasons.items() if not_rated_key_id(key) != "note" and key != "note"]
    if counted and all(type(item) is int for item in counted) and sum(counted):
        return _("results.{group} needs `total`: how many there are, those not rated included; its levels and "
                 "those not rated add up to {sum}: if that is everyone, write `total: {sum}`").format(
            group=name, sum=sum(counted))
    return _("results.{group} needs `total`: how many there are, those not rated included").format(group=name)


def _aliases(given, known: frozenset, read) -> dict:
    """{key as written: the key it stands for} of the keys of `given` written in words."""
    if not isinstance(given, dict):
        return {}
    return {key: found for key in given if key not in known and (found := read(key))}


def _tot_or_better(f: Fields, at, value: set, counts: list, good: int, total: int, not_rated) -> tuple:
    """(counts, unsplit, ok) of a group that gives "tốt trở lên" as one number: `tot` is
    what xuat_sac leaves of it; the rest of the rated, when neither hoan_thanh nor
    khong_hoan_thanh is given, is left unsplit (nothing is invented about it)."""
    xuat_sac = counts[0]
    if "tot" not in value:
        if xuat_sac > good:
            f.problem("E203", at, _("tot_or_better is {good} but xuat_sac is {xuat_sac}; "
                                    "xuat_sac is counted among tot_or_better").format(good=good, xuat_sac=xuat_sac))
            return counts, 0, False
        counts[1] = good - xuat_sac
    elif xuat_sac + counts[1] != good:
        f.problem("E203", at, _("tot_or_better is {good} but xuat_sac + tot is {sum}; "
                                "give one or the other, or make them agree").format(good=good, sum=xuat_sac + counts[1]))
        return counts, 0, False
    rated = total - not_rated.total
    if "hoan_thanh" in value or "khong_hoan_thanh" in value or good > rated:
        return counts, 0, True  # a split that is given is checked as it is (E301)
    return counts, rated - good, True


def _written_keys(f: Fields, base, value: dict, aliases: dict) -> dict | None:
    """{key: the key as the file writes it}, or None (and E203) when one key is written
    twice, as its id and as words."""
    first: dict = {}
    for key in value:
        meant = aliases.get(key, key)
        if meant in first:
            f.problem("E203", base + (key,), _("`{key}` and `{first}` both stand for `{meant}`; keep one").format(
                key=key, first=first[meant], meant=meant), key=True)
            return None
        first[meant] = key
    return first


_NOT_RATED_KEY_SET = frozenset(NOT_RATED_KEYS)


def _not_rated(f: Fields, path) -> tuple[NotRated, bool]:
    given = f.get(path)
    count = given if type(given) is int else read_count(given)  # 2, "02 đồng chí", "không"
    if count == 0:  # "không xếp loại: không" is no one
        return NotRated(), True
    if count is None and isinstance(given, str):
        said = not_rated_in_words(given)  # "01 đồng chí được miễn công tác và sinh hoạt đảng"
        if said is not None:
            return said, True
        both = not_rated_total(given)
        if both is not None:  # "14 (8 miễn sinh hoạt, 5 mới kết nạp)": the reasons make 13
            parts = [getattr(both[1], key) for key in NOT_RATED if getattr(both[1], key)]
            f.problem("E203", path, _("{key} says {total} in all, but its reasons add up to {sum} ({parts}); "
                                      "correct the count in all or the reasons").format(
                key=dotted(path), total=number(both[0]), sum=number(sum(parts)),
                parts=" + ".join(number(n) for n in parts)))
            return NotRated(), False
    if count is not None:  # "không xếp loại: 2": the page says why
        f.problem("E203", path, _("{key} is {count}, a number; give the reason with it, e.g. `{leaf}: {{exempt: "
                                  "{count}}}`: exempt (miễn công tác và sinh hoạt đảng), suspended (đình chỉ sinh "
                                  "hoạt đảng), new (mới kết nạp chưa đủ 6 tháng) or pending (another reason, "
                                  "said in note)").format(key=dotted(path), count=count, leaf=path[-1]))
        return NotRated(), False
    aliases = _aliases(given, _NOT_RATED_KEY_SET, not_rated_key_id)
    value = f.mapping(path, NOT_RATED_KEYS, also=aliases)
    if not value:
        return NotRated(), value is not None or f.get(path) is None
    if _written_keys(f, path, value, aliases) is None:
        return NotRated(), False
    numbers, note = {}, ""
    ok = True
    for key in value:
        meant = aliases.get(key, key)
        if meant == "note":
            note = f.text(path + (key,)) or ""
        elif meant in NOT_RATED and value[key] is not None:
            counted = f.integer(path + (key,), maximum=MAX_COUNT)
            ok = ok and counted is not None
            numbers[meant] = counted or 0
    return NotRated(**numbers, note=note), ok


# One reason of a `not_rated` written as a report writes it: the count first ("01 đồng
# chí được miễn công tác và sinh hoạt đảng") or after the words ("mới kết nạp: 2").
_COUNT_FIRST = re.compile(r"(\d{1,7})\s*(?:" + WHO + r")?\s*(?:(?:do|vì|là)\s+)?(.*)", re.I)
_COUNT_LAST = re.compile(r"(.*?)\s*[:\-–]?\s*(\d{1,7})\s*(?:" + WHO + r")?", re.I)
# Reasons are apart at ";", "," or "và" before a count: "miễn công tác và sinh hoạt" is one.
_APART = re.compile(r"\s*(?:[;,+]|\s(?:và|va)\s+(?=\d))\s*")


# How many in all, then the reasons: "14 (8 miễn sinh hoạt, 5 mới kết nạp, 1 lý do khác)",
# "3 đồng chí, trong đó: 2 miễn sinh hoạt, 1 mới kết nạp".
_TOTAL_FIRST = re.compile(r"\s*(\d{1,7})\s*(?:" + WHO + r")?\s*(?:\((.+)\)|(?::|,?\s*(?:trong đó|gồm(?: có)?)\s*:?)"
                          r"\s*(.+?))\s*\.?\s*", re.I)


def not_rated_total(text) -> tuple[int, NotRated] | None:
    """(the count in all, the reasons) of a `not_rated` written with both; None otherwise."""
    found = _TOTAL_FIRST.fullmatch(text) if isinstance(text, str) else None
    parts = _reasons(found[2] or found[3]) if found else None
    return (int(found[1], 10), parts) if parts is not None else None


def not_rated_in_words(text: str) -> NotRated | None:
    """`not_rated` written as a sentence: each count with its reason, a reason not among
    the four counted as another one (pending) with its words as the note, perhaps after
    the count in all, which must be their sum; None when a part is not a count with
    words ("1 đồng chí" says no reason)."""
    both = not_rated_total(text)
    if both is not None:
        return both[1] if sum(getattr(both[1], key) for key in NOT_RATED) == both[0] else None
    return _reasons(text)


def _reasons(text: str) -> NotRated | None:
    numbers = dict.fromkeys(NOT_RATED, 0)
    notes = []
    for part in filter(None, _APART.split(text.strip().rstrip("."))):
        if (first := _COUNT_FIRST.fullmatch(part)) is not None:
            count, words = first[1], first[2].strip()
        elif (last := _COUNT_LAST.fullmatch(part)) is not None:
            count, words = last[2], last[1].strip()
        elif notes:  # "2 đồng chí đi làm ăn xa, ốm đau": one reason goes on
            notes[-1] += ", " + part
            continue
        else:
            return None
        if not words or words.count("(") != words.count(")"):  # "(8 miễn…" is not a reason
            return None
        reason = not_rated_key_id(words)
        if reason not in NOT_RATED:
            reason = "pending"
            notes.append(words)
        numbers[reason] += int(count)
    return NotRated(**numbers, note="; ".join(notes)) if any(numbers.values()) else None
