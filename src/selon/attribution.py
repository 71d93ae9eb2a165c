"""Attribution: which words of a sentence report whose content.

Four kinds of cue are found in a sentence, each giving an `Attribution` (its links, nearest
source first, and the token ranges of the content it covers):

- a reporting verb with its subject ("Newsweek rapporte que …", "…, said the CDC", "It is
  thought …"), its content being the complement clause(s), a quotation or colon after it, its
  object for verbs that announce or deny a thing, or the text before it when it comes last;
- a source preposition ("selon X", "d'après X", "according to X") before, after or inside its
  content, with the participles that lengthen the chain ("citées par Newsweek", "publié dans
  les Echos") or name the author of a document ("une liste établie par X");
- hearsay with no source ("reportedly", "amid claims that", "il paraît que"), whose words
  stand for an anonymous source;
- a cue inside the content of another nests in it: its chain continues the outer chain
  ("Newsweek rapporte que, selon certaines sources, …" → [Newsweek, certaines sources]);
- a sentence-initial "Pour X," / "For X," naming a speaker gives X's view, and a title may
  name its source after a final separator ("…: sources").

A present participle reports for the subject of its clause ("…, évoquant X"); an agentless
passive cue is its own anonymous source ("was deemed to …"); a post-posed cue right after a
quotation reports the quotation; quotations that continue a content ("«A», or «B»") are the
same speaker's; "X l'a assuré" reports the sentences before it (claims.py joins sentences).

The lexicons are the `[attribution]` table of the language data file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from . import sources
from .certainty import PhraseHit, find_phrases, fold, phrase_regex
from .clauses import (CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTES, Labels, Sentence, is_space,
                      trim)
from .langdata import LangData

PHRASE_STOPS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "[", "]", "—", "–", "«", "»", '"', "“", "”"})


class AttributionRules:
    """The `[attribution]` table of one language, compiled once."""

    def __init__(self, data: LangData):
        table = data.section("attribution")
        self.data = data
        self.labels = Labels.of(data)
        self.reporting = frozenset(fold(w) for w in table.get("reporting_verbs", []))
        self.object_verbs = frozenset(fold(w) for w in table.get("object_content_verbs", []))
        self.denial_verbs = frozenset(fold(w) for w in table.get("denial_verbs", []))
        self.preposition_regex = phrase_regex(table.get("source_prepositions", []))
        self.relatives = frozenset(fold(w) for w in table.get("relative_pronouns", []))
        self.relay_in = _pairs(table.get("relay_in", []))
        self.author_participles = _pairs(table.get("author_participles", []))
        self.relay_out = frozenset(fold(w) for w in table.get("relay_out", []))
        self.hearsay_regex = phrase_regex(table.get("hearsay_phrases", []))
        self.hearsay_adverbs = frozenset(fold(w) for w in table.get("hearsay_adverbs", []))
        self.hearsay_nouns = frozenset(fold(w) for w in table.get("hearsay_nouns", []))
        self.anonymous_subjects = frozenset(fold(w) for w in table.get("anonymous_subjects", []))
        self.expletives = frozenset(fold(w) for w in table.get("expletive_subjects", []))
        self.openers = frozenset(fold(w) for w in table.get("clause_openers", []))
        self.contrast = frozenset(fold(w) for w in table.get("contrast_markers", []))
        self.title_separators = frozenset(table.get("title_separators", []))
        self.opinion_prepositions = frozenset(fold(w) for w in table.get("opinion_prepositions", []))
        self.variation_verbs = frozenset(fold(w) for w in table.get("variation_verbs", []))
        lexicon = sources.lexicon(data)
        # Nouns that name someone who can hold an opinion ("Pour un praticien, …").
        self.speaker_heads = frozenset().union(*(words for key, words in lexicon.heads.items()
                                                 if key not in {"container_heads", "document_heads"}))
        self.speaker_labels = lexicon.person_labels | lexicon.org_labels
        self.content_nouns = frozenset(fold(w) for w in table.get("content_nouns", []))
        self.anaphoric_objects = frozenset(fold(w) for w in table.get("anaphoric_objects", []))
        # Words that may open a cue on their own (checked token by token).
        self.lexical_cues = self.opinion_prepositions | self.hearsay_adverbs | self.hearsay_nouns
        self.agentless_passive_verbs = frozenset(fold(w) for w in table.get("agentless_passive_verbs", []))
        self.cue_extensions = frozenset(fold(w) for w in table.get("cue_extensions", []))
        self.intention_verbs = frozenset(fold(w) for w in table.get("intention_verbs", []))
        self.lemma_repairs = [(fold(a), fold(b)) for a, b in table.get("verb_lemma_repairs", [])]
        self.infinitive_verbs = frozenset(fold(w) for w in table.get("infinitive_content_verbs", []))
        self.prepositional_content = _pairs(table.get("prepositional_content", []))
        self.self_subjects = frozenset(fold(w) for w in table.get("self_subjects", []))
        self.relative_subjects = frozenset(fold(w) for w in table.get("relative_subjects", []))
        self.negation_words = frozenset(fold(w) for w in data.section("certainty").get("negation_words", []))

    def lemma_forms(self, tok: Token) -> set[str]:
        """The lemma, the form and their repairs: "cités" (lemma "cité", a noun to the
        tagger) still reads as "citer"."""
        forms = {fold(tok.lemma_), fold(tok.text)}
        for form in list(forms):
            for ending, replacement in self.lemma_repairs:
                if form.endswith(ending) and len(form) > len(ending) + 2:
                    forms.add(form[: len(form) - len(ending)] + replacement)
        return forms

    def verb_lemma(self, tok: Token) -> str:
        """The lemma of a verb, repaired when the lemmatizer left a reporting verb's form as it
        was ("estime" → "estimer")."""
        lemma = fold(tok.lemma_)
        if lemma in self.reporting or lemma != fold(tok.text):
            return lemma
        for ending, replacement in self.lemma_repairs:
            if lemma.endswith(ending) and (repaired := lemma[: len(lemma) - len(ending)] + replacement) in self.reporting:
                return repaired
        return lemma


def _pairs(entries: list[str]) -> frozenset[tuple[str, str]]:
    """"citer par" → ("citer", "par"): a participle lemma and the preposition after it."""
    out = set()
    for entry in entries:
        words = fold(entry).split()
        if len(words) >= 2:
            out.add((words[0], " ".join(words[1:])))
    return frozenset(out)


@dataclass
class Link:
    """One source of a chain: the phrase naming it (token range) and the cue words."""

    source: tuple[int, int]
    cue: tuple[int, int]
    rule: str
    hearsay: bool = False  # the cue words are the source: anonymous, probable


@dataclass
class Attribution:
    links: list[Link]                       # nearest first, as seen by the author
    contents: list[tuple[int, int]]         # token ranges of what is reported
    frame: set[int]                         # tokens of the cue and source phrase
    anchor: int                             # the cue token (to nest one cue in another's content)
    hedges: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, level, rule
    denial: tuple[int, int] | None = None
    cue_lemma: str = ""                     # lemma of a verbal cue (belief verbs hedge)
    negations: list[int] = field(default_factory=list)  # negation words of a speaker's own cue
    postposed: bool = False                 # the cue closes its content ("…, rapporte X")
    previous: bool = False                  # the content is the sentences before ("X l'a assuré")
    parent: "Attribution | None" = None


# --------------------------------------------------------------------------------------
# Helpers


def _is_finite(tok: Token) -> bool:
    return tok.morph.get("VerbForm") == ["Fin"] or tok.tag_ in {"VBD", "VBZ", "VBP", "MD"}


def _phrase_end(doc: Doc, start: int, limit: int) -> int:
    """End of a noun phrase that starts at `start`: the next stop mark, finite verb or 'que'."""
    i = start
    while i < limit:
        tok = doc[i]
        if tok.text in PHRASE_STOPS or (i > start and tok.pos_ in {"VERB", "AUX"} and _is_finite(tok)):
            break
        if i > start and tok.pos_ == "SCONJ":
            break
        i += 1
    return i


def _participle_pair(doc: Doc, i: int, pairs: frozenset[tuple[str, str]], limit: int,
                     rules: "AttributionRules | None" = None) -> int | None:
    """If a participle + preposition of `pairs` starts at token i, the index after it."""
    tok = doc[i]
    forms = rules.lemma_forms(tok) if rules is not None else {fold(tok.lemma_), fold(tok.text)}
    for verb, prep in pairs:
        if verb not in forms:
            continue
        words = prep.split()
        j = i + 1
        # "publié mardi dans", "établie le 3 mars par": a date or adverb may come between.
        while j < limit and j - i <= 4 and fold(doc[j].text) != words[0] and (
                doc[j].pos_ in {"ADV", "NUM"} or doc[j].ent_type_ == "DATE"
                or (doc[j].pos_ in {"NOUN", "PROPN", "DET"} and doc[j].like_num is False and _temporal(doc[j]))):
            j += 1
        if all(j + k < limit and fold(doc[j + k].text) == w for k, w in enumerate(words)):
            return j + len(words)
    return None


def _temporal(tok: Token) -> bool:
    """A word of a date ("mardi", "le 3 mars", "hier"): the times component marks them."""
    times = getattr(tok.doc._, "selon_times", None) or []
    return any(t.start <= tok.idx < t.end for t in times)


def _quote_after(sent: Sentence, i: int) -> tuple[int, int] | None:
    """The quotation opening at token i (or just after a colon), as a content range."""
    doc = sent.doc
    j = i
    while j < sent.end and (is_space(doc[j]) or doc[j].text in {":", ","}):
        j += 1
    for q0, q1 in sent.quotes:
        if q0 == j:
            return q0, q1 + 1
    return None


def _left_phrase(sent: Sentence, i: int) -> tuple[int, int] | None:
    """The noun phrase just left of token i when the parser gave the verb no subject; with an
    apposition ("François Canonica, l'avocat du prévenu, a averti"), all of it from the
    sentence start."""
    doc = sent.doc
    lead = trim(doc, sent.start, i)
    if 0 < lead[1] - lead[0] <= 15 and doc[lead[0]].pos_ in {"PROPN", "NOUN", "DET"} \
            and any(t.text == "," for t in doc[lead[0]:lead[1]]) \
            and not any(t.pos_ in {"VERB", "AUX", "SCONJ", "ADP"} and t.dep_ != "case" for t in doc[lead[0]:lead[1]]):
        return lead
    k = i
    while k > sent.start and doc[k - 1].text not in PHRASE_STOPS and not is_space(doc[k - 1]) \
            and not (doc[k - 1].pos_ in {"VERB", "AUX"} and _is_finite(doc[k - 1])) and i - k < 8:
        k -= 1
    span = trim(doc, k, i)
    if span[1] <= span[0] or not any(t.pos_ in {"NOUN", "PROPN"} for t in doc[span[0]:span[1]]):
        return None
    if any(t.pos_ in {"VERB", "AUX", "SCONJ"} for t in doc[span[0]:span[1]]):
        return None
    return span


def _mark_after(sent: Sentence, i: int, labels: Labels) -> int | None:
    """A complement mark ("que", "that") right after a cue, or after one parenthetical."""
    doc = sent.doc
    j = i
    if j < sent.end and doc[j].text == ",":
        j += 1
        while j < sent.end and doc[j].text != "," and j - i < 12:
            j += 1
        j += 1
    if j < sent.end and doc[j].dep_ in labels.mark and doc[j].head.i > j and doc[j].head.i in sent:
        return j
    return None


def _cue_range(sent: Sentence, verb: Token, labels: Labels) -> tuple[int, int]:
    """The words of a verbal cue: auxiliaries before the verb, the verb, a reporting xcomp."""
    lo, hi = verb.i, verb.i + 1
    for child in verb.children:
        if child.dep_ in labels.aux and child.i < verb.i and verb.i - child.i <= 4:
            lo = min(lo, child.i)
    return lo, hi


# --------------------------------------------------------------------------------------
# Reporting verbs


def _complements(sent: Sentence, verb: Token, rules: AttributionRules) -> list[tuple[int, int]]:
    """Content ranges of a verb's complement clauses; "et que …" conjuncts are their own."""
    labels = rules.labels
    heads = [c for c in verb.children if c.dep_ in labels.complement and c.i in sent]
    for x in verb.children:
        if x.dep_ in labels.xcomp and fold(x.lemma_) in rules.reporting | rules.cue_extensions:
            heads += [c for c in x.children if c.dep_ in labels.complement and c.i in sent]
    if rules.verb_lemma(verb) in rules.intention_verbs:
        # "Le gouvernement a prévu de définir …": an infinitive is a plan, not a report.
        heads = [h for h in heads if not (h.morph.get("VerbForm") == ["Inf"] and _subject(h, labels) is None)]
    out = []
    for head in heads:
        out += _split_conjuncts(sent, head, labels, rules.contrast)
    return out


