"""Redirect wrappers: a link whose target is a query parameter (Google Alerts' ``google.com/url?url=…``) or its path."""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, urlsplit

from app.normalize.data import publisher_files

__all__ = ["redirect_hosts", "unwrap_redirect"]

# A wrapper that says what it is in its host or path ("redir.folha.com.br/redir/…", "click.example.com",
# "…/out/…"), with the target written out at the end of its path ("…/rss091/*https://www1.folha…").
_WRAPPER_WORD = re.compile(r"(?:^|[./])(?:redir|redirect|click|track|tracking|out|go|link|links)(?=[./]|$)", re.I)
_EMBEDDED = re.compile(r"[/*=](https?://[^/\s]+\.[^/\s]+(?:/\S*)?)$", re.IGNORECASE)


@functools.cache
def _redirects() -> dict[tuple[str, str], tuple[str, ...]]:
    """``[links.redirects]`` of every rule file: ``"host/path" = ["parameter", …]``, merged."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for _stem, table in publisher_files():
        for where, names in table.get("links", {}).get("redirects", {}).items():
            if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
                raise ValueError(f"[links.redirects] {where}: a list of parameter names")
            host, slash, path = where.strip().lower().partition("/")
            found[host, slash + path] = tuple(dict.fromkeys((*found.get((host, slash + path), ()), *names)))
    return found


@functools.cache
def redirect_hosts() -> frozenset[str]:
    """The hosts of the known redirect wrappers (one set lookup settles every other link)."""
    return frozenset(host for host, _path in _redirects())


def unwrap_redirect(canonical: str, host: str) -> str | None:
    """The http(s) target a redirect wrapper carries, or None (not a wrapper, or no usable target).

    ``canonical`` is a link in canonical form and ``host`` its host; the target is returned as written.
    """
    if host not in redirect_hosts():
        return _embedded_target(canonical)
    parts = urlsplit(canonical)
    names = _redirects().get((host, parts.path or "/"))
    if not names:
        return None
    values = dict(parse_qsl(parts.query))
    for name in names:
        target = values.get(name, "").strip()
        if target.lower().startswith(("http://", "https://")):
            return target
    return None


def _embedded_target(canonical: str) -> str | None:
    """The URL written at the end of a wrapper's path, when the wrapper names itself in its host or path.

    A link is only unwrapped when both tell: a path that merely holds a URL (an archive's copy) or a host
    called "link" with no URL in it stays as it is.
    """
    at = canonical.find("http", 8)  # most links hold no second URL: one search settles them
    if at == -1:
        return _own_site_target(canonical)
    parts = urlsplit(canonical)
    found = _EMBEDDED.search(parts.path + ("?" + parts.query if parts.query else ""))
    if found is None:
        return None
    wrapper = parts.netloc + parts.path[: found.start()]
    return found.group(1) if _WRAPPER_WORD.search(wrapper) else None


_HOSTED_PATH = re.compile(r"/((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+)(/\S*)$", re.IGNORECASE)


def _own_site_target(canonical: str) -> str | None:
    """A site's own redirector that writes the target host into its path without a scheme:
    ``go.theregister.com/feed/www.theregister.com/2026/12/02/story/`` → ``https://www.theregister.com/…``.

    Only when the wrapper names itself (``go.``, ``redir``, ``click``…) and the host in the path is the
    wrapper's own site: another site's host in a path is a path, not a target.
    """
    host = canonical.split("/", 3)[2] if canonical.count("/") >= 3 else ""
    site = host.partition(".")[2] if host.count(".") >= 2 else host
    if not site or canonical.find(site, canonical.find(host) + len(host)) == -1:
        return None  # the site's name appears once: no target written in the path (most links)
    parts = urlsplit(canonical)
    found = _HOSTED_PATH.search(parts.path)
    if found is None or _WRAPPER_WORD.search(host + parts.path[: found.start()]) is None:
        return None
    inner = found.group(1).lower()
    if inner != site and not inner.endswith("." + site):
        return None
    query = f"?{parts.query}" if parts.query else ""
    return f"https://{inner}{found.group(2)}{query}"
