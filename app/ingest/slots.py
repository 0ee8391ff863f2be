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
# One coined word alone, as an applet maps {{FeedTitle}} or {{ChannelName}} to a value slot: capitals inside it
# ("DirtyBiology", "ElectroBOOM"), digits run into letters ("7am"), a dot or an underscore between letters
# ("eli.garden", "Underscore_"). A word of the language ("Politik", "Bitcoin") or a code ("COVID-19", "N/A") is none.
_ONE_WORD = re.compile(r"[^\W_][\w.]*")
_COINED = re.compile(r"[^\W\d_A-Z][A-Z]|\d[^\W\d_]|[^\W\d_]\d|[^\W\d_][._][^\W\d_]|[^\W\d_]_$")
_ONE_WORD_CHARS = 40
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
    """One coined word that is no ordinary word and ends no sentence: a feed's or a channel's name."""
    return (
        len(text) <= _ONE_WORD_CHARS
        and _ONE_WORD.fullmatch(text) is not None
        and _COINED.search(text) is not None
        and any(char.islower() for char in text)  # ("G7", "H5N1", "MH370": codes)
        and _SENTENCE_END.search(text) is None
        and not is_ordinary(text)
    )


_FEW_WORDS = 6


def could_name(value: str) -> bool:
    """A few capitalized words that end no sentence: a channel's name as well as a phrase ("Jet Lag: The Game",
    "Terra X Natur & Wissen"); only where the link says a channel publishes is it read as one. Never a label's
    opening ("LIVE: …", "Music: …"), one ordinary word ("Wow") or a code ("N/A")."""
    text = value.strip()
    words = text.split()
    return (
        0 < len(words) <= _FEW_WORDS
        and len(text) <= _ONE_WORD_CHARS
        and all(word[0].isupper() or word[0].isdigit() or word in _NAME_JOINS for word in words)
        and not words[0].endswith(":")
        # one word only in capitals ("NASA", "CNN") or no ordinary one ("Wow", "Subscribe" are words)
        and not (len(words) == 1 and is_ordinary(text) and not (text.isupper() and len(text) >= 2))
        and _NAME_CHARS_ONLY.fullmatch(text) is not None
        and _SENTENCE_END.search(text) is None
    )


_NAME_JOINS = frozenset({"&", "-", "–", "|", "of", "the", "and", "de", "la", "le", "des", "du", "di", "da", "und"})
_NAME_CHARS_ONLY = re.compile(r"[\w .’'&:|!–-]+")


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
