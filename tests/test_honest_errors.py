"""Failures of the disk are told plainly (the path, what to do) and leave no temporary
files; the feed is well-formed XML whatever a title holds; the small validation gaps
(time zone, empty photo, a parent period backwards, a title `new` could not quote) are
problems or handled."""
import os
import resource
import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml

from sitekit import POST, POST_PATH, SITE_YAML, check_lines, post_with, run, write_site


def _leftovers(folder) -> list:
    return [n for _, _, names in os.walk(folder) for n in names if "sitegen-tmp" in n or n.endswith(".tmp")]


def test_a_file_the_system_will_not_write_is_a_plain_message(tmp_path):
    """A real refusal of the system: a limit on file size (EFBIG), as a full disk refuses."""
    site = write_site(tmp_path, {POST_PATH: POST + "\n" + "Nội dung dài. " * 3000 + "\n"})

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))

    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "-s", site, "-j", "1"],
                          capture_output=True, text=True, preexec_fn=small_files, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "larger than this disk or system allows" in done.stderr
    assert f"sitegen: {site}" in done.stderr  # the path that could not be written
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert _leftovers(os.path.join(site, "output")) == [] if os.path.isdir(os.path.join(site, "output")) else True
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "-s", site], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # once the limit is gone, the next build finishes the job


def test_a_full_disk_leaves_no_temporary_file_in_output(tmp_path, monkeypatch):
    from sitegen.write import output
    site = write_site(tmp_path)
    assert run("build", "-s", site)[0] == 0
    with open(os.path.join(site, POST_PATH), "a", encoding="utf-8") as f:
        f.write("\nThêm.\n")
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("posts_per_page: 4\n")  # a full build
    real_replace = os.replace

    def full(src, dst, *args, **kwargs):
        if str(src).endswith(output.TEMP_SUFFIX):
            raise OSError(28, "No space left on device", src)
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full)
    code, out, err = run("build", "-s", site, "-j", "1")
    assert code == 1 and "the disk is full; free some space" in err and "output" in err
    assert "internal error" not in err
    assert _leftovers(os.path.join(site, "output")) == []


def test_the_feed_is_well_formed_whatever_a_title_holds(tmp_path):
    post = post_with("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024",
                     'title: "Hội nghị\\vkiểm\\x01 điểm\\uFFFE"')
    post = post_with("date: 20/12/2024", "date: 20/12/2024\nsummary: \"Tóm\\x0ctắt\"", post)
    site = write_site(tmp_path, {POST_PATH: post})
    assert run("build", "-s", site)[0] == 0
    tree = ET.parse(os.path.join(site, "output", "feed.xml"))  # raises on a control character
    titles = [e.text for e in tree.iter() if e.tag.endswith("title")]
    assert any(t and "Hội nghị kiểm  điểm" in t for t in titles), titles


def test_new_quotes_any_title(tmp_path):
    site = write_site(tmp_path)
    title = 'Báo cáo C:\\Tai lieu\\2024 "bản cuối": #1 – 50%'
    code, out, err = run("new", "-s", site, title, "--date", "18/12/2025")
    assert code == 0, err
    made = [os.path.join(b, n) for b, _, names in os.walk(os.path.join(site, "content", "posts", "2025")) for n in names]
    with open(made[0], encoding="utf-8") as f:
        front = f.read().split("---")[1]
    assert yaml.safe_load(front)["title"] == title
    code, out, err = run("init", str(tmp_path / "moi"), "--title", "Chi bộ: Trường #2")
    assert code == 0, err
    assert check_lines(tmp_path / "moi") is not None
    with open(tmp_path / "moi" / "site.yaml", encoding="utf-8") as f:
        assert yaml.safe_load(f)["title"] == "Chi bộ: Trường #2"


def test_a_superscript_digit_is_no_number(tmp_path):
    """str.isdigit() takes "²" for a digit, int() does not: a problem, never a crash."""
    site = write_site(tmp_path, {POST_PATH: post_with("review_year: 2024", "review_year: ²")})
    lines = check_lines(site)
    assert len(lines) == 1 and lines[0].startswith(POST_PATH + ":5:14: E203 review_year "), lines
    code, out, err = run("serve", "-s", site, "--port", "80²")
    assert code == 2 and "'80²' is not a whole number" in err and "Traceback" not in err


def test_small_validation_gaps_are_problems(tmp_path):
    site = write_site(tmp_path, {"site.yaml": SITE_YAML + "timezone: Asia/Ha_Noi\n"})
    assert "site.yaml:3:11: E203 unknown time zone 'Asia/Ha_Noi'; Vietnam's is Asia/Ho_Chi_Minh" in check_lines(site)
    photo = post_with("review_year: 2024\n", "review_year: 2024\nphotos:\n  - src: \"\"\n    caption: Hội nghị\n  - \"\"\n")
    site = write_site(tmp_path / "b", {POST_PATH: photo})
    lines = check_lines(site)
    assert f"{POST_PATH}:7:10: E203 photos #1.src names no photo; write the photo's file name (e.g. anh/hoi-nghi.jpg), or remove this entry" in lines
    assert any(line.startswith(f"{POST_PATH}:9:5: E203 photos #2 names no photo") for line in lines), lines
    units = ("- id: dang-uy-xa-an-khe\n  name: Đảng ủy xã An Khê\n  kind: dang_bo\n"
             "- id: chi-bo-thon-dong-lam\n  name: Chi bộ thôn Đông Lâm\n  kind: chi_bo\n"
             "  parent:\n    - {id: dang-uy-xa-an-khe, from: 01/01/2025, until: 31/12/2020}\n")
    site = write_site(tmp_path / "c", {"content/units.yaml": units})
    assert any("E203 the period under 'dang-uy-xa-an-khe' ends (31/12/2020) before it starts (01/01/2025)" in line
               for line in check_lines(site))
