"""The command line: arguments -> library calls -> exit codes. Nothing else lives here."""
from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time

from sitegen import __version__, console, lang
from sitegen.lang import _, decimal, ngettext, number
from sitegen.cliparts import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, find_site, only_files, whole_arg, year_arg
from sitegen.cliparts import print_problems as _print_problems, say as _say
from sitegen.clipublish import cmd_deploy, cmd_export, cmd_report
from sitegen.problems import format_json, format_text, os_error_text, summary_line


# The library is imported by each command, not here: `check` never needs Jinja2,
# Markdown or Pillow, and `init`/`new` need almost nothing.



def _parser() -> argparse.ArgumentParser:
    """The commands and their options, in the chosen language (made after it is chosen)."""
    lang.speak_argparse()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-s", "--site", metavar=_("DIR"), default=argparse.SUPPRESS,
                        help=_("the site's folder (default: the current folder, or the nearest one above it that holds site.yaml)"))
    common.add_argument("--lang", choices=lang.LANGUAGES, default=argparse.SUPPRESS,
                        help=_("the language sitegen speaks: vi (the default) or en; also SITEGEN_LANG"))
    parser = argparse.ArgumentParser(
        prog="sitegen", parents=[common],
        description=_("Static sites for the news and review results of Party units."))
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}",
                        help=_("show sitegen's version and exit"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    jobs_help = _("processes to use (default: all cores)")
    drafts_help = _("include posts marked draft: true")
    check = commands.add_parser("check", parents=[common], help=_("validate the site; write nothing"))
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help=_("text (the default) or json, for other programs"))
    check.add_argument("--strict", action="store_true", help=_("exit 1 on warnings too"))
    check.add_argument("--no-cache", action="store_true",
                       help=_("read every file again, ignoring what the last check remembered"))
    check.add_argument("-j", "--jobs", type=whole_arg, default=None, metavar="N", help=jobs_help)
    check.add_argument("paths", nargs="*", metavar=_("FILE"),
                       help=_("show only the problems of these files or folders (the whole site is checked)"))
    build = commands.add_parser("build", parents=[common], help=_("check, then write the site to output/"))
    build.add_argument("--drafts", action="store_true", help=drafts_help)
    build.add_argument("-o", "--output", metavar=_("DIR"), help=_("where to write (default: output/ in the site)"))
    build.add_argument("-j", "--jobs", type=whole_arg, default=None, metavar="N", help=jobs_help)
    build.add_argument("--zip", metavar=_("FILE"),
                       help=_("also pack the built site into FILE (for upload through a control panel)"))
    build.add_argument("--no-cache", action="store_true",
                       help=_("read and render everything again, ignoring what the last build remembered"))
    serve = commands.add_parser("serve", parents=[common],
                                help=_("build, serve, rebuild on change, reload the browser"))
    serve.add_argument("--host", default="127.0.0.1",
                       help=_("address to listen on (default 127.0.0.1: this computer only)"))
    serve.add_argument("--port", type=whole_arg, default=8000, help=_("port to listen on (default 8000)"))
    serve.add_argument("--drafts", action="store_true", help=drafts_help)
    serve.add_argument("--open", action="store_true", help=_("open the editor (/_soan-bai/) in the default browser"))
    export = commands.add_parser("export", parents=[common],
                                 help=_("one post as an HTML fragment to paste into a CMS"))
    export.add_argument("post", metavar=_("POST"), help=_("the post's file, slug or URL"))
    export.add_argument("--to", metavar=_("FILE"), help=_("write to FILE instead of printing"))
    deploy = commands.add_parser("deploy", parents=[common], help=_("build, then upload what changed to the host"))
    deploy.add_argument("target", nargs="?", metavar=_("TARGET"),
                        help=_("a name under deploy: in site.yaml (default: the first)"))
    deploy.add_argument("--dry-run", action="store_true", help=_("list what would be sent and deleted; change nothing"))
    deploy.add_argument("--force", action="store_true",
                        help=_("replace files on the host that sitegen did not send (see --dry-run)"))
    report = commands.add_parser("report", parents=[common],
                                 help=_("a review year's results as a spreadsheet (.xlsx) for the committee above"))
    report.add_argument("year", type=year_arg, metavar=_("YEAR"))
    report.add_argument("--to", metavar=_("FILE"), help=_("where to write (default: bao-cao-YEAR.xlsx here)"))
    init = commands.add_parser("init", parents=[common], help=_("create a new site in DIR"))
    init.add_argument("dir", metavar=_("DIR"))
    init.add_argument("--title", default="Chi bộ Trường", help=_("the site's title"))
    new = commands.add_parser("new", parents=[common], help=_("create a new post file"))
    new.add_argument("title", metavar=_("TITLE"), nargs="?",
                     help=_("the post's title; with --from it may be left out, and the file's first line is it"))
    new.add_argument("--unit", metavar="ID", help=_("the unit's id: makes a meeting post"))
    new.add_argument("--date", metavar=_("DATE"),
                     help=_("publication date, e.g. 20/12/2024 (default: now; with --from, the article's own date "
                            "if it gives one)"))
    new.add_argument("--from", dest="source", metavar=_("FILE"),
                     help=_("an article or report in a text file or a Word file (.docx): it becomes the body, "
                            "and with --unit the numbers it states, its tables' too, fill the meeting's keys"))
    return parser


