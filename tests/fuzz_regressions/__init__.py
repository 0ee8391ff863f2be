"""Regression tests from fuzzing (fuzz/, docs/fuzzing.md): each finding's input, asserting the right behaviour."""
