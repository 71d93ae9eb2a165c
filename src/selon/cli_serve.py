"""CLI commands of this area, added to the main Typer app by cli.py. (placeholder, being written)"""

from __future__ import annotations


def register(app) -> None:
    """Add this module's commands to the selon Typer app."""
