"""A JSON object's members under names no alias knows (an owner's own words: "baslik", "제목"), read by shape."""

from __future__ import annotations

import email.utils
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from urllib.parse import urlsplit

from app.ingest.fields import MARKS, NOT_OUTLETS

__all__ = [
    "IFTTT_DATE",
    "PICTOGRAPHS",
    "PICTURE_FILE",
    "TAG",
    "by_shape",
    "only_page_link",
    "site_named",
    "spells_host",
    "story_link",
]

# Pictographs a bot or a person sets before a notice or a link, as the inside of a character class: the squared
# letters ("🆕"), the emoji blocks ("📰", "🔗") and the older symbols and dingbats ("☀", "✅"); a pattern adds
# arrows or shapes where it reads them too.
PICTOGRAPHS = r"\U0001F170-\U0001F1E5\U0001F300-\U0001FAFF\u2600-\u27BF"
# A link to a picture file by its extension, and a tag in text: shared by the readers of bodies and of cards.
PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.IGNORECASE)
TAG = re.compile(r"<[^<>]{0,2000}>")
_LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# A picture by its file: an image extension, or the format as a path segment ("…/3789123/jpg/640x360").
_PICTURE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)|/(?:jpe?g|png|webp)/", re.IGNORECASE)
# Members that are never the item's text, whatever their value: credentials and trackers.
_NEVER = re.compile(
    r"(?i)key|secret|passw|passphrase|^pass$|pwd|credential|token|auth|sign|session|cookie|utm_|^ref$|^id$"
    # the sender's own furniture: an error, a tagline, a logo or an avatar is no part of the item
    r"|error|warning|tagline|slogan|logo|avatar|favicon|^icon|[-_]icon|banner|badge"
)
# A link that carries a credential in its query (a pre-signed storage URL) is never read by shape.
_CREDENTIAL_QUERY = re.compile(r"(?i)[?&](?:[^=&#]*[-_.])?(?:signature|credential|token|key|sig|secret)=")
_TITLE_MIN_CHARS = 12  # one word of a category or a code ("Gündem", "newsletter") is no headline
_DATE_CHARS = 40
IFTTT_DATE = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}[AP]M")
"""IFTTT's own date ("November 11, 2025 at 04:00AM"): spaces in it, so never part of a link."""
_TITLE_CHARS = 200
_DATE_KEY = re.compile(r"(?i)date|time|pub|creat|post|when|^at$")
_MARKUP = re.compile(r"<[a-zA-Z][^<>]{0,200}>")
# Sentence ends in the scripts that have their own: the Devanagari and Bengali danda, Arabic's question mark,
# Urdu's full stop, Armenian's, Ethiopic's and Burmese's (a word before them may end in a vowel sign: MARKS).
_STOPS = ".!?。！？।॥؟۔։።။"
# a sentence's end with more after it: a summary, not a headline ("Dr. Oz" and "St. Louis" end no sentence)
_SENTENCES = re.compile(rf"(?:\w{{3}}|[^\x00-\x7f])[{_STOPS}]\s+\S")
_ENDS_SENTENCE = re.compile(rf"[\w{MARKS}]{{2}}[{_STOPS}…][\"'”’»)]*$")
_SENTENCE_CHARS = 40  # a sentence of a summary, not a label ("Read more.")


def only_page_link(pairs: list[tuple[str, str]]) -> str | None:
    """The one link to a page among members no alias named ("주소", "ligacao"): the item's, where no other page link
    stands beside it to be the feed's or a source's, and its path is a story's; never a feed's own address."""
    links = {
        value.strip()
        for key, value in pairs
        if len(value) <= _MAX_LINK_CHARS
        and _LINK.fullmatch(value.strip())
        and not _PICTURE.search(value)
        and not _NEVER.search(key)
        and not _NOT_THE_STORY.search(key)
        and not _CREDENTIAL_QUERY.search(value)
    }
    if len(links) != 1:
        return None
    link = links.pop()
    try:
        parts = urlsplit(link)
    except ValueError:  # "https://e[xample.com/c": a bracket that opens no IPv6 host
        return None
    # A story's address: a slug, a number or a file in its path, or a query ("/2026/05/fuel-prices/",
    # "/articleView.html?idxno=452318"); a site's root or a section's word ("/section/") is no story's.
    story = parts.query or any(char in parts.path for char in "-_.%0123456789")
    return link if story and not _FEED_ADDRESS.search(link) and not _NOT_A_STORY_PATH.search(parts.path) else None


