"""Claims: who says what, citing whom, how sure.

`find_claims` cuts a parsed text into claims:

- every content an attribution covers (attribution.py), with its chain of sources;
- every clause in the author's voice that carries a figure, a hedge or a negation;
- across the sentences of a paragraph: a quotation standing alone is the last speaker's, and
  a cue whose object is "l'"/"le" ("X l'a assuré") reports the sentences before it;
- for a title (a Doc the assembly marked with `doc._.selon_part == "title"`), its main
  content, which the headline check compares with the body even when it is a plain assertion.

Each claim gets its certainty and polarity with the words that set them (certainty.py) and
the quantities (from the `selon_quantities` component) that lie inside it. Offsets are
character offsets into `doc.text`; the assembly sets the part (title or body).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import doc_text
from . import attribution, certainty, langdata, sources
from .clauses import CLOSING_QUOTES, OPENING_QUOTES, SENTENCE_ENDS, STRAIGHT_QUOTES, DocTable, Sentence, sentence_spans, trim
from .model import ChainLink, Claim, Cue, Hedge, Quantity

if not Doc.has_extension("selon_claims"):
    Doc.set_extension("selon_claims", default=None)


class ClaimRules:
    """Everything compiled from one language's data: built once per pipeline component."""

    def __init__(self, data: langdata.LangData):
        self.data = data
        self.attribution = attribution.AttributionRules(data)
        self.certainty = certainty.CertaintyRules(data)


@dataclass
class Unit:
    """A candidate claim: a token range with its chain and the hedges its cue brings."""

    start: int
    end: int
    chain: list[ChainLink] = field(default_factory=list)
    cue_hedges: list[Hedge] = field(default_factory=list)
    denial: tuple[int, int] | None = None
    author: bool = False
    previous: bool = False  # a cue whose content is the sentences before it ("X l'a assuré")
    announces: bool = False  # a cue with no content, announcing the quotation after it
    quote: bool = False     # the unit is a whole quotation
    negations: list[int] = field(default_factory=list)  # "« Nous ne disons pas que … »"


def _span(doc: Doc, start: int, end: int, table: DocTable | None = None) -> tuple[str, int, int]:
    """Text, start and end character of tokens [start, end), as the Span `doc[start:end]` gives
    them; read from the table when there is one (the tokens tile the text: the span's text is the
    slice between its first and last token)."""
    if table is None or end <= start:
        span = doc[start:end]
        return span.text, span.start_char, span.end_char
    start_char, end_char = table.idx[start], table.end_char[end - 1]
    return doc_text(doc)[start_char:end_char], start_char, end_char


def _chain(doc: Doc, att: attribution.Attribution, rules: ClaimRules, table: DocTable | None = None) -> list[ChainLink]:
    links = []
    for link in attribution.chain_of(att):
        ref = attribution.describe(doc, link, rules.data, table)
        cue, cue_start, cue_end = _span(doc, link.cue[0], link.cue[1], table)
        named = sources.referent(doc, ref, rules.data, table)
        links.append(ChainLink(source=ref.text, kind=ref.kind, cue=cue, start=ref.start, end=ref.end,
                               cue_start=cue_start, cue_end=cue_end, rule=link.rule,
                               kind_rule=ref.kind_rule, refers_to=named.text if named else None))
    return one_link_per_speaker(links)


def one_link_per_speaker(links: list[ChainLink]) -> list[ChainLink]:
    """One speaker's cue nested in their own content ("les avocats contestent …, estimant …")
    is one link, not two: of consecutive links naming the same span, the later (the cue that
    governs the content) is kept. Only verbal cues merge: a relay ("citée par") is a link of its own."""
    def same_speaker(a: ChainLink, b: ChainLink) -> bool:
        return (a.start, a.end) == (b.start, b.end) and a.rule.startswith("reporting_verb") \
            and b.rule.startswith("reporting_verb")
    return [l for n, l in enumerate(links) if n + 1 == len(links) or not same_speaker(l, links[n + 1])]


