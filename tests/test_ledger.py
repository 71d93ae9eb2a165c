"""The ledger store: schema, exactly-once writes, claim records, guards on foreign or locked files."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from selon.errors import SelonError
from selon.ledger import Ledger, article_rows, claim_key, content_hash, query_values
from selon.model import Analysis, ChainLink, Claim, Entity, Quantity
from selon.sentences import SentenceIndex, sentence_around, sentence_spans

BODY = ("Selon Newsweek, citant des responsables ukrainiens, plus de 1 000 soldats auraient déserté près de "
        "Volgograd. Le ministère n'a pas réagi.")


def seed_analysis(outlet: str | None = "Le Quotidien", published: str | None = "2023-05-06",
                  url: str | None = None, text: str = BODY, value: int = 1000) -> Analysis:
    """A hand-made analysis of a short article I wrote: one attributed figure, one plain claim."""
    figure = f"plus de {value:,} soldats".replace(",", " ")
    assert figure in text or value != 1000
    start = text.index("plus de")
    return Analysis(
        language="fr", outlet=outlet, published=published, url=url, title="Des soldats désertent", text=text,
        claims=[
            Claim(id="c0", part="body", text=text[start:text.index(".")], start=start, end=text.index("."),
                  certainty="probable", hedges=["auraient"], certainty_rule="conditional",
                  chain=[ChainLink(source="Newsweek", kind="media", cue="Selon", start=6, end=14, cue_start=0,
                                   cue_end=5, rule="selon_X", kind_rule="entity ORG: media name"),
                         ChainLink(source="responsables ukrainiens", kind="government", cue="citant", start=27,
                                   end=50, cue_start=16, cue_end=22, rule="citant_X",
                                   kind_rule="lexicon: responsables")],
                  quantities=[Quantity(text=text[start:start + 21], value=value, low=value, unit="soldat",
                                       start=start, end=start + 21, qualifier="plus de")]),
            Claim(id="c1", part="body", text="Le ministère n'a pas réagi", start=text.index("Le minist"),
                  end=len(text) - 1, polarity="negative"),
        ],
        entities=[Entity(text="Newsweek", label="ORG", start=6, end=14),
                  Entity(text="Volgograd", label="LOC", start=text.index("Volgograd"),
                         end=text.index("Volgograd") + 9)],
    )


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "test.duckdb") as opened:
        yield opened


def store(ledger: Ledger, analysis: Analysis, article_id: str = "a1") -> str:
    h = content_hash(analysis.title, analysis.text)
    assert ledger.add(analysis, h, article_id, f"{article_id}.json")
    return h


# ---- keys -----------------------------------------------------------------------------------

def test_content_hash_ignores_spacing_and_unicode_composition_but_not_words():
    assert content_hash("Titre", "Un  texte\n\nici.") == content_hash(" Titre ", "Un texte ici.")
    assert content_hash(None, "e\u0301t\u00e9") == content_hash("", "\u00e9t\u00e9")
    assert content_hash("Titre", "Un texte ici.") != content_hash("Titre", "Un texte là.")
    assert content_hash("A", "B") != content_hash(None, "A B")


def test_claim_ids_are_unique_across_articles():
    assert claim_key("0123456789abcdef0000", "c3") == "0123456789abcdef:c3"


def test_sentence_around_a_span_and_sentence_spans():
    text = "M. Dupont dit que J. Smith est venu. Selon lui, 3 soldats sont partis.\nFin"
    assert sentence_spans(text) == [(0, 36), (37, 70), (71, 74)]
    assert sentence_around(text, 48, 69) == (37, 70)
    assert sentence_around(text, 48, 70) == (37, 70)


def test_a_span_ending_on_the_closing_quote_of_its_sentence_stays_in_that_sentence():
    text = "Il a écrit : «C'est fini.» Puis il est parti."
    index = SentenceIndex(text)
    assert index.around(13, 26) == (0, 26) == sentence_around(text, 13, 26)  # the claim «C'est fini.»
    assert index.around(27, 44) == (27, 45)


# ---- writing --------------------------------------------------------------------------------

def test_an_article_is_stored_once_with_all_its_rows(ledger):
    analysis = seed_analysis()
    h = store(ledger, analysis)
    assert ledger.add(analysis, h, "again", "again.json") is False
    assert {t: ledger.count(t) for t in ("articles", "claims", "sources", "quantities", "citations")} == {
        "articles": 1, "claims": 2, "sources": 2, "quantities": 1, "citations": 2}
    assert ledger.analysis(h) == analysis
    assert ledger.known_hashes() == {h}


def test_a_failed_write_leaves_nothing_of_the_article(ledger, monkeypatch):
    original = Ledger._insert

    def failing(self, table, rows):
        if table == "quantities":
            raise RuntimeError("disk full")
        original(self, table, rows)

    monkeypatch.setattr(Ledger, "_insert", failing)
    with pytest.raises(RuntimeError):
        with ledger.batch():
            store(ledger, seed_analysis(), "a1")
            store(ledger, seed_analysis(text=BODY + " Encore."), "a2")
    monkeypatch.undo()
    assert [ledger.count(t) for t in ("articles", "claims", "sources", "quantities", "citations")] == [0] * 5
    store(ledger, seed_analysis())
    assert ledger.count("articles") == 1


def test_a_batch_stores_whole_articles_at_commit_and_nothing_when_interrupted(ledger):
    with ledger.batch():
        h = store(ledger, seed_analysis(), "a1")
        assert ledger.add(seed_analysis(), h, "a1-again") is False  # already in the batch
        assert ledger.count("articles") == 0  # not written before the commit
    assert ledger.count("articles") == 1
    with pytest.raises(KeyboardInterrupt):
        with ledger.batch():
            store(ledger, seed_analysis(text=BODY + " Encore."), "a2")
            raise KeyboardInterrupt
    assert ledger.count("articles") == 1


def test_article_rows_are_a_pure_function_of_the_analysis():
    rows = article_rows(seed_analysis(), "f" * 64, "a1", "a1.json")
    assert rows["citations"] == [
        ("f" * 64, "ffffffffffffffff:c0", "Le Quotidien", "Newsweek", "media", 1),
        ("f" * 64, "ffffffffffffffff:c0", "Newsweek", "responsables ukrainiens", "government", 2),
    ]
    assert [r[2] for r in rows["sources"]] == [1, 2]


# ---- reading --------------------------------------------------------------------------------

def test_a_description_cites_the_named_source_it_stands_for(ledger):
    text = ("Le magazine américain affirme que plus de 1 000 soldats ont déserté près de Volgograd. "
            "Le ministère n'a pas réagi.")
    analysis = seed_analysis(text=text)
    claim = analysis.claims[0]
    claim.chain = [ChainLink(source="Le magazine américain", kind="media", cue="affirme", start=0, end=21,
                             cue_start=22, cue_end=29, rule="X_affirme", kind_rule="lexicon: magazine",
                             refers_to="Newsweek")]
    h = store(ledger, analysis)
    assert ledger.con.execute("select source, refers_to, kind_rule from sources").fetchall() == [
        ("Le magazine américain", "Newsweek", "lexicon: magazine")]
    assert ledger.con.execute("select citing, cited from citations").fetchall() == [("Le Quotidien", "Newsweek")]
    assert ledger.claim_records()[0]["chain"][0]["refers_to"] == "Newsweek"
    assert h


def test_claim_records_have_the_documented_shape(ledger):
    h = store(ledger, seed_analysis())
    records = ledger.claim_records()
    assert len(records) == 2
    first = records[0]
    start = BODY.index("plus de")
    assert first == {
        "claim_id": f"{h[:16]}:c0", "claim_index": "c0", "article_hash": h, "article_id": "a1",
        "outlet": "Le Quotidien", "url": None, "published": "2023-05-06", "language": "fr", "parser": "spacy",
        "part": "body", "text": BODY[start:BODY.index(".")], "start": start, "end": BODY.index("."),
        "sentence": BODY[:BODY.index(".") + 1], "sentence_start": 0, "sentence_end": BODY.index(".") + 1,
        "certainty": "probable", "certainty_rule": "conditional", "hedges": ["auraient"], "polarity": "positive",
        "chain": [
            {"source": "Newsweek", "kind": "media", "cue": "Selon", "start": 6, "end": 14, "cue_start": 0,
             "cue_end": 5, "rule": "selon_X", "kind_rule": "entity ORG: media name", "refers_to": None},
            {"source": "responsables ukrainiens", "kind": "government", "cue": "citant", "start": 27, "end": 50,
             "cue_start": 16, "cue_end": 22, "rule": "citant_X", "kind_rule": "lexicon: responsables",
             "refers_to": None},
        ],
        "quantity_index": 0, "quantity_text": "plus de 1 000 soldats", "value": 1000, "low": 1000, "high": None,
        "approximate": False, "unit": "soldat", "qualifier": "plus de", "quantity_start": start,
        "quantity_end": start + 21,
        "entities": [
            {"text": "Newsweek", "label": "ORG", "start": 6, "end": 14},
            {"text": "Volgograd", "label": "LOC", "start": BODY.index("Volgograd"), "end": BODY.index("Volgograd") + 9},
        ],
    }
    # A claim without a figure: one record, figure fields empty; the Volgograd sentence is not its own.
    second = records[1]
    assert (second["claim_index"], second["quantity_index"], second["value"], second["chain"], second["entities"]) == (
        "c1", None, None, [], [])


def test_claim_record_filters(ledger):
    h1 = store(ledger, seed_analysis(), "a1")
    other = seed_analysis(outlet="Autre", text=BODY.replace("1 000", "2 000"), value=2000)
    h2 = store(ledger, other, "a2")
    assert len(ledger.claim_records(figures_only=True)) == 2
    assert [r["article_id"] for r in ledger.claim_records(value_between=(1500, 2500))] == ["a2"]
    assert {r["claim_id"] for r in ledger.claim_records(article_hashes=[h1])} == {f"{h1[:16]}:c0", f"{h1[:16]}:c1"}
    assert [r["claim_index"] for r in ledger.claim_records(claim_ids=[f"{h2[:16]}:c1"])] == ["c1"]
    assert ledger.claim_records(languages=["it"]) == []
    assert len(list(ledger.iter_claim_records(article_ids=["a2"], batch_size=1))) == 2


def test_citation_rows_name_the_citing_article(ledger):
    store(ledger, seed_analysis())
    rows = ledger.citation_rows()
    assert [(r["citing"], r["cited"], r["position"], r["article_id"], r["published"]) for r in rows] == [
        ("Le Quotidien", "Newsweek", 1, "a1", "2023-05-06"),
        ("Newsweek", "responsables ukrainiens", 2, "a1", "2023-05-06"),
    ]


def test_figures_group_by_value_and_unit_and_count_outlets_by_name_or_host(ledger):
    store(ledger, seed_analysis(outlet="Le Quotidien", published="2023-05-06"), "a1")
    store(ledger, seed_analysis(outlet=None, url="https://www.example.org/x", published="2023-05-09",
                                text=BODY + " Encore."), "a2")
    store(ledger, seed_analysis(outlet="Autre", text=BODY.replace("1 000", "2 000"), value=2000), "a3")
    assert ledger.figures() == [
        {"value": 1000, "unit": "soldat", "example": "plus de 1 000 soldats", "articles": 2, "outlets": 2,
         "languages": 1, "first": "2023-05-06", "last": "2023-05-09"},
        {"value": 2000, "unit": "soldat", "example": "plus de 2 000 soldats", "articles": 1, "outlets": 1,
         "languages": 1, "first": "2023-05-06", "last": "2023-05-06"},
    ]
    assert [f["value"] for f in ledger.figures(min_outlets=2)] == [1000]


def test_articles_newest_first_with_their_claim_and_figure_counts(ledger):
    h1 = store(ledger, seed_analysis(published="2023-05-06"), "older")
    h2 = store(ledger, seed_analysis(published="2023-05-09", text=BODY + " Encore."), "newer")
    h3 = store(ledger, seed_analysis(published=None, text=BODY + " Sans date."), "undated")
    assert [(a["id"], a["hash"], a["published"], a["claims"], a["figures"]) for a in ledger.articles()] == [
        ("newer", h2, "2023-05-09", 2, 1), ("older", h1, "2023-05-06", 2, 1), ("undated", h3, None, 2, 1)]
    first = ledger.articles(limit=1)[0]
    assert {k: first[k] for k in ("outlet", "url", "language", "parser", "title")} == {
        "outlet": "Le Quotidien", "url": None, "language": "fr", "parser": "spacy", "title": "Des soldats désertent"}
    assert [a["id"] for a in ledger.articles(limit=1, offset=1)] == ["older"]
    assert ledger.articles(offset=3) == []


@pytest.mark.parametrize("q, claim_indexes", [
    ("DESERTE PRES DE volgograd", ["c0"]),   # wording: case and accents ignored
    ("ministere", ["c1"]),
    ("newsweek", ["c0"]),                    # a source name
    ("Responsables Ukrainiens", ["c0"]),     # the second link of the chain
    ("1 000 soldats", ["c0"]),               # a figure's words
    ("1000", ["c0"]),                        # a figure's value, written otherwise
    ("1,000", ["c0"]),                       # grouped the English way
    ("1.000", ["c0"]),                       # grouped the Italian or German way
    ("999", []),
    ("%", []),                               # LIKE wildcards are searched as characters
    ("_", []),
    ("   ", []),
])
def test_search_claims_matches_wording_sources_and_figures(ledger, q, claim_indexes):
    store(ledger, seed_analysis())
    assert [c["claim_index"] for c in ledger.search_claims(q)] == claim_indexes


def test_search_claims_gives_one_item_per_claim_with_its_chain_and_figures(ledger):
    h = store(ledger, seed_analysis())
    store(ledger, seed_analysis(published="2023-05-09", text=BODY + " Encore."), "a2")
    found = ledger.search_claims("soldats")
    assert [(c["article_id"], c["claim_index"]) for c in found] == [("a1", "c0"), ("a2", "c0")]
    start = BODY.index("plus de")
    assert found[0]["claim_id"] == f"{h[:16]}:c0"
    assert [link["source"] for link in found[0]["chain"]] == ["Newsweek", "responsables ukrainiens"]
    assert found[0]["figures"] == [{"text": "plus de 1 000 soldats", "value": 1000, "low": 1000, "high": None,
                                    "approximate": False, "unit": "soldat", "qualifier": "plus de",
                                    "start": start, "end": start + 21, "part": "body"}]
    assert [c["article_id"] for c in ledger.search_claims("soldats", limit=1)] == ["a1"]


def test_query_values_reads_a_number_by_every_language_file():
    assert query_values("18,000") == [18.0, 18000.0]  # English groups, French writes a decimal
    assert query_values("18 000") == [18000.0]
    assert query_values("1,5 млн") == [1500000.0]
    assert query_values("mille") == []                  # words stay words
    assert query_values("30 %") == []


def test_clusters_are_replaced_as_a_whole(ledger):
    store(ledger, seed_analysis())
    ledger.write_clusters([("x:c0", "k1", {"same_value": True})])
    ledger.write_clusters([("x:c0", "k2", ["unit"]), ("x:c1", "k2", ["unit"])])
    assert ledger.query("select cluster_id, count(*) from clusters group by 1")[1] == [("k2", 2)]


def test_sql_reads_and_refuses_writes(ledger):
    store(ledger, seed_analysis())
    assert ledger.query("select outlet, language from articles") == (["outlet", "language"], [("Le Quotidien", "fr")])
    for statement in ("delete from claims", "drop table articles", "insert into meta values ('a', 'b')",
                      "select 1; delete from claims"):
        with pytest.raises(SelonError):
            ledger.query(statement)
    with pytest.raises(SelonError) as err:
        ledger.query("select * from nowhere")
    assert "nowhere" in err.value.problem
    assert ledger.count("claims") == 2


# ---- guards ---------------------------------------------------------------------------------

def test_a_duckdb_file_that_is_not_a_ledger_is_refused_untouched(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table sales (n integer)")
    con.close()
    with pytest.raises(SelonError) as err:
        Ledger.open(path)
    assert err.value.item == str(path) and "not a selon ledger" in err.value.problem
    con = duckdb.connect(str(path), read_only=True)
    assert [r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()] == ["sales"]
    con.close()


def test_a_file_that_is_not_duckdb_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes\n")
    with pytest.raises(SelonError) as err:
        Ledger.open(path)
    assert "not a selon ledger" in err.value.problem
    assert path.read_text() == "just some notes\n"


def test_a_ledger_of_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "old.duckdb"
    Ledger.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("update meta set value = '0' where key = 'schema_version'")
    con.close()
    with pytest.raises(SelonError) as err:
        Ledger.open(path)
    assert "schema version 0" in err.value.problem


def test_reading_a_missing_ledger_says_so(tmp_path):
    with pytest.raises(SelonError) as err:
        Ledger.open(tmp_path / "none.duckdb", read_only=True)
    assert "no ledger" in err.value.problem
    assert not (tmp_path / "none.duckdb").exists()


def test_a_ledger_locked_by_another_process_is_named(tmp_path):
    path = tmp_path / "busy.duckdb"
    Ledger.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(path)!r})
            print("holding", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        for read_only in (False, True):
            with pytest.raises(SelonError) as err:
                Ledger.open(path, read_only=read_only)
            assert err.value.item == str(path)
            assert "locked by another process" in err.value.problem
    finally:
        holder.communicate("", timeout=30)
    Ledger.open(path).close()  # free again once the other process is gone
