"""Tracing one figure through a corpus: who reported it, who cited whom, where it was born and
how it changed on the way.

`trace(records, query)` is a pure function of the ledger's claim records (docs/ledger.md)
and a query: a figure with its noun ("1000 déserteurs", "18,000 soldiers"), a claim id, or
free text. It returns a `Trace`:

- `reports`: the claims of the cluster (selon.match) in time order, with article id,
  outlet, date, language, wording, certainty and chain;
- `related`: figures told together with it (in the same sentence, in at least two articles),
  each with its own reports: "37,396 reported deaths" travels with "186,000 deaths";
- `citations`: who cites whom for it, from the chains;
- `origin`: the source cited by others that cites no one for it, else the earliest report;
- `mutations`: how each retelling differs from what it retells (the article it cites when
  that article is in the corpus, else what the origin is reported to have said), with the
  words that show it and the rule that fired.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Optional

from pydantic import BaseModel, Field

from . import match, trace_words
from .errors import SelonError
from .match import Figure, Record, concept_table, figure_id, figure_of, fold
from .model import CERTAINTY_RANK

MutationKind = Literal["certainty_upgrade", "quantity_inflation", "generalization", "source_dropped",
                       "bound_flip", "value_changed"]

# A figure told with the traced one is part of the story when this many articles tell them together.
RELATED_MIN_ARTICLES = 2
# Records whose figure is within this factor of the query are considered for the cluster.
POOL_FACTOR = 1.5
# Bound forms from the most cautious to the boldest: what a retelling tends to move away from.
CAUTION_ORDER = ("upper", "exact", "range", "approximate", "lower")
UNDATED = "9999-99-99"
FIGURE_KINDS = ("quantity_inflation", "bound_flip", "value_changed")


class _Model(BaseModel):
    model_config = {"extra": "forbid"}


class Link(_Model):
    source: str
    kind: str
    cue: str


class Report(_Model):
    """One claim of the cluster."""

    article_id: str
    claim_id: str
    outlet: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    part: str = "body"
    wording: str
    start: int
    end: int
    figure: str = Field(description="the figure's words")
    figure_start: Optional[int] = None
    figure_end: Optional[int] = None
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    approximate: bool = False
    bound: str = "exact"
    unit: Optional[str] = None
    certainty: str = "certain"
    hedges: list[str] = []
    polarity: str = "positive"
    chain: list[Link] = []
    parser: Optional[str] = None
    reasons: list[str] = Field([], description="why this claim is in the cluster (its matches)")


class Citation(_Model):
    """`citing` cites `cited`: from one claim's chain (`cited_kind` its kind), or named in the
    sentence of a claim of the figure (`cited_kind` "mention": "published in The Lancet")."""

    article_id: str
    claim_id: str
    citing: str
    cited: str
    cited_kind: str
    cue: str
    cited_article_id: Optional[str] = Field(None, description="the article of `cited` when it is in the corpus")
    for_figure: bool = Field(True, description="cited in a claim of the traced figure (or of one told with it); "
                                               "else in another claim of the same article")


class Origin(_Model):
    outlet: Optional[str]
    article_id: Optional[str] = None
    published: Optional[str] = None
    rule: Literal["cited_source_citing_no_one", "earliest_report"]
    cited_by: list[str] = Field([], description="ids of the articles that cite it for the figure")
    evidence: list[str] = []


class Mutation(_Model):
    article_id: str
    kind: MutationKind
    rule: str
    claim_id: str
    part: str
    words: str = Field(description="the words of the retelling that show the change")
    start: int
    end: int
    reference: str = Field(description="what it retells: wording, and whose")
    reference_article_id: Optional[str] = None
    evidence: str


class RelatedFigure(_Model):
    figure: str
    value: Optional[float]
    unit: Optional[str]
    told_with: list[str] = Field(description="ids of the articles that tell it in the same sentence as the traced figure")
    reports: list[Report]


class Trace(_Model):
    query: str
    figure: str
    value: Optional[float] = None
    concept: Optional[str] = None
    origin: Optional[Origin]
    reports: list[Report]
    related: list[RelatedFigure] = []
    citations: list[Citation] = []
    mutations: list[Mutation] = []
    articles: int = 0
    outlets: int = 0
    languages: list[str] = []
    clusters_considered: int = Field(0, description="clusters that held a claim fitting the query")


# --- the query -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    text: str
    kind: Literal["figure", "claim", "text"]
    value: float | None = None
    unit: str | None = None
    concept: str | None = None


_NUMBER = re.compile(r"\d[\d\s\u00a0\u202f.,']*")


def parse_number(raw: str) -> float:
    """'1 000', '1,010', '186.000', '7,9', '2,375,259' → a number (3 digits after a mark: grouping)."""
    digits = re.sub(r"[\s\u00a0\u202f']", "", raw).strip(".,")
    groups = re.split(r"[.,]", digits)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) > 1:
        return float("".join(groups[:-1]) + "." + groups[-1])
    return float(digits)


def parse_query(text: str, records: Iterable[Record] = ()) -> Query:
    """What the user asks for: a claim id (when one is in `records`), a figure and its noun, or text."""
    text = text.strip()
    if not text:
        raise SelonError("query", "empty query: give a figure with its noun, a claim id or words")
    for rec in records:
        if text in (rec.get("claim_id"), f"{rec.get('article_id')}:{rec.get('claim_index')}"):
            return Query(text=text, kind="claim")
    m = _NUMBER.search(text)
    if m is None:
        return Query(text=text, kind="text")
    value = parse_number(m.group(0))
    rest = text[m.end():].strip()
    multipliers = _multipliers()
    first = fold(rest.split()[0]) if rest.split() else ""
    if re.fullmatch(r"[a-zа-яіїєґ]+", first or "-") and first in multipliers:
        value *= multipliers[first]
        rest = rest[len(rest.split()[0]):].strip()
    table = concept_table()
    forms = table.forms(rest)
    concept = forms[0][0] if forms else None
    unit = rest.split()[0] if rest.split() else None
    if unit and unit.startswith("%"):
        concept, unit = "percent", "%"
    return Query(text=text, kind="figure", value=value, unit=unit, concept=concept)


def _multipliers() -> dict[str, float]:
    import tomllib
    from importlib import resources

    raw = tomllib.loads(resources.files("selon").joinpath("data/concepts.toml").read_text(encoding="utf-8"))
    return {fold(k): float(v) for k, v in raw.get("query", {}).get("multipliers", {}).items()}


def _seeds(query: Query, records: list[Record]) -> list[Record]:
    """Figure records that fit the query."""
    figured = [r for r in records if figure_of(r) is not None]
    if query.kind == "claim":
        seeds = [r for r in figured if query.text in (r.get("claim_id"), f"{r.get('article_id')}:{r.get('claim_index')}")]
        if not seeds:
            raise SelonError(query.text, "this claim has no figure to trace")
        return seeds
    if query.kind == "figure":
        wanted = Figure(text=query.text, value=query.value, low=None, high=None, approximate=False)
        table = concept_table()
        out = []
        for r in figured:
            if match.compare_figures(wanted, figure_of(r)) is None:
                continue
            if query.concept is not None:
                concept = table.concept(r.get("unit"), r.get("language"))
                if concept is None or (query.concept not in concept.lineage and concept.name not in
                                       table.concepts[query.concept].lineage):
                    continue
            elif query.unit and not (r.get("unit") and fold(r["unit"]) == fold(query.unit)):
                continue
            out.append(r)
        return out
    words = set(match.name_tokens(query.text)) | {w for w in re.findall(r"\w+", fold(query.text)) if len(w) > 3}
    scored = []
    for r in figured:
        have = set(re.findall(r"\w+", fold(f"{r.get('text', '')} {r.get('sentence') or ''}")))
        score = len(words & have)
        if score and score >= max(1, len(words) // 2):
            scored.append((score, r))
    if not scored:
        return []
    best = max(s for s, _ in scored)
    return [r for s, r in scored if s == best]


# --- reports -------------------------------------------------------------------------------

def _report(rec: Record, reasons: Iterable[str] = ()) -> Report:
    fig = figure_of(rec)
    return Report(
        article_id=str(rec.get("article_id") or rec.get("article_hash") or ""),
        claim_id=str(rec.get("claim_id")), outlet=rec.get("outlet"), published=rec.get("published"),
        language=rec.get("language"), part=rec.get("part") or "body", wording=rec.get("text") or "",
        start=int(rec.get("start") or 0), end=int(rec.get("end") or 0),
        figure=rec.get("quantity_text") or "", figure_start=rec.get("quantity_start"),
        figure_end=rec.get("quantity_end"), value=rec.get("value"), low=rec.get("low"),
        high=rec.get("high"), approximate=bool(rec.get("approximate")),
        bound=fig.bound if fig else "exact", unit=rec.get("unit"),
        certainty=rec.get("certainty") or "certain", hedges=list(rec.get("hedges") or []),
        polarity=rec.get("polarity") or "positive",
        chain=[Link(source=l.get("source", ""), kind=l.get("kind", ""), cue=l.get("cue", "")) for l in rec.get("chain") or []],
        parser=rec.get("parser"), reasons=sorted(set(reasons)))


def _time_key(rec: Record) -> tuple:
    return (rec.get("published") or UNDATED, str(rec.get("article_id") or ""), 0 if rec.get("part") == "title" else 1,
            int(rec.get("start") or 0), int(rec.get("quantity_index") or 0))


def _article(rec: Record) -> str:
    return str(rec.get("article_id") or rec.get("article_hash") or "")


# --- who cites whom ------------------------------------------------------------------------

class SourceNames:
    """Names that designate one source: "The Lancet", "Lancet", "thelancet.com", "la revue
    médicale The Lancet". Two names are one when the identifying tokens of one are among
    those of the other (a token may end another one: "lancet" in "thelancet")."""

    def __init__(self, names: Iterable[str]):
        counts = Counter(n for n in names if n)
        self.tokens = {n: frozenset(match.name_tokens(n)) for n in counts}
        ordered = sorted(self.tokens, key=lambda n: (len(self.tokens[n]) or 99, -counts[n], len(n), n))
        self.key: dict[str, str] = {}
        for name in ordered:
            toks = self.tokens[name]
            if not toks:
                self.key[name] = fold(name)
                continue
            for rep in ordered:
                if rep in self.key and self.key[rep] == rep and self.tokens[rep] and _covers(toks, self.tokens[rep]):
                    self.key[name] = rep
                    break
            else:
                self.key[name] = name

    def of(self, name: str | None) -> str | None:
        return self.key.get(name) if name else None


def _covers(toks: frozenset[str], core: frozenset[str]) -> bool:
    return all(any(t == c or (len(c) >= 5 and t.endswith(c)) for t in toks) for c in core)


def _proper_name(name: str) -> bool:
    """"Lancet", "Gaza Health Ministry", "the Lancet Journal"; not "the letter", "A statement"."""
    words = name.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and name[:1].isupper())


def _sentence_tokens(rec: Record) -> set[str]:
    return set(match.name_tokens(rec.get("sentence") or rec.get("text") or ""))


def _mentions(recs: list[Record], names: SourceNames, outlet_article: dict[str, str],
              known: list[str]) -> list[Citation]:
    """Sources named in the sentence of a claim of the figure without a chain link to them:
    "a study published in the medical journal Lancet", the Lancet in a headline. A name counts
    when it is a named source somewhere in the story (`known`), never the article's own outlet."""
    out, seen = [], set()
    for rec in recs:
        toks = _sentence_tokens(rec)
        citing = rec.get("outlet") or _article(rec)
        linked = {names.of(l.get("source")) for l in rec.get("chain") or [] if match.is_named(l)}
        for name in known:
            key, core = names.of(name), names.tokens.get(name) or frozenset(match.name_tokens(name))
            if not core or key in linked or key == names.of(citing) or (_article(rec), key) in seen:
                continue
            if not _covers(frozenset(toks), core):
                continue
            seen.add((_article(rec), key))
            written = next((e.get("text") for e in rec.get("entities") or []
                            if isinstance(e, dict) and _covers(frozenset(match.name_tokens(e.get("text", ""))), core)), name)
            cue = trace_words.words_in(rec, "mention_cues", where="sentence")
            out.append(Citation(article_id=_article(rec), claim_id=str(rec.get("claim_id")), citing=citing,
                                cited=written, cited_kind="mention", cue=cue.words if cue else "",
                                cited_article_id=outlet_article.get(key or "")))
    return out


