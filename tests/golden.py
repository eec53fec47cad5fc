"""The golden copy of the example site's output (tests/golden/example/).

    python3 tests/golden.py          # compare, like the test does
    python3 tests/golden.py --update # regenerate after an intended change; review the diff

Text files are compared byte for byte. Photos are compared by size in pixels only: their
JPEG bytes depend on the libjpeg that the installed Pillow wheel ships.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLDEN = os.path.join(HERE, "golden", "example")
IMAGES = (".jpg", ".jpeg", ".png", ".webp")
sys.path.insert(0, ROOT)


def build_example(into: str) -> None:
    from sitegen.build import build
    result = build(ROOT, output=into)
    assert result.ok, [p.as_text() for p in result.problems]


def tree(folder: str) -> dict:
    out = {}
    for base, dirs, names in os.walk(folder):
        for name in names:
            full = os.path.join(base, name)
            out[os.path.relpath(full, folder).replace(os.sep, "/")] = full
    return out


def differences(actual: str, expected: str = GOLDEN) -> list[str]:
    from PIL import Image
    got, want = tree(actual), tree(expected)
    problems = [f"missing: {rel}" for rel in sorted(set(want) - set(got))]
    problems += [f"unexpected: {rel}" for rel in sorted(set(got) - set(want))]
    for rel in sorted(set(got) & set(want)):
        if rel.endswith(IMAGES):
            with Image.open(got[rel]) as a, Image.open(want[rel]) as b:
                if a.size != b.size:
                    problems.append(f"differs: {rel} ({a.size} != {b.size})")
            continue
        with open(got[rel], "rb") as a, open(want[rel], "rb") as b:
            if a.read() != b.read():
                problems.append(f"differs: {rel}")
    return problems


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "output")
        build_example(out)
        if "--update" in sys.argv:
            shutil.rmtree(GOLDEN, ignore_errors=True)
            shutil.copytree(out, GOLDEN)
            print(f"updated {GOLDEN}")
            return 0
        problems = differences(out)
    print("\n".join(problems) or "output matches the golden copy")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
