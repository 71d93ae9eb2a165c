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
block, only records that share a rare token are compared (an inverted index): a rare anchor
is one found in at most HOT_MIN_ARTICLES articles, a count that does not grow with the
ledger, so each record has a bounded number of candidates however large its block grows,
and the work is linear in the number of records (measured: about 25 candidate pairs per
record at 10k, 100k and 300k records; benchmarks/bench_match.py).
"""

from __future__ import annotations

import gc
import math
import re
import sys
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

@dataclass(frozen=True, slots=True)
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


def figure_relation(a: Figure, b: Figure) -> str | None:
    """How two figures may be one: 'equal', 'rounding', 'overlap' or 'value_changed'; else None."""
    va, vb = a.anchor, b.anchor
    if va is None or vb is None:
        return None
    r = ratio(va, vb)
    if r - 1 > BOUND_TOLERANCE + 1e-9:
        return None
    if a.exact and b.exact:
        if va == vb:
            return "equal"
        if rounds_to(va, vb) or rounds_to(vb, va):
            return "rounding"
        apart = _digits_apart(va, vb)
        if r - 1 <= VALUE_CHANGED_TOLERANCE and apart is not None and apart <= MAX_CHANGED_DIGITS:
            return "value_changed"
        return None
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    if alo <= bhi and blo <= ahi:
        return "equal" if va == vb and a.bound == b.bound else "overlap"
    if a.value is not None and b.value is not None and (rounds_to(a.value, b.value) or rounds_to(b.value, a.value)):
        return "rounding"
    return None


def figure_reason(relation: str, a: Figure, b: Figure) -> str:
    """The words of a figure relation: 'value 1000~1010 overlap', 'value 8~7.9 rounding'."""
    va, vb = a.anchor, b.anchor
    if relation == "equal":
        return f"value {number(va)} equal" + ("" if a.exact and b.exact else f", bounds {a.bound}/{b.bound}")
    word = {"value_changed": "changed"}.get(relation, relation)
    return f"value {number(va)}~{number(vb)} {word}"


def compare_figures(a: Figure, b: Figure) -> tuple[str, str] | None:
    """(relation, reason) when two figures may be one, else None.

    relation: 'equal', 'rounding', 'overlap' or 'value_changed'.
    """
    relation = figure_relation(a, b)
    return None if relation is None else (relation, figure_reason(relation, a, b))


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


def anchors(record: Record, table: ConceptTable | None = None, seen: dict[str, list[str]] | None = None) -> set[str]:
    """Entity and source tokens of a record's sentence (read from `anchors` once `prepare` set it).

    `seen` caches the tokens of each name across the records of one call: names repeat a lot
    across a corpus, and folding them is most of the work of reading a million records."""
    if "anchors" in record:
        return set(record["anchors"])
    table = table or concept_table()
    seen = {} if seen is None else seen
    found: set[str] = set()

    def add(name: str) -> None:
        tokens = seen.get(name)
        if tokens is None:
            tokens = seen[name] = name_tokens(name, table)
        found.update(tokens)

    for entity in record.get("entities") or []:
        if isinstance(entity, dict) and entity.get("label") in table.skip_labels:
            continue
        add(entity.get("text", "") if isinstance(entity, dict) else str(entity))
    for link in record.get("chain") or []:
        if is_named(link):
            add(link.get("source", ""))
    return found


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


# --- features: what matching reads of a record, computed once --------------------------------

_NONE: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Features:
    """What matching needs of one figure record, compact: tuples of interned tokens, the
    article's context shared by all its records, the date as a day number."""

    fid: str
    figure: Figure
    concept: Concept | None
    unit: str | None  # folded, for nouns no concept lists
    anchors: tuple[str, ...]
    context: tuple[str, ...]
    hot: tuple[str, ...]
    article: str
    day: int | None
    pairs: tuple[str, ...] = ()  # "x|y": two common anchors of its article seldom found together

    @property
    def claim_id(self) -> str:
        return self.fid.rsplit("#", 1)[0]


def _intern_all(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({sys.intern(t) for t in tokens})) or _NONE


