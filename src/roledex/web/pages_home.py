"""Home: a search box for jobs, a role comparison form, popular comparisons and headline figures."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from roledex.render.html import stylesheet
from roledex.web import data
from roledex.web.state import StateDep
from roledex.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, state: StateDep) -> Response:
    stats = data.site_stats(state)
    return render(request, "home.html", {"nav": "home", "stats": stats, "popular": data.popular(state)})


@router.get("/static/article.css")
def article_css() -> Response:
    """The comparison article's stylesheet, shared with the standalone HTML export (render/templates)."""
    return Response(stylesheet(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/healthz")
def health(state: StateDep) -> Response:
    state.store.conn.execute("SELECT 1").fetchone()
    return JSONResponse({"status": "ok"})
