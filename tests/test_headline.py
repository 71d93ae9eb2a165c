"""The headline check: each rule on a title and a body written for it.

Claims are built by hand (ids as the assembly sets them) so that each test pins the
headline rule alone; the docs are parsed without the claim finder for the same reason.
"""

from __future__ import annotations

import pytest

from selon import langdata
from selon.headline import Lexicon, body_statements, compare, quantity_supported, title_statements
from selon.model import ChainLink, Claim, Hedge, Quantity


def parse(nlp, text):
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name != "selon_claims":
            doc = component(doc)
    return doc


def claim(id, part, whole, text, chain=(), certainty="certain", polarity="positive", hedges=(), quantities=()):
    start = whole.index(text)
    return Claim(id=id, part=part, text=text, start=start, end=start + len(text), chain=list(chain),
                 certainty=certainty, polarity=polarity, hedges=list(hedges), quantities=list(quantities))


def source(whole, name, kind, cue):
    s, c = whole.index(name), whole.index(cue)
    return ChainLink(source=name, kind=kind, cue=cue, start=s, end=s + len(name), cue_start=c, cue_end=c + len(cue))


def qty(whole, text, value, low=None, high=None, unit=None, part="body"):
    start = whole.index(text)
    return Quantity(text=text, value=value, low=low, high=high, unit=unit, start=start, end=start + len(text),
                    part=part)


def check(nlp, lang, title, body, title_claims=(), body_claims=()):
    return compare(parse(nlp, title), list(title_claims), parse(nlp, body), list(body_claims), langdata.load(lang))


def evidence(headline, reason):
    return next(e for e in headline.evidence if e.reason == reason)


# --- overstated ------------------------------------------------------------------------------

FR_TITLE = "Des bataillons entiers abandonnent le front"
FR_BODY = ("La guerre dure depuis plus de deux ans. "
           "Selon le Guardian, un bataillon entier aurait abandonné le front près de Kherson. "
           "L'état-major n'a fait aucun commentaire.")


def test_one_hedged_attributed_case_told_as_plain_fact_about_many_is_overstated(nlp_fr):
    body_claim = claim("c0", "body", FR_BODY, "un bataillon entier aurait abandonné le front près de Kherson",
                       chain=[source(FR_BODY, "le Guardian", "media", "Selon")], certainty="probable",
                       hedges=["aurait"])
    head = check(nlp_fr, "fr", FR_TITLE, FR_BODY, body_claims=[body_claim])
    assert head.verdict == "overstated"
    assert set(head.reasons) == {"certainty_upgrade", "generalization", "source_dropped"}
    general = evidence(head, "generalization")
    assert [(c.text, c.start, c.end, c.part) for c in general.title_cues] == [("Des bataillons entiers", 0, 22, "title")]
    assert general.body_claims == ["c0"]
    assert "un bataillon entier" in general.detail
    upgrade = evidence(head, "certainty_upgrade")
    assert "«aurait»" in upgrade.detail and "probable" in upgrade.detail
    assert [(c.text, c.start, c.end) for c in upgrade.title_cues] == [("abandonnent", 23, 34)]
    dropped = evidence(head, "source_dropped")
    assert "le Guardian" in dropped.detail and dropped.body_claims == ["c0"]


def test_attributed_body_told_without_source_drops_it(nlp_en):
    title = "Factory output fell 4% in March"
    body = "Factory output fell 4% in March, the statistics office said on Tuesday."
    body_claim = claim("c0", "body", body, "Factory output fell 4% in March",
                       chain=[source(body, "the statistics office", "government", "said")])
    head = check(nlp_en, "en", title, body, body_claims=[body_claim])
    assert head.verdict == "overstated"
    assert set(head.reasons) == {"certainty_upgrade", "source_dropped"}
    assert "the statistics office" in evidence(head, "source_dropped").detail


def test_a_source_named_in_the_title_covers_it(nlp_fr):
    title = "Le chômage recule de 0,3 point, selon l'Insee"
    body = "Le chômage a reculé de 0,3 point au premier trimestre, a annoncé l'Insee mardi."
    title_claim = claim("t0", "title", title, "Le chômage recule de 0,3 point",
                        chain=[source(title, "l'Insee", "government", "selon")])
    body_claim = claim("c0", "body", body, "Le chômage a reculé de 0,3 point au premier trimestre",
                       chain=[source(body, "l'Insee", "government", "a annoncé")])
    head = check(nlp_fr, "fr", title, body, [title_claim], [body_claim])
    assert (head.verdict, head.reasons, head.supporting, head.title_claims) == ("supported", [], ["c0"], ["t0"])


