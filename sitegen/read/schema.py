"""Front matter -> typed Post (sections 2, 3 and 5), with every problem positioned.

Pure: takes a Source, returns (Post or None, problems). Checks that need arithmetic
across fields or files live in rules.py.
"""
from __future__ import annotations

import hashlib
import re

from sitegen import vi
from sitegen.lang import N_, _, number
from sitegen.read import choices, urls
from sitegen.read.bodytext import first_paragraph
from sitegen.read.citing import read_basis, read_people
from sitegen.read.countgroup import MAX_COUNT, STATUSES, STATUSES_SHOWN, not_rated_key_id, read_group
from sitegen.read.fields import Fields, dotted, suggest
from sitegen.read.levels import level_id, names_tot_or_better
from sitegen.read.model import (BODIES, GROUPS, LEVELS, Attendance, Meeting, Photo, Post, Results, UnitRating,
                                Votes, regime_for_year, review_year_of)
from sitegen.read.sources import Source
from sitegen.read.written import absent_disagreeing, read_share, read_year, split_tags


POST_KEYS = ("title", "date", "slug", "unit", "author", "summary", "tags", "draft",
             "cover", "photos", "extra")
MEETING_KEYS = ("review_year", "meeting_date", "period", "regime", "basis", "presiding",
                "guests", "attendance", "results")
ALL_POST_KEYS = POST_KEYS + MEETING_KEYS
RESULTS_KEYS = ("status", "unit") + GROUPS
RATING_KEYS = ("level", "votes", "score", "honors")
HONORS = ("tieu_bieu",)
# The map each key of a post belongs in, named to whoever writes it in another (`votes`
# beside `attendance`, `review_year` indented under `results`). Keys at home in several
# maps (`unit`, `members`, `total`) are left to "did you mean"; `status` is sent to the
# results, where a group's own status is rare.
POST_HOMES = {
    **{key: () for key in ALL_POST_KEYS if key != "unit"},
    **{key: ("results", "unit") for key in RATING_KEYS},
    **{key: ("results",) for key in GROUPS if key != "members"},
    **{key: ("results", "members") for key in LEVELS + ("not_rated", "tieu_bieu", "tot_or_better", "outstanding")},
    "agree": ("results", "unit", "votes"), "present": ("attendance",), "status": ("results",),
}


def _post_home(key, path: tuple) -> tuple | None:
    """A reason not to rate written beside a group's levels (`miễn sinh hoạt: 1`, as a
    report's columns stand) belongs under that group's `not_rated`."""
    if len(path) == 2 and path[0] == "results" and path[1] in GROUPS and not_rated_key_id(key):
        return path + ("not_rated",)
    return None


# Each tag is a page listing its posts: a handful of short topics, never thousands
# (one post repeating a tag 200,000 times once took a build to 22 GB).
MAX_TAGS = 30
MAX_TAG_LENGTH = 80

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_STATUS_WORDS = {"proposed": "proposed (đề nghị)", "approved": "approved (đã được công nhận)"}


def read_post(source: Source) -> tuple[Post | None, list]:
    f = Fields(source.doc, source.rel, POST_HOMES, _post_home)
    top = source.doc.value
    if top is None:
        top = {}
    if not isinstance(top, dict):
        f.problem("E203", (), _("the front matter must be a map of keys (title: ..., date: ...), but it is {value}").format(
            value=_("a list") if isinstance(top, list) else _("a single value")))
        return None, f.problems
    is_page = source.kind == "page"
    if is_page:
        for key in top:
            if key in MEETING_KEYS:
                f.problem("E202", (key,), _("`{key}` belongs to meeting posts, not to a page; move "
                                            "the file to content/posts/ or remove the key").format(key=key), key=True)
    if top:  # an empty front matter is only the keys it lacks (E201), not also a wrong type
        f.mapping((), ALL_POST_KEYS)

    title = f.text(("title",), required=True, what=N_("; add a line such as `title: Hội nghị kiểm điểm năm 2024`"))
    date = f.date(("date",), required=not is_page)
    slug = _slug(f, title)
    unit = f.text(("unit",))
    meeting = None
    if not is_page and "results" in top:
        if unit is None and not f.has(("unit",)) and ("unit",) not in f.misspelt:
            f.problem("E201", ("results",), _("a meeting post needs `unit`: the id of the unit from "
                                              "content/units.yaml"), key=True)
        meeting = _meeting(f, top, date)
    elif not is_page:
        present = [k for k in MEETING_KEYS if k in top]
        if present:
            f.problem("E201", (present[0],), _("`{key}` is meeting data but the post has no "
                                               "`results`; add the results, or remove the meeting keys").format(
                key=present[0]), key=True)
    summary = (f.text(("summary",)) or "") if "summary" in top else ""
    body = source.body
    post = Post(
        rel=source.rel, kind=source.kind, title=title or "", date=date, slug=slug, unit=unit,
        author=(f.text(("author",)) or "") if "author" in top else "",
        summary=summary,
        tags=_tags(f) if "tags" in top else (),
        draft=f.boolean(("draft",)) if "draft" in top else False,
        cover=f.text(("cover",)) if "cover" in top else None,
        photos=_photos(f) if "photos" in top else (),
        extra=top.get("extra"), meeting=meeting,
        body_digest=hashlib.sha1(body.encode("utf-8")).digest() if body else b"",
        lead=first_paragraph(body) if body and not summary else "",
        body_line=source.body_line, doc=source.doc)
    return post, f.problems


