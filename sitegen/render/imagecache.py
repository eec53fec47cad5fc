"""Web copies of the site's photos, cached in .sitegen-cache/images/ (outside output/).

A photo's derivatives are named by a hash of its bytes and the encoding settings, so a
photo is encoded once, ever, for given settings. An index remembers each source's size,
modification time and hash: a rebuild with no photo changed reads no photo and encodes
nothing. Encoding runs over all cores. Derivatives no build uses any more are pruned.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from sitegen.cache.folder import own_cache
from sitegen.lang import _
from sitegen.read.model import ENCODER_VERSION
from sitegen.read.model import ImageSettings as Settings
from sitegen.render import images
from sitegen.stamps import stamp_of


CACHE = os.path.join(".sitegen-cache", "images")
INDEX = "index.json"


@dataclass(frozen=True)
class Photo:
    """A published photo: where its derivatives are, and their sizes."""
    key: str                  # hash of source bytes and settings
    width: int                # upright size of the original
    height: int
    sizes: tuple              # ((w, h), ...) smallest first
    webp: bool

    def name(self, width: int, ext: str) -> str:
        return f"{self.key}-{width}.{ext}"

    def files(self) -> list[str]:
        exts = ("jpg", "webp") if self.webp else ("jpg",)
        return [self.name(w, ext) for w, _ in self.sizes for ext in exts]


@dataclass(frozen=True)
class Prepared:
    photos: dict              # absolute source path -> Photo
    failures: dict            # absolute source path -> why it could not be encoded
    encoded: int              # how many photos were encoded in this run
    folder: str               # the cache folder holding the derivative files


def _hash(path: str, settings: Settings) -> str:
    digest = hashlib.sha256(settings.key())
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:20]


_KEY = re.compile(r"[0-9a-f]{20}")


def _load_index(folder: str) -> dict:
    """The index, or a fresh one when it is missing, from another encoder or not what
    sitegen writes: a key names files in the cache that are published, so a key that is
    not a digest (`../../x`) would publish a file from elsewhere."""
    try:
        with open(os.path.join(folder, INDEX), encoding="utf-8") as f:
            index = json.load(f)
        if (isinstance(index, dict) and index.get("version") == ENCODER_VERSION
                and all(_KEY.fullmatch(str(entry[1])) for entry in index["sources"].values())
                and all(_KEY.fullmatch(key) and all(isinstance(n, int) for size in entry["sizes"] for n in size)
                        for key, entry in index["photos"].items())):
            return index
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        pass
    return {"version": ENCODER_VERSION, "sources": {}, "photos": {}}


def _encode_job(args) -> tuple[str, object]:
    source, settings, folder, key = args
    try:
        return key, images.encode(source, settings, folder, key)
    except Exception as e:  # a damaged photo: reported as E402 by the caller
        return key, _("cannot be encoded ({why})").format(why=f"{e.__class__.__name__}: {e}")


def prepare(site_root: str, sources: list[str], settings: Settings, jobs: int | None = None) -> Prepared:
    """Derivatives for every source photo (absolute paths), encoding only what is new."""
    folder = os.path.join(site_root, CACHE)
    own_cache(site_root)
    os.makedirs(folder, exist_ok=True)
    index = _load_index(folder)
    known_sources, known_photos = index["sources"], index["photos"]
    keys: dict = {}
    for source in sorted(set(sources)):
        st = os.stat(source)
        name = os.path.relpath(source, site_root).replace(os.sep, "/")
        seen = known_sources.get(name)
        if seen and seen[0] == list(stamp_of(st)) and seen[2] == settings.key().decode():
            keys[source] = seen[1]  # unchanged since it was hashed: do not read it again
        else:
            keys[source] = _hash(source, settings)
            known_sources[name] = [list(stamp_of(st)), keys[source], settings.key().decode()]
    todo = {}
    for source, key in keys.items():
        entry = known_photos.get(key)
        if entry is None or not all(os.path.exists(os.path.join(folder, name))
                                    for name in _photo(key, entry, settings).files()):
            todo.setdefault(key, source)
    failures: dict = {}
    for key, result in _run([(source, settings, folder, key) for key, source in sorted(todo.items())], jobs):
        if isinstance(result, str):
            failures.update({s: result for s, k in keys.items() if k == key})
        else:
            known_photos[key] = {"width": result.width, "height": result.height,
                                 "sizes": [list(size) for size in result.sizes]}
    photos = {source: _photo(key, known_photos[key], settings)
              for source, key in keys.items() if source not in failures}
    _save_index(folder, index)
    return Prepared(photos, failures, len(todo), folder)


def _run(work: list, jobs: int | None) -> list:
    jobs = jobs or os.cpu_count() or 1
    if len(work) < 2 or jobs < 2:
        return [_encode_job(item) for item in work]
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=context) as pool:
        return list(pool.map(_encode_job, work))


def _photo(key: str, entry: dict, settings: Settings) -> Photo:
    return Photo(key, entry["width"], entry["height"], tuple(tuple(s) for s in entry["sizes"]), settings.webp)


def _save_index(folder: str, index: dict) -> None:
    temp = os.path.join(folder, INDEX + ".tmp")
    with open(temp, "w", encoding="utf-8") as f:
        json.dump(index, f, ensure_ascii=False, sort_keys=True)
    os.replace(temp, os.path.join(folder, INDEX))


def prune(site_root: str, used: list[Photo]) -> int:
    """After a successful build: delete derivatives and index entries no page uses."""
    folder = os.path.join(site_root, CACHE)
    keep = {name for photo in used for name in photo.files()}
    keys = {photo.key for photo in used}
    removed = 0
    for name in os.listdir(folder):
        if name != INDEX and name not in keep:
            os.remove(os.path.join(folder, name))
            removed += 1
    index = _load_index(folder)
    index["photos"] = {k: v for k, v in index["photos"].items() if k in keys}
    index["sources"] = {s: v for s, v in index["sources"].items() if v[2] in keys}
    _save_index(folder, index)
    return removed