def features(records: Iterable[Record], context: bool = True) -> list[Features]:
    """The Features of every figure record (records without a figure only lend their
    anchors to their article's context).

    With `context`, one pass over the corpus adds to each record
    - `context`: the anchors of its whole article (a figure is often in a sentence that names
      nothing, "the toll could exceed 186,000", while the article names Gaza and the Lancet);
    - `hot`: those of its anchors that many articles share ("ukraine", "gaza" in a large
      ledger): one of them alone is too weak to say two reports are one.
    Without it, records already carry `anchors`, `context` and `hot` (see `prepare`).
    Records are read, never copied or changed.
    """
    table = concept_table()
    records = records if isinstance(records, list) else list(records)
    concepts: dict = {}
    names: dict[str, list[str]] = {}
    days: dict[Any, int | None] = {}
    if not context:
        return [_features(rec, fig, table, concepts, days, _intern_all(anchors(rec, table, names)),
                          _intern_all(rec.get("context") or ()), _intern_all(rec.get("hot") or ()))
                for rec in records if (fig := figure_of(rec)) is not None]
    own = [_intern_all(anchors(rec, table, names)) for rec in records]
    del names
    counts: dict[str, dict[str, int]] = {}
    for rec, toks in zip(records, own):
        per = counts.setdefault(_article_key(rec), {})
        for tok in toks:
            per[tok] = per.get(tok, 0) + 1
    df: dict[str, int] = {}
    for per in counts.values():
        for tok in per:
            df[tok] = df.get(tok, 0) + 1
    hot = {tok for tok, n in df.items() if n > HOT_MIN_ARTICLES}
    del df
    contexts = {art: tuple(sorted(sorted(per, key=lambda t: (-per[t], t))[:MAX_CONTEXT_ANCHORS])) or _NONE
                for art, per in counts.items()}
    del counts
    pairs = _rare_pairs(contexts, hot)
    out = []
    for rec, toks in zip(records, own):
        fig = figure_of(rec)
        if fig is None:
            continue
        art = _article_key(rec)
        ctx = contexts[art]
        rec_hot = tuple(sorted(t for t in set(toks).union(ctx) if t in hot)) if hot else _NONE
        out.append(_features(rec, fig, table, concepts, days, toks, ctx, rec_hot or _NONE, pairs.get(art, _NONE)))
    return out


def _hot_pairs(tokens: Iterable[str], hot: set[str]) -> list[str]:
    common = sorted(t for t in tokens if t in hot)[:MAX_HOT_PAIRED]
    return [f"{x}|{y}" for n, x in enumerate(common) for y in common[n + 1:]]


def _rare_pairs(contexts: dict[str, tuple[str, ...]], hot: set[str]) -> dict[str, tuple[str, ...]]:
    """Per article, the pairs of its common anchors that few articles share ("gaza|lancet"
    where both are everywhere but seldom together): such a pair is as telling as a rare name."""
    if not hot:
        return {}
    per_article = {art: _hot_pairs(ctx, hot) for art, ctx in contexts.items()}
    df: dict[str, int] = {}
    for found in per_article.values():
        for p in found:
            df[p] = df.get(p, 0) + 1
    return {art: tuple(sys.intern(p) for p in found if df[p] <= HOT_MIN_ARTICLES) or _NONE
            for art, found in per_article.items() if found}


def _features(rec: Record, fig: Figure, table: ConceptTable, concepts: dict, days: dict, toks: tuple[str, ...],
              ctx: tuple[str, ...], hot: tuple[str, ...], pairs: tuple[str, ...] = _NONE) -> Features:
    # `concepts` and `days` cache, for one call of `features`, what many records repeat
    key = (rec.get("unit"), rec.get("language"))
    if key not in concepts:
        concepts[key] = (table.concept(*key), sys.intern(fold(key[0])) if key[0] else None)
    concept, unit = concepts[key]
    published = rec.get("published")
    if published not in days:
        day = _date(published)
        days[published] = day.toordinal() if day else None
    return Features(fid=figure_id(rec), figure=fig, concept=concept, unit=unit, anchors=toks,
                    context=ctx, hot=hot, article=sys.intern(_article_key(rec)), day=days[published], pairs=pairs)


