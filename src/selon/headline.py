"""Headline check: does the title say more than the body?

The title is cut into *statements*: its claims (from the claims component) plus the parts
of it no claim covers that still say something (a verb). The body likewise: its claims
plus, per sentence, the words no claim covers, which are the author's plain assertions.

1. Topic: when the body holds under `TOPIC_THRESHOLD` of the title's content lemmas, the
   body says nothing of the title: unsupported.
2. Aboutness: each title statement is scored against each body statement: the share of
   its content lemmas (nouns, verbs, proper nouns, numbers; adjectives at half weight)
   found there, each weighted by its rarity in the body; near-synonyms ([headline]
   synonyms of the language data), shared stems and close figures count too. Body
   statements scoring at least `MATCH_THRESHOLD` and near the best are *about* it.
3. Checks against each of those, best first: certainty_upgrade, quantity_inflation,
   generalization, source_dropped. The first that passes them all makes the statement
   supported; if none does, the best one's reasons make it overstated. A body statement
   of opposite polarity contradicts it (unless the title reports the denial itself).

The title is overstated when one statement is, else supported when one is, else
unsupported. `Headline.reasons` uses the gold vocabulary; `Headline.evidence` also holds,
per title statement, a `match` / `no_match` / `contradiction` item naming the words shared.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import math
from dataclasses import dataclass, field
from typing import Container, Iterable

from spacy.attrs import IDX, LENGTH, MORPH, POS
from spacy.symbols import NOUN
from spacy.tokens import Doc, Span, Token

from . import langdata
from .model import CERTAINTY_RANK, ChainLink, Claim, Cue, Headline, HeadlineReason, Hedge, Quantity
from .pipeline import doc_text

# Both measured on the 13 gold titles with the gold claims, against their own body and the
# 121 other bodies of their language: a title shares >= 0.667 of its content lemmas with
# its own body and <= 0.583 with another's (but 1 pair of two articles on electricity
# prices); the best-matching body statement of a gold title scores >= 0.323.
TOPIC_THRESHOLD = 0.6  # share of the title's lemmas found anywhere in the body
MATCH_THRESHOLD = 0.3  # weighted share of a title statement's lemmas in one body statement
ADJECTIVE_WEIGHT = 0.5  # adjectives colour a statement more than they name its subject
STEM_WEIGHT = 0.75  # "relaxe" ~ "relaxer": same word family, not the same word
MIN_STEM = 5  # shorter common prefixes are chance ("pro-", "con-")
NUMBER_TOLERANCE = 0.1  # figures this close are taken as the same one for matching only
NEAR_BEST = 0.85  # body statements scoring this close to the best one are about the title too

CONTENT_POS = {"NOUN", "PROPN", "VERB", "NUM"}
# Dependency labels (UD and ClearNLP) of words that qualify their head rather than head a clause.
MODIFIER_DEPS = {"aux", "auxpass", "mark", "advmod", "amod", "cop", "det", "neg"}


@dataclass(frozen=True)
class Lexicon:
    """The [headline] table of a language, ready to use."""

    canonical: dict[str, str]
    singular_determiners: frozenset[str]
    partial_quantifiers: frozenset[str]
    universal_quantifiers: frozenset[str]
    separators: frozenset[str]
    attribution_words: frozenset[str]
    generic_person_units: frozenset[str]
    person_units: frozenset[str]

    @classmethod
    def of(cls, data: langdata.LangData) -> "Lexicon":
        # Built once per language data: compare() runs once per article.
        cached = _LEXICONS.get(id(data))
        if cached is not None and cached[0] is data:
            return cached[1]
        lexicon = cls._build(data)
        _LEXICONS[id(data)] = (data, lexicon)
        return lexicon

    @classmethod
    def _build(cls, data: langdata.LangData) -> "Lexicon":
        table = data.section("headline")
        canonical = {}
        for group in table.get("synonyms", []):
            for word in group:
                canonical[word.lower()] = group[0].lower()

        def words(key: str) -> frozenset[str]:
            return frozenset(w.lower() for w in table.get(key, []))

        return cls(canonical, words("singular_determiners"), words("partial_quantifiers"),
                   words("universal_quantifiers"), frozenset(table.get("title_separators", [":"])),
                   words("title_attribution_words"), words("generic_person_units"), words("person_units"))


# A cache of derived read-only data keyed by the (immutable, module-cached) language data it
# was built from; the data object is kept alongside so that its id cannot be reused.
_LEXICONS: dict[int, tuple[langdata.LangData, Lexicon]] = {}


@dataclass
class Statement:
    """Something the title or the body asserts, with how it asserts it."""

    id: str | None  # claim id; None for words no claim covers
    part: str
    tokens: list[Token]
    chain: list[ChainLink] = field(default_factory=list)
    certainty: str = "certain"
    polarity: str = "positive"
    hedges: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    hedge_spans: list[Hedge] = field(default_factory=list)
    # `_content(tokens)` when it was already worked out to decide that this is a statement
    content: dict[str, tuple[Token, float]] | None = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1])

    @property
    def text(self) -> str:
        # doc_text, read once per Doc: spaCy rebuilds doc.text (and a span's text) from its tokens on each access.
        return doc_text(self.tokens[0].doc)[self.start:self.end]

    def ref(self) -> str:
        text = self.text
        quoted = text if len(text) <= 70 else text[:67] + "..."
        return f"{self.id or f'sentence {self.start}-{self.end}'} «{quoted}»"


def _lemma(t: Token, lex: Lexicon, pos: str | None = None) -> str:
    """The lemma, or the name itself for a proper noun (lemmatizers mangle names). `pos`:
    `t.pos_` when the caller has read it already (each read is a string store lookup)."""
    if pos is None:
        pos = t.pos_
    lemma = t.text if pos == "PROPN" else t.lemma_ or t.text
    lemma = lemma.lower()
    return lex.canonical.get(lemma, lemma)


# --- statements ------------------------------------------------------------------------------


def _offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """The start and end character offsets of every token, read once per Doc (kept in its
    user_data): bisecting plain numbers makes no Token objects, and both go up with the index."""
    offsets = doc.user_data.get("selon.token_offsets")
    if offsets is None:
        table = doc.to_array([IDX, LENGTH])
        starts = table[:, 0]
        offsets = doc.user_data["selon.token_offsets"] = (starts.tolist(), (starts + table[:, 1]).tolist())
    return offsets


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    # Tokens whose characters lie within [start, end): found by bisection on token offsets, since
    # this runs once per claim and a scan of the whole doc each time would be quadratic.
    starts, ends = _offsets(doc)
    first, last = bisect_left(starts, start), bisect_right(ends, end)
    return [t for t in doc[first:max(first, last)] if not t.is_space]


def _claim_statement(doc: Doc, claim: Claim) -> Statement | None:
    tokens = _tokens_in(doc, claim.start, claim.end)
    if not tokens:
        return None
    return Statement(claim.id or None, claim.part, tokens, list(claim.chain), claim.certainty,
                     claim.polarity, list(claim.hedges), list(claim.quantities), list(claim.hedge_spans))


def _covered(claims: list[Claim]) -> list[tuple[int, int]]:
    """Character ranges the claims account for: their content, sources and cues."""
    spans = []
    for c in claims:
        spans.append((c.start, c.end))
        for link in c.chain:
            if link.start >= 0:
                spans.append((link.start, link.end))
            if link.cue_start >= 0:
                spans.append((link.cue_start, link.cue_end))
    return spans


def _covered_tokens(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens that start or end inside one of the character ranges."""
    starts, ends = _offsets(doc)
    covered: set[int] = set()
    for s, e in spans:
        # from the first token ending after s to the last starting before e, found by bisection:
        # one pass over the doc per claim would be quadratic
        for i in range(bisect_right(ends, s), bisect_left(starts, e)):
            if s <= starts[i] or ends[i] <= e:
                covered.add(i)
    return covered


