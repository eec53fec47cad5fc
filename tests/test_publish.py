"""`sitegen export` (a post for a CMS editor) and `sitegen build --zip` (one archive)."""
import os
import shutil
import zipfile

import golden
from sitekit import run
from test_build import tree_hashes

POST = "content/posts/2025/thcs-kiem-diem-2025"


def example_site(tmp_path) -> str:
    site = str(tmp_path / "site")
    shutil.copytree(os.path.join(golden.ROOT, "content"), os.path.join(site, "content"))
    shutil.copy(os.path.join(golden.ROOT, "site.yaml"), site)
    return site


def test_export_is_a_self_contained_fragment_with_the_checked_numbers(tmp_path):
    site = example_site(tmp_path)
    code, out, err = run("export", POST, "-s", site)
    assert code == 0, err
    assert out.startswith("<!-- sitegen export: https://example.gov.vn/dang-uy-dong-lam-ha/2025/")
    assert "<h2" in out and "Chi bộ Trường THCS Đông Lâm Hạ" in out
    assert "21/23 đảng viên (đạt 91,3%) hoàn thành tốt nhiệm vụ trở lên" in out
    assert ">17,4%</td>" in out and "border-collapse:collapse" in out
    assert 'src="https://example.gov.vn/dang-uy-dong-lam-ha/anh/' in out and '-960.jpg" width="960"' in out
    for absent in ("<style", "<link", "<script", "<html", 'class="', "../"):
        assert absent not in out, absent
    # the same post by its URL, and by its file
    assert run("export", "2025/" + out.split("/2025/", 1)[1].split("/", 1)[0] + "/", "-s", site)[1] == out
    assert run("export", POST + "/index.md", "-s", site)[1] == out


def test_export_from_the_posts_own_folder_finds_the_site_and_the_file(tmp_path, monkeypatch):
    site = example_site(tmp_path)
    out = run("export", POST, "-s", site)[1]
    monkeypatch.chdir(os.path.join(site, *POST.split("/")))
    code, here, err = run("export", "index.md")
    assert code == 0 and here == out and "the site in " in err


def test_export_finds_a_post_as_a_clerk_names_it(tmp_path):
    site = example_site(tmp_path)
    out = run("export", POST, "-s", site)[1]
    # its file's name alone, or its title typed without marks
    assert run("export", "thcs-kiem-diem-2025", "-s", site)[1] == out
    assert run("export", "chi bo truong thcs dong lam ha hoan thanh xuat sac nhiem vu tieu bieu nam 2025",
               "-s", site)[1] == out
    # a title cut short or a year mistyped: not guessed, but the post is named
    code, said, err = run("export", "Chi bộ Trường THCS Đông Lâm Hạ hoàn thành xuất sắc", "-s", site)
    assert code == 1 and f'(did you mean {POST}/index.md: "Chi bộ Trường THCS Đông Lâm Hạ hoàn thành xuất sắc ' \
        'nhiệm vụ tiêu biểu năm 2025"?)' in said, said


def test_export_refuses_a_site_with_errors_and_an_unknown_post(tmp_path):
    site = example_site(tmp_path)
    code, out, err = run("export", "khong-co-bai-nay", "-s", site)
    assert code == 1 and "no post with this file, slug, URL or title; give the file" in out
    path = os.path.join(site, "content", "posts", "2025", "loi.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\ntitle: Lỗi\ndate: 40/12/2025\n---\n")
    code, out, err = run("export", POST, "-s", site)
    assert code == 1 and "E203" in out and "sitegen export:" not in out and "nothing was exported" in err


def test_export_to_a_file_never_overwrites_a_file_of_yours(tmp_path):
    site = example_site(tmp_path)
    target = tmp_path / "bai.html"
    assert run("export", POST, "-s", site, "--to", str(target))[0] == 0
    first = target.read_text(encoding="utf-8")
    assert run("export", POST, "-s", site, "--to", str(target))[0] == 0  # its own export: replaced
    assert target.read_text(encoding="utf-8") == first
    mine = tmp_path / "cua-toi.html"
    mine.write_text("<p>bản nháp của tôi</p>", encoding="utf-8")
    code, out, err = run("export", POST, "-s", site, "--to", str(mine))
    assert code == 2 and "was not exported by sitegen" in err
    assert mine.read_text(encoding="utf-8") == "<p>bản nháp của tôi</p>"


def test_build_zip_packs_exactly_the_site_and_is_reproducible(tmp_path):
    site = example_site(tmp_path)
    archive = str(tmp_path / "tin-dang.zip")
    assert run("build", "-s", site)[0] == 0
    output = os.path.join(site, "output")
    built = set(tree_hashes(output)) - {".sitegen-output.json"}
    with open(os.path.join(output, "ghi-chu-rieng.txt"), "w") as f:  # someone's own file: not the site
        f.write("mật khẩu wifi")
    code, out, err = run("build", "-s", site, "--zip", archive)
    assert code == 0 and "packed" in err
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert "index.html" in names and not any(n.startswith(("output/", "/")) for n in names)
        assert sorted(names) == sorted(built)
        with open(os.path.join(output, "index.html"), "rb") as f:
            assert z.read("index.html") == f.read()
    with open(archive, "rb") as f:
        first = f.read()
    assert run("build", "-s", site, "--zip", archive)[0] == 0
    with open(archive, "rb") as f:
        assert f.read() == first  # same site, same bytes


def test_build_zip_refuses_places_it_must_not_write(tmp_path):
    site = example_site(tmp_path)
    mine = tmp_path / "bao-cao.zip"
    mine.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an (empty) archive that is not ours
    for bad, why in ((os.path.join(site, "output", "x.zip"), "inside output/"),
                     (os.path.join(site, "content", "x.zip"), "inside content/"),
                     (str(mine), "not an archive made by sitegen"),
                     (str(tmp_path), "is a folder")):
        code, out, err = run("build", "-s", site, "--zip", bad)
        assert code == 2 and why in err, (bad, err)
    assert mine.read_bytes().startswith(b"PK\x05\x06")