def _citations(recs: list[Record], names: SourceNames, outlet_article: dict[str, str],
               for_figure: bool = True) -> list[Citation]:
    out, seen = [], set()
    for rec in recs:
        citing = rec.get("outlet") or _article(rec)
        for link in rec.get("chain") or []:
            if not match.is_named(link):  # "reportedly", "some sources": no one to cite
                continue
            cited = link.get("refers_to") or link.get("source") or ""  # a description cites what it stands for
            key = (_article(rec), names.of(citing) or citing, names.of(cited))
            if key not in seen:
                seen.add(key)
                out.append(Citation(article_id=_article(rec), claim_id=str(rec.get("claim_id")), citing=citing,
                                    cited=cited, cited_kind=link.get("kind", ""), cue=link.get("cue", ""),
                                    cited_article_id=outlet_article.get(names.of(cited) or ""),
                                    for_figure=for_figure))
            citing = cited
    return out


def _origin(recs: list[Record], citations: list[Citation], names: SourceNames,
            outlet_article: dict[str, str]) -> Origin | None:
    if not recs:
        return None
    cited_by: dict[str, set[str]] = {}
    citing_someone: set[str] = set()
    first_seen: dict[str, str] = {}
    dates = {_article(r): r.get("published") or UNDATED for r in recs}
    for c in citations:
        key = names.of(c.cited)
        if key is None:
            continue
        cited_by.setdefault(key, set()).add(c.article_id)
        first_seen[key] = min(first_seen.get(key, UNDATED), dates.get(c.article_id, UNDATED))
        citing = names.of(c.citing)
        # Citing "a study" published in itself is not citing someone else.
        if citing is not None and citing != key and match.name_tokens(c.cited):
            citing_someone.add(citing)
    # A source named only by generic words ("the study", "the report") names no one in particular.
    candidates = [k for k in cited_by if k not in citing_someone and match.name_tokens(k)]
    if candidates:
        best = min(candidates, key=lambda k: (-len(cited_by[k]), first_seen[k], k))
        article_id = outlet_article.get(best)
        by = sorted(cited_by[best])
        published = next((r.get("published") for r in recs if _article(r) == article_id), None)
        examples = [f"{c.article_id}: {c.cue} {c.cited}" for c in citations if names.of(c.cited) == best][:5]
        evidence = [f"cited for the figure by {len(by)} article(s): {', '.join(by)}",
                    "cites no one for it" + (f" (its own article {article_id} names no source)" if article_id else ""),
                    *examples]
        others = sorted(((len(v), k) for k, v in cited_by.items() if k != best), reverse=True)[:3]
        if others:
            evidence.append("other cited sources: " + ", ".join(
                f"{k} ({n}{', cites someone' if k in citing_someone else ''})" for n, k in others))
        return Origin(outlet=best, article_id=article_id, published=published, rule="cited_source_citing_no_one",
                      cited_by=by, evidence=evidence)
    first = min(recs, key=_time_key)
    return Origin(outlet=first.get("outlet"), article_id=_article(first), published=first.get("published"),
                  rule="earliest_report", cited_by=[],
                  evidence=["no source is cited for the figure by the reports",
                            f"earliest report: {_article(first)} ({first.get('published') or 'undated'})"])


