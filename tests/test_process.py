"""The real `feedhook serve` process over a socket: first start, secrets, logs, and kill -9 durability."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import select
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.samples import generated_story


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A `feedhook serve` child process with its own data folder; output goes to a log file."""

    def __init__(
        self, data: Path, *, feeds: str | None = "", database_url: str | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.data = data
        self.extra_env = env or {}
        self.feeds = feeds
        self.database_url = database_url or f"sqlite:///{data / 'feedhook.db'}"
        self.port = _free_port()
        self.log = data / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith("FEEDHOOK_")}
        env |= {"FEEDHOOK_DATABASE_URL": self.database_url, "FEEDHOOK_LOG_FORMAT": "text"} | self.extra_env
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app", "serve", "--port", str(self.port)],
                cwd=self.data,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text()}")
            try:
                if httpx.get(f"{self.base}/healthz", timeout=0.5).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError(f"server did not start: {self.log.read_text()}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def reader(self) -> dict[str, str]:
        """Headers that may read items (the admin key reads too)."""
        return {"Authorization": f"Bearer {self.secrets()['api_key']}"}

    def secrets(self) -> dict[str, str]:
        return dict(json.loads((self.data / "secrets.json").read_text()))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path)
    running.start()
    yield running
    running.stop()


def test_first_start_writes_where_the_secrets_are_not_the_secrets_to_a_log(server: Server) -> None:
    secrets = server.secrets()
    assert stat.S_IMODE((server.data / "secrets.json").stat().st_mode) == 0o600
    log = server.log.read_text()
    assert secrets["webhook_token"] not in log
    assert secrets["api_key"] not in log
    assert "secrets.json (mode 0600)" in log.replace("\n", "")
    assert "feedhook ifttt" in log
    assert "/ui/" in log  # where the operator logs in
    # How to read items: which key, which header (the key itself stays in secrets.json).
    assert f"curl -H 'Authorization: Bearer <key>' {server.base}/v1/items" in log
    assert "feedhook keys create NAME --scope read" in log


def test_first_start_prints_the_ifttt_setup_to_a_terminal(tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    env = {key: value for key, value in os.environ.items() if not key.startswith("FEEDHOOK_")}
    env |= {"FEEDHOOK_DATABASE_URL": f"sqlite:///{tmp_path / 'feedhook.db'}", "FEEDHOOK_FEEDS": "", "COLUMNS": "300"}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", str(_free_port())],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,  # where the banner goes: the terminal the operator started it in
    )
    os.close(terminal)
    shown = b""
    try:
        deadline = time.monotonic() + 30
        while b"Operator console" not in shown and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1)
            if ready:
                shown += os.read(controller, 65536)
    finally:
        process.terminate()
        process.wait(timeout=10)
        os.close(controller)
    secrets = json.loads((tmp_path / "secrets.json").read_text())
    text = shown.decode(errors="replace")
    assert f"/v1/webhooks/ifttt?token={secrets['webhook_token']}" in text
    assert secrets["api_key"] in text
    assert re.search(r"Operator console: http://127\.0\.0\.1:\d+/ui/", text)


def test_token_never_appears_in_logs(server: Server) -> None:
    token = server.secrets()["webhook_token"]
    setup_text = server.log.read_text()  # the first-start banner is printed to the operator on purpose
    story = generated_story(5)
    query = httpx.post(f"{server.base}/v1/webhooks/ifttt", params={"token": token}, content=story.json_valid())
    assert query.status_code == 201, query.text
    bearer = httpx.post(
        f"{server.base}/v1/webhooks/ifttt",
        headers={"Authorization": f"Bearer {token}"},
        content=generated_story(6).json_valid(),
    )
    assert bearer.status_code == 201
    wrong = httpx.post(f"{server.base}/v1/webhooks/ifttt", params={"token": token + "x"}, content=b"{}")
    assert wrong.status_code == 401
    time.sleep(0.3)
    logged = server.log.read_text()[len(setup_text) :]
    assert "/v1/webhooks/ifttt" in logged  # the access log is on
    assert token not in logged


