"""Scoring selon against the gold annotations (shared/gold/GUIDE.md).

`evaluate` is pure: gold article dicts and the `Analysis` of each, in the same order, go
in; an `EvalReport` with figures per language and overall (and the counts behind every
ratio) comes out. `evaluate_files` reads gold JSON Lines and runs the analyzer on each
article *without* its gold claims and headline. `render` prints the report as tables.

Matching rules (each metric's definition lives in the function that counts it):
- two claims *overlap* when they are in the same part and their common characters are at
  least half of each span's length; pairs are made one-to-one, best-aligned first
  (highest overlap / union);
- two sources *agree* when they share a content word: lower-cased, accents kept, after
  splitting elisions ("l'Insee" -> "insee") and dropping the language's stop words;
- two quantities match when they are in the same part, their spans overlap and value,
  low, high and approximate are all equal (relative tolerance 1e-6; fractions below 1
  compare to 1e-3, so "a third" 0.333 equals 1/3).

Figures: attribution P/R/F1 (attributed claims: overlap + sources agree); over those
pairs, strict chain accuracy (same length, every element agrees) and source-kind accuracy
(nearest element, and every aligned element); claim recall (all gold claims, overlap
alone) and claim precision over the predictions the gold must contain (attributed,
hedged, negated or with a figure); over overlap pairs, certainty and polarity accuracy;
quantity P/R/F1 and unit accuracy; headline verdict accuracy and reason recall.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Optional, Sequence

from pydantic import BaseModel

from . import langdata
from .errors import SelonError
from .model import Analysis, Article, ChainLink, Claim, Quantity

GOLD_ONLY_KEYS = ("claims", "headline")

# ---------------------------------------------------------------------------------------
# Report shape


class Ratio(BaseModel):
    hits: int
    total: int
    value: Optional[float] = None


class PRF(BaseModel):
    matched: int
    predicted: int
    gold: int
    precision: Optional[float] = None
    recall: Optional[float] = None
    f1: Optional[float] = None


class Figures(BaseModel):
    articles: int
    attribution: PRF
    chain_strict: Ratio
    kind_nearest: Ratio
    kind_all: Ratio
    claim_recall: Ratio
    claim_precision: Ratio
    certainty: Ratio
    polarity: Ratio
    quantities: PRF
    unit: Ratio
    headline_verdict: Ratio
    headline_reasons: Ratio


FindingKind = Literal["miss", "false_positive", "mismatch"]


class Finding(BaseModel):
    """One thing the analysis got wrong, with the text it is about."""

    metric: str
    kind: FindingKind
    part: str
    text: str
    start: Optional[int] = None
    end: Optional[int] = None
    expected: Optional[str] = None
    got: Optional[str] = None


class ArticleDetails(BaseModel):
    id: Optional[str]
    language: str
    findings: list[Finding] = []


class EvalReport(BaseModel):
    groups: dict[str, Figures]
    details: list[ArticleDetails] = []
    warnings: list[str] = []


# ---------------------------------------------------------------------------------------
# Raw counts, summed per language before ratios are taken


@dataclass
class Counts:
    articles: int = 0
    attr_matched: int = 0
    attr_predicted: int = 0
    attr_gold: int = 0
    chain_hits: int = 0
    kind_nearest_hits: int = 0
    kind_all_hits: int = 0
    kind_all_total: int = 0
    claims_matched: int = 0
    claims_gold: int = 0
    notable_matched: int = 0
    notable_predicted: int = 0
    certainty_hits: int = 0
    polarity_hits: int = 0
    qty_matched: int = 0
    qty_predicted: int = 0
    qty_gold: int = 0
    unit_hits: int = 0
    headline_hits: int = 0
    headline_total: int = 0
    reasons_hits: int = 0
    reasons_total: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def _ratio(hits: int, total: int) -> Ratio:
    return Ratio(hits=hits, total=total, value=round(hits / total, 4) if total else None)


def _prf(matched: int, predicted: int, gold: int) -> PRF:
    p = matched / predicted if predicted else None
    r = matched / gold if gold else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else (0.0 if p is not None and r is not None else None)
    return PRF(matched=matched, predicted=predicted, gold=gold,
               precision=None if p is None else round(p, 4),
               recall=None if r is None else round(r, 4),
               f1=None if f is None else round(f, 4))


def figures(c: Counts) -> Figures:
    return Figures(
        articles=c.articles,
        attribution=_prf(c.attr_matched, c.attr_predicted, c.attr_gold),
        chain_strict=_ratio(c.chain_hits, c.attr_matched),
        kind_nearest=_ratio(c.kind_nearest_hits, c.attr_matched),
        kind_all=_ratio(c.kind_all_hits, c.kind_all_total),
        claim_recall=_ratio(c.claims_matched, c.claims_gold),
        claim_precision=_ratio(c.notable_matched, c.notable_predicted),
        certainty=_ratio(c.certainty_hits, c.claims_matched),
        polarity=_ratio(c.polarity_hits, c.claims_matched),
        quantities=_prf(c.qty_matched, c.qty_predicted, c.qty_gold),
        unit=_ratio(c.unit_hits, c.qty_matched),
        headline_verdict=_ratio(c.headline_hits, c.headline_total),
        headline_reasons=_ratio(c.reasons_hits, c.reasons_total),
    )


# ---------------------------------------------------------------------------------------
# Words and spans

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# An elided article or pronoun: one or two letters glued by an apostrophe (l', d', qu').
_ELIDED = re.compile(r"\b[^\W\d_]{1,2}['’](?=\w)", re.UNICODE)


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """Articles and stop words of a language: spaCy's list for it plus our function words."""
    words: set[str] = set()
    try:
        import spacy.util

        words |= {w.lower() for w in spacy.util.get_lang_class(lang).Defaults.stop_words}
    except Exception:  # a language spaCy has no class for keeps only our own list
        pass
    try:
        words |= langdata.load(lang).function_words
    except SelonError:
        pass
    return frozenset(words)


