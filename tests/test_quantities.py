"""Figures: what a number says, its bounds, what it counts, and what is not a figure.

Each figure is compared as (text, start, end, value, low, high, approximate, unit).
"""

from __future__ import annotations

import random

import pytest

from selon import langdata, quantities
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


def test_an_article_after_a_qualifier_counts_only_a_measure(nlp_en, nlp_fr):
    assert figures(nlp_en, "The unions are close to a deal with the airline.") == []
    assert figures(nlp_fr, "Les syndicats sont proches d'un accord avec la compagnie.") == []
    sentence = "The talks went on for about a month."
    assert only(nlp_en, sentence) == at(sentence, ("about a month", 1, None, None, True, "month"))


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


# --- Scale letters glued to the number ---------------------------------------------------


@pytest.mark.parametrize("sentence, expected", [
    ("The petition gathered 186K signatures.", ("186K signatures", 186000, None, None, False, "signature")),
    ("Analysts counted 240k ballots.", ("240k ballots", 240000, None, None, False, "ballot")),
    ("The city has 1.5M residents.", ("1.5M residents", 1500000, None, None, False, "resident")),
    ("The fund raised 2bn from investors.", ("2bn", 2000000000, None, None, False, None)),
    ("The plan costs €3bn in total.", ("€3bn", 3000000000, None, None, False, "euro")),
])
def test_scale_letter_after_the_number_multiplies_it(nlp_en, sentence, expected):
    assert only(nlp_en, sentence) == at(sentence, expected)


def test_scale_letter_in_french_after_a_bounding_verb(nlp_fr):
    sentence = "La vidéo a dépassé 120K vues."
    assert only(nlp_fr, sentence) == at(sentence, ("dépassé 120K vues", 120000, 120000, None, False, "vue"))


@pytest.mark.parametrize("sentence", [
    "3M said it would cut jobs.",            # one digit and one letter: a company
    "She ran a 5k race on Sunday.",          # a distance
    "The EPR2 reactor and the G7 summit.",   # names with digits
])
def test_scale_letters_that_are_not_scales(nlp_en, sentence):
    assert figures(nlp_en, sentence) == []


# --- An open top after the figure --------------------------------------------------------


def test_or_even_more_lifts_the_ceiling_and_finds_the_noun_after_it(nlp_en):
    sentence = "Officials feared up to 5,000 or even more casualties."
    found = nlp_en(sentence)._.selon_quantities
    assert only(nlp_en, sentence) == at(sentence, ("up to 5,000 or even more casualties", 5000, 5000, None, False, "casualty"))
    assert found[0].qualifier == "up to … or even more"


def test_or_more_between_figure_and_noun(nlp_en):
    sentence = "The flood may have displaced 90K or more families."
    assert only(nlp_en, sentence) == at(sentence, ("90K or more families", 90000, 90000, None, False, "family"))


def test_voire_plus_after_a_comma_lifts_the_ceiling(nlp_fr):
    sentence = "Le séisme aurait fait jusqu'à 3 000 victimes, voire plus, selon l'ONU."
    assert only(nlp_fr, sentence) == at(sentence, ("jusqu'à 3 000 victimes, voire plus", 3000, 3000, None, False, "victime"))


def test_voire_davantage_is_a_low_bound(nlp_fr):
    sentence = "Les pertes atteignent 800 millions d'euros, voire davantage."
    assert only(nlp_fr, sentence) == at(sentence, ("800 millions d'euros, voire davantage", 800000000, 800000000, None, False, "euro"))


def test_au_plus_tard_is_no_ceiling(nlp_fr):
    sentence = "Il rendra sa copie dans 5 jours au plus tard."
    assert only(nlp_fr, sentence) == at(sentence, ("5 jours", 5, None, None, False, "jour"))


# --- Ranges without an opener, and changes -----------------------------------------------


@pytest.mark.parametrize("sentence, expected", [
    ("La hausse des loyers serait de 4 à 6 %.", ("4 à 6 %", None, 4, 6, False, "%")),
    ("Les salariés de 55 à 64 ans sont concernés.", ("55 à 64 ans", None, 55, 64, False, "an")),
    ("La ville accueille 20-25 festivals par an.", ("20-25 festivals", None, 20, 25, False, "festival")),
    ("Les 18–24 ans votent peu.", ("18–24 ans", None, 18, 24, False, "an")),
    ("Environ 7 à 9 % des votants ont hésité.", ("Environ 7 à 9 %", None, 7, 9, True, "%")),
])
def test_french_range_without_opener(nlp_fr, sentence, expected):
    assert only(nlp_fr, sentence) == at(sentence, expected)


