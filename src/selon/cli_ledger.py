"""CLI commands of the ledger: `selon ingest`, `selon figures`, `selon sql` (added by cli.py)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from .errors import SelonError

DB_HELP = "Ledger file (default: $SELON_DB, else selon.duckdb here)."
TABLE_FORMATS = ("text", "json", "csv")


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _check_format(output: str, allowed: tuple[str, ...]) -> None:
    if output not in allowed:
        raise SelonError("--format", f"unknown format {output!r} (choose {', '.join(allowed)})")


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def run_ingest(paths: list[str], db: Optional[Path], jobs: int, progress: bool) -> int:
    """The `ingest` command without Typer; returns the exit code."""
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .ingest import ingest_paths
    from .ledger import Ledger

    console = _stderr()
    ledger = Ledger.open(db)  # refuses a locked or foreign file before anything is read
    counts = {"stored": 0, "duplicate": 0, "failed": 0}
    columns = (SpinnerColumn(), TextColumn("ingesting"), MofNCompleteColumn(),
               TextColumn("[progress.data.speed]{task.fields[rate]:.1f} articles/s"),
               TextColumn("stored {task.fields[stored]} · duplicates {task.fields[duplicate]} · "
                          "failed {task.fields[failed]}"), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True,
                      disable=not (progress and console.is_terminal)) as bar:
            task = bar.add_task("ingest", total=None, rate=0.0, **counts)

            def advance(outcome: str) -> None:
                counts[outcome] += 1
                elapsed = bar.tasks[0].elapsed or 0.0
                done = sum(counts.values())
                bar.update(task, advance=1, rate=done / elapsed if elapsed else 0.0, **counts)

            def failed(item: str, problem: str) -> None:
                bar.console.print(f"selon: {item}: {problem}", markup=False, highlight=False)

            summary = ingest_paths(paths, ledger, jobs=jobs, progress=advance, on_failure=failed)
    finally:
        ledger.close()
    rate = summary.seen / summary.seconds if summary.seconds else 0.0
    print(f"{summary.stored} stored, {summary.duplicates} skipped as duplicates, {summary.failed} failed "
          f"({summary.seen} articles in {summary.seconds:.1f} s, {rate:.1f} articles/s) → {ledger.path}")
    if summary.parsers:
        print("by parser: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.parsers.items()))
              + " · by language: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items())))
    for problem, n in summary.reasons().most_common():
        print(f"failed ×{n}: {problem}")
    if summary.seen == 0:
        raise SelonError(" ".join(paths), "no article found (inputs: .txt .html .htm .json .jsonl .warc .warc.gz)")
    return 1 if summary.failed else 0


def print_rows(columns: list[str], rows: list[tuple], output: str, title: str | None = None,
               wrap: tuple[str, ...] | None = None) -> None:
    """Rows as a rich table, JSON or CSV. In the table, only the `wrap` columns (default: all) fold."""
    if output == "json":
        print(json.dumps([{c: _plain(v) for c, v in zip(columns, row)} for row in rows],
                         ensure_ascii=False, indent=2, default=str))
    elif output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
    else:
        table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
        for column in columns:
            folds = wrap is None or column in wrap
            table.add_column(column, overflow="fold", no_wrap=not folds)
        for row in rows:
            table.add_row(*[_cell(v) for v in row])
        Console(highlight=False).print(table)
        if not rows:
            print("(no rows)")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the selon Typer app."""
    from .cli import guarded

    @app.command()
    @guarded
    def ingest(
        paths: list[str] = typer.Argument(..., metavar="PATH...",
                                          help="Files or folders of .txt .html .json .jsonl .warc .warc.gz."),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Parser worker processes."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    ) -> None:
        """Analyse a corpus and store every article in the ledger (each one exactly once)."""
        code = run_ingest(paths, db, jobs, progress=not quiet)
        if code:
            raise typer.Exit(code)

    @app.command()
    @guarded
    def figures(
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        limit: int = typer.Option(20, "--limit", "-n", min=1, help="How many figures."),
        min_outlets: int = typer.Option(1, "--min-outlets", min=1, help="Only figures reported by this many outlets."),
        output: str = typer.Option("text", "--format", "-f", help="text (table) or json."),
    ) -> None:
        """Figures reported by the most outlets: value, unit, articles, outlets, languages, dates."""
        from .ledger import Ledger

        _check_format(output, ("text", "json"))
        with Ledger.open(db, read_only=True) as ledger:
            rows = ledger.figures(limit=limit, min_outlets=min_outlets)
        if output == "json":
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        columns = ["figure", "unit", "outlets", "articles", "langs", "first", "last", "example"]
        table = [(r["value"], r["unit"], r["outlets"], r["articles"], r["languages"], r["first"], r["last"],
                  r["example"]) for r in rows]
        if Console().width < 100:  # the wording only where it has room to be read
            columns, table = columns[:-1], [row[:-1] for row in table]
        print_rows(columns, table, "text", title="Figures by outlets", wrap=("example",))

    @app.command()
    @guarded
    def sql(
        query: str = typer.Argument(..., metavar="QUERY", help="One read-only SQL statement."),
        db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
        output: str = typer.Option("text", "--format", "-f", help="text (table), json or csv."),
    ) -> None:
        """Run a read-only SQL query on the ledger (tables: docs/ledger.md)."""
        from .ledger import Ledger

        _check_format(output, TABLE_FORMATS)
        with Ledger.open(db, read_only=True) as ledger:
            columns, rows = ledger.query(query)
        print_rows(columns, rows, output)
