"""A republished post's closing credit to where it first ran: the story's link and its publisher's name."""

from __future__ import annotations

import html
import re
import unicodedata

from app.ingest.owned import host_of

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
# A sentence saying the story ran first elsewhere, up to the link that names where: "This article was originally
# published on", "Esta nota fue publicada originalmente en", "Cet article a été initialement publié sur".
_FIRST_RAN = re.compile(
    r"(?i)^(?:(?:this|the) (?:story|article|report|piece|post|column|interview) (?:was|is) )?(?:originally|first)"
    r" (?:published|posted|appeared) (?:by|in|on|at)"
    r"|^(?:esta|este) (?:nota|noticia|historia|artículo|articulo|reportaje|texto|publicación|crónica|reportagem"
    r"|matéria|materia|notícia|artigo|entrevista) (?:fue |foi |ha sido )?publicad[oa] (?:originalmente|por primera vez"
    r"|primero|primeiro|inicialmente) (?:en|por|em|no|na|pel[oa])"
    r"|^cet (?:article|entretien|texte) a (?:d['’]abord )?été (?:initialement |originellement )?publié (?:sur|par|dans)"
    r"|^(?:dieser|der) (?:artikel|beitrag|text) erschien (?:zuerst|ursprünglich|erstmals) (?:bei|auf|in|im)"
    r"|^questo (?:articolo|pezzo) è (?:stato )?(?:originariamente |originalmente )?pubblicato (?:su|da|in)"
    r"|^(?:republished|reprinted) (?:with permission )?from$"
)
# What may follow the link: nothing, or the licence it is republished under ("… y se reproduce con licencia Creative
# Commons."); "… on Wednesday", "…, which obtained it" are a story's sentence.
_AFTER_CREDIT = re.compile(
    r"(?i)\.?|[.,]?\s*(?:and|y|e|et|und) .{0,120}?(?:creative commons|licen[cs]e|licencia|licença|lizenz|licenza"
    r"|permission|permiso|autorizaci[oó]n)\b.{0,40}"
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
    credited = _FIRST_RAN.fullmatch(before) is not None and _AFTER_CREDIT.fullmatch(after) is not None
    if not (labelled or credited) or not _names_host(name, found["url"]):
        return None
    return found["url"], name


def _names_host(name: str, url: str) -> bool:
    """The link's words name its site: their letters (accents off) and the host's first label start alike, four
    letters at least ("Agencia Presentes" of agenciapresentes.org, "Raíchali" of raichali.com; "ACS 2024 table" of
    census.gov, "@jdoe" of x.com are none)."""
    label = host_of(url).split(".")[0]
    letters = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if c.isalnum())
    shorter = min(len(label), len(letters))
    return shorter >= _NAME_LETTERS and (letters.startswith(label) or label.startswith(letters))


_NAME_LETTERS = 4
