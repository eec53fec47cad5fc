"""Only the site's own files are read and published: links out of layouts/ and assets/
are refused like those in content/, and a folder that cannot be read stops the build
instead of quietly publishing a smaller site."""
import os

from sitekit import POST_PATH, check_lines, run, write_site


def test_links_out_of_assets_and_layouts_are_refused(tmp_path):
    secret = tmp_path / "hostname"
    secret.write_text("may-chu-noi-bo\n", encoding="utf-8")
    site = write_site(tmp_path / "site")
    os.makedirs(os.path.join(site, "assets", "anh"))
    os.makedirs(os.path.join(site, "layouts"))
    os.symlink(secret, os.path.join(site, "assets", "ten-may.txt"))
    os.symlink(tmp_path, os.path.join(site, "assets", "ca-thu-muc"))
    os.symlink(secret, os.path.join(site, "layouts", "post.html"))
    with open(os.path.join(site, "assets", "anh", "logo.svg"), "w") as f:
        f.write("<svg xmlns='http://www.w3.org/2000/svg'/>")
    os.symlink(os.path.join(site, "assets", "anh", "logo.svg"), os.path.join(site, "assets", "bieu-trung.svg"))
    lines = check_lines(site)
    assert "assets/ten-may.txt:1:1: E403 this is a link to a place outside assets/; copy the file itself into assets/" in lines
    assert any(line.startswith("assets/ca-thu-muc:1:1: E403") for line in lines)
    assert any(line.startswith("layouts/post.html:1:1: E403") for line in lines)
    assert not any("bieu-trung" in line for line in lines)  # a link inside assets/ is fine
    code, out, err = run("build", "-s", site)
    assert code == 1 and "nothing was written" in err
    assert not os.path.exists(os.path.join(site, "output"))


def test_a_posts_folder_that_cannot_be_read_stops_the_build(tmp_path, monkeypatch):
    site = write_site(tmp_path)
    assert run("build", "-s", site)[0] == 0
    before = sorted(os.listdir(tmp_path / "output"))
    locked = os.path.join(site, os.path.dirname(POST_PATH))
    real_scandir = os.scandir

    def scandir(path="."):  # what the system answers for a folder its user may not read
        if isinstance(path, str) and os.path.abspath(path) == os.path.abspath(locked):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("# đổi\n")  # something changed: a full build
    code, out, err = run("build", "-s", site)
    assert code == 1
    assert "content/posts/2024:1:1: E101 cannot read this folder (permission denied)" in out
    assert sorted(os.listdir(tmp_path / "output")) == before
    assert os.path.exists(tmp_path / "output" / "2024")