def _cue_hedges(doc: Doc, att: attribution.Attribution, rules: ClaimRules,
                table: DocTable | None = None) -> list[Hedge]:
    hedges = []
    node: attribution.Attribution | None = att
    while node is not None:
        for s, e, level, rule in node.hedges:
            text, start, end = _span(doc, s, e, table)
            hedges.append(Hedge(text=text, start=start, end=end, level=level, rule=rule))
        level = rules.certainty.cue_levels.get(node.cue_lemma)
        if level and not any(s <= node.anchor < e for s, e, _, _ in node.hedges):
            verb = node.anchor
            cue = next((l.cue for l in node.links if l.cue[0] <= verb < l.cue[1]), (verb, verb + 1))
            text, start, end = _span(doc, cue[0], cue[1], table)
            hedges.append(Hedge(text=text, start=start, end=end, level=level,
                                rule=f"belief_verb:{node.cue_lemma}"))
        node = node.parent
    return hedges


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _words(doc: Doc, start: int, end: int, table: DocTable | None = None) -> int:
    if table is not None:
        return sum(table.word[start:end])
    return sum(1 for t in doc[start:end] if t.is_alpha or t.like_num)


def sentence_units(sent: Sentence, rules: ClaimRules, prepositions, hearsay,
                   frames: list[certainty.PhraseHit] = (), title: bool = False) -> list[Unit]:
    """Attributed contents, then the author's clauses left over, of one sentence; a clause a
    hedge noun governs ("with the expectation [it will be approved]") is a claim of its own."""
    units = _units(sent, rules, prepositions, hearsay, frames, title)
    return [piece for unit in units for piece in _split_hedged_clause(sent, unit, rules)]


HEDGED_CLAUSE_DEPS = frozenset({"acl", "relcl", "acl:relcl", "ccomp"})


def _split_hedged_clause(sent: Sentence, unit: Unit, rules: ClaimRules) -> list[Unit]:
    """[unit] or [what comes before, the clause a hedge noun governs at the unit's end]."""
    if unit.previous or unit.end - unit.start < 4:
        return [unit]
    doc, table = sent.doc, sent.table
    pos, hedge_lemmas = table.pos, rules.certainty.hedge_lemmas
    for i in range(unit.start, unit.end - 2):
        if pos[i] != "NOUN":
            continue
        level = hedge_lemmas.get(table.lemma[i]) or hedge_lemmas.get(table.folded[i])
        if not level:
            continue
        clause = next((c for c in table.children[i] if c > i and table.dep[c] in HEDGED_CLAUSE_DEPS
                       and sent._finite(c)), None)
        if clause is None or table.right[clause] + 1 < unit.end or table.left[clause] <= i:
            continue
        c0, c1 = trim(doc, table.left[clause], unit.end, rules.attribution.openers, table)
        p0, p1 = trim(doc, unit.start, table.left[clause], rules.attribution.openers, table)
        if c1 - c0 < 2 or _words(doc, p0, p1, table) < 2:
            continue
        hedge = Hedge(text=table.text[i], start=table.idx[i], end=table.end_char[i], level=level,
                      rule="hedge_noun_clause")
        return [Unit(p0, p1, unit.chain, unit.cue_hedges, unit.denial, unit.author),
                Unit(c0, c1, unit.chain, unit.cue_hedges + [hedge], unit.denial, unit.author)]
    return [unit]


