"""The editor under `serve`'s /_soan-bai/: a real server process, real files, and Debian's
Chromium writing a post from an empty form as a clerk would."""
import difflib
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from browser import chromium
from sitekit import POST, POST_PATH, write_site
from test_serve import fetch, free_port, stop, wait_for

from sitegen.editor import drafting, postfile

HERE = os.path.dirname(os.path.abspath(__file__))
AXE = os.path.join(HERE, "node_modules", "axe-core", "axe.min.js")

# A post as a clerk keeps it: comments, a key the form has no field for, a date written
# the ISO way, a body with Windows line endings.
COMMENTED = (
    "---\r\n"
    "# Bài của chi bộ thôn Tây Lâm\r\n"
    "title: Chi bộ thôn Tây Lâm kiểm điểm năm 2023\r\n"
    "date: 2023-12-18   # ngày đăng trên cổng\r\n"
    "unit: chi-bo-thon-tay-lam\r\n"
    "review_year: 2023\r\n"
    "extra:\r\n"
    "  nguoi_nhap: văn phòng   # ai gõ bài\r\n"
    "results:\r\n"
    "  unit: {level: tot, votes: {agree: 12, of: 12}}\r\n"
    "  members:\r\n"
    "    total: 12\r\n"
    "    xuat_sac: 1    # theo biên bản\r\n"
    "    tot: 10\r\n"
    "    hoan_thanh: 1\r\n"
    "---\r\n"
    "\r\n"
    "Chiều 18/12, chi bộ họp.  \r\n"
    "Dòng thứ hai giữ nguyên khoảng trắng cuối.   \r\n"
)
COMMENTED_PATH = "content/posts/2023/tay-lam.md"


@pytest.fixture
def editor(tmp_path):
    site = write_site(tmp_path / "site")
    os.makedirs(os.path.join(site, "content", "posts", "2023"))
    with open(os.path.join(site, *COMMENTED_PATH.split("/")), "wb") as f:
        f.write(COMMENTED.encode("utf-8"))
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, SITEGEN_LANG="vi"))
    lines = []
    root = f"http://127.0.0.1:{port}/_soan-bai/"

    def up():
        line = proc.stdout.readline()
        lines.append(line)
        return "/_soan-bai/" in line
    try:
        wait_for(up, 30)
        status, page = fetch(root)
        token = re.search(r'name="sitegen-token" content="([^"]+)"', page)[1]
        yield {"site": site, "root": root, "port": port, "token": token, "lines": lines, "proc": proc}
    finally:
        stop(proc)


def call(ed, method, action, body=None, query="", headers=None, raw=None):
    sent = {"X-Sitegen-Token": ed["token"], "Origin": f"http://127.0.0.1:{ed['port']}"}
    sent.update(headers or {})
    sent = {k: v for k, v in sent.items() if v is not None}
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(ed["root"] + "api/" + action + query, data=data, method=method, headers=sent)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def files_of(site):
    out = {}
    for base, _dirs, names in os.walk(os.path.join(site, "content")):
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, site)] = f.read()
    return out


def new_meeting_post(page, editor, title):
    """A new post by chi bộ thôn Tây Lâm, published 22/12/2024, reviewing 2024."""
    page.goto(editor["root"])
    page.get_by_role("button", name="Bài mới").click()
    page.get_by_label("Tiêu đề", exact=True).fill(title)
    page.get_by_label("Ngày đăng", exact=True).fill("22/12/2024")
    page.get_by_label("Đơn vị", exact=True).fill("chi-bo-thon-tay-lam")
    page.get_by_label("Năm đánh giá", exact=True).fill("2024")


# ------------------------------------------------------------------ the file, kept as written

