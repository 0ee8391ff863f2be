"""feedhook: IFTTT webhooks and RSS/Atom feeds in, clean typed news items out."""

__version__ = "0.1.0"
