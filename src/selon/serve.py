"""selon serve: the HTTP API and the web pages over the analysis and the ledger.

`create_app()` builds one FastAPI app around one `Analyzer` (its spaCy pipelines loaded once
and shared by every request) and, when given a database file, one ledger. Analyses run on a
small thread pool off the event loop, each bounded in time, with a bounded queue in front;
request bodies are bounded in size. Errors reach the client as `{"item", "problem"}`, the
two halves of a `SelonError`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__, langdata
from .analyze import Analyzer, check_article
from .errors import SelonError
from .model import Analysis, Article, ChainLink, Number, Quantity
from .trace import Trace, trace
from .web.ledger_service import LedgerService

log = logging.getLogger("selon.serve")

MiB = 1024 * 1024


@dataclass(frozen=True)
class ServeSettings:
    """Limits and switches of one app. `from_env` reads the SELON_* variables."""

    max_body_bytes: int = 4 * MiB
    analysis_timeout: float = 60.0
    workers: int = 2
    max_queue: int = 64
    token: Optional[str] = None
    allow_private_urls: bool = False
    fetch_timeout: float = 20.0
    preload: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, **overrides: Any) -> "ServeSettings":
        env = os.environ
        values: dict[str, Any] = {}
        if env.get("SELON_TOKEN"):
            values["token"] = env["SELON_TOKEN"]
        for name, key, cast in (("max_body_bytes", "SELON_MAX_BODY", int),
                                ("analysis_timeout", "SELON_TIMEOUT", float),
                                ("workers", "SELON_WORKERS", int)):
            if env.get(key):
                try:
                    values[name] = cast(env[key])
                except ValueError:
                    raise SelonError(key, f"not a number: {env[key]!r}") from None
        values.update(overrides)
        return cls(**values)


# --- errors ---------------------------------------------------------------------------------

class ErrorBody(BaseModel):
    """What went wrong: the thing that was wrong and the problem, as in a SelonError."""

    item: str
    problem: str


class Problem(StarletteHTTPException):
    """An HTTP error with the item/problem body every selon error has."""

    def __init__(self, status: int, item: str, problem: str, headers: dict[str, str] | None = None):
        super().__init__(status_code=status, detail=f"{item}: {problem}", headers=headers)
        self.item = item
        self.problem = problem


def error_response(status: int, item: str, problem: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"item": item, "problem": problem}, status_code=status, headers=headers)


def _error_responses(*codes: int) -> dict:
    return {code: {"model": ErrorBody} for code in codes}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SelonError)
    async def on_selon_error(request: Request, exc: SelonError):
        return error_response(422, exc.item, exc.problem)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        if isinstance(exc, Problem):
            return error_response(exc.status_code, exc.item, exc.problem, exc.headers)
        return error_response(exc.status_code, request.url.path, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {"loc": ("request",), "msg": "invalid request"}
        item = ".".join(str(p) for p in first.get("loc", ())) or "request"
        return error_response(422, item, str(first.get("msg", "invalid request")))

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception):
        # A bug, not bad input: logged with its traceback, never shown to the client.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "server", "internal error (details are in the server log)")


# --- request size ---------------------------------------------------------------------------

class BodyTooLarge(Problem):
    def __init__(self, limit: int):
        super().__init__(413, "request body", f"larger than the {_size(limit)} limit")


def _size(n: int) -> str:
    return f"{n / MiB:g} MiB" if n >= MiB else f"{n / 1024:g} KiB" if n >= 1024 else f"{n} bytes"


class BodyLimit:
    """ASGI middleware: refuse request bodies over `max_bytes` with a 413 naming the limit.

    A declared Content-Length is checked before anything is read; a chunked body is counted
    as it arrives, and reading past the limit raises `BodyTooLarge`, which FastAPI turns into
    the same 413.
    """

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        started = False

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope, receive, send):
        problem = BodyTooLarge(self.max_bytes)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        if not scope.get("path", "").startswith("/api/") and "text/html" in headers.get("accept", ""):
            # A form posted from a page: answer with a page, not JSON.
            response = HTMLResponse(
                f'<!doctype html><meta charset="utf-8"><title>Too large · selon</title>'
                f'<link rel="stylesheet" href="/static/style.css"><main><div class="error" role="alert" id="error">'
                f'<strong>{problem.item}</strong>: {problem.problem}. <a href="/analyze">Back</a></div></main>',
                status_code=413, headers={"Connection": "close"})
        else:
            response = error_response(413, problem.item, problem.problem, {"Connection": "close"})
        await response(scope, receive, send)


# --- analysis off the event loop ------------------------------------------------------------

class AnalysisService:
    """Runs analyses on a fixed thread pool sharing one Analyzer, each bounded in time.

    The spaCy pipelines are loaded once (under a lock, so two first requests do not load the
    same model twice) and then shared by the worker threads. At most `max_queue` analyses
    wait or run at once; past that a request is refused at once with 503 rather than queued
    behind work that would outlast its timeout.
    """

    def __init__(self, analyzer: Analyzer, settings: ServeSettings):
        self.analyzer = analyzer
        self.timeout = settings.analysis_timeout
        self.max_queue = settings.max_queue
        self.workers = max(1, settings.workers)
        self._executor: ThreadPoolExecutor | None = None
        self._load_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._in_flight = 0

    @property
    def in_flight(self) -> int:
        return self._in_flight

    def loaded_languages(self) -> list[str]:
        return sorted(getattr(self.analyzer, "_pipelines", {}))

    def load(self, lang: str) -> None:
        with self._load_lock:
            self.analyzer.pipeline(lang)

    def analyze_now(self, article: Article, name: str = "request") -> Analysis:
        """The analysis itself, run in a worker thread."""
        check_article(article, name)
        self.load(self.analyzer.language_of(article, name))
        return self.analyzer.analyze_article(article, name)

    async def run(self, fn, *args):
        """Run `fn(*args)` on the pool; 503 when the queue is full, 504 past the timeout."""
        with self._count_lock:
            if self._in_flight >= self.max_queue:
                raise Problem(503, "server", f"busy: {self._in_flight} analyses waiting or running; retry shortly",
                              {"Retry-After": "5"})
            self._in_flight += 1
        try:
            future = self._pool().submit(fn, *args)
        except RuntimeError:  # the pool is being shut down: the app is stopping
            self._done()
            raise Problem(503, "server", "shutting down") from None
        future.add_done_callback(lambda _: self._done())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:
            # The thread cannot be stopped; it finishes in the background and frees its slot.
            raise Problem(504, "analysis", f"took longer than the {self.timeout:g} s limit; "
                                           "try a shorter text or retry later") from None

    def _done(self) -> None:
        with self._count_lock:
            self._in_flight -= 1

    async def analyze(self, article: Article, name: str = "request") -> Analysis:
        return await self.run(self.analyze_now, article, name)

    def analyze_for_ledger_now(self, article: Article, name: str) -> Analysis:
        """As `selon ingest` does: the spaCy analysis where the language has a pipeline, the
        lexicon fallback where it has only a data file."""
        from .fallback import analyze_fallback
        from .ingest import route

        check_article(article, name)
        lang, parser = route(article, name)
        if parser == "lexicon":
            return analyze_fallback(article, lang, name)
        return self.analyze_now(article.model_copy(update={"language": lang}), name)

    async def analyze_for_ledger(self, article: Article, name: str) -> Analysis:
        return await self.run(self.analyze_for_ledger_now, article, name)

    def _pool(self) -> ThreadPoolExecutor:
        # Made on first use, and again after a shutdown: an app may go through its lifespan
        # more than once (each test client does), or none at all (a bare ASGI transport).
        with self._count_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="selon-analyze")
            return self._executor

    def close(self) -> None:
        with self._count_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


# --- the API --------------------------------------------------------------------------------

class AnalyzeRequest(BaseModel):
    """One article to analyze (the gold shape without annotations)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the article body, paragraphs separated by newlines")
    title: Optional[str] = None
    lang: Optional[str] = Field(None, description="language code (fr, en); detected when left out")
    published: Optional[str] = Field(None, description="publication date YYYY-MM-DD, to resolve relative dates")
    id: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None

    def article(self) -> Article:
        return Article(text=self.text, title=self.title, language=self.lang, published=self.published,
                       id=self.id, outlet=self.outlet, url=self.url)


