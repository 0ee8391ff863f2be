"""SQLAlchemy Core tables; migrations/ creates them (and SQLite's FTS5 index) in the database."""

from __future__ import annotations

from typing import Any, TypeAlias

import sqlalchemy as sa

from app.document import CHANNEL_BITS

__all__ = [
    "CHANNEL_FEED",
    "CHANNEL_WEBHOOK",
    "AnyRow",
    "api_keys",
    "deliveries",
    "delivery_attempts",
    "delivery_payloads",
    "feeds",
    "item_aliases",
    "item_sightings",
    "items",
    "metadata",
    "quarantine",
    "raw_inputs",
    "removed_feeds",
    "service_secrets",
    "shortlinks",
    "source_profiles",
    "subscriptions",
    "webhook_requests",
]

AnyRow: TypeAlias = sa.Row[*tuple[Any, ...]]
"""A result row of any width (SQLAlchemy 2.1 types rows by their columns)."""

metadata = sa.MetaData()

# Integer primary keys are rowid aliases on SQLite (FTS5 joins on them) and BIGINT elsewhere.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# Instants are UTC microseconds since the epoch: exact, portable, and cheap to compare in keyset paging.
Micros = sa.BigInteger

# The bits of items.channels, as the item document names them.
CHANNEL_WEBHOOK = CHANNEL_BITS["webhook"]
CHANNEL_FEED = CHANNEL_BITS["feed"]

