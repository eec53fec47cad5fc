"""Every file of the site, rendered in memory: pages, sitemap, CSV, search index,
assets and photos. build.py calls this and writes what it returns.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os

from sitegen.cache.valuebytes import value_bytes
from sitegen.lang import _
from sitegen.parallel import parallel_map
from sitegen.problems import Problem
from sitegen.read import sources, urls
from sitegen.render import imagecache, shareimage
from sitegen.render import renderer as render
from sitegen.render.renderer import PageSpec
from sitegen.render.staging import FileRef, Keep, Staged, clear_staging, content_id, size_of, stage
from sitegen.site import pages, search
from sitegen.site import views as site_mod
from sitegen.stamps import file_stamp


THEME_ASSETS = os.path.join(render.THEME, "assets")


def render_site(site, drafts: bool, memo, progress=None, jobs: int | None = None,
                output: str | None = None) -> tuple:
    """Every output file (bytes, or a FileRef to a cached photo), the problems met while
    rendering, the photos used (for pruning the cache once the build succeeded) and how
    many photos had to be encoded."""
    view = site_mod.view(site, drafts)
    photos, problems, encoded = prepare_photos(site, view)
    if problems:
        return {}, problems, [], encoded
    template_stamps = _template_stamps(site.root)
    renderer = None
    settings = (template_stamps, site.config.base_url, site.config.trust_html, site.config.markdown_extensions)
    if memo.renderer is not None and memo.renderer[0] == settings:
        renderer = memo.renderer[1]
    if renderer is None:  # a new or removed override must be seen: a new environment
        renderer = render.Renderer(site.root, site.config.base_url, site.config.trust_html,
                                   site.config.markdown_extensions)
        memo.renderer = (settings, renderer)
    # A post's body is read again and converted where its page renders, so the bodies
    # of a large site are never all in memory at once. Its search index entry is made
    # there too when the memo has none for that body.
    limit = search.body_limit(view)
    entries: dict = {}  # body digest -> search.body_entry()
    for post in view.posts + view.pages:
        entry = memo.search.get((post.body_digest, limit))
        if entry is not None:
            entries[post.body_digest] = entry
    stamps = {rel: entry[0] for rel, entry in memo.sources.items()}
    cards = pages.Cards(site, photos, memo.cards, stamps, memo.card_digests, view=view)
    # A post's page is made (context, key, bytes) by the worker that renders it; so is
    # a list page, and only when its key (from what it is made of) is new.
    specs = pages.all_pages(site, view, None, photos, cards=cards)
    posts = {post.rel: post for post in view.posts + view.pages}
    common = common_context(site, view)
    files: dict = {}
    owners: dict = {}
    keys = PageKeys(site, common, template_stamps, stamps, cards, memo.post_keys)
    # Posts' page keys here, where the memo is (in `serve`, most are found by comparing).
    post_keys = {spec.source: keys.of_post(spec, posts[spec.source]) for spec in specs
                 if spec.context is None and spec.make is None and spec.source in posts}
    memo.post_keys, memo.card_digests = keys.used, cards.used
    # Writing the site, the workers put each page they render in the staging folder (or
    # find it already in output/) and send back only its key and digest: the pages of a
    # large site are never all in memory at once, nor are the bytes its keys are made of.
    staging = clear_staging(site.root) if output is not None else None
    written = memo.written if memo.output == output else {}

    prefix = os.path.join(output, "") if output is not None else ""

    def unchanged(key, spec):
        """The page as it was written last time, if its key is known and output/ holds it."""
        found = memo.pages.get(key) if staging is not None else None
        if found is None:
            return None
        path = spec.path
        if written.get(path) == found[0] and size_of(prefix + path) == found[1]:
            return Keep(*found)
        return None

    def quick_key(spec):
        """The key found without making the page, or None (see render_page)."""
        if spec.context is None and spec.make is None and spec.source in posts:
            return post_keys[spec.source]
        return keys.of_list(spec)

    def kept_as_is(spec, quick):
        """The page's result when its quick key says it is what output/ holds."""
        if quick is None:
            return None
        kept = unchanged(quick, spec)
        # A results page's CSV is kept with it, as it is made from the same table.
        if kept is None or (spec.template == "results.html" and quick not in memo.csv):
            return None
        return quick, kept, None, memo.csv.get(quick), None

    def entry_of(post, body: str | None = None) -> tuple:
        """(search entry of the post's body, whether that is the body it was read with:
        a file edited since is shown as it is now, but not remembered)."""
        if body is None:
            body = sources.read_body(site.root, post.rel) or ""
        same = (hashlib.sha1(body.encode("utf-8")).digest() if body else b"") == post.body_digest
        return search.body_entry(body, limit), same

    def render_page(i: int):
        """(the page's key, its data or Keep, a problem, its CSV, and for a post's page
        entry_of() when the memo had none). The key is the quick one where there is one.
        A list page's is made from the digests of its cards' contents and what else it
        shows, so when it changes the page has almost always changed too. A second key
        from the whole context could spare a render only when something the page does
        not show changed (a field of its unit, say), and it cost ~0.9 s of CPU at 10,000
        posts and ~14 MB of UTF-8 copies that pickling leaves in the strings."""
        spec = specs[i]
        post = posts.get(spec.source) if spec.context is None and spec.make is None else None
        quick = quick_key(spec)
        as_is = kept_as_is(spec, quick)
        if as_is is not None:
            return as_is
        made = None
        if spec.make is not None:
            spec = spec._replace(context=spec.make(), make=None)
        if spec.context is None:  # a post's page
            body = sources.read_body(site.root, post.rel) or ""
            html = renderer.markdown_html(body)
            spec = spec._replace(context=cards.page_context(post, lambda _: html))
            if post.body_digest not in entries:
                made = entry_of(post, body)
        key = quick if quick is not None else keys.compute(spec)
        # The CSV is made here, where the table is (the main process making every
        # year's table again cost ~0.5 s of a one-post edit).
        is_results = spec.template == "results.html"
        csv = (spec.context["csv_url"], results_csv(spec.context["year"])) if is_results else None
        kept = unchanged(key, spec)
        if kept is not None:
            return key, kept, None, csv, made
        data, problem = renderer.render(spec, common)
        if data is not None and staging is not None:
            data = stage(data, spec.path, output, written, staging, str(i))
        return key, data, problem, csv, made

    # A rebuild finds most pages unchanged here, by key, and starts worker processes
    # only for the pages left (after a one-post edit, few enough for this process).
    rendered: list = [None] * len(specs)
    todo = list(range(len(specs)))
    if memo.pages and staging is not None:
        todo = []
        for i, spec in enumerate(specs):
            rendered[i] = kept_as_is(spec, quick_key(spec))
            if rendered[i] is None:
                todo.append(i)
    for i, result in zip(todo, parallel_map(render_page, todo, jobs)):
        rendered[i] = result
    kept_pages: dict = {}
    kept_csv: dict = {}
    csv_files = []
    stale = set()
    for i, (spec, (key, data, problem, table, made)) in enumerate(zip(specs, rendered)):
        if made is not None:
            body_key = posts[spec.source].body_digest
            entries[body_key] = made[0]
            if not made[1]:
                stale.add(body_key)
        if table is not None:
            csv_files.append(table)
        if data is not None:
            if isinstance(data, (Keep, Staged)):
                digest = (data.digest, data.size)
            else:
                digest = (hashlib.sha1(data).digest(), len(data))
            kept_pages[key] = digest
            if table is not None:
                kept_csv[key] = table
        if problem:
            problems.append(problem)
            continue
        _add(files, owners, problems, spec.path, data, spec.source or spec.template)
        if progress and (i + 1) % 500 == 0:
            progress(i + 1, len(specs))
    memo.pages = kept_pages  # only what this build used: a long session does not grow
    memo.csv = kept_csv
    html_urls = [spec.url for spec in specs if spec.path.endswith(".html") and spec.url != "404.html"]
    _add(files, owners, problems, "sitemap.xml", sitemap(site, view, html_urls), "sitemap")
    for url, table in csv_files:  # each results page's table, as CSV
        _add(files, owners, problems, url, table, "results CSV")
    specs.clear()  # the contexts of every list page: not needed any more
    # Bodies whose pages were kept but whose entries the memo lacks (the share of each
    # post changes with the number of posts).
    missing = list({post.body_digest: post for post in view.posts + view.pages
                    if post.body_digest not in entries}.values())
    for post, (entry, same) in zip(missing, parallel_map(entry_of, missing, jobs)):
        entries[post.body_digest] = entry
        if not same:
            stale.add(post.body_digest)
    heads: dict = {}
    _add(files, owners, problems, "tim-kiem/du-lieu.js",
         search.index_script(site, view, lambda post, _: entries[post.body_digest], memo.search_heads, heads),
         "search index")
    memo.search_heads = heads
    memo.search = {(digest, limit): entry for digest, entry in entries.items() if digest not in stale}
    for rel, data in assets(site.root).items():
        _add(files, owners, problems, "assets/" + rel, data, "assets/" + rel)
    paths = shareimage.cached(site.root, list(cards.shares.values()), jobs)
    for picture, path in paths.items():
        files[picture.url] = FileRef(path)
    shareimage.prune(site.root, {picture.name for picture in paths})
    used = sorted({photo for photo in photos.values()}, key=lambda p: p.key)
    for photo in used:
        for name in photo.files():
            files[urls.PHOTOS + name] = FileRef(os.path.join(site.root, imagecache.CACHE, name))
    return files, problems, used, encoded


