"""Charts as Vega-Lite specifications, rendered offline to SVG with vl-convert (no JavaScript, no CDN).

Each builder returns a `Chart`: the spec, a text alternative and the rows it plots, so a page can show the
SVG and, for screen readers and no-graphics readers, the same numbers as a table. Rendering is cached by
spec: the same comparison renders its charts once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from roledex.models import LEVEL_LABELS, LEVELS
from roledex.render.format import DEGREE_LABELS

PALETTE = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed"]
WIDTH = 560


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    alt: str
    spec: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def svg(self) -> str:
        return render_svg(json.dumps(self.spec, sort_keys=True))


@lru_cache(maxsize=512)
def render_svg(spec_json: str) -> str:
    """SVG of a Vega-Lite spec (JSON text, so the cache key is hashable)."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(json.loads(spec_json)))


def base_spec(title: str, values: list[dict[str, Any]], height: int = 260) -> dict[str, Any]:
    """A Vega-Lite spec with roledex's size, font and data; the caller adds marks and encodings."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": WIDTH,
        "height": height,
        "data": {"values": values},
        "config": {"font": "sans-serif", "view": {"stroke": None}, "axis": {"labelLimit": 200}},
    }


def color_scale(domain: list[str], field: str = "role") -> dict[str, Any]:
    """One colour per role (or layer) in roledex's palette, in the order given, legend on top."""
    return {
        "field": field,
        "type": "nominal",
        "scale": {"domain": domain, "range": PALETTE[: len(domain)]},
        "legend": {"orient": "top", "title": None},
    }


def box_row(
    n: int, p10: float | None, p25: float | None, median: float, p75: float | None, p90: float | None
) -> dict[str, Any]:
    """The numbers of one box: whiskers at P10/P90, or at the box where n < 10 leaves them unpublished
    (a published median always comes with its quartiles)."""
    return {
        "n": n,
        "p10": p10 if p10 is not None else p25,
        "p25": p25,
        "median": median,
        "p75": p75,
        "p90": p90 if p90 is not None else p75,
    }


def box_layers(y_axis: dict[str, Any]) -> list[dict[str, Any]]:
    """Box-plot marks over `box_row` rows: a P10-P90 rule, a P25-P75 bar and a white median tick."""
    return [
        {
            "mark": {"type": "rule"},
            "encoding": {"y": {"field": "p10", "type": "quantitative", **y_axis}, "y2": {"field": "p90"}},
        },
        {
            "mark": {"type": "bar", "size": 14},
            "encoding": {"y": {"field": "p25", "type": "quantitative"}, "y2": {"field": "p75"}},
        },
        {
            "mark": {"type": "tick", "color": "white", "size": 14, "thickness": 2},
            "encoding": {"y": {"field": "median", "type": "quantitative"}},
        },
    ]


def salary_by_level(doc: dict[str, Any], layer: str = "survey") -> Chart | None:
    """Box plot from the percentiles of each role and level: whiskers P10–P90, box P25–P75, median tick."""
    labels = {r["slug"]: r["label"] for r in doc["roles"]}
    rows = []
    for r in doc["sections"]["salary"]["by_role"]:
        for lv in r["by_level"]:
            st = lv[layer]
            if st["suppressed"] or st["median"] is None:
                continue
            rows.append(
                {"role": labels[r["role"]], "level": LEVEL_LABELS[lv["level"]]}
                | box_row(st["n"], st["p10"], st["p25"], st["median"], st["p75"], st["p90"])
            )
    if not rows:
        return None
    roles = list(dict.fromkeys(r["role"] for r in rows))
    order = [LEVEL_LABELS[lv] for lv in LEVELS]
    x = {"field": "level", "type": "ordinal", "sort": order, "title": None}
    y_axis = {"title": "annual USD", "axis": {"format": "$~s"}}
    spec = base_spec(f"Salary by level ({layer})", rows)
    spec["encoding"] = {"x": x, "xOffset": {"field": "role", "sort": roles}, "color": color_scale(roles)}
    spec["layer"] = box_layers(y_axis)
    alt = "; ".join(f"{r['role']}, {r['level']}: median ${r['median']:,.0f} (n={r['n']:,})" for r in rows)
    return Chart(f"salary-{layer}", f"Salary by level ({layer})", alt, spec, rows)