def _split_conjuncts(sent: Sentence, head: Token, labels: Labels,
                     contrast: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    start, end = sent.subtree_span(head)
    parts = []
    # ", while the Federation has written …": a contrasted clause is the author's, not the content.
    for tok in sent.doc[head.i + 1:end]:
        if tok.dep_ in labels.clause and any(c.i < tok.i and fold(c.text) in contrast
                                             and c.dep_ in labels.mark | labels.cc for c in tok.children):
            end = min(end, sent.subtree_span(tok)[0])
            break
    for conj in head.children:
        if conj.dep_ == "conj" and conj.i > head.i and any(c.dep_ in labels.mark for c in conj.children):
            c0, c1 = sent.subtree_span(conj)
            parts += _split_conjuncts(sent, conj, labels, contrast)
            end = min(end, c0)
    return [(start, end)] + parts


def _is_infinitive(tok: Token) -> bool:
    """An infinitive or gerund, or a participle under an infinitive auxiliary ("avoir abattu",
    "to have cut", "having met")."""
    if tok.morph.get("VerbForm") in (["Inf"], ["Ger"]) or tok.tag_ in {"VB", "VBG"}:
        return True
    return any(c.morph.get("VerbForm") in (["Inf"], ["Ger"]) or c.tag_ in {"VB", "VBG"}
               for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i)


def _infinitive_complement(verb: Token, rules: AttributionRules) -> Token | None:
    """"a affirmé avoir abattu 29 drones", "claimed to have cut": the infinitive complement
    the subject asserts (a verb with no subject of its own, right after the cue)."""
    labels = rules.labels
    for child in verb.children:
        if child.i > verb.i and child.dep_ in labels.xcomp | labels.complement and child.pos_ in {"VERB", "AUX"} \
                and _subject(child, labels) is None and _is_infinitive(child) \
                and fold(child.lemma_) not in rules.reporting | rules.cue_extensions:
            return child
    return None


def _prepositional_object(verb: Token, lemma: str, rules: AttributionRules) -> tuple[int, int] | None:
    """"s'attendent à une baisse", "bet on a rebound": the object of the verb's preposition."""
    doc = verb.doc
    for child in verb.children:
        if child.i <= verb.i:
            continue
        if child.pos_ == "ADP":  # a preposition heading its object (ClearNLP style)
            word, objs = fold(child.text), [c for c in child.children if c.i > child.i]
            if (lemma, word) in rules.prepositional_content and objs:
                return child.i + 1, max(o.right_edge.i for o in objs) + 1
        else:  # a nominal with its preposition as a "case" child (UD style)
            case = next((c for c in child.children if c.dep_ == "case" and c.i < child.i), None)
            if case is not None and (lemma, fold(case.text)) in rules.prepositional_content \
                    and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
                return case.i + 1, child.right_edge.i + 1
    return None


def _subject(verb: Token, labels: Labels) -> Token | None:
    for child in verb.children:
        if child.dep_ in labels.subject:
            return child
    return None


def _name_before_apposition(sent: Sentence, verb: Token, start: int) -> int:
    """"François Canonica, l'avocat du prévenu, a averti …": when the parser made the
    apposition the subject and hung the verb on the name, the source phrase starts at the name."""
    doc = sent.doc
    if start - 1 <= sent.start or doc[start - 1].text != ",":
        return start
    first = sent.start
    while first < start and (is_space(doc[first]) or doc[first].text in OPENING_QUOTES):
        first += 1
    if first < start - 1 and all(t.pos_ == "PROPN" or t.dep_ == "flat:name" for t in doc[first:start - 1]):
        return first
    return start


def _inverted_speaker(sent: Sentence, verb: Token, cue: tuple[int, int], rules: AttributionRules) -> bool:
    """A speaker phrase right after a cue whose object cannot be its content ("précise le
    journal", "a déclaré la ministre")."""
    if rules.verb_lemma(verb) in rules.object_verbs or cue[1] >= sent.end:
        return False
    end = _phrase_end(sent.doc, cue[1], sent.end)
    return end > cue[1] and sent.doc[cue[1]].pos_ in {"DET", "PROPN"} and _speaker_phrase(sent.doc, cue[1], end, rules)


def _quotes_after(sent: Sentence, end: int, rules: AttributionRules) -> list[tuple[int, int]]:
    """Quotations that continue a speaker's content: "X a jugé «A», or «B»", "pointant «A»
    car «B»": joined to it by nothing but punctuation and a conjunction. A quoted clause is a
    content of its own; quoted words without a verb lengthen the content before them."""
    doc = sent.doc
    out = []
    for q0, q1 in sent.quotes:
        if q0 < end:
            continue
        between = doc[end:q0]
        if len(between) > 3 or not all(t.text in {",", ";", ":"} or t.pos_ in {"CCONJ", "SCONJ"} or is_space(t)
                                       for t in between):
            break
        out.append((q0, q1 + 1))
        end = q1 + 1
    return out


def _separator(sent: Sentence, j: int) -> bool:
    """A colon or semicolon that divides the sentence: followed by a space, outside quotes and
    brackets (not "(NYSE :MS)")."""
    doc = sent.doc
    if doc[j].text not in {":", ";"} or not doc[j].whitespace_ or sent.in_quote(j) is not None:
        return False
    depth = 0
    for t in doc[sent.start:j]:
        depth += (t.text == "(") - (t.text == ")")
    return depth <= 0


def _absolute_participle(verb: Token, labels: Labels) -> bool:
    """A present participle with no auxiliary ("…, évoquant X", "…, accepting that …"): it
    reports for the subject of the clause it hangs on."""
    return verb.morph.get("VerbForm") == ["Part"] and verb.morph.get("Tense") == ["Pres"] \
        and not any(c.dep_ in labels.aux for c in verb.children)


def _governor_subject(sent: Sentence, verb: Token, rules: AttributionRules) -> Token | None:
    """The subject of the clause a participle cue hangs on; for a relative pronoun ("C'est X
    qui a écrit …, évoquant …"), its antecedent."""
    labels = rules.labels
    node = sent.parent(verb)
    for _ in range(3):
        if node is None:
            return None
        subject = _subject(node, labels)
        if subject is not None:
            if subject.morph.get("PronType") == ["Rel"] or fold(subject.text) in rules.relatives:
                antecedent = sent.parent(node)
                return antecedent if antecedent is not None and antecedent.pos_ in {"NOUN", "PROPN"} else None
            return subject
        node = sent.parent(node)
    return None


def _object_content(sent: Sentence, verb: Token, obj: Token, rules: AttributionRules) -> tuple[int, int]:
    """The content an object-taking cue reports: the object with the adjuncts that follow it
    in the clause ("a annoncé un gel des tarifs [jusqu'au printemps]"); for a noun that names
    a content ("la rumeur d'une vente", "reports of a deal"), its complement."""
    doc, labels = sent.doc, rules.labels
    start, end = sent.subtree_span(obj)
    # 'calling it the “worst week in years”': the quoted words are the content.
    quote = next((q for q in sent.quotes if start < q[0] <= start + 1 and q[1] < end + 2), None)
    if quote is not None and doc[start].pos_ == "DET":
        start = quote[0]
    for child in verb.children:
        if child.i > obj.i and child.dep_ not in labels.clause | labels.cc | labels.mark | {"punct", "conj"} \
                and not any(t.text in PHRASE_STOPS for t in doc[end:child.i]):
            end = max(end, sent.subtree_span(child)[1])
    # "la venue de Kingdom Holding, détenue par X": a description of a name after a comma is
    # background, not what is reported.
    for i in range(start + 1, end - 1):
        if doc[i].text == "," and doc[i + 1].dep_ in {"acl"} and doc[i + 1].head.i < i \
                and doc[i + 1].morph.get("VerbForm") == ["Part"] \
                and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].ent_type_):
            end = i
            break
    if fold(obj.lemma_) in rules.content_nouns:
        for child in obj.children:
            c0, c1 = sent.subtree_span(child)
            if child.i > obj.i and c0 == obj.i + 1 and doc[c0].pos_ == "ADP" and c1 - c0 > 1:
                return c0 + 1, end
    return start, end


