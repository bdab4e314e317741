"""Role profiles: everything the postings say about one role (at one level), with counts and evidence.

A profile is computed by `compute_profile` with SQL group-bys over the postings of a role; the unfiltered
profiles of every (role, level) are precomputed by `refresh_aggregates` after each ingest and stored in
`role_aggregates`, so that a comparison on a million postings is one indexed read per role.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from roledex.analytics.stats import summarize
from roledex.models import LEVELS

YEAR_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("0-1", 0, 2),
    ("2-4", 2, 5),
    ("5-7", 5, 8),
    ("8+", 8, 1e9),
)
SAMPLE_IDS = 10  # posting ids kept as evidence behind each figure


@dataclass(frozen=True, slots=True)
class ProfileFilter:
    """Filters that make a profile live (not precomputed): country and posted-since date."""

    country: str | None = None
    since: str | None = None  # ISO date

    @property
    def empty(self) -> bool:
        return self.country is None and self.since is None


NO_FILTER = ProfileFilter()


# Joins put `postings p` first with CROSS JOIN, which SQLite never reorders: the (role, level) index picks the
# role's postings and each one's skills/terms are read by primary-key prefix. Left to itself the planner
# starts from the skills/terms side and looks up every posting of every role.
def _where(role: str, level: str | None, flt: ProfileFilter, alias: str = "p") -> tuple[str, list[Any]]:
    clauses, params = [f"{alias}.role = ?"], [role]
    if level and level != "*":
        clauses.append(f"{alias}.level = ?")
        params.append(level)
    if flt.country:
        clauses.append(f"{alias}.country = ?")
        params.append(flt.country.upper())
    if flt.since:
        clauses.append(f"{alias}.posted_at >= ?")
        params.append(flt.since)
    return " AND ".join(clauses), params


def _counts(conn: Any, sql: str, params: Sequence[Any]) -> dict[str, int]:
    return {str(k) if k is not None else "unknown": int(n) for k, n in conn.execute(sql, params)}


def compute_profile(
    conn: Any, role: str, level: str | None, flt: ProfileFilter = NO_FILTER
) -> dict[str, Any]:
    """Aggregate the postings of `role` (at `level`, or every level for None/'*') under `flt`."""
    where, params = _where(role, level, flt)
    head = conn.execute(
        f"SELECT COUNT(*), MIN(posted_at), MAX(posted_at), COALESCE(SUM(has_text), 0) FROM postings p WHERE {where}",
        params,
    ).fetchone()
    n = int(head[0])
    profile: dict[str, Any] = {
        "role": role,
        "level": level if level and level != "*" else None,
        "filters": {"country": flt.country, "since": flt.since},
        "n_postings": n,
        "n_with_text": int(head[3]),  # the basis of skill shares: postings with a description or skill tags
        "window": {"from": head[1], "to": head[2]},
    }
    if n == 0:
        return profile
    by = f"FROM postings p WHERE {where} GROUP BY 1 ORDER BY 2 DESC"
    profile["sources"] = _counts(conn, f"SELECT source, COUNT(*) {by}", params)
    profile["levels"] = _counts(conn, f"SELECT level, COUNT(*) {by}", params)
    profile["tracks"] = _counts(conn, f"SELECT track, COUNT(*) {by}", params)
    profile["degrees"] = _counts(conn, f"SELECT min_degree, COUNT(*) {by}", params)
    profile["employment_types"] = _counts(conn, f"SELECT employment_type, COUNT(*) {by}", params)
    profile["remote"] = _counts(conn, f"SELECT remote, COUNT(*) {by}", params)
    profile["countries"] = _counts(conn, f"SELECT country, COUNT(*) {by} LIMIT 15", params)
    profile["industries"] = _counts(conn, f"SELECT industry, COUNT(*) {by} LIMIT 15", params)
    profile["company_sizes"] = _counts(conn, f"SELECT company_size, COUNT(*) {by}", params)
    profile["volume_by_year"] = dict(
        sorted(_counts(conn, f"SELECT substr(posted_at, 1, 4), COUNT(*) {by}", params).items())
    )

    years = _counts(conn, f"SELECT CAST(min_years AS INTEGER), COUNT(*) {by}", params)
    stated = {int(k): v for k, v in years.items() if k != "unknown"}
    buckets = {name: sum(v for y, v in stated.items() if lo <= y < hi) for name, lo, hi in YEAR_BUCKETS}
    buckets["unknown"] = years.get("unknown", 0)
    profile["years"] = {"buckets": buckets, "by_year": {str(k): stated[k] for k in sorted(stated)}}

    skill_rows = conn.execute(
        f"""SELECT s.skill_id, COUNT(*), SUM(s.required = 1), SUM(s.required = 0)
            FROM postings p CROSS JOIN posting_skills s ON s.posting_id = p.id
            WHERE {where} GROUP BY s.skill_id ORDER BY 2 DESC""",
        params,
    ).fetchall()
    profile["skills"] = {
        r[0]: {"n": int(r[1]), "required": int(r[2] or 0), "preferred": int(r[3] or 0)} for r in skill_rows
    }
    profile["skill_evidence"] = _skill_evidence(conn, where, params, [r[0] for r in skill_rows[:40]])

    fields = conn.execute(
        f"""SELECT t.term, COUNT(*) FROM postings p CROSS JOIN posting_terms t ON t.posting_id = p.id
            WHERE t.kind = 'field' AND {where} GROUP BY 1 ORDER BY 2 DESC LIMIT 12""",
        params,
    ).fetchall()
    profile["fields_of_study"] = {r[0]: int(r[1]) for r in fields}

    profile.update(_responsibilities(conn, where, params))

    salaries = [
        r[0]
        for r in conn.execute(
            f"SELECT annual_usd_mid FROM postings p WHERE {where} AND annual_usd_mid IS NOT NULL", params
        )
    ]
    widths = [
        r[0]
        for r in conn.execute(
            f"SELECT annual_usd_max - annual_usd_min FROM postings p WHERE {where} AND annual_usd_mid IS NOT NULL",
            params,
        )
    ]
    profile["posted_salary"] = {
        "summary": summarize(salaries).to_dict(),
        "range_width": summarize(widths).to_dict(),
        "currencies": _counts(
            conn,
            f"SELECT salary_currency, COUNT(*) FROM postings p WHERE {where} AND annual_usd_mid IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC",
            params,
        ),
        "kinds": _counts(
            conn,
            f"SELECT salary_kind, COUNT(*) FROM postings p WHERE {where} AND annual_usd_mid IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC",
            params,
        ),
    }
    return profile


def _skill_evidence(conn: Any, where: str, params: list[Any], skills: list[str]) -> dict[str, list[int]]:
    """A few posting ids behind each skill share: the most recently stored postings of the group that ask for it."""
    out: dict[str, list[int]] = {}
    for skill in skills:
        rows = conn.execute(
            f"""SELECT s.posting_id FROM posting_skills s CROSS JOIN postings p ON p.id = s.posting_id
                WHERE s.skill_id = ? AND {where} ORDER BY s.posting_id DESC LIMIT {SAMPLE_IDS}""",
            [skill, *params],
        ).fetchall()
        out[skill] = [int(r[0]) for r in rows]
    return out


def _responsibilities(conn: Any, where: str, params: list[Any]) -> dict[str, Any]:
    themes = conn.execute(
        f"""SELECT t.theme, COUNT(DISTINCT t.posting_id) FROM postings p CROSS JOIN posting_terms t ON t.posting_id = p.id
            WHERE t.kind = 'phrase' AND {where} GROUP BY 1 ORDER BY 2 DESC""",
        params,
    ).fetchall()
    phrases = conn.execute(
        f"""SELECT theme, term, n FROM (
              SELECT t.theme, t.term, COUNT(*) AS n,
                     ROW_NUMBER() OVER (PARTITION BY t.theme ORDER BY COUNT(*) DESC, t.term) AS k
              FROM postings p CROSS JOIN posting_terms t ON t.posting_id = p.id
              WHERE t.kind = 'phrase' AND {where} GROUP BY t.theme, t.term)
            WHERE k <= 8 ORDER BY theme, n DESC""",
        params,
    ).fetchall()
    n_with = conn.execute(
        f"""SELECT COUNT(DISTINCT t.posting_id) FROM postings p CROSS JOIN posting_terms t ON t.posting_id = p.id
            WHERE t.kind = 'phrase' AND {where}""",
        params,
    ).fetchone()[0]
    by_theme: dict[str, list[list[Any]]] = {}
    for theme, term, count in phrases:
        by_theme.setdefault(theme, []).append([term, int(count)])
    return {
        "n_with_responsibilities": int(n_with),
        "themes": {str(t): int(c) for t, c in themes},
        "phrases": by_theme,
    }


def refresh_aggregates(conn: Any) -> int:
    """Recompute the unfiltered profile of every (role, level) and every role ('*'); returns how many."""
    pairs = conn.execute("SELECT DISTINCT role, level FROM postings").fetchall()
    roles = sorted({r[0] for r in pairs})
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows = []
    for role in roles:
        for level in ("*", *LEVELS):
            if level != "*" and (role, level) not in {(r[0], r[1]) for r in pairs}:
                continue
            data = compute_profile(conn, role, level)
            rows.append((role, level, data["n_postings"], json.dumps(data), now))
    background = {
        r[0]: int(r[1]) for r in conn.execute("SELECT skill_id, COUNT(*) FROM posting_skills GROUP BY 1")
    }
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO aggregate_state(name, value) VALUES ('skill_background', ?)",
            (json.dumps(background),),
        )
        conn.execute("DELETE FROM role_aggregates")
        conn.executemany(
            "INSERT INTO role_aggregates(role, level, n_postings, data, refreshed_at) VALUES (?,?,?,?,?)",
            rows,
        )
        conn.execute("INSERT OR REPLACE INTO aggregate_state(name, value) VALUES ('refreshed_at', ?)", (now,))
    return len(rows)


def skill_background(conn: Any) -> dict[str, int]:
    """Postings per skill over the whole store: the prior of the log-odds (precomputed by the refresh)."""
    row = conn.execute("SELECT value FROM aggregate_state WHERE name = 'skill_background'").fetchone()
    if row is not None:
        return dict(json.loads(row[0]))
    return {r[0]: int(r[1]) for r in conn.execute("SELECT skill_id, COUNT(*) FROM posting_skills GROUP BY 1")}


def load_profile(conn: Any, role: str, level: str | None, flt: ProfileFilter = NO_FILTER) -> dict[str, Any]:
    """The precomputed profile when there are no filters (and it exists), else a live computation."""
    if flt.empty:
        row = conn.execute(
            "SELECT data FROM role_aggregates WHERE role = ? AND level = ?", (role, level or "*")
        ).fetchone()
        if row is not None:
            return dict(json.loads(row[0]))
    return compute_profile(conn, role, level, flt)


def survey_salaries(
    conn: Any, role: str, level: str | None, flt: ProfileFilter = NO_FILTER
) -> dict[str, Any]:
    """The salary-survey layer of a role (at a level): values in annual USD as published, and currencies."""
    clauses: list[str] = ["role = ?"]
    params: list[Any] = [role]
    if level and level != "*":
        clauses.append("level = ?")
        params.append(level)
    if flt.country:
        clauses.append("employee_residence = ?")
        params.append(flt.country.upper())
    if flt.since:
        clauses.append("work_year >= ?")
        params.append(int(flt.since[:4]))
    where = " AND ".join(clauses)
    rows = conn.execute(
        f"SELECT work_year, salary_in_usd, salary_currency FROM salary_records WHERE {where}", params
    ).fetchall()
    by_year: dict[int, list[float]] = {}
    currencies: dict[str, int] = {}
    for year, usd, cur in rows:
        by_year.setdefault(int(year), []).append(float(usd))
        currencies[cur] = currencies.get(cur, 0) + 1
    values = [v for vs in by_year.values() for v in vs]
    return {
        "values": values,
        "by_year": by_year,
        "currencies": dict(sorted(currencies.items(), key=lambda kv: -kv[1])),
        "query": {
            "role": role,
            "level": level if level != "*" else None,
            "country": flt.country,
            "since_year": int(flt.since[:4]) if flt.since else None,
        },
    }