def _uncovered(tokens: Iterable[Token], covered: set[int]) -> list[Token]:
    return [t for t in tokens if not t.is_space and t.i not in covered]


def _uncovered_in(span: Span, covered: set[int]) -> list[Token]:
    """`_uncovered(span, covered)`, making Token objects only for the words left over."""
    doc = span.doc
    return [t for t in (doc[i] for i in range(span.start, span.end) if i not in covered) if not t.is_space]


def _doc_quantities(doc: Doc) -> list[Quantity]:
    """The figures the quantities component found in the doc (none if it did not run)."""
    return (doc._.selon_quantities or []) if Doc.has_extension("selon_quantities") else []


def _quantities_in(quantities: list[Quantity], tokens: list[Token]) -> list[Quantity]:
    if not tokens:
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return [q for q in quantities if q.start >= start and q.end <= end]


def _title_segments(doc: Doc, lex: Lexicon) -> list[list[Token]]:
    segments: list[list[Token]] = [[]]
    for t in doc:
        # a hyphen with spaces around it parts a title ("X - report"); one inside a word does not
        spaced_hyphen = t.text == "-" and t.i > 0 and bool(t.whitespace_) and bool(doc[t.i - 1].whitespace_)
        if t.text in lex.separators or spaced_hyphen:
            segments.append([])
        else:
            segments[-1].append(t)
    return [s for s in segments if s]


