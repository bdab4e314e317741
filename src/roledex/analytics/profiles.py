"""Role profiles: everything the postings say about one role (at one level), with counts and evidence.

A profile is computed directly by `compute_profile` with SQL group-bys over the postings of a role. What the
pages read is precomputed by `refresh_aggregates` after each ingest (analytics.aggregates): the unfiltered
profile of every (role, level) in `role_aggregates`, one indexed read per role, and the counts per (role,
level, country, period) in `profile_cells` (analytics.cells), which a filtered profile sums. Both equal the
direct computation; `load_profile` uses them while they are fresh (no posting or survey record stored since
the refresh) and computes directly otherwise.
"""

from __future__ import annotations

import json
import marshal
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from roledex.analytics.stats import summarize

YEAR_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("0-1", 0, 2),
    ("2-4", 2, 5),
    ("5-7", 5, 8),
    ("8+", 8, 1e9),
)
SAMPLE_IDS = 10  # posting ids kept as evidence behind each figure
# the stored form of a profile cell (RawProfile.dump) and marshal's version, which follows Python's: a store
# marked with another value is not read (direct computation) and its next refresh rebuilds the cells
CELL_FORMAT = f"2/marshal{marshal.version}"


@dataclass(frozen=True, slots=True)
class ProfileFilter:
    """Filters that make a profile live (not precomputed): country and posted-since date."""

    country: str | None = None
    since: str | None = None  # ISO date

    @property
    def empty(self) -> bool:
        return self.country is None and self.since is None


NO_FILTER = ProfileFilter()


# Joins put `postings p` first with CROSS JOIN, which SQLite never reorders: the covering index picks the
# postings and each one's skills/terms are read by primary-key prefix. Left to itself the planner starts
# from the skills/terms side and looks up every posting of every role (wide rows: slow).
Key = tuple[str, str | None]  # (role, level); level None for postings whose level is not known

# name in the profile -> SQL expression grouped over the postings (all in the covering index postings_profile)
DIMENSIONS: dict[str, str] = {
    "sources": "p.source",
    "levels": "p.level",
    "tracks": "p.track",
    "degrees": "p.min_degree",
    "employment_types": "p.employment_type",
    "remote": "p.remote",
    "countries": "p.country",
    "industries": "p.industry",
    "company_sizes": "p.company_size",
    "volume_by_year": "substr(p.posted_at, 1, 4)",
    "years": "CAST(p.min_years AS INTEGER)",
}
TOP = {"countries": 15, "industries": 15, "fields_of_study": 12}
TOP_PHRASES = 8
EVIDENCE_SKILLS = 40