# --- how a retelling differs ---------------------------------------------------------------

@dataclass(frozen=True)
class Reference:
    """What a retelling is compared to: one claim, or what the reports say the origin said."""

    figure: Figure
    certainty: str
    attributed: bool
    text: str
    hedges: tuple[str, ...]
    article_id: str | None
    claim_id: str | None
    rule: str  # "parent" | "origin_article" | "origin_consensus"
    open_top: bool = False  # "up to 186,000 or even more": its top is left open


def stated_figure(rec: Record) -> tuple[Figure, bool]:
    """(the figure with the ceiling its words set, whether its top is left open).

    "up to 186,000 or even more" is a lower bound to the figure reader (the later words lift
    the ceiling), but it is told as a ceiling first: read it as up to 186,000, its top left
    open, so that "more than 186,000" retold from it is an inflation, and "186,000 or more"
    is not."""
    fig = figure_of(rec)
    open_top = trace_words.open_tail(rec) is not None
    if open_top and fig.bound == "lower" and trace_words.ceiling_before(rec) is not None:
        return Figure(text=fig.text, value=fig.low, low=None, high=fig.low, approximate=False), True
    return fig, open_top


def _reference_of(rec: Record, rule: str) -> Reference:
    fig, open_top = stated_figure(rec)
    return Reference(figure=fig, certainty=rec.get("certainty") or "certain",
                     attributed=_named_chain(rec), text=rec.get("text") or "",
                     hedges=tuple(rec.get("hedges") or ()), article_id=_article(rec),
                     claim_id=str(rec.get("claim_id")), rule=rule, open_top=open_top)


