"""Read and validate a whole site: the shared first half of `check` and `build`.

load_site() returns the immutable Site (or None when site.yaml is unusable) and every
problem found, sorted. Nothing here writes.
"""
from __future__ import annotations

import contextlib
import os
from typing import NamedTuple

from sitegen.cache import checkcache
from sitegen.cache.gcpause import paused_gc
from sitegen.check import crosscheck, discipline, guidance, photos, rules
from sitegen.check.placeholders import placeholder_problems
from sitegen.lang import _
from sitegen.parallel import alongside, forked_map
from sitegen.problems import Problem, sort_problems
from sitegen.read import config as config_mod
from sitegen.read import schema, sources
from sitegen.read import units as units_mod
from sitegen.read.model import Post, Site
from sitegen.stamps import file_stamp


# Below this many files one process is faster than starting others.
PARALLEL_FROM = 1500
MIN_CHUNK = 50  # files a process takes from the queue at a time, at least


class Loaded(NamedTuple):
    site: Site | None
    problems: tuple
    config_failed: bool       # site.yaml missing or wrong: exit status 2
    shared: tuple = ()        # the problems not found by reading one file on its own

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class Checked(NamedTuple):
    problems: tuple
    config_failed: bool
    files: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def read_config(root: str) -> tuple:
    """(config or None, problems, config_failed) from site.yaml."""
    if not os.path.isfile(os.path.join(root, "site.yaml")):
        return None, [Problem("site.yaml", 1, 1, "E201", _("there is no site.yaml in {folder}; run "
                                                          "`sitegen init DIR` to make a site, or pass -s DIR").format(
            folder=root))], True
    doc, problems = sources.read_yaml(root, "site.yaml")
    config = None
    if doc is not None:
        config, found = config_mod.read_config(doc)
        problems += found
        for key in ("logo", "banner"):
            path = getattr(config, key) if config is not None else ""
            if path and not os.path.isfile(os.path.join(root, *path.split("/"))):
                line, column = doc.position((key,))
                problems.append(Problem("site.yaml", line, column, "E402", _(
                    "{key}: there is no file {path}; put the image there or correct the name").format(
                    key=key, path=path)))
    return config, problems, config is None or any(p.is_error for p in problems)


def read_units(root: str) -> tuple[dict, list]:
    if not os.path.isfile(os.path.join(root, "content", "units.yaml")):
        return {}, []
    doc, problems = sources.read_yaml(root, "content/units.yaml")
    if doc is None:
        return {}, problems
    units, found = units_mod.read_units(doc)
    return units, problems + found


def _work(root: str, problems: list) -> list:
    files = sources.discover(root)
    for rel in files.outside:
        problems.append(Problem(rel, 1, 1, "E403", _("this file is a link to a place outside "
                                                     "content/; copy the file itself into content/")))
    for rel, why in files.unreadable:
        problems.append(Problem(rel, 1, 1, "E101", _("cannot read this folder ({why}); the posts in it "
                                                     "would be missing from the site, and a deploy would delete "
                                                     "them from the host. Give yourself the right to read it, or "
                                                     "move it out of content/").format(why=why)))
    problems += sources.own_folder_problems(root)
    return [(rel, "post") for rel in files.posts] + [(rel, "page") for rel in files.pages]


def load_site(root: str, memo: dict | None = None, jobs: int | None = None) -> Loaded:
    """The whole site in memory, with every problem: what `build` starts from.

    `memo` (the build's) remembers each file's post, problems and facts with the size and
    modification time of the file and of the photos it names, so only files that changed
    are read again; many of them (a first build) are read over all cores."""
    config, problems, config_failed = _settings_memo(memo, "site.yaml", root, read_config)
    quota = config.quota if config else None
    work_problems: list = []
    work = _work(root, work_problems)
    results: list = [None] * len(work)
    todo = []
    for i, (rel, kind) in enumerate(work):
        kept = _memo_hit(root, rel, kind, quota, memo) if memo is not None else None
        if kept is None:
            todo.append(i)
        else:
            results[i] = kept
    # The units file is read while other processes read posts (0.2 s at 6,000 units).
    fresh, (units, found) = _over_cores(_memo_entry, root, [work[i] for i in todo], quota, jobs,
                                        lambda: _settings_memo(memo, "content/units.yaml", root, read_units))
    problems = list(problems) + found + work_problems
    shared = list(problems)
    for i, entry in zip(todo, fresh):
        if memo is not None:
            memo[work[i][0]] = entry
        results[i] = entry[4]
    if memo is not None:
        for gone in set(memo) - {rel for rel, _ in work} - {"site.yaml", "content/units.yaml"}:
            del memo[gone]
    posts, facts = [], []
    for post, found, fact in results:
        problems += found
        if post is not None:
            posts.append(post)
            facts.append(fact)
    posts = by_unit_id(posts, units)
    across = across_files(config, facts, units)
    problems += across
    shared += across
    site = Site(root, config, units, tuple(posts)) if config is not None else None
    return Loaded(site, tuple(sort_problems(problems)), config_failed, tuple(shared))


