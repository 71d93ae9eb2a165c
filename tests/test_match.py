"""Matching figure records across outlets and languages (selon.match): pure functions over dicts."""

from __future__ import annotations

import pytest

from selon import match
from selon.match import Figure


def record(claim_id, value, unit, lang="en", low=None, high=None, approximate=False, entities=(),
           chain=(), published=None, article=None, text="", quantity_text=None):
    """A claim record as `Ledger.claim_records` gives it (only the fields matching reads)."""
    return {"claim_id": claim_id, "article_id": article or claim_id.split(":")[0],
            "article_hash": article or claim_id.split(":")[0], "language": lang, "published": published,
            "text": text, "quantity_index": 0, "quantity_text": quantity_text or f"{value} {unit}",
            "value": value, "low": low, "high": high, "approximate": approximate, "unit": unit,
            "entities": [{"text": e, "label": "LOC", "start": 0, "end": len(e)} for e in entities],
            "chain": [{"source": s, "kind": k, "cue": "according to"} for s, k in chain]}


# --- figures ---------------------------------------------------------------------------------

def fig(value, low=None, high=None, approximate=False):
    return Figure(text="", value=value, low=low, high=high, approximate=approximate)


def test_a_lower_bound_and_a_precise_value_inside_it_overlap():
    assert match.compare_figures(fig(1000, low=1000), fig(1010)) == ("overlap", "value 1000~1010 overlap")


def test_up_to_and_more_than_the_same_value_meet_at_the_bound():
    assert match.compare_figures(fig(186000, high=186000), fig(186000, low=186000))[0] == "overlap"


def test_a_rounded_value_matches_the_precise_one_it_rounds():
    assert match.compare_figures(fig(8), fig(7.9)) == ("rounding", "value 8~7.9 rounding")
    assert match.compare_figures(fig(1000), fig(1010)) == ("rounding", "value 1000~1010 rounding")


def test_two_precise_values_a_hair_apart_are_one_value_changed():
    assert match.compare_figures(fig(37396), fig(37369)) == ("value_changed", "value 37396~37369 changed")
    assert match.compare_figures(fig(1010), fig(1009)) == ("value_changed", "value 1010~1009 changed")


def test_overlapping_bounds_far_apart_are_not_one_figure():
    # "up to 18,000" contains 1,000 but says something else
    assert match.compare_figures(fig(18000, high=18000), fig(1000, low=1000)) is None


def test_precise_values_further_apart_than_a_rounding_are_two_figures():
    assert match.compare_figures(fig(38193), fig(38345)) is None
    assert match.compare_figures(fig(1000), fig(1400)) is None


def test_a_range_overlapping_a_value_matches_it():
    assert match.compare_figures(fig(None, low=7, high=9), fig(7.9)) == ("overlap", "value 8~7.9 overlap")


# --- concepts --------------------------------------------------------------------------------

@pytest.mark.parametrize("word,lang", [("soldat", "fr"), ("soldier", "en"), ("militare", "it"), ("soldado", "es"),
                                       ("Soldat", "de"), ("солдат", "ru"), ("військовий", "uk")])
def test_the_soldier_concept_is_found_in_seven_languages(word, lang):
    assert match.concept_table().concept(word, lang).name == "soldier"


@pytest.mark.parametrize("word,lang", [("déserteur", "fr"), ("deserters", "en"), ("disertore", "it"), ("desertor", "es"),
                                       ("Deserteur", "de"), ("дезертир", "ru"), ("дезертирів", "uk")])
def test_the_deserter_concept_is_found_in_seven_languages(word, lang):
    concept = match.concept_table().concept(word, lang)
    assert (concept.name, concept.lineage) == ("deserter", ("deserter", "soldier", "person"))


def test_a_deserter_is_a_soldier_but_a_death_is_not_a_wound():
    table = match.concept_table()
    c = table.concept
    assert match.concept_relation(c("déserteur", "fr"), c("soldier", "en"), "déserteur", "soldier") == "concept deserter~soldier"
    assert match.concept_relation(c("mort", "fr"), c("muerte", "es"), "mort", "muerte") == "concept death"
    assert match.concept_relation(c("Tote", "de"), c("смерть", "ru"), "Tote", "смерть") == "concept death"
    assert match.concept_relation(c("mort", "fr"), c("wounded", "en"), "mort", "wounded") is None


def test_names_in_cyrillic_and_latin_letters_are_one_anchor():
    assert match.name_tokens("Волгоград") == match.name_tokens("Volgograd") == ["volgograd"]
    assert match.name_tokens("la 20ᵉ division") == ["20", "division"]
    assert match.name_tokens("the medical journal The Lancet") == ["lancet"]


# --- pairs, blocks, clusters -----------------------------------------------------------------

def test_a_french_and_an_english_report_match_with_their_reasons():
    fr = record("fr:c1", 1000, "soldat", lang="fr", low=1000, entities=["Volgograd"], chain=[("Newsweek", "media")],
                published="2024-10-19")
    en = record("en:c0", 1010, "soldier", entities=["Volgograd"], published="2024-10-15")
    m = match.match_pair(fr, en)
    assert m.reasons == ("value 1000~1010 overlap", "concept soldier", "entity volgograd", "date window 4 days")
    assert (m.a, m.b, m.relation) == ("en:c0#0", "fr:c1#0", "overlap")


