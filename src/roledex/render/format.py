"""Number and label formatting shared by every renderer (Markdown, HTML, terminal)."""

from __future__ import annotations

from typing import Any

from roledex.models import EMPLOYMENT_LABELS, LEVEL_LABELS

DEGREE_LABELS = {"none": "No degree", "bachelor": "Bachelor's", "master": "Master's", "phd": "PhD"}


def usd_k(value: float | None) -> str:
    """120000 -> 'USD 120K'."""
    return "–" if value is None else f"USD {value / 1000:,.0f}K"


def usd_range(lo: float | None, hi: float | None) -> str:
    """'USD 120K - 150K' (one figure when both ends agree)."""
    if lo is None or hi is None:
        return "–"
    if round(lo / 1000) == round(hi / 1000):
        return usd_k(lo)
    return f"USD {lo / 1000:,.0f}K - {hi / 1000:,.0f}K"


def pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


def level_label(level: str | None) -> str:
    return LEVEL_LABELS.get(level or "", "Level not stated")


def employment_label(code: str | None) -> str:
    return EMPLOYMENT_LABELS.get(code or "", "Type not stated")


def salary_card(salary: dict[str, Any] | None) -> str:
    """A posting's pay as a job card shows it: annual USD range, original currency noted."""
    if not salary:
        return "Salary not stated"
    text = usd_range(salary.get("annual_usd_min"), salary.get("annual_usd_max"))
    if salary.get("currency") and salary["currency"] != "USD":
        text += f" (from {salary['currency']})"
    if salary.get("kind") == "estimated":
        text += " · estimate"
    return text
