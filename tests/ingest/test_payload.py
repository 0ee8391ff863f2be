"""Tests of app.ingest.payload: fixture bodies, hostile bodies and round-trip properties."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import re
import sys
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from app.errors import PayloadError
from app.ingest import brokenjson as brokenjson_module
from app.ingest import cards as cards_module
from app.ingest import charset as charset_module
from app.ingest import credits as credits_module
from app.ingest import fields as fields_module
from app.ingest import owned as owned_module
from app.ingest import payload as payload_module
from app.ingest.payload import FIELD_ALIASES, Payload, parse_payload

FIXTURES = Path(__file__).parent / "fixtures" / "payload"
JSON, FORM, TEXT = "application/json", "application/x-www-form-urlencoded", "text/plain"

# No example database: it would write a .hypothesis directory into the shared tree.
PROPERTY = settings(max_examples=60, deadline=None, database=None)


# --- fixture cases ----------------------------------------------------------------------------
#
# Each case is a body file (`<name>.json|.form|.txt`) beside `<name>.expected.json`:
#   {"content_type": declared type, "other_content_types": [wrong or missing types],
#    "form": ..., "fields": {...}}   or   {..., "error": "text the PayloadError must contain"}
# Every case must give the same answer under its declared type and under each of the others.


def _fixture_params() -> list[Any]:
    params = []
    for expected_path in sorted(FIXTURES.glob("*.expected.json")):
        name = expected_path.name.removesuffix(".expected.json")
        (body_path,) = (p for p in FIXTURES.glob(f"{name}.*") if p != expected_path)
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        for content_type in [expected["content_type"], *expected["other_content_types"]]:
            params.append(pytest.param(body_path.read_bytes(), content_type, expected, id=f"{name}@{content_type}"))
    return params


@pytest.mark.parametrize(("body", "content_type", "expected"), _fixture_params())
def test_fixture(body: bytes, content_type: str | None, expected: dict[str, Any]) -> None:
    if "error" in expected:
        with pytest.raises(PayloadError, match=re.escape(expected["error"])):
            parse_payload(body, content_type)
        return
    result = parse_payload(body, content_type)
    assert dict(result.fields) == expected["fields"]
    assert result.form == expected["form"]


def test_fixtures_cover_every_form_and_both_errors() -> None:
    expectations = [json.loads(p.read_text(encoding="utf-8")) for p in FIXTURES.glob("*.expected.json")]
    forms = {e["form"] for e in expectations if "form" in e}
    assert forms == {"json", "json-lenient", "form", "form-lenient", "text-fields", "text-post"}
    assert {e["error"] for e in expectations if "error" in e} == {"not valid UTF-8", "empty"}


# --- the sample item, as an IFTTT user's JSON template sends it ----------------------------------

IFTTT_TEMPLATE = (
    '{"title": "{{EntryTitle}}", "url": "{{EntryUrl}}", "content": "{{EntryContent}}",'
    ' "author": "{{EntryAuthor}}", "image": "{{EntryImageUrl}}", "published": "{{EntryPublished}}",'
    ' "feed_title": "{{FeedTitle}}", "feed_url": "{{FeedUrl}}"}'
)
INGREDIENT_OF = {
    "title": "EntryTitle",
    "url": "EntryUrl",
    "content": "EntryContent",
    "author": "EntryAuthor",
    "image": "EntryImageUrl",
    "published": "EntryPublished",
    "feed_title": "FeedTitle",
    "feed_url": "FeedUrl",
}


def test_sample_post_pasted_raw_into_a_json_template() -> None:
    expected = json.loads((FIXTURES / "ifttt-blogger-post-template.expected.json").read_text("utf-8"))
    fields: dict[str, str] = expected["fields"]
    body = IFTTT_TEMPLATE
    for canonical, ingredient in INGREDIENT_OF.items():
        body = body.replace("{{" + ingredient + "}}", fields[canonical])  # pasted raw, as IFTTT does

    # The fixture is exactly what the template renders to, and it is really broken JSON.
    assert body.encode() == (FIXTURES / "ifttt-blogger-post-template.json").read_bytes()
    assert '<ul class="summary-list">' in fields["content"]
    assert "\n" in fields["content"]
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(body)

    result = parse_payload(body.encode(), JSON)
    assert result.form == "json-lenient"
    assert dict(result.fields) == fields
    rendered = (FIXTURES / "ifttt-blogger-post.txt").read_text(encoding="utf-8").split("\n")
    assert result.fields["title"] == rendered[0]
    assert result.fields["url"] == "https://ift.tt/3r0axg6"
    assert result.fields["published"] == "February 25, 2021 at 09:14PM"
    assert result.fields["feed_title"] == "Business Insider"
    for paragraph in rendered[5:12]:  # the article's paragraphs, quotes and all
        assert f"<p>{paragraph}</p>" in result.fields["content"]


def test_sample_rendered_post_is_copied_verbatim() -> None:
    sample = Path("/work/shared/samples/ifttt-blogger-post.txt")
    if not sample.exists():
        pytest.skip("the shared sample is not mounted here")
    assert (FIXTURES / "ifttt-blogger-post.txt").read_bytes() == sample.read_bytes()


# --- targeted behaviour ------------------------------------------------------------------------


def test_field_aliases_are_lowercase_and_read_only() -> None:
    assert FIELD_ALIASES["entrytitle"] == "title"
    assert FIELD_ALIASES["value3"] == "content"
    assert FIELD_ALIASES["source"] == "feed_title"
    assert all(alias == alias.lower() for alias in FIELD_ALIASES)
    assert set(FIELD_ALIASES.values()) == {
        "dek",
        "title",
        "url",
        "content",
        "author",
        "image",
        "published",
        "feed_title",
        "feed_url",
        "token",
        "embed",  # a video's player markup: a key that ends the value before it, used for nothing
    }
    with pytest.raises(TypeError):
        FIELD_ALIASES["headline"] = "title"  # type: ignore[index]


def test_payload_is_immutable_and_hashable() -> None:
    result = parse_payload(b'{"title": "x"}', JSON)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.form = "text-post"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.fields["title"] = "y"  # type: ignore[index]
    assert result == Payload({"title": "x"}, "json")
    assert hash(result) == hash(parse_payload(b'{"title": "x"}', None))


@pytest.mark.parametrize(
    "module",
    [payload_module, fields_module, charset_module, brokenjson_module, owned_module, cards_module, credits_module],
)
def test_the_parser_imports_only_the_standard_library_and_orjson(module: ModuleType) -> None:
    tree = ast.parse(inspect.getsource(module))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    third_party = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names}
    parser_modules = {
        "app.ingest.fields",
        "app.ingest.charset",
        "app.ingest.brokenjson",
        "app.ingest.owned",
        "app.ingest.cards",
        "app.ingest.credits",
    }
    assert third_party <= {"orjson", "app.errors"} | parser_modules


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        # An unknown or refused charset is ignored: UTF-8 it is.
        (b"title: caf\xc3\xa9", "text/plain; charset=no-such-codec", {"title": "café"}),
        (b"title: a\\nb", "text/plain; charset=unicode_escape", {"title": "a\\nb"}),
        (b"title: caf\xc3\xa9", "text/plain; charset=rot13", {"title": "café"}),
        # A mislabelled body (declared ASCII, sent UTF-8) is still read.
        (b"title: caf\xc3\xa9", "text/plain; charset=us-ascii", {"title": "café"}),
        # Labelled single-byte but valid UTF-8: the bytes win ("café", not "cafÃ©")…
        (b'{"title": "caf\xc3\xa9"}', "application/json; charset=ISO-8859-1", {"title": "café"}),
        (b"title: \xe2\x80\x9cquoted\xe2\x80\x9d", "text/plain; charset=windows-1252", {"title": "“quoted”"}),
        # …while real single-byte text (not valid UTF-8) is read in its charset.
        (b'{"title": "caf\xe9"}', "application/json; charset=ISO-8859-1", {"title": "café"}),
        (b"title: \x93quoted\x94", "text/plain; charset=windows-1252", {"title": "“quoted”"}),
        # A form's percent-escapes are in the declared charset.
        (
            b"title=Caf%E9+latin&url=https%3A%2F%2Fexample.com%2Fe6&content=r%E9sum%E9",
            "application/x-www-form-urlencoded; charset=iso-8859-1",
            {"title": "Café latin", "url": "https://example.com/e6", "content": "résumé"},
        ),
        (
            b"title=Caf%E9 raw&url=https://example.com/e7",
            "application/x-www-form-urlencoded; charset=latin-1",
            {"title": "Caf%E9 raw", "url": "https://example.com/e7"},
        ),
        (b"title=Caf%C3%A9&url=x", "application/x-www-form-urlencoded", {"title": "Café", "url": "x"}),
        # A byte-order mark beats the declared charset.
        (b"\xfe\xff" + "title: Ω".encode("utf-16-be"), "text/plain; charset=latin-1", {"title": "Ω"}),
        ("title: Ω".encode("utf-32"), None, {"title": "Ω"}),
        # FF FE 00 00 that is not UTF-32 is UTF-16 starting with U+0000.
        (b"\xff\xfe" + "\x00 post".encode("utf-16-le"), None, {"title": "\x00 post"}),
    ],
)
def test_charset_handling(body: bytes, content_type: str | None, expected: dict[str, str]) -> None:
    assert dict(parse_payload(body, content_type).fields) == expected


def test_bom_with_undecodable_rest_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match="not valid UTF-16"):
        parse_payload(b"\xff\xfe" + b"\x00\xd8", None)  # a lone surrogate


def test_valid_json_reads_through_orjson() -> None:
    # form "json" is only ever set on the orjson path; the fallbacks say "json-lenient".
    assert parse_payload(b'{"title": "x\\ny", "value2": 1.5}', TEXT) == Payload({"title": "x\ny", "url": "1.5"}, "json")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"title": "x"}};', {"title": "x"}),  # junk after a valid object
        (b'{"title": "x"} y", "url": "z"}', {"title": 'x"} y', "url": "z"}),  # raw `"}` in a value
        (b'{title: "Bare", url: "https://e.x/b"}', {"title": "Bare", "url": "https://e.x/b"}),
        (b'{"title": "a" "url": "b"}', {"title": "a", "url": "b"}),  # missing comma
        (b'{"title ": "a\nb", " url": "c"}', {"title": "a\nb", "url": "c"}),  # blanks typed in keys
        (b'{" title" : "a"b", "link\t": "c"}', {"title": 'a"b', "url": "c"}),
        (b'{"title": "x", "published": 1614290040, "foo": "bar"}}', {"title": "x", "published": "1614290040"}),
        (b'{"title": "x", "meta": {"a": 1}, "link": "u"', {"title": "x", "url": "u"}),
        (b'{"title": "\\ud83d\\ude00 \\ud800", "x": "\n"}', {"title": "\U0001f600 \ufffd"}),
        (b'"{\\"title\\": \\"double-encoded\\"}"', {"title": "double-encoded"}),
        (b'{"title": null, "EntryTitle": "second"}', {"title": "second"}),
    ],
)
def test_more_broken_json(body: bytes, expected: dict[str, str]) -> None:
    assert dict(parse_payload(body, JSON).fields) == expected


def test_a_json_looking_body_without_known_keys_is_not_a_post() -> None:
    assert parse_payload(b'{"foo": "bar", broken', None) == Payload({}, "json-lenient")


def test_known_keys_with_empty_values_are_read_as_such() -> None:
    assert parse_payload(b"title=&url=", None) == Payload({}, "form")
    assert parse_payload(b'{"title": "  ", "url": ""', None) == Payload({}, "json-lenient")


# --- hostile bodies ----------------------------------------------------------------------------

MIB = 1 << 20
HOSTILE_BODIES: dict[str, Callable[[], bytes]] = {
    "many-keys": lambda: b"{" + b'"title":' * (MIB // 8),
    "quotes": lambda: b'"' * MIB,
    "deep-nesting": lambda: b"[" * MIB,
    "deep-objects": lambda: b'{"a":' * (MIB // 5),
    "backslashes": lambda: b'{"title": "' + b"\\" * MIB + b'"}',
    "bad-unicode-escapes": lambda: b'{"title": "' + b"\\u" * (MIB // 2),
    "form-pairs": lambda: b"title=" + b"&title=" * (MIB // 7),
    "form-separators": lambda: b"&" * MIB,
    "percents": lambda: b"title=" + b"%" * MIB + b" ",
    "key-lines": lambda: b"title: x\n" * (MIB // 9),
    "content-then-keys": lambda: b"content: x\n" + b"Title: y\n" * (MIB // 9),
    "long-word-colon": lambda: b"a" * MIB + b":",
    "long-quoted-key": lambda: b'{"' + b"a" * MIB + b'": 1',
    "whitespace-runs": lambda: b'{"title"' + b" " * MIB + b"x",
    "comma-runs": lambda: b'{"a"' + b" ,  " * (MIB // 4),
    "literal-commas": lambda: b"{" + b"true, " * (MIB // 6) + b'"title": 1',
    "newlines": lambda: b"\n" * MIB + b"x",
    "huge-integer": lambda: b'{"title": ' + b"9" * MIB + b"}",
    "utf16-garbage": lambda: b"\xff\xfe" + bytes(range(256)) * (MIB // 256),
}


@pytest.mark.parametrize("build", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_megabyte_bodies_are_read_or_refused(build: Callable[[], bytes]) -> None:
    # No declared type: every reader that refuses hands over to the next, so all of them run.
    try:
        result = parse_payload(build(), None)
    except PayloadError:
        return
    assert isinstance(result, Payload)


# --- properties --------------------------------------------------------------------------------

CONTENT_TYPES = st.one_of(
    st.none(),
    st.sampled_from(
        [
            JSON,
            FORM,
            TEXT,
            "text/html",
            "application/json; charset=utf-16",
            "text/plain; charset=latin-1",
            "text/plain; charset=idna",
            "text/plain; charset=hex",
            "text/plain; charset=",
            "application/ld+json",
        ]
    ),
    st.text(max_size=40),
)


@PROPERTY
@given(body=st.binary(max_size=2000), content_type=CONTENT_TYPES)
def test_arbitrary_bytes_give_a_payload_or_payload_error(body: bytes, content_type: str | None) -> None:
    try:
        result = parse_payload(body, content_type)
    except PayloadError:
        return
    assert all(isinstance(v, str) and v and v == v.strip() for v in result.fields.values())
    assert set(result.fields) <= set(FIELD_ALIASES.values())


@PROPERTY
@given(
    text=st.text(max_size=2000),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    content_type=CONTENT_TYPES,
)
def test_arbitrary_text_gives_a_payload_or_payload_error(text: str, encoding: str, content_type: str | None) -> None:
    try:
        parse_payload(text.encode(encoding), content_type)
    except PayloadError:
        # Behind a byte-order mark the text is exactly what was sent: only emptiness and a bare JSON
        # scalar (``0``, ``null``) are refused. (Except UTF-16 text starting with U+0000, whose FF FE 00 00
        # is also the UTF-32 BOM.)
        refused = not text.strip() or _is_json_scalar(text)
        assert encoding == "utf-8" or refused or (encoding == "utf-16" and text[0] == "\x00")


def _is_json_scalar(text: str) -> bool:
    try:
        value = orjson.loads(text.strip())
    except orjson.JSONDecodeError:
        return False
    return value is None or isinstance(value, bool | int | float)


# Pieces that break naive parsers, mixed with arbitrary text.
TRICKY_PIECES = [
    '"',
    "'",
    "\\",
    "\n",
    "\r\n",
    "\t",
    " ",
    "&",
    "=",
    "?a=1&b=2",
    "AT&T",
    "%20",
    "+",
    "“",
    "”",
    "‘",
    "’",
    '<ul class="summary-list">',
    '<a href="https://x.example/?q=1&r=2">',
    "</a>",
    "{",
    "}",
    "[",
    ", ",
    ": ",
    "null",
    "é",
    "\U0001f600",
]
VALUES = st.lists(st.sampled_from(TRICKY_PIECES) | st.text(max_size=4), max_size=8).map("".join)


def _random_case(alias: str, mask: list[bool]) -> str:
    return "".join(c.upper() if upper else c for c, upper in zip(alias, mask, strict=False))


# Keys any reader can find: a name with a colon in it (n8n's "content:encoded") is read from valid JSON only
# (test_other_automations_field_names), as a text line or a broken template has no way to tell it from a key.
# ("origin" is read as a reader's object in JSON and as a weak name elsewhere: its own tests say how)
_WORD_ALIASES = sorted(
    alias for alias in FIELD_ALIASES if re.fullmatch(fields_module.IDENT, alias) and alias != "origin"
)
_LONGEST_ALIAS = max(map(len, _WORD_ALIASES))
ALIAS_KEYS = st.builds(
    _random_case,
    st.sampled_from(_WORD_ALIASES),
    st.lists(st.booleans(), min_size=_LONGEST_ALIAS, max_size=_LONGEST_ALIAS),
)
SENT_FIELDS = st.dictionaries(ALIAS_KEYS, VALUES, min_size=1, max_size=6)


PAGE_KEYS = frozenset({"html_url", "web_url"})
API_ADDRESS = re.compile(r"https?://api\.|/api/", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
BOT_WORDS = {
    "bot", "rss", "feed", "feeds", "uploads", "videos", "vídeos", "podcasts", "pódcasts", "episodes", "releases",
    "notifier", "notifications", "alerts", "webhook", "apprise", "monitorss", "feedcord", "youtube", "github",
    "gitlab", "medium", "twitch", "reddit", "mastodon",
}  # fmt: skip


def _display_name(value: str) -> bool:
    name = value.strip()
    handle = " " not in name and (name.islower() or "_" in name or any(c.isdigit() for c in name))
    return (
        len(name) <= 100
        and "\n" not in name
        and "@" not in name
        and re.search(r"(?i)https?://|www\.", name) is None
        and re.search(r"[^\W\d_]{2}", name) is not None
        and name.casefold()
        not in {"ifttt", "zapier", "make", "integromat", "n8n", "pipedream", "power automate", "webhook", "rss"}
        and not BOT_WORDS & set(re.split(r"[\W_]+", name.casefold()))
        and not handle
    )


OUTLET_REFUSALS = {
    *("ifttt", "zapier", "make", "integromat", "n8n", "pipedream", "power automate", "webhook", "rss"),
    *("google", "youtube", "medium", "github", "gitlab", "reddit", "substack", "tumblr", "wordpress", "blogger"),
    *("twitter", "x", "facebook", "instagram", "tiktok", "twitch", "vimeo", "spotify", "mastodon", "bluesky"),
    *("telegram", "discord", "slack", "linkedin", "yes", "no", "true", "false", "none", "null"),
}
WEAK: dict[str, Callable[[str], bool]] = {
    "time": lambda value: YEAR.search(value) is not None,
    "aeg": lambda value: YEAR.search(value) is not None,
    **dict.fromkeys(
        ("teksts", "tekstas", "κείμενο", "besedilo"),
        lambda value: "<" in value or len(value.split()) >= 7,
    ),
    "created": lambda value: YEAR.search(value) is not None or value.strip().isdigit(),
    "created_at": lambda value: YEAR.search(value) is not None or value.strip().isdigit(),
    **dict.fromkeys(
        ("released", "release date", "release_date"),
        lambda value: YEAR.search(value) is not None or value.strip().isdigit(),
    ),
    **dict.fromkeys(
        (
            *("about", "show notes", "show_notes", "episode notes", "episode_notes"),
            *("extrait", "extracto", "estratto"),
        ),
        lambda value: "<" in value or len(value.split()) >= 7,
    ),
    **dict.fromkeys(("terbit", "diterbitkan"), lambda value: YEAR.search(value) is not None or value.strip().isdigit()),
    "ts": lambda value: (
        value.strip().isdigit() or re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value.strip()) is not None
    ),
    "click": lambda value: value.strip().casefold().startswith(("http://", "https://")),
    **dict.fromkeys(
        (
            "channel",
            "channel_name",
            "channelname",
            "canal",
            "canale",
            "kanal",
            "chaîne",
            "chaine",
            "канал",
            "チャンネル",
        ),
        lambda value: bool(value.strip()),
    ),
    **dict.fromkeys(("频道", "頻道", "채널"), lambda value: bool(value.strip())),
    "thumb_url": lambda value: bool(value.strip()),
    "topic_title": lambda value: bool(value.strip()),
    "publication": lambda value: YEAR.search(value) is None,
    "site": lambda value: (
        re.search(r"(?i)https?://|www\.", value) is None and re.search(r"[^\W\d_]{2}", value) is not None
    ),
    "blog": lambda value: (
        re.search(r"(?i)https?://|www\.", value) is None and re.search(r"[^\W\d_]{2}", value) is not None
    ),
    "origin": lambda value: (
        re.search(r"[^\W\d_]{2}", value) is not None
        and value.strip().casefold()
        not in {"ifttt", "zapier", "make", "integromat", "n8n", "pipedream", "power automate", "webhook", "rss"}
    ),
    # a station's, an outlet's, a newsletter's name: words (no figure, no address), or one word that is no code
    **dict.fromkeys(
        ("station", "outlet", "newsletter"),
        lambda value: (
            (
                len(value.strip()) <= 80
                and " " in value.strip()
                and re.search(r"[^\W\d_]{2}", value) is not None
                and re.search(r"(?i)https?://|www\.", value) is None
                and not value.strip()[:1].isdigit()
            )
            or (value.strip().isalpha() and len(value.strip()) >= 4 and not value.strip().isupper())
        ),
    ),
    # a chat bot's display name: a name, not a tool's, a platform's or a kind of post's, not a member's handle
    **dict.fromkeys(("username", "alias"), lambda value: _display_name(value)),
    # words for an outlet that name other things as often ("portal", "provider"): a name on one line of six words at
    # most, with no year, no address and no e-mail, no relaying tool's, platform's or form answer's word
    **dict.fromkeys(
        fields_module.OUTLET_WORDS,
        lambda value: (
            len(value.strip()) <= 100
            and "\n" not in value.strip()
            and "@" not in value
            and re.search(r"(?i)https?://|www\.", value) is None
            and re.search(r"[^\W\d_]{2}", value) is not None
            and YEAR.search(value) is None
            and not value.strip().isdigit()
            and value.strip().casefold() not in OUTLET_REFUSALS
            and len(value.split()) <= 6
            and " et al" not in value.casefold()
        ),
    ),
    # the dates of the languages added last, whose words name other things too: a date with its year
    **dict.fromkeys(
        ("tarix", "sana", "сана", "ቀን", "күні"), lambda value: bool(YEAR.search(value)) or value.strip().isdigit()
    ),
    "reporters": lambda value: (
        len(value.strip()) <= 100
        and "\n" not in value.strip()
        and "@" not in value
        and re.search(r"(?i)https?://|www\.", value) is None
        and re.search(r"[^\W\d_]{2}", value) is not None
        and not value.strip().isdigit()
    ),
    # words for a link that are everyday words too: only a link
    **dict.fromkeys(
        ("주소", "ligação", "veza", "đường dẫn", "poveznica"),
        lambda value: value.strip().casefold().startswith(("http://", "https://")),
    ),
}
NO_ADDRESS = ("source", "feed", "origin")


def _expected(sent: dict[str, str]) -> dict[str, str]:
    """The spec: canonical names, stripped values, empty values absent, first non-empty wins (for the content,
    the first of the longest; for the link, a page address, "html_url", over an API address before it); "time",
    "publication", "site", "blog" and "origin" only where nothing else gave their field (a date with a year, a name
    without one, a name that is no address, no relaying tool's name), and "ts" (Unix time); never an address under
    any of the feed's names; "dek" the content where nothing else gave one."""
    fields: dict[str, str] = {}
    weak: dict[str, str] = {}
    for key, value in sent.items():
        canonical = FIELD_ALIASES[key.lower()]
        if (key.lower() in NO_ADDRESS or canonical == "feed_title") and re.search(r"(?i)https?://|www\.", value):
            continue
        if key.lower() in WEAK:
            if value.strip() and WEAK[key.lower()](value):
                weak.setdefault(canonical, value.strip())
            continue
        if value.strip() and key.lower() in PAGE_KEYS and API_ADDRESS.search(fields.get(canonical, "")):
            fields[canonical] = value.strip()
            continue
        if value.strip() and (canonical not in fields or len(value.strip()) > len(fields[canonical])):
            if canonical in fields and canonical != "content":
                continue
            fields[canonical] = value.strip()
    merged = {**weak, **fields}
    if (dek := merged.pop("dek", None)) is not None:
        merged.setdefault("content", dek)
    return merged


def _json_ascii(sent: dict[str, str]) -> str:
    return json.dumps(sent)


def _json_unicode(sent: dict[str, str]) -> str:
    return json.dumps(sent, ensure_ascii=False, indent=2)


def _json_orjson(sent: dict[str, str]) -> str:
    return orjson.dumps(sent).decode()


@PROPERTY
@given(
    sent=SENT_FIELDS,
    encode=st.sampled_from([_json_ascii, _json_unicode, _json_orjson]),
    content_type=st.sampled_from([None, JSON, TEXT, FORM]),
)
def test_valid_json_round_trips(
    sent: dict[str, str], encode: Callable[[dict[str, str]], str], content_type: str | None
) -> None:
    result = parse_payload(encode(sent).encode(), content_type)
    assert result.form == "json"
    assert dict(result.fields) == _expected(sent)


@PROPERTY
@given(
    sent=SENT_FIELDS,
    quote_via=st.sampled_from([urllib.parse.quote_plus, urllib.parse.quote]),
    content_type=st.sampled_from([None, JSON, TEXT, FORM]),
)
def test_form_encoded_round_trips(
    sent: dict[str, str], quote_via: Callable[..., str], content_type: str | None
) -> None:
    body = urllib.parse.urlencode(list(sent.items()), quote_via=quote_via)
    result = parse_payload(body.encode(), content_type)
    assert result.form == "form"
    assert dict(result.fields) == _expected(sent)


# A value pasted raw into a template such as `"key": "{{value}}"` is genuinely ambiguous, and
# excluded below, when it holds what the reader must take for structure:
#   - a known key in any quotes followed by a colon (`"url":`, `“token”:`), anywhere;
#   - any key right after `{` or after a closing quote, number or literal and a comma
#     (`", "foo":`, `5, "foo":`, `{foo:`);
#   - a backslash followed by a JSON escape letter (`\n`, `\"`, `\u`), which is decoded.
# Everything else (raw quotes, HTML attributes, newlines, tabs, `&`, `=`, curly quotes, stray
# backslashes, braces, a trailing backslash) must come back exactly.
_QUOTE_CHARS = re.escape("\"'“”‘’")
_ALIAS_ALTERNATIVES = "|".join(map(re.escape, FIELD_ALIASES))
_AMBIGUOUS_IN_RAW_JSON = re.compile(
    rf"[{_QUOTE_CHARS}]\s*(?:{_ALIAS_ALTERNATIVES})\s*[{_QUOTE_CHARS}]\s*:"
    rf"|(?:\{{|(?:[{_QUOTE_CHARS}0-9\]}}]|true|false|null)\s*,)\s*[{_QUOTE_CHARS}]?\s*\w+\s*[{_QUOTE_CHARS}]?\s*:"
    r'|\\["\\/bfnrtu]',
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class TemplateLayout:
    """How a user typed the JSON template around the ingredients."""

    start: str = "{"
    open_quote: str = '"'
    close_quote: str = '"'
    colon: str = ": "
    separator: str = ", "
    end: str = "}"

    def render(self, sent: dict[str, str]) -> str:
        o, c = self.open_quote, self.close_quote
        pairs = (f"{o}{key}{c}{self.colon}{o}{value}{c}" for key, value in sent.items())
        return self.start + self.separator.join(pairs) + self.end

    def is_ambiguous(self, value: str) -> bool:
        return _AMBIGUOUS_IN_RAW_JSON.search(self.open_quote + value + self.close_quote) is not None


PLAIN_TEMPLATE = TemplateLayout()
TEMPLATE_LAYOUTS = [
    PLAIN_TEMPLATE,
    TemplateLayout(colon=":", separator=","),
    TemplateLayout(start="{\n  ", separator=",\n  ", end=",\n}\n"),  # trailing comma
    TemplateLayout(end=""),  # closing brace forgotten
    TemplateLayout(open_quote="“", close_quote="”"),  # typed in a word processor
    TemplateLayout(open_quote="”", close_quote="”", colon=":"),
    TemplateLayout(open_quote="'", close_quote="'"),
]


@PROPERTY
@given(
    sent=SENT_FIELDS,
    layout=st.sampled_from(TEMPLATE_LAYOUTS),
    content_type=st.sampled_from([None, JSON, TEXT, FORM]),
)
def test_raw_template_json_round_trips(sent: dict[str, str], layout: TemplateLayout, content_type: str | None) -> None:
    assume(not any(layout.is_ambiguous(value) for value in sent.values()))
    result = parse_payload(layout.render(sent).encode(), content_type)
    event(result.form)
    assert result.form in ("json", "json-lenient")
    assert dict(result.fields) == _expected(sent)


def _repeats_after_tag_or_query(sent: dict[str, str]) -> bool:
    seen: set[str] = set()
    previous = ""
    for key, value in sent.items():
        canonical = FIELD_ALIASES.get(key.strip().lower())
        # The reader splits a value's last word at a space, tab or newline only (app/ingest/payload.py
        # `_inside_after`): "?\x1f" is one word to it, whatever str.split thinks of U+001F.
        last_word = re.split(r"[ \t\n]", previous)[-1]
        inside = previous.rfind("<") > previous.rfind(">") or "?" in last_word
        own_name = key.strip() in fields_module.INGREDIENT_KEYS or key.strip().lower() == canonical
        if inside and canonical is not None and (canonical in seen or not own_name):
            return True
        if canonical is not None:
            seen.add(canonical)
        previous = value
    return False


def test_unencoded_form_keeps_a_link_with_a_field_name_in_its_query() -> None:
    link = '<a href="https://twitter.com/intent/tweet?text=Hello&url=https://example.com/k1">Tweet</a>'
    body = f"title=Share link story&url=https://example.com/k1&content=<p>Great read.</p><p>{link} more.</p>"
    fields = dict(parse_payload(body.encode(), FORM).fields)
    assert fields["url"] == "https://example.com/k1"
    assert fields["content"] == f"<p>Great read.</p><p>{link} more.</p>"


def test_unencoded_forms_member_under_a_name_no_alias_knows_ends_the_link_before_it() -> None:
    # the owner's Norwegian "ingress" (a lead) after the bare link: its prose is the content, not the link's query
    body = (
        "tittel=Telenor signs deal with Berg & Fjord Kraft&lenke=https://www.telenor.example/press/deal/"
        "&ingress=Telenor has signed a ten-year agreement with Berg & Fjord Kraft. It covers 180 GWh a year."
        "&dato=September 9, 2026 at 06:30AM"
    )
    assert dict(parse_payload(body.encode(), FORM).fields) == {
        "title": "Telenor signs deal with Berg & Fjord Kraft",
        "url": "https://www.telenor.example/press/deal/",
        "content": "Telenor has signed a ten-year agreement with Berg & Fjord Kraft. It covers 180 GWh a year.",
        "published": "September 9, 2026 at 06:30AM",
    }
    # a link's own query stays the link's: its values hold no prose
    query = "title=Rates held & steady&url=https://bank.example/news?id=42&lang=en&section=rates&published=2026-09-09"
    assert parse_payload(query.encode(), FORM).fields["url"] == "https://bank.example/news?id=42&lang=en&section=rates"
    # and after a value of words, "&word=" words stay that value's ("Q&A=answers" in a title)
    prose = "title=Tax Q&A=your questions answered by us&url=https://bank.example/qa"
    assert parse_payload(prose.encode(), FORM).fields["title"] == "Tax Q&A=your questions answered by us"


def test_curly_quoted_jsons_member_under_a_name_no_alias_knows_is_read_by_its_shape() -> None:
    body = (
        "{\n“tytuł”: “Ceny pamięci RAM rosną”,\n“link”: “https://www.komputer.example/aktualnosci/ram”,"
        "\n“lead”: “Moduły DDR5 podrożały o 18 proc. od sierpnia. Sprzedawcy tłumaczą to popytem.”\n}"
    )
    result = parse_payload(body.encode(), JSON)
    assert result.form == "json-lenient"
    assert result.fields["content"] == "Moduły DDR5 podrożały o 18 proc. od sierpnia. Sprzedawcy tłumaczą to popytem."


def test_unencoded_form_keeps_a_link_whose_query_holds_an_alias_of_a_field_not_yet_given() -> None:
    link = '<a href="https://airport.example/flights/?kind=departures&data=2027-06-01">timetable</a>'
    body = f"EntryTitle=New routes&EntryContent=<p>See the {link}.</p>&EntryPublished=December 1, 2026 at 11:48AM"
    fields = dict(parse_payload(body.encode(), FORM).fields)
    assert fields["content"] == f"<p>See the {link}.</p>"
    assert fields["published"] == "December 1, 2026 at 11:48AM"
    # outside a tag or a query the alias starts its field ("data" is the date in Italian and Portuguese)
    italian = "titolo=Pane & libri&immagine=https://rai.example/a.jpg&data=November 20, 2025 at 03:00PM"
    assert dict(parse_payload(italian.encode(), FORM).fields) == {
        "title": "Pane & libri",
        "image": "https://rai.example/a.jpg",
        "published": "November 20, 2025 at 03:00PM",
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The owner's labels in the sender's language, each its own line ("Bilde:", "Photo:", "Writer:").
        (
            "Tittel: Renten holdes\nLenke: https://bank.example/a\nPublisert: March 19, 2026 at 10:00AM\n"
            "Bilde: https://bank.example/a.jpg\nTekst:\nKomiteen har besluttet.",
            {
                "title": "Renten holdes",
                "url": "https://bank.example/a",
                "published": "March 19, 2026 at 10:00AM",
                "image": "https://bank.example/a.jpg",
                "content": "Komiteen har besluttet.",
            },
        ),
        (
            "Headline: Brugge through\nWriter: Jess Tomlin\nPhoto: https://img.example/b.jpg\nReport: A late header.",
            {
                "title": "Brugge through",
                "author": "Jess Tomlin",
                "image": "https://img.example/b.jpg",
                "content": "A late header.",
            },
        ),
        # A video owner's labels: "Video:", "Channel:", "Watch:", "Uploaded:".
        (
            "Video: The Ghost Ship\nChannel: LEMMiNO\nWatch: https://www.youtube.com/watch?v=pE7w\n"
            "Uploaded: October 10, 2025 at 05:00PM\n\nIn 1953 a cargo ship was found drifting.",
            {
                "title": "The Ghost Ship",
                "author": "LEMMiNO",
                "url": "https://www.youtube.com/watch?v=pE7w",
                "published": "October 10, 2025 at 05:00PM",
                "content": "In 1953 a cargo ship was found drifting.",
            },
        ),
        # "What:", "Where:", "When:".
        (
            "What: Deploy previews can require a Lighthouse score\nWhere: https://www.netlify.example/changelog/a/\n"
            "When: June 10, 2025 at 05:30PM",
            {
                "title": "Deploy previews can require a Lighthouse score",
                "url": "https://www.netlify.example/changelog/a/",
                "published": "June 10, 2025 at 05:30PM",
            },
        ),
        # After the content, a label whose line holds the field's kind of value is that field's line…
        (
            "Headline: Harbour upgrade\nSummary: Approved today.\nPosted: October 10, 2024 at 09:20AM",
            {"title": "Harbour upgrade", "content": "Approved today.", "published": "October 10, 2024 at 09:20AM"},
        ),
        # …and with any other value it is the content's prose.
        (
            "Headline: Harbour upgrade\nSummary: Approved today.\nPosted: by the council on its site",
            {"title": "Harbour upgrade", "content": "Approved today.\nPosted: by the council on its site"},
        ),
    ],
)
def test_owner_labels_in_text_bodies(body: str, expected: dict[str, str]) -> None:
    result = parse_payload(body.encode(), TEXT)
    assert (result.form, dict(result.fields)) == ("text-fields", expected)


def test_ifttt_youtube_ingredients_in_a_text_body() -> None:
    body = (
        "Title: Clay Kiln Chimney Upgrade\nAuthorName: Primitive Technology\nDescription: I rebuilt the chimney.\n\n"
        "Patreon page: https://www.patreon.example/pt\nUrl: https://www.youtube.com/watch?v=Hc9t\n"
        'EmbedCode: <iframe src="https://www.youtube.com/embed/Hc9t"></iframe>\n'
        "PublishedAt: September 10, 2024 at 09:12AM"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert fields["title"] == "Clay Kiln Chimney Upgrade"
    assert fields["author"] == "Primitive Technology"
    assert fields["content"] == "I rebuilt the chimney.\n\nPatreon page: https://www.patreon.example/pt"
    assert fields["url"] == "https://www.youtube.com/watch?v=Hc9t"
    assert fields["published"] == "September 10, 2024 at 09:12AM"


def test_raw_template_round_trips_a_known_hard_value() -> None:
    value = 'He said "hi", <a href="https://x/?a=1&b=2">AT&T</a>\n\t“q” C:\\Users {x} \\'
    sent = {"EntryTitle": value, "URL": "https://e.x/?a=1&b=2", "token": "'t'"}
    result = parse_payload(PLAIN_TEMPLATE.render(sent).encode(), JSON)
    assert result.form == "json-lenient"
    assert dict(result.fields) == _expected(sent)


# A form body typed without encoding is read by splitting at `&<known key>=` (and at `&<word>=` before prose after
# a value with no blank: a member no alias names). Excluded as genuinely ambiguous: a value holding `&<known key>=`
# or `&<word>=`; a value holding `%XX` (then decoded); a body
# made only of characters an encoder leaves alone (then it is read as encoded: `+` is a space, and
# `a&b=c` is two pairs); for a single multi-line pair (read as text), a line starting `key:`; and a
# field given a second time, or by an alias rather than its own name, right after a value that stops
# inside a tag or a URL's query (then that pair is read as part of the value, as a content's
# `<a href="…?text=x&url=y">` and a link's `…?tipo=p&data=2027-06-01` must be).
_AMBIGUOUS_IN_RAW_FORM = re.compile(
    rf"&\s*(?:{_ALIAS_ALTERNATIVES})\s*=|&[^\W\d_]{{2,24}}=|%[0-9A-Fa-f]{{2}}|\n\s*(?:{_ALIAS_ALTERNATIVES})\s*[:=]",
    re.IGNORECASE,
)
_ENCODER_SAFE = re.compile(r"[A-Za-z0-9_.~*!'()+%=&-]*")


@PROPERTY
@given(sent=SENT_FIELDS, content_type=st.sampled_from([None, JSON, TEXT, FORM]))
def test_unencoded_form_round_trips(sent: dict[str, str], content_type: str | None) -> None:
    body = "&".join(f"{key}={value}" for key, value in sent.items())
    assume(not any(_AMBIGUOUS_IN_RAW_FORM.search(value) for value in sent.values()))
    assume(_ENCODER_SAFE.fullmatch(body.strip()) is None)
    assume(not _repeats_after_tag_or_query(sent))
    # One multi-line pair is read as text, where a blank line ends a key's value and starts the content
    # ("When: December 1, 2026 at 07:45AM" over the post): a lone value holding a blank line is ambiguous.
    assume(len(sent) > 1 or "\n\n" not in next(iter(sent.values())).strip())
    # Nor is a lone "canal="/"kanal=" pair whose value breaks the line: a text body never reads those words as keys
    # ("Canal: la sequía obliga …" opens a headline), so its lines are a post's.
    assume(len(sent) > 1 or next(iter(sent)).lower() not in ("canal", "kanal") or "\n" not in body)
    result = parse_payload(body.encode(), content_type)
    event(result.form)
    assert dict(result.fields) == _expected(sent)


@pytest.mark.parametrize("body", [b"null", b"42", b"true", b"false", b"-3.5e10", b" null\n"])
@pytest.mark.parametrize("content_type", ["application/json", "text/plain", None])
def test_a_json_scalar_is_no_item(body: bytes, content_type: str | None) -> None:
    with pytest.raises(PayloadError, match="not an object"):
        parse_payload(body, content_type)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            b"Apple unveils new iPhone https://ift.tt/3xYzAbC",
            {"title": "Apple unveils new iPhone", "url": "https://ift.tt/3xYzAbC"},
        ),
        (
            b"Apple unveils new iPhone\nhttps://www.example.com/iphone\n\n<p>Apple today announced it.</p>",
            {
                "title": "Apple unveils new iPhone",
                "url": "https://www.example.com/iphone",
                "content": "<p>Apple today announced it.</p>",
            },
        ),
        (
            b"Headline\nSome body text.\nhttps://example.com/last",
            {"title": "Headline", "url": "https://example.com/last", "content": "Some body text."},
        ),
        (
            b"Headline\nA line with https://example.com/inline in it.",
            {"title": "Headline", "content": "A line with https://example.com/inline in it."},
        ),
        (
            b"<p><strong>Post title</strong></p><p>Body.</p>",
            {"content": "<p><strong>Post title</strong></p><p>Body.</p>"},
        ),
    ],
)
def test_text_post_link_lines_and_one_line_markup(body: bytes, expected: dict[str, str]) -> None:
    result = parse_payload(body, TEXT)
    assert (result.form, dict(result.fields)) == ("text-post", expected)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The owner's header over the headline: a line ending in a colon, one marked by a pictograph, an
        # exclamation over a blank line; the link stands above the sign-off closing the post, which stays
        # in the content for the normalizer to drop (the reader keeps every value whole).
        (
            "🌍 Neues Erdbeben (GEOFON):\nM 6.1, Vanuatu Islands\n2025-01-17 04:12:38  10 km\n"
            "https://geofon.example/event.php?id=gfz2025\n(IFTTT)",
            {
                "title": "M 6.1, Vanuatu Islands",
                "content": "2025-01-17 04:12:38  10 km\n(IFTTT)",
                "url": "https://geofon.example/event.php?id=gfz2025",
            },
        ),
        (
            "SEBI press release 📄\nSEBI extends a timeline\nhttps://sebi.example/pr/1.html\n— sent by my IFTTT applet",
            {
                "title": "SEBI extends a timeline",
                "url": "https://sebi.example/pr/1.html",
                "content": "— sent by my IFTTT applet",
            },
        ),
        (
            "On the Media just dropped a new episode!\n\nThe Last Reporter\n\n<p>This week.</p>\n\n"
            "▶️ https://radio.example/otm/last-reporter — posted automatically by my IFTTT applet",
            {
                "feed_title": "On the Media",
                "title": "The Last Reporter",
                "content": "<p>This week.</p>\n\n — posted automatically by my IFTTT applet",
                "url": "https://radio.example/otm/last-reporter",
            },
        ),
        # "<Name> posted on Mastodon:" over the post in markup: an untitled post the name publishes.
        (
            "George Takei posted on Mastodon:\n<p>This week in 1966, Star Trek first aired.</p>\n"
            "https://universeodon.example/@georgetakei/1151",
            {
                "feed_title": "George Takei",
                "content": "<p>This week in 1966, Star Trek first aired.</p>",
                "url": "https://universeodon.example/@georgetakei/1151",
            },
        ),
        # The applet's date in brackets between the title and its link.
        (
            "Roads: SH35 reopens after slip cleared (November 4, 2024 at 10:12AM) https://www.gisborne.example/sh35/",
            {
                "title": "Roads: SH35 reopens after slip cleared",
                "published": "November 4, 2024 at 10:12AM",
                "url": "https://www.gisborne.example/sh35/",
            },
        ),
        # The applet's date line over the link line that closes the post.
        (
            "New Astrobites post 🔭\n\nPlanets Around White Dwarfs\nby Keisha Morrow\nPosted March 14, 2025 at 08:00AM"
            "\n\nhttps://astrobites.example/2025/03/14/a/\n",
            {
                "title": "Planets Around White Dwarfs",
                "author": "Keisha Morrow",
                "published": "March 14, 2025 at 08:00AM",
                "url": "https://astrobites.example/2025/03/14/a/",
            },
        ),
        # A flag marks the header too; a Catalan notice names the paper after its elided article.
        (
            "Sky News Australia update 🇦🇺\nTreasurer flags tighter rules\nhttps://www.skynews.example/a",
            {"title": "Treasurer flags tighter rules", "url": "https://www.skynews.example/a"},
        ),
        (
            "📰 Nou a l'Ara: El Govern aprova el pressupost https://www.ara.example/p_1.html",
            {"feed_title": "Ara", "title": "El Govern aprova el pressupost", "url": "https://www.ara.example/p_1.html"},
        ),
        # "🔴 <name> is live on Twitch!" over the stream's title.
        (
            "🔴 Bob Ross is live on Twitch!\nThe Joy of Painting marathon\nhttps://www.twitch.tv/bobross",
            {"feed_title": "Bob Ross", "title": "The Joy of Painting marathon", "url": "https://www.twitch.tv/bobross"},
        ),
        # A pictograph before the applet's own words: "🍗 New <feed> episode: <title> <link>".
        (
            "🍗 New Tasting History episode: Roman Army Rations https://www.youtube.com/watch?v=Qm3k",
            {
                "feed_title": "Tasting History",
                "title": "Roman Army Rations",
                "url": "https://www.youtube.com/watch?v=Qm3k",
            },
        ),
        # A headline that ends with an exclamation over its text is the headline whole, and a sentence
        # under a colon is the text.
        (
            "Skillet only $19.90!\nThe deal ends at midnight\nhttps://deals.example/skillet",
            {
                "title": "Skillet only $19.90!",
                "content": "The deal ends at midnight",
                "url": "https://deals.example/skillet",
            },
        ),
        (
            "Update:\nThe bridge reopened this morning.\nhttps://news.example/bridge",
            {"title": "Update:", "content": "The bridge reopened this morning.", "url": "https://news.example/bridge"},
        ),
    ],
)
def test_text_post_header_over_the_headline_and_the_owners_sign_off(body: str, expected: dict[str, str]) -> None:
    result = parse_payload(body.encode(), TEXT)
    assert (result.form, dict(result.fields)) == ("text-post", expected)


