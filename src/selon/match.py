"""Which claims report the same figure, across outlets and languages.

Pure functions over plain claim records (the dicts of `Ledger.claim_records`, one per
claim × figure, see docs/ledger.md): no database, no global mutable state, so that
blocks can be matched anywhere (a loop, a process pool, a Spark partition).

Two figure records match when
- their figures are compatible: the same value, bounds that overlap ("plus de 1 000" and
  "1,010"), a rounding ("8 %" and "7.9 %"), or exact values a hair apart ("37,396" and
  "37,369", kept as evidence of a changed value);
- their counted nouns mean the same thing, or one is a kind of the other, in any language
  (data/concepts.toml: déserteur = deserter = дезертир, and a deserter is a soldier);
- they share an anchor: a named entity or source of the claim's sentence, an entity of the
  same article ("context"), or the article itself; and, when both are dated, their dates
  are at most `MAX_DATE_GAP_DAYS` apart.
Every `Match` carries its reasons as short strings ("value 1000~1010 overlap",
"concept soldier", "entity volgograd").

Blocking: a record's key is (concept family, bucket of log10(value)). A bucket is wider
than the largest tolerance, so compatible figures land in the same or adjacent buckets;
each record is also sent, as a guest, to the bucket above its own, and a block compares
owner–owner and owner–guest pairs only, so each pair is compared exactly once. Inside a
block, only records that share an anchor are compared (an inverted index), which keeps
the work near-linear.
"""

from __future__ import annotations

import gc
import math
import re
from contextlib import contextmanager
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator

from . import langdata

Record = dict[str, Any]

# Figures whose values differ by at most this share (and that overlap) may be the same figure
# retold: "more than 1,000" for 1,010, "close to 200,000" for "up to 186,000".
BOUND_TOLERANCE = 0.10
# Two exact values this close that are not a rounding of one another: one figure, changed
# ("37,396" copied as "37,369"); a larger gap is another figure.
VALUE_CHANGED_TOLERANCE = 0.01
# ... and when at most this many of their digits differ (a slip, not a new count: a daily toll
# that went from 38,193 to 38,345 is another figure).
MAX_CHANGED_DIGITS = 2
# The half-width an approximate figure ("nearly 8 %", "environ 1 000") is given.
APPROXIMATE_SPREAD = 0.10
# log10 width of a value bucket: must exceed log10(1 + BOUND_TOLERANCE) (0.0414).
BUCKET_WIDTH = 0.05
# Dated reports further apart than this are not one story.
MAX_DATE_GAP_DAYS = 366
# Reports this close in time name it as a reason.
DATE_WINDOW_DAYS = 31
# An article's context keeps at most this many anchors (its most frequent ones).
MAX_CONTEXT_ANCHORS = 40
# An anchor found in more articles than this is "hot" ("ukraine", "gaza" in a large ledger):
# matching then asks for a second shared anchor or a rarer one. An absolute count, so that
# the work per rare anchor stays bounded as the ledger grows.
HOT_MIN_ARTICLES = 50
# A record offers at most this many of its hot anchors, in pairs, as candidates.
MAX_HOT_PAIRED = 6
# Anchors shorter than this are noise ("de", "un"), unless they are numbers ("20" of "20th").
MIN_ANCHOR_LENGTH = 3

ANONYMOUS = "anonymous"


# --- concepts: what a counted noun means ---------------------------------------------------

@dataclass(frozen=True)
class Concept:
    name: str
    family: str
    lineage: tuple[str, ...]  # itself first, then broader concepts up to the family
    group: bool = False


