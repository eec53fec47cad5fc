"""What a YAML syntax error means, in the user's words and at the line where the slip
is: PyYAML reports a key with no space after its colon, or a line indented unlike its
group, a line late and in its own terms.
"""
from __future__ import annotations

import re

from sitegen.lang import N_, _


def describe(e, first_line: int, text: str = "") -> tuple[str, int, int]:
    """PyYAML's error `e` as (message, line, column) in the file, in the user's words."""
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line if mark else 0) + first_line, (mark.column if mark else 0) + 1
    lines = text.split("\n")
    # The two slips behind most of these errors, which YAML reports a line late or in its
    # own words: a key with no space after its colon, and a line indented unlike its group.
    at = line - first_line
    for i in range(min(at, len(lines) - 1), max(-1, at - 2), -1):
        glued = _GLUED.match(lines[i])
        if glued:
            return (_("a space is missing after the colon of `{key}`; write `{key}: {value}`").format(
                key=glued["key"].strip(), value=glued["value"].strip()), i + first_line, glued.end("key") + 2)
    if 0 < at < len(lines) and e.problem and ("expected key" in e.problem or "not allowed" in e.problem
                                               or "expected <block end>" in e.problem):
        here, above = lines[at], next((line for line in reversed(lines[:at]) if line.strip()), "")
        indent, above_indent = len(here) - len(here.lstrip(" ")), len(above) - len(above.lstrip(" "))
        if here.strip() and indent != above_indent and not above.rstrip().endswith(":"):
            return (_("this line is indented by {here} spaces and the line above by {above}: the keys of one "
                      "group start at the same column, and a key goes further in only under a key that ends "
                      "with ':'").format(here=indent, above=above_indent), line, 1)
    message = _("YAML syntax error: {why}").format(why=_yaml_words(e.problem or e.context or "invalid YAML"))
    started = e.context_mark
    if e.context and e.problem and started is not None and "next token" not in e.context:
        message += _(" ({what} that started at line {line}, column {column})").format(
            what=_yaml_words(e.context), line=started.line + first_line, column=started.column + 1)
    problem = e.problem or ""
    here = lines[at] if 0 <= at < len(lines) else ""
    quoted = _QUOTED_THEN_MORE.match(here)
    if "expected key" in problem and quoted and len(quoted[0]) == column - 1:
        # title: "Chi bộ "Trường" họp": the inner quote ended the value.
        message += _("; the quotes {quote} around the value end before `{rest}`: inside the value write other "
                     "quotes, e.g. {key}: {mark}{inner}{mark}").format(
            quote=quoted["q"], rest=here[column - 1:].strip()[:20], key=quoted["key"].strip(),
            mark=quoted["q"], inner=_inner_quotes(here.split(":", 1)[1].strip()[1:-1], quoted["q"]))
    elif "block sequence entries are not allowed" in problem:
        message += _("; a '-' after a key's colon starts a list, which cannot stand there: to write no one, "
                     "write 0; for a list, put each item on its own line below the key, starting with '- '")
    elif "while scanning an alias" in (e.context or ""):
        message += _("; a value that starts with '*' is read as a reference to another value: put the value "
                     "in quotes")
    elif "mapping values are not allowed" in problem:
        key, _colon, value = (lines[at] if 0 <= at < len(lines) else "").partition(": ")
        curly = _CURLY.match(value.strip())
        if curly:  # “…” typed by Word or a phone keyboard: YAML quotes only with " and '
            text = curly[2]
            quoted = f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"
            message += _("; the value is in the typographic quotes {open} {close}, which YAML does not take as "
                         "quotes: write straight ones, e.g. {key}: {quoted}").format(
                open=curly[1], close=curly[3] or "", key=key.strip(), quoted=quoted)
        else:
            message += _("; a value that contains ': ' must be put in quotes, e.g. title: \"Chi bộ A: Hội nghị\"")
    elif "'\\t'" in problem or "tab" in problem:
        message += _("; indent with spaces, not tabs")
    elif "found character" in problem:
        message += _("; put the value in quotes")
    return message, line, column


