"""The rules of the guidance (docs/rules.md), each with a passing and a broken tiny site,
and hypothesis agreeing with a plain restatement of each rule over random count groups."""
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit import POST, POST_PATH, UNITS_YAML, check_lines, post_with, run, write_site
from sitegen.check import guidance
from sitegen.read.model import CountGroup, NotRated, PostFacts, Quota, Rules, Unit

UNITS_CO_SO = UNITS_YAML.replace("  kind: chi_bo\n  parent: dang-uy-xa-an-khe\n", "  kind: chi_bo_co_so\n", 1)
Y2021 = (POST.replace("20/12/2024", "20/12/2021").replace("review_year: 2024", "review_year: 2021")
         .replace("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024", "title: Hội nghị năm 2021"))


def counts(xs, tot, ht, kht=0):
    return (Y2021.replace("xuat_sac: 4\n    tot: 23\n    hoan_thanh: 3",
                          f"xuat_sac: {xs}\n    tot: {tot}\n    hoan_thanh: {ht}\n    khong_hoan_thanh: {kht}")
            .replace("total: 30", f"total: {xs + tot + ht + kht}")
            .replace("attendance: {members: 30, present: 28}", f"attendance: {{members: {xs + tot + ht + kht}, "
                                                                f"present: {xs + tot + ht + kht}}}")
            .replace("agree: 28, of: 28", f"agree: {xs + tot + ht + kht}, of: {xs + tot + ht + kht}"))


# ---------------------------------------------------------------- W511, W512: 21-HD/BTCTW

def test_the_2021_chi_bo_of_the_report_is_warned(tmp_path):
    """Rated xuat_sac with 8 members: 1 xuất sắc, 5 tốt, 1 hoàn thành, 1 không hoàn thành."""
    write_site(tmp_path, {POST_PATH: post_with("level: tot", "level: xuat_sac", counts(1, 5, 1, 1))})
    assert check_lines(tmp_path) == [
        POST_PATH + ":9:5: W511 under 21-HD/BTCTW (II.B, 1.3), a party cell rated xuat_sac has all its members "
                    "at hoan_thanh or better, and at least 80% at tot or better: here 1 khong_hoan_thanh; "
                    "6/8 at tot or better"]


def test_a_chi_bo_that_meets_the_criteria_is_not_warned(tmp_path):
    write_site(tmp_path, {POST_PATH: post_with("level: tot", "level: xuat_sac", counts(1, 7, 2))})
    assert check_lines(tmp_path) == []  # 8/10 = 80%: at least 80%
    write_site(tmp_path, {POST_PATH: counts(0, 5, 5)})
    assert check_lines(tmp_path) == []  # rated tot: 5/10 = 50%


def test_the_criteria_are_those_of_21_hd_only(tmp_path):
    """2018 (16-HD: its clause was not found), 2023 on (124 and 366: none found)."""
    for year in ("2018", "2023", "2025"):
        post = post_with("level: tot", "level: xuat_sac", counts(1, 5, 1, 1)).replace("2021", year)
        write_site(tmp_path, {POST_PATH: post})
        assert [line for line in check_lines(tmp_path) if " W511 " in line] == [], year


def test_site_yaml_switches_a_rule_off_or_makes_it_stricter(tmp_path):
    post = post_with("level: tot", "level: xuat_sac", counts(1, 7, 2))  # 80% exactly
    write_site(tmp_path, {POST_PATH: post, "site.yaml": "title: X\nrules: {xuat_sac_unit: 90}\n"})
    (line,) = check_lines(tmp_path)
    assert " W511 " in line and "at least 90% at tot or better: here 8/10 at tot or better" in line
    write_site(tmp_path, {POST_PATH: counts(1, 5, 1, 1), "site.yaml": "title: X\nrules: {tot_unit: false}\n"})
    assert check_lines(tmp_path) == []


def dang_uy_2021(level: str, more: str = "") -> str:
    """The đảng ủy xã's own post for 2021, rated `level`."""
    return ("---\ntitle: Đảng ủy xã An Khê tổng kết năm 2021\ndate: 25/12/2021\nunit: dang-uy-xa-an-khe\n"
            f"review_year: 2021\nresults:\n  unit: {{level: {level}}}\n{more}---\n")


def test_a_dang_bo_is_checked_over_its_organisations(tmp_path):
    parent = dang_uy_2021("xuat_sac", "  organizations: {total: 10, xuat_sac: 2, tot: 5, hoan_thanh: 3}\n")
    write_site(tmp_path, {"content/posts/2021/dang-uy.md": parent})
    assert check_lines(tmp_path) == [
        "content/posts/2021/dang-uy.md:7:10: W511 under 21-HD/BTCTW (II.B, 1.3), a party committee with subordinate "
        "units rated xuat_sac has all its organisations at hoan_thanh or better, and at least 80% at tot or better: "
        "here 7/10 at tot or better"]