def title_statements(doc: Doc, claims: list[Claim], lex: Lexicon) -> list[Statement]:
    """The title's claims, then what each part of the title says outside them (if it has a verb)."""
    out = [s for s in (_claim_statement(doc, c) for c in claims) if s]
    covered = _covered_tokens(doc, _covered(claims))
    segments = _title_segments(doc, lex)
    for segment in segments:
        rest = _uncovered(segment, covered)
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in rest)
        # A verbless title ("Chute et déchéance d'un ex-avocat") is still one statement.
        if not (rest and (has_verb or (not claims and len(segments) == 1))):
            continue
        content = _content(rest, lex)
        if content:
            out.append(Statement(None, "title", rest, quantities=_quantities_in(_doc_quantities(doc), rest),
                                 content=content))
    return out


def body_statements(doc: Doc, claims: list[Claim], lex: Lexicon) -> list[Statement]:
    """The body's claims, then per sentence the author's own words outside them."""
    out = [s for s in (_claim_statement(doc, c) for c in claims) if s]
    covered = _covered_tokens(doc, _covered(claims))
    quantities = _doc_quantities(doc)
    for sent in doc.sents:
        rest = _uncovered_in(sent, covered)
        content = _content(rest, lex)
        if len(content) >= 2:
            out.append(Statement(None, "body", rest, quantities=_quantities_in(quantities, rest), content=content))
    return out


# --- content words -------------------------------------------------------------------------------


def _number_key(value) -> str:
    return f"#{float(value):g}"


def _content(tokens: Iterable[Token], lex: Lexicon) -> dict[str, tuple[Token, float]]:
    """Content lemma -> (first token, weight). Numbers become '#value'."""
    out: dict[str, tuple[Token, float]] = {}
    for t in tokens:
        if t.is_punct or t.is_space:
            continue
        pos = t.pos_  # read once: each read is a string store lookup
        if t.is_stop and pos != "PROPN":
            continue
        if pos in ("NUM", "DET", "NOUN") and t.like_num:
            digits = t.text.replace(",", ".")
            try:
                out.setdefault(_number_key(float(digits)), (t, 1.0))
            except ValueError:
                pass
            continue
        if pos in CONTENT_POS or t.ent_type_:
            weight = 1.0
        elif pos == "ADJ":
            weight = ADJECTIVE_WEIGHT
        else:
            continue
        out.setdefault(_lemma(t, lex, pos), (t, weight))
    return out


def _keys(statement: Statement, lex: Lexicon) -> dict[str, tuple[Token, float]]:
    keys = dict(statement.content) if statement.content is not None else _content(statement.tokens, lex)
    for q in statement.quantities:
        for v in (q.value, q.low, q.high):
            if v is not None:
                token = next((t for t in statement.tokens if t.idx >= q.start), statement.tokens[0])
                keys.setdefault(_number_key(v), (token, 1.0))
    return keys


def _stem_match(a: str, b: str) -> bool:
    if a.startswith("#") or b.startswith("#"):
        return _near_number(a, b)
    shorter, longer = sorted((a, b), key=len)
    if longer.startswith(shorter) and longer[len(shorter):].isdigit():
        return True  # a name and its numbered version: "EPR" ~ "EPR2"
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(MIN_STEM, math.ceil(0.75 * min(len(a), len(b))))


def _near_number(a: str, b: str) -> bool:
    """Two figures close enough to be the same count told twice ("more than 100" ~ "102")."""
    if not (a.startswith("#") and b.startswith("#")):
        return False
    x, y = float(a[1:]), float(b[1:])
    return abs(x - y) <= NUMBER_TOLERANCE * max(abs(x), abs(y))


@dataclass
class Match:
    score: float
    body: Statement
    shared: list[tuple[Token, Token]]  # (title token, body token)


def _rarity(bodies: list[dict[str, tuple[Token, float]]]) -> dict[str, float]:
    """Inverse statement frequency of each lemma in the body: rare words tell more."""
    n = len(bodies)
    df: dict[str, int] = {}
    for keys in bodies:
        for k in keys:
            df[k] = df.get(k, 0) + 1
    # smoothed, so that a short body does not make its every word worthless
    return {k: 1 + math.log((n + 1) / (d + 1)) for k, d in df.items()} | {"": 1 + math.log(n + 1)}


def _stem_bucket(key: str) -> str:
    # Keys that can stem-match share their first 3 characters (a common stem is >= MIN_STEM long,
    # a numbered name starts with its name) or are both figures.
    return "#" if key.startswith("#") else key[:3]


