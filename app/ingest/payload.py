"""Lenient parser of webhook bodies: raw bytes in, canonical ingredient fields out."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qsl, unquote_plus

import orjson

from app.errors import PayloadError

__all__ = ["FIELD_ALIASES", "Payload", "parse_payload"]

_ALIASES_BY_CANONICAL: dict[str, tuple[str, ...]] = {
    "title": ("title", "EntryTitle", "value1"),
    "url": ("url", "link", "EntryUrl", "value2"),
    "content": ("content", "EntryContent", "description", "body", "value3"),
    "author": ("author", "EntryAuthor"),
    "image": ("image", "image_url", "EntryImageUrl"),
    "published": ("published", "published_at", "EntryPublished"),
    "feed_title": ("feed_title", "FeedTitle", "source"),
    "feed_url": ("feed_url", "FeedUrl"),
    "token": ("token",),
}

FIELD_ALIASES: Mapping[str, str] = MappingProxyType(
    {alias.lower(): canonical for canonical, aliases in _ALIASES_BY_CANONICAL.items() for alias in aliases}
)
"""Lower-cased key a sender may use -> canonical field name."""

# IFTTT ingredient names spelled exactly as IFTTT spells them: in a text body they still start a new
# key after the multi-line content has begun, where a plain word such as "Source:" is just prose.
_INGREDIENT_KEYS = frozenset(
    {
        "EntryTitle",
        "EntryUrl",
        "EntryAuthor",
        "EntryContent",
        "EntryImageUrl",
        "EntryPublished",
        "FeedTitle",
        "FeedUrl",
        "value1",
        "value2",
        "value3",
        "token",
    }
)


@dataclass(frozen=True, slots=True)
class Payload:
    """What a webhook body said, by canonical field name, and how it had to be read.

    ``form`` is one of ``json``, ``json-lenient``, ``form``, ``form-lenient``, ``text-fields``,
    ``text-post``.
    """

    # Excluded from the hash: a mapping is unhashable, and equal payloads still hash equal.
    fields: Mapping[str, str] = field(hash=False)
    form: str


def parse_payload(body: bytes, content_type: str | None) -> Payload:
    """Read a webhook body however it arrived; raise PayloadError only if it cannot be read at all."""
    text = _decode(body, content_type).strip()
    if not text:
        raise PayloadError("The body is empty: there is nothing to read.")
    for reader in _readers_in_order(text, content_type):
        reading = reader(text)
        if reading is not None:
            fields, form = reading
            return Payload(MappingProxyType(fields), form)
    # Only a body that starts like a JSON object gets here: it is not a rendered post, and no key
    # in it was recognised.
    return Payload(MappingProxyType({}), "json-lenient")


# --- decoding ---------------------------------------------------------------------------------

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


def _decode(body: bytes, content_type: str | None) -> str:
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
    charset = _declared_charset(content_type)
    if charset is not None and charset != "utf-8":
        try:
            return _scrub_surrogates(body.decode(charset))
        except (UnicodeError, LookupError):
            pass  # a mislabelled body: UTF-8 is what IFTTT actually sends
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = f" nor the declared charset {charset}" if charset not in (None, "utf-8") else ""
        raise PayloadError(f"The body is not valid UTF-8{declared}: undecodable byte at offset {exc.start}.") from None


def _declared_charset(content_type: str | None) -> str | None:
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


def _scrub_surrogates(text: str) -> str:
    """Pair up surrogate halves and replace lone ones: a lone surrogate cannot be stored or encoded."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# --- choosing a reader ------------------------------------------------------------------------

_Reading = tuple[dict[str, str], str]
_Reader = Callable[[str], _Reading | None]

