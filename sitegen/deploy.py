"""`sitegen deploy`: publish output/ to the unit's host, sending only what changed.

What the host holds is described by a manifest on the host itself (.sitegen-deploy.json:
path -> SHA-256 of the bytes sent), so any computer can deploy next time and times on
the server never matter. Order: files that pages refer to (photos, styles, scripts,
data) first, then the pages, then deletions of what the site no longer has, and the
manifest last. The manifest is also saved every few dozen files, so a deploy cut off
halfway resumes where it stopped when simply run again.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass

from .outputmark import published
from .remotes import DeployError, Where, connect, parse

MANIFEST = ".sitegen-deploy.json"
SAVE_EVERY = 20         # files; more on big sites, where the manifest itself is large
SAVE_SECONDS = 30


@dataclass(frozen=True)
class Plan:
    uploads: tuple      # paths, referenced files first, pages after
    deletions: tuple
    unchanged: int

    @property
    def empty(self) -> bool:
        return not self.uploads and not self.deletions


def local_hashes(output: str) -> dict:
    """SHA-256 of each file of the site in `output`: the files its build recorded, not
    whatever else a person put in the folder."""
    out = {}
    for rel in published(output):
        if rel == MANIFEST:
            continue
        with open(os.path.join(output, *rel.split("/")), "rb") as f:
            out[rel] = hashlib.sha256(f.read()).hexdigest()
    return out


def make_plan(local: dict, remote: dict) -> Plan:
    changed = [rel for rel in sorted(local) if remote.get(rel) != local[rel]]
    # A page goes up only after everything it may show: photos, CSS, scripts, search data.
    first = [rel for rel in changed if not rel.endswith(".html")]
    pages = [rel for rel in changed if rel.endswith(".html")]
    pages.sort(key=lambda rel: (rel == "index.html", rel))  # the home page last of all
    gone = sorted(rel for rel in remote if rel not in local)
    return Plan(tuple(first + pages), tuple(gone), len(local) - len(changed))


def read_manifest(remote) -> dict:
    data = remote.read(MANIFEST)
    if data is None:
        return {}
    try:
        value = json.loads(data.decode("utf-8"))
        files = value.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (ValueError, AttributeError):
        return {}  # damaged: send everything again, delete nothing


def _manifest_bytes(files: dict) -> bytes:
    return json.dumps({"generator": "sitegen", "files": dict(sorted(files.items()))},
                      ensure_ascii=False, indent=0).encode("utf-8")


def deploy(output: str, where: Where, password: str | None, host_key: str = "",
           dry_run: bool = False, say=print) -> Plan:
    """Publish `output` to `where`. Raises DeployError (nothing half-published: each file
    is atomic, and a second run completes an interrupted one)."""
    local = local_hashes(output)
    remote = connect(where, password, host_key)
    try:
        known = read_manifest(remote)
        plan = make_plan(local, known)
        if dry_run:
            for rel in plan.uploads:
                say(f"  {'~' if rel in known else '+'} {rel}")
            for rel in plan.deletions:
                say(f"  - {rel}")
            return plan
        state = dict(known)
        total = len(plan.uploads) + len(plan.deletions)
        # Progress survives a cut: the manifest is saved every so often (at most ~5% more
        # bytes sent, since a bigger site has a bigger manifest).
        every = max(SAVE_EVERY, len(local) // 20)
        last_saved, since = time.monotonic(), 0
        for done, rel in enumerate(plan.uploads, 1):
            remote.put(rel, local=os.path.join(output, *rel.split("/")))
            state[rel] = local[rel]
            since += 1
            say(f"[{done}/{total}] {rel}")
            if since >= every or time.monotonic() - last_saved > SAVE_SECONDS:
                remote.put(MANIFEST, data=_manifest_bytes(state))
                last_saved, since = time.monotonic(), 0
        for done, rel in enumerate(plan.deletions, len(plan.uploads) + 1):
            remote.delete(rel)
            state.pop(rel, None)
            say(f"[{done}/{total}] xóa {rel}")
        if plan.uploads or plan.deletions or not known:
            remote.put(MANIFEST, data=_manifest_bytes(state))
        return plan
    finally:
        remote.close()


__all__ = ["DeployError", "Plan", "deploy", "make_plan", "parse", "local_hashes"]
