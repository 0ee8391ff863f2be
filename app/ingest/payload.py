"""Lenient parser of webhook bodies: raw bytes in, canonical ingredient fields out."""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qsl, unquote_plus

import orjson

from app.errors import PayloadError
from app.ingest.brokenjson import scan_broken_json
from app.ingest.cards import Card, chat_card, footer_date, linked_title, marked_html
from app.ingest.charset import declared_charset, decode_body, scrub_surrogates
from app.ingest.credits import credited_origin
from app.ingest.fields import (
    CONTENT_ENDING_KEYS,
    DATE_PREPOSITION,
    FIELD_ALIASES,
    IDENT,
    INGREDIENT_KEYS,
    MARKS,
    OUTLET_WORDS,
    QUOTES,
    canonical_name,
    collect,
    lowered_key,
    named_sender,
)
from app.ingest.owned import (
    IFTTT_DATE,
    PICTOGRAPHS,
    PICTURE_FILE,
    TAG,
    by_shape,
    host_of,
    only_page_link,
    site_named,
    spelled_masthead,
    spells_host,
    story_link,
)

__all__ = ["FIELD_ALIASES", "Payload", "parse_payload"]


@dataclass(frozen=True, slots=True)
class Payload:
    """What a webhook body said, by canonical field name, and how it had to be read.

    ``form`` is one of ``json``, ``json-lenient``, ``form``, ``form-lenient``, ``text-fields``,
    ``text-post``, and ``feed`` for a feed document posted as the body (read in app/ingest/service.py).
    """

    # Excluded from the hash: a mapping is unhashable, and equal payloads still hash equal.
    fields: Mapping[str, str] = field(hash=False)
    form: str

    def without_secret(self, secret: str) -> Payload:
        """The payload with `secret` taken out of every field but ``token``.

        A sender may paste the token into a body the readers cannot split into fields (a ``token:`` line
        at the end of a text post, a link carrying ``?token=``): it would become part of a public item.
        A ``token: <secret>`` mention goes; so does every other occurrence of a secret long enough not
        to be a word of the story (a generated token is 32 characters), until none is left.
        """
        if not secret:
            return self
        mention = re.compile(rf"(?i:\btoken\b)[ \t]*[:=][ \t]*[{_Q}]?{re.escape(secret)}[{_Q}]?")
        fields = {
            name: value if name == "token" else _redacted(value, secret, mention) for name, value in self.fields.items()
        }
        return Payload(MappingProxyType({name: value for name, value in fields.items() if value}), self.form)


MIN_REDACTED_SECRET = 12
"""Below this length a secret is removed only where it follows ``token:``: "news" is also a word."""


def _redacted(value: str, secret: str, mention: re.Pattern[str]) -> str:
    value = mention.sub("", value)
    while len(secret) >= MIN_REDACTED_SECRET and secret in value:  # "abcabc123123" without "abc123" is "abc123"
        value = value.replace(secret, "")
    return value.strip()


def parse_payload(body: bytes, content_type: str | None) -> Payload:
    """Read a webhook body however it arrived; raise PayloadError only if it cannot be read at all, or
    is a bare JSON null, boolean or number (no reading of those is an item)."""
    text = decode_body(body, content_type).strip()
    if not text:
        raise PayloadError("The body is empty: there is nothing to read.")
    for reader in _readers_in_order(text, content_type):
        reading = reader(text)
        if reading is not None:
            fields, form = reading
            if (dek := fields.pop("dek", None)) is not None:
                fields.setdefault("content", dek)  # the summary line, where nothing gave the story's text
            if "url" not in fields and "content" in fields and (credit := credited_origin(fields["content"])):
                fields["url"] = credit[0]  # a republished post's closing credit: where the story first ran
                fields.setdefault("feed_title", credit[1])
            return Payload(MappingProxyType(fields), form)
    # Only a body that starts like a JSON object gets here: it is not a rendered post, and no key
    # in it was recognised.
    return Payload(MappingProxyType({}), "json-lenient")


# --- choosing a reader ------------------------------------------------------------------------

_Reading = tuple[dict[str, str], str]
_Reader = Callable[[str], _Reading | None]

_Q = re.escape(QUOTES)
_TRAILING_JUNK = " \t\r\n}]);,"  # what may follow a valid JSON value without making it a prefix
_ALIAS_PATTERN = "|".join(sorted((re.escape(alias) for alias in FIELD_ALIASES), key=len, reverse=True))
_JSON_KEY_START = re.compile(rf"[{_Q}][ \t]*(?:{_ALIAS_PATTERN})[ \t]*[{_Q}]\s*:", re.IGNORECASE)
_FORM_KEY_START = re.compile(rf"(?:{_ALIAS_PATTERN})(?:\[\])?[ \t]*=", re.IGNORECASE)
# (a word no alias knows before "=" cuts a piece too: `_split_unencoded_form` joins it back unless its value is prose)
_FORM_PAIR_BOUNDARY = re.compile(
    rf"&[ \t\r\n]*(?=(?:{_ALIAS_PATTERN})(?:\[\])?[ \t]*=|[^\W\d_]{{2,24}}=)", re.IGNORECASE
)
# A first key no alias knows ("zaglavie=…", Bulgarian typed in Latin letters) makes a form with a known key after it
_FORM_ANY_KEY_START = re.compile(r"[^\W\d_][^\W_]{1,23}=")
# (each "&key=" looked up by name: the aliases' alternation tried at every "&" cost seconds on a body of "&"s)
_FORM_ANY_PAIR = re.compile(r"&[ \t\r\n]*(?P<key>[^\W\d_][\w.:-]{0,40}?)(?:\[\])?[ \t]*=")

_DECLARED_KINDS = {
    "application/json": "json",
    "text/json": "json",
    "application/x-www-form-urlencoded": "form",
    "text/plain": "text",
    "multipart/form-data": "multipart",
}


def _readers_in_order(text: str, content_type: str | None) -> list[_Reader]:
    """What the body looks like first, then what the sender declared, then the rest; a post last.

    Every structured reader refuses a body that lacks its own evidence, so the order only decides
    between readers that could all make sense of the body.
    """
    kinds: list[str] = []
    for kind in (_sniff(text), _declared_kind(content_type), "json", "form", "text"):
        if kind == "multipart" and not text.startswith("--"):
            continue
        if kind is not None and kind not in kinds:
            kinds.append(kind)
    readers: dict[str, _Reader] = {
        "multipart": _read_multipart,
        "json": _read_json,
        "form": functools.partial(_read_form, encoding=_form_encoding(content_type)),
        "text": _read_text_fields,
    }
    return [readers[kind] for kind in kinds] + [_read_labelled_lines, _read_text_post]


def _sniff(text: str) -> str | None:
    if text.startswith("--") and "content-disposition" in text[:2000].lower():
        return "multipart"
    if _looks_like_json(text):
        return "json"
    if _looks_like_form(text):
        return "form"
    return None


def _declared_kind(content_type: str | None) -> str | None:
    if not content_type:
        return None
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type.endswith("+json"):
        return "json"
    return _DECLARED_KINDS.get(media_type)


def _looks_like_json(text: str) -> bool:
    return text[0] in "{[" or _JSON_KEY_START.match(text) is not None


def _looks_like_form(text: str) -> bool:
    """``alias=...`` at the start, on one line or with further ``&alias=`` pairs (else it is text)."""
    if _FORM_KEY_START.match(text) is None and (
        _FORM_ANY_KEY_START.match(text) is None
        or not any(canonical_name(pair["key"]) is not None for pair in _FORM_ANY_PAIR.finditer(text))
    ):
        return False
    single_line = "\n" not in text and "\r" not in text
    return single_line or _FORM_PAIR_BOUNDARY.search(text) is not None


# --- JSON -------------------------------------------------------------------------------------


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as the stdlib fallback saw it, in order and with repeated keys kept."""


def _read_json(text: str) -> _Reading | None:
    try:
        parsed: Any = orjson.loads(text)  # the hot path: nearly every valid body ends here
    except orjson.JSONDecodeError:
        pass
    else:
        return _read_json_value(parsed, "json")
    if not _looks_like_json(text):
        return None
    # strict=False accepts the raw newlines and tabs IFTTT pastes inside strings; raw_decode a
    # stray "}" or ";" after the object. Pairs keep a repeated key's first value reachable.
    decoder = json.JSONDecoder(strict=False, object_pairs_hook=_Pairs)
    try:
        parsed, end = decoder.raw_decode(text)
    except (ValueError, RecursionError):  # ValueError includes JSONDecodeError and huge integers
        return _scanned(text)
    if text[end:].strip(_TRAILING_JUNK):
        # A valid prefix followed by more text: a raw value closed the object early ("x"} y").
        return _scanned(text)
    return _read_json_value(parsed, "json-lenient")


def _scanned(text: str) -> _Reading | None:
    """A broken JSON body's fields; a message that is only text read as the owner's post (a chat message typed
    with curly quotes: {“text”: ”<title>\\n<date>\\n<link>”})."""
    scanned = scan_broken_json(text)
    if scanned is None:
        return None
    fields, strings = scanned
    if fields.keys() == {"content"} and (posted := _posted_text(fields["content"])):
        return posted, "json-lenient"
    if fields.keys() == {"content"} and (card := chat_card(dict(strings))) is not None:
        return _card_fields(card), "json-lenient"  # a chat message's text in its markup: {“text”: “*<title>*\n…”}
    # members under names no alias knows, by their shape, as in a valid object ({“tytuł”: …, “lead”: “<text>”});
    # where no alias names any ({“аталышы”: …, “шилтеме”: …}), a link or a text makes them an item all the same
    shaped = _with_shapes(fields, strings)
    return (shaped, "json-lenient") if shaped else None


def _read_json_value(parsed: Any, form: str) -> _Reading | None:
    """Fields of a parsed document: an object, or the first object of an array; None for a string (a
    post, maybe); PayloadError for null, a boolean or a number. A message with neither a title nor a link
    whose text opens with its title as a link ("**[Title](https://…)**") is read for them."""
    reading = _read_json_fields(parsed, form)
    if reading is None or reading[0].keys() & {"title", "url"}:
        return reading
    if (linked := _linked_title(reading[0]) or _bracketed_post(reading[0])) is not None:
        return linked, reading[1]
    if "content" in reading[0] and (posted := _posted_text(reading[0]["content"])) is not None:
        # a chat event's message, its text a post ending in its link on a line of its own (a Telegram channel's
        # post with its date beside it, a Matrix message's body): read as the text post it is
        rest = {key: value for key, value in reading[0].items() if key != "content"}
        return {**rest, **posted}, reading[1]
    return reading


# A feed bot's line "**[Do By Friday]** 512: The Spreadsheet Has Feelings" over the item's link (rss-to-webhook, RSS
# bots for Discord and Matrix): the feed's name in strong brackets, the headline after it.
_BRACKETED_FEED = re.compile(r"\*\*\[(?P<name>[^\[\]\n]{2,80})\]\*\*[ \t]+(?P<title>\S[^\n]{3,300})")
_BRACKET_HEADER_WORDS = 4


def _bracketed_post(fields: dict[str, str]) -> dict[str, str] | None:
    """A message whose first line (or the line under a sender's short header, Apprise's "RSS Bot") is a feed bot's
    bracketed line over a link on a line of its own: its feed, headline, link and the text after them."""
    lines = [line.strip() for line in fields.get("content", "").strip().splitlines() if line.strip()][:_NESTED_OBJECTS]
    at = next((i for i in range(min(2, len(lines))) if _BRACKETED_FEED.fullmatch(lines[i])), None)
    if at is None or (at == 1 and len(lines[0].split()) > _BRACKET_HEADER_WORDS) or len(lines) < at + 2:
        return None
    link = _ANGLED_LINK.sub(r"\1", lines[at + 1])
    if _OWN_LINE_LINK.fullmatch(link) is None:
        return None
    named = _BRACKETED_FEED.fullmatch(lines[at])
    assert named is not None
    rest = {key: value for key, value in fields.items() if key != "content"}
    found = {**rest, "feed_title": named["name"].strip(), "title": named["title"].strip(), "url": link.strip()}
    return found | ({"content": "\n\n".join(lines[at + 2 :])} if lines[at + 2 :] else {})


def _read_json_fields(parsed: Any, form: str) -> _Reading | None:
    if isinstance(parsed, str) and parsed.strip()[:1] in ("{", "["):
        # JSON encoded twice: read the inner text (its top level is a container, so this recurses
        # at most once).
        return _read_json(parsed.strip())
    if isinstance(parsed, list) and not isinstance(parsed, _Pairs):
        # Valid JSON array: conclusive even without an object in it, since it is not a post.
        parsed = next((item for item in parsed if isinstance(item, dict | _Pairs)), {})
    if isinstance(parsed, dict):
        pairs: Iterable[tuple[str, Any]] = parsed.items()
    elif isinstance(parsed, _Pairs):
        pairs = parsed
    elif parsed is None or isinstance(parsed, bool | int | float):
        # `null`, `42`, `true`: conclusive, and no reading of them is an item.
        raise PayloadError(f"The body is the JSON value {_text_of(parsed)}, not an object with the item's fields.")
    else:
        return None
    pairs = [(key, dict(_first_values(value)) if isinstance(value, _Pairs) else value) for key, value in pairs]
    # rss-parser's (n8n's RSS nodes') podcast item keeps the episode's author and picture in "itunes": {…}: read
    # after the item's own members (a field keeps its first value), so that an item's own "author" or "creator"
    # and "image" win and the itunes ones stand in where the item has none
    pairs += [
        (name, inner)
        for key, value in pairs
        if key == "itunes" and isinstance(value, dict)
        for name, inner in value.items()
        if name in _ITUNES_MEMBERS
    ]
    try:  # (a lenient reading's objects as dicts; a document nested ~500 deep is no chat message)
        card = chat_card(dict(_plain(pairs)) if form == "json-lenient" else dict(pairs))
    except RecursionError:
        card = None
    if card is not None:
        fields = _card_fields(card)  # Slack's blocks, Teams' and Google Chat's cards, Telegram's message
        shown, _ = collect([(key, value) for key, value in pairs if key in _SHOWN_AS and isinstance(value, str)])
        fields = {**shown, **fields}  # the name the message is shown under, where the card names no feed
        if "title" not in fields and (posted := _posted_message(pairs)) is not None and "title" in posted:
            return {**{k: v for k, v in fields.items() if k != "content"}, **posted}, form
        return fields, form
    members = [_json_pair(key, value) for key, value in _named_release(pairs)]
    fields, _ = collect(members)
    _read_wordpress_post(dict(pairs), fields)
    _read_youtube_resource(dict(pairs), fields)
    if (repeated := _card_repeated(fields, pairs)) is not None:
        # a feed bot's message is its card's title and link over the card (MonitoRSS): the card is the item
        return _with_shapes({**{k: v for k, v in fields.items() if k != "content"}, **repeated[0]}, repeated[1]), form
    if fields.keys() - {"feed_title"} == {"content"} and (posted := _posted_text(fields["content"])) is not None:
        named = {"feed_title": fields["feed_title"]} if "feed_title" in fields else {}
        return {**named, **posted}, form  # (the bot's name beside the text: the feed's, where the text names none)
    strings = [(key, value) for key, value in pairs if isinstance(value, str)]
    if (
        _notice_over_item(fields)
        and (nested := _nested_item(pairs)) is not None
        and {"title", "url"} <= nested[0].keys()
    ):
        # A chat message's line over its card: Discord's {"content": "**CityNerd** just posted a video!", "embeds":
        # [{"title": …, "url": …, "description": …}]}: the card is the item, the line names whose it is
        notice, inner = _CHAT_MENTION.sub("", _SLACK_LINK.sub(r"\1", fields.pop("content"))).strip(), dict(nested[0])
        name = _card_notice_name(notice.strip(), inner["title"])
        if name is None:  # the message's own words ("Tornado warning extended until 9 PM …") lead the card's
            inner["content"] = f"{notice}\n\n{inner['content']}" if inner.get("content") else notice
        elif name and "feed_title" not in fields:
            fields["feed_title"] = name
        return _with_shapes({**fields, **inner}, nested[1]), form
    if "content" in fields or (nested := _nested_item(pairs)) is None:
        return _with_shapes(fields, strings), form
    inner, inner_strings = nested
    if "url" not in fields and "title" not in fields:
        # A service's event around the item: Miniflux's {"entries": [{…}]}, Ghost's {"post": {"current": {…}}},
        # Superfeedr's {"items": [{…}]}: the item's own members, then what the event says beside them.
        return _with_shapes({**fields, **inner}, inner_strings), form
    if "url" not in fields and ("url" in inner or "content" in inner):
        # A title beside the items names the stream they came by (Inoreader's {"title": "WPR", "items": [{…}]}).
        fields.setdefault("feed_title", fields.pop("title"))
        return _with_shapes({**fields, **inner}, inner_strings), form
    if "title" not in fields and {"title", "content"} <= inner.keys():
        # The post's page and picture beside the post object (WordPress's webhook plugins): its title and text.
        return _with_shapes({**inner, **fields}, inner_strings), form
    return _with_shapes(fields, strings), form


def _linked_title(fields: dict[str, str]) -> dict[str, str] | None:
    """A message whose text opens with the item's title as its link ("**[Title](https://…)**\\n<summary>")."""
    content = fields.get("content", "")
    # (a link in Markdown's, Slack's or HTML's own markup: plain text with a bar or a link is read as a post is)
    if (
        not ("](" in content or "<a " in content or _SLACK_LINK.search(content))
        or (card := linked_title(content)) is None
    ):
        return None
    return {**{key: value for key, value in fields.items() if key != "content"}, **_card_fields(card)}


def _plain(value: Any) -> Any:
    """A lenient reading's objects (kept as pairs) as dicts, a repeated key's first value winning."""
    if isinstance(value, _Pairs):
        return {key: _plain(inner) for key, inner in reversed(value)}
    if isinstance(value, list):
        return [(item[0], _plain(item[1])) if isinstance(item, tuple) else _plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(inner) for key, inner in value.items()}
    return value


# A card's fact naming who posted it: "Asked by", "Posted by", "Submitted by", "Written by".
_BY_LABEL = re.compile(r"(?i)(?:(?:asked|posted|submitted|written|uploaded|shared|reported) )?by")


_SHOWN_AS = frozenset({"username", "alias"})


def _card_fields(card: Card) -> dict[str, str]:
    """A chat card's fields: its own, its facts' (a label no alias knows read by its value's shape), its footer's
    date and poster, and the masthead the message's line names ("New video from Cody'sLab: <the card's title>")."""
    facts = [("author" if _BY_LABEL.fullmatch(label) else label, value) for label, value in card.facts if value]
    own = [("title", card.title), ("url", card.url), ("content", card.content), ("image", card.image)]
    fields, _ = collect([*own, *facts])
    for name, value in _footer_fields({"footer": " · ".join(card.footer), "url": card.url}).items():
        fields.setdefault(name, value)
    if (labelled := _NEW_LABEL.match(fields.get("title", ""))) is not None:
        fields["title"] = labelled["title"]  # "New video: <title>" in the card's title: the sender's label
    said = TAG.sub("", fields.get("content", "")).strip()
    told = _SAID_VERB.search(said) is not None and _SAID_NOTICE.search(said) is None  # "Apple released iOS 26.2 …"
    if (
        card.title
        and said
        and len(said) <= _NOTICE_CHARS
        and not told
        and (named := _card_notice_name(said, card.title))
    ):
        # the card's text only says whose it is ("New video from Hydraulic Press Channel" under the title)
        fields.pop("content")
        fields.setdefault("feed_title", named)
    notice = _SLACK_LINK.sub(r"\1", card.notice).strip()
    if notice and card.title and len(notice) <= _NOTICE_CHARS:
        named = _card_notice_name(notice, card.title)
        if named is None and card.url:
            named = spelled_masthead(_bare_notice(notice), card.url)  # "📰 Granada Hoy" over granadahoy.com
        if named and not card.heading:  # (a header's name over the card wins: "Mediacités Lyon" over "… à Lyon")
            fields.setdefault("feed_title", named)
        elif named is None and card.notice_shown and not _SAYS_NEW.match(_bare_notice(notice)):
            # the message's own words over the card (not "🔎 Nouvelle enquête à Lyon" beside a header naming the feed)
            fields["content"] = f"<p>{html.escape(notice)}</p>{fields.get('content', '')}"
    if card.heading and card.title:
        named = _card_notice_name(card.heading, card.title)
        if named or (named is None and _NAMING_HEADING.fullmatch(card.heading)):
            fields.setdefault("feed_title", named or card.heading)  # "New from Drachinifel", "Adam Something"
    if card.name and card.name.casefold() != card.title.casefold():
        fields.setdefault("feed_title", card.name)
    return _with_shapes(fields, [(label, value) for label, value in facts if canonical_name(label) is None])