class Health(BaseModel):
    status: str
    version: str
    languages: list[str] = Field(description="languages with a spaCy pipeline")
    loaded: list[str] = Field(description="pipelines loaded so far")
    ledger: Optional[str] = Field(description="database file, or null when none is open")
    in_flight: int = Field(description="analyses waiting or running")


_ANALYZE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": AnalyzeRequest.model_json_schema()},
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
    },
}


async def _article_from_request(request: Request, title: str | None, lang: str | None,
                                published: str | None) -> Article:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            return AnalyzeRequest.model_validate_json(body).article()
        except ValidationError as exc:
            first = exc.errors()[0]
            item = ".".join(str(p) for p in first["loc"]) or "body"
            raise Problem(422, item, first["msg"]) from None
    if content_type in ("text/plain", ""):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Problem(422, "body", "text/plain body is not UTF-8") from None
        return Article(text=text, title=title, language=lang, published=published)
    raise Problem(415, "content-type", f"{content_type!r} is not accepted; send application/json or text/plain")


def _api_router() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["analysis"])

    @api.post("/analyze", response_model=Analysis, openapi_extra={"requestBody": _ANALYZE_BODY},
              responses=_error_responses(413, 415, 422, 503, 504),
              summary="Analyze one article",
              description="JSON `{text, title?, lang?, published?}`, or the article as a text/plain "
                          "body (then `title`, `lang` and `published` come from the query string). "
                          "Returns the same JSON as `selon analyze --format json`.")
    async def analyze_article(request: Request,
                              title: Optional[str] = Query(None, description="title (text/plain body only)"),
                              lang: Optional[str] = Query(None, description="language (text/plain body only)"),
                              published: Optional[str] = Query(None, description="YYYY-MM-DD (text/plain body only)")):
        article = await _article_from_request(request, title, lang, published)
        analysis = await request.app.state.service.analyze(article)
        return JSONResponse(analysis.model_dump(mode="json"))

    return api


