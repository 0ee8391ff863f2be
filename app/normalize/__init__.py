"""Normalizer: one raw item (webhook or feed entry) in, one clean NormalizedItem out; pure, no I/O.

The recipe (``normalize``): select rule files → extract blocks (tree rules first) → block rules →
headline and bullets → bullet rules → source and links → dates → identity → render and sanitize last.
Only :class:`app.errors.NormalizeError` ever leaves it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from html import unescape
from typing import NamedTuple
from urllib.parse import urljoin

from app.errors import NormalizeError
from app.normalize import plans
from app.normalize.aggregator import drop_echo, drop_source_suffix, outlet_of
from app.normalize.blocks import Document
from app.normalize.boilerplate import BoilerplateProfile, apply_profile
from app.normalize.bylines import credited_name, drop_author_bios, joined_names, take_byline, without_role
from app.normalize.dates import clamp_future, parse_date
from app.normalize.edges import drop_trailing_site_name
from app.normalize.extract import looks_like_html, parse_html, parse_text, shape
from app.normalize.identity import content_hash, identity
from app.normalize.markdown import looks_like_markdown, markdown_html
from app.normalize.model import NormalizedItem, NormalizeSettings, RawItem
from app.normalize.outline import body_of, outline, tidy
from app.normalize.pictures import is_furniture_image
from app.normalize.publisher import names_site, publisher_name, relays_feed, relays_titles
from app.normalize.redirects import unwrap_redirect
from app.normalize.sanitize import render
from app.normalize.text import clean_text, fix_mojibake, guard, has_word, scrub, truncate
from app.normalize.urls import (
    canonical_url,
    host_of_canonical,
    is_placeholder_image,
    is_shortlink,
    is_shortlink_host,
)

__all__ = [
    "BoilerplateProfile",
    "NormalizeSettings",
    "NormalizedItem",
    "RawItem",
    "canonical_url",
    "is_shortlink",
    "normalize",
    "parse_date",
]

MAX_CONTENT_CHARS = 500_000  # a long read is ~100 KB of HTML; beyond this is abuse (flagged)
MAX_FIELD_CHARS = 10_000
MAX_LINK_CHARS = 8192
MAX_AUTHOR_CHARS = 200
MAX_SOURCE_CHARS = 200
_FOOTER_AT = re.compile(r"from[ \t]+([^<>\n]{1,120}?)[ \t]*(?:<a\b[^<>]*>[ \t]*)?https?://")
_BYLINE = re.compile(
    r"^(?:(?:by|por|von|par|door|av)\s+|كتب\s*:\s*)", re.IGNORECASE
)  # "By", and in the feeds' other languages
# "Ana Beatriz Lopes, Valor — São Paulo": the outlet and the place the byline adds after the name.
_OUTLET_AND_PLACE = re.compile(r",\s*[A-Z][^,—–]{1,40}?\s+[—–]\s+[A-ZÀ-Þ][^,—–]{1,40}$")
# The wire a local paper's byline credits after the name ("By MARTHA BELLAMY Associated Press", BLOX's
# dc:creator; "Jane Doe, Reuters"): the agency is the story's origin, not a part of the person's name.
_WIRES = "associated press|agence france-presse|bloomberg news|kyodo news|pa media|press association|canadian press"
_WIRES += "|australian associated press|tribune news service"
_ONE_WORD_WIRES = "reuters|afp|dpa|xinhua"  # only after a comma: "Wang Xinhua" is a name
_WIRE_AFTER_NAME = re.compile(
    rf"(?<=\w)(?:\s*,\s*(?:the\s+)?(?:{_WIRES}|{_ONE_WORD_WIRES})|\s+(?:the\s+)?(?:{_WIRES}))$", re.IGNORECASE
)
_WITH_WIRE = frozenset(
    {"with", "and", "&", "avec", "et", "mit", "und", "con", "y", "e", "com", "met", "en", "via", "for", "of", "from"}
)
# RSS 2.0's <author> is an e-mail address, by custom followed by the name: "jdoe@example.com (Jane Doe)".
_EMAIL_AND_NAME = re.compile(r"[^\s@()]+@[^\s()]+\s*\((?P<name>[^()]+)\)")  # linear: no nested quantifiers
# "Name <address>", "NAME address", "Name | address" (a bar or a slash between them too)
_NAME_THEN_EMAIL = re.compile(
    r"(?P<name>[^@<>()]*?[^\W\d_][^@<>()]*?)[\s,|/;·–—-]+<?\s?[^\s@<>()]+@[\w-]+(?:\.[\w-]+)+>?"
)


# An author given as a profile URL (Lemmy's dc:creator "https://programming.dev/u/ferris_fan", Mastodon's
# ".../@name"): the name is the path segment after the profile marker.
_PROFILE_URL = re.compile(
    r"(?i)https?://[^\s/]{1,253}(?:/[^\s/]{1,100})*?/(?:u|user|users|profile|people|@|~)/?@?([\w.-]{1,60})/?"
)
_URL = re.compile(r"(?i)https?://\S+")
# A CMS login in the author field (Drupal's "ao512", a university's "sjr81"): a few letters then digits,
# an account, not a name a reader would be given.
_LOGIN = re.compile(r"[a-z]{1,4}[0-9]{1,5}|admin(?:istrator)?(?:[-_]?\d{1,4})?|webmaster|wpadmin")
# A feed-making bridge that signs every item it makes (Kill the Newsletter!'s <author>): it names no writer.
_BRIDGES = frozenset(
    {"kill the newsletter!", "kill the newsletter", "rss.app", "fetchrss", "politepol", "rss-bridge", "rsshub"}
)
# What a generator writes when it has no author (Zola's "Unknown") or hides the address it would put in
# parentheses (Bear Blog's "Noa Feld (hidden)"): no name, and no part of one.
_NO_NAME = frozenset(
    {
        "unknown", "unknown author", "no author", "none", "null", "n/a", "nobody", "author", "anonymous",
        # the same placeholders in the languages of the CMSs that write them (Banque de France's "Anonyme")
        "anonyme", "anónimo", "anonimo", "anônimo", "anonym", "anoniem", "anonimowy", "unbekannt", "inconnu",
        "desconocido", "sconosciuto", "desconhecido", "onbekend", "nieznany",
        # a CMS's built-in account (Joomla's "Administrator" and "Super User", WordPress's "admin"), no one's byline
        "admin", "administrator", "administrador", "administrateur", "amministratore", "webmaster", "super user",
    }
)  # fmt: skip
_HIDDEN_ADDRESS = re.compile(r"(?i)(?:hidden|private|none|unknown|noreply|no-reply)\s*\((?P<name>[^()]{1,80})\)")
_HIDDEN_PART = re.compile(r"\s*\((?:hidden|private|none|unknown|n/a|not shown|withheld)\)$", re.IGNORECASE)


def _without_site(author: str, source: str) -> str:
    """ "Nadia Ortega St. Louis Post-Dispatch" → "Nadia Ortega": a person's name, then the site it wrote for
    (not a desk, "Redacción Clarín", nor "Special to The Globe and Mail")."""
    names = author[: -len(source) - 1].rstrip(" ,|–—-").split()
    return " ".join(names) if len(names) >= 2 and all(name[:1].isupper() for name in names) else author


def _account_only(author: str | None, feed_title: str, hosts: Sequence[str | None] = ()) -> bool:
    """No author, or one the byline in the content outranks: an account rather than a writer (Blogger's
    "Google" over "Posted by Mira Okonkwo"), one word, a word of the feed's own title, a desk ("APR editor",
    "Metro staff"), or the site's own name ("Media Permata" on mediapermata.com.bn over "Oleh Siti Nur Amirah")."""
    return (
        not author
        or " " not in author
        or f" {author.casefold()} " in f" {feed_title.casefold()} "
        or author.rsplit(" ", 1)[-1].casefold() in _DESK_WORDS
        or names_site(author, hosts)
    )


