#!/usr/bin/env python3
"""`sitegen serve`: time from saving a one-post edit to the new page being served, on the
shared corpus of 3,000 posts by default (a real server process, polled over HTTP every 20 ms).

    python3 bench/bench_serve.py [--count 3000] [--edits 7]

Writes bench/results/serve.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import compile_bytecode, MAKE_CORPUS, REFERENCE_NOTE, machine, reference_seconds, serve_saves, write_report  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--where", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    a = ap.parse_args()
    compile_bytecode()
    site = os.path.join(a.where, f"sitegen-serve-{a.count}")
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([sys.executable, MAKE_CORPUS, "--count", str(a.count), "--format", "sitegen", "--out", site],
                   check=True, capture_output=True)
    first, times = serve_saves([sys.executable, "-m", "sitegen"], site, a.edits)
    reference = reference_seconds()
    report = "\n".join([
        f"# sitegen serve, {a.count:,} posts: one-post edit to new page served",
        "",
        machine(a.where),
        "",
        "| measure | value |",
        "|---|---|",
        f"| first build and server up | {first:.1f} s |",
        f"| save → new page served, median of {a.edits} | {statistics.median(times):.2f} s |",
        f"| fastest / slowest | {min(times):.2f} s / {max(times):.2f} s |",
        f"| {REFERENCE_NOTE} | {reference:.2f} s |",
        "",
        "Includes noticing the save (the system's file events), the 0.05 s settle time and the rebuild.",
        "",
    ])
    write_report("serve.md", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
