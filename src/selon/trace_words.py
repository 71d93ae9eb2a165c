"""The words around a figure that change what a retelling says: "could exceed 186,000" (a
lower bound), "186,000 or even more" (an open top), "has reached" (a count already made),
"a study" for "a letter", "15 times higher than 37,396" (a multiplier).

The words live in the `[trace]` table of `lang/<code>.toml` (owned by selon.trace); a record
of a language without that table is read with the words of every language that has one.
Every hit gives its words and their offsets in the record's part.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import langdata

Record = dict[str, Any]
KEYS = ("exceed_words", "open_tail_words", "reached_words", "letter_words", "study_words", "times_words",
        "mention_cues")
# Words (of at most this many letters) allowed between a cue and the figure: "dépasser les 186 000".
FILLER_MAX_LETTERS = 3
# Words allowed between a figure and its open tail: "186 000 morts à Gaza, voire plus".
TAIL_MAX_WORDS = 4


@dataclass(frozen=True)
class Hit:
    words: str
    start: int  # offsets in the record's part
    end: int


def _base(c: str) -> str:
    # One character for one: offsets in the folded text are those of the original.
    d = unicodedata.normalize("NFKD", c)
    return (d[0] if d else c).lower() if len(c) == 1 else c


def fold_same_length(text: str) -> str:
    return "".join(_base(c) for c in text).replace("’", "'")


@lru_cache(maxsize=None)
def lexicon(lang: str | None) -> dict[str, tuple[str, ...]]:
    """The [trace] words of a language (folded), or those of every language that has them."""
    codes = [lang] if lang in langdata.available() and langdata.load(lang).section("trace") else \
        [c for c in langdata.available() if langdata.load(c).section("trace")]
    out: dict[str, list[str]] = {k: [] for k in KEYS}
    for code in codes:
        table = langdata.load(code).section("trace")
        for k in KEYS:
            out[k] += [fold_same_length(w) for w in table.get(k, [])]
    # Longest first, so that "or even more" wins over "or more".
    return {k: tuple(sorted(set(v), key=lambda w: (-len(w), w))) for k, v in out.items()}


@lru_cache(maxsize=None)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _sentence(rec: Record) -> tuple[str, int]:
    if rec.get("sentence") and rec.get("sentence_start") is not None:
        return rec["sentence"], int(rec["sentence_start"])
    return rec.get("text") or "", int(rec.get("start") or 0)


def _figure_in_sentence(rec: Record) -> tuple[str, int, int, int] | None:
    """(sentence, its offset, figure start, figure end), the figure's offsets relative to the sentence."""
    sentence, base = _sentence(rec)
    qs, qe = rec.get("quantity_start"), rec.get("quantity_end")
    if qs is None or qe is None or not (0 <= qs - base <= qe - base <= len(sentence)):
        return None
    return sentence, base, qs - base, qe - base


def exceed_before(rec: Record) -> Hit | None:
    """"could exceed 186,000", "dépasserait les 186 000": the figure is said to be passed."""
    return _cue_before(rec, "exceed_words")


def _cue_before(rec: Record, key: str) -> Hit | None:
    found = _figure_in_sentence(rec)
    pattern = _pattern(lexicon(rec.get("language"))[key])
    if found is None or pattern is None:
        return None
    sentence, base, fs, _ = found
    prefix = fold_same_length(sentence[:fs])
    tail = re.compile(r"(?:\s+[^\W\d_]{1,%d})?\s*$" % FILLER_MAX_LETTERS)
    for m in pattern.finditer(prefix):
        if tail.fullmatch(prefix, m.end()):
            return Hit(sentence[m.start():m.end()], base + m.start(), base + m.end())
    return None


def _ceilings(code: str) -> list[str]:
    return langdata.load(code).section("quantities").get("qualifiers", {}).get("high", [])


@lru_cache(maxsize=None)
def ceiling_words(lang: str | None) -> tuple[str, ...]:
    """The words that set a figure's ceiling ("up to", "jusqu'à"): the `high` list of the
    [quantities.qualifiers] table (read only), or of every language that has one."""
    codes = [lang] if lang in langdata.available() and _ceilings(lang) else \
        [c for c in langdata.available() if _ceilings(c)]
    words = {fold_same_length(w) for c in codes for w in _ceilings(c)}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def ceiling_before(rec: Record) -> Hit | None:
    """"up to 186,000", "jusqu'à 186 000": a ceiling word that opens the figure's words, or
    just precedes them."""
    found = _figure_in_sentence(rec)
    pattern = _pattern(ceiling_words(rec.get("language")))
    if found is None or pattern is None:
        return None
    sentence, base, fs, fe = found
    folded = fold_same_length(sentence)
    m = pattern.match(folded, fs)
    if m is None:
        m = re.search(r"(?<!\w)(?:" + pattern.pattern + r")\s*$", folded[:fs])
    return Hit(sentence[m.start():m.end()].rstrip(), base + m.start(), base + m.start() + len(m.group(0).rstrip())) \
        if m else None


def open_tail(rec: Record) -> Hit | None:
    """"186,000 or even more", "186 000 morts à Gaza, voire plus": the figure's top is left open."""
    found = _figure_in_sentence(rec)
    pattern = _pattern(lexicon(rec.get("language"))["open_tail_words"])
    if found is None or pattern is None:
        return None
    sentence, base, fs, fe = found
    folded = fold_same_length(sentence)
    for m in pattern.finditer(folded, fs):
        between = folded[fe:m.start()] if m.start() >= fe else ""
        if m.start() >= fe and len(re.findall(r"\w+", between)) > TAIL_MAX_WORDS:
            break
        if m.start() >= fs:
            return Hit(sentence[m.start():m.end()], base + m.start(), base + m.end())
    return None


def words_in(rec: Record, key: str, where: str = "text") -> Hit | None:
    """The first word of the list `key` in the record's claim text (or its sentence)."""
    if where == "sentence":
        text, base = _sentence(rec)
    else:
        text, base = rec.get("text") or "", int(rec.get("start") or 0)
    pattern = _pattern(lexicon(rec.get("language"))[key])
    m = pattern.search(fold_same_length(text)) if pattern else None
    return Hit(text[m.start():m.end()], base + m.start(), base + m.end()) if m else None


def word_in_text(text: str, lang: str | None, key: str) -> tuple[int, int] | None:
    pattern = _pattern(lexicon(lang)[key])
    m = pattern.search(fold_same_length(text)) if pattern else None
    return (m.start(), m.end()) if m else None


def multiplier_before(rec: Record) -> tuple[float, Hit] | None:
    """"15 times higher than 37,396": (15, the words from the multiplier to the figure)."""
    found = _figure_in_sentence(rec)
    words = lexicon(rec.get("language"))["times_words"]
    if found is None or not words:
        return None
    sentence, base, fs, fe = found
    prefix = fold_same_length(sentence[:fs])
    m = re.search(r"(\d+(?:[.,]\d+)?)\s+(" + "|".join(re.escape(w) for w in words) + r")\s*$", prefix)
    if m is None:
        return None
    return float(m.group(1).replace(",", ".")), Hit(sentence[m.start():fe], base + m.start(), base + fe)


def is_question(rec: Record) -> bool:
    """A question asks about a figure, it does not assert it ("Plus de 186 000 morts : quelle fiabilité ?")."""
    sentence, _ = _sentence(rec)
    return sentence.rstrip().rstrip("»\"”’' ").endswith("?")