def content_words(text: str, lang: str) -> frozenset[str]:
    """Lower-cased words without stop words; "l'Insee" gives "insee", accents are kept."""
    stop = stop_words(lang)
    text = _ELIDED.sub("", text.lower())
    return frozenset(w for w in _WORD.findall(text) if len(w) > 1 and w not in stop)


def sources_agree(a: str, b: str, lang: str) -> bool:
    wa, wb = content_words(a, lang), content_words(b, lang)
    if not wa or not wb:  # only stop words ("Celle-ci"): fall back to the whole text
        return a.strip().lower() == b.strip().lower()
    return bool(wa & wb)


def link_agrees(gold_source: str, link: ChainLink, lang: str) -> bool:
    """A predicted link names the gold source by its own words or by the name it refers to."""
    return sources_agree(gold_source, link.source, lang) or bool(
        link.refers_to and sources_agree(gold_source, link.refers_to, lang))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def half_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Common characters are at least half of each span's length."""
    common = overlap(a, b)
    return common > 0 and common >= 0.5 * (a[1] - a[0]) and common >= 0.5 * (b[1] - b[0])


def _alignment(a: tuple[int, int], b: tuple[int, int]) -> float:
    union = max(a[1], b[1]) - min(a[0], b[0])
    return overlap(a, b) / union if union else 0.0


