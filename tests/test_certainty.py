"""Certainty and polarity, each level citing its words (sentences written for these tests)."""

from __future__ import annotations

import pytest


@pytest.fixture
def fr(nlp_fr):
    return lambda text: nlp_fr(text)._.selon_claims


@pytest.fixture
def en(nlp_en):
    return lambda text: nlp_en(text)._.selon_claims


def levels(claim):
    return claim.certainty, claim.hedges, [h.rule for h in claim.hedge_spans]


def test_modal_pouvoir_in_the_conditional_is_possible(fr):
    [c] = fr("Le chantier pourrait durer deux ans.")
    assert levels(c) == ("possible", ["pourrait"], ["conditional_modal:pouvoir"])
    assert (c.hedge_spans[0].start, c.hedge_spans[0].end) == (12, 20)


def test_sembler_is_probable(fr):
    [c] = fr("Le président semble fatigué.")
    assert levels(c) == ("probable", ["semble"], ["hedge_word"])


def test_peut_etre_is_possible(fr):
    [c] = fr("Le projet est peut-être abandonné.")
    assert levels(c) == ("possible", ["peut-être"], ["hedge_phrase"])


def test_esperer_is_a_possible_cue(fr):
    [c] = fr("La ministre espère que la croissance reprendra.")
    assert (c.text, levels(c)) == ("la croissance reprendra", ("possible", ["espère"], ["belief_verb:espérer"]))


def test_impossible_de_savoir_frames_an_unknown_complement(fr):
    [c] = fr("Il est impossible de savoir combien de personnes ont fui la ville.")
    assert (c.text, c.start, c.end) == ("combien de personnes ont fui la ville", 28, 65)
    assert levels(c) == ("unknown", ["Il est impossible de savoir"], ["unknown_frame"])


def test_unclear_whether_frames_an_unknown_complement(en):
    [c] = en("It is unclear whether the vaccine works.")
    assert (c.text, c.start, c.end) == ("the vaccine works", 22, 39)
    assert levels(c) == ("unknown", ["It is unclear whether"], ["unknown_frame"])


def test_ne_jamais_is_negative_with_its_words(fr):
    [c] = fr("Le maire n'a jamais signé ce contrat.")
    assert c.polarity == "negative"
    assert [(p.text, p.start, p.end) for p in c.polarity_cues] == [("n'", 9, 11), ("jamais", 13, 19)]


def test_ne_que_restricts_and_does_not_deny(fr):
    assert fr("Le club ne vend que des maillots.") == []


def test_negation_stays_in_its_own_clause(fr):
    first, second = fr("Les prix ne baisseront pas, et ils pourraient même augmenter.")
    assert (first.text, first.polarity, first.certainty) == ("Les prix ne baisseront pas", "negative", "certain")
    assert (second.text, second.polarity, second.certainty) == ("ils pourraient même augmenter", "positive", "possible")


def test_past_ability_is_not_a_hedge(fr):
    [c] = fr("L'entreprise n'a pas pu être jointe.")
    assert (c.certainty, c.polarity) == ("certain", "negative")


def test_unlikely_is_probable_and_negative(en):
    [c] = en("The deal is unlikely to be approved.")
    assert levels(c) == ("probable", ["unlikely"], ["hedge_word"])
    assert [(p.text, p.rule) for p in c.polarity_cues] == [("unlikely", "negative_hedge")]


def test_could_is_possible(en):
    [c] = en("The strike could last a week.")
    assert levels(c) == ("possible", ["could"], ["modal:could"])


def test_modal_inside_a_relative_clause_qualifies_its_noun_not_the_content(en):
    [c] = en("The court fined the firm 5 million dollars, a ruling that could reshape the industry.")
    assert (c.certainty, c.hedges) == ("certain", [])


def test_hedge_noun_deep_in_a_phrase_does_not_hedge_the_content(en):
    [c] = en("About 300 people are being monitored for potential exposure.")
    assert (c.certainty, c.hedges) == ("certain", [])


def test_hedge_adjective_on_the_predicate_hedges_the_content(fr):
    [c] = fr("Le syndicat a évoqué la fermeture éventuelle de deux usines.")
    assert (c.text, levels(c)) == ("la fermeture éventuelle de deux usines", ("possible", ["éventuelle"], ["hedge_word"]))


def test_clause_governed_by_a_hedge_noun_is_a_hedged_claim_of_its_own(en):
    [c] = en("The council is nearing agreement on the stadium with the expectation it will be signed.")
    assert (c.text, c.start, c.end) == ("it will be signed", 69, 86)
    assert levels(c) == ("probable", ["expectation"], ["hedge_noun_clause"])


def test_too_early_to_know_is_an_unknowability_frame_fr(nlp_fr):
    [c] = nlp_fr("Il est encore trop tôt pour savoir si la mesure sera efficace.")._.selon_claims
    assert (c.text, c.start, c.end) == ("la mesure sera efficace", 38, 61)
    assert c.certainty == "unknown" and c.hedges == ["Il est encore trop tôt pour savoir"]


def test_too_early_to_tell_is_an_unknowability_frame_en(nlp_en):
    [c] = nlp_en("It is too early to tell whether the vaccine works in children.")._.selon_claims
    assert (c.text, c.start, c.end) == ("the vaccine works in children", 32, 61)
    assert c.certainty == "unknown" and c.hedges == ["It is too early to tell"]
