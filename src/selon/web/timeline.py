"""The Trace page's timeline: where each report, arrow and label goes (x: date, y: outlet).

A pure layout from a `selon.trace.Trace` to plain numbers the SVG template draws: one lane per
outlet (in order of its first report), one mark per report coloured by certainty, an arrow
for each citation, a ring on the origin, a label on each mutated retelling. Sources cited
but absent from the corpus get a lane of their own, marked where they are first cited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..trace import Trace

WIDTH = 960
LEFT = 170          # room for outlet names
RIGHT = 40
TOP = 24
LANE = 46
BOTTOM = 40
RADIUS = 7
UNDATED_GAP = 60    # undated reports sit in a column right of the dated ones
LABEL_CHARS = 26


@dataclass
class Lane:
    name: str
    label: str
    y: float
    external: bool = False


@dataclass
class MarkView:
    key: str
    x: float
    y: float
    certainty: str
    title: str
    claim_id: str | None = None
    article_id: str | None = None
    origin: bool = False
    external: bool = False
    labels: list[str] = field(default_factory=list)
    # Labels read away from the nearer edge, so none runs off the drawing.
    label_anchor: str = "start"
    label_dx: float = 10


@dataclass
class Arrow:
    path: str
    title: str


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class TimelineView:
    width: int
    height: int
    lanes: list[Lane]
    marks: list[MarkView]
    arrows: list[Arrow]
    ticks: list[Tick]
    axis_y: float
    undated_x: float | None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _short(text: str, n: int = LABEL_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _arrow_path(x1: float, y1: float, x2: float, y2: float) -> str:
    """A path from mark to mark, stopping at the circles' edges; same-lane arrows arc above."""
    dx, dy = x2 - x1, y2 - y1
    dist = math.hypot(dx, dy) or 1.0
    sx, sy = x1 + dx / dist * RADIUS, y1 + dy / dist * RADIUS
    ex, ey = x2 - dx / dist * (RADIUS + 3), y2 - dy / dist * (RADIUS + 3)
    if abs(dy) < 1:
        lift = min(40.0, 12 + dist / 6)
        return f"M{sx:.1f},{sy - 2:.1f} Q{(sx + ex) / 2:.1f},{sy - lift:.1f} {ex:.1f},{ey - 2:.1f}"
    return f"M{sx:.1f},{sy:.1f} L{ex:.1f},{ey:.1f}"


def layout(trace: Trace, width: int = WIDTH) -> TimelineView:
    reports = trace.reports
    # Lanes: one per outlet (or article when the outlet is unknown), by first report.
    lanes: dict[str, Lane] = {}
    for r in reports:
        name = r.outlet or r.article_id
        if _key(name) not in lanes:
            lanes[_key(name)] = Lane(name=name, label=_short(name), y=0)
    external = []
    for c in trace.citations:
        if c.cited_article_id is None and _key(c.cited) not in lanes and _key(c.cited) not in {_key(e) for e in external}:
            external.append(c.cited)
    for name in external:
        lanes[_key(name)] = Lane(name=name, label=_short(name), y=0, external=True)
    for i, lane in enumerate(lanes.values()):
        lane.y = TOP + LANE * i + LANE / 2

    dated = [d for d in (_date(r.published) for r in reports) if d]
    undated = any(_date(r.published) is None for r in reports)
    right = width - RIGHT - (UNDATED_GAP if undated else 0)
    first, last = (min(dated), max(dated)) if dated else (None, None)
    span_days = (last - first).days if dated else 0

    def x_of(d: date | None) -> float:
        if d is None:
            return width - RIGHT - UNDATED_GAP / 2 if undated else (LEFT + right) / 2
        if span_days == 0:
            return (LEFT + right) / 2
        return LEFT + 20 + (right - LEFT - 40) * (d - first).days / span_days

    marks: list[MarkView] = []
    by_article: dict[str, MarkView] = {}
    by_claim: dict[str, MarkView] = {}
    crowd: dict[tuple[str, float], int] = {}
    for r in reports:
        lane = lanes[_key(r.outlet or r.article_id)]
        x = x_of(_date(r.published))
        n = crowd.get((lane.name, round(x)), 0)
        crowd[(lane.name, round(x))] = n + 1
        mark = MarkView(
            key=r.claim_id, x=x + n * (RADIUS * 2 + 2), y=lane.y, certainty=r.certainty,
            claim_id=r.claim_id, article_id=r.article_id,
            title=f"{r.published or 'undated'} · {r.outlet or r.article_id} · {r.certainty}: {r.wording}")
        marks.append(mark)
        by_article.setdefault(r.article_id, mark)
        by_claim[r.claim_id] = mark

    # Sources outside the corpus: one mark where they are first cited.
    external_marks: dict[str, MarkView] = {}
    for c in trace.citations:
        lane = lanes.get(_key(c.cited))
        citing_mark = by_claim.get(c.claim_id) or by_article.get(c.article_id)
        if lane is None or not lane.external or citing_mark is None:
            continue
        known = external_marks.get(lane.name)
        if known is None or citing_mark.x < known.x:
            external_marks[lane.name] = MarkView(key=f"source:{lane.name}", x=citing_mark.x, y=lane.y,
                                                 certainty="source", external=True,
                                                 title=f"{lane.name} ({c.cited_kind}), cited, not in the corpus")
    marks.extend(external_marks.values())

    arrows: list[Arrow] = []
    seen: set[tuple[str, str]] = set()
    for c in trace.citations:
        start = by_claim.get(c.claim_id) or by_article.get(c.article_id)
        if c.cited_article_id is not None:
            end = by_article.get(c.cited_article_id)
        else:
            target_lane = lanes.get(_key(c.cited))
            end = external_marks.get(target_lane.name) if target_lane else None
            if end is None and target_lane is not None:  # cited outlet in the corpus: its first report
                end = next((m for m in marks if m.y == target_lane.y and not m.external), None)
        if start is None or end is None or start is end or (start.key, end.key) in seen:
            continue
        seen.add((start.key, end.key))
        arrows.append(Arrow(path=_arrow_path(start.x, start.y, end.x, end.y),
                            title=f"{c.citing} cites {c.cited} ({c.cue})"))

    origin = trace.origin
    if origin is not None:
        target = by_article.get(origin.article_id) if origin.article_id else None
        if target is None and origin.outlet:
            lane = lanes.get(_key(origin.outlet))
            target = external_marks.get(lane.name) if lane else None
            if target is None and lane is not None:
                target = next((m for m in marks if m.y == lane.y), None)
        if target is not None:
            target.origin = True

    for m in trace.mutations:
        target = by_claim.get(m.claim_id) or by_article.get(m.article_id)
        if target is not None:
            target.labels.append(f"{m.kind.replace('_', ' ')}: {_short(m.words, 30)}")
    for mark in marks:
        if mark.x > width * 0.55:
            mark.label_anchor, mark.label_dx = "end", -10

    ticks: list[Tick] = []
    if dated:
        count = min(5, span_days + 1)
        for i in range(count):
            d = first + timedelta(days=round(span_days * i / max(1, count - 1)))
            ticks.append(Tick(x=x_of(d), label=d.isoformat()))
    height = int(TOP + LANE * max(1, len(lanes)) + BOTTOM)
    return TimelineView(width=width, height=height, lanes=list(lanes.values()), marks=marks, arrows=arrows,
                        ticks=ticks, axis_y=TOP + LANE * max(1, len(lanes)) + 6,
                        undated_x=(width - RIGHT - UNDATED_GAP / 2) if undated else None)
