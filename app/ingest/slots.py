"""A value in a slot that does not say what it holds (IFTTT's value1..value3) read by its shape."""

from __future__ import annotations

import re
from typing import Literal

from app.normalize.dates import parse_date
from app.normalize.words import is_ordinary

__all__ = ["Shape", "could_name", "shape_of"]

Shape = Literal["date", "picture", "link", "name", "label"]

_DATE_CHARS = 40
_YEAR = re.compile(r"\d{4}")  # a date names its year; a word never reaches the date reader
_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_PICTURE_PATH = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)
# Two to four capitalized words and nothing else: a person's or a channel's name ("Ali Abdaal",
# "Wendover Productions"), as an applet maps {{AuthorName}} or {{ChannelName}} to a value slot.
_NAME = re.compile(r"[^\W\d_][\w.’'-]*(?: [^\W\d_][\w.’'-]*){1,3}")
_NAME_CHARS = 40
# A feed's label of two short parts, as an applet maps {{FeedTitle}} to a value slot: "mako - חדשות", "@handle.example
# - Dana Reyes", "Ars Technica | Science"; no sentence in it.
_LABEL = re.compile(r"[^\s<>]{1,40}(?: [^\s<>]{1,40}){0,3} [-–|] [^\s<>]{1,40}(?: [^\s<>]{1,40}){0,3}")
_LABEL_CHARS = 60
# One word alone, as an applet maps {{FeedTitle}} or {{ChannelName}} to a value slot: "DirtyBiology", "7am",
# "eli.garden"; a word runs on without spaces only so far in scripts that write none ("ニュース").
_ONE_WORD = re.compile(r"\S*[^\W\d_]\S*")
_ONE_WORD_CHARS = 40
_UNSPACED_CHARS = 16
_UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?。！？…]$")
# a sentence's end, a score or a figure ("Arsenal 2 - 1 Chelsea"), a "Label: value" ("Price: $42 | In stock")
_NOT_IN_LABELS = re.compile(r"[.!?。](?:\s|$)|\d|:")


def _names_someone(words: list[str]) -> bool:
    """Capitalized words, one of them no ordinary English word, not opening with "The": "Ali Abdaal", not
    "Breaking News", "Live Updates" or "The Verge" (a label or a title as often as a name)."""
    return (
        all(word[0].isupper() for word in words)
        and words[0].casefold() != "the"
        and not all(is_ordinary(word) for word in words)
    )


def _is_one_name(text: str) -> bool:
    """One word that is no ordinary word ("Breaking", "Politics") and ends no sentence: a feed's or a channel's name."""
    limit = _UNSPACED_CHARS if _UNSPACED_SCRIPT.search(text) else _ONE_WORD_CHARS
    return (
        len(text) <= limit
        and _ONE_WORD.fullmatch(text) is not None
        and _LINK.match(text) is None
        and _SENTENCE_END.search(text) is None
        and not is_ordinary(text)
    )


_FEW_WORDS = 6


def could_name(value: str) -> bool:
    """A few words, the first capitalized, that end no sentence: a channel's name as well as a phrase ("Jet Lag:
    The Game", "Terra X Natur & Wissen"): only where the link says a channel publishes is it read as one."""
    text = value.strip()
    words = text.split()
    return (
        0 < len(words) <= _FEW_WORDS
        and len(text) <= _ONE_WORD_CHARS
        and (words[0][0].isupper() or words[0][0].isdigit())
        and "\n" not in text
        and "<" not in text
        and _LINK.search(text) is None
        and _SENTENCE_END.search(text) is None
    )


def shape_of(value: str) -> Shape | None:
    """``"date"``, ``"picture"`` (a link to an image file), ``"link"``, ``"name"`` (capitalized words alone),
    ``"label"`` (a feed's name and section: two short parts either side of a dash or a bar), or None for anything
    else (words)."""
    text = value.strip()
    if len(text) <= _DATE_CHARS and _YEAR.search(text) and parse_date(text):
        return "date"  # any form the normalizer reads: IFTTT's, ISO 8601, "28 Oct 2026 08:31 AEDT", RFC 822
    if len(text) <= _NAME_CHARS and _NAME.fullmatch(text) and _names_someone(text.split()):
        return "name"
    if len(text) <= _LABEL_CHARS and _LABEL.fullmatch(text) and _NOT_IN_LABELS.search(text) is None:
        return "label"
    if _is_one_name(text):
        return "label"
    if not _LINK.fullmatch(text):
        return None
    path = text.split("?", 1)[0].split("#", 1)[0]
    return "picture" if _PICTURE_PATH.search(path) else "link"
