"""`sitegen build` as users and readers meet it: the whole example site, links, feeds,
failed builds, unchanged files, determinism, overrides, sub-path serving, init and new."""
import csv
import functools
import hashlib
import http.server
import io
import os
import shutil
import threading
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

import golden


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
from sitekit import POST, POST_PATH, post_with, run, write_site

ROOT = golden.ROOT


@pytest.fixture(scope="module")
def example_output(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("example") / "output")
    golden.build_example(out)
    return out


def test_output_matches_the_golden_copy(example_output):
    assert golden.differences(example_output) == []


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def html_files(folder):
    return {rel: path for rel, path in golden.tree(folder).items() if rel.endswith(".html")}


def test_every_internal_link_and_asset_exists(example_output):
    base_path = urllib.parse.urlparse("https://example.gov.vn/dang-uy-dong-lam-ha/").path
    checked = 0
    for rel, path in html_files(example_output).items():
        parser = Links()
        with open(path, encoding="utf-8") as f:
            parser.feed(f.read())
        for link in parser.links:
            target = urllib.parse.urlparse(link)
            if target.scheme or link.startswith(("mailto:", "#")):
                continue
            if link.startswith("/"):  # only 404.html, which hosts serve at any depth
                assert rel == "404.html", (rel, link)
                resolved = link[len(base_path):]
            else:
                resolved = os.path.normpath(os.path.join(os.path.dirname(rel), target.path)).replace(os.sep, "/")
            assert not resolved.startswith(".."), (rel, link)
            full = os.path.join(example_output, resolved)
            if link.endswith("/") or os.path.isdir(full):
                full = os.path.join(full, "index.html")
            assert os.path.isfile(full), f"{rel}: broken link {link}"
            checked += 1
    assert checked > 500


def test_pages_of_the_url_table_exist(example_output):
    for rel in ["index.html", "trang/2/index.html", "2024/index.html", "luu-tru/index.html",
                "ket-qua/2025/index.html", "ket-qua/2025.csv", "don-vi/chi-bo-thon-an-thanh/index.html",
                "the/truong-hoc/index.html", "gioi-thieu/index.html", "tim-kiem/index.html",
                "feed.xml", "sitemap.xml", "404.html", "assets/style.css",
                "2022/chi-bo-truong-mam-non-dong-lam-ha-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2022/index.html"]:
        assert os.path.isfile(os.path.join(example_output, rel)), rel


def test_feed_and_sitemap_are_valid_xml(example_output):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(os.path.join(example_output, "feed.xml")).getroot()
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 17
    first = entries[0]
    assert first.find("a:title", ns).text == "Đảng bộ xã Đông Lâm Hạ tổng hợp kết quả xếp loại chất lượng năm 2025"
    assert first.find("a:published", ns).text == "2026-01-09T00:00:00+07:00"
    assert first.find("a:id", ns).text.startswith("https://example.gov.vn/dang-uy-dong-lam-ha/2026/")
    sitemap = ET.parse(os.path.join(example_output, "sitemap.xml")).getroot()
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap]
    assert "https://example.gov.vn/dang-uy-dong-lam-ha/ket-qua/2024/" in locs
    assert all(loc.startswith("https://example.gov.vn/dang-uy-dong-lam-ha/") for loc in locs)
    assert not any(loc.endswith("404.html") for loc in locs)
    assert len(locs) == len(set(locs)) == len(html_files(example_output)) - 1


def read(output, rel):
    with open(os.path.join(output, rel), encoding="utf-8") as f:
        return f.read()