# --- the ledger API -----------------------------------------------------------------------------

class ArticleRow(BaseModel):
    hash: str = Field(description="content hash: the article's key in the ledger")
    id: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    parser: Optional[str] = None
    title: Optional[str] = None
    claims: int
    figures: int


class ArticleList(BaseModel):
    total: int
    articles: list[ArticleRow]


class ClaimItem(BaseModel):
    """One stored claim with its chain and figures (offsets into its article's part)."""

    claim_id: str
    claim_index: str
    article_hash: str
    article_id: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    part: str
    text: str
    start: int
    end: int
    sentence: Optional[str] = None
    certainty: str
    certainty_rule: Optional[str] = None
    hedges: list[str] = []
    polarity: str
    # The stored claim's chain and figures are the analysis's own objects.
    chain: list[ChainLink] = []
    figures: list[Quantity] = []


class ClaimSearch(BaseModel):
    q: str
    count: int
    claims: list[ClaimItem]


class FigureRow(BaseModel):
    value: Optional[Number] = None
    unit: Optional[str] = None
    example: Optional[str] = Field(None, description="the most common wording of the figure")
    articles: int
    outlets: int
    languages: int
    first: Optional[str] = None
    last: Optional[str] = None


class FigureList(BaseModel):
    figures: list[FigureRow]


class IngestItem(BaseModel):
    name: str = Field(description="the article's id, else its position in the request")
    hash: Optional[str] = None
    stored: bool = False
    duplicate: bool = False
    error: Optional[ErrorBody] = None


class IngestResult(BaseModel):
    stored: int
    duplicates: int
    failed: int
    items: list[IngestItem]


MAX_INGEST_ARTICLES = 50


def _ledger(request: Request) -> LedgerService:
    ledger = request.app.state.ledger
    if ledger is None:
        raise Problem(404, "ledger", "no ledger is open: start the server with --db FILE")
    return ledger


_bearer = HTTPBearer(auto_error=False, description="needed when the server has SELON_TOKEN set")


