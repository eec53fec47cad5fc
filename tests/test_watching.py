"""What makes `serve` rebuild: a save, a new file or folder, a deleted file; and what
must not (reading files, an editor's swap and probe files). Run on a real event loop
with the system's real file events, and with the polling fallback."""
import asyncio
import os

from sitekit import POST_PATH, write_site
from sitegen.serve import watching


def watch(site, actions, watcher_for=watching.watcher_for, settle=0.6):
    """Start a watcher on `site`, do each action (a function) in turn with a pause
    after it, and return how many times it said the site changed after each one."""
    calls = []

    async def main():
        watcher = watcher_for(str(site), lambda: calls.append(1))
        watcher.start(watcher.examine)
        counts = []
        try:
            for action in actions:
                action()
                await asyncio.sleep(settle)
                counts.append(len(calls))
        finally:
            stop = getattr(watcher, "stop", None)
            if stop:
                stop()
        return watcher, counts

    return asyncio.run(main())


def path(site, rel):
    return os.path.join(str(site), *rel.split("/"))


def append(site, rel, text="\nThêm một câu.\n"):
    def act():
        with open(path(site, rel), "a", encoding="utf-8") as f:
            f.write(text)
    return act


def test_uses_the_systems_events_on_linux(tmp_path):
    write_site(tmp_path)
    watcher, _ = watch(tmp_path, [])
    assert isinstance(watcher, watching.EventWatcher)


def test_a_save_rebuilds_once_and_reading_rebuilds_nothing(tmp_path):
    write_site(tmp_path)

    def read_everything():
        for folder, _, files in os.walk(tmp_path):
            for name in files:
                with open(os.path.join(folder, name), "rb") as f:
                    f.read()

    _, counts = watch(tmp_path, [read_everything, append(tmp_path, POST_PATH), read_everything])
    assert counts == [0, 1, 1]


def test_editor_swap_and_probe_files_rebuild_nothing(tmp_path):
    write_site(tmp_path)
    folder = os.path.dirname(path(tmp_path, POST_PATH))

    def vim_probe():
        # vim writes ".name.swp" beside the file, and checks it may write there by
        # making "4913" and removing it at once.
        with open(os.path.join(folder, ".hoi-nghi.md.swp"), "wb") as f:
            f.write(b"swap")
        probe = os.path.join(folder, "4913")
        open(probe, "w").close()
        os.remove(probe)

    def output_and_cache():
        for name in ("output", ".sitegen-cache"):
            os.makedirs(path(tmp_path, name), exist_ok=True)
            with open(path(tmp_path, f"{name}/index.html"), "w") as f:
                f.write("x")

    _, counts = watch(tmp_path, [vim_probe, output_and_cache])
    assert counts == [0, 0]


def test_new_folders_and_files_are_seen_and_then_watched(tmp_path):
    write_site(tmp_path)
    new_post = "content/posts/2025/moi/bai.md"

    def new_file_in_new_folder():
        os.makedirs(os.path.dirname(path(tmp_path, new_post)))
        with open(path(tmp_path, new_post), "w", encoding="utf-8") as f:
            f.write("---\ntitle: Tin mới\n---\n")

    def first_layout():
        # layouts/ does not exist when serve starts: it is made later, then edited.
        os.makedirs(path(tmp_path, "layouts"))
        with open(path(tmp_path, "layouts/post.html"), "w") as f:
            f.write("{{ page.title }}")

    def delete(rel):
        return lambda: os.remove(path(tmp_path, rel))

    _, counts = watch(tmp_path, [new_file_in_new_folder, append(tmp_path, new_post),
                                 first_layout, append(tmp_path, "layouts/post.html"),
                                 delete(new_post), append(tmp_path, "site.yaml", "\n")])
    # every action is seen; a burst (folder and file) may be seen once or twice
    assert all(b > a for a, b in zip([0] + counts, counts)), counts


def test_falls_back_to_looking_when_the_system_gives_no_events(tmp_path, monkeypatch):
    write_site(tmp_path)

    def refused(site, on_change):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watching, "EventWatcher", refused)
    watcher, counts = watch(tmp_path, [append(tmp_path, POST_PATH), lambda: None])
    assert type(watcher).__name__ == "PollingWatcher"
    assert counts == [1, 1]


def test_lost_events_make_it_look_at_everything(tmp_path):
    write_site(tmp_path)
    calls = []

    async def main():
        watcher = watching.EventWatcher(str(tmp_path), lambda: calls.append(1))
        watcher.start(None)
        try:
            # A change the system's queue overflowed on: no event for the file itself.
            watcher.observer.stop()
            append(tmp_path, POST_PATH)()

            class Lost:
                event_type = "lost"
            watcher.handler.dispatch(Lost())
            await asyncio.sleep(0.2)
        finally:
            watcher.stop()

    asyncio.run(main())
    assert calls == [1]
