"""What tells `serve` that the site changed: the system's file events (watchdog), or,
where they cannot be had, a look at every watched file's stamp every 0.1 s.

Events reach a save as soon as it lands (a look every 0.1 s waited 0.05 s on average,
and at 10,000 posts a look itself took 0.1 s, so looks were spaced 0.5 s apart). An
event only says where to look: the file's stamp is compared with the one last seen,
so a file that was only opened or read, or made and removed again at once by an
editor (vim's "4913"), rebuilds nothing.
"""
from __future__ import annotations

import os
import stat
import threading
import time

from livereload.watcher import Watcher

from sitegen.stamps import stamp_of


POLL_SECONDS = 0.1      # how often the folders are looked at, on a small site, without events
# What is watched; never output/ or the cache.
WATCHED = ("site.yaml", "content", "layouts", "assets")
FOLDERS = WATCHED[1:]


def snapshot(site: str) -> dict:
    """The stamp of every watched file: site.yaml, content/, layouts/, assets/. A
    folder that appears later (a first layouts/ file) is seen on the next look."""
    found = {}

    def walk(folder: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                walk(entry.path)
            else:
                try:
                    st = entry.stat()
                except OSError:
                    continue
                found[entry.path] = stamp_of(st)

    for name in WATCHED:
        path = os.path.join(site, name)
        if name.endswith(".yaml"):
            try:
                found[path] = stamp_of(os.stat(path))
            except OSError:
                pass
        else:
            walk(path)
    return found


def is_watched(site: str, path: str) -> bool:
    """site.yaml, or a file or folder inside content/, layouts/ or assets/ whose name
    and folders' names do not start with a dot (an editor's swap and lock files)."""
    rel = os.path.relpath(path, site)
    parts = rel.split(os.sep)
    return parts[0] in WATCHED and not any(p.startswith(".") for p in parts)


def watcher_for(site: str, on_change):
    """The event watcher, or the polling one where the system gives no events (no
    watchdog, or Linux's limit on watches reached)."""
    try:
        return EventWatcher(site, on_change)
    except (ImportError, OSError):
        return polling_watcher(site, on_change)


class EventWatcher(Watcher):
    """Calls `on_change` on the server's loop when a watched file's stamp differs from
    the last one seen. It never reports to livereload itself, whose own reload would
    race the rebuild; `on_change` rebuilds, then reloads the browsers."""

    def __init__(self, site: str, on_change):
        super().__init__()
        from watchdog import events
        from watchdog.observers import Observer
        self.site, self.on_change = site, on_change
        self.seen = snapshot(site)
        self.lock = threading.Lock()
        self.paths: set = set()
        self.whole = False     # a folder came, went or moved, or events were lost: look at all
        self.scheduled: set = set()
        self.loop = None
        # Only what writes: opening and reading a file (the build reads every post)
        # is not asked for, so the system does not even report it.
        self.kinds = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent,
                      events.FileMovedEvent, events.FileClosedEvent, events.DirCreatedEvent,
                      events.DirDeletedEvent, events.DirMovedEvent]
        self.observer = Observer()
        self.observer.daemon = True
        self.handler = _Handler(self)
        # The site's own folder, not inside it (site.yaml, and a layouts/ made later),
        # then each watched folder with all it holds.
        self.observer.schedule(self.handler, site, recursive=False, event_filter=self.kinds)
        self._schedule_folders()
        self.observer.start()  # OSError when the system refuses more watches

    def _schedule_folders(self) -> None:
        for name in FOLDERS:
            path = os.path.join(self.site, name)
            if name not in self.scheduled and os.path.isdir(path):
                self.observer.schedule(self.handler, path, recursive=True, event_filter=self.kinds)
                self.scheduled.add(name)

    def start(self, callback) -> bool:
        from tornado import ioloop
        self.loop = ioloop.IOLoop.current()
        return True  # events come by themselves: livereload must not start its own 0.8 s loop

    def examine(self):
        return None, None

    def heard(self, event) -> None:
        """In watchdog's thread: note where to look, and ask the loop to look. A
        folder made, removed or moved, or events the system dropped ("lost"): look at
        everything."""
        if event.event_type == "lost":
            watched, whole = [], True
        else:
            paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
            watched = [p for p in paths if is_watched(self.site, p)]
            if not watched:
                return
            whole = event.is_directory and event.event_type != "modified"
        with self.lock:
            self.paths.update(watched)
            self.whole = self.whole or whole
        if self.loop is not None:
            self.loop.add_callback(self.look)

    def look(self) -> None:
        """On the server's loop: compare the stamps of what events named."""
        with self.lock:
            paths, whole = self.paths, self.whole
            self.paths, self.whole = set(), False
        if not paths and not whole:
            return
        if whole:
            self._schedule_folders()
            now = snapshot(self.site)
            changed = now != self.seen
            self.seen = now
        else:
            changed = False
            for path in paths:
                try:
                    st = os.stat(path)
                    stamp = None if stat.S_ISDIR(st.st_mode) else stamp_of(st)
                except OSError:
                    stamp = None
                if stamp != self.seen.get(path):
                    changed = True
                    if stamp is None:
                        self.seen.pop(path, None)
                    else:
                        self.seen[path] = stamp
        if changed:
            self.on_change()

    def stop(self) -> None:
        self.observer.stop()


class _Handler:
    """What watchdog calls: every event goes to the watcher's `heard`."""

    def __init__(self, watcher: EventWatcher):
        self.dispatch = watcher.heard


def polling_watcher(site: str, on_change):
    """Looks every 0.1 s (or five times as long as a look takes, on a large site, so
    that polling stays under 20% of a core) instead of livereload's 0.8 s, by comparing
    a snapshot of file times and sizes."""
    from tornado import ioloop

    class PollingWatcher(Watcher):
        def __init__(self):
            super().__init__()
            self.seen = snapshot(site)

        def examine(self):
            now = snapshot(site)
            if now != self.seen:
                self.seen = now
                on_change()
            return None, None

        def start(self, callback):
            def poll():
                started = time.perf_counter()
                callback()
                took = time.perf_counter() - started
                loop.call_later(max(POLL_SECONDS, 5 * took), poll)
            loop = ioloop.IOLoop.current()
            loop.call_later(POLL_SECONDS, poll)
            return True  # we poll: livereload must not start its own 0.8 s loop

    return PollingWatcher()