# The last word of an account that is a desk, not a writer: "APR editor", "Metro staff", "Sports desk".
_DESK_WORDS = frozenset(
    {"editor", "editors", "staff", "desk", "team", "admin", "newsroom", "redaktion", "redacción", "redazione",
     "rédaction", "redactie", "redakcja"}
)  # fmt: skip


@functools.lru_cache(maxsize=1024)
def _author(value: str | None) -> str | None:
    """The author's name: "By " ("Por", "Von", …) and an RSS address in front of the name, and an outlet and place
    after it, dropped; None when empty.

    A profile URL is read for the name in its path; any other URL, a CMS login ("ao512") and a
    generator's placeholder ("Unknown") name nobody; "(hidden)" after a name is no part of it. Cached: a feed has a few
    authors, each on many items (with the feed title's cache, −0.8 % instructions per item,
    docs/benchmarks-normalize.md 2026-12-04).
    """
    author = _BYLINE.sub("", clean_text(_field(value)))
    if author[:8].lower().startswith(("http://", "https://")) and _URL.fullmatch(author):
        profile = _PROFILE_URL.fullmatch(author)
        author = profile.group(1) if profile else ""
    named = _EMAIL_AND_NAME.fullmatch(author) if len(author) <= MAX_AUTHOR_CHARS else None
    if named is not None and has_word(named["name"]):
        author = named["name"].strip()
    elif "@" in author and len(author) <= MAX_AUTHOR_CHARS and (mailed := _NAME_THEN_EMAIL.fullmatch(author)):
        author = mailed["name"]  # "ANNA BERGSTROM anna.bergstrom@wcfcourier.com": the byline's address goes
    if "—" in author or "–" in author:
        author = _OUTLET_AND_PLACE.sub("", author)
    if "報導" in author or "报道" in author:
        author = _REPORTING_FROM.sub("", author)  # "記者陳俊宏／台中報導": where the reporter reported from
    if " " in author and (wire := _WIRE_AFTER_NAME.search(author)) is not None:
        name = author[: wire.start()]
        # two words of a name at least before the wire's, and no "with" ("Le Parisien avec AFP" credits both)
        if " " in name and name.rpartition(" ")[2].casefold() not in _WITH_WIRE:
            author = name
    author = joined_names(without_role(credited_name(author) or ""))
    if author.endswith(")"):
        author = _HIDDEN_PART.sub("", author)
        if (hidden := _HIDDEN_ADDRESS.fullmatch(author)) is not None:
            author = hidden["name"]  # Bear Blog's "hidden (rostre)": a hidden address, then the name
    if len(author) <= 14 and (author.casefold() in _NO_NAME or _LOGIN.fullmatch(author)):
        return None
    if author.casefold() in _BRIDGES:
        return None
    return truncate(author, MAX_AUTHOR_CHARS) or None


