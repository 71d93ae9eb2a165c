"""The terminal report: every verdict shown with the words and the rule that caused it."""

from __future__ import annotations

import pytest

from selon.model import (Analysis, ChainLink, Claim, Cue, Headline, HeadlineReason, Hedge, Profile, Quantity,
                         SourceSummary, TimeExpr)
from selon.report import figure, number, ordered_claims, to_text

TITLE = "Des régiments entiers désertent"
BODY = ("Selon des chiffres de Kyiv cités par Newsweek, un régiment de plus de 1 000 hommes aurait quitté "
        "la division en septembre dernier. Le ministère n'a pas confirmé ce départ.")


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def made_up_analysis() -> Analysis:
    """An analysis written by hand, so the report is tested apart from the extractors."""
    content = "un régiment de plus de 1 000 hommes aurait quitté la division en septembre dernier"
    c0_start, c0_end = span_of(BODY, content)
    hedge = span_of(BODY, "aurait")
    figure_span = span_of(BODY, "plus de 1 000 hommes")
    denial = "ce départ"
    c1_start, c1_end = span_of(BODY, denial)
    neg = span_of(BODY, "n'a pas")
    chain = [
        ChainLink(source="Newsweek", kind="media", cue="cités par", start=BODY.index("Newsweek"),
                  end=BODY.index("Newsweek") + 8, cue_start=BODY.index("cités par"),
                  cue_end=BODY.index("cités par") + 9, rule="cited_by"),
        ChainLink(source="Kyiv", kind="government", cue="Selon", start=BODY.index("Kyiv"),
                  end=BODY.index("Kyiv") + 4, cue_start=0, cue_end=5, rule="selon_np"),
    ]
    claims = [
        Claim(id="c1", part="body", text=denial, start=c1_start, end=c1_end, polarity="negative",
              chain=[ChainLink(source="Le ministère", kind="government", cue="confirmé",
                               start=BODY.index("Le ministère"), end=BODY.index("Le ministère") + 12,
                               cue_start=BODY.index("confirmé"), cue_end=BODY.index("confirmé") + 8)],
              polarity_cues=[Cue(text="n'a pas", start=neg[0], end=neg[1], rule="negated_verb")]),
        Claim(id="c0", part="body", text=content, start=c0_start, end=c0_end, chain=chain,
              certainty="probable", hedges=["aurait"], certainty_rule="conditional",
              hedge_spans=[Hedge(text="aurait", start=hedge[0], end=hedge[1], level="probable",
                                 rule="conditional")],
              quantities=[Quantity(text="plus de 1 000 hommes", value=1000, low=1000, unit="homme",
                                   start=figure_span[0], end=figure_span[1], qualifier="plus de")]),
        Claim(id="t0", part="title", text=TITLE, start=0, end=len(TITLE)),
    ]
    headline = Headline(
        verdict="overstated", reasons=["generalization", "certainty_upgrade"],
        evidence=[HeadlineReason(reason="generalization", detail="many regiments in the title, one in the body",
                                 title_cues=[Cue(text="régiments entiers", start=4, end=21, part="title",
                                                 rule="plural_group")],
                                 body_claims=["c0"])],
        title_claims=["t0"], supporting=["c0"])
    time_span = span_of(BODY, "septembre dernier")
    return Analysis(id="demo", language="fr", published="2024-11-18", title=TITLE, text=BODY, claims=claims,
                    headline=headline,
                    sources=[SourceSummary(name="Newsweek", kind="media", claims=1, depth=1),
                             SourceSummary(name="Kyiv", kind="government", claims=1, depth=2),
                             SourceSummary(name="Le ministère", kind="government", claims=1, depth=1)],
                    times=[TimeExpr(text="septembre dernier", start=time_span[0], end=time_span[1],
                                    value="2024-09", granularity="month", relative=True)],
                    profile=Profile(claims=3, attributed=0.6667, second_hand=0.3333, hedged=0.3333))


@pytest.fixture(scope="module")
def report() -> list[str]:
    return to_text(made_up_analysis(), "demo.txt", width=200).splitlines()


def test_header_names_the_input_date_and_language(report):
    assert report[0] == "demo.txt · demo · 2024-11-18 · language fr"


def test_headline_verdict_comes_with_each_reason_and_the_title_words_behind_it(report):
    assert report[1:6] == [
        "Headline: «Des régiments entiers désertent»",
        "    verdict: OVERSTATED",
        "    • generalization: many regiments in the title, one in the body; title words «régiments entiers» "
        "(plural_group, title 4–21); body claims c0",
        "    • certainty_upgrade",
        "    supported by c0",
    ]


def test_source_table_lists_kind_claims_and_chain_depth(report):
    rows = [line for line in report if line.startswith("│")]
    cells = [[cell.strip() for cell in row.split("│")[1:5]] for row in rows]
    assert cells == [["Newsweek", "media", "1", "1"], ["Kyiv", "government", "1", "2"],
                     ["Le ministère", "government", "1", "1"]]


def test_claims_come_in_text_order_title_first():
    assert [c.id for c in ordered_claims(made_up_analysis())] == ["t0", "c0", "c1"]


def test_claim_shows_chain_nearest_first_certainty_hedge_and_figure_bounds(report):
    start = report.index(next(line for line in report if line.startswith("c0 ")))
    assert report[start:start + 5] == [
        "c0 [body 47–129] «un régiment de plus de 1 000 hommes aurait quitté la division en septembre dernier»",
        "    source: Newsweek (media, «cités par», rule cited_by) ← Kyiv (government, «Selon», rule selon_np)",
        "    certainty: probable set by «aurait» (probable, conditional)  [rule conditional]",
        "    polarity: positive",
        "    figure: «plus de 1 000 hommes» = 1\u202f000, ≥ 1\u202f000, unit homme (qualifier «plus de»)  [body 62–82]",
    ]


def test_negated_claim_shows_the_negation_words(report):
    start = report.index(next(line for line in report if line.startswith("c1 ")))
    assert report[start + 3] == "    polarity: negative set by «n'a pas» (negated_verb)"


def test_times_show_their_resolved_value(report):
    assert report[-1] == "Times: «septembre dernier» = 2024-09 [body 112–129]"


def test_article_without_title_says_the_headline_was_not_checked():
    text = to_text(Analysis(language="en", text="Rain fell."), width=100)
    assert "Headline: not checked (the article has no title)" in text.splitlines()
    assert "No claims found." in text.splitlines()


@pytest.mark.parametrize("value, shown", [(750000, "750\u202f000"), (1.5, "1.5"), (0.333, "0.333"),
                                          (3.0, "3"), (None, "?")])
def test_numbers_are_written_as_a_reader_writes_them(value, shown):
    assert number(value) == shown


def test_range_figure_shows_both_bounds_and_approximation():
    q = Quantity(text="entre 10 et 20 morts", value=None, low=10, high=20, unit="mort", start=0, end=20)
    assert figure(q).plain == "«entre 10 et 20 morts» = between 10 and 20, unit mort  [body 0–20]"
    q = Quantity(text="près de trois ans", value=3, approximate=True, unit="an", start=5, end=22)
    assert figure(q).plain == "«près de trois ans» = ≈ 3, unit an  [body 5–22]"
