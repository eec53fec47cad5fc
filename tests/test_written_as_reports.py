"""A count group's total and its members not rated, and a single chair or document,
written the way a clerk copies them from the report: "tổng số", "không xếp loại" with
"miễn sinh hoạt" and "mới kết nạp", "presiding: Đồng chí …, Bí thư chi bộ" without a
list. Each builds with the right numbers and words, or stops with a problem at the key
as typed; and the editor's form shows them in its fields and keeps them as typed. Last,
the numbers of a report's or an article's own sentences, as the editor reads them."""
import datetime as dt
import difflib
import os

import pytest

from sitekit import POST_PATH, UNITS_YAML, check_lines, post_with, run, write_site
from test_forgiving import built_page, page_of
from sitegen.check import loading
from sitegen.editor import fromreport, postfile
from sitegen.read import docnumbers, reporttext
from sitegen.read.countgroup import count_key_id, not_rated_key_id
from sitegen.read.model import LEVELS, Attendance, CountGroup, Meeting, NotRated, Results, UnitRating, Votes
from sitegen.read.fences import split_front_matter
from sitegen.read.sources import read_text
from sitegen.site import narrative

IN_WORDS = post_with("    total: 30\n", "    tổng số: 30\n    không xếp loại: {miễn sinh hoạt: 1, mới kết nạp: 2}\n"
                     ).replace("    tot: 23", "    tot: 20")


def test_a_total_and_members_not_rated_written_in_words_are_counted(tmp_path):
    page = built_page(tmp_path, IN_WORDS)
    assert ("tổng số 30 đảng viên; không đánh giá, xếp loại 03 đảng viên, gồm 01 đảng viên được miễn công tác và "
            "sinh hoạt đảng, 02 đảng viên mới kết nạp chưa đủ 6 tháng.") in page
    assert "24/27 đảng viên (đạt 88,9%) hoàn thành tốt nhiệm vụ trở lên" in page


@pytest.mark.parametrize("key, meant", [
    ("Tổng số", "total"), ("tong so dang vien", "total"), ("Tổng", "total"), ("tổng số tổ chức đảng", "total"),
    ("Không xếp loại", "not_rated"), ("chưa đánh giá, xếp loại", "not_rated"), ("không tham gia đánh giá", "not_rated"),
    ("KHÔNG ĐÁNH GIÁ XẾP LOẠI", "not_rated"), ("hoàn thành tốt", "tot"), ("tiêu biểu", "tieu_bieu"),
    # Not the total: these count fewer than all.
    ("Tổng số đảng viên được xếp loại", None), ("tổng số được đánh giá", None), ("xếp loại", None),
])
def test_which_words_name_a_total_or_those_not_rated(key, meant):
    assert count_key_id(key) == meant


@pytest.mark.parametrize("key, meant", [
    ("miễn", "exempt"), ("Miễn công tác và sinh hoạt đảng", "exempt"), ("được miễn sinh hoạt", "exempt"),
    ("đình chỉ", "suspended"), ("bị đình chỉ sinh hoạt đảng", "suspended"), ("mới kết nạp", "new"),
    ("kết nạp mới", "new"), ("đảng viên mới", "new"), ("kết nạp chưa đủ 6 tháng", "new"),
    ("lý do khác", "pending"), ("khác", "pending"), ("Ghi chú", "note"), ("lý do", "note"),
    ("hoàn thành", None), ("ốm đau", None),
])
def test_which_words_name_why_members_were_not_rated(key, meant):
    assert not_rated_key_id(key) == meant


def test_a_problem_points_at_the_key_as_typed(tmp_path):
    post = IN_WORDS.replace("mới kết nạp: 2}", "mới kết nạp: 40}")
    site = write_site(tmp_path, {POST_PATH: post})
    lines = check_lines(site)
    assert len(lines) == 1 and lines[0].startswith(POST_PATH + ":13:5: E304 ")  # at "không xếp loại"
    assert "41 members are not rated but the total is 30" in lines[0]


def test_a_key_written_as_its_id_and_in_words_is_one_problem(tmp_path):
    twice = IN_WORDS.replace("    tổng số: 30\n", "    tổng số: 30\n    total: 30\n")
    assert check_lines(write_site(tmp_path, {POST_PATH: twice})) == [
        POST_PATH + ":13:5: E203 `total` and `tổng số` both stand for `total`; keep one"]
    twice = IN_WORDS.replace("mới kết nạp: 2}", "mới kết nạp: 2, kết nạp mới: 2}")
    assert check_lines(write_site(tmp_path, {POST_PATH: twice})) == [
        POST_PATH + ":13:57: E203 `kết nạp mới` and `mới kết nạp` both stand for `new`; keep one"]


def test_an_unknown_key_lists_the_format_s_keys_not_the_clerk_s(tmp_path):
    post = IN_WORDS.replace("    hoan_thanh: 3", "    Tổng số được xếp loại: 27\n    hoan_thanh: 3")
    site = write_site(tmp_path, {POST_PATH: post})
    lines = check_lines(site)
    assert len(lines) == 1 and " E202 " in lines[0] and "`Tổng số được xếp loại`" in lines[0]
    assert lines[0].endswith("known keys: total, not_rated, xuat_sac, tot, hoan_thanh, khong_hoan_thanh, "
                             "tot_or_better, tieu_bieu, disciplined, outstanding, status")


def test_one_chair_and_one_document_need_no_list(tmp_path):
    post = post_with("review_year: 2024\n", "review_year: 2024\n"
                     "basis: Kế hoạch số 34-KH/ĐU ngày 14/11/2024 của Đảng ủy xã An Khê\n"
                     "presiding: Đồng chí Lò Văn Páo - Bí thư chi bộ\n"
                     "guests: {name: Hà Thị Mơ, position: Phó Bí thư Đảng ủy xã}\n")
    page = built_page(tmp_path, post)
    assert "<li>Kế hoạch số 34-KH/ĐU ngày 14/11/2024 của Đảng ủy xã An Khê</li>" in page
    assert "<li>Đồng chí Lò Văn Páo, Bí thư chi bộ</li>" in page
    assert "<li>Đồng chí Hà Thị Mơ, Phó Bí thư Đảng ủy xã</li>" in page