# A Chinese byline's place, after a slash: "／台中報導" ("reporting from Taichung"), "/综合报道" ("compiled").
_REPORTING_FROM = re.compile(r"\s*[／/]\s*[^／/\s]{0,12}(?:報導|报道)$")


# An IFTTT ingredient the applet never filled ("{{EntryAuthor}}"): the field is missing, not named so.
_UNFILLED = re.compile(r"\s*\{\{\s*[A-Za-z]\w{0,40}\s*\}\}\s*")


def _field(value: str | None, limit: int = MAX_FIELD_CHARS) -> str:
    # An ingredient's "{{" comes first after any spaces (lstrip strips what the regex's \s matches): a
    # look at the start, not a search of a whole content for "{{" (with has_word's inline test in parse_html
    # and lxml's collect_ids=False: 1,220,344 → 1,214,403 instructions per bench item, 1c7679c, 2026-12-05).
    if not value or (value.lstrip().startswith("{{") and _UNFILLED.fullmatch(value)):
        return ""
    return value[:limit]


class _Link(NamedTuple):
    """A link as received (stripped), its canonical form and host, and whether it is a shortlink."""

    received: str
    canonical: str
    host: str
    short: bool
    relayed: bool = False
    """The link was a redirect wrapper's (app/normalize/redirects.py): ``canonical`` is its target."""


