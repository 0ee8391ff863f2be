"""Structured bodies: a ``blocks`` column on items, filled for stored items from their body paragraphs.

Revision ID: 0005_blocks
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_blocks"
down_revision = "0007"
branch_labels = None
depends_on = None

# One paragraph block per stored body paragraph, written as the app writes it (orjson's compact
# {"type":"paragraph","text":…}, keys in that order), so the API sends the same bytes for old and new rows.
# The FTS5 update trigger fires only on headline, bullets and body: filling blocks does not reindex.
_FILL_SQLITE = """
UPDATE items SET blocks = (
    SELECT json_group_array(json_object('type', 'paragraph', 'text', paragraph.value))
    FROM (SELECT value FROM json_each(items.body) ORDER BY key) AS paragraph
)
WHERE blocks IS NULL
"""
_FILL_POSTGRESQL = """
UPDATE items SET blocks = coalesce(
    (SELECT '[' || string_agg('{"type":"paragraph","text":' || to_json(paragraph.value)::text || '}', ','
                              ORDER BY paragraph.position) || ']'
     FROM json_array_elements_text(items.body::json) WITH ORDINALITY AS paragraph(value, position)),
    '[]'
)
WHERE blocks IS NULL
"""


def upgrade() -> None:
    op.add_column("items", sa.Column("blocks", sa.Text))
    op.execute(_FILL_SQLITE if op.get_bind().dialect.name == "sqlite" else _FILL_POSTGRESQL)


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.drop_column("blocks")
