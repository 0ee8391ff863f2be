"""A republished post's closing credit to where it first ran: the story's link and its publisher's name."""

from __future__ import annotations

import html
import re

__all__ = ["credited_origin"]

# The last paragraph of the content, holding one link: "<p>Fuente: <a href="…">Raíchali</a></p>", "<p><em>Esta nota
# fue publicada originalmente en <a href="…">Agencia Presentes</a> y se reproduce con licencia Creative
# Commons.</em></p>".
_LAST_PARAGRAPH = re.compile(
    r"<p[^<>]{0,200}>(?P<before>(?:[^<]|<(?!/?(?:p|a)\b)[^<>]{0,200}>){0,400})"
    r"<a\s[^<>]{0,300}?href=\"(?P<url>https?://[^\"<>\s]{1,2000})\"[^<>]{0,300}>(?P<name>[^<>]{2,80})</a>"
    r"(?P<after>(?:[^<]|<(?!/?(?:p|a)\b)[^<>]{0,200}>){0,400})</p>\s*\Z",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<[^<>]{0,200}>")
_COMMENTS = re.compile(r"<!--.{0,200}?-->", re.DOTALL)
# A source's label before the link alone ("Fuente:", "Source:", "Via"), in the languages of the field aliases.
_SOURCE_LABEL = re.compile(
    r"(?i)^(?:source|fuente|fonte|quelle|origen|origem|bron|kilde|källa|lähde|źródło|zdroj|forrás|sursa|izvor"
    r"|kaynak|sumber|источник|джерело|via|vía|read (?:it )?(?:at|on)|originally (?:published )?(?:at|on|in))\s*:?$"
)
# A sentence saying the story ran first elsewhere, the link in it naming where.
_FIRST_RAN = re.compile(
    r"(?i)\b(?:originally|first) (?:published|appeared|ran)\b"
    r"|\bpublicad[oa] originalmente\b|\boriginalmente publicad[oa]\b"
    r"|\bpubli[ée]e? (?:initialement|à l['’]origine|d['’]abord|originellement)\b|\berschien (?:zuerst|ursprünglich)\b"
    r"|\bpubblicat[oa] (?:originariamente|originalmente|inizialmente)\b|\boorspronkelijk gepubliceerd\b"
)
# A story's address: a path of a slug, a number or a file, not a site's home or a section's word.
_STORY_PATH = re.compile(r"https?://[^/]+/(?=[^?#]*[-_.\d%])[^\s]+")


def credited_origin(content: str) -> tuple[str, str] | None:
    """The story's link and its publisher's name where the content closes with a credit to where it first ran: a
    source's label and one link to a story ("Fuente: <a …>Raíchali</a>"), or a sentence saying it was first
    published there; None for any other ending (a link in the story's last sentence is the story's own)."""
    tail = _COMMENTS.sub("", content[-2000:])  # (the block editor's "<!-- /wp:paragraph -->" after it)
    found = _LAST_PARAGRAPH.search(tail)
    if found is None or _STORY_PATH.fullmatch(found["url"]) is None:
        return None
    before = html.unescape(_TAGS.sub("", found["before"])).strip()
    after = html.unescape(_TAGS.sub("", found["after"])).strip()
    name = html.unescape(found["name"]).strip()
    labelled = _SOURCE_LABEL.fullmatch(before) is not None and after in ("", ".")
    if not (labelled or _FIRST_RAN.search(before)) or "://" in name:
        return None
    return found["url"], name