def test_a_dang_bo_without_counts_is_checked_against_its_units_posts(tmp_path):
    """The W502 machinery: the chi bộ's own posts for the year, named."""
    parent = dang_uy_2021("tot")
    tay_lam = (post_with("level: tot", "level: khong_hoan_thanh", Y2021)
               .replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam").replace("date: 20/12/2021",
                                                                              "date: 19/12/2021\nslug: tay-lam"))
    write_site(tmp_path, {"content/posts/2021/dang-uy.md": parent, POST_PATH: Y2021,
                          "content/posts/2021/tay-lam.md": tay_lam})
    lines = [line for line in check_lines(tmp_path) if "dang-uy.md" in line]
    assert lines == [
        "content/posts/2021/dang-uy.md:7:10: W512 under 21-HD/BTCTW (II.B, 1.3), a party committee with subordinate "
        "units rated tot has all its organisations at hoan_thanh or better, and at least 50% at tot or better: "
        "here the posts of chi-bo-thon-tay-lam say khong_hoan_thanh"]


GROUPS = st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 60), st.integers(0, 5))


def plain_criteria(level: str, xs: int, tot: int, ht: int, kht: int, percent: int) -> bool:
    """21-HD: rated `level`, 100% hoàn thành nhiệm vụ or better and at least `percent`%
    hoàn thành tốt nhiệm vụ or better, of those rated."""
    rated = xs + tot + ht + kht
    return kht == 0 and (rated == 0 or (xs + tot) / rated >= percent / 100)


@settings(max_examples=300, deadline=None)
@given(GROUPS, st.sampled_from(["xuat_sac", "tot", "hoan_thanh"]), st.integers(1, 100), st.integers(1, 100))
def test_the_criteria_agree_with_the_plain_rule(group, level, xs_percent, tot_percent):
    xs, tot, ht, kht = group
    members = CountGroup("members", xs + tot + ht + kht, NotRated(), (xs, tot, ht, kht))
    fact = PostFacts("content/posts/2021/a.md", "post", "2021/a/", "a", 2021, "year", dt.date(2021, 12, 20),
                     level, None, (), "132", members)
    units = {"a": Unit("a", "Chi bộ A", "chi_bo_co_so", ())}
    rules = Rules(quota=False, xuat_sac_unit=xs_percent, tot_unit=tot_percent)
    warned = guidance.problems_of([fact], units, Quota(), rules)
    percent = {"xuat_sac": xs_percent, "tot": tot_percent}.get(level)
    expected = percent is not None and not plain_criteria(level, xs, tot, ht, kht, percent)
    assert bool(warned) == expected


# ---------------------------------------------------------------- W501: where the guidance puts it

UNITS_LEVELS = """\
- id: huyen-uy
  name: Huyện ủy Lam Giang
  kind: dang_bo_cap_tren
- id: dang-uy-xa-an-khe
  name: Đảng ủy xã An Khê
  kind: dang_bo
  parent: huyen-uy
- id: chi-bo-thon-dong-lam
  name: Chi bộ thôn Đông Lâm
  kind: chi_bo
  parent: dang-uy-xa-an-khe
- id: chi-bo-thpt
  name: Chi bộ Trường THPT
  kind: chi_bo_co_so
  parent: huyen-uy
"""


def quota_post(unit: str, slug: str) -> str:
    return (post_with("xuat_sac: 4", "xuat_sac: 6").replace("tot: 23", "tot: 21")  # 6 > 20% of 21
            .replace("unit: chi-bo-thon-dong-lam", f"unit: {unit}").replace("date: 20/12/2024",
                                                                            f"date: 20/12/2024\nslug: {slug}")
            .replace("attendance: {members: 30, present: 28}\n", ""))


def test_the_quota_is_checked_on_a_tổ_chức_cơ_sở_đảng_only(tmp_path):
    write_site(tmp_path, {POST_PATH: None, "content/units.yaml": UNITS_LEVELS,
                          "content/posts/2024/xa.md": quota_post("dang-uy-xa-an-khe", "xa"),
                          "content/posts/2024/thon.md": quota_post("chi-bo-thon-dong-lam", "thon"),
                          "content/posts/2024/thpt.md": quota_post("chi-bo-thpt", "thpt"),
                          "content/posts/2024/huyen.md": quota_post("huyen-uy", "huyen")})
    lines = check_lines(tmp_path)
    assert [line.split(":")[0] for line in lines] == ["content/posts/2024/thpt.md", "content/posts/2024/xa.md"]
    assert lines[0] == ("content/posts/2024/thpt.md:13:5: W501 results.members: under 124-QĐ/TW, the members rated "
                        "xuat_sac are at most 20% of those rated tot in each base organisation of the Party: 20% of 21 "
                        "is 4, here there are 6")


