"""Salary insights: /salaries?title=&role=&level=&country=&year=&remote=&company_size=&by=&source=.

Statistics per layer (survey records, posted ranges) with suppression notes, a chart with a text
alternative, the trend by year, and, for thin or empty selections, links to what exists nearby.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from roledex.analytics.salaries import COMPANY_SIZES, GROUP_BY, SalaryInsights, SalaryQuery
from roledex.errors import RoledexError
from roledex.web import data
from roledex.web.charts import group_label, salary_groups_chart, salary_trend_chart
from roledex.web.errors import RoleNotFound, status_for
from roledex.web.params import salary_query
from roledex.web.state import AppState, StateDep
from roledex.web.templating import country_name, href, page_html, render

router = APIRouter(include_in_schema=False)


def salary_params(query: SalaryQuery) -> dict[str, Any]:
    p = dict(query.filters())
    if query.by:
        p["by"] = query.by
    if query.source != "all":
        p["source"] = query.source
    return p


def nearby_links(state: AppState, insights: SalaryInsights, params: dict[str, Any]) -> list[dict[str, Any]]:
    links: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n in insights.nearby:
        changes: dict[str, Any] = {d: None for d in n.dropped}
        if n.change == "role":
            changes.update(role=n.value, title=None)
            label = (
                f"all {state.taxonomy.roles[n.value].name} titles"
                if n.value in state.taxonomy.roles
                else n.value
            )
        elif n.change == "title":
            changes["title"] = n.value
            label = f"title “{n.value}”"
        elif n.change == "country":
            changes["country"] = n.value
            label = country_name(n.value)
        else:
            changes[n.change] = n.value
            label = f"{n.change.replace('_', ' ')} {group_label(n.change, n.value)}"
        link = href("/salaries", params, **changes)
        if link in seen:
            continue
        seen.add(link)
        dropped = (
            f" (without the {', '.join(d.replace('_', ' ') for d in n.dropped)} filter)" if n.dropped else ""
        )
        links.append({"label": label + dropped, "n": n.n, "layer": n.layer, "href": link})
    return links[:16]


@router.get("/salaries")
def salaries_page(request: Request, state: StateDep) -> Response:
    context: dict[str, Any] = {
        "nav": "salaries",
        "form": dict(request.query_params),
        "roles": state.taxonomy.roles,
        "group_by": GROUP_BY,
        "company_sizes": COMPANY_SIZES,
    }
    try:
        query = salary_query(request.query_params, state.taxonomy)
        params = salary_params(query)
        canonical = href("/salaries", params)
        given = sorted(parse_qsl(request.url.query, keep_blank_values=True))
        if given != sorted(parse_qsl(canonical.partition("?")[2], keep_blank_values=True)):
            return RedirectResponse(canonical, status_code=302)
        return state.page(request, lambda: _insights_page(request, state, query, params, context))
    except RoledexError as exc:
        context.update(
            error={"message": exc.message, "fix": exc.hint},
            suggestions=exc.suggestions if isinstance(exc, RoleNotFound) else [],
        )
        return render(request, "salaries.html", context, status_code=status_for(exc))


def _insights_page(
    request: Request, state: AppState, query: SalaryQuery, params: dict[str, Any], context: dict[str, Any]
) -> str:
    insights = data.salaries(state, query) if params else None
    context.update(query=query, params=params, form=params, insights=insights)
    if insights is not None:
        charts = [salary_groups_chart(insights), salary_trend_chart(insights)]
        context.update(
            charts=[c for c in charts if c is not None],
            nearby=nearby_links(state, insights, params),
            group_label=group_label,
            title=_title(state, query),
        )
    else:
        context["examples"] = [
            {
                "label": "Research Engineer, by level",
                "href": href("/salaries", {"title": "Research Engineer", "by": "level"}),
            },
            {
                "label": "Data Scientist (senior) in the US, by year",
                "href": href(
                    "/salaries", {"title": "Data Scientist", "level": "SE", "country": "US", "by": "year"}
                ),
            },
            {
                "label": "Machine Learning Engineer role, by country",
                "href": href("/salaries", {"role": "ml-engineer", "by": "country"}),
            },
            {
                "label": "Data Analyst role, by remote ratio",
                "href": href("/salaries", {"role": "data-analyst", "by": "remote"}),
            },
        ]
    return page_html(request, "salaries.html", context)


def _title(state: AppState, query: SalaryQuery) -> str:
    what = query.title or (
        state.taxonomy.roles[query.role].name + " (all titles)" if query.role else "All titles"
    )
    parts = [what]
    if query.level:
        parts.append(group_label("level", query.level))
    if query.country:
        parts.append(country_name(query.country))
    if query.year:
        parts.append(str(query.year))
    if query.remote is not None:
        parts.append(group_label("remote", str(query.remote)))
    if query.company_size:
        parts.append(group_label("company_size", query.company_size))
    return "Salaries: " + " · ".join(parts)
