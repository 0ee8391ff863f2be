"""Rules that act only at the edges of the content: chrome lines, tail sections, trailing teaser links.

Page and platform chrome stands at the head and the tail of an item, in runs (docs/fidelity.md, "Edges,
not words"). A *run* is read line by line from each end: a line belongs to it while it matches a chrome
pattern, is short (a label, a button, a date) or is (nearly) all link text; the first line that is
none of these ends the run. Only matching lines inside a run are dropped, so "Email" or "Comments" as
a section heading in the middle of a story stays, while the same words under the story's last
paragraph go. Registered in :data:`app.normalize.rules.REGISTRY` like every rule::

    blocks   strip_literals (3)   drop_after_divider (21)   drop_tail_from_marker (22)   drop_link_lists (35)
             drop_credit_after_image (55)   drop_edge_lines (60)   drop_edge_links (61)   drop_self_links (62)
             drop_lone_address (64)   trim_trailing_link (65)   strip_lead_label (66)   drop_dangling_lead_in (67)
    tree     drop_widgets (15)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from html import escape, unescape

from lxml import etree

from app.normalize.blocks import Block, Document, Line
from app.normalize.firstchars import required_chars
from app.normalize.matchers import Args, patterns, strings
from app.normalize.rules import PATTERN_KEYS, BlockRule, Screen, TreeRule, is_story, register
from app.normalize.text import guard, has_word
from app.normalize.tree import Tree
from app.normalize.urls import canonical_url
from app.normalize.walker import drop_tree, text_of

__all__ = [
    "EDGE_LINE_WORDS",
    "drop_after_divider",
    "drop_credit_after_image",
    "drop_dangling_lead_in",
    "drop_edge_lines",
    "drop_edge_links",
    "drop_link_lists",
    "drop_lone_address",
    "drop_self_links",
    "drop_tail_from_marker",
    "drop_trailing_site_name",
    "drop_widgets",
    "strip_lead_label",
    "strip_literals",
    "trim_trailing_link",
]

EDGE_LINE_WORDS = 8
"""A line of at most this many words may stand in a chrome run without matching (a label, a date)."""
_MAX_LINK_LINE_CHARS = 300


_SENTENCE = re.compile(r"\w[.!?…][\"'”’)\]]*$")


def _furniture(line: Line) -> bool:
    """Short, or (nearly) all link text: a line that may sit between chrome lines at an edge.

    A short sentence ("My garden diary for June.") is story: it ends the run.
    """
    text = line.text
    words = text.count(" ") + 1  # clean text: one space between words
    if words <= EDGE_LINE_WORDS:
        return words < 4 or _SENTENCE.search(text) is None
    return len(text) <= _MAX_LINK_LINE_CHARS and line.link_only


def _edge_line(blocks: list[Block], reverse: bool) -> tuple[Block, int] | None:
    """The first (or the last) text line with its block; None when there is none (images are passed over).

    A loop, not ``next()`` of a generator of every line: one left unfinished costs ~0.5 µs to close, and
    four rules read only this line on every item.
    """
    for block in reversed(blocks) if reverse else blocks:
        if block.kind != "img" and block.lines:
            return block, len(block.lines) - 1 if reverse else 0
    return None


# A teaser cut short by the feed ("Rule No. 1: You c …", "… set up a time [...]"): the ellipsis set apart
# by a space or brackets, as truncation writes it; a writer's own "And then…" ends the story.
_CUT = re.compile(r"(?:\s(?:…|\.\.\.)|\[(?:…|\.\.\.)\])$")
# A match is at most 5 characters before the end (6 with a final newline): searched from there, not from the
# start of a 200-character paragraph (−4.9 % instructions per item; see docs/benchmarks-normalize.md, 2026-12-04 b).
_CUT_REACH = 6


_ENCLOSED_CHARS = 50
_CLOSED = re.compile(r"[.!?…。！？]$")


def _edge_run(blocks: list[Block], doomed: Callable[[Line], bool], chosen: set[tuple[int, int]], reverse: bool) -> None:
    """Add the doomed lines of the run at one end to ``chosen`` (a plain loop, no generator: it runs on every
    item; part of a37e1e2's −3.9 % instructions per item, docs/benchmarks-normalize.md 2026-12-04).

    Short lines enclosed by doomed lines go with them: a label, a time or a product name between two lines of a
    channel's links ("Podcasts" between "https://cgpgrey.shop" and "Cortex: https://…") is the same chrome. A
    line enclosed that is longer than ``_ENCLOSED_CHARS`` or ends a sentence (in any script) stays, and so does
    every line between the story and the first doomed line. The trailing run also reads past a last line the
    feed cut short (its teaser of the rest of the story, kept): the subscribe bar or poll link above it is still
    the tail's chrome (The Verge's podcast posts).
    """
    last = reverse
    enclosed: list[tuple[int, int]] | None = None  # short lines since the last doomed line; None: none may go
    for index in range(len(blocks) - 1, -1, -1) if reverse else range(len(blocks)):
        block = blocks[index]
        if block.kind == "img":
            continue
        if block.kind == "code":
            return  # code is never chrome, and its lines (raw spaces kept) are no text for chrome's patterns
        lines = block.lines
        for at in range(len(lines) - 1, -1, -1) if reverse else range(len(lines)):
            line = lines[at]
            if doomed(line):
                chosen.add((id(block), at))
                if enclosed:
                    chosen.update(enclosed)
                enclosed = []
            elif not (last and _CUT.search(text := line.text, len(text) - _CUT_REACH)) and not _furniture(line):
                return
            elif enclosed is not None:
                if len(text := line.text) <= _ENCLOSED_CHARS and not _CLOSED.search(text):
                    enclosed.append((id(block), at))
                else:
                    enclosed = None
            last = False


def _drop_in_edge_runs(doc: Document, doomed: Callable[[Line], bool]) -> None:
    """Drop the doomed lines of the leading and trailing runs (a run goes on through furniture)."""
    chosen: set[tuple[int, int]] = set()
    _edge_run(doc.blocks, doomed, chosen, False)
    _edge_run(doc.blocks, doomed, chosen, True)
    if not chosen:
        return
    for block in doc.blocks:
        if block.kind != "img" and any((id(block), at) in chosen for at in range(len(block.lines))):
            block.lines = [line for at, line in enumerate(block.lines) if (id(block), at) not in chosen]
    doc.blocks = [b for b in doc.blocks if b.kind == "img" or b.lines]


@register("drop_edge_lines", "blocks", 60)
def drop_edge_lines(args_list: Sequence[Args]) -> BlockRule:
    """Drop chrome lines (``Share``, ``Comments``, ``submitted by /u/…``) in the leading and trailing runs."""
    matches = patterns(args_list, 250)
    longest, test = matches.longest, matches.test

    def doomed(line: Line) -> bool:
        text = line.text
        return len(text) <= longest and test(text)

    def apply(doc: Document, _screen: Screen) -> None:
        _drop_in_edge_runs(doc, doomed)

    # No ``matches``: the plan would screen every paragraph with these patterns, and only the few lines
    # of the two edge runs need them.
    return BlockRule(apply)


@register("drop_edge_links", "blocks", 61, frozenset({"name", "targets"}))
def drop_edge_links(args_list: Sequence[Args]) -> BlockRule:
    """Drop link-only lines in the edge runs whose every link goes to a share, subscribe or comments
    target (``facebook.com/sharer``, ``twitter.com/intent``, ``…#comments``): the link tells, not the words.

    ``targets`` are regexes searched case-insensitively in each link.
    """
    joined = "|".join(f"(?:{t})" for args in args_list for t in strings(args, "targets"))
    targets = re.compile(joined or "(?!)", re.IGNORECASE)

    def doomed(line: Line) -> bool:
        hrefs = line.hrefs
        return bool(hrefs) and line.link_only and all(targets.search(href) for href in hrefs)

    def apply(doc: Document, _screen: Screen) -> None:
        if doc.links:  # only linked lines can be doomed
            _drop_in_edge_runs(doc, doomed)

    return BlockRule(apply)  # no ``matches``: it reads links, which the plan's screen does not see


@register("drop_self_links", "blocks", 62, frozenset({"name"}))
def drop_self_links(_args_list: Sequence[Args]) -> BlockRule:
    """Drop link-only lines in the edge runs whose every link goes to the item's own URL.

    "Read full topic" under a forum post, the bare article URL under a link aggregator's item, "Continue
    reading" in any language: a link back to where the item already points adds nothing, whatever it says.
    """

    def apply(doc: Document, _screen: Screen) -> None:
        own = doc.link
        if not own or not doc.links:
            return
        bare = own.split("://", 1)[-1].rstrip("/")  # doc.link is canonical already
        # The URL's last segment must occur in a link for it to go there: one substring test per link
        # settles most documents before any line is read as an edge.
        tail = bare.rpartition("/")[2] or bare
        if not any(tail in href for block in doc.blocks for line in block.lines for href in line.hrefs):
            return

        def doomed(line: Line) -> bool:
            hrefs = line.hrefs
            return (
                bool(hrefs)
                and all(tail in href for href in hrefs)
                and _short_or_bare(line.text)  # a teaser sentence set as one link to the story is story
                and line.link_only
                and all(_bare(href) == bare for href in hrefs)
            )

        _drop_in_edge_runs(doc, doomed)

    return BlockRule(apply)  # no ``matches``: it reads links, which the plan's screen does not see


@register("drop_lone_address", "blocks", 64, frozenset({"name"}))
def drop_lone_address(_args_list: Sequence[Args]) -> BlockRule:
    """Drop a content that is one web address and nothing else: a link post's text (a subreddit's post of a news
    story, as an applet relays it) is where it points, no story text; an address inside or beside words stays, and so
    does a picture's (an image post's)."""

    def apply(doc: Document, _screen: Screen) -> None:
        texts = [block for block in doc.blocks if block.kind != "img" and block.text.strip()]
        lone = _LONE_ADDRESS.fullmatch(texts[0].text.strip()) if len(texts) == 1 and texts[0].kind == "p" else None
        if lone is not None and not _PICTURE_ADDRESS.search(lone.group()):
            doc.blocks = [block for block in doc.blocks if block is not texts[0]]

    return BlockRule(apply)  # no ``matches``: one look at the blocks settles it


_LONE_ADDRESS = re.compile(r"https?://[^\s<>\"]{1,2000}")
_PICTURE_ADDRESS = re.compile(r"(?i)\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)")  # (an image post's picture stays)
_MIN_SHOUTED_WORDS = 3


def _site(url: str) -> str:
    """The host of an absolute URL without ``www.``: enough to tell the publisher's own pages."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].lower()
    return host.removeprefix("www.")


