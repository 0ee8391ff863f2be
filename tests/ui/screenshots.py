"""Screenshots of the console for docs/console.md, taken by Playwright against a server with sample data.

Run: PYTHONPATH=. python -m tests.ui.screenshots  (writes docs/img/console-overview.png and console-inbox.png)
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from pathlib import Path

import httpx
from playwright.async_api import async_playwright

from app.clock import to_micros, utcnow
from app.normalize import normalize
from app.normalize.model import NormalizeSettings, RawItem
from app.store.db import Database
from app.store.items import save_item
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed
from tests.ui.browser import CHROMIUM, serve

OUT = Path(__file__).resolve().parents[2] / "docs" / "img"
SITE = b'<html><head><link rel="alternate" type="application/rss+xml" href="/news.xml"></head></html>'


async def _sample_data(base_url: str, token: str, api_key: str, feed_url: str) -> None:
    """A feed polled once, a few webhook posts (one with broken JSON), one refused payload."""
    admin = {"Authorization": f"Bearer {api_key}"}
    hook = f"/v1/webhooks/ifttt?token={token}"
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        feed = (await client.post("/v1/feeds", json={"url": feed_url}, headers=admin)).json()
        await client.post(f"/v1/feeds/{feed['id']}/poll", headers=admin)
        await client.post(hook, json={"title": "Harbour reopens after the storm", "content": "Ships sail again."})
        broken = (
            '{"title": "Mayor says "no" to the tower", "url": "https://example.org/tower", '
            '"content": "Plans shelved.\nFor now."}'
        )
        await client.post(hook, content=broken, headers={"Content-Type": "application/json"})
        await client.post(hook, json={"author": "an applet with no title"})


async def _past_week(database_url: str) -> None:
    """Items stored over the last days (through the store, with past arrival times), so the chart has a shape."""
    db = Database(database_url)
    await db.start()
    try:
        now = utcnow()
        for hours_ago in range(3, 150, 3):
            received = now - timedelta(hours=hours_ago)
            for number in range(1 + (hours_ago // 3) % 4):
                raw = RawItem(title=f"Sample story {hours_ago}-{number}", content="A paragraph of sample text.")
                item = normalize(raw, now=received, settings=NormalizeSettings())
                channel = CHANNEL_WEBHOOK if number % 2 else CHANNEL_FEED
                await db.write(save_item(item, channel=channel, received_at=to_micros(received)))
    finally:
        await db.close()


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    stories = [generated_story(number) for number in range(1, 9)]
    with tempfile.TemporaryDirectory() as tmp:
        async with serve(Path(tmp)) as served, LoopbackServer("127.0.0.1") as site:
            site.route("/", Response(200, {"Content-Type": "text/html"}, SITE))
            site.route("/news.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed(stories)))
            await _past_week(served.database_url)
            await _sample_data(served.base_url, served.webhook_token, served.api_key, site.url("/news.xml"))
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
                page = await browser.new_page(base_url=served.base_url, viewport={"width": 1280, "height": 900})
                await page.goto("/ui/login")
                await page.get_by_label("Admin API key").fill(served.api_key)
                await page.get_by_role("button", name="Log in").click()
                await page.get_by_role("heading", name="Overview").wait_for()
                await page.screenshot(path=OUT / "console-overview.png", full_page=True)
                await page.goto("/ui/inbox")
                await page.screenshot(path=OUT / "console-inbox.png", full_page=False)
                await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
