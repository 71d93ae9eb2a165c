"""The founding article (shared/seed-article.fr.txt): the claims it must give, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path("/work/shared/seed-article.fr.txt")


@pytest.fixture(scope="module")
def seed(analyzer):
    if not SEED.exists():
        pytest.skip("founding article not available")
    title, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    return analyzer.analyze_article(__import__("selon.model", fromlist=["Article"]).Article(
        title=title, text=body, language="fr"))


def claim_with(analysis, text):
    found = [c for c in analysis.claims if c.text == text]
    assert found, f"no claim {text!r} in {[c.text for c in analysis.claims]}"
    return found[0]


def chain(claim):
    return [(link.source, link.kind, link.cue) for link in claim.chain]


def test_regiment_claim_comes_from_newsweek_and_is_probable_through_the_conditional(seed):
    claim = claim_with(seed, "un régiment entier composé de plus de 1 000 soldats aurait déserté la 20ᵉ "
                             "division de fusiliers motorisés de la Garde des forces armées russes, "
                             "stationnée à Volgograd, en Russie")
    assert chain(claim) == [("Newsweek", "media", "Selon")]
    assert claim.chain[0].rule == "preposition:before_content"
    assert (claim.certainty, claim.hedges, claim.certainty_rule) == ("probable", ["aurait"], "conditional_mood")
    assert seed.text[claim.start:claim.end] == claim.text
    [qty] = claim.quantities
    assert (qty.text, qty.low) == ("plus de 1 000 soldats", 1000)


def test_18000_claim_is_newsweek_citing_certain_sources(seed):
    claim = claim_with(seed, "jusqu'à 18 000 soldats russes ont quitté leur poste")
    assert chain(claim) == [("Newsweek", "media", "rapporte"), ("certaines sources", "anonymous", "selon")]
    assert claim.certainty == "certain"
    [qty] = claim.quantities
    assert qty.high == 18000


def test_report_continued_by_et_que_keeps_its_source_but_not_the_inner_selon(seed):
    claim = claim_with(seed, "ce nombre pourrait bientôt atteindre un nouveau sommet")
    assert chain(claim) == [("Newsweek", "media", "rapporte")]
    assert (claim.certainty, claim.hedges) == ("possible", ["pourrait"])


def test_750000_claim_is_the_ukrainian_authorities_cited_by_newsweek(seed):
    claim = claim_with(seed, "le nombre de morts et de blessés russes atteint plus de 750 000")
    assert chain(claim) == [("Newsweek", "media", "citées par"),
                            ("autorités ukrainiennes", "government", "selon")]
    [qty] = claim.quantities
    assert qty.low == 750000


def test_unknowable_death_toll_is_the_complement_of_its_frame(seed):
    claim = claim_with(seed, "combien de soldats russes ont perdu la vie dans cette guerre")
    assert claim.chain == []
    assert (claim.certainty, claim.hedges) == ("unknown", ["Il est impossible de savoir avec certitude"])
    assert claim.hedge_spans[0].rule == "unknown_frame"


def test_new_york_times_claim_is_unknown(seed):
    [claim] = [c for c in seed.claims if c.chain and c.chain[0].source == "le New York Times"]
    assert (claim.chain[0].kind, claim.chain[0].cue) == ("media", "a écrit")
    assert claim.certainty == "unknown"
    assert claim.polarity == "positive"  # the "ne … pas" belongs to the "car" clause
    assert claim.text.startswith("le nombre réel de déserteurs russes")


def test_title_main_content_is_what_follows_the_colon(seed):
    [title] = [c for c in seed.claims if c.part == "title"]
    assert (title.text, title.start, title.end) == ("des régiments entiers quittent le pays", 60, 98)
    assert seed.title[title.start:title.end] == title.text
    assert title.chain == [] and title.certainty == "certain"


def test_author_hedges_and_negations_are_claims_and_plain_assertions_are_not(seed):
    texts = {c.text: c for c in seed.claims}
    assert texts["ce chiffre puisse paraître élevé"].certainty == "possible"
    neg = texts["aucune issue ne semble se dessiner"]
    assert (neg.polarity, [c.text for c in neg.polarity_cues], neg.certainty) == ("negative", ["aucune", "ne"], "probable")
    assert not any("le Kremlin avait alors promis" in t for t in texts)
