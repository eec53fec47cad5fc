"""Nothing from the site folder runs: a cache planted in .sitegen-cache/ (a site handed
over on a USB stick, cache included) is ignored with a note, and its payload never runs."""
import os
import pickle
import shutil
import subprocess
import sys

import pytest

import golden

# Each cache, with the change after which a build reads it (the memo is read by every
# build, check's cache by every check).
CACHES = {"build.pickle": "body", "check.pickle": ""}


class _Payload:
    def __init__(self, mark: str):
        self.mark = mark

    def __reduce__(self):
        return (os.system, (f"touch '{self.mark}'",))


def _site(tmp_path) -> str:
    site = str(tmp_path / "site")
    for name in ("content", "layouts", "assets"):
        shutil.copytree(os.path.join(golden.ROOT, name), os.path.join(site, name))
    shutil.copy(os.path.join(golden.ROOT, "site.yaml"), site)
    return site


def _sitegen(*args):
    return subprocess.run([sys.executable, "-m", "sitegen", *args], capture_output=True, text=True)


@pytest.mark.parametrize("name", CACHES)
def test_a_planted_pickle_does_not_run(tmp_path, name):
    site = _site(tmp_path)
    assert _sitegen("build", "-s", site).returncode == 0  # every cache exists now
    mark = tmp_path / "da-chay"
    with open(os.path.join(site, ".sitegen-cache", name), "wb") as f:
        pickle.dump({"version": "x", "memo": _Payload(str(mark))}, f, protocol=5)
    if CACHES[name] == "body":
        post = os.path.join(site, "content", "posts", "2024", sorted(os.listdir(os.path.join(site, "content", "posts", "2024")))[0])
        with open(post, "a", encoding="utf-8") as f:
            f.write("\nThêm một câu.\n")
    elif CACHES[name] == "settings":
        with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
            f.write("# sửa\n")
    said = ""
    for command in ("check", "build"):
        done = _sitegen(command, "-s", site)
        assert done.returncode == 0, done.stderr
        assert not mark.exists(), command
        said += done.stderr
    assert f".sitegen-cache/{name} names posix.system, which sitegen never saves there" in said


def test_a_planted_cache_is_reported_and_the_build_is_right(tmp_path):
    site = _site(tmp_path)
    assert _sitegen("build", "-s", site).returncode == 0
    mark = tmp_path / "da-chay"
    with open(os.path.join(site, ".sitegen-cache", "build.pickle"), "wb") as f:
        pickle.dump(_Payload(str(mark)), f, protocol=5)
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("# sửa\n")  # a full build, which loads the memo
    done = _sitegen("build", "-s", site)
    assert done.returncode == 0 and not mark.exists()
    assert "build.pickle names posix.system, which sitegen never saves there" in done.stderr
    assert "nothing in it was run" in done.stderr
    assert golden.differences(os.path.join(site, "output")) == []


def test_a_damaged_cache_is_ignored_with_a_note(tmp_path):
    site = _site(tmp_path)
    assert _sitegen("build", "-s", site).returncode == 0
    with open(os.path.join(site, ".sitegen-cache", "build.pickle"), "wb") as f:
        f.write(b"\x80\x05khong phai pickle")
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("# sửa\n")
    done = _sitegen("build", "-s", site)
    assert done.returncode == 0 and "build.pickle is damaged" in done.stderr
    assert golden.differences(os.path.join(site, "output")) == []


def test_the_real_caches_load_through_the_safe_loader(tmp_path):
    """The safe loader must accept everything sitegen itself saves, or every rebuild
    would silently start from nothing: a second build with nothing changed writes
    nothing, and the saved memo and check's cache load back whole."""
    from sitegen.build import build
    from sitegen.cache import checkcache, memo as memo_mod
    site = _site(tmp_path)
    assert build(site).stats.written > 80
    assert build(site).stats.written == 0
    memo = memo_mod.load_memo(site)
    assert memo.sources and memo.written and memo.pages
    from sitegen.check.loading import read_config
    assert checkcache.load(site, read_config(site)[0].quota)["files"]


def test_a_cache_folder_that_is_a_link_leads_nothing_elsewhere(tmp_path):
    """A site copied with `.sitegen-cache/images` made a link to someone's photo folder:
    the build would prune every file there that it did not make."""
    site = _site(tmp_path)
    pictures = tmp_path / "Anh cua toi"
    pictures.mkdir()
    (pictures / "gia-dinh.jpg").write_bytes(b"anh quy")
    os.makedirs(os.path.join(site, ".sitegen-cache"))
    os.symlink(pictures, os.path.join(site, ".sitegen-cache", "images"))
    done = _sitegen("build", "-s", site)
    assert done.returncode == 0, done.stderr
    assert "images was a link to another place; sitegen removed the link" in done.stderr
    assert os.listdir(pictures) == ["gia-dinh.jpg"] and (pictures / "gia-dinh.jpg").read_bytes() == b"anh quy"
    assert os.path.isdir(os.path.join(site, ".sitegen-cache", "images"))
    assert not os.path.islink(os.path.join(site, ".sitegen-cache", "images"))


def test_a_forged_photo_index_publishes_nothing_from_elsewhere(tmp_path):
    import json
    site = _site(tmp_path)
    assert _sitegen("build", "-s", site).returncode == 0
    secret = tmp_path / "bi-mat-480.jpg"
    secret.write_bytes(b"khong duoc cong bo")
    index_path = os.path.join(site, ".sitegen-cache", "images", "index.json")
    with open(index_path, encoding="utf-8") as f:
        index = json.load(f)
    forged = os.path.relpath(str(tmp_path / "bi-mat"), os.path.join(site, ".sitegen-cache", "images"))
    for entry in index["sources"].values():
        entry[1] = forged
    index["photos"] = {forged: {"width": 480, "height": 360, "sizes": [[480, 360]]}}
    with open(index_path, "w", encoding="utf-8") as f:
        json.dump(index, f)
    with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("# sửa\n")
    assert _sitegen("build", "-s", site).returncode == 0
    for path in golden.tree(os.path.join(site, "output")).values():
        with open(path, "rb") as f:
            assert f.read() != b"khong duoc cong bo", path
    assert golden.differences(os.path.join(site, "output")) == []
