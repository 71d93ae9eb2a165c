"""Article text to HTML with the analysis spans marked, placed by their character offsets.

Spans nest (a figure inside a claim) or cross (one cue shared by two claims, two claims that
overlap). The text is cut at every span boundary and each piece is wrapped in the spans that
cover it, outermost layer first; a span that crosses another is split into several elements
carrying the same data. The article text itself is always HTML-escaped: shown, never run.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Analysis, Part
from .present import quantity_bounds

# Lower layers wrap higher ones when both cover the same text.
CLAIM, ATTRIBUTION, DETAIL = 0, 1, 2


@dataclass(frozen=True)
class Mark:
    """One highlighted span: where it is, how it nests, and the element that shows it."""

    start: int
    end: int
    layer: int
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...] = ()
    tag: str = "span"

    def open_tag(self) -> str:
        # Attribute names are ours; every value is escaped (quotes included).
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs)
        return f'<{self.tag} class="{escape(" ".join(self.classes))}"{attrs}>'

    def close_tag(self) -> str:
        return f"</{self.tag}>"


def render(text: str, marks: list[Mark]) -> Markup:
    """`text`, escaped, with every mark wrapped around the characters [start, end) it covers.

    The text content of the result is exactly `text`: offsets into it stay valid in the page.
    Marks that are empty or fall outside the text are left out.
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    order = sorted(range(len(marks)), key=lambda i: (marks[i].layer, marks[i].start, -marks[i].end, i))
    rank = {i: r for r, i in enumerate(order)}
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    stack: list[int] = []
    for a, b in zip(cuts, cuts[1:]):
        want = sorted((i for i, m in enumerate(marks) if m.start <= a and b <= m.end), key=rank.__getitem__)
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] == want[keep]:
            keep += 1
        out.extend(marks[i].close_tag() for i in reversed(stack[keep:]))
        out.extend(marks[i].open_tag() for i in want[keep:])
        stack = stack[:keep] + want[keep:]
        out.append(str(escape(text[a:b])))
    out.extend(marks[i].close_tag() for i in reversed(stack))
    return Markup("".join(out))


def _span_attrs(start: int, end: int, claims: list[str], *extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return (("data-start", str(start)), ("data-end", str(end)), ("data-claims", " ".join(claims)), *extra)


def analysis_marks(analysis: Analysis, part: Part) -> list[Mark]:
    """The marks of one part (title or body): claims by certainty and polarity, the source and
    cue of each chain link, figures, hedge words and negation cues.

    A source, cue or figure shared by several claims is one mark listing all their ids.
    """
    marks: list[Mark] = []
    shared: dict[tuple, dict] = {}

    def share(key: tuple, claim_id: str, make) -> None:
        entry = shared.setdefault(key, {"claims": [], "make": make})
        if claim_id not in entry["claims"]:
            entry["claims"].append(claim_id)

    for claim in analysis.claims:
        if claim.part != part:
            continue
        marks.append(Mark(
            claim.start, claim.end, CLAIM,
            ("claim", f"cert-{claim.certainty}", f"pol-{claim.polarity}"),
            (("data-claim", claim.id), *_span_attrs(claim.start, claim.end, [claim.id]),
             ("data-certainty", claim.certainty), ("tabindex", "0")),
            tag="mark",
        ))
        for position, link in enumerate(claim.chain, start=1):
            share(("source", link.start, link.end), claim.id, lambda ids, link=link, position=position: Mark(
                link.start, link.end, ATTRIBUTION, ("source", f"kind-{link.kind}"),
                _span_attrs(link.start, link.end, ids, ("data-kind", link.kind), ("data-position", str(position)),
                            ("title", f"source: {link.source} ({link.kind})"))))
            share(("cue", link.cue_start, link.cue_end), claim.id, lambda ids, link=link: Mark(
                link.cue_start, link.cue_end, ATTRIBUTION, ("cue",),
                _span_attrs(link.cue_start, link.cue_end, ids, ("title", f"attribution cue ({link.rule or 'rule'})"))))
        for q in claim.quantities:
            share(("figure", q.start, q.end), claim.id, lambda ids, q=q: Mark(
                q.start, q.end, DETAIL, ("figure",) + (("approximate",) if q.approximate else ()),
                _span_attrs(q.start, q.end, ids, ("title", f"figure: {quantity_bounds(q)}"))))
        for h in claim.hedge_spans:
            share(("hedge", h.start, h.end), claim.id, lambda ids, h=h: Mark(
                h.start, h.end, DETAIL, ("hedge", f"cert-{h.level}"),
                _span_attrs(h.start, h.end, ids, ("data-level", h.level), ("title", f"hedge: {h.level} ({h.rule})"))))
        for cue in claim.polarity_cues:
            share(("negation", cue.start, cue.end), claim.id, lambda ids, cue=cue: Mark(
                cue.start, cue.end, DETAIL, ("negation",),
                _span_attrs(cue.start, cue.end, ids, ("title", f"negation ({cue.rule})"))))
    if analysis.headline is not None:
        for evidence in analysis.headline.evidence:
            for cue in evidence.title_cues:
                if cue.part == part:
                    share(("headline", cue.start, cue.end), evidence.reason, lambda reasons, cue=cue: Mark(
                        cue.start, cue.end, DETAIL, ("headline-cue",),
                        (("data-start", str(cue.start)), ("data-end", str(cue.end)),
                         ("data-reasons", " ".join(reasons)), ("title", f"headline: {', '.join(reasons)} ({cue.rule})"))))
    marks.extend(entry["make"](entry["claims"]) for entry in shared.values())
    return marks


def render_part(analysis: Analysis, part: Part) -> Markup:
    """The title or body of the analysed article as HTML, with its marks."""
    return render(analysis.part_text(part), analysis_marks(analysis, part))
