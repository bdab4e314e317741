"""Job search (/jobs?q=&role=&level=...) with facet links, sorting and pagination, and job pages (/jobs/{id}).

Every search has one canonical URL: empty form fields are dropped and codes normalized (level=se ->
level=SE) by a redirect, so the address bar always shows a shareable link to exactly these results.
"""

from __future__ import annotations

from itertools import islice
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from roledex.analytics.search import JobQuery, SearchResults
from roledex.errors import RoledexError
from roledex.models import EMPLOYMENT_LABELS, LEVEL_LABELS, LEVELS
from roledex.web import data
from roledex.web.errors import RoleNotFound, status_for
from roledex.web.params import job_query
from roledex.web.security import description_html
from roledex.web.state import AppState, StateDep
from roledex.web.templating import Links, country_name, href, page_html, remote_label, render

router = APIRouter(include_in_schema=False)

FACET_ORDER = ("role", "level", "employment_type", "remote", "country", "skills", "track", "internship")
FACET_TITLES = {
    "role": "Role",
    "level": "Level",
    "employment_type": "Employment type",
    "remote": "Work arrangement",
    "country": "Country",
    "skills": "Skills",
    "track": "Track",
    "internship": "Internship",
}
FACET_LIMIT = {"country": 12, "skills": 20, "role": 21}
SORT_LABELS = {"relevance": "Best match", "date": "Newest", "salary": "Highest salary"}


def query_params(query: JobQuery) -> dict[str, Any]:
    """The canonical URL parameters of a search (defaults left out)."""
    p: dict[str, Any] = {"q": query.q.strip() or None}
    for name in ("role", "level", "track", "employment_type", "remote", "country", "posted_since"):
        p[name] = getattr(query, name)
    if query.internship is not None:
        p["internship"] = "true" if query.internship else "false"
    if query.min_salary is not None:
        p["min_salary"] = int(query.min_salary) if query.min_salary.is_integer() else query.min_salary
    p["skills"] = list(query.skills) or None
    p["sort"] = None if query.sort == "relevance" else query.sort
    p["page"] = None if query.page == 1 else query.page
    p["per_page"] = None if query.per_page == 20 else query.per_page
    return {k: v for k, v in p.items() if v is not None}


def facet_label(state: AppState, facet: str, value: str) -> str:
    if facet == "role":
        role = state.taxonomy.roles.get(value)
        return role.name if role else value
    if facet == "level":
        return LEVEL_LABELS.get(value, value)
    if facet == "employment_type":
        return EMPLOYMENT_LABELS.get(value, value)
    if facet == "remote":
        return remote_label(value) or value
    if facet == "country":
        return country_name(value)
    if facet == "skills":
        skill = state.taxonomy.skills.get(value)
        return skill.name if skill else value
    if facet == "track":
        return {"ic": "Individual contributor", "manager": "Manager"}.get(value, value)
    if facet == "internship":
        return {"true": "Internships", "false": "Not internships"}.get(value, value)
    return value


def facet_groups(state: AppState, results: SearchResults, params: dict[str, Any]) -> list[dict[str, Any]]:
    groups = []
    base = {k: v for k, v in params.items() if k != "page"}
    link_to = Links("/jobs", base)
    chosen = list(base.get("skills", []))
    for facet in FACET_ORDER:
        counts = results.facets.get(facet, {})
        items = []
        for value, n in islice(counts.items(), FACET_LIMIT.get(facet, 10)):
            if facet == "skills":
                active = value in chosen
                link = link_to("skills", [s for s in chosen if s != value] if active else [*chosen, value])
            else:
                active = str(base.get(facet)) == value
                link = link_to(facet, None if active else value)
            items.append(
                {
                    "value": value,
                    "label": facet_label(state, facet, value),
                    "n": n,
                    "href": link,
                    "active": active,
                }
            )
        if facet == "level":
            items.sort(key=lambda i: LEVELS.index(i["value"]) if i["value"] in LEVELS else 9)
        if items:
            groups.append({"facet": facet, "title": FACET_TITLES[facet], "options": items})
    return groups


