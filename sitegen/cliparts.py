"""What every command of the command line shares: exit statuses and how it speaks."""
from __future__ import annotations

import sys

from sitegen.problems import format_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def print_problems(problems) -> None:
    sys.stdout.write(format_text(problems))


def say(text: str) -> None:
    print(f"sitegen: {text}", file=sys.stderr)
