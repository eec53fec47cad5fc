"""The command line: arguments -> library calls -> exit codes. Nothing else lives here."""
from __future__ import annotations

import argparse
import os
import sys
import time

from . import __version__
from .loading import check_site
from .problems import format_json, format_text, summary_line

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-s", "--site", metavar="DIR", default=argparse.SUPPRESS,
                        help="the site's folder (default: the current folder)")
    parser = argparse.ArgumentParser(
        prog="sitegen", parents=[common],
        description="Static sites for the news and review results of Party units.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", parents=[common], help="validate the site; write nothing")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("-j", "--jobs", type=int, default=None, help="processes to use (default: all cores)")
    return parser


def cmd_check(args) -> int:
    started = time.perf_counter()
    loaded = check_site(args.site, jobs=args.jobs)
    problems = loaded.problems
    if args.format == "json":
        sys.stdout.write(format_json(problems))
    else:
        sys.stdout.write(format_text(problems))
        files = f"{loaded.files} file{'s' if loaded.files != 1 else ''}"
        print(f"{summary_line(problems)} in {files} "
              f"({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    if loaded.config_failed:
        return EXIT_USAGE
    if loaded.errors or (args.strict and problems):
        return EXIT_PROBLEMS
    return EXIT_OK


def main(argv=None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.site = os.path.abspath(getattr(args, "site", "."))
    if not os.path.isdir(args.site):
        print(f"sitegen: no folder {args.site}", file=sys.stderr)
        return EXIT_USAGE
    handler = {"check": cmd_check}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("sitegen: stopped", file=sys.stderr)
        return 130
    except Exception as e:  # a bug in sitegen, not in the site: say so in one line
        print(f"sitegen: internal error ({e.__class__.__name__}: {e}); please report it with "
              "the file that caused it", file=sys.stderr)
        return 70
