"""The story of tests/fixtures/story, end to end: real analysis, real ingest into a DuckDB
ledger, then `trace` over `Ledger.claim_records`.

Five articles (English and French, our own wording): iStories counts 1,010 soldiers who
left a division in Volgograd; Newsweek cites it as "more than 1,000"; a French weekly
translates Newsweek and titles "Des régiments entiers"; a digest cites the weekly with
"up to 1,000" and an inflated headline; a blog gives "1 009" and names no source.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selon.ingest import Ingest, read_inputs
from selon.ledger import Ledger
from selon.trace import trace

STORY = Path(__file__).parent / "fixtures" / "story"


@pytest.fixture(scope="module")
def records(analyzer, tmp_path_factory):
    db = tmp_path_factory.mktemp("story") / "story.duckdb"
    with Ledger.open(db) as ledger:
        summary = Ingest(ledger, analyzer=analyzer).run(read_inputs([STORY / "articles.jsonl"]))
        assert (summary.stored, summary.failed) == (5, 0)
        return ledger.claim_records()


@pytest.fixture(scope="module")
def story(records):
    return trace(records, "1000 déserteurs")


@pytest.fixture(scope="module")
def gold():
    return json.loads((STORY / "story.json").read_text(encoding="utf-8"))


def test_the_ingested_story_forms_one_cluster_of_all_five_articles(story):
    assert sorted({r.article_id for r in story.reports}) == [
        "blog-strategie", "frontline-digest", "gazette-regiments", "istories-count", "newsweek-regiment"]
    assert story.languages == ["en", "fr"]


def test_the_reports_come_in_time_order_with_their_wording(story):
    dates = [r.published for r in story.reports]
    assert dates == sorted(dates)
    first = story.reports[0]
    assert (first.article_id, first.figure, first.value) == ("istories-count", "1,010 soldiers", 1010)


def test_the_origin_is_found_from_the_chains(story, gold):
    assert (story.origin.outlet, story.origin.article_id) == (gold["origin"]["outlet"], gold["origin"]["article_id"])
    assert story.origin.rule == "cited_source_citing_no_one"


def test_who_cites_whom_is_read_from_the_translated_chains(story, gold):
    found = {(c.article_id, c.cited) for c in story.citations}
    assert {tuple(pair) for pair in gold["cites"]} <= found


def test_every_mutation_of_the_story_is_found(story, gold):
    found = {(m.article_id, m.kind) for m in story.mutations}
    assert {(m["article_id"], m["kind"]) for m in gold["mutations"]} == found


def test_mutation_offsets_point_at_their_words(story, records):
    parts = {}
    for r in records:
        parts.setdefault((r["article_id"], r["part"]), r["sentence"])
    for m in story.mutations:
        rec = next(r for r in records if r["claim_id"] == m.claim_id)
        whole_start = rec["sentence_start"]
        assert rec["sentence"][m.start - whole_start:m.end - whole_start] == m.words
