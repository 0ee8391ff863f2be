"""The database failing under a running service: every answer is a 503 with Retry-After, never a 500."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import struct
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.main import create_app
from app.store import db as db_module
from app.store.db import migrate
from tests.conftest import READ_KEY_HOOKS, WEBHOOK_TOKEN
from tests.samples import generated_story

_SSL_REQUEST, _GSS_REQUEST = 80877103, 80877104


def _error_response(sqlstate: str, message: str) -> bytes:
    fields = b"".join(
        code + value.encode() + b"\0"
        for code, value in ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", sqlstate), (b"M", message))
    )
    body = fields + b"\0"
    return b"E" + struct.pack("!I", len(body) + 4) + body


@contextlib.asynccontextmanager
async def _postgres_refusing(sqlstate: str, message: str) -> AsyncIterator[int]:
    """A loopback server speaking PostgreSQL's startup protocol far enough to refuse every connection as a
    server does while it starts up or shuts down (FATAL 57P03 / 57P01)."""

    async def session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                (length,) = struct.unpack("!I", await reader.readexactly(4))
                (code,) = struct.unpack("!I", await reader.readexactly(4))
                await reader.readexactly(length - 8)
                if code in (_SSL_REQUEST, _GSS_REQUEST):
                    writer.write(b"N")  # no encryption: the client goes on with its startup message
                    continue
                writer.write(_error_response(sqlstate, message))
                await writer.drain()
                break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(session, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


@contextlib.asynccontextmanager
async def _service(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The real app on ``database_url`` (no background workers), behind an ASGI client that sees its 5xx."""
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=tmp_path,
        webhook_token=WEBHOOK_TOKEN,
        api_key="k" * 20,
        feeds="",
        poller=False,
        resolve_shortlinks=False,
        deliveries=False,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", event_hooks=READ_KEY_HOOKS) as http:
            yield http


async def _assert_every_answer_is_503(database_url: str, tmp_path: Path) -> None:
    async with _service(database_url, tmp_path) as http:
        posted = await http.post(
            "/v1/webhooks/ifttt", content=generated_story(1).json_valid(), params={"token": WEBHOOK_TOKEN}
        )
        assert posted.status_code == 503, posted.text
        assert posted.headers["retry-after"].isdigit()
        assert posted.headers["content-type"] == "application/problem+json"
        for path in ("/readyz", "/v1/items", "/v1/items/1", "/v1/feed.json"):
            answer = await http.get(path)
            assert answer.status_code == 503, (path, answer.text)
            assert answer.headers["retry-after"].isdigit() or path == "/readyz"
        assert (await http.get("/healthz")).status_code == 200  # alive, just not ready


async def test_postgresql_starting_up_is_503_with_retry_after(tmp_path: Path) -> None:
    async with _postgres_refusing("57P03", "the database system is starting up") as port:
        await _assert_every_answer_is_503(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test", tmp_path)


async def test_postgresql_shutting_down_is_503_with_retry_after(tmp_path: Path) -> None:
    async with _postgres_refusing("57P01", "terminating connection due to administrator command") as port:
        await _assert_every_answer_is_503(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test", tmp_path)


# --- SQLite: the file under a running service -------------------------------------------------


@contextlib.asynccontextmanager
async def _sqlite_service(tmp_path: Path, *, migrated: bool = True) -> AsyncIterator[tuple[httpx.AsyncClient, Path]]:
    path = tmp_path / "feedhook.db"
    if migrated:
        await asyncio.to_thread(migrate, f"sqlite:///{path}")
    async with _service(f"sqlite:///{path}", tmp_path) as http:
        yield http, path


async def _post(http: httpx.AsyncClient, number: int) -> httpx.Response:
    return await http.post(URL, content=generated_story(number).json_valid(), params={"token": WEBHOOK_TOKEN})


URL = "/v1/webhooks/ifttt"


def _delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _replace(path: Path) -> None:
    copy = path.with_name("copy.db")
    shutil.copyfile(path, copy)
    os.replace(copy, path)


@pytest.mark.parametrize("change", [_delete, _replace], ids=["deleted", "replaced"])
async def test_a_sqlite_file_deleted_or_replaced_under_the_service_acknowledges_nothing(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    async with _sqlite_service(tmp_path) as (http, path):
        assert (await _post(http, 1)).status_code == 201
        assert (await http.get("/readyz")).status_code == 200
        change(path)
        for number in range(2, 5):  # before: 201 each, and every one of them gone after a restart
            answer = await _post(http, number)
            assert answer.status_code == 503, answer.text
            assert answer.headers["retry-after"].isdigit()
        ready = await http.get("/readyz")
        assert ready.status_code == 503
        assert "deleted or replaced" in ready.json()["detail"]


async def test_readiness_is_503_without_the_schema(tmp_path: Path) -> None:
    async with _sqlite_service(tmp_path, migrated=False) as (http, _):
        assert (await http.get("/readyz")).status_code == 503  # before: 200, and every request a failure
        assert (await http.get("/healthz")).status_code == 200


async def test_a_corrupt_sqlite_file_is_503_not_500(tmp_path: Path) -> None:
    path = tmp_path / "feedhook.db"
    await asyncio.to_thread(migrate, f"sqlite:///{path}")
    path.write_bytes(b"this is not a database " * 4000)  # a disk error, a bad restore, a stray write
    async with _sqlite_service(tmp_path, migrated=False) as (http, _):
        for request in (http.get("/readyz"), http.get("/v1/items"), http.get("/v1/items/1"), _post(http, 1)):
            answer = await request
            assert answer.status_code == 503, answer.text
            assert answer.headers["content-type"] == "application/problem+json"


async def test_readiness_is_503_when_the_disk_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with _sqlite_service(tmp_path) as (http, _):
        assert (await http.get("/readyz")).status_code == 200
        # A real statvfs of the folder, against a need no disk can meet: as a full disk answers.
        monkeypatch.setattr(db_module, "MIN_FREE_BYTES", 2**62)
        ready = await http.get("/readyz")
        assert ready.status_code == 503
        assert "full" in ready.json()["detail"]
