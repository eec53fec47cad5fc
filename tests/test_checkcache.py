"""`sitegen check` remembers each file's result between runs: a check that reuses it must
report exactly what a check that reads everything reports, after any sequence of edits."""
import os
import re
import shutil

from hypothesis import HealthCheck, given, settings, strategies as st

import golden
from sitegen.build import build
from sitegen.cache.checkcache import CACHE_FILE
from sitegen.check.loading import check_site
from sitekit import run

THCS = "content/posts/2025/thcs-kiem-diem-2025/index.md"
PHOTO = "content/posts/2025/thcs-kiem-diem-2025/quang-canh.jpg"


def _copy_example(site: str) -> str:
    for name in ("site.yaml", "content"):
        src = os.path.join(golden.ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, name))
    return site


def _replace(site: str, rel: str, old: str, new: str) -> None:
    path = os.path.join(site, rel)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, (rel, old)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def edit(site: str, kind: str, n: int) -> None:
    """One edit that changes what check reports, or that must not."""
    if kind == "count":  # the levels add up, or no longer do (E301)
        path = os.path.join(site, THCS)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        tot = int(re.search(r"\n    tot: (\d+)", text).group(1))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(f"\n    tot: {tot}", f"\n    tot: {17 + (tot - 16 + n) % 3}"))
    elif kind == "photo-gone":  # an unchanged post's photo disappears: E402
        if os.path.exists(os.path.join(site, PHOTO)):
            os.rename(os.path.join(site, PHOTO), os.path.join(site, PHOTO + ".bak"))
    elif kind == "photo-back":
        if os.path.exists(os.path.join(site, PHOTO + ".bak")):
            os.rename(os.path.join(site, PHOTO + ".bak"), os.path.join(site, PHOTO))
    elif kind == "quota":  # site.yaml's quota changes W501 in files that did not change
        with open(os.path.join(site, "site.yaml"), encoding="utf-8") as f:
            text = f.read()
        percent = 10 if "percent: 20" in text else 20
        with open(os.path.join(site, "site.yaml"), "w", encoding="utf-8") as f:
            f.write(text.replace("percent: 20", f"percent: {percent}").replace("percent: 10", f"percent: {percent}"))
    elif kind == "unit-gone":  # posts of a unit that no longer exists: an error in each
        path = os.path.join(site, "content", "units.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("id: chi-bo-thon-an-thanh", f"id: chi-bo-thon-an-thanh-{n}"))
    elif kind == "unit-broken":  # a problem in units.yaml itself (the cache keeps its own)
        path = os.path.join(site, "content", "units.yaml")
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n- id: chi-bo-moi-{n}\n  name: Chi bộ mới {n}\n  kind: chi_bo\n  parent: khong-co-{n}\n")
    elif kind == "page-broken":  # the last file read has problems of its own
        _replace(site, "content/pages/lien-he.md", "title:", "title: [")
    elif kind == "build":  # a build leaves what check would remember (when it succeeds)
        build(site)
    elif kind == "restamp":  # same size, modification time put back
        path = os.path.join(site, THCS)
        st = os.stat(path)
        with open(path, encoding="utf-8") as f:
            swapped = "of: 23}" in f.read()
        _replace(site, THCS, *(("of: 23}", "of: 32}") if swapped else ("of: 32}", "of: 23}")))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif kind == "broken":  # a post whose front matter no longer parses
        _replace(site, THCS, "title: ", "title: [")
    elif kind == "rename":
        os.rename(os.path.join(site, THCS), os.path.join(site, os.path.dirname(THCS), f"bai-{n}.md"))
    elif kind == "delete":
        posts = sorted(os.path.join(b, f) for b, _, fs in os.walk(os.path.join(site, "content", "posts"))
                       for f in fs if f.endswith(".md"))
        if len(posts) > 3:
            os.remove(posts[n % len(posts)])


EDITS = st.lists(st.tuples(st.sampled_from(["count", "photo-gone", "photo-back", "quota", "unit-gone",
                                            "unit-broken", "page-broken", "build", "build",
                                            "restamp", "broken", "rename", "delete", "none"]),
                           st.integers(0, 40)), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_a_check_from_the_cache_reports_what_a_full_check_reports(tmp_path_factory, edits):
    site = _copy_example(str(tmp_path_factory.mktemp("site")))
    assert check_site(site).problems == check_site(site, cache=False).problems
    assert os.path.exists(os.path.join(site, CACHE_FILE))
    for kind, n in edits:
        if os.path.exists(os.path.join(site, THCS)) or kind not in ("count", "restamp", "broken", "rename"):
            edit(site, kind, n)
        assert check_site(site).problems == check_site(site, cache=False).problems, (kind, n)


def test_each_edit_shows_in_the_next_check(tmp_path):
    """The cache never hides a new problem, even in a file that did not change."""
    site = _copy_example(str(tmp_path))
    assert check_site(site).problems == ()
    expected = {"count": "E301", "photo-gone": "E402", "quota": "W501", "unit-gone": "E", "restamp": "W504",
                "unit-broken": ("content/units.yaml", "E204"), "page-broken": ("content/pages/lien-he.md", "E102")}
    for kind, code in expected.items():
        edit(site, kind, 0)
        found = check_site(site).problems
        if isinstance(code, tuple):  # a file of its own
            assert code in [(p.path, p.code) for p in found], (kind, found)
        else:
            assert any(p.code.startswith(code) for p in found), (kind, found)


def test_a_damaged_or_unwritable_cache_changes_nothing(tmp_path):
    site = _copy_example(str(tmp_path))
    edit(site, "count", 0)
    clean = run("check", "-s", site, "--no-cache")
    assert not os.path.exists(os.path.join(site, CACHE_FILE))  # --no-cache writes nothing
    assert run("check", "-s", site)[:2] == clean[:2]
    with open(os.path.join(site, CACHE_FILE), "wb") as f:
        f.write(b"\x80\x05 not a pickle")
    assert run("check", "-s", site)[:2] == clean[:2]
    # Nowhere to write it (tests run as root here, so a read-only folder would not do).
    shutil.rmtree(os.path.join(site, ".sitegen-cache"))
    with open(os.path.join(site, ".sitegen-cache"), "w") as f:
        f.write("a file where the cache folder would be")
    code, out, err = run("check", "-s", site)
    assert (code, out) == clean[:2] and "Traceback" not in err


def test_a_check_after_a_build_reads_no_file_again(tmp_path, monkeypatch):
    from sitegen.check import loading
    site = _copy_example(str(tmp_path))
    edit(site, "quota", 0)  # some warnings, so that there is something to remember
    assert build(site).ok
    read = []
    original = loading._check_entry
    monkeypatch.setattr(loading, "_check_entry", lambda *args: read.append(args[1]) or original(*args))
    assert check_site(site).problems == build(site, write=False).problems
    assert read == []
    edit(site, "count", 0)
    cached = check_site(site).problems
    assert read == [THCS]
    assert cached == check_site(site, cache=False).problems


def test_a_cache_saved_by_another_process_serves_the_next_check(tmp_path, monkeypatch):
    """Many files read: other processes read them and another saves the cache while
    this one checks across files. The next check must find it complete."""
    from sitegen.check import loading
    site = _copy_example(str(tmp_path))
    edit(site, "quota", 0)
    full = check_site(site, cache=False).problems
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)  # the example site is small
    monkeypatch.setattr(loading, "MIN_CHUNK", 1)
    assert check_site(site, jobs=2).problems == full
    read = []
    original = loading._check_entry
    monkeypatch.setattr(loading, "_check_entry", lambda *args: read.append(args[1]) or original(*args))
    assert check_site(site, jobs=2).problems == full
    assert read == []