def cmd_check(args) -> int:
    import gc

    from sitegen.check.loading import check_site

    # A one-shot command that makes no cycles: collecting after reading (what re-enabling
    # the collector leads to) scanned every object read, for nothing.
    gc.disable()
    started = time.perf_counter()
    loaded = check_site(args.site, jobs=args.jobs, cache=not args.no_cache)
    problems, files = loaded.problems, loaded.files
    if args.paths:
        shown = only_files(problems, args.site, args.paths)
        if isinstance(shown, str):
            _say(shown)
            return EXIT_USAGE
        problems, files = shown
    if args.format == "json":
        sys.stdout.write(format_json(problems))
    else:
        sys.stdout.write(format_text(problems))
        files = ngettext("{n} file", "{n} files", files).format(n=number(files))
        print(_("{summary} in {files} ({seconds} s)").format(
            summary=summary_line(problems), files=files, seconds=decimal(time.perf_counter() - started)),
            file=sys.stderr)
    if loaded.config_failed:
        return EXIT_USAGE
    if any(p.is_error for p in problems) or (args.strict and problems):
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_build(args) -> int:
    from sitegen.build import build  # Jinja2, Markdown, Pillow: not needed to check
    from sitegen.write.sitelock import SiteBusy

    output = os.path.abspath(args.output) if args.output else None
    if args.zip:
        from sitegen.publish.archive import refuse_zip

        refused = refuse_zip(args.zip, args.site, output or os.path.join(args.site, "output"))
        if refused:
            _say(refused)
            return EXIT_USAGE

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print("\r" + _("rendering {done}/{total}").format(done=done, total=total), end="",
                  file=sys.stderr, flush=True)

    try:
        result = build(args.site, output=output, drafts=args.drafts, progress=progress, jobs=args.jobs,
                       cache=not args.no_cache)
    except SiteBusy as e:
        _say(str(e))
        return EXIT_USAGE
    if sys.stderr.isatty():
        print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
    _print_problems(result.problems)
    if result.refused:
        _say(result.refused)
    if result.stats is None:
        print(_("{summary}; nothing was written, the previous output is unchanged").format(
            summary=summary_line(result.problems)), file=sys.stderr)
        return EXIT_USAGE if result.config_failed else EXIT_PROBLEMS
    s = result.stats
    where = os.path.relpath(output or os.path.join(args.site, "output"))
    print(_("built {files} files into {where}/ ({written} written, {unchanged} unchanged, {removed} removed, "
            "{photos} photos encoded) in {seconds} s; {summary}").format(
        files=number(result.file_count), where=where, written=number(s.written), unchanged=number(s.unchanged),
        removed=number(s.removed), photos=number(result.photos_encoded), seconds=decimal(result.seconds),
        summary=summary_line(result.problems)), file=sys.stderr)
    if args.zip:
        from sitegen.publish.archive import write_zip

        count = write_zip(output or os.path.join(args.site, "output"), args.zip)
        print(_("packed {count} files into {zip} ({size} MB); upload it and extract it in the site's folder "
                "on the host").format(count=number(count), zip=args.zip,
                                      size=decimal(os.path.getsize(args.zip) / 1e6, 1)), file=sys.stderr)
    return EXIT_OK


