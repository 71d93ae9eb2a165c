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


def test_que_elided_with_a_typographic_apostrophe_is_not_part_of_the_content(claims):
    [c] = claims("Le gouverneur affirme qu’il reste 200 soldats dans la caserne.")
    assert (c.text, c.start, c.end) == ("il reste 200 soldats dans la caserne", 25, 61)
    assert link(c) == ("Le gouverneur", 0, 13, "affirme", "reporting_verb:complement")


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


# --- Second round: post-posed cues, participles, openers of opinion, paragraphs ---------------


def test_quotation_right_before_an_inverted_cue_is_the_content_even_after_an_adjunct(claims):
    [c] = claims("Quant à requalifier le délit, «cela n'est pas possible», a argué la juge.")
    assert (c.text, c.start, c.end) == ("cela n'est pas possible", 31, 54)
    assert link(c) == ("la juge", 65, 72, "a argué", "reporting_verb:postposed")


def test_a_word_inside_the_quotation_is_never_the_speaker(claims):
    [c] = claims("«Vous n'êtes pas le juge de l'équité» a lancé Mme Ancel au tribunal.")
    assert (c.text, c.start, c.end) == ("Vous n'êtes pas le juge de l'équité", 1, 36)
    assert link(c)[:4] == ("Mme Ancel", 46, 55, "a lancé")


def test_postposed_cue_heading_a_que_clause_reports_what_follows_que(claims):
    # The parser hangs the cue on the "que" clause: what the outlet reports starts after "que".
    text = "Cela signifie que les salaires versés en janvier 2026 étaient 3 % plus élevés qu'en janvier 2025, rapporte Le Monde."
    [c] = claims(text)
    assert (c.text, c.start, c.end) == (
        "les salaires versés en janvier 2026 étaient 3 % plus élevés qu'en janvier 2025", 18, 96)
    assert link(c) == ("Le Monde", 107, 115, "rapporte", "reporting_verb:postposed")


def test_cue_with_subject_and_object_is_not_postposed(claims):
    [c] = claims("Pour la troisième fois en un mois, le maire a démenti la rumeur d'une démission.")
    assert (c.text, c.start, c.end) == ("une démission", 66, 79)
    assert link(c)[:4] == ("le maire", 35, 43, "a démenti")
    assert c.polarity == "negative"


def test_verbless_words_before_a_cue_are_not_its_content(claims):
    assert [c.chain for c in claims("La fatigue, un budget serré, expliqueraient l'échec du projet.")] == [[]]


def test_inverted_clitic_subject_is_the_speaker(claims):
    [c] = claims("«Nous fermerons en mai», a-t-elle annoncé à la presse. Le maire Jean Petit l'a confirmé.")
    assert (c.text, c.start, c.end) == ("Nous fermerons en mai", 1, 22)
    # The clitic "-elle" is the source phrase (sources.py resolves it when it knows the form).
    assert link(c) == ("-elle", 28, 33, "a-t-elle annoncé", "reporting_verb:postposed")


def test_present_participle_reports_for_the_subject_of_its_clause(claims):
    [c] = claims("Le syndicat a publié un communiqué, évoquant la fermeture possible de trois usines.")
    assert (c.text, c.start, c.end) == ("la fermeture possible de trois usines", 45, 82)
    assert link(c) == ("Le syndicat", 0, 11, "évoquant", "reporting_verb:object:participle")


def test_object_content_keeps_the_adjuncts_after_the_object(claims):
    [c] = claims("Le gouvernement avait annoncé en décembre un gel des loyers jusqu'au printemps.")
    assert (c.text, c.start, c.end) == ("un gel des loyers jusqu'au printemps", 42, 78)


def test_lemma_left_as_written_form_is_repaired_for_reporting_verbs(claims):
    _, c = claims("Elle a reconnu des erreurs mais estime que «la question n'est pas là».")
    assert (c.text, c.start, c.end) == ("la question n'est pas là", 44, 68)
    assert (c.chain[0].cue, c.chain[0].rule) == ("estime", "reporting_verb:complement")


