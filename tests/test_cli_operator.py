"""The operator's commands as a user runs them: feeds poll/enable/disable, quarantine, --json, whole URLs."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import typer.core
import typer.main
from rich.console import Console

from app import commands
from app.cli import cli
from app.clock import to_micros, utcnow
from app.config import Settings
from app.ops.logging import RedactingFormatter
from app.services import open_services
from app.store.db import Database, migrate
from app.store.quarantine import keep_payload
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed
from tests.test_cli import cli_env, run_feedhook

TOKEN = "cli-webhook-token-0123456789"
LONG_PATH = "/" + "very-long-path-segment/" * 8 + "feed.xml"


async def feedhook(tmp_path: Path, *args: str, check: bool = True) -> str:
    """`feedhook ARGS` (stdout and stderr) with a known webhook token; asserts success unless told not to."""
    return await run_feedhook(cli_env(tmp_path, webhook_token=TOKEN), tmp_path, *args, check=check)


async def exit_code_and_output(tmp_path: Path, *args: str) -> tuple[int | None, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        *args,
        cwd=tmp_path,
        env=cli_env(tmp_path, webhook_token=TOKEN),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode, output.decode()


async def test_feeds_poll_enable_disable_and_whole_urls_in_json_and_tables(tmp_path: Path) -> None:
    async with LoopbackServer("127.0.0.1") as server:
        server.route(LONG_PATH, Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(1)])))
        server.route("/broken.xml", Response(500, {}, b"down"))
        await feedhook(tmp_path, "migrate")
        await feedhook(tmp_path, "feeds", "add", server.url(LONG_PATH))
        await feedhook(tmp_path, "feeds", "add", server.url("/broken.xml"))

        table = await feedhook(tmp_path, "feeds", "list")  # stdout is a pipe here, as in a script
        assert server.url(LONG_PATH) in table
        assert "…" not in table

        one = await feedhook(tmp_path, "feeds", "poll", "1", "--json")
        assert [(outcome["feed_id"], outcome["status"], outcome["new"]) for outcome in json.loads(one)] == [
            (1, "ok", 1)
        ]
        every = await feedhook(tmp_path, "feeds", "poll", "--all", check=False)
        assert "2 feeds polled" in every
        assert "1 failed" in every

        await feedhook(tmp_path, "feeds", "disable", server.url("/broken.xml"))
        feeds = json.loads(await feedhook(tmp_path, "feeds", "list", "--json"))
        assert [(feed["url"], feed["disabled"]) for feed in feeds] == [
            (server.url(LONG_PATH), False),
            (server.url("/broken.xml"), True),
        ]
        assert feeds[1]["error_count"] >= 1
        # Feed health: the streak's start is the broken feed's first failed poll; the share of 304s is of its polls.
        assert feeds[1]["failing_since"] is not None
        assert feeds[1]["failing_since"] <= feeds[1]["last_polled_at"]
        assert (feeds[1]["poll_count"], feeds[1]["not_modified_count"], feeds[1]["not_modified_share"]) == (1, 0, 0.0)
        assert (feeds[0]["failing_since"], feeds[0]["poll_count"]) == (None, 2)
        assert "1 feeds polled" in await feedhook(tmp_path, "feeds", "poll", "--all")  # the disabled one sits out
        await feedhook(tmp_path, "feeds", "enable", "2")
        feeds = json.loads(await feedhook(tmp_path, "feeds", "list", "--json"))
        assert (feeds[1]["disabled"], feeds[1]["error_count"]) == (False, 0)
        missing = await feedhook(tmp_path, "feeds", "enable", "http://nowhere.example/feed", check=False)
        assert "no feed with URL" in missing


async def test_poll_once_exits_non_zero_when_a_feed_failed(tmp_path: Path) -> None:
    async with LoopbackServer("127.0.0.1") as server:
        server.route("/ok.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(2)])))
        server.route("/broken.xml", Response(500, {}, b"down"))
        await feedhook(tmp_path, "migrate")
        await feedhook(tmp_path, "feeds", "add", server.url("/ok.xml"))
        assert "0 failed" in await feedhook(tmp_path, "poll", "--once")  # exit 0 (feedhook asserts it)
        await feedhook(tmp_path, "feeds", "add", server.url("/broken.xml"))
        code, output = await exit_code_and_output(tmp_path, "poll", "--once")
        assert code == 1, output
        assert "1 failed" in output
        # The WARNING line the failure logged, and the exit code a cron job sees.
        assert "WARNING" in output
        assert "fetch failed" in output
        code, failing = await exit_code_and_output(tmp_path, "feeds", "poll", "2")
        assert code == 1, failing
        assert "error" in failing


async def _keep(tmp_path: Path, *bodies: bytes) -> None:
    db = Database(f"sqlite:///{tmp_path / 'cli.db'}")
    await db.start()
    try:
        for body in bodies:
            await db.write(
                keep_payload(
                    body=body,
                    content_type="application/json",
                    reason="unusable-item",
                    detail="no headline could be recovered",
                    received_at=to_micros(utcnow()),
                )
            )
    finally:
        await db.close()


async def test_quarantine_list_show_replay_delete(tmp_path: Path) -> None:
    await feedhook(tmp_path, "migrate")
    story = orjson.loads(generated_story(3).json_valid())
    story["token"] = TOKEN
    await _keep(tmp_path, orjson.dumps(story), b'{"content": ""}', b"{}")

    kept = json.loads(await feedhook(tmp_path, "quarantine", "list", "--json"))
    assert [(row["id"], row["reason"], row["replayed_at"]) for row in kept] == [
        (1, "unusable-item", None),
        (2, "unusable-item", None),
        (3, "unusable-item", None),
    ]
    assert "no headline could be recovered" in await feedhook(tmp_path, "quarantine", "list")

    shown = await feedhook(tmp_path, "quarantine", "show", "1")
    assert "reason: unusable-item" in shown
    assert story["title"] in shown
    assert TOKEN not in shown
    assert "[webhook token]" in shown

    shown_json = json.loads(await feedhook(tmp_path, "quarantine", "show", "1", "--json"))
    assert (shown_json["id"], shown_json["reason"]) == (1, "unusable-item")
    assert story["title"] in shown_json["body"]
    assert TOKEN not in shown_json["body"]

    replayed = await feedhook(tmp_path, "quarantine", "replay", "1")
    assert "created" in replayed
    after = json.loads(await feedhook(tmp_path, "quarantine", "list", "--json"))
    assert [row["id"] for row in after] == [2, 3]  # the stored one left the pending list
    assert json.loads(await feedhook(tmp_path, "quarantine", "list", "--all", "--json"))[0]["item_id"] == 1
    still = await feedhook(tmp_path, "quarantine", "replay", "2")
    assert "unusable-item" in still
    (again,) = json.loads(await feedhook(tmp_path, "quarantine", "replay", "2", "--json"))
    assert (again["quarantine_id"], again["status"], again["item_id"]) == (2, "unusable-item", None)
    every = json.loads(await feedhook(tmp_path, "replay", "--include-replayed", "--json"))
    assert sorted((row["quarantine_id"], row["status"]) for row in every) == [
        (1, "duplicate"),
        (2, "unusable-item"),
        (3, "unusable-item"),
    ]

    assert "deleted" in await feedhook(tmp_path, "quarantine", "delete", "3")
    gone = await feedhook(tmp_path, "quarantine", "delete", "3", check=False)
    assert "no quarantined payload 3" in gone
    assert "no quarantined payload 99" in await feedhook(tmp_path, "quarantine", "show", "99", check=False)


NOT_LISTINGS = {
    "serve": "runs the service",
    "migrate": "one line: the revision",
    "ifttt": "the applet setup, text to paste",
    "openapi": "a document (JSON already)",
    "opml export": "a document (OPML)",
    "cleanup": "one line: how many items went",
    "feeds add": "one line: the new feed's id",
    "feeds enable": "one line",
    "feeds disable": "one line",
    "feeds remove": "one line",
    "keys create": "the secret alone on stdout",
    "keys revoke": "one line",
    "token rotate": "the token alone on stdout",
    "quarantine delete": "one line",
}
"""Commands that print no list of records (a document, a secret, or one line); every other command lists
what it found or did and takes --json."""


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Every leaf command under `command` (typer's own click types), by its words."""
    if isinstance(command, typer.core.TyperGroup):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield " ".join(path), command