def prepare(records: Iterable[Record]) -> list[Record]:
    """Copies of the records with `anchors`, `context` and `hot` (see `features`), for callers
    that read them next to the record's other fields (selon.trace); records without a figure
    get their own anchors as context."""
    records = list(records)
    by_fid = {f.fid: f for f in features(records)}
    table = concept_table()
    out = []
    for rec in records:
        f = by_fid.get(figure_id(rec)) if figure_of(rec) is not None else None
        own = sorted(anchors(rec, table))
        out.append({**rec, "anchors": list(f.anchors) if f else own, "context": list(f.context) if f else own,
                    "hot": list(f.hot) if f else []})
    return out


# --- matching ----------------------------------------------------------------------------

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


def _same_noun(a: Features, b: Features) -> bool:
    ca, cb = a.concept, b.concept
    if ca is not None and cb is not None:
        return ca is cb or cb.name in ca.lineage or ca.name in cb.lineage
    return ca is None and cb is None and a.unit is not None and a.unit == b.unit


def _enough(shared: set[str], hot: set[str], gap: int | None, pairs: set[str] = frozenset()) -> bool:
    """Whether shared names make one story: two rare names; or, when the reports are at most
    DATE_WINDOW_DAYS apart (or undated), one rare name or two common ones seldom found
    together. Common names alone never do. At scale, stories that share a single
    mid-frequency name ("Kharkiv") within a year are many; within a month, they are few."""
    rare = sum(1 for t in shared if t not in hot) if hot else len(shared)
    if rare >= 2:
        return True
    if rare == 0 and not (pairs and any(p in pairs for p in _hot_pairs(shared, hot))):
        return False
    return gap is None or gap <= DATE_WINDOW_DAYS


_NO_NAMES: frozenset[str] = frozenset()


def _anchoring(a: Features, b: Features, gap: int | None) -> tuple[set[str], set[str]] | None:
    """(shared sentence anchors, shared context anchors) that make two reports one story, else None."""
    hot = set(a.hot).union(b.hot) if a.hot or b.hot else _NO_NAMES
    pairs = set(a.pairs).intersection(b.pairs) if a.pairs and b.pairs else _NO_NAMES
    shared = set(a.anchors).intersection(b.anchors)
    if _enough(shared, hot, gap, pairs):
        return shared, set()
    context = set(a.context).union(a.anchors).intersection(set(b.context).union(b.anchors))
    if _enough(context, hot, gap, pairs):
        return shared, context - shared
    if a.article == b.article:
        return shared, set()
    return None


def _relation(a: Features, b: Features) -> str | None:
    """The figure relation of two reports of one story, else None (no strings built: most
    candidate pairs fail, and a million records make tens of millions of candidates).
    Cheapest tests first: dates, nouns, figures, then the names they share."""
    gap = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    if gap is not None and gap > MAX_DATE_GAP_DAYS:
        return None
    if not _same_noun(a, b):
        return None
    relation = figure_relation(a.figure, b.figure)
    if relation is None or _anchoring(a, b, gap) is None:
        return None
    return relation


def explain(a: Features, b: Features) -> tuple[str, ...]:
    """The reasons two matching reports are one, in words: value, noun, anchors, dates."""
    gap = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    anchoring = _anchoring(a, b, gap) or (set(), set())
    shared, context = anchoring
    relation = figure_relation(a.figure, b.figure)
    reasons = [figure_reason(relation, a.figure, b.figure) if relation else "value differs",
               concept_relation(a.concept, b.concept, a.unit, b.unit) or "noun differs"]
    if a.article == b.article:
        reasons.append("same article")
    reasons += [f"entity {t}" for t in sorted(shared)] + [f"context {t}" for t in sorted(context)]
    if gap is not None and gap <= DATE_WINDOW_DAYS:
        reasons.append(f"date window {gap} days")
    return tuple(reasons)


