"""site.yaml -> SiteConfig (section 6), every problem collected."""
from __future__ import annotations

from .fields import Fields
import re

from .model import DeployTarget, ImageSettings, Quota, SiteConfig
from .yamlpos import Doc

SITE_KEYS = ("title", "base_url", "language", "timezone", "posts_per_page", "quota",
             "two_digit_counts", "description", "images", "trust_html", "deploy", "extra")
DEPLOY_KEYS = ("url", "password_env", "host_key")
DEPLOY_SCHEMES = ("ftp://", "ftps://", "sftp://", "file://")
IMAGE_KEYS = ("widths", "quality", "webp")
QUOTA_KEYS = ("percent", "base", "outstanding_percent")
REL = "site.yaml"


def read_config(doc: Doc) -> tuple[SiteConfig | None, list]:
    f = Fields(doc, REL)
    if not isinstance(doc.value, dict):
        f.problem("E203", (), "site.yaml must be a map of keys (title: ..., base_url: ...)")
        return None, f.problems
    f.mapping((), SITE_KEYS)
    title = f.text(("title",), required=True, what="; add `title: <the unit's name>`")
    base_url = f.text(("base_url",)) or "/"
    if not (base_url.startswith(("http://", "https://", "/"))):
        f.problem("E203", ("base_url",), f"base_url '{base_url}' must start with https://, http:// or /")
    if not base_url.endswith("/"):
        base_url += "/"
    quota = Quota()
    if f.mapping(("quota",), QUOTA_KEYS) is not None:
        quota = Quota(
            percent=_or(f.integer(("quota", "percent"), maximum=100, what="a percent"), 20),
            base=f.choice(("quota", "base"), ("tot", "tot_or_better"), default="tot"),
            outstanding_percent=_or(f.integer(("quota", "outstanding_percent"), maximum=100,
                                              what="a percent"), 25))
    config = SiteConfig(
        title=title or "",
        base_url=base_url,
        language=f.text(("language",)) or "vi",
        timezone=_timezone(f),
        posts_per_page=_or(f.integer(("posts_per_page",), minimum=1, maximum=1000), 10),
        quota=quota,
        two_digit_counts=f.boolean(("two_digit_counts",), default=True),
        description=f.text(("description",)) or "",
        images=_images(f),
        trust_html=f.boolean(("trust_html",), default=False),
        deploy=_deploy(f),
        extra=doc.value.get("extra"),
    )
    return config, f.problems


def _timezone(f: Fields) -> str:
    """The site's time zone, checked against the system's database (on Windows, the tzdata
    package); a name it does not know would silently become Vietnam's offset."""
    zone = f.text(("timezone",)) or "Asia/Ho_Chi_Minh"
    from zoneinfo import ZoneInfo
    try:
        ZoneInfo(zone)
    except (ValueError, KeyError, OSError):  # not found is a KeyError, a malformed name ValueError
        try:
            ZoneInfo("UTC")
        except (ValueError, KeyError, OSError):
            return zone  # no database at all: nothing to check against
        f.problem("E203", ("timezone",), f"unknown time zone '{zone}'; Vietnam's is Asia/Ho_Chi_Minh")
    return zone


def _images(f: Fields) -> ImageSettings:
    if f.mapping(("images",), IMAGE_KEYS) is None:
        return ImageSettings()
    widths = tuple(sorted({w for w in (f.integer(p, minimum=16, maximum=8000, what="a width in pixels")
                                        for p in f.items(("images", "widths"))) if w}))
    return ImageSettings(
        widths=widths or ImageSettings().widths,
        quality=_or(f.integer(("images", "quality"), minimum=1, maximum=100, what="a JPEG quality"), 82),
        webp=f.boolean(("images", "webp"), default=True))


def _deploy(f: Fields) -> tuple:
    """`deploy:` maps a name to a URL, or to {url, password_env, host_key}."""
    value = f.get(("deploy",))
    if value is None or not f.has(("deploy",)):
        return ()
    if not isinstance(value, dict):
        f.problem("E203", ("deploy",), "deploy must be a map: a name for each target, then its URL "
                                       "(deploy: {truong: ftp://user@host/public_html/})")
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
            f.problem("E203", where, f"deploy target '{name}': '{url.split('://')[0]}://' is not a way "
                                     "sitegen can publish; use ftp://, ftps://, sftp://, file:// or a folder")
            continue
        if re.match(r"^[a-z]+://[^/@]*:[^/@]*@", url):
            f.problem("E203", where, f"deploy target '{name}': the URL holds a password; remove it from "
                                     f"site.yaml and set the environment variable {env} instead "
                                     "(or type it when sitegen asks)")
            continue
        out.append(DeployTarget(str(name), url, env, host_key))
    return tuple(out)


def _or(value, default):
    return default if value is None else value
