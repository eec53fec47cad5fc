#!/usr/bin/env python3
"""Photos: time a cold build of a site with 200 phone-size photos, then a rebuild with no
photo changed (which should encode nothing and read no photo).

    python3 bench/bench_images.py [--photos 200] [--where /dev/shm]

Photos are 4032x3024 JPEGs with camera noise, EXIF orientation and GPS, like a phone's
(about 3-4 MB each). Writes bench/results/images.md.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
from common import machine, write_report  # noqa: E402

POST = """---
title: Hội nghị số {i}
date: 15/12/2024
slug: hoi-nghi-{i}
photos:
{photos}
---

Nội dung bài {i}.
"""


def make_site(root: str, count: int, per_post: int = 10) -> None:
    from PIL import Image
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Ảnh\nbase_url: /\n")
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 10.0)}
    for p in range(count // per_post):
        folder = os.path.join(root, "content", "posts", "2024", f"bai-{p}")
        os.makedirs(folder, exist_ok=True)
        names = []
        for k in range(per_post):
            name = f"anh-{k}.jpg"
            noise = Image.effect_noise((4032, 3024), 40 + p + k).convert("RGB")
            noise.save(os.path.join(folder, name), "JPEG", quality=92, exif=exif)
            names.append(f"  - src: {name}")
        with open(os.path.join(folder, "index.md"), "w", encoding="utf-8") as f:
            f.write(POST.format(i=p, photos="\n".join(names)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=200)
    ap.add_argument("--where", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    a = ap.parse_args()
    root = os.path.join(a.where, f"sitegen-photos-{a.photos}")
    if not os.path.exists(os.path.join(root, "site.yaml")):
        make_site(root, a.photos)
    from sitegen.build import build
    shutil.rmtree(os.path.join(root, ".sitegen-cache"), ignore_errors=True)
    shutil.rmtree(os.path.join(root, "output"), ignore_errors=True)
    start = time.perf_counter()
    cold = build(root)
    cold_s = time.perf_counter() - start
    start = time.perf_counter()
    warm = build(root)
    warm_s = time.perf_counter() - start
    assert cold.ok and warm.ok
    size = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(os.path.join(root, "content")) for n in ns)
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    report = "\n".join([
        f"# Photos: {a.photos} phone-size photos (4032x3024 JPEG, {size / a.photos / 1e6:.1f} MB each)",
        "",
        machine(a.where),
        "",
        "| build | time | photos encoded | files written |",
        "|---|---|---|---|",
        f"| cold (no cache, no output) | {cold_s:.1f} s | {cold.photos_encoded} | {cold.stats.written} |",
        f"| again, nothing changed | {warm_s:.2f} s | {warm.photos_encoded} | {warm.stats.written} |",
        "",
        f"Peak memory of the largest process: {peak / 1024:.0f} MB.",
        "",
    ])
    write_report("images.md", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
