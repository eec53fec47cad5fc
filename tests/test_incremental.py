"""A build that reuses .sitegen-cache must write exactly what a clean build writes, after
any sequence of edits: content, templates, units, settings, deletions, renames."""
import hashlib
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import golden
from sitegen.build import build
from sitegen.cache.memo import load_memo
from sitegen.write.outputmark import MARK
from sitekit import POST, POST_PATH, run, write_site
from test_build import tree_hashes

POSTS = "content/posts"


def edit(site: str, kind: str, n: int) -> None:
    posts = sorted(os.path.join(b, f) for b, _, fs in os.walk(os.path.join(site, POSTS)) for f in fs if f.endswith(".md"))
    post = posts[n % len(posts)]

    def rewrite(path, old, new):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1) if old else text + new)

    if kind == "body":
        rewrite(post, None, f"\nMột câu thêm số {n}.\n")
    elif kind == "opening":  # the first paragraph: the summary on every list showing the post
        rewrite(post, "\n---\n\n", f"\n---\n\nMở đầu {n}. ")
    elif kind == "page-body":
        rewrite(os.path.join(site, "content", "pages", "lien-he.md"), None, f"\nĐiện thoại: {n}.\n")
    elif kind == "title":
        rewrite(post, "title: ", f"title: Sửa {n} ")
    elif kind == "template":
        os.makedirs(os.path.join(site, "layouts"), exist_ok=True)
        path = os.path.join(site, "layouts", "page.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"{{% extends 'base.html' %}}{{% block main %}}<h1>{{{{ post.title }}}}</h1><p>bản {n}</p>{{% endblock %}}\n")
    elif kind == "unit":
        rewrite(os.path.join(site, "content", "units.yaml"), "name: Chi bộ thôn An Thạnh", f"name: Chi bộ thôn An Thạnh {n}")
    elif kind == "settings":
        rewrite(os.path.join(site, "site.yaml"), "posts_per_page: 10", f"posts_per_page: {3 + n % 5}")
    elif kind == "delete" and len(posts) > 3:
        os.remove(post)
    elif kind == "rename":
        os.rename(post, os.path.join(os.path.dirname(post), f"doi-ten-{n}-" + os.path.basename(post)))
    elif kind == "restamp":  # same size, modification time put back: only ctime/inode tell
        st = os.stat(post)
        rewrite(post, "title: ", "title:_")
        os.utime(post, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif kind == "tamper":  # someone edits output/ by hand and leaves a file of their own there
        index = os.path.join(site, "output", "index.html")
        if os.path.exists(index):
            with open(index, "ab") as f:
                f.write("<!-- sửa tay -->".encode())
        with open(os.path.join(site, "output", f"la-{n}.html"), "w") as f:
            f.write("lạ")
    elif kind == "asset":
        os.makedirs(os.path.join(site, "assets"), exist_ok=True)
        with open(os.path.join(site, "assets", "style.css"), "w", encoding="utf-8") as f:
            f.write(f"body {{ margin: {n}px; }}\n")


EDITS = st.lists(st.tuples(st.sampled_from(["body", "opening", "page-body", "title", "template", "unit", "settings", "delete",
                                            "rename", "asset", "restamp", "tamper", "none"]),
                           st.integers(0, 40)), min_size=1, max_size=4)


def clean_build(site: str):
    """A build without the cache of a copy of the site's inputs (and of its photo cache:
    encoding the photos again is slow and beside the point): (result, its output/).
    A copy, because a build without the cache writing anywhere leaves the site's own
    output/ distrusted, and the next build of the site would then trust nothing the memo
    remembers of output/, which these tests are about."""
    clean = site.rstrip("/") + "-clean"
    shutil.rmtree(clean, ignore_errors=True)
    os.makedirs(clean)
    for name in ("site.yaml", "content", "layouts", "assets", os.path.join(".sitegen-cache", "images")):
        src = os.path.join(site, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(clean, name))
        elif os.path.exists(src):
            shutil.copy(src, os.path.join(clean, name))
    return build(clean, cache=False), os.path.join(clean, "output")


def _rebuilds_equal_clean(site: str, edits, serve: bool = False) -> None:
    """With `serve`, one memo is kept in memory across the rebuilds, as `sitegen serve`
    does; it holds what a saved memo does not (posts' cards and search documents)."""
    for name in ("site.yaml", "content"):
        src = os.path.join(golden.ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, name))
    assert build(site).ok  # fills .sitegen-cache
    memo = load_memo(site) if serve else None
    for kind, n in edits:
        edit(site, kind, n)
        incremental = build(site, memo=memo) if serve else build(site)
        clean, clean_output = clean_build(site)
        assert incremental.ok == clean.ok
        assert incremental.problems == clean.problems
        if clean.ok:
            # A file a person put in output/ is theirs: kept as it is; the rest is the site.
            got = tree_hashes(os.path.join(site, "output"))
            theirs = {rel for rel in got if rel.startswith("la-")}
            assert all(got[rel] == hashlib.sha256("lạ".encode()).hexdigest() for rel in theirs)
            assert {rel: h for rel, h in got.items() if rel not in theirs} == tree_hashes(clean_output), (kind, n)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDITS)
def test_incremental_equals_clean(tmp_path_factory, edits):
    _rebuilds_equal_clean(str(tmp_path_factory.mktemp("site")), edits)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDITS)