def _named_chain(rec: Record) -> bool:
    return any(match.is_named(l) for l in rec.get("chain") or [])


def _consensus(recs: list[Record], origin_key: str | None, names: SourceNames) -> Reference:
    """The most cautious version of the figure that at least two articles give the origin.

    Retellings strengthen figures far more often than they weaken them, so the weakest form
    that is attested twice is the best estimate of what the origin said.
    """
    pool = recs

    def attested(feature) -> list[Any]:
        arts: dict[Any, set[str]] = {}
        for r in pool:
            arts.setdefault(feature(r), set()).add(_article(r))
        twice = [f for f, a in arts.items() if len(a) >= 2]
        return twice or [max(arts, key=lambda f: len(arts[f]))]

    stated = {id(r): stated_figure(r) for r in pool}
    bounds = attested(lambda r: stated[id(r)][0].bound)
    bound = min(bounds, key=CAUTION_ORDER.index)
    with_bound = [r for r in pool if stated[id(r)][0].bound == bound]
    values = attested(lambda r: figure_of(r).anchor)
    values = [v for v in values if any(figure_of(r).anchor == v for r in with_bound)] or values
    value = min(values, key=lambda v: (match._step(v), v))
    certainty = min(attested(lambda r: r.get("certainty") or "certain"), key=lambda c: CERTAINTY_RANK.get(c, 3))
    example = next((r for r in with_bound if figure_of(r).anchor == value and (r.get("certainty") or "certain") == certainty),
                   next((r for r in with_bound if figure_of(r).anchor == value), with_bound[0] if with_bound else pool[0]))
    fig = stated[id(example)][0]
    return Reference(figure=fig, certainty=certainty, attributed=any(_named_chain(r) for r in pool),
                     text=example.get("text") or "", hedges=tuple(example.get("hedges") or ()),
                     article_id=None, claim_id=str(example.get("claim_id")), rule="origin_consensus",
                     open_top=any(stated[id(r)][1] for r in with_bound if figure_of(r).anchor == value))


def _describe(ref: Reference, origin: Origin | None) -> str:
    who = f"article {ref.article_id}" if ref.rule != "origin_consensus" else \
        f"what the reports give {origin.outlet if origin and origin.outlet else 'the origin'}"
    f = ref.figure
    return f"{who}: '{ref.text}' ({_bound_words(f)}, {ref.certainty})"


def _bound_words(f: Figure) -> str:
    n = match.number
    return {"upper": f"up to {n(f.high)}", "lower": f"at least {n(f.low)}", "range": f"{n(f.low)} to {n(f.high)}",
            "approximate": f"about {n(f.value)}", "exact": n(f.value)}[f.bound]


def _lowest(f: Figure) -> float | None:
    return f.low if f.low is not None else (f.value if f.bound in ("exact", "approximate") else None)


def _highest(f: Figure) -> float | None:
    return f.high if f.high is not None else (f.value if f.bound in ("exact", "approximate") else None)


def figure_mutations(fig: Figure, ref: Figure) -> list[tuple[str, str, str]]:
    """(kind, rule, evidence) for how `fig` retells `ref`: inflation, bound flip, changed value."""
    out = []
    eps = match.VALUE_CHANGED_TOLERANCE
    n = match.number
    relation = match.compare_figures(fig, ref)
    if relation and relation[0] == "value_changed" or (
            fig.value is not None and ref.value is not None and fig.bound == ref.bound and fig.bound in ("exact", "upper", "lower")
            and fig.value != ref.value and match.ratio(fig.value, ref.value) - 1 <= eps
            and not (match.rounds_to(fig.value, ref.value) or match.rounds_to(ref.value, fig.value))):
        out.append(("value_changed", "value_changed",
                    f"{n(ref.value)} became {n(fig.value)} ({(fig.value - ref.value) / ref.value:+.2%})"))
        return out
    lo, ref_hi = _lowest(fig), _highest(ref)
    if fig.bound == "lower" and ref.bound == "upper" and lo is not None and ref_hi is not None and lo >= ref_hi * (1 - eps):
        out.append(("quantity_inflation", "upper_bound_became_lower_bound",
                    f"'{_bound_words(ref)}' became '{_bound_words(fig)}'"))
    elif lo is not None and ref_hi is not None and lo > ref_hi * (1 + eps) and not (
            fig.value is not None and (match.rounds_to(fig.value, ref_hi) or match.rounds_to(ref_hi, fig.value))):
        out.append(("quantity_inflation", "larger_figure", f"'{_bound_words(ref)}' became '{_bound_words(fig)}'"))
    elif fig.high is not None and ref_hi is not None and fig.high > ref_hi * (1 + eps) and ref.bound in ("exact", "approximate", "upper"):
        out.append(("quantity_inflation", "upper_bound_raised", f"'{_bound_words(ref)}' became '{_bound_words(fig)}'"))
    elif fig.bound == "lower" and ref.bound == "lower" and fig.low > ref.low * (1 + eps):
        out.append(("quantity_inflation", "lower_bound_raised", f"'{_bound_words(ref)}' became '{_bound_words(fig)}'"))
    if ref.bound == "lower" and fig.bound == "upper":
        out.append(("bound_flip", "lower_bound_became_upper_bound", f"'{_bound_words(ref)}' became '{_bound_words(fig)}'"))
    return out


