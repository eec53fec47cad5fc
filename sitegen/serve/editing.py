"""The editor's pages and API under /_soan-bai/, beside the site that `serve` shows.

The work is done by sitegen/editor/ (reading and composing post files, checking drafts,
saving); this module only answers HTTP, after editor/guard.py's checks: the Host (as
for the whole server), the token on every API call, the origin on every write, and
beyond this computer the token before the page itself.
"""
from __future__ import annotations

import json
import os
from importlib import resources

from tornado import web

from sitegen.editor import drafting, fromreport, guard, saving
from sitegen.editor.guard import Refused
from sitegen.serve.hosts import bound_to, host_allowed

PREFIX = "/_soan-bai/"
MAX_BODY = guard.MAX_UPLOAD + (1 << 20)  # a photo, or a post's form and body
SCRIPTS = ("editor.js", "fields.js", "photos.js", "keep.js", "word.js", "list.js")
STATIC = {**dict.fromkeys(SCRIPTS, "application/javascript; charset=utf-8"), "editor.css": "text/css; charset=utf-8"}


class Editor:
    """What every handler shares: the site, the token, and whether the page needs it."""

    def __init__(self, site: str, token: str, remote: bool):
        self.site, self.token, self.remote = site, token, remote
        self.listing = drafting.Listing(site)


def _static(name: str) -> bytes:
    return resources.files("sitegen.editor").joinpath("static").joinpath(name).read_bytes()


class _Base(web.RequestHandler):
    bound = "127.0.0.1"

    def initialize(self, editor: Editor):
        self.editor = editor

    def prepare(self):
        if not host_allowed(self.request.host, self.bound):
            raise web.HTTPError(400)
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    def compute_etag(self):
        return None

    def write_error(self, status_code, **kwargs):
        exc = kwargs.get("exc_info", (None, None))[1]
        message = str(exc) if isinstance(exc, Refused) else "Yêu cầu không hợp lệ."
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"error": message}, ensure_ascii=False))

    def send_error(self, status_code=500, **kwargs):
        exc = kwargs.get("exc_info", (None, None))[1]
        if isinstance(exc, Refused):
            status_code = exc.status
        super().send_error(status_code, **kwargs)


class _Page(_Base):
    def get(self, name: str = ""):
        if name in STATIC:
            self.set_header("Content-Type", STATIC[name])
            self.finish(_static(name))
            return
        if name:
            raise web.HTTPError(404)
        if self.editor.remote:
            given = self.get_argument("token", None)
            if guard.same(given, self.editor.token):
                self.set_cookie(guard.COOKIE, self.editor.token, httponly=True, samesite="Strict", path=PREFIX)
            elif not guard.same(self.get_cookie(guard.COOKIE), self.editor.token):
                raise Refused(403, "Hãy mở trình soạn bài bằng đường dẫn có mã (token) mà sitegen serve đã in ra.")
        page = _static("index.html").replace(b"{{TOKEN}}", self.editor.token.encode())
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; "
                        "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
        self.set_header("X-Frame-Options", "DENY")
        self.finish(page)


