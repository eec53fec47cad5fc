"""The editor's only writes, all inside content/: a post or page saved from the form,
a photo added to a post's folder, a photo file removed when the user asks.

A file is never replaced unless it is the one the form opened and it has not changed
since (its digest is compared); a new post never takes the name of a file that exists;
a photo never takes the name of another file. What the form composed is read back
before it is written: a value typed into a field can never become a key of its own.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile

import yaml

from sitegen import vi
from sitegen.check import photos
from sitegen.editor import postfile
from sitegen.editor.guard import MAX_UPLOAD, PHOTO_TYPES, Refused, content_path, post_path
from sitegen.read.written import parse_date


def read_post(root: str, rel: str) -> dict:
    """A post file for the form: its values, body and digest."""
    path = post_path(root, rel, must_exist=True)
    with open(path, "rb") as f:
        data = f.read()
    opened = postfile.open_text(data)
    if opened is None:
        raise Refused(422, "Trình soạn bài không đọc được phần khai báo đầu tệp này (có thể sai cú pháp YAML). "
                           "Hãy mở tệp bằng trình soạn văn bản và sửa theo thông báo của sitegen check.")
    return {"path": rel, "kind": "page" if rel.split("/")[1] == "pages" else "post", "form": opened.form(),
            "body": opened.body.replace("\r\n", "\n").lstrip("\n"), "digest": opened.digest}


def new_path(root: str, kind: str, form: dict) -> str:
    """Where a new post is written: content/posts/YEAR/slug.md (a folder of its own once
    it has photos), content/pages/slug.md for a page."""
    slug = vi.slugify(str(form.get("slug") or form.get("title") or ""))[:80].strip("-")
    if not slug:
        raise Refused(422, "Hãy nhập tiêu đề trước khi lưu: tên tệp được đặt theo tiêu đề.")
    if kind == "page":
        return f"content/pages/{slug}.md"
    day, _why = parse_date(str(form.get("date") or ""))
    year = day.year if day else dt.date.today().year
    return f"content/posts/{year}/{slug}.md"


def draft_text(root: str, rel: str | None, form: dict, body: str) -> str:
    """The text the file would have if saved now: what the checks read."""
    opened = None
    if rel:
        with open(post_path(root, rel, must_exist=True), "rb") as f:
            opened = postfile.open_text(f.read())
    return postfile.compose(form, body, opened)


def save(root: str, rel: str | None, kind: str, form: dict, body: str, body_edited: bool,
         digest: str | None, delete_photos: list = ()) -> tuple[str, str]:
    """Write the post; its path from the site's folder, and the text written."""
    opened = None
    if rel:
        path = post_path(root, rel, must_exist=True)
        with open(path, "rb") as f:
            data = f.read()
        if postfile.digest_of(data) != digest:
            raise Refused(409, "Tệp này đã được sửa ở nơi khác (một thẻ khác hoặc một trình soạn thảo) từ lúc bạn "
                               "mở nó, nên bài chưa được lưu để không ghi đè phần sửa đó. Hãy chép phần bạn vừa "
                               "viết ra chỗ khác, tải lại trang rồi sửa lại.")
        opened = postfile.open_text(data)
        if opened is None:
            raise Refused(422, "Trình soạn bài không đọc được phần khai báo đầu tệp này; hãy sửa bằng trình soạn văn bản.")
    else:
        rel = new_path(root, kind, form)
        path = post_path(root, rel)
        if os.path.lexists(path) or os.path.lexists(path[:-3]):
            raise Refused(409, f"Đã có tệp {rel}; hãy đổi tiêu đề (hoặc ô đường dẫn) để bài mới có tên riêng.")
    text = postfile.compose(form, body, opened, body_edited)
    _read_back(text, form, body if body_edited or opened is None else None)
    _write(path, text.encode("utf-8"), replace=opened is not None)
    for src in delete_photos or ():
        _delete_photo(root, rel, src, form)
    return rel, text


