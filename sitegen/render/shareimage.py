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
import unicodedata

from sitegen.parallel import parallel_map

SHARE_CACHE = os.path.join(".sitegen-cache", "share")
WIDTH, HEIGHT = 1200, 630
FONTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "theme", "fonts")
BRAND, INK, PAPER, MUTED = (155, 28, 28), (29, 29, 31), (255, 255, 255), (82, 82, 91)
LEVEL_COLOURS = {"xuat_sac": (20, 83, 45), "tot": (77, 154, 91), "hoan_thanh": (214, 162, 30),
                 "khong_hoan_thanh": (180, 35, 24)}


def cached(site_root: str, pictures: list, jobs: int | None = None) -> dict:
    """Each distinct picture (sharing.ShareImage) in `pictures` -> its path in the cache,
    the missing ones drawn first, on all cores."""
    distinct = {picture.name: picture for picture in pictures}.values()  # old posts share the site's
    paths = {picture: os.path.join(site_root, SHARE_CACHE, picture.name) for picture in distinct}
    missing = [picture for picture, path in paths.items() if not os.path.isfile(path)]
    if missing:
        os.makedirs(os.path.join(site_root, SHARE_CACHE), exist_ok=True)
        parallel_map(functools.partial(_keep, site_root), missing, jobs)
    return paths


def _keep(site_root: str, picture) -> None:
    path = os.path.join(site_root, SHARE_CACHE, picture.name)
    data = draw(picture.site_title, picture.title, picture.headline, picture.level)
    temp = f"{path}.{os.getpid()}.tmp"
    with open(temp, "wb") as f:
        f.write(data)
    os.replace(temp, path)


def prune(site_root: str, used: set) -> None:
    """Forget the pictures no post shows any more."""
    folder = os.path.join(site_root, SHARE_CACHE)
    for name in os.listdir(folder) if os.path.isdir(folder) else ():
        if name not in used:
            os.remove(os.path.join(folder, name))


class _Face:
    """A font at one size whose letters are drawn once and then pasted: a site's titles
    use a few hundred letters, and drawing each title whole with FreeType cost most of a
    picture's time. Letters are placed by their advance, without kerning pairs."""

    def __init__(self, name: str, size: int):
        from PIL import ImageFont
        self.font = ImageFont.truetype(os.path.join(FONTS, name), size)
        self.glyphs: dict = {}  # letter -> (mask or None, left, top, advance)

    def glyph(self, letter: str) -> tuple:
        found = self.glyphs.get(letter)
        if found is None:
            from PIL import Image, ImageDraw
            left, top, right, bottom = self.font.getbbox(letter, anchor="ls")
            mask = None
            if right > left and bottom > top:
                mask = Image.new("L", (right - left, bottom - top), 0)
                ImageDraw.Draw(mask).text((-left, -top), letter, font=self.font, fill=255, anchor="ls")
            found = self.glyphs[letter] = (mask, left, top, self.font.getlength(letter))
        return found

    def length(self, text: str) -> float:
        return sum(self.glyph(letter)[3] for letter in text)

    def draw(self, image, x: float, baseline: int, text: str, colour: tuple) -> None:
        for letter in text:
            mask, left, top, advance = self.glyph(letter)
            if mask is not None:
                image.paste(colour, (round(x) + left, baseline + top), mask)
            x += advance


@functools.lru_cache(maxsize=16)
def _face(name: str, size: int) -> _Face:
    return _Face(name, size)


def draw(site_title: str, title: str, headline: str, level: str | None) -> bytes:
    """The picture; the site's own (no title) shows its name large instead."""
    from PIL import Image, ImageDraw

    regular, bold = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
    # One line each (a title written as a YAML block keeps its line breaks), and each
    # letter as one character: a title typed with combining accents (NFD) gets the
    # same letters as one typed whole.
    site_title, title, headline = (unicodedata.normalize("NFC", " ".join((text or "").split()))
                                   for text in (site_title, title, headline))
    title = title or site_title
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 110), fill=BRAND)
    face = _face(bold, 40)
    face.draw(image, 60, 69, _fit(site_title, face, WIDTH - 120), PAPER)
    size = 62
    lines = _wrap(title, _face(bold, size), WIDTH - 120)
    while len(lines) > 4 and size > 40:  # a long title gets a smaller size before it is cut
        size -= 6
        lines = _wrap(title, _face(bold, size), WIDTH - 120)
    face = _face(bold, size)
    if len(lines) > 4:
        lines = lines[:3] + [_fit(" ".join(lines[3:]), face, WIDTH - 120)]
    baseline = 160 + round(size * 0.93)  # DejaVu's ascent is 0.93 em: the first line's top at y = 160
    for line in lines:
        face.draw(image, 60, baseline, line, INK)
        baseline += int(size * 1.25)
    if headline:
        colour = LEVEL_COLOURS.get(level or "", MUTED)
        pen.rectangle((60, HEIGHT - 110, 76, HEIGHT - 50), fill=colour)
        face = _face(regular, 40)
        face.draw(image, 100, HEIGHT - 66, _fit(headline, face, WIDTH - 160), INK)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _wrap(text: str, face: _Face, width: int) -> list:
    lines, line, used = [], "", 0.0
    space = face.length(" ")
    for word in text.split():
        size = face.length(word)
        if not line or used + space + size <= width:
            line, used = (f"{line} {word}", used + space + size) if line else (word, size)
        else:
            lines.append(line)
            line, used = word, size
    return lines + ([line] if line else [])


def _fit(text: str, face: _Face, width: int) -> str:
    if face.length(text) <= width:
        return text
    while text and face.length(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