@dataclass
class RawProfile:
    """The counts behind one profile, before assembly; adding two gives the counts of both groups."""

    n: int = 0
    n_text: int = 0
    first: str | None = None
    last: str | None = None
    dims: dict[str, Counter[Any]] = field(default_factory=lambda: {d: Counter() for d in DIMENSIONS})
    skills: dict[str, list[int]] = field(default_factory=dict)  # id -> [n, required, preferred]
    fields: Counter[str] = field(default_factory=Counter)
    themes: Counter[str] = field(default_factory=Counter)  # postings stating a phrase of the theme
    phrases: Counter[tuple[str, str]] = field(default_factory=Counter)  # (theme, phrase) -> postings
    n_resp: int = 0
    pay_mid: Any = field(default_factory=lambda: np.zeros(0))  # posted salary midpoints (annual USD)
    pay_width: Any = field(default_factory=lambda: np.zeros(0))  # their range widths
    pay_currency: Counter[Any] = field(default_factory=Counter)
    pay_kind: Counter[Any] = field(default_factory=Counter)
    # skill -> the newest posting ids asking for it, one dict per group added (merged when read)
    evidence_parts: list[dict[str, list[int]]] = field(default_factory=list)

    @property
    def evidence(self) -> dict[str, list[int]]:
        skills = {sid for part in self.evidence_parts for sid in part}
        return self.evidence_of(sorted(skills))

    @evidence.setter
    def evidence(self, value: dict[str, list[int]]) -> None:
        self.evidence_parts = [value]

    def evidence_of(self, skills: Sequence[str]) -> dict[str, list[int]]:
        """The SAMPLE_IDS newest posting ids asking for each of `skills` (those with any)."""
        out: dict[str, list[int]] = {}
        for sid in skills:
            found = [ids for part in self.evidence_parts if (ids := part.get(sid))]
            if len(found) == 1:
                out[sid] = list(found[0])
            elif found:
                out[sid] = sorted({i for ids in found for i in ids}, reverse=True)[:SAMPLE_IDS]
        return out

    def add(self, other: RawProfile) -> None:
        self.n += other.n
        self.n_text += other.n_text
        self.first = min(filter(None, (self.first, other.first)), default=None)
        self.last = max(filter(None, (self.last, other.last)), default=None)
        for d, c in other.dims.items():
            self.dims[d].update(c)
        for sid, (n, req, pref) in other.skills.items():
            have = self.skills.setdefault(sid, [0, 0, 0])
            have[0] += n
            have[1] += req
            have[2] += pref
        self.fields.update(other.fields)
        self.themes.update(other.themes)
        self.phrases.update(other.phrases)
        self.n_resp += other.n_resp
        self.pay_mid = np.concatenate([self.pay_mid, other.pay_mid])
        self.pay_width = np.concatenate([self.pay_width, other.pay_width])
        self.pay_currency.update(other.pay_currency)
        self.pay_kind.update(other.pay_kind)
        self.evidence_parts.extend(other.evidence_parts)

    def dump(self) -> tuple[bytes, bytes]:
        """The counts and the posted salaries (currencies, kinds, float64 midpoints and widths, each sorted),
        each marshalled: a profile cell's stored form. marshal, not JSON: a cell is read and written whole, several times per
        filtered comparison and per refresh, and marshal is several times faster both ways."""
        doc = (
            CELL_FORMAT,
            self.n,
            self.n_text,
            self.first,
            self.last,
            self.n_resp,
            {d: dict(c) for d, c in self.dims.items() if c},
            self.skills,
            dict(self.fields),
            dict(self.themes),
            dict(self.phrases),
            self.evidence_parts[0] if len(self.evidence_parts) == 1 else self.evidence,
        )
        pay = (
            dict(self.pay_currency),
            dict(self.pay_kind),
            np.sort(np.asarray(self.pay_mid, "<f8")).tobytes(),
            np.sort(np.asarray(self.pay_width, "<f8")).tobytes(),
        )
        return marshal.dumps(doc), marshal.dumps(pay)

    @classmethod
    def load(cls, data: bytes, pay: bytes) -> RawProfile:
        try:  # marshal's format follows the Python version: a store refreshed by another one may not read
            doc = marshal.loads(data)
        except (ValueError, EOFError, TypeError) as exc:
            raise ValueError(f"unreadable profile cell ({exc}): run `roledex refresh --full`") from None
        if not isinstance(doc, tuple) or not doc or doc[0] != CELL_FORMAT:
            raise ValueError(
                f"profile cell format {doc[0]!r}, expected {CELL_FORMAT}: run `roledex refresh --full`"
            )
        _, n, n_text, first, last, n_resp, dims, skills, fields, themes, phrases, evidence = doc
        raw = cls(n=n, n_text=n_text, first=first, last=last, n_resp=n_resp)
        for d, counts in dims.items():
            raw.dims[d] = _counter(counts)
        raw.skills = skills
        raw.fields = _counter(fields)
        raw.themes = _counter(themes)
        raw.phrases = _counter(phrases)
        raw.evidence_parts = [evidence]
        raw.load_pay(pay)
        return raw

    def load_pay(self, pay: bytes) -> None:
        """Set the posted salaries from a cell's stored form (read alone for a salary table by level)."""
        cur, kind, mids, widths = marshal.loads(pay)
        self.pay_currency, self.pay_kind = _counter(cur), _counter(kind)
        self.pay_mid, self.pay_width = np.frombuffer(mids, "<f8"), np.frombuffer(widths, "<f8")


def _counter(counts: dict[Any, int]) -> Counter[Any]:
    c: Counter[Any] = Counter()
    dict.update(c, counts)  # the C update: Counter(mapping) goes through Python code per call
    return c


