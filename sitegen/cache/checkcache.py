"""What `sitegen check` remembers between runs: each file's own problems and the facts
the checks across files need, kept with the stamps of the file and of the photos it
names, so a second check reads again only the files that changed.

The clerk checks again after each fix; at 10,000 posts reading every file took ~1.5 s
over two cores, stamping them takes ~0.05 s. A file's result depends only on its bytes,
its photos, the quota rules of site.yaml and sitegen's own code: all four are in the
key. units.yaml is kept by its own stamp (reading 6,000 units took 0.15 s); site.yaml
and the checks across files are done afresh every time.

The cache lives in .sitegen-cache/check.pickle. Writing it is best effort: a site on a
read-only disk is checked all the same, only not faster the next time.
"""
from __future__ import annotations

import datetime as dt
import marshal
import os
import pickle

from sitegen.cache import safepickle
from sitegen.cache.folder import own_cache
from sitegen.problems import Problem
from sitegen.read.model import CountGroup, NotRated, PostFacts
from sitegen.stamps import cache_version


CACHE_FILE = os.path.join(".sitegen-cache", "check.pickle")


def load(root: str, quota) -> dict:
    """{"files": {file: (kind, stamp, photo stamps, (facts, problems))}, "units": (stamp,
    (units, problems))} of the last check, or {} when there is none usable (made by
    other code or under other quota rules)."""
    try:
        with open(os.path.join(root, CACHE_FILE), "rb") as f:
            head = safepickle.load(f)
            if head != (cache_version(), quota):
                return {}
            units = safepickle.load(f)
            files = marshal.loads(f.read())  # marshal.load(f) reads in small pieces: 10x slower
        return {"units": units, "files": {rel: _typed(entry) for rel, entry in files.items()}}
    except Exception as e:  # missing, truncated or foreign: check everything
        safepickle.ignored(CACHE_FILE, e)
        return {}


def still_valid(entry, kind: str, stamp, photo_stamp) -> bool:
    """Whether a cached entry holds for the file now: same kind, same stamp, and each of
    its photos with the stamp it had (a photo deleted or replaced changes E402)."""
    return (entry[0] == kind and entry[1] == stamp and stamp is not None
            and all(photo_stamp(path) == seen for path, seen in entry[2]))


def save(root: str, quota, kept: dict) -> None:
    """Atomically, each writer with its own temporary file; errors are ignored. The
    files' entries go as plain tuples through marshal: pickling the named tuples and
    dates took 0.18 s at 10,000 posts, this 0.08 s (the code version in the head pins
    the Python version, and with it marshal's format)."""
    path = os.path.join(root, CACHE_FILE)
    temp = f"{path}.{os.getpid()}.tmp"
    try:
        own_cache(root)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temp, "wb") as f:
            pickle.dump((cache_version(), quota), f, protocol=5)
            pickle.dump(kept["units"], f, protocol=5)
            marshal.dump({rel: _plain(entry) for rel, entry in kept["files"].items()}, f)
        os.replace(temp, path)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only not used
        try:
            os.unlink(temp)
        except OSError:
            pass


def save_from_build(root: str, quota, sources: dict) -> None:
    """What `check` would remember, from a successful build's memo entries (loading.py):
    the same files, stamps, photos, facts and problems (a build reads each file as check
    does, keeping its body too), so a check after a build reads nothing again."""
    files, units = {}, None
    for rel, entry in sources.items():
        if rel == "content/units.yaml":
            units = entry
        elif len(entry) == 5:  # a post's or page's (site.yaml's and units.yaml's have two parts)
            stamp, photos, _, kind, (_, problems, fact) = entry
            files[rel] = (kind, stamp, photos, (fact, problems))
    if units is not None:
        save(root, quota, {"files": files, "units": units})


def _plain(entry) -> tuple:
    kind, stamp, photos, (fact, problems) = entry
    if fact is not None:
        fact = (*fact[:6], fact.meeting_day.toordinal() if fact.meeting_day else None, fact.level,
                _plain_group(fact.organizations), fact.marks, fact.regime, _plain_group(fact.members),
                fact.published.toordinal() if fact.published else None)
    return kind, stamp, photos, fact, [tuple(p) for p in problems]


def _plain_group(group):
    return None if group is None else (*group[:2], tuple(group.not_rated), *group[3:])


def _typed_group(group):
    return None if group is None else CountGroup(*group[:2], NotRated(*group[2]), *group[3:])


def _typed(entry) -> tuple:
    kind, stamp, photos, fact, problems = entry
    if fact is not None:
        fact = PostFacts(*fact[:6], dt.date.fromordinal(fact[6]) if fact[6] is not None else None, fact[7],
                         _typed_group(fact[8]), fact[9], fact[10], _typed_group(fact[11]),
                         dt.date.fromordinal(fact[12]) if fact[12] is not None else None)
    return kind, stamp, photos, (fact, [Problem._make(p) for p in problems])
