"""Scoring against the gold: each test pins one metric's definition on a tiny article."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from selon.errors import SelonError
from selon.evaluate import (content_words, evaluate, evaluate_files, gold_claims_as_model, read_gold,
                            link_agrees, render, sources_agree)
from selon.model import Analysis, Article, ChainLink, Claim, Headline, Quantity

BODY = ("Selon l'Insee, le chômage a baissé de 2 % en un an. "
        "Le ministre aurait démissionné jeudi, rapporte Le Monde.")
# offsets into BODY
CHOMAGE = "le chômage a baissé de 2 % en un an"
MINISTRE = "Le ministre aurait démissionné jeudi"


def at(text: str, part_text: str = BODY) -> tuple[int, int]:
    start = part_text.index(text)
    return start, start + len(text)


def gold(claims, title=None, headline=None, language="fr", text=BODY, id="a1"):
    return {"id": id, "language": language, "title": title, "text": text, "claims": claims, "headline": headline}


def gclaim(text, chain=(), certainty="certain", polarity="positive", quantities=(), part="body", **extra):
    return {"part": part, "text": text, "chain": [dict(source=s, kind=k, cue=c) for s, k, c in chain],
            "certainty": certainty, "polarity": polarity, "hedges": [], "quantities": list(quantities), **extra}


def link(source, kind="media", cue="selon"):
    return ChainLink(source=source, kind=kind, cue=cue, start=0, end=len(source), cue_start=0, cue_end=0)


def pclaim(span, chain=(), certainty="certain", polarity="positive", quantities=(), part="body", text=BODY):
    start, end = span
    return Claim(part=part, text=text[start:end], start=start, end=end, chain=list(chain),
                 certainty=certainty, polarity=polarity, quantities=list(quantities))


def analysis(claims, text=BODY, title=None, headline=None, language="fr"):
    return Analysis(language=language, text=text, title=title, claims=claims, headline=headline)


def figures(gold_articles, analyses, group="all"):
    return evaluate(gold_articles, analyses, details=True).groups[group]


# --- content words and sources ---------------------------------------------------------------

def test_content_words_drop_articles_and_elisions_and_keep_accents():
    assert content_words("l'Insee", "fr") == {"insee"}
    assert content_words("le New York Times", "fr") == {"new", "york", "times"}
    assert content_words("des autorités ukrainiennes", "fr") == {"autorités", "ukrainiennes"}


def test_sources_agree_when_they_share_one_content_word():
    assert sources_agree("l'Insee", "Insee", "fr")
    assert sources_agree("the White House", "White House officials", "en")
    assert not sources_agree("Le Monde", "Le Figaro", "fr")


def test_a_descriptive_link_agrees_with_the_name_it_refers_to():
    link = ChainLink(source="le quotidien belge", kind="media", cue="affirme", start=40, end=58,
                     cue_start=59, cue_end=66, refers_to="Le Soir")
    assert link_agrees("Le Soir", link, "fr")
    assert link_agrees("le quotidien", link, "fr")
    assert not link_agrees("Le Monde", link.model_copy(update={"refers_to": None}), "fr")


# --- attribution ------------------------------------------------------------------------------

def test_attributed_claim_matches_on_overlap_and_shared_source_word():
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")])])]
    a = [analysis([pclaim(at(CHOMAGE), [link("Insee", "government")])])]
    fig = figures(g, a)
    assert (fig.attribution.matched, fig.attribution.predicted, fig.attribution.gold) == (1, 1, 1)
    assert fig.attribution.f1 == 1.0
    assert (fig.chain_strict.hits, fig.chain_strict.total) == (1, 1)
    assert (fig.kind_nearest.hits, fig.kind_nearest.total) == (1, 1)


def test_overlap_under_half_of_the_gold_span_is_no_match():
    # "le chômage a baissé" is 19 of the 36 gold characters (over half), "le chômage" only 10.
    start, _ = at(CHOMAGE)
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")])])]
    near = analysis([pclaim((start, start + len("le chômage a baissé")), [link("Insee", "government")])])
    far = analysis([pclaim((start, start + len("le chômage")), [link("Insee", "government")])])
    assert figures(g, [near]).attribution.matched == 1
    fig = figures(g, [far])
    assert fig.attribution.matched == 0
    assert (fig.claim_recall.hits, fig.claim_recall.total) == (0, 1)
    report = evaluate(g, [far], details=True)
    kinds = {(f.metric, f.kind) for f in report.details[0].findings}
    assert ("attribution", "miss") in kinds and ("attribution", "false_positive") in kinds


def test_predicted_span_must_also_be_half_covered_by_the_gold():
    # The prediction swallows the whole body: the gold span is inside it, but is less
    # than half of the prediction.
    g = [gold([gclaim(CHOMAGE)])]
    fig = figures(g, [analysis([pclaim((0, len(BODY)))])])
    assert fig.claim_recall.hits == 0


def test_a_different_source_on_the_same_span_is_an_attribution_miss_but_a_claim_match():
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")])])]
    a = [analysis([pclaim(at(CHOMAGE), [link("Le Monde")])])]
    fig = figures(g, a)
    assert (fig.attribution.matched, fig.attribution.precision, fig.attribution.recall) == (0, 0.0, 0.0)
    assert fig.claim_recall.hits == 1


def test_wrong_kind_counts_against_kind_accuracy_only():
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")])])]
    a = [analysis([pclaim(at(CHOMAGE), [link("Insee", "organization")])])]
    fig = figures(g, a)
    assert fig.attribution.matched == 1
    assert (fig.kind_nearest.hits, fig.kind_nearest.total) == (0, 1)
    assert fig.chain_strict.hits == 1


def test_strict_chain_needs_every_element():
    g = [gold([gclaim(MINISTRE, [("Le Monde", "media", "rapporte"), ("l'AFP", "media", "selon")])])]
    short = analysis([pclaim(at(MINISTRE), [link("Le Monde")])])
    full = analysis([pclaim(at(MINISTRE), [link("Le Monde"), link("AFP")])])
    wrong_origin = analysis([pclaim(at(MINISTRE), [link("Le Monde"), link("Reuters")])])
    assert figures(g, [short]).chain_strict.hits == 0
    assert figures(g, [full]).chain_strict.hits == 1
    assert figures(g, [wrong_origin]).chain_strict.hits == 0
    fig = figures(g, [full])
    assert (fig.kind_all.hits, fig.kind_all.total) == (2, 2)


def test_matching_is_one_to_one_best_aligned_first():
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")])])]
    start, end = at(CHOMAGE)
    exact = pclaim((start, end), [link("Insee")])
    longer = pclaim((start, end + 1), [link("Insee")])
    fig = figures(g, [analysis([longer, exact])])
    assert (fig.attribution.matched, fig.attribution.predicted) == (1, 2)
    assert fig.attribution.precision == 0.5


def test_author_voice_claims_do_not_count_in_attribution():
    g = [gold([gclaim(CHOMAGE)])]
    fig = figures(g, [analysis([pclaim(at(CHOMAGE))])])
    assert (fig.attribution.gold, fig.attribution.predicted) == (0, 0)
    assert fig.attribution.f1 is None
    assert fig.claim_recall.hits == 1


# --- certainty and polarity ---------------------------------------------------------------------

def test_certainty_and_polarity_are_scored_on_span_matched_pairs():
    g = [gold([gclaim(CHOMAGE, certainty="certain"), gclaim(MINISTRE, certainty="probable")])]
    a = [analysis([pclaim(at(CHOMAGE), certainty="certain", polarity="negative"),
                   pclaim(at(MINISTRE), certainty="certain")])]
    fig = figures(g, a)
    assert (fig.certainty.hits, fig.certainty.total) == (1, 2)
    assert (fig.polarity.hits, fig.polarity.total) == (1, 2)


# --- quantities -----------------------------------------------------------------------------------

def gqty(text, value, low=None, high=None, approximate=False, unit="%", **extra):
    return {"text": text, "value": value, "low": low, "high": high, "approximate": approximate, "unit": unit, **extra}


def pqty(text, value, low=None, high=None, approximate=False, unit="%", body=BODY, after=0):
    start = body.index(text, after)
    return Quantity(text=text, value=value, low=low, high=high, approximate=approximate, unit=unit,
                    start=start, end=start + len(text))


def test_quantity_matches_on_equal_numbers_and_overlapping_spans():
    g = [gold([gclaim(CHOMAGE, quantities=[gqty("2 %", 2)])])]
    good = analysis([pclaim(at(CHOMAGE), quantities=[pqty("de 2 %", 2)])])
    bounded = analysis([pclaim(at(CHOMAGE), quantities=[pqty("2 %", 2, low=2)])])
    fig = figures(g, [good])
    assert (fig.quantities.matched, fig.quantities.predicted, fig.quantities.gold) == (1, 1, 1)
    assert figures(g, [bounded]).quantities.matched == 0


def test_fractions_compare_to_three_decimals():
    text = "Un tiers des salariés travaille le dimanche."
    g = [gold([gclaim("Un tiers des salariés travaille le dimanche",
                      quantities=[gqty("Un tiers", 0.333, unit="salarié")])], text=text)]
    a = [analysis([pclaim((0, len(text) - 1), text=text,
                          quantities=[pqty("Un tiers", 1 / 3, unit="salarié", body=text)])], text=text)]
    assert figures(g, a).quantities.matched == 1


def test_unit_accuracy_is_over_matched_quantities_case_insensitive():
    g = [gold([gclaim(CHOMAGE, quantities=[gqty("2 %", 2, unit="%"), gqty("un an", 1, unit="an")])])]
    a = [analysis([pclaim(at(CHOMAGE), quantities=[pqty("2 %", 2, unit="%"), pqty("un an", 1, unit="AN"),
                                                    ])])]
    fig = figures(g, a)
    assert (fig.unit.hits, fig.unit.total) == (2, 2)
    a_wrong = [analysis([pclaim(at(CHOMAGE), quantities=[pqty("2 %", 2, unit="point")])])]
    fig = figures(g, a_wrong)
    assert (fig.unit.hits, fig.unit.total) == (0, 1)
    assert (fig.quantities.matched, fig.quantities.gold) == (1, 2)


def test_predicted_quantities_are_counted_once_per_span():
    q = pqty("2 %", 2)
    g = [gold([gclaim(CHOMAGE, quantities=[gqty("2 %", 2)])])]
    a = [analysis([pclaim(at(CHOMAGE), quantities=[q]), pclaim(at(CHOMAGE), quantities=[q])])]
    assert figures(g, a).quantities.predicted == 1


def test_gold_quantity_is_located_inside_its_claim_when_the_text_repeats():
    text = "Le prix a monté de 5 %. Les salaires ont monté de 5 % aussi."
    second = "Les salaires ont monté de 5 % aussi"
    g = [gold([gclaim(second, quantities=[gqty("5 %", 5)])], text=text)]
    first_5 = pqty("5 %", 5, body=text)
    second_5 = pqty("5 %", 5, body=text, after=text.index(second))
    span = at(second, text)
    assert figures(g, [analysis([pclaim(span, text=text, quantities=[first_5])], text=text)]).quantities.matched == 0
    assert figures(g, [analysis([pclaim(span, text=text, quantities=[second_5])], text=text)]).quantities.matched == 1


def test_gold_start_and_end_choose_the_occurrence_of_a_repeated_claim():
    text = "Il pleut. Il pleut."
    g = [gold([gclaim("Il pleut", start=10, end=18)], text=text)]
    assert figures(g, [analysis([pclaim((0, 8), text=text)], text=text)]).claim_recall.hits == 0
    assert figures(g, [analysis([pclaim((10, 18), text=text)], text=text)]).claim_recall.hits == 1


# --- headline ---------------------------------------------------------------------------------------

def test_headline_accuracy_counts_only_articles_with_a_gold_headline():
    title = "Le chômage s'effondre"
    overstated = {"verdict": "overstated", "reasons": ["certainty_upgrade", "source_dropped"]}
    g = [gold([], title=title, headline=overstated, id="h1"), gold([], id="h2")]
    got = Headline(verdict="overstated", reasons=["certainty_upgrade"])
    a = [analysis([], title=title, headline=got), analysis([])]
    fig = figures(g, a)
    assert (fig.headline_verdict.hits, fig.headline_verdict.total) == (1, 1)
    assert (fig.headline_reasons.hits, fig.headline_reasons.total) == (1, 2)
    missing = figures(g, [analysis([], title=title), analysis([])])
    assert (missing.headline_verdict.hits, missing.headline_verdict.total) == (0, 1)


# --- groups, files, rendering -------------------------------------------------------------------------

def test_figures_per_language_and_overall_add_up():
    text_en = "Prices rose by 3 %, officials said."
    g = [gold([gclaim(CHOMAGE)]), gold([gclaim("Prices rose by 3 %", [("officials", "anonymous", "said")])],
                                      language="en", text=text_en, id="e1")]
    a = [analysis([pclaim(at(CHOMAGE))]), analysis([], text=text_en, language="en")]
    report = evaluate(g, a)
    assert set(report.groups) == {"fr", "en", "all"}
    assert report.groups["fr"].claim_recall.hits == 1
    assert report.groups["en"].claim_recall.hits == 0
    assert (report.groups["all"].claim_recall.hits, report.groups["all"].claim_recall.total) == (1, 2)
    assert report.groups["all"].articles == 2


def test_unfound_gold_text_is_a_warning_not_a_crash():
    report = evaluate([gold([gclaim("une phrase absente")])], [analysis([])])
    assert report.groups["all"].claim_recall.total == 0
    assert "une phrase absente" in report.warnings[0]


def test_gold_claims_as_model_scores_perfectly_against_itself():
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")], quantities=[gqty("2 %", 2)]),
               gclaim(MINISTRE, [("Le Monde", "media", "rapporte")], certainty="probable")])]
    claims = gold_claims_as_model(g[0])
    assert [c.id for c in claims] == ["c0", "c1"]
    assert claims[0].chain[0].start == BODY.index("l'Insee")
    fig = figures(g, [analysis(claims)])
    assert fig.attribution.f1 == 1.0 and fig.quantities.f1 == 1.0 and fig.certainty.value == 1.0


class RecordingAnalyzer:
    def __init__(self):
        self.seen: list[Article] = []

    def analyze_article(self, article: Article, name: str = "input") -> Analysis:
        self.seen.append(article)
        return Analysis(language=article.language, text=article.text, title=article.title)


def test_evaluate_files_never_shows_the_gold_to_the_analyzer(tmp_path):
    path = tmp_path / "g.jsonl"
    line = gold([gclaim(CHOMAGE)], title="Le chômage baisse",
                headline={"verdict": "supported", "reasons": []})
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n\n", encoding="utf-8")
    analyzer = RecordingAnalyzer()
    report = evaluate_files([path], analyzer)
    assert len(analyzer.seen) == 1
    seen = analyzer.seen[0].model_dump()
    assert "claims" not in seen and "headline" not in seen
    assert (seen["title"], seen["text"]) == ("Le chômage baisse", BODY)
    assert report.groups["all"].claim_recall.total == 1


def test_bad_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "claims": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(SelonError) as err:
        read_gold([path])
    assert err.value.item == f"{path}:2"


def test_render_prints_each_figure_with_its_counts():
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")])])]
    report = evaluate(g, [analysis([])], details=True)
    console = Console(record=True, width=200)
    render(report, console)
    out = console.export_text()
    assert "attribution R" in out and "0.000 (0/1)" in out
    assert "miss" in out and "le chômage a baissé" in out


def test_claim_precision_counts_only_predictions_the_gold_must_contain():
    # The gold leaves plain author assertions out, so only attributed, hedged, negated or
    # figured predictions can be false positives.
    g = [gold([gclaim(CHOMAGE, [("l'Insee", "government", "Selon")])])]
    plain = pclaim(at(MINISTRE))
    hedged = pclaim(at(MINISTRE), certainty="probable")
    fig = figures(g, [analysis([pclaim(at(CHOMAGE), [link("Insee")]), plain])])
    assert (fig.claim_precision.hits, fig.claim_precision.total) == (1, 1)
    fig = figures(g, [analysis([pclaim(at(CHOMAGE), [link("Insee")]), hedged])])
    assert (fig.claim_precision.hits, fig.claim_precision.total) == (1, 2)
