"""No input of a few hundred KB makes sitegen work for minutes or take gigabytes: tags are
folded and limited, and a body nested absurdly deep is refused by `check`."""
import os
import subprocess
import sys

from sitekit import POST, POST_PATH, check_lines, post_with, run, write_site

HERE = os.path.dirname(os.path.abspath(__file__))


def _peak_of_child(command) -> tuple:
    """(exit code, stdout, peak memory in MB) of a fresh process running `command`: the
    child runs the command and reports its own peak (ru_maxrss of its children would mix
    in every earlier test's processes)."""
    probe = ("import resource, subprocess, sys\n"
             "done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=600)\n"
             "sys.stdout.write(done.stdout)\n"
             "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
             "sys.exit(done.returncode)\n")
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=900)
    return done.returncode, done.stdout, int(done.stderr.strip().splitlines()[-1]) / 1024


def test_a_post_repeating_one_tag_200000_times_is_checked_within_300_mb(tmp_path):
    tags = "tags: [" + ",".join(["a"] * 200_000) + "]\n"
    site = write_site(tmp_path, {POST_PATH: post_with("review_year: 2024\n", "review_year: 2024\n" + tags)})
    assert 400_000 < os.path.getsize(os.path.join(site, POST_PATH)) < 1 << 20
    for command in ("check", "build"):
        code, out, peak = _peak_of_child([sys.executable, "-m", "sitegen", command, "-s", site, "-j", "1"])
        assert code == 1, out
        assert "E203 tags lists 200000 tags, more than the 30 allowed" in out
        assert peak < 300, (command, peak)


def test_spellings_of_one_tag_are_one_tag_shown_once(tmp_path):
    post = post_with("review_year: 2024\n", "review_year: 2024\ntags: [Chi bộ, chi bộ, CHI BỘ, Đảng viên]\n")
    site = write_site(tmp_path, {POST_PATH: post})
    lines = check_lines(site)
    assert [line.split(": ", 1)[1] for line in lines if "W508" in line] == [
        "W508 the tag 'chi bộ' repeats 'Chi bộ' (they make the same tag page); it is kept once: remove the repeat",
        "W508 the tag 'CHI BỘ' repeats 'Chi bộ' (they make the same tag page); it is kept once: remove the repeat"]
    assert run("build", "-s", site)[0] == 0
    with open(os.path.join(site, "output", "the", "chi-bo", "index.html"), encoding="utf-8") as f:
        page = f.read()
    assert page.count("hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/index.html\"") >= 1
    assert page.count('<li class="card">') == 1  # the post is listed once


def test_too_many_or_too_long_tags_are_errors(tmp_path):
    many = "tags: [" + ", ".join(f"chủ đề {i}" for i in range(31)) + "]\n"
    site = write_site(tmp_path, {POST_PATH: post_with("review_year: 2024\n", "review_year: 2024\n" + many)})
    assert any("E203 tags lists 31 tags, more than the 30 allowed" in line for line in check_lines(site))
    long = "tags: [" + "dài " * 30 + "]\n"
    site = write_site(tmp_path / "b", {POST_PATH: post_with("review_year: 2024\n", "review_year: 2024\n" + long)})
    assert any("E203 this tag is 119 characters long, more than the 80 allowed" in line for line in check_lines(site))


def test_a_body_of_100_kb_of_nested_quotes_is_refused_by_check(tmp_path):
    body = POST + "\nMở đầu.\n\n" + ">" * 100_000 + " sâu\n"
    site = write_site(tmp_path, {POST_PATH: body})
    lines = check_lines(site)
    assert lines == [f"{POST_PATH}:22:1: E104 this line nests quotes ('>') or lists more than 64 levels deep, "
                     "which cannot be published; no post needs more than a few levels: remove the extra "
                     "'>' or list markers"]
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "-s", site], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "E104" in done.stdout
    lists = POST + "\n" + "- " * 5_000 + "mục\n"
    site = write_site(tmp_path / "b", {POST_PATH: lists})
    assert any(" E104 " in line for line in check_lines(site))


def test_a_body_of_deeply_nested_html_is_refused_but_ordinary_html_passes(tmp_path):
    site = write_site(tmp_path, {POST_PATH: POST + "\n" + "<div>" * 20_000 + "x" + "</div>" * 20_000 + "\n"})
    lines = check_lines(site)
    assert len(lines) == 1 and "E104 the HTML in the body nests elements more than 64 levels deep (here <div>)" in lines[0]
    ordinary = POST + "\n" + "<p>đoạn\n" * 300 + "<ul>" + "<li>mục" * 300 + "</ul>\n" + "<br>" * 300 + "\n"
    site = write_site(tmp_path / "b", {POST_PATH: ordinary})
    assert check_lines(site) == []
