"""Feeds: the feed pipeline (fetch, parse, schedule, poll) and the feed registry; the network is app.net's."""
