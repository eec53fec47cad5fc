"""What `sitegen serve` answers, and to whom.

The site is served under the path of `base_url`, as on the real host; while the last
build failed, its pages show the problems instead. livereload's socket and script are
served beside it, and the reload script is put into every HTML page.

Only this computer's own pages may talk to it. A request whose Host is not a loopback
name, an address, or the --host given is refused (a page of another site that resolves
its own name to 127.0.0.1, "DNS rebinding", would otherwise read the preview), the
reload socket accepts only the served origin, and livereload's /forcereload, which any
page on the web could call, is not served at all.
"""
from __future__ import annotations

import html
import mimetypes
import os
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.websocket import WebSocketHandler

from sitegen import lang
from sitegen.lang import _, ngettext
from sitegen.serve import editing
from sitegen.serve.hosts import bound_to, host_allowed


_HEAD_END = b"</head>"


_PAGE_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;margin:1.5rem;color:#1d1d1f;max-width:60rem}"
    "h1{color:#9b1c1c;font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}"
    "li{margin:.6rem 0}code{background:#f4f4f5;padding:0 .25rem}"
    "pre{background:#f4f4f5;padding:.4rem .6rem;overflow-x:auto;margin:.3rem 0}"
    ".error strong{color:#9b1c1c}.warning strong{color:#8a5a00}")


def problem_page(problems, refused: str = "", site: str = "") -> bytes:
    """The page shown instead of the site while its last build failed: the errors (what
    stopped it) first, then the warnings, counted apart; each with its place, the line
    of the file with the spot marked, and what to do."""
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    count = len(errors) + bool(refused)
    counts = ngettext("{n} error", "{n} errors", count).format(n=count)
    if warnings:
        counts += ", " + ngettext("{n} warning", "{n} warnings", len(warnings)).format(n=len(warnings))
    heading = _("The site was not rebuilt: {counts}").format(counts=counts)
    advice = _("Fix the errors below and save the file; this page reloads by itself.")
    parts = [f"<h1>{html.escape(heading)}</h1>", f"<p>{html.escape(advice)}</p>"]
    if errors or refused:
        parts.append("<h2>" + html.escape(_("Errors")) + "</h2><ol class=\"problems errors\">")
        if refused:
            parts.append(f"<li class=\"error\">{html.escape(refused)}</li>")
        parts += [_problem_item(p, site) for p in errors]
        parts.append("</ol>")
    if warnings:
        parts.append("<h2>" + html.escape(_("Warnings")) + "</h2><p>"
                     + html.escape(_("Warnings do not stop the site; look at them when you can."))
                     + "</p><ol class=\"problems warnings\">")
        parts += [_problem_item(p, site) for p in warnings]
        parts.append("</ol>")
    title = html.escape(_("The site was not rebuilt"))
    return (f"<!doctype html>\n<html lang=\"{lang.current()}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{title} – sitegen</title><style>{_PAGE_STYLE}</style></head><body>"
            + "".join(parts) + "</body></html>").encode("utf-8")


def _problem_item(p, site: str) -> str:
    kind = "error" if p.is_error else "warning"
    excerpt = _excerpt(site, p.path, p.line, p.column) if site else ""
    return (f"<li class=\"{kind}\"><code>{html.escape(p.path)}:{p.line}:{p.column}</code> "
            f"<strong>{p.code}</strong> {html.escape(p.message)}{excerpt}</li>")


def _excerpt(site: str, rel: str, line: int, column: int) -> str:
    """The problem's line of the file, with a caret under its column ('' when the file
    cannot be read, or is not one of the site's files)."""
    path = os.path.realpath(os.path.join(site, *rel.split("/")))
    if not path.startswith(os.path.realpath(site) + os.sep) or not os.path.isfile(path):
        return ""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, text in enumerate(f, 1):
                if number == line:
                    break
            else:
                return ""
    except OSError:
        return ""
    text = text.rstrip("\r\n").expandtabs(4)
    if len(text) > 200:
        return ""
    caret = " " * max(0, min(column - 1, len(text))) + "^"
    return f"<pre>{line:>4} | {html.escape(text)}\n     | {caret}</pre>"