def _postposed_content(sent: Sentence, verb: Token, cue: tuple[int, int], subject: Token | None,
                       rules: AttributionRules) -> tuple[int, int] | None:
    """The content before a cue that closes it: "…, rapporte Ouest-France", "« … » a lancé X".

    Right after a quotation, the quotation is the content. After a comma or dash, the content
    runs back to the start of the sentence, or to a colon or semicolon outside quotes, or to
    the complement mark the cue governs ("Cela signifie que [A], rapporte X"); it must be a
    clause (a finite verb) or a quotation. A cue with its subject in front and a direct
    object after it ("X a démenti la rumeur") is not postposed.
    """
    doc, labels = sent.doc, rules.labels
    inverted = _inverted_speaker(sent, verb, cue, rules) and not (
        subject is not None and _speaker_phrase(doc, *sent.subtree_span(subject), rules))
    if inverted and cue[0] > sent.start and doc[cue[0] - 1].text not in PHRASE_STOPS:
        # "… 3,2 millions de professionnels précise le journal économique": no comma, but a
        # speaker right after a cue that has no content of its own is its inverted subject.
        start = sent.start
        for j in range(sent.start, cue[0]):
            if _separator(sent, j):
                start = j + 1
        if sum(1 for t in doc[start:cue[0]] if t.is_alpha or t.like_num) >= 3 \
                and any(t.pos_ in {"VERB", "AUX"} for t in doc[start:cue[0]]):
            return start, cue[0]
    lead = cue[0]
    if subject is not None and subject.i < lead and sent.subtree_span(subject)[1] == lead:
        if rules.verb_lemma(verb) in rules.object_verbs and any(
                c.dep_ in labels.obj and c.i > verb.i and c.pos_ != "PRON" for c in verb.children):
            return None
        lead = sent.subtree_span(subject)[0]
    k = lead - 1
    while k >= sent.start and is_space(doc[k]):
        k -= 1
    if k <= sent.start:
        return None
    # "« … » a lancé X", "« … », a-t-il dit": a whole quoted clause is the content.
    before = k - 1 if doc[k].text == "," else k
    quote = next((q for q in sent.quotes if q[1] == before), None)
    if quote is not None and quote[1] - quote[0] > 1 and (
            quote[0] == sent.start or any(_is_finite(t) and t.pos_ in {"VERB", "AUX"} for t in doc[quote[0]:quote[1]])):
        return quote[0], quote[1] + 1
    if doc[k].text not in {",", "—", "–"} and not (quote is not None and before == k):
        return None
    start = sent.start
    for j in range(sent.start, k):
        if _separator(sent, j) and j + 1 < k:
            start = j + 1
    marks = [c.i for c in verb.children if c.dep_ in labels.mark and start <= c.i < k]
    if marks and any(_is_finite(t) and t.pos_ in {"VERB", "AUX"} for t in doc[start:min(marks)]):
        start = min(marks) + 1
    words = sum(1 for t in doc[start:k] if t.is_alpha or t.like_num)
    if words < 3 or (not any(t.pos_ in {"VERB", "AUX"} for t in doc[start:k])
                     and not any(start <= q[0] < k for q in sent.quotes)):
        return None
    return start, k + 1


