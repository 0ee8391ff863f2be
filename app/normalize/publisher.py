"""Publisher identity: the ``source`` of an item is its publisher's name, never a feed or section label.

Decided from, in order: the item's own origin when an aggregator relays it (Google News'
``<source>``, else the `` - Reuters`` its titles end with); IFTTT's ``from <FeedTitle> <url>``
footer, which names where the story came from; the table of publisher hosts for the article's host
(``publishers/names/hosts.toml``, looked up through the host's parents; a publication of its own under
that host by the path's first segment, ``names/sections.toml``: bbc.co.uk/sport is "BBC Sport"); a
platform that puts the publisher in the path (``r/selfhosted``); the feed title with its section and
platform parts taken off, else the feed logo's title; the feed's own host in the table; the author where
the platform makes the author the publication (a YouTube channel); the rule files' site name; the words
of the item that spell the site's host ("Federal Reserve"); the words the site's domain runs together, in the
item's language (``finegardening.com`` → "Fine Gardening", ``laprensaaustral.cl`` → "La Prensa Austral") or its
one pronounceable word (``sprudge.com`` → "Sprudge", ``clarin.com`` in Spanish → "Clarín"),
else its registrable domain (``mstdn.jp``); and last, when no article link names a host, the table's
name for the host of the item's picture, or an author written as a site's name ("Capital.gr").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from html import unescape
from urllib.parse import urlsplit

from anyascii import anyascii

from app.normalize.data import link_data, name_data
from app.normalize.languages import (
    NAME_LANGUAGES,
    accented_word,
    articles,
    guess_language,
    is_common_in,
    small_words,
    split_in,
)
from app.normalize.text import clean_text
from app.normalize.urls import is_shortlink_host, unicode_label
from app.normalize.words import is_ordinary, split_words

__all__ = [
    "bracketed_lead",
    "clean_feed_title",
    "host_name",
    "names_platform",
    "names_site",
    "on_channel_platform",
    "on_platform_removed",
    "post_account",
    "publisher_name",
    "registrable_label",
    "relays_feed",
    "relays_titles",
    "section_name",
    "site_label",
    "site_lead",
    "spelled_name",
    "unmarked",
    "word_label",
    "worded_label",
]

# Second-level labels under which a country code registers names (bbc.co.uk, abc.net.au, nhk.or.jp).
_MULTI_PART_SUFFIXES = frozenset(
    {"co", "com", "org", "net", "ac", "gov", "gouv", "edu", "ne", "or", "go", "gob", "nic"}
)
# A state's registry under its country's government or education one, as the Public Suffix List has them: the
# Australian states' (police.sa.gov.au, health.nsw.gov.au) and the Brazilian ones' (saopaulo.sp.gov.br).
_AU_STATES = frozenset({"act", "nsw", "nt", "qld", "sa", "tas", "vic", "wa"})
_BR_STATES = frozenset(
    {"ac", "al", "am", "ap", "ba", "ce", "df", "es", "go", "ma", "mg", "ms", "mt", "pa", "pb", "pe", "pi", "pr", "rj",
     "rn", "ro", "rr", "rs", "sc", "se", "sp", "to"}
)  # fmt: skip
_STATE_REGISTRIES = {"gov.au": _AU_STATES, "edu.au": _AU_STATES, "gov.br": _BR_STATES}
_STATE_SITE_WORDS = frozenset({"www", "news", "portal", "media", "mediareleases", "newsroom", "online", "m"})
# Where a feed title joins its parts: "World news | The Guardian", "NYT > World News", "Ars Technica -
# All content", "NPR Topics: Science", "TechCrunch » Startups". A dash or colon only between words
# (with a space after it) so "Wi-Fi", "Make:" and "3:30" stay whole.
# A pictograph between words too ("Remote OK 👷 Remote Jobs").
# A slash only with spaces round it ("Vimeo / Saltmarsh Films"): "tallis/wingbeat" and "AC/DC" stay whole.
# "PyPI recent updates for tidewright", "Steam news for Lanternfall": a site's feed about one of its subjects.
# A dash or underscore touching a CJK character separates too: those scripts put no spaces round it
# ("人民网-时政频道", "新华网_科技", "奇客Solidot–传递最新科技情报").
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef"
# (">" as in "NYT > Top Stories", not an arrow's head: "blog :: Brent -> [String]")
_SEPARATOR = re.compile(
    r"\s*[|»·•：│｜]\s*|\s*(?<![-=])>\s*|\s+[-–—/]+\s+|\s*::?\s+|\s+[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?\s+"
    r"|\s+(?:(?:recent|latest|new)\s+)?(?:updates|releases|news|posts|articles)\s+(?:for|about)\s+"
    rf"|(?<=[{_CJK}])[-–—_]+|[-–—_]+(?=[{_CJK}])",
    re.IGNORECASE,
)
_DOING = re.compile(r"[a-z]+ing\s")
_PLATFORM_SUFFIX = re.compile(r"\s+on\s+(\w[\w.]*)\s*$", re.IGNORECASE)  # "Platformer on Substack"
_NOT_WORD = re.compile(r"[\W_]+")
_HANDLE = re.compile(r"@[\w.-]{1,100}(?:@[\w.-]{1,100})?")  # @name, @name.bsky.social, @name@instance
_ACRONYM_LETTERS = 3
_ARTICLES = frozenset({"the", "a", "an", "la", "le", "les", "el", "los", "las", "der", "die", "das", "il", "lo"})
_MIN_HOST_KEY = 4  # "Patch" names patch.com; "AP" or "MA" alone could be any word


@functools.lru_cache(maxsize=1024)  # a feed's items share their hosts
def registrable_label(host: str) -> str | None:
    """The label a site registered: ``www.bbc.co.uk`` → ``bbc``, ``feeds.arstechnica.com`` → ``arstechnica``.

    A subdomain of a hosting platform is the site (``shedlife.wordpress.com`` → ``shedlife``). A suffix
    walk over common second-level registries stands in for the Public Suffix List: it only has to find
    a name to show or compare, never to decide a security boundary.
    """
    if not host or host.startswith("[") or host.replace(".", "").isdigit():
        return None
    platform = _hosting_platform(host)
    if platform is not None:
        return host[: -len(platform) - 1].rsplit(".", 1)[-1]
    labels = host.split(".")
    if len(labels) >= 4 and labels[-3] in _STATE_REGISTRIES.get(f"{labels[-2]}.{labels[-1]}", ()):
        # police.sa.gov.au: South Australia's, "police" (a portal's or a news room's own word is no body's name)
        return labels[-3] if labels[-4] in _STATE_SITE_WORDS else labels[-4]
    if len(labels) >= 3 and labels[-2] in _MULTI_PART_SUFFIXES and len(labels[-1]) == 2 and labels[-3] != "www":
        return labels[-3]  # (www.gov.br is the registry's own site: "gov", never "www")
    return labels[-2] if len(labels) >= 2 else labels[0]


def _hosting_platform(host: str) -> str | None:
    """The hosting platform whose subdomain ``host`` is a site on (shedlife.wordpress.com), or None; a platform's
    own servers are no site on it (traffic.libsyn.com, share.transistor.fm, www.podbean.com)."""
    platform = next((p for p in link_data().platform_domains if host.endswith("." + p)), None)
    if platform is None or host[: -len(platform) - 1].rsplit(".", 1)[-1] in _PLATFORM_SERVERS:
        return None
    return platform


def _platform_server(host: str) -> bool:
    """A hosting platform's own host, no site on it: tumblr.com, www.tumblr.com, traffic.libsyn.com."""
    return _hosting_platform(host) is None and any(
        host == platform or host.endswith("." + platform) for platform in link_data().platform_domains
    )


# The subdomains a hosting platform serves its own pages, feeds, players and files from.
_PLATFORM_SERVERS = frozenset(
    {"www", "feeds", "feed", "feeds-free", "rss", "traffic", "share", "player", "html5-player", "embed", "api",
     "api-v2", "cdn", "mcdn", "pbcdn", "hwcdn", "secure-hwcdn", "media", "static", "assets", "img", "images", "audio",
     "files", "miro", "cdn-images-1", "cdn-images-2", "podcasts", "app", "main", "en", "de", "fr", "es", "it", "help",
     "blog", "status", "docs", "support", "show", "shows"}
)  # fmt: skip
# Podcast hosts, where a show's subdomain is written with its words parted ("the-secure-developer.libsyn.com"); on
# the blog platforms a hyphenated account ("rust-lang.github.io") is a handle, written as it is.
_SHOW_PLATFORMS = frozenset(
    {"libsyn.com", "simplecast.com", "podbean.com", "transistor.fm", "captivate.fm", "podigee.io"}
)


def site_label(host: str | None) -> str | None:
    """The site's registrable domain as a reader would type it: ``www.theledgerline.com`` → ``theledgerline.com``.

    The domain, not a title-cased label: "Theledgerline" misspells a name whose word breaks the host
    does not show; but a label of two or three letters is the acronym it stands for (``sec.gov`` →
    ``SEC``). On a hosting platform the subdomain is the site's name (``inkwell-sketches.tumblr.com``
    → ``inkwell-sketches``); IDN labels in Unicode.
    """
    label = registrable_label(host) if host else None
    if not host or not label:
        return None
    if _hosting_platform(host) is not None:
        return unicode_label(label)  # the blog's own name on its platform: "inkwell-sketches"
    if len(label) <= _ACRONYM_LETTERS and label.isascii() and label.isalnum() and label[0].isalpha():
        return label.upper()  # sec.gov, svt.se, ksl.com, ib3.org: a name of two or three characters is an acronym
    labels = host.split(".")
    domain = ".".join(labels[labels.index(label) :]) if label in labels else host
    shown = [unicode_label(part) for part in domain.split(".")]
    return ".".join(part for part in shown if part) if all(shown) else None


@functools.lru_cache(maxsize=1024)
def host_name(host: str | None) -> str | None:
    """The publisher a host belongs to, from the table, looked up through its parents; None for a platform."""
    if not host:
        return None
    data = name_data()
    while "." in host:
        name = data.hosts.get(host)
        if name is not None:
            return name
        if host in data.platforms:
            return None
        label, _, host = host.partition(".")
        if label != "www" and _registry(host):
            return None  # tfl.gov.uk is not GOV.UK: a site under a registry is no part of the registry's own site
    return None


def _registry(host: str) -> bool:
    """A country's second-level registry under which others register names: gov.uk, co.uk, com.au."""
    first, _, last = host.partition(".")
    return first in _MULTI_PART_SUFFIXES and len(last) == 2 and "." not in last


def section_name(host: str | None, path: str | None) -> str | None:
    """A publication under a bigger publisher's host, by its first path segment (bbc.co.uk/sport → "BBC Sport")."""
    if not host or not path or not _has_sections(host):
        return None
    segment = path.lstrip("/").split("/", 1)[0].split("?", 1)[0].lower()
    return _section_of(host, segment) if segment else None


@functools.lru_cache(maxsize=1024)  # a feed's links share a host
def _has_sections(host: str) -> bool:
    """Whether the host or a parent of it has sections in the table: most hosts have none, and a new story's
    first path segment (its slug) would otherwise miss ``_section_of``'s memory on every item (1,251,442 →
    1,246,122 instructions per bench.normalize item, −0.4 %; docs/benchmarks-normalize.md (p))."""
    hosts = _section_hosts()
    while "." in host:
        if host in hosts:
            return True
        host = host.partition(".")[2]
    return False


@functools.cache
def _section_hosts() -> frozenset[str]:
    """The hosts the table names sections of."""
    return frozenset(key.partition("/")[0] for key in name_data().sections)


@functools.lru_cache(maxsize=1024)  # a feed's links share a host and a few sections
def _section_of(host: str, segment: str) -> str | None:
    sections = name_data().sections
    while "." in host:
        if (name := sections.get(f"{host}/{segment}")) is not None:
            return name
        host = host.partition(".")[2]
    return None