# A sentence that goes on after its verb tells a story; a notice ends with it ("CityNerd just posted a video!").
_SAID_VERB = re.compile(r"(?i)\b(?:posted|uploaded|published|shared|released)\b")
_SAID_NOTICE = re.compile(
    r"(?i)\b(?:posted|uploaded|published|shared|released)(?: (?:a|an|the))?(?: new)?(?: (?:video|post|article|episode"
    r"|story|podcast|photo|short|stream|update|issue|newsletter|release))?\s*[.!]*$"
)
_NEW_LABEL = re.compile(
    r"(?i)^(?:new|latest) (?:video|episode|post|article|story|release|upload|podcast)"
    r"\s*(?:[:|]|\s[–—-])\s*(?P<title>\S.{3,})$"
)
# A notification's title that can be its feed's name: a few words, no sentence, no link.
_NAMING_HEADING = re.compile(r"[^\s.!?:/][^.?:/]{0,58}[^\s.?:/]")


_ITUNES_MEMBERS = frozenset({"author", "image"})
_NOTICE_CHARS = 200
# "**CityNerd** just posted a video!", "New post from Loamwise:", "**香港獨立媒體網** 有新文章" ("… has a new article"):
# who posted, in a chat message's line.
_NOTICE_NAME = re.compile(
    r"(?i)^(?P<name>\*\*[^*]{1,60}\*\*|[^\s*" + PICTOGRAPHS + r"][^*:!：]{0,60}?!?) "
    r"(?:(?:just )?(?:posted|uploaded|published|shared|released)\b"
    r"|有新(?:文章|影片|視頻|视频|貼文|帖子|內容|内容)(?=\s*[!！。]?\s*$)"
    # a streamer's "is live" notice, the name in strong: "**elxokas** está en directo 🔴"
    r"|(?<=\*\* )(?:is|está|esta|ist|est|è) (?:now |ahora |jetzt )?"
    r"(?:live|en directo|en vivo|ao vivo|en direct|in diretta)"
    r"(?=[\s!.🔴]*$)"
    r")"
)

# The same after the owner's pictograph, only where the line ends announcing ("📺 **Ben Felix** uploaded a new
# video"; "🚨 **Mayor Reyes** released a statement on the budget" is news).
_PICTURED_NOTICE_NAME = re.compile(
    r"(?i)^[" + PICTOGRAPHS + r"]\uFE0F?\s{0,3}(?P<name>\*\*[^*]{1,60}\*\*|[^\s*][^*:!：]{0,60}?)"
    # (and in French, Spanish, Portuguese and Italian: "📺 **Dr Nozman** a publié une nouvelle vidéo !")
    r"(?: (?:(?:just )?(?:posted|uploaded|published|shared|released)"
    r")(?: an?(?: new)? (?:video|post|episode|podcast|article|story|photo|stream|short|reel|track|song|album"
    r"|newsletter|issue|vídeo|vidéo|episodio|épisode))?\s*[!.]?"
    r"| (?:a (?:publié|posté|mis en ligne)|(?:ha )?(?:publicado|subido)|publicó|subió|publicou|postou|lançou"
    r"|ha (?:pubblicato|caricato))"
    # (the other languages' verbs only with what was posted: "a publié une nouvelle vidéo", not "a publié" alone)
    r" (?:une?|um|uma|un) (?:(?:nouvelle|nouvel|nouveau|nuev[oa]|nov[oa]|nuov[oa]) )?"
    r"(?:vídeo|vidéo|video|episodio|épisode|episódio|article|artículo|artigo|articolo|post)"
    r"(?: nuev[oa]| nov[oa]| nuov[oa])?\s*[!.]?"
    # (German sets the verb last: "hat ein neues Video hochgeladen")
    r"| hat (?:gerade )?ein(?:e|en)? neue[sn]? (?:Video|Folge|Beitrag|Artikel|Episode) (?:hochgeladen|veröffentlicht)"
    r"\s*[!.]?"
    r"|\s?有新(?:文章|影片|視頻|视频|貼文|帖子|內容|内容)\s*[!！。]?)$"
)

# A streamer's notice without strong, the name as a name is written: "RyuKahr is live on Twitch! 🔴" ("The council
# meeting is live on YouTube" says what is).
_LIVE_ON = re.compile(
    r"^(?P<name>(?!(?:The|Our|My|Your|This|Breaking|Watch)\b)[A-Z0-9][\w.'’-]*(?: [A-Z0-9][\w.'’-]*){0,3})"
    r" (?:is|está|ist|est|è) (?:now |ahora |jetzt )?(?:live|en directo|en vivo|ao vivo|en direct|in diretta)"
    r" (?:on|en|em|auf|sur|su) (?:Twitch|YouTube|Kick)[\s!.🔴]*$"
)
# A line that only labels the card's title it repeats: "MLS news: <title>", "Breaking — <title>" (a few words and a
# mark, a title of three words or more; "Heat advisory issued for Dallas County" over "Dallas County" is a message).
_LABEL_MARKS = frozenset(":|-–—»→")
_CARD_LABEL_WORDS = 4
# The name a card's notice gives: a capital or a digit first, or a domain ("aphyr.com"), no mark, without the state
# the owner adds ("Figuring Out is live").
_CARD_NAME = re.compile(
    # (English's "the" before a paper's name is the sentence's: "New story from the Mandurah Mail")
    r"(?:the\s+(?=[^\W\d_a-z]))?"
    r"(?P<name>(?:[^\W_a-z]|(?=[\w-]+\.[a-z]{2,}\b))[^:!?]{0,60}?)"
    r"(?:\s+(?:is|are) (?:now )?(?:live|out|up|here|available))?"
)


# A show's name, a dash and "new episode" said after it, over the card: "DevSenior Cast — episódio novo no ar!",
# "Kurzgesagt – neues Video!" (a label before a colon is no name: "Update: new episode").
_NAME_DASH_NEW = re.compile(
    r"(?i)(?!(?:breaking|update|today|tonight|friday|monday|tuesday|wednesday|thursday|saturday|sunday|season|part"
    r"|finally|reminder|icymi|heads up)\b)(?P<name>(?-i:[A-Z0-9*])[^—–:|!?]{1,40}?)\s*(?:[—–]|\s-)\s*"
    r"(?:(?:new|nuev[oa]|nov[oa]|nouvel(?:le)?|nouveau|neue?[rs]?|nuov[oa])\s+"
    r"(?:episode|episódio|episodio|épisode|folge|video|vídeo|vidéo|post|article|artigo|artículo|articolo)"
    r"|(?:episode|episódio|episodio|épisode|vídeo|video|post|artigo|artículo)\s+(?:nov[oa]|nuev[oa]|nuov[oa]))"
    r"(?:\s+(?:no ar|out now|online|disponible|disponível|is out|ist da|on air))?\s*[!.]?"
)


def _card_notice_name(notice: str, title: str) -> str | None:
    """Who a chat message's line over a card names as posting it ("**CityNerd** just posted a video!", "New on
    Kahawa Tungu", "New on Shacknews: <the card's title>"), "" for a line that only repeats the card's title
    ("MLS news: <the card's title>"), None for the message's own words ("Tornado warning extended until 9 PM" over a
    card titled "Tornado Warning")."""
    if (
        named := _NOTICE_NAME.match(notice) or _PICTURED_NOTICE_NAME.match(notice) or _LIVE_ON.match(notice)
    ) is not None:
        return named["name"].strip("*").strip()
    if (dashed := _NAME_DASH_NEW.fullmatch(_bare_notice(notice))) is not None:
        return dashed["name"].strip("*").strip()  # "🎙️ *DevSenior Cast* — episódio novo no ar!"
    # "📰 **Nova notícia no Jovem Nerd!**": the owner's pictograph, emphasis and exclamation are no part of it
    bare = _bare_notice(notice).strip().rstrip("!").rstrip()
    # the lead before the card's title it repeats: "New Sporkful episode: <title>"
    lead = bare[: len(bare) - len(title.strip())].rstrip(" " + "".join(_LABEL_MARKS)).strip("*").strip()
    if _NEW_ITEM_ONLY.fullmatch(bare):
        return ""  # "📢 Nowy artykuł", "New episode": only that the card is new
    if (edition := _NEW_EDITION_OUT.fullmatch(bare)) is not None:
        return edition["name"]  # "📰 A new edition of Git Rev News is out!"
    for said in (bare, lead if bare.casefold().endswith(title.strip().casefold()) else ""):
        named = _NOTICE.match(said) or _NOUN_NOTICE.match(said)
        if named is not None and (name := _CARD_NAME.fullmatch(_medium_owner(named["name"].strip().strip("*_")))):
            return name["name"]  # a name as a masthead writes it: "New in stock at Target today" names no one
        if named is not None and _OWNERS_MEDIUM.fullmatch(named["name"].strip().strip("*_").strip()):
            return ""  # "✈️ Post novo no blog!": the owner's own medium, whose the card's link says
        if named is not None and _UNNAMED_OWNER.fullmatch(named["name"].strip().strip("*_").strip()):
            return ""  # "📰 New from the council": whose the card is, unnamed (the card's link says)
    if (titled := _NOTICE_TITLED.match(notice)) is not None and titled["title"].casefold() == title.casefold():
        return titled["name"].strip()
    if notice.casefold() == title.strip().casefold():
        return ""  # the card's title alone
    lead = notice[: len(notice) - len(title.strip())].rstrip()
    labelled = lead[-1:] in _LABEL_MARKS and len(lead.split()) <= _CARD_LABEL_WORDS and len(title.split()) >= 3
    if labelled and notice.casefold().endswith(title.strip().casefold()):
        return ""
    return "" if _kicker(bare) else None  # "Última hora", "Breaking news": what kind of news the card is


# A notice that an issue is out, naming whose: "A new edition of Git Rev News is out!", "New issue of Kotlin Weekly
# is here" (a name as a masthead writes it, capital first; an episode's is a show's: "A new episode of The Last of Us
# is here!").
_NEW_EDITION_OUT = re.compile(
    r"(?i)(?:an?\s+)?new\s+(?:edition|issue|number)\s+of\s+(?P<name>(?-i:[A-Z0-9])[^:!?]{0,60}?)"
    r"\s+is\s+(?:out|here|live|up)(?:\s+now)?\s*[!.]?"
)
# What "the" names in lower case, a word or two: "the council", "the lab" (no name: "the Guardian" is one).
_UNNAMED_OWNER = re.compile(r"(?i:the)\s+(?-i:[a-z][\w-]*)(?:\s+(?-i:[a-z][\w-]*))?")


def _kicker(notice: str) -> bool:
    """A kicker over the card that only says what kind of news it is: breaking news in the languages of the notices
    ("Última hora", "Свежая новость", "速報"), or two or three words saying it is new, of a kind ("Nova provera",
    "New authentik release") or where ("Novo na tportalu"); never a line of the message's own ("Evacuate now",
    "Tornado warning", "New mayor elected")."""
    if _BREAKING.fullmatch(notice) is not None:
        return True
    words = notice.split()
    if len(words) == _KICKER_WORDS - 1:
        return _SAYS_NEW.fullmatch(words[0]) is not None and words[1].islower()  # "Nova provera": a new check
    return (
        len(words) == _KICKER_WORDS
        and _SAYS_NEW.fullmatch(words[0]) is not None
        and (
            re.fullmatch(_ITEM_NOUNS, words[2], re.IGNORECASE) is not None
            or re.fullmatch(_WHERE_WORDS, words[1], re.IGNORECASE) is not None
        )
    )


_BREAKING = re.compile(
    r"(?i)breaking(?: news)?|just in|news alert|top story|última hora|ultima hora|última noticia"
    r"|dernière (?:minute|heure)|flash info|ultim['’]ora|eilmeldung|son dakika|alerta|urgente"
    r"|срочно|срочная новость|свежая новость|свежие новости|عاجل|速報|快讯|突发|속보"
)
_WHERE_WORDS = r"(?:on|at|from|in|en|sur|auf|bei|na|no|w|v|в|на|em|su|op)"
_KICKER_WORDS = 3


def _medium_owner(name: str) -> str:
    """The owner a notice's medium names: "the Delivery Hero newsroom", "el blog de Tiendanube" → the name; any
    other name as it is."""
    owned = _MEDIUM_OF.fullmatch(name.strip())
    if owned is None:
        return name.strip()
    owner = (owned["of"] or owned["owner"] or owned["at"]).strip()
    # (a platform's channel of its owner: "el canal de YouTube de Luisito")
    return _PLATFORMS_CHANNEL.sub("", owner)


_PLATFORMS_CHANNEL = re.compile(
    r"^(?:YouTube|Spotify|Instagram|TikTok|Facebook|Twitch|Telegram)\s+(?:of|de|du|di|da|do|von|van)\s+"
)


# (the owner's name before the medium only after an article: "the engineering blog" names no one, "Acme blog" may be a
# blog's whole name; all in lower case: "The Mel Robbins Podcast", "Le Monde", "the Netflix Tech Blog" are names)
_MEDIUMS = r"(?:blog|newsroom|news ?room|site|website|web|channel|canal|chaîne|podcast|sitio|página|portal|feed)"
_MEDIUM_OF = re.compile(
    rf"(?:the|el|la|le|il|lo|o|a|der|die|das|het|de)\s+(?:{_MEDIUMS}\s+(?:of|de|du|des|do|da|di|del|della|von|van)"
    rf"\s+(?P<of>\S.*)|(?P<owner>\S.*?)\s+{_MEDIUMS})"
    # (a Slavic language's medium in its locative, the name after it: "na portalu Pirotske vesti")
    r"|(?:portalu|portáli|sajtu|blogu|kanalu|stronie|serwisie|webu)\s+(?P<at>\S.*)"
)


def _bare_notice(notice: str) -> str:
    """A notice without its pictographs, Markdown heading marks and emphasis."""
    return (
        _TRAILING_PICTOGRAPHS.sub("", _LEADING_PICTOGRAPHS.sub("", _HEADING_MARKS.sub("", notice))).strip().strip("*")
    )


_HEADING_MARKS = re.compile(r"^#{1,6}[ \t]+")  # "#### :newspaper: Nuevo en Cerosetenta": Markdown's heading


# "New Mustard video", "New RealLifeLore video", "New Sporkful episode": the name between "new" and what it is.
# (Not a place or a time that "New" names: "New York update", "New Year episode".)
_NOT_AFTER_NEW = (
    r"(?!(?:york|jersey|zealand|delhi|mexico|orleans|england|hampshire|brunswick|south wales|caledonia|guinea|haven"
    r"|year|years|world|age|deal|wave|testament)\b)"
)
_NOUNS = r"(?:video|episode|podcast|post|article|story|release|issue|update)"
_NOUN_NOTICE = re.compile(rf"(?i)^new {_NOT_AFTER_NEW}(?P<name>(?-i:[A-Z0-9*_])[^:!?]{{0,60}}?) {_NOUNS}$")
# The same over the headline on one line, marked by the owner's pictograph: "🚀 New Rocket Lab update: <title>".
_NOUN_TITLED = re.compile(
    rf"(?i)^new {_NOT_AFTER_NEW}(?P<name>(?-i:[A-Z0-9])[^:!?|]{{0,60}}?) {_NOUNS}"
    r"\s*(?P<mark>[:|])\s*(?P<title>\S.{3,})$"
)


# A mention of a role, a user or a channel ("<@&1148826310023450624>", "<@U024BE7LH>", "<#C024BE7LR>", "<!here>"):
# whom the line pings, no word of it.
_CHAT_MENTION = re.compile(r"<(?:@&?|#|!)[\w|^-]{1,80}>|(?<!\S)@(?:everyone|here|channel)\b")


# Slack's link in its own markup, "<https://…|the link's text>": the text is what the line says.
_SLACK_LINK = re.compile(r"<https?://[^\s|<>]{1,2000}\|([^<>]{1,300})>")


def _card_repeated(
    fields: dict[str, str], pairs: list[tuple[str, Any]]
) -> tuple[dict[str, str], list[tuple[str, str]]] | None:
    """The card a chat message's text only repeats: no title nor link of the message's own, and its text the card's
    title and link and nothing else ("**<title>**\nhttps://…" over an embed with that title and link)."""
    content = fields.get("content", "")
    if "title" in fields or "url" in fields or "://" not in content or len(content) > _NOTICE_CHARS * 3:
        return None
    nested = _nested_item(pairs)
    if nested is None or not {"title", "url"} <= nested[0].keys() or nested[0]["url"] not in content:
        return None
    rest = " ".join(content.replace(nested[0]["url"], " ").replace("*", " ").split()).casefold()
    return nested if rest in ("", " ".join(nested[0]["title"].split()).casefold()) else None


def _notice_over_item(fields: dict[str, str]) -> bool:
    """Only a short line of text beside the item's card: no title, no link, the content one line and no link (a
    Slack link, "<https://…|text>", read as its text)."""
    content = _CHAT_MENTION.sub("", _SLACK_LINK.sub(r"\1", fields.get("content", ""))).strip()
    return (
        bool(content)
        and "title" not in fields
        and "url" not in fields
        and len(content) <= _NOTICE_CHARS
        and "\n" not in content.strip()
        and "://" not in content
    )


# the link on a line of its own, or ending the text after the title ("<title> https://…", "<title> - https://…")
_OWN_LINE_LINK = re.compile(r"(?m)^[ \t]*https?://\S+[ \t]*$")
_ENDING_LINK = re.compile(r"(?<!\S)(?P<word>\S{1,200})[ \t]+(?:[-–—|][ \t]+)?https?://\S+[ \t]*\Z")  # (linear)
# words a sentence points at a link with ("Detours are posted at https://…", "see https://…")
_POINTING_WORDS = frozenset({"at", "on", "in", "to", "via", "see", "visit", "from", "here", "by", "with", "and", "or"})


def _ends_with_its_link(content: str) -> bool:
    """The item's link stands on a line of its own, or ends the text after its title, not after a word pointing
    at it."""
    if _OWN_LINE_LINK.search(content):
        return True
    ending = _ENDING_LINK.search(content)
    return ending is not None and ending["word"].casefold() not in _POINTING_WORDS


_ANGLED_LINK = re.compile(r"<(https?://[^\s<>|]{1,2000})>")


def _posted_text(content: str) -> dict[str, str] | None:
    """The fields of a post typed as one JSON text ({"text": "<title>\\n<link>"}, a chat webhook's shape): read
    as a text body is, when it is plain text whose reading finds the item's link."""
    if (bracketed := _bracketed_post({"content": content})) is not None:
        return bracketed  # "**[Feed]** <title>" over its link
    content = _ANGLED_LINK.sub(r"\1", content)  # Discord's "<https://…>", a link shown without its preview
    if _BLOCK_MARKUP.search(content) or not _ends_with_its_link(content):
        return None  # (a link inside a sentence is the sentence's: "Detours are posted at https://…")
    reading = _read_text_post(content.strip())
    return reading[0] if reading is not None and "url" in reading[0] else None


_MESSAGE_KEYS = ("text", "caption", "message", "content")


