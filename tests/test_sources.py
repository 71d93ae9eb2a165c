"""Sources: the shortest span that names who speaks, its kind, and the rule behind the kind."""

from __future__ import annotations

import pytest

from selon import langdata
from selon.errors import SelonError
from selon.model import Article
from selon.sources import SourceRef, describe_source, referent, resolve_reference

FR = langdata.load("fr")
EN = langdata.load("en")


def span_of(doc, words: str, occurrence: int = 0) -> tuple[int, int]:
    """Token bounds of the n-th occurrence of `words` in the doc."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(words, start + 1)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    return span.start, span.end


def token_of(doc, word: str, occurrence: int = 0) -> int:
    return span_of(doc, word, occurrence)[0]


def describe(nlp, text: str, phrase: str, data, occurrence: int = 0) -> SourceRef:
    doc = nlp(text)
    return describe_source(doc, *span_of(doc, phrase, occurrence), data)


def at(text: str, words: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


# --- outlets, state bodies and organizations from the lexicons -------------------------

def test_a_known_outlet_keeps_its_article(nlp_fr):
    text = "Selon le Washington Post, la Maison-Blanche prépare un nouveau budget."
    ref = describe(nlp_fr, text, "le Washington Post", FR)
    assert (ref.text, (ref.start, ref.end)) == ("le Washington Post", at(text, "le Washington Post"))
    assert (ref.kind, ref.kind_rule) == ("media", "media-lexicon:washington post")


def test_a_known_state_body_is_government_with_its_elided_article(nlp_fr):
    text = "D'après l'Insee, le chômage a reculé au dernier trimestre."
    ref = describe(nlp_fr, text, "l'Insee", FR)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("l'Insee", at(text, "l'Insee"), "government")
    assert ref.kind_rule == "government-lexicon:insee"


def test_two_outlets_cited_together_form_one_source(nlp_en):
    text = "The New York Times and The Guardian report that the talks failed."
    ref = describe(nlp_en, text, "The New York Times and The Guardian", EN)
    assert (ref.text, ref.start, ref.end) == ("The New York Times and The Guardian", 0, 35)
    assert ref.kind == "media"


def test_an_unknown_acronym_named_as_organization_is_an_organization(nlp_fr):
    text = "Selon la CFTC, la grève continue dans les dépôts."
    ref = describe(nlp_fr, text, "la CFTC", FR)
    assert (ref.text, (ref.start, ref.end)) == ("la CFTC", at(text, "la CFTC"))
    assert (ref.kind, ref.kind_rule) == ("organization", "acronym:CFTC")


def test_a_generic_noun_gives_way_to_the_name_beside_it(nlp_en):
    text = "A study by the Ohio-based research firm KELTA found that sales fell."
    ref = describe(nlp_en, text, "A study by the Ohio-based research firm KELTA", EN)
    assert (ref.text, (ref.start, ref.end)) == ("KELTA", at(text, "KELTA"))
    assert ref.kind == "organization"


# --- figures and documents ------------------------------------------------------------

def test_the_body_named_inside_an_estimate_is_the_source(nlp_fr):
    text = "Selon des estimations des autorités britanniques, citées par la BBC, 300 migrants sont arrivés."
    ref = describe(nlp_fr, text, "des estimations des autorités britanniques", FR)
    assert (ref.text, (ref.start, ref.end)) == ("autorités britanniques", at(text, "autorités britanniques"))
    assert (ref.kind, ref.kind_rule) == ("government", "government-head:autorite")


def test_the_outlet_named_inside_a_calculation_is_the_source(nlp_fr):
    text = "D'après les calculs de l'Insee, la population a augmenté de 0,3 %."
    ref = describe(nlp_fr, text, "les calculs de l'Insee", FR)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("l'Insee", at(text, "l'Insee"), "government")


def test_a_document_named_as_such_is_a_document(nlp_fr):
    text = "Selon un rapport confidentiel, les stocks de vaccins sont insuffisants."
    ref = describe(nlp_fr, text, "un rapport confidentiel", FR)
    assert (ref.text, (ref.start, ref.end)) == ("un rapport confidentiel", at(text, "un rapport confidentiel"))
    assert (ref.kind, ref.kind_rule) == ("document", "document-head:rapport")


def test_a_document_drawn_up_by_a_body_speaks_for_that_body(nlp_fr):
    text = "Selon une étude publiée par l'université de Lyon, les ventes de vélos baissent."
    ref = describe(nlp_fr, text, "une étude publiée par l'université de Lyon", FR)
    assert (ref.text, (ref.start, ref.end)) == ("l'université de Lyon", at(text, "l'université de Lyon"))
    assert ref.kind == "organization"


def test_a_study_relayed_by_an_outlet_outside_the_span_speaks_for_its_author(nlp_fr):
    # "citée par Le Parisien" is outside the span: the relay belongs to the claims engine.
    text = "D'après une étude de l'Unicef, citée par Le Parisien, la pauvreté infantile reculerait."
    ref = describe(nlp_fr, text, "une étude de l'Unicef", FR)
    assert (ref.text, (ref.start, ref.end)) == ("l'Unicef", at(text, "l'Unicef"))
    assert (ref.kind, ref.kind_rule) == ("organization", "organization-lexicon:unicef")


def test_the_chain_of_a_relayed_note_runs_from_the_outlet_to_the_author(analyzer):
    text = "Selon une note de l'OCDE, relayée par Le Monde, la croissance ralentirait."
    (claim,) = analyzer.analyze_article(Article(text=text)).claims
    assert [(link.source, (link.start, link.end), link.kind, link.cue) for link in claim.chain] == [
        ("Le Monde", at(text, "Le Monde"), "media", "relayée par"),
        ("l'OCDE", at(text, "l'OCDE"), "organization", "Selon"),
    ]


# --- people ---------------------------------------------------------------------------

def test_a_courtesy_title_stays_with_the_surname(nlp_fr):
    text = "Mme Dupuis a estimé que le projet était trop coûteux."
    ref = describe(nlp_fr, text, "Mme Dupuis", FR)
    assert (ref.text, ref.start, ref.end) == ("Mme Dupuis", 0, 10)
    assert (ref.kind, ref.kind_rule) == ("person", "ner:PER")


def test_a_title_before_a_name_is_dropped_for_the_name(nlp_fr):
    text = "Le président russe Vladimir Poutine a annoncé un cessez-le-feu."
    ref = describe(nlp_fr, text, "Le président russe Vladimir Poutine", FR)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("Vladimir Poutine", at(text, "Vladimir Poutine"), "person")


def test_a_role_that_designates_one_person_is_a_person(nlp_en):
    text = "A federal judge ruled that the merger could go ahead."
    ref = describe(nlp_en, text, "A federal judge", EN)
    assert (ref.text, ref.start, ref.end) == ("A federal judge", 0, 15)
    assert (ref.kind, ref.kind_rule) == ("person", "role-noun:judge")


# --- anonymous sources ----------------------------------------------------------------

def test_a_quantifier_makes_sources_anonymous(nlp_fr):
    text = "Selon plusieurs sources, le sommet aurait été annulé."
    ref = describe(nlp_fr, text, "plusieurs sources", FR)
    assert (ref.text, (ref.start, ref.end)) == ("plusieurs sources", at(text, "plusieurs sources"))
    assert (ref.kind, ref.kind_rule) == ("anonymous", "anonymous-determiner:plusieurs")


def test_an_unnamed_source_keeps_where_it_sits(nlp_fr):
    text = "Une source proche du dossier a confié que la vente était signée."
    ref = describe(nlp_fr, text, "Une source proche du dossier", FR)
    assert (ref.text, ref.start, ref.end) == ("Une source proche du dossier", 0, 28)
    assert ref.kind == "anonymous"


def test_a_relative_clause_is_not_part_of_the_source(nlp_en):
    text = "Some analysts, who asked not to be named, said the bank would cut rates."
    ref = describe(nlp_en, text, "Some analysts, who asked not to be named", EN)
    assert (ref.text, ref.start, ref.end) == ("Some analysts", 0, 13)
    assert (ref.kind, ref.kind_rule) == ("anonymous", "anonymous-determiner:some")


def test_a_group_pointed_at_by_a_pronoun_is_anonymous(nlp_en):
    text = "Those close to the talks say a deal is near."
    ref = describe(nlp_en, text, "Those close to the talks", EN)
    assert (ref.text, ref.start, ref.end) == ("Those close to the talks", 0, 24)
    assert ref.kind == "anonymous"


def test_a_party_group_is_anonymous_even_when_tagged_as_a_name(nlp_en):
    text = "Labour MPs say the vote is lost."
    ref = describe(nlp_en, text, "Labour MPs", EN)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("Labour MPs", 0, 10, "anonymous")


def test_a_hearsay_word_is_its_own_anonymous_source(nlp_en):
    text = "The striker reportedly signed a three-year deal."
    ref = describe(nlp_en, text, "reportedly", EN)
    assert (ref.text, (ref.start, ref.end)) == ("reportedly", at(text, "reportedly"))
    assert (ref.kind, ref.kind_rule) == ("anonymous", "hearsay:reportedly")


# --- officials: government only with a named state ------------------------------------

def test_officials_of_a_named_state_are_government(nlp_en):
    text = "US officials said the embassy would reopen."
    ref = describe(nlp_en, text, "US officials", EN)
    assert (ref.text, ref.start, ref.end) == ("US officials", 0, 12)
    assert ref.kind == "government"
    assert ref.kind_rule.startswith("official-of-state:")


def test_officials_of_a_state_named_by_an_adjective_are_government(nlp_fr):
    text = "Les responsables russes ont démenti toute frappe."
    ref = describe(nlp_fr, text, "Les responsables russes", FR)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("Les responsables russes", 0, 23, "government")
    assert ref.kind_rule == "official-of-state:responsable+russes"


def test_officials_of_no_named_state_are_anonymous(nlp_en):
    text = "Officials said the bridge would stay closed."
    ref = describe(nlp_en, text, "Officials", EN)
    assert (ref.text, ref.start, ref.end) == ("Officials", 0, 9)
    assert (ref.kind, ref.kind_rule) == ("anonymous", "unnamed-official:official")


# --- media described, not named -------------------------------------------------------

def test_a_newspaper_described_is_media(nlp_fr):
    text = "Libération a publié les chiffres. Le quotidien précise que 40 écoles ferment."
    ref = describe(nlp_fr, text, "Le quotidien", FR)
    assert (ref.text, (ref.start, ref.end)) == ("Le quotidien", at(text, "Le quotidien"))
    assert (ref.kind, ref.kind_rule) == ("media", "media-head:quotidien")


# --- references -----------------------------------------------------------------------

def test_a_pronoun_source_is_the_person_it_stands_for(nlp_fr):
    text = "Marie Curie a présenté ses travaux à Stockholm. Elle a affirmé que le radium guérirait."
    doc = nlp_fr(text)
    ref = describe_source(doc, *span_of(doc, "Elle"), FR)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("Marie Curie", at(text, "Marie Curie"), "person")
    assert ref.kind_rule == "pronoun:elle→ner:PER"


def test_an_english_personal_pronoun_looks_for_a_person_only(nlp_en):
    text = "Anna Lopez met the board of Acme Corp on Monday. She said the plant would close."
    doc = nlp_en(text)
    ref = resolve_reference(doc, token_of(doc, "She"), EN)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("Anna Lopez", at(text, "Anna Lopez"), "person")


def test_a_pronoun_with_no_antecedent_is_anonymous(nlp_fr):
    text = "Il a affirmé que la vente était signée."
    doc = nlp_fr(text)
    assert resolve_reference(doc, 0, FR) is None
    ref = describe_source(doc, 0, 1, FR)
    assert (ref.text, ref.start, ref.end) == ("Il", 0, 2)
    assert (ref.kind, ref.kind_rule) == ("anonymous", "unresolved-pronoun:il")


def test_a_surname_resolves_to_the_full_name_given_earlier(nlp_fr):
    text = "Jean Moulin a présidé la séance. Plus tard, Moulin a dit que le vote était acquis."
    doc = nlp_fr(text)
    ref = resolve_reference(doc, token_of(doc, "Moulin", 1), FR)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("Jean Moulin", at(text, "Jean Moulin"), "person")
    assert ref.kind_rule.startswith("same-surname:Moulin")


def test_a_described_outlet_resolves_to_the_last_outlet_named(nlp_fr):
    text = "Libération a publié les chiffres. Le quotidien précise que 40 écoles ferment."
    doc = nlp_fr(text)
    ref = resolve_reference(doc, token_of(doc, "quotidien"), FR)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("Libération", 0, 10, "media")
    assert ref.kind_rule == "description:quotidien→media-lexicon:liberation"


def test_the_source_resolves_to_the_source_introduced_before(nlp_en):
    text = "One senior source at the ministry told us the plan was dead. The source added that talks had stopped."
    doc = nlp_en(text)
    ref = resolve_reference(doc, token_of(doc, "source", 1), EN)
    assert (ref.text, ref.start, ref.end) == ("One senior source at the ministry", 0, 33)
    assert ref.kind == "anonymous"


def test_the_same_sources_take_the_kind_of_the_earlier_sources(nlp_fr):
    text = ("Un accord serait proche, affirment les médias locaux. La présidence a confirmé la réunion. "
            "Les mêmes sources évoquent une signature lundi.")
    ref = describe(nlp_fr, text, "Les mêmes sources", FR)
    assert (ref.text, (ref.start, ref.end)) == ("Les mêmes sources", at(text, "Les mêmes sources"))
    assert ref.kind == "media"
    assert ref.kind_rule.startswith("anaphora:memes→")


# --- errors ---------------------------------------------------------------------------

def test_a_span_outside_the_document_is_a_user_error(nlp_en):
    doc = nlp_en("Officials said so.")
    with pytest.raises(SelonError):
        describe_source(doc, 2, 10, EN)
    with pytest.raises(SelonError):
        resolve_reference(doc, 42, EN)


def test_a_demonstrative_split_by_the_tokenizer_resolves_to_the_person_before(nlp_fr):
    text = "Hélène Marchal a requis deux ans de prison. Celle-ci a jugé le montage artificiel."
    doc = nlp_fr(text)
    ref = describe_source(doc, *span_of(doc, "Celle-ci"), FR)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("Hélène Marchal", at(text, "Hélène Marchal"), "person")
    assert ref.kind_rule == "pronoun:celle-ci→ner:PER"


def test_a_name_between_commas_after_a_role_is_the_source(nlp_fr):
    text = "« Le dossier est vide », a estimé le procureur de la République, Paul Girard, avant de requérir la relaxe."
    doc = nlp_fr(text)
    ref = describe_source(doc, *span_of(doc, "le procureur de la République"), FR)
    assert (ref.text, (ref.start, ref.end), ref.kind) == ("Paul Girard", at(text, "Paul Girard"), "person")


def test_an_outlet_name_inside_a_person_name_is_the_person(nlp_fr):
    text = "Marianne Dupont a affirmé que les loyers avaient doublé."
    ref = describe(nlp_fr, text, "Marianne Dupont", FR)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("Marianne Dupont", 0, 15, "person")


def test_a_common_word_that_is_also_an_outlet_name_is_not_an_outlet(nlp_en):
    text = "Fortune published the list on Monday. The family fortune has doubled, the magazine added."
    doc = nlp_en(text)
    ref = resolve_reference(doc, token_of(doc, "magazine"), EN)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("Fortune", 0, 7, "media")


def test_an_official_speaks_for_the_body_named_beside_them(nlp_en):
    text = "A Kremlin spokesman said the talks would resume."
    ref = describe(nlp_en, text, "A Kremlin spokesman", EN)
    assert (ref.text, ref.start, ref.end) == ("A Kremlin spokesman", 0, 19)
    assert (ref.kind, ref.kind_rule) == ("government", "speaks-for:spokesman+government-lexicon:kremlin")


def test_the_possessor_of_a_named_body_is_part_of_its_name(nlp_en):
    text = "Ukraine's defence ministry said it shot down 30 drones."
    ref = describe(nlp_en, text, "Ukraine's defence ministry", EN)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("Ukraine's defence ministry", 0, 26, "government")


def test_a_date_inside_a_figure_is_not_its_source(nlp_fr):
    text = "Selon les chiffres de 2023 publiés hier, le trafic a baissé."
    ref = describe(nlp_fr, text, "les chiffres de 2023", FR)
    assert (ref.text, (ref.start, ref.end)) == ("les chiffres", at(text, "les chiffres"))
    assert (ref.kind, ref.kind_rule) == ("document", "data-without-author:chiffre")


def test_a_spokesperson_of_the_government_speaks_for_the_government(nlp_fr):
    text = "Le porte-parole du gouvernement a assuré que le texte serait voté."
    ref = describe(nlp_fr, text, "Le porte-parole du gouvernement", FR)
    assert (ref.text, ref.start, ref.end) == ("Le porte-parole du gouvernement", 0, 31)
    assert (ref.kind, ref.kind_rule) == ("government", "speaks-for:porte-parole+government-head:gouvernement")


# --- international bodies, unnamed groups, cue words, appositions (second round) -------

def test_an_intergovernmental_body_is_an_organization_not_a_government(nlp_en):
    text = "The World Bank said growth in South Asia would slow next year."
    ref = describe(nlp_en, text, "The World Bank", EN)
    assert (ref.text, ref.start, ref.end) == ("The World Bank", 0, 14)
    assert (ref.kind, ref.kind_rule) == ("organization", "organization-lexicon:world bank")


def test_a_un_agency_acronym_is_an_organization_in_french(nlp_fr):
    text = "L'OMS estime que la rougeole progresse en Europe."
    ref = describe(nlp_fr, text, "L'OMS", FR)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("L'OMS", 0, 5, "organization")


def test_a_named_international_agency_is_an_organization(nlp_en):
    text = "The European Anti-Doping Agency said the samples were clean."
    ref = describe(nlp_en, text, "The European Anti-Doping Agency", EN)
    assert (ref.text, ref.start, ref.end) == ("The European Anti-Doping Agency", 0, 31)
    assert (ref.kind, ref.kind_rule) == ("organization", "proper-noun+international-body:agency+european")


def test_an_agency_of_a_named_state_is_government(nlp_fr):
    text = "Selon l'agence américaine, le médicament est sûr."
    ref = describe(nlp_fr, text, "l'agence américaine", FR)
    assert (ref.text, (ref.start, ref.end)) == ("l'agence américaine", at(text, "l'agence américaine"))
    assert (ref.kind, ref.kind_rule) == ("government", "state-body:agence+américaine")


def test_unnamed_agencies_in_the_plural_are_anonymous(nlp_en):
    text = "Relief agencies said the road to the camp was closed."
    ref = describe(nlp_en, text, "Relief agencies", EN)
    assert (ref.text, ref.start, ref.end) == ("Relief agencies", 0, 15)
    assert (ref.kind, ref.kind_rule) == ("anonymous", "unnamed-group:agency")


def test_unnamed_ngos_and_economists_are_anonymous(nlp_fr):
    text = "Selon des ONG, les camps sont pleins. Des économistes jugent la baisse tardive."
    ngos = describe(nlp_fr, text, "des ONG", FR)
    assert (ngos.text, (ngos.start, ngos.end), ngos.kind) == ("des ONG", at(text, "des ONG"), "anonymous")
    economists = describe(nlp_fr, text, "Des économistes", FR)
    assert (economists.text, economists.kind) == ("Des économistes", "anonymous")


def test_a_network_named_after_its_members_is_an_organization_not_a_broadcaster(nlp_en):
    text = "The Gaza Nurses Network said three clinics had closed."
    ref = describe(nlp_en, text, "The Gaza Nurses Network", EN)
    assert (ref.text, ref.start, ref.end, ref.kind) == ("The Gaza Nurses Network", 0, 23, "organization")


def test_a_sport_governing_body_is_an_organization(nlp_en):
    text = "Tennis's governing body said the ban would stand."
    ref = describe(nlp_en, text, "Tennis's governing body", EN)
    assert (ref.text, ref.start, ref.end) == ("Tennis's governing body", 0, 23)
    assert (ref.kind, ref.kind_rule) == ("organization", "organization-head:governing body")


def test_the_name_before_figures_is_the_source(nlp_en):
    text = "According to United Nations figures, 40,000 people fled the town."
    ref = describe(nlp_en, text, "United Nations figures", EN)
    assert (ref.text, (ref.start, ref.end)) == ("United Nations", at(text, "United Nations"))
    assert (ref.kind, ref.kind_rule) == ("organization", "organization-lexicon:united nations")


def test_figures_with_no_author_are_a_document(nlp_en):
    text = "Satellite data show the glacier has lost a third of its mass."
    ref = describe(nlp_en, text, "Satellite data", EN)
    assert (ref.text, ref.start, ref.end) == ("Satellite data", 0, 14)
    assert (ref.kind, ref.kind_rule) == ("document", "data-without-author:data")


def test_measurements_with_no_author_are_a_document_in_french(nlp_fr):
    text = "Selon les mesures satellitaires, le glacier a fondu."
    ref = describe(nlp_fr, text, "les mesures satellitaires", FR)
    assert (ref.text, ref.kind, ref.kind_rule) == ("les mesures satellitaires", "document", "data-without-author:mesure")


def test_a_report_by_a_body_is_that_body(nlp_en):
    text = "A report by the World Health Organization found twelve outbreaks."
    ref = describe(nlp_en, text, "A report by the World Health Organization", EN)
    assert (ref.text, (ref.start, ref.end)) == ("the World Health Organization",
                                                 at(text, "the World Health Organization"))
    assert ref.kind == "organization"


def test_an_outlet_noun_before_a_name_gives_the_outlet(nlp_fr):
    text = "Selon l'agence Reuters, le cessez-le-feu a été rompu."
    ref = describe(nlp_fr, text, "l'agence Reuters", FR)
    assert (ref.text, (ref.start, ref.end)) == ("Reuters", at(text, "Reuters"))
    assert (ref.kind, ref.kind_rule) == ("media", "media-lexicon:reuters")


def test_a_specialist_site_named_like_a_person_is_media(nlp_fr):
    text = "Selon le site spécialisé Footdata, le joueur vaut 20 millions d'euros."
    ref = describe(nlp_fr, text, "le site spécialisé Footdata", FR)
    assert (ref.text, (ref.start, ref.end)) == ("Footdata", at(text, "Footdata"))
    assert (ref.kind, ref.kind_rule) == ("media", "media-head+name:site specialise")


def test_researchers_of_a_named_institution_speak_for_it(nlp_fr):
    text = "Des chercheurs d'Oxford estiment que la glace fond plus vite."
    ref = describe(nlp_fr, text, "Des chercheurs d'Oxford", FR)
    assert (ref.text, ref.start, ref.end) == ("Des chercheurs d'Oxford", 0, 23)
    assert ref.kind == "organization" and ref.kind_rule.startswith("member-of:chercheur+")


def test_residents_of_a_named_town_stay_anonymous(nlp_fr):
    text = "Des habitants de Lyon affirment que la rue est fermée."
    ref = describe(nlp_fr, text, "Des habitants de Lyon", FR)
    assert ref.kind == "anonymous"


def test_a_named_person_in_apposition_to_a_role_is_the_source(nlp_en):
    text = "Her lawyer, Paul Hendry, said the fine was unfair."
    ref = describe(nlp_en, text, "Her lawyer, Paul Hendry", EN)
    assert (ref.text, (ref.start, ref.end)) == ("Paul Hendry", at(text, "Paul Hendry"))
    assert (ref.kind, ref.kind_rule) == ("person", "ner:PERSON")


def test_a_named_team_in_apposition_is_the_source(nlp_en):
    text = "His club, Northfield Rovers, said the transfer was off."
    ref = describe(nlp_en, text, "His club, Northfield Rovers", EN)
    assert (ref.text, (ref.start, ref.end)) == ("Northfield Rovers", at(text, "Northfield Rovers"))
    assert ref.kind == "organization"


def test_the_agency_alone_is_the_agency_named_before(nlp_fr):
    text = ("Santé publique France a publié son bilan mardi. D'après l'agence, "
            "les cas de grippe ont doublé.")
    ref = describe(nlp_fr, text, "l'agence", FR)
    assert (ref.text, (ref.start, ref.end)) == ("Santé publique France", at(text, "Santé publique France"))
    assert ref.kind == "government" and ref.kind_rule.startswith("description:agence→")


def test_an_inverted_subject_pronoun_resolves_to_the_person_before(nlp_fr):
    text = "Claire Vasseur dirige le club. « Nous ne vendrons pas », a-t-elle affirmé."
    doc = nlp_fr(text)
    for word in ("-t", "-elle"):
        ref = resolve_reference(doc, token_of(doc, word), FR)
        assert (ref.text, (ref.start, ref.end), ref.kind) == ("Claire Vasseur", at(text, "Claire Vasseur"), "person")
    described = describe_source(doc, *span_of(doc, "-t-elle"), FR)
    assert (described.text, described.kind) == ("Claire Vasseur", "person")


def test_a_description_of_an_earlier_outlet_refers_to_it(nlp_fr):
    text = "Selon Le Soir, la grève durera. Le quotidien belge affirme que les trains resteront à quai."
    doc = nlp_fr(text)
    data = langdata.load("fr")
    start = [t.i for t in doc if t.text == "Le" and t.idx > 20][0]
    ref = describe_source(doc, start, start + 3, data)
    assert (ref.text, ref.kind) == ("Le quotidien belge", "media")
    named = referent(doc, ref, data)
    assert (named.text, named.start, named.end) == ("Le Soir", 6, 13)


def test_a_named_source_refers_to_nothing_else(nlp_fr):
    doc = nlp_fr("Selon Le Soir, la grève durera. Le Figaro affirme que les trains resteront à quai.")
    data = langdata.load("fr")
    start = [t.i for t in doc if t.text == "Figaro"][0] - 1
    assert referent(doc, describe_source(doc, start, start + 2, data), data) is None


def test_the_chain_carries_the_name_a_description_stands_for(analyzer):
    text = "Selon Le Soir, la grève durera. Le quotidien belge affirme que les trains resteront à quai."
    analysis = analyzer.analyze_article(Article(text=text, language="fr"))
    links = [link for claim in analysis.claims for link in claim.chain]
    assert [(link.source, link.refers_to) for link in links] == [("Le Soir", None), ("Le quotidien belge", "Le Soir")]
