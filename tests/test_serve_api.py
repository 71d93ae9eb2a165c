"""The HTTP API of `selon serve`: shapes, limits, errors, concurrency, ledger and trace."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from selon.model import Article
from selon.serve import ServeSettings, create_app
from serve_fixtures import BODY, desertion_story, medecins_analysis, store

ARTICLE = {
    "title": "Plus de 300 habitants évacués à Grenoble",
    "text": ("Selon la préfecture de l'Isère, plus de 300 habitants ont été évacués samedi à Grenoble.\n"
             "Le maire a déclaré que 40 immeubles pourraient être touchés par la crue."),
    "lang": "fr",
    "published": "2024-10-19",
}


def long_text(words: int) -> str:
    sentence = ("Selon la mairie, près de 120 familles auraient quitté le quartier nord de la ville "
                "après les inondations du mois dernier. ")
    return sentence * (words // len(sentence.split()) + 1)


@pytest.fixture(scope="module")
def client(analyzer):
    app = create_app(analyzer=analyzer, settings=ServeSettings(max_body_bytes=64 * 1024))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "story.duckdb"
    store(path, *desertion_story(), medecins_analysis())
    return path


@pytest.fixture(scope="module")
def ledger_client(analyzer, ledger_path):
    app = create_app(db_path=ledger_path, analyzer=analyzer, settings=ServeSettings(token="s3cret"))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ingest_client(analyzer, tmp_path_factory):
    """A ledger of its own for the ingest tests, so that they change no other test's data."""
    path = tmp_path_factory.mktemp("ingest") / "ingest.duckdb"
    app = create_app(db_path=path, analyzer=analyzer, settings=ServeSettings(token="s3cret"))
    with TestClient(app) as test_client:
        yield test_client


# --- analyze -------------------------------------------------------------------------------

def test_healthz_names_the_languages_and_the_loaded_pipelines(client):
    client.post("/api/analyze", json=ARTICLE)
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["languages"] == ["en", "fr"]
    assert "fr" in body["loaded"]
    assert body["ledger"] is None


def test_analyze_json_gives_the_same_json_as_the_cli(client, analyzer):
    response = client.post("/api/analyze", json=ARTICLE)
    assert response.status_code == 200
    expected = analyzer.analyze_article(Article(text=ARTICLE["text"], title=ARTICLE["title"], language="fr",
                                                published="2024-10-19"))
    assert response.json() == expected.model_dump(mode="json")


def test_analyze_text_plain_body_takes_metadata_from_the_query(client):
    as_json = client.post("/api/analyze", json=ARTICLE).json()
    as_text = client.post("/api/analyze", content=ARTICLE["text"].encode("utf-8"),
                          params={"title": ARTICLE["title"], "lang": "fr", "published": "2024-10-19"},
                          headers={"Content-Type": "text/plain; charset=utf-8"})
    assert as_text.status_code == 200
    assert as_text.json() == as_json


def test_body_over_the_cap_is_refused_with_413_naming_the_limit(client):
    response = client.post("/api/analyze", content=b"a" * (64 * 1024 + 1), headers={"Content-Type": "text/plain"})
    assert response.status_code == 413
    assert response.json() == {"item": "request body", "problem": "larger than the 64 KiB limit"}


