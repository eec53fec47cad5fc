"""Reading the site from disk: find files, decode them, split and load front matter.

One of the three modules that touch the disk (with images and output). Everything it
returns is immutable; every problem it meets is returned, never raised.
"""
from __future__ import annotations

import os
import re
import unicodedata
from typing import NamedTuple

from sitegen.lang import _
from sitegen.problems import Problem, reason
from sitegen.read import yamlpos
from sitegen.read.encodings import describe_bad_utf8
from sitegen.read.fences import split_front_matter
from sitegen.read.yamlpos import Doc, Loc




class Source(NamedTuple):
    """One Markdown file: its front matter (with positions) and its body."""
    rel: str          # path from the site root, '/'-separated
    kind: str         # 'post' or 'page'
    doc: Doc
    body: str
    body_line: int    # line of the file where the body starts

    @property
    def folder(self) -> str:
        return self.rel.rsplit("/", 1)[0]


class SiteFiles(NamedTuple):
    root: str
    posts: tuple      # relative paths of content/posts/**/*.md
    pages: tuple      # relative paths of content/pages/*.md
    outside: tuple    # relative paths of .md files that are links leading out of content/
    unreadable: tuple = ()  # (relative path, reason) of folders that could not be listed


def rel_path(root: str, path: str) -> str:
    prefix = os.path.join(root, "")
    if path.startswith(prefix):  # the usual case, and 10x faster than relpath
        path = path[len(prefix):]
        return path.replace(os.sep, "/") if os.sep != "/" else path
    return os.path.relpath(path, root).replace(os.sep, "/")


def is_inside(path: str, folder: str) -> bool:
    """True when `path`, with every link resolved, lies in `folder`."""
    real = os.path.realpath(path)
    base = os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _visible(name: str) -> bool:
    return not name.startswith(".") and not name.endswith("~")


# A post is a Markdown file: .md in any case, .markdown, and the same with the .txt
# Notepad adds when "Save as type" is left at "Text Documents" (read, and W510 says
# to rename it), so that no post silently goes missing from the site.
MARKDOWN_ENDINGS = (".md", ".markdown")
SAVED_AS_TEXT = tuple(ending + ".txt" for ending in MARKDOWN_ENDINGS)


def is_markdown_name(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_ENDINGS + SAVED_AS_TEXT)


