"""The lexicon fallback: figures, sources, hedges and names for languages without a parser."""

from __future__ import annotations

import pytest

from selon import langdata
from selon.errors import SelonError
from selon.fallback import analyze_fallback, fallback_languages, lexicon, source_kind
from selon.fallback_numbers import find_quantities
from selon.model import Article


def figures(text: str, lang: str) -> list[tuple]:
    return [(q.text, q.start, q.end, q.value, q.low, q.high, q.approximate, q.unit)
            for q in find_quantities(text, "body", lexicon(lang).numbers)]


def only_claim(text: str, lang: str, title: str | None = None):
    analysis = analyze_fallback(Article(text=text, title=title), lang)
    assert len(analysis.claims) == 1, analysis.claims
    return analysis, analysis.claims[0]


# ---- languages ------------------------------------------------------------------------------

def test_every_language_without_a_parser_has_a_fallback_table_and_function_words():
    assert {"it", "es", "de", "ru", "uk"} <= set(fallback_languages())
    for code in fallback_languages():
        data = langdata.load(code)
        assert data.model is None
        assert len(data.function_words) >= 30


@pytest.mark.parametrize("lang, text", [
    ("it", "Secondo il giornale, i soldati della divisione hanno lasciato la loro base e non sono tornati."),
    ("es", "Según el diario, los soldados de la división dejaron su base y no han vuelto a sus casas."),
    ("de", "Laut der Zeitung haben die Soldaten der Division ihre Basis verlassen und sind nicht zurückgekehrt."),
    ("ru", "По данным газеты, солдаты дивизии покинули свою базу и не вернулись к своим семьям."),
    ("uk", "За даними газети, солдати дивізії залишили свою базу і не повернулися до своїх родин."),
    ("pt", "Segundo o jornal, os soldados da divisão deixaram a sua base e não voltaram para as famílias."),
])
def test_function_words_tell_each_language_apart(lang, text):
    assert langdata.detect_language(text)[0] == lang


def test_a_language_without_fallback_table_is_refused_by_name():
    with pytest.raises(SelonError) as err:
        lexicon("en")
    assert err.value.item == "en"


# ---- figures --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, written, value", [
    ("ru", "1 010", 1010), ("uk", "1\u00a0010", 1010), ("de", "1.010", 1010), ("it", "1.010", 1010),
    ("es", "12,5", 12.5), ("de", "2.500.000", 2500000), ("ru", "3,75", 3.75), ("it", "1.5", 1.5),
])
def test_numerals_follow_each_language_grouping_and_decimal_signs(lang, written, value):
    [quantity] = find_quantities(f"Sono {written} soldati.", "body", lexicon(lang).numbers)
    assert (quantity.value, quantity.start, quantity.end - len(" soldati")) == (value, 5, 5 + len(written))


def test_cyrillic_grouping_with_a_space_and_a_lower_bound():
    assert figures("В 2023 году свыше 1 010 солдат покинули часть.", "ru") == [
        ("свыше 1 010 солдат", 12, 30, 1010, 1010, None, False, "солдат")]


def test_cyrillic_scale_abbreviation_keeps_the_sentence_whole():
    text = "Около 186 тыс. человек погибли, утверждает журнал."
    assert figures(text, "ru") == [("Около 186 тыс. человек", 0, 22, 186000, None, None, True, "человек")]
    analysis, claim = only_claim(text, "ru")
    assert claim.text == "Около 186 тыс. человек погибли, утверждает журнал"


def test_a_number_word_alone_is_a_figure():
    assert figures("За оцінками, тисяча людей загинула.", "uk") == [
        ("тисяча людей", 13, 25, 1000, None, None, False, "людина")]


def test_ranges_give_bounds_and_no_value():
    assert figures("Zwischen 400 und 600 Menschen wurden verletzt.", "de") == [
        ("Zwischen 400 und 600 Menschen", 0, 29, None, 400, 600, False, "Mensch")]
    assert figures("От 200 до 300 военных.", "ru") == [
        ("От 200 до 300 военных", 0, 21, None, 200, 300, False, "военный")]


def test_upper_bound_and_scale_word_with_linking_preposition():
    assert figures("Hasta 1,2 millones de euros.", "es") == [
        ("Hasta 1,2 millones de euros", 0, 27, 1200000, None, 1200000, False, "euro")]


