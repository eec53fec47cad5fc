"""The typed, immutable model of a site: named tuples only.

Named tuples rather than frozen dataclasses: a site of 10,000 posts makes and saves
(build memo) and reloads some 100,000 of them, and a named tuple is made ~1.7x and
unpickled ~2.5x faster (a frozen slotted dataclass sets each field through
object.__setattr__ and pickles through Python-level state methods)."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sitegen.read.yamlpos import Doc


LEVELS = ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh")
GROUPS = ("members", "organizations", "leadership", "leaders")
NOT_RATED = ("exempt", "suspended", "new", "pending")


def review_year_of(day) -> int:
    """The year a meeting on `day` most likely reviews: the year before in its first
    quarter (reviews run from December into March), else its own."""
    return day.year - 1 if day.month <= 3 else day.year


def regime_for_year(review_year: int) -> str:
    """The regulation in force for a review year (section 6)."""
    if review_year <= 2022:
        return "132"
    if review_year <= 2024:
        return "124"
    return "366"


class NotRated(NamedTuple):
    exempt: int = 0
    suspended: int = 0
    new: int = 0
    pending: int = 0
    note: str = ""

    @property
    def total(self) -> int:
        return self.exempt + self.suspended + self.new + self.pending


class CountGroup(NamedTuple):
    name: str                 # members | organizations | leadership | leaders
    total: int
    not_rated: NotRated
    counts: tuple             # one count per id in LEVELS
    tieu_bieu: int | None = None
    outstanding: bool = False
    status: str | None = None  # proposed | approved; None: the post's `results.status`
    # Rated, but below "tốt trở lên" not split into hoàn thành / không hoàn thành: a post
    # that gives only `tot_or_better`, as articles often do. Their counts stay 0 and are
    # shown as unknown, never as "không có ... không hoàn thành".
    unsplit: int = 0
    # How many of `total` were disciplined (bị thi hành kỷ luật) during the year; None:
    # the post does not say.
    disciplined: int | None = None

    @property
    def rated(self) -> int:
        return self.total - self.not_rated.total

    @property
    def known_counts(self) -> tuple:
        """counts, with None for the levels the post did not give."""
        return self.counts if not self.unsplit else self.counts[:2] + (None, None)

    def count(self, level: str) -> int:
        return self.counts[LEVELS.index(level)]


class Votes(NamedTuple):
    agree: int
    of: int


def sum_levels(rows) -> tuple:
    """Counts by level added up over `rows` (tuples in LEVELS order); a level some row
    does not give (None) has no sum: a total of what is known would mislead."""
    rows = list(rows)
    return tuple(None if any(row[i] is None for row in rows) else sum(row[i] for row in rows)
                 for i in range(len(LEVELS)))


def sum_given(values) -> int | None:
    """The sum of counts that every row gives; None when one does not (a sum of some would
    read as the whole)."""
    values = list(values)
    return None if None in values else sum(values)


class UnitRating(NamedTuple):
    level: str
    votes: Votes | None = None
    score: float | None = None
    honors: tuple = ()


class Results(NamedTuple):
    status: str               # proposed | approved
    unit: UnitRating | None
    groups: tuple             # CountGroup values in GROUPS order, present ones only

    def group(self, name: str) -> CountGroup | None:
        return next((g for g in self.groups if g.name == name), None)


class Document(NamedTuple):
    number: str               # canonical display form
    typed: str                # as the user typed it
    shape: str                # 'party', 'state' or 'other'
    date: dt.date | None = None
    issuer: str = ""
    subject: str = ""
    kind: str = ""            # its type as written before "số": Kế hoạch, Hướng dẫn... ('' if unknown)


class Person(NamedTuple):
    name: str
    position: str = ""


# Which body met: the unit's party members, or one of its committees. `attendance`
# counts that body; only a meeting of the members counts the unit's membership.
BODIES = ("dang_vien", "chi_uy", "ban_chap_hanh", "ban_thuong_vu")


class Attendance(NamedTuple):
    members: int | None
    present: int | None
    body: str = "dang_vien"


class Meeting(NamedTuple):
    review_year: int
    meeting_date: dt.datetime
    period: str               # year | term | term:YYYY-YYYY | quarter:N
    regime: str               # 132 | 124 | 366
    basis: tuple = ()
    presiding: tuple = ()
    guests: tuple = ()
    attendance: Attendance | None = None
    results: Results | None = None


class Photo(NamedTuple):
    src: str
    caption: str = ""
    credit: str = ""


class Post(NamedTuple):
    rel: str                  # source path from the site root
    kind: str                 # post | page
    title: str
    date: dt.datetime | None
    slug: str
    unit: str | None
    author: str = ""
    summary: str = ""
    tags: tuple = ()
    draft: bool = False
    cover: str | None = None
    photos: tuple = ()
    extra: object = None
    meeting: Meeting | None = None
    # The body itself is not kept (10,000 bodies are ~60 MB in memory): whoever needs it
    # reads it again (sources.read_body), after checking it against this digest.
    body_digest: bytes = b""  # SHA-1 of the body as UTF-8, after NFC
    lead: str = ""            # the body's first paragraph, plain: the summary when none is given
    body_line: int = 1
    doc: Doc = None           # positions, for later checks

    @property
    def folder(self) -> str:
        return self.rel.rsplit("/", 1)[0]


class ParentLink(NamedTuple):
    id: str
    start: dt.date | None = None   # inclusive; None = always
    until: dt.date | None = None   # inclusive; None = still


class Unit(NamedTuple):
    id: str
    name: str
    kind: str                 # units.KINDS
    parents: tuple = ()       # ParentLink values
    former_names: tuple = ()
    index: int = 0            # position in units.yaml, for positions in problems
    # The body that leads it and meets, when it has one (Đảng ủy xã for the Đảng bộ xã):
    # the organisation is rated, its committee is what units are "trực thuộc".
    committee: str = ""

    def parent_on(self, day: dt.date) -> str | None:
        for link in self.parents:
            if (link.start is None or link.start <= day) and (link.until is None or day <= link.until):
                return link.id
        return None


class Quota(NamedTuple):
    percent: int = 20
    base: str = "tot"              # tot | tot_or_better
    outstanding_percent: int = 25


# The columns `sitegen report` may write (publish/report.py names them), in order.
REPORT_COLUMNS = (("id", "unit", "parent", "kind", "level", "total", "rated")
                  + tuple(c for level in LEVELS for c in (level, level + "_percent"))
                  + ("tot_or_better", "tot_or_better_percent")
                  + tuple("not_rated_" + reason for reason in NOT_RATED) + ("disciplined",))


class Rules(NamedTuple):
    """The rules of the guidance a site checks (docs/rules.md): on, off, or stricter.
    A percent is the least share at "Hoàn thành tốt nhiệm vụ" or better; None is off."""
    quota: bool = True                  # W501
    xuat_sac_unit: int | None = 80      # W511 (21-HD/BTCTW)
    tot_unit: int | None = 50           # W512 (21-HD/BTCTW)
    discipline: bool = True             # W514, W515, W516


ENCODER_VERSION = "3"   # bump when photo encoding changes, so cached derivatives are redone


class ImageSettings(NamedTuple):
    widths: tuple = (480, 960, 1600)
    quality: int = 82
    webp: bool = True

    def key(self) -> bytes:
        return f"{ENCODER_VERSION}|{self.widths}|{self.quality}|{self.webp}".encode()


class DeployTarget(NamedTuple):
    """Where `sitegen deploy` publishes (site.yaml `deploy:`). Never holds a password."""
    name: str
    url: str                  # ftp://, ftps://, sftp://, file:// or a folder path
    password_env: str = "SITEGEN_DEPLOY_PASSWORD"
    host_key: str = ""        # sftp: the server key's SHA256 fingerprint, if pinned here


class SiteConfig(NamedTuple):
    title: str
    base_url: str = "/"
    language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    posts_per_page: int = 10
    quota: Quota = Quota()
    rules: Rules = Rules()
    # `report: {columns: [...], leaders: [...]}`: ((group or "" for every sheet, columns), ...)
    report_columns: tuple = (("", REPORT_COLUMNS),)

    def columns_of(self, group: str) -> tuple:
        """The columns of the report's sheet of `group`."""
        chosen = dict(self.report_columns)
        return chosen.get(group) or chosen[""]
    two_digit_counts: bool = True
    description: str = ""
    logo: str = ""               # an image in assets/ shown beside the site's name
    banner: str = ""             # an image in assets/ shown across the top of every page
    images: ImageSettings = ImageSettings()
    trust_html: bool = False     # keep raw HTML in Markdown as written (else sanitised)
    deploy: tuple = ()           # DeployTarget, in file order
    markdown_extensions: tuple = ()  # (name, ((option, value), ...)) the site adds
    extra: object = None


class Site(NamedTuple):
    root: str
    config: SiteConfig
    units: dict                    # id -> Unit, in file order
    posts: tuple                   # Post values (posts and pages), sorted by path


class PostFacts(NamedTuple):
    """What the checks across documents need of one post: small, cheap to send between
    processes (a named tuple pickles as a tuple; a dataclass through Python-level state
    methods). `marks` holds the positions of the keys those checks point at."""
    rel: str
    kind: str
    url: str | None
    unit: str | None
    review_year: int | None = None
    period: str = "year"
    meeting_day: dt.date | None = None
    level: str | None = None
    organizations: CountGroup | None = None
    marks: tuple = ()          # ((path, (line, column)), ...)
    regime: str = ""
    members: CountGroup | None = None
    published: dt.date | None = None  # the day a post (not a draft) is dated

    def at(self, path) -> tuple | None:
        path = tuple(path)
        return next((pos for p, pos in self.marks if p == path), None)
