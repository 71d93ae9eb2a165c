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

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

import numpy

from spacy.tokens import Doc

from .langdata import LangData
from .pipeline import doc_text

OPENING_QUOTES = frozenset({"«", "“", "„", "‹"})
CLOSING_QUOTES = frozenset({"»", "”", "›"})
STRAIGHT_QUOTES = frozenset({'"', "''", "``"})
QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES
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


def sentence_spans(doc: Doc, table: "DocTable | None" = None) -> list[tuple[int, int]]:
    """Token ranges of the sentences.

    The parser's boundaries, plus a cut at every line break and at a full stop before a
    capital; no cut inside a «quotation» (one quotation of several sentences is one content).
    """
    table = table or DocTable(doc)
    texts, space, n = table.text, table.space, len(table.text)
    starts = {sent.start for sent in doc.sents}
    cuts = [0]
    depth = 0
    for i in range(n):
        text = texts[i]
        if text in OPENING_QUOTES:
            depth += 1
        elif text in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        if space[i] and "\n" in text:
            cuts.append(i + 1)
            depth = 0
            continue
        if depth:
            continue
        if i in starts:
            # The parser sometimes ends a sentence at a closing quote ("« … », a-t-il dit"): a
            # sentence never starts with a comma or a lower-case word.
            # Nor does one start after a word: a parser boundary with no end mark before it
            # ("Intel | Corporation envisage …") is not trusted.
            k = i - 1
            while k >= 0 and space[k] and "\n" not in texts[k]:
                k -= 1
            after_end = k < 0 or "\n" in texts[k] or texts[k] in SENTENCE_ENDS \
                or texts[k] in CLOSING_QUOTES or texts[k] in STRAIGHT_QUOTES
            if after_end and not (text in {",", ";", ")", "]"} or text in CLOSING_QUOTES or text[:1].islower()):
                cuts.append(i)
        elif text in SENTENCE_ENDS and table.whitespace[i] and i + 1 < n:
            nxt = texts[i + 1]
            if nxt[:1].isupper() or nxt in OPENING_QUOTES:
                cuts.append(i + 1)
    cuts = sorted(set(cuts)) + [n]
    out = []
    for s, e in zip(cuts, cuts[1:]):
        while s < e and space[s]:
            s += 1
        while e > s and space[e - 1]:
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def quote_spans(doc: Doc, start: int, end: int, texts: list[str] | None = None,
                marks: list[int] | None = None) -> list[tuple[int, int]]:
    """Token ranges [open, close] of the quotations inside a sentence (both marks included);
    `texts` are the Doc's token texts when already read (DocTable.text), `marks` the indices of
    the quotation marks in [start, end) when known (no other token changes the answer)."""
    spans, stack, straight_open = [], [], None
    texts = texts if texts is not None else [t.text for t in doc]
    for i in range(start, end) if marks is None else marks:
        text = texts[i]
        if text in OPENING_QUOTES:
            stack.append(i)
        elif text in CLOSING_QUOTES and stack:
            spans.append((stack.pop(), i))
        elif text in STRAIGHT_QUOTES:
            if straight_open is None:
                straight_open = i
            else:
                spans.append((straight_open, i))
                straight_open = None
    return spans


