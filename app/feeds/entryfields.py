"""What parser.py reads from one feedparser entry: the story, its author, its image, its origin and its dates.

feedparser's result, not the document, is the input (both parse tiers and feedparser itself give the same
dictionaries), so each choice here is made once for every path. Its known pitfalls are handled here:
a Media RSS caption filed as the entry's content, names hidden in e-mail forms, zone abbreviations its
RFC 822 reader does not know, and media without a declared type.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import datetime
from html import unescape
from typing import Any, Literal, NamedTuple
from urllib.parse import urljoin, urlsplit

from feedparser.datetimes.rfc822 import timezone_names

from app.feeds.fastfeed.captions import caption_key
from app.feeds.fastfeed.vocabulary import OWN_AUTHOR_KEY, OWN_IMAGE_KEY
from app.normalize.dates import parse_date, zone_abbreviation
from app.normalize.model import ContentKind

__all__ = [
    "Story",
    "author_name",
    "entry_author",
    "entry_date",
    "entry_image",
    "entry_media",
    "entry_source",
    "media_kind",
    "story",
    "text",
]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_MIN_PICTURE_SIDE = 80  # smaller is an icon or an avatar (GitHub: 30 and 60 px); Phys.org thumbnails are 90
_AVATAR_HOSTS = ("gravatar.com",)  # per-person avatars by e-mail hash (WordPress.com, many blogs)
_BLOGGER_PICTURE_HOSTS = ("blogger.googleusercontent.com", ".bp.blogspot.com")  # Blogger's own pictures
# The zone names feedparser's RFC 822 reader knows; any other name it reads as UTC.
_FEEDPARSER_ZONES = frozenset(name.upper() for name in timezone_names)


def text(value: Any) -> str | None:
    """A string field, or None: an element feedparser has no handler for, given attributes, is a dict."""
    return value if isinstance(value, str) else None


class Story(NamedTuple):
    """The entry's text, its kind, and the ``xml:base`` in scope where it was written."""

    value: str | None
    kind: ContentKind
    base: str | None
    picture: str | None = None
    """The picture of a content passed over for the summary (a deal card's image)."""


def _kind(detail: Mapping[str, Any], *, atom: bool) -> ContentKind:
    # RSS declares no type: text/html and text/plain are feedparser's defaults for the element it filed the
    # text under, so the normalizer looks for itself (plain text with blank lines between paragraphs is
    # common in descriptions). Atom's type="text" and type="html" are the publisher's word.
    if not atom:
        return "auto"
    media_type = detail.get("type") or ""
    return "text" if media_type == "text/plain" else "html" if media_type in _HTML_TYPES else "auto"


def story(
    entry: Mapping[str, Any], *, captions: Collection[str], atom: bool, url: str, description: str | None = None
) -> Story:
    """The entry's story: real content first, then the summary; a Media RSS caption only when nothing else.

    feedparser files a ``<media:description>`` (a photo caption) as the entry's content when a description
    came before it, and as its summary when it came first; ``captions`` (the document's media
    descriptions, as ``caption_key`` gives them) tells them apart. ``description`` is the item's own
    ``<description>`` as the document has it: the story when feedparser's summary is only an
    ``itunes:summary`` of it, flattened.
    """
    # An empty value is no story: a GitLab tag without release notes has an empty <content>, and an empty
    # <media:description> after the description (AOL's and Yahoo's media groups) leaves feedparser's
    # summary_detail empty while "summary" still holds the description.
    details = [
        d
        for d in entry.get("content") or ()
        if isinstance(d, Mapping) and isinstance(d.get("value"), str) and d["value"].strip()
    ]
    if len(details) > 1:  # itunes:summary (plain) and content:encoded (HTML): feedparser keeps both, in order
        details.sort(key=lambda d: str(d.get("type") or "").lower() not in _HTML_TYPES)
    summary_detail = entry.get("summary_detail")
    if (
        not isinstance(summary_detail, Mapping)
        or not isinstance(summary_detail.get("value"), str)
        or not summary_detail["value"].strip()
    ):
        summary = text(entry.get("summary"))
        summary_detail = None if summary is None else {"value": summary}
    if not details and summary_detail and description and _flattened(summary_detail, {"value": description}):
        summary_detail = {"value": description, "type": "text/html"}  # the description feedparser lost
    chosen = details[0] if details else summary_detail
    if details and summary_detail and _flattened(details[0], summary_detail):
        chosen = summary_detail  # a podcast's plain itunes:summary of the description's paragraphs (Acast)
    picture = None
    if details and summary_detail and _wordier(summary_detail["value"], details[0]["value"]):
        chosen = summary_detail  # a deal card (picture, score, store link) as content, the deal as description
        found = _IMG_SRC.search(str(details[0]["value"]))
        picture = found.group(1) if found and found.group(1).startswith(("http://", "https://")) else None
    from_caption = False
    if captions:
        candidates = [*details, *([summary_detail] if summary_detail else [])]
        stories = [d for d in candidates if caption_key(d["value"]) not in captions]
        chosen = stories[0] if stories else chosen
        from_caption = not stories and chosen is not None
    if chosen is None:
        return Story(None, "auto", None)
    # A caption is plain text unless it says otherwise (Media RSS: type="plain" by default).
    kind: ContentKind = "auto" if from_caption else _kind(chosen, atom=atom)
    return Story(str(chosen["value"]), kind, _base(chosen.get("base"), url), picture)


