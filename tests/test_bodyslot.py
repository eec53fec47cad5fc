"""A body-only edit puts the new body into the page in output/ without Jinja2, but only
when the post template shows the body once and nothing else in the page depends on it
(sitegen/bodyslot.py). Any other template renders the page again: both ways write what
a clean build writes."""
import os
import shutil

import pytest

import golden
from sitegen import render
from sitegen.bodyslot import slot_templates
from sitegen.build import build
from test_build import tree_hashes

THEME_POST = os.path.join(render.THEME, "templates", "post.html")
with open(THEME_POST, encoding="utf-8") as _f:
    THEME_POST_TEXT = _f.read()
BODY = "{{ post.body | safe }}"


def _slots(tmp_path, layouts: dict) -> frozenset:
    folder = tmp_path / "layouts"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, text in layouts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return slot_templates(render.Renderer(str(tmp_path), "https://example.org/").env)


def _post_html(old: str, new: str) -> dict:
    assert old in THEME_POST_TEXT
    return {"post.html": THEME_POST_TEXT.replace(old, new, 1)}


def test_the_built_in_theme_has_the_body_as_a_slot(tmp_path):
    assert _slots(tmp_path, {}) == {"post.html", "page.html"}


@pytest.mark.parametrize("layouts", [
    {"post.html": "<main>{{ post.title }}\n" + BODY + "\n{{ post['date'] }}</main>"},  # extends nothing
    _post_html("<h1>{{ post.title }}</h1>", "<h1>{{ post.title | upper }}</h1>{% include '_note.html' %}")
    | {"_note.html": "{% if post.tags %}<p>{{ post.tags | length }}</p>{% endif %}"},
    _post_html("{% block main %}", "{% block main %}{{ super() }}"),
], ids=["flat", "include-using-other-keys", "super"])
def test_templates_that_keep_the_body_a_slot(tmp_path, layouts):
    assert "post.html" in _slots(tmp_path, layouts)


@pytest.mark.parametrize("layouts", [
    _post_html("<h1>{{ post.title }}</h1>", "<h1>{{ post.title }} ({{ post.body | wordcount }} chữ)</h1>"),
    _post_html(BODY, "{{ post.body | safe }}{{ post.body | safe }}"),
    _post_html(BODY, "{{ post.body | striptags }}"),
    _post_html(BODY, "{{ post.body }}"),
    _post_html(BODY, "{% if post.photos %}" + BODY + "{% endif %}"),
    _post_html(BODY, "{% for i in range(1) %}" + BODY + "{% endfor %}"),
    _post_html(BODY, "{% set b = post.body %}{{ b | safe }}"),
    _post_html(BODY, "{{ post['body'] | safe }}"),
    _post_html("<h1>{{ post.title }}</h1>", "<h1>{{ post.get('body') | length }}</h1>"),
    _post_html("<h1>{{ post.title }}</h1>", "<h1>{{ post | length }}</h1>"),
    _post_html("<h1>{{ post.title }}</h1>", "{% set p = post %}<h1>{{ p.title }}</h1>"),
    _post_html("<h1>{{ post.title }}</h1>", "<h1>{{ post.title }}</h1>{% include '_x.html' %}")
    | {"_x.html": "<meta content=\"{{ post.body | length }}\">"},
    _post_html("<h1>{{ post.title }}</h1>", "<h1>{{ post.title }}</h1>{% include post.kind ~ '.html' %}"),
    _post_html("{% block main %}", "{% block main %}{{ self.head() }}"),
    {"post.html": THEME_POST_TEXT, "base.html": "{% block main %}{% endblock %}{{ self.main() }}"},
    {"post.html": THEME_POST_TEXT, "base.html": "{% if true %}{% block main %}{% endblock %}{% endif %}"},
    {"post.html": THEME_POST_TEXT.replace('"base.html"', '"mid.html"'),
     "mid.html": '{% extends "base.html" %}'},
], ids=["word-count", "twice", "filtered", "escaped", "in-if", "in-loop", "assigned", "by-item", "dict-method",
        "whole", "aliased", "include-uses-body", "dynamic-include", "self", "base-shows-twice",
        "base-in-if", "three-levels"])
