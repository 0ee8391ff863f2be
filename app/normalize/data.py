"""Reads the publisher rule files (package data, TOML) once, on first use."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

__all__ = ["LinkData", "link_data", "publisher_files"]

PUBLISHERS_PACKAGE = "app.normalize"
PUBLISHERS_DIR = "publishers"


@functools.cache
def publisher_files() -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every ``publishers/*.toml`` as ``(stem, table)``, sorted by stem (so always the same order)."""
    folder = resources.files(PUBLISHERS_PACKAGE).joinpath(PUBLISHERS_DIR)
    found: list[tuple[str, dict[str, Any]]] = []
    for entry in folder.iterdir():
        if entry.name.endswith(".toml") and entry.is_file():
            found.append((entry.name[: -len(".toml")], tomllib.loads(entry.read_text(encoding="utf-8"))))
    return tuple(sorted(found, key=lambda pair: pair[0]))


class LinkData:
    """The ``[links]`` tables of all rule files, merged: shortlink hosts, tracking parameters, placeholders."""

    __slots__ = (
        "placeholder_images",
        "platform_domains",
        "shortlink_hosts",
        "tracking_params",
        "tracking_prefixes",
    )

    def __init__(
        self,
        *,
        shortlink_hosts: frozenset[str],
        tracking_params: frozenset[str],
        tracking_prefixes: tuple[str, ...],
        placeholder_images: tuple[str, ...],
        platform_domains: tuple[str, ...],
    ) -> None:
        self.shortlink_hosts = shortlink_hosts
        self.tracking_params = tracking_params
        self.tracking_prefixes = tracking_prefixes
        self.placeholder_images = placeholder_images
        self.platform_domains = platform_domains
        """Hosting platforms whose subdomain names the site (``shedlife.wordpress.com``)."""


def _strings(table: dict[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"[links] {key} must be a list of strings")
    return [item.strip().lower() for item in value if item.strip()]


@functools.cache
def link_data() -> LinkData:
    """Merge the ``[links]`` tables of every rule file (publisher files can add their own shorteners)."""
    hosts: set[str] = set()
    params: set[str] = set()
    prefixes: set[str] = set()
    placeholders: set[str] = set()
    platforms: set[str] = set()
    for _stem, table in publisher_files():
        links = table.get("links", {})
        hosts.update(_strings(links, "shortlink_hosts"))
        params.update(_strings(links, "tracking_params"))
        prefixes.update(_strings(links, "tracking_param_prefixes"))
        placeholders.update(_strings(links, "placeholder_images"))
        platforms.update(_strings(links, "platform_domains"))
    return LinkData(
        shortlink_hosts=frozenset(hosts),
        tracking_params=frozenset(params),
        tracking_prefixes=tuple(sorted(prefixes)),
        placeholder_images=tuple(sorted(placeholders)),
        platform_domains=tuple(sorted(platforms)),
    )
