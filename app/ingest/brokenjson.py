"""IFTTT's broken JSON read anyway: each value runs from its key's colon to the next key."""

from __future__ import annotations

import re

from app.ingest.charset import scrub_surrogates
from app.ingest.fields import FIELD_ALIASES, IDENT, QUOTES, collect

__all__ = ["scan_broken_json"]

_Q = re.escape(QUOTES)
# A key of broken JSON: a known alias in any quotes anywhere, or a key where JSON structure puts one
# (after "{", or after a value's closing quote, number or literal and a comma): any identifier in
# quotes, or an unquoted known alias after "{" or a closing quote (``{title: "x", url: "y"}``).
# Blanks inside the quotes are typos (``"title ":``), not a different key.
_QUOTED_KEY = re.compile(rf"[{_Q}][ \t]*(?P<key>{IDENT})[ \t]*[{_Q}]\s*:")
_KEY_AFTER_VALUE = re.compile(
    rf"(?P<lead>\{{|(?:[{_Q}0-9\]}}]|true|false|null)\s*,)\s*"
    # The blanks inside quotes only follow a quote, so no two runs of \s compete for one stretch.
    rf"(?:(?P<open>[{_Q}])[ \t]*)?(?P<key>{IDENT})(?:[ \t]*(?P<close>[{_Q}]))?\s*:"
)
_JSON_ESCAPE = re.compile(r"""\\(?:(?P<char>["\\/bfnrt])|u(?P<hex>[0-9A-Fa-f]{4}))""")
_JSON_ESCAPED_CHARS = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def scan_broken_json(text: str) -> tuple[dict[str, str], list[tuple[str, str]]] | None:
    """Fields of a JSON object as IFTTT breaks it: each value runs from its key's colon to the next
    key (or the closing brace), whatever quotes, newlines or backslashes it holds; beside them, every
    member that holds a string, in order (for members no alias names). None without a member."""
    pairs = broken_json_pairs(text)
    if not pairs:
        return None
    fields, _ = collect(pairs)
    return fields, [(key, value) for key, value in pairs if value is not None]


def broken_json_pairs(text: str) -> list[tuple[str, str | None]]:
    """The (key, value) members of a broken JSON object, in order (see :func:`scan_broken_json`)."""
    keys = _broken_json_keys(text)
    ends = [start for start, _, _ in keys[1:]] + [_object_end(text)] if keys else []
    return [
        (key, _broken_json_value(text[value_start:end])) for (_, value_start, key), end in zip(keys, ends, strict=True)
    ]


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
    return bare and match["key"].lower() in FIELD_ALIASES and match["lead"][0] in "{" + QUOTES


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
    if value[:1] in QUOTES:
        value = value[1:]
    if value[-1:] in QUOTES:
        value = value[:-1]
    return _decode_json_escapes(value)


def _decode_json_escapes(value: str) -> str:
    """Decode valid JSON escapes; keep a stray backslash (``C:\\Users``) as the sender typed it.

    A value holding a backslash no JSON escape begins with (``\\(``, ``\\S``), and no escaped quote or
    backslash, was pasted raw: its other backslashes are the sender's too, and stay (``\\tilde`` in TeX,
    ``C:\\temp``, not a tab).
    """
    if "\\" not in value:
        return value
    escapes = [found.group() for found in _ESCAPE_OR_STRAY.finditer(value)]
    if any(len(e) == 1 for e in escapes) and not any(e in ('\\"', "\\\\") for e in escapes):
        return scrub_surrogates(value)  # (an escaped quote or backslash shows an escaping sender: decode)
    return scrub_surrogates(_JSON_ESCAPE.sub(_unescape, value))


# Read left to right, so "\\\\U" is an escaped backslash and a letter, "\\U" a stray backslash.
_ESCAPE_OR_STRAY = re.compile(r"""\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})?""")


def _unescape(match: re.Match[str]) -> str:
    char = match["char"]
    return _JSON_ESCAPED_CHARS[char] if char is not None else chr(int(match["hex"], 16))
