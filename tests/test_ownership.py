"""sitegen replaces and removes only the files it wrote itself: an output folder that holds
anything else is refused before anything is touched, and files a person adds to a built
output/ stay where they are."""
import json
import os
import subprocess

from sitegen.write.outputmark import MARK
from sitekit import POST, POST_PATH, run, write_site
from test_build import tree_hashes


def _folder_of_documents(folder) -> dict:
    os.makedirs(folder / "ho-so", exist_ok=True)
    for i, name in enumerate(["bao-cao.docx", "index.html", "404.html", "ho-so/danh-sach.xlsx",
                              "style.css", "ghi-chu.txt", "feed.xml"]):
        (folder / name).write_bytes(f"tài liệu {i}".encode())
    return tree_hashes(folder)


def test_a_folder_of_someones_files_is_refused_and_left_intact(tmp_path):
    site = write_site(tmp_path / "site")
    docs = tmp_path / "Tai lieu"
    before = _folder_of_documents(docs)
    code, out, err = run("build", "-s", site, "--output", str(docs))
    assert code == 2
    assert "already holds files that sitegen did not write" in err and "bao-cao.docx" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert tree_hashes(docs) == before


def test_a_git_repository_survives_being_named_as_output(tmp_path):
    site = write_site(tmp_path / "site")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "ghi-chu.md").write_text("ghi chép\n", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=Nguyen Van Thu", "-c", "user.email=thu@example.vn"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "đầu tiên"], check=True)
    before = tree_hashes(repo)
    for target in (repo / ".git", repo):
        code, out, err = run("build", "-s", site, "--output", str(target))
        assert code == 2 and "did not write" in err, target
    assert tree_hashes(repo) == before
    log = subprocess.run(git + ["log", "--oneline"], capture_output=True, text=True, check=True)
    assert "đầu tiên" in log.stdout


def test_an_empty_or_new_folder_is_used_and_marked(tmp_path):
    site = write_site(tmp_path / "site")
    empty = tmp_path / "trong"
    empty.mkdir()
    for target in (empty, tmp_path / "moi" / "tin-dang"):
        code, out, err = run("build", "-s", site, "--output", str(target))
        assert code == 0, err
        with open(target / MARK, encoding="utf-8") as f:
            listed = json.load(f)["files"]
        assert sorted(listed) == sorted(set(tree_hashes(target)) - {MARK})
        assert run("build", "-s", site, "--output", str(target))[0] == 0  # its own mark: used again


def test_a_file_someone_adds_to_output_is_kept_and_not_published(tmp_path):
    site = write_site(tmp_path)
    assert run("build", "-s", site)[0] == 0
    mine = tmp_path / "output" / "lien-he-rieng.html"
    mine.write_text("của tôi", encoding="utf-8")
    # A change that removes pages: the post goes, and its pages with it; the added file stays.
    os.remove(os.path.join(site, POST_PATH))
    code, out, err = run("build", "-s", site)
    assert code == 0 and "removed" in err
    assert mine.read_text(encoding="utf-8") == "của tôi"
    assert not os.path.exists(tmp_path / "output" / "2024")


def test_a_file_of_someones_where_a_new_page_goes_is_not_overwritten(tmp_path):
    site = write_site(tmp_path)
    assert run("build", "-s", site)[0] == 0
    before = tree_hashes(tmp_path / "output")
    theirs = tmp_path / "output" / "2024" / "khac"
    theirs.mkdir()
    (theirs / "index.html").write_text("trang riêng", encoding="utf-8")
    before["2024/khac/index.html"] = tree_hashes(theirs)["index.html"]
    with open(os.path.join(site, "content", "posts", "2024", "khac.md"), "w", encoding="utf-8") as f:
        f.write(POST.replace("chi-bo-thon-dong-lam", "chi-bo-thon-tay-lam").replace(
            "date: 20/12/2024", "date: 19/12/2024\nslug: khac"))
    code, out, err = run("build", "-s", site)
    assert code == 2 and "2024/khac/index.html exists" in err
    assert tree_hashes(tmp_path / "output") == before  # nothing touched


def retitle(site: str, title: str) -> None:
    path = os.path.join(site, POST_PATH)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("title: ", f"title: {title} ", 1))


def test_a_forged_mark_removes_nothing_outside_output(tmp_path):
    """A site handed over on a USB stick with a planted output/: its mark names a file
    outside, or a folder that is a link to elsewhere. Neither is ever removed."""
    site = write_site(tmp_path / "site")
    outside = tmp_path / "victim"
    outside.mkdir()
    (outside / "keep.txt").write_text("quý", encoding="utf-8")
    output = tmp_path / "site" / "output"
    assert run("build", "-s", site)[0] == 0
    os.symlink(outside, output / "lien-ket")
    mark = json.loads((output / MARK).read_text(encoding="utf-8"))
    mark["files"].append("lien-ket/keep.txt")
    (output / MARK).write_text(json.dumps(mark), encoding="utf-8")
    retitle(site, "Hội nghị lần 2")  # a full build: the listed file is to be pruned
    code, out, err = run("build", "-s", site)
    assert code == 0, err
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "quý"
    mark["files"].append("../victim/keep.txt")
    (output / MARK).write_text(json.dumps(mark), encoding="utf-8")
    retitle(site, "Hội nghị lần 3")
    code, out, err = run("build", "-s", site)
    assert code == 2 and "damaged" in err
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "quý"


def test_a_page_is_never_written_through_a_link_in_output(tmp_path):
    site = write_site(tmp_path / "site")
    output = tmp_path / "site" / "output"
    assert run("build", "-s", site)[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.rename(output / "2024", tmp_path / "moved")
    os.symlink(elsewhere, output / "2024")
    retitle(site, "Sửa")
    code, out, err = run("build", "-s", site)
    assert code == 2 and "2024 is a link" in err
    assert os.listdir(elsewhere) == []