def cmd_init(args) -> int:
    from sitegen.scaffold import ScaffoldError, init_site

    folder = os.path.abspath(args.dir)
    try:
        created = init_site(folder, args.title)
    except ScaffoldError as e:
        _say(str(e))
        return EXIT_PROBLEMS
    for rel in created:
        print(os.path.join(args.dir, rel))
    # Two commands, not "a && b": Windows PowerShell 5, the one a school laptop opens, has no &&.
    shown = f'"{args.dir}"' if re.search(r"[\s&;'()$`]", args.dir) else args.dir
    print(_("created a site in {folder}; next: cd {shown}, then sitegen build").format(folder=args.dir, shown=shown),
          file=sys.stderr)
    return EXIT_OK


def cmd_new(args) -> int:
    import datetime as dt

    from sitegen.read.written import parse_date
    from sitegen.scaffold import (ScaffoldError, article_day, article_text, new_post, news_hint, taken,
                                  title_and_body, unread)

    when = dt.datetime.now().replace(second=0, microsecond=0)
    if args.date:
        when, why = parse_date(args.date)
        if when is None:
            _say(f"--date {why}")
            return EXIT_USAGE
    text, title = None, args.title
    if args.source:
        text, why = article_text(args.source)
        if text is None:
            _say(why)
            return EXIT_USAGE
    if title is None:
        split = title_and_body(text) if text is not None else None
        if split is None:
            _say(_("give the post's title, e.g. sitegen new \"Hội nghị kiểm điểm năm 2025\"; with --from, the "
                   "file's first line may be the title if it is a line of at most 200 characters"))
            return EXIT_USAGE
        title, text = split
    dated = None if args.date else article_day(text, when)
    when = dated or when
    try:
        rel, unit, said = new_post(args.site, title, args.unit, when, text)
    except ScaffoldError as e:
        _say(str(e))
        return EXIT_PROBLEMS
    if unit != args.unit:
        _say(_("the unit '{given}' is written with its id: unit: {unit}").format(given=args.unit, unit=unit))
    print(rel, flush=True)
    if dated is not None:
        _say(_("the post is dated {day}, as the article; give --date to date it otherwise").format(
            day=dated.strftime("%d/%m/%Y")))
    if unit is None:
        _say(news_hint(args.site))
    elif text is not None:
        _say(_("taken from {file}: {found}; compare each number with the report, then run `sitegen check`").format(
            file=args.source, found=taken(said)) if said else
             _("{file} states no number sitegen could read; fill in the meeting's keys").format(file=args.source))
        missed = unread(said) if said else []
        if missed:
            _say(_("not found in {file}, to fill in by hand: {keys}").format(file=args.source, keys=", ".join(missed)))
    return EXIT_OK


def cmd_serve(args) -> int:
    from sitegen.serve.server import serve

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    return serve(args.site, host=args.host, port=args.port, drafts=args.drafts, say=say, open_editor=args.open)


