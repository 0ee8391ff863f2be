"""The `feedhook` console script's entry point, kept light because parse workers import it again.

multiprocessing starts each parse worker (app/feeds/parsepool.py) as a fresh interpreter that first
re-imports the parent's main script, and pip's `feedhook` script imports this module at its top. Were it
app.cli, every worker would load SQLAlchemy, httpx and the CLI it never uses: 73 MiB per worker instead
of 45 (measured).
"""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    """Run the `feedhook` command."""
    from app.cli import main as run  # here, not at the top: see the module docstring

    run()
