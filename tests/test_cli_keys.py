"""`feedhook keys …` and `feedhook token rotate` as a user runs them: real processes on a real SQLite file."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from app.access.keys import Access
from app.store.db import Database
from tests.test_cli import cli_env

BOOTSTRAP = "fhk_cli-bootstrap-admin-key-012345"


async def _run(tmp_path: Path, *args: str, code: int = 0) -> tuple[str, str]:
    """stdout and stderr of `feedhook ARGS`, apart: a secret goes alone to stdout."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        *args,
        cwd=tmp_path,
        env=cli_env(tmp_path, api_key=BOOTSTRAP, webhook_token="cli-webhook-token-0123456789"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == code, (out, err)
    assert b"Traceback" not in err
    return out.decode(), err.decode()


async def _access(tmp_path: Path) -> tuple[Database, Access]:
    db = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    await db.start()
    return db, Access(db=db, bootstrap_key=BOOTSTRAP, webhook_token="cli-webhook-token-0123456789")


async def test_keys_are_created_listed_and_revoked_from_the_command_line(tmp_path: Path) -> None:
    secret, note = await _run(tmp_path, "keys", "create", "newsreader", "--scope", "read")
    secret = secret.strip()
    assert secret.startswith("fhk_")
    assert "\n" not in secret
    assert "shown only this once" in note
    admin, _ = await _run(tmp_path, "keys", "create", "operator", "--scope", "admin")

    db, access = await _access(tmp_path)
    try:
        reader = await access.authenticate(secret)
        assert reader is not None
        assert (reader.name, reader.scope) == ("newsreader", "read")
        operator = await access.authenticate(admin.strip())
        assert operator is not None
        assert operator.scope == "admin"

        listing, _ = await _run(tmp_path, "keys", "list", "--json")
        keys = json.loads(listing)
        assert [(key["name"], key["scope"], key["revoked_at"]) for key in keys] == [
            ("newsreader", "read", None),
            ("operator", "admin", None),
        ]
        assert secret not in listing
        assert admin.strip() not in listing
        table, _ = await _run(tmp_path, "keys", "list")
        assert "newsreader" in table
        assert secret[:12] in table

        revoked, _ = await _run(tmp_path, "keys", "revoke", "newsreader")
        assert "revoked" in revoked
        assert await access.authenticate(secret) is None
        await _run(tmp_path, "keys", "revoke", str(keys[1]["id"]))  # by id
        assert await access.authenticate(admin.strip()) is None
    finally:
        await db.close()


async def test_refusals_are_one_line_without_a_traceback(tmp_path: Path) -> None:
    await _run(tmp_path, "keys", "create", "reader")
    _, taken = await _run(tmp_path, "keys", "create", "reader", code=1)
    assert "exists already" in taken
    assert len(taken.strip().splitlines()) == 1
    _, bad_scope = await _run(tmp_path, "keys", "create", "other", "--scope", "root", code=1)
    assert "unknown scope 'root'" in bad_scope
    _, unknown = await _run(tmp_path, "keys", "revoke", "nobody", code=1)
    assert "no key named 'nobody'" in unknown


async def test_the_webhook_token_rotates_from_the_command_line(tmp_path: Path) -> None:
    before, _ = await _run(tmp_path, "ifttt", "--base-url", "https://news.example.org")
    assert "token=cli-webhook-token-0123456789" in before
    token, note = await _run(tmp_path, "token", "rotate")
    token = token.strip()
    assert "update the IFTTT applets" in note
    after, _ = await _run(tmp_path, "ifttt", "--base-url", "https://news.example.org")
    assert f"token={token}" in after
    assert "cli-webhook-token-0123456789" not in after
    db, access = await _access(tmp_path)
    try:
        assert await access.webhook_token() == token  # what a server started on this store checks
    finally:
        await db.close()
