"""Publisher rules as data: which rule files apply to an item, and the registry of named rule functions.

A rule file (``publishers/<name>.toml``) has an optional ``site_name``, a ``[match]`` table (``always``,
``domains``, ``feed_titles`` regexes, ``content_markers`` substrings), an optional ``[links]`` table
(see :mod:`app.normalize.urls`) and an ordered list of ``[[rules]]``, each a registered ``name`` plus
its arguments. Adding a publisher is a new file; no code changes.

Rules of one name from every selected file form a union, and names run in a fixed order, so the
outcome does not depend on which file said what::

    tree     drop_elements, drop_tracking_images      the parsed HTML, before extraction
    blocks   take_footer, drop_from_marker, drop_list_after_marker,
             drop_paragraph_matching, drop_inline_lines
    head     drop_leading_credits                     used while the headline and bullets are found
    bullets  drop_bullet_matching

Patterns are Python regexes matched with ``re.search`` against one line or block of clean text; a
pattern that starts with ``^`` must wrap any alternatives in a group. Optional arguments of a pattern
rule: ``max_chars`` skips longer text (boilerplate is short; long paragraphs are story); ``requires``
lists substrings of which one must occur (case-insensitive) before the regexes run, which keeps
unanchored patterns cheap; ``suffixes`` are plain endings (``"getty images"``), matched
case-insensitively when they stand apart from the text before them: at the start, or after ``/``,
``via``, ``by`` or punctuation (a credit line, not the end of a sentence).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from app.normalize.blocks import Block, Document
from app.normalize.data import publisher_files
from app.normalize.walker import drop_tree

__all__ = ["Credits", "Matcher", "Plan", "Publisher", "plan_for", "publishers", "select"]

Phase = Literal["tree", "blocks", "head", "bullets"]
TreeRule = Callable[[etree._Element], None]
DocRule = Callable[[Document], None]
Args = Mapping[str, Any]

_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_SELECTOR = re.compile(
    r"^(?P<tag>[a-z][a-z0-9-]*|\*)?(?:\.(?P<cls>[\w-]+))?(?:#(?P<id>[\w-]+))?"
    r"(?:\[(?P<attr>[\w-]+)(?:(?P<op>[*^]?=)[\"']?(?P<value>[^\"'\]]*)[\"']?)?\])?$"
)


def _top_level_alternation(pattern: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


_CREDIT_JOINERS = ("/", "via", "by", "for", "(", ":", "|", ";", ",", ".", "•", "-", "–", "—")


def _ends_with_word(text: str, suffixes: tuple[str, ...]) -> bool:
    """The text ends with a suffix that stands apart from any sentence before it.

    "Getty Images", "… in 2016. Chip Somodevilla/Getty Images", "Jon Putman/Anadolu via Getty Images"
    end in a credit; "… after the report from Reuters." does not.
    """
    tail = text.rstrip(" )").lower()
    for suffix in suffixes:
        if tail.endswith(suffix):
            before = tail[: -len(suffix)].rstrip()
            if not before or before.endswith(_CREDIT_JOINERS):
                return True
    return False


Finder = Callable[[str], "re.Match[str] | None"]


class Matcher:
    """A union of patterns, each with the longest text it applies to; calling it tests one text."""

    __slots__ = ("_groups", "_suffixes", "longest")

    def __init__(
        self,
        patterns: Iterable[tuple[str, int, tuple[str, ...]]],
        suffixes: Iterable[tuple[str, int]] = (),
    ) -> None:
        by_limit: dict[tuple[int, bool, tuple[str, ...]], list[str]] = {}
        for pattern, limit, requires in patterns:
            re.compile(pattern)  # fail loudly, naming the pattern, before it is merged
            flags = _FLAGS.match(pattern)
            body = pattern[flags.end() :] if flags else pattern
            anchored = body.startswith("^")
            if anchored and _top_level_alternation(body):
                raise ValueError(f"wrap the alternatives of an anchored pattern in a group: {pattern!r}")
            scoped = f"(?{flags.group(1)}:{body})" if flags else f"(?:{body})"
            by_limit.setdefault((limit, anchored, requires), []).append(scoped)
        groups: list[tuple[int, tuple[str, ...], Finder]] = []
        for (limit, anchored, requires), parts in sorted(by_limit.items()):
            compiled = re.compile("|".join(parts))
            groups.append((limit, requires, compiled.match if anchored else compiled.search))
        self._groups = tuple(groups)
        by_suffix_limit: dict[int, list[str]] = {}
        for suffix, limit in suffixes:
            by_suffix_limit.setdefault(limit, []).append(suffix.lower())
        self._suffixes = tuple((limit, tuple(found)) for limit, found in sorted(by_suffix_limit.items()))
        self.longest = max([limit for limit, _r, _f in self._groups] + [limit for limit, _s in self._suffixes] + [-1])
        """The longest text any pattern applies to: callers skip longer text without a call."""

    def __call__(self, text: str) -> bool:
        size = len(text)
        if size > self.longest:
            return False
        lowered: str | None = None
        for limit, requires, find in self._groups:
            if size > limit:
                continue
            if requires:
                lowered = text.lower() if lowered is None else lowered
                for word in requires:
                    if word in lowered:
                        break
                else:
                    continue
            if find(text) is not None:
                return True
        return any(size <= limit and _ends_with_word(text, suffixes) for limit, suffixes in self._suffixes)

    def __bool__(self) -> bool:
        return bool(self._groups or self._suffixes)


def _strings(args: Args, key: str) -> list[str]:
    value = args.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} must be a list of strings, not {value!r}")
    return value


PatternSpecs = tuple[list[tuple[str, int, tuple[str, ...]]], list[tuple[str, int]]]


def _patterns(args_list: Sequence[Args], default_max: int) -> Matcher:
    return Matcher(*_pattern_specs(args_list, default_max))


def _pattern_specs(args_list: Sequence[Args], default_max: int) -> PatternSpecs:
    found: list[tuple[str, int, tuple[str, ...]]] = []
    suffixes: list[tuple[str, int]] = []
    for args in args_list:
        limit = int(args.get("max_chars", default_max))
        requires = tuple(sorted(word.lower() for word in _strings(args, "requires")))
        single = args.get("pattern")
        for pattern in [*_strings(args, "patterns"), *([single] if single else [])]:
            if not isinstance(pattern, str):
                raise ValueError(f"patterns must be strings: {pattern!r}")
            found.append((pattern, limit, requires))
        suffixes.extend((suffix, limit) for suffix in _strings(args, "suffixes"))
    return found, suffixes


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    phase: Phase
    order: int
    keys: frozenset[str]
    build: Callable[[Sequence[Args]], Any]
    default_max: int


_REGISTRY: dict[str, _Kind] = {}
_PATTERN_KEYS = frozenset({"name", "pattern", "patterns", "max_chars", "requires", "suffixes"})


def _rule(
    name: str, phase: Phase, order: int, keys: frozenset[str] = _PATTERN_KEYS, default_max: int = 300
) -> Callable[..., Any]:
    def register(build: Callable[[Sequence[Args]], Any]) -> Callable[[Sequence[Args]], Any]:
        _REGISTRY[name] = _Kind(phase, order, keys, build, default_max)
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


@_rule("drop_elements", "tree", 10, frozenset({"name", "selectors"}))
def drop_elements(args_list: Sequence[Args]) -> TreeRule:
    """Remove elements matching simple selectors (``tag``, ``.class``, ``tag.class``, ``#id``, ``[a*=v]``)."""
    selectors = [_selector(text) for args in args_list for text in _strings(args, "selectors")]
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

    attr_tags = tuple(sorted({s.tag for s in by_attr if s.tag}))
    attr_any_tag = any(s.tag is None for s in by_attr)

    def doomed(element: etree._Element, selectors: Iterable[_Selector]) -> bool:
        return any(s.matches(element) for s in selectors)

    def apply(root: etree._Element) -> None:
        found = list(root.iter(*bare_tags)) if bare_tags else []
        if by_class or by_id:
            for element in root.iter():
                classes = element.get("class")
                if classes and any(doomed(element, by_class.get(t, ())) for t in classes.split()):
                    found.append(element)
                    continue
                ident = element.get("id")
                if ident and doomed(element, by_id.get(ident, ())):
                    found.append(element)
        if by_attr:
            candidates = root.iter() if attr_any_tag else root.iter(*attr_tags)
            found.extend(e for e in candidates if isinstance(e.tag, str) and doomed(e, by_attr))
        for element in found:
            if element is not root:
                drop_tree(element)

    return apply


def _pixel_size(value: str | None) -> int | None:
    digits = (value or "").strip().lower().removesuffix("px")
    return int(digits) if digits.isdigit() else None


@_rule("drop_tracking_images", "tree", 20, frozenset({"name", "hosts", "max_pixels"}))
def drop_tracking_images(args_list: Sequence[Args]) -> TreeRule:
    """Remove tracking pixels: tiny or hidden images, and images from known pixel hosts/paths."""
    prefixes = tuple(h.lower() for args in args_list for h in args.get("hosts", []))
    max_pixels = max((int(args.get("max_pixels", 1)) for args in args_list), default=1)

    def is_pixel(image: etree._Element) -> bool:
        src = (image.get("src") or "").strip().lower()
        bare = src.split("//", 1)[1] if "//" in src[:8] else src
        if prefixes and bare.startswith(prefixes):
            return True
        width, height = _pixel_size(image.get("width")), _pixel_size(image.get("height"))
        if width is not None and height is not None and max(width, height) <= max_pixels:
            return True
        style = (image.get("style") or "").replace(" ", "").lower()
        return "display:none" in style or "width:1px" in style or "width:0" in style

    def apply(root: etree._Element) -> None:
        for image in [img for img in root.iter("img") if is_pixel(img)]:
            parent = image.getparent()
            drop_tree(image)
            if parent is not None and parent.tag == "a" and not len(parent) and not (parent.text or "").strip():
                drop_tree(parent)

    return apply


@_rule("take_footer", "blocks", 10, frozenset({"name", "pattern", "within_last"}), default_max=1000)
def take_footer(args_list: Sequence[Args]) -> DocRule:
    """Find the IFTTT ``from <FeedTitle> <URL>`` footer near the end; record it, drop it and what follows.

    The pattern needs a ``name`` group and may have a ``url`` group; without one, the line's last link
    is the URL. Read from the right: the last URL on the line wins, so a feed title may hold spaces.
    """
    found = [(re.compile(args["pattern"]), int(args.get("within_last", 8))) for args in args_list]

    def apply(doc: Document) -> None:
        blocks = doc.blocks
        for pattern, within in found:
            for index in range(len(blocks) - 1, max(-1, len(blocks) - 1 - within), -1):
                if not blocks[index].suspect:
                    continue
                lines = blocks[index].lines
                for at in range(len(lines) - 1, -1, -1):
                    match = pattern.search(lines[at].text)
                    if match is None:
                        continue
                    groups = match.groupdict()
                    url = groups.get("url") or (lines[at].hrefs[-1] if lines[at].hrefs else None)
                    name = (groups.get("name") or "").strip()
                    if not url or not name:
                        continue
                    doc.footer_name, doc.footer_url = name, url
                    del lines[at:]
                    del blocks[index + (1 if lines else 0) :]
                    return

    return apply


@_rule("drop_from_marker", "blocks", 20, default_max=200)
def drop_from_marker(args_list: Sequence[Args]) -> DocRule:
    """Drop the first line matching a marker (``See the rest of the story at …``) and all after it."""
    matches = _patterns(args_list, 200)
    longest = matches.longest

    def apply(doc: Document) -> None:
        for index, block in enumerate(doc.blocks):
            if not block.suspect:
                continue
            for at, line in enumerate(block.lines):
                if (len(line.text) <= longest and matches(line.text)) or (
                    at == 0 and len(block.lines) > 1 and matches(block.text)
                ):
                    del block.lines[at:]
                    del doc.blocks[index + (1 if block.lines else 0) :]
                    return

    return apply


@_rule("drop_list_after_marker", "blocks", 30, default_max=80)
def drop_list_after_marker(args_list: Sequence[Args]) -> DocRule:
    """Drop a heading like ``See Also:`` together with the link list or link paragraphs under it."""
    matches = _patterns(args_list, 80)
    longest = matches.longest

    def apply(doc: Document) -> None:
        blocks = doc.blocks
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if (
                not block.suspect
                or block.kind in ("li", "img")
                or len(text := block.text) > longest
                or not matches(text)
            ):
                index += 1
                continue
            end = index + 1
            if end < len(blocks) and blocks[end].kind == "li":
                group = blocks[end].group
                while end < len(blocks) and blocks[end].kind == "li" and blocks[end].group == group:
                    end += 1
            else:
                while end < len(blocks) and blocks[end].kind != "li" and blocks[end].link_only:
                    end += 1
            del blocks[index:end]

    return apply


@_rule("drop_paragraph_matching", "blocks", 40)
def drop_paragraph_matching(args_list: Sequence[Args]) -> DocRule:
    """Drop whole paragraphs (or list items) whose text matches."""
    matches = _patterns(args_list, 300)
    longest = matches.longest

    def apply(doc: Document) -> None:
        doc.blocks = [
            b for b in doc.blocks if not b.suspect or b.kind == "img" or len(t := b.text) > longest or not matches(t)
        ]

    return apply


@_rule("drop_inline_lines", "blocks", 50, default_max=250)
def drop_inline_lines(args_list: Sequence[Args]) -> DocRule:
    """Drop single lines (``Read more: …``, ``via IFTTT``, page chrome) inside or as paragraphs."""
    matches = _patterns(args_list, 250)
    longest = matches.longest

    def keep(block: Block) -> bool:
        if not block.suspect or block.kind == "img":
            return True
        if len(block.lines) > 1:
            block.lines = [line for line in block.lines if len(line.text) > longest or not matches(line.text)]
        return bool(block.lines) and (len(text := block.text) > longest or not matches(text))

    def apply(doc: Document) -> None:
        doc.blocks = [b for b in doc.blocks if keep(b)]

    return apply


@dataclass(frozen=True, slots=True)
class Credits:
    """Recognizes image credits and captions at the head of the content."""

    matches: Matcher
    lead_in_max_words: int


@_rule("drop_leading_credits", "head", 10, _PATTERN_KEYS | {"lead_in_max_words"})
def drop_leading_credits(args_list: Sequence[Args]) -> Credits:
    """Credit/caption lines before the bullets; short lead-ins (≤ N words, no full stop) before a list."""
    words = max((int(args.get("lead_in_max_words", 0)) for args in args_list), default=0)
    return Credits(_patterns(args_list, 400), words)


@_rule("drop_bullet_matching", "bullets", 10)
def drop_bullet_matching(args_list: Sequence[Args]) -> DocRule:
    """Drop key-point bullets that are promotions (``Visit Business Insider's homepage …``)."""
    matches = _patterns(args_list, 250)

    def apply(doc: Document) -> None:
        doc.blocks = [b for b in doc.blocks if not (b.bullet and matches(b.text))]

    return apply


# --- publisher files, selection and plans ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Publisher:
    """One rule file: how to recognize the publisher and which rules it brings."""

    name: str
    site_name: str | None
    always: bool
    domains: tuple[str, ...]
    feed_titles: tuple[re.Pattern[str], ...]
    content_markers: tuple[str, ...]
    rules: tuple[tuple[str, Args], ...]

    def matches_host(self, host: str) -> bool:
        """True when ``host`` is one of the domains or a subdomain of one."""
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def matches_title(self, title: str) -> bool:
        """True when a feed title (or the IFTTT footer's source name) matches a pattern."""
        return any(p.search(title) for p in self.feed_titles)


def _publisher(stem: str, table: Mapping[str, Any]) -> Publisher:
    match = table.get("match", {})
    rules: list[tuple[str, Args]] = []
    for args in table.get("rules", []):
        kind = _REGISTRY.get(args.get("name", ""))
        if kind is None:
            raise ValueError(f"{stem}.toml: unknown rule {args.get('name')!r}")
        unknown = set(args) - kind.keys
        if unknown:
            raise ValueError(f"{stem}.toml: rule {args['name']} has unknown arguments {sorted(unknown)}")
        try:
            kind.build([args])  # validates patterns and selectors now, not on the first item
        except re.error as error:
            raise ValueError(f"{stem}.toml: rule {args['name']} has a bad pattern: {error}") from error
        rules.append((args["name"], args))
    return Publisher(
        name=stem,
        site_name=table.get("site_name"),
        always=bool(match.get("always", False)),
        domains=tuple(d.lower().removeprefix("www.") for d in match.get("domains", [])),
        feed_titles=tuple(re.compile(p) for p in match.get("feed_titles", [])),
        content_markers=tuple(match.get("content_markers", [])),
        rules=tuple(rules),
    )


@functools.cache
def publishers() -> tuple[Publisher, ...]:
    """All rule files, parsed and checked once (always-on files first)."""
    parsed = [_publisher(stem, table) for stem, table in publisher_files()]
    return tuple(sorted(parsed, key=lambda p: (not p.always, p.name)))


def select(*, hosts: Iterable[str], titles: Iterable[str], content: str) -> tuple[tuple[str, ...], str | None]:
    """Names of the rule files that apply, and the site name of a publisher matched by domain or title."""
    hosts = [h.removeprefix("www.") for h in hosts]
    titles = [t for t in titles if t]
    names: list[str] = []
    site_name: str | None = None
    for publisher in publishers():
        by_identity = any(map(publisher.matches_host, hosts)) or any(map(publisher.matches_title, titles))
        if by_identity and site_name is None and not publisher.always:
            site_name = publisher.site_name
        if publisher.always or by_identity or any(m in content for m in publisher.content_markers):
            names.append(publisher.name)
    return tuple(names), site_name


@dataclass(frozen=True, slots=True)
class Plan:
    """The merged rules of a set of rule files, ready to run."""

    tree: tuple[TreeRule, ...]
    blocks: tuple[DocRule, ...]
    bullets: tuple[DocRule, ...]
    credits: Credits
    gate: Matcher
    """The union of every block-rule pattern: a block it does not match is left alone by all of them."""

    def clean_tree(self, root: etree._Element) -> None:
        """Run the tree rules on a parsed body."""
        for rule in self.tree:
            rule(root)

    def clean_blocks(self, doc: Document) -> None:
        """Mark the blocks some rule could match (one regex pass), then run the block rules."""
        gate, longest = self.gate, self.gate.longest
        for block in doc.blocks:
            lines = block.lines
            block.suspect = any(len(line.text) <= longest and gate(line.text) for line in lines) or (
                len(lines) > 1 and gate(block.text)
            )
        for rule in self.blocks:
            rule(doc)

    def clean_bullets(self, doc: Document) -> None:
        """Run the bullet rules (after the bullets are known)."""
        for rule in self.bullets:
            rule(doc)


@functools.cache
def plan_for(names: tuple[str, ...]) -> Plan:
    """Merge the rules of the named files (cached: few combinations occur)."""
    chosen = [p for p in publishers() if p.name in names]
    by_name: dict[str, list[Args]] = {}
    for publisher in chosen:
        for name, args in publisher.rules:
            by_name.setdefault(name, []).append(args)
    built: dict[Phase, list[tuple[int, Any]]] = {"tree": [], "blocks": [], "head": [], "bullets": []}
    gate_patterns: list[tuple[str, int, tuple[str, ...]]] = []
    gate_suffixes: list[tuple[str, int]] = []
    for name, args_list in by_name.items():
        kind = _REGISTRY[name]
        built[kind.phase].append((kind.order, kind.build(args_list)))
        if kind.phase == "blocks":
            found, suffixes = _pattern_specs(args_list, kind.default_max)
            gate_patterns.extend((_NAMED_GROUP.sub("(?:", p), limit, req) for p, limit, req in found)
            gate_suffixes.extend(suffixes)
    ordered = {phase: [rule for _order, rule in sorted(rules, key=lambda r: r[0])] for phase, rules in built.items()}
    credits = ordered["head"][0] if ordered["head"] else Credits(Matcher(()), 0)
    # The gate only has to be a superset: one regex per kind of pattern, at the longest limit of any.
    longest = max([limit for _p, limit, _r in gate_patterns] + [limit for _s, limit in gate_suffixes] + [0])
    gate = Matcher(
        [(pattern, longest, requires) for pattern, _limit, requires in gate_patterns],
        [(suffix, longest) for suffix, _limit in gate_suffixes],
    )
    return Plan(tuple(ordered["tree"]), tuple(ordered["blocks"]), tuple(ordered["bullets"]), credits, gate)
