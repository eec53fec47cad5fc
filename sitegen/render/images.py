"""Encoding the web copies (derivatives) of one photo. Touches the disk; imagecache.py
decides what to encode, and check/photos.py has already checked the photo."""
from __future__ import annotations

import math
import os
from typing import NamedTuple

from sitegen.check.photos import FORMATS, MAX_PIXELS
from sitegen.read.model import ImageSettings


class Encoded(NamedTuple):
    """What encoding one photo produced: its upright size and the sizes written."""
    width: int
    height: int
    sizes: tuple              # ((width, height), ...) smallest first


def derivative_widths(width: int, wanted: tuple) -> list[int]:
    """The widths to make for a photo `width` pixels wide: never larger than the photo."""
    return sorted({w for w in wanted if w < width} | {min(width, max(wanted))})


def encode(source: str, settings: ImageSettings, folder: str, stem: str) -> Encoded:
    """Write `<stem>-<width>.jpg` (and `.webp`) into `folder` for each derivative width:
    upright (EXIF orientation applied), in sRGB, with no metadata at all (no GPS, camera
    or owner). Raises on an unreadable image. Pillow's encoders are deterministic."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(source, formats=FORMATS) as im:
        oriented = _oriented_size(im)
        widths = derivative_widths(oriented[0], settings.widths)
        # Let the JPEG decoder scale down by 2, 4 or 8 while decoding: much faster, and
        # still at least as large as the largest derivative.
        scale = widths[-1] / oriented[0]
        if im.format == "JPEG":  # (a 6400 px camera photo decodes at 1600 px: 1/16 of the memory)
            im.draft("RGB", (math.ceil(im.width * scale), math.ceil(im.height * scale)))
        profile = im.info.get("icc_profile")
        im.load()
        im = ImageOps.exif_transpose(im)
        if profile:
            im = _to_srgb(im, profile)
        im = _flatten(im)
    sizes = []
    current = im
    for width in reversed(widths):  # largest first, each resized from the one before
        height = max(1, round(oriented[1] * width / oriented[0]))
        if current.size != (width, height):
            # reducing_gap: a fast box reduction first, then LANCZOS for the last factor of 3
            current = current.resize((width, height), Image.LANCZOS, reducing_gap=3.0)
        _save(current, os.path.join(folder, f"{stem}-{width}.jpg"), "JPEG", settings.quality)
        if settings.webp:
            _save(current, os.path.join(folder, f"{stem}-{width}.webp"), "WEBP", settings.quality)
        sizes.append((width, height))
    return Encoded(oriented[0], oriented[1], tuple(reversed(sizes)))


def _oriented_size(im) -> tuple[int, int]:
    orientation = im.getexif().get(0x0112, 1)
    return (im.height, im.width) if orientation in (5, 6, 7, 8) else (im.width, im.height)


def _flatten(im):
    """RGB, with any transparency laid on white (JPEG has none)."""
    from PIL import Image

    if im.mode in ("RGBA", "LA", "P", "PA"):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im.convert("RGB")


def _save(im, path: str, kind: str, quality: int) -> None:
    """Written under a temporary name and renamed: a half-written file never looks done.
    Nothing from the source's metadata is passed on."""
    temp = path + ".tmp"
    if kind == "JPEG":
        im.save(temp, "JPEG", quality=quality, optimize=True, progressive=True)
    else:
        im.save(temp, "WEBP", quality=quality, method=2)  # 4 is twice as slow, same size here
    os.replace(temp, path)


def _to_srgb(im, profile: bytes):
    """Convert from the photo's embedded colour profile, so colours do not shift once the
    profile is stripped with the rest of the metadata."""
    import io

    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.createProfile("sRGB")
        mode = "RGBA" if im.mode in ("RGBA", "LA") else "RGB"
        return ImageCms.profileToProfile(im, source, target, outputMode=mode)
    except Exception:  # a broken profile: keep the pixels as they are
        return im
