"""Sources: name and classify who is speaking.

The claims engine finds an attribution (a reporting verb and its subject, "selon X",
"according to X", "cité par X") and hands over the token span of the phrase that names the
source. `describe_source` cuts that phrase down to the shortest span that names the source
(shared/gold/GUIDE.md) and gives it a kind with the rule that decided it; `resolve_reference`
finds the earlier named source a pronoun or a description ("il", "the source", "Mme X",
"le journal") refers to.

All language knowledge (head nouns by kind, anonymous determiners, outlet and state-body
lexicons, NER labels) comes from the `[sources]` table of the language data file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, NamedTuple

from spacy.tokens import Doc, Span, Token

from .errors import SelonError
from .langdata import LangData
from .pipeline import doc_text

if TYPE_CHECKING:
    from .clauses import DocTable

KINDS = ("person", "media", "government", "organization", "document", "anonymous")


@dataclass(frozen=True)
class SourceRef:
    """The words that name a source, where they are (offsets into `doc.text`) and its kind."""

    text: str
    start: int
    end: int
    kind: str
    kind_rule: str


# --------------------------------------------------------------------------------------
# Lexicons, built once per LangData object


# Folding is a pure function of the string; the same words are folded again and again.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the form every lexicon entry is kept in."""
    if text.isascii():
        return text.lower()
    text = text.replace("’", "'").replace("‘", "'").lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1 << 16)
def _fold_keep_case(text: str) -> str:
    if text.isascii():
        return text
    text = text.replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@dataclass(frozen=True)
class _Lexicon:
    heads: dict[str, frozenset[str]]     # kind-ish key -> folded head nouns (one or more words)
    names: dict[str, tuple[str, str]]     # case-kept folded name -> (kind, lexicon entry)
    name_prefixes: frozenset[str]         # every beginning of every name, to stop a run early
    max_name_words: int
    max_head_words: int
    head_parts: frozenset[str]            # every word of a multi-word head, to skip runs fast
    anonymous_determiners: frozenset[str]
    anaphoric: frozenset[str]
    feminine_titles: frozenset[str]
    masculine_titles: frozenset[str]
    pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    state_adjectives: frozenset[str]
    agent_markers: frozenset[str]
    inner_markers: frozenset[str]
    supranational: frozenset[str]
    member_heads: frozenset[str]
    data_heads: frozenset[str]
    journalist_heads: frozenset[str]
    person_labels: frozenset[str]
    org_labels: frozenset[str]
    state_labels: frozenset[str]


# Order breaks ties between lists for the same words: "economist" is an anonymous head first
# and a member head (speaks for the institution named after it) only by `member_heads`.
_HEAD_KEYS = ("container_heads", "document_heads", "media_heads", "government_heads",
              "official_heads", "body_heads", "organization_heads", "person_heads", "anonymous_heads",
              "member_heads")
_NAME_KEYS = (("media_outlets", "media"), ("government_bodies", "government"),
              ("organizations", "organization"))

# Memo of immutable lexicons keyed by the identity of the LangData they were built from (the
# LangData is kept alive in the value, so the id cannot be reused). It never changes results.
_LEXICONS: dict[int, tuple[LangData, _Lexicon]] = {}


def _words(table: dict, key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in table.get(key, []))


def lexicon(data: LangData) -> _Lexicon:
    hit = _LEXICONS.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    table = data.section("sources")
    heads = {key: _words(table, key) for key in _HEAD_KEYS}
    names: dict[str, tuple[str, str]] = {}
    for key, kind in _NAME_KEYS:
        for entry in table.get(key, []):
            form = _fold_keep_case(entry)
            names.setdefault(form, (kind, entry))
            # "Les Echos", "L'Equipe" are written "les Echos", "l'Equipe" inside a sentence (but
            # "Fortune" or "Time" lower-cased are common words).
            article = _split_words(form)[0].lower()
            if len(_split_words(form)) > 1 and (article in data.function_words or article.endswith("'")):
                names.setdefault(form[:1].lower() + form[1:], (kind, entry))
    lex = _Lexicon(
        heads=heads,
        names=names,
        name_prefixes=frozenset(n[:k] for n in names for k in range(1, len(n) + 1)),
        max_name_words=max((len(_split_words(n)) for n in names), default=1),
        head_parts=frozenset(w for hs in heads.values() for h in hs for w in _split_words(h)),
        max_head_words=max((len(_split_words(h)) for hs in heads.values() for h in hs), default=1),
        anonymous_determiners=_words(table, "anonymous_determiners"),
        anaphoric=_words(table, "anaphoric_modifiers"),
        feminine_titles=_words(table, "feminine_titles"),
        masculine_titles=_words(table, "masculine_titles"),
        pronouns=_words(table, "pronouns"),
        person_pronouns=_words(table, "person_pronouns"),
        state_adjectives=_words(table, "state_adjectives"),
        agent_markers=_words(table, "agent_markers"),
        supranational=_words(table, "supranational_adjectives"),
        member_heads=_words(table, "member_heads"),
        data_heads=_words(table, "data_heads"),
        journalist_heads=_words(table, "journalist_heads"),
        inner_markers=_words(table, "inner_markers") | _words(table, "agent_markers"),
        person_labels=frozenset(table.get("person_labels", [])),
        org_labels=frozenset(table.get("organization_labels", [])),
        state_labels=frozenset(table.get("named_state_labels", [])),
    )
    _LEXICONS[id(data)] = (data, lex)
    return lex


def _split_words(text: str) -> list[str]:
    # Rough token count of a lexicon entry: spaCy splits on spaces, apostrophes and hyphens.
    return text.replace("'", "' ").replace("-", " - ").split()


# --------------------------------------------------------------------------------------
# Named mentions in a document (lexicon names and NER entities), computed once per doc


class _Mention(NamedTuple):
    """A named source of the doc (a named tuple: rebuilt from the doc's cached rows at each
    look-up, which a frozen dataclass makes slow)."""

    start: int          # token offsets
    end: int
    kind: str
    rule: str
    gender: str | None  # "Fem" / "Masc" when a title or the morphology says so
    plural: bool


def _doc_cache(doc: Doc, lex: _Lexicon) -> dict[str, list]:
    """Per-token answers that depend only on the parsed doc and the lexicon, kept in
    `doc.user_data` as plain lists (False = not asked yet) so they survive `Doc.to_bytes`.
    Keyed by the lexicon's identity: `_LEXICONS` keeps it alive, so the id is never reused."""
    key = f"selon.sources.tokens.{id(lex)}"
    cache = doc.user_data.get(key)
    if cache is None:
        cache = {"names": [False] * len(doc), "heads": [False] * len(doc), "name_at": [False] * len(doc)}
        doc.user_data[key] = cache
    return cache


