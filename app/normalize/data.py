"""Reads the publisher rule files and name tables (package data, TOML) once, on first use."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from typing import Any, NamedTuple

__all__ = ["LinkData", "NameData", "PathName", "link_data", "name_data", "publisher_files"]

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
        "not_images",
        "placeholder_images",
        "platform_domains",
        "shortlink_hosts",
        "tracking_params",
        "tracking_prefixes",
        "tracking_values",
    )

    def __init__(
        self,
        *,
        shortlink_hosts: frozenset[str],
        tracking_params: frozenset[str],
        tracking_prefixes: tuple[str, ...],
        placeholder_images: tuple[str, ...],
        platform_domains: tuple[str, ...],
        tracking_values: dict[str, tuple[str, ...]],
        not_images: tuple[str, ...] = (),
    ) -> None:
        self.shortlink_hosts = shortlink_hosts
        self.tracking_params = tracking_params
        self.tracking_prefixes = tracking_prefixes
        self.placeholder_images = placeholder_images
        self.not_images = not_images
        """``host/path`` prefixes of images that are never an item's picture (feed-flare buttons, pixels)."""
        self.platform_domains = platform_domains
        """Hosting platforms whose subdomain names the site (``shedlife.wordpress.com``)."""
        self.tracking_values = tracking_values
        """Parameters that track only with one of these value prefixes (``source`` → ``rss``)."""


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
    not_images: set[str] = set()
    platforms: set[str] = set()
    values: dict[str, set[str]] = {}
    for _stem, table in publisher_files():
        links = table.get("links", {})
        hosts.update(_strings(links, "shortlink_hosts"))
        params.update(_strings(links, "tracking_params"))
        prefixes.update(_strings(links, "tracking_param_prefixes"))
        placeholders.update(_strings(links, "placeholder_images"))
        not_images.update(_strings(links, "not_images"))
        platforms.update(_strings(links, "platform_domains"))
        for pair in _strings(links, "tracking_param_values"):
            name, equals, prefix = pair.partition("=")
            if not equals or not prefix:
                raise ValueError(f"[links] tracking_param_values: {pair!r} is not name=value-prefix")
            values.setdefault(name, set()).add(prefix)
    return LinkData(
        shortlink_hosts=frozenset(hosts),
        tracking_params=frozenset(params),
        tracking_prefixes=tuple(sorted(prefixes)),
        placeholder_images=tuple(sorted(placeholders)),
        not_images=tuple(sorted(not_images)),
        platform_domains=tuple(sorted(platforms)),
        tracking_values={name: tuple(sorted(prefixes)) for name, prefixes in values.items()},
    )


class PathName(NamedTuple):
    """A platform that puts the publisher in the link's path: ``reddit.com/r/selfhosted/…`` → ``r/selfhosted``."""

    pattern: re.Pattern[str]
    name: str
    """A format string; ``{0}`` is the pattern's first group."""
    spelled_by_title: bool = False
    """A feed title that spells the name in other capitals or spacing names it too ("Home Assistant", a
    subreddit's own title, for r/homeassistant)."""


class NameData(NamedTuple):
    """``publishers/names/``: publisher hosts, platforms, and what feed titles say besides the name."""

    hosts: dict[str, str]
    """Registrable domain or host → the publisher's name."""
    platforms: frozenset[str]
    """Hosts that carry many publishers, so never name one."""
    platform_names: frozenset[str]
    """Platform names as a feed title carries them, folded (``medium``, ``substack``)."""
    paths: dict[str, PathName]
    author_named: frozenset[str]
    """Platform hosts where the author is the publication (a YouTube channel)."""
    channel_named: frozenset[str]
    """Video platforms where the channel (the author) names the publisher even beside a playlist's title."""
    title_origin: frozenset[str]
    """Aggregator hosts whose item titles end in `` - <origin>`` (Google News)."""
    title_origin_feed: re.Pattern[str] | None
    """The same aggregators named by a feed's title (an applet's shortened link hides their host)."""
    portals: frozenset[str]
    """A government's one host for all its departments (canada.ca, gov.uk): a feed's title names the department."""
    section_words: frozenset[str]
    feed_words: frozenset[str]
    name_prefixes: tuple[str, ...]
    """Lead-ins before the name a feed title is about (``stories by``), folded."""
    name_suffixes: tuple[re.Pattern[str], ...]
    """Endings after the name a feed title is about (``’s videos``, ``:main commits``); group 1 is the name."""
    placeholder_titles: frozenset[str]
    """Titles a platform writes when there is none (``untitled``), folded."""
    placeholder_patterns: tuple[re.Pattern[str], ...]
    """Titles of a reader's own collection (``Pocket Feed for <reader>``): no publisher's."""
    aliases: dict[str, str]
    """Short forms feed titles use (``nyt``, letters and digits only, folded) → the publisher's name."""
    sections: dict[str, str]
    """``host/segment`` → the name of a publication with its own masthead under that host (``sections.toml``)."""


def _names_file(name: str) -> dict[str, Any]:
    folder = resources.files(PUBLISHERS_PACKAGE).joinpath(PUBLISHERS_DIR).joinpath("names")
    return tomllib.loads(folder.joinpath(name).read_text(encoding="utf-8"))


def _pattern(pattern: object) -> re.Pattern[str] | None:
    """A data file's regular expression, compiled; None where the file gives none."""
    return re.compile(pattern) if isinstance(pattern, str) and pattern else None


def _lower_strings(table: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(_strings(table, key))


@functools.cache
def name_data() -> NameData:
    """Read ``publishers/names/*.toml`` once: hosts are lowercased, words folded."""
    hosts_file = _names_file("hosts.toml")
    titles = _names_file("feed_titles.toml")
    platforms = hosts_file.get("platforms", {})
    paths = {
        host.lower(): PathName(re.compile(entry["pattern"]), entry["name"], bool(entry.get("spelled_by_title")))
        for host, entry in platforms.get("paths", {}).items()
    }
    return NameData(
        hosts={host.lower(): name for host, name in hosts_file.get("hosts", {}).items()},
        platforms=_lower_strings(platforms, "hosts"),
        platform_names=frozenset(name.casefold() for name in _strings(platforms, "names")),
        paths=paths,
        author_named=_lower_strings(platforms, "author_named"),
        channel_named=_lower_strings(platforms, "channel_named"),
        title_origin=_lower_strings(platforms.get("title_origin", {}), "hosts"),
        title_origin_feed=_pattern(platforms.get("title_origin", {}).get("feed_title")),
        portals=_lower_strings(platforms.get("portals", {}), "hosts"),
        section_words=frozenset(word.casefold() for word in _strings(titles, "section_words")),
        feed_words=frozenset(word.casefold() for word in _strings(titles, "feed_words")),
        name_prefixes=tuple(sorted(prefix.casefold() + " " for prefix in _strings(titles, "name_prefixes"))),
        name_suffixes=tuple(
            re.compile(pattern) for pattern in titles.get("name_suffixes", [])
        ),  # regexes: not lowercased
        placeholder_titles=frozenset(title.casefold() for title in _strings(titles, "placeholder_titles")),
        placeholder_patterns=tuple(re.compile(p, re.IGNORECASE) for p in titles.get("placeholder_patterns", [])),
        aliases={re.sub(r"[\W_]+", "", short.casefold()): name for short, name in titles.get("aliases", {}).items()},
        sections={key.lower(): name for key, name in _names_file("sections.toml").get("sections", {}).items()},
    )
