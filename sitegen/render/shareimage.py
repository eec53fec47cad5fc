"""The picture a shared link shows (og:image) for a post with no photo of its own:
1200×630, drawn with Pillow: the site's name, the post's title and its headline result
("Hoàn thành xuất sắc nhiệm vụ"). The font is DejaVu Sans, shipped in theme/fonts/ under
its licence, because it has every Vietnamese letter and a clerk's computer may have no
such font. An image is drawn once and kept in the cache, named by what it shows.
"""
from __future__ import annotations

import functools
import io
import os

SHARE_CACHE = os.path.join(".sitegen-cache", "share")
WIDTH, HEIGHT = 1200, 630
FONTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "theme", "fonts")
BRAND, INK, PAPER, MUTED = (155, 28, 28), (29, 29, 31), (255, 255, 255), (82, 82, 91)
LEVEL_COLOURS = {"xuat_sac": (20, 83, 45), "tot": (77, 154, 91), "hoan_thanh": (214, 162, 30),
                 "khong_hoan_thanh": (180, 35, 24)}


def cached(site_root: str, name: str, site_title: str, title: str, headline: str, level: str | None) -> str:
    """The path of the share image `name` in the cache, drawn first if it is not there."""
    path = os.path.join(site_root, SHARE_CACHE, name)
    if not os.path.isfile(path):
        data = draw(site_title, title, headline, level)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temp = path + ".tmp"
        with open(temp, "wb") as f:
            f.write(data)
        os.replace(temp, path)
    return path


def prune(site_root: str, used: set) -> None:
    """Forget the pictures no post shows any more."""
    folder = os.path.join(site_root, SHARE_CACHE)
    for name in os.listdir(folder) if os.path.isdir(folder) else ():
        if name not in used:
            os.remove(os.path.join(folder, name))


@functools.lru_cache(maxsize=16)
def _font(name: str, size: int):
    from PIL import ImageFont
    return ImageFont.truetype(os.path.join(FONTS, name), size)


def draw(site_title: str, title: str, headline: str, level: str | None) -> bytes:
    """The picture; the site's own (no title) shows its name large instead."""
    from PIL import Image, ImageDraw

    regular, bold = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
    # One line each: a title written as a YAML block keeps its line breaks, which
    # Pillow refuses to measure.
    site_title, title, headline = (" ".join((text or "").split()) for text in (site_title, title, headline))
    title = title or site_title
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 110), fill=BRAND)
    pen.text((60, 55), _fit(pen, site_title, _font(bold, 40), WIDTH - 120),
             font=_font(bold, 40), fill=PAPER, anchor="lm")
    size = 62
    lines = _wrap(pen, title, _font(bold, size), WIDTH - 120)
    while len(lines) > 4 and size > 40:  # a long title gets a smaller size before it is cut
        size -= 6
        lines = _wrap(pen, title, _font(bold, size), WIDTH - 120)
    if len(lines) > 4:
        lines = lines[:3] + [_fit(pen, " ".join(lines[3:]), _font(bold, size), WIDTH - 120)]
    font = _font(bold, size)
    y = 160
    for line in lines:
        pen.text((60, y), line, font=font, fill=INK)
        y += int(size * 1.25)
    if headline:
        colour = LEVEL_COLOURS.get(level or "", MUTED)
        pen.rectangle((60, HEIGHT - 110, 76, HEIGHT - 50), fill=colour)
        pen.text((100, HEIGHT - 80), _fit(pen, headline, _font(regular, 40), WIDTH - 160),
                 font=_font(regular, 40), fill=INK, anchor="lm")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _wrap(pen, text: str, font, width: int) -> list:
    lines, line = [], ""
    for word in text.split():
        tried = f"{line} {word}".strip()
        if pen.textlength(tried, font=font) <= width or not line:
            line = tried
        else:
            lines.append(line)
            line = word
    return lines + ([line] if line else [])


def _fit(pen, text: str, font, width: int) -> str:
    if pen.textlength(text, font=font) <= width:
        return text
    while text and pen.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"