def _token_texts(doc: Doc, cache: dict[str, list]) -> tuple[list[str], list[bool]]:
    """Each token's text and whether a space follows it, read once per doc (the name and head
    scans read many tokens, and `doc[i]` builds a Token each time): the claims' `DocTable`
    lists when they were handed over (`_adopt_table`), else sliced from the Doc's text."""
    texts, spaces = cache.get("texts"), cache.get("spaces")
    if texts is None or spaces is None:
        text = doc_text(doc)
        cols = doc.to_array(["IDX", "LENGTH", "SPACY"]).T.tolist() if len(doc) else [[], [], []]
        texts = cache["texts"] = [text[start:start + length] for start, length in zip(cols[0], cols[1])]
        spaces = cache["spaces"] = [bool(space) for space in cols[2]]
    return texts, spaces


def _adopt_table(doc: Doc, lex: _Lexicon, table: "DocTable | None") -> None:
    """Take the token texts from the claims' `DocTable` of this doc instead of reading them again."""
    if table is not None:
        cache = _doc_cache(doc, lex)
        cache.setdefault("texts", table.text)
        cache.setdefault("spaces", table.whitespace)


def _longest_name_at(lex: _Lexicon, i: int, names: list, texts: list[str],
                     spaces: list[bool]) -> tuple[int, int, str, str] | None:
    """The longest lexicon name starting at token i, as (start, end, kind, entry)."""
    best = names[i]
    if best is not False:
        return tuple(best) if best is not None else None
    best = None
    if texts[i][:1].isalpha():
        # Grow the run while it is still the beginning of some name; keep the longest name.
        text = ""
        for j in range(i, min(len(texts), i + lex.max_name_words + 2)):
            text += _fold_keep_case(texts[j]) + (" " if spaces[j] else "")  # its text_with_ws
            key = text.rstrip()
            if key not in lex.name_prefixes:
                break
            hit = lex.names.get(key)
            if hit is not None:
                best = (i, j + 1, hit[0], hit[1])
    names[i] = best
    return best


def _name_matches(doc: Doc, lex: _Lexicon, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str, str]]:
    """Lexicon names starting in [lo, hi) as (start, end, kind, entry): longest first, no overlap."""
    lo, n = max(0, lo), len(doc)
    hi = n if hi is None else min(hi, n)
    cache = _doc_cache(doc, lex)
    names = cache["names"]
    texts, spaces = _token_texts(doc, cache)
    found = []
    i = lo
    for start in _name_starts(texts, lo, hi, lex):
        if start < i:
            continue  # inside the name found before
        best = _longest_name_at(lex, start, names, texts, spaces)
        if best:
            found.append(best)
            i = best[1]
    return found


def _name_starts(texts: list[str], lo: int, hi: int, lex: _Lexicon) -> Iterable[int]:
    """The tokens of [lo, hi) a name may start at. A long scan (a whole doc) leaves out the
    words that begin no name (the first step of `_longest_name_at`), asked once per word."""
    if hi - lo <= 2 * lex.max_name_words:
        return range(lo, hi)
    prefixes = lex.name_prefixes
    beginning = {text for text in set(texts[lo:hi])
                 if text[:1].isalpha() and _fold_keep_case(text).rstrip() in prefixes}
    return [i for i in range(lo, hi) if texts[i] in beginning]


def _title_gender(token: Token | None, lex: _Lexicon) -> str | None:
    if token is None:
        return None
    word = fold(token.text)
    if word in lex.feminine_titles:
        return "Fem"
    if word in lex.masculine_titles:
        return "Masc"
    return None


def _morph(token: Token, feature: str) -> str | None:
    values = token.morph.get(feature)
    return values[0] if values else None


def _mentions(doc: Doc, data: LangData, before: int) -> list[_Mention]:
    """Every named source that ends before token `before`, in text order.

    The full list is derived from the (immutable) parsed doc and the language data only, so it
    is kept in `doc.user_data` as plain tuples (they survive `Doc.to_bytes`) and computed once.
    """
    key = f"selon.sources.mentions.{data.code}"
    cached = doc.user_data.get(key)
    if cached is None:
        cached = [tuple(m) for m in _all_mentions(doc, data)]
        doc.user_data[key] = cached
    return [_Mention(*row) for row in cached if row[1] <= before]  # row[1]: the mention's end


def _all_mentions(doc: Doc, data: LangData) -> list[_Mention]:
    lex = lexicon(data)
    mentions: dict[int, _Mention] = {}
    taken: set[int] = set()
    ents = doc.ents  # spaCy builds the Spans at each access
    people = {i: ent for ent in ents if ent.label_ in lex.person_labels for i in range(ent.start, ent.end)}
    for start, end, kind, entry in _name_matches(doc, lex):
        person = people.get(start)
        if person is not None and (person.start < start or person.end > end):
            continue  # a word of a person's name ("Marianne Dupont"), not the outlet
        head = doc[start:end].root
        mentions[start] = _Mention(start, end, kind, f"{kind}-lexicon:{fold(entry)}",
                                   _det_gender(doc, start), _morph(head, "Number") == "Plur" and head.pos_ == "NOUN")
        taken.update(range(start, end))
    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.label_ in lex.person_labels:
            first = doc[ent.start]
            gender = _title_gender(first, lex) or _title_gender(doc[ent.start - 1] if ent.start else None, lex)
            mentions[ent.start] = _Mention(ent.start, ent.end, "person", f"ner:{ent.label_}", gender, False)
        elif ent.label_ in lex.org_labels:
            kind, rule = _organization_kind(doc, ent.start, ent.end, lex, ent.label_)
            mentions[ent.start] = _Mention(ent.start, ent.end, kind, rule, _det_gender(doc, ent.start), False)
    return [mentions[k] for k in sorted(mentions)]


def _det_gender(doc: Doc, start: int) -> str | None:
    if start and doc[start - 1].pos_ == "DET":
        return _morph(doc[start - 1], "Gender")
    return None


# --------------------------------------------------------------------------------------
# Head nouns and names


