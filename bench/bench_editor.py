#!/usr/bin/env python3
"""The editor: time from a keystroke in the form to its problem shown at the field, in
Debian's Chromium driven by Playwright, on the example site (or a corpus of --count posts).

    python3 bench/bench_editor.py [--count 0] [--keys 15]

Each round types a wrong count into "Hoàn thành tốt nhiệm vụ" (E301 appears at the
group) and then the right one (it vanishes); the time runs from the key to the change on
the page, and includes the form's wait of 0.12 s for typing to pause. Writes
bench/results/editor.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
from common import MAKE_CORPUS, compile_bytecode, machine, write_report  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=0, help="posts in a generated corpus; 0: the example site")
    ap.add_argument("--keys", type=int, default=15)
    ap.add_argument("--where", default="/dev/shm" if os.path.isdir("/dev/shm") else "/tmp")
    a = ap.parse_args()
    compile_bytecode()
    site = os.path.join(a.where, f"sitegen-editor-{a.count}")
    shutil.rmtree(site, ignore_errors=True)
    if a.count:
        subprocess.run([sys.executable, MAKE_CORPUS, "--count", str(a.count), "--format", "sitegen", "--out", site],
                       check=True, capture_output=True)
    else:
        root = os.path.join(HERE, "..")
        os.makedirs(site)
        for name in ("content", "layouts", "assets"):
            shutil.copytree(os.path.join(root, name), os.path.join(site, name))
        shutil.copy(os.path.join(root, "site.yaml"), site)
    from browser import chromium
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--port", str(port)], cwd=site,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    times = []
    try:
        while "/_soan-bai/" not in proc.stdout.readline():
            pass
        with chromium() as browser:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/_soan-bai/")
            page.get_by_role("button", name="Bài mới").click()
            for label, value in (("Tiêu đề", "Chi bộ thử kiểm điểm năm 2025"), ("Ngày đăng", "22/12/2025"),
                                 ("Năm đánh giá", "2025"), ("Tổng số đảng viên", "8"),
                                 ("Hoàn thành xuất sắc nhiệm vụ", "1")):
                page.get_by_label(label, exact=True).fill(value)
            good = page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True)
            error = "() => document.querySelector('#f-results-members-err').textContent.includes('E301')"
            for i in range(a.keys):
                good.fill("")
                page.wait_for_function(error)  # nothing placed at "tốt": E301 shown
                good.focus()
                started = time.perf_counter()
                page.keyboard.type("7")
                page.wait_for_function("() => !document.querySelector('#f-results-members-err').textContent")
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                page.keyboard.press("Backspace")
                page.keyboard.type("6")
                page.wait_for_function(error)
                times.append(time.perf_counter() - started)
    finally:
        proc.terminate()
        proc.wait(10)
    what = f"{a.count:,} posts" if a.count else "the example site"
    report = "\n".join([
        f"# The editor, {what}: keystroke to its problem shown (or gone) at the field",
        "",
        machine(a.where),
        "",
        "| measure | value |",
        "|---|---|",
        f"| keystrokes timed | {len(times)} |",
        f"| median | {statistics.median(times):.3f} s |",
        f"| slowest | {max(times):.3f} s |",
        "",
        "Includes the form's 0.12 s pause before it asks for a check.",
        "",
    ])
    write_report("editor.md" if not a.count else f"editor-{a.count}.md", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
