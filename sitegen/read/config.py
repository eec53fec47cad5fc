"""site.yaml -> SiteConfig (section 6), every problem collected."""
from __future__ import annotations

import re

from sitegen import vi
from sitegen.lang import N_, _
from sitegen.read import choices
from sitegen.read.fields import Fields
from sitegen.read.model import GROUPS, REPORT_COLUMNS, DeployTarget, ImageSettings, Quota, Rules, SiteConfig
from sitegen.read.written import read_percent
from sitegen.read.yamlpos import Doc


SITE_KEYS = ("title", "base_url", "language", "timezone", "posts_per_page", "quota", "rules", "report",
             "two_digit_counts", "description", "images", "trust_html", "deploy",
             "markdown_extensions", "logo", "banner", "extra")
DEPLOY_KEYS = ("url", "password_env", "host_key")
DEPLOY_SCHEMES = ("ftp://", "ftps://", "sftp://", "file://")
IMAGE_KEYS = ("widths", "quality", "webp")
QUOTA_KEYS = ("percent", "base", "outstanding_percent")
RULE_KEYS = ("quota", "xuat_sac_unit", "tot_unit", "discipline")
REL = "site.yaml"


def read_config(doc: Doc) -> tuple[SiteConfig | None, list]:
    f = Fields(doc, REL)
    if not isinstance(doc.value, dict):
        f.problem("E203", (), _("site.yaml must be a map of keys (title: ..., base_url: ...)"))
        return None, f.problems
    f.mapping((), SITE_KEYS)
    title = f.text(("title",), required=True, what=N_("; add `title: <the unit's name>`"))
    base_url = f.text(("base_url",)) or "/"
    if not (base_url.startswith(("http://", "https://", "/"))):
        host = base_url.split("/", 1)[0]
        # An address as a browser's bar shows it (ten-truong.edu.vn/tin-dang): its https:// form.
        meant = "https://" + base_url.rstrip("/") + "/" if "." in host and " " not in base_url else None
        f.problem("E203", ("base_url",), _("base_url '{url}' must start with https://, http:// or /").format(
            url=base_url) + (_("; write base_url: {meant}").format(meant=meant) if meant else ""))
    if not base_url.endswith("/"):
        base_url += "/"
    quota = Quota()
    only = f.get(("quota",))
    if type(only) is int and 0 <= only <= 100 or read_percent(only) is not None:  # `quota: 20%`: its percent
        quota = Quota(percent=only if type(only) is int else read_percent(only))
    elif f.mapping(("quota",), QUOTA_KEYS) is not None:
        quota = Quota(
            percent=_or(_percent(f, ("quota", "percent")), 20),
            base=f.choice(("quota", "base"), ("tot", "tot_or_better"), default="tot", read=choices.quota_base_id,
                          shown=_("tot (hoàn thành tốt nhiệm vụ) or tot_or_better (tốt trở lên)")),
            outstanding_percent=_or(_percent(f, ("quota", "outstanding_percent")), 25))
    config = SiteConfig(
        title=title or "",
        base_url=base_url,
        language=f.text(("language",)) or "vi",
        timezone=_timezone(f),
        posts_per_page=_or(f.integer(("posts_per_page",), minimum=1, maximum=1000), 10),
        quota=quota,
        rules=_rules(f),
        report_columns=_report_columns(f),
        two_digit_counts=f.boolean(("two_digit_counts",), default=True),
        description=f.text(("description",)) or "",
        logo=_asset_image(f, "logo"),
        banner=_asset_image(f, "banner"),
        images=_images(f),
        trust_html=f.boolean(("trust_html",), default=False),
        deploy=_deploy(f),
        markdown_extensions=_markdown_extensions(f),
        extra=doc.value.get("extra"),
    )
    return config, f.problems


