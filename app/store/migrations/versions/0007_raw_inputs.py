"""Raw inputs kept per item (compressed, content-addressed) with the normalizer version; learned profiles.

Revision ID: 0007_raw_inputs
Revises: 0006_integrity
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_raw_inputs"
down_revision = "0006_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "raw_inputs",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "source_profiles",
        sa.Column("source_key", sa.String(300), primary_key=True),
        sa.Column("profile", sa.Text),
        sa.Column("items_mined", sa.Integer, nullable=False, server_default="0"),
        sa.Column("items_since", sa.Integer, nullable=False, server_default="0"),
        sa.Column("refreshed_at", sa.BigInteger),
    )
    # Plain ALTER TABLE (no batch copy): SQLite adds columns in place, and a table copy would drop the
    # change-numbering triggers of 0006.
    op.add_column("items", sa.Column("raw_digest", sa.String(64)))
    op.add_column("items", sa.Column("normalizer_version", sa.String(16)))
    op.add_column("items", sa.Column("source_key", sa.String(300)))
    op.create_index("ix_items_source_key", "items", ["source_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_items_source_key", "items")
    for column in ("source_key", "normalizer_version", "raw_digest"):
        op.drop_column("items", column)  # SQLite 3.35+ drops a column in place, keeping the triggers
    op.drop_table("source_profiles")
    op.drop_table("raw_inputs")
