"""Benchmarks: `make bench` runs them; method and results are in docs/benchmarks.md."""