def test_a_russian_report_matches_through_transliterated_anchors():
    ru = record("ru:c0", 1000, "дезертиров", lang="ru", low=1000, entities=["Волгоград"])
    en = record("en:c0", 1010, "soldiers", entities=["Volgograd"])
    assert match.match_pair(ru, en).reasons == ("value 1000~1010 overlap", "concept deserter~soldier", "entity volgograd")


def test_figure_and_noun_without_a_shared_anchor_do_not_match():
    a = record("a:c0", 1000, "soldier", entities=["Volgograd"])
    b = record("b:c0", 1000, "soldier", entities=["Kherson"])
    assert match.match_pair(a, b) is None


def test_reports_a_year_and_more_apart_do_not_match():
    a = record("a:c0", 1000, "soldier", entities=["Volgograd"], published="2022-03-01")
    b = record("b:c0", 1000, "soldier", entities=["Volgograd"], published="2024-10-01")
    assert match.match_pair(a, b) is None


def test_close_figures_land_in_the_same_or_adjacent_blocks():
    low = record("a:c0", 1000, "soldat", lang="fr", low=1000)
    exact = record("b:c0", 1090, "soldier")
    ka, kb = match.block_key(low), match.block_key(exact)
    assert ka == ("person", 60) and kb[0] == "person" and kb[1] - ka[1] in (0, 1)
    guest_keys = [k for k, role in match.block_keys(low) if role == "guest"]
    assert guest_keys == [("person", 61)]


def test_a_pair_is_compared_in_exactly_one_block():
    recs = [record("a:c0", 1000, "soldier", entities=["Volgograd"]),
            record("b:c0", 1010, "soldier", entities=["Volgograd"]),
            record("c:c0", 1090, "soldier", entities=["Volgograd"])]
    matches = list(match.iter_matches(recs))
    pairs = sorted((m.a, m.b) for m in matches)
    assert pairs == sorted(set(pairs))
    assert ("a:c0#0", "b:c0#0") in pairs


def test_a_block_of_guests_only_compares_nothing():
    recs = [record("a:c0", 1000, "soldier", entities=["Volgograd"]),
            record("b:c0", 1000, "soldier", entities=["Volgograd"])]
    key = match.block_key(recs[0])
    assert len(match.match_block(recs, key)) == 1
    assert match.match_block(recs, (key[0], key[1] + 1)) == []


def test_guests_meet_the_owners_of_a_block_once_each_and_never_each_other():
    # two "more than" figures of the bucket below (guests), one figure of the block (owner),
    # sharing two names: each pair could come up under either name
    names = ["Volgograd", "Kamyshin"]
    recs = [record("a:c0", 1080, "soldier", low=1080, entities=names),
            record("b:c0", 1090, "soldier", low=1090, entities=names),
            record("c:c0", 1150, "soldier", entities=names)]
    key = match.block_key(recs[2])
    assert [match.block_key(r) for r in recs[:2]] == [(key[0], key[1] - 1)] * 2
    found = match.match_block(recs, key)
    assert sorted((m.a, m.b, m.relation) for m in found) == [("a:c0#0", "c:c0#0", "overlap"),
                                                              ("b:c0#0", "c:c0#0", "overlap")]


def test_clusters_join_matches_transitively_and_keep_their_reasons():
    recs = [record("a:c0", 1010, "soldier", entities=["Volgograd"]),
            record("b:c0", 1000, "soldat", lang="fr", low=1000, entities=["Volgograd"]),
            record("c:c0", 1000, "soldier", high=1000, entities=["20th division"]),
            record("c:c1", 1000, "soldier", low=1000, entities=["Volgograd"], article="c"),
            record("d:c0", 55, "tank", entities=["Volgograd"])]
    clusters = match.cluster(recs)
    assert len(clusters) == 1
    assert clusters[0].claim_ids == ["a:c0", "b:c0", "c:c0", "c:c1"]
    assert clusters[0].article_keys == ["a", "b", "c"]
    assert len(clusters[0].matches) == 3  # a spanning set: one match per record joined
    every = match.cluster(recs, all_matches=True)[0].matches
    reasons = {r for m in every for r in m.reasons}
    assert len(every) > 3 and "same article" in reasons and "entity volgograd" in reasons


def test_a_sentence_that_names_nothing_matches_through_its_article():
    named = record("a:c0", 186000, "death", entities=["Gaza"])
    bare = record("b:c1", 186000, "mort", lang="fr", high=186000)
    context = record("b:c0", None, None, entities=["Gaza"])
    clusters = match.cluster([named, bare, context])
    assert clusters[0].claim_ids == ["a:c0", "b:c1"]
    assert "context gaza" in clusters[0].matches[0].reasons


def test_one_shared_name_needs_close_dates_two_names_do_not():
    a = record("a:c0", 1000, "soldier", entities=["Volgograd"], published="2024-01-10")
    b = record("b:c0", 1000, "soldier", entities=["Volgograd"], published="2024-04-10")
    assert match.match_pair(a, b) is None  # one name, 91 days apart: two stories
    a2 = record("a:c0", 1000, "soldier", entities=["Volgograd", "Kamyshin"], published="2024-01-10")
    b2 = record("b:c0", 1000, "soldier", entities=["Volgograd", "Kamyshin"], published="2024-04-10")
    assert match.match_pair(a2, b2).reasons == ("value 1000 equal", "concept soldier", "entity kamyshin",
                                                "entity volgograd")