def _head_windows(doc: Doc, head: Token, lex: _Lexicon) -> Iterable[tuple[int, str]]:
    """Folded word runs that contain the head, with their length in tokens; the head word is
    also tried as its lemma, since a plural shows only on it ("hommes d'affaires")."""
    yield 1, fold(head.lemma_)
    yield 1, fold(head.text)
    # The runs' words from the doc's token texts (a Span and its Tokens per run cost more).
    texts, spaces = _token_texts(doc, _doc_cache(doc, lex))
    size, parts, h = lex.max_head_words, lex.head_parts, head.i
    for length in range(2, size + 1):
        for first in range(max(0, h - length + 1), min(h, len(doc) - length) + 1):
            last = first + length - 1
            if any(k != h and fold(texts[k]) not in parts for k in range(first, last + 1)):
                continue
            # The run's text, then the same with the head's lemma for its word.
            words = [texts[k] + (" " if spaces[k] else "") for k in range(first, last + 1)]
            yield length, fold("".join(words[:-1]) + texts[last])
            words[h - first] = head.lemma_ + (" " if spaces[h] else "")
            yield length, fold("".join(words).rstrip())


def _head_class(doc: Doc, head: Token, lex: _Lexicon) -> tuple[str | None, str]:
    """Which head list the noun belongs to (longest matching run wins) and the matched words."""
    heads = _doc_cache(doc, lex)["heads"]
    known = heads[head.i]
    if known is False:
        known = heads[head.i] = _head_class_uncached(doc, head, lex)
    return known[0], known[1]


def _head_class_uncached(doc: Doc, head: Token, lex: _Lexicon) -> tuple[str | None, str]:
    best: tuple[int, str | None, str] = (0, None, "")
    for length, words in _head_windows(doc, head, lex):
        if length <= best[0]:
            continue
        for key in _HEAD_KEYS:
            if words in lex.heads[key]:
                best = (length, key, words)
                break
    return best[1], best[2]


def _entity_of(token: Token) -> Span | None:
    """The named entity the token is part of, found by walking its IOB tags."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _organization_kind(doc: Doc, start: int, end: int, lex: _Lexicon, label: str) -> tuple[str, str]:
    """An ORG entity is an organization unless its own head noun says state body or outlet."""
    text = doc[start:end].text
    if _is_acronym(text):
        return "organization", f"acronym:{text}"
    for token in doc[start:end]:
        key, words = _head_class(doc, token, lex)
        if key in ("government_heads", "official_heads"):
            return "government", f"ner:{label}+head:{words}"
        if key == "media_heads":
            return "media", f"ner:{label}+head:{words}"
        if key == "body_heads":
            kind, rule = _body_kind(doc, start, end, lex, words)
            return kind, f"ner:{label}+{rule}"
    return "organization", f"ner:{label}"


def _body_kind(doc: Doc, start: int, end: int, lex: _Lexicon, words: str) -> tuple[str, str]:
    """A body that may be a state's or not, from the words of its phrase [start, end):
    "the federal agency", "l'agence américaine" are government; "the International Testing
    Agency", "l'Agence européenne" and a body with no state named are organizations."""
    span = doc[start:end]
    for token in span:
        if fold(token.lemma_) in lex.supranational or fold(token.text) in lex.supranational:
            return "organization", f"international-body:{words}+{fold(token.text)}"
    for token in span:
        if fold(token.text) == words:
            continue
        if (token.ent_type_ in lex.state_labels or fold(token.lemma_) in lex.state_adjectives
                or fold(token.text) in lex.state_adjectives):
            return "government", f"state-body:{words}+{token.text}"
    return "organization", f"body-head:{words}"


def _lexicon_name_at(doc: Doc, token: Token, lex: _Lexicon) -> tuple[int, int, str, str] | None:
    """The lexicon name the token is part of, as (start, end, kind, entry)."""
    name_at = _doc_cache(doc, lex)["name_at"]
    known = name_at[token.i]
    if known is not False:
        return tuple(known) if known is not None else None
    found = None
    reach = lex.max_name_words + 2
    for start, end, kind, entry in _name_matches(doc, lex, token.i - reach, token.i + 1):
        if start <= token.i < end:
            found = (start, end, kind, entry)
            break
    name_at[token.i] = found
    return found


# --------------------------------------------------------------------------------------
# Cutting a phrase down to the words that name the source

# Dependents that never help name a source: asides, relative clauses, coordination.
_DROP_DEPS = frozenset({"punct", "appos", "acl:relcl", "relcl", "parataxis", "dislocated", "cc", "conj",
                        "advcl", "dep", "mark", "aux", "aux:tense", "aux:pass", "cop", "nsubj", "obj",
                        "dobj", "iobj"})
# Punctuation inside a name or a modifier ("well-placed", "Samu-Urgences").
_INNER_PUNCT = frozenset({"-", "'", "’", "&", "."})
_TIME_LABELS = frozenset({"DATE", "TIME"})
# Words that introduce a phrase and are not part of the name ("des" autorités, "by" the Pentagon).
_LEADING_POS = frozenset({"ADP", "PUNCT", "CCONJ", "SCONJ", "SPACE"})


def _kept(token: Token, out: set[int]) -> None:
    out.add(token.i)
    for child in token.children:
        if _aside(child):
            continue
        _kept(child, out)


def _aside(child: Token) -> bool:
    """A dependent that does not help name the source: a clause ("citées par Newsweek",
    "exerçant dans un hôpital"), an apposition, a comma, a date ("a judge on August 5")."""
    if child.dep_ in _DROP_DEPS or child.dep_.startswith("acl"):
        return child.dep_ != "punct" or child.text not in _INNER_PUNCT
    if child.dep_ in ("nmod", "prep", "obl", "npadvmod", "nmod:tmod"):
        return any(t.like_num or t.ent_type_ in _TIME_LABELS for t in child.subtree)
    return False


