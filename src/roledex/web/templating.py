"""Jinja2 for the web pages: our templates first, then the renderer's, so the comparison article is the same
partial (`_comparison.html.j2`) in the CLI's HTML export and on the site.

Autoescaping is on for every template: text from postings (titles, companies, snippets, descriptions) is
only ever inserted escaped, through `security.description_html`, which builds its markup from escaped
text and passes it through nh3, or through `fragments` (job cards, facet options: built in Python for
speed, every value escaped by `fragments.esc`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote_plus

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from roledex.models import EMPLOYMENT_LABELS, LEVEL_LABELS
from roledex.render.html import add_filters

Params = Mapping[str, Any]


def href(path: str, params: Params | None = None, **changes: Any) -> str:
    """`path?query` from `params` with `changes` applied (None removes a key); empty values are left out.

    List values become repeated keys (skills=python&skills=sql), so every filter has one stable URL. The
    same as urllib's urlencode, with each encoded pair memoized: a search page builds about a hundred links.
    """
    merged: dict[str, Any] = dict(params or {})
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    parts: list[str] = []
    for key, value in merged.items():
        if isinstance(value, list | tuple):
            parts += [_pair(key, str(v)) for v in value if v is not None and str(v) != ""]
        elif value is not None and str(value) != "":
            parts.append(_pair(key, str(value)))
    return f"{path}?{'&'.join(parts)}" if parts else path


@lru_cache(maxsize=65_536)
def _pair(key: str, value: str) -> str:
    return f"{quote_plus(key)}={quote_plus(value)}"


def _encoded(key: str, value: Any) -> str:
    """One parameter as `href` encodes it ("" when it is left out)."""
    if isinstance(value, list | tuple):
        return "&".join(_pair(key, str(v)) for v in value if v is not None and str(v) != "")
    if value is None or str(value) == "":
        return ""
    return _pair(key, str(value))


class Links:
    """`href(path, params, key=value)` for many one-parameter changes of the same `params` (the facet links
    of a search page: about seventy). Same addresses as `href`; the unchanged parameters are encoded once."""

    def __init__(self, path: str, params: Params) -> None:
        self.path = path
        self.parts = {key: _encoded(key, value) for key, value in params.items()}

    def __call__(self, key: str, value: Any) -> str:
        """The address with `key` set to `value` (None removes it): in its place if present, else last."""
        change = _encoded(key, value)
        if key in self.parts:
            parts = [change if k == key else part for k, part in self.parts.items()]
        else:
            parts = [*self.parts.values(), change]
        query = "&".join(part for part in parts if part)
        return f"{self.path}?{query}" if query else self.path


def country_name(code: str | None) -> str:
    if not code:
        return "Country not stated"
    return _country_name(code.upper())


@cache
def _country_name(code: str) -> str:
    try:
        import pycountry

        found = pycountry.countries.get(alpha_2=code)
    except (ImportError, LookupError, KeyError):
        found = None
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


def thousands(value: Any) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return "–"


def usd(value: float | None) -> str:
    """120000 -> 'USD 120,000' (tables of statistics show whole dollars)."""
    return "–" if value is None else f"USD {value:,.0f}"


def short_date(value: str | None) -> str:
    """'2025-08-23' -> '23 Aug 2025' (memoized: a search page shows twenty dates, strftime is slow)."""
    if not value:
        return "date not stated"
    return _short_date(value)


@lru_cache(maxsize=8_192)
def _short_date(value: str) -> str:
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day} {d:%b} {d.year}"


def remote_label(value: str | None) -> str:
    return {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On site"}.get(value or "", "")


def joined(items: Iterable[Any], sep: str = ", ") -> str:
    return sep.join(str(i) for i in items)


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("roledex.web", "templates"), PackageLoader("roledex.render", "templates")]
        ),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        # templates are package data: checking their files for changes on every render cost ~10% of a page
        auto_reload=False,
    )
    add_filters(env)
    env.filters.update(
        thousands=thousands,
        usd=usd,
        short_date=short_date,
        country_name=country_name,
        remote_label=remote_label,
        joined=joined,
    )
    from roledex.web.fragments import facet_options, job_card  # they use this module's formatting

    env.globals.update(
        href=href,
        level_labels=LEVEL_LABELS,
        employment_labels=EMPLOYMENT_LABELS,
        country_name=country_name,
        job_card=job_card,
        facet_options=facet_options,
    )
    return env


def page_html(request: Request, template: str, context: dict[str, Any]) -> str:
    """A page template rendered; every page gets `request`, `nav` (the active section) and `base_url`."""
    ctx = {"request": request, "base_url": "", "nav": context.get("nav", ""), **context}
    return environment().get_template(template).render(ctx)


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    status_code: int = 200,
    headers: Params | None = None,
) -> HTMLResponse:
    return HTMLResponse(
        page_html(request, template, context), status_code=status_code, headers=dict(headers or {})
    )
