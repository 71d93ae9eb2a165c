"""Ingesting a corpus: routing by language, exactly-once storage, bad input, WARC, resume after a kill."""

from __future__ import annotations

import importlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from selon.cli import app
from selon.errors import SelonError
from selon.ingest import Ingest, read_inputs, route
from selon.ledger import Ledger
from selon.model import Article

FR = {"id": "fr-1", "language": "fr", "outlet": "Le Quotidien", "published": "2023-05-06",
      "title": "Des soldats quittent leur régiment",
      "text": "Selon Newsweek, plus de 1 000 soldats auraient déserté près de Volgograd. L'armée dément."}
EN = {"id": "en-1", "outlet": "Wire Service", "published": "2023-05-04", "title": "Soldiers leave their unit",
      "text": "According to iStories, 1,010 soldiers of the 20th division left their unit near Volgograd."}
IT = {"id": "it-1", "outlet": "Il Foglio Quotidiano", "published": "2023-05-07",
      "text": "Secondo Newsweek, più di 1.000 soldati avrebbero disertato vicino a Volgograd. Il ministero tace."}
RU = {"id": "ru-1", "outlet": "Вести дня", "published": "2023-05-05",
      "text": "По данным издания «Важные истории», 1 010 военнослужащих покинули часть под Волгоградом."}
