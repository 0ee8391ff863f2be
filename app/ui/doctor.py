"""The applet doctor: for a body the lenient reader had to repair, the body template that arrives clean."""

from __future__ import annotations

__all__ = ["CLEAN_CONTENT_TYPE", "REPAIRED_FORMS", "clean_template", "repairs"]

REPAIRED_FORMS = frozenset({"json-lenient", "form-lenient"})
"""Reader forms that mean the body was broken as sent: raw quotes or newlines in JSON, an unencoded form."""
CLEAN_CONTENT_TYPE = "text/plain"
"""`key: value` lines: no quoting or encoding for an ingredient to break, and content runs to the end."""
INGREDIENTS = {
    "title": "{{EntryTitle}}",
    "url": "{{EntryUrl}}",
    "author": "{{EntryAuthor}}",
    "image": "{{EntryImageUrl}}",
    "published": "{{EntryPublished}}",
    "feed_title": "{{FeedTitle}}",
    "feed_url": "{{FeedUrl}}",
    "content": "{{EntryContent}}",
}
"""Canonical field → the IFTTT ingredient that fills it, content last (it may hold anything, key lines too)."""


def clean_template(form: str | None) -> str | None:
    """For a body read in a repaired form, the text/plain template that arrives clean; else None.

    Every field comes before content, even one the applet leaves empty: the reader ends content early at
    an `author:`-like line only while that field has no line yet (app/ingest/payload.py, text fields).
    """
    if form not in REPAIRED_FORMS:
        return None
    return "\n".join(f"{name}: {ingredient}" for name, ingredient in INGREDIENTS.items())


_REPAIRS = {
    "json-lenient": "broken JSON: a value held raw quotes, newlines or other characters JSON must escape",
    "form-lenient": "an unencoded form: values held &, = or spaces that were not percent-encoded",
}
_DECLARED = {
    "application/json": "json",
    "text/json": "json",
    "application/x-www-form-urlencoded": "form",
    "text/plain": "text",
}


def repairs(form: str | None, content_type: str | None) -> list[str]:
    """What the lenient reader had to do to read a body, in words: its repair, and a type it sniffed."""
    found = [_REPAIRS[form]] if form in _REPAIRS else []
    declared = (content_type or "").split(";")[0].strip().lower()
    kind = _DECLARED.get(declared)
    if form is not None and kind is not None and not form.startswith(kind):
        found.append(f"sent as {declared} but read as {form}: the content type was sniffed from the body")
    return found
