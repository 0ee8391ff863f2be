"""Redirect wrappers: a link whose target is a query parameter (Google Alerts' ``google.com/url?url=…``)."""

from __future__ import annotations

import functools
from urllib.parse import parse_qsl, urlsplit

from app.normalize.data import publisher_files

__all__ = ["redirect_hosts", "unwrap_redirect"]


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
        return None
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
