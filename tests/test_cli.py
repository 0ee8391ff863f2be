"""The `feedhook` command as a user runs it: a real process, a real SQLite file, a loopback feed."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.cli import run_async
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed


def cli_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment without the caller's FEEDHOOK_* settings, on a SQLite file in `tmp_path`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FEEDHOOK_")}
    return env | {
        "FEEDHOOK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "FEEDHOOK_ALLOW_PRIVATE_NETWORKS": "true",
        "FEEDHOOK_FEEDS": "",
        "COLUMNS": "200",
        **{f"FEEDHOOK_{name.upper()}": value for name, value in settings.items()},
    }


async def feedhook(tmp_path: Path, *args: str, check: bool = True) -> str:
    return await run_feedhook(cli_env(tmp_path), tmp_path, *args, check=check)


PYTHON_M_APP = (sys.executable, "-m", "app")


async def run_feedhook(
    env: dict[str, str], cwd: Path, *args: str, check: bool = True, program: Sequence[str] = PYTHON_M_APP
) -> str:
    """`feedhook ARGS` as a real process started by `program`: its output; asserts success unless told not to."""
    process = await asyncio.create_subprocess_exec(
        *program,
        *args,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    text = output.decode()
    if check:
        assert process.returncode == 0, text
    return text


async def test_feeds_poll_and_opml_round_trip(tmp_path: Path) -> None:
    async with LoopbackServer("127.0.0.1") as server:
        document = rss_feed([generated_story(n) for n in range(3)])
        server.route("/a.xml", Response(200, {"Content-Type": "application/rss+xml"}, document))
        server.route("/b.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(9)])))
        await feedhook(tmp_path, "migrate")
        added = await feedhook(tmp_path, "feeds", "add", server.url("/a.xml"), "--interval", "600")
        assert "feed 1 added" in added

        summary = await feedhook(tmp_path, "poll", "--once")
        assert "1 feeds polled, 3 new items, 0 failed" in summary
        listing = await feedhook(tmp_path, "feeds", "list")
        assert server.url("/a.xml") in listing
        assert "Business Insider" in listing

        exported = await feedhook(tmp_path, "opml", "export")
        assert f'xmlUrl="{server.url("/a.xml")}"' in exported
        opml = tmp_path / "subs.opml"
        opml.write_text(
            '<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="folder">'
            f'<outline text="B" xmlUrl="{server.url("/b.xml")}"/>'
            f'<outline text="A again" xmlUrl="{server.url("/a.xml")}"/>'
            '<outline text="bad" xmlUrl="ftp://example.com/x"/></outline></body></opml>'
        )
        imported = await feedhook(tmp_path, "opml", "import", str(opml))
        assert "added as 2" in imported
        assert "registered already" in imported
        assert "URL not allowed" in imported
        again = json.loads(await feedhook(tmp_path, "opml", "import", str(opml), "--json"))
        assert [entry["url"] for entry in again] == [server.url("/b.xml"), server.url("/a.xml"), "ftp://example.com/x"]
        assert ["registered already" in again[0]["result"], "registered already" in again[1]["result"]] == [True, True]
        assert "URL not allowed" in again[2]["result"]
        assert "1 feeds polled, 1 new items" in await feedhook(tmp_path, "poll", "--once")

        assert "feed 1 disabled" in await feedhook(tmp_path, "feeds", "disable", "1")
        assert "0 feeds polled" in await feedhook(tmp_path, "poll", "--once")
        assert "feed 1 enabled" in await feedhook(tmp_path, "feeds", "enable", server.url("/a.xml"))
        assert "1 feeds polled" in await feedhook(tmp_path, "poll", "--once")  # due at once when enabled

        removed = await feedhook(tmp_path, "feeds", "remove", server.url("/a.xml"))
        assert "feed 1 removed" in removed
        assert server.url("/a.xml") not in await feedhook(tmp_path, "feeds", "list")


async def test_hostile_opml_is_refused_without_expanding_entities(tmp_path: Path) -> None:
    await feedhook(tmp_path, "migrate")
    opml = tmp_path / "evil.opml"
    opml.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<opml version="2.0"><body><outline text="&x;" xmlUrl="http://127.0.0.1:9/&x;"/></body></opml>'
    )
    output = await feedhook(tmp_path, "opml", "import", str(opml), check=False)
    assert "root:" not in output


async def test_adding_a_bad_url_fails_with_a_clear_message(tmp_path: Path) -> None:
    await feedhook(tmp_path, "migrate")
    output = await feedhook(tmp_path, "feeds", "add", "javascript:alert(1)", check=False)
    assert "URL not allowed" in output
    assert "Traceback" not in output


async def test_poll_loads_neither_the_web_stack_nor_migrations(tmp_path: Path) -> None:
    # `feedhook poll` runs for days next to the server: FastAPI, uvicorn, the API and Alembic would only
    # hold memory there (app/cli.py imports them inside the commands that need them).
    await feedhook(tmp_path, "migrate")
    heavy = ("fastapi", "starlette", "uvicorn", "alembic", "app.main", "app.api", "app.ingest.service")
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: print('LOADED', [m for m in {heavy!r} if m in sys.modules]))\n"
        "sys.argv = ['feedhook', 'poll', '--once']\n"
        "from app.cli import main\n"
        "main()\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("FEEDHOOK_")}
    env |= {"FEEDHOOK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "FEEDHOOK_FEEDS": "", "COLUMNS": "200"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        code,
        cwd=Path.cwd(),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    text = output.decode()
    assert "0 feeds polled" in text, text
    assert "LOADED []" in text, text


async def test_the_console_script_polls_with_parse_workers(tmp_path: Path) -> None:
    # pip's `feedhook` script is what deployments run; each spawned parse worker re-imports it first.
    script = str(Path(sys.executable).with_name("feedhook"))
    async with LoopbackServer("127.0.0.1") as server:
        for name in ("a", "b", "c"):
            document = rss_feed([generated_story(ord(name) * 10 + n) for n in range(4)])
            server.route(f"/{name}.xml", Response(200, {"Content-Type": "application/rss+xml"}, document))
        await feedhook(tmp_path, "migrate")
        for name in ("a", "b", "c"):
            await feedhook(tmp_path, "feeds", "add", server.url(f"/{name}.xml"))
        env = cli_env(tmp_path, parse_processes="2")
        text = await run_feedhook(env, tmp_path, "poll", "--once", program=[script])
    assert "3 feeds polled, 12 new items, 0 failed" in text, text
    assert "Traceback" not in text


def test_the_console_scripts_module_loads_nothing_heavy() -> None:
    # Parse workers import it again (app/entry.py): it must not drag the CLI, SQLAlchemy or httpx along.
    heavy = ("app.cli", "sqlalchemy", "httpx", "fastapi", "typer")
    code = f"import sys, app.entry; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_commands_run_on_uvloop_and_return_the_coroutines_value() -> None:
    uvloop = pytest.importorskip("uvloop")

    async def which_loop() -> type[asyncio.AbstractEventLoop]:
        return type(asyncio.get_running_loop())

    assert run_async(which_loop()) is uvloop.Loop
