"""What every command of the command line shares: exit statuses, how it speaks, and
which site and files it was pointed at."""
from __future__ import annotations

import os
import sys

from sitegen.lang import _
from sitegen.problems import format_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def print_problems(problems) -> None:
    sys.stdout.write(format_text(problems))


def say(text: str) -> None:
    print(f"sitegen: {text}", file=sys.stderr)


def find_site(start: str) -> str | None:
    """The nearest folder from `start` upwards that holds site.yaml, or None: a clerk may
    run sitegen from the folder of the post being written."""
    folder = os.path.abspath(start)
    while True:
        if os.path.isfile(os.path.join(folder, "site.yaml")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def year_arg(text: str) -> int:
    """A year on the command line: "2025", or "năm 2025" as a clerk says it."""
    import argparse

    from sitegen.read.written import read_year

    year = read_year(text)
    if year is None:
        raise argparse.ArgumentTypeError(_("'{text}' is not a year; write it in four digits, e.g. 2025").format(
            text=text))
    return year


def whole_arg(text: str) -> int:
    """A whole number on the command line (a port, a number of processes)."""
    import argparse

    if not (text.strip().isascii() and text.strip().isdigit()):  # "²" is a digit to str.isdigit, not to int()
        raise argparse.ArgumentTypeError(_("'{text}' is not a whole number, e.g. 8000").format(text=text))
    return int(text)


SETTINGS = ("site.yaml", "content/units.yaml")


def only_files(problems, site: str, paths: list) -> tuple[list, int] | str:
    """(the problems of the files or folders `paths` name, and of the settings that every
    post depends on, with how many files those are), or why a path names none of the
    site's files."""
    wanted = []
    for path in paths:
        # From the site's folder (as -s and the messages name files), else from the current one.
        full = os.path.join(site, path) if os.path.exists(os.path.join(site, path)) else os.path.abspath(path)
        rel = os.path.relpath(full, site).replace(os.sep, "/")
        if rel == ".." or rel.startswith("../") or os.path.isabs(rel):
            return _("{path} is not in the site {site}").format(path=path, site=site)
        if not os.path.exists(full):
            return _("there is no file {path}").format(path=path)
        wanted.append(rel)
    count = 0
    for rel in wanted:
        full = os.path.join(site, rel)
        count += sum(len(names) for _folder, _dirs, names in os.walk(full)) if os.path.isdir(full) else 1

    def chosen(problem) -> bool:
        if problem.path in SETTINGS and problem.is_error:
            return True  # an error there stops every page
        return any(rel == "." or problem.path == rel or problem.path.startswith(rel + "/") for rel in wanted)
    return [p for p in problems if chosen(p)], count
