#!/usr/bin/env python3
"""Time `sitegen check` on the shared benchmark corpus (10,000 posts by default).

    python3 bench/bench_check.py [--count 10000] [--runs 5] [--where /dev/shm]

Generates the corpus with ../shared/bench/make_corpus.py (once; reused if present),
runs the real console command in a fresh process each time, and reports the median
wall time, the spread and the peak memory (max RSS of the process and its workers).
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
from common import compile_bytecode, MAKE_CORPUS, REFERENCE_NOTE, machine, reference_seconds, write_report  # noqa: E402


def corpus(where: str, count: int) -> str:
    out = os.path.join(where, f"sitegen-bench-{count}")
    if not os.path.exists(os.path.join(out, "site.yaml")):
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, MAKE_CORPUS, "--count", str(count), "--format", "sitegen",
                        "--out", out], check=True)
    return out


def run_once(site: str, jobs: str | None) -> tuple[float, int, int, float]:
    """(wall seconds, exit status, peak RSS in KB, CPU seconds of sitegen and its workers)."""
    cmd = [sys.executable, "-m", "sitegen", "check", "-s", site]
    if jobs:
        cmd += ["-j", jobs]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, proc.returncode, max(after.ru_maxrss, before.ru_maxrss), cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--where", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    ap.add_argument("--jobs", default=None)
    a = ap.parse_args()
    compile_bytecode()
    site = corpus(a.where, a.count)
    run_once(site, a.jobs)  # warm the page cache, as a second check after editing would be
    times, cpus, peak = [], [], 0
    for _ in range(a.runs):
        elapsed, code, rss, cpu = run_once(site, a.jobs)
        cpus.append(cpu)
        if code not in (0, 1):
            print(f"sitegen check failed with exit status {code}", file=sys.stderr)
            return 1
        times.append(elapsed)
        peak = max(peak, rss)
    med = statistics.median(times)
    reference = reference_seconds()
    lines = [
        f"# sitegen check, {a.count:,} posts",
        "",
        f"{machine(a.where)} {a.runs} runs after one warm-up.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| median wall time | {med:.2f} s |",
        f"| fastest / slowest | {min(times):.2f} s / {max(times):.2f} s |",
        f"| CPU time, all processes (median) | {statistics.median(cpus):.2f} s |",
        f"| peak memory (largest process) | {peak / 1024:.0f} MB |",
        f"| {REFERENCE_NOTE} | {reference:.2f} s |",
        "",
    ]
    write_report("check.md", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
