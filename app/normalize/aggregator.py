"""Aggregator items (Google News and the like): the headline's publisher suffix and link-digest content.

An aggregator relays another outlet's story: its title carries the outlet as a suffix
(``Fed holds rates - Reuters``) and its description is no story text, only an echo of the headline
(a link plus the outlet's name) or a list of other outlets' headlines on the same story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.normalize.blocks import Block, Document
from app.normalize.matchers import Args
from app.normalize.rules import BlockRule, Screen, register
from app.normalize.text import clean_text

__all__ = ["drop_echo", "drop_link_digest", "drop_source_suffix", "outlet_of"]

_SEPARATORS = (" - ", " – ", " — ", " | ")
# Google News writes the outlet in a grey <font> after each headline link.
_FONT = re.compile(r"<font\b[^<>]*>([^<>]{1,200})</font\s*>", re.IGNORECASE)
_MAX_NAME_CHARS = 120


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def drop_source_suffix(title: str, *, source_name: str | None, content: str, relayed: bool = False) -> str:
    """The title without a trailing `` - Outlet`` when Outlet is the item's source name.

    Without a source name, the outlet names that an aggregator's description shows in ``<font>``
    elements are the evidence, and so is the link itself when it is an aggregator's that ends every title so
    (``relayed``: a Google News link posted on by an applet without its description). A suffix that names
    nothing known stays ("Paris - a history").
    """
    at = max(map(title.rfind, _SEPARATORS))
    if at <= 0:
        return title
    suffix = _key(title[at + 3 :])
    if not suffix or len(suffix) > _MAX_NAME_CHARS:
        return title
    names = [source_name] if source_name else []
    if not names and "<font" in content.lower():
        names = [clean_text(match) for match in _FONT.findall(content[-20_000:])]
    if relayed or any(_key(name) == suffix for name in names):
        return title[:at].rstrip()
    return title


def outlet_of(headline: str, titled: str) -> str | None:
    """The outlet ``titled`` ended with, where :func:`drop_source_suffix` took it off to leave ``headline``."""
    return titled[len(headline) :].lstrip(" -–—|") or None


def drop_echo(blocks: list[Block], headline: str, titled: str) -> None:
    """Drop the paragraphs that only echo an aggregator's title: the headline and its outlet ("Gardaí appeal for
    witnesses Irish Independent"), as its description reads once its link and markup are gone."""
    outlet = outlet_of(headline, titled) or ""
    echoes = {_key(headline), _key(f"{headline} {outlet}"), _key(titled)}
    blocks[:] = [block for block in blocks if block.kind == "img" or _key(block.text) not in echoes]


def _digest_entry(block: Block, max_unlinked: int) -> bool:
    """Link text plus at most a name's worth of other text: ``<a>Headline</a> Outlet``."""
    if not any(line.hrefs for line in block.lines):
        return False
    text = sum(len(line.text) for line in block.lines)
    linked = sum(line.link_chars for line in block.lines)
    return linked > 0 and text - linked <= max_unlinked


@register("drop_link_digest", "blocks", 5, frozenset({"name", "max_unlinked_chars"}))
def drop_link_digest(args_list: Sequence[Args]) -> BlockRule:
    """Drop the content when every paragraph is a link plus a name (a headline echo or cluster list)."""
    max_unlinked = max((int(args.get("max_unlinked_chars", 60)) for args in args_list), default=60)

    def apply(doc: Document, _screen: Screen) -> None:
        texts = [b for b in doc.blocks if b.kind != "img"]
        if texts and all(_digest_entry(b, max_unlinked) for b in texts):
            doc.blocks = [b for b in doc.blocks if b.kind == "img"]

    return BlockRule(apply)
