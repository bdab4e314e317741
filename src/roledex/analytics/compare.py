"""Role comparisons: the career article "A vs. B", every section computed from the data, every number with n.

`compare(conn, specs, taxonomy)` returns one JSON-ready document that the Markdown, HTML and JSON renderers,
the web pages and the API all share. Each figure carries its count and a query (the job-search filters that
list the postings behind it) or sample posting ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from roledex.analytics.aggregates import is_fresh, stored_survey, survey_by_level, survey_layer, survey_window
from roledex.analytics.logodds import weighted_log_odds
from roledex.analytics.profiles import (
    NO_FILTER,
    ProfileFilter,
    load_posted_salary,
    load_profile,
    skill_background,
    survey_rows,
)
from roledex.analytics.rolespec import RoleSpec
from roledex.analytics.stats import summarize
from roledex.errors import QueryError
from roledex.extract.responsibilities import THEMES
from roledex.models import LEVEL_LABELS, LEVELS
from roledex.taxonomy import Taxonomy

MIN_POSTINGS = 10  # below this a share-based section says "too few postings" instead of showing noise
TOP_SKILLS = 15
TOOL_CATEGORIES = (
    "language",
    "ml-framework",
    "genai",
    "data-platform",
    "database",
    "cloud",
    "mlops",
    "bi",
    "devops",
    "library",
)
DEGREE_ORDER = ("none", "bachelor", "master", "phd")
COMMON = 0.2  # a skill asked by at least this share of a role's postings is "common" in it (tips, overlap)
THIN = "too few postings (n={n}, need {need}) to show shares without noise"


def _share(count: int, n: int) -> float:
    return round(count / n, 4) if n else 0.0


def _jobs_query(spec: RoleSpec, flt: ProfileFilter, **extra: str) -> dict[str, str]:
    q = {"role": spec.role}
    if spec.level:
        q["level"] = spec.level
    if flt.country:
        q["country"] = flt.country
    if flt.since:
        q["posted_since"] = flt.since
    q.update(extra)
    return q


def compare(
    store: Any,
    specs: Sequence[RoleSpec],
    taxonomy: Taxonomy,
    flt: ProfileFilter = NO_FILTER,
    *,
    featured: Any = None,
) -> dict[str, Any]:
    """Build the comparison document of two or more roles (one role gives a profile).

    `featured(store, role, level)` lists featured job cards (analytics.featured.featured_cards).
    """
    conn = store.conn
    if not specs:
        raise QueryError(
            "no roles to compare",
            hint="give at least one role, e.g. roledex compare ml-engineer data-scientist",
        )
    source = _Source(conn, flt)
    profiles = [source.profile(s.role, s.level) for s in specs]
    background = skill_background(conn)
    labels = [s.label(taxonomy) for s in specs]
    doc: dict[str, Any] = {
        "title": " vs. ".join(labels) if len(specs) > 1 else labels[0],
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "roles": [
            {
                **s.to_dict(),
                "label": label,
                "name": taxonomy.role(s.role).name,
                "normalized_as": taxonomy.role(s.role).name
                + (f" · {LEVEL_LABELS[s.level]}" if s.level else ""),
                "n_postings": p["n_postings"],
            }
            for s, label, p in zip(specs, labels, profiles, strict=True)
        ],
        "filters": {"country": flt.country, "since": flt.since},
    }
    doc["data"] = _data_window(conn, profiles)
    sections: dict[str, Any] = {}
    sections["definitions"] = [_definition(s, taxonomy) for s in specs]
    sections["responsibilities"] = _responsibilities(specs, profiles)
    sections["skills"] = _skills(specs, profiles, background, taxonomy, flt)
    sections["tools"] = _tools(specs, profiles, taxonomy)
    sections["education"] = _education(specs, profiles)
    sections["experience"] = _experience(specs, profiles)
    sections["industries"] = _industries(specs, profiles)
    sections["salary"] = _salary(source, specs, flt)
    sections["outlook"] = _outlook(source, specs, profiles, taxonomy)
    sections["tips"] = _tips(specs, labels, profiles, sections)
    sections["featured_jobs"] = _featured(store, specs, featured)
    doc["sections"] = sections
    doc["conclusion"] = _conclusion(labels, profiles, sections)
    return doc


class _Source:
    """Profiles and survey layers of one comparison, each read once: precomputed while the aggregates are
    fresh (unfiltered: stored documents; filtered: summed cells), computed otherwise."""

    def __init__(self, conn: Any, flt: ProfileFilter) -> None:
        self.conn, self.flt = conn, flt
        self.fresh = is_fresh(conn)
        self._profiles: dict[tuple[str, str | None], dict[str, Any]] = {}
        self._surveys: dict[str, dict[str, dict[str, Any]]] = {}
        self._records: dict[str, dict[str, list[tuple[str, int, float, str]]]] = {}
        self._parts: dict[Any, Any] = {}

    def profile(self, role: str, level: str | None) -> dict[str, Any]:
        key = (role, level)
        if key not in self._profiles:
            self._profiles[key] = load_profile(
                self.conn, role, level, self.flt, fresh=self.fresh, memo=self._parts
            )
        return self._profiles[key]

    def posted_salary(self, role: str, level: str | None) -> dict[str, Any]:
        if (role, level) in self._profiles:
            return dict(self._profiles[(role, level)].get("posted_salary", {}))
        return load_posted_salary(self.conn, role, level, self.flt, fresh=self.fresh, memo=self._parts)

    def survey(self, role: str, level: str | None) -> dict[str, Any]:
        """summary, currencies, trend and query of the survey records of a role (at a level)."""
        if role not in self._surveys:
            stored = stored_survey(self.conn, role) if self.flt.empty and self.fresh else None
            self._surveys[role] = dict(stored or {})
        layers = self._surveys[role]
        lv = level or "*"
        if lv not in layers:
            if role not in self._records:  # read once, split by level once
                self._records[role] = survey_by_level(survey_rows(self.conn, role, self.flt))
            layers[lv] = survey_layer(role, level, self.flt, self._records[role].get(lv, []))
        return layers[lv]


def _data_window(conn: Any, profiles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    starts = [p["window"]["from"] for p in profiles if p["window"]["from"]]
    ends = [p["window"]["to"] for p in profiles if p["window"]["to"]]
    sources: dict[str, int] = {}
    for p in profiles:
        for src, n in p.get("sources", {}).items():
            sources[src] = sources.get(src, 0) + n
    survey = survey_window(conn)
    return {
        "postings_window": {"from": min(starts) if starts else None, "to": max(ends) if ends else None},
        "posting_sources": dict(sorted(sources.items(), key=lambda kv: -kv[1])),
        "salary_survey": {
            "records": int(survey[0]),
            "from_year": survey[1],
            "to_year": survey[2],
            "source": "ai-jobs.net salaries (CC0)",
        },
    }


def _definition(spec: RoleSpec, taxonomy: Taxonomy) -> dict[str, Any]:
    role = taxonomy.role(spec.role)
    return {
        "role": spec.slug,
        "name": role.name,
        "definition": role.definition,
        "typical_titles": list(role.typical_titles[:8]),
        "occupations": [
            {"scheme": o.scheme, "code": o.code, "title": o.title, "url": o.url} for o in role.occupations
        ],
    }


def _responsibilities(specs: Sequence[RoleSpec], profiles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    out = []
    for spec, p in zip(specs, profiles, strict=True):
        n = int(p.get("n_with_responsibilities", 0))
        entry: dict[str, Any] = {"role": spec.slug, "n_postings": n}
        if n < MIN_POSTINGS:
            entry["note"] = THIN.format(n=n, need=MIN_POSTINGS)
            out.append(entry)
            continue
        themes = []
        for theme, count in p.get("themes", {}).items():
            if theme == "other":  # phrases no theme rule claims: shown in the JSON, not as a theme
                continue
            phrases = [
                {"phrase": ph, "n": c, "share": _share(c, n)}
                for ph, c in p.get("phrases", {}).get(theme, [])[:6]
            ]
            themes.append(
                {
                    "theme": theme,
                    "name": THEMES.get(theme, theme),
                    "n": count,
                    "share": _share(count, n),
                    "phrases": phrases,
                }
            )
        entry["themes"] = themes
        out.append(entry)
    return {"by_role": out, "basis": "postings with responsibility statements"}


def _skills(
    specs: Sequence[RoleSpec],
    profiles: Sequence[dict[str, Any]],
    background: dict[str, int],
    taxonomy: Taxonomy,
    flt: ProfileFilter,
) -> dict[str, Any]:
    by_role = []
    for spec, p in zip(specs, profiles, strict=True):
        n = p.get("n_with_text", 0)
        entry: dict[str, Any] = {
            "role": spec.slug,
            "n_postings": n,
            "basis": "postings with a description or skill tags",
        }
        if n < MIN_POSTINGS:
            entry["note"] = THIN.format(n=n, need=MIN_POSTINGS)
        skills = []
        for sid, c in list(p.get("skills", {}).items())[: TOP_SKILLS * 2]:
            sk = taxonomy.skills.get(sid)
            skills.append(
                {
                    "skill": sid,
                    "name": sk.name if sk else sid,
                    "category": sk.category if sk else "other",
                    "n": c["n"],
                    "share": _share(c["n"], n),
                    "required": c["required"],
                    "preferred": c["preferred"],
                    "postings": p.get("skill_evidence", {}).get(sid, []),
                    "query": _jobs_query(spec, flt, skills=sid),
                }
            )
        entry["skills"] = skills[:TOP_SKILLS] if n >= MIN_POSTINGS else skills[:5]
        entry["all_shares"] = {s["skill"]: s["share"] for s in skills}
        by_role.append(entry)
    out: dict[str, Any] = {"by_role": by_role}
    if len(specs) >= 2:
        pairs = []
        for i in range(1, len(specs)):
            a, b = profiles[0], profiles[i]
            ca = {k: v["n"] for k, v in a.get("skills", {}).items()}
            cb = {k: v["n"] for k, v in b.get("skills", {}).items()}
            lo = weighted_log_odds(ca, cb, background)

            def named(r: Any) -> dict[str, Any]:
                sk = taxonomy.skills.get(r.term)
                return {**r.to_dict(), "name": sk.name if sk else r.term}

            significant_a = [named(r) for r in lo if r.z > 1.96][:8]
            significant_b = [named(r) for r in reversed(lo) if r.z < -1.96][:8]
            pairs.append(
                {
                    "a": specs[0].slug,
                    "b": specs[i].slug,
                    "distinguishing_a": significant_a,
                    "distinguishing_b": significant_b,
                    "overlap": _overlap(by_role[0]["all_shares"], by_role[i]["all_shares"]),
                    "method": "weighted log-odds, informative Dirichlet prior from all postings (Monroe et al. 2008); "
                    "|z| > 1.96 shown",
                }
            )
        out["pairs"] = pairs
    for entry in by_role:
        entry.pop("all_shares", None)
    return out


def _overlap(a: dict[str, float], b: dict[str, float]) -> dict[str, Any]:
    """Cosine similarity of the two skill-share vectors and the shared top skills."""
    keys = set(a) | set(b)
    dot = sum(a.get(k, 0) * b.get(k, 0) for k in keys)
    na = sum(v * v for v in a.values()) ** 0.5
    nb = sum(v * v for v in b.values()) ** 0.5
    top_a = {k for k, v in a.items() if v >= COMMON}
    top_b = {k for k, v in b.items() if v >= COMMON}
    union = top_a | top_b
    return {
        "cosine": round(dot / (na * nb), 3) if na and nb else None,
        "shared_common_skills": sorted(top_a & top_b),
        "jaccard_common_skills": round(len(top_a & top_b) / len(union), 3) if union else None,
        "common_means": "asked for by at least 20% of the role's postings",
    }


def _tools(
    specs: Sequence[RoleSpec], profiles: Sequence[dict[str, Any]], taxonomy: Taxonomy
) -> dict[str, Any]:
    out = []
    for spec, p in zip(specs, profiles, strict=True):
        n = p.get("n_with_text", 0)
        groups: dict[str, list[dict[str, Any]]] = {}
        for sid, c in p.get("skills", {}).items():
            sk = taxonomy.skills.get(sid)
            if sk is None or sk.category not in TOOL_CATEGORIES:
                continue
            items = groups.setdefault(sk.category, [])
            if len(items) < 6:
                items.append({"skill": sid, "name": sk.name, "n": c["n"], "share": _share(c["n"], n)})
        ordered = {cat: groups[cat] for cat in TOOL_CATEGORIES if cat in groups}
        entry: dict[str, Any] = {"role": spec.slug, "n_postings": n, "by_category": ordered}
        if n < MIN_POSTINGS:
            entry["note"] = THIN.format(n=n, need=MIN_POSTINGS)
        out.append(entry)
    return {"by_role": out}


def _education(specs: Sequence[RoleSpec], profiles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    out = []
    for spec, p in zip(specs, profiles, strict=True):
        degrees = p.get("degrees", {})
        stated = sum(v for k, v in degrees.items() if k != "unknown")
        dist = {d: {"n": degrees.get(d, 0), "share": _share(degrees.get(d, 0), stated)} for d in DEGREE_ORDER}
        entry: dict[str, Any] = {
            "role": spec.slug,
            "n_postings": p["n_postings"],
            "n_stating_degree": stated,
            "min_degree": dist,
            "advanced_share": _share(degrees.get("master", 0) + degrees.get("phd", 0), stated),
            "fields_of_study": [{"field": f, "n": c} for f, c in p.get("fields_of_study", {}).items()],
        }
        if stated < MIN_POSTINGS:
            entry["note"] = THIN.format(n=stated, need=MIN_POSTINGS)
        out.append(entry)
    return {"by_role": out, "basis": "share of postings that state a minimum degree"}


def _median_years(by_year: dict[str, int]) -> float | None:
    """The median of the stated minimum years, from their counts (None below 5 postings)."""
    counts = sorted((int(y), c) for y, c in by_year.items() if c > 0)
    total = sum(c for _, c in counts)
    if total < 5:
        return None

    def nth(i: int) -> int:  # the i-th smallest value (0-based)
        seen = 0
        for y, c in counts:
            seen += c
            if i < seen:
                return y
        raise IndexError(i)

    mid = total // 2
    return float(nth(mid)) if total % 2 else (nth(mid - 1) + nth(mid)) / 2


def _experience(specs: Sequence[RoleSpec], profiles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    out = []
    for spec, p in zip(specs, profiles, strict=True):
        years = p.get("years", {"buckets": {}, "by_year": {}})
        stated = sum(v for k, v in years["buckets"].items() if k != "unknown")
        entry: dict[str, Any] = {
            "role": spec.slug,
            "n_stating_years": stated,
            "buckets": {
                k: {"n": v, "share": _share(v, stated)} for k, v in years["buckets"].items() if k != "unknown"
            },
            "median_min_years": _median_years(years.get("by_year", {})),
        }
        if stated < MIN_POSTINGS:
            entry["note"] = THIN.format(n=stated, need=MIN_POSTINGS)
        out.append(entry)
    return {"by_role": out, "basis": "postings that state a minimum number of years"}


def _industries(specs: Sequence[RoleSpec], profiles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    out = []
    for spec, p in zip(specs, profiles, strict=True):
        ind = {k: v for k, v in p.get("industries", {}).items() if k != "unknown"}
        sizes = {k: v for k, v in p.get("company_sizes", {}).items() if k != "unknown"}
        n_ind, n_size = sum(ind.values()), sum(sizes.values())
        out.append(
            {
                "role": spec.slug,
                "n_with_industry": n_ind,
                "industries": [
                    {"industry": k, "n": v, "share": _share(v, n_ind)} for k, v in list(ind.items())[:8]
                ],
                "n_with_company_size": n_size,
                "company_sizes": [{"size": k, "n": v, "share": _share(v, n_size)} for k, v in sizes.items()],
            }
        )
    return {"by_role": out}


def _salary(source: _Source, specs: Sequence[RoleSpec], flt: ProfileFilter) -> dict[str, Any]:
    out = []
    for spec in specs:
        levels = [spec.level] if spec.level else list(LEVELS)
        rows = []
        for level in levels:
            survey = source.survey(spec.role, level)
            posted = source.posted_salary(spec.role, level)
            rows.append(
                {
                    "level": level,
                    "level_label": LEVEL_LABELS[level],
                    "survey": {
                        **survey["summary"],
                        "currencies": survey["currencies"],
                        "query": survey["query"],
                    },
                    "posted": {
                        **posted.get("summary", summarize([]).to_dict()),
                        "range_width_median": (posted.get("range_width") or {}).get("median"),
                        "currencies": posted.get("currencies", {}),
                        "query": _jobs_query(RoleSpec(spec.text, spec.role, level, spec.kind), flt),
                    },
                }
            )
        overall = source.survey(spec.role, spec.level)
        out.append({"role": spec.slug, "by_level": rows, "survey_all_levels": overall["summary"]})
    return {
        "by_role": out,
        "layers": {
            "survey": "ai-jobs.net salary survey: salary_in_usd as published (the source's own conversion)",
            "posted": "posted ranges in postings, annualized and converted to USD with the ECB rate of the "
            "posting's year; each range counts by its midpoint",
        },
        "currency": "USD per year; statistics never mix currencies",
    }


def _outlook(
    source: _Source,
    specs: Sequence[RoleSpec],
    profiles: Sequence[dict[str, Any]],
    taxonomy: Taxonomy,
) -> dict[str, Any]:
    out = []
    for spec, p in zip(specs, profiles, strict=True):
        trend = source.survey(spec.role, spec.level)["trend"]
        role = taxonomy.role(spec.role)
        out.append(
            {
                "role": spec.slug,
                "postings_by_year": p.get("volume_by_year", {}),
                "survey_median_by_year": trend,
                "official_projection": role.outlook,
            }
        )
    return {
        "by_role": out,
        "note": "posting counts depend on which sets were ingested; read them as volume in "
        "these sources, not as the whole market",
    }


def _tips(
    specs: Sequence[RoleSpec],
    labels: Sequence[str],
    profiles: Sequence[dict[str, Any]],
    sections: dict[str, Any],
) -> dict[str, Any]:
    if len(specs) < 2:
        return {"pairs": []}
    pairs = []
    full_shares = [
        {k: _share(v["n"], p.get("n_with_text", 0)) for k, v in p.get("skills", {}).items()} for p in profiles
    ]
    for i in range(1, len(specs)):
        for a, b in ((0, i), (i, 0)):
            sa, sb = full_shares[a], full_shares[b]
            learn = sorted(
                (
                    {
                        "skill": k,
                        "share_from": sa.get(k, 0.0),
                        "share_to": v,
                        "gap": round(v - sa.get(k, 0.0), 4),
                    }
                    for k, v in sb.items()
                    if v >= COMMON and sa.get(k, 0.0) < COMMON
                ),
                key=lambda d: -d["gap"],
            )[:6]
            transfers = sorted(
                (
                    {"skill": k, "share_from": sa[k], "share_to": sb[k]}
                    for k in sa
                    if sa[k] >= COMMON and sb.get(k, 0) >= COMMON
                ),
                key=lambda d: -(d["share_from"] + d["share_to"]),
            )[:8]
            edu = sections["education"]["by_role"]
            exp = sections["experience"]["by_role"]
            pairs.append(
                {
                    "from": specs[a].slug,
                    "to": specs[b].slug,
                    "from_label": labels[a],
                    "to_label": labels[b],
                    "learn": learn,
                    "transfers": transfers,
                    "degree_gap": {
                        "advanced_share_from": edu[a]["advanced_share"],
                        "advanced_share_to": edu[b]["advanced_share"],
                        "phd_share_from": edu[a]["min_degree"]["phd"]["share"],
                        "phd_share_to": edu[b]["min_degree"]["phd"]["share"],
                    },
                    "experience_gap": {
                        "median_years_from": exp[a]["median_min_years"],
                        "median_years_to": exp[b]["median_min_years"],
                    },
                    "thin": profiles[a]["n_postings"] < MIN_POSTINGS
                    or profiles[b]["n_postings"] < MIN_POSTINGS,
                }
            )
    return {
        "pairs": pairs,
        "basis": f"a skill is common in a role when at least {COMMON:.0%} of its postings ask for it; learn = "
        "common in the target but not in the current role; transfers = common in both",
    }


def _featured(store: Any, specs: Sequence[RoleSpec], featured: Any) -> dict[str, Any]:
    if featured is None:
        return {"by_role": [], "note": "featured jobs were not asked for"}
    return {
        "by_role": [{"role": s.slug, "jobs": featured(store, s.role, s.level)} for s in specs],
        "basis": "current postings of each role, favouring a stated salary, a complete description, recency "
        "and a clear level; one per title and company",
    }


def _money(v: float | None) -> str:
    return f"USD {v / 1000:,.0f}K" if v is not None else "n/a"


def _pct(v: float) -> str:
    return f"{100 * v:.0f}%"


def _conclusion(
    labels: Sequence[str], profiles: Sequence[dict[str, Any]], sections: dict[str, Any]
) -> list[dict[str, Any]]:
    """Plain sentences generated from the numbers above; each names the section it comes from."""
    out: list[dict[str, Any]] = []
    for label, p, sk in zip(labels, profiles, sections["skills"]["by_role"], strict=True):
        if p["n_postings"] < MIN_POSTINGS:
            out.append(
                {
                    "text": f"{label}: only {p['n_postings']} postings match, too few for firm conclusions.",
                    "refs": ["skills"],
                }
            )
            continue
        top = sk["skills"][:3]
        if top:
            listed = ", ".join(f"{s['name']} ({_pct(s['share'])})" for s in top)
            out.append(
                {
                    "text": f"{label} postings (n={p['n_postings']:,}) ask most often for {listed}.",
                    "refs": ["skills"],
                }
            )
    for pair in sections["skills"].get("pairs", []):
        a = next(r["label"] for r in _roles_by_slug(labels, sections, pair["a"]))
        b = next(r["label"] for r in _roles_by_slug(labels, sections, pair["b"]))
        if pair["distinguishing_a"]:
            words = ", ".join(f"{d['name']} (z={d['z']:.1f})" for d in pair["distinguishing_a"][:3])
            out.append(
                {"text": f"Compared with {b}, {a} postings stand out for {words}.", "refs": ["skills"]}
            )
        if pair["distinguishing_b"]:
            words = ", ".join(f"{d['name']} (z={abs(d['z']):.1f})" for d in pair["distinguishing_b"][:3])
            out.append({"text": f"{b} postings stand out for {words}.", "refs": ["skills"]})
        if pair["overlap"]["cosine"] is not None:
            out.append(
                {
                    "text": f"The two skill profiles overlap with a cosine similarity of {pair['overlap']['cosine']:.2f}"
                    f" and share {len(pair['overlap']['shared_common_skills'])} common skills.",
                    "refs": ["skills"],
                }
            )
    medians = []
    for label, sal in zip(labels, sections["salary"]["by_role"], strict=True):
        s = sal["survey_all_levels"]
        if not s["suppressed"] and s["median"] is not None:
            medians.append((label, s["median"], s["n"]))
    if medians:
        text = "; ".join(f"{label}: median {_money(m)} (n={n:,})" for label, m, n in medians)
        out.append({"text": f"In the salary survey, {text}.", "refs": ["salary"]})
    edu = sections["education"]["by_role"]
    if len(edu) >= 2 and all(e["n_stating_degree"] >= MIN_POSTINGS for e in edu):
        parts = [
            f"{lab}: {_pct(e['advanced_share'])} ask for a master's or PhD (n={e['n_stating_degree']:,})"
            for lab, e in zip(labels, edu, strict=True)
        ]
        out.append(
            {"text": "Of postings that state a degree, " + "; ".join(parts) + ".", "refs": ["education"]}
        )
    for pair in sections["tips"].get("pairs", [])[:2]:
        if pair["learn"] and not pair["thin"]:
            skills = ", ".join(d["skill"] for d in pair["learn"][:3])
            out.append(
                {
                    "text": f"Moving from {pair['from_label']} to {pair['to_label']}: learn {skills} first.",
                    "refs": ["tips"],
                }
            )
    return out


def _roles_by_slug(labels: Sequence[str], sections: dict[str, Any], slug: str) -> list[dict[str, str]]:
    return [
        {"label": lab}
        for lab, e in zip(labels, sections["skills"]["by_role"], strict=True)
        if e["role"] == slug
    ]