def test_percent_words_are_the_unit_and_not_a_second_figure():
    assert figures("Il 12,5 per cento dei voti.", "it") == [
        ("12,5 per cento", 3, 17, 12.5, None, None, False, "%")]


def test_years_and_ordinals_are_not_figures():
    assert figures("La 3ª armata è tornata nel 2022.", "it") == []
    assert figures("Die 20. Division wurde 2023 verlegt.", "de") == []
    assert figures("Понад 1 010 солдатів 20-ї дивізії залишили частину у 2023 році.", "uk") == [
        ("Понад 1 010 солдатів", 0, 20, 1010, 1010, None, False, "солдат")]


# ---- sources, hedges, claims ----------------------------------------------------------------

def test_secondo_names_the_source_and_the_conditional_makes_it_probable():
    text = "Secondo Newsweek, più di 1.000 soldati avrebbero disertato vicino a Volgograd."
    analysis, claim = only_claim(text, "it")
    assert (claim.text, claim.start, claim.end) == (
        "più di 1.000 soldati avrebbero disertato vicino a Volgograd", 18, 77)
    link = claim.chain[0]
    assert (link.source, link.start, link.end, link.cue, link.cue_start, link.cue_end, link.kind) == (
        "Newsweek", 8, 16, "Secondo", 0, 7, "media")
    assert (claim.certainty, claim.hedges, claim.certainty_rule) == ("probable", ["avrebbero"], "lexicon_hedge_probable")
    assert [(q.text, q.value, q.low, q.unit) for q in claim.quantities] == [("più di 1.000 soldati", 1000, 1000, "soldato")]
    assert analysis.parser == "lexicon"


def test_segun_with_a_media_word_before_the_name():
    _, claim = only_claim("Según el diario iStories, 1.010 soldados abandonaron su unidad.", "es")
    link = claim.chain[0]
    assert (link.source, link.start, link.end, link.kind, link.cue) == ("diario iStories", 9, 24, "media", "Según")
    assert claim.text == "1.010 soldados abandonaron su unidad"
    assert claim.certainty == "certain"


def test_laut_without_comma_takes_the_name_only_and_sollen_is_a_hedge():
    _, claim = only_claim("Laut Newsweek sollen mehr als 1.000 Soldaten desertiert sein.", "de")
    assert [(l.source, l.start, l.end) for l in claim.chain] == [("Newsweek", 5, 13)]
    assert claim.text == "sollen mehr als 1.000 Soldaten desertiert sein"
    assert (claim.certainty, claim.hedges) == ("probable", ["sollen"])


def test_zufolge_follows_its_source():
    _, claim = only_claim("Dem Bericht zufolge flohen rund 300 Männer.", "de")
    link = claim.chain[0]
    assert (link.source, link.start, link.end, link.cue, link.kind) == ("Bericht", 4, 11, "zufolge", "document")
    assert claim.text == "flohen rund 300 Männer"
    assert [(q.text, q.approximate, q.unit) for q in claim.quantities] == [("rund 300 Männer", True, "Mann")]


def test_po_dannym_with_a_quoted_outlet_title():
    text = "По данным издания «Важные истории», 1 010 военнослужащих покинули часть."
    analysis, claim = only_claim(text, "ru")
    link = claim.chain[0]
    assert (link.source, link.start, link.end, link.cue, link.kind) == (
        "издания «Важные истории»", 10, 34, "По данным", "media")
    assert (claim.text, claim.start) == ("1 010 военнослужащих покинули часть", 36)
    assert [(e.text, e.start, e.end, e.label) for e in analysis.entities] == [("Важные истории", 19, 33, "ORG")]


def test_kak_soobshchaet_and_za_danymy():
    _, ru = only_claim("Как сообщает ТАСС, около 2 тыс. человек были мобилизованы.", "ru")
    assert [(l.source, l.cue, l.kind) for l in ru.chain] == [("ТАСС", "Как сообщает", "media")]
    assert [(q.text, q.value, q.approximate) for q in ru.quantities] == [("около 2 тыс. человек", 2000, True)]
    _, uk = only_claim("За даними Міноборони України, понад 1 010 солдатів залишили частину.", "uk")
    assert [(l.source, l.cue, l.kind) for l in uk.chain] == [("Міноборони України", "За даними", "government")]


