"""Feeds: the outbound-URL guard, fetching, parsing and the poll schedule."""
