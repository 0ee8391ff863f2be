"""Canonical URLs: http(s) only, lowercased host, no default port, fragment or tracking parameters.

Follows RFC 3986 §6.2.2 (syntax-based normalization: case of scheme and host, default port) plus the
usual feed-reader cleanup (miniflux ``urlcleaner``): tracking parameters dropped, the others kept in
order. Shortlink hosts, tracking parameters and placeholder images are data (``[links]`` in the rule
files, and ClearURLs' maintained rules in ``publishers/clearurls/``), so adding a tracker needs no code.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote_plus, urljoin, urlsplit

import idna

from app.normalize.clearurls import Provider, has_own_providers, only_universal, providers_for, removes
from app.normalize.data import link_data

__all__ = [
    "canonical_url",
    "clean_link",
    "host_of",
    "host_of_canonical",
    "is_placeholder_image",
    "is_shortlink",
    "is_shortlink_host",
    "unicode_label",
]

MAX_URL_CHARS = 4096
_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_OK = re.compile(r"^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?$")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/%:@!$'()*+,;=-._~?"
_FRAGMENT_SAFE = "/%:@!$&'()*+,;=-._~?#"
_ALREADY_SAFE = re.compile(r"[A-Za-z0-9/%:@!$&'()*+,;=._~?#-]*")
# Already canonical but for the query (most links in feed content, image URLs with their size
# parameters): lowercase scheme and host, no port, user or fragment, nothing to percent-encode.
_PLAIN = re.compile(
    r"(https?://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?:/[A-Za-z0-9/%:@!$&'()*+,;=._~-]*)?)"
    r"(?:\?([A-Za-z0-9/%:@!$&'()*+,;=._~?-]*))?"
)


def _quote(value: str, safe: str) -> str:
    """Percent-encode what RFC 3986 does not allow; most URLs need nothing, so check first."""
    return value if _ALREADY_SAFE.fullmatch(value) else quote(value, safe=safe)


def _host(netloc_host: str) -> str | None:
    """Lowercase, IDNA-encode (punycode) and check a host name; ``None`` if it is not one."""
    host = netloc_host.strip().rstrip(".").lower()
    if not host:
        return None
    if ":" in host:  # IPv6 literal (urlsplit already took the brackets off)
        return f"[{host}]" if re.fullmatch(r"[0-9a-f:.]+", host) else None
    if not host.isascii():
        ascii_host = _to_ascii(host)
        if ascii_host is None:
            return None
        host = ascii_host
    return host if _HOST_OK.match(host) else None


def _to_ascii(host: str) -> str | None:
    """An internationalized host as punycode by IDNA 2008 with UTS 46 mapping; ``None`` if invalid.

    Python's own ``idna`` codec is IDNA 2003: it maps ``faß.de`` to ``fass.de``, another domain.
    """
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except UnicodeError:  # idna.IDNAError is one; a label that is ASCII but not LDH ("my_host") also lands here
        pass
    try:  # ASCII labels are kept as written (DNS allows "_"); every other label must be valid IDNA 2008
        labels = idna.uts46_remap(host, std3_rules=False, transitional=False).split(".")
        return ".".join(label if label.isascii() else idna.alabel(label).decode("ascii") for label in labels)
    except UnicodeError:
        return None


def unicode_label(label: str) -> str | None:
    """A punycode label (``xn--fa-hia``) as the name a reader knows (``faß``); ``None`` if it is invalid."""
    if not label.startswith("xn--"):
        return label
    try:
        return idna.decode(label)
    except UnicodeError:
        return None


_MAX_CLEANED = 4096
_CLEANED: dict[str, tuple[str, bool]] = {}
"""Queries cleaned before, when the answer did not depend on the URL: the cleaned query, and whether it
holds only for hosts without ClearURLs providers of their own. A feed repeats its image and link
parameters (``width=1200&format=jpeg``) on every item: the query is cleaned once (``_clean_query`` took
2.7–4.2 µs by timeit on a loaded guest; a hit costs a look-up, a host slice and a cached provider check;
with the other patches of a37e1e2, −5.6 % instructions per item, docs/benchmarks-normalize.md 2026-12-04)."""


def _clean_query(query: str, head: str) -> str:
    """Drop tracking parameters and empty pairs; keep the others, in order.

    Ours (``[links]`` in the rule files) first, then ClearURLs' providers for the URL's host, each
    unless one of its exceptions names the URL. ``head`` is the URL before its query, canonical.
    """
    if not query:
        return ""
    known = _CLEANED.get(query)
    if known is not None and (not known[1] or not has_own_providers(host_of_canonical(head))):
        return known[0]
    data = link_data()
    kept: list[str] = []
    providers: tuple[Provider, ...] | None = None
    spared: dict[str, bool] = {}
    for pair in query.split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        if "%" in key or "+" in key:
            key = unquote_plus(key).strip()
        key = key.lower()
        if key in data.tracking_params or key.startswith(data.tracking_prefixes):
            continue
        if key in data.tracking_values and value.lower().startswith(data.tracking_values[key]):
            continue
        if providers is None:
            providers = providers_for(head, query, host_of_canonical(head))
        if removes(providers, key, lambda: f"{head}?{query}", spared):
            continue
        kept.append(pair)
    cleaned = _quote("&".join(kept), _QUERY_SAFE + "=&")
    # The answer holds for any URL when no parameter reached ClearURLs' rules, or only the global rules
    # judged them and none was removed (no exception was read); in the second case, for hosts without
    # providers of their own.
    if not spared and (providers is None or only_universal(providers)):
        if len(_CLEANED) >= _MAX_CLEANED:  # queries are the sender's to choose: keep the memory bounded
            _CLEANED.clear()
        _CLEANED[query] = (cleaned, providers is not None)
    return cleaned


def _host_port(netloc: str) -> tuple[str | None, int | None]:
    """Host and port of a netloc; user info is dropped. ``(None, None)`` when malformed."""
    hostport = netloc.rpartition("@")[2]
    if hostport.startswith("["):
        host, _, rest = hostport[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ("" if not rest else "x")
    else:
        host, _, port_text = hostport.partition(":")
    port: int | None = None
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            return None, None
        port = int(port_text)
    return _host(host), port


def _normalize(url: str | None, *, keep_fragment: bool, base: str | None = None) -> str | None:
    if not isinstance(url, str):
        return None
    value = url.strip()
    if not value or len(value) > MAX_URL_CHARS:
        return None
    if "&amp;" in value:  # an HTML-escaped link pasted as text (IFTTT ingredients, feed attributes)
        value = value.replace("&amp;", "&")
    plain = _PLAIN.fullmatch(value) if "#" not in value else None
    if plain is not None:  # what the general path below would return, without splitting
        head, query = plain.groups()
        head = head if "/" in head[8:] else head + "/"
        query = _clean_query(query, head) if query else ""
        return f"{head}?{query}" if query else head
    if not value[:8].lower().startswith(("http://", "https://", "//")) and (
        base is None or ":" in value.partition("/")[0]
    ):
        return None  # another scheme (mailto:, javascript:, data:…) or a relative link with no base
    try:
        if base is not None and "://" not in value[:12]:
            value = urljoin(base, value)
        if value.startswith("//"):
            value = "https:" + value
        parts = urlsplit(value)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return None
    host, port = _host_port(parts.netloc)
    if host is None:
        return None
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = _quote(parts.path, _PATH_SAFE) or "/"
    url = f"{scheme}://{netloc}{path}"
    query = _clean_query(parts.query, url)
    fragment = _quote(parts.fragment, _FRAGMENT_SAFE) if keep_fragment else ""
    if query:
        url += "?" + query
    if fragment:
        url += "#" + fragment
    return url


def canonical_url(url: str | None) -> str | None:
    """The canonical form of an http(s) URL, or ``None`` for anything else (``javascript:``, ``data:``…).

    Scheme and host lowercased (IDN hosts as punycode), default port, user info and fragment dropped,
    tracking parameters (``utm_*``, ``fbclid``…) removed, the other parameters kept in order.
    """
    return _normalize(url, keep_fragment=False)


def clean_link(url: str | None, *, base: str | None = None) -> str | None:
    """A link inside content: resolved against ``base``, http(s) only, tracking removed, fragment kept."""
    return _normalize(url, keep_fragment=True, base=base)


def host_of_canonical(canonical: str) -> str:
    """The host of a URL already in canonical form (``scheme://host[:port]/…``), by string slicing."""
    netloc = canonical.split("/", 3)[2]
    if netloc.startswith("["):
        return netloc[: netloc.index("]") + 1]
    return netloc.partition(":")[0]


def host_of(url: str | None) -> str | None:
    """The lowercased host of an http(s) URL (``www.`` kept), or ``None``."""
    canonical = canonical_url(url)
    return None if canonical is None else host_of_canonical(canonical)


def is_shortlink_host(host: str) -> bool:
    """True for a known shortener or redirector host (``ift.tt``, ``bit.ly``, ``www.bit.ly``…)."""
    return host.removeprefix("www.") in link_data().shortlink_hosts


def is_shortlink(url: str | None) -> bool:
    """True when the URL's host is a known shortener or redirector (``ift.tt``, ``bit.ly``…)."""
    host = host_of(url)
    return host is not None and is_shortlink_host(host)


# A page's furniture, never a story's picture, told by its file name or endpoint: a network's share icon
# (Slashdot's "twitter_icon_large.png", "facebook-share-button.gif") or a comment counter
# (Dreamwidth's "/tools/commentcount?…").
_FURNITURE_IMAGE = re.compile(
    r"(?i)/[^/?#]*(?:(?:twitter|facebook|linkedin|reddit|pinterest|whatsapp|telegram|mastodon|email|mail|share|rss)"
    r"[_-]?(?:icon|button|btn|badge)|(?:icon|button|btn)[_-]?(?:twitter|facebook|linkedin|reddit|pinterest|whatsapp"
    r"|telegram|mastodon|email|share|rss))[^/?#]*(?:[?#]|$)|/(?:comment_?)?count(?:er)?(?:\.\w{2,4})?(?:[?#]|$)"
)


_FURNITURE_WORDS = ("icon", "button", "btn", "badge", "count")


def is_placeholder_image(url: str) -> bool:
    """True for images that stand for "no image" (IFTTT's ``…/no_image_card.png``), and for images that
    are a feed's furniture, never an item's picture (FeedBurner's ``feeds.feedburner.com/~ff/`` flare
    buttons: ``[links] not_images``; share icons and comment counters by their file name)."""
    data = link_data()
    if data.not_images and url.split("://", 1)[-1].lower().startswith(data.not_images):
        return True
    lowered = url.lower()  # most pictures name none of the words: substring tests settle them
    if any(map(lowered.__contains__, _FURNITURE_WORDS)) and _FURNITURE_IMAGE.search(url) is not None:
        return True
    placeholders = data.placeholder_images
    if not placeholders:
        return False
    # The path of a printable ASCII URL is a part of it, so a name not in the URL is not in its path.
    if url.isascii() and url.isprintable() and not any(map(lowered.__contains__, placeholders)):
        return False
    try:
        path = urlsplit(url).path
    except ValueError:  # an <img src> is the sender's text: "https://[é/…" is no URL, and no placeholder
        return False
    return path.lower().endswith(placeholders)