def _slug(f: Fields, title: str | None) -> str:
    given = f.text(("slug",))
    if given is not None:
        if len(given) > vi.MAX_SLUG:
            f.problem("E203", ("slug",), _("slug is {length} characters long; at most {most}, "
                                           "as it becomes a folder name; shorten it").format(
                length=len(given), most=vi.MAX_SLUG))
            return vi.slugify(given) or "bai-viet"
        if _SLUG_RE.match(given):
            return given
        f.problem("E203", ("slug",), _("slug '{slug}' must be lower-case letters a-z, digits "
                                       "and single dashes; use '{better}'").format(
            slug=given, better=vi.slugify(given) or "bai-viet"))
        return vi.slugify(given) or "bai-viet"
    return vi.slugify(title or "") or "bai-viet"


def _tags(f: Fields) -> tuple:
    """The post's tags, each once: spellings that make the same tag page (case, tones)
    are one tag (W508 for the repeat); too many or too long is E203."""
    paths = f.items(("tags",), allow_single=True)
    written = f.get(paths[0]) if paths else None
    if paths == [("tags",)] and isinstance(written, str) and "," in written:  # tags: Kiểm điểm, Tổng hợp
        paths = [(("tags",), tag) for tag in split_tags(written)]
    else:
        paths = [(path, None) for path in paths]
    if len(paths) > MAX_TAGS:
        f.problem("E203", ("tags",), _("tags lists {count} tags, more than the {most} allowed; "
                                       "each tag makes a page of its own: keep the few topics that matter").format(
            count=len(paths), most=MAX_TAGS), key=True)
        return ()
    out, seen = [], {}
    for path, text in paths:
        text = text or f.text(path)
        if not text:
            continue
        if len(text) > MAX_TAG_LENGTH:
            f.problem("E203", path, _("this tag is {length} characters long, more than the "
                                      "{most} allowed; a tag names a topic in a few words").format(
                length=len(text), most=MAX_TAG_LENGTH))
            continue
        slug = urls.tag_slug(text)
        if slug in seen:
            f.problem("W508", path, _("the tag '{tag}' repeats '{first}' (they make the same tag "
                                      "page); it is kept once: remove the repeat").format(tag=text, first=seen[slug]))
            continue
        seen[slug] = text
        out.append(text)
    return tuple(out)


def _photos(f: Fields) -> tuple:
    out = []
    for path in f.items(("photos",)):
        if isinstance(f.get(path), str):
            src, where = f.text(path), path
        elif f.mapping(path, ("src", "caption", "credit"), required=("src",)) is None:
            continue
        else:
            src, where = f.text(path + ("src",)), path + ("src",)
        if not src:
            f.problem("E203", where, _("{key} names no photo; write the photo's file name "
                                       "(e.g. anh/hoi-nghi.jpg), or remove this entry").format(key=dotted(where)))
            continue
        if where == path:
            out.append(Photo(src=src))
        else:
            out.append(Photo(src, f.text(path + ("caption",)) or "", f.text(path + ("credit",)) or ""))
    return tuple(out)


