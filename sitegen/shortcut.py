"""The edit shortcut: a rebuild after edits that change only posts' bodies.

Most edits fix a sentence in the body of a post. Nothing but the post's own page and
the search index shows the body beyond its first paragraph, so such an edit needs
neither the build memo (loading and saving it took seconds at 10,000 posts) nor any
other page. A successful full build leaves here, in .sitegen-cache/shortcut.pickle, what
this needs: the stamps of the files it read, each post's `outward` digest (everything
other pages show of it) and its own problems, the settings, the navigation, and the
search index in pieces.

A rebuild takes the shortcut only when output/ is what the last build wrote (manifest.py
checked), the inputs that changed are a few known Markdown files, and each of them,
read and checked again, has no error and the same outward digest. Anything else (a new
file, a photo, a unit, a template, a title, a count) goes the whole way.

Pages written here are noted in the record's journal, keyed to the memo they are newer
than; load_memo() applies it, so the memo never takes a stale page for what output/
holds.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from array import array
from typing import NamedTuple

from . import manifest, pickling, safepickle, sitelock
from .problems import sort_problems

RECORD_FILE = os.path.join(".sitegen-cache", "shortcut.pickle")
NEWER_FILE = os.path.join(".sitegen-cache", "shortcut-newer.pickle")  # what shortcuts changed since
MAX_FILES = 20  # more changed files than this: probably a larger change, go the whole way
SEARCH_INDEX = "tim-kiem/du-lieu.js"


def outward(post, front_digest: bytes) -> bytes:
    """A digest of all that pages other than the post's own show of it, and of what the
    checks across files see: the post's file, kind and front matter text (which fix the
    post apart from its body, and every position in it) and its first paragraph (cards
    show it). Stricter than digesting the post itself: a new comment in the front matter
    also goes the whole way. Digesting the post cost ~0.1 ms, a second at 10,000 posts."""
    digest = hashlib.sha1(front_digest)  # 20 bytes; file and kind hold no NUL
    digest.update(f"{post.rel}\0{post.kind}\0".encode("utf-8"))
    digest.update(post.lead.encode("utf-8"))
    return digest.digest()


class FileInfo(NamedTuple):
    kind: str                 # post | page
    outward: bytes
    url: str | None           # its page; None when not published (a draft)
    photos: dict              # (folder, src) -> Photo of its photos and cover
    problems: tuple           # its own problems (reading and checking it alone)
    across: tuple             # problems in it found across files (they stay as they are)
    search: int               # its document in the search index, -1 if none
    splice: tuple | None = None  # (bytes before, bytes after) its body in its page (bodyslot.py)


def make_record(key: tuple, scan: list, inputs: bytes, token: bytes, site, entries: dict,
                shared: tuple, sketch, count: int) -> dict:
    """What a rebuild needs, from a successful full build: `entries` are the build memo's
    source entries, `shared` the problems found across files, `sketch` render_site's.
    Each file's and unit's part is kept pickled on its own: a rebuild unpickles only
    those of the files that changed (all of them took 0.1 s at 10,000 posts)."""
    from . import urls
    view = sketch.view
    order = {post.rel: i for i, post in enumerate(view.posts + view.pages)}
    across: dict = {}
    for problem in shared:
        across.setdefault(problem.path, []).append(problem)
    files = {}
    for rel, entry in entries.items():
        post, problems, _ = entry[4] if len(entry) > 5 else (None, None, None)
        if post is None:
            continue
        published = rel in order
        srcs = [p.src for p in post.photos] + ([post.cover] if post.cover else [])
        photos = {(post.folder, src): sketch.photos[(post.folder, src)] for src in srcs
                  if (post.folder, src) in sketch.photos}
        files[rel] = pickling.dumps(FileInfo(post.kind, entry[5], urls.post_url(post) if published else None,
                                             photos, tuple(problems), tuple(across.get(rel, ())),
                                             order.get(rel, -1), sketch.splices.get(rel)))
    docs = sketch.search_docs
    return {"key": key, "scan": scan, "inputs": inputs, "token": token, "config": site.config,
            "units": Table.of({uid: pickling.dumps(unit) for uid, unit in site.units.items()}),
            "common": sketch.common, "limit": sketch.limit, "files": Table.of(files), "count": count,
            "search_head": len(sketch.search_head), "search_lengths": array("q", [len(d) for d, _ in docs]),
            "search_before": array("q", [before for _, before in docs]), "journal": {}}  # the journal is kept in NEWER_FILE


class Table(NamedTuple):
    """Named bytes (the files' pickled FileInfo, the units'), kept as one blob: loading
    10,000 of them is a copy, not 10,000 objects (~10 ms of every edit's rebuild)."""
    names: object            # manifest.Paths of the names
    blob: bytes
    ends: array              # where each one's bytes end in the blob

    @classmethod
    def of(cls, items: dict) -> "Table":
        ends, at = array("q"), 0
        for data in items.values():
            at += len(data)
            ends.append(at)
        return cls(manifest.Paths.of(list(items)), b"".join(items.values()), ends)

    def get(self, name: str) -> bytes | None:
        try:
            n = self.names.index(name)
        except ValueError:
            return None
        return self.blob[self.ends[n - 1] if n else 0:self.ends[n]]


def save(root: str, record: dict) -> None:
    """A full build's record, and its part that shortcuts change (save_newer), as yet
    unchanged. Without that part, or with one made for another record, which pages the
    shortcuts wrote is not known (load() gives no journal)."""
    _dump(os.path.join(root, RECORD_FILE), record)
    save_newer(root, dict(record, newer={}))


def save_newer(root: str, record: dict) -> None:
    """What the shortcuts changed in `record` since the full build saved it: its files'
    newer FileInfo, the scan, the search index's lengths and the journal. Saving the
    whole record again took ~15 ms at 10,000 posts; this, ~2."""
    _dump(os.path.join(root, NEWER_FILE), {name: record[name] for name in _NEWER})


_NEWER = ("token", "newer", "scan", "inputs", "search_lengths", "journal")


def _dump(path: str, value) -> None:
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        pickle.dump(value, f, protocol=5)
    os.replace(temp, path)


def load(root: str) -> dict | None:
    """The full build's record, with what shortcuts changed since (when saved for this
    record: the same token)."""
    try:
        with open(os.path.join(root, RECORD_FILE), "rb") as f:
            record = safepickle.load(f)
        if not isinstance(record, dict):
            return None
    except Exception as e:  # missing or damaged: no shortcut
        safepickle.ignored(RECORD_FILE, e)
        return None
    record["newer"], record["journal"] = {}, None
    try:
        with open(os.path.join(root, NEWER_FILE), "rb") as f:
            newer = safepickle.load(f)
        if isinstance(newer, dict) and newer.get("token") == record.get("token"):
            record.update({name: newer[name] for name in _NEWER})
    except Exception as e:  # missing or damaged: which pages shortcuts wrote is not known
        safepickle.ignored(NEWER_FILE, e)
    return record


def file_info(record: dict, rel: str) -> bytes | None:
    """The pickled FileInfo of `rel`, the newest known."""
    found = record["newer"].get(rel)
    return found if found is not None else record["files"].get(rel)


def journal(root: str, token: bytes | None) -> dict | None:
    """{output path: digest} of the pages written by shortcuts since the memo with
    `token` was saved; None when that cannot be known (then the memo's record of output/
    must not be trusted)."""
    record = load(root)
    if record is None or token is None or record.get("token") != token:
        return None
    return record["journal"]


_BLOCK = 4 * 256  # numbers: 256 entries of the scan


def changed_files(before, now, files) -> list | None:
    """The known Markdown files (`files`: those with a FileInfo, as a Table or a dict)
    whose stamps changed between two manifest.Scan, or None when anything else changed
    (a file added, removed or renamed, or any other input)."""
    if before.names != now.names or len(before.stamps) != len(now.stamps):
        return None
    old, new = before.stamps, now.stamps
    if old == new:
        return []
    entries = []
    # A block of entries at a time (compared in C), then the entries of a block that
    # differs: number by number, 40,000 comparisons took ~10 ms at 10,000 posts.
    for start in range(0, len(new), _BLOCK):
        if old[start:start + _BLOCK] != new[start:start + _BLOCK]:
            for at in range(start, min(start + _BLOCK, len(new)), 4):
                if old[at:at + 4] != new[at:at + 4]:
                    entries.append(at >> 2)
            if len(entries) > MAX_FILES:
                return None
    names = now.name_list()
    changed = []
    for n in entries:
        if files.get(names[n]) is None or tuple(new[4 * n:4 * n + 4]) == manifest.UNSTAMPED:
            return None
        changed.append(names[n])
    return changed


def rebuild(root: str, output: str, scan: list, inputs: bytes, verification):
    """(problems, files written, files in the site) after taking the shortcut, or None
    when it does not apply. `verification` is manifest.Verification: the last build's
    record, and whether output/ is still what it wrote (known only by the time the
    pages are ready to be written)."""
    from .loading import read_with_body
    from . import sources
    last = verification.record
    record = load(root)
    if (record is None or record.get("key") != last["key"] or record["inputs"] != last["inputs"]
            or record["journal"] is None):
        return None
    changed = changed_files(record["scan"], scan, record["files"])
    if not changed:
        return None
    fresh = {}
    for rel in changed:
        info = safepickle.loads(file_info(record, rel))
        post, problems, _, front = read_with_body(root, rel, info.kind, record["config"].quota)
        if post is None or any(p.is_error for p in problems):
            return None
        if outward(post, front) != info.outward:
            return None
        # The body as a full build reads it to render it, checked against the post.
        body = sources.read_body(root, rel) or ""
        if (hashlib.sha1(body.encode("utf-8")).digest() if body else b"") != post.body_digest:
            return None  # edited again meanwhile
        fresh[rel] = (post, info._replace(problems=tuple(problems)), body)
    pages, known = _pages(root, output, record, fresh)
    out_stamps = verification.stamps()
    if pages is None or out_stamps is None:
        return None  # a template failed, or output/ is not what the last build wrote
    # The last build's problems, with those of the edited files found again (the
    # problems across files are as they were: the files look the same from outside).
    problems, count = manifest.result_of(last)
    problems = sort_problems([p for p in problems if p.path not in fresh]
                             + [p for _, info, _ in fresh.values() for p in info.problems + info.across])
    written = _write(root, output, pages, known, last, out_stamps, inputs, (problems, count))
    record["scan"], record["inputs"] = scan, inputs
    for rel, (_, info, _) in fresh.items():
        record["newer"][rel] = pickling.dumps(info)
    record["journal"].update(written)
    save_newer(root, record)
    sitelock.trust_output(root)
    return problems, len(written), count


def _pages(root: str, output: str, record: dict, fresh: dict) -> tuple:
    """The new bytes of the edited posts' pages and of the search index; None if a
    template fails (the full build then reports it). A page whose template has the body
    as a slot (bodyslot.py) is the one in output/ with the new body in place of the old:
    no Jinja2. Others are rendered again. The search index is the one in output/, with
    the edited posts' documents replaced (nothing is written unless manifest.Verification
    finds that output/ holds what the last build wrote). Also {path: bytes} of the files
    read from output/ on the way, for write_changed() to compare with."""
    from . import bodyhtml, search, urls
    config = record["config"]
    out, docs, again, known = {}, {}, {}, {}
    for rel, (post, info, body) in fresh.items():
        if info.url is None:
            continue  # a draft: it has no page and is not searched
        html = bodyhtml.markdown_html(body, config.trust_html)
        path = urls.file_of(info.url)
        page, old = _spliced(os.path.join(output, *path.split("/")), info.splice, html) if info.splice else (None, None)
        if page is not None:
            out[path], known[path] = page, old
        else:
            again[rel] = (post, info, html)
        if info.search >= 0:
            docs[info.search] = search.body_entry(body, record["limit"])
    if again:
        rendered = _rendered(root, record, again)
        if rendered is None:
            return None, None
        out.update(rendered)
    if docs:
        index, old = _search_index(os.path.join(output, *SEARCH_INDEX.split("/")), record, docs)
        if index is None:
            return None, None
        out[SEARCH_INDEX], known[SEARCH_INDEX] = index, old
    return out, known


def _spliced(path: str, splice: tuple, html: str) -> tuple:
    """(the page in `path` with `html` between its first `before` and last `after`
    bytes, the page as it was); (None, None) if it cannot be read or is too short."""
    before, after = splice
    try:
        with open(path, "rb") as f:
            old = f.read()
    except OSError:
        return None, None
    if len(old) < before + after:
        return None, None
    return b"".join((old[:before], html.encode("utf-8"), old[len(old) - after:])), old


def _rendered(root: str, record: dict, posts: dict) -> dict | None:
    """{output path: bytes} of the pages of `posts` ({file: (post, info, body HTML)}),
    rendered again; None if a template fails."""
    from . import pages as pages_mod, render
    from .model import Site
    from .render import PageSpec
    config = record["config"]
    renderer = render.Renderer(root, config.base_url, config.trust_html)
    common = pages_mod.with_stamp(record["common"], config.timezone)
    out = {}
    for rel, (post, info, html) in posts.items():
        unit = record["units"].get(post.unit) if post.unit else None
        units = {post.unit: safepickle.loads(unit)} if unit is not None else {}
        cards = pages_mod.Cards(Site(root, config, units, (post,)), info.photos)
        spec = PageSpec(info.url, "page.html" if post.kind == "page" else "post.html",
                        cards.page_context(post, lambda _, html=html: html), source=rel)
        data, problem = renderer.render(spec, common)
        if problem is not None:
            return None
        out[spec.path] = data
    return out


def _search_index(path: str, record: dict, docs: dict) -> tuple:
    """(the index in `path` with documents `docs` ({number: body_entry()}) replaced, the
    index as it was); the record's lengths updated. (None, None) if the file is not as
    the record describes it."""
    from . import search
    lengths, before = record["search_lengths"], record["search_before"]
    try:
        with open(path, "rb") as f:
            old = f.read()
    except OSError:
        return None, None
    start = len(search.PREFIX) + record["search_head"]
    if len(old) != start + sum(lengths) + max(0, len(lengths) - 1) + len(search.SUFFIX):
        return None, None
    pieces, done = [], 0
    for number in sorted(docs):
        begin = start + sum(lengths[:number]) + number  # a comma after each document
        pieces.append(old[done:begin])
        doc = search.with_body(old[begin:begin + before[number]], *docs[number])
        pieces.append(doc)
        done = begin + lengths[number]
        lengths[number] = len(doc)
    pieces.append(old[done:])
    return b"".join(pieces), old


def _write(root: str, output: str, pages: dict, known: dict, last: dict, out_stamps: array,
           inputs: bytes, result: tuple) -> dict:
    """Write what changed (`known`: what output/ holds of some of `pages`, as read),
    then the manifest with the stamps of what was written (and of the folders holding
    it) taken again."""
    from .output import write_changed
    sitelock.distrust_output(root)
    manifest.forget(root)
    written = write_changed(output, pages, known)
    paths = last["paths"]
    again = set()
    for rel in written:
        parts = rel.split("/")
        again.update("/".join(parts[:i]) for i in range(len(parts) + 1))
    stamps = array("q", out_stamps)
    fresh = manifest.output_stamps(output, sorted(again))
    for n, path in enumerate(sorted(again)):
        at = paths.index(path)  # a handful of paths: cheaper than a table of all of them
        stamps[4 * at:4 * at + 4] = fresh[4 * n:4 * n + 4]
    manifest.save_record(root, dict(last, inputs=inputs, outputs=manifest.stamps_digest(stamps), result=result))
    return written
