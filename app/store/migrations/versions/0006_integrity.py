"""Stored-data integrity: each story's first source, sightings, change numbers, hashed long identities,
delivery payloads shared by an event's deliveries.

Revision ID: 0006_integrity
Revises: 0005_blocks
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.store.keys import MAX_KEY_CHARS, stored_key

revision = "0006_integrity"
down_revision = "0005_blocks"
branch_labels = None
depends_on = None

CHANGE_SEQUENCE = "items_change_seq"
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Change numbers are the database's: a trigger numbers every inserted row and every update that sets
# updated_at (the save path, the shortlink resolver), whatever process or clock wrote it.
# SQLite has one writer at a time, so the next number is the largest + 1, taken under the write lock, and
# changes commit in the order of their numbers. PostgreSQL takes them from a sequence, and changed_at is its
# own clock, which the changes listing waits on (the settle window) for transactions still committing.
SQLITE_NUMBERING = [
    """CREATE TRIGGER items_change_insert AFTER INSERT ON items BEGIN
        UPDATE items SET change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM items),
            changed_at = CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)
        WHERE id = new.id;
    END""",
    """CREATE TRIGGER items_change_update AFTER UPDATE OF updated_at ON items BEGIN
        UPDATE items SET change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM items),
            changed_at = CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)
        WHERE id = new.id;
    END""",
]
POSTGRES_NUMBERING = [
    f"CREATE SEQUENCE {CHANGE_SEQUENCE} AS bigint",
    f"SELECT setval('{CHANGE_SEQUENCE}', coalesce(max(change_seq), 0) + 1, false) FROM items",
    f"""CREATE FUNCTION items_number_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.change_seq := nextval('{CHANGE_SEQUENCE}');
        NEW.changed_at := (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
        RETURN NEW;
    END $$""",
    "CREATE TRIGGER items_change_insert BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION items_number_change()",
    "CREATE TRIGGER items_change_update BEFORE UPDATE OF updated_at ON items"
    " FOR EACH ROW EXECUTE FUNCTION items_number_change()",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("origin_channel", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("origin_feed_id", sa.BigInteger))
        batch.add_column(sa.Column("change_seq", sa.BigInteger))
        batch.add_column(sa.Column("changed_at", sa.BigInteger))
    # Which source stored a story first was not kept: a feed's id, when there is one, is the best guess.
    op.execute(
        "UPDATE items SET origin_feed_id = feed_id,"
        " origin_channel = CASE WHEN feed_id IS NOT NULL THEN 2 ELSE 1 END, changed_at = updated_at"
    )
    # Existing changes are numbered in the order mirrors saw them until now.
    op.execute(
        "UPDATE items SET change_seq = numbered.n FROM"
        " (SELECT id, row_number() OVER (ORDER BY updated_at, id) AS n FROM items) AS numbered"
        " WHERE items.id = numbered.id"
    )
    op.create_index("ix_items_change", "items", ["change_seq"], unique=True)
    for statement in SQLITE_NUMBERING if dialect == "sqlite" else POSTGRES_NUMBERING if dialect == "postgresql" else []:
        op.execute(statement)
    op.create_table(
        "item_sightings",
        sa.Column("item_id", sa.BigInteger, primary_key=True),
        sa.Column("channel", sa.Integer, primary_key=True),
        sa.Column("feed_id", sa.BigInteger, primary_key=True),
        sa.Column("first_seen", sa.BigInteger, nullable=False),
        sa.Column("last_seen", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "delivery_payloads",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.BigInteger, nullable=False),
    )
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("payload", existing_type=sa.Text, nullable=True)
        batch.add_column(sa.Column("payload_id", sa.BigInteger))
    op.create_index("ix_deliveries_payload", "deliveries", ["payload_id"])
    op.create_index("ix_deliveries_delivered", "deliveries", ["delivered_at"])
    # SQLite kept identities of any length; PostgreSQL refused them. Both now store long ones hashed.
    conn = op.get_bind()
    for table in ("items", "item_aliases"):
        long = conn.execute(
            sa.text(f"SELECT identity FROM {table} WHERE length(identity) > :limit"), {"limit": MAX_KEY_CHARS}
        ).all()
        for (identity,) in long:
            conn.execute(
                sa.text(f"UPDATE {table} SET identity = :key WHERE identity = :identity"),
                {"key": stored_key(identity), "identity": identity},
            )


def downgrade() -> None:
    op.execute(
        "UPDATE deliveries SET payload = (SELECT body FROM delivery_payloads WHERE delivery_payloads.id = payload_id)"
        " WHERE payload IS NULL"
    )
    op.drop_index("ix_deliveries_delivered", table_name="deliveries")
    op.drop_index("ix_deliveries_payload", table_name="deliveries")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("payload_id")
        batch.alter_column("payload", existing_type=sa.Text, nullable=False)
    op.drop_table("delivery_payloads")
    op.drop_table("item_sightings")
    op.execute("DROP TRIGGER IF EXISTS items_change_insert" + (" ON items" if _postgres() else ""))
    op.execute("DROP TRIGGER IF EXISTS items_change_update" + (" ON items" if _postgres() else ""))
    if _postgres():
        op.execute("DROP FUNCTION IF EXISTS items_number_change()")
        op.execute(f"DROP SEQUENCE IF EXISTS {CHANGE_SEQUENCE}")
    op.drop_index("ix_items_change", table_name="items")
    with op.batch_alter_table("items") as batch:
        batch.drop_column("changed_at")
        batch.drop_column("change_seq")
        batch.drop_column("origin_feed_id")
        batch.drop_column("origin_channel")


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"
