"""A database rule a test adds: a row the database refuses, as a value it cannot take would be."""

from __future__ import annotations

from sqlalchemy import Connection


def refuse_poisoned_headlines(conn: Connection) -> None:
    """A database rule the row breaks: what a value the database cannot take does to a save."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON items WHEN new.headline LIKE '%poison%' "
            "BEGIN SELECT RAISE(ABORT, 'poisoned headline'); END"
        )
        return
    conn.exec_driver_sql(
        "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.headline LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned headline' USING ERRCODE = 'check_violation'; "
        "END IF; RETURN NEW; END $$"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER refuse_poison BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION refuse_poison()"
    )