@dataclass(frozen=True)
class ConceptTable:
    concepts: dict[str, Concept]
    by_lang_word: dict[tuple[str, str], tuple[str, bool]]  # (lang, word) → (concept, plural)
    by_word: dict[str, tuple[str, bool]]  # any language, first listed wins
    latin_of: dict[str, str]
    generic: frozenset[str]
    stop_tokens: frozenset[str]
    skip_labels: frozenset[str] = frozenset()

    def concept(self, unit: str | None, lang: str | None = None) -> Concept | None:
        """The concept of a counted noun (a lemma or a form), or None when it is not listed."""
        if not unit:
            return None
        word = fold(unit)
        hit = self.by_lang_word.get((lang or "", word)) or self.by_word.get(word)
        if hit is None and " " in word:  # "soldats russes": the head noun decides
            first = word.split()[0]
            hit = self.by_lang_word.get((lang or "", first)) or self.by_word.get(first)
        return self.concepts[hit[0]] if hit else None

    def forms(self, text: str, lang: str | None = None) -> list[tuple[str, bool, int, int]]:
        """Concept words in a text: (concept, plural, start, end), in text order.

        Offsets are those of `text` as long as folding keeps its length (it does for the
        precomposed letters of news text).
        """
        folded = fold(text)
        words = list(re.finditer(r"[^\W\d_]+|[%$€£]", folded))
        found = []
        for i, w in enumerate(words):
            candidates = []
            if i + 1 < len(words) and words[i + 1].start() - w.end() <= 1:
                candidates.append((folded[w.start():words[i + 1].end()], w.start(), words[i + 1].end()))
            candidates.append((w.group(0), w.start(), w.end()))
            for candidate, start, end in candidates:
                hit = self.by_lang_word.get((lang, candidate)) if lang else self.by_word.get(candidate)
                if hit:
                    found.append((hit[0], hit[1], start, end))
                    break
        return found


def fold(text: str) -> str:
    """Lower case without accents: how words and names are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@lru_cache(maxsize=None)
def concept_table() -> ConceptTable:
    """data/concepts.toml, parsed once (read-only afterwards)."""
    raw = tomllib.loads(resources.files("selon").joinpath("data/concepts.toml").read_text(encoding="utf-8"))
    entries = raw.get("concepts", {})

    def lineage(name: str) -> tuple[str, ...]:
        chain = [name]
        while entries.get(chain[-1], {}).get("broader") and len(chain) < 10:
            chain.append(entries[chain[-1]]["broader"])
        return tuple(chain)

    concepts: dict[str, Concept] = {}
    by_lang_word: dict[tuple[str, str], tuple[str, bool]] = {}
    by_word: dict[str, tuple[str, bool]] = {}
    for name, entry in entries.items():
        line = lineage(name)
        concepts[name] = Concept(name=name, family=line[-1], lineage=line, group=bool(entry.get("group")))
        for lang, words in entry.items():
            if not isinstance(words, list):
                continue
            for item in words:
                singular, _, plurals = item.partition("|")
                pairs = [(fold(singular), False)] + [(fold(p), True) for p in plurals.split() if p]
                if " " in singular:  # multi-word entries: "per cent|per cent"
                    pairs = [(fold(singular), False), (fold(plurals), True)]
                for word, plural in pairs:
                    if not word:
                        continue
                    by_lang_word.setdefault((lang, word), (name, plural and word != fold(singular)))
                    by_word.setdefault(word, (name, plural and word != fold(singular)))
    stop = set()
    for code in langdata.available():
        stop |= {fold(w) for w in langdata.load(code).function_words}
    anchors = raw.get("anchors", {})
    generic = frozenset(fold(w) for w in anchors.get("generic", []))
    return ConceptTable(concepts=concepts, by_lang_word=by_lang_word, by_word=by_word,
                        latin_of=dict(raw.get("script", {}).get("latin_of", {})),
                        generic=generic, stop_tokens=frozenset(stop) | generic,
                        skip_labels=frozenset(anchors.get("skip_labels", [])))


# --- figures ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """The figure of a record as an interval, with what it says about its bounds."""

    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool

    @property
    def anchor(self) -> float | None:
        """One number that stands for the figure (for blocking and ratios)."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    @property
    def exact(self) -> bool:
        return self.value is not None and self.low is None and self.high is None and not self.approximate

    @property
    def bound(self) -> str:
        """'lower' ("more than"), 'upper' ("up to"), 'range', 'approximate' or 'exact'."""
        if self.low is not None and self.high is not None:
            return "range"
        if self.low is not None:
            return "lower"
        if self.high is not None:
            return "upper"
        return "approximate" if self.approximate else "exact"

    def interval(self) -> tuple[float, float]:
        a = self.anchor or 0.0
        if self.low is not None or self.high is not None:
            return (self.low if self.low is not None else -math.inf,
                    self.high if self.high is not None else math.inf)
        if self.approximate:
            spread = abs(a) * APPROXIMATE_SPREAD
            return a - spread, a + spread
        return a, a


