"""The `feedhook` command: serve, migrate, replay, openapi, ifttt, poll, feeds, opml.

The web stack (FastAPI, uvicorn, the API routers: ``app.main``) and the ingest service are imported inside
the commands that use them, so ``feedhook poll`` and the feed commands never load them (about 17 MiB of a
poller's resident memory). Importing this module does nothing else either.

It builds the settings and opens the services (``app.services``, as the server's lifespan does);
``app.commands`` works with them, ``app.reports`` says what happened.
"""

from __future__ import annotations

import asyncio
import functools
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console

from app import commands, reports
from app.clock import utcnow
from app.config import Settings, ensure_secrets
from app.errors import FeedhookError
from app.feeds.opml import OpmlFeed, read_opml, write_opml
from app.normalize.model import NormalizedItem
from app.ops.logging import configure_logging
from app.services import Services, open_services
from app.store.db import migrate
from app.store.profiles import ProfileRow, profile_row

__all__ = ["cli", "main"]

cli = typer.Typer(help="feedhook: IFTTT webhooks and RSS/Atom feeds in, clean news items out.", no_args_is_help=True)
feeds_cli = typer.Typer(help="Register, list and remove feeds.", no_args_is_help=True)
opml_cli = typer.Typer(help="Import and export OPML subscription lists.", no_args_is_help=True)
boilerplate_cli = typer.Typer(help="What was learned of each source's boilerplate.", no_args_is_help=True)
cli.add_typer(feeds_cli, name="feeds")
cli.add_typer(opml_cli, name="opml")
cli.add_typer(boilerplate_cli, name="boilerplate")
console = Console(stderr=True)
T = TypeVar("T")


def run_async(main: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine on uvloop where it is installed, as uvicorn serves: a feed answered 304 costs
    about a tenth less CPU on it than on asyncio's own loop (bench/fetch_304.py, docs/benchmarks-poll.md)."""
    try:
        import uvloop
    except ImportError:  # uvicorn[standard] installs it everywhere but Windows
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


def _with_services(work: Callable[[Services], Awaitable[T]]) -> T:
    """Run one command's work with the services built from the environment's settings, then close them."""
    settings = _settings()

    async def run() -> T:
        async with open_services(settings) as running:
            return await work(running)

    return run_async(run())


def _fail(error: FeedhookError) -> typer.Exit:
    console.print(f"[red]{error.title}:[/red] {error.detail}")
    return typer.Exit(1)


def _settings(**overrides: object) -> Settings:
    """The settings from the environment and .env, with a command's own options over them."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:  # a bad FEEDHOOK_* value: say which on one line, never the value itself
        problems = "; ".join(
            f"FEEDHOOK_{'_'.join(map(str, error['loc'])).upper()} {error['msg'].removeprefix('Value error, ')}"
            for error in exc.errors()
        )
        console.print(f"[red]configuration error:[/red] {problems}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # an unreadable .env, say
        console.print(f"[red]configuration error:[/red] {exc}")
        raise typer.Exit(2) from exc


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

    from app.main import create_app
    from app.ops.http import BoundedHttpToolsProtocol

    settings = _settings(**({} if poller else {"poller": False}))
    secrets = ensure_secrets(settings)
    log_config = configure_logging(
        json_lines=settings.log_format == "json",
        level=settings.log_level.upper(),
        secrets=[secrets.webhook_token, secrets.api_key],
    )
    if migrate_first:
        migrate(settings.database_url)
    base_url = settings.public_url or f"http://{host}:{port}"
    if secrets.created and console.file.isatty():
        console.print(reports.ifttt_setup_text(base_url, secrets), highlight=False, soft_wrap=True)
    elif secrets.created:  # a log file, journald, `docker logs`: readable by more than the operator
        console.print(reports.secrets_kept_text(base_url, secrets), highlight=False, soft_wrap=True)
    else:
        console.print(
            f"feedhook on {base_url} (webhook: {base_url}/v1/webhooks/ifttt; `feedhook ifttt` shows the setup)"
        )
    config = uvicorn.Config(
        # The settings travel with the factory (pickled into each worker process), never through os.environ.
        functools.partial(create_app, settings),
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config,
        proxy_headers=True,
        server_header=False,
        http=BoundedHttpToolsProtocol,  # bounded request head and time to receive a request
    )
    _run_server(config)


def _run_server(config: Any) -> None:
    """What uvicorn.run does with a Config, which it refuses for several workers unless the app is a string."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    server = uvicorn.Server(config)
    try:
        if config.workers > 1:
            Multiprocess(config, sockets=[config.bind_socket()]).run()
        else:
            server.run()
    except KeyboardInterrupt:
        pass
    if config.workers == 1 and not server.started:
        raise typer.Exit(3)  # uvicorn's own exit status for a server that could not start


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
    typer.echo(reports.ifttt_setup_text(base_url or settings.public_url or "http://127.0.0.1:8000", secrets))


@cli.command()
def replay(
    include_replayed: Annotated[bool, typer.Option(help="Also run payloads that were replayed before.")] = False,
) -> None:
    """Run quarantined payloads through the current normalizer and store what now works."""
    from app.ingest.service import replay_quarantined

    settings = _settings()

    async def run() -> None:
        async with open_services(settings) as running:
            results = await replay_quarantined(
                db=running.db,
                now=running.clock(),
                settings=running.normalize_settings,
                secret=ensure_secrets(settings).webhook_token,
                include_replayed=include_replayed,
            )
        Console().print(reports.replay_table(results))
        Console().print(reports.replay_summary(results))

    run_async(run())


@cli.command()
def renormalize(
    source: Annotated[str | None, typer.Option(help="Only the items of this source (as stored).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")] = False,
) -> None:
    """Derive stored items again from their kept raw inputs; print a field-level diff, then write the edits."""
    from app.derive.renormalize import Rederived
    from app.derive.renormalize import renormalize as rederive
    from app.ingest.redact import without_secret

    settings = _settings()
    out = Console(soft_wrap=True, highlight=False)

    async def run() -> list[Rederived]:
        results: list[Rederived] = []
        token = ensure_secrets(settings).webhook_token

        def finish(item: NormalizedItem) -> NormalizedItem:
            return without_secret(item, token)  # a kept webhook input may hold the token encoded

        async with open_services(settings) as running:
            async for result in rederive(
                db=running.db,
                now=running.clock(),
                settings=running.normalize_settings,
                source=source,
                dry_run=dry_run,
                finish=finish,
            ):
                out.print(reports.rederived_diff(result), markup=False)
                results.append(result)
        return results

    results = run_async(run())
    out.print(reports.rederived_summary(results, dry_run=dry_run), markup=False)


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


@cli.command()
def poll(
    once: Annotated[bool, typer.Option("--once", help="Poll the feeds due now, print a summary, exit.")] = False,
) -> None:
    """Run the feed poller alone (several may share one database), or one cycle with --once."""
    settings = _settings()
    configure_logging(json_lines=settings.log_format == "json", level=settings.log_level.upper(), secrets=[])

    async def run() -> None:
        async with open_services(settings) as running:
            await running.feeds.register_configured(settings.feed_urls())
            if not once:
                await commands.poll_until_signalled(running)
                return
            outcomes, urls = await commands.poll_due_feeds(running, console)
            Console().print(reports.outcome_table(outcomes, urls))
            Console().print(reports.poll_summary(outcomes))

    run_async(run())


@feeds_cli.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="Feed URL (RSS, Atom or JSON Feed).")],
    title: Annotated[str | None, typer.Option(help="Title to show instead of the feed's own.")] = None,
    interval: Annotated[int | None, typer.Option(min=60, help="Seconds between polls.")] = None,
) -> None:
    """Register a feed (the outbound-URL guard checks it first)."""
    try:
        feed_id = _with_services(lambda running: running.feeds.register(url, title=title, interval_seconds=interval))
    except FeedhookError as error:
        raise _fail(error) from error
    Console().print(f"feed {feed_id} added: {url}")