def test_a_possible_event_told_as_probable_is_a_certainty_upgrade(nlp_fr):
    title = "Le tarif du gaz devrait augmenter en juillet"
    body = "Le tarif du gaz pourrait augmenter en juillet. La décision sera prise en juin."
    t = claim("t0", "title", title, title, certainty="probable", hedges=["devrait"])
    b = claim("c0", "body", body, "Le tarif du gaz pourrait augmenter en juillet", certainty="possible",
              hedges=["pourrait"])
    head = check(nlp_fr, "fr", title, body, [t], [b])
    assert head.reasons == ["certainty_upgrade"]
    assert "possible («pourrait»)" in evidence(head, "certainty_upgrade").detail


def test_a_bounded_body_figure_told_as_reached_is_quantity_inflation(nlp_en):
    title = "186,000 people fled the city"
    body = "Up to 186,000 people fled the city last week. Many went north."
    t = claim("t0", "title", title, title, quantities=[qty(title, "186,000", 186000, unit="people", part="title")])
    b = claim("c0", "body", body, "Up to 186,000 people fled the city last week",
              quantities=[qty(body, "Up to 186,000", 186000, high=186000, unit="people")])
    head = check(nlp_en, "en", title, body, [t], [b])
    assert (head.verdict, head.reasons) == ("overstated", ["quantity_inflation"])
    inflation = evidence(head, "quantity_inflation")
    assert [(c.text, c.start, c.end) for c in inflation.title_cues] == [("186,000", 0, 7)]
    assert "at most 186000" in inflation.detail and inflation.body_claims == ["c0"]


def test_a_bigger_title_figure_than_a_lower_bound_is_quantity_inflation(nlp_fr):
    title = "5 000 soldats quittent la base de Toula"
    body = "Plus de 1 000 soldats ont quitté la base de Toula en mars."
    t = claim("t0", "title", title, title, quantities=[qty(title, "5 000", 5000, unit="soldat", part="title")])
    b = claim("c0", "body", body, body[:-1], quantities=[qty(body, "Plus de 1 000", 1000, low=1000, unit="soldat")])
    head = check(nlp_fr, "fr", title, body, [t], [b])
    assert head.reasons == ["quantity_inflation"]


@pytest.mark.parametrize("title_q, body_q, ok", [
    (Quantity(text="190 000", value=190000, start=0, end=7), Quantity(text="186 400", value=186400, start=0, end=7), True),
    (Quantity(text="200 000", value=200000, start=0, end=7), Quantity(text="186 400", value=186400, start=0, end=7), False),
    (Quantity(text="1 million", value=1e6, start=0, end=9), Quantity(text="750 000", value=750000, start=0, end=7), False),
    (Quantity(text="plus de 100", value=100, low=100, start=0, end=11), Quantity(text="102", value=102, start=0, end=3), True),
    (Quantity(text="jusqu'à 50", value=50, high=50, start=0, end=10), Quantity(text="jusqu'à 50", value=50, high=50, start=0, end=10), True),
])
def test_a_title_figure_is_allowed_when_the_body_figure_rounds_to_it_or_exceeds_it(title_q, body_q, ok):
    assert quantity_supported(title_q, body_q) is ok


def test_some_in_the_body_all_in_the_title_is_a_generalization(nlp_fr):
    title = "Tous les infirmiers font grève à Lyon"
    body = "Certains infirmiers ont fait grève à Lyon lundi. Les urgences restent ouvertes."
    b = claim("c0", "body", body, "Certains infirmiers ont fait grève à Lyon lundi")
    head = check(nlp_fr, "fr", title, body, body_claims=[b])
    assert head.reasons == ["generalization"]
    cue = evidence(head, "generalization").title_cues[0]
    assert (cue.text, cue.start, cue.end, cue.rule) == ("Tous les infirmiers", 0, 19, "some_to_all")


def test_a_plural_already_in_the_body_is_no_generalization(nlp_en):
    title = "Storms destroy houses in Florida"
    body = "A storm destroyed a house in Tampa. Other houses in Florida were destroyed by storms last year."
    head = check(nlp_en, "en", title, body)
    assert "generalization" not in head.reasons


# --- supported, unsupported, contradicted ---------------------------------------------------------