def stem_index(keys: Iterable[str]) -> dict[str, list[str]]:
    """The keys by stem bucket, so that a title word is stem-compared only with likely ones."""
    index: dict[str, list[str]] = {}
    for k in keys:
        bucket = "#" if k.startswith("#") else k[:3]  # `_stem_bucket(k)`, inlined: this runs for every body word
        index.setdefault(bucket, []).append(k)
    return index


def similarity(title_keys: dict[str, tuple[Token, float]], body_keys: dict[str, tuple[Token, float]],
               rarity: dict[str, float],
               index: dict[str, list[str]] | None = None) -> tuple[float, list[tuple[Token, Token]]]:
    """Weighted share of the title's content lemmas that the body statement has."""
    if index is None:
        index = stem_index(body_keys)
    total = gained = 0.0
    shared = []
    unknown = rarity[""]
    for key, (token, weight) in title_keys.items():
        w = weight * rarity.get(key, unknown)
        total += w
        same = body_keys.get(key)
        if same is not None:
            gained += w
            shared.append((token, same[0]))
            continue
        candidates = index.get(_stem_bucket(key), ()) if len(key) >= 3 or key.startswith("#") else body_keys
        stem = next((k for k in candidates if _stem_match(key, k)), None)
        if stem is not None:
            gained += STEM_WEIGHT * w
            shared.append((token, body_keys[stem][0]))
    return (gained / total if total else 0.0), shared


def topic_share(title_keys: list[dict[str, tuple[Token, float]]],
                body_keys: list[dict[str, tuple[Token, float]]]) -> tuple[float, list[tuple[Token, Token]]]:
    """Share of the title's content lemmas found anywhere in the body, unweighted by rarity:
    is the body about what the title talks of at all?"""
    every_title: dict[str, tuple[Token, float]] = {}
    for keys in title_keys:
        for k, v in keys.items():
            every_title.setdefault(k, v)
    every_body: dict[str, tuple[Token, float]] = {}
    for keys in body_keys:
        for k, v in keys.items():
            every_body.setdefault(k, v)
    return similarity(every_title, every_body, {"": 1.0})


# --- the checks ----------------------------------------------------------------------------------


def _cue(tokens: list[Token], rule: str) -> Cue:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Cue(text=doc_text(tokens[0].doc)[start:end], start=start, end=end, part="title", rule=rule)


def _head(statement: Statement) -> Token:
    """The word the statement hangs on (its verb, usually)."""
    inside = set(t.i for t in statement.tokens)
    heads = [t for t in statement.tokens if t.head.i not in inside or t.head == t]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")] or [t for t in statement.tokens if t.pos_ == "VERB"]
    return (verbs or heads or statement.tokens)[0]


def _ids(*statements: Statement) -> list[str]:
    return [s.id for s in statements if s.id]


def hedges_about(body: Statement, words: list[Token]) -> tuple[str, list[str]]:
    """How sure the body statement is of `words` (the ones the title repeats), and the hedges.

    A hedge inside a long claim may govern another clause of it ("le parquet a demandé la
    relaxe des prévenus, soupçonnés de..."): it counts only when its phrase contains one of
    the words. Hedges outside the claim govern all of it when they frame it: a cue of its
    chain, or a word whose phrase holds the claim ("analysts believe [...]"); one that
    qualifies some other phrase of the sentence ("a stronger-than-expected month") does not.
    """
    if not body.hedge_spans:
        return body.certainty, list(body.hedges)
    doc = body.tokens[0].doc
    wanted = {t.i for t in words}
    own = {t.i for t in body.tokens}
    cues = [(link.cue_start, link.cue_end) for link in body.chain if link.cue_start >= 0]
    levels, texts = [], []
    for h in body.hedge_spans:
        inside = h.start >= body.start and h.end <= body.end
        scope: set[int] = set()
        for t in _tokens_in(doc, h.start, h.end):
            # an auxiliary, adverb or adjective hedges the phrase it modifies ("aurait
            # déserté", "la venue éventuelle"); a verb hedges its own clause ("soupçonnés de")
            modifier = t.dep_.split(":")[0] in MODIFIER_DEPS
            scope |= {x.i for x in (t.head.subtree if modifier else t.subtree)}
        if inside:
            counts = not wanted or bool(scope & wanted)
        else:
            in_cue = any(s < h.end and h.start < e for s, e in cues)
            counts = in_cue or not scope or bool(scope & own)
        if counts:
            levels.append(h.level)
            texts.append(h.text)
    if not levels:
        return "certain", []
    return min(levels, key=CERTAINTY_RANK.__getitem__), texts