def _meeting(f: Fields, top: dict, date) -> Meeting | None:
    review_year = read_year(top.get("review_year"))  # "năm 2025"
    if review_year is None or not 1930 <= review_year <= 2200:
        review_year = f.integer(("review_year",), minimum=1930, maximum=2200, what=N_("a year"))
    meeting_date = (f.date(("meeting_date",)) if "meeting_date" in top else None) or date
    period = "year"
    if "period" in top:
        typed = f.text(("period",)) or "year"
        period = choices.period_id(typed)
        both = choices.period_with_year(typed) if period is None else None  # "cả năm 2025", "quý IV/2025"
        if both and review_year is not None and both[1] != review_year:
            f.problem("E203", ("period",), _("period '{period}' names the year {year}, but review_year is "
                                             "{review_year}; write the period alone ({id}) and the year in "
                                             "review_year").format(period=typed, year=both[1],
                                                                   review_year=review_year, id=both[0]))
            period = "year"
        elif both:
            period = both[0]
        if period is None:
            f.problem("E203", ("period",), _("period is '{period}'; it must be year (cả năm), term (nhiệm "
                                             "kỳ, or term:2020-2025) or quarter:N with N from 1 to 4 "
                                             "(quý I to quý IV)").format(period=typed))
            period = "year"
    regime = _regime(f, review_year) if "regime" in top else regime_for_year(review_year or 2025)
    attendance = None
    if (share := read_share(top.get("attendance"), "attendance")) is not None:  # attendance: 28/30
        attendance = Attendance(share[1], share[0], "dang_vien")
    elif (off := absent_disagreeing(top.get("attendance"))) is not None:  # 28/30, vắng 3
        f.problem("E203", ("attendance",), _(
            "attendance says {present} present of {members} and {absent} absent, but {members} − {present} "
            "is {difference}; correct the count present, the members or those absent").format(
            present=number(off[0]), members=number(off[1]), absent=number(off[2]), difference=number(off[1] - off[0])))
    elif "attendance" in top and f.mapping(("attendance",), ("body", "members", "present"), share=("28/30", N_("present of members"))) is not None:
        attendance = Attendance(f.integer(("attendance", "members"), maximum=MAX_COUNT),
                                f.integer(("attendance", "present"), maximum=MAX_COUNT),
                                _body(f) if f.has(("attendance", "body")) else "dang_vien")
    results = _results(f)
    # After the maps are read: `review_year` indented under one of them is told to move, not missing.
    if review_year is None and "review_year" not in top and ("review_year",) not in f.misspelt:
        if meeting_date is None:
            f.problem("E201", ("results",), _("a meeting post needs `review_year`: the year being "
                                              "reviewed, e.g. `review_year: 2024`"), key=True)
        else:  # not guessed, but offered: a meeting in January reviews the year before
            f.problem("E201", ("results",), _("a meeting post needs `review_year`: the year being reviewed; a "
                                              "meeting on {day} most likely reviews {year}: `review_year: {year}`").format(
                day=meeting_date.strftime("%d/%m/%Y"), year=review_year_of(meeting_date)), key=True)
    basis = read_basis(f) if "basis" in top else ()
    # QĐ is Quyết định or Quy định, but the regulation the review is held under is known:
    # "124-QĐ/TW" cited by a 2024 review is Quy định 124-QĐ/TW.
    basis = tuple(d._replace(kind="Quy định") if not d.kind and d.number == f"{regime}-QĐ/TW" else d for d in basis)
    presiding = read_people(f, "presiding") if "presiding" in top else ()
    guests = read_people(f, "guests") if "guests" in top else ()
    if review_year is None or meeting_date is None or results is None:
        return None
    return Meeting(review_year, meeting_date, period, regime, basis, presiding, guests,
                   attendance, results)


_BODY_NAMES = {"dang_vien": "dang_vien", "dang_vien_chi_bo": "dang_vien", "chi_bo": "dang_vien",
               "dang_bo": "dang_vien", "toan_the_dang_vien": "dang_vien", "chi_uy": "chi_uy",
               "ban_chap_hanh": "ban_chap_hanh", "bch": "ban_chap_hanh", "dang_uy": "ban_chap_hanh",
               "cap_uy": "ban_chap_hanh", "ban_thuong_vu": "ban_thuong_vu", "btv": "ban_thuong_vu"}


def _body(f: Fields) -> str:
    """Which body met: an id of BODIES, or its name as written ("Ban Chấp hành")."""
    typed = f.text(("attendance", "body")) or ""
    named = _BODY_NAMES.get(vi.slugify(typed).replace("-", "_"))
    if named is None:
        f.problem("E203", ("attendance", "body"), _("attendance.body is '{body}'; it names who met: one of "
                                                    "{bodies}").format(body=typed, bodies=", ".join(BODIES)))
        return "dang_vien"
    return named