def test_source_after_the_content_covers_its_sentence():
    _, claim = only_claim("Circa 1,5 milioni di persone vivono nella regione, riferisce l'ANSA.", "it")
    assert (claim.text, claim.start, claim.end) == ("Circa 1,5 milioni di persone vivono nella regione", 0, 49)
    assert [(l.source, l.cue, l.kind) for l in claim.chain] == [("l'ANSA", "riferisce", "media")]


def test_reporting_verb_after_a_named_body():
    _, claim = only_claim("Il ministero della Difesa ucraino ha detto che tra 500 e 700 uomini sono fuggiti.", "it")
    assert [(l.source, l.cue, l.kind) for l in claim.chain] == [
        ("ministero della Difesa ucraino", "ha detto", "government")]
    assert claim.text == "tra 500 e 700 uomini sono fuggiti"
    assert [(q.low, q.high, q.value) for q in claim.quantities] == [(500, 700, None)]


def test_anonymous_sources_and_possible_certainty():
    _, claim = only_claim("Según fuentes militares, unos 40 soldados podrían haber huido.", "es")
    assert [(l.source, l.kind) for l in claim.chain] == [("fuentes militares", "anonymous")]
    assert (claim.certainty, claim.hedges) == ("possible", ["podrían"])


def test_a_sentence_with_no_figure_source_or_hedge_is_no_claim():
    analysis = analyze_fallback(Article(text="Il tempo era bello. La città dormiva."), "it")
    assert analysis.claims == []


def test_title_claims_have_their_own_part_and_ids():
    analysis = analyze_fallback(Article(title="Oltre 2.000 soldati in fuga",
                                        text="Secondo la stampa, 1.500 soldati sono partiti."), "it")
    assert [(c.id, c.part, c.text) for c in analysis.claims] == [
        ("t0", "title", "Oltre 2.000 soldati in fuga"), ("c0", "body", "1.500 soldati sono partiti")]
    assert analysis.claims[0].quantities[0].part == "title"


def test_offsets_always_point_at_the_words():
    text = ("Secondo Newsweek, più di 1.000 soldati avrebbero disertato. Il ministero della Difesa ucraino "
            "ha detto che tra 500 e 700 uomini sono fuggiti. Circa 1,5 milioni di persone vivono a Kharkiv.")
    analysis = analyze_fallback(Article(text=text, title="Fuga da Volgograd"), "it")
    for claim in analysis.claims:
        part = analysis.part_text(claim.part)
        assert part[claim.start:claim.end] == claim.text
        for q in claim.quantities:
            assert part[q.start:q.end] == q.text
        for link in claim.chain:
            assert part[link.start:link.end] == link.source
            assert part[link.cue_start:link.cue_end] == link.cue
        for h in claim.hedge_spans:
            assert part[h.start:h.end] == h.text
    for ent in analysis.entities:
        assert analysis.part_text(ent.part)[ent.start:ent.end] == ent.text


# ---- names ----------------------------------------------------------------------------------

def test_names_by_capitalisation_skip_ordinary_sentence_openers():
    analysis = analyze_fallback(Article(text="Ieri Mario Rossi è arrivato a Volgograd. Oggi riparte."), "it")
    assert [(e.text, e.start, e.end) for e in analysis.entities] == [("Mario Rossi", 5, 16), ("Volgograd", 30, 39)]


def test_german_common_nouns_are_not_names():
    text = "Die Soldaten der Division flohen aus Wolgograd. Nach der Meldung von Newsweek reagierte die Regierung."
    analysis = analyze_fallback(Article(text=text), "de")
    assert [e.text for e in analysis.entities] == ["Wolgograd", "Newsweek"]


@pytest.mark.parametrize("name, lang, kind", [
    ("Newsweek", "it", "media"), ("ministero della Difesa", "it", "government"),
    ("fonti ucraine", "it", "anonymous"), ("Mario Rossi", "it", "person"),
    ("Минобороны России", "ru", "government"), ("видання", "uk", "media"), ("Bericht", "de", "document"),
])
def test_source_kinds_come_from_the_lexicon(name, lang, kind):
    assert source_kind(name, lexicon(lang))[0] == kind