def _read_back(text: str, form: dict, body: str | None) -> None:
    """What was composed must read back as the form's values, and nothing else besides
    what the file already had."""
    parts = postfile.split(text.lstrip("\ufeff"))
    try:
        value = yaml.safe_load(parts[0]) if parts else None
    except yaml.YAMLError:
        value = None
    want = postfile.clean(form, postfile.FORM)
    ok = isinstance(value, dict) and all(
        postfile.to_form(value.get(key), key) == want.get(key) or (key not in value and key not in want)
        for key in postfile.FORM)
    if ok and body is not None:
        ok = parts[1].replace("\r\n", "\n").strip("\n") == body.replace("\r\n", "\n").strip("\n")
    if not ok:
        raise Refused(422, "Không lưu: nội dung vừa nhập làm sai cấu trúc của tệp bài. Hãy bỏ các dòng chỉ có "
                           "'---' trong các ô một dòng rồi lưu lại.")


def _write(path: str, data: bytes, replace: bool) -> None:
    """A whole file or nothing: written beside, then moved in place."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".sitegen-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if replace:
            os.replace(temp, path)
        else:
            os.link(temp, path)  # fails if a file of that name appeared meanwhile
            os.unlink(temp)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def add_photo(root: str, rel: str, name: str, data: bytes) -> tuple[str, str]:
    """Copy a photo into the post's folder; (the post's path, the photo's src). A post
    that is a single file becomes a folder with index.md first."""
    if len(data) > MAX_UPLOAD:
        raise Refused(413, f"Ảnh lớn hơn {MAX_UPLOAD // (1024 * 1024)} MB; hãy thu nhỏ ảnh rồi thêm lại.")
    stem, ext = os.path.splitext(os.path.basename(name.replace("\\", "/")))
    ext = ext.lower()
    if ext not in PHOTO_TYPES:
        raise Refused(415, "Chỉ thêm được ảnh JPG, PNG, WebP hoặc GIF.")
    path = post_path(root, rel, must_exist=True)
    fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".sitegen-", suffix=ext)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        why = photos.inspect(temp)
        if why:
            raise Refused(422, f"Tệp '{name}' không dùng được làm ảnh: {why}.")
        if os.path.basename(path) != "index.md":
            folder = path[:-3]
            if os.path.lexists(folder):
                raise Refused(409, f"Không chuyển được bài thành thư mục vì đã có {rel[:-3]}/.")
            os.mkdir(folder)
            os.rename(path, os.path.join(folder, "index.md"))
            rel, path = rel[:-3] + "/index.md", os.path.join(folder, "index.md")
        base = vi.slugify(stem)[:60].strip("-") or "anh"
        for n in range(1, 1000):
            src = f"{base}{'' if n == 1 else '-' + str(n)}{ext}"
            try:
                os.link(temp, os.path.join(os.path.dirname(path), src))  # never over another file
                return rel, src
            except FileExistsError:
                continue
        raise Refused(409, "Thư mục bài đã có quá nhiều ảnh cùng tên.")
    finally:
        os.unlink(temp)


def photo_file(root: str, rel: str, src: str) -> str:
    """The path of a photo of the post, for its thumbnail."""
    folder = rel.rsplit("/", 1)[0]
    path = content_path(root, f"{folder}/{src}", must_exist=True)
    if os.path.splitext(path)[1].lower() not in PHOTO_TYPES:
        raise Refused(403, "Không phải tệp ảnh.")
    return path


def _delete_photo(root: str, rel: str, src: str, form: dict) -> None:
    if "/" in src or src in {p.get("src") for p in form.get("photos") or () if isinstance(p, dict)} \
            or src == form.get("cover"):
        return  # still used, or not directly in the post's folder: kept
    try:
        os.unlink(photo_file(root, rel, src))
    except (Refused, OSError):
        pass
