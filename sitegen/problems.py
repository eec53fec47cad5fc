"""Problems found in a site: one value per problem, formatted as text or JSON (section 8)."""
from __future__ import annotations

import errno
import os
from typing import NamedTuple


SEVERITY = {"E": "error", "W": "warning"}


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
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


_OS_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space (or build onto another disk with --output)",
    errno.EDQUOT: "your disk quota is used up; free some space",
    errno.EFBIG: "the file is larger than this disk or system allows",
    errno.EACCES: "permission denied; give yourself the right to use it, or choose another folder",
    errno.EPERM: "permission denied; give yourself the right to use it, or choose another folder",
    errno.EROFS: "the disk or folder is read-only; copy the site to a folder you can write to",
}


def os_error_text(e: OSError) -> str:
    """A failure of the disk (full, read-only, not ours to write), not of the site or of
    sitegen: the path, what to do, and that nothing was left half-written."""
    where = os.fsdecode(e.filename) if e.filename else "a file"
    advice = _OS_ADVICE.get(e.errno, e.strerror or str(e))
    return (f"{where}: {advice}. Every file already in place is complete; run the command again "
            "once this is fixed and it finishes the job")