_QUOTES = "\"'\u201c\u201d\u2018\u2019"  # straight and curly quotes people type around keys
_Q = re.escape(_QUOTES)
_IDENT = r"[A-Za-z_][A-Za-z0-9_]{0,63}"  # bounded so a huge word cannot make a scan quadratic
# Longest first, so that an alternation never settles for a prefix (image before image_url).
_ALIAS_PATTERN = "|".join(sorted((re.escape(alias) for alias in FIELD_ALIASES), key=len, reverse=True))
_JSON_KEY_START = re.compile(rf"[{_Q}][ \t]*(?:{_ALIAS_PATTERN})[ \t]*[{_Q}]\s*:", re.IGNORECASE)
_FORM_KEY_START = re.compile(rf"(?:{_ALIAS_PATTERN})[ \t]*=", re.IGNORECASE)
_FORM_PAIR_BOUNDARY = re.compile(rf"&[ \t\r\n]*(?=(?:{_ALIAS_PATTERN})[ \t]*=)", re.IGNORECASE)

_DECLARED_KINDS = {
    "application/json": "json",
    "text/json": "json",
    "application/x-www-form-urlencoded": "form",
    "text/plain": "text",
}


def _readers_in_order(text: str, content_type: str | None) -> list[_Reader]:
    """What the body looks like first, then what the sender declared, then the rest; a post last.

    Every structured reader refuses a body that lacks its own evidence, so the order only decides
    between readers that could all make sense of the body.
    """
    kinds: list[str] = []
    for kind in (_sniff(text), _declared_kind(content_type), "json", "form", "text"):
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    return [_READERS[kind] for kind in kinds] + [_read_text_post]


def _sniff(text: str) -> str | None:
    if _looks_like_json(text):
        return "json"
    if _looks_like_form(text):
        return "form"
    return None


def _declared_kind(content_type: str | None) -> str | None:
    if not content_type:
        return None
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type.endswith("+json"):
        return "json"
    return _DECLARED_KINDS.get(media_type)


def _looks_like_json(text: str) -> bool:
    return text[0] in "{[" or _JSON_KEY_START.match(text) is not None


def _looks_like_form(text: str) -> bool:
    """``alias=...`` at the start, on one line or with further ``&alias=`` pairs (else it is text)."""
    if _FORM_KEY_START.match(text) is None:
        return False
    single_line = "\n" not in text and "\r" not in text
    return single_line or _FORM_PAIR_BOUNDARY.search(text) is not None


def _collect(pairs: Iterable[tuple[str, str | None]]) -> tuple[dict[str, str], bool]:
    """Canonical fields from (key, value) pairs, first non-empty value winning; and whether any key
    was a known alias at all (a body of known keys with empty values was still read correctly)."""
    fields: dict[str, str] = {}
    known_key_seen = False
    for key, value in pairs:
        canonical = FIELD_ALIASES.get(key.strip().strip(_QUOTES).lower())
        if canonical is None:
            continue
        known_key_seen = True
        if value is None or canonical in fields:
            continue
        value = value.strip()
        if value:
            fields[canonical] = value
    return fields, known_key_seen