@feeds_cli.command("list")
def feeds_list() -> None:
    """List registered feeds and their polling state."""
    Console().print(reports.feeds_table(_with_services(lambda running: running.feeds.all())))


@feeds_cli.command("remove")
def feeds_remove(feed: Annotated[str, typer.Argument(help="Feed id or URL.")]) -> None:
    """Stop polling a feed (its items stay)."""

    async def remove(running: Services) -> int:
        feed_id = await running.feeds.find(feed)
        await running.feeds.remove(feed_id)
        return feed_id

    try:
        feed_id = _with_services(remove)
    except FeedhookError as error:
        raise _fail(error) from error
    Console().print(f"feed {feed_id} removed")


@feeds_cli.command("enable")
def feeds_enable(feed: Annotated[str, typer.Argument(help="Feed id or URL.")]) -> None:
    """Poll a disabled feed again, now, with its failures forgiven."""

    async def enable(running: Services) -> int:
        feed_id = await running.feeds.find(feed)
        await running.feeds.enable(feed_id)
        return feed_id

    try:
        feed_id = _with_services(enable)
    except FeedhookError as error:
        raise _fail(error) from error
    Console().print(f"feed {feed_id} enabled")


@feeds_cli.command("disable")
def feeds_disable(feed: Annotated[str, typer.Argument(help="Feed id or URL.")]) -> None:
    """Stop polling a feed but keep it registered (`feedhook feeds enable` resumes it)."""

    async def disable(running: Services) -> int:
        feed_id = await running.feeds.find(feed)
        await running.feeds.disable(feed_id)
        return feed_id

    try:
        feed_id = _with_services(disable)
    except FeedhookError as error:
        raise _fail(error) from error
    Console().print(f"feed {feed_id} disabled")


@opml_cli.command("import")
def opml_import(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="OPML file.")]) -> None:
    """Register every feed of an OPML file; refused or existing ones are reported, not fatal."""
    try:
        entries = read_opml(path.read_bytes())
    except FeedhookError as error:
        raise _fail(error) from error
    Console().print(reports.results_table(_with_services(lambda running: running.feeds.import_opml(entries))))


@opml_cli.command("export")
def opml_export() -> None:
    """Print the registered feeds as OPML 2.0."""
    rows = _with_services(lambda running: running.feeds.all())
    feeds = [OpmlFeed(url=row.url, title=row.title, site_url=row.site_url) for row in rows]
    sys.stdout.write(write_opml(feeds, now=utcnow()).decode("utf-8"))


@boilerplate_cli.command("show")
def boilerplate_show(
    source: Annotated[
        str, typer.Argument(help="A feed id or URL, a host, or a source key (feed:ID, feedurl:URL, host:NAME).")
    ],
) -> None:
    """Print the lines learned as a source's boilerplate, with the evidence for each."""
    from app.derive.profiles import source_keys_for

    settings = _settings()

    async def run() -> list[ProfileRow]:
        async with open_services(settings) as running:
            rows = [await running.db.read(profile_row, key) for key in await source_keys_for(running.db, source)]
        return [row for row in rows if row is not None]

    rows = run_async(run())
    if not rows:
        console.print(f"nothing learned for {source!r} yet (a source needs a few stored items first)")
        raise typer.Exit(1)
    out = Console(soft_wrap=True, highlight=False)
    for row in rows:
        out.print(reports.profile_text(row), markup=False)


def main() -> None:
    cli()