async def _post_until_killed(
    server: Server, token: str, acknowledged: dict[int, str], total: int, enough: asyncio.Event
) -> None:
    limits = httpx.Limits(max_connections=32)
    async with httpx.AsyncClient(base_url=server.base, limits=limits, timeout=10) as http:
        semaphore = asyncio.Semaphore(32)

        async def post(number: int) -> None:
            story = generated_story(number)
            async with semaphore:
                try:
                    response = await http.post(
                        "/v1/webhooks/ifttt", params={"token": token}, content=story.json_valid()
                    )
                except httpx.TransportError:
                    return  # the server died under us: not acknowledged, nothing promised
            if response.status_code == 201:
                acknowledged[response.json()["id"]] = story.headline
                if len(acknowledged) >= 150:
                    enough.set()

        await asyncio.gather(*(post(number) for number in range(total)))


def test_acknowledged_items_survive_kill_9(server: Server) -> None:
    token = server.secrets()["webhook_token"]
    acknowledged: dict[int, str] = {}

    async def load_then_kill() -> None:
        enough = asyncio.Event()
        poster = asyncio.create_task(_post_until_killed(server, token, acknowledged, 600, enough))
        waiter = asyncio.create_task(enough.wait())
        await asyncio.wait([poster, waiter], return_when=asyncio.FIRST_COMPLETED)
        server.kill()
        waiter.cancel()  # mid-load: requests are in flight and batches are committing
        await poster

    asyncio.run(load_then_kill())
    assert 150 <= len(acknowledged) < 600, "the kill must land mid-load"
    server.start()
    for item_id, headline in acknowledged.items():
        response = httpx.get(f"{server.base}/v1/items/{item_id}", headers=server.reader())
        assert response.status_code == 200, f"acknowledged item {item_id} lost"
        assert response.json()["headline"] == headline
    # Nothing acknowledged twice, nothing stored twice.
    ids = [item["id"] for item in all_items(server)]
    assert len(ids) == len(set(ids))
    assert len({item["headline"] for item in all_items(server)}) == len(ids)


def all_items(server: Server) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 200}
        if cursor:
            params["cursor"] = cursor
        page = httpx.get(f"{server.base}/v1/items", params=params, headers=server.reader()).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def test_default_feed_offline_shows_its_error_and_the_webhook_keeps_working(tmp_path: Path) -> None:
    server = Server(tmp_path, feeds=None)
    server.start()
    try:
        secrets = server.secrets()
        admin = {"Authorization": f"Bearer {secrets['api_key']}"}
        deadline = time.monotonic() + 20
        feeds: list[dict[str, object]] = []
        while time.monotonic() < deadline:
            feeds = httpx.get(f"{server.base}/v1/feeds", headers=admin).json()
            if feeds and feeds[0]["error_count"]:
                break
            time.sleep(0.2)
        assert [feed["url"] for feed in feeds] == ["https://feeds.businessinsider.com/custom/all"]
        assert feeds[0]["last_status"] == "error"
        assert feeds[0]["last_error"]
        posted = httpx.post(
            f"{server.base}/v1/webhooks/ifttt",
            params={"token": secrets["webhook_token"]},
            content=generated_story(1).json_valid(),
        )
        assert posted.status_code == 201
        assert httpx.get(f"{server.base}/readyz").status_code == 200
    finally:
        server.stop()


def test_stream_delivers_new_items_as_server_sent_events(server: Server) -> None:
    token = server.secrets()["webhook_token"]
    story = generated_story(31)
    received: list[str] = []

    def post_soon() -> None:
        time.sleep(0.5)
        httpx.post(f"{server.base}/v1/webhooks/ifttt", params={"token": token}, content=story.json_valid())

    poster = threading.Thread(target=post_soon)
    key = server.secrets()["api_key"]  # in the query, as an EventSource client that cannot send headers does
    with httpx.stream("GET", f"{server.base}/v1/items/stream", params={"key": key}, timeout=15) as events:
        assert events.headers["content-type"].startswith("text/event-stream")
        assert events.headers["x-accel-buffering"] == "no"  # a reverse proxy must not buffer the events
        poster.start()
        for line in events.iter_lines():
            received.append(line)
            if line.startswith("data: "):
                break
    poster.join()
    data = json.loads(received[-1].removeprefix("data: "))
    assert data["headline"] == story.headline
    assert "event: item" in received
    assert any(line.startswith("id: ") for line in received)
