"""Those disciplined during the year (`disciplined`): read as the format's key or in the
report's words, printed in the results, checked against the guidance's rules on
discipline, read from a pasted report, and written by the form (its field in the
browser: test_editor.py)."""
import os

import pytest
from sitekit import POST, POST_PATH, check_lines, post_with, run, write_site
from test_codes import PARENT_POST
from test_forgiving import built_page

from sitegen.check.loading import read_one
from sitegen.editor import fromreport, postfile
from sitegen.read import reporttext

# 30 members, one rated khong_hoan_thanh; 4 xuat_sac within 20% of 22.
ONE_FAILING = post_with("    tot: 23\n    hoan_thanh: 3", "    tot: 22\n    hoan_thanh: 3\n    khong_hoan_thanh: 1")


def with_disciplined(post: str, line: str) -> str:
    return post.replace("    hoan_thanh: 3\n", "    hoan_thanh: 3\n" + line + "\n", 1)


def test_the_page_says_who_was_disciplined_in_the_results(tmp_path):
    page = built_page(tmp_path, with_disciplined(ONE_FAILING, "    Số đảng viên bị kỷ luật: 1"))
    assert "<p>Trong năm có 01 đảng viên bị thi hành kỷ luật.</p>" in page
    assert '<th scope="row">Bị thi hành kỷ luật trong năm</th><td class="num">1</td>' in page


def test_none_disciplined_is_said_and_a_post_that_does_not_say_prints_nothing(tmp_path):
    for i, line in enumerate(("    disciplined: 0", "    bị kỷ luật: không", "    Bị kỷ luật: Không có")):
        assert "Trong năm không có đảng viên nào bị thi hành kỷ luật." in built_page(
            tmp_path / str(i), with_disciplined(POST, line))
    assert "kỷ luật" not in built_page(tmp_path / "silent", POST)


@pytest.mark.parametrize("year, line, warned", [
    (2024, "    disciplined: 1", False),      # the one disciplined is the one khong_hoan_thanh
    (2024, "    disciplined: 2", True),
    (2021, "    bị kỷ luật: 2", True),        # 21-HD/BTCTW
    (2025, "    disciplined: 2", False),      # no such clause was read in 366-QĐ/TW
])
def test_more_disciplined_than_khong_hoan_thanh_is_a_warning_where_the_clause_applies(tmp_path, year, line, warned):
    post = with_disciplined(ONE_FAILING, line).replace("2024", str(year))
    site = write_site(tmp_path, {POST_PATH: None, f"content/posts/{year}/hoi-nghi.md": post})
    lines = check_lines(site)
    assert len([x for x in lines if " W514 " in x]) == warned, lines


def test_the_rules_on_discipline_can_be_switched_off(tmp_path):
    site = write_site(tmp_path, {POST_PATH: with_disciplined(ONE_FAILING, "    disciplined: 2")})
    assert len(check_lines(site)) == 1
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("rules: {discipline: false}\n")
    assert check_lines(site) == []


def test_a_term_review_is_not_held_to_the_yearly_rule_and_says_its_term(tmp_path):
    post = with_disciplined(ONE_FAILING, "    disciplined: 2").replace("review_year: 2024", "review_year: 2024\nperiod: term")
    assert check_lines(write_site(tmp_path / "check", {POST_PATH: post})) == []
    page = built_page(tmp_path / "build", post)
    assert "<p>Trong nhiệm kỳ có 02 đảng viên bị thi hành kỷ luật.</p>" in page
    assert '<th scope="row">Bị thi hành kỷ luật trong nhiệm kỳ</th>' in page


PARENT = "content/posts/2024/dang-uy.md"


@pytest.mark.parametrize("total, disciplined, level, warned", [
    (2, 1, "tot", True),                 # 50%
    (5, 1, "tot", False),                # 20% exactly: not over it
    (2, 1, "khong_hoan_thanh", False),   # already rated so
])
def test_over_a_fifth_of_the_organisations_disciplined(tmp_path, total, disciplined, level, warned):
    post = (PARENT_POST.replace("    total: 2\n", f"    total: {total}\n    disciplined: {disciplined}\n")
            .replace("    hoan_thanh: 1\n", f"    hoan_thanh: {total - 1}\n").replace("level: tot", f"level: {level}"))
    lines = check_lines(write_site(tmp_path, {PARENT: post}))
    assert any(" W516 " in x for x in lines) == warned, lines