def test_pour_with_a_speaker_gives_an_opinion(claims):
    [c] = claims("Pour un urgentiste de Lyon, la situation est intenable.")
    assert (c.text, c.start, c.end) == ("la situation est intenable", 28, 54)
    assert link(c) == ("un urgentiste de Lyon", 5, 26, "Pour", "opinion:before_content")


def test_pour_without_a_speaker_is_not_an_attribution(claims):
    assert all(not c.chain for c in claims("Pour la deuxième fois, le prix du gaz a augmenté de 5 %."))


def test_de_memoire_de_names_a_source(claims):
    [c] = claims("De mémoire de pompier, «on n'a jamais vu un feu pareil».")
    assert (c.text, c.start, c.end) == ("on n'a jamais vu un feu pareil", 24, 54)
    assert (c.chain[0].source, c.chain[0].cue) == ("pompier", "De mémoire de")


def test_selon_after_a_verb_of_variation_means_depending_on(claims):
    claims_found = claims("Les tarifs varient selon les régions : ils ont baissé de 2 % dans le Nord.")
    assert all(not c.chain for c in claims_found)


def test_fronted_selon_covers_a_coordinated_clause_with_its_own_subject(claims):
    first, second = claims("Selon un conseiller, «la loi passera», mais il n'est pas exclu qu'elle soit amendée.")
    assert first.text == "la loi passera"
    assert second.text.startswith("il n'est pas exclu")
    assert first.chain[0].source == second.chain[0].source == "un conseiller"
    assert second.certainty == "possible"


def test_apposition_before_a_subjectless_cue_names_the_person(claims):
    [c] = claims("Marie Curie, la directrice du laboratoire, a averti, lundi, que les essais prendraient du retard.")
    assert c.text == "les essais prendraient du retard"
    assert (c.chain[0].source, c.chain[0].kind) == ("Marie Curie", "person")


def test_le_before_a_cue_reports_the_sentences_before_it_in_its_paragraph(claims):
    first, second = claims("Non, l'usine ne fermera pas cette année. Les emplois ne sont pas menacés. "
                           "Paul Martin, son directeur, l'a assuré vendredi.")
    assert (first.text, second.text) == ("Non, l'usine ne fermera pas cette année", "Les emplois ne sont pas menacés")
    assert [(l.source, l.rule) for l in first.chain] == [("Paul Martin", "reporting_verb:previous_sentences")]
    assert second.chain == first.chain


def test_a_quotation_standing_alone_is_the_last_speakers(claims):
    first, second = claims("«Nous tiendrons», a déclaré la ministre. «Aucun service ne fermera.»")
    assert first.chain[0].source == "la ministre"
    assert (second.text, second.chain[0].source, second.chain[0].cue, second.chain[0].rule) == (
        "Aucun service ne fermera", "la ministre", "«", "quote:last_speaker")


def test_savoir_alone_is_not_a_cue(claims):
    assert all(not c.chain for c in claims("Le prévenu sait qu'il ne pourra plus exercer."))


def test_prevoir_de_is_a_plan_not_a_report(claims):
    assert all(not c.chain for c in claims("Le gouvernement a prévu de financer six réacteurs d'ici à 2030."))


def test_a_date_between_participle_and_preposition_keeps_the_relay(claims):
    [c] = claims("Selon un rapport publié lundi dans le journal Les Echos, la SNCF supprimera 300 postes.")
    assert c.text == "la SNCF supprimera 300 postes"
    assert [(l.source, l.cue, l.rule) for l in c.chain] == [
        ("Les Echos", "publié lundi dans", "relay_in"), ("un rapport", "Selon", "preposition:before_content")]


def test_source_after_its_content_covers_it_from_the_colon(claims):
    [c] = claims("Pénurie de lits et de soignants: au moins 80 services ferment la nuit, selon une liste "
                 "établie par la Fédération hospitalière.")
    assert (c.text, c.start, c.end) == ("au moins 80 services ferment la nuit", 33, 69)
    assert (c.chain[0].source, c.chain[0].cue) == ("la Fédération hospitalière", "selon une liste établie par")


def test_a_colon_inside_brackets_does_not_cut_the_content(claims):
    [c] = claims("Le groupe a rencontré Morgan Stanley (NYSE :MS) sur la voie à suivre, a rapporté Bloomberg.")
    assert (c.text, c.start, c.end) == ("Le groupe a rencontré Morgan Stanley (NYSE :MS) sur la voie à suivre", 0, 68)
    assert c.chain[0].source == "Bloomberg"