def entry() -> None:
    """The `sitegen` command: main(), then an exit that skips freeing every object one by
    one (a build of 10,000 posts holds millions; ~0.2 s). Output is flushed first."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`sitegen check | head`): nothing more can be said
        pass
    os._exit(code)


class _Notes(logging.Handler):
    """The library's notes (logging, logger "sitegen"), one line each on standard error
    as it is at that moment."""

    def emit(self, record) -> None:
        _say(record.getMessage())


def _show_notes() -> None:
    log = logging.getLogger("sitegen")
    if not any(isinstance(h, _Notes) for h in log.handlers):
        log.addHandler(_Notes())
        log.propagate = False


# Module -> the package pip installs it from (pyproject.toml's dependencies).
_PACKAGES = {"yaml": "pyyaml", "PIL": "pillow", "pymdownx": "pymdown-extensions",
             "mdx_truly_sane_lists": "mdx_truly_sane_lists"}


# Each command's function, in the order --help lists them.
_HANDLERS = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "export": cmd_export,
             "deploy": cmd_deploy, "report": cmd_report, "init": cmd_init, "new": cmd_new}
COMMANDS = tuple(_HANDLERS)
# Words a clerk may type for a command (Vietnamese without marks, or another tool's
# name for it). They are only suggested, never run: `deploy` on a guess could publish.
_SYNONYMS = {
    "kiem-tra": "check", "kiemtra": "check", "soat": "check", "validate": "check", "lint": "check",
    "dung": "build", "dung-trang": "build", "xay-dung": "build", "tao-trang": "build",
    "generate": "build", "make": "build",
    "xem": "serve", "xem-truoc": "serve", "chay": "serve", "preview": "serve", "server": "serve",
    "run": "serve", "watch": "serve",
    "dang": "deploy", "dang-trang": "deploy", "tai-len": "deploy", "upload": "deploy",
    "publish": "deploy",
    "xuat": "export", "xuat-bai": "export",
    "bao-cao": "report", "baocao": "report",
    "khoi-tao": "init", "tao": "init",
    "moi": "new", "bai-moi": "new", "viet": "new", "viet-bai": "new", "soan": "new", "post": "new",
}


def _unknown_command(argv: list) -> str | None:
    """What to say when the command word is not one of sitegen's (a typo, or a word in
    Vietnamese): the command it most likely means, instead of argparse's list."""
    import difflib

    from sitegen import vi

    words = iter(argv)
    for arg in words:
        if arg in ("-s", "--site", "--lang"):
            next(words, None)  # the option's value
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return None
            continue
        if arg in COMMANDS:
            return None
        slug = vi.slugify(arg)
        meant = _SYNONYMS.get(slug) or _SYNONYMS.get(slug.replace("-", ""))
        if meant is None:
            close = difflib.get_close_matches(arg.lower(), COMMANDS, n=1, cutoff=0.6)
            meant = close[0] if close else None
        if meant is not None:
            return _("there is no command '{word}'; did you mean: sitegen {command}").format(
                word=arg, command=meant)
        return _("there is no command '{word}'; the commands are {commands} (sitegen --help says what "
                 "each does)").format(word=arg, commands=", ".join(COMMANDS))
    return None


def _chosen_language(argv) -> str | None:
    """--lang, read before the parser is made: its help and errors are in that language."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv=None) -> int:
    console.make_safe()  # a console that is not UTF-8 gets the nearest letters, not a crash
    _show_notes()
    lang.use(_chosen_language(argv))
    parser = _parser()
    unknown = _unknown_command(sys.argv[1:] if argv is None else list(argv))
    if unknown is not None:
        _say(unknown)
        return EXIT_USAGE
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if hasattr(args, "site") or args.command == "init":
        args.site = os.path.abspath(getattr(args, "site", "."))
    else:  # run from a folder inside the site: the site is the nearest one above
        found = find_site(os.getcwd())
        args.site = found or os.path.abspath(".")
        if found and found != os.path.abspath("."):
            _say(_("the site in {folder}").format(folder=found))
    if args.command != "init" and not os.path.isdir(args.site):
        _say(_("there is no folder {folder}").format(folder=args.site))
        return EXIT_USAGE
    handler = _HANDLERS[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        _say(_("stopped"))
        return 130
    except OSError as e:  # the disk, not sitegen: full, read-only, or not ours to write
        _say(os_error_text(e))
        return EXIT_PROBLEMS
    except ModuleNotFoundError as e:  # run from its folder without being installed
        package = _PACKAGES.get((e.name or "").split(".")[0], e.name)
        _say(_("sitegen needs the Python package {package}, which is not installed here; in sitegen's "
               "folder run: python3 -m pip install .  (on Windows: py -m pip install .)").format(package=package))
        return EXIT_USAGE
    except Exception as e:  # a bug in sitegen, not in the site: say so in one line
        _say(_("internal error ({kind}: {error}); please report it with the file that caused it").format(
            kind=e.__class__.__name__, error=e))
        return 70
