#!/usr/bin/env python3
"""`sitegen serve`: time from saving a one-post edit to the new page being served, on the
shared 1,000-post corpus (a real server process, polled over HTTP every 20 ms).

    python3 bench/bench_serve.py [--count 1000] [--edits 7]

Writes bench/results/serve.md.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import compile_bytecode, MAKE_CORPUS, REFERENCE_NOTE, machine, reference_seconds, write_report  # noqa: E402


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--where", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    a = ap.parse_args()
    compile_bytecode()
    site = os.path.join(a.where, f"sitegen-serve-{a.count}")
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([sys.executable, MAKE_CORPUS, "--count", str(a.count), "--format", "sitegen", "--out", site],
                   check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/tin-dang/"
    try:
        started = time.perf_counter()
        while True:
            try:
                get(base)
                break
            except OSError:
                time.sleep(0.1)
        first = time.perf_counter() - started
        post = sorted(glob.glob(os.path.join(site, "content", "posts", "2023", "*.md")))[0]
        slug = next(line.split('"')[1] for line in open(post, encoding="utf-8") if line.startswith("slug:"))
        url = f"{base}2023/{slug}/"
        times = []
        for i in range(a.edits):
            time.sleep(1.0)  # let the previous rebuild and poll settle
            marker = f"Câu đánh dấu số {i}."
            with open(post, encoding="utf-8") as f:
                text = f.read()
            with open(post, "w", encoding="utf-8") as f:
                f.write(text + f"\n{marker}\n")
            saved = time.perf_counter()
            while marker not in get(url):
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
    finally:
        proc.terminate()
        proc.wait(10)
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
        "Includes the watcher's polling (every 0.1 s), the 0.05 s settle time and the rebuild.",
        "",
    ])
    write_report("serve.md", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