def _ranked(counts: Counter[Any], limit: int | None = None) -> dict[str, int]:
    """Counts most frequent first, ties by name; None (not stated) becomes 'unknown'."""
    items = sorted(
        ((str(k) if k is not None else "unknown", n) for k, n in counts.items()),
        key=lambda kv: (-kv[1], kv[0]),
    )
    return dict(items[:limit] if limit else items)


def assemble(key: Key | tuple[str, str], raw: RawProfile, flt: ProfileFilter = NO_FILTER) -> dict[str, Any]:
    """The profile document of one group from its counts (the same for live and precomputed profiles)."""
    role, level = key
    profile: dict[str, Any] = {
        "role": role,
        "level": level if level and level != "*" else None,
        "filters": {"country": flt.country, "since": flt.since},
        "n_postings": raw.n,
        "n_with_text": raw.n_text,  # the basis of skill shares: postings with a description or skill tags
        "window": {"from": raw.first, "to": raw.last},
    }
    if raw.n == 0:
        return profile
    for name in DIMENSIONS:
        if name in ("volume_by_year", "years"):
            continue
        profile[name] = _ranked(raw.dims[name], TOP.get(name))
    profile["volume_by_year"] = dict(sorted(_ranked(raw.dims["volume_by_year"]).items()))
    stated = {int(k): v for k, v in raw.dims["years"].items() if k is not None}
    buckets = {name: sum(v for y, v in stated.items() if lo <= y < hi) for name, lo, hi in YEAR_BUCKETS}
    buckets["unknown"] = raw.dims["years"].get(None, 0)
    profile["years"] = {"buckets": buckets, "by_year": {str(k): stated[k] for k in sorted(stated)}}
    ordered = sorted(raw.skills.items(), key=lambda kv: (-kv[1][0], kv[0]))
    profile["skills"] = {sid: {"n": n, "required": req, "preferred": pref} for sid, (n, req, pref) in ordered}
    profile["skill_evidence"] = raw.evidence_of([sid for sid, _ in ordered[:EVIDENCE_SKILLS]])
    profile["fields_of_study"] = _ranked(raw.fields, TOP["fields_of_study"])
    profile["n_with_responsibilities"] = raw.n_resp
    profile["themes"] = _ranked(raw.themes)
    by_theme: dict[str, list[list[Any]]] = {}
    for (theme, term), n in sorted(raw.phrases.items(), key=lambda kv: (-kv[1], kv[0][1])):
        if len(by_theme.setdefault(theme, [])) < TOP_PHRASES:
            by_theme[theme].append([term, n])
    profile["phrases"] = dict(sorted(by_theme.items()))
    profile["posted_salary"] = posted_salary(raw)
    return profile


def posted_salary(raw: RawProfile) -> dict[str, Any]:
    """The posted-salary section of a profile: midpoints and range widths in annual USD, currencies, kinds."""
    # sorted first: the mean of the same values is then the same float whichever order they were read in
    return {
        "summary": summarize(np.sort(np.asarray(raw.pay_mid, np.float64))).to_dict(),
        "range_width": summarize(np.sort(np.asarray(raw.pay_width, np.float64))).to_dict(),
        "currencies": _ranked(raw.pay_currency),
        "kinds": _ranked(raw.pay_kind),
    }


