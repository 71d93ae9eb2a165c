"""Figures without a parser: numerals, number words, scale words, bounds and counted noun.

All language knowledge comes from the `[fallback]` table of the language file: separators,
number and scale words, qualifiers, range words, ordinal suffixes and counted-noun lemmas.
The value of a written number is read by `selon.quantities.parse_number`, which shares the
table's key names with `[quantities]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import langdata
from .model import Number, Part, Quantity
from .quantities import parse_number

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?")
_YEAR = re.compile(r"(1[89]|20)\d\d")


def _alternation(phrases) -> str:
    return "|".join(re.escape(p) for p in sorted({p for p in phrases if p}, key=len, reverse=True))


def _phrase_at_end(phrases: dict[str, str]) -> re.Pattern | None:
    """Matches one of `phrases` as the last words before a figure."""
    alt = _alternation(phrases)
    return re.compile(rf"(?<!\w)(?:{alt})\s*$", re.IGNORECASE) if alt else None


@dataclass(frozen=True)
class NumberLexicon:
    data: langdata.LangData
    numeral: re.Pattern
    group_separators: frozenset[str]
    decimal_separators: frozenset[str]
    number_words: dict[str, float]
    number_word_regex: re.Pattern | None
    multipliers: dict[str, float]
    multiplier_regex: re.Pattern | None
    percent_regex: re.Pattern | None
    qualifiers: dict[str, str]  # lower-cased phrase -> "low" | "high" | "approximate"
    qualifier_regex: re.Pattern | None
    ranges: tuple[tuple[str, str], ...]
    ordinal_suffixes: tuple[str, ...]
    ordinal_dot: bool
    unit_links: frozenset[str]
    unit_lemmas: dict[str, str]
    year_words: frozenset[str]
    nouns_capitalized: bool

    @classmethod
    def from_data(cls, data: langdata.LangData) -> "NumberLexicon":
        fb = data.section("fallback")
        group = [s for s in fb.get("group_separators", []) if s]
        decimal = [s for s in fb.get("decimal_separators", []) if s]
        g = "[" + "".join(re.escape(s) for s in group) + "]" if group else None
        d = "[" + "".join(re.escape(s) for s in decimal) + "]" if decimal else None
        grouped = rf"\d{{1,3}}(?:{g}\d{{3}})+(?!\d)" if g else None
        # Grouped digits first ("1 010", "1.010"), else plain digits with a decimal part ("1,5").
        parts = []
        if grouped:
            parts.append(grouped + (rf"(?:{d}\d+)?" if d else ""))
        parts.append(r"\d+(?:[.,]\d+)?")
        numeral = re.compile(r"(?<![\w.,])(?:" + "|".join(parts) + r")(?![\d])")
        words = {k.lower(): float(v) for k, v in fb.get("number_words", {}).items()}
        mults = {k.lower(): float(v) for k, v in fb.get("multipliers", {}).items()}
        qualifiers = {}
        for key, bound in (("low_qualifiers", "low"), ("high_qualifiers", "high"),
                           ("approximate_qualifiers", "approximate")):
            for phrase in fb.get(key, []):
                qualifiers.setdefault(phrase.lower(), bound)
        percent = [p for p in fb.get("percent_words", [])]
        return cls(
            data=data,
            numeral=numeral,
            group_separators=frozenset(group),
            decimal_separators=frozenset(decimal),
            number_words=words,
            number_word_regex=re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", re.IGNORECASE) if words else None,
            multipliers=mults,
            multiplier_regex=re.compile(rf"[ \u00a0\u202f]*(?:{_alternation(mults)})(?!\w)", re.IGNORECASE) if mults else None,
            percent_regex=re.compile(rf"[ \u00a0\u202f]*(?:{_alternation(percent)})(?!\w)", re.IGNORECASE) if percent else None,
            qualifiers=qualifiers,
            qualifier_regex=_phrase_at_end(qualifiers),
            ranges=tuple((a.lower(), b.lower()) for a, b in fb.get("range_words", [])),
            ordinal_suffixes=tuple(fb.get("ordinal_suffixes", [])),
            ordinal_dot=bool(fb.get("ordinal_dot", False)),
            unit_links=frozenset(w.lower() for w in fb.get("unit_links", [])),
            unit_lemmas={k.lower(): v for k, v in fb.get("unit_lemmas", {}).items()},
            year_words=frozenset(w.lower() for w in fb.get("year_words", [])),
            nouns_capitalized=bool(fb.get("nouns_capitalized", False)),
        )


def _clean(value: float) -> Number:
    return int(value) if float(value).is_integer() else round(value, 6)


@dataclass
class _Figure:
    start: int
    end: int
    value: Number
    plain_digits: bool  # no separator, no scale word: could be a year


def _figures(text: str, lex: NumberLexicon) -> list[_Figure]:
    figures: list[_Figure] = []
    for m in lex.numeral.finditer(text):
        end = m.end()
        after = text[end:end + 4]
        if any(after.startswith(suffix) for suffix in lex.ordinal_suffixes):
            continue
        if lex.ordinal_dot and re.match(r"\.[ \u00a0][^\W\d_]", text[end:end + 3]):
            continue
        if text[end:end + 1].isalpha():
            continue  # "20ª", "5G", "EPR2"-like: not a count
        plain = m.group().isdigit()
        if lex.multiplier_regex is not None:
            mm = lex.multiplier_regex.match(text, end)
            if mm:
                end, plain = mm.end(), False
        value = parse_number(text[m.start():end], lex.data, "fallback")
        if value is not None:
            figures.append(_Figure(m.start(), end, value, plain))
    if lex.number_word_regex is not None:
        for m in lex.number_word_regex.finditer(text):
            if any(f.start <= m.start() < f.end for f in figures):
                continue
            end = m.end()
            if lex.multiplier_regex is not None:
                mm = lex.multiplier_regex.match(text, end)
                if mm and mm.group().strip().lower() != m.group().lower():
                    end = mm.end()
            value = parse_number(text[m.start():end], lex.data, "fallback")
            if value is not None:
                figures.append(_Figure(m.start(), end, value, False))
    return sorted(figures, key=lambda f: f.start)


def _unit_after(text: str, pos: int, lex: NumberLexicon) -> tuple[str | None, int]:
    """Counted noun after a figure ending at `pos`: (lemma, end offset) or (None, pos)."""
    if lex.percent_regex is not None:
        pm = lex.percent_regex.match(text, pos)
        if pm:
            return "%", pm.end()
    rest = pos
    for _ in range(2):
        m = _WORD.match(text, rest + 1) if text[rest:rest + 1] in (" ", "\u00a0") else None
        if m is None:
            return None, pos
        word = m.group().rstrip(".")
        lower = word.lower()
        if lower in lex.unit_links:
            rest = m.start() + len(word)
            continue
        if lower in lex.unit_lemmas:
            return lex.unit_lemmas[lower], m.start() + len(word)
        if word[:1].isupper() and not lex.nouns_capitalized:
            return None, pos  # a name follows, not a counted noun
        if len(word) < 3:
            return None, pos
        return (word if lex.nouns_capitalized else lower), m.start() + len(word)
    return None, pos


def _qualifier_before(text: str, start: int, lex: NumberLexicon) -> tuple[str, str, int] | None:
    if lex.qualifier_regex is None:
        return None
    window = text[max(0, start - 40):start]
    m = lex.qualifier_regex.search(window)
    if not m:
        return None
    phrase = m.group().strip()
    return phrase, lex.qualifiers[phrase.lower()], start - len(window) + m.start()


def find_quantities(text: str, part: Part, lex: NumberLexicon) -> list[Quantity]:
    """Every figure of `text` with its bounds and counted noun, in text order."""
    quantities: list[Quantity] = []
    figures = _figures(text, lex)
    skip = set()
    for i, fig in enumerate(figures):
        if i in skip or (quantities and fig.start < quantities[-1].end):
            continue  # inside the previous figure's words ("12,5 per cento")
        unit, end = _unit_after(text, fig.end, lex)
        if fig.plain_digits and _YEAR.fullmatch(text[fig.start:fig.end]):
            following = _WORD.match(text, fig.end + 1)
            word = following.group().lower() if following and text[fig.end:fig.end + 1] == " " else ""
            if word in lex.year_words or word.rstrip(".") in lex.year_words or unit not in lex.unit_lemmas.values():
                continue  # a year used as a date
        # A range: "tra 10 e 20 soldati", "от 1 000 до 2 000".
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        rng = _range(text, fig, nxt, lex)
        if rng is not None:
            opening = rng
            unit, end = _unit_after(text, nxt.end, lex)
            quantities.append(Quantity(text=text[opening:end], value=None, low=_clean(fig.value),
                                       high=_clean(nxt.value), unit=unit, start=opening, end=end, part=part,
                                       qualifier=text[opening:fig.start].strip()))
            skip.add(i + 1)
            continue
        qual = _qualifier_before(text, fig.start, lex)
        start = qual[2] if qual else fig.start
        value = _clean(fig.value)
        bound = qual[1] if qual else None
        quantities.append(Quantity(
            text=text[start:end], value=value,
            low=value if bound == "low" else None, high=value if bound == "high" else None,
            approximate=bound == "approximate", unit=unit, start=start, end=end, part=part,
            qualifier=qual[0] if qual else None,
        ))
    return quantities


def _range(text: str, fig: _Figure, nxt: _Figure | None, lex: NumberLexicon) -> int | None:
    """Start of the range phrase when `fig` and `nxt` form "<open> fig <connector> nxt"."""
    if nxt is None:
        return None
    between = text[fig.end:nxt.start].strip().lower()
    before = text[max(0, fig.start - 20):fig.start]
    for opening, connector in lex.ranges:
        if between != connector:
            continue
        m = re.search(rf"(?<!\w){re.escape(opening)}\s*$", before, re.IGNORECASE)
        if m:
            return fig.start - len(before) + m.start()
    return None
