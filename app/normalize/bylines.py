"""Author strings that credit more than a name: ``site by name``, ``site via name``, ``Name | Site``."""

from __future__ import annotations

import re

__all__ = ["credited_name"]

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
    ``Jane Doe via Reuters`` → ``Jane Doe``; ``Jane Doe | The Daily`` → ``Jane Doe``. Anything else is
    returned as it came.
    """
    if " " not in author:
        return author
    if (by := _HOST_BY.fullmatch(author)) is not None:
        return by["name"].strip()
    if (via := _VIA.fullmatch(author)) is not None:
        who = via["who"].strip()
        return None if _HOST_ONLY.fullmatch(who) else who
    if (bar := _BAR.fullmatch(author)) is not None and any(c.isalpha() for c in bar["name"]):
        return bar["name"].strip()
    return author
