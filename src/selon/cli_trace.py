"""`selon trace QUERY`: one figure through the ledger, as a terminal timeline, JSON or an HTML page."""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from .errors import SelonError
from .trace import UNDATED, Trace, cluster_rows, parse_query, trace

FORMATS = ("text", "json")
CERTAINTY_COLOURS = {"certain": "#c0392b", "probable": "#e67e22", "possible": "#2980b9", "unknown": "#7f8c8d"}


def load_records(ledger, query: str) -> list[dict]:
    """The records a trace needs: figures near the query's value, then every claim of their articles.

    The ledger is filtered in SQL so that a large ledger is not read whole for one figure.
    """
    q = parse_query(query)
    if q.kind == "figure" and q.value:
        from .trace import POOL_FACTOR

        near = ledger.claim_records(figures_only=True,
                                    value_between=(q.value / POOL_FACTOR ** 2, q.value * POOL_FACTOR ** 2))
        hashes = sorted({r["article_hash"] for r in near})
        return ledger.claim_records(article_hashes=hashes) if hashes else []
    if q.kind == "text" and any(ch.isdigit() for ch in query):
        return ledger.claim_records()
    seed = ledger.claim_records(claim_ids=[query])
    if seed:
        values = [v for r in seed for v in (r["value"], r["low"], r["high"]) if v is not None]
        if values:
            near = ledger.claim_records(figures_only=True, value_between=(min(values) / 2.25, max(values) * 2.25))
            return ledger.claim_records(article_hashes=sorted({r["article_hash"] for r in near}))
    return ledger.claim_records()


def register(app) -> None:
    """Add `selon trace` to the selon Typer app."""
    from .cli import guarded

    @app.command("trace")
    @guarded
    def trace_command(
        query: str = typer.Argument(..., help="A figure with its noun ('1000 déserteurs', '18,000 soldiers'), "
                                              "a claim id, or words of the claim."),
        db: Optional[Path] = typer.Option(None, "--db", help="Ledger file (default: $SELON_DB, else selon.duckdb)."),
        output_format: str = typer.Option("text", "--format", help="text (timeline) or json."),
        html_path: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML page here."),
    ) -> None:
        """Trace one figure: its reports in time order, who cites whom, its origin and how it changed."""
        from .ledger import Ledger

        if output_format not in FORMATS:
            raise SelonError("--format", f"unknown format {output_format!r} (use {' or '.join(FORMATS)})")
        with Ledger.open(db, read_only=True) as ledger:
            records = load_records(ledger, query)
            path = ledger.path
        if not records:
            raise SelonError(query, "no claim in the ledger reports this figure")
        result = trace(records, query)
        _save_clusters(path, result)
        if html_path is not None:
            try:
                html_path.write_text(render_html(result), encoding="utf-8")
            except OSError as exc:
                raise SelonError(str(html_path), f"cannot write the page: {exc.strerror or exc}") from None
        if output_format == "json":
            typer.echo(result.model_dump_json(indent=2))
        else:
            from rich.console import Console

            Console(highlight=False).print(render_text(result))
            if html_path is not None:
                typer.echo(f"page written to {html_path}")


def _save_clusters(path: Path, result: Trace) -> None:
    """Keep the cluster in the ledger's `clusters` table for SQL users; a busy ledger only skips it."""
    from .ledger import Ledger

    try:
        with Ledger.open(path) as ledger:
            ledger.write_clusters(cluster_rows(result))
    except SelonError as err:
        typer.echo(f"selon: clusters table not updated ({err.problem})", err=True)


# --- terminal --------------------------------------------------------------------------------