def _units(sent: Sentence, rules: ClaimRules, prepositions, hearsay,
           frames: list[certainty.PhraseHit] = (), title: bool = False) -> list[Unit]:
    doc = sent.doc
    units: list[Unit] = []
    covered: set[int] = set()
    for att in attribution.find_attributions(sent, rules.attribution, prepositions, hearsay, title):
        covered |= att.frame
        if att.previous:
            units.append(Unit(att.anchor, att.anchor + 1, _chain(doc, att, rules, sent.table),
                              _cue_hedges(doc, att, rules, sent.table), att.denial, previous=True))
            continue
        if not att.contents:
            continue
        chain = _chain(doc, att, rules, sent.table)
        hedges = _cue_hedges(doc, att, rules, sent.table)
        for c0, c1 in att.contents:
            framed = _cue_frame(doc, att, c0, frames, rules)
            if framed is not None:
                hedges = hedges + [framed]
            covered.update(range(c0, c1))
            comment = _closing_comment(sent, c0, c1) if len(chain) > 1 else None
            if comment is not None:
                # "…, a seismic decision that could …": the reporter's comment on what the
                # source said, a claim of the nearest source alone.
                units.append(Unit(c0, comment[0] - 1, chain, hedges, att.denial))
                units.append(Unit(comment[0], comment[1], chain[:1], _cue_hedges_of_links(hedges, chain[:1]), None))
                continue
            units.append(Unit(c0, c1, chain, hedges, att.denial, negations=att.negations))
    # An unknowability frame opens a unit that runs to the end of the clause it frames
    # ("It is unclear whether [the vaccine works]"), even when the parser made two clauses.
    for frame in frames:
        if sent.start <= frame.start < sent.end and frame.start not in covered and frame.end < sent.end:
            f0 = frame.start
            while f0 > sent.start and certainty.fold(doc[f0 - 1].text) in rules.certainty.frame_prefix:
                f0 -= 1
            limit = max(sent.clause_of(frame.end).end, sent.clause_of(frame.start).end)
            end = frame.end
            while end < limit and end not in covered:  # up to the next attributed words
                end += 1
            units.append(Unit(f0, end, author=True))
            covered.update(range(f0, end))
    if not units and not sent.quotes:
        att = attribution.announcement(sent, rules.attribution)
        if att is not None:
            units.append(Unit(att.anchor, att.anchor + 1, _chain(doc, att, rules, sent.table), [], None,
                              announces=True))
    if not covered and len(sent.quotes) == 1 and _bare(sent.table, sent.start, sent.end) == (sent.quotes[0][0], sent.quotes[0][1] + 1):
        q0, q1 = trim(doc, sent.quotes[0][0], sent.quotes[0][1] + 1, table=sent.table)
        units.append(Unit(q0, q1, author=True, quote=True))
        return units
    for clause in sent.clauses:
        free = [i for i in clause.tokens if i not in covered]
        for r0, r1 in _runs(free):
            r0, r1 = trim(doc, r0, r1, rules.attribution.openers, sent.table)
            if _words(doc, r0, r1, sent.table) >= 2:
                units.append(Unit(r0, r1, author=True))
    return units


def _cue_frame(doc: Doc, att: attribution.Attribution, content_start: int,
               frames: list[certainty.PhraseHit], rules: ClaimRules) -> Hedge | None:
    """An unknowability frame made of the cue itself ("could not say whether …", "ne peut pas
    dire si …"): the content is unknown, the frame words its hedge."""
    for frame in frames:
        if frame.start in att.frame and frame.end <= content_start \
                and all(doc[i].is_punct or certainty.fold(doc[i].text) in rules.certainty.question_words
                        for i in range(frame.end, content_start)):
            span = doc[frame.start:frame.end]
            return Hedge(text=span.text, start=span.start_char, end=span.end_char, level="unknown",
                         rule="unknown_frame:cue")
    return None


def _bare(table: DocTable, start: int, end: int) -> tuple[int, int]:
    """A sentence without its spaces and final punctuation (a quotation's marks kept)."""
    space, texts = table.space, table.text
    while start < end and space[start]:
        start += 1
    while end > start and (space[end - 1] or texts[end - 1] in SENTENCE_ENDS):
        end -= 1
    return start, end


def _quoted(doc: Doc, unit: Unit, table: DocTable | None = None) -> bool:
    """The unit is the inside of a quotation (its closing mark may follow a comma or full
    stop: '"We will fix it," he said')."""
    texts = table.text if table is not None else [t.text for t in doc]
    if unit.start == 0 or texts[unit.start - 1] not in OPENING_QUOTES | STRAIGHT_QUOTES:
        return False
    end = unit.end
    while end < len(doc) and end - unit.end < 2 and texts[end] in {",", ".", "!", "?", "…"}:
        end += 1
    return end < len(doc) and texts[end] in CLOSING_QUOTES | STRAIGHT_QUOTES


def _speaker(doc: Doc, unit: Unit, rule: str) -> list[ChainLink]:
    """A quotation standing alone is its speaker's: their chain, with the opening quotation
    mark as the cue."""
    mark = doc[unit.start - 1]  # the opening quotation mark
    nearest = unit.chain[0]
    return [nearest.model_copy(update={"cue": mark.text, "cue_start": mark.idx, "cue_end": mark.idx + len(mark.text),
                                       "rule": rule})] + unit.chain[1:]


