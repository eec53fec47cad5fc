"""`sitegen check` as a user runs it: formats, exit codes, --strict, -s, reading quirks."""
import os

import pytest
import subprocess
import sys

from sitekit import POST, POST_PATH, check_json, check_lines, post_with, run, write_site


def test_json_has_the_documented_keys(tmp_path):
    write_site(tmp_path, {POST_PATH: post_with("hoan_thanh: 3", "hoan_thanh: 0")
                          .replace("agree: 28, of: 28", "agree: 28, of: 29")})
    problems = check_json(tmp_path)
    assert [(p["code"], p["severity"], p["path"], p["line"], p["column"]) for p in problems] == [
        ("W504", "warning", POST_PATH, 10, 28),
        ("E301", "error", POST_PATH, 11, 3),
    ]
    assert set(problems[0]) == {"code", "severity", "path", "line", "column", "message"}
    assert "the levels add up to 27 but 30 members are rated" in problems[1]["message"]


def test_exit_status(tmp_path):
    clean, warn, bad, nosite = (tmp_path / n for n in ("clean", "warn", "bad", "nosite"))
    write_site(clean)
    write_site(warn, {POST_PATH: post_with("agree: 28, of: 28", "agree: 28, of: 29")})
    write_site(bad, {POST_PATH: post_with("hoan_thanh: 3", "hoan_thanh: 0")})
    nosite.mkdir()
    assert run("check", "-s", str(clean))[0] == 0
    assert run("check", "-s", str(warn))[0] == 0
    assert run("check", "-s", str(warn), "--strict")[0] == 1
    assert run("check", "-s", str(bad))[0] == 1
    code, out, err = run("check", "-s", str(nosite))
    assert code == 2 and "there is no site.yaml" in out
    assert run("check", "--format", "xml", "-s", str(clean))[0] == 2
    assert run()[0] == 2


def test_site_yaml_problem_exits_2(tmp_path):
    write_site(tmp_path, {"site.yaml": "title: A\nposts_per_pag: 5\n"})
    code, out, _ = run("check", "-s", str(tmp_path))
    assert code == 2
    assert "site.yaml:2:1: E202 unknown key `posts_per_pag` in front matter (did you mean `posts_per_page`?)" in out


def test_site_option_before_or_after_command(tmp_path):
    write_site(tmp_path, {POST_PATH: post_with("hoan_thanh: 3", "hoan_thanh: 0")})
    assert run("-s", str(tmp_path), "check")[0] == 1
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert run("check")[0] == 1
    finally:
        os.chdir(cwd)


def test_bom_crlf_and_decomposed_text_are_accepted(tmp_path):
    """Windows Notepad writes a BOM and CRLF; macOS and some keyboards write NFD text."""
    import unicodedata
    text = unicodedata.normalize("NFD", POST).replace("\n", "\r\n")
    write_site(tmp_path, {POST_PATH: b"\xef\xbb\xbf" + text.encode("utf-8")})
    assert check_lines(tmp_path) == []
    bad = unicodedata.normalize("NFD", post_with("level: tot", "level: rất tốt")).replace("\n", "\r\n")
    write_site(tmp_path, {POST_PATH: b"\xef\xbb\xbf" + bad.encode("utf-8")})
    # Same line and column as without BOM and CRLF; the value is shown in NFC.
    assert check_lines(tmp_path)[0].startswith(POST_PATH + ":9:12: E203 level 'rất tốt' is not a level id")


def test_counts_with_leading_zeros_are_decimal(tmp_path):
    """Posts write '05 đảng viên'; YAML 1.1 would read 010 as octal 8 and 08 as text."""
    post = (POST.replace("total: 30", "total: 030").replace("xuat_sac: 4", "xuat_sac: 04")
            .replace("tot: 23", "tot: 023").replace("hoan_thanh: 3", "hoan_thanh: 03")
            .replace("members: 30", "members: 030"))
    write_site(tmp_path, {POST_PATH: post})
    assert check_lines(tmp_path) == []


def test_all_problems_at_once_sorted(tmp_path):
    write_site(tmp_path, {
        POST_PATH: post_with("hoan_thanh: 3", "hoan_thanh: 0").replace("present: 28}", "present: 31}"),
        "content/posts/2023/a.md": "",
        "content/posts/2025/b.md": POST.replace("level: tot", "level: gioi")
        .replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam").replace("unit: chi", "slug: b\nunit: chi", 1),
    })
    lines = check_lines(tmp_path)
    assert [line.split(": ")[1].split()[0] for line in lines] == ["E103", "E302", "E301", "E203"]
    assert lines == sorted(lines, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))