class DocTable:
    """Per-token facts of a Doc read once into lists.

    The finders walk heads and labels thousands of times per article; reading them from lists
    instead of through `Doc.__getitem__` (which builds a Token each time) keeps the claims
    component a small share of the pipeline's time. Every list is indexed by token; a
    lemma as spaCy gives it and a morphological feature are read on demand (`lemma_text`,
    `feature`), the few tokens that need them.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        strings = doc.vocab.strings
        # Every fact from the Doc's arrays, each distinct string id looked up once: asking each
        # Token for its head, label, lemma or text would build a Token per word and per fact.
        if n:
            cols = doc.to_array(["HEAD", "MORPH", "DEP", "POS", "LEMMA", "IDX", "LENGTH", "SPACY",
                                 "IS_ALPHA", "LIKE_NUM", "TAG", "ENT_TYPE"])
        else:
            cols = numpy.zeros((0, 12), dtype="uint64")
        head_col, morphs, deps, poss, lemmas, idxs, lengths, spacys, alphas, nums, tags, ents = cols.T
        self.head = (head_col.astype("int64") + numpy.arange(n)).tolist()  # HEAD is relative
        self.end_char = (idxs + lengths).tolist()
        self.idx = idxs.tolist()
        self.is_alpha = alphas.astype(bool).tolist()
        self.like_num = nums.astype(bool).tolist()
        # A word counts towards a content's length: letters or a number.
        self.word = (alphas | nums).astype(bool).tolist()
        self.whitespace = spacys.astype(bool).tolist()
        morphs, deps, poss, lemmas, tags, ents = (c.tolist() for c in (morphs, deps, poss, lemmas, tags, ents))
        name = {sid: strings[sid] for sid in {*deps, *poss, *tags, *ents}}
        self.dep = [name[d] for d in deps]
        self.pos = [name[p] for p in poss]
        self.tag = [name[t] for t in tags]
        self.ent_type = [name[e] for e in ents]
        self.morph = morphs  # ids of the morphological analyses, read by `feature`
        self._features: dict[int, dict[str, str]] = {}
        finite = {m: "VerbForm=Fin" in strings[m].split("|") if m else False for m in set(morphs)}
        self.finite = [finite[m] for m in morphs]
        folded_lemma = {lem: strings[lem].replace("’", "'").lower() for lem in set(lemmas)}  # as `folded`
        self.lemma = [folded_lemma[lem] for lem in lemmas]
        self.lemma_id = lemmas  # read by `lemma_text`
        text = doc_text(doc)
        self.text = [text[i:i + k] for i, k in zip(self.idx, lengths.tolist())]
        # The lexeme's `lower_` is its text lower-cased (spaCy's LOWER getter): no string
        # store look-up per word.
        self.lower = [t.lower() for t in self.text]
        # Lower case with straight apostrophes (as certainty.fold, for single words).
        self.folded = [t.replace("’", "'") for t in self.lower]
        # A space token or one made only of white space.
        self.space = [not t.strip() for t in self.text]
        # The quotation marks, in text order: a sentence's quotations are read from these alone.
        self.quote_marks = [i for i, t in enumerate(self.text) if t in QUOTE_MARKS]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.left, self.right = _subtree_edges(self.head, self.children)

    def lemma_text(self, i: int) -> str:
        """Token i's lemma as spaCy gives it (`lemma_`); `lemma` holds it folded."""
        return self.doc.vocab.strings[self.lemma_id[i]]

    def feature(self, i: int, field: str) -> str:
        """The value of a morphological feature of token i as spaCy writes it ("Fin", several
        joined by commas: "Int,Rel"), "" when absent: `feature(i, f) == "Fin"` is
        `doc[i].morph.get(f) == ["Fin"]`. Each distinct analysis is parsed once."""
        m = self.morph[i]
        features = self._features.get(m)
        if features is None:
            analysis = self.doc.vocab.strings[m] if m else ""
            features = self._features[m] = dict(f.split("=", 1) for f in analysis.split("|") if "=" in f)
        return features.get(field, "")


def _subtree_edges(head: list[int], children: list[list[int]]) -> tuple[list[int], list[int]]:
    """Leftmost and rightmost token of each token's subtree, from the head of every token."""
    left, right = list(range(len(head))), list(range(len(head)))
    # A tree: each token's edges from its children's, leaves first, in one pass.
    order = [i for i, h in enumerate(head) if h == i]
    for node in order:  # grows as it goes: a breadth-first walk from the roots
        order.extend(children[node])
    if len(order) == len(head):
        for node in reversed(order):
            h = head[node]
            if h != node:
                if left[node] < left[h]:
                    left[h] = left[node]
                if right[node] > right[h]:
                    right[h] = right[node]
        return left, right
    # Not a tree (a cycle the parser should never make): walk up from every token, bounded.
    for i in range(len(head)):
        j = i
        for _ in range(len(head)):  # a bound, in case a parse is not a tree
            h = head[j]
            if h == j:
                break
            if i < left[h]:
                left[h] = i
            if i > right[h]:
                right[h] = i
            j = h
    return left, right