def _mutations(recs: list[Record], article_records: dict[str, list[Record]], names: SourceNames,
               outlet_article: dict[str, str], origin: Origin | None, known: list[str] = (),
               told_values: set[float] = frozenset()) -> list[Mutation]:
    by_article: dict[str, list[Record]] = {}
    for r in recs:
        by_article.setdefault(_article(r), []).append(r)
    representative = {a: min(rs, key=lambda r: (r.get("part") == "title", int(r.get("start") or 0)))
                      for a, rs in by_article.items()}
    origin_key = names.of(origin.outlet) if origin and origin.rule == "cited_source_citing_no_one" else None
    origin_article = origin.article_id if origin else None
    consensus = _consensus(recs, origin_key, names)
    out: list[Mutation] = []
    for art, rs in sorted(by_article.items(), key=lambda kv: min(_time_key(r) for r in kv[1])):
        if art == origin_article and origin and origin.rule == "cited_source_citing_no_one":
            continue
        ordered = sorted(rs, key=_time_key)
        for rec in ordered:
            ref = _reference_for(rec, art, names, outlet_article, representative, origin_article, consensus, ordered)
            if ref is None:
                continue
            out += _claim_mutations(rec, ref, origin)
        ref = _reference_for(ordered[0], art, names, outlet_article, representative, origin_article, consensus, ordered)
        if ref is not None and origin is not None and not _names_a_source(rs, article_records.get(art, []), names,
                                                                           known, origin):
            first = ordered[0]
            out.append(_mutation(first, "source_dropped", "no_source_in_article", first.get("text") or "",
                                 int(first.get("start") or 0), int(first.get("end") or 0), ref, origin,
                                 "the article gives the figure without naming any source; it comes from "
                                 f"{origin.outlet or origin.article_id}"))
        out += _generalizations(art, rs, article_records.get(art, []), ref or consensus, origin)
        if article_records:
            out += _document_upgrades(art, rs, article_records, ref or consensus, origin)
            out += _multiplied(article_records.get(art, []), told_values, ref or consensus, origin)
    seen, unique = set(), []
    for m in out:
        key = (m.article_id, m.kind, m.claim_id, m.rule)
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique


def _names_a_source(rs: list[Record], art_recs: list[Record], names: SourceNames, known: Iterable[str],
                    origin: Origin) -> bool:
    """Whether an article says where the figure comes from: a named source in a chain of its
    claims of the figure, or a source of the story (the origin, or any source named in a
    chain) named in one of its sentences ("a study published in the Lancet", then "the
    study found": a descriptive reference to a source named before is not a dropped source)."""
    if any(_named_chain(r) for r in rs):
        return True
    cores = [frozenset(match.name_tokens(origin.outlet or ""))] + [names.tokens.get(k) or frozenset() for k in known]
    cores = [c for c in cores if c]
    return any(_covers(frozenset(_sentence_tokens(r)), c) for r in rs + art_recs for c in cores)


def _document_upgrades(art: str, rs: list[Record], article_records: dict[str, list[Record]], ref: Reference,
                       origin: Origin | None) -> list[Mutation]:
    """The origin's document called a letter (or correspondence) by at least two articles, a
    study (research) by this one: a certainty upgrade of the document's standing. Both words
    must be in a sentence that names the origin, or in the figure's own claim."""
    core = frozenset(match.name_tokens(origin.outlet or "")) if origin else frozenset()
    if not core:
        return []

    def about_origin(r: Record) -> bool:
        return _covers(frozenset(_sentence_tokens(r)), core)

    letters = {a for a, recs in article_records.items()
               if any(about_origin(r) and trace_words.words_in(r, "letter_words", "sentence") for r in recs)}
    if len(letters - {art}) < 2:
        return []
    figure_claims = {str(r.get("claim_id")) for r in rs}
    for r in sorted(article_records.get(art, []), key=_time_key):
        if str(r.get("claim_id")) not in figure_claims and not about_origin(r):
            continue
        hit = trace_words.words_in(r, "study_words", "sentence")
        if hit is None:
            continue
        return [_mutation(r, "certainty_upgrade", "letter_became_study", hit.words, hit.start, hit.end, ref, origin,
                          f"'{hit.words}' for what {len(letters - {art})} article(s) "
                          f"({', '.join(sorted(letters - {art}))}) call a letter")]
    return []


