"""The Trace timeline layout: lanes by outlet, x by date, origin, arrows, mutation labels."""

from __future__ import annotations

from typer.testing import CliRunner

from selon.trace import Citation, Mutation, Origin, Report, Trace
from selon.web.timeline import layout


def report(article_id: str, outlet: str | None, published: str | None, certainty: str = "probable") -> Report:
    return Report(article_id=article_id, claim_id=f"{article_id}:c0", outlet=outlet, published=published,
                  wording="plus de 1 000 soldats auraient déserté", start=0, end=38, figure="plus de 1 000 soldats",
                  value=1000, low=1000, unit="soldat", certainty=certainty)


def story(**changes) -> Trace:
    fields = dict(
        query="1000 soldats", figure="1000 soldat", origin=None,
        reports=[report("a", "Newsweek", "2024-11-02"), report("b", "Le Journal", "2024-11-04"),
                 report("c", "Newsweek", "2024-11-06", "certain"), report("d", None, None)],
        citations=[Citation(article_id="b", claim_id="b:c0", citing="Le Journal", cited="Newsweek",
                            cited_kind="media", cue="selon", cited_article_id="a"),
                   Citation(article_id="a", claim_id="a:c0", citing="Newsweek", cited="iStories",
                            cited_kind="media", cue="according to")])
    fields.update(changes)
    return Trace(**fields)


def test_one_lane_per_outlet_in_order_of_first_report_and_cited_sources_last():
    view = layout(story())
    assert [(lane.name, lane.external) for lane in view.lanes] == [
        ("Newsweek", False), ("Le Journal", False), ("d", False), ("iStories", True)]
    ys = [lane.y for lane in view.lanes]
    assert ys == sorted(ys) and len(set(ys)) == 4


def test_reports_go_right_with_their_date_and_undated_ones_in_their_own_column():
    view = layout(story())
    x = {m.article_id: m.x for m in view.marks if m.article_id}
    assert x["a"] < x["b"] < x["c"] < x["d"]
    assert view.undated_x == x["d"]
    assert [t.label for t in view.ticks] == ["2024-11-02", "2024-11-03", "2024-11-04", "2024-11-05", "2024-11-06"]


def test_citations_become_arrows_and_the_cited_outside_source_gets_a_mark():
    view = layout(story())
    assert [a.title for a in view.arrows] == ["Le Journal cites Newsweek (selon)", "Newsweek cites iStories (according to)"]
    outside = [m for m in view.marks if m.external]
    assert [(m.key, m.x) for m in outside] == [("source:iStories", next(m.x for m in view.marks if m.article_id == "a"))]


def test_origin_is_ringed_and_mutations_are_labelled_away_from_the_edge():
    mutation = Mutation(article_id="c", kind="certainty_upgrade", rule="hedge_weakened", claim_id="c:c0", part="body",
                        words="1 000 soldats ont déserté", start=0, end=25, reference="b", evidence="")
    view = layout(story(origin=Origin(outlet="iStories", rule="cited_source_citing_no_one"), mutations=[mutation]))
    assert [m.key for m in view.marks if m.origin] == ["source:iStories"]
    labelled = [m for m in view.marks if m.labels]
    assert [(m.article_id, m.labels, m.label_anchor) for m in labelled] == [
        ("c", ["certainty upgrade: 1 000 soldats ont déserté"], "end")]


def test_reports_of_one_outlet_on_one_day_do_not_overlap():
    view = layout(story(reports=[report("a", "Newsweek", "2024-11-02"), report("b", "Newsweek", "2024-11-02")],
                        citations=[]))
    first, second = (m for m in view.marks if m.article_id)
    assert second.x - first.x >= 14 and first.y == second.y


def test_selon_serve_is_a_cli_command_with_its_options():
    from selon.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--read-only", "--workers", "--timeout", "--allow-private-urls"):
        assert option in result.output