def prepare_photos(site, view) -> tuple[dict, list, int]:
    """{(post folder, src): Photo} for every photo and cover of the published posts."""
    wanted = {}
    for post in view.posts + view.pages:
        for src in [p.src for p in post.photos] + ([post.cover] if post.cover else []):
            wanted[(post.folder, src)] = (post, sources.image_path(site.root, post.folder, src))
    prepared = imagecache.prepare(site.root, [path for _, path in wanted.values()], site.config.images)
    problems = []
    for (folder, src), (post, path) in sorted(wanted.items()):
        if path in prepared.failures:
            index = next((i for i, p in enumerate(post.photos) if p.src == src), None)
            where = post.doc.at(("photos", index) if index is not None else ("cover",))
            problems.append(Problem(post.rel, where.line, where.column, "E402",
                                    _("the image '{src}' {why}").format(src=src, why=prepared.failures[path])))
    photos = {key: prepared.photos[path] for key, (post, path) in wanted.items() if path in prepared.photos}
    return photos, problems, prepared.encoded


def _template_stamps(root: str) -> tuple:
    """(path, stamp) of every template file, built-in and the site's own."""
    stamps = []
    for folder in (os.path.join(root, "layouts"), os.path.join(render.THEME, "templates")):
        for base, _dirs, names in os.walk(folder):
            for name in sorted(names):
                stamps.append((os.path.join(base, name), file_stamp(os.path.join(base, name))))
    return tuple(sorted(stamps))


