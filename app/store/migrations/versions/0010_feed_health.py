"""Feed health: when a feed's current failure streak began, and how many of its polls were answered 304.

Revision ID: 0010_feed_health
Revises: 0009_webhook_inbox
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_feed_health"
down_revision = "0009_webhook_inbox"
branch_labels = None
depends_on = None

_COLUMNS = ("not_modified_count", "poll_count", "failing_since")


def upgrade() -> None:
    # Plain ALTER TABLE: SQLite adds columns in place. A streak already running is left without a start
    # (NULL): when it began was never recorded, and the last poll's time would claim a start it was not.
    op.add_column("feeds", sa.Column("failing_since", sa.BigInteger))
    op.add_column("feeds", sa.Column("poll_count", sa.Integer, nullable=False, server_default="0"))
    op.add_column("feeds", sa.Column("not_modified_count", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    for column in _COLUMNS:
        op.drop_column("feeds", column)  # SQLite 3.35+ drops a column in place