def figure_of(record: Record) -> Figure | None:
    if record.get("value") is None and record.get("low") is None and record.get("high") is None:
        return None
    as_float = lambda v: None if v is None else float(v)  # noqa: E731
    return Figure(text=record.get("quantity_text") or "", value=as_float(record.get("value")),
                  low=as_float(record.get("low")), high=as_float(record.get("high")),
                  approximate=bool(record.get("approximate")))


def number(v: float | None) -> str:
    """A figure as people write it in a reason: 1000, 7.9."""
    if v is None:
        return "?"
    if v in (math.inf, -math.inf):
        return "∞" if v > 0 else "-∞"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _step(v: float) -> float:
    """The rounding step a written value shows: 186000 → 1000, 7.9 → 0.1, 1010 → 10."""
    if v == 0:
        return 1.0
    if float(v).is_integer():
        n, step = abs(int(v)), 1
        while n and n % 10 == 0:
            n //= 10
            step *= 10
        return float(step)
    decimals = len(repr(float(v)).split(".")[1].rstrip("0")) if "e" not in repr(float(v)) else 6
    return 10.0 ** -decimals


def _significant(v: float) -> int:
    """How many significant digits a written value has: 186000 → 3, 7.9 → 2, 1010 → 3."""
    digits = f"{abs(v):.6f}".rstrip("0").rstrip(".").replace(".", "").lstrip("0")
    return max(1, len(digits.rstrip("0")) if float(v).is_integer() else len(digits))


def rounds_to(coarse: float, fine: float) -> bool:
    """`coarse` reads as `fine` rounded ("8" for 7.9, "38,000" for 38,193).

    A value counts as rounded when it has at most two significant digits, or three when the
    other has at least two more ("37,400" for 37,396, but not "1,010" for 1,009).
    """
    step = _step(coarse)
    if not (step > _step(fine) and abs(fine - coarse) <= step / 2 + 1e-9):
        return False
    sc, sf = _significant(coarse), _significant(fine)
    return sc <= 2 or (sc <= 3 and sf >= sc + 2)


def _digits_apart(a: float, b: float) -> int | None:
    """Positions at which two written values differ, when they have as many digits."""
    da, db = f"{a:g}".replace(".", ""), f"{b:g}".replace(".", "")
    return sum(x != y for x, y in zip(da, db)) if len(da) == len(db) else None


def ratio(a: float, b: float) -> float:
    if a == b:
        return 1.0
    if a <= 0 or b <= 0:
        return math.inf
    return max(a, b) / min(a, b)


def compare_figures(a: Figure, b: Figure) -> tuple[str, str] | None:
    """(relation, reason) when two figures may be one, else None.

    relation: 'equal', 'rounding', 'overlap' or 'value_changed'.
    """
    va, vb = a.anchor, b.anchor
    if va is None or vb is None:
        return None
    r = ratio(va, vb)
    if r - 1 > BOUND_TOLERANCE + 1e-9:
        return None
    label = f"{number(va)}~{number(vb)}"
    if a.exact and b.exact:
        if va == vb:
            return "equal", f"value {number(va)} equal"
        if rounds_to(va, vb) or rounds_to(vb, va):
            return ("rounding", f"value {label} rounding") if r - 1 <= BOUND_TOLERANCE + 1e-9 else None
        apart = _digits_apart(va, vb)
        if r - 1 <= VALUE_CHANGED_TOLERANCE and apart is not None and apart <= MAX_CHANGED_DIGITS:
            return "value_changed", f"value {label} changed"
        return None
    if r - 1 > BOUND_TOLERANCE + 1e-9:
        return None
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    if alo <= bhi and blo <= ahi:
        return ("equal", f"value {number(va)} equal, bounds {a.bound}/{b.bound}") if va == vb and a.bound == b.bound \
            else ("overlap", f"value {label} overlap")
    if a.value is not None and b.value is not None and (rounds_to(a.value, b.value) or rounds_to(b.value, a.value)):
        return "rounding", f"value {label} rounding"
    return None


