"""A secret out of a normalized item in every form it can take there: encoded, escaped or split by tags."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

from app.ingest.encoded import encoded_pattern
from app.ingest.payload import MIN_REDACTED_SECRET
from app.normalize.model import NormalizedItem
from app.normalize.sanitize import sanitize

__all__ = ["without_secret"]


_TAG = re.compile(r"<[^<>]*>")

# What the normalizer makes itself, never from a payload's text: the hash and its notes. The body's markup
# and blocks are scrubbed apart (below); every other text field of the item is scrubbed by its type, so a
# field added to the model is scrubbed without an edit here.
_MADE_HERE = frozenset({"content_hash", "flags", "body_html", "blocks"})
_TEXT = tuple(
    name
    for name, info in NormalizedItem.model_fields.items()
    if name not in _MADE_HERE and info.annotation in (str, str | None)
)
"""The item's text fields; the required ones (a ``str``) and the headline are ``[redacted]`` when the secret was all
they held (an untitled post has none, but a headline that was only the secret was one: the record keeps a title)."""
_REQUIRED = frozenset(name for name in _TEXT if NormalizedItem.model_fields[name].annotation is str) | {"headline"}
_LISTS = tuple(
    name
    for name, info in NormalizedItem.model_fields.items()
    if name not in _MADE_HERE and info.annotation == list[str]
)


def _may_hold(value: str, secret: str) -> bool:
    """Whether ``value`` decoded (tags out, references and percent escapes resolved) holds ``secret``: a
    few passes in C, where the per-character pattern costs as much as normalizing the item did."""
    if secret in value:
        return True
    if "&#" not in value and "%" not in value and "<" not in value:
        return False
    decoded = unquote(html.unescape(value))  # attributes (a link's href) included
    return secret in decoded or ("<" in value and secret in unquote(html.unescape(_TAG.sub("", value))))


@functools.lru_cache(maxsize=8)
def _patterns(secret: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(encoded_pattern(secret)), re.compile(encoded_pattern(secret, markup=True))


def without_secret(item: NormalizedItem, secret: str) -> NormalizedItem:
    """``item`` with every occurrence of ``secret`` removed, the same object when it holds none.

    The payload is redacted before normalizing (app.ingest.payload), but only where the secret is
    written plainly: ``wh_to&#107;en…`` in an HTML body, ``wh_<b>tok</b>en…``, or ``%77h_token…`` in a
    link only become the secret once decoded. body_html is sanitized again after a cut (sanitize last).
    """
    if len(secret) < MIN_REDACTED_SECRET:
        return item
    plain, markup = _patterns(secret)

    def scrub(value: str | None) -> str | None:
        if value is None or not _may_hold(value, secret) or plain.search(value) is None:
            return value
        return plain.sub("", value).strip() or None

    update: dict[str, object] = {}
    for name in _TEXT:
        value = getattr(item, name)
        if (cleaned := scrub(value)) is not value:
            update[name] = cleaned if cleaned is not None or name not in _REQUIRED else "[redacted]"
    for name in _LISTS:
        values: list[str] = getattr(item, name)
        if any(_may_hold(value, secret) and plain.search(value) for value in values):
            update[name] = [cleaned for value in values if (cleaned := scrub(value))]
    if any(_may_hold(value, secret) and plain.search(value) for value in _strings(item.blocks)):
        update["blocks"] = [_scrubbed(block, scrub) for block in item.blocks]
    if item.body_html is not None and _may_hold(item.body_html, secret) and markup.search(item.body_html):
        update["body_html"] = sanitize(markup.sub("", item.body_html)) or None
    return item.model_copy(update=update) if update else item


def _strings(value: object) -> Iterator[str]:
    """Every string inside a block (its text, caption, image, list items, table cells)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _scrubbed(value: Any, scrub: Callable[[str | None], str | None]) -> Any:
    """The block with ``scrub`` applied to every string in it (an emptied string stays a string)."""
    if isinstance(value, str):
        return scrub(value) or ""
    if isinstance(value, dict):
        return {key: _scrubbed(inner, scrub) for key, inner in value.items()}
    if isinstance(value, list):
        return [_scrubbed(inner, scrub) for inner in value]
    return value
