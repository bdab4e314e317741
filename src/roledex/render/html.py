"""A comparison or profile document as a standalone HTML page (Jinja2, autoescaped, charts as inline SVG).

The article body is the partial `_comparison.html.j2`, shared with the web app's comparison page.
Untrusted text (titles, companies, locations from postings) is only ever inserted escaped.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from roledex.render import charts
from roledex.render import format as fmt


def jobs_href(query: dict[str, Any], base_url: str = "") -> str:
    return f"{base_url}/jobs?{urlencode({k: v for k, v in query.items() if v is not None})}"


def add_filters(env: Environment) -> Environment:
    env.filters.update(
        usd_k=fmt.usd_k,
        usd_range=fmt.usd_range,
        pct=fmt.pct,
        level_label=fmt.level_label,
        employment_label=fmt.employment_label,
        salary_card=fmt.salary_card,
        jobs_href=jobs_href,
    )
    env.globals.update(
        degree_labels=fmt.DEGREE_LABELS,
        comparison_charts=charts.comparison_charts,
        svg=lambda chart: Markup(chart.svg),
    )  # our own SVG from vl-convert, not user input
    return env


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("roledex.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return add_filters(env)


def stylesheet() -> str:
    return environment().loader.get_source(environment(), "roledex.css")[0]  # type: ignore[union-attr]


def render_html(doc: dict[str, Any], *, base_url: str = "") -> str:
    return (
        environment()
        .get_template("export.html.j2")
        .render(doc=doc, base_url=base_url, css=Markup(stylesheet()))
    )