def _path_name(host: str | None, path: str | None) -> tuple[str, bool] | None:
    """A platform's publisher from the link's path (``reddit.com/r/selfhosted/…`` → ``r/selfhosted``), and whether
    a feed title spelling it in other capitals or spacing names it too."""
    if not host or not path:
        return None
    paths = name_data().paths
    while "." in host:
        entry = paths.get(host)
        if entry is not None:
            match = entry.pattern.match(path)
            return (entry.name.format(match.group(1)), entry.spelled_by_title) if match else None
        host = host.partition(".")[2]
    return None


# Reddit's listing feeds' titles: "newest submissions : golang", "top scoring links : golang".
_REDDIT_LISTING = re.compile(r"(?:newest submissions|top scoring links) : (?P<name>\w{2,21})")


def _names_path(feed_title: str, path_name: str, hosts: tuple[str | None, ...], spelled: bool = False) -> bool:
    """The feed title, section words off, is the name a platform's path gives, as the path writes it ("houseplants"
    for r/houseplants), or, where the platform allows it (``spelled``), in other capitals or spacing ("Home
    Assistant" for r/homeassistant)."""
    cleaned = clean_feed_title(feed_title, hosts)
    name = path_name.rpartition("/")[2]
    if not cleaned:
        return False
    # as written: "Neovim" is no "neovim/neovim"
    return name == cleaned or (spelled and _NOT_WORD.sub("", cleaned.casefold()) == name.casefold())


def _fold(text: str) -> str:
    """Letters and digits only, lowercased, a leading "the" dropped, "&" read "and": "The Guardian" → "guardian".

    ("Fennel & Fig Bakery" names fennelandfig.com: a host spells the ampersand out.)
    """
    folded = _NOT_WORD.sub("", text.casefold().replace("&", "and"))
    if not folded.isascii():  # "Коммерсантъ" names kommersant.ru: a host spells the name in Latin letters
        folded = _NOT_WORD.sub("", anyascii(folded).casefold())
    return folded[3:] if folded.startswith("the") and len(folded) > 5 else folded


# Top-level domains a name reads aloud as its last word ("Stacker News", "Radio X FM"); ".com" is not.
_WORD_TLDS = frozenset({"news", "ai", "blog", "tech", "media", "app", "dev", "io", "fm", "tv", "me", "today", "live"})
_PLAIN_SUBDOMAINS = frozenset({"www", "feeds", "feed", "rss", "m", "amp", "api", "cdn", "static", "blog", "blogs"})


def _host_keys(hosts: Sequence[str | None]) -> frozenset[str]:
    """The folded names a title may give the hosts: the registrable label, the label with its top-level
    domain ("Stacker News"), and with a subdomain that is a publication of its own, both orders of the
    two ("MIT News" is news.mit.edu's whole name)."""
    return _keys_of(tuple(hosts))


@functools.lru_cache(maxsize=1024)  # a feed's items share their hosts: 9 µs → 0.3 µs an item (cProfile, bench)
def _keys_of(hosts: tuple[str | None, ...]) -> frozenset[str]:
    keys: set[str] = set()
    for host in hosts:
        label = registrable_label(host) if host else None
        if not host or not label or _platform_server(host):
            continue  # (www.tumblr.com/wilwheaton/…: the platform's own host names no one)
        key = _fold(unicode_label(label) or label)
        keys.add(key)
        tld = host.rsplit(".", 1)[-1]
        if tld in _WORD_TLDS:
            keys.add(key + tld)  # "Stacker News" is stacker.news whole, "The Rundown AI" therundown.ai
        sub = host.split(".", 1)[0]
        if sub != label and sub not in _PLAIN_SUBDOMAINS and sub.replace("-", "").isalnum() and not sub.isdigit():
            keys.update((key + _fold(sub), _fold(sub) + key))
            if "-" in sub or host.split(".", 1)[1] in name_data().platforms:
                # words joined by a hyphen name a site of its own (philsci-archive.pitt.edu), as a show's or a
                # blog's subdomain does on its platform ("20VC" on 20vc.libsyn.com)
                keys.add(_fold(sub))
    keys.discard("")
    return frozenset(keys)


def names_site(line: str, hosts: Sequence[str | None]) -> bool:
    """The line is the site's name alone, perhaps with a desk (``Medscape News Canada`` on medscape.com).

    At most four words, no sentence, and its letters start with the registrable label of one of ``hosts``
    (four letters or more: "AP" or "BBC" alone say too little to tell a name from a word); a hosting
    platform's host (github.com, medium.com) names no publisher.
    """
    if line.count(" ") > 3 or line[-1:] in '.!?…"”’' or not line[:1].isalpha():
        return False
    folded = _fold(line)
    # A platform's name is no publisher's sign-off ("GitHub Actions" ending a release note on github.com).
    platforms = name_data().platforms
    own = tuple(host for host in hosts if host and not _on(host, platforms))
    return any(len(key) >= 4 and folded.startswith(key) for key in _host_keys(own))


def _matches_host(part: str, keys: frozenset[str], *, loose: bool) -> bool:
    """The part names the site: "Ars Technica" ~ arstechnica, loosely "NYT" ~ nytimes, "NPR Topics" ~ npr."""
    folded = _fold(part)
    if not folded:
        return False
    if not loose:
        # (or its gloss does: "The Twenty Minute VC (20VC)" on 20vc.libsyn.com)
        return folded in keys or ((glossed := _GLOSSED.search(part)) is not None and _fold(glossed[1]) in keys)
    # (or ends with it: "The American Spectator" ~ spectator)
    return any(
        (len(folded) >= 3 and key.startswith(folded))
        or (len(key) >= 3 and folded.startswith(key))
        or (len(key) >= _ENDING_KEY_CHARS and folded.endswith(key))
        for key in keys
    )


_ENDING_KEY_CHARS = 5


def _is_section(part: str) -> bool:
    words = name_data().section_words
    tokens = [token for token in _NOT_WORD.split(part.casefold()) if token]
    return bool(tokens) and all(token in words for token in tokens)


def _trim_feed_words(part: str) -> str:
    """ "NPR Topics" → "NPR": a trailing word that names the feed, not the site."""
    words = part.split()
    feed_words = name_data().feed_words
    while len(words) > 1 and _NOT_WORD.sub("", words[-1].casefold()) in feed_words:
        words.pop()
    return " ".join(words)


def _host_words(part: str, keys: frozenset[str]) -> str | None:
    """ "Boston, MA Patch" on patch.com → "Patch": the words at the end that spell the site's host."""
    words = part.split()
    if _fold(part) in keys:  # "The Tideline" on thetideline.com is the name whole
        return None
    # Only at the end: a name that starts with the host's word goes on with its own ("Fernhill Notes" on
    # fernhill.dev), while a local edition puts its place, with its state after a comma, before it ("Boston,
    # MA Patch").
    for cut in range(1, len(words)):
        folded = _fold(" ".join(words[cut:]))
        if len(folded) >= _MIN_HOST_KEY and folded in keys:
            if words[cut - 1].casefold() in _WITH_WORDS or (
                words[cut - 1] in _NAME_JOINERS and not _is_section(" ".join(words[: cut - 1]))
            ):
                # "Civil Discourse with Joyce Vance": a show named with its host is named whole, as one whose words
                # a small word joins to it ("Welcome to Night Vale" on nightvale.libsyn.com; Hugo's "News on
                # Marsh Lane Allotments" is a section on the site; "Blog de Platzi" is Platzi's blog)
                return None
            if all("," not in word and word[:1].isupper() for word in words[:cut]) and not _is_section(
                " ".join(words[:cut])
            ):
                return None  # capitalized words before it are the name's own: "Gibraltar Chronicle", "St. Charles
                # Herald Guide", "Cassie Kozyrkov"
            if any(word.casefold().strip(",") in _SENTENCE_WORDS for word in words[:cut]):
                return None  # "It Will Never Work in Theory": words of a phrase, no edition's place
            return " ".join(words[cut:])
    return None


_WITH_WORDS = frozenset({"with", "w/", "avec", "mit", "con", "com", "met", "med"})
_SENTENCE_WORDS = frozenset(
    {"it", "i", "we", "you", "he", "she", "they", "will", "would", "can", "is", "are", "was", "be", "not", "just", "my"}
    | {"our", "your", "how", "why", "what", "when", "where", "who", "do", "does", "did", "have", "has", "let", "let's"}
)


def _host_lead(part: str, keys: frozenset[str]) -> str | None:
    """ "Met Office UK Weather Warnings" on metoffice.gov.uk → "Met Office": the words at the start spell
    the site's host (or are its domain: "Eurogamer.net Latest Articles Feed") and section words follow.

    One section word after a name of one ordinary word may be the name's own ("Scripting News", "Amnesty
    International"; "News" there always is), not after an acronym, a coined word or a name of several
    words ("IMF News", "PostgreSQL news", "National Geographic News"). A title that spells the whole host
    stays whole ("MIT News" on news.mit.edu). Not after an article ("The Cloudflare Blog" is a name
    whole), and never cutting a blog's or journal's own name ("Orbweaver Engineering Blog").
    """
    words = part.split()
    if len(words) < 2 or words[0].casefold() in _ARTICLES or _fold(part) in keys:
        return None
    if _BRAND_DOMAIN.fullmatch(words[0]) and all(_is_section(word) for word in words[1:]):
        return words[0]  # a site's domain is its name, whatever the host: "Eurogamer.net Latest Articles Feed"
    for cut in range(1, len(words)):
        head = " ".join(words[:cut])
        domain = _DOMAIN_WORD.fullmatch(head) if cut == 1 and "." in head else None
        folded = _fold(registrable_label(domain.group(1).lower()) or "") if domain else _fold(head)
        if domain and folded not in keys:  # "Video.js" reads as a domain, and spells videojs.org whole
            domain, folded = None, _fold(head)
        if len(folded) >= _ACRONYM_LETTERS and folded in keys:
            rest = words[cut:]
            if not all(_is_section(word) and _fold(word) not in _PUBLICATION_WORDS for word in rest):
                return None
            head = head.rstrip(".,;")  # "Коммерсантъ. Лента новостей": a full stop ends the name
            if _POSSESSIVE_END.search(head):
                return None  # "Rick Steves' Europe": a name in the possessive owns the words after it
            if cut >= 2 or domain or _coined(head):
                return head
            if rest[0][:1].islower():  # "Rijksmuseum persberichten": a name's own words are capitalized
                return head
            if rest[0].casefold() == "news":  # "Scripting News Latest": "News" after one plain word is its own
                return f"{head} {rest[0]}" if len(rest) >= 2 else None
            return head if len(rest) >= 2 else None
    return None


def _coined(word: str) -> bool:
    """An acronym or a made-up word: "IMF", "RTÉ", "PostgreSQL", "News24", "Video.js", "Caltrain" (a word of
    Latin letters no English word list has; never "Scripting" or "Amnesty")."""
    letters = [char for char in word if char.isalpha()]
    if "." in word[1:-1]:
        return True
    if any(char.isdigit() for char in word) or (len(letters) >= 2 and any(c.isupper() for c in letters[1:])):
        return True
    return len(word) >= _MIN_HOST_KEY and word.isascii() and word.isalpha() and not is_ordinary(word)


# Section words that make a publication of their own with the site's name: "Orbweaver Blog".
_PUBLICATION_WORDS = frozenset({"blog", "journal", "engineering", "insights", "magazine"})
# The last word of an institution's name: the section words after it label its feed ("American Heart
# Association News", "Harvard University News"), where after a masthead they are its name ("Manchester
# Evening News").
_INSTITUTION_WORDS = frozenset(
    {
        "association", "society", "institute", "institution", "university", "college", "school", "academy",
        "agency", "council", "foundation", "authority", "administration", "department", "ministry",
        "commission", "organization", "organisation", "federation", "alliance", "hospital", "clinic",
        "museum", "library", "laboratory", "bureau", "bank", "corporation", "parliament", "government", "police",
    }
)  # fmt: skip
# The last word of a company's or a project's name, and a place's government ("Khronos Group News", "City of Boston
# News"): only a news room's words after it label its feed ("Expedia Group Technology" is a blog's name).
_BODY_WORDS = frozenset({"group", "consortium", "project", "initiative", "company", "inc", "ltd", "plc", "gmbh"})
_NEWSROOM_WORDS = frozenset({"news", "newsroom", "releases", "updates", "announcements", "latest"})


