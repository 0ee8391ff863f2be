"""Named API keys with a scope (stored as a hash), service secrets that override the settings, and the
configured feeds an operator removed (so a restart does not register them again).

Revision ID: 0008_api_keys
Revises: 0007_raw_inputs
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_api_keys"
down_revision = "0007_raw_inputs"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.BigInteger, nullable=False),
        sa.Column("last_used_at", sa.BigInteger),
        sa.Column("revoked_at", sa.BigInteger),
        sa.CheckConstraint("scope IN ('read', 'admin')", name="ck_api_keys_scope"),
    )
    op.create_table(
        "service_secrets",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "removed_feeds",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("removed_at", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("removed_feeds")
    op.drop_table("service_secrets")
    op.drop_table("api_keys")
