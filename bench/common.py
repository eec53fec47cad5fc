"""What the benchmark scripts share: the reference loop and writing a report."""
from __future__ import annotations

import compileall
import os
import platform
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
