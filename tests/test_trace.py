"""Tracing a figure (selon.trace) over claim records built by hand from tests/fixtures/story.

The records are what a correct analysis of the five articles gives (one per claim × figure,
the shape of `Ledger.claim_records`), so these tests pin the tracing logic alone;
test_trace_story.py runs the same story through the real analysis and ingest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.errors import SelonError
from selon.trace import parse_number, parse_query, trace

STORY = Path(__file__).parent / "fixtures" / "story"
ARTICLES = {a["id"]: a for a in map(json.loads, (STORY / "articles.jsonl").read_text(encoding="utf-8").splitlines())}


def claim(article_id, index, part, text, figure=None, value=None, low=None, high=None, unit=None,
          certainty="certain", hedges=(), chain=(), entities=()):
    art = ARTICLES[article_id]
    whole = art["title"] if part == "title" else art["text"]
    start = whole.index(text)
    sentence_start = whole.rfind("\n", 0, start) + 1
    sentence_end = whole.find("\n", start) if whole.find("\n", start) >= 0 else len(whole)
    qstart = whole.index(figure, start) if figure else None
    return {
        "claim_id": f"{article_id}:{index}", "claim_index": index, "article_hash": article_id * 2,
        "article_id": article_id, "outlet": art["outlet"], "url": None, "published": art["published"],
        "language": art["language"], "parser": "spacy", "part": part, "text": text,
        "start": start, "end": start + len(text), "sentence": whole[sentence_start:sentence_end],
        "sentence_start": sentence_start, "sentence_end": sentence_end,
        "certainty": certainty, "certainty_rule": "test", "hedges": list(hedges), "polarity": "positive",
        "chain": [{"source": s, "kind": k, "cue": c} for s, k, c in chain],
        "quantity_index": 0 if figure else None, "quantity_text": figure, "value": value, "low": low,
        "high": high, "approximate": False, "unit": unit,
        "quantity_start": qstart, "quantity_end": qstart + len(figure) if figure else None,
        "entities": [{"text": e, "label": "LOC", "start": 0, "end": len(e)} for e in entities],
    }


def story_records():
    return [
        claim("istories-count", "t0", "title", "1,010 soldiers have left one Russian division",
              "1,010 soldiers", 1010, unit="soldier"),
        claim("istories-count", "c1", "body", "1,010 soldiers of the 20th Guards Motor Rifle Division, stationed in "
              "Volgograd, have left their unit since January", "1,010 soldiers", 1010, unit="soldier",
              entities=["20th Guards Motor Rifle Division", "Volgograd"]),
        claim("newsweek-regiment", "t0", "title", "A Russian regiment deserts in Volgograd", entities=["Volgograd"]),
        claim("newsweek-regiment", "c1", "body", "a regiment of more than 1,000 soldiers reportedly deserted the 20th "
              "Guards Motor Rifle Division in Volgograd", "more than 1,000 soldiers", 1000, low=1000, unit="soldier",
              certainty="probable", hedges=["reportedly"], chain=[("iStories", "media", "According to")],
              entities=["iStories", "Volgograd"]),
        claim("gazette-regiments", "t0", "title", "Des régiments entiers désertent l'armée russe"),
        claim("gazette-regiments", "c1", "body", "un régiment de plus de 1 000 soldats aurait déserté la 20e division "
              "de fusiliers motorisés de la Garde, stationnée à Volgograd", "plus de 1 000 soldats", 1000, low=1000,
              unit="soldat", certainty="probable", hedges=["aurait"], chain=[("Newsweek", "media", "Selon")],
              entities=["Newsweek", "Volgograd"]),
        claim("frontline-digest", "t0", "title", "Over 1,100 soldiers flee the 20th division in Volgograd",
              "Over 1,100 soldiers", 1100, low=1100, unit="soldier", entities=["Volgograd"]),
        claim("frontline-digest", "c1", "body", "up to 1,000 soldiers may have deserted the 20th Guards Motor Rifle "
              "Division in Volgograd", "up to 1,000 soldiers", 1000, high=1000, unit="soldier", certainty="possible",
              hedges=["may"], chain=[("La Gazette du Nord", "media", "According to")],
              entities=["La Gazette du Nord", "Volgograd"]),
        claim("blog-strategie", "c1", "body", "Au total, 1 009 soldats de la 20e division de fusiliers motorisés ont "
              "quitté leur unité à Volgograd depuis janvier", "1 009 soldats", 1009, unit="soldat", entities=["Volgograd"]),
    ]


@pytest.fixture(scope="module")
def story():
    return trace(story_records(), "1000 déserteurs")


def kinds(result):
    return sorted((m.article_id, m.kind) for m in result.mutations)


def test_the_cluster_holds_every_report_of_the_figure_in_time_order(story):
    assert [(r.article_id, r.claim_id) for r in story.reports] == [
        ("istories-count", "istories-count:t0"), ("istories-count", "istories-count:c1"),
        ("newsweek-regiment", "newsweek-regiment:c1"), ("gazette-regiments", "gazette-regiments:c1"),
        ("frontline-digest", "frontline-digest:t0"), ("frontline-digest", "frontline-digest:c1"),
        ("blog-strategie", "blog-strategie:c1")]
    assert (story.figure, story.articles, story.languages) == ("1010 soldier", 5, ["en", "fr"])


def test_each_report_says_why_it_is_in_the_cluster(story):
    gazette = next(r for r in story.reports if r.article_id == "gazette-regiments")
    assert "concept soldier" in gazette.reasons and "entity volgograd" in gazette.reasons
    assert (gazette.wording[:22], gazette.figure, gazette.certainty, gazette.chain[0].source) == \
        ("un régiment de plus de", "plus de 1 000 soldats", "probable", "Newsweek")


def test_the_origin_is_the_source_cited_by_others_that_cites_no_one(story):
    assert (story.origin.outlet, story.origin.article_id, story.origin.rule) == \
        ("iStories", "istories-count", "cited_source_citing_no_one")
    assert story.origin.cited_by == ["newsweek-regiment"]


def test_the_citation_graph_follows_the_chains_across_languages(story):
    assert [(c.article_id, c.citing, c.cited, c.cited_article_id) for c in story.citations] == [
        ("newsweek-regiment", "Newsweek", "iStories", "istories-count"),
        ("gazette-regiments", "La Gazette du Nord", "Newsweek", "newsweek-regiment"),
        ("frontline-digest", "Frontline Digest", "La Gazette du Nord", "gazette-regiments")]


def test_every_mutation_of_the_story_is_found_and_nothing_else(story):
    assert kinds(story) == [
        ("blog-strategie", "source_dropped"), ("blog-strategie", "value_changed"),
        ("frontline-digest", "bound_flip"), ("frontline-digest", "certainty_upgrade"),
        ("frontline-digest", "quantity_inflation"),
        ("gazette-regiments", "certainty_upgrade"), ("gazette-regiments", "generalization")]


def test_a_mutation_names_its_words_and_what_it_retells(story):
    by = {(m.article_id, m.kind): m for m in story.mutations}
    flip = by["frontline-digest", "bound_flip"]
    body = ARTICLES["frontline-digest"]["text"]
    assert (flip.words, body[flip.start:flip.end], flip.rule) == \
        ("up to 1,000 soldiers", "up to 1,000 soldiers", "lower_bound_became_upper_bound")
    assert flip.reference_article_id == "gazette-regiments"
    assert flip.evidence == "'at least 1000' became 'up to 1000'"
    inflation = by["frontline-digest", "quantity_inflation"]
    assert (inflation.part, inflation.words, inflation.rule) == ("title", "Over 1,100 soldiers", "lower_bound_raised")
    changed = by["blog-strategie", "value_changed"]
    assert (changed.evidence, changed.reference_article_id) == ("1010 became 1009 (-0.10%)", "istories-count")


def test_one_regiment_in_the_body_becoming_regiments_in_the_title_is_a_generalization(story):
    by = {(m.article_id, m.kind): m for m in story.mutations}
    gen = by["gazette-regiments", "generalization"]
    title = ARTICLES["gazette-regiments"]["title"]
    assert (gen.part, gen.words, title[gen.start:gen.end]) == ("title", "régiments", "régiments")
    upgrade = by["gazette-regiments", "certainty_upgrade"]
    assert (upgrade.part, upgrade.rule) == ("title", "hedged_figure_stated_as_fact")


def test_the_trace_serialises_with_the_agreed_keys(story):
    data = json.loads(story.model_dump_json())
    assert {"origin", "mutations", "reports", "citations"} <= set(data)
    assert {"article_id", "kind", "evidence"} <= set(data["mutations"][0])


def test_a_query_in_english_finds_the_same_story(story):
    other = trace(story_records(), "1,010 soldiers")
    assert [r.claim_id for r in other.reports] == [r.claim_id for r in story.reports]


def test_a_claim_id_query_traces_that_claim():
    result = trace(story_records(), "gazette-regiments:c1")
    assert result.origin.article_id == "istories-count" and result.articles == 5


def test_a_free_text_query_finds_the_claim_by_its_words():
    result = trace(story_records(), "régiment déserté Volgograd")
    assert result.articles == 5


def test_a_figure_nobody_reports_is_a_clear_error():
    with pytest.raises(SelonError, match="no claim in the ledger reports this figure"):
        trace(story_records(), "42 tanks")


@pytest.mark.parametrize("raw,value", [("1 000", 1000), ("1,010", 1010), ("186.000", 186000), ("7,9", 7.9),
                                       ("2,375,259", 2375259), ("1\u202f009", 1009)])
def test_numbers_are_read_with_any_grouping_mark(raw, value):
    assert parse_number(raw) == value


def test_a_query_reads_multipliers_and_nouns_in_any_language():
    q = parse_query("186 mil mortos")
    assert (q.kind, q.value, q.concept) == ("figure", 186000, "death")
    q = parse_query("18 тыс дезертиров")
    assert (q.value, q.concept) == (18000, "deserter")


def test_the_html_page_is_self_contained_with_a_timeline(story):
    from selon.cli_trace import render_html

    page = render_html(story)
    assert page.startswith("<!doctype html>") and "<svg" in page and "</svg>" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert page.count("<circle") == 5 and "Des régiments entiers" in page


def test_the_terminal_view_names_the_origin_and_each_mutation(story):
    from rich.console import Console

    from selon.cli_trace import render_text

    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(render_text(story))
    text = console.export_text()
    assert "origin: iStories (istories-count, 2024-10-15)" in text
    assert "⚠ bound_flip “up to 1,000 soldiers”" in text and "[fr]" in text


# --- retelling words (selon.trace_words, [trace] tables of lang/<code>.toml) ------------------

def said(sentence, figure, value, lang="en", low=None, high=None, certainty="possible", hedges=(), claim_id="x:c0",
         article="x", chain=(), entities=()):
    """A one-sentence figure record: the claim is the whole sentence."""
    start = sentence.index(figure)
    return {"claim_id": claim_id, "claim_index": claim_id.split(":")[1], "article_id": article, "article_hash": article,
            "outlet": article, "published": None, "language": lang, "part": "body", "text": sentence, "start": 0,
            "end": len(sentence), "sentence": sentence, "sentence_start": 0, "sentence_end": len(sentence),
            "certainty": certainty, "hedges": list(hedges), "polarity": "positive",
            "chain": [{"source": s, "kind": k, "cue": c} for s, k, c in chain], "quantity_index": 0,
            "quantity_text": figure, "value": value, "low": low, "high": high, "approximate": False, "unit": "death",
            "quantity_start": start, "quantity_end": start + len(figure),
            "entities": [{"text": e, "label": "ORG", "start": sentence.index(e), "end": sentence.index(e) + len(e)}
                         for e in entities]}


def test_an_exceed_verb_before_a_figure_makes_it_a_lower_bound():
    from selon.trace import retold_figure
    rec = said("The flood toll could surpass 4,200 deaths, the agency warns.", "4,200 deaths", 4200)
    fig, hit = retold_figure(rec)
    assert (fig.bound, fig.low) == ("lower", 4200)
    assert (hit.words, hit.start, hit.end) == ("surpass", 21, 28)
    fr = said("Le bilan pourrait dépasser les 4 200 morts.", "4 200 morts", 4200, lang="fr")
    assert retold_figure(fr)[1].words == "dépasser"


def test_an_open_tail_after_the_figure_is_found_a_few_words_on():
    from selon.trace_words import open_tail
    rec = said("Jusqu'à 4 200 morts dans la vallée, voire plus, selon l'agence.", "4 200 morts", 4200, lang="fr",
               high=4200)
    hit = open_tail(rec)
    assert (hit.words, hit.start, hit.end) == ("voire plus", 36, 46)
    assert open_tail(said("Up to 4,200 deaths were counted in the valley last spring.", "4,200 deaths", 4200)) is None


def test_a_ceiling_lifted_by_an_open_tail_is_read_as_up_to_with_its_top_open():
    from selon.match import figure_of
    from selon.trace import figure_mutations, stated_figure
    from selon.trace_words import ceiling_before
    # the figure reader gives "up to 4,200 or even more deaths" a low bound only (the later
    # words lift the ceiling); the retelling is still measured against "up to 4,200"
    told = said("The agency says up to 4,200 or even more deaths could follow the flood.",
                "up to 4,200 or even more deaths", 4200, low=4200)
    hit = ceiling_before(told)
    assert (hit.words, hit.start, hit.end) == ("up to", 16, 21)
    fig, open_top = stated_figure(told)
    assert (fig.bound, fig.high, open_top) == ("upper", 4200, True)
    more_than = said("More than 4,200 deaths followed the flood.", "More than 4,200 deaths", 4200, low=4200)
    assert [m[1] for m in figure_mutations(stated_figure(more_than)[0], fig)] == ["upper_bound_became_lower_bound"]
    plain_lower = said("At least 4,200 deaths followed the flood.", "At least 4,200 deaths", 4200, low=4200)
    assert stated_figure(plain_lower) == (figure_of(plain_lower), False)


def test_a_multiplier_before_a_figure_gives_its_factor_and_words():
    from selon.trace_words import multiplier_before
    rec = said("The real toll is 12 times higher than 350 according to the blog.", "350", 350)
    times, hit = multiplier_before(rec)
    assert times == 12 and (hit.words, hit.start, hit.end) == ("12 times higher than 350", 17, 41)


def test_a_question_headline_does_not_assert_its_figure():
    from selon.trace_words import is_question
    assert is_question(said("« 4 200 morts » dans la vallée : que vaut ce chiffre ?", "4 200 morts", 4200, lang="fr"))
    assert not is_question(said("4,200 deaths in the valley.", "4,200 deaths", 4200))


def flood_story():
    """An agency's hedged projection, retold: as a toll already reached, as "surpass", with the
    agency's letter called a study, and multiplied."""
    origin = said("Up to 4,200 deaths could be attributable to the flood, the Rivers Agency estimates in a letter.",
                  "Up to 4,200 deaths", 4200, high=4200, hedges=["could"], claim_id="agency:c0", article="agency",
                  entities=["Rivers Agency"])
    faithful = said("Up to 4,200 deaths could follow the flood, according to a letter from the Rivers Agency.",
                    "Up to 4,200 deaths", 4200, high=4200, hedges=["could"], claim_id="wire:c0", article="wire",
                    chain=[("Rivers Agency", "organization", "according to")], entities=["Rivers Agency"])
    memo = said("In a letter, the Rivers Agency says up to 4,200 deaths could be linked to the flood.",
                "up to 4,200 deaths", 4200, high=4200, hedges=["could"], claim_id="daily:c0", article="daily",
                chain=[("Rivers Agency", "organization", "says")], entities=["Rivers Agency"])
    reached = said("The flood toll has reached 4,200 deaths, a Rivers Agency study shows.", "4,200 deaths", 4200,
                   certainty="possible", hedges=["shows"], claim_id="blog:c0", article="blog",
                   entities=["Rivers Agency"])
    surpass = said("Deaths from the flood could surpass 4,200 deaths, the Rivers Agency says.", "4,200 deaths", 4200,
                   hedges=["could"], claim_id="post:c0", article="post",
                   chain=[("Rivers Agency", "organization", "says")], entities=["Rivers Agency"])
    for r in (origin, faithful, memo, reached, surpass):
        r["unit"] = "death"
    return [origin, faithful, memo, reached, surpass]


