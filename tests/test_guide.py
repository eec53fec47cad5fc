"""The Vietnamese guide's examples work as a clerk would copy them: its example post checks
clean and renders its numbers; its units.yaml is valid; the problem line it explains is
the one sitegen prints."""
import os
import re

from PIL import Image

from sitekit import run, write_site

GUIDE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "huong-dan")


def blocks(name: str, language: str) -> list:
    with open(os.path.join(GUIDE, name), encoding="utf-8") as f:
        return re.findall(r"```" + language + r"\n(.*?)```", f.read(), re.S)


def test_the_example_post_checks_clean_and_its_results_are_written(tmp_path):
    post = blocks("viet-bai.md", "markdown")[0]
    units = blocks("viet-bai.md", "yaml")[0]
    site = write_site(tmp_path, {"content/units.yaml": units, "content/posts/2024/dong-lam/index.md": post},
                      base=True)
    os.remove(os.path.join(site, "content", "posts", "2024", "hoi-nghi.md"))  # sitekit's own post
    os.makedirs(os.path.join(site, "content", "posts", "2024", "dong-lam", "anh"))
    Image.new("RGB", (800, 600), (30, 90, 160)).save(
        os.path.join(site, "content", "posts", "2024", "dong-lam", "anh", "quang-canh.jpg"), "JPEG")
    code, out, err = run("build", "-s", site, "--lang", "vi")
    assert code == 0 and out == "", out + err
    assert "0 lỗi, 0 cảnh báo" in err
    page = os.path.join(site, "output", "2024", "chi-bo-thon-dong-lam-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024",
                        "index.html")
    with open(page, encoding="utf-8") as f:
        html = f.read()
    assert "27/30" in html and "90%" in html  # hoàn thành tốt nhiệm vụ trở lên: 4 + 23 of 30 rated


def test_the_problem_line_the_guide_explains_is_what_sitegen_prints(tmp_path):
    with open(os.path.join(GUIDE, "doc-thong-bao.md"), encoding="utf-8") as f:
        explained = re.search(r"^    (content/\S+: E301 .*)$", f.read(), re.M)[1]
    post = blocks("viet-bai.md", "markdown")[0].replace("attendance: {members: 32, present: 30}", "")
    post = post.replace("    not_rated: {exempt: 1, new: 1}\n", "").replace("total: 32", "total: 30")
    post = post.replace("hoan_thanh: 3", "hoan_thanh: 0").replace("photos:\n  - {src: anh/quang-canh.jpg, "
                                                                  "caption: Quang cảnh hội nghị}\n", "")
    site = write_site(tmp_path, {"content/posts/2024/dong-lam.md": post, "content/units.yaml":
                                 blocks("viet-bai.md", "yaml")[0]})
    lines = run("check", "-s", site, "--lang", "vi")[1].splitlines()
    where, message = explained.split(": E301 ")
    assert any(line.startswith("content/posts/2024/dong-lam.md:") and line.endswith(message) for line in lines), lines
