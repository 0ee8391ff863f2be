"""Rules that act only at the edges of the content: chrome lines, tail sections, trailing teaser links.

Page and platform chrome stands at the head and the tail of an item, in runs (FIDELITY.md, "Edges,
not words"). A *run* is read line by line from each end: a line belongs to it while it matches a chrome
pattern, is short (a label, a button, a date) or is (nearly) all link text; the first line that is
none of these ends the run. Only matching lines inside a run are dropped, so "Email" or "Comments" as
a section heading in the middle of a story stays, while the same words under the story's last
paragraph go. Registered in :data:`app.normalize.rules.REGISTRY` like every rule::

    blocks   drop_tail_from_marker (22)   drop_link_lists (35)   drop_edge_lines (60)   trim_trailing_link (65)
    tree     drop_widgets (15)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lxml import etree

from app.normalize.blocks import Block, Document, Line
from app.normalize.matchers import Args, patterns, strings
from app.normalize.rules import _PATTERN_KEYS, BlockRule, Screen, TreeRule, _is_story, _rule
from app.normalize.walker import drop_tree

__all__ = [
    "EDGE_LINE_WORDS",
    "drop_edge_lines",
    "drop_link_lists",
    "drop_tail_from_marker",
    "drop_widgets",
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
    words = len(text.split())
    if words <= EDGE_LINE_WORDS:
        return words < 4 or _SENTENCE.search(text) is None
    return len(text) <= _MAX_LINK_LINE_CHARS and line.link_chars >= 0.9 * len(text)


def _lines(blocks: list[Block], reverse: bool) -> Iterator[tuple[Block, int]]:
    """Every text line with its block, from the start or from the end (images are passed over)."""
    order = reversed(blocks) if reverse else iter(blocks)
    for block in order:
        if block.kind == "img":
            continue
        count = len(block.lines)
        for at in range(count - 1, -1, -1) if reverse else range(count):
            yield block, at


@_rule("drop_edge_lines", "blocks", 60)
def drop_edge_lines(args_list: Sequence[Args]) -> BlockRule:
    """Drop chrome lines (``Share``, ``Comments``, ``submitted by /u/…``) in the leading and trailing runs."""
    matches = patterns(args_list, 250)
    longest = matches.longest

    def doomed(line: Line, screen: Screen) -> bool:
        text = line.text
        return len(text) <= longest and screen(text) and matches(text)

    def run_of(blocks: list[Block], reverse: bool, screen: Screen) -> list[tuple[Block, int]]:
        found: list[tuple[Block, int]] = []
        for block, at in _lines(blocks, reverse):
            line = block.lines[at]
            if doomed(line, screen):
                found.append((block, at))
            elif not _furniture(line):
                break
        return found

    def apply(doc: Document, screen: Screen) -> None:
        blocks = doc.blocks
        chosen = {(id(b), at) for b, at in run_of(blocks, False, screen) + run_of(blocks, True, screen)}
        if not chosen:
            return
        for block in blocks:
            if block.kind != "img" and any((id(block), at) in chosen for at in range(len(block.lines))):
                block.lines = [line for at, line in enumerate(block.lines) if (id(block), at) not in chosen]
        doc.blocks = [b for b in blocks if b.kind == "img" or b.lines]

    return BlockRule(apply, matches)


@_rule("drop_tail_from_marker", "blocks", 22)
def drop_tail_from_marker(args_list: Sequence[Args]) -> BlockRule:
    """Drop a closing section (``Media Contact:`` and its lines) when no story sentence follows it.

    The marker is a line (or a block's first line); everything after it goes with it, but only when
    what follows is furniture (names, addresses, links): a marker followed by story is story.
    """
    matches = patterns(args_list, 120)
    longest = matches.longest

    def apply(doc: Document, screen: Screen) -> None:
        blocks = doc.blocks
        story_after = False
        for index in range(len(blocks) - 1, -1, -1):
            block = blocks[index]
            if block.kind == "img":
                continue
            for at in range(len(block.lines) - 1, -1, -1):
                text = block.lines[at].text
                if len(text) <= longest and screen(text) and matches(text):
                    if story_after:
                        return
                    del block.lines[at:]
                    del blocks[index + (1 if block.lines else 0) :]
                    return
                story_after = story_after or _is_story(text)

    return BlockRule(apply, matches)


@_rule("drop_link_lists", "blocks", 35, frozenset({"name", "max_items"}))
def drop_link_lists(args_list: Sequence[Args]) -> BlockRule:
    """Drop short lists whose every item is only a link (a related-stories box set as a list)."""
    max_items = max((int(args.get("max_items", 3)) for args in args_list), default=3)

    def apply(doc: Document, _screen: Screen) -> None:
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


_TAG = re.compile(r"<[^<>]*>")


@_rule("trim_trailing_link", "blocks", 65, _PATTERN_KEYS)
def trim_trailing_link(args_list: Sequence[Args]) -> BlockRule:
    """Cut a teaser link (``[mehr]``, ``Read more »``) from the end of the content's last line.

    Patterns must end with ``$``; the matched text is cut from the line's text and, when the HTML
    ends with the same text (bare or as a link), from its HTML too; otherwise the line is left alone.
    """
    matches = patterns(args_list, 80)
    finders = [re.compile(p) for args in args_list for p in strings(args, "patterns")]

    def trim(line: Line) -> Line | None:
        for finder in finders:
            found = finder.search(line.text)
            if found is None or found.start() == 0:
                continue  # a line that is only the teaser is chrome for drop_edge_lines, not this rule
            cut = found.group(0).strip()
            html = line.html.rstrip()
            anchor = html.rfind("<a ")
            hrefs = line.hrefs
            if anchor != -1 and " ".join(_TAG.sub("", html[anchor:]).split()) == cut:
                html, hrefs = html[:anchor], hrefs[:-1]
            elif html.endswith(cut):
                html = html[: -len(cut)]
            else:
                continue  # the HTML does not end with the text: cutting one but not the other would split them
            text = line.text[: found.start()].rstrip()
            return Line(text, html.rstrip(), hrefs, max(0, line.link_chars - len(cut)))
        return None

    def apply(doc: Document, _screen: Screen) -> None:
        for block, at in _lines(doc.blocks, True):
            line = block.lines[at]
            if matches(line.text[-80:]) and (trimmed := trim(line)) is not None:
                block.lines[at] = trimmed
            return

    return BlockRule(apply)  # no ``matches``: it tests a line's end, which the plan's screen does not see


_TOKEN = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def _words(value: str) -> Iterator[str]:
    """``share-buttons social_bar subscriptionWidget`` → share, buttons, social, bar, subscription, widget."""
    return (token.lower() for token in _TOKEN.findall(value))


@_rule("drop_widgets", "tree", 15, frozenset({"name", "words", "attributes", "roles", "tags"}))
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

    def told(element: etree._Element) -> bool:
        if element.tag in tags:
            return True
        if not element.keys():
            return False
        role = element.get("role")
        if role is not None and role.strip().lower() in roles:
            return True
        for name in attributes:
            value = element.get(name)
            if value and any(word in words for word in _words(value)):
                return True
        return False

    def apply(root: etree._Element) -> None:
        found = [e for e in root.iter() if isinstance(e.tag, str) and e is not root and told(e)]
        if not found:
            return
        total = len(etree.tostring(root, method="text", encoding=str).strip())
        removed: set[etree._Element] = set()
        for element in found:
            if any(a in removed for a in element.iterancestors()):
                continue  # inside an element already removed
            inner = len(etree.tostring(element, method="text", encoding=str, with_tail=False).strip())
            if 2 * inner < total or total == 0:
                drop_tree(element)
                removed.add(element)

    return apply
