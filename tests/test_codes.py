"""One tiny broken site per problem code, with the exact line `sitegen check` must print."""
import datetime as dt

import pytest

from sitekit import (POST, POST_PATH, TCVN3_SAMPLE, UNITS_YAML, VNI_SAMPLE, check_lines,
                     post_with, to_cp1258, write_site)

P = POST_PATH
F = P + ":"
BODY = "Sáng 20/12, Chi bộ thôn Đông Lâm tổ chức hội nghị."
WITH_PHOTO = post_with("---\n\n", "photos:\n  - src: hoi-nghi.jpg\n    caption: Quang cảnh\n---\n\n")
PARENT_POST = """\
---
title: Đảng ủy xã An Khê tổng kết năm 2024
date: 25/12/2024
unit: dang-uy-xa-an-khe
review_year: 2024
results:
  unit: {level: tot}
  organizations:
    total: 2
    tot: 1
    hoan_thanh: 1
---
"""
# The chi bộ standing alone, a chi bộ cơ sở: the quota is checked on its own members.
UNITS_CO_SO = UNITS_YAML.replace("  kind: chi_bo\n  parent: dang-uy-xa-an-khe\n", "  kind: chi_bo_co_so\n", 1)
# A 2021 post (132-QĐ/TW, guided by 21-HD/BTCTW): the criteria of the unit's level apply.
Y2021 = (POST.replace("20/12/2024", "20/12/2021").replace("review_year: 2024", "review_year: 2021")
         .replace("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024", "title: Hội nghị năm 2021"))
TAY_LAM = (POST.replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam")
           .replace("date: 20/12/2024", "date: 19/12/2024\nslug: tay-lam"))

