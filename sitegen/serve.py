"""`sitegen serve`: build, serve on 127.0.0.1, rebuild on change, reload the browser.

The only module that imports livereload. The site is served as a small WSGI app so that
it sits under the path of `base_url`, as in production, and so that a failed build can
show its problems in the browser. livereload injects its script into every HTML page and
tells the connected browsers to reload after each rebuild.
"""
from __future__ import annotations

import errno
import html
import logging
import mimetypes
import os
import re
import sys
import time
from dataclasses import dataclass, field

from . import sitelock
from .build import build, load_memo
from .loading import read_config
from .manifest import stamp_of
from .problems import format_text, summary_line

SETTLE_SECONDS = 0.1    # a burst of saves (editors write several files) becomes one rebuild
POLL_SECONDS = 0.15     # how often the folders are looked at, on a small site
# What is watched; never output/ or the cache.
WATCHED = ("site.yaml", "content", "layouts", "assets")


@dataclass
class State:
    """What the server shows: the output folder, or the problems of the last build."""
    problems: list = field(default_factory=list)
    failed: bool = False
    refused: str = ""    # why output/ was not written (outputmark.py)


def base_path_of(base_url: str) -> str:
    path = re.sub(r"^https?://[^/]+", "", base_url or "/") or "/"
    return path if path.endswith("/") else path + "/"


