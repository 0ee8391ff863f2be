"""The registry of small named rule functions that the publisher rule files (data) call by name.

Each ``[[rules]]`` entry of a rule file names a function registered here plus its arguments (see
:mod:`app.normalize.plans` for the file format and how files are chosen). Rules of one name from every
selected file form a union, and names run in a fixed order, so the outcome does not depend on which
file said what::

    tree     drop_elements, inline_fields, drop_widgets*, drop_tracking_images   the parsed HTML, first
    blocks   take_footer, drop_from_marker, drop_tail_from_marker*, drop_list_after_marker,
             drop_paragraph_matching, drop_inline_lines, drop_edge_lines*, trim_trailing_link*
    head     drop_leading_credits                     used while the headline and bullets are found
    bullets  drop_bullet_matching

(* in :mod:`app.normalize.edges`: rules that act only at the head or tail of the content.)

Patterns are Python regexes matched with ``re.search`` against one line or block of clean text; a
pattern that starts with ``^`` must wrap any alternatives in a group. Optional arguments of a pattern
rule: ``max_chars`` skips longer text (boilerplate is short; long paragraphs are story); ``requires``
lists substrings of which one must occur (case-insensitive) before the regexes run, which keeps
unanchored patterns cheap; ``suffixes`` are plain endings (``"getty images"``), matched
case-insensitively when they stand apart from the text before them: at the start, or after ``/``,
``via``, ``by`` or punctuation (a credit line, not the end of a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from app.normalize.blocks import Block, Document
from app.normalize.firstchars import anchored_first_chars
from app.normalize.matchers import Args, Matcher, patterns, strings
from app.normalize.text import xml_text
from app.normalize.tree import Tree
from app.normalize.urls import is_placeholder_image
from app.normalize.walker import drop_tree, text_of

__all__ = [
    "PATTERN_KEYS",
    "REGISTRY",
    "BlockRule",
    "Credits",
    "DocRule",
    "Phase",
    "RuleKind",
    "Screen",
    "TreeRule",
    "is_story",
    "register",
]

Phase = Literal["tree", "blocks", "head", "bullets"]
TreeRule = Callable[[Tree], None]
"""A rule of the parsed body: it reads the tree's elements from ``Tree`` and calls ``Tree.changed`` when it changes
the tree."""
DocRule = Callable[[Document], None]
Screen = Callable[[str], bool]
"""False for a text that no block rule's pattern can match (see ``Plan.clean_blocks``)."""