def test_the_same_statement_as_sure_in_the_author_voice_is_supported(nlp_fr):
    title = "Le chômage recule de 0,3 point au premier trimestre"
    body = "Le chômage a reculé de 0,3 point au premier trimestre. Il touche 7,1 % de la population active."
    head = check(nlp_fr, "fr", title, body)
    assert (head.verdict, head.reasons) == ("supported", [])
    match = evidence(head, "match")
    assert {c.text for c in match.title_cues} >= {"chômage", "recule", "trimestre"}
    assert all(c.part == "title" and title[c.start:c.end] == c.text for c in match.title_cues)


def test_near_synonyms_of_the_language_data_link_title_and_body(nlp_en):
    title = "Soldiers flee the garrison"
    body = "Dozens of soldiers deserted the garrison on Sunday. Officers are searching for them."
    head = check(nlp_en, "en", title, body)
    assert head.verdict == "supported"
    assert "flee~deserted" in evidence(head, "match").detail


def test_a_title_the_body_says_nothing_of_is_unsupported(nlp_en):
    title = "Local team wins the championship final"
    body = "Heavy rain is expected across the region on Friday. Farmers welcomed the forecast."
    head = check(nlp_en, "en", title, body)
    assert (head.verdict, head.reasons, head.supporting) == ("unsupported", [], [])
    assert evidence(head, "no_match").title_cues[0].text == title


def test_a_body_claim_of_opposite_polarity_contradicts_the_title(nlp_fr):
    title = "Le maire de Brest démissionne"
    body = "Le maire de Brest n'a pas démissionné, a-t-il assuré jeudi. Il reste en fonction."
    b = claim("c0", "body", body, "Le maire de Brest n'a pas démissionné", polarity="negative")
    head = check(nlp_fr, "fr", title, body, body_claims=[b])
    assert head.verdict == "unsupported"
    assert head.contradicting == ["c0"]
    assert "negative" in evidence(head, "contradiction").detail


# --- statements ---------------------------------------------------------------------------------------

def test_title_statements_skip_a_verbless_rubric_before_the_colon(nlp_fr):
    title = "Affaire Dupont : le juge ordonne une expertise"
    lex = Lexicon.of(langdata.load("fr"))
    statements = title_statements(parse(nlp_fr, title), [], lex)
    assert [(s.text, s.start, s.end) for s in statements] == [("le juge ordonne une expertise", 17, 46)]


def test_a_verbless_title_is_one_statement(nlp_fr):
    title = "Grandeur et misère d'un champion"
    lex = Lexicon.of(langdata.load("fr"))
    assert [s.text for s in title_statements(parse(nlp_fr, title), [], lex)] == [title]


def test_body_statements_are_the_claims_then_the_author_words_outside_them(nlp_fr):
    body = "Selon la préfecture, la route restera fermée jusqu'à lundi. Les travaux ont commencé en mai."
    c = claim("c0", "body", body, "la route restera fermée jusqu'à lundi",
              chain=[source(body, "la préfecture", "government", "Selon")])
    lex = Lexicon.of(langdata.load("fr"))
    statements = body_statements(parse(nlp_fr, body), [c], lex)
    assert [(s.id, s.text) for s in statements] == [("c0", "la route restera fermée jusqu'à lundi"),
                                                     (None, "Les travaux ont commencé en mai.")]


def test_a_title_of_punctuation_only_gets_no_verdict(nlp_en):
    assert check(nlp_en, "en", "—", "Prices rose in March.") is None


# --- whose words: sources named in the title ------------------------------------------------------

def test_a_source_named_in_the_title_by_its_acronym_is_not_dropped(nlp_en):
    title = "Flu cases double in a week, CDC says"
    body = "Flu cases doubled in a week, the Centers for Disease Control and Prevention said on Friday."
    b = claim("c0", "body", body, "Flu cases doubled in a week",
              chain=[source(body, "the Centers for Disease Control and Prevention", "government", "said")])
    head = check(nlp_en, "en", title, body, body_claims=[b])
    assert (head.verdict, head.reasons, head.supporting) == ("supported", [], ["c0"])


def test_a_title_that_reports_the_denial_agrees_with_the_denied_content(nlp_fr):
    title = "Le ministre dément la fermeture de l'usine de Tulle"
    body = "Le ministre de l'Industrie a démenti jeudi la fermeture de l'usine de Tulle."
    b = claim("c0", "body", body, "la fermeture de l'usine de Tulle", polarity="negative",
              chain=[source(body, "Le ministre de l'Industrie", "person", "a démenti")])
    head = check(nlp_fr, "fr", title, body, body_claims=[b])
    assert head.contradicting == []
    assert (head.verdict, head.reasons) == ("supported", [])