def _check_token(request: Request, credentials: Optional[HTTPAuthorizationCredentials]) -> None:
    expected = request.app.state.settings.token
    if not expected:
        return
    given = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise Problem(401, "authorization", "send 'Authorization: Bearer <SELON_TOKEN>' to ingest",
                      {"WWW-Authenticate": "Bearer"})


async def ingest_articles(request: Request, articles: list[Article]) -> IngestResult:
    """Analyze each article not yet in the ledger and store it; a bad one never stops the rest."""
    ledger = _ledger(request)
    if ledger.read_only:
        raise Problem(403, "ledger", "the ledger is open read-only; restart the server without --read-only")
    service: AnalysisService = request.app.state.service
    items: list[IngestItem] = []
    for position, article in enumerate(articles, start=1):
        name = article.id or f"article {position}"
        try:
            known = await run_in_threadpool(ledger.known, article.title, article.text)
            if known:
                items.append(IngestItem(name=name, hash=known, duplicate=True))
                continue
            analysis = await service.analyze_for_ledger(article, name)
            article_hash, stored = await run_in_threadpool(ledger.add, analysis, article.id or name, "api")
            items.append(IngestItem(name=name, hash=article_hash, stored=stored, duplicate=not stored))
        except SelonError as err:
            items.append(IngestItem(name=name, error=ErrorBody(item=err.item, problem=err.problem)))
        except Problem as err:
            if err.status_code == 503 and not items:
                raise
            items.append(IngestItem(name=name, error=ErrorBody(item=err.item, problem=err.problem)))
    return IngestResult(stored=sum(i.stored for i in items), duplicates=sum(i.duplicate for i in items),
                        failed=sum(i.error is not None for i in items), items=items)


def _ledger_router() -> APIRouter:
    api = APIRouter(prefix="/api", tags=["ledger"])
    missing = _error_responses(404, 422)

    @api.get("/articles", response_model=ArticleList, responses=missing, summary="Articles in the ledger")
    async def list_articles(request: Request, limit: int = Query(50, ge=1, le=1000),
                            offset: int = Query(0, ge=0, le=10_000_000)):
        ledger = _ledger(request)
        rows = await run_in_threadpool(ledger.articles, limit, offset)
        total = await run_in_threadpool(ledger.count_articles)
        return ArticleList(total=total, articles=[ArticleRow(**row) for row in rows])

    @api.get("/articles/{article_hash}", response_model=Analysis, responses=missing,
             summary="The stored analysis of one article")
    async def get_article(request: Request, article_hash: str):
        ledger = _ledger(request)
        try:
            analysis = await run_in_threadpool(ledger.analysis, article_hash)
        except SelonError as err:
            raise Problem(404, err.item, err.problem) from None
        return JSONResponse(analysis.model_dump(mode="json"))

    @api.get("/claims", response_model=ClaimSearch, responses=missing, summary="Search claims and figures",
             description="Claims whose wording, sentence, figure or source contains `q` (case and "
                         "accents ignored), or whose figure equals `q` when it is a number.")
    async def search_claims(request: Request, q: str = Query(..., min_length=1, max_length=500),
                            limit: int = Query(100, ge=1, le=1000)):
        ledger = _ledger(request)
        claims = await run_in_threadpool(ledger.search_claims, q, limit)
        return ClaimSearch(q=q, count=len(claims), claims=[ClaimItem(**c) for c in claims])

    @api.get("/figures", response_model=FigureList, responses=missing,
             summary="Figures reported by the most outlets")
    async def list_figures(request: Request, limit: int = Query(20, ge=1, le=1000),
                           min_outlets: int = Query(1, ge=1, le=10_000)):
        ledger = _ledger(request)
        rows = await run_in_threadpool(ledger.figures, limit, min_outlets)
        return FigureList(figures=[FigureRow(**row) for row in rows])

    @api.post("/ingest", response_model=IngestResult, responses=_error_responses(401, 403, 404, 413, 422, 503),
              summary="Analyze articles and store them in the ledger",
              description="One article object (the gold shape: `text`, `title`, `id`, `outlet`, `url`, "
                          f"`published`, `language`) or a list of at most {MAX_INGEST_ARTICLES}. Needs "
                          "`Authorization: Bearer $SELON_TOKEN` when the server has SELON_TOKEN set.")
    async def ingest(request: Request, body: Union[Article, list[Article]],
                     credentials: Optional[HTTPAuthorizationCredentials] = Depends(_bearer)):
        _check_token(request, credentials)
        articles = body if isinstance(body, list) else [body]
        if not articles:
            raise Problem(422, "body", "no article to ingest")
        if len(articles) > MAX_INGEST_ARTICLES:
            raise Problem(413, "body", f"{len(articles)} articles; send at most {MAX_INGEST_ARTICLES} per request")
        return await ingest_articles(request, articles)

    @api.get("/trace", response_model=Trace, responses=missing, summary="Trace one figure through the ledger",
             description="`q`: a figure with its noun (`1000 déserteurs`, `18,000 soldiers`), a claim id, "
                         "or words. Returns its reports in time order, who cites whom, the origin and "
                         "the mutations, as `selon trace --format json`.")
    async def trace_figure(request: Request, q: str = Query(..., min_length=1, max_length=500)):
        if not q.strip():
            raise Problem(422, "q", "empty query: give a figure with its noun, a claim id or words")
        result = await run_in_threadpool(run_trace, _ledger(request), q)
        return JSONResponse(result.model_dump(mode="json"))

    return api