@register("drop_shouted_links", "blocks", 63, frozenset({"name"}))
def drop_shouted_links(_args_list: Sequence[Args]) -> BlockRule:
    """Drop paragraphs that are only a link, in capitals, to another page of the same site, anywhere.

    Newsrooms set their in-story promos as a shouted headline linked to another story ("SYRIAN REBELS
    DECLARE DAMASCUS 'FREE' AS ASSAD FLEES"); story text is never a paragraph of capitals that is one
    link to the publisher's own pages. Capitals, the link over the whole line and the same site are all
    needed: a linked sentence, a link elsewhere or an acronym line stays.
    """

    def apply(doc: Document, _screen: Screen) -> None:
        own = doc.link
        if not own or not doc.links:
            return
        site = _site(own)

        def shouted(block: Block) -> bool:
            if block.kind != "p" or len(block.lines) != 1:
                return False
            line = block.lines[0]
            text = line.text
            return (
                bool(line.hrefs)
                and text.isupper()
                and text.count(" ") + 1 >= _MIN_SHOUTED_WORDS
                and line.link_only
                and all(_site(href) == site and _bare(href) != _bare(own) for href in line.hrefs)
            )

        # One look at each block's first line settles most documents: no linked line of capitals.
        if any(block.lines and block.lines[0].hrefs and block.lines[0].text.isupper() for block in doc.blocks):
            doc.blocks = [block for block in doc.blocks if not shouted(block)]

    return BlockRule(apply)  # no ``matches``: it reads links and letter case, which the screen does not see


