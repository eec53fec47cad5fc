"""Fuzzing: valid files mutated at random (types, unicode, huge numbers, nesting, aliases,
truncation, stray bytes) must end in a problem report or a clean build, never a crash.

Inputs that once made sitegen fail are kept in tests/fuzz_corpus/ and replayed first:
name a file `post-*.md`, `units-*.yaml` or `site-*.yaml` and it replaces that file of
the base site.
"""
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitekit import POST, POST_PATH, SITE_YAML, UNITS_YAML, run, write_site

CORPUS = os.path.join(os.path.dirname(__file__), "fuzz_corpus")
TARGETS = {"post": POST_PATH, "units": "content/units.yaml", "site": "site.yaml"}
BASE = {"post": POST, "units": UNITS_YAML,
        "site": SITE_YAML + "quota: {percent: 20, base: tot}\nposts_per_page: 10\n"}

NASTY_VALUES = [
    "", "~", "null", "-1", "0", "1e309", "-.inf", ".nan", "99999999999999999999999999", "0x1F", "0o17",
    "010", "08", "1_000", "true", "no", "[]", "{}", "[1, [2, [3]]]", "{a: {b: {c: 1}}}", "'", '"',
    "[", "{a: [}", "*nothing", "&a [*a, *a]", "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=", "2024-02-30", "31/02/2024", "30/13/2024", "2024-12-20 25:61",
    "\u0000", "\ufeff", "Đảng\u0301\u0301\u0301", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u202eđảo chiều", "x" * 5000,
    "../../../etc/passwd", "/tmp/x.jpg", "C:\\\\Windows\\\\x.jpg", "|\n  khối\n  văn bản", ">-\n  gấp",
]


def nasty_value():
    return st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=40),
                     st.integers(min_value=-(10 ** 30), max_value=10 ** 30).map(str),
                     st.floats(allow_nan=True, allow_infinity=True).map(repr))


KEYED = [(target, i) for target in sorted(BASE) for i, text in enumerate(BASE[target].split("\n"))
         if ":" in text and not text.startswith("---")]
NUMBERS = st.one_of(st.integers(-1000, 1000), st.integers(10 ** 6, 10 ** 40), st.integers(-(10 ** 40), -(10 ** 6)))


@st.composite
def new_value(draw):
    """(target, bytes): one value of a valid file replaced by something hostile."""
    target, at = draw(st.sampled_from(KEYED))
    lines = BASE[target].split("\n")
    key = lines[at].split(":", 1)[0]
    value = draw(st.one_of(nasty_value(), NUMBERS.map(str)))
    lines[at] = f"{key}: {value}"
    return target, "\n".join(lines).encode("utf-8")


@st.composite
def new_shape(draw):
    """(target, bytes): a valid file damaged in its structure."""
    target = draw(st.sampled_from(["post", "post", "units", "site"]))
    lines = BASE[target].split("\n")
    op = draw(st.sampled_from(["insert", "truncate", "duplicate", "delete", "indent", "bytes", "nest", "alias"]))
    at = draw(st.integers(0, max(0, len(lines) - 1)))
    line = lines[at]
    if op == "insert":
        indent = " " * draw(st.sampled_from([0, 2, 4, 6]))
        key = draw(st.sampled_from(["title", "results", "members", "tot", "total", "xuat_sac", "votes",
                                    "parent", "id", "quota", "extra", "không_biết", "photos"]))
        lines.insert(at, f"{indent}{key}: {draw(nasty_value())}")
    elif op == "duplicate":
        lines.insert(at, line)
    elif op == "delete":
        del lines[at]
    elif op == "indent":
        lines[at] = " " * draw(st.integers(0, 9)) + line.lstrip(" ")
    elif op == "nest":
        depth = draw(st.integers(1, 3000))
        lines.insert(at, "deep: " + "[" * depth + "]" * depth)
    elif op == "alias":
        width = draw(st.integers(2, 12))
        bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for i in range(1, width):
            bomb.append(f"a{i}: &a{i} [{', '.join(['*a' if i == 1 else f'*a{i - 1}'] * 10)}]")
        lines[at:at] = bomb
    data = "\n".join(lines).encode("utf-8")
    if op == "truncate":
        data = data[:draw(st.integers(0, len(data)))]
    elif op == "bytes":
        where = draw(st.integers(0, len(data)))
        data = data[:where] + draw(st.binary(min_size=1, max_size=8)) + data[where:]
    return target, data


def assert_no_crash(site: str) -> None:
    code, out, err = run("check", "-s", site, "-j", "1")
    assert code in (0, 1, 2), (code, out, err)
    assert "internal error" not in err and "Traceback" not in out + err, err
    code, out, err = run("build", "-s", site)
    assert code in (0, 1, 2), (code, out, err)
    assert "internal error" not in err and "Traceback" not in out + err, err


@settings(max_examples=int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.one_of(new_value(), new_shape()))
def test_mutated_files_never_crash(tmp_path_factory, case):
    target, data = case
    site = write_site(tmp_path_factory.mktemp("fuzz"), {TARGETS[target]: data})
    try:
        assert_no_crash(site)
    finally:
        shutil.rmtree(site, ignore_errors=True)


def corpus_files():
    return sorted(os.listdir(CORPUS)) if os.path.isdir(CORPUS) else []


@pytest.mark.parametrize("name", corpus_files())
def test_inputs_that_once_failed(tmp_path, name):
    target = name.split("-", 1)[0]
    with open(os.path.join(CORPUS, name), "rb") as f:
        data = f.read()
    assert_no_crash(write_site(tmp_path / "site", {TARGETS[target]: data}))


def test_the_corpus_is_there():
    assert len(corpus_files()) >= 5  # the replay above must not silently test nothing
