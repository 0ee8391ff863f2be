"""The save decision as a table: stored copy + new copy + sender → insert, update (fields), unchanged, sighting."""

from __future__ import annotations

from typing import Any

import pytest

from app.normalize.identity import content_hash
from app.normalize.model import NormalizedItem
from app.store.decide import CHANNEL_WEBHOOK, FIELDS, Decision, Sender, StoredCopy, decide, host_of, owner_hosts
from app.store.items import _content_values
from app.store.tables import CHANNEL_FEED
from app.store.tables import CHANNEL_WEBHOOK as TABLES_WEBHOOK

URL = "https://www.publisher.example/2026/12/story"
PUBLISHED = 1_700_000_000_000_000
FEED = Sender(CHANNEL_FEED, 7)
OTHER_FEED = Sender(CHANNEL_FEED, 8)
WEBHOOK = Sender(CHANNEL_WEBHOOK)
PUBLISHER_FEED = Sender(
    CHANNEL_FEED, 9, owner_hosts("https://feeds.publisher.example/rss", "https://publisher.example/")
)
FORGER = Sender(CHANNEL_FEED, 10, owner_hosts("https://forger.example/feed", "https://www.publisher.example/"))


def stored(**changes: Any) -> StoredCopy:
    """The story as feed 7 stored it: headline, two bullets, two paragraphs, every field known."""
    values: dict[str, Any] = {
        "id": 1,
        "headline": "Markets rally",
        "bullets": ("Stocks rose.", "Bonds fell."),
        "body": ("The first paragraph of the story.", "The second paragraph."),
        "source": "Publisher",
        "source_link": URL,
        "url": URL,
        "author": "A. Writer",
        "image_url": "https://img.publisher.example/1.jpg",
        "published_at": PUBLISHED,
        "guid": "story-1",
        "origin_channel": CHANNEL_FEED,
        "origin_feed_id": 7,
    }
    values |= changes
    values["content_hash"] = content_hash(values["headline"], values["bullets"], values["body"])
    values["fields"] = {name: values.pop(name) for name in FIELDS}
    return StoredCopy(**values)


def copy(**changes: Any) -> NormalizedItem:
    """A new copy of the same story; by default identical to `stored()`."""
    base = stored()
    values: dict[str, Any] = {
        "headline": base.headline,
        "bullets": list(base.bullets),
        "body": list(base.body),
        **base.fields,
        "identity": f"url:{URL}",
        "published_at": None,  # given to the decision as stored: the case's published instant
    }
    values |= changes
    values["content_hash"] = content_hash(values["headline"], values["bullets"], values["body"])
    return NormalizedItem(**values)


def update(*fields: str) -> Decision:
    return Decision("update", frozenset(fields))


