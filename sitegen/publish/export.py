"""`sitegen export POST`: one post as a self-contained HTML fragment for a CMS editor.

For units that must keep publishing through a portal: the article, the results written
out and tabled (the same checked numbers as the site), photos at their absolute URLs on
the site, styles inline. The whole site is checked first; a site with errors exports
nothing.
"""
from __future__ import annotations

import difflib
import os

from sitegen import vi
from sitegen.check.loading import load_site
from sitegen.lang import _
from sitegen.problems import Problem
from sitegen.read import sources, urls
from sitegen.render import imagecache
from sitegen.render import renderer as render
from sitegen.site import pages


MARK = "<!-- sitegen export:"


def find_post(site, which: str):
    """By file (content/posts/2024/x.md, or a path from the current folder), by slug, by
    URL (2024/slug/), or as a clerk names it: the file's name alone, or the post's title
    (any case, with or without marks) when one post has it."""
    wanted = which.replace("\\", "/").strip()
    if not os.path.isfile(os.path.join(site.root, wanted)) and os.path.isfile(wanted):
        wanted = os.path.abspath(wanted)  # named from the current folder, wherever that is in the site
    if os.path.isabs(wanted):
        wanted = os.path.relpath(wanted, site.root).replace(os.sep, "/")
    wanted = wanted.rstrip("/") if wanted.endswith("/") and wanted.startswith("content/") else wanted
    for post in site.posts:
        url = urls.post_url(post)
        folder = post.rel.rsplit("/", 1)[0] if post.rel.endswith("/index.md") else None
        if wanted in (post.rel, post.slug, url, url.rstrip("/"), "/" + url, folder):
            return post
    name, title = wanted.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md"), vi.fold_phrase(which)
    for found in ([p for p in site.posts if _file_name(p) == name],
                  [p for p in site.posts if vi.fold_phrase(p.title) == title]):
        if len(found) == 1:
            return found[0]
    return None


def _file_name(post) -> str:
    """hoi-nghi for content/posts/2024/hoi-nghi.md and for content/posts/2024/hoi-nghi/index.md."""
    return (post.folder if post.rel.endswith("/index.md") else post.rel).rsplit("/", 1)[-1].removesuffix(".md")


def nearest(site, which: str) -> str:
    """' (did you mean content/posts/…: "title"?)' for the post `which` most likely names, or ''."""
    posts = {vi.fold_phrase(p.title): p for p in site.posts}
    posts.update({_file_name(p): p for p in site.posts})
    given = vi.fold_phrase(which.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".md"))
    within = {id(p): p for key, p in posts.items() if given and given in key}  # a title cut short
    close = (list(within.values()) if len(within) == 1 else
             [posts[key] for key in difflib.get_close_matches(given, posts, n=1, cutoff=0.6)])
    return _(" (did you mean {file}: \"{title}\"?)").format(file=close[0].rel, title=close[0].title) if close else ""


def export_post(root: str, which: str) -> tuple[str | None, tuple]:
    """(HTML fragment or None, problems)."""
    loaded = load_site(root)
    if loaded.errors or loaded.site is None:
        return None, loaded.problems
    site = loaded.site
    post = find_post(site, which)
    if post is None:
        return None, loaded.problems + (Problem(which, 1, 1, "E201", _("no post with this file, slug, URL or "
                                                                       "title{hint}; give the file, e.g. "
                                                                       "content/posts/2024/hoi-nghi.md").format(
                                                                           hint=nearest(site, which))),)
    wanted = {(post.folder, src): os.path.join(root, post.folder, *src.split("/"))
              for src in [p.src for p in post.photos] + ([post.cover] if post.cover else [])}
    prepared = imagecache.prepare(root, list(wanted.values()), site.config.images)
    photos = {key: prepared.photos[path] for key, path in wanted.items() if path in prepared.photos}
    renderer = render.Renderer(root, site.config.base_url, site.config.trust_html,
                               site.config.markdown_extensions)
    context = pages.Cards(site, photos).page_context(post, lambda p: renderer.markdown_html(sources.read_body(root, p.rel) or ""))
    common = {"site": {"title": site.config.title, "base_url": site.config.base_url}}
    spec = render.PageSpec(urls.post_url(post), "export.html", context, post.rel)
    data, problem = renderer.render(spec, common)
    if problem:
        return None, loaded.problems + (problem,)
    return data.decode("utf-8"), loaded.problems