# A place's government by its name: "City of Boston News", "County of Los Angeles Newsroom".
_MUNICIPALITY = re.compile(r"(?i)(?:the )?(?:city|town|county|village|borough|municipality|district|shire|state) of ")
# A section word that makes a masthead of the name before it: "CBC News", "FOX Business", "BBC Sport".
_MASTHEAD_TAILS = (["news"], ["business"], ["sport"], ["sports"])


def _trim_section_tail(part: str) -> str:
    """ "Toronto Police Service News Releases" → "Toronto Police Service": two or more section words at
    the end go when two or more words stay ("Fox News Latest" keeps its "News": "Fox" alone is no name);
    any after a name in a script without capitals or spaces ("自由時報 即時新聞" → "自由時報") or a coined
    name ("News24 Top Stories" → "News24")."""
    words = part.split()
    keep = len(words)
    while keep > 0 and _is_section(words[keep - 1]):
        keep -= 1
    named = [word for word in words[:keep] if word.casefold() not in _ARTICLES]  # "The Airbnb" is one word
    # A name in a script without capitals and spaces is one word whole ("自由時報 即時新聞"), and so is a
    # coined one ("News24 Top Stories", "IGN All"), unless only a masthead word follows it ("CBC News", "FOX Business").
    one = named[0] if len(named) == 1 and len(named[0]) >= 2 else ""
    trailing = len(words) - keep
    if trailing and _fold(words[-1]) in _PUBLICATION_WORDS:
        return part  # "Google Online Security Blog": a blog's name ends with "Blog"
    whole = bool(one) and (
        one.lower() == one.upper()
        or (_coined(one) and words[0] == one and [w.casefold() for w in words[keep:]] not in _MASTHEAD_TAILS)
    )  # (after an article a name is whole with what follows: "The Cloudflare Latest News")
    last = words[keep - 1].casefold().rstrip(".") if keep else ""
    newsroom = all(word.casefold() in _NEWSROOM_WORDS for word in words[keep:])
    institution = (
        trailing >= 1
        and len(named) >= 2
        and (
            last in _INSTITUTION_WORDS
            or (newsroom and (last in _BODY_WORDS or _MUNICIPALITY.match(" ".join(named)) is not None))
        )
    )
    cut = (trailing >= 2 and len(named) >= 2) or (trailing >= 1 and whole) or institution
    kept = " ".join(words[:keep])
    # "Rick Steves' Europe": a name that ends in a possessive owns what follows it; "… Museum of Art",
    # "National Library of Australia": a tail joined by "of" is the name's
    joined = keep < len(words) and words[keep].casefold() in _JOINING_WORDS
    # ("Toute La Culture", "The Culture": an article before the word is the name's own)
    joined = joined or (0 < keep < len(words) and words[keep - 1].casefold() in _ARTICLES)
    return kept if cut and not joined and not _POSSESSIVE_END.search(kept) else part


_JOINING_WORDS = frozenset({"of", "and", "for", "in", "on", "the", "a", "&", "de", "du", "des", "der", "di", "del"})
_POSSESSIVE_END = re.compile(r"(?:['’]s?)$")
_PLAIN_FEED_WORDS = frozenset({"feed", "feeds", "topics", "headlines"})


def _trim_technical_words(title: str) -> str:
    """A whole title's feed words go only when one of them is more than "Feed": "Engadget RSS Feed" →
    "Engadget", "연합뉴스 최신기사" → "연합뉴스", but "Cool Feed" may well be the feed's name."""
    trimmed = _trim_feed_words(title)
    gone = title[len(trimmed) :].split()
    return trimmed if any(_NOT_WORD.sub("", word.casefold()) not in _PLAIN_FEED_WORDS for word in gone) else title


def _drop_prefix(part: str) -> str:
    """ "Stories by Kofi Mensah" → "Kofi Mensah": a lead-in before the name the feed is about."""
    folded = part.casefold()
    prefix = next((p for p in name_data().name_prefixes if folded.startswith(p)), None)
    return part[len(prefix) :].strip() if prefix and len(part) > len(prefix) else part


def _drop_suffix(part: str) -> str:
    """ "Saltmarsh Films’s videos" → "Saltmarsh Films", "tidewater:main commits" → "tidewater"."""
    for suffix in name_data().name_suffixes:
        if (match := suffix.match(part)) is not None and match.group(1).strip():
            return match.group(1).strip()
    return part


def relays_titles(host: str) -> bool:
    """Whether ``host`` is an aggregator's that ends each item's title with its origin (news.google.com)."""
    aggregators = name_data().title_origin
    return host in aggregators or host.partition(".")[2] in aggregators


def relays_feed(feed_title: str | None) -> bool:
    """Whether a feed's title names such an aggregator ("Galvenās ziņas - Google ziņas")."""
    pattern = name_data().title_origin_feed
    return bool(feed_title) and pattern is not None and pattern.search(feed_title or "") is not None


def _title_origin(title: str | None, hosts: Sequence[str | None], feed_title: str | None = None) -> str | None:
    """The origin an aggregator appends to an item's title ("… - Reuters" on Google News), if it is one."""
    if not title or " - " not in title:
        return None
    hidden = not hosts[0] or is_shortlink_host(hosts[0])  # the article's link says nothing of where it is
    if not any(host and relays_titles(host) for host in hosts) and not (hidden and relays_feed(feed_title)):
        return None
    origin = clean_text(title[-200:].rpartition(" - ")[2])
    return origin if origin and len(origin) <= 80 else None


@functools.lru_cache(maxsize=512)
def _clean_title(title: str, keys: frozenset[str]) -> str | None:
    platforms = name_data().platform_names
    suffix = _PLATFORM_SUFFIX.search(title)
    if suffix is not None and suffix.group(1).casefold() in platforms:
        title = title[: suffix.start()]
    elif (
        suffix is not None
        and "." in suffix.group(1)
        and _fold(registrable_label(suffix.group(1).lower()) or "") in keys
    ):
        # "cs.DL updates on arXiv.org": the site the feed is on is the site itself, what stands before
        # it is a section of it.
        return suffix.group(1)
    parts = [_drop_suffix(_drop_prefix(part.strip())) for part in _SEPARATOR.split(title)]
    parts = [part for part in parts if part and _fold(part) and part.casefold() not in platforms]
    # "@scottmanley.bsky.social - Scott Manley": the account's handle beside its display name, the name
    names = [part for part in parts if not _HANDLE.fullmatch(part)]
    parts = names or parts
    if not parts:
        return None
    if len(parts) == 1:
        if parts[0] == title.strip() and _is_section(title) and not _opens_with_host(title, keys):
            return None  # "Press Releases" alone names nobody (beside a platform, "Engineering - Medium", it
            # is the publication's name; on popular.info "Popular Information" is the site's)
        known = _known_as(parts[0])
        if known != parts[0] and "." in parts[0]:
            return known
        if _fold(parts[0]) in keys:
            return parts[0]  # the host spelled whole ("The Rundown AI" on therundown.ai) keeps every word
        site, comma, _tagline_words = parts[0].partition(", ")
        if comma and _fold(site) in keys:
            return site.strip()  # "Energías Renovables, el periodismo de las energías limpias": the name, its tagline
        return (
            _brand_domain(parts[0], keys)
            or _domain_name(parts[0], keys)
            or _host_words(parts[0], keys)
            or _host_lead(parts[0], keys)
            or _trim_section_tail(_trim_technical_words(parts[0]))
        )
    for loose in (False, True):
        named = next((part for part in parts if _matches_host(part, keys, loose=loose)), None)
        if named is not None:  # "CourtListener.com: All opinions for …" on courtlistener.com: "CourtListener"
            dotcom = _brand_domain(named, keys) if named.endswith(".com") else None  # "Preprints.org" stays
            # A part that spells the host whole is the name whole ("PhilSci Archive"), feed words and all.
            return dotcom or _known_as(named if not loose else _trim_feed_words(named))
    kept = [part for part in parts if not _is_section(part)]
    if not kept:  # "Feed: All Latest" says nothing of whose feed it is
        return None
    # "ContraPoints | creating Video Essays | Patreon": a phrase that starts with a verb says what, not who
    kept = [part for part in kept if not _DOING.match(part)] or kept
    # "Gulf News: Latest UAE news, Dubai news, Business, …": a list of what the site covers is no name
    listed = [part for part in kept if part.count(",") < 2]
    if listed and len(listed) < len(kept):
        return _known_as(_trim_feed_words(listed[0]))
    if (subtitled := _subtitled(title)) is not None:
        return subtitled
    # "Section | Site" is the usual order around a bar; "Site - Section", "Site: Section" elsewhere.
    last = len(kept) > 1 and "|" in title and not _is_section(kept[-1])
    return _known_as(_trim_section_tail(_trim_feed_words(kept[-1] if last else kept[0])))


def _opens_with_host(title: str, keys: frozenset[str]) -> bool:
    """The title's letters start with the site's registrable label (four letters or more)."""
    folded = _fold(title)
    return any(len(key) >= _MIN_HOST_KEY and folded.startswith(key) for key in keys)


_TAG_WORD = re.compile(r"[a-z][a-z0-9+#.-]{1,30}")


def _subtitled(title: str) -> str | None:
    """ "Lanternfall: A Cooperative Deckbuilder - Updates" → "Lanternfall: A Cooperative Deckbuilder".

    Section labels at either end taken off, what is left joined only by colons is a name with its
    subtitle (no part of it named the site's host, or it would have been chosen), not site and section.
    """
    marks = list(_SEPARATOR.finditer(title))
    starts = [0, *(mark.end() for mark in marks)]
    ends = [*(mark.start() for mark in marks), len(title)]
    pieces = [(start, end) for start, end in zip(starts, ends, strict=True) if title[start:end].strip()]
    platforms = name_data().platform_names  # "Wiley: Ibis: Table of Contents": the platform is no part of a name
    while pieces and (
        _is_section(piece := title[pieces[0][0] : pieces[0][1]]) or piece.strip().casefold() in platforms
    ):
        pieces.pop(0)
    while pieces and (
        _is_section(piece := title[pieces[-1][0] : pieces[-1][1]])
        or piece.strip().casefold() in platforms
        or _tagline(piece)
        or _TAG_WORD.fullmatch(piece.strip())  # "Lobsters: databases": a tag's feed, one word in lower case
    ):
        pieces.pop()
    if len(pieces) < 2:
        return None
    first, last = pieces[0][0], pieces[-1][1]
    inner = [mark.group().strip() for mark in marks if first < mark.start() < last]
    if not all(mark in (":", "::") for mark in inner) or any(_is_section(title[a:b]) for a, b in pieces):
        return None
    return title[first:last].strip()


def _tagline(piece: str) -> bool:
    """What the site offers, not a subtitle: "Latest News in Hindi, हिंदी समाचार", "Breaking News and Analysis"
    (it opens with two section words and goes on)."""
    words = piece.split()
    return len(words) >= 3 and _is_section(" ".join(words[:2]))


_BRAND_DOMAIN = re.compile(r"([A-Z][\w-]{1,60})\.(?:com|org|net|co|io|info|news)")


def _brand_domain(title: str, keys: frozenset[str]) -> str | None:
    """ "Snopes.com" on snopes.com → "Snopes": a title that is the site's generic-domain name, capitalized
    (a country's domain, "Gazzetta.it", is how such a site is named)."""
    found = _BRAND_DOMAIN.fullmatch(title.strip())
    return found.group(1) if found is not None and _fold(found.group(1)) in keys else None


_DOMAIN_WORD = re.compile(r"(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,24})", re.IGNORECASE)


def _domain_name(title: str, keys: frozenset[str]) -> str | None:
    """ "www.fcutrecht.net voetbalnieuws" → "fcutrecht.net": a title that opens with the site's own domain."""
    first, space, rest = title.partition(" ")
    found = _DOMAIN_WORD.fullmatch(first) if space and rest else None
    if found is None:
        return None
    domain = found.group(1)
    label = registrable_label(domain.lower())
    return domain if label and _fold(label) in keys else None


