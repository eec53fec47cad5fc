"""The generated 'Kết quả' sentences and tables, for count groups of several shapes."""
import datetime as dt

from sitegen.site import narrative
from sitegen.read.model import Attendance, CountGroup, Meeting, NotRated, Results, Unit, UnitRating, Votes
from sitekit import POST, run, write_site


def rows(g):
    return [(r.label, r.count, r.percent) for r in narrative.table_rows(g)]


def test_large_party_committee_with_262_not_rated():
    g = CountGroup("members", 2755, NotRated(exempt=200, suspended=3, new=47, pending=12,
                                             note="đi học, công tác dài ngày"), (384, 1900, 200, 9))
    assert narrative.group_sentences(g) == [
        "Đảng viên: tổng số 2.755 đảng viên; không đánh giá, xếp loại 262 đảng viên, gồm 200 đảng viên được "
        "miễn công tác và sinh hoạt đảng, 03 đảng viên bị đình chỉ sinh hoạt đảng, 47 đảng viên mới kết nạp "
        "chưa đủ 6 tháng, 12 đảng viên chưa đánh giá vì lý do khác (đi học, công tác dài ngày).",
        "2.284/2.493 đảng viên (đạt 91,6%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 384 đồng chí (15,4%) "
        "hoàn thành xuất sắc nhiệm vụ; 200 đồng chí (8%) hoàn thành nhiệm vụ; 09 đồng chí (0,4%) không hoàn "
        "thành nhiệm vụ.",
    ]
    assert rows(g) == [
        ("Hoàn thành xuất sắc nhiệm vụ", "384", "15,4%"),
        ("Hoàn thành tốt nhiệm vụ", "1.900", "76,2%"),
        ("Hoàn thành tốt nhiệm vụ trở lên", "2.284", "91,6%"),
        ("Hoàn thành nhiệm vụ", "200", "8%"),
        ("Không hoàn thành nhiệm vụ", "9", "0,4%"),
        ("Được đánh giá, xếp loại", "2.493", "100%"),
        ("Không đánh giá, xếp loại", "262", ""),
        ("Tổng số", "2.755", ""),
    ]


def test_small_chi_bo_two_digit_counts():
    g = CountGroup("members", 8, NotRated(), (1, 6, 1, 0))
    assert narrative.group_sentences(g) == [
        "Đảng viên: tổng số 08 đảng viên.",
        "07/08 đảng viên (đạt 87,5%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 01 đồng chí (12,5%) hoàn "
        "thành xuất sắc nhiệm vụ; 01 đồng chí (12,5%) hoàn thành nhiệm vụ; không có đồng chí nào không hoàn "
        "thành nhiệm vụ.",
    ]
    assert narrative.group_sentences(g, two=False)[1].startswith("7/8 đảng viên (đạt 87,5%)")


def test_proposals_are_said_to_be_proposals_and_one_level_is_said_once():
    g = CountGroup("members", 39, NotRated(), (39, 0, 0, 0))
    assert narrative.group_sentences(g, status="proposed")[1] == (
        "Đề nghị xếp loại: 39/39 đảng viên (100%) hoàn thành xuất sắc nhiệm vụ.")
    decided = g._replace(status="approved")  # a đảng ủy decides its cells' ratings, proposes its own
    assert narrative.group_sentences(decided, status="proposed")[1] == (
        "39/39 đảng viên (100%) hoàn thành xuất sắc nhiệm vụ.")


def test_organisations_with_exemplary_and_nobody_xuat_sac():
    g = CountGroup("organizations", 12, NotRated(), (3, 8, 1, 0), tieu_bieu=1)
    assert narrative.group_sentences(g)[1] == (
        "11/12 tổ chức đảng (đạt 91,7%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 03 tổ chức (25%) hoàn "
        "thành xuất sắc nhiệm vụ (01 tổ chức đạt danh hiệu “Trong sạch vững mạnh tiêu biểu”); 01 tổ chức "
        "(8,3%) hoàn thành nhiệm vụ; không có tổ chức nào không hoàn thành nhiệm vụ.")
    assert "“Hoàn thành xuất sắc nhiệm vụ tiêu biểu”" in narrative.group_sentences(g, regime="366")[1]
    assert ("trong đó: tiêu biểu", "1", "8,3%") in rows(g)
    plain = CountGroup("leadership", 3, NotRated(), (0, 2, 0, 1))
    assert narrative.group_sentences(plain)[1] == (
        "02/03 tập thể (đạt 66,7%) hoàn thành tốt nhiệm vụ trở lên; 01 tập thể (33,3%) không hoàn thành "
        "nhiệm vụ.")
    below = CountGroup("members", 5, NotRated(), (0, 0, 3, 2))
    assert narrative.group_sentences(below)[1] == (
        "03/05 đảng viên (60%) hoàn thành nhiệm vụ; 02 đồng chí (40%) không hoàn thành nhiệm vụ.")


