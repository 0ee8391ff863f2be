"""A value in a slot that does not say what it holds (IFTTT's value1..value3) read by its shape."""

from __future__ import annotations

import re
from typing import Literal

from app.normalize.dates import parse_date

__all__ = ["Shape", "shape_of"]

Shape = Literal["date", "picture", "link"]

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATE = re.compile(
    # IFTTT's own "December 4, 2026 at 09:00AM", and an ISO 8601 date or time
    rf"(?:(?:{_MONTHS}) \d{{1,2}}, \d{{4}}(?: at \d{{1,2}}:\d{{2}}\s?[ap]m)?"
    r"|\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?)",
    re.IGNORECASE,
)
_DATE_CHARS = 40
_DIGIT = re.compile(r"\d{4}")
_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_PICTURE_PATH = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)


def shape_of(value: str) -> Shape | None:
    """``"date"``, ``"picture"`` (a link to an image file), ``"link"``, or None for anything else (words)."""
    text = value.strip()
    if _DATE.fullmatch(text) or (len(text) <= _DATE_CHARS and _DIGIT.search(text) and parse_date(text)):
        return "date"  # (any form the normalizer reads: "28 Oct 2026 08:31 AEDT", an RFC 822 date)
    if not _LINK.fullmatch(text):
        return None
    path = text.split("?", 1)[0].split("#", 1)[0]
    return "picture" if _PICTURE_PATH.search(path) else "link"
