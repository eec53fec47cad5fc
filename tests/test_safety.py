"""What an official site must never publish: scripts and event handlers pasted into a
post, javascript: links, text that breaks out of an attribute."""
import os

from sitekit import POST, POST_PATH, SITE_YAML, write_site
from sitegen.build import build

HOSTILE_BODY = """
Đoạn mở đầu của bài viết.

<script>alert("bài")</script>
<iframe src="https://video.example/nhung"></iframe>
<p onclick="steal()" style="color:red">Đoạn có <b>chữ đậm</b>.</p>
<img src="anh.jpg" onerror="steal()" alt="Ảnh hội nghị">
<a href="javascript:steal()">bấm vào đây</a> và <a href="https://example.gov.vn/">cổng tin</a>

| Mức | Số |
|---|---|
| Tốt | 23 |

Có chú thích[^1].

[^1]: Theo báo cáo của chi bộ.
"""


def page_of(site: str) -> str:
    with open(os.path.join(site, "output", "2024", "hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024",
                           "index.html"), encoding="utf-8") as f:
        return f.read()


def hostile_site(tmp_path, trust: bool = False) -> str:
    config = SITE_YAML + ("trust_html: true\n" if trust else "")
    return write_site(tmp_path / "site", {"site.yaml": config, POST_PATH: POST + HOSTILE_BODY})


def test_raw_html_in_a_post_is_sanitised(tmp_path):
    site = hostile_site(tmp_path)
    assert build(site).ok
    html = page_of(site)
    for bad in ("<script>alert", "<iframe", "onclick", "onerror", "javascript:", "steal()", "color:red"):
        assert bad not in html, bad
    # ordinary markup and what Markdown itself makes are kept
    for good in ("Đoạn có <b>chữ đậm</b>.", '<img src="anh.jpg" alt="Ảnh hội nghị">', "<a>bấm vào đây</a>",
                 '<a href="https://example.gov.vn/">cổng tin</a>', "<td>Tốt</td>", 'id="fn:1"',
                 'href="#fn:1"', 'title="Quay lại chỗ chú thích 1"'):
        assert good in html, good


def test_trust_html_keeps_it_and_a_change_of_the_option_rebuilds(tmp_path):
    site = hostile_site(tmp_path)
    assert build(site).ok and "<iframe" not in page_of(site)
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("trust_html: true\n")
    assert build(site).ok  # the same bodies, cached as sanitised HTML: must not be reused
    assert '<iframe src="https://video.example/nhung"></iframe>' in page_of(site)


def test_front_matter_cannot_break_out_of_markup(tmp_path):
    title = 'Hội nghị \\"><script>alert(1)</script> năm 2024'
    site = write_site(tmp_path / "site", {POST_PATH: POST.replace(
        "title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024",
        f'title: "{title}"\nslug: hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024\n'
        'summary: "Tóm tắt\\" onmouseover=\\"steal()"')})
    result = build(site)
    assert result.ok, result.problems
    out = os.path.join(site, "output")
    for path in files_under(out):
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        if path.endswith((".html", ".xml")):
            assert "<script>alert(1)" not in text and '" onmouseover="steal()' not in text, path
        elif path.endswith(".js"):  # the search data: text in JSON strings, shown with textContent
            assert "</script" not in text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_of(site)


def files_under(folder) -> set:
    return {os.path.join(b, n) for b, _, names in os.walk(folder) for n in names}


def test_nothing_is_written_or_deleted_outside_output(tmp_path):
    """Tags and titles made of path pieces stay inside output/; a link that someone left in
    output/ pointing elsewhere is not sitegen's: it stays, and what it points to is untouched."""
    outside = tmp_path / "tai-lieu-rieng"
    outside.mkdir()
    (outside / "bao-cao.docx").write_text("không được xóa", encoding="utf-8")
    post = POST.replace("review_year: 2024", 'review_year: 2024\ntags: ["../../ngoài", "/tuyệt đối", "..\\\\win", "~"]')
    site = write_site(tmp_path / "site", {POST_PATH: post})
    assert build(site).ok
    os.symlink(outside, os.path.join(site, "output", "lien-ket"))
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("posts_per_page: 3\n")  # a full build again
    before = files_under(tmp_path)
    assert build(site).ok
    after = files_under(tmp_path)
    allowed = (os.path.join(site, "output") + os.sep, os.path.join(site, ".sitegen-cache") + os.sep)
    assert [p for p in after - before if not p.startswith(allowed)] == []
    assert (outside / "bao-cao.docx").read_text(encoding="utf-8") == "không được xóa"
    assert os.path.islink(os.path.join(site, "output", "lien-ket"))
    tags = sorted(os.listdir(os.path.join(site, "output", "the")))
    assert tags == ["khac", "ngoai", "tuyet-doi", "win"]


def test_markdown_reached_through_links_outside_content_is_refused(tmp_path):
    """A post that is a link, or that sits below a linked folder (however deep), is read
    only when it really lies inside content/; a link that stays inside is an ordinary post."""
    from sitekit import check_lines
    elsewhere = tmp_path / "ngoai-site"
    (elsewhere / "sau" / "hon").mkdir(parents=True)
    (elsewhere / "bai-le.md").write_text(POST, encoding="utf-8")
    (elsewhere / "sau" / "hon" / "bai-sau.md").write_text(POST, encoding="utf-8")
    site = write_site(tmp_path / "site")
    posts = os.path.join(site, "content", "posts")
    os.symlink(elsewhere / "bai-le.md", os.path.join(posts, "bai-le.md"))
    os.symlink(elsewhere, os.path.join(posts, "thu-muc-lien-ket"))
    os.makedirs(os.path.join(site, "content", "luu"))
    inside = POST.replace("review_year: 2024", "review_year: 2023").replace("20/12/2024", "20/12/2023")
    with open(os.path.join(site, "content", "luu", "bai-2023.md"), "w", encoding="utf-8") as f:
        f.write(inside.replace("năm 2024", "năm 2023"))
    os.symlink(os.path.join(site, "content", "luu"), os.path.join(posts, "luu-trong"))
    lines = check_lines(site)
    outside = sorted(line.split(":")[0] for line in lines if " E403 " in line)
    assert outside == ["content/posts/bai-le.md", "content/posts/thu-muc-lien-ket/bai-le.md",
                       "content/posts/thu-muc-lien-ket/sau/hon/bai-sau.md"]
    assert not [line for line in lines if "luu-trong" in line and " E" in line]