def _settings_memo(memo: dict | None, rel: str, root: str, read):
    """site.yaml or units.yaml, read again only when the file changed."""
    if memo is None:
        return read(root)
    stamp = _stamp(os.path.join(root, rel))
    kept = memo.get(rel)
    if kept is None or kept[0] != stamp:
        kept = (stamp, read(root))
        memo[rel] = kept
    return kept[1]


_stamp = file_stamp


def _memo_hit(root: str, rel: str, kind: str, quota, memo: dict):
    """(post, problems, facts) of one file from the memo, when the file, its photos and
    the quota are unchanged; else None. The facts are kept too: making them again needs
    the compacted document's values (~0.1 ms a post, a second at 10,000 posts)."""
    entry = memo.get(rel)
    if entry is not None:
        stamp, images_seen, kept_quota, kept_kind, result = entry[:5]
        if (stamp == _stamp(os.path.join(root, rel)) and kept_quota == quota and kept_kind == kind
                and all(_stamp(path) == seen for path, seen in images_seen)):
            return result
    return None


def _over_cores(entry, root: str, work: list, quota, jobs: int | None, meanwhile) -> tuple:
    """([entry(root, rel, kind, quota) for each file in `work`], meanwhile()), over all
    cores when there are many files (a first build: reading 10,000 posts took 6 s in one
    process). Small chunks dealt in turn, so the processes finish together, while this
    otherwise idle process runs `meanwhile` (reading units.yaml)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(work) < PARALLEL_FROM:
        return [entry(root, rel, kind, quota) for rel, kind in work], meanwhile()
    size = max(MIN_CHUNK, len(work) // (jobs * 32))
    chunks = [work[i:i + size] for i in range(0, len(work), size)]
    parts, extra = forked_map(lambda chunk: [entry(root, rel, kind, quota) for rel, kind in chunk],
                              chunks, jobs, meanwhile)
    return [found for part in parts for found in part], extra


def _memo_entry(root: str, rel: str, kind: str, quota) -> tuple:
    """(file stamp, photo stamps, quota, kind, (post, problems, facts)), the file read
    now. The stamp is taken first: an edit made while reading is seen by the next build."""
    stamp = _stamp(os.path.join(root, rel))
    post, problems = read_one(root, rel, kind, quota)
    fact = None
    paths = []
    if post is not None:
        fact = crosscheck.facts_of(post)
        post.doc.compact()  # a post keeps the text of its front matter, not its position tables
        paths = _photo_paths(root, post)
    return (stamp, tuple((path, _stamp(path)) for path in paths), quota, kind, (post, problems, fact))


def check_site(root: str, jobs: int | None = None, cache: bool = True) -> Checked:
    """Every problem, without keeping the posts: what `check` needs. Files unchanged
    since the last check are taken from its cache (checkcache.py); the others are read
    over all cores when there are many."""
    config, problems, config_failed, work, entries, units, saving = gather(root, jobs, cache)
    with saving:
        facts = []
        for entry in entries:
            fact, found = entry[3]
            problems += found
            if fact is not None:
                facts.append(fact)
        problems += across_files(config, facts, units)
        problems = sort_problems(problems)
    return Checked(tuple(problems), config_failed, len(work))


def by_unit_id(posts: list, units: dict) -> list:
    """`posts` (or their facts), each with its unit as an id: a post may name its unit
    by name. Done here, after the memo, so a post read once follows units.yaml's edits."""
    ids = units_mod.ids_of_names((p.unit for p in posts), units)
    return [p._replace(unit=ids[p.unit]) if p.unit in ids else p for p in posts] if ids else posts


def across_files(config, facts: list, units: dict) -> list:
    """The checks across files and the guidance's rules over the whole site."""
    facts = by_unit_id(facts, units)
    found = crosscheck.check_site(facts, units)
    if config is not None:
        found += guidance.problems_of(facts, units, config.quota, config.rules)
        found += discipline.problems_of(facts, config.rules)
    return found


