"""The finders read a Doc through its `DocTable` and phrase regexes built for speed: both must
say exactly what spaCy's Tokens and the plain phrase alternation say."""

from __future__ import annotations

import re

import pytest

from selon.certainty import fold, phrase_regex
from selon.clauses import DocTable

TEXTS = {
    "fr": "« Nous ne disons pas que le projet serait abandonné », a-t-elle affirmé mardi, selon Le Monde. "
          "D'après l'AFP, citée par l’Express, les négociations pourraient reprendre.\n\nIl l'a assuré.",
    "en": "\"We will fix it,\" the company said, citing internal tests. According to Reuters, officials "
          "reportedly expected the agency's decision; it is unclear whether it would be approved.",
}
FEATURES = ("VerbForm", "Mood", "Tense", "PronType", "Number", "Gender")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_doc_table_reads_what_the_tokens_say(lang, analyzer):
    doc = analyzer.pipeline(lang)(TEXTS[lang])
    table = DocTable(doc)
    for tok in doc:
        i = tok.i
        assert (table.text[i], table.idx[i], table.end_char[i]) == (tok.text, tok.idx, tok.idx + len(tok.text))
        assert (table.head[i], table.dep[i], table.pos[i], table.tag[i]) == (tok.head.i, tok.dep_, tok.pos_, tok.tag_)
        assert (table.lower[i], table.ent_type[i], table.lemma_text(i)) == (tok.lower_, tok.ent_type_, tok.lemma_)
        assert (table.is_alpha[i], table.like_num[i], table.whitespace[i]) == (tok.is_alpha, tok.like_num,
                                                                                bool(tok.whitespace_))
        assert table.space[i] == (tok.is_space or not tok.text.strip())
        assert table.children[i] == [c.i for c in tok.children]
        assert (table.left[i], table.right[i]) == (tok.left_edge.i, tok.right_edge.i)
        assert table.finite[i] == (tok.morph.get("VerbForm") == ["Fin"])
        for field in FEATURES:
            assert table.feature(i, field) == ",".join(tok.morph.get(field))


def _plain_regex(phrases) -> re.Pattern:
    """The phrase regex as first written: one alternation behind a word-boundary test."""
    forms = sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    alts = [r"\s*".join(re.escape(part) for part in re.split(r"\s+", f)) if " " in f else re.escape(f)
            for f in forms]
    alts = [a + ("" if a.endswith("'") else r"(?!\w)") for a in alts]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")")


def test_phrase_regex_finds_what_the_plain_alternation_finds():
    phrases = ["selon", "selon les", "d'après", "de source sûre", "à en croire", "il paraît que",
               "de mémoire d'", "x", "sel", "(note)", "reportedly", "it is said"]
    text = fold("Selon les uns, selon   les autres; d'après X, de source  sûre. Consel, selonX, "
                "à en croire Y: il paraît que... de mémoire d'homme (note) x-y 2x reportedly it is said"
                "\nselon\tles")
    found = [(m.start(), m.end(), m.group(0)) for m in phrase_regex(phrases).finditer(text)]
    assert found == [(m.start(), m.end(), m.group(0)) for m in _plain_regex(phrases).finditer(text)]
    assert len(found) >= 10
