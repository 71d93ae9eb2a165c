"""Sentences and clauses: the units a claim is cut from.

The parser's sentence boundaries are not trusted across paragraph breaks (it sometimes runs a
sentence over a newline), so sentences are re-cut there. Inside a sentence, a clause is the
part of the text governed by one clause head: the root, or a conjunct, complement, adverbial
or paratactic verb with its own subject or subordinator. Relative clauses stay inside the
clause of their noun; quotations stay whole.

Dependency labels come from the `[attribution]` table of the language data (they belong to the
model the language file names), never from code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from .langdata import LangData

OPENING_QUOTES = frozenset({"«", "“", "„", "‹"})
CLOSING_QUOTES = frozenset({"»", "”", "›"})
STRAIGHT_QUOTES = frozenset({'"', "''", "``"})
SENTENCE_ENDS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
EDGE_PUNCT = frozenset({",", ";", ":", ".", "!", "?", "…", "-", "–", "—", "(", ")", "[", "]", "/"})


@dataclass(frozen=True)
class Labels:
    """The dependency labels of one language's model, read from its data file."""

    clause: frozenset[str]
    subject: frozenset[str]
    passive_subject: frozenset[str]
    expletive: frozenset[str]
    complement: frozenset[str]
    obj: frozenset[str]
    agent: frozenset[str]
    aux: frozenset[str]
    passive_aux: frozenset[str]
    mark: frozenset[str]
    cc: frozenset[str]
    xcomp: frozenset[str]
    openers: frozenset[str]

    @classmethod
    def of(cls, data: LangData) -> "Labels":
        table = data.section("attribution")

        def words(key: str) -> frozenset[str]:
            return frozenset(table.get(key, []))

        return cls(clause=words("clause_deps"), subject=words("subject_deps"),
                   passive_subject=words("passive_subject_deps"), expletive=words("expletive_deps"),
                   complement=words("complement_deps"), obj=words("object_deps"),
                   agent=words("agent_deps"), aux=words("aux_deps"),
                   passive_aux=words("passive_aux_deps"), mark=words("mark_deps"),
                   cc=words("cc_deps"), xcomp=words("xcomp_deps"),
                   openers=frozenset(w.lower() for w in table.get("clause_openers", [])))


def is_space(tok: Token) -> bool:
    return tok.is_space or not tok.text.strip()


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences.

    The parser's boundaries, plus a cut at every line break and at a full stop before a
    capital; no cut inside a «quotation» (one quotation of several sentences is one content).
    """
    starts = {sent.start for sent in doc.sents}
    cuts = [0]
    depth = 0
    for tok in doc:
        if tok.text in OPENING_QUOTES:
            depth += 1
        elif tok.text in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        if is_space(tok) and "\n" in tok.text:
            cuts.append(tok.i + 1)
            depth = 0
            continue
        if depth:
            continue
        if tok.i in starts:
            cuts.append(tok.i)
        elif tok.text in SENTENCE_ENDS and tok.whitespace_ and tok.i + 1 < len(doc):
            nxt = doc[tok.i + 1]
            if nxt.text[:1].isupper() or nxt.text in OPENING_QUOTES:
                cuts.append(tok.i + 1)
    cuts = sorted(set(cuts)) + [len(doc)]
    out = []
    for s, e in zip(cuts, cuts[1:]):
        s, e = strip_space(doc, s, e)
        if e > s:
            out.append((s, e))
    return out


def strip_space(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and is_space(doc[start]):
        start += 1
    while end > start and is_space(doc[end - 1]):
        end -= 1
    return start, end


def quote_spans(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges [open, close] of the quotations inside a sentence (both marks included)."""
    spans, stack, straight_open = [], [], None
    for tok in doc[start:end]:
        if tok.text in OPENING_QUOTES:
            stack.append(tok.i)
        elif tok.text in CLOSING_QUOTES and stack:
            spans.append((stack.pop(), tok.i))
        elif tok.text in STRAIGHT_QUOTES:
            if straight_open is None:
                straight_open = tok.i
            else:
                spans.append((straight_open, tok.i))
                straight_open = None
    return spans


@dataclass
class Clause:
    """One clause of a sentence: its head and the tokens it governs directly."""

    head: int
    tokens: list[int]

    @property
    def start(self) -> int:
        return min(self.tokens)

    @property
    def end(self) -> int:
        return max(self.tokens) + 1


