"""`sitegen report YEAR`: the year's results as a spreadsheet for the committee above,
opened with openpyxl and checked cell by cell."""
import os

import pytest
from openpyxl import Workbook, load_workbook

from sitekit import POST_PATH, run, write_site

UNITS = """\
- id: huyen-uy
  name: Huyện ủy Lam Giang
  kind: dang_bo_cap_tren
- id: dang-uy-xa-an-khe
  name: Đảng ủy xã An Khê
  kind: dang_bo
  parent: huyen-uy
- id: dang-bo-khoi
  name: Đảng bộ Khối Giáo dục
  kind: dang_bo
  parent: huyen-uy
- id: chi-bo-thon-dong-lam
  name: Chi bộ thôn Đông Lâm
  kind: chi_bo
  parent: dang-uy-xa-an-khe
- id: chi-bo-thon-tay-lam
  name: Chi bộ thôn Tây Lâm
  kind: chi_bo
  parent: dang-uy-xa-an-khe
- id: chi-bo-thon-nam
  name: Chi bộ thôn Nam
  kind: chi_bo
  parent: dang-uy-xa-an-khe
- id: chi-bo-truong-thcs
  name: Chi bộ Trường THCS
  kind: chi_bo
  parent: dang-bo-khoi
"""


def cell_post(unit: str, slug: str, xs: int, tot: int, ht: int, kht: int = 0, exempt: int = 0) -> str:
    total = xs + tot + ht + kht + exempt
    members = f"  members:\n    total: {total}\n"
    if exempt:
        members += f"    not_rated: {{exempt: {exempt}}}\n"
    members += f"    xuat_sac: {xs}\n    tot: {tot}\n    hoan_thanh: {ht}\n    khong_hoan_thanh: {kht}\n"
    return (f"---\ntitle: {slug}\ndate: 20/12/2024\nslug: {slug}\nunit: {unit}\nreview_year: 2024\n"
            f"results:\n  unit: {{level: tot}}\n{members}---\n")


def site_with_two_parents(tmp_path) -> str:
    """Đông Lâm and Tây Lâm under the đảng ủy xã (Nam has no post yet), THCS under the
    Khối, and the đảng ủy's own post, which counts all its members again."""
    return write_site(tmp_path / "site", {
        POST_PATH: None, "content/units.yaml": UNITS,
        "content/posts/2024/dong.md": cell_post("chi-bo-thon-dong-lam", "dong", 4, 20, 5, 1),
        "content/posts/2024/tay.md": cell_post("chi-bo-thon-tay-lam", "tay", 2, 10, 3, 0, exempt=2),
        "content/posts/2024/thcs.md": cell_post("chi-bo-truong-thcs", "thcs", 3, 15, 2),
        "content/posts/2024/xa.md": cell_post("dang-uy-xa-an-khe", "xa", 8, 40, 10, 1, exempt=3),
    })