def _report_columns(f: Fields) -> tuple:
    """`report: {columns: [id, unit, total, ...], leaders: [...]}`: the columns of
    `sitegen report`, for every sheet or (under a group's name) for one sheet, as each
    province's form differs. ((group or "", columns), ...), "" for every sheet."""
    if f.mapping(("report",), ("columns",) + GROUPS) is None:
        return (("", REPORT_COLUMNS),)
    out = []
    for key in ("columns",) + GROUPS:
        if f.get(("report", key)) is None:
            continue
        chosen = []
        for path in f.items(("report", key)):
            name = f.text(path)
            if name not in REPORT_COLUMNS:
                f.problem("E203", path, _("'{name}' is not a column of the report; the columns are: {known}").format(
                    name=name, known=", ".join(REPORT_COLUMNS)))
            else:
                chosen.append(name)
        if chosen:
            out.append(("" if key == "columns" else key, tuple(chosen)))
    if not any(group == "" for group, _c in out):
        out.insert(0, ("", REPORT_COLUMNS))
    return tuple(out)


def _rules(f: Fields) -> Rules:
    """`rules:` switches each rule of the guidance off (false) or makes a criterion
    stricter (a higher percent); docs/rules.md."""
    if f.mapping(("rules",), RULE_KEYS) is None:
        return Rules()
    given = f.get(("rules",))
    default = Rules()
    values = {key: f.boolean(("rules", key), default=True) if key in given else True
              for key in ("quota", "discipline")}
    for key in ("xuat_sac_unit", "tot_unit"):
        value = given.get(key, getattr(default, key))
        if value is False:
            values[key] = None
        elif value is True or key not in given:
            values[key] = getattr(default, key)
        else:
            values[key] = f.integer(("rules", key), minimum=1, maximum=100, what=N_("a percent, or false"))
    return Rules(**values)


def _markdown_extensions(f: Fields) -> tuple:
    """Python-Markdown extensions the site adds, as MkDocs takes them: a list of names,
    each optionally a map of one name to its options. Only installed extensions."""
    known = None
    out = []
    for path in f.items(("markdown_extensions",)):
        value = f.get(path)
        if isinstance(value, dict) and len(value) == 1:
            name, options = next(iter(value.items()))
            options = options or {}
        else:
            name, options = value, {}
        if not isinstance(name, str) or not isinstance(options, dict):
            f.problem("E203", path, _("each Markdown extension is a name, or a name with its options "
                                      "(e.g. `- toc: {{permalink: true}}`)").format())
            continue
        known = installed_extensions() if known is None else known
        if name not in known:
            f.problem("E203", path, _("'{name}' is not an installed Markdown extension; installed: {known}").format(
                name=name, known=", ".join(sorted(known))))
            continue
        out.append((name, tuple(sorted((str(k), _hashable(v)) for k, v in options.items()))))
    return tuple(out)


def installed_extensions() -> frozenset:
    """Names of the Python-Markdown extensions installed, as site.yaml may name them:
    those registered with Python-Markdown (its own, and packages' that register) and the
    modules of pymdown-extensions (`pymdownx.details`), which go by their module name."""
    import pkgutil
    from importlib.metadata import entry_points

    import pymdownx
    names = {ep.name for ep in entry_points(group="markdown.extensions")}
    names.update(f"pymdownx.{m.name}" for m in pkgutil.iter_modules(pymdownx.__path__)
                 if not m.name.startswith("_") and not m.ispkg and m.name not in _READS_FILES
                 and not m.name.endswith("_db"))
    return frozenset(names)


# Extensions that put other files into a page (snippets, images as data, rewritten
# paths): a post could publish any file the computer holds. Never offered.
_READS_FILES = frozenset({"snippets", "b64", "pathconverter"})


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _hashable(v)) for k, v in value.items()))
    return value


_VIETNAM_TIME = frozenset((
    "vietnam", "giovietnam", "hanoi", "giohanoi", "hochiminh", "saigon", "ict", "+7", "+07", "+07:00",
    *(f"{utc}{offset}" for utc in ("gmt", "utc") for offset in ("+7", "+07", "+07:00", "+7:00"))))


