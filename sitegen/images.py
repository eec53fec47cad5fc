"""Photos: checking that a file is a readable image (E402). Touches the disk."""
from __future__ import annotations

import os
import warnings

# Larger than any phone photo (200 MP); beyond it Pillow refuses as a decompression bomb.
MAX_PIXELS = 200_000_000


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
            with Image.open(path) as im:
                width, height = im.size
                kind = im.format
                im.verify()
    except Image.DecompressionBombError:
        return f"has more than {MAX_PIXELS // 1_000_000} million pixels (a decompression bomb?)"
    except Image.DecompressionBombWarning:
        return f"has more than {MAX_PIXELS // 2_000_000} million pixels; resize it before publishing"
    except Image.UnidentifiedImageError:
        return "is not a picture (JPEG, PNG, WebP, GIF...) that can be read"
    except FileNotFoundError:
        return "does not exist"
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    except Exception as e:  # Pillow raises many kinds on hostile files
        return f"is damaged ({e.__class__.__name__})"
    if width <= 0 or height <= 0:
        return "has no pixels"
    if kind == "JPEG" and not _ends_like_jpeg(path):
        return "is truncated (the JPEG has no end marker); copy the photo again from the phone"
    return None


def _ends_like_jpeg(path: str) -> bool:
    """verify() reads only a JPEG's header; a cut-off copy lacks the final FF D9 marker."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 4096))
        tail = f.read().rstrip(b"\0")
    return tail.endswith(b"\xff\xd9")


MAX_WIDTH = 1600


def publish(path: str) -> bytes:
    """The web copy of a photo: upright (EXIF orientation applied), at most MAX_WIDTH
    wide, in sRGB, with no metadata at all (no GPS, camera or owner). Pillow's encoders
    are deterministic, so the same photo gives the same bytes."""
    import io

    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    as_png = path.lower().endswith(".png")
    with Image.open(path) as im:
        im.load()
        profile = im.info.get("icc_profile")
        im = ImageOps.exif_transpose(im)
        if profile:
            im = _to_srgb(im, profile)
        if as_png:
            im = im.convert("RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB")
        elif im.mode in ("RGBA", "LA", "P"):
            rgba = im.convert("RGBA")
            im = Image.new("RGB", rgba.size, (255, 255, 255))
            im.paste(rgba, mask=rgba.getchannel("A"))
        else:
            im = im.convert("RGB")
        if im.width > MAX_WIDTH:
            im = im.resize((MAX_WIDTH, round(im.height * MAX_WIDTH / im.width)), Image.LANCZOS)
        out = io.BytesIO()
        if as_png:
            im.save(out, "PNG", optimize=True)
        else:
            im.save(out, "JPEG", quality=82, optimize=True, progressive=True)
        return out.getvalue()


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
