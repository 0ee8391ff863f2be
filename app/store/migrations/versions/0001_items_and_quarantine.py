"""Items with keyset and full-text indexes, and the quarantine of unusable payloads.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# SQLite: an external-content FTS5 index kept in step by triggers (no second copy of the text).
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE items_fts USING fts5(
        headline, bullets, body, content='items', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts(rowid, headline, bullets, body)
        VALUES (new.id, new.headline, new.bullets, new.body);
    END""",
    """CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, headline, bullets, body)
        VALUES ('delete', old.id, old.headline, old.bullets, old.body);
    END""",
    """CREATE TRIGGER items_fts_update AFTER UPDATE OF headline, bullets, body ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, headline, bullets, body)
        VALUES ('delete', old.id, old.headline, old.bullets, old.body);
        INSERT INTO items_fts(rowid, headline, bullets, body)
        VALUES (new.id, new.headline, new.bullets, new.body);
    END""",
]


# PostgreSQL: a generated tsvector over the same text, with a GIN index. The 'simple' configuration
# (no stemming, any language) matches what SQLite's unicode61 tokenizer does.
POSTGRES_SEARCH = [
    """ALTER TABLE items ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', headline || ' ' || bullets || ' ' || body)) STORED""",
    "CREATE INDEX ix_items_search ON items USING gin (search)",
]


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("identity", sa.String(512), nullable=False, unique=True),
        sa.Column("guid", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("source_link", sa.Text),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("bullets", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("body_html", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("image_url", sa.Text),
        sa.Column("published_at", sa.BigInteger),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.BigInteger, nullable=False),
        sa.Column("sort_at", sa.BigInteger, nullable=False),
        sa.Column("channels", sa.Integer, nullable=False),
        sa.Column("feed_id", sa.BigInteger),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("flags", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_index("ix_items_sort", "items", ["sort_at", "id"])
    op.create_index("ix_items_source_sort", "items", ["source", "sort_at", "id"])
    op.create_index("ix_items_url", "items", ["url"])
    op.create_index("ix_items_updated", "items", ["updated_at", "id"])
    op.create_table(
        "quarantine",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("content_type", sa.Text),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("replayed_at", sa.BigInteger),
        sa.Column("item_id", sa.BigInteger),
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_SEARCH if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS items_fts")
    op.drop_table("quarantine")
    op.drop_index("ix_items_updated", table_name="items")
    op.drop_index("ix_items_url", table_name="items")
    op.drop_index("ix_items_source_sort", table_name="items")
    op.drop_index("ix_items_sort", table_name="items")
    op.drop_table("items")
