"""Bad input never produces a traceback: each hostile file gets exactly one problem line."""
import os
import subprocess
import sys

import pytest

from sitekit import POST, POST_PATH, check_lines, write_site

BOMB = "---\na: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [" + ",".join([f"*{p}"] * 10) + "]\n" for p, n in zip("abcdef", "bcdefg")) + "---\n"

HOSTILE = {
    "empty file": ("", "E103 the file is empty"),
    "only dashes": ("---\n", "E103 front matter not closed"),
    "a YAML list": ("---\n- title: a\n- date: b\n---\n", "E203 the front matter must be a map of keys"),
    "a single value": ("---\nchỉ một dòng chữ\n---\n", "E203 the front matter must be a map of keys"),
    "5 MB front matter": ("---\ntitle: " + "a" * 5_000_000 + "\n---\n", "E103 the front matter is 4.8 MB"),
    "binary junk": (bytes(range(256)) * 100, "E101 the file is binary"),
    "deep flow nesting": ("---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\n",
                          "E102 the YAML is nested more than 40 levels deep"),
    "deep block nesting": ("---\n" + "".join("  " * i + f"k{i}:\n" for i in range(200)) + "---\n",
                           "E102 the YAML is indented or nested more than 40 levels deep"),
    "billion laughs": (BOMB, "E102 the YAML expands to more than 100,000 values"),
    "python tag": ("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n",
                   "E102 the tag !!python/object/apply:os.system is not allowed in front matter"),
    "duplicate key": ("---\ntitle: a\ntitle: b\ndate: 01/12/2024\n---\n",
                      "E102 the key 'title' appears twice (first at line 2)"),
    "tab indentation": ("---\ntitle: a\n\tdate: 01/12/2024\n---\n", "indent with spaces, not tabs"),
    "huge number": (POST.replace("hoan_thanh: 3", "hoan_thanh: 99999999999999999999999"),
                    "E203 results.members.hoan_thanh is 99999999999999999999999; it must be 10000000 or less"),
    "results not a map": (POST.split("results:")[0] + "results: 30\n---\n", "E203 results must be a map"),
    "counts as text": (POST.replace("hoan_thanh: 3", "hoan_thanh: ba"), "E203 results.members.hoan_thanh must be a count"),
    "NUL in the middle": (POST.encode() + b"\x00" * 10, "E101 the file is binary"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_gets_one_clear_line(tmp_path, name):
    content, expected = HOSTILE[name]
    write_site(tmp_path, {POST_PATH: content})
    lines = check_lines(tmp_path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(POST_PATH + ":")
    assert expected in lines[0]


def test_hostile_site_yaml_and_units(tmp_path):
    write_site(tmp_path, {"site.yaml": "- just\n- a list\n", "content/units.yaml": "id: not-a-list\n"})
    lines = check_lines(tmp_path)
    assert lines == [
        "content/posts/2024/hoi-nghi.md:4:7: E204 unit 'chi-bo-thon-dong-lam' is not in content/units.yaml, "
        "which is missing or empty; add it there or correct the id",
        "content/units.yaml:1:1: E203 units.yaml must be a list of units, each starting with '- id: ...'",
        "site.yaml:1:1: E203 site.yaml must be a map of keys (title: ..., base_url: ...)",
    ]


def test_console_script_prints_no_traceback(tmp_path):
    """The real entry point, in a separate process, on a site full of broken files."""
    files = {f"content/posts/2024/{i}.md": content for i, (content, _) in enumerate(HOSTILE.values())}
    write_site(tmp_path, files)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as for users
    proc = subprocess.run([sys.executable, "-m", "sitegen", "check", "-s", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert len(proc.stdout.splitlines()) >= len(HOSTILE)