def paragraph_units(doc: Doc, sentences: list[list[Unit]], text: str | None = None,
                    table: DocTable | None = None) -> list[Unit]:
    """Units of consecutive sentences, with what only a paragraph shows: a cue whose content
    is the sentences before it ("Non, le club n'est pas à vendre. X l'a assuré."), and a
    quotation standing alone, which is the speaker's announced just before it ("X a tenté de
    rassurer le juge. «…»") or the last speaker's quoted in the same paragraph."""
    out: list[Unit] = []
    paragraph: list[list[Unit]] = []
    speaker: list[ChainLink] = []
    pending: list[ChainLink] = []
    last_end = 0
    text = doc_text(doc) if text is None else text
    idx = table.idx if table is not None else [t.idx for t in doc]
    for units in sentences:
        if not units:
            pending = []
            continue
        first = min(u.start for u in units)
        if "\n" in text[idx[last_end] if last_end < len(doc) else len(text):idx[first]]:
            paragraph, speaker, pending = [], [], []
        last_end = max(u.end for u in units)
        kept = []
        announced: list[ChainLink] = []
        for unit in units:
            if unit.announces:
                announced = unit.chain
                continue
            if unit.previous:
                # Only sentences in the author's voice: one with a cue of its own keeps it.
                for earlier in paragraph:
                    if all(u.author and not u.chain for u in earlier):
                        for u in earlier:
                            u.chain, u.cue_hedges, u.author, u.denial = unit.chain, unit.cue_hedges, False, unit.denial
                speaker = unit.chain
                continue
            if unit.quote and (pending or speaker):
                unit.chain = _speaker(doc, Unit(unit.start, unit.end, pending or speaker),
                                      "quote:announced" if pending else "quote:last_speaker")
                unit.author = False
            elif unit.chain and unit.chain[0].rule.startswith("reporting_verb") and _quoted(doc, unit, table):
                speaker = unit.chain
            kept.append(unit)
        out += kept
        paragraph.append(kept)
        pending = announced  # only the very next sentence can be the announced quotation
    return out


