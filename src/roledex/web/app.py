"""The app factory: `create_app(settings)` -> a FastAPI app serving the pages, the JSON API and /static.

One module per resource (pages_*.py for pages, api_*.py for /api/v1), one error shape (errors.py), security
headers on every response (security.py). Handlers are sync functions run in Starlette's thread pool, each
thread with its own read-only SQLite connection (state.ReadStore explains why).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from roledex.settings import Settings
from roledex.web import (
    api_fit,
    api_ingest,
    api_jobs,
    api_roles,
    api_salaries,
    pages_compare,
    pages_docs,
    pages_fit,
    pages_home,
    pages_jobs,
    pages_roles,
    pages_salaries,
)
from roledex.web.errors import install_error_handlers
from roledex.web.middleware import CachedPages, HeadAsGet
from roledex.web.security import SecurityHeaders
from roledex.web.state import PAGE_CACHE, AppState, Memo, ReadStore

log = logging.getLogger("roledex.web")

API_DESCRIPTION = """Career intelligence for AI, ML and data roles, computed from real postings and salary records.

Every endpoint returns the same numbers as the page with the same filters. Every error has one shape:
`{"error": {"status": 422, "message": "...", "fix": "..."}}`."""


def create_app(settings: Settings, *, warm: bool = False, page_cache: int = PAGE_CACHE) -> FastAPI:
    """The web app over the SQLite database at `settings.db_path` (opened read-only).

    `warm=True` builds the search index, the salary frames and the popular comparisons (with their charts)
    in a background thread at startup, so the first visitors do not pay for them. `page_cache` is how many
    rendered GET pages are kept per data version (0: none).
    """
    state = AppState(
        settings=settings,
        store=ReadStore(settings.db_path),
        pages=Memo(page_cache),
        compressed=Memo(page_cache),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(target=warm_up, args=(state,), name="roledex-warm-up", daemon=True).start()
        yield
        state.store.close()

    app = FastAPI(
        title="roledex",
        version="1",
        description=API_DESCRIPTION,
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN; /docs is served by pages_docs instead
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.roledex = state
    install_error_handlers(app)
    for module in (
        pages_home,
        pages_roles,
        pages_compare,
        pages_jobs,
        pages_salaries,
        pages_fit,
        pages_docs,
        api_roles,
        api_jobs,
        api_salaries,
        api_fit,
        api_ingest,
    ):
        app.include_router(module.router)
    static = resources.files("roledex.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(CachedPages, state=state)
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


def warm_up(state: AppState) -> None:
    """Build the shared indexes and the popular comparisons once (errors are logged, never raised)."""
    from roledex.analytics.salaries import pay_frame
    from roledex.analytics.search import posting_index
    from roledex.web import data
    from roledex.web.params import role_specs

    try:
        posting_index(state.store)
        pay_frame(state.store, "survey")
        pay_frame(state.store, "posted")
        data.site_stats(state)
        for pair in data.POPULAR:
            specs = role_specs(list(pair), state.taxonomy)
            data.article_html(state, specs, data.ProfileFilter())
    except Exception:  # warm-up is an optimisation: the pages compute what is missing on demand
        log.exception("warm-up failed")


def app_from_env() -> Any:
    """An app factory for `uvicorn --factory roledex.web.app:app_from_env`: settings from ROLEDEX_*, and
    ROLEDEX_PAGE_CACHE (pages kept; 0 turns the page cache off, as the load test does to measure searches)."""
    pages = os.environ.get("ROLEDEX_PAGE_CACHE")
    return create_app(Settings.from_env(), warm=True, page_cache=int(pages) if pages else PAGE_CACHE)
