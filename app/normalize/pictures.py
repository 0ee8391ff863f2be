"""Pictures that are page furniture, not the item's image: a site logo, an icon, a spacer (by file name)."""

from __future__ import annotations

import functools
import re

from app.normalize.data import publisher_files

__all__ = ["is_furniture_image"]


@functools.cache
def _furniture_words() -> tuple[str, ...]:
    """``[links] furniture_image_words`` of every rule file."""
    return tuple(
        sorted(
            {
                w.strip().lower()
                for _stem, table in publisher_files()
                for w in table.get("links", {}).get("furniture_image_words", [])
            }
            - {""}
        )
    )


@functools.cache
def _furniture_name() -> re.Pattern[str]:
    """The words as one search over a file name."""
    words = _furniture_words()
    if not words:
        return re.compile("(?!)")
    # A word of the name, not a part of one: "logo_bigger.jpg", "feed-icon-28x28.png"; "silicon.jpg" is no icon.
    return re.compile(rf"(?:^|[\W_\d])(?:{'|'.join(map(re.escape, words))})(?=[\W_\d]|$)")


_AVATAR_FOLDER = re.compile(r"/(?:avatars?|gravatar)/", re.IGNORECASE)


def is_furniture_image(url: str) -> bool:
    """True when the file name of ``url`` names it furniture (``…/styles/i/logo_bigger.jpg``), or its folder
    holds avatars (a person's picture beside a post: ``…/avatar/<hash>``, ``avatars.newsblur.com/avatars/…``)."""
    path = url.partition("?")[0].partition("#")[0]
    if "avatar" in path.lower() and _AVATAR_FOLDER.search(path):
        return True
    name = path.rpartition("/")[2].lower()
    if not name or not any(word in name for word in _furniture_words()):  # most names hold none of the words
        return False
    return _furniture_name().search(name) is not None