def _verb_attribution(sent: Sentence, verb: Token, rules: AttributionRules) -> Attribution | None:
    doc, labels = sent.doc, rules.labels
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = rules.verb_lemma(verb)
    if lemma not in rules.reporting:
        return None
    parent = sent.parent(verb)
    if verb.dep_ in labels.xcomp and parent is not None and rules.verb_lemma(parent) in rules.reporting:
        return None  # "croient savoir": part of the parent's cue
    if verb.morph.get("VerbForm") == ["Inf"] and _subject(verb, labels) is None:
        return None
    if _participle_pair(doc, verb.i, rules.relay_in | rules.author_participles, sent.end, rules):
        return None  # "citées par X" lengthens another cue's chain
    cue = _cue_range(sent, verb, labels)
    for x in verb.children:
        if x.dep_ in labels.xcomp and fold(x.lemma_) in rules.reporting | rules.cue_extensions:
            cue = (cue[0], max(cue[1], x.i + 1))
    subject = _subject(verb, labels)
    if subject is not None and sent.in_quote(subject.i) is not None and sent.in_quote(verb.i) is None:
        subject = None  # a word of a quotation is what is said, not who says it
    # Only an auxiliary of the cue itself makes it passive ("étaient" of another clause the
    # parser hung on the cue does not).
    passive = any(c.dep_ in labels.passive_aux and cue[0] <= c.i < cue[1] for c in verb.children) or (
        subject is not None and subject.dep_ in labels.passive_subject)
    frame = set(range(*cue))

    contents = _complements(sent, verb, rules)
    rule = "reporting_verb:complement"
    if not contents and lemma in rules.infinitive_verbs:
        infinitive = _infinitive_complement(verb, rules)
        if infinitive is not None:
            contents, rule = [sent.subtree_span(infinitive)], "reporting_verb:infinitive"
    if not contents and rules.prepositional_content:
        obj = _prepositional_object(verb, lemma, rules)
        if obj is not None:
            contents, rule = [obj], "reporting_verb:prepositional_object"
    if not contents and passive and lemma in rules.agentless_passive_verbs:
        # "Measles was deemed [to be eliminated in 2000]"
        xcomp = next((c for c in verb.children if c.dep_ in labels.xcomp and c.i > verb.i), None)
        if xcomp is not None:
            contents, rule = [sent.subtree_span(xcomp)], "reporting_verb:passive_xcomp"
    if not contents:
        mark = _mark_after(sent, cue[1], labels)
        if mark is not None and not (lemma in rules.intention_verbs and doc[mark].head.morph.get("VerbForm") == ["Inf"]):
            # The parser missed the complement: "X rapporte, citant Y, que …".
            contents, rule = [(mark, sent.subtree_span(doc[mark].head)[1])], "reporting_verb:complement_mark"
    if not contents:
        quote = _quote_after(sent, cue[1])
        after = cue[1]
        # "X told Reuters: …", "X a déclaré à l'AFP : « … »"
        for child in verb.children:
            if child.i >= cue[1] and child.dep_ not in labels.subject and child.text not in {":"}:
                if doc[child.i].text in OPENING_QUOTES or doc[child.i].text in STRAIGHT_QUOTES:
                    continue
                end = sent.subtree_span(child)[1]
                if end < sent.end and doc[end].text == ":":
                    after = end
        if quote is None and after < sent.end and doc[after].text == ":":
            contents, rule = [(after + 1, sent.end)], "reporting_verb:colon"
            frame.update(range(cue[1], after + 1))
        elif quote is not None:
            contents, rule = [quote], "reporting_verb:quote"
    postposed = False
    participle = subject is None and _absolute_participle(verb, labels)
    if not contents and not participle:
        postposed_content = _postposed_content(sent, verb, cue, subject, rules)
        if postposed_content is not None:
            contents, rule, postposed = [postposed_content], "reporting_verb:postposed", True
            if subject is not None and subject.i < postposed_content[1]:
                subject = None  # the parser took a word of the content for the subject
    if not contents and any(c.dep_ in labels.obj and fold(c.text) in rules.anaphoric_objects and c.i < verb.i
                            for c in verb.children):
        # "Frank McCourt l'a assuré": the clitic stands for what the sentences before said.
        rule = "reporting_verb:previous_sentences"
    elif not contents and lemma in rules.object_verbs:
        for child in verb.children:
            if child.dep_ in labels.obj and child.i > verb.i and child.pos_ not in {"PRON"}:
                contents, rule = [_object_content(sent, verb, child, rules)], "reporting_verb:object"
                break
        else:
            # The parser missed the object ("a démenti tout accord"): the noun phrase right after the cue.
            end = _phrase_end(doc, cue[1], sent.end)
            if cue[1] < sent.end and doc[cue[1]].pos_ in {"DET", "NOUN", "PROPN", "NUM", "ADV"} \
                    and any(t.pos_ in {"NOUN", "PROPN"} for t in doc[cue[1]:end]) \
                    and not any(t.pos_ == "ADP" for t in doc[cue[1]:cue[1] + 1]):
                contents, rule = [(cue[1], end)], "reporting_verb:object_phrase"
    if not contents and rule != "reporting_verb:previous_sentences":
        return None

    # Who says it.
    links: list[Link] = []
    hearsay = False
    if passive:
        agent = next((c for c in verb.children if c.dep_ in labels.agent), None)
        if agent is not None:
            source = sent.subtree_span(agent)
            lo = source[0]
            while lo < source[1] and doc[lo].pos_ == "ADP":
                lo += 1
            links.append(Link((lo, source[1]), cue, rule + ":agent"))
            frame.update(range(agent.i - 1 if agent.i - 1 >= cue[1] else agent.i, source[1]))
        elif subject is not None and fold(subject.text) in rules.expletives:
            hearsay = True
            lo = min(subject.i, cue[0])
            links.append(Link((lo, cue[1]), (lo, cue[1]), "hearsay:impersonal_passive", hearsay=True))
            frame.update(range(lo, cue[1]))
        elif lemma in rules.agentless_passive_verbs and (rule.startswith("reporting_verb:complement")
                                                         or rule == "reporting_verb:passive_xcomp"):
            # "Measles was deemed to be eliminated", "they have been told (that) …": nobody is
            # named, the passive cue itself stands for the source.
            links.append(Link(cue, cue, "passive:agentless", hearsay=True))
        else:
            return None
    else:
        if subject is None and parent is not None and verb.dep_ == "conj" and not postposed:
            subject = _subject(parent, labels)
        if participle:
            rule += ":participle"
            # "…, le syndicat SNMH-FO y pointant un risque": an absolute participle has its
            # subject right before it (clitics aside); otherwise it is its clause's subject's.
            lo = verb.i
            while lo > sent.start and doc[lo - 1].pos_ == "PRON" and doc[lo - 1].dep_ not in labels.subject:
                lo -= 1
            own = _left_phrase(sent, lo) if lo > sent.start and doc[lo - 1].text != "," else None
            if own is not None and own[1] == lo and _speaker_phrase(doc, *own, rules):
                links.append(Link(own, cue, rule))
                frame.update(range(own[0], verb.i))
            else:
                subject = _governor_subject(sent, verb, rules)
                if subject is None:
                    return None
        if subject is None and postposed:
            # Inverted subject, which the parser often reads as an object ("a déclaré la ministre").
            governors = [verb] + [x for x in verb.children if x.dep_ in labels.xcomp and x.i < cue[1]]
            subject = next((c for g in governors for c in g.children if c.i > verb.i and c.dep_ in labels.obj
                            | labels.subject | labels.expletive | labels.xcomp and (
                                c.pos_ in {"NOUN", "PROPN", "PRON"} or c.text[:1].isupper())), None)
        if subject is None and not links:
            subject = next((c for c in verb.children if c.dep_ in labels.expletive), None)
        if subject is None and not links:
            span = _left_phrase(sent, cue[0])
            if span is None:
                return None
            links.append(Link(span, cue, rule + ":left_phrase"))
            frame.update(range(*span))
        elif subject is not None and fold(subject.text) in rules.expletives and subject.dep_ in labels.expletive \
                and not postposed:
            return None  # "il est dit que" without passive marking: left to hearsay phrases
    negations: list[int] = []
    if subject is not None and not passive and fold(subject.text) in rules.self_subjects \
            and sent.in_quote(verb.i) is not None:
        # "« Nous ne disons pas que … »": the quoted speaker's own cue adds no source; denying
        # saying it makes the content negative.
        negations = sorted(c.i for c in verb.children if fold(c.text) in rules.negation_words
                           and c.pos_ in {"ADV", "PART"})
        frame.add(subject.i)
        subject = None
    if subject is not None and not passive and cue[0] < subject.i < cue[1]:
        # "a-t-elle annoncé": the inverted clitic between auxiliary and verb is the speaker.
        pronoun = max((t.i for t in doc[cue[0] + 1:verb.i] if t.pos_ == "PRON"), default=subject.i)
        links.append(Link((pronoun, pronoun + 1), cue, rule))
        frame.update(range(*cue))
        subject = None
    if subject is not None and not passive:
        span = sent.subtree_span(subject)
        if fold(subject.text) in rules.relative_subjects and verb.head.i < subject.i < verb.i \
                and verb.dep_ in {"acl:relcl", "relcl"}:
            # "Paul Durand, analyste chez Oddo, qui table sur …": the antecedent speaks.
            span = (sent.subtree_span(verb.head)[0], subject.i)
        elif subject.i > verb.i:
            span = (span[0], _phrase_end(doc, span[0], span[1]) if span[1] > span[0] else span[1])
        else:
            span = (span[0], min(span[1], cue[0]))
            span = (_name_before_apposition(sent, verb, span[0]), span[1])
        span = trim(doc, *span)
        if span[1] <= span[0]:
            return None
        anonymous_word = fold(subject.text) in rules.anonymous_subjects
        # "The company, citing internal tests, said …": the relay inside the subject phrase
        # is a deeper link, not part of the source's name.
        limit = max(span[1], cue[0]) if subject.i < verb.i else span[1]
        relay = next((j for j in range(span[0] + 1, limit - 1)
                      if fold(doc[j].text) in rules.relay_out and doc[j - 1].text == ","), None)
        deeper = None
        if relay is not None:
            r1 = trim(doc, relay + 1, _phrase_end(doc, relay + 1, limit))
            if r1[1] > r1[0]:
                deeper = Link(r1, (relay, relay + 1), "relay_out")
                frame.update(range(span[0], limit))
                span = trim(doc, span[0], min(span[1], relay - 1))
        links.append(Link(span, cue, rule, hearsay=anonymous_word))
        frame.update(range(*span))
        if deeper is not None:
            links.append(deeper)
    # "Bloomberg a rapporté, citant des personnes …": a deeper link, right after the cue.
    for j in range(cue[1], min(cue[1] + 3, sent.end)):
        if fold(doc[j].text) in rules.relay_out:
            end = _phrase_end(doc, j + 1, sent.end)
            span = trim(doc, j + 1, end)
            if span[1] > span[0]:
                links.append(Link(span, (j, j + 1), "relay_out"))
                frame.update(range(j, span[1]))
            break
    # ", citing engineers" parsed inside the complement: a deeper link, not content.
    if not any(l.rule == "relay_out" for l in links):
        for n, (c0, c1) in enumerate(contents):
            for j in range(c0 + 1, c1):
                if fold(doc[j].text) in rules.relay_out and doc[j - 1].text == ",":
                    end = _phrase_end(doc, j + 1, sent.end)
                    span = trim(doc, j + 1, end)
                    if span[1] > span[0]:
                        links.append(Link(span, (j, j + 1), "relay_out"))
                        frame.update(range(j - 1, span[1]))
                        contents[n] = (c0, j - 1)
                    break
    if not postposed and contents:
        last = max(range(len(contents)), key=lambda n: contents[n][1])
        for q0, q1 in _quotes_after(sent, contents[last][1], rules):
            if any(t.pos_ in {"VERB", "AUX"} for t in doc[q0:q1]):
                contents.append((q0, q1))
                last = len(contents) - 1
            else:  # "estimant «pathétique» «ce montage» et «cet habillage»": one list, one content
                contents[last] = (contents[last][0], q1)
    # The mark of each complement ("que", "that") belongs to the cue, not the content.
    cleaned = []
    for c0, c1 in contents:
        c0, c1 = trim(doc, c0, c1, rules.openers)
        frame.difference_update(range(c0, c1))
        if c1 > c0:
            cleaned.append((c0, c1))
    if not cleaned and rule != "reporting_verb:previous_sentences":
        return None
    att = Attribution(links, cleaned, frame, verb.i, cue_lemma=lemma, postposed=postposed,
                      previous=rule == "reporting_verb:previous_sentences", negations=negations)
    if hearsay:
        att.hedges.append((links[0].cue[0], links[0].cue[1], "probable", "hearsay"))
    if lemma in rules.denial_verbs:
        att.denial = cue
    return att


