"""What checking a key adds to a read: Access.authenticate for the bootstrap key and a stored key.

    PYTHONPATH=. python -m bench.auth [--calls 20000]

On a migrated SQLite file with 1,000 stored keys, in one process: the bootstrap key (a constant-time
compare) and a stored key (SHA-256, one indexed read on the event loop, the last-use write at most once a
minute). Prints microseconds per call (median of 5 rounds).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app.access.keys import Access, create_key
from app.store.db import Database, migrate

BOOTSTRAP = "fhk_bench-bootstrap-admin-key-0123"


async def _measure(calls: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'auth.db'}"
        migrate(url)
        db = Database(url)
        await db.start()
        try:
            now = datetime.now(UTC)
            secret = ""
            for number in range(1000):
                _, secret = await create_key(db, name=f"key{number}", scope="read", now=now)
            access = Access(db=db, bootstrap_key=BOOTSTRAP, webhook_token="bench-webhook-token-0123")
            results: dict[str, float] = {}
            for label, presented in (("bootstrap key", BOOTSTRAP), ("stored key", secret), ("unknown key", "fhk_x")):
                rounds = []
                for _ in range(5):
                    start = time.perf_counter()
                    for _ in range(calls):
                        await access.authenticate(presented)
                    rounds.append((time.perf_counter() - start) / calls * 1e6)
                results[label] = statistics.median(rounds)
            return results
        finally:
            await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=20_000)
    arguments = parser.parse_args()
    for label, micros in asyncio.run(_measure(arguments.calls)).items():
        print(f"{label}: {micros:.1f} µs per call")


if __name__ == "__main__":
    main()
