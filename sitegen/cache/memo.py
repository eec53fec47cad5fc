"""The build memo: what a rebuild reuses, kept in .sitegen-cache/build.pickle between
builds (and in memory by `serve`)."""
from __future__ import annotations

import os
import pickle

from sitegen.cache import safepickle
from sitegen.stamps import cache_version


class BuildMemo:
    """What a rebuild reuses, so that it redoes only what a change affects: posts by file
    stamp, search index entries by body, page digests by page key (pages of posts: by the file's stamp
    and what the page shows of the site; other pages: by context), and digests of what
    was last written (so an unchanged page is neither rendered nor rewritten).
    `serve` keeps one in memory; `build` keeps one in .sitegen-cache/build.pickle."""

    def __init__(self):
        self.sources: dict = {}
        self.renderer = None          # (template stamps, base_url), Renderer: compiled templates
        self.search: dict = {}        # (body digest, characters kept) -> search index entry
        self.cards: dict = {}          # list entries of posts (pages.Cards); `serve` only
        self.search_heads: dict = {}   # each post's search document but its body; `serve` only
        self.pages: dict = {}
        self.csv: dict = {}           # page key of a results page -> (CSV path, bytes)
        self.card_digests: dict = {}  # what a post's card is made from -> digest of the card
        # post file or list page -> what its page's key was made from, and the key; `serve` only
        self.post_keys: dict = {}
        self.written: dict = {}
        self.output = None            # the folder `written` describes

    def __getstate__(self):
        state = dict(self.__dict__)
        state["renderer"] = None  # a Jinja2 environment is not saved; it is cheap to make
        # Nor are the cards: making 10,000 again takes less time than saving and loading
        # them (1.3 s and 0.5 s here), and they were a third of the saved objects.
        state["cards"] = {}
        state["search_heads"] = {}  # the same: they hold the posts, and are quick to make
        # Nor what the pages' keys were made from: at 10,000 posts it took 34 MB once
        # loaded, and loading it took longer (0.27 s) than digesting every key again (0.19 s).
        state["post_keys"] = {}
        return state


MEMO_FILE = os.path.join(".sitegen-cache", "build.pickle")


# Files' entries are saved in parts of this many, each pickled with a fresh memo table:
# pickling the memo whole needed ~50 MB for its table at 10,000 posts, the peak of the
# whole build.
MEMO_PART = 1000


def load_memo(root: str) -> BuildMemo:
    """The saved memo, or a fresh one if there is none or it may be stale or damaged."""
    try:
        with open(os.path.join(root, MEMO_FILE), "rb") as f:
            head = safepickle.load(f)
            if (not isinstance(head, dict) or head.get("version") != cache_version()
                    or head.get("root") != root):
                return BuildMemo()
            memo = head["memo"]
            for _ in range(head["parts"]):
                memo.sources.update(safepickle.load(f))
            if safepickle.load(f) != "end":
                return BuildMemo()
            return memo
    except Exception as e:  # missing, truncated or from another version: start afresh
        safepickle.ignored(MEMO_FILE, e)
    return BuildMemo()


def save_memo(root: str, memo: BuildMemo) -> None:
    """Atomically: a crash leaves the previous memo or none, never half of one."""
    path = os.path.join(root, MEMO_FILE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temp = path + ".tmp"
    entries = list(memo.sources.items())
    parts = [dict(entries[i:i + MEMO_PART]) for i in range(0, len(entries), MEMO_PART)]
    rest = BuildMemo.__new__(BuildMemo)
    rest.__dict__.update(memo.__getstate__(), sources={})
    with open(temp, "wb") as f:
        pickler = pickle.Pickler(f, protocol=5)
        pickler.dump({"version": cache_version(), "root": root, "memo": rest, "parts": len(parts)})
        for part in parts + ["end"]:
            pickler.clear_memo()
            pickler.dump(part)
    os.replace(temp, path)
