"""Small views of the data model for the pages: numbers, figure bounds, sources by kind."""

from __future__ import annotations

from collections import OrderedDict

from ..model import Analysis, Number, Quantity

CERTAINTIES = ("certain", "probable", "possible", "unknown")
KINDS = ("person", "media", "government", "organization", "document", "anonymous")
NARROW_NBSP = "\u202f"


def number(value: Number | None) -> str:
    """A figure as a reader writes it: no trailing ".0", thousands grouped."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", NARROW_NBSP)
    return f"{value:,.4f}".rstrip("0").rstrip(".").replace(",", NARROW_NBSP)


def quantity_bounds(q) -> str:
    """What a figure states, in one line: '≥ 1 000 soldat', '10–20', '≈ 3 an'.

    Takes anything with a Quantity's value/low/high/unit/approximate: a Quantity, a trace
    Report, or a ledger figure dict."""
    if isinstance(q, dict):
        q = Quantity.model_construct(**{k: q.get(k) for k in ("value", "low", "high", "unit")},
                                     approximate=bool(q.get("approximate")))
    if q.low is not None and q.high is not None:
        core = f"{number(q.low)}–{number(q.high)}"
    elif q.low is not None:
        core = f"≥ {number(q.low)}"
    elif q.high is not None:
        core = f"≤ {number(q.high)}"
    else:
        core = number(q.value)
    if q.approximate:
        core = f"≈ {core}"
    return f"{core} {q.unit}" if q.unit else core


def percent(share: float) -> str:
    return f"{share * 100:.0f} %"


def sources_by_kind(analysis: Analysis) -> list[dict]:
    """Sources grouped by kind, in the fixed kind order: kind, total claims, rows."""
    groups: "OrderedDict[str, list]" = OrderedDict((kind, []) for kind in KINDS)
    for row in analysis.sources:
        groups.setdefault(row.kind, []).append(row)
    return [{"kind": kind, "claims": sum(r.claims for r in rows), "sources": rows}
            for kind, rows in groups.items() if rows]


def profile_rows(analysis: Analysis) -> list[tuple[str, str]]:
    p = analysis.profile
    return [("claims", str(p.claims)), ("attributed", percent(p.attributed)),
            ("anonymous source", percent(p.anonymous)), ("second-hand", percent(p.second_hand)),
            ("hedged", percent(p.hedged))]