# --- anchors: what two reports must share -----------------------------------------------

def name_tokens(name: str, table: ConceptTable | None = None) -> list[str]:
    """The identifying tokens of a name: 'la revue médicale The Lancet' → ['lancet']."""
    table = table or concept_table()
    folded = "".join(table.latin_of.get(c, c) for c in fold(name))
    tokens = []
    for tok in re.findall(r"[a-z0-9]+", folded):
        if tok[0].isdigit():
            tok = re.match(r"\d+", tok).group(0)  # "20th", "20e" → "20"
        elif len(tok) < MIN_ANCHOR_LENGTH or tok in table.stop_tokens:
            continue
        tokens.append(tok)
    return tokens


def is_named(link: dict) -> bool:
    """Whether a chain link names someone: its kind says so, or a proper name appears after its
    first word ("The Lancet medical journal" even when classified anonymous)."""
    if link.get("kind") != ANONYMOUS:
        return True
    words = (link.get("source") or "").split()
    return any(w[:1].isupper() for w in words[1:])


def anchors(record: Record, table: ConceptTable | None = None) -> set[str]:
    """Entity and source tokens of a record's sentence (read from `anchors` once `prepare` set it)."""
    if "anchors" in record:
        return set(record["anchors"])
    table = table or concept_table()
    found: set[str] = set()
    for entity in record.get("entities") or []:
        if isinstance(entity, dict) and entity.get("label") in table.skip_labels:
            continue
        text = entity.get("text", "") if isinstance(entity, dict) else str(entity)
        found.update(name_tokens(text, table))
    for link in record.get("chain") or []:
        if is_named(link):
            found.update(name_tokens(link.get("source", ""), table))
    return found


def prepare(records: Iterable[Record]) -> list[Record]:
    """Copies of the records with what matching reads, computed once over the corpus:

    - `anchors`: the entity and source tokens of the record's sentence;
    - `context`: the anchors of its whole article (a figure is often in a sentence that names
      nothing, "the toll could exceed 186,000", while the article names Gaza and the Lancet);
    - `hot`: those of its anchors that many articles share ("ukraine", "gaza" in a large
      ledger): one of them alone is too weak to say two reports are one.
    """
    table = concept_table()
    records = list(records)
    own = [sorted(anchors(rec, table)) for rec in records]
    counts: dict[str, dict[str, int]] = {}
    for rec, toks in zip(records, own):
        per = counts.setdefault(_article_key(rec), {})
        for tok in toks:
            per[tok] = per.get(tok, 0) + 1
    context = {art: sorted(per, key=lambda t: (-per[t], t))[:MAX_CONTEXT_ANCHORS] for art, per in counts.items()}
    df: dict[str, int] = {}
    for per in counts.values():
        for tok in per:
            df[tok] = df.get(tok, 0) + 1
    hot = {tok for tok, n in df.items() if n > HOT_MIN_ARTICLES}
    out = []
    for rec, toks in zip(records, own):
        ctx = context.get(_article_key(rec), [])
        out.append({**rec, "anchors": toks, "context": ctx,
                    "hot": sorted(t for t in set(toks) | set(ctx) if t in hot)})
    return out


def _article_key(record: Record) -> str:
    return str(record.get("article_hash") or record.get("article_id") or record.get("claim_id", ""))


def figure_id(record: Record) -> str:
    return f"{record.get('claim_id')}#{record.get('quantity_index') or 0}"


def _date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --- matching ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    """Two figure records that report the same thing, and why."""

    a: str  # figure_id of the first record
    b: str
    relation: str  # equal | rounding | overlap | value_changed
    reasons: tuple[str, ...]


def concept_relation(ca: Concept | None, cb: Concept | None, ua: str | None, ub: str | None) -> str | None:
    """The reason two counted nouns mean the same thing, or None."""
    if ca is not None and cb is not None:
        if ca.name == cb.name:
            return f"concept {ca.name}"
        if cb.name in ca.lineage or ca.name in cb.lineage:
            return f"concept {ca.name}~{cb.name}"
        return None
    if ca is None and cb is None and ua and ub and fold(ua) == fold(ub):
        return f"unit {fold(ua)}"
    return None


