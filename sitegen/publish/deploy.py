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
import posixpath
import time
from dataclasses import dataclass, replace

from sitegen.lang import _
from sitegen.publish.remotes import TEMP_SUFFIX, DeployError, Where, connect, parse
from sitegen.write.outputmark import published, safe_relpath


MANIFEST = ".sitegen-deploy.json"
SAVE_EVERY = 20         # files; more on big sites, where the manifest itself is large
SAVE_SECONDS = 30


class Refused(DeployError):
    """The deploy would replace files on the host that sitegen did not send."""


@dataclass(frozen=True)
class Plan:
    uploads: tuple      # paths, referenced files first, pages after
    deletions: tuple
    unchanged: int
    overwrites: tuple = ()  # of uploads: files on the host that sitegen did not send

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


def read_manifest(remote) -> tuple:
    """({path: digest} of what the host's record says sitegen sent, [entries that are not
    a path inside the target]). The record lives on the host, where anyone with access
    can change it: an entry such as `../other/file` is reported, never deleted or sent."""
    data = remote.read(MANIFEST)
    if data is None:
        return {}, []
    try:
        value = json.loads(data.decode("utf-8"))
        files = value.get("files", {})
    except (ValueError, AttributeError):
        return {}, []  # damaged: send everything again, delete nothing
    if not isinstance(files, dict):
        return {}, []
    known, bad = {}, []
    for rel, digest in files.items():
        if safe_relpath(rel) and rel != MANIFEST and not rel.endswith(TEMP_SUFFIX):
            known[rel] = digest if isinstance(digest, str) else ""  # an odd digest: sent again
        else:
            bad.append(rel)
    return known, bad


def existing(remote, rels) -> set:
    """Those of `rels` that the host holds: one listing per folder on their way that
    exists there (a folder the host lacks holds none of them)."""
    listed: dict = {}

    def names(folder: str):
        if folder not in listed:
            parent, _, name = folder.rpartition("/")
            if folder and name not in (names(parent) or ()):
                listed[folder] = None
            else:
                listed[folder] = remote.listdir(folder)
        return listed[folder]

    return {rel for rel in rels
            if posixpath.basename(rel) in (names(posixpath.dirname(rel)) or ())}


def _manifest_bytes(files: dict) -> bytes:
    return json.dumps({"generator": "sitegen", "files": dict(sorted(files.items()))},
                      ensure_ascii=False, indent=0).encode("utf-8")


def deploy(output: str, where: Where, password: str | None, host_key: str = "",
           dry_run: bool = False, say=print, force: bool = False, confirm=None) -> Plan:
    """Publish `output` to `where`. Raises DeployError (nothing half-published: each file
    is atomic, and a second run completes an interrupted one). Files the host holds
    that sitegen did not send are replaced only with `force` or when `confirm(paths)`
    says yes; without either the deploy stops before sending anything."""
    local = local_hashes(output)
    remote = connect(where, password, host_key)
    try:
        known, bad = read_manifest(remote)
        for rel in bad:
            say("sitegen: " + _("the host's {record} names {name}, which is not a file inside the "
                                "target; ignored (nothing is deleted or sent there)").format(record=MANIFEST, name=repr(rel)))
        plan = make_plan(local, known)
        theirs = existing(remote, [rel for rel in plan.uploads if rel not in known])
        if dry_run:
            for rel in plan.uploads:
                say(f"  {'!' if rel in theirs else '~' if rel in known else '+'} {rel}"
                    + ("  " + _("(replaces a file sitegen did not send)") if rel in theirs else ""))
            for rel in plan.deletions:
                say(f"  - {rel}")
            return replace(plan, overwrites=tuple(sorted(theirs)))
        if theirs and not force and not (confirm and confirm(sorted(theirs))):
            shown = ", ".join(sorted(theirs)[:5])
            if len(theirs) > 5:
                shown += _(" and {count} more").format(count=len(theirs) - 5)
            raise Refused(_("the host already holds files of the same names that sitegen did not send "
                            "({files}); nothing was sent. If they may be replaced, run "
                            "again with --force; otherwise deploy to another folder").format(files=shown))
        state = dict(known)
        new = [rel for rel in plan.uploads if rel not in known]
        if new:
            # Named before they are sent (with no digest, so they are sent again): a
            # deploy cut off between two saves of the record must not find its own files
            # on the host next time and take them for someone else's.
            state.update((rel, "") for rel in new)
            remote.put(MANIFEST, data=_manifest_bytes(state))
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
            say(f"[{done}/{total}] " + _("delete {file}").format(file=rel))
        if plan.uploads or plan.deletions or not known:
            remote.put(MANIFEST, data=_manifest_bytes(state))
        return plan
    finally:
        remote.close()


__all__ = ["DeployError", "Plan", "Refused", "deploy", "make_plan", "parse", "local_hashes"]