def check_certainty(title: Statement, body: Statement, title_sourced: bool,
                    shared: list[Token] = ()) -> HeadlineReason | None:
    head = _head(title)
    certainty, hedge_words = hedges_about(body, list(shared))
    if CERTAINTY_RANK[title.certainty] > CERTAINTY_RANK[certainty]:
        hedges = ", ".join(f"«{h}»" for h in hedge_words) or "no hedge word recorded"
        detail = (f"the body says it as {certainty} ({hedges}) in {body.ref()}; "
                  f"the title says it as {title.certainty}")
    elif body.chain and not title_sourced and title.certainty == "certain":
        detail = (f"the body attributes it to {body.chain[0].source} («{body.chain[0].cue}») in {body.ref()}; "
                  f"the title states it as fact")
    else:
        return None
    return HeadlineReason(reason="certainty_upgrade", detail=detail,
                          title_cues=[_cue([head], "certainty_upgrade")], body_claims=_ids(body))


def check_source(title: Statement, body: Statement, title_sourced: bool) -> HeadlineReason | None:
    if not body.chain or title_sourced:
        return None
    sources = " < ".join(f"{link.source} («{link.cue}»)" for link in body.chain)
    return HeadlineReason(reason="source_dropped",
                          detail=f"the body cites {sources} in {body.ref()}; the title names no source",
                          title_cues=[_cue(title.tokens, "source_dropped")], body_claims=_ids(body))


def _bounds(q: Quantity) -> str:
    if q.low is not None and q.high is not None:
        return "a range"
    if q.high is not None:
        return "at most"
    if q.low is not None:
        return "at least"
    return "about" if q.approximate else "exactly"


def _same_at_precision(title_value: float, body_value: float) -> bool:
    """Equal once the body figure is rounded the way the title writes its own (186 000 ~ 185 600)."""
    if math.isclose(title_value, body_value, rel_tol=1e-6):
        return True
    if title_value <= 0 or title_value != int(title_value):
        return False
    zeros = len(str(int(title_value))) - len(str(int(title_value)).rstrip("0"))
    # at least two significant digits: "1 million" does not round "750 000"
    step = min(10 ** zeros, 10 ** max(0, int(math.log10(title_value)) - 1))
    return round(body_value / step) * step == title_value


def _same_unit(a: Quantity, b: Quantity, lex: Lexicon) -> bool:
    """Both figures count the same thing: one unit, near-synonyms, one stem, or people told
    generically on one side ("186 000 personnes") and by what befell them on the other ("morts")."""
    if not a.unit or not b.unit:
        return False
    ua, ub = a.unit.lower(), b.unit.lower()
    if lex.canonical.get(ua, ua) == lex.canonical.get(ub, ub) or _stem_match(ua, ub):
        return True
    people = lex.generic_person_units | lex.person_units
    return ua in people and ub in people and bool({ua, ub} & lex.generic_person_units)


def _units_compatible(a: Quantity, b: Quantity, lex: Lexicon) -> bool:
    return not a.unit or not b.unit or _same_unit(a, b, lex)


def _figure(q: Quantity) -> float | None:
    for v in (q.value, q.high, q.low):
        if v is not None:
            return float(v)
    return None


def quantity_supported(title_q: Quantity, body_q: Quantity) -> bool:
    """The body figure allows the title's: not smaller, and not bounded where the title is not."""
    tv, bv = _figure(title_q), _figure(body_q)
    if tv is None or bv is None:
        return True
    if tv > bv and not _same_at_precision(tv, bv):
        return False
    body_capped = body_q.high is not None and body_q.low is None
    title_capped = title_q.high is not None
    if body_capped and not title_capped and _same_at_precision(tv, bv):
        return False  # "up to 186,000" told as "186,000"
    return True


