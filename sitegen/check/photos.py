"""Checking a photo (E402): a JPEG, PNG, WebP or GIF that decodes whole, as the build
will decode it. Touches the disk, reads only."""
from __future__ import annotations

import os
import warnings

from sitegen.lang import _
from sitegen.problems import reason


# Larger than any phone photo (200 MP); beyond it Pillow refuses as a decompression bomb.
MAX_PIXELS = 200_000_000
# The formats a photo may be, whatever its name says: Pillow would otherwise hand an EPS
# file named .jpg to Ghostscript, and open dozens of formats no browser shows.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def inspect(path: str) -> str | None:
    """None when `path` is an image Pillow can read, else why not (for an E402 message)."""
    if not os.path.exists(path):
        return _("does not exist")
    if not os.path.isfile(path):
        return _("is not a file")
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
                return _("has no pixels")
            if kind == "JPEG" and not _ends_like_jpeg(path):
                return _("is truncated (the JPEG has no end marker); copy the photo again from the phone")
            # verify() reads headers and checksums only: decode it as the build will (a
            # JPEG at an eighth of its size, which still reads every block of it).
            with Image.open(path, formats=FORMATS) as im:
                if kind == "JPEG":
                    im.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _("has more than {millions} million pixels (no phone takes such "
                 "photos; a decompression bomb?); resize it before publishing").format(
            millions=MAX_PIXELS // 1_000_000)
    except Image.UnidentifiedImageError:
        return _("is not a picture (JPEG, PNG, WebP or GIF) that can be read")
    except FileNotFoundError:
        return _("does not exist")
    except OSError as e:
        return _("cannot be read ({why})").format(why=reason(e))
    except Exception as e:  # Pillow raises many kinds on hostile files
        return _("is damaged ({why})").format(why=e.__class__.__name__)
    return None


def _ends_like_jpeg(path: str) -> bool:
    """verify() reads only a JPEG's header; a cut-off copy lacks the final FF D9 marker."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 4096))
        tail = f.read().rstrip(b"\0")
    return tail.endswith(b"\xff\xd9")
