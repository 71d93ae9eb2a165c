"""The HTML pages, as the server renders them: inputs, escaping, marks, ledger and trace."""

from __future__ import annotations

import html
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from selon.serve import ServeSettings, create_app
from serve_fixtures import BODY, TITLE, desertion_story, medecins_analysis, span, store

TAG = re.compile(r"<[^>]+>")
HOSTILE = ('Le préfet a écrit <script>document.title="pwned"</script> &amp; <img src=x onerror=alert(1)> '
           "«\u202eRTL\u202c» e\u0301 \U0001F525 \u200d fin.\nSelon la mairie, 12 rues seraient fermées.")


def part_html(page: str, element_id: str) -> str:
    """The inner HTML of the element with this id (the article parts hold no nested div)."""
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(div|h1)>', page, re.S)
    assert match, element_id
    return match.group(1)


def shown_text(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "story.duckdb"
    store(path, *desertion_story(), medecins_analysis())
    return path


@pytest.fixture(scope="module")
def client(analyzer, ledger_path):
    app = create_app(db_path=ledger_path, analyzer=analyzer, settings=ServeSettings(max_body_bytes=32 * 1024))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def client_fetching_local_pages(analyzer):
    app = create_app(analyzer=analyzer, settings=ServeSettings(allow_private_urls=True))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture()
def local_page():
    """A news page served by the test itself on 127.0.0.1 (never the network)."""
    page = ("<!doctype html><html><head><title>Crue de l'Isère : 300 habitants évacués</title>"
            '<meta property="og:site_name" content="Le Courrier Alpin"></head><body><article>'
            "<h1>Crue de l'Isère : 300 habitants évacués</h1>"
            "<p>Selon la préfecture de l'Isère, plus de 300 habitants ont été évacués samedi dans trois communes.</p>"
            "<p>Le maire de Grenoble a déclaré que 40 immeubles pourraient être touchés par la montée des eaux.</p>"
            "</article></body></html>").encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/crue.html"
    server.shutdown()
    server.server_close()


def test_home_leads_to_the_analyze_form(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/analyze"
    page = client.get("/analyze")
    assert '<textarea name="text"' in page.text
    assert '<input type="file" name="file" accept=".txt,.html,.htm' in page.text
    assert '<input type="url" name="url"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_pasted_article_with_markup_and_odd_unicode_is_shown_as_text(client):
    response = client.post("/analyze", data={"text": HOSTILE.replace("\n", "\r\n"), "lang": "fr"})
    assert response.status_code == 200
    body = part_html(response.text, "body")
    assert "<script" not in body and "<img" not in body
    assert shown_text(body) == HOSTILE  # CRLF from the form became "\n"; every character kept
    assert "&lt;script&gt;" in body and "&amp;amp;" in body


def test_uploaded_text_file_gives_title_and_body(client):
    data = f"{TITLE}\n{BODY}\n".encode("utf-8")
    response = client.post("/analyze", files={"file": ("medecins.txt", data, "text/plain")})
    assert response.status_code == 200
    assert shown_text(part_html(response.text, "title")) == TITLE
    assert shown_text(part_html(response.text, "body")) == BODY


def test_uploaded_html_page_is_extracted(client):
    page = ("<html><head><title>Grève des médecins</title></head><body><article><h1>Grève des médecins</h1>"
            "<p>Selon le syndicat, près de 2 000 médecins auraient quitté l'hôpital public l'an dernier.</p>"
            "</article></body></html>").encode("utf-8")
    response = client.post("/analyze", files={"file": ("greve.html", page, "text/html")})
    assert response.status_code == 200
    assert shown_text(part_html(response.text, "title")) == "Grève des médecins"
    assert shown_text(part_html(response.text, "body")) == (
        "Selon le syndicat, près de 2 000 médecins auraient quitté l'hôpital public l'an dernier.")


def test_upload_of_another_file_type_is_refused_on_the_page(client):
    response = client.post("/analyze", files={"file": ("notes.pdf", b"%PDF-1.4", "application/pdf")})
    assert response.status_code == 422
    assert 'id="error"' in response.text and "upload a .txt or .html file" in response.text


def test_upload_over_the_size_cap_is_a_413_page(client):
    response = client.post("/analyze", files={"file": ("big.txt", b"mot " * 20_000, "text/plain")},
                           headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert '<strong>request body</strong>: larger than the 32 KiB limit' in response.text


def test_url_is_fetched_and_extracted(client_fetching_local_pages, local_page):
    response = client_fetching_local_pages.post("/analyze", data={"url": local_page})
    assert response.status_code == 200
    assert shown_text(part_html(response.text, "title")) == "Crue de l'Isère : 300 habitants évacués"
    assert shown_text(part_html(response.text, "body")) == (
        "Selon la préfecture de l'Isère, plus de 300 habitants ont été évacués samedi dans trois communes.\n"
        "Le maire de Grenoble a déclaré que 40 immeubles pourraient être touchés par la montée des eaux.")
    assert "Le Courrier Alpin" in response.text


def test_loopback_urls_are_refused_unless_allowed(client, local_page):
    response = client.post("/analyze", data={"url": local_page})
    assert response.status_code == 422
    assert "refusing to fetch a non-public address (127.0.0.1)" in response.text


def test_stored_article_page_marks_claims_sources_and_figures_at_their_offsets(client, ledger_path):
    from selon.ledger import content_hash

    article_hash = content_hash(TITLE, BODY)
    response = client.get(f"/ledger/articles/{article_hash}")
    assert response.status_code == 200
    body = part_html(response.text, "body")
    assert shown_text(body) == BODY
    for claim in medecins_analysis().claims:
        if claim.part == "body":
            assert (f'data-claim="{claim.id}" data-start="{claim.start}" data-end="{claim.end}" '
                    f'data-claims="{claim.id}" data-certainty="{claim.certainty}"') in body
    s, e = span(BODY, "Le Figaro")
    assert f'class="source kind-media" data-start="{s}" data-end="{e}" data-claims="c2"' in body
    assert 'id="verdict" class="banner verdict-overstated"' in response.text
    assert "the body hedges it (auraient); the title states it" in response.text
    assert re.search(r'<section class="claim-detail" id="detail-c2"', response.text)


def test_side_panel_groups_sources_by_kind_and_shows_the_profile(client):
    from selon.ledger import content_hash

    page = client.get(f"/ledger/articles/{content_hash(TITLE, BODY)}").text
    side = page[page.index('id="sources"'):page.index('id="figures"')]
    kinds = re.findall(r'class="kind-group" data-kind="(\w+)"', side)
    assert kinds == ["person", "media", "government", "organization", "document"]
    assert re.search(r"<th>hedged</th><td>60 %</td>", side)
    assert re.search(r"<th>second-hand</th><td>20 %</td>", side)


def test_ledger_page_searches_claims_and_lists_top_figures(client):
    page = client.get("/ledger", params={"q": "vacants"}).text
    assert '1 claim matching <q>vacants</q>' in page
    assert re.findall(r'<tr class="result" data-claim-id="([^"]+)"', page) and "plus de 30 %" in page
    top = page[page.index('id="top-figures"'):page.index('id="articles"')]
    assert re.search(r'class="figure">1\u202f000 soldat</span>', top)


def test_trace_page_draws_marks_arrows_origin_and_mutations(client):
    page = client.get("/trace", params={"q": "1000 soldiers"}).text
    marks = re.findall(r'<g class="mark cert-(\w+)[^"]*" data-claim-id="[^"]+" data-article-id="([^"]+)"', page)
    assert marks == [("probable", "nw-1"), ("probable", "lj-1"), ("certain", "bi-1")]
    assert page.count('class="arrow"') == 3  # nw-1 → officials, lj-1 → nw-1, bi-1 → lj-1
    assert re.search(r'<g class="mark cert-source origin external"', page)  # officials: origin outside the corpus
    assert re.search(r'<text class="mutation"[^>]*>certainty upgrade: ', page)
    reports = re.findall(r'<li class="report" data-claim-id="[^"]+">\s*<div class="meta">([^·]+)·', page)
    assert [r.strip() for r in reports] == ["2024-11-02", "2024-11-04", "2024-11-06"]


def test_ledger_and_trace_pages_explain_when_no_ledger_is_open(analyzer):
    app = create_app(analyzer=analyzer, settings=ServeSettings())
    with TestClient(app) as test_client:
        for path in ("/ledger", "/trace?q=1000"):
            assert 'id="no-ledger"' in test_client.get(path).text