def test_other_automations_field_names() -> None:
    n8n = {
        "creator": "Marisa",
        "title": "Skillet deal",
        "link": "https://deals.example/a",
        "content:encoded": "<p>A.</p>",
    }
    assert dict(parse_payload(json.dumps(n8n).encode(), JSON).fields) == {
        "author": "Marisa",
        "title": "Skillet deal",
        "url": "https://deals.example/a",
        "content": "<p>A.</p>",
    }
    youtube = {"title": "A table that folds", "link": "https://www.youtube.com/watch?v=x1", "channel": "Simone Giertz"}
    assert dict(parse_payload(json.dumps(youtube).encode(), JSON).fields)["author"] == "Simone Giertz"
    power_automate = {"title": "T", "primaryLink": "https://p.example/a", "publishDate": "2025-10-21T09:44:02+00:00"}
    assert dict(parse_payload(json.dumps(power_automate).encode(), JSON).fields) == {
        "title": "T",
        "url": "https://p.example/a",
        "published": "2025-10-21T09:44:02+00:00",
    }


def test_without_secret_removes_a_long_token_everywhere_and_a_short_one_only_after_token() -> None:
    long_secret = "tok-0123456789abcdef"
    payload = parse_payload(
        f'{{"title": "Story {long_secret} here", "content": "TOKEN: {long_secret}; x{long_secret[:5]}{long_secret}'
        f'{long_secret[5:]}y", "token": "{long_secret}"}}'.encode(),
        JSON,
    ).without_secret(long_secret)
    assert payload.fields["token"] == long_secret  # what authenticated the request is not an item field
    assert all(long_secret not in value for name, value in payload.fields.items() if name != "token")
    short = parse_payload(b"title=Breaking news today&url=https://news.example.com/a&content=token: news", FORM)
    assert dict(short.without_secret("news").fields) == {
        "title": "Breaking news today",
        "url": "https://news.example.com/a",
    }
    # The secret is compared as sent: another case is another string.
    upper = parse_payload(b"Title\nToken: TOK-0123456789ABCDEF", TEXT).without_secret(long_secret)
    assert upper.fields["content"] == "Token: TOK-0123456789ABCDEF"


