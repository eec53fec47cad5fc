"""A build that reuses .sitegen-cache must write exactly what a clean build writes, after
any sequence of edits: content, templates, units, settings, deletions, renames."""
import hashlib
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import golden
from sitegen.build import build
from sitegen.outputmark import MARK
from sitekit import POST, POST_PATH, run, write_site
from test_build import tree_hashes

POSTS = "content/posts"


@pytest.fixture(autouse=True, scope="module")
def _verify_output_in_a_forked_process():
    """A large site's output/ is stamped in a forked process (manifest.Verification);
    here every site is, so that the tampering and shortcut cases go through it."""
    from sitegen import manifest
    kept, manifest.FORK_FROM = manifest.FORK_FROM, 0
    yield
    manifest.FORK_FROM = kept


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
    output/ distrusted, and the next build of the site would then take none of the
    shortcuts these tests are about."""
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


def _rebuilds_equal_clean(site: str, edits) -> None:
    for name in ("site.yaml", "content"):
        src = os.path.join(golden.ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, name))
    assert build(site).ok  # fills .sitegen-cache
    for kind, n in edits:
        edit(site, kind, n)
        incremental = build(site)
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


@pytest.mark.parametrize("kind", ["body", "opening", "page-body", "title", "template", "unit", "settings", "delete", "rename",
                                  "asset", "restamp", "tamper"])
def test_each_kind_of_edit_rebuilds_as_a_clean_build(tmp_path, kind):
    """Every kind at least once, whatever the random sequences above happen to draw: a
    rebuild that keeps a page whose inputs changed shows up here."""
    _rebuilds_equal_clean(str(tmp_path), [(kind, 1), (kind, 2)])


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
    site = write_site(tmp_path / "site", {POST_PATH: POST.replace("xuat_sac: 4\n    tot: 23",
                                                                  "xuat_sac: 5\n    tot: 22")})

    def mtimes():
        out = os.path.join(site, "output")
        return {os.path.join(b, f): os.stat(os.path.join(b, f)).st_mtime_ns for b, _, fs in os.walk(out) for f in fs}

    code, out, err = run("build", "-s", site)
    assert code == 0 and "W501" in out and "written, 0 unchanged" in err
    before = mtimes()
    again_code, again_out, again_err = run("build", "-s", site)
    assert (again_code, again_out) == (code, out)
    files = err.split(" files into")[0]
    assert again_err.startswith(files) and "(0 written," in again_err and "1 warning" in again_err
    assert mtimes() == before
    assert build(site, drafts=True).files  # another option is another build, not the shortcut


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


def test_a_body_edit_takes_the_shortcut(tmp_path):
    """An edit below a post's first paragraph rewrites its page and the search index only,
    without the memo; an edit that shows elsewhere (its opening, on list pages) does not
    take the shortcut. Both write what a clean build writes."""
    site = _example(str(tmp_path))
    assert build(site).how == "full"
    post = _posts(site)[3]
    _replace(post, "", "\nMột câu thêm ở cuối bài, có chữ </script> cho chỉ mục tìm kiếm.\n")
    result = build(site)
    assert (result.how, result.stats.written) == ("shortcut", 2)  # the page and the search index
    assert build(site).how == "unchanged"
    _same_as_clean(site, result)
    _replace(post, "\n---\n\n", "\n---\n\nMở đầu mới. ")
    result = build(site)
    assert result.how == "full"
    _same_as_clean(site, result)


def test_a_page_the_shortcut_wrote_is_never_taken_for_an_older_one(tmp_path):
    """The memo remembers what it last wrote to each page. After the shortcut rewrote a
    page (same size, other bytes) without the memo, a full build that renders the older
    bytes again must write them, not believe output/ holds them."""
    site = _example(str(tmp_path))
    assert build(site).ok
    first, other = _posts(site)[2], _posts(site)[5]
    _replace(first, "", "\nCâu cuối: A.\n")
    _replace(other, "title: ", "title: Sửa ")  # a full build: the memo now knows the page with A
    assert build(site).how == "full"
    _replace(first, "Câu cuối: A.", "Câu cuối: B.")
    assert build(site).how == "shortcut"
    _replace(first, "Câu cuối: B.", "Câu cuối: A.")
    _replace(other, "title: Sửa ", "title: Lại sửa ")
    result = build(site)
    assert result.how == "full"
    _same_as_clean(site, result)


@pytest.mark.parametrize("newer", ["damaged", "removed"])
def test_what_the_shortcuts_wrote_is_never_forgotten(tmp_path, newer):
    """Shortcuts save what they change apart from the full build's record. If that file
    is damaged, the memo trusts nothing it remembers of output/; if it is gone, nothing
    had changed since the full build as far as the next build can tell, and the inputs
    no longer match: either way a later build writes what a clean build writes."""
    from sitegen import shortcut
    site = _example(str(tmp_path))
    assert build(site).ok
    first, other = _posts(site)[2], _posts(site)[5]
    _replace(first, "", "\nCâu cuối: A.\n")
    _replace(other, "title: ", "title: Sửa ")
    assert build(site).how == "full"
    _replace(first, "Câu cuối: A.", "Câu cuối: B.")
    assert build(site).how == "shortcut"
    path = os.path.join(site, shortcut.NEWER_FILE)
    if newer == "damaged":
        with open(path, "r+b") as f:
            f.truncate(40)
    else:
        os.remove(path)
    _replace(first, "Câu cuối: B.", "Câu cuối: A.")
    result = build(site)
    assert result.how == "full"  # not the shortcut: its record no longer matches
    _same_as_clean(site, result)
    _replace(first, "Câu cuối: A.", "Câu cuối: B.")
    _replace(other, "title: Sửa ", "title: Lại sửa ")
    _same_as_clean(site, build(site))


def test_the_shortcut_keeps_drafts_out_and_their_problems_in(tmp_path):
    site = _example(str(tmp_path))
    post = _posts(site)[1]
    draft = os.path.join(os.path.dirname(post), "ban-nhap.md")
    with open(post, encoding="utf-8") as f:
        text = f.read()
    with open(draft, "w", encoding="utf-8") as f:
        f.write(text.replace("title: ", "draft: true\nslug: ban-nhap\ntitle: ", 1))
    assert build(site).ok
    _replace(draft, "", "\nThêm vào bản nháp.\n")
    result = build(site)
    assert result.how == "shortcut" and result.stats.written == 0
    _same_as_clean(site, result)


def test_the_saved_memo_knows_exactly_what_output_holds(tmp_path):
    """The memo is saved while output/ is being written, so what it says was written is
    worked out beforehand. The next build trusts it to skip pages: each page it names
    must hold exactly those bytes, and every page but the photos must be named."""
    import hashlib
    from sitegen.build import load_memo
    site = _example(str(tmp_path))
    for _ in range(2):
        assert build(site).how == "full"
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


def test_the_shortcut_finds_exactly_the_posts_whose_stamps_changed_in_a_large_scan():
    """The scan is compared a block of entries at a time: an edit anywhere among many
    files (first, a block's last, past several blocks, the last) is found, and anything
    else sends the rebuild the whole way."""
    from array import array
    from sitegen.manifest import Scan
    from sitegen.shortcut import MAX_FILES, changed_files
    names = ["content/"] + [f"content/p{i:04d}.md" for i in range(1, 1200)] + ["site.yaml"]
    stamps = array("q", [0, 0, 0, 0])
    for i in range(1, len(names)):
        stamps.extend((100 + i, 10 ** 9 * i, 10 ** 9 * i, 5000 + i))
    before = Scan("\0".join(names), stamps)
    known = {name: b"" for name in names[1:-1]}

    def after(*edits, name_list=names):
        now = array("q", stamps)
        for entry, field in edits:
            now[4 * entry + field] += 1
        return Scan("\0".join(name_list), now)

    assert changed_files(before, after(), known) == []
    edited = [1, 255, 256, 257, 700, 1199]
    found = changed_files(before, after(*((n, n % 4) for n in edited)), known)
    assert found == [names[n] for n in edited]
    assert changed_files(before, after(*((n, 1) for n in range(1, MAX_FILES + 2))), known) is None
    assert changed_files(before, after((1200, 1)), known) is None  # site.yaml
    assert changed_files(before, after((0, 0)), known) is None  # a folder
    renamed = names[:5] + ["content/x.md"] + names[6:]
    assert changed_files(before, after(name_list=renamed), known) is None
    gone = array("q", stamps)
    gone[4 * 9:4 * 10] = array("q", (-1, -1, -1, -1))
    assert changed_files(before, Scan(before.names, gone), known) is None  # vanished meanwhile


@pytest.mark.parametrize("chunk", [1, 7, 512])
def test_output_stamped_by_two_processes_is_what_one_process_finds(tmp_path, monkeypatch, chunk):
    """output/'s stamps are taken by a forked process from the front and by the build's
    own from the back until they meet: every path is stamped once, in its place, and a
    change at either end or in the middle is seen."""
    from sitegen import manifest
    monkeypatch.setattr(manifest, "CHUNK", chunk)
    out = tmp_path / "output"
    paths = []
    for i in range(300):
        (out / f"d{i:03d}").mkdir(parents=True)
        (out / f"d{i:03d}" / "index.html").write_text("x" * i)
        paths += [f"d{i:03d}", f"d{i:03d}/index.html"]
    paths.append("missing.html")
    alone = manifest.output_stamps(str(out), paths)
    assert manifest._SharedStamps(str(out), manifest.Paths.of(paths)).finish() == alone
    for at in (1, 301, 599):
        with open(out / paths[at], "a") as f:
            f.write("y")
        shared = manifest._SharedStamps(str(out), manifest.Paths.of(paths)).finish()
        assert shared != alone and shared[:4 * at] == alone[:4 * at] and shared[4 * at + 4:] == alone[4 * at + 4:]
        alone = shared
    stopped = manifest._SharedStamps(str(out), manifest.Paths.of(paths))
    stopped.stop()  # the build went the whole way: the process is ended and reaped
    with pytest.raises(ChildProcessError):
        os.waitpid(stopped.pid, 0)


def test_inputs_scanned_through_folder_descriptors_are_scanned_as_by_path(tmp_path, monkeypatch):
    """Where the system allows, folders are listed and files stamped through a folder's
    descriptor: the scan (names, order, stamps, a link stamped by its target) is the one
    made by paths, and a change is still seen."""
    from sitegen import manifest
    site = tmp_path / "site"
    for rel in ("content/posts/2024/a.md", "content/posts/2024/b.md", "content/pages/gioi-thieu.md",
                "layouts/post.html", "assets/style.css"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel)
    (site / "site.yaml").write_text("title: T\n")
    os.symlink(site / "assets" / "style.css", site / "content" / "link.css")
    by_fd = manifest.scan_inputs(str(site))
    monkeypatch.setattr(manifest, "_BY_FD", False)
    assert manifest.scan_inputs(str(site)) == by_fd
    assert "content/posts/2024/b.md" in by_fd.name_list() and "content/posts/" in by_fd.name_list()
    (site / "assets" / "style.css").write_text("đổi")
    monkeypatch.setattr(manifest, "_BY_FD", True)
    assert manifest.scan_inputs(str(site)) != by_fd
    out = str(site / "content")
    paths = ["", "posts", "posts/2024/a.md", "missing.md", "link.css"]
    by_path = []
    for rel in paths:
        try:
            st = os.stat(os.path.join(out, rel))
            by_path += [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        except OSError:
            by_path += [-1, -1, -1, -1]
    assert list(manifest.output_stamps(out, paths)) == by_path


def test_output_paths_are_kept_joined_and_found_by_chunk_and_by_name():
    from sitegen.manifest import Paths
    names = ["", "2024", "2024/bài-một", "2024/bài-một/index.html", "ảnh đẹp.jpg", "z"]
    paths = Paths.of(names)
    assert paths.count() == 6
    assert [p.decode() for p in paths.chunk(0, 6)] == names
    assert [p.decode() for p in paths.chunk(2, 4)] == names[2:4] and paths.chunk(3, 3) == []
    assert [paths.index(n) for n in names] == list(range(6))
    with pytest.raises(ValueError):
        paths.index("2024/bài")  # a prefix of a path is not a path
