"""Content (HTML or text) to blocks, then the headline, the key-point bullets and the body paragraphs."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from html import escape

from lxml import etree

from app.normalize.blocks import MARKER_CHARS, Block, Document, Line, split_marked_lines, split_numbered_lines
from app.normalize.markup import escape_text
from app.normalize.rules import Credits
from app.normalize.text import clean_text, collapse, guard, has_word, truncate, xml_text
from app.normalize.tree import Tree
from app.normalize.walker import walk

__all__ = ["MAX_HEADLINE_CHARS", "looks_like_html", "parse_html", "parse_text", "shape"]

MAX_HEADLINE_CHARS = 300
_HTML_HINT = re.compile(
    r"<(?:p|br|ul|ol|li|div|a|img|span|h[1-6]|blockquote|table|tr|td|figure|strong|em|b|i|u|"
    r"iframe|script|style|svg|section|article|pre|code|hr|font|center|small|sup|sub|noscript|"
    r"html|body|head|meta|link|title|video|picture|source|object|embed|form|input|button)\b[^<>]*>"
    r"|</[A-Za-z][A-Za-z0-9]*\s*>|<!--",
    re.IGNORECASE,
)
_MAX_LABEL_WORDS = 3
# A short intro that ends in one of these is a clause ("Researchers found that:"), not a label.
_CLAUSE_ENDS = frozenset({"that", "are", "is", "was", "were", "include", "includes", "following", "as", "to"})
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$")
_MAX_TITLE_WORDS = 20
_LINK_TEXT = re.compile(r"https?://|www\.", re.IGNORECASE)
_local = threading.local()
_LINKED = frozenset({"a", "img"})


def looks_like_html(content: str) -> bool:
    """True when the content carries HTML tags (``<p``, ``<br``, ``<ul``, ``<a ``, ``</x>``…)."""
    return _HTML_HINT.search(content) is not None


# ASCII's control characters: with "&" (no entity can decode to anything else) what makes ASCII text unprintable.
_CONTROLS = bytes([*range(0x20), 0x7F])


def _plain_ascii(content: str, data: bytes) -> bool:
    """The content (``data``: its UTF-8 form, wrapped) is printable ASCII without ``&``: then so is every
    text lxml parses from it, and the walker need not ask ``str.isprintable`` of each paragraph.

    One ``bytes.translate`` of the content (~1 ns a byte) instead of ``isprintable`` (~4.4 ns a character)
    on each paragraph: a third of the corpus' contents and every benchmark item qualify (−1.5 % instructions
    per bench.normalize item, 1,386,214 → 1,365,424 at e70c027, 2026-12-05; docs/benchmarks-normalize.md).
    """
    return content.isascii() and "&" not in content and len(data.translate(None, _CONTROLS)) == len(data)


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_local, "parser", None)
    if parser is None:  # lxml parsers must not be shared between threads
        # collect_ids=False: nothing here looks an element up by its id, so libxml2 need not index them
        # (0.6 µs of a ~10 µs parse of a bench.normalize item by timeit, 2026-12-05)
        parser = etree.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, collect_ids=False
        )
        _local.parser = parser
    return parser


def parse_html(content: str, *, base: str | None, clean_tree: Callable[[Tree], None]) -> Document:
    """Parse once with lxml, remove boilerplate from the tree, and cut it into blocks.

    The content goes in as UTF-8 bytes (so an XML declaration or a stray control character cannot
    make lxml refuse it), wrapped in a ``<div>`` so leading text is not wrapped in a paragraph.
    """
    doc = Document()
    if not content.strip():
        return doc
    # "\n" first: a memchr settles content without a line break (a two-character search reads a 2 KB content
    # in ~1.8 µs, the memchr in ~0.05 by timeit; −0.4 % instructions per bench.normalize item, 2026-12-05 (f))
    if "\n" in content and "\n\n" in content:
        # Text with inline markup only (an <img>, links), its paragraphs apart by blank lines as a writer
        # typed them (an IFTTT body of raw lines): the blank lines are the paragraphs HTML would collapse.
        # A picture's own paragraph may stand over it (Odysee's "<p><img …/></p>A new release …").
        picture = _PICTURE_PARAGRAPH.match(content)
        rest = content[picture.end() :] if picture else content
        if _BLOCK_TAG.search(rest) is None:
            paragraphs = "".join(f"<p>{part}</p>" for part in _BLANK_LINES.split(rest) if part.strip())
            content = (picture.group() if picture else "") + paragraphs
    data = b"<div>" + content.encode("utf-8", "ignore") + b"</div>"
    try:
        root = etree.fromstring(data, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return parse_text(content)
    # root.find("body") without ElementPath's per-call setup: the first child called body
    body = root
    for child in root:
        if child.tag == "body":
            body = child
            break
    if "white-space" in content:
        _break_preserved_lines(list(body.iter()))
    # lxml makes an element's Python proxy when it is first reached and frees it with its last reference:
    # the tree's list of elements holds one for each, for the tree rules and the walker, not one per walk
    # (parse_html 46.5 → 45.2 µs per bench.normalize item, −0.5 % instructions; docs/benchmarks-normalize.md (g))
    tree = Tree(body)
    clean_tree(tree)
    walk(body, doc, base=base, linked=tree.tagged(_LINKED), plain=_plain_ascii(content, data))
    del tree
    if not _settled(doc.blocks):
        split_marked_lines(doc)
        split_numbered_lines(doc)
        # has_word's own first test inline: most blocks start with a letter, and settle without a call (one of
        # 1c7679c's three guards, −0.5 % instructions per bench.normalize item together)
        doc.blocks = [
            b for b in doc.blocks if b.kind == "img" or (t := b.text)[:1].isalnum() or has_word(t) or t in END_MARKS
        ]
    return doc


def _settled(blocks: list[Block]) -> bool:
    """Every block is a picture or one line that opens with a letter, or with a mark that is no list marker nor
    digit before a letter ('"Specifically, …'): then no line is a marked or numbered list item, and every block
    has a word, so ``split_marked_lines``, ``split_numbered_lines`` and the filter of wordless blocks would
    change nothing. One pass instead of their three: 1,302,820 → 1,251,442 instructions per bench.normalize
    item (−3.9 %, docs/benchmarks-normalize.md (p))."""
    for block in blocks:
        if block.kind == "img":
            continue
        lines = block.lines
        if len(lines) != 1:
            return False
        first = (text := lines[0].text)[:1]
        if not first.isalpha() and (first in MARKER_CHARS or first.isdigit() or not text[1:2].isalpha()):
            return False
    return True


_PRESERVED = re.compile(r"white-space\s*:\s*pre(?:-wrap|-line)?\b", re.IGNORECASE)


def _break_preserved_lines(elements: list[etree._Element]) -> None:
    """Text an element's style keeps the line breaks of (``<p style="white-space:pre-wrap">``, Invidious's
    video descriptions) shows them as a reader sees them: each line break becomes a ``<br>`` (a blank line
    two, which the walker reads as a new paragraph). A ``pre`` keeps its own text as it is."""
    for element in [e for e in elements if isinstance(e.tag, str) and _PRESERVED.search(e.get("style") or "")]:
        if element.tag == "pre":
            continue
        for node in [element, *element.iterdescendants()]:
            if not isinstance(node.tag, str) or node.tag == "pre":
                continue
            if node.text and "\n" in node.text:
                node.text, breaks = _breaks(node.text)
                for at, br in enumerate(breaks):
                    node.insert(at, br)
            for child in list(node):
                if child.tail and "\n" in child.tail:
                    child.tail, breaks = _breaks(child.tail)
                    for br in reversed(breaks):
                        child.addnext(br)


def _breaks(text: str) -> tuple[str, list[etree._Element]]:
    """Text up to its first line break, and a ``<br>`` for each break with the line after it as its tail."""
    first, *lines = text.split("\n")
    breaks = []
    for line in lines:
        br = etree.Element("br")
        br.tail = xml_text(line)
        breaks.append(br)
    return xml_text(first), breaks


END_MARKS = frozenset({"###", "# # #"})
"""A press release's end mark has no word but ends the story: kept for the rules (generic.toml) to cut at."""