def _timezone(f: Fields) -> str:
    """The site's time zone, checked against the system's database (on Windows, the tzdata
    package); a name it does not know would silently become Vietnam's offset."""
    zone = f.text(("timezone",)) or "Asia/Ho_Chi_Minh"
    if vi.fold(zone).replace(" ", "").replace("(", "").replace(")", "") in _VIETNAM_TIME:
        return "Asia/Ho_Chi_Minh"  # "giờ Việt Nam", "GMT+7", as a clerk names it
    from zoneinfo import ZoneInfo
    try:
        ZoneInfo(zone)
    except (ValueError, KeyError, OSError):  # not found is a KeyError, a malformed name ValueError
        try:
            ZoneInfo("UTC")
        except (ValueError, KeyError, OSError):
            return zone  # no database at all: nothing to check against
        f.problem("E203", ("timezone",), _("unknown time zone '{zone}'; Vietnam's is Asia/Ho_Chi_Minh").format(zone=zone))
    return zone


IDENTITY_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg")


def _asset_image(f: Fields, key: str) -> str:
    """`logo:` or `banner:`, an image in the site's assets/ folder (published with it)."""
    value = f.text((key,))
    if not value:
        return ""
    path = value.replace("\\", "/").lstrip("./")
    parts = path.split("/")
    if parts[0] != "assets" or len(parts) < 2 or ".." in parts or not path.lower().endswith(IDENTITY_TYPES):
        f.problem("E203", (key,), _("{key} is '{value}'; give an image in the assets/ folder, e.g. "
                                    "{key}: assets/{example}").format(
            key=key, value=value, example="huy-hieu.png" if key == "logo" else "bang-ten.jpg"))
        return ""
    return path


def _images(f: Fields) -> ImageSettings:
    if f.mapping(("images",), IMAGE_KEYS) is None:
        return ImageSettings()
    widths = tuple(sorted({w for w in (f.integer(p, minimum=16, maximum=8000, what=N_("a width in pixels"))
                                        for p in f.items(("images", "widths"))) if w}))
    return ImageSettings(
        widths=widths or ImageSettings().widths,
        quality=_or(f.integer(("images", "quality"), minimum=1, maximum=100, what=N_("a JPEG quality")), 82),
        webp=f.boolean(("images", "webp"), default=True))


def _deploy(f: Fields) -> tuple:
    """`deploy:` maps a name to a URL, or to {url, password_env, host_key}."""
    value = f.get(("deploy",))
    if value is None or not f.has(("deploy",)):
        return ()
    if not isinstance(value, dict):
        f.problem("E203", ("deploy",), _("deploy must be a map: a name for each target, then its URL "
                                         "(deploy: {{truong: ftp://user@host/public_html/}})").format())
        return ()
    out = []
    for name in value:
        path = ("deploy", name)
        if isinstance(value[name], dict):
            if f.mapping(path, DEPLOY_KEYS, required=("url",)) is None:
                continue
            url = f.text(path + ("url",)) or ""
            where = path + ("url",)
            env = f.text(path + ("password_env",)) or "SITEGEN_DEPLOY_PASSWORD"
            host_key = f.text(path + ("host_key",)) or ""
        else:
            url, where, env, host_key = f.text(path) or "", path, "SITEGEN_DEPLOY_PASSWORD", ""
        if not url:
            continue
        if "://" in url and not url.startswith(DEPLOY_SCHEMES):
            f.problem("E203", where, _("deploy target '{name}': '{scheme}://' is not a way sitegen can publish; "
                                       "use ftp://, ftps://, sftp://, file:// or a folder").format(
                name=name, scheme=url.split("://")[0]))
            continue
        if re.match(r"^[a-z]+://[^/@]*:[^/@]*@", url):
            f.problem("E203", where, _("deploy target '{name}': the URL holds a password; remove it from "
                                       "site.yaml and set the environment variable {env} instead "
                                       "(or type it when sitegen asks)").format(name=name, env=env))
            continue
        out.append(DeployTarget(str(name), url, env, host_key))
    return tuple(out)


def is_example_url(url: str) -> bool:
    """Whether `url` is an example address, as the templates and guides write them
    (example.com, an-khe.example.gov.vn, example.edu.vn): no real site lives there."""
    host = re.sub(r"^[a-z]+://", "", url or "").split("/", 1)[0].split(":", 1)[0].lower()
    return "example" in host.split(".")


def _percent(f: Fields, path) -> int | None:
    """A percent setting, 20 or "20%"."""
    written = read_percent(f.get(path))
    return written if written is not None else f.integer(path, maximum=100, what=N_("a percent"))


def _or(value, default):
    return default if value is None else value
