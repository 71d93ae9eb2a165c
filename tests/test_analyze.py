"""The analysis entry points: language detection, refusals, batches, process pools."""

from __future__ import annotations

import pytest

import selon
from selon.analyze import Analyzer
from selon.errors import SelonError
from selon.model import Article
from selon.profile import profile, source_table

ARTICLE_FR = ("Selon le quotidien Le Soir, près de 300 soldats auraient quitté la caserne de Liège.\n"
              "Le ministère de la Défense a déclaré que personne n'avait déserté.")


def test_language_is_detected_from_function_words(analyzer):
    analysis = analyzer.analyze_article(Article(text=ARTICLE_FR))
    assert analysis.language == "fr"
    english = analyzer.analyze_article(Article(text="The ministry said that the report was wrong and that it would answer."))
    assert english.language == "en"


def test_empty_body_is_refused_naming_the_input(analyzer):
    with pytest.raises(SelonError) as err:
        analyzer.analyze_article(Article(text=" \n\t "), "article.txt")
    assert str(err.value) == "article.txt: empty article body"


def test_binary_body_is_refused(analyzer):
    with pytest.raises(SelonError, match="binary data"):
        analyzer.analyze_article(Article(text="abc\x00def"), "blob")


def test_language_without_a_parser_is_refused_for_analysis(analyzer):
    with pytest.raises(SelonError, match="unsupported language 'zz'"):
        analyzer.analyze_article(Article(text="Lorem ipsum", language="zz"), "x.json")


def test_unrecognised_language_asks_for_lang(analyzer):
    with pytest.raises(SelonError, match="use --lang"):
        analyzer.analyze_article(Article(text="Qqqq zzzz wwww xxxx."), "odd.txt")


def test_publication_date_must_be_iso(analyzer):
    with pytest.raises(SelonError, match="not YYYY-MM-DD"):
        analyzer.analyze_article(Article(text=ARTICLE_FR, published="18/11/2024"))


def test_the_module_function_returns_the_same_objects_as_the_analyzer(analyzer):
    direct = selon.analyze(ARTICLE_FR, title="Des soldats désertent", lang="fr", published="2024-11-18", id="a1")
    assert direct.id == "a1" and direct.published == "2024-11-18"
    assert direct == analyzer.analyze_article(Article(text=ARTICLE_FR, title="Des soldats désertent",
                                                      language="fr", published="2024-11-18", id="a1"))


def test_title_claims_are_in_the_title_part_with_offsets_into_the_title(analyzer):
    title = "Belgique : 300 soldats ont quitté leur caserne"
    analysis = analyzer.analyze_article(Article(text=ARTICLE_FR, title=title))
    title_claims = [c for c in analysis.claims if c.part == "title"]
    assert title_claims, "the title's main content is a claim"
    for claim in title_claims:
        assert title[claim.start:claim.end] == claim.text
        for q in claim.quantities:
            assert q.part == "title" and title[q.start:q.end] == q.text


def test_a_batch_keeps_going_past_a_bad_article(analyzer):
    items = [("good", Article(text=ARTICLE_FR)), ("empty", Article(text="")), ("zz", Article(text="x", language="zz"))]
    results = dict(analyzer.analyze_many(items))
    assert isinstance(results["good"], selon.Analysis)
    assert str(results["empty"]) == "empty: empty article body"
    assert isinstance(results["zz"], SelonError)


def test_worker_processes_give_the_same_analysis_as_one_process(analyzer):
    items = [(f"a{i}", Article(text=ARTICLE_FR, title=f"Titre {i} : des soldats quittent Liège")) for i in range(4)]
    alone = dict(analyzer.analyze_many(items))
    pooled = dict(Analyzer().analyze_many(items, batch_size=2, n_process=2))
    assert pooled == alone


def test_profile_shares_and_source_table_come_from_the_claims(analyzer):
    analysis = analyzer.analyze_article(Article(text=ARTICLE_FR, language="fr"))
    assert analysis.profile == profile(analysis.claims)
    assert analysis.sources == source_table(analysis.claims)
    attributed = [c for c in analysis.claims if c.chain]
    assert analysis.profile.attributed == round(len(attributed) / len(analysis.claims), 4)


def _work_that_dies_on_poison(lang, items, batch_size):
    """Worker function for the test below: the process exits, as if killed, on a marked article."""
    import os

    from selon.pool import analyze_batch

    if any(name == "poison" for name, _ in items):
        os._exit(9)
    return analyze_batch(lang, items, batch_size)


def test_a_worker_that_dies_loses_only_the_article_it_died_on():
    from selon.pool import pooled

    batches = [["fr", [("a", Article(text=ARTICLE_FR)), ("poison", Article(text=ARTICLE_FR)),
                       ("b", Article(text=ARTICLE_FR))]],
               ["fr", [("c", Article(text=ARTICLE_FR))]]]
    results = dict(pooled(iter(batches), batch_size=2, n_process=2, work=_work_that_dies_on_poison))
    assert sorted(results) == ["a", "b", "c", "poison"]
    assert [n for n, r in results.items() if isinstance(r, selon.Analysis)] == ["a", "b", "c"]
    assert str(results["poison"]) == "poison: the analysis worker died on this article (crash or out of memory)"