def _closing_comment(sent: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """A noun phrase closing a content after a comma ("…, a seismic decision that could …"),
    hung by the parser on a word before the comma: an apposition to the whole clause."""
    doc, table = sent.doc, sent.table
    texts, pos, alpha = table.text, table.pos, table.is_alpha
    for i in range(start + 2, end - 2):
        if texts[i - 1] != "," or pos[i] != "DET":
            continue
        head = table.head[i]
        if not (i < head < end and table.pos[head] == "NOUN" and table.head[head] < i - 1
                and table.right[head] + 1 >= end and table.left[head] == i):
            continue
        if sum(alpha[i:end]) >= 3 and sum(alpha[start:i - 1]) >= 3:
            return i, end
    return None


def _cue_hedges_of_links(hedges: list[Hedge], links: list[ChainLink]) -> list[Hedge]:
    """The cue hedges that belong to the given links' cues."""
    return [h for h in hedges if any(l.cue_start <= h.start and h.end <= l.cue_end for l in links)]


def _quantities_in(quantities: list[Quantity], start: int, end: int) -> list[Quantity]:
    return [q for q in quantities if start <= q.start and q.end <= end]


def _claim(doc: Doc, unit: Unit, rules: ClaimRules, hedges: certainty.DocHedges,
           quantities: list[Quantity], keep_plain: bool = False, table: DocTable | None = None) -> Claim | None:
    start, end = unit.start, unit.end
    frame = certainty.find_frame(doc, start, end, rules.certainty, hedges)
    if frame is not None and frame.content_start > start:
        start, end = trim(doc, frame.content_start, end, rules.attribution.openers, table)
        if end <= start:
            return None
    verdict = certainty.assess(doc, start, end, rules.certainty, hedges, unit.cue_hedges, frame, table)
    if table is not None:
        start_char, end_char = table.idx[start], table.end_char[end - 1]
    else:
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    qs = _quantities_in(quantities, start_char, end_char)
    if unit.denial is not None:
        cue, cue_start, cue_end = _span(doc, unit.denial[0], unit.denial[1], table)
        verdict.polarity = "negative"
        verdict.polarity_cues = [Cue(text=cue, start=cue_start, end=cue_end, rule="denial_verb")] \
            + verdict.polarity_cues
    if unit.negations:
        verdict.polarity = "negative"
        verdict.polarity_cues = sorted(verdict.polarity_cues + [
            Cue(text=doc[i].text, start=doc[i].idx, end=doc[i].idx + len(doc[i].text), rule="negated_speech_act")
            for i in unit.negations], key=lambda c: c.start)
    if unit.author and not keep_plain and not qs and verdict.certainty == "certain" and verdict.polarity == "positive":
        return None
    # The tokens tile the text: the span's text is the slice between its first and last token.
    hedge_spans = sorted(verdict.hedges, key=lambda h: h.start)
    return Claim(part="body", text=doc_text(doc)[start_char:end_char], start=start_char, end=end_char,
                 chain=unit.chain,
                 certainty=verdict.certainty, polarity=verdict.polarity,
                 hedges=[h.text for h in hedge_spans], hedge_spans=hedge_spans,
                 polarity_cues=verdict.polarity_cues, certainty_rule=verdict.rule, quantities=qs)


def is_title(doc: Doc) -> bool:
    """The assembly marks a title Doc (`pipeline.make_part_doc(nlp, title, "title")`)."""
    return getattr(doc._, "selon_part", "body") == "title"


def main_content(sent: Sentence, rules: ClaimRules) -> tuple[int, int]:
    """The main content of a title: what follows its last separator outside quotes, unless
    what follows names the title's source ("…: sources")."""
    doc = sent.doc
    source = attribution.title_source(sent, rules.attribution)
    if source is not None:
        return source.contents[0]
    start = sent.start
    texts = sent.table.text
    for i in range(sent.start, sent.end):
        if texts[i] in rules.attribution.title_separators and sent.in_quote(i) is None and i + 1 < sent.end:
            start = i + 1
    return trim(doc, start, sent.end, rules.attribution.openers, sent.table)


def find_claims(doc: Doc, data: langdata.LangData, rules: ClaimRules | None = None) -> list[Claim]:
    rules = rules or ClaimRules(data)
    quantities: list[Quantity] = list(getattr(doc._, "selon_quantities", None) or [])
    text = doc_text(doc)
    folded = certainty.fold(text)
    hedges = certainty.scan(doc, rules.certainty, folded)
    prepositions, hearsay = attribution.scan(doc, folded, rules.attribution)
    table = DocTable(doc)
    spans = sentence_spans(doc, table)
    title = is_title(doc)
    if title and spans:
        spans = [(spans[0][0], spans[-1][1])]  # a title is one unit, whatever the parser cut
    claims: list[Claim] = []
    sentences = [sentence_units(Sentence(doc, s, e, rules.attribution.labels, table), rules, prepositions,
                                hearsay, hedges.frames, title) for s, e in spans]
    for unit in paragraph_units(doc, sentences, text, table):
        claim = _claim(doc, unit, rules, hedges, quantities, table=table)
        if claim is not None:
            claims.append(claim)
    if title and spans:
        sent = Sentence(doc, spans[0][0], spans[0][1], rules.attribution.labels, table)
        m0, m1 = main_content(sent, rules)
        if m1 > m0 and not any(_covers_half(c, table.idx[m0], table.end_char[m1 - 1]) for c in claims):
            claim = _claim(doc, Unit(m0, m1, author=True), rules, hedges, quantities, keep_plain=True, table=table)
            if claim is not None:
                claims.append(claim)
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def _covers_half(claim: Claim, start: int, end: int) -> bool:
    """The claim already holds at least half of [start, end) (the title's main content)."""
    return min(claim.end, end) - max(claim.start, start) >= 0.5 * (end - start)


class ClaimFinder:
    """The `selon_claims` pipeline component: `doc._.selon_claims` = list of Claim."""

    def __init__(self, lang: str):
        self.data = langdata.load(lang)
        self.rules = ClaimRules(self.data)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_claims = find_claims(doc, self.data, self.rules)
        return doc


@Language.factory("selon_claims", default_config={"lang": "fr"})
def make_claim_finder(nlp: Language, name: str, lang: str) -> ClaimFinder:
    return ClaimFinder(lang)
