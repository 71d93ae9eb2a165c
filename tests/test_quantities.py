"""Figures: what a number says, its bounds, what it counts, and what is not a figure.

Each figure is compared as (text, start, end, value, low, high, approximate, unit).
"""

from __future__ import annotations

import pytest

from selon import langdata
from selon.langdata import LangData
from selon.quantities import find_quantities, parse_number


def figures(nlp, text):
    """(text, start, end, value, low, high, approximate, unit) of every figure found."""
    doc = nlp(text)
    return [(q.text, q.start, q.end, q.value, q.low, q.high, q.approximate, q.unit)
            for q in doc._.selon_quantities]


def only(nlp, text):
    found = figures(nlp, text)
    assert len(found) == 1, found
    return found[0]


def at(sentence, expected, after=0):
    """An expected figure (span text, value, low, high, approximate, unit) with the offsets
    of the span in the sentence (its first occurrence from `after`)."""
    start = sentence.index(expected[0], after)
    return (expected[0], start, start + len(expected[0]), *expected[1:])


# --- French: numbers as written ------------------------------------------------------


def test_space_grouped_thousands_with_counted_noun(nlp_fr):
    sentence = "La préfecture a compté 2 500 manifestants à Lyon."
    assert only(nlp_fr, sentence) == at(sentence, ("2 500 manifestants", 2500, None, None, False, "manifestant"))


def test_narrow_and_no_break_spaces_group_thousands(nlp_fr):
    sentence = "L'usine emploie 1\u202f200 salariés et loue 3\u00a0400 logements."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("1\u202f200 salariés", 1200, None, None, False, "salarié")),
        at(sentence, ("3\u00a0400 logements", 3400, None, None, False, "logement")),
    ]


def test_dot_before_three_digits_groups_thousands_in_french(nlp_fr):
    sentence = "Le club a reversé 1.010 euros à la mairie."
    assert only(nlp_fr, sentence) == at(sentence, ("1.010 euros", 1010, None, None, False, "euro"))


def test_decimal_comma_with_scale_word_and_de_noun(nlp_fr):
    sentence = "La réforme touche 1,5 million de retraités."
    assert only(nlp_fr, sentence) == at(sentence, ("1,5 million de retraités", 1500000, None, None, False, "retraité"))


def test_plural_scale_with_currency_after_de(nlp_fr):
    sentence = "Le chantier coûtera 12,8 milliards d'euros."
    assert only(nlp_fr, sentence) == at(sentence, ("12,8 milliards d'euros", 12800000000, None, None, False, "euro"))


def test_compact_millions_with_euro_letter(nlp_fr):
    sentence = "La chaîne propose 240ME pour les droits."
    assert only(nlp_fr, sentence) == at(sentence, ("240ME", 240000000, None, None, False, "euro"))


def test_percent_sign_with_and_without_space(nlp_fr):
    sentence = "Le chômage est passé de 7,3 % à 6%."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("7,3 %", 7.3, None, None, False, "%")),
        at(sentence, ("6%", 6, None, None, False, "%")),
    ]


def test_pour_cent_is_percent(nlp_fr):
    sentence = "Les loyers ont augmenté de douze pour cent."
    assert only(nlp_fr, sentence) == at(sentence, ("douze pour cent", 12, None, None, False, "%"))


def test_spelled_out_number_counts_noun_after_adjective(nlp_fr):
    sentence = "La commune construira quatre nouvelles écoles."
    assert only(nlp_fr, sentence) == at(sentence, ("quatre nouvelles écoles", 4, None, None, False, "école"))


def test_spelled_out_scale_number(nlp_fr):
    sentence = "Le festival a attiré deux millions de visiteurs."
    assert only(nlp_fr, sentence) == at(sentence, ("deux millions de visiteurs", 2000000, None, None, False, "visiteur"))


def test_mille_is_a_number_word(nlp_fr):
    sentence = "Mille bénévoles ont nettoyé la plage."
    assert only(nlp_fr, sentence) == at(sentence, ("Mille bénévoles", 1000, None, None, False, "bénévole"))


def test_fraction_takes_noun_of_its_group(nlp_fr):
    sentence = "Un tiers des électeurs ne se sont pas déplacés."
    assert only(nlp_fr, sentence) == at(sentence, ("Un tiers", 1 / 3, None, None, False, "électeur"))


def test_approximate_count_noun(nlp_fr):
    sentence = "Une dizaine de maisons ont brûlé."
    assert only(nlp_fr, sentence) == at(sentence, ("Une dizaine de maisons", 10, None, None, True, "maison"))