def test_a_whole_citation_or_a_name_with_its_position_in_one_field_is_read_as_that_line(tmp_path):
    """As a clerk fills the form: the whole line pasted into the document's number, or the
    chair's position typed after the name."""
    post = post_with("review_year: 2024\n", "review_year: 2024\n"
                     "basis:\n  - number: Kế hoạch số 34-KH/ĐU ngày 14/11/2024 của Đảng ủy xã An Khê\n"
                     "presiding:\n  - name: Đồng chí Lò Văn Páo - Bí thư chi bộ\n")
    page = built_page(tmp_path, post)
    assert "<li>Kế hoạch số 34-KH/ĐU ngày 14/11/2024 của Đảng ủy xã An Khê</li>" in page
    assert "<li>Đồng chí Lò Văn Páo, Bí thư chi bộ</li>" in page
    # With any other part given, the number is a number and is checked as one.
    site = write_site(tmp_path / "b", {POST_PATH: post.replace("\npresiding:", "\n    issuer: Đảng ủy xã\npresiding:")})
    (line,) = check_lines(site)
    assert " W506 " in line, line


def _changed(before: str, after: str) -> list:
    return [line for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_the_form_fills_its_fields_from_words_and_keeps_them_as_typed():
    text = IN_WORDS.replace("review_year: 2024\n", "review_year: 2024\npresiding: Đồng chí Lò Văn Páo - Bí thư chi bộ\n")
    opened = postfile.open_text(text.encode("utf-8"))
    form = opened.form()
    assert form["presiding"] == [{"name": "Lò Văn Páo", "position": "Bí thư chi bộ"}]
    members = form["results"]["members"]
    assert (members["total"], members["not_rated"]) == (30, {"exempt": 1, "new": 2})
    assert postfile.compose(form, opened.body, opened, body_edited=False) == text  # nothing changed: as written
    members["not_rated"]["new"] = 1
    members["total"] = 29
    assert _changed(text, postfile.compose(form, opened.body, opened, body_edited=False)) == [
        "-    tổng số: 30\n", "-    không xếp loại: {miễn sinh hoạt: 1, mới kết nạp: 2}\n",
        "+    tổng số: 29\n", "+    không xếp loại: {miễn sinh hoạt: 1, mới kết nạp: 1}\n"]
    form["presiding"].append({"name": "Hà Thị Mơ", "position": "Phó Bí thư"})
    assert _changed(text, postfile.compose(form, opened.body, opened, body_edited=False))[:3] == [
        "-presiding: Đồng chí Lò Văn Páo - Bí thư chi bộ\n", "+presiding:\n",
        "+  - name: Lò Văn Páo\n"]


VALUES_IN_WORDS = (post_with("review_year: 2024\n", "review_year: năm 2025\ntags: Kiểm điểm cuối năm, Thôn Đông Lâm; Năm 2025\n")
                   .replace("date: 20/12/2024", "date: 20/12/2025")
                   .replace("attendance: {members: 30, present: 28}", "attendance: 28/30 đồng chí")
                   .replace("votes: {agree: 28, of: 28}", "votes: 28/28 đồng chí\n    score: 86,5 điểm"))


@pytest.mark.parametrize("attendance, votes", [
    ("28/30 đảng viên có mặt", "28/28 đồng chí biểu quyết tán thành (100%)"),
    ("28/30 đồng chí dự họp (93,3%)", "28/28 đ/c nhất trí"),
    ("có mặt 28/30 đồng chí", "tán thành 28/28"),  # the words first
    ("'dự họp: 28/30'", "28/28 phiếu"),
    ("28/30 đồng chí tham dự", "28/28 đồng chí có mặt biểu quyết tán thành"),  # whose vote it was
    ("28/30 đồng chí, vắng 02 đồng chí (có lý do)", "28/28"),  # those absent, as minutes note them
    ("'có mặt 28/30 đảng viên (vắng 2: ốm, đi công tác)'", "28/28"),
])
def test_a_share_keeps_the_words_the_article_says_after_it(tmp_path, attendance, votes):
    post = VALUES_IN_WORDS.replace("attendance: 28/30 đồng chí", "attendance: " + attendance).replace(
        "votes: 28/28 đồng chí", "votes: " + votes)
    site = write_site(tmp_path, {POST_PATH: post})
    assert check_lines(site) == []
    form = postfile.open_text(post.encode("utf-8")).form()
    assert (form["attendance"], form["results"]["unit"]["votes"]) == ({"members": 30, "present": 28},
                                                                      {"agree": 28, "of": 28})


def test_those_absent_that_do_not_make_up_the_members_are_told(tmp_path):
    post = VALUES_IN_WORDS.replace("attendance: 28/30 đồng chí", "attendance: 28/30 đồng chí, vắng 3 đồng chí")
    site = write_site(tmp_path, {POST_PATH: post})
    assert check_lines(site) == [POST_PATH + ":7:13: E203 attendance says 28 present of 30 and 3 absent, but "
                                 "30 − 28 is 2; correct the count present, the members or those absent"]


def test_a_year_a_score_shares_and_tags_written_as_clerks_write_them(tmp_path):
    site = write_site(tmp_path, {POST_PATH: VALUES_IN_WORDS.replace("năm 2024", "năm 2025")})
    code, out, err = run("build", "-s", site)
    assert code == 0 and out == "", out + err
    page = page_of(site, "2025", "hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2025")
    assert "Hội nghị có 28/30 đảng viên tham dự (93,3%)" in page
    assert "Hoàn thành tốt nhiệm vụ, với 86,5 điểm; 28/28 đồng chí biểu quyết tán thành (100%)" in page
    assert sorted(os.listdir(os.path.join(site, "output", "the"))) == ["kiem-diem-cuoi-nam", "nam-2025", "thon-dong-lam"]


@pytest.mark.parametrize("old, new, why", [
    ("score: 86,5 điểm", "score: 86,5 phút", "score must be a number from 0 to 100, but it is the text '86,5 phút'"),
    ("score: 86,5 điểm", "score: 86,5/90", "score must be a number from 0 to 100, but it is the text '86,5/90'"),
    ("review_year: năm 2025", "review_year: năm nay", "review_year must be a year"),
    ("attendance: 28/30 đồng chí", "attendance: 28/30 đồng chí tán thành", "attendance must be a map"),
    ("votes: 28/28 đồng chí", "votes: 28/28 đồng chí có mặt", "votes must be a map"),
])
def test_other_words_after_a_value_are_still_a_problem(tmp_path, old, new, why):
    site = write_site(tmp_path, {POST_PATH: VALUES_IN_WORDS.replace(old, new)})
    lines = check_lines(site)
    assert len(lines) == 1 and " E203 " in lines[0] and why in lines[0], lines


def test_a_score_out_of_100_as_the_scoring_sheet_gives_it(tmp_path):
    site = write_site(tmp_path, {POST_PATH: VALUES_IN_WORDS.replace("năm 2024", "năm 2025")
                                 .replace("score: 86,5 điểm", "score: 86,5/100 điểm")})
    code, out, err = run("build", "-s", site)
    assert code == 0 and out == "", out + err
    page = page_of(site, "2025", "hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2025")
    assert "Hoàn thành tốt nhiệm vụ, với 86,5 điểm;" in page


def test_the_form_reads_a_year_a_score_and_tags_written_in_words():
    opened = postfile.open_text(VALUES_IN_WORDS.encode("utf-8"))
    form = opened.form()
    assert (form["review_year"], form["results"]["unit"]["score"], form["tags"]) == (
        2025, 86.5, ["Kiểm điểm cuối năm", "Thôn Đông Lâm", "Năm 2025"])
    assert (form["attendance"], form["results"]["unit"]["votes"]) == ({"members": 30, "present": 28},
                                                                      {"agree": 28, "of": 28})
    assert postfile.compose(form, opened.body, opened, body_edited=False) == VALUES_IN_WORDS


def test_results_parts_named_as_the_report_heads_them_are_named_back(tmp_path):
    """The parts of `results` stay the format's keys (they name the tables and the CSV's
    columns), but each heading a report uses gets the key to write, and nothing else."""
    post = post_with("  unit:\n", "  Tập thể:\n").replace("  members:\n", "  Tập thể lãnh đạo, quản lý:\n")
    lines = check_lines(write_site(tmp_path, {POST_PATH: post}))
    assert [line.split(" ", 2)[1] for line in lines] == ["E202", "E202"]
    assert "`Tập thể` in results (did you mean `unit`?)" in lines[0]
    assert "`Tập thể lãnh đạo, quản lý` in results (did you mean `leadership`?)" in lines[1]


def test_the_form_shows_a_name_without_dong_chi_and_keeps_it_as_written():
    """The page writes "Đồng chí" before each name, so the row shows the name alone; the
    file keeps what was typed unless the name itself is changed."""
    text = post_with("review_year: 2024\n", "review_year: 2024\npresiding:\n"
                     "  - {name: Đồng chí Lò Văn Páo, position: Bí thư}\n")
    opened = postfile.open_text(text.encode("utf-8"))
    form = opened.form()
    assert form["presiding"] == [{"name": "Lò Văn Páo", "position": "Bí thư"}]
    form["presiding"][0]["position"] = "Bí thư chi bộ"
    assert _changed(text, postfile.compose(form, opened.body, opened, body_edited=False)) == [
        "-  - {name: Đồng chí Lò Văn Páo, position: Bí thư}\n",
        "+  - {name: Đồng chí Lò Văn Páo, position: Bí thư chi bộ}\n"]


def test_units_written_with_vietnamese_keys_are_named_by_their_id(tmp_path):
    units = UNITS_YAML + ("- id: chi-bo-thon-bac-lam\n  ten: Chi bộ thôn Bắc Lâm\n  loai: chi bộ\n"
                          "- name: Chi bộ thôn Nam Lâm\n  kind: chi_bo\n")
    site = write_site(tmp_path, {"content/units.yaml": units})
    assert [line.split(": ", 1)[1] for line in check_lines(site)] == [
        "E202 unknown key `ten` in the unit chi-bo-thon-bac-lam (did you mean `name`?); known keys: id, name, "
        "committee, kind, parent, former_names, extra",
        "E202 unknown key `loai` in the unit chi-bo-thon-bac-lam (did you mean `kind`?); known keys: id, name, "
        "committee, kind, parent, former_names, extra",
        "E201 unit number 5 in the list needs the key `id`"]


def test_a_parent_named_by_its_name_or_its_committee_s_is_that_unit(tmp_path):
    units = UNITS_YAML.replace("name: Đảng ủy xã An Khê", "name: Đảng bộ xã An Khê\n  committee: Đảng ủy xã An Khê")
    units = units.replace("  parent: dang-uy-xa-an-khe\n", "  parent: đảng ủy xã an khê\n", 1).replace(
        "  parent: dang-uy-xa-an-khe\n", "  parent: Đảng bộ xã An Khê\n", 1)
    site = write_site(tmp_path, {"content/units.yaml": units})
    code, out, err = run("build", "-s", site)
    assert code == 0 and out == "", out + err
    for unit in ("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam"):
        assert '<p>Trực thuộc:\n<a href="../../don-vi/dang-uy-xa-an-khe/index.html">' in page_of(site, "don-vi", unit)
    # A name that two units have is not guessed at.
    twice = units.replace("name: Chi bộ thôn Tây Lâm", "name: Đảng bộ xã An Khê")
    lines = check_lines(write_site(tmp_path, {"content/units.yaml": twice}))
    assert any(" E204 " in line and "'Đảng bộ xã An Khê'" in line for line in lines), lines


@pytest.mark.parametrize("old, new, where, shown", [
    ("votes: 28/28 đồng chí", "votes: 100%", ":11:12:", "`votes: 28/28` (agreeing of voting)"),
    ("attendance: 28/30 đồng chí", "attendance: 93,3 %", ":7:13:", "`attendance: 28/30` (present of members)"),
    ("votes: 28/28 đồng chí", "votes: nhất trí 100%", ":11:12:", "`votes: 28/28` (agreeing of voting)"),
    ("attendance: 28/30 đồng chí", "attendance: 93,3% đảng viên có mặt", ":7:13:", "`attendance: 28/30`"),
])
def test_a_vote_or_an_attendance_given_as_a_percentage_asks_for_the_two_numbers(tmp_path, old, new, where, shown):
    lines = check_lines(write_site(tmp_path, {POST_PATH: VALUES_IN_WORDS.replace(old, new)}))
    assert len(lines) == 1 and lines[0].startswith(POST_PATH + where + " E203 "), lines
    assert "a percentage; write the two numbers, e.g. " + shown in lines[0]


def test_members_not_rated_given_as_one_number_ask_for_the_reason(tmp_path):
    """The page says why members were not rated; a bare number cannot say it."""
    post = IN_WORDS.replace("{miễn sinh hoạt: 1, mới kết nạp: 2}", "3")
    lines = check_lines(write_site(tmp_path, {POST_PATH: post}))
    assert len(lines) == 1 and lines[0].startswith(POST_PATH + ":13:21: E203 results.members.không xếp loại is 3, "
                                                   "a number; give the reason with it, e.g. `không xếp loại: "
                                                   "{exempt: 3}`"), lines


def test_levels_that_do_not_add_up_are_named_as_the_file_writes_them(tmp_path):
    post = IN_WORDS.replace("    xuat_sac: 4", "    hoàn thành xuất sắc: 4").replace("    tot: 20", "    HTTNV: 24")
    lines = check_lines(write_site(tmp_path, {POST_PATH: post}))
    assert len(lines) == 1 and " E301 " in lines[0], lines
    assert ("make hoàn thành xuất sắc + HTTNV + hoan_thanh + khong_hoan_thanh equal 27, or correct tổng số or "
            "không xếp loại; tot seems to include the xuat_sac ones") in lines[0]
    assert lines[0].endswith("so write HTTNV: 20")


# ------------------------------------------------------------------ counts read from a report's paragraph
@pytest.mark.parametrize("paragraph, counts", [
    # Each level with its count after it, the total and those rated, one not rated by reason.
    ("Tổng số đảng viên của chi bộ: 30 đồng chí; được đánh giá, xếp loại: 28 đồng chí (02 đồng chí miễn sinh "
     "hoạt đảng). Kết quả: Hoàn thành xuất sắc nhiệm vụ: 04 đồng chí (chiếm 14,3%); Hoàn thành tốt nhiệm vụ: "
     "20 đồng chí (71,4%); Hoàn thành nhiệm vụ: 03 đồng chí; Không hoàn thành nhiệm vụ: 01 đồng chí.",
     {"total": 30, "not_rated": {"exempt": 2}, "xuat_sac": 4, "tot": 20, "hoan_thanh": 3, "khong_hoan_thanh": 1}),
    # The article's idiom: "… tốt nhiệm vụ trở lên, trong đó … xuất sắc", and "không có đồng chí nào".
    ("Chi bộ có 23 đảng viên, 23/23 đồng chí được đánh giá, xếp loại; 21/23 đảng viên (đạt 91,3%) hoàn thành "
     "tốt nhiệm vụ trở lên, trong đó có 04 đồng chí (17,4%) hoàn thành xuất sắc nhiệm vụ; 02 đồng chí (8,7%) "
     "hoàn thành nhiệm vụ; không có đồng chí nào không hoàn thành nhiệm vụ.",
     {"total": 23, "xuat_sac": 4, "tot": 17, "hoan_thanh": 2, "khong_hoan_thanh": 0}),
    # Abbreviations, as a tally sheet writes them.
    ("HTXSNV: 2 đ/c; HTTNV: 11 đ/c; HTNV: 2 đ/c; KHTNV: 0",
     {"xuat_sac": 2, "tot": 11, "hoan_thanh": 2, "khong_hoan_thanh": 0}),
    # Thousands grouped with dots; rated fewer than the total, with no reason given.
    ("Đảng bộ có 2.755 đảng viên; 2.700 đảng viên được đánh giá, xếp loại; 384 đồng chí hoàn thành xuất sắc "
     "nhiệm vụ, 1.800 đồng chí hoàn thành tốt nhiệm vụ, 500 đồng chí hoàn thành nhiệm vụ, 16 đồng chí không "
     "hoàn thành nhiệm vụ.",
     {"total": 2755, "not_rated": {"pending": 55}, "xuat_sac": 384, "tot": 1800, "hoan_thanh": 500,
      "khong_hoan_thanh": 16}),
    # "được xếp loại" alone, with the total after a slash; not rated by reason, after the count.
    ("Kết quả, có 25/27 đảng viên được xếp loại; trong đó, 04 đảng viên hoàn thành xuất sắc nhiệm vụ (chiếm "
     "16%), 19 đảng viên hoàn thành tốt nhiệm vụ (chiếm 76%), 02 đảng viên hoàn thành nhiệm vụ (chiếm 8%); 02 "
     "đảng viên mới kết nạp chưa đủ 6 tháng không xếp loại.",
     {"total": 27, "not_rated": {"new": 2}, "xuat_sac": 4, "tot": 19, "hoan_thanh": 2}),
    # Organisations; a total named by other words.
    ("Tổng số tổ chức cơ sở đảng: 20; hoàn thành xuất sắc nhiệm vụ: 4 tổ chức; hoàn thành tốt nhiệm vụ: 14 tổ "
     "chức; hoàn thành nhiệm vụ: 2 tổ chức.", {"total": 20, "xuat_sac": 4, "tot": 14, "hoan_thanh": 2}),
    # "không xếp loại 02" is not those rated; its reasons are read.
    ("Tổng số 32 đảng viên, không xếp loại 02 đồng chí (01 đồng chí mới kết nạp, 01 đồng chí miễn sinh hoạt); "
     "xếp loại 30 đồng chí.", {"total": 32, "not_rated": {"exempt": 1, "new": 1}}),
    # "Kết quả xếp loại: 04 đồng chí hoàn thành …" is a level's count, not those rated.
    ("Kết quả xếp loại: 04 đồng chí hoàn thành xuất sắc nhiệm vụ; 20 đồng chí được xếp loại hoàn thành tốt "
     "nhiệm vụ.", {"xuat_sac": 4, "tot": 20}),
    # "ở mức này" points back at a level: not those rated. "Tốt trở lên" with no xuất sắc in
    # it stays one number.
    ("Chi bộ có 04 đồng chí được xếp loại ở mức này. 12/12 đảng viên được xếp loại hoàn thành tốt nhiệm vụ\ntrở lên.",
     {"tot_or_better": 12}),
    # Tally-sheet shorthand with shares after each count, not rated "miễn đánh giá".
    ("Tổng số đảng viên được đánh giá, xếp loại: 45/47 đ/c (02 đ/c miễn đánh giá). Trong đó: HTXSNV: 07 đ/c, "
     "tỷ lệ 15,6%; HTTNV: 34 đ/c, tỷ lệ 75,6%; HTNV: 04 đ/c, tỷ lệ 8,8%; KHTNV: 0.",
     {"total": 47, "not_rated": {"exempt": 2}, "xuat_sac": 7, "tot": 34, "hoan_thanh": 4, "khong_hoan_thanh": 0}),
    # "Hoàn thành nhiệm vụ trở lên" adds up three levels: it is no level's count.
    ("45 đồng chí hoàn thành nhiệm vụ trở lên, 03 đồng chí hoàn thành nhiệm vụ.", {"hoan_thanh": 3}),
    # A rating with no count ("3 năm liền" counts years, not people) is not a count.
    ("Chi bộ được xếp loại hoàn thành tốt nhiệm vụ, 3 năm liền hoàn thành tốt nhiệm vụ.", {}),
])
def test_a_reports_paragraph_gives_the_counts_it_ties_to_a_level(paragraph, counts):
    assert reporttext.read_counts(paragraph) == (counts, [])


def test_a_level_given_two_numbers_is_left_out_and_named():
    assert reporttext.read_counts("Hoàn thành xuất sắc nhiệm vụ: 04 đồng chí; hoàn thành tốt nhiệm vụ: 20 đồng chí; "
                                  "hoàn thành xuất sắc nhiệm vụ: 05 đồng chí") == ({"tot": 20}, ["xuat_sac"])


def test_a_table_copied_from_word_is_read_row_by_row():
    """Pasted into the editor, a Word table's cells arrive apart at tabs."""
    rows = ("Xếp loại\tSố lượng\tTỷ lệ\nHoàn thành xuất sắc nhiệm vụ\t4\t13,3%\nHoàn thành tốt nhiệm vụ\t23\t76,7%\n"
            "Hoàn thành nhiệm vụ\t3\t10%\nKhông hoàn thành nhiệm vụ\t0\t0%")
    assert reporttext.read_counts(rows) == ({"xuat_sac": 4, "tot": 23, "hoan_thanh": 3, "khong_hoan_thanh": 0}, [])
    # One row of headings over one row of figures: each heading with its figure, not the year in a heading.
    columns = "Năm 2025\tTổng số\tHTXSNV\tHTTNV\tHTNV\tKHTNV\nChi bộ thôn Tây Lâm\t30\t4\t23\t3\t0"
    assert reporttext.read_counts(columns) == (
        {"total": 30, "xuat_sac": 4, "tot": 23, "hoan_thanh": 3, "khong_hoan_thanh": 0}, [])


def test_who_chaired_and_who_attended_as_an_article_names_them():
    text = ("Dự và chỉ đạo hội nghị có đồng chí Hà Thị Mơ, Phó Bí thư Đảng ủy xã và đồng chí Đinh Văn Sơn, Chủ tịch "
            "UBND xã. Đồng chí Lò Văn Páo, Bí thư chi bộ chủ trì hội nghị.")
    assert reporttext.read_people(text) == {
        "guests": [("Hà Thị Mơ", "Phó Bí thư Đảng ủy xã"), ("Đinh Văn Sơn", "Chủ tịch UBND xã")],
        "presiding": [("Lò Văn Páo", "Bí thư chi bộ")]}
    assert reporttext.read_people("Chủ trì hội nghị: đồng chí Lò Văn Páo - Bí thư chi bộ.") == {
        "presiding": [("Lò Văn Páo", "Bí thư chi bộ")]}
    assert reporttext.read_people("Đồng chí Bí thư chi bộ chủ trì hội nghị.") == {}  # a position, no name


@pytest.mark.parametrize("text, people", [
    ("Dự hội nghị có đồng chí Hà Thị Mơ - Phó Bí thư Thường trực Đảng ủy xã.",
     {"guests": [("Hà Thị Mơ", "Phó Bí thư Thường trực Đảng ủy xã")]}),
    ("Về dự và chỉ đạo hội nghị có đồng chí Hà Thị Mơ, Phó Bí thư Đảng ủy xã; đồng chí Đinh Văn Sơn, Ủy viên Ban "
     "Thường vụ.", {"guests": [("Hà Thị Mơ", "Phó Bí thư Đảng ủy xã"), ("Đinh Văn Sơn", "Ủy viên Ban Thường vụ")]}),
    # Those who came with the guest are not one of them.
    ("Tham dự hội nghị có đồng chí Hà Thị Mơ - Đảng ủy viên, phụ trách chi bộ, cùng 24/26 đảng viên.",
     {"guests": [("Hà Thị Mơ", "Đảng ủy viên, phụ trách chi bộ")]}),
    ("Chủ trì hội nghị: đồng chí Lò Văn Páo, Bí thư chi bộ; đồng chí Vi Thị Nga, Phó Bí thư chi bộ.",
     {"presiding": [("Lò Văn Páo", "Bí thư chi bộ"), ("Vi Thị Nga", "Phó Bí thư chi bộ")]}),
    ("Dự hội nghị có 24/26 đảng viên.", {}),
    ("Dự họp có đồng chí Hà Thị Mơ, Đảng ủy viên phụ trách chi bộ.",
     {"guests": [("Hà Thị Mơ", "Đảng ủy viên phụ trách chi bộ")]}),
])
def test_guests_and_chairs_in_the_other_ways_articles_name_them(text, people):
    assert reporttext.read_people(text) == people


def test_the_documents_an_article_cites():
    text = ("Thực hiện Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương và Kế hoạch số 34-KH/ĐU "
            "ngày 14/11/2025 của Đảng ủy xã về kiểm điểm, đánh giá, xếp loại chất lượng năm 2025, chiều 20/12/2025, "
            "Chi bộ tổ chức hội nghị. Căn cứ Quy định số 366-QĐ/TW, hội nghị đã đánh giá.")
    assert docnumbers.citations_in(text) == [
        {"number": "43-HD/BTCTW", "type": "Hướng dẫn", "date": "31/10/2025", "issuer": "Ban Tổ chức Trung ương"},
        {"number": "34-KH/ĐU", "type": "Kế hoạch", "date": "14/11/2025", "issuer": "Đảng ủy xã",
         "subject": "về kiểm điểm, đánh giá, xếp loại chất lượng năm 2025"},
        {"number": "366-QĐ/TW", "type": "Quy định"}]
    # A subject's list goes on past its commas; the sentence after a citation does not.
    listed = ("Căn cứ Kế hoạch số 09-KH/ĐU ngày 01/11/2025 của Đảng ủy xã về kiểm điểm, đánh giá, xếp loại chất "
              "lượng tổ chức đảng, đảng viên và tập thể, cá nhân năm 2025; chiều 20/12, chi bộ họp.")
    assert docnumbers.citations_in(listed)[0]["subject"] == (
        "về kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên và tập thể, cá nhân năm 2025")
    after = "Thực hiện Kế hoạch số 09-KH/ĐU ngày 01/11/2025 của Đảng ủy xã, đảng viên chi bộ đã tự kiểm điểm."
    assert docnumbers.citations_in(after) == [
        {"number": "09-KH/ĐU", "type": "Kế hoạch", "date": "01/11/2025", "issuer": "Đảng ủy xã"}]


@pytest.mark.parametrize("article, meeting", [
    ("Hội nghị có 28/30 đảng viên tham dự. Chi bộ được đề nghị xếp loại hoàn thành tốt nhiệm vụ, với 28/28 đồng "
     "chí biểu quyết tán thành (100%).",
     {"attendance": {"present": 28, "members": 30}, "votes": {"agree": 28, "of": 28}, "level": "tot",
      "status": "proposed"}),
    ("Dự họp: 15/15 đồng chí. Kết quả biểu quyết: tán thành 15/15. Chi bộ được cấp trên công nhận xếp loại chất "
     "lượng năm 2025: Hoàn thành xuất sắc nhiệm vụ.",
     {"attendance": {"present": 15, "members": 15}, "votes": {"agree": 15, "of": 15}, "level": "xuat_sac",
      "status": "approved"}),
    # The meeting's date is the first whole date that is not a document's.
    ("Thực hiện Kế hoạch số 34-KH/ĐU ngày 14/11/2025 của Đảng ủy xã, chiều 20/12/2025, Chi bộ tổ chức hội nghị.",
     {"meeting_date": "20/12/2025"}),
    ("Sáng ngày 18 tháng 12 năm 2025, Chi bộ thôn họp. Chiều 20/12, Đảng ủy xã họp.", {"meeting_date": "18/12/2025"}),
    ("Hội nghị biểu quyết với 100% đảng viên tán thành đề nghị xếp loại chi bộ hoàn thành tốt nhiệm vụ.",
     {"level": "tot", "status": "proposed"}),
    # "100% of those present agreed" is the attendance's count, when the article gives it.
    ("Hội nghị có 24/26 đảng viên tham dự. Kết quả biểu quyết: 100% đảng viên có mặt tán thành đề nghị xếp loại chi "
     "bộ \"Hoàn thành tốt nhiệm vụ\".",
     {"attendance": {"present": 24, "members": 26}, "votes": {"agree": 24, "of": 24}, "level": "tot",
      "status": "proposed"}),
    ("Hội nghị có 24/26 đảng viên dự họp (92,3%). Tỷ lệ tán thành: 100%.",
     {"attendance": {"present": 24, "members": 26}, "votes": {"agree": 24, "of": 24}}),
    ("Hội nghị có 26/26 đảng viên tham dự (100%).", {"attendance": {"present": 26, "members": 26}}),
    ("Với 23/24 phiếu tán thành (95,8%), hội nghị đề nghị xếp loại chi bộ hoàn thành tốt nhiệm vụ.",
     {"votes": {"agree": 23, "of": 24}, "level": "tot", "status": "proposed"}),
    ("24/24 đồng chí nhất trí đề nghị xếp loại chi bộ hoàn thành xuất sắc nhiệm vụ.",
     {"votes": {"agree": 24, "of": 24}, "level": "xuat_sac", "status": "proposed"}),
    # Who attended is not a vote.
    ("Hội nghị có 24/26 đảng viên dự họp, nhất trí thông qua báo cáo.", {"attendance": {"present": 24, "members": 26}}),
    # The members' "… tốt nhiệm vụ trở lên" is not the unit's level.
    ("21/23 đảng viên hoàn thành tốt nhiệm vụ trở lên", {}),
])
def test_an_articles_attendance_vote_and_unit_rating(article, meeting):
    assert reporttext.read_meeting(article) == meeting


def test_the_editor_says_where_the_body_states_other_numbers_than_the_fields():
    members = CountGroup("members", 15, NotRated(), counts=(2, 11, 2, 0))
    meeting = Meeting(2025, dt.datetime(2025, 12, 20), "year", "366", attendance=Attendance(15, 15),
                      results=Results("proposed", UnitRating("tot", Votes(15, 15)), (members,)))
    body = ("Hội nghị có 14/15 đảng viên tham dự. Kết quả: 03 đồng chí hoàn thành xuất sắc nhiệm vụ, 11 đồng chí "
            "hoàn thành tốt nhiệm vụ; 14/14 đồng chí biểu quyết tán thành.")
    assert fromreport.body_disagrees(body, meeting) == [
        "Nội dung bài ghi hoàn thành xuất sắc nhiệm vụ 3, các ô số ghi 2.",
        "Nội dung bài ghi dự họp 14/15, các ô số ghi 15/15.",
        "Nội dung bài ghi biểu quyết tán thành 14/14, các ô số ghi 15/15."]
    assert fromreport.body_disagrees("13/15 đảng viên hoàn thành tốt nhiệm vụ trở lên.", meeting) == []


def test_what_sitegen_writes_the_reader_reads_back():
    """Every meeting of the example site: its "Kết quả" sentences, written as reports
    write them, give back its counts, attendance, vote and level when pasted."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    config, _problems, _failed, work, _entries, units, _saving = loading.gather(root, cache=False)  # writes nothing
    meetings = 0
    for rel, kind in work:
        post, _own = loading.read_one(root, rel, kind, config.quota)
        if post is None or post.meeting is None:
            continue
        m, meetings = post.meeting, meetings + 1
        for g in m.results.groups:
            said = " ".join(narrative.group_sentences(g, True, m.results.status, m.regime))
            counts, clashes = reporttext.read_counts(said)
            assert clashes == [] and {level: counts.get(level, 0) for level in LEVELS} == {
                level: g.count(level) for level in LEVELS}, (rel, said, counts)
            assert counts["total"] == g.total, (rel, said)
        said = " ".join(s for s in (narrative.attendance_sentence(m, True),
                                    narrative.unit_sentence(m, units.get(post.unit), True)) if s)
        read = reporttext.read_meeting(said)
        rating = m.results.unit
        if rating is not None and rating.level:
            assert read["level"] == rating.level, (rel, said)
        if rating is not None and rating.votes is not None:
            assert read["votes"] == {"agree": rating.votes.agree, "of": rating.votes.of}, (rel, said)
        # The example posts' own prose agrees with their numbers: no note in the editor.
        body = split_front_matter(read_text(root, rel)[0], rel)[0][1]
        assert fromreport.body_disagrees(body, m) == [], rel
    assert meetings >= 15


def test_new_from_an_article_takes_its_body_and_its_numbers(tmp_path):
    site = write_site(tmp_path / "site")
    article = tmp_path / "bai-viet.txt"
    article.write_bytes(  # as Notepad on Windows saves it
        ("Thực hiện Kế hoạch số 34-KH/ĐU ngày 14/11/2025 của Đảng ủy xã, chiều 20/12/2025, Chi bộ thôn Tây Lâm tổ "
         "chức hội nghị kiểm điểm. Đồng chí Lò Văn Páo, Bí thư chi bộ chủ trì hội nghị. Hội nghị có 15/16 đảng "
         "viên tham dự.\r\n\r\nKết quả: tổng số 16 đảng viên, 01 "
         "đồng chí mới kết nạp chưa đủ 6 tháng; 03 đồng chí hoàn thành xuất sắc nhiệm vụ, 11 đồng chí hoàn thành "
         "tốt nhiệm vụ, 01 đồng chí hoàn thành nhiệm vụ. Chi bộ được đề nghị xếp loại hoàn thành tốt nhiệm vụ với "
         "15/15 đồng chí biểu quyết tán thành.\r\n").encode("utf-8"))
    code, out, err = run("new", "-s", site, "Chi bộ thôn Tây Lâm kiểm điểm năm 2025", "--unit", "chi-bo-thon-tay-lam",
                         "--date", "22/12/2025", "--from", str(article))
    assert code == 0, err
    assert ("taken from " + str(article) + ": meeting_date 20/12/2025, attendance 15/16, level tot, status proposed, "
            "votes 15/15, total 16, xuat_sac 3, tot 11, hoan_thanh 1, not_rated.new 1, basis 34-KH/ĐU, "
            "presiding Lò Văn Páo;") in err
    path = os.path.join(site, out.strip())
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert "\r" not in text and text.endswith("15/15 đồng chí biểu quyết tán thành.\n")
    assert check_lines(site) == []  # a draft whose numbers add up
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("draft: true", "# draft: true"))
    code, out, err = run("build", "-s", site)
    assert code == 0 and out == "", out + err
    page = page_of(site, "2025", "chi-bo-thon-tay-lam-kiem-diem-nam-2025")
    assert "Hội nghị có 15/16 đảng viên tham dự (93,8%)" in page
    assert "14/15 đảng viên (đạt 93,3%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 03 đồng chí" in page
    assert "<li>Kế hoạch số 34-KH/ĐU ngày 14/11/2025 của Đảng ủy xã</li>" in page
    assert "<li>Đồng chí Lò Văn Páo, Bí thư chi bộ</li>" in page


def test_new_from_an_article_names_what_it_did_not_find_and_marks_it_in_the_post(tmp_path):
    site = write_site(tmp_path / "site")
    article = tmp_path / "bai.txt"
    article.write_text("Chiều 20/12/2025, chi bộ họp. Hội nghị có 12/12 đảng viên tham dự. Kết quả: 02 đồng chí hoàn "
                       "thành xuất sắc nhiệm vụ, 10 đồng chí hoàn thành tốt nhiệm vụ.\n", encoding="utf-8")
    code, out, err = run("new", "-s", site, "Kiểm điểm", "--unit", "chi-bo-thon-tay-lam", "--from", str(article))
    assert code == 0, err
    assert f"not found in {article}, to fill in by hand: results.unit.level, results.unit.votes" in err
    with open(os.path.join(site, out.strip()), encoding="utf-8") as f:
        text = f.read()
    assert "level: tot                     # CHƯA THẤY TRONG BÀI, hãy điền: xuat_sac | tot" in text
    assert "votes: {agree: 0, of: 0}       # CHƯA THẤY TRONG BÀI, hãy điền: số tán thành / số biểu quyết" in text
    assert "attendance: {members: 12, present: 12} # số đảng viên, số có mặt" in text
    # All of the meeting found: nothing is named, nothing marked.
    article.write_text("Chiều 20/12/2025, chi bộ họp. Hội nghị có 12/12 đảng viên tham dự. Kết quả: 02 đồng chí hoàn "
                       "thành xuất sắc nhiệm vụ, 10 đồng chí hoàn thành tốt nhiệm vụ. Hội nghị đề nghị xếp loại chi bộ "
                       "hoàn thành tốt nhiệm vụ với 100% đảng viên có mặt tán thành.\n", encoding="utf-8")
    code, out, err = run("new", "-s", site, "Kiểm điểm lần hai", "--unit", "chi-bo-thon-tay-lam", "--from", str(article))
    assert code == 0 and "not found" not in err and "votes 12/12" in err, err
    with open(os.path.join(site, out.strip()), encoding="utf-8") as f:
        assert "CHƯA THẤY" not in f.read()


def test_new_from_an_old_article_keeps_its_day(tmp_path):
    """An article brought over from the portal is dated as it says, not today."""
    site = write_site(tmp_path / "site")
    article = tmp_path / "bai-cu.txt"
    article.write_text("Thực hiện Kế hoạch số 34-KH/ĐU ngày 14/11/2023 của Đảng ủy xã, sáng ngày 18/12/2023, Chi bộ "
                       "thôn Tây Lâm tổ chức hội nghị kiểm điểm.\n", encoding="utf-8")
    code, out, err = run("new", "-s", site, "Chi bộ thôn Tây Lâm kiểm điểm năm 2023", "--unit", "chi-bo-thon-tay-lam",
                         "--from", str(article))
    assert code == 0 and out.strip() == "content/posts/2023/chi-bo-thon-tay-lam-kiem-diem-nam-2023.md", err
    assert "the post is dated 18/12/2023, as the article; give --date to date it otherwise" in err
    with open(os.path.join(site, out.strip()), encoding="utf-8") as f:
        text = f.read()
    assert "\ndate: 18/12/2023                   # ngày đăng" in text and "review_year: 2023" in text
    # --date is the clerk's word; a day still to come is not a post's date.
    code, out, err = run("new", "-s", site, "Bài hai", "--date", "02/01/2024 08:30", "--from", str(article))
    assert code == 0 and out.strip() == "content/posts/2024/bai-hai.md" and "as the article" not in err
    article.write_text(f"Ngày 20/12/{dt.date.today().year + 2}, chi bộ sẽ họp.\n", encoding="utf-8")
    code, out, err = run("new", "-s", site, "Bài ba", "--from", str(article))
    assert code == 0 and out.strip() == f"content/posts/{dt.date.today().year}/bai-ba.md" and "as the article" not in err


def test_new_from_a_file_that_is_not_text_says_why(tmp_path):
    site = write_site(tmp_path / "site")
    (tmp_path / "vni.txt").write_bytes(b"H\xf4i ngh\xec")
    code, out, err = run("new", "-s", site, "Bài", "--unit", "chi-bo-thon-tay-lam", "--from", str(tmp_path / "vni.txt"))
    assert code == 2 and "vni.txt: the file is not valid UTF-8" in err and out == ""
    assert run("new", "-s", site, "Bài", "--from", str(tmp_path / "khong-co.txt"))[0] == 2


def word_report(path, rows) -> None:
    """A report as a clerk has it in Word: its title, paragraphs, and the results in a table."""
    import docx
    document = docx.Document()
    document.add_heading("Chi bộ thôn Tây Lâm kiểm điểm năm 2025", level=1)
    document.add_paragraph("Chiều 20/12/2025, Chi bộ thôn Tây Lâm tổ chức hội nghị kiểm điểm. Hội nghị có 15/16 "
                           "đảng viên tham dự.")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.add_paragraph("Hội nghị đề nghị xếp loại chi bộ hoàn thành tốt nhiệm vụ với 15/15 đồng chí biểu quyết "
                           "tán thành.")
    document.save(path)


@pytest.mark.parametrize("rows", [
    [["Nội dung", "Số lượng", "Tỷ lệ"], ["Tổng số đảng viên", "16", ""], ["Mới kết nạp chưa đủ 6 tháng", "1", ""],
     ["Hoàn thành xuất sắc nhiệm vụ", "3", "20%"], ["Hoàn thành tốt nhiệm vụ", "11", "73,3%"],
     ["Hoàn thành nhiệm vụ", "1", "6,7%"], ["Không hoàn thành nhiệm vụ", "0", "0%"]],
    [["Tổng số", "Mới kết nạp", "HTXSNV", "HTTNV", "HTNV", "KHTNV"], ["16", "1", "3", "11", "1", "0"]],
])
def test_new_from_a_word_report_reads_its_paragraphs_and_its_table(tmp_path, rows):
    site = write_site(tmp_path / "site")
    report = tmp_path / "Báo cáo kiểm điểm.docx"
    word_report(report, rows)
    code, out, err = run("new", "-s", site, "--unit", "chi-bo-thon-tay-lam", "--date", "22/12/2025",
                         "--from", str(report))
    assert code == 0 and out.strip() == "content/posts/2025/chi-bo-thon-tay-lam-kiem-diem-nam-2025.md", err
    assert ("meeting_date 20/12/2025, attendance 15/16, level tot, status proposed, votes 15/15, total 16, "
            "xuat_sac 3, tot 11, hoan_thanh 1, khong_hoan_thanh 0, not_rated.new 1") in err, err
    path = os.path.join(site, out.strip())
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert "\n\n| " + " | ".join(rows[0]) + " |\n|" + "---|" * len(rows[0]) + "\n" in text
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("draft: true", "# draft: true"))
    code, out, err = run("build", "-s", site)
    assert code == 0 and out == "", out + err
    page = page_of(site, "2025", "chi-bo-thon-tay-lam-kiem-diem-nam-2025")
    assert "<th>" + rows[0][1] + "</th>" in page  # the report's table, as a table in the post
    assert "14/15 đảng viên (đạt 93,3%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 03 đồng chí" in page


def test_a_word_reports_letterhead_is_left_out_and_its_heading_is_the_title(tmp_path):
    """The letterhead's date is the report's, not the meeting's; "BÁO CÁO" alone is no title."""
    import docx
    site = write_site(tmp_path / "site")
    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "ĐẢNG BỘ XÃ AN KHÊ\nCHI BỘ THÔN TÂY LÂM\n*\nSố 05-BC/CB"
    head.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM\nAn Khê, ngày 26 tháng 12 năm 2025"
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Kiểm điểm, đánh giá, xếp loại chất lượng năm 2025")
    document.add_paragraph("Chiều 20/12/2025, Chi bộ thôn Tây Lâm tổ chức hội nghị. Hội nghị có 15/16 đảng viên "
                           "tham dự.")
    document.save(tmp_path / "bao-cao.docx")
    code, out, err = run("new", "-s", site, "--unit", "chi-bo-thon-tay-lam", "--from", str(tmp_path / "bao-cao.docx"))
    assert code == 0 and out.strip() == ("content/posts/2025/bao-cao-kiem-diem-danh-gia-xep-loai-chat-luong-nam-"
                                         "2025.md"), err
    assert "meeting_date 20/12/2025, attendance 15/16" in err and "the post is dated 20/12/2025" in err, err
    with open(os.path.join(site, out.strip()), encoding="utf-8") as f:
        text = f.read()
    assert 'title: "Báo cáo kiểm điểm, đánh giá, xếp loại chất lượng năm 2025"' in text
    assert "CỘNG SẢN" not in text and "05-BC/CB" not in text and text.rstrip().endswith("15/16 đảng viên tham dự.")


def test_new_from_a_word_file_it_cannot_read_says_what_to_do(tmp_path):
    site = write_site(tmp_path / "site")
    (tmp_path / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    code, out, err = run("new", "-s", site, "Bài", "--from", str(tmp_path / "cu.doc"))
    assert code == 2 and out == "" and "is a Word 97-2003 (.doc) file, which sitegen cannot read; open it in Word " \
        "and save it as .docx" in err, err
    import zipfile
    with zipfile.ZipFile(tmp_path / "hong.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document")
    code, out, err = run("new", "-s", site, "Bài", "--from", str(tmp_path / "hong.docx"))
    assert code == 2 and out == "" and "cannot read " + str(tmp_path / "hong.docx") + " as a Word document (" in err
    assert "Traceback" not in err


def test_new_from_an_article_whose_first_line_is_its_title(tmp_path):
    site = write_site(tmp_path / "site")
    article = tmp_path / "bai.txt"
    article.write_text("Chi bộ thôn Tây Lâm kiểm điểm năm 2025\n\nChiều 20/12/2025, chi bộ họp. Hội nghị có 12/12 "
                       "đảng viên tham dự.\n", encoding="utf-8")
    code, out, err = run("new", "-s", site, "--unit", "chi-bo-thon-tay-lam", "--date", "22/12/2025", "--from", str(article))
    assert code == 0 and out.strip() == "content/posts/2025/chi-bo-thon-tay-lam-kiem-diem-nam-2025.md", err
    with open(os.path.join(site, out.strip()), encoding="utf-8") as f:
        text = f.read()
    assert 'title: "Chi bộ thôn Tây Lâm kiểm điểm năm 2025"' in text
    assert text.split("\n---\n", 1)[1] == "\nChiều 20/12/2025, chi bộ họp. Hội nghị có 12/12 đảng viên tham dự.\n"
    # No title and no file to take it from: the command says what to give.
    code, out, err = run("new", "-s", site)
    assert code == 2 and "give the post's title" in err
    article.write_text("Chiều 20/12/2025, " + "chi bộ họp " * 40 + "\n", encoding="utf-8")  # a paragraph, not a title
    code, out, err = run("new", "-s", site, "--from", str(article))
    assert code == 2 and "at most 200 characters" in err
