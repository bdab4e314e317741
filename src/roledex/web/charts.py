"""Charts of the salary page, built like the comparison's (render.charts): Vega-Lite rendered offline to
SVG by vl-convert, each with a text alternative and the rows it plots (shown as a table under it)."""

from __future__ import annotations

from roledex.analytics.salaries import SalaryInsights
from roledex.models import LEVEL_LABELS
from roledex.render.charts import Chart, base_spec, box_layers, box_row, color_scale

LAYER_NAMES = {"survey": "Salary survey", "posted": "Posted ranges"}


def group_label(by: str | None, key: str | None) -> str:
    if key is None:
        return "All"
    if by == "level":
        return LEVEL_LABELS.get(key, key)
    if by == "remote":
        return {"0": "On site (0%)", "50": "Hybrid (50%)", "100": "Remote (100%)"}.get(key, key)
    if by == "company_size":
        return {"S": "Small (<50)", "M": "Medium (50-250)", "L": "Large (>250)"}.get(key, key)
    return key


def salary_groups_chart(insights: SalaryInsights) -> Chart | None:
    """Box plot per group and layer: whiskers P10-P90 (P25-P75 below n=10), box P25-P75, median tick."""
    by = insights.query.by
    rows = []
    for layer in insights.layers:
        groups = layer.groups if by else (layer.overall,)
        for g in groups:
            s = g.summary
            if s.suppressed or s.median is None:
                continue
            rows.append(
                {"layer": LAYER_NAMES[layer.layer], "group": group_label(by, g.key)}
                | box_row(s.n, s.p10, s.p25, s.median, s.p75, s.p90)
            )
    if not rows:
        return None
    rows = rows[:80]
    layers = [str(x) for x in dict.fromkeys(r["layer"] for r in rows)]
    order = list(dict.fromkeys(r["group"] for r in rows))
    title = f"Annual salary (USD) by {by.replace('_', ' ')}" if by else "Annual salary (USD)"
    spec = base_spec(title, rows, height=280)
    y_axis = {"title": "annual USD", "axis": {"format": "$~s"}}
    spec["encoding"] = {
        "x": {
            "field": "group",
            "type": "ordinal",
            "sort": order,
            "title": None,
            "axis": {"labelAngle": -30 if len(order) > 6 else 0},
        },
        "xOffset": {"field": "layer", "sort": layers},
        "color": color_scale(layers, "layer"),
    }
    spec["layer"] = box_layers(y_axis)
    alt = "; ".join(
        f"{r['layer']}, {r['group']}: median ${r['median']:,.0f}, middle half ${r['p25']:,.0f} to ${r['p75']:,.0f} (n={r['n']:,})"
        for r in rows
    )
    return Chart("salary-groups", title, alt, spec, rows)


def salary_trend_chart(insights: SalaryInsights) -> Chart | None:
    """Median by year per layer, with the 95% interval of each median as an error bar."""
    rows = []
    for layer in insights.layers:
        for p in layer.trend:
            s = p.summary
            if s.suppressed or s.median is None:
                continue
            rows.append(
                {
                    "layer": LAYER_NAMES[layer.layer],
                    "year": str(p.year),
                    "n": s.n,
                    "median": s.median,
                    "ci_low": s.median_ci.low if s.median_ci else s.median,
                    "ci_high": s.median_ci.high if s.median_ci else s.median,
                }
            )
    if len(rows) < 2:
        return None
    layers = [str(x) for x in dict.fromkeys(r["layer"] for r in rows)]
    spec = base_spec("Median salary by year (with 95% interval)", rows, height=220)
    x = {"field": "year", "type": "ordinal", "title": None}
    spec["encoding"] = {"x": x, "color": color_scale(layers, "layer")}
    spec["layer"] = [
        {
            "mark": {"type": "rule"},
            "encoding": {
                "y": {
                    "field": "ci_low",
                    "type": "quantitative",
                    "title": "annual USD",
                    "axis": {"format": "$~s"},
                },
                "y2": {"field": "ci_high"},
            },
        },
        {
            "mark": {"type": "line", "point": True},
            "encoding": {"y": {"field": "median", "type": "quantitative"}},
        },
    ]
    alt = "; ".join(
        f"{r['layer']} {r['year']}: median ${r['median']:,.0f} (95% interval ${r['ci_low']:,.0f} to ${r['ci_high']:,.0f}, n={r['n']:,})"
        for r in rows
    )
    return Chart("salary-trend", "Median salary by year", alt, spec, rows)