_BLOCK_TAG = re.compile(
    r"<(?:p|div|br|h[1-6]|ul|ol|li|dl|blockquote|pre|table|figure|section|article|header|footer|aside|hr)\b",
    re.IGNORECASE,
)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_PICTURE_PARAGRAPH = re.compile(r"\s*<p>\s*(?:<a\b[^<>]*>\s*)?<img\b[^<>]*>\s*(?:</a>\s*)?</p>", re.IGNORECASE)


def parse_text(content: str, markup: Callable[[str], list[Block]] | None = None) -> Document:
    """Blank-line separated blocks (or one block per line when there are no blank lines).

    ``- `` lines become list items, and runs of ``1. `` lines an ordered list. A line that is a paragraph
    of markup (``<p>…</p>``, as a blog applet pastes a post's HTML into its text) is its own block:
    ``markup`` reads it as HTML (its links and pictures kept), else its text is taken.
    """
    doc = Document(links=False)
    rows = content.splitlines()
    while rows and not rows[-1].strip():
        rows.pop()
    while rows and not rows[0].strip():
        rows.pop(0)
    by_blank_lines = any(not row.strip() for row in rows)
    if not by_blank_lines:
        rows = _unwrap(rows)
    if markup is not None and "<" in content:
        rows = _joined_elements(rows)
    current: list[Line] = []
    for row in rows:
        text = clean_text(row)
        if (markup is not None or (by_blank_lines and text)) and "<" in row and _MARKUP_PARAGRAPH.match(row):
            # "<p>…</p>" alone on a line of a text post is a paragraph of its own, blank line or not.
            if current:
                doc.blocks.append(Block("p", current))
            if markup is not None:
                doc.blocks.extend(markup(row))
            else:
                doc.blocks.append(Block("p", [Line(text, escape(text, quote=False))]))
            current = []
            continue
        if text[:1] == "#" and (heading := _ATX_HEADING.match(text)):
            # "#### Steps to reproduce:": a Markdown heading in text (GitLab, Gitea) is a paragraph of its own.
            if current:
                doc.blocks.append(Block("p", current))
                current = []
            title = heading.group(2)
            doc.blocks.append(Block("h", [Line(title, escape(title, quote=False))], level=len(heading.group(1))))
            continue
        if text and current and _goes_on(current[-1].text, text):
            # "* WHAT...accumulations of 10 to 18" / "inches. Winds…": a list item wrapped at a column.
            joined = f"{current[-1].text} {text}"
            current[-1] = Line(joined, escape(joined, quote=False))
            continue
        if text:
            current.append(Line(text, escape(text, quote=False)))
        if current and (not by_blank_lines or not text):
            doc.blocks.append(Block("p", current))
            current = []
    if current:
        doc.blocks.append(Block("p", current))
    _split_timestamped_lines(doc)
    _split_sentence_lines(doc)
    split_marked_lines(doc)
    split_numbered_lines(doc)
    doc.blocks = [b for b in doc.blocks if b.kind == "img" or has_word(b.text)]
    return doc


