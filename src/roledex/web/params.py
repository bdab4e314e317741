"""Query parameters -> validated library queries, shared by the pages and the API (so both accept and refuse
exactly the same input, with the same messages).

Parameters come as strings (a query string or a form). Empty values mean "not set", so a search form that
submits every field still means only what was filled in. Lists (skills) may repeat the key or be
comma-separated: `skills=python&skills=sql` = `skills=python,sql`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from roledex.analytics.profiles import ProfileFilter
from roledex.analytics.rolespec import RoleSpec, nearest_roles, parse_role_spec
from roledex.analytics.salaries import SalaryQuery
from roledex.analytics.search import JobQuery
from roledex.errors import QueryError
from roledex.taxonomy import Taxonomy
from roledex.web.errors import RoleNotFound

MAX_COMPARE = 5
JOB_PARAMS = (
    "q",
    "role",
    "level",
    "track",
    "employment_type",
    "internship",
    "remote",
    "country",
    "min_salary",
    "skills",
    "posted_since",
    "sort",
    "page",
    "per_page",
)
SALARY_PARAMS = ("title", "role", "level", "country", "year", "remote", "company_size", "by", "source")
_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


MultiParams = Any  # a query string or form (starlette's QueryParams / FormData): .get(name), .getlist(name)


def one(params: MultiParams, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def whole_number(params: MultiParams, name: str, default: int | None = None) -> int | None:
    text = one(params, name)
    if text is None:
        return default
    try:
        return int(text)
    except ValueError:
        raise QueryError(
            f"{name} '{text}' is not a whole number", hint=f"give {name} as a number such as 2"
        ) from None


def number(params: MultiParams, name: str) -> float | None:
    text = one(params, name)
    if text is None:
        return None
    try:
        return float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise QueryError(
            f"{name} '{text}' is not a number", hint=f"give {name} as a number such as 120000"
        ) from None


def flag(params: MultiParams, name: str) -> bool | None:
    text = one(params, name)
    if text is None:
        return None
    low = text.lower()
    if low in ("true", "1", "yes", "on"):
        return True
    if low in ("false", "0", "no", "off"):
        return False
    raise QueryError(f"{name} '{text}' is not true or false", hint=f"use {name}=true or {name}=false")


def listed(params: MultiParams, name: str) -> list[str]:
    out: list[str] = []
    for value in params.getlist(name):
        out += [v.strip() for v in str(value).split(",") if v.strip()]
    return list(dict.fromkeys(out))


def job_query(params: MultiParams, taxonomy: Taxonomy) -> JobQuery:
    """A validated JobQuery from `q, role, level, track, employment_type, internship, remote, country,
    min_salary, skills, posted_since, sort, page, per_page`."""
    q = one(params, "q") or ""
    sort = one(params, "sort") or "relevance"
    query = JobQuery(
        q=q,
        role=one(params, "role"),
        level=one(params, "level"),
        track=one(params, "track"),
        employment_type=one(params, "employment_type"),
        internship=flag(params, "internship"),
        remote=one(params, "remote"),
        country=one(params, "country"),
        min_salary=number(params, "min_salary"),
        skills=tuple(s.lower() for s in listed(params, "skills")),
        posted_since=one(params, "posted_since"),
        sort=sort,
        page=whole_number(params, "page", 1),  # type: ignore[arg-type]  # a default is given: never None
        per_page=whole_number(params, "per_page", 20),  # type: ignore[arg-type]
    )
    if query.role is not None and query.role not in taxonomy.roles:
        raise RoleNotFound(query.role, nearest_roles(query.role, taxonomy))
    return query.validate(taxonomy)


def salary_query(params: MultiParams, taxonomy: Taxonomy) -> SalaryQuery:
    role = one(params, "role")
    query = SalaryQuery(
        title=one(params, "title"),
        role=role,
        level=one(params, "level"),
        country=one(params, "country"),
        year=whole_number(params, "year"),
        remote=whole_number(params, "remote"),
        company_size=one(params, "company_size"),
        by=one(params, "by"),
        source=one(params, "source") or "all",
    )
    if role is not None and role not in taxonomy.roles:
        raise RoleNotFound(role, nearest_roles(role, taxonomy))
    return query.validate(taxonomy)


def profile_filter(country: str | None, since: str | None) -> ProfileFilter:
    """Country (ISO 3166 alpha-2) and posted-since date (YYYY-MM-DD) of a role page or comparison."""
    country = (country or "").strip() or None
    since = (since or "").strip() or None
    if country is not None:
        if not _COUNTRY.match(country):
            raise QueryError(
                f"country '{country}' is not a two-letter code", hint="use an ISO 3166 code such as US or DE"
            )
        country = country.upper()
    if since is not None:
        try:
            since = date.fromisoformat(since[:10]).isoformat()
        except ValueError:
            raise QueryError(
                f"since '{since}' is not a date", hint="use YYYY-MM-DD, e.g. 2024-01-01"
            ) from None
    return ProfileFilter(country=country, since=since)


def role_spec(text: str, taxonomy: Taxonomy) -> RoleSpec:
    """A role id, role@LEVEL or job title; RoleNotFound (404) with the nearest roles when nothing matches.

    In a URL a title may be written with dashes ("lead-machine-learning-engineer"): when the text as given
    matches no role, it is tried again with the dashes as spaces.
    """
    try:
        return parse_role_spec(text, taxonomy)
    except QueryError as exc:
        if exc.message.startswith("unknown level") or exc.message == "empty role":
            raise
        if "-" in text and "@" not in text:
            try:
                return parse_role_spec(text.replace("-", " "), taxonomy)
            except QueryError:
                pass
        raise RoleNotFound(text, nearest_roles(text.split("@")[0], taxonomy)) from None


def role_specs(texts: Sequence[str], taxonomy: Taxonomy, *, minimum: int = 2) -> list[RoleSpec]:
    texts = [t.strip() for t in texts if t and t.strip()]
    if len(texts) < minimum:
        raise QueryError(
            f"a comparison needs at least {minimum} roles, got {len(texts)}",
            hint="give roles separated by commas, e.g. roles=ml-engineer,data-scientist",
        )
    if len(texts) > MAX_COMPARE:
        raise QueryError(
            f"at most {MAX_COMPARE} roles can be compared, got {len(texts)}", hint="leave some roles out"
        )
    return [role_spec(t, taxonomy) for t in texts]


def compare_path(specs: Sequence[RoleSpec]) -> str:
    """The canonical page of a comparison: /compare/a-vs-b (one role: /roles/a)."""
    if len(specs) == 1:
        return f"/roles/{specs[0].slug}"
    return "/compare/" + "-vs-".join(s.slug for s in specs)


def filter_params(flt: ProfileFilter) -> dict[str, str]:
    return {k: v for k, v in (("country", flt.country), ("since", flt.since)) if v}
