"""Authors: strings that credit more than a name (``site by name``, ``Name | Site``), and byline lines."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.normalize.blocks import Block

__all__ = ["byline_name", "credited_name", "take_byline"]

# A host name as aggregators print it in front of a submitter (Lobsters: "blog.example.dev by ann").
_HOST = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
_HOST_BY = re.compile(rf"{_HOST}\s+by\s+(?P<name>\S.{{0,200}})", re.IGNORECASE)
_HOST_ONLY = re.compile(_HOST, re.IGNORECASE)
# "who via relay": the relay passed the story on (a submitter, a wire, a tool); the author is who wrote it.
_VIA = re.compile(r"(?P<who>\S.{0,200}?)\s+via\s+\S.{0,200}", re.IGNORECASE)
# "Jane Doe | The Daily": a bar sets the name apart from the site or the desk it writes for.
_BAR = re.compile(r"(?P<name>[^|]{1,200}?)\s+\|\s+[^|]{1,200}")


def credited_name(author: str) -> str | None:
    """The person an author string credits; None when it names only a site (``example.com via ann``).

    ``blog.example.dev by ann`` → ``ann``; ``example.com via ann`` → None (ann relayed a site's story);
    ``Jane Doe via Reuters`` → ``Jane Doe``; ``Jane Doe | The Daily`` → ``Jane Doe``, ``Dawn.com | Jane Doe``
    → ``Jane Doe``. Anything else is
    returned as it came.
    """
    if " " not in author:
        return author
    lowered = author.lower()  # one look for the joining words settles most names without a regex
    if " by " in lowered and (by := _HOST_BY.fullmatch(author)) is not None:
        return by["name"].strip()
    if " via " in lowered and (via := _VIA.fullmatch(author)) is not None:
        who = via["who"].strip()
        return None if _HOST_ONLY.fullmatch(who) else who
    if "|" in author and (bar := _BAR.fullmatch(author)) is not None and any(c.isalpha() for c in bar["name"]):
        name = bar["name"].strip()
        if _HOST_ONLY.fullmatch(name):  # "Dawn.com | Shahid Iqbal": the site first, then the person
            rest = author.partition("|")[2].strip()
            return rest if rest and "|" not in rest else name
        return name
    return author


# "By Jane Doe", "Von Anna Müller", "Par Jean Dupont", "Por Ana Pérez", "Di Marco Rossi", "Door Jan de Vries":
# a byline line; names are capitalized words, joined by "and", "&" or commas, with the particles of names.
_PARTICLES = r"(?:de|da|del|della|di|du|van|von|der|den|le|la|al|bin|ibn|y|e)"
_NAME = r"[A-ZÀ-ÖØ-Þ][\w.'’-]*"
_BYLINE_LINE = re.compile(
    rf"(?:by|von|par|por|di|door)\s+(?P<names>{_NAME}(?:(?:\s+(?:{_PARTICLES}\s+)*|\s*,\s*|\s+(?:and|und|et|y|e|&)\s+){_NAME}){{0,9}})",
    re.IGNORECASE,
)
_MAX_BYLINE_WORDS = 10
_PROSE = frozenset({"p", "quote"})


def byline_name(line: str) -> str | None:
    """The names a byline line gives (``By Jane Doe and Bo Park`` → ``Jane Doe and Bo Park``), else None.

    Only a whole line that is a byline: "By the time we arrived, …" is a sentence, not a credit.
    """
    if line.count(" ") >= _MAX_BYLINE_WORDS or not line[:1].isalpha():
        return None
    found = _BYLINE_LINE.fullmatch(line.rstrip("."))
    if found is None:
        return None
    names = found["names"]
    # The first letter of every name word is a capital: the regex's IGNORECASE applies to the lead word only.
    words = [w for w in re.split(r"[\s,&]+", names) if w and w.casefold() not in _JOINERS]
    return names if words and all(w[:1].isupper() for w in words) else None


_JOINERS = frozenset(
    {"and", "und", "et", "y", "e", "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "le", "la"}
    | {"al", "bin", "ibn"}
)


def _prose(blocks: Iterable[Block]) -> Block | None:
    """The first prose block with lines (a loop: an unfinished generator costs more to close than this)."""
    for block in blocks:
        if block.kind in _PROSE and block.lines:
            return block
    return None


def take_byline(blocks: list[Block]) -> str | None:
    """Remove a byline line standing first or last in the content (InfoQ ends its description with
    ``<i>By Name</i>``); the names it gave, or None. Never the content's only line."""
    first = _prose(blocks)
    last = _prose(reversed(blocks))
    if first is None or last is None or (first is last and len(first.lines) < 2):
        return None
    for block, at in ((first, 0), (last, len(last.lines) - 1)):
        names = byline_name(block.lines[at].text)
        if names is not None:
            del block.lines[at]
            if not block.lines:
                blocks.remove(block)
            return names
    return None