def _regime(f: Fields, review_year: int | None) -> str:
    typed = f.text(("regime",))
    if typed is not None:
        number = choices.regime_number(typed)
        if number:
            return number
        f.problem("E203", ("regime",), _("regime is '{regime}'; it must name 132-QĐ/TW, "
                                         "124-QĐ/TW or 366-QĐ/TW").format(regime=typed))
    return regime_for_year(review_year or 2025)


def _results(f: Fields) -> Results | None:
    base = ("results",)
    value = f.mapping(base, RESULTS_KEYS)
    if value is None:
        if f.get(base) is None:
            f.problem("E203", base, _("results is empty; give the unit's rating (`unit: {{level: tot}}`) "
                                      "and/or the members' counts").format(), key=True)
        return None
    if not any(k in value or base + (k,) in f.misspelt for k in ("unit",) + GROUPS):
        f.problem("E201", base, _("results needs `unit` (the unit's own rating) or a count group "
                                  "({groups})").format(groups=", ".join(GROUPS)), key=True)
    status = f.choice(base + ("status",), STATUSES, default="proposed", read=choices.status_id,
                      shown=_(STATUSES_SHOWN))
    given = status if "status" in value else None
    rating, said = _rating(f, given) if "unit" in value else (None, None)
    status = given or said or status  # the level's "(đã được công nhận)" when no `status` is given
    groups = tuple(g for g in (read_group(f, name) for name in GROUPS if name in value) if g is not None)
    return Results(status, rating, groups)


def _rating(f: Fields, status: str | None) -> tuple[UnitRating | None, str | None]:
    """(the unit's rating, the status its level is written with, if any); `status` is the
    post's own, None when it gives none."""
    base = ("results", "unit")
    if f.mapping(base, RATING_KEYS, required=("level",)) is None:
        return None, None
    level = f.text(base + ("level",))
    said = None
    if level is not None and level not in LEVELS and not level_id(level) and (
            both := choices.level_with_status(level)):
        said = both[1]
        if status not in (None, said):
            f.problem("E203", base + ("level",), _("level '{level}' says the rating is {said}, but results.status "
                                                   "is {status}; write the level alone ({id}) and the status in "
                                                   "`status`").format(level=level, said=_STATUS_WORDS[said],
                                                                      status=_STATUS_WORDS[status], id=both[0]))
            return None, None
        level = both[0]
    if level is not None and level not in LEVELS and level_id(level):
        level = level_id(level)  # "Hoàn thành tốt nhiệm vụ", as on the paper
    if level is not None and level not in LEVELS:
        hint = (_("; \"trở lên\" counts several levels together, and a unit is rated at one: most likely tot")
                if names_tot_or_better(level) else suggest(level, LEVELS))
        f.problem("E203", base + ("level",), _("level '{level}' is not a level id; use one of "
                                               "{levels}{hint}").format(
            level=level, levels=", ".join(LEVELS), hint=hint))
        return None, None
    value = f.get(base)
    votes = None
    if (share := read_share(value.get("votes"), "votes")) is not None:  # votes: 28/28
        votes = Votes(*share)
    elif "votes" in value and f.mapping(base + ("votes",), ("agree", "of"), required=("agree", "of"),
                                        share=("28/28", N_("agreeing of voting"))) is not None:
        given = value["votes"]
        agree, of = given.get("agree"), given.get("of")
        if not f.plain_count(agree, MAX_COUNT):
            agree = f.integer(base + ("votes", "agree"), maximum=MAX_COUNT)
        if not f.plain_count(of, MAX_COUNT):
            of = f.integer(base + ("votes", "of"), maximum=MAX_COUNT)
        if agree is not None and of is not None:
            votes = Votes(agree, of)
    score = f.number(base + ("score",), 0, 100) if "score" in value else None
    honors = []
    for path in (f.items(base + ("honors",), allow_single=True) if "honors" in value else ()):
        honor = f.text(path)
        honor = choices.honor_id(honor) or honor
        if honor not in HONORS:
            f.problem("E203", path, _("honor '{honor}' is unknown; the only one is tieu_bieu").format(honor=honor))
        else:
            honors.append(honor)
    return (UnitRating(level, votes, score, tuple(honors)) if level else None), said