def test_a_projection_told_as_a_toll_reached_is_a_certainty_upgrade():
    result = trace(flood_story(), "4200 deaths")
    found = {(m.article_id, m.kind, m.rule): m for m in result.mutations}
    m = found[("blog", "certainty_upgrade", "projection_stated_as_reached")]
    assert (m.words, m.start, m.end) == ("has reached", 15, 26)
    assert "up to 4200" in m.evidence


def test_an_exceed_verb_against_an_up_to_figure_is_a_quantity_inflation():
    result = trace(flood_story(), "4200 deaths")
    m = next(m for m in result.mutations if m.article_id == "post" and m.kind == "quantity_inflation")
    assert m.rule == "upper_bound_became_lower_bound"
    assert (m.words, m.start, m.end) == ("surpass 4,200 deaths", 28, 48)
    assert "'surpass' before the figure" in m.evidence


def test_a_letter_called_a_study_is_a_document_upgrade_with_its_word():
    result = trace(flood_story(), "4200 deaths")
    m = next(m for m in result.mutations if m.rule == "letter_became_study")
    assert (m.article_id, m.kind, m.words, m.start, m.end) == ("blog", "certainty_upgrade", "study", 57, 62)
    assert all(x.rule != "letter_became_study" for x in result.mutations if x.article_id in ("wire", "daily"))


def test_a_source_named_in_the_figure_sentence_is_a_mention_citation_not_a_dropped_source():
    result = trace(flood_story(), "4200 deaths")
    mentions = [(c.article_id, c.cited) for c in result.citations if c.cited_kind == "mention"]
    assert ("blog", "Rivers Agency") in mentions
    assert not [m for m in result.mutations if m.kind == "source_dropped"]
