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
        "Đảng viên: tổng số 2.755 đồng chí, trong đó 262 đồng chí chưa đánh giá, xếp loại (200 đồng chí "
        "miễn công tác và sinh hoạt đảng; 03 đồng chí đình chỉ sinh hoạt đảng; 47 đồng chí mới kết nạp "
        "chưa đủ 6 tháng; 12 đồng chí chưa đánh giá vì lý do khác (đi học, công tác dài ngày)).",
        "Trong 2.493 đồng chí được đánh giá, xếp loại: 2.284/2.493 đồng chí hoàn thành tốt nhiệm vụ trở "
        "lên (91,6%), trong đó 384 đồng chí hoàn thành xuất sắc nhiệm vụ (15,4%); 200 đồng chí hoàn thành "
        "nhiệm vụ (8%); 09 đồng chí không hoàn thành nhiệm vụ (0,4%).",
    ]
    assert rows(g) == [
        ("Hoàn thành xuất sắc nhiệm vụ", "384", "15,4%"),
        ("Hoàn thành tốt nhiệm vụ", "1.900", "76,2%"),
        ("Hoàn thành tốt nhiệm vụ trở lên", "2.284", "91,6%"),
        ("Hoàn thành nhiệm vụ", "200", "8%"),
        ("Không hoàn thành nhiệm vụ", "9", "0,4%"),
        ("Được đánh giá, xếp loại", "2.493", "100%"),
        ("Chưa đánh giá, xếp loại", "262", ""),
        ("Tổng số", "2.755", ""),
    ]


def test_small_chi_bo_two_digit_counts():
    g = CountGroup("members", 8, NotRated(), (1, 6, 1, 0))
    assert narrative.group_sentences(g) == [
        "Đảng viên: tổng số 08 đồng chí.",
        "Trong 08 đồng chí được đánh giá, xếp loại: 07/08 đồng chí hoàn thành tốt nhiệm vụ trở lên "
        "(87,5%), trong đó 01 đồng chí hoàn thành xuất sắc nhiệm vụ (12,5%); 01 đồng chí hoàn thành "
        "nhiệm vụ (12,5%); không có đồng chí nào không hoàn thành nhiệm vụ.",
    ]
    assert narrative.group_sentences(g, two=False)[1].startswith("Trong 8 đồng chí được đánh giá, xếp loại: 7/8 ")


def test_organisations_with_exemplary_and_nobody_xuat_sac():
    g = CountGroup("organizations", 12, NotRated(), (3, 8, 1, 0), tieu_bieu=1)
    assert narrative.group_sentences(g)[1] == (
        "Trong 12 tổ chức được đánh giá, xếp loại: 11/12 tổ chức hoàn thành tốt nhiệm vụ trở lên "
        "(91,7%), trong đó 03 tổ chức hoàn thành xuất sắc nhiệm vụ (25%), 01 tổ chức tiêu biểu; 01 tổ "
        "chức hoàn thành nhiệm vụ (8,3%); không có tổ chức nào không hoàn thành nhiệm vụ.")
    assert ("trong đó: tiêu biểu", "1", "8,3%") in rows(g)
    plain = CountGroup("leadership", 3, NotRated(), (0, 2, 0, 1))
    assert narrative.group_sentences(plain)[1] == (
        "Trong 03 tập thể được đánh giá, xếp loại: 02/03 tập thể hoàn thành tốt nhiệm vụ trở lên "
        "(66,7%); 01 tập thể không hoàn thành nhiệm vụ (33,3%).")


def test_everyone_not_rated_gives_no_percentages():
    g = CountGroup("leaders", 2, NotRated(suspended=2), (0, 0, 0, 0))
    assert narrative.group_sentences(g) == [
        "Cán bộ lãnh đạo, quản lý: tổng số 02 đồng chí, trong đó 02 đồng chí chưa đánh giá, xếp loại "
        "(02 đồng chí đình chỉ sinh hoạt đảng)."]
    assert all(percent == "" for _, _, percent in rows(g))


def meeting(regime, status, level, honors=(), score=None, votes=Votes(27, 28)):
    results = Results(status, UnitRating(level, votes, score, honors), ())
    return Meeting(2025 if regime == "366" else 2023, dt.datetime(2025, 12, 20), "year", regime,
                   attendance=Attendance(30, 28), results=results)


def test_unit_sentence_status_vote_score_and_labels():
    unit = Unit("chi-bo-a", "Chi bộ A", "chi_bo")
    assert narrative.unit_sentence(meeting("124", "proposed", "tot"), unit) == (
        "Hội nghị đề nghị xếp loại chất lượng năm 2023 của Chi bộ A: Hoàn thành tốt nhiệm vụ; 27/28 "
        "đồng chí biểu quyết tán thành (96,4%).")
    assert narrative.unit_sentence(meeting("124", "approved", "xuat_sac", ("tieu_bieu",)), unit) == (
        "Chi bộ A được cấp có thẩm quyền công nhận xếp loại chất lượng năm 2023: Trong sạch vững mạnh "
        "tiêu biểu; 27/28 đồng chí biểu quyết tán thành (96,4%).")
    assert narrative.unit_sentence(meeting("366", "approved", "xuat_sac", ("tieu_bieu",), 92.5, None), unit) == (
        "Chi bộ A được cấp có thẩm quyền công nhận xếp loại chất lượng năm 2025: Hoàn thành xuất sắc "
        "nhiệm vụ tiêu biểu, với 92,5 điểm.")
    assert narrative.attendance_sentence(meeting("124", "proposed", "tot")) == (
        "Hội nghị có 28/30 đảng viên tham dự (93,3%).")


def test_site_option_turns_two_digit_counts_off(tmp_path):
    site = write_site(tmp_path, {"site.yaml": "title: A\nbase_url: /\ntwo_digit_counts: false\n"})
    assert run("build", "-s", site)[0] == 0
    html = (tmp_path / "output/2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/index.html").read_text(encoding="utf-8")
    assert "trong đó 4 đồng chí hoàn thành xuất sắc nhiệm vụ (13,3%)" in html


def test_drafts_are_built_only_when_asked(tmp_path):
    draft = POST.replace("date: 20/12/2024", "date: 21/12/2024\nslug: nhap\ndraft: true").replace(
        "chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam")
    site = write_site(tmp_path, {"content/posts/2024/nhap.md": draft})
    assert run("build", "-s", site)[0] == 0
    assert not (tmp_path / "output/2024/nhap").exists()
    assert "Tây Lâm" not in (tmp_path / "output/ket-qua/2024/index.html").read_text(encoding="utf-8")
    assert run("build", "-s", site, "--drafts")[0] == 0
    assert (tmp_path / "output/2024/nhap/index.html").exists()