def active_filters(state: AppState, params: dict[str, Any]) -> list[dict[str, str]]:
    chips = []
    base = {k: v for k, v in params.items() if k != "page"}
    for name, value in base.items():
        if name in ("sort", "per_page"):
            continue
        if name == "skills":
            for s in value:
                rest = [x for x in value if x != s]
                chips.append(
                    {
                        "label": f"Skill: {facet_label(state, 'skills', s)}",
                        "href": href("/jobs", base, skills=rest or None),
                    }
                )
        elif name == "q":
            chips.append({"label": f"“{value}”", "href": href("/jobs", base, q=None)})
        elif name == "min_salary":
            chips.append(
                {
                    "label": f"At least USD {float(value) / 1000:,.0f}K",
                    "href": href("/jobs", base, min_salary=None),
                }
            )
        elif name == "posted_since":
            chips.append({"label": f"Posted since {value}", "href": href("/jobs", base, posted_since=None)})
        else:
            chips.append(
                {"label": facet_label(state, name, str(value)), "href": href("/jobs", base, **{name: None})}
            )
    return chips


def pagination(results: SearchResults, params: dict[str, Any]) -> dict[str, Any]:
    page, pages = results.page, results.pages
    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    links: list[dict[str, Any]] = []
    previous = 0
    for p in window:
        if p - previous > 1:
            links.append({"gap": True})
        links.append(
            {"page": p, "href": href("/jobs", params, page=None if p == 1 else p), "current": p == page}
        )
        previous = p
    return {
        "links": links if pages > 1 else [],
        "prev": href("/jobs", params, page=None if page == 2 else page - 1) if page > 1 else None,
        "next": href("/jobs", params, page=page + 1) if page < pages else None,
    }


def _same_query(a: str, b: str) -> bool:
    return sorted(parse_qsl(a, keep_blank_values=True)) == sorted(parse_qsl(b, keep_blank_values=True))


@router.get("/jobs")
def jobs_page(request: Request, state: StateDep) -> Response:
    context: dict[str, Any] = {
        "nav": "jobs",
        "form": dict(request.query_params),
        "roles": state.taxonomy.roles,
    }
    try:
        query = job_query(request.query_params, state.taxonomy)
        params = query_params(query)
        canonical = href("/jobs", params)
        query_string = canonical.partition("?")[2]
        if request.url.query != query_string and not _same_query(request.url.query, query_string):
            return RedirectResponse(canonical, status_code=302)
        return state.page(request, lambda: _results_page(request, state, query, params, context))
    except RoledexError as exc:
        context.update(
            error={"message": exc.message, "fix": exc.hint},
            suggestions=exc.suggestions if isinstance(exc, RoleNotFound) else [],
        )
        return render(request, "jobs.html", context, status_code=status_for(exc))


def _results_page(
    request: Request, state: AppState, query: JobQuery, params: dict[str, Any], context: dict[str, Any]
) -> str:
    results = data.jobs(state, query)
    context.update(
        query=query,
        params=params,
        results=results,
        hits=[h.to_dict() for h in results.hits],
        facets=facet_groups(state, results, params),
        chips=active_filters(state, params),
        pager=pagination(results, params),
        sorts=[
            {
                "value": s,
                "label": SORT_LABELS[s],
                "href": href("/jobs", params, sort=None if s == "relevance" else s, page=None),
                "current": query.sort == s,
            }
            for s in SORT_LABELS
        ],
        form=params,
    )
    return page_html(request, "jobs.html", context)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: int, state: StateDep) -> Response:
    job = data.posting(state, job_id)
    return render(
        request,
        "job.html",
        {
            "nav": "jobs",
            "job": job,
            "description": description_html(job["description"]),
            "similar": data.similar_jobs(state, job),
        },
    )