def _posted_message(pairs: list[tuple[str, Any]]) -> dict[str, str] | None:
    """A chat message with no title or link of its own read as the owner's text post ("<title>\\n<date>\\n<link>")."""
    text = next((value for key, value in pairs if key in _MESSAGE_KEYS and isinstance(value, str)), None)
    return _posted_text(text) if text else None


def _first_values(pairs: _Pairs) -> list[tuple[str, Any]]:
    """A lenient object's members with a repeated key's first value (as the readers keep it)."""
    first: dict[str, Any] = {}
    for key, value in pairs:
        first.setdefault(key, value)
    return list(first.items())


_NESTED_OBJECTS = 200  # objects looked into, at most: an event holds its item near the top


def _nested_item(pairs: list[tuple[str, Any]]) -> tuple[dict[str, str], list[tuple[str, str]]] | None:
    """The item inside an event: breadth first, an array's first object, at most ``_NESTED_OBJECTS`` objects,
    the first whose members name a title beside a link or a content, else the first that names a content
    (Inoreader's item holds its text in a "summary" object of its own); its fields and its string members."""
    queue: list[dict[str, Any]] = []
    for _key, value in pairs:
        queue.extend(_objects_in(value))
    # a Discord message's embeds: their description is Discord's Markdown ("**bold**", "[words](https://…)"); a
    # message in Discord's shape only (its sender's name or picture, or its text, beside the embeds)
    discord = any(key in {"username", "avatar_url", "content"} for key, _value in pairs)
    embeds = {id(obj) for key, value in pairs if key == "embeds" and discord for obj in _objects_in(value)}
    fallback = None
    for looked, obj in enumerate(queue):
        if looked >= _NESTED_OBJECTS:
            break
        items = list(obj.items())
        labelled = _attachment_fields(obj)
        named = [
            pair
            for key, value in labelled
            if key.casefold() in _LABEL_FIELD
            for pair in _labelled_pairs(_LABEL_FIELD[key.casefold()], value)
        ]
        fields, _ = collect(_json_pair(key, value) for key, value in named + _named_release(items) + labelled)
        strings = [(key, value) for key, value in items if isinstance(value, str)]
        described = obj.get("description")
        if id(obj) in embeds and isinstance(described, str) and fields.get("content") == described.strip():
            fields["content"] = marked_html(fields["content"])
        if "title" in fields and ("url" in fields or "content" in fields):
            return {**_footer_fields(obj), **_site_as_author(obj, fields)}, strings
        if fallback is None and "content" in fields:
            fallback = fields, strings
        for value in obj.values():
            queue.extend(_objects_in(value))
    return fallback


def _site_as_author(card: dict[str, Any], fields: dict[str, str]) -> dict[str, str]:
    """A chat attachment's "author_name" that is the site itself ("The Bell" on thebell.io, "Criterio.hn" linked to
    https://criterio.hn/): the feed's name, no writer's."""
    name, link, url = card.get("author_name"), card.get("author_link"), fields.get("url", "")
    if not isinstance(name, str) or fields.get("author") != name.strip() or not url:
        return fields
    home = isinstance(link, str) and _HOME_PAGE.fullmatch(link.strip()) is not None and host_of(link) == host_of(url)
    if not (home or spells_host(name, url)) or _PERSON.fullmatch(name.strip()):
        return fields  # (a writer's own site is named by the writer: "Paul Graham" on paulgraham.com stays the author)
    site = {key: value for key, value in fields.items() if key != "author"}
    site.setdefault("feed_title", name.strip())
    return site


# A site's home page: its root, or a language's ("https://criterio.hn/", "https://disclose.ngo/fr").
_HOME_PAGE = re.compile(
    r"(?i)https?://[^/\s?#]{1,253}"
    r"(?:/(?:en|fr|es|de|it|pt|nl|ru|ar|zh|ja|ko|pl|tr|uk|cs|sv|da|no|fi|el|he|hu|ro|id|vi|th)(?:-[a-z]{2})?)?/?"
)
# A person's name: two or three capitalized words, no "The", no masthead's word, no dot or figure ("Guyana Chronicle",
# "The Bell", "Criterio.hn" are sites').
_PERSON = re.compile(
    r"(?!The\b)(?:[A-Z][a-zà-ÿ'’-]+ ){1,2}"
    r"(?!(?:News|Times|Chronicle|Post|Herald|Daily|Journal|Gazette|Tribune|Mail|Express|Observer|Press|Media|Radio"
    r"|TV|Review|Report|Weekly|Today|Online|Magazine|Network|Group|Agency|Institute|Foundation)\b)[A-Z][a-zà-ÿ'’-]+"
)


# A field's label that says whose value it holds, over the attachment's own title ("RSS feed update from Miniflux").
_LABEL_FIELD = {
    **{f"{thing} {what}": field for thing in ("article", "entry", "item", "post", "story") for what, field in
       (("title", "title"), ("link", "url"), ("url", "url"))},
    **dict.fromkeys(("feed", "updated feed", "feed title", "feed name"), "feed_title"),
}  # fmt: skip


_MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]\n]{1,300})\]\((?P<url>https?://[^\s()]{1,2000})\)")


def _labelled_pairs(field: str, value: Any) -> list[tuple[str, Any]]:
    """A labelled field's pairs: an "Article link" written as "[<title>](<link>)" gives the title too."""
    linked = _MARKDOWN_LINK.fullmatch(value.strip()) if field == "url" and isinstance(value, str) else None
    return [("title", linked["text"]), ("url", linked["url"])] if linked else [(field, value)]


def _attachment_fields(card: dict[str, Any]) -> list[tuple[str, Any]]:
    """A Slack, Mattermost or Rocket.Chat attachment's labelled values, "fields": [{"title": "Published", "value":
    …}], and a Discord embed's ({"name": "Author", "value": …}), read after its own members ("Asked by" and the
    like as the author)."""
    listed = card.get("fields")
    labelled = [
        (entry.get("title", entry.get("name")), entry["value"])
        for entry in (listed[:_NESTED_OBJECTS] if isinstance(listed, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("value"), str)
    ]
    return [
        ("author" if _BY_LABEL.fullmatch(label) else label, _slack_date(value))
        for label, value in labelled
        if isinstance(label, str)
    ]


# Slack's date in its markup, "<!date^1790589600^{date_short}|Sep 28, 2026>": the Unix time, which the text after the
# bar (shown where the reader's app cannot format it) gives only in part.
_SLACK_DATE = re.compile(r"<!date\^(?P<time>\d{1,12})\^[^|<>]{0,200}(?:\|[^<>]{0,200})?>")


def _slack_date(value: str) -> str:
    return dated["time"] if (dated := _SLACK_DATE.fullmatch(value.strip())) is not None else value


# A chat card's footer line: "/u/north_loop_rider | December 7, 2026 at 08:41AM", "The Stage • December 5, …".
_FOOTER_PARTS = re.compile(r"(?<!\s)\s+[|•·]\s+")
_REDDITOR = re.compile(r"/?u/[\w-]{2,40}")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?")
_FOOTER_BY = re.compile(r"(?i)^(?:(?:submitted|posted|written|uploaded|shared) )?by\s+(?=\S)")


# Words of a feed's or a site's name, never of a person's.
_NOT_PERSON_WORDS = frozenset(
    {"news", "feed", "feeds", "bot", "rss", "blog", "daily", "times", "post", "media", "online", "digital", "radio",
     "network", "magazine", "weekly", "journal", "today", "business", "tech", "hub", "alerts", "updates", "world",
     "press", "team", "group", "department", "desk", "staff", "office", "via", "from"}
)  # fmt: skip
# A person's name in a footer: two or three capitalized words ("Donovan Price"), not a title's "The Stage".
_FOOTER_PERSON = re.compile(
    r"(?!(?:The|A|An|La|Le|Les|El|Los|Las|Der|Die|Das|De|Het|Il|Lo|Os)\s)(?:(?&word) ){1,2}(?&word)".replace(
        "(?&word)", r"[A-Z][a-z'’]+(?:[A-Z][a-z'’]+)?(?:-[A-Z]?[a-z'’]+)?"
    )
)  # (a word: "Whitlock", "McBride", "O'Neil", "Ruiz-Tan")


def _footer_fields(card: dict[str, Any]) -> dict[str, str]:
    """The date and the poster a card's footer text gives (Discord's embeds as IFTTT's applets fill them, Slack's
    attachments with the footer a string): a person's name beside the date ("Donovan Price | <date>"), not a
    site's ("Ars Technica | <date>", spelled by the card's link) nor a feed's ("Rss Feed Bot", "Google News")."""
    footer = card.get("footer")
    text = footer.get("text") if isinstance(footer, dict) else footer
    parts = _FOOTER_PARTS.split(text.strip()) if isinstance(text, str) else []
    parts = [_FOOTER_BY.sub("", part.strip().strip("*_").strip()) for part in parts]  # "submitted by /u/…"
    if parts and " - " in parts[-1] and footer_date(dated := parts[-1].rpartition(" - ")[2]):
        parts[-1:] = [parts[-1].rpartition(" - ")[0], dated]  # FeedCord's "<feed> - 11/25/2026 9:40 AM"
    for at in range(len(parts) - 1, 0, -1):
        if _CLOCK.fullmatch(parts[at]) and footer_date(parts[at - 1]):
            parts[at - 1 : at + 1] = [f"{parts[at - 1]} {parts[at]}"]  # "20 Nov 2026 · 08:15 SAST": one date
    found: dict[str, str] = {}
    for part in parts:
        if date := footer_date(part):
            found.setdefault("published", date)
        elif _REDDITOR.fullmatch(part):
            found.setdefault("author", part)
    link = next((v for k in ("url", "title_link") if isinstance(v := card.get(k), str)), "").casefold()
    for part in parts if "published" in found else ():
        words = part.split()
        if (
            _FOOTER_PERSON.fullmatch(part)
            and not _NOT_PERSON_WORDS.intersection(word.casefold() for word in words)
            and "".join(words).casefold() not in link
            and words[0].casefold() not in link
        ):
            found.setdefault("author", part)
    return found


_RELEASE_MEMBERS = frozenset({"tarball_url", "zipball_url", "prerelease", "draft", "target_commitish"})


def _named_release(items: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """A code host's release (GitHub, Gitea, Forgejo: a "tag_name" beside "tarball_url", "prerelease" …; GitLab's
    release hook) with its title first: its name ("3.8.1 / 2026-12-03"), else its tag ("v3.8.1")."""
    members = dict(items)
    tag, name = members.get("tag_name"), members.get("name")
    if members.get("object_kind") == "release" and isinstance(members.get("tag"), str):
        tag = members["tag"]  # GitLab's release hook: {"object_kind": "release", "name": …, "tag": …}
    elif not isinstance(tag, str) or not _RELEASE_MEMBERS & members.keys():
        return items
    title = name if isinstance(name, str) and name.strip() else tag
    return [("title", title), *items]


def _objects_in(value: Any) -> list[dict[str, Any]]:
    """The object a member holds, or an array's first object; none for anything else."""
    if isinstance(value, list) and not isinstance(value, _Pairs):
        value = next((item for item in value if isinstance(item, dict | _Pairs)), None)
    if isinstance(value, _Pairs):
        value = dict(_first_values(value))
    return [value] if isinstance(value, dict) else []


def _picture_file(value: str) -> bool:
    """A member that is a link to a picture file and nothing else."""
    value = value.strip()
    return value[:4].lower() == "http" and " " not in value and PICTURE_FILE.search(value) is not None


def _with_shapes(fields: dict[str, str], strings: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``fields`` with what string members under names no alias knows give by their shape (app/ingest/owned.py);
    beside a title, a content and a date, only a link under a name that says it is the story's ("story_url"), or
    the one link to a page among them ("주소", "ligacao")."""
    strings = list(strings)
    if "feed_title" not in fields and "url" in fields:
        unnamed = ((key, value) for key, value in strings if canonical_name(key) is None)
        if (site := site_named(unnamed, fields["url"])) is not None:
            fields["feed_title"] = scrub_surrogates(site)  # "portal": "Kurier Wileński" beside kurierwilenski.lt
    complete = {"title", "content", "published", "url"} <= fields.keys()
    if complete and ("image" in fields or not any(_picture_file(value) for _, value in strings)):
        return fields
    unknown = [(key, scrub_surrogates(value)) for key, value in strings if canonical_name(key) is None]
    if complete or not {"title", "content", "published"} <= fields.keys():
        fields.update(by_shape(unknown, fields))  # (beside all four, a picture file: "art": "…/ep14.jpg")
    elif (story := story_link(unknown) or only_page_link(unknown)) is not None:
        fields["url"] = story
    return fields


# A feed reader's item passed on whole (n8n's RSS Read node, rss-parser, Power Automate) holds its picture
# as an object: "enclosure": {"url": "…jpg", "type": "image/jpeg", "length": "0"}.
# (Feedly's entry holds its picture as "visual": {"url": …, "contentType": "image/jpeg"}.)
_MEDIA_KEYS = frozenset(
    {"enclosure", "enclosures", "media", "media:content", "media:thumbnail", "mediacontent", "visual"}
)


# Where a reader or a service wraps a field's value in an object, the member that holds it, by field:
# Inoreader's "summary": {"content": …} and "canonical": [{"href": …}], Ghost's "authors": [{"name": …}]. A date
# or a title is never read out of an object ("data": {…} is an event's payload, "video": {"url": …} a player).
_WRAPPED_BY_FIELD = {
    # (WordPress's REST API renders its post's title and text: "title": {"rendered": "…"})
    "title": ("rendered",),
    "content": ("content", "value", "text", "html", "rss", "web", "rendered"),
    "url": ("href", "url"),
    "author": ("name", "login"),  # a code host's user: {"login": "octocat", …}
    "feed_title": ("title", "name"),
}


def _read_wordpress_post(post: dict[str, Any], fields: dict[str, str]) -> None:
    """What WordPress's REST API says of its post beside the members read by name ({"title": {"rendered": …},
    "date_gmt": …, "author": 23, "yoast_head_json": {…}}), into ``fields``: the date in UTC ("date" is the site's
    clock), and from the SEO plugin's head the writer's name (the post's "author" is a user's number), the picture
    and the site's name."""
    rendered = post.get("title")
    if not (isinstance(rendered, dict) and isinstance(rendered.get("rendered"), str)):
        return
    if isinstance(utc := post.get("date_gmt"), str) and _NAIVE_ISO.fullmatch(utc.strip()):
        fields["published"] = f"{utc.strip()}Z"
    head = post.get("yoast_head_json")
    head = head if isinstance(head, dict) else {}
    if isinstance(post.get("author"), int):
        fields.pop("author", None)
    embedded = post.get("_embedded")
    authors = embedded.get("author") if isinstance(embedded, dict) else None
    if not isinstance(writer := head.get("author"), str) and isinstance(authors, list) and authors:
        writer = authors[0].get("name") if isinstance(authors[0], dict) else None  # ("?_embed": the user's name)
    if "author" not in fields and isinstance(writer, str) and writer.strip():
        fields["author"] = scrub_surrogates(writer.strip())
    pictures = head.get("og_image")
    picture = (
        pictures[0].get("url") if isinstance(pictures, list) and pictures and isinstance(pictures[0], dict) else None
    )
    if "image" not in fields and isinstance(picture, str) and picture.strip():
        fields["image"] = scrub_surrogates(picture.strip())
    if "feed_title" not in fields and isinstance(site := head.get("og_site_name"), str) and site.strip():
        fields["feed_title"] = scrub_surrogates(site.strip())


_NAIVE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")


def _read_youtube_resource(resource: dict[str, Any], fields: dict[str, str]) -> None:
    """What the YouTube Data API says of a video beside its snippet's members ({"kind": "youtube#searchResult",
    "id": {"videoId": …}, "snippet": {"channelTitle": …, "thumbnails": {…}}}, as Pipedream's, n8n's and Make's
    YouTube steps send it), into ``fields``: the watch address, the channel as the publisher (and the playlist's
    video's own channel over the playlist's) and the largest thumbnail."""
    snippet, kind = resource.get("snippet"), resource.get("kind")
    if not (isinstance(kind, str) and kind in _YOUTUBE_KINDS and isinstance(snippet, dict)):
        return
    ids = resource.get("id")
    placed = snippet.get("resourceId")
    video = next(
        (
            each
            for each in (
                ids,
                ids.get("videoId") if isinstance(ids, dict) else None,
                placed.get("videoId") if isinstance(placed, dict) else None,
            )
            if isinstance(each, str) and _VIDEO_ID.fullmatch(each)
        ),
        None,
    )
    if video is not None:
        fields.setdefault("url", f"https://www.youtube.com/watch?v={video}")  # (a playlist item's own id is longer)
    channel = snippet.get("videoOwnerChannelTitle") or snippet.get("channelTitle")
    if "feed_title" not in fields and isinstance(channel, str) and channel.strip():
        fields["feed_title"] = scrub_surrogates(channel.strip())
    thumbnails = snippet.get("thumbnails")
    sizes = [thumbnails.get(size) for size in _THUMBNAIL_SIZES] if isinstance(thumbnails, dict) else []
    picture = next((size["url"] for size in sizes if isinstance(size, dict) and isinstance(size.get("url"), str)), None)
    if "image" not in fields and picture:
        fields["image"] = scrub_surrogates(picture.strip())


_YOUTUBE_KINDS = frozenset(("youtube#searchResult", "youtube#video", "youtube#playlistItem"))
_VIDEO_ID = re.compile(r"[\w-]{11}")
_THUMBNAIL_SIZES = ("maxres", "standard", "high", "medium", "default")


def _json_pair(key: str, value: Any) -> tuple[str, str | None]:
    """A JSON member as a (key, text) pair; a picture object under a media or image key as its URL, and the
    text inside an object (or an array's first) that wraps a known field's value."""
    if isinstance(value, str) and key.strip().lower() == "origin":
        return key, None  # a reader's "origin" is an object ({"title": …}); a string there is a sender, a country…
    if isinstance(value, dict) and key.strip().lower() == "meta":
        # the npm feedparser's item (Pipedream's RSS source) carries its feed as "meta": {"title": …, "link": …}
        title = value.get("title")
        return "feed_title", scrub_surrogates(title) if isinstance(title, str) else None
    if isinstance(value, dict | list):
        lowered = key.strip().lower()
        canonical = canonical_name(key)
        if lowered in _MEDIA_KEYS or canonical == "image":
            return "image", _picture_url(value)
        if canonical == "author" and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return key, scrub_surrogates(", ".join(v.strip() for v in value if v.strip()))  # "authors": ["A", "B"]
        inner = _WRAPPED_BY_FIELD.get(canonical or "")
        wrapped = next(iter(_objects_in(value)), None)
        if inner and wrapped is not None:
            text = _wrapped_text(wrapped, inner)
            return key, scrub_surrogates(text) if text is not None else None
    elif isinstance(value, bool | int | float) and canonical_name(key) == "image":
        return key, None  # a CMS's "featured_image": false, or an attachment's number, is no picture's address
    return key, _json_scalar_text(value)


def _wrapped_text(wrapped: dict[str, Any], inner: tuple[str, ...]) -> str | None:
    """The first non-empty text under one of ``inner``'s members, looked for one object deeper too: beehiiv's
    post holds its text as "content": {"free": {"web": "<html>…"}} (the edition for everyone, as the web shows it)."""
    for level in (wrapped, *(v for k in _EDITIONS if isinstance(v := wrapped.get(k), dict))):
        text = next((v for k in inner if isinstance(v := level.get(k), str) and v.strip()), None)
        if text is not None:
            return text
    return None


# A platform's editions of a post's text, the free one first (beehiiv: "free", "premium"; each as "web", "email",
# "rss").
_EDITIONS = ("free",)


def _picture_url(value: dict[str, Any] | list[Any]) -> str | None:
    """The URL of the first picture in an enclosure object or a list of them; None for audio or video."""
    listed = value if isinstance(value, list) and not isinstance(value, _Pairs) else [value]
    for media in listed:
        media = dict(_first_values(media)) if isinstance(media, _Pairs) else media
        if not isinstance(media, dict):
            continue
        url = next((v for k in ("url", "href", "src") if isinstance(v := media.get(k), str) and v.strip()), None)
        kind = media.get("type") or media.get("medium")
        kind = kind.lower() if isinstance(kind, str) else ""
        if url and (kind.startswith("image") or (not kind and PICTURE_FILE.search(url))):
            return scrub_surrogates(url)
    return None


def _text_of(value: bool | int | float | None) -> str:
    return "null" if value is None else _json_scalar_text(value) or ""


def _json_scalar_text(value: Any) -> str | None:
    """A JSON scalar as text (``true``, ``42``); None for null, arrays and objects."""
    if isinstance(value, str):
        return scrub_surrogates(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return None


# --- form -------------------------------------------------------------------------------------

# The characters an encoder (urlencode, encodeURIComponent) leaves unescaped, plus the separators.
_URLENCODED_CHARS = re.compile(r"[A-Za-z0-9_.~*!'()+%=&@-]*")  # ("@": a Telegram channel's name, as curl sends it)
_BROKEN_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_WHITESPACE = re.compile(r"\s")


def _form_encoding(content_type: str | None) -> str:
    """What percent-escapes encode: the declared charset (a form from a latin-1 page sends %E9 for é).

    Only an ASCII-compatible one: a form labelled UTF-16 was decoded whole, and its escapes are UTF-8.
    """
    charset = declared_charset(content_type)
    if charset is None:
        return "utf-8"
    try:
        compatible = "%=&".encode(charset) == b"%=&"
    except (UnicodeError, LookupError):
        compatible = False
    return charset if compatible else "utf-8"


def _read_form(text: str, *, encoding: str = "utf-8") -> _Reading | None:
    if _is_strictly_urlencoded(text):
        # A well-formed encoded body is conclusive even without known keys: it is not a post.
        pairs = parse_qsl(text, keep_blank_values=True, encoding=encoding, errors="replace")
        if len(pairs) == 1 and (inner := _json_member(*pairs[0])) is not None:
            return inner, "form"
        return _form_fields(pairs), "form"
    if not _looks_like_form(text):
        return None
    pairs = list(_split_unencoded_form(text, encoding))
    fields, _ = collect(pairs)
    return _with_shapes(fields, pairs), "form-lenient"


def _form_fields(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """A form's fields: a chat service's message posted as a form (Telegram's "chat_id=…&text=…", Pushover's), or
    the members by name and shape, a text that opens with its linked title read for it (Zulip's "content=…")."""
    if (card := chat_card(dict(reversed(pairs)))) is not None:
        return _card_fields(card)
    fields, _ = collect(pairs)
    fields = _with_shapes(fields, pairs)
    if fields.keys() & {"title", "url"} or (linked := _linked_title(fields)) is None:
        return fields
    return linked


_MULTIPART_NAME = re.compile(r'(?i)content-disposition:[^\n]*?\bname="(?P<name>[^"\n]{1,200})"')


def _read_multipart(text: str) -> _Reading | None:
    """A multipart/form-data body (curl's "-F title=… -F message=…"): its text parts as a form's pairs."""
    boundary = text.partition("\n")[0].strip()
    if (
        not boundary.startswith("--")
        or len(boundary) > _MAX_BOUNDARY
        or "content-disposition" not in text[:2000].lower()
    ):
        return None
    pairs = []
    for part in text.split(boundary)[1:]:
        head, _, value = part.replace("\r\n", "\n").partition("\n\n")
        named = _MULTIPART_NAME.search(head)
        if named is not None and "filename=" not in head.lower():
            pairs.append((named["name"], value.removesuffix("\n").removesuffix("--").rstrip("\n")))
    return (_form_fields(pairs), "form") if pairs else None


_MAX_BOUNDARY = 200


def _json_member(key: str, value: str) -> dict[str, str] | None:
    """The fields of a JSON document a form's one member under a name no alias knows holds: GitHub's (and
    Slack's) form webhooks send the event as "payload=<the JSON, percent-encoded>". Strict JSON only: a known
    field's value ("title=[42]") stays that value."""
    if canonical_name(key) is not None or value.lstrip()[:1] not in ("{", "["):
        return None
    try:
        parsed = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    reading = _read_json_value(parsed, "json") if isinstance(parsed, dict | list) else None
    return reading[0] if reading is not None and reading[0] else None


def _is_strictly_urlencoded(text: str) -> bool:
    if _URLENCODED_CHARS.fullmatch(text) is None or _BROKEN_PERCENT.search(text) is not None:
        return False
    pairs = [pair for pair in text.split("&") if pair]
    return bool(pairs) and all("=" in pair for pair in pairs)


def _split_unencoded_form(text: str, encoding: str) -> Iterable[tuple[str, str]]:
    """Split only where ``&`` is followed by a known key, so ``AT&T`` or ``?a=1&b=2`` stay whole.

    Where the value so far stops inside a tag or a link's query, only a field's own name or an
    ingredient's, for a field not yet given, starts a new pair: in ``…&content=<a href="…?text=x&url=y">``
    that ``url=`` is the link's, and so is ``data=`` (an alias of the date) in ``…?tipo=p&data=2027-06-01``.
    Linear in the body: parts are joined once, and "inside" is updated from each new part only.
    """
    pairs: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    inside = False
    tagged = False  # the value so far holds markup: a link's query inside it may hold spaced words
    bare_link = False  # the value so far is one link, no blank in it: prose after it under another name is a field
    pieces = list(_form_pieces(text))
    # where each field's own key last stands: a query's "text=Budget Hearing" is the link's when "content=" follows
    own_keys: dict[str, int] = {}
    for at, (_, piece) in enumerate(pieces):
        key, equals, _ = piece.partition("=")
        if equals and (named := canonical_name(key)) is not None and _field_name(key, named):
            own_keys[named] = at
    for at, (separator, piece) in enumerate(pieces):
        key, equals, value = piece.partition("=")
        canonical = canonical_name(key) if equals else None
        # IFTTT's date after a link's query ("…image.jpg?t=1&size=Large&date=November 11, 2025 at 04:00AM"), and
        # any field's words after a bare link's query ("…?utm_campaign=feed&summary=The city said …"): their
        # spaces end the link, whatever word names them
        dated = canonical == "published" and canonical not in seen and IFTTT_DATE.fullmatch(value.strip())
        spaced = (
            canonical in _WORDED_FIELDS
            and canonical not in seen
            and not tagged
            and value.strip().count(" ") >= _SPACED_WORDS
            and own_keys.get(canonical, at) <= at
        )
        # a member under a name no alias knows after a bare link ("…/routeret.html&lead=A budapesti Zephyr & Co …"):
        # prose after a value with no blank in it is a field of its own, read by its shape, not the link's query
        unnamed = (
            canonical is None and equals and bare_link and not inside and value.strip().count(" ") >= _UNNAMED_WORDS
        ) or (
            # and a link under a name no alias knows after prose ("…до края на април.&snimka=https://…/1200.jpg"):
            # no link's query holds it, so it is a field of its own
            canonical is None and equals and not inside and not bare_link and _BARE_LINK_VALUE.fullmatch(value)
        )
        if pairs and (
            (canonical is None and not unnamed)
            or (
                canonical is not None
                and inside
                and not dated
                and not spaced
                and (canonical in seen or not _field_name(key, canonical))
            )
        ):
            pairs[-1][1].append(separator)
            pairs[-1][1].append(piece)
            inside = _inside_after(piece, inside)
            tagged = tagged or "<" in piece
            bare_link = bare_link and not any(char.isspace() for char in piece)
            continue
        if canonical is not None:
            seen.add(canonical)
        pairs.append((key, [value]))
        inside = _inside_after(value, False)
        tagged = "<" in value
        bare_link = value[:4].lower() == "http" and not any(char.isspace() for char in value)
    for key, parts in pairs:
        yield key, _decode_form_value("".join(parts), encoding)


_WORDED_FIELDS = frozenset({"title", "content", "author", "feed_title"})  # fields of words, never an address
_BARE_LINK_VALUE = re.compile(r"[ \t]*https?://[^\s&]{1,2000}[ \t]*")
_SPACED_WORDS = 1
_UNNAMED_WORDS = 3


def _field_name(key: str, canonical: str) -> bool:
    """The key is an ingredient's or a field's own name, not one of the words that alias it (``data``)."""
    key = key.strip()
    return key in INGREDIENT_KEYS or key.lower() == canonical


def _form_pieces(text: str) -> Iterable[tuple[str, str]]:
    """The body cut at each `_FORM_PAIR_BOUNDARY`: (the boundary's own text before the piece, the piece)."""
    start, separator = 0, ""
    for match in _FORM_PAIR_BOUNDARY.finditer(text):
        yield separator, text[start : match.start()]
        start, separator = match.end(), match.group()
    yield separator, text[start:]


def _inside_after(part: str, inside: bool) -> bool:
    """Whether text ending with `part` stops inside a tag (``<a href="…``) or a URL's query (``…/x?a=1``), not
    after a question ("…người thuê nhà?&link=…").

    Only `part` is read: without a ``<``, ``>`` or space of its own it continues what came before it.
    """
    opened, closed = part.rfind("<"), part.rfind(">")
    if opened != closed:
        return opened > closed
    space = max(part.rfind(" "), part.rfind("\t"), part.rfind("\n"))
    tail = part[space + 1 :]
    # a query follows an address's path or host ("…/x?", "example.com?"), not a word's question mark ("nhà?")
    query = tail.find("?")
    return (query > 0 and ("/" in tail[:query] or "." in tail[:query])) or (space < 0 and inside)


def _decode_form_value(value: str, encoding: str) -> str:
    """Percent-decode a value only when it was evidently encoded; raw text keeps its ``+`` and ``%``."""
    if _PERCENT_ESCAPE.search(value) is not None and _WHITESPACE.search(value) is None:
        return unquote_plus(value, encoding=encoding, errors="replace")
    return value


# --- text -------------------------------------------------------------------------------------

# (a date's key with its preposition: "Publicado em:", "veröffentlicht am:")
_KEY_LINE = re.compile(rf"^[ \t]*(?P<key>{IDENT}(?: {DATE_PREPOSITION})?)[ \t]*[:=]", re.MULTILINE)
# A template written with the full-width colon of Japanese and Chinese ("タイトル：…" on its first line): its key lines
# take that colon too. Elsewhere a line of prose opens with a word and "：" ("作者：李四" inside a story) as often.
_WIDE_KEY_LINE = re.compile(rf"^[ \t]*(?P<key>{IDENT}(?: {DATE_PREPOSITION})?)[ \t]*[:=：]", re.MULTILINE)


def _read_text_fields(text: str) -> _Reading | None:
    """``key: value`` lines; a value runs on until the next key line, and content to the end.

    Inside the content, a line starting with a field's own key or an ingredient name, in any case
    (``author:``, ``Published:``), ends it when that field has no value yet: a sender's template puts
    content first as often as last. A field's second key line is prose ("Title: The Great Gatsby" in a
    review), and so are aliases that are everyday words ("Source: Reuters", "Link: …").
    """
    wide = (
        (first := _WIDE_KEY_LINE.match(text)) is not None and first.group().endswith("：") and _known_key(first["key"])
    )
    matches = list((_WIDE_KEY_LINE if wide else _KEY_LINE).finditer(text))
    # (an outlet's word opening a line is the story's, "Provider: Comcast said …"; a form's "provider=CBC" its key)
    known = [
        _known_key(match["key"])
        and not (match.group().endswith((":", "：")) and lowered_key(match["key"]) in OUTLET_WORDS)
        for match in matches
    ]
    lines = [match for match, is_key in zip(matches, known, strict=True) if is_key]
    if len(lines) >= _TEMPLATE_KEYS:
        # among a template's key lines, "Canal: Meteoro Brasil" is the video's channel: a name on its own line
        lines = [match for match, is_key in zip(matches, known, strict=True) if is_key or _channel_line(match, text)]
    # ("Post:" alone, a word of everyday prose as often, makes no template: "Post: I finished the shelf!")
    # (nor a date's key with its preposition alone: "Published on: …" over a headline is a text post's line)
    counted = sum(1 for line in lines if line["key"].lower() != "post" and " " not in line["key"])
    if not counted:
        return None
    lead = text[: lines[0].start()].strip()
    if lead and ("\n" in lead or len(lead) > _MAX_LEAD_CHARS or counted < 2):
        return None  # the body is stripped: its first line is a key line, or a one-line lead before two
    key_lines: list[re.Match[str]] = []
    seen: set[str] = set()
    for line in lines:
        key = line["key"]
        field = _label_field(line, text) or ""
        # only the content's own value runs on: once a date's or an image's line has ended it, a "Feed:" line
        # after them is the template's next key again
        in_content = bool(key_lines) and _label_field(key_lines[-1], text) == "content"
        in_content = in_content and key not in INGREDIENT_KEYS
        ending = key.lower() in CONTENT_ENDING_KEYS or _holds_its_field(field, text, line.end())
        if in_content and (not ending or field in seen):
            continue  # prose inside the content, not a new key
        key_lines.append(line)
        seen.add(field)
    ends = [line.start() for line in key_lines[1:]] + [len(text)]
    extras: list[tuple[str, str]] = []
    values = [_shaped(line, text, end, extras) for line, end in zip(key_lines, ends, strict=True)]
    rest = ""
    if "content" not in seen:
        # No content key: the last key's value is its first paragraph, and what follows a blank line
        # is the content ("When: December 1, 2026 at 07:45AM" then the post).
        values[-1], _, rest = values[-1].strip().partition("\n\n")
    fields, _ = collect((line["key"], value) for line, value in zip(key_lines, values, strict=True))
    headed = [value for key, value in extras if key == _HEADED_TEXT]
    extras = [(key, value) for key, value in extras if key != _HEADED_TEXT]
    if "content" not in fields and headed:
        fields["content"] = headed[0]
    _read_extras(fields, extras)
    if "content" not in fields and extras:
        # a template's text under a label no alias knows ("বিস্তারিত:", details), after the known ones
        fields.update(by_shape(extras, fields))
    if "feed_title" not in fields and not _ADDRESSED.search(text):
        # "From: Automotive News" in a template's lines: the feed, where it is a name (an e-mail's "From:", with
        # its "To:", names a sender)
        paired = zip(key_lines, values, strict=True)
        sender = next((value.strip() for line, value in paired if line["key"].lower() == "from"), "")
        if sender and named_sender(sender):
            fields["feed_title"] = sender
    if post := _text_key_value(zip(key_lines, values, strict=True), "post").strip():
        if _FIELD_SHAPES["url"].fullmatch(post):
            fields.setdefault("url", post)  # "Post: https://…": the post's address
        else:
            fields.setdefault("content", post)
    if rest.strip():
        fields["content"] = rest.strip()
    if lead and "feed_title" not in fields and (notice := _NOTICE.match(lead)) is not None:
        fields["feed_title"] = notice["name"].strip()
    return fields, "text-fields"


# A template's label line in a language no alias knows: one to three words, a colon, the value ("Rohy : https://…").
# a letter, or a mark its word is written with (Bengali "শিরোনাম"): one class (no digit, no "_"), so that a long
# word cannot be split between two alternatives in exponentially many ways when no colon follows it
_LETTER = rf"(?:(?![\d_])[\w{MARKS}])"
_ANY_LABEL_LINE = re.compile(rf"(?P<key>[^\W\d_]{_LETTER}*(?:[ '’-]{_LETTER}+){{0,2}})[ \t]*[:：][ \t]+(?P<value>\S.*)")
_MIN_LABEL_LINES = 4


def _read_labelled_lines(text: str) -> _Reading | None:
    """A template's ``Label: value`` lines in words no alias knows (Malagasy "Lohateny : …", "Rohy : …"), read by
    their values' shapes: from the first line, four label lines or more with a link among them; the last runs on
    to the end as the content. The title is the longest short text, the writer the one name left alone on a line."""
    lines = text.strip().split("\n")
    labelled = []
    for line in lines:
        found = _ANY_LABEL_LINE.fullmatch(line.strip())
        if found is None:
            break
        labelled.append((found["key"], found["value"].strip()))
    labels = [key.casefold() for key, _ in labelled]
    if (
        len(labelled) < _MIN_LABEL_LINES
        or len(set(labels)) < len(labels)  # a chat's speakers come back; a template's labels do not
        or not any(_LINK_LINE.fullmatch(value) for _, value in labelled)
    ):
        return None
    last_value = "\n".join([labelled[-1][1], *lines[len(labelled) :]]).strip()
    fields = by_shape(labelled[:-1], {})
    if "title" not in fields or "content" in fields:
        return None
    fields["content"] = last_value  # the last label's value runs on to the end: the content
    shown = set(fields.values())
    names = [value for _, value in labelled if value not in shown and _NAME_LINE.fullmatch(value)]
    if len(names) == 1:
        fields["author"] = names[0]
    return fields, "text-fields"


# The values a template's label line holds for the fields a shape tells: IFTTT's own date ("October 10,
# 2024 at 09:20AM", what {{EntryPublished}} pastes) or an ISO 8601 one, and a link.
_FIELD_SHAPES: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        "published": re.compile(
            r"[ \t]*(?:[A-Z][a-z]{2,8} \d{1,2}, \d{4} at \d{1,2}:\d{2}[AP]M"
            r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)[ \t]*"
        ),
        "url": re.compile(r"[ \t]*https?://\S{1,2000}[ \t]*"),
        "image": re.compile(r"[ \t]*https?://\S{1,2000}[ \t]*"),
    }
)


# Keys only a text body's lines are read by: "From: Automotive News" (in JSON "from" is an e-mail's sender, a person,
# a day: never read there).
# "Post: <the post>" (a blog applet's label: in JSON a post's key names its link, its id or the post object).
_TEXT_KEYS: Mapping[str, str] = MappingProxyType({"from": "feed_title", "post": "content"})


def _label_field(line: re.Match[str], text: str) -> str | None:
    """The field a text body's label line names ("Post: https://…" the post's address, "Post: <p>…" the post)."""
    key = line["key"]
    field = FIELD_ALIASES.get(lowered_key(key)) or _TEXT_KEYS.get(key.lower())
    if field == "content" and key.lower() == "post" and _FIELD_SHAPES["url"].match(text, line.end()):
        return "url"
    return field


def _text_key_value(paired: Iterable[tuple[re.Match[str], str]], key: str) -> str:
    """The value of the first line labelled ``key`` (one of the text-only keys), or ""."""
    return next((value for line, value in paired if line["key"].lower() == key), "")


def _known_key(key: str) -> bool:
    """A key line's key is a field's name, or one only a text body's lines use; never a word that opens a headline
    as often ("Canal: la sequía obliga …": a JSON or form key "canal" is a video's channel)."""
    lowered = key.lower()
    return lowered not in _NOT_TEXT_KEYS and (
        lowered_key(key) in FIELD_ALIASES or lowered in _TEXT_KEYS or canonical_name(key) == "published"
    )  # ("Publicado em:", the date's word with its preposition)


_NOT_TEXT_KEYS = frozenset({"canal", "kanal"})
_TEMPLATE_KEYS = 2
_CHANNEL_WORDS = 6


def _channel_line(line: re.Match[str], text: str) -> bool:
    """A "Canal:"/"Kanal:" line holding a name alone on its line (no sentence: "Canal: la sequía obliga …" is a
    headline)."""
    if line["key"].lower() not in _NOT_TEXT_KEYS:
        return False
    end = text.find("\n", line.end())
    value = text[line.end() : end if end >= 0 else len(text)].strip()
    return 0 < len(value.split()) <= _CHANNEL_WORDS and not value.endswith((".", "!", "?", ":"))


_VIA_TOOLS = frozenset(
    {"ifttt", "feedly", "pocket", "flipboard", "inoreader", "google news", "hacker news", "reddit", "email", "twitter"}
)


_VIA_ARROWS = ("→", "»", "⇒")


def _via_feed(name: str, line: re.Match[str]) -> bool:
    """ "via <name>" after the link names the feed: after the owner's arrow ("<title> → <link> vía El Siglo de
    Torreón"), or a name the link's domain spells; never a reader or a tool, nor a hat tip to a person elsewhere
    ("… via Simon Willison")."""
    if name.strip().casefold() in _VIA_TOOLS:
        return False
    if (line["mark"] or "") in _VIA_ARROWS or line["title"].rstrip().endswith(("->", *_VIA_ARROWS)):
        return True
    return spells_host(name, line["url"])


_ADDRESSED = re.compile(r"(?im)^[ \t]*to[ \t]*:")


def _shaped(line: re.Match[str], text: str, end: int, extras: list[tuple[str, str]]) -> str:
    """A key line's value up to the next key line; for a field of one line (a date, a link, a title, a name), only
    its own line where labels no alias knows follow it: "Date: November 24, 2026 at 03:05PM" over "Blog: Made of
    Bugs" is the date alone, "Author: dim_skies_anyway" over "Subreddit: …" the name alone. Those labels' lines go
    to ``extras``."""
    value = text[line.end() : end]
    field = FIELD_ALIASES.get(lowered_key(line["key"]))
    if field is None or field == "content" or "\n" not in value.strip():
        return value
    if field in _FIELD_SHAPES and not _holds_its_field(field, text, line.end()):
        return value
    own, _, rest = value.partition("\n")
    lines = rest.split("\n")
    if _BARE_LABEL_LINE.fullmatch(lines[0]) is not None and own.strip() and "\n".join(lines[1:]).strip():
        # "Feed: Halifax Regional Municipality" over "Details:" alone and the text under it: a label no alias knows
        # heads the rest, the template's text (in ``extras`` under `_HEADED_TEXT`)
        extras.append((_HEADED_TEXT, "\n".join(lines[1:]).strip()))
        return own
    labels = 0
    while labels < len(lines) and (label := _UNKNOWN_LABEL_LINE.fullmatch(lines[labels])) is not None:
        if label["key"].isupper() or len(label["key"]) < 2:
            break  # a dateline ("ISLAMABAD:", "NEW DELHI:") or an interview's "Q:" and "A:" open the story's text
        if len(label["value"]) > _LABEL_VALUE_CHARS and "\n".join(lines[labels + 1 :]).strip():
            break  # a paragraph under a label with more text after it is the story's ("Update: …" then the story)
        extras.append((label["key"], label["value"]))
        labels += 1
    return "\n".join([own, *lines[labels:]]) if labels and own.strip() else value


_LABEL_VALUE_CHARS = 200  # (longer: the template's text, where it closes the body: "Nota: <the story's text>")
_HEADED_TEXT = "\x00headed"  # (no key can be this: a key line's key is a word)
_BARE_LABEL_LINE = re.compile(rf"[ \t]*(?P<key>{IDENT}(?: {IDENT}){{0,2}})[ \t]*:[ \t]*")
_UNKNOWN_LABEL_LINE = re.compile(rf"[ \t]*(?P<key>{IDENT}(?: {IDENT}){{0,2}})[ \t]*:[ \t]*(?P<value>\S[^\n]{{0,4000}})")
_DATE_LABEL = re.compile(r"(?i)(?:posted|published|uploaded)\b")  # (an event's "Date and time:" is no post's)


def _read_extras(fields: dict[str, str], extras: list[tuple[str, str]]) -> None:
    """What a template's labels no alias knows still say: "Post: https://…" the item's link, "Posted at: <date>"
    its date, where nothing else gave them."""
    if "url" not in fields and (link := story_link(extras)) is not None:
        fields["url"] = link
    for key, value in extras:
        if "published" not in fields and _DATE_LABEL.match(key) and IFTTT_DATE.fullmatch(value.strip()):
            fields["published"] = value.strip()


def _holds_its_field(field: str, text: str, start: int) -> bool:
    """The rest of the key's line is the field's kind of value: "Posted: October 10, 2024 at 09:20AM" after
    the content is the date's line, where "Posted: by the council" would be prose."""
    shape = _FIELD_SHAPES.get(field)
    if shape is None:
        return False
    end = text.find("\n", start)
    return shape.fullmatch(text, start, end if end >= 0 else len(text)) is not None


_MAX_LEAD_CHARS = 160
# A notification's lead line names where the item appeared: "New topic on Loamwise Community", "New on Sky Sports".
# In the languages of the corpus too: "Nova notícia de l'Ajuntament", "Nueva nota en Página/12", "Neuer
# Beitrag auf …", "Nouvel article sur …", "Νέο άρθρο στο …", "Νέα είδηση από το ΚΥΠΕ".
# "New" in the corpus's languages, opening a notice.
_NEW_WORDS = (
    r"(?:new|nuev[oa]|nou|nov[oa]|nouve(?:au|lle)|nouvel|neue?[rs]?|nieuwe?|nuov[oa]|ny(?:tt?)?|nye|uusi|now[yae]"
    r"|nov[ýáéi]|új|friss|нов(?:ый|ая|ое|ий|а|е)|nauj(?:a|as|i)|jauns|jauna|uus)"
)
# What a notice says is new, in the corpus's languages: "New post", "Nowy artykuł", "Nouvel épisode".
_ITEM_NOUNS = (
    r"(?:topic|post|item|story|article|entry|thread|video|episode"
    r"|release|question|answer|photo|track|listing|recipe|review|issue|alert|advisory|update|deal|job"
    r"|preprint|paper|publication|report|study|newsletter|comic|event|talk|lesson|tutorial|guide|statement|investigation"
    r"|nota|noticia|notícia|artículo|artigo|matéria|postagem"
    r"|entrada|publicación|publicação|beitrag|artikel|bericht|notizia|articolo|notícies|noticias"
    r"|artikkel|nyhet|innlegg|inlägg|artikkeli|uutinen|artykuł|wpis|článek|příspěvek|cikk|статья|новость|статия"
    r"|episodio|episódio|épisode|folge|aflevering|odcinek|jakso|avsnitt|vídeo|vidéo|стаття|допис|публікація"
    r"|meldung|nachricht|mitteilung|pressemitteilung|vijest|zpráva|správa|wiadomość|hír|știre|новина|tekst"
    r"|comunicato|comunicado|communiqué|persbericht|vest|вест|вијест"
    # (a press release in several words: "Nueva nota de prensa", "New press release")
    r"|nota de prensa|comunicado de prensa|press release|news release|communiqué de presse|comunicato stampa"
    r"|nota stampa|comunicado de imprensa|nota à imprensa"
    r"|enquête|enquete|investigación|investigação|inchiesta|recherche|reportage|reportaje|reportagem"
    r"|toot|skeet|žinia|naujiena|ziņa|uudis|komunikat|tori"
    r"|crónica|cronica|crônica|chronique|columna|coluna|entrevista|intervista|interview"
    r"|recette|receta|ricetta|receita|rezept|recept)"
)
_NOTICE_LEAD = (
    # (Greek only with its noun: "Νέα από …" is "news from …", a headline's own words)
    r"(?:νέ[οα]\s+(?:άρθρο|ανάρτηση|δημοσίευση|είδηση)\s+(?:στο|στη|στην|στον|από(?:\s+τ(?:ο|η|ην|ον))?)\s+|"
    # (Arabic sets "new" after its noun: "خبر جديد من المال", "مقال جديد على …"; Persian too, the name joined to it
    # or after "از": "خبر جدید ورزش سه"; only of a story, not of a video of a scene or news about a subject: "فيديو
    # جديد من موقع الحادث", "خبر جدید درباره …")
    r"(?:خبر|مقال|مقالة|تدوينة)\s+(?:جديد|جديدة)\s+(?:من|على|في)\s+|"
    r"(?:خبر|مطلب|مقاله)\s+(?:جدید|تازه)\s+(?:(?:از|در)\s+)?(?!(?:درباره|در\s+مورد|برای|که|از|در)\s)|"
    # (Romanian puts "new" after its noun: "Știre nouă pe Bihoreanul", "Articol nou pe …")
    r"(?:știre|stire|articol|postare|episod)\s+nou[ăa]?\s+(?:pe|de\s+pe|la|de\s+la|în)\s+|"
    # (and Portuguese, Spanish and Italian may too: "Receita nova no Panelinha:", "Post novo no blog!")
    r"(?:post|receita|receta|ricetta|vídeo|video|artigo|artículo|articolo|episódio|episodio|notícia|noticia|notizia"
    r"|texto|podcast)\s+(?:nov[oa]|nuev[oa]|nuov[oa])\s+(?:no|na|de|del|da|do|su|sul|sulla|nel|nella)\s+"
    # (a masthead's capitalized words ending the lead, never a platform's: "Vídeo novo no YouTube mostra …" is news)
    r"(?=(?!(?:youtube|tiktok|instagram|facebook|twitter|x|spotify|twitch|threads)\b)"
    r"(?-i:[A-Z0-9])\S*(?:\s+(?:(?-i:[A-Z0-9])\S*|(?-i:d[aeo]s?|del?|di)))*\s*(?:[:!]|\s[" + PICTOGRAPHS + r"]|$)"
    r"|(?:o |a |the )?(?:blog|site|canal|channel|podcast)\s*[!:]?\s*$)|"
    rf"{_NEW_WORDS}\s+"
    r"(?:(?:blog |forum |press |youtube |podcast |(?:(?-i:[A-Z])[\w.&-]{1,20} )?(?:newswire|wire) (?=release))?"
    rf"{_ITEM_NOUNS}\s+"
    # (a guide only "on" a site: "Neue Anleitung auf selbst.de"; "Nueva guía de viaje:" is a headline)
    r"|(?:anleitung|guía|guia|guida|handleiding|poradnik)\s+(?=(?:auf|sur|su|op|on|at|bei)\s)"
    # (a story only "in" a place: "Nueva historia en GK"; "Nueva historia de amor:" is a headline)
    r"|(?:historia|história|storia)\s+(?=(?:en|em|no|na|su|in|on)\s))?"
    r"(?:(?:on|in|of|from|at|en|de|del|sur|dans|auf|von|bei|der|em|no|na|da|do|dos|das|di|su|op|van|im|i|a|på|fra|från|hos|w|v"
    r"|ve|в|на|iš|portālā|lehel|z|ze|dal|dalla|dallo|sul|sulla|nel|nella)\s+|d['’](?=\w)|n['’](?=[OA]\s)))"
    # (French elides "de": "Nouvelle vidéo d'Anes Tina"; Portuguese "no" before a name's article: "Nova notícia n’O
    # Interior")
)
_NOTICE = re.compile(rf"(?i)^{_NOTICE_LEAD}(?P<name>.{{1,120}})$")
_NEW_ITEM_ONLY = re.compile(
    rf"(?i){_NEW_WORDS}\s+{_ITEM_NOUNS}"
    # (in Korean, Japanese and Chinese: "새 기사가 올라왔어요", "新しい記事を公開しました", "有新文章")
    r"|새\s*(?:글|게시물|포스트|기사|소식|영상)[이가]?(?:\s*(?:올라왔어요|올라왔습니다|등록되었습니다|나왔어요))?"
    r"|新しい(?:記事|投稿|動画)(?:を公開しました|が公開されました)?|新着(?:記事|投稿|動画)|有新(?:文章|影片|視頻|视频|貼文|帖子)"
)
_SAYS_NEW = re.compile(rf"(?i){_NEW_WORDS}\b")  # a notice's first word saying the item is new
# The notice and the headline on one line: "New from Troy Hunt → Weekly Update 482", "Nueva nota en
# Página/12: El Senado aprobó …", "New in the shop! Hand-dyed yarn".
_NOTICE_TITLED = re.compile(
    rf"(?i)^{_NOTICE_LEAD}(?P<name>[^:!→|»—–\s][^:!→|»—–]{{0,59}}?(?:!(?=\s*:))?)\s*(?P<mark>[:!→|»]|\s[—–]|\s[{PICTOGRAPHS}]\uFE0F?)\s*(?P<title>\S.{{3,}})$"
)
# The same notice where Korean, Japanese and Chinese set it, the name first: "토스 기술 블로그 새 글: <title>",
# "Zennの新着記事：<title>", "少数派 新文章：<title>".
_NAME_THEN_NEW = re.compile(
    r"^(?P<name>[^:：!！\s][^:：!！]{0,40}?(?:!!?|！！?)?)(?:(?:\s+|\s*의\s*)새\s*(?:글|게시물|포스트|기사|소식)"
    # ("カナロコ新着", "すまほん!!新着": no space after kana or a mark; after a Han character "新着" is the word's own:
    # "最新情報新着", "地震速報新着")
    r"|\s+新(?:文章|帖子|貼文|影片|视频|視頻)|(?:\s+|(?<![\u3400-\u9fff]))新着(?:記事|投稿|動画)?"
    r"|の(?:新着(?:記事|投稿|動画)?|新しい(?:記事|投稿)))"
    r"\s*(?:[:：]|[" + PICTOGRAPHS + r"]\uFE0F?)\s*(?P<title>\S.{3,})$"
)
# A marked lead "📰 El Tiempo | <headline>": a feed's name, a bar, the headline.
_MARKED_TITLED = re.compile(r"^(?P<name>[^|:]{2,60}?)\s+\|\s+(?P<title>\S.{3,})$")
# "Més informació: https://…", "Read more 👉 https://…" ending a text post: the link, labelled in the sender's
# language, a colon or a pointing mark after the label.
_LABELLED_LINK = re.compile(
    r"(?i)^(?:(?:(?:read more|read the full story|continue reading) (?:at|on)|read (?:at|on)(?= (?-i:[A-Z0-9]))"
    r"|mehr (?:auf|bei)|más en|plus sur"
    r"|leggi su|lees meer op) (?P<name>[^:]{2,40})"
    r"|more(?: info(?:rmation)?)?|read(?: more| it(?: here)?| the (?:full )?(?:story|article|post))?|full story|details"
    r"|full (?:newsletter|episode|video|post)|listen(?: now| here)?|watch(?: now| here)?"
    r"|más información|més informació|plus d'informations?"
    r"|mehr (?:infos?|lesen|dazu)|leia mais|ler mais|saiba mais|leggi(?: tutto| di più)?|lees meer|link|enlace|lien"
    r"|подробнее|читать далее|читати далі|और पढ़ें|पूरा पढ़ें|पूरा पढ्नुहोस्|আরও পড়ুন|ఇంకా చదవండి|மேலும் படிக்க|اقرأ المزيد|مزید پڑھیں"
    r"|ادامه مطلب|קרא עוד|อ่านต่อ|อ่านเพิ่มเติม|đọc tiếp|xem chi tiết|devamını oku"
    r"|leer más|lee más|ver más|seguir leyendo|lire la suite|en savoir plus|weiterlesen|continua a leggere|verder lezen"
    r"|llegiu-ne més|llegeix més|llegir més|irakurri gehiago|ler máis"
    r"|続きを読む|続きはこちら|詳しくはこちら|記事はこちら|阅读全文|閱讀全文|자세히 보기"
    r"|baca selengkapnya|selengkapnya"
    r"|läs mer|les mer|læs mere|lue lisää|czytaj (?:więcej|dalej)|více|čtěte více|tovább"
    r"|lesa meira|loe edasi|lasīt vairāk|skaityti daugiau|lees verder|дэлгэрэнгүй|διαβάστε περισσότερα"
    r"|прочети още|прочетете още|прочитај повеќе|прочитајте повеќе|опширније|pročitaj više|preberi več|čítajte viac"
    r"|citește mai mult|olvass tovább|детальніше|léigh tuilleadh|léigh níos mó"
    r"|le[eé] la nota completa|lea la nota completa|leia a matéria completa|leggi l['’]articolo completo"
    r"|read (?:the )?full (?:story|article)|escúchalo(?: aquí)?|lire l['’]article|lee la noticia completa(?: en)?)"
    r"\s*(?::|[" + PICTOGRAPHS + r"\u2190-\u21FF]\uFE0F?)\s*(?P<url>https?://\S+)$"
    r"|^(?i:read more at|more at|lee la noticia completa en) (?P<bare_url>https?://\S+)$"
)


# Any few words over a link closing the post, in any language ("Jetzt anhören: https://…", "À lire ici 👉 https://…"):
# the item's link, where no label above named it; never a profile's or a tip jar's ("Instagram: https://…").
_SHORT_LABEL_LINK = re.compile(
    r"^(?P<label>[^\W\d_](?:[^\W_]|['’-])*(?: (?:[^\W_]|['’-])+){0,3})"
    r"\s*(?::|[" + PICTOGRAPHS + r"\u2190-\u21FF]\uFE0F?)\s*"
    r"(?P<url>https?://(?!(?:www\.)?(?:instagram|facebook|twitter|x|tiktok|patreon|ko-fi|paypal|linktr|t|wa)\.\w+/)\S+)$"
)
# A contact block's or a profile's labels: their link is the sender's, not the item's ("Web: https://…").
# (any of its words: "Follow us on Mastodon:", "Subscribe here:", "Photo:")
_CONTACT_LABELS = frozenset(
    {"web", "website", "site", "homepage", "home", "email", "e-mail", "phone", "tel", "telephone", "fax",
     "twitter", "instagram", "facebook", "linkedin", "youtube", "tiktok", "mastodon", "bluesky", "threads", "spotify",
     "shop", "store", "tickets", "donate", "support", "subscribe", "newsletter", "contact", "sponsor", "follow",
     "map", "maps", "background", "credit", "credits", "source", "photo", "photos", "foto", "fotos", "bild", "image",
     "picture", "video", "wikipedia"}
)  # fmt: skip
# A link to someone's page or a sign-up, not a story: "/@citylibrary", "/profile/…", "/channel/…", "/subscribe".
_PROFILE_PATH = re.compile(
    r"(?i)^https?://[^/?#]+/(?:@|profile/|channel/|c/|user/|f/|subscribe|contact|about)"
    r"|^https?://(?:[^/?#]+\.)?(?:gofundme|flickr|wikipedia|spotify|maps\.google|bsky)\.[^/?#]+/"
)
# "Source: MIA https://…": a source's label (a feed's name's aliases, but not the words for a show, a feed, a site or an
# outlet: "Podcast: Listen to our interview … https://…"), the name, then the item's link.
_NOT_SOURCE_LABELS = frozenset(
    {"show", "podcast", "programme", "feed", "feed_title", "feedtitle", "flux", "origin", "site", "blog", "medio",
     "publisher", "publication"}
)  # fmt: skip
_SOURCE_LABELS = frozenset(
    alias for alias, canonical in FIELD_ALIASES.items() if canonical == "feed_title" and alias not in _NOT_SOURCE_LABELS
)
_SOURCE_LINK = re.compile(r"^(?P<label>[^\W\d_]{3,12})\s*:\s*(?P<name>[^\s:/][^:/\n]{0,40}?)\s+(?P<url>https?://\S+)$")


_BLOCK_MARKUP = re.compile(r"<(?:p|div|h[1-6]|br|ul|ol|li|article|section|blockquote|table)\b[^<>]*>", re.IGNORECASE)
# "Title https://…", "Title — https://… (Nov 26, 2026)", "Title ▶ https://…": the link (and a date in brackets) ending
# the title line, an arrow or a dash perhaps pointing at it,
# perhaps with the owner's hashtags after it ("… https://… #avianinfluenza").
_TRAILING_LINK = re.compile(
    r"^(?P<title>.*?\S)\s+(?:(?P<mark>[—–|→➡▶►⇒-]|\U0001F449)\uFE0F?\s+)?(?P<url>https?://\S+?)(?:\s+\((?P<when>[^()]{6,90})\))?(?:\s+#\w+)*"
    r"(?:\s+(?i:via|vía)\s+(?P<via>[^\s@#][^@#]{0,60}))?$"
)
# "<title> (https://…)": the link in brackets after the title.
_BRACKETED_LINK = re.compile(r"^(?P<title>.*?\S)\s+\((?P<url>https?://[^\s()]+)\)$")
# The applet's date in brackets after the title, before the link: "<title> (November 4, 2024 at 10:12AM) https://…".
_DATED_TITLE = re.compile(r"^(?P<title>.*?\S)\s+\((?P<when>[A-Z][a-z]{2,8} \d{1,2}, \d{4} at \d{1,2}:\d{2}[AP]M)\)$")
# "👉 https://…", "▶️ https://…", "→ https://…": a pictograph, a shape or an arrow may point at the link.
_LINK_LINE = re.compile(
    r"^\s*(?:[" + PICTOGRAPHS + r"\u2B00-\u2BFF\u25A0-\u25FF\u2190-\u21FF]\uFE0F?\s*)?(https?://\S+)\s*$"
)
_LINK_LABEL = re.compile(
    r"(?i)(?<=[.!?…])\s+(?:read it here|read (?:the )?(?:full )?(?:story|more|article)(?: here)?|more here"
    r"|full story)[:.]?$"
)
# In any language, a dash and up to four words pointing at the link, one of them a word for reading, watching or
# listening: "<title> – jetzt lesen: https://…", "– citește aici:", "— read it here", "- read am here:". Not
# "Breaking News - Earthquake hits Turkey:", "Storm Babet – Winter is here", "– la France balayée hier" (IFTTT's
# "{{EntryTitle}}: {{EntryUrl}}" puts a colon after any title). (?<=\S): a run of blanks is tried once.
_DASHED_POINTER = re.compile(r"(?<=\S)[ \t]+[–—-][ \t]+(?P<words>[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3})[ \t]*[:.!]?$")
_POINTER_WORDS = frozenset(
    {
        *("read", "watch", "listen", "see", "lesen", "weiterlesen", "anhören", "ansehen", "anschauen", "lire"),
        *("voir", "écouter", "regarder", "leer", "ver", "escuchar", "mirar", "ler", "leia", "veja", "ouça", "assista"),
        *("leggi", "guarda", "ascolta", "lees", "kijk", "luister", "czytaj", "posłuchaj", "obejrzyj", "citește"),
        *("citeste", "vezi", "läs", "lyssna", "titta", "læs", "lyt", "les", "lytt", "читать", "читайте", "смотреть"),
        *("смотрите", "слушать", "oku", "izle", "dinle", "lue", "katso", "kuuntele", "olvasd", "nézd", "čtěte"),
        *("přečtěte", "preberite", "pročitajte", "čitaj", "lê", "soma", "tazama", "sikiliza", "einschalten", "baca"),
    }
)


def _without_pointer(title: str) -> str:
    """The title without a dashed pointer at the link after it (see `_DASHED_POINTER`)."""
    pointer = _DASHED_POINTER.search(title)
    if pointer is None or not _POINTER_WORDS & set(pointer["words"].casefold().split()):
        return title
    return title[: pointer.start()]


# "<title> https://… — <its summary, a sentence or two>." on one line: the link between the title and the summary.
_LINK_THEN_TOLD = re.compile(
    r"^(?P<title>[^.!?]{10,200}?[^\s.!?:])\s+(?P<url>https?://\S+)\s+[—–]\s+(?P<summary>(?:\S+\s+){7,}\S*[.!?…])$"
)
# Who posted it, and when, in the brackets after the link: "by Lance Hornby", "posted by Lamin Jobe, November 30, 2026
# at 10:15AM", "Keith Cowing, December 4, 2026 at 02:41PM" (a name then IFTTT's date).
_CREDIT = re.compile(
    r"(?:(?i:(?:posted |published |written )?by )(?P<who>[^,()]{2,60}?)"
    r"|(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})(?=,))"
    r"(?:,\s*(?P<when>[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}[AP]M))?"
)
# "<title> (posted by /u/kopi_siew_dai)" before the link: the poster.
_POSTER_AFTER_TITLE = re.compile(r"^(?P<title>.*\S)\s+\((?i:posted|submitted|shared) by (?P<who>[^()\s][^()]{1,59})\)$")
# (or after a bar, the owner's template's, under a headline of five words or more: "<title> | <summary>."; "Guest
# Essay | <headline>" is a label over the headline)
_TOLD_AFTER_DASH = re.compile(
    r"^(?P<title>[^.!?|]{10,200}?[^\s.!?:|])\s+(?P<mark>[—–|])\s+(?P<summary>(?:\S+\s+){7,}\S*[.!?…])$"
)
_BARRED_TITLE_WORDS = 5
_VIA_LINE = re.compile(r"(?i)^via (?P<name>\S.{0,119})$")
# "via SamMobile" alone: a name of a few words, no sentence, no link, not the applet itself.
# (Not a handle, nor a picture agency's credit: "via @CityOfToronto", "via Getty Images".)
_VIA_NAME = re.compile(
    r"(?i)^via (?!ifttt\b|@|getty\b|shutterstock\b|ap photo|reuters pictures|afp photo)"
    r"(?P<name>[^\s.!?:/][^.!?:/]{0,40}?(?:\.[a-z]{2,6})?)$"
)
# "<FeedTitle> just posted: <title>", "<FeedTitle> published a new post: <title>": the applet's own words.
# "KEXP just posted a new track on SoundCloud: <title>": what was posted, and where, may be said too.
_POSTED_LEAD = re.compile(
    r"(?i)^(?P<name>\S.{0,60}?) (?:(?:has )?just (?:posted|published|shared|uploaded|released)"
    r"|ha(?:s|ve) a new (?:story|post|article|video|episode|entry|issue) (?:up|out)(?=\s*:)"
    r"|(?:posted|published|shared|uploaded) a new \w+(?: \w+(?=\s*:))?|uploaded(?=\s*:)"
    r"|vient de (?:publier|mettre en ligne)|acaba de (?:publicar|postar)|ha appena pubblicato"  # (French, Spanish, …)
    r"|har (?:just )?publicerat|har (?:lige )?publiceret|har (?:nettopp )?publisert|hat (?:gerade )?veröffentlicht)"
    r"(?: (?:a )?new \w+)?(?: (?:on|to) [^:]{1,40}?)?"
    r"(?:\s*[:\-–—]\s+|\s+[\U0001F1E6-\U0001F1FF" + PICTOGRAPHS + r"]+\uFE0F?\s+(?-i:(?![a-z])))"
    r"(?P<title>\S.*)$"
)


# "**Dr. Becky** uploaded **<title>** at December 10, 2026 at 05:00PM:", "📬 Obsolete just published “<title>”": the
# channel, and the title set off by Markdown's strong marks or by quotes.
_MARKED_UPLOAD = re.compile(
    r"^(?P<name>\*\*[^*]{1,60}\*\*|\S[^*]{0,60}?) (?:just )?(?:uploaded|posted|published|shared|released) "
    r"(?P<title>\*\*[^*]{2,300}\*\*|[\"“][^\"”]{2,300}[\"”])"
    r"(?: at (?P<when>[A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}[AP]M))?\s*:?$"
)
# "New MKBHD video just dropped!! <title>": what is new, whose, and that it is out.
# "🎙️ New episode is live! <title>": the owner's notice naming no one, the title after it.
_FRESH = re.compile(
    r"(?i)^new (?:video|episode|post|article|story|issue|newsletter) (?:just dropped|is (?:out|up|live)|out now)"
    r"(?P<name>)\s*[!.:]+\s+(?P<title>\S.*)$"
)
_DROPPED = re.compile(
    r"(?i)^new (?!(?:york|zealand|jersey|mexico|orleans|delhi|hampshire|brunswick|england|haven|year|year's|years)\b)"
    r"(?P<name>\S.{0,40}?) (?:video|episode|post|podcast|article|newsletter|issue|story|(?:press )?release|statement)"
    r"(?: (?:just dropped|is (?:out|up|live)|out now)[!.:\s]+|\s*:\s+"
    # (a pictograph: "New X video 📺 <title>")
    r"|\s*[" + PICTOGRAPHS + r"]\uFE0F?\s*)(?P<title>\S.*)$"
)
# "New HCA judgment: <title>": a court's or an agency's new ruling or notice, the body named in capitals ("New
# Harvard study: …" is a headline whole).
_NAMED_NOTICE = re.compile(
    r"(?i)^new (?!(?:york|zealand|jersey|mexico|orleans|delhi|hampshire|brunswick|england|haven|year)\b)"
    r"(?P<name>(?-i:[A-Z0-9])[\w.&'’-]{1,30}(?: (?-i:[A-Z0-9])[\w.&'’-]{1,30}){0,2}) "
    r"(?:judg(?:e)?ments?|rulings?|decisions?|bulletins?|notices?|advisor(?:y|ies)|filings?)\s*:\s+(?P<title>\S.*)$"
)
# "Citizen Lab published “<title>” →", "Obsolete just published “<title>”": who published the quoted title.
_PUBLISHED_QUOTED = re.compile(
    r"^(?P<name>[A-Z][^“\"]{1,50}?) (?:just )?(?:published|posted|released|shared)(?: a new \w+)?(?:\s*:\s*|\s+)"
    r"[“\"](?P<title>[^”\"]{4,})[”\"]\s*[→:»\-–—]?$"
)
# "Dugg on Digg: <title>", "Saved to Pocket: <title>": what the owner did, and where.
_DONE_ON = re.compile(
    r"(?i)^(?:dugg|posted|shared|saved|liked|starred|bookmarked|pinned|upvoted|favou?rited|boosted|reblogged)"
    r" (?:on|to|in) (?P<name>[^:]{2,30}):\s+(?P<title>\S.*)$"
)
# "⚠️ Status update from Instatus — <title>", "Alert from MBTA: <title>": what came, and from whom.
_FROM = re.compile(
    r"(?i)^\W{0,4}\s*(?:status )?(?:update|alert|notice|message|news|post)s? from (?P<name>[^:—–|]{2,40}?)"
    r"\s*[:—–|]\s+(?P<title>\S.*)$"
)
# "Patti Smith on Substack: <title>": whose post, on which newsletter platform ("Teachers on TikTok: …" and
# "Biden on Threads: …" are headlines whole).
_ON_PLATFORM = re.compile(
    r"(?i)^(?P<name>\S.{0,60}?) on (?:substack|medium|ghost|beehiiv|buttondown|patreon):\s+(?P<title>\S.*)$"
)
# "/u/gridiron_stats_guy posted in r/nfl: <title>": a Reddit post's poster, its subreddit and its title.
_REDDITOR_POSTED = re.compile(r"^(?P<author>/?u/[\w-]{3,20}) posted in (?P<name>/?r/\w{2,21})\s*:\s+(?P<title>\S.*)$")
# "<title> by /u/kombini_kid": a Reddit post's title and its poster.
_BY_REDDITOR = re.compile(r"^(?P<title>.*\S)\s+by\s+(?P<name>/?u/[\w-]{3,20})$")
# "<title> by Jonathan Clements" between a notice and the link: the owner's "{{EntryTitle}} by {{EntryAuthor}}".
# Never after a passive verb ("destroyed by Hurricane Melissa", "hit by Storm Darragh") nor before a title or
# a storm's name ("vetoed by Governor …").
_BY_NAME_END = re.compile(
    r"^(?P<title>.*\S)(?<!ed)(?<!en)(?<!wn)(?<!ght)(?<!\bhit)(?<!\bwon)(?<!\bmade)(?<!\bheld)(?<!\bbuilt)(?<!\bsold)"
    r"(?<!\bled)(?<!\bset)(?<!\bcut)(?<!\bbeat)(?<!\blost)(?<!\btold)(?<!\bkept)(?<!\bleft)(?<!\bpaid)(?<!\bsaid)(?<!\bsent)"
    r"(?<!\bstruck)(?<!\bshot)(?<!\brun)(?<!\bhurt),?\s+by\s+"
    r"(?!(?:Governor|President|Mayor|Senator|Judge|Prime|Minister|King|Queen|Prince|Pope|Police|Hurricane|Storm"
    r"|Typhoon|Cyclone|Tropical)\b)(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2})$"
)
# "<title> (by Hollis Grant)": the author an owner's template puts after the title.
_BY_AUTHOR = re.compile(r"(?i)^(?P<title>.*\S)\s+\((?:by|von|par|por)\s+(?P<name>[^()\d]{2,60})\)$")


# "Aperture posted a new story!" over its headline: who posted names the feed.
# "New Noclip documentary just dropped!" over its headline: whose new thing it is names the feed.
_POSTED_NOTICE = re.compile(
    r"(?i)^(?:(?!(?:we|i|he|she|they|it|you|this|there|everyone|nobody)\s)"
    r"(?P<name>\S.{0,60}?) (?:just )?(?:(?:posted|published|shared|uploaded|dropped|released)|ha(?:s|ve)) a new"
    r" (?:story|post|article|video|episode|entry)"
    r"|(?P<poster>\S.{0,60}?) (?:just )?(?:posted|tooted|shared|wrote) on (?:mastodon|bluesky|threads|x|twitter"
    r"|facebook|instagram|linkedin|tumblr)"
    r"|new (?P<whose>\S.{0,40}?) (?:video|documentary|episode|podcast|post|article|newsletter|issue|story)"
    r" (?:just dropped|is (?:out|up|live)|out now)"
    r"|new (?:video|episode|post|issue|article) (?:of|from|on) (?P<of>\S.{0,60}?) (?:is (?:out|up|live)|just dropped)"
    r"|new (?P<fresh>(?-i:[A-Z0-9])\S*(?: \S+){0,4}?) (?:video|documentary|episode|podcast)(?=\s*!)"
    r"|(?P<live>\S.{0,60}?) (?:is|went|just went) (?:now )?live"
    r"(?: on (?:twitch|youtube|kick|tiktok|facebook|instagram))?)"
    r"\s*[!.:]*$"
)
_SITE_WORDS = re.compile(r"(?i)^the\s+(?=\S+(?:\s+\S+)?\s+(?:website|site|blog|page)$)|\s+(?:website|site|page)$")
_PICTOGRAPHS = re.compile(r"[" + PICTOGRAPHS + r"]\uFE0F?")
# (a chat service's shortcode draws one too: ":newspaper: Nuevo en Cerosetenta")
_TRAILING_PICTOGRAPHS = re.compile(
    r"(?:\s*(?:[" + PICTOGRAPHS + r"]\uFE0F?|[\U0001F1E6-\U0001F1FF]{2}|(?<!\S):[a-z0-9_+-]{1,40}:))+$"
)
_LEADING_PICTOGRAPHS = re.compile(
    r"^(?:(?:[" + PICTOGRAPHS + r"]\uFE0F?|[\U0001F1E6-\U0001F1FF]{2}|:[a-z0-9_+-]{1,40}:(?!\S))\s*)+"
)  # "🎬 New …", a flag ("🇰🇪 BREAKING | …")
_HASHTAG_LINE = re.compile(r"#[^\W\d_][\w-]{0,39}(?:\s+#[^\W\d_][\w-]{0,39}){0,15}")
# "‘At the Harbour Museum’ by Jenna Strachan": a quoted title and its writer.
_QUOTED_BY = re.compile(
    r"^[‘'\"“](?P<title>[^‘’'\"“”]{2,300})[’'\"”]\s+by\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})$"
)
# Marks an applet puts before a notice ("🚨 New from …", "📰 New on …", "» New post on …").
_LEAD_MARKS = "🚨📰🔔📣📢🆕⚡️•*»>-–—¡ \t"
# An applet's date line under the post: "Posted December 3, 2026 at 02:26PM", "Published: 2026-12-03", "Publié le
# …", "投稿日時: …", "Δημοσιεύθηκε: …" (every word a label line names the date by, FIELD_ALIASES); an exchange's
# "Released: 19 Oct 2026 17:05" too; or IFTTT's date alone on its line.
_POSTED_VERBS = (
    "posted|published|released|publié|publiée|publicado|publicada|pubblicato|veröffentlicht|gepubliceerd|opublikowano"
    "|objavljeno|yayınlandı|опубликовано|投稿日時|公開日|发布时间|게시일"
    # (the Nordic, Finnish, Estonian, Czech and Hungarian words: "Publisert September 15, 2026 at 08:05AM")
    "|publisert|publicerad|publiceret|julkaistu|avaldatud|publikováno|megjelent"
)
# (the aliases' other words, "When", "Date", "Megjelent", only as a label with its colon: "When 3 May 2026 comes,
# we vote." closing a story is a sentence; one way only past the word, a colon or blanks, so a run of blanks
# before no date is read once)
_POSTED_LABELS = "|".join(
    sorted(
        {alias for alias, canonical in FIELD_ALIASES.items() if canonical == "published" and alias.isalpha()},
        key=len,
        reverse=True,
    )
)
_POSTED_LINE = re.compile(
    rf"(?i)^(?:(?:(?:{_POSTED_VERBS})(?: on| at| le| el| em| am| il| op)?(?:[ \t]*:[ \t]*|[ \t]+)"
    rf"|(?:{_POSTED_LABELS})[ \t]*:[ \t]*)"
    r"(?P<when>(?:\w{3,9} \d{1,2}, \d{4}|\d{1,2} \w{3,9} \d{4}|\d{4}-\d{2}-\d{2})\b.{0,24})"
    r"|\(?(?P<stamp>[A-Z][a-z]{2,8} \d{1,2}, \d{4} at \d{1,2}:\d{2}[AP]M)\)?)$"
)


def _take_posted_line(lines: list[str], fields: dict[str, str]) -> None:
    """Take the applet's date closing the post ("Posted December 3, 2026 at 02:26PM") into ``published``."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if end and (when := _posted_when(lines[end - 1])) is not None:
        del lines[end - 1 :]
        fields["published"] = when
        while lines and not lines[-1].strip():
            del lines[-1]


def _take_dated_head(lines: list[str], fields: dict[str, str]) -> None:
    """Take the applet's date heading the content ("{{EntryUrl}}" then "{{EntryPublished}}" under the headline)."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and (when := _posted_when(lines[start])) is not None:
        fields["published"] = when
        del lines[: start + 1]


# A writer's name alone on a line: two to four capitalized words ("Casey Lewis", "Ana de la Cruz").
_NAME_LINE = re.compile(r"[A-Z][\w'’.-]+(?:[ \t]+(?:[a-z]{1,3}[ \t]+){0,2}[A-Z][\w'’.-]+){1,3}")
_HEADER_RUN = 3
_NAMED_RUN = 3  # a name, a date and a link ("Breaking News" over a link alone is no writer)
# "by Wen Lu" ("By", "von", "par", "por" lowercase but "By"): not "By Popular Demand", "Door County …"
_BYLINE_LINE = re.compile(
    r"(?:[Bb]y|von|par|por)[ \t]+(?!(?:The|A|An|Popular|Request|Design|Default|Far|Way|Night|Day|Land|Sea|Air)\b)"
    rf"(?P<name>{_NAME_LINE.pattern})"
)


def _take_header_run(lines: list[str], fields: dict[str, str]) -> None:
    """Take the ingredients an owner set one a line under the headline, in any order: the link, the
    applet's date and the writer's name ("Casey Lewis" / "December 11, 2026 at 12:03PM" / "https://…").
    A name is taken only beside a link or a date: alone it may be the story's first line."""
    if (
        lines
        and "author" not in fields
        and (byline := _BYLINE_LINE.fullmatch(lines[0].strip())) is not None
        and ("url" in fields or _LINK_LINE.match(lines[-1]))  # (an applet's post: its link closing it)
    ):
        fields["author"] = byline["name"]  # "by Wen Lu" under the headline: a writer's name said to be one
        del lines[0]
    taken: dict[str, str] = {}
    count = 0
    for line in lines[:_HEADER_RUN]:
        text = line.strip()
        if "url" not in fields and "url" not in taken and (link := _LINK_LINE.match(text)) is not None:
            taken["url"] = link[1]
        elif "published" not in fields and "published" not in taken and (stamp := IFTTT_DATE.fullmatch(text)):
            taken["published"] = stamp.group()
        elif "author" not in fields and "author" not in taken and _NAME_LINE.fullmatch(text) is not None:
            taken["author"] = text
        else:
            break
        count += 1
    if count < 2 or ("author" in taken and len(taken) < _NAMED_RUN):
        return  # one ingredient alone is read by the steps after this one; a name only in the applet's whole run
    fields.update(taken)
    del lines[:count]
    while lines and not lines[0].strip():
        del lines[0]


def _posted_when(line: str) -> str | None:
    """The date an applet's date line gives ("Posted December 3, 2026 at 02:26PM", or IFTTT's date alone)."""
    stamp = _POSTED_LINE.match(line.strip())
    return (stamp["when"] or stamp["stamp"]) if stamp is not None else None


_HEADER_WORDS = 4
_LABEL_WORDS = 2
# (and in square brackets where Korean, Japanese or Chinese words say it is new: "[참여연대 새 글]")
_BRACKETED_HEADER = re.compile(
    r"【(?P<label>[^】]{2,40})】"
    r"|\[(?P<new>[^\]]{1,30}?)\s*(?:새\s*(?:글|게시물|포스트|기사|소식)|新着(?:記事|投稿|動画)?|新文章|新帖子)\]"
)
_BRACKETED_NOTICE = re.compile(
    r"【(?:(?!随時|最新|緊急|速報|続報|本日|記事|情報|一部)[^】]{1,20}"
    r"(?:更新|新着|新規|新文章|新帖|(?i:\b(?:updated?|new)\b))[^】]{0,10}|新着(?:動画|記事|投稿|エピソード))】"
    r"[ \t]*(?P<name>[^\s【】][^【】\n]{0,40})"
)


def _header_over_headline(header: str, second: str, rest: str, *, barred: bool) -> tuple[str, str] | None:
    """The headline and what follows it when a marked header stands over the headline: "<Site> | <Label>"
    of short parts ("🏏 Cricbuzz | Latest"), or a short line of its own over a blank line ("🔥 CAL FIRE
    incident update"); else None ("📰 El Tiempo | <headline>" is site and headline)."""
    if second.count(" ") >= _HEADER_WORDS + (0 if barred else 2) or second.rstrip().endswith((".", "?", "!", ":")):
        return None
    first, _, after = rest.partition("\n")
    if first.strip():
        if not barred and second.count(" ") >= _LABEL_WORDS:
            return None  # an unbarred line is a header only over a blank line, or a label ("🔴 BREAKING NEWS")
        headline, remainder = first, after
    else:
        headline, _, remainder = after.partition("\n")
    if not headline.strip() or _LINK_LINE.match(headline) or len(header) > _MAX_LEAD_CHARS:
        return None
    return headline.strip(), remainder


def _after_notice(first_line: str, rest: str, fields: dict[str, str]) -> tuple[str, str]:
    """The headline line and the rest once an applet's notice is read (the feed it names into ``fields``).

    "🚨 New from CTV News Toronto" directly over the headline, or over a blank line and a headline of one
    line, names the feed; so does the notice's part of "New from Troy Hunt → Weekly Update 482". A notice
    whose name is no publisher ("New in the shop! …") only leaves the headline.
    """
    if (bracketed_name := _BRACKETED_NOTICE.fullmatch(first_line.strip())) is not None:
        # "【Tumblr更新】チラシの裏がわり" over the headline: the label says the feed updated, the name whose it is
        headline, _, after = rest.lstrip("\n").partition("\n")
        if headline.strip() and not _LINK_LINE.match(headline) and not _BLOCK_MARKUP.search(headline):
            fields["feed_title"] = bracketed_name["name"].strip()
            return headline, after
    bare = _LEADING_PICTOGRAPHS.sub("", first_line.strip()).lstrip(_LEAD_MARKS)
    marked = bare != first_line.strip()
    if (bracketed := _BRACKETED_HEADER.fullmatch(bare)) is not None:
        marked, bare = True, (bracketed["label"] or bracketed["new"]).strip()  # "【HikakinTV 新着動画】": a header
    titled = (
        _NOTICE_TITLED.match(bare)
        or _NAME_THEN_NEW.match(bare)
        or ((_NOUN_TITLED.match(bare) or _MARKED_TITLED.match(bare)) if marked else None)
    )
    label = titled["title"] if titled is not None else bare  # "🔥 CAL FIRE incident update" is a header whole
    if (
        marked
        and any(char.isalnum() for char in bare)  # a mark alone (" -") heads nothing
        and (titled is not None or _NOTICE.match(bare) is None)
        and (header := _header_over_headline(bare, label, rest, barred=titled is not None or bracketed is not None))
        is not None
    ):
        # "🟠 The Tribune | Punjab" or "🇰🇪 BREAKING | Citizen Digital" over a blank line and the headline: a
        # header of the site and a label, both sides short; the publisher's cleaner tells which side is whose.
        fields["feed_title"] = bare.strip()
        return header
    if titled is not None:
        name = _OUT_AFTER_NAME.sub("", titled["name"].strip().rstrip(_LEAD_MARKS))
        if name[:4] == "the " and name[4:5].isupper():
            name = name[4:]  # "New in the LRB: …" names the LRB ("New on The Point: …" The Point); "the shop" nothing
        if (elided := _ELIDED.match(name)) is not None and name[elided.end() : elided.end() + 1].isupper():
            name = name[elided.end() :]  # "Nou a l'Ara: …" names the Ara, as "New in the LRB" the LRB
        name = _CASE_ENDING.sub("", name)  # "Friss a 24.hu-n: …" names 24.hu
        # (a capital "The" opens a name, as mid-line it only does: "New on The Point", not "New in the shop";
        # "Our Blog" names no one in any case)
        lead = name.split(" ", 1)[0]
        named = bool(name) and lead != "the" and lead.casefold() not in _NOT_NAMES and not _ELIDED.match(name)
        if named:
            fields["feed_title"] = name
        if named or titled.groupdict().get("mark") == "!":  # "New from the lab: …" is a headline whole
            return titled["title"].strip(), rest
        if _OWN_MEDIUM.match(name):
            return titled["title"].strip(), rest  # "new on my tumblr (zmagg): …": the owner's own, named by the link
    said = bare.rstrip(": ")
    exclaimed = said.endswith("!")  # "New episode from Canadaland!": a name the owner exclaims
    notice = _NOTICE.match(said.rstrip("!").rstrip()) or _POSTED_NOTICE.match(bare)  # "New on the IPCC website:"
    groups = notice.groupdict() if notice else {}
    noticed = next((groups[key] for key in ("name", "whose", "of", "fresh", "poster", "live") if groups.get(key)), "")
    if notice is None or any(mark in noticed.rstrip("?") for mark in ":!?"):  # ("Am I Stronger Yet? has a new post")
        return first_line, rest
    body = rest.strip()
    headline, _, after = body.partition("\n")
    if groups.get("poster") and (_BLOCK_MARKUP.search(headline) or _SENTENCES.search(headline)):
        # "George Takei posted on Mastodon:" over the post, in markup or in sentences ("TanStack DB 1.0 is here.
        # Thank you to everyone who …"): an untitled post by the one it names
        fields["feed_title"] = noticed.strip()
        return "", rest
    if (
        not headline.strip()
        or _LINK_LINE.match(headline)
        or (
            rest.partition("\n")[0].strip() == ""
            and after[:1] not in ("", "\n")
            and not _LINK_LINE.match(after.partition("\n")[0])  # the headline's own link may stand under it
        )
    ):
        # (Over a blank line, only a headline of one line standing alone: "New from the lab: …" over its text
        # is the headline itself.)
        return first_line, rest
    name = _PICTOGRAPHS.sub("", noticed).strip().rstrip(_LEAD_MARKS)  # "New preprint on PsyArXiv 📄"
    if exclaimed and _CARD_NAME.fullmatch(name) is None:
        return first_line, rest  # "New in the shop!" names no one
    name = _SITE_WORDS.sub("", _OUT_AFTER_NAME.sub("", name))  # "the IPCC website" names the IPCC
    if name[:4] == "the " and name[4:5].isupper():
        name = name[4:]  # "New on the Galway Advertiser" names the Galway Advertiser
    if not _ELIDED.match(name):
        fields["feed_title"] = name
    return headline, after


# Two sentences or more: a post's text, not a headline ("TanStack DB 1.0 is here. Thank you to …").
_SENTENCES = re.compile(r"\w[.!?]\s+\S.{8,}")
# The owner's sign-off closing a post: "(IFTTT)", "— sent by my IFTTT applet", "Posted automatically via IFTTT".
_SIGN_OFF = (
    r"(?:(?:sent|posted|shared|published|forwarded)(?: automatically)? (?:by|via|with|from|through) (?:my |an? |the )?"
    r"|via )?"
    r"IFTTT(?: applet)?"
)
_SIGNATURE = re.compile(rf"[(\[—–-]*\s*{_SIGN_OFF}[)\].!]*", re.IGNORECASE)
_SIGNED_LINK = re.compile(rf"(?P<link>https?://\S+)\s+[—–-]\s+{_SIGN_OFF}[.!]*\s*$", re.IGNORECASE)
_FROM_VIA_IFTTT = re.compile(r"(?i)from:?[ \t]+(?P<name>(?-i:[A-Z0-9])[^:/<>\n]{0,59}?)[ \t]+via[ \t]+IFTTT[.!]?")
_BREAKS_ONLY = re.compile(r"(?i)(?:<br[ \t]*/?>[ \t]*)+")
_FLAGS = re.compile(r"[\U0001F1E6-\U0001F1FF]{2}")
_HEADER_MAX_WORDS = 10
_HEADLINE_MAX_WORDS = 25


# The owner's words after a notice's name that the item is out: "New episode of Figuring Out is live!".
_OUT_AFTER_NAME = re.compile(r"(?i)(?<=\S)\s+(?:is (?:live|out|here)|just (?:dropped|landed|published|posted))$")


def _over_headline(first_line: str, rest: str) -> tuple[str, str] | None:
    """The headline and what follows it when the first line is the owner's header over it: a line that
    ends with a colon ("🌍 Neues Erdbeben (GEOFON):"), one marked by a pictograph ("SEBI press release 📄"),
    or an exclamation over a blank line ("On the Media just dropped a new episode!"), over a line that
    ends no sentence and is no link; None otherwise.
    """
    header = first_line.strip()
    bare = _FLAGS.sub("", _PICTOGRAPHS.sub("", header)).strip()  # "Sky News Australia update 🇦🇺"
    if not bare or bare.count(" ") >= _HEADER_MAX_WORDS or bare.endswith("."):
        return None
    head, _, after = rest.partition("\n")
    blank = not head.strip()
    if blank:
        head, _, after = after.partition("\n")
    exclaimed = bare.endswith("!") and blank
    if not (bare.endswith(":") or exclaimed or bare != header):
        return None
    headline = head.strip()
    if (
        not headline
        or headline.endswith((".", ":"))
        or headline.count(" ") >= _HEADLINE_MAX_WORDS
        or _LINK_LINE.match(headline)
        or _BLOCK_MARKUP.search(headline)
        or _SIGNATURE.fullmatch(headline)
        or _BYLINE_LINE.fullmatch(headline)  # "📰 <headline>" over "by Wen Lu": the byline is no headline
    ):
        return None
    return headline, after


def _plain_header(first_line: str, rest: str) -> tuple[str, str] | None:
    """The headline and what follows it when an unmarked line names the feed over it ("{{FeedTitle}}" over
    "{{EntryTitle}}", "{{EntryUrl}}" and "{{EntryPublished}}"): two lines that end no sentence, the first the
    shorter, directly over a link line and the applet's date (in either order); None otherwise (a title over a
    subtitle and its link stays the title)."""
    header = first_line.strip()
    headline, _, after = rest.partition("\n")
    under = [line.strip() for line in after.split("\n", 2)[:2]]
    headline = headline.strip()
    if len(under) < 2 or not headline or len(header) >= len(headline):
        return None
    if not any(_LINK_LINE.match(a) and _POSTED_LINE.match(b) for a, b in (under, under[::-1])):
        return None
    for line, words in ((header, _HEADER_MAX_WORDS), (headline, _HEADLINE_MAX_WORDS)):
        if (
            line.count(" ") >= words
            or line.endswith((".", ":", "!", "?", "。"))
            or _LINK_LINE.match(line)
            or _POSTED_LINE.match(line)
            or _BLOCK_MARKUP.search(line)
        ):
            return None
    return headline, after


_WORD_CHAR = re.compile(r"[^\W_]")
# A line wrapped whole in Markdown's emphasis: "*Samsung starts rolling out …*", "**…**", "_…_".
# A news outlet's name in brackets before the headline, as Korean, Japanese and Chinese feeds' applets write it
# ("[서울신문] 서울시, …", "【中日新聞】…"), or with "更新" (updated) and a colon ("神戸新聞NEXT更新: …"): a name that
# ends with a word for a paper, a news service or an agency (a label, "[단독]", "【速報】", stays the headline's).
_OUTLET_WORD = (
    r"(?:신문|일보|뉴스|경제|新聞|新闻|日報|日报|ニュース|通信|通讯|時報|时报|NEXT|News|Times|Post|Herald|Tribune|Gazette"
    r"|Journal|Press)"
)
# (never a section's label: "[포토뉴스]", "[카드뉴스]", "【動画ニュース】", "[New Post]", "[Weekly News]")
_SECTION_LEAD = re.compile(
    r"^(?:포토|카드|영상|동영상|연예|사진|속보|단독|정치|사회|국제|스포츠|動画|写真|速報|图片|视频|圖片|視頻)"
)
# The words of a label in Latin letters ("[New Post]", "[Weekly News]", "[Breaking News]"): a name of these and
# "News" or "Post" alone is a label; one with "Times", "Herald" or another masthead word is a paper's.
_SECTION_LABEL_WORDS = frozenset(
    {"new", "guest", "sponsored", "blog", "weekly", "daily", "monthly", "good", "bad", "breaking", "tech", "company"}
    | {"latest", "top", "local", "world", "business", "sport", "sports", "fake", "featured", "trending", "hot"}
    | {"recent", "partner", "member", "paid", "video", "photo", "audio", "news", "post"}
)
_BRACKETED_OUTLET = re.compile(
    rf"^(?:[\[【](?P<name>[^\]】\s][^\]】]{{0,28}}?{_OUTLET_WORD})[\]】]\s*"
    rf"|(?P<updated>[^\s:：]{{1,28}}?{_OUTLET_WORD})\s?更新\s*[:：]\s*)(?P<title>\S.{{3,}})$"
)


def _outlet_lead(title: str) -> re.Match[str] | None:
    """An outlet's name before the headline (:data:`_BRACKETED_OUTLET`) that is a name: not a section's label
    ("[포토뉴스]", "[New Post]", "[Weekly News]"), and in Latin letters two words at least ("[Business Times]")."""
    found = _BRACKETED_OUTLET.match(title)
    if found is None:
        return None
    name = found["name"] or found["updated"]
    words = name.casefold().split()
    labelled = len(words) < 2 or all(word in _SECTION_LABEL_WORDS for word in words)
    if _SECTION_LEAD.match(name) or (name.isascii() and labelled):
        return None
    return found


_EMPHASIZED = re.compile(r"(?P<mark>[*_]{1,2})(?P<inner>[^*_\s][^*_]* [^*_]*[^*_\s])(?P=mark)")  # ("_why_" is a name)
_QUOTES = {"“": "”", "«": "»", "‘": "’", '"': '"', "„": "“", "「": "」"}


# What an applet's owner says before an item's title, that it is new, in the languages and the word orders the notices
# above do not read: Urdu "نئی خبر:", Arabic "أخبار جديدة:", Nepali "उकेरामा नयाँ समाचार:", Swahili "Taarifa mpya
# kutoka …", Japanese "…の新しい動画が出ました →". English's and its neighbours' "new" only ends the lead, after the
# owner's pictograph ("Huawei newsroom 📡 New:"): "New study: …" is a headline, and "New post from …" the notices'
# above.
_NEW_WORD = r"(?:yeni|baru|mới|mpya|sabon|sabuwar|جديد|جديدة|جدید|نئی|نیا|نئے|تازه|नयाँ|नया|नई|नए|নতুন|புதிய|కొత్త|ใหม่)"
# ... beside a noun for a news item or a post in the same language ("خبر", "समाचार", "taarifa", "haber"): "नई दिल्ली:"
# (New Delhi), "Yeni asgari ücret belli oldu:", "Rekor baru:" are headlines.
_NEWS_NOUN = (
    r"(?:خبر|خبرها|اخبار|أخبار|مطلب|مقال|مقالة|فيديو|ویدیو|ویڈیو|समाचार|खबर|ख़बर|लेख|वीडियो|সংবাদ|খবর|செய்தி"
    r"|వార్త|ข่าว|taarifa|habari|makala|video|haber|yazı|bölüm|berita|artikel|tin|bài|labari|sanarwa)"
)
_NEW_ELSEWHERE = re.compile(
    rf"(?i)(?<!\w)(?:{_NEW_WORD}\s+{_NEWS_NOUN}|{_NEWS_NOUN}\s+{_NEW_WORD})(?!\w)|新しい(?:動画|記事|投稿)|新着"
    r"|(?<!を)更新しました$"  # "Tumblr更新しました": the owner's blog is updated ("価格表を更新しました" is news)
)
# "New" ending the lead after the owner's pictograph: "Huawei newsroom 📡 New:" ("Brand new:", "What's new" are
# headlines' words)
_ENDS_NEW = re.compile(rf"(?i)[{PICTOGRAPHS}]\uFE0F?[ \t]*{_NEW_WORDS}[ \t]*$")
# Or that it is out or live, after the name it gives or before all ("SMEX just published:", "GRONKH ist live!",
# "ZEvent est en live sur Twitch !", "Acaba de salir en FayerWayer 👉"; English's "is out", "is live", "just
# dropped" are headlines' words: "Biden is out: …", "Windows 11 is live: …").
_SAID_OUT = re.compile(
    r"(?i)^(?:(?P<name>.{1,60}?)\s+)?(?:just (?:published|posted)|ist live"
    r"|est en live|está en vivo|está ao vivo|acaba de (?:salir|publicar)|acabou de sair)"
    r"(?:\s+(?:on|sur|auf|en|em|na|su)\s+\S+)?(?(name)$|(?=\s|$))"
)
# Turkish says whom it is from with a suffix on the name: "Tele1'den son dakika 🔴", "BirGün'den yeni haber:".
_LINE_LINK = re.compile(r"https?://\S{1,2000}")
_FROM_SUFFIXED = re.compile(
    r"(?i)^(?P<name>[^\W\d_][^\s'’]{0,30}(?:\s+[^\s'’]{1,30}){0,3}?)['’][dt][ae]n\s+"
    r"(?:son\s+dak[iİı]ka|yeni\s+(?:haber|yazı|video|bölüm))$"
)
# "New <name>" and breaking news "at <name>", where the name spells the link's host: "🐦 New False Knees: Power Line"
# (falseknees.com), "Última hora al Diari d'Andorra: …" (diariandorra.ad); "New York: …" is a headline's own.
_NAMED_LEAD = re.compile(
    r"(?i)^(?:(?P<new>new|neue?[rs]?|nouveau|nouvelle|nuev[oa]|nov[oa]|nuov[oa])"
    r"|(?:breaking(?: news)?|última hora|ultima hora|dernière minute|ultim['’]ora|eilmeldung|urgente)"
    r"\s+(?:from|at|al|sur|chez|bei|auf|von|dal|(?P<in>in|en)))"  # ("Breaking news in Chicago": a place's)
    r"\s+(?P<name>(?-i:[A-Z0-9])[^:!?]{0,40}?)$"
)
# A name that "has published", in the Romance languages, where the name spells the link's host: "Europa FM a publicat:"
# (europafm.ro); "Guvernul a publicat: lista școlilor …" is a headline.
_PUBLISHED_LEAD = re.compile(
    r"^(?P<new>)(?P<in>)(?P<name>(?-i:[A-Z0-9])[^:!?]{0,40}?)"
    r"\s+(?:a publicat|ha publicado|a publié|ha pubblicato|publicou)$"
)
# Where such a lead ends: a colon, an arrow, a pictograph or a flag, an exclamation mark.
_ANNOUNCED_END = re.compile(
    r"[ \t]*(?::[ \t]+|：[ \t]*)|[ \t]+(?:[→»➡]|[\U0001F1E6-\U0001F1FF]{2})[ \t]*"
    # (a pictograph spaced from the lead, or right after a lead in Japanese or Chinese: "Tumblr更新しました📝 <title>")
    r"|(?<=[\u3040-\u30ff\u3400-\u9fff])[" + PICTOGRAPHS + r"]\uFE0F?[ \t]+"
    r"|[ \t]+[" + PICTOGRAPHS + r"]\uFE0F?[ \t]*"
    # (Japanese sets its lead in lenticular brackets, no space after: "【電ファミ新着】<title>")
    r"|(?<=】)"
    r"|[ \t]*[!！][ \t]+"
)
_ANNOUNCED_LEAD_CHARS = 80
_ANNOUNCED_LEAD_WORDS = 7
_NAME_WORDS_AT_MOST = 5


def _announced_title(line: str) -> tuple[str, str | None] | None:
    """The rest of the line after an owner's lead announcing the item, and the name the lead gives (see
    :data:`_NEW_ELSEWHERE`, :data:`_SAID_OUT`); None where no such lead opens it."""
    for end in _ANNOUNCED_END.finditer(line, 0, _ANNOUNCED_LEAD_CHARS):
        lead, title = line[: end.start()], line[end.end() :].strip()
        if len(lead.split()) > _ANNOUNCED_LEAD_WORDS or len(title.split()) < 2:
            continue
        bare_lead = _LEADING_PICTOGRAPHS.sub("", lead.strip())
        suffixed = _FROM_SUFFIXED.match(bare_lead)
        linked = _LINE_LINK.search(line)
        if suffixed is not None and not (linked and spells_host(suffixed["name"], linked.group())):
            suffixed = None  # "Meteoroloji'den son dakika:" is news from the weather office, no feed's name
        named = _NAMED_LEAD.match(bare_lead) or _PUBLISHED_LEAD.match(bare_lead)
        # (a bare "New <name>" only after the owner's pictograph, over a capitalized title: "New Firefox: what
        # changed" on firefox.com is the maker's headline)
        owned = named is not None and (not named["new"] or (bare_lead != lead.strip() and title[:1].isupper()))
        # (breaking news "in" a name of two words or more: "Última hora en Diario de Almería", not "in Chicago")
        owned = owned and (named is None or not named["in"] or len(named["name"].split()) >= 2)
        if named is not None and owned and linked and spells_host(named["name"], linked.group()):
            return title, named["name"].strip()
        if suffixed is None and (_NEW_ELSEWHERE.search(lead) is not None or _ENDS_NEW.search(lead) is not None):
            return title, None
        out = suffixed or _SAID_OUT.match(bare_lead)
        if out is None:
            continue
        name = (out["name"] or "").strip()
        words = name.split()
        if not name or (
            len(words) <= _NAME_WORDS_AT_MOST
            and all(word[:1].isupper() or word[:1].isdigit() for word in words)
            and not _SAYS_NEW.match(name)
        ):
            return title, name or None
    return None


def _unquoted(title: str) -> str:
    """A notice's headline the applet wrapped in quotes, without them and the few words pointing on after them:
    “The web’s slow years …”, “<title>” Léanla acá:, « <title> » (Just Chatting); not a byline after them."""
    close = _QUOTES.get(title[:1])
    at = title.find(close, 1) if close else -1
    inner, tail = title[1:at], title[at + 1 :].strip()
    if (
        close
        and at > 0
        and title[:1] not in inner
        and _WORD_CHAR.search(inner)
        and (not tail or (title[at + 1] in " \t—–-(" and _pointing_tail(tail) and close not in tail))
    ):
        return inner.strip()
    return title


def _pointing_tail(tail: str) -> bool:
    """A few words after a quoted headline that point at the link or name its kind ("Léanla acá:", "(Just
    Chatting)", "—"), not a credit ("by Leah Okafor", "– Kate Smith") nor a sentence."""
    words = tail.lstrip("—–-( ").split()
    named = tail[:1] in "—–-" and bool(words) and all(word[:1].isupper() for word in words)  # "– Kate Smith"
    return (
        len(tail) <= _TAIL_CHARS
        and len(words) <= _TAIL_WORDS
        and _BY.match(tail.lstrip("—–-( ")) is None
        and not named
        and not tail.endswith((".", "?"))
    )


_TAIL_WORDS = 4
_TAIL_CHARS = 40
_BY = re.compile(r"(?i)(?:by|von|par|por|di|door|av|af)\s")


# Words that start a phrase, not a name: "New in the shop!", "Nova notícia de l'Ajuntament" (the elided
# article of a Romance language: which council is not said).
_NOT_NAMES = frozenset({"my", "our", "a", "an", "your"})
# The owner's own medium a notice names ("my tumblr (zmagg)", "our blog", "my Substack"): no name, but a notice.
_OWN_MEDIUM = re.compile(
    r"(?i)(?:my|our) (?:\w+ ){0,2}?(?:blog|site|website|tumblr|substack|newsletter|channel|podcast|page|feed"
    r"|youtube|instagram|medium|journal)\b"
)
# The owner's own medium named with an article or none: "no blog", "on the channel", "sul canale".
_OWNERS_MEDIUM = re.compile(
    r"(?i)(?:(?:the|my|our|o|a|el|la|il|le|meu|nosso|mi|nuestro)\s+)?"
    r"(?:blog|site|website|canal|channel|canale|chaîne|kanal|podcast)"
)
_ELIDED = re.compile(r"(?i)^(?:l|d|dell|dall|nell|all|sull)['’]")
# A case ending hyphenated onto a domain, as Hungarian and Finnish write it: "a 24.hu-n" ("on 24.hu"), "Yle.fi:ssä".
_CASE_ENDING = re.compile(r"(?<=\.[a-z]{2})(?:-(?:n|on|en|ön|ról|ről|ra|re)|:(?:ssä|ssa|stä|sta|n))$", re.IGNORECASE)


# (linear: the text runs greedily to the break, its trailing blanks stripped after; a lazy text before "[ \t]*"
# retried every split of a run of blanks)
_BROKEN_LINE = re.compile(r"(?P<text>[^<>\n]*)<br[ \t]*/?>[ \t]*", re.IGNORECASE)


_UNBROKEN_LINES = 6


def _unbroken_head(text: str) -> str:
    """The post with the ``<br>`` closing each of its first lines of plain text taken off: an owner's e-mail
    style template sets each ingredient on a line ending in a break ("<title><br>", "<date><br>")."""
    lines = text.split("\n", _UNBROKEN_LINES)
    head = 0
    while head < min(len(lines), _UNBROKEN_LINES) and (broken := _BROKEN_LINE.fullmatch(lines[head])) is not None:
        lines[head] = broken["text"].rstrip(" \t")
        head += 1
    # only a template's head: a link or the applet's date among its first lines ("Dear readers,<br>" opens a letter)
    if not head or not any(_LINK_LINE.match(line) or IFTTT_DATE.fullmatch(line.strip()) for line in lines[:head]):
        return text
    return "\n".join(lines)


def _noticed_post(notice: str, markup: str) -> _Reading | None:
    """An applet's notice over a post in markup, with no title between them ("Nieuwe toot van Stadsimkers Haarlem:
    <p>…</p> (https://…)", "🐘 Neuer Toot von Gargron:" over "<p>…</p>"): a toot has none. The notice names the
    feed, the markup is the content, a link in brackets closing it the post's own."""
    bare = _LEADING_PICTOGRAPHS.sub("", notice.strip()).strip()
    if not bare.endswith((":", "：")) or _UNTITLED_NOTICE.match(bare) is None:
        return None  # "New post from The Verge: Apple unveils iPhone 17 <p>…": a title before the markup
    bare = bare.rstrip(" :：")
    named = _NOTICE.match(bare)
    if named is None or (name := named["name"].strip()).split(" ", 1)[0].casefold() in _NOT_NAMES:
        return None
    fields = {"feed_title": name}
    if (closing := _BRACKETED_CLOSING_LINK.search(markup) or _CLOSING_LINK_LINE.search(markup)) is not None:
        fields["url"], markup = closing["url"], markup[: closing.start()]
    fields["content"] = markup.strip()
    return fields, "text-post"


# A notice of a post that has no title: a toot, a skeet, a status ("New toot from Fern:", "Neuer Toot von …:").
_UNTITLED_NOTICE = re.compile(rf"(?i)^{_NEW_WORDS}\s+(?:toot|skeet|status|tröt|note|notiz)\b[^:：]*[:：]$")
_BRACKETED_CLOSING_LINK = re.compile(r"\s\((?P<url>https?://[^\s()]{1,2000})\)\s*$")
_CLOSING_LINK_LINE = re.compile(r"\n[ \t]*(?P<url>https?://[^\s<>]{1,2000})\s*$")


def _read_text_post(text: str) -> _Reading | None:
    """A rendered post: the headline line, then the rest as content (the normalizer cleans it).

    A post whose first line already holds block markup (a whole post on one line) is all content: the
    normalizer finds its headline. A link ending the headline line, or alone on the line after it or on
    the last line, is the item's link.
    """
    if text.startswith("{"):
        return None
    first_line, _, rest = _unbroken_head(text).partition("\n")
    if _BLOCK_MARKUP.search(first_line):
        lead = first_line.partition("<")[0]
        return _noticed_post(lead, text[len(lead) :]) or ({"content": text}, "text-post")
    fields: dict[str, str] = {}
    read_line, rest = _after_notice(first_line, rest, fields)
    if read_line == first_line and (announced := _announced_title(first_line)) is not None:
        read_line = announced[0]  # "نئی خبر: <title>", "SMEX just published: “<title>” → https://…"
        if announced[1]:
            fields["feed_title"] = announced[1]
    if (
        read_line != first_line
        and _BLOCK_MARKUP.search(read_line)
        and (untitled := _noticed_post(first_line, f"{read_line}\n{rest}"))
    ):
        return untitled
    if read_line == first_line and (over := _over_headline(first_line, rest)) is not None:
        read_line, rest = over
    elif read_line == first_line and (plain := _plain_header(first_line, rest)) is not None:
        (read_line, rest), fields["feed_title"] = plain, first_line.strip()
    noticed = read_line != first_line  # a notice or a header over the headline: the applet may quote the headline
    first_line = read_line
    if (bracketed := _BRACKETED_LINK.match(first_line.strip())) is not None:
        first_line, fields["url"] = bracketed["title"], bracketed["url"]
    elif not rest.strip() and (linked := _LINK_THEN_TOLD.match(first_line.strip())) is not None:
        first_line, fields["url"], rest = linked["title"], linked["url"], linked["summary"]
    elif (ends_with_link := _TRAILING_LINK.match(first_line.strip())) is not None:
        first_line, fields["url"] = ends_with_link["title"], ends_with_link["url"]
        if (via := ends_with_link["via"]) and "feed_title" not in fields and _via_feed(via, ends_with_link):
            fields["feed_title"] = via.strip()  # "<title> → https://… vía El Siglo de Torreón"
        if (when := ends_with_link["when"]) and (credit := _CREDIT.fullmatch(when.strip())) is not None:
            # "… https://… (by Lance Hornby)", "(posted by Lamin Jobe, November 30, …)", "(Keith Cowing, <date>)"
            fields.setdefault("author", (credit["who"] or credit["name"]).strip())
            if credit["when"]:
                fields["published"] = credit["when"]
        elif when:
            # "(posted December 9, 2026 at 07:30AM)": the applet's date, whatever word labels it
            fields["published"] = stamp.group() if (stamp := IFTTT_DATE.search(when)) else when
        elif (dated := _DATED_TITLE.match(first_line)) is not None:
            first_line, fields["published"] = dated["title"], dated["when"]  # "<title> (<date>) https://…"
        first_line = _without_pointer(_LINK_LABEL.sub("", first_line))  # "… Read it here https://…": the link's
        if (poster := _POSTER_AFTER_TITLE.match(first_line)) is not None:
            first_line = poster["title"]  # "<title> (posted by /u/kopi_siew_dai) https://…": who posted it
            fields.setdefault("author", poster["who"].strip())
        told = _TOLD_AFTER_DASH.match(first_line) if not rest.strip() else None
        if told is not None and (told["mark"] != "|" or len(told["title"].split()) >= _BARRED_TITLE_WORDS):
            # "<title> — <its summary, a sentence or two>." on one line: the summary is the content
            first_line, rest = told["title"], told["summary"]
    if "feed_title" in fields or noticed:
        first_line = _unquoted(first_line.strip())  # the notice's headline, quoted by the applet
    lines = rest.strip().split("\n") if rest.strip() else []
    # "(IFTTT)", "— sent by my IFTTT applet" closing the post: the owner's sign-off stays the content's last
    # line (the normalizer drops it) and the line before it is the post's last ("▶️ https://… — posted …" too).
    signed: list[str] = []
    while lines and (_SIGNATURE.fullmatch(lines[-1].strip()) or not lines[-1].strip()):
        signed.insert(0, lines.pop())
    if lines and (from_feed := _FROM_VIA_IFTTT.fullmatch(lines[-1].strip())) is not None:
        fields.setdefault("feed_title", from_feed["name"])  # "From: After School via IFTTT": the feed, signing off
        del lines[-1]
        while lines and (not lines[-1].strip() or _BREAKS_ONLY.fullmatch(lines[-1].strip())):
            del lines[-1]
    if lines and (link_signed := _SIGNED_LINK.search(lines[-1])) is not None:
        lines[-1], signed = lines[-1][: link_signed.end("link")], [lines[-1][link_signed.end("link") :], *signed]
    if lines and _HASHTAG_LINE.fullmatch(lines[-1].strip()):
        del lines[-1]  # the owner's hashtags closing the post: "#Punjab #Agriculture"
        while lines and not lines[-1].strip():
            del lines[-1]
    _take_posted_line(lines, fields)
    for at in (-1, 0) if lines and "url" not in fields else ():
        # "Read more at Mint: URL" closing the post, or "Read: URL" under its headline
        if (labelled := _LABELLED_LINK.match(lines[at].strip())) is not None:
            fields["url"] = labelled["url"] or labelled["bare_url"]
            if labelled["name"] and "feed_title" not in fields:  # "Read more at Mint: URL" names the site
                fields["feed_title"] = labelled["name"].strip()
            del lines[at]
            break
    if (
        lines
        and "url" not in fields
        and (labelled := _SHORT_LABEL_LINK.match(lines[-1].strip())) is not None
        and not _CONTACT_LABELS.intersection(labelled["label"].casefold().split())
        and PICTURE_FILE.search(labelled["url"]) is None
        and _PROFILE_PATH.search(labelled["url"]) is None
    ):
        fields["url"] = labelled["url"]  # "Jetzt anhören: URL", "À lire ici 👉 URL": a few words over the link
        del lines[-1]
    _take_header_run(lines, fields)
    if lines and "url" not in fields and (link_line := _LINK_LINE.match(lines[0])) is not None:
        fields["url"] = link_line[1]  # the link alone on the line under the headline
        del lines[0]
        if "published" not in fields and (dated := _DATED_TITLE.match(first_line.strip())) is not None:
            first_line, fields["published"] = dated["title"], dated["when"]  # "<title> (<date>)" over its link
    sourced = _SOURCE_LINK.match(lines[-1].strip()) if lines and "url" not in fields else None
    if sourced is not None and sourced["label"].casefold() in _SOURCE_LABELS:
        fields["url"] = sourced["url"]  # "Source: MIA https://…" closing the post
        fields.setdefault("feed_title", sourced["name"].strip())
        del lines[-1]
    if lines and "url" not in fields and (link_line := _LINK_LINE.match(lines[-1])) is not None:
        fields["url"] = link_line[1]  # or on the post's last line
        del lines[-1]
    if "url" not in fields and len(lines) >= 2:
        # "https://ift.tt/… / via RNZ News": the item's link, then the feed it came from.
        via, link_line = _VIA_LINE.match(lines[-1].strip()), _LINK_LINE.match(lines[-2])
        if via is not None and link_line is not None and via["name"].strip().casefold() != "ifttt":
            fields["url"], fields["feed_title"] = link_line[1], via["name"].strip()
            del lines[-2:]
    if lines and "feed_title" not in fields and "url" in fields and (via := _VIA_NAME.match(lines[-1].strip())):
        fields["feed_title"] = via["name"]  # "via SamMobile" closing the post: the feed it came from
        del lines[-1]
        while lines and not lines[-1].strip():
            del lines[-1]
    if "published" not in fields:
        _take_posted_line(lines, fields)  # the date over the link line that closed the post
    if "published" not in fields and "url" in fields:
        _take_dated_head(lines, fields)  # the date under the headline's link
    fields["title"] = first_line.strip()
    if (
        by := _BY_AUTHOR.match(fields["title"])
        or _QUOTED_BY.match(fields["title"])
        or _BY_REDDITOR.match(fields["title"])
    ) is not None:
        fields["title"], fields["author"] = by["title"], by["name"]  # "<title> (by X)", "‘<title>’ by X"
    elif "feed_title" in fields and "url" in fields and (by := _BY_NAME_END.match(fields["title"])) is not None:
        # "New on HumbleDollar: <title> by X https://…", "<title>, by X" (the comma goes with the byline)
        fields["title"], fields["author"] = by["title"].removesuffix(","), by["name"]
    title = _LEADING_PICTOGRAPHS.sub("", fields["title"])  # "🍗 New Tasting History episode: …"
    if (emphasized := _EMPHASIZED.fullmatch(fields["title"])) is not None:
        fields["title"] = title = emphasized["inner"]  # "*<title>*": the owner's Markdown emphasis
    if "feed_title" not in fields and (marked := _MARKED_UPLOAD.match(title)) is not None:
        # "**Dr. Becky** uploaded **<title>** at <date>:": a chat notice with the title set off (Discord's Markdown)
        name = marked["name"]
        fields["feed_title"] = name[2:-2] if name.startswith("**") else name
        if name.startswith("**"):  # a chat notice's channel, set off: who uploaded the video ("Radiohead released …"
            fields.setdefault("author", fields["feed_title"])  # names a subject, no uploader)
        fields["title"] = title = marked["title"][1:-1].strip("*")
        if marked["when"]:
            fields.setdefault("published", marked["when"])
    if "feed_title" not in fields and (reddited := _REDDITOR_POSTED.match(title)) is not None:
        fields["title"] = title = reddited["title"]
        fields["author"] = reddited["author"]
        fields["feed_title"] = reddited["name"].lstrip("/")
    if "feed_title" not in fields and (
        posted := _POSTED_LEAD.match(title)
        or _DROPPED.match(title)
        or _FRESH.match(title)
        or _NAMED_NOTICE.match(title)
        or _FROM.match(title)
        or _DONE_ON.match(title)
        or _PUBLISHED_QUOTED.match(title)
        or _ON_PLATFORM.match(title)
        or _outlet_lead(title)
    ):
        # "SCOTUSblog just posted: <title>": an applet's own words name the feed before the title.
        name = (posted["name"] or posted.groupdict().get("updated") or "").strip()
        emphasized_name = _EMPHASIZED.fullmatch(name)  # "**First We Feast** uploaded a new video: …"
        if name:
            fields["feed_title"] = emphasized_name["inner"] if emphasized_name else name
        fields["title"] = _unquoted(posted["title"].strip())
    if content := "\n".join(lines + signed if lines else signed).strip():
        fields["content"] = content
    if not fields["title"]:
        del fields["title"]  # an untitled post: the normalizer heads it from its text
    return fields, "text-post"