def test_speaker_right_after_a_cue_without_comma_is_its_inverted_subject(claims):
    [c] = claims("La hausse devrait toucher 25 millions de foyers et 3 millions d'artisans précise le journal économique.")
    assert (c.text, c.start, c.end) == ("La hausse devrait toucher 25 millions de foyers et 3 millions d'artisans", 0, 72)
    assert (c.chain[0].source, c.chain[0].kind, c.chain[0].cue) == ("le journal économique", "media", "précise")


def test_absolute_participle_takes_the_speaker_right_before_it(claims):
    _, c = claims("L'hôpital pourrait fermer, le syndicat SNMH-FO y pointant un manque de 12 médecins.")
    assert (c.text, c.start, c.end) == ("un manque de 12 médecins", 58, 82)
    assert (c.chain[0].source, c.chain[0].cue, c.chain[0].rule) == (
        "SNMH-FO", "pointant", "reporting_verb:object:participle")


def test_a_quoted_clause_after_the_content_is_a_second_claim_of_the_speaker(claims):
    first, second = claims("La juge a déclaré «le dossier est vide», et «cela suffit à relaxer».")
    assert (first.text, second.text) == ("le dossier est vide", "cela suffit à relaxer")
    assert second.chain[0].source == first.chain[0].source == "La juge"


def test_quoted_words_without_a_verb_lengthen_the_content(claims):
    [c] = claims("Les avocats ont jugé «absurde» «ce montage» et «cette manoeuvre».")
    assert (c.text, c.start, c.end) == ("absurde» «ce montage» et «cette manoeuvre", 22, 63)
    assert c.chain[0].source == "Les avocats"


def test_a_predicate_coordinated_after_a_quotation_is_a_claim_of_its_own(claims):
    first, second = claims("Pour un médecin de Lille, «le service est saturé» et ferait fuir les patients.")
    assert (first.text, second.text) == ("le service est saturé", "ferait fuir les patients")
    assert first.chain[0].source == second.chain[0].source == "un médecin de Lille"
    assert (first.certainty, second.certainty) == ("certain", "probable")


def test_a_description_of_a_name_after_a_comma_is_not_reported_content(claims):
    [c] = claims("Le Parisien a évoqué le rachat de Fnac Darty, détenue par le groupe Kretinsky.")
    assert (c.text, c.start, c.end) == ("le rachat de Fnac Darty", 21, 44)
    assert (c.chain[0].source, c.chain[0].cue) == ("Le Parisien", "a évoqué")


def test_a_speech_cue_without_content_announces_the_quotation_after_it(claims):
    [c] = claims("Le maire a tenté de rassurer les habitants. «Aucune maison ne sera détruite.»")
    assert (c.text, c.start, c.end) == ("Aucune maison ne sera détruite", 45, 75)
    assert [(l.source, l.cue, l.rule) for l in c.chain] == [("Le maire", "«", "quote:announced")]


def test_a_cue_with_a_thing_for_subject_announces_nothing(claims):
    [c] = claims("La hausse des prix explique la colère. «Nous ne tiendrons pas.»")
    assert (c.text, c.chain) == ("Nous ne tiendrons pas", [])


def test_relay_participle_read_as_a_noun_still_lengthens_the_chain(claims):
    [c] = claims("Les pertes atteindraient 5 000 morts, selon des chiffres des autorités locales cités par Le Monde.")
    assert c.text == "Les pertes atteindraient 5 000 morts"
    assert [(l.source, l.cue) for l in c.chain] == [("Le Monde", "cités par"), ("autorités locales", "selon")]


def test_relative_clause_about_a_fronted_source_is_not_content(claims):
    [c] = claims("Selon Le Monde, qui cite une enquête interne, deux usines vont fermer.")
    assert (c.text, c.start, c.end) == ("deux usines vont fermer", 46, 69)
    assert (c.chain[0].source, c.chain[0].cue) == ("Le Monde", "Selon")


# --- Round 3: infinitive and prepositional contents, relative subjects, own-voice cues.