def test_everyone_not_rated_gives_no_percentages():
    g = CountGroup("leaders", 2, NotRated(suspended=2), (0, 0, 0, 0))
    assert narrative.group_sentences(g) == [
        "Cán bộ lãnh đạo, quản lý: tổng số 02 cán bộ; không đánh giá, xếp loại 02 cán bộ bị đình chỉ sinh "
        "hoạt đảng."]
    assert all(percent == "" for _, _, percent in rows(g))


def test_percentages_reach_100_or_0_only_when_exact():
    from sitegen import vi
    assert [vi.percent(*pair) for pair in ((2999, 3000), (1, 3000), (3000, 3000), (0, 3000), (7, 8))] == [
        "99,97%", "0,03%", "100%", "0%", "87,5%"]
    g = CountGroup("members", 3000, NotRated(), (1, 2998, 1, 0))
    assert "2.999/3.000 đảng viên (đạt 99,97%)" in narrative.group_sentences(g)[1]


def meeting(regime, status, level, honors=(), score=None, votes=Votes(27, 28), period="year"):
    results = Results(status, UnitRating(level, votes, score, honors), ())
    return Meeting(2025 if regime == "366" else 2023, dt.datetime(2025, 12, 20), period, regime,
                   attendance=Attendance(30, 28), results=results)


def test_unit_sentence_status_vote_score_and_honours():
    unit = Unit("chi-bo-a", "Chi bộ A", "chi_bo")
    assert narrative.unit_sentence(meeting("124", "proposed", "tot"), unit) == (
        "Hội nghị đề nghị xếp loại chất lượng năm 2023 của Chi bộ A: Hoàn thành tốt nhiệm vụ; 27/28 "
        "đồng chí biểu quyết tán thành (96,4%).")
    # An honour is a title given to a unit rated xuất sắc, said after its level.
    assert narrative.unit_sentence(meeting("124", "approved", "xuat_sac", ("tieu_bieu",)), unit) == (
        "Chi bộ A được cấp có thẩm quyền công nhận xếp loại chất lượng năm 2023: Hoàn thành xuất sắc nhiệm "
        "vụ, được công nhận danh hiệu “Trong sạch vững mạnh tiêu biểu”; 27/28 đồng chí biểu quyết tán thành "
        "(96,4%).")
    assert narrative.unit_sentence(meeting("366", "proposed", "xuat_sac", ("tieu_bieu",), 92.5, None), unit) == (
        "Hội nghị đề nghị xếp loại chất lượng năm 2025 của Chi bộ A: Hoàn thành xuất sắc nhiệm vụ, đề nghị "
        "công nhận danh hiệu “Hoàn thành xuất sắc nhiệm vụ tiêu biểu”, với 92,5 điểm.")
    assert narrative.unit_sentence(meeting("124", "proposed", "tot", score=85), unit).endswith(
        "Hoàn thành tốt nhiệm vụ, với 85 điểm; 27/28 đồng chí biểu quyết tán thành (96,4%).")
    assert narrative.attendance_sentence(meeting("124", "proposed", "tot")) == (
        "Hội nghị có 28/30 đảng viên tham dự (93,3%).")


def test_periods_are_named_as_reports_name_them():
    unit = Unit("chi-bo-a", "Chi bộ A", "chi_bo")
    assert "chất lượng quý I năm 2025 của Chi bộ A" in narrative.unit_sentence(
        meeting("366", "proposed", "tot", period="quarter:1"), unit)
    assert "chất lượng nhiệm kỳ 2020–2025 của Chi bộ A" in narrative.unit_sentence(
        meeting("366", "proposed", "tot", period="term:2020-2025"), unit)


def test_document_types_come_from_their_numbers_or_the_post(tmp_path):
    post = POST.replace("review_year: 2024", "review_year: 2024\nbasis:\n  - {number: 129-KH/HU}\n"
                        "  - {number: 05 HD/BTCHU}\n  - {number: 99-QĐ/TW}\n  - {number: 132-QĐ/TW, type: quy định}\n"
                        "  - {number: 90/2020/NĐ-CP}")
    site = write_site(tmp_path, {"content/posts/2024/hoi-nghi.md": post})
    assert run("build", "-s", site)[0] == 0
    html = (tmp_path / "output/2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/index.html").read_text(
        encoding="utf-8")
    # QĐ is Quyết định or Quy định: "Số …" unless the post says which (`type`).
    for shown in ("Kế hoạch số 129-KH/HU", "Hướng dẫn số 05-HD/BTCHU", "<li>Số 99-QĐ/TW</li>",
                  "Quy định số 132-QĐ/TW", "Nghị định số 90/2020/NĐ-CP"):
        assert shown in html, shown