def raw_profiles(conn: Any, where: str = "1", params: Sequence[Any] = ()) -> dict[Key, RawProfile]:
    """The counts of every (role, level) among the postings matching `where` (SQL over alias p), in one pass
    per kind of count: grouped queries, not one query per role. Without skill evidence (see
    `compute_profile`)."""
    groups: dict[Key, RawProfile] = {}

    def group(role: str, level: str | None) -> RawProfile:
        g = groups.get((role, level))
        if g is None:
            g = groups[(role, level)] = RawProfile()
        return g

    for role, level, n, first, last, n_text in conn.execute(
        f"SELECT p.role, p.level, COUNT(*), MIN(p.posted_at), MAX(p.posted_at), COALESCE(SUM(p.has_text), 0) "
        f"FROM postings p WHERE {where} GROUP BY 1, 2",
        params,
    ):
        g = group(role, level)
        g.n, g.first, g.last, g.n_text = int(n), first, last, int(n_text)
    for name, expr in DIMENSIONS.items():
        for role, level, value, n in conn.execute(
            f"SELECT p.role, p.level, {expr}, COUNT(*) FROM postings p WHERE {where} GROUP BY 1, 2, 3", params
        ):
            group(role, level).dims[name][value] = int(n)
    for role, level, sid, n, req, pref in conn.execute(
        f"""SELECT p.role, p.level, s.skill_id, COUNT(*), SUM(s.required = 1), SUM(s.required = 0)
            FROM postings p CROSS JOIN posting_skills s ON s.posting_id = p.id WHERE {where} GROUP BY 1, 2, 3""",
        params,
    ):
        group(role, level).skills[sid] = [int(n), int(req or 0), int(pref or 0)]
    for role, level, term, n in conn.execute(
        f"""SELECT p.role, p.level, t.term, COUNT(*) FROM postings p CROSS JOIN posting_terms t
            ON t.posting_id = p.id AND t.kind = 'field' WHERE {where} GROUP BY 1, 2, 3""",
        params,
    ):
        group(role, level).fields[term] = int(n)
    for role, level, theme, term, n in conn.execute(
        f"""SELECT p.role, p.level, t.theme, t.term, COUNT(*) FROM postings p CROSS JOIN posting_terms t
            ON t.posting_id = p.id AND t.kind = 'phrase' WHERE {where} GROUP BY 1, 2, 3, 4""",
        params,
    ):
        group(role, level).phrases[(theme, term)] = int(n)
    for role, level, theme, n in conn.execute(
        f"""SELECT p.role, p.level, t.theme, COUNT(DISTINCT t.posting_id) FROM postings p CROSS JOIN posting_terms t
            ON t.posting_id = p.id AND t.kind = 'phrase' WHERE {where} GROUP BY 1, 2, 3""",
        params,
    ):
        group(role, level).themes[theme] = int(n)
    for role, level, n in conn.execute(
        f"""SELECT p.role, p.level, COUNT(DISTINCT t.posting_id) FROM postings p CROSS JOIN posting_terms t
            ON t.posting_id = p.id AND t.kind = 'phrase' WHERE {where} GROUP BY 1, 2""",
        params,
    ):
        group(role, level).n_resp = int(n)
    pay: dict[Key, list[tuple[float, float]]] = {}
    for role, level, mid, width, currency, kind in conn.execute(
        f"""SELECT p.role, p.level, p.annual_usd_mid, p.annual_usd_max - p.annual_usd_min, p.salary_currency,
                   p.salary_kind FROM postings p WHERE {where} AND p.annual_usd_mid IS NOT NULL""",
        params,
    ):
        g = group(role, level)
        pay.setdefault((role, level), []).append((float(mid), float(width)))
        g.pay_currency[currency] += 1
        g.pay_kind[kind] += 1
    for key, values in pay.items():
        groups[key].pay_mid = np.array([v[0] for v in values], np.float64)
        groups[key].pay_width = np.array([v[1] for v in values], np.float64)
    return groups


def _skill_evidence(conn: Any, where: str, params: Sequence[Any], skills: list[str]) -> dict[str, list[int]]:
    """A few posting ids behind each skill share: the most recently stored matching postings that ask for it.

    Read from the skill's side, newest first through its (skill, posting) index, stopping at SAMPLE_IDS hits."""
    out: dict[str, list[int]] = {}
    for skill in skills:
        rows = conn.execute(
            f"""SELECT p.id FROM posting_skills s INDEXED BY posting_skills_skill CROSS JOIN postings p
                ON p.id = s.posting_id WHERE s.skill_id = ? AND {where}
                ORDER BY s.posting_id DESC LIMIT {SAMPLE_IDS}""",
            [skill, *params],
        ).fetchall()
        out[skill] = [int(r[0]) for r in rows]
    return out


def _filter_sql(role: str, flt: ProfileFilter) -> tuple[str, list[Any]]:
    clauses, params = ["p.role = ?"], [role]
    if flt.country:
        clauses.append("p.country = ?")
        params.append(flt.country.upper())
    if flt.since:
        clauses.append("p.posted_at >= ?")
        params.append(flt.since)
    return " AND ".join(clauses), params