def test_acronym_is_counted_noun(nlp_fr):
    sentence = "L'armée a commandé quatre SMR au fabricant."
    assert only(nlp_fr, sentence) == at(sentence, ("quatre SMR", 4, None, None, False, "SMR"))


# --- French: qualifiers and bounds ---------------------------------------------------


@pytest.mark.parametrize("sentence, expected", [
    ("Plus de 300 élèves ont été évacués.", ("Plus de 300 élèves", 300, 300, None, False, "élève")),
    ("Au moins 40 camions sont bloqués.", ("Au moins 40 camions", 40, 40, None, False, "camion")),
    ("Jusqu'à 900 postes seraient supprimés.", ("Jusqu'à 900 postes", 900, None, 900, False, "poste")),
    ("Moins de 30 députés étaient présents.", ("Moins de 30 députés", 30, None, 30, False, "député")),
])
def test_french_bound_qualifiers(nlp_fr, sentence, expected):
    assert only(nlp_fr, sentence) == at(sentence, expected)


@pytest.mark.parametrize("sentence, expected", [
    ("Près de 70 navires attendent au port.", ("Près de 70 navires", 70, None, None, True, "navire")),
    ("Environ 45 familles ont été relogées.", ("Environ 45 familles", 45, None, None, True, "famille")),
    ("Quelque 800 policiers seront mobilisés.", ("Quelque 800 policiers", 800, None, None, True, "policier")),
    ("Quasiment 12 % des votants ont voté blanc.", ("Quasiment 12 %", 12, None, None, True, "%")),
])
def test_french_approximate_qualifiers(nlp_fr, sentence, expected):
    assert only(nlp_fr, sentence) == at(sentence, expected)


def test_elided_qualifier_before_figure(nlp_fr):
    sentence = "Le groupe a réduit ses effectifs d'environ 8 %."
    assert only(nlp_fr, sentence) == at(sentence, ("environ 8 %", 8, None, None, True, "%"))


def test_article_after_qualifier_is_one(nlp_fr):
    sentence = "Le chantier a duré près d'un an."
    assert only(nlp_fr, sentence) == at(sentence, ("près d'un an", 1, None, None, True, "an"))


def test_entre_et_is_a_range_without_value(nlp_fr):
    sentence = "Le tableau vaudrait entre 2 millions d'euros et 3 millions d'euros."
    assert only(nlp_fr, sentence) == at(sentence, ("entre 2 millions d'euros et 3 millions d'euros", None, 2000000, 3000000, False, "euro"))


def test_range_shares_the_scale_of_its_upper_bound(nlp_fr):
    sentence = "Le tableau vaudrait entre 2 et 3 millions d'euros."
    assert only(nlp_fr, sentence) == at(sentence, ("entre 2 et 3 millions d'euros", None, 2000000, 3000000, False, "euro"))


def test_et_plus_after_noun_sets_low_bound(nlp_fr):
    sentence = "La campagne vise les 75 ans et plus."
    assert only(nlp_fr, sentence) == at(sentence, ("75 ans et plus", 75, 75, None, False, "an"))


def test_de_a_is_a_change_of_two_values_sharing_the_unit(nlp_fr):
    sentence = "La durée passe de 12 à 18 mois."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("12", 12, None, None, False, "mois")),
        at(sentence, ("18 mois", 18, None, None, False, "mois")),
    ]


def test_et_plus_opening_the_next_figure_is_not_a_bound(nlp_fr):
    sentence = "Le bilan est de 47 morts et plus de 200 blessés."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("47 morts", 47, None, None, False, "mort")),
        at(sentence, ("plus de 200 blessés", 200, 200, None, False, "blessé")),
    ]


def test_compared_figure_takes_the_unit_of_the_first(nlp_fr):
    sentence = "Le texte a été adopté par 289 voix contre 250."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("289 voix", 289, None, None, False, "voix")),
        at(sentence, ("250", 250, None, None, False, "voix")),
    ]


def test_part_of_a_group_takes_the_unit_of_the_group(nlp_fr):
    sentence = "Cinq des 18 lycées de la ville sont fermés."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("Cinq", 5, None, None, False, "lycée")),
        at(sentence, ("18 lycées", 18, None, None, False, "lycée")),
    ]


