"""What the pages and the API show, computed once for both: the same function gives the page its numbers
and the API its JSON, so the two can never disagree.

Comparison documents and their rendered articles are memoized (see `state`); searches, salary insights
and job pages run on every request over the analytics' shared in-memory indexes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from roledex.analytics.compare import compare
from roledex.analytics.featured import featured_cards
from roledex.analytics.profiles import ProfileFilter
from roledex.analytics.rolespec import RoleSpec
from roledex.analytics.salaries import SalaryInsights, SalaryQuery, salary_insights
from roledex.analytics.search import JobQuery, SearchResults, build_hits, posting_index, search_jobs
from roledex.errors import NotFoundError, QueryError
from roledex.models import EMPLOYMENT_LABELS, LEVEL_LABELS
from roledex.web.security import plain_text, safe_url
from roledex.web.state import AppState

POPULAR = (
    ("ml-engineer@SE", "ml-research-engineer"),
    ("data-scientist", "data-analyst"),
    ("data-engineer", "analytics-engineer"),
    ("ml-engineer", "ai-engineer"),
    ("data-scientist", "ml-engineer"),
    ("ml-engineer@EN", "ml-engineer@SE"),
)
SIMILAR = 6


# -- comparisons -------------------------------------------------------------------------------------------
def _doc_key(state: AppState, specs: Sequence[RoleSpec], flt: ProfileFilter) -> tuple[Any, ...]:
    return (tuple((s.slug, s.text, s.kind) for s in specs), flt.country, flt.since, state.version_key())


def comparison(state: AppState, specs: Sequence[RoleSpec], flt: ProfileFilter) -> dict[str, Any]:
    """The comparison (or, for one spec, profile) document: the one the CLI renders and the API returns."""
    return state.documents.get(
        _doc_key(state, specs, flt),
        lambda: compare(state.store, list(specs), state.taxonomy, flt, featured=featured_cards),
    )


def article_html(
    state: AppState, specs: Sequence[RoleSpec], flt: ProfileFilter
) -> tuple[dict[str, Any], str]:
    """The document and its article HTML (the renderer's `_comparison.html.j2` partial, charts inline)."""
    from roledex.web.templating import environment

    doc = comparison(state, specs, flt)
    html = state.articles.get(
        _doc_key(state, specs, flt),
        lambda: environment().get_template("_comparison.html.j2").render(doc=doc, base_url=""),
    )
    return doc, html


def popular(state: AppState) -> list[dict[str, Any]]:
    """The popular comparisons as links with their role labels."""
    from roledex.web.params import compare_path, role_specs

    out = []
    for pair in POPULAR:
        specs = role_specs(list(pair), state.taxonomy)
        out.append({"href": compare_path(specs), "labels": [s.label(state.taxonomy) for s in specs]})
    return out


# -- search and salaries -----------------------------------------------------------------------------------
def jobs(state: AppState, query: JobQuery) -> SearchResults:
    """One page of job search results; a page beyond the last one is an error (422), not an empty page."""
    results = search_jobs(state.store, query, state.taxonomy)
    if query.page > 1 and query.page > results.pages:
        raise QueryError(
            f"page {query.page} is beyond the last page ({results.pages})",
            hint=f"use a page from 1 to {results.pages}",
        )
    return results


def salaries(state: AppState, query: SalaryQuery) -> SalaryInsights:
    return salary_insights(state.store, query, state.taxonomy)


# -- one posting -------------------------------------------------------------------------------------------
_POSTING_SQL = (
    "SELECT id, title, company, location, country, region, city, remote, employment_type, internship, role,"
    " level, track, min_degree, min_years, salary_min, salary_max, salary_currency, salary_period, salary_kind,"
    " annual_usd_min, annual_usd_max, salary_note, posted_at, url, industry, company_size, description, data,"
    " source, source_file, source_row, source_id, ingested_at FROM postings WHERE id = ?"
)


def posting(state: AppState, posting_id: int) -> dict[str, Any]:
    """A posting as the job page and /api/v1/jobs/{id} show it (description as plain text, markup removed)."""
    conn = state.store.conn
    row = conn.execute(_POSTING_SQL, (posting_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no job with id {posting_id}", hint="search for jobs at /jobs or /api/v1/jobs")
    data = json.loads(row["data"]) if row["data"] else {}
    salary = None
    if row["annual_usd_min"] is not None:
        salary = {
            "min": row["salary_min"],
            "max": row["salary_max"],
            "currency": row["salary_currency"],
            "period": row["salary_period"],
            "annual_usd_min": row["annual_usd_min"],
            "annual_usd_max": row["annual_usd_max"],
            "kind": row["salary_kind"],
        }
    duplicates = [
        {"source": d[0], "source_file": _file_name(d[1]), "source_row": d[2], "url": safe_url(d[3])}
        for d in conn.execute(
            "SELECT source, source_file, source_row, url FROM posting_duplicates WHERE posting_id = ? ORDER BY rowid",
            (posting_id,),
        )
    ]
    required = set(data.get("skills_required", []))
    preferred = set(data.get("skills_preferred", []))
    skills = []
    for sid in data.get("skills", []):
        sk = state.taxonomy.skills.get(sid)
        skills.append(
            {
                "skill": sid,
                "name": sk.name if sk else sid,
                "category": sk.category if sk else "other",
                "required": True if sid in required else False if sid in preferred else None,
            }
        )
    level, emp = row["level"], row["employment_type"]
    return {
        "id": int(row["id"]),
        "title": row["title"],
        "company": row["company"],
        "location": row["location"],
        "country": row["country"],
        "region": row["region"],
        "city": row["city"],
        "remote": row["remote"],
        "employment_type": emp,
        "employment_label": EMPLOYMENT_LABELS.get(emp) if emp else None,
        "internship": bool(row["internship"]),
        "role": row["role"],
        "role_name": state.taxonomy.roles[row["role"]].name
        if row["role"] in state.taxonomy.roles
        else row["role"],
        "level": level,
        "level_label": LEVEL_LABELS.get(level) if level else None,
        "track": row["track"],
        "min_degree": row["min_degree"],
        "degree_fields": data.get("degree_fields", []),
        "min_years": row["min_years"],
        "salary": salary,
        "salary_note": row["salary_note"],
        "skills": skills,
        "responsibilities": data.get("responsibilities", []),
        "posted_at": row["posted_at"],
        "url": safe_url(row["url"]),
        "industry": row["industry"],
        "company_size": row["company_size"],
        "description": plain_text(row["description"]),
        "provenance": {
            "source": row["source"],
            "source_file": _file_name(row["source_file"]),
            "source_row": row["source_row"],
            "source_id": row["source_id"],
            "ingested_at": row["ingested_at"],
            "also_listed": duplicates,
        },
    }


def _file_name(path: str | None) -> str | None:
    """The file's name without the server's folders (they say nothing to a reader and leak the layout)."""
    if not path:
        return path
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def similar_jobs(state: AppState, job: dict[str, Any], limit: int = SIMILAR) -> list[dict[str, Any]]:
    """Postings of the same role sharing the most skills with this one (same level first), newest first.

    Scored over the search's in-memory index: one bit-set test per skill of the posting, no SQL scan.
    """
    index = posting_index(state.store)
    code = index.code("role", job["role"])
    if code < 0:
        return []
    mask = index.present & (index.codes["role"] == code)
    if job["id"] < index.size:
        mask[job["id"]] = False
    ids = np.flatnonzero(mask)
    if ids.size == 0:
        return []
    score = np.zeros(ids.size)
    for s in job["skills"]:
        postings = index.skills.get(s["skill"])
        if postings is not None:
            score += postings.mask(index.size)[ids]
    if job["level"]:
        score += 0.5 * (index.codes["level"][ids] == index.code("level", job["level"]))
    k = min(ids.size, limit * 4)
    top = np.argpartition(-score, k - 1)[:k] if ids.size > k else np.arange(ids.size)
    order = top[np.lexsort((-ids[top], -index.posted[ids[top]], -score[top]))]
    seen = {(_norm(job["title"]), _norm(job["company"]))}
    out = []
    for hit in build_hits(state.store, [int(ids[i]) for i in order]):
        key = (_norm(hit.title), _norm(hit.company))
        if key in seen:
            continue
        seen.add(key)
        out.append(hit.to_dict())
        if len(out) == limit:
            break
    return out


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


# -- headline figures --------------------------------------------------------------------------------------
def site_stats(state: AppState) -> dict[str, Any]:
    """What the database holds, for the home page and /api/v1/stats (memoized per data version)."""
    return state.cached("site_stats", lambda: _site_stats(state))


def _site_stats(state: AppState) -> dict[str, Any]:
    conn = state.store.conn
    index = posting_index(state.store)
    dated = index.posted[index.present]
    dated = dated[dated >= 0]
    window = conn.execute("SELECT MIN(posted_at), MAX(posted_at) FROM postings").fetchone()
    by_source = {
        str(r[0]): int(r[1])
        for r in conn.execute("SELECT source, COUNT(*) FROM postings GROUP BY 1 ORDER BY 2 DESC")
    }
    survey = conn.execute("SELECT COUNT(*), MIN(work_year), MAX(work_year) FROM salary_records").fetchone()
    survey_by_role = {
        str(r[0]): int(r[1]) for r in conn.execute("SELECT role, COUNT(*) FROM salary_records GROUP BY 1")
    }
    postings_by_role = {
        str(r[0]): int(r[1])
        for r in conn.execute("SELECT role, n_postings FROM role_aggregates WHERE level = '*'")
    }
    roles: list[dict[str, Any]] = [
        {
            "id": rid,
            "name": role.name,
            "definition": role.definition,
            "n_postings": postings_by_role.get(rid, 0),
            "n_salary_records": survey_by_role.get(rid, 0),
        }
        for rid, role in state.taxonomy.roles.items()
    ]
    roles.sort(key=lambda r: (r["id"] == "other", -r["n_postings"], r["id"]))
    refreshed = conn.execute("SELECT value FROM aggregate_state WHERE name = 'refreshed_at'").fetchone()
    return {
        "postings": {
            "total": int(index.n),
            "with_salary": int(np.count_nonzero(~np.isnan(index.mid[index.present]))),
            "dated": int(dated.size),
            "window": {"from": window[0], "to": window[1]},
            "by_source": by_source,
        },
        "salary_records": {
            "total": int(survey[0]),
            "from_year": survey[1],
            "to_year": survey[2],
            "source": "ai-jobs.net salaries (CC0)",
        },
        "roles": roles,
        "taxonomy_version": state.taxonomy.version,
        "aggregates_refreshed_at": refreshed[0] if refreshed else None,
    }
