"""Figures: numbers with their qualifiers, bounds and counted noun.

A figure is found in three steps, all driven by the `[quantities]` table of the language:

1. *Cores*: numbers written with digits ("1 000", "25,6", "$50.4", "375ME"), spelled-out
   numbers ("trois", "deux millions", parsed by text2num), fractions ("a third"), an
   article after a qualifier ("nearly a year"), approximate counts ("une dizaine") and
   multiples after a qualifier ("nearly double").
2. *Rejections*: what looks like a number but is not a figure — ordinals and names glued
   to letters ("20ᵉ", "EPR2", "COVID-19"), clock times ("15 h", "10:30"), days and years
   of dates ("15 mars", "février 2022", "in 2017", see `year_range`), labels after a noun
   ("Ligue 1", "choix 1, 2 et 4", "n° 5"), and decimals written with the other language's
   mark ("49.3" in French) unless a scale word, currency or % follows.
3. *Extension*: the qualifier before ("plus de" → low), else a verb that bounds the figure
   ("could exceed 186,000" → low, "fell short of 50 %" → high, turned over by a negation
   just before it: "ne devrait pas dépasser 3 %" → high), the currency before or after, the
   scale word ("million") or scale letter ("186K", "2bn"), the unit word ("%", "euros") or
   else the counted noun found with the parse ("six nouveaux réacteurs" → "réacteur",
   "25,6 millions de foyers" → "foyer"), a qualifier after ("65 ans et plus", "186K or more
   fatalities", with the noun after it). A low bound after a figure lifts a ceiling set
   before it: "up to 186,000 or even more deaths" is low 186,000 and no high, the later
   words correcting the earlier ones (as "upwards of" is low in the gold guide).
4. *Joining*: "entre A et B" is one range; so is "A à B", "A to B", "A-B" with no opener
   when A is the smaller, bears no unit of its own (or the same) and B has one ("7 à 9 %",
   "30-40 startups"), except a change: "de"/"from" before A and a change word a few words
   before it ("passe de 62 à 64 ans", "le report de 62 à 64 ans", "rose from 9 to 12 %")
   are two values, A taking the unit of B, as the gold guide says. A dashed pair that is no
   range ("2-1", "a 0-3 defeat", "pages 12-15") is a score or label: no figure.
   "289 voix contre 250" gives 250 the unit of 289, "14 des 32 hôpitaux" gives 14 the unit
   of its group.

Grouping rule for dots and commas: the language's decimal mark is a decimal; a group
separator (which may be the other mark) groups thousands only before exactly three digits
("1.010" = 1010 in French, "1,000" = 1000 in English); the other mark followed by one, two
or four+ digits is read as a decimal only when a scale word, currency or % makes it a
figure ("1.5 milliard" quoted the English way), otherwise it is a reference ("le 49.3").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from typing import Optional

from spacy.attrs import IDX
from spacy.language import Language
from text_to_num import text2num
from spacy.tokens import Doc, Token

from .pipeline import doc_text
from . import langdata
from .model import Number, Quantity

if not Doc.has_extension("selon_quantities"):
    Doc.set_extension("selon_quantities", default=None)

# How far (in characters) a qualifier may sit before its figure, and in tokens how far the
# counted noun may sit after it ("10 planned offshore wind projects").
_QUALIFIER_WINDOW = 40
_NOUN_WINDOW = 6
_PARTITIVE_WINDOW = 9
# Words allowed between "of"/"des" and the group's noun ("of President Biden's 2030 goals").
_GROUP_WORDS = frozenset({"DET", "PRON", "PROPN", "PART", "NUM", "ADJ", "ADV", "SYM"})
_PARTITIVE_GAP = 8  # characters between "of" and the group's figure ("of the")
# How many words before "de"/"from" a change word may sit ("le report de l'âge légal de 62 à 64 ans").
_CHANGE_WINDOW = 6


# ---------------------------------------------------------------------------------------
# Compiled language rules


def _phrase(p: str) -> str:
    """A phrase of the data file as a regex: apostrophes match ' and ’, spaces any blank."""
    out = []
    for ch in p:
        if ch in "'’":
            out.append("['’]")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternation(phrases, case_sensitive: bool = False) -> str:
    """Longest first, so that "au moins" wins over "moins"."""
    alts = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not alts:
        return r"(?!x)x"  # matches nothing
    body = "|".join(_phrase(p) for p in alts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _key(phrase: str) -> str:
    """Lookup key of a matched phrase: lower case, one space, straight apostrophes."""
    return _BLANKS.sub(" ", phrase.replace("’", "'")).strip().lower()


_BLANKS = re.compile(r"\s+")


# ---------------------------------------------------------------------------------------
# Where matches may begin
#
# The finders' regexes each begin with a digit or a word of a known class, after a non-word
# character (their lookbehinds say so). Rather than let each regex try at every character of
# the text, one pass (`_openings`) finds where digits and the words of every class begin, and
# each regex is tried only there (`_matches`): the same matches, several times faster.


def _tree(phrases, case_sensitive: bool = False) -> str:
    """A regex that matches at a place when `_alternation(phrases, case_sensitive)` does (not
    always the same phrase: it only says whether one begins there), the common beginnings
    shared: "ce", "cet", "cette" → "ce(?:t(?:te)?)?"."""
    root: dict = {}
    for phrase in filter(None, phrases):
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def branch(node: dict) -> str:
        alts = [_phrase(ch) + branch(rest) for ch, rest in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else f"(?:{'|'.join(alts)})"
        return f"{body}?" if "" in node else body

    tree = branch(root) or r"(?!x)x"
    return f"(?-i:{tree})" if case_sensitive else tree


def _opening(classes: dict[str, tuple[list[str], bool]]) -> re.Pattern:
    """A match of the non-word character before each place where a digit or a word of some
    class begins, with the group of each class that begins there set (`digit`, then one group
    per class; a word may open several). `classes`: name -> (words, case sensitive).

    The words are written as trees, so that at each place the engine reads each first letter
    once, not once per word; all of them together make a quick first test (`_quick_tree`)."""
    every_word = [w for words, _ in classes.values() for w in words]
    groups = "".join(f"(?:(?=(?P<{name}>{_tree(words, cs)}))|)" for name, (words, cs) in classes.items())
    return re.compile(rf"\W(?=\d|{_quick_tree(every_word)})"
                      rf"(?:(?=(?P<digit>\d))|){groups}", re.I)


def _quick_tree(phrases) -> str:
    """A case-insensitive regex that matches at a place when `_tree(phrases)` does, quicker
    to fail there.

    At each branch of an alternation the engine tests a case-sensitive first literal before
    entering the branch, but enters every branch that begins with a case-insensitive letter.
    So a phrase beginning with an ASCII letter is tried behind that letter in lower case
    (case-sensitive), and, for every other character that may match it case-insensitively
    (upper case, or outside ASCII: the Kelvin sign matches "k"), behind one shared branch
    that checks the letter again case-insensitively (a lookbehind)."""
    by_first: dict[str, list[str]] = {}
    for phrase in filter(None, phrases):
        by_first.setdefault(phrase[0].lower() if phrase[0].isascii() else phrase[0], []).append(phrase[1:])
    lower, other, plain = [], [], []
    for first, rests in by_first.items():
        longer = [r for r in rests if r]  # what follows the first letter in the longer phrases
        rest = _tree(longer) if longer else ""
        if longer and len(longer) < len(rests):  # the letter alone is a phrase too
            rest = f"(?:{rest})?"
        if first.isascii() and first.isalpha():
            lower.append(f"(?-i:{first}){rest}")
            other.append(f"(?<={first}){rest}")
        else:
            plain.append(_phrase(first) + rest)
    if other:
        plain.append(f"(?-i:[A-Z\\x80-\\U0010ffff])(?:{'|'.join(other)})")
    return f"(?:{'|'.join(lower + plain)})" if lower or plain else r"(?!x)x"


def _openings(text: str, opening: re.Pattern) -> dict[str, list[int]]:
    """Where digits and the words of each class of `opening` begin, in text order."""
    names = sorted(opening.groupindex, key=opening.groupindex.get)
    at: dict[str, list[int]] = {name: [] for name in names}
    # The regex reads the non-word character before the place (a blank stands for the start of
    # the text): the engine skips quickly to a regex's first character when it is a class.
    for m in opening.finditer(" " + text):
        start = m.end() - 1
        for name, word in zip(names, m.groups()):
            if word is not None:
                at[name].append(start)
    return at


def _starts(at: dict[str, list[int]], classes: tuple[str, ...]) -> list[int]:
    """Where a regex beginning with one of `classes` may match, in text order."""
    found = [at[c] for c in classes if at[c]]
    if len(found) <= 1:
        return found[0] if found else []
    return sorted(set().union(*found))


def _search_at(regex: re.Pattern, text: str, start: int, end: int, starts: list[int]) -> re.Match | None:
    """`regex.search(text, start, end)` when no match can begin outside `starts` (in text order)."""
    for i in range(bisect_left(starts, start), len(starts)):
        if starts[i] > end:
            break
        m = regex.match(text, starts[i], end)
        if m:
            return m
    return None


def _matches(regex: re.Pattern, text: str, starts: list[int]):
    """The matches of `regex.finditer(text)` when none can begin outside `starts` (in text
    order) and none is empty: tried only there."""
    end = 0
    for start in starts:
        if start >= end:
            m = regex.match(text, start)
            if m:
                yield m
                end = m.end()


@dataclass(frozen=True)
class Rules:
    """The `[quantities]` table of a language, compiled once."""

    decimal: str
    foreign_decimal: str
    foreign_group: re.Pattern  # the other mark before exactly three digits
    groups: str
    text2num: Optional[str]
    number_words: dict
    joiners: tuple
    multipliers: dict
    compact: dict
    vague: frozenset
    articles: frozenset
    article_units: frozenset  # what "a"/"un" can count after a qualifier: "nearly a year", not "close to a deal"
    fractions: dict
    approximate_numbers: dict
    multiples: dict
    currencies: dict
    currency_letters: dict
    unit_words: dict
    year_range: tuple
    qualifier_kind: dict  # phrase key -> "low" | "high" | "approximate"
    after_kind: dict
    # regexes
    digits: re.Pattern
    words: re.Pattern
    fraction_re: re.Pattern
    article_re: re.Pattern
    approx_re: re.Pattern
    multiple_re: re.Pattern
    qualifier_before: re.Pattern
    qualifier_after: re.Pattern
    currency_before: re.Pattern
    currency_after: re.Pattern
    scale_after: re.Pattern
    compact_after: re.Pattern
    unit_after: re.Pattern
    unit_link: re.Pattern
    partitive_link: re.Pattern
    shared_link: re.Pattern
    compared_link: re.Pattern
    list_link: re.Pattern
    clock_after: re.Pattern
    reference_before: re.Pattern
    month_after: re.Pattern
    month_before: re.Pattern
    weekday_before: re.Pattern
    day_range_month: re.Pattern
    range_open: re.Pattern
    range_joins: dict  # opener key -> compiled joiner regex
    compact_standalone: re.Pattern
    range_link: re.Pattern
    change_open: re.Pattern
    change_words: frozenset
    negations: frozenset
    score_words: frozenset
    bound_verbs: tuple  # ((first word lemma, *rest), kind, needs a threshold), longest first
    verb_bridge: re.Pattern
    threshold_before: re.Pattern
    opening: re.Pattern  # where the core regexes may match (see `_openings`)


@lru_cache(maxsize=None)
def _rules_for(code: str, table: str) -> Rules:
    return compile_rules(langdata.load(code), table)


def rules(data: langdata.LangData, table: str = "quantities") -> Rules:
    """Compiled rules of a language: cached for the shipped data files, compiled otherwise."""
    if data.code in langdata.available() and data is langdata.load(data.code):
        return _rules_for(data.code, table)
    return compile_rules(data, table)


def compile_rules(data: langdata.LangData, table: str = "quantities") -> Rules:
    q = data.section(table)
    t = data.section("times")
    decimal = (q.get("decimal_separators") or ["."])[0]
    foreign = "," if decimal == "." else "."
    groups = "".join(q.get("group_separators", []))
    g = re.escape(groups) if groups else ""
    d, f = re.escape(decimal), re.escape(foreign)
    grouped = rf"\d{{1,3}}(?:[{g}]\d{{3}})+(?!\d)(?:{d}\d+)?" if g else r"(?!x)x"
    digits = re.compile(rf"(?<![\w])(?<!\d[.,])(?:{grouped}|\d+{d}\d+|\d+{f}\d+|\d+)(?![\d])")

    number_words = {_key(k): v for k, v in q.get("number_words", {}).items()}
    multipliers = {_key(k): v for k, v in q.get("multipliers", {}).items()}
    articles = frozenset(_key(a) for a in q.get("article_numbers", []))
    joiners = tuple(q.get("number_joiners", []))
    word = _alternation(set(number_words) | set(multipliers))
    scale_words = _alternation(set(multipliers) | {w for w, v in number_words.items() if v in (100, 1000)})
    join = _alternation(joiners)
    words = re.compile(
        rf"(?<![\w'’-])(?:{_alternation(articles)}\s+(?={scale_words}(?!\w)))?{word}"
        rf"(?:(?:\s*-\s*|\s+{join}\s+|-{join}-|\s+)(?:{word}))*(?![\w-])", re.I)

    qualifiers = q.get("qualifiers", {})
    kind: dict[str, str] = {}
    for k in ("low", "high", "approximate"):
        for p in qualifiers.get(k, []):
            kind[_key(p)] = k
    after: dict[str, str] = {}
    for k in ("low", "high", "approximate"):
        for p in qualifiers.get(f"{k}_after", []):
            after[_key(p)] = k

    currencies = dict(q.get("currency_symbols", {}))
    letters = dict(q.get("currency_letters", {}))
    compact = dict(q.get("compact_multipliers", {}))
    unit_words = {_key(k): v for k, v in q.get("unit_words", {}).items()}
    months = list(t.get("months", {}))
    weekdays = list(t.get("weekdays", {}))
    day_suffix = _alternation(t.get("day_suffixes", []))
    month_alt = _alternation(months)
    range_words = tuple((o, c) for o, c in q.get("range_words", []))
    verbs = []
    for k, needs_threshold in (("low_verbs", False), ("high_verbs", False), ("threshold_verbs", True)):
        for v in qualifiers.get(k, []):
            verbs.append((tuple(_key(v).split()), "high" if k == "high_verbs" else "low", needs_threshold))
    verbs.sort(key=lambda v: len(v[0]), reverse=True)
    # The words the core regexes may begin with, besides digits (`digits`): `words` begins with
    # a number word or an article, `approx_re` with an article, `article_re` with a qualifier,
    # `fraction_re` and `multiple_re` with their own words. See `_cores`.
    openers = {
        "number": (list(number_words) + list(multipliers), False), "article": (list(articles), False),
        "fraction": (list(q.get("fractions", {})), False), "qualifier": (list(kind), False),
        "multiple": (list(q.get("multiples", {})), False),
    }

    return Rules(
        decimal=decimal, foreign_decimal=foreign, foreign_group=re.compile(rf"{f}\d{{3}}(?!\d)"),
        groups=groups, text2num=q.get("text2num"),
        number_words=number_words, joiners=joiners, multipliers=multipliers, compact=compact,
        vague=frozenset(_key(v) for v in q.get("vague_words", [])), articles=articles,
        article_units=frozenset(_key(v) for v in q.get("article_units", [])),
        fractions={_key(k): float(Fraction(v)) for k, v in q.get("fractions", {}).items()},
        approximate_numbers={_key(k): v for k, v in q.get("approximate_numbers", {}).items()},
        multiples={_key(k): v for k, v in q.get("multiples", {}).items()},
        currencies=currencies, currency_letters=letters, unit_words=unit_words,
        year_range=tuple(q.get("year_range", [1000, 2100])),
        qualifier_kind=kind, after_kind=after,
        digits=digits, words=words,
        fraction_re=re.compile(rf"(?<![\w'’-])({_alternation(q.get('fractions', {}))})(?![\w-])", re.I),
        article_re=re.compile(
            rf"(?<!\w)(?:{_alternation(kind)})(?:(?<=['’])|\s+)({_alternation(articles)})(?!\w)", re.I),
        approx_re=re.compile(
            rf"(?<![\w'’])(?:{_alternation(articles)})\s+({_alternation(q.get('approximate_numbers', {}))})(?!\w)",
            re.I),
        multiple_re=re.compile(rf"(?<![\w'’-])({_alternation(q.get('multiples', {}))})(?![\w-])", re.I),
        qualifier_before=re.compile(rf"(?<!\w)({_alternation(kind)})(?:(?<=['’])\s*|\s+)$", re.I),
        qualifier_after=re.compile(
            rf"\s*,?\s*(?!{_alternation(qualifiers.get('not_after', []))}(?!\w))({_alternation(after)})(?!\w)", re.I),
        currency_before=re.compile(rf"(?:(?<![\w$€£¥₽₴])({_alternation(currencies, True)}))\s?$"),
        currency_after=re.compile(rf"\s?({_alternation(currencies, True)})(?!\w)"),
        scale_after=re.compile(rf"\s?({_alternation(multipliers)})(?![\w])", re.I),
        compact_after=re.compile(
            rf" ?({_alternation(compact, True)})(?=({_alternation(list(currencies) + list(letters), True)})?(?!\w))"),
        unit_after=re.compile(rf"\s*({_alternation(unit_words)})(?!\w)", re.I),
        unit_link=re.compile(rf"\s+({_alternation(q.get('unit_links', []))})\s*", re.I),
        partitive_link=re.compile(rf"\s+({_alternation(q.get('partitive_links', []))})\s", re.I),
        shared_link=re.compile(rf"\s*({_alternation(q.get('shared_unit_links', []))})\s*", re.I),
        compared_link=re.compile(rf"\s*,?\s*({_alternation(q.get('compared_links', []))})\s*", re.I),
        list_link=re.compile(rf"\s*(?:,|&|{_alternation(joiners)})\s*", re.I),
        clock_after=re.compile(
            rf"\s?({_alternation(q.get('clock_suffixes', []), True)})(?:\d\d)?(?!\w)|:\d\d(?!\d)"),
        reference_before=re.compile(rf"(?<!\w)({_alternation(q.get('reference_words', []))})\s*$", re.I),
        month_after=re.compile(rf"(?:{day_suffix})?\s+{month_alt}(?!\w)", re.I),
        month_before=re.compile(rf"(?<!\w){month_alt}\s+$", re.I),
        weekday_before=re.compile(rf"(?<!\w){_alternation(weekdays)}\s+$", re.I),
        day_range_month=re.compile(
            rf"(?:{day_suffix})?\s*(?:{_alternation(t.get('day_range_links', []))})\s*"
            rf"\d{{1,2}}(?:{day_suffix})?\s+{month_alt}(?!\w)", re.I),
        range_open=re.compile(rf"(?<!\w)({_alternation([o for o, _ in range_words])})\s+$", re.I),
        range_joins={_key(o): re.compile(rf"\s+({_phrase(c)})\s+$", re.I) for o, c in range_words},
        compact_standalone=re.compile(rf"({_alternation(q.get('compact_standalone', []), True)})(?!\w)"),
        range_link=re.compile(rf"\s*({_alternation(q.get('range_links', []))})\s*", re.I),
        change_open=re.compile(rf"(?<!\w)({_alternation(q.get('change_openers', []))})(?:(?<=['’])\s*|\s+)$", re.I),
        change_words=frozenset(_key(w) for w in q.get("change_words", [])),
        negations=frozenset(_key(w) for w in q.get("negation_words", [])),
        score_words=frozenset(_key(w) for w in q.get("score_words", [])),
        bound_verbs=tuple(verbs),
        verb_bridge=re.compile(rf"(?<!\w)({_alternation(qualifiers.get('verb_bridges', []))})\s+$", re.I),
        threshold_before=re.compile(
            rf"(?<!\w)({_alternation(qualifiers.get('threshold_words', []))})(?:(?<=['’])\s*|\s+)$", re.I),
        opening=_opening(openers),
    )


# ---------------------------------------------------------------------------------------
# Numbers as written


def _as_number(value: Decimal | float) -> Number:
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) >= 1 else value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _digits_value(text: str, r: Rules) -> tuple[Decimal, bool] | None:
    """Decimal value of a digit string and whether it used the other language's decimal mark."""
    # The other mark groups thousands only when it is a group separator before three digits.
    foreign = r.foreign_decimal in text and (
        r.foreign_decimal not in r.groups
        or not r.foreign_group.search(text))
    if foreign:
        clean = text.replace(r.foreign_decimal, ".")
    else:
        clean = "".join(ch for ch in text if ch not in r.groups).replace(r.decimal, ".")
    try:
        return Decimal(clean), foreign
    except InvalidOperation:
        return None


def _combine_words(words: list[str], r: Rules) -> int | None:
    """Spelled-out number from the table's words, for languages text2num does not know."""
    total, current, seen = 0, 0, False
    for w in words:
        if w in r.joiners:
            continue
        scale = r.multipliers.get(w)
        if scale is not None and scale >= 1000:
            total += (current or 1) * scale
            current, seen = 0, True
        elif w in r.number_words:
            v = r.number_words[w]
            if v == 100:
                current = (current or 1) * 100
            elif v >= 1000:
                total += (current or 1) * v
                current = 0
            else:
                current += v
            seen = True
        else:
            return None
    return total + current if seen else None


_WORD_SPLIT = re.compile(r"[\s\-]+")


def _words_value(phrase: str, r: Rules) -> int | None:
    parts = [p for p in _WORD_SPLIT.split(_key(phrase)) if p]
    if not parts:
        return None
    if parts[0] in r.articles and len(parts) > 1 and parts[0] not in r.number_words:
        parts = parts[1:]  # "a million" is one million
    if r.text2num:
        try:
            return text2num(" ".join(parts), r.text2num)
        except (ValueError, TypeError):
            pass
    return _combine_words(parts, r)


def parse_number(text: str, data: langdata.LangData, table: str = "quantities") -> Number | None:
    """The number a string writes ("1 000", "1,5 million", "trois", "a third"), or None.

    String-level, no parser: reads decimal mark, group separators, number words and scale
    words from the language's `table` (`[quantities]`, or `[fallback]`, which shares the
    key names). Units, currencies and qualifiers are not part of a number: "5 %" is None.
    """
    r = rules(data, table)
    s = " ".join(text.split())
    if not s:
        return None
    if _key(s) in r.fractions:
        return r.fractions[_key(s)]
    if _key(s) in r.number_words:  # a phrase listed whole ("полторы тысячи" = 1500)
        return r.number_words[_key(s)]
    m = r.digits.match(s)
    if m:
        parsed = _digits_value(m.group(0), r)
        if parsed is None:
            return None
        value, _ = parsed
        rest = s[m.end():]
        if not rest:
            return _as_number(value)
        scale = r.scale_after.fullmatch(rest)
        if scale:
            return _as_number(value * r.multipliers[_key(scale.group(1))])
        return None
    w = r.words.fullmatch(s)
    if w:
        return _words_value(s, r)
    return None


# ---------------------------------------------------------------------------------------
# Finding figures in a parsed document


@dataclass
class _Figure:
    start: int                 # start of the written number (after currency/qualifier)
    end: int                   # end of the number and of what is glued to it
    value: Optional[Decimal | float]
    kind: str                  # digits | words | fraction | article | approx | multiple
    text_start: int = -1       # start of the whole figure text (qualifier, currency)
    text_end: int = -1
    scale: Optional[int] = None
    unit: Optional[str] = None
    unit_is_word: bool = False  # unit from a currency or unit word (a mark of a figure)
    qualifier: Optional[str] = None
    bound: Optional[str] = None
    approximate: bool = False
    foreign: bool = False
    core_end: int = -1        # end of the number and scale only (before unit)
    scaled: bool = False      # ends with a scale word: "millions de foyers" links to its noun
    shared_unit: bool = False  # unit taken from the next figure ("7 à 9 %"), not written after it
    dash_pair: int = 0        # -1: first of "30-40", 1: second; a figure only if the pair is a range

    @property
    def marked(self) -> bool:
        """A qualifier, scale word, currency or unit word: this is a figure, not a date or label."""
        return bool(self.qualifier or self.scale or self.unit_is_word)


def _token_at(starts: list[int], char: int) -> int:
    return max(0, bisect_right(starts, char) - 1)


def _first_token_from(doc: Doc, starts: list[int], char: int) -> int | None:
    i = bisect_right(starts, char - 1)
    while i < len(doc) and doc[i].is_space:
        if "\n" in doc[i].text:
            return None
        i += 1
    return i if i < len(doc) else None


def _unit_of(tok: Token) -> str:
    if any(ch.isdigit() for ch in tok.text) or (tok.text.isupper() and len(tok.text) > 1):
        return tok.text
    return (tok.lemma_ or tok.text).lower()


def _noun_run(doc: Doc, i: int) -> int:
    """Last noun of a noun compound starting at i ("wind farms" → farms)."""
    while i + 1 < len(doc) and doc[i].dep_ == "compound" and doc[i + 1].pos_ in ("NOUN", "PROPN"):
        i += 1
    return i


def _modifier(tok: Token, nxt: Token | None) -> bool:
    """Words allowed between a figure and its noun: "nouveaux", "planned", "plus gros"."""
    if tok.pos_ == "ADJ" or (tok.dep_ in ("amod", "compound") and tok.pos_ in ("VERB", "ADJ", "NOUN", "PROPN")):
        return True
    return tok.pos_ == "ADV" and nxt is not None and nxt.pos_ == "ADJ"


def _counted_noun(doc: Doc, starts: list[int], char: int) -> tuple[str, int] | None:
    """The noun a figure ending at `char` counts: (unit, end char), found within a few words."""
    i = _first_token_from(doc, starts, char)
    if i is None:
        return None
    run: list[Token] = []
    for j in range(i, min(len(doc), i + _NOUN_WINDOW)):
        tok = doc[j]
        if tok.pos_ == "NOUN":
            k = _noun_run(doc, j)
            return _unit_of(doc[k]), doc[k].idx + len(doc[k].text)
        if tok.pos_ == "PROPN" and j == i and (any(c.isdigit() for c in tok.text) or tok.text.isupper()):
            return tok.text, tok.idx + len(tok.text)
        if not _modifier(tok, doc[j + 1] if j + 1 < len(doc) else None):
            break
        run.append(tok)
    # No noun tag: the tagger sometimes reads a plural noun as an adjective ("611 morts",
    # "32 plus gros hôpitaux français"). The word the others modify, or the one the number
    # modifies, is the noun.
    for tok in run:
        if any(other.head.i == tok.i and other.dep_ == "amod" for other in run):
            return _unit_of(tok), tok.idx + len(tok.text)
    num = doc[_token_at(starts, char - 1)]
    if num.dep_ == "nummod" and any(tok.i == num.head.i for tok in run):
        return _unit_of(num.head), num.head.idx + len(num.head.text)
    return None


def _partitive_noun(doc: Doc, starts: list[int], char: int) -> str | None:
    """The noun of the group after "des"/"of" ("14 des 32 plus gros hôpitaux")."""
    i = _first_token_from(doc, starts, char)
    if i is None:
        return None
    for j in range(i, min(len(doc), i + _PARTITIVE_WINDOW)):
        tok = doc[j]
        if tok.pos_ == "NOUN":
            return _unit_of(doc[_noun_run(doc, j)])
        if tok.pos_ not in _GROUP_WORDS and tok.dep_ not in ("amod", "nummod"):
            return None
    return None


def _cores(text: str, r: Rules, at: dict[str, list[int]]) -> list[_Figure]:
    """Every number of the text, in text order; `at` tells where each regex may match."""
    cores: list[_Figure] = []
    for m in _matches(r.digits, text, at["digit"]):
        parsed = _digits_value(m.group(0), r)
        if parsed is not None:
            cores.append(_Figure(m.start(), m.end(), parsed[0], "digits", foreign=parsed[1]))
    for m in _matches(r.words, text, _starts(at, ("article", "number"))):
        words = [w for w in _WORD_SPLIT.split(_key(m.group(0))) if w]
        if words[0] in r.vague or (len(words) == 1 and words[0] in r.articles):
            continue  # "des millions" is vague; a lone "un" is an article
        value = _words_value(m.group(0), r)
        if value is not None:
            cores.append(_Figure(m.start(), m.end(), Decimal(value), "words", scaled=words[-1] in r.multipliers))
    for m in _matches(r.fraction_re, text, at["fraction"]):
        cores.append(_Figure(m.start(1), m.end(1), r.fractions[_key(m.group(1))], "fraction"))
    for m in _matches(r.article_re, text, at["qualifier"]):
        cores.append(_Figure(m.start(1), m.end(1), Decimal(1), "article"))
    for m in _matches(r.approx_re, text, at["article"]):
        cores.append(_Figure(m.start(0), m.end(0), Decimal(r.approximate_numbers[_key(m.group(1))]), "approx",
                             approximate=True, qualifier=m.group(1)))
    for m in _matches(r.multiple_re, text, at["multiple"]):
        cores.append(_Figure(m.start(1), m.end(1), Decimal(r.multiples[_key(m.group(1))]), "multiple"))
    cores.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return cores


def _currency_left(f: _Figure, text: str, r: Rules) -> None:
    """"$50.4", "£300m", "CHF 5": a currency symbol or code just before the number."""
    if f.kind != "digits":
        return
    m = r.currency_before.search(text, max(0, f.start - 6), f.start)
    if m:
        f.unit, f.unit_is_word = r.currencies[m.group(1)], True
        f.text_start = m.start()


def _glue_right(f: _Figure, text: str, r: Rules) -> bool:
    """Scale, compact scale + currency, currency and unit word after the number.

    Returns False when letters glued to the number make it an ordinal or a name ("20ᵉ").
    """
    pos = f.end
    if f.kind == "digits":
        m = r.scale_after.match(text, pos)
        if m:
            f.scale = r.multipliers[_key(m.group(1))]
            f.scaled = True
            pos = m.end()
        else:
            # "300m" alone may be metres: an abbreviated scale needs a currency.
            m = r.compact_after.match(text, pos)
            if m and (m.group(2) or f.unit):
                f.scale = r.compact[m.group(1)]
                f.scaled = True
                pos = m.end(1)
                if m.group(2):
                    f.unit = r.currencies.get(m.group(2)) or r.currency_letters.get(m.group(2))
                    f.unit_is_word = True
                    pos = m.end(2)
            else:
                m = r.compact_standalone.match(text, pos)
                if m and _standalone_scale(text[f.start:pos], m.group(1), r):
                    f.scale = r.compact[m.group(1)]
                    f.scaled = True
                    pos = m.end(1)
        if pos == f.end and pos < len(text) and text[pos].isalnum():
            return False
    f.core_end = pos
    if not f.unit and f.kind in ("digits", "words"):
        m = r.currency_after.match(text, pos)
        # a symbol may be glued ("85€"); a code needs a blank ("5 millions CHF")
        if m and (not m.group(1)[0].isalpha() or m.start(1) > pos):
            f.unit, f.unit_is_word = r.currencies[m.group(1)], True
            pos = m.end()
    if not f.unit and f.kind in ("digits", "words", "approx"):
        m = r.unit_after.match(text, pos)
        if m is None and (f.scaled or f.kind == "approx"):
            link = r.unit_link.match(text, pos)  # "millions d'euros", "millions of dollars"
            if link:
                m = r.unit_after.match(text, link.end())
                m = m if m and m.start(1) == link.end() else None
        if m:
            f.unit, f.unit_is_word = r.unit_words[_key(m.group(1))], True
            pos = m.end()
    f.end = pos
    return True


def _standalone_scale(number: str, scale: str, r: Rules) -> bool:
    """"186K", "1.5M", "2bn" without a currency: a one-letter scale needs two digits or a
    decimal part, since "3M" is a company and "5k" a race; longer ones ("bn") are scales."""
    if len(scale) > 1:
        return True
    return sum(ch.isdigit() for ch in number) >= 2 or r.decimal in number or r.foreign_decimal in number


def _qualifier_left(f: _Figure, text: str, r: Rules, qualifiers: list[int] | None = None) -> None:
    """"plus de 200": the qualifier just before the figure; `qualifiers`, when known, are where
    the qualifier words begin in the text (see `_openings`)."""
    start = f.text_start
    if f.kind != "approx":
        window = max(0, start - _QUALIFIER_WINDOW)
        m = r.qualifier_before.search(text, window, start) if qualifiers is None \
            else _search_at(r.qualifier_before, text, window, start, qualifiers)
        if m:
            _set_qualifier(f, m.group(1), r.qualifier_kind[_key(m.group(1))])
            start = m.start()
    f.text_start = start


def _verb_bound(f: _Figure, text: str, r: Rules, doc: Doc, starts: list[int]) -> None:
    """"could exceed 186,000", "dépasser les 186 000", "a franchi la barre des 100 000": a verb
    that bounds the figure it governs; a negation just before it turns the bound over
    ("ne devrait pas dépasser 3 %" → at most 3). The span starts at the verb (or negation)."""
    if not r.bound_verbs or f.kind == "multiple":
        return
    pos = f.text_start
    threshold = r.threshold_before.search(text, max(0, pos - 40), pos)
    if threshold:
        pos = threshold.start()
    else:
        bridge = r.verb_bridge.search(text, max(0, pos - 12), pos)
        pos = bridge.start() if bridge else pos
    j = bisect_right(starts, pos - 1) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or text[doc[j].idx + len(doc[j].text):pos].strip():
        return
    forms: dict[int, tuple[str, str] | None] = {}  # token index -> (lemma, text) of a verb, else None
    for words, kind, needs_threshold in r.bound_verbs:
        first = j - len(words) + 1
        if first < 0 or (needs_threshold and not threshold):
            continue
        if first not in forms:
            verb = doc[first]
            forms[first] = (verb.lemma_.lower(), verb.text.lower()) if verb.pos_ in ("VERB", "AUX") else None
        if forms[first] is None or words[0] not in forms[first]:
            continue
        verb = doc[first]
        if any(_key(doc[first + k].text) != w for k, w in enumerate(words[1:], 1)):
            continue
        start = verb.idx
        if first > 0 and _key(doc[first - 1].text) in r.negations:
            start = doc[first - 1].idx
            kind = "low" if kind == "high" else "high"
        f.qualifier, f.bound = text[start:f.text_start].strip(), kind
        f.text_start = start
        return


def _set_qualifier(f: _Figure, words: str, kind: str) -> None:
    f.qualifier = words
    if kind == "approximate":
        f.approximate = True
    else:
        f.bound = kind


_GLUED_BEFORE = re.compile(r"[^\W\d_]-?$|[/:]$")
_DASHED_BEFORE = re.compile(r"\d[-–]$")
_SLASHED_AFTER = re.compile(r"[/:]\d")
_DASHED_AFTER = re.compile(r"-\d")
_FOUR_DIGITS = re.compile(r"\d{4}")


def _rejected(f: _Figure, text: str, r: Rules, doc: Doc, starts: list[int]) -> bool:
    """Numbers that are not figures: dates, clock times, labels, references, foreign decimals."""
    if f.kind == "multiple":
        nxt = _first_token_from(doc, starts, f.end)
        return not (f.qualifier or (nxt is not None and doc[nxt].pos_ == "DET"))
    if f.kind == "article":
        if not f.qualifier:
            return True
        nxt = _first_token_from(doc, starts, f.end)
        return nxt is None or _key(doc[nxt].lemma_ or doc[nxt].text) not in r.article_units
    if f.kind == "fraction":  # "the first half", "le second quart": a part, not a fraction
        i = _token_at(starts, f.start) - 1
        prev = doc[i] if i >= 0 else None
        return prev is not None and (prev.pos_ in ("ADJ", "NUM")
                                     or (prev.pos_ == "DET" and "Def" in prev.morph.get("Definite")))
    if f.kind != "digits":
        return False
    s, e = f.start, f.core_end
    before = text[max(0, s - 2):s]
    if _GLUED_BEFORE.search(before) or (f.dash_pair != 1 and _DASHED_BEFORE.search(before)):
        return True  # "EPR2", "COVID-19", the "18" of "2017-18", "15/03", "10:30"
    if _SLASHED_AFTER.match(text[e:e + 2]) or (f.dash_pair != -1 and _DASHED_AFTER.match(text[e:e + 2])):
        return True  # dates, clock times, scores and codes ("2-1", "2017-18")
    if r.clock_after.match(text, e):
        return True
    if f.foreign and not f.marked:
        return True  # "le 49.3": a reference, not a decimal of this language
    written = text[f.start:e]
    if _FOUR_DIGITS.fullmatch(written) and r.year_range[0] <= int(written) <= r.year_range[1] and not f.marked:
        return True  # a year: times.py reads it
    if f.qualifier is None and not f.scale and written.isdigit() and len(written) <= 2 and int(written) <= 31:
        if r.month_after.match(text, e) or r.month_before.search(text, max(0, s - 15), s) \
                or r.day_range_month.match(text, e) or r.weekday_before.search(text, max(0, s - 12), s):
            return True  # the day of a date ("15 mars", "August 5", "du 6 au 12 janvier")
    return False


def _is_label(f: _Figure, text: str, doc: Doc, starts: list[int], label_ends: set[int], r: Rules,
              noun_from: int) -> bool:
    """A bare number right after a noun is a name or a label ("Ligue 1", "choix 1, 2 et 4")."""
    if f.marked or f.unit:
        return False
    i = _token_at(starts, f.text_start) - 1
    if i < 0:
        return False
    prev = doc[i]
    between = text[prev.idx + len(prev.text):f.text_start]
    if prev.pos_ in ("NOUN", "PROPN") and not between.strip() and "\n" not in between:
        # unless a common noun (a verb tagged as one) precedes a figure counting a noun after
        # it: "compte 300 salariés"; a name keeps its number ("Ligue 1 moyennant").
        if prev.text[:1].islower() and _counted_noun(doc, starts, noun_from):
            return False
        return True
    return any(r.list_link.fullmatch(text, end, f.text_start) for end in label_ends if end <= f.text_start)


def _is_both(f: _Figure, doc: Doc, starts: list[int]) -> bool:
    """"les deux", "the two" with no noun after: both, not a figure."""
    if f.kind != "words" or f.unit or f.marked:
        return False
    prev = _token_at(starts, f.start) - 1
    return prev >= 0 and doc[prev].pos_ == "DET" and "Def" in doc[prev].morph.get("Definite") \
        and _counted_noun(doc, starts, f.end) is None


_HYPHENED_WORD = re.compile(r"-([^\W\d_]+)")


def _find_unit(f: _Figure, text: str, r: Rules, doc: Doc, starts: list[int]) -> None:
    """The counted noun, when no currency or unit word gave the unit."""
    hyphen = _HYPHENED_WORD.match(text[f.end:f.end + 40])
    if hyphen and f.kind == "digits":  # "10-week", "277-page"
        i = _token_at(starts, f.end + 1)
        f.unit = _unit_of(doc[i]) if doc[i].idx == f.end + 1 and doc[i].text == hyphen.group(1) \
            else hyphen.group(1).lower()
        f.end += 1 + len(hyphen.group(1))
        return
    noun = _counted_noun(doc, starts, f.end)
    if noun is None and (f.scaled or f.kind == "approx"):
        link = r.unit_link.match(text, f.end)  # "25,6 millions de foyers"
        if link:
            noun = _counted_noun(doc, starts, link.end())
    if noun:
        f.unit, f.end = noun


def is_marked_figure(text: str, start: int, end: int, data: langdata.LangData) -> bool:
    """Whether the digits text[start:end] carry a qualifier, scale, currency or unit word.

    times.py asks it of four-digit numbers: "plus de 2000", "2000 euros" are figures, not years.
    """
    r = rules(data)
    f = _Figure(start, end, Decimal(0), "digits", text_start=start)
    _currency_left(f, text, r)
    if not _glue_right(f, text, r):
        return False
    _qualifier_left(f, text, r)
    return f.marked


def find_quantities(doc: Doc, data: langdata.LangData) -> list[Quantity]:
    """Every figure of the document, with offsets into `doc.text`."""
    r = rules(data)
    text = doc_text(doc)
    starts = doc.to_array(IDX).tolist()  # the tokens' offsets, read in one go
    figures: list[_Figure] = []
    label_ends: set[int] = set()
    dash_seconds: set[int] = set()  # where the second number of a kept "30-40" starts
    taken_until = -1
    at = _openings(text, r.opening)
    cores = _cores(text, r, at)
    for k, f in enumerate(cores):
        if f.start < taken_until:
            continue
        f.text_start = f.start
        if f.start in dash_seconds:
            f.dash_pair = 1
        _currency_left(f, text, r)
        if not _glue_right(f, text, r):
            continue
        second = _dash_second(f, cores, k, text) if f.dash_pair == 0 else None
        if second is not None:
            f.dash_pair = -1
        _qualifier_left(f, text, r, at["qualifier"])
        if f.qualifier is None:
            _verb_bound(f, text, r, doc, starts)
        if _rejected(f, text, r, doc, starts):
            continue
        if _is_both(f, doc, starts):
            continue
        if f.kind == "digits" and _is_label(f, text, doc, starts, label_ends, r, second.end if second else f.end):
            label_ends.add(f.end)
            continue
        if f.dash_pair == -1:  # "30-40 startups": the unit is the second number's
            f.text_end = f.end
            figures.append(f)
            dash_seconds.add(second.start)
            continue
        if not f.unit and f.kind != "multiple":
            _find_unit(f, text, r, doc, starts)
        if not f.unit and not f.marked and r.reference_before.search(text, max(0, f.start - 12), f.start):
            continue  # "n° 5", "appeler le 15"
        _qualifier_right(f, text, r, doc, starts)
        f.text_end = f.end
        figures.append(f)
        taken_until = f.end
    figures = _share_units(figures, text, r, doc, starts)
    return _assemble(figures, text, r, doc, starts)


_DASH = re.compile(r" ?[-–] ?(?=\d)")
_CHAINED_AFTER = re.compile(r"[-–/:.,]\d")


def _dash_second(f: _Figure, cores: list[_Figure], k: int, text: str) -> _Figure | None:
    """The second number of "30-40", "7–9 %" after the plain number `f`, when it is the larger
    one and ends the chain (not "2017-18", "2-1", "01-23-45")."""
    if f.kind != "digits" or f.end != f.core_end or f.scale or f.unit:
        return None
    dash = _DASH.match(text, f.end)
    if not dash:
        return None
    for c in cores[k + 1:k + 3]:
        if c.start == dash.end() and c.kind == "digits":
            if _CHAINED_AFTER.match(text[c.end:c.end + 2]) or not f.value < c.value:
                return None
            return c
    return None


_DIGIT_AHEAD = re.compile(r"\s*\d")


def _qualifier_right(f: _Figure, text: str, r: Rules, doc: Doc, starts: list[int]) -> None:
    """"65 ans et plus", "186K or more fatalities", "jusqu'à 186 000 décès, voire plus".

    A low bound after a figure lifts the ceiling set before it: "up to 186,000 or even more"
    is low 186,000 with no high, the later words correcting the earlier ones. The counted noun
    may follow the qualifier ("or more deaths")."""
    m = r.qualifier_after.match(text, f.end)
    # not the "plus" of "47 morts et plus de 200 blessés"
    if not m or r.unit_link.match(text, m.end()) or _DIGIT_AHEAD.match(text[m.end():m.end() + 3]):
        return
    kind = r.after_kind[_key(m.group(1))]
    if f.bound is not None and not (f.bound == "high" and kind == "low"):
        return
    if f.qualifier:
        f.qualifier, f.bound = f"{f.qualifier} … {m.group(1)}", None
    else:
        f.qualifier = m.group(1)
    if kind == "approximate":
        f.approximate = True
    else:
        f.bound = kind
    f.end = m.end()
    if not f.unit and f.kind != "multiple":
        noun = _counted_noun(doc, starts, f.end)
        if noun:
            f.unit, f.end = noun


def _share_units(figures: list[_Figure], text: str, r: Rules, doc: Doc, starts: list[int]) -> list[_Figure]:
    for a, b in zip(figures, figures[1:]):
        # "289 voix contre 250": a figure compared with another counts the same thing
        if a.unit and not b.unit and b.kind != "multiple" and r.compared_link.fullmatch(text, a.text_end, b.text_start):
            b.unit, b.shared_unit = a.unit, True
        if a.unit:
            continue
        if r.shared_link.fullmatch(text, a.end, b.text_start) and not b.qualifier:
            a.unit, a.shared_unit = b.unit, True
            if a.scale is None and b.scale and isinstance(a.value, Decimal):
                a.scale = b.scale
    for k, f in enumerate(figures):
        if f.unit or f.kind == "multiple":
            continue
        link = r.partitive_link.match(text, f.end)
        if link:
            group = figures[k + 1] if k + 1 < len(figures) else None
            # "14 des 32 hôpitaux": the group is itself a figure with its noun
            if group and group.unit and 0 <= group.text_start - link.end(1) <= _PARTITIVE_GAP \
                    and not text[link.end(1):group.text_start].strip(" ").count(" "):
                f.unit = group.unit
            else:
                f.unit = _partitive_noun(doc, starts, link.end(1))
    return figures


def _value(f: _Figure) -> Number | None:
    if f.value is None:
        return None
    if isinstance(f.value, float):
        return f.value
    return _as_number(f.value * (f.scale or 1))


def _quantity(f: _Figure, text: str) -> Quantity:
    value = _value(f)
    return Quantity(
        text=text[f.text_start:f.text_end], start=f.text_start, end=f.text_end,
        value=value,
        low=value if f.bound == "low" else None,
        high=value if f.bound == "high" else None,
        approximate=f.approximate, unit=f.unit,
        qualifier=f.qualifier,
    )


def _is_change(a: _Figure, text: str, r: Rules, doc: Doc, starts: list[int]) -> bool:
    """"passe de 62 à 64 ans", "rose from 7 to 9 percent": an opener before the first figure
    and a change word (lemma) among the few words before it, within the clause."""
    opener = r.change_open.search(text, max(0, a.text_start - 8), a.text_start)
    if not opener:
        return False
    j = bisect_right(starts, opener.start() - 1) - 1
    for i in range(j, max(-1, j - _CHANGE_WINDOW), -1):
        tok = doc[i]
        if tok.is_punct or tok.is_space and "\n" in tok.text:
            return False
        if tok.lemma_.lower() in r.change_words or tok.text.lower() in r.change_words:
            return True
    return False


def _bare_range(a: _Figure, b: _Figure, text: str, r: Rules, doc: Doc, starts: list[int]) -> re.Match | None:
    """"7 à 9 %", "7 to 9 percent", "30-40 startups": the link of a range with no opener, or None.

    Both figures plain (the first may be approximate), the second with its own unit, the first
    with none of its own or the same, the first smaller, and not a change ("de 62 à 64 ans")."""
    if a.bound or b.qualifier or a.value is None or b.value is None or not b.unit or b.shared_unit:
        return None
    if a.kind not in ("digits", "words") or b.kind not in ("digits", "words"):
        return None
    if a.unit and not a.shared_unit and a.unit != b.unit:
        return None
    if a.dash_pair == -1 and _key(b.unit) in r.score_words:
        return None  # "a 0-3 defeat"
    link = r.range_link.fullmatch(text, a.text_end, b.text_start)
    if not link or not _value(a) < _value(b) or _is_change(a, text, r, doc, starts):
        return None
    return link


def _range(a: _Figure, b: _Figure, text: str, start: int, qualifier: str) -> Quantity:
    return Quantity(text=text[start:b.text_end], start=start, end=b.text_end, value=None,
                    low=_value(a), high=_value(b), approximate=a.approximate, unit=b.unit or a.unit,
                    qualifier=qualifier)


def _assemble(figures: list[_Figure], text: str, r: Rules, doc: Doc, starts: list[int]) -> list[Quantity]:
    out: list[Quantity] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        if b is not None and not a.qualifier:
            opener = r.range_open.search(text, max(0, a.text_start - 15), a.text_start)
            if opener and not b.qualifier:
                join = r.range_joins[_key(opener.group(1))].search(text, a.text_end, b.text_start)
                if join and join.end() == b.text_start:
                    if b.scale and not a.scale and isinstance(a.value, Decimal) and not a.unit:
                        a.scale = b.scale
                    out.append(_range(a, b, text, opener.start(1), f"{opener.group(1)} … {join.group(1)}"))
                    i += 2
                    continue
        if b is not None:
            link = _bare_range(a, b, text, r, doc, starts)
            if link and (a.dash_pair == -1) == (b.dash_pair == 1):
                words = f"{a.qualifier} … {link.group(1)}" if a.qualifier else link.group(1)
                out.append(_range(a, b, text, a.text_start, words))
                i += 2
                continue
        if a.dash_pair == -1:  # "2-1", "1-2 at home": not a range, so a score or code as before
            i += 2 if b is not None and b.dash_pair == 1 else 1
            continue
        out.append(_quantity(a, text))
        i += 1
    return out


class QuantityFinder:
    def __init__(self, lang: str):
        self.data = langdata.load(lang)
        self.rules = rules(self.data)

    def __call__(self, doc: Doc) -> Doc:
        doc._.selon_quantities = find_quantities(doc, self.data)
        return doc


@Language.factory("selon_quantities", default_config={"lang": "fr"})
def make_quantity_finder(nlp: Language, name: str, lang: str) -> QuantityFinder:
    return QuantityFinder(lang)