# --- French: not figures ---------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "En février 2022, la guerre a commencé.",           # year of a date
    "Le texte a été voté en 2017.",                     # year
    "Le 10 octobre, le tribunal rendra sa décision.",   # day of a date
    "La semaine allant du 6 au 12 janvier.",           # span of days
    "La 20ᵉ division a quitté la ville.",               # ordinal in a name
    "La 11e chambre a jugé l'affaire.",                  # ordinal
    "La séance commencera à 15 h.",                     # clock time
    "L'accès est régulé entre 20H00 et 08H00.",          # clock times
    "Le gouvernement pourrait utiliser l'article 49.3.",  # law number
    "On ne va pas vers un 49.3.",                      # law number, alone
    "Le projet EPR2 avance, selon le G7.",               # names with digits
    "Un régiment a déserté.",                           # a lone article
    "Des centaines de soldats ont fui.",               # vague amount
    "Des millions de foyers sont concernés.",           # vague amount
    "Le club joue en Ligue 1 cette saison.",            # label after a noun
    "Il faut appeler le 15 en cas d'urgence.",          # a number to call
    "Les deux se sont parlé hier.",                     # "both"
])
def test_french_non_figures(nlp_fr, sentence):
    assert figures(nlp_fr, sentence) == []


def test_labels_in_a_list_after_a_noun(nlp_fr):
    assert figures(nlp_fr, "Il achète les choix 1, 2 et 4 de chaque journée.") == []


def test_year_with_a_figure_mark_is_a_figure(nlp_fr):
    sentence = "Plus de 2000 personnes sont venues."
    assert only(nlp_fr, sentence) == at(sentence, ("Plus de 2000 personnes", 2000, 2000, None, False, "personne"))


# --- English ----------------------------------------------------------------------------


def test_comma_grouped_thousands_with_qualifier(nlp_en):
    sentence = "Police said more than 4,500 people marched."
    assert only(nlp_en, sentence) == at(sentence, ("more than 4,500 people", 4500, 4500, None, False, "people"))


def test_dollar_sign_and_scale_word(nlp_en):
    sentence = "The merger is worth $12.7 billion."
    assert only(nlp_en, sentence) == at(sentence, ("$12.7 billion", 12700000000, None, None, False, "dollar"))


def test_pound_sign_with_compact_million(nlp_en):
    sentence = "The club was sold for £85m last week."
    assert only(nlp_en, sentence) == at(sentence, ("£85m", 85000000, None, None, False, "pound"))


def test_compact_scale_without_currency_is_not_a_figure(nlp_en):
    assert figures(nlp_en, "The tower is 300m tall.") == []


def test_per_cent_is_percent(nlp_en):
    sentence = "Turnout fell to 61 per cent."
    assert only(nlp_en, sentence) == at(sentence, ("61 per cent", 61, None, None, False, "%"))


def test_currency_word_after_scale(nlp_en):
    sentence = "The budget gap reached 92 billion rupees."
    assert only(nlp_en, sentence) == at(sentence, ("92 billion rupees", 92000000000, None, None, False, "rupee"))


def test_dot_is_a_decimal_mark_in_english(nlp_en):
    sentence = "Unemployment rose to 4.25 percent."
    assert only(nlp_en, sentence) == at(sentence, ("4.25 percent", 4.25, None, None, False, "%"))


def test_counted_noun_is_last_of_a_compound(nlp_en):
    sentence = "Officials halted 12 planned solar power plants."
    assert only(nlp_en, sentence) == at(sentence, ("12 planned solar power plants", 12, None, None, False, "plant"))


def test_spelled_out_english_number(nlp_en):
    sentence = "The storm destroyed seven bridges."
    assert only(nlp_en, sentence) == at(sentence, ("seven bridges", 7, None, None, False, "bridge"))


def test_hyphenated_number_counts_the_word_after_it(nlp_en):
    sentence = "He gave a 45-minute speech."
    assert only(nlp_en, sentence) == at(sentence, ("45-minute", 45, None, None, False, "minute"))


@pytest.mark.parametrize("sentence, expected", [
    ("Over 200 flights were cancelled.", ("Over 200 flights", 200, 200, None, False, "flight")),
    ("At least 15 miners were trapped.", ("At least 15 miners", 15, 15, None, False, "miner")),
    ("Upwards of 3 million voters abstained.",
     ("Upwards of 3 million voters", 3000000, 3000000, None, False, "voter")),
    ("Up to 70 jobs could go.", ("Up to 70 jobs", 70, None, 70, False, "job")),
])
def test_english_bound_qualifiers(nlp_en, sentence, expected):
    assert only(nlp_en, sentence) == at(sentence, expected)


@pytest.mark.parametrize("sentence, expected", [
    ("Nearly 90 schools closed.", ("Nearly 90 schools", 90, None, None, True, "school")),
    ("About 30 boats sank.", ("About 30 boats", 30, None, None, True, "boat")),
    ("Around 500 homes lost power.", ("Around 500 homes", 500, None, None, True, "home")),
    ("Some 40 villages were flooded.", ("Some 40 villages", 40, None, None, True, "village")),
    ("An estimated 6 million viewers watched.",
     ("An estimated 6 million viewers", 6000000, None, None, True, "viewer")),
])
def test_english_approximate_qualifiers(nlp_en, sentence, expected):
    assert only(nlp_en, sentence) == at(sentence, expected)


