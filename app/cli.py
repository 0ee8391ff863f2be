"""The `feedhook` command: serve, migrate, replay, openapi, ifttt.

The web stack (FastAPI, uvicorn, the API routers: ``app.main``) and the ingest service are imported inside
the commands that use them, so ``feedhook poll`` and the feed commands never load them (about 17 MiB of a
poller's resident memory). Importing this module does nothing else either.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from app.clock import from_micros, to_micros, utcnow
from app.config import GeneratedSecrets, Settings, ensure_secrets
from app.errors import FeedhookError, NotFound
from app.feeds.fetcher import build_client
from app.feeds.guard import OutboundGuard
from app.feeds.opml import OpmlFeed, read_opml, write_opml
from app.feeds.poller import Poller, PollOutcome
from app.normalize.model import NormalizeSettings
from app.ops.logging import configure_logging
from app.store.db import Database, migrate
from app.store.feeds import (
    add_feed,
    count_due_feeds,
    delete_feed,
    find_feed_by_url,
    list_feeds,
    register_feeds,
)
from app.store.tables import AnyRow
from app.wiring import poller_settings, user_agent

__all__ = ["cli", "main"]

cli = typer.Typer(help="feedhook: IFTTT webhooks and RSS/Atom feeds in, clean news items out.", no_args_is_help=True)
feeds_cli = typer.Typer(help="Register, list and remove feeds.", no_args_is_help=True)
opml_cli = typer.Typer(help="Import and export OPML subscription lists.", no_args_is_help=True)
cli.add_typer(feeds_cli, name="feeds")
cli.add_typer(opml_cli, name="opml")
console = Console(stderr=True)


@dataclass
class Services:
    """What a command needs to reach the database and the network, built from settings."""

    settings: Settings
    db: Database
    guard: OutboundGuard
    poller: Poller


def database(settings: Settings) -> Database:
    return Database(
        settings.database_url,
        write_batch_max=settings.write_batch_max,
        busy_timeout_ms=settings.sqlite_busy_timeout_ms,
    )


@asynccontextmanager
async def services(settings: Settings) -> AsyncIterator[Services]:
    db = database(settings)
    await db.start()
    guard = OutboundGuard(allow_private=settings.allow_private_networks)
    client = build_client(guard=guard, user_agent=user_agent(settings), per_host_limit=settings.fetch_per_host)
    poller = Poller(
        db=db,
        client=client,
        settings=poller_settings(settings),
        normalize_settings=NormalizeSettings(timezone=settings.timezone),
    )
    try:
        yield Services(settings, db, guard, poller)
    finally:
        await client.aclose()
        await db.close()


def _fail(error: FeedhookError) -> typer.Exit:
    console.print(f"[red]{error.title}:[/red] {error.detail}")
    return typer.Exit(1)


def _settings() -> Settings:
    try:
        return Settings()
    except Exception as exc:  # a bad FEEDHOOK_* value: say which, don't print a traceback
        console.print(f"[red]configuration error:[/red] {exc}")
        raise typer.Exit(2) from exc


def ifttt_setup_text(base_url: str, secrets: GeneratedSecrets) -> str:
    """What to paste into an IFTTT 'Make a web request' action."""
    body = (
        '{"title": "{{EntryTitle}}", "url": "{{EntryUrl}}", "content": "{{EntryContent}}", '
        '"author": "{{EntryAuthor}}", "image": "{{EntryImageUrl}}", "published": "{{EntryPublished}}", '
        '"feed_title": "{{FeedTitle}}", "feed_url": "{{FeedUrl}}"}'
    )
    return "\n".join(
        [
            "IFTTT applet: 'New feed item' → Webhooks 'Make a web request'",
            f"  URL:          {base_url.rstrip('/')}/v1/webhooks/ifttt?token={secrets.webhook_token}",
            "  Method:       POST",
            "  Content Type: application/json",
            f"  Body:         {body}",
            "  (Broken JSON from unescaped ingredients is fine; so are form and plain-text bodies.)",
            f"Admin API key (Authorization: Bearer …): {secrets.api_key}",
            f"Both are kept in {secrets.path} (mode 0600)." if secrets.path else "",
        ]
    )


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    migrate_first: Annotated[bool, typer.Option("--migrate/--no-migrate", help="Apply migrations first.")] = True,
    poller: Annotated[bool, typer.Option("--poller/--no-poller", help="Poll feeds in this process too.")] = True,
) -> None:
    """Run the HTTP service (and, unless --no-poller, the feed poller)."""
    import uvicorn

    if not poller:
        os.environ["FEEDHOOK_POLLER"] = "false"  # read by create_app() in uvicorn's factory mode
    settings = _settings()
    secrets = ensure_secrets(settings)
    log_config = configure_logging(
        json_lines=settings.log_format == "json",
        level=settings.log_level.upper(),
        secrets=[secrets.webhook_token, secrets.api_key],
    )
    if migrate_first:
        migrate(settings.database_url)
    base_url = settings.public_url or f"http://{host}:{port}"
    if secrets.created:
        console.print(ifttt_setup_text(base_url, secrets), highlight=False, soft_wrap=True)
    else:
        console.print(
            f"feedhook on {base_url} (webhook: {base_url}/v1/webhooks/ifttt; `feedhook ifttt` shows the setup)"
        )
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config,
        proxy_headers=True,
        server_header=False,
    )


@cli.command("migrate")
def migrate_command(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply database migrations."""
    settings = _settings()
    migrate(settings.database_url, revision)
    console.print(f"database at revision {revision}")