def test_post_page_shows_the_computed_results(example_output):
    html = read(example_output, "2025/chi-bo-thon-an-thanh-kiem-diem-nam-2025-nhieu-y-kien-thang-than/index.html")
    assert "Hội nghị có 35/44 đảng viên tham dự (79,5%)." in html
    assert ("Hội nghị đề nghị xếp loại chất lượng năm 2025 của Chi bộ thôn An Thạnh: Hoàn thành tốt "
            "nhiệm vụ, với 80 điểm; 33/35 đồng chí biểu quyết tán thành (94,3%).") in html
    assert ("Đảng viên: tổng số 44 đảng viên; không đánh giá, xếp loại 07 đảng viên, gồm 06 đảng viên được "
            "miễn công tác và sinh hoạt đảng, 01 đảng viên mới kết nạp chưa đủ 6 tháng.") in html
    assert ("Đề nghị xếp loại: 35/37 đảng viên (đạt 94,6%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 05 đồng chí "
            "(13,5%) hoàn thành xuất sắc nhiệm vụ; 02 đồng chí (5,4%) hoàn thành nhiệm vụ; không có đồng chí nào "
            "không hoàn thành nhiệm vụ.") in html
    assert "<th scope=\"row\">Hoàn thành tốt nhiệm vụ trở lên</th><td class=\"num\">35</td><td class=\"num\">94,6%</td>" in html
    # The regulation the review is held under is a Quy định, though "QĐ" alone could be a Quyết định;
    # its subject's own "Quy định về …" is said once.
    assert ("<li>Quy định số 366-QĐ/TW của Bộ Chính trị về kiểm điểm và đánh giá, xếp loại chất lượng đối với tập "
            "thể, cá nhân trong hệ thống chính trị</li>") in html
    assert "Kế hoạch số 34-KH/ĐU ngày 14/11/2025" in html
    assert 'lang="vi"' in html


def test_exemplary_label_follows_the_regime(example_output):
    html = read(example_output, "2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/index.html")
    # The honour is a title given to a unit rated xuất sắc, said apart from the level.
    assert ("Chi bộ Trường THCS Đông Lâm Hạ được cấp có thẩm quyền công nhận xếp loại chất lượng năm 2025: Hoàn "
            "thành xuất sắc nhiệm vụ, được công nhận danh hiệu “Hoàn thành xuất sắc nhiệm vụ tiêu biểu”, với 94 "
            "điểm") in html


def test_results_page_and_csv(example_output):
    html = read(example_output, "ket-qua/2025/index.html")
    # The đảng bộ (no parent listed) first; then its units under "Trực thuộc" its committee, in Vietnamese
    # order ("thôn" < "Trạm" < "Trường", Đ after D), with a "Cộng" of them only.
    names = ["Đảng bộ xã Đông Lâm Hạ", "Trực thuộc", "Chi bộ thôn An Thạnh", "Chi bộ Trạm Y tế xã Đông Lâm Hạ",
             "Chi bộ Trường Mầm non Đông Lâm Hạ", "Chi bộ Trường THCS Đông Lâm Hạ", "Chi bộ Trường Tiểu học Đông Lâm Hạ",
             "Cộng Đảng bộ xã Đông Lâm Hạ"]
    positions = [html.index(n) for n in names]
    assert positions == sorted(positions)
    assert html.count("<th scope=\"row\" colspan=\"2\">Cộng") == 1  # never a sum across parents
    # the chart needs no script: the only one is the line that marks that JavaScript runs
    assert "<svg role=\"img\"" in html and html.count("<script") == 1 and "<script src" not in html
    with open(os.path.join(example_output, "ket-qua/2025.csv"), "rb") as f:
        data = f.read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "Đơn vị" and rows[0][-2:] == ["Nhóm", "Bị kỷ luật trong năm"]
    assert [r[-2] for r in rows[1:]] == ["Đảng viên"] * 6 + ["Tổ chức đảng trực thuộc"]  # each unit, then the other groups
    assert {r[-1] for r in rows[1:]} == {""}  # no 2025 post says who was disciplined: nothing is invented
    with open(os.path.join(example_output, "ket-qua/2024.csv"), encoding="utf-8-sig") as f:
        said = {(r[0], r[-2]): r[-1] for r in csv.reader(f)}
    assert said[("Đảng bộ xã Đông Lâm Hạ", "Đảng viên")] == "0" and said[("Chi bộ thôn Bàu Sen", "Đảng viên")] == ""
    an_thanh = next(r for r in rows if r[0] == "Chi bộ thôn An Thạnh")
    assert an_thanh[3:11] == ["44", "37", "5", "30", "2", "0", "35", "94,6%"]