def test_a_utf16_form_reads_its_escapes_as_utf8() -> None:
    body = "title=Caf%C3%A9&url=https://example.com/a".encode("utf-16-le")
    fields = dict(parse_payload(body, "application/x-www-form-urlencoded; charset=utf-16le").fields)
    assert fields == {"title": "Café", "url": "https://example.com/a"}


def test_a_form_with_thousands_of_repeated_keys_inside_a_tag_is_one_value() -> None:
    body = "title=a b&content=<p x" + "&title=x" * 2000
    fields = dict(parse_payload(body.encode(), FORM).fields)
    assert fields == {"title": "a b", "content": "<p x" + "&title=x" * 2000}


@pytest.mark.parametrize("key", ["date", "pubDate", "pub_date"])
def test_a_text_post_date_key_is_the_published_date(key: str) -> None:
    body = f"title: Show HN: a tiny reader\nauthor: pkaur\n{key}: November 27, 2026 at 06:30PM\ncontent: <p>Hi.</p>"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["author"] == "pkaur"
    assert fields["published"] == "November 27, 2026 at 06:30PM"


def test_a_value_pasted_raw_keeps_every_backslash() -> None:
    # Broken JSON (a raw quote), a TeX formula pasted raw: "\t" of "\tilde" is the sender's, not a tab.
    body = '{"title": "The "Taylor" rule", "content": "The rule sets \\(i_t = r^* + 0.5\\tilde{y}_t\\) today."}'
    fields = dict(parse_payload(body.encode(), JSON).fields)
    assert fields["content"] == "The rule sets \\(i_t = r^* + 0.5\\tilde{y}_t\\) today."
    # an escaped quote shows a sender who escaped: its valid escapes are read
    escaped = '{"title": "A "b" c", "content": "He said \\"hi\\"\\tthen \\q left"}'
    assert dict(parse_payload(escaped.encode(), JSON).fields)["content"] == 'He said "hi"\tthen \\q left'


@pytest.mark.parametrize(
    ("member", "image"),
    [
        # a feed reader's item passed on whole: rss-parser's enclosure object (n8n, Power Automate)
        (
            {"enclosure": {"url": "https://cdn.example/a.jpg", "length": "0", "type": "image/jpeg"}},
            "https://cdn.example/a.jpg",
        ),
        (
            {
                "enclosures": [
                    {"url": "https://cdn.example/ep.mp3", "type": "audio/mpeg"},
                    {"url": "https://cdn.example/b.png"},
                ]
            },
            "https://cdn.example/b.png",
        ),
        ({"image": {"url": "https://cdn.example/c.webp?w=800"}}, "https://cdn.example/c.webp?w=800"),
        # an episode's audio, or a link that is no picture, is no image
        ({"enclosure": {"url": "https://cdn.example/ep.mp3", "type": "audio/mpeg"}}, None),
        ({"enclosure": {"url": "https://cdn.example/page"}}, None),
        ({"author": {"name": "Jane"}}, None),
    ],
)
def test_a_picture_object_in_a_json_item_is_its_image(member: dict[str, Any], image: str | None) -> None:
    body = orjson.dumps({"title": "Mill reopens", "link": "https://www.example.org/a", **member})
    assert parse_payload(body, "application/json").fields.get("image") == image


def test_members_under_an_owners_own_names_are_read_by_their_shape() -> None:
    turkish = {
        "baslik": "Metrobüs seferlerine gece düzenlemesi",
        "link": "https://www.haberturk.com/metrobus-3789123",
        "ozet": "<p>Gece seferleri 15 dakikada bir yapılacak.</p>",
        "tarih": "2025-07-15T10:30:00+03:00",
        "gorsel": "https://im.haberturk.com/l/2025/07/15/3789123/jpg/640x360",
        "kategori": "Gündem",
    }
    assert dict(parse_payload(orjson.dumps(turkish), JSON).fields) == {
        "title": "Metrobüs seferlerine gece düzenlemesi",
        "url": "https://www.haberturk.com/metrobus-3789123",
        "content": "<p>Gece seferleri 15 dakikada bir yapılacak.</p>",
        "published": "2025-07-15T10:30:00+03:00",
        "image": "https://im.haberturk.com/l/2025/07/15/3789123/jpg/640x360",
    }
    korean = {
        "제목": "2호선 열차 확대",
        "요약": "서울시가 확대합니다. 공사는 밝혔습니다.",
        "작성일": "2025-07-14T17:17:00.000Z",
    }
    assert dict(parse_payload(orjson.dumps(korean), JSON).fields) == {
        "title": "2호선 열차 확대",
        "content": "서울시가 확대합니다. 공사는 밝혔습니다.",
        "published": "2025-07-14T17:17:00.000Z",
    }
    # words alone under unknown names are no item; known names keep their own values
    assert dict(parse_payload(b'{"foo": "bar", "n": 1}', JSON).fields) == {}
    known = {"title": "Known", "content": "Text.", "extra": "https://www.example.org/other"}
    assert dict(parse_payload(orjson.dumps(known), JSON).fields) == {"title": "Known", "content": "Text."}


def test_an_ingredients_name_with_other_separators_is_that_ingredient() -> None:
    body = orjson.dumps({"entry_title": "A", "Entry-Url": "https://www.example.org/a", "entry content": "B"})
    assert dict(parse_payload(body, JSON).fields) == {"title": "A", "url": "https://www.example.org/a", "content": "B"}


def test_a_date_under_an_owners_name_beside_known_members_is_the_date() -> None:
    body = {
        "标题": "上海新建充电桩",
        "摘要": "<p>方案提出。</p>",
        "发布时间": "2025-07-15T02:05:31+00:00",
        "x": "https://a.example/",
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert fields == {
        "title": "上海新建充电桩",
        "content": "<p>方案提出。</p>",
        "published": "2025-07-15T02:05:31+00:00",
    }


def test_labels_in_other_scripts_start_their_fields_in_a_text_post() -> None:
    body = "Título: Incêndio em Ourém corta a A1\nLink: https://www.cmjornal.pt/a\nResumo:\n<p>Texto.</p>".encode()
    fields = dict(parse_payload(body, TEXT).fields)
    assert (fields["title"], fields["url"], fields["content"]) == (
        "Incêndio em Ourém corta a A1",
        "https://www.cmjornal.pt/a",
        "<p>Texto.</p>",
    )


def test_turkish_labels_with_a_capital_dotted_i() -> None:
    body = "Başlık: Deprem X y\nBağlantı: https://a.example/b\nİçerik: <p>Metin burada.</p>".encode()
    assert dict(parse_payload(body, TEXT).fields)["content"] == "<p>Metin burada.</p>"


def test_turkish_labels_with_their_own_letters() -> None:
    body = (
        "Başlık: Köprü kapatıldı mı?\nBağlantı: https://teyit.example/a\nTarih: December 7, 2026 at 09:15AM\n".encode()
    )
    fields = dict(parse_payload(body, TEXT).fields)
    assert (fields["title"], fields["url"]) == ("Köprü kapatıldı mı?", "https://teyit.example/a")


def test_hungarian_labels_and_a_greek_notice_over_a_free_text_post() -> None:
    body = (
        "Cím: Októberben 4,1 százalékos volt az infláció\nLink: https://mti.example/a\n"
        "Megjelent: November 10, 2026 at 08:31AM\nForrás: MTI\nSzöveg: <p>A fogyasztói árak emelkedtek.</p>"
    ).encode()
    fields = dict(parse_payload(body, TEXT).fields)
    assert (fields["published"], fields["feed_title"], fields["content"]) == (
        "November 10, 2026 at 08:31AM",
        "MTI",
        "<p>A fogyasztói árak emelkedtek.</p>",
    )
    greek = (
        "Νέα είδηση από το ΚΥΠΕ\n\nΠαράταση έως τον Μάρτιο\nhttps://www.cna.example/article/1/a\n\n"
        "Δημοσιεύθηκε: December 2, 2026 at 08:40PM"
    ).encode()
    fields = dict(parse_payload(greek, TEXT).fields)
    assert (fields["title"], fields["feed_title"], fields["published"]) == (
        "Παράταση έως τον Μάρτιο",
        "ΚΥΠΕ",
        "December 2, 2026 at 08:40PM",
    )
    assert "content" not in fields


def test_a_source_line_with_its_link_closes_a_free_text_post() -> None:
    body = (
        "Government to subsidise electricity bills\n\nSkopje (MIA) – The Government adopted a decision.\n\n"
        "Source: MIA https://mia.example/en/story/subsidy"
    ).encode()
    fields = dict(parse_payload(body, TEXT).fields)
    assert (fields["url"], fields["feed_title"]) == ("https://mia.example/en/story/subsidy", "MIA")
    assert "Source" not in fields["content"]
    # a label that names no feed leaves the line to the content
    fields = dict(parse_payload(body.replace(b"Source: MIA", b"Minister: Ana https://x.example/a x"), TEXT).fields)
    assert "feed_title" not in fields


def test_the_applets_date_in_brackets_ending_a_headline_over_its_link() -> None:
    body = b"Marine Atlantic adds crossings (November 14, 2026 at 02:35PM)\nhttps://vocm.example/a/\n\n<p>Text.</p>"
    fields = dict(parse_payload(body, TEXT).fields)
    assert (fields["title"], fields["published"]) == ("Marine Atlantic adds crossings", "November 14, 2026 at 02:35PM")


def test_a_question_mark_ending_an_unencoded_forms_title_is_no_links_query() -> None:
    body = "title=Hỏi & đáp: ai được thuê nhà?&link=https://luatkhoa.example/a/&content=<p>x</p>".encode()
    fields = dict(parse_payload(body, FORM).fields)
    assert (fields["title"], fields["url"]) == ("Hỏi & đáp: ai được thuê nhà?", "https://luatkhoa.example/a/")
    # a link's own query keeps an alias's name inside it
    linked = b"content=See https://x.example/s?q=1&link=2 there&title=T"
    assert "link=2" in dict(parse_payload(linked, FORM).fields)["content"]


def test_a_notice_naming_the_feed_before_new_as_korean_and_japanese_write_it() -> None:
    body = "토스 기술 블로그 새 글: 토스뱅크 앱의 화면 전환을 60fps로 만든 방법\nhttps://toss.example/a\n\n<p>본문.</p>".encode()
    fields = dict(parse_payload(body, TEXT).fields)
    title = "토스뱅크 앱의 화면 전환을 60fps로 만든 방법"
    assert (fields["title"], fields["feed_title"]) == (title, "토스 기술 블로그")


@pytest.mark.parametrize(
    ("label", "url"),
    [
        ("Leer más", "https://eltoque.example/a"),
        ("पूरा पढ्नुहोस्", "https://annapurna.example/story/1/"),
        ("Llegiu-ne més", "https://ib3.example/a"),
        ("Lesa meira", "https://www.vf.example/frettir/a"),
        ("Дэлгэрэнгүй", "https://gogo.example/r/k8x2p"),
        ("Прочети още", "https://darik.example/novini/1"),
        ("Léigh tuilleadh", "https://tg4.example/ga/nuacht/a/"),
        ("Leé la nota completa", "https://boca.example/futbol/a"),
    ],
)
def test_a_read_more_label_in_other_languages_closes_a_free_text_post(label: str, url: str) -> None:
    body = f"Headline of the story\n\nThe first paragraph of the story.\n\n{label}: {url}".encode()
    fields = dict(parse_payload(body, TEXT).fields)
    assert (fields["url"], fields["content"]) == (url, "The first paragraph of the story.")


def test_arabic_labels_with_their_article() -> None:
    body = (
        "العنوان: إقفال المدارس غداً\nالرابط: https://www.lebanon24.example/news/1\n"
        "التاريخ: December 2, 2026 at 02:40PM\nالمصدر: Lebanon 24\nالصورة: https://www.lebanon24.example/a.jpg\n"
        "النص: <p>أعلنت الوزارة إقفال المدارس.</p>"
    ).encode()
    fields = dict(parse_payload(body, TEXT).fields)
    assert (fields["title"], fields["url"], fields["feed_title"], fields["image"]) == (
        "إقفال المدارس غداً",
        "https://www.lebanon24.example/news/1",
        "Lebanon 24",
        "https://www.lebanon24.example/a.jpg",
    )


def test_the_longest_of_several_content_members_is_the_content() -> None:
    body = orjson.dumps({"title": "T", "summary": "Short teaser", "content": "<p>The whole story, much longer.</p>"})
    assert parse_payload(body, JSON).fields["content"] == "<p>The whole story, much longer.</p>"


def test_a_link_labelled_with_a_pointing_mark_ends_a_text_post() -> None:
    fields = dict(
        parse_payload("Hawkers banned from Moi Avenue\n\nRead more 👉 https://a.example/x".encode(), TEXT).fields
    )
    assert (fields.get("title"), fields.get("url"), fields.get("content")) == (
        "Hawkers banned from Moi Avenue",
        "https://a.example/x",
        None,
    )


def test_an_encoded_form_under_an_owners_own_names_is_read_by_shape() -> None:
    body = b"virsraksts=Atver+jauno+tiltu&saite=https%3A%2F%2Fa.example%2Fx&saturs=%3Cp%3ETeksts.%3C%2Fp%3E"
    assert dict(parse_payload(body, FORM).fields) == {
        "title": "Atver jauno tiltu",
        "url": "https://a.example/x",
        "content": "<p>Teksts.</p>",
    }


@pytest.mark.parametrize(
    "event",
    [
        # Miniflux's webhook, Ghost's post.published, Inoreader's rule webhook
        {
            "event_type": "new_entries",
            "feed": {"id": 3},
            "entries": [{"title": "T", "url": "https://a.example/x", "content": "<p>C</p>"}],
        },
        {"post": {"current": {"title": "T", "url": "https://a.example/x", "html": "<p>C</p>"}}},
        {
            "rule": {"name": "Watch"},
            "items": [
                {
                    "title": "T",
                    "canonical": [{"href": "https://a.example/x"}],
                    "summary": {"direction": "ltr", "content": "<p>C</p>"},
                }
            ],
        },
    ],
)
def test_the_item_inside_a_services_event_is_read(event: dict[str, Any]) -> None:
    fields = dict(parse_payload(orjson.dumps(event), JSON).fields)
    assert (fields["title"], fields["url"], fields["content"]) == ("T", "https://a.example/x", "<p>C</p>")


def test_a_known_fields_value_wrapped_in_an_object_is_read() -> None:
    body = orjson.dumps(
        {"title": "T", "link": "https://a.example/x", "authors": [{"name": "Dana Whitcomb", "slug": "dana"}]}
    )
    assert parse_payload(body, JSON).fields.get("author") == "Dana Whitcomb"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a flag or a number under an unknown name is no headline
        ({"url": "https://a.example/x", "content": "<p>C</p>", "is_breaking": True, "score": 3.5}, {}),
        # credentials and trackers are never the item's text
        ({"link": "https://a.example/x", "api_key": "sk-live-0123456789abcdef", "utm_source": "newsletter"}, {}),
        # beside a known title, a note or a category is no content, and an audio link no picture
        (
            {
                "title": "T",
                "url": "https://a.example/x",
                "category": "World news. Politics.",
                "audio": "https://static.example/ep.mp3",
            },
            {},
        ),
    ],
)
def test_members_under_unknown_names_add_nothing_they_do_not_show(
    body: dict[str, Any], expected: dict[str, str]
) -> None:
    known = {k: v for k, v in body.items() if k in ("title", "url", "link", "content")}
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert set(fields) - {"title", "url", "content"} == set(expected)
    assert fields.get("title") == known.get("title")