# --------------------------------------------------------------------------------------
# Source prepositions


def _relays_after(sent: Sentence, i: int, rules: AttributionRules) -> tuple[list[Link], int]:
    """", citées par Newsweek", "published in the Echos" after a source phrase: nearer links."""
    doc = sent.doc
    links: list[Link] = []
    for _ in range(3):
        j = i
        if j < sent.end and doc[j].text == ",":
            j += 1
        if j >= sent.end:
            break
        after = _participle_pair(doc, j, rules.relay_in, sent.end, rules)
        if after is None and j > i and (fold(doc[j].text) in rules.relatives or doc[j].morph.get("PronType") == ["Rel"]):
            # "Selon Newsweek, qui cite cette enquête, …": a relative clause about the source.
            end = next((k for k in range(j + 1, sent.end) if doc[k].text in PHRASE_STOPS), sent.end)
            if end < sent.end and doc[end].text == ",":
                i = end
                continue
            break
        if after is None:
            tok = doc[j]
            if j > i and tok.morph.get("VerbForm") == ["Part"] and tok.head.i < j:
                # "les chiffres de l'Insee, dévoilés vendredi, …": a participle describing the
                # source, not the content.
                end = _phrase_end(doc, j + 1, sent.end)
                if end < sent.end and doc[end].text == ",":
                    i = end
                    continue
            break
        end = _phrase_end(doc, after, sent.end)
        if end <= after:
            break
        links.insert(0, Link((after, end), (j, after), "relay_in"))
        i = end
    return links, i