def _known_as(name: str) -> str:
    """A short form a feed title uses for a publisher ("NYT > World News") as the publisher's name; a
    domain as the table names its publisher ("CBSNews.com" → "CBS News")."""
    if "." in name and (domain := _DOMAIN_WORD.fullmatch(name.strip())) is not None:
        named = host_name(domain.group(1).lower())
        written = domain.group(1).partition(".")[0]
        if named and named.casefold() == written.casefold() and not written.islower():
            return written  # "mobiFlip.de": the writer's own casing over the table's "Mobiflip"
        if named:
            return named
    return name_data().aliases.get(_NOT_WORD.sub("", name.casefold()), name)


def clean_feed_title(title: str | None, hosts: Sequence[str | None] = ()) -> str | None:
    """A feed title reduced to the publisher's name: section and platform parts taken off.

    ``World news | The Guardian`` → ``The Guardian``, ``Ars Technica - All content`` → ``Ars
    Technica``, ``Better Programming - Medium`` → ``Better Programming``. Of several parts, the one
    that names one of ``hosts`` (ignoring case, spaces, punctuation and "the") is kept; else the one that
    is not a section label. A title with no separator stays as it is.
    """
    data = name_data()
    if (
        not title
        or title.casefold() in data.placeholder_titles
        or title.lstrip().startswith("#")
        or any(pattern.match(title) for pattern in data.placeholder_patterns)
    ):
        return None  # (a hashtag's feed, "#selfhosting", is a topic: the instance names the publisher)
    if " " in (whole := title.strip()) and whole in _table_names():
        return whole  # a masthead the table knows, whole: "Deseret News" keeps its "News"
    if _BARRED_NAME.fullmatch(whole):
        return whole  # two words a bar joins with no space are one name: "Science|Business"
    cleaned = _clean_title(title, _host_keys(hosts))
    if cleaned and _WWW_HOST.fullmatch(cleaned):
        cleaned = cleaned[4:]  # "www.iberianet.com - RSS Results …": the site's domain, not its server's name
    if (
        cleaned
        and "." in cleaned
        and _PLATFORM_SITE.fullmatch(cleaned)
        and _hosting_platform(cleaned.lower())
        and cleaned.split(".", 1)[0].lower() not in _PLATFORM_OWN_SUBDOMAINS
    ):
        cleaned = site_label(cleaned.lower()) or cleaned  # "digitalnomadder.micro.blog": the blog on its platform
    # A gloss after the name: "Pinboard (popular bookmarks)", "@Press（アットプレス）".
    glossed = _GLOSS.fullmatch(cleaned) if cleaned else None
    return glossed.group(1) if glossed else cleaned


