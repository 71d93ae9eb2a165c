"""The article HTML is built from the analysis offsets: exact spans, nesting, escaping."""

from __future__ import annotations

import html
import re

from selon.model import Quantity
from selon.web.markup import CLAIM, DETAIL, Mark, analysis_marks, render, render_part
from selon.web.present import number, quantity_bounds
from serve_fixtures import BODY, TITLE, medecins_analysis, span

TAG = re.compile(r"<[^>]+>")


def text_of(markup: str) -> str:
    """What a browser shows as text content: tags dropped, entities decoded."""
    return html.unescape(TAG.sub("", markup))


def test_marked_text_has_exactly_the_article_text():
    analysis = medecins_analysis()
    assert text_of(render_part(analysis, "body")) == BODY
    assert text_of(render_part(analysis, "title")) == TITLE


def test_a_claim_is_one_mark_element_at_its_offsets_with_its_certainty():
    out = str(render_part(medecins_analysis(), "body"))
    start, end = span(BODY, "près de 2 000 médecins auraient quitté l'hôpital public en 2023")
    opening = re.search(r'<mark class="claim cert-probable pol-positive" data-claim="c0"[^>]*>', out)
    assert opening is not None
    assert f'data-start="{start}" data-end="{end}"' in opening.group(0)
    inner = out[opening.end():out.index("</mark>", opening.end())]
    assert text_of(inner) == "près de 2 000 médecins auraient quitté l'hôpital public en 2023"


def test_figure_and_hedge_are_nested_inside_their_claim():
    out = str(render_part(medecins_analysis(), "body"))
    claim_open = out.index('data-claim="c0"')
    claim_close = out.index("</mark>", claim_open)
    figure = out.index('<span class="figure approximate"')
    hedge = out.index('<span class="hedge cert-probable"')
    assert claim_open < figure < claim_close
    assert claim_open < hedge < claim_close
    assert 'title="figure: ≈ 2\u202f000 médecin"' in out


def test_source_and_cue_carry_the_claim_id_kind_and_position():
    out = str(render_part(medecins_analysis(), "body"))
    s, e = span(BODY, "un rapport de la Cour des comptes")
    assert (f'<span class="source kind-document" data-start="{s}" data-end="{e}" data-claims="c2" '
            f'data-kind="document" data-position="2"') in out
    cs, ce = span(BODY, "cité par")
    assert f'<span class="cue" data-start="{cs}" data-end="{ce}" data-claims="c2"' in out


def test_negated_claim_is_marked_negative_with_its_cue():
    out = str(render_part(medecins_analysis(), "body"))
    assert 'class="claim cert-certain pol-negative" data-claim="c3"' in out
    s, e = span(BODY, "n'a pas")
    assert f'<span class="negation" data-start="{s}" data-end="{e}" data-claims="c3"' in out


def test_headline_cue_is_marked_in_the_title():
    marks = analysis_marks(medecins_analysis(), "title")
    cue = [m for m in marks if "headline-cue" in m.classes]
    assert [(m.start, m.end) for m in cue] == [span(TITLE, "ont quitté")]
    assert ("data-reasons", "certainty_upgrade") in cue[0].attrs


def test_crossing_spans_are_split_and_keep_their_data():
    text = "abcdefghij"
    out = str(render(text, [Mark(0, 6, CLAIM, ("a",), (("data-claims", "x"),)),
                            Mark(4, 10, CLAIM, ("b",), (("data-claims", "y"),))]))
    assert out == ('<span class="a" data-claims="x">abcd<span class="b" data-claims="y">ef</span></span>'
                   '<span class="b" data-claims="y">ghij</span>')


def test_article_markup_is_escaped_never_interpreted():
    text = 'Il a écrit <script>alert("x")</script> & <img src=x onerror=alert(1)> &amp; fin'
    out = str(render(text, [Mark(11, 37, DETAIL, ("figure",), (("title", 'a"b<c'),))]))
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&amp;amp;" in out
    assert 'title="a&#34;b&lt;c"' in out
    assert text_of(out) == text


def test_marks_outside_the_text_or_empty_are_left_out():
    out = str(render("court", [Mark(2, 99, CLAIM, ("x",)), Mark(3, 3, CLAIM, ("y",)), Mark(-1, 2, CLAIM, ("z",))]))
    assert out == "court"


def test_figure_bounds_read_as_a_reader_writes_them():
    assert quantity_bounds(Quantity(text="plus de 1 000 soldats", value=1000, low=1000, unit="soldat",
                                    start=0, end=21)) == "≥ 1\u202f000 soldat"
    assert quantity_bounds(Quantity(text="entre 10 et 20", value=None, low=10, high=20, start=0, end=14)) == "10–20"
    assert quantity_bounds(Quantity(text="jusqu'à 18 000", value=18000, high=18000, start=0, end=14)) == "≤ 18\u202f000"
    assert quantity_bounds(Quantity(text="environ 3 ans", value=3, approximate=True, unit="an",
                                    start=0, end=13)) == "≈ 3 an"
    assert number(1500000.0) == "1\u202f500\u202f000"
    assert number(0.333) == "0.333"
    assert number(None) == "–"