def _link(value: str | None) -> _Link | None:
    """Read a received link once; None when blank, oversized or not http(s)."""
    if not value:
        return None
    stripped = scrub(value).strip()
    if not stripped or len(stripped) > MAX_LINK_CHARS:
        return None
    canonical = canonical_url(stripped)
    if canonical is None:
        return None
    host = host_of_canonical(canonical)
    return _Link(stripped, canonical, host, is_shortlink_host(host))


def _unwrapped(link: _Link | None) -> _Link | None:
    """The item's link, or the target of the redirect wrapper it is (app/normalize/redirects.py)."""
    target = unwrap_redirect(link.canonical, link.host) if link is not None else None
    if link is None or target is None or (inner := canonical_url(target)) is None:
        return link
    host = host_of_canonical(inner)
    return _Link(link.received, inner, host, is_shortlink_host(host), relayed=True)


# Unmistakably relative: "/path", "//host/path", "./x", "../x". A bare "posts/x" could be "www.x.com/a".
_RELATIVE = re.compile(r"\s*(?:/|\.\.?/)")


def _absolute(value: str | None, feed_url: str | None) -> str | None:
    """A relative item link made absolute against the feed's URL (Hugo and Jekyll feeds write "/posts/x/")."""
    if not value or not feed_url or not _RELATIVE.match(value) or not feed_url.startswith(("http://", "https://")):
        return value  # an absolute link, or one whose first segment may be a host ("www.x.com/a"): refused later
    try:
        return urljoin(feed_url, value.strip())
    except ValueError:  # malformed (an unclosed IPv6 bracket): left as it came, and refused later
        return value


def _footer_hint(content: str) -> str | None:
    """The source name of the last IFTTT ``from <FeedTitle> <URL>`` footer, read before parsing.

    Only candidates at a line or tag start are tried, from the end (a regex over the whole content
    would test every position).
    """
    # A footer's URL comes after its "from": no "from" after the last "http" can start one, and content
    # without "http" (most stories) has none (−0.7 % instructions per item, docs/benchmarks-normalize.md).
    # Those skipped still count against the budget, so the candidates tried are the same as before.
    end = content.rfind("http")
    if end == -1:
        return None
    at = content.rfind("from", 0, end)
    for _ in range(64 - content.count("from", end)):  # footers are at the end; never scan a huge body
        if at == -1:
            break
        before = at - 1
        while before >= 0 and content[before] in " \t":
            before -= 1
        if before < 0 or content[before] in ">\n":
            match = _FOOTER_AT.match(content, at)
            if match:
                return clean_text(match.group(1))
        at = content.rfind("from", 0, at)
    return None


@functools.lru_cache(maxsize=256)
def _feed_title(value: str | None) -> str:
    """The feed's title, cleaned (cached: the same for every item of a feed)."""
    return truncate(clean_text(_field(value)), MAX_SOURCE_CHARS)


@functools.lru_cache(maxsize=256)
def _feed_description(value: str) -> str:
    """The feed's description, cleaned (cached: the same for every item of a feed; with ``_relays``' memory,
    −0.6 % instructions per bench.normalize item, docs/benchmarks-normalize.md 2026-12-05 (f))."""
    return clean_text(value)


@functools.lru_cache(maxsize=256)
def _feed_host(value: str | None, feed_url: str | None) -> str | None:
    """The host of a feed-level URL (the feed's, its site link, an origin's): the same for every item."""
    link = _link(_absolute(value, feed_url))
    return link.host if link else None