def test_editing_one_value_changes_only_that_line():
    opened = postfile.open_text(COMMENTED.encode("utf-8"))
    form = opened.form()
    assert form["date"] == "18/12/2023" and form["extra"] == {"nguoi_nhap": "văn phòng"}
    form["results"]["members"]["tot"] = 9
    form["results"]["members"]["hoan_thanh"] = 2
    text = postfile.compose(form, "ignored: the body was not edited", opened, body_edited=False)
    diff = [line for line in difflib.unified_diff(COMMENTED.splitlines(True), text.splitlines(True), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ["-    tot: 10\r\n", "-    hoan_thanh: 1\r\n", "+    tot: 9\r\n", "+    hoan_thanh: 2\r\n"]


# The choices of a post as a clerk types them, which `check` reads as ids.
IN_WORDS = (COMMENTED.replace("review_year: 2023\r\n", "review_year: 2023\r\nperiod: quý IV\r\n"
                                                           "regime: Quy định 124\r\n")
            .replace("results:\r\n", "results:\r\n  status: đề nghị\r\n")
            .replace("unit: {level: tot,", "unit: {level: HTTNV,"))
IN_WORDS_PATH = "content/posts/2023/tay-lam-2.md"


def test_choices_written_in_words_show_as_their_ids_and_stay_as_written():
    opened = postfile.open_text(IN_WORDS.encode("utf-8"))
    form = opened.form()
    assert (form["period"], form["regime"], form["results"]["status"], form["results"]["unit"]["level"]) == (
        "quarter:4", "124-QĐ/TW", "proposed", "tot")
    form["results"]["members"]["tot"] = 9
    form["results"]["members"]["hoan_thanh"] = 2
    diff = [line for line in difflib.unified_diff(IN_WORDS.splitlines(True),
                                                  postfile.compose(form, "", opened, body_edited=False).splitlines(True), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ["-    tot: 10\r\n", "-    hoan_thanh: 1\r\n", "+    tot: 9\r\n", "+    hoan_thanh: 2\r\n"]
    form["results"]["status"] = "approved"  # picked from the list: written as its id
    assert "  status: approved\r\n" in postfile.compose(form, "", opened, body_edited=False)


def test_levels_written_in_words_as_keys_fill_their_fields_and_keep_their_spelling():
    text = COMMENTED.replace("    tot: 10\r\n", "    Hoàn thành tốt: 10\r\n").replace(
        "    hoan_thanh: 1\r\n", "    HTNV: 1\r\n    tiêu biểu: 1\r\n")
    opened = postfile.open_text(text.encode("utf-8"))
    form = opened.form()
    assert form["results"]["members"] == {"total": 12, "xuat_sac": 1, "tot": 10, "hoan_thanh": 1, "tieu_bieu": 1}
    form["results"]["members"].update(tot=9, hoan_thanh=2)
    del form["results"]["members"]["tieu_bieu"]
    diff = [line for line in difflib.unified_diff(text.splitlines(True),
                                                  postfile.compose(form, "", opened, body_edited=False).splitlines(True), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ["-    Hoàn thành tốt: 10\r\n", "-    HTNV: 1\r\n", "-    tiêu biểu: 1\r\n",
                    "+    Hoàn thành tốt: 9\r\n", "+    HTNV: 2\r\n"]


def test_a_vote_and_an_attendance_written_as_shares_fill_their_fields():
    text = COMMENTED.replace("votes: {agree: 12, of: 12}", "votes: 11/12").replace(
        "review_year: 2023\r\n", "review_year: 2023\r\nattendance: 12/13   # một đồng chí ốm\r\n")
    opened = postfile.open_text(text.encode("utf-8"))
    form = opened.form()
    assert form["attendance"] == {"members": 13, "present": 12}
    assert form["results"]["unit"]["votes"] == {"agree": 11, "of": 12}
    assert postfile.compose(form, "", opened, body_edited=False) == text  # unchanged: as written
    form["attendance"]["present"] = 11
    assert "attendance: {members: 13, present: 11} # một đồng chí ốm\r\n" in postfile.compose(
        form, "", opened, body_edited=False)


def test_those_not_rated_written_as_a_sentence_fill_their_fields_and_stay_as_written():
    text = COMMENTED.replace("    total: 12\r\n", "    total: 13\r\n    not_rated: 01 đồng chí mới kết nạp\r\n")
    opened = postfile.open_text(text.encode("utf-8"))
    form = opened.form()
    assert form["results"]["members"]["not_rated"] == {"new": 1}
    assert postfile.compose(form, "", opened, body_edited=False) == text  # unchanged: as written
    form["results"]["members"]["not_rated"] = {"new": 1, "exempt": 1}
    assert "    not_rated: {exempt: 1, new: 1}\r\n" in postfile.compose(form, "", opened, body_edited=False)


def test_documents_and_people_on_one_line_fill_their_rows_and_stay_as_written():
    text = COMMENTED.replace("review_year: 2023\r\n", "review_year: 2023\r\nbasis:\r\n"
                             "  - Kế hoạch số 34-KH/ĐU ngày 14/11/2023 của Đảng ủy xã về kiểm điểm\r\n"
                             "presiding:\r\n  - Đồng chí Lò Văn Páo, Bí thư chi bộ\r\n")
    opened = postfile.open_text(text.encode("utf-8"))
    form = opened.form()
    assert form["basis"] == [{"number": "34-KH/ĐU", "type": "Kế hoạch", "date": "14/11/2023",
                              "issuer": "Đảng ủy xã", "subject": "về kiểm điểm"}]
    assert form["presiding"] == [{"name": "Lò Văn Páo", "position": "Bí thư chi bộ"}]
    assert postfile.compose(form, "", opened, body_edited=False) == text
    form["basis"][0]["issuer"] = "Đảng ủy xã An Khê"  # a changed document is written as its parts
    assert "issuer: Đảng ủy xã An Khê\r\n" in postfile.compose(form, "", opened, body_edited=False)
    bracketed = text.replace("presiding:\r\n  - Đồng chí Lò Văn Páo, Bí thư chi bộ\r\n",
                             "presiding: [Lò Văn Páo, Bí thư chi bộ, Hà Thị Mơ]\r\n")
    opened = postfile.open_text(bracketed.encode("utf-8"))
    form = opened.form()
    assert form["presiding"] == [{"name": "Lò Văn Páo", "position": "Bí thư chi bộ"}, {"name": "Hà Thị Mơ"}]
    assert postfile.compose(form, "", opened, body_edited=False) == bracketed


def test_a_key_the_form_adds_goes_where_the_format_puts_it_and_a_cleared_one_goes():
    opened = postfile.open_text(COMMENTED.encode("utf-8"))
    form = opened.form()
    form["tags"] = ["Kiểm điểm cuối năm"]
    del form["results"]["members"]["hoan_thanh"]
    form["results"]["members"]["tot"] = 11
    text = postfile.compose(form, "", opened, body_edited=False)
    lines = text.split("\r\n")
    assert lines[lines.index("unit: chi-bo-thon-tay-lam") + 1] == "tags: [Kiểm điểm cuối năm]"
    assert "hoan_thanh" not in text and "    tot: 11\r\n" in text
    assert text.endswith("Dòng thứ hai giữ nguyên khoảng trắng cuối.   \r\n")


def test_typed_text_never_becomes_a_key():
    form = {"title": "Tiêu đề\n---\nunit: khac\ndraft: true", "date": "20/12/2024", "author": "A: b\nslug: x"}
    text = postfile.compose(form, "Thân bài\n---\ntitle: giả\n")
    import yaml
    front = yaml.safe_load(postfile.split(text)[0])
    assert sorted(front) == ["author", "date", "title"]
    assert front["title"] == "Tiêu đề --- unit: khac draft: true"


# ------------------------------------------------------------------ the server's guard

@pytest.mark.parametrize("unit, shown, warned", [
    # The commune's own members: its quota, flagged as W501 flags it.
    ("dang-uy-xa-an-khe", "tỷ lệ xuất sắc 30% / tối đa 20% (nhiều nhất 2 đảng viên)", True),
    # A chi bộ inside the commune: the quota is the commune's, so only the share is shown.
    ("chi-bo-thon-dong-lam", "tỷ lệ xuất sắc 30%; hạn mức 20% tính chung cho cả Đảng ủy xã An Khê", False),
])
def test_the_forms_quota_line_says_what_check_says(tmp_path, unit, shown, warned):
    site = write_site(tmp_path)
    form = {"title": "Hội nghị", "date": "20/12/2025", "unit": unit, "review_year": 2025,
            "results": {"unit": {"level": "tot"}, "members": {"total": 15, "xuat_sac": 3, "tot": 10, "hoan_thanh": 2}}}
    found = drafting.check_draft(site, "content/posts/2025/hoi-nghi.md", "post", postfile.compose(form, "Nội dung."))
    members = found["sums"]["members"]
    assert members["quota"] == shown
    assert members.get("over_quota", False) == warned
    assert ("W501" in [p["code"] for p in found["problems"]]) == warned


def test_a_key_missing_from_a_group_is_shown_at_its_own_field(tmp_path):
    site = write_site(tmp_path)
    form = {"title": "Hội nghị", "date": "20/12/2025", "unit": "chi-bo-thon-dong-lam", "review_year": 2025,
            "results": {"unit": {"level": "tot"}, "members": {"xuat_sac": 2, "tot": 11, "hoan_thanh": 2}}}
    found = drafting.check_draft(site, "content/posts/2025/hoi-nghi.md", "post", postfile.compose(form, "Nội dung."))
    assert [(p["code"], p["field"]) for p in found["problems"]] == [("E201", "results.members.total")]


def test_serve_prints_the_editor_address(editor):
    assert any(f"http://127.0.0.1:{editor['port']}/_soan-bai/" in line for line in editor["lines"])


def test_requests_from_elsewhere_are_refused_and_nothing_is_written(editor):
    site = editor["site"]
    before = files_of(site)
    form = {"title": "Bài lạ", "date": "20/12/2024"}
    save = {"path": None, "kind": "post", "form": form, "body": "x"}
    assert call(editor, "POST", "save", save, headers={"X-Sitegen-Token": None})[0] == 403
    assert call(editor, "POST", "save", save, headers={"X-Sitegen-Token": "doan-bua"})[0] == 403
    assert call(editor, "POST", "save", save, headers={"Origin": "http://trang-la.example"})[0] == 403
    assert call(editor, "POST", "save", save, headers={"Origin": None})[0] == 403
    assert call(editor, "POST", "save", save, headers={"Host": "trang-la.example"})[0] == 400
    assert call(editor, "GET", "list", headers={"Host": f"trang-la.example:{editor['port']}"})[0] == 400
    for bad in ("../site.yaml", "content/../site.yaml", "content/posts/../../site.yaml", "/etc/passwd",
                "site.yaml", "content/units.yaml"):
        assert call(editor, "GET", "post", query="?path=" + bad)[0] in (400, 403), bad
        body = dict(save, path=bad, digest="x")
        assert call(editor, "POST", "save", body)[0] in (400, 403), bad
    os.symlink(os.path.dirname(site), os.path.join(site, "content", "posts", "ra-ngoai"))
    assert call(editor, "GET", "post", query="?path=content/posts/ra-ngoai/site/site.yaml")[0] == 403
    os.unlink(os.path.join(site, "content", "posts", "ra-ngoai"))
    status, answer = call(editor, "POST", "photo", query=f"?path={POST_PATH}&name=a.jpg", raw=b"not an image")
    assert status == 422 and "không dùng được làm ảnh" in answer["error"]
    assert files_of(site) == before  # the post stayed a file; no photo left behind


def test_the_second_tab_cannot_overwrite_the_first(editor):
    site = editor["site"]
    status, first = call(editor, "GET", "post", query="?path=" + COMMENTED_PATH)
    assert status == 200
    second = json.loads(json.dumps(first))
    first["form"]["results"]["members"]["tot"] = 11
    first["form"]["results"]["members"].pop("hoan_thanh")
    status, saved = call(editor, "POST", "save", {"path": COMMENTED_PATH, "kind": "post", "form": first["form"],
                                                  "body": first["body"], "body_edited": False,
                                                  "digest": first["digest"]})
    assert status == 200 and saved["errors"] == 0
    path = os.path.join(site, *COMMENTED_PATH.split("/"))
    with open(path, "rb") as f:
        after_first = f.read()
    second["form"]["title"] = "Tiêu đề của thẻ thứ hai"
    status, answer = call(editor, "POST", "save", {"path": COMMENTED_PATH, "kind": "post", "form": second["form"],
                                                   "body": second["body"], "body_edited": False,
                                                   "digest": second["digest"]})
    assert status == 409 and "đã được sửa ở nơi khác" in answer["error"]
    with open(path, "rb") as f:
        assert f.read() == after_first


def test_a_photo_makes_the_post_a_folder_and_never_takes_another_files_name(editor, tmp_path):
    from PIL import Image
    site = editor["site"]
    photo = tmp_path / "Ảnh Hội Nghị.JPG"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, "JPEG")
    data = photo.read_bytes()
    from urllib.parse import urlencode
    status, first = call(editor, "POST", "photo", query="?" + urlencode({"path": POST_PATH, "name": photo.name}),
                         raw=data)
    assert status == 200 and first["path"] == "content/posts/2024/hoi-nghi/index.md" and first["src"] == "anh-hoi-nghi.jpg"
    status, second = call(editor, "POST", "photo", query=f"?path={first['path']}&name=anh-hoi-nghi.jpg", raw=data)
    assert second["src"] == "anh-hoi-nghi-2.jpg"
    folder = os.path.join(site, "content", "posts", "2024", "hoi-nghi")
    assert sorted(os.listdir(folder)) == ["anh-hoi-nghi-2.jpg", "anh-hoi-nghi.jpg", "index.md"]


# ------------------------------------------------------------------ in the browser

EXPECTED = """\
---
title: Chi bộ thôn Tây Lâm kiểm điểm, xếp loại chất lượng năm 2024
date: 22/12/2024
unit: chi-bo-thon-tay-lam
review_year: 2024
results:
  unit:
    level: tot
    votes: {agree: 8, of: 8}
  members:
    total: 8
    xuat_sac: 1
    tot: 7
---

Chiều 22/12/2024, Chi bộ thôn Tây Lâm tổ chức hội nghị kiểm điểm.
"""


# The width the chosen option's words take in its list, against the list's own inner width.
CLIPPED_CHOICES = """() => {
  const pen = document.createElement("canvas").getContext("2d");
  return [...document.querySelectorAll("select")].filter((s) => s.offsetParent).map((s) => {
    const style = getComputedStyle(s);
    pen.font = style.font;
    const words = pen.measureText(s.options[s.selectedIndex].text).width;
    const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
    return words > room ? s.options[s.selectedIndex].text : null;
  }).filter(Boolean);
}"""


def test_the_list_names_each_posts_unit_and_finds_it_by_that_name(editor):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        item = page.locator("#list li").filter(has_text="hoi-nghi.md")
        assert "Chi bộ thôn Đông Lâm" in item.inner_text() and "chi-bo-thon-dong-lam" not in item.inner_text()
        page.locator("#search").fill("thon dong lam")  # typed without marks, as on a phone
        found = page.locator("#list li").all_inner_texts()
        assert found and all("Chi bộ thôn Đông Lâm" in text for text in found), found


def test_the_list_narrows_to_the_posts_with_problems(editor):
    with open(os.path.join(editor["site"], "content", "posts", "2024", "loi.md"), "w", encoding="utf-8") as f:
        f.write(POST.replace("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024",
                             "title: Bài còn lỗi").replace("level: tot", "level: tốt lắm"))
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        page.locator("#list li", has_text="Bài còn lỗi").wait_for()  # the list is drawn once the site is read
        everything = page.locator("#list li").count()
        page.get_by_label("Chỉ hiện bài còn lỗi hoặc cảnh báo").check()
        shown = page.locator("#list li").all_inner_texts()
        assert everything > len(shown) >= 1 and any("Bài còn lỗi" in t and "1 lỗi" in t for t in shown), shown
        assert all(" lỗi" in t or "cảnh báo" in t for t in shown), shown
        page.get_by_label("Chỉ hiện bài còn lỗi hoặc cảnh báo").uncheck()
        assert page.locator("#list li").count() == everything


@pytest.mark.parametrize("width", [360, 1280])
def test_each_list_shows_its_choice_whole(editor, width):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        new_meeting_post(page, editor, "Chi bộ thôn Tây Lâm kiểm điểm năm 2024")
        # Before any result is typed, the previews say what will show there, not an empty box.
        assert "Chưa có" in page.locator("#sentences").evaluate("e => getComputedStyle(e, '::before').content")
        page.get_by_label("Xếp loại tập thể", exact=True).select_option("xuat_sac")
        page.get_by_label("Tình trạng", exact=True).select_option("approved")
        assert page.evaluate(CLIPPED_CHOICES) == []
        unit = page.get_by_label("Đơn vị", exact=True)  # the unit's id, read whole
        assert unit.evaluate("e => e.scrollWidth <= e.clientWidth"), unit.input_value()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_a_clerk_writes_a_meeting_post_from_an_empty_form(editor):
    site = editor["site"]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: errors.append("outside: " + r.url)
                if not r.url.startswith(f"http://127.0.0.1:{editor['port']}/") else None)
        new_meeting_post(page, editor, "Chi bộ thôn Tây Lâm kiểm điểm, xếp loại chất lượng năm 2024")
        page.get_by_label("Xếp loại tập thể", exact=True).select_option("tot")
        page.get_by_label("Số phiếu tán thành", exact=True).fill("8/8 đồng chí")  # as the article writes it
        page.get_by_label("Số phiếu tán thành", exact=True).press("Tab")
        assert page.get_by_label("Trên tổng số phiếu", exact=True).input_value() == "8"
        assert page.get_by_label("Số phiếu tán thành", exact=True).input_value() == "8"
        page.get_by_label("Tổng số đảng viên", exact=True).fill("8")
        page.get_by_label("Hoàn thành xuất sắc nhiệm vụ", exact=True).fill("1")
        page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True).fill("6")
        group_error = page.locator("#f-results-members-err")
        group_error.filter(has_text="E301").wait_for()
        assert "tổng các mức xếp loại là 7 nhưng có 8 đảng viên" in group_error.inner_text()
        assert "còn thiếu 1 đảng viên" in page.locator("#sum-members").inner_text()
        page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True).fill("7")
        page.wait_for_function("() => !document.querySelector('#f-results-members-err').textContent")
        page.locator("#summary").filter(has_text="Không có lỗi").wait_for()
        page.locator("#sentences").filter(has_text="08/08 đảng viên").wait_for()
        page.get_by_label("Nội dung (Markdown)", exact=True).fill("Chiều 22/12/2024, Chi bộ thôn Tây Lâm tổ chức hội nghị kiểm điểm.")
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
        assert errors == []
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= 360
    path = os.path.join(site, "content", "posts", "2024", "chi-bo-thon-tay-lam-kiem-diem-xep-loai-chat-luong-nam-2024.md")
    with open(path, encoding="utf-8") as f:
        assert f.read() == EXPECTED
    built = os.path.join(site, "output", "2024", "chi-bo-thon-tay-lam-kiem-diem-xep-loai-chat-luong-nam-2024", "index.html")
    wait_for(lambda: os.path.isfile(built), 20)
    with open(built, encoding="utf-8") as f:
        html = f.read()
    # The report's idiom: all eight "tốt trở lên", one of them xuất sắc; 7 at "tốt" alone (87,5%).
    assert ("08/08 đảng viên (đạt 100%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 01 đồng chí (12,5%) "
            "hoàn thành xuất sắc nhiệm vụ") in html
    assert '<th scope="row">Hoàn thành tốt nhiệm vụ</th><td class="num">7</td><td class="num">87,5%</td>' in html


def test_a_new_post_starts_from_today_and_the_sites_unit_and_blames_no_field_yet(editor):
    site = editor["site"]
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        page.get_by_role("button", name="Bài mới").click()
        # Nothing typed yet: the fields to fill are listed, none is marked wrong.
        page.locator("#summary").filter(has_text="Cần điền: Tiêu đề.").wait_for()
        assert page.locator("#f-title-err").inner_text() == ""
        assert "E203" not in page.locator("#summary").inner_text()
        today = page.evaluate("() => new Date().toLocaleDateString('en-GB')")  # dd/mm/yyyy
        assert page.get_by_label("Ngày đăng", exact=True).input_value() == today
        # The site's two posts are by two units: no unit is guessed.
        assert page.get_by_label("Đơn vị", exact=True).input_value() == ""
        # A unit typed out by its name, in any case and without tones, becomes its id.
        page.get_by_label("Đơn vị", exact=True).fill("chi bo thon TAY lam")
        page.get_by_label("Đơn vị", exact=True).press("Tab")
        assert page.get_by_label("Đơn vị", exact=True).input_value() == "chi-bo-thon-tay-lam"
        page.locator("#unit-name").filter(has_text="Chi bộ thôn Tây Lâm").wait_for()
        # A title typed and then cleared is missing now.
        title = page.get_by_label("Tiêu đề", exact=True)
        title.fill("Hội nghị")
        title.fill("")
        page.locator("#f-title-err").filter(has_text="E201").wait_for()
        # Saving without a title shows every field still missing as an error.
        page.get_by_label("Ngày đăng", exact=True).fill("")
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#f-date-err").filter(has_text="E201").wait_for()
        assert not os.path.exists(os.path.join(site, "content", "posts", "2026"))

        # Once every post is by one unit, a new post is that unit's.
        os.remove(os.path.join(site, *COMMENTED_PATH.split("/")))
        page.goto(editor["root"])
        page.get_by_role("button", name="Bài mới").click()
        assert page.get_by_label("Đơn vị", exact=True).input_value() == "chi-bo-thon-dong-lam"
        page.locator("#unit-name").filter(has_text="Chi bộ thôn Đông Lâm").wait_for()


def test_a_new_post_asked_for_before_the_site_is_read_is_not_lost(editor):
    """A clerk quick on the button: the list drawn once the site is read must not hide the form."""
    site = editor["site"]
    os.remove(os.path.join(site, *COMMENTED_PATH.split("/")))  # every post now by one unit
    with chromium() as browser:
        page = browser.new_page()
        held = []
        page.route("**/api/site", lambda route: held.append(route))
        page.goto(editor["root"])
        button = page.get_by_role("button", name="Bài mới")
        assert button.is_disabled()
        while not held:
            page.wait_for_timeout(50)
        held[0].continue_()
        button.click()
        page.get_by_label("Tiêu đề", exact=True).fill("Hội nghị")
        assert page.get_by_label("Đơn vị", exact=True).input_value() == "chi-bo-thon-dong-lam"


def test_a_groups_counts_are_filled_from_a_pasted_paragraph_of_the_report(editor):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(editor["root"] + "?path=" + POST_PATH)
        page.get_by_text("Điền số từ đoạn báo cáo").first.click()
        page.get_by_label("Đoạn báo cáo có kết quả xếp loại", exact=True).first.fill(
            "Tổng số đảng viên: 31 đồng chí, trong đó 01 đồng chí được miễn sinh hoạt đảng. Kết quả: 26/30 đảng "
            "viên (đạt 86,7%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 05 đồng chí hoàn thành xuất sắc nhiệm "
            "vụ; 04 đồng chí hoàn thành nhiệm vụ; không có đồng chí nào không hoàn thành nhiệm vụ.")
        page.get_by_role("button", name="Điền các số").first.click()
        said = page.locator("#f-report-members-said")
        said.filter(has_text="Đã điền").wait_for()
        assert said.inner_text().startswith("Đã điền: tổng số 31; miễn công tác và sinh hoạt đảng 1; "
                                            "hoàn thành xuất sắc nhiệm vụ 5; hoàn thành tốt nhiệm vụ 21;")
        values = {label: page.get_by_label(label, exact=True).input_value() for label in (
            "Tổng số đảng viên", "Không đánh giá: miễn công tác và sinh hoạt đảng", "Hoàn thành xuất sắc nhiệm vụ",
            "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ")}
        assert list(values.values()) == ["31", "1", "5", "21", "4", "0"]
        # The sentence the post will print says again what the report said.
        page.locator("#sentences").filter(has_text="26/30 đảng viên (đạt 86,7%) hoàn thành tốt nhiệm vụ trở lên, "
                                                   "trong đó có 05 đồng chí").wait_for()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
        # The article pasted as the body gives the counts too.
        page.get_by_label("Nội dung (Markdown)", exact=True).fill(
            "Chiều 20/12, chi bộ họp.\n\nHoàn thành xuất sắc nhiệm vụ: 03 đồng chí; hoàn thành tốt nhiệm vụ: 24 "
            "đồng chí; hoàn thành nhiệm vụ: 03 đồng chí.")
        # Until the fields say so too, the form points out that the body says otherwise.
        page.locator("#summary .body-notes").filter(
            has_text="Nội dung bài ghi hoàn thành tốt nhiệm vụ 24, các ô số ghi 21.").wait_for()
        page.get_by_role("button", name="Lấy số từ nội dung bài").first.click()
        said.filter(has_text="hoàn thành tốt nhiệm vụ 24").wait_for()
        page.wait_for_function("() => !document.querySelector('#summary .body-notes')")
        assert [page.get_by_label(label, exact=True).input_value() for label in (
            "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ")] == ["3", "24", "3"]
        # The unit's part: attendance, vote and level from the article.
        page.get_by_text("Điền từ đoạn bài viết: ngày họp, căn cứ, chủ trì, dự họp, biểu quyết, xếp loại").click()
        page.get_by_label("Đoạn bài viết có kết quả của đơn vị", exact=True).fill(
            "Thực hiện Kế hoạch số 34-KH/ĐU ngày 14/11/2024 của Đảng ủy xã, chiều 21/12/2024, Chi bộ thôn Đông Lâm "
            "tổ chức hội nghị. Đồng chí Lò Văn Páo, Bí thư chi bộ chủ trì hội nghị. Hội nghị có 29/30 đảng viên "
            "tham dự. Chi bộ được đề nghị xếp loại hoàn thành xuất "
            "sắc nhiệm vụ, 29/29 đồng chí biểu quyết tán thành.")
        page.get_by_role("button", name="Điền các số").first.click()
        page.locator("#f-report-unit-said").filter(
            has_text="Đã điền: ngày họp 21/12/2024; 1 văn bản căn cứ; chủ trì Lò Văn Páo; dự họp 29/30").wait_for()
        assert page.get_by_label("Ngày họp", exact=True).input_value() == "21/12/2024"
        assert page.get_by_label("Số văn bản", exact=True).input_value() == "34-KH/ĐU"
        assert page.get_by_label("Cơ quan ban hành", exact=True).input_value() == "Đảng ủy xã"
        assert page.get_by_label("Họ và tên", exact=True).first.input_value() == "Lò Văn Páo"
        assert page.get_by_label("Xếp loại tập thể", exact=True).input_value() == "xuat_sac"
        assert [page.get_by_label(label, exact=True).input_value() for label in (
            "Số đảng viên dự họp", "Số đảng viên của đơn vị", "Số phiếu tán thành", "Trên tổng số phiếu")] == [
            "29", "30", "29", "29"]


ARTICLE = (
    "Thực hiện Kế hoạch số 34-KH/ĐU ngày 14/11/2024 của Đảng ủy xã An Khê, chiều 21/12/2024, Chi bộ thôn Tây Lâm tổ "
    "chức hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024. Đồng chí Lò Văn Páo, Bí thư chi bộ chủ trì "
    "hội nghị. Hội nghị có 11/12 đảng viên tham dự.\n\n"
    "Kết quả: tổng số 12 đảng viên; 02 đồng chí hoàn thành xuất sắc nhiệm vụ, 09 đồng chí hoàn thành tốt nhiệm vụ, "
    "01 đồng chí hoàn thành nhiệm vụ. Chi bộ được đề nghị xếp loại hoàn thành tốt nhiệm vụ với 11/11 đồng chí biểu "
    "quyết tán thành.")


def test_a_clerk_pastes_the_article_and_the_form_fills_itself(editor):
    site = editor["site"]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        new_meeting_post(page, editor, "Chi bộ thôn Tây Lâm kiểm điểm năm 2024")
        page.get_by_label("Nội dung (Markdown)", exact=True).fill(ARTICLE)
        page.get_by_role("button", name="Điền các ô từ nội dung bài").click()
        page.locator("#f-body-said").filter(has_text="Đảng viên: Đã điền: tổng số 12").wait_for()
        values = {label: page.get_by_label(label, exact=True).input_value() for label in (
            "Ngày họp", "Số đảng viên của đơn vị", "Số đảng viên dự họp", "Xếp loại tập thể", "Số phiếu tán thành",
            "Trên tổng số phiếu", "Tổng số đảng viên", "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
            "Hoàn thành nhiệm vụ", "Số văn bản")}
        assert values == {"Ngày họp": "21/12/2024", "Số đảng viên của đơn vị": "12", "Số đảng viên dự họp": "11",
                          "Xếp loại tập thể": "tot", "Số phiếu tán thành": "11", "Trên tổng số phiếu": "11",
                          "Tổng số đảng viên": "12", "Hoàn thành xuất sắc nhiệm vụ": "2",
                          "Hoàn thành tốt nhiệm vụ": "9", "Hoàn thành nhiệm vụ": "1", "Số văn bản": "34-KH/ĐU"}
        page.locator("#summary").filter(has_text="Không có lỗi").wait_for()
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
    built = os.path.join(site, "output", "2024", "chi-bo-thon-tay-lam-kiem-diem-nam-2024", "index.html")
    wait_for(lambda: os.path.isfile(built), 20)
    with open(built, encoding="utf-8") as f:
        html = f.read()
    assert "Hội nghị có 11/12 đảng viên tham dự (91,7%)" in html
    assert "<li>Đồng chí Lò Văn Páo, Bí thư chi bộ</li>" in html


def test_a_new_post_pasted_from_an_old_article_is_dated_as_the_article(editor):
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        page.get_by_role("button", name="Bài mới").click()
        page.get_by_label("Tiêu đề", exact=True).fill("Chi bộ thôn Tây Lâm kiểm điểm năm 2024")
        page.get_by_label("Nội dung (Markdown)", exact=True).fill(ARTICLE)
        page.get_by_role("button", name="Điền các ô từ nội dung bài").click()
        page.locator("#f-body-said").filter(has_text="Ngày đăng lấy theo ngày trong bài (21/12/2024)").wait_for()
        assert page.get_by_label("Ngày đăng", exact=True).input_value() == "21/12/2024"
        # A date the clerk typed stays as typed.
        page.get_by_label("Ngày đăng", exact=True).fill("23/12/2024")
        page.get_by_role("button", name="Điền các ô từ nội dung bài").click()
        page.wait_for_function("() => !document.querySelector('#f-body-said').textContent.includes('Ngày đăng')")
        assert page.get_by_label("Ngày đăng", exact=True).input_value() == "23/12/2024"


def test_editing_a_post_in_the_form_changes_only_the_edited_value(editor):
    site = editor["site"]
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        page.get_by_role("link", name="Chi bộ thôn Tây Lâm kiểm điểm năm 2023").click()
        field = page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True)
        assert field.input_value() == "10"
        field.fill("9")
        page.get_by_label("Hoàn thành nhiệm vụ", exact=True).fill("2")
        page.locator("#summary").filter(has_text="Không có lỗi").wait_for()
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
    with open(os.path.join(site, *COMMENTED_PATH.split("/")), "rb") as f:
        after = f.read().decode("utf-8")
    diff = [line for line in difflib.unified_diff(COMMENTED.splitlines(True), after.splitlines(True), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ["-    tot: 10\r\n", "-    hoan_thanh: 1\r\n", "+    tot: 9\r\n", "+    hoan_thanh: 2\r\n"]


def test_the_lists_show_what_the_file_says_however_it_is_written(editor):
    """Not an empty box that reads as "not chosen": the default when the file has no value,
    the id when it is written in words, and anything else as written."""
    site = editor["site"]
    with open(os.path.join(site, *IN_WORDS_PATH.split("/")), "wb") as f:
        f.write(IN_WORDS.replace("title: Chi bộ thôn Tây Lâm kiểm điểm năm 2023", "title: Bài ghi bằng chữ")
                .replace("period: quý IV", "period: giữa năm").encode("utf-8"))
    shown = "el => el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : null"
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        page.get_by_role("link", name="Chi bộ thôn Tây Lâm kiểm điểm năm 2023").click()
        assert page.get_by_label("Kỳ đánh giá", exact=True).evaluate(shown) == "Cả năm"
        assert page.get_by_label("Tình trạng", exact=True).evaluate(shown) == "Đề nghị"
        assert page.get_by_label("Xếp loại tập thể", exact=True).evaluate(shown) == "Hoàn thành tốt nhiệm vụ"
        page.goto(editor["root"])
        page.get_by_role("link", name="Bài ghi bằng chữ").click()
        assert page.get_by_label("Kỳ đánh giá", exact=True).evaluate(shown) == "giữa năm (như trong tệp)"
        assert page.get_by_label("Quy định áp dụng", exact=True).evaluate(shown) == "124-QĐ/TW"
        assert page.get_by_label("Tình trạng", exact=True).evaluate(shown) == "Đề nghị"
        assert page.get_by_label("Xếp loại tập thể", exact=True).evaluate(shown) == "Hoàn thành tốt nhiệm vụ"
        page.get_by_label("Kỳ đánh giá", exact=True).select_option("quarter:4")
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
    with open(os.path.join(site, *IN_WORDS_PATH.split("/")), encoding="utf-8", newline="") as f:
        after = f.read()
    assert "period: quarter:4\r\n" in after
    assert "regime: Quy định 124\r\n" in after and "status: đề nghị\r\n" in after and "level: HTTNV," in after


def test_tags_and_a_chair_written_on_one_line_show_in_the_form(editor):
    """`tags: a, b` and `presiding: Đồng chí …` without a list: the form shows the tags
    ticked and the chair in the first row, where a plain line once left them out."""
    site = editor["site"]
    text = COMMENTED.replace("review_year: 2023\r\n", "review_year: 2023\r\ntags: Kiểm điểm cuối năm, Thôn Tây Lâm\r\n"
                             "presiding: Đồng chí Lò Văn Páo - Bí thư chi bộ\r\n")
    with open(os.path.join(site, *COMMENTED_PATH.split("/")), "wb") as f:
        f.write(text.encode("utf-8"))
    with chromium() as browser:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(editor["root"])
        page.get_by_role("link", name="Chi bộ thôn Tây Lâm kiểm điểm năm 2023").click()
        assert page.get_by_label("Thôn Tây Lâm", exact=True).is_checked()
        assert page.get_by_label("Kiểm điểm cuối năm", exact=True).is_checked()
        chair = page.get_by_role("group", name="Chủ trì")
        assert chair.get_by_label("Họ và tên").input_value() == "Lò Văn Páo"
        assert chair.get_by_label("Chức vụ").input_value() == "Bí thư chi bộ"
        assert errors == []


def test_the_list_and_the_form_pass_axe(editor):
    assert os.path.isfile(AXE), "axe-core is missing: run `sh tests/install.sh`"
    with chromium() as browser:
        # axe is injected as a script of the test's own: the editor's policy allows only its own
        page = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740}).new_page()
        page.goto(editor["root"])
        page.get_by_role("link", name="Chi bộ thôn Tây Lâm kiểm điểm năm 2023").wait_for()
        found = []
        for view in ("list", "form"):
            if view == "form":
                page.get_by_role("button", name="Bài mới").click()
                page.get_by_label("Tổng số đảng viên", exact=True).fill("3")
                page.get_by_label("Tiêu đề", exact=True).fill("Hội nghị")
                page.get_by_label("Tiêu đề", exact=True).fill("")  # typed and cleared: an error
                page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
                page.locator("#f-title-err").filter(has_text="E201").wait_for()  # errors shown, then checked
            page.add_script_tag(path=AXE)
            found += page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, view
        assert found == []


def test_served_beyond_this_computer_the_editor_opens_only_with_the_printed_token(tmp_path):
    site = write_site(tmp_path / "site")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port),
                             "--host", "0.0.0.0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, SITEGEN_LANG="vi"))
    try:
        line = wait_for(lambda: (lambda text: text if "/_soan-bai/" in text else None)(proc.stdout.readline()), 30)
        token = re.search(r"\?token=([\w-]+)", line)[1]
        root = f"http://127.0.0.1:{port}/_soan-bai/"
        status, page = fetch(root)
        assert status == 403 and "token" in page and token not in page
        assert fetch(root + "?token=doan-bua")[0] == 403
        with urllib.request.urlopen(root + "?token=" + token, timeout=5) as r:
            assert r.status == 200 and token in r.read().decode()
            cookie = r.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        req = urllib.request.Request(root, headers={"Cookie": cookie.split(";")[0]})
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 200
    finally:
        stop(proc)