def test_every_listing_command_takes_json() -> None:
    commands = dict(_commands(typer.main.get_command(cli)))
    assert set(NOT_LISTINGS) <= set(commands)  # the list above names real commands
    without = [name for name, command in commands.items() if not any("--json" in p.opts for p in command.params)]
    assert sorted(without) == sorted(NOT_LISTINGS)


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ WARNING app\.feeds\.poller fetch failed feed_id=1 error=\S.*$"
)


@pytest.fixture
def app_log_into() -> Iterator[Callable[[io.StringIO], None]]:
    """Point the `app` logger at a stream as `feedhook poll` configures it (its handler, our formatter);
    the logger is put back afterwards."""
    logger = logging.getLogger("app")
    saved = (logger.handlers[:], logger.level, logger.propagate)

    def into(stream: io.StringIO) -> None:
        handler = logging.StreamHandler(stream)
        handler.setFormatter(RedactingFormatter())
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False

    yield into
    logger.handlers[:], logger.level, logger.propagate = saved


async def test_a_log_line_during_the_poll_progress_bar_prints_whole_above_it(
    settings: Settings, app_log_into: Callable[[io.StringIO], None]
) -> None:
    await asyncio.to_thread(migrate, settings.database_url)
    terminal = io.StringIO()  # one stream for the bar and the log, as stderr is for both at a terminal
    app_log_into(terminal)
    bar = Console(file=terminal, force_terminal=True, width=50, color_system=None)
    async with LoopbackServer("127.0.0.1") as server, open_services(settings) as running:
        server.route("/down.xml", Response(500, {}, b"down"))
        await running.feeds.register(server.url("/down.xml"))
        outcomes, _ = await commands.poll_due_feeds(running, bar)
    assert [outcome.status for outcome in outcomes] == ["error"]
    assert "━" in terminal.getvalue()  # the bar was drawn on that stream
    # What a terminal shows of each line: a carriage return (with rich's erase-line code) starts it over.
    lines = [ANSI.sub("", line).rsplit("\r", 1)[-1] for line in terminal.getvalue().split("\n")]
    logged = [line for line in lines if "fetch failed" in line]
    # One line, starting where the formatter starts it (no bar before it), longer than the terminal is wide
    # and not wrapped, with the fields that end it.
    assert len(logged) == 1, lines
    assert LOG_LINE.match(logged[0]), logged
    assert len(logged[0]) > 50
    assert logging.getLogger("app").handlers[0].__class__ is logging.StreamHandler  # put back after the bar
