"""Debian's Chromium driven by Playwright (installed by tests/install.sh; never downloaded)."""
import contextlib
import shutil

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Chromium is missing: run `sh tests/install.sh` (apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