def test_an_upload_larger_than_the_limit_is_refused(editor):
    from sitegen.editor.guard import MAX_UPLOAD
    before = files_of(editor["site"])
    status, _answer = call(editor, "POST", "photo", query=f"?path={POST_PATH}&name=lon.jpg",
                           raw=b"\xff" * (MAX_UPLOAD + 1))
    assert status == 413
    assert files_of(editor["site"]) == before


def test_the_editor_is_small_and_needs_no_build_step():
    static = os.path.join(os.path.dirname(HERE), "sitegen", "editor", "static")
    sizes = {name: os.path.getsize(os.path.join(static, name)) for name in os.listdir(static)}
    assert set(sizes) == {"index.html", "editor.js", "fields.js", "photos.js", "keep.js", "word.js", "list.js", "editor.css"}
    assert sum(sizes.values()) < 150 * 1024
    for name in sizes:
        with open(os.path.join(static, name), encoding="utf-8") as f:
            text = f.read()
        assert not re.search(r"(src|href)=\"(https?:)?//", text), name  # nothing from another site
        assert "import " not in text or not name.endswith(".js")


def test_keyboard_only_a_page_is_written_and_saved(editor):
    site = editor["site"]
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        page.get_by_role("link", name="Chi bộ thôn Tây Lâm kiểm điểm năm 2023").wait_for()
        for _ in range(30):  # Tab from the top until "Trang mới" has the focus
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.textContent") == "Trang mới":
                break
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "f-title"
        page.keyboard.type("Giới thiệu chi bộ")
        page.keyboard.press("Tab")
        page.keyboard.type("01/03/2025")
        page.get_by_label("Nội dung (Markdown)", exact=True).focus()
        page.keyboard.type("Chi bộ thôn Đông Lâm có **30** đảng viên.")
        page.locator("#body-preview strong").filter(has_text="30").wait_for()
        page.locator("#summary").filter(has_text="Không có lỗi").wait_for()
        page.keyboard.press("Tab")  # past the photo picker to the save button
        while page.evaluate("() => document.activeElement.textContent") != "Lưu bài":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.locator("#status").filter(has_text="Đã lưu content/pages/gioi-thieu-chi-bo.md").wait_for()
    with open(os.path.join(site, "content", "pages", "gioi-thieu-chi-bo.md"), encoding="utf-8") as f:
        assert f.read() == ("---\ntitle: Giới thiệu chi bộ\ndate: 01/03/2025\n---\n\n"
                            "Chi bộ thôn Đông Lâm có **30** đảng viên.\n")


