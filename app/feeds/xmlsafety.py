"""Linear-time rewrites of a feed's UTF-8 bytes before any parser sees them: no declaration, no oversized field."""

from __future__ import annotations

import re

from app.errors import FeedParseError

__all__ = [
    "MAX_ATTRIBUTES",
    "MAX_DEPTH",
    "PERSON_FIELD_BYTES",
    "cap_fields",
    "check_attributes",
    "check_depth",
    "strip_doctype",
]

PERSON_FIELD_BYTES = 256
"""Text budget of person elements: feedparser's e-mail regex on an author is quadratic (32 KB ≈ 4 s)."""

MAX_ATTRIBUTES = 100
"""Attributes on one element; real feeds use about ten (Media RSS), inline XHTML a few more."""
MAX_DEPTH = 256
"""Open elements at once: libxml2's own limit, so every parser sees the same documents."""

_PERSON = (b"author", b"creator", b"publisher", b"contributor", b"managingEditor", b"webMaster", b"name", b"email")
_SHORT = (b"title", b"guid", b"id", b"link", b"ttl", b"pubDate", b"published", b"updated", b"date", b"issued")

# One pass finds the next interesting thing: CDATA and comments are jumped over whole, so tags that only
# appear inside embedded HTML are never touched.
_SCAN = re.compile(
    rb"<!\[CDATA\[|<!--|<((?:[A-Za-z_][\w.-]*:)?(" + b"|".join(_PERSON + _SHORT) + rb"))(?=[\s/>])[^<>]*>",
    re.IGNORECASE,  # feedparser's loose parser lower-cases tag names, so <AUTHOR> is an author too
)
# Closing tags are looked up by local name, whatever the prefix: at most one forward search per name.
_CLOSERS = {
    name.lower(): re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?" + name + rb"\s*>", re.IGNORECASE) for name in _PERSON + _SHORT
}
_PERSON_NAMES = frozenset(name.lower() for name in _PERSON)
_DOCTYPE_TOKENS = re.compile(rb"[\"'\[>]")
_NAME_START = re.compile(rb"[A-Za-z_]")
_SUBSET_TOKENS = re.compile(rb"[\"'\]]|<!--|<\?")


def _after(data: bytes, token: bytes, start: int) -> int:
    """Index just past the next ``token`` from ``start``, or the end of ``data`` when it never comes."""
    found = data.find(token, start)
    return len(data) if found < 0 else found + len(token)


def _doctype_end(data: bytes, pos: int) -> int:
    """Index just past the declaration whose body starts at ``pos``, internal subset and quoted literals included."""
    while (match := _DOCTYPE_TOKENS.search(data, pos)) is not None:
        token = match.group()
        if token == b">":
            return match.end()
        if token == b"[":
            pos = match.end()
            while (inner := _SUBSET_TOKENS.search(data, pos)) is not None:
                mark = inner.group()
                if mark == b"]":
                    pos = inner.end()
                    break
                closing = {b'"': b'"', b"'": b"'", b"<!--": b"-->", b"<?": b"?>"}[mark]
                pos = _after(data, closing, inner.end())
            else:
                return len(data)
        else:
            pos = _after(data, token, match.end())
    return len(data)  # unterminated: everything after it goes too


def strip_doctype(data: bytes) -> bytes:
    """Remove every markup declaration from the prolog, so no entity of any kind is ever declared (XML 1.0 §2.8).

    feedparser re-inserts "safe" ENTITY declarations when it finds a DOCTYPE before the first ``<\\w``,
    which is how a large literal entity referenced many times exhausts memory. So the walk goes at least as
    far as that: up to the first ``<`` and a letter, removing every ``<!…>`` on the way (DOCTYPE, ENTITY,
    ELEMENT, ATTLIST, NOTATION, anything else), not only a DOCTYPE in first place; a stray ``<`` is skipped,
    never taken for the root. feedparser's line-anchored search also looks inside comments and processing
    instructions, so one of those holding ``<!`` goes too.
    """
    pieces: list[bytes] = []
    kept = pos = 0
    while (lt := data.find(b"<", pos)) >= 0:
        if data.startswith(b"<?", lt) or data.startswith(b"<!--", lt):
            pos = _after(data, b"?>" if data[lt + 1] == 0x3F else b"-->", lt + 2)
            if data.find(b"<!", lt + 2, pos) < 0:
                continue
        elif data.startswith(b"<![CDATA[", lt):  # not well-formed here, but its text is no declaration
            pos = _after(data, b"]]>", lt + 9)
            continue
        elif data.startswith(b"<!", lt):
            pos = _doctype_end(data, lt + 2)
        elif _NAME_START.match(data, lt + 1):
            break  # the root element: the prolog is over
        else:
            pos = lt + 1
            continue
        pieces.append(data[kept:lt])
        kept = pos
    if not pieces:
        return data
    pieces.append(data[kept:])
    return b"".join(pieces)


def _prefix(text: bytes, budget: int, *, entities: bool) -> bytes:
    """At most ``budget`` bytes of ``text``, never ending inside a UTF-8 sequence or an entity reference."""
    if len(text) <= budget:
        return text
    end = max(budget, 0)
    while end > 0 and 0x80 <= text[end] < 0xC0:
        end -= 1
    if entities:
        amp = text.rfind(b"&", max(0, end - 12), end)
        if amp >= 0 and text.find(b";", amp, end) < 0:
            end = amp
    return text[:end]