@pytest.mark.parametrize(
    ("member", "field", "value"),
    [
        ({"authors": [{"name": "Dana Whitcomb", "url": "https://a.example/author/dana"}]}, "author", "Dana Whitcomb"),
        ({"source": {"name": "Reuters", "url": "https://reuters.example/"}}, "feed_title", "Reuters"),
        ({"video": {"url": "https://a.example/player"}}, "title", None),  # a title is never read out of an object
        ({"data": {"title": "T", "url": "https://a.example/y"}}, "published", None),  # nor a date
    ],
)
def test_a_wrapped_value_is_read_by_its_fields_own_member(
    member: dict[str, Any], field: str, value: str | None
) -> None:
    body = orjson.dumps({"link": "https://a.example/x", "text": "<p>C</p>", **member})
    assert parse_payload(body, JSON).fields.get(field) == value


def test_an_events_own_link_beside_a_nested_object_is_kept() -> None:
    body = {
        "title": "",
        "content": "",
        "url": "https://a.example/x",
        "source": {"title": "Feed", "url": "https://f.example/"},
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert fields.get("url") == "https://a.example/x"
    assert "title" not in fields


def test_a_body_of_many_objects_is_looked_into_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    event = {f"k{i}": {"x": {"y": i}} for i in range(20_000)}
    calls = 0
    collect = fields_module.collect

    def counting(pairs: Any) -> Any:
        nonlocal calls
        calls += 1
        return collect(pairs)

    monkeypatch.setattr(payload_module, "collect", counting)
    assert parse_payload(orjson.dumps({"event": event}), JSON).fields == {}
    assert calls <= payload_module._NESTED_OBJECTS + 2  # not one for each of the 40,000 objects


def test_a_picture_file_under_an_owners_name_beside_known_members_is_the_picture() -> None:
    body = {
        "headline": "Ferry service resumes",
        "summary": "<p>The harbour reopened.</p>",
        "pic": "https://cdn.harbour.example/images/1200x675/ferry.jpeg?v=1",
        "foto_pagina": "https://cdn.harbour.example/ferry.webp",
        "other": "https://www.harbour.example/section/",  # a link that is no picture is still not read
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert fields == {
        "title": "Ferry service resumes",
        "content": "<p>The harbour reopened.</p>",
        "image": "https://cdn.harbour.example/images/1200x675/ferry.jpeg?v=1",
    }


@pytest.mark.parametrize(
    ("title_key", "link_key", "content_key", "image_key"),
    [
        ("nazov", "odkaz", "text", "obrázok"),  # Slovak
        ("název", "odkaz", "obsah", "obrázek"),  # Czech
        ("titel", "link", "inhoud", "afbeelding"),  # Dutch
        ("cím", "hivatkozás", "tartalom", "kép"),  # Hungarian
        ("τίτλος", "σύνδεσμος", "περιεχόμενο", "εικόνα"),  # Greek
        ("כותרת", "קישור", "תוכן", "תמונה"),  # Hebrew
    ],
)
def test_an_owners_member_names_in_more_languages(
    title_key: str, link_key: str, content_key: str, image_key: str
) -> None:
    body = {
        title_key: "Ferry service resumes",
        link_key: "https://www.harbour.example/ferry",
        content_key: "Short.",  # too short to be read by its shape: only its name makes it the content
        image_key: "https://images.harbour.example/rcs/Tz8pQ1/_fitwidth/1240?appId=9",  # no file extension
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert fields == {
        "title": "Ferry service resumes",
        "url": "https://www.harbour.example/ferry",
        "content": "Short.",
        "image": "https://images.harbour.example/rcs/Tz8pQ1/_fitwidth/1240?appId=9",
    }


def test_iftts_date_after_a_links_query_in_an_unencoded_form_is_the_date() -> None:
    body = (
        "title=Ferry resumes&url=https://www.harbour.example/ferry"
        "&image=https://cdn.harbour.example/image.jpg?t=1762700000&size=Large&date=November 11, 2025 at 04:00AM"
    )
    fields = dict(parse_payload(body.encode(), FORM).fields)
    assert fields["image"] == "https://cdn.harbour.example/image.jpg?t=1762700000&size=Large"
    assert fields["published"] == "November 11, 2025 at 04:00AM"
    # an ISO date in a query stays the link's (an alias of the date names a query parameter as often)
    query = "title=T&url=https://a.example/x?tipo=p&data=2027-06-01&content=Text"
    assert dict(parse_payload(query.encode(), FORM).fields)["url"] == "https://a.example/x?tipo=p&data=2027-06-01"


def test_beside_a_known_title_a_sentence_under_an_owners_name_is_the_content() -> None:
    body = {
        "title": "Rates cut",
        "saturs": "The central bank cut its key rate by one point on Friday, the regulator said.",
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert fields["content"] == body["saturs"]
    # a label or a category is no sentence, and is not read
    label = {"title": "Rates cut", "kategorija": "Business and economy news today"}
    assert "content" not in dict(parse_payload(orjson.dumps(label), JSON).fields)


def test_an_rss_parser_podcast_items_itunes_author_and_a_forms_array_key() -> None:
    item = {
        "title": "Forecasting ferry demand",
        "link": "https://harbourcast.example/412",
        "content": "<p>We talk about ferries.</p>",
        "itunes": {"author": "Kyle Pike", "image": "https://static.harbourcast.example/412.jpg", "episode": "412"},
    }
    fields = dict(parse_payload(orjson.dumps(item), JSON).fields)
    assert (fields["author"], fields["image"]) == ("Kyle Pike", "https://static.harbourcast.example/412.jpg")
    # the item's own member wins over the itunes one
    own = dict(parse_payload(orjson.dumps({**item, "author": "Harbourcast"}), JSON).fields)
    assert own["author"] == "Harbourcast"
    form = b"authors%5B%5D=Sam+Reed&title=Rally+raid&content=%3Cp%3EGravel.%3C%2Fp%3E"
    assert dict(parse_payload(form, FORM).fields)["author"] == "Sam Reed"


@pytest.mark.parametrize("key", ["byline", "údar", "awdur", "channelTitle"])
def test_more_names_for_the_author(key: str) -> None:
    body = orjson.dumps({"title": "T", "content": "<p>Text.</p>", key: "Máirtín Ó Conghaile"})
    assert parse_payload(body, JSON).fields["author"] == "Máirtín Ó Conghaile"


def test_a_logo_a_signed_link_and_a_passphrase_are_never_read_by_shape() -> None:
    body = {
        "title": "Ferry resumes",
        "content": "<p>The harbour reopened.</p>",
        "logo": "https://cdn.harbour.example/site-logo.png",
        "attachment": "https://bucket.example/p.jpg?X-Amz-Credential=AKIA&X-Amz-Signature=abc",
    }
    assert "image" not in dict(parse_payload(orjson.dumps(body), JSON).fields)
    secret = {"title": "Ferry resumes", "passphrase": "My dog Rex was born in Paris in the spring of 2015."}
    assert "content" not in dict(parse_payload(orjson.dumps(secret), JSON).fields)


def test_an_rss_parser_items_own_creator_wins_over_itunes_and_an_unencoded_forms_array_key() -> None:
    item = {"title": "Ferries", "content": "<p>Text.</p>", "creator": "Pod Network", "itunes": {"author": "Jane Host"}}
    assert parse_payload(orjson.dumps(item), JSON).fields["author"] == "Pod Network"
    raw = b"title=Hello there world&authors[]=Ann Lee&url=https://a.example/x"
    fields = dict(parse_payload(raw, FORM).fields)
    assert (fields["title"], fields["author"]) == ("Hello there world", "Ann Lee")


def test_a_form_of_one_member_holding_json_is_read_as_that_json() -> None:
    # GitHub's form webhooks: "payload=" and the event, percent-encoded
    event = {"action": "published", "entry": {"title": "v2.1", "link": "https://code.example/r/v2.1"}}
    body = urllib.parse.urlencode({"payload": json.dumps(event)}).encode()
    payload = parse_payload(body, FORM)
    assert payload.form == "form"
    assert payload.fields.get("title") == "v2.1"
    assert payload.fields.get("url") == "https://code.example/r/v2.1"
    # a form of one known member holding text, or JSON, stays that member
    assert "title" in parse_payload(b"title=%7BBraces%7D+in+a+title", FORM).fields
    assert parse_payload(b"title=%5B42%5D", FORM).fields.get("title") == "[42]"


def test_beside_a_known_content_a_date_and_a_picture_under_unknown_names_are_read() -> None:
    body = {
        "t": "River path reopens",
        "img": "https://cdn.example/river.jpg",
        "html": "<p>The path reopens on Monday.</p>",
        "at": "December 4, 2026 at 09:00AM",
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert fields["published"] == "December 4, 2026 at 09:00AM"
    assert fields["image"] == "https://cdn.example/river.jpg"
    assert fields["title"] == "River path reopens"
    # a date under a name that says nothing of the item's date is not its date ("deadline": an ISO date)
    other = {"html": "<p>Apply by the end of the month.</p>", "deadline": "2025-09-30"}
    assert "published" not in parse_payload(orjson.dumps(other), JSON).fields


def test_beside_a_known_content_a_line_of_words_under_an_unknown_name_is_the_headline() -> None:
    body = {"value": 'Norwich "Lanes" shops win bid', "link": "https://h.example/a", "html": "<p>Traders won.</p>"}
    assert parse_payload(orjson.dumps(body), JSON).fields.get("title") == 'Norwich "Lanes" shops win bid'
    # a label's name, or two words, is no headline
    for labelled in ({"category": "World news and politics"}, {"kicker": "World news"}):
        fields = parse_payload(orjson.dumps({"html": "<p>Traders won.</p>", **labelled}), JSON).fields
        assert "title" not in fields


def test_ghosts_feature_image_is_the_picture() -> None:
    post = {
        "post": {
            "current": {
                "title": "T",
                "url": "https://g.example/t/",
                "html": "<p>Text.</p>",
                "feature_image": "https://g.example/content/images/t.jpg",
                "published_at": "2026-08-05T09:00:00.000Z",
            }
        }
    }
    assert parse_payload(orjson.dumps(post), JSON).fields.get("image") == "https://g.example/content/images/t.jpg"


def test_a_shows_name_is_the_feeds() -> None:
    body = {"episode": "Swampland", "url": "https://ift.tt/R", "notes": "<p>Text.</p>", "show": "Harbour Crimes"}
    assert parse_payload(orjson.dumps(body), JSON).fields.get("feed_title") == "Harbour Crimes"


@pytest.mark.parametrize(
    ("member", "title"),
    [
        ({"t": "River path reopens on Monday"}, "River path reopens on Monday"),
        ({"location": "Golden Gate Park, San Francisco"}, None),  # a place, a byline, a status: no headline
        ({"value": "Posted by Jane Doe"}, None),
        ({"status": "Awaiting editor review"}, None),
    ],
)
def test_only_a_headlines_name_gives_a_headline_beside_a_known_content(
    member: dict[str, str], title: str | None
) -> None:
    body = {"content": "<p>The path reopens.</p>", "url": "https://h.example/a", **member}
    assert parse_payload(orjson.dumps(body), JSON).fields.get("title") == title


def test_a_cms_false_or_a_number_is_no_picture() -> None:
    body = {"title": "T", "url": "https://h.example/a", "featured_image": False, "image": "https://h.example/a.jpg"}
    assert parse_payload(orjson.dumps(body), JSON).fields.get("image") == "https://h.example/a.jpg"


def test_a_code_hosts_release_event_gives_its_page_tag_notes_and_author() -> None:
    """GitHub's (and Gitea's) release event: the release page, not the API address; the tag as the title."""
    event = {
        "action": "published",
        "release": {
            "url": "https://api.github.com/repos/acme/tool/releases/1",
            "html_url": "https://github.com/acme/tool/releases/tag/v2.0.0",
            "author": {"login": "octo-dev", "url": "https://api.github.com/users/octo-dev"},
            "tag_name": "v2.0.0",
            "name": None,
            "prerelease": False,
            "published_at": "2026-11-02T10:00:00Z",
            "body": "## What's Changed\r\n* fix: a thing by @octo-dev",
        },
        "repository": {"full_name": "acme/tool", "html_url": "https://github.com/acme/tool"},
    }
    fields = dict(parse_payload(orjson.dumps(event), JSON).fields)
    assert fields["url"] == "https://github.com/acme/tool/releases/tag/v2.0.0"
    assert fields["title"] == "v2.0.0"
    assert fields["author"] == "octo-dev"
    assert fields["content"].startswith("## What's Changed")


@pytest.mark.parametrize("page_key", ["html_url", "web_url"])
def test_a_page_address_wins_over_an_api_address_wherever_it_stands(page_key: str) -> None:
    body = {"title": "T", "url": "https://api.example/v4/items/7", page_key: "https://example.com/items/7"}
    assert parse_payload(orjson.dumps(body), JSON).fields.get("url") == "https://example.com/items/7"


def test_authors_given_as_a_list_of_names_are_joined() -> None:
    body = {"title": "T", "web_url": "https://a.example/p/x", "authors": ["Ana Ruiz", "Bo Lind"]}
    assert parse_payload(orjson.dumps(body), JSON).fields.get("author") == "Ana Ruiz, Bo Lind"


def test_a_releases_name_is_its_title_before_its_tag() -> None:
    release = {
        "html_url": "https://github.com/a/b/releases/tag/v3.8.1",
        "tag_name": "v3.8.1",
        "draft": False,
        "body": "Notes.",
    }
    named = {**release, "name": "3.8.1 / 2026-12-03"}
    assert parse_payload(orjson.dumps({"release": named}), JSON).fields["title"] == "3.8.1 / 2026-12-03"
    assert parse_payload(orjson.dumps({"release": {**release, "name": ""}}), JSON).fields["title"] == "v3.8.1"


def test_a_feed_readers_meta_names_the_feed() -> None:
    """The npm feedparser's item (Pipedream's RSS source) carries its feed as "meta"."""
    event = {
        "event": {
            "title": "Notes from the pier",
            "link": "https://write.as/ferrynotes/notes-from-the-pier",
            "description": "<p>Text.</p>",
            "meta": {"title": "Notes from the Ferry", "link": "https://write.as/ferrynotes/"},
        }
    }
    assert parse_payload(orjson.dumps(event), JSON).fields.get("feed_title") == "Notes from the Ferry"


def test_a_raw_forms_time_member_is_the_date_not_the_contents_tail() -> None:
    body = (
        "title=Storm closes schools&link=https://a.example/x&body=Schools close on Thursday & Friday."
        "&time=December 2, 2026 at 09:20PM"
    )
    fields = dict(parse_payload(body.encode(), "application/x-www-form-urlencoded").fields)
    assert (fields["content"], fields["published"]) == (
        "Schools close on Thursday & Friday.",
        "December 2, 2026 at 09:20PM",
    )


def test_a_link_under_a_name_that_says_it_is_the_storys_is_its_link() -> None:
    body = {
        "headline": "Sensex ends higher",
        "story_url": "https://www.example.in/markets/story/sensex-ends-higher-1",
        "desc": "Sensex jumped 612 points.\r\n<p>Banks led.</p>",
        "when": "December 4, 2026 at 04:02PM",
        "feed_home": "https://www.example.in/",
    }
    assert (
        parse_payload(orjson.dumps(body), JSON).fields.get("url")
        == "https://www.example.in/markets/story/sensex-ends-higher-1"
    )


@pytest.mark.parametrize(
    ("member", "field", "value"),
    [
        ({"medio": "Primicias"}, "feed_title", "Primicias"),  # an outlet's name in Spanish
        ({"publisher": "Reuters"}, "feed_title", "Reuters"),
        ({"site": "Townsville Bulletin"}, "feed_title", "Townsville Bulletin"),
        ({"site": "https://www.townsvillebulletin.com.au/"}, "feed_title", None),  # an address names no one
        ({"feed": "https://www.newswire.com/newsroom/riverbend-water-district/rss"}, "feed_title", None),
        ({"flux": "Maxifoot - L'actualité du football"}, "feed_title", "Maxifoot - L'actualité du football"),  # French
        ({"station": "CapeTalk"}, "feed_title", "CapeTalk"),  # a radio station
        # keys typed without their language's accents ("tác giả", "författare", "szerző") and more writers' keys
        ({"tac_gia": "Nguyễn Thảo Vy"}, "author", "Nguyễn Thảo Vy"),
        ({"forfattare": "Maja Hellström"}, "author", "Maja Hellström"),
        ({"szerzo": "Kovács Anna"}, "author", "Kovács Anna"),
        ({"כותבת": "נועה בן דוד"}, "author", "נועה בן דוד"),  # Hebrew: a woman writer
        ({"anh": "https://img.example/a.jpg"}, "image", "https://img.example/a.jpg"),  # Vietnamese "ảnh"
        ({"fortfattare": "Maja Hellström"}, "author", None),  # a typo is no alias
        ({"programa": "Café da Manhã"}, "feed_title", "Café da Manhã"),  # a programme in Portuguese
        ({"newsletter": "Letters of Note"}, "feed_title", "Letters of Note"),
        ({"continut": "<p>Salariul minim crește.</p>"}, "content", "<p>Salariul minim crește.</p>"),  # Romanian
        ({"thumb": "https://i.ytimg.com/vi/Lx3c/hqdefault.jpg"}, "image", "https://i.ytimg.com/vi/Lx3c/hqdefault.jpg"),
        ({"created": "December 5, 2026 at 02:17PM"}, "published", "December 5, 2026 at 02:17PM"),
        ({"created": "December 5, 2026 at 02:17PM", "published": "2026-12-04"}, "published", "2026-12-04"),
        # beehiiv's post: its text as the free edition's web page
        ({"content": {"free": {"web": "<p>Hey, Matt here.</p>"}}}, "content", "<p>Hey, Matt here.</p>"),
    ],
)
def test_more_names_owners_give_their_fields(member: dict[str, str], field: str, value: str) -> None:
    body = orjson.dumps({"titulo": "Cortes de luz reducidos", "url": "https://a.example/x", **member})
    assert parse_payload(body, JSON).fields.get(field) == value


def test_a_streams_title_beside_its_items_names_the_feed_not_the_item() -> None:
    """Inoreader's rule webhook: the stream's (a folder's or a feed's) title, then the items."""
    event = {
        "title": "WPR",
        "description": "",
        "items": [
            {
                "title": "Deer hunters register fewer bucks",
                "canonical": [{"href": "https://www.wpr.org/a"}],
                "summary": {"content": "<p>Text.</p>"},
            }
        ],
    }
    fields = dict(parse_payload(orjson.dumps(event), JSON).fields)
    assert (fields["title"], fields["feed_title"], fields["url"]) == (
        "Deer hunters register fewer bucks",
        "WPR",
        "https://www.wpr.org/a",
    )
    # a title alone, with no item inside that has a link or a text, is still the item's title
    lone = {"title": "A headline of its own", "meta": {"count": 1}}
    assert parse_payload(orjson.dumps(lone), JSON).fields.get("title") == "A headline of its own"


def test_a_wordpress_post_object_gives_its_fields() -> None:
    """WordPress's webhook plugins send the post object under WordPress's own names."""
    event = {
        "post_id": 7,
        "post": {
            "post_date": "2026-12-04 12:15:00",
            "post_date_gmt": "2026-12-04 10:15:00",
            "post_content": "<p>MTN has switched off 3G.</p>",
            "post_title": "MTN switches off 3G",
            "guid": "https://example.com/?p=7",
        },
        "post_thumbnail": "https://example.com/wp-content/uploads/2026/12/tower.jpg",
        "post_permalink": "https://example.com/2026/12/mtn-switches-off-3g/",
    }
    fields = dict(parse_payload(orjson.dumps(event), JSON).fields)
    assert fields["title"] == "MTN switches off 3G"
    assert fields["content"] == "<p>MTN has switched off 3G.</p>"
    assert fields["published"] == "2026-12-04 10:15:00"  # the GMT time, not the site's local one
    assert fields["url"] == "https://example.com/2026/12/mtn-switches-off-3g/"
    assert fields["image"] == "https://example.com/wp-content/uploads/2026/12/tower.jpg"


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        # a reading time under "time" is no date, and never beside a date
        (
            {"title": "T", "time": "5 min read", "published": "2025-06-03T10:00:00Z"},
            "published",
            "2025-06-03T10:00:00Z",
        ),
        ({"title": "T", "url": "https://a.example/x", "time": "00:42:17"}, "published", None),
        # "meta" as text, or a publication date, names no outlet
        ({"title": "T", "url": "https://a.example/x", "meta": "budget, council"}, "feed_title", None),
        ({"title": "T", "url": "https://a.example/x", "publication": "2026-12-03"}, "feed_title", None),
        # a page address only wins over an API's
        (
            {"title": "T", "url": "https://blog.example.com/posts/fix", "html_url": "https://github.com/e/app/pull/13"},
            "url",
            "https://blog.example.com/posts/fix",
        ),
        # a tag outside a release is no title
        (
            {"content": "<p>The council voted.</p>", "url": "https://a.example/x", "tag_name": "Local politics"},
            "title",
            None,
        ),
        # beside a whole item, a profile picture is no picture of it
        (
            {
                "title": "T",
                "content": "<p>C.</p>",
                "published": "2026-12-03T10:00:00Z",
                "profile_picture": "https://cdn.example.com/u/42.jpg",
            },
            "image",
            None,
        ),
    ],
)
def test_members_that_only_look_like_a_field_are_not_it(body: dict[str, Any], field: str, value: str | None) -> None:
    assert parse_payload(orjson.dumps(body), JSON).fields.get(field) == value


@pytest.mark.parametrize(
    ("body", "value"),
    [
        # a name under "source" or "feed" is as strong as ever; only an address there names no one
        (
            {"title": "T", "url": "https://a.example/x", "source": "Reuters", "feed_title": "Google News - Business"},
            "Reuters",
        ),
        (
            {"title": "T", "url": "https://a.example/x", "feed": "Reuters Business", "publisher": "Feedly"},
            "Reuters Business",
        ),
        # an id under "site" is no name
        ({"title": "T", "url": "https://a.example/x", "site": "12"}, None),
    ],
)
def test_a_feeds_name_under_source_or_feed_stands(body: dict[str, Any], value: str | None) -> None:
    assert parse_payload(orjson.dumps(body), JSON).fields.get("feed_title") == value


def test_a_broken_bodys_thumbnail_and_creation_date_are_read_by_their_names() -> None:
    """JSON broken by raw quotes is read from one known name to the next: "thumb" and "created" must be names."""
    body = (
        '{"title":"How "Unbreakable" Glass Is Made","link":"https://www.youtube.com/watch?v=Lx3c",'
        '"thumb":"https://i.ytimg.com/vi/Lx3c/hqdefault.jpg","text":"I saw how "unbreakable" screens are made.",'
        '"created":"November 27, 2026 at 03:30PM"}'
    )
    fields = dict(parse_payload(body.encode(), JSON).fields)
    assert fields["image"] == "https://i.ytimg.com/vi/Lx3c/hqdefault.jpg"
    assert fields["published"] == "November 27, 2026 at 03:30PM"
    assert fields["content"] == 'I saw how "unbreakable" screens are made.'


def test_a_key_line_after_the_date_that_ended_the_content_is_a_key_again() -> None:
    body = (
        b"Title: Ramsey harbour dredging to start in January\n"
        b"Link: https://www.manxradio.example/news/ramsey-harbour\n"
        b"Summary: Work is expected to take six weeks.\n"
        b"Date: December 5, 2026 at 11:48AM\n"
        b"Feed: Manx Radio - Isle of Man News"
    )
    fields = parse_payload(body, TEXT).fields
    assert fields["published"] == "December 5, 2026 at 11:48AM"
    assert fields["feed_title"] == "Manx Radio - Isle of Man News"
    assert fields["content"] == "Work is expected to take six weeks."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("From: Automotive News", "Automotive News"),
        ("From: Jane Doe <jane@news.example>", None),  # an e-mail's sender
        ("From: +15551234567", None),
        ("From: https://www.autonews.example/", None),
    ],
)
def test_a_from_line_names_the_feed_when_it_is_a_name(line: str, expected: str | None) -> None:
    body = f"Headline: Seat supplier to close Ohio plant\nLink: https://ift.tt/6Tb1Mz8\n{line}\n\nThe story.".encode()
    assert parse_payload(body, TEXT).fields.get("feed_title") == expected


def test_a_labelled_applet_date_in_brackets_after_the_link_is_the_date() -> None:
    body = (
        b"New from Cape Cod Times: Steamship Authority adds winter sailings https://ift.tt/7Pq2Wx4 "
        b"(posted December 9, 2026 at 07:30AM)"
    )
    assert parse_payload(body, TEXT).fields["published"] == "December 9, 2026 at 07:30AM"


@pytest.mark.parametrize("key", ["dek", "standfirst"])
def test_a_newsrooms_summary_line_is_the_content(key: str) -> None:
    body = orjson.dumps(
        {"title": "Province pauses funding", "link": "https://a.example/x", key: "Mayor calls it a setback"}
    )
    assert parse_payload(body, JSON).fields["content"] == "Mayor calls it a setback"


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        (
            {"text": "Athenian owner orders four VLCCs\nhttps://www.tradewinds.example/tankers/a/2-1-1845732"},
            {
                "title": "Athenian owner orders four VLCCs",
                "url": "https://www.tradewinds.example/tankers/a/2-1-1845732",
            },
        ),
        # no link found: the text stays the content, the normalizer heads it
        (
            {"content": "Snow overnight. The cat is furious about it."},
            {"content": "Snow overnight. The cat is furious about it."},
        ),
        # markup is a document, not a typed post
        ({"content": "<p>Title</p><p>https://a.example/x</p>"}, {"content": "<p>Title</p><p>https://a.example/x</p>"}),
    ],
)
def test_a_post_typed_as_one_json_text_is_read_as_a_text_body(member: dict[str, str], expected: dict[str, str]) -> None:
    assert dict(parse_payload(orjson.dumps(member), JSON).fields) == expected


