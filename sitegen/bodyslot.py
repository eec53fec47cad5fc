"""Which post templates put a post's body into its page as a slot: the page is
A + body HTML + B, where A and B do not depend on the body.

For such a template, a body-only edit (shortcut.py) needs no Jinja2 at all: the new page
is the old one with the body between A and B replaced. The full build finds where the
body sits in each page it renders (sitefiles.py); this module decides, by reading the
templates, whether that position means anything.

A template qualifies when, in it and in every template it extends, includes or imports:
- the body is used exactly once, as `{{ post.body | safe }}`, in the template itself,
  directly in a block that its parent (or itself, if it extends nothing) shows once,
  outside any loop, condition, macro or call;
- `post` is otherwise only used for its other keys (`post.title`, `post['date']`): never
  as a whole (passed, assigned, looped over, filtered), never for a dict method;
- `self` is never used (it could show a block twice) and every template named is a
  constant;
- no filter or function added to Jinja2 receives the template's context.
Anything else is not a slot: those pages are rendered again, as before.
"""
from __future__ import annotations

POST_TEMPLATES = ("post.html", "page.html")

_DICT_NAMES = frozenset(dir(dict))


def slot_templates(env) -> frozenset:
    """The names in POST_TEMPLATES whose pages have the body as a slot."""
    if _context_callables(env):
        return frozenset()
    found = set()
    for name in POST_TEMPLATES:
        try:
            if _is_slot(env, name):
                found.add(name)
        except Exception:  # a missing or broken template: its pages render as before
            pass
    return frozenset(found)


def _context_callables(env) -> bool:
    """Whether a filter, test or global not from Jinja2 itself is given the context."""
    for table in (env.filters, env.tests, env.globals):
        for value in table.values():
            module = getattr(value, "__module__", "") or ""
            if hasattr(value, "jinja_pass_arg") and not module.startswith("jinja2"):
                return True
    return False


def _parsed(env, name: str):
    source, filename, _ = env.loader.get_source(env, name)
    return env.parse(source, name, filename)


def _walk(node, ancestors=()):
    """Every node under `node` with its ancestors (outermost first)."""
    for child in node.iter_child_nodes():
        yield child, ancestors + (node,)
        yield from _walk(child, ancestors + (node,))


def _is_slot(env, leaf_name: str) -> bool:
    from jinja2 import nodes
    leaf = _parsed(env, leaf_name)
    extends = [n for n, _ in _walk(leaf) if isinstance(n, nodes.Extends)]
    parent = None
    if extends:
        if len(extends) != 1 or extends[0] not in leaf.body or not isinstance(extends[0].template, nodes.Const):
            return False
        parent = _parsed(env, extends[0].template.value)
        if any(isinstance(n, nodes.Extends) for n, _ in _walk(parent)):
            return False  # a chain of more than two: not followed
    # Every template the page runs: the leaf, its parent, and what they include or import.
    templates = [leaf] + ([parent] if parent else [])
    todo, seen = list(templates), set()
    while todo:
        tree = todo.pop()
        for node, _ in _walk(tree):
            if isinstance(node, (nodes.Include, nodes.Import, nodes.FromImport)):
                if not isinstance(node.template, nodes.Const) or not isinstance(node.template.value, str):
                    return False
                if node.template.value not in seen:
                    seen.add(node.template.value)
                    included = _parsed(env, node.template.value)
                    templates.append(included)
                    todo.append(included)
    uses = []
    for tree in templates:
        for node, ancestors in _walk(tree):
            if isinstance(node, nodes.Import) and node.target == "post":
                return False
            if isinstance(node, nodes.FromImport) and any(
                    (n if isinstance(n, str) else n[-1]) == "post" for n in node.names):
                return False
            if not isinstance(node, nodes.Name):
                continue
            if node.name == "self":
                return False
            if node.name != "post":
                continue
            holder = ancestors[-1]
            if isinstance(holder, nodes.Getattr) and holder.node is node:
                key = holder.attr
            elif (isinstance(holder, nodes.Getitem) and holder.node is node
                  and isinstance(holder.arg, nodes.Const) and isinstance(holder.arg.value, str)):
                key = holder.arg.value
            else:
                return False  # `post` as a whole
            if key.startswith("_") or key in _DICT_NAMES:
                return False
            if key == "body":
                uses.append((tree, holder, ancestors))
    if len(uses) != 1:
        return False
    tree, holder, ancestors = uses[0]
    # Around `post`: Getattr < Filter safe < Output < Block < Template (the leaf), or, when
    # the leaf extends nothing, Getattr < Filter safe < Output < Template.
    if tree is not leaf or not isinstance(holder, nodes.Getattr) or len(ancestors) < 4:
        return False
    shown, output, filtered = ancestors[-4], ancestors[-3], ancestors[-2]
    if not (isinstance(filtered, nodes.Filter) and filtered.name == "safe" and filtered.node is holder
            and not filtered.args and not filtered.kwargs and filtered.dyn_args is None
            and filtered.dyn_kwargs is None and isinstance(output, nodes.Output) and filtered in output.nodes):
        return False
    if parent is None:
        return len(ancestors) == 4 and shown is leaf and output in leaf.body
    if not (len(ancestors) == 5 and isinstance(shown, nodes.Block) and shown in leaf.body):
        return False
    # The parent shows that block once: at its top level, or in blocks the leaf leaves alone.
    overridden = {n.name for n, _ in _walk(leaf) if isinstance(n, nodes.Block)}
    places = [(n, a) for n, a in _walk(parent) if isinstance(n, nodes.Block) and n.name == shown.name]
    if len(places) != 1:
        return False
    for outer in places[0][1][1:]:
        if not isinstance(outer, nodes.Block) or outer.name in overridden:
            return False
    return True
