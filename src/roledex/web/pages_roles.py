"""Role pages: /roles lists every role with its counts; /roles/{role} is the profile of one role.

The profile is the comparison document of a single role spec, rendered by the same article partial as a
comparison. `{role}` is a role id or role@LEVEL; anything else that names a role (a title, lower-case level)
redirects to the canonical address.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from roledex.analytics.profiles import ProfileFilter
from roledex.analytics.rolespec import RoleSpec
from roledex.web import data
from roledex.web.params import filter_params, profile_filter, role_spec
from roledex.web.state import AppState, StateDep
from roledex.web.templating import href, page_html, render

router = APIRouter(include_in_schema=False)


@router.get("/roles")
def roles_index(request: Request, state: StateDep) -> Response:
    return render(request, "roles.html", {"nav": "roles", "stats": data.site_stats(state)})


@router.get("/roles/{role}")
def role_page(
    state: StateDep,
    request: Request,
    role: str,
    country: str | None = None,
    since: str | None = None,
) -> Response:
    spec = role_spec(role, state.taxonomy)
    flt = profile_filter(country, since)
    canonical = href(f"/roles/{spec.slug}", filter_params(flt))
    if spec.slug != role or request.url.query != canonical.partition("?")[2]:
        return RedirectResponse(canonical, status_code=301 if spec.slug != role else 302)
    return state.page(request, lambda: _page(request, state, spec, flt))


def _page(request: Request, state: AppState, spec: RoleSpec, flt: ProfileFilter) -> str:
    doc, article = data.article_html(state, [spec], flt)
    others = [
        {"id": r["id"], "name": r["name"]}
        for r in data.site_stats(state)["roles"]
        if r["id"] not in (spec.role, "other") and r["n_postings"] > 0
    ][:8]
    return page_html(
        request,
        "role.html",
        {"nav": "roles", "spec": spec, "doc": doc, "article": article, "filters": flt, "others": others},
    )
