"""The URL rules of section 10, as paths relative to the site root ('2023/slug/')."""
from __future__ import annotations

from sitegen import vi
from sitegen.lang import _
from sitegen.read.model import Post


PHOTOS = "anh/"   # where photo derivatives are published, named by content hash

# First path segments the generator itself writes; a page may not take them.
RESERVED = ("trang", "luu-tru", "ket-qua", "don-vi", "the", "tim-kiem", "assets", "anh",
            "feed.xml", "sitemap.xml", "404.html", "index.html")


def file_of(url: str) -> str:
    """The file in output/ that serves `url`: a folder's index.html, or the file named."""
    return url + "index.html" if url.endswith("/") or not url else url


def post_url(post: Post) -> str:
    if post.kind == "page":
        return f"{post.slug}/"
    return f"{post.date.year}/{post.slug}/"


def year_url(year: int) -> str:
    return f"{year}/"


def results_url(review_year: int) -> str:
    return f"ket-qua/{review_year}/"


def results_csv_url(review_year: int) -> str:
    return f"ket-qua/{review_year}.csv"


def unit_url(unit_id: str) -> str:
    return f"don-vi/{unit_id}/"


def tag_slug(tag: str) -> str:
    """The tag's page name: spellings that differ only in case and tones share it."""
    return vi.slugify(tag) or "khac"


def tag_url(tag: str) -> str:
    return f"the/{tag_slug(tag)}/"


def home_url(page: int) -> str:
    return "" if page <= 1 else f"trang/{page}/"


def claimed_by_generator(url: str) -> str | None:
    """Why a page's URL is taken by a generated page, or None."""
    first = url.split("/", 1)[0]
    if first in RESERVED:
        return _("'{folder}' is used by the site's own pages").format(folder=first)
    if first.isdigit() and len(first) == 4:
        return _("'{folder}' is the archive of the year {folder}").format(folder=first)
    return None