def _short_or_bare(text: str) -> bool:
    """A label ("Read full topic") or a bare URL, not a sentence."""
    return text.count(" ") < EDGE_LINE_WORDS or (" " not in text and text.startswith(("http://", "https://", "www.")))


def _bare(url: str) -> str:
    """A URL compared as a reader would: canonical, scheme and a trailing slash aside."""
    canonical = canonical_url(url) or url
    return canonical.split("://", 1)[-1].rstrip("/")


@register("strip_lead_label", "blocks", 66, PATTERN_KEYS)
def strip_lead_label(args_list: Sequence[Args]) -> BlockRule:
    """Cut a label (``Abstract:``) from the start of the content's first line (past a list of key points),
    when text follows it.

    Patterns must start with ``^``; the matched text is cut from the line's text and from its HTML.
    """
    # Each pattern with the characters of which its every match holds one: a text with none of them is
    # passed over without a search. generic.toml's dateline stamp tried each length of a first line's
    # opening words, ~3 µs a line; it needs a dash (the rule: 3.1 → 1.5 µs per bench.normalize item, −2.0 %
    # instructions; docs/benchmarks-normalize.md 2026-12-05 (g)).
    finders = [(re.compile(p), required_chars(p) or ()) for args in args_list for p in strings(args, "patterns")]

    def strip(line: Line) -> Line | None:
        for finder, needs in finders:
            if needs and not any(map(line.text.__contains__, needs)):
                continue
            found = finder.search(line.text)
            if found is None or found.end() >= len(line.text):
                continue
            label = found.group(0).strip()
            html = line.html
            at = html.find(escape(label, quote=False))
            if at == -1 or _TAG.sub("", html[:at]).strip():
                continue  # the label is not plain text at the start of the markup: leave the line whole
            rest = html[at + len(escape(label, quote=False)) :]
            return Line(
                line.text[found.end() :].lstrip(), (html[:at] + rest.lstrip()).strip(), line.hrefs, line.link_chars
            )
        return None

    def apply(doc: Document, _screen: Screen) -> None:
        # The first line of text past a list of key points over the story ("Basel, 12 March 2026 - Roche …").
        for block in doc.blocks:  # a loop, not next() of a generator (see _edge_line)
            if block.kind not in ("img", "li") and block.lines:
                if (stripped := strip(block.lines[0])) is not None:
                    block.lines[0] = stripped
                return

    return BlockRule(apply)


