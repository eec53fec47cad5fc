#!/bin/sh
# Everything the tests need on a fresh Debian machine: sitegen with its test extras, and
# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
set -e
python3 -m pip install -e '.[test]'
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update
  apt-get install -y chromium
fi
# axe-core, the accessibility checker the browser tests inject into each page, and
# Lighthouse, which scores the example site's pages as a phone loads them.
(cd tests && npm install --no-audit --no-fund)
