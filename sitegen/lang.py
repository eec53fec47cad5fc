"""The language sitegen speaks to people: Vietnamese, or English on request.

Messages are written in the code in English and marked with _() (or N_() where the
text is chosen before it is shown); gettext translates them from the catalog
sitegen/locale/vi/LC_MESSAGES/sitegen.mo, compiled from sitegen.po beside it
(docs/translating.md says how to update both). English is the catalog's source
language, so `--lang en` needs no catalog.

The language is chosen once, before anything is said: `use()` with --lang, else the
environment variable SITEGEN_LANG, else Vietnamese. Worker processes inherit it.
"""
from __future__ import annotations

import gettext as _gettext
import os

from sitegen import vi

DOMAIN = "sitegen"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
LANGUAGES = ("vi", "en")
DEFAULT = "vi"

_chosen: list = []  # [(code, translations)] once chosen


def normalise(code: str | None) -> str | None:
    """'vi', 'VI', 'vi_VN.UTF-8', 'en-US' -> 'vi' / 'en'; None for a language sitegen
    does not speak."""
    if not code:
        return None
    base = code.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return base if base in LANGUAGES else None


def use(code: str | None = None) -> str:
    """Speak `code` from now on (None: SITEGEN_LANG, else Vietnamese). The choice is put
    in the environment too, for processes sitegen starts."""
    chosen = normalise(code) or normalise(os.environ.get("SITEGEN_LANG")) or DEFAULT
    if chosen == "en":
        translations = _gettext.NullTranslations()
    else:
        # A missing catalog (a broken install) leaves English rather than a crash;
        # the tests and the installed-package test hold that it is there.
        translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen], fallback=True)
    _chosen[:] = [(chosen, translations)]
    os.environ["SITEGEN_LANG"] = chosen
    return chosen


def current() -> str:
    return _translations_and_code()[0]


def _translations_and_code() -> tuple:
    if not _chosen:
        use()
    return _chosen[0]


def _(message: str) -> str:
    """`message` in the chosen language."""
    return _translations_and_code()[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations_and_code()[1].ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalog without translating it yet (it is translated where
    it is shown, with _())."""
    return message


def number(n: int) -> str:
    """A count as the chosen language writes it: 2.755 in Vietnamese, 2,755 in English."""
    return vi.integer(n) if current() == "vi" else f"{n:,}"


def decimal(value: float, places: int = 2) -> str:
    """0,42 in Vietnamese, 0.42 in English (seconds, megabytes)."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if current() == "vi" else text


def speak_argparse() -> None:
    """argparse's own words ("usage:", "show this help message and exit", its error
    lines) in the chosen language: argparse looks up `_` and `ngettext` in its module
    when it speaks, so they are pointed at this catalog, where its messages are
    translated (ARGPARSE_WORDS)."""
    import argparse
    argparse._ = _
    argparse.ngettext = ngettext


# argparse's messages (Python 3.10 to 3.13) that a user of sitegen can meet, marked here
# so that the catalog holds them.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("optional arguments"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("argument %(argument_name)s: %(message)s"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"), N_("argument \"-\" with mode %r"),
    N_("can't open '%(filename)s': %(error)s"), N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)
