"""`sitegen serve` as a clerk uses it: a real server process, real edits, a real browser."""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from browser import chromium
from sitekit import POST_PATH, write_site

BASE = "/tin-dang/"  # the path of sitekit's base_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def wait_for(predicate, seconds: float = 15.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


@pytest.fixture
def server(tmp_path):
    site = write_site(tmp_path / "site")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root = f"http://127.0.0.1:{port}{BASE}"

    def up():
        try:
            return fetch(root)[0] == 200
        except OSError:
            return False
    try:
        wait_for(up, 30)
        yield site, root, proc
    finally:
        stop(proc)


def stop(proc) -> None:
    """Ctrl-C, as a clerk stops serve; killed if it does not stop."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.stdout.close()


POST_URL = "2024/hoi-nghi-kiem-diem-danh-gia-xep-loai-chat-luong-nam-2024/"


def edit(site, old, new, text=None):
    path = os.path.join(site, POST_PATH)
    with open(path, encoding="utf-8") as f:
        current = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text is not None else current.replace(old, new))


def test_edit_break_and_fix(server):
    site, root, proc = server
    status, page = fetch(root + POST_URL)
    assert status == 200 and "Sáng 20/12, Chi bộ thôn Đông Lâm tổ chức hội nghị." in page
    assert "livereload.js" in page
    edit(site, "tổ chức hội nghị.", "tổ chức hội nghị thường kỳ.")
    wait_for(lambda: "tổ chức hội nghị thường kỳ." in fetch(root + POST_URL)[1])
    edit(site, "hoan_thanh: 3", "hoan_thanh: 0")  # totals no longer add up
    page = wait_for(lambda: (lambda p: p if "The site was not rebuilt" in p else None)(fetch(root + POST_URL)[1]))
    assert "content/posts/2024/hoi-nghi.md:11:3</code> <strong>E301</strong> results.members: the levels add up to 27" in page
    assert "livereload.js" in page  # so the next good save reloads it
    assert proc.poll() is None      # the server keeps running
    edit(site, "hoan_thanh: 0", "hoan_thanh: 3")
    wait_for(lambda: "thường kỳ." in fetch(root + POST_URL)[1] and "The site was not rebuilt" not in fetch(root + POST_URL)[1])


def test_yaml_typo_and_template_error_are_shown(server):
    site, root, _ = server
    edit(site, "date: 20/12/2024", "date: [20/12/2024")
    wait_for(lambda: "<strong>E102</strong> YAML syntax error" in fetch(root)[1])
    edit(site, "date: [20/12/2024", "date: 20/12/2024")
    wait_for(lambda: "The site was not rebuilt" not in fetch(root)[1])
    os.makedirs(os.path.join(site, "layouts"), exist_ok=True)
    with open(os.path.join(site, "layouts", "index.html"), "w", encoding="utf-8") as f:
        f.write("{% extends 'base.html' %}{% block main %}{{ nothing.here }}{% endblock %}\n")
    wait_for(lambda: "layouts/index.html:1:1</code> <strong>E601" in fetch(root)[1])


def test_serves_nothing_outside_output(server):
    site, root, _ = server
    port = root.split(":")[2].split("/")[0]
    with socket.create_connection(("127.0.0.1", int(port)), timeout=5) as s:
        s.sendall(f"GET {BASE}../../site.yaml HTTP/1.0\r\n\r\n".encode())
        answer = s.recv(65536).decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 404") and "base_url" not in answer
    assert fetch(root + "../site.yaml")[0] == 404
    assert fetch(root.replace(BASE, "/")) [0] == 200  # the root redirects to the base path


def test_port_taken_and_ctrl_c(tmp_path):
    site = write_site(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert f"port {port} on 127.0.0.1 is taken by another program" in proc.stderr
    assert "Traceback" not in proc.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: _answers(port), 30)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "stopped" in out and "Traceback" not in out
    port = free_port()  # SIGTERM, as a service manager or a closed terminal sends, too
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: _answers(port), 30)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "stopped" in out
    leftovers = [n for _, _, names in os.walk(site) for n in names if n.endswith((".tmp", ".sitegen-tmp"))]
    assert leftovers == []


def test_serve_opens_the_editor_in_the_default_browser_when_asked(tmp_path):
    """`serve --open`: the clerk need not copy the address from the terminal."""
    site = write_site(tmp_path / "site")
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"  # stands for the default browser (webbrowser honours BROWSER)
    browser.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", site, "--port", str(port), "--open"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, BROWSER=f"{sys.executable} {browser} %s"))
    try:
        wait_for(opened.exists, 30)
        url = wait_for(lambda: opened.read_text(encoding="utf-8"))
        assert url == f"http://127.0.0.1:{port}/_soan-bai/"
        status, page = fetch(url)
        assert status == 200 and "Soạn bài" in page
    finally:
        stop(proc)


def _answers(port):
    try:
        return fetch(f"http://127.0.0.1:{port}{BASE}")[0] == 200
    except OSError:
        return False


def test_browser_reloads_after_an_edit(server):
    site, root, _ = server
    with chromium() as browser:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(root + POST_URL)
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=15000)
        page.evaluate("() => { window.__stillHere = true; }")
        edit(site, "tổ chức hội nghị.", "tổ chức hội nghị trực tuyến.")
        page.wait_for_function("() => document.body.innerText.includes('hội nghị trực tuyến')", timeout=20000)
        assert page.evaluate("() => window.__stillHere === undefined")  # a real reload happened
        assert errors == []


def listening_addresses(port: int) -> set:
    """Local addresses listening on `port`, from the kernel's own table (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if int(hex_port, 16) == port and state == "0A":  # LISTEN
                    found.add(address)
    return found


