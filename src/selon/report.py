"""The terminal report of one Analysis: verdicts first, each with the words that caused it.

`render` builds a rich renderable (no I/O); `to_text` renders it to plain text for tests,
logs and pipes.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .model import Analysis, ChainLink, Claim, Headline, Quantity

VERDICT_STYLE = {"supported": "bold green", "overstated": "bold red", "unsupported": "bold yellow"}
CERTAINTY_STYLE = {"certain": "green", "probable": "yellow", "possible": "dark_orange", "unknown": "red"}
KIND_STYLE = {"anonymous": "red", "media": "cyan", "government": "magenta", "person": "blue",
              "organization": "blue", "document": "bright_black"}


INDENT = 4


def block(head: RenderableType, details: list[Text]) -> Group:
    """A head line and its detail lines, indented so that wrapped lines stay indented."""
    return Group(head, *(Padding(line[INDENT:] if line.plain.startswith(" " * INDENT) else line, (0, 0, 0, INDENT), expand=False)
                         for line in details))


def number(value: int | float | None) -> str:
    """A figure as a reader writes it: 750 000, 1.5, 0.333."""
    if value is None:
        return "?"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return f"{int(value):,}".replace(",", "\u202f")


def span(start: int, end: int, part: str = "body") -> str:
    return f"{part} {start}–{end}"


def figure(q: Quantity) -> Text:
    """«plus de 1 000 soldats» = 1 000, ≥ 1 000, unit soldat (qualifier "plus de")."""
    out = Text("«", style="dim").append(q.text, style="bold").append("»", style="dim")
    parts = []
    if q.value is not None:
        parts.append(("≈ " if q.approximate else "") + number(q.value))
    elif q.approximate:
        parts.append("≈")
    if q.low is not None and q.high is not None:
        parts.append(f"between {number(q.low)} and {number(q.high)}")
    elif q.low is not None:
        parts.append(f"≥ {number(q.low)}")
    elif q.high is not None:
        parts.append(f"≤ {number(q.high)}")
    if q.unit:
        parts.append(f"unit {q.unit}")
    out.append(" = " + ", ".join(parts) if parts else "")
    if q.qualifier:
        out.append(f" (qualifier «{q.qualifier}»)", style="dim")
    return out.append(f"  [{span(q.start, q.end, q.part)}]", style="dim")


def chain_text(chain: list[ChainLink]) -> Text:
    """Newsweek (media, «citées par») ← autorités ukrainiennes (government, «selon»)."""
    if not chain:
        return Text("the author's own voice", style="italic")
    out = Text()
    for i, link in enumerate(chain):
        if i:
            out.append(" ← ", style="bold")
        out.append(link.source, style="bold " + KIND_STYLE.get(link.kind, ""))
        if link.refers_to:
            out.append(f" = {link.refers_to}", style=KIND_STYLE.get(link.kind, ""))
        detail = f" ({link.kind}, «{link.cue}»"
        if link.rule:
            detail += f", rule {link.rule}"
        out.append(detail + ")", style="dim")
    return out


def marked_claim_text(claim: Claim) -> Text:
    """The claim's words with its hedges, negations and figures marked where they fall inside it."""
    text = Text(claim.text)
    marks = ([(h.start, h.end, "bold yellow underline") for h in claim.hedge_spans]
             + [(c.start, c.end, "bold red underline") for c in claim.polarity_cues]
             + [(q.start, q.end, "bold cyan") for q in claim.quantities])
    for start, end, style in marks:
        if claim.start <= start < end <= claim.end:
            text.stylize(style, start - claim.start, end - claim.start)
    return text


def claim_block(claim: Claim) -> Group:
    head = Text(f"{claim.id or '-'} ", style="bold").append(f"[{span(claim.start, claim.end, claim.part)}] ", style="dim")
    head.append("«").append_text(marked_claim_text(claim)).append("»")
    lines: list[RenderableType] = [head]
    lines.append(Text("    source: ").append_text(chain_text(claim.chain)))
    certainty = Text("    certainty: ").append(claim.certainty, style=CERTAINTY_STYLE.get(claim.certainty, ""))
    if claim.hedge_spans:
        words = ", ".join(f"«{h.text}» ({h.level}, {h.rule})" for h in claim.hedge_spans)
        certainty.append(f" set by {words}")
    elif claim.hedges:
        certainty.append(" set by " + ", ".join(f"«{h}»" for h in claim.hedges))
    if claim.certainty_rule and claim.certainty_rule != "indicative":
        certainty.append(f"  [rule {claim.certainty_rule}]", style="dim")
    lines.append(certainty)
    polarity = Text("    polarity: ").append(claim.polarity, style="red" if claim.polarity == "negative" else "")
    if claim.polarity_cues:
        polarity.append(" set by " + ", ".join(f"«{c.text}» ({c.rule})" for c in claim.polarity_cues))
    lines.append(polarity)
    for q in claim.quantities:
        lines.append(Text("    figure: ").append_text(figure(q)))
    return block(lines[0], lines[1:])