def test_a_feedly_entry_gives_its_link_feed_and_picture() -> None:
    entry = {
        "id": "p0Xq9/7kzR2vB1mT4cN8LwY3sH6dJ0aE5gK=_19a4f1c2b7e:3c81f:6a2b7c91",
        "originId": "https://www.khronos.example/news/press/working-group",
        "title": "Khronos Forms Working Group",
        "published": 1762261200000,
        "alternate": [{"href": "https://www.khronos.example/news/press/working-group", "type": "text/html"}],
        "origin": {"streamId": "feed/https://www.khronos.example/news/rss", "title": "Khronos Group News"},
        "summary": {"content": "<p>The working group will publish in 2026.</p>", "direction": "ltr"},
        "visual": {"url": "https://www.khronos.example/uploads/splats.jpg", "contentType": "image/jpeg"},
    }
    fields = parse_payload(orjson.dumps(entry), JSON).fields
    assert fields["url"] == "https://www.khronos.example/news/press/working-group"
    assert fields["feed_title"] == "Khronos Group News"
    assert fields["image"] == "https://www.khronos.example/uploads/splats.jpg"
    assert fields["content"] == "<p>The working group will publish in 2026.</p>"
    # an origin given as an address names no one
    assert "feed_title" not in parse_payload(orjson.dumps({**entry, "origin": "https://a.example/"}), JSON).fields


def test_an_emphasized_channel_name_before_uploaded_is_the_feed() -> None:
    body = orjson.dumps(
        {
            "username": "YouTube",
            "content": "**First We Feast** uploaded a new video: Hot Ones\nhttps://www.youtube.com/watch?v=Hw9",
        }
    )
    fields = parse_payload(body, JSON).fields
    assert (fields["feed_title"], fields["title"]) == ("First We Feast", "Hot Ones")


def test_a_label_no_alias_knows_under_the_date_leaves_the_date_whole() -> None:
    body = (
        b"Title: The cost of a syscall in 2026\n"
        b"Link: https://blog.nelhage.example/post/syscall/\n"
        b"Date: November 24, 2026 at 03:05PM\n"
        b"Category: Performance\n"
        b"Blog: Made of Bugs\n\n"
        b"Every few years I re-measure a system call."
    )
    fields = parse_payload(body, TEXT).fields
    assert fields["published"] == "November 24, 2026 at 03:05PM"
    assert fields["feed_title"] == "Made of Bugs"
    assert fields["content"] == "Every few years I re-measure a system call."


@pytest.mark.parametrize(("blog", "expected"), [("Made of Bugs", "Made of Bugs"), ("https://blog.example/", None)])
def test_a_blogs_name_names_the_feed(blog: str, expected: str | None) -> None:
    body = orjson.dumps({"title": "A post", "url": "https://blog.example/a", "blog": blog})
    assert parse_payload(body, JSON).fields.get("feed_title") == expected


def test_a_feedly_saved_entrys_timestamp_and_visual() -> None:
    body = orjson.dumps(
        {
            "type": "NewEntrySaved",
            "title": "Coding Adventure: Rendering Fog",
            "entryUrl": "https://www.youtube.com/watch?v=Zp4kTq8mVbE",
            "feedTitle": "Sebastian Lague",
            "publishedDate": "2026-12-05",
            "publishedTimestamp": 1796481002000,
            "visualUrl": "https://i.ytimg.com/vi/Zp4kTq8mVbE/maxresdefault.jpg",
        }
    )
    fields = parse_payload(body, JSON).fields
    assert fields["published"] == "1796481002000"
    assert fields["image"] == "https://i.ytimg.com/vi/Zp4kTq8mVbE/maxresdefault.jpg"


@pytest.mark.parametrize(
    ("post", "feed_title", "title"),
    [
        (
            "[서울신문] 서울시, 청소년 할인 확대 https://www.seoul.example/news/1",
            "서울신문",
            "서울시, 청소년 할인 확대",
        ),
        ("神戸新聞NEXT更新: 追悼行事の準備始まる https://ift.tt/4NnRtY6", "神戸新聞NEXT", "追悼行事の準備始まる"),
        (
            "[단독] 지자체 12곳, 같은 업체와 수의계약 https://www.newstapa.example/1",
            None,
            "[단독] 지자체 12곳, 같은 업체와 수의계약",
        ),
        (
            "[D] Are we overfitting to benchmarks again? https://www.reddit.com/r/x/1",
            None,
            "[D] Are we overfitting to benchmarks again?",
        ),
    ],
)
def test_an_outlets_name_in_brackets_before_the_headline_names_the_feed(
    post: str, feed_title: str | None, title: str
) -> None:
    fields = parse_payload(post.encode(), TEXT).fields
    assert (fields.get("feed_title"), fields["title"]) == (feed_title, title)


@pytest.mark.parametrize(
    "post",
    [
        "[New Post] Apple unveils new iPad Pro lineup https://www.example.com/ipad",
        "[Weekly News] Council roundup https://www.example.com/roundup",
        "[포토뉴스] 서울시, 한강 불꽃축제 개최 https://www.example.com/photo",
        "【動画ニュース】新幹線が運転再開 https://www.example.com/video",
    ],
)
def test_a_sections_label_in_brackets_names_no_feed(post: str) -> None:
    fields = parse_payload(post.encode(), TEXT).fields
    assert "feed_title" not in fields
    assert fields["title"] == post.rsplit(" ", 1)[0]


def test_a_newsrooms_summary_line_gives_way_to_the_story_found_by_its_shape() -> None:
    body = {
        "headline": "City council approves budget",
        "dek": "Council votes 7-2",
        "story_url": "https://www.example.com/a",
        "article_text": "The council voted 7-2 on Tuesday to approve a $4 billion budget. Mayor Lee said it was fair.",
    }
    assert parse_payload(orjson.dumps(body), JSON).fields["content"] == body["article_text"]


@pytest.mark.parametrize(
    "body",
    [
        {"title": "Office closed", "url": "https://www.example.com/a", "from": "Jane Smith", "content": "Closed."},
        {"title": "Office closed", "url": "https://www.example.com/a", "from": {"name": "Jane", "address": "j@x.org"}},
        {"title": "Office closed", "url": "https://www.example.com/a", "origin": "IFTTT"},
        {"title": "Office closed", "url": "https://www.example.com/a", "origin": "Brazil"},
    ],
)
def test_a_sender_a_person_or_a_country_in_json_names_no_feed(body: dict[str, object]) -> None:
    assert "feed_title" not in parse_payload(orjson.dumps(body), JSON).fields


def test_an_email_like_from_line_names_no_feed() -> None:
    body = b"Subject: Office closed\nFrom: Jane Smith\nTo: All staff\nLink: https://www.example.com/a\n\nClosed Friday."
    assert "feed_title" not in parse_payload(body, TEXT).fields


def test_a_link_inside_a_json_texts_sentence_is_the_sentences() -> None:
    text = "Road closures downtown this weekend for the marathon. Detours are posted at https://www.example.gov/detours"
    assert dict(parse_payload(orjson.dumps({"text": text}), JSON).fields) == {"content": text}


def test_a_chat_notice_with_the_channel_and_title_set_off() -> None:
    content = (
        "**Dr. Becky** uploaded **Webb just found a galaxy that formed too early (again)** at December 10, 2026 at "
        "05:00PM: https://www.youtube.com/watch?v=Zr8kP3nVb1Y"
    )
    fields = parse_payload(orjson.dumps({"username": "Space videos", "content": content}), JSON).fields
    assert dict(fields) == {
        "url": "https://www.youtube.com/watch?v=Zr8kP3nVb1Y",
        "title": "Webb just found a galaxy that formed too early (again)",
        "feed_title": "Dr. Becky",
        "author": "Dr. Becky",
        "published": "December 10, 2026 at 05:00PM",
    }


def test_a_link_under_the_bare_name_post_is_the_items() -> None:
    body = {
        "title": "Garlic planted late. Is it doomed?",
        "post": "https://www.reddit.com/r/gardening/comments/1hq7m0d/garlic/",
        "text": "Life got in the way.\n\nWill it still make bulbs?",
    }
    assert parse_payload(orjson.dumps(body), JSON).fields["url"] == body["post"]


def test_a_chat_messages_line_over_its_card_names_the_channel_and_the_card_is_the_item() -> None:
    body = {
        "username": "YouTube",
        "content": "**CityNerd** just posted a video!",
        "embeds": [
            {
                "title": "Ranking the 30 Busiest US Airports by Transit Access",
                "url": "https://www.youtube.com/watch?v=Qe7vTz2Lm8c",
                "description": "Most big American airports are a long drive from anywhere.",
            }
        ],
    }
    fields = parse_payload(orjson.dumps(body), JSON).fields
    assert dict(fields) == {
        "feed_title": "CityNerd",
        "title": "Ranking the 30 Busiest US Airports by Transit Access",
        "url": "https://www.youtube.com/watch?v=Qe7vTz2Lm8c",
        "content": "Most big American airports are a long drive from anywhere.",
    }
    # any short line over a card: the card is the item (a line with no "posted" names no channel)
    text = {
        "content": "Snow overnight. The cat is furious about it.",
        "embeds": [{"title": "A card", "url": "https://a.example/"}],
    }
    fields = parse_payload(orjson.dumps(text), JSON).fields
    assert (fields["title"], fields.get("feed_title")) == ("A card", None)


@pytest.mark.parametrize(
    ("text", "title", "url"),
    [
        (
            "Why Rust is eating the world https://blog.example.com/2026/rust",
            "Why Rust is eating the world",
            "https://blog.example.com/2026/rust",
        ),
        (
            "Soil tests for beginners - https://loamwise.example/soil-tests",
            "Soil tests for beginners",
            "https://loamwise.example/soil-tests",
        ),
        ("Detours are posted at https://www.example.gov/detours", None, None),  # a sentence pointing at a link
    ],
)
def test_a_json_texts_title_then_link_on_one_line(text: str, title: str | None, url: str | None) -> None:
    fields = parse_payload(orjson.dumps({"text": text}), JSON).fields
    assert (fields.get("title"), fields.get("url")) == (title, url)


@pytest.mark.parametrize("name", ["item", "news", "entry"])
def test_a_feeds_or_an_index_link_under_a_bare_name_is_no_items_link(name: str) -> None:
    body = {
        "title": "City opens three cooling centers",
        "description": "Open daily.",
        name: "https://www.city.example/rss/news.xml",
    }
    assert "url" not in parse_payload(orjson.dumps(body), JSON).fields


@pytest.mark.parametrize(
    ("post", "feed_title"),
    [
        ("[한국경제] 삼성전자, 4분기 영업이익 10조 돌파 https://www.hankyung.example/a", "한국경제"),
        ("[Business Times] DBS posts record profit https://www.businesstimes.example/a", "Business Times"),
        ("[Press Herald] Portland approves budget https://www.pressherald.example/a", "Press Herald"),
        ("[Breaking News] Quake hits coast https://www.example.com/a", None),
    ],
)
def test_a_mastheads_name_in_brackets_against_a_label(post: str, feed_title: str | None) -> None:
    assert parse_payload(post.encode(), TEXT).fields.get("feed_title") == feed_title


def test_a_chat_messages_own_words_over_a_card_lead_its_text() -> None:
    body = {
        "content": "Tornado warning extended until 9 PM for Dallas County — take shelter now",
        "embeds": [
            {"title": "Tornado Warning", "url": "https://alerts.example/1", "description": "A tornado was observed."}
        ],
    }
    fields = parse_payload(orjson.dumps(body), JSON).fields
    assert fields["content"] == (
        "Tornado warning extended until 9 PM for Dallas County — take shelter now\n\nA tornado was observed."
    )
    assert "feed_title" not in fields


def test_a_chat_cards_footer_gives_the_poster_and_the_date() -> None:
    card = {
        "title": "One year of bike commuting",
        "url": "https://www.reddit.com/r/bicycling/comments/1hx3k2p/one_year/",
        "description": "Studded tires were the best money I spent.",
        "footer": {"text": "/u/north_loop_rider | December 7, 2026 at 08:41AM"},
    }
    fields = parse_payload(orjson.dumps({"embeds": [card]}), JSON).fields
    assert (fields["author"], fields["published"]) == ("/u/north_loop_rider", "December 7, 2026 at 08:41AM")


@pytest.mark.parametrize(
    ("footer", "author"),
    [
        ({"text": "Donovan Price | December 10, 2026 at 06:20PM"}, "Donovan Price"),
        ({"text": "The Stage • December 10, 2026 at 06:20PM"}, None),  # a title, not a person
        ({"text": "Ars Technica | December 10, 2026 at 06:20PM"}, None),  # the site of the card's link
        ({"text": "Rss Feed Bot | December 10, 2026 at 06:20PM"}, None),  # a feed's name
        ("MLSsoccer.com | December 10, 2026 at 06:20PM", None),  # Slack's footer is a string
    ],
)
def test_a_cards_footer_names_a_person_as_the_author(footer: object, author: str | None) -> None:
    card = {"title": "T", "url": "https://arstechnica.example/1", "description": "D.", "footer": footer}
    fields = parse_payload(orjson.dumps({"embeds": [card]}), JSON).fields
    assert (fields.get("author"), fields["published"]) == (author, "December 10, 2026 at 06:20PM")