CONTENT = ("headline", "bullets", "body", "content_hash")
CASES = [
    # (what happens, stored, new copy, its published instant, sender, decision)
    ("a first sighting is an insert", None, copy(), PUBLISHED, FEED, Decision("insert")),
    ("the same copy again changes nothing", stored(), copy(), PUBLISHED, FEED, Decision("unchanged")),
    (
        "a copy without date, image, author or bullets blanks none of them",
        stored(),
        copy(bullets=[], image_url=None, author=None, source=None),
        None,
        FEED,
        Decision("unchanged"),
    ),
    (
        "the first source's changed text replaces the stored text",
        stored(),
        copy(headline="Markets rally again", body=["A corrected paragraph."]),
        PUBLISHED,
        FEED,
        update("headline", "body", "content_hash"),
    ),
    (
        "the first source's shorter correction still replaces the text",
        stored(),
        copy(body=["Short."]),
        PUBLISHED,
        FEED,
        update("body", "content_hash"),
    ),
    (
        "a changed text without bullets keeps the stored bullets",
        stored(),
        copy(bullets=[], body=["A corrected paragraph that is long enough."]),
        PUBLISHED,
        FEED,
        update("body", "content_hash"),
    ),
    (
        "the first source's new image and date replace the old ones",
        stored(),
        copy(image_url="https://img.publisher.example/2.jpg"),
        PUBLISHED + 1,
        FEED,
        update("image_url", "published_at"),
    ),
    (
        "a copy fills what the stored story lacks",
        stored(image_url=None, published_at=None, author=None),
        copy(),
        PUBLISHED,
        FEED,
        update("image_url", "published_at", "author"),
    ),
    (
        "a short webhook copy of a feed item is a sighting: nothing of the feed's copy is lost",
        stored(),
        copy(bullets=[], body=["The first paragraph."], image_url=None),
        None,
        WEBHOOK,
        Decision("sighting"),
    ),
    (
        "the publisher's feed fills a webhook-stored story's missing author, but keeps its richer text",
        stored(origin_channel=CHANNEL_WEBHOOK, origin_feed_id=None, author=None),
        copy(headline="Markets rally (feed)", bullets=[], body=["Short."]),
        PUBLISHED,
        PUBLISHER_FEED,
        update("author"),
    ),
    (
        "the publisher's own feed fills a missing image of a story another feed stored",
        stored(image_url=None),
        copy(bullets=[], body=["Short."], image_url="https://img.publisher.example/9.jpg"),
        PUBLISHED,
        PUBLISHER_FEED,
        update("image_url"),
    ),
    (
        "the publisher's own feed replaces the text with a richer copy",
        stored(author=None),
        copy(body=[*stored().body, "A third paragraph adds to the story."]),
        PUBLISHED,
        PUBLISHER_FEED,
        update("body", "content_hash", "author"),
    ),
    (
        "an owner's copy with as much text and more fields known is richer",
        stored(headline="Markets rally", image_url=None, author=None),
        copy(headline="Markets rally!"),
        PUBLISHED,
        PUBLISHER_FEED,
        update("headline", "content_hash", "image_url", "author"),
    ),
    (
        "an owner's copy with as much text and fewer fields known is not",
        stored(),
        copy(headline="Markets rally!", image_url=None, author=None),
        PUBLISHED,
        PUBLISHER_FEED,
        Decision("unchanged"),
    ),
    (
        "but does not change what the first source set",
        stored(),
        copy(author="Someone Else", image_url="https://img.publisher.example/other.jpg"),
        PUBLISHED,
        PUBLISHER_FEED,
        Decision("unchanged"),
    ),
    (
        "another feed carrying the publisher's URL is a sighting, not an edit",
        stored(),
        copy(headline="Forged headline", body=["Forged words, many more of them than before."], source="Forger"),
        PUBLISHED,
        OTHER_FEED,
        Decision("sighting"),
    ),
    (
        "a feed that names the publisher's site as its own is still a sighting",
        stored(image_url=None),
        copy(headline="Forged headline", image_url="https://forger.example/x.jpg"),
        PUBLISHED,
        FORGER,
        Decision("sighting"),
    ),
    (
        "the webhook channel edits what it stored first",
        stored(origin_channel=CHANNEL_WEBHOOK, origin_feed_id=None),
        copy(headline="Markets rally again"),
        PUBLISHED,
        WEBHOOK,
        update("headline", "content_hash"),
    ),
]


@pytest.mark.parametrize(
    ("stored_copy", "new", "published", "sender", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_decide(
    stored_copy: StoredCopy | None, new: NormalizedItem, published: int | None, sender: Sender, expected: Decision
) -> None:
    values = _content_values(new) | {"published_at": published}
    assert decide(stored_copy, new, sender, values=values) == expected


def test_owner_hosts_believe_a_site_link_only_on_the_feeds_own_domain() -> None:
    assert owner_hosts("https://feeds.publisher.example/rss", "https://www.publisher.example/") == {
        "feeds.publisher.example",
        "publisher.example",
    }
    assert owner_hosts("https://forger.example/feed", "https://publisher.example/") == {"forger.example"}
    assert owner_hosts(None, "https://publisher.example/") == frozenset()
    assert host_of("HTTPS://WWW.Publisher.Example:443/a") == "publisher.example"
    assert host_of("not a url") is None


def test_the_webhook_channel_is_numbered_as_the_tables_number_it() -> None:
    assert CHANNEL_WEBHOOK == TABLES_WEBHOOK


def test_every_field_but_the_text_its_companions_and_the_copys_own_is_decided_alike() -> None:
    assert set(FIELDS) == set(NormalizedItem.model_fields) - {
        *("headline", "bullets", "body", "content_hash", "blocks", "body_html", "identity", "flags")
    }


@pytest.mark.parametrize("name", FIELDS)
def test_each_field_is_filled_by_an_owner_and_changed_by_the_first_source_only(name: str) -> None:
    values = _content_values(copy()) | {"published_at": PUBLISHED}
    assert decide(stored(**{name: None}), copy(), PUBLISHER_FEED, values=values) == update(name)
    changed = values | {name: PUBLISHED + 1 if name == "published_at" else "https://changed.example/"}
    assert decide(stored(), copy(), FEED, values=changed) == update(name)
    assert decide(stored(), copy(), PUBLISHER_FEED, values=changed) == Decision("unchanged")
    assert decide(stored(), copy(), FEED, values=values | {name: None}) == Decision("unchanged")
