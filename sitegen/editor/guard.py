"""Who may use the editor, and which files it may touch.

The editor writes files, so a request must come from the editor's own page:
- every request to its API carries the per-run token in a header (`X-Sitegen-Token`).
  A page of another site cannot read the editor's page to learn it, and cannot send
  a custom header to another origin without a preflight this server never grants;
- a request that writes must also come from the served origin (its Origin header),
  so a form on another site posting here is refused (CSRF);
- the Host header must be the served host (serve's own rule against DNS rebinding);
- served beyond this computer (`serve --host`), the editor's page itself opens only
  with the token that serve prints, as Jupyter does: `/_soan-bai/?token=...` sets a
  cookie for this browser.

Paths come from the browser and are never trusted: each is resolved and must stay in
the site's `content/`, with no link along the way.
"""
from __future__ import annotations

import hmac
import os
import secrets
from urllib.parse import urlsplit

TOKEN_HEADER = "X-Sitegen-Token"
COOKIE = "sitegen_soan_bai"
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
MAX_UPLOAD = 25 * 1024 * 1024   # a phone photo is 3–8 MB; nothing a post needs is larger


class Refused(Exception):
    """A request or path the editor will not serve; the message says why, for the user."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def new_token() -> str:
    return secrets.token_urlsafe(24)


def same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode(), b.encode())


def origin_allowed(origin: str | None, host_header: str, scheme: str = "http") -> bool:
    """Whether `origin` is the origin the page was served from (scheme, host and port
    of the request's own Host)."""
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme == scheme and parts.netloc.lower() == host_header.lower()


def content_path(root: str, rel: str, must_exist: bool = False) -> str:
    """The absolute path of `rel` (a '/'-separated path from the site's folder) when it
    lies inside content/ with no link along the way; else Refused."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel or rel.startswith("/"):
        raise Refused(400, "Đường dẫn tệp không hợp lệ.")
    parts = rel.split("/")
    if parts[0] != "content" or len(parts) < 2 or any(p in ("", ".", "..") for p in parts):
        raise Refused(403, "Trình soạn bài chỉ đọc và ghi tệp trong thư mục content/ của trang.")
    content = os.path.realpath(os.path.join(root, "content"))
    at = content
    for part in parts[1:]:
        at = os.path.join(at, part)
        if os.path.islink(at):
            raise Refused(403, "Đường dẫn đi qua một liên kết (symlink) ra ngoài; trình soạn bài không theo liên kết.")
    target = os.path.realpath(os.path.join(root, *parts))
    if not target.startswith(content + os.sep):
        raise Refused(403, "Trình soạn bài chỉ đọc và ghi tệp trong thư mục content/ của trang.")
    if must_exist and not os.path.isfile(target):
        raise Refused(404, "Không tìm thấy tệp này; có thể nó đã bị đổi tên hoặc xóa.")
    return target


def post_path(root: str, rel: str, must_exist: bool = False) -> str:
    """content_path() for a post or page file: under content/posts/ or content/pages/, .md."""
    target = content_path(root, rel, must_exist)
    if not rel.lower().endswith(".md") or rel.split("/")[1] not in ("posts", "pages"):
        raise Refused(403, "Chỉ sửa được bài (.md) trong content/posts/ và trang trong content/pages/.")
    return target