@cli.command()
def ifttt(
    base_url: Annotated[str | None, typer.Option(help="Public base URL of this service.")] = None,
) -> None:
    """Print the IFTTT applet setup (URL with token, body template)."""
    settings = _settings()
    secrets = ensure_secrets(settings)
    typer.echo(ifttt_setup_text(base_url or settings.public_url or "http://127.0.0.1:8000", secrets))


@cli.command()
def replay(
    include_replayed: Annotated[bool, typer.Option(help="Also run payloads that were replayed before.")] = False,
) -> None:
    """Run quarantined payloads through the current normalizer and store what now works."""
    from app.ingest.service import replay_quarantined

    settings = _settings()

    async def run() -> None:
        db = database(settings)
        await db.start()
        try:
            results = await replay_quarantined(
                db=db,
                now=utcnow(),
                settings=NormalizeSettings(timezone=settings.timezone),
                include_replayed=include_replayed,
            )
        finally:
            await db.close()
        table = Table("quarantine id", "status", "item id", "detail")
        for result in results:
            table.add_row(str(result.quarantine_id), result.status, str(result.item_id or ""), result.detail)
        Console().print(table)
        stored = sum(result.item_id is not None for result in results)
        Console().print(f"{stored} of {len(results)} payloads stored")

    asyncio.run(run())