def _multiplied(art_recs: list[Record], told_values: set[float], ref: Reference,
                origin: Origin | None) -> list[Mutation]:
    """"15 times higher than 37,396", where 37,396 is told with the figure: the product is the
    figure the article implies; above the reference's top, an inflation."""
    top = _highest(ref.figure)
    out = []
    for r in sorted(art_recs, key=_time_key):
        fig = figure_of(r)
        if fig is None or fig.anchor not in told_values or top is None:
            continue
        found = trace_words.multiplier_before(r)
        if found is None:
            continue
        times, hit = found
        implied = times * fig.anchor
        if implied > top * (1 + match.VALUE_CHANGED_TOLERANCE):
            out.append(_mutation(r, "quantity_inflation", "multiplied_figure", hit.words, hit.start, hit.end, ref,
                                 origin, f"{match.number(times)} × {match.number(fig.anchor)} = "
                                         f"{match.number(implied)}, above '{_bound_words(ref.figure)}'"))
            break
    return out


def _reference_for(rec: Record, art: str, names: SourceNames, outlet_article: dict[str, str],
                   representative: dict[str, Record], origin_article: str | None, consensus: Reference,
                   siblings: list[Record] = ()) -> Reference | None:
    """What a claim retells: the article it cites (its own chain first, else the chain of the
    article's other claims of the figure), else the origin's article, else the consensus."""
    for source_rec in [rec, *siblings]:
        link = next((l for l in source_rec.get("chain") or [] if match.is_named(l)), None)
        if link is None:
            continue
        parent = outlet_article.get(names.of(link.get("source")) or "")
        if parent and parent != art and parent in representative:
            return _reference_of(representative[parent], "parent")
        break
    if origin_article and origin_article != art and origin_article in representative:
        return _reference_of(representative[origin_article], "origin_article")
    if origin_article == art:
        return None
    return consensus


def _mutation(rec: Record, kind: str, rule: str, words: str, start: int, end: int, ref: Reference,
              origin: Origin | None, evidence: str) -> Mutation:
    return Mutation(article_id=_article(rec), kind=kind, rule=rule, claim_id=str(rec.get("claim_id")),
                    part=rec.get("part") or "body", words=words, start=start, end=end,
                    reference=_describe(ref, origin), reference_article_id=ref.article_id, evidence=evidence)


def retold_figure(rec: Record) -> tuple[Figure, trace_words.Hit | None]:
    """The figure as the retelling states it: "could exceed 186,000" is a lower bound (the
    exceed word is returned as evidence) even when the figure's own words carry no bound."""
    fig = stated_figure(rec)[0]
    hit = trace_words.exceed_before(rec) if fig.bound in ("exact", "approximate") else None
    if hit is None:
        return fig, None
    return Figure(text=fig.text, value=fig.value, low=fig.value, high=None, approximate=False), hit


def _claim_mutations(rec: Record, ref: Reference, origin: Origin | None) -> list[Mutation]:
    out = []
    fig, exceed = retold_figure(rec)
    fig_words = rec.get("quantity_text") or rec.get("text") or ""
    fs, fe = rec.get("quantity_start"), rec.get("quantity_end")
    fs = int(fs) if fs is not None else int(rec.get("start") or 0)
    fe = int(fe) if fe is not None else int(rec.get("end") or 0)
    if exceed is not None:  # the words run from "exceed" to the figure's end
        sentence, base = rec.get("sentence") or "", int(rec.get("sentence_start") or 0)
        fig_words, fs = sentence[exceed.start - base:fe - base] or fig_words, exceed.start
    if ref.claim_id == str(rec.get("claim_id")):
        return out
    tail = trace_words.open_tail(rec) if fig.bound == "lower" else None
    for kind, rule, evidence in figure_mutations(fig, ref.figure):
        if rule == "upper_bound_became_lower_bound" and tail is not None and ref.open_top:
            continue  # "186,000 or more" for "up to 186,000 or even more": the top was left open
        if exceed is not None:
            evidence += f" ('{exceed.words}' before the figure makes it a lower bound)"
        out.append(_mutation(rec, kind, rule, fig_words, fs, fe, ref, origin, evidence))
    if trace_words.is_question(rec):
        return out  # a question does not assert the figure
    certainty = rec.get("certainty") or "certain"
    words, start, end = rec.get("text") or "", int(rec.get("start") or 0), int(rec.get("end") or 0)
    hedged_ref = CERTAINTY_RANK.get(ref.certainty, 3) < CERTAINTY_RANK["certain"]
    reached = trace_words.words_in(rec, "reached_words") if hedged_ref else None
    positive = (rec.get("polarity") or "positive") == "positive"
    # Only a hedge dropped altogether counts: "could" and a conditional mood ("dépasserait")
    # rank differently across languages, but neither states the figure as a fact.
    if certainty == "certain" and hedged_ref and positive:
        hedges = f" (hedged by {', '.join(repr(h) for h in ref.hedges)})" if ref.hedges else ""
        out.append(_mutation(rec, "certainty_upgrade", "hedge_weakened", words, start, end, ref, origin,
                             f"{ref.certainty}{hedges} became {certainty} (no hedge)"))
    elif reached is not None:
        out.append(_mutation(rec, "certainty_upgrade", "projection_stated_as_reached", reached.words, reached.start,
                             reached.end, ref, origin, f"'{reached.words}': a count already reached, where the "
                                                       f"reference is {ref.certainty} ('{_bound_words(ref.figure)}')"))
    elif certainty == "certain" and positive and not _named_chain(rec) and ref.attributed:
        out.append(_mutation(rec, "certainty_upgrade", "attributed_became_fact", words, start, end, ref, origin,
                             "stated as fact in the author's own voice; the reference attributes it"))
    return out


