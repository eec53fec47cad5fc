"""Markdown to HTML: CommonMark with GitHub's tables, strikethrough, bare links and
footnotes, by cmark-gfm (the C library, through the cmarkgfm package).

cmarkgfm's own markdown_to_html_with_extensions() never frees the document tree nor
the HTML it gets from C: ~70 KB lost per post here, 340 MB in a worker of a 10,000-post
build. This does the same calls and frees both, with the library's own exported
cmark_node_free and allocator. Where they cannot be found (a build of the library that
does not export them), it falls back to cmarkgfm's function and its leak.
"""
from __future__ import annotations

import cmarkgfm
from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES  # raw HTML is cleaned later
EXTENSIONS = ("table", "strikethrough", "autolink")

_lib, _ffi = _cmark.lib, _cmark.ffi


def _own_functions():
    """(cmark_node_free, the default allocator's free, a cast to their pointer type), or
    None. Through ctypes: a cffi declaration would import cffi's C parser (~0.07 s, a
    quarter of an edit's rebuild)."""
    try:
        import ctypes
        own = ctypes.CDLL(_cmark.__file__)
        node_free = own.cmark_node_free
        node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
        allocator = own.cmark_get_default_mem_allocator
        allocator.restype = ctypes.POINTER(ctypes.c_void_p * 3)  # calloc, realloc, free
        free = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(allocator().contents[2])

        def cast(pointer):
            return int(_ffi.cast("uintptr_t", pointer))
        return node_free, free, cast
    except Exception:  # not exported, or no ctypes: cmarkgfm's own function below
        return None


_OWN = _own_functions()
_lib.cmark_gfm_core_extensions_ensure_registered()
_EXTENSIONS = [_lib.cmark_find_syntax_extension(name.encode()) for name in EXTENSIONS]


def to_html(text: str) -> str:
    if _OWN is None:
        return cmarkgfm.markdown_to_html_with_extensions(text, options=OPTIONS, extensions=list(EXTENSIONS))
    node_free, free, cast = _OWN
    data = text.encode("utf-8")
    parser = _lib.cmark_parser_new(OPTIONS)
    try:
        for extension in _EXTENSIONS:
            _lib.cmark_parser_attach_syntax_extension(parser, extension)
        _lib.cmark_parser_feed(parser, data, len(data))
        root = _lib.cmark_parser_finish(parser)  # the caller owns the tree
        try:
            raw = _lib.cmark_render_html(root, OPTIONS, _lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return _ffi.string(raw).decode("utf-8")
            finally:
                free(cast(raw))
        finally:
            node_free(cast(root))
    finally:
        _lib.cmark_parser_free(parser)
