"""The command line: arguments -> library calls -> exit codes. Nothing else lives here."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from sitegen import __version__, console, lang
from sitegen.lang import _, decimal, ngettext, number
from sitegen.problems import format_json, format_text, os_error_text, summary_line


# The library is imported by each command, not here: `check` never needs Jinja2,
# Markdown or Pillow, and `init`/`new` need almost nothing.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    """The commands and their options, in the chosen language (made after it is chosen)."""
    lang.speak_argparse()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-s", "--site", metavar=_("DIR"), default=argparse.SUPPRESS,
                        help=_("the site's folder (default: the current folder)"))
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
    check.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help=jobs_help)
    build = commands.add_parser("build", parents=[common], help=_("check, then write the site to output/"))
    build.add_argument("--drafts", action="store_true", help=drafts_help)
    build.add_argument("--output", metavar=_("DIR"), help=_("where to write (default: output/ in the site)"))
    build.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help=jobs_help)
    build.add_argument("--zip", metavar=_("FILE"),
                       help=_("also pack the built site into FILE (for upload through a control panel)"))
    build.add_argument("--no-cache", action="store_true",
                       help=_("read and render everything again, ignoring what the last build remembered"))
    serve = commands.add_parser("serve", parents=[common],
                                help=_("build, serve, rebuild on change, reload the browser"))
    serve.add_argument("--host", default="127.0.0.1",
                       help=_("address to listen on (default 127.0.0.1: this computer only)"))
    serve.add_argument("--port", type=int, default=8000, help=_("port to listen on (default 8000)"))
    serve.add_argument("--drafts", action="store_true", help=drafts_help)
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
    report.add_argument("year", type=int, metavar=_("YEAR"))
    report.add_argument("--to", metavar=_("FILE"), help=_("where to write (default: bao-cao-YEAR.xlsx here)"))
    init = commands.add_parser("init", parents=[common], help=_("create a new site in DIR"))
    init.add_argument("dir", metavar=_("DIR"))
    init.add_argument("--title", default="Chi bộ Trường", help=_("the site's title"))
    new = commands.add_parser("new", parents=[common], help=_("create a new post file"))
    new.add_argument("title", metavar=_("TITLE"))
    new.add_argument("--unit", metavar="ID", help=_("the unit's id: makes a meeting post"))
    new.add_argument("--date", metavar=_("DATE"), help=_("publication date, e.g. 20/12/2024 (default: now)"))
    return parser


def cmd_check(args) -> int:
    import gc

    from sitegen.check.loading import check_site

    # A one-shot command that makes no cycles: collecting after reading (what re-enabling
    # the collector leads to) scanned every object read, for nothing.
    gc.disable()
    started = time.perf_counter()
    loaded = check_site(args.site, jobs=args.jobs, cache=not args.no_cache)
    problems = loaded.problems
    if args.format == "json":
        sys.stdout.write(format_json(problems))
    else:
        sys.stdout.write(format_text(problems))
        files = ngettext("{n} file", "{n} files", loaded.files).format(n=number(loaded.files))
        print(_("{summary} in {files} ({seconds} s)").format(
            summary=summary_line(problems), files=files, seconds=decimal(time.perf_counter() - started)),
            file=sys.stderr)
    if loaded.config_failed:
        return EXIT_USAGE
    if loaded.errors or (args.strict and problems):
        return EXIT_PROBLEMS
    return EXIT_OK


def _print_problems(problems) -> None:
    sys.stdout.write(format_text(problems))


def _say(text: str) -> None:
    print(f"sitegen: {text}", file=sys.stderr)


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


def cmd_deploy(args) -> int:
    from sitegen.check.loading import read_config
    from sitegen.publish.deploy import parse
    from sitegen.write.sitelock import SiteBusy, site_lock

    config, problems, failed = read_config(args.site)
    if failed:
        _print_problems(problems)
        return EXIT_USAGE
    targets = {t.name: t for t in config.deploy}
    if not targets:
        _say(_("site.yaml has no deploy targets; add for example\n"
               "  deploy:\n    truong: ftp://ten-dang-nhap@ftp.ten-truong.edu.vn/public_html/\n"
               "(ftp://, ftps://, sftp:// or a folder)"))
        return EXIT_USAGE
    if args.target and args.target not in targets:
        _say(_("no deploy target '{target}' in site.yaml; there are: {targets}").format(
            target=args.target, targets=", ".join(targets)))
        return EXIT_USAGE
    target = targets[args.target] if args.target else config.deploy[0]
    where = parse(target.url, args.site)
    try:
        with site_lock(args.site, "deploy"):  # nothing may change output/ while it is sent
            return _build_and_send(args, target, where, config)
    except SiteBusy as e:
        _say(str(e))
        return EXIT_USAGE


def _build_and_send(args, target, where, config) -> int:
    import getpass

    from sitegen.build import build
    from sitegen.publish.deploy import DeployError, Refused, deploy

    result = build(args.site, lock=False)
    _print_problems(result.problems)
    if result.refused:
        _say(result.refused)
    if not result.ok:
        print(_("{summary}; nothing was built or sent").format(summary=summary_line(result.problems)),
              file=sys.stderr)
        return EXIT_USAGE if result.config_failed else EXIT_PROBLEMS
    refused = _not_ready(result.problems, config)
    if refused and not args.force:
        _say(refused)
        return EXIT_PROBLEMS
    password = None
    if where.scheme != "folder":
        password = os.environ.get(target.password_env)
        if password is None and sys.stdin.isatty():
            password = getpass.getpass(_("Password of {user} on {host}: ").format(
                user=where.user or _("the account"), host=where.host))
        if password is None and where.scheme != "sftp":  # sftp may log in with a key instead
            _say(_("no password for {where}; set the environment variable {env}, or run sitegen in a "
                   "terminal to type it").format(where=where.shown(), env=target.password_env))
            return EXIT_USAGE
    started = time.perf_counter()
    say = (lambda line: print(line, file=sys.stderr, flush=True))
    try:
        plan = deploy(os.path.join(args.site, "output"), where, password, target.host_key,
                      dry_run=args.dry_run, say=say, force=args.force,
                      confirm=_ask_overwrite if sys.stdin.isatty() else None)
    except Refused as e:
        _say(str(e))
        return EXIT_PROBLEMS
    except DeployError as e:
        _say(_("deploy to {where} stopped: {why}. Every file sent so far is complete on the host; run the "
               "same command again to finish").format(where=where.shown(), why=e))
        return EXIT_PROBLEMS
    if args.dry_run:
        print(_("would send {uploads} files and delete {deletions} on {where} ({unchanged} unchanged); "
                "nothing was changed").format(uploads=number(len(plan.uploads)), deletions=number(len(plan.deletions)),
                                              where=where.shown(), unchanged=number(plan.unchanged)),
              file=sys.stderr)
        if plan.overwrites:
            print(_("{count} of them would replace files on the host that sitegen did not send, marked !; "
                    "deploy asks first, or needs --force").format(count=number(len(plan.overwrites))),
                  file=sys.stderr)
    else:
        print(_("deployed to {where}: {uploads} sent, {deletions} deleted, {unchanged} unchanged in "
                "{seconds} s").format(where=where.shown(), uploads=number(len(plan.uploads)),
                                      deletions=number(len(plan.deletions)), unchanged=number(plan.unchanged),
                                      seconds=decimal(time.perf_counter() - started, 1)), file=sys.stderr)
    return EXIT_OK


def _not_ready(problems, config) -> str:
    """Why the site is not ready to be published (text or an address that are still
    sitegen's examples), or ''."""
    from sitegen.check.placeholders import CODE
    from sitegen.read.config import is_example_url

    examples = sorted({p.path for p in problems if p.code == CODE})
    if examples:
        return _("{files} still hold the example text or numbers sitegen wrote ({code} above); nothing was "
                 "sent. Write them, or mark them `draft: true`; --force sends them as they are").format(
            files=", ".join(examples), code=CODE)
    if is_example_url(config.base_url):
        return _("base_url in site.yaml is still the example address {url}; nothing was sent. Write the "
                 "address the site will have on the host (links, the feed and shared previews use it); "
                 "--force sends it as it is").format(url=config.base_url)
    return ""


def _ask_overwrite(paths) -> bool:
    print(_("The host already holds {count} files of the same names that sitegen did not send:").format(
        count=number(len(paths))), file=sys.stderr)
    for rel in paths[:10]:
        print(f"  {rel}", file=sys.stderr)
    if len(paths) > 10:
        print("  " + _("... and {count} more").format(count=number(len(paths) - 10)), file=sys.stderr)
    try:
        answer = input(_("Replace them? [y/N] "))
    except EOFError:
        return False
    return answer.strip().lower() in ("c", "co", "có", "y", "yes")


def cmd_export(args) -> int:
    from sitegen.publish.export import MARK, export_post

    html, problems = export_post(args.site, args.post)
    if html is None:
        _print_problems(problems)
        print(_("{summary}; nothing was exported (sitegen check shows the same)").format(
            summary=summary_line(problems)), file=sys.stderr)
        return EXIT_PROBLEMS
    if not args.to:
        raw = getattr(sys.stdout, "buffer", None)  # bytes: a Windows console is not UTF-8
        if raw is not None:
            sys.stdout.flush()
            raw.write(html.encode("utf-8"))
            raw.flush()
        else:
            sys.stdout.write(html)
        return EXIT_OK
    if os.path.exists(args.to):
        with open(args.to, "rb") as f:
            if not f.read(200).decode("utf-8", "replace").startswith(MARK):
                _say(_("{file} exists and was not exported by sitegen; choose another name").format(file=args.to))
                return EXIT_USAGE
    with open(args.to, "w", encoding="utf-8", newline="\n") as f:
        f.write(html)
    print(_("exported {post} to {file}: open it, copy everything, paste into the portal's editor in its "
            "HTML (source) mode").format(post=args.post, file=args.to), file=sys.stderr)
    return EXIT_OK


def cmd_report(args) -> int:
    from sitegen.check.loading import load_site
    from sitegen.publish.report import ReportError, refuse_path, write_report
    from sitegen.site.views import view

    path = args.to or f"bao-cao-{args.year}.xlsx"
    refused = refuse_path(path)
    if refused:
        _say(refused)
        return EXIT_USAGE
    loaded = load_site(args.site)
    if loaded.errors or loaded.site is None:
        _print_problems(loaded.problems)
        print(_("{summary}; no report was written (sitegen check shows the same)").format(
            summary=summary_line(loaded.problems)), file=sys.stderr)
        return EXIT_USAGE if loaded.config_failed else EXIT_PROBLEMS
    try:
        count = write_report(loaded.site, view(loaded.site, False), args.year, path)
    except ReportError as e:
        _say(str(e))
        return EXIT_PROBLEMS
    print(_("wrote the results of {year} for {count} units to {path}").format(
        year=args.year, count=number(count), path=path), file=sys.stderr)
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
    print(_("created a site in {folder}; next: cd {folder} && sitegen build").format(folder=args.dir),
          file=sys.stderr)
    return EXIT_OK


def cmd_new(args) -> int:
    import datetime as dt

    from sitegen.read.fields import parse_date
    from sitegen.scaffold import ScaffoldError, new_post

    when = dt.datetime.now().replace(second=0, microsecond=0)
    if args.date:
        when, why = parse_date(args.date)
        if when is None:
            _say(f"--date {why}")
            return EXIT_USAGE
    try:
        rel = new_post(args.site, args.title, args.unit, when)
    except ScaffoldError as e:
        _say(str(e))
        return EXIT_PROBLEMS
    print(rel)
    return EXIT_OK


def cmd_serve(args) -> int:
    from sitegen.serve.server import serve

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    return serve(args.site, host=args.host, port=args.port, drafts=args.drafts, say=say)


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
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.site = os.path.abspath(getattr(args, "site", "."))
    if args.command != "init" and not os.path.isdir(args.site):
        _say(_("there is no folder {folder}").format(folder=args.site))
        return EXIT_USAGE
    handler = {"check": cmd_check, "build": cmd_build, "init": cmd_init, "new": cmd_new,
               "serve": cmd_serve, "deploy": cmd_deploy,
               "export": cmd_export, "report": cmd_report}[args.command]
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
