"""The console in a real browser: log in, add and poll a loopback feed, read its items, replay a payload,
revoke a key."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, async_playwright, expect

from app.store.db import Database
from app.store.quarantine import keep_payload
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed
from tests.ui.browser import ARTIFACTS, Served, chromium_or_skip, serve

SITE_PAGE = b"""<!doctype html><html><head><title>Harbour News</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Harbour News" href="/news.xml">
</head><body><h1>Harbour News</h1></body></html>"""

pytestmark = pytest.mark.browser


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    chromium = chromium_or_skip()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(chromium), headless=True)
        yield launched
        await launched.close()


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    async with serve(tmp_path) as running:
        yield running


@pytest.fixture
async def page(browser: Browser, served: Served, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    """A fresh page; what the browser refused (a CSP violation, a script error) fails the test; a screenshot
    is left in ARTIFACTS when it failed."""
    context = await browser.new_context(base_url=served.base_url)
    opened = await context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # A refused script or style ("Refused to execute inline script ...") is an error; a 4xx answer
        # (the wrong key's 401, the absent favicon) is logged as a failed load, which the test itself checks.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed or problems:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await opened.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    await context.close()
    assert not problems, problems


async def _log_in(page: Page, served: Served) -> None:
    await page.goto("/")
    await expect(page).to_have_url(re.compile(r"/ui/login$"))
    await page.get_by_label("Admin API key").fill("not-the-key")
    await page.get_by_role("button", name="Log in").click()
    await expect(page.get_by_role("alert")).to_contain_text("not an admin key")
    await page.get_by_label("Admin API key").fill(served.api_key)
    await page.get_by_role("button", name="Log in").click()
    await expect(page.get_by_role("heading", name="Overview")).to_be_visible()


async def test_an_operator_adds_a_loopback_feed_polls_it_and_reads_its_items(page: Page, served: Served) -> None:
    stories = [generated_story(1), generated_story(2)]
    async with LoopbackServer("127.0.0.1") as feeds:
        feeds.route("/news.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed(stories)))
        feeds.route("/", Response(200, {"Content-Type": "text/html; charset=utf-8"}, SITE_PAGE))
        await _log_in(page, served)
        await page.get_by_role("link", name="Feeds").click()
        await expect(page.get_by_text("No feeds yet")).to_be_visible()
        # The site's page, not the feed: autodiscovery follows its <link rel="alternate">.
        await page.get_by_label("Feed or site URL").fill(feeds.url("/"))
        await page.get_by_role("button", name="Add feed").click()
        await expect(page.get_by_role("status")).to_contain_text("added as feed 1")
        row = page.locator("#feed-1")
        await expect(row).to_contain_text("not polled yet")

        await row.get_by_role("button", name="Poll now").click()
        await expect(page.get_by_role("status")).to_contain_text("Feed 1: ok, 2 new")  # htmx swapped the page
        await expect(page.locator("#feed-1 td").nth(6)).to_have_text("2")
        assert len(feeds.hits("/news.xml")) == 1
        assert len(feeds.hits("/")) == 1

        await page.locator("#feed-1").get_by_role("link").first.click()  # the feed's items
        await expect(page).to_have_url(re.compile(r"/ui/items\?feed=1$"))
        await page.get_by_role("link", name=re.compile("^Story 2: markets react")).click()
        await expect(page.get_by_role("heading", level=1)).to_contain_text("Story 2: markets react")
        await expect(page.locator(".blocks")).to_contain_text("Paragraph one of story 2")
        await expect(page.get_by_text("feed 1 " + feeds.url("/news.xml"))).to_be_visible()  # its sighting

        await page.get_by_role("link", name="Feeds").click()
        await page.locator("#feed-1").get_by_role("button", name="Disable").click()
        await expect(page.locator("#feed-1")).to_contain_text("disabled")
    assert not feeds.errors, feeds.errors


async def test_an_operator_replays_a_quarantined_payload_and_revokes_a_key(page: Page, served: Served) -> None:
    # A payload an older normalizer refused, kept as the webhook keeps one (the token inside it too).
    body = f'{{"token": "{served.webhook_token}", "title": "Ferry strike ends", "content": "Boats run."}}'
    db = Database(served.database_url)
    await db.start()
    try:
        await db.write(
            keep_payload(
                body=body.encode(), content_type="application/json", reason="no-headline", detail="old", received_at=1
            )
        )
    finally:
        await db.close()
    await _log_in(page, served)
    await expect(page.locator("#quarantine-size")).to_have_text("1")
    await page.get_by_role("link", name="Inbox").click()
    payload = page.locator("#payload-1")
    await expect(payload).to_contain_text("[webhook token]")
    await expect(payload).not_to_contain_text(served.webhook_token)
    await expect(payload.locator(".normalized")).to_contain_text("Ferry strike ends")
    await payload.get_by_role("button", name="Replay").click()
    await expect(page.get_by_role("status")).to_contain_text("Payload 1 replayed: created as item 1")
    await page.locator("#payload-1").get_by_role("link", name="item 1").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Ferry strike ends")
    await page.get_by_role("link", name="Overview").click()
    await expect(page.locator("#quarantine-size")).to_have_text("0")
    # The setup page's copy buttons: console.js, served from /ui/static, runs under the CSP.
    await page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    await page.get_by_role("link", name="Setup").click()
    await page.get_by_role("button", name="Copy").first.click()
    await expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = await page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{served.base_url}/v1/webhooks/ifttt?token={served.webhook_token}"

    # A second admin key made on the keys page opens the console; revoking it there ends that session.
    await page.get_by_role("link", name="Keys").click()
    await page.get_by_label("Key name").fill("operator-2")
    await page.get_by_label("Scope").select_option("admin")
    await page.get_by_role("button", name="Create key").click()
    await expect(page.locator("#new-key")).to_contain_text("shown this once")
    secret = await page.locator("#new-key-secret").inner_text()
    await page.locator("#new-key").get_by_role("button", name="Copy").click()
    assert await page.evaluate("navigator.clipboard.readText()") == secret
    async with httpx.AsyncClient(base_url=served.base_url, headers={"Authorization": f"Bearer {secret}"}) as http:
        assert (await http.get("/v1/items")).status_code == 200
        await page.get_by_role("button", name="Log out").click()
        await expect(page).to_have_url(re.compile(r"/ui/login$"))
        await page.get_by_label("Admin API key").fill(secret)
        await page.get_by_role("button", name="Log in").click()
        await expect(page.get_by_role("heading", name="Overview")).to_be_visible()
        await page.get_by_role("link", name="Keys").click()
        await expect(page.locator("#new-key-secret")).to_have_count(0)  # the secret was shown that once
        # htmx snapshots each page it leaves into sessionStorage for its history; not the one that showed the secret.
        stored = await page.evaluate("JSON.stringify([sessionStorage, localStorage])")
        assert "htmx-history-cache" in stored
        assert secret not in stored
        row = page.locator("tr", has_text="operator-2")
        await expect(row).not_to_contain_text("never")  # its last use: the read above, this login
        await row.get_by_role("button", name="Revoke").click()
        await expect(page).to_have_url(re.compile(r"/ui/login$"))
        await expect(page.get_by_role("status")).to_contain_text("log in with another admin key")
        assert (await http.get("/v1/items")).status_code == 401  # at once, no restart
    await page.goto("/ui/keys")
    await expect(page).to_have_url(re.compile(r"/ui/login$"))
