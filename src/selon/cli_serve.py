"""`selon serve`: the web app and HTTP API (selon.serve) under Uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .errors import SelonError


def serve_command(
    ctx: typer.Context,
    db: Optional[Path] = typer.Option(None, "--db", help="Ledger file for the Ledger and Trace pages and "
                                                         "/api/ingest (default: none, or $SELON_DB)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Open the ledger read-only (no /api/ingest)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Analysis threads (default 2 or $SELON_WORKERS)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.1, help="Seconds one analysis may take "
                                                                             "(default 60 or $SELON_TIMEOUT)."),
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls",
                                            help="Let the Analyze page fetch loopback and private addresses."),
) -> None:
    """Start the web app (Analyze, Ledger, Trace pages) and the JSON API; OpenAPI at /docs."""
    import os

    try:
        import uvicorn

        from .serve import ServeSettings, create_app
    except ImportError as exc:
        raise SelonError("selon serve", f"the web extras are not installed ({exc.name}); "
                                        "pip install 'selon[serve]'") from None
    from . import langdata
    from .analyze import Analyzer

    overrides = {"preload": tuple(langdata.parsed_languages()), "allow_private_urls": allow_private_urls}
    if workers is not None:
        overrides["workers"] = workers
    if timeout is not None:
        overrides["analysis_timeout"] = timeout
    settings = ServeSettings.from_env(**overrides)
    db_path = db or (Path(os.environ["SELON_DB"]) if os.environ.get("SELON_DB") else None)
    # An embedding program (or a test) may hand over an Analyzer with its pipelines loaded.
    analyzer = (ctx.find_root().obj or {}).get("analyzer") or Analyzer()
    app = create_app(db_path=db_path, analyzer=analyzer, settings=settings, read_only=read_only)
    typer.echo(f"selon: serving on http://{host}:{port}/ (ledger: {db_path or 'none'}; "
               f"ingest token: {'required' if settings.token else 'not set'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)


def register(app) -> None:
    """Add `selon serve` to the selon Typer app."""
    from .cli import guarded

    app.command("serve")(guarded(serve_command))