def _generalizations(art: str, rs: list[Record], all_recs: list[Record], ref: Reference,
                     origin: Origin | None) -> list[Mutation]:
    """One group in the figure's claims ("un régiment"), many in another claim of the article
    ("des régiments entiers"): a generalization; stated as fact there, also a certainty upgrade."""
    table = concept_table()
    singular: dict[str, str] = {}
    for r in rs:
        for text in (r.get("text") or "", r.get("sentence") or ""):
            for concept, plural, s, e in table.forms(text, r.get("language")):
                if table.concepts[concept].group and not plural:
                    singular.setdefault(concept, fold(text)[s:e])
    if not singular:
        return []
    out = []
    cluster_ids = {str(r.get("claim_id")) for r in rs}
    hedged = min((CERTAINTY_RANK.get(r.get("certainty") or "certain", 3) for r in rs), default=3)
    seen_claims = set()
    for other in sorted(all_recs, key=_time_key):
        cid = str(other.get("claim_id"))
        if cid in cluster_ids or cid in seen_claims:
            continue
        text = other.get("text") or ""
        for concept, plural, s, e in table.forms(text, other.get("language")):
            if not (plural and concept in singular):
                continue
            seen_claims.add(cid)
            start = int(other.get("start") or 0)
            out.append(_mutation(other, "generalization", "one_group_became_many", text[s:e], start + s, start + e,
                                 ref, origin, f"'{singular[concept]}' (one) in the figure's claim became "
                                              f"'{text[s:e]}' (many)"))
            certainty = other.get("certainty") or "certain"
            if CERTAINTY_RANK.get(certainty, 3) > hedged and (other.get("polarity") or "positive") == "positive":
                out.append(_mutation(other, "certainty_upgrade", "hedged_figure_stated_as_fact", text, start,
                                     int(other.get("end") or 0), ref, origin,
                                     f"the figure's claims are at most {_rank_name(hedged)}; this one is {certainty}"))
            break
    return out


def _rank_name(rank: int) -> str:
    return next(k for k, v in CERTAINTY_RANK.items() if v == rank)


# --- the trace -----------------------------------------------------------------------------

def _figure_label(recs: list[Record], origin: Origin | None = None) -> tuple[str, float | None, str | None]:
    """The figure as the origin's article gives it, else as most reports give it."""
    table = concept_table()
    counts = Counter()
    own = [r for r in recs if origin is not None and origin.article_id and _article(r) == origin.article_id]
    named = [r for r in own or recs if table.concept(r.get("unit"), r.get("language"))]  # a noun says what is counted
    for r in named or own or recs:
        c = table.concept(r.get("unit"), r.get("language"))
        counts[(figure_of(r).anchor, c.name if c else r.get("unit"))] += 1
    (value, concept), _ = counts.most_common(1)[0]
    return f"{match.number(value)} {concept or ''}".strip(), value, concept