def test_one_body_statement_saying_it_as_strongly_is_enough_among_close_matches(nlp_en):
    title = "Wind farms face delays as costs rise"
    body = ("Wind farms face long delays as costs rise across Europe. "
            "Several wind farms could face delays as costs rise, analysts said.")
    hedged = claim("c0", "body", body, "Several wind farms could face delays as costs rise", certainty="possible",
                   hedges=["could"], chain=[source(body, "analysts", "anonymous", "said")])
    head = check(nlp_en, "en", title, body, body_claims=[hedged])
    assert (head.verdict, head.reasons) == ("supported", [])
    assert "sentence 0-" in evidence(head, "match").detail


def hedge(whole, text, level="probable", rule="hedge_word"):
    start = whole.index(text)
    return Hedge(text=text, start=start, end=start + len(text), level=level, rule=rule)


def test_a_hedge_on_another_clause_of_the_body_claim_does_not_lower_what_the_title_repeats(nlp_fr):
    title = "Le procureur demande la relaxe de l'ancien maire"
    body = "Le procureur a demandé la relaxe de l'ancien maire, soupçonné d'avoir favorisé une entreprise locale."
    b = claim("c0", "body", body, body[:-1], certainty="probable", hedges=["soupçonné"])
    b = b.model_copy(update={"hedge_spans": [hedge(body, "soupçonné")]})
    head = check(nlp_fr, "fr", title, body, body_claims=[b])
    assert (head.verdict, head.reasons) == ("supported", [])


def test_a_hedge_on_the_repeated_clause_is_a_certainty_upgrade(nlp_fr):
    title = "Le procureur demande la relaxe de l'ancien maire"
    body = "Le procureur aurait demandé la relaxe de l'ancien maire, selon nos informations."
    b = claim("c0", "body", body, "Le procureur aurait demandé la relaxe de l'ancien maire", certainty="probable",
              hedges=["aurait"])
    b = b.model_copy(update={"hedge_spans": [hedge(body, "aurait", rule="conditional_mood")]})
    head = check(nlp_fr, "fr", title, body, body_claims=[b])
    assert head.reasons == ["certainty_upgrade"]
    assert "probable («aurait»)" in evidence(head, "certainty_upgrade").detail


# --- one case told as many ----------------------------------------------------------------------

def test_one_attributed_case_in_the_body_told_as_many_is_a_generalization(nlp_en):
    title = "Rebels shell schools near Goma"
    body = "One school was shelled near Goma on Monday, the provincial governor said. Classes were suspended."
    b = claim("c0", "body", body, "One school was shelled near Goma on Monday",
              chain=[source(body, "the provincial governor", "government", "said")])
    head = check(nlp_en, "en", title, body, body_claims=[b])
    assert head.verdict == "overstated"
    assert set(head.reasons) == {"certainty_upgrade", "generalization", "source_dropped"}
    general = evidence(head, "generalization")
    assert [(c.text, c.start, c.end, c.rule) for c in general.title_cues] == [("schools", 13, 20, "singular_to_plural")]
    assert "«One school»" in general.detail and general.body_claims == ["c0"]


def test_a_noun_qualifying_one_thing_is_one_case(nlp_en):
    title = "Missiles hit power stations near Kharkiv"
    body = "A missile strike hit a power station near Kharkiv overnight. Repairs began on Sunday."
    head = check(nlp_en, "en", title, body)
    assert head.reasons == ["generalization"]
    general = evidence(head, "generalization")
    assert [(c.text, c.start, c.end) for c in general.title_cues] == [("Missiles", 0, 8)]
    assert "«A missile strike»" in general.detail


def test_a_demonstrative_makes_one_case_in_french(nlp_fr):
    title = "Des drones frappent des hôpitaux à Kherson"
    body = "Cet hôpital de Kherson a été frappé par un drone dimanche. Les secours sont arrivés rapidement."
    head = check(nlp_fr, "fr", title, body)
    assert head.reasons == ["generalization"]
    cue = evidence(head, "generalization").title_cues[0]
    assert (cue.text, cue.start, cue.end) == ("Des drones", 0, 10)
    assert "«un drone»" in evidence(head, "generalization").detail


# --- figures --------------------------------------------------------------------------------------

