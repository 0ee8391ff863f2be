"""Unauthenticated and stalled clients against the real server on loopback: no body read, no socket kept."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from app.config import Settings
from app.main import create_app
from app.ops.http import BoundedHttpToolsProtocol
from app.store.db import migrate
from tests.conftest import API_KEY, WEBHOOK_TOKEN


class QuickProtocol(BoundedHttpToolsProtocol):
    RECEIVE_SECONDS = 1.0


@pytest.fixture
async def address(tmp_path: Path) -> AsyncIterator[tuple[str, int]]:
    url = f"sqlite:///{tmp_path / 'feedhook.db'}"
    await asyncio.to_thread(migrate, url)
    settings = Settings(
        _env_file=None,
        database_url=url,
        data_dir=tmp_path,
        webhook_token=WEBHOOK_TOKEN,
        api_key=API_KEY,
        feeds="",
        poller=False,
        resolve_shortlinks=False,
        deliveries=False,
    )
    config = uvicorn.Config(create_app(settings), http=QuickProtocol, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(1000):  # uvicorn has no event for it, only this flag
        if server.started:
            break
        await asyncio.sleep(0.01)
    yield sock.getsockname()
    server.should_exit = True
    await asyncio.wait_for(serving, timeout=10)


async def _answer(reader: asyncio.StreamReader) -> bytes:
    """What the server sends until it closes the connection (10 s at most: then the test fails); a reset
    (the server closed with our bytes unread, so the kernel discarded its answer) is RESET."""
    try:
        return await asyncio.wait_for(reader.read(), timeout=10)
    except ConnectionResetError:
        return RESET


RESET = b"(reset)"


HEAD = "POST /v1/webhooks/ifttt{query} HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"


@pytest.mark.parametrize(
    ("query", "header"),
    [("", "Authorization: Bearer wrong-token-0123456789\r\n"), ("?token=wrong", ""), ("", "X-Feedhook-Token: no\r\n")],
)
async def test_a_wrong_head_token_is_refused_before_the_body_is_sent(
    address: tuple[str, int], query: str, header: str
) -> None:
    reader, writer = await asyncio.open_connection(*address)
    # The head promises a megabyte that never comes: only a check before reading answers at once.
    writer.write((HEAD.format(query=query) + header + "Content-Length: 1000000\r\n\r\n").encode())
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), timeout=0.9)  # before the 1 s receive deadline
    assert status.startswith(b"HTTP/1.1 401"), status
    writer.close()


async def test_a_huge_request_head_is_refused_with_431(address: tuple[str, int]) -> None:
    reader, writer = await asyncio.open_connection(*address)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: t\r\n")
    try:
        for _ in range(64):  # 1 MiB of header lines, more than the 64 KiB a head may take
            writer.write(b"X-Filler: " + b"a" * 16_000 + b"\r\n")
            await writer.drain()
    except ConnectionError:
        pass  # the server closed while we were still sending
    answer = await _answer(reader)
    assert answer.startswith(b"HTTP/1.1 431") or answer == RESET, answer[:80]
    writer.close()


@pytest.mark.parametrize(
    "sent",
    [
        b"",  # connects and says nothing
        b"POST /v1/webhooks/ifttt HTTP/1.1\r\nHost: t\r\n",  # half a head
        (HEAD.format(query="") + "Content-Length: 100\r\n\r\n" + '{"token": "').encode(),  # a tenth of the body
    ],
    ids=["silent", "half-head", "partial-body"],
)
async def test_a_stalled_request_is_closed_after_the_receive_deadline(address: tuple[str, int], sent: bytes) -> None:
    connections = [await asyncio.open_connection(*address) for _ in range(20)]
    for _, writer in connections:
        writer.write(sent)
        await writer.drain()
    answers = await asyncio.gather(*(_answer(reader) for reader, _ in connections))
    assert all(answer == b"" or answer.startswith(b"HTTP/1.1 408") for answer in answers), answers[0][:80]
    for _, writer in connections:
        writer.close()
        await writer.wait_closed()


async def test_a_well_behaved_client_on_a_kept_alive_connection_is_served(address: tuple[str, int]) -> None:
    host, port = address
    async with httpx.AsyncClient(
        base_url=f"http://{host}:{port}", headers={"Authorization": f"Bearer {API_KEY}"}
    ) as http:
        assert (await http.get("/v1/feeds")).status_code == 200
        await asyncio.sleep(1.5)  # idle longer than the receive deadline between requests: not a stalled request
        assert (await http.get("/v1/feeds")).status_code == 200
        webhook = {"Authorization": f"Bearer {WEBHOOK_TOKEN}"}
        posted = await http.post("/v1/webhooks/ifttt", headers=webhook, json={"title": "A story"})
        assert posted.status_code == 201, posted.text
