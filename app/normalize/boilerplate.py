"""Learned boilerplate: lines that recur at the head or tail of many items of one source.

Repetition is evidence (docs/fidelity.md): a paragraph that opens or closes many stored items of one feed
or publisher host is that source's furniture, not story. :func:`mine_profile` finds such lines in the
bodies of stored items; :func:`apply_profile` removes them from a new item's leading and trailing
runs, never from the middle and never all of the body. Both are pure; the store keeps the profiles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, PrivateAttr

from app.normalize.blocks import Block

__all__ = ["EDGE_DEPTH", "BoilerplateLine", "BoilerplateProfile", "apply_profile", "line_key", "mine_profile"]

EDGE_DEPTH = 8
"""How many paragraphs from each end of a stored body are read as its head and its tail (a podcast's
closing block of links runs to seven or eight: "Get more:", the site, Patreon, clips, "Be social:", …)."""


# The writer's own voice, the same in every issue and still theirs: a greeting ("Hello Zcashers,", "Hey, Matt here
# 👋") or a sign-off ("— Wren", "Cheers, Ana", "David."). Never learned as boilerplate.
_GREETING = re.compile(
    r"(?i:hi|hello|hey|dear|greetings|howdy|good (?:morning|afternoon|evening)|bonjour|hallo|hola|ciao|hej|moin)\b"
    r"[^.!?\n]{0,40}[,!.:]?\W{0,4}"
)
_SIGN_OFF = re.compile(
    r"(?:[-–—~]\s*|(?i:cheers|best|thanks|love|warmly|regards|yours|xo),\s+)"
    r"[A-Z][\w'’-]{1,20}(?: (?:&|and) [\w ]{1,20}|\s+[A-Z][\w'’-]{1,20})?[.!]?"
    r"|[A-Z][\w'’-]{1,20}\."  # a name alone with its full stop ("David."), never a promo's word ("Advertisement.")
)
_PROMO_WORDS = frozenset(
    {"advertisement", "sponsored", "subscribe", "donate", "share", "continue", "read", "click", "more", "deals"}
)


def _personal(text: str) -> bool:
    """A greeting, or a name signing off (after a dash or a closing word and a comma, or alone with a full stop)."""
    text = text.strip()
    if _GREETING.fullmatch(text) is not None:
        return True
    return _SIGN_OFF.fullmatch(text) is not None and text.rstrip(".!").casefold() not in _PROMO_WORDS


def line_key(text: str) -> str:
    """The form lines are compared in: case and runs of whitespace do not matter."""
    return " ".join(text.split()).casefold()


class BoilerplateLine(BaseModel):
    """One recurring line and the number of items it was seen in (at that edge)."""

    model_config = ConfigDict(frozen=True)

    text: str
    count: int


class BoilerplateProfile(BaseModel):
    """A source's boilerplate: the lines seen at the head and at the tail of many of its items."""

    model_config = ConfigDict(frozen=True)

    head: tuple[BoilerplateLine, ...] = ()
    tail: tuple[BoilerplateLine, ...] = ()
    _head_keys: frozenset[str] = PrivateAttr(default=frozenset())
    _tail_keys: frozenset[str] = PrivateAttr(default=frozenset())

    def model_post_init(self, _context: object) -> None:
        self._head_keys = frozenset(line_key(line.text) for line in self.head)
        self._tail_keys = frozenset(line_key(line.text) for line in self.tail)

    def at_head(self, text: str) -> bool:
        """True when ``text`` is a learned head line."""
        return bool(self._head_keys) and line_key(text) in self._head_keys

    def at_tail(self, text: str) -> bool:
        """True when ``text`` is a learned tail line."""
        return bool(self._tail_keys) and line_key(text) in self._tail_keys

    def __bool__(self) -> bool:
        return bool(self.head or self.tail)


def _edges(paragraphs: list[str]) -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
    """The distinct keys of a body's first and last EDGE_DEPTH paragraphs, each with a display text and
    its distance from that edge (the nearest, when a line repeats there).

    In a short body a paragraph can be near both ends; it counts at both, so that a promo block closing
    short items is seen whole; :func:`mine_profile` keeps it at the edge it stands nearer to.
    """
    head: dict[str, tuple[str, int]] = {}
    for distance, p in enumerate(paragraphs[:EDGE_DEPTH]):
        if p.strip():
            head.setdefault(line_key(p), (p.strip(), distance))
    tail: dict[str, tuple[str, int]] = {}
    last = paragraphs[-EDGE_DEPTH:]
    for index, p in enumerate(last):
        if p.strip():
            tail[line_key(p)] = (p.strip(), len(last) - 1 - index)  # in reading order, the nearest distance
    return head, tail