@dataclass(frozen=True)
class _Prepared:
    """What matching needs of a record, computed once per record and block."""

    fid: str
    figure: Figure | None
    concept: Concept | None
    unit: str | None
    anchors: frozenset[str]
    context: frozenset[str]
    hot: frozenset[str]
    article: str
    published: date | None


def _prepare(record: Record, table: ConceptTable, concepts: dict | None = None) -> _Prepared:
    key = (record.get("unit"), record.get("language"))
    if concepts is None or key not in concepts:
        concept = table.concept(*key)
        if concepts is not None:
            concepts[key] = concept
    else:
        concept = concepts[key]
    return _Prepared(fid=figure_id(record), figure=figure_of(record), concept=concept,
                     unit=record.get("unit"), anchors=frozenset(anchors(record, table)),
                     context=frozenset(record.get("context") or ()), hot=frozenset(record.get("hot") or ()),
                     article=_article_key(record), published=_date(record.get("published")))


def _enough(shared: frozenset[str] | set[str], hot: frozenset[str]) -> bool:
    """One rare anchor, or two anchors, make a story; one common anchor does not."""
    return len(shared) >= 2 or any(t not in hot for t in shared)


def _match(a: _Prepared, b: _Prepared) -> Match | None:
    # Cheapest tests first: most candidate pairs fail on dates or anchors.
    if a.figure is None or b.figure is None:
        return None
    gap = abs((a.published - b.published).days) if a.published and b.published else None
    if gap is not None and gap > MAX_DATE_GAP_DAYS:
        return None
    hot = a.hot | b.hot
    same_article = a.article == b.article
    shared = a.anchors & b.anchors
    anchor_reasons = [f"entity {t}" for t in sorted(shared)]
    if not _enough(shared, hot):
        context = (a.context | a.anchors) & (b.context | b.anchors)
        if _enough(context, hot):
            anchor_reasons += [f"context {t}" for t in sorted(context - shared)]
        elif not same_article:  # figure and noun alone do not make one story
            return None
    concept = concept_relation(a.concept, b.concept, a.unit, b.unit)
    if concept is None:
        return None
    figure = compare_figures(a.figure, b.figure)
    if figure is None:
        return None
    relation, value_reason = figure
    reasons = [value_reason, concept] + (["same article"] if same_article else []) + anchor_reasons
    if gap is not None and gap <= DATE_WINDOW_DAYS:
        reasons.append(f"date window {gap} days")
    ia, ib = sorted((a.fid, b.fid))
    return Match(a=ia, b=ib, relation=relation, reasons=tuple(reasons))


def match_pair(a: Record, b: Record) -> Match | None:
    """Whether two figure records report the same thing; the Match lists the reasons."""
    table = concept_table()
    return _match(_prepare(a, table), _prepare(b, table))


def _bucket(v: float) -> int:
    if v == 0:
        return -10_000
    return math.floor(math.log10(abs(v)) / BUCKET_WIDTH + 1e-9) * (1 if v > 0 else -1)


def block_key(record: Record, table: ConceptTable | None = None) -> tuple[str, int] | None:
    """(concept family, value bucket), or None for a record with no figure or no counted noun."""
    table = table or concept_table()
    fig = figure_of(record)
    unit = record.get("unit")
    if fig is None or fig.anchor is None or not unit:
        return None
    concept = table.concept(unit, record.get("language"))
    family = concept.family if concept else f"unit:{fold(unit)}"
    return family, _bucket(fig.anchor)


def _key_of(p: _Prepared) -> tuple[str, int] | None:
    if p.figure is None or p.figure.anchor is None or not p.unit:
        return None
    return (p.concept.family if p.concept else f"unit:{fold(p.unit)}"), _bucket(p.figure.anchor)


def block_keys(record: Record, table: ConceptTable | None = None) -> list[tuple[tuple[str, int], str]]:
    """Where a record goes: its own block ('owner') and the block above ('guest')."""
    key = block_key(record, table)
    if key is None:
        return []
    family, bucket = key
    above = bucket + 1 if bucket != -10_000 else bucket
    return [(key, "owner")] + ([((family, above), "guest")] if above != bucket else [])


