"""Command-line tool: ``sphinx-notebook new | post | serve``."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    raise SystemExit("sphinx-notebook: the command line is not built yet")
