#!/usr/bin/env python3
"""Time `sitegen check` on the shared benchmark corpus (10,000 posts by default).

    python3 bench/bench_check.py [--count 10000] [--runs 5] [--where /dev/shm]

Generates the corpus with ../shared/bench/make_corpus.py (once; reused if present),
runs the real console command in a fresh process each time: a first check (its cache
removed), a check with nothing changed and a check after one post was edited, in turn.
Reports the median wall time, the spread, CPU time and the peak memory (max RSS of the
process and its workers).
Writes bench/results/check.md.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import installed_sitegen, MAKE_CORPUS, REFERENCE_NOTE, machine, reference_seconds, write_report  # noqa: E402


def corpus(where: str, count: int) -> str:
    out = os.path.join(where, f"sitegen-bench-{count}")
    if not os.path.exists(os.path.join(out, "site.yaml")):
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, MAKE_CORPUS, "--count", str(count), "--format", "sitegen",
                        "--out", out], check=True)
    return out


CACHE = os.path.join(".sitegen-cache", "check.pickle")


SITEGEN: list = []  # the installed command (common.installed_sitegen), set by main()


def run_once(site: str, jobs: str | None) -> tuple[float, int, int, float]:
    """(wall seconds, exit status, peak RSS in KB, CPU seconds of sitegen and its workers)."""
    cmd = SITEGEN + ["check", "-s", site]
    if jobs:
        cmd += ["-j", jobs]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, proc.returncode, max(after.ru_maxrss, before.ru_maxrss), cpu


def first_post(site: str) -> str:
    posts = os.path.join(site, "content", "posts")
    year = sorted(os.listdir(posts))[0]
    return os.path.join(posts, year, sorted(os.listdir(os.path.join(posts, year)))[0])


KINDS = ("first check (no cache: every file read)", "check again, nothing changed",
         "check again, one post edited")


def timed_rounds(site: str, runs: int, jobs: str | None) -> dict | None:
    """{kind: [(wall, CPU, peak RSS)]}, the three kinds in turn in each round, so that a
    slow minute of the machine hits all three; None if a run failed. The edited post
    is put back as it was."""
    edited = first_post(site)
    with open(edited, "rb") as f:
        original = f.read()
    out: dict = {kind: [] for kind in KINDS}
    try:
        for n in range(runs):
            for kind in KINDS:
                if kind == KINDS[0] and os.path.exists(os.path.join(site, CACHE)):
                    os.remove(os.path.join(site, CACHE))
                if kind == KINDS[2]:  # a sentence added to the body: the file is read again
                    with open(edited, "wb") as f:
                        f.write(original + f"\nCâu sửa lần {n}.\n".encode())
                elapsed, code, rss, cpu = run_once(site, jobs)
                if code not in (0, 1):
                    print(f"sitegen check failed with exit status {code}", file=sys.stderr)
                    return None
                out[kind].append((elapsed, cpu, rss))
    finally:
        with open(edited, "wb") as f:
            f.write(original)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--where", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    ap.add_argument("--jobs", default=None)
    a = ap.parse_args()
    SITEGEN[:] = installed_sitegen()
    site = corpus(a.where, a.count)
    run_once(site, a.jobs)  # warm the page cache, as a second check after editing would be
    before = reference_seconds()
    runs = timed_rounds(site, a.runs, a.jobs)
    if runs is None:
        return 1
    after = reference_seconds()
    lines = [
        f"# sitegen check, {a.count:,} posts",
        "",
        f"{machine(a.where)} {a.runs} rounds after one warm-up; in each round the three runs",
        "follow each other. A fresh process each run, as a user runs it.",
        "",
        "| run | median wall time | fastest / slowest | CPU time, all processes (median) |",
        "|---|---|---|---|",
    ]
    for kind in KINDS:
        walls = [wall for wall, _, _ in runs[kind]]
        lines.append(f"| {kind} | {statistics.median(walls):.2f} s | {min(walls):.2f} s / {max(walls):.2f} s "
                     f"| {statistics.median(cpu for _, cpu, _ in runs[kind]):.2f} s |")
    peak = max(rss for kind in KINDS for _, _, rss in runs[kind])
    lines += [
        "",
        f"Peak memory (largest process): {peak / 1024:.0f} MB.",
        f"{REFERENCE_NOTE[0].upper() + REFERENCE_NOTE[1:]}: {before:.2f} s before, {after:.2f} s after.",
        "",
    ]
    write_report("check.md", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