@pytest.mark.parametrize(
    ("text", "feed_title", "content"),
    [
        ("New on Kahawa Tungu", "Kahawa Tungu", "The lights will be replaced."),
        ("📰 **Nova notícia no Kahawa Tungu!**", "Kahawa Tungu", "The lights will be replaced."),
        ("**香港獨立媒體網** 有新文章", "香港獨立媒體網", "The lights will be replaced."),
        ("本週 有新文章：我們談談房價", None, "本週 有新文章：我們談談房價\n\nThe lights will be replaced."),
        ("New on Shacknews: Streetlights for Jogoo Road", "Shacknews", "The lights will be replaced."),
        ("MLS news: Streetlights for Jogoo Road", None, "The lights will be replaced."),  # repeats the title
        ("Power cut in Eastlands tonight", None, "Power cut in Eastlands tonight\n\nThe lights will be replaced."),
        # a message whose name is no masthead's, or which only ends with the title, is the message's own
        ("New in stock at Target today", None, "New in stock at Target today\n\nThe lights will be replaced."),
        (
            "Council approves Streetlights for Jogoo Road",
            None,
            "Council approves Streetlights for Jogoo Road\n\nThe lights will be replaced.",
        ),
    ],
)
def test_slacks_message_over_its_attachment(text: str, feed_title: str | None, content: str) -> None:
    attachment = {
        "fallback": "Streetlights for Jogoo Road",
        "title": "Streetlights for Jogoo Road",
        "title_link": "https://kahawatungu.com/streetlights/",
        "text": "The lights will be replaced.",
        "image_url": "https://kahawatungu.com/wp-content/uploads/a.jpg",
        "ts": 1770731100,
    }
    fields = parse_payload(orjson.dumps({"text": text, "attachments": [attachment]}), JSON).fields
    assert (fields["title"], fields["url"], fields["published"], fields.get("feed_title"), fields["content"]) == (
        "Streetlights for Jogoo Road",
        "https://kahawatungu.com/streetlights/",
        "1770731100",
        feed_title,
        content,
    )


def test_a_quoted_title_after_released_names_no_uploader() -> None:
    fields = parse_payload(
        b"Radiohead released \xe2\x80\x9cWall of Eyes\xe2\x80\x9d\nhttps://pitchfork.example/a", TEXT
    ).fields
    assert "author" not in fields


def test_gitlabs_release_hook_titles_the_release() -> None:
    body = {
        "object_kind": "release",
        "name": "9.0.6",
        "tag": "9.0.6",
        "description": "The KiCad project is proud to announce the release of version 9.0.6.",
        "url": "https://gitlab.example/kicad/code/kicad/-/releases/9.0.6",
    }
    assert parse_payload(orjson.dumps(body), JSON).fields["title"] == "9.0.6"


def test_labels_no_alias_knows_under_one_line_fields_still_give_the_link_and_date() -> None:
    body = (
        b"Title: Andromeda from a Bortle 7 backyard\n"
        b"Author: dim_skies_anyway\n"
        b"Subreddit: astrophotography\n"
        b"Post: https://www.reddit.com/r/astrophotography/comments/1hs2d9k/andromeda/\n"
        b"Image: https://i.redd.it/q8v3n2k7x45e1.jpeg\n"
        b"Posted at: December 2, 2026 at 03:18AM\n"
        b"Content: https://i.redd.it/q8v3n2k7x45e1.jpeg"
    )
    fields = parse_payload(body, TEXT).fields
    assert fields["author"] == "dim_skies_anyway"
    assert fields["url"] == "https://www.reddit.com/r/astrophotography/comments/1hs2d9k/andromeda/"
    assert fields["image"] == "https://i.redd.it/q8v3n2k7x45e1.jpeg"
    assert fields["published"] == "December 2, 2026 at 03:18AM"


def test_a_text_posts_link_then_via_names_the_feed() -> None:
    post = "Santos Laguna anuncia a su nuevo director técnico → https://ift.tt/8QwXn3K vía El Siglo de Torreón"
    fields = parse_payload(post.encode(), TEXT).fields
    assert (fields["feed_title"], fields["url"]) == ("El Siglo de Torreón", "https://ift.tt/8QwXn3K")


@pytest.mark.parametrize(
    "post",
    [
        "This is the best explainer https://jalammar.github.io/illustrated-transformer/ via Simon Willison",
        "Show HN: A tiny SQLite clone https://github.com/foo/bar via Hacker News",
        "New post: Budget passes https://ift.tt/3xYz via IFTTT",
    ],
)
def test_a_hat_tip_or_a_tool_after_the_link_names_no_feed(post: str) -> None:
    fields = parse_payload(post.encode(), TEXT).fields
    assert fields.get("feed_title") in (None, "New post")  # ("New post:" is the notice's own lead)
    assert "via" not in fields["title"]


@pytest.mark.parametrize(
    "body",
    [
        b"Title: Five questions for the mayor\nQ: What is your plan?\nA: We will build homes.\n\nThe mayor spoke.",
        b"Title: PM chairs cabinet meeting\nISLAMABAD: The prime minister chaired a meeting.\nThe cabinet approved.",
    ],
)
def test_an_interviews_q_and_a_or_a_dateline_under_a_title_are_no_labels(body: bytes) -> None:
    fields = parse_payload(body, TEXT).fields
    assert "Q:" in fields["title"] or "ISLAMABAD:" in fields["title"]  # kept with the text as before, never dropped


def test_a_via_after_a_link_with_a_malformed_host_is_read_without_error() -> None:
    post = b"Second post https://[du}]&-1abc via Example"
    assert parse_payload(post, TEXT).fields.get("title") is not None


def test_slacks_ts_dates_the_item_only_where_nothing_else_does() -> None:
    body = {"title": "T", "url": "https://a.example/1", "ts": 1790000000, "pubDate": "Tue, 10 Feb 2026 12:00:00 GMT"}
    assert parse_payload(orjson.dumps(body), JSON).fields["published"] == "Tue, 10 Feb 2026 12:00:00 GMT"


@pytest.mark.parametrize("key", ["kaynak", "πηγή", "källa", "bron"])
def test_an_address_under_any_of_the_feeds_names_names_no_one(key: str) -> None:
    body = {"title": "T", "url": "https://www.ornekhaber.example/ekonomi/x", key: "https://www.ornekhaber.example/rss"}
    assert "feed_title" not in parse_payload(orjson.dumps(body), JSON).fields


def test_a_slack_link_alone_over_its_attachment_is_the_title_repeated() -> None:
    attachment = {"title": "Fuel for the spring sowing", "title_link": "https://montsame.mn/mn/read/1", "text": "Text."}
    body = {"text": "<https://montsame.mn/mn/read/1|Fuel for the spring sowing>", "attachments": [attachment]}
    fields = parse_payload(orjson.dumps(body), JSON).fields
    assert (fields["title"], fields["url"], fields["content"]) == (
        "Fuel for the spring sowing",
        "https://montsame.mn/mn/read/1",
        "Text.",
    )


def test_discourses_post_event_names_its_topic_and_its_rendered_text() -> None:
    post = {"id": 1, "cooked": "<p>Sync is slow.</p>", "raw": "Sync is slow.", "topic_title": "Sync to B2 is slow"}
    fields = parse_payload(orjson.dumps({"post": post}), JSON).fields
    assert (fields["title"], fields["content"]) == ("Sync to B2 is slow", "<p>Sync is slow.</p>")


def test_a_feed_bots_message_repeating_its_cards_title_and_link_leaves_the_card() -> None:
    card = {
        "title": "Muni brings back Owl service",
        "url": "https://sfstandard.com/2026/12/02/muni-owl/",
        "description": "The board voted 5-2.",
        "author": {"name": "Devin Park"},
    }
    body = {
        "content": "**Muni brings back Owl service**\nhttps://sfstandard.com/2026/12/02/muni-owl/",
        "embeds": [card],
    }
    fields = parse_payload(orjson.dumps(body), JSON).fields
    assert (fields["title"], fields["url"], fields["content"], fields["author"]) == (
        "Muni brings back Owl service",
        "https://sfstandard.com/2026/12/02/muni-owl/",
        "The board voted 5-2.",
        "Devin Park",
    )


def test_a_message_with_its_own_words_beside_the_cards_link_keeps_them() -> None:
    card = {"title": "Tornado Warning", "url": "https://alerts.example.gov/a/123", "description": "A warning."}
    body = {
        "content": "Extended until 9 PM for Dallas County. Take shelter now. https://alerts.example.gov/a/123",
        "embeds": [card],
    }
    assert "Extended until 9 PM" in parse_payload(orjson.dumps(body), JSON).fields.get("title", "") + parse_payload(
        orjson.dumps(body), JSON
    ).fields.get("content", "")


def test_discourses_topic_title_only_where_no_title_is_given() -> None:
    body = {"topic_title": "Weekly thread", "title": "Re: my reply", "url": "https://forum.example/t/1", "content": "x"}
    assert parse_payload(orjson.dumps(body), JSON).fields["title"] == "Re: my reply"


def test_date_and_text_keys_in_baltic_and_korean_templates() -> None:
    form = (
        "virsraksts=Sporta & atpūtas centrs&saite=https://www.la.example/a"
        "&teksts=Jaunajā centrā būs 25 metru peldbaseins un divas zāles.&datums=December 9, 2026 at 03:25PM"
    )
    fields = dict(parse_payload(form.encode(), FORM).fields)
    assert (fields["url"], fields["published"]) == ("https://www.la.example/a", "December 9, 2026 at 03:25PM")
    assert fields["content"].startswith("Jaunajā centrā")
    lines = (
        "Pealkiri: Lennujaam saab uue terminali\nLink: https://s.example/8401177\n"
        "Aeg: November 20, 2026 at 11:18AM\nSisu: <p>Terminal ehitatakse ümber.</p>"
    )
    assert dict(parse_payload(lines.encode(), TEXT).fields)["published"] == "November 20, 2026 at 11:18AM"
    korean = "제목: 들불축제\n링크: https://j.example/a\n날짜: February 3, 2026 at 05:35PM\n내용: <p>본문.</p>"
    assert dict(parse_payload(korean.encode(), TEXT).fields)["published"] == "February 3, 2026 at 05:35PM"


def test_a_byline_labelled_text_is_no_content() -> None:
    body = "Title: Ogre opens a sports centre\nLink: https://la.example/a\nTeksts: Jānis Bērziņš"
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert "content" not in fields


def test_macedonian_and_slovak_keys() -> None:
    lines = (
        "Наслов: Битола ќе добие нов систем\nЛинк: https://meta.example/bitola/\nДатум: December 2, 2026 at 01:40PM\n"
        "Содржина: <p>Општина Битола ќе постави шест нови мерни станици.</p>"
    )
    fields = dict(parse_payload(lines.encode(), TEXT).fields)
    assert (fields["url"], fields["published"]) == ("https://meta.example/bitola/", "December 2, 2026 at 01:40PM")
    assert fields["content"].startswith("<p>Општина")
    slovak = '{"titulok": "Nitra rozšíri parkovanie", "odkaz": "https://hn.example/a", "avtor": "Tina Kralj"}'
    fields = dict(parse_payload(slovak.encode(), JSON).fields)
    assert (fields["title"], fields["author"]) == ("Nitra rozšíri parkovanie", "Tina Kralj")


def test_more_on_a_site_closing_a_post_names_it() -> None:
    body = "Comeback-Album erscheint im März\n\nDie Band meldet sich zurück.\n\nMehr auf laut.de: https://www.laut.example/News/a"
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["url"], fields["feed_title"]) == ("https://www.laut.example/News/a", "laut.de")


def test_a_notice_of_a_new_chronicle_names_the_feed() -> None:
    body = "Nueva crónica en Gatopardo: Los últimos sastres del Centro Histórico https://gatopardo.example/a"
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["title"], fields["feed_title"]) == ("Los últimos sastres del Centro Histórico", "Gatopardo")


def test_ingredients_one_a_line_under_the_headline_in_any_order() -> None:
    # an e-mail style template: each ingredient on a line closed by <br>, the post's HTML, the feed signing off
    body = (
        "Why every teen wants the same lip oil<br>\nCasey Lewis<br>\nDecember 11, 2026 at 12:03PM<br>\n"
        "https://ift.tt/7Bn4kWp<br>\n<br>\n<p>It started with one video.</p><br>\n<br>\nFrom: After School via IFTTT"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert fields == {
        "title": "Why every teen wants the same lip oil",
        "author": "Casey Lewis",
        "published": "December 11, 2026 at 12:03PM",
        "url": "https://ift.tt/7Bn4kWp",
        "feed_title": "After School",
        "content": "<p>It started with one video.</p><br>",
    }
    # the date over the link, no name
    dated = "Rail strike called off\nDecember 3, 2026 at 11:02AM\nhttps://news.example/a\n\nUnions accepted the offer."
    fields = dict(parse_payload(dated.encode(), TEXT).fields)
    assert (fields["published"], fields["url"], fields["content"]) == (
        "December 3, 2026 at 11:02AM",
        "https://news.example/a",
        "Unions accepted the offer.",
    )
    # a short first line of the story alone under the headline is no writer's name
    story = "Storm closes schools\nJefferson County\nClasses are cancelled on Friday.\nhttps://news.example/b"
    fields = dict(parse_payload(story.encode(), TEXT).fields)
    assert "author" not in fields
    assert fields["content"].startswith("Jefferson County")


@pytest.mark.parametrize(
    "body",
    [
        '{"chat_id": "@mirror", "text": "【Bengo News】Court rules on overtime pay\\nDecember 03, 2026 at 11:02AM\\nhttps://ift.tt/48QmLx2"}',
        "{“chat_id”: ”@mirror”, “text”: ”【Bengo News】Court rules on overtime pay\\nDecember 03, 2026 at 11:02AM\\nhttps://ift.tt/48QmLx2”}",
    ],
)
def test_a_chat_messages_text_of_title_date_and_link_is_read_as_a_post(body: str) -> None:
    fields = dict(parse_payload(body.encode(), JSON).fields)
    assert (fields["title"], fields["published"], fields["url"]) == (
        "Court rules on overtime pay",
        "December 03, 2026 at 11:02AM",
        "https://ift.tt/48QmLx2",
    )
    assert "content" not in fields


def test_a_feed_saying_it_has_a_new_post_over_the_headline_names_the_feed() -> None:
    body = "Am I Stronger Yet? has a new post\n\nWhat agent logs taught me\nhttps://blog.example/p/logs\n\n<p>Text.</p>"
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["feed_title"], fields["title"], fields["url"]) == (
        "Am I Stronger Yet?",
        "What agent logs taught me",
        "https://blog.example/p/logs",
    )
    # a label in corner brackets saying the feed updated, the feed's name after it
    bracketed = "【Tumblr更新】チラシの裏がわり\nキースイッチを交換した\nhttps://habu.example/post/1\n\n<p>本文。</p>"
    fields = dict(parse_payload(bracketed.encode(), TEXT).fields)
    assert (fields["feed_title"], fields["title"]) == ("チラシの裏がわり", "キースイッチを交換した")


def test_a_post_label_holds_the_post_or_its_address_and_german_keys() -> None:
    lines = (
        "Title: Notes from an airport\nLink: https://joe.example/a/\nPosted: December 4, 2026 at 08:12PM\n"
        "Post: <p>Hi.</p>"
    )
    fields = dict(parse_payload(lines.encode(), TEXT).fields)
    assert (fields["content"], fields["published"]) == ("<p>Hi.</p>", "December 4, 2026 at 08:12PM")
    linked = "Title: Andromeda\nPost: https://www.reddit.example/r/a/comments/1/\nContent: A photo."
    assert dict(parse_payload(linked.encode(), TEXT).fields)["url"] == "https://www.reddit.example/r/a/comments/1/"
    german = '{"ueberschrift": "Kampagne startet", "veroeffentlicht": "November 13, 2026 at 08:15AM", "text": "Mehr."}'
    fields = dict(parse_payload(german.encode(), JSON).fields)
    assert (fields["title"], fields["published"]) == ("Kampagne startet", "November 13, 2026 at 08:15AM")


def test_more_and_a_link_closing_a_post_is_its_link() -> None:
    body = (
        "Lifeguard season extended\n\nPatrols continue until Easter.\n\nMore: https://council.example/news/lifeguards"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["url"], fields["content"]) == (
        "https://council.example/news/lifeguards",
        "Patrols continue until Easter.",
    )


def test_a_fields_words_after_a_raw_links_query_end_the_link() -> None:
    body = (
        "title=Subte fares to rise&url=https://herald.example/a?utm_source=ifttt&utm_medium=rss"
        "&summary=The city said on Monday that a ride will cost more.&published=December 14, 2026 at 08:20PM"
    )
    fields = dict(parse_payload(body.encode(), FORM).fields)
    assert fields["url"] == "https://herald.example/a?utm_source=ifttt&utm_medium=rss"
    assert fields["content"] == "The city said on Monday that a ride will cost more."
    channel = "title=Daylight Lamp&url=https://www.youtube.example/watch?v=Kp3x&channel=DIY Perks"
    fields = dict(parse_payload(channel.encode(), FORM).fields)
    assert (fields["url"], fields["author"]) == ("https://www.youtube.example/watch?v=Kp3x", "DIY Perks")
    # a query's own words stay the link's inside markup
    tagged = 'title=T&content=<a href="https://a.example/?q=1&summary=x y">x</a>'
    assert dict(parse_payload(tagged.encode(), FORM).fields)["content"].startswith("<a href=")


@pytest.mark.parametrize(
    ("closing", "feed_title"),
    [
        ("Ler mais: https://www.aveiro.example/a/", None),
        ("続きはこちら👉 https://www.aveiro.example/a/", None),
        ("Read on Pocket Gamer: https://www.aveiro.example/a/", "Pocket Gamer"),
    ],
)
def test_more_read_on_lines_closing_a_post_give_its_link(closing: str, feed_title: str | None) -> None:
    body = f"Ponte da Barra condicionada\n\nA circulação vai estar condicionada.\n\n{closing}"
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["url"], fields.get("feed_title")) == ("https://www.aveiro.example/a/", feed_title)
    assert fields["content"] == "A circulação vai estar condicionada."


def test_traditional_chinese_labels_a_feminine_author_key_and_a_byline_under_a_marked_title() -> None:
    lines = "標題：Dormitories divide the city\n連結：https://ti.example/a/\n作者：Chen Yi-ting\n內容：<p>Text.</p>"
    fields = dict(parse_payload(lines.encode(), TEXT).fields)
    assert (fields["title"], fields["url"], fields["content"]) == (
        "Dormitories divide the city",
        "https://ti.example/a/",
        "<p>Text.</p>",
    )
    spanish = '{"titulo": "Colonias sin agua", "autora": "Andrea Xoc", "contenido": "<p>Texto.</p>"}'
    assert dict(parse_payload(spanish.encode(), JSON).fields)["author"] == "Andrea Xoc"
    post = (
        "📰 Netizens Mock New Rules\nby Wen Lu\n\nOfficials were told to keep dinners cheap.\n\nhttps://cdt.example/a/"
    )
    fields = dict(parse_payload(post.encode(), TEXT).fields)
    assert fields["title"].endswith("Netizens Mock New Rules")  # (the owner's mark goes in app/ingest/service.py)
    assert fields["author"] == "Wen Lu"


@pytest.mark.parametrize(
    ("body", "absent"),
    [
        # a subtitle or a label under the headline is no writer
        ("The McRib is back\nBy Popular Demand\nhttps://news.example/mcrib\n\nMcDonald's brings it back.", "author"),
        ("Tesla recalls 2 million cars\nBreaking News\nhttps://news.example/tesla\n\nThe recall covers …", "author"),
        # a headline's own label in corner brackets, a sentence with "has a new", a pronoun, a reader's "Read on"
        (
            "【随時更新】ウクライナ情勢 最新ニュース\nロシア軍は東部で攻勢を強めている。\n続報を待つ。",
            "feed_title",
        ),
        (
            "Boeing has a new issue\nA cabin panel came loose on a flight on Friday.\nhttps://news.example/b",
            "feed_title",
        ),
        ("We have a new post!\n\nOur shelf is done\nhttps://blog.example/shelf", "feed_title"),
        (
            "Budget passes\n\nThe council voted 5-2.\n\nRead on for the details: https://news.example/budget",
            "feed_title",
        ),
        ("Sunset at the pier\n\nhttps://blog.example/pier\n\nFrom my Instagram via IFTTT", "feed_title"),
    ],
)
def test_readings_of_a_posts_head_and_closing_lines_leave_ordinary_lines_alone(body: str, absent: str) -> None:
    assert absent not in dict(parse_payload(body.encode(), TEXT).fields)