def _cut(span: bytes, budget: int) -> bytes:
    """Keep the markup of ``span`` but only ``budget`` bytes of its text; comments and PIs are dropped."""
    out: list[bytes] = []
    pos = 0
    while pos < len(span):
        lt = span.find(b"<", pos)
        lt = len(span) if lt < 0 else lt
        if lt > pos:
            kept = _prefix(span[pos:lt], budget, entities=True)
            budget -= len(kept)
            out.append(kept)
        if lt == len(span):
            break
        if span.startswith(b"<![CDATA[", lt):
            end = span.find(b"]]>", lt + 9)
            end = len(span) if end < 0 else end
            kept = _prefix(span[lt + 9 : end], budget, entities=False)
            budget -= len(kept)
            out.append(b"<![CDATA[" + kept + b"]]>")
            pos = end + 3
        elif span.startswith(b"<!--", lt):
            pos = _after(span, b"-->", lt + 4)
        elif span.startswith(b"<?", lt):
            pos = _after(span, b"?>", lt + 2)
        else:
            pos = _after(span, b">", lt)
            out.append(span[lt:pos])
    return b"".join(out)


def cap_fields(data: bytes, *, short_bytes: int, person_bytes: int = PERSON_FIELD_BYTES) -> bytes:
    """Cut the text of title, id, link, date and person elements to a budget, in one linear pass."""
    pieces: list[bytes] = []
    closers: dict[bytes, int] = {}  # next closing tag per local name: searches only move forward, so linear
    kept = pos = 0
    while (match := _SCAN.search(data, pos)) is not None:
        pos = match.end()
        if match.group(1) is None:  # CDATA or a comment outside any field
            pos = _after(data, b"]]>" if match.group() == b"<![CDATA[" else b"-->", pos)
            continue
        if match.group().endswith(b"/>"):
            continue
        name = match.group(2).lower()
        person = name in _PERSON_NAMES
        close = closers.get(name, -1)
        if close < pos:
            found = _CLOSERS[name].search(data, pos)
            close = found.start() if found else len(data)
            closers[name] = close
        if close == len(data) and not person:
            # Unclosed short field: only its first text run is its value.
            close = data.find(b"<", pos)
            close = len(data) if close < 0 else close
        budget = person_bytes if person else short_bytes
        if close - pos > budget:
            pieces += [data[kept:pos], _cut(data[pos:close], budget)]
            kept = close
        pos = max(pos, close)
    if not pieces:
        return data
    pieces.append(data[kept:])
    return b"".join(pieces)


# Start tags with more attributes than the cap, found by the regex engine alone (only CDATA sections, comments and
# such a tag make a match): possessive and atomic, so a tag costs one pass over its bytes, unterminated or not.
_CROWDED = re.compile(
    rb"<(?:!\[CDATA\[(?>[^\]]*+(?:\](?!\]>)[^\]]*+)*+\]\]>|.*+)|!--(?>[^-]*+(?:-(?!->)[^-]*+)*+-->|.*+)"
    rb"|([A-Za-z_][^\s/>]*+(?:\s++[^\s=/>]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>\"']++))?+){%d}))"
    % (MAX_ATTRIBUTES + 1),
    re.DOTALL,
)
# Markup that opens something: skipped sections, end tags and start tags.
_MARKUP = re.compile(rb"<(?:!\[CDATA\[|!--|\?|!|/([^\s>]*)|([A-Za-z_][^\s/>]*))")
# The rest of a start tag: quoted values may hold '>'; possessive, so an unterminated tag costs one pass.
_TAG_REST = re.compile(rb"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+""")
_SKIP_TO = {b"<![": b"]]>", b"<!-": b"-->", b"<!": b">"}


def check_attributes(data: bytes) -> None:
    """FeedParseError when a start tag has more than MAX_ATTRIBUTES attributes (valued or not, quoted or not).

    Every parser reads attributes in quadratic time: 100,000 on one ``<item>`` held the GIL for ~30 s.
    """
    for match in _CROWDED.finditer(data):
        if match.group(1) is not None:
            raise FeedParseError(f"not a feed: an element has more than {MAX_ATTRIBUTES} attributes")


def check_depth(data: bytes, *, max_depth: int = MAX_DEPTH) -> None:
    """FeedParseError when elements nest deeper than ``max_depth``; one linear pass.

    Depth follows end tags by name (lower-cased), as a loose parser would: an unclosed ``<br>`` in tag soup
    ends with its enclosing element instead of deepening the rest of the document. libxml2 enforces the
    same limit itself, so only documents headed for feedparser need this pass.
    """
    stack: list[bytes] = []
    open_names: dict[bytes, int] = {}
    pos = 0
    while (match := _MARKUP.search(data, pos)) is not None:
        closing, opening = match.group(1), match.group(2)
        if opening is None and closing is None:
            lead = match.group()
            pos = _after(data, b"?>" if lead == b"<?" else _SKIP_TO[lead[:3]], match.end())
            continue
        if closing is not None:
            pos = _after(data, b">", match.end())
            name = closing.lower()
            if open_names.get(name):
                while (top := stack.pop()) != name:
                    open_names[top] -= 1
                open_names[name] -= 1
            continue
        end = _TAG_REST.match(data, match.end()).end()  # type: ignore[union-attr]  # matches the empty string
        pos = end + 1
        if data[end - 1 : end] != b"/":
            name = opening.lower()
            stack.append(name)
            open_names[name] = open_names.get(name, 0) + 1
            if len(stack) > max_depth:
                raise FeedParseError(f"not a feed: elements nest more than {max_depth} deep")