def _reasons_by_figure(matches: Iterable[match.Match]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in matches:
        for a, b in ((m.a, m.b), (m.b, m.a)):
            out.setdefault(a, set()).update(f"{r} (with {b.split('#')[0]})" if i == 0 else r for i, r in enumerate(m.reasons))
    return out


def trace(records: list[Record], query: str) -> Trace:
    """Trace the figure the query names through the records (see the module docstring)."""
    q = parse_query(query, records)
    seeds = _seeds(q, records)
    if not seeds:
        raise SelonError(query, "no claim in the ledger reports this figure"
                         + (" (try the figure with its noun, e.g. '1000 soldiers')" if q.kind == "text" else ""))
    with_context = match.prepare(records)
    by_fid = {figure_id(r): r for r in with_context}
    lo = min(figure_of(r).anchor for r in seeds) / POOL_FACTOR
    hi = max(figure_of(r).anchor for r in seeds) * POOL_FACTOR
    pool = [r for r in with_context if figure_of(r) is not None and lo <= (figure_of(r).anchor or 0) <= hi]
    clusters = match.cluster(pool, context=False, all_matches=True)
    seed_ids = {figure_id(r) for r in seeds}
    fitting = [c for c in clusters if seed_ids & set(c.figure_ids)]
    if fitting:
        main = max(fitting, key=lambda c: (len(seed_ids & set(c.figure_ids)), len(c.article_keys), -len(c.id)))
        main_ids, matches = set(main.figure_ids), main.matches
    else:
        first = min(seeds, key=_time_key)
        main_ids, matches = {figure_id(first)}, []
    main_ids |= _unitless_companions(main_ids, with_context, by_fid)
    main_recs = sorted((by_fid[f] for f in main_ids), key=_time_key)
    reasons = _reasons_by_figure(matches)

    articles = {_article(r) for r in main_recs}
    article_records: dict[str, list[Record]] = {}
    for r in with_context:
        if _article(r) in articles:
            article_records.setdefault(_article(r), []).append(r)
    related = _related(main_ids, main_recs, article_records)

    all_recs = main_recs + [r for _, recs, _ in related for r in recs]
    story_recs = [r for recs in article_records.values() for r in recs]
    names = SourceNames([l.get("source") for r in all_recs + story_recs for l in r.get("chain") or []] +
                        [r.get("outlet") for r in all_recs])
    known = sorted({l.get("source") for r in story_recs for l in r.get("chain") or []
                    if match.is_named(l) and _proper_name(l.get("source") or "")})
    outlet_article: dict[str, str] = {}
    for r in sorted(main_recs, key=_time_key):
        key = names.of(r.get("outlet"))
        if key:
            outlet_article.setdefault(key, _article(r))
    citations = _citations(main_recs, names, outlet_article)
    citations += _mentions(main_recs, names, outlet_article, known)
    origin = _origin(main_recs, citations, names, outlet_article)
    told_values = {figure_of(r).anchor for r in all_recs}
    mutations = _mutations(main_recs, article_records, names, outlet_article, origin, known, told_values)
    related_out = []
    for told_with, recs, rel_matches in related:
        rel_reasons = _reasons_by_figure(rel_matches)
        # Only the figure itself is compared for the figures told with it: their claims'
        # certainty and sources belong to other statements.
        mutations += [m for m in _mutations(recs, {}, names, outlet_article, origin) if m.kind in FIGURE_KINDS]
        citations += [c for c in _citations(recs, names, outlet_article)
                      if (c.article_id, c.citing, c.cited) not in {(x.article_id, x.citing, x.cited) for x in citations}]
        label, value, concept = _figure_label(recs, origin)
        citations += [c for c in _mentions(recs, names, outlet_article, known)
                      if (c.article_id, names.of(c.cited)) not in {(x.article_id, names.of(x.cited)) for x in citations}]
        related_out.append(RelatedFigure(figure=label, value=value, unit=concept, told_with=sorted(told_with),
                                         reports=[_report(r, rel_reasons.get(figure_id(r), ())) for r in recs]))
    # The rest of the story's citation graph: sources its articles cite in their other claims.
    have = {(c.article_id, names.of(c.cited)) for c in citations}
    for c in _citations(sorted(story_recs, key=_time_key), names, outlet_article, for_figure=False):
        if (c.article_id, names.of(c.cited)) not in have:
            have.add((c.article_id, names.of(c.cited)))
            citations.append(c)
    label, value, concept = _figure_label(main_recs, origin)
    order = {a: i for i, a in enumerate(dict.fromkeys(_article(r) for r in main_recs))}
    mutations.sort(key=lambda m: (order.get(m.article_id, len(order)), m.kind))
    return Trace(query=query, figure=label, value=value, concept=concept, origin=origin,
                 reports=[_report(r, reasons.get(figure_id(r), ())) for r in main_recs],
                 related=related_out, citations=citations, mutations=mutations,
                 articles=len(articles), outlets=len({r.get("outlet") or _article(r) for r in main_recs}),
                 languages=sorted({r.get("language") for r in main_recs if r.get("language")}),
                 clusters_considered=len(fitting))


def _unitless_companions(main_ids: set[str], records: list[Record], by_fid: dict[str, Record]) -> set[str]:
    """Figures whose counted noun is missing or unknown ("up to 186,000 or even more deaths
    could be…" read without its noun) that give one of the cluster's values and share its
    anchors: a rare one, or two."""
    table = concept_table()
    members = [by_fid[f] for f in main_ids]
    figures = [figure_of(r) for r in members]
    shared_pool = set().union(*(set(r.get("anchors") or ()) | set(r.get("context") or ()) for r in members))
    hot = set().union(*(set(r.get("hot") or ()) for r in members))
    out = set()
    for r in records:
        fig = figure_of(r)
        if fig is None or figure_id(r) in main_ids or table.concept(r.get("unit"), r.get("language")) is not None:
            continue
        if not any(match.compare_figures(fig, f) for f in figures if f.anchor == fig.anchor or fig.anchor in (f.low, f.high)):
            continue
        shared = (set(r.get("anchors") or ()) | set(r.get("context") or ())) & shared_pool
        if len(shared) >= 2 or any(t not in hot for t in shared):
            out.add(figure_id(r))
    return out


def _related(main_ids: set[str], main_recs: list[Record],
             article_records: dict[str, list[Record]]) -> list[tuple[set[str], list[Record], list[match.Match]]]:
    """Figures told in the same sentence as the traced one in at least RELATED_MIN_ARTICLES articles."""
    sentences = {(_article(r), r.get("sentence_start"), r.get("part")) for r in main_recs if r.get("sentence_start") is not None}
    others = [r for recs in article_records.values() for r in recs
              if figure_of(r) is not None and figure_id(r) not in main_ids]
    if not others:
        return []
    out = []
    for c in match.cluster(others, context=False, all_matches=True):
        recs = [r for r in others if figure_id(r) in set(c.figure_ids)]
        told_with = {_article(r) for r in recs if (_article(r), r.get("sentence_start"), r.get("part")) in sentences}
        if len(told_with) >= RELATED_MIN_ARTICLES:
            out.append((told_with, sorted(recs, key=_time_key), c.matches))
    out.sort(key=lambda t: -len(t[0]))
    return out


def cluster_rows(result: Trace) -> list[tuple[str, str, list[str]]]:
    """(claim_id, cluster_id, reasons) rows of a trace, for `Ledger.write_clusters`."""
    rows, seen = [], set()
    groups = [(result.figure, result.reports)] + [(r.figure, r.reports) for r in result.related]
    for name, reports in groups:
        cluster_id = re.sub(r"\s+", "-", f"{name}")
        for rep in reports:
            if (rep.claim_id, cluster_id) not in seen:
                seen.add((rep.claim_id, cluster_id))
                rows.append((rep.claim_id, cluster_id, rep.reasons))
    return rows