def test_a_post_label_alone_or_under_a_lead_makes_no_template() -> None:
    alone = dict(parse_payload(b"Post: I finally finished the bookshelf!\nhttps://blog.example/shelf", TEXT).fields)
    assert alone["url"] == "https://blog.example/shelf"
    led = dict(
        parse_payload(b"Jobs this week\nPost: Senior Reporter, Nairobi\nLink: https://jobs.example/1", TEXT).fields
    )
    assert led["title"] == "Jobs this week"
    letter = "Dear readers,<br>\nThis week we are moving the office.<br>\nSee you there!"
    assert dict(parse_payload(letter.encode(), TEXT).fields).get("title") != "Dear readers,"


def test_a_links_query_word_is_the_links_when_the_fields_own_key_follows() -> None:
    body = (
        "title=Budget hearing tonight&url=https://calendar.example/render?action=TEMPLATE&text=Budget Hearing"
        "&dates=20261201&content=The council meets at 6."
    )
    fields = dict(parse_payload(body.encode(), FORM).fields)
    assert fields["content"] == "The council meets at 6."
    assert fields["url"].endswith("&text=Budget Hearing&dates=20261201")


@pytest.mark.parametrize(
    "closing",
    [
        "Read full story 👉 https://news.example/a",
        "Escúchalo aquí 👉 https://news.example/a",
        "Lire l'article : https://news.example/a",
        "Read more at https://news.example/a",
        "Lee la noticia completa en: https://news.example/a",
    ],
)
def test_more_labels_of_a_posts_closing_link(closing: str) -> None:
    body = f"Drone deliveries start in January\n\nThe rules cover twelve cities.\n\n{closing}"
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["url"], fields["content"]) == ("https://news.example/a", "The rules cover twelve cities.")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"titulo": "El hielo flota", "canal": "CdeCiencia", "miniatura": "https://i4.yt.example/a.jpg"}', JSON),
        ('{"titel": "Talkshows", "kanal": "CdeCiencia", "vorschaubild": "https://i4.yt.example/a.jpg"}', JSON),
        ("Titre: Le tas de sable\nChaîne: CdeCiencia\nMiniature: https://i4.yt.example/a.jpg", TEXT),
    ],
)
def test_a_videos_channel_and_thumbnail_in_owners_languages(body: str, content_type: str) -> None:
    fields = dict(parse_payload(body.encode(), content_type).fields)
    assert (fields["author"], fields["image"]) == ("CdeCiencia", "https://i4.yt.example/a.jpg")


def test_swedish_japanese_and_german_keys_and_a_byline_after_a_comma() -> None:
    swedish = '{"rubrik": "Värmebölja i lagret", "lank": "https://arbetet.example/a/", "autorin": "Lea Brunner"}'
    assert dict(parse_payload(swedish.encode(), JSON).fields)["url"] == "https://arbetet.example/a/"
    assert dict(parse_payload(swedish.encode(), JSON).fields)["author"] == "Lea Brunner"
    japanese = (
        '{"タイトル": "基金9億円", "リンク": "https://tansa.example/1/", "記者": "中村彩", '
        '"公開日": "June 11, 2026 at 09:00AM"}'
    )
    fields = dict(parse_payload(japanese.encode(), JSON).fields)
    assert (fields["url"], fields["author"], fields["published"]) == (
        "https://tansa.example/1/",
        "中村彩",
        "June 11, 2026 at 09:00AM",
    )
    notice = (
        "New on Africa Is a Country: The mirage of the copper boom, by Chanda Mwale\n\nPrices are high.\n\n"
        "https://aiac.example/a"
    )
    fields = dict(parse_payload(notice.encode(), TEXT).fields)
    assert (fields["title"], fields["author"]) == ("The mirage of the copper boom", "Chanda Mwale")


def test_a_japanese_headline_key() -> None:
    body = '{"見出し": "三陸鉄道が臨時列車", "リンク": "https://iwate.example/1", "本文": "<p>運行を始めた。</p>"}'
    assert dict(parse_payload(body.encode(), JSON).fields)["title"] == "三陸鉄道が臨時列車"


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        # Portuguese "no" before a name's article, elided: "n’O Interior"
        ("📰 Nova notícia n’O Interior: Câmara aprova orçamento https://o.example/a", "Câmara aprova orçamento",
         "O Interior"),
        ("Nueva historia en GK 👉 Cómo funciona el sistema de cuotas https://gk.example/a",
         "Cómo funciona el sistema de cuotas", "GK"),
        # Turkish says whom it is from with a suffix on the name
        ("Tele1'den son dakika 🔴 İstanbul'da toplu ulaşıma zam https://www.tele1.com.tr/a",
         "İstanbul'da toplu ulaşıma zam", "Tele1"),
        ("BirGün’den yeni haber: Asgari ücret belli oldu https://www.birgun.net/a", "Asgari ücret belli oldu",
         "BirGün"),
        # Italian's "from the", French "in", a recipe
        ("Nuovo articolo dalla Tribuna di Treviso: Chiude la merceria https://t.example/a", "Chiude la merceria",
         "Tribuna di Treviso"),
        ("Nouveau dans Le Quotidien : Alma prolonge la piste https://q.example/a", "Alma prolonge la piste",
         "Le Quotidien"),
        ("Nouvelle recette sur 750g 🍰 Tarte fine aux pommes https://www.750g.com/a", "Tarte fine aux pommes",
         "750g"),
        ("🔨 Neue Anleitung auf selbst.de: Wasserhahn reparieren https://www.selbst.de/a", "Wasserhahn reparieren",
         "selbst.de"),
        # the noun first, "new" after it
        ("Receita nova no Panelinha: Arroz de forno com frango https://www.panelinha.com.br/a",
         "Arroz de forno com frango", "Panelinha"),
        # "New <name>" and breaking news "at <name>", the name spelling the link's host
        ("🐦 New False Knees: Power Line https://falseknees.com/412.html", "Power Line", "False Knees"),
        ("Última hora al Diari d'Andorra: Tallada la carretera https://www.diariandorra.ad/a", "Tallada la carretera",
         "Diari d'Andorra"),
        ("Breaking news from Kent Online: Bridge closed https://www.kentonline.co.uk/a", "Bridge closed",
         "Kent Online"),
        # a name that "has published", and an arrow pointing at the link
        ("📻 Europa FM a publicat: Tarifele la apă cresc → https://www.europafm.ro/a", "Tarifele la apă cresc",
         "Europa FM"),
    ],
)  # fmt: skip
def test_notices_in_other_languages_over_the_headline(body: str, title: str, feed_title: str) -> None:
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["title"], fields["feed_title"]) == (title, feed_title)


@pytest.mark.parametrize(
    "body",
    [
        "Son dakika: İstanbul'da toplu ulaşıma zam https://t.example/a",  # a label, naming no one
        "Historia en Quito: cómo se fundó la ciudad https://q.example/a",  # no "new" word
        # a newsmaker, not the link's site; a story "of" something is a headline
        "Meteoroloji'den son dakika: İstanbul için sarı kod uyarısı https://www.example.com.tr/a",
        "Nueva historia de amor: Shakira y su nuevo novio https://q.example/a",
        "New York: Subway fares rise https://www.nytimes.com/a",  # a place, not the link's site
        "Breaking news from Ukraine: Talks resume https://www.bbc.co.uk/a",
        # a maker's own headline about its new product; breaking news "in" a place on the place's site
        "New Firefox: what changed in version 140 https://www.firefox.com/a",
        "🦊 New Firefox: what changed in version 140 https://www.firefox.com/a",
        "Breaking news in Chicago: CTA service suspended https://www.chicago.gov/a",
        # a guide "of" something is a headline
        "Nueva guía de viaje: Japón en 10 días https://g.example/a",
        # news about a post on a platform, a place
        "Vídeo novo no YouTube mostra ataque de tubarão em Recife https://g1.example/a",
        "Post nuevo en Instagram desata polémica: la cantante responde https://e.example/a",
        "Notícia nova em Brasília: Senado aprova reforma https://b.example/a",
        "Nuova guida di Roma: i 10 musei https://www.roma.example/a",
    ],
)
def test_a_label_or_a_headline_lead_names_no_feed(body: str) -> None:
    assert "feed_title" not in dict(parse_payload(body.encode(), TEXT).fields)


def test_a_one_sentence_post_under_its_posters_notice_is_its_headline() -> None:
    body = (
        "Reuters posted on X:\n\nUS Supreme Court strikes down sweeping tariffs in 6-3 ruling, saying the president "
        "exceeded his powers\n\nhttps://x.com/Reuters/status/1890000000000000000"
    )
    assert dict(parse_payload(body.encode(), TEXT).fields)["title"].startswith("US Supreme Court strikes down")


def test_a_social_posts_text_under_its_posters_notice_is_no_headline() -> None:
    body = (
        "🔔 TanStack just posted on Bluesky:\n\nTanStack DB 1.0 is here. Thank you to everyone who filed issues, sent "
        "PRs and shipped apps on the betas.\n\nhttps://bsky.app/profile/tanstack.com/post/3m5wk2rj7yc2x"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields.get("title"), fields["feed_title"]) == (None, "TanStack")
    assert fields["content"].startswith("TanStack DB 1.0 is here.")


def test_a_stations_channel_beside_its_reporter_and_more_owner_words() -> None:
    station = '{"channel": "NTA News", "headline": "Trains return", "reporter": "Aisha Bello-Umar", "details": "Text."}'
    assert dict(parse_payload(station.encode(), JSON).fields)["author"] == "Aisha Bello-Umar"
    polish = '{"tytul": "Nowy rozkład jazdy", "adres": "https://radio.example/1,487215,nowy", "tresc": "<p>Tekst.</p>"}'
    assert dict(parse_payload(polish.encode(), JSON).fields)["url"] == "https://radio.example/1,487215,nowy"
    french = "Météo-France vient de publier : « Vigilance orange dans le Gard »\n\nDes pluies intenses.\n\nhttps://mf.example/a"
    fields = dict(parse_payload(french.encode(), TEXT).fields)
    assert fields["feed_title"] == "Météo-France"
    assert fields["title"] == "Vigilance orange dans le Gard"


@pytest.mark.parametrize(
    ("body", "title", "url", "feed_title"),
    [
        (  # "<Name> has a new story up: <title>"
            "🇹🇴 Kaniva Tonga has a new story up: Fuel prices to drop from Monday\n\nPetrol will fall.\n\n"
            "https://kaniva.example/2026/05/fuel-prices/",
            "Fuel prices to drop from Monday",
            "https://kaniva.example/2026/05/fuel-prices/",
            "Kaniva Tonga",
        ),
        (  # "posted a new <two words>:", and a flag between the notice and the title
            "Brandon Sanderson posted a new blog update: State of the Sanderson\nhttps://www.sanderson.example/state/",
            "State of the Sanderson",
            "https://www.sanderson.example/state/",
            "Brandon Sanderson",
        ),
        (
            "Guardian TT just posted 🇹🇹 Fishermen say catch down by half\n\nhttps://www.guardian.example/fishermen",
            "Fishermen say catch down by half",
            "https://www.guardian.example/fishermen",
            "Guardian TT",
        ),
        (  # the applet's guillemets round the headline under a notice are the applet's
            "Nouvelle actu sur le site du Secours populaire 👇\n« Rentrée scolaire : 48 000 cartables »\n"
            "Fournitures, chaussures, sorties.\nÀ lire ici : https://www.secours.example/actualites/rentree",
            "Rentrée scolaire : 48 000 cartables",
            "https://www.secours.example/actualites/rentree",
            None,
        ),
        (  # "[<name> 새 글]" alone over the headline: a header in square brackets
            "[참여연대 새 글]\n공공임대주택 예산 삭감\n\n정부가 예산을 줄였습니다.\n\n👉 https://www.pspd.example/welfare/2031874",
            "공공임대주택 예산 삭감",
            "https://www.pspd.example/welfare/2031874",
            "참여연대",
        ),
        (  # the owner's own medium names no one: the link does
            "new on my tumblr (zmagg): Notes from the server room at 3am\nhttps://zmagg.example/post/77/notes\n\n"
            "The pager went off at 3:12.",
            "Notes from the server room at 3am",
            "https://zmagg.example/post/77/notes",
            None,
        ),
        (  # a notice naming no one before the title and its link
            "🎙️ New episode is live! How to Reset a Morning Routine — https://podcast.example/episodes/18234567\n\n"
            "Three small changes to try this week.",
            "How to Reset a Morning Routine",
            "https://podcast.example/episodes/18234567",
            None,
        ),
        (  # a few words in any language over the closing link
            "Neue Folge von Beste Freundinnen 🎧\n\n#312 Die Geburtstagsabsage\n\nDiesmal geht es um alte Zeiten.\n\n"
            "Jetzt anhören: https://beste.example/312-die-geburtstagsabsage",
            "#312 Die Geburtstagsabsage",
            "https://beste.example/312-die-geburtstagsabsage",
            "Beste Freundinnen",
        ),
    ],
)
def test_an_owners_notice_and_closing_link_in_a_text_post(
    body: str, title: str, url: str, feed_title: str | None
) -> None:
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["title"], fields["url"], fields.get("feed_title")) == (title, url, feed_title)


def test_a_contact_blocks_or_profiles_link_closing_a_text_post_is_not_the_items() -> None:
    body = "Pool firm expands\n\nThe firm employs 24 technicians.\n\nMedia Relations Contact\nWeb: https://www.pools.example"
    assert "url" not in dict(parse_payload(body.encode(), TEXT).fields)
    profile = "Sketch of the day\n\nInk on paper.\n\nInstagram: https://www.instagram.com/someartist"
    assert "url" not in dict(parse_payload(profile.encode(), TEXT).fields)


def test_a_templates_label_lines_in_words_no_alias_knows_are_read_by_their_values() -> None:
    body = (
        "Lohateny : Antananarivo : la Jirama annonce des délestages\n"
        "Rohy : https://news.example/2026/02/18/delestages/\n"
        "Mpanoratra : Hery Rakotondrabe\n"
        "Daty : February 18, 2026 at 05:55AM\n"
        "Votoatiny : La Jirama a annoncé mardi un programme de délestages.\nLes quartiers seront publiés le soir."
    )
    assert dict(parse_payload(body.encode(), TEXT).fields) == {
        "title": "Antananarivo : la Jirama annonce des délestages",
        "url": "https://news.example/2026/02/18/delestages/",
        "author": "Hery Rakotondrabe",
        "published": "February 18, 2026 at 05:55AM",
        "content": "La Jirama a annoncé mardi un programme de délestages.\nLes quartiers seront publiés le soir.",
    }
    # three such lines, or none with a link, make no template: a post of its own
    chat = "Alice: the river rose overnight\nBob: the bridge is closed\nCarol: stay home\nDan: will do"
    assert "url" not in dict(parse_payload(chat.encode(), TEXT).fields)


def test_the_one_page_link_under_a_name_no_alias_knows_is_the_items() -> None:
    korean = {"제목": "제주 버스 준공영제 10년", "링크주소": "https://www.jejusori.example/news/articleView.html?idxno=452318",
              "내용": "<p>본문.</p>", "등록일": "May 14, 2026 at 02:20PM"}  # fmt: skip
    fields = dict(parse_payload(orjson.dumps(korean), JSON).fields)
    assert fields["url"] == "https://www.jejusori.example/news/articleView.html?idxno=452318"
    # beside another page link, neither is surely the item's; a feed's own address never is
    two = {**korean, "링크주소": "https://a.example/story", "원본": "https://b.example/other"}
    assert "url" not in dict(parse_payload(orjson.dumps(two), JSON).fields)
    feed = {**korean, "링크주소": "https://www.jejusori.example/rss/allArticle.xml"}
    assert "url" not in dict(parse_payload(orjson.dumps(feed), JSON).fields)


def test_a_links_label_line_in_serbian_korean_or_portuguese() -> None:
    body = "Naslov: Mladi lekari odlaze\nVeza: https://www.nedeljnik.example/mladi-lekari/\nSadržaj: <p>Tekst.</p>"
    assert dict(parse_payload(body.encode(), TEXT).fields)["url"] == "https://www.nedeljnik.example/mladi-lekari/"


def test_lithuanian_and_chinese_templates_label_lines() -> None:
    body = (
        "Antraštė: Nauja terminalo dalis\nNuoroda: https://www.elta.example/naujienos/1\n"
        "Data: February 17, 2026 at 09:20AM\nTekstas: Naujoje dalyje bus 12 langelių."
    )
    assert dict(parse_payload(body.encode(), TEXT).fields)["title"] == "Nauja terminalo dalis"
    chinese = (
        "标题: 我在南极越冬的四百天\n链接: https://www.podcast.example/episode/6712\n"
        "时间: October 18, 2026 at 10:00PM\n简介: <p>她在南极的科考站度过了四百天。</p>"
    )
    fields = dict(parse_payload(chinese.encode(), TEXT).fields)
    assert fields["published"] == "October 18, 2026 at 10:00PM"
    assert fields["content"] == "<p>她在南极的科考站度过了四百天。</p>"


@pytest.mark.parametrize(
    "last_line",
    [
        "Photo: https://images.example.com/2026/storm-coast.jpg",
        "Photo: https://www.flickr.com/photos/someone/53212345678",
        "Map: https://maps.google.com/?q=Main+Street",
        "Follow us on Mastodon: https://mastodon.social/@citylibrary",
        "Subscribe here: https://example.substack.com/subscribe",
        "Donate here 👉 https://www.gofundme.com/f/roof-repair",
    ],
)
def test_a_credit_or_a_call_to_action_closing_a_text_post_is_not_its_link(last_line: str) -> None:
    body = f"Storm hits the coast overnight\nHeavy rain and winds up to 120 km/h were recorded.\n{last_line}"
    assert "url" not in dict(parse_payload(body.encode(), TEXT).fields)


@pytest.mark.parametrize(
    "extra",
    [
        {"channel_url": "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw"},
        {"homepage": "https://www.city-library.example/about-us"},
        {"unsubscribe": "https://list.example.com/unsubscribe?u=123"},
        {"profile": "https://bsky.app/profile/mayor-2026.bsky.social"},
    ],
)
def test_a_page_that_is_someones_or_a_services_is_not_the_items_link(extra: dict[str, str]) -> None:
    body = {"title": "Library reopens", "description": "<p>The library reopens on Monday.</p>", **extra}
    assert "url" not in dict(parse_payload(orjson.dumps(body), JSON).fields)


def test_everyday_words_for_a_link_name_one_only_for_a_link() -> None:
    korean = {"제목": "동네 도서관 재개관", "내용": "<p>본문.</p>", "주소": "서울특별시 중구 세종대로 110",
              "링크": "https://blog.example.kr/2026/05/library"}  # fmt: skip
    assert dict(parse_payload(orjson.dumps(korean), JSON).fields)["url"] == "https://blog.example.kr/2026/05/library"
    weather = {"title": "Cold snap", "station": "KSEA", "url": "https://wx.example/2026/cold", "content": "Brr."}
    assert "feed_title" not in dict(parse_payload(orjson.dumps(weather), JSON).fields)


def test_a_raw_forms_open_query_or_a_words_value_keeps_its_unnamed_pieces() -> None:
    query = "title=Weather&url=https://www.example.com/search?lang=en&query=new york city weather&content=Rain"
    assert parse_payload(query.encode(), FORM).fields["url"] == (
        "https://www.example.com/search?lang=en&query=new york city weather"
    )
    prose = "title=Rock Hall&url=https://example.com/rock-roll&content=Bands&fans=gathered in Cleveland on Saturday"
    assert parse_payload(prose.encode(), FORM).fields["content"] == "Bands&fans=gathered in Cleveland on Saturday"


@pytest.mark.parametrize(
    "headline",
    [
        "NASA shared a new Mars image — and it is stunning",
        "Taylor Swift just released a new album 🎉 and fans are thrilled",
        "WHO published a new health report - obesity rates climb worldwide",
    ],
)
def test_a_headline_about_something_new_stays_whole(headline: str) -> None:
    assert dict(parse_payload(headline.encode(), TEXT).fields)["title"] == headline