@cli.command()
def openapi(
    output: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the OpenAPI document (`make openapi` writes openapi/openapi.json)."""
    from app.main import create_app

    document = json.dumps(create_app(Settings()).openapi(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(document)
    else:
        output.write_text(document, encoding="utf-8")


def _outcome_table(outcomes: list[PollOutcome], urls: dict[int, str]) -> Table:
    table = Table("feed", "status", "new", "updated", "unchanged", "rejected", "error")
    for outcome in outcomes:
        table.add_row(
            urls.get(outcome.feed_id, str(outcome.feed_id)),
            outcome.status,
            str(outcome.new),
            str(outcome.updated),
            str(outcome.unchanged),
            str(outcome.rejected),
            outcome.error or "",
        )
    return table


@cli.command()
def poll(
    once: Annotated[bool, typer.Option("--once", help="Poll the feeds due now, print a summary, exit.")] = False,
) -> None:
    """Run the feed poller alone (several may share one database), or one cycle with --once."""
    settings = _settings()
    configure_logging(json_lines=settings.log_format == "json", level=settings.log_level.upper(), secrets=[])

    async def run() -> None:
        async with services(settings) as running:
            if settings.feed_urls():
                await running.db.write(
                    register_feeds(
                        urls=settings.feed_urls(),
                        interval_seconds=settings.poll_interval_seconds,
                        now=to_micros(utcnow()),
                    )
                )
            if not once:
                stop = asyncio.Event()
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(signum, stop.set)
                await running.poller.run_forever(stop)
                return
            due = await running.db.read(count_due_feeds, now=to_micros(utcnow()))
            urls = {row.id: row.url for row in await running.db.read(list_feeds)}
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task("polling", total=due)
                outcomes = await running.poller.run_cycle(on_outcome=lambda _: progress.advance(task))
            Console().print(_outcome_table(outcomes, urls))
            new = sum(outcome.new for outcome in outcomes)
            failed = sum(outcome.status in ("error", "gone") for outcome in outcomes)
            Console().print(f"{len(outcomes)} feeds polled, {new} new items, {failed} failed")

    asyncio.run(run())


@feeds_cli.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="Feed URL (RSS, Atom or JSON Feed).")],
    title: Annotated[str | None, typer.Option(help="Title to show instead of the feed's own.")] = None,
    interval: Annotated[int | None, typer.Option(min=60, help="Seconds between polls.")] = None,
) -> None:
    """Register a feed (the outbound-URL guard checks it first)."""
    settings = _settings()

    async def run() -> int:
        async with services(settings) as running:
            await running.guard.check_url(url)
            return int(
                await running.db.write(
                    add_feed(
                        url=url,
                        title=title,
                        interval_seconds=interval or settings.poll_interval_seconds,
                        now=to_micros(utcnow()),
                    )
                )
            )

    try:
        feed_id = asyncio.run(run())
    except FeedhookError as error:
        raise _fail(error) from error
    Console().print(f"feed {feed_id} added: {url}")


@feeds_cli.command("list")
def feeds_list() -> None:
    """List registered feeds and their polling state."""
    settings = _settings()

    async def run() -> list[AnyRow]:
        async with services(settings) as running:
            return list(await running.db.read(list_feeds))

    table = Table("id", "url", "title", "status", "errors", "next poll", "items")
    for feed in asyncio.run(run()):
        table.add_row(
            str(feed.id),
            feed.url,
            feed.title or "",
            ("disabled " if feed.disabled else "") + (feed.last_status or "new"),
            str(feed.error_count),
            from_micros(feed.next_poll_at).isoformat(timespec="seconds"),
            str(feed.item_count),
        )
    Console().print(table)


@feeds_cli.command("remove")
def feeds_remove(feed: Annotated[str, typer.Argument(help="Feed id or URL.")]) -> None:
    """Stop polling a feed (its items stay)."""
    settings = _settings()

    async def run() -> int:
        async with services(settings) as running:
            if feed.isdigit():
                feed_id = int(feed)
            else:
                row = await running.db.read(find_feed_by_url, feed)
                if row is None:
                    raise NotFound(f"no feed with URL {feed}")
                feed_id = int(row.id)
            await running.db.write(delete_feed(feed_id))
            return feed_id

    try:
        feed_id = asyncio.run(run())
    except FeedhookError as error:
        raise _fail(error) from error
    Console().print(f"feed {feed_id} removed")


@opml_cli.command("import")
def opml_import(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="OPML file.")]) -> None:
    """Register every feed of an OPML file; refused or existing ones are reported, not fatal."""
    settings = _settings()
    try:
        entries = read_opml(path.read_bytes())
    except FeedhookError as error:
        raise _fail(error) from error

    async def run() -> Table:
        table = Table("url", "result")
        async with services(settings) as running:
            for entry in entries:
                try:
                    await running.guard.check_url(entry.url)
                    feed_id = await running.db.write(
                        add_feed(
                            url=entry.url,
                            title=entry.title,
                            interval_seconds=settings.poll_interval_seconds,
                            now=to_micros(utcnow()),
                        )
                    )
                    table.add_row(entry.url, f"added as {feed_id}")
                except FeedhookError as error:
                    table.add_row(entry.url, f"{error.title}: {error.detail}")
        return table

    Console().print(asyncio.run(run()))


@opml_cli.command("export")
def opml_export() -> None:
    """Print the registered feeds as OPML 2.0."""
    settings = _settings()

    async def run() -> bytes:
        async with services(settings) as running:
            rows = await running.db.read(list_feeds)
        return write_opml([OpmlFeed(url=row.url, title=row.title, site_url=row.site_url) for row in rows], now=utcnow())

    sys.stdout.write(asyncio.run(run()).decode("utf-8"))


def main() -> None:
    cli()