class Sentence:
    """A sentence with its clause structure, computed once and shared by the finders."""

    def __init__(self, doc: Doc, start: int, end: int, labels: Labels):
        self.doc, self.start, self.end, self.labels = doc, start, end, labels

    def __contains__(self, i: int) -> bool:
        return self.start <= i < self.end

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return quote_spans(self.doc, self.start, self.end)

    def in_quote(self, i: int) -> tuple[int, int] | None:
        for q in self.quotes:
            if q[0] < i < q[1]:
                return q
        return None

    def parent(self, tok: Token) -> Token | None:
        """The head of a token inside this sentence, None at the sentence's root(s)."""
        if tok.head.i == tok.i or tok.head.i not in self:
            return None
        return tok.head

    def opens_clause(self, tok: Token) -> bool:
        lab = self.labels
        if self.parent(tok) is None:
            return True
        if tok.dep_ not in lab.clause:
            return False
        deps = {c.dep_ for c in tok.children}
        has_subject = bool(deps & lab.subject)
        has_mark = bool(deps & lab.mark)
        finite = tok.morph.get("VerbForm") == ["Fin"] or any(
            c.dep_ in lab.aux and c.morph.get("VerbForm") == ["Fin"] for c in tok.children)
        if tok.dep_ in lab.complement:
            return has_subject or has_mark or finite
        if tok.dep_ == "conj":
            return has_subject or has_mark
        if tok.dep_ == "advcl":
            return has_subject or (has_mark and finite)
        return has_subject or finite

    def _verbal(self, tok: Token) -> bool:
        return tok.pos_ in {"VERB", "AUX"} or any(c.dep_ in self.labels.aux for c in tok.children)

    @cached_property
    def roots(self) -> list[int]:
        """Tokens with no head inside the sentence (several when the parse runs across sentences)."""
        return [t.i for t in self.doc[self.start:self.end] if not is_space(t) and self.parent(t) is None]

    @cached_property
    def main_roots(self) -> list[int]:
        """The roots that head a clause: verbal ones, or the first root if none is verbal."""
        verbal = [i for i in self.roots if self._verbal(self.doc[i])]
        return verbal or self.roots[:1]

    @cached_property
    def heads(self) -> frozenset[int]:
        heads = {t.i for t in self.doc[self.start:self.end]
                 if not is_space(t) and self.parent(t) is not None and self.opens_clause(t)}
        heads |= set(self.main_roots)
        # A quotation is one content: clauses inside it do not split it.
        for q0, q1 in self.quotes:
            inside = [h for h in heads if q0 < h < q1]
            if len(inside) > 1:
                keep = min(inside, key=lambda h: self._depth(h))
                heads -= set(inside) - {keep}
        return frozenset(heads)

    def _depth(self, i: int) -> int:
        depth, tok = 0, self.doc[i]
        while (tok := self.parent(tok)) is not None and depth < 100:
            depth += 1
        return depth

    @cached_property
    def _head_of(self) -> dict[int, int]:
        return {}

    def clause_head_of(self, i: int) -> int:
        """The innermost clause head governing token i."""
        memo = self._head_of
        if i in memo:
            return memo[i]
        path, tok, found = [], self.doc[i], None
        for _ in range(100):
            if tok.i in memo:
                found = memo[tok.i]
                break
            path.append(tok.i)
            if tok.i in self.heads:
                found = tok.i
                break
            up = self.parent(tok)
            if up is None:
                # A stray root (a phrase the parser hung on another sentence) joins the
                # nearest clause root.
                found = min(self.main_roots, key=lambda r: (abs(r - tok.i), r)) if self.main_roots else tok.i
                break
            tok = up
        if found is None:
            found = tok.i
        for k in path:
            memo[k] = found
        return found

    @cached_property
    def clauses(self) -> list[Clause]:
        groups: dict[int, list[int]] = {}
        for tok in self.doc[self.start:self.end]:
            if not is_space(tok):
                groups.setdefault(self.clause_head_of(tok.i), []).append(tok.i)
        return sorted((Clause(h, toks) for h, toks in groups.items()), key=lambda c: c.start)

    def clause_of(self, i: int) -> Clause:
        head = self.clause_head_of(i)
        for clause in self.clauses:
            if clause.head == head:
                return clause
        raise KeyError(i)

    def subtree_span(self, tok: Token) -> tuple[int, int]:
        """[start, end) of a token's subtree, clipped to the sentence."""
        idx = [t.i for t in tok.subtree if t.i in self and not is_space(t)]
        return (min(idx), max(idx) + 1) if idx else (tok.i, tok.i + 1)


def trim(doc: Doc, start: int, end: int, openers: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Narrow a token range to its words: no edge punctuation, unmatched quotes or openers."""
    for _ in range(200):
        if start >= end:
            break
        first, last = doc[start], doc[end - 1]
        if is_space(first) or first.text in EDGE_PUNCT:
            start += 1
        elif is_space(last) or last.text in EDGE_PUNCT:
            end -= 1
        elif first.lower_ in openers and start + 1 < end:
            start += 1
        elif last.lower_ in openers and last.pos_ in {"CCONJ", "SCONJ"} and end - 1 > start:
            end -= 1
        elif _is_quote(first) and _is_quote(last) and end - start > 2:
            start, end = start + 1, end - 1
        elif _is_quote(first) and not any(_is_quote(t) for t in doc[start + 1:end]):
            start += 1
        elif _is_quote(last) and not any(_is_quote(t) for t in doc[start:end - 1]):
            end -= 1
        else:
            break
    return start, end


def _is_quote(tok: Token) -> bool:
    return tok.text in OPENING_QUOTES or tok.text in CLOSING_QUOTES or tok.text in STRAIGHT_QUOTES
