"""A comparison or profile document (analytics.compare) as Markdown, every figure with its n."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from roledex.render.format import (
    DEGREE_LABELS,
    employment_label,
    level_label,
    pct,
    salary_card,
    usd_k,
    usd_range,
)


def _jobs_link(query: dict[str, Any], base: str) -> str:
    return f"{base}/jobs?{urlencode({k: v for k, v in query.items() if v is not None})}"


def _esc(text: Any) -> str:
    """Escape Markdown table and emphasis characters in untrusted text."""
    return (
        str(text)
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("<", "&lt;")
        .replace("\n", " ")
    )


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def render_markdown(doc: dict[str, Any], *, base_url: str = "") -> str:
    s = doc["sections"]
    labels = {r["slug"]: r["label"] for r in doc["roles"]}
    lines: list[str] = [f"# {doc['title']}", ""]
    data = doc["data"]
    win = data["postings_window"]
    sources = ", ".join(f"{k} ({v:,})" for k, v in data["posting_sources"].items())
    survey = data["salary_survey"]
    lines += [
        f"*Computed by roledex on {doc['generated_at'][:10]} from {sum(r['n_postings'] for r in doc['roles']):,} postings "
        f"posted {win['from'] or '?'} to {win['to'] or '?'} ({sources or 'no postings'}) and "
        f"{survey['records']:,} salary-survey records ({survey['from_year']}–{survey['to_year']}, {survey['source']}).*",
        "",
    ]
    if any(doc["filters"].values()):
        lines += [f"Filters: {', '.join(f'{k}={v}' for k, v in doc['filters'].items() if v)}", ""]
    lines += _table(
        ["role", "normalized as", "postings"],
        [[_esc(r["label"]), r["normalized_as"], f"{r['n_postings']:,}"] for r in doc["roles"]],
    )

    lines += ["## Definitions", ""]
    for d in s["definitions"]:
        occ = "; ".join(f"{o['scheme'].upper()} {o['code']} {o['title']}" for o in d["occupations"][:3])
        lines += [f"**{labels.get(d['role'], d['name'])}** — {d['definition']}", ""]
        if occ:
            lines += [f"Closest standard occupations: {occ}.", ""]

    lines += ["## Responsibilities", ""]
    for r in s["responsibilities"]["by_role"]:
        lines += [f"### {labels[r['role']]} (n={r['n_postings']:,} postings with responsibilities)", ""]
        if "note" in r:
            lines += [f"_{r['note']}_", ""]
            continue
        for t in r["themes"][:6]:
            phrases = ", ".join(f"{_esc(p['phrase'])} ({pct(p['share'])})" for p in t["phrases"][:4])
            lines += [f"- **{_esc(t['name'])}** — {pct(t['share'])} of postings (n={t['n']:,}): {phrases}"]
        lines += [""]

    lines += ["## Required skills", ""]
    for r in s["skills"]["by_role"]:
        lines += [f"### {labels[r['role']]} (n={r['n_postings']:,})", ""]
        if "note" in r:
            lines += [f"_{r['note']}_", ""]
        rows = [
            [s_["name"], pct(s_["share"]), f"{s_['n']:,}", f"[postings]({_jobs_link(s_['query'], base_url)})"]
            for s_ in r["skills"]
        ]
        lines += _table(["skill", "share", "n", "evidence"], rows)
    for pair in s["skills"].get("pairs", []):
        a, b = labels[pair["a"]], labels[pair["b"]]
        lines += [f"### What distinguishes {a} from {b}", "", f"_{pair['method']}_", ""]
        rows = [[d["name"], f"{d['z']:+.1f}", d["count_a"], d["count_b"]] for d in pair["distinguishing_a"]]
        rows += [[d["name"], f"{d['z']:+.1f}", d["count_a"], d["count_b"]] for d in pair["distinguishing_b"]]
        lines += _table(["skill", "z (+ = " + a + ")", f"n {a}", f"n {b}"], rows)
        ov = pair["overlap"]
        lines += [
            f"Overlap: cosine similarity {ov['cosine']}, shared common skills: "
            f"{', '.join(ov['shared_common_skills']) or 'none'} ({ov['common_means']}).",
            "",
        ]

    lines += ["## Tools and software", ""]
    for r in s["tools"]["by_role"]:
        lines += [f"### {labels[r['role']]}", ""]
        for cat, items in r["by_category"].items():
            lines += [f"- **{cat}**: " + ", ".join(f"{i['name']} {pct(i['share'])}" for i in items)]
        lines += [""]

    lines += ["## Education", ""]
    header = ["role", "n stating a degree", *DEGREE_LABELS.values(), "top fields of study"]
    rows = []
    for r in s["education"]["by_role"]:
        fields = ", ".join(f"{f['field']} ({f['n']})" for f in r["fields_of_study"][:4])
        rows.append(
            [
                labels[r["role"]],
                f"{r['n_stating_degree']:,}",
                *(pct(r["min_degree"][d]["share"]) for d in DEGREE_LABELS),
                fields,
            ]
        )
    lines += _table(header, rows)

    lines += ["## Experience", ""]
    rows = []
    for r in s["experience"]["by_role"]:
        rows.append(
            [
                labels[r["role"]],
                f"{r['n_stating_years']:,}",
                r["median_min_years"] if r["median_min_years"] is not None else "–",
                *(pct(b["share"]) for b in r["buckets"].values()),
            ]
        )
    buckets = list(s["experience"]["by_role"][0]["buckets"]) if s["experience"]["by_role"] else []
    lines += _table(["role", "n stating years", "median min. years", *[f"{b} yrs" for b in buckets]], rows)

    lines += ["## Industries and company sizes", ""]
    for r in s["industries"]["by_role"]:
        ind = (
            ", ".join(f"{_esc(i['industry'])} {pct(i['share'])}" for i in r["industries"][:6])
            or "not stated in these sources"
        )
        sizes = (
            ", ".join(f"{_esc(i['size'])} {pct(i['share'])}" for i in r["company_sizes"][:6]) or "not stated"
        )
        lines += [
            f"- **{labels[r['role']]}** — industries (n={r['n_with_industry']:,}): {ind}; "
            f"company sizes (n={r['n_with_company_size']:,}): {sizes}"
        ]
    lines += [""]

    lines += [
        "## Salary",
        "",
        f"_{s['salary']['currency']}. Survey: {s['salary']['layers']['survey']}. "
        f"Posted: {s['salary']['layers']['posted']}._",
        "",
    ]
    for r in s["salary"]["by_role"]:
        lines += [f"### {labels[r['role']]}", ""]
        rows = []
        for lv in r["by_level"]:
            for layer in ("survey", "posted"):
                st = lv[layer]
                if st["suppressed"]:
                    rows.append(
                        [lv["level_label"], layer, st["n"], "–", "–", "–", "–", "–", "suppressed: n < 5"]
                    )
                    continue
                ci = st["median_ci"]
                rows.append(
                    [
                        lv["level_label"],
                        layer,
                        f"{st['n']:,}",
                        usd_k(st["p10"]),
                        usd_k(st["p25"]),
                        usd_k(st["median"]),
                        usd_k(st["p75"]),
                        usd_k(st["p90"]),
                        usd_range(ci["low"], ci["high"]) if ci else "–",
                    ]
                )
        lines += _table(
            ["level", "layer", "n", "P10", "P25", "median", "P75", "P90", "95% CI of median"], rows
        )

    lines += ["## Outlook", ""]
    for r in s["outlook"]["by_role"]:
        vol = ", ".join(f"{y}: {n:,}" for y, n in r["postings_by_year"].items())
        trend = ", ".join(
            f"{t['year']}: {usd_k(t['median'])} (n={t['n']:,}{', change beyond noise' if t['beyond_noise'] else ''})"
            for t in r["survey_median_by_year"]
            if not t["suppressed"]
        )
        lines += [
            f"### {labels[r['role']]}",
            "",
            f"- Postings by year: {vol or 'none'}",
            f"- Survey median by year: {trend or 'too few records'}",
        ]
        proj = r["official_projection"]
        if proj:
            lines += [f"- Official projection: {proj.get('summary') or _projection_text(proj)}"]
        lines += [""]
    lines += [f"_{s['outlook']['note']}._", ""]

    lines += ["## Practical tips", ""]
    for pair in s["tips"]["pairs"]:
        lines += [f"### From {pair['from_label']} to {pair['to_label']}", ""]
        if pair["thin"]:
            lines += ["_Too few postings on one side for firm advice._", ""]
        learn = (
            ", ".join(f"{d['skill']} ({pct(d['share_from'])} → {pct(d['share_to'])})" for d in pair["learn"])
            or "no skill common in the target that is rare in the current role"
        )
        keep = ", ".join(d["skill"] for d in pair["transfers"]) or "few common skills"
        dg, eg = pair["degree_gap"], pair["experience_gap"]
        lines += [
            f"- Learn: {learn}",
            f"- Transfers: {keep}",
            f"- Degree: master's or PhD asked by {pct(dg['advanced_share_from'])} vs {pct(dg['advanced_share_to'])}; "
            f"PhD {pct(dg['phd_share_from'])} vs {pct(dg['phd_share_to'])}",
            f"- Experience: median minimum years {eg['median_years_from'] or '–'} vs {eg['median_years_to'] or '–'}",
            "",
        ]

    lines += ["## Featured jobs", ""]
    for r in s["featured_jobs"].get("by_role", []):
        lines += [f"### {labels[r['role']]}", ""]
        for j in r["jobs"]:
            link = f"{base_url}/jobs/{j['id']}"
            lines += [
                f"- **[{_esc(j['title'])}]({link})** — {_esc(j.get('company') or 'Company not stated')}, "
                f"{_esc(j.get('location') or 'Location not stated')} · {employment_label(j.get('employment_type'))} · "
                f"{level_label(j.get('level'))} · {salary_card(j.get('salary'))}"
            ]
        lines += [""]
    if s["featured_jobs"].get("note"):
        lines += [f"_{s['featured_jobs']['note']}_", ""]

    lines += ["## Conclusion", ""]
    lines += [f"- {c['text']} _(see {', '.join(c['refs'])})_" for c in doc["conclusion"]]
    return "\n".join(lines) + "\n"


def _projection_text(p: dict[str, Any]) -> str:
    parts = []
    if p.get("occupation"):
        parts.append(str(p["occupation"]))
    if p.get("employment_change_pct") is not None:
        parts.append(f"employment {p['employment_change_pct']:+}% {p.get('period', '')}".strip())
    if p.get("median_wage") is not None:
        parts.append(f"median wage USD {p['median_wage']:,} ({p.get('wage_year', '')})")
    if p.get("source"):
        parts.append(f"source: {p['source']}")
    return "; ".join(parts)