def _source(
    raw: RawItem,
    url: str | None,
    footer: _Link | None,
    footer_name: str | None,
    feed_title: str,
    site_name: str | None,
    author: str | None,
    relayed: bool = False,
    texts: Sequence[str] = (),
    *,
    outlet: str | None = None,
    image_url: str | None = None,
) -> str | None:
    """The publisher's name (app/normalize/publisher.py) from the item's origin, hosts, titles and text.

    ``relayed``: the URL is a redirect wrapper's target, so its host is the origin, as an aggregator's is.
    ``outlet``: the origin an aggregator's title ended with, where the item gave no ``source_name``.
    ``image_url``: the item's picture (its own, or the content's first), whose host speaks where no link does.
    """
    origin = truncate(clean_text(_field(raw.source_name)), MAX_SOURCE_CHARS) if raw.source_name else outlet or ""
    site_host = _feed_host(raw.feed_site_url, raw.feed_url)
    feed_host = _feed_host(raw.feed_url, None)
    article_host = host_of_canonical(url) if url else None
    name = publisher_name(
        origin=origin,
        origin_host=_feed_host(raw.source_url, None) if raw.source_url else article_host if relayed else None,
        footer=truncate(clean_text(footer_name), MAX_SOURCE_CHARS) if footer_name else None,
        footer_host=footer.host if footer and not footer.short else None,
        article_host=article_host,
        article_path="/" + url.split("/", 3)[3] if url else None,
        feed_title=feed_title,
        feed_hosts=[host for host in (site_host, feed_host) if host],
        site_host=site_host,
        site_name=site_name,
        title=raw.title,
        author=author,
        image_host=_feed_host(image_url, None) if image_url and not article_host else None,
        feed_image_title=_feed_title(raw.feed_image_title) if raw.feed_image_title else None,
        feed_description=_feed_description(raw.feed_description) if raw.feed_description else None,
        texts=texts,
        episode=raw.media_kind == "audio",
        content=raw.content,
    )
    # a feed title's parts are cut at ">" too ("NYT > Top Stories"): a part may open a tag ("<div><div>…")
    return guard(truncate(name, MAX_SOURCE_CHARS)) if name else None


class _Links(NamedTuple):
    """Where the story lives: the link as received, its canonical URL, and what identifies it."""

    source_link: str | None
    url: str | None
    shortlink: str | None


def _own_url(first: _Link | None, second: _Link | None) -> str | None:
    """The canonical URL of the first of two links that is given and no shortlink.

    A loop, not ``next(genexpr)``: a generator left unfinished costs ~0.5 µs to close. These loops on every
    item's path: −3.2 % and −1.2 % instructions per bench.normalize item (bd9ef42, 6fbf82e, 2026-12-05).
    """
    for link in (first, second):
        if link and not link.short:
            return link.canonical
    return None


def _links(link: _Link | None, orig_link: _Link | None, footer: _Link | None) -> _Links:
    """origLink's canonical form wins, then the link's; a shortlink has no URL until it is resolved.

    The IFTTT footer's URL stands in for the link when none was given.
    """
    received = link or footer or orig_link
    url = _own_url(orig_link, link or footer)
    return _Links(received.received if received else None, url, received.canonical if received else None)


def _published(raw: RawItem, *, now: datetime, settings: NormalizeSettings, flags: list[str]) -> datetime | None:
    """``published``, else ``updated``, as aware UTC to the second (a feed's milliseconds say nothing a reader
    reads); clamped to ``now`` when too far in the future."""
    published = parse_date(raw.published, timezone=settings.timezone)
    if published is None:
        published = parse_date(raw.updated, timezone=settings.timezone)
    if published is None:
        if raw.published or raw.updated:
            flags.append("published_unparseable")
        return None
    published, clamped = clamp_future(published, now=now, tolerance_seconds=settings.future_tolerance_seconds)
    if clamped:
        flags.append("published_in_future_clamped")
    return published.replace(microsecond=0)


def _on_shortlink_host(canonical: str) -> bool:
    """A canonical URL's host is a shortener's (read from the canonical form: no second parse)."""
    host = host_of_canonical(canonical)
    return host is not None and is_shortlink_host(host)


_DESCRIBED_WORDS = 4


def _described(alt: str) -> bool:
    """An alt text that says what the picture shows ("A chart of icon redraws per year"): a picture of the
    story, whatever its file is called; a logo's alt is a name or nothing."""
    return alt.count(" ") >= _DESCRIBED_WORDS - 1


