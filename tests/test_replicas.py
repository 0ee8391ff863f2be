"""Several processes on one PostgreSQL database: pollers share feeds by lease, replicas share dedup."""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests import postgres
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed
from tests.test_cli import run_feedhook
from tests.test_process import Server

TOKEN = "replica-token-0123456789"


@pytest.fixture
def postgres_url(postgres_template: str) -> Iterator[str]:
    name = postgres.clone(postgres_template)
    yield postgres.database_url(name)
    postgres.drop(name)


def _env(database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FEEDHOOK_")}
    return env | {
        "FEEDHOOK_DATABASE_URL": database_url,
        "FEEDHOOK_ALLOW_PRIVATE_NETWORKS": "true",
        "FEEDHOOK_FEEDS": "",
        "FEEDHOOK_WEBHOOK_TOKEN": TOKEN,
        "FEEDHOOK_API_KEY": "replica-admin-key-0123456789",
    }


async def test_three_poller_processes_poll_each_of_300_feeds_exactly_once(postgres_url: str, tmp_path: Path) -> None:
    env = _env(postgres_url)
    async with LoopbackServer("127.0.0.1") as server:
        for number in range(300):
            document = rss_feed([generated_story(number)])
            server.route(f"/f/{number}.xml", Response(200, {"Content-Type": "application/rss+xml"}, document))
        opml = tmp_path / "feeds.opml"
        outlines = "".join(f'<outline text="f{n}" xmlUrl="{server.url(f"/f/{n}.xml")}"/>' for n in range(300))
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>')
        await run_feedhook(env, tmp_path, "opml", "import", str(opml))

        outputs = await asyncio.gather(*(run_feedhook(env, tmp_path, "poll", "--once") for _ in range(3)))
        hits = Counter(request.target for request in server.requests)
        assert len(hits) == 300
        assert set(hits.values()) == {1}, [target for target, count in hits.items() if count > 1]
        polled = [int(output.rsplit(" feeds polled", 1)[0].rsplit("\n", 1)[-1]) for output in outputs]
        assert sum(polled) == 300

        # The next cycle finds nothing due: each feed was polled once for this cycle.
        again = await run_feedhook(env, tmp_path, "poll", "--once")
        assert "0 feeds polled" in again
        assert len(server.requests) == 300


def test_50_identical_webhooks_over_2_replicas_make_one_item(postgres_url: str, tmp_path: Path) -> None:
    replicas = []
    for number in range(2):
        folder = tmp_path / f"replica-{number}"
        folder.mkdir()
        shared = {"FEEDHOOK_WEBHOOK_TOKEN": TOKEN, "FEEDHOOK_API_KEY": "replica-admin-key-0123456789"}
        replica = Server(folder, database_url=postgres_url, env=shared)
        replica.start()
        replicas.append(replica)
    try:
        body = generated_story(77).json_valid()

        async def post_all() -> list[httpx.Response]:
            async with httpx.AsyncClient(timeout=30) as http:
                return list(
                    await asyncio.gather(
                        *(
                            http.post(
                                f"{replicas[n % 2].base}/v1/webhooks/ifttt",
                                params={"token": TOKEN},
                                content=body,
                            )
                            for n in range(50)
                        )
                    )
                )

        responses = asyncio.run(post_all())
        statuses = Counter(response.json()["status"] for response in responses)
        assert statuses == {"created": 1, "duplicate": 49}
        assert len({response.json()["id"] for response in responses}) == 1
        reader = {"Authorization": "Bearer replica-admin-key-0123456789"}
        items = httpx.get(f"{replicas[1].base}/v1/items", headers=reader).json()["items"]
        assert len(items) == 1
    finally:
        for replica in replicas:
            replica.stop()
