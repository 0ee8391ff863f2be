"""Rule files: which ones apply to an item, and their rules merged into a plan that runs in order.

A rule file (``publishers/<name>.toml``, package data) has an optional ``site_name``, a ``[match]``
table (``always``, ``domains``, ``feed_titles`` regexes, ``content_markers`` case-sensitive substrings, ``media``
kinds of enclosure),
an optional ``[links]`` table (see :mod:`app.normalize.urls`) and an ordered list of ``[[rules]]``, each
a name registered in :mod:`app.normalize.rules` (or the rule modules beside it: :mod:`~app.normalize.edges`,
:mod:`~app.normalize.aggregator`) plus its arguments. Adding a publisher is a new file
and a golden case; no code changes. Files are read once, on first use, and checked then.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ahocorasick_rs import BytesAhoCorasick, MatchKind

from app.normalize import aggregator, edges
from app.normalize.blocks import Document
from app.normalize.data import publisher_files
from app.normalize.matchers import Args, Matcher
from app.normalize.rules import REGISTRY, BlockRule, Credits, DocRule, Phase, Screen, TreeRule
from app.normalize.tree import Tree

__all__ = ["Plan", "Publisher", "plan_for", "publishers", "select"]

# Importing these modules registers their rules beside those of rules.py.
_REGISTERED = (edges.drop_edge_lines, aggregator.drop_link_digest)


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
    media: tuple[str, ...] = ()

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
        kind = REGISTRY.get(args.get("name", ""))
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
        media=tuple(match.get("media", [])),
    )


@functools.cache
def publishers() -> tuple[Publisher, ...]:
    """All rule files, parsed and checked once (always-on files first)."""
    parsed = [_publisher(stem, table) for stem, table in publisher_files()]
    return tuple(sorted(parsed, key=lambda p: (not p.always, p.name)))


@functools.lru_cache(maxsize=4096)
def _by_identity(hosts: tuple[str, ...], titles: tuple[str, ...]) -> tuple[frozenset[str], str | None]:
    """Rule files matched by domain or title (cached: a feed sends the same ones every time)."""
    names: set[str] = set()
    site_name: str | None = None
    for publisher in publishers():
        if any(map(publisher.matches_host, hosts)) or any(map(publisher.matches_title, titles)):
            names.add(publisher.name)
            if site_name is None and not publisher.always:
                site_name = publisher.site_name
    return frozenset(names), site_name


def select(
    *, hosts: Iterable[str], titles: Iterable[str], content: str, media: str | None = None
) -> tuple[tuple[str, ...], str | None]:
    """Names of the rule files that apply, and the site name of a publisher matched by domain or title.

    A file applies when it is ``always`` on, when a host (link, origLink, feed URL, GUID) is one of its
    domains, when the feed title or the IFTTT footer's source name matches, when the item's enclosure is
    of a ``media`` kind it names ("audio" for an episode), or when the content holds one of its
    ``content_markers`` (case-sensitive substrings).
    """
    matched, site_name = _by_identity(tuple([h.removeprefix("www.") for h in hosts]), tuple(filter(None, titles)))
    found = set(matched)
    if media:
        found.update(_by_media().get(media, ()))
    data = content.encode("utf-8", "surrogatepass")  # UTF-8 keeps substrings: a marker is in both or neither
    while (finder := _marker_finder(frozenset(found))) is not None and (hits := finder.search(data)):
        found.update(finder.names[index] for index, _start, _end in hits)
    return _in_order(frozenset(found)), site_name


@functools.cache
def _by_media() -> dict[str, tuple[str, ...]]:
    """The rule files each kind of enclosure chooses ("audio" → the show notes'), read once."""
    kinds = {kind for p in publishers() for kind in p.media}
    return {kind: tuple(p.name for p in publishers() if kind in p.media) for kind in kinds}


@functools.lru_cache(maxsize=256)
def _in_order(found: frozenset[str]) -> tuple[str, ...]:
    """The always-on files and the ``found`` ones, in the rule files' order (cached: few sets occur)."""
    return tuple(p.name for p in publishers() if p.always or p.name in found)


@dataclass(frozen=True, slots=True)
class _MarkerFinder:
    """The content markers of some rule files in one automaton, and the file each marker belongs to."""

    search: Callable[[bytes], list[tuple[int, int, int]]]
    names: tuple[str, ...]


@functools.lru_cache(maxsize=256)
def _marker_finder(found: frozenset[str]) -> _MarkerFinder | None:
    """The markers of the files that are not always on and not in ``found``, or None when there are none
    (cached: a feed finds the same files by its hosts and title every time).

    One Aho–Corasick pass (ahocorasick-rs: Rust, a SIMD prefilter for leftmost matches) instead of one
    substring scan per marker: the scans 20.9 → 0.7 µs, ``select`` 22.9 → 3.2 µs per bench.normalize item by
    timeit (2026-12-05 (l), docs/benchmarks-normalize.md). A leftmost search reports no overlapping matches,
    but it reports one whenever some marker occurs: so ``select`` searches again for the files not found yet
    until a search finds nothing.
    """
    chosen = [
        (marker, p.name) for p in publishers() if not (p.always or p.name in found) for marker in p.content_markers
    ]
    if not chosen:
        return None
    automaton = BytesAhoCorasick([marker.encode() for marker, _name in chosen], matchkind=MatchKind.LeftmostFirst)
    return _MarkerFinder(
        functools.partial(automaton.find_matches_as_indexes, overlapping=False), tuple(name for _m, name in chosen)
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """The merged rules of a set of rule files, ready to run."""

    tree: tuple[TreeRule, ...]
    blocks: tuple[BlockRule, ...]
    bullets: tuple[DocRule, ...]
    credits: Credits
    screen: Matcher
    """Every block rule's patterns at once (``Matcher.screen``)."""

    def clean_tree(self, tree: Tree) -> None:
        """Run the tree rules on a parsed body."""
        for rule in self.tree:
            rule(tree)

    def clean_blocks(self, doc: Document) -> None:
        """Run the block rules.

        Most texts match no rule: each is tested once against the union of their patterns, a rule that
        matches none of the texts that pass is skipped, and the others test only those texts (three
        rules would otherwise each test every paragraph).
        """
        screened = self.screen.test  # a Matcher remembers its answers: a text is screened once
        suspects: list[str] | None = None
        current = False  # suspects hold every text of the document as it is now
        for rule in self.blocks:
            if rule.matches is not None:
                if not current:
                    suspects, current = _suspects(doc, screened), True
                if suspects is not None and not any(map(rule.matches.test, suspects)):
                    continue  # it would change nothing (BlockRule's contract)
            rule.run(doc, screened)  # BlockRule.__call__ would add a Python frame per rule
            # A rule that only dropped blocks left no new text: the suspects read before still hold every
            # text the next rules may accept (with some now gone, which at worst runs a rule for nothing).
            current = current and rule.whole_blocks

    def clean_bullets(self, doc: Document) -> None:
        """Run the bullet rules (after the bullets are known)."""
        for rule in self.bullets:
            rule(doc)


def _suspects(doc: Document, screened: Screen) -> list[str] | None:
    """The texts a block rule may test (every line, every block) that pass the screen (``Matcher.test``).

    None when a block has no lines: drop_inline_lines drops such a block without a match.
    """
    found: list[str] = []
    for block in doc.blocks:
        if block.kind == "img":
            continue
        lines = block.lines
        if len(lines) == 1:  # the block's text is its line's
            text = lines[0].text
            if screened(text):
                found.append(text)
        elif not lines:
            return None
        else:
            found.extend(filter(screened, [*(line.text for line in lines), block.text]))
    return found


@functools.cache
def plan_for(names: tuple[str, ...]) -> Plan:
    """Merge the rules of the named files (cached: few combinations occur)."""
    chosen = [p for p in publishers() if p.name in names]
    by_name: dict[str, list[Args]] = {}
    for publisher in chosen:
        for name, args in publisher.rules:
            by_name.setdefault(name, []).append(args)
    built: dict[Phase, list[tuple[int, Any]]] = {"tree": [], "blocks": [], "head": [], "bullets": []}
    for name, args_list in by_name.items():
        kind = REGISTRY[name]
        built[kind.phase].append((kind.order, kind.build(args_list)))
    ordered = {phase: [rule for _order, rule in sorted(rules, key=lambda r: r[0])] for phase, rules in built.items()}
    credits = ordered["head"][0] if ordered["head"] else Credits(Matcher(()), 0)
    blocks: list[BlockRule] = ordered["blocks"]
    screen = Matcher.screen(rule.matches for rule in blocks if rule.matches is not None)
    return Plan(tuple(ordered["tree"]), tuple(blocks), tuple(ordered["bullets"]), credits, screen)