def _unscreened(_text: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class BlockRule:
    """A block-phase rule, with the patterns it tests (so a plan can screen every text once for all rules).

    ``run`` must test a text with ``matches`` only where ``screen`` allows it, and ``screen`` may only
    say False where ``matches`` would: called without a screen, the rule behaves the same. A rule with
    ``matches`` changes the document only where ``matches`` accepts a line's or a block's text (or a
    block has no lines left), so a plan skips it when no text of the document is accepted.
    """

    run: Callable[[Document, Screen], None]
    matches: Matcher | None = None
    whole_blocks: bool = False
    """``run`` only removes whole blocks: every text left was a text of the document before it ran, so
    the plan's suspects stay a (larger) list of what the next rules may accept and are not read again
    (−1.2 % instructions per bench.normalize item, 1,214,403 → 1,200,131, 2026-12-05)."""

    def __call__(self, doc: Document, screen: Screen = _unscreened) -> None:
        self.run(doc, screen)


_SELECTOR = re.compile(
    r"^(?P<tag>[a-z][a-z0-9-]*|\*)?(?:\.(?P<cls>[\w-]+))?(?:#(?P<id>[\w-]+))?"
    r"(?:\[(?P<attr>[\w-]+)(?:(?P<op>[*^]?=)[\"']?(?P<value>[^\"'\]]*)[\"']?)?\])?$"
)


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleKind:
    """A registered rule: its phase, its place in the phase, the arguments it takes, its builder.

    The builder gets every argument table of that name from the selected files and returns the merged
    rule (a function of the tree or of the document; for the head phase, a ``Credits``).
    """

    phase: Phase
    order: int
    keys: frozenset[str]
    build: Callable[[Sequence[Args]], Any]


REGISTRY: dict[str, RuleKind] = {}
PATTERN_KEYS = frozenset({"name", "pattern", "patterns", "max_chars", "requires", "suffixes"})


def register(name: str, phase: Phase, order: int, keys: frozenset[str] = PATTERN_KEYS) -> Callable[..., Any]:
    """Register a rule builder under ``name`` (a decorator; other rule modules use it too)."""

    def register(build: Callable[[Sequence[Args]], Any]) -> Callable[[Sequence[Args]], Any]:
        REGISTRY[name] = RuleKind(phase, order, keys, build)
        return build

    return register


@dataclass(frozen=True, slots=True)
class _Selector:
    tag: str | None
    cls: str | None
    ident: str | None
    attr: str | None
    op: str | None
    value: str

    def matches(self, element: etree._Element) -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        if self.cls is not None and self.cls not in (element.get("class") or "").split():
            return False
        if self.ident is not None and element.get("id") != self.ident:
            return False
        if self.attr is not None:
            actual = element.get(self.attr)
            if actual is None:
                return False
            if self.op == "=":
                return actual == self.value
            if self.op == "^=":
                return actual.startswith(self.value)
            if self.op == "*=":
                return self.value in actual
        return True


def _selector(text: str) -> _Selector:
    match = _SELECTOR.match(text.strip())
    if match is None or not any(match.groupdict().values()):
        raise ValueError(f"unsupported selector {text!r} (use tag, .class, #id, [attr*=value])")
    tag = match["tag"].lower() if match["tag"] not in (None, "*") else None
    return _Selector(tag, match["cls"], match["id"], match["attr"], match["op"], match["value"] or "")


@register("drop_elements", "tree", 10, frozenset({"name", "selectors"}))
def drop_elements(args_list: Sequence[Args]) -> TreeRule:
    """Remove elements matching simple selectors (``tag``, ``.class``, ``tag.class``, ``#id``, ``[a*=v]``)."""
    selectors = [_selector(text) for args in args_list for text in strings(args, "selectors")]
    bare_tags = tuple(sorted({s.tag for s in selectors if s.tag and not (s.cls or s.ident or s.attr)}))
    by_class: dict[str, list[_Selector]] = {}
    by_id: dict[str, list[_Selector]] = {}
    by_attr: list[_Selector] = []
    for s in selectors:
        if s.cls:
            by_class.setdefault(s.cls, []).append(s)
        elif s.ident:
            by_id.setdefault(s.ident, []).append(s)
        elif s.attr:
            by_attr.append(s)
    attributes = frozenset(s.attr for s in by_attr if s.attr)  # an [attr*=value] selector needs its attribute

    def doomed(element: etree._Element, selectors: Iterable[_Selector]) -> bool:
        return any(s.matches(element) for s in selectors)

    def doomed_class(element: etree._Element, classes: str) -> bool:
        names = classes.split()
        # most classes name no selector's class: one set test instead of a generator per element
        return not by_class.keys().isdisjoint(names) and any(doomed(element, by_class.get(t, ())) for t in names)

    def apply(tree: Tree) -> None:
        found = tree.tagged(bare_tags)
        if by_class or by_id or by_attr:
            # Only elements with an attribute, for every selector but a bare tag: each needs one, and most elements
            # have none. The order in which the found elements are dropped does not change the tree left.
            # The names read with them settle most (a ``summary-list`` class and nothing else).
            for element, keys in tree.attributed:
                if "class" in keys and doomed_class(element, element.get("class") or ""):
                    found.append(element)
                    continue
                ident = element.get("id") if "id" in keys else None
                if (ident and doomed(element, by_id.get(ident, ()))) or (
                    not attributes.isdisjoint(keys) and doomed(element, by_attr)
                ):
                    found.append(element)
        found = [element for element in found if element is not tree.root]
        for element in found:
            drop_tree(element)
        if found:
            tree.changed()

    return apply


@register("inline_fields", "tree", 15, frozenset({"name", "selectors"}))
def inline_fields(args_list: Sequence[Args]) -> TreeRule:
    """Set a field's label and value on one line where the page shows them so (Drupal's
    ``div.field-label-inline``: "Project:" beside "Drupal core"): the blocks inside each matched element
    become inline, a space between them."""
    selectors = [_selector(text) for args in args_list for text in strings(args, "selectors")]

    def apply(tree: Tree) -> None:
        fields = [e for e in tree.elements if isinstance(e.tag, str) and any(s.matches(e) for s in selectors)]
        for field in fields:
            if any(True for _ in field.iterdescendants(*_FIELD_BLOCKS)):
                continue  # a field of paragraphs, a list or a table keeps its blocks
            label = next((e for e in field.iterdescendants("div", "span") if _has_class(e, "label")), None)
            items = [e for e in field.iterdescendants("div", "span") if _has_class(e, "item")]
            ends: dict[etree._Element, str] = dict.fromkeys(items[:-1], ", ")  # several values: "Core, Views"
            if label is not None and not text_of(label).strip().endswith(":"):
                ends[label] = ": "  # Drupal 8 and later add the label's colon with CSS
            for inner in list(field.iterdescendants("div", "span")):
                if inner.tag == "div" or inner in ends:
                    inner.tag = "span"
                    inner.tail = ends.get(inner, " ") + xml_text(inner.tail or "")
        if fields:
            tree.changed()

    return apply


_FIELD_BLOCKS = ("p", "ul", "ol", "dl", "table", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figure")


def _has_class(element: etree._Element, word: str) -> bool:
    """A class of the element ends with the word ("field-label", "field__label", "field-item", "field__item")."""
    return any(name.endswith((f"-{word}", f"__{word}")) for name in (element.get("class") or "").split())


def _pixel_size(value: str | None) -> int | None:
    digits = (value or "").strip().lower().removesuffix("px")
    return int(digits) if digits.isdigit() else None


@register("drop_tracking_images", "tree", 20, frozenset({"name", "hosts", "paths", "max_pixels"}))
def drop_tracking_images(args_list: Sequence[Args]) -> TreeRule:
    """Remove tracking pixels: tiny or hidden images, and images from known pixel hosts/paths."""
    prefixes = tuple(h.lower() for args in args_list for h in args.get("hosts", []))
    paths = tuple(p.lower() for args in args_list for p in args.get("paths", []))
    max_pixels = max((int(args.get("max_pixels", 1)) for args in args_list), default=1)

    def is_pixel(image: etree._Element) -> bool:
        src = (image.get("src") or "").strip().lower()
        bare = src.split("//", 1)[1] if "//" in src[:8] else src
        if prefixes and bare.startswith(prefixes):
            return True
        if paths and any(map(bare.__contains__, paths)):
            return True
        width, height = _pixel_size(image.get("width")), _pixel_size(image.get("height"))
        if width is not None and height is not None and max(width, height) <= max_pixels:
            return True
        style = (image.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "width:1px" in style or "width:0" in style:
            return True
        return is_placeholder_image(src)  # a share icon or a comment counter ("/tools/commentcount?…")

    def apply(tree: Tree) -> None:
        pixels = [img for img in tree.tagged(_IMG) if is_pixel(img)]
        for image in pixels:
            parent = image.getparent()
            drop_tree(image)
            if parent is not None and parent.tag == "a" and not len(parent) and not (parent.text or "").strip():
                drop_tree(parent)
        if pixels:
            tree.changed()

    return apply


@register("images_as_text", "tree", 15, frozenset({"name", "classes", "sources"}))
def images_as_text(args_list: Sequence[Args]) -> TreeRule:
    """Put an image that stands for text in a sentence (a formula, an emoji) back as its text (``alt``).

    WordPress.com sets each TeX formula as ``<img class="latex" alt="{G}">`` inside the sentence; its
    emoji script does the same with ``img.wp-smiley``. The sentence needs the words; no picture is there.
    """
    classes = frozenset(c for args in args_list for c in strings(args, "classes"))
    sources = tuple(s.lower() for args in args_list for s in strings(args, "sources"))

    def stands_for_text(image: etree._Element) -> bool:
        if not classes.isdisjoint((image.get("class") or "").split()):
            return True
        return bool(sources) and any(source in (image.get("src") or "").lower() for source in sources)

    def apply(tree: Tree) -> None:
        images = [img for img in tree.tagged(_IMG) if stands_for_text(img)]
        for image in images:
            image.tail = xml_text((image.get("alt") or "") + (image.tail or ""))
            drop_tree(image)
        if images:
            tree.changed()

    return apply


@register("drop_fragment_marks", "tree", 12, frozenset({"name"}))
def drop_fragment_marks(_args_list: Sequence[Args]) -> TreeRule:
    """Remove in-page links that are only a mark: a heading's permalink (Sphinx's ``¶``, Zola's ``🔗``,
    ``#``, ``§``) or a footnote's way back (``↩``). They point within a page the reader no longer has, and
    their mark is no word of the text; a fragment link with words ("see the table below") stays."""

    def apply(tree: Tree) -> None:
        marks = [
            a
            for a in tree.tagged(_A)
            if "#" in (a.get("href") or "")  # "#id", or the page's own URL with it (Eleventy's direct links)
            and not _WORD_CHAR.search(text_of(a))
            and next(a.iter("img"), None) is None
        ]
        for mark in marks:
            drop_tree(mark)
        if marks:
            tree.changed()

    return apply


_WORD_CHAR = re.compile(r"[^\W_]")
_IMG = ("img",)
_A = ("a",)


@register("take_footer", "blocks", 10, frozenset({"name", "pattern", "within_last", "last_resort"}))
def take_footer(args_list: Sequence[Args]) -> BlockRule:
    """Find the IFTTT ``from <FeedTitle> <URL>`` footer near the end; record it, drop it and what follows.

    The pattern needs a ``name`` group and may have a ``url`` group; without one, the line's last link
    is the URL. Read from the right: the last URL on the line wins, so a feed title may hold spaces. A
    ``last_resort`` footer (a trailer naming the site, with or without its link) is recorded as ``trailer_name``
    only: the publisher when nothing else names one.
    """
    found = [(re.compile(args["pattern"]), int(args.get("within_last", 8))) for args in args_list]
    last_resort = [bool(args.get("last_resort", False)) for args in args_list]
    # A pattern that can only match at the start ("^from\s+…") is searched only in lines whose first
    # character can start it: most lines are story and are passed over without a regex call.
    starts = [anchored_first_chars(pattern.pattern) for pattern, _within in found]

    def apply(doc: Document, _screen: Screen) -> None:
        blocks = doc.blocks
        for (pattern, within), first, resort in zip(found, starts, last_resort, strict=True):
            if first is not None and not _starts_any(blocks[max(0, len(blocks) - within) :], first):
                continue  # no line can start a match, so the walk below would change nothing (see 768e786 in
                # docs/benchmarks-normalize.md: with two other loops, clean_blocks 36.0 → 31.8 µs)
            # Lines are walked upwards; those below a candidate are judged only when one matches, each once.
            story_after, unjudged = False, list[str]()
            for index in range(len(blocks) - 1, max(-1, len(blocks) - 1 - within), -1):
                lines = blocks[index].lines
                for at in range(len(lines) - 1, -1, -1):
                    text = lines[at].text
                    if (first is None or text[:1] in first) and (match := pattern.search(text)) is not None:
                        groups = match.groupdict()
                        url = groups.get("url") or (lines[at].hrefs[-1] if lines[at].hrefs else None)
                        name = (groups.get("name") or "").strip()
                        story_after = story_after or any(map(is_story, unjudged))
                        unjudged.clear()
                        # (a trailer in text content links nowhere, and names the site all the same)
                        if name and (url or resort) and not story_after:
                            if resort:
                                doc.trailer_name = name
                            else:
                                doc.footer_name, doc.footer_url = name, url
                            del lines[at:]
                            del blocks[index + (1 if lines else 0) :]
                            return
                    unjudged.append(text)

    return BlockRule(apply)


def _starts_any(blocks: list[Block], first: frozenset[str]) -> bool:
    """Whether a line of the blocks starts with one of ``first``'s characters (a loop that stops at the first,
    not a set of every first character; with the walker's inline paragraph case, −0.4 % instructions per
    bench.normalize item, 1,200,131 → 1,195,116, 2026-12-05)."""
    for block in blocks:
        for line in block.lines:
            if line.text[:1] in first:
                return True
    return False


_SENTENCE = re.compile(r"\w[.!?…][\"'”’)\]]*$")
_COMMENT_FURNITURE = re.compile(r"(?i)\bcomments?\b")  # "Note: Only a member of this blog may post a comment."


def is_story(text: str) -> bool:
    """A sentence of five words or more: the story, where a footer has only page chrome after it.

    "…can be bought<br>from <a>the festival website</a>." followed by more paragraphs is the story's;
    comment furniture ("Only a member of this blog may post a comment.") does not count.
    """
    return len(text.split()) >= 5 and _SENTENCE.search(text) is not None and not _COMMENT_FURNITURE.search(text)


@register("drop_from_marker", "blocks", 20)
def drop_from_marker(args_list: Sequence[Args]) -> BlockRule:
    """Drop the first line matching a marker (``See the rest of the story at …``) and all after it; but where
    a heading with story under it comes right after the marker, the marker line alone."""
    matches = patterns(args_list, 200)
    longest, test = matches.longest, matches.test

    def apply(doc: Document, screen: Screen) -> None:
        index = 0
        while index < len(doc.blocks):
            block = doc.blocks[index]
            for at, line in enumerate(block.lines):
                if (len(text := line.text) <= longest and screen(text) and test(text)) or (
                    at == 0 and len(block.lines) > 1 and screen(text := block.text) and test(text)
                ):
                    if _next_section(doc.blocks, index + 1):
                        # A digest's story ends with its "Read the full story" and the next section
                        # follows: the marker line goes, the sections stay.
                        del block.lines[at]
                        if not block.lines:
                            del doc.blocks[index]
                            index -= 1
                        break
                    del block.lines[at:]
                    del doc.blocks[index + (1 if block.lines else 0) :]
                    return
            index += 1

    return BlockRule(apply, matches)


def _next_section(blocks: list[Block], start: int) -> bool:
    """A heading comes next (pictures aside) and story text under it: a newsletter's next section."""
    following = [block for block in blocks[start:] if block.kind != "img"]
    if not following or following[0].kind != "h":
        return False
    return any(block.kind != "h" and is_story(block.text) for block in following[1:])


@register("drop_list_after_marker", "blocks", 30, PATTERN_KEYS | {"links"})
def drop_list_after_marker(args_list: Sequence[Args]) -> BlockRule:
    """Drop a heading like ``See Also:`` together with the link list or link paragraphs under it.

    Patterns given ``links = true`` name a heading that is story too ("Also on the ballot:"): only with links
    under it (a list of links, or link-only paragraphs) does it go.
    """
    matches = patterns(args_list, 80)
    longest, test = matches.longest, matches.test
    alone = patterns([args for args in args_list if not args.get("links")], 80)

    def apply(doc: Document, screen: Screen) -> None:
        blocks = doc.blocks
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.kind in ("li", "img") or not (
                (len(text := block.text) <= longest and screen(text) and test(text))
                or (_marker_over_links(block, screen) and _story_before(blocks, index))
            ):
                index += 1
                continue
            end = index + 1
            if end < len(blocks) and blocks[end].kind == "li":
                group = blocks[end].group
                while end < len(blocks) and blocks[end].kind == "li" and blocks[end].group == group:
                    end += 1
                linked = all(_mostly_linked(block) for block in blocks[index + 1 : end])
            else:
                while end < len(blocks) and blocks[end].kind != "li" and blocks[end].link_only:
                    end += 1
                linked = end > index + 1 or len(block.lines) > 1  # (a marker over links in its own paragraph)
            first = block.lines[0].text
            if not linked and not (alone.test(text) or (len(first) <= alone.longest and alone.test(first))):
                index += 1  # a heading that is story unless links follow it
                continue
            del blocks[index:end]

    def _marker_over_links(block: Block, screen: Screen) -> bool:
        """The marker as the block's first line and only links under it (``Further Reading:<br><a>…</a>``)."""
        lines = block.lines
        if len(lines) < 2 or len(first := lines[0].text) > longest or not (screen(first) and test(first)):
            return False
        return all(line.hrefs and line.link_only for line in lines[1:])

    return BlockRule(apply, matches, whole_blocks=True)


def _mostly_linked(block: Block) -> bool:
    """A list item that is a link, perhaps under a short label of its own ("Crime: <a>Police investigate …</a>")."""
    if block.link_only:
        return True
    text = block.text
    linked = sum(line.link_chars for line in block.lines)
    return any(line.hrefs for line in block.lines) and linked >= _LABELLED_LINK_SHARE * (len(text) - text.count(" "))


_LABELLED_LINK_SHARE = 0.6


def _story_before(blocks: list[Block], index: int) -> bool:
    """Story text stands before the block (a digest of links under "Top stories" is all the item has)."""
    return any(b.kind == "p" and not b.link_only for b in blocks[:index])


@register("drop_paragraph_matching", "blocks", 40)
def drop_paragraph_matching(args_list: Sequence[Args]) -> BlockRule:
    """Drop whole paragraphs (or list items) whose text matches."""
    matches = patterns(args_list, 300)
    longest, test = matches.longest, matches.test

    def apply(doc: Document, screen: Screen) -> None:
        doc.blocks = [
            b for b in doc.blocks if b.kind == "img" or len(t := b.text) > longest or not (screen(t) and test(t))
        ]

    return BlockRule(apply, matches, whole_blocks=True)


@register("drop_inline_lines", "blocks", 50)
def drop_inline_lines(args_list: Sequence[Args]) -> BlockRule:
    """Drop single lines (``Read more: …``, ``via IFTTT``, page chrome) inside or as paragraphs."""
    matches = patterns(args_list, 250)
    longest, test = matches.longest, matches.test

    def keep(block: Block, screen: Screen) -> bool:
        if block.kind == "img":
            return True
        if len(block.lines) > 1:
            block.lines = [line for line in block.lines if len(t := line.text) > longest or not (screen(t) and test(t))]
        return bool(block.lines) and (len(t := block.text) > longest or not (screen(t) and test(t)))

    def apply(doc: Document, screen: Screen) -> None:
        doc.blocks = [b for b in doc.blocks if keep(b, screen)]

    return BlockRule(apply, matches)


@dataclass(frozen=True, slots=True)
class Credits:
    """Recognizes image credits and captions at the head of the content."""

    matches: Matcher
    lead_in_max_words: int


@register("drop_leading_credits", "head", 10, PATTERN_KEYS | {"lead_in_max_words"})
def drop_leading_credits(args_list: Sequence[Args]) -> Credits:
    """Credit/caption lines before the bullets; short lead-ins (≤ N words, no full stop) before a list."""
    words = max((int(args.get("lead_in_max_words", 0)) for args in args_list), default=0)
    return Credits(patterns(args_list, 400), words)


@register("drop_bullet_matching", "bullets", 10)
def drop_bullet_matching(args_list: Sequence[Args]) -> DocRule:
    """Drop key-point bullets that are promotions (``Visit Business Insider's homepage …``)."""
    test = patterns(args_list, 250).test

    def apply(doc: Document) -> None:
        doc.blocks = [b for b in doc.blocks if not (b.bullet and test(b.text))]

    return apply