@register("drop_tail_from_marker", "blocks", 22, PATTERN_KEYS | {"whatever_follows", "section"})
def drop_tail_from_marker(args_list: Sequence[Args]) -> BlockRule:
    """Drop a closing section (``Media Contact:`` and its lines) when no story sentence follows it.

    The marker is a line (or a block's first line); everything after it goes with it, but only when
    what follows is furniture (names, addresses, links) or other markers: a marker followed by story is
    story. Of several such markers the earliest cuts ("Our mailing address is:" over its address and
    "Want to change how you receive these emails? …"). A marker given ``whatever_follows`` (a release's
    end mark, "ENDS", "###") is a paragraph of its own that cuts whatever follows it, story or not, never
    in the first block. A marker given ``section`` (a show's notes: "Sponsors:", "Links from the show",
    "Support LINUX Unplugged") opens the notes under an episode's or a video's description: the first one
    after the description's first line cuts it and everything after it, story or not.
    """
    matches = patterns(args_list, 120)
    longest, test = matches.longest, matches.test
    firm = patterns([args for args in args_list if args.get("whatever_follows")], 120)
    notes = patterns([args for args in args_list if args.get("section")], 120)

    def apply(doc: Document, screen: Screen) -> None:
        blocks = doc.blocks
        if notes.longest >= 0:
            _cut_notes(blocks, notes.longest, notes.test)
        if firm.longest >= 0:
            # An end mark stands alone in its paragraph: the last one past the first block ends the story,
            # when less follows it than stands before (a "###" between an essay's parts is no end).
            for index in range(len(blocks) - 1, 0, -1):
                lines = blocks[index].lines
                if len(lines) == 1 and len(text := lines[0].text) <= firm.longest and firm.test(text):
                    if _chars(blocks[index + 1 :]) < _chars(blocks[:index]):
                        del blocks[index:]
                    break
        story_after = False
        cut: tuple[int, int] | None = None  # the earliest marker with only furniture and markers after it
        for index in range(len(blocks) - 1, -1, -1):
            block = blocks[index]
            if block.kind == "img":
                continue
            if index and not story_after and _about_section(block):
                cut = (index, 0)  # "About UNICEF" over "UNICEF works in …": the release's boilerplate
                continue
            for at in range(len(block.lines) - 1, -1, -1):
                text = block.lines[at].text
                if len(text) <= longest and screen(text) and test(text):
                    if story_after:
                        break
                    cut = (index, at)  # a marker is no story for the markers before it
                    continue
                # (a heading over its picture under a marker is the story's: a listicle's "#2 …" under "Image
                # credits: …"; "Follow Us" over its links is furniture)
                story_after = story_after or is_story(text) or _over_picture(blocks, index)
            if story_after:
                break
        if cut is not None:
            index, at = cut
            block = blocks[index]
            del block.lines[at:]
            del blocks[index + (1 if block.lines else 0) :]

    return BlockRule(apply, matches)


def _over_picture(blocks: list[Block], index: int) -> bool:
    """The block is a heading with a picture directly under it."""
    return blocks[index].kind == "h" and index + 1 < len(blocks) and blocks[index + 1].kind == "img"


def _cut_notes(blocks: list[Block], longest: int, test: Callable[[str], bool]) -> None:
    """Cut the blocks from the first show-notes heading after the description's first line."""
    first = next((index for index, block in enumerate(blocks) if block.kind != "img"), None)
    if first is None:
        return
    for index in range(first, len(blocks)):
        block = blocks[index]
        if block.kind == "img":
            continue
        for at in range(1 if index == first else 0, len(block.lines)):
            text = block.lines[at].text
            if len(text) <= longest and test(text):
                del block.lines[at:]
                del blocks[index + (1 if block.lines else 0) :]
                return


