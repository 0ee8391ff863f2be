"""Shortlink resolution: work markers on items, a shared cache of resolved links, aliases of merged items.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("resolve_after", sa.BigInteger))
        batch.add_column(sa.Column("resolve_attempts", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_items_resolve_after", "items", ["resolve_after"])
    op.create_table(
        "shortlinks",
        sa.Column("link", sa.Text, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("resolved_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "item_aliases",
        sa.Column("old_id", BigId, primary_key=True),
        sa.Column("identity", sa.String(512), nullable=False, unique=True),
        sa.Column("item_id", sa.BigInteger, nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("item_aliases")
    op.drop_table("shortlinks")
    op.drop_index("ix_items_resolve_after", table_name="items")
    with op.batch_alter_table("items") as batch:
        batch.drop_column("resolve_attempts")
        batch.drop_column("resolve_after")