_BARRED_NAME = re.compile(r"[^\W\d_]{2,}\|[^\W\d_]{2,}")
_WWW_HOST = re.compile(r"(?i)www\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_PLATFORM_SITE = re.compile(r"(?i)[a-z0-9-]+(?:\.[a-z0-9-]+)+")
# A platform's own sites under its domain ("news.micro.blog", "staff.tumblr.com"): no user's blog, kept whole.
_PLATFORM_OWN_SUBDOMAINS = frozenset(
    {"www", "blog", "news", "help", "status", "staff", "support", "en", "on", "dev", "docs", "api", "app", "mail",
     "shop", "store", "community", "forum", "about", "team", "press", "updates", "engineering", "developers"}
)  # fmt: skip
_GLOSS = re.compile(r"(.*\w.*?)\s*[(（][^()（）]{1,40}[)）]")
_GLOSSED = re.compile(r"[(（]([^()（）]{1,40})[)）]\s*$")


def _named(title: str) -> str | None:
    """The title, unless it is only a section's name ("Corporate", "Essays")."""
    return None if _is_section(title) else title


def publisher_name(
    *,
    origin: str | None = None,
    origin_host: str | None = None,
    footer: str | None = None,
    footer_host: str | None = None,
    article_host: str | None = None,
    article_path: str | None = None,
    feed_title: str | None = None,
    feed_hosts: Sequence[str | None] = (),
    site_host: str | None = None,
    site_name: str | None = None,
    title: str | None = None,
    author: str | None = None,
    image_host: str | None = None,
    feed_image_title: str | None = None,
    feed_description: str | None = None,
    texts: Sequence[str] = (),
    episode: bool = False,
    content: str | None = None,
) -> str | None:
    """The publisher's name for an item, by the order in this module's docstring; None when nothing names it.

    ``feed_hosts`` are the feed's own hosts (its site link, its URL), ``site_host`` its site link's.
    The table's name for the article's host wins unless the feed relays others (Hacker News, a link
    blog): its site is another site than the article's, or its hosts name another publisher; then
    the feed is itself the source. ``image_host`` (the host of the item's own picture) speaks only when no
    article link does (an IFTTT post with a shortlink): it picks the part of the feed title that names it
    (``craigslist portland | furniture`` with images.craigslist.org), and the table's name for it is the
    last resort (img.huffingtonpost.com → HuffPost). ``feed_image_title`` (the feed logo's title) stands in
    for a feed title that names no one ("Football News" with the logo "Sky Sports"); ``texts`` (the item's
    headline and paragraphs) give the name a bare domain would otherwise stand for (:func:`spelled_name`),
    and so does ``feed_description`` ("Local news from WCPO 9 Cincinnati" under the title "Local News").
    ``episode`` (an audio enclosure: a podcast's episode) makes the show's feed title the publisher.
    ``content`` (the item's content as it came, its chrome too) spells the name where its text does not.
    """
    if origin_host and _same_site(origin_host, feed_hosts):
        # A <source> on the feed's own site is no origin (Discourse names each post's topic so): only an
        # aggregator's item points to another site. (The article may well be on the origin's site.)
        origin, origin_host = None, None
    origin = origin or _title_origin(title, (article_host, *feed_hosts), feed_title or footer)
    if origin:
        # the table's masthead for the origin's site where it knows it ("Motley Fool" of www.fool.com is "The
        # Motley Fool"), else the name the aggregator gives, section parts off
        return host_name(origin_host) or clean_feed_title(origin, (origin_host,)) or origin
    if origin_host:  # an origin given by its URL only: the aggregator still says whose story it is
        return host_name(origin_host) or site_label(origin_host)
    if footer_host and (named := host_name(footer_host)):
        return named
    if footer and (footer_name := clean_feed_title(footer, (footer_host, article_host)) or _named(footer)):
        return footer_name  # (a section's name alone, "from Corporate <url>", leaves it to the article's host)
    if episode and feed_title and (show := clean_feed_title(feed_title, (article_host, *feed_hosts))):
        return show  # a podcast's episode is the show's ("Desert Island Discs"), not its network's or host's
    article = host_name(article_host)
    section = section_name(article_host, article_path) if article else None
    feed_names = {name for name in map(host_name, feed_hosts) if name}
    if article and not _relays(article_host, article, site_host) and (not feed_names or article in feed_names):
        portal = article_host is not None and article_host.removeprefix("www.") in name_data().portals
        if portal and (department := _department(feed_title, article_path)):
            return department  # "Health Canada" on canada.ca
        named = section or _narrower(feed_title, article, (article_host, *feed_hosts)) or article
        return _as_written(named, feed_title, (article_host, *feed_hosts))
    path_name, spelled_by_title = _path_name(article_host, article_path) or (None, False)
    # A platform path names the item's publisher on the platform's own feeds, not on a feed that
    # links out to it (Hacker News linking a GitHub repository is still Hacker News).
    own_feed = article_host is not None and registrable_label(article_host) in {
        registrable_label(host) for host in feed_hosts if host
    }
    if path_name and (own_feed or (not feed_hosts and not feed_title)):
        return path_name
    if path_name and feed_title and _names_path(feed_title, path_name, (article_host, *feed_hosts), spelled_by_title):
        return path_name  # "newest submissions : houseplants" over a post of r/houseplants
    if not article_host and feed_title and (listing := _REDDIT_LISTING.fullmatch(feed_title.strip())) is not None:
        return f"r/{listing['name']}"  # a shortlink's post from a subreddit's listing feed
    # A feed titled as its item is one thread's feed (a forum topic's replies): the title names no publisher.
    same = feed_title and title and abs(len(feed_title) - len(title)) <= 8 and _fold(feed_title) == _fold(title)
    named_feed = None if same else feed_title
    hint = image_host if not article_host and image_host else None
    if author and (_on(article_host, name_data().channel_named) or _on(hint, name_data().channel_named)):
        return author  # a video platform (its link, or its picture's host): the channel, not a playlist's title
    title_hosts = (article_host, *feed_hosts, hint)
    cleaned = clean_feed_title(named_feed, title_hosts) or clean_feed_title(feed_image_title, title_hosts)
    if cleaned:
        return cleaned
    feed_name = next(iter(sorted(feed_names)), None)
    on_medium = article_host is not None and _on(article_host, frozenset({"medium.com"}))
    if on_medium and not feed_name and (published_in := _MEDIUM_PUBLISHED_IN.search((content or "")[-_CONTENT_CHARS:])):
        return unescape(published_in["name"]).strip()  # a Medium publication's post, by the footer naming it
    if not feed_name and author and _on(article_host, name_data().author_named):
        return author
    named = feed_name or path_name or site_name or article
    if named:
        return named
    own_host = article_host or next((host for host in feed_hosts if host), None)
    described = spelled_name((feed_description,), own_host) if feed_description else None
    bare = site_label(article_host)
    # a platform's domain names no one: "acast.com", nor "RSS" for rss.com/podcasts/…, nor "T" for t.me (a blog
    # on a hosting platform's subdomain, inkwell-sketches.tumblr.com, is named by it all the same)
    hosted = article_host is not None and _hosting_platform(article_host) is not None
    bare = None if bare and not hosted and _on(article_host, name_data().platforms) else bare
    language = guess_language(texts, article_host) if bare and article_host else None
    worded = (
        (worded_label(article_host, language) or word_label(article_host, language)) if bare and article_host else None
    )
    personal = author if author and bare and article_host and _is_own_site(author, article_host) else None
    account = None if any(feed_hosts) else _account(article_host, article_path)  # (a hashtag's feed: the instance's)
    on_platform = article_host is not None and _on(article_host, name_data().platforms)
    return (
        personal
        or (account and (author or account))  # the poster's name, where the item gives it, over the handle
        or spelled_name(texts, own_host)
        or _spelled_in_content(content, own_host)
        or (_newsletter_name(content) if on_platform else None)
        or (_account_spelled(texts, article_path) if article_host and _on(article_host, _ACCOUNT_HOSTS) else None)
        or described
        or worded
        or bare
        or host_name(hint)
        # the picture's site as the headline spells it ("XLR8R Podcast 912" for xlr8r.com): a CDN's label is no
        # word of it, and a picture library the text credits ("(Wikimedia Commons)", "on Unsplash") is no headline's
        or (spelled_name(texts[:1], hint) if hint else None)
        or _site_author(author)
        or _dateline_agency(texts)
    )


# A wire story's dateline naming its agency: "СТРУГА (МАКФАКС) – …", "Abuja, Nov. 18, 2026 (NAN) The …": a place
# in capitals, or a place and a date, then the agency in brackets.
_DATELINE_AGENCY = re.compile(r"(?P<place>[^\W\d_][^()!?\n]{0,60}?)\s*\((?P<agency>[^\W\d_]{2,12})\)\s*(?:[–—-]\s)?")
_DATED_PLACE = re.compile(r"[^\W\d_][\w .'’-]{1,30}, .{0,20}\b(?:19|20)\d{2}")


_TAG = re.compile(r"<[^<>]{0,2000}>")
_CONTENT_CHARS = 4000  # as much as spelled_name reads of a text


def _spelled_in_content(content: str | None, host: str | None) -> str | None:
    """The name the item's whole content spells for its host, chrome and all ("© 2026 BNamericas", "Contact
    SciPost"), where the host is the publisher's own: a platform's chrome names the platform ("Hosted on Acast")."""
    if not content or not host or _on(host, name_data().platforms):
        return None
    return spelled_name((_TAG.sub(" ", unescape(content[:_CONTENT_CHARS])),), host)


# An e-mail newsletter's footer naming it: "You're receiving this because you subscribed to The Prepared."
_SUBSCRIBED_TO = re.compile(
    r"(?i:you(?:['’]re| are) (?:receiving|getting) this(?: e-?mail| newsletter| message)? because you(?: have)?"
    r" (?:subscribed|signed up|opted in) (?:to|for))\s+(?:the )?(?P<name>[A-Z][\w&'’-]*(?: [A-Z0-9][\w&'’-]*){0,5})"
    r"(?=[.!]|\s*$)"  # (the sentence ends there: not a quote of one, '… subscribed to Apple News" and …')
)
# Words of a list's kind, no newsletter's name: "Our Newsletter", "Marketing Emails", "Updates".
_GENERIC_LIST_WORDS = frozenset({"our", "newsletter", "newsletters", "updates", "emails", "email", "marketing", "news"})
# A link to a site's home page, as an e-mail newsletter's masthead: '<a href="https://thebrowser.com/">The Browser</a>'.
_HOME_LINK = re.compile(
    r"""<a\s[^<>]{0,300}?href=["']https?://(?P<host>[\w.-]{4,100})/?["'][^<>]{0,300}>(?P<text>[^<>]{2,60})</a>"""
)


def _newsletter_name(content: str | None) -> str | None:
    """The name an e-mail newsletter's content gives itself (read where the item's link is a platform's: an
    e-mail-to-feed relay's): its footer's "because you subscribed to …", else a link home opening the text whose
    words spell the home's host (a newsletter's masthead, "The Browser" for thebrowser.com)."""
    if not content:
        return None
    text = unescape(content[-_CONTENT_CHARS:])
    subscribed = _SUBSCRIBED_TO.search(_TAG.sub(" ", text))
    if subscribed is not None and not {w.casefold() for w in subscribed["name"].split()} & _GENERIC_LIST_WORDS:
        return subscribed["name"]
    home = _HOME_LINK.search(content[:_CONTENT_CHARS])
    # (the masthead opens the content's text; a link in a sentence cites a site, a sponsor's)
    if home is None or _TAG.sub("", content[: home.start()]).strip() or _on(home["host"], name_data().platforms):
        return None
    words = unescape(home["text"]).strip()
    return words if spelled_name((words,), home["host"]) == words else None


def _account_spelled(texts: Sequence[str], path: str | None) -> str | None:
    """The account a newsletter or podcast platform's address names first in its path, as the item's words spell
    it: "Kotlin Weekly" of mailchi.mp/kotlinweekly/kotlin-weekly-512 under "Kotlin Weekly #512" (the platform's own
    name is no one's)."""
    account = _ACCOUNT_SEGMENT.match(path or "")
    key = _letters(account.group(1)) if account else ""
    return _spelled(texts, key) if len(key) >= _MIN_HOST_KEY else None


_ACCOUNT_SEGMENT = re.compile(r"/@?([A-Za-z0-9][A-Za-z0-9_.-]{2,40})/[^/?#]")  # an account, then something of it
# The newsletter and podcast platforms whose addresses name the sender's account first: mailchi.mp/<account>/<issue>,
# buttondown.com/<account>/archive/…, shows.acast.com/<show>/episodes/… (on the other platforms the first segment is
# as often a section's word: sciencedirect.com/science/…, linkedin.com/pulse/…).
_ACCOUNT_HOSTS = frozenset({"mailchi.mp", "buttondown.com", "buttondown.email", "shows.acast.com"})


# Medium's footer under a publication's post: "<Title> was originally published in <a …>Age of Awareness</a> on Medium".
_MEDIUM_PUBLISHED_IN = re.compile(
    r"was originally published in\s*<a\s[^<>]{0,300}>(?P<name>[^<>]{2,80})</a>\s+on Medium"
)


# A post's address that names its account: a Mastodon (or other fediverse) status, "/@tails/115601772940318654",
# and a Bluesky post, bsky.app's "/profile/nuxt.com/post/3m6hzt4qwbk2d".
_FEDIVERSE_STATUS = re.compile(r"/@(?P<user>[A-Za-z0-9_]{1,30})/\d{6,20}/?")
_BLUESKY_POST = re.compile(r"/profile/(?P<handle>[A-Za-z0-9.-]{3,253})/post/\w{6,20}/?")


def _account(host: str | None, path: str | None) -> str | None:
    """The account a social post's address names, as its handle ("@tails@fosstodon.org", "@nuxt.com"), where
    nothing names the poster: the instance or the platform is no publisher."""
    if not host or not path:
        return None
    if (status := _FEDIVERSE_STATUS.fullmatch(path)) is not None:
        return f"@{status['user']}@{host.removeprefix('www.')}"
    if host.removeprefix("www.") == "bsky.app" and (post := _BLUESKY_POST.fullmatch(path)) is not None:
        return f"@{post['handle']}"
    return None


def _dateline_agency(texts: Sequence[str]) -> str | None:
    """The agency a wire story's dateline names, in capitals, where nothing else names a publisher (a
    shortlink's post with no feed title): the agency is whose story it is. Not a name's acronym in a sentence
    ("The World Health Organization (WHO) said", "Shares of Apple (AAPL) rose")."""
    for text in texts[1:2]:  # the first paragraph, under the headline
        dateline = _DATELINE_AGENCY.match(text)
        if dateline is None or not dateline["agency"].isupper():
            continue
        place = dateline["place"].strip().rstrip(",")
        if place.isupper() or _DATED_PLACE.fullmatch(place):
            return dateline["agency"]
    return None


def _is_own_site(author: str, host: str) -> bool:
    """The author's name is what the site's domain spells: "Nick Craver" on nickcraver.com, a person's own site,
    whose publisher is the person (two words at least: "Kottke" alone may be a name or the site's)."""
    label = registrable_label(host)
    return label is not None and " " in author.strip() and _fold(author) == label.lower().replace("-", "")


# "Capital.gr", "Investing.com": a capitalized name over a top-level domain, as a site signs its posts.
_SITE_AUTHOR = re.compile(r"[A-Z][A-Za-z0-9-]*[A-Za-z]\.(?:[a-z]{2}|com|net|org|info|news)")


def _site_author(author: str | None) -> str | None:
    """An author that is a site's name ("Capital.gr"), as the publisher where nothing else names one.

    A feed that signs its items with its own name puts the site in the author ingredient; where the link is a
    shortlink and no title or footer names a publisher, that is the name an editor prints. A person's
    "jane.doe" stays an author: the name must open with a capital and end with a top-level domain.
    """
    return author if author and _SITE_AUTHOR.fullmatch(author) else None


_MIN_WORD = 3  # "per s support", "li chess", "faster than li": a split into scraps is no reading of a name
_MIN_WORDED_LABEL = 8
_MIN_THE_LABEL = 6  # "thesun"
_COINED_PART = 5
_LOWER_WORDS = frozenset({"and", "for", "the", "from", "with", "of", "in", "on", "at", "to"})
# Short words a name joins its words with, between them: "drownedinsound" is "Drowned in Sound", "rootsofprogress"
# "Roots of Progress" (a scrap of two letters elsewhere is no word: "per s support").
_JOINING_WORDS = frozenset({"of", "in", "on", "at", "to"})
# Small words inside a name, before the words that spell its host: "Welcome to Night Vale", "Voice of San Diego"
# ("Latest from Acme Labs", "Notes for Acme" are a feed's words before the name).
# (Romance "of": "Jornal da Unesp", "Diario de Sevilla")
_NAME_JOINERS = frozenset({"to", "of", "and", "the", "da", "de", "do", "di", "del", "della", "du", "des", "dos", "das"})


def worded_label(host: str, language: str | None = None) -> str | None:
    """The words a site's domain runs together, as its name: finegardening.com → "Fine Gardening".

    Only when the label (letters only, eight or more; six after "the") splits into two or more words of
    three letters or more each (or "of", "in", "on", "at", "to" between two ordinary words: "Drowned in Sound"), by
    word frequencies in English (wordninja), and not two short words a brand
    coins as one (loamwise, earthsky, saltwire, dropbox: casing unknown); a coined or personal name (kottke,
    lichess, fasterthanli) or a single word (inessential) stays the domain, which a reader can still
    type. Words after the first keep "and", "the" and the like lower-case ("The Ledger Line"). A town's name
    the word list lacks before a masthead's words is one word: sunraysiadaily.com.au → "Sunraysia Daily"; a
    domain the site parted with hyphens gives its own words (cambrian-news.co.uk → "Cambrian News").
    """
    label = registrable_label(host)
    if label and "-" in label and _hosting_platform(host) in (None, *_SHOW_PLATFORMS):
        named = _hyphenated_words(label)
        if named and language in NAME_LANGUAGES:  # liberation-champagne.fr: "Libération Champagne"
            words = [
                word if word.islower() else accented_word(word.lower(), language).capitalize() for word in named.split()
            ]
            return " ".join(words)
        return named
    if not label or len(label) < _MIN_THE_LABEL or not (label.isascii() and label.isalpha()):
        return None
    words = _place_and_masthead(split_words(label.lower()))
    english = all(len(word) >= _MIN_WORD and is_ordinary(word) for word in words)
    if language in NAME_LANGUAGES:
        # the language's words, unless English reads the label into ordinary words of its own another way ("The
        # Olive Press", not "Theo Live Press"; "Madrid Metropolitan", not "Madrid Metrópoli Tan")
        named = _words_in(label.lower(), language)
        # (English wins with as few words or fewer: "Pre Nsa Regional" is no reading of "Prensa Regional")
        if named is not None and (
            not english or len(named.split()) < len(words) or [anyascii(w).casefold() for w in named.split()] == words
        ):
            return named
        if (language not in _COMPOUNDING or split_in(label.lower(), language) == [label.lower()]) and not english:
            # a name of that language's words the list lacks ("Madridiario"), or one word of it ("Bergsteiger"),
            # never English scraps of it ("Berg Ste Iger")
            return None
    if len(words) < 2 or any(_scrap(word) and not _joins(words, at) for at, word in enumerate(words)):
        return None
    # "The" opens a name of words, however short: thesun.ng is "The Sun", theverge.com "The Verge".
    if words[0] != "the" and (
        len(label) < _MIN_WORDED_LABEL
        or (len(words) == 2 and all(len(w) <= _COINED_PART for w in words) and not _place_masthead(words))
    ):
        return None  # two short words are one coined name, its casing unknown: Loamwise, EarthSky, Dropbox
    return _titled_words(words)


def _place_masthead(words: list[str]) -> bool:
    """Two ordinary words, the second only a newspaper's masthead word, are a paper's name, not one coined word:
    "clareecho" is "Clare Echo" (a brand runs words together with "news", "post", "mail", "star" or "press" as
    often: "Firstpost", "Fastmail", "DealNews"; and "earthsky", "dropbox")."""
    return words[-1] in _PAPER_WORDS and all(is_ordinary(word) and len(word) > _MIN_WORD for word in words)


_PAPER_WORDS = frozenset(
    {"times", "herald", "gazette", "tribune", "chronicle", "courier", "observer", "examiner", "journal", "telegraph",
     "sentinel", "argus", "echo", "advertiser", "register", "bulletin", "mercury"}
)  # fmt: skip


_COMPOUNDING = frozenset({"de", "nl"})


def _words_in(label: str, language: str) -> str | None:
    """The words of a site's language its domain runs together, as its name: "laprensaaustral" → "La Prensa
    Austral", "diariodequeretaro" → "Diario de Querétaro", "vozdaplanicie" → "Voz da Planície".

    As in English, no scraps: a word of one or two letters only as the article opening the name ("La Arena", "O
    Interior"; Spanish "o" is "or": "O Live Press" is none) or as a small word joining two words of three letters or
    more ("Tiempo de San Juan"; "Soft o Nic", "Para na Portal" are none), and a word of three letters only a common
    one ("Área Jugo Nes" is none). Two short words are one coined name ("Midiamax", "Almapreta") unless an article
    opens it; in German and Dutch, which write a name's nouns as one ("Finanztip", "De Volkskrant"), only an article
    and one word, or words of six letters or more ("Het Laatste Nieuws")."""
    words = split_in(label, language)
    if not words or len(words) < 2:
        return None
    small, opening = small_words(language), articles(language)
    for at, word in enumerate(words):
        folded = word.casefold()
        if at == 0 and folded in opening:
            continue
        if folded in small:
            # (a word of one letter, "e", "y", "i", between two of four letters or more: "Sou Mais e Nem" is none)
            least = _MIN_WORD + (len(folded) == 1)
            if not 0 < at < len(words) - 1 or any(
                len(words[near]) < least or words[near] in small for near in (at - 1, at + 1)
            ):
                return None
        elif len(word) < _MIN_WORD or (len(word) == _MIN_WORD and not is_common_in(word, language)):
            return None
    if words[0] not in opening and len(words) == 2 and all(len(word) <= _COINED_PART for word in words):
        return None
    if language in _COMPOUNDING and (
        words[0] not in opening or (len(words) > 2 and any(len(word) < _GERMANIC_WORD for word in words[1:]))
    ):
        return None
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


_GERMANIC_WORD = 6


def _scrap(word: str) -> bool:
    """A piece of a split too short to be a word of a name: two letters, or three that are no ordinary word ("anz"
    of "fin anz tip", "sca" of "ilta sca bile"; "wok", "yak" and "vet" are words)."""
    return len(word) < _MIN_WORD or (len(word) == _MIN_WORD and not is_ordinary(word))


def _joins(words: list[str], at: int) -> bool:
    """The short word at ``at`` joins two ordinary words of four letters or more ("drowned in sound"), not scraps
    of a coined name ("foss to don", "nea to rama"); the last word may be a place's name the list lacks, of six
    letters or more, after ordinary words ("old gods of appalachia")."""
    if not (0 < at < len(words) - 1 and words[at] in _JOINING_WORDS):
        return False
    before, after = words[at - 1], words[at + 1]
    last_place = at + 1 == len(words) - 1 and len(after) >= _PLACE_NAME
    return (
        len(before) > _MIN_WORD
        and is_ordinary(before)
        and len(after) > _MIN_WORD
        and (is_ordinary(after) or last_place)
    )


_PLACE_NAME = 6


def _titled_words(words: list[str]) -> str:
    """Words as a name: each capitalized, "and", "the" and the like lower-case after the first ("The Ledger Line")."""
    return " ".join(w if i and w in _LOWER_WORDS else w.capitalize() for i, w in enumerate(words))


def _hyphenated_words(label: str) -> str | None:
    """A domain whose words the site parted itself with hyphens, as its name: front-matter.io → "Front Matter",
    cambrian-news.co.uk → "Cambrian News". Only words of letters, three or more each ("e-flux", "x-rates" stay
    the domain), each an ordinary word, or a town's before a masthead's; a coined word's casing is unknown
    (citylab-notes.org, wallstreet-online.de stay the domain)."""
    parts = label.split("-")
    if len(parts) < 2 or not all(w.isascii() and w.isalpha() and len(w) >= _MIN_WORD for w in parts):
        return None
    # (a word of three letters is as often call letters or an acronym: "nbc-news", "wgn-news"; "the" opens a name)
    if all(is_ordinary(w) and (len(w) > _MIN_WORD or w == "the" or w in _MASTHEAD_WORDS) for w in parts):
        words = parts
    elif parts[-1] in _MASTHEAD_WORDS:
        # a town before the masthead: its own words where it runs them together ("kansascity" → Kansas City), one
        # pronounceable name of five letters or more ("cambrian"), never call letters or an acronym ("nbc", "wgn")
        words = []
        for part in parts:
            split = split_words(part) if not is_ordinary(part) else [part]
            if len(split) > 1 and not any(_scrap(w) for w in split):
                words += split
            elif (
                (is_ordinary(part) and len(part) > _MIN_WORD)
                or part in _MASTHEAD_WORDS
                or (len(part) >= _MIN_WORD_LABEL and not _ABBREVIATED.search(part))
            ):
                words.append(part)
            else:
                return None
    else:
        return None
    return _titled_words(words)


# A local paper's masthead words after its town's name: sunraysiadaily.com.au, pentictonwesternnews.com.
_MASTHEAD_WORDS = frozenset(
    {"news", "daily", "times", "post", "herald", "gazette", "tribune", "chronicle", "courier", "observer", "express",
     "advertiser", "examiner", "record", "register", "leader", "bulletin", "journal", "telegraph", "standard",
     "sentinel", "mercury", "argus", "echo", "mail", "press", "star", "weekly", "sun"}
)  # fmt: skip


def _place_and_masthead(words: list[str]) -> list[str]:
    """A split whose head is scraps of a name the word list lacks ("pent ict on", "sun rays i a") before whole
    masthead-ending words ("western news", "daily"): the head made one word again, the town's name."""
    if not words or words[-1] not in _MASTHEAD_WORDS or not any(_scrap(word) for word in words):
        return words
    last_scrap = max(at for at, word in enumerate(words) if _scrap(word))
    # (a name that opens with "the" keeps it: "the sanga i express" is "The Sangai Express")
    first = 1 if words[0] == "the" and last_scrap > 0 else 0
    head = "".join(words[first : last_scrap + 1])
    if last_scrap + 1 == len(words) or len(head) < _MIN_WORD_LABEL - 1:
        return words
    return [*words[:first], head, *words[last_scrap + 1 :]]


_CONSONANTS = r"[b-df-hj-np-tv-xz]"
_ABBREVIATED = re.compile(rf"{_CONSONANTS}{{4}}|{_CONSONANTS}{{3}}$")  # mstdn, nrdlab, lakewtr
_NAME_TLDS = frozenset({"io", "co", "me", "dev", "app", "ai", "fm", "tv", "ly", "sh", "gg", "so", "to", "is"})
_MIN_WORD_LABEL = 5  # four letters are as often call letters or an acronym (wcpo, nami) as a word


def word_label(host: str, language: str | None = None) -> str | None:
    """A site whose only label is one pronounceable word is named by it, capitalized: sprudge.com →
    "Sprudge", www.jurist.org → "Jurist", nerdcore.de → "Nerdcore".

    That is how a publisher with a one-word domain writes its name; the domain stays where it more likely
    is the name: under a subdomain (forum.loamwise.org is a part of a site) or a platform's, on a
    top-level domain a name is made with (itch.io, pub.dev), or a label an abbreviation makes (mstdn.jp,
    nrdlab.io, lakewtr.org: four consonants in a row or three at the end, digits, four letters or fewer).
    """
    label = _EDITION.sub("", registrable_label(host) or "")
    if not label or len(label) < _MIN_WORD_LABEL or not (label.isascii() and label.isalpha()):
        return None
    labels = _EDITION.sub("", host.removeprefix("www.")).split(".")
    if labels[0] != label or labels[-1] in _NAME_TLDS or _ABBREVIATED.search(label.lower()):
        return None
    if _hosting_platform(host) not in (None, *_SHOW_PLATFORMS):
        return None  # the blog's own name on its platform, as site_label writes it (a podcast host's show is named)
    if label.startswith("the") and len(label) >= _MIN_WORD_LABEL + 3:
        return f"The {label[3:].capitalize()}"  # theradavist.com: "The Radavist"
    if language in NAME_LANGUAGES:
        return accented_word(label.lower(), language).capitalize()  # clarin.com: "Clarín"
    return label.capitalize()


# A language's or a region's edition glued to the name with a hyphen: telos-eu.com is "Telos", aravot-en.am "Aravot".
_EDITION = re.compile(r"-(?:en|eu|fr|de|es|pt|nl|ru|ar|tr|uk|intl)(?=\.|$)")  # ("-us", "-it": "trust-us", "smash-it")


_ELIDED = re.compile(r"\b[dl]['’](?=\w)", re.IGNORECASE)  # an article or "of" elided before a name's word
_WORD_EDGE = "\"'“”‘’«»()[]{}<>,.;:!?*_-–—"  # ("(MENAFN- KUNA)": a dash at its edge is no letter of a name)
_POSSESSIVE = re.compile(r"['’]s$")
_SPELLED_WORDS = 5
_SPELLED_TEXTS = 12  # the headline and the first paragraphs: a publisher names itself early


def _letters(word: str) -> str:
    """A word's letters and digits, lowercased, accents taken off: "Trẻ" → "tre" (hosts are written in ASCII)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("đ", "d").replace("&", "and"))
    return "".join(char for char in decomposed if char.isalnum() and not unicodedata.combining(char))


def spelled_name(texts: Sequence[str], host: str | None) -> str | None:
    """The words of the item that spell its site's host: "Federal Reserve" for federalreserve.gov.

    A site names itself in its own text the way it writes its domain without the spaces ("Sky Sports",
    "Cloudflare"); that is the name an editor prints, where the bare domain is all else there is. Up to
    five words in a row whose letters (accents off, "&" as "and") are the registrable label of four
    letters or more, with a capital letter among them (prose says "the federal reserve" of any bank);
    never a URL or an address. The form seen most often wins, the first seen on a tie.
    """
    label = registrable_label(host) if host else None
    key = _letters(unicode_label(label) or label) if label else ""
    if len(key) < _MIN_HOST_KEY:
        return None
    found = _spelled(texts, key)
    if found is None:
        # a domain often glues a country's code to the name that the name does not carry: "Punch" on punchng.com,
        # "Tansa" on tansajp.org (a word glued, "online", "mag", is as often the name's own: "Kenya Online")
        stem = next((key[: -len(end)] for end in _GLUED_ENDS if key.endswith(end)), "")
        found = _spelled(texts, stem) if len(stem) >= _MIN_HOST_KEY else None
    return found


# What a domain glues to a publisher's name: a country's code ("us" and "in" end names and words: "marcus").
_GLUED_ENDS = ("jp", "ng", "uk", "pk", "ph", "za", "ke", "gh")
# Chinese and Japanese put no space between a Latin name and the words round it ("Tansaが入手した").
_SCRIPT_EDGE = re.compile(rf"(?<=[A-Za-z0-9])(?=[{_CJK}])|(?<=[{_CJK}])(?=[A-Za-z0-9])")


def _spelled(texts: Sequence[str], key: str) -> str | None:
    seen: dict[str, int] = {}
    for text in texts[:_SPELLED_TEXTS]:
        text = text[:4000]
        # the letters of the whole text (elided articles off) hold every spelling of the name
        if key not in _letters(text) and not (_ELIDED.search(text) and key in _letters(_ELIDED.sub("", text))):
            continue
        words = [_POSSESSIVE.sub("", word.strip(_WORD_EDGE)) for word in _SCRIPT_EDGE.sub(" ", text).split()]
        for start, word in enumerate(words):
            if "/" in word or "@" in word or "." in word or not key.startswith(_letters(word) or "\0"):
                continue
            spelled = ""
            for end in range(start, min(start + _SPELLED_WORDS, len(words))):
                letters = _letters(words[end])
                if end > start and not key.startswith(spelled + letters) and (elided := _ELIDED.match(words[end])):
                    letters = _letters(words[end][elided.end() :])  # "Festival d’Avignon" of festival-avignon.com
                spelled += letters
                if spelled == key:
                    name = " ".join(words[start : end + 1])
                    if any(char.isupper() for char in name) and not any(c in name for c in "/@."):
                        seen[name] = seen.get(name, 0) + 1
                    break
                if not key.startswith(spelled):
                    break
    return max(seen, key=seen.__getitem__) if seen else None


def _narrower(feed_title: str | None, name: str, hosts: Sequence[str | None]) -> str | None:
    """See :func:`_narrower_of` (the same for every item of a feed)."""
    return _narrower_of(feed_title, name, tuple(hosts)) if feed_title else None


@functools.lru_cache(maxsize=512)  # 14 µs → 0.5 µs an item on the bench (cProfile)
def _narrower_of(feed_title: str | None, name: str, hosts: tuple[str | None, ...]) -> str | None:
    """The feed's own name when it spells the article's host more closely than the table's name for a
    parent of it does: "MIT News" on news.mit.edu, "Mozilla Hacks" on hacks.mozilla.org, "Netflix TechBlog"
    on netflixtechblog.com (the table knowing only "MIT", "Mozilla", "Netflix")."""
    if not feed_title:
        return None
    cleaned = clean_feed_title(feed_title, hosts)
    folded, base = _fold(cleaned or ""), _fold(name)
    if cleaned and cleaned != name and cleaned.replace("’", "'") == name.replace("’", "'"):
        return cleaned  # the publisher's own apostrophe ("Simon Willison's Weblog" as its feed writes it)
    if cleaned and _names_parent_domain(cleaned, hosts):
        return cleaned  # "Discussions on Python.org" on discuss.python.org: the subdomain's own name
    if cleaned and _own_publication(cleaned, name, hosts[0]):
        return cleaned  # "Harvard Gazette" on news.harvard.edu, "Xbox Wire" on news.xbox.com
    if cleaned and _names_subdomain(cleaned, hosts[0]) and (_ISSUE_FEED.search(feed_title) or not _a_word(cleaned)):
        # "SciencePortal" on scienceportal.jst.go.jp, a journal's issue feed ("Gut current issue" on gut.bmj.com): the
        # subdomain's own name, not its parent's in the table; "Deportes" on deportes.elpais.com is a section
        return cleaned
    if cleaned and _own_forum(cleaned, name, hosts[0]):
        return cleaned  # "TrueNAS Community Forums" on forums.truenas.com: the forum, not the company
    if not cleaned or folded == base or not folded.startswith(base) or folded not in _blog_keys(hosts):
        return None  # the same name, or a shorter one ("Technology Review" of "MIT Technology Review")
    return cleaned


def _a_word(name: str) -> bool:
    """A word of English or of a language names are read in ("Deportes", "Wirtschaft", "Developer")."""
    folded = name.casefold()
    return is_ordinary(folded) or any(is_common_in(folded, language) for language in NAME_LANGUAGES)


_ISSUE_FEED = re.compile(r"(?i)\b(?:(?:current|latest) issue|advance access|online first|early view|just accepted)$")


def _names_subdomain(cleaned: str, host: str | None) -> bool:
    """The feed's name is its host's own subdomain ("Gut" on gut.bmj.com), no part every site has ("news", "blog")."""
    labels = host.split(".") if host else []
    sub = labels[0] if len(labels) >= 3 else ""  # (a subdomain, a name, a top-level domain)
    return (
        len(sub) >= _MIN_WORD
        and sub not in _PLATFORM_OWN_SUBDOMAINS
        and cleaned[:1].isupper()  # a name as written ("pubmed: <a search>" is the service's query)
        and not _is_section(cleaned)  # "Wiadomości" on wiadomosci.gazeta.pl: the site's news section
        and _fold(cleaned) == sub
    )


# A community's own host and the words its name ends with ("forums.truenas.com", "TrueNAS Community Forums").
_FORUM_LABELS = frozenset({"forum", "forums", "community", "discuss", "discourse", "talk", "board", "boards"})
_FORUM_WORDS = frozenset({"forum", "forums", "community", "discussions", "board", "boards"})


def _own_forum(cleaned: str, name: str, host: str | None) -> bool:
    """The feed names the owner's forum on its forum host: the table's name, then words of a forum's only
    ("OpenAI Developer Community" on community.openai.com)."""
    if not host or host.partition(".")[0] not in _FORUM_LABELS or not cleaned.startswith(f"{name} "):
        return False
    return cleaned.rsplit(" ", 1)[1].casefold() in _FORUM_WORDS


# Letters the Arabic script writes two ways (Arabic and Persian yeh and kaf, alef maksura): one name either way.
_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


@functools.lru_cache(maxsize=256)
def _as_written(name: str, feed_title: str | None, hosts: tuple[str | None, ...]) -> str:
    """The table's ``name`` as the publisher writes it in its own feed title, where the two differ only in words
    the publisher sets in capitals ("SPIN" for the table's "Spin", "NJ TRANSIT" for "NJ Transit") or with a capital
    inside a word ("mobiFlip" for "Mobiflip"; a title in
    lower case, "pubmed", or in title case, "Times Of Oman", is no spelling of the name), or in the table's
    leading "The".

    Cached: a feed's items give the same name, title and hosts (its title was cleaned again for every item,
    ~2.5 µs of a bench.normalize item by py-spy; docs/benchmarks-normalize.md (o))."""
    own = clean_feed_title(feed_title, hosts) if feed_title else None
    if own is not None and own != name and own.translate(_ARABIC_LETTERS) == name.translate(_ARABIC_LETTERS):
        return own  # "عصر ايران" with the Arabic yeh in its own feed, the table's Persian "عصر ایران"
    if own and own.replace(" ", "") == name.replace(" ", "") and not any(c.isupper() or c.islower() for c in own):
        return own  # "يلا كورة" parted or "اقتصادنیوز" run together in its own feed: its word breaks (no case)
    if own is not None and name.startswith("The ") and own == name[4:] and " " in own:
        return own  # "Cairns Post" in its own feed, the table's "The Cairns Post" (one word, "Star", is too little)
    if own is None or own == name or own.casefold() != name.casefold():
        return name
    pairs = list(zip(own.split(), name.split(), strict=False))
    # (a capital inside a word is a spelling too: "mobiFlip", "DutchNews")
    capitals = all(
        mine == theirs or (mine.isupper() and len(mine) >= 2) or _INNER_CAPITAL.search(mine) for mine, theirs in pairs
    )
    return own if len(own.split()) == len(name.split()) and capitals else name


def _own_publication(title: str, name: str, host: str | None) -> bool:
    """A subdomain's feed titled with the parent's first word and one capitalized word of its own, no section
    word: "Harvard Gazette" on news.harvard.edu (the table: "Harvard University"), "Xbox Wire" on
    news.xbox.com; not "Harvard News", nor "1Password for Mac stable releases"."""
    if not host or host.count(".") < 2 or host.split(".", 1)[0] in _PLAIN_SUBDOMAINS or host_name(host) != name:
        return False
    label = registrable_label(host)
    words, named = title.split(), name.split()
    if len(words) != 2 or _fold(words[0]) not in {_fold(named[0]), _fold(label or "")}:
        return False
    own = words[1]
    return own[:1].isupper() and _fold(own) not in {_fold(n) for n in named} and not _is_section(own)


def _names_parent_domain(title: str, hosts: tuple[str | None, ...]) -> bool:
    """The title writes out the parent domain of a subdomain it is the feed of ("… on Python.org")."""
    for host in hosts:
        if host and host.count(".") >= 2:
            sub, _, parent = host.partition(".")
            if sub not in _PLAIN_SUBDOMAINS and "." in parent and parent.casefold() in title.casefold():
                return True
    return False


def _department(feed_title: str | None, path: str | None) -> str | None:
    """The department a feed on a government's portal is of: its title, when the link's path spells it
    (www.canada.ca/en/health-canada/… for "Health Canada") or when it names someone."""
    if not feed_title:
        return None
    segments = {_fold(segment) for segment in (path or "").split("/") if segment}
    spelled = _fold(feed_title) in segments and feed_title.count(" ") >= 1  # a name of words, not "News"
    if spelled:
        return feed_title.strip()
    named = clean_feed_title(feed_title, ())
    # "…: medicines and medical devices" is a topic; a department's name opens with a capital
    return None if named is None or named[:1].islower() else named


def _blog_keys(hosts: tuple[str | None, ...]) -> frozenset[str]:
    """The host keys, and a blog subdomain's with its label: "PlayStation.Blog" spells blog.playstation.com."""
    keys = set(_host_keys(hosts))
    for host in hosts:
        label = registrable_label(host) if host else None
        if host and label and host.split(".", 1)[0] in ("blog", "blogs"):
            keys.update((_fold(label) + "blog", _fold(label) + "blogs"))
    return frozenset(keys)


def _same_site(host: str, others: Sequence[str | None]) -> bool:
    """Whether ``host`` is on the same registrable domain as one of ``others``."""
    label = registrable_label(host)
    return label is not None and any(
        other and registrable_label(other) == label and _tail(other) == _tail(host) for other in others
    )


def _tail(host: str) -> str:
    """The last label of a host (``org`` of ``forum.loamwise.org``): with the registrable label, the site."""
    return host.rpartition(".")[2]


@functools.lru_cache(maxsize=1024)  # a feed's items share their hosts (−0.6 % instructions an item, 472a503)
def _relays(article_host: str | None, article: str | None, site_host: str | None) -> bool:
    """The feed's own site is not the article's: the feed links out (a link blog, an aggregator).

    A platform's site link (reddit.com for a subreddit) says nothing of the article's publisher.
    """
    if not article_host or not site_host or _on(site_host, name_data().platforms):
        return False
    site = host_name(site_host)
    if site and article:  # feeds.bbci.co.uk and bbc.co.uk are one publisher under two domains
        return site != article
    return registrable_label(site_host) != registrable_label(article_host)


def _on(host: str | None, hosts: frozenset[str]) -> bool:
    """Whether the host is one of ``hosts`` or under one (``www.youtube.com`` is on ``youtube.com``)."""
    while host and "." in host:
        if host in hosts:
            return True
        host = host.partition(".")[2]
    return False


# "Morningstar | <title>", "NHC Atlantic update: <title>", "Արմենպրես | <title>": a lead naming the site.
_LEAD = re.compile(r"(?P<lead>[^:|—–→»]{2,60}?)\s*(?:\||:|—|–|→|»)\s+(?P<rest>\S.{8,})")
_BRACKET_LEAD = re.compile(r"【(?P<lead>[^】]{2,40})】\s*(?P<rest>\S.{4,})")
_LEAD_WORDS = 5
_MARK_FIRST = re.compile(r"^[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]+\s*")
_LEAD_OWN_WORDS = 2  # "NHC Atlantic update": the name and a few words of the applet's own
_FUNCTION_WORDS = frozenset({"on", "of", "in", "for", "to", "at", "by", "with", "about", "and", "vs", "from", "the"})
_DOUBLED = re.compile(r"(.)\1+")


def _latin(text: str) -> str:
    """The letters of a name in Latin script, folded: "Коммерсантъ" → "kommersant", "Trẻ" → "tre"."""
    letters = _letters(text)
    return letters if letters.isascii() else _letters(anyascii(letters))


def _spells(text: str, key: str) -> bool:
    """The text spells the key; a name transliterated may double a letter or not ("Armenpres", armenpress), or
    write a vowel its own way ("Твоє місто", tvoemisto: "tvoiemisto"): the same consonants in the same order."""
    latin = _latin(text)
    if latin == key:
        return True
    if text.isascii() or len(key) < _TRANSLITERATED_KEY:
        return False
    return _DOUBLED.sub(r"\1", latin) == _DOUBLED.sub(r"\1", key) or (
        latin[:1] == key[:1] and _VOWELS.sub("", latin) == _VOWELS.sub("", key)
    )


_TRANSLITERATED_KEY = 6
_VOWELS = re.compile(r"[aeiouy]+")


def site_lead(title: str, host: str | None, section: str = "") -> tuple[str, str] | None:
    """The title an applet's owner typed without the lead naming the site, and that site's name; or None.

    "Morningstar | <title>", "NHC Atlantic update: <title>", "Արմենպրես | <title>": the site's name as
    the publisher table gives it for ``host``, or a word spelling a label of the host, in any script,
    with at most a few words of the owner's own. A lead naming anything else ("Apple: …",
    "The Guardian view on …: …") is the title's. With no host (a shortlink), only a name the table
    knows. For text the owner typed only: a feed's own titles open with their site's name as often as
    not ("Kubernetes v1.36: …", "Reason Roundup: …").
    ``section`` is the link's first path segment: on a network's host it names the title's paper
    ("Timaru Herald: …" on stuff.co.nz/timaru-herald/…), when the lead spells it whole.
    """
    title = _MARK_FIRST.sub("", title)  # "🔴 1News: …": the owner's mark is no word of the name
    if (bracketed := _BRACKET_LEAD.fullmatch(title)) is not None and host and not is_shortlink_host(host):
        # "【KDDIニュースリリース】KDDI、…": a label in corner brackets that opens with the site's name
        label = registrable_label(host) or ""
        name = host_name(host)
        if len(label) >= 3 and _fold(bracketed["lead"]).startswith(label.replace("-", "")):
            lead = bracketed["lead"]
            spelled = next((lead[:end] for end in range(len(label), len(lead) + 1) if _fold(lead[:end]) == label), lead)
            return bracketed["rest"], name or spelled  # "KDDI" of "KDDIニュースリリース"
    found = _LEAD.fullmatch(title)
    if found is not None and " / " in found["lead"]:
        # "Llywodraeth Cymru / Welsh Government: …": a bilingual site's name in both its languages, either naming it;
        # every half a name ("Reuters / Ipsos poll: …" credits a poll)
        parts = [half.strip() for half in found["lead"].split(" / ")]
        if not all(word[:1].isupper() for half in parts for word in half.split()):
            return None
        halves = (site_lead(f"{half}: {found['rest']}", host, section) for half in parts)
        return next((led for led in halves if led is not None), None)
    if found is None or found["lead"].count(" ") >= _LEAD_WORDS or not found["lead"][:1].isalnum():
        return None
    lead = found["lead"].strip()
    words = lead.split()
    if any(word.casefold() in _FUNCTION_WORDS for word in words):
        return None
    if host is None or is_shortlink_host(host) or _on(host, name_data().platforms):
        # Only a name the table knows, and not one word of the language ("News", "Reason", "Crítica" name
        # sites too, but a title opens with them as a label as often): nothing else says it is the site.
        plain = len(words) == 1 and (is_ordinary(lead) or _is_section(lead))
        return (found["rest"], lead) if lead in _table_names() and not plain else None
    name = host_name(host)
    if name:
        # "Oregonian alert" for "The Oregonian": the name's article may go
        named = name.count(" ") + 1 - (name.split(" ", 1)[0].casefold() in _ARTICLES and words[0].casefold() != "the")
        if _owners_words(words[named:]) and (
            (len(_fold(name)) >= 3 and _fold(" ".join(words[:named])) == _fold(name)) or _spells(lead, _latin(name))
        ):
            return found["rest"], name
    labels = [label for label in host.split(".")[:-1] if len(label) >= 3 and label not in _PLAIN_SUBDOMAINS]
    # "El Watan" on elwatan-dz.com: a hyphened label's name part (not a word of the language: "news-daily")
    labels += [
        first
        for label in labels
        if "-" in label and len(first := label.partition("-")[0]) >= _COINED_PART and not is_ordinary(first)
    ]
    if len(words) > 1 and any(_spells(lead, label) for label in labels):
        return found["rest"], name or lead  # "Page Six: …" on pagesix.com: the lead's words spell the label
    parts = [label for label in host.removeprefix("www.").split(".") if label]
    if any(_spells(lead, "".join(parts[at:end])) for at in range(len(parts)) for end in range(at + 2, len(parts) + 1)):
        # "Weather.com: …" on weather.com (the table's name for it), "Newyddion S4C: …" on newyddion.s4c.cymru
        # (the lead's words: a subdomain's service of the table's "S4C")
        return found["rest"], (name or lead) if "." in lead else lead
    if len(words) > 1 and _named_section(section, words) and _spells(lead, section.replace("-", "")):
        return found["rest"], lead  # "Timaru Herald: …" on stuff.co.nz/timaru-herald/…: the network's paper
    for at, word in enumerate(words):
        # the label whole, or its first word ("Arch news:" on archlinux.org); a compound's first part too
        # ("KNMI-nieuws:" on knmi.nl, the rest of it the owner's word)
        head, _, tail = word.partition("-")
        spells = any(_spells(word, label) or (len(word) >= 4 and label.startswith(_latin(word))) for label in labels)
        if not spells and tail and any(_spells(head, label) for label in labels):
            word, words = head, [*words[:at], head, tail, *words[at + 1 :]]
            spells = True
        if spells and _owners_words(words[:at] + words[at + 1 :]):
            return found["rest"], name or word
    return None


def _named_section(segment: str, words: Sequence[str]) -> bool:
    """A path segment that may be a network's paper: hyphened words ending in a masthead's, one of them no ordinary
    word, or the lead's words a name's, every one capitalized and not a section's before the masthead's
    ("timaru-herald"; "Nelson Mail" for "nelson-mail"; "world-news", "brexit-deal", "les-decodeurs" are a site's
    sections)."""
    parts = segment.split("-")
    return (
        len(parts) >= 2
        and parts[-1] in _MASTHEAD_WORDS
        and all(part.isalpha() for part in parts)
        and (
            not all(map(is_ordinary, parts))
            or (all(word[:1].isupper() for word in words) and not all(map(_is_section, words[:-1])))
        )
    )


# Labels an owner puts before a title that name no one, in capitals or not.
_ALERT_WORDS = frozenset(
    {"breaking", "update", "updated", "live", "warning", "alert", "new", "video", "videos", "podcast", "episode", "til",
     "psa", "news", "watch", "listen", "read", "now", "just", "in", "exclusive", "developing", "urgent", "flash",
     "opinion", "analysis", "review", "photos", "thread", "latest", "today", "post", "article", "story"}
)  # fmt: skip
# What an applet's owner says of the site before an item's title: "NextDraft just landed", "X has a new post".
_ANNOUNCED = re.compile(
    r"(?P<name>\S.{0,60}?)\s+(?:just landed|just dropped|is out|is live|has a new (?:post|video|episode|issue)"
    r"|posted|published|uploaded a new video|new (?:post|video|episode|issue))",
    re.IGNORECASE,
)


# Labels a headline opens with in corner brackets ("【速報】", "【独自】", "【视频】"): the item's kind, never its site.
_BRACKET_LABELS = frozenset(
    {"速報", "独自", "動画", "写真", "朗報", "悲報", "特集", "解説", "続報", "詳報", "号外", "新着", "更新", "注目",
     "重要", "お知らせ", "告知", "PR", "中継", "LIVE", "ライブ", "インタビュー", "レビュー", "コラム", "社説", "検証",
     "話題", "速报", "独家", "快讯", "视频", "視頻", "影片", "图集", "圖集", "直播", "重磅", "突发", "突發", "专访",
     "專訪", "专题", "專題", "即時", "即时", "最新", "焦點", "焦点", "热点", "熱點", "头条", "頭條", "评论", "評論",
     "社论", "社論", "속보", "단독", "영상", "포토", "사진", "인터뷰", "칼럼", "사설", "종합", "기획", "특집", "르포"}
)  # fmt: skip
_BRACKET_NAME_CHARS = 12


def bracketed_lead(title: str) -> tuple[str, str] | None:
    """The title an owner typed after a site's name in corner brackets ("【現代ビジネス】<title>", "【品玩】<title>"),
    and the name; or None. Only a name: no label of the item's kind ("【速報】"), no number ("【#412】",
    "【12月限定】"), a few characters at most. For text the owner typed only (a feed's titles open with labels)."""
    found = _BRACKET_LEAD.fullmatch(title.strip())
    if found is None:
        return None
    lead = found["lead"].strip()
    if (
        len(lead) > _BRACKET_NAME_CHARS
        or any(char.isdigit() or char in "#＃・/／|｜" for char in lead)
        or lead.upper() in _BRACKET_LABELS
        or any(label in lead for label in _BRACKET_LABELS if len(label) >= 2 and not label.isascii())
    ):
        return None
    return found["rest"].strip(), lead


def marked_lead(title: str) -> tuple[str, str] | None:
    """The title an applet's owner typed after a mark and a name ("📢 NYC Emergency Management: <title>",
    "📬 NextDraft just landed: <title>", "🦋 Bridgy Fed on Bluesky: <title>"), and the name; or None.

    Only after the owner's mark (a pictograph first): a feed's own titles open with "Name: …" as often as
    not. The name is two to five capitalized words or one coined word (never a word of the language alone,
    "Breaking", "Update"), with at most a platform after "on" and the owner's announcing words after it.
    """
    mark = _MARK_FIRST.match(title)
    if mark is None or (found := _LEAD.fullmatch(title[mark.end() :])) is None:
        return None
    lead = found["lead"].strip()
    if (announced := _ANNOUNCED.fullmatch(lead)) is not None:
        lead = announced["name"].strip()
    name, _, platform = lead.partition(" on ")
    if platform and platform.strip().casefold() not in name_data().platform_names:
        return None
    words = name.split()
    while len(words) > 1 and words[-1] in _ALERT_WORDS:
        words.pop()  # "⚠️ VICSES update: …": the owner's word after the name, in lower case
    name = " ".join(words)
    if not 1 <= len(words) <= _LEAD_WORDS or any(word.casefold() in _FUNCTION_WORDS for word in words):
        return None
    if not all(word[:1].isupper() or word[:1].isdigit() for word in words):
        return None
    if all(word.casefold() in _ALERT_WORDS or _is_section(word) for word in words):
        return None  # "🚨 BREAKING: …", "NEW VIDEO: …", "Podcast: …" name no one
    if len(words) == 1 and not _coined(words[0]):
        return None  # "Breaking: …", "Update: …" name no one
    if not any((len(word) >= 2 and word.isupper()) or _coined(word) or not is_ordinary(word) for word in words):
        return None  # "Christmas Markets: …" is a title's own lead: a name has an acronym or a word of its own
    return found["rest"], name


def unmarked(title: str) -> str:
    """The title without the pictographs an applet's owner put before it ("📰 <title>"), where words follow."""
    mark = _MARK_FIRST.match(title)
    rest = title[mark.end() :] if mark is not None else title
    return rest if any(char.isalnum() for char in rest) else title


def _owners_words(words: Sequence[str]) -> bool:
    """Words an applet's owner adds to a site's name ("update", "புதிய செய்தி"): a few, words of letters,
    not all capitalized unless they are section words ("SHRM News"): "Reason Roundup", "Kubernetes v1.36"
    and "Hello Developer" are a site's titles."""
    if not words:
        return True
    return (
        len(words) <= _LEAD_OWN_WORDS
        and all(unicodedata.category(char)[0] in "LM" for word in words for char in word)
        and (not all(word[:1].isupper() for word in words) or all(_is_section(word) for word in words))
    )


# "on" before a platform in the languages of the corpus: "Python Brasil no Bluesky", "Le Monde sur YouTube"
_ON_PLATFORM = re.compile(r"(?i)\s+(?:on|no|na|em|en|sur|auf|bei|su|op|på)\s+(?P<platform>\S.{0,40})$")


def on_platform_removed(name: str) -> str:
    """A name without the platform a notice says it posted on: "Python Brasil no Bluesky" → "Python Brasil"."""
    found = _ON_PLATFORM.search(name)
    if found is None or found["platform"].strip().casefold() not in name_data().platform_names:
        return name
    return name[: found.start()]


def names_platform(name: str) -> bool:
    """A notice's name says it posted on a platform of untitled posts: "Jun's micro.blog", "Python Brasil no
    Bluesky" (not "Harbour Times on YouTube", "Generation X")."""
    found = _ON_PLATFORM.search(name)
    if found is not None and found["platform"].strip().casefold() in _POST_PLATFORMS:
        return True
    owned = _OWNED_PLATFORM.search(name)
    return owned is not None and owned["platform"].casefold() in _POST_PLATFORMS


_POST_PLATFORMS = frozenset({"bluesky", "mastodon", "threads", "x", "twitter", "micro.blog", "tumblr"})
_OWNED_PLATFORM = re.compile(r"\w['’]s (?P<platform>\S+)$")


def post_account(url: str | None) -> str | None:
    """The account a social post's address names ("@tanstack.com" for bsky.app/profile/tanstack.com/post/…), or
    None for any other address."""
    try:
        parts = urlsplit(url.strip()) if url else None
    except ValueError:
        return None
    return _account(parts.hostname, parts.path) if parts else None


def on_channel_platform(host: str | None) -> bool:
    """Whether a link's host is a video platform where a channel publishes (youtube.com, twitch.tv)."""
    return _on(host, name_data().channel_named)


@functools.lru_cache(maxsize=1)
def _table_names() -> frozenset[str]:
    return frozenset(name_data().hosts.values())