def test_what_was_typed_and_not_saved_is_offered_back(editor):
    """A tab closed, a browser that crashed, a serve restarted: the typing is not lost."""
    site = editor["site"]
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        page.goto(editor["root"] + "?path=" + COMMENTED_PATH)
        page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True).fill("9")
        page.get_by_label("Hoàn thành nhiệm vụ", exact=True).fill("2")
        page.locator("#summary").filter(has_text="Không có lỗi").wait_for()
        page.close()  # not saved
        page = context.new_page()
        page.goto(editor["root"] + "?path=" + COMMENTED_PATH)
        assert page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True).input_value() == "10"  # never put back unasked
        page.get_by_role("button", name="Khôi phục bản soạn dở").click()
        assert page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True).input_value() == "9"
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
        page.goto(editor["root"] + "?path=" + COMMENTED_PATH)  # saved: nothing more to offer
        page.get_by_label("Tiêu đề", exact=True).wait_for()
        page.wait_for_timeout(300)
        assert page.get_by_role("button", name="Khôi phục bản soạn dở").count() == 0
        # Typed, then the file changed on disk: what was typed no longer fits it, and is not offered.
        page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True).fill("8")
        page.get_by_label("Hoàn thành nhiệm vụ", exact=True).fill("3")
        page.locator("#summary").filter(has_text="Không có lỗi").wait_for()
        path = os.path.join(site, *COMMENTED_PATH.split("/"))
        with open(path, "ab") as f:
            f.write("\r\nThêm một dòng.\r\n".encode("utf-8"))
        page.close()
        page = context.new_page()
        page.goto(editor["root"] + "?path=" + COMMENTED_PATH)
        page.get_by_label("Tiêu đề", exact=True).wait_for()
        page.wait_for_timeout(300)
        assert page.get_by_role("button", name="Khôi phục bản soạn dở").count() == 0
    with open(path, encoding="utf-8") as f:
        assert "    tot: 9\n" in f.read()


