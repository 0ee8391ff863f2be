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
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from urllib.parse import urlsplit

import typer
from pydantic import ValidationError
from rich.console import Console

from app import commands, preflight, reports
from app.clock import to_micros, utcnow
from app.config import Settings, ensure_secrets, sqlite_file
from app.errors import FeedhookError, NotFound, StartupProblem
from app.feeds.opml import OpmlFeed, read_opml, write_opml
from app.feeds.poller import PollOutcome
from app.normalize.model import NormalizedItem, NormalizeSettings
from app.ops.logging import configure_logging
from app.services import Services, open_services
from app.store.db import Database, migrate
from app.store.profiles import ProfileRow, profile_row
from app.store.tables import AnyRow

if TYPE_CHECKING:  # the type only: the ingest service loads inside the commands that use it
    from app.ingest.service import ReplayResult

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


def _out() -> Console:
    """Standard output: at a terminal as wide as it is; elsewhere (a pipe, a file) as wide as each line needs,
    so a table never cuts a URL with '…' where a script or a log reads it."""
    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else 100_000)


def _print_json(value: object) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))  # default: dates as ISO text


def _print_replay(results: list[ReplayResult], *, as_json: bool) -> None:
    if as_json:
        _print_json(reports.replay_json(results))
        return
    _out().print(reports.replay_table(results))
    _out().print(reports.replay_summary(results))


def _failed(outcomes: list[PollOutcome]) -> bool:
    return any(outcome.status in ("error", "gone") for outcome in outcomes)


def _fail(error: FeedhookError) -> typer.Exit:
    console.print(f"[red]{error.title}:[/red] {error.detail}", highlight=False, soft_wrap=True)
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
    try:
        sock = preflight.bind(host, port)  # first: with the port taken, nothing starts or touches the store
        for folder, variable in _data_folders(settings):
            preflight.writable_folder(folder, variable=variable)
        secrets = ensure_secrets(settings)
    except StartupProblem as problem:
        console.print(f"[red]cannot start:[/red] {problem}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
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
            f"feedhook on {base_url} (webhook: {base_url}/v1/webhooks/ifttt; console: {base_url}/ui/; "
            "`feedhook ifttt` shows the setup)"
        )
    if not (secrets.created and console.file.isatty()):  # the setup text above says it already
        reading = reports.reading_text(base_url, public_reads=settings.public_reads)
        console.print(reading, highlight=False, soft_wrap=True, markup=False)
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
    _run_server(config, sock)