def check_quantities(title: Statement, about: list[Statement], lex: Lexicon,
                     everywhere: list[Statement] = ()) -> HeadlineReason | None:
    """A title figure the body statements about it do not allow. When they hold no figure of
    its kind, the body's other figures of the same unit stand in: the body may give the amount
    in a sentence of its own ("the damage reaches 12 M€"), and if none of them reaches the
    title's figure, the title has inflated it."""
    cues, details, ids = [], [], []
    for tq in title.quantities:
        comparable = [(b, bq) for b in about for bq in b.quantities if _units_compatible(tq, bq, lex)]
        rule = "quantity_inflation"
        if not comparable:
            comparable = [(b, bq) for b in everywhere for bq in b.quantities if _same_unit(tq, bq, lex)]
            # the most the body says of that unit, for the evidence
            comparable.sort(key=lambda pair: -(_figure(pair[1]) or 0.0))
            rule = "quantity_inflation_same_unit"
        if not comparable or any(quantity_supported(tq, bq) for _, bq in comparable):
            continue
        body, bq = comparable[0]
        cues.append(Cue(text=tq.text, start=tq.start, end=tq.end, part="title", rule=rule))
        where = "" if rule == "quantity_inflation" else f"its largest figure in {bq.unit}, "
        details.append(f"the title has «{tq.text}» ({_bounds(tq)} {_figure(tq):.12g}), "
                       f"the body {where}«{bq.text}» ({_bounds(bq)} {_figure(bq):.12g}) in {body.ref()}")
        ids += [i for i in _ids(body) if i not in ids]
    if not cues:
        return None
    return HeadlineReason(reason="quantity_inflation", detail="; ".join(details), title_cues=cues, body_claims=ids)


def _noun_phrase(noun: Token) -> list[Token]:
    """The noun with its determiners, numbers and adjectives ("des régiments entiers")."""
    parts = [noun] + [c for c in noun.children if c.dep_.split(":")[0] in ("det", "amod", "nummod", "predet")]
    parts.sort(key=lambda t: t.i)
    return [t for t in noun.doc[parts[0].i:parts[-1].i + 1]]


def _number(t: Token) -> str:
    value = t.morph.get("Number")
    return value[0] if value else ""


def plural_lemmas(doc: Doc, lex: Lexicon) -> set[str]:
    """Lemmas of the nouns the doc uses in the plural (once per body, not per check)."""
    # Reading a token's morphology is slow and a doc has few distinct analyses: each is read
    # once, found by its hash in the doc's table of (part of speech, morphology).
    numbers: dict[int, str] = {}
    lemmas = set()
    for i, (pos, morph) in enumerate(doc.to_array([POS, MORPH]).tolist()):
        if pos == NOUN:
            noun = doc[i]
            if morph not in numbers:
                numbers[morph] = _number(noun)
            if numbers[morph] == "Plur":
                lemmas.add(_lemma(noun, lex))
    return lemmas