CASES = {
    "E101 Windows-1258": (
        {P: POST.replace(BODY, "").encode() + to_cp1258("Đảng bộ xã tổ chức hội nghị các chi bộ năm")},
        [F + "19:1: E101 the file is not valid UTF-8 (byte 0xD0 at line 19); it looks like Windows-1258, "
         "a legacy Vietnamese encoding; open it in an editor or Unikey's converter and save it as UTF-8"]),
    "E101 VNI": (
        {P: POST.encode() + VNI_SAMPLE * 3},
        [F + "19:1: E101 the file is not valid UTF-8 (byte 0xD1 at line 19); it looks like VNI, "
         "a legacy Vietnamese encoding; open it in an editor or Unikey's converter and save it as UTF-8"]),
    "E101 TCVN3": (
        {P: TCVN3_SAMPLE * 3 + POST.encode()},
        [F + "1:1: E101 the file is not valid UTF-8 (byte 0xA7 at line 1); it looks like TCVN3, "
         "a legacy Vietnamese encoding; open it in an editor or Unikey's converter and save it as UTF-8"]),
    "E101 unknown encoding": (
        {P: POST.encode() + b"\xff\xfe\x00abc"},
        [F + "1:1: E101 the file is binary, not UTF-8 text; only Markdown text files belong here"]),
    "E102": (
        {P: post_with("date: 20/12/2024", "date: [20/12/2024")},
        [F + "4:5: E102 YAML syntax error: a ',' or ']' is missing (the brackets [ ] that started "
         "at line 3, column 7)"]),
    "E102 unquoted colon": (
        {P: post_with("title: Hội nghị", "title: Chi bộ A: Hội nghị")},
        [F + "2:16: E102 YAML syntax error: a ': ' where no key can start; a value "
         "that contains ': ' must be put in quotes, e.g. title: \"Chi bộ A: Hội nghị\""]),
    "E102 typographic quotes": (
        {P: post_with("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024",
                      "title: “Chi bộ A: Hội nghị”")},
        [F + "2:17: E102 YAML syntax error: a ': ' where no key can start; the value is in the typographic "
         "quotes “ ”, which YAML does not take as quotes: write straight ones, e.g. title: \"Chi bộ A: Hội nghị\""]),
    "E102 quotes inside quotes": (
        {P: post_with("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024",
                      'title: "Chi bộ "Thôn Đông" họp"')},
        [F + "2:17: E102 YAML syntax error: a key was expected here (the keys that started at line 2, column 1); "
         "the quotes \" around the value end before `Thôn Đông\" họp\"`: inside the value write other quotes, "
         "e.g. title: \"Chi bộ “Thôn Đông” họp\""]),
    "E102 a dash for no one": (
        {P: post_with("    hoan_thanh: 3", "    hoan_thanh: -")},
        [F + "15:17: E102 YAML syntax error: a list item ('- ') where a value was expected; a '-' after a key's "
         "colon starts a list, which cannot stand there: to write no one, write 0; for a list, put each item on "
         "its own line below the key, starting with '- '"]),
    "E102 a value starting with *": (
        {P: post_with("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024", "title: *Hội nghị*")},
        [F + "2:10: E102 YAML syntax error: a name was expected after '*' (the alias that started at line 2, "
         "column 8); a value that starts with '*' is read as a reference to another value: put the value in "
         "quotes"]),
    "E103 missing": (
        {P: "Chỉ có nội dung, không có front matter.\n"},
        [F + "1:1: E103 front matter missing: the first line must be '---', followed by the YAML "
         "keys and a closing '---'"]),
    "E103 four dashes": (
        {P: "----" + POST[3:]},
        [F + "1:1: E103 front matter missing: the first line must be '---', followed by the YAML keys and a "
         "closing '---'; the first line is '----': write exactly three hyphens, ---"]),
    "E103 Word's long dash at the end": (
        {P: POST.replace("\n---\n", "\n—-\n", 1)},
        [F + "16:1: E103 front matter not closed: add a line holding only '---' after the last key; this line is "
         "'—-': the closing line holds exactly three hyphens, ---"]),
    "E103 empty lines first": (
        {P: "\n\n" + POST},
        [F + "1:1: E103 front matter missing: the first line must be '---', followed by the YAML keys and a "
         "closing '---'; the file starts with 2 empty lines: delete them, so that '---' (line 3) is the first"]),
    "E103 a heading first": (
        {P: "# Hội nghị chi bộ\n" + POST},
        [F + "1:1: E103 front matter missing: the first line must be '---', followed by the YAML keys and a "
         "closing '---'; '---' is at line 2, under '# Hội nghị chi bộ': move that below the closing '---', or "
         "make it the `title:`"]),
    "E103 not closed": (
        {P: "---\ntitle: Hội nghị\ndate: 20/12/2024\n\nNội dung\n"},
        [F + "1:1: E103 front matter not closed: add a line holding only '---' after the last key"]),
    "E201 title": (
        {P: post_with("title: Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2024\n", "")},
        [F + "2:1: E201 the key `title` is required; add a line such as `title: Hội nghị kiểm điểm năm 2024`"]),
    "E201 empty front matter": (
        {P: "---\n---\n\nChiều 20/12, chi bộ họp.\n"},
        [F + "2:1: E201 the key `date` is required; write it day first as 11/12/2023, 11-12-2023 or 11.12.2023, "
         "or as 2023-12-11, optionally followed by a time such as 08:30 or 14h00",
         F + "2:1: E201 the key `title` is required; add a line such as `title: Hội nghị kiểm điểm năm 2024`"]),
    "E201 unit": (
        {P: post_with("unit: chi-bo-thon-dong-lam\n", "")},
        [F + "6:1: E201 a meeting post needs `unit`: the id of the unit from content/units.yaml"]),
    "E201 total": (
        {P: post_with("    total: 30\n", "")},
        [F + "11:3: E201 results.members needs `total`: how many there are, those not rated included; its levels "
         "and those not rated add up to 30: if that is everyone, write `total: 30`"]),
    "E201 review_year": (
        {P: post_with("review_year: 2024\n", "")},
        [F + "6:1: E201 a meeting post needs `review_year`: the year being reviewed; a meeting on 20/12/2024 most "
         "likely reviews 2024: `review_year: 2024`"]),
    "E202": (
        {P: post_with("attendance:", "atendance:")},
        [F + "6:1: E202 unknown key `atendance` in front matter (did you mean `attendance`?); known keys: "
         "title, date, slug, unit, author, summary, tags, draft, cover, photos, extra, review_year, "
         "meeting_date, period, regime, basis, presiding, guests, attendance, results"]),
    "E202 Vietnamese key": (
        {P: post_with("title:", "tieu_de:")},  # and no second problem for the missing title
        [F + "2:1: E202 unknown key `tieu_de` in front matter (did you mean `title`?); known keys: "
         "title, date, slug, unit, author, summary, tags, draft, cover, photos, extra, review_year, meeting_date, "
         "period, regime, basis, presiding, guests, attendance, results"]),
    "E202 a key of another map": (  # the vote written beside the attendance
        {P: post_with("    votes: {agree: 28, of: 28}\n", "", post_with("attendance:", "votes: {agree: 28, of: 28}\nattendance:"))},
        [F + "6:1: E202 unknown key `votes` in front matter (`votes` belongs under `results.unit`: move the line "
         "there, indented below `unit:`); known keys: title, date, slug, unit, author, summary, tags, draft, cover, "
         "photos, extra, review_year, meeting_date, period, regime, basis, presiding, guests, attendance, results"]),
    "E203 negative count": (
        {P: post_with("hoan_thanh: 3", "hoan_thanh: -3")},
        [F + "15:17: E203 results.members.hoan_thanh is -3; it must be 0 or more"]),
    "E203 bad date": (
        {P: post_with("date: 20/12/2024", "date: 31/02/2024")},
        [F + "3:7: E203 date: '31/02/2024' is not a real date or time (month 2 of 2024 has no day 31); "
         "write it day first as 11/12/2023, 11-12-2023 or 11.12.2023, or as 2023-12-11, optionally followed "
         "by a time such as 08:30 or 14h00"]),
    "E203 unknown level": (
        {P: post_with("level: tot", "level: rất tốt")},  # no guess: the nearest id may be another level
        [F + "9:12: E203 level 'rất tốt' is not a level id; use one of xuat_sac, tot, hoan_thanh, "
         "khong_hoan_thanh"]),
    "E203 empty total": (
        {P: post_with("    total: 30\n", "    total:\n")},
        [F + "12:11: E203 results.members.total is empty; write how many there are"]),
    "E203 score": (
        {P: post_with("level: tot\n", "level: tot\n    score: 120\n")},
        [F + "10:12: E203 results.unit.score is 120; it must be from 0 to 100"]),
    "E204 unknown unit": (
        {P: post_with("unit: chi-bo-thon-dong-lam", "unit: chi-bo-thon-dong-lm")},
        [F + "4:7: E204 unit 'chi-bo-thon-dong-lm' is not in content/units.yaml (did you mean "
         "`chi-bo-thon-dong-lam`?); add it there or correct the id"]),
    "E204 parent cycle": (
        {"content/units.yaml": UNITS_YAML.replace("  kind: dang_bo\n", "  kind: dang_bo\n  parent: chi-bo-thon-tay-lam\n")},
        ["content/units.yaml:4:11: E204 parent cycle: dang-uy-xa-an-khe → chi-bo-thon-tay-lam → "
         "dang-uy-xa-an-khe; a unit cannot be inside itself, fix one of these parents"]),
    "E301": (
        {P: post_with("hoan_thanh: 3", "hoan_thanh: 0")},
        [F + "11:3: E301 results.members: the levels add up to 27 but 30 members are rated (30 total, "
         "0 not rated); make xuat_sac + tot + hoan_thanh + khong_hoan_thanh equal 30, or correct total "
         "or not_rated"]),
    "E301 with not rated": (
        {P: post_with("    total: 30\n", "    total: 32\n    not_rated: {exempt: 1, new: 2}\n")
         .replace("members: 30, present", "members: 32, present")},
        [F + "11:3: E301 results.members: the levels add up to 30 but 29 members are rated (32 total, "
         "3 not rated); make xuat_sac + tot + hoan_thanh + khong_hoan_thanh equal 29, or correct total "
         "or not_rated"]),
    "E302": (
        {P: post_with("present: 28}", "present: 31}")},
        [F + "6:36: E302 attendance.present is 31 but the unit has 30 members (attendance.members); "
         "present cannot exceed members"]),
    "E303": (
        {P: post_with("agree: 28, of: 28", "agree: 29, of: 28")},
        [F + "10:20: E303 votes.agree is 29 but only 28 voted (votes.of); agree cannot exceed of"]),
    "E304": (
        {P: post_with("    total: 30\n", "    total: 30\n    not_rated: {exempt: 20, new: 11}\n")},
        [F + "13:5: E304 results.members: 31 members are not rated but the total is 30; not_rated "
         "cannot exceed total"]),
    "E305": (
        {P: post_with("members: 30, present: 28", "members: 31, present: 28")},
        [F + "12:12: E305 results.members.total is 30 but attendance.members is 31; both count the "
         "unit's party members, make them equal"]),
    "E306": (
        {P: post_with("hoan_thanh: 3", "hoan_thanh: 3\n    tieu_bieu: 5")},
        [F + "16:16: E306 results.members: tieu_bieu is 5 but only 4 members are xuat_sac; the "
         "exemplary ones are counted among xuat_sac"]),
    "E307": (
        {P: POST.replace("2024", "2025").replace("level: tot\n", "level: tot\n    score: 65\n")},
        [F + "10:12: E307 score 65 allows at most hoan_thanh under 366-QĐ/TW, but the level is tot; "
         "correct the score or the level"]),
    "E401": (
        {"content/posts/2024/ban-sao.md": POST.replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam")},
        ["content/posts/2024/ban-sao.md:2:1: E401 2 posts would be written at "
         "/2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/ (this and "
         "content/posts/2024/hoi-nghi.md); give all but one another `slug`",
         F + "2:1: E401 2 posts would be written at /2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/ "
         "(this and content/posts/2024/ban-sao.md); give all but one another `slug`"]),
    "E401 page on a generated URL": (
        {"content/pages/ket-qua.md": "---\ntitle: Kết quả\nslug: ket-qua\n---\n"},
        ["content/pages/ket-qua.md:3:1: E401 the page would be written at /ket-qua/, but 'ket-qua' is "
         "used by the site's own pages; give it another `slug`"]),
    "E402 missing": (
        {P: WITH_PHOTO},
        [F + "17:10: E402 the image 'hoi-nghi.jpg' does not exist; the path is relative to the post's "
         "folder content/posts/2024/"]),
    "E402 not an image": (
        {P: WITH_PHOTO, "content/posts/2024/hoi-nghi.jpg": "không phải ảnh\n"},
        [F + "17:10: E402 the image 'hoi-nghi.jpg' is not a picture (JPEG, PNG, WebP or GIF) that can "
         "be read; the path is relative to the post's folder content/posts/2024/"]),
    "E403": (
        {P: post_with("---\n\n", "cover: ../../../site.yaml\nphotos:\n  - src: /etc/passwd\n---\n\n")},
        [F + "16:8: E403 the image path '../../../site.yaml' leads outside content/; put the photo "
         "beside the post (a post may be a folder with index.md and its photos)",
         F + "18:10: E403 the image path '/etc/passwd' is absolute; write it relative to the post's folder"]),
    "W501": (
        {P: post_with("xuat_sac: 4", "xuat_sac: 5").replace("hoan_thanh: 3", "hoan_thanh: 2"),
         "content/units.yaml": UNITS_CO_SO},
        [F + "13:5: W501 results.members: under 124-QĐ/TW, the members rated xuat_sac are at most 20% of those "
         "rated tot in each base organisation of the Party: 20% of 23 is 4, here there are 5"]),
    "W502": (
        {"content/posts/2024/dang-uy.md": PARENT_POST, "content/posts/2024/tay-lam.md": TAY_LAM},
        ["content/posts/2024/dang-uy.md:8:3: W502 results.organizations says tot 1, hoan_thanh 1 for "
         "2024, but the own posts of 2 of its 2 child units give tot 2 (chi-bo-thon-dong-lam, "
         "chi-bo-thon-tay-lam); hoan_thanh 0 (none); check these children's posts or the counts here"]),
    "W503": (
        {"content/posts/2024/ban-sao.md": post_with("date: 20/12/2024", "date: 21/12/2024\nslug: ban-sao")},
        ["content/posts/2024/ban-sao.md:6:1: W503 unit 'chi-bo-thon-dong-lam' has 2 meeting posts for review "
         "year 2024 (also content/posts/2024/hoi-nghi.md); keep one, or correct the unit or review_year",
         F + "5:1: W503 unit 'chi-bo-thon-dong-lam' has 2 meeting posts for review year 2024 (also "
         "content/posts/2024/ban-sao.md); keep one, or correct the unit or review_year"]),
    "W504": (
        {P: post_with("agree: 28, of: 28", "agree: 28, of: 29")},
        [F + "10:28: W504 votes.of is 29 but only 28 attended (attendance.present); check the vote or "
         "the attendance"]),
    "W505": (
        {P: post_with("date: 20/12/2024", "date: 20/05/2024")},
        [F + "3:7: W505 the meeting date 20/05/2024 is outside the review season of 2024 (01/07/2024 "
         "to 31/03/2025); check review_year, or give the meeting's own date as `meeting_date`"]),
    "W506": (
        {P: post_with("---\n\n", "basis:\n  - number: Kế hoạch của chi bộ\n    date: 01/11/2024\n---\n\n")},
        [F + "17:13: W506 document number 'Kế hoạch của chi bộ' is in neither shape: party documents "
         "are <number>-<type>/<issuer> (129-KH/HU), state ones <number>/<year>/<type-issuer> "
         "(90/2020/NĐ-CP) or <number>/<type-issuer> (12/KH-UBND)"]),
    "W511": (
        {P: post_with("level: tot", "level: xuat_sac", Y2021).replace("xuat_sac: 4\n    tot: 23\n    hoan_thanh: 3",
                                                                    "xuat_sac: 4\n    tot: 19\n    hoan_thanh: 6\n"
                                                                    "    khong_hoan_thanh: 1")},
        [F + "9:5: W511 under 21-HD/BTCTW (II.B, 1.3), a party cell rated xuat_sac has all its members at hoan_thanh "
         "or better, and at least 80% at tot or better: here 1 khong_hoan_thanh; 23/30 at tot or better"]),
    "W512": (
        {P: Y2021.replace("xuat_sac: 4\n    tot: 23\n    hoan_thanh: 3", "tot: 14\n    hoan_thanh: 16")},
        [F + "9:5: W512 under 21-HD/BTCTW (II.B, 1.3), a party cell rated tot has all its members at hoan_thanh "
         "or better, and at least 50% at tot or better: here 14/30 at tot or better"]),
    "W513": (
        {P: post_with("    total: 30", "    total: 30\n    outstanding: true")},
        [F + "13:5: W513 results.members.outstanding is true, but the higher quota for outstanding units exists "
         "only from 366-QĐ/TW (review year 2025 on); under 124-QĐ/TW the quota is 20%: remove it"]),
    "E308": (
        {P: post_with("    hoan_thanh: 3", "    hoan_thanh: 3\n    disciplined: 31")},
        [F + "16:18: E308 results.members: disciplined is 31 but the total is 30; count only those disciplined "
         "during the year who are still in the total (one expelled from the Party is no longer counted: say it "
         "in the text)"]),
    "W514": (
        {P: post_with("    tot: 23\n    hoan_thanh: 3",
                      "    tot: 22\n    hoan_thanh: 3\n    khong_hoan_thanh: 1\n    bị kỷ luật: 2")},
        [F + "17:5: W514 results.members: 2 disciplined during the year, but 1 rated khong_hoan_thanh; under "
         "124-QĐ/TW, a member disciplined during the year is rated khong_hoan_thanh (a violation already counted "
         "in last year's rating counts once: then say so in the text)"]),
    "W515": (
        {"content/posts/2026/dang-uy.md": PARENT_POST.replace("2024", "2025").replace("level: tot", "level: xuat_sac")
         .replace("    hoan_thanh: 1\n", "    hoan_thanh: 1\n    disciplined: 1\n")},
        ["content/posts/2026/dang-uy.md:7:10: W515 the unit is rated xuat_sac, but 1 of its organisations were "
         "disciplined during the year (results.organizations.disciplined); under 366-QĐ/TW (Điều 11), a collective "
         "rated xuat_sac has no subordinate unit disciplined"]),
    "W516": (
        {"content/posts/2024/dang-uy.md": PARENT_POST.replace("    hoan_thanh: 1\n",
                                                              "    hoan_thanh: 1\n    disciplined: 1\n")},
        ["content/posts/2024/dang-uy.md:7:10: W516 the unit is rated tot, but 1 of its 2 organisations were "
         "disciplined during the year, over 20%; under 124-QĐ/TW, a collective with over 20% of its subordinate "
         "units disciplined is rated khong_hoan_thanh"]),
    # Last year's guidance left in a post copied from it; the review's own regulation is fine.
    "W517": (
        {P: post_with("attendance:", "basis:\n  - Hướng dẫn số 21-HD/BTCTW ngày 18/10/2019\n"
                                     "  - Quy định số 124-QĐ/TW\nattendance:")},
        [F + "7:5: W517 basis cites 21-HD/BTCTW, the guidance of the review years 2018–2022, under 132-QĐ/TW, but "
         "this review of 2024 is held under 124-QĐ/TW: if it is a copy from another year's post, cite this year's "
         "documents; if the unit did follow 132-QĐ/TW, write `regime: 132`"]),
    # A year mistyped in a news post's date: the post would head every list for decades.
    "W518": (
        {"content/posts/2024/tin.md": "---\ntitle: Tin chi bộ\ndate: 20/12/2204\nunit: chi-bo-thon-dong-lam\n---\n"},
        ["content/posts/2024/tin.md:3:7: W518 the post is dated 20/12/2204, after today ("
         + f"{dt.date.today():%d/%m/%Y}" + "): until then it stands first in every list as the newest post; if "
         "the day, month or year is mistyped, correct `date`; a post to publish later can keep `draft: true` "
         "until that day"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_problem_line(tmp_path, name):
    files, expected = CASES[name]
    write_site(tmp_path, files)
    assert check_lines(tmp_path) == expected


def test_base_site_is_clean(tmp_path):
    write_site(tmp_path)
    assert check_lines(tmp_path) == []


def test_every_code_has_a_case():
    codes = {name.split()[0] for name in CASES}
    expected = {f"E{n}" for n in (101, 102, 103, 201, 202, 203, 204, 301, 302, 303, 304, 305, 306,
                                  307, 308, 401, 402, 403)} | {f"W50{n}" for n in (1, 2, 3, 4, 5, 6)} | {
                                  "W511", "W512", "W513", "W514", "W515", "W516", "W517", "W518"}
    assert codes == expected
