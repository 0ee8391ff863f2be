"""Coverage-guided fuzzing (atheris) of the pure core: the lenient payload parser and the normalizer.

`python -m fuzz.run --seconds 60` runs every harness for a bounded time; see docs/fuzzing.md.
"""