def test_site_option_turns_two_digit_counts_off(tmp_path):
    site = write_site(tmp_path, {"site.yaml": "title: A\nbase_url: /\ntwo_digit_counts: false\n"})
    assert run("build", "-s", site)[0] == 0
    html = (tmp_path / "output/2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/index.html").read_text(encoding="utf-8")
    assert "trong đó có 4 đồng chí (13,3%) hoàn thành xuất sắc nhiệm vụ" in html


def test_drafts_are_built_only_when_asked(tmp_path):
    draft = POST.replace("date: 20/12/2024", "date: 21/12/2024\nslug: nhap\ndraft: true").replace(
        "chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam")
    site = write_site(tmp_path, {"content/posts/2024/nhap.md": draft})
    assert run("build", "-s", site)[0] == 0
    assert not (tmp_path / "output/2024/nhap").exists()
    results = (tmp_path / "output/ket-qua/2024/index.html").read_text(encoding="utf-8")
    assert "Tây Lâm</a>" not in results and "(1/2 đơn vị đã có bài; chưa có: Chi bộ thôn Tây Lâm)" in results
    assert run("build", "-s", site, "--drafts")[0] == 0
    assert (tmp_path / "output/2024/nhap/index.html").exists()


ONLY_TOT_OR_BETTER = """\
---
title: Đảng bộ xã An Khê tổng kết năm 2024
date: 25/12/2024
unit: dang-uy-xa-an-khe
review_year: 2024
results:
  unit: {level: tot}
  members:
    total: 2.755
    not_rated: {exempt: 262}
    Hoàn thành tốt nhiệm vụ trở lên: 2.184
    xuat_sac: 384
---
Năm 2024, Đảng bộ xã có 2.184/2.493 đảng viên hoàn thành tốt nhiệm vụ trở lên, trong đó có 384 xuất sắc.
"""


def test_a_post_that_gives_only_tot_or_better_states_nothing_more(tmp_path):
    """"2.184/2.493 đảng viên hoàn thành tốt nhiệm vụ trở lên, trong đó có 384 … xuất sắc"
    and no more: the page invents no split of the other 309, and no "không có ai"."""
    site = write_site(tmp_path, {"content/posts/2024/hoi-nghi.md": None, "content/posts/2024/xa.md": ONLY_TOT_OR_BETTER})
    code, out, err = run("build", "-s", site)
    assert code == 0 and " E" not in out, out + err
    html = (tmp_path / "output/2024/dang-bo-xa-an-khe-tong-ket-nam-2024/index.html").read_text(encoding="utf-8")
    assert ("Đề nghị xếp loại: 2.184/2.493 đảng viên (đạt 87,6%) hoàn thành tốt nhiệm vụ trở lên, trong đó có 384 "
            "đồng chí (15,4%) hoàn thành xuất sắc nhiệm vụ.</p>") in html
    assert "không hoàn thành nhiệm vụ (" not in html and "không có đồng chí nào" not in html
    assert ('<th scope="row">Hoàn thành nhiệm vụ</th><td class="num"></td><td class="num"></td>' in html)
    assert "Dưới mức hoàn thành tốt (không nêu chi tiết)</th><td class=\"num\">309</td>" in html
    csv_text = (tmp_path / "output/ket-qua/2024.csv").read_text(encoding="utf-8-sig")
    assert "Đảng ủy xã An Khê,Hoàn thành tốt nhiệm vụ,đề nghị,2755,2493,384,1800,,,2184," in csv_text


def test_tot_or_better_that_disagrees_is_one_problem(tmp_path):
    from sitekit import check_lines
    post = ONLY_TOT_OR_BETTER.replace("    xuat_sac: 384\n", "    xuat_sac: 384\n    tot: 1700\n")
    write_site(tmp_path, {"content/posts/2024/hoi-nghi.md": None, "content/posts/2024/xa.md": post})
    assert check_lines(tmp_path) == ["content/posts/2024/xa.md:11:38: E203 tot_or_better is 2184 but xuat_sac + tot "
                                     "is 2084; give one or the other, or make them agree"]
