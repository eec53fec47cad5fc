"""Vietnamese formatting (section 9), document numbers (section 5), units (section 4)."""
import datetime as dt

import pytest

from sitegen import vi
from sitegen.read.docnumbers import canonical
from sitekit import POST_PATH, UNITS_YAML, check_lines, post_with, run, write_site
from test_forgiving import POST_PAGE, page_of


@pytest.mark.parametrize("part,whole,text", [
    (7, 8, "87,5%"), (30, 30, "100%"), (1, 3, "33,3%"), (384, 2493, "15,4%"), (2, 3, "66,7%"),
    (1, 8, "12,5%"), (1, 16, "6,3%"), (0, 5, "0%"), (2755, 2755, "100%"), (1, 2000, "0,1%"),
    (1, 2001, "0,05%"), (2000, 2001, "99,95%"),  # never 0% or 100% unless exact: one more decimal
])
def test_percent(part, whole, text):
    assert vi.percent(part, whole) == text


def test_numbers_and_counts():
    assert [vi.integer(n) for n in (0, 999, 1000, 2755, 1234567)] == ["0", "999", "1.000", "2.755", "1.234.567"]
    assert [vi.count(n) for n in (0, 5, 9, 10, 2755)] == ["00", "05", "09", "10", "2.755"]
    assert vi.count(5, two_digits=False) == "5"


def test_dates():
    assert vi.date_short(dt.date(2023, 12, 11)) == "11/12/2023"
    assert vi.date_long(dt.date(2023, 12, 11)) == "ngày 11 tháng 12 năm 2023"
    assert vi.date_long(dt.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
    assert vi.date_long(dt.date(2024, 3, 5)) == "ngày 05 tháng 3 năm 2024"


def test_slugs_and_folding():
    assert vi.slugify("Hội nghị kiểm điểm Đảng viên năm 2023") == "hoi-nghi-kiem-diem-dang-vien-nam-2023"
    assert vi.slugify("  Chi bộ — Trường THCS (Phước Lâm)!! ") == "chi-bo-truong-thcs-phuoc-lam"
    assert vi.fold("Đảng ủy Hòa Khánh") == "dang uy hoa khanh"
    assert vi.fold("hoà") == vi.fold("hòa") == "hoa"


def test_vietnamese_alphabetical_order():
    names = ["Ơn", "Ân", "Dung", "Đạt", "An", "Bình", "Ăn", "Ôn", "On", "Ưng", "Uyên", "Vân", "Hà", "Hạ", "Hà Nội"]
    assert vi.sort_vi(names) == ["An", "Ăn", "Ân", "Bình", "Dung", "Đạt", "Hà", "Hà Nội", "Hạ",
                                 "On", "Ôn", "Ơn", "Uyên", "Ưng", "Vân"]


@pytest.mark.parametrize("typed,shown,shape", [
    ("129-KH/HU", "129-KH/HU", "party"),
    ("09 KH/ĐU", "09-KH/ĐU", "party"),
    ("31 – HD/BTCTW", "31-HD/BTCTW", "party"),
    ("Số 05-HD/BTCHU", "05-HD/BTCHU", "party"),
    ("số: 102-CV/ĐU", "102-CV/ĐU", "party"),
    ("08-HD/ĐUK", "08-HD/ĐUK", "party"),
    ("124-QĐ/TW", "124-QĐ/TW", "party"),
    ("27-nq/tw", "27-NQ/TW", "party"),
    ("90/2020/NĐ-CP", "90/2020/NĐ-CP", "state"),
    ("12/KH-UBND", "12/KH-UBND", "state"),
    ("Kế hoạch của chi bộ", "Kế hoạch của chi bộ", "other"),
    ("12/2024", "12/2024", "other"),
])
def test_document_numbers(typed, shown, shape):
    assert canonical(typed) == (shown, shape)


MOVED = UNITS_YAML + """\
- id: dang-bo-khoi-giao-duc
  name: Đảng bộ Khối Giáo dục huyện
  kind: dang_bo
- id: chi-bo-thcs
  name: Chi bộ Trường THCS An Khê
  parent:
    - {id: dang-bo-khoi-giao-duc, until: 30/06/2025}
    - {id: dang-uy-xa-an-khe, from: 01/07/2025}
"""


def test_time_dependent_parent_is_accepted(tmp_path):
    write_site(tmp_path, {"content/units.yaml": MOVED})
    assert check_lines(tmp_path) == []
    from sitegen.read import sources
    from sitegen.read import units
    doc, _ = sources.read_yaml(str(tmp_path), "content/units.yaml")
    registry, _ = units.read_units(doc)
    unit = registry["chi-bo-thcs"]
    assert unit.parent_on(dt.date(2024, 12, 20)) == "dang-bo-khoi-giao-duc"
    assert unit.parent_on(dt.date(2025, 12, 20)) == "dang-uy-xa-an-khe"


def test_overlapping_parents(tmp_path):
    write_site(tmp_path, {"content/units.yaml": MOVED.replace("from: 01/07/2025", "from: 01/06/2025")})
    assert check_lines(tmp_path) == [
        "content/units.yaml:18:5: E203 the parent periods overlap: 'dang-bo-khoi-giao-duc' until "
        "30/06/2025 and 'dang-uy-xa-an-khe' from 01/06/2025; give the earlier one an `until` before "
        "the later `from`"]


def test_unknown_parent(tmp_path):
    write_site(tmp_path, {"content/units.yaml": MOVED.replace("id: dang-uy-xa-an-khe, from", "id: dang-uy-huyen, from")})
    assert check_lines(tmp_path) == [
        "content/units.yaml:19:12: E204 unit 'chi-bo-thcs' has the parent 'dang-uy-huyen', which is "
        "not in units.yaml"]


def test_cycle_only_after_a_move_is_found(tmp_path):
    cyclic = MOVED + """\
- id: chi-bo-a
  name: Chi bộ A
  parent:
    - {id: chi-bo-b, from: 01/01/2026}
- id: chi-bo-b
  name: Chi bộ B
  parent: chi-bo-a
"""
    write_site(tmp_path, {"content/units.yaml": cyclic})
    lines = check_lines(tmp_path)
    assert len(lines) == 1
    assert "E204 parent cycle from 01/01/2026: chi-bo-a → chi-bo-b → chi-bo-a" in lines[0]


def test_a_qd_number_is_a_quy_dinh_only_when_it_is_the_reviews_own_regulation(tmp_path):
    basis = ("basis:\n  - {number: 124-QĐ/TW, issuer: Bộ Chính trị}\n  - {number: 99-QĐ/TW, issuer: Ban Bí thư}\n"
             "  - {number: 366-QĐ/TW, issuer: Bộ Chính trị}\n")
    site = write_site(tmp_path, {POST_PATH: post_with("attendance:", basis + "attendance:")})  # a 2024 review
    code, out, err = run("build", "-s", site)
    assert code == 0 and [line.split(" ")[1] for line in out.splitlines()] == ["W517"], out + err  # 366 in 2024
    page = page_of(site, *POST_PAGE)
    assert "<li>Quy định số 124-QĐ/TW của Bộ Chính trị</li>" in page
    assert "<li>Số 99-QĐ/TW của Ban Bí thư</li>" in page  # Quyết định or Quy định: not guessed
    assert "<li>Số 366-QĐ/TW của Bộ Chính trị</li>" in page  # not the regulation of a 2024 review