items = sa.Table(
    "items",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("identity", sa.String(512), nullable=False, unique=True),
    sa.Column("guid", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source_link", sa.Text),
    # "" for a post without a title (the item's None): kept NOT NULL because SQLite's FTS triggers and
    # PostgreSQL's generated search vector concatenate it (app/store/items.py writes and reads it so).
    sa.Column("headline", sa.Text, nullable=False),
    sa.Column("bullets", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("body_html", sa.Text),
    # The structured body as a JSON array of typed blocks (migration 0005 filled older rows from body).
    sa.Column("blocks", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("image_url", sa.Text),
    sa.Column("published_at", Micros),
    sa.Column("received_at", Micros, nullable=False),
    sa.Column("updated_at", Micros, nullable=False),
    sa.Column("sort_at", Micros, nullable=False),
    sa.Column("channels", sa.Integer, nullable=False),
    sa.Column("feed_id", sa.BigInteger),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("flags", sa.Text, nullable=False, server_default="[]"),
    # Set while the item's link is an unresolved shortlink: when the resolver may try (next).
    sa.Column("resolve_after", Micros),
    sa.Column("resolve_attempts", sa.Integer, nullable=False, server_default="0"),
    # The input the stored fields were derived from (raw_inputs.digest) and the normalizer that derived them.
    sa.Column("raw_digest", sa.String(64)),
    sa.Column("normalizer_version", sa.String(16)),
    # Whose boilerplate profile the item feeds and is cleaned with: "feed:<id>", "feedurl:<url>" or "host:<name>".
    sa.Column("source_key", sa.String(300)),
    # Who first stored the story (migration 0006): only that source, or a feed on the article's own host, edits it.
    sa.Column("origin_channel", sa.Integer, nullable=False, server_default="0"),
    sa.Column("origin_feed_id", sa.BigInteger),
    # The change number, given by the database in the writing transaction: mirrors order changes by it,
    # never by a replica's clock. changed_at is the database's own clock at that moment (the settle window).
    sa.Column("change_seq", sa.BigInteger),
    sa.Column("changed_at", Micros),
    sa.Index("ix_items_sort", "sort_at", "id"),
    sa.Index("ix_items_source_sort", "source", "sort_at", "id"),
    sa.Index("ix_items_url", "url"),
    sa.Index("ix_items_updated", "updated_at", "id"),
    sa.Index("ix_items_feed", "feed_id"),
    sa.Index("ix_items_resolve_after", "resolve_after"),
    sa.Index("ix_items_source_key", "source_key", "id"),
    sa.Index("ix_items_change", "change_seq", unique=True),
)

# Every source that has sent a story, and when first and last: a copy from a source that may not edit
# the story is recorded here and changes nothing else. feed_id 0 is the webhook channel.
item_sightings = sa.Table(
    "item_sightings",
    metadata,
    sa.Column("item_id", sa.BigInteger, primary_key=True),
    sa.Column("channel", sa.Integer, primary_key=True),
    sa.Column("feed_id", sa.BigInteger, primary_key=True),
    sa.Column("first_seen", Micros, nullable=False),
    sa.Column("last_seen", Micros, nullable=False),
)

shortlinks = sa.Table(
    "shortlinks",
    metadata,
    sa.Column("link", sa.Text, primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("resolved_at", Micros, nullable=False),
)

# When a resolved shortlink turns out to be a story we already had, its item is merged into that one;
# the alias keeps the old id (handed to the webhook sender) and the old identity (for repeats) working.
item_aliases = sa.Table(
    "item_aliases",
    metadata,
    sa.Column("old_id", BigId, primary_key=True),
    sa.Column("identity", sa.String(512), nullable=False, unique=True),
    sa.Column("item_id", sa.BigInteger, nullable=False, index=True),
)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("site_url", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("interval_seconds", sa.Integer, nullable=False),
    sa.Column("next_poll_at", Micros, nullable=False),
    sa.Column("last_polled_at", Micros),
    sa.Column("last_status", sa.String(32)),
    sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    # Feed health (migration 0010): when the current failure streak began (NULL while polls succeed), and
    # how many polls there were and how many of them a 304 answered (the share conditional GET saves).
    sa.Column("failing_since", Micros),
    sa.Column("poll_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("not_modified_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    # A lease, not a lock: a crashed poller's claim simply expires and another takes the feed.
    sa.Column("lease_owner", sa.String(64)),
    sa.Column("lease_until", Micros),
    sa.Column("created_at", Micros, nullable=False),
    sa.Index("ix_feeds_due", "disabled", "next_poll_at"),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("received_at", Micros, nullable=False),
    sa.Column("content_type", sa.Text),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("replayed_at", Micros),
    sa.Column("item_id", sa.BigInteger),
)

# Outbound webhooks (migration 0004). The secret is kept as issued: signing needs the key itself.
subscriptions = sa.Table(
    "subscriptions",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("secret", sa.Text, nullable=False),
    sa.Column("filters", sa.Text, nullable=False, server_default="{}"),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("failure_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("disabled_reason", sa.Text),
    sa.Column("created_at", Micros, nullable=False),
)

# One row per (subscription, item event), written in the item's own transaction (an outbox): the payload
# is frozen then, so every retry sends the same bytes under the same webhook_id.
deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("subscription_id", sa.BigInteger, nullable=False),
    sa.Column("item_id", sa.BigInteger, nullable=False),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("webhook_id", sa.String(64), nullable=False, unique=True),
    # Rows queued before migration 0006 carry their payload; later ones share one (delivery_payloads).
    sa.Column("payload", sa.Text),
    sa.Column("payload_id", sa.BigInteger),
    sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    # Null once the delivery is settled (delivered or dead): the due index holds only live work.
    sa.Column("next_attempt_at", Micros),
    sa.Column("last_status_code", sa.Integer),
    sa.Column("last_error", sa.Text),
    sa.Column("lease_owner", sa.String(64)),
    sa.Column("lease_until", Micros),
    sa.Column("created_at", Micros, nullable=False),
    sa.Column("delivered_at", Micros),
    sa.Index("ix_deliveries_due", "next_attempt_at"),
    sa.Index("ix_deliveries_subscription", "subscription_id", "id"),
    sa.Index("ix_deliveries_item", "subscription_id", "item_id", "id"),
    sa.Index("ix_deliveries_payload", "payload_id"),
    sa.Index("ix_deliveries_delivered", "delivered_at"),
)

# One body per item event, whatever the number of subscriptions it goes to (migration 0006); pruned with
# the last delivery that used it.
delivery_payloads = sa.Table(
    "delivery_payloads",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", Micros, nullable=False),
)

delivery_attempts = sa.Table(
    "delivery_attempts",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("delivery_id", sa.BigInteger, nullable=False),
    sa.Column("attempted_at", Micros, nullable=False),
    sa.Column("status_code", sa.Integer),
    sa.Column("error", sa.Text),
    sa.Column("duration_ms", sa.Integer, nullable=False),
    sa.Index("ix_delivery_attempts_delivery", "delivery_id", "id"),
)

# Every item's raw input, compressed and content-addressed (app/normalize/raw.py): `feedhook renormalize`
# re-derives stored items from it after a rule or profile change.
raw_inputs = sa.Table(
    "raw_inputs",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("created_at", Micros, nullable=False),
)

# Learned boilerplate (app/normalize/boilerplate.py): per source key (items.source_key), the lines that recur
# at the head or tail of its items, with their evidence, mined from the stored raw inputs; `items_since`
# counts the items stored since (the profile is mined again when enough have arrived).
source_profiles = sa.Table(
    "source_profiles",
    metadata,
    sa.Column("source_key", sa.String(300), primary_key=True),
    sa.Column("profile", sa.Text),
    sa.Column("items_mined", sa.Integer, nullable=False, server_default="0"),
    sa.Column("items_since", sa.Integer, nullable=False, server_default="0"),
    sa.Column("refreshed_at", Micros),
)

# API keys (migration 0008): only the SHA-256 of a key is kept (a key is 256 random bits, so a plain hash
# cannot be reversed by guessing); `prefix` is its public start, to tell keys apart in listings.
api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("scope", sa.String(8), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", Micros, nullable=False),
    sa.Column("last_used_at", Micros),
    sa.Column("revoked_at", Micros),
)

# Secrets set at run time that override the settings (the rotated webhook token): kept as issued, since the
# token is also removed from stored items and logs by its value.
service_secrets = sa.Table(
    "service_secrets",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", Micros, nullable=False),
)

# Feeds an operator removed (migration 0008): FEEDHOOK_FEEDS registers its URLs at every start, and one the
# operator removed must stay removed. Adding the URL again by hand forgets it here.
removed_feeds = sa.Table(
    "removed_feeds",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("removed_at", Micros, nullable=False),
)

# The webhook inbox (migration 0009): each authenticated webhook request with its body (the token taken
# out before it is written) and what became of it; kept for a retention period, for the console's inbox.
webhook_requests = sa.Table(
    "webhook_requests",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("received_at", Micros, nullable=False),
    sa.Column("content_type", sa.Text),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("item_id", sa.BigInteger),
    sa.Column("quarantine_id", sa.BigInteger),
    sa.Index("ix_webhook_requests_received", "received_at"),
)