def test_a_chats_lines_are_no_template_and_a_templates_last_label_is_its_text() -> None:
    chat = (
        "Alice: did you see the council vote last night?\nBob: https://www.localnews.example/2026/05/council-vote\n"
        "Alice: wow, seven to two, that is a surprise\nBob: yeah they argued about it for hours"
    )
    assert dict(parse_payload(chat.encode(), TEXT).fields)["title"] == "Alice: did you see the council vote last night?"
    short = (
        "Lohateny : Antananarivo : la Jirama\nRohy : https://n.example/2026/a-b/\nMpanoratra : Hery Rakoto\n"
        "Daty : February 18, 2026 at 05:55AM\nVoalaza : Nitsidika an'i Toamasina ny filoha omaly."
    )
    assert dict(parse_payload(short.encode(), TEXT).fields)["content"] == "Nitsidika an'i Toamasina ny filoha omaly."


def test_a_posters_credit_between_a_text_posts_title_and_its_link() -> None:
    body = (
        "New on r/singapore: HDB to launch 19,600 BTO flats (posted by /u/kopi_siew_dai) https://www.reddit.com/r/x/1"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["title"], fields["author"]) == ("HDB to launch 19,600 BTO flats", "/u/kopi_siew_dai")


def test_a_lone_page_link_whose_host_opens_a_bracket_is_no_link() -> None:
    body = {"TITLE": "Upper", "entryuo\u0000": "https://e[xample.com/c-1", "EntryCONTENT": "mixed", "Token": "t"}
    assert "url" not in dict(parse_payload(orjson.dumps(body), JSON).fields)


def test_a_raw_form_whose_first_key_no_alias_knows_is_read_as_a_form() -> None:
    # Bulgarian keys typed in Latin letters, "&" raw inside two values, a picture under an unknown name after prose;
    # "zaglavie" (заглавие, the title) is a headline's name beside a text
    body = (
        "zaglavie=Тепетата & Старият град: Пловдив пуска нови туристически маршрути&link=https://www.example.bg/p/1"
        "&tekst=Общината подготвя шест маршрута на български & английски език. Първите два са готови."
        "&snimka=https://cdn.example.bg/images/1200_tepeta.jpg&data=April 02, 2026 at 10:50AM"
    )
    fields = dict(parse_payload(body.encode(), "application/x-www-form-urlencoded").fields)
    assert fields == {
        "title": "Тепетата & Старият град: Пловдив пуска нови туристически маршрути",
        "url": "https://www.example.bg/p/1",
        "content": "Общината подготвя шест маршрута на български & английски език. Първите два са готови.",
        "image": "https://cdn.example.bg/images/1200_tepeta.jpg",
        "published": "April 02, 2026 at 10:50AM",
    }


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"username": "Pie de Página", "text": "Once comunidades caminan tres horas. Las pipas no llegan."}', JSON),
        (
            '{"username": "City of Toronto News Bot", "content": "Road closures this weekend.", "url": "https://x.ca/a"}',
            JSON,
        ),
        ("category=Local News and Weather&content=Heavy snow expected tonight.&url=https://x.com/a", FORM),
    ],
)
def test_a_first_member_no_alias_names_is_no_headline(body: str, content_type: str) -> None:
    assert "title" not in parse_payload(body.encode(), content_type).fields


def test_curly_quoted_json_under_names_no_alias_knows_is_read_by_shape() -> None:
    # Kyrgyz keys, typed in curly quotes: no alias names any member, yet a link and a text make an item
    body = (
        "{\n“аталышы”: “Бишкекте 1-сентябрда үч жаңы мектеп ачылат”,\n“шилтеме”: “https://www.example.org/a/1.html”,\n"
        "“кыскача”: “Жаңы мектептердин ар бири 1200 окуучуга ылайыкталган. Курулуш август айында бүтөт.”\n}"
    )
    fields = dict(parse_payload(body.encode(), JSON).fields)
    assert fields["title"] == "Бишкекте 1-сентябрда үч жаңы мектеп ачылат"
    assert fields["url"] == "https://www.example.org/a/1.html"
    assert fields["content"].startswith("Жаңы мектептердин")


@pytest.mark.parametrize(
    ("key", "value"),
    [("video_title", "The Fuller: Not a Blood Groove"), ("job_title", "Senior Rails Engineer at Brambleworks")],
)
def test_a_things_own_title_beside_a_text_is_the_headline(key: str, value: str) -> None:
    body = f'{{"{key}": "{value}", "link": "https://www.example.com/a", "summary": "Why did so many swords have it?"}}'
    assert parse_payload(body.encode(), JSON).fields["title"] == value


def test_a_channel_line_among_a_templates_keys_names_the_channel() -> None:
    body = "Canal: Meteoro Brasil\nTítulo: O Brasil que não tem esgoto\nURL: https://youtu.be/M\nDescrição: Por que."
    assert parse_payload(body.encode(), TEXT).fields["author"] == "Meteoro Brasil"
    # alone, "Canal:" opens a headline as often ("Canal: la sequía obliga …")
    assert "author" not in parse_payload("Canal: la sequía obliga a cortar el paso".encode(), TEXT).fields


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Catalan keys, typed without their accents
        ("titol=Sóller Jazz tanca la programació&enllac=https://news.example/a&text=El festival se celebra.",
         {"title": "Sóller Jazz tanca la programació", "url": "https://news.example/a"}),
        # an anchor's attributes and a teaser as keys: the headline under "name" beside them
        (json.dumps({"name": "Aldermen approve a fee on vacant buildings", "href": "https://news.example/b",
                     "blurb": "Owners will pay the new fee in January."}),
         {"title": "Aldermen approve a fee on vacant buildings", "url": "https://news.example/b",
          "content": "Owners will pay the new fee in January."}),
    ],
)  # fmt: skip
def test_more_keys_owners_name_their_fields_with(body: str, expected: dict[str, str]) -> None:
    kind = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    fields = dict(parse_payload(body.encode(), kind).fields)
    assert {name: fields.get(name) for name in expected} == expected


def test_a_persons_name_under_name_is_no_headline() -> None:
    body = json.dumps(
        {"name": "Jane Mary Doe", "link": "https://news.example/p", "description": "A post about things."}
    )
    assert dict(parse_payload(body.encode(), "application/json").fields).get("title") != "Jane Mary Doe"


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        # Indonesian "published", a deals site's "Deal:" and "Details:"
        ("Judul: Pelabuhan tambah dermaga\nTautan: https://f.example/a\nTerbit: October 22, 2026 at 08:40AM\n"
         "Isi: Pelabuhan Makassar akan menambah dua dermaga.", "published", "October 22, 2026 at 08:40AM"),
    ],
)  # fmt: skip
def test_more_labels_of_hand_typed_templates(body: str, field: str, value: str) -> None:
    assert dict(parse_payload(body.encode(), TEXT).fields)[field] == value


def test_a_vietnamese_days_key_is_the_date() -> None:
    body = (
        "title=Cầu Rồng phun lửa&link=https://d.example/a&tomtat=Từ tháng 10, Cầu Rồng phun lửa & phun nước."
        "&ngay=2026-09-28T02:00:00.000Z"
    )
    assert dict(parse_payload(body.encode(), FORM).fields)["published"] == "2026-09-28T02:00:00.000Z"


def test_a_publishers_name_under_the_published_label_is_no_date() -> None:
    body = '{"judul": "Buku baru", "tautan": "https://g.example/a", "terbit": "Kompas"}'
    assert "published" not in dict(parse_payload(body.encode(), JSON).fields)


def test_via_a_name_whose_elided_article_is_in_the_domain() -> None:
    body = "Mbappé forfait contre l'Espagne https://www.lequipe.fr/a via L'Équipe"
    assert dict(parse_payload(body.encode(), TEXT).fields)["feed_title"] == "L'Équipe"


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # Japanese leads: in lenticular brackets, a full-width colon with no space after it, a blog "updated"
        (
            "【電ファミ新着】『星環のアルカディア』Steam版が発売決定 https://news.d.example/a",
            "『星環のアルカディア』Steam版が発売決定",
        ),
        (
            "【キユーピー】新着プレスリリース：瀬戸内レモンドレッシングを発売 https://prtimes.example/a",
            "瀬戸内レモンドレッシングを発売",
        ),
        (
            "【intern】Tumblr更新しました📝 新しいキーボードを買った話 https://i.example/post/1",
            "新しいキーボードを買った話",
        ),
        # an arrow or a triangle pointing at the link is no word of the title
        ("제주올레 완주자 누적 3만명 넘어 ▶ https://www.ihalla.example/a", "제주올레 완주자 누적 3만명 넘어"),
        ("Storm closes the harbour 👉 https://n.example/a", "Storm closes the harbour"),
    ],
)  # fmt: skip
def test_an_owners_lead_or_pointer_around_the_title_on_a_free_line(body: str, title: str) -> None:
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert fields["title"] == title


@pytest.mark.parametrize(
    "body",
    [
        # (a bracketed tag that opens a headline stays in it: it says no "new")
        "【速報】東京で震度4 https://n.example/a",
        "Guvernul a publicat noile reguli pentru chirii https://g.example/a",  # a sentence, no lead
        # "has published" by a name the link's host does not spell: a newsmaker's
        "Guvernul a publicat: lista școlilor care trec la online https://www.g.example/a",
        "El Gobierno ha publicado: estas son las nuevas normas https://www.elpais.example/a",
        # a quotation ending the headline; a company's own "updated" news
        "Macron : « Nous ne céderons pas » https://www.lemonde.example/a",
        "価格表を更新しました！ 新料金は4月から適用 https://www.k.example/a",
        "Apple just posted🚀 record quarterly revenue https://www.n.example/a",
        # a "new" notice over many capitalized words, each of which a small word may be (not exponential)
        "Post novo no " + "Da " * 22 + "x https://n.example/a",
    ],
)
def test_a_headlines_own_words_are_no_lead(body: str) -> None:
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert fields["title"] == body.rpartition(" ")[0]
    assert "feed_title" not in fields


def test_a_template_in_full_width_colons_opening_with_the_blogs_name() -> None:
    body = (
        "ブログ：SmartHR Tech Blog\nタイトル：アイコンを SVG スプライトに移行した\nURL：https://tech.s.example/entry/1\n"
        "公開日：October 21, 2026 at 03:00AM\n本文：<p>こんにちは。</p>"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["feed_title"], fields["title"], fields["url"]) == (
        "SmartHR Tech Blog",
        "アイコンを SVG スプライトに移行した",
        "https://tech.s.example/entry/1",
    )
    assert fields["content"] == "<p>こんにちは。</p>"


def test_a_source_keyed_in_chinese_names_the_feed() -> None:
    body = {
        "标题": "牌照申请窗口将于月底关闭",
        "链接": "https://w.example/p/d5e",
        "来源": "吴说区块链",
        "内容": "<p>据报道。</p>",
    }
    fields = dict(parse_payload(orjson.dumps(body), JSON).fields)
    assert fields["feed_title"] == "吴说区块链"


def test_a_summary_after_a_bar_on_the_owners_line_is_the_content() -> None:
    body = (
        "📰 Expats.cz | Prague to add 40 night tram stops | From December 13, Prague's night trams will stop at 40 "
        "more places. https://www.expats.example/a"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert (fields["title"], fields["feed_title"]) == ("Prague to add 40 night tram stops", "Expats.cz")
    assert fields["content"].startswith("From December 13")
    # a headline with a bar and no sentence after it stays whole
    label = "Guest Essay | Why I am leaving the party after forty years of service in it. https://n.example/a"
    assert dict(parse_payload(label.encode(), TEXT).fields)["title"].startswith("Guest Essay | Why")
    short = "Prague night trams | Timetable changes from Sunday https://www.expats.example/a"
    assert (
        dict(parse_payload(short.encode(), TEXT).fields)["title"]
        == "Prague night trams | Timetable changes from Sunday"
    )


@pytest.mark.parametrize(
    ("body", "feed_title"),
    [
        # a member no alias knows whose value spells the link's host names the site
        ({"tytul": "Jarmark w tym roku", "link": "https://kurier.example/2026/a", "portalik": "Kurier"}, "Kurier"),
        (
            {"title": "Nytt oppsett", "url": "https://timharek.example/blog/x", "nettstedet": "Tim Hårek"},
            "Tim Hårek",
        ),
        # a tag in lower case is a topic, the headline's own member is the headline, a longer line no name
        ({"title": "Halving soon", "url": "https://bitcoin.example/news/a", "tag": "bitcoin"}, None),
        # a platform's own name on the platform is no publisher's
        ({"title": "A video", "url": "https://www.youtube.com/watch?v=abc123", "platform": "YouTube"}, None),
        ({"t": "Kurier", "url": "https://kurier.example/a", "text": "<p>Body.</p>"}, None),
        ({"title": "T", "url": "https://kurier.example/a", "about": "Kurier\nVienna"}, None),
    ],
)
def test_a_member_spelling_the_links_host_names_the_site(body: dict[str, Any], feed_title: str | None) -> None:
    assert parse_payload(orjson.dumps(body), JSON).fields.get("feed_title") == feed_title


@pytest.mark.parametrize(
    ("key", "value", "feed_title"),
    [
        ("avots", "Jauns.lv", "Jauns.lv"),
        ("ffynhonnell", "Cyngor Caerdydd", "Cyngor Caerdydd"),
        ("chanzo", "TV47 Digital", "TV47 Digital"),
        ("feedName", "Wrexham AFC", "Wrexham AFC"),
        ("emissora", "Rádio Moçambique", "Rádio Moçambique"),
        ("매체", "요즘IT", "요즘IT"),
        ("издание", "Казахстанская правда", "Казахстанская правда"),
        ("provider", "CBC", "CBC"),
        # an outlet's word that names other things as often: only a name is the feed's
        ("newspaper", "A4", None),
        ("portal", "https://www.portal.example/", None),
        ("provider", "2026", None),
        ("provider", "IFTTT", None),
        ("provider", "Google", None),
        ("portal", "Yes", None),
        ("newspaper", "Smith et al. Global rice yields under warming", None),
        # the date's word of a language that names other things too: only a date
        ("tarix", "Tarix", None),
    ],
)
def test_an_outlets_name_under_its_word_in_more_languages(key: str, value: str, feed_title: str | None) -> None:
    body = {"title": "Council sets budget", "url": "https://w.example/a", key: value}
    fields = parse_payload(orjson.dumps(body), JSON).fields
    assert fields.get("feed_title") == feed_title
    assert "published" not in fields


def test_an_outlets_word_opening_a_text_bodys_line_is_the_storys() -> None:
    body = (
        "Title: Outage hits region\nLink: https://example.com/news/outage-1\n\n"
        "Thousands of homes lost internet on Tuesday.\nProvider: Comcast said it was working on a fix."
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert fields["url"] == "https://example.com/news/outage-1"
    assert fields["content"].endswith("Provider: Comcast said it was working on a fix.")


def test_keys_in_more_languages_end_a_raw_forms_values() -> None:
    body = (
        "სათაური=ველობილიკი გაიხსნება&ბმული=https://f.example/News/1&ტექსტი=ბილიკი გაიხსნება & იმუშავებს."
        "&თარიღი=June 18, 2026 at 03:05PM"
    )
    fields = dict(parse_payload(body.encode(), FORM).fields)
    assert (fields["content"], fields["published"]) == ("ბილიკი გაიხსნება & იმუშავებს.", "June 18, 2026 at 03:05PM")
    uzbek = {"sarlavha": "Yangi ko‘prik ochildi", "havola": "https://k.example/a", "matn": "Matn.", "muallif": "Aziz"}
    fields = dict(parse_payload(orjson.dumps(uzbek), JSON).fields)
    assert (fields["title"], fields["url"], fields["content"], fields["author"]) == (
        "Yangi ko‘prik ochildi",
        "https://k.example/a",
        "Matn.",
        "Aziz",
    )


def test_a_wordpress_rest_post_is_read_by_its_rendered_members_and_seo_head() -> None:
    post = {
        "id": 41877,
        "date": "2026-10-07T09:30:00",
        "date_gmt": "2026-10-07T12:30:00",
        "slug": "escuelas-rurales",
        "link": "https://w.example/escuelas-rurales/",
        "title": {"rendered": "En Entre R&iacute;os, las escuelas rurales piden &#8220;zonas libres&#8221;"},
        "content": {"rendered": "<p>Docentes y familias presentaron un amparo.</p>", "protected": False},
        "excerpt": {"rendered": "<p>Docentes.</p>", "protected": False},
        "author": 23,
        "yoast_head_json": {
            "og_site_name": "Agencia Tierra Viva",
            "og_image": [{"url": "https://w.example/uploads/escuela.jpg", "width": 1200}],
            "author": "Nahuel Ibarra",
        },
    }
    fields = dict(parse_payload(orjson.dumps(post), JSON).fields)
    assert fields == {
        "title": "En Entre R&iacute;os, las escuelas rurales piden &#8220;zonas libres&#8221;",
        "content": "<p>Docentes y familias presentaron un amparo.</p>",
        "url": "https://w.example/escuelas-rurales/",
        "published": "2026-10-07T12:30:00Z",
        "author": "Nahuel Ibarra",
        "image": "https://w.example/uploads/escuela.jpg",
        "feed_title": "Agencia Tierra Viva",
    }
    del post["yoast_head_json"]
    fields = dict(parse_payload(orjson.dumps(post), JSON).fields)
    assert "author" not in fields  # a user's number is no writer's name


@pytest.mark.parametrize(
    ("resource", "url"),
    [
        # a search result: the video's id under "id"
        ({"kind": "youtube#searchResult", "id": {"kind": "youtube#video", "videoId": "Jw5nH1cXr7o"}}, "Jw5nH1cXr7o"),
        # a video: its id is "id"
        ({"kind": "youtube#video", "id": "Qm2bX7tLr0c"}, "Qm2bX7tLr0c"),
        # a playlist's item: its own id is the item's, the video's under the snippet's "resourceId"
        ({"kind": "youtube#playlistItem", "id": "UExQTXpUM1dsU3R4OUxW", "resourceId": {"videoId": "Zr4cP9wYk1e"}},
         "Zr4cP9wYk1e"),
    ],
)  # fmt: skip
def test_a_youtube_data_api_video_gives_its_watch_address_channel_and_largest_thumbnail(
    resource: dict[str, Any], url: str
) -> None:
    snippet = {
        "publishedAt": "2026-02-21T15:00:41Z",
        "title": "Why Canada&#39;s Border Isn&#39;t Actually Straight",
        "description": "The 49th parallel looks like the simplest border on Earth.",
        "thumbnails": {
            "default": {"url": "https://i.ytimg.example/vi/a/default.jpg"},
            "high": {"url": "https://i.ytimg.example/vi/a/hqdefault.jpg"},
        },
        "channelTitle": "Atlas Pro",
    }
    if (placed := resource.pop("resourceId", None)) is not None:
        snippet = {
            **snippet,
            "resourceId": placed,
            "channelTitle": "Geography picks",
            "videoOwnerChannelTitle": "Atlas Pro",
        }
    fields = dict(parse_payload(orjson.dumps({**resource, "snippet": snippet}), JSON).fields)
    assert fields["url"] == f"https://www.youtube.com/watch?v={url}"
    assert (fields["feed_title"], fields["image"]) == ("Atlas Pro", "https://i.ytimg.example/vi/a/hqdefault.jpg")
    assert fields["title"] == "Why Canada&#39;s Border Isn&#39;t Actually Straight"
    # another service's "snippet" is no video, whatever its "kind"
    listed = {"title": "Storm update", "url": "https://x.example/a", "kind": ["news"], "snippet": {"text": "x"}}
    assert dict(parse_payload(orjson.dumps(listed), JSON).fields)["title"] == "Storm update"
    other = dict(parse_payload(orjson.dumps({"kind": "note", "id": "Jw5nH1cXr7o", "snippet": snippet}), JSON).fields)
    assert "url" not in other


def test_a_long_line_under_a_label_no_alias_knows_after_a_date_is_the_text() -> None:
    body = (
        "Título: Tuxtla tendrá nueva ruta hacia el aeropuerto\nEnlace: https://c.example/chiapas/ruta/485123/\n"
        "Autor: \nFecha: September 22, 2026 at 03:40PM\nResumen largo: " + "La Secretaría autorizó una ruta. " * 8
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert fields["published"] == "September 22, 2026 at 03:40PM"
    assert fields["content"].startswith("La Secretaría autorizó una ruta.")


@pytest.mark.parametrize("word", ["Publisert", "Publicerad", "Julkaistu"])
def test_a_closing_posted_line_in_the_nordic_languages(word: str) -> None:
    body = (
        f"Nytt fra Energi og Klima\nUtslippene falt\nhttps://e.example/nyhet/utslipp-falt\n"
        f"{word} September 15, 2026 at 08:05AM"
    )
    fields = dict(parse_payload(body.encode(), TEXT).fields)
    assert fields["published"] == "September 15, 2026 at 08:05AM"
    assert "content" not in fields