class Match:
    """Two figure records that report the same thing. Its reasons are rendered on demand
    from the two records' features (a million matches do not keep a million reason lists)."""

    __slots__ = ("a", "b", "relation", "_fa", "_fb")

    def __init__(self, fa: Features, fb: Features, relation: str):
        # a, b in id order; the reasons read in the order the pair was compared
        self.a, self.b = (fa.fid, fb.fid) if fa.fid <= fb.fid else (fb.fid, fa.fid)
        self.relation, self._fa, self._fb = relation, fa, fb

    @property
    def reasons(self) -> tuple[str, ...]:
        return explain(self._fa, self._fb)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Match) and (self.a, self.b, self.relation) == (other.a, other.b, other.relation)

    def __hash__(self) -> int:
        return hash((self.a, self.b, self.relation))

    def __repr__(self) -> str:
        return f"Match({self.a!r}, {self.b!r}, {self.relation!r}, reasons={self.reasons!r})"


def match_features(a: Features, b: Features) -> Match | None:
    relation = _relation(a, b)
    return None if relation is None else Match(a, b, relation)


def match_pair(a: Record, b: Record) -> Match | None:
    """Whether two figure records report the same thing; the Match lists the reasons."""
    fa, fb = features([a, b], context=False)[:2] if figure_of(a) and figure_of(b) else (None, None)
    return match_features(fa, fb) if fa is not None else None


def _bucket(v: float) -> int:
    if v == 0:
        return -10_000
    return math.floor(math.log10(abs(v)) / BUCKET_WIDTH + 1e-9) * (1 if v > 0 else -1)


def _key_of(f: Features) -> tuple[str, int] | None:
    if f.figure.anchor is None or not f.unit:
        return None
    return (f.concept.family if f.concept else f"unit:{f.unit}"), _bucket(f.figure.anchor)


def block_key(record: Record, table: ConceptTable | None = None) -> tuple[str, int] | None:
    """(concept family, value bucket), or None for a record with no figure or no counted noun."""
    fig = figure_of(record)
    if fig is None:
        return None
    return _key_of(features([record], context=False)[0])


def _above(key: tuple[str, int]) -> tuple[str, int] | None:
    family, bucket = key
    return (family, bucket + 1) if bucket != -10_000 else None


def block_keys(record: Record, table: ConceptTable | None = None) -> list[tuple[tuple[str, int], str]]:
    """Where a record goes: its own block ('owner') and the block above ('guest')."""
    key = block_key(record, table)
    if key is None:
        return []
    above = _above(key)
    return [(key, "owner")] + ([(above, "guest")] if above else [])


def _candidate_tokens(f: Features) -> set[str]:
    """The tokens under which a record meets its candidates: rare anchors on their own,
    common ones only in pairs ("gaza|lancet"), and its article."""
    hot = f.hot
    tokens = {t for t in f.anchors if t not in hot} if hot else set(f.anchors)
    tokens.update(t for t in f.context if t not in hot) if hot else tokens.update(f.context)
    tokens.update(f.pairs)
    tokens.add("article:" + f.article)
    return tokens


def _block_matches(members: list[Features], owners: list[bool],
                   tokens_of: list[tuple[str, ...]] | None = None) -> Iterator[Match]:
    """Matches among one block's members, owner–owner and owner–guest, each pair once.

    Members are indexed one after the other: each meets, through the tokens it shares with
    them, the members indexed before it (a guest only the owners), so a pair comes up once
    and the work is the size of the candidate sets, never the square of the block's size.
    The union of a member's token lists is taken by `set.update`, in C: members of one
    article or story share many tokens, and each shared token would otherwise repeat the pair.
    """
    seen_by: dict[str, list[int]] = {}  # token → members indexed so far
    owned_by: dict[str, list[int]] = {}  # token → owners indexed so far
    for i, f in enumerate(members):
        tokens = tokens_of[i] if tokens_of is not None else _candidate_tokens(f)
        index = seen_by if owners[i] else owned_by
        candidates: set[int] = set()
        for tok in tokens:
            found = index.get(tok)
            if found:
                candidates.update(found)
        for j in sorted(candidates):
            relation = _relation(members[j], f)
            if relation is not None:
                yield Match(members[j], f, relation)
        for tok in tokens:
            seen_by.setdefault(tok, []).append(i)
            if owners[i]:
                owned_by.setdefault(tok, []).append(i)


def match_block(records: list[Record], key: tuple[str, int] | None = None) -> list[Match]:
    """Every match inside one block (records that share a family and a value bucket).

    With `key`, records whose own key is not `key` are guests from the bucket below: pairs of
    two guests are left to their own block. Without it, every record is an owner.
    """
    members = features(records, context=False)
    return list(_block_matches(members, [key is None or _key_of(f) == key for f in members]))


