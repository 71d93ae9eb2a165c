"""The web side of `selon serve`: HTML pages, their markup helpers, templates and static files."""

from pathlib import Path

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
