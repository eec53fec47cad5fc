"""Test helper: write a tiny whole site from a dict of strings, and run sitegen on it."""
from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout

from sitegen.cli import main

SITE_YAML = "title: Chi bộ thôn Đông Lâm\nbase_url: https://example.edu.vn/tin-dang/\n"

UNITS_YAML = """\
- id: dang-uy-xa-an-khe
  name: Đảng ủy xã An Khê
  kind: dang_bo
- id: chi-bo-thon-dong-lam
  name: Chi bộ thôn Đông Lâm
  kind: chi_bo
  parent: dang-uy-xa-an-khe
- id: chi-bo-thon-tay-lam
  name: Chi bộ thôn Tây Lâm
  kind: chi_bo
  parent: dang-uy-xa-an-khe
"""

# A meeting post that checks clean: 30 members, 4 + 23 + 3 = 30, 4 <= 20% of 23.
POST = """\
---
title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024
date: 20/12/2024
unit: chi-bo-thon-dong-lam
review_year: 2024
attendance: {members: 30, present: 28}
results:
  unit:
    level: tot
    votes: {agree: 28, of: 28}
  members:
    total: 30
    xuat_sac: 4
    tot: 23
    hoan_thanh: 3
---

Sáng 20/12, Chi bộ thôn Đông Lâm tổ chức hội nghị.
"""

POST_PATH = "content/posts/2024/hoi-nghi.md"


def write_site(root, files: dict | None = None, base: bool = True) -> str:
    """Write site.yaml, units.yaml and the base post (unless replaced or set to None)."""
    all_files = {"site.yaml": SITE_YAML, "content/units.yaml": UNITS_YAML, POST_PATH: POST} if base else {}
    all_files.update(files or {})
    for rel, content in all_files.items():
        if content is None:
            continue
        path = os.path.join(str(root), *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(root)


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def check_lines(root, *extra) -> list[str]:
    code, out, err = run("check", "-s", str(root), "-j", "1", *extra)
    assert "Traceback" not in out + err
    return out.splitlines()


def check_json(root) -> list[dict]:
    code, out, err = run("check", "-s", str(root), "-j", "1", "--format", "json")
    return json.loads(out)


def post_with(old: str, new: str, text: str = POST) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps â ê ô ă ơ ư precomposed and writes tones as combining bytes."""
    import unicodedata
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in "\u0302\u0306\u031b":
            j = max(i for i, c in enumerate(out) if not unicodedata.combining(c))
            out[j] = unicodedata.normalize("NFC", out[j] + ch)
        else:
            out.append(ch)
    return "".join(out).encode("cp1258")


# "Đảng bộ xã tổ chức hội nghị" as the legacy encodings wrote it.
VNI_SAMPLE = b"\xd1a\xfbng bo\xe4 xa\xf5 to\xe5 ch\xf6\xf9c ho\xe4i ngh\xf2 "
TCVN3_SAMPLE = b"\xa7\xb6ng b\xe9 x\xb7 t\xe6 ch\xf8c h\xe9i ngh\xde "
