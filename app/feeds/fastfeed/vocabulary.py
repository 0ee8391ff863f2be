"""feedparser's vocabulary for tier 1: which elements it handles, which it models, which keys are read."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from feedparser.api import StrictFeedParser

_HTML_TYPES = frozenset(StrictFeedParser.html_types)
_SUMMARY_TYPES = _HTML_TYPES | {"text/plain"}
_RELATIVE = frozenset(StrictFeedParser.can_be_relative_uri)
# unknown_starttag: an element without a namespace prefix ends an <image> unless it is one of these.
_IMAGE_CHILDREN = frozenset({"title", "link", "description", "url", "href", "width", "height"})
_EMAIL = re.compile(
    r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"""
)
_looks_like_html: Callable[[str], bool] = StrictFeedParser.looks_like_html
_map_content_type: Callable[[str], str] = StrictFeedParser.map_content_type

# feedparser has start or end handlers for these names (``_start_media_title`` …); an element whose name
# is here but not modelled below goes to tier 2.
_HANDLED_BY_FEEDPARSER = frozenset(
    name.split("_", 2)[2] for name in dir(StrictFeedParser) if name.startswith(("_start_", "_end_"))
)
# Keys parser.py reads from an entry or the feed: an element feedparser has no handler for is stored under
# its own name, so one named like these (other than the two we want) must not be taken lightly.
_READ_KEYS = frozenset(
    {
        "title",
        "link",
        "links",
        "id",
        "published",
        "published_parsed",
        "updated",
        "updated_parsed",
        "content",
        "summary",
        "summary_detail",
        "authors",
        "author",
        "author_detail",
        "media_thumbnail",
        "media_content",
        "image",
        "enclosures",
        "guidislink",
        "href",
        "url",
    }
)
# enc_enclosure (RSS 1.0's enclosure module, Craigslist's images) has only attributes: feedparser's own
# handling of an unknown element with attributes is replayed (tier 2), never emulated.
# The plain elements some CMSs write for an item's picture (Livemint: <bigimage>, <smallimage>, <thumbnail>)
# are text: feedparser stores them under their own names, and so does the emulation.
_WANTED_UNKNOWN = frozenset(
    {
        "feedburner_origlink",
        "ttl",
        "enc_enclosure",
        "bigimage",
        "largeimage",
        "featuredimage",
        "thumbnail",
        "smallimage",
        # a journal's name in a publisher's item (Nature, Wiley, Elsevier): entryfields.entry_source reads it
        "prism_publicationname",
    }
)

# A writer named only in a publisher's own element (<sa:author_name>, <note:creatorName>, <author_name>):
# feedparser stores it under its prefixed, lowercased name, and entryfields reads it when no author is given.
OWN_AUTHOR_KEY = re.compile(r"(?:[a-z0-9]+_)?(?:author_?name|creator_?name|byline)")
# A picture in a publisher's own module: ARD's metaplus <mp:image><mp:data>URL</mp:data></mp:image>
# (tagesschau, BR24), kept as "mp_image" and "mp_data"; the same prefix ties the two.
OWN_IMAGE_KEY = re.compile(r"[a-z0-9]+_(?:image|data)")

_TITLE = frozenset({"title", "dc_title", "media_title"})
_DESCRIPTION = frozenset({"description", "dc_description", "media_description"})
_PUBLISHED = frozenset({"published", "pubdate", "issued", "dcterms_issued"})
_UPDATED = frozenset({"updated", "modified", "lastbuilddate", "dc_date", "dcterms_modified"})
_AUTHOR = frozenset({"author", "managingeditor", "dc_creator", "dc_author"})
_PERSON_PARTS = frozenset({"name", "email", "uri", "url", "homepage"})
# Text elements whose values parser.py never reads and whose handlers change no state it depends on.
_IGNORED_TEXT = frozenset(
    {
        "category",
        "dc_subject",
        "media_category",
        "language",
        "dc_language",
        "generator",
        "width",
        "height",
        "webmaster",
        "dc_publisher",
        "media_credit",
    }
)
# Ignored too, but pushed as content by feedparser: the type attribute matters (base64 goes to tier 2).
_IGNORED_CONTENT = frozenset({"rights", "copyright", "dc_rights", "subtitle", "tagline"})
_MODELLED = (
    _TITLE
    | _DESCRIPTION
    | _PUBLISHED
    | _UPDATED
    | _AUTHOR
    | _PERSON_PARTS
    | _IGNORED_TEXT
    | _IGNORED_CONTENT
    | {
        "rss",
        "channel",
        "feed",
        "item",
        "entry",
        "link",
        "guid",
        "id",
        "summary",
        "content",
        "content_encoded",
        "enclosure",
        "media_thumbnail",
        "media_content",
        "media_group",
        "cloud",
        "image",
        "contributor",
        "source",
    }
)


def _is_base64(attrs: Mapping[str, str], content_type: str) -> bool:
    if attrs.get("mode", "") == "base64":
        return True
    return not (content_type.startswith("text/") or content_type.endswith(("+xml", "/xml")))


def _enforce_href(attrs: dict[str, str]) -> dict[str, str]:
    href = attrs.get("url", attrs.get("uri", attrs.get("href")))
    if href:
        attrs.pop("url", None)
        attrs.pop("uri", None)
        attrs["href"] = href
    return attrs
