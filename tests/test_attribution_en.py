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


# --- Second round ------------------------------------------------------------------------


@pytest.fixture
def title_claims(nlp_en):
    from selon.pipeline import make_part_doc

    def run(text):
        return nlp_en(make_part_doc(nlp_en, text, "title"))._.selon_claims
    return run


def test_title_naming_its_source_after_a_colon(title_claims):
    [c] = title_claims("Chile likely to cut its 2025 growth forecast to 2 percent: sources")
    assert (c.text, c.start, c.end) == ("Chile likely to cut its 2025 growth forecast to 2 percent", 0, 57)
    assert (c.chain[0].source, c.chain[0].kind, c.chain[0].cue, c.chain[0].rule) == (
        "sources", "anonymous", ":", "title:source_after_separator")


def test_title_with_a_postposed_says(title_claims):
    [c] = title_claims("More than 200 flights cancelled at Heathrow, airport says")
    assert (c.text, c.start, c.end) == ("More than 200 flights cancelled at Heathrow", 0, 43)
    assert (c.chain[0].source, c.chain[0].cue) == ("airport", "says")


def test_title_without_a_source_gives_its_main_content(title_claims):
    [c] = title_claims("Storm closes three schools in Leeds")
    assert (c.text, c.chain) == ("Storm closes three schools in Leeds", [])


def test_agentless_passive_cue_is_its_own_anonymous_source(claims):
    [c] = claims("Polio was declared eradicated in Europe, and smallpox was deemed to be gone by 1980.")
    assert (c.text, c.start, c.end) == ("to be gone by 1980", 65, 83)
    assert (c.chain[0].source, c.chain[0].kind, c.chain[0].rule) == ("was deemed", "anonymous", "passive:agentless")
    assert c.certainty == "certain"


def test_present_participle_reports_for_the_subject_of_its_clause(claims):
    [c] = claims("The union wrote to the minister, accepting it has a duty to end the strike.")
    assert (c.text, c.start, c.end) == ("it has a duty to end the strike", 43, 74)
    assert (c.chain[0].source, c.chain[0].cue, c.chain[0].rule) == (
        "The union", "accepting", "reporting_verb:complement:participle")


def test_object_content_keeps_the_adjuncts_after_the_object(claims):
    [c] = claims("Texas was hit hardest, with the state health department reporting 40 cases there so far this year.")
    assert (c.text, c.start, c.end) == ("40 cases there so far this year", 66, 97)
    assert c.chain[0].source == "the state health department"


def test_according_to_after_a_verb_of_variation_is_not_an_attribution(claims):
    assert all(not c.chain for c in claims("Fees vary according to income, from 10 to 50 dollars a month."))


def test_for_with_a_speaker_gives_an_opinion(claims):
    [c] = claims("For many economists, the recession is over.")
    assert (c.text, c.start, c.end) == ("the recession is over", 21, 42)
    assert (c.chain[0].source, c.chain[0].cue, c.chain[0].rule) == ("many economists", "For", "opinion:before_content")


def test_call_reports_its_object_predicate(claims):
    [c] = claims("Some traders are now calling it the “worst week in a decade.”")
    assert c.text == "worst week in a decade"
    assert (c.chain[0].source, c.chain[0].cue) == ("Some traders", "are now calling")


def test_closing_comment_belongs_to_the_nearest_source_alone(claims):
    first, second = claims("Reuters says a court ruled that the merger broke competition law, "
                           "a decision that could cost the group 2 billion dollars.")
    assert first.text == "the merger broke competition law"
    assert [l.source for l in first.chain] == ["Reuters", "a court"]
    assert (second.text, [l.source for l in second.chain]) == (
        "a decision that could cost the group 2 billion dollars", ["Reuters"])
    assert (second.certainty, second.hedges) == ("possible", ["could"])


def test_title_keeps_its_main_content_beside_a_hedged_clause(title_claims):
    main, hedged = title_claims("Council nears stadium deal with the expectation that it will be signed in May")
    assert (main.text, main.start, main.certainty) == (
        "Council nears stadium deal with the expectation that it will be signed in May", 0, "certain")
    assert (hedged.text, hedged.start, hedged.certainty, hedged.hedges) == (
        "it will be signed in May", 53, "probable", ["expectation"])