def test_the_report_has_one_row_per_unit_and_a_subtotal_per_parent(tmp_path):
    site = site_with_two_parents(tmp_path)
    path = str(tmp_path / "bao-cao.xlsx")
    code, out, err = run("report", "-s", site, "2024", "--to", path)
    assert code == 0, out + err
    book = load_workbook(path)
    assert book.sheetnames == ["Đảng viên"]
    sheet = book["Đảng viên"]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    header = rows[0]
    assert header[:8] == ["Mã đơn vị", "Đơn vị", "Cấp trên", "Loại", "Xếp loại tập thể", "Tổng số",
                          "Được đánh giá, xếp loại", "Hoàn thành xuất sắc nhiệm vụ"]
    col = {name: header.index(name) for name in header}
    by_unit = {r[0] or r[1]: r for r in rows[1:]}
    # Grouped by parent, parents in Vietnamese order (Đảng bộ Khối, Đảng ủy xã, Huyện ủy).
    assert list(by_unit) == ["chi-bo-truong-thcs", "chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam",
                             "Cộng Đảng ủy xã An Khê", "dang-uy-xa-an-khe"]
    dong = by_unit["chi-bo-thon-dong-lam"]
    assert dong[col["Cấp trên"]] == "Đảng ủy xã An Khê" and dong[col["Loại"]] == "Chi bộ"
    assert (dong[col["Tổng số"]], dong[col["Được đánh giá, xếp loại"]]) == (30, 30)
    assert dong[col["Hoàn thành tốt nhiệm vụ trở lên"]] == 24
    assert dong[col["Tỷ lệ hoàn thành tốt nhiệm vụ trở lên"]] == pytest.approx(0.8)
    subtotal = by_unit["Cộng Đảng ủy xã An Khê"]  # Đông Lâm + Tây Lâm, not the đảng ủy's own row
    assert subtotal[col["Tổng số"]] == 30 + 17 and subtotal[col["Được đánh giá, xếp loại"]] == 30 + 15
    assert subtotal[col["Hoàn thành xuất sắc nhiệm vụ"]] == 6 and subtotal[col["Không hoàn thành nhiệm vụ"]] == 1
    assert subtotal[col["Không đánh giá: miễn công tác và sinh hoạt đảng"]] == 2
    assert "Cộng Đảng bộ Khối Giáo dục" not in by_unit  # one unit: no subtotal to make
    assert "chi-bo-thon-nam" not in by_unit  # no post for the year: no row
    own = by_unit["dang-uy-xa-an-khe"]
    assert own[col["Cấp trên"]] == "Huyện ủy Lam Giang" and own[col["Tổng số"]] == 62
    numbers = [c for c in sheet.iter_rows(min_row=3) for c in c if isinstance(c.value, (int, float))]
    assert numbers and all(isinstance(c.value, (int, float)) for c in numbers)  # numbers as numbers
    percent_cells = [c for c in sheet[3] if header[c.column - 1].startswith("Tỷ lệ") and c.value is not None]
    assert percent_cells and all(c.number_format == "0.0%" for c in percent_cells)


def test_columns_come_from_site_yaml(tmp_path):
    site = site_with_two_parents(tmp_path)
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("report: {columns: [unit, total, tot_or_better, tot_or_better_percent]}\n")
    path = str(tmp_path / "bao-cao.xlsx")
    assert run("report", "-s", site, "2024", "--to", path)[0] == 0
    header = [c.value for c in load_workbook(path)["Đảng viên"][2]]
    assert header == ["Đơn vị", "Tổng số", "Hoàn thành tốt nhiệm vụ trở lên", "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên"]
    write_site(tmp_path / "site", {"site.yaml": "title: X\nreport: {columns: [unit, ten_don_vi]}\n"}, base=False)
    code, out, err = run("check", "-s", site, "--lang", "en")
    assert "E203 'ten_don_vi' is not a column of the report" in out


def test_a_sheet_may_have_columns_of_its_own(tmp_path):
    site = site_with_two_parents(tmp_path)
    dong = cell_post("chi-bo-thon-dong-lam", "dong", 4, 20, 5, 1)
    write_site(tmp_path / "site", {
        "content/posts/2024/dong.md": dong[:-4] + "  leaders: {total: 3, xuat_sac: 1, tot: 2}\n---\n",
        "site.yaml": "title: X\nreport:\n  columns: [unit, total]\n  leaders: [id, unit, xuat_sac, xuat_sac_percent]\n"},
        base=False)
    path = str(tmp_path / "bao-cao.xlsx")
    code, out, err = run("report", "-s", site, "2024", "--to", path)
    assert code == 0, out + err
    book = load_workbook(path)
    assert [c.value for c in book["Đảng viên"][2]] == ["Đơn vị", "Tổng số"]
    leaders = [[c.value for c in row] for row in book["Cán bộ lãnh đạo, quản lý"].iter_rows(min_row=2)]
    assert leaders == [["Mã đơn vị", "Đơn vị", "Hoàn thành xuất sắc nhiệm vụ", "Tỷ lệ hoàn thành xuất sắc nhiệm vụ"],
                       ["chi-bo-thon-dong-lam", "Chi bộ thôn Đông Lâm", 1, pytest.approx(1 / 3)]]