def _coordinated_pieces(sent: Sentence, start: int, end: int, rules: AttributionRules) -> list[tuple[int, int]]:
    """[start, end) cut before each coordinated clause that has its own subject, or that
    follows a closing quotation ("«la situation est grave» et ferait regretter …")."""
    labels, table, doc = rules.labels, sent.table, sent.doc
    cuts = []
    for i in range(start + 1, end):
        if table.dep[i] != "conj" or table.head[i] >= i or sent.in_quote(i) is not None:
            continue
        c0 = max(table.left[i], start)
        # (The parser may hang a conjunct on another sentence: then its own "mais"/"et" shows it.)
        coordinated = start <= table.head[i] or any(table.dep[c] in labels.cc and c == c0 for c in table.children[i])
        own_subject = coordinated and any(table.dep[c] in labels.subject for c in table.children[i])
        after_quote = c0 - 1 > start and doc[c0 - 1].text in CLOSING_QUOTES | STRAIGHT_QUOTES \
            and table.pos[i] in {"VERB", "AUX"}
        if c0 > start and (own_subject or after_quote):
            cuts.append(c0)
    bounds = [start] + sorted(set(cuts)) + [end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _hangs_on(tok: Token, start: int, end: int) -> bool:
    """A verb coordinated with a participle of the source phrase ("une liste établie par X
    et que l'AFP s'est procurée"): it describes the source, not the content."""
    return tok.dep_ == "conj" and start <= tok.head.i < end and tok.head.pos_ == "VERB"


def _in_relative(tok: Token, rules: AttributionRules) -> bool:
    """A verb of a relative clause ("who requested anonymity", "qui a requis …")."""
    for t in [tok, *tok.ancestors][:3]:
        if t.dep_ in {"relcl", "acl:relcl"} or any(
                (fold(c.text) in rules.relatives or c.morph.get("PronType") == ["Rel"]) and c.i < t.i
                for c in t.children):
            return True
    return False


def _preposition_attribution(sent: Sentence, hit: PhraseHit, rules: AttributionRules,
                             kind: str = "preposition") -> Attribution | None:
    doc = sent.doc
    cue = (hit.start, hit.end)
    if hit.end >= sent.end:
        return None
    # "Les dynamiques divergent selon les classes d'âge": after a verb of variation, "selon"
    # means "depending on", it names no source.
    k = hit.start - 1
    while k >= sent.start and doc[k].pos_ in {"ADV", "PART"}:
        k -= 1
    if k >= sent.start and doc[k].pos_ in {"VERB", "AUX", "NOUN", "ADJ"} and (
            fold(doc[k].lemma_) in rules.variation_verbs or fold(doc[k].text) in rules.variation_verbs):
        return None
    nxt = doc[hit.end]
    if fold(nxt.text) in rules.relatives:
        # "les mêmes sources, selon lesquelles …": the source is the antecedent.
        k = hit.start - 1
        while k >= sent.start and (doc[k].text == "," or is_space(doc[k])):
            k -= 1
        if k < sent.start or doc[k].pos_ not in {"NOUN", "PROPN"}:
            return None
        noun = doc[k]
        left = min(t.i for t in noun.subtree if t.i <= k and t.i in sent)
        c0, c1 = trim(doc, hit.end + 1, max(hit.end + 2, sent.subtree_span(nxt.head)[1]), rules.openers)
        if c1 <= c0:
            return None
        frame = set(range(left, hit.end + 1))
        return Attribution([Link((left, k + 1), cue, "preposition:relative")], [(c0, c1)], frame, hit.start)

    end = _phrase_end(doc, hit.end, sent.end)
    if end <= hit.end:
        return None
    links: list[Link] = []
    source = (hit.start + (hit.end - hit.start), end)
    # Inside the phrase: "une liste établie par X" (author) or "un document publié dans X" (relay).
    for i in range(hit.end, end):
        after = _participle_pair(doc, i, rules.author_participles, end, rules)
        if after is not None and after < end:
            source, cue = (after, end), (hit.start, after)
            break
        after = _participle_pair(doc, i, rules.relay_in, end, rules)
        if after is not None and after < end:
            links.append(Link((after, end), (i, after), "relay_in"))
            source = (hit.end, i)
            break
    links.append(Link(source, cue, "preposition"))
    before_links, stop = _relays_after(sent, end, rules)
    links = before_links + links
    frame = set(range(hit.start, stop))

    # Where is the content: after the cue, before it, or around it?
    rest = stop
    while rest < sent.end and (doc[rest].text in {",", ":"} or is_space(doc[rest])):
        rest += 1
    tail = doc[rest:sent.end]
    # Nothing but punctuation, or an apposition / relative clause about the source
    # ("according to the sources, who requested anonymity").
    # ("…, selon une liste établie par X (SUdF) et que l'AFP s'est procurée"): the clauses
    # there hang on the source phrase.
    tail_empty = all(t.text in PHRASE_STOPS or is_space(t) for t in tail) or (
        stop < sent.end and doc[stop].text in {",", "("} and not any(
            t.pos_ in {"VERB", "AUX"} and _is_finite(t) and not _in_relative(t, rules)
            and not _hangs_on(t, hit.start, stop) for t in tail))
    lead = hit.start
    k = lead - 1
    while k >= sent.start and (is_space(doc[k]) or fold(doc[k].text) in rules.openers or doc[k].dep_ in rules.labels.cc):
        k -= 1
    fronted = k < sent.start or doc[k].text in {",", ";", ":", "(", "—", "–"} or doc[k].dep_ in rules.labels.mark \
        or fold(doc[k].text) in rules.openers or doc[k].text in OPENING_QUOTES
    at_start = k < sent.start
    if tail_empty and not (at_start and any(t.is_alpha for t in tail)):
        # "Manque de médecins …: au moins 120 hôpitaux font face …, selon X": the content
        # starts after a colon or semicolon.
        first = sent.start
        for j in range(sent.start, hit.start):
            if _separator(sent, j) and hit.start - j > 3:
                first = j + 1
        content, rule = (first, hit.start), "preposition:after_content"
    elif fronted and rest > stop:
        clause = sent.clause_of(rest)
        content, rule = (rest, clause.end), "preposition:before_content"
    else:
        clause = sent.clause_of(hit.start)
        left, right = (clause.start, hit.start), (rest, clause.end)
        content = left if (left[1] - left[0]) >= (right[1] - right[0]) else right
        rule = "preposition:inside_content"
    if at_start and rule == "preposition:before_content":
        # "Selon X, A, mais B": a source that opens the sentence covers all of it; a
        # coordinated clause with its own subject is a claim of its own.
        content = (rest, sent.end)
    contents = []
    for piece in _coordinated_pieces(sent, *content, rules):
        c0, c1 = trim(doc, *piece, rules.openers)
        if c1 > c0:
            contents.append((c0, c1))
    if not contents:
        return None
    for link in links:
        if link.rule == "preposition":
            link.rule = rule.replace("preposition", kind)
    return Attribution(links, contents, frame, hit.start)


# --------------------------------------------------------------------------------------
# Hearsay


def _hearsay_adverb(sent: Sentence, tok: Token, rules: AttributionRules) -> Attribution | None:
    if tok.head.dep_ in {"relcl", "acl:relcl"}:
        # "The bank, which reportedly lost $2 billion, …": only the relative clause is hearsay.
        c0, c1 = sent.subtree_span(tok.head)
        if fold(sent.doc[c0].text) in rules.relative_subjects | rules.relatives:
            c0 += 1
    else:
        clause = sent.clause_of(tok.i)
        c0, c1 = clause.start, clause.end
    c0, c1 = trim(sent.doc, c0, c1, rules.openers)
    if c1 <= c0:
        return None
    link = Link((tok.i, tok.i + 1), (tok.i, tok.i + 1), "hearsay:adverb", hearsay=True)
    return Attribution([link], [(c0, c1)], set(), tok.i)


def _hearsay_noun(sent: Sentence, tok: Token, rules: AttributionRules) -> Attribution | None:
    """"amid claims that …": the noun is the (anonymous) source, its clause the content."""
    doc, labels = sent.doc, rules.labels
    clause = next((c for c in tok.children if c.i > tok.i and any(m.dep_ in labels.mark for m in c.children)
                   and c.dep_ in {"acl", "ccomp", "relcl", "acl:relcl", "appos"}), None)
    if clause is None:
        return None
    c0, c1 = trim(doc, *sent.subtree_span(clause), rules.openers)
    if c1 <= c0:
        return None
    lo = tok.i
    if tok.i - 1 >= sent.start and doc[tok.i - 1].pos_ == "ADP":
        lo = tok.i - 1
    link = Link((tok.i, tok.i + 1), (lo, c0), "hearsay:noun", hearsay=True)
    att = Attribution([link], [(c0, c1)], set(range(lo, c0)), tok.i)
    att.hedges.append((tok.i, tok.i + 1, "probable", "hearsay"))
    return att


def _hearsay_phrase(sent: Sentence, hit: PhraseHit, rules: AttributionRules) -> Attribution | None:
    doc = sent.doc
    link = Link((hit.start, hit.end), (hit.start, hit.end), "hearsay:phrase", hearsay=True)
    if hit.end < sent.end and not all(t.text in PHRASE_STOPS for t in doc[hit.end:sent.end]):
        content = trim(doc, hit.end, sent.clause_of(hit.end).end, rules.openers)
    else:
        content = trim(doc, sent.start, hit.start, rules.openers)
    if content[1] <= content[0]:
        return None
    att = Attribution([link], [content], set(range(hit.start, hit.end)), hit.start)
    att.hedges.append((hit.start, hit.end, "probable", "hearsay"))
    return att


def _speaker_phrase(doc: Doc, start: int, end: int, rules: AttributionRules) -> bool:
    """A noun phrase that names someone: a person or organization name, or a head noun of the
    sources lexicon ("un praticien", "le gouvernement"), not "la deuxième fois"."""
    for tok in doc[start:end]:
        if tok.ent_type_ in rules.speaker_labels or tok.pos_ == "PROPN":
            return True
        if tok.pos_ == "NOUN" and (sources.fold(tok.lemma_) in rules.speaker_heads or sources.fold(tok.text) in rules.speaker_heads):
            return True
    return False


def _opinion_attribution(sent: Sentence, tok: Token, rules: AttributionRules) -> Attribution | None:
    """"Pour un praticien, la situation est catastrophique": a sentence-initial "pour"/"for"
    with a speaker and a comma gives that speaker's view."""
    doc = sent.doc
    k = tok.i - 1
    while k >= sent.start and (is_space(doc[k]) or doc[k].text in OPENING_QUOTES):
        k -= 1
    if k >= sent.start:
        return None
    end = _phrase_end(doc, tok.i + 1, sent.end)
    if end >= sent.end or doc[end].text != "," or not _speaker_phrase(doc, tok.i + 1, end, rules):
        return None
    return _preposition_attribution(sent, PhraseHit(tok.i, tok.i + 1, fold(tok.text)), rules, "opinion")


def announcement(sent: Sentence, rules: AttributionRules) -> Attribution | None:
    """A speech cue with no content of its own ("Le prévenu a tenté de rassurer le magistrat."):
    it announces the quotation that follows it. Its subject, or for an infinitive its
    governor's ("a tenté de rassurer"), is the speaker."""
    doc, labels = sent.doc, rules.labels
    for i in range(sent.start, sent.end):
        if sent.table.pos[i] != "VERB" or rules.verb_lemma(sent.table.tokens[i]) not in rules.reporting:
            continue
        verb = sent.table.tokens[i]
        subject, governor = _subject(verb, labels), sent.parent(verb)
        if subject is None and verb.dep_ in labels.xcomp and governor is not None:
            subject = _subject(governor, labels)
        if subject is None or subject.i > verb.i or sent.in_quote(subject.i) is not None \
                or not _speaker_phrase(doc, *sent.subtree_span(subject), rules):
            continue
        lo = governor.i if subject is not _subject(verb, labels) and governor is not None else verb.i
        lo = min([lo] + [c.i for c in doc[lo].children if c.dep_ in labels.aux and c.i < lo])
        span = trim(doc, *sent.subtree_span(subject))
        span = (span[0], min(span[1], lo))
        if span[1] > span[0]:
            return Attribution([Link(span, (lo, verb.i + 1), "reporting_verb:announces_quote")], [],
                               set(range(span[0], verb.i + 1)), verb.i, cue_lemma=rules.verb_lemma(verb))
    return None


# --------------------------------------------------------------------------------------
# Titles


def title_source(sent: Sentence, rules: AttributionRules) -> Attribution | None:
    """A title that names its source after a final separator: "Brazil to raise its budget gap
    goal: sources". The part after it is a short noun phrase (no verb); the part before, a
    clause (with a verb), is the content."""
    doc = sent.doc
    seps = [t.i for t in doc[sent.start:sent.end] if t.text in rules.title_separators and sent.in_quote(t.i) is None]
    if not seps:
        return None
    sep = seps[-1]
    s0, s1 = trim(doc, sep + 1, sent.end)
    c0, c1 = trim(doc, sent.start, sep, rules.openers)
    tail, head = doc[s0:s1], doc[c0:c1]
    if not (1 <= sum(t.is_alpha for t in tail) <= 5) or any(t.pos_ in {"VERB", "AUX"} for t in tail) \
            or not any(t.pos_ in {"NOUN", "PROPN"} for t in tail):
        return None
    if sum(t.is_alpha or t.like_num for t in head) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in head):
        return None
    link = Link((s0, s1), (sep, sep + 1), "title:source_after_separator")
    return Attribution([link], [(c0, c1)], set(range(sep, s1)), sep)