def test_infinitive_complement_is_what_the_subject_asserts(claims):
    [c] = claims("Le ministère de la Défense a affirmé avoir détruit douze drones au-dessus de la frontière.")
    assert (c.text, c.start, c.end) == ("avoir détruit douze drones au-dessus de la frontière", 37, 89)
    assert link(c) == ("Le ministère de la Défense", 0, 26, "a affirmé", "reporting_verb:infinitive")


def test_negated_infinitive_complement_is_a_negative_claim_of_the_subject(claims):
    [c] = claims("La ministre a assuré ne pas avoir reçu la lettre du syndicat.")
    assert (c.text, c.start, c.end) == ("ne pas avoir reçu la lettre du syndicat", 21, 60)
    assert link(c)[3:] == ("a assuré", "reporting_verb:infinitive")
    assert c.polarity == "negative" and [p.text for p in c.polarity_cues] == ["ne", "pas"]


def test_adverb_between_auxiliary_and_denial_verb_keeps_the_object_as_content(claims):
    [c] = claims("Le président du club a toutefois démenti tout accord avec l'acheteur.")
    assert (c.text, c.start, c.end) == ("tout accord avec l'acheteur", 41, 68)
    assert link(c)[:4] == ("Le président du club", 0, 20, "a toutefois démenti")
    assert c.polarity == "negative"


def test_contester_reports_and_denies_its_complement(claims):
    [c] = claims("Le syndicat conteste que la réforme ait été négociée.")
    assert (c.text, c.start, c.end) == ("la réforme ait été négociée", 25, 52)
    assert link(c)[:4] == ("Le syndicat", 0, 11, "conteste")
    assert c.polarity == "negative" and c.polarity_cues[0].rule == "denial_verb"


def test_s_attendre_a_reports_its_prepositional_object_as_a_probable_belief(claims):
    [c] = claims("Plusieurs analystes s'attendent à une hausse des prix en janvier.")
    assert (c.text, c.start, c.end) == ("une hausse des prix en janvier", 34, 64)
    assert link(c)[3:] == ("attendent", "reporting_verb:prepositional_object")
    assert c.certainty == "probable" and c.hedges == ["attendent"]


def test_relative_qui_table_sur_is_said_by_the_antecedent(claims):
    [c] = claims("Paul Durand, analyste chez Oddo, qui table sur une croissance de 1 % l'an prochain, reste prudent.")
    assert (c.text, c.start, c.end) == ("une croissance de 1 % l'an prochain", 47, 82)
    assert (c.chain[0].source, c.chain[0].kind, c.chain[0].cue) == ("Paul Durand", "person", "table")
    assert c.certainty == "probable"


def test_anticiper_reports_its_object_as_probable(claims):
    [c] = claims("Les investisseurs anticipent deux hausses de taux d'ici l'été.")
    assert (c.text, c.start, c.end) == ("deux hausses de taux d'ici l'été", 29, 61)
    assert link(c)[:4] == ("Les investisseurs", 0, 17, "anticipent")
    assert c.certainty == "probable"


def test_quoted_speaker_denying_saying_something_negates_the_content_without_a_new_link(claims):
    [c] = claims("« Nous ne disons pas que cela arrivera », a précisé le porte-parole.")
    assert (c.text, c.start, c.end) == ("cela arrivera", 25, 38)
    assert [l.source for l in c.chain] == ["le porte-parole"]
    assert c.polarity == "negative"
    assert [(p.text, p.start, p.rule) for p in c.polarity_cues] == [("ne", 7, "negated_speech_act"),
                                                                    ("pas", 17, "negated_speech_act")]


def test_one_speakers_cue_inside_their_own_content_is_a_single_link():
    from selon.claims import one_link_per_speaker
    from selon.model import ChainLink

    def at(cue, cue_start, source="Les avocats", start=0):
        return ChainLink(source=source, kind="person", cue=cue, start=start, end=start + len(source),
                         cue_start=cue_start, cue_end=cue_start + len(cue), rule="reporting_verb:complement")
    outer, inner = at("contestent", 12), at("estimant", 37)
    assert one_link_per_speaker([outer, inner]) == [inner]
    other = at("rapporte", 60, source="Le Monde", start=50)
    assert one_link_per_speaker([other, outer, inner]) == [other, inner]