@dataclass
class Clause:
    """One clause of a sentence: its head and the tokens it governs directly."""

    head: int
    tokens: list[int]

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


class Sentence:
    """A sentence with its clause structure, computed once and shared by the finders."""

    def __init__(self, doc: Doc, start: int, end: int, labels: Labels, table: DocTable | None = None):
        self.doc, self.start, self.end, self.labels = doc, start, end, labels
        self.table = table or DocTable(doc)
        self._head_of: dict[int, int] = {}  # clause_head_of's answers, filled as it walks

    def __contains__(self, i: int) -> bool:
        return self.start <= i < self.end

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        marks = self.table.quote_marks
        inside = marks[bisect_left(marks, self.start):bisect_left(marks, self.end)]
        return quote_spans(self.doc, self.start, self.end, self.table.text, inside)

    def in_quote(self, i: int) -> tuple[int, int] | None:
        for q in self.quotes:
            if q[0] < i < q[1]:
                return q
        return None

    def parent_index(self, i: int) -> int | None:
        h = self.table.head[i]
        return None if h == i or not (self.start <= h < self.end) else h

    def opens_clause(self, i: int) -> bool:
        lab, table = self.labels, self.table
        if self.parent_index(i) is None:
            return True
        dep = table.dep[i]
        if dep not in lab.clause:
            return False
        kids = table.children[i]
        deps = {table.dep[c] for c in kids}
        has_subject = bool(deps & lab.subject)
        has_mark = bool(deps & lab.mark)
        if dep in lab.complement:
            return has_subject or has_mark or self._finite(i)
        if dep == "conj":
            return has_subject or has_mark
        if dep == "advcl":
            return has_subject or (has_mark and self._finite(i))
        return has_subject or self._finite(i)

    def _finite(self, i: int) -> bool:
        table = self.table
        return table.finite[i] or any(table.dep[c] in self.labels.aux and table.finite[c] for c in table.children[i])

    def _verbal(self, i: int) -> bool:
        table = self.table
        return table.pos[i] in {"VERB", "AUX"} or any(table.dep[c] in self.labels.aux for c in table.children[i])

    @cached_property
    def roots(self) -> list[int]:
        """Tokens with no head inside the sentence (several when the parse runs across sentences)."""
        space, head, start, end = self.table.space, self.table.head, self.start, self.end
        return [i for i in range(start, end) if not space[i] and (head[i] == i or not start <= head[i] < end)]

    @cached_property
    def main_roots(self) -> list[int]:
        """The roots that head a clause: verbal ones, or the first root if none is verbal."""
        verbal = [i for i in self.roots if self._verbal(i)]
        return verbal or self.roots[:1]

    @cached_property
    def heads(self) -> frozenset[int]:
        table, clause_deps, start, end = self.table, self.labels.clause, self.start, self.end
        space, dep, head = table.space, table.dep, table.head
        heads = {i for i in range(start, end)
                 if dep[i] in clause_deps and not space[i] and head[i] != i and start <= head[i] < end
                 and self.opens_clause(i)}
        heads |= set(self.main_roots)
        # A quotation is one content: clauses inside it do not split it.
        for q0, q1 in self.quotes:
            inside = [h for h in heads if q0 < h < q1]
            if len(inside) > 1:
                keep = min(inside, key=lambda h: self._depth(h))
                heads -= set(inside) - {keep}
        return frozenset(heads)

    def _depth(self, i: int) -> int:
        depth = 0
        while (i := self.parent_index(i)) is not None and depth < 100:
            depth += 1
        return depth

    def clause_head_of(self, i: int) -> int:
        """The innermost clause head governing token i."""
        found = self._head_of.get(i)
        return self._walk_to_clause_head(i) if found is None else found

    def _walk_to_clause_head(self, i: int) -> int:
        """Walk up from token i to the first clause head (or to an answer already known), and
        keep the answer for every token on the way."""
        memo, heads, head, start, end = self._head_of, self.heads, self.table.head, self.start, self.end
        path, k, found, steps = [], i, None, 0
        while steps < 100:  # a bound, in case a parse is not a tree
            found = memo.get(k)
            if found is not None:
                break
            path.append(k)
            if k in heads:
                found = k
                break
            up = head[k]  # as parent_index(k), inlined: this walk runs for every token
            if up == k or not start <= up < end:
                # A stray root (a phrase the parser hung on another sentence) joins the
                # nearest clause root.
                found = min(self.main_roots, key=lambda r: (abs(r - k), r)) if self.main_roots else k
                break
            k = up
            steps += 1
        if found is None:
            found = k
        for j in path:
            memo[j] = found
        return found

    @cached_property
    def clauses(self) -> list[Clause]:
        groups: dict[int, list[int]] = {}
        space, head, memo, walk = self.table.space, self.table.head, self._head_of, self._walk_to_clause_head
        heads, start, end = self.heads, self.start, self.end
        for i in range(start, end):
            if space[i]:
                continue
            h = memo.get(i)
            if h is None:
                # The walk's first step, inlined: a clause head, or a token whose parent's
                # clause is known (most tokens, once their neighbours have been walked).
                up = head[i]
                if i in heads:
                    h = memo[i] = i
                elif up != i and start <= up < end and (h := memo.get(up)) is not None:
                    memo[i] = h
                else:
                    h = walk(i)
            groups.setdefault(h, []).append(i)
        return sorted((Clause(h, toks) for h, toks in groups.items()), key=lambda c: c.start)

    @cached_property
    def _clause_by_head(self) -> dict[int, Clause]:
        return {c.head: c for c in self.clauses}

    def clause_of(self, i: int) -> Clause:
        return self._clause_by_head[self.clause_head_of(i)]

    def subtree_span(self, i: int) -> tuple[int, int]:
        """[start, end) of token i's subtree, clipped to the sentence."""
        table = self.table
        lo, hi = max(table.left[i], self.start), min(table.right[i] + 1, self.end)
        while lo < hi and table.space[lo]:
            lo += 1
        while hi > lo and table.space[hi - 1]:
            hi -= 1
        return (lo, hi) if hi > lo else (i, i + 1)


