"""The webhook inbox: the last webhook requests, accepted, duplicate or quarantined, with their raw bodies.

Revision ID: 0009_webhook_inbox
Revises: 0007_raw_inputs
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_webhook_inbox"
# Chained after the keys migration (0008) when both land; until then it follows 0007.
down_revision = "0008_api_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "webhook_requests",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("received_at", sa.BigInteger, nullable=False),
        sa.Column("content_type", sa.Text),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("item_id", sa.BigInteger),
        sa.Column("quarantine_id", sa.BigInteger),
    )
    op.create_index("ix_webhook_requests_received", "webhook_requests", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_webhook_requests_received", "webhook_requests")
    op.drop_table("webhook_requests")
