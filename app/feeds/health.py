"""A feed's health as the console, the CLI and the admin API show it, from the counts its row keeps."""

from __future__ import annotations

__all__ = ["not_modified_share"]


def not_modified_share(*, polls: int, not_modified: int) -> float | None:
    """The share of a feed's polls a 304 Not Modified answered (0.0-1.0, 3 decimals); None before any poll.

    A high share is conditional GET at work: each such poll cost no download and no parse.
    """
    if polls <= 0:
        return None
    return round(min(not_modified, polls) / polls, 3)