def render_text(result: Trace):
    """A rich Tree: the origin, then every article in time order with its claims and mutations."""
    from rich.markup import escape
    from rich.tree import Tree

    head = (f"[bold]{escape(result.figure)}[/] — {result.articles} article(s), {result.outlets} outlet(s), "
            f"{', '.join(result.languages)}  [dim](query: {escape(result.query)})[/]")
    root = Tree(head)
    if result.origin:
        o = result.origin
        node = root.add(f"[bold green]origin[/]: {escape(o.outlet or '?')}"
                        + (f" ({escape(o.article_id)}, {o.published or 'undated'})" if o.article_id else "")
                        + f" [dim]{o.rule}[/]")
        for line in o.evidence:
            node.add(f"[dim]{escape(line)}[/]")
    by_article: dict[str, list] = {}
    for rep in result.reports:
        by_article.setdefault(rep.article_id, []).append(rep)
    mutations: dict[str, list] = {}
    for m in result.mutations:
        mutations.setdefault(m.article_id, []).append(m)
    cites = {}
    for c in result.citations:
        cites.setdefault(c.article_id, []).append(c.cited)
    timeline = root.add("[bold]reports[/]")
    for art, reps in by_article.items():
        first = reps[0]
        cited = f"  ← cites {escape(', '.join(dict.fromkeys(cites[art])))}" if art in cites else ""
        node = timeline.add(f"[bold]{first.published or 'undated'}[/] {escape(first.outlet or '?')} "
                            f"{escape('[' + (first.language or '?') + ']')} [dim]{escape(art)}[/]{cited}")
        for rep in reps:
            colour = CERTAINTY_COLOURS.get(rep.certainty, "white")
            chain = " ← ".join(escape(l.source if l.cue == l.source else f"{l.cue} {l.source}")
                               for l in rep.chain) or "no source"
            hedges = f" ({escape(', '.join(rep.hedges))})" if rep.hedges else ""
            node.add(f"{rep.part}: “{escape(rep.wording)}” [{colour}]{rep.certainty}{hedges}[/] · {chain}")
        for m in mutations.get(art, []):
            node.add(f"[bold red]⚠ {m.kind}[/] “{escape(m.words)}”: {escape(m.evidence)} [dim]({m.rule})[/]")
    for rel in result.related:
        node = root.add(f"[bold]told with it[/]: {escape(rel.figure)} — in the same sentence in "
                        f"{len(rel.told_with)} article(s)")
        for rep in rel.reports:
            node.add(f"{rep.published or 'undated'} {escape(rep.outlet or '?')} "
                     f"{escape('[' + (rep.language or '?') + ']')}: “{escape(rep.figure)}”")
        for m in result.mutations:
            if any(m.claim_id == r.claim_id for r in rel.reports):
                node.add(f"[bold red]⚠ {m.kind}[/] {escape(m.article_id)} “{escape(m.words)}”: {escape(m.evidence)}")
    return root


# --- HTML ------------------------------------------------------------------------------------

def _x_positions(dates: list[str | None], left: float, width: float) -> list[float]:
    """Dated reports on a time axis; undated ones in a band at the right end, in ingest order."""
    known = sorted({d for d in dates if d})
    undated = [i for i, d in enumerate(dates) if not d]
    band = 0.2 * width if undated else 0.0
    span = width - band - (20 if undated else 0)
    if known:
        d0, d1 = date.fromisoformat(known[0]), date.fromisoformat(known[-1])
        days = max(1, (d1 - d0).days)
    xs = []
    for i, d in enumerate(dates):
        if d:
            xs.append(left + ((date.fromisoformat(d) - d0).days / days) * span if len(known) > 1 else left + span / 2)
        else:
            k = undated.index(i)
            xs.append(left + width - band + band * (k + 0.5) / len(undated))
    return xs


