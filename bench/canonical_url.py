"""canonical_url cost per URL, by kind: no query, tracking parameters only, other parameters, a host with its own rules.

Most item links carry no query; those must stay as cheap as they were before ClearURLs' rules. Each
kind runs over distinct URLs (so no cache helps); printed in µs per URL: the median of ``--rounds``
rounds of ``time.perf_counter``, and the least ``time.process_time`` (on a busy machine the CPU
figure is the one to compare).

    .venv/bin/python -m bench.canonical_url [--rounds 7] [--urls 2000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from app.normalize.urls import canonical_url

KINDS: dict[str, Callable[[int], str]] = {
    "no query": lambda i: f"https://www.example{i % 50}.com/2024/05/{i}/a-story-about-things-{i}/",
    "tracking only": lambda i: f"https://www.example{i % 50}.com/story-{i}?utm_source=rss&utm_medium=feed&fbclid={i}",
    "other params": lambda i: f"https://www.example{i % 50}.com/search?q=story+{i}&page={i % 9}&sort=new",
    "host provider": lambda i: f"https://www.cnbc.com/2024/05/01/story-{i}.html?__source=iosappshare&x={i}",
    "not canonical": lambda i: f"HTTPS://WWW.Example{i % 50}.COM:443/Story {i}?id={i}#frag",
}


def measure(make: Callable[[int], str], count: int, rounds: int) -> tuple[float, float]:
    urls = [make(i) for i in range(count)]
    for url in urls[:100]:  # warm up: rule files and ClearURLs' rules read and compiled
        canonical_url(url)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        for url in urls:
            canonical_url(url)
        wall.append((time.perf_counter() - start) / count * 1e6)
        cpu.append((time.process_time() - start_cpu) / count * 1e6)
    return statistics.median(wall), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--urls", type=int, default=2000)
    args = parser.parse_args()
    print("| kind | µs per URL (median wall) | µs per URL (least CPU) |\n|---|---:|---:|")
    for kind, make in KINDS.items():
        wall, cpu = measure(make, args.urls, args.rounds)
        print(f"| {kind} | {wall:.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