_ABOUT = re.compile(r"(?:About|ABOUT) (?P<name>[A-Z][^\s.:]*(?: (?:[A-Z&][^\s.:]*|of|for|and|the)){0,6}):?")


def _about_section(block: Block) -> bool:
    """A block headed "About <Name>" whose text goes on to name it ("About UNICEF" / "UNICEF works in …"), or
    to spell out the acronym it is ("About IRENA" / "The International Renewable Energy Agency is …")."""
    lines = block.lines
    if len(lines) < 2 or not lines[0].text.startswith(("About ", "ABOUT ")):
        return False
    found = _ABOUT.fullmatch(lines[0].text)
    if found is None:
        return False
    name = found["name"]
    spelled = name.isupper() and name.isalpha() and _SPELLED_OUT.match(lines[1].text) is not None
    return spelled or any(name in line.text for line in lines[1:])


# A body's name spelled out and what it is: "The International Renewable Energy Agency is a …".
_SPELLED_OUT = re.compile(
    r"(?:The )?[A-Z][\w-]+(?: (?:of|for|and|on|the|[A-Z][\w-]+)){1,9} (?:\([A-Z]{2,10}\) )?"
    r"(?:is|are) (?:a|an|the)\b"
)


def _chars(blocks: list[Block]) -> int:
    return sum(len(line.text) for block in blocks for line in block.lines)


_DIVIDER = re.compile(r"[▀▄█■▬═━─~=_*⎯\-–—·•]{5,}")
_HEADING_WORDS = 6


@register("drop_after_divider", "blocks", 21, frozenset({"name"}))
def drop_after_divider(_args_list: Sequence[Args]) -> BlockRule:
    """Drop a video description's channel section: from its first rule line ("▀▀▀▀", "~~~~") to the end,
    with the heading set right over the rule ("OUR CHANNELS"). Never a rule in the first paragraph."""

    def apply(doc: Document, _screen: Screen) -> None:
        for index, block in enumerate(doc.blocks):
            if index == 0 or block.kind in ("img", "code"):
                continue
            at = next((at for at, line in enumerate(block.lines) if _DIVIDER.fullmatch(line.text)), None)
            if at is None:
                continue
            over = block.lines[:at]
            if not all(len(line.text.split()) <= _HEADING_WORDS and not is_story(line.text) for line in over):
                del block.lines[at:]  # story over the rule in its paragraph stays
                index += 1
            del doc.blocks[index:]
            return

    return BlockRule(apply)


@register("drop_link_lists", "blocks", 35, frozenset({"name", "max_items"}))
def drop_link_lists(args_list: Sequence[Args]) -> BlockRule:
    """Drop short lists whose every item is only a link (a related-stories box set as a list)."""
    max_items = max((int(args.get("max_items", 3)) for args in args_list), default=3)

    def apply(doc: Document, _screen: Screen) -> None:
        if not doc.links:  # an item that is only links has some
            return
        items: dict[int, list[Block]] = {}
        for block in doc.blocks:
            if block.kind == "li" and block.group:
                items.setdefault(block.group, []).append(block)
        doomed = {
            group
            for group, found in items.items()
            if len(found) <= max_items and all(b.link_only and any(line.hrefs for line in b.lines) for b in found)
        }
        if doomed:
            doc.blocks = [b for b in doc.blocks if not (b.kind == "li" and b.group in doomed)]

    return BlockRule(apply)


@register("strip_literals", "blocks", 3, frozenset({"name", "literals"}))
def strip_literals(args_list: Sequence[Args]) -> BlockRule:
    """Remove literal markers a sender left around the text (IFTTT's ``<<<`` and ``>>>`` escapes).

    An escape wraps a whole ingredient, so only the lines at the head and the tail are read, up to the
    first line without a marker. The text stays; a line left without words goes.
    """
    literals = tuple(sorted({x for args in args_list for x in strings(args, "literals") if x}))
    shown = tuple(escape(x, quote=False) for x in literals)

    def strip(line: Line) -> Line:
        text, html = line.text, line.html
        for literal, escaped in zip(literals, shown, strict=True):
            text, html = text.replace(literal, ""), html.replace(escaped, "").replace(literal, "")
        # Taking ">>>" out of "<>>>a" brings "<" and a letter together: guard the text again.
        return Line(guard(" ".join(text.split())), html.strip(), line.hrefs, line.link_chars)

    def stripped(blocks: list[Block], reverse: bool) -> bool:
        """Strip the lines of the run at one end (a plain loop); whether one was changed."""
        changed = False
        for index in range(len(blocks) - 1, -1, -1) if reverse else range(len(blocks)):
            block = blocks[index]
            if block.kind == "img":
                continue
            lines = block.lines  # lines are replaced, never removed, here
            for at in range(len(lines) - 1, -1, -1) if reverse else range(len(lines)):
                if not any(map(lines[at].text.__contains__, literals)):
                    return changed
                lines[at] = strip(lines[at])
                changed = True
        return changed

    def apply(doc: Document, _screen: Screen) -> None:
        changed = stripped(doc.blocks, False)
        changed = stripped(doc.blocks, True) or changed
        if changed:
            for block in doc.blocks:
                block.lines = [line for line in block.lines if has_word(line.text)]
            doc.blocks = [b for b in doc.blocks if b.kind == "img" or b.lines]

    return BlockRule(apply)