def test_parallel_and_serial_agree(tmp_path):
    """Large sites are read by several processes; the report must not depend on it."""
    files = {}
    for i in range(1600):
        post = POST.replace("date: 20/12/2024", f"date: 20/12/2024\nslug: bai-{i}")
        if i % 97 == 0:
            post = post.replace("hoan_thanh: 3", "hoan_thanh: 2")
        files[f"content/posts/2024/bai-{i:04d}.md"] = post
    write_site(tmp_path, files)
    serial = run("check", "-s", str(tmp_path), "-j", "1")
    parallel = run("check", "-s", str(tmp_path), "-j", "2")
    assert serial[0] == parallel[0] == 1
    assert serial[1] == parallel[1]
    assert serial[1].count(" E301 ") == len(range(0, 1600, 97))
    assert serial[1].count(" W503 ") == 1601


def _half(n):
    if n == 7:
        raise ValueError("bảy")
    return n // 2


def test_a_failing_checking_process_is_reported_and_reaped():
    """check's forked processes: results in order with what ran meanwhile; a failure in
    one is an error naming it, never a hang or a child left behind."""
    from sitegen.parallel import forked_map
    assert forked_map(_half, list(range(7)), 2, lambda: "units") == ([0, 0, 1, 1, 2, 2, 3], "units")
    with pytest.raises((RuntimeError, ValueError), match="bảy"):  # in a child or here
        forked_map(_half, list(range(10)), 3, lambda: None)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child of this process is left


def test_check_writes_nothing_but_its_cache(tmp_path):
    write_site(tmp_path)
    before = sorted(os.walk(tmp_path))
    subprocess.run([sys.executable, "-m", "sitegen", "check", "--no-cache", "-s", str(tmp_path)], check=True,
                   capture_output=True)
    assert sorted(os.walk(tmp_path)) == before
    subprocess.run([sys.executable, "-m", "sitegen", "check", "-s", str(tmp_path)], check=True,
                   capture_output=True)
    after = sorted(os.walk(tmp_path))
    assert [(base, [d for d in dirs if d != ".sitegen-cache"], names)
            for base, dirs, names in after if ".sitegen-cache" not in base] == before
    assert os.listdir(tmp_path / ".sitegen-cache") == ["check.pickle"]


def test_check_shows_the_problems_of_the_files_named(tmp_path, monkeypatch):
    other = "content/posts/2024/tay-lam.md"
    site = write_site(tmp_path, {
        POST_PATH: post_with("agree: 28, of: 28", "agree: 28, of: 29"),  # W504
        other: post_with("hoan_thanh: 3", "hoan_thanh: 0").replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam")
        .replace("date: 20/12/2024", "date: 20/12/2024\nslug: tay-lam")})
    code, out, err = run("check", "-s", site, os.path.join(site, POST_PATH))
    assert code == 0 and [line.split(" ")[1] for line in out.splitlines()] == ["W504"]  # not the other's E301
    assert "in 1 file" in err
    assert run("check", "-s", site, POST_PATH)[1] == out  # as the messages name it, from the site's folder
    monkeypatch.chdir(os.path.join(site, "content", "posts", "2024"))
    code, out, err = run("check", "tay-lam.md")  # from the post's own folder: the site is found above
    assert code == 1 and [line.split(" ")[1] for line in out.splitlines()] == ["E301"]
    assert f"the site in {site}" in err
    code, out, err = run("check", ".")
    assert code == 1 and len(out.splitlines()) == 2
    code, out, err = run("check", "khong-co.md")
    assert code == 2 and "there is no file khong-co.md" in err
    code, out, err = run("check", str(tmp_path.parent))
    assert code == 2 and "is not in the site" in err


def test_an_error_of_the_settings_is_shown_with_any_file(tmp_path):
    site = write_site(tmp_path, {"content/units.yaml": "- id: chi-bo-thon-dong-lam\n  name: [Chi bộ]\n"})
    code, out, err = run("check", "-s", site, os.path.join(site, POST_PATH))
    assert code == 1 and any(line.startswith("content/units.yaml:") for line in out.splitlines()), out


def test_numbers_on_the_command_line_are_read_as_a_clerk_writes_them(tmp_path):
    site = write_site(tmp_path / "site")
    code, out, err = run("report", "-s", site, "năm 2024", "--to", str(tmp_path / "bao-cao.xlsx"))
    assert code == 0 and (tmp_path / "bao-cao.xlsx").is_file(), err
    # What is not a year or a number is said in words, not as Python's "invalid int value".
    proc = subprocess.run([sys.executable, "-m", "sitegen", "--lang", "en", "report", "-s", site, "hai nghìn"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "'hai nghìn' is not a year; write it in four digits, e.g. 2025" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", "tám nghìn"],
                          capture_output=True, text=True, env={**os.environ, "SITEGEN_LANG": "vi"})
    assert proc.returncode == 2 and "'tám nghìn' không phải là một số nguyên, ví dụ 8000" in proc.stderr
    assert "int" not in proc.stderr.split("lỗi:", 1)[1]