def problem_page(problems, refused: str = "") -> bytes:
    rows = (f"<li>{html.escape(refused)}</li>" if refused else "") + "".join(f"<li><code>{html.escape(p.path)}:{p.line}:{p.column}</code> <strong>{p.code}</strong> "
                   f"{html.escape(p.message)}</li>" for p in problems)
    return (f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lỗi khi dựng trang – sitegen</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:1.5rem;color:#1d1d1f}}h1{{color:#9b1c1c;font-size:1.4rem}}
li{{margin:.4rem 0}}code{{background:#f4f4f5;padding:0 .25rem}}</style>
</head><body><h1>Trang chưa được dựng lại: có {len(problems) + bool(refused)} lỗi</h1>
<p>Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại. (The site was not rebuilt; fix these and save.)</p>
<ol class="problems">{rows}</ol></body></html>""").encode("utf-8")


def make_app(output: str, base_path: str, state: State):
    """A WSGI app serving `output` under `base_path`, never outside it."""
    root = os.path.realpath(output)

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        if state.failed and (path.endswith("/") or path.endswith(".html")):
            return _respond(start_response, "200 OK", problem_page(state.problems, state.refused), "text/html; charset=utf-8")
        if not path.startswith(base_path):
            if path in ("/", "") or base_path.startswith(path):
                start_response("302 Found", [("Location", base_path)])
                return [b""]
            return _not_found(start_response, root)
        rel = path[len(base_path):]
        target = os.path.realpath(os.path.join(root, *[p for p in rel.split("/") if p]))
        if target != root and not target.startswith(root + os.sep):
            return _not_found(start_response, root)
        if os.path.isdir(target):
            if not path.endswith("/"):
                start_response("301 Moved Permanently", [("Location", path + "/")])
                return [b""]
            target = os.path.join(target, "index.html")
        if not os.path.isfile(target):
            return _not_found(start_response, root)
        with open(target, "rb") as f:
            body = f.read()
        kind = mimetypes.guess_type(target)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/xml", "image/svg+xml"):
            kind += "; charset=utf-8"
        return _respond(start_response, "200 OK", body, kind)

    return app


def _respond(start_response, status: str, body: bytes, kind: str):
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [body]


def _not_found(start_response, root: str):
    page = os.path.join(root, "404.html")
    body = b"<!doctype html><title>404</title><p>Not found</p>"
    if os.path.isfile(page):
        with open(page, "rb") as f:
            body = f.read()
    return _respond(start_response, "404 Not Found", body, "text/html; charset=utf-8")


class Rebuilder:
    """Rebuilds once a burst of changes has settled, then tells browsers to reload."""

    def __init__(self, site: str, output: str, drafts: bool, state: State, say):
        self.site, self.output, self.drafts, self.state, self.say = site, output, drafts, state, say
        self.memo = load_memo(site)  # the last build's memo: the first build is a rebuild
        self.timer = None
        self.warned: set = set()

    def run(self) -> None:
        started = time.perf_counter()
        result = build(self.site, output=self.output, drafts=self.drafts, memo=self.memo)
        errors = [p for p in result.problems if p.is_error]
        self.state.problems = list(result.problems)
        self.state.failed = bool(errors) or bool(result.refused)
        self.state.refused = result.refused
        # Errors every time; a warning once, when it appears (not again on every save).
        fresh = [p for p in result.problems if p.is_error or p not in self.warned]
        self.warned = {p for p in result.problems if not p.is_error}
        if fresh:
            self.say(format_text(fresh).rstrip())
        took = time.perf_counter() - started
        if result.refused:
            self.say(f"sitegen: {result.refused}")
        elif errors:
            self.say(f"build failed ({summary_line(result.problems)}); the browser shows the problems")
        else:
            s = result.stats
            self.say(f"rebuilt in {took:.2f} s ({s.written} written, {s.removed} removed)")

    def changed(self) -> None:
        """Called by the watcher: wait for the burst to settle, then rebuild and reload."""
        from tornado import ioloop
        loop = ioloop.IOLoop.current()
        if self.timer is not None:
            loop.remove_timeout(self.timer)
        self.timer = loop.call_later(SETTLE_SECONDS, self._rebuild_and_reload)

    def _rebuild_and_reload(self) -> None:
        from livereload.handlers import LiveReloadHandler
        self.timer = None
        self.run()
        LiveReloadHandler.reload_waiters(path="*")


def snapshot(site: str) -> dict:
    """The stamp of every watched file: site.yaml, content/, layouts/, assets/. A
    folder that appears later (a first layouts/ file) is seen on the next look."""
    found = {}

    def walk(folder: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                walk(entry.path)
            else:
                try:
                    st = entry.stat()
                except OSError:
                    continue
                found[entry.path] = stamp_of(st)

    for name in WATCHED:
        path = os.path.join(site, name)
        if name.endswith(".yaml"):
            try:
                st = os.stat(path)
                found[path] = stamp_of(st)
            except OSError:
                pass
        else:
            walk(path)
    return found


def quick_watcher(site: str, on_change):
    """Looks every 0.15 s (or five times as long as a look takes, on a large site, so
    that polling stays under 20% of a core) instead of livereload's 0.8 s, by comparing
    a snapshot of file times and sizes. It never reports to livereload itself, whose own
    reload would race the rebuild; `on_change` rebuilds, then reloads the browsers."""
    from livereload.watcher import Watcher
    from tornado import ioloop

    class QuickWatcher(Watcher):
        def __init__(self):
            super().__init__()
            self.seen = snapshot(site)

        def examine(self):
            now = snapshot(site)
            if now != self.seen:
                self.seen = now
                on_change()
            return None, None

        def start(self, callback):
            def poll():
                started = time.perf_counter()
                callback()
                took = time.perf_counter() - started
                loop.call_later(max(POLL_SECONDS, 5 * took), poll)
            loop = ioloop.IOLoop.current()
            loop.call_later(POLL_SECONDS, poll)
            return True  # we poll: livereload must not start its own 0.8 s loop

    return QuickWatcher()


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM stop the event loop cleanly. Left to Python's default, Ctrl-C
    raises KeyboardInterrupt wherever the program happens to be, and one raised inside a
    weakref callback is printed and ignored: the server would keep running."""
    import asyncio
    import signal

    from tornado.ioloop import IOLoop

    def install() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, IOLoop.current().stop)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # Windows: Ctrl-C raises KeyboardInterrupt, caught by livereload

    IOLoop.current().add_callback(install)


def serve(site: str, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False, say=print) -> int:
    output = os.path.join(site, "output")
    try:
        with sitelock.site_lock(site, "serve"):
            # serve's builds keep their memo in memory: what .sitegen-cache remembers
            # of output/ no longer holds once it writes
            trusted = not sitelock.unverified(site)
            sitelock.distrust_output(site)
            return _serve(site, output, host, port, drafts, say, trusted)
    except sitelock.SiteBusy as e:
        say(f"sitegen: {e}")
        return 2


def _serve(site: str, output: str, host: str, port: int, drafts: bool, say, trusted: bool) -> int:
    from livereload import Server

    state = State()
    rebuilder = Rebuilder(site, output, drafts, state, say)
    if not trusted:  # an interrupted build changed output/ after the memo was saved
        rebuilder.memo.written = {}
    rebuilder.run()
    config = read_config(site)[0]  # the base path, even when the first build failed
    base_path = base_path_of(config.base_url if config else "/")

    server = Server(app=make_app(output, base_path, state), watcher=quick_watcher(site, rebuilder.changed))
    server.watch(os.path.join(site, "site.yaml"))  # a task, so livereload does not watch the cwd
    server._setup_logging = lambda: None  # livereload's INFO chatter; sitegen says what matters
    logging.getLogger("livereload").setLevel(logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    say(f"serving {site} at http://{host}:{port}{base_path}  (Ctrl-C stops)")
    _stop_on_signals()
    try:
        server.serve(host=host, port=port, debug=False, restart_delay=0)
    except OSError as e:
        if e.errno in (errno.EADDRINUSE, errno.EACCES):
            say(f"sitegen: port {port} on {host} is taken by another program; "
                f"choose another with --port, e.g. sitegen serve --port {port + 1}")
            return 2
        raise
    say("stopped")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(os.getcwd()))
