"""`sitegen deploy` to a folder, a real FTP server and a real SFTP server on loopback,
including a connection dropped halfway and a second run that completes it."""
import json
import os
import shutil

import pytest

import golden
from servers import FtpServer, SftpServer, self_signed
from sitegen.publish.deploy import MANIFEST
from sitegen.write.outputmark import MARK
from sitekit import run
from test_build import tree_hashes

PASSWORD = "Mk-bi-mat-2024!"


def example_site(tmp_path, deploy_yaml: str) -> str:
    site = str(tmp_path / "site")
    shutil.copytree(os.path.join(golden.ROOT, "content"), os.path.join(site, "content"))
    with open(os.path.join(golden.ROOT, "site.yaml"), encoding="utf-8") as f:
        settings = f.read()
    # The example site's address is an example one, which deploy refuses: a real-looking one.
    settings = settings.replace("https://example.gov.vn/", "https://dong-lam-ha.test/")
    with open(os.path.join(site, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(settings + deploy_yaml)
    return site


def remote_tree(folder: str) -> dict:
    """The site's files in a host's folder or in output/: without deploy's record on the
    host and the build's record of its files in output/, which are not published."""
    tree = tree_hashes(folder)
    return {rel: digest for rel, digest in tree.items() if not rel.endswith((MANIFEST, MARK))}


def edit_a_post(site: str) -> str:
    folder = os.path.join(site, "content", "posts", "2024")
    name = sorted(n for n in os.listdir(folder) if n.endswith(".md"))[0]
    with open(os.path.join(folder, name), "a", encoding="utf-8") as f:
        f.write("\nBổ sung: chi bộ đã gửi báo cáo lên Đảng ủy.\n")
    return name


def sent(err: str) -> list:
    return [line.split("] ", 1)[1] for line in err.splitlines() if line.startswith("[") and "] " in line]


def test_deploy_to_a_folder_sends_only_what_changed(tmp_path):
    host = tmp_path / "host"
    site = example_site(tmp_path, f"deploy:\n  o-dia: {host}\n")
    code, out, err = run("deploy", "-s", site)
    assert code == 0, err
    output = os.path.join(site, "output")
    assert remote_tree(str(host)) == remote_tree(output)
    first = sent(err)
    # pages go up after everything they show
    last_other = max(i for i, rel in enumerate(first) if not rel.endswith(".html"))
    first_page = min(i for i, rel in enumerate(first) if rel.endswith(".html"))
    assert last_other < first_page and first[-1] == "index.html"
    code, out, err = run("deploy", "-s", site)
    assert code == 0 and sent(err) == [] and "0 sent, 0 deleted" in err
    edit_a_post(site)
    code, out, err = run("deploy", "-s", site, "--dry-run")
    assert code == 0 and "nothing was changed" in err and any(line.startswith("  ~ ") for line in out.splitlines() + err.splitlines())
    assert remote_tree(str(host)) != remote_tree(output)
    code, out, err = run("deploy", "-s", site)
    assert code == 0 and 0 < len(sent(err)) < len(first) / 2
    assert remote_tree(str(host)) == remote_tree(output)
    # a post removed from the site is removed from the host, and no empty folder stays
    post = os.path.join(site, "content", "posts", "2022")
    victim = sorted(os.listdir(post))[0]
    os.remove(os.path.join(post, victim))
    code, out, err = run("deploy", "-s", site)
    assert code == 0 and "] delete " in err
    assert remote_tree(str(host)) == remote_tree(output)
    empty = [b for b, dirs, names in os.walk(host) if not dirs and not names]
    assert not empty


def test_a_broken_site_is_not_deployed(tmp_path):
    host = tmp_path / "host"
    site = example_site(tmp_path, f"deploy:\n  o-dia: {host}\n")
    path = os.path.join(site, "content", "posts", "2024")
    with open(os.path.join(path, "hong.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: [chưa đóng\n---\n")
    code, out, err = run("deploy", "-s", site)
    assert code == 1 and "E102" in out and "nothing was built or sent" in err
    assert not host.exists()


def test_a_password_in_site_yaml_is_refused(tmp_path):
    site = example_site(tmp_path, "deploy:\n  truong: ftp://tinhoc:matkhau123@127.0.0.1/public_html/\n")
    code, out, err = run("check", "-s", site)
    assert code == 2
    assert "E203 deploy target 'truong': the URL holds a password" in out
    assert "SITEGEN_DEPLOY_PASSWORD" in out


def test_ftp_deploy_survives_a_dropped_connection(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_DEPLOY_PASSWORD", PASSWORD)
    home = str(tmp_path / "ftp-home")
    with FtpServer(home, "tinhoc", PASSWORD, drop_after=25) as server:
        site = example_site(tmp_path, f"deploy:\n  truong: ftp://tinhoc@127.0.0.1:{server.port}/public_html/tin-dang/\n")
        code, out, err = run("deploy", "-s", site)
        assert code == 1 and "stopped" in err and "run the same command again" in err
        assert PASSWORD not in out + err
        partial = remote_tree(os.path.join(home, "public_html", "tin-dang"))
        assert 0 < len(partial) < len(remote_tree(os.path.join(site, "output")))
        server.drop_after = None
        code, out, err = run("deploy", "-s", site)
        assert code == 0, err
        assert PASSWORD not in out + err
        again = sent(err)
    output = remote_tree(os.path.join(site, "output"))
    assert remote_tree(os.path.join(home, "public_html", "tin-dang")) == output
    assert len(again) < len(output)  # what arrived before the drop was not sent again
    leftovers = [n for _, _, names in os.walk(home) for n in names if n.endswith(".sitegen-up")]
    assert not leftovers


def test_ftps_checks_the_certificate_and_sends_everything_over_tls(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_DEPLOY_PASSWORD", PASSWORD)
    certificate = self_signed(str(tmp_path))
    home = str(tmp_path / "ftps-home")
    with FtpServer(home, "tinhoc", PASSWORD, certificate=certificate) as server:
        site = example_site(tmp_path, f"deploy:\n  truong: ftps://tinhoc@127.0.0.1:{server.port}/tin-dang/\n")
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "khong-co.pem"))  # trusts nothing
        code, out, err = run("deploy", "-s", site)
        assert code == 1 and "the certificate of 127.0.0.1 cannot be trusted" in err, err
        assert not os.path.exists(os.path.join(home, "tin-dang"))
        monkeypatch.setenv("SSL_CERT_FILE", certificate)  # as if a real authority had signed it
        code, out, err = run("deploy", "-s", site)
        assert code == 0, err
        assert PASSWORD not in out + err
    assert remote_tree(os.path.join(home, "tin-dang")) == remote_tree(os.path.join(site, "output"))


def test_ftp_wrong_password_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_DEPLOY_PASSWORD", "sai-mat-khau")
    with FtpServer(str(tmp_path / "ftp-home"), "tinhoc", PASSWORD) as server:
        site = example_site(tmp_path, f"deploy:\n  truong: ftp://tinhoc@127.0.0.1:{server.port}/\n")
        code, out, err = run("deploy", "-s", site)
    assert code == 1 and "refused the login for 'tinhoc'" in err and "Traceback" not in err
    assert "sai-mat-khau" not in out + err


def test_sftp_deploy_pins_the_host_key_and_survives_a_drop(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # no known_hosts of the machine's user
    monkeypatch.setenv("MAT_KHAU_MAY_CHU", PASSWORD)
    home = str(tmp_path / "sftp-home")
    with SftpServer(home, "quantri", PASSWORD, drop_after=30) as server:
        target = f"sftp://quantri@127.0.0.1:{server.port}/var/www/tin-dang/"
        site = example_site(tmp_path, f"deploy:\n  may-chu:\n    url: {target}\n    password_env: MAT_KHAU_MAY_CHU\n")
        code, out, err = run("deploy", "-s", site)
        assert code == 1 and "is not known yet" in err and server.fingerprint in err
        assert not os.path.exists(os.path.join(home, "var"))
        with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
            f.write(f"    host_key: {server.fingerprint}\n")
        code, out, err = run("deploy", "-s", site)
        assert code == 1 and "stopped" in err, err
        server.drop_after = None
        code, out, err = run("deploy", "-s", site)
        assert code == 0, err
        assert PASSWORD not in out + err
    assert remote_tree(os.path.join(home, "var", "www", "tin-dang")) == remote_tree(os.path.join(site, "output"))
    with open(os.path.join(home, "var", "www", "tin-dang", MANIFEST), encoding="utf-8") as f:
        assert json.load(f)["generator"] == "sitegen"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1:1/", "sftp://ai@127.0.0.1:1/"])
def test_an_unreachable_host_is_one_clear_line(tmp_path, monkeypatch, url):
    monkeypatch.setenv("SITEGEN_DEPLOY_PASSWORD", PASSWORD)
    site = example_site(tmp_path, f"deploy:\n  truong: {url}\n")
    code, out, err = run("deploy", "-s", site)
    assert code == 1 and "cannot connect to 127.0.0.1:1" in err and "Traceback" not in err


FORGED = ["../victim/keep.txt", "/victim/keep.txt", "..\\victim\\keep.txt", "a/../../victim/keep.txt",
          "victim/\x00keep.txt", "C:/victim/keep.txt"]


@pytest.mark.parametrize("kind", ["folder", "ftp", "sftp"])
def test_a_forged_record_on_the_host_deletes_nothing_outside_the_target(tmp_path, monkeypatch, kind):
    """The host's .sitegen-deploy.json is anyone's to edit who can reach the host: its
    entries that leave the target are reported and never deleted, on every kind of target."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SITEGEN_DEPLOY_PASSWORD", PASSWORD)
    home = tmp_path / "host-root"
    target_dir = home / "www" / "tin-dang"
    victim = home / "www" / "victim" / "keep.txt"
    victim.parent.mkdir(parents=True)
    victim.write_text("của người khác", encoding="utf-8")
    target_dir.mkdir(parents=True)
    (target_dir / MANIFEST).write_text(json.dumps({"generator": "sitegen", "files": {
        rel: "0" * 64 for rel in FORGED}}), encoding="utf-8")

    def deploy_with(url_yaml):
        site = example_site(tmp_path, url_yaml)
        return run("deploy", "-s", site)

    if kind == "folder":
        code, out, err = deploy_with(f"deploy:\n  o-dia: {target_dir}\n")
    elif kind == "ftp":
        with FtpServer(str(home), "tinhoc", PASSWORD) as server:
            code, out, err = deploy_with(f"deploy:\n  truong: ftp://tinhoc@127.0.0.1:{server.port}/www/tin-dang/\n")
    else:
        with SftpServer(str(home), "quantri", PASSWORD) as server:
            code, out, err = deploy_with(f"deploy:\n  may-chu:\n    url: sftp://quantri@127.0.0.1:{server.port}/www/tin-dang/\n"
                                         f"    host_key: {server.fingerprint}\n")
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "của người khác"
    assert "'../victim/keep.txt', which is not a file inside the target; ignored" in err
    assert sum("which is not a file inside the target" in line for line in err.splitlines()) == len(FORGED)
    with open(target_dir / MANIFEST, encoding="utf-8") as f:
        assert not set(json.load(f)["files"]) & set(FORGED)  # dropped from the record
    assert remote_tree(str(target_dir)) == remote_tree(os.path.join(str(tmp_path / "site"), "output"))


def test_a_first_deploy_onto_the_owners_files_asks_before_replacing_them(tmp_path):
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text("trang chủ cũ của trường", encoding="utf-8")
    (host / "lien-he.txt").write_text("số điện thoại", encoding="utf-8")
    site = example_site(tmp_path, f"deploy:\n  o-dia: {host}\n")
    code, out, err = run("deploy", "-s", site, "--dry-run")
    assert code == 0 and "  ! index.html  (replaces a file sitegen did not send)" in err
    assert "1 of them would replace files on the host that sitegen did not send" in err
    code, out, err = run("deploy", "-s", site)  # no terminal to ask in: refused
    assert code == 1 and "already holds files of the same names that sitegen did not send (index.html)" in err and "--force" in err
    assert sorted(os.listdir(host)) == ["index.html", "lien-he.txt"]
    assert (host / "index.html").read_text(encoding="utf-8") == "trang chủ cũ của trường"
    code, out, err = run("deploy", "-s", site, "--force")
    assert code == 0, err
    assert (host / "index.html").read_text(encoding="utf-8") != "trang chủ cũ của trường"
    assert (host / "lien-he.txt").read_text(encoding="utf-8") == "số điện thoại"  # not the site's: kept
    code, out, err = run("deploy", "-s", site)  # from now on index.html is sitegen's own
    assert code == 0, err
