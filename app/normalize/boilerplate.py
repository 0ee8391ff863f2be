"""Learned boilerplate: lines that recur at the head or tail of one source's items, mined and removed there."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from app.normalize.blocks import Document

__all__ = ["BoilerplateProfile", "ProfileLine", "apply_profile", "mine_profile"]

EDGE_BLOCKS = 3
"""How far from each end a line may stand and still count as the source's head or tail."""


class ProfileLine(BaseModel):
    """A line of a source's boilerplate and its evidence: in how many of the mined items it stood there."""

    model_config = ConfigDict(frozen=True)

    text: str
    evidence: int


class BoilerplateProfile(BaseModel):
    """What one source repeats at the head and at the tail of its items, learned from ``items`` of them."""

    model_config = ConfigDict(frozen=True)

    head: tuple[ProfileLine, ...] = ()
    tail: tuple[ProfileLine, ...] = ()
    items: int = 0


def _edge_counts(bodies: list[list[str]], *, tail: bool) -> Counter[str]:
    counts: Counter[str] = Counter()
    for body in bodies:
        reach = min(EDGE_BLOCKS, len(body) // 2)  # head and tail never overlap: a short item's middle is story
        edge = body[len(body) - reach :] if tail else body[:reach]
        counts.update(set(edge))  # once per item: a line repeated inside one item is no evidence
    return counts


def mine_profile(contents: Iterable[list[str]], *, min_items: int, min_share: float) -> BoilerplateProfile:
    """The lines found at the head (or tail) of at least ``min_share`` of the items, given ``min_items`` or more.

    ``contents`` holds each item's body paragraphs. A line seen in one item only never qualifies.
    """
    bodies = [body for body in contents if body]
    if len(bodies) < max(min_items, 2):
        return BoilerplateProfile(items=len(bodies))
    needed = max(2, math.ceil(min_share * len(bodies)))

    def lines(tail: bool) -> tuple[ProfileLine, ...]:
        counts = _edge_counts(bodies, tail=tail)
        return tuple(ProfileLine(text=t, evidence=n) for t, n in counts.most_common() if n >= needed)

    return BoilerplateProfile(head=lines(False), tail=lines(True), items=len(bodies))


def apply_profile(doc: Document, profile: BoilerplateProfile) -> None:
    """Remove the profile's lines from the leading and trailing runs of text blocks; never every one of them."""
    head = {line.text for line in profile.head}
    tail = {line.text for line in profile.tail}
    if not head and not tail:
        return
    texts = [i for i, block in enumerate(doc.blocks) if block.kind != "img"]
    start, end = 0, len(texts)
    while start < end and start < EDGE_BLOCKS and doc.blocks[texts[start]].text in head:
        start += 1
    while end > start and len(texts) - end < EDGE_BLOCKS and doc.blocks[texts[end - 1]].text in tail:
        end -= 1
    if start == end:  # the profile would leave no story: it is wrong about this item
        return
    dropped = set(texts[:start]) | set(texts[end:])
    if dropped:
        doc.blocks = [block for i, block in enumerate(doc.blocks) if i not in dropped]