_TAG = re.compile(r"<[^<>]*>")
_IMG_SRC = re.compile(r"""<img\b[^<>]*?\bsrc\s*=\s*["']([^"'<>\s]{1,2000})["']""", re.IGNORECASE)
_FEW_WORDS = 10


def _flattened(content: Mapping[str, Any], summary: Mapping[str, Any]) -> bool:
    """The content is plain text that only repeats the summary's markup flattened: the words the same, the
    paragraphs gone (an ``itunes:summary`` beside the HTML ``description``)."""
    if str(content.get("type") or "").lower() != "text/plain" or "<" not in str(summary["value"]):
        return False
    # Compared without whitespace: a tag inside a sentence ("a <b>speech</b>.") is no word break.
    plain = "".join(str(content["value"]).split())[:_COMPARED_CHARS]
    marked = "".join(unescape(_TAG.sub(" ", str(summary["value"]))).split())
    return bool(plain) and plain in marked


_COMPARED_CHARS = 300


def _wordier(summary: str, content: str) -> bool:
    """The summary tells a story the content does not: the content has fewer than ten words, the summary
    more than twice as many (Slickdeals: "Thumb Score: +61 Walmart" beside the deal's sentence)."""
    if len(content) > 2000:
        return False
    words = len(_TAG.sub(" ", content).split())
    return words < _FEW_WORDS and len(_TAG.sub(" ", summary).split()) > 2 * max(words, 4)


def _base(value: Any, url: str) -> str | None:
    """The content's ``xml:base``, made absolute against the document's URL; None unless http(s)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        absolute = urljoin(url, value.strip()) if url.startswith(("http://", "https://")) else value.strip()
    except ValueError:
        return None
    return absolute if absolute.startswith(("http://", "https://")) else None


def _is_email(value: str) -> bool:
    local, at, domain = value.removeprefix("mailto:").partition("@")
    return bool(at and local and "." in domain) and not any(c.isspace() or c in "()<>@" for c in local + domain)


def author_name(value: str | None) -> str | None:
    """A person's name from how feeds write them: ``Name (mail)``, ``mail (Name)``, ``Name <mail>``; a bare
    address is no name (Blogger writes ``noreply@blogger.com`` for every hidden profile)."""
    if not value or not value.strip():
        return None
    name = value.strip()
    for opening, closing in (("(", ")"), ("<", ">")):
        if name.endswith(closing) and opening in name:
            outer, _, inner = name[:-1].rpartition(opening)
            outer, inner = outer.strip(), inner.strip()
            if _is_email(inner):
                name = outer
            elif _is_email(outer) and opening == "(":
                name = inner
            break
    return None if not name or _is_email(name) else name


def entry_author(entry: Mapping[str, Any]) -> str | None:
    """Several authors (``<dc:creator>`` lists, Atom persons): their names joined; one: its name."""
    # feedparser's name split is a regex that mangles addresses with long top-level domains
    # ("desk@biz.example (Desk)" → "ple (Desk"), so one author is read from its whole string.
    people = entry.get("authors") or ()
    names = [n for p in people if isinstance(p, Mapping) and (n := author_name(text(p.get("name"))))]
    if len(names) > 1 and len({n.casefold() for n in names}) > 1:
        return ", ".join(dict.fromkeys(names))
    whole = text(entry.get("author"))
    if whole is not None or names:
        return author_name(whole) if whole is not None else names[0]
    return _own_element_author(entry)


def _own_element_author(entry: Mapping[str, Any]) -> str | None:
    """A writer named only in a publisher's own element: ``<sa:author_name>``, ``<note:creatorName>``.

    feedparser keeps an element it has no handler for under its prefixed, lowercased name.
    """
    for key, value in entry.items():
        if isinstance(value, str) and OWN_AUTHOR_KEY.fullmatch(key) and (name := author_name(text(value))):
            return name
    return None


def _area(media: Mapping[str, Any]) -> int:
    """The picture's area from its width and height attributes; 0 when they are missing."""
    sides = []
    for key in ("width", "height"):
        value = str(media.get(key) or "").strip()
        if value.isascii() and value.isdigit() and len(value) < 6:
            sides.append(int(value))
    return sides[0] * sides[-1] if sides else 0