_MAX_LINK_CHARS = 2000
_FEED_ADDRESS = re.compile(r"(?i)(?:/feeds?|/rss|/atom|\.xml|\.rss)/?(?:[?#]|$)|[?&]feed=")
# Keys and paths that name someone's page or a service's, not the story: a channel, a profile, a sign-up.
_NOT_THE_STORY = re.compile(
    r"(?i)channel|profile|home|about|unsubscribe|subscribe|sponsor|(?:^|_)ads?(?:_|$)|comment|share|author|feed|site"
)
_NOT_A_STORY_PATH = re.compile(
    r"(?i)/(?:channel|c|user|profile|@[^/]*|about(?:-us)?|contact(?:-us)?|subscribe|unsubscribe|campaign)(?:/|$)"
)


def _is_date(text: str) -> bool:
    """ISO 8601, RFC 822 or IFTTT's own date, and nothing else."""
    if len(text) > _DATE_CHARS or not any(char.isdigit() for char in text):
        return False
    if IFTTT_DATE.fullmatch(text):
        return True
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return True
    try:
        return email.utils.parsedate_to_datetime(text) is not None
    except (TypeError, ValueError, IndexError, OverflowError):
        return False


# Names an owner gives the headline that no alias knows: a letter, IFTTT's generic "value", a subject line
# (and a thing's own title: "video_title", "job_title", "post_title"; Dutch "kop", Bulgarian "zaglavie" typed in
# Latin letters, South Slavic "naslov"; a link's "name" beside its "href")
_HEADLINE_KEY = re.compile(
    r"(?i)^(?:t|ti|hl|h1|value|val|subject|heading|head|name|nadpis|cim|otsikko|kop|zaglavie|naslov"
    r"|(?:video|job|post|article|story|item|entry|episode|news)[_ -]?title)$"
)
_HEADLINE_WORDS = 3
_NAMED_HEADLINE_WORDS = 5  # under "name", more words than a person's name has
_CREDIT_OPENING = re.compile(r"(?i)^(?:by|posted by|written by|von|par|por|©|\(c\))\s")


def _headline_beside(key: str, value: str) -> bool:
    """A line of three words or more (five under "name") under a name that means a headline ("t", "value",
    "subject"): beside a known content, the item's headline; a byline or a copyright line is none."""
    text = value.strip()
    words = _NAMED_HEADLINE_WORDS if key.strip().casefold() == "name" else _HEADLINE_WORDS  # ("Jane Mary Doe")
    return (
        _HEADLINE_KEY.match(key.strip()) is not None
        and text.count(" ") >= words - 1
        and len(text) <= _TITLE_CHARS
        and "\n" not in text
        and _SENTENCES.search(text) is None
        and _LINK.search(text) is None
        and _CREDIT_OPENING.match(text) is None
    )


# A member's name that says its link is the item's own: "story_url", "article_link", "post_href", or the bare "post".
_STORY_LINK_KEY = re.compile(r"(?i)^(?:(?:story|article|post|entry|item|news)[_ -]?(?:url|link|href|permalink)|post)$")


def story_link(pairs: list[tuple[str, str]]) -> str | None:
    """The link under a name that says it is the item's ("story_url"), unless it carries a credential."""
    return next(
        (
            value.strip()
            for key, value in pairs
            if _STORY_LINK_KEY.match(key.strip())
            and _LINK.fullmatch(value.strip())
            and not _CREDENTIAL_QUERY.search(value)
        ),
        None,
    )