def test_a_report_in_word_becomes_the_body_and_fills_the_form(editor, tmp_path):
    from test_written_as_reports import word_report
    report = tmp_path / "Báo cáo.docx"
    word_report(report, [["Tổng số", "Mới kết nạp", "HTXSNV", "HTTNV", "HTNV", "KHTNV"],
                         ["16", "1", "3", "11", "1", "0"]])
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"])
        page.get_by_role("button", name="Bài mới").click()
        page.get_by_label("Đơn vị", exact=True).fill("chi-bo-thon-tay-lam")
        page.get_by_label("Lấy nội dung từ tệp Word (.docx)").set_input_files(str(tmp_path / "cu.doc"))
        page.locator("#status").filter(has_text="Word 97-2003 (.doc)").wait_for()
        page.get_by_label("Lấy nội dung từ tệp Word (.docx)").set_input_files(str(report))
        page.locator("#status").filter(has_text="Đã lấy nội dung từ Báo cáo.docx").wait_for()
        assert page.get_by_label("Tiêu đề", exact=True).input_value() == "Chi bộ thôn Tây Lâm kiểm điểm năm 2025"
        body = page.get_by_label("Nội dung (Markdown)", exact=True).input_value()
        assert body.startswith("Chiều 20/12/2025") and "| Tổng số | Mới kết nạp | HTXSNV |" in body
        values = {label: page.get_by_label(label, exact=True).input_value() for label in (
            "Ngày họp", "Số đảng viên dự họp", "Số phiếu tán thành", "Tổng số đảng viên",
            "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ")}
        assert values == {"Ngày họp": "20/12/2025", "Số đảng viên dự họp": "15", "Số phiếu tán thành": "15",
                          "Tổng số đảng viên": "16", "Hoàn thành xuất sắc nhiệm vụ": "3",
                          "Hoàn thành tốt nhiệm vụ": "11", "Hoàn thành nhiệm vụ": "1"}
        page.locator("#body-preview table").wait_for()  # the report's table, a table in the post


