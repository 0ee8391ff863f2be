"""A SQLite store of N realistic, distinct items for the read benchmark, cached between runs.

    .venv/bin/python -m bench.seed_items [--items 1000000] [--force]

Items are generated from a deterministic RNG: a Zipf-distributed vocabulary of ~30,000 words (a few hundred
real news words, then made-up names), ~40 publishers with their own share of the traffic, 3–8 paragraphs and
(for most publishers) 3 bullets each, received over 5.5 years. Two search terms are planted: COMMON_TERM in
about 40 % of items and RARE_TERM in about 80 items whatever N is (a full first page of 50, then a short one).

Rows are written with the stdlib sqlite3 module in large transactions, into the app's own `items` and `feeds`
tables on a database migrated by `app.store.db.migrate`; the migration's triggers maintain the FTS5 index as
they do for the app. Each row holds what `app.store.items.save_item` writes for the item's history (first
delivery, a second channel, an edit): `verify_save_path` replays a sample of histories through the real save
path into a fresh database and compares every column. The file is cached under ~/.cache/feedhook-bench/,
keyed by SEED_VERSION and N; change SEED_VERSION whenever the generated rows change.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import itertools
import json
import os
import random
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa

from app.clock import from_micros, to_micros
from app.normalize.identity import content_hash, identity
from app.normalize.model import NormalizedItem
from app.normalize.urls import canonical_url
from app.store.db import Database, migrate, sync_url
from app.store.feeds import register_feeds
from app.store.items import save_item
from app.store.listings import ItemFilters, list_items, search_items
from app.store.tables import CHANNEL_FEED, CHANNEL_WEBHOOK, items

__all__ = [
    "COMMON_TERM",
    "RARE_TERM",
    "SEED_VERSION",
    "SeedItem",
    "cached_database",
    "generate",
    "seed",
    "verify_save_path",
]

SEED_VERSION = 1
CACHE = Path.home() / ".cache" / "feedhook-bench"
COMMON_TERM = "market"
RARE_TERM = "zeppelin"
COMMON_SHARE = 0.4
RARE_ITEMS = 80
START = to_micros(datetime(2020, 1, 1, tzinfo=UTC))
SPAN = int(5.5 * 365 * 86_400 * 1_000_000)
MINUTE = 60_000_000
DAY = 1440 * MINUTE

# (name, domain, weight, has bullets): a few large publishers and a long tail, as a real subscription list.
PUBLISHERS: tuple[tuple[str, str, int, bool], ...] = (
    ("Business Insider", "www.businessinsider.com", 40, True),
    ("Reuters", "www.reuters.com", 30, False),
    ("Associated Press", "apnews.com", 28, False),
    ("The Verge", "www.theverge.com", 14, False),
    ("Ars Technica", "arstechnica.com", 10, False),
    ("Bloomberg", "www.bloomberg.com", 24, True),
    ("Financial Times", "www.ft.com", 12, False),
    ("The Guardian", "www.theguardian.com", 22, False),
    ("BBC News", "www.bbc.co.uk", 26, False),
    ("CNBC", "www.cnbc.com", 18, True),
    ("Axios", "www.axios.com", 16, True),
    ("Politico", "www.politico.com", 12, False),
    ("TechCrunch", "techcrunch.com", 12, False),
    ("Wired", "www.wired.com", 6, False),
    ("Quartz", "qz.com", 5, True),
    ("Vox", "www.vox.com", 6, False),
    ("NPR", "www.npr.org", 10, False),
    ("Al Jazeera", "www.aljazeera.com", 9, False),
    ("Deutsche Welle", "www.dw.com", 6, False),
    ("Le Monde", "www.lemonde.fr", 5, False),
    ("El País", "elpais.com", 4, False),
    ("The Hindu", "www.thehindu.com", 5, False),
    ("Nikkei Asia", "asia.nikkei.com", 4, True),
    ("South China Morning Post", "www.scmp.com", 6, False),
    ("The Atlantic", "www.theatlantic.com", 3, False),
    ("Engadget", "www.engadget.com", 7, False),
    ("MarketWatch", "www.marketwatch.com", 9, True),
    ("Fortune", "fortune.com", 5, True),
    ("Forbes", "www.forbes.com", 8, False),
    ("The Hill", "thehill.com", 8, False),
    ("Semafor", "www.semafor.com", 3, True),
    ("Rest of World", "restofworld.org", 2, False),
    ("Hacker News", "news.ycombinator.com", 6, False),
    ("Stat News", "www.statnews.com", 3, False),
    ("Grist", "grist.org", 2, False),
    ("Defense One", "www.defenseone.com", 2, False),
    ("Protocol", "www.protocol.com", 2, True),
    ("The Information", "www.theinformation.com", 2, True),
)

_WORDS_TEXT = """
the of and to in a that for on is with said as was by at from it has have are be an its will after new
were their more about would than not this over but who they year which been had other officials also government
people state company president minister week two first percent last told could since three last million
according report police data since told officials former city billion country first federal health public
since workers prices months time years court security deal plan policy support national election military
economy shares rate rates energy oil gas power trade tariffs bank banks central inflation growth jobs
companies investors stock stocks bond bonds chief executive board quarter revenue profit losses sales
China Russia Ukraine Europe India Japan Germany France Britain Brazil Canada Mexico Texas California London
Washington Beijing Moscow Tokyo Paris Berlin Delhi Brussels Seoul Taipei Sydney Lagos Cairo Tehran Kyiv
war talks troops ceasefire attack strikes border sanctions vote votes lawmakers senate congress parliament
law bill ruling judge case trial charges investigation probe agency regulators rules emissions climate
heat storm flood fires drought vaccine virus hospital patients doctors study research scientists
technology software chips chip phone phones app users platform network data cloud artificial intelligence
model models startup startups funding round valuation acquisition merger antitrust lawsuit privacy
school students teachers university housing rent mortgage homes buyers sellers consumers spending retail
airline airlines flights travel tourism cars electric vehicles battery factory plant production supply
shortage shortages demand exports imports currency dollar euro yen yuan debt budget deficit tax taxes
cuts spending unemployment wages strike union unions protest protests crowd leaders summit allies partners
statement spokesperson interview analysts economists forecast outlook expected early later Monday Tuesday
Wednesday Thursday Friday Saturday Sunday morning evening night decision move steps pressure response
while amid despite before during under against between including across through into without within
"""
_SYLLABLES_TEXT = "ka lo mi ren tor vas bel dun ish ora pe qui sal tem ulo var wen xi yar zo an bri cor del"
_WORDS = list(dict.fromkeys(_WORDS_TEXT.split()))
_SYLLABLES = _SYLLABLES_TEXT.split()


@dataclass(frozen=True, slots=True)
class SeedItem:
    """One generated story (NormalizedItem's fields) and its delivery history: saved by `channels[0]` at
    `received_at`, by the second channel (if any) one second later, and edited at `edited_at` (if set)."""

    number: int
    fields: dict[str, Any]
    channels: tuple[int, ...]
    received_at: int
    edited_at: int | None
    feed_id: int | None
    common: bool
    rare: bool


class Corpus:
    """The deterministic vocabulary and sentence pool every item is drawn from."""

    def __init__(self, rng: random.Random, *, sentences: int = 40_000) -> None:
        tail = {
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            if rng.random() < 0.3
            else "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(40_000)
        }
        planted = {COMMON_TERM, RARE_TERM}
        vocabulary = _WORDS + sorted(tail - set(_WORDS) - planted)
        weights = list(itertools.accumulate(1.0 / (rank + 2.7) ** 1.1 for rank in range(len(vocabulary))))
        self.sentences = [self._sentence(rng, vocabulary, weights) for _ in range(sentences)]
        self.common = [self._sentence(rng, vocabulary, weights, plant=COMMON_TERM) for _ in range(2_000)]
        self.rare = [self._sentence(rng, vocabulary, weights, plant=RARE_TERM) for _ in range(200)]
        self.headline_words = vocabulary[:5_000]
        self.headline_weights = weights[:5_000]

    @staticmethod
    def _sentence(rng: random.Random, vocabulary: list[str], weights: list[float], *, plant: str = "") -> str:
        words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(8, 20))
        if plant:
            words.insert(rng.randrange(len(words)), plant)
        words[0] = words[0].capitalize()
        return " ".join(words) + "."


def _slug(words: list[str]) -> str:
    return "-".join(word.lower() for word in words[:8])


def generate(count: int) -> Iterator[SeedItem]:
    """Items 0 … count-1, oldest received first (ids follow arrival, as the app assigns them)."""
    rng = random.Random(f"feedhook-reads-{SEED_VERSION}")
    corpus = Corpus(rng)
    publishers = list(PUBLISHERS)
    publisher_weights = list(itertools.accumulate(weight for _, _, weight, _ in publishers))
    step = SPAN // max(count, 1)
    rare_every = max(count // RARE_ITEMS, 1)
    authors = [
        f"{rng.choice(_WORDS).capitalize()} {rng.choice(corpus.headline_words).capitalize()}" for _ in range(400)
    ]
    for number in range(count):
        feed_number = publishers.index(rng.choices(publishers, cum_weights=publisher_weights)[0])
        source, domain, _, has_bullets = publishers[feed_number]
        received_at = START + number * step + rng.randrange(step)
        roll = rng.random()
        if roll < 0.04:
            published_at: int | None = None
        elif roll < 0.10:  # a backfill: an older story fetched late
            published_at = received_at - rng.randrange(DAY, 30 * DAY)
        else:
            published_at = received_at - rng.randrange(90 * MINUTE)
        headline_words = rng.choices(corpus.headline_words, cum_weights=corpus.headline_weights, k=rng.randint(7, 14))
        headline = " ".join(headline_words).capitalize()
        bullets = rng.sample(corpus.sentences, 3) if has_bullets else []
        paragraphs = [" ".join(rng.sample(corpus.sentences, rng.randint(2, 3))) for _ in range(rng.randint(3, 7))]
        common = rng.random() < COMMON_SHARE
        if common:
            spot = rng.randrange(len(paragraphs))
            paragraphs[spot] = f"{paragraphs[spot]} {rng.choice(corpus.common)}"
        rare = number % rare_every == rare_every // 2 and number // rare_every < RARE_ITEMS
        if rare:
            paragraphs[0] = f"{rng.choice(corpus.rare)} {paragraphs[0]}"
        published = from_micros(published_at) if published_at is not None else None
        year = (published or from_micros(received_at)).year
        url = f"https://{domain}/{year}/{_slug(headline_words)}-{number}"
        channel_roll = rng.random()
        channels = (
            (CHANNEL_WEBHOOK,)
            if channel_roll < 0.30
            else (CHANNEL_FEED,)
            if channel_roll < 0.95
            else (CHANNEL_WEBHOOK, CHANNEL_FEED)
        )
        by_feed = channels[0] == CHANNEL_FEED
        feed_url = f"https://{domain}/feed.xml"
        guid = f"{domain.split('.')[-2]}-{number:07d}" if by_feed else None
        fields: dict[str, Any] = {
            "headline": headline,
            "bullets": bullets,
            "body": paragraphs,
            # As the normalizer gives a body of plain paragraphs (what row_values stores, and the save path too).
            "blocks": [{"type": "paragraph", "text": text} for text in paragraphs],
            "body_html": _html(bullets, paragraphs),
            "source": source,
            "source_link": url if by_feed else f"https://ift.tt/{number:x}",
            "url": url,
            "author": rng.choice(authors) if rng.random() < 0.85 else None,
            "image_url": f"https://images.{domain}/{number:08x}.jpg?width=1200" if rng.random() < 0.7 else None,
            "published_at": published,
            "guid": guid,
            "identity": identity(
                guid=guid,
                feed_url=feed_url,
                url=url,
                shortlink=None,
                source=source,
                headline=headline,
                published=published,
                content=content_hash(headline, bullets, paragraphs),
            ),
            "content_hash": content_hash(headline, bullets, paragraphs),
            "flags": [],
        }
        edited_at = received_at + rng.randrange(MINUTE, DAY) if rng.random() < 0.03 else None
        yield SeedItem(
            number=number,
            fields=fields,
            channels=channels,
            received_at=received_at,
            edited_at=edited_at,
            feed_id=feed_number + 1 if CHANNEL_FEED in channels else None,
            common=common,
            rare=rare,
        )


def _html(bullets: list[str], paragraphs: list[str]) -> str:
    items = "".join(f"<li>{html.escape(b, quote=False)}</li>" for b in bullets)
    return (f"<ul>{items}</ul>" if items else "") + "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


# The columns save_item's INSERT and later merges set; the rest keep their server defaults, as in the app.
COLUMNS = (
    *("guid", "url", "source_link", "headline", "bullets", "body", "body_html", "source", "author", "image_url"),
    *("published_at", "content_hash", "flags", "identity", "received_at", "updated_at", "sort_at", "channels"),
    *("feed_id", "resolve_after", "blocks"),
)
_INSERT = f"INSERT INTO {items.name} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def row_values(seeded: SeedItem) -> tuple[Any, ...]:
    """The row the save path leaves after the item's history, in COLUMNS order."""
    f = seeded.fields
    published = to_micros(f["published_at"]) if f["published_at"] is not None else None
    channels = 0
    for channel in seeded.channels:
        channels |= channel
    return (
        f["guid"],
        f["url"],
        f["source_link"],
        f["headline"],
        orjson.dumps(f["bullets"]).decode(),
        orjson.dumps(f["body"]).decode(),
        f["body_html"],
        f["source"],
        f["author"],
        f["image_url"],
        published,
        f["content_hash"],
        orjson.dumps(f["flags"]).decode(),
        f["identity"],
        seeded.received_at,
        seeded.edited_at or seeded.received_at,
        published if published is not None else seeded.received_at,
        channels,
        seeded.feed_id,
        None,  # resolve_after: every item has its article URL
        orjson.dumps(f["blocks"]).decode(),
    )


def _feed_urls() -> list[str]:
    return [f"https://{domain}/feed.xml" for _, domain, _, _ in PUBLISHERS]


def _fts_fill(trigger_sql: str) -> str:
    """The insert trigger's own statement for every row at once: `VALUES (new.a, …)` becomes `SELECT a, … FROM …`."""
    match = re.search(r"BEGIN\s+(INSERT INTO items_fts\s*\([^)]*\))\s+VALUES\s*\(([^)]*)\);\s*END", trigger_sql)
    assert match is not None, trigger_sql
    return f"{match[1]} SELECT {match[2].replace('new.', '')} FROM {items.name}"


def seed(path: Path, count: int, *, batch: int = 20_000, report_every: int = 200_000) -> dict[str, Any]:
    """Migrate a new SQLite file at `path` and fill it with `count` items; returns what was planted.

    The FTS5 index gets exactly what the migration's insert trigger writes, a batch at a time: the trigger
    is set aside while the rows go in, its own INSERT runs once per batch of rows, and the trigger is put
    back from its saved SQL (row by row through the trigger was 2.5× slower: ~4,000 items/s). An integrity
    check then compares the index with the rows.
    """
    url = f"sqlite:///{path}"
    migrate(url)
    engine = sa.create_engine(sync_url(url), poolclass=sa.pool.NullPool)
    with engine.begin() as sa_conn:  # the app's own registration of the publishers' feeds (ids 1 …)
        register_feeds(urls=_feed_urls(), interval_seconds=900, now=START)(sa_conn)
    engine.dispose()
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    # Only while seeding a throwaway file: a crash leaves a file nobody uses (it is renamed when complete).
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    trigger = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'items_fts_insert'"
    trigger_sql = conn.execute(trigger).fetchone()[0]
    fill = _fts_fill(trigger_sql) + " WHERE id BETWEEN ? AND ?"
    planted = {"common": 0, "rare": 0}
    generated = generate(count)
    started = time.monotonic()

    def load(rows: list[tuple[Any, ...]], first_id: int) -> None:
        conn.executemany(_INSERT, rows)
        conn.execute(fill, (first_id, first_id + len(rows) - 1))  # SQLite works here without the GIL

    conn.execute("BEGIN")
    conn.execute("DROP TRIGGER items_fts_insert")
    done = 0
    # One thread loads (rows, then their index entries) while this one generates the next batch.
    with ThreadPoolExecutor(max_workers=1) as loader:
        loading: Future[None] | None = None
        while chunk := list(itertools.islice(generated, batch)):
            planted["common"] += sum(seeded.common for seeded in chunk)
            planted["rare"] += sum(seeded.rare for seeded in chunk)
            rows = [row_values(seeded) for seeded in chunk]
            if loading is not None:
                loading.result()
            loading = loader.submit(load, rows, done + 1)  # ids are 1 … count, in arrival order
            done += len(chunk)
            if done % report_every < batch:
                print(f"  {done:,} items ({time.monotonic() - started:.0f} s)", flush=True)
        if loading is not None:
            loading.result()
    assert conn.execute("SELECT count(*), coalesce(max(id), 0) FROM items").fetchone() == (count, count)
    conn.execute(trigger_sql)
    conn.execute("COMMIT")
    print(f"  full-text index built ({time.monotonic() - started:.0f} s)", flush=True)
    conn.execute("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute(trigger).fetchone()[0] == trigger_sql
    conn.execute("PRAGMA journal_mode=WAL")  # as migrate() leaves it: the file's mode for every later use
    conn.close()
    return planted


def cached_database(count: int, *, force: bool = False) -> tuple[Path, dict[str, Any]]:
    """The seeded file for `count` items (seeding it first if it is not cached) and its description."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"reads-v{SEED_VERSION}-{count}.db"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists() and not force:
        print(f"seeded database cached: {path}")
        return path, json.loads(meta.read_text())
    verify_save_path()
    print(f"seeding {count:,} items into {path} …", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="seeding-") as work:
        scratch = Path(work) / "items.db"
        planted = seed(scratch, count)
        seconds = time.monotonic() - started
        description = {
            "items": count,
            "seed_version": SEED_VERSION,
            "common_term": COMMON_TERM,
            "rare_term": RARE_TERM,
            "common_matches": planted["common"],
            "rare_matches": planted["rare"],
            "seed_seconds": round(seconds, 1),
            "bytes": scratch.stat().st_size,
        }
        spot_check(scratch, description)
        for suffix in ("-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
        os.replace(scratch, path)
    meta.write_text(json.dumps(description, indent=2))
    print(f"seeded in {seconds:.0f} s ({count / seconds:,.0f} items/s), {description['bytes'] / 2**30:.2f} GiB")
    return path, description


def spot_check(path: Path, description: dict[str, Any]) -> None:
    """The app's own read functions find the seeded items: newest page, the rare term, the common term."""

    async def check() -> None:
        db = Database(f"sqlite:///{path}")
        try:
            newest = await db.read(list_items, limit=3, before=None, filters=ItemFilters())
            rare = await db.read(search_items, q=RARE_TERM, limit=1000, before_id=None, filters=ItemFilters())
            common = await db.read(search_items, q=COMMON_TERM, limit=50, before_id=None, filters=ItemFilters())
        finally:
            await db.close()
        with sqlite3.connect(path) as conn:
            expected = [row[0] for row in conn.execute("SELECT id FROM items ORDER BY sort_at DESC, id DESC LIMIT 3")]
            total = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        assert [row.id for row in newest] == expected, (newest, expected)
        assert total == description["items"], total
        assert len(rare) == description["rare_matches"], (len(rare), description)
        assert all(RARE_TERM in row.body.lower() for row in rare)
        assert len(common) == 50
        assert all(COMMON_TERM in row.body.lower() for row in common)

    asyncio.run(check())


def verify_save_path(*, count: int = 6_000) -> None:
    """Replay the histories of generated items through save_item: every column must equal row_values."""
    histories = [s for s in generate(count) if s.number % 30 == 0 or s.edited_at is not None or len(s.channels) > 1]

    async def replay(db: Database, history: SeedItem) -> None:
        final = NormalizedItem(**history.fields)
        first = final
        if history.edited_at is not None:  # the version before the edit
            draft = dict(history.fields, headline=history.fields["headline"] + " (draft)")
            draft["content_hash"] = content_hash(draft["headline"], draft["bullets"], draft["body"])
            first = NormalizedItem(**draft)
        for offset, channel in enumerate(history.channels):
            await _save(db, first, history, channel, history.received_at + offset * 1_000_000)
        if history.edited_at is not None:  # by the source that stored it first: only that source edits a story
            await _save(db, final, history, history.channels[0], history.edited_at)

    async def run(path: Path) -> None:
        db = Database(f"sqlite:///{path}")
        await db.start()
        try:
            await db.write(register_feeds(urls=_feed_urls(), interval_seconds=900, now=START))
            for history in histories:
                await replay(db, history)
        finally:
            await db.close()

    with tempfile.TemporaryDirectory(prefix="feedhook-seed-check-") as work:
        path = Path(work) / "check.db"
        migrate(f"sqlite:///{path}")
        asyncio.run(run(path))
        with sqlite3.connect(path) as conn:
            stored = {row[0]: row[1:] for row in conn.execute(f"SELECT identity, {', '.join(COLUMNS)} FROM items")}
    for history in histories:
        assert canonical_url(history.fields["url"]) == history.fields["url"], history.fields["url"]
        assert stored[history.fields["identity"]] == row_values(history), history.number
    assert len(stored) == len(histories)
    kinds = sum(h.edited_at is not None for h in histories), sum(len(h.channels) > 1 for h in histories)
    print(f"save path replayed: {len(histories)} histories ({kinds[0]} edited, {kinds[1]} by two channels): rows equal")


async def _save(db: Database, item: NormalizedItem, history: SeedItem, channel: int, at: int) -> None:
    feed_id = history.feed_id if channel == CHANNEL_FEED else None
    await db.write(save_item(item, channel=channel, received_at=at, feed_id=feed_id))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--force", action="store_true", help="seed again even if the file is cached")
    args = parser.parse_args(argv)
    path, description = cached_database(args.items, force=args.force)
    print(json.dumps({"path": str(path), **description}, indent=2))


if __name__ == "__main__":
    main()