def pair_up(gold: Sequence[Any], pred: Sequence[Any], span_of: Callable[[Any], tuple[str, int, int]],
            compatible: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best-aligned first.

    A pair is a candidate when both are in the same part and `compatible` says yes.
    """
    candidates = []
    for i, g in enumerate(gold):
        gp, gs, ge = span_of(g)
        for j, p in enumerate(pred):
            pp, ps, pe = span_of(p)
            if gp == pp and compatible(g, p):
                candidates.append((_alignment((gs, ge), (ps, pe)), overlap((gs, ge), (ps, pe)), i, j))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def numbers_equal(a: float | int | None, b: float | int | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if max(abs(a), abs(b)) < 1:  # fractions written as rounded decimals ("a third" = 0.333)
        return abs(a - b) <= 1e-3
    return math.isclose(a, b, rel_tol=1e-6)


# ---------------------------------------------------------------------------------------
# Gold, located


@dataclass
class GoldQuantity:
    part: str
    start: int
    end: int
    text: str
    value: Any
    low: Any
    high: Any
    approximate: bool
    unit: Optional[str]


@dataclass
class GoldClaim:
    part: str
    start: int
    end: int
    text: str
    chain: list[dict]
    certainty: str
    polarity: str
    hedges: list[str] = field(default_factory=list)
    quantities: list[GoldQuantity] = field(default_factory=list)


def _find(text: str, needle: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is not None and end is not None and text[start:end] == needle:
        return start, end
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 and needle else None


def locate_gold(article: dict, warn: Callable[[str], None]) -> tuple[list[GoldClaim], list[GoldQuantity]]:
    """Gold claims and (deduplicated) gold quantities with offsets into their part."""
    name = article.get("id") or "?"
    parts = {"title": article.get("title") or "", "body": article.get("text") or ""}
    claims: list[GoldClaim] = []
    quantities: dict[tuple[str, int, int], GoldQuantity] = {}
    for c in article.get("claims") or []:
        part = c.get("part", "body")
        where = _find(parts.get(part, ""), c["text"], c.get("start"), c.get("end"))
        if where is None:
            warn(f"{name}: gold claim not found in {part}: {c['text'][:60]!r}")
            continue
        claim = GoldClaim(part, where[0], where[1], c["text"], c.get("chain") or [],
                          c.get("certainty", "certain"), c.get("polarity", "positive"), c.get("hedges") or [])
        for q in c.get("quantities") or []:
            qwhere = None
            if q.get("start") is not None and q.get("end") is not None:
                qwhere = _find(parts[part], q["text"], q["start"], q["end"])
            if qwhere is None:
                inside = c["text"].find(q["text"])
                qwhere = (where[0] + inside, where[0] + inside + len(q["text"])) if inside >= 0 else \
                    _find(parts[part], q["text"], None, None)
            if qwhere is None:
                warn(f"{name}: gold quantity not found in {part}: {q['text']!r}")
                continue
            gq = GoldQuantity(part, qwhere[0], qwhere[1], q["text"], q.get("value"), q.get("low"),
                              q.get("high"), bool(q.get("approximate")), q.get("unit"))
            quantities.setdefault((part, gq.start, gq.end), gq)
            claim.quantities.append(gq)
        claims.append(claim)
    return claims, list(quantities.values())


def gold_claims_as_model(article: dict, warn: Callable[[str], None] = lambda _: None) -> list[Claim]:
    """The gold claims as `Claim` objects (ids t0.. / c0..), e.g. to test the headline check
    on perfect claims. Sources and cues are located by search near their claim (-1 if absent)."""
    parts = {"title": article.get("title") or "", "body": article.get("text") or ""}
    located, _ = locate_gold(article, warn)
    out: list[Claim] = []
    counters = {"title": 0, "body": 0}
    for c in located:
        text = parts[c.part]
        window_start = max(0, c.start - 300)

        def near(needle: str) -> tuple[int, int]:
            at = text.find(needle, window_start) if needle else -1
            at = at if at >= 0 else text.find(needle) if needle else -1
            return (at, at + len(needle)) if at >= 0 else (-1, -1)

        chain = []
        for link in c.chain:
            s, e = near(link["source"])
            cs, ce = near(link.get("cue") or "")
            chain.append(ChainLink(source=link["source"], kind=link["kind"], cue=link.get("cue") or "",
                                   start=s, end=e, cue_start=cs, cue_end=ce, rule="gold"))
        quantities = [Quantity(text=q.text, value=q.value, low=q.low, high=q.high, approximate=q.approximate,
                               unit=q.unit, start=q.start, end=q.end, part=c.part) for q in c.quantities]
        prefix = "t" if c.part == "title" else "c"
        out.append(Claim(id=f"{prefix}{counters[c.part]}", part=c.part, text=c.text, start=c.start, end=c.end,
                         chain=chain, certainty=c.certainty, polarity=c.polarity,
                         hedges=c.hedges, certainty_rule="gold", quantities=quantities))
        counters[c.part] += 1
    return out


# ---------------------------------------------------------------------------------------
# Scoring one article


def _claim_span(c: GoldClaim | Claim) -> tuple[str, int, int]:
    return c.part, c.start, c.end


def _chain_text(chain: Iterable[Any]) -> str:
    return " < ".join(f"{_get(link, 'source')} ({_get(link, 'kind')}, {_get(link, 'cue')})" for link in chain) or "(author)"


def _get(obj: Any, key: str) -> Any:
    return obj[key] if isinstance(obj, dict) else getattr(obj, key)


def _qty_text(q: Any) -> str:
    bits = [f"value={_get(q, 'value')}"]
    if _get(q, "low") is not None:
        bits.append(f"low={_get(q, 'low')}")
    if _get(q, "high") is not None:
        bits.append(f"high={_get(q, 'high')}")
    if _get(q, "approximate"):
        bits.append("approximate")
    bits.append(f"unit={_get(q, 'unit')}")
    return " ".join(bits)


def notable(claim: Claim) -> bool:
    """A claim the gold must contain (GUIDE: attributed, hedged, negated or with a figure)."""
    return bool(claim.chain or claim.certainty != "certain" or claim.polarity == "negative" or claim.quantities)


def predicted_quantities(analysis: Analysis) -> list[Quantity]:
    """Quantities of the predicted claims, once per (part, start, end)."""
    seen: dict[tuple[str, int, int], Quantity] = {}
    for claim in analysis.claims:
        for q in claim.quantities:
            seen.setdefault((claim.part, q.start, q.end), q.model_copy(update={"part": claim.part}))
    return list(seen.values())


def score_article(gold: dict, analysis: Analysis, warn: Callable[[str], None]) -> tuple[Counts, list[Finding]]:
    lang = gold.get("language") or analysis.language
    gold_claims, gold_qty = locate_gold(gold, warn)
    pred = analysis.claims
    counts = Counts(articles=1)
    findings: list[Finding] = []

    def finding(metric: str, kind: FindingKind, c: Any, expected: str | None = None, got: str | None = None):
        findings.append(Finding(metric=metric, kind=kind, part=c.part, text=c.text, start=c.start, end=c.end,
                                expected=expected, got=got))

    # Attribution: attributed claims only; same part, half overlap, nearest sources agree.
    g_attr = [c for c in gold_claims if c.chain]
    p_attr = [c for c in pred if c.chain]
    attr_pairs = pair_up(
        g_attr, p_attr, _claim_span,
        lambda g, p: half_overlap((g.start, g.end), (p.start, p.end))
        and link_agrees(g.chain[0]["source"], p.chain[0], lang))
    counts.attr_gold, counts.attr_predicted, counts.attr_matched = len(g_attr), len(p_attr), len(attr_pairs)
    for i, j in attr_pairs:
        g, p = g_attr[i], p_attr[j]
        strict = len(g.chain) == len(p.chain) and all(
            link_agrees(gl["source"], pl, lang) for gl, pl in zip(g.chain, p.chain))
        counts.chain_hits += strict
        if not strict:
            finding("chain", "mismatch", p, _chain_text(g.chain), _chain_text(p.chain))
        counts.kind_nearest_hits += g.chain[0]["kind"] == p.chain[0].kind
        if g.chain[0]["kind"] != p.chain[0].kind:
            finding("kind", "mismatch", p, f"{g.chain[0]['source']}: {g.chain[0]['kind']}",
                    f"{p.chain[0].source}: {p.chain[0].kind}")
        for gl, pl in zip(g.chain, p.chain):  # aligned positions, nearest first
            counts.kind_all_total += 1
            counts.kind_all_hits += gl["kind"] == pl.kind
    matched_g = {i for i, _ in attr_pairs}
    matched_p = {j for _, j in attr_pairs}
    for i, g in enumerate(g_attr):
        if i not in matched_g:
            finding("attribution", "miss", g, _chain_text(g.chain), None)
    for j, p in enumerate(p_attr):
        if j not in matched_p:
            finding("attribution", "false_positive", p, None, _chain_text(p.chain))

    # Claims: every gold claim, by span overlap alone; then certainty and polarity on the pairs.
    claim_pairs = pair_up(gold_claims, pred, _claim_span,
                          lambda g, p: half_overlap((g.start, g.end), (p.start, p.end)))
    counts.claims_gold, counts.claims_matched = len(gold_claims), len(claim_pairs)
    for i, j in claim_pairs:
        g, p = gold_claims[i], pred[j]
        counts.certainty_hits += g.certainty == p.certainty
        counts.polarity_hits += g.polarity == p.polarity
        if g.certainty != p.certainty:
            finding("certainty", "mismatch", p, g.certainty, f"{p.certainty} ({p.certainty_rule}; {', '.join(p.hedges)})")
        if g.polarity != p.polarity:
            finding("polarity", "mismatch", p, g.polarity, p.polarity)
    matched_claims = {i for i, _ in claim_pairs}
    for i, g in enumerate(gold_claims):
        if i not in matched_claims:
            finding("claim", "miss", g, f"{g.certainty}, {_chain_text(g.chain)}")
    # The gold is exhaustive for attributed, hedged, negated and figured content only, so a
    # predicted claim of that sort with no gold partner is a false positive; a plain one is not.
    matched_pred = {j for _, j in claim_pairs}
    for j, p in enumerate(pred):
        if notable(p):
            counts.notable_predicted += 1
            counts.notable_matched += j in matched_pred
            if j not in matched_pred:
                finding("claim", "false_positive", p, None, f"{p.certainty}, {p.polarity}, {_chain_text(p.chain)}")

    # Quantities: same part, overlapping spans, equal value/low/high/approximate.
    p_qty = predicted_quantities(analysis)
    qty_pairs = pair_up(
        gold_qty, p_qty, lambda q: (q.part, q.start, q.end),
        lambda g, p: overlap((g.start, g.end), (p.start, p.end)) > 0
        and numbers_equal(g.value, p.value) and numbers_equal(g.low, p.low)
        and numbers_equal(g.high, p.high) and bool(g.approximate) == bool(p.approximate))
    counts.qty_gold, counts.qty_predicted, counts.qty_matched = len(gold_qty), len(p_qty), len(qty_pairs)
    for i, j in qty_pairs:
        g, p = gold_qty[i], p_qty[j]
        same_unit = (g.unit or "").lower() == (p.unit or "").lower()
        counts.unit_hits += same_unit
        if not same_unit:
            finding("unit", "mismatch", p, str(g.unit), str(p.unit))
    matched_q = {i for i, _ in qty_pairs}
    matched_pq = {j for _, j in qty_pairs}
    for i, g in enumerate(gold_qty):
        if i not in matched_q:
            finding("quantity", "miss", g, _qty_text(g))
    for j, p in enumerate(p_qty):
        if j not in matched_pq:
            finding("quantity", "false_positive", p, None, _qty_text(p))

    # Headline: only where the gold has one.
    gold_head = gold.get("headline")
    if gold_head is not None:
        got = analysis.headline
        counts.headline_total = 1
        counts.headline_hits = int(got is not None and got.verdict == gold_head["verdict"])
        gold_reasons = set(gold_head.get("reasons") or [])
        got_reasons = set(got.reasons) if got else set()
        counts.reasons_total = len(gold_reasons)
        counts.reasons_hits = len(gold_reasons & got_reasons)
        if not counts.headline_hits or gold_reasons != got_reasons:
            title = gold.get("title") or ""
            findings.append(Finding(
                metric="headline", kind="mismatch", part="title", text=title, start=0, end=len(title),
                expected=" ".join([gold_head["verdict"], *sorted(gold_reasons)]),
                got=" ".join([got.verdict, *sorted(got_reasons)]) if got else "(none)"))
    return counts, findings


# ---------------------------------------------------------------------------------------
# Public API


def evaluate(gold_articles: Sequence[dict], analyses: Sequence[Analysis], details: bool = False) -> EvalReport:
    """Score analyses against gold articles (same order). Pure."""
    if len(gold_articles) != len(analyses):
        raise SelonError("evaluate", f"{len(gold_articles)} gold articles but {len(analyses)} analyses")
    warnings: list[str] = []
    per_lang: dict[str, Counts] = {}
    total = Counts()
    article_details = []
    for gold, analysis in zip(gold_articles, analyses):
        lang = (gold.get("language") or analysis.language or "?").lower()[:2]
        counts, found = score_article(gold, analysis, warnings.append)
        per_lang.setdefault(lang, Counts())
        per_lang[lang] += counts
        total += counts
        if details:
            article_details.append(ArticleDetails(id=gold.get("id"), language=lang, findings=found))
    groups = {lang: figures(c) for lang, c in sorted(per_lang.items())}
    groups["all"] = figures(total)
    return EvalReport(groups=groups, details=article_details, warnings=warnings)


def read_gold(paths: Iterable[str | Path]) -> list[dict]:
    """Gold articles from JSON Lines files; a bad line is a SelonError naming file and line."""
    articles = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SelonError(str(path), f"cannot read gold file ({exc.strerror or exc})") from None
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                article = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SelonError(f"{path}:{n}", f"not JSON ({exc.msg})") from None
            if not isinstance(article, dict) or not isinstance(article.get("text"), str):
                raise SelonError(f"{path}:{n}", "a gold line must be an object with a 'text' string")
            articles.append(article)
    return articles


def article_of(gold: dict) -> Article:
    """The article as the analyzer may see it: the gold claims and headline removed."""
    return Article(**{k: v for k, v in gold.items() if k not in GOLD_ONLY_KEYS})


def evaluate_files(paths: Iterable[str | Path], analyzer, details: bool = False) -> EvalReport:
    """Analyze every gold article with `analyzer` (an `Analyzer`) and score the results."""
    gold = read_gold(paths)
    analyses = []
    errors = []
    for g in gold:
        name = g.get("id") or "?"
        try:
            analyses.append(analyzer.analyze_article(article_of(g), name))
        except SelonError as err:  # scored as an article with no predictions
            errors.append(str(err))
            analyses.append(Analysis(id=g.get("id"), language=(g.get("language") or "?")[:2],
                                     title=g.get("title"), text=g["text"]))
    report = evaluate(gold, analyses, details=details)
    report.warnings = [f"analysis failed: {e}" for e in errors] + report.warnings
    return report


# ---------------------------------------------------------------------------------------
# Rendering

_ROWS: list[tuple[str, str, str]] = [
    ("attribution", "attribution P", "precision"),
    ("attribution", "attribution R", "recall"),
    ("attribution", "attribution F1", "f1"),
    ("chain_strict", "strict chain accuracy", ""),
    ("kind_nearest", "source kind (nearest)", ""),
    ("kind_all", "source kind (all elements)", ""),
    ("claim_recall", "claim recall", ""),
    ("claim_precision", "claim precision (notable)", ""),
    ("certainty", "certainty accuracy", ""),
    ("polarity", "polarity accuracy", ""),
    ("quantities", "quantity P", "precision"),
    ("quantities", "quantity R", "recall"),
    ("quantities", "quantity F1", "f1"),
    ("unit", "unit accuracy", ""),
    ("headline_verdict", "headline verdict accuracy", ""),
    ("headline_reasons", "headline reason recall", ""),
]


def _cell(metric: BaseModel, which: str) -> str:
    def num(v: float | None) -> str:
        return "–" if v is None else f"{v:.3f}"

    if isinstance(metric, PRF):
        counts = {"precision": f"{metric.matched}/{metric.predicted}", "recall": f"{metric.matched}/{metric.gold}",
                  "f1": f"{metric.matched}, {metric.predicted}p, {metric.gold}g"}[which]
        return f"{num(getattr(metric, which))} ({counts})"
    return f"{num(metric.value)} ({metric.hits}/{metric.total})"


def render(report: EvalReport, console=None):
    """The figures (and the details, when collected) as rich tables.

    Prints them on `console` when one is given; returns the renderable either way.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title="selon against the gold")
    table.add_column("metric")
    for group, fig in report.groups.items():
        table.add_column(f"{group} ({fig.articles} art.)", justify="right")
    for attr, label, which in _ROWS:
        table.add_row(label, *(_cell(getattr(fig, attr), which) for fig in report.groups.values()))
    parts: list = [table]
    for article in report.details:
        if not article.findings:
            continue
        t = Table(title=f"{article.id} ({article.language})")
        for col in ("metric", "kind", "part", "span", "text", "expected", "got"):
            t.add_column(col, overflow="fold")
        for f in article.findings:
            t.add_row(f.metric, f.kind, f.part, f"{f.start}-{f.end}", f.text[:90], f.expected or "", f.got or "")
        parts.append(t)
    parts += [Text(f"warning: {w}", style="yellow") for w in report.warnings]
    group = Group(*parts)
    if console is not None:
        console.print(group)
    return group


def evaluate_headline_on_gold_claims(paths: Iterable[str | Path], analyzer, details: bool = False) -> EvalReport:
    """Diagnostic: the headline check run on the *gold* claims (the gold headline stays hidden).

    Separates the headline check's own accuracy from that of the claims it is given; every
    other figure of this report is trivially perfect.
    """
    from .headline import compare

    gold = read_gold(paths)
    analyses = []
    for g in gold:
        article = article_of(g)
        lang = analyzer.language_of(article, g.get("id") or "?")
        nlp = analyzer.pipeline(lang)
        claims = gold_claims_as_model(g)
        verdict = None
        if article.title and article.title.strip():
            verdict = compare(_parse_without_claims(nlp, article.title), [c for c in claims if c.part == "title"],
                              _parse_without_claims(nlp, article.text), [c for c in claims if c.part == "body"],
                              langdata.load(lang))
        analyses.append(Analysis(id=g.get("id"), language=lang, title=article.title, text=article.text,
                                 claims=claims, headline=verdict))
    return evaluate(gold, analyses, details=details)


def _parse_without_claims(nlp, text: str):
    """Run every component but the claim finder: the gold claims stand in for it."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name != "selon_claims":
            doc = component(doc)
    return doc
