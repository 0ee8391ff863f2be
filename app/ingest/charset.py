"""Webhook body bytes to text: byte-order marks, a declared charset, UTF-8; lone surrogates replaced."""

from __future__ import annotations

import codecs
import functools
import re

from app.errors import PayloadError

__all__ = ["declared_charset", "decode_body", "scrub_surrogates"]

_BOM_CODECS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 LE first: its BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Python-only codecs that reinterpret backslashes or run in super-linear time: never a real charset.
_REFUSED_CODECS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})
_MAX_CHARSET_LENGTH = 40
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_body(body: bytes, content_type: str | None) -> str:
    bom_error: PayloadError | None = None
    for bom, codec, label in _BOM_CODECS:
        if body.startswith(bom):
            try:
                return body.decode(codec)
            except UnicodeDecodeError as exc:
                # FF FE 00 00 is also UTF-16 LE starting with U+0000: let that reading have a go.
                bom_error = bom_error or PayloadError(
                    f"The body starts with a {label} byte-order mark but is not valid {label} (offset {exc.start})."
                )
    if bom_error is not None:
        raise bom_error
    charset = declared_charset(content_type)
    if charset is not None and _single_byte(charset) and not body.isascii() and _is_utf8(body):
        # Every byte string is valid latin-1 (and nearly every one windows-1252), so a UTF-8 body
        # labelled as one would decode without error into mojibake ("cafÃ©"). Real single-byte text
        # is almost never valid UTF-8 once it holds a non-ASCII letter: the bytes say what they are.
        return body.decode("utf-8")
    if charset is not None and charset != "utf-8":
        try:
            return scrub_surrogates(body.decode(charset))
        except (UnicodeError, LookupError):
            pass  # a mislabelled body: UTF-8 is what IFTTT actually sends
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = f" nor the declared charset {charset}" if charset not in (None, "utf-8") else ""
        raise PayloadError(f"The body is not valid UTF-8{declared}: undecodable byte at offset {exc.start}.") from None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@functools.cache
def _single_byte(codec: str) -> bool:
    """True when bytes 0x80-0xFF decode to 128 characters (latin-1, windows-125x, ISO 8859, KOI8…; also
    a few others, which only makes a valid UTF-8 body read as UTF-8, as it would be anyway)."""
    try:
        return len(bytes(range(128, 256)).decode(codec, "replace")) == 128
    except LookupError:
        return False


def declared_charset(content_type: str | None) -> str | None:
    """The normalised codec name of a ``charset=`` parameter, when Python knows it as a text codec."""
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() != "charset":
            continue
        value = value.strip().strip("\"'")
        if not value or len(value) > _MAX_CHARSET_LENGTH:
            return None
        try:
            codec = codecs.lookup(value).name
        except (LookupError, ValueError):
            return None
        return None if codec in _REFUSED_CODECS else codec
    return None


def scrub_surrogates(text: str) -> str:
    """Pair up surrogate halves and replace lone ones: a lone surrogate cannot be stored or encoded."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
