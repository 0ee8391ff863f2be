"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from stored items: a pure renderer, bytes out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from app.outputs import (
    FeedEntry,
    FeedMeta,
    clean,
    content_html,
    content_text,
    entry_id,
    entry_link,
    entry_published,
    entry_summary,
    rfc3339,
    via_link,
)

__all__ = ["MEDIA_TYPE", "VERSION", "render_json_feed"]

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"
EXTENSION = "_feedhook"
"""Our custom object: the spec reserves keys that start with "_" and a letter for publishers' extensions."""


def _optional(target: dict[str, Any], **fields: str | None) -> None:
    # The spec's optional fields are absent rather than null: readers need not handle null for a string.
    target.update({key: clean(value) for key, value in fields.items() if value})


def _item(entry: FeedEntry) -> dict[str, Any]:
    link = entry_link(entry)
    item: dict[str, Any] = {"id": entry_id(entry)}
    # external_url is "a page elsewhere": the link as received, when the canonical URL is known besides it.
    _optional(item, url=link, external_url=via_link(entry), title=entry.headline)
    # Both renderings, always: the spec requires one of them, and "" is an honest body for a headline-only item.
    item["content_html"] = content_html(entry)
    item["content_text"] = content_text(entry)
    _optional(item, summary=entry_summary(entry), image=entry.image_url)
    item["date_published"] = rfc3339(entry_published(entry))
    item["date_modified"] = rfc3339(entry.updated_at)
    if author := clean(entry.author or "").strip():
        item["authors"] = [{"name": author}]
    # The publisher has no JSON Feed field (authors are people); the API id lets a client GET /v1/items/{id}.
    extension: dict[str, Any] = {"id": entry.id}
    _optional(extension, source=entry.source)
    item[EXTENSION] = extension
    return item


def render_json_feed(entries: Iterable[FeedEntry], meta: FeedMeta) -> bytes:
    """The entries, in the order given, as one JSON Feed 1.1 document (UTF-8)."""
    feed: dict[str, Any] = {"version": VERSION, "title": clean(meta.title)}  # version first, as the spec asks
    _optional(
        feed,
        home_page_url=meta.home_page_url,
        feed_url=meta.feed_url,
        description=meta.description,
        next_url=meta.next_url,
    )
    feed["items"] = [_item(entry) for entry in entries]
    return orjson.dumps(feed)
