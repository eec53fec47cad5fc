"""What a shared link of a post shows: its own photo, or else a picture sitegen draws
(render/shareimage.py) named by what it shows, so that an unchanged post keeps its
picture and a changed one gets a new address that chat apps have not cached. Pure.
"""
from __future__ import annotations

import hashlib
from typing import NamedTuple

from sitegen.read import urls
from sitegen.read.model import Post
from sitegen.site import narrative

VERSION = "2"  # of the drawing: a new one gives every picture a new name
# Posts that get a picture of their own: the newest, which are the ones shared; on most
# sites (a commune's ten years) that is every post. An older post without a photo shares
# the site's picture: at ~3 ms of CPU each, drawing one for each of 10,000 posts would
# double a first build.
OWN_PICTURES = 500


class ShareImage(NamedTuple):
    name: str
    site_title: str
    title: str
    headline: str
    level: str | None

    @property
    def url(self) -> str:
        return urls.PHOTOS + self.name


def headline(post: Post) -> tuple[str, str | None]:
    """The result a shared post leads with, and its level: the unit's own rating."""
    rating = post.meeting.results.unit if post.meeting else None
    if rating is None:
        return "", None
    text = narrative.LABELS[rating.level]
    if "tieu_bieu" in rating.honors:
        text += " · " + narrative.exemplary_label(post.meeting.regime)
    return text, rating.level


def share_images(posts, site_title: str) -> dict:
    """post rel -> the picture to draw for it: the newest OWN_PICTURES posts (`posts`,
    newest first) without a photo of their own; the others, the site's picture."""
    out = {}
    site_picture = None
    for i, post in enumerate(posts):
        if post.kind != "post" or post.cover or post.photos:
            continue
        if i < OWN_PICTURES:
            out[post.rel] = share_image(post, site_title)
        else:
            site_picture = site_picture or _picture(site_title, "", "", None)
            out[post.rel] = site_picture
    return out


def share_image(post: Post, site_title: str) -> ShareImage:
    """The picture drawn for `post`: its title and headline result."""
    text, level = headline(post)
    return _picture(site_title, post.title, text, level)


def _picture(site_title: str, title: str, text: str, level: str | None) -> ShareImage:
    digest = hashlib.sha1("\n".join((VERSION, site_title, title, text, level or "")).encode()).hexdigest()
    return ShareImage(f"chia-se-{digest[:16]}.jpg", site_title, title, text, level)