def _phrase(doc: Doc, head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Token bounds of the head's own noun phrase inside [lo, hi), without asides."""
    keep: set[int] = set()
    _kept(head, keep)
    start = end = head.i
    while start - 1 >= lo and start - 1 in keep:
        start -= 1
    while end + 1 < hi and end + 1 in keep:
        end += 1
    while start < head.i and doc[start].pos_ in _LEADING_POS:
        start += 1
    while end > head.i and (doc[end].pos_ in _LEADING_POS or doc[end].is_space):
        end -= 1
    return start, end + 1


def _subtree_bounds(token: Token, lo: int, hi: int) -> tuple[int, int]:
    """The token's subtree, cut to the span [lo, hi) the source was looked for in."""
    return max(lo, token.left_edge.i), min(hi, token.right_edge.i + 1)


def _within(token: Token | None, lo: int, hi: int) -> Token | None:
    return token if token is not None and lo <= token.i < hi else None


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi - 1 and (doc[lo].pos_ in _LEADING_POS or doc[lo].is_space):
        lo += 1
    while hi - 1 > lo and (doc[hi - 1].pos_ in ("PUNCT", "SPACE") or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def _ref(doc: Doc, start: int, end: int, kind: str, rule: str) -> SourceRef:
    span = doc[start:end]
    return SourceRef(span.text, span.start_char, span.end_char, kind, rule)


def _with_article(doc: Doc, start: int, lo: int) -> int:
    """Keep the article of an outlet or a body ("le New York Times", "l'Insee", "the CDC")."""
    if start - 1 >= lo and doc[start - 1].pos_ == "DET" and "Art" in doc[start - 1].morph.get("PronType"):
        return start - 1
    return start


# --------------------------------------------------------------------------------------
# Public API


def describe_source(doc: Doc, start_token: int, end_token: int, data: LangData,
                    table: "DocTable | None" = None) -> SourceRef:
    """Name and classify the source named by tokens [start_token, end_token) of `doc`.

    The span is the phrase the attribution points at (subject of a reporting verb, object
    of "selon"/"according to"/"cité par"). The result is the shortest span naming the source
    (offsets into `doc.text`) with its kind and the rule that gave it. A personal pronoun
    names nobody: its referent is returned when `resolve_reference` finds one. `table`, the
    Doc's `DocTable` when the caller has one, saves reading the token texts again.
    """
    if not 0 <= start_token < end_token <= len(doc):
        raise SelonError(f"tokens {start_token}:{end_token}", f"not a span of a {len(doc)}-token document")
    lex = lexicon(data)
    _adopt_table(doc, lex, table)
    lo, hi = _trim(doc, start_token, end_token)
    head = _pick_head(doc, lo, hi, lex)
    return _describe(doc, head, lo, hi, data, lex, depth=0)


def referent(doc: Doc, ref: SourceRef, data: LangData, table: "DocTable | None" = None) -> SourceRef | None:
    """The earlier named source that a descriptive source stands for, or None.

    Only sources named by a description ("le magazine américain", "the agency": a kind found
    from the head noun, no proper noun in the span) are looked up, and only earlier mentions
    count: the guide annotates such sources with the name they refer to. `table` as for
    `describe_source`.
    """
    if "-head:" not in ref.kind_rule:
        return None
    _adopt_table(doc, lexicon(data), table)
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or any(t.pos_ == "PROPN" for t in span):
        return None
    found = resolve_reference(doc, span.root.i, data)
    if found is None or found.start >= ref.start or fold(found.text) == fold(ref.text):
        return None
    return found


def resolve_reference(doc: Doc, token_i: int, data: LangData) -> SourceRef | None:
    """The earlier named source a pronoun, a short name or a description refers to, or None.

    "il"/"she" → the most recent compatible (gender, number) person or named source;
    "Mme Ancel"/"Schuchat" → the earlier full name ending with that surname;
    "le journal"/"the agency"/"the source" → the most recent earlier source of the same kind.
    """
    if not 0 <= token_i < len(doc):
        raise SelonError(f"token {token_i}", f"not a token of a {len(doc)}-token document")
    lex = lexicon(data)
    token = doc[token_i]
    earlier = _mentions(doc, data, token_i)
    pronoun = _pronoun(doc, token, lex)
    if pronoun is not None:
        # "a-t-elle" is split into "-t" and "-elle": the last pronoun token has the gender.
        word = max((t for t in doc[token.i:pronoun[0]] if t.pos_ == "PRON"), key=lambda t: t.i, default=token)
        found = _pronoun_antecedent(word, earlier, lex)
        return _mention_ref(doc, found, f"pronoun:{pronoun[1]}") if found else None
    if token.pos_ == "PROPN" or _title_gender(token, lex):
        found = _same_surname(doc, token, earlier, lex)
        return _mention_ref(doc, found, f"same-surname:{token.text}") if found else None
    key, words = _head_class(doc, token, lex)
    if key == "body_heads":
        # "the agency", "l'agence": the nearest named body, one with that word in its name first.
        bodies = [m for m in reversed(earlier) if m.kind in ("government", "organization")]
        same = [m for m in bodies if words in fold(doc[m.start:m.end].text)]
        found = (same or bodies or [None])[0]
        return _mention_ref(doc, found, f"description:{words}") if found else None
    kind = _KIND_OF_HEAD.get(key or "")
    if kind is None:
        return None
    if kind == "anonymous":
        return _earlier_same_noun(doc, token, lex)
    for mention in reversed(earlier):
        if mention.kind == kind:
            return _mention_ref(doc, mention, f"description:{words}")
    return None


# --------------------------------------------------------------------------------------
# Describing


def _pronoun(doc: Doc, token: Token, lex: _Lexicon) -> tuple[int, str] | None:
    """A pronoun that can stand for a source, as (end token, folded words), longest first:
    "il", "She", "Celle-ci" (which the tokenizer splits into "Celle", "-", "ci")."""
    words, found = "", None
    for end in range(token.i + 1, min(len(doc), token.i + 3) + 1):
        words += fold(doc[end - 1].text)
        if words in lex.pronouns:
            found = (end, words)
        if doc[end - 1].whitespace_:
            break
    return found


def _is_named(token: Token, lex: _Lexicon) -> bool:
    return (bool(token.ent_type_) and token.ent_type_ not in lex.state_labels) or token.pos_ == "PROPN"


def _pick_head(doc: Doc, lo: int, hi: int, lex: _Lexicon) -> Token:
    """The token the phrase hangs on. A parser may leave a name beside its title
    ("le président russe | Vladimir Poutine"): then the name is the head."""
    roots = [t for t in doc[lo:hi] if not lo <= t.head.i < hi or t.head.i == t.i]
    if len(roots) > 1:
        names = [t for t in roots if t.ent_type_ in lex.person_labels]
        if names:
            return names[0]
    for token in roots:
        if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "DET"):
            return token
    return roots[0] if roots else doc[lo]


def _determiner(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ in ("det", "nummod", "det:predet", "predet") and child.i < head.i:
            return child
    return None


def _quantifier(doc: Doc, head: Token, lo: int, lex: _Lexicon) -> str | None:
    """The anonymous determiner or quantifier before the head, if any ("certaines", "some", "a")."""
    det = _determiner(head)
    if det is not None and fold(det.text) in lex.anonymous_determiners:
        return fold(det.text)
    # Multi-word quantifiers ("de nombreux", "a number of") sit right before the phrase.
    for start in range(max(lo, head.i - 3), head.i - 1):
        words = fold(doc[start:head.i].text)
        if words in lex.anonymous_determiners:
            return words
    return None


def _named_state(head: Token, lex: _Lexicon) -> str | None:
    """A state named by a modifier: "ukrainiennes", "US", "Saudi", "de Kiev"."""
    for child in head.subtree:
        if child.i == head.i:
            continue
        if child.ent_type_ in lex.state_labels:
            return child.text
        if child.head.i == head.i and child.dep_ in ("amod", "compound", "nmod") and (
                fold(child.lemma_) in lex.state_adjectives or fold(child.text) in lex.state_adjectives):
            return child.text
    return None


def _body_spoken_for(doc: Doc, head: Token, hi: int, lex: _Lexicon) -> tuple[str, str] | None:
    """"A Kremlin spokesman", "a spokesperson for Amazon", "officials at the WHO": an official
    speaks for the body named beside them; (kind, rule) of that body."""
    for child in head.children:
        if child.i >= hi:
            continue
        candidates = [child]
        if child.dep_ in ("prep", "case") or fold(child.text) in lex.inner_markers:
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ not in ("compound", "nmod", "nmod:poss", "poss", "flat", "flat:name"):
            continue
        for token in candidates:
            name = _lexicon_name_at(doc, token, lex)
            if name is not None:
                return name[2], f"{name[2]}-lexicon:{fold(name[3])}"
            ent = _entity_of(token)
            if ent is not None and ent.label_ in lex.org_labels:
                return _organization_kind(doc, ent.start, ent.end, lex, ent.label_)
            key, words = _head_class(doc, token, lex)
            if key == "government_heads" and token.i > head.i:
                return "government", f"government-head:{words}"  # "le porte-parole du gouvernement"
    return None


def _person_name_near(doc: Doc, head: Token, hi: int, lex: _Lexicon) -> Span | None:
    """A person's name set beside a role noun ("le juge Amit Mehta"), not one introduced
    by a preposition ("l'entourage d'Emmanuel Macron" is not Macron)."""
    for child in head.children:
        if child.dep_ in ("case", "prep") or child.i >= hi:
            continue
        ent = _entity_of(child)
        if ent is not None and ent.label_ in lex.person_labels and not any(
                c.dep_ == "case" for c in child.children) and child.i > head.i:
            return ent
    return None


def _name_in_apposition(doc: Doc, end: int, lex: _Lexicon) -> Span | None:
    """"le procureur de la République, Nathalie Ancel, a estimé": a name set between commas
    right after a role (parsers often attach it elsewhere, so adjacency decides)."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    ent = _entity_of(doc[end + 1])
    if ent is None or ent.label_ not in lex.person_labels or ent.start != end + 1:
        return None
    after = doc[ent.end] if ent.end < len(doc) else None
    return ent if after is None or after.is_punct or after.pos_ in ("AUX", "VERB") else None


def _person_span(doc: Doc, ent_start: int, ent_end: int, lex: _Lexicon) -> tuple[int, int]:
    """A person's name, with a courtesy title before it ("Mme Ancel") and no article."""
    while ent_start < ent_end - 1 and doc[ent_start].pos_ in ("DET", "ADP", "PUNCT"):
        ent_start += 1
    if ent_start and _title_gender(doc[ent_start - 1], lex):
        ent_start -= 1
    return ent_start, ent_end


def _describe(doc: Doc, head: Token, lo: int, hi: int, data: LangData, lex: _Lexicon, depth: int) -> SourceRef:
    # A well-known outlet, state body or organization.
    name = _lexicon_name_at(doc, head, lex)
    ent = _entity_of(head)
    if name is not None and ent is not None and ent.label_ in lex.person_labels and \
            (ent.start < name[0] or ent.end > name[1]):
        name = None  # "Marianne" the weekly is not "Marianne Dupont"
    if name is not None:
        start, end, kind, entry = name
        start = _with_article(doc, start, lo)
        end = _coordinated_names(doc, head, end, hi, lex)
        return _ref(doc, start, end, kind, f"{kind}-lexicon:{fold(entry)}")

    # A pronoun names nobody by itself.
    pronoun = _pronoun(doc, head, lex)
    if pronoun is not None:
        found = resolve_reference(doc, head.i, data)
        if found is not None:
            return found
        return _ref(doc, head.i, pronoun[0], "anonymous", f"unresolved-pronoun:{pronoun[1]}")

    # A named entity the parser recognised.
    ent = _entity_of(head)
    # A common noun the tagger put inside an entity ("Tory MPs" as PERSON) keeps its own class.
    noun_class = _head_class(doc, head, lex)[0]
    if ent is not None and ent.label_ in lex.person_labels and noun_class:
        ent = None
    if ent is not None and (head.pos_ == "PROPN" or ent.label_ in lex.person_labels
                            or head.text[:1].isupper() and noun_class is None):
        if ent.label_ in lex.person_labels:
            start, end = _person_span(doc, ent.start, ent.end, lex)
            titled = _outlet_title(doc, ent.start, ent.end, lo, lex)
            if titled is not None:
                return _ref(doc, start, end, *titled)
            return _ref(doc, start, end, "person", f"ner:{ent.label_}")
        start = _with_owner(doc, _with_article(doc, ent.start, lo), ent, lo)
        end = _coordinated_names(doc, head, ent.end, hi, lex)
        if ent.label_ in lex.org_labels:
            kind, rule = _organization_kind(doc, ent.start, ent.end, lex, ent.label_)
            return _ref(doc, start, end, kind, rule)
        if ent.label_ in lex.state_labels:
            # "Moscou affirme", "Washington says": a capital or a country speaking is its state.
            return _ref(doc, ent.start, ent.end, "government", f"ner:{ent.label_}-as-state")
        if _is_acronym(ent.text):
            return _ref(doc, start, end, "organization", f"acronym:{ent.text}")
        return _ref(doc, start, end, "organization", f"ner:{ent.label_}")

    if head.pos_ == "PROPN" and noun_class not in _GENERIC_CLASSES:
        start, end = _propn_run(doc, head, lo, hi)
        text = doc[start:end].text
        if _is_acronym(text):
            return _ref(doc, start, end, "organization", f"acronym:{text}")
        key, words = _head_class(doc, head, lex)
        if key == "government_heads":
            return _ref(doc, _with_article(doc, start, lo), end, "government", f"proper-noun+head:{words}")
        if key == "organization_heads":
            return _ref(doc, _with_article(doc, start, lo), end, "organization", f"proper-noun+head:{words}")
        if key == "body_heads":
            kind, rule = _body_kind(doc, start, end, lex, words)
            return _ref(doc, _with_article(doc, start, lo), end, kind, f"proper-noun+{rule}")
        if end - start >= 2:
            return _ref(doc, start, end, "person", "proper-name")
        found = resolve_reference(doc, head.i, data)
        if found is not None:
            return _ref(doc, start, end, found.kind, f"surname-of:{found.text}")
        return _ref(doc, _with_article(doc, start, lo), end, "organization", "proper-noun")

    return _describe_noun(doc, head, lo, hi, data, lex, depth)


# Head lists of common nouns: a capitalised one ("MPs", "Officials") is still a common noun.
_GENERIC_CLASSES = frozenset({"anonymous_heads", "person_heads", "official_heads", "media_heads",
                              "document_heads", "container_heads", "member_heads"})


def _outlet_title(doc: Doc, start: int, end: int, lo: int, lex: _Lexicon) -> tuple[str, str] | None:
    """"le site spécialisé Footdata", "the agency Reuters": a name set after an outlet or a
    body noun (adjectives between) is that outlet or body, whatever the tagger thought; a
    journalist's name stays a person ("le journaliste Paul Roux")."""
    k = start - 1
    while k >= lo and doc[k].pos_ == "ADJ":
        k -= 1
    if k < lo or doc[k].pos_ != "NOUN" or fold(doc[k].lemma_) in lex.journalist_heads \
            or fold(doc[k].text) in lex.journalist_heads:
        return None
    key, words = _head_class(doc, doc[k], lex)
    if key == "body_heads":
        kind, rule = _body_kind(doc, k, end, lex, words)
        return kind, f"{rule}+name"
    if key in ("media_heads", "organization_heads", "government_heads"):
        return _KIND_OF_HEAD[key], f"{_KIND_OF_HEAD[key]}-head+name:{words}"
    return None


def _with_owner(doc: Doc, start: int, ent: Span, lo: int) -> int:
    """"Ukraine's defence ministry": the possessor is part of the name of the body."""
    for token in ent:
        for child in token.children:
            if child.dep_ in ("poss", "nmod:poss") and lo <= child.left_edge.i < start:
                start = child.left_edge.i
    return start


def _coordinated_names(doc: Doc, head: Token, end: int, hi: int, lex: _Lexicon) -> int:
    """"le WSJ et le Washington Post" is one source: extend over conjoined names."""
    for child in head.children:
        if child.dep_ == "conj" and child.i >= end and child.i < hi and _is_named(child, lex):
            ent = _entity_of(child)
            end = max(end, ent.end if ent is not None else child.i + 1, child.right_edge.i + 1 if
                      child.right_edge.i < hi else end)
    return end


def _propn_run(doc: Doc, head: Token, lo: int, hi: int) -> tuple[int, int]:
    """The capitalised words of a name around its head, hyphenated parts included
    ("European Anti-Doping Agency", where taggers see adjectives and punctuation)."""
    start = end = head.i
    while start - 1 >= lo and _name_word(doc, start - 1, lo, hi):
        start -= 1
    while end + 1 < hi and _name_word(doc, end + 1, lo, hi):
        end += 1
    return start, end + 1


def _name_word(doc: Doc, i: int, lo: int, hi: int) -> bool:
    token = doc[i]
    if token.pos_ == "PROPN":
        return True
    if token.text == "-" and not token.whitespace_ and lo < i < hi - 1 and not doc[i - 1].whitespace_:
        return doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()
    # A capitalised adjective or noun inside a sentence is part of a name; the first word
    # of a sentence is capitalised anyway and proves nothing.
    return token.pos_ in ("ADJ", "NOUN") and token.text[:1].isupper() and not token.is_sent_start


def _inner_source(head: Token, lex: _Lexicon) -> Token | None:
    """The body named inside a figure or a document: "des autorités" in "des estimations des
    autorités", "the Pentagon" in "estimates by the Pentagon" (not "de 2023", "for May")."""
    for child in head.children:
        if child.i < head.i:
            continue
        inner = None
        if child.dep_ in ("nmod", "obl:agent", "nmod:poss", "poss"):
            inner = child
        elif child.dep_ in ("prep", "agent") and fold(child.text) in lex.inner_markers:
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
        if inner is not None and not any(t.like_num or t.ent_type_ in _TIME_LABELS for t in inner.subtree):
            return inner
    return None


def _author(doc: Doc, head: Token, lex: _Lexicon) -> Token | None:
    """"le rapport de Bloomberg", "reports from the WSJ": a document whose author is a named
    body or a source noun speaks for that author; "un rapport de 40 pages" does not."""
    inner = _inner_source(head, lex)
    if inner is None or any(t.like_num for t in inner.subtree):
        return None
    if _is_named(inner, lex) or _lexicon_name_at(doc, inner, lex):
        return inner
    kind, _ = _description_kind(doc, inner, lex)
    return inner if kind in ("media", "government", "organization", "person") else None


def _name_beside(doc: Doc, head: Token, hi: int, lex: _Lexicon) -> tuple[int, int, str | None, str | None] | None:
    """A proper name set right after a generic noun, not introduced by a preposition:
    (start, end, kind from a lexicon or None, rule or None)."""
    for child in head.children:
        if child.i <= head.i or child.i >= hi or child.dep_ in ("case", "prep", "punct", "cc", "conj") \
                or child.dep_.startswith("acl"):
            continue
        if any(c.dep_ == "case" and c.i < child.i for c in child.children):
            continue
        name = _lexicon_name_at(doc, child, lex)
        if name is not None:
            return name[0], name[1], name[2], f"{name[2]}-lexicon:{fold(name[3])}"
        ent = _entity_of(child)
        if ent is not None and ent.label_ not in lex.state_labels and ent.start > head.i:
            return ent.start, ent.end, None, None
        if child.pos_ == "PROPN":
            start, end = _propn_run(doc, child, head.i + 1, len(doc))
            return start, end, None, None
    return None


def _named_modifier(doc: Doc, head: Token, lo: int, lex: _Lexicon) -> tuple[Token, int, int] | None:
    """"United Nations figures", "a WHO report", "the agency's data": the body named before a
    figure or a document, as (its last token, start, end)."""
    named = [c for c in head.children if c.i < head.i and c.left_edge.i >= lo
             and c.dep_ in ("compound", "poss", "nmod:poss", "nmod")
             and (_is_named(c, lex) or _lexicon_name_at(doc, c, lex) is not None)]
    if not named:
        return None
    a = min(c.left_edge.i for c in named)
    b = max(c.right_edge.i for c in named) + 1
    while b > a + 1 and doc[b - 1].dep_ == "case":  # the possessive "'s"
        b -= 1
    a, b = _trim(doc, a, b)
    return doc[b - 1], a, b


def _institution_named(doc: Doc, head: Token, hi: int, lex: _Lexicon) -> tuple[str, str] | None:
    """"des chercheurs de Cambridge": a place or a name after a researcher's noun is the
    institution they work for (a university is often called by its town)."""
    for child in head.children:
        if child.i <= head.i or child.i >= hi:
            continue
        token = child
        if child.dep_ in ("prep", "case") or fold(child.text) in lex.inner_markers:
            token = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif not child.dep_.startswith("nmod"):
            continue
        if token is None or token.pos_ != "PROPN" or token.ent_type_ in lex.person_labels:
            continue
        if any(t.like_num or t.ent_type_ in _TIME_LABELS for t in token.subtree):
            continue
        return "organization", f"named-institution:{token.text}"
    return None


def _name_after_comma(doc: Doc, end: int, lex: _Lexicon) -> tuple[int, int, str | None, str | None] | None:
    """"His team, Vortex-Alpine, said": a name set between commas right after a body noun."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    first = doc[end + 1]
    name = _lexicon_name_at(doc, first, lex)
    if name is not None and name[0] == end + 1:
        return name[0], name[1], name[2], f"{name[2]}-lexicon:{fold(name[3])}"
    ent = _entity_of(first)
    if ent is not None and ent.start == end + 1 and ent.label_ not in lex.person_labels | lex.state_labels:
        b = ent.end
    elif first.pos_ == "PROPN" or first.text[:1].isupper() and first.pos_ in ("ADJ", "NOUN"):
        b = _propn_run(doc, first, end + 1, len(doc))[1]
    else:
        return None
    after = doc[b] if b < len(doc) else None
    if after is None or after.is_punct or after.pos_ in ("AUX", "VERB"):
        return end + 1, b, None, None
    return None


def _agent_of_participle(head: Token, lex: _Lexicon) -> Token | None:
    """"une liste établie par X", "a report compiled by X": the author, not the paper, speaks."""
    for child in head.children:
        if not child.dep_.startswith("acl"):
            continue
        for grand in child.children:
            if grand.dep_ == "obl:agent":
                return grand
            if grand.dep_ in ("agent", "prep") and fold(grand.text) in lex.agent_markers:
                objects = [c for c in grand.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
            if grand.dep_.startswith("obl") and any(fold(c.text) in lex.agent_markers and c.dep_ == "case"
                                                     for c in grand.children):
                return grand
    return None


def _describe_noun(doc: Doc, head: Token, lo: int, hi: int, data: LangData, lex: _Lexicon,
                   depth: int) -> SourceRef:
    key, words = _head_class(doc, head, lex)
    word = fold(head.text)
    start, end = _phrase(doc, head, lo, hi)
    quantifier = _quantifier(doc, head, lo, lex)
    plural = "Plur" in head.morph.get("Number")

    if key == "container_heads" and depth < 3:
        inner = _within(_inner_source(head, lex), lo, hi)
        if inner is not None:
            a, b = _trim(doc, *_subtree_bounds(inner, lo, hi))
            return _describe(doc, inner, a, b, data, lex, depth + 1)
        owner = _named_modifier(doc, head, lo, lex)
        if owner is not None:
            return _describe(doc, owner[0], owner[1], owner[2], data, lex, depth + 1)
        if fold(head.lemma_) in lex.data_heads or word in lex.data_heads:
            # Measurements and statistics are records even when the article names no author.
            return _ref(doc, start, end, "document", f"data-without-author:{words}")
        return _ref(doc, start, end, "anonymous", f"figure-without-source:{words}")

    if key == "document_heads":
        # Only the words of the span: in "une étude de l'OCDE, citée par les Echos" the relay
        # outside it is the claims engine's business, the author is the OCDE.
        agent = (_within(_agent_of_participle(head, lex), lo, hi) or _within(_author(doc, head, lex), lo, hi)
                 if depth < 3 else None)
        if agent is not None:
            a, b = _trim(doc, *_subtree_bounds(agent, lo, hi))
            return _describe(doc, agent, a, b, data, lex, depth + 1)
        owner = _named_modifier(doc, head, lo, lex) if depth < 3 else None
        if owner is not None:
            return _describe(doc, owner[0], owner[1], owner[2], data, lex, depth + 1)
        return _ref(doc, start, end, "document", f"document-head:{words}")

    anaphor = next((c for c in head.children if c.i < head.i and fold(c.text) in lex.anaphoric), None)
    if anaphor is not None:
        found = resolve_reference(doc, head.i, data) or _previous_source(doc, head, data)
        if found is not None:
            return _ref(doc, start, end, found.kind, f"anaphora:{fold(anaphor.text)}→{found.kind_rule}")

    if key in ("media_heads", "government_heads", "organization_heads", "body_heads"):
        # "l'association Aides-Soignants de France", "the research firm KELTA", "His team,
        # Vortex-Alpine,": the name itself.
        named = _name_beside(doc, head, hi, lex) or _name_after_comma(doc, end, lex)
        if named is not None:
            kind, rule = named[2], named[3]
            if kind is None and key == "body_heads":
                kind, rule = _body_kind(doc, start, named[1], lex, words)
            elif kind is None:
                kind, rule = _KIND_OF_HEAD[key], f"{_KIND_OF_HEAD[key]}-head+name:{words}"
            return _ref(doc, named[0], named[1], kind, rule)

    if key == "body_heads":
        kind, rule = _body_kind(doc, start, end, lex, words)
        if kind != "government" and (quantifier or plural):
            # "aid agencies", "des agences": bodies nobody names.
            return _ref(doc, start, end, "anonymous", f"unnamed-group:{words}")
        if kind != "government" and _determiner(head) is not None:
            # "l'agence", "the agency": the body named before.
            found = resolve_reference(doc, head.i, data)
            if found is not None:
                return found
        return _ref(doc, start, end, kind, rule)

    if key in ("anonymous_heads", "member_heads") and (fold(head.lemma_) in lex.member_heads
                                                       or word in lex.member_heads) and depth < 3:
        body = _body_spoken_for(doc, head, hi, lex) or _institution_named(doc, head, hi, lex)
        if body is not None:
            return _ref(doc, start, end, body[0], f"member-of:{words}+{body[1]}")

    if key == "media_heads":
        return _ref(doc, start, end, "media", f"media-head:{words}")
    if key == "government_heads":
        if quantifier and not _named_state(head, lex):
            return _ref(doc, start, end, "anonymous", f"anonymous-determiner:{quantifier}")
        return _ref(doc, start, end, "government", f"government-head:{words}")
    if key in ("official_heads", "person_heads", "anonymous_heads", "member_heads", None):
        # "le juge Amit Mehta", "his lawyer, Mark Roe,": the person named beside the role.
        name = _person_name_near(doc, head, hi, lex) or _name_in_apposition(doc, end, lex)
        if name is not None:
            a, b = _person_span(doc, name.start, name.end, lex)
            return _ref(doc, a, b, "person", f"ner:{name.label_}")
    if key == "official_heads":
        body = _body_spoken_for(doc, head, hi, lex)
        if body is not None:
            return _ref(doc, start, end, body[0], f"speaks-for:{words}+{body[1]}")
        state = _named_state(head, lex)
        if state:
            return _ref(doc, start, end, "government", f"official-of-state:{words}+{state}")
        return _ref(doc, start, end, "anonymous", f"unnamed-official:{words}")
    if key == "person_heads":
        if plural:
            return _ref(doc, start, end, "anonymous", f"unnamed-group:{words}")
        return _ref(doc, start, end, "person", f"role-noun:{words}")
    if key == "organization_heads":
        if quantifier:
            return _ref(doc, start, end, "anonymous", f"anonymous-determiner:{quantifier}")
        return _ref(doc, start, end, "organization", f"organization-head:{words}")
    if key in ("anonymous_heads", "member_heads"):
        if quantifier:
            return _ref(doc, start, end, "anonymous", f"anonymous-determiner:{quantifier}")
        return _ref(doc, start, end, "anonymous", f"anonymous-head:{words}")

    if head.pos_ in ("PRON", "DET", "NUM"):
        return _ref(doc, start, end, "anonymous", f"indefinite-pronoun:{word}")
    if head.pos_ not in ("NOUN", "PROPN"):
        # No noun at all: the cue itself ("reportedly", "it is said") stands for the source.
        return _ref(doc, lo, hi, "anonymous", f"hearsay:{fold(doc[lo:hi].text)}")
    if quantifier or plural:
        return _ref(doc, start, end, "anonymous", f"unnamed-group:{fold(head.lemma_)}")
    return _ref(doc, start, end, "anonymous", f"unnamed:{fold(head.lemma_)}")


# --------------------------------------------------------------------------------------
# Resolving


_KIND_OF_HEAD = {"media_heads": "media", "government_heads": "government", "official_heads": "government",
                 "organization_heads": "organization", "body_heads": "organization", "person_heads": "person",
                 "document_heads": "document", "anonymous_heads": "anonymous", "member_heads": "anonymous"}

# How far back (in sentences) a personal pronoun looks for a person before any named source.
_PRONOUN_SENTENCES = 3


def _mention_ref(doc: Doc, mention: _Mention, how: str) -> SourceRef:
    start, end = mention.start, mention.end
    if mention.kind == "person":
        lex_start = start
        start, end = start, end
        while start < end - 1 and doc[start].pos_ in ("DET", "ADP"):
            start += 1
        start = lex_start if start == end else start
    span = doc[start:end]
    return SourceRef(span.text, span.start_char, span.end_char, mention.kind, f"{how}→{mention.rule}")


def _compatible(token: Token, mention: _Mention) -> bool:
    gender = _morph(token, "Gender")
    if gender and mention.gender and gender != mention.gender:
        return False
    plural = _morph(token, "Number") == "Plur"
    return plural == mention.plural or (plural and mention.kind != "person")


def _sentence_index(doc: Doc, token_i: int) -> int:
    return doc[token_i].sent.start if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else 0


def _pronoun_antecedent(token: Token, earlier: list[_Mention], lex: _Lexicon) -> _Mention | None:
    candidates = [m for m in reversed(earlier) if _compatible(token, m)]
    if fold(token.text) in lex.person_pronouns:
        candidates = [m for m in candidates if m.kind == "person"]
    if not candidates:
        return None
    # A personal pronoun in a news story most often stands for the last person quoted.
    doc = token.doc
    if doc.has_annotation("DEP") and "Dem" not in token.morph.get("PronType"):
        sentences = list(doc.sents)
        here = next(k for k, s in enumerate(sentences) if s.start <= token.i < s.end)
        window_start = sentences[max(0, here - _PRONOUN_SENTENCES + 1)].start
        for mention in candidates:
            if mention.kind == "person" and mention.start >= window_start:
                return mention
    return candidates[0]


def _same_surname(doc: Doc, token: Token, earlier: list[_Mention], lex: _Lexicon) -> _Mention | None:
    """"Mme Ancel" or "Schuchat" after "Nathalie Ancel" / "Anne Schuchat"."""
    start, end = token.i, token.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    surname = fold(doc[end - 1].text)
    words = end - start - (1 if _title_gender(doc[start], lex) else 0)
    for mention in reversed(earlier):
        if mention.kind == "person" and mention.end - mention.start > words and \
                fold(doc[mention.end - 1].text) == surname:
            return mention
    return None


def _description_kind(doc: Doc, token: Token, lex: _Lexicon) -> tuple[str | None, str]:
    key, words = _head_class(doc, token, lex)
    return _KIND_OF_HEAD.get(key or ""), words


def _earlier_same_noun(doc: Doc, token: Token, lex: _Lexicon) -> SourceRef | None:
    """"the source" → the source introduced earlier ("one well-placed source at Tory HQ")."""
    lemma = fold(token.lemma_)
    for earlier in reversed(doc[:token.i]):
        if earlier.pos_ == "NOUN" and fold(earlier.lemma_) == lemma:
            sent = earlier.sent
            start, end = _phrase(doc, earlier, sent.start, sent.end)
            return _ref(doc, start, end, "anonymous", f"same-noun:{lemma}")
    return None


def _previous_source(doc: Doc, head: Token, data: LangData) -> SourceRef | None:
    """The nearest earlier source of the same number, named or described ("les mêmes sources"
    → "les médias"): used for phrases that say they point back."""
    lex = lexicon(data)
    plural = "Plur" in head.morph.get("Number")
    for token in reversed(doc[:head.i]):
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "flat", "flat:name"):
            continue
        if ("Plur" in token.morph.get("Number")) != plural:
            continue
        kind, words = _description_kind(doc, token, lex)
        named = _lexicon_name_at(doc, token, lex) or _entity_of(token)
        if kind in (None, "document", "person") and named is None:
            continue
        sent = token.sent
        ref = _describe(doc, token, *_trim(doc, *_phrase(doc, token, sent.start, sent.end)), data, lex, depth=3)
        if ref.kind != "anonymous" or kind == "anonymous":
            return ref
    return None
