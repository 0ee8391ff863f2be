"""What the `feedhook` commands print: the IFTTT setup, and tables and summaries of what they did."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import orjson
from rich.table import Table

from app.clock import from_micros
from app.feeds.health import not_modified_share
from app.feeds.poller import PollOutcome
from app.store.feeds import Feed
from app.store.profiles import ProfileRow
from app.store.tables import AnyRow

if TYPE_CHECKING:  # annotations only: `feedhook poll` must not load the ingest service
    from app.access.keys import KeyRecord
    from app.config import GeneratedSecrets
    from app.derive.renormalize import Rederived
    from app.ingest.service import ReplayResult

__all__ = [
    "feeds_json",
    "feeds_table",
    "ifttt_setup_text",
    "keys_table",
    "outcome_table",
    "outcomes_json",
    "poll_summary",
    "profile_json",
    "profile_text",
    "quarantine_json",
    "quarantine_table",
    "reading_text",
    "rederived_diff",
    "rederived_json",
    "rederived_summary",
    "replay_json",
    "replay_summary",
    "replay_table",
    "results_json",
    "results_table",
]


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
            f"Operator console: {base_url.rstrip('/')}/ui/ (log in with the admin API key)",
            f"Both are kept in {secrets.path} (mode 0600)." if secrets.path else "",
            reading_text(base_url),
        ]
    )


def reading_text(base_url: str, *, public_reads: bool = False) -> str:
    """How to read the stored items: which key, which header (the same on every start)."""
    base = base_url.rstrip("/")
    if public_reads:
        return f"Read items: curl {base}/v1/items (FEEDHOOK_PUBLIC_READS is on: no key needed)"
    return (
        f"Read items with a read key (or the admin key): curl -H 'Authorization: Bearer <key>' {base}/v1/items\n"
        "  make one with `feedhook keys create NAME --scope read`; feed readers may use "
        f"{base}/v1/feed.atom?key=<key>"
    )


def keys_table(records: Iterable[KeyRecord]) -> Table:
    table = Table("id", "name", "scope", "prefix", "created", "last used", "revoked")
    for record in records:
        table.add_row(
            str(record.id),
            record.name,
            record.scope,
            record.prefix + "…",
            record.created_at.strftime("%Y-%m-%d %H:%M"),
            record.last_used_at.strftime("%Y-%m-%d %H:%M") if record.last_used_at else "never",
            record.revoked_at.strftime("%Y-%m-%d %H:%M") if record.revoked_at else "",
        )
    return table


def secrets_kept_text(base_url: str, secrets: GeneratedSecrets) -> str:
    """The first-start note when the output is not a terminal: where the secrets are, never the secrets."""
    where = f"in {secrets.path} (mode 0600)" if secrets.path else "in the data folder"
    return (
        f"feedhook on {base_url}: a webhook token and an admin API key were generated and kept {where}. "
        "Run `feedhook ifttt` in a terminal for the IFTTT setup (the output here may be a shared log). "
        f"Operator console: {base_url.rstrip('/')}/ui/"
    )


def outcome_table(outcomes: list[PollOutcome], urls: dict[int, str]) -> Table:
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


def poll_summary(outcomes: list[PollOutcome]) -> str:
    new = sum(outcome.new for outcome in outcomes)
    failed = sum(outcome.status in ("error", "gone") for outcome in outcomes)
    return f"{len(outcomes)} feeds polled, {new} new items, {failed} failed"


def _instant(micros: int | None) -> str | None:
    return None if micros is None else from_micros(micros).isoformat()


def feeds_json(rows: Iterable[Feed]) -> list[dict[str, object]]:
    """Feeds as `feeds list --json` prints them: every column a table shows, whole."""
    return [
        {
            "id": feed.id,
            "url": feed.url,
            "title": feed.title,
            "disabled": feed.disabled,
            "last_status": feed.last_status,
            "last_polled_at": _instant(feed.last_polled_at),
            "error_count": feed.error_count,
            "failing_since": _instant(feed.failing_since),
            "last_error": feed.last_error,
            "next_poll_at": from_micros(feed.next_poll_at).isoformat(),
            "poll_count": feed.poll_count,
            "not_modified_count": feed.not_modified_count,
            "not_modified_share": not_modified_share(polls=feed.poll_count, not_modified=feed.not_modified_count),
            "item_count": feed.item_count,
        }
        for feed in rows
    ]


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def outcomes_json(outcomes: Iterable[PollOutcome], urls: dict[int, str]) -> list[dict[str, object]]:
    return [
        {
            "feed_id": outcome.feed_id,
            "url": urls.get(outcome.feed_id),
            "status": outcome.status,
            "new": outcome.new,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "rejected": outcome.rejected,
            "error": outcome.error,
        }
        for outcome in outcomes
    ]


def quarantine_json(rows: Iterable[AnyRow]) -> list[dict[str, object]]:
    return [
        {
            "id": row.id,
            "received_at": from_micros(row.received_at).isoformat(),
            "reason": row.reason,
            "detail": row.detail,
            "content_type": row.content_type,
            "bytes": len(row.body),
            "replayed_at": from_micros(row.replayed_at).isoformat() if row.replayed_at else None,
            "item_id": row.item_id,
        }
        for row in rows
    ]


def quarantine_table(rows: Iterable[AnyRow]) -> Table:
    table = Table("id", "received", "reason", "detail", "type", "bytes", "replayed as")
    for row in quarantine_json(rows):
        table.add_row(
            str(row["id"]),
            str(row["received_at"])[:19],
            str(row["reason"]),
            str(row["detail"]),
            str(row["content_type"] or ""),
            str(row["bytes"]),
            f"item {row['item_id']}" if row["item_id"] else "",
        )
    return table


def feeds_table(rows: Iterable[Feed]) -> Table:
    table = Table("id", "url", "title", "status", "errors", "failing since", "next poll", "304s", "items")
    for feed in rows:
        failing_since = from_micros(feed.failing_since).isoformat(timespec="seconds") if feed.failing_since else ""
        table.add_row(
            str(feed.id),
            feed.url,
            feed.title or "",
            ("disabled " if feed.disabled else "") + (feed.last_status or "new"),
            str(feed.error_count),
            failing_since,
            from_micros(feed.next_poll_at).isoformat(timespec="seconds"),
            _percent(not_modified_share(polls=feed.poll_count, not_modified=feed.not_modified_count)),
            str(feed.item_count),
        )
    return table


def replay_table(results: Sequence[ReplayResult]) -> Table:
    table = Table("quarantine id", "status", "item id", "detail")
    for result in results:
        table.add_row(str(result.quarantine_id), result.status, str(result.item_id or ""), result.detail)
    return table


def replay_json(results: Iterable[ReplayResult]) -> list[dict[str, object]]:
    """A replay's results as `replay --json` and `quarantine replay --json` print them."""
    return [
        {"quarantine_id": r.quarantine_id, "status": r.status, "item_id": r.item_id, "detail": r.detail}
        for r in results
    ]