def test_unit_page_lists_years_and_parents(example_output):
    html = read(example_output, "don-vi/chi-bo-thcs-dong-lam-ha/index.html")
    assert "Đảng bộ Khối Giáo dục huyện Lam Giang</a> (đến 30/06/2025)" in html
    assert "Đảng bộ xã Đông Lâm Hạ</a> (từ 01/07/2025)" in html
    assert html.index(">2025</a>") < html.index(">2024</a>")


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def tree_hashes(folder):
    return {rel: hashlib.sha256(file_bytes(p)).hexdigest() for rel, p in golden.tree(str(folder)).items()}


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    site = write_site(tmp_path)
    assert run("build", "-s", site)[0] == 0
    before = tree_hashes(tmp_path / "output")
    stats = {rel: os.stat(p).st_mtime_ns for rel, p in golden.tree(str(tmp_path / "output")).items()}
    write_site(tmp_path, {POST_PATH: post_with("hoan_thanh: 3", "hoan_thanh: 0")})
    code, out, err = run("build", "-s", site)
    assert code == 1 and " E301 " in out and "nothing was written" in err
    assert tree_hashes(tmp_path / "output") == before
    assert {rel: os.stat(p).st_mtime_ns for rel, p in golden.tree(str(tmp_path / "output")).items()} == stats


def test_template_error_names_template_line_and_post(tmp_path):
    site = write_site(tmp_path, {"layouts/post.html": "{% extends 'base.html' %}\n{% block main %}\n<h1>{{ post.titel }}</h1>\n{% endblock %}\n"})
    code, out, _ = run("build", "-s", site)
    assert code == 1
    assert out.startswith("layouts/post.html:3:1: E601 template error while rendering "
                          "/2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/ for "
                          "content/posts/2024/hoi-nghi.md: 'dict object' has no attribute 'titel'")
    assert not (tmp_path / "output").exists()


def test_layout_override_is_used(tmp_path):
    site = write_site(tmp_path, {"layouts/page.html": "<p>riêng: {{ post.title }}</p>\n",
                                 "content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nChào.\n"})
    assert run("build", "-s", site)[0] == 0
    assert read(str(tmp_path / "output"), "gioi-thieu/index.html") == "<p>riêng: Giới thiệu</p>\n"