def _address_area(media: Mapping[str, Any]) -> int:
    """The picture's area from its address, for pictures no attribute sizes: a size query (WordPress's and image
    CDNs' "?w=1000", "?w=150&h=150&crop=1") or a size in the path (Reach's ".../ALTERNATES/s615/...",
    ".../1200x675/..."); 0 when it gives none."""
    path, _, query = str(media.get("url") or "").partition("?")
    sides = [int(size) for size in _SIZE_QUERY.findall(query)[:2]]
    if not sides and (sized := _SIZE_PATH.search(path)) is not None:
        sides = [int(size) for size in sized.groups() if size]
    return sides[0] * sides[-1] if sides else 0


_SIZE_QUERY = re.compile(r"(?:^|&)(?:w|h|width|height)=(\d{1,5})(?=&|$)")
_SIZE_PATH = re.compile(r"/(?:s|w_?)(\d{2,4})/|/(\d{2,4})x(\d{2,4})/")


def _size_measure(candidates: list[Mapping[str, Any]]) -> Callable[[Mapping[str, Any]], int]:
    """One measure for all of an item's pictures: their attributes, else their addresses when every one of them
    gives a size there (an unsized original beside a "?w=150&h=150" crop stays first), else none."""
    if any(map(_area, candidates)):
        return _area
    if all(map(_address_area, candidates)):
        return _address_area
    return lambda _media: 0


def _is_image(media: Mapping[str, Any]) -> bool:
    medium, media_type = str(media.get("medium") or "").lower(), str(media.get("type") or "").lower()
    if medium or media_type:  # declared: only an image is one (audio, video, a player are not)
        return medium == "image" or (not medium and media_type.startswith("image/"))
    try:
        path = urlsplit(str(media["url"])).path.lower()
    except ValueError:
        return False
    return path.endswith(_IMAGE_EXTENSIONS) or "width" in media or "height" in media


def _is_avatar(media: Mapping[str, Any]) -> bool:
    """An author's avatar or an icon, not the item's picture: declared under 80 px a side, or an avatar URL.

    WordPress.com puts the author's Gravatar in ``media:content``; GitHub's feeds carry a 30 px avatar as
    ``media:thumbnail``. Blogger's 72 px thumbnail (``…/s72-c/…``) is the post's own picture all the same.
    """
    try:
        parts = urlsplit(str(media["url"]))
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if host.endswith(_BLOGGER_PICTURE_HOSTS):
        return False  # Blogger's 72 px square thumbnail is the post's own picture, cropped small
    sides = [int(v) for k in ("width", "height") if (v := str(media.get(k) or "").strip()).isdigit() and len(v) < 6]
    if sides and max(sides) < _MIN_PICTURE_SIDE:
        return True
    return host.endswith(_AVATAR_HOSTS) or host.startswith("avatars.") or "/avatar/" in parts.path.lower()


_ENC_URL_KEYS = ("resource", "rdf:resource", "url", "href")
# The plain (namespace-less) picture elements some CMSs add to an item, largest first; the fast parse's
# vocabulary (app/feeds/fastfeed/vocabulary.py, _WANTED_UNKNOWN) keeps the same names.
_NAMED_IMAGE_KEYS = ("bigimage", "largeimage", "featuredimage", "thumbnail", "smallimage")


def _is_image_enclosure(enclosure: Mapping[str, Any], key: str) -> bool:
    """An enclosure that is a picture: declared ``image/…``, or undeclared with an image file's extension.

    Many feeds write ``<enclosure url="….jpg" length="0"/>`` with no type or an empty one.
    """
    media_type = str(enclosure.get("type") or "").strip().lower()
    if media_type:
        return media_type.startswith("image/")
    try:
        path = urlsplit(str(enclosure[key])).path.lower()
    except ValueError:
        return False
    return path.endswith(_IMAGE_EXTENSIONS)