def headline_block(analysis: Analysis) -> RenderableType:
    if not analysis.title:
        return Text("Headline: not checked (the article has no title)", style="dim")
    verdict: Headline | None = analysis.headline
    head = Text("Headline: ", style="bold").append(f"«{analysis.title}»")
    if verdict is None:
        return block(head, [Text("    no verdict", style="dim")])
    lines: list[RenderableType] = [head, Text("    verdict: ").append(verdict.verdict.upper(), style=VERDICT_STYLE[verdict.verdict])]
    explained = set()
    for ev in verdict.evidence:
        explained.add(ev.reason)
        line = Text("    • ").append(ev.reason, style="bold").append(f": {ev.detail}")
        if ev.title_cues:
            cues = ", ".join(f"«{c.text}» ({c.rule}, {span(c.start, c.end, c.part)})" for c in ev.title_cues)
            line.append(f"; title words {cues}")
        if ev.body_claims:
            line.append(f"; body claims {', '.join(ev.body_claims)}")
        lines.append(line)
    for reason in verdict.reasons:
        if reason not in explained:
            lines.append(Text("    • ").append(reason, style="bold"))
    if verdict.supporting:
        lines.append(Text(f"    supported by {', '.join(verdict.supporting)}", style="dim"))
    if verdict.contradicting:
        lines.append(Text(f"    contradicted by {', '.join(verdict.contradicting)}", style="dim"))
    return block(lines[0], lines[1:])


def source_table(analysis: Analysis) -> RenderableType:
    if not analysis.sources:
        return Text("Sources: none named (every claim is in the author's voice)", style="dim")
    table = Table(title="Sources", title_justify="left", title_style="bold")
    table.add_column("source")
    table.add_column("kind")
    table.add_column("claims", justify="right")
    table.add_column("chain depth", justify="right")
    for row in analysis.sources:
        table.add_row(row.name, Text(row.kind, style=KIND_STYLE.get(row.kind, "")), str(row.claims), str(row.depth))
    return table


def profile_line(analysis: Analysis) -> Text:
    p = analysis.profile
    return Text(f"Profile: {p.claims} claims · attributed {p.attributed:.0%} · anonymous {p.anonymous:.0%} · "
                f"second-hand {p.second_hand:.0%} · hedged {p.hedged:.0%}", style="bold")


def times_block(analysis: Analysis) -> RenderableType | None:
    if not analysis.times:
        return None
    items = [f"«{t.text}»" + (f" = {t.value}" if t.value else "") + f" [{span(t.start, t.end, t.part)}]"
             for t in analysis.times]
    return Text("Times: " + "; ".join(items))


def header(analysis: Analysis, name: str | None) -> Text:
    bits = [b for b in (name, analysis.id if analysis.id != name else None, analysis.outlet, analysis.published,
                        f"language {analysis.language}", None if analysis.parser == "spacy" else f"parser {analysis.parser}")
            if b]
    return Text(" · ".join(bits), style="bold reverse")


def ordered_claims(analysis: Analysis) -> list[Claim]:
    """Title claims first, then body claims, each in text order."""
    return sorted(analysis.claims, key=lambda c: (c.part != "title", c.start, c.end))


def render(analysis: Analysis, name: str | None = None) -> Group:
    """The whole report of one article."""
    parts: list[RenderableType] = [header(analysis, name), headline_block(analysis), Text(""), source_table(analysis),
                                   Text(""), profile_line(analysis)]
    claims = ordered_claims(analysis)
    parts.append(Text(""))
    if not claims:
        parts.append(Text("No claims found.", style="dim"))
    else:
        parts.append(Text("Claims, in text order", style="bold"))
    for claim in claims:
        parts.append(claim_block(claim))
    times = times_block(analysis)
    if times is not None:
        parts += [Text(""), times]
    return Group(*parts)


def to_text(analysis: Analysis, name: str | None = None, width: int = 120) -> str:
    """The report as plain text (no colours)."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False).print(render(analysis, name))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
