#!/usr/bin/env python3
"""The bare floor of a Python generator on a corpus: read every post, load its front matter
with libyaml, convert its body with python-markdown (one instance per process, reset() for
each post), render one small Jinja2 template and write the page, over all cores. No
validation, no archives, no search index.

    python3 bench/floor.py SITE_DIR [--jobs N]

The pages go to SITE_DIR/floor-output/, emptied first.

docs/performance.md sets sitegen's cold build against this; bench_peers.py times it each round.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys

import jinja2
import markdown
import yaml

TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    "<!doctype html><html lang=vi><title>{{ meta.title }}</title><main><h1>{{ meta.title }}</h1>"
    "<p>{{ meta.date }}</p>{{ body | safe }}</main></html>")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONVERTER = markdown.Markdown(extensions=["tables"])
_places: tuple = ()  # (content folder, output folder), set before the workers fork


def one(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=LOADER)
    html = CONVERTER.reset().convert(body)
    page = TEMPLATE.render(meta=meta, body=html).encode("utf-8")
    target = os.path.join(_places[1], os.path.relpath(path, _places[0]))[:-3] + ".html"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(page)
    return len(page)


def chunk(paths: list) -> int:
    return sum(one(p) for p in paths)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    global _places
    _places = (os.path.join(a.site, "content"), os.path.join(a.site, "floor-output"))
    shutil.rmtree(_places[1], ignore_errors=True)
    paths = sorted(os.path.join(b, n) for b, _, names in os.walk(_places[0])
                   for n in names if n.endswith(".md"))
    size = max(1, len(paths) // (a.jobs * 8))
    parts = [paths[i:i + size] for i in range(0, len(paths), size)]
    with multiprocessing.get_context("fork").Pool(a.jobs) as pool:
        total = sum(pool.map(chunk, parts))
    print(f"{len(paths)} posts, {total} bytes of HTML", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