def answer(root: str, base_path: str, state, path: str) -> tuple:
    """(status, headers, body) for a GET of `path` (already %-decoded)."""
    if any(ord(c) < 32 or ord(c) == 127 for c in path) or "\ufffd" in path or not path.startswith("/"):
        return 400, [("Content-Type", "text/plain; charset=utf-8")], (_("Bad path") + "\n").encode()
    if state.failed and (path.endswith("/") or path.endswith(".html")):
        return 200, [("Content-Type", "text/html; charset=utf-8")], problem_page(state.problems, state.refused,
                                                                                 state.site)
    if not path.startswith(base_path):
        if path == "/" or base_path.startswith(path):
            return 302, [("Location", base_path)], b""
        return _not_found(root)
    rel = path[len(base_path):]
    target = os.path.realpath(os.path.join(root, *[p for p in rel.split("/") if p]))
    if target != root and not target.startswith(root + os.sep):
        return _not_found(root)
    if os.path.isdir(target):
        if not path.endswith("/"):
            return 301, [("Location", path + "/")], b""
        target = os.path.join(target, "index.html")
    if not os.path.isfile(target):
        return _not_found(root)
    with open(target, "rb") as f:
        body = f.read()
    kind = mimetypes.guess_type(target)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind in ("application/javascript", "application/xml", "image/svg+xml"):
        kind += "; charset=utf-8"
    return 200, [("Content-Type", kind)], body


def _not_found(root: str) -> tuple:
    page = os.path.join(root, "404.html")
    body = ("<!doctype html><meta charset=utf-8><title>404</title><p>" + html.escape(_("Not found"))
            + "</p>").encode()
    if os.path.isfile(page):
        with open(page, "rb") as f:
            body = f.read()
    return 404, [("Content-Type", "text/html; charset=utf-8")], body


class _OwnHost:
    """Refuses, before anything else, a request whose Host is not this server's own."""
    bound = "127.0.0.1"

    def prepare(self):
        if not host_allowed(self.request.host, self.bound):
            self.set_status(400)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(_("Host not allowed: open the address that `sitegen serve` printed") + "\n")


class _Site(_OwnHost, web.RequestHandler):
    def initialize(self, root: str, base_path: str, state, script: bytes):
        self.root, self.base_path, self.state, self.script = root, base_path, state, script

    def get(self, _path=None):
        self._send(with_body=True)

    def head(self, _path=None):
        self._send(with_body=False)

    def _send(self, with_body: bool) -> None:
        try:
            path = unquote(self.request.path, errors="strict")
        except UnicodeDecodeError:
            path = "\ufffd"  # not UTF-8: answered as a bad path
        status, headers, body = answer(self.root, self.base_path, self.state, path)
        if any(name == "Content-Type" and "html" in value for name, value in headers) and _HEAD_END in body:
            body = body.replace(_HEAD_END, self.script + _HEAD_END, 1)
        self.set_status(status)
        for name, value in headers:
            self.set_header(name, value)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Length", str(len(body)))
        if with_body:
            self.write(body)
        self.finish()

    def compute_etag(self):
        return None  # every answer is read afresh; no-store says so


class _Reload(_OwnHost, LiveReloadHandler):
    def check_origin(self, origin: str) -> bool:
        # tornado's own rule (the page's origin is this server), which livereload turns off
        return WebSocketHandler.check_origin(self, origin)


class _ReloadScript(_OwnHost, LiveReloadJSHandler):
    pass


def application(output: str, base_path: str, state, bound: str, port: int, editor=None) -> web.Application:
    """The server's handlers, each refusing requests not addressed to `bound`; with
    `editor` (editing.Editor), the editor's pages under /_soan-bai/ as well."""
    script = f'<script src="/livereload.js?port={port}"></script>'.encode()
    site = {"root": os.path.realpath(output), "base_path": base_path, "state": state, "script": script}
    return web.Application([
        (r"/livereload", bound_to(_Reload, bound)),
        (r"/livereload\.js", bound_to(_ReloadScript, bound)),
        *(editing.routes(editor, bound) if editor is not None else ()),
        (r"(.*)", bound_to(_Site, bound), site),
    ], debug=False, max_body_size=editing.MAX_BODY)