@pytest.mark.parametrize("sentence, expected", [
    ("Wages are expected to grow 3 to 5 percent.", ("3 to 5 percent", None, 3, 5, False, "%")),
    ("The region hosts 30-40 startups.", ("30-40 startups", None, 30, 40, False, "startup")),
    ("Rates ranging from 2 to 4 percent were offered.", ("2 to 4 percent", None, 2, 4, False, "%")),
    ("About 2 to 3 million people fled.", ("About 2 to 3 million people", None, 2000000, 3000000, True, "people")),
])
def test_english_range_without_opener(nlp_en, sentence, expected):
    assert only(nlp_en, sentence) == at(sentence, expected)


def test_de_a_after_a_change_verb_is_two_values(nlp_fr):
    sentence = "L'âge minimal sera relevé de 60 à 62 ans."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("60", 60, None, None, False, "an")),
        at(sentence, ("62 ans", 62, None, None, False, "an")),
    ]


def test_de_a_after_a_change_noun_is_two_values(nlp_fr):
    sentence = "Le syndicat refuse le report de l'âge légal de 60 à 62 ans."
    assert figures(nlp_fr, sentence) == [
        at(sentence, ("60", 60, None, None, False, "an")),
        at(sentence, ("62 ans", 62, None, None, False, "an")),
    ]


def test_from_to_after_a_change_verb_is_two_values(nlp_en):
    sentence = "Tuition rose from 9 to 12 percent."
    assert figures(nlp_en, sentence) == [
        at(sentence, ("9", 9, None, None, False, "%")),
        at(sentence, ("12 percent", 12, None, None, False, "%")),
    ]


def test_a_vote_count_against_another_is_not_a_range(nlp_en):
    sentence = "The motion failed by 12 votes to 41."
    assert figures(nlp_en, sentence) == [
        at(sentence, ("12 votes", 12, None, None, False, "vote")),
        at(sentence, ("41", 41, None, None, False, "vote")),
    ]


@pytest.mark.parametrize("sentence", [
    "The side suffered a 0-3 defeat.",   # a score
    "They lost 1-2 at home.",            # a score with no noun
    "The 2019-20 season was cut short.",  # a span of years
    "Read pages 12-15 of the report.",   # labels after a noun
])
def test_dashed_pairs_that_are_not_ranges(nlp_en, sentence):
    assert figures(nlp_en, sentence) == []


# --- Verbs that bound a figure -----------------------------------------------------------


@pytest.mark.parametrize("sentence, expected, qualifier", [
    ("The deficit could exceed 4 percent.", ("exceed 4 percent", 4, 4, None, False, "%"), "exceed"),
    ("Ticket sales soared past 60,000.", ("soared past 60,000", 60000, 60000, None, False, None), "soared past"),
    ("Exports topped $8 billion.", ("topped $8 billion", 8000000000, 8000000000, None, False, "dollar"), "topped"),
    ("Turnout fell short of 50 percent.", ("fell short of 50 percent", 50, None, 50, False, "%"), "fell short of"),
    ("Inflation should not exceed 2 percent.", ("not exceed 2 percent", 2, None, 2, False, "%"), "not exceed"),
])
def test_english_bounding_verbs(nlp_en, sentence, expected, qualifier):
    assert only(nlp_en, sentence) == at(sentence, expected)
    assert nlp_en(sentence)._.selon_quantities[0].qualifier == qualifier


@pytest.mark.parametrize("sentence, expected, qualifier", [
    ("Le déficit pourrait dépasser 5 %.", ("dépasser 5 %", 5, 5, None, False, "%"), "dépasser"),
    ("Les dégâts dépassent les 2 millions d'euros.",
     ("dépassent les 2 millions d'euros", 2000000, 2000000, None, False, "euro"), "dépassent les"),
    ("Le nombre d'inscrits a franchi la barre des 10 000.",
     ("franchi la barre des 10 000", 10000, 10000, None, False, None), "franchi la barre des"),
    ("La dette ne devrait pas dépasser 3 %.", ("pas dépasser 3 %", 3, None, 3, False, "%"), "pas dépasser"),
    ("Le chômage est passé sous la barre des 7 %.", ("sous la barre des 7 %", 7, None, 7, False, "%"), "sous la barre des"),
])
def test_french_bounding_verbs(nlp_fr, sentence, expected, qualifier):
    assert only(nlp_fr, sentence) == at(sentence, expected)
    assert nlp_fr(sentence)._.selon_quantities[0].qualifier == qualifier


