"""canonical_url cost per URL, by kind: no query, tracking parameters only, other parameters, a host with its own rules.

Most item links carry no query; those must stay as cheap as they were before ClearURLs' rules. Each
kind runs over distinct URLs (so no cache helps), the median of ``--rounds`` rounds of
``time.perf_counter`` is printed in µs per URL.

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


def measure(make: Callable[[int], str], count: int, rounds: int) -> float:
    urls = [make(i) for i in range(count)]
    for url in urls[:100]:  # warm up: rule files and ClearURLs' rules read and compiled
        canonical_url(url)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for url in urls:
            canonical_url(url)
        samples.append((time.perf_counter() - start) / count * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--urls", type=int, default=2000)
    args = parser.parse_args()
    print("| kind | µs per URL (median) |\n|---|---:|")
    for kind, make in KINDS.items():
        print(f"| {kind} | {measure(make, args.urls, args.rounds):.2f} |")


if __name__ == "__main__":
    main()