def test_unchanged_files_are_not_rewritten_and_stale_ones_removed(tmp_path):
    site = write_site(tmp_path, {"content/posts/2024/khac.md": POST.replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam").replace("date: 20/12/2024", "date: 19/12/2024\nslug: khac")})
    run("build", "-s", site)
    out = tmp_path / "output"
    inode = os.stat(out / "index.html").st_ino, os.stat(out / "index.html").st_mtime_ns
    code, _, err = run("build", "-s", site)
    assert code == 0 and "(0 written," in err
    assert (os.stat(out / "index.html").st_ino, os.stat(out / "index.html").st_mtime_ns) == inode
    (tmp_path / "content/posts/2024/khac.md").unlink()
    code, _, err = run("build", "-s", site)
    assert not (out / "2024" / "khac").exists()
    assert " 1 removed," in err


def test_same_input_gives_identical_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    golden.build_example(str(a))
    golden.build_example(str(b))
    assert tree_hashes(a) == tree_hashes(b)


def test_reading_posts_over_several_processes_builds_the_same_site(tmp_path, monkeypatch):
    """A first build reads many posts over all cores; the site must not depend on it."""
    from sitegen.check import loading
    from sitegen.build import build
    from sitegen.parallel import forked_map

    serial = build(golden.ROOT, output=str(tmp_path / "serial"), jobs=1, cache=False)
    monkeypatch.setattr(loading, "PARALLEL_FROM", 2)  # the example site is small
    monkeypatch.setattr(loading, "MIN_CHUNK", 1)
    shared = []
    monkeypatch.setattr(loading, "forked_map", lambda fn, items, jobs, meanwhile: shared.append(len(items))
                        or forked_map(fn, items, jobs, meanwhile))
    parallel = build(golden.ROOT, output=str(tmp_path / "parallel"), jobs=3, cache=False)
    assert shared and shared[0] > 10  # one file at a time, over three processes
    assert serial.ok and parallel.problems == serial.problems
    assert tree_hashes(tmp_path / "parallel") == tree_hashes(tmp_path / "serial")
    assert golden.differences(str(tmp_path / "parallel")) == []


def test_output_that_would_destroy_other_files_is_refused(tmp_path):
    site = write_site(tmp_path)
    for bad in (site, os.path.join(site, "content"), os.path.expanduser("~")):
        code, out, err = run("build", "-s", site, "--output", bad)
        assert code == 2 and "refusing" in err, bad
    assert os.path.exists(os.path.join(site, POST_PATH))


def test_links_work_when_served_from_the_sub_path(example_output, tmp_path):
    """Serve the output at /dang-uy-dong-lam-ha/ as on the real host and follow links."""
    root = tmp_path / "www"
    shutil.copytree(example_output, root / "dang-uy-dong-lam-ha")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/dang-uy-dong-lam-ha/"
    try:
        seen = set()
        for start in ("", "ket-qua/2025/", "don-vi/chi-bo-thon-bau-sen/", "2024/"):
            page = urllib.parse.urljoin(base, start)
            parser = Links()
            parser.feed(urllib.request.urlopen(page, timeout=10).read().decode("utf-8"))
            for link in parser.links:
                url = urllib.parse.urljoin(page, link)
                if url.startswith(base) and url not in seen:
                    seen.add(url)
                    assert urllib.request.urlopen(url, timeout=10).status == 200, url
        assert len(seen) > 40
    finally:
        server.shutdown()
        server.server_close()


def test_init_and_new_never_overwrite(tmp_path):
    code, out, err = run("init", str(tmp_path / "moi"))
    assert code == 0 and err.endswith(f"next: cd {tmp_path / 'moi'}, then sitegen build\n"), err
    # A folder named with spaces is quoted, so the command shown can be pasted.
    code, out, err = run("init", str(tmp_path / "Trang Chi bộ"))
    assert code == 0 and f'next: cd "{tmp_path / "Trang Chi bộ"}", then' in err, err
    site = str(tmp_path / "moi")
    assert run("build", "-s", site)[0] == 0
    code, out, err = run("new", "Hội nghị chi bộ tháng 12", "--unit", "chi-bo-truong", "--date", "15/12/2025", "-s", site)
    assert code == 0 and out.strip() == "content/posts/2025/hoi-nghi-chi-bo-thang-12.md" and err == ""
    # Without --unit it is a news post, and `new` says how to make a meeting post instead.
    code, out, err = run("new", "Chi bộ kết nạp đảng viên mới", "--date", "15/12/2025", "-s", site)
    assert code == 0 and out.strip() == "content/posts/2025/chi-bo-ket-nap-dang-vien-moi.md"
    assert "this is a news post" in err and "--unit and the id of the unit (chi-bo-truong, dang-uy-xa)" in err
    path = os.path.join(site, out.strip())
    with open(path, "a", encoding="utf-8") as f:
        f.write("Nội dung của tôi.\n")
    before = file_bytes(path)
    code, _, err = run("new", "Hội nghị chi bộ tháng 12", "--unit", "chi-bo-truong", "--date", "15/12/2025", "-s", site)
    assert code == 1 and "never overwrites" in err
    assert file_bytes(path) == before
    assert run("init", site)[0] == 1
    # the skeleton is a valid meeting post (its counts are zero until filled in)
    code, out, _ = run("check", "-s", site)
    assert " E" not in out, out


def test_parallel_build_gives_the_same_bytes(tmp_path):
    """Above 300 pages Markdown and templates run over several processes; the output must
    not depend on it."""
    files = {}
    for i in range(400):
        post = POST.replace("date: 20/12/2024", f"date: 20/12/2024\nslug: bai-{i}").replace(
            "Sáng 20/12,", f"Sáng 20/12 (bài {i}), *thứ {i}*,")
        files[f"content/posts/2024/bai-{i:03d}.md"] = post
    site = write_site(tmp_path / "site", files)
    from sitegen.build import build
    one = build(site, output=str(tmp_path / "one"), jobs=1)
    two = build(site, output=str(tmp_path / "two"), jobs=2)
    assert one.ok and two.ok and len(one.files) > 400
    assert tree_hashes(tmp_path / "one") == tree_hashes(tmp_path / "two")
    assert "<em>thứ 399</em>" in read(str(tmp_path / "two"), "2024/bai-399/index.html")


def test_rendered_pages_wait_in_the_cache_until_the_whole_site_rendered(tmp_path):
    """Workers put rendered pages in .sitegen-cache/staging/ (the build never holds them
    all in memory); output/ changes only when every page rendered, and nothing stays staged."""
    site = write_site(tmp_path, {"content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nChào.\n"})
    assert run("build", "-s", site)[0] == 0
    out = tmp_path / "output"
    before = tree_hashes(out)
    stamps = {rel: os.stat(p).st_mtime_ns for rel, p in golden.tree(str(out)).items()}
    # The post changes (its pages render and are staged); the standalone page's template fails.
    write_site(tmp_path, {POST_PATH: POST.replace("Sáng 20/12,", "Sáng thứ Sáu 20/12,"),
                          "layouts/page.html": "<p>{{ post.khong_co }}</p>\n"})
    code, out_text, _ = run("build", "-s", site)
    assert code == 1 and " E601 " in out_text
    assert tree_hashes(out) == before
    assert {rel: os.stat(p).st_mtime_ns for rel, p in golden.tree(str(out)).items()} == stamps
    assert not (tmp_path / ".sitegen-cache" / "staging").exists()
    (tmp_path / "layouts" / "page.html").unlink()
    assert run("build", "-s", site)[0] == 0
    assert "Sáng thứ Sáu 20/12," in read(str(out), "2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/index.html")
    assert not (tmp_path / ".sitegen-cache" / "staging").exists()


def test_output_on_another_file_system(tmp_path):
    """Staged pages are renamed into output/; where output/ is on another file system
    (here tmpfs) they are copied instead, with the same result."""
    other = "/dev/shm"
    assert os.stat(other).st_dev != os.stat(tmp_path).st_dev
    site = write_site(tmp_path / "site")
    elsewhere = os.path.join(other, f"sitegen-test-{os.getpid()}-output")
    try:
        assert run("build", "-s", site, "--output", elsewhere)[0] == 0
        assert run("build", "-s", site, "--output", str(tmp_path / "here"))[0] == 0
        assert tree_hashes(elsewhere) == tree_hashes(tmp_path / "here")
        assert not (tmp_path / "site" / ".sitegen-cache" / "staging").exists()
    finally:
        shutil.rmtree(elsewhere, ignore_errors=True)


def test_post_bodies_take_what_clerks_type():
    """Lists nested by two spaces, a list right under a line of text, tables, footnotes,
    ~~strikethrough~~, bare web and e-mail addresses as links; a "- " inside fenced code
    and a paragraph line starting with a year stay as they are."""
    from sitegen.render.renderer import markdown_html
    html = markdown_html("Thành phần dự họp:\n- Đồng chí Bí thư\n  - chủ trì\n\n| Mức | Số |\n|---|---:|\n"
                         "| Tốt | 23 |\n\n~~Dự thảo~~ xem https://example.gov.vn hoặc vanphong@example.gov.vn[^1]\n\n"
                         "Họp cuối năm\n2024. Chi bộ đã đề ra\n\n```\n- không phải danh sách\n```\n\n"
                         "[^1]: Ghi chú.\n")
    assert "<p>Thành phần dự họp:</p>\n<ul>\n<li>Đồng chí Bí thư<ul>\n<li>chủ trì</li>" in html
    assert '<td align="right">23</td>' in html and "<del>Dự thảo</del>" in html
    assert '<a href="https://example.gov.vn">https://example.gov.vn</a>' in html
    assert '<a href="mailto:vanphong@example.gov.vn">' in html and 'id="fn:1"' in html
    assert 'title="Quay lại chỗ chú thích 1"' in html
    assert "<p>Họp cuối năm\n2024. Chi bộ đã đề ra</p>" in html
    assert "<pre><code>- không phải danh sách\n</code></pre>" in html


def test_a_site_adds_markdown_extensions_by_name_and_only_installed_ones(tmp_path):
    site = write_site(tmp_path, {"site.yaml": "title: A\nbase_url: /\nmarkdown_extensions:\n  - admonition\n"
                                              "  - toc: {permalink: true}\n  - os\n",
                                 POST_PATH: POST + "\n## Diễn biến\n\n!!! note \"Lưu ý\"\n    Số liệu đã được kiểm tra.\n"})
    code, out, err = run("check", "-s", site)
    assert code == 2 and "site.yaml:6:5: E203 'os' is not an installed Markdown extension" in out
    with open(os.path.join(site, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("title: A\nbase_url: /\nmarkdown_extensions:\n  - admonition\n  - toc: {permalink: true}\n"
                "  - pymdownx.details\n")
    assert run("build", "-s", site)[0] == 0
    page = os.path.join(site, "output", "2024", "hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024", "index.html")
    with open(page, encoding="utf-8") as f:
        html = f.read()
    assert '<div class="admonition note">' in html and 'class="headerlink"' in html


def test_the_site_header_is_made_once_per_depth_and_each_page_gets_its_own_links(tmp_path):
    """_header.html is rendered once per folder depth and reused (render.py); a site may
    override it, and every page must still get links that work from where it is."""
    site = write_site(tmp_path / "site", {POST_PATH: POST, "layouts/_header.html":
                                          '<p class="dau">Về trang chủ: {{ link("") }}</p>\n'})
    from sitegen.build import build
    result = build(site)
    assert result.ok, result.problems
    out = os.path.join(site, "output")
    with open(os.path.join(out, "index.html"), encoding="utf-8") as f:
        assert '<p class="dau">Về trang chủ: index.html</p>' in f.read()
    post_page = os.path.join(out, "2024", "hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024", "index.html")
    with open(post_page, encoding="utf-8") as f:
        assert '<p class="dau">Về trang chủ: ../../index.html</p>' in f.read()
    with open(os.path.join(out, "404.html"), encoding="utf-8") as f:
        assert '<p class="dau">Về trang chủ: /tin-dang/</p>' in f.read()


def _write_pid(path):
    with open(path, "w") as f:
        f.write(str(os.getpid()))


def _refuse(path):
    raise PermissionError(f"cannot write {path}")


def test_work_alongside_runs_in_another_process_and_its_failure_is_raised(tmp_path):
    """The build pickles its memo in a forked process while it saves its other records:
    the work is done by the end of the block, and an error there is raised here (the
    work runs again in this process), never lost with the child."""
    from sitegen.parallel import alongside
    mark = tmp_path / "pid"
    with alongside(_write_pid, str(mark)):
        pass
    assert mark.read_text() != str(os.getpid())  # it ran elsewhere
    with pytest.raises(PermissionError, match="cannot write"):
        with alongside(_refuse, str(mark)):
            pass
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child of this process is left


def test_the_model_saved_in_the_memo_loads_as_it_was():
    """Posts go between processes and into the build memo pickled, and come back through
    the cache's allow-list: each must come back equal, field by field and class by class."""
    import pickle
    from sitegen.cache import safepickle
    from sitegen.check.loading import load_site
    site = load_site(golden.ROOT).site
    assert any(post.meeting and post.meeting.results for post in site.posts)
    for value in (*site.posts, *site.units.values(), site.config):
        back = safepickle.loads(pickle.dumps(value, protocol=5))
        assert back == value and type(back) is type(value)
        if getattr(value, "meeting", None):
            assert type(back.meeting.results.groups[0].not_rated) is type(value.meeting.results.groups[0].not_rated)


def test_a_logo_and_a_banner_from_assets(tmp_path):
    from PIL import Image
    site = write_site(tmp_path, {"site.yaml": "title: Chi bộ thôn Đông Lâm\nlogo: assets/huy-hieu.png\n"
                                              "banner: assets/bang-ten.jpg\n"})
    code, out, _ = run("check", "-s", site)
    assert code == 2 and "site.yaml:2:7: E402 logo: there is no file assets/huy-hieu.png" in out  # site.yaml: 2
    assert "site.yaml:3:9: E402 banner: there is no file assets/bang-ten.jpg" in out
    os.makedirs(tmp_path / "assets")
    Image.new("RGB", (64, 64), (200, 0, 0)).save(tmp_path / "assets" / "huy-hieu.png")
    Image.new("RGB", (1200, 200), (200, 0, 0)).save(tmp_path / "assets" / "bang-ten.jpg")
    assert run("build", "-s", site)[0] == 0
    html = read(str(tmp_path / "output"), "index.html")
    assert '<img class="logo" src="assets/huy-hieu.png" alt=""' in html
    assert '<div class="banner"><img src="assets/bang-ten.jpg" alt="Chi bộ thôn Đông Lâm"></div>' in html
    write_site(tmp_path, {"site.yaml": "title: X\nlogo: ../logo.png\n"}, base=False)
    assert "E203 logo is '../logo.png'; give an image in the assets/ folder" in run("check", "-s", site)[1]


def test_titles_written_as_yaml_blocks_still_get_a_share_picture(tmp_path):
    """A name or title typed over two lines (`title: |`) is drawn on one line."""
    from PIL import Image
    block_site = "title: |\n  Chi bộ thôn\n  Đông Lâm\nbase_url: https://example.edu.vn/tin-dang/\n"
    write_site(tmp_path, {"site.yaml": block_site,
                          POST_PATH: POST.replace("title: Hội nghị", "title: |\n  Hội nghị\n ", 1)})
    code, out, err = run("build", "-s", str(tmp_path))
    assert code == 0, err
    pictures = [os.path.join(b, f) for b, _, fs in os.walk(tmp_path / "output" / "anh") for f in fs
                if f.startswith("chia-se-")]
    assert pictures
    with Image.open(pictures[0]) as picture:
        assert picture.size == (1200, 630)


def og_image(output, rel):
    import re
    return re.search(r'<meta property="og:image" content="[^"]*/anh/([^"]+)"', read(output, rel)).group(1)


def test_the_newest_posts_get_pictures_of_their_own_and_older_ones_the_sites(tmp_path, monkeypatch):
    """Posts past the newest OWN_PICTURES share the site's picture; a title typed with
    combining accents (NFD) is drawn as the same picture as one typed whole."""
    import unicodedata

    from PIL import Image

    from sitegen.site import sharing
    monkeypatch.setattr(sharing, "OWN_PICTURES", 2)
    files = {}
    for year in (2022, 2023, 2024):
        post = post_with("date: 20/12/2024", f"date: 20/12/{year}").replace("review_year: 2024", f"review_year: {year}")
        files[f"content/posts/{year}/hoi-nghi.md"] = post.replace("năm 2024", f"năm {year}")
    write_site(tmp_path, files)
    assert run("build", "-s", str(tmp_path), "-j", "1")[0] == 0
    output = str(tmp_path / "output")
    page = "{0}/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-{0}/index.html"
    own = [og_image(output, page.format(year)) for year in (2024, 2023)]
    oldest = og_image(output, page.format(2022))
    assert len(set(own + [oldest])) == 3 and oldest == sharing._picture("Chi bộ thôn Đông Lâm", "", "", None).name
    for name in own + [oldest]:
        with Image.open(os.path.join(output, "anh", name)) as picture:
            assert picture.size == (1200, 630)
    with open(os.path.join(output, "anh", own[0]), "rb") as f:
        whole = f.read()
    from sitegen.render import shareimage
    title = "Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024"
    drawn = shareimage.draw("Chi bộ thôn Đông Lâm", unicodedata.normalize("NFD", title),
                            "Hoàn thành tốt nhiệm vụ", "tot")
    assert drawn == whole
