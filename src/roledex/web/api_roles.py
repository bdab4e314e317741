"""API: roles, one role's profile, comparisons and what the database holds.

/api/v1/roles/{role} and /api/v1/compare return the very document the role and comparison pages render.
"""

from __future__ import annotations

from fastapi import APIRouter, Query
from starlette.responses import JSONResponse

from roledex.models import LEVEL_LABELS
from roledex.web import data
from roledex.web.params import compare_path, filter_params, profile_filter, role_spec, role_specs
from roledex.web.state import StateDep
from roledex.web.templating import href

router = APIRouter(prefix="/api/v1", tags=["roles"])

COUNTRY = Query(
    None, description="Only postings and salary records of this country (ISO 3166 code, e.g. US)."
)
SINCE = Query(None, description="Only postings posted on or after this date (YYYY-MM-DD).")


@router.get("/roles", summary="Every role with its posting and salary-record counts")
def roles(state: StateDep) -> JSONResponse:
    stats = data.site_stats(state)
    return JSONResponse(
        {
            "roles": [
                {**r, "url": f"/roles/{r['id']}", "api": f"/api/v1/roles/{r['id']}"} for r in stats["roles"]
            ],
            "levels": LEVEL_LABELS,
        }
    )


@router.get("/roles/{role}", summary="The profile of one role (the role page's document)")
def role_profile(
    state: StateDep,
    role: str,
    country: str | None = COUNTRY,
    since: str | None = SINCE,
) -> JSONResponse:
    """`role` is a role id (`ml-engineer`), a role at a level (`ml-engineer@SE`) or a job title."""
    spec = role_spec(role, state.taxonomy)
    flt = profile_filter(country, since)
    doc = data.comparison(state, [spec], flt)
    return JSONResponse({**doc, "url": href(compare_path([spec]), filter_params(flt))})


@router.get("/compare", summary="Compare two or more roles (the comparison page's document)")
def compare(
    state: StateDep,
    roles: str = Query(
        ...,
        description="Comma-separated roles: role ids, role@LEVEL or job titles, e.g. ml-engineer@SE,ml-research-engineer",
    ),
    country: str | None = COUNTRY,
    since: str | None = SINCE,
) -> JSONResponse:
    specs = role_specs(roles.split(","), state.taxonomy)
    flt = profile_filter(country, since)
    doc = data.comparison(state, specs, flt)
    return JSONResponse({**doc, "url": href(compare_path(specs), filter_params(flt))})


@router.get("/stats", summary="What the database holds: postings, salary records, roles, data window")
def stats(state: StateDep) -> JSONResponse:
    return JSONResponse(data.site_stats(state))