def match_block(records: list[Record], key: tuple[str, int] | None = None) -> list[Match]:
    """Every match inside one block (records that share a family and a value bucket).

    With `key`, records whose own key is not `key` are guests from the bucket below: pairs of
    two guests are left to their own block. Without it, every record is an owner.
    """
    table = concept_table()
    concepts: dict = {}
    prepared = [_prepare(r, table, concepts) for r in records]
    owners = [key is None or _key_of(p) == key for p in prepared]
    by_anchor: dict[str, list[int]] = {}
    for i, p in enumerate(prepared):
        # Rare anchors are candidates on their own; common ones only in pairs ("gaza|lancet").
        tokens = {t for t in p.anchors | p.context if t not in p.hot}
        hot = sorted(p.hot)[:MAX_HOT_PAIRED]
        tokens.update(f"{x}|{y}" for n, x in enumerate(hot) for y in hot[n + 1:])
        tokens.add(f"article:{p.article}")
        for tok in tokens:
            by_anchor.setdefault(tok, []).append(i)
    seen: set[tuple[int, int]] = set()
    matches = []
    for members in by_anchor.values():
        for x in range(len(members)):
            i = members[x]
            for j in members[x + 1:]:
                if not (owners[i] or owners[j]) or (i, j) in seen:
                    continue
                seen.add((i, j))
                m = _match(prepared[i], prepared[j])
                if m is not None:
                    matches.append(m)
    return matches


def blocks(records: Iterable[Record]) -> dict[tuple[str, int], list[Record]]:
    """Records grouped by block, each also placed as a guest in the block above its own."""
    table = concept_table()
    grouped: dict[tuple[str, int], list[Record]] = {}
    for rec in records:
        for key, _role in block_keys(rec, table):
            grouped.setdefault(key, []).append(rec)
    return grouped


# --- clusters ----------------------------------------------------------------------------

@dataclass
class Cluster:
    """Figure records linked by matches (the transitive closure), with every match."""

    id: str
    figure_ids: list[str]
    claim_ids: list[str]
    article_keys: list[str]
    matches: list[Match] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster_matches(records: list[Record], matches: Iterable[Match]) -> list[Cluster]:
    """Union-find over matches: every cluster of two or more figure records, largest first."""
    uf = _UnionFind()
    kept, linked = [], set()
    for m in matches:
        uf.union(m.a, m.b)
        kept.append(m)
        linked.update((m.a, m.b))
    by_id = {figure_id(r): r for r in records}
    members: dict[str, list[str]] = {}
    for fid in by_id:
        if fid in linked:
            members.setdefault(uf.find(fid), []).append(fid)
    grouped: dict[str, list[Match]] = {}
    for m in kept:
        grouped.setdefault(uf.find(m.a), []).append(m)
    clusters = []
    for root, fids in members.items():
        fids.sort()
        recs = [by_id[f] for f in fids]
        clusters.append(Cluster(id=root, figure_ids=fids,
                                claim_ids=sorted({str(r.get("claim_id")) for r in recs}),
                                article_keys=sorted({_article_key(r) for r in recs}),
                                matches=grouped.get(root, [])))
    clusters.sort(key=lambda c: (-len(c.article_keys), -len(c.figure_ids), c.id))
    return clusters


def iter_matches(records: Iterable[Record]) -> Iterator[Match]:
    """Block the records and match every block."""
    for key, members in blocks(records).items():
        yield from match_block(members, key)


def cluster(records: list[Record], context: bool = True) -> list[Cluster]:
    """Clusters of figure records that report the same thing (records without a figure are left out).

    `context=True` first runs `prepare` (anchors, article context, common anchors) over them;
    records already prepared may skip it.
    """
    with _collector_paused():
        if context:
            records = prepare(records)
        figured = [r for r in records if figure_of(r) is not None]
        return cluster_matches(figured, iter_matches(figured))


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector: matching allocates millions of small acyclic
    objects, and full collections over them made a million records quadratic."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
