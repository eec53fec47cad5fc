"""sitegen speaks Vietnamese unless asked for English: its catalog translates every message
the code says, with the same placeholders, compiled as shipped; every command, on a site
with problems and on a clean one, says only the chosen language; and a console that is
not UTF-8 gets readable text, never a traceback."""
import io
import os
import re
import signal
import string
import subprocess
import sys
import unicodedata

import pytest
from babel.messages import extract, mofile, pofile

from sitekit import POST_PATH, UNITS_YAML, post_with, run, write_site
from test_serve import fetch, free_port, wait_for

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCALE = os.path.join(ROOT, "sitegen", "locale")
PO = os.path.join(LOCALE, "vi", "LC_MESSAGES", "sitegen.po")
MO = os.path.join(LOCALE, "vi", "LC_MESSAGES", "sitegen.mo")


def catalog():
    with open(PO, "rb") as f:
        return pofile.read_po(f)


def strings(message) -> tuple:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def ids(message) -> tuple:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def test_every_message_has_a_vietnamese_translation():
    untranslated = [m.id for m in catalog() if m.id and (m.fuzzy or not all(strings(m)))]
    assert untranslated == []


def placeholders(text: str) -> tuple:
    """The {fields} (with their format) and %-conversions a message fills in."""
    fields = sorted((name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                    if name is not None)
    percents = sorted(re.findall(r"%(?:\(\w+\))?[sdrfx]", text))
    return fields, percents


def test_translations_fill_in_the_same_placeholders():
    wrong = []
    for m in catalog():
        if not m.id:
            continue
        expected = placeholders(ids(m)[-1])
        for translated in strings(m):
            if placeholders(translated) != expected:
                wrong.append((ids(m)[-1], translated))
    assert wrong == []


def test_the_catalog_holds_every_message_of_the_code_and_no_other():
    said = set()
    keywords = dict(extract.DEFAULT_KEYWORDS, N_=None)
    for _, _, message, _, _ in extract.extract_from_dir(os.path.join(ROOT, "sitegen"),
                                                         method_map=[("**.py", "python")], keywords=keywords):
        said.add(message if isinstance(message, str) else message[0])
    held = {ids(m)[0] for m in catalog() if m.id}
    assert sorted(said - held) == [], "run the update commands in docs/translating.md"
    assert sorted(held - said) == [], "messages the code no longer says: update the catalog"


def test_the_shipped_catalog_is_the_po_compiled():
    """The .mo is what compiling the .po gives now: an edit of the .po without compiling
    (an out-of-date .mo) fails here, however the files' times came out of git."""
    compiled = io.BytesIO()
    mofile.write_mo(compiled, catalog())
    with open(MO, "rb") as f:
        assert f.read() == compiled.getvalue(), "compile the catalog: see docs/translating.md"


# ---------------------------------------------------------------- what commands say

VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
# English words that are not also Vietnamese ones ("in" is to print, "to" big, "no" full).
ENGLISH_WORDS = {"the", "is", "are", "and", "of", "not", "must", "with", "for", "was",
                 "be", "or", "use", "usage", "show", "help", "this", "that", "file", "files", "error",
                 "errors", "warning", "warnings", "built", "written", "unchanged", "removed", "nothing",
                 "would", "into", "from", "at", "it", "sent", "deleted", "created", "next", "options",
                 "arguments", "required", "invalid", "choice", "there", "folder", "site", "post"}


def said_words(output: str) -> str:
    """What sitegen itself says: without what it quotes (`key`, 'value', "text"), paths,
    option names and the site's own words it repeats."""
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|«[^»]*»", " ", output)
    text = re.sub(r"\S*[/\\]\S*|\S+\.(?:md|yaml|html|zip|json|js|xml)\b|(?<!\w)--?[\w-]+|\{[^}]*\}", " ", text)
    return text


def english_words(output: str) -> list:
    words = re.findall(r"\w+", said_words(output))  # a key such as not_rated is one word, not "not"
    return sorted({w for w in words if w.lower() in ENGLISH_WORDS})


def vietnamese_letters(output: str) -> list:
    return sorted({c for c in said_words(output).lower() if c in VIETNAMESE})


BROKEN = post_with("hoan_thanh: 3", "hoan_thanh: 0")  # E301
QUOTA = (post_with("xuat_sac: 4", "xuat_sac: 6").replace("tot: 23", "tot: 21")  # W501
         .replace("unit: chi-bo-thon-dong-lam", "unit: chi-bo-thon-tay-lam")
         .replace("title: Hội nghị kiểm điểm", "title: Chi bộ thôn Tây Lâm, hội nghị kiểm điểm"))


# Tây Lâm a chi bộ cơ sở, standing alone: the quota (W501) is checked on its members.
UNITS_CO_SO = UNITS_YAML.replace("- id: chi-bo-thon-tay-lam\n  name: Chi bộ thôn Tây Lâm\n  kind: chi_bo\n"
                                 "  parent: dang-uy-xa-an-khe\n",
                                 "- id: chi-bo-thon-tay-lam\n  name: Chi bộ thôn Tây Lâm\n  kind: chi_bo_co_so\n")


def sites(tmp_path):
    clean = write_site(tmp_path / "clean", {"site.yaml": "title: Chi bộ thôn Đông Lâm\nbase_url: "
                                            "https://example.edu.vn/tin-dang/\ndeploy:\n  may: "
                                            + str(tmp_path / "host") + "\n"})
    broken = write_site(tmp_path / "broken", {POST_PATH: BROKEN, "content/posts/2024/quota.md": QUOTA,
                                              "content/units.yaml": UNITS_CO_SO,
                                              "content/posts/2024/ngay.md": "---\ntitle: Tin\ndate: 31/02/2024\n"
                                              "tieu_de: x\n---\nThân bài.\n",
                                              "content/posts/2024/dau-hai-cham.md": "---\ntitle: Chi bộ A: Hội nghị"
                                              "\ndate: 01/02/2024\n---\n"})
    empty = tmp_path / "empty"
    empty.mkdir()
    return clean, broken, str(empty)


def commands(tmp_path):
    clean, broken, empty = sites(tmp_path)
    return [
        ["--help"], ["check", "--help"], ["build", "--help"], ["serve", "--help"], ["deploy", "--help"],
        ["new", "--help"], ["init", "--help"], ["export", "--help"],
        ["buidl"], ["check", "--format", "xml"], ["check", "-s", empty], ["check", "-s", str(tmp_path / "nowhere")],
        ["check", "-s", clean], ["check", "-s", broken], ["build", "-s", clean], ["build", "-s", broken],
        ["deploy", "-s", clean, "--dry-run"], ["deploy", "-s", broken], ["deploy", "-s", clean, "nowhere"],
        ["export", "-s", clean, "khong-co-bai-nay"], ["export", "-s", broken, POST_PATH],
        ["new", "-s", clean, "Bài mới"], ["new", "-s", clean, "Bài mới"], ["new", "-s", clean, "X", "--date", "32/1/2024"],
        ["init", str(tmp_path / "moi")], ["init", str(tmp_path / "moi")],
        ["report", "--help"], ["report", "-s", clean, "2024", "--to", str(tmp_path / "bao-cao.xlsx")],
        ["report", "-s", clean, "2030", "--to", str(tmp_path / "khong.xlsx")],
    ]


def test_every_command_speaks_vietnamese_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("SITEGEN_LANG")
    heard = []
    for args in commands(tmp_path):
        code, out, err = run(*args)
        assert "Traceback" not in out + err
        heard.append(out + err)
        assert english_words(out + err) == [], (args, said_words(out + err))
    said = "\n".join(heard)
    assert "cách dùng: sitegen" in said and "hiện hướng dẫn này rồi thoát" in said
    assert ("E301 results.members: tổng các mức xếp loại là 27 nhưng có 30 đảng viên được đánh giá (tổng số 30, "
            "chưa đánh giá 0): sửa xuat_sac + tot + hoan_thanh + khong_hoan_thanh cho bằng 30, hoặc sửa total / "
            "not_rated") in said
    assert "4 lỗi, 1 cảnh báo trong" in said
    assert "tháng 2 năm 2024 không có ngày 31" in said
    assert "lựa chọn không hợp lệ: 'xml'" in said  # argparse's own words
    assert "không có lệnh 'buidl'; có phải ý bạn là: sitegen build" in said


def test_every_command_speaks_english_when_asked(tmp_path):
    for args in commands(tmp_path):
        code, out, err = run("--lang", "en", *args) if args[0].startswith("-") else run(args[0], "--lang", "en",
                                                                                           *args[1:])
        assert "Traceback" not in out + err
        assert vietnamese_letters(out + err) == [], (args, out + err)


def test_the_language_comes_from_the_environment_too(tmp_path, monkeypatch):
    clean, broken, _ = sites(tmp_path)
    monkeypatch.setenv("SITEGEN_LANG", "vi_VN.UTF-8")
    assert "0 lỗi, 0 cảnh báo" in run("check", "-s", clean)[2]
    monkeypatch.setenv("SITEGEN_LANG", "en")
    assert "0 errors, 0 warnings" in run("check", "-s", clean)[2]
    assert "0 lỗi, 0 cảnh báo" in run("check", "-s", clean, "--lang", "vi")[2]


def test_json_keeps_its_shape_with_the_message_in_the_language(tmp_path, monkeypatch):
    import json
    _, broken, _ = sites(tmp_path)
    monkeypatch.delenv("SITEGEN_LANG")
    vi = json.loads(run("check", "-s", broken, "--format", "json")[1])
    en = json.loads(run("check", "-s", broken, "--format", "json", "--lang", "en")[1])
    assert [{k: v for k, v in p.items() if k != "message"} for p in vi] == \
           [{k: v for k, v in p.items() if k != "message"} for p in en]
    assert {p["severity"] for p in vi} == {"error", "warning"}
    assert all(set(p) == {"code", "severity", "path", "line", "column", "message"} for p in vi)
    assert vi[0]["message"] != en[0]["message"]


def test_a_cache_made_in_one_language_does_not_answer_in_the_other(tmp_path):
    _, broken, _ = sites(tmp_path)
    for command in ("check", "build", "check", "build"):
        assert "tổng các mức xếp loại" in run(command, "-s", broken, "--lang", "vi")[1]
        assert "the levels add up to" in run(command, "-s", broken, "--lang", "en")[1]


# ---------------------------------------------------------------- consoles that are not UTF-8

def sitegen(args, encoding: str, tmp_path):
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    env.pop("SITEGEN_LANG", None)
    return subprocess.run([sys.executable, "-m", "sitegen", *args], capture_output=True, env=env, cwd=tmp_path)


@pytest.mark.parametrize("encoding", ["cp1252", "cp437", "ascii"])
def test_a_console_without_vietnamese_letters_gets_them_without_marks(tmp_path, encoding):
    _, broken, _ = sites(tmp_path)
    proc = sitegen(["check", "-s", broken], encoding, tmp_path)
    out, err = proc.stdout.decode(encoding), proc.stderr.decode(encoding)
    assert proc.returncode == 1 and "Traceback" not in err
    assert "E301 results.members: t" in out and "xuat_sac + tot + hoan_thanh" in out
    folded = "".join(c for c in unicodedata.normalize("NFD", out) if not unicodedata.combining(c))
    assert "tong cac muc xep loai la 27 nhung co 30 dang vien duoc danh gia" in folded.replace("đ", "d")
    assert "4 loi, 1 canh bao" in "".join(c for c in unicodedata.normalize("NFD", err)
                                          if not unicodedata.combining(c))
    proc = sitegen(["--help"], encoding, tmp_path)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr


def test_code_page_1258_loses_nothing(tmp_path):
    _, broken, _ = sites(tmp_path)
    proc = sitegen(["check", "-s", broken], "cp1258", tmp_path)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    utf8 = sitegen(["check", "-s", broken], "utf-8", tmp_path)
    assert unicodedata.normalize("NFC", proc.stdout.decode("cp1258")) == utf8.stdout.decode("utf-8")
    assert "tổng các mức xếp loại" in utf8.stdout.decode("utf-8")


# ---------------------------------------------------------------- serve's page

def serve_a_broken_save(tmp_path, *flags) -> tuple:
    """(the page shown after a save that breaks the numbers, what serve printed)."""
    site = write_site(tmp_path / "site", {"content/posts/2024/quota.md": QUOTA, "content/units.yaml": UNITS_CO_SO})
    port = free_port()
    env = dict(os.environ)
    env.pop("SITEGEN_LANG", None)
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port), *flags],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    root = f"http://127.0.0.1:{port}/tin-dang/"
    try:
        wait_for(lambda: _up(root), 30)
        with open(os.path.join(site, *POST_PATH.split("/")), "w", encoding="utf-8") as f:
            f.write(BROKEN)
        page = wait_for(lambda: (lambda p: p if "<strong>E301</strong>" in p else None)(fetch(root)[1]))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out = proc.communicate(timeout=10)[0]
        except subprocess.TimeoutExpired:
            proc.kill()
            out = proc.communicate()[0]
    return page, out


