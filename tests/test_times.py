"""Time expressions: what is found, and what it resolves to with and without a publication date.

Each expression is compared as (text, start, end, value, granularity, relative, rule).
"""

from __future__ import annotations

import pickle
import random
from datetime import date

import pytest

from selon import langdata, quantities
from selon import times as time_rules
from selon.times import resolve

# A Wednesday.
PUBLISHED = date(2024, 11, 20)


def times(nlp, text, published=PUBLISHED):
    doc = nlp(text)
    return [(t.text, t.start, t.end, t.value, t.granularity, t.relative, t.rule)
            for t in resolve(doc._.selon_times, published)]


def at(sentence, expected, after=0):
    """An expected expression (span text, value, granularity, relative, rule) with its offsets."""
    start = sentence.index(expected[0], after)
    return (expected[0], start, start + len(expected[0]), *expected[1:])


def only(nlp, text, published=PUBLISHED):
    found = times(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


# --- absolute ------------------------------------------------------------------------------


def test_month_and_year(nlp_fr):
    s = "En février 2022, l'armée a franchi la frontière."
    assert only(nlp_fr, s) == at(s, ("février 2022", "2022-02", "month", False, "month_year"))


def test_full_date_french(nlp_fr):
    s = "Le décret a été signé le 5 décembre 2018 à Paris."
    assert only(nlp_fr, s) == at(s, ("5 décembre 2018", "2018-12-05", "day", False, "date"))


def test_full_date_english_month_first(nlp_en):
    s = "The deal closed on August 5, 2017 in Boston."
    assert only(nlp_en, s) == at(s, ("August 5, 2017", "2017-08-05", "day", False, "date"))


def test_year_after_preposition(nlp_en):
    s = "The disease was eliminated in 2000 after a long campaign."
    assert only(nlp_en, s) == at(s, ("2000", "2000", "year", False, "year"))


def test_year_with_period_modifier(nlp_fr):
    s = "Une estimation rendue publique début 2022 a été revue."
    assert only(nlp_fr, s) == at(s, ("début 2022", "2022", "year", False, "year"))


def test_span_of_years_resolves_to_its_first_year(nlp_en):
    s = "The 2017-18 budget gap will widen."
    assert only(nlp_en, s) == at(s, ("2017-18", "2017", "year", False, "year_span"))


def test_season_with_year(nlp_fr):
    s = "Le parquet avait requis un non-lieu à l'été 2007."
    assert only(nlp_fr, s) == at(s, ("été 2007", "2007", "year", False, "season_year"))


def test_numeric_date_in_the_language_order(nlp_fr, nlp_en):
    s = "Le contrat expire le 03/04/2025."
    assert only(nlp_fr, s) == at(s, ("03/04/2025", "2025-04-03", "day", False, "date"))
    s = "The contract expires on 03/04/2025."
    assert only(nlp_en, s) == at(s, ("03/04/2025", "2025-03-04", "day", False, "date"))


def test_absolute_dates_need_no_publication_date(nlp_fr):
    s = "En février 2022, l'armée a franchi la frontière."
    assert only(nlp_fr, s, published=None) == at(s, ("février 2022", "2022-02", "month", False, "month_year"))


# --- relative, resolved against the publication date -------------------------------------


def test_last_month_name_french(nlp_fr):
    s = "En septembre dernier, le journal a écrit le contraire."
    assert only(nlp_fr, s) == at(s, ("septembre dernier", "2024-09", "month", True, "month"))


def test_last_month_name_english(nlp_en):
    s = "Last September, the paper wrote the opposite."
    assert only(nlp_en, s) == at(s, ("Last September", "2024-09", "month", True, "month"))


def test_last_month_name_is_strictly_before_the_publication_month(nlp_fr):
    s = "En novembre dernier, le journal a écrit le contraire."
    assert only(nlp_fr, s) == at(s, ("novembre dernier", "2023-11", "month", True, "month"))


def test_years_ago_french(nlp_fr):
    s = "Il y a trois ans, la ville comptait deux usines."
    assert only(nlp_fr, s) == at(s, ("Il y a trois ans", "2021", "year", True, "ago"))


def test_years_ago_english(nlp_en):
    s = "Three years ago, the town had two factories."
    assert only(nlp_en, s) == at(s, ("Three years ago", "2021", "year", True, "ago"))


def test_an_article_counts_one_in_ago(nlp_fr):
    s = "Il y a un an, les prix avaient reculé."
    assert only(nlp_fr, s) == at(s, ("Il y a un an", "2023", "year", True, "ago"))


def test_months_ahead(nlp_fr):
    s = "La décision tombera dans deux mois."
    assert only(nlp_fr, s) == at(s, ("dans deux mois", "2025-01", "month", True, "later"))


def test_lone_weekday_is_the_nearest_one(nlp_fr, nlp_en):
    s = "Le ministre doit démissionner vendredi."
    assert only(nlp_fr, s) == at(s, ("vendredi", "2024-11-22", "day", True, "weekday"))
    s = "The board meets on Friday."
    assert only(nlp_en, s) == at(s, ("Friday", "2024-11-22", "day", True, "weekday"))


def test_weekday_told_in_the_past_is_the_last_one(nlp_fr, nlp_en):
    s = "Le ministre a démissionné vendredi."
    assert only(nlp_fr, s) == at(s, ("vendredi", "2024-11-15", "day", True, "weekday"))
    s = "The minister resigned on Thursday."
    assert only(nlp_en, s) == at(s, ("Thursday", "2024-11-14", "day", True, "weekday"))


def test_weekday_of_the_publication_day_told_in_the_past_is_that_day(nlp_en):
    s = "The agency said on Wednesday that cases rose."
    assert only(nlp_en, s) == at(s, ("Wednesday", "2024-11-20", "day", True, "weekday"))


def test_this_weekday_with_day_and_month_is_one_date(nlp_fr):
    s = "Les chiffres ont été dévoilés ce vendredi 15 novembre."
    assert only(nlp_fr, s) == at(s, ("ce vendredi 15 novembre", "2024-11-15", "day", True, "day_month"))


def test_last_weekday_is_before_the_publication_date(nlp_fr):
    s = "Mercredi dernier, le président avait accepté sa démission."
    assert only(nlp_fr, s) == at(s, ("Mercredi dernier", "2024-11-13", "day", True, "weekday"))


def test_next_weekday_english(nlp_en):
    s = "The board meets next Friday."
    assert only(nlp_en, s) == at(s, ("next Friday", "2024-11-22", "day", True, "weekday"))


def test_day_and_month_take_the_nearest_year(nlp_fr):
    s = "Le parquet a requis la relaxe le 10 octobre."
    assert only(nlp_fr, s) == at(s, ("10 octobre", "2024-10-10", "day", True, "day_month"))


def test_weekday_chooses_the_year_of_a_day_and_month(nlp_fr):
    # 15 March was a Wednesday in 2023, not in 2024 or 2025.
    s = "Mercredi 15 mars, le président a réuni ses ministres."
    assert only(nlp_fr, s) == at(s, ("Mercredi 15 mars", "2023-03-15", "day", True, "day_month"))


def test_next_day_and_month(nlp_fr):
    s = "La diffusion commence le 16 août prochain."
    assert only(nlp_fr, s) == at(s, ("16 août prochain", "2025-08-16", "day", True, "day_month"))


def test_span_of_days_gives_both_days(nlp_fr):
    s = "La semaine allant du 6 au 12 janvier a été marquée par la grippe."
    assert times(nlp_fr, s) == [
        at(s, ("6", "2025-01-06", "day", True, "day_month")),
        at(s, ("12 janvier", "2025-01-12", "day", True, "day_month")),
    ]


def test_this_season(nlp_fr):
    s = "La facture pourrait augmenter cet été."
    assert only(nlp_fr, s) == at(s, ("cet été", "2024", "year", True, "season"))


def test_last_year_phrases(nlp_fr, nlp_en):
    s = "L'an dernier, la ville a recruté."
    assert only(nlp_fr, s) == at(s, ("L'an dernier", "2023", "year", True, "relative"))
    s = "Last year saw a record number of cases."
    assert only(nlp_en, s) == at(s, ("Last year", "2023", "year", True, "relative"))


def test_yesterday(nlp_en):
    s = "The mayor resigned yesterday."
    assert only(nlp_en, s) == at(s, ("yesterday", "2024-11-19", "day", True, "relative"))


def test_lone_month_takes_the_nearest_occurrence(nlp_en):
    s = "The outbreak could peak in December."
    assert only(nlp_en, s) == at(s, ("December", "2024-12", "month", True, "month"))


def test_lone_month_told_in_the_past_is_the_last_one(nlp_en):
    s = "The outbreak began in December."
    assert only(nlp_en, s) == at(s, ("December", "2023-12", "month", True, "month"))


# --- relative, without a publication date ------------------------------------------------


@pytest.mark.parametrize("sentence, expected", [
    ("En septembre dernier, le journal a écrit le contraire.", ("septembre dernier", None, "month", True, "month")),
    ("Il y a trois ans, la ville comptait deux usines.", ("Il y a trois ans", None, "year", True, "ago")),
    ("Le ministre doit démissionner mardi.", ("mardi", None, "day", True, "weekday")),
    ("Le parquet a requis la relaxe le 10 octobre.", ("10 octobre", None, "day", True, "day_month")),
])
def test_relative_expressions_stay_unresolved_without_publication_date(nlp_fr, sentence, expected):
    assert only(nlp_fr, sentence, published=None) == at(sentence, expected)


# --- not time expressions ----------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Plus de 2000 manifestants ont défilé.",        # a figure, not a year
    "Intel a connu des temps difficiles dans les années 2000.",  # a decade
    "La sonde a atteint la planète Mars.",          # the planet
    "Le projet coûte 2030 euros.",                  # a figure with a currency
])
def test_french_non_times(nlp_fr, sentence):
    assert times(nlp_fr, sentence) == []