def skill_shares(doc: dict[str, Any], top: int = 12) -> Chart | None:
    labels = {r["slug"]: r["label"] for r in doc["roles"]}
    rows = []
    for r in doc["sections"]["skills"]["by_role"]:
        for s in r["skills"][:top]:
            rows.append({"role": labels[r["role"]], "skill": s["name"], "share": s["share"], "n": s["n"]})
    if not rows:
        return None
    roles = list(dict.fromkeys(r["role"] for r in rows))
    skills = list(dict.fromkeys(r["skill"] for r in sorted(rows, key=lambda r: -r["share"])))
    spec = base_spec(
        "Share of postings asking for each skill",
        rows,
        height=max(220, 16 * len(skills) * len(roles) // 2 + 40),
    )
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "y": {"field": "skill", "type": "nominal", "sort": skills, "title": None},
        "yOffset": {"field": "role", "sort": roles},
        "x": {
            "field": "share",
            "type": "quantitative",
            "title": "share of postings",
            "axis": {"format": "%"},
        },
        "color": color_scale(roles),
    }
    alt = "; ".join(f"{r['role']}: {r['skill']} {r['share']:.0%}" for r in rows)
    return Chart("skills", "Skill shares", alt, spec, rows)


def education(doc: dict[str, Any]) -> Chart | None:
    labels = {r["slug"]: r["label"] for r in doc["roles"]}
    rows = []
    for r in doc["sections"]["education"]["by_role"]:
        if r["n_stating_degree"] == 0:
            continue
        for d, lab in DEGREE_LABELS.items():
            rows.append(
                {
                    "role": labels[r["role"]],
                    "degree": lab,
                    "share": r["min_degree"][d]["share"],
                    "n": r["min_degree"][d]["n"],
                }
            )
    if not rows:
        return None
    roles = list(dict.fromkeys(r["role"] for r in rows))
    spec = base_spec("Minimum degree asked (postings that state one)", rows, height=200)
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "x": {"field": "degree", "type": "ordinal", "sort": list(DEGREE_LABELS.values()), "title": None},
        "xOffset": {"field": "role", "sort": roles},
        "y": {"field": "share", "type": "quantitative", "axis": {"format": "%"}, "title": "share"},
        "color": color_scale(roles),
    }
    alt = "; ".join(f"{r['role']}: {r['degree']} {r['share']:.0%}" for r in rows)
    return Chart("education", "Education", alt, spec, rows)


def experience(doc: dict[str, Any]) -> Chart | None:
    labels = {r["slug"]: r["label"] for r in doc["roles"]}
    rows = []
    for r in doc["sections"]["experience"]["by_role"]:
        for bucket, b in r["buckets"].items():
            rows.append(
                {"role": labels[r["role"]], "years": f"{bucket} yrs", "share": b["share"], "n": b["n"]}
            )
    if not any(r["n"] for r in rows):
        return None
    roles = list(dict.fromkeys(r["role"] for r in rows))
    spec = base_spec("Minimum years of experience asked", rows, height=200)
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "x": {"field": "years", "type": "ordinal", "title": None, "sort": None},
        "xOffset": {"field": "role", "sort": roles},
        "y": {"field": "share", "type": "quantitative", "axis": {"format": "%"}, "title": "share"},
        "color": color_scale(roles),
    }
    alt = "; ".join(f"{r['role']}: {r['years']} {r['share']:.0%}" for r in rows)
    return Chart("experience", "Experience", alt, spec, rows)


def demand(doc: dict[str, Any]) -> Chart | None:
    labels = {r["slug"]: r["label"] for r in doc["roles"]}
    rows = []
    for r in doc["sections"]["outlook"]["by_role"]:
        for year, n in r["postings_by_year"].items():
            if year != "unknown":
                rows.append({"role": labels[r["role"]], "year": year, "n": n})
    if not rows:
        return None
    roles = list(dict.fromkeys(r["role"] for r in rows))
    spec = base_spec("Postings by year in the ingested sources", rows, height=200)
    spec["mark"] = {"type": "line", "point": True}
    spec["encoding"] = {
        "x": {"field": "year", "type": "ordinal", "title": None},
        "y": {"field": "n", "type": "quantitative", "title": "postings"},
        "color": color_scale(roles),
    }
    alt = "; ".join(f"{r['role']} {r['year']}: {r['n']:,}" for r in rows)
    return Chart("demand", "Demand over time", alt, spec, rows)


def comparison_charts(doc: dict[str, Any]) -> list[Chart]:
    built = [
        salary_by_level(doc, "survey"),
        salary_by_level(doc, "posted"),
        skill_shares(doc),
        education(doc),
        experience(doc),
        demand(doc),
    ]
    return [c for c in built if c is not None]
