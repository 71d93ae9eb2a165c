"""Article profile and source table, computed from the claims alone."""

from __future__ import annotations

from collections import defaultdict

from .model import Claim, Profile, SourceSummary


def profile(claims: list[Claim]) -> Profile:
    n = len(claims)
    if not n:
        return Profile()

    def share(pred) -> float:
        return round(sum(1 for c in claims if pred(c)) / n, 4)

    return Profile(
        claims=n,
        attributed=share(lambda c: bool(c.chain)),
        anonymous=share(lambda c: any(link.kind == "anonymous" for link in c.chain)),
        second_hand=share(lambda c: len(c.chain) >= 2),
        hedged=share(lambda c: c.certainty != "certain"),
    )


def source_table(claims: list[Claim]) -> list[SourceSummary]:
    """One row per source name (case-insensitive), in order of first mention."""
    rows: dict[str, dict] = {}
    counted: dict[str, set] = defaultdict(set)
    for i, claim in enumerate(claims):
        for depth, link in enumerate(claim.chain, start=1):
            key = link.source.lower()
            row = rows.setdefault(key, {"name": link.source, "kind": link.kind, "claims": 0, "depth": depth})
            row["depth"] = max(row["depth"], depth)
            if i not in counted[key]:
                counted[key].add(i)
                row["claims"] += 1
    return [SourceSummary(**row) for row in rows.values()]
