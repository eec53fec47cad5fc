"""Photos straight from a phone: rotated by EXIF, with GPS inside. Real images made with
Pillow; the published copies must be upright, metadata-free, at the expected sizes, and
encoded only once."""
import os
import re

import pytest
from PIL import Image, ImageCms

from sitekit import POST, POST_PATH, check_lines, post_with, run, write_site
from sitegen.build import build

PHOTO_POST = post_with("---\n\n", "photos:\n  - src: anh/hoi-nghi.jpg\n    caption: Quang cảnh hội nghị\n---\n\n")
POST_URL = "2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/index.html"


def phone_photo(path, size=(2000, 1000), orientation=6, gps=True, profile=False):
    """Left half red, right half blue as stored; EXIF says 'rotate 90° clockwise to view'
    (orientation 6), so the upright picture is red on top and blue below."""
    im = Image.new("RGB", size, (220, 20, 20))
    im.paste((20, 40, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Hãng máy ảnh"        # Make
    exif[0x013B] = "Nguyễn Văn Chủ Máy"   # Artist: the owner's name
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 10.0)}
    extra = {}
    if profile:
        extra["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    im.save(path, "JPEG", quality=90, exif=exif, **extra)


def published(output):
    """The photos' copies in output/anh/ (not the drawn share pictures, chia-se-*)."""
    folder = os.path.join(output, "anh")
    return sorted(n for n in os.listdir(folder) if not n.startswith("chia-se-")) if os.path.isdir(folder) else []


def test_published_photos_are_upright_clean_and_sized(tmp_path):
    site = write_site(tmp_path, {POST_PATH: PHOTO_POST})
    phone_photo(os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg"), profile=True)
    result = build(site)
    assert result.ok and result.photos_encoded == 1
    names = published(os.path.join(site, "output"))
    # upright 1000x2000: widths 480 and 960, and the full 1000 (below the 1600 limit)
    widths = sorted({int(re.search(r"-(\d+)\.", n)[1]) for n in names})
    assert widths == [480, 960, 1000]
    assert {n.rsplit(".", 1)[1] for n in names} == {"jpg", "webp"}
    for name in names:
        path = os.path.join(site, "output", "anh", name)
        with Image.open(path) as im:
            width = int(re.search(r"-(\d+)\.", name)[1])
            assert im.size == (width, width * 2), name
            assert len(im.getexif()) == 0, name
            assert "icc_profile" not in im.info and "exif" not in im.info, name
            rgb = im.convert("RGB")
            top, bottom = rgb.getpixel((width // 2, 5)), rgb.getpixel((width // 2, width * 2 - 5))
            assert top[0] > 150 and top[2] < 100, (name, top)       # red on top: upright
            assert bottom[2] > 150 and bottom[0] < 100, (name, bottom)
        with open(path, "rb") as f:
            data = f.read()
        assert b"Exif" not in data and "Nguyễn".encode() not in data and b"GPS" not in data


def test_page_uses_picture_srcset_and_sizes(tmp_path):
    site = write_site(tmp_path, {POST_PATH: PHOTO_POST})
    phone_photo(os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg"), size=(4000, 3000), orientation=1)
    assert build(site).ok
    with open(os.path.join(site, "output", POST_URL), encoding="utf-8") as f:
        html = f.read()
    key = published(os.path.join(site, "output"))[0].split("-")[0]
    assert f'<source type="image/webp" srcset="../../anh/{key}-480.webp 480w, ../../anh/{key}-960.webp 960w, ../../anh/{key}-1600.webp 1600w"' in html
    assert f'<img src="../../anh/{key}-1600.jpg" srcset="../../anh/{key}-480.jpg 480w' in html
    assert 'width="1600" height="1200" alt="Quang cảnh hội nghị" loading="lazy"' in html
    assert f'<meta property="og:image" content="https://example.edu.vn/tin-dang/anh/{key}-1600.jpg">' in html
    assert 'src="../../assets/viewer.js"' in html
    with open(os.path.join(site, "output", "index.html"), encoding="utf-8") as f:
        home = f.read()
    assert f'src="anh/{key}-480.jpg"' in home and 'class="thumb"' in home


def test_second_build_encodes_nothing_and_unused_photos_are_pruned(tmp_path):
    site = write_site(tmp_path, {POST_PATH: PHOTO_POST})
    phone_photo(os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg"))
    assert build(site).photos_encoded == 1
    cache = os.path.join(site, ".sitegen-cache", "images")
    before = {n: os.stat(os.path.join(cache, n)).st_mtime_ns for n in os.listdir(cache) if n != "index.json"}
    again = build(site)
    assert again.ok and again.photos_encoded == 0 and again.stats.written == 0
    assert {n: os.stat(os.path.join(cache, n)).st_mtime_ns for n in os.listdir(cache) if n != "index.json"} == before
    # the same photo saved again (new time, same bytes) is hashed but not encoded
    path = os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg")
    os.utime(path, ns=(1, 1))
    assert build(site).photos_encoded == 0
    # a changed photo is encoded; the old copies leave the cache and the output
    phone_photo(path, orientation=1)
    third = build(site)
    assert third.photos_encoded == 1
    assert not set(before) & set(os.listdir(cache))
    assert not set(before) & set(published(os.path.join(site, "output")))
    write_site(tmp_path, {POST_PATH: POST})
    assert build(site).ok
    assert os.listdir(cache) == ["index.json"] and published(os.path.join(site, "output")) == []


def test_settings_change_the_derivatives(tmp_path):
    site = write_site(tmp_path, {POST_PATH: PHOTO_POST, "site.yaml": "title: A\nbase_url: /\nimages: {widths: [320, 640], webp: false, quality: 70}\n"})
    phone_photo(os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg"), orientation=1)
    assert build(site).ok
    assert [n.split("-")[1] for n in published(os.path.join(site, "output"))] == ["320.jpg", "640.jpg"]


def bomb(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.new("1", (15000, 15000)).save(path, "PNG")  # 225 million pixels in ~30 KB


BAD = {
    "missing": (None, "E402 the image 'anh/hoi-nghi.jpg' does not exist"),
    "truncated": ("truncated", "E402 the image 'anh/hoi-nghi.jpg' is truncated"),
    "text": ("text", "E402 the image 'anh/hoi-nghi.jpg' is not a picture"),
    "bomb": ("bomb", "E402 the image 'anh/hoi-nghi.jpg' has more than 200 million pixels"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_photos_are_problems_and_nothing_is_written(tmp_path, kind):
    site = write_site(tmp_path, {POST_PATH: PHOTO_POST})
    path = os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg")
    how, expected = BAD[kind]
    if how == "truncated":
        phone_photo(path)
        with open(path, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[: len(data) // 2])
    elif how == "text":
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("đây không phải là ảnh\n")
    elif how == "bomb":
        bomb(path)
    lines = check_lines(site)
    assert len(lines) == 1 and expected in lines[0], lines
    code, out, err = run("build", "-s", site)
    assert code == 1 and expected in out and not os.path.exists(os.path.join(site, "output"))


def test_photo_path_leaving_the_site(tmp_path):
    outside = tmp_path / "ngoai.jpg"
    phone_photo(str(outside))
    site = write_site(tmp_path / "site", {POST_PATH: post_with("---\n\n", f"photos:\n  - src: ../../../../ngoai.jpg\n  - src: {outside}\n---\n\n")})
    lines = check_lines(site)
    assert [line.split(": ")[1][:4] for line in lines] == ["E403", "E403"]
    assert run("build", "-s", site)[0] == 1
    assert not os.path.exists(os.path.join(site, "output"))


def test_photo_link_leaving_content_is_refused(tmp_path):
    outside = tmp_path / "ngoai.jpg"
    phone_photo(str(outside))
    site = write_site(tmp_path / "site", {POST_PATH: PHOTO_POST})
    os.makedirs(os.path.join(site, "content/posts/2024/anh"))
    os.symlink(outside, os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg"))
    lines = check_lines(site)
    assert len(lines) == 1 and "E403 the image path 'anh/hoi-nghi.jpg' leads outside content/" in lines[0]


def test_a_50_mb_photo_builds_within_the_memory_target(tmp_path):
    """A camera's full-quality 50 MB JPEG: decoded at a reduced scale (JPEG draft), so the
    build stays well under the benchmark issue's 300 MB."""
    import subprocess
    import sys

    folder = tmp_path / "site" / "content" / "posts" / "2024"
    folder.mkdir(parents=True)
    noise = Image.frombytes("RGB", (4800, 3600), os.urandom(4800 * 3600 * 3))
    noise.save(folder / "lon.jpg", quality=100, subsampling=0)
    size = os.path.getsize(folder / "lon.jpg")
    assert size > 50_000_000, size
    site = write_site(tmp_path / "site", {POST_PATH: post_with("review_year: 2024", "review_year: 2024\nphotos: [lon.jpg]")})
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a process started from
    # pytest would report pytest's own size. Encoding workers are the probe's children.
    probe = ("import resource, sys; from sitegen.cli import main; code = main(['build', '-s', sys.argv[1]]); "
             "hwm = int([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]); "
             "print(max(hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(code)")
    proc = subprocess.run([sys.executable, "-c", probe, site], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    peak_mb = int(proc.stdout.split()[-1]) / 1024
    assert peak_mb < 300, f"{peak_mb:.0f} MB"
    jpgs = [n for n in published(os.path.join(site, "output")) if n.endswith(".jpg")]
    widths = []
    for name in jpgs:
        with Image.open(os.path.join(site, "output", "anh", name)) as im:
            widths.append(im.width)
    assert sorted(widths) == [480, 960, 1600]
    print(f"50 MB photo ({size / 1e6:.0f} MB): build peak {peak_mb:.0f} MB")


def test_a_site_picture_macro_is_used_by_post_pages_and_cards(tmp_path):
    """Templates call picture() without importing it; a site's own _picture.html replaces
    it everywhere, with links relative to each page."""
    site = write_site(tmp_path, {POST_PATH: PHOTO_POST.replace("photos:", "cover: anh/hoi-nghi.jpg\nphotos:"),
                                 "layouts/_picture.html": "{% macro picture(p, alt, sizes, thumb=False) %}"
                                 "<img class=riêng src=\"{{ link(p.smallest.jpg) }}\" alt=\"{{ alt }}\">"
                                 "{% endmacro %}"})
    phone_photo(os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg"), size=(1200, 900), orientation=1)
    assert build(site).ok
    key = published(os.path.join(site, "output"))[0].split("-")[0]
    with open(os.path.join(site, "output", POST_URL), encoding="utf-8") as f:
        assert f'<img class=riêng src="../../anh/{key}-480.jpg" alt="Quang cảnh hội nghị">' in f.read()
    with open(os.path.join(site, "output", "index.html"), encoding="utf-8") as f:
        assert f'<img class=riêng src="anh/{key}-480.jpg"' in f.read()


def _png_with_broken_pixels(path) -> None:
    """Headers and checksums all correct, so Pillow's verify() passes; the pixel data is
    not zlib at all, so decoding it fails."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", b"khong phai du lieu anh " * 10) + chunk(b"IEND", b""))


def test_check_rejects_a_photo_that_the_build_could_not_decode(tmp_path):
    site = write_site(tmp_path, {POST_PATH: PHOTO_POST.replace("hoi-nghi.jpg", "hong.png")})
    _png_with_broken_pixels(os.path.join(site, "content/posts/2024/anh/hong.png"))
    lines = check_lines(site)
    assert any(" E402 the image 'anh/hong.png' " in line for line in lines), lines
    code, out, err = run("build", "-s", site)
    assert code == 1 and " E402 " in out


def test_a_file_named_jpg_that_is_not_a_photo_never_reaches_another_program(tmp_path):
    """An EPS file named .jpg: Pillow would hand it to Ghostscript. A `gs` on PATH that
    leaves a mark shows whether anything ran it."""
    import subprocess
    import sys
    tools = tmp_path / "bin"
    tools.mkdir()
    ran = tmp_path / "gs-ran"
    (tools / "gs").write_text(f"#!/bin/sh\ntouch {ran}\nexit 1\n")
    (tools / "gs").chmod(0o755)
    site = write_site(tmp_path / "site", {POST_PATH: PHOTO_POST})
    os.makedirs(os.path.join(site, "content/posts/2024/anh"))
    with open(os.path.join(site, "content/posts/2024/anh/hoi-nghi.jpg"), "w") as f:
        f.write("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nnewpath 0 0 moveto 100 100 lineto stroke\nshowpage\n")
    env = dict(os.environ, PATH=f"{tools}{os.pathsep}{os.environ['PATH']}")
    for command in ("check", "build"):
        done = subprocess.run([sys.executable, "-m", "sitegen", command, "-s", site, "-j", "1"],
                              capture_output=True, text=True, env=env)
        assert done.returncode == 1 and "E402 the image 'anh/hoi-nghi.jpg' is not a picture" in done.stdout
    assert not ran.exists()
