"""Photos: checking that a file is a readable image (E402), and encoding the web copies
(derivatives) of one photo. Touches the disk; imagecache.py decides what to encode."""
from __future__ import annotations

import math
import os
import warnings
from typing import NamedTuple

from .model import ImageSettings

# Larger than any phone photo (200 MP); beyond it Pillow refuses as a decompression bomb.
MAX_PIXELS = 200_000_000
# The formats a photo may be, whatever its name says: Pillow would otherwise hand an EPS
# file named .jpg to Ghostscript, and open dozens of formats no browser shows.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def inspect(path: str) -> str | None:
    """None when `path` is an image Pillow can read, else why not (for an E402 message)."""
    if not os.path.exists(path):
        return "does not exist"
    if not os.path.isfile(path):
        return "is not a file"
    from PIL import Image  # imported here: most checks have no photos to look at

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as im:
                width, height = im.size
                kind = im.format
                im.verify()
            if width <= 0 or height <= 0:
                return "has no pixels"
            if kind == "JPEG" and not _ends_like_jpeg(path):
                return "is truncated (the JPEG has no end marker); copy the photo again from the phone"
            # verify() reads headers and checksums only: decode it as the build will (a
            # JPEG at an eighth of its size, which still reads every block of it).
            with Image.open(path, formats=FORMATS) as im:
                if kind == "JPEG":
                    im.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return (f"has more than {MAX_PIXELS // 1_000_000} million pixels (no phone takes such "
                "photos; a decompression bomb?); resize it before publishing")
    except Image.UnidentifiedImageError:
        return "is not a picture (JPEG, PNG, WebP or GIF) that can be read"
    except FileNotFoundError:
        return "does not exist"
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    except Exception as e:  # Pillow raises many kinds on hostile files
        return f"is damaged ({e.__class__.__name__})"
    return None


def _ends_like_jpeg(path: str) -> bool:
    """verify() reads only a JPEG's header; a cut-off copy lacks the final FF D9 marker."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 4096))
        tail = f.read().rstrip(b"\0")
    return tail.endswith(b"\xff\xd9")


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