def trim(doc: Doc, start: int, end: int, openers: frozenset[str] = frozenset(),
         table: DocTable | None = None) -> tuple[int, int]:
    """Narrow a token range to its words: no edge punctuation, unmatched quotes or openers.
    Read from the Doc's `DocTable` (built when the caller has none)."""
    return _trim_table(table or DocTable(doc), start, end, openers)


def _trim_table(table: DocTable, start: int, end: int, openers: frozenset[str]) -> tuple[int, int]:
    text, space, pos, lower = table.text, table.space, table.pos, table.lower
    for _ in range(200):
        if start >= end:
            break
        first, last = text[start], text[end - 1]
        if space[start] or first in EDGE_PUNCT:
            start += 1
        elif space[end - 1] or last in EDGE_PUNCT:
            end -= 1
        elif lower[start] in openers and start + 1 < end:
            start += 1
        elif lower[end - 1] in openers and pos[end - 1] in {"CCONJ", "SCONJ"} and end - 1 > start:
            end -= 1
        elif _is_quote_text(first) and _is_quote_text(last) and end - start > 2:
            start, end = start + 1, end - 1
        elif _is_quote_text(first) and not any(_is_quote_text(text[k]) for k in range(start + 1, end)):
            start += 1
        elif _is_quote_text(last) and not any(_is_quote_text(text[k]) for k in range(start, end - 1)):
            end -= 1
        else:
            break
    return start, end


def _is_quote_text(text: str) -> bool:
    return text in OPENING_QUOTES or text in CLOSING_QUOTES or text in STRAIGHT_QUOTES