def gather(root: str, jobs: int | None = None, cache: bool = True) -> tuple:
    """(config, problems of the settings and units, config_failed, work, entries, units,
    saving): every file's (kind, stamp, photo stamps, (facts, problems)) in `work`'s
    order, from check's cache where the file is unchanged. `saving` is a context that
    ends when the refreshed cache is saved."""
    config, problems, config_failed = read_config(root)
    work = _work(root, problems)
    quota = config.quota if config else None
    kept = checkcache.load(root, quota) if cache else {}
    kept_files = kept.get("files", {})
    units_stamp = _stamp(os.path.join(root, "content", "units.yaml"))
    units_kept = kept.get("units")
    units_reader = (lambda: units_kept[1]) if units_kept and units_kept[0] == units_stamp else (lambda: read_units(root))
    with paused_gc():
        entries: list = [None] * len(work)
        todo = []
        for i, (rel, kind) in enumerate(work):
            entry = kept_files.get(rel)
            if entry is not None and checkcache.still_valid(entry, kind, _stamp(os.path.join(root, rel)), _stamp):
                entries[i] = entry
            else:
                todo.append(i)
        fresh, (units, units_problems) = _over_cores(_check_entry, root, [work[i] for i in todo], quota, jobs,
                                                     units_reader)
        for i, entry in zip(todo, fresh):
            entries[i] = entry
    saving = contextlib.nullcontext()
    if cache and (todo or len(kept_files) != len(work) or units_kept is None or units_kept[0] != units_stamp):
        kept = {"files": {rel: entry for (rel, _), entry in zip(work, entries)},
                "units": (units_stamp, (units, units_problems))}
        # Many files read: the cache (0.15 s at 10,000) is saved by another process
        # while this one checks across files and sorts.
        if len(todo) >= PARALLEL_FROM:
            saving = alongside(checkcache.save, root, quota, kept)
        else:
            checkcache.save(root, quota, kept)
    return config, problems + units_problems, config_failed, work, entries, units, saving


def _check_entry(root: str, rel: str, kind: str, quota) -> tuple:
    """(kind, stamp, photo stamps, (facts, problems)) of one file, read now. Workers send
    back facts, not posts: unpickling whole posts with their position tables costs more
    than reading them. The stamp is taken first: an edit made while reading is seen by
    the next check."""
    stamp = _stamp(os.path.join(root, rel))
    post, problems = read_one(root, rel, kind, quota, with_body=False)
    if post is None:
        return kind, stamp, (), (None, problems)
    photos = tuple((path, _stamp(path)) for path in _photo_paths(root, post))
    return kind, stamp, photos, (crosscheck.facts_of(post), problems)


def _photo_paths(root: str, post: Post) -> list:
    paths = [sources.image_path(root, post.folder, p.src) for p in post.photos]
    if post.cover:
        paths.append(sources.image_path(root, post.folder, post.cover))
    return paths


def read_one(root: str, rel: str, kind: str, quota, with_body: bool = True,
             text: str | None = None) -> tuple[Post | None, list[Problem]]:
    """One file (or `text` standing for it), read and checked on its own: everything
    but the checks across files."""
    source, problems = sources.read_source(root, rel, kind, with_body, text)
    if source is None:
        return None, problems
    post, found = schema.read_post(source)
    problems += found
    if post is not None:
        if quota is not None:
            problems += rules.check_post(post, quota)
        problems += placeholder_problems(post)
        problems += _check_photos(root, post)
    return post, problems


def _check_photos(root: str, post: Post) -> list[Problem]:
    out = []
    refs = [(("photos", i, "src") if post.doc.has(("photos", i, "src")) else ("photos", i), p.src)
            for i, p in enumerate(post.photos)]
    if post.cover:
        refs.append((("cover",), post.cover))
    for path, src in refs:
        loc = post.doc.at(path)
        escape = sources.image_problem(root, post.folder, src, post.rel, loc)
        if escape:
            out.append(escape)
            continue
        why = photos.inspect(sources.image_path(root, post.folder, src))
        if why:
            out.append(Problem(post.rel, loc.line, loc.column, "E402",
                               _("the image '{src}' {why}; the path is relative to the post's "
                                 "folder {folder}/").format(src=src, why=why, folder=post.folder)))
    return out