def replay_summary(results: Sequence[ReplayResult]) -> str:
    stored = sum(result.item_id is not None for result in results)
    return f"{stored} of {len(results)} payloads stored"


def results_table(results: Iterable[tuple[str, str]]) -> Table:
    """One row per OPML entry: its URL and what importing it did."""
    table = Table("url", "result")
    for url, result in results:
        table.add_row(url, result)
    return table


def results_json(results: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """One object per OPML entry, as `opml import --json` prints them."""
    return [{"url": url, "result": result} for url, result in results]


def _shown(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value] or ["(none)"]
    return ["(none)" if value is None else str(value)]


def rederived_diff(result: Rederived) -> str:
    """One re-derived item as a field-level diff (``-`` as stored, ``+`` as derived now), plain text."""
    head = f"item {result.item_id}" + (f" ({result.source})" if result.source else "")
    if result.error is not None:
        return f"{head}: cannot be derived: {result.error}"
    lines = [head]
    for change in result.changes:
        before, after = _shown(change.before), _shown(change.after)
        diff = list(difflib.unified_diff(before, after, lineterm="", n=0))[2:]  # without the file headers
        lines.append(f"  {change.name}:")
        lines.extend(f"    {line[0]} {line[1:]}" for line in diff if not line.startswith("@@"))
    return "\n".join(lines)


def rederived_json(results: Iterable[Rederived]) -> list[dict[str, object]]:
    """Each re-derived item with its changed fields (before as stored, after as derived now), or its error."""
    return [
        {
            "item_id": r.item_id,
            "source": r.source,
            "error": r.error,
            "changes": [{"field": c.name, "before": c.before, "after": c.after} for c in r.changes],
        }
        for r in results
    ]


def rederived_summary(results: Sequence[Rederived], *, dry_run: bool) -> str:
    changed = sum(1 for r in results if r.changes)
    failed = sum(1 for r in results if r.error)
    verb = "would change" if dry_run else "changed"
    return f"{changed} item(s) {verb}, {failed} could not be derived"


def profile_json(row: ProfileRow) -> dict[str, object]:
    """A source's learned boilerplate as `boilerplate show --json` prints it (head and tail null before mining)."""
    profile = orjson.loads(row.profile) if row.profile is not None else None
    return {
        "source_key": row.source_key,
        "items_mined": row.items_mined,
        "items_since": row.items_since,
        "refreshed_at": _instant(row.refreshed_at),
        **{
            edge: None
            if profile is None
            else [{"text": line["text"], "count": line["count"]} for line in profile.get(edge) or []]
            for edge in ("head", "tail")
        },
    }


def profile_text(row: ProfileRow) -> str:
    """A source's learned boilerplate: each line with the share of mined items it stood in, and where."""
    lines = [f"{row.source_key}: mined from {row.items_mined} item(s), {row.items_since} stored since"]
    if row.refreshed_at is not None:
        lines[0] += f", last mined {from_micros(row.refreshed_at).isoformat()}"
    if row.profile is None:
        return "\n".join([*lines, "  nothing mined yet"])
    profile = orjson.loads(row.profile)
    for edge in ("head", "tail"):
        learned = profile.get(edge) or []
        lines.append(f"  {edge}: " + ("nothing recurs" if not learned else f"{len(learned)} line(s)"))
        lines.extend(f"    in {line['count']} of {row.items_mined} items: {line['text']}" for line in learned)
    return "\n".join(lines)
