"""API: job search (the /jobs page's results, facets and totals) and one job (the /jobs/{id} page's data)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import JSONResponse

from roledex.web import data
from roledex.web.pages_jobs import query_params
from roledex.web.params import job_query
from roledex.web.state import StateDep
from roledex.web.templating import href

router = APIRouter(prefix="/api/v1", tags=["jobs"])


@router.get("/jobs", summary="Search jobs: full text, filters, facet counts, sorting, pagination")
def jobs(
    state: StateDep,
    request: Request,
    q: str | None = Query(None, description="Words to find in title, company and description (all of them)."),
    role: str | None = Query(None, description="Role id, e.g. ml-engineer."),
    level: str | None = Query(None, description="EN, MI, SE or EX."),
    track: str | None = Query(None, description="ic or manager."),
    employment_type: str | None = Query(None, description="FT, PT, CT or FL."),
    internship: bool | None = Query(None),
    remote: str | None = Query(None, description="remote, hybrid or onsite."),
    country: str | None = Query(None, description="ISO 3166 code, e.g. US."),
    min_salary: float | None = Query(None, description="Minimum annual salary midpoint in USD."),
    skills: Annotated[
        list[str] | None, Query(description="Skill ids, all required (repeat or comma-separate).")
    ] = None,
    posted_since: str | None = Query(None, description="YYYY-MM-DD."),
    sort: str = Query("relevance", description="relevance, date or salary."),
    page: int = Query(1, description="Page number, from 1."),
    per_page: int = Query(20, description="Results per page, 1 to 100."),
) -> JSONResponse:
    query = job_query(request.query_params, state.taxonomy)
    results = data.jobs(state, query)
    params = query_params(query)
    body = results.to_dict()
    body["url"] = href("/jobs", params)
    body["next"] = href("/api/v1/jobs", params, page=query.page + 1) if query.page < results.pages else None
    body["prev"] = href("/api/v1/jobs", params, page=query.page - 1) if query.page > 1 else None
    return JSONResponse(body)


@router.get(
    "/jobs/{job_id}", summary="One job: the posting (plain text), extracted fields, provenance, similar jobs"
)
def job(state: StateDep, job_id: Annotated[int, Path(description="The job's id.")]) -> JSONResponse:
    posting = data.posting(state, job_id)
    return JSONResponse({**posting, "url": f"/jobs/{job_id}", "similar": data.similar_jobs(state, posting)})