class PageKeys:
    """A page's key: its template set, the data shared by all pages (site settings, the
    navigation), and what the page itself shows. Equal keys render equal bytes. Computed
    in the rendering workers."""

    def __init__(self, site, common, template_stamps: tuple, file_stamps: dict, cards, kept: dict):
        self.shared = value_bytes((template_stamps, {k: v for k, v in common.items() if k != "stamp"},
                                   site.config))
        self.file_stamps = file_stamps
        self.cards = cards
        shared = hashlib.sha1(self.shared).digest()
        same = kept.get("shared") == shared
        self.kept = {table: kept.get(table, {}) if same else {} for table in ("keys", "lists")}
        self.used = {"shared": shared, "keys": {}, "lists": {}}  # what the memo keeps for the next build

    def of_post(self, spec: PageSpec, post) -> bytes | None:
        """A post's page shows the post, its unit and its photos (pages.Cards.inputs):
        its key comes from those and from the stamp of the post's file, which the loader
        trusts too, so an unchanged post's page is neither made nor rendered again. In
        `serve`, the memo keeps what each key was made from: equal inputs, the same key,
        found by comparing instead of digesting (0.19 s of each save at 10,000 posts)."""
        stamp = self.file_stamps.get(post.rel)
        if stamp is None:
            return None  # loaded without the memo: make the context and digest it
        unit, pictures, _ = self.cards.inputs(post)  # the settings are in `shared` already
        share = self.cards.share_of(post)
        made_of = (spec.url, spec.template, stamp, unit, pictures, self.cards.related_of(post),
                   share.name if share else None)
        return self._key("keys", post.rel, ("post", post.rel), made_of)

    def of_list(self, spec: PageSpec) -> bytes | None:
        """A list page's key, from what pages.py says its context is made of (None when
        it cannot say: posts read without the memo). Found by comparing with what the
        last build's key was made from where it can, as for posts."""
        if spec.deps is None:
            return None
        return self._key("lists", spec.url, ("list", spec.url), (spec.template, spec.deps))

    def _key(self, table: str, name: str, label: tuple, made_of: tuple) -> bytes:
        """The last build's key where it was made of equal inputs, else a new digest."""
        kept = self.kept[table].get(name)
        if kept is not None and kept[0] == made_of:
            key = kept[1]
        else:
            key = hashlib.sha1(self.shared + value_bytes(label + made_of)).digest()
        self.used[table][name] = (made_of, key)
        return key

    def compute(self, spec: PageSpec) -> bytes:
        """The key of a page without a quick one (its posts read without the memo):
        from its whole context, pickled."""
        return hashlib.sha1(self.shared + value_bytes((spec.url, spec.template, spec.source,
                                                        spec.context))).digest()