PASTE = """(text) => {
  const box = document.getElementById("f-body"), data = new DataTransfer();
  data.setData("text/plain", text);
  box.focus();
  return box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""  # false when the editor pasted the text itself; true when the browser is left to paste it


def test_a_table_pasted_from_word_stays_a_table(editor):
    with chromium() as browser:
        page = browser.new_page()
        new_meeting_post(page, editor, "Chi bộ thôn Tây Lâm kiểm điểm năm 2024")
        body = page.get_by_label("Nội dung (Markdown)", exact=True)
        body.fill("Kết quả xếp loại đảng viên:")
        body.press("End")
        assert page.evaluate(PASTE, "\nXếp loại\tSố lượng\tTỷ lệ\r\nHoàn thành xuất sắc nhiệm vụ\t2\t16,7%\r\n"
                                    "Hoàn thành tốt nhiệm vụ\t9\t75%\r\n") is False
        assert body.input_value() == ("Kết quả xếp loại đảng viên:\n\n| Xếp loại | Số lượng | Tỷ lệ |\n|---|---|---|\n"
                                      "| Hoàn thành xuất sắc nhiệm vụ | 2 | 16,7% |\n| Hoàn thành tốt nhiệm vụ | 9 | 75% |\n\n")
        page.locator("#body-preview table td", has_text="16,7%").wait_for()
        # Words with no table in them are left to the browser to paste as they are.
        assert page.evaluate(PASTE, "Một câu có\tmột dấu tab.") is True


def test_photos_and_tags_in_the_form(editor, tmp_path):
    from PIL import Image
    site = editor["site"]
    photo = tmp_path / "Toàn cảnh hội nghị.jpg"
    Image.new("RGB", (800, 600), (30, 90, 160)).save(photo, "JPEG")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"] + "?path=" + POST_PATH)
        page.get_by_label("Tiêu đề", exact=True).wait_for()
        page.locator("#f-photo-file").set_input_files(str(photo))
        page.locator(".thumb img[src^='blob:']").wait_for()
        page.get_by_label("Chú thích", exact=True).fill("Quang cảnh hội nghị")
        page.get_by_label("Thẻ mới", exact=True).fill("Kiểm điểm cuối năm, Năm 2024; Thôn Đông Lâm")
        page.locator("#summary").filter(has_text="Không có lỗi").wait_for()
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
        # the tags just saved are offered as boxes the next time
        page.goto(editor["root"] + "?path=content/posts/2024/hoi-nghi/index.md")
        assert page.get_by_label("Kiểm điểm cuối năm", exact=True).is_checked()
    folder = os.path.join(site, "content", "posts", "2024", "hoi-nghi")
    assert sorted(os.listdir(folder)) == ["index.md", "toan-canh-hoi-nghi.jpg"]
    with open(os.path.join(folder, "index.md"), encoding="utf-8") as f:
        text = f.read()
    assert "tags: [Kiểm điểm cuối năm, Năm 2024, Thôn Đông Lâm]" in text
    assert "photos:\n  - src: toan-canh-hoi-nghi.jpg\n    caption: Quang cảnh hội nghị\n" in text
    built = os.path.join(site, "output", "2024", "hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024",
                         "index.html")
    wait_for(lambda: "Quang cảnh hội nghị" in text_of(built), 20)
    # Taken off the post, its file too when asked.
    with chromium() as browser:
        page = browser.new_page()
        page.goto(editor["root"] + "?path=content/posts/2024/hoi-nghi/index.md")
        page.get_by_label("Xóa cả tệp ảnh khi lưu").check()
        page.get_by_role("button", name="Bỏ ảnh khỏi bài").click()
        assert page.locator(".thumb").count() == 0
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
    assert sorted(os.listdir(folder)) == ["index.md"]
    with open(os.path.join(folder, "index.md"), encoding="utf-8") as f:
        assert "photos:" not in f.read()


def text_of(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def test_a_clerk_fills_the_disciplined_field_in_the_form(editor):
    site = editor["site"]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        new_meeting_post(page, editor, "Chi bộ thôn Tây Lâm kiểm điểm năm 2024")
        page.get_by_label("Tổng số đảng viên", exact=True).fill("8")
        page.get_by_label("Hoàn thành tốt nhiệm vụ", exact=True).fill("7")
        page.get_by_label("Không hoàn thành nhiệm vụ", exact=True).fill("1")
        page.get_by_label("Bị kỷ luật trong năm", exact=True).fill("2")
        warning = page.locator("#f-results-members-disciplined-err")
        warning.filter(has_text="W514").wait_for()  # at the field itself
        assert "2 đảng viên bị thi hành kỷ luật nhưng chỉ 1" in warning.inner_text()
        page.locator("#sentences").filter(has_text="Trong năm có 02 đảng viên bị thi hành kỷ luật.").wait_for()
        page.get_by_label("Bị kỷ luật trong năm", exact=True).fill("1")
        page.wait_for_function("() => !document.querySelector('#f-results-members-disciplined-err').textContent")
        page.get_by_label("Nội dung (Markdown)", exact=True).fill("Chiều 22/12/2024, chi bộ họp.")
        page.get_by_role("button", name="Lưu bài").click()
        page.locator("#status").filter(has_text="Đã lưu").wait_for()
    path = os.path.join(site, "content", "posts", "2024", "chi-bo-thon-tay-lam-kiem-diem-nam-2024.md")
    with open(path, encoding="utf-8") as f:
        assert "    disciplined: 1\n" in f.read()