def test_templates_where_the_page_depends_on_the_body_otherwise(tmp_path, layouts):
    assert "post.html" not in _slots(tmp_path, layouts)


def _example(site: str) -> str:
    os.makedirs(site)
    for name in ("site.yaml", "content"):
        src = os.path.join(golden.ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, name))
    return site


def _edit_a_body(site: str, n: int) -> None:
    posts = sorted(os.path.join(b, f) for b, _, fs in os.walk(os.path.join(site, "content", "posts"))
                   for f in fs if f.endswith(".md"))
    with open(posts[3], "a", encoding="utf-8") as f:
        f.write(f"\nThêm {n} câu, có *chữ nghiêng* và <b>in đậm</b> lẫn <script>x()</script>.\n")


def _same_as_clean(site: str) -> None:
    """output/ is what a clean build of a copy of the site writes (a copy: a build of
    the site itself into another folder would leave its output/ untrusted)."""
    clean = site + "-clean"
    shutil.rmtree(clean, ignore_errors=True)
    os.makedirs(clean)
    for name in ("site.yaml", "content", "layouts"):
        src = os.path.join(site, name)
        if os.path.exists(src):
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(clean, name))
    assert build(clean, cache=False).ok
    assert tree_hashes(os.path.join(site, "output")) == tree_hashes(os.path.join(clean, "output"))


def test_a_body_edit_replaces_the_body_in_the_page_without_rendering(tmp_path, monkeypatch):
    site = _example(str(tmp_path / "site"))
    assert build(site).how == "full"
    for n in (1, 2):  # the second edit splices into a page the first one spliced
        _edit_a_body(site, n)
        with monkeypatch.context() as m:
            m.setattr(render.Renderer, "render", lambda *a: pytest.fail("rendered"))
            result = build(site)
        assert (result.how, result.stats.written) == ("shortcut", 2)
        _same_as_clean(site)


def test_a_template_showing_more_of_the_body_has_its_page_rendered_again(tmp_path):
    """A site's post.html shows the body's word count above the body: an edit changes
    it, so the page is rendered, not spliced (a splice would keep the old count)."""
    site = _example(str(tmp_path / "site"))
    os.makedirs(os.path.join(site, "layouts"))
    with open(os.path.join(site, "layouts", "post.html"), "w", encoding="utf-8") as f:
        f.write(THEME_POST_TEXT.replace("<h1>{{ post.title }}</h1>",
                                        "<h1>{{ post.title }}</h1><p>{{ post.body | wordcount }} chữ</p>"))
    assert build(site).how == "full"
    _edit_a_body(site, 1)
    result = build(site)
    assert (result.how, result.stats.written) == ("shortcut", 2)
    _same_as_clean(site)


def test_a_page_showing_the_marker_other_than_once_is_rendered_with_its_body(tmp_path):
    """render_slotted() trusts the marker only when the page shows it exactly once."""
    from sitegen.render import PageSpec
    from sitegen.sitefiles import render_slotted
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "twice.html").write_text("<p>{{ post.body | safe }}|{{ post.body | safe }}</p>\n")
    (tmp_path / "layouts" / "once.html").write_text("<p>{{ post.title }}: {{ post.body | safe }}</p>\n")
    renderer = render.Renderer(str(tmp_path), "https://example.org/")
    context = {"title": "T", "post": {"title": "Tên", "body": "<em>thân bài</em>"}}
    common = {"site": {}, "nav": {}}
    twice = PageSpec("a/", "twice.html", context)
    assert render_slotted(renderer, twice, common, "<em>thân bài</em>") == (
        "<p><em>thân bài</em>|<em>thân bài</em></p>\n".encode(), None, None)
    once = PageSpec("a/", "once.html", context)
    data, problem, place = render_slotted(renderer, once, common, "<em>thân bài</em>")
    assert (data, problem) == renderer.render(once, common) == ("<p>Tên: <em>thân bài</em></p>\n".encode(), None)
    assert place == (len("<p>Tên: ".encode()), len("</p>\n"))