def _add(files: dict, owners: dict, problems: list, path: str, data: bytes, owner: str) -> None:
    if path in files and content_id(files[path]) != content_id(data):
        problems.append(Problem(owner if "/" in owner else "site.yaml", 1, 1, "E401",
                                _("{owner} and {other} would both write /{path}; rename one of them").format(
                                    owner=owner, other=owners[path], path=path)))
        return
    files[path] = data
    owners.setdefault(path, owner)


def common_context(site, view) -> dict:
    """What every page shows of the site."""
    config = site.config
    years = [{"year": y, "url": urls.year_url(y)} for y, _ in view.years]
    return pages.with_stamp({
        "site": {"title": config.title, "description": config.description, "base_url": config.base_url,
                 "language": config.language, "logo": config.logo, "banner": config.banner},
        "nav": {"years": years, "pages": [{"title": p.title, "url": urls.post_url(p)} for p in view.pages]},
    }, config.timezone)




def sitemap(site, view, html_urls) -> bytes:
    lastmod = {urls.post_url(p): p.date.date().isoformat() for p in view.posts}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in sorted(set(html_urls)):
        entry = f"  <url><loc>{_xml(site.config.base_url + url)}</loc>"
        if url in lastmod:
            entry += f"<lastmod>{lastmod[url]}</lastmod>"
        lines.append(entry + "</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CSV_HEADER = ["Đơn vị", "Xếp loại tập thể", "Trạng thái", "Tổng số đảng viên", "Được xếp loại",
              "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
              "Không hoàn thành nhiệm vụ", "Tốt trở lên", "Tỷ lệ tốt trở lên", "Bài viết",
              "Năm", "Mã đơn vị", "Cấp trên", "Mã cấp trên", "Loại", "Nhóm", "Bị kỷ luật trong năm"]


def results_csv(table: dict) -> bytes:
    """The results of a review year for Excel: UTF-8 with a byte-order mark (without it
    Excel shows Vietnamese as mojibake), numbers as plain integers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in table["rows"]:
        writer.writerow(_csv_row(table["review_year"], row, row, row["level_label"], "Đảng viên"))
    # The other count groups, a row per unit that gives one, named in the last column (a
    # sheet that sums a column filters on it first).
    by_id = {row["unit_id"]: row for row in table["rows"]}
    for other in table.get("others", ()):
        for row in other["rows"]:
            writer.writerow(_csv_row(table["review_year"], by_id[row["unit_id"]], row, "", other["heading"]))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_row(year: int, unit: dict, row: dict, level_label: str, group: str) -> list:
    """One line of the CSV: the unit (its row of the members' table) and one group's figures."""
    counts = [c["count"].replace(".", "") for c in row["levels"]] or ["", "", "", ""]
    return [_cell(row["unit"]), _cell(level_label), "đề nghị" if row["status"] == "proposed" else "được công nhận",
            row["total"].replace(".", ""), row["rated"].replace(".", ""), *counts,
            row["good"].replace(".", ""), row["good_percent"], row["post_url"],
            year, unit["unit_id"], _cell(unit["parent"]), unit["parent_id"], unit["kind"], group, row["disciplined"]]


def _cell(text: str) -> str:
    """A cell that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def assets(root: str) -> dict:
    """The built-in theme's assets, overridden by the site's assets/ of the same name."""
    found: dict = {}
    for base in (THEME_ASSETS, os.path.join(root, "assets")):
        for folder, dirs, names in os.walk(base):
            dirs.sort()
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = os.path.join(folder, name)
                rel = os.path.relpath(full, base).replace(os.sep, "/")
                with open(full, "rb") as f:
                    found[rel] = f.read()
    return found