def test_a_file_sitegen_did_not_make_is_never_replaced(tmp_path):
    site = site_with_two_parents(tmp_path)
    theirs = tmp_path / "bang-cua-toi.xlsx"
    book = Workbook()
    book.active["A1"] = "số liệu của văn phòng"
    book.save(theirs)
    before = theirs.read_bytes()
    code, out, err = run("report", "-s", site, "2024", "--to", str(theirs))
    assert code == 2 and "was not made by sitegen" in err and theirs.read_bytes() == before
    ours = tmp_path / "bao-cao.xlsx"
    assert run("report", "-s", site, "2024", "--to", str(ours))[0] == 0
    assert run("report", "-s", site, "2024", "--to", str(ours))[0] == 0  # its own: replaced
    # Opened in a spreadsheet, worked on and saved, it is the clerk's: the creator is kept, who saved it is not.
    book = load_workbook(ours)
    book["Đảng viên"]["A1"] = "Ghi chú của văn phòng"
    book.properties.lastModifiedBy = "Văn phòng Đảng ủy"
    book.save(ours)
    before = ours.read_bytes()
    code, out, err = run("report", "-s", site, "2024", "--to", str(ours))
    assert code == 2 and "has been edited and saved since" in err and ours.read_bytes() == before
    assert run("report", "-s", site, "2030", "--to", str(tmp_path / "x.xlsx"))[0] == 1


def test_a_level_not_given_is_an_empty_cell_and_so_is_its_subtotal(tmp_path):
    site = site_with_two_parents(tmp_path)
    only = ("---\ntitle: tay\ndate: 20/12/2024\nslug: tay\nunit: chi-bo-thon-tay-lam\nreview_year: 2024\n"
            "results:\n  unit: {level: tot}\n  members: {total: 15, tot_or_better: 12, xuat_sac: 2}\n---\n")
    write_site(tmp_path / "site", {"content/posts/2024/tay.md": only}, base=False)
    path = str(tmp_path / "bao-cao.xlsx")
    assert run("report", "-s", site, "2024", "--to", path)[0] == 0
    rows = list(load_workbook(path)["Đảng viên"].iter_rows(min_row=2, values_only=True))
    col = {name: i for i, name in enumerate(rows[0])}
    tay = next(r for r in rows if r[0] == "chi-bo-thon-tay-lam")
    assert tay[col["Hoàn thành tốt nhiệm vụ"]] == 10 and tay[col["Hoàn thành nhiệm vụ"]] is None
    subtotal = next(r for r in rows if r[1] == "Cộng Đảng ủy xã An Khê")
    assert subtotal[col["Hoàn thành nhiệm vụ"]] is None and subtotal[col["Hoàn thành xuất sắc nhiệm vụ"]] == 6


def test_those_disciplined_are_a_column_summed_only_when_every_unit_says(tmp_path):
    site = site_with_two_parents(tmp_path)
    path = str(tmp_path / "bao-cao.xlsx")

    def disciplined() -> dict:
        assert run("report", "-s", site, "2024", "--to", path)[0] == 0
        rows = list(load_workbook(path)["Đảng viên"].iter_rows(min_row=2, values_only=True))
        col = rows[0].index("Bị kỷ luật trong năm")
        return {r[0] or r[1]: r[col] for r in rows[1:]}

    dong = cell_post("chi-bo-thon-dong-lam", "dong", 4, 20, 5, 1).replace("    khong_hoan_thanh: 1\n",
                                                                          "    khong_hoan_thanh: 1\n    disciplined: 1\n")
    write_site(tmp_path / "site", {"content/posts/2024/dong.md": dong}, base=False)
    found = disciplined()
    assert (found["chi-bo-thon-dong-lam"], found["chi-bo-thon-tay-lam"]) == (1, None)
    assert found["Cộng Đảng ủy xã An Khê"] is None  # Tây Lâm does not say: no sum that reads as the whole
    tay = cell_post("chi-bo-thon-tay-lam", "tay", 2, 10, 3, 0, exempt=2).replace("    khong_hoan_thanh: 0\n",
                                                                                 "    khong_hoan_thanh: 0\n    bị kỷ luật: không\n")
    write_site(tmp_path / "site", {"content/posts/2024/tay.md": tay}, base=False)
    assert disciplined()["Cộng Đảng ủy xã An Khê"] == 1