def compute_profile(
    conn: Any, role: str, level: str | None, flt: ProfileFilter = NO_FILTER
) -> dict[str, Any]:
    """The profile of `role` at `level` (every level for None/'*') under `flt`, computed now."""
    where, params = _filter_sql(role, flt)
    if level and level != "*":
        where += " AND p.level = ?"
        params.append(level)
    total = RawProfile()
    for raw in raw_profiles(conn, where, params).values():
        total.add(raw)
    top = sorted(total.skills, key=lambda sid: (-total.skills[sid][0], sid))[:EVIDENCE_SKILLS]
    total.evidence = _skill_evidence(conn, where, params, top)
    return assemble((role, level or "*"), total, flt)


def refresh_aggregates(conn: Any, *, full: bool = False) -> int:
    """Bring every precomputed aggregate up to date with the store (analytics.aggregates.refresh); returns
    how many (role, level) profiles were written."""
    from roledex.analytics.aggregates import refresh

    return refresh(conn, full=full)


def skill_background(conn: Any) -> dict[str, int]:
    """Postings per skill over the whole store: the prior of the log-odds (precomputed by the refresh)."""
    row = conn.execute("SELECT value FROM aggregate_state WHERE name = 'skill_background'").fetchone()
    if row is not None:
        return dict(json.loads(row[0]))
    return {r[0]: int(r[1]) for r in conn.execute("SELECT skill_id, COUNT(*) FROM posting_skills GROUP BY 1")}


def load_profile(
    conn: Any,
    role: str,
    level: str | None,
    flt: ProfileFilter = NO_FILTER,
    *,
    fresh: bool | None = None,
    memo: dict[Any, Any] | None = None,
) -> dict[str, Any]:
    """The profile from the precomputed aggregates while they are fresh, else a direct computation.

    Unfiltered: the stored document. Filtered: a sum of profile cells (analytics.cells). `fresh` saves the
    freshness check when the caller has made it; `memo` keeps counts made now for the next call."""
    from roledex.analytics import aggregates, cells

    if fresh is None:
        fresh = aggregates.is_fresh(conn)
    if fresh and flt.empty:
        row = conn.execute(
            "SELECT data FROM role_aggregates WHERE role = ? AND level = ?", (role, level or "*")
        ).fetchone()
        if row is not None:
            return dict(json.loads(row[0]))
    if fresh:
        raw = cells.filtered_profile(conn, role, level, flt, memo)
        if raw is not None:
            return assemble((role, level or "*"), raw, flt)
    return compute_profile(conn, role, level, flt)


def load_posted_salary(
    conn: Any,
    role: str,
    level: str | None,
    flt: ProfileFilter = NO_FILTER,
    *,
    fresh: bool | None = None,
    memo: dict[Any, Any] | None = None,
) -> dict[str, Any]:
    """`load_profile(...)["posted_salary"]` ({} without postings), without assembling the rest."""
    from roledex.analytics import aggregates, cells

    if fresh is None:
        fresh = aggregates.is_fresh(conn)
    if fresh and not flt.empty:
        raw = cells.filtered_pay(conn, role, level, flt, memo)
        if raw is not None:
            return posted_salary(raw) if raw.n else {}
    return dict(load_profile(conn, role, level, flt, fresh=fresh, memo=memo).get("posted_salary", {}))


def survey_rows(conn: Any, role: str, flt: ProfileFilter = NO_FILTER) -> list[tuple[str, int, float, str]]:
    """(level, work_year, salary_in_usd, currency) of every survey record of a role under `flt`: read once,
    then split by level in memory (a role has tens of thousands of records, a comparison asks for five cuts)."""
    clauses: list[str] = ["role = ?"]
    params: list[Any] = [role]
    if flt.country:
        clauses.append("employee_residence = ?")
        params.append(flt.country.upper())
    if flt.since:
        clauses.append("work_year >= ?")
        params.append(int(flt.since[:4]))
    sql = f"SELECT level, work_year, salary_in_usd, salary_currency FROM salary_records WHERE {' AND '.join(clauses)}"
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: the columns are NOT NULL TEXT, INTEGER, REAL, TEXT
    return cur.execute(sql, params).fetchall()