class PluralLemmas:
    """`plural_lemmas(doc)`, worked out on the first question: reading the morphology of every
    noun of the body costs more than the rest of the check, and most titles never ask."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        self.lemmas: set[str] | None = None

    def __contains__(self, lemma: str) -> bool:
        if self.lemmas is None:
            self.lemmas = plural_lemmas(self.doc, self.lex)
        return lemma in self.lemmas


def _singular_markers(noun: Token, lex: Lexicon) -> list[Token]:
    """Words that make the noun one case: its own ("one hospital", "this regiment"), or, for a
    noun modifying another ("a drone strike"), those of the noun it modifies."""
    markers = [c for c in noun.children if c.lower_ in lex.singular_determiners]
    if not markers and noun.dep_.split(":")[0] == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        markers = [c for c in noun.head.children if c.lower_ in lex.singular_determiners and c.i < noun.i]
    return markers


def check_generalization(title: Statement, body: Statement, plural_in_body: Container[str],
                         lex: Lexicon) -> HeadlineReason | None:
    """One case in the body told as many in the title (singular to plural), or some as all."""
    body_nouns: dict[str, list[Token]] = {}  # lemma -> the body's nouns of it, in text order
    for b in body.tokens:
        if b.pos_ == "NOUN":
            body_nouns.setdefault(_lemma(b, lex), []).append(b)
    for t in title.tokens:
        if t.pos_ != "NOUN":
            continue
        lemma = _lemma(t, lex)
        if lemma not in body_nouns:
            continue
        title_quantifiers = {c.text.lower() for c in t.children} | {t.head.text.lower()}
        for b in body_nouns[lemma]:
            markers = _singular_markers(b, lex) if _number(t) == "Plur" and _number(b) == "Sing" else []
            if markers and lemma not in plural_in_body:
                phrase = _noun_phrase(b if markers[0].head == b else b.head)  # "a drone strike"
                detail = (f"one case in the body («{' '.join(x.text for x in phrase)}» in {body.ref()}), "
                          f"many in the title («{' '.join(x.text for x in _noun_phrase(t))}»)")
                return HeadlineReason(reason="generalization", detail=detail,
                                      title_cues=[_cue(_noun_phrase(t), "singular_to_plural")], body_claims=_ids(body))
            partial = [c.text for c in b.children if c.text.lower() in lex.partial_quantifiers]
            universal = title_quantifiers & lex.universal_quantifiers
            if partial and universal:
                detail = (f"the body says «{partial[0]} {b.text}» in {body.ref()}, "
                          f"the title «{' '.join(x.text for x in _noun_phrase(t))}»")
                return HeadlineReason(reason="generalization", detail=detail,
                                      title_cues=[_cue(_noun_phrase(t), "some_to_all")], body_claims=_ids(body))
    return None


# --- the verdict ---------------------------------------------------------------------------------


@dataclass
class StatementVerdict:
    title: Statement
    verdict: str
    match: Match | None
    reasons: list[HeadlineReason]
    contradicting: list[str]


def _source_words(link: ChainLink, body_doc: Doc) -> list[Token]:
    tokens = _tokens_in(body_doc, link.start, link.end) if link.start >= 0 else []
    return [t for t in tokens if not (t.is_stop or t.is_punct)]


def title_names_source(title_doc: Doc, body: Statement, body_doc: Doc) -> bool:
    """The title names one of the body statement's sources (a word of it, or its acronym:
    "CDC" for "the Centers for Disease Control and Prevention").

    A word of the source that the statement itself also says names its subject, not its
    source: "Sudan" in a title about Sudan does not name "the Sudan Doctors Network"."""
    title_words = {t.lower_ for t in title_doc} | {t.lemma_.lower() for t in title_doc}
    acronyms = [t.text for t in title_doc if len(t.text) >= 2 and t.text.isupper() and t.is_alpha]
    subject_words = {t.lower_ for t in body.tokens}
    for link in body.chain:
        words = _source_words(link, body_doc)
        if ({t.lower_ for t in words} - subject_words) & title_words:
            return True
        initials = "".join(t.text[0] for t in words if t.text[:1].isupper())
        if any(initials.startswith(a) for a in acronyms):
            return True
    return False


def title_tags_source(title_doc: Doc, lex: Lexicon) -> bool:
    """A part of the title is only an attribution tag ("…: sources", "… - report"): the title
    keeps that what it says was said, even when no claim of it names who said it."""
    for segment in _title_segments(title_doc, lex)[1:]:
        words = [t.lower_ for t in segment if not t.is_punct]
        if words and all(w in lex.attribution_words for w in words):
            return True
    return False


def title_reports(title: Statement, body: Statement, title_doc: Doc, body_doc: Doc) -> bool:
    """The title tells the attribution itself ("X dément Y" for "Y", denied by X): its
    verb is the body's cue verb and it names the source."""
    if not body.chain:
        return False
    link = body.chain[0]
    cue_verbs = {t.lemma_.lower() for t in _tokens_in(body_doc, link.cue_start, link.cue_end) if t.pos_ == "VERB"}
    # taggers often miss a verb in a verbless-looking title ("McCourt dément..." as an adverb)
    said = any(t.lemma_.lower() in cue_verbs or any(_stem_match(t.lower_, v) for v in cue_verbs)
               for t in title.tokens)
    return said and title_names_source(title_doc, body, body_doc)


def judge(title: Statement, matches: list[Match], title_sourced: bool, title_doc: Doc, body_doc: Doc,
          lex: Lexicon, plural_in_body: Container[str] | None = None) -> StatementVerdict:
    """Verdict of one title statement against the body statements most about it (`matches`:
    every body statement, best first); `plural_in_body` as `plural_lemmas(body_doc)`."""
    if plural_in_body is None:
        plural_in_body = PluralLemmas(body_doc, lex)
    about = [m for m in matches if m.score >= MATCH_THRESHOLD]
    if not about:
        return StatementVerdict(title, "unsupported", matches[0] if matches else None, [], [])
    near = [m for m in about if m.score >= NEAR_BEST * about[0].score]
    opposite = {id(m) for m in near if m.body.polarity != title.polarity
                and not title_reports(title, m.body, title_doc, body_doc)}
    contradicting = [i for m in near if id(m) in opposite for i in _ids(m.body)]
    agreeing = [m for m in near if id(m) not in opposite]
    if not agreeing:
        return StatementVerdict(title, "unsupported", near[0], [], contradicting)
    same_sign = [m.body for m in about if id(m) not in opposite]
    judged = []
    for m in agreeing:
        sourced = title_sourced or title_names_source(title_doc, m.body, body_doc)
        reasons = [r for r in (
            check_certainty(title, m.body, sourced, [b for _, b in m.shared]),
            check_quantities(title, [m.body] + [b for b in same_sign if b is not m.body], lex,
                             everywhere=[x.body for x in matches]),
            check_generalization(title, m.body, plural_in_body, lex),
            check_source(title, m.body, sourced),
        ) if r]
        if not reasons:  # one body statement says it as strongly: that is enough
            return StatementVerdict(title, "supported", m, [], contradicting)
        judged.append((m, reasons))
    best, reasons = judged[0]
    return StatementVerdict(title, "overstated", best, reasons, contradicting)


