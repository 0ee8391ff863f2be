"""The webhook secret out of every text a normalized item carries, whichever field holds it."""

from __future__ import annotations

from typing import Any

from app.ingest.redact import without_secret
from app.normalize.model import NormalizedItem

SECRET = "wh_secret_token_0123456789abcdef"
MADE_BY_THE_NORMALIZER = {"content_hash", "flags"}


def _leaky_item() -> NormalizedItem:
    """An item whose every field a payload fills holds the secret (a date cannot)."""
    values: dict[str, Any] = {}
    for name, info in NormalizedItem.model_fields.items():
        if name in MADE_BY_THE_NORMALIZER or name == "published_at":
            continue
        if name == "blocks":
            values[name] = [{"type": "paragraph", "text": f"Text {SECRET}"}]
        elif name == "body_html":
            values[name] = f"<p>Text <b>{SECRET}</b></p>"
        elif info.annotation == list[str]:
            values[name] = [f"One {SECRET} line.", "Another line."]
        else:
            values[name] = f"https://example.com/{SECRET}/{name}"
    item = NormalizedItem(content_hash="0" * 64, **values)
    # A field added to the model is given the secret above, or this fails: a new field must be covered.
    assert item.model_fields_set | {"published_at", "flags"} == set(NormalizedItem.model_fields)
    return item


def test_no_field_of_the_item_keeps_the_secret() -> None:
    item = _leaky_item()
    assert item.model_dump_json().count(SECRET) >= len(NormalizedItem.model_fields) - 3

    cleaned = without_secret(item, SECRET)

    assert SECRET not in cleaned.model_dump_json()
    assert cleaned.headline == "https://example.com//headline"  # cut out, the rest kept
    assert cleaned.bullets == ["One  line.", "Another line."]


def test_a_required_text_that_was_only_the_secret_reads_redacted() -> None:
    item = _leaky_item().model_copy(update={"headline": SECRET, "identity": SECRET, "author": SECRET})
    cleaned = without_secret(item, SECRET)
    assert (cleaned.headline, cleaned.identity, cleaned.author) == ("[redacted]", "[redacted]", None)