class _Api(_Base):
    """Every call needs the token; a write also needs the served origin."""

    def prepare(self):
        super().prepare()
        if not guard.same(self.request.headers.get(guard.TOKEN_HEADER), self.editor.token):
            raise Refused(403, "Thiếu mã của trình soạn bài: hãy mở lại trang soạn bài từ đường dẫn sitegen serve in ra.")
        if self.request.method != "GET":
            if not guard.origin_allowed(self.request.headers.get("Origin"), self.request.host, self.request.protocol):
                raise Refused(403, "Yêu cầu không đến từ trang soạn bài của máy này nên bị từ chối.")

    def json_body(self) -> dict:
        try:
            value = json.loads(self.request.body or b"{}")
        except ValueError:
            raise Refused(400, "Dữ liệu gửi lên không đọc được.") from None
        if not isinstance(value, dict):
            raise Refused(400, "Dữ liệu gửi lên không đọc được.")
        return value

    def reply(self, value) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(value, ensure_ascii=False))

    def get(self, action: str):
        site = self.editor.site
        if action == "list":
            self.reply({"posts": self.editor.listing.entries()})
        elif action == "site":
            self.reply(_site_facts(self.editor))
        elif action == "post":
            self.reply(saving.read_post(site, self.get_argument("path")))
        elif action == "photo":
            path = saving.photo_file(site, self.get_argument("path"), self.get_argument("src"))
            ext = os.path.splitext(path)[1].lower().lstrip(".")
            self.set_header("Content-Type", "image/" + {"jpg": "jpeg"}.get(ext, ext))
            with open(path, "rb") as f:
                self.finish(f.read())
        else:
            raise web.HTTPError(404)

    def post(self, action: str):
        site = self.editor.site
        if action == "check":
            data = self.json_body()
            rel, kind = data.get("path") or "", data.get("kind") or "post"
            # draft_text confines an existing file's path as it reads it
            text = saving.draft_text(site, rel or None, data.get("form") or {}, data.get("body") or "")
            rel = rel or _draft_rel(site, kind, data.get("form") or {})
            found = drafting.check_draft(site, rel, kind, text)
            found["preview"] = _body_html(site, data.get("body") or "")
            self.reply(found)
        elif action == "save":
            data = self.json_body()
            rel, text = saving.save(site, data.get("path") or None, data.get("kind") or "post",
                                    data.get("form") or {}, data.get("body") or "",
                                    bool(data.get("body_edited", True)), data.get("digest"),
                                    data.get("delete_photos") or [])
            fresh = saving.read_post(site, rel)  # the form's values as the file now holds them
            errors = sum(1 for p in drafting.check_draft(site, rel, fresh["kind"], text)["problems"] if p["error"])
            self.reply(dict(fresh, errors=errors))
        elif action == "report":
            data = self.json_body()
            given = data.get("given") if isinstance(data.get("given"), list) else []
            self.reply(fromreport.fill_from(str(data.get("text") or ""), str(data.get("part") or ""),
                                            [str(key) for key in given]))
        elif action == "word":  # a report or an article in Word, to become the body; nothing is written
            found = fromreport.word_article(self.request.body)
            if "error" in found:
                raise Refused(400, found["error"])
            self.reply(found)
        elif action == "photo":
            rel, src = saving.add_photo(site, self.get_argument("path"), self.get_argument("name"), self.request.body)
            self.reply({"path": rel, "src": src, "digest": saving.read_post(site, rel)["digest"]})
        else:
            raise web.HTTPError(404)


def _draft_rel(site: str, kind: str, form: dict) -> str:
    try:
        return saving.new_path(site, kind, form)
    except Refused:
        return "content/pages/bai-moi.md" if kind == "page" else "content/posts/bai-moi.md"


def _body_html(site: str, body: str) -> str:
    from sitegen.check.loading import read_config
    from sitegen.render.bodyhtml import markdown_html
    config = read_config(site)[0]
    return markdown_html(body, config.trust_html if config else False,
                         config.markdown_extensions if config else ())


def _site_facts(editor: Editor) -> dict:
    """Units (with their parents' names), the tags in use, and the unit a new post is
    most surely by: what the form offers."""
    from sitegen.check import loading
    units = loading.read_units(editor.site)[0]
    entries = editor.listing.entries()
    tags = sorted({t for e in entries for t in e["tags"]})
    # A school's site lists its chi bộ and the đảng ủy above it, and every post is the
    # chi bộ's: that unit. A site whose posts are by several units guesses none.
    writing = {e["unit"] for e in entries if e["kind"] == "post" and e["unit"]}
    only = list(units) if len(units) == 1 else sorted(writing & set(units)) if len(writing) == 1 else []
    return {
        "unit": only[0] if only else "",
        "units": sorted(({"id": u.id, "name": u.name, "kind": u.kind,
                          "parent": units[u.parents[-1].id].name if u.parents and u.parents[-1].id in units else ""}
                         for u in units.values()), key=lambda u: u["name"]),
        "tags": tags,
    }


def routes(editor: Editor, bound: str) -> list:
    args = {"editor": editor}
    return [
        (PREFIX.rstrip("/"), web.RedirectHandler, {"url": PREFIX}),
        (PREFIX + r"api/(\w+)", bound_to(_Api, bound), args),
        (PREFIX + r"([\w.]*)", bound_to(_Page, bound), args),
    ]