_BLOCK_NAMES = r"(?:p|div|h[1-6]|li|blockquote|figure|ul|ol|table|pre)"
# A line that opens and closes blocks: "<p>…</p>", "<h4>…</h4> <p>…</p>", "<figure>…</figure>", a picture
# before its paragraphs ("<img …><p>…</p>"), or before a line break and its text ("<img …/><br/>Après …").
_MARKUP_PARAGRAPH = re.compile(
    rf"\s*(?:<(?:{_BLOCK_NAMES}|img|a)\b[^<>]*>.*</{_BLOCK_NAMES}>(?:\s*<br\s*/?>)*|<img\b[^<>]*>\s*(?:<br\s*/?>.*)?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_ATX_HEADING = re.compile(r"(#{1,6})\s+(.*?\w.*?)(?:\s+#+)?$")  # "## Title" or "## Title ##"; "#tag" is none
_MARKERS = frozenset("-•*–·")
_TIMESTAMPED = re.compile(r"[(\[]?(?:\d{1,2}:)?\d{1,2}:\d{2}[)\]]?\s")
_WRAP_MIN_WIDTH = 60
_WRAPPED_LINE_END = re.compile(r"[.!?:…][\"'”’)\]]*$")  # a sentence or a label ends the line
_NOT_A_CONTINUATION = re.compile(r"(?i)(?:[-•*–·]\s|\d{1,4}[.)]\s|https?://|www\.|#|@)")


_OPENS_ELEMENT = re.compile(r"\s*<(table|ul|ol|blockquote|pre|figure)\b[^<>]*>", re.IGNORECASE)
_MAX_ELEMENT_ROWS = 200


def _joined_elements(rows: list[str]) -> list[str]:
    """A table, list, quote or figure of markup written over several lines of a text post, one row again.

    A blog applet pastes the post's HTML as it was written: "<table>" on its line, each "<tr>" on the next.
    """
    out: list[str] = []
    at = 0
    while at < len(rows):
        row = rows[at]
        opened = _OPENS_ELEMENT.match(row) if "<" in row else None
        closing = f"</{opened.group(1).lower()}>" if opened else ""
        if opened is None or closing in row.lower():
            out.append(row)
            at += 1
            continue
        end = next(
            (i for i in range(at + 1, min(len(rows), at + _MAX_ELEMENT_ROWS)) if closing in rows[i].lower()), None
        )
        if end is None:
            out.append(row)
            at += 1
            continue
        out.append("\n".join(rows[at : end + 1]))  # the line breaks kept: a <pre> needs them
        at = end + 1
    return out


def _split_timestamped_lines(doc: Document) -> None:
    """A video's chapters ("0:00 - The running sum" a line): each timestamped line is a paragraph of its own."""
    out: list[Block] = []
    for block in doc.blocks:
        lines = block.lines
        if block.kind != "p" or len(lines) < 2 or sum(1 for line in lines if _TIMESTAMPED.match(line.text)) < 2:
            out.append(block)
            continue
        out.extend(Block("p", [line]) for line in lines)
    doc.blocks = out


_SENTENCE_LINE_CHARS = 40
_WRAPPED_SHARE = 0.8  # a line wrapped at a column fills most of it
_SENTENCE_LINES = 2  # (a blog applet's post of two one-sentence paragraphs as often as of more)


def _split_sentence_lines(doc: Document) -> None:
    """Two lines or more opening a text post's paragraph that each end a sentence, none of them short: each its
    own paragraph (a blog applet's post of one paragraph a line over its "from … / via IFTTT" footer, with no blank
    line between them); the lines after them stay a block."""
    out: list[Block] = []
    for block in doc.blocks:
        lines = block.lines
        count = 0
        if block.kind == "p":
            width = max((len(line.text) for line in lines), default=0)
            for at, line in enumerate(lines):
                ends = _SENTENCE_END.search(line.text) is not None
                # a short line over one that opens with a capital: no line wrapped at a column ("Communiqué de
                # presse – Brive, le 12 mars 2026" over the release's first sentence)
                short_over = (
                    at + 1 < len(lines) and len(line.text) < _WRAPPED_SHARE * width and lines[at + 1].text[:1].isupper()
                )
                if len(line.text) < _SENTENCE_LINE_CHARS or not (ends or short_over):
                    break
                count += 1
        if count < _SENTENCE_LINES:
            out.append(block)
            continue
        out.extend(Block("p", [line]) for line in lines[:count])
        if count < len(lines):
            out.append(Block("p", lines[count:]))
    doc.blocks = out


def _goes_on(item: str, text: str) -> bool:
    """A marked list item that stops mid-sentence, and a line going on in lowercase: one wrapped item."""
    return (
        item[:1] in _MARKERS
        and text[:1].islower()
        and not _WRAPPED_LINE_END.search(item)
        and _NOT_A_CONTINUATION.match(text) is None
        and _NOT_A_CONTINUATION.match(item) is not None
    )


def _unwrap(rows: list[str]) -> list[str]:
    """Plain text hard-wrapped at a column (arXiv's API abstracts): a wrapped line's break is a space.

    Text is wrapped when most lines but the last fill the column (80 % of the longest line, itself at least
    60 characters) and most full lines go on with a lowercase word: a description of short lines of varied
    length (a video's links and credits) is not, nor a list of titles one a line.
    A full line that does not end a sentence, or is followed by a lowercase word, goes on in the next
    line, unless that one starts a list item, a link, a hashtag or a handle.
    """
    texts = [row.strip() for row in rows]
    width = max(map(len, texts), default=0)
    if len(texts) < 2 or width < _WRAP_MIN_WIDTH:
        return rows
    full = [len(text) >= 0.8 * width for text in texts]
    if 2 * sum(full[:-1]) < len(texts) - 1:
        return rows
    # Wrapped prose mostly breaks before a lowercase word; a list of full-width titles never does.
    lowercase_next = sum(1 for at in range(1, len(texts)) if full[at - 1] and texts[at][:1].islower())
    if 2 * lowercase_next < sum(full[:-1]):
        return rows
    joined = [texts[0]]
    for at in range(1, len(texts)):
        before, text = texts[at - 1], texts[at]
        continues = (
            full[at - 1]
            and not _NOT_A_CONTINUATION.match(text)
            and (not _WRAPPED_LINE_END.search(before) or text[:1].islower())
        )
        if continues:
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
_HEADER_DATE = re.compile(
    rf"(?i)(?:(?:published|updated|posted)(?: on)?:?\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}}\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?"
    r"(?:\s*[·•|]\s*\d{1,3}\s*min(?:ute)?s?\s*read)?"
)
"""A date alone, as a page's header prints it under the headline ("Mar 27, 2025", "Updated 27 March 2025, 10:02")."""
_LABEL_WORDS = 5  # "Societal Impacts", "World / Europe": a page's kicker over its headline
_HEADER_DATE_CHARS = 80
_HEADER_BLOCKS = 3


def _drop_kicker(blocks: list[Block], headline: str) -> None:
    """A page's header copied whole: a kicker or two (a category, a section) over the headline set as a heading
    ("Societal Impacts" over "<h1>Anthropic Economic Index …</h1>") and its date under it: when the heading stands
    within the first blocks and only labels before it (a few capitalized words, no digit, comma or sentence),
    the labels and the date go (the headline is dropped as a repeat after them)."""
    for index, block in enumerate(blocks[: _HEADER_BLOCKS + 1]):
        if block.kind == "img":
            continue
        if block.kind == "h" and _same(collapse(block.text), headline):
            dates = 0
            while (
                dates < 2
                and index + 1 < len(blocks)
                and (below := blocks[index + 1]).kind == "p"
                and len(below.text) <= _HEADER_DATE_CHARS
                and _HEADER_DATE.fullmatch(below.text)
            ):
                del blocks[index + 1]  # the header's date under its headline ("Mar 27, 2025"): the item's own field
                dates += 1
            blocks[:index] = [b for b in blocks[:index] if b.kind == "img"]
            return
        if not _kicker(block):
            return


def _kicker(block: Block) -> bool:
    """A page's section or category label: a few words, each capitalized, no digit, comma or sentence.

    The kind first, and a split that stops at the word past the last a label may have: a story's first
    paragraph is not split whole on every item (1,239,712 → 1,233,586 instructions per bench.normalize item, −0.5 %;
    docs/benchmarks-normalize.md (p)).
    """
    if block.kind not in ("p", "h"):
        return False
    text = block.text
    words = text.split(None, _LABEL_WORDS)
    return (
        0 < len(words) <= _LABEL_WORDS
        and all(word[:1].isupper() or word in ("/", "&", "|", "·") for word in words)
        and not any(char.isdigit() or char == "," for char in text)
        and _SENTENCE_END.search(text) is None
    )


_RELEASE_HEADER_BLOCKS = 8
_RELEASE_HEADER_CHARS = 60
_BYLINE_START = re.compile(r"(?i)(?:by|por|von|par|di|door|av)\s")
_RELEASE_CUE = re.compile(r"(?i)\b(?:for immediate release|(?:news|press) release|media (?:contact|advisory))")


def _drop_release_header(blocks: list[Block], headline: str) -> None:
    """A press release's header over its own headline: short lines of furniture ("For Immediate Release",
    "Contact: Renee Calloway", a phone number, an address, "Web – Facebook – Twitter"), none a sentence or a
    byline, one of them saying it is a release ("For Immediate Release", "Media Contact"), then the headline
    repeated: the lines and the repeat go ("Hello friends" / "Welcome back", or an event's day, place and "Contact:
    Parks Department", over a post's repeated title stay)."""
    released = False
    for index, block in enumerate(blocks[: _RELEASE_HEADER_BLOCKS + 1]):
        if block.kind == "img":
            continue
        text = collapse(block.text)
        if index and block.kind in ("p", "h") and _same(text, headline):
            if released:
                blocks[: index + 1] = [b for b in blocks[:index] if b.kind == "img"]
            return
        released = released or _RELEASE_CUE.search(text) is not None
        if block.kind not in ("p", "h") or not all(_furniture_line(collapse(line.text)) for line in block.lines):
            return


def _furniture_line(text: str) -> bool:
    """A short line that is no sentence and no byline."""
    return (
        len(text) <= _RELEASE_HEADER_CHARS and _SENTENCE_END.search(text) is None and _BYLINE_START.match(text) is None
    )


def _drop_head(blocks: list[Block], headline: str | None, credits: Credits) -> bool:
    """Drop leading credit lines and repeats of the headline (checked again after each removal); True when a
    heading repeating the headline stood over what now leads (a release's "0.91.0" over its list of changes)."""
    if headline:
        _drop_kicker(blocks, headline)
        _drop_release_header(blocks, headline)
    index = 0
    headed = False
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "img":
            index += 1
            continue
        if headline and (_same(first := collapse(block.lines[0].text), headline) or _stamped(first, headline)):
            headed = block.kind == "h"
            del block.lines[0]
            if not block.lines:
                del blocks[index]
            continue
        if headline and block.kind == "p" and _strip_headline_lead(block, headline):
            return False
        if block.kind != "li" and credits.matches.test(block.text):
            del blocks[index]
            continue
        return headed
    return headed


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_STAMP_WORDS = 8
_STAMPED_HEADLINE_WORDS = 3


def _stamped(text: str, headline: str) -> bool:
    """The headline with its byline and date run on after it, as a CMS's teaser prints them over the body
    ("Daily Inspiration #2881 abduzeedo Apr 13, 2025", Drupal's title, username and date fields): a few
    words that end no sentence and hold a year, after a headline of three words or more."""
    if len(headline.split()) < _STAMPED_HEADLINE_WORDS or not text.casefold().startswith(headline.casefold()):
        return False
    rest = text[len(headline) :]
    return (
        bool(rest[:1].isspace())
        and len(rest.split()) <= _STAMP_WORDS
        and _YEAR.search(rest) is not None
        and not _SENTENCE_END.search(rest)
    )


# "Dana Whitlock / Politico:", "Press Gazette:": names, not a clause ("Critics said:")
_ATTRIBUTION = re.compile(r"^[A-Z][\w.'’&-]*(?: (?:[A-Z][\w.'’&-]*|/|&|of|the|de|du|des|la|le)){0,7}:\s*$")
_DASHES = (" — ", " – ", " -- ")
_CREDITED = re.compile(r"\s*\([^()]{1,80}\)$")


def _strip_headline_lead(block: Block, headline: str) -> bool:
    """An aggregator's lead: "<Writer / Outlet>: <headline> — <excerpt>" (Techmeme, Mediagazer,
    memeorandum) leaves the excerpt; the attribution may stand on a line of its own. True when stripped."""
    lines = block.lines
    at = 1 if len(lines) > 1 and _ATTRIBUTION.match(lines[0].text) else 0
    text = collapse(lines[at].text)
    headline = _CREDITED.sub("", headline)  # "… January 30 (Dana Whitlock/Politico)": the credit is the lead's
    folded, wanted = text.casefold(), headline.casefold()
    start = 0 if folded.startswith(wanted) else folded.find(": " + wanted) + 2 if at == 0 else -1
    if start < 0 or (start > 0 and not _ATTRIBUTION.match(text[: start - 1])):
        return False
    tail = text[start + len(headline) :]
    dash = next((d for d in _DASHES if tail.startswith(d)), None)
    if dash is None or not tail[len(dash) :].strip():
        return False
    rest = tail[len(dash) :].strip()
    block.lines[: at + 1] = [Line(rest, escape_text(rest))]
    return True


def _introduces(block: Block) -> bool:
    """A sentence ending in ``:`` ("The company named three causes:"): the list after it is story.

    A label of a few words ("Key points:", "In brief:") introduces key points instead.
    """
    text = block.text
    if not text.endswith(":"):
        return False
    words = text[:-1].split()
    return len(words) > _MAX_LABEL_WORDS or (bool(words) and words[-1].lower() in _CLAUSE_ENDS)


# A label that announces key points ("Takeaways", "Key points", "What to know", "TL;DR", "L'essentiel",
# "Das Wichtigste in Kürze"): a list under it before the story is the story's summary, heading or not.
# ("Highlights" or "Summary" over a release's list is a section of the notes: not in the list.)
_KEY_POINTS_LABEL = re.compile(
    r"(?i)^(?:(?:key |the )?takeaways|key (?:points|notes)(?: from this (?:article|story|piece|report))?"
    r"|key (?:developments|facts|highlights)(?: on [^:]{1,30})?"
    r"|main points|at a glance|in brief|highlights(?=\s*:)"
    r"|tl;? ?dr|the gist|what (?:you need )?to know|l['’]essentiel|en bref|lo esencial|lo más importante"
    r"|das wichtigste(?: in kürze)?|in kürze|in het kort|in breve|em resumo|de un vistazo|en resumen)\s*[:.]?$"
)


def _is_lead_in(block: Block, credits: Credits) -> bool:
    if block.kind == "h":  # a heading opens a section: the list under it is that section's text,
        return _KEY_POINTS_LABEL.match(block.text) is not None  # unless it announces key points
    if block.kind != "p":
        return False
    text = block.text
    if credits.matches.test(text) or _KEY_POINTS_LABEL.match(text) is not None:
        return True  # ("Key developments on Dec. 6:" has a full stop, and is a label all the same)
    return len(text.split()) <= credits.lead_in_max_words and not _SENTENCE_END.search(text) and not _introduces(block)


def _key_point_list(block: Block) -> bool:
    # Numbered lines read as a list were paragraphs to the key-point rule before they were a list: steps
    # ("1. Preheat the oven") lead a story as often as they summarize it.
    return block.kind == "li" and not block.from_line


def _mark_bullets(blocks: list[Block], credits: Credits, *, headed: bool = False) -> None:
    """Mark the key points: ``ul.summary-list``, else a list before the first paragraph of text.

    Only labels and credits before such a list are dropped; a sentence that introduces the list
    (ending in ``:``) makes it part of the story, and both stay. A list under the headline's own heading
    (``headed``) with less text after it than in it is that heading's section, the item's text itself (a release's
    "0.91.0" over its changes and a line on where to get it), not a summary of a story that follows.
    """
    for summary in blocks:  # a loop, not next(genexpr): an unfinished generator costs ~0.5 µs to close
        if summary.kind == "li" and summary.summary:
            for block in blocks:
                block.bullet = block.kind == "li" and block.group == summary.group
            return
    texts = [i for i, b in enumerate(blocks) if b.kind != "img"]
    if not texts:
        return
    lead_ins = 0
    while lead_ins < min(2, len(texts)) and _is_lead_in(blocks[texts[lead_ins]], credits):
        lead_ins += 1
    start = lead_ins if lead_ins < len(texts) and _key_point_list(blocks[texts[lead_ins]]) else 0
    if not _key_point_list(blocks[texts[start]]):
        return
    group = blocks[texts[start]].group
    end = start
    while end < len(texts) and blocks[texts[end]].kind == "li" and blocks[texts[end]].group == group:
        end += 1
    if end == len(texts):
        return  # nothing follows the list: it is the story itself, not a summary of one
    if headed and not start and _chars(blocks, texts[end:]) < _chars(blocks, texts[start:end]):
        return
    if start and _sections(blocks, texts, start, end, credits):
        return  # "Longreads" over a list, then "Books" over more: section names, the list is the first section's
    for k in texts[start:end]:
        blocks[k].bullet = True
    for k in reversed(texts[:start]):
        del blocks[k]


def _chars(blocks: list[Block], indexes: list[int]) -> int:
    return sum(len(blocks[k].text) for k in indexes)


def _sections(blocks: list[Block], texts: list[int], start: int, end: int, credits: Credits) -> bool:
    """The label over the leading list is a section's name: another like it (a short line, no label of key
    points, no credit) opens a later part of the item."""
    label = blocks[texts[start - 1]]
    if label.kind != "p" or _KEY_POINTS_LABEL.match(label.text) is not None or credits.matches.test(label.text):
        return False
    return any(
        blocks[k].kind == "p" and _is_lead_in(blocks[k], credits) and not credits.matches.test(blocks[k].text)
        for k in texts[end:]
    )


def _reads_as_title(first: Block, blocks: list[Block]) -> bool:
    """Whether an untitled item's first line is its title (it leaves the body) or its story text (it stays).

    A heading, or a short line without a sentence's end or a link, followed by more text, is a title
    ("Library extends weekend hours" over the story). A post without a title (a toot, a micro-blog
    note) is its text: the headline is made from it, and the body still holds it.
    """
    if first.kind != "p":  # a heading is a title; a list item or a code line is no post's whole text
        return True
    if len(first.lines) == 1 and not any(b is not first and b.kind != "img" for b in blocks):
        return False  # nothing follows: the line is the whole story
    text = first.lines[0].text
    return (
        len(text.split()) <= _MAX_TITLE_WORDS and _SENTENCE_END.search(text) is None and _LINK_TEXT.search(text) is None
    )


def shape(doc: Document, *, title: str, credits: Credits) -> tuple[str | None, bool]:
    """Find the headline (the title, else a title line opening the content) and mark the bullets.

    Returns the headline (None for a post without one: a toot, a micro-blog note is its text alone, and no
    editor would print its first sentence twice) and whether it came from the content.
    """
    blocks = doc.blocks
    headline: str | None = title or None
    from_content = False
    headed = _drop_head(blocks, headline, credits)
    if headline is None:
        first = next((b for b in blocks if b.kind != "img"), None)
        if first is not None:
            # a code line keeps its indentation; a headline does not (and a soft hyphen collapse takes out may
            # bring "<" and a letter together: guarded again)
            full = guard(collapse(first.lines[0].text))
            if truncate(full, MAX_HEADLINE_CHARS) == full and _reads_as_title(first, blocks):
                headline, from_content = full, True
                headed = _drop_head(blocks, headline, credits)
    if headline is not None:
        _drop_pointer_to_itself(blocks, headline)
    _mark_bullets(blocks, credits, headed=headed)
    return headline, from_content


_POINTER_WORDS = 4
_POINTER_AFTER = 2  # the pointer and the text it closes
_POINTER_HEADLINE_WORDS = 3  # a headline, not a word or two the text may end on
_POINTER_TAIL = " .…→»›\"'”’)]"
_POINTER_JOIN = " :—–-\"'“‘«([|"


def _drop_pointer_to_itself(blocks: list[Block], headline: str) -> None:
    """A closing line that points at the item itself: a few words, then its own headline ("Leggi tutto about
    <headline>", Drupal's "Read more about <headline>" with its hidden words shown; "Continue reading <headline>
    →" in any language). The story's text never ends by naming its own title after four words or fewer."""
    texts = [index for index, block in enumerate(blocks) if block.kind != "img"]
    if len(texts) < _POINTER_AFTER or (last := blocks[texts[-1]]).kind not in ("p", "li") or len(last.lines) != 1:
        return
    folded, wanted = collapse(last.text).casefold().rstrip(_POINTER_TAIL), headline.casefold().rstrip(_POINTER_TAIL)
    if len(wanted.split()) < _POINTER_HEADLINE_WORDS or not folded.endswith(wanted):
        return
    lead = folded[: len(folded) - len(wanted)].strip(_POINTER_JOIN)
    if lead and len(lead.split()) <= _POINTER_WORDS:
        del blocks[texts[-1]]