# --------------------------------------------------------------------------------------
# A sentence


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_attributions(sent: Sentence, rules: AttributionRules, preposition_hits: list[PhraseHit],
                      hearsay_hits: list[PhraseHit], title: bool = False) -> list[Attribution]:
    """Every attribution of a sentence, nested and with overlapping contents resolved."""
    doc = sent.doc
    found: list[Attribution] = []
    if title:
        att = title_source(sent, rules)
        if att is not None:
            found.append(att)
    verbs_with_cue: set[int] = set()
    table = sent.table
    for i in range(sent.start, sent.end):
        # Cheap test on the lists first: only a verb whose lemma (or form, which the lemma
        # repair reads) could be a reporting verb is looked at.
        if table.pos[i] not in {"VERB", "AUX"} or (table.lemma[i] not in rules.reporting
                                                   and table.lemma[i] != table.folded[i]):
            continue
        tok = table.tokens[i]
        att = _verb_attribution(sent, tok, rules)
        if att is not None:
            found.append(att)
            verbs_with_cue.add(tok.i)
    for hit in preposition_hits:
        if sent.start <= hit.start < sent.end:
            att = _preposition_attribution(sent, hit, rules)
            if att is not None:
                found.append(att)
    for hit in hearsay_hits:
        if sent.start <= hit.start < sent.end:
            att = _hearsay_phrase(sent, hit, rules)
            if att is not None:
                found.append(att)
    for i in range(sent.start, sent.end):
        word = table.folded[i]
        if word not in rules.lexical_cues and table.lemma[i] not in rules.hearsay_nouns:
            continue
        tok = table.tokens[i]
        if word in rules.opinion_prepositions:
            att = _opinion_attribution(sent, tok, rules)
            if att is not None:
                found.append(att)
        elif word in rules.hearsay_adverbs:
            if tok.head.i in verbs_with_cue:
                continue  # "X reportedly said": a hedge on X's cue, found in its content
            att = _hearsay_adverb(sent, tok, rules)
            if att is not None:
                found.append(att)
        elif (word in rules.hearsay_nouns or fold(tok.lemma_) in rules.hearsay_nouns) and tok.pos_ == "NOUN":
            att = _hearsay_noun(sent, tok, rules)
            if att is not None:
                found.append(att)
    return _nest(found)