def test_citing_between_subject_and_cue_is_a_deeper_link(claims):
    [c] = claims("Bloomberg, citing people familiar with the matter, reported that the deal was off.")
    assert (c.text, c.start, c.end) == ("the deal was off", 65, 81)
    assert [(l.source, l.cue, l.rule) for l in c.chain] == [
        ("Bloomberg", "reported", "reporting_verb:complement"),
        ("people familiar with the matter", "citing", "relay_out")]


def test_a_quotation_standing_alone_is_the_last_speakers_after_a_comma_inside_quotes(claims):
    first, second = claims('"We will fix every car," the chief executive told reporters. "Nobody was hurt."')
    assert first.chain[0].source == "the chief executive"
    assert (second.text, second.chain[0].source, second.chain[0].rule) == (
        "Nobody was hurt", "the chief executive", "quote:last_speaker")


# --- Round 3: infinitive and object contents, hearsay in relative clauses, own-voice cues.

def test_claimed_to_have_reports_the_infinitive(claims):
    [c] = claims("The company claimed to have cut emissions by 30%.")
    assert (c.text, c.start, c.end) == ("to have cut emissions by 30%", 20, 48)
    assert (c.chain[0].source, c.chain[0].cue, c.chain[0].rule) == ("The company", "claimed", "reporting_verb:infinitive")


def test_denied_having_reports_a_negative_gerund(claims):
    [c] = claims("He denied having met the lobbyist.")
    assert (c.text, c.start, c.end) == ("having met the lobbyist", 10, 33)
    assert c.polarity == "negative" and c.polarity_cues[0].text == "denied"


def test_blamed_reports_its_object_with_the_cause(claims):
    [c] = claims("The union blamed the delays on a shortage of drivers.")
    assert (c.text, c.start, c.end) == ("the delays on a shortage of drivers", 17, 52)
    assert (c.chain[0].source, c.chain[0].cue) == ("The union", "blamed")


def test_had_expected_reports_its_object_as_a_probable_belief(claims):
    [c] = claims("Analysts had expected growth of 2% in the third quarter.")
    assert (c.text, c.start, c.end) == ("growth of 2% in the third quarter", 22, 55)
    assert (c.chain[0].source, c.chain[0].cue) == ("Analysts", "had expected")
    assert c.certainty == "probable" and c.hedges == ["had expected"]


def test_reportedly_in_a_relative_clause_covers_only_that_clause(claims):
    found = claims("The bank, which reportedly lost $2 billion last year, is cutting 300 jobs.")
    hearsay = [c for c in found if c.chain and c.chain[0].rule == "hearsay:adverb"]
    assert [(c.text, c.start, c.end, c.certainty) for c in hearsay] == [
        ("reportedly lost $2 billion last year", 16, 52, "probable")]


def test_compound_adjective_with_expected_is_not_a_cue_or_hedge(claims):
    [c] = claims("The economy grew at a stronger-than-expected pace of 3% in the spring.")
    assert c.chain == [] and c.certainty == "certain" and c.hedges == []


def test_could_not_say_whether_makes_the_reported_question_unknown(claims):
    [c] = claims("The mayor could not say whether the bridge would reopen before winter.")
    assert (c.text, c.start, c.end) == ("the bridge would reopen before winter", 32, 69)
    assert (c.chain[0].source, c.chain[0].cue) == ("The mayor", "could not say")
    assert c.certainty == "unknown" and c.hedge_spans[0].rule == "unknown_frame:cue"
    assert c.polarity == "positive"


def test_quoted_we_are_not_saying_negates_the_content_without_a_new_link(claims):
    [c] = claims('"We are not saying that prices will fall," the spokesman said.')
    assert (c.text, c.start, c.end) == ("prices will fall", 24, 40)
    assert [l.source for l in c.chain] == ["the spokesman"]
    assert c.polarity == "negative"
    assert [(p.text, p.start, p.rule) for p in c.polarity_cues] == [("not", 8, "negated_speech_act")]