# --- JSON -------------------------------------------------------------------------------------


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as the stdlib fallback saw it, in order and with repeated keys kept."""


def _read_json(text: str) -> _Reading | None:
    try:
        parsed: Any = orjson.loads(text)  # the hot path: nearly every valid body ends here
    except orjson.JSONDecodeError:
        pass
    else:
        return _read_json_value(parsed, "json")
    if not _looks_like_json(text):
        return None
    # strict=False accepts the raw newlines and tabs IFTTT pastes inside strings; raw_decode a
    # stray "}" or ";" after the object. Pairs keep a repeated key's first value reachable.
    decoder = json.JSONDecoder(strict=False, object_pairs_hook=_Pairs)
    try:
        parsed, end = decoder.raw_decode(text)
    except (ValueError, RecursionError):  # ValueError includes JSONDecodeError and huge integers
        return _scan_broken_json(text)
    if text[end:].strip(_TRAILING_JUNK):
        # A valid prefix followed by more text: a raw value closed the object early ("x"} y").
        return _scan_broken_json(text)
    return _read_json_value(parsed, "json-lenient")


def _read_json_value(parsed: Any, form: str) -> _Reading | None:
    """Fields of a parsed document: an object, or the first object of an array; None for a scalar."""
    if isinstance(parsed, str) and parsed.strip()[:1] in ("{", "["):
        # JSON encoded twice: read the inner text (its top level is a container, so this recurses
        # at most once).
        return _read_json(parsed.strip())
    if isinstance(parsed, list) and not isinstance(parsed, _Pairs):
        # Valid JSON array: conclusive even without an object in it, since it is not a post.
        parsed = next((item for item in parsed if isinstance(item, dict | _Pairs)), {})
    if isinstance(parsed, dict):
        pairs: Iterable[tuple[str, Any]] = parsed.items()
    elif isinstance(parsed, _Pairs):
        pairs = parsed
    else:
        return None
    fields, _ = _collect((key, _json_scalar_text(value)) for key, value in pairs)
    return fields, form


def _json_scalar_text(value: Any) -> str | None:
    """A JSON scalar as text (``true``, ``42``); None for null, arrays and objects."""
    if isinstance(value, str):
        return _scrub_surrogates(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return None


# A key of broken JSON: a known alias in any quotes anywhere, or a key where JSON structure puts one
# (after "{", or after a value's closing quote, number or literal and a comma): any identifier in
# quotes, or an unquoted known alias after "{" or a closing quote (``{title: "x", url: "y"}``).
# Blanks inside the quotes are typos (``"title ":``), not a different key.
_QUOTED_KEY = re.compile(rf"[{_Q}][ \t]*(?P<key>{_IDENT})[ \t]*[{_Q}]\s*:")
_KEY_AFTER_VALUE = re.compile(
    rf"(?P<lead>\{{|(?:[{_Q}0-9\]}}]|true|false|null)\s*,)\s*"
    # The blanks inside quotes only follow a quote, so no two runs of \s compete for one stretch.
    rf"(?:(?P<open>[{_Q}])[ \t]*)?(?P<key>{_IDENT})(?:[ \t]*(?P<close>[{_Q}]))?\s*:"
)
_TRAILING_JUNK = " \t\r\n}]);,"
_JSON_ESCAPE = re.compile(r"""\\(?:(?P<char>["\\/bfnrt])|u(?P<hex>[0-9A-Fa-f]{4}))""")
_JSON_ESCAPED_CHARS = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _scan_broken_json(text: str) -> _Reading | None:
    """Fields of a JSON object as IFTTT breaks it: each value runs from its key's colon to the next
    key (or the closing brace), whatever quotes, newlines or backslashes it holds."""
    keys = _broken_json_keys(text)
    if not keys:
        return None
    ends = [start for start, _, _ in keys[1:]] + [_object_end(text)]
    pairs = [
        (key, _broken_json_value(text[value_start:end])) for (_, value_start, key), end in zip(keys, ends, strict=True)
    ]
    fields, known_key_seen = _collect(pairs)
    return (fields, "json-lenient") if known_key_seen else None


def _broken_json_keys(text: str) -> list[tuple[int, int, str]]:
    """(key start, value start, key) of every key boundary, in order and without overlaps."""
    found: dict[int, tuple[int, int, str]] = {}
    for match in _QUOTED_KEY.finditer(text):
        if match["key"].lower() in FIELD_ALIASES:
            found[match.start()] = (match.start(), match.end(), match["key"])
    for match in _KEY_AFTER_VALUE.finditer(text):
        if _is_structural_key(match):
            start = match.start("open") if match["open"] else match.start("key")
            found[start] = (start, match.end(), match["key"])
    keys: list[tuple[int, int, str]] = []
    for key in sorted(found.values()):
        if not keys or key[0] >= keys[-1][1]:
            keys.append(key)
    return keys


def _is_structural_key(match: re.Match[str]) -> bool:
    if match["open"] and match["close"]:
        return True
    # Unquoted: only a known alias right after "{" or a closing quote; after a number it is too
    # likely prose ("(2021, source: AP)").
    bare = not match["open"] and not match["close"]
    return bare and match["key"].lower() in FIELD_ALIASES and match["lead"][0] in "{" + _QUOTES


def _object_end(text: str) -> int:
    """Where the last value ends: before the closing brace (and bracket), or at the end if missing."""
    end = len(text)
    if text.startswith("[") and text.endswith("]"):
        end = len(text[:-1].rstrip())
    return end - 1 if text[end - 1] == "}" else end


def _broken_json_value(raw: str) -> str | None:
    value = raw.strip()
    if value.endswith(","):
        value = value[:-1].rstrip()
    if value in ("null", "{", "["):  # an explicit null, or a nested container: no text value
        return None
    if value[:1] in _QUOTES:
        value = value[1:]
    if value[-1:] in _QUOTES:
        value = value[:-1]
    return _decode_json_escapes(value)


def _decode_json_escapes(value: str) -> str:
    """Decode valid JSON escapes; keep a stray backslash (``C:\\Users``) as the sender typed it."""
    if "\\" not in value:
        return value
    return _scrub_surrogates(_JSON_ESCAPE.sub(_unescape, value))


def _unescape(match: re.Match[str]) -> str:
    char = match["char"]
    return _JSON_ESCAPED_CHARS[char] if char is not None else chr(int(match["hex"], 16))


# --- form -------------------------------------------------------------------------------------

# The characters an encoder (urlencode, encodeURIComponent) leaves unescaped, plus the separators.
_URLENCODED_CHARS = re.compile(r"[A-Za-z0-9_.~*!'()+%=&-]*")
_BROKEN_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_WHITESPACE = re.compile(r"\s")


def _read_form(text: str) -> _Reading | None:
    if _is_strictly_urlencoded(text):
        # A well-formed encoded body is conclusive even without known keys: it is not a post.
        fields, _ = _collect(parse_qsl(text, keep_blank_values=True))
        return fields, "form"
    if not _looks_like_form(text):
        return None
    fields, _ = _collect(_split_unencoded_form(text))
    return fields, "form-lenient"


def _is_strictly_urlencoded(text: str) -> bool:
    if _URLENCODED_CHARS.fullmatch(text) is None or _BROKEN_PERCENT.search(text) is not None:
        return False
    pairs = [pair for pair in text.split("&") if pair]
    return bool(pairs) and all("=" in pair for pair in pairs)


def _split_unencoded_form(text: str) -> Iterable[tuple[str, str]]:
    """Split only where ``&`` is followed by a known key, so ``AT&T`` or ``?a=1&b=2`` stay whole."""
    for piece in _FORM_PAIR_BOUNDARY.split(text):
        key, equals, value = piece.partition("=")
        if equals:
            yield key, _decode_form_value(value)


def _decode_form_value(value: str) -> str:
    """Percent-decode a value only when it was evidently encoded; raw text keeps its ``+`` and ``%``."""
    if _PERCENT_ESCAPE.search(value) is not None and _WHITESPACE.search(value) is None:
        return unquote_plus(value)
    return value


# --- text -------------------------------------------------------------------------------------

_KEY_LINE = re.compile(rf"^[ \t]*(?P<key>{_IDENT})[ \t]*[:=]", re.MULTILINE)


def _read_text_fields(text: str) -> _Reading | None:
    """``key: value`` lines; a value runs on until the next key line, and content to the end."""
    lines = [match for match in _KEY_LINE.finditer(text) if match["key"].lower() in FIELD_ALIASES]
    if not lines or lines[0].start() != 0:  # the body is stripped: its first line starts at 0
        return None
    key_lines: list[re.Match[str]] = []
    in_content = False
    for line in lines:
        if in_content and line["key"] not in _INGREDIENT_KEYS:
            continue  # e.g. "Source: Reuters" inside an article is prose, not a new key
        key_lines.append(line)
        in_content = in_content or FIELD_ALIASES[line["key"].lower()] == "content"
    ends = [line.start() for line in key_lines[1:]] + [len(text)]
    fields, _ = _collect((line["key"], text[line.end() : end]) for line, end in zip(key_lines, ends, strict=True))
    return fields, "text-fields"


def _read_text_post(text: str) -> _Reading | None:
    """A rendered post: the headline line, then the rest as content (the normalizer cleans it)."""
    if text.startswith("{"):
        return None
    first_line, _, rest = text.partition("\n")
    fields = {"title": first_line.strip()}
    if rest.strip():
        fields["content"] = rest.strip()
    return fields, "text-post"


_READERS: dict[str, _Reader] = {"json": _read_json, "form": _read_form, "text": _read_text_fields}