UK = {"id": "uk-1", "language": "uk", "text": "За даними видання iStories, понад 1 010 солдатів залишили частину."}
ES = {"id": "es-1", "text": "Según el diario iStories, 1.010 soldados abandonaron su unidad cerca de Volgogrado."}
DE = {"id": "de-1", "text": "Laut Newsweek sollen mehr als 1.000 Soldaten ihre Einheit bei Wolgograd verlassen haben."}


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def html_page(title: str, paragraph: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{paragraph}</p></article></body></html>").encode("utf-8")


def write_warc(path: Path, pages: list[tuple[str, str, str]], gzip: bool = True) -> list[int]:
    """A WARC of HTML responses (url, title, paragraph) plus one non-HTML record; record offsets."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for url, title, paragraph in pages:
            offsets.append(out.tell())
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html_page(title, paragraph)),
                                                          http_headers=http))
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=http))
    return offsets


PAGES = [
    ("https://example.org/a", "Régiment en fuite",
     "Selon le journal local, plus de 1 000 soldats auraient quitté leur caserne près de Volgograd au printemps."),
    ("https://example.org/b", "Regiment on the run",
     "According to the local paper, more than 1,000 soldiers left their barracks near Volgograd this spring."),
    ("https://example.org/c", "Reggimento in fuga",
     "Secondo il giornale locale, più di 1.000 soldati avrebbero lasciato la caserma vicino a Volgograd in primavera."),
]


def run_ingest(analyzer, ledger: Ledger, paths) -> tuple:
    failures = []
    summary = Ingest(ledger, analyzer=analyzer, on_failure=lambda item, problem: failures.append((item, problem))
                     ).run(read_inputs(paths))
    return summary, failures


# ---- routing --------------------------------------------------------------------------------

@pytest.mark.parametrize("row, expected", [
    (FR, ("fr", "spacy")), (EN, ("en", "spacy")), (IT, ("it", "lexicon")), (RU, ("ru", "lexicon")),
    (UK, ("uk", "lexicon")), (ES, ("es", "lexicon")), (DE, ("de", "lexicon")),
    ({"language": "ES-mx", "text": "x"}, ("es", "lexicon")),
])
def test_languages_with_a_parser_get_spacy_the_others_the_lexicon(row, expected):
    assert route(Article(**row), "item") == expected


def test_an_unknown_language_is_refused_by_item():
    with pytest.raises(SelonError) as err:
        route(Article(language="ja", text="日本語の文章です。"), "file.jsonl:7")
    assert err.value.item == "file.jsonl:7" and "unsupported language 'ja'" in err.value.problem


# ---- a run ----------------------------------------------------------------------------------

def test_ingest_stores_every_article_once_and_counts_what_failed(analyzer, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "batch.jsonl", [FR, EN, IT, RU, UK, ES, DE, {"not": "an article"}, "not json", FR])
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        summary, failures = run_ingest(analyzer, ledger, [corpus])
        assert (summary.stored, summary.duplicates, summary.failed) == (7, 1, 3)
        assert failures == [
            (f"{corpus}/batch.jsonl:8", "article object has no 'text' field"),
            (f"{corpus}/batch.jsonl:9", "invalid JSON: expecting value (column 1)"),
            (f"{corpus}/broken.txt", "binary data, not text"),
        ]
        assert dict(summary.parsers) == {"spacy": 2, "lexicon": 5}
        rows = ledger.query("select id, language, parser from articles order by id")[1]
        assert rows == [("de-1", "de", "lexicon"), ("en-1", "en", "spacy"), ("es-1", "es", "lexicon"),
                        ("fr-1", "fr", "spacy"), ("it-1", "it", "lexicon"), ("ru-1", "ru", "lexicon"),
                        ("uk-1", "uk", "lexicon")]
        again, _ = run_ingest(analyzer, ledger, [corpus])
        assert (again.stored, again.duplicates, again.failed) == (0, 8, 3)
        assert ledger.count("articles") == 7


def test_same_words_under_another_name_are_a_duplicate(analyzer, tmp_path):
    write_jsonl(tmp_path / "one.jsonl", [IT])
    write_jsonl(tmp_path / "two.jsonl", [dict(IT, id="copy", outlet="Aggregatore", text=IT["text"].replace(" ", "  "))])
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        summary, _ = run_ingest(analyzer, ledger, [tmp_path / "one.jsonl", tmp_path / "two.jsonl"])
        assert (summary.stored, summary.duplicates) == (1, 1)
        assert ledger.query("select id, outlet from articles")[1] == [("it-1", "Il Foglio Quotidiano")]


def test_fallback_articles_reach_the_claim_records(analyzer, tmp_path):
    write_jsonl(tmp_path / "ru.jsonl", [RU])
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        run_ingest(analyzer, ledger, [tmp_path / "ru.jsonl"])
        [record] = ledger.claim_records(figures_only=True)
    assert (record["article_id"], record["parser"], record["language"], record["outlet"], record["published"]) == (
        "ru-1", "lexicon", "ru", "Вести дня", "2023-05-05")
    assert (record["quantity_text"], record["value"], record["unit"]) == ("1 010 военнослужащих", 1010, "военнослужащий")
    assert [(l["source"], l["kind"], l["cue"]) for l in record["chain"]] == [
        ("издания «Важные истории»", "media", "По данным")]
    assert [e["text"] for e in record["entities"]] == ["Важные истории", "Волгоградом"]


# ---- a crash inside the analysis ------------------------------------------------------------

CRASH = "Le porte-parole a refusé de commenter ce chiffre."
CRASH_EN = "The spokesman declined to comment on the figure."
STEADY = [dict(FR, id="fr-ok"), dict(EN, id="en-ok")]


def test_a_crash_while_assembling_one_analysis_fails_that_article_only(analyzer, tmp_path, monkeypatch):
    analyze_module = importlib.import_module("selon.analyze")  # `selon.analyze` is also the function
    real = analyze_module.build_analysis

    def crashing(article, lang, title_doc, body_doc):
        if article.text == CRASH:
            raise RuntimeError("component broke on this article")
        return real(article, lang, title_doc, body_doc)

    monkeypatch.setattr(analyze_module, "build_analysis", crashing)
    write_jsonl(tmp_path / "c.jsonl", [STEADY[0], {"id": "fr-crash", "language": "fr", "text": CRASH}, STEADY[1]])
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        summary, failures = run_ingest(analyzer, ledger, [tmp_path / "c.jsonl"])
        assert (summary.stored, summary.duplicates, summary.failed) == (2, 0, 1)
        assert failures == [(f"{tmp_path}/c.jsonl:2",
                             "analysis failed (RuntimeError: component broke on this article)")]
        assert sorted(r[0] for r in ledger.query("select id from articles")[1]) == ["en-ok", "fr-ok"]


def test_a_pipeline_component_that_raises_inside_a_batch_fails_one_article(tmp_path):
    from spacy.language import Language

    from selon.analyze import Analyzer

    @Language.component("test_raises_on_crash_text")
    def raises_on_crash_text(doc):
        if doc.text == CRASH_EN:
            raise ValueError("tagger state corrupted")
        return doc

    own = Analyzer()  # its own pipeline: the session's stays untouched
    own.pipeline("en").add_pipe("test_raises_on_crash_text", first=True)
    write_jsonl(tmp_path / "c.jsonl", [{"id": "en-crash", "language": "en", "text": CRASH_EN}, STEADY[1],
                                       dict(EN, id="en-2", text=EN["text"] + " The ministry declined to comment.")])
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        summary, failures = run_ingest(own, ledger, [tmp_path / "c.jsonl"])
        assert (summary.stored, summary.failed) == (2, 1)
        assert failures == [(f"{tmp_path}/c.jsonl:1", "analysis failed (ValueError: tagger state corrupted)")]
        assert sorted(r[0] for r in ledger.query("select id from articles")[1]) == ["en-2", "en-ok"]


def test_two_parser_workers_store_what_one_does_and_fail_only_the_bad_article(analyzer, tmp_path):
    # English only, so that the two spawned workers load the small model.
    rows = [STEADY[1], dict(EN, id="en-late", published="last Tuesday", text=EN["text"] + " More later."),
            dict(EN, id="en-2", text=EN["text"] + " The ministry declined to comment.")]
    write_jsonl(tmp_path / "c.jsonl", rows)
    stored = {}
    for jobs in (1, 2):
        failures = []
        with Ledger.open(tmp_path / f"l{jobs}.duckdb") as ledger:
            summary = Ingest(ledger, analyzer=analyzer, jobs=jobs,
                             on_failure=lambda item, problem: failures.append((item, problem))
                             ).run(read_inputs([tmp_path / "c.jsonl"]))
            stored[jobs] = ledger.query("select a.id, c.text, c.start, c.certainty from claims c "
                                        "join articles a on a.hash = c.article_hash order by 1, 3")[1]
        assert (summary.stored, summary.failed) == (2, 1)
        assert failures == [(f"{tmp_path}/c.jsonl:2", "publication date is not YYYY-MM-DD")]
    assert stored[2] == stored[1] and {row[0] for row in stored[1]} == {"en-ok", "en-2"}


# ---- WARC -----------------------------------------------------------------------------------

def test_warc_html_responses_become_articles_named_by_offset(analyzer, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, PAGES)
    items = list(read_inputs([path]))
    assert [name for name, _ in items] == [f"{path}@{o}" for o in offsets]
    assert [(a.id, a.url, a.title) for _, a in items] == [(u, u, t) for u, t, _ in PAGES]
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        summary, failures = run_ingest(analyzer, ledger, [tmp_path])
        assert (summary.stored, summary.failed) == (3, 0)
        assert ledger.query("select id, language from articles order by id")[1] == [
            ("https://example.org/a", "fr"), ("https://example.org/b", "en"), ("https://example.org/c", "it")]


@pytest.mark.parametrize("gzip", [True, False])
def test_a_corrupt_warc_record_is_named_and_the_next_ones_are_read(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    offsets = write_warc(path, PAGES, gzip=gzip)
    data = bytearray(path.read_bytes())
    if gzip:
        data[offsets[1] + 40:offsets[1] + 80] = b"U" * 40  # inside the compressed record
    else:
        data[offsets[1]:offsets[1] + 8] = b"XXXX/1.0"  # its header line
    path.write_bytes(bytes(data))
    items = list(read_inputs([path]))
    assert [(name, type(item).__name__) for name, item in items] == [
        (f"{path}@{offsets[0]}", "Article"), (f"{path}@{offsets[1]}", "SelonError"), (f"{path}@{offsets[2]}", "Article")]
    assert "corrupt WARC record" in items[1][1].problem


def test_a_file_that_is_not_a_warc_says_so(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("hello world this is not an archive\n")
    [(name, err)] = list(read_inputs([path]))
    assert name == str(path) and "not a WARC file" in err.problem


# ---- killed and started again ---------------------------------------------------------------

def corpus_lines(n: int) -> list[dict]:
    """n distinct small Italian, Spanish and Russian articles (fallback: no model to load)."""
    rows = []
    for i in range(n):
        k = 100 + 7 * i
        rows.append([
            {"id": f"it-{i}", "language": "it", "outlet": f"Testata {i % 9}",
             "text": f"Secondo la testata {i}, oltre {k} soldati avrebbero lasciato Kursk. Il ministero tace."},
            {"id": f"es-{i}", "language": "es", "outlet": f"Diario {i % 9}",
             "text": f"Según el diario {i}, más de {k} soldados habrían dejado Kursk. El ministerio calla."},
            {"id": f"ru-{i}", "language": "ru", "outlet": f"Издание {i % 9}",
             "text": f"По данным издания {i}, более {k} солдат покинули Курск. Министерство молчит."},
        ][i % 3])
    return rows


def test_a_run_killed_midway_and_started_again_stores_every_article_exactly_once(tmp_path):
    source = write_jsonl(tmp_path / "big.jsonl", corpus_lines(1500))
    db = tmp_path / "l.duckdb"
    command = [sys.executable, "-m", "selon.cli", "ingest", str(source), "--db", str(db), "--quiet"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Kill as soon as some batches are committed: the WAL grows past its empty size.
    deadline = time.monotonic() + 120
    wal = Path(f"{db}.wal")
    while time.monotonic() < deadline and first.poll() is None:
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert first.returncode == -signal.SIGKILL, "the first run ended before it could be killed"
    second = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    stored, skipped = (int(second.stdout.split()[i]) for i in (0, 2))
    assert skipped > 0 and stored + skipped == 1500
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*), count(distinct hash), count(distinct id) from articles").fetchone() == (
            1500, 1500, 1500)
        # Every article has exactly the claims its stored analysis has: none half-written.
        mismatched = con.execute("""
            select count(*) from articles a
            where json_array_length(a.analysis -> 'claims') <>
                  (select count(*) from claims c where c.article_hash = a.hash)""").fetchone()[0]
        assert mismatched == 0
        assert con.execute("select count(*) from quantities").fetchone()[0] >= 1500
    finally:
        con.close()


# ---- the commands ---------------------------------------------------------------------------

@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SELON_DB", raising=False)
    return CliRunner()


def test_ingest_command_summary_and_default_database(cli, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [IT, RU, UK, "oops"])
    result = cli.invoke(app, ["ingest", "in.jsonl", "--quiet"])
    assert result.exit_code == 1  # one input failed
    lines = result.stdout.splitlines()
    assert lines[0].startswith("3 stored, 0 skipped as duplicates, 1 failed (4 articles in ")
    assert lines[0].endswith("→ selon.duckdb")
    assert "failed ×1: invalid JSON: expecting value (column 1)" in lines
    assert (tmp_path / "selon.duckdb").exists()


def test_selon_db_environment_variable_names_the_ledger(cli, tmp_path, monkeypatch):
    write_jsonl(tmp_path / "in.jsonl", [IT])
    monkeypatch.setenv("SELON_DB", str(tmp_path / "env.duckdb"))
    assert cli.invoke(app, ["ingest", "in.jsonl", "-q"]).exit_code == 0
    assert (tmp_path / "env.duckdb").exists() and not (tmp_path / "selon.duckdb").exists()


def test_figures_and_sql_commands(cli, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [IT, RU, UK, ES, DE])
    assert cli.invoke(app, ["ingest", "in.jsonl", "--db", "s.duckdb", "-q"]).exit_code == 0
    figures = json.loads(cli.invoke(app, ["figures", "--db", "s.duckdb", "--format", "json"]).stdout)
    # Most outlets first; the Ukrainian, Spanish and German articles name no outlet.
    assert [(f["value"], f["unit"], f["outlets"]) for f in figures] == [
        (1000, "soldato", 1), (1010, "военнослужащий", 1), (1000, "Soldat", 0), (1010, "soldado", 0),
        (1010, "солдат", 0)]
    table = cli.invoke(app, ["figures", "--db", "s.duckdb"])
    assert table.exit_code == 0 and "военнослужащий" in table.stdout
    csv_out = cli.invoke(app, ["sql", "select id, parser from articles order by id", "--db", "s.duckdb", "-f", "csv"])
    assert csv_out.stdout.splitlines() == ["id,parser", "de-1,lexicon", "es-1,lexicon", "it-1,lexicon",
                                           "ru-1,lexicon", "uk-1,lexicon"]
    as_json = cli.invoke(app, ["sql", "select count(*) as n from claims", "--db", "s.duckdb", "-f", "json"])
    assert json.loads(as_json.stdout)[0]["n"] >= 5
    refused = cli.invoke(app, ["sql", "delete from claims", "--db", "s.duckdb"])
    assert refused.exit_code == 1 and "only reading is allowed" in refused.stderr


def test_a_foreign_database_file_stops_ingest_before_anything_is_written(cli, tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [IT])
    (tmp_path / "other.duckdb").write_text("not a database")
    result = cli.invoke(app, ["ingest", "in.jsonl", "--db", "other.duckdb"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "selon: other.duckdb: not a selon ledger (not a DuckDB database file); nothing was written"
    assert (tmp_path / "other.duckdb").read_text() == "not a database"
