"""Characters no parser or store takes: bad references repaired before parsing, NUL and lone surrogates after."""

from __future__ import annotations

import re

from app.normalize.model import RawItem

__all__ = ["repair_characters", "storable", "storable_item"]

_REPLACEMENT = b"&#xFFFD;"
_KEPT_CONTROLS = frozenset({0x9, 0xA, 0xD})
# Raw C0 controls are never well-formed XML (§2.2); feedparser's loose parser would pass them on, and
# PostgreSQL refuses NUL in text. In UTF-8 these bytes never occur inside a multibyte sequence.
_RAW_CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r")
_RAW_CONTROLS = [bytes([control]) for control in _RAW_CONTROL_BYTES]  # each looked for with memchr: 8x a regex
# Runs of numeric references that may be unusable: controls, surrogates (55296-57343, D800-DFFF) and
# values past U+10FFFF. The pattern is a superset (55000-57999, seven digits…); _repair decides. Only
# these are rewritten, so the ordinary &#8217; of escaped HTML costs no Python call.
_ONE = (
    rb"(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|5[5-7]\d{3}|\d{7,})"
    rb"|[xX]0*(?:[0-9a-fA-F]|1[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[0-9a-fA-F]{6,}));"
)
_SUSPECT = re.compile(rb"&#" + _ONE + rb"(?:&#" + _ONE + rb")*")  # a literal first: the engine skips to each "&#"
_NUMBER = re.compile(rb"&#([xX]?)([0-9a-fA-F]+);")


def _code_points(run: bytes) -> list[int]:
    return [int(digits, 16 if hex_mark else 10) for hex_mark, digits in _NUMBER.findall(run)]


def _repair(match: re.Match[bytes]) -> bytes:
    """A run of references rewritten: a surrogate pair joined (a common serializer bug), a lone surrogate or
    a value past U+10FFFF replaced by U+FFFD, a control other than tab and newlines dropped."""
    points = _code_points(match.group())
    out: list[bytes] = []
    index = 0
    while index < len(points):
        point = points[index]
        index += 1
        if 0xD800 <= point <= 0xDBFF and index < len(points) and 0xDC00 <= points[index] <= 0xDFFF:
            point = 0x10000 + ((point - 0xD800) << 10) + (points[index] - 0xDC00)
            index += 1
        if point < 0x20 and point not in _KEPT_CONTROLS:
            continue
        out.append(_REPLACEMENT if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF else b"&#%d;" % point)
    return b"".join(out)


def repair_characters(data: bytes) -> bytes:
    """A UTF-8 document without raw controls or character references that no parser can take.

    Before this, one ``&#55357;&#56832;`` (an emoji written as two UTF-16 halves) or ``&#99999999;`` made
    feedparser fail on the whole document, so no entry of the feed was ever stored.
    """
    if any(control in data for control in _RAW_CONTROLS):
        data = data.translate(None, _RAW_CONTROL_BYTES)
    if b"&#" in data:
        data = _SUSPECT.sub(_repair, data)
    return data


def storable(text: str) -> str:
    """``text`` without NUL and with lone surrogates as U+FFFD: what every store and encoder accepts."""
    if text.isascii():
        return text.replace("\x00", "") if "\x00" in text else text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (JSON's "\ud83d"); a pair written as two halves is joined
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text.replace("\x00", "") if "\x00" in text else text


_TEXT_FIELDS = ("title", "content", "link", "author", "image", "published", "updated", "feed_title", "feed_url", "guid")


def storable_item(item: RawItem) -> RawItem:
    """The item with every text field storable; the same object when nothing needed it."""
    update = {}
    for name in (*_TEXT_FIELDS, "orig_link"):
        value = getattr(item, name)
        if isinstance(value, str) and (fixed := storable(value)) is not value:
            update[name] = fixed
    return item.model_copy(update=update) if update else item
