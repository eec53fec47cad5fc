"""Jinja2: the only module that renders pages (a post's body as HTML is bodyhtml.py).

A file in the site's layouts/ overrides the built-in theme file of the same name. Jinja2
runs with StrictUndefined and autoescape; an error in a template becomes a Problem (E601)
naming the template, its line and the page (and post) being rendered.
"""
from __future__ import annotations

import os
import re
import sys
from types import FunctionType

import jinja2
from markupsafe import Markup

from sitegen import vi
from sitegen.lang import _
from sitegen.problems import Problem
from sitegen.render.bodyhtml import markdown_html
from sitegen.site import narrative
from sitegen.site.pages import PageSpec  # noqa: F401 - render.PageSpec for the page's makers


THEME = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "theme")
BUILTIN = "(built-in theme)"


def relative(from_url: str, to_url: str) -> str:
    """A link that works from disk, from the server root and from any sub-path: relative,
    and naming index.html (a browser opening files does not add it)."""
    prefix = "../" * from_url.count("/")
    if to_url == "" or to_url.endswith("/"):
        to_url += "index.html"
    return prefix + to_url


_DICT_NAMES = frozenset(dir(dict))
# Characters XML 1.0 forbids anywhere in a document, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Environment(jinja2.Environment):
    """Jinja2's, with a quicker `x.name` on a plain dict (every card and context here is
    one). Jinja2 tries getattr() first, which on a dict fails by raising AttributeError:
    ~1.6 µs a time, two million times in a 10,000-post build. The result is the same: a
    name that dicts have as an attribute (`items`, `get`, ...) still goes Jinja2's way."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class _Context(jinja2.runtime.Context):
    """Jinja2's, with a direct call of a plain Python function (`link`, `chrome`: ~300,000
    calls in a 10,000-post build). Jinja2's call() looks for its pass_context markers on
    the function and on its __call__ first; a plain function has none unless marked, and
    a marked one still goes Jinja2's way."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's own signature
        if type(__obj) is FunctionType and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


_Environment.context_class = _Context