def run_trace(ledger: LedgerService, query: str) -> Trace:
    """The trace of `query` over every claim record of the ledger; 404 when nothing reports it."""
    try:
        return trace(ledger.claim_records(), query)
    except SelonError as err:
        raise Problem(404, err.item, err.problem) from None


# --- docs served locally ----------------------------------------------------------------------

def _install_docs(app: FastAPI) -> None:
    """Swagger UI from the files fastapi-offline ships, so /docs works with no network."""
    try:
        from fastapi_offline.core import _STATIC_PATH as docs_static
    except ImportError:  # without the package, the OpenAPI JSON is still served
        docs_static = None
    if docs_static is None or not Path(docs_static).is_dir():
        return
    app.mount("/static-docs", StaticFiles(directory=str(docs_static)), name="static-docs")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="selon API",
                                   swagger_js_url="/static-docs/swagger-ui-bundle.js",
                                   swagger_css_url="/static-docs/swagger-ui.css",
                                   swagger_favicon_url="/static-docs/favicon.png")


# --- the app --------------------------------------------------------------------------------

def create_app(db_path: str | Path | None = None, analyzer: Analyzer | None = None,
               settings: ServeSettings | None = None, read_only: bool = False) -> FastAPI:
    """The selon web app: pages, JSON API, OpenAPI at /docs.

    `analyzer` is shared (pass the one a test session or a CLI already loaded); `db_path` opens
    the ledger for the ledger, trace and ingest endpoints; `settings` defaults to the SELON_*
    environment variables.
    """
    settings = settings or ServeSettings.from_env()
    # Opened now, not at startup, so that a bad file stops `selon serve` with its message.
    ledger = LedgerService.open(db_path, read_only=read_only) if db_path else None
    service = AnalysisService(analyzer or Analyzer(), settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        loop = asyncio.get_running_loop()
        for lang in settings.preload:
            await loop.run_in_executor(service._pool(), service.load, lang)
        try:
            yield
        finally:
            service.close()
            if ledger is not None:
                ledger.close()

    app = FastAPI(title="selon", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who says what, citing whom, how sure, with which figures.")
    app.state.settings = settings
    app.state.service = service
    app.state.db_path = str(db_path) if db_path else None
    app.state.ledger = ledger
    _install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    _install_docs(app)
    app.include_router(_api_router())
    app.include_router(_ledger_router())

    @app.get("/healthz", response_model=Health, tags=["service"], summary="Liveness and what is loaded")
    async def healthz() -> Health:
        return Health(status="ok", version=__version__, languages=list(langdata.parsed_languages()),
                      loaded=service.loaded_languages(), ledger=app.state.db_path, in_flight=service.in_flight)

    from .web.pages import install_pages
    install_pages(app)
    return app