def test_streamed_body_over_the_cap_is_refused_while_it_arrives(client):
    def chunks():
        for _ in range(20):
            yield b"b" * 8192

    response = client.post("/api/analyze", content=chunks(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 413
    assert response.json()["problem"] == "larger than the 64 KiB limit"


def test_other_content_types_are_refused_with_415(client):
    response = client.post("/api/analyze", content=b"<p>x</p>", headers={"Content-Type": "text/html"})
    assert response.status_code == 415
    assert response.json()["item"] == "content-type"


@pytest.mark.parametrize("payload, item, problem", [
    ({"text": "   "}, "request", "empty article body"),
    ({"text": "Hola amigos, ¿qué tal?", "lang": "es"}, "request", "unsupported language 'es' (supported: en, fr)"),
    ({"text": "Le maire a parlé.", "published": "19/10/2024"}, "19/10/2024", "publication date is not YYYY-MM-DD"),
    ({"body": "Le maire a parlé."}, "text", "Field required"),
])
def test_bad_input_is_a_422_naming_the_item_and_the_problem(client, payload, item, problem):
    response = client.post("/api/analyze", json=payload)
    assert response.status_code == 422
    body = response.json()
    assert body["item"] == item
    assert body["problem"] == problem


def test_an_analysis_over_the_time_limit_is_a_504(analyzer):
    app = create_app(analyzer=analyzer, settings=ServeSettings(analysis_timeout=0.01))
    with TestClient(app) as test_client:
        response = test_client.post("/api/analyze", json={"text": long_text(2000), "lang": "fr"})
        assert response.status_code == 504
        assert response.json() == {"item": "analysis", "problem": "took longer than the 0.01 s limit; "
                                                                  "try a shorter text or retry later"}
        _wait_idle(test_client)


def _wait_idle(test_client, seconds: float = 120) -> None:
    """Let a timed-out analysis finish its thread before the next test uses the pipelines."""
    deadline = time.monotonic() + seconds
    while test_client.get("/healthz").json()["in_flight"] and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_full_queue_refuses_at_once_with_503_and_retry_after(analyzer):
    app = create_app(analyzer=analyzer, settings=ServeSettings(analysis_timeout=0.01, max_queue=1))
    with TestClient(app) as test_client:
        first = test_client.post("/api/analyze", json={"text": long_text(3000), "lang": "fr"})
        assert first.status_code == 504  # timed out, but its thread still holds the one slot
        second = test_client.post("/api/analyze", json=ARTICLE)
        assert second.status_code == 503
        assert second.headers["retry-after"] == "5"
        assert second.json()["problem"].startswith("busy: 1 analyses waiting or running")
        _wait_idle(test_client)
        assert test_client.get("/healthz").json()["in_flight"] == 0  # the slot is free again


def test_concurrent_requests_share_one_model_and_leave_the_event_loop_free(analyzer):
    fr_pipeline = analyzer.pipeline("fr")
    app = create_app(analyzer=analyzer, settings=ServeSettings(workers=2))
    texts = [ARTICLE["text"].replace("300", str(300 + i)) for i in range(6)]

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://selon.test") as http:
            slow = asyncio.create_task(http.post("/api/analyze", json={"text": long_text(1500), "lang": "fr"}))
            await asyncio.sleep(0.05)
            health = await http.get("/healthz")  # answered while the long analysis runs
            running = not slow.done()
            answers = await asyncio.gather(*(http.post("/api/analyze", json={"text": t, "lang": "fr"})
                                             for t in texts))
            await slow
            return health, running, answers

    # In its own thread: the session-wide Playwright browser keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        health, running, answers = thread.submit(asyncio.run, scenario()).result()
    assert running and health.status_code == 200 and health.json()["in_flight"] >= 1
    assert [a.status_code for a in answers] == [200] * len(texts)
    assert [a.json()["text"] for a in answers] == texts
    serial = [analyzer.analyze_article(Article(text=t, language="fr")).model_dump(mode="json") for t in texts]
    assert [a.json() for a in answers] == serial
    assert analyzer.pipeline("fr") is fr_pipeline


def test_openapi_lists_every_endpoint_and_docs_need_no_network(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/analyze", "/api/articles", "/api/claims", "/api/figures", "/api/trace", "/api/ingest",
            "/healthz"} <= set(paths)
    assert set(paths["/api/analyze"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain"}
    docs = client.get("/docs").text
    assert "/static-docs/swagger-ui-bundle.js" in docs and "cdn." not in docs
    assert client.get("/static-docs/swagger-ui-bundle.js").status_code == 200


# --- ledger and trace ------------------------------------------------------------------------

def test_ledger_endpoints_say_no_ledger_is_open_without_db(client):
    for path in ("/api/articles", "/api/claims?q=x", "/api/figures", "/api/trace?q=1000"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"item": "ledger", "problem": "no ledger is open: start the server with --db FILE"}


def test_articles_lists_the_stored_articles_newest_first(ledger_client):
    body = ledger_client.get("/api/articles").json()
    assert body["total"] == 4
    assert [a["id"] for a in body["articles"]] == ["bi-1", "lj-1", "nw-1", "medecins"]
    assert body["articles"][3]["claims"] == 5 and body["articles"][3]["figures"] == 3


def test_an_article_s_stored_analysis_is_the_analysis_json(ledger_client, ledger_path):
    article_hash = ledger_client.get("/api/articles").json()["articles"][3]["hash"]
    assert ledger_client.get(f"/api/articles/{article_hash}").json() == medecins_analysis().model_dump(mode="json")
    missing = ledger_client.get("/api/articles/0000")
    assert missing.status_code == 404 and missing.json()["problem"] == "no such article in the ledger"


@pytest.mark.parametrize("q, claim_texts", [
    ("MINISTERE de la sante", ["ce chiffre pourrait être surestimé"]),                   # case, accents ignored
    ("Cour des comptes", ["plus de 30 % des postes seraient vacants"]),                  # a source
    ("30 %", ["plus de 30 % des postes seraient vacants"]),                               # a figure's words
    ("2 000", ["2 000 médecins ont quitté l'hôpital public",
               "près de 2 000 médecins auraient quitté l'hôpital public en 2023"]),      # a number
])
def test_claim_search_finds_wording_sources_and_figures(ledger_client, q, claim_texts):
    body = ledger_client.get("/api/claims", params={"q": q}).json()
    assert sorted(c["text"] for c in body["claims"]) == sorted(claim_texts)
    assert body["count"] == len(claim_texts)


def test_claim_search_returns_chain_and_figures_with_offsets(ledger_client):
    claim = ledger_client.get("/api/claims", params={"q": "vacants"}).json()["claims"][0]
    assert [(link["source"], link["kind"], link["cue"]) for link in claim["chain"]] == [
        ("Le Figaro", "media", "cité par"), ("un rapport de la Cour des comptes", "document", "D'après")]
    start = BODY.index("plus de 30 %")
    assert claim["figures"] == [{"text": "plus de 30 %", "value": 30, "low": 30, "high": None, "approximate": False,
                                 "unit": "%", "qualifier": "plus de", "start": start, "end": start + 12,
                                 "part": "body"}]
    assert (claim["start"], claim["end"]) == (BODY.index("plus de 30"), BODY.index("plus de 30") + len(claim["text"]))


def test_figures_lists_the_figure_reported_by_most_outlets_first(ledger_client):
    first = ledger_client.get("/api/figures").json()["figures"][0]
    # Grouped by value and counted noun as written: the two French reports of "1 000 soldats".
    assert (first["value"], first["unit"], first["outlets"], first["articles"], first["first"], first["last"]) == (
        1000, "soldat", 2, 2, "2024-11-04", "2024-11-06")


def test_trace_gives_reports_in_order_citations_origin_and_mutations(ledger_client):
    response = ledger_client.get("/api/trace", params={"q": "1000 soldiers"})
    assert response.status_code == 200
    result = response.json()
    assert [r["article_id"] for r in result["reports"]] == ["nw-1", "lj-1", "bi-1"]
    assert [(c["citing"], c["cited"]) for c in result["citations"]] == [
        ("Newsweek", "Ukrainian officials"), ("Le Journal", "Newsweek"), ("Blog Info", "Le Journal")]
    assert result["origin"]["outlet"] == "Ukrainian officials"
    assert {m["kind"] for m in result["mutations"] if m["article_id"] == "bi-1"} >= {"certainty_upgrade"}


def test_trace_of_a_figure_nobody_reported_is_a_404(ledger_client):
    response = ledger_client.get("/api/trace", params={"q": "77 girafes"})
    assert response.status_code == 404
    assert response.json()["item"] == "77 girafes"


def test_ingest_needs_the_bearer_token_when_one_is_set(ingest_client):
    article = {"id": "new-1", "language": "fr", "outlet": "Le Dauphiné", "text": ARTICLE["text"]}
    refused = ingest_client.post("/api/ingest", json=article)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    wrong = ingest_client.post("/api/ingest", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_ingest_stores_new_articles_once_and_reports_each(ingest_client):
    auth = {"Authorization": "Bearer s3cret"}
    batch = [{"id": "new-2", "language": "fr", "outlet": "Le Dauphiné", "published": "2024-10-20",
              "text": ARTICLE["text"] + "\nLes secours restent mobilisés."},
             {"id": "bad", "language": "fr", "text": "  "}]
    first = ingest_client.post("/api/ingest", json=batch, headers=auth).json()
    assert (first["stored"], first["duplicates"], first["failed"]) == (1, 0, 1)
    assert first["items"][1]["error"] == {"item": "bad", "problem": "empty article body"}
    again = ingest_client.post("/api/ingest", json=batch[0], headers=auth).json()
    assert (again["stored"], again["duplicates"]) == (0, 1)
    assert again["items"][0]["hash"] == first["items"][0]["hash"]
    ids = [a["id"] for a in ingest_client.get("/api/articles").json()["articles"]]
    assert ids.count("new-2") == 1


def test_ingest_gives_languages_without_a_parser_the_lexicon_analysis(ingest_client):
    article = {"id": "it-1", "language": "it", "outlet": "Il Quotidiano", "published": "2024-11-05",
               "text": "Secondo il ministero, più di 1.000 soldati avrebbero disertato a Volgograd."}
    result = ingest_client.post("/api/ingest", json=article, headers={"Authorization": "Bearer s3cret"}).json()
    assert (result["stored"], result["failed"]) == (1, 0)
    stored = ingest_client.get(f"/api/articles/{result['items'][0]['hash']}").json()
    assert (stored["language"], stored["parser"]) == ("it", "lexicon")


def test_ingest_into_a_read_only_ledger_is_forbidden(analyzer, ledger_path, tmp_path):
    path = tmp_path / "ro.duckdb"
    store(path, medecins_analysis())
    app = create_app(db_path=path, analyzer=analyzer, settings=ServeSettings(), read_only=True)
    with TestClient(app) as test_client:
        response = test_client.post("/api/ingest", json={"text": ARTICLE["text"], "language": "fr"})
        assert response.status_code == 403
        assert test_client.get("/api/articles").json()["total"] == 1