def test_serves_rebuilds_equal_clean(tmp_path_factory, edits):
    _rebuilds_equal_clean(str(tmp_path_factory.mktemp("site")), edits, serve=True)


KINDS = ["body", "opening", "page-body", "title", "template", "unit", "settings", "delete", "rename",
         "asset", "restamp", "tamper"]


@pytest.mark.parametrize("serve", [False, True], ids=["build", "serve"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_edit_rebuilds_as_a_clean_build(tmp_path, kind, serve):
    """Every kind at least once, whatever the random sequences above happen to draw: a
    rebuild that keeps a page whose inputs changed shows up here."""
    _rebuilds_equal_clean(str(tmp_path), [(kind, 1), (kind, 2)], serve)


def test_stale_or_damaged_cache_is_not_trusted(tmp_path):
    site = str(tmp_path / "site")
    shutil.copytree(os.path.join(golden.ROOT, "content"), os.path.join(site, "content"))
    shutil.copy(os.path.join(golden.ROOT, "site.yaml"), site)
    assert build(site).ok
    memo_file = os.path.join(site, ".sitegen-cache", "build.pickle")
    with open(memo_file, "r+b") as f:
        f.truncate(100)  # as if a crash cut it
    assert build(site).ok
    clean, clean_output = clean_build(site)
    assert clean.ok and tree_hashes(os.path.join(site, "output")) == tree_hashes(clean_output)
    os.remove(os.path.join(site, "output", "index.html"))  # the output changed behind our back
    assert build(site).stats.written == 1


def test_nothing_changed_writes_nothing_and_says_the_same(tmp_path):
    """`sitegen build` with nothing changed since the last build reports what the full
    build did (file count, warnings) and touches nothing in output/."""
    site = write_site(tmp_path / "site", {POST_PATH: POST.replace("agree: 28, of: 28", "agree: 28, of: 29")})

    def mtimes():
        out = os.path.join(site, "output")
        return {os.path.join(b, f): os.stat(os.path.join(b, f)).st_mtime_ns for b, _, fs in os.walk(out) for f in fs}

    code, out, err = run("build", "-s", site)
    assert code == 0 and "W504" in out and "written, 0 unchanged" in err
    before = mtimes()
    again_code, again_out, again_err = run("build", "-s", site)
    assert (again_code, again_out) == (code, out)
    files = err.split(" files into")[0]
    assert again_err.startswith(files) and "(0 written," in again_err and "1 warning" in again_err
    assert mtimes() == before
    assert build(site, drafts=True).files


def _example(site: str) -> str:
    for name in ("site.yaml", "content"):
        src = os.path.join(golden.ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, name))
    return site


def _same_as_clean(site: str, result) -> None:
    clean, clean_output = clean_build(site)
    assert result.ok and clean.ok and result.problems == clean.problems
    assert tree_hashes(os.path.join(site, "output")) == tree_hashes(clean_output)


def _posts(site: str) -> list:
    return sorted(os.path.join(b, f) for b, _, fs in os.walk(os.path.join(site, POSTS)) for f in fs if f.endswith(".md"))


def _replace(path: str, old: str, new: str) -> None:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1) if old else text + new)


def test_a_body_edit_rewrites_only_its_page_and_the_search_index(tmp_path):
    """An edit below a post's first paragraph shows nowhere else: the memo's page keys
    keep every other page as it is. An edit of its opening (shown on list pages) rewrites
    those too. Both write what a clean build writes."""
    site = _example(str(tmp_path))
    assert build(site).ok
    post = _posts(site)[3]
    _replace(post, "", "\nMột câu thêm ở cuối bài, có chữ </script> cho chỉ mục tìm kiếm.\n")
    result = build(site)
    assert result.stats.written == 2  # the page and the search index
    _same_as_clean(site, result)
    _replace(post, "\n---\n\n", "\n---\n\nMở đầu mới. ")
    result = build(site)
    assert result.stats.written > 2
    _same_as_clean(site, result)


def test_a_build_without_the_cache_writes_the_same_bytes(tmp_path):
    site = _example(str(tmp_path))
    assert run("build", "-s", site)[0] == 0
    _replace(_posts(site)[2], "", "\nThêm.\n")
    assert run("build", "-s", site)[0] == 0
    cached = tree_hashes(os.path.join(site, "output"))
    code, out, err = run("build", "-s", site, "--no-cache")
    assert code == 0 and "(0 written," in err
    assert tree_hashes(os.path.join(site, "output")) == cached


def test_the_saved_memo_knows_exactly_what_output_holds(tmp_path):
    """The memo is saved while output/ is being written, so what it says was written is
    worked out beforehand. The next build trusts it to skip pages: each page it names
    must hold exactly those bytes, and every page but the photos must be named."""
    import hashlib
    from sitegen.cache.memo import load_memo
    site = _example(str(tmp_path))
    for _ in range(2):
        assert build(site).ok
        written = load_memo(site).written
        on_disk = golden.tree(os.path.join(site, "output"))
        for rel, path in on_disk.items():
            with open(path, "rb") as f:
                digest = hashlib.sha1(f.read()).digest()
            if rel.startswith("anh/") or rel == MARK:  # photos (named by their digest) and the mark
                assert rel not in written
            else:
                assert written.get(rel) == digest, rel
        _replace(_posts(site)[1], "title: ", "title: Sửa ")  # the next round writes over a full output/