def _match_evidence(v: StatementVerdict) -> HeadlineReason:
    t = v.title
    if v.match is None:
        return HeadlineReason(reason="no_match", detail=f"nothing in the body to compare «{t.text}» with",
                              title_cues=[_cue(t.tokens, "no_match")])
    shared = ", ".join(f"{a.text}~{b.text}" if a.lemma_.lower() != b.lemma_.lower() else a.text
                       for a, b in v.match.shared) or "no word"
    if v.verdict == "unsupported" and v.contradicting:
        return HeadlineReason(reason="contradiction",
                              detail=f"«{t.text}» is {t.polarity}, {v.match.body.ref()} is {v.match.body.polarity} "
                                     f"(shared: {shared})",
                              title_cues=[_cue(t.tokens, "contradiction")], body_claims=v.contradicting)
    if v.verdict == "unsupported":
        return HeadlineReason(reason="no_match",
                              detail=f"no body statement is about «{t.text}»: the closest, {v.match.body.ref()}, "
                                     f"scores {v.match.score:.2f} < {MATCH_THRESHOLD} (shared: {shared})",
                              title_cues=[_cue(t.tokens, "no_match")], body_claims=_ids(v.match.body))
    return HeadlineReason(reason="match",
                          detail=f"«{t.text}» is about {v.match.body.ref()} (score {v.match.score:.2f}; shared: {shared})",
                          title_cues=[_cue([a], "shared_lemma") for a, _ in v.match.shared],
                          body_claims=_ids(v.match.body))


def compare(title_doc: Doc, title_claims: list[Claim], body_doc: Doc, body_claims: list[Claim],
            data: langdata.LangData) -> Headline | None:
    """The headline verdict, or None when the title says nothing to check."""
    lex = Lexicon.of(data)
    titles = title_statements(title_doc, title_claims, lex)
    if not titles:
        return None
    bodies = body_statements(body_doc, body_claims, lex)
    body_keys = [_keys(b, lex) for b in bodies]
    body_index = [stem_index(k) for k in body_keys]
    rarity = _rarity(body_keys)
    title_keys = [_keys(t, lex) for t in titles]
    topic, shared = topic_share(title_keys, body_keys)
    if topic < TOPIC_THRESHOLD:
        words = ", ".join(t.text for t, _ in shared) or "none"
        return Headline(verdict="unsupported", evidence=[HeadlineReason(
            reason="no_match",
            detail=f"the body has {topic:.0%} of the title's content words (needs {TOPIC_THRESHOLD:.0%}; "
                   f"found: {words})",
            title_cues=[_cue(t.tokens, "no_match") for t in titles])],
            title_claims=[t.id for t in titles if t.id])
    title_sourced = any(c.chain for c in title_claims) or title_tags_source(title_doc, lex)
    plural_in_body = PluralLemmas(body_doc, lex)
    verdicts = []
    for t, tk in zip(titles, title_keys):
        matches = []
        for b, bk, bi in zip(bodies, body_keys, body_index):
            score, shared = similarity(tk, bk, rarity, bi)
            matches.append(Match(score, b, shared))
        # best first; on a tie a claim (which has an id to show) before the author's bare words
        matches.sort(key=lambda m: (-round(m.score, 6), m.body.id is None, m.body.start))
        verdicts.append(judge(t, matches, title_sourced, title_doc, body_doc, lex, plural_in_body))

    if any(v.verdict == "overstated" for v in verdicts):
        verdict = "overstated"
    elif any(v.verdict == "supported" for v in verdicts):
        verdict = "supported"
    else:
        verdict = "unsupported"
    reasons: list[str] = []
    evidence: list[HeadlineReason] = []
    for v in verdicts:
        evidence.append(_match_evidence(v))
        for r in v.reasons:
            evidence.append(r)
            if r.reason not in reasons:
                reasons.append(r.reason)
    supporting = []
    for v in verdicts:
        if v.verdict == "supported":
            supporting += [i for i in _ids(v.match.body) if i not in supporting]
    contradicting = []
    for v in verdicts:
        contradicting += [i for i in v.contradicting if i not in contradicting]
    return Headline(verdict=verdict, reasons=reasons, evidence=evidence,
                    title_claims=[t.id for t in titles if t.id], supporting=supporting, contradicting=contradicting)