def _blocks(feats: list[Features]) -> dict[tuple[str, int], list[int]]:
    """Indices of the features that own each block."""
    owned: dict[tuple[str, int], list[int]] = {}
    for i, f in enumerate(feats):
        key = _key_of(f)
        if key is not None:
            owned.setdefault(key, []).append(i)
    return owned


def blocks(records: Iterable[Record]) -> dict[tuple[str, int], list[Record]]:
    """Records grouped by block, each also placed as a guest in the block above its own."""
    grouped: dict[tuple[str, int], list[Record]] = {}
    for rec in records:
        for key, _role in block_keys(rec):
            grouped.setdefault(key, []).append(rec)
    return grouped


def _iter_feature_matches(feats: list[Features]) -> Iterator[Match]:
    owned = _blocks(feats)
    # each record meets two blocks (its own, and the one above as a guest): its tokens are
    # worked out once
    tokens = [tuple(_candidate_tokens(f)) if _key_of(f) is not None else _NONE for f in feats]
    for key, own in owned.items():
        below = owned.get((key[0], key[1] - 1), []) if key[1] != -10_000 else []
        members = [feats[i] for i in own] + [feats[i] for i in below]
        yield from _block_matches(members, [True] * len(own) + [False] * len(below),
                                  [tokens[i] for i in own] + [tokens[i] for i in below])


def iter_matches(records: Iterable[Record]) -> Iterator[Match]:
    """Block the records and match every block."""
    yield from _iter_feature_matches(features(list(records)))


# --- clusters ----------------------------------------------------------------------------

@dataclass
class Cluster:
    """Figure records linked by matches (the transitive closure). `matches` holds a spanning
    set (the matches that joined the cluster), or every match when asked for."""

    id: str
    figure_ids: list[str]
    claim_ids: list[str]
    article_keys: list[str]
    matches: list[Match] = field(default_factory=list)


def _find(parent: list[int], x: int) -> int:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:  # path compression
        parent[x], x = root, parent[x]
    return root


def _clusters(feats: list[Features], matches: Iterable[Match], all_matches: bool) -> list[Cluster]:
    index = {f.fid: i for i, f in enumerate(feats)}
    parent = list(range(len(feats)))
    kept: list[Match] = []
    for m in matches:
        ra, rb = _find(parent, index[m.a]), _find(parent, index[m.b])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
            kept.append(m)
        elif all_matches:
            kept.append(m)
    members: dict[int, list[int]] = {}
    for i in range(len(feats)):
        root = _find(parent, i)
        if root != i or parent[i] != i:
            members.setdefault(root, []).append(i)
    for root, idx in members.items():
        idx.insert(0, root)
    grouped: dict[int, list[Match]] = {}
    for m in kept:
        grouped.setdefault(_find(parent, index[m.a]), []).append(m)
    del index
    clusters = []
    for root, idx in members.items():
        fids = sorted(feats[i].fid for i in idx)
        clusters.append(Cluster(id=fids[0], figure_ids=fids,
                                claim_ids=sorted({feats[i].claim_id for i in idx}),
                                article_keys=sorted({feats[i].article for i in idx}),
                                matches=grouped.get(root, [])))
    clusters.sort(key=lambda c: (-len(c.article_keys), -len(c.figure_ids), c.id))
    return clusters


def cluster_matches(records: list[Record], matches: Iterable[Match]) -> list[Cluster]:
    """Union-find over matches: every cluster of two or more figure records, largest first."""
    return _clusters(features(records, context=False), matches, all_matches=True)


def cluster(records: list[Record], context: bool = True, all_matches: bool = False) -> list[Cluster]:
    """Clusters of figure records that report the same thing (records without a figure are left out).

    `context=True` first computes anchors, article context and common anchors over them
    (see `features`); records that `prepare` returned may skip it. Each cluster keeps the
    matches that joined it, or with `all_matches` every match.
    """
    with _collector_paused():
        feats = features(records, context=context)
        return _clusters(feats, _iter_feature_matches(feats), all_matches)


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
