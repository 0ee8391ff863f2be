"""Plain-text helpers: scrub control characters, decode entities, strip tags, collapse whitespace."""

from __future__ import annotations

import html
import re

import ftfy

__all__ = [
    "BULLET_MARKER",
    "clean_fragment",
    "clean_text",
    "collapse",
    "fix_mojibake",
    "guard",
    "has_word",
    "scrub",
    "settle",
    "strip_marker",
    "truncate",
]

# C0/C1 controls (except tab and newlines), zero-width noise, BOM, non-characters and lone surrogates:
# lxml refuses most of them and none of them belongs in a story.
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_CODE = re.compile(r"<(script|style|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article)\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
# What only markup has: an end tag, a comment, a line break, an image, a paragraph or list item (whose
# end tags HTML lets a writer leave out) or a link with its href. Text that merely names a tag ("the
# <canvas> element", "Vec<String>", an escaped "&lt;div&gt;" in a tutorial) has none of them.
_MARKUP_EVIDENCE = re.compile(
    r"</[A-Za-z][A-Za-z0-9]*\s*>|<!--|<(?:br|img|hr|p|li)\b[^<>]*>|<a\s[^<>]*\bhref\s*=", re.IGNORECASE
)
# Every "<" that could open a tag is broken up ("< b"), save a tag merely named in prose or code: "<name>" or
# "</name>" whole, its name of letters, digits and ":.@+-" only (no space or quote before its ">", a "<" only
# before a letter), and not an element that runs or loads something ("the <details> element", "Vec<String>",
# "<li>{item.name}</li>", "Jane <jane@example.org>" and "List<List<Integer>>", whose inner "<" an HTML parser
# reads as part of an unknown tag's name, stay; "<script>", "<svg onload=…>", "<img x< src=x onerror=…>",
# "<t<script>", "<!--" do not).
# An inner "<" that opens an active name ("<t<script>") is no part of a named tag: it is broken up itself, and
# "<t< script>" would read as an element with an attribute, so the outer "<" is broken up too.
_ACTIVE_NAME = (
    r"(?!(?:script|style|iframe|frame|frameset|object|embed|applet|svg|math|base|meta|link|template|noscript)"
    r"[^\w:.@+-])"
)
_TAG_START = re.compile(
    rf"<(?=[A-Za-z/!?])(?!/?{_ACTIVE_NAME}[A-Za-z](?:[\w:.@+-]|<(?=[A-Za-z]){_ACTIVE_NAME}){{0,64}}>)",
    re.IGNORECASE,
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHAR_REF = re.compile(r"&(?=[A-Za-z0-9#])")
_SPACE_RUN = re.compile(r"\s+")
BULLET_MARKER = re.compile(r"^(?:[-•*–·●▪◦‣]\s+)+(?=\S)")
"""A key-point marker at the start of a line: ``- ``, ``• ``, ``* ``, ``– `` and a few look-alikes."""
_WORD = re.compile(r"[^\W_]")
# UTF-8 read as Latin-1 or Windows-1252: a lead byte's character (Â…ô) right before a continuation
# byte's (a C1 control, € ‚ … ™ ’ “ from cp1252, or NBSP…¿). Clean text almost never has the pair, so
# only text that does pays for ftfy, which then decides (it leaves "café–bar" alone).
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# Only the encoding repairs: quotes stay curly, widths, ligatures, line breaks and normalization as
# written; entities and controls are this module's own work.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
_MAX_DECODE_PASSES = 4


def _fix_char(match: re.Match[str]) -> str:
    char = match.group()
    if "\x80" <= char <= "\x9f":
        # C1 controls in text are almost always cp1252 punctuation decoded as latin-1 (’ “ ” – —).
        return char.encode("latin-1").decode("cp1252", errors="ignore")
    return ""


def scrub(value: str) -> str:
    """Drop control characters and unify line breaks to ``\\n`` (tabs and newlines survive)."""
    if value.isprintable():
        return value
    value = _LINE_BREAKS.sub("\n", value)
    return _BAD_CHARS.sub(_fix_char, value)


def _decode_and_strip(value: str) -> str:
    """Decode entities and strip tags until neither changes the text (double-escaped feeds).

    Tags are stripped only from text that carries markup (`_MARKUP_EVIDENCE`): a double-escaped
    ``&lt;p&gt;Hello&lt;/p&gt;`` is markup, a tutorial's ``&lt;canvas&gt;`` is text and stays as written
    instead of vanishing with the words after it (`guard` breaks up only a tag that would act).
    """
    for _ in range(_MAX_DECODE_PASSES):
        before = value
        if "&" in value:
            value = html.unescape(value)
        if "<" in value and _MARKUP_EVIDENCE.search(value) is not None:
            value = _COMMENT.sub("", value)
            value = _CODE.sub("", value)
            value = _BLOCK_TAG.sub(" ", value)
            value = _ANY_TAG.sub("", value)
        if value == before:
            return value
    # Pathologically nested escapes: break what is left so no reader can decode it again.
    return _CHAR_REF.sub("& ", value)


_LOST_QUOTE_BYTE = re.compile(r"â€(?=\s|$)")


def fix_mojibake(value: str) -> str:
    """Text that was UTF-8 decoded as Latin-1 or Windows-1252 repaired (``Itâ€™s`` → ``It’s``); else as is."""
    if value.isascii():
        return value
    # Every lead character (U+00C2-U+00F4) is written 0xC3 0x82-0xB4 in UTF-8: text with none of them
    # (English with curly quotes and dashes) is ruled out by a byte search, far faster than the regex.
    encoded = value.encode("utf-8", "surrogatepass")
    lead = encoded.find(b"\xc3")
    if lead == -1:
        return value
    # No pair starts before the first lead character: the regex starts there, not at the top of the
    # content (a name with an "é" in the last paragraph; 0xC3 is never a continuation byte, so the
    # prefix decodes whole). 11.8 → 5.3 µs on such an item by timeit (docs/benchmarks-normalize.md).
    start = len(encoded[:lead].decode("utf-8", "surrogatepass"))
    if _MOJIBAKE.search(value, start) is None:
        return value
    if "â€" in value:
        # "patience,â€ said": the 0x9D of "”" has no Windows-1252 character, so a decoder dropped it; no text
        # writes "â€" before a space, and given its byte back ftfy reads the quote.
        value = _LOST_QUOTE_BYTE.sub("â€\x9d", value)
    return ftfy.fix_text(value, _FTFY)


def clean_fragment(value: str) -> str:
    """One text node: entities decoded, tags and control characters removed, mojibake repaired; whitespace kept."""
    if "&" in value or "<" in value:
        value = _decode_and_strip(value)
    if not value.isascii():  # before controls go: a C1 control may be a byte of the mojibake ("â€\x9d")
        value = fix_mojibake(value)
    if value.isprintable():
        return value
    value = _BAD_CHARS.sub(_fix_char, value)
    # Removing a control can bring a lead and a continuation character together: repair that pair too,
    # so cleaning clean text changes nothing.
    return value if value.isascii() else fix_mojibake(value)


def collapse(value: str) -> str:
    """Collapse every run of whitespace (any Unicode space, newlines, NBSP) to one space; strip; drop soft hyphens.

    A run of ideographic spaces alone (U+3000, which Japanese and Chinese headlines set between two
    phrases: "補正予算案を可決　週明けにも参院へ") is typography, not spacing: it stays one U+3000.
    """
    if value.isprintable() and "  " not in value:  # only ASCII spaces, never two together
        return value.strip(" ")
    if "\xad" in value:  # a soft hyphen is a line-breaking hint ("Create&shy;Window&shy;Ex"), no character
        value = value.replace("\xad", "")
    if "\u3000" in value:
        return _SPACE_RUN.sub(_one_space, value.strip())
    return " ".join(value.split())


def _one_space(match: re.Match[str]) -> str:
    return "\u3000" if match.group().strip("\u3000") == "" else " "


def clean_text(value: str | None) -> str:
    """A text field: entities decoded, tags stripped, controls dropped, whitespace collapsed.

    The result holds no tag that would act and no character reference a reader would decode:
    a ``<script``, ``<svg onload=…`` or ``<!--`` becomes ``< script``, ``< svg onload=…``, ``< !--``, and an
    undecodable ``&x;`` left by nesting becomes ``& x;``; a tag merely named ("the <canvas> element") stays.
    """
    if not value:
        return ""
    return guard(settle(clean_fragment(value)))


def settle(value: str) -> str:
    """``collapse`` cleaned text, then repair the mojibake pair collapsing may have brought together.

    Removing a line break or an edge NBSP can set a lead character before a continuation character
    ("Â\r…" → "Â …", "\xa0Ø¤" → "Ø¤"): fixed here, cleaning clean text again changes nothing.
    """
    text = collapse(value)
    if text != value and not text.isascii():
        text = collapse(fix_mojibake(text))
    return text


def xml_text(value: str) -> str:
    """``value`` without the control characters libxml2 keeps from a parse but lxml refuses to be given back."""
    return _NOT_XML.sub("", value)


def guard(value: str) -> str:
    """Neutralize what a renderer taking text for HTML would act on: ``<script`` → ``< script``, ``&x;`` → ``& x;``."""
    if "<" in value:
        value = _TAG_START.sub("< ", value)
    if "&" in value and html.unescape(value) != value:
        value = _CHAR_REF.sub("& ", value)
    return value


def strip_marker(value: str) -> str:
    """Remove leading bullet markers (``- ``, ``• `` …) from a line."""
    return BULLET_MARKER.sub("", value, count=1)


def has_word(value: str) -> bool:
    """True when the text holds at least one letter or digit."""
    # str.isalnum and the regex's [^\W_] test the same character property; most text starts with one.
    return value[:1].isalnum() or _WORD.search(value) is not None


def truncate(value: str, limit: int) -> str:
    """Cut to at most ``limit`` characters, at a word boundary when one is near, ending in ``…``.

    A cut inside a tag named in the text ("<div><di…") is guarded again, so that the cut text reads the same
    when it is cleaned again."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    cut = cut.rstrip()
    if "<" in cut:
        # guarded, it may grow ("< div"): shorter until the guarded cut fits, so that cleaning it again is a no-op
        while len(guarded := guard(cut).rstrip()) > limit - 1:
            cut = cut[:-1]
        cut = guarded
    return cut + "…"
