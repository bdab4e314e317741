"""Comparison pages: /compare/{a}-vs-{b}[-vs-{c}...] with ?country=&since=.

Each part is a role id or role@LEVEL (`ml-engineer@SE-vs-ml-research-engineer`). A title, a lower-case
level or the form at /compare?a=...&b=... redirects to that canonical address, so every comparison has one
shareable URL. A role that matches nothing gives a 404 page naming the nearest roles.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from roledex.analytics.profiles import ProfileFilter
from roledex.analytics.rolespec import RoleSpec
from roledex.web import data
from roledex.web.errors import RoleNotFound
from roledex.web.params import (
    MAX_COMPARE,
    compare_path,
    filter_params,
    listed,
    one,
    profile_filter,
    role_specs,
)
from roledex.web.state import AppState, StateDep
from roledex.web.templating import href, page_html, render

router = APIRouter(include_in_schema=False)
FORM_FIELDS = ("a", "b", "c")


@router.get("/compare")
def compare_form(request: Request, state: StateDep) -> Response:
    """The comparison form's target (and /compare?roles=a,b): redirect to the canonical page, or show the form."""
    params = request.query_params
    texts = listed(params, "roles")
    for field in FORM_FIELDS:
        text = one(params, field)
        if text:
            level = one(params, f"{field}_level")
            texts.append(f"{text}@{level.upper()}" if level and "@" not in text else text)
    flt = profile_filter(one(params, "country"), one(params, "since"))
    if not texts:
        return render(request, "compare_form.html", {"nav": "compare", "popular": data.popular(state)})
    specs = role_specs(texts, state.taxonomy, minimum=1)
    return RedirectResponse(href(compare_path(specs), filter_params(flt)), status_code=303)


@router.get("/compare/{slugs}")
def compare_page(
    state: StateDep,
    request: Request,
    slugs: str,
    country: str | None = None,
    since: str | None = None,
) -> Response:
    parts = [p for p in slugs.split("-vs-") if p]
    try:
        specs = role_specs(parts[: MAX_COMPARE + 1], state.taxonomy, minimum=1)
    except RoleNotFound as exc:
        return _not_found(request, exc, parts)
    flt = profile_filter(country, since)
    canonical = href(compare_path(specs), filter_params(flt))
    path = request.url.path
    if compare_path(specs) != path or request.url.query != canonical.partition("?")[2]:
        return RedirectResponse(canonical, status_code=301 if compare_path(specs) != path else 302)
    return state.page(request, lambda: _page(request, state, specs, flt))


def _page(request: Request, state: AppState, specs: list[RoleSpec], flt: ProfileFilter) -> str:
    doc, article = data.article_html(state, specs, flt)
    return page_html(
        request,
        "compare.html",
        {"nav": "compare", "specs": specs, "doc": doc, "article": article, "filters": flt},
    )


def _not_found(request: Request, exc: RoleNotFound, parts: list[str]) -> Response:
    """The 404 page of a comparison with an unknown role: the same comparison with each nearest role."""
    links = []
    for near in exc.suggestions:
        fixed = [near if p == exc.text else p for p in parts]
        links.append({"href": "/compare/" + "-vs-".join(fixed), "label": " vs. ".join(fixed)})
    return render(
        request,
        "error.html",
        {
            "status": 404,
            "message": exc.message,
            "fix": exc.hint,
            "suggestions": exc.suggestions,
            "links": links,
        },
        status_code=404,
    )
