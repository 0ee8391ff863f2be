"""The identity chain and the content hash."""

from __future__ import annotations

from datetime import UTC, datetime

from app.normalize import NormalizeSettings, RawItem, normalize
from app.normalize.identity import content_hash, identity

from .support import NOW

PUBLISHED = datetime(2021, 2, 25, 21, 14, tzinfo=UTC)


def key(**overrides: object) -> str:
    fields: dict[str, object] = {
        "guid": None,
        "url": None,
        "shortlink": None,
        "source": "Business Insider",
        "headline": "Headline",
        "published": PUBLISHED,
        "content": "",
    }
    fields.update(overrides)
    return identity(**fields)  # type: ignore[arg-type]


def test_guid_first() -> None:
    assert key(guid="tag:blogger.com,1999:blog-1.post-2", url="https://x.com/a") == (
        "guid:#tag:blogger.com,1999:blog-1.post-2"
    )


def test_guid_is_scoped_by_its_feed() -> None:
    first = key(guid="123", feed_url="https://a.example/feed")
    second = key(guid="123", feed_url="https://B.example/feed?utm_source=x")
    assert first == "guid:https://a.example/feed#123"
    assert second == "guid:https://b.example/feed#123"
    assert first != second


def test_guid_that_is_a_url_is_keyed_as_its_canonical_url() -> None:
    assert key(guid="HTTPS://X.com/a?utm_source=rss#c") == "url:https://x.com/a"
    assert key(guid="http://example.com/?p=45") == "url:http://example.com/?p=45"


def test_long_guid_is_hashed() -> None:
    long_key = key(guid="g" * 600)
    assert long_key.startswith("guid:#sha256:")
    assert len(long_key) == len("guid:#sha256:") + 32


def test_url_then_shortlink_then_hash() -> None:
    assert key(url="https://x.com/a", shortlink="https://ift.tt/abc") == "url:https://x.com/a"
    assert key(shortlink="https://IFT.tt/abc ") == "url:https://ift.tt/abc"
    hashed = key()
    assert hashed.startswith("hash:")
    assert len(hashed) == len("hash:") + 32
    assert key() == hashed
    assert key(headline="Other") != hashed
    assert key(published=None) != hashed
    assert key(source=None) != hashed
    # Undated: the content decides (one headline for many events), and a repeat still meets itself.
    undated = key(published=None, content="c1")
    assert undated == key(published=None, content="c1")
    assert undated != key(published=None, content="c2")
    assert key(content="c1") == key(content="c2")  # dated: an edit of the same story


def test_content_hash_changes_with_content_only() -> None:
    base = content_hash("H", ["a", "b"], ["p1", "p2"])
    assert len(base) == 32
    assert content_hash("H", ["a", "b"], ["p1", "p2"]) == base
    assert content_hash("H", ["a"], ["b", "p1", "p2"]) != base  # separators keep bullets apart from body
    assert content_hash("H", ["a", "b"], ["p1 p2"]) != base
    assert content_hash("H2", ["a", "b"], ["p1", "p2"]) != base


def test_same_story_from_feed_and_webhook_meets() -> None:
    settings = NormalizeSettings()
    from_feed = normalize(
        RawItem(
            title="A story",
            content="<p>Body.</p>",
            link="https://www.example.com/story?utm_source=rss",
            guid="https://www.example.com/story",
        ),
        now=NOW,
        settings=settings,
    )
    from_hook = normalize(
        RawItem(title="A story", content="Body.", link="https://www.example.com/story#top"),
        now=NOW,
        settings=settings,
    )
    assert from_feed.identity == from_hook.identity == "url:https://www.example.com/story"
    assert from_feed.content_hash == from_hook.content_hash


def test_repeated_webhook_with_shortlink_dedupes() -> None:
    raw = RawItem(title="A story", content="Body.", link="https://ift.tt/3r0axg6")
    first = normalize(raw, now=NOW, settings=NormalizeSettings())
    again = normalize(raw, now=NOW, settings=NormalizeSettings())
    assert first.url is None
    assert first.identity == again.identity == "url:https://ift.tt/3r0axg6"


def test_untitled_posts_of_one_minute_are_separate_stories() -> None:
    # Two toots from one account in one minute, neither with a title or a link: their texts tell them apart.
    first = key(headline=None, content="c1")
    assert first.startswith("hash:")
    assert first != key(headline=None, content="c2")
    assert first == key(headline=None, content="c1")  # a repeat still meets itself
    assert first != key(headline="", content="c1")
