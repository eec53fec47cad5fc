"""Problems found in a site: one value per problem, formatted as text or JSON (section 8)."""
from __future__ import annotations

import errno
import os
from typing import NamedTuple

from sitegen.lang import N_, _, ngettext, number


SEVERITY = {"E": "error", "W": "warning"}  # the JSON output's words: never translated


class Problem(NamedTuple):
    # Field order is the sort order: by file, then position, then code. A named tuple,
    # as thousands cross from the checking processes (and sort in C).
    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> str:
        return SEVERITY[self.code[0]]

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def sort_problems(problems) -> list[Problem]:
    """Sorted and without exact repeats (one cause reached by two checks prints once)."""
    return sorted(set(problems))


def format_text(problems) -> str:
    return "".join(p.as_text() + "\n" for p in problems)


def format_json(problems) -> str:
    import json  # here: only `check --format json` needs it
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"


def summary_line(problems) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return (ngettext("{n} error", "{n} errors", errors).format(n=number(errors)) + ", "
            + ngettext("{n} warning", "{n} warnings", warnings).format(n=number(warnings)))


_OS_ADVICE = {
    errno.ENOSPC: N_("the disk is full; free some space (or build onto another disk with --output)"),
    errno.EDQUOT: N_("your disk quota is used up; free some space"),
    errno.EFBIG: N_("the file is larger than this disk or system allows"),
    errno.EACCES: N_("permission denied; give yourself the right to use it, or choose another folder"),
    errno.EPERM: N_("permission denied; give yourself the right to use it, or choose another folder"),
    errno.EROFS: N_("the disk or folder is read-only; copy the site to a folder you can write to"),
}


# What the system says of a file it cannot read or write, in the user's language (its
# own words are English on Linux and macOS).
_OS_REASON = {
    errno.ENOENT: N_("no such file or folder"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.EEXIST: N_("it exists already"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EBUSY: N_("another program is using it"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EIO: N_("the disk could not read or write it"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("the links lead round in a circle"),
}


def reason(e: OSError) -> str:
    """Why the system refused, in words."""
    return _(_OS_REASON[e.errno]) if e.errno in _OS_REASON else (e.strerror or str(e))


def os_error_text(e: OSError) -> str:
    """A failure of the disk (full, read-only, not ours to write), not of the site or of
    sitegen: the path, what to do, and that nothing was left half-written."""
    where = os.fsdecode(e.filename) if e.filename else _("a file")
    advice = _(_OS_ADVICE[e.errno]) if e.errno in _OS_ADVICE else reason(e)
    return _("{where}: {advice}. Every file already in place is complete; run the command again "
             "once this is fixed and it finishes the job").format(where=where, advice=advice)