_TAG = re.compile(r"<[^<>]*>")


_OPENING_TAG = re.compile(r"<[A-Za-z][^<>]*>\s*$")


def _html_cut(html: str, cut: str) -> tuple[str, int] | None:
    """``html`` without the markup that shows ``cut`` at its end, and how many links went with it.

    The cut starts where the visible text from there on is exactly ``cut`` (tags dropped, entities
    decoded, spaces collapsed); tags opened right before it go too (``<a href=…>[mehr]</a>``). None when
    no such place exists: cutting the text but not its markup would set them apart.
    """
    probe = escape(cut.split()[0], quote=False)
    at = html.rfind(probe)
    while at != -1:
        if (
            html.rfind("<", 0, at) <= html.rfind(">", 0, at)
            and " ".join(unescape(_TAG.sub("", html[at:])).split()) == cut
        ):
            while (opening := _OPENING_TAG.search(html, 0, at)) is not None:
                at = opening.start()
            return html[:at].rstrip(), html.count("<a ", at)
        at = html.rfind(probe, 0, at)
    return None


@register("trim_trailing_link", "blocks", 65, PATTERN_KEYS)
def trim_trailing_link(args_list: Sequence[Args]) -> BlockRule:
    """Cut a teaser link or a host's line (``[mehr]``, ``Learn more about your ad choices. Visit …``) from
    the end of the content's last line, when story text stands before it on that line.

    Patterns must end with ``$``; the matched text is cut from the line's text and from its HTML.
    """
    matches = patterns(args_list, 120)
    finders = [re.compile(p) for args in args_list for p in strings(args, "patterns")]

    def trim(line: Line) -> Line | None:
        for finder in finders:
            found = finder.search(line.text)
            if found is None or found.start() == 0:
                continue  # a line that is only the teaser is chrome for drop_edge_lines, not this rule
            cut = " ".join(found.group(0).split())
            kept = _html_cut(line.html.rstrip(), cut)
            if kept is None:
                continue
            html, links = kept
            text = line.text[: found.start()].rstrip()
            hrefs = line.hrefs[: len(line.hrefs) - links] if links else line.hrefs
            return Line(text, html, hrefs, max(0, line.link_chars - len(cut)))
        return None

    def apply(doc: Document, _screen: Screen) -> None:
        last = _edge_line(doc.blocks, True)
        if last is None:
            return
        block, at = last
        line = block.lines[at]
        text = line.text
        # Most patterns see the line's last 120 characters; a longer trailer (a rule's max_chars) its own window.
        tested = matches.test(text[-120:]) or (matches.longest > 120 and matches.test(text[-matches.longest :]))
        if tested and (trimmed := trim(line)) is not None:
            block.lines[at] = trimmed

    return BlockRule(apply)  # no ``matches``: it tests a line's end, which the plan's screen does not see


def drop_trailing_site_name(doc: Document, is_site: Callable[[str], bool]) -> str | None:
    """Drop a last line that is only the publisher's name (Medscape ends each summary with "Medscape News
    Canada"): a sign-off, not story, when the content has other lines. A writer's name on the line over it
    in the same paragraph ("Aïcha Kaboré / Lefaso.net") signs off with it: that line goes too, and its name
    is returned (the story's byline), else None."""
    last = _edge_line(doc.blocks, True)
    if last is None or last[0].kind not in ("p", "quote"):
        return None
    text = last[0].lines[last[1]].text
    if not is_site(text) and not _dated_site(text, is_site):
        return None
    block, at = last
    if sum(len(b.lines) for b in doc.blocks if b.kind != "img") < 2:  # the site and a story
        return None
    del block.lines[at]
    signer = None
    if at >= 1 and _SIGNER.fullmatch(name := block.lines[at - 1].text.strip()) and len(doc.blocks) > 1:
        signer = name
        del block.lines[at - 1]
    if not block.lines:
        doc.blocks.remove(block)
    return signer


