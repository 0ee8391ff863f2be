"""`python -m app` is the `feedhook` command."""

from app.cli import main

main()