def test_under_366_a_collective_with_a_unit_disciplined_is_not_xuat_sac(tmp_path):
    post = (PARENT_POST.replace("2024", "2025").replace("    total: 2\n", "    total: 2\n    disciplined: 1\n"))
    rel = "content/posts/2026/dang-uy.md"
    assert not any(" W515 " in x for x in check_lines(write_site(tmp_path / "tot", {rel: post})))
    lines = check_lines(write_site(tmp_path / "xs", {rel: post.replace("level: tot", "level: xuat_sac")}))
    assert any(" W515 " in x and "1 of its organisations" in x for x in lines), lines


REPORT = ("Tổng số 30 đảng viên; hoàn thành xuất sắc nhiệm vụ: 04 đồng chí; hoàn thành tốt nhiệm vụ: 22 đồng chí; "
          "hoàn thành nhiệm vụ: 03 đồng chí; không hoàn thành nhiệm vụ: 01 đồng chí. "
          "Trong năm có 01 đảng viên bị thi hành kỷ luật.")


@pytest.mark.parametrize("text, count", [
    ("Trong năm có 01 đảng viên bị thi hành kỷ luật.", 1),
    ("Bị kỷ luật: 02 đồng chí.", 2),
    ("Số đảng viên bị xử lý kỷ luật trong năm là 3.", 3),
    ("Trong năm không có đảng viên nào bị kỷ luật.", 0),
    ("01 đồng chí không hoàn thành nhiệm vụ do bị kỷ luật.", None),  # the count belongs to the level
])
def test_the_report_reader_reads_who_was_disciplined(text, count):
    counts, _clashes = reporttext.read_counts(text)
    assert counts.get("disciplined") == count


def test_the_form_is_filled_with_who_was_disciplined_and_the_body_compared(tmp_path):
    filled = fromreport.fill_from(REPORT, "members")
    assert [["results", "members", "disciplined"], 1] in filled["fill"]
    assert "bị kỷ luật trong năm 1" in filled["said"]
    opened = postfile.open_text(POST.encode("utf-8"))
    post, _found = read_one(str(tmp_path), POST_PATH, "post", None, text=POST)
    assert fromreport.body_disagrees(REPORT, post.meeting)[-1] == (
        "Nội dung bài ghi 1 bị kỷ luật trong năm, ô “Bị kỷ luật trong năm” để trống.")
    form = opened.form()
    form["results"]["members"]["disciplined"] = 1
    assert "    hoan_thanh: 3\n    disciplined: 1\n" in postfile.compose(form, "", opened, body_edited=False)


def test_a_key_in_words_is_kept_as_written_when_the_form_changes_it():
    text = with_disciplined(ONE_FAILING, "    bị kỷ luật: 2")
    opened = postfile.open_text(text.encode("utf-8"))
    form = opened.form()
    assert form["results"]["members"]["disciplined"] == 2
    form["results"]["members"]["disciplined"] = 1
    assert "    bị kỷ luật: 1\n" in postfile.compose(form, "", opened, body_edited=False)


def test_new_from_a_report_writes_the_count_and_the_membership(tmp_path):
    site = write_site(tmp_path, {POST_PATH: None})
    text = tmp_path / "bao-cao.txt"
    text.write_text("Chi bộ thôn Đông Lâm kiểm điểm năm 2024\nSáng 18/12/2024, chi bộ họp. " + REPORT, encoding="utf-8")
    code, out, err = run("new", "-s", site, "--unit", "chi-bo-thon-dong-lam", "--from", str(text))
    assert code == 0, out + err
    assert "disciplined 1" in out + err
    rel = out.strip()  # published today, about the 2024 meeting
    with open(os.path.join(site, rel), encoding="utf-8") as f:
        post = f.read()
    assert "    disciplined: 1 " in post and "attendance: {members: 30," in post
    assert [x for x in check_lines(site) if x.startswith(rel)] == []