def _inner_quotes(text: str, mark: str) -> str:
    """The text of a value with its inner straight quotes made typographic ones."""
    if mark == '"':
        return re.sub(r'"([^"]*)"', "“\\1”", text)
    return re.sub(r"'([^']*)'", "‘\\1’", text)


_KEY = r"""^(?P<key>\s*(?:- )?[^\s:#'"{}\[\],-][^:#'"]*?):"""  # a key as a line starts with it
_QUOTED_THEN_MORE = re.compile(_KEY + r"""\s+(?P<q>["'])[^"']*?(?P=q)""")
_CURLY = re.compile(r"([“”„‘’«])(.*?)([”“’‘»])?$")
_GLUED = re.compile(_KEY + r"(?P<value>[^\s/:].*)$")


# What PyYAML and libyaml say, for the messages that say it again in the user's language
# (the reason, and what was being read when it failed). Anything else is shown as is.
_YAML_WORDS = {
    "mapping values are not allowed here": N_("a ': ' where no key can start"),
    "mapping values are not allowed in this context": N_("a ': ' where no key can start"),
    "could not find expected ':'": N_("a ':' is missing after a key"),
    "did not find expected key": N_("a key was expected here"),
    "did not find expected node content": N_("a value was expected here"),
    "did not find expected '-' indicator": N_("a list item ('- ') was expected here"),
    "did not find expected ',' or ']'": N_("a ',' or ']' is missing"),
    "did not find expected ',' or '}'": N_("a ',' or '}}' is missing"),
    "found unexpected end of stream": N_("the front matter ends in the middle of a value"),
    "found character that cannot start any token": N_("a character that cannot start a value"),
    "found a tab character that violates indentation": N_("a tab where the indentation must be spaces"),
    "found unknown escape character": N_("an unknown escape after a backslash"),
    "found undefined tag handle": N_("an unknown tag (a word after '!')"),
    "found undefined alias": N_("an alias (*name) with no anchor (&name) before it"),
    "found duplicate anchor": N_("the same anchor (&name) twice"),
    "expected <block end>, but found '<block mapping start>'": N_("a key indented differently from the keys before it"),
    "expected <block end>, but found '<block sequence start>'": N_("a list indented differently from what comes before it"),
    "expected <block end>, but found '-'": N_("a list item ('- ') where a key was expected"),
    "expected <block end>, but found '<scalar>'": N_("a value where a key was expected"),
    "invalid YAML": N_("invalid YAML"),
    "while scanning a simple key": N_("a key"),
    "while parsing a block mapping": N_("the keys"),
    "while parsing a block collection": N_("the list"),
    "while parsing a flow mapping": N_("the braces { }"),
    "while parsing a flow sequence": N_("the brackets [ ]"),
    "while scanning a quoted scalar": N_("the quoted text"),
    "while scanning a plain scalar": N_("the value"),
    "while scanning an alias": N_("the alias"),
    "while scanning an anchor": N_("the anchor"),
    "block sequence entries are not allowed in this context": N_("a list item ('- ') where a value was expected"),
    "did not find expected alphabetic or numeric character": N_("a name was expected after '*'"),
    "while parsing a block node": N_("the value"),
    "while parsing a flow node": N_("the value"),
    "while scanning a block scalar": N_("the block of text"),
}


def _yaml_words(text: str) -> str:
    """PyYAML's words in the user's language; "found character '\\t' that ...": the
    known form with the character quoted after it."""
    key = text.strip()
    found = re.match(r"found character ('.*?'|\S+) that cannot start any token", key)
    if found:
        return _("{what}: {character}").format(what=_(_YAML_WORDS["found character that cannot start any token"]),
                                               character=found[1])
    for english, words in _YAML_WORDS.items():
        if key.startswith(english):
            return _(words) + key[len(english):]
    return key
