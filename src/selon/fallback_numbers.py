"""Figures without a parser: numerals, number words, scale words, bounds and counted noun.

All language knowledge comes from the `[fallback]` table of the language file: separators,
number and scale words, qualifiers, range words, ordinal suffixes and counted-noun lemmas.
Numbers are found and read by the rules of `selon.quantities` compiled from that table (it
shares the key names with `[quantities]`), so a figure reads the same here and in
`parse_number`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import langdata
from .model import Part, Quantity
from .quantities import Rules, compile_rules, parse_number

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_WORD_OR_ABBREVIATION = re.compile(WORD.pattern + r"\.?")  # "тыс.", "Mio."
_YEAR = re.compile(r"(1[89]|20)\d\d")


def phrase_regex(phrases, before: str = r"(?<!\w)", after: str = r"(?!\w)") -> re.Pattern | None:
    """One of `phrases` (case ignored, longest first), between `before` and `after`; None when
    there is no phrase."""
    alternatives = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(before + "(?:" + "|".join(re.escape(p) for p in alternatives) + ")" + after, re.IGNORECASE)


@dataclass(frozen=True)
class NumberLexicon:
    data: langdata.LangData
    rules: Rules  # digits, number words and scale words, as `parse_number` reads them
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
        qualifiers = {}
        for key, bound in (("low_qualifiers", "low"), ("high_qualifiers", "high"),
                           ("approximate_qualifiers", "approximate")):
            for phrase in fb.get(key, []):
                qualifiers.setdefault(phrase.lower(), bound)
        return cls(
            data=data,
            rules=compile_rules(data, "fallback"),
            percent_regex=phrase_regex(fb.get("percent_words", []), before=r"[ \u00a0\u202f]*"),
            qualifiers=qualifiers,
            qualifier_regex=phrase_regex(qualifiers, after=r"\s*$"),
            ranges=tuple((a.lower(), b.lower()) for a, b in fb.get("range_words", [])),
            ordinal_suffixes=tuple(fb.get("ordinal_suffixes", [])),
            ordinal_dot=bool(fb.get("ordinal_dot", False)),
            unit_links=frozenset(w.lower() for w in fb.get("unit_links", [])),
            unit_lemmas={k.lower(): v for k, v in fb.get("unit_lemmas", {}).items()},
            year_words=frozenset(w.lower() for w in fb.get("year_words", [])),
            nouns_capitalized=bool(fb.get("nouns_capitalized", False)),
        )

    def value(self, written: str):
        return parse_number(written, self.data, "fallback")


@dataclass
class _Figure:
    start: int
    end: int
    value: int | float
    plain_digits: bool  # no separator, no scale word: could be a year


def _figures(text: str, lex: NumberLexicon) -> list[_Figure]:
    figures: list[_Figure] = []
    r = lex.rules
    for m in r.digits.finditer(text):
        end = m.end()
        after = text[end:end + 4]
        if any(after.startswith(suffix) for suffix in lex.ordinal_suffixes):
            continue
        if lex.ordinal_dot and re.match(r"\.[ \u00a0][^\W\d_]", text[end:end + 3]):
            continue
        if text[end:end + 1].isalpha():
            continue  # "20ª", "5G", "EPR2"-like: not a count
        plain = m.group().isdigit()
        scale = r.scale_after.match(text, end)
        if scale:
            end, plain = scale.end(), False
        value = lex.value(text[m.start():end])
        if value is not None:
            figures.append(_Figure(m.start(), end, value, plain))
    for m in r.words.finditer(text):
        if any(f.start <= m.start() < f.end for f in figures):
            continue
        value = lex.value(m.group())
        if value is not None:
            figures.append(_Figure(m.start(), m.end(), value, False))
    return sorted(figures, key=lambda f: f.start)


def _unit_after(text: str, pos: int, lex: NumberLexicon) -> tuple[str | None, int]:
    """Counted noun after a figure ending at `pos`: (lemma, end offset) or (None, pos)."""
    if lex.percent_regex is not None:
        pm = lex.percent_regex.match(text, pos)
        if pm:
            return "%", pm.end()
    rest = pos
    for _ in range(2):
        m = _WORD_OR_ABBREVIATION.match(text, rest + 1) if text[rest:rest + 1] in (" ", "\u00a0") else None
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
            following = _WORD_OR_ABBREVIATION.match(text, fig.end + 1)
            word = following.group().lower() if following and text[fig.end:fig.end + 1] == " " else ""
            if word in lex.year_words or word.rstrip(".") in lex.year_words or unit not in lex.unit_lemmas.values():
                continue  # a year used as a date
        # A range: "tra 10 e 20 soldati", "от 1 000 до 2 000".
        nxt = figures[i + 1] if i + 1 < len(figures) else None
        rng = _range(text, fig, nxt, lex)
        if rng is not None:
            opening = rng
            unit, end = _unit_after(text, nxt.end, lex)
            quantities.append(Quantity(text=text[opening:end], value=None, low=fig.value,
                                       high=nxt.value, unit=unit, start=opening, end=end, part=part,
                                       qualifier=text[opening:fig.start].strip()))
            skip.add(i + 1)
            continue
        qual = _qualifier_before(text, fig.start, lex)
        start = qual[2] if qual else fig.start
        value = fig.value
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