def _walk_markdown(folder: str, recurse: bool, unreadable: list, linked: bool = False):
    """(path, is_link) of the visible .md files below `folder`, in sorted order; is_link
    also when a folder on the way is a link (asked once a folder, not once a file).
    A folder that exists but cannot be listed goes to `unreadable` (path, reason): its
    posts would silently vanish from the site, and a deploy would delete them."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return
    except OSError as e:
        unreadable.append((folder, reason(e)))
        return
    for entry in entries:
        if not _visible(entry.name):
            continue
        if entry.is_dir():
            if recurse:
                yield from _walk_markdown(entry.path, recurse, unreadable, linked or entry.is_symlink())
        elif is_markdown_name(entry.name) and entry.is_file():
            yield entry.path, linked or entry.is_symlink()


def discover(root: str) -> SiteFiles:
    content = os.path.join(root, "content")
    # Only links need resolving; a real path inside content/ is inside by construction.
    linked_root = os.path.realpath(content) != os.path.abspath(content)
    found = {"posts": [], "pages": [], "outside": []}
    unreadable: list = []
    prefix = os.path.join(root, "")
    for kind, recurse in (("posts", True), ("pages", False)):
        folder = os.path.join(content, kind)
        top_linked = linked_root or os.path.islink(folder)
        for path, is_link in _walk_markdown(folder, recurse, unreadable, top_linked):
            rel = path[len(prefix):].replace(os.sep, "/") if path.startswith(prefix) else rel_path(root, path)
            if is_link and not is_inside(path, content):
                found["outside"].append(rel)
            else:
                found[kind].append(rel)
    return SiteFiles(root, tuple(found["posts"]), tuple(found["pages"]), tuple(found["outside"]),
                     tuple((rel_path(root, path), why) for path, why in unreadable))


def own_folder_problems(root: str) -> list:
    """layouts/ and assets/: E403 for a link that leads out of its folder (its target
    would be published, or run as a template), E101 for what cannot be read."""
    problems = []
    for name in ("layouts", "assets"):
        top = os.path.join(root, name)
        if not os.path.lexists(top):
            continue
        if os.path.islink(top) and not is_inside(top, root):
            problems.append(Problem(name, 1, 1, "E403", _("{folder}/ is a link to a place outside the site; "
                                                          "make {folder}/ a folder of the site and copy the files "
                                                          "into it").format(folder=name)))
            continue

        def unreadable(error: OSError) -> None:
            problems.append(Problem(rel_path(root, error.filename), 1, 1, "E101",
                                    _("cannot read this folder ({why}); the site would be "
                                      "published without its files. Give yourself the right to read it, "
                                      "or move it out of the site").format(why=reason(error))))

        for folder, dirs, names in os.walk(top, onerror=unreadable):
            for entry in dirs + names:
                path = os.path.join(folder, entry)
                if os.path.islink(path) and not is_inside(path, top):
                    problems.append(Problem(rel_path(root, path), 1, 1, "E403",
                                            _("this is a link to a place outside {folder}/; copy the "
                                              "file itself into {folder}/").format(folder=name)))
            for entry in names:
                path = os.path.join(folder, entry)
                if _visible(entry) and not os.path.islink(path) and not os.access(path, os.R_OK):
                    problems.append(Problem(rel_path(root, path), 1, 1, "E101",
                                            _("cannot read this file (permission denied); give yourself "
                                              "the right to read it, or remove it from the site")))
    return problems


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def decode(data: bytes, rel: str, normalize: bool = True) -> tuple[str | None, list[Problem]]:
    """UTF-8 (BOM allowed) -> text with '\\n' line ends (NFC unless told not to), or E101."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # faster than the utf-8-sig codec
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column, message = describe_bad_utf8(data, err)
        return None, [Problem(rel, line, column, "E101", message)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (nfc(text) if normalize else text), []


def read_bytes(path: str) -> bytes:
    """The whole file, most often with one read call: a buffered file object costs more
    than the reading itself for files of a few KB (16 µs against 9 µs a post here), and
    asking the size first costs another call."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        data = os.read(fd, _FIRST_READ)
        if len(data) == _FIRST_READ:  # a long file: read to the end
            chunks = [data]
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            data = b"".join(chunks)
        return data
    finally:
        os.close(fd)


_FIRST_READ = 1 << 16


def read_text(root: str, rel: str, normalize: bool = True) -> tuple[str | None, list[Problem]]:
    try:
        data = read_bytes(os.path.join(root, rel))
    except OSError as e:
        return None, [Problem(rel, 1, 1, "E101", _("cannot read the file: {why}").format(why=reason(e)))]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its mark: Notepad's "Unicode"
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None, [Problem(rel, 1, 1, "E101", _("the file says it is UTF-16 but is not; save it as "
                                                       "UTF-8 (in Notepad: File > Save As > Encoding: UTF-8)"))]
    if data.find(b"\0", 0, 8192) >= 0:  # without copying the first 8 KB
        if _looks_like_utf16(data):
            return None, [Problem(rel, 1, 1, "E101", _("the file is UTF-16 text without its mark; save it as "
                                                       "UTF-8 (in Notepad: File > Save As > Encoding: UTF-8)"))]
        return None, [Problem(rel, 1, 1, "E101", _("the file is binary, not UTF-8 text; "
                                                   "only Markdown text files belong here"))]
    return decode(data, rel, normalize)


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 has a NUL in every other byte of its ASCII letters."""
    sample = data[:4096]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) > 0.4 * len(sample) / 2


# Spaces that text copied from a web page or Word carries (no-break, figure, narrow
# no-break, ideographic): YAML takes none of them as a space, so "total:\u00a030" would be
# one word. One character each, so every line:column stays where it was.
_ODD_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " "})


def plain_spaces(text: str) -> str:
    # four substring scans cost a hundredth of one translate, and these are rare
    if "\u00a0" in text or "\u2007" in text or "\u202f" in text or "\u3000" in text:
        return text.translate(_ODD_SPACES)
    return text


def load_yaml_text(text: str, rel: str, first_line: int = 1) -> tuple[Doc | None, list[Problem]]:
    text = plain_spaces(text)
    try:
        return yamlpos.load(text, first_line), []
    except yamlpos.YamlError as e:
        return None, [Problem(rel, e.loc.line, e.loc.column, "E102", e.message)]


def read_yaml(root: str, rel: str) -> tuple[Doc | None, list[Problem]]:
    """A whole YAML file (site.yaml, units.yaml)."""
    text, problems = read_text(root, rel)
    if text is None:
        return None, problems
    return load_yaml_text(text, rel)


SHORT_BODY = 400  # characters: longer than any text sitegen writes for people to replace


