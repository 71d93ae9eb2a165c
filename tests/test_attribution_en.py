"""English attribution (sentences written for these tests)."""

from __future__ import annotations

import pytest


@pytest.fixture
def claims(nlp_en):
    def run(text):
        return nlp_en(text)._.selon_claims
    return run


def test_according_to_before_its_content(claims):
    [c] = claims("According to the ministry, 42 people were injured.")
    assert (c.text, c.start, c.end) == ("42 people were injured", 27, 49)
    assert (c.chain[0].source, c.chain[0].cue, c.chain[0].rule) == ("the ministry", "According to", "preposition:before_content")


def test_according_to_after_its_content_with_an_apposition(claims):
    [c] = claims("The bridge will reopen in May, according to the mayor, who visited the site.")
    assert (c.text, c.start, c.end) == ("The bridge will reopen in May", 0, 29)
    assert (c.chain[0].source, c.chain[0].rule) == ("the mayor", "preposition:after_content")


def test_said_after_its_content(claims):
    [c] = claims("The plant will close in March, the company said.")
    assert (c.text, c.start, c.end) == ("The plant will close in March", 0, 29)
    assert (c.chain[0].source, c.chain[0].start, c.chain[0].end, c.chain[0].cue) == ("the company", 31, 42, "said")


def test_citing_adds_a_deeper_link(claims):
    [c] = claims("Officials said the bridge had been repaired, citing engineers.")
    assert (c.text, c.start, c.end) == ("the bridge had been repaired", 15, 43)
    assert [(l.source, l.cue, l.rule) for l in c.chain] == [
        ("Officials", "said", "reporting_verb:complement"), ("engineers", "citing", "relay_out")]


def test_told_with_that_clause(claims):
    [c] = claims("The mayor told reporters that the budget would not be cut.")
    assert (c.text, c.chain[0].source, c.chain[0].cue) == ("the budget would not be cut", "The mayor", "told")
    assert (c.polarity, [p.text for p in c.polarity_cues]) == ("negative", ["not"])


def test_reportedly_is_an_anonymous_probable_source(claims):
    [c] = claims("The singer reportedly left the band last year.")
    assert (c.text, c.start, c.end) == ("The singer reportedly left the band last year", 0, 45)
    assert (c.chain[0].source, c.chain[0].kind, c.chain[0].rule) == ("reportedly", "anonymous", "hearsay:adverb")
    assert (c.certainty, c.hedges) == ("probable", ["reportedly"])


def test_it_is_thought_is_hearsay(claims):
    [c] = claims("It is thought the talks will resume on Monday.")
    assert (c.text, c.start, c.end) == ("the talks will resume on Monday", 14, 45)
    assert (c.chain[0].source, c.chain[0].kind, c.chain[0].rule) == ("It is thought", "anonymous", "hearsay:impersonal_passive")
    assert (c.certainty, c.hedges) == ("probable", ["It is thought"])


def test_amid_claims_that_is_hearsay(claims):
    [c] = claims("Prices rose sharply amid claims that suppliers were hoarding stock.")
    assert (c.text, c.start, c.end) == ("suppliers were hoarding stock", 37, 66)
    assert (c.chain[0].source, c.chain[0].cue) == ("claims", "amid claims that")
    assert c.certainty == "probable"


def test_believe_is_a_cue_and_a_hedge_and_the_lowest_level_wins(claims):
    [c] = claims("Analysts believe the merger could fail.")
    assert (c.text, c.chain[0].source, c.chain[0].cue) == ("the merger could fail", "Analysts", "believe")
    assert (c.certainty, c.hedges) == ("possible", ["believe", "could"])


def test_deny_takes_its_object_as_negative_content(claims):
    [c] = claims("The minister denied the reports.")
    assert (c.text, c.polarity, c.chain[0].cue) == ("the reports", "negative", "denied")