def _dated_site(text: str, is_site: Callable[[str], bool]) -> bool:
    """The line is the site's name and a date ("Privacy International 2 December 2026").

    Every date form ends with a digit: a line ending with anything else is settled without ``_DATED``,
    which tries each of the line's first 80 characters as the end of the name (5.3 µs by timeit on a
    bench.normalize item's last paragraph, ~0.1 µs for the test; docs/benchmarks-normalize.md (o)).
    """
    return text[-1:].isdecimal() and (dated := _DATED.fullmatch(text)) is not None and is_site(dated["name"])


# A name, then the day it signed: "Privacy International 2 December 2026", "Medscape, Dec 3, 2026".
_DATED = re.compile(
    r"(?P<name>\S.{1,80}?)[,|·–—-]?\s+(?:\d{1,2}\.? [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
)
# A writer's name signing off over the site's: two to four capitalized words ("Aïcha Kaboré").
_SIGNER = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]{1,30}(?: [A-ZÀ-ÖØ-Þ][\w'’.-]{1,30}){1,3}")


_QUOTE_OPENERS = "“\"'‘«„‚»"
_NOTE_LEAD = re.compile(r"(?i)(?:update|updated|correction|editor['’]s note|note)\b")
_EMPHASIZED = re.compile(r"<(i|em)>(?:(?!</?(?:i|em)>).){1,300}</\1>", re.DOTALL)


@register("drop_credit_after_image", "blocks", 55)
def drop_credit_after_image(args_list: Sequence[Args]) -> BlockRule:
    """Drop a credit line standing right under a picture (``Image by Shawn West``), wherever the picture is.

    Its place tells it: under an image, a one-line "Photo by …" is the picture's credit, not a paragraph of
    the story (tablix.org's blog, feedjira's DuplicateContentAtomFeed.xml). The same words elsewhere stay.
    So is a line set wholly in italics in the picture's own paragraph (a blog's caption:
    ``<p><img><br><i>A robot arm …</i></p>``) or in a short paragraph of its own under a picture set outside a
    figure (``<p><img></p><p><em>Skaters on Grenadier Pond, 1912.</em></p>``, Shopify's and Typepad's editors),
    and a line that repeats the picture's description (its alt).
    """
    matches = patterns(args_list, 200)
    longest, test = matches.longest, matches.test

    def apply(doc: Document, _screen: Screen) -> None:
        if not doc.pictures:
            return
        blocks = doc.blocks
        doomed: set[int] = set()
        for index in range(len(blocks) - 1):
            if blocks[index].kind != "img":
                continue
            below = blocks[index + 1]
            if below.kind == "p" and len(below.lines) == 1:
                text = below.lines[0].text
                # or in the paragraph right under a picture set outside a figure (a figure's caption is its
                # figcaption), a short line that neither greets nor leads in ("Dear Readers,", "Today, we cover:")
                # (nor asks, quotes or notes: an interview's question, "“We will not give up,” she said.", "Update: …")
                under = (
                    not blocks[index].in_figure
                    and text.count(" ") < 30
                    and text[-1] not in ",:?"
                    and text[0] not in _QUOTE_OPENERS
                    and not _NOTE_LEAD.match(text)
                )
                italic = (below.beside_picture or under) and _EMPHASIZED.fullmatch(below.lines[0].html)
                alt = blocks[index].alt
                # the picture's own description repeated under it as its caption (AppleInsider's
                # "<img alt='X'><br><em>X</em>"), in two words or more
                # (a sentence is a step of the story the picture shows: "Whisk the eggs and milk.")
                described = " " in alt and alt.casefold() == text.casefold() and not _CLOSED.search(text)
                if (len(text) <= longest and test(text)) or italic or described:
                    doomed.add(index + 1)
        if doomed and len(doomed) < sum(1 for b in blocks if b.kind != "img"):
            doc.blocks = [b for at, b in enumerate(blocks) if at not in doomed]

    # No ``matches``: only lines under a picture are read. Ordered after the last rule that has them (50):
    # a rule without them makes the plan read the document's suspects again for the next rule that has.
    return BlockRule(apply)


@register("drop_lead_in_to_picture", "blocks", 68, frozenset({"name", "max_words"}))
def drop_lead_in_to_picture(args_list: Sequence[Args]) -> BlockRule:
    """Drop a short first line that only introduces the picture under it (Flickr's "Dana Pike posted a photo:").

    The picture is no body, so the line that announces it says nothing of the story; only at the head,
    where a platform sets it (a lead-in to a chart in the middle of a story stays with the story).
    """
    max_words = max((int(args.get("max_words", EDGE_LINE_WORDS)) for args in args_list), default=EDGE_LINE_WORDS)

    def apply(doc: Document, _screen: Screen) -> None:
        if not doc.pictures:
            return
        blocks = doc.blocks
        first = 0  # the first block that is no picture (a loop: an unfinished generator costs more to close)
        while first < len(blocks) and blocks[first].kind == "img":
            first += 1
        if first + 1 >= len(blocks) or blocks[first + 1].kind != "img":
            return
        block = blocks[first]
        if block.kind != "p" or len(block.lines) != 1:
            return
        text = block.lines[0].text
        if text.endswith(":") and text.count(" ") < max_words:
            del blocks[first]

    return BlockRule(apply)


@register("drop_dangling_lead_in", "blocks", 67, frozenset({"name", "max_words"}))
def drop_dangling_lead_in(args_list: Sequence[Args]) -> BlockRule:
    """Drop a short lead-in left last with nothing after it (``Also on HuffPost:``, ``Watch:``).

    A line ending in a colon introduces what follows; at the very end, what it introduced (a video, a
    gallery, a list of links) was a widget that is gone, and a story never ends on a colon. Never the
    content's only line.
    """
    max_words = max((int(args.get("max_words", EDGE_LINE_WORDS)) for args in args_list), default=EDGE_LINE_WORDS)

    def apply(doc: Document, _screen: Screen) -> None:
        while True:
            last = _edge_line(doc.blocks, True)
            if last is None:
                return
            block, at = last
            text = block.lines[at].text
            if not text.endswith(":") or text.count(" ") >= max_words or block.kind in ("code", "row"):
                return
            if sum(len(b.lines) for b in doc.blocks if b.kind != "img") < 2:
                return
            del block.lines[at]
            if not block.lines:
                doc.blocks.remove(block)

    return BlockRule(apply)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MAX_NAMED = 1024
_TOKEN = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def _words(value: str) -> Iterator[str]:
    """``share-buttons social_bar subscriptionWidget`` → share, buttons, social, bar, subscription, widget."""
    return (token.lower() for token in _TOKEN.findall(value))


@register("drop_widgets", "tree", 15, frozenset({"name", "words", "attributes", "roles", "tags"}))
def drop_widgets(args_list: Sequence[Args]) -> TreeRule:
    """Remove widgets told by their markup: ``aside``/``footer`` tags, ARIA roles, and class, id or
    data attributes that name a widget (``share``, ``subscribe``, ``newsletter``, ``related``, ``ad``).

    An element that holds half or more of the content's text is never removed: it is the story's
    wrapper, whatever its class says.
    """
    words = frozenset(w.lower() for args in args_list for w in strings(args, "words"))
    attributes = tuple(sorted({a.lower() for args in args_list for a in strings(args, "attributes")}))
    roles = frozenset(r.lower() for args in args_list for r in strings(args, "roles"))
    tags = frozenset(t.lower() for args in args_list for t in strings(args, "tags"))

    watched = frozenset(attributes) | ({"role"} if roles else frozenset())
    tag_list = tuple(sorted(tags))

    def told(element: etree._Element, keys: Sequence[str | bytes]) -> bool:
        for name in keys:
            if name not in watched:
                continue
            if element.tag in _HEADINGS:
                return False  # Markdown renderers derive heading ids from the text ("share-prices-fall")
            value = str(element.get(name) or "")
            if name == "role" and value.strip().lower() in roles:
                return True
            if name != "role" and names_widget(value):
                return True
        return False

    named: dict[str, bool] = {}

    def names_widget(value: str) -> bool:
        """Whether a class, id or data value names a widget; remembered (``summary-list`` is on every item).

        With strip_literals' one-call test: −1.8 % instructions per item (docs/benchmarks-normalize.md, 74ff928).
        """
        found = named.get(value)
        if found is None:
            found = any(word in words for word in _words(value))
            if len(named) >= _MAX_NAMED:  # values are the sender's to choose: keep the memory bounded
                named.clear()
            named[value] = found
        return found

    def apply(tree: Tree) -> None:
        # Only the elements with attributes (most carry none), then the widgets' tags
        found = [e for e, keys in tree.attributed if not watched.isdisjoint(keys) and told(e, keys)]
        found += tree.tagged(tag_list)
        root = tree.root
        found = [e for e in found if e is not root]
        if not found:
            return
        total = len(etree.tostring(root, method="text", encoding=str).strip())
        removed: set[etree._Element] = set()
        for element in found:
            if any(a in removed for a in element.iterancestors()):
                continue  # inside an element already removed
            inner = len(text_of(element).strip())
            if 2 * inner < total or total == 0:
                drop_tree(element)
                removed.add(element)
        if removed:
            tree.changed()

    return apply