def test_between_and_is_a_range(nlp_en):
    sentence = "The repairs will take between 3 and 5 weeks."
    assert only(nlp_en, sentence) == at(sentence, ("between 3 and 5 weeks", None, 3, 5, False, "week"))


def test_and_over_sets_low_bound(nlp_en):
    sentence = "The vaccine is offered to people aged 80 and over."
    assert only(nlp_en, sentence) == at(sentence, ("80 and over", 80, 80, None, False, None))


def test_a_fraction_of_a_group(nlp_en):
    sentence = "A quarter of the nurses quit."
    assert only(nlp_en, sentence) == at(sentence, ("A quarter", 0.25, None, None, False, "nurse"))


def test_qualified_fraction_sets_low_bound(nlp_en):
    sentence = "More than a third of the loans failed."
    assert only(nlp_en, sentence) == at(sentence, ("More than a third", 1 / 3, 1 / 3, None, False, "loan"))


def test_ordinal_half_is_not_a_fraction(nlp_en):
    assert figures(nlp_en, "Profits rose in the first half of the year.") == []


def test_nearly_a_year_is_one_year(nlp_en):
    sentence = "The strike lasted nearly a year."
    assert only(nlp_en, sentence) == at(sentence, ("nearly a year", 1, None, None, True, "year"))


def test_qualified_multiple(nlp_en):
    sentence = "Sales were nearly double the forecast."
    assert only(nlp_en, sentence) == at(sentence, ("nearly double", 2, None, None, True, None))


@pytest.mark.parametrize("sentence", [
    "The law was passed in 2017.",                 # year
    "The 2017-18 budget was revised.",              # span of years
    "The 20th Guards division withdrew.",           # ordinal in a name
    "The meeting starts at 3 p.m. sharp.",           # clock time
    "The vote is at 10:30 tomorrow.",                # clock time
    "Tens of millions of dollars were lost.",       # vague amount
    "Dozens of people gathered.",                   # vague amount
    "One source said the talks had stalled.",       # a lone "one"
    "Someone called the police.",                   # "some" + "one" inside a word
    "The vote was held on August 5.",                # day of a date
])
def test_english_non_figures(nlp_en, sentence):
    assert figures(nlp_en, sentence) == []


def test_offsets_point_into_the_text(nlp_en):
    text = "Shares fell 8 percent, and around $2.1 billion was wiped off."
    for q in nlp_en(text)._.selon_quantities:
        assert text[q.start:q.end] == q.text


def test_qualifier_words_are_kept_as_evidence(nlp_fr):
    q = nlp_fr("Jusqu'à 900 postes seraient supprimés.")._.selon_quantities[0]
    assert q.qualifier == "Jusqu'à"


# --- parse_number ------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("1 000", 1000), ("1\u202f000", 1000), ("1.010", 1010), ("7,3", 7.3), ("1,5 million", 1500000),
    ("25,6 millions", 25600000), ("trois", 3), ("vingt et un", 21), ("deux millions", 2000000),
    ("un tiers", 1 / 3), ("quatorze", 14),
])
def test_parse_number_french(text, expected):
    assert parse_number(text, langdata.load("fr")) == expected


@pytest.mark.parametrize("text, expected", [
    ("1,000", 1000), ("1.010", 1.01), ("3.2 million", 3200000), ("three", 3), ("a third", 1 / 3),
    ("two hundred thousand", 200000),
])
def test_parse_number_english(text, expected):
    assert parse_number(text, langdata.load("en")) == expected


@pytest.mark.parametrize("text", ["soldats", "5 %", "", "le 15 mars"])
def test_parse_number_refuses_what_is_not_a_number(text):
    assert parse_number(text, langdata.load("fr")) is None


def test_parse_number_reads_any_table_with_the_shared_keys():
    # A language text2num does not know: number and scale words come from the table alone.
    ru = LangData(code="xx", name="test", model=None, function_words=frozenset(), tables={"fallback": {
        "decimal_separators": [","], "group_separators": [" ", "\u00a0"],
        "number_words": {"три": 3, "двадцать": 20, "сто": 100},
        "multipliers": {"тысяч": 1000, "миллиона": 1000000},
    }})
    assert parse_number("1,5 миллиона", ru, table="fallback") == 1500000
    assert parse_number("двадцать три", ru, table="fallback") == 23
    assert parse_number("три тысяч", ru, table="fallback") == 3000
    assert parse_number("12 500", ru, table="fallback") == 12500
