"""The command line: arguments -> library calls -> exit codes. Nothing else lives here."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from sitegen import __version__
from sitegen.problems import format_json, format_text, os_error_text, summary_line


# The library is imported by each command, not here: `check` never needs Jinja2,
# Markdown or Pillow, and `init`/`new` need almost nothing.

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
    check.add_argument("--no-cache", action="store_true",
                       help="read every file again, ignoring what the last check remembered")
    check.add_argument("-j", "--jobs", type=int, default=None, help="processes to use (default: all cores)")
    build = commands.add_parser("build", parents=[common], help="check, then write the site to output/")
    build.add_argument("--drafts", action="store_true", help="include posts marked draft: true")
    build.add_argument("--output", metavar="DIR", help="where to write (default: output/ in the site)")
    build.add_argument("-j", "--jobs", type=int, default=None, help="processes to use (default: all cores)")
    build.add_argument("--zip", metavar="FILE", help="also pack the built site into FILE (for upload through a control panel)")
    build.add_argument("--no-cache", action="store_true",
                       help="read and render everything again, ignoring what the last build remembered")
    serve = commands.add_parser("serve", parents=[common], help="build, serve, rebuild on change, reload the browser")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--drafts", action="store_true", help="include posts marked draft: true")
    export = commands.add_parser("export", parents=[common], help="one post as an HTML fragment to paste into a CMS")
    export.add_argument("post", metavar="POST", help="the post's file, slug or URL")
    export.add_argument("--to", metavar="FILE", help="write to FILE instead of printing")
    deploy = commands.add_parser("deploy", parents=[common], help="build, then upload what changed to the host")
    deploy.add_argument("target", nargs="?", metavar="TARGET", help="a name under deploy: in site.yaml (default: the first)")
    deploy.add_argument("--dry-run", action="store_true", help="list what would be sent and deleted; change nothing")
    deploy.add_argument("--force", action="store_true",
                        help="replace files on the host that sitegen did not send (see --dry-run)")
    init = commands.add_parser("init", help="create a new site in DIR")
    init.add_argument("dir", metavar="DIR")
    init.add_argument("--title", default="Chi bộ Trường", help="the site's title")
    new = commands.add_parser("new", parents=[common], help="create a new post file")
    new.add_argument("title", metavar="TIÊU_ĐỀ")
    new.add_argument("--unit", metavar="ID", help="the unit's id: makes a meeting post")
    new.add_argument("--date", metavar="D", help="publication date, e.g. 20/12/2024 (default: now)")
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
        files = f"{loaded.files} file{'s' if loaded.files != 1 else ''}"
        print(f"{summary_line(problems)} in {files} "
              f"({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    if loaded.config_failed:
        return EXIT_USAGE
    if loaded.errors or (args.strict and problems):
        return EXIT_PROBLEMS
    return EXIT_OK


def _print_problems(problems) -> None:
    sys.stdout.write(format_text(problems))


def cmd_build(args) -> int:
    from sitegen.build import build  # Jinja2, Markdown, Pillow: not needed to check
    from sitegen.write.sitelock import SiteBusy

    output = os.path.abspath(args.output) if args.output else None
    if args.zip:
        from sitegen.publish.archive import refuse_zip

        refused = refuse_zip(args.zip, args.site, output or os.path.join(args.site, "output"))
        if refused:
            print(f"sitegen: {refused}", file=sys.stderr)
            return EXIT_USAGE

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\rrendering {done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        result = build(args.site, output=output, drafts=args.drafts, progress=progress, jobs=args.jobs,
                       cache=not args.no_cache)
    except SiteBusy as e:
        print(f"sitegen: {e}", file=sys.stderr)
        return EXIT_USAGE
    if sys.stderr.isatty():
        print("\r" + " " * 30 + "\r", end="", file=sys.stderr)
    _print_problems(result.problems)
    if result.refused:
        print(f"sitegen: {result.refused}", file=sys.stderr)
    if result.stats is None:
        print(f"{summary_line(result.problems)}; nothing was written, the previous output is "
              "unchanged", file=sys.stderr)
        return EXIT_USAGE if result.config_failed else EXIT_PROBLEMS
    s = result.stats
    where = os.path.relpath(output or os.path.join(args.site, "output"))
    print(f"built {result.file_count} files into {where}/ ({s.written} written, {s.unchanged} "
          f"unchanged, {s.removed} removed, {result.photos_encoded} photos encoded) in "
          f"{result.seconds:.2f} s; "
          f"{summary_line(result.problems)}", file=sys.stderr)
    if args.zip:
        from sitegen.publish.archive import write_zip

        count = write_zip(output or os.path.join(args.site, "output"), args.zip)
        print(f"packed {count} files into {args.zip} ({os.path.getsize(args.zip) / 1e6:.1f} MB); upload "
              "it and extract it in the site's folder on the host", file=sys.stderr)
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
        print("sitegen: site.yaml has no deploy targets; add for example\n"
              "  deploy:\n    truong: ftp://ten-dang-nhap@ftp.ten-truong.edu.vn/public_html/\n"
              "(ftp://, ftps://, sftp:// or a folder)", file=sys.stderr)
        return EXIT_USAGE
    if args.target and args.target not in targets:
        print(f"sitegen: no deploy target '{args.target}' in site.yaml; there are: "
              f"{', '.join(targets)}", file=sys.stderr)
        return EXIT_USAGE
    target = targets[args.target] if args.target else config.deploy[0]
    where = parse(target.url, args.site)
    try:
        with site_lock(args.site, "deploy"):  # nothing may change output/ while it is sent
            return _build_and_send(args, target, where)
    except SiteBusy as e:
        print(f"sitegen: {e}", file=sys.stderr)
        return EXIT_USAGE


def _build_and_send(args, target, where) -> int:
    import getpass

    from sitegen.build import build
    from sitegen.publish.deploy import DeployError, Refused, deploy

    result = build(args.site, lock=False)
    _print_problems(result.problems)
    if result.refused:
        print(f"sitegen: {result.refused}", file=sys.stderr)
    if not result.ok:
        print(f"{summary_line(result.problems)}; nothing was built or sent", file=sys.stderr)
        return EXIT_USAGE if result.config_failed else EXIT_PROBLEMS
    password = None
    if where.scheme != "folder":
        password = os.environ.get(target.password_env)
        if password is None and sys.stdin.isatty():
            password = getpass.getpass(f"Mật khẩu của {where.user or 'tài khoản'} trên {where.host}: ")
        if password is None and where.scheme != "sftp":  # sftp may log in with a key instead
            print(f"sitegen: no password for {where.shown()}; set the environment variable "
                  f"{target.password_env}, or run sitegen in a terminal to type it", file=sys.stderr)
            return EXIT_USAGE
    started = time.perf_counter()
    say = (lambda line: print(line, file=sys.stderr, flush=True))
    try:
        plan = deploy(os.path.join(args.site, "output"), where, password, target.host_key,
                      dry_run=args.dry_run, say=say, force=args.force,
                      confirm=_ask_overwrite if sys.stdin.isatty() else None)
    except Refused as e:
        print(f"sitegen: {e}", file=sys.stderr)
        return EXIT_PROBLEMS
    except DeployError as e:
        print(f"sitegen: deploy to {where.shown()} stopped: {e}. Every file sent so far is complete "
              "on the host; run the same command again to finish", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.dry_run:
        print(f"would send {len(plan.uploads)} files and delete {len(plan.deletions)} on "
              f"{where.shown()} ({plan.unchanged} unchanged); nothing was changed", file=sys.stderr)
        if plan.overwrites:
            print(f"{len(plan.overwrites)} of them would replace (ghi đè) files on the host that sitegen "
                  "did not send, marked !; deploy asks first, or needs --force", file=sys.stderr)
    else:
        print(f"deployed to {where.shown()}: {len(plan.uploads)} sent, {len(plan.deletions)} deleted, "
              f"{plan.unchanged} unchanged in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return EXIT_OK


def _ask_overwrite(paths) -> bool:
    print(f"The host already holds {len(paths)} files of the same names that sitegen did not send:",
          file=sys.stderr)
    for rel in paths[:10]:
        print(f"  {rel}", file=sys.stderr)
    if len(paths) > 10:
        print(f"  ... and {len(paths) - 10} more", file=sys.stderr)
    try:
        answer = input("Ghi đè (replace) them? [c/K] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("c", "co", "có", "y", "yes")


def cmd_export(args) -> int:
    from sitegen.publish.export import MARK, export_post

    html, problems = export_post(args.site, args.post)
    if html is None:
        _print_problems(problems)
        print(f"{summary_line(problems)}; nothing was exported (sitegen check shows the same)",
              file=sys.stderr)
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
                print(f"sitegen: {args.to} exists and was not exported by sitegen; choose another name",
                      file=sys.stderr)
                return EXIT_USAGE
    with open(args.to, "w", encoding="utf-8", newline="\n") as f:
        f.write(html)
    print(f"exported {args.post} to {args.to}: open it, copy everything, paste into the portal's "
          "editor in its HTML (source) mode", file=sys.stderr)
    return EXIT_OK


def cmd_init(args) -> int:
    from sitegen.scaffold import ScaffoldError, init_site

    folder = os.path.abspath(args.dir)
    try:
        created = init_site(folder, args.title)
    except ScaffoldError as e:
        print(f"sitegen: {e}", file=sys.stderr)
        return EXIT_PROBLEMS
    for rel in created:
        print(os.path.join(args.dir, rel))
    print(f"created a site in {args.dir}; next: cd {args.dir} && sitegen build", file=sys.stderr)
    return EXIT_OK


def cmd_new(args) -> int:
    import datetime as dt

    from sitegen.read.fields import parse_date
    from sitegen.scaffold import ScaffoldError, new_post

    when = dt.datetime.now().replace(second=0, microsecond=0)
    if args.date:
        when, why = parse_date(args.date)
        if when is None:
            print(f"sitegen: --date {why}", file=sys.stderr)
            return EXIT_USAGE
    try:
        rel = new_post(args.site, args.title, args.unit, when)
    except ScaffoldError as e:
        print(f"sitegen: {e}", file=sys.stderr)
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
        print(f"sitegen: {record.getMessage()}", file=sys.stderr)


def _show_notes() -> None:
    log = logging.getLogger("sitegen")
    if not any(isinstance(h, _Notes) for h in log.handlers):
        log.addHandler(_Notes())
        log.propagate = False


def main(argv=None) -> int:
    _show_notes()
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
        print(f"sitegen: no folder {args.site}", file=sys.stderr)
        return EXIT_USAGE
    handler = {"check": cmd_check, "build": cmd_build, "init": cmd_init, "new": cmd_new,
               "serve": cmd_serve, "deploy": cmd_deploy,
               "export": cmd_export}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("sitegen: stopped", file=sys.stderr)
        return 130
    except OSError as e:  # the disk, not sitegen: full, read-only, or not ours to write
        print(f"sitegen: {os_error_text(e)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as e:  # a bug in sitegen, not in the site: say so in one line
        print(f"sitegen: internal error ({e.__class__.__name__}: {e}); please report it with "
              "the file that caused it", file=sys.stderr)
        return 70
