"""Lexicon fallback: an `Analysis` for languages that have no spaCy pipeline.

Without a parser, selon still finds what a ledger needs to trace a figure: the figures
(numerals, number words, bounds), the sources named after cue words ("secondo", "laut",
"по данным"), hedge words, and names by capitalisation. Everything comes from the
`[fallback]` table of the language's data file; the result says `parser = "lexicon"` and each
claim's `certainty_rule` starts with `lexicon_`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import langdata
from .analyze import assemble, check_article, parse_published
from .errors import SelonError
from .fallback_numbers import WORD, NumberLexicon, find_quantities, phrase_regex
from .model import Analysis, Article, ChainLink, Claim, Entity, Hedge, Part
from .sentences import sentence_spans

# Punctuation that closes the stretch after a cue; a full stop or comma inside a figure does not.
_CLAUSE_END = re.compile(r"[,;:.!?…](?=\s|$)|[\n()]")
_OPENING_QUOTES = "«“„\""
_CLOSING_QUOTES = "»”\""
_LEVEL_RANK = {"unknown": 0, "possible": 1, "probable": 2}
# Beyond this many words between a cue and the next comma, the source is the run of name-like
# words after the cue, not the whole stretch.
_SHORT_SOURCE_WORDS = 6


@dataclass(frozen=True)
class Lexicon:
    code: str
    numbers: NumberLexicon
    function_words: frozenset[str]
    source_cues: re.Pattern | None
    after_cues: re.Pattern | None
    before_cues: re.Pattern | None
    complementizers: frozenset[str]
    hedges: tuple[tuple[str, re.Pattern | None], ...]
    kind_stems: tuple[tuple[str, tuple[str, ...]], ...]
    media_outlets: re.Pattern | None
    name_particles: frozenset[str]
    nouns_capitalized: bool
    determiners: frozenset[str]
    adjective_endings: tuple[str, ...]
    common_noun_endings: tuple[str, ...]
    cue_words: frozenset[str]


@lru_cache(maxsize=None)
def lexicon(code: str) -> Lexicon:
    """The compiled `[fallback]` table of a language (compiled once per process)."""
    data = langdata.load(code)
    fb = data.section("fallback")
    if not fb:
        raise SelonError(code, "no lexicon fallback for this language (its data file has no [fallback] table)")
    low = lambda key: [w.lower() for w in fb.get(key, [])]  # noqa: E731
    cue_words = set()
    for key in ("source_cues", "after_cues", "source_before_cues", "hedges_probable",
                "hedges_possible", "hedges_unknown"):
        for phrase in low(key):
            cue_words.update(phrase.split())
    return Lexicon(
        code=code,
        numbers=NumberLexicon.from_data(data),
        function_words=data.function_words,
        source_cues=phrase_regex(low("source_cues")),
        after_cues=phrase_regex(low("after_cues")),
        before_cues=phrase_regex(low("source_before_cues")),
        complementizers=frozenset(low("complementizers")),
        hedges=tuple((level, phrase_regex(low(f"hedges_{level}"))) for level in ("unknown", "possible", "probable")),
        kind_stems=tuple((kind, tuple(low(f"{kind}_stems")))
                         for kind in ("anonymous", "government", "media", "document", "organization")),
        media_outlets=phrase_regex(fb.get("media_outlets", [])),
        name_particles=frozenset(low("name_particles")),
        nouns_capitalized=bool(fb.get("nouns_capitalized", False)),
        determiners=frozenset(low("determiners")),
        adjective_endings=tuple(low("adjective_endings")),
        common_noun_endings=tuple(low("common_noun_endings")),
        cue_words=frozenset(cue_words),
    )


# ---- words ------------------------------------------------------------------------------------

def _is_name_word(word: str) -> bool:
    """Capitalised ("Volgograd"), all caps ("NATO") or inner capitals ("iStories")."""
    return word[:1].isupper() or any(c.isupper() for c in word[1:])


def _stem_kind(words: list[str], lex: Lexicon) -> str | None:
    joined = " ".join(w.lower() for w in words)
    for kind, stems in lex.kind_stems:
        for stem in stems:
            if " " in stem:
                if stem in joined:
                    return kind
            elif any(w.lower().startswith(stem) for w in words):
                return kind
    return None


def source_kind(name: str, lex: Lexicon) -> tuple[str, str]:
    """Kind of a source and the rule that chose it, from the lexicon and capitalisation."""
    words = WORD.findall(name)
    if lex.media_outlets is not None and lex.media_outlets.search(name):
        return "media", "lexicon_known_outlet"
    first = [w for w in words if w.lower() not in lex.function_words][:1]
    if first and _stem_kind(first, lex) == "anonymous":
        return "anonymous", "lexicon_anonymous_word"
    kind = _stem_kind(words, lex)
    if kind and kind != "anonymous":
        return kind, f"lexicon_{kind}_word"
    names = [w for w in words if _is_name_word(w)]
    if 2 <= len(names) <= 3 and len(names) == len(words):
        return "person", "lexicon_capitalised_name"
    if kind == "anonymous":
        return "anonymous", "lexicon_anonymous_word"
    return "organization", "lexicon_default"


# ---- sources --------------------------------------------------------------------------------

def _words_in(text: str, start: int, end: int) -> list[re.Match]:
    return list(WORD.finditer(text, start, end))


def _source_after(text: str, pos: int, limit: int, lex: Lexicon) -> tuple[int, int] | None:
    """Span of the source that follows a cue ending at `pos`, within the sentence end `limit`."""
    clause = _CLAUSE_END.search(text, pos, limit)
    clause_end = clause.start() if clause else limit
    words = _words_in(text, pos, clause_end)
    while words and words[0].group().lower() in lex.function_words | lex.determiners:
        words.pop(0)
    if not words:
        return None
    # "Secondo fonti ucraine, …": a short stretch closed by a comma is the source whole.
    if len(words) <= _SHORT_SOURCE_WORDS and clause is not None and clause.group() in ",:" \
            and not any(ch.isdigit() for ch in text[pos:clause_end]):
        run = words
    else:
        run = []
        for i, w in enumerate(words):
            word = w.group()
            nxt = words[i + 1].group() if i + 1 < len(words) else ""
            if _is_name_word(word) or _stem_kind([word], lex):
                run.append(w)
            elif run and word.lower() in lex.name_particles and _is_name_word(nxt):
                run.append(w)
            elif not run and word.lower() not in lex.function_words and _is_name_word(nxt):
                run.append(w)  # an adjective before the name ("dem russischen Ministerium")
            else:
                break
    if not run or not any(_is_name_word(w.group()) or _stem_kind([w.group()], lex) for w in run):
        return None
    end = run[-1].end()
    # A title in quotes ("издания «Важные истории»") keeps its closing quote.
    if text[end:end + 1] in _CLOSING_QUOTES and text.count(text[end], run[0].start(), end) < \
            sum(text.count(q, run[0].start(), end) for q in _OPENING_QUOTES):
        end += 1
    return run[0].start(), end


def _source_before(text: str, pos: int, floor: int, lex: Lexicon) -> tuple[int, int] | None:
    """Span of the source just before a cue starting at `pos` ("Newsweek zufolge")."""
    run: list[re.Match] = []
    for w in reversed(_words_in(text, floor, pos)):
        if text[w.end():pos if not run else run[-1].start()].strip(" "):
            break  # punctuation between: another clause
        word, lower = w.group(), w.group().lower()
        if lower in lex.function_words or lower in lex.determiners:
            if run and lower in lex.name_particles:
                run.append(w)
                continue
            break
        if _is_name_word(word) or _stem_kind([word], lex):
            run.append(w)
        elif not run:
            run.append(w)  # an adjective after the name ("il ministero ucraino ha detto"), kept if a name precedes
        else:
            break
    while run and (run[-1].group().lower() in lex.name_particles or not
                   (_is_name_word(run[-1].group()) or _stem_kind([run[-1].group()], lex))):
        run.pop()
    if not run:
        return None
    return run[-1].start(), run[0].end()


@dataclass
class _Attribution:
    source: tuple[int, int]
    cue: tuple[int, int]
    region: tuple[int, int]  # source + cue: what the claim's content leaves out
    content_after: bool  # the content follows the region (else it precedes it)
    rule: str


def find_attributions(text: str, sent: tuple[int, int], lex: Lexicon) -> list[_Attribution]:
    s, e = sent
    found: list[_Attribution] = []
    if lex.source_cues is not None:
        for m in lex.source_cues.finditer(text, s, e):
            src = _source_after(text, m.end(), e, lex)
            if src:
                found.append(_Attribution(src, m.span(), (m.start(), src[1]), True, "lexicon_cue_source"))
    if lex.before_cues is not None:
        for m in lex.before_cues.finditer(text, s, e):
            src = _source_before(text, m.start(), s, lex)
            if src:
                found.append(_Attribution(src, m.span(), (src[0], m.end()), True, "lexicon_source_cue"))
    if lex.after_cues is not None:
        for m in lex.after_cues.finditer(text, s, e):
            before = text[s:m.start()].rstrip()
            if before.endswith(","):  # "…, riferisce l'ANSA."
                src = _source_after(text, m.end(), e, lex)
                if src:
                    found.append(_Attribution(src, m.span(), (s + len(before) - 1, src[1]), False,
                                              "lexicon_content_cue_source"))
                continue
            src = _source_before(text, m.start(), s, lex)  # "Putin ha detto che …"
            if src:
                found.append(_Attribution(src, m.span(), (src[0], m.end()), True, "lexicon_source_verb"))
    found.sort(key=lambda a: a.cue[0])
    # A cue inside another attribution's source ("как сообщает издание") is not a second one.
    kept: list[_Attribution] = []
    for att in found:
        if any(k.region[0] <= att.cue[0] < k.region[1] for k in kept):
            continue
        kept.append(att)
    return kept


def _content_span(text: str, sent: tuple[int, int], atts: list[_Attribution], lex: Lexicon) -> tuple[int, int]:
    s, e = sent
    if atts:
        first, last = atts[0], atts[-1]
        lead = [w.group().lower() for w in _words_in(text, s, first.region[0])]
        at_start = all(w in lex.function_words or w in lex.determiners for w in lead)
        if last.content_after and at_start:
            s = max(a.region[1] for a in atts)
        elif not last.content_after:
            e = min(last.region[0], e)
        elif first.region[0] - s < e - last.region[1]:
            s = last.region[1]  # region in the middle: keep the longer side
        else:
            e = first.region[0]
    s = _skip(text, s, e, lex)
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".!?…,;:—–-\"»”"):
        e -= 1
    return s, e


def _skip(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Past punctuation and a leading complementizer ("che", "что") at the start of content."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–-" or text[s] in _CLOSING_QUOTES):
        s += 1
    m = WORD.match(text, s, e)
    if m and m.group().lower() in lex.complementizers:
        s = m.end()
        while s < e and text[s].isspace():
            s += 1
    return s


# ---- hedges ---------------------------------------------------------------------------------

def find_hedges(text: str, start: int, end: int, part: Part, lex: Lexicon) -> list[Hedge]:
    hedges = []
    for level, regex in lex.hedges:
        if regex is None:
            continue
        for m in regex.finditer(text, start, end):
            if not any(h.start <= m.start() < h.end for h in hedges):
                hedges.append(Hedge(text=m.group(), start=m.start(), end=m.end(), part=part, level=level,
                                    rule=f"lexicon_hedge_{level}"))
    return sorted(hedges, key=lambda h: h.start)


# ---- entities -------------------------------------------------------------------------------

def find_entities(text: str, part: Part, lex: Lexicon) -> list[Entity]:
    """Names by capitalisation: runs of name-like words, with particles inside.

    A capitalised word that opens a sentence counts only when the same word appears capitalised
    inside a sentence elsewhere (or is an acronym); where every noun is capitalised
    (German), a word after a determiner, an adjective or a figure is a common noun.
    """
    starts = {s for s, _ in sentence_spans(text, lex.numbers.ordinal_dot)}
    outlets = [m.span() for m in lex.media_outlets.finditer(text)] if lex.media_outlets is not None else []
    entities = [Entity(text=text[s:e], label="ORG", start=s, end=e, part=part) for s, e in outlets]
    words = [w for w in WORD.finditer(text) if not any(w.start() < e and s < w.end() for s, e in outlets)]
    mid_names = {w.group() for w in words if w.start() not in starts and _is_name_word(w.group())}
    run: list[re.Match] = []

    def close() -> None:
        while run and run[-1].group().lower() in lex.name_particles:
            run.pop()
        if run:
            s, e = run[0].start(), run[-1].end()
            kind, rule = source_kind(text[s:e], lex)
            label = "ORG" if kind in {"media", "government", "organization"} and rule != "lexicon_default" else "MISC"
            entities.append(Entity(text=text[s:e], label=label, start=s, end=e, part=part))
        run.clear()

    for i, w in enumerate(words):
        word = w.group()
        gap = text[run[-1].end():w.start()] if run else ""
        if run and gap not in (" ", "\u00a0"):
            close()
        if _is_name_word(word) and _name_here(text, words, i, starts, mid_names, lex):
            run.append(w)
        elif run and word.lower() in lex.name_particles:
            run.append(w)
        else:
            close()
    close()
    return sorted(entities, key=lambda ent: ent.start)


def _name_here(text: str, words: list[re.Match], i: int, starts: set[int], mid_names: set[str],
               lex: Lexicon) -> bool:
    word = words[i].group()
    lower = word.lower()
    if len(word) < 2 or lower in lex.function_words or lower in lex.cue_words:
        return False
    acronym = word.isupper() and len(word) >= 2
    at_start = words[i].start() in starts
    if at_start and not acronym and word not in mid_names:
        return False
    if lex.nouns_capitalized and not acronym:
        if lower.endswith(lex.common_noun_endings):
            return False
        prev = text[:words[i].start()].rstrip()
        prev_word = words[i - 1].group().lower() if i and words[i - 1].end() == len(prev) else ""
        if prev.rstrip(".")[-1:].isdigit():
            return False
        if prev_word and (prev_word in lex.determiners or
                          (not _is_name_word(words[i - 1].group()) and prev_word.endswith(lex.adjective_endings)
                           and prev_word not in lex.function_words)):
            return False
    return True


# ---- claims ---------------------------------------------------------------------------------

def _claims_of(text: str, part: Part, lex: Lexicon) -> tuple[list[Claim], list[Entity]]:
    quantities = find_quantities(text, part, lex.numbers)
    claims: list[Claim] = []
    for sent in sentence_spans(text, lex.numbers.ordinal_dot):
        atts = find_attributions(text, sent, lex)
        hedges = find_hedges(text, sent[0], sent[1], part, lex)
        sent_quantities = [q for q in quantities if sent[0] <= q.start and q.end <= sent[1]]
        if not (atts or hedges or sent_quantities):
            continue
        s, e = _content_span(text, sent, atts, lex)
        if e <= s:
            continue
        chain = []
        for att in atts:
            name = text[att.source[0]:att.source[1]]
            kind, kind_rule = source_kind(name, lex)
            chain.append(ChainLink(source=name, kind=kind, cue=text[att.cue[0]:att.cue[1]],
                                   start=att.source[0], end=att.source[1], cue_start=att.cue[0],
                                   cue_end=att.cue[1], rule=att.rule, kind_rule=kind_rule))
        inside = [q for q in sent_quantities if s <= q.start and q.end <= e]
        lowest = min(hedges, key=lambda h: _LEVEL_RANK[h.level]) if hedges else None
        claims.append(Claim(
            id=f"{'t' if part == 'title' else 'c'}{len(claims)}", part=part, text=text[s:e], start=s, end=e,
            chain=chain, certainty=lowest.level if lowest else "certain",
            hedges=[h.text for h in hedges], hedge_spans=hedges,
            certainty_rule=lowest.rule if lowest else "lexicon_indicative",
            quantities=inside,
        ))
    return claims, find_entities(text, part, lex)


def analyze_fallback(article: Article, lang: str, name: str = "input") -> Analysis:
    """The lexicon analysis of one article in language `lang`. Pure."""
    check_article(article, name)
    lex = lexicon(lang)
    published = parse_published(article.published)
    title_claims, title_entities = _claims_of(article.title, "title", lex) if article.title else ([], [])
    body_claims, body_entities = _claims_of(article.text, "body", lex)
    return assemble(article, lang, published, title_claims + body_claims, None,
                    title_entities + body_entities, [], parser="lexicon")


def fallback_languages() -> tuple[str, ...]:
    """Languages with a data file and no parser: the ones this module analyses."""
    return tuple(c for c in langdata.available() if not langdata.load(c).model and langdata.load(c).section("fallback"))


__all__ = ["Lexicon", "analyze_fallback", "fallback_languages", "find_attributions",
           "find_entities", "find_hedges", "lexicon", "source_kind"]