@pytest.mark.parametrize("sentence", [
    "Theresa May faces a revolt.",                  # a name
    "Protesters may march again.",                  # verbs
    "Sales grew by more than 2000 units.",          # a figure
])
def test_english_non_times(nlp_en, sentence):
    assert times(nlp_en, sentence) == []


def test_ambiguous_month_with_preposition_is_a_month(nlp_fr):
    s = "Les travaux reprendront en mars."
    assert only(nlp_fr, s) == at(s, ("mars", "2025-03", "month", True, "month"))


def test_offsets_point_into_the_text(nlp_fr):
    text = "Mardi, trois ans après février 2022, l'an dernier et hier."
    for t in resolve(nlp_fr(text)._.selon_times, PUBLISHED):
        assert text[t.start:t.end] == t.text


def test_mentions_survive_pickling(nlp_fr):
    # nlp.pipe(n_process=N) sends Doc extensions between processes.
    mentions = nlp_fr("En septembre dernier, il y a trois ans.")._.selon_times
    assert pickle.loads(pickle.dumps(mentions)) == mentions


def _texts_of(frames: list[list[list[str]]], count: int, seed: int) -> list[str]:
    """Random texts: a few frames (lists of word lists, in the order the rules read them) with
    a word drawn from each list (or the list skipped), or words of all lists in any order,
    with blanks and other separators between them."""
    rng = random.Random(seed)
    everything = [w for frame in frames for words in frame for w in words]
    texts = []
    for _ in range(count):
        if rng.random() < 0.7:
            picked = [rng.choice(words) for frame in rng.sample(frames, rng.randint(1, 3))
                      for words in frame if words and rng.random() < 0.7]
        else:
            picked = [rng.choice(everything) for _ in range(rng.randint(1, 10))]
        seps = [" "] * 8 + ["", ", ", "-", "  ", "\n", "'"]
        text = "".join(word + rng.choice(seps) for word in picked)
        texts.append(text.upper() if rng.random() < 0.1 else text)
    return texts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rules_tried_where_they_may_begin_match_as_when_tried_everywhere(lang):
    # find_times tries each rule only where a digit or a word of its opening classes begins
    # (one pass over the text for all rules): the matches must be those of trying everywhere.
    data = langdata.load(lang)
    p = time_rules.patterns(data)
    shifts = [(p.ago_before, ("ago_before",)), (p.later_before, ("later_before",))]
    t = data.section("times")
    mod, prefix, month, weekday, season = (list(t.get(k, [])) for k in (
        "period_modifiers", "month_prefixes", "months", "weekdays", "seasons"))
    before = t.get("last_before", []) + t.get("next_before", []) + t.get("this_before", [])
    after = t.get("last_after", []) + t.get("next_after", [])
    suffix, link, units = t.get("day_suffixes", []), t.get("day_range_links", []), list(t.get("duration_units", []))
    days, years = ["1", "5", "15", "31", "32", "03/04/2025", "2024-11-20"], ["2024", "1999", "2017-18", "3000"]
    amount = ["deux", "two", "a", "un", "3"]
    frames = [[mod, before, weekday, days, suffix, prefix, month, years, after],
              [before, weekday, month, days, suffix, link, days, years], [days, link, days, month, years],
              [mod, prefix, month, years], [before, month, weekday, season, after], [season, years],
              [list(t.get("relative_phrases", []))], [mod, years, link, years],
              [t.get("ago_before", []) + t.get("later_before", []), amount, units],
              [amount, units, t.get("ago_after", []) + t.get("later_after", [])]]
    for text in _texts_of(frames, 2000, seed=7):
        at = quantities._openings(text, p.opening)
        for regex, classes in [(regex, classes) for _, regex, classes in p.rules] + shifts:
            starts = quantities._starts(at, classes)
            tried = [(m.span(), m.groupdict()) for m in quantities._matches(regex, text, starts)]
            assert tried == [(m.span(), m.groupdict()) for m in regex.finditer(text)], (regex.pattern[:60], text)
        for regex, cue in ((p.ago_after, "ago_after"), (p.later_after, "later_after")):
            assert at[cue] or not regex.search(text), text