class Renderer:
    def __init__(self, site_root: str, base_url: str, trust_html: bool = False,
                 markdown_extensions: tuple = ()):
        layouts = os.path.join(site_root, "layouts")
        self.layouts = layouts
        self.site_root = site_root
        self.base_url = base_url
        self.base_path = re.sub(r"^https?://[^/]+", "", base_url) or "/"
        self.env = _Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(layouts),
                                        jinja2.FileSystemLoader(os.path.join(THEME, "templates"))]),
            autoescape=jinja2.select_autoescape(("html", "xml"), default_for_string=True),
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            # No bytecode cache: compiled templates kept in the site folder are code that
            # Jinja2 runs, and a site folder travels (safepickle.py says why that matters).
            keep_trailing_newline=True,
            # A Renderer is used only while the templates' stamps are what they were when
            # it was made (sitefiles.py makes a new one otherwise); Jinja2's own check of
            # each template's modification time at every page was 68,000 stats a build.
            auto_reload=False)
        self.env.filters.update(
            vi_int=vi.integer, vi_count=vi.count, vi_percent=vi.percent, date_short=vi.date_short,
            date_long=vi.date_long, level_label=lambda level: narrative.LABELS[level],
            score=narrative.score_text, cited=narrative.cited)
        self.trust_html = trust_html
        self.markdown_extensions = markdown_extensions
        self._chrome_parts: dict = {}
        self._chrome_of = None

    def markdown_html(self, text: str) -> str:
        return markdown_html(text, self.trust_html, self.markdown_extensions)

    def render(self, page: PageSpec, common: dict) -> tuple[bytes | None, Problem | None]:
        context = dict(common)
        context.update(page.context)
        context.update(self._tools(common, page.url))
        context["page_url"] = page.url
        try:
            text = self.env.get_template(page.template).render(context)
        except jinja2.TemplateSyntaxError as e:
            return None, Problem(self._template_path(e.filename, e.name), e.lineno or 1, 1, "E601",
                                 _("template syntax error: {why}").format(why=e.message))
        except Exception as e:  # any error raised while a template runs
            path, line = self._template_frame(sys.exc_info()[2], page.template)
            what = f"{e.__class__.__name__}: {e}" if not isinstance(e, jinja2.UndefinedError) else str(e)
            source = _(" for {source}").format(source=page.source) if page.source else ""
            return None, Problem(path, line, 1, "E601",
                                 _("template error while rendering /{url}{source}: {why}").format(
                                     url=page.url, source=source, why=what))
        if page.url.endswith(".xml"):  # a pasted Word line break (\v) in a title breaks a feed
            text = _NOT_XML.sub(" ", text)
        return text.encode("utf-8", "replace"), None

    def _tools(self, common: dict, here: str) -> dict:
        """What templates call, the same for every page at `here`'s folder depth (links
        are relative by depth), so made once per depth: link(), chrome(), card(), and the
        macros picture() and post_list(). Importing those with a page's context made a
        cycle of objects at every page, left for the collector."""
        parts = self._parts(common)
        key = ("tools", here == "404.html", here.count("/"))
        found = parts.get(key)
        if found is not None:
            return found
        if here == "404.html":  # served for any missing path: links must not be relative
            def link(url: str) -> str:
                return self.base_path + url
        else:
            def link(url: str) -> str:
                return relative(here, url)
        tools: dict = {"link": link}
        tools.update(chrome=lambda name, section="": self._chrome(name, common, link, section),
                     card=lambda post, level=2: self._card(post, level, common, tools),
                     picture=lambda *args, **kwargs: self._module("_picture.html", common, tools)
                     .picture(*args, **kwargs),
                     post_list=lambda *args, **kwargs: self._module("_cards.html", common, tools)
                     .post_list(*args, **kwargs))
        parts[key] = tools
        return tools

    def _chrome(self, name: str, common: dict, link, section: str = "") -> Markup:
        """The site's header or footer (_header.html, _footer.html): the same on every page
        at the same folder depth and in the same section (the menu marks it), so rendered
        once per depth and section and reused. They were half of the time of rendering a
        post's page."""
        parts = self._parts(common)
        key = (name, link(""), section)
        html = parts.get(key)
        if html is None:
            context = {"site": common["site"], "nav": common["nav"], "link": link, "section": section}
            html = Markup(self.env.get_template(f"_{name}.html").render(context))
            parts[key] = html
        return html

    def _card(self, post: dict, level, common: dict, tools: dict) -> Markup:
        """A post's entry in lists (_card.html): the same in every list at the same folder
        depth, so rendered once per depth and reused. A post is listed on ~7 pages (home
        pages, its year, its unit, each of its tags); at 10,000 posts the cards were ~6 s
        of rendering. Cards are made once per post (pages.Cards), so the card object
        itself is the key, kept alive with its HTML so that its id is not reused."""
        parts = self._parts(common)
        key = (id(post), level, tools["link"](""))
        found = parts.get(key)
        if found is not None and found[0] is post:
            return found[1]
        html = Markup(self._module("_card.html", common, tools).card(post, level))
        parts[key] = (post, html)
        return html

    def _module(self, name: str, common: dict, tools: dict):
        """The macros of template `name`, made once per folder depth, seeing only the
        depth's tools (making _card.html's once imported _picture.html, which cost more
        than the card itself)."""
        parts = self._parts(common)
        key = (name, "module", tools["link"](""))
        module = parts.get(key)
        if module is None:
            module = self.env.get_template(name).make_module(tools)
            parts[key] = module
        return module

    def _parts(self, common: dict) -> dict:
        """Rendered parts reused across pages, for one build's settings."""
        if common is not self._chrome_of:  # another build's (or serve rebuild's) settings
            self._chrome_parts, self._chrome_of = {}, common
        return self._chrome_parts

    def _template_path(self, filename: str | None, name: str | None) -> str:
        if filename and os.path.abspath(filename).startswith(os.path.abspath(self.layouts) + os.sep):
            return os.path.relpath(filename, self.site_root).replace(os.sep, "/")
        return f"{BUILTIN}/{name or os.path.basename(filename or '?')}"

    def _template_frame(self, tb, fallback: str) -> tuple[str, int]:
        """The innermost traceback frame that runs a template (Jinja2 maps its lines)."""
        found = (f"{BUILTIN}/{fallback}", 1)
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith((".html", ".xml", ".txt")) and os.path.exists(filename):
                found = (self._template_path(filename, os.path.basename(filename)), tb.tb_lineno)
            tb = tb.tb_next
        return found
