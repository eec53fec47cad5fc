"""The cache folder, .sitegen-cache/, as sitegen's own."""
from __future__ import annotations

import logging
import os

from sitegen.lang import _


CACHE = ".sitegen-cache"


def own_cache(root: str) -> None:
    """Make sure the cache, and the folders in it where sitegen deletes files, are folders
    of the site. A link planted there (a site copied from someone else) would lead its
    writes and prunes elsewhere, e.g. into a folder of photos: the link is removed, never
    what it points to, and the cache starts afresh."""
    base = os.path.join(root, CACHE)
    for path in (base, os.path.join(base, "images"), os.path.join(base, "staging")):
        if os.path.islink(path):
            os.unlink(path)
            logging.getLogger("sitegen").warning(
                _("%s was a link to another place; sitegen removed the link (not what it led to) "
                  "and keeps its cache in a folder of the site"), os.path.relpath(path, root))
