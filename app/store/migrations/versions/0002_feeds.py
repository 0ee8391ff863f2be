"""Feeds to poll, with conditional-GET validators, error state and a claim lease.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("site_url", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("interval_seconds", sa.Integer, nullable=False),
        sa.Column("next_poll_at", sa.BigInteger, nullable=False),
        sa.Column("last_polled_at", sa.BigInteger),
        sa.Column("last_status", sa.String(32)),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("lease_owner", sa.String(64)),
        sa.Column("lease_until", sa.BigInteger),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_feeds_due", "feeds", ["disabled", "next_poll_at"])
    op.create_index("ix_items_feed", "items", ["feed_id"])


def downgrade() -> None:
    op.drop_index("ix_items_feed", table_name="items")
    op.drop_index("ix_feeds_due", table_name="feeds")
    op.drop_table("feeds")