def _nest(found: list[Attribution]) -> list[Attribution]:
    # A cue inside another's content continues its chain; the outer content loses the inner part.
    for att in found:
        best = None
        for other in found:
            if other is att:
                continue
            for content in other.contents:
                if content[0] <= att.anchor < content[1] and not (att.contents and all(
                        _overlap(c, content) == 0 for c in att.contents)):
                    if best is None or content[1] - content[0] < best[1][1] - best[1][0]:
                        best = (other, content)
        if best is not None and not _is_ancestor(att, best[0]):
            att.parent = best[0]
    for att in found:
        if att.parent is None:
            continue
        parent = att.parent
        taken = att.frame.union(*[set(range(*c)) for c in att.contents])
        new_contents = []
        for content in parent.contents:
            if not (content[0] <= att.anchor < content[1]):
                new_contents.append(content)
                continue
            left = [i for i in range(*content) if i not in taken]
            pieces = _runs(left)
            kept = [p for p in pieces if p[1] - p[0] >= 4]
            new_contents += kept[:1] if kept and len(taken & set(range(*content))) < (content[1] - content[0]) * 0.5 else []
        parent.contents = new_contents
    # Two cues claiming the same words (a verb and a preposition for one content): keep the first.
    out: list[Attribution] = []
    for att in found:
        if att.parent is None and any(_overlap(c, d) > 0.5 * (c[1] - c[0]) for o in out if o.parent is None
                                      for c in att.contents for d in o.contents) and not any(
                o.parent is att for o in found):
            continue
        out.append(att)
    return out


def _is_ancestor(candidate: Attribution, of: Attribution) -> bool:
    node = of.parent
    while node is not None:
        if node is candidate:
            return True
        node = node.parent
    return False


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def chain_of(att: Attribution) -> list[Link]:
    """Links from the author's nearest source to the origin."""
    links: list[Link] = []
    node: Attribution | None = att
    while node is not None:
        links = node.links + links
        node = node.parent
    return links


def scan(doc: Doc, folded: str, rules: AttributionRules) -> tuple[list[PhraseHit], list[PhraseHit]]:
    return find_phrases(doc, folded, rules.preposition_regex), find_phrases(doc, folded, rules.hearsay_regex)


def describe(doc: Doc, link: Link, data: LangData) -> sources.SourceRef:
    """Name and kind of a link's source (hearsay words are their own anonymous source)."""
    if link.hearsay:
        span = doc[link.source[0]:link.source[1]]
        return sources.SourceRef(span.text, span.start_char, span.end_char, "anonymous", "hearsay")
    return sources.describe_source(doc, link.source[0], link.source[1], data)