def test_serve_listens_on_this_computer_only_and_holds_the_site(server):
    site, root, proc = server
    port = int(root.split(":")[2].split("/")[0])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
    from sitekit import run
    code, out, err = run("build", "-s", site)  # serve is writing this site
    assert code == 2 and "`sitegen serve` (process" in err


def _raw(port: int, request: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(request.encode("latin-1"))
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except socket.timeout:
                break
            if not data:
                break
            chunks.append(data)
            if b"\r\n\r\n" in b"".join(chunks) and request.startswith(("HEAD", "GET /livereload ")):
                break
    return b"".join(chunks).decode("utf-8", "replace")


def test_every_request_gets_a_sane_answer(server):
    site, root, proc = server
    port = int(root.split(":")[2].split("/")[0])
    host = f"Host: 127.0.0.1:{port}\r\nConnection: close\r\n"
    for bad in (f"{BASE}%00", f"{BASE}a%00b/index.html", f"{BASE}%ff%fe", f"{BASE}%0d%0aX:%20y"):
        answer = _raw(port, f"GET {bad} HTTP/1.1\r\n{host}\r\n")
        assert answer.startswith("HTTP/1.1 400"), (bad, answer[:200])
    get = _raw(port, f"GET {BASE}{POST_URL} HTTP/1.1\r\n{host}\r\n")
    head = _raw(port, f"HEAD {BASE}{POST_URL} HTTP/1.1\r\n{host}\r\n")
    assert head.startswith("HTTP/1.1 200") and head.endswith("\r\n\r\n")  # headers, no body
    length = [line for line in head.split("\r\n") if line.lower().startswith("content-length:")]
    assert length and int(length[0].split(":")[1]) == len(get.split("\r\n\r\n", 1)[1].encode("utf-8"))
    assert _raw(port, f"POST {BASE} HTTP/1.1\r\n{host}Content-Length: 0\r\n\r\n").startswith("HTTP/1.1 405")
    assert _raw(port, f"GET /forcereload HTTP/1.1\r\n{host}\r\n").startswith("HTTP/1.1 404")
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=15)
    assert "Traceback" not in out and " 500 " not in out


def test_only_this_computers_own_pages_are_answered(server):
    site, root, _ = server
    port = int(root.split(":")[2].split("/")[0])
    for name in ("127.0.0.1", "localhost", "[::1]"):
        answer = _raw(port, f"GET {BASE} HTTP/1.1\r\nHost: {name}:{port}\r\nConnection: close\r\n\r\n")
        assert answer.startswith("HTTP/1.1 200"), name
    for name in ("attacker.example", "127.0.0.1.attacker.example", "tin-dang.vn"):  # DNS rebinding
        answer = _raw(port, f"GET {BASE} HTTP/1.1\r\nHost: {name}:{port}\r\nConnection: close\r\n\r\n")
        assert answer.startswith("HTTP/1.1 400") and "Sáng 20/12" not in answer, name
    upgrade = ("GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n")
    own = _raw(port, upgrade.format(port=port, origin=f"http://127.0.0.1:{port}"))
    assert own.startswith("HTTP/1.1 101")
    foreign = _raw(port, upgrade.format(port=port, origin="https://attacker.example"))
    assert foreign.startswith("HTTP/1.1 403")
