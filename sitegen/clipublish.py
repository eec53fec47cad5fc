"""The publishing commands of the command line: `deploy`, `export` and `report`.
Arguments -> library calls -> exit codes, as in cli.py."""
from __future__ import annotations

import os
import sys
import time

from sitegen.cliparts import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, print_problems as _print_problems, say as _say
from sitegen.lang import _, decimal, ngettext, number
from sitegen.problems import summary_line


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
    print(ngettext("The host already holds {count} file of the same name that sitegen did not send:",
                   "The host already holds {count} files of the same names that sitegen did not send:",
                   len(paths)).format(count=number(len(paths))), file=sys.stderr)
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
    print(ngettext("wrote the results of {year} for {count} unit to {path}",
                   "wrote the results of {year} for {count} units to {path}", count).format(
        year=args.year, count=number(count), path=path), file=sys.stderr)
    return EXIT_OK
