"""What the benchmark scripts share: the reference loop and writing a report."""
from __future__ import annotations

import compileall
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_CORPUS = os.path.join(HERE, "..", "..", "shared", "bench", "make_corpus.py")
REFERENCE_NOTE = "reference loop (10M additions; ~0.5 s when this machine is quiet, up to 2.5 s when it is not)"


def compile_bytecode() -> None:
    """Write sitegen's .pyc files before timing. An installed package has them (pip
    compiles on install, and Python writes them on first import), but an editable install
    under PYTHONDONTWRITEBYTECODE (set on this machine) would compile every module from
    source in every timed run: ~0.15 s that no user pays."""
    compileall.compile_dir(os.path.join(HERE, "..", "sitegen"), quiet=1)


def installed_sitegen() -> list:
    """The `sitegen` command as a user has it: this checkout installed with pip (not
    editable) into an environment of its own under bench/work/, made again each run.
    What is timed is then sitegen, not the development environment's start-up: an
    editable install's import hook and other packages' .pth files cost ~0.05 s of every
    command here, a quarter of a one-post edit's rebuild."""
    venv = os.path.join(HERE, "work", "sitegen-venv")
    pip = os.path.join(venv, "bin", "pip")
    if not os.path.exists(pip):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    # From a copy of what the package is made of (a build/ folder in the checkout, left
    # by an earlier install, would lend its files to this one).
    source = os.path.join(HERE, "work", "sitegen-source")
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "..", "sitegen"), os.path.join(source, "sitegen"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(os.path.join(HERE, "..", name), source)
    subprocess.run([pip, "install", "-q", source], check=True)  # with its dependencies
    subprocess.run([pip, "install", "-q", "--force-reinstall", "--no-deps", source], check=True)  # this code
    return [os.path.join(venv, "bin", "sitegen")]


def reference_seconds() -> float:
    """A fixed pure-Python loop: this kind of machine's speed varies by 2x over minutes,
    so each report says how fast the machine was while it was measured."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def machine(where: str) -> str:
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; site on {where}.")


def write_report(name: str, text: str) -> None:
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", name), "w", encoding="utf-8") as f:
        f.write(text)


def serve_saves(sitegen: list, site: str, edits: int, pause: float = 1.0) -> tuple[float, list]:
    """Start `sitegen serve` on `site` (a corpus of the shared generator) and time, for
    each of `edits` saves of one post, from the save until the server sends the page
    with the new text. (seconds until the server answered, [seconds of each save])."""
    import glob
    import socket
    import urllib.request

    def get(url: str) -> str:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(sitegen + ["serve", "-s", site, "--port", str(port)],
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
        with open(post, encoding="utf-8") as f:
            slug = next(line.split('"')[1] for line in f if line.startswith("slug:"))
        url = f"{base}2023/{slug}/"
        times = []
        for i in range(edits):
            time.sleep(pause)  # let the previous rebuild and poll settle
            marker = f"Câu đánh dấu số {i} lúc {time.time()}."
            with open(post, "a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            saved = time.perf_counter()
            while marker not in get(url):
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
    finally:
        proc.terminate()
        proc.wait(10)
    return first, times
