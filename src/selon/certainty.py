"""Certainty and polarity: how sure the article presents a content, and whether it denies it.

Every level below `certain` cites the words that set it (`Hedge` with offsets, level and rule);
a negative polarity cites its negation words (`Cue`). The lexicons are the `[certainty]` table
of the language data file: conditional mood, modal verbs, hedge words and phrases, belief
cues, frames of unknowability ("il est impossible de savoir", "unclear whether") and negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from .clauses import DocTable
from .pipeline import doc_text
from .langdata import LangData
from .model import CERTAINTY_RANK, Cue, Hedge

LEVELS = ("certain", "probable", "possible", "unknown")


def fold(text: str) -> str:
    """Lower case and straight apostrophes, keeping every character at its offset."""
    text = text.replace("’", "'")
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """`fold` of one word (a token's text or lemma), memoised: the finders fold the same
    words again and again. Whole texts go through `fold` itself."""
    return fold(word)


def phrase_regex(phrases) -> re.Pattern | None:
    r"""One regex for a list of phrases, longest first, on word boundaries, any spacing.

    The phrases are grouped by their first character, with the word-boundary test just after
    it: the engine then passes over at once the positions where no phrase can start. The
    matches are those of `(?<!\w)(?:phrase|phrase|…)`: only phrases with the character found
    there can match at a position, and they keep their order."""
    forms = sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not forms:
        return None
    alts = [r"\s*".join(re.escape(part) for part in re.split(r"\s+", f)) if " " in f else re.escape(f)
            for f in forms]
    # An elided form ("de mémoire d'") is glued to the next word: no boundary after it.
    alts = [a + ("" if a.endswith("'") else r"(?!\w)") for a in alts]
    groups: dict[str, list[str]] = {}
    for form, alt in zip(forms, alts):
        first = re.escape(form[0])  # re.escape works character by character: alt starts with it
        groups.setdefault(first, []).append(alt[len(first):])
    # After the first character, "(?<!\w.)" asks what "(?<!\w)" asked before it.
    return re.compile("|".join(first + r"(?<!\w.)(?:" + "|".join(rests) + ")" for first, rests in groups.items()))


def token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


@dataclass(frozen=True)
class PhraseHit:
    start: int  # token range
    end: int
    key: str    # the folded matched text


def find_phrases(doc: Doc, folded: str, regex: re.Pattern | None) -> list[PhraseHit]:
    if regex is None:
        return []
    hits = []
    for m in regex.finditer(folded):
        rng = token_range(doc, m.start(), m.end())
        if rng:
            hits.append(PhraseHit(rng[0], rng[1], re.sub(r"\s+", " ", m.group(0))))
    return hits


class CertaintyRules:
    """The `[certainty]` table of one language, compiled once."""

    def __init__(self, data: LangData):
        table = data.section("certainty")
        self.conditional_level: str | None = table.get("conditional_mood")
        # Endings that mark a finite verb as conditional when the tagger missed the mood.
        self.conditional_endings = tuple(fold(e) for e in table.get("conditional_endings", []))
        self.modal_lemmas: dict[str, str] = dict(table.get("modal_lemmas", {}))
        self.conditional_lemmas: dict[str, str] = dict(table.get("conditional_lemmas", {}))
        self.modal_words: dict[str, str] = {fold(k): v for k, v in table.get("modal_words", {}).items()}
        self.factual_morph = [dict(kv.split("=", 1) for kv in m.split("|")) for m in table.get("modal_factual_morph", [])]
        self.hedge_lemmas: dict[str, str] = {fold(k): v for k, v in table.get("hedge_lemmas", {}).items()}
        self.hedge_phrases: dict[str, str] = {re.sub(r"\s+", " ", fold(k)): v for k, v in table.get("hedge_phrases", {}).items()}
        self.hedge_regex = phrase_regex(self.hedge_phrases)
        self.cue_levels: dict[str, str] = dict(table.get("cue_levels", {}))
        self.negative_hedges = frozenset(fold(w) for w in table.get("negative_hedges", []))
        self.frame_regex = phrase_regex(table.get("unknown_frames", []))
        self.frame_prefix = frozenset(fold(w) for w in table.get("frame_prefix_words", []))
        self.frame_suffix_regex = phrase_regex(table.get("frame_suffix_phrases", []))
        # Words (and parser tags) that open an indirect question after a frame ("combien", "whether").
        self.question_words = frozenset(fold(w) for w in table.get("question_words", []))
        self.question_tags = frozenset(table.get("question_tags", []))
        self.negation_words = frozenset(fold(w) for w in table.get("negation_words", []))
        self.negation_markers = frozenset(fold(w) for w in table.get("negation_markers", []))
        self.restrictive = frozenset(fold(w) for w in table.get("restrictive_partners", []))


@dataclass
class DocHedges:
    """Hedge phrases and unknowability frames found once in a whole Doc."""

    phrases: list[PhraseHit]
    frames: list[PhraseHit]
    suffixes: list[PhraseHit]


def scan(doc: Doc, rules: CertaintyRules, folded: str | None = None) -> DocHedges:
    folded = fold(doc_text(doc)) if folded is None else folded
    return DocHedges(find_phrases(doc, folded, rules.hedge_regex),
                     find_phrases(doc, folded, rules.frame_regex),
                     find_phrases(doc, folded, rules.frame_suffix_regex))


@dataclass
class Frame:
    """An unknowability frame: its words (token range) and the complement after it."""

    start: int
    end: int
    content_start: int


def _is_finite(tok: Token) -> bool:
    return tok.morph.get("VerbForm") == ["Fin"] or tok.tag_ in {"VBD", "VBZ", "VBP", "MD"}


def find_frame(doc: Doc, start: int, end: int, rules: CertaintyRules, hedges: DocHedges) -> Frame | None:
    """The first unknowability frame inside [start, end), widened to its prefix and suffix words."""
    for hit in hedges.frames:
        if not (start <= hit.start and hit.end <= end):
            continue
        f0, f1 = hit.start, hit.end
        while f0 > start and fold(doc[f0 - 1].text) in rules.frame_prefix:
            f0 -= 1
        for suffix in hedges.suffixes:
            if suffix.start == f1 and suffix.end <= end:
                f1 = suffix.end
        # The content is the complement only when it is a clause of its own; "n'est pas certain
        # d'avoir une majorité" keeps its subject, so the whole clause is the content.
        rest = doc[f1:end]
        if any(_is_finite(t) for t in rest) or any(t.tag_ in rules.question_tags or fold(t.text) in rules.question_words
                                                   for t in rest[:2]):
            return Frame(f0, f1, f1)
        return Frame(f0, f1, start)
    return None


@dataclass
class Verdict:
    certainty: str = "certain"
    rule: str = "indicative"
    hedges: list[Hedge] = field(default_factory=list)
    polarity: str = "positive"
    polarity_cues: list[Cue] = field(default_factory=list)


def _hedge(doc: Doc, start: int, end: int, level: str, rule: str) -> Hedge:
    span = doc[start:end]
    return Hedge(text=span.text, start=span.start_char, end=span.end_char, level=level, rule=rule)


def _hedge_at(table: DocTable, start: int, end: int, level: str, rule: str) -> Hedge:
    """`_hedge` read from the DocTable (the tokens tile the text: a span is a slice of it)."""
    first, last = table.idx[start], table.end_char[end - 1]
    return Hedge(text=doc_text(table.doc)[first:last], start=first, end=last, level=level, rule=rule)


def _morph_matches(table: DocTable, i: int, morph: dict[str, str]) -> bool:
    """Token i has every feature of `morph` with that single value (`morph.get(k) == [v]`)."""
    return all("," not in v and table.feature(i, k) == v for k, v in morph.items())


RELATIVE_DEPS = frozenset({"relcl", "acl:relcl", "acl"})


def _in_modifier(i: int, start: int, end: int, table: DocTable) -> bool:
    """Inside a relative or participial clause that describes a noun of the span ("a decision
    that could shake up …"): a hedge there qualifies that noun, not the content."""
    head, dep = table.head, table.dep
    for _ in range(50):
        if dep[i] in RELATIVE_DEPS and start <= head[i] < end:
            return True
        if head[i] == i or not (start <= head[i] < end):
            return False
        i = head[i]
    return False


def _qualifies_the_predicate(i: int, roots: set[int], table: DocTable) -> bool:
    """A hedge noun or adjective counts when it is the span's predicate or one of its direct
    dependents ("la venue éventuelle de X"), not deep in a phrase ("potential exposure",
    "with the expectation …")."""
    return i in roots or table.head[i] in roots


HEDGE_POS = frozenset({"VERB", "AUX", "ADV", "NOUN", "ADJ", "PART"})
VERBAL = frozenset({"VERB", "AUX"})


def token_hedges(doc: Doc, start: int, end: int, rules: CertaintyRules,
                 roots: set[int] | None = None, table: "DocTable | None" = None) -> list[Hedge]:
    """Hedges carried by single words: conditional mood, modals and hedge lemmas."""
    return [hedge for _, hedge in _token_hedges(table or DocTable(doc), start, end, rules, roots)]


def _token_hedges(table: DocTable, start: int, end: int, rules: CertaintyRules,
                  roots: set[int] | None = None) -> list[tuple[int, Hedge]]:
    """`token_hedges` with the token each hedge is: words that cannot hedge are passed over
    on the DocTable's lists."""
    out = []
    pos, hedge_lemmas = table.pos, rules.hedge_lemmas
    for i in range(start, end):
        upos = pos[i]
        if upos not in HEDGE_POS or (upos not in VERBAL and table.lemma[i] not in hedge_lemmas
                                     and table.folded[i] not in hedge_lemmas):
            continue
        lemma, lower = fold_word(table.lemma_text(i)), fold_word(table.text[i])
        if lemma not in hedge_lemmas and lower not in hedge_lemmas and lemma not in rules.modal_lemmas \
                and lower not in rules.modal_words and upos not in VERBAL:
            continue
        if roots is None:
            roots = _main_root(table.doc, start, end, table)
        # In a noun phrase content ("a decision that could …") the relative clause is what
        # is asserted; in a clause, it only describes one of its nouns.
        if _in_modifier(i, start, end, table) and not any(pos[r] in {"NOUN", "PROPN"} for r in roots):
            continue
        if upos in VERBAL and (table.feature(i, "Mood") == "Cnd" or (
                rules.conditional_endings and table.feature(i, "VerbForm") == "Fin"
                and len(lower) > 5 and lower.endswith(rules.conditional_endings))):
            if lemma in rules.conditional_lemmas:
                out.append((i, _hedge_at(table, i, i + 1, rules.conditional_lemmas[lemma],
                                         f"conditional_modal:{lemma}")))
            elif rules.conditional_level:
                out.append((i, _hedge_at(table, i, i + 1, rules.conditional_level, "conditional_mood")))
            continue
        if lemma in rules.modal_lemmas and upos in VERBAL:
            if not any(_morph_matches(table, i, m) for m in rules.factual_morph):
                out.append((i, _hedge_at(table, i, i + 1, rules.modal_lemmas[lemma], f"modal:{lemma}")))
            continue
        if lower in rules.modal_words and upos in VERBAL:
            out.append((i, _hedge_at(table, i, i + 1, rules.modal_words[lower], f"modal:{lower}")))
            continue
        level = hedge_lemmas.get(lemma) or hedge_lemmas.get(lower)
        if level:
            if upos in {"NOUN", "ADJ"}:
                if not _qualifies_the_predicate(i, roots, table):
                    continue
            out.append((i, _hedge_at(table, i, i + 1, level, "hedge_word")))
    return out


def phrase_hedges(doc: Doc, start: int, end: int, rules: CertaintyRules, hedges: DocHedges) -> list[Hedge]:
    return [_hedge(doc, h.start, h.end, rules.hedge_phrases.get(h.key, "probable"), "hedge_phrase")
            for h in hedges.phrases if start <= h.start and h.end <= end]


def _roots(doc: Doc, start: int, end: int, table: "DocTable | None" = None) -> set[int]:
    """Tokens of the span whose head lies outside it: the span's predicates."""
    head = (table or DocTable(doc)).head
    return {i for i in range(start, end) if head[i] == i or not (start <= head[i] < end)}


def _main_root(doc: Doc, start: int, end: int, table: "DocTable | None" = None) -> set[int]:
    """The span's predicate: of the tokens whose head is outside the span, the one governing most."""
    table = table or DocTable(doc)
    roots = _roots(doc, start, end, table)
    if len(roots) <= 1:
        return roots
    # The extent of each root's subtree inside the span (edges, not a walk).
    size = {r: min(table.right[r] + 1, end) - max(table.left[r], start) for r in roots}
    # A conjunct or adverbial clause hanging outside ("…, car ils ne veulent pas") is not the
    # predicate of the span.
    core = [r for r in roots if table.dep[r] not in {"conj", "advcl", "parataxis", "cc", "punct"}] or list(roots)
    return {max(core, key=lambda r: (size[r], -r))}


CHAINED_DEPS = frozenset({"xcomp", "aux", "aux:tense", "aux:pass", "cop", "auxpass"})


def negation_cues(doc: Doc, start: int, end: int, rules: CertaintyRules, skip: set[int],
                  roots: set[int] | None = None, table: "DocTable | None" = None) -> list[int]:
    """Negation words that govern the span's own predicate (not a clause nested in it)."""
    table = table or DocTable(doc)
    head, dep = table.head, table.dep
    roots = _main_root(doc, start, end, table) if roots is None else roots
    # The predicate and the verbs it chains to directly (auxiliaries, modal + infinitive).
    governing = set(roots)
    for r in roots:
        governing.update(c for c in table.children[r] if dep[c] in CHAINED_DEPS and start <= c < end)
    found = []
    for i in range(start, end):
        if table.folded[i] not in rules.negation_words or i in skip \
                or fold_word(table.text[i]) not in rules.negation_words:
            continue
        h = head[i]
        # "aucun"/"no" determine an argument of the predicate; "ne"/"not" attach to it.
        if h in governing or i in governing or (
                head[h] in governing and dep[h] not in {"acl", "acl:relcl", "relcl", "advcl", "conj", "ccomp"}):
            found.append(i)
    if rules.negation_markers:
        markers = [i for i in found if fold_word(table.text[i]) in rules.negation_markers]
        partners = [i for i in found if fold_word(table.text[i]) not in rules.negation_markers]
        if not markers or not partners:
            # Without "ne", "plus"/"pas" compare or qualify; "ne … que" restricts, it does not deny.
            return []
    return found


def assess(doc: Doc, start: int, end: int, rules: CertaintyRules, hedges: DocHedges,
           extra: list[Hedge] = (), frame: Frame | None = None, table: "DocTable | None" = None) -> Verdict:
    """Certainty and polarity of the content in tokens [start, end).

    `extra` are hedges that come from the attribution (a belief verb, "reportedly", "it is
    thought"); `frame` is an unknowability frame already cut off the content.
    """
    table = table or DocTable(doc)
    found: list[Hedge] = list(extra)
    skip: set[int] = set()
    if frame is not None:
        found.append(_hedge(doc, frame.start, frame.end, "unknown", "unknown_frame"))
        skip.update(range(frame.start, frame.end))
    phrase_found = phrase_hedges(doc, start, end, rules, hedges)
    for h in phrase_found:
        tokens = doc.char_span(h.start, h.end, alignment_mode="expand")
        skip.update(range(tokens.start, tokens.end))
    found += phrase_found
    roots = _main_root(doc, start, end, table)
    found += [h for i, h in _token_hedges(table, start, end, rules, roots) if i not in skip]
    verdict = Verdict()
    if found:
        found.sort(key=lambda h: h.start)
        lowest = min(found, key=lambda h: CERTAINTY_RANK[h.level])
        verdict.certainty, verdict.rule = lowest.level, lowest.rule
        verdict.hedges = found
    neg = negation_cues(doc, start, end, rules, skip, roots, table)
    negative_hedges = [h for h in found if fold(h.text) in rules.negative_hedges]
    cues = [Cue(text=table.text[i], start=table.idx[i], end=table.end_char[i], rule="negation") for i in neg]
    cues += [Cue(text=h.text, start=h.start, end=h.end, rule="negative_hedge") for h in negative_hedges]
    if cues:
        verdict.polarity = "negative"
        verdict.polarity_cues = sorted(cues, key=lambda c: c.start)
    return verdict
