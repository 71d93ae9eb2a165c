"""French attribution: cues, sources, contents and chains (sentences written for these tests)."""

from __future__ import annotations

import pytest


@pytest.fixture
def claims(nlp_fr):
    def run(text):
        return nlp_fr(text)._.selon_claims
    return run


def link(claim, i=0):
    l = claim.chain[i]
    return (l.source, l.start, l.end, l.cue, l.rule)


def test_selon_before_its_content(claims):
    [c] = claims("Selon Le Monde, le ministre aurait démissionné hier soir.")
    assert (c.text, c.start, c.end) == ("le ministre aurait démissionné hier soir", 16, 56)
    assert link(c) == ("Le Monde", 6, 14, "Selon", "preposition:before_content")
    assert c.chain[0].kind == "media"


def test_reporting_verb_with_que_complement(claims):
    [c] = claims("Le Figaro affirme que le projet coûtera 3 milliards d'euros.")
    assert (c.text, c.start, c.end) == ("le projet coûtera 3 milliards d'euros", 22, 59)
    assert link(c) == ("Le Figaro", 0, 9, "affirme", "reporting_verb:complement")


def test_et_que_continues_the_same_report_as_a_second_claim(claims):
    first, second = claims("Le maire a déclaré que l'usine fermerait en mars, et que les salariés seraient reclassés.")
    assert (first.text, second.text) == ("l'usine fermerait en mars", "les salariés seraient reclassés")
    assert link(first)[:4] == link(second)[:4] == ("Le maire", 0, 8, "a déclaré")


def test_source_after_its_content_covers_its_sentence(claims):
    [c] = claims("La grève est terminée, rapporte Ouest-France.")
    assert (c.text, c.start, c.end) == ("La grève est terminée", 0, 21)
    assert link(c) == ("Ouest-France", 32, 44, "rapporte", "reporting_verb:postposed")


def test_quote_before_an_inverted_cue(claims):
    [c] = claims("« Nous ne céderons pas », a déclaré la ministre.")
    assert (c.text, c.start, c.end) == ("Nous ne céderons pas", 2, 22)
    assert link(c)[:4] == ("la ministre", 36, 47, "a déclaré")
    assert c.polarity == "negative"


def test_cited_by_makes_the_citing_outlet_the_nearest_link(claims):
    [c] = claims("D'après une étude de l'OCDE, citée par Les Echos, le chômage baisse.")
    assert (c.text, c.start, c.end) == ("le chômage baisse", 50, 67)
    assert [(l.cue, l.rule) for l in c.chain] == [("citée par", "relay_in"), ("D'après", "preposition:before_content")]
    assert c.chain[0].source == "Les Echos"


def test_selon_inside_a_report_nests_nearest_first(claims):
    [c] = claims("Le Parisien rapporte que, selon des sources policières, deux suspects ont été arrêtés.")
    assert (c.text, c.start, c.end) == ("deux suspects ont été arrêtés", 56, 85)
    assert [l.source for l in c.chain] == ["Le Parisien", "des sources policières"]
    assert c.chain[1].kind == "anonymous"


def test_croire_savoir_is_a_cue_and_a_probable_hedge(claims):
    [c] = claims("Les syndicats croient savoir que la réforme sera retirée.")
    assert (c.text, c.chain[0].cue) == ("la réforme sera retirée", "croient savoir")
    assert (c.certainty, c.hedges, c.certainty_rule) == ("probable", ["croient savoir"], "belief_verb:croire")


def test_denial_verb_takes_its_object_as_negative_content(claims):
    [c] = claims("Le club a démenti une vente prochaine.")
    assert (c.text, c.start, c.end) == ("une vente prochaine", 18, 37)
    assert c.polarity == "negative"
    assert [(p.text, p.rule) for p in c.polarity_cues] == [("a démenti", "denial_verb")]


def test_citant_adds_a_deeper_link(claims):
    [c] = claims("L'Insee rapporte, citant des données provisoires, que les prix ont augmenté.")
    assert (c.text, c.start, c.end) == ("les prix ont augmenté", 54, 75)
    assert [(l.source, l.cue) for l in c.chain] == [("L'Insee", "rapporte"), ("des données provisoires", "citant")]


def test_selon_lequel_takes_the_antecedent_as_source(claims):
    [c] = claims("Le directeur, selon lequel la production reprendra lundi, reste prudent.")
    assert (c.text, c.start, c.end) == ("la production reprendra lundi", 27, 56)
    assert link(c)[:4] == ("Le directeur", 0, 12, "selon")


def test_hearsay_phrase_is_an_anonymous_probable_source(claims):
    [c] = claims("Il paraît que le festival sera annulé.")
    assert (c.text, c.start, c.end) == ("le festival sera annulé", 14, 37)
    assert (c.chain[0].source, c.chain[0].kind, c.chain[0].rule) == ("Il paraît que", "anonymous", "hearsay:phrase")
    assert c.certainty == "probable"


def test_plain_author_assertion_without_figure_is_not_a_claim(claims):
    assert claims("Le conseil municipal s'est réuni dans la salle des fêtes.") == []