def _image_url(raw: RawItem, doc: Document) -> str | None:
    """The item's image (not IFTTT's "no image" placeholder), else the first image in the content.

    An image given as a shortlink (IFTTT's ``ift.tt/…``) is no picture's address: the content's own image
    is preferred to it, and it stands only when the content has none.
    """
    image = canonical_url(raw.image) if raw.image else None
    if image is not None and not is_placeholder_image(image) and not _on_shortlink_host(image):
        return image
    # a content image's src is already a clean link; its canonical form only lacks the fragment
    inline = next(
        (
            b.src.partition("#")[0]
            for b in doc.blocks
            if b.kind == "img" and b.src and (not is_furniture_image(b.src) or _described(b.alt))
        ),
        None,
    )
    return inline or (
        image if image is not None and not is_placeholder_image(image) and not _on_shortlink_host(image) else None
    )


_ESCAPED_START = re.compile(r"\s*&lt;")  # (a match, not a stripped copy of every content)


def _run(
    raw: RawItem, *, now: datetime, settings: NormalizeSettings, profile: BoilerplateProfile | None = None
) -> NormalizedItem:
    """The recipe; ``normalize`` adds the guarantee that only NormalizeError escapes."""
    flags: list[str] = []
    now = (now if now.tzinfo is not None else now.replace(tzinfo=UTC)).astimezone(UTC)
    # Mojibake is repaired in the whole content before parsing: the walker's fast path keeps printable
    # text as it is, and the HTML it renders must read like the text.
    content = fix_mojibake(_field(raw.content, MAX_CONTENT_CHARS))
    if raw.content and len(raw.content) > MAX_CONTENT_CHARS:
        flags.append("content_truncated")
    kind = raw.content_kind
    if kind == "auto" and looks_like_markdown(content):
        content, kind = markdown_html(content), "html"  # a release's notes: their headings, lists and code kept
    elif kind == "auto":
        kind = "html" if looks_like_html(content) else "text"
    if _ESCAPED_START.match(content) and not looks_like_html(content) and looks_like_html(twice := unescape(content)):
        content, kind = twice, "html"  # markup escaped twice (a Jekyll feed's content_html): the markup it stands for
    link, orig_link = (
        _unwrapped(_link(_absolute(raw.link, raw.feed_url))),
        _link(_absolute(raw.orig_link, raw.feed_url)),
    )
    if raw.link and raw.link.strip() and link is None:
        flags.append("link_not_http")
    guid = scrub(raw.guid).strip()[:MAX_FIELD_CHARS] if raw.guid else ""
    feed_title = _feed_title(raw.feed_title)

    # 1. select the rule files: by link/feed/GUID domain, feed title or footer name, content markers
    guid_link = _link(guid) if guid[:8].lower().startswith(("http://", "https://")) else None
    hosts = [u.host for u in (link, orig_link) if u]
    feed_host = _feed_host(raw.feed_url, None)  # cached: the same for every item of a feed
    if feed_host is not None:
        hosts.append(feed_host)
    if guid_link:
        hosts.append(guid_link.host)
    titles = (feed_title, _footer_hint(content) or "")
    names, site_name = plans.select(hosts=hosts, titles=titles, content=content, media=raw.media_kind)
    plan = plans.plan_for(names)

    # 2. extract (tree rules run on the parsed HTML first), 3. block rules, headline, bullets
    own = _own_url(orig_link, link)
    base = raw.content_base or own
    if kind == "html":
        doc = parse_html(content, base=base, clean_tree=plan.clean_tree)
    else:  # markup paragraphs inside a text post are read as HTML
        doc = parse_text(content, lambda row: parse_html(row, base=base, clean_tree=plan.clean_tree).blocks)
    doc.link = own
    plan.clean_blocks(doc)
    given = truncate(clean_text(_field(raw.title)), 300)
    aggregated = (link is not None and relays_titles(link.host)) or (
        (link is None or link.short) and any(relays_feed(t) for t in titles)  # (a shortlink hides the host)
    )
    title = drop_source_suffix(
        given, source_name=clean_text(_field(raw.source_name)) or None, content=content, relayed=aggregated
    )
    outlet = outlet_of(title, given)  # the aggregator's origin its title ended with
    if outlet:
        drop_echo(doc.blocks, title, given)  # "<headline> <outlet>": the aggregator's description, no story
    headline, from_content = shape(doc, title=title, credits=plan.credits)
    if from_content:
        flags.append("headline_from_content")
    plan.clean_bullets(doc)
    if profile:  # the source's learned head and tail lines (app/normalize/boilerplate.py)
        doc.blocks = apply_profile(doc.blocks, profile)
    signer = drop_trailing_site_name(doc, lambda line: names_site(line, hosts))
    named_author = _author(raw.author)
    # the author is a field: the byline line leaves the body
    byline = take_byline(doc.blocks, named_author) or signer
    drop_author_bios(doc.blocks, named_author or byline)
    doc.blocks = tidy(doc.blocks)
    bullets = [b.text for b in doc.blocks if b.bullet]
    blocks = outline(doc.blocks)
    body = body_of(blocks)
    if headline is None and not body and not bullets:
        raise NormalizeError("no headline or text could be recovered", missing=("headline", "body"))

    # 4. source and links, 5. dates, 6. identity, 7. render and sanitize, last
    footer = _unwrapped(_link(doc.footer_url)) if doc.footer_url else None
    links = _links(link, orig_link, footer)
    author = _author(byline) if byline and _account_only(named_author, feed_title, hosts) else named_author
    relayed = link is not None and link.relayed and links.url == link.canonical
    texts = [headline, *body] if headline else body
    image_url = _image_url(raw, doc)
    source = _source(
        raw,
        links.url,
        footer,
        doc.footer_name,
        feed_title,
        site_name,
        author,
        relayed,
        texts,
        outlet=outlet,
        image_url=image_url,
    )
    if source is None and doc.trailer_name:  # "… appeared first on Coda Story": the only name given
        source = guard(truncate(clean_text(doc.trailer_name), MAX_SOURCE_CHARS)) or None
    if author and source and author.endswith(f" {source}"):
        author = _without_site(author, source)
    elif author and source and author.startswith(f"{source} by "):
        author = author[len(source) + 4 :].strip() or author  # "Cointelegraph by Helen Park"
    published = _published(raw, now=now, settings=settings, flags=flags)
    hashed = content_hash(headline, bullets, body)
    return NormalizedItem(
        headline=headline,
        bullets=bullets,
        body=body,
        blocks=blocks,
        body_html=render(doc.blocks),
        source=source,
        source_link=links.source_link,
        url=links.url,
        author=author,
        image_url=image_url,
        published_at=published,
        guid=guid or None,
        identity=identity(
            guid=guid or None,
            feed_url=raw.feed_url,
            url=links.url,
            shortlink=links.shortlink,
            source=source,
            headline=headline,
            published=published,
            content=hashed,
        ),
        content_hash=hashed,
        flags=flags,
    )


def normalize(
    raw: RawItem, *, now: datetime, settings: NormalizeSettings, profile: BoilerplateProfile | None = None
) -> NormalizedItem:
    """Clean one raw item into a NormalizedItem; raise NormalizeError when no usable item remains.

    ``profile`` is the source's learned boilerplate (``boilerplate.mine_profile``): its lines are
    removed from the head and tail of the body, never from the middle and never all of it.

    No other exception escapes, whatever the input: an unexpected failure is reported as a
    NormalizeError (with the original as ``__cause__``) so one bad item cannot stop a batch.
    """
    try:
        return _run(raw, now=now, settings=settings, profile=profile)
    except NormalizeError:
        raise
    except Exception as exc:  # the contract: only NormalizeError leaves the normalizer
        raise NormalizeError(f"item could not be normalized ({type(exc).__name__})") from exc