def read_source(root: str, rel: str, kind: str, with_body: bool = True,
                text: str | None = None) -> tuple[Source | None, list[Problem]]:
    """One Markdown file, or `text` as if it were that file (the editor's draft).
    Without `with_body` (checking only) a body is dropped unnormalised: NFC-checking
    6 KB of text costs more than reading the front matter. A short one is kept: it may
    still be the example text `sitegen new` wrote."""
    if text is None:
        text, problems = read_text(root, rel, normalize=False)
        if text is None:
            return None, problems
    parts, problems = split_front_matter(text, rel)
    if parts is None:
        return None, problems
    front, body, body_line = parts
    front = nfc(front)
    doc, problems = load_yaml_text(front, rel, first_line=2)
    if doc is None:
        return None, problems
    problems = nesting_problems(body, rel, body_line)
    if rel.lower().endswith(SAVED_AS_TEXT):
        name = rel.rsplit("/", 1)[-1]
        problems.append(Problem(rel, 1, 1, "W510", _("the file's name ends in .txt (Notepad adds it when "
                                                     "\"Save as type\" is \"Text Documents\"); it is read as a "
                                                     "post, but rename it to {name}").format(name=name[:-4])))
    if not with_body and len(body) > SHORT_BODY:
        return Source(rel, kind, doc, "", body_line), problems
    return Source(rel, kind, doc, nfc(body), body_line), problems


# How deep a body may nest quotes, lists and HTML elements. Real posts stay under ten;
# the HTML cleaner's time grows with the square of the depth (a 100 KB line of '>' took
# minutes), so a body nested deeper is refused before it reaches the converter.
MAX_NESTING = 64
_DEEP_LINE = re.compile(r"^(?:[ \t]{2}|>[ \t]?|[*+-][ \t]|\d{1,9}[.)][ \t]){%d}" % MAX_NESTING, re.M)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
# Elements that never hold others, or whose end tag may be left out (the parser closes
# them): they do not deepen the nesting.
_FLAT = frozenset("area base br col embed hr img input link meta source track wbr p li dt dd tr td th "
                  "thead tbody tfoot option optgroup colgroup rt rp".split())


def nesting_problems(body: str, rel: str, body_line: int) -> list:
    deep = _DEEP_LINE.search(body)
    if deep:
        line = body_line + body.count("\n", 0, deep.start())
        return [Problem(rel, line, 1, "E104", _("this line nests quotes ('>') or lists more than "
                                                "{most} levels deep, which cannot be published; no post needs "
                                                "more than a few levels: remove the extra '>' or list "
                                                "markers").format(most=MAX_NESTING))]
    if "<" not in body:
        return []
    depth = 0
    for tag in _TAG.finditer(body):
        name = tag[2].lower()
        if name in _FLAT or tag[3]:
            continue
        depth = max(0, depth - 1) if tag[1] else depth + 1
        if depth > MAX_NESTING:
            line = body_line + body.count("\n", 0, tag.start())
            return [Problem(rel, line, 1, "E104", _("the HTML in the body nests elements more than "
                                                    "{most} levels deep (here <{tag}>), which cannot be published; "
                                                    "close the elements you open, or write the text in "
                                                    "Markdown").format(most=MAX_NESTING, tag=name))]
    return []


def read_body(root: str, rel: str) -> str | None:
    """The body of a Markdown file, as read_source() gives it (None if it cannot be read
    or split any more)."""
    text = read_text(root, rel, normalize=False)[0]
    if text is None:
        return None
    parts = split_front_matter(text, rel)[0]
    return nfc(parts[1]) if parts else None


def image_problem(root: str, folder: str, src: str, rel: str, loc: Loc) -> Problem | None:
    """E403 when `src` leaves the site, else None; the file itself is checked elsewhere."""
    if os.path.isabs(src) or src.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", src):
        return Problem(rel, loc.line, loc.column, "E403",
                       _("the image path '{src}' is absolute; write it relative to the post's folder").format(src=src))
    parts = src.replace("\\", "/").split("/")
    full = os.path.join(root, folder, *parts)
    if ".." in parts or not is_inside(full, os.path.join(root, "content")):
        return Problem(rel, loc.line, loc.column, "E403",
                       _("the image path '{src}' leads outside content/; put the photo beside "
                         "the post (a post may be a folder with index.md and its photos)").format(src=src))
    return None


def image_path(root: str, folder: str, src: str) -> str:
    return os.path.join(root, folder, *src.replace("\\", "/").split("/"))