def by_shape(pairs: Iterable[tuple[str, str]], known: Mapping[str, str]) -> dict[str, str]:
    """The fields ``known`` lacks, from members no alias named, by what their values look like (strings only).

    A link alone is the article's link, or its picture when it points to an image file; a
    date alone is the date; text with markup, a line break, two sentences or over 200 characters is the content (the
    longest such); a shorter line of text is the title (the longest such: a category or a name is shorter
    than a headline). Only for an object that lacks a title or content, and only when a link or a text is found:
    an owner who named their members in Turkish ("baslik", "ozet") or Korean ("제목", "요약") sent an item all
    the same. Beside a known title and content, only a date and a picture file are read (a link could be the
    feed's or a source's, a text a note); beside a known content, a headline of three words or more too.
    Credentials and trackers ("api_key", "utm_source") are never read.
    """
    found: dict[str, str] = {}
    pairs = list(pairs)
    if "url" not in known and (story := story_link(pairs) or only_page_link(pairs)) is not None:
        found["url"] = story  # "story_url", "article_link": the member's name says whose link it is
    if "title" in known and "content" in known:
        # an item its sender named in known words: only a date or a picture file under another name is read
        # ("发布时间", "afbeelding"); a link could be the feed's or a source's, an image file is the item's own
        known = {**known, "url": "-"}
    elif "title" in known or "content" in known:
        # half named: the other half only with the evidence a note or a category lacks
        known = {**known, "url": "-"}
        pairs = [
            (key, value)
            for key, value in pairs
            if "title" in known
            or _headline_beside(key, value)
            or _MARKUP.search(value)
            or "\n" in value
            or len(value) > _TITLE_CHARS
            or (_is_date(value.strip()) and (IFTTT_DATE.fullmatch(value.strip()) or _DATE_KEY.search(key)))
            # (a date or a picture file is the item's beside a known content too: IFTTT's date, or under a key
            # that says so; a "deadline" is not)
            or (_LINK.fullmatch(value.strip()) is not None and _PICTURE.search(value) is not None)
        ]
    titles: list[str] = []
    texts: list[str] = []
    for key, raw in pairs:
        value = raw.strip()
        if not value or value.isdigit() or _NEVER.search(key):
            continue
        if _LINK.fullmatch(value):
            if _CREDENTIAL_QUERY.search(value):
                continue
            field = "image" if _PICTURE.search(value) else "url"
            if field not in known and field not in found:
                found[field] = value
        elif _is_date(value):
            if "published" not in known and "published" not in found:
                found["published"] = value
        elif "\n" in value or len(value) > _TITLE_CHARS or _MARKUP.search(value) or _SENTENCES.search(value):
            texts.append(value)
        elif " " in value or len(value) >= _TITLE_MIN_CHARS:
            titles.append(value)
    if "content" not in known and not texts and "title" in known:
        # beside a known title, a sentence is the content ("текст": "Совет директоров … сообщил регулятор.")
        texts = [text for text in titles if len(text) >= _SENTENCE_CHARS and _ENDS_SENTENCE.search(text)]
    if "content" not in known and texts:
        found["content"] = max(texts, key=len)
    if not ({"url", "content"} & (found.keys() | known.keys())):
        return {}  # a word or two under unknown names ({"foo": "bar"}) is no item: a link or a text makes one
    if "title" not in known and titles:
        found["title"] = max(titles, key=len)
    return found


def host_of(url: str) -> str:
    """The address's host in lower case, without a user, a port or a leading "www." ("example.com" of
    "https://user@www.Example.com:8080/a")."""
    # (read off the text: urlsplit refuses a malformed "[…" address with an error)
    host = url.partition("://")[2].split("/", 1)[0].rpartition("@")[2].split(":", 1)[0].casefold()
    return host.removeprefix("www.")


def spells_host(name: str, url: str) -> bool:
    """The name's letters and digits, accents off, are the first label of the address's host ("Tele1" of
    tele1.com.tr, "BirGün" of birgun.net), three letters at least."""
    label = host_of(url).split(".")[0]
    # (an elided article may be no letter of a domain: "Diari d'Andorra" of diariandorra.ad; "L'Équipe" of lequipe.fr)
    names = (name.casefold(), _ELIDED_ARTICLE.sub("", name.casefold()))
    folded = {"".join(c for c in unicodedata.normalize("NFKD", each) if c.isalnum()) for each in names}
    return len(label) >= 3 and label in folded


def spelled_masthead(said: str, url: str) -> str | None:
    """The masthead a notice spells by the link's host, alone or before its news room's word ("Granada Hoy" over
    granadahoy.com; "RSPCA" of "RSPCA news" over rspca.org.uk), or None."""
    if spells_host(said, url):
        return said
    words = said.split()
    if len(words) < 2 or words[-1].casefold() not in _NEWSROOM_WORDS:
        return None
    # (the site's blog or news room may have its own host: "OpenStreetMap Blog" over blog.openstreetmap.org)
    host = host_of(url)
    own = host.partition(".")[2] if host.split(".", 1)[0] == words[-1].casefold() else host
    if spells_host(" ".join(words[:-1]), f"https://{own}/"):
        return said if own != host else " ".join(words[:-1])
    return None


_NEWSROOM_WORDS = frozenset({"news", "newsroom", "updates", "update", "blog"})
_ELIDED_ARTICLE = re.compile(r"\b[dl]['’](?=\w)")
_SITE_NAME_CHARS = 60


def site_named(pairs: Iterable[tuple[str, str]], url: str) -> str | None:
    """The name of the item's site under a member no alias knows ("portalik": "Kurier Wileński" beside
    kurierwilenski.lt): a short line that spells the link's host, with a capital letter (a tag in lower case,
    "bitcoin" on bitcoin.com, is a topic), never a link, a credential or the headline's own member."""
    for key, raw in pairs:
        value = raw.strip()
        if (
            0 < len(value) <= _SITE_NAME_CHARS
            and "\n" not in value
            and not _LINK.search(value)
            and any(char.isupper() for char in value)
            and value.casefold() not in NOT_OUTLETS  # (a platform's own: "platform": "YouTube" on youtube.com)
            and not _NEVER.search(key)
            and not _HEADLINE_KEY.match(key.strip())
            and spells_host(value, url)
        ):
            return value
    return None
