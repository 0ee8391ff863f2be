"""Raw inputs kept per item (compressed, content-addressed) with the normalizer version; learned profiles.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0004"
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
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("raw_digest", sa.String(64)))
        batch.add_column(sa.Column("normalizer_version", sa.String(16)))
        batch.add_column(sa.Column("source_key", sa.String(300)))
        batch.create_index("ix_items_source_key", ["source_key", "id"])


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.drop_index("ix_items_source_key")
        batch.drop_column("source_key")
        batch.drop_column("normalizer_version")
        batch.drop_column("raw_digest")
    op.drop_table("source_profiles")
    op.drop_table("raw_inputs")