def render_html(result: Trace) -> str:
    """One self-contained page (inline CSS and SVG, no script, no CDN): timeline, citations, mutations."""
    e = html.escape
    articles: dict[str, list] = {}
    for rep in result.reports:
        articles.setdefault(rep.article_id, []).append(rep)
    ids = list(articles)
    dates = [articles[a][0].published for a in ids]
    width, row, left, top = 960, 34, 40, 40
    height = top + row * len(ids) + 60
    xs = _x_positions(dates, left, width - left - 220)
    ys = [top + row * i + row / 2 for i in range(len(ids))]
    pos = {a: (x, y) for a, x, y in zip(ids, xs, ys)}
    mut_by: dict[str, list] = {}
    for m in result.mutations:
        mut_by.setdefault(m.article_id, []).append(m)
    rank = {"unknown": 0, "possible": 1, "probable": 2, "certain": 3}
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="timeline of {e(result.figure)}">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
           f'<line x1="{left}" y1="{height - 40}" x2="{width - 220}" y2="{height - 40}" stroke="#999"/>']
    known = sorted({d for d in dates if d})
    for d in (known[:1] + known[-1:] if len(known) > 1 else known):
        x = pos[ids[dates.index(d)]][0]
        svg.append(f'<text x="{x:.1f}" y="{height - 22}" font-size="11" text-anchor="middle">{e(d)}</text>')
    if any(d is None for d in dates):
        svg.append(f'<text x="{width - 220 - 0.1 * (width - left - 220):.1f}" y="{height - 22}" font-size="11" '
                   f'text-anchor="middle">undated</text>')
    for c in result.citations:
        if c.cited_article_id in pos and c.article_id in pos and c.cited_article_id != c.article_id:
            (x1, y1), (x2, y2) = pos[c.article_id], pos[c.cited_article_id]
            svg.append(f'<path d="M{x1:.1f},{y1:.1f} C{x1 - 40:.1f},{y1:.1f} {x2 + 40:.1f},{y2:.1f} {x2 + 7:.1f},{y2:.1f}" '
                       f'fill="none" stroke="#555" stroke-dasharray="3 2" marker-end="url(#arrow)">'
                       f'<title>{e(c.citing)} cites {e(c.cited)} ({e(c.cue)})</title></path>')
    for a, (x, y) in pos.items():
        reps = articles[a]
        certainty = max((r.certainty for r in reps), key=lambda c: rank.get(c, 3))
        colour = CERTAINTY_COLOURS.get(certainty, "#333")
        is_origin = result.origin is not None and result.origin.article_id == a
        label = f"{reps[0].outlet or a} [{reps[0].language}]"
        marks = " ".join(sorted({m.kind for m in mut_by.get(a, [])}))
        svg.append(f'<g><title>{e(a)}: {e(reps[0].wording)}</title>'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{8 if is_origin else 6}" fill="{colour}" '
                   f'stroke="{"#27ae60" if is_origin else "none"}" stroke-width="3"/>'
                   f'<text x="{width - 210}" y="{y + 4:.1f}" font-size="12">{e(label)}'
                   f'<tspan fill="#c0392b" font-size="10"> {e(marks)}</tspan></text></g>')
    svg.append("</svg>")

    origin = ""
    if result.origin:
        o = result.origin
        origin = (f"<section class=origin><h2>Origin: {e(o.outlet or '?')}"
                  f"{' (' + e(o.article_id) + ')' if o.article_id else ''}</h2><p class=rule>{e(o.rule)}</p><ul>"
                  + "".join(f"<li>{e(x)}</li>" for x in o.evidence) + "</ul></section>")
    report_rows = "".join(
        f"<tr><td>{e(r.published or 'undated')}</td><td>{e(r.outlet or '')}</td><td>{e(r.article_id)}</td>"
        f"<td>{e(r.language or '')}</td><td>{e(r.part)}</td><td>{_highlight(r.wording, r.figure)}</td>"
        f"<td class=c-{e(r.certainty)}>{e(r.certainty)}{' (' + e(', '.join(r.hedges)) + ')' if r.hedges else ''}</td>"
        f"<td>{e(' ← '.join(l.cue + ' ' + l.source for l in r.chain) or 'no source')}</td></tr>"
        for r in result.reports)
    mutation_rows = "".join(
        f"<tr><td>{e(m.article_id)}</td><td class=kind>{e(m.kind)}</td><td>“{e(m.words)}” "
        f"<small>({e(m.part)} {m.start}–{m.end})</small></td><td>{e(m.evidence)}</td><td>{e(m.reference)}</td>"
        f"<td><code>{e(m.rule)}</code></td></tr>" for m in result.mutations)
    citation_rows = "".join(
        f"<tr><td>{e(c.article_id)}</td><td>{e(c.citing)}</td><td>{e(c.cue)}</td><td>{e(c.cited)}</td>"
        f"<td>{e(c.cited_article_id or '')}</td></tr>" for c in result.citations)
    related = "".join(
        f"<li>{e(r.figure)}: told in the same sentence in {len(r.told_with)} article(s); "
        + ", ".join(f"{e(x.article_id)} “{e(x.figure)}”" for x in r.reports) + "</li>" for r in result.related)
    legend = " ".join(f'<span style="color:{c}">● {k}</span>' for k, c in CERTAINTY_COLOURS.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>selon trace: {e(result.figure)}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}}
table{{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}}
td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}}
.origin{{border-left:4px solid #27ae60;padding-left:1rem}} .rule{{color:#666}}
.kind{{color:#c0392b;font-weight:bold}} mark{{background:#fde2a8}}
.c-certain{{color:#c0392b}} .c-probable{{color:#e67e22}} .c-possible{{color:#2980b9}} .c-unknown{{color:#7f8c8d}}
svg{{width:100%;height:auto;border:1px solid #eee}}
</style></head><body>
<h1>{e(result.figure)}</h1>
<p>{result.articles} article(s), {result.outlets} outlet(s), languages: {e(', '.join(result.languages))}.
Query: <code>{e(result.query)}</code>. {legend}</p>
{origin}
<h2>Timeline</h2>
{''.join(svg)}
<h2>Mutations</h2>
<table><tr><th>article</th><th>kind</th><th>words</th><th>evidence</th><th>retells</th><th>rule</th></tr>{mutation_rows}</table>
<h2>Reports</h2>
<table><tr><th>date</th><th>outlet</th><th>article</th><th>lang</th><th>part</th><th>wording</th><th>certainty</th><th>chain</th></tr>{report_rows}</table>
<h2>Citations</h2>
<table><tr><th>article</th><th>citing</th><th>cue</th><th>cited</th><th>cited article</th></tr>{citation_rows}</table>
{'<h2>Told with it</h2><ul>' + related + '</ul>' if related else ''}
</body></html>
"""


def _highlight(wording: str, figure: str) -> str:
    """The wording with its figure marked."""
    i = wording.find(figure) if figure else -1
    if i < 0:
        return html.escape(wording)
    return (html.escape(wording[:i]) + "<mark>" + html.escape(figure) + "</mark>"
            + html.escape(wording[i + len(figure):]))


__all__ = ["register", "render_text", "render_html", "load_records", "UNDATED", "json"]
