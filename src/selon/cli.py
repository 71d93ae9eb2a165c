"""The `selon` command line.

Every command runs behind one boundary: a bad input prints one line `selon: <input>: <problem>`
and exits 1; anything unexpected prints `selon: internal error: …` and exits 70 (the traceback
only with `selon --debug …`). Other areas add their commands through `register(app)`.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import typer
from rich.console import Console

from . import cli_ledger, cli_serve, cli_trace
from .errors import SelonError
from .model import Analysis, Article, json_schema

EXIT_INPUT = 1
EXIT_INTERNAL = 70  # EX_SOFTWARE (sysexits.h)
EXIT_INTERRUPTED = 130
FORMATS = ("text", "json", "jsonl")

app = typer.Typer(
    name="selon",
    help="Who says what, citing whom, how sure, with which figures: attribution, certainty and "
         "figure tracing for news articles.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def root(debug: bool = typer.Option(False, "--debug", help="Show the traceback of internal errors.")) -> None:
    """selon: who says what, citing whom, how sure, with which figures."""


def analyzer_for_command(ctx: typer.Context):
    """The Analyzer a command uses: the caller's (`app(obj={"analyzer": ...})`, as tests and
    embedding programs pass one with its pipelines already loaded) or a new one."""
    from .analyze import Analyzer

    given = (ctx.find_root().obj or {}).get("analyzer")
    return given if given is not None else Analyzer()


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def say_error(message: str) -> None:
    """One line on stderr, never wrapped or marked up."""
    print(f"selon: {message}", file=sys.stderr, flush=True)


def _debug_on(ctx: typer.Context | None) -> bool:
    if ctx is None:  # a command without a `ctx` parameter: look at the command line itself
        return "--debug" in sys.argv[1:]
    return bool(ctx.find_root().params.get("debug"))


def report_internal(exc: BaseException, debug: bool) -> None:
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    hint = "" if debug else " (run `selon --debug …` for the traceback)"
    message = " ".join(str(exc).split())  # one line, whatever the exception's text
    say_error(f"internal error: {exc.__class__.__name__}: {message}{hint}")


def guarded(command: Callable) -> Callable:
    """The CLI boundary around one command: user errors and crashes become one line + exit code.

    Other areas' commands may use it too (`from selon.cli import guarded`); `--debug` is seen
    when the command takes a `ctx: typer.Context` parameter (named `ctx`).
    """
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except SelonError as err:
            say_error(str(err))
            raise typer.Exit(EXIT_INPUT) from None
        except KeyboardInterrupt:
            say_error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # `selon analyze … | head`: the reader left, nothing more to say (and nothing to
            # flush at exit, which would raise again).
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:  # noqa: BLE001 - the boundary: nothing escapes as a traceback
            report_internal(exc, _debug_on(kwargs.get("ctx")))
            raise typer.Exit(EXIT_INTERNAL) from None
    return wrapper


# --- analyze --------------------------------------------------------------------------------

def read_inputs(paths: Iterable[str], no_title: bool) -> Iterator[tuple[str, Article | SelonError]]:
    from .readers import read_path

    seen: dict[str, int] = {}
    for path in paths:
        for name, item in read_path(path, no_title=no_title):
            # The same file given twice still gives two distinct names.
            seen[name] = seen.get(name, 0) + 1
            yield (name if seen[name] == 1 else f"{name}#{seen[name]}"), item


def apply_overrides(article: Article, published: str | None, lang: str | None) -> Article:
    update = {}
    if published is not None:
        update["published"] = published
    if lang is not None:
        update["language"] = lang
    return article.model_copy(update=update) if update else article


def check_options(published: str | None, lang: str | None, output: str) -> None:
    from . import langdata
    from .analyze import parse_published

    if output not in FORMATS:
        raise SelonError("--format", f"unknown format {output!r} (choose {', '.join(FORMATS)})")
    if published is not None:
        try:
            parse_published(published)
        except SelonError:
            raise SelonError("--published", f"{published!r} is not a date YYYY-MM-DD") from None
    if lang is not None and lang not in langdata.parsed_languages():
        raise SelonError("--lang", f"unsupported language {lang!r} "
                                   f"(supported: {', '.join(langdata.parsed_languages())})")


def analyze_in_order(analyzer, items: list[tuple[str, Article | SelonError]], progress: bool
                     ) -> Iterator[tuple[str, Analysis | SelonError]]:
    """Results in input order, analysing the readable articles in per-language batches."""
    if len(items) == 1:
        name, item = items[0]
        if isinstance(item, SelonError):
            yield name, item
        else:
            try:
                yield name, analyzer.analyze_article(item, name)
            except SelonError as err:
                yield name, err
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    order = {name: i for i, (name, _) in enumerate(items)}
    done: dict[int, tuple[str, Analysis | SelonError]] = {}
    for i, (name, item) in enumerate(items):
        if isinstance(item, SelonError):
            done[i] = (name, item)
    articles = [(name, item) for name, item in items if isinstance(item, Article)]
    next_index = 0
    console = _stderr()
    # The bar shows when results go to a file or a pipe and stderr is a terminal; when stdout is
    # the terminal too, the reports appearing one by one are the progress. stdout is never
    # redirected into the bar's console, so results always reach stdout.
    show = progress and console.is_terminal and not sys.stdout.isatty()
    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, disable=not show, redirect_stdout=False) as bar:
        task = bar.add_task("analyse", total=len(articles))
        for name, result in analyzer.analyze_many(articles):
            done[order[name]] = (name, result)
            bar.advance(task)
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1
    while next_index in done:
        yield done.pop(next_index)
        next_index += 1


def dump(analysis: Analysis, indent: int | None) -> str:
    return json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False, indent=indent)


@app.command()
@guarded
def analyze(
    ctx: typer.Context,
    articles: list[str] = typer.Argument(..., metavar="ARTICLE",
                                         help="Files (.txt .html .htm .json .jsonl), folders, or - for stdin."),
    no_title: bool = typer.Option(False, "--no-title", help="The first line of a .txt is body, not a title."),
    published: Optional[str] = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                            help="Publication date (resolves 'last September')."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language code (default: detected), e.g. fr or en."),
    output: str = typer.Option("text", "--format", "-f", help="text (report), json (one document) or jsonl (a line per article)."),
) -> None:
    """Who says what, citing whom, how sure, with which figures; and does the headline overstate?"""
    from .report import render, to_text

    check_options(published, lang, output)
    items = [(name, item if isinstance(item, SelonError) else apply_overrides(item, published, lang))
             for name, item in read_inputs(articles, no_title)]
    out = Console(highlight=False)
    failed = 0
    collected: list[Analysis] = []
    many = len(items) > 1
    for name, result in analyze_in_order(analyzer_for_command(ctx), items, progress=True):
        if isinstance(result, SelonError):
            failed += 1
            say_error(str(result))
            continue
        if output == "jsonl":
            print(dump(result, None), flush=True)
        elif output == "json":
            collected.append(result)
        else:
            if many:
                out.rule(name)
            if out.is_terminal:
                out.print(render(result, name))
            else:  # a file or a pipe: plain text, no trailing padding
                sys.stdout.write(to_text(result, name, width=out.width))
                sys.stdout.flush()
    if output == "json" and collected:
        print(json.dumps([a.model_dump(mode="json") for a in collected], ensure_ascii=False, indent=2)
              if many else dump(collected[0], 2))
    if failed:
        if many:
            say_error(f"{failed} of {len(items)} inputs failed")
        raise typer.Exit(EXIT_INPUT)


# --- eval, bench, schema --------------------------------------------------------------------

@app.command("eval")
@guarded
def eval_command(
    ctx: typer.Context,
    gold: list[Path] = typer.Argument(..., metavar="GOLD.jsonl...", help="Gold annotation files (shared/gold/GUIDE.md)."),
    as_json: bool = typer.Option(False, "--json", help="The report as JSON."),
    details: bool = typer.Option(False, "--details", help="Also list every miss and false positive per article."),
) -> None:
    """Score selon against gold annotations (claims, chains, certainty, figures, headline)."""
    for path in gold:
        if not path.is_file():
            raise SelonError(str(path), "no such file")
    try:
        from . import evaluate
    except ModuleNotFoundError as exc:
        if exc.name != "selon.evaluate":
            raise
        raise SelonError("selon eval", "the evaluation module (selon.evaluate) is not installed") from None
    result = evaluate.evaluate_files(gold, analyzer_for_command(ctx), details=details)
    if as_json:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        Console(highlight=False).print(evaluate.render(result))


@app.command()
@guarded
def bench(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, metavar="[TEXTS...]",
                                       help="Articles to time (default: the gold articles and the bundled example)."),
    texts: Optional[int] = typer.Option(None, "--texts", "-n", min=1, help="Use only the first N texts."),
    repeats: int = typer.Option(3, "--repeats", "-r", min=1, help="Timed runs of each article in each mode (the fastest counts)."),
    as_json: bool = typer.Option(False, "--json", help="The measurements as JSON."),
) -> None:
    """Throughput of selon's full analysis against the bare spaCy pipeline, per language."""
    from . import bench as benchmark

    corpus = benchmark.load_texts(paths or None, limit=texts)
    results = benchmark.run(corpus, repeats=repeats, analyzer=analyzer_for_command(ctx))
    if as_json:
        print(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        Console(highlight=False).print(benchmark.render(results))


@app.command()
@guarded
def schema() -> None:
    """Print the JSON Schema of one analysis (the JSON contract)."""
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))


for _area in (cli_ledger, cli_trace, cli_serve):
    _area.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: the last line of defence for commands without `guarded`."""
    try:
        app(args=argv, prog_name="selon")
    except SelonError as err:
        say_error(str(err))
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        say_error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001
        report_internal(exc, "--debug" in (argv if argv is not None else sys.argv[1:]))
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