def page_words(page: str) -> str:
    return re.sub(r"<style>.*?</style>|<[^>]*>", " ", page, flags=re.S)


def test_serve_shows_errors_first_counted_apart_with_the_line_marked(tmp_path):
    page, out = serve_a_broken_save(tmp_path)
    assert "Trang chưa được dựng lại: 1 lỗi, 1 cảnh báo" in page
    errors, warnings = page.index("<h2>Lỗi</h2>"), page.index("<h2>Cảnh báo</h2>")
    e301, w501 = page.index("<strong>E301</strong>"), page.index("<strong>W501</strong>")
    assert errors < e301 < warnings < w501  # the error that stopped the build comes first
    assert "content/posts/2024/hoi-nghi.md:11:3</code> <strong>E301</strong> results.members: tổng các mức" in page
    assert "<pre>  11 |   members:\n     |   ^</pre>" in page  # the line, and the spot
    assert english_words(page_words(page)) == []
    assert "đang xem trước" in out and "dựng trang không thành công (1 lỗi, 1 cảnh báo)" in out
    assert "đã dừng" in out and english_words(out) == []


def test_serve_speaks_english_when_asked(tmp_path):
    page, out = serve_a_broken_save(tmp_path, "--lang", "en")
    assert "The site was not rebuilt: 1 error, 1 warning" in page and page.index("<h2>Errors</h2>") < page.index(
        "<h2>Warnings</h2>")
    assert vietnamese_letters(page_words(page)) == [] and vietnamese_letters(out) == []
    assert "build failed (1 error, 1 warning)" in out and "stopped" in out


def _up(root: str) -> bool:
    try:
        return fetch(root)[0] == 200
    except OSError:
        return False