def mine_profile(contents: Iterable[list[str]], *, min_items: int, min_share: float) -> BoilerplateProfile:
    """Lines seen at the head (or tail) of at least ``min_share`` of at least ``min_items`` bodies.

    Each body counts a line once per edge; a line seen in a single item never qualifies, whatever the
    thresholds. A line that qualifies at both edges (short bodies) is kept at the one it stands nearer
    to on the whole, at both on a tie. Lines come out most frequent first (ties in first-seen order),
    with their counts.
    """
    items = 0
    head_counts: Counter[str] = Counter()
    tail_counts: Counter[str] = Counter()
    head_distance: Counter[str] = Counter()
    tail_distance: Counter[str] = Counter()
    shown: dict[str, str] = {}
    short: list[list[str]] = []  # the keys of bodies short enough for a line to be near both edges
    for paragraphs in contents:
        items += 1
        head, tail = _edges(paragraphs)
        if len(paragraphs) < 2 * EDGE_DEPTH:
            short.append([line_key(p) for p in paragraphs if p.strip()])
        for counts, distances, edge in ((head_counts, head_distance, head), (tail_counts, tail_distance, tail)):
            for key, (text, distance) in edge.items():
                counts[key] += 1
                distances[key] += distance
                shown.setdefault(key, text)
    if items < max(min_items, 2):
        return BoilerplateProfile()
    needed = max(2, min_share * items)
    heads = {k for k, n in head_counts.items() if n >= needed and not _personal(shown[k])}
    tails = {k for k, n in tail_counts.items() if n >= needed and not _personal(shown[k])}
    both = heads & tails
    runs = _run_votes(short, heads | tails) if both else Counter()
    for key in both:
        # The run of recurring lines it stands in says which edge's block it belongs to ("Support the
        # show:" second of five paragraphs, over three more promo lines, closes the item); else distance.
        nearer_head = runs[key] or head_distance[key] / head_counts[key] - tail_distance[key] / tail_counts[key]
        if nearer_head < 0:
            tails.discard(key)
        elif nearer_head > 0:
            heads.discard(key)

    def chosen(counts: Counter[str], keys: set[str]) -> tuple[BoilerplateLine, ...]:
        return tuple(BoilerplateLine(text=shown[k], count=n) for k, n in counts.most_common() if k in keys)

    return BoilerplateProfile(head=chosen(head_counts, heads), tail=chosen(tail_counts, tails))


def _run_votes(bodies: list[list[str]], recurring: set[str]) -> Counter[str]:
    """Per line, the bodies whose trailing run of recurring lines holds it less those whose leading run
    does: negative where it opens items with other recurring lines, positive where it closes them."""
    votes: Counter[str] = Counter()
    for keys in bodies:
        lead = 0
        while lead < len(keys) and keys[lead] in recurring:
            votes[keys[lead]] -= 1
            lead += 1
        trail = len(keys)
        while trail > lead and keys[trail - 1] in recurring:
            votes[keys[trail - 1]] += 1
            trail -= 1
    return votes


def apply_profile(blocks: list[Block], profile: BoilerplateProfile) -> list[Block]:
    """The blocks without the profile's lines in the leading and trailing runs of body paragraphs.

    Runs are read from each end over body blocks (images and key-point bullets are passed over) and
    stop at the first block that is not a learned line; the leading run also stops at a heading: a
    section's name recurring in many items ("Bug Fixes" opening one release note, standing in another's
    middle) is their structure, where a learned heading over the trailing run heads only boilerplate.
    When every body block is a learned line, nothing is removed: the profile never empties a body.
    """
    body = [i for i, b in enumerate(blocks) if b.kind != "img" and not b.bullet]
    doomed: set[int] = set()
    for index in body:
        if blocks[index].kind == "h" or not profile.at_head(blocks[index].text):
            break
        doomed.add(index)
    for index in reversed(body):  # (a learned heading closing the run goes with it: "Hit us up on Socials!")
        if not profile.at_tail(blocks[index].text):
            break
        doomed.add(index)
    if not doomed or len(doomed) >= len(body):
        return blocks
    return [b for i, b in enumerate(blocks) if i not in doomed]