def test_the_results_page_and_csv_sum_under_each_parent_only(tmp_path):
    site = site_with_two_parents(tmp_path)
    assert run("build", "-s", site)[0] == 0
    with open(os.path.join(site, "output", "ket-qua", "2024", "index.html"), encoding="utf-8") as f:
        html = f.read()
    subtotals = [line for line in html.split("<tr") if "Cộng " in line]
    assert len(subtotals) == 1 and "Cộng Đảng ủy xã An Khê" in subtotals[0]  # not the Khối's single unit
    cells = [c.split(">", 1)[1].split("<")[0] for c in subtotals[0].split('<td class="num"')[1:]]
    assert cells[:3] == ["47", "45", "6"]  # Đông Lâm + Tây Lâm: total, rated, xuất sắc
    # A unit with no post has no row; the committee reads its name among those still to post.
    assert "Trực thuộc <a" in html and "Chi bộ thôn Nam</a>" not in html
    assert "(2/3 đơn vị đã có bài; chưa có: Chi bộ thôn Nam)" in html
    # The list of years says how the units were rated each year, at a glance.
    with open(os.path.join(site, "output", "ket-qua", "index.html"), encoding="utf-8") as f:
        index = f.read()
    levels = html.split("<h2>Tập thể theo mức xếp loại</h2>", 1)[1].split("</ul>", 1)[0]
    shown = [(li.split(": ")[0], li.split(": ")[1].split(" ")[0]) for li in levels.split("<li>")[1:]]
    said = "; ".join(f"{label}: {n}" for label, n in shown if n != "0")
    assert f'2024</a> – 4 đơn vị ({said})</li>' in index, said
    with open(os.path.join(site, "output", "ket-qua", "2024.csv"), encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    assert lines[0].endswith(",Năm,Mã đơn vị,Cấp trên,Mã cấp trên,Loại,Nhóm,Bị kỷ luật trong năm")
    dong = next(line for line in lines if line.startswith("dong,") or ",chi-bo-thon-dong-lam," in line)
    assert dong.endswith(",2024,chi-bo-thon-dong-lam,Đảng ủy xã An Khê,dang-uy-xa-an-khe,chi_bo,Đảng viên,")


def _tables(html: str) -> dict:
    """caption -> rows of cell texts, for the tables of a page."""
    import re
    out = {}
    for table in re.findall(r"<table[^>]*>(.*?)</table>", html, re.S):
        caption = re.search(r"<caption>(.*?)</caption>", table, re.S)
        rows = [[" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]
        out[re.sub(r"<[^>]+>", "", caption.group(1)).strip() if caption else ""] = rows
    return out


def test_the_unit_page_of_a_dang_bo_gathers_its_units_posts(tmp_path):
    """Two of its three chi bộ have posted; the đảng ủy's own post counts all its members,
    its organisations and its leaders; each group is set beside the sum of its units."""
    site = site_with_two_parents(tmp_path)
    leaders = "  leaders: {total: %d, xuat_sac: 1, tot: %d}\n---\n"
    dong = cell_post("chi-bo-thon-dong-lam", "dong", 4, 20, 5, 1)
    tay = cell_post("chi-bo-thon-tay-lam", "tay", 2, 10, 3, 0, exempt=2)
    xa = cell_post("dang-uy-xa-an-khe", "xa", 8, 40, 10, 1, exempt=3)
    write_site(tmp_path / "site", {
        "content/posts/2024/dong.md": dong.replace("unit: {level: tot}", "unit: {level: xuat_sac, honors: [tieu_bieu]}")
        [:-4] + leaders % (3, 2),
        "content/posts/2024/tay.md": tay[:-4] + leaders % (2, 1),
        "content/posts/2024/xa.md": xa[:-4] + "  organizations: {total: 3, xuat_sac: 1, tot: 2}\n"
        + leaders % (9, 8)}, base=False)
    code, out, err = run("build", "-s", site)
    assert code == 0, out + err
    with open(os.path.join(site, "output", "don-vi", "dang-uy-xa-an-khe", "index.html"), encoding="utf-8") as f:
        html = f.read()
    text = " ".join(html.replace("<", " <").split())
    assert "2/3 đơn vị trực thuộc đã có bài đăng kết quả (chưa có: Chi bộ thôn Nam)" in text
    tables = _tables(html)
    units = tables["Đơn vị trực thuộc đã có bài, theo mức xếp loại của chính đơn vị, năm 2024"]
    assert units[0] == ["Nội dung"] + ["Cộng các đơn vị đã có bài", "Bài của Đảng ủy xã An Khê"]
    assert units[1] == ["Tổng số đơn vị", "2", "", "3", ""]
    assert units[3] == ["Hoàn thành xuất sắc nhiệm vụ", "1", "50%", "1", "33,3%"]
    assert units[4] == ["Hoàn thành tốt nhiệm vụ", "1", "50%", "2", "66,7%"]
    assert units[7] == ["Trong đó tiêu biểu", "1", "50%", "—", ""]
    members = tables["Đảng viên: 2 bài của đơn vị trực thuộc, năm 2024"]
    assert members[1] == ["Tổng số đảng viên", "47", "", "62", ""]
    assert members[2] == ["Được đánh giá, xếp loại", "45", "", "59", ""]
    assert members[3] == ["Hoàn thành xuất sắc nhiệm vụ", "6", "13,3%", "8", "13,6%"]
    assert members[6] == ["Không hoàn thành nhiệm vụ", "1", "2,2%", "1", "1,7%"]
    assert members[7] == ["Không đánh giá: được miễn công tác và sinh hoạt đảng", "2", "", "", ""]
    leaders_table = tables["Cán bộ lãnh đạo, quản lý: 2 bài của đơn vị trực thuộc, năm 2024"]
    assert leaders_table[1] == ["Tổng số cán bộ", "5", "", "9", ""]
    assert leaders_table[3] == ["Hoàn thành xuất sắc nhiệm vụ", "2", "40%", "1", "11,1%"]
    assert "Bài của chính Đảng ủy xã An Khê tính cả các đơn vị chưa có bài" in text
    with open(os.path.join(site, "output", "ket-qua", "2024", "index.html"), encoding="utf-8") as f:
        assert ("Đảng ủy xã An Khê</a> <span class=\"fine\">(2/3 đơn vị đã có bài; chưa có: Chi bộ thôn Nam)"
                "</span>") in f.read()


def test_the_other_groups_are_summed_under_each_parent_on_the_results_page(tmp_path):
    site = site_with_two_parents(tmp_path)
    leaders = "  leaders: {total: %d, xuat_sac: 1, tot: %d}\n---\n"
    files = {}
    for name, unit, n in (("dong", "chi-bo-thon-dong-lam", 3), ("tay", "chi-bo-thon-tay-lam", 2),
                          ("thcs", "chi-bo-truong-thcs", 4)):
        text = (tmp_path / "site" / "content" / "posts" / "2024" / f"{name}.md").read_text(encoding="utf-8")
        files[f"content/posts/2024/{name}.md"] = text[:-4] + leaders % (n, n - 1)
    write_site(tmp_path / "site", files, base=False)
    code, out, err = run("build", "-s", site)
    assert code == 0, out + err
    with open(os.path.join(site, "output", "ket-qua", "2024", "index.html"), encoding="utf-8") as f:
        html = f.read()
    table = _tables(html)["Cán bộ lãnh đạo, quản lý năm 2024, theo bài của từng đơn vị"]
    names = [row[0].replace(" (đề nghị)", "") for row in table]
    assert names.index("Trực thuộc Đảng bộ Khối Giáo dục") < names.index("Chi bộ Trường THCS")
    assert names.index("Trực thuộc Đảng ủy xã An Khê") < names.index("Chi bộ thôn Đông Lâm")
    subtotal = next(row for row in table if row[0].startswith("Cộng"))
    assert subtotal[:4] == ["Cộng Đảng ủy xã An Khê", "5", "5", "2 40%"]  # not THCS's 4
    assert sum(row[0].startswith("Cộng") for row in table) == 1


def test_a_unit_history_shows_streaks_honours_and_scores(tmp_path):
    years = {2023: "xuat_sac", 2024: "xuat_sac", 2025: "xuat_sac"}
    files = {POST_PATH: None, "content/units.yaml": UNITS}
    for year, level in years.items():
        files[f"content/posts/{year}/dong.md"] = (
            cell_post("chi-bo-thon-dong-lam", f"dong-{year}", 4, 20, 6).replace("2024", str(year))
            .replace("unit: {level: tot}", f"unit: {{level: {level}, honors: [tieu_bieu], score: 95}}"
                     if year == 2025 else f"unit: {{level: {level}}}"))
    site = write_site(tmp_path / "site", files)
    code, out, err = run("build", "-s", site)
    assert code == 0, out + err
    with open(os.path.join(site, "output", "don-vi", "chi-bo-thon-dong-lam", "index.html"), encoding="utf-8") as f:
        html = f.read()
    assert ("Hoàn thành xuất sắc nhiệm vụ <strong>(3 năm liền)</strong>; danh hiệu “Hoàn thành xuất sắc nhiệm vụ "
            "tiêu biểu”; 95 điểm") in html
    assert "Hoàn thành xuất sắc nhiệm vụ <strong>(2 năm liền)</strong> <span" in html
    assert html.count("năm liền") == 2  # 2023 starts the run


def test_the_organisation_is_rated_and_its_committee_is_what_units_are_under(tmp_path):
    units = UNITS.replace("  name: Đảng ủy xã An Khê\n", "  name: Đảng bộ xã An Khê\n  committee: Đảng ủy xã An Khê\n")
    site = site_with_two_parents(tmp_path)
    write_site(tmp_path / "site", {"content/units.yaml": units}, base=False)
    assert run("build", "-s", site)[0] == 0
    with open(os.path.join(site, "output", "ket-qua", "2024", "index.html"), encoding="utf-8") as f:
        html = f.read()
    assert "Trực thuộc <a href=\"../../don-vi/dang-uy-xa-an-khe/index.html\">Đảng ủy xã An Khê</a>" in html
    assert "Cộng Đảng bộ xã An Khê" in html
    with open(os.path.join(site, "output", "don-vi", "dang-uy-xa-an-khe", "index.html"), encoding="utf-8") as f:
        page = f.read()
    assert "<h1>Đảng bộ xã An Khê</h1>" in page and "Cấp ủy: Đảng ủy xã An Khê" in page


def test_a_year_without_published_results_names_the_years_that_have_them_and_its_drafts(tmp_path):
    from sitekit import POST, post_with
    draft = post_with("date: 20/12/2024", "date: 20/12/2025",
                      post_with("review_year: 2024", "review_year: 2025\ndraft: true", POST))
    site = write_site(tmp_path / "site", {"content/posts/2025/nhap.md": draft})
    path = str(tmp_path / "bao-cao.xlsx")
    code, out, err = run("report", "-s", site, "2025", "--to", path)
    assert code == 1 and not os.path.exists(path)
    assert "the years with results are 2024" in err
    assert "1 draft does (draft: true): remove that line to publish it" in err
    code, out, err = run("report", "-s", site, "2024", "--to", path)
    assert code == 0 and "for 1 unit to" in err


def test_the_unit_page_sums_those_disciplined_only_when_every_unit_says(tmp_path):
    site = site_with_two_parents(tmp_path)
    said = "    khong_hoan_thanh: {n}\n    disciplined: {d}\n"
    dong = cell_post("chi-bo-thon-dong-lam", "dong", 4, 20, 5, 1)
    tay = cell_post("chi-bo-thon-tay-lam", "tay", 2, 10, 3, 0, exempt=2)
    xa = cell_post("dang-uy-xa-an-khe", "xa", 8, 40, 10, 1, exempt=3)
    files = {"content/posts/2024/dong.md": dong.replace("    khong_hoan_thanh: 1\n", said.format(n=1, d=1)),
             "content/posts/2024/xa.md": xa.replace("    khong_hoan_thanh: 1\n", said.format(n=1, d=1))}

    def row() -> list:
        write_site(tmp_path / "site", files, base=False)
        code, out, err = run("build", "-s", site)
        assert code == 0, out + err
        with open(os.path.join(site, "output", "don-vi", "dang-uy-xa-an-khe", "index.html"), encoding="utf-8") as f:
            members = _tables(f.read())["Đảng viên: 2 bài của đơn vị trực thuộc, năm 2024"]
        return next(r for r in members if r[0] == "Bị thi hành kỷ luật trong năm")

    assert row() == ["Bị thi hành kỷ luật trong năm", "—", "", "1", ""]  # Tây Lâm does not say
    files["content/posts/2024/tay.md"] = tay.replace("    khong_hoan_thanh: 0\n", said.format(n=0, d=0))
    assert row() == ["Bị thi hành kỷ luật trong năm", "1", "", "1", ""]
    with open(os.path.join(site, "output", "don-vi", "chi-bo-thon-dong-lam", "index.html"), encoding="utf-8") as f:
        history = _tables(f.read())["Xếp loại của Chi bộ thôn Đông Lâm theo năm đánh giá"]
    assert history[0][-1] == "Bị kỷ luật" and history[1][-1] == "1"  # a column once some year says it
    with open(os.path.join(site, "output", "don-vi", "chi-bo-truong-thcs", "index.html"), encoding="utf-8") as f:
        assert "Bị kỷ luật" not in f.read()
