"""`sitegen serve`: build, serve on 127.0.0.1, rebuild on change, reload the browser.

app.py says what is answered, and to whom; watching.py what tells that a file changed.
After each rebuild livereload's socket tells the connected browsers to reload.
"""
from __future__ import annotations

import errno
import logging
import os
import re
import sys
import threading
import time
import webbrowser
from dataclasses import dataclass, field

from sitegen.build import build
from sitegen.cache.memo import load_memo
from sitegen.check.loading import read_config
from sitegen.lang import _, decimal, number
from sitegen.problems import format_text, os_error_text, summary_line
from sitegen.serve.watching import watcher_for
from sitegen.write import sitelock


SETTLE_SECONDS = 0.05   # a burst of saves (an editor writes a file and renames it) becomes one rebuild


@dataclass
class State:
    """What the server shows: the output folder, or the problems of the last build."""
    problems: list = field(default_factory=list)
    failed: bool = False
    refused: str = ""    # why output/ was not written (outputmark.py)
    site: str = ""       # the site's folder: the error page shows the lines of its files


def base_path_of(base_url: str) -> str:
    path = re.sub(r"^https?://[^/]+", "", base_url or "/") or "/"
    return path if path.endswith("/") else path + "/"


class Rebuilder:
    """Rebuilds once a burst of changes has settled, then tells browsers to reload."""

    def __init__(self, site: str, output: str, drafts: bool, state: State, say):
        self.site, self.output, self.drafts, self.state, self.say = site, output, drafts, state, say
        self.memo = load_memo(site)  # the last build's memo: the first build is a rebuild
        self.timer = None
        self.warned: set = set()

    def run(self) -> None:
        started = time.perf_counter()
        try:
            result = build(self.site, output=self.output, drafts=self.drafts, memo=self.memo)
        except OSError as e:  # a full or read-only disk: said plainly, and serve keeps going
            self.state.failed, self.state.problems, self.state.refused = True, [], os_error_text(e)
            self.say("sitegen: " + os_error_text(e))
            return
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
            self.say("sitegen: " + result.refused)
        elif errors:
            self.say(_("build failed ({summary}); the browser shows the problems").format(
                summary=summary_line(result.problems)))
        else:
            s = result.stats
            self.say(_("rebuilt in {seconds} s ({written} written, {removed} removed)").format(
                seconds=decimal(took), written=number(s.written), removed=number(s.removed)))

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


def serve(site: str, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False, say=print,
          token: str | None = None, open_editor: bool = False) -> int:
    output = os.path.join(site, "output")
    try:
        with sitelock.site_lock(site, "serve"):
            # serve's builds keep their memo in memory: what .sitegen-cache remembers
            # of output/ no longer holds once it writes
            trusted = not sitelock.unverified(site)
            sitelock.distrust_output(site)
            return _serve(site, output, host, port, drafts, say, trusted, token, open_editor)
    except sitelock.SiteBusy as e:
        say(f"sitegen: {e}")
        return 2


def _serve(site: str, output: str, host: str, port: int, drafts: bool, say, trusted: bool,
           token: str | None, open_editor: bool) -> int:
    state = State(site=site)
    rebuilder = Rebuilder(site, output, drafts, state, say)
    if not trusted:  # an interrupted build changed output/ after the memo was saved
        rebuilder.memo.written = {}
    rebuilder.run()
    config = read_config(site)[0]  # the base path, even when the first build failed
    base_path = base_path_of(config.base_url if config else "/")

    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    from sitegen.editor.guard import new_token
    from sitegen.serve.app import application
    from sitegen.serve.editing import PREFIX, Editor
    from sitegen.serve.hosts import is_loopback

    watcher = watcher_for(site, rebuilder.changed)
    watcher.watch(os.path.join(site, "site.yaml"))  # a task, so livereload does not watch the cwd
    LiveReloadHandler.watcher = watcher
    logging.getLogger("livereload").setLevel(logging.WARNING)  # sitegen says what matters
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    try:
        editor = Editor(site, token or new_token(), remote=not is_loopback(host))
        application(output, base_path, state, host, port, editor).listen(port, address=host)
    except OSError as e:
        if e.errno in (errno.EADDRINUSE, errno.EACCES):
            say("sitegen: " + _("port {port} on {host} is taken by another program; "
                                "choose another with --port, e.g. sitegen serve --port {next}").format(
                port=port, host=host, next=port + 1))
            return 2
        raise
    say(_("serving {site} at {address}  (Ctrl-C stops)").format(
        site=site, address=f"http://{host}:{port}{base_path}"))
    editor_url = f"http://{host}:{port}{PREFIX}" + (f"?token={editor.token}" if editor.remote else "")
    say(_("write and edit posts at {address}").format(address=editor_url))
    if open_editor:  # the clerk who would otherwise copy the address from the terminal
        threading.Thread(target=webbrowser.open, args=(editor_url,), daemon=True).start()
    _stop_on_signals()
    LiveReloadHandler.start_tasks()
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:  # Windows: no signal handlers in the loop
        pass
    say(_("stopped"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(os.getcwd()))
