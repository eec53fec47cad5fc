"""The build, in one direction: load and check → view → pages → render → write.

Everything is rendered in memory first (sitefiles.py); only when nothing failed does
output.py touch the output folder, so a failed build leaves the previous site exactly as
it was. A rebuild reuses what the last build made (the memo below) and redoes only what
a change affects.
"""
from __future__ import annotations

import os
import time
from typing import NamedTuple

from sitegen.cache.gcpause import paused_gc
from sitegen.cache.memo import BuildMemo, load_memo, save_memo
from sitegen.problems import sort_problems
from sitegen.render.staging import FileRef, clear_staging, content_id
from sitegen.write import sitelock
from sitegen.write.output import WriteStats, refuse_output


class BuildResult(NamedTuple):
    problems: tuple
    config_failed: bool
    files: dict               # output path -> bytes, Keep, Staged or FileRef (empty when failed)
    stats: WriteStats | None  # None when nothing was written
    seconds: float
    photos_encoded: int = 0
    file_count: int = 0       # files the site has
    # The build's large objects (memo, site, pages' sketch), kept alive with the result:
    # the command line exits right after without freeing them (~0.3 s at 10,000 posts).
    held: tuple = ()
    refused: str = ""         # why the output folder was not used (nothing was written)

    @property
    def ok(self) -> bool:
        return not self.refused and not any(p.is_error for p in self.problems)

    def __repr__(self) -> str:  # not the files' bytes, nor `held`
        return (f"BuildResult(problems={len(self.problems)}, files={len(self.files)}, "
                f"stats={self.stats!r}, seconds={self.seconds:.3f})")


def build(root: str, output: str | None = None, drafts: bool = False, write: bool = True,
          progress=None, memo: BuildMemo | None = None, jobs: int | None = None,
          cache: bool = True, lock: bool = True) -> BuildResult:
    """Check, render and write the site. With `cache`, a one-off build reuses and saves
    the memo in .sitegen-cache/ (`serve` passes its own memo instead); without, it reads
    and renders everything, and writes the same bytes. `lock=False` when the caller holds
    the site's lock already (`deploy`)."""
    # A build holds millions of long-lived objects (posts, memo, contexts); the cyclic
    # collector would rescan them over and over (~1 s at 10,000 posts, ~0.1 s of each
    # rebuild in `serve` at 3,000) to find next to nothing. It runs again between builds,
    # so what cycles a build leaves (Jinja2 makes a few) are still freed.
    with paused_gc():
        if memo is not None:  # `serve`: it holds the site's lock and has distrusted output/
            return _build(root, output, drafts, write, progress, memo, jobs, cache)
        if not write or not lock:
            return _build(root, output, drafts, write, progress, memo, jobs, cache)
        with sitelock.site_lock(root):  # SiteBusy when another build or serve is at work
            return _build(root, output, drafts, write, progress, memo, jobs, cache)


def _build(root, output, drafts, write, progress, memo, jobs, cache) -> BuildResult:
    started = time.perf_counter()
    output = output or os.path.join(root, "output")
    refused = refuse_output(output, root)
    if refused:
        return BuildResult((), True, {}, None, 0.0, refused=refused)
    # The last writer was cut off, or was `serve` (which keeps its memory in its
    # process): output/ may differ from the memo and hold a cut-off write's temporaries.
    # `serve` itself passes its memo and distrusts output/ while it runs.
    interrupted = write and memo is None and sitelock.unverified(root)
    persistent = memo is None and cache and write
    if persistent:
        memo = load_memo(root)
        if interrupted:  # an interrupted build, or `serve`, changed output/ since the memo
            memo.written = {}
    from sitegen.check.loading import load_site
    from sitegen.render import imagecache  # Pillow
    from sitegen.render.sitefiles import render_site  # Jinja2, Markdown
    from sitegen.write.output import claim, remove_leftovers, write_site
    loaded = load_site(root, memo.sources if memo else None, jobs)
    if loaded.errors or loaded.site is None:
        return BuildResult(loaded.problems, loaded.config_failed, {}, None, time.perf_counter() - started)
    if memo is None:
        memo = BuildMemo()
    if memo.output != output:
        memo.written, memo.output = {}, output  # what was written elsewhere says nothing here
    try:
        files, problems, photos, encoded = render_site(loaded.site, drafts, memo, progress, jobs,
                                                       output if write else None)
        problems = tuple(sort_problems(list(loaded.problems) + problems))
        if any(p.is_error for p in problems):
            return BuildResult(problems, False, {}, None, time.perf_counter() - started)
        stats = None
        if write:
            from sitegen.write.outputmark import NotOurs
            try:
                ours = claim(output, files)
            except NotOurs as e:  # before output/ is touched
                return BuildResult(problems, True, {}, None, time.perf_counter() - started, refused=str(e))
            sitelock.distrust_output(root)
            if interrupted and ours is not None:
                remove_leftovers(output, ours)
            if not persistent:
                stats = write_site(output, files, memo.written, ours)
                imagecache.prune(root, photos)
            else:
                # The memo, as it will be once output/ is written, is pickled in another
                # process while this one writes output/ (the memo alone took ~1 s at
                # 10,000 posts). output/ is trusted again only once the memo is saved: a
                # failure on the way leaves it distrusted, and the next build then
                # ignores the memo's `written`.
                from sitegen.parallel import alongside
                with alongside(_save_aside, root, _once_written(memo, files), loaded.site.config.quota):
                    stats = write_site(output, files, memo.written, ours)
                    imagecache.prune(root, photos)
                    clear_staging(root)
                sitelock.trust_output(root)
    finally:
        if write:
            clear_staging(root)  # pages of a failed build, or none left
    return BuildResult(problems, False, files, stats, time.perf_counter() - started, encoded, len(files),
                       held=(memo, loaded))


def _save_aside(root: str, memo: BuildMemo, quota) -> None:
    """The records saved in another process while this one writes output/."""
    save_memo(root, memo)
    from sitegen.cache import checkcache  # here, in the process that saves it
    checkcache.save_from_build(root, quota, memo.sources)


def _once_written(memo: BuildMemo, files: dict) -> BuildMemo:
    """A shallow copy of `memo` whose `written` is what write_site(files) leaves in it:
    the digest of every file but photos (FileRef), whose names carry their digest."""
    after = dict(memo.written)
    for rel, data in files.items():
        if not isinstance(data, FileRef):
            after[rel] = content_id(data)
    copy = BuildMemo.__new__(BuildMemo)
    copy.__dict__.update(memo.__dict__, written=after)
    return copy