def _run_server(config: Any, sock: Any) -> None:
    """What uvicorn.run does with a Config, on the socket bound first (uvicorn.run refuses a factory object
    for several workers)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    server = uvicorn.Server(config)
    try:
        if config.workers > 1:
            Multiprocess(config, sockets=[sock]).run()
        else:
            server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    if config.workers == 1 and not server.started:
        raise typer.Exit(3)  # uvicorn's own exit status for a server that could not start


def _data_folders(settings: Settings) -> list[tuple[Path, str]]:
    """The folders serve writes in (generated secrets, the SQLite file), each with the setting that names it."""
    sqlite_path = sqlite_file(settings.database_url)
    if settings.data_dir is None:  # the secrets go beside the SQLite file, else to ./data
        return [(settings.resolved_data_dir(), "FEEDHOOK_DATABASE_URL" if sqlite_path else "FEEDHOOK_DATA_DIR")]
    folders = [(settings.data_dir, "FEEDHOOK_DATA_DIR")]
    if sqlite_path is not None and sqlite_path.parent != settings.data_dir:
        folders.append((sqlite_path.parent, "FEEDHOOK_DATABASE_URL"))
    return folders


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
    from app.access.keys import stored_webhook_token

    settings = _settings()
    if base_url is not None and urlsplit(base_url).scheme not in ("http", "https"):
        console.print(
            f"[red]--base-url needs a scheme:[/red] {base_url!r} is no URL IFTTT can call; "
            f"write it as https://{base_url.split('://')[-1]}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    secrets = ensure_secrets(settings)
    secrets.webhook_token = _with_database(stored_webhook_token) or secrets.webhook_token  # `feedhook token rotate`
    typer.echo(reports.ifttt_setup_text(base_url or settings.public_url or "http://127.0.0.1:8000", secrets))


@cli.command()
def replay(
    include_replayed: Annotated[bool, typer.Option(help="Also run payloads that were replayed before.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
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
        _print_replay(results, as_json=as_json)

    run_async(run())


@cli.command()
def renormalize(
    source: Annotated[str | None, typer.Option(help="Only the items of this source (as stored).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The changed items' fields as JSON, not a diff.")] = False,
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
                if not as_json:
                    out.print(reports.rederived_diff(result), markup=False)
                results.append(result)
        return results

    results = run_async(run())
    if as_json:
        _print_json(reports.rederived_json(results))
    else:
        out.print(reports.rederived_summary(results, dry_run=dry_run), markup=False)


@cli.command()
def openapi(
    output: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the OpenAPI document (`make openapi` writes openapi/openapi.json)."""
    from app.main import create_app

    document = json.dumps(create_app(_settings()).openapi(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(document)
    else:
        output.write_text(document, encoding="utf-8")


@cli.command()
def poll(
    once: Annotated[bool, typer.Option("--once", help="Poll the feeds due now, print a summary, exit.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --once: the outcomes as JSON.")] = False,
) -> None:
    """Run the feed poller alone (several may share one database), or one cycle with --once (exit 1: a feed
    failed)."""
    settings = _settings()
    configure_logging(json_lines=settings.log_format == "json", level=settings.log_level.upper(), secrets=[])

    async def run() -> None:
        async with open_services(settings) as running:
            await running.feeds.register_configured(settings.feed_urls())
            if not once:
                await commands.poll_until_signalled(running)
                return
            outcomes, urls = await commands.poll_due_feeds(running, console)
            if as_json:
                _print_json(reports.outcomes_json(outcomes, urls))
            else:
                _out().print(reports.outcome_table(outcomes, urls))
                _out().print(reports.poll_summary(outcomes))
            if _failed(outcomes):
                raise typer.Exit(1)  # a cron job or a CI step sees that feeds failed

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
def feeds_list(as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False) -> None:
    """List registered feeds and their polling state."""
    rows = _with_services(lambda running: running.feeds.all())
    if as_json:
        _print_json(reports.feeds_json(rows))
    else:
        _out().print(reports.feeds_table(rows))


@feeds_cli.command("poll")
def feeds_poll(
    feed: Annotated[str | None, typer.Argument(help="Feed id or URL.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Poll every enabled feed, due or not.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The outcomes as JSON.")] = False,
) -> None:
    """Poll one feed, or every enabled one with --all, now (exit 1 when one failed)."""
    if (feed is None) == (not every):
        console.print("[red]name one feed (id or URL) or --all[/red]")
        raise typer.Exit(2)
    try:
        outcomes, urls = _with_services(lambda running: commands.poll_feeds_now(running, feed))
    except FeedhookError as error:
        raise _fail(error) from error
    if as_json:
        _print_json(reports.outcomes_json(outcomes, urls))
    else:
        _out().print(reports.outcome_table(outcomes, urls))
        _out().print(reports.poll_summary(outcomes))
    if _failed(outcomes):
        raise typer.Exit(1)


def _set_enabled(feed: str, *, enabled: bool) -> None:
    try:
        feed_id = _with_services(lambda running: commands.set_feed_enabled(running, feed, enabled=enabled))
    except FeedhookError as error:
        raise _fail(error) from error
    typer.echo(f"feed {feed_id} {'enabled: due now' if enabled else 'disabled'}")


@feeds_cli.command("enable")
def feeds_enable(feed: Annotated[str, typer.Argument(help="Feed id or URL.")]) -> None:
    """Poll a feed again (its error streak forgotten; it is due at once)."""
    _set_enabled(feed, enabled=True)


@feeds_cli.command("disable")
def feeds_disable(feed: Annotated[str, typer.Argument(help="Feed id or URL.")]) -> None:
    """Stop polling a feed but keep it registered (its items stay)."""
    _set_enabled(feed, enabled=False)


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


@opml_cli.command("import")
def opml_import(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="OPML file.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Register every feed of an OPML file; refused or existing ones are reported, not fatal."""
    try:
        entries = read_opml(path.read_bytes())
    except FeedhookError as error:
        raise _fail(error) from error
    results = _with_services(lambda running: running.feeds.import_opml(entries))
    if as_json:
        _print_json(reports.results_json(results))
    else:
        _out().print(reports.results_table(results))


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
    as_json: Annotated[bool, typer.Option("--json", help="JSON (one object per source key) instead of text.")] = False,
) -> None:
    """Print the lines learned as a source's boilerplate, with the evidence for each."""
    from app.derive.profiles import source_keys_for

    settings = _settings()

    async def run() -> list[ProfileRow]:
        async with open_services(settings) as running:
            rows = [await running.db.read(profile_row, key) for key in await source_keys_for(running.db, source)]
        return [row for row in rows if row is not None]

    rows = run_async(run())
    if as_json:  # an empty list is an answer too: scripts test it rather than parse a message
        _print_json([reports.profile_json(row) for row in rows])
        if not rows:
            raise typer.Exit(1)
        return
    if not rows:
        console.print(f"nothing learned for {source!r} yet (a source needs a few stored items first)")
        raise typer.Exit(1)
    out = Console(soft_wrap=True, highlight=False)
    for row in rows:
        out.print(reports.profile_text(row), markup=False)


# --- keys and the webhook token: the work is app.access.keys', the output app.reports' --------------------

keys_cli = typer.Typer(help="Create, list and revoke API keys (scope read or admin).", no_args_is_help=True)
token_cli = typer.Typer(help="The webhook token IFTTT sends.", no_args_is_help=True)
cli.add_typer(keys_cli, name="keys")
cli.add_typer(token_cli, name="token")


def _with_database(work: Callable[[Database], Awaitable[T]]) -> T:
    """Run `work` on the migrated store of the environment's settings (keys may be made before a first serve)."""
    settings = _settings()
    migrate(settings.database_url)

    async def run() -> T:
        async with open_services(settings) as running:
            return await work(running.db)

    try:
        return run_async(run())
    except FeedhookError as error:
        raise _fail(error) from error


@keys_cli.command("create")
def keys_create(
    name: Annotated[str, typer.Argument(help="A name to know the key by (letters, digits, . - _).")],
    scope: Annotated[str, typer.Option(help="read: items, feed outputs, stream; admin: everything.")] = "read",
) -> None:
    """Create a key and print its secret (only this once: just a hash of it is kept)."""
    from app.access.keys import create_key

    record, secret = _with_database(lambda db: create_key(db, name=name, scope=scope, now=utcnow()))
    console.print(
        f"key {record.name!r} ({record.scope}) created; send it as 'Authorization: Bearer <key>'. "
        "It is shown only this once:",
        highlight=False,
        markup=False,
    )
    typer.echo(secret)  # alone on stdout: KEY=$(feedhook keys create reader)


@keys_cli.command("list")
def keys_list(as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False) -> None:
    """List keys with their scope and last use (never their secrets)."""
    from app.access.keys import keys_out, list_keys

    records = _with_database(list_keys)
    if as_json:
        _print_json(keys_out(records))
        return
    _out().print(reports.keys_table(records))


@keys_cli.command("revoke")
def keys_revoke(key: Annotated[str, typer.Argument(help="The key's name or id.")]) -> None:
    """Revoke a key: every server refuses it from its next request on."""
    from app.access.keys import revoke_key

    record = _with_database(lambda db: revoke_key(db, key, now=utcnow()))
    typer.echo(f"key {record.name!r} (id {record.id}) revoked")


@token_cli.command("rotate")
def token_rotate() -> None:
    """Make a new webhook token and print it; the old one stops working (running servers: within seconds)."""
    from app.access.keys import TOKEN_REFRESH_SECONDS, rotate_webhook_token

    token = _with_database(lambda db: rotate_webhook_token(db, now=utcnow()))
    console.print(
        f"webhook token rotated: running servers take it within {TOKEN_REFRESH_SECONDS:g} s; update the IFTTT "
        "applets (`feedhook ifttt` shows the setup). The new token:",
        highlight=False,
        markup=False,
    )
    typer.echo(token)


@cli.command()
def cleanup(
    days: Annotated[
        float | None, typer.Option(min=0.001, help="Delete items stored more than this many days ago.")
    ] = None,
) -> None:
    """Delete items older than FEEDHOOK_RETENTION_DAYS (or --days), with their sightings and raw inputs."""
    from datetime import timedelta

    from app.store.retention import delete_items_before

    settings = _settings()
    keep_days = days if days is not None else settings.retention_days
    if keep_days is None:
        console.print("[red]nothing to do:[/red] set FEEDHOOK_RETENTION_DAYS (off by default) or pass --days N")
        raise typer.Exit(2)
    cutoff = to_micros(utcnow() - timedelta(days=keep_days))

    async def delete_all(db: Database) -> int:
        deleted = 0
        while batch := await db.write(delete_items_before(cutoff)):
            deleted += batch
        return int(deleted)

    deleted = _with_database(delete_all)
    typer.echo(f"{deleted} items stored more than {keep_days:g} days ago deleted")


# --- the quarantine: payloads the webhook could not turn into an item ------------------------------------

quarantine_cli = typer.Typer(help="List, show, replay and delete quarantined webhook payloads.", no_args_is_help=True)
cli.add_typer(quarantine_cli, name="quarantine")


async def _webhook_tokens(settings: Settings, db: Database) -> list[str]:
    """Every webhook token a kept body may hold: the configured one and a rotated one."""
    from app.access.keys import stored_webhook_token

    tokens = [ensure_secrets(settings).webhook_token, await stored_webhook_token(db)]
    return [token for token in tokens if token]


@quarantine_cli.command("list")
def quarantine_list(
    every: Annotated[bool, typer.Option("--all", help="Also payloads replayed into an item.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Kept payloads, oldest first, with why each was refused."""
    from app.store.quarantine import pending_payloads

    rows = _with_database(lambda db: db.read(pending_payloads, include_replayed=every))
    if as_json:
        _print_json(reports.quarantine_json(rows))
    else:
        _out().print(reports.quarantine_table(rows))


@quarantine_cli.command("show")
def quarantine_show(
    quarantine_id: Annotated[int, typer.Argument(help="The payload's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object, the body as text.")] = False,
) -> None:
    """One kept payload: why it was refused, then its body as received (the webhook token redacted)."""
    from app.store.quarantine import get_payload

    settings = _settings()

    async def read(db: Database) -> tuple[AnyRow | None, list[str]]:
        return await db.read(get_payload, quarantine_id), await _webhook_tokens(settings, db)

    row, tokens = _with_database(read)
    if row is None:
        raise _fail(NotFound(f"no quarantined payload {quarantine_id} (`feedhook quarantine list` shows them)"))
    (summary,) = reports.quarantine_json([row])
    body = row.body.decode("utf-8", "replace")
    for token in tokens:
        body = body.replace(token, "[webhook token]")
    if as_json:
        _print_json(summary | {"body": body})
        return
    for name, value in summary.items():
        typer.echo(f"{name}: {value}")
    typer.echo("")
    typer.echo(body)


@quarantine_cli.command("replay")
def quarantine_replay(
    quarantine_id: Annotated[int | None, typer.Argument(help="The payload's id.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every payload not replayed yet.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Run one payload (or --all) through the current normalizer; what now works is stored."""
    from app.ingest.service import replay_quarantined

    if (quarantine_id is None) == (not every):
        console.print("[red]name one payload id or --all[/red]")
        raise typer.Exit(2)
    settings = _settings()

    async def replay(db: Database) -> list[ReplayResult]:
        tokens = await _webhook_tokens(settings, db)
        return await replay_quarantined(
            db=db,
            now=utcnow(),
            settings=NormalizeSettings(timezone=settings.timezone),
            secret=tokens[-1],
            ids=None if quarantine_id is None else [quarantine_id],
        )

    results = _with_database(replay)
    if quarantine_id is not None and not results:
        raise _fail(NotFound(f"no quarantined payload {quarantine_id} (`feedhook quarantine list` shows them)"))
    _print_replay(results, as_json=as_json)


@quarantine_cli.command("delete")
def quarantine_delete(quarantine_id: Annotated[int, typer.Argument(help="The payload's id.")]) -> None:
    """Drop a kept payload for good."""
    from app.store.quarantine import delete_payload

    if not _with_database(lambda db: db.write(delete_payload(quarantine_id))):
        raise _fail(NotFound(f"no quarantined payload {quarantine_id} (`feedhook quarantine list` shows them)"))
    typer.echo(f"quarantined payload {quarantine_id} deleted")


def main() -> None:
    cli()