def entry_image(entry: Mapping[str, Any]) -> str | None:
    """The largest Media RSS image when sizes are given, else the first thumbnail or image; then enclosures.

    Avatars and icons (`_is_avatar`) are never the item's image."""
    candidates = [
        t for t in entry.get("media_thumbnail") or () if isinstance(t, Mapping) and t.get("url") and not _is_avatar(t)
    ]
    candidates += [
        m
        for m in entry.get("media_content") or ()
        if isinstance(m, Mapping) and m.get("url") and _is_image(m) and not _is_avatar(m)
    ]
    if len(candidates) > 1:  # max keeps the first of equals: unsized ones keep their order
        return str(max(candidates, key=_size_measure(candidates))["url"])
    if candidates:
        return str(candidates[0]["url"])
    for enclosure in entry.get("enclosures") or ():
        if isinstance(enclosure, Mapping) and enclosure.get("href") and _is_image_enclosure(enclosure, "href"):
            return str(enclosure["href"])
    # RSS 1.0's enclosure module (<enc:enclosure rdf:resource=… enc:type=…>, Craigslist): one per item.
    other = entry.get("enc_enclosure")
    if isinstance(other, Mapping):
        url = next((v for k in _ENC_URL_KEYS if isinstance(v := other.get(k), str) and v.strip()), None)
        if url and _is_image_enclosure({**other, "href": url}, "href"):
            return url.strip()
    image = entry.get("image")
    if isinstance(image, Mapping) and image.get("href"):
        return str(image["href"])
    if (module := _module_image(entry)) is not None:
        return module
    # Plain elements a CMS names for the picture (Livemint's <bigimage>), largest first.
    for key in _NAMED_IMAGE_KEYS:
        value = text(entry.get(key))
        if (
            value
            and value.strip().lower().startswith(("http://", "https://"))
            and not any(c.isspace() for c in value.strip())
        ):
            return value.strip()
    return None


def entry_media(entry: Mapping[str, Any]) -> Literal["audio", "video"] | None:
    """What the entry's enclosure is, by its declared type: a podcast episode's audio, a video; None else."""
    return media_kind(
        str(media.get("type") or media.get("medium") or "")
        for key in ("enclosures", "media_content")
        for media in entry.get(key) or ()
        if isinstance(media, Mapping)
    )


def media_kind(declared: Iterable[str]) -> Literal["audio", "video"] | None:
    """ "audio" when one of the declared types (``audio/mpeg``, a medium) is audio, else "video" for a video."""
    kinds = {value.strip().lower().partition("/")[0] for value in declared}
    return "audio" if "audio" in kinds else "video" if "video" in kinds else None


def _module_image(entry: Mapping[str, Any]) -> str | None:
    """A picture in a publisher's own module: ``<mp:image><mp:data>URL</mp:data></mp:image>`` (ARD's metaplus)."""
    for key in entry:
        if key.endswith("_image") and OWN_IMAGE_KEY.fullmatch(key):
            # the URL in the module's own element, or as the element's text (Bing News' <News:Image>)
            for value in (text(entry.get(key[: -len("image")] + "data")), text(entry.get(key))):
                if value and value.strip().startswith(("http://", "https://")) and " " not in value.strip():
                    return value.strip()
    return None


def entry_source(entry: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The origin an aggregator names: RSS ``<source url>`` (href) or Atom ``<source>`` (title, link); else the
    journal a publisher's item names (``<prism:publicationName>Nature Energy`` on nature.com, whose host names
    the house, not the journal)."""
    source = entry.get("source")
    if not isinstance(source, Mapping):
        journal = text(entry.get("prism_publicationname"))
        return (journal.strip() or None) if journal else None, None
    name = text(source.get("title"))
    origin = text(source.get("href")) or text(source.get("link"))
    return (name.strip() or None) if name else None, (origin.strip() or None) if origin else None


_MERIDIEM_END = re.compile(r"\d\s*[AaPp]\.?[Mm]$")


def entry_date(parsed: Any, raw: str | None) -> time.struct_time | datetime | str | None:
    """feedparser's reading of a date, unless the string ends in a zone abbreviation it does not know or is
    written year first with dots or slashes.

    feedparser reads ``CEST``, ``JST`` or ``AEDT`` as UTC; app/normalize/dates.py has their offsets.
    """
    if raw and raw[:4].isdigit() and raw[4:5] in "./" and (dotted := parse_date(raw)) is not None:
        return dotted  # "2024.02.05": feedparser reads a year-first date with dots or slashes wrong
    if raw and raw[-1:] in "Mm" and _MERIDIEM_END.search(raw) and (twelve := parse_date(raw)) is not None:
        return twelve  # "Mon, 14 Dec 2026 10:13:55 PM": feedparser reads the hour and drops the "PM"
    # Most feeds write GMT or digits: one look at the last word settles those.
    if raw and raw[-1:].isalpha() and raw.rpartition(" ")[2].strip("()").upper() not in _FEEDPARSER_ZONES:
        name = zone_abbreviation(raw)
        if name is not None and name not in _FEEDPARSER_ZONES:
            ours = parse_date(raw)
            if ours is not None:
                return ours
    return parsed if isinstance(parsed, time.struct_time) else raw