@pytest.mark.parametrize("nlp_name, sentence, expected", [
    ("nlp_fr", "Les prix vont dépasser de 5 % la moyenne.", ("5 %", 5, None, None, False, "%")),   # a margin
    ("nlp_fr", "Il a passé 3 jours à Paris.", ("3 jours", 3, None, None, False, "jour")),          # no threshold
    ("nlp_en", "The top 10 firms grew.", ("10 firms", 10, None, None, False, "firm")),             # an adjective
])
def test_verbs_and_words_that_do_not_bound(request, nlp_name, sentence, expected):
    assert only(request.getfixturevalue(nlp_name), sentence) == at(sentence, expected)


# --- Dates next to figures ---------------------------------------------------------------


def test_figure_after_a_month_and_a_comma(nlp_fr):
    sentence = "Depuis mars, 1 204 agents ont quitté le service."
    assert only(nlp_fr, sentence) == at(sentence, ("1 204 agents", 1204, None, None, False, "agent"))


def test_small_figure_after_a_month_and_a_comma_in_english(nlp_en):
    sentence = "In May, 14 nurses resigned."
    assert only(nlp_en, sentence) == at(sentence, ("14 nurses", 14, None, None, False, "nurse"))


def test_number_after_a_verb_tagged_as_a_noun_is_no_label(nlp_fr):
    sentence = "Le groupe compte 300 salariés."
    assert only(nlp_fr, sentence) == at(sentence, ("300 salariés", 300, None, None, False, "salarié"))


# --- Cyrillic numbers through the fallback tables ----------------------------------------


@pytest.mark.parametrize("code, text, expected", [
    ("ru", "1 010", 1010), ("ru", "1\u00a0010", 1010), ("ru", "18 тысяч", 18000), ("ru", "1,5 млн", 1500000),
    ("ru", "полторы тысячи", 1500),
    ("uk", "1 010", 1010), ("uk", "18 тисяч", 18000), ("uk", "1,5 млн", 1500000), ("uk", "2,3 мільйона", 2300000),
])
def test_parse_number_cyrillic_fallback_tables(code, text, expected):
    assert parse_number(text, langdata.load(code), table="fallback") == expected


# --- numbers looked for only where they may begin ----------------------------------------


def _texts_of(frames: list[list[list[str]]], count: int, seed: int) -> list[str]:
    """Random texts: a few frames (lists of word lists, in reading order) with a word drawn
    from each list (or the list skipped), with blanks and other separators between them."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        picked = [rng.choice(words) for frame in rng.sample(frames, rng.randint(1, 3))
                  for words in frame if words and rng.random() < 0.7]
        seps = [" "] * 8 + ["", ", ", "-", "\n", "'", "’", "."]
        text = "".join(word + rng.choice(seps) for word in picked)
        texts.append(text.upper() if rng.random() < 0.1 else text)
    return texts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_numbers_tried_where_they_may_begin_are_those_of_trying_everywhere(lang, monkeypatch):
    # The core regexes are tried only where a digit or a word of their classes begins (one
    # pass over the text), and so is the qualifier before a figure: they must find what
    # trying at every character finds.
    r = quantities.rules(langdata.load(lang))
    q = langdata.load(lang).section("quantities")
    words, articles, qualifiers = list(r.number_words) + list(r.multipliers), list(r.articles), list(r.qualifier_kind)
    digits = ["1", "15", "2024", "1 000", "3,5", "1.5", "25"]
    frames = [[qualifiers, articles, words, words, digits, list(r.unit_words)],
              [articles, list(r.approximate_numbers)], [qualifiers, list(q.get("fractions", {}))],
              [qualifiers, list(r.multiples)], [digits, words]]
    texts = _texts_of(frames, 1500, seed=3)
    cores = [quantities._cores(text, r, quantities._openings(text, r.opening)) for text in texts]
    for text in texts:
        at = quantities._openings(text, r.opening)["qualifier"]
        for end in range(len(text) + 1):
            start = max(0, end - 40)
            m, tried = r.qualifier_before.search(text, start, end), \
                quantities._search_at(r.qualifier_before, text, start, end, at)
            assert (m and (m.span(), m.group(1))) == (tried and (tried.span(), tried.group(1))), (text, end)
    monkeypatch.setattr(quantities, "_matches", lambda regex, text, starts: regex.finditer(text))
    assert [quantities._cores(text, r, quantities._openings(text, r.opening)) for text in texts] == cores