def test_the_quota_says_the_rule_in_vietnamese_and_nothing_about_typing(tmp_path):
    write_site(tmp_path, {POST_PATH: post_with("xuat_sac: 4", "xuat_sac: 5").replace("tot: 23", "tot: 22"),
                          "content/units.yaml": UNITS_CO_SO})
    out = run("check", "-s", str(tmp_path), "--lang", "vi")[1]
    assert ("W501 results.members: theo 124-QĐ/TW, trong mỗi tổ chức cơ sở đảng, số đảng viên hoàn thành xuất sắc "
            "nhiệm vụ không vượt quá 20% số hoàn thành tốt nhiệm vụ (tot): 20% của 22 là 4, ở đây có 5") in out
    assert "kiểm tra lại" not in out and "xem lại số liệu" not in out


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 200), st.integers(0, 200), st.integers(1, 50), st.booleans(), st.booleans())
def test_the_quota_agrees_with_the_plain_rule(xs, tot, percent, or_better, outstanding):
    members = CountGroup("members", xs + tot, NotRated(), (xs, tot, 0, 0), None, outstanding)
    quota = Quota(percent, "tot_or_better" if or_better else "tot", 25)
    fact = PostFacts("content/posts/2025/a.md", "post", "2025/a/", "a", 2025, "year", dt.date(2025, 12, 20),
                     None, None, (), "366", members)
    units = {"a": Unit("a", "Chi bộ A", "chi_bo_co_so", ())}
    warned = guidance.problems_of([fact], units, quota, Rules())
    share = 25 if outstanding else percent
    base = tot + (xs if or_better else 0)
    assert bool(warned) == (xs * 100 > share * base)  # "không vượt quá": at most, whole people


# ---------------------------------------------------------------- who met; the smaller ones

def test_a_ban_chap_hanh_meeting_reporting_the_dang_bo_builds(tmp_path):
    bch = """\
---
title: Ban Chấp hành Đảng bộ xã đánh giá, xếp loại năm 2024
date: 22/12/2024
unit: dang-uy-xa-an-khe
review_year: 2024
attendance: {body: Ban Chấp hành, members: 15, present: 14}
results:
  unit: {level: tot, votes: {agree: 14, of: 14}}
  members: {total: 255, xuat_sac: 40, tot: 200, hoan_thanh: 15}
---
"""
    site = write_site(tmp_path, {"content/posts/2024/bch.md": bch})
    assert check_lines(site) == []
    code, out, err = run("build", "-s", site)
    assert code == 0, out + err
    with open(f"{site}/output/2024/ban-chap-hanh-dang-bo-xa-danh-gia-xep-loai-nam-2024/index.html",
              encoding="utf-8") as f:
        page = f.read()
    assert "Hội nghị có 14/15 đồng chí Ủy viên Ban Chấp hành tham dự (93,3%)." in page
    write_site(tmp_path, {"content/posts/2024/bch.md": bch.replace("body: Ban Chấp hành, ", "")})
    (line,) = check_lines(site)
    assert " E305 results.members.total is 255 but attendance.members is 15" in line  # the members met: compared


def test_an_unknown_body_names_the_ones_it_may_be(tmp_path):
    write_site(tmp_path, {POST_PATH: post_with("{members: 30,", "{body: hội đồng, members: 30,")})
    assert check_lines(tmp_path) == [POST_PATH + ":6:20: E203 attendance.body is 'hội đồng'; it names who met: one of "
                                                 "dang_vien, chi_uy, ban_chap_hanh, ban_thuong_vu"]


def test_a_score_before_366_is_kept_without_advice(tmp_path):
    write_site(tmp_path, {POST_PATH: post_with("level: tot\n", "level: tot\n    score: 85\n")})
    assert check_lines(tmp_path) == []


def test_outstanding_before_366_warns(tmp_path):
    write_site(tmp_path, {POST_PATH: post_with("    total: 30", "    total: 30\n    outstanding: true")})
    (line,) = check_lines(tmp_path)
    assert " W513 " in line and "exists only from 366-QĐ/TW" in line
    post = post_with("    total: 30", "    total: 30\n    outstanding: true").replace("2024", "2025")
    write_site(tmp_path, {POST_PATH: post})
    assert check_lines(tmp_path) == []
