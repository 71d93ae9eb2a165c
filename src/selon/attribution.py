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

The lexicons are the `[attribution]` table of the language data file. The finders work on
token indices and read the sentence's `DocTable` (clauses.py), not spaCy Tokens: a Token is
built at each `doc[i]` or `.children`, and they look at thousands of words per article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from . import sources
from .certainty import PhraseHit, find_phrases, fold_word, phrase_regex
from .clauses import CLOSING_QUOTES, OPENING_QUOTES, STRAIGHT_QUOTES, DocTable, Labels, Sentence, trim
from .langdata import LangData

PHRASE_STOPS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "[", "]", "—", "–", "«", "»", '"', "“", "”"})
VERBAL = frozenset({"VERB", "AUX"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # English finite verb tags


class AttributionRules:
    """The `[attribution]` table of one language, compiled once."""

    def __init__(self, data: LangData):
        table = data.section("attribution")
        self.data = data
        self.labels = Labels.of(data)
        self.reporting = frozenset(fold_word(w) for w in table.get("reporting_verbs", []))
        self.object_verbs = frozenset(fold_word(w) for w in table.get("object_content_verbs", []))
        self.denial_verbs = frozenset(fold_word(w) for w in table.get("denial_verbs", []))
        self.preposition_regex = phrase_regex(table.get("source_prepositions", []))
        self.relatives = frozenset(fold_word(w) for w in table.get("relative_pronouns", []))
        self.relay_in = _pairs(table.get("relay_in", []))
        self.author_participles = _pairs(table.get("author_participles", []))
        self.relay_out = frozenset(fold_word(w) for w in table.get("relay_out", []))
        self.hearsay_regex = phrase_regex(table.get("hearsay_phrases", []))
        self.hearsay_adverbs = frozenset(fold_word(w) for w in table.get("hearsay_adverbs", []))
        self.hearsay_nouns = frozenset(fold_word(w) for w in table.get("hearsay_nouns", []))
        self.anonymous_subjects = frozenset(fold_word(w) for w in table.get("anonymous_subjects", []))
        self.expletives = frozenset(fold_word(w) for w in table.get("expletive_subjects", []))
        # Folded for the finders, and as written (lower case) for `trim`, which compares token
        # texts: "qu’" with a typographic apostrophe folds to "qu'".
        self.openers = frozenset(form for w in table.get("clause_openers", []) for form in (fold_word(w), w.lower()))
        self.contrast = frozenset(fold_word(w) for w in table.get("contrast_markers", []))
        self.title_separators = frozenset(table.get("title_separators", []))
        self.opinion_prepositions = frozenset(fold_word(w) for w in table.get("opinion_prepositions", []))
        self.variation_verbs = frozenset(fold_word(w) for w in table.get("variation_verbs", []))
        lexicon = sources.lexicon(data)
        # Nouns that name someone who can hold an opinion ("Pour un praticien, …").
        self.speaker_heads = frozenset().union(*(words for key, words in lexicon.heads.items()
                                                 if key not in {"container_heads", "document_heads"}))
        self.speaker_labels = lexicon.person_labels | lexicon.org_labels
        self.content_nouns = frozenset(fold_word(w) for w in table.get("content_nouns", []))
        self.anaphoric_objects = frozenset(fold_word(w) for w in table.get("anaphoric_objects", []))
        # Words that may open a cue on their own (checked token by token).
        self.lexical_cues = self.opinion_prepositions | self.hearsay_adverbs | self.hearsay_nouns
        self.agentless_passive_verbs = frozenset(fold_word(w) for w in table.get("agentless_passive_verbs", []))
        self.cue_extensions = frozenset(fold_word(w) for w in table.get("cue_extensions", []))
        self.intention_verbs = frozenset(fold_word(w) for w in table.get("intention_verbs", []))
        self.lemma_repairs = [(fold_word(a), fold_word(b)) for a, b in table.get("verb_lemma_repairs", [])]
        self.infinitive_verbs = frozenset(fold_word(w) for w in table.get("infinitive_content_verbs", []))
        self.prepositional_content = _pairs(table.get("prepositional_content", []))
        self.self_subjects = frozenset(fold_word(w) for w in table.get("self_subjects", []))
        self.relative_subjects = frozenset(fold_word(w) for w in table.get("relative_subjects", []))
        self.negation_words = frozenset(fold_word(w) for w in data.section("certainty").get("negation_words", []))
        self.participle_pairs = self.relay_in | self.author_participles

    def lemma_forms(self, lemma: str, text: str) -> frozenset[str]:
        """A token's lemma, its form and their repairs: "cités" (lemma "cité", a noun to the
        tagger) still reads as "citer"."""
        return _lemma_forms(self, lemma, text)

    def verb_lemma(self, lemma: str, text: str) -> str:
        """The lemma of a verb (from its lemma and form), repaired when the lemmatizer left a
        reporting verb's form as it was ("estime" → "estimer")."""
        return _verb_lemma(self, lemma, text)

    def verb_lemma_at(self, table: DocTable, i: int) -> str:
        """`verb_lemma` of token i."""
        return self.verb_lemma(table.lemma_text(i), table.text[i])


# Pure functions of a word and of one language's lists, asked again and again: memoised
# (module-level, so that the rules stay picklable).
@lru_cache(maxsize=1 << 14)
def _lemma_forms(rules: AttributionRules, lemma: str, text: str) -> frozenset[str]:
    forms = {fold_word(lemma), fold_word(text)}
    for form in list(forms):
        for ending, replacement in rules.lemma_repairs:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                forms.add(form[: len(form) - len(ending)] + replacement)
    return frozenset(forms)


@lru_cache(maxsize=1 << 14)
def _verb_lemma(rules: AttributionRules, lemma: str, text: str) -> str:
    lemma = fold_word(lemma)
    if lemma in rules.reporting or lemma != fold_word(text):
        return lemma
    for ending, replacement in rules.lemma_repairs:
        if lemma.endswith(ending) and (repaired := lemma[: len(lemma) - len(ending)] + replacement) in rules.reporting:
            return repaired
    return lemma


def _pairs(entries: list[str]) -> frozenset[tuple[str, str]]:
    """"citer par" → ("citer", "par"): a participle lemma and the preposition after it."""
    out = set()
    for entry in entries:
        words = fold_word(entry).split()
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


def _finite_at(table: DocTable, i: int) -> bool:
    """Token i is a finite verb form (by its morphology, or its English tag)."""
    return table.finite[i] or table.tag[i] in FINITE_TAGS


def _phrase_end(table: DocTable, start: int, limit: int) -> int:
    """End of a noun phrase that starts at `start`: the next stop mark, finite verb or 'que'."""
    text, pos = table.text, table.pos
    i = start
    while i < limit:
        if text[i] in PHRASE_STOPS or (i > start and pos[i] in VERBAL and _finite_at(table, i)):
            break
        if i > start and pos[i] == "SCONJ":
            break
        i += 1
    return i


def _participle_pair(table: DocTable, i: int, pairs: frozenset[tuple[str, str]], limit: int,
                     rules: "AttributionRules") -> int | None:
    """If a participle + preposition of `pairs` starts at token i, the index after it."""
    forms = rules.lemma_forms(table.lemma_text(i), table.text[i])
    if forms.isdisjoint(_participles(pairs)):
        return None
    text, pos = table.text, table.pos
    for verb, prep in pairs:
        if verb not in forms:
            continue
        words = prep.split()
        j = i + 1
        # "publié mardi dans", "établie le 3 mars par": a date or adverb may come between.
        while j < limit and j - i <= 4 and fold_word(text[j]) != words[0] and (
                pos[j] in {"ADV", "NUM"} or table.ent_type[j] == "DATE"
                or (pos[j] in {"NOUN", "PROPN", "DET"} and not table.like_num[j] and _temporal(table, j))):
            j += 1
        if all(j + k < limit and fold_word(text[j + k]) == w for k, w in enumerate(words)):
            return j + len(words)
    return None


@lru_cache(maxsize=64)
def _participles(pairs: frozenset[tuple[str, str]]) -> frozenset[str]:
    """The participles of a list of participle + preposition pairs."""
    return frozenset(verb for verb, _ in pairs)


def _temporal(table: DocTable, i: int) -> bool:
    """A word of a date ("mardi", "le 3 mars", "hier"): the times component marks them."""
    times = getattr(table.doc._, "selon_times", None) or []
    return any(t.start <= table.idx[i] < t.end for t in times)


def _quote_after(sent: Sentence, i: int) -> tuple[int, int] | None:
    """The quotation opening at token i (or just after a colon), as a content range."""
    table = sent.table
    j = i
    while j < sent.end and (table.space[j] or table.text[j] in {":", ","}):
        j += 1
    for q0, q1 in sent.quotes:
        if q0 == j:
            return q0, q1 + 1
    return None


def _left_phrase(sent: Sentence, i: int) -> tuple[int, int] | None:
    """The noun phrase just left of token i when the parser gave the verb no subject; with an
    apposition ("François Canonica, l'avocat du prévenu, a averti"), all of it from the
    sentence start."""
    table = sent.table
    text, pos, dep = table.text, table.pos, table.dep
    lead = trim(sent.doc, sent.start, i, table=table)
    if 0 < lead[1] - lead[0] <= 15 and pos[lead[0]] in {"PROPN", "NOUN", "DET"} \
            and any(text[j] == "," for j in range(*lead)) \
            and not any(pos[j] in {"VERB", "AUX", "SCONJ", "ADP"} and dep[j] != "case" for j in range(*lead)):
        return lead
    k = i
    while k > sent.start and text[k - 1] not in PHRASE_STOPS and not table.space[k - 1] \
            and not (pos[k - 1] in VERBAL and _finite_at(table, k - 1)) and i - k < 8:
        k -= 1
    span = trim(sent.doc, k, i, table=table)
    if span[1] <= span[0] or not any(pos[j] in {"NOUN", "PROPN"} for j in range(*span)):
        return None
    if any(pos[j] in {"VERB", "AUX", "SCONJ"} for j in range(*span)):
        return None
    return span


def _mark_after(sent: Sentence, i: int, labels: Labels) -> int | None:
    """A complement mark ("que", "that") right after a cue, or after one parenthetical."""
    table = sent.table
    j = i
    if j < sent.end and table.text[j] == ",":
        j += 1
        while j < sent.end and table.text[j] != "," and j - i < 12:
            j += 1
        j += 1
    if j < sent.end and table.dep[j] in labels.mark and table.head[j] > j and table.head[j] in sent:
        return j
    return None


def _cue_range(table: DocTable, verb: int, labels: Labels) -> tuple[int, int]:
    """The words of a verbal cue: auxiliaries before the verb, the verb, a reporting xcomp."""
    lo, hi = verb, verb + 1
    for child in table.children[verb]:
        if table.dep[child] in labels.aux and child < verb and verb - child <= 4:
            lo = min(lo, child)
    return lo, hi


# --------------------------------------------------------------------------------------
# Reporting verbs


def _complements(sent: Sentence, verb: int, rules: AttributionRules) -> list[tuple[int, int]]:
    """Content ranges of a verb's complement clauses; "et que …" conjuncts are their own."""
    labels, table = rules.labels, sent.table
    children, dep = table.children, table.dep
    heads = [c for c in children[verb] if dep[c] in labels.complement and c in sent]
    for x in children[verb]:
        if dep[x] in labels.xcomp and fold_word(table.lemma_text(x)) in rules.reporting | rules.cue_extensions:
            heads += [c for c in children[x] if dep[c] in labels.complement and c in sent]
    if rules.verb_lemma_at(table, verb) in rules.intention_verbs:
        # "Le gouvernement a prévu de définir …": an infinitive is a plan, not a report.
        heads = [h for h in heads if not (table.feature(h, "VerbForm") == "Inf" and _subject(table, h, labels) is None)]
    out = []
    for head in heads:
        out += _split_conjuncts(sent, head, labels, rules.contrast)
    return out


def _split_conjuncts(sent: Sentence, head: int, labels: Labels,
                     contrast: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    table = sent.table
    children, dep = table.children, table.dep
    start, end = sent.subtree_span(head)
    parts = []
    # ", while the Federation has written …": a contrasted clause is the author's, not the content.
    for tok in range(head + 1, end):
        if dep[tok] in labels.clause and any(c < tok and fold_word(table.text[c]) in contrast
                                             and dep[c] in labels.mark | labels.cc for c in children[tok]):
            end = min(end, sent.subtree_span(tok)[0])
            break
    for conj in children[head]:
        if dep[conj] == "conj" and conj > head and any(dep[c] in labels.mark for c in children[conj]):
            c0, c1 = sent.subtree_span(conj)
            parts += _split_conjuncts(sent, conj, labels, contrast)
            end = min(end, c0)
    return [(start, end)] + parts


def _infinitive_at(table: DocTable, i: int) -> bool:
    return table.feature(i, "VerbForm") in ("Inf", "Ger") or table.tag[i] in {"VB", "VBG"}


def _is_infinitive(table: DocTable, tok: int) -> bool:
    """An infinitive or gerund, or a participle under an infinitive auxiliary ("avoir abattu",
    "to have cut", "having met")."""
    if _infinitive_at(table, tok):
        return True
    return any(_infinitive_at(table, c) for c in table.children[tok] if table.dep[c].startswith("aux") and c < tok)


def _infinitive_complement(table: DocTable, verb: int, rules: AttributionRules) -> int | None:
    """"a affirmé avoir abattu 29 drones", "claimed to have cut": the infinitive complement
    the subject asserts (a verb with no subject of its own, right after the cue)."""
    labels = rules.labels
    for child in table.children[verb]:
        if child > verb and table.dep[child] in labels.xcomp | labels.complement and table.pos[child] in VERBAL \
                and _subject(table, child, labels) is None and _is_infinitive(table, child) \
                and fold_word(table.lemma_text(child)) not in rules.reporting | rules.cue_extensions:
            return child
    return None


def _prepositional_object(table: DocTable, verb: int, lemma: str, rules: AttributionRules) -> tuple[int, int] | None:
    """"s'attendent à une baisse", "bet on a rebound": the object of the verb's preposition."""
    children, dep = table.children, table.dep
    for child in children[verb]:
        if child <= verb:
            continue
        if table.pos[child] == "ADP":  # a preposition heading its object (ClearNLP style)
            word, objs = fold_word(table.text[child]), [c for c in children[child] if c > child]
            if (lemma, word) in rules.prepositional_content and objs:
                return child + 1, max(table.right[o] for o in objs) + 1
        else:  # a nominal with its preposition as a "case" child (UD style)
            case = next((c for c in children[child] if dep[c] == "case" and c < child), None)
            if case is not None and (lemma, fold_word(table.text[case])) in rules.prepositional_content \
                    and table.pos[child] in {"NOUN", "PROPN", "NUM", "PRON"}:
                return case + 1, table.right[child] + 1
    return None


def _subject(table: DocTable, verb: int, labels: Labels) -> int | None:
    for child in table.children[verb]:
        if table.dep[child] in labels.subject:
            return child
    return None


def _name_before_apposition(sent: Sentence, start: int) -> int:
    """"François Canonica, l'avocat du prévenu, a averti …": when the parser made the
    apposition the subject and hung the verb on the name, the source phrase starts at the name."""
    table = sent.table
    if start - 1 <= sent.start or table.text[start - 1] != ",":
        return start
    first = sent.start
    while first < start and (table.space[first] or table.text[first] in OPENING_QUOTES):
        first += 1
    if first < start - 1 and all(table.pos[j] == "PROPN" or table.dep[j] == "flat:name"
                                 for j in range(first, start - 1)):
        return first
    return start


def _inverted_speaker(sent: Sentence, verb: int, cue: tuple[int, int], rules: AttributionRules) -> bool:
    """A speaker phrase right after a cue whose object cannot be its content ("précise le
    journal", "a déclaré la ministre")."""
    table = sent.table
    if rules.verb_lemma_at(table, verb) in rules.object_verbs or cue[1] >= sent.end:
        return False
    end = _phrase_end(table, cue[1], sent.end)
    return end > cue[1] and table.pos[cue[1]] in {"DET", "PROPN"} and _speaker_phrase(table, cue[1], end, rules)


def _quotes_after(sent: Sentence, end: int, rules: AttributionRules) -> list[tuple[int, int]]:
    """Quotations that continue a speaker's content: "X a jugé «A», or «B»", "pointant «A»
    car «B»": joined to it by nothing but punctuation and a conjunction. A quoted clause is a
    content of its own; quoted words without a verb lengthen the content before them."""
    table = sent.table
    out = []
    for q0, q1 in sent.quotes:
        if q0 < end:
            continue
        if q0 - end > 3 or not all(table.text[j] in {",", ";", ":"} or table.pos[j] in {"CCONJ", "SCONJ"}
                                   or table.space[j] for j in range(end, q0)):
            break
        out.append((q0, q1 + 1))
        end = q1 + 1
    return out


def _separator(sent: Sentence, j: int) -> bool:
    """A colon or semicolon that divides the sentence: followed by a space, outside quotes and
    brackets (not "(NYSE :MS)")."""
    text = sent.table.text
    if text[j] not in {":", ";"} or not sent.table.whitespace[j] or sent.in_quote(j) is not None:
        return False
    depth = 0
    for k in range(sent.start, j):
        depth += (text[k] == "(") - (text[k] == ")")
    return depth <= 0


def _absolute_participle(table: DocTable, verb: int, labels: Labels) -> bool:
    """A present participle with no auxiliary ("…, évoquant X", "…, accepting that …"): it
    reports for the subject of the clause it hangs on."""
    return table.feature(verb, "VerbForm") == "Part" and table.feature(verb, "Tense") == "Pres" \
        and not any(table.dep[c] in labels.aux for c in table.children[verb])


def _governor_subject(sent: Sentence, verb: int, rules: AttributionRules) -> int | None:
    """The subject of the clause a participle cue hangs on; for a relative pronoun ("C'est X
    qui a écrit …, évoquant …"), its antecedent."""
    labels, table = rules.labels, sent.table
    node = sent.parent_index(verb)
    for _ in range(3):
        if node is None:
            return None
        subject = _subject(table, node, labels)
        if subject is not None:
            if table.feature(subject, "PronType") == "Rel" or fold_word(table.text[subject]) in rules.relatives:
                antecedent = sent.parent_index(node)
                return antecedent if antecedent is not None and table.pos[antecedent] in {"NOUN", "PROPN"} else None
            return subject
        node = sent.parent_index(node)
    return None


def _object_content(sent: Sentence, verb: int, obj: int, rules: AttributionRules) -> tuple[int, int]:
    """The content an object-taking cue reports: the object with the adjuncts that follow it
    in the clause ("a annoncé un gel des tarifs [jusqu'au printemps]"); for a noun that names
    a content ("la rumeur d'une vente", "reports of a deal"), its complement."""
    labels, table = rules.labels, sent.table
    text, pos, dep = table.text, table.pos, table.dep
    start, end = sent.subtree_span(obj)
    # 'calling it the “worst week in years”': the quoted words are the content.
    quote = next((q for q in sent.quotes if start < q[0] <= start + 1 and q[1] < end + 2), None)
    if quote is not None and pos[start] == "DET":
        start = quote[0]
    for child in table.children[verb]:
        if child > obj and dep[child] not in labels.clause | labels.cc | labels.mark | {"punct", "conj"} \
                and not any(text[j] in PHRASE_STOPS for j in range(end, child)):
            end = max(end, sent.subtree_span(child)[1])
    # "la venue de Kingdom Holding, détenue par X": a description of a name after a comma is
    # background, not what is reported.
    for i in range(start + 1, end - 1):
        if text[i] == "," and dep[i + 1] in {"acl"} and table.head[i + 1] < i \
                and table.feature(i + 1, "VerbForm") == "Part" \
                and (pos[i - 1] == "PROPN" or table.ent_type[i - 1]):
            end = i
            break
    if fold_word(table.lemma_text(obj)) in rules.content_nouns:
        for child in table.children[obj]:
            c0, c1 = sent.subtree_span(child)
            if child > obj and c0 == obj + 1 and pos[c0] == "ADP" and c1 - c0 > 1:
                return c0 + 1, end
    return start, end


def _postposed_content(sent: Sentence, verb: int, cue: tuple[int, int], subject: int | None,
                       rules: AttributionRules) -> tuple[int, int] | None:
    """The content before a cue that closes it: "…, rapporte Ouest-France", "« … » a lancé X".

    Right after a quotation, the quotation is the content. After a comma or dash, the content
    runs back to the start of the sentence, or to a colon or semicolon outside quotes, or to
    the complement mark the cue governs ("Cela signifie que [A], rapporte X"); it must be a
    clause (a finite verb) or a quotation. A cue with its subject in front and a direct
    object after it ("X a démenti la rumeur") is not postposed.
    """
    labels, table = rules.labels, sent.table
    text, pos = table.text, table.pos
    inverted = _inverted_speaker(sent, verb, cue, rules) and not (
        subject is not None and _speaker_phrase(table, *sent.subtree_span(subject), rules))
    if inverted and cue[0] > sent.start and text[cue[0] - 1] not in PHRASE_STOPS:
        # "… 3,2 millions de professionnels précise le journal économique": no comma, but a
        # speaker right after a cue that has no content of its own is its inverted subject.
        start = sent.start
        for j in range(sent.start, cue[0]):
            if _separator(sent, j):
                start = j + 1
        if sum(table.word[start:cue[0]]) >= 3 and any(pos[j] in VERBAL for j in range(start, cue[0])):
            return start, cue[0]
    lead = cue[0]
    if subject is not None and subject < lead and sent.subtree_span(subject)[1] == lead:
        if rules.verb_lemma_at(table, verb) in rules.object_verbs and any(
                table.dep[c] in labels.obj and c > verb and pos[c] != "PRON" for c in table.children[verb]):
            return None
        lead = sent.subtree_span(subject)[0]
    k = lead - 1
    while k >= sent.start and table.space[k]:
        k -= 1
    if k <= sent.start:
        return None
    # "« … » a lancé X", "« … », a-t-il dit": a whole quoted clause is the content.
    before = k - 1 if text[k] == "," else k
    quote = next((q for q in sent.quotes if q[1] == before), None)
    if quote is not None and quote[1] - quote[0] > 1 and (
            quote[0] == sent.start
            or any(_finite_at(table, j) and pos[j] in VERBAL for j in range(quote[0], quote[1]))):
        return quote[0], quote[1] + 1
    if text[k] not in {",", "—", "–"} and not (quote is not None and before == k):
        return None
    start = sent.start
    for j in range(sent.start, k):
        if _separator(sent, j) and j + 1 < k:
            start = j + 1
    marks = [c for c in table.children[verb] if table.dep[c] in labels.mark and start <= c < k]
    if marks and any(_finite_at(table, j) and pos[j] in VERBAL for j in range(start, min(marks))):
        start = min(marks) + 1
    words = sum(table.word[start:k])
    if words < 3 or (not any(pos[j] in VERBAL for j in range(start, k))
                     and not any(start <= q[0] < k for q in sent.quotes)):
        return None
    return start, k + 1


def _verb_attribution(sent: Sentence, verb: int, rules: AttributionRules) -> Attribution | None:
    """The attribution a reporting verb (token `verb`) makes, if any."""
    doc, labels, table = sent.doc, rules.labels, sent.table
    text, pos, dep, children = table.text, table.pos, table.dep, table.children
    if pos[verb] not in VERBAL:
        return None
    lemma = rules.verb_lemma_at(table, verb)
    if lemma not in rules.reporting:
        return None
    parent = sent.parent_index(verb)
    if dep[verb] in labels.xcomp and parent is not None and rules.verb_lemma_at(table, parent) in rules.reporting:
        return None  # "croient savoir": part of the parent's cue
    if table.feature(verb, "VerbForm") == "Inf" and _subject(table, verb, labels) is None:
        return None
    if _participle_pair(table, verb, rules.participle_pairs, sent.end, rules):
        return None  # "citées par X" lengthens another cue's chain
    cue = _cue_range(table, verb, labels)
    for x in children[verb]:
        if dep[x] in labels.xcomp and fold_word(table.lemma_text(x)) in rules.reporting | rules.cue_extensions:
            cue = (cue[0], max(cue[1], x + 1))
    subject = _subject(table, verb, labels)
    if subject is not None and sent.in_quote(subject) is not None and sent.in_quote(verb) is None:
        subject = None  # a word of a quotation is what is said, not who says it
    # Only an auxiliary of the cue itself makes it passive ("étaient" of another clause the
    # parser hung on the cue does not).
    passive = any(dep[c] in labels.passive_aux and cue[0] <= c < cue[1] for c in children[verb]) or (
        subject is not None and dep[subject] in labels.passive_subject)
    frame = set(range(*cue))

    contents = _complements(sent, verb, rules)
    rule = "reporting_verb:complement"
    if not contents and lemma in rules.infinitive_verbs:
        infinitive = _infinitive_complement(table, verb, rules)
        if infinitive is not None:
            contents, rule = [sent.subtree_span(infinitive)], "reporting_verb:infinitive"
    if not contents and rules.prepositional_content:
        obj = _prepositional_object(table, verb, lemma, rules)
        if obj is not None:
            contents, rule = [obj], "reporting_verb:prepositional_object"
    if not contents and passive and lemma in rules.agentless_passive_verbs:
        # "Measles was deemed [to be eliminated in 2000]"
        xcomp = next((c for c in children[verb] if dep[c] in labels.xcomp and c > verb), None)
        if xcomp is not None:
            contents, rule = [sent.subtree_span(xcomp)], "reporting_verb:passive_xcomp"
    if not contents:
        mark = _mark_after(sent, cue[1], labels)
        if mark is not None and not (lemma in rules.intention_verbs
                                     and table.feature(table.head[mark], "VerbForm") == "Inf"):
            # The parser missed the complement: "X rapporte, citant Y, que …".
            contents, rule = [(mark, sent.subtree_span(table.head[mark])[1])], "reporting_verb:complement_mark"
    if not contents:
        quote = _quote_after(sent, cue[1])
        after = cue[1]
        # "X told Reuters: …", "X a déclaré à l'AFP : « … »"
        for child in children[verb]:
            if child >= cue[1] and dep[child] not in labels.subject and text[child] not in {":"}:
                if text[child] in OPENING_QUOTES or text[child] in STRAIGHT_QUOTES:
                    continue
                end = sent.subtree_span(child)[1]
                if end < sent.end and text[end] == ":":
                    after = end
        if quote is None and after < sent.end and text[after] == ":":
            contents, rule = [(after + 1, sent.end)], "reporting_verb:colon"
            frame.update(range(cue[1], after + 1))
        elif quote is not None:
            contents, rule = [quote], "reporting_verb:quote"
    postposed = False
    participle = subject is None and _absolute_participle(table, verb, labels)
    if not contents and not participle:
        postposed_content = _postposed_content(sent, verb, cue, subject, rules)
        if postposed_content is not None:
            contents, rule, postposed = [postposed_content], "reporting_verb:postposed", True
            if subject is not None and subject < postposed_content[1]:
                subject = None  # the parser took a word of the content for the subject
    if not contents and any(dep[c] in labels.obj and fold_word(text[c]) in rules.anaphoric_objects and c < verb
                            for c in children[verb]):
        # "Frank McCourt l'a assuré": the clitic stands for what the sentences before said.
        rule = "reporting_verb:previous_sentences"
    elif not contents and lemma in rules.object_verbs:
        for child in children[verb]:
            if dep[child] in labels.obj and child > verb and pos[child] not in {"PRON"}:
                contents, rule = [_object_content(sent, verb, child, rules)], "reporting_verb:object"
                break
        else:
            # The parser missed the object ("a démenti tout accord"): the noun phrase right after the cue.
            end = _phrase_end(table, cue[1], sent.end)
            if cue[1] < sent.end and pos[cue[1]] in {"DET", "NOUN", "PROPN", "NUM", "ADV"} \
                    and any(pos[j] in {"NOUN", "PROPN"} for j in range(cue[1], end)) \
                    and pos[cue[1]] != "ADP":
                contents, rule = [(cue[1], end)], "reporting_verb:object_phrase"
    if not contents and rule != "reporting_verb:previous_sentences":
        return None

    # Who says it.
    links: list[Link] = []
    hearsay = False
    if passive:
        agent = next((c for c in children[verb] if dep[c] in labels.agent), None)
        if agent is not None:
            source = sent.subtree_span(agent)
            lo = source[0]
            while lo < source[1] and pos[lo] == "ADP":
                lo += 1
            links.append(Link((lo, source[1]), cue, rule + ":agent"))
            frame.update(range(agent - 1 if agent - 1 >= cue[1] else agent, source[1]))
        elif subject is not None and fold_word(text[subject]) in rules.expletives:
            hearsay = True
            lo = min(subject, cue[0])
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
        if subject is None and parent is not None and dep[verb] == "conj" and not postposed:
            subject = _subject(table, parent, labels)
        if participle:
            rule += ":participle"
            # "…, le syndicat SNMH-FO y pointant un risque": an absolute participle has its
            # subject right before it (clitics aside); otherwise it is its clause's subject's.
            lo = verb
            while lo > sent.start and pos[lo - 1] == "PRON" and dep[lo - 1] not in labels.subject:
                lo -= 1
            own = _left_phrase(sent, lo) if lo > sent.start and text[lo - 1] != "," else None
            if own is not None and own[1] == lo and _speaker_phrase(table, *own, rules):
                links.append(Link(own, cue, rule))
                frame.update(range(own[0], verb))
            else:
                subject = _governor_subject(sent, verb, rules)
                if subject is None:
                    return None
        if subject is None and postposed:
            # Inverted subject, which the parser often reads as an object ("a déclaré la ministre").
            governors = [verb] + [x for x in children[verb] if dep[x] in labels.xcomp and x < cue[1]]
            subject = next((c for g in governors for c in children[g] if c > verb and dep[c] in labels.obj
                            | labels.subject | labels.expletive | labels.xcomp and (
                                pos[c] in {"NOUN", "PROPN", "PRON"} or text[c][:1].isupper())), None)
        if subject is None and not links:
            subject = next((c for c in children[verb] if dep[c] in labels.expletive), None)
        if subject is None and not links:
            span = _left_phrase(sent, cue[0])
            if span is None:
                return None
            links.append(Link(span, cue, rule + ":left_phrase"))
            frame.update(range(*span))
        elif subject is not None and fold_word(text[subject]) in rules.expletives and dep[subject] in labels.expletive \
                and not postposed:
            return None  # "il est dit que" without passive marking: left to hearsay phrases
    negations: list[int] = []
    if subject is not None and not passive and fold_word(text[subject]) in rules.self_subjects \
            and sent.in_quote(verb) is not None:
        # "« Nous ne disons pas que … »": the quoted speaker's own cue adds no source; denying
        # saying it makes the content negative.
        negations = sorted(c for c in children[verb] if fold_word(text[c]) in rules.negation_words
                           and pos[c] in {"ADV", "PART"})
        frame.add(subject)
        subject = None
    if subject is not None and not passive and cue[0] < subject < cue[1]:
        # "a-t-elle annoncé": the inverted clitic between auxiliary and verb is the speaker.
        pronoun = max((j for j in range(cue[0] + 1, verb) if pos[j] == "PRON"), default=subject)
        links.append(Link((pronoun, pronoun + 1), cue, rule))
        frame.update(range(*cue))
        subject = None
    if subject is not None and not passive:
        named = _subject_links(sent, verb, subject, cue, frame, rule, rules)
        if named is None:
            return None
        links += named
    # "Bloomberg a rapporté, citant des personnes …": a deeper link, right after the cue.
    for j in range(cue[1], min(cue[1] + 3, sent.end)):
        if fold_word(text[j]) in rules.relay_out:
            end = _phrase_end(table, j + 1, sent.end)
            span = trim(doc, j + 1, end, table=table)
            if span[1] > span[0]:
                links.append(Link(span, (j, j + 1), "relay_out"))
                frame.update(range(j, span[1]))
            break
    # ", citing engineers" parsed inside the complement: a deeper link, not content.
    if not any(l.rule == "relay_out" for l in links):
        for n, (c0, c1) in enumerate(contents):
            for j in range(c0 + 1, c1):
                if fold_word(text[j]) in rules.relay_out and text[j - 1] == ",":
                    end = _phrase_end(table, j + 1, sent.end)
                    span = trim(doc, j + 1, end, table=table)
                    if span[1] > span[0]:
                        links.append(Link(span, (j, j + 1), "relay_out"))
                        frame.update(range(j - 1, span[1]))
                        contents[n] = (c0, j - 1)
                    break
    if not postposed and contents:
        last = max(range(len(contents)), key=lambda n: contents[n][1])
        for q0, q1 in _quotes_after(sent, contents[last][1], rules):
            if any(pos[j] in VERBAL for j in range(q0, q1)):
                contents.append((q0, q1))
                last = len(contents) - 1
            else:  # "estimant «pathétique» «ce montage» et «cet habillage»": one list, one content
                contents[last] = (contents[last][0], q1)
    # The mark of each complement ("que", "that") belongs to the cue, not the content.
    cleaned = []
    for c0, c1 in contents:
        c0, c1 = trim(doc, c0, c1, rules.openers, table)
        frame.difference_update(range(c0, c1))
        if c1 > c0:
            cleaned.append((c0, c1))
    if not cleaned and rule != "reporting_verb:previous_sentences":
        return None
    att = Attribution(links, cleaned, frame, verb, cue_lemma=lemma, postposed=postposed,
                      previous=rule == "reporting_verb:previous_sentences", negations=negations)
    if hearsay:
        att.hedges.append((links[0].cue[0], links[0].cue[1], "probable", "hearsay"))
    if lemma in rules.denial_verbs:
        att.denial = cue
    return att


def _subject_links(sent: Sentence, verb: int, subject: int, cue: tuple[int, int], frame: set[int], rule: str,
                   rules: AttributionRules) -> list[Link] | None:
    """The link naming the subject of a verbal cue (and the deeper relay inside its phrase),
    adding their words to the cue's frame; None when no words are left to name it."""
    doc, table = sent.doc, sent.table
    text = table.text
    span = sent.subtree_span(subject)
    if fold_word(text[subject]) in rules.relative_subjects and table.head[verb] < subject < verb \
            and table.dep[verb] in {"acl:relcl", "relcl"}:
        # "Paul Durand, analyste chez Oddo, qui table sur …": the antecedent speaks.
        span = (sent.subtree_span(table.head[verb])[0], subject)
    elif subject > verb:
        span = (span[0], _phrase_end(table, span[0], span[1]) if span[1] > span[0] else span[1])
    else:
        span = (span[0], min(span[1], cue[0]))
        span = (_name_before_apposition(sent, span[0]), span[1])
    span = trim(doc, *span, table=table)
    if span[1] <= span[0]:
        return None
    anonymous_word = fold_word(text[subject]) in rules.anonymous_subjects
    # "The company, citing internal tests, said …": the relay inside the subject phrase
    # is a deeper link, not part of the source's name.
    limit = max(span[1], cue[0]) if subject < verb else span[1]
    relay = next((j for j in range(span[0] + 1, limit - 1)
                  if fold_word(text[j]) in rules.relay_out and text[j - 1] == ","), None)
    deeper = None
    if relay is not None:
        r1 = trim(doc, relay + 1, _phrase_end(table, relay + 1, limit), table=table)
        if r1[1] > r1[0]:
            deeper = Link(r1, (relay, relay + 1), "relay_out")
            frame.update(range(span[0], limit))
            span = trim(doc, span[0], min(span[1], relay - 1), table=table)
    frame.update(range(*span))
    return [Link(span, cue, rule, hearsay=anonymous_word)] + ([deeper] if deeper is not None else [])


# --------------------------------------------------------------------------------------
# Source prepositions


def _relays_after(sent: Sentence, i: int, rules: AttributionRules) -> tuple[list[Link], int]:
    """", citées par Newsweek", "published in the Echos" after a source phrase: nearer links."""
    table = sent.table
    text = table.text
    links: list[Link] = []
    for _ in range(3):
        j = i
        if j < sent.end and text[j] == ",":
            j += 1
        if j >= sent.end:
            break
        after = _participle_pair(table, j, rules.relay_in, sent.end, rules)
        if after is None and j > i and (fold_word(text[j]) in rules.relatives or table.feature(j, "PronType") == "Rel"):
            # "Selon Newsweek, qui cite cette enquête, …": a relative clause about the source.
            end = next((k for k in range(j + 1, sent.end) if text[k] in PHRASE_STOPS), sent.end)
            if end < sent.end and text[end] == ",":
                i = end
                continue
            break
        if after is None:
            if j > i and table.feature(j, "VerbForm") == "Part" and table.head[j] < j:
                # "les chiffres de l'Insee, dévoilés vendredi, …": a participle describing the
                # source, not the content.
                end = _phrase_end(table, j + 1, sent.end)
                if end < sent.end and text[end] == ",":
                    i = end
                    continue
            break
        end = _phrase_end(table, after, sent.end)
        if end <= after:
            break
        links.insert(0, Link((after, end), (j, after), "relay_in"))
        i = end
    return links, i


def _coordinated_pieces(sent: Sentence, start: int, end: int, rules: AttributionRules) -> list[tuple[int, int]]:
    """[start, end) cut before each coordinated clause that has its own subject, or that
    follows a closing quotation ("«la situation est grave» et ferait regretter …")."""
    labels, table = rules.labels, sent.table
    cuts = []
    for i in range(start + 1, end):
        if table.dep[i] != "conj" or table.head[i] >= i or sent.in_quote(i) is not None:
            continue
        c0 = max(table.left[i], start)
        # (The parser may hang a conjunct on another sentence: then its own "mais"/"et" shows it.)
        coordinated = start <= table.head[i] or any(table.dep[c] in labels.cc and c == c0 for c in table.children[i])
        own_subject = coordinated and any(table.dep[c] in labels.subject for c in table.children[i])
        after_quote = c0 - 1 > start and table.text[c0 - 1] in CLOSING_QUOTES | STRAIGHT_QUOTES \
            and table.pos[i] in VERBAL
        if c0 > start and (own_subject or after_quote):
            cuts.append(c0)
    bounds = [start] + sorted(set(cuts)) + [end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _hangs_on(table: DocTable, i: int, start: int, end: int) -> bool:
    """A verb coordinated with a participle of the source phrase ("une liste établie par X
    et que l'AFP s'est procurée"): it describes the source, not the content."""
    return table.dep[i] == "conj" and start <= table.head[i] < end and table.pos[table.head[i]] == "VERB"


def _in_relative(table: DocTable, i: int, rules: AttributionRules) -> bool:
    """A verb of a relative clause ("who requested anonymity", "qui a requis …")."""
    for _ in range(3):  # the verb and its first two ancestors
        if table.dep[i] in {"relcl", "acl:relcl"} or any(
                (fold_word(table.text[c]) in rules.relatives or table.feature(c, "PronType") == "Rel") and c < i
                for c in table.children[i]):
            return True
        if table.head[i] == i:
            break
        i = table.head[i]
    return False


def _preposition_attribution(sent: Sentence, hit: PhraseHit, rules: AttributionRules,
                             kind: str = "preposition") -> Attribution | None:
    doc, table = sent.doc, sent.table
    text, pos, dep = table.text, table.pos, table.dep
    cue = (hit.start, hit.end)
    if hit.end >= sent.end:
        return None
    # "Les dynamiques divergent selon les classes d'âge": after a verb of variation, "selon"
    # means "depending on", it names no source.
    k = hit.start - 1
    while k >= sent.start and pos[k] in {"ADV", "PART"}:
        k -= 1
    if k >= sent.start and pos[k] in {"VERB", "AUX", "NOUN", "ADJ"} and (
            fold_word(table.lemma_text(k)) in rules.variation_verbs or fold_word(text[k]) in rules.variation_verbs):
        return None
    if fold_word(text[hit.end]) in rules.relatives:
        return _relative_preposition(sent, hit, rules)

    end = _phrase_end(table, hit.end, sent.end)
    if end <= hit.end:
        return None
    links: list[Link] = []
    source = (hit.start + (hit.end - hit.start), end)
    # Inside the phrase: "une liste établie par X" (author) or "un document publié dans X" (relay).
    for i in range(hit.end, end):
        after = _participle_pair(table, i, rules.author_participles, end, rules)
        if after is not None and after < end:
            source, cue = (after, end), (hit.start, after)
            break
        after = _participle_pair(table, i, rules.relay_in, end, rules)
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
    while rest < sent.end and (text[rest] in {",", ":"} or table.space[rest]):
        rest += 1
    tail = range(rest, sent.end)
    # Nothing but punctuation, or an apposition / relative clause about the source
    # ("according to the sources, who requested anonymity").
    # ("…, selon une liste établie par X (SUdF) et que l'AFP s'est procurée"): the clauses
    # there hang on the source phrase.
    tail_empty = all(text[t] in PHRASE_STOPS or table.space[t] for t in tail) or (
        stop < sent.end and text[stop] in {",", "("} and not any(
            pos[t] in VERBAL and _finite_at(table, t) and not _in_relative(table, t, rules)
            and not _hangs_on(table, t, hit.start, stop) for t in tail))
    lead = hit.start
    k = lead - 1
    while k >= sent.start and (table.space[k] or fold_word(text[k]) in rules.openers or dep[k] in rules.labels.cc):
        k -= 1
    fronted = k < sent.start or text[k] in {",", ";", ":", "(", "—", "–"} or dep[k] in rules.labels.mark \
        or fold_word(text[k]) in rules.openers or text[k] in OPENING_QUOTES
    at_start = k < sent.start
    if tail_empty and not (at_start and any(table.is_alpha[t] for t in tail)):
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
        c0, c1 = trim(doc, *piece, rules.openers, table)
        if c1 > c0:
            contents.append((c0, c1))
    if not contents:
        return None
    for link in links:
        if link.rule == "preposition":
            link.rule = rule.replace("preposition", kind)
    return Attribution(links, contents, frame, hit.start)


def _relative_preposition(sent: Sentence, hit: PhraseHit, rules: AttributionRules) -> Attribution | None:
    """"les mêmes sources, selon lesquelles …": the source is the antecedent."""
    doc, table = sent.doc, sent.table
    k = hit.start - 1
    while k >= sent.start and (table.text[k] == "," or table.space[k]):
        k -= 1
    if k < sent.start or table.pos[k] not in {"NOUN", "PROPN"}:
        return None
    noun = doc[k]
    left = min(t.i for t in noun.subtree if t.i <= k and t.i in sent)
    c0, c1 = trim(doc, hit.end + 1, max(hit.end + 2, sent.subtree_span(table.head[hit.end])[1]), rules.openers, table)
    if c1 <= c0:
        return None
    frame = set(range(left, hit.end + 1))
    return Attribution([Link((left, k + 1), (hit.start, hit.end), "preposition:relative")], [(c0, c1)], frame,
                       hit.start)


# --------------------------------------------------------------------------------------
# Hearsay


def _hearsay_adverb(sent: Sentence, tok: int, rules: AttributionRules) -> Attribution | None:
    table = sent.table
    head = table.head[tok]
    if table.dep[head] in {"relcl", "acl:relcl"}:
        # "The bank, which reportedly lost $2 billion, …": only the relative clause is hearsay.
        c0, c1 = sent.subtree_span(head)
        if fold_word(table.text[c0]) in rules.relative_subjects | rules.relatives:
            c0 += 1
    else:
        clause = sent.clause_of(tok)
        c0, c1 = clause.start, clause.end
    c0, c1 = trim(sent.doc, c0, c1, rules.openers, table)
    if c1 <= c0:
        return None
    link = Link((tok, tok + 1), (tok, tok + 1), "hearsay:adverb", hearsay=True)
    return Attribution([link], [(c0, c1)], set(), tok)


def _hearsay_noun(sent: Sentence, tok: int, rules: AttributionRules) -> Attribution | None:
    """"amid claims that …": the noun is the (anonymous) source, its clause the content."""
    labels, table = rules.labels, sent.table
    children, dep = table.children, table.dep
    clause = next((c for c in children[tok] if c > tok and any(dep[m] in labels.mark for m in children[c])
                   and dep[c] in {"acl", "ccomp", "relcl", "acl:relcl", "appos"}), None)
    if clause is None:
        return None
    c0, c1 = trim(sent.doc, *sent.subtree_span(clause), rules.openers, table)
    if c1 <= c0:
        return None
    lo = tok
    if tok - 1 >= sent.start and table.pos[tok - 1] == "ADP":
        lo = tok - 1
    link = Link((tok, tok + 1), (lo, c0), "hearsay:noun", hearsay=True)
    att = Attribution([link], [(c0, c1)], set(range(lo, c0)), tok)
    att.hedges.append((tok, tok + 1, "probable", "hearsay"))
    return att


def _hearsay_phrase(sent: Sentence, hit: PhraseHit, rules: AttributionRules) -> Attribution | None:
    doc, table = sent.doc, sent.table
    link = Link((hit.start, hit.end), (hit.start, hit.end), "hearsay:phrase", hearsay=True)
    if hit.end < sent.end and not all(table.text[j] in PHRASE_STOPS for j in range(hit.end, sent.end)):
        content = trim(doc, hit.end, sent.clause_of(hit.end).end, rules.openers, table)
    else:
        content = trim(doc, sent.start, hit.start, rules.openers, table)
    if content[1] <= content[0]:
        return None
    att = Attribution([link], [content], set(range(hit.start, hit.end)), hit.start)
    att.hedges.append((hit.start, hit.end, "probable", "hearsay"))
    return att


def _speaker_phrase(table: DocTable, start: int, end: int, rules: AttributionRules) -> bool:
    """A noun phrase that names someone: a person or organization name, or a head noun of the
    sources lexicon ("un praticien", "le gouvernement"), not "la deuxième fois"."""
    for i in range(start, end):
        if table.ent_type[i] in rules.speaker_labels or table.pos[i] == "PROPN":
            return True
        if table.pos[i] == "NOUN" and (sources.fold(table.lemma_text(i)) in rules.speaker_heads
                                       or sources.fold(table.text[i]) in rules.speaker_heads):
            return True
    return False


def _opinion_attribution(sent: Sentence, tok: int, rules: AttributionRules) -> Attribution | None:
    """"Pour un praticien, la situation est catastrophique": a sentence-initial "pour"/"for"
    with a speaker and a comma gives that speaker's view."""
    table = sent.table
    k = tok - 1
    while k >= sent.start and (table.space[k] or table.text[k] in OPENING_QUOTES):
        k -= 1
    if k >= sent.start:
        return None
    end = _phrase_end(table, tok + 1, sent.end)
    if end >= sent.end or table.text[end] != "," or not _speaker_phrase(table, tok + 1, end, rules):
        return None
    return _preposition_attribution(sent, PhraseHit(tok, tok + 1, fold_word(table.text[tok])), rules, "opinion")


def announcement(sent: Sentence, rules: AttributionRules) -> Attribution | None:
    """A speech cue with no content of its own ("Le prévenu a tenté de rassurer le magistrat."):
    it announces the quotation that follows it. Its subject, or for an infinitive its
    governor's ("a tenté de rassurer"), is the speaker."""
    doc, labels, table = sent.doc, rules.labels, sent.table
    for verb in range(sent.start, sent.end):
        if table.pos[verb] != "VERB" or rules.verb_lemma_at(table, verb) not in rules.reporting:
            continue
        subject, governor = _subject(table, verb, labels), sent.parent_index(verb)
        if subject is None and table.dep[verb] in labels.xcomp and governor is not None:
            subject = _subject(table, governor, labels)
        if subject is None or subject > verb or sent.in_quote(subject) is not None \
                or not _speaker_phrase(table, *sent.subtree_span(subject), rules):
            continue
        # (The cue starts at the governor whenever there is one, even when the subject is the
        # verb's own: the test meant to tell them apart compared fresh Token objects.)
        lo = governor if governor is not None else verb
        lo = min([lo] + [c for c in table.children[lo] if table.dep[c] in labels.aux and c < lo])
        span = trim(doc, *sent.subtree_span(subject), table=table)
        span = (span[0], min(span[1], lo))
        if span[1] > span[0]:
            return Attribution([Link(span, (lo, verb + 1), "reporting_verb:announces_quote")], [],
                               set(range(span[0], verb + 1)), verb, cue_lemma=rules.verb_lemma_at(table, verb))
    return None


# --------------------------------------------------------------------------------------
# Titles


def title_source(sent: Sentence, rules: AttributionRules) -> Attribution | None:
    """A title that names its source after a final separator: "Brazil to raise its budget gap
    goal: sources". The part after it is a short noun phrase (no verb); the part before, a
    clause (with a verb), is the content."""
    doc, table = sent.doc, sent.table
    pos = table.pos
    seps = [i for i in range(sent.start, sent.end)
            if table.text[i] in rules.title_separators and sent.in_quote(i) is None]
    if not seps:
        return None
    sep = seps[-1]
    s0, s1 = trim(doc, sep + 1, sent.end, table=table)
    c0, c1 = trim(doc, sent.start, sep, rules.openers, table)
    tail, head = range(s0, s1), range(c0, c1)
    if not (1 <= sum(table.is_alpha[s0:s1]) <= 5) or any(pos[i] in VERBAL for i in tail) \
            or not any(pos[i] in {"NOUN", "PROPN"} for i in tail):
        return None
    if sum(table.word[c0:c1]) < 3 or not any(pos[i] in VERBAL for i in head):
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
    found: list[Attribution] = []
    if title:
        att = title_source(sent, rules)
        if att is not None:
            found.append(att)
    verbs_with_cue: set[int] = set()
    table = sent.table
    pos, lemma, folded = table.pos, table.lemma, table.folded
    # Cheap test on the lists first: only a verb whose lemma (or form, which the lemma
    # repair reads) could be a reporting verb is looked at.
    verbs = [i for i in range(sent.start, sent.end)
             if pos[i] in VERBAL and (lemma[i] in rules.reporting or lemma[i] == folded[i])]
    for i in verbs:
        att = _verb_attribution(sent, i, rules)
        if att is not None:
            found.append(att)
            verbs_with_cue.add(i)
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
    cues = [i for i in range(sent.start, sent.end)
            if folded[i] in rules.lexical_cues or lemma[i] in rules.hearsay_nouns]
    for i in cues:
        word = folded[i]
        if word in rules.opinion_prepositions:
            att = _opinion_attribution(sent, i, rules)
            if att is not None:
                found.append(att)
        elif word in rules.hearsay_adverbs:
            if table.head[i] in verbs_with_cue:
                continue  # "X reportedly said": a hedge on X's cue, found in its content
            att = _hearsay_adverb(sent, i, rules)
            if att is not None:
                found.append(att)
        elif (word in rules.hearsay_nouns or fold_word(table.lemma_text(i)) in rules.hearsay_nouns) \
                and pos[i] == "NOUN":
            att = _hearsay_noun(sent, i, rules)
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


def describe(doc: Doc, link: Link, data: LangData, table: DocTable | None = None) -> sources.SourceRef:
    """Name and kind of a link's source (hearsay words are their own anonymous source)."""
    if link.hearsay:
        span = doc[link.source[0]:link.source[1]]
        return sources.SourceRef(span.text, span.start_char, span.end_char, "anonymous", "hearsay")
    return sources.describe_source(doc, link.source[0], link.source[1], data, table)

