"""Soak (make soak): kill -9 at random moments under webhook load, many rounds; nothing acknowledged is lost.

Each round posts a window of stories that overlaps the previous round's, kills the server after a
random number of acknowledgements, restarts it on the same files and checks every acknowledged id
and that no story is stored twice.
"""

from __future__ import annotations

import asyncio
import os
import random
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.samples import generated_story
from tests.test_process import Server, all_items

ROUNDS = int(os.environ.get("FEEDHOOK_SOAK_ROUNDS", "12"))


async def _load(server: Server, token: str, numbers: list[int], kill_after: int) -> dict[int, int]:
    acknowledged: dict[int, int] = {}
    enough = asyncio.Event()
    semaphore = asyncio.Semaphore(48)
    async with httpx.AsyncClient(base_url=server.base, timeout=10) as http:

        async def post(number: int) -> None:
            async with semaphore:
                if enough.is_set():
                    return
                try:
                    response = await http.post(
                        "/v1/webhooks/ifttt", params={"token": token}, content=generated_story(number).json_valid()
                    )
                except httpx.TransportError:
                    return
            if response.status_code in (200, 201):
                acknowledged[number] = response.json()["id"]
                if len(acknowledged) >= kill_after:
                    enough.set()

        tasks = [asyncio.create_task(post(number)) for number in numbers]
        waiter = asyncio.create_task(enough.wait())
        first_of: list[asyncio.Future[Any]] = [waiter, asyncio.gather(*tasks)]
        await asyncio.wait(first_of, return_when=asyncio.FIRST_COMPLETED)
        server.kill()
        waiter.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return acknowledged


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    rng = random.Random(int(os.environ.get("FEEDHOOK_SOAK_SEED", "20261123")))
    server = Server(tmp_path)
    server.start()
    token = server.secrets()["webhook_token"]
    ids_by_story: dict[int, int] = {}
    try:
        for round_number in range(ROUNDS):
            first = round_number * 150
            numbers = list(range(first, first + 300))  # overlaps the previous round by 150 stories
            rng.shuffle(numbers)
            acknowledged = asyncio.run(_load(server, token, numbers, kill_after=rng.randint(10, 280)))
            server.start()
            for number, item_id in acknowledged.items():
                known = ids_by_story.setdefault(number, item_id)
                assert known == item_id, f"story {number} stored twice: {known} and {item_id}"
                response = httpx.get(f"{server.base}/v1/items/{item_id}")
                assert response.status_code == 200, f"round {round_number}: acknowledged item {item_id} lost"
                assert response.json()["headline"] == generated_story(number).headline
        headlines = [str(item["headline"]) for item in all_items(server)]
        assert len(headlines) == len(set(headlines)), "a story is stored twice"
        assert len(set(ids_by_story.values())) == len(ids_by_story), "two stories acknowledged with one id"
    finally:
        server.stop()
