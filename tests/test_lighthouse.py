"""Lighthouse (mobile, its default) on the example site as a reader's phone loads it:
the home page, a post and a year's results keep 100 for performance, accessibility,
best practices and SEO. Lighthouse comes from tests/node_modules and drives Debian's
Chromium."""
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest

import golden

HERE = os.path.dirname(os.path.abspath(__file__))
LIGHTHOUSE = os.path.join(HERE, "node_modules", ".bin", "lighthouse")
SUB = "/dang-uy-dong-lam-ha/"
PAGES = ["", "2025/chi-bo-truong-thcs-dong-lam-ha-hoan-thanh-xuat-sac-nhiem-vu-tieu-bieu-nam-2025/", "ket-qua/2025/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    www = tmp_path_factory.mktemp("lighthouse")
    golden.build_example(str(www / SUB.strip("/")))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB}", www
    server.shutdown()
    server.server_close()


def scores(url: str, folder) -> tuple[dict, list]:
    report = folder / "lighthouse.json"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=" + ",".join(CATEGORIES),
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env=dict(os.environ, CHROME_PATH=chromium), timeout=240,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with open(report, encoding="utf-8") as f:
        result = json.load(f)
    found = {name: result["categories"][name]["score"] for name in CATEGORIES}
    below = [f"{name}: {ref['id']} {result['audits'][ref['id']].get('displayValue', '')}"
             for name in CATEGORIES for ref in result["categories"][name]["auditRefs"]
             if ref.get("weight") and result["audits"][ref["id"]].get("score") not in (None, 1)]
    return found, below


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_keeps_100(served, page):
    assert os.path.isfile(LIGHTHOUSE), "Lighthouse is missing: run `sh tests/install.sh`"
    base, folder = served
    found, below = scores(base + page, folder)
    if found["performance"] < 1:  # timings on a busy machine: measured once more
        found, below = scores(base + page, folder)
    assert found == {name: 1 for name in CATEGORIES}, below