def test_a_title_amount_above_every_body_amount_of_its_unit_is_quantity_inflation(nlp_fr):
    # the title's statement is about the first sentence; the amount is in a sentence of its own
    title = "Escroquerie aux subventions : 25 millions d'euros détournés par une société de conseil"
    body = ("Une société de conseil de Lille a détourné des subventions européennes pendant six ans. "
            "Le préjudice s'élève à 9 millions d'euros. L'amende encourue atteint 1 million d'euros.")
    head = check(nlp_fr, "fr", title, body)
    assert (head.verdict, head.reasons) == ("overstated", ["quantity_inflation"])
    inflation = evidence(head, "quantity_inflation")
    assert [(c.text, c.start, c.end, c.rule) for c in inflation.title_cues] == [
        ("25 millions d'euros", 30, 49, "quantity_inflation_same_unit")]
    assert "«9 millions d'euros» (exactly 9000000)" in inflation.detail


def test_a_title_amount_the_body_reaches_elsewhere_is_no_inflation(nlp_fr):
    title = "Escroquerie aux subventions : 25 millions d'euros détournés par une société de conseil"
    body = ("Une société de conseil de Lille a détourné des subventions européennes pendant six ans. "
            "Le préjudice s'élève à 25 millions d'euros.")
    head = check(nlp_fr, "fr", title, body)
    assert (head.verdict, head.reasons) == ("supported", [])


def test_dead_in_the_title_compares_with_people_in_the_body(nlp_fr):
    title = "Les inondations font 1 200 morts dans la vallée"
    body = "Les inondations ont fait jusqu'à 1 200 victimes, soit jusqu'à 1 200 personnes, dans la vallée."
    head = check(nlp_fr, "fr", title, body)
    assert head.reasons == ["quantity_inflation"]
    inflation = evidence(head, "quantity_inflation")
    assert [(c.text, c.start, c.end) for c in inflation.title_cues] == [("1 200 morts", 21, 32)]
    assert "«jusqu'à 1 200 personnes» (at most 1200)" in inflation.detail


# --- sources named, or not, by the title ----------------------------------------------------------

def test_a_source_word_that_is_also_the_subject_does_not_name_the_source(nlp_en):
    title = "Floods displace 40,000 people in western Kenya"
    body = "Floods displaced 40,000 people in western Kenya, the Kenya Red Cross said on Monday."
    b = claim("c0", "body", body, "Floods displaced 40,000 people in western Kenya",
              chain=[source(body, "the Kenya Red Cross", "organization", "said")])
    head = check(nlp_en, "en", title, body, body_claims=[b])
    assert "source_dropped" in head.reasons
    assert "the Kenya Red Cross" in evidence(head, "source_dropped").detail


def test_a_title_ending_in_an_attribution_tag_keeps_the_attribution(nlp_en):
    title = "Airline to cut 2,000 jobs - report"
    body = "The airline plans to cut 2,000 jobs this year, the Financial Times reported on Monday."
    b = claim("c0", "body", body, "The airline plans to cut 2,000 jobs this year",
              chain=[source(body, "the Financial Times", "media", "reported")])
    head = check(nlp_en, "en", title, body, body_claims=[b])
    assert (head.verdict, head.reasons) == ("supported", [])
    assert [t.text for t in evidence(head, "match").title_cues][:2] == ["Airline", "cut"]


def test_a_hedge_qualifying_another_phrase_of_the_sentence_leaves_the_claim_certain(nlp_en):
    title = "Factory output rises 2% in May, statistics office says"
    body = "Factory output rose 2% in May after a weaker-than-expected April, the statistics office said."
    t = claim("t0", "title", title, "Factory output rises 2% in May",
              chain=[source(title, "statistics office", "government", "says")])
    b = claim("c0", "body", body, "Factory output rose 2% in May", certainty="probable", hedges=["expected"],
              chain=[source(body, "the statistics office", "government", "said")])
    b = b.model_copy(update={"hedge_spans": [hedge(body, "expected")]})
    head = check(nlp_en, "en", title, body, [t], [b])
    assert (head.verdict, head.reasons) == ("supported", [])


def test_the_words_of_a_character_range_are_those_wholly_inside_it(nlp_fr):
    # pins `_tokens_in`, which finds them by bisection on the token offsets kept per Doc
    from selon.headline import _tokens_in

    text = "Le  ministre a démissionné hier."
    doc = nlp_fr.make_doc(text)

    def words(start, end):
        return [t.text for t in _tokens_in(doc, start, end)]

    assert words(0, len(text)) == ["Le", "ministre", "a", "démissionné", "hier", "."]  # no space token
    assert words(1, len(text)) == ["ministre", "a", "démissionné", "hier", "."]  # "Le" is cut
    assert words(3, 20) == ["ministre", "a"]  # "démissionné" goes past the end
    assert words(4, 11) == [] and words(4, 12) == ["ministre"]
