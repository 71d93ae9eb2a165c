"""The HTML pages of `selon serve`: Analyze, Ledger and Trace.

Pages are rendered on the server with Jinja2 (autoescaping on), so every piece of article text
reaches the browser escaped; the one script (static/app.js) only shows and hides details that
are already in the page. A Content-Security-Policy forbids inline and foreign scripts as a
second line of defence.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import langdata
from ..errors import SelonError
from ..model import Analysis, Article
from . import STATIC_DIR, TEMPLATES_DIR
from .inputs import article_from_text, article_from_upload, fetch_article, normalise_newlines
from .markup import render_part
from .timeline import layout
from .present import CERTAINTIES, number, percent, profile_rows, quantity_bounds, sources_by_kind

PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

CERTAINTY_LEGEND = {
    "certain": "stated as fact",
    "probable": "reported, likely (aurait, reportedly, semble)",
    "possible": "may, could (pourrait, might)",
    "unknown": "not known (impossible de savoir, unclear)",
}


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.filters.update(number=number, bounds=quantity_bounds, percent=percent)
    templates.env.globals.update(certainties=CERTAINTIES, certainty_legend=CERTAINTY_LEGEND)
    return templates


def _json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def analysis_view(analysis: Analysis) -> dict:
    """Everything the analysis part of the page shows, computed from the Analysis alone."""
    return {
        "analysis": analysis,
        "title_html": render_part(analysis, "title") if analysis.title else Markup(""),
        "body_html": render_part(analysis, "body"),
        "claims": analysis.claims,
        "source_groups": sources_by_kind(analysis),
        "profile_rows": profile_rows(analysis),
        "figures": [(claim, q) for claim in analysis.claims for q in claim.quantities],
        "analysis_json": _json_text(analysis.model_dump(mode="json")),
    }


def trace_view(result) -> dict:
    """The Trace page's data: the timeline layout and, per report, its mutations and role."""
    mutations: dict[str, list] = {}
    for m in result.mutations:
        mutations.setdefault(m.claim_id, []).append(m)
    origin_article = result.origin.article_id if result.origin else None
    return {"result": result, "timeline": layout(result), "mutations_by_claim": mutations,
            "origin_article": origin_article, "trace_json": _json_text(result.model_dump(mode="json"))}


async def _article_from_form(request: Request) -> tuple[Article, dict]:
    settings = request.app.state.settings
    form = await request.form(max_files=1, max_fields=20, max_part_size=settings.max_body_bytes)
    fields = {key: (form.get(key) or "") for key in ("text", "title", "lang", "published", "url")}
    fields = {key: value.strip() if isinstance(value, str) and key != "text" else value for key, value in fields.items()}
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        article = article_from_upload(upload.filename, await upload.read())
    elif fields["url"]:
        article = await run_in_threadpool(fetch_article, fields["url"], settings.allow_private_urls,
                                          settings.fetch_timeout, settings.max_body_bytes)
    else:
        article = article_from_text(fields["text"] if isinstance(fields["text"], str) else "")
    # What the user typed in the form wins over what was read from the file or page.
    overrides = {"title": normalise_newlines(fields["title"]) if fields["title"] else None,
                 "language": fields["lang"] or None, "published": fields["published"] or None}
    article = article.model_copy(update={k: v for k, v in overrides.items() if v})
    return article, fields


def install_pages(app: FastAPI) -> None:
    templates = _templates()
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    pages = APIRouter(include_in_schema=False)

    def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("languages", langdata.parsed_languages())
        context.setdefault("ledger_open", request.app.state.db_path is not None)
        return templates.TemplateResponse(request, name, context, status_code=status, headers=PAGE_HEADERS)

    @pages.get("/")
    async def home() -> RedirectResponse:
        return RedirectResponse("/analyze", status_code=307)

    @pages.get("/analyze", response_class=HTMLResponse)
    async def analyze_form(request: Request):
        return page(request, "analyze.html", form={}, active="analyze")

    @pages.post("/analyze", response_class=HTMLResponse)
    async def analyze_submit(request: Request):
        from ..serve import Problem

        fields: dict = {}
        try:
            article, fields = await _article_from_form(request)
            analysis = await request.app.state.service.analyze(article, "article")
        except SelonError as err:
            return page(request, "analyze.html", 422, form=fields, active="analyze",
                        error={"item": err.item, "problem": err.problem})
        except StarletteHTTPException as err:  # 413, 503, 504, a malformed form
            item, problem = (err.item, err.problem) if isinstance(err, Problem) else ("form", str(err.detail))
            return page(request, "analyze.html", err.status_code, form=fields, active="analyze",
                        error={"item": item, "problem": problem})
        return page(request, "analyze.html", form=fields, active="analyze", **analysis_view(analysis))

    @pages.get("/ledger", response_class=HTMLResponse)
    async def ledger_page(request: Request, q: str = ""):
        ledger = request.app.state.ledger
        if ledger is None:
            return page(request, "ledger.html", active="ledger", q=q, ledger=None)
        q = q.strip()[:500]
        claims = await run_in_threadpool(ledger.search_claims, q, 200) if q else []
        figures = await run_in_threadpool(ledger.figures, 20, 1)
        articles = await run_in_threadpool(ledger.articles, 50, 0)
        total = await run_in_threadpool(ledger.count_articles)
        return page(request, "ledger.html", active="ledger", q=q, ledger=ledger, claims=claims,
                    figures=figures, articles=articles, total=total)

    @pages.get("/ledger/articles/{article_hash}", response_class=HTMLResponse)
    async def stored_article(request: Request, article_hash: str):
        ledger = request.app.state.ledger
        if ledger is None:
            return page(request, "ledger.html", 404, active="ledger", q="", ledger=None)
        try:
            analysis = await run_in_threadpool(ledger.analysis, article_hash)
        except SelonError as err:
            return page(request, "article.html", 404, active="ledger",
                        error={"item": err.item, "problem": err.problem})
        return page(request, "article.html", active="ledger", article_hash=article_hash, **analysis_view(analysis))

    @pages.get("/trace", response_class=HTMLResponse)
    async def trace_page(request: Request, q: str = ""):
        from ..serve import Problem, run_trace

        ledger = request.app.state.ledger
        q = q.strip()[:500]
        if ledger is None or not q:
            return page(request, "trace.html", active="trace", q=q, ledger=ledger, result=None)
        try:
            result = await run_in_threadpool(run_trace, ledger, q)
        except Problem as err:
            return page(request, "trace.html", err.status_code, active="trace", q=q, ledger=ledger, result=None,
                        error={"item": err.item, "problem": err.problem})
        return page(request, "trace.html", active="trace", q=q, ledger=ledger, **trace_view(result))

    app.include_router(pages)
