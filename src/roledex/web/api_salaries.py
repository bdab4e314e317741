"""API: salary insights (the /salaries page's statistics, groups, trend, notes and nearby suggestions)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse

from roledex.web import data
from roledex.web.pages_salaries import salary_params
from roledex.web.params import salary_query
from roledex.web.state import StateDep
from roledex.web.templating import href

router = APIRouter(prefix="/api/v1", tags=["salaries"])


@router.get(
    "/salaries",
    summary="Salary statistics by title or role, level, country, year, remote ratio, company size",
)
def salaries(
    state: StateDep,
    request: Request,
    title: str | None = Query(None, description="A published job title, matched exactly (case-insensitive)."),
    role: str | None = Query(None, description="A role id: every title normalized to it."),
    level: str | None = Query(None, description="EN, MI, SE or EX."),
    country: str | None = Query(None, description="ISO 3166 code (employee residence / posting country)."),
    year: int | None = Query(None, description="Work year / year posted."),
    remote: int | None = Query(None, description="0, 50 or 100."),
    company_size: str | None = Query(None, description="S, M or L (survey records only)."),
    by: str | None = Query(None, description="Group by level, country, year, remote or company_size."),
    source: str = Query("all", description="survey, posted or all."),
) -> JSONResponse:
    query = salary_query(request.query_params, state.taxonomy)
    insights = data.salaries(state, query)
    return JSONResponse({**insights.to_dict(), "url": href("/salaries", salary_params(query))})
