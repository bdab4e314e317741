"""Pay -> Salary: annualize (ids.md factors) and convert to USD with the record year's ECB annual average.

    to_salary(Pay(25, 30, "USD", "hour"), year=2024, fx=fx)   Salary(..., annual_usd_min=52000, ...), None
    to_salary(Pay(120000, 150000, None), year=2024, fx=fx)    None, "ambiguous currency: ..."

A Pay that is not a usable fact comes back as (None, note) with the note saying why, so the pipeline keeps
the reason (Posting.salary_note) instead of a wrong number: no currency (a "$" outside a dollar country), a
currency with no ECB rate, or an absurd annual USD value (below 1,000 or above 5,000,000: a monthly figure
read as yearly, a typo, a price).
"""

from __future__ import annotations

import math

from roledex.models import ANNUAL_FACTOR, Pay, Salary
from roledex.taxonomy import FxRates

ANNUAL_USD_FLOOR = 1_000.0
ANNUAL_USD_CEILING = 5_000_000.0


def annualize(pay: Pay) -> tuple[float, float]:
    """The pay's min and max per year in its own currency (hour x 2080, day x 260, week x 52, month x 12)."""
    factor = ANNUAL_FACTOR[pay.period]
    return pay.min * factor, pay.max * factor


def to_salary(pay: Pay, *, year: int | None, fx: FxRates) -> tuple[Salary | None, str | None]:
    """Annualize and convert to USD; (salary, None) for a usable fact, else (None, why not)."""
    if not (_finite(pay.min) and _finite(pay.max)) or pay.min <= 0 or pay.max <= 0:
        return None, f"salary {pay.min:g}-{pay.max:g} is not a positive amount"
    if pay.period not in ANNUAL_FACTOR:
        return None, f"unknown pay period '{pay.period}'; expected one of {', '.join(ANNUAL_FACTOR)}"
    if pay.currency is None:
        return None, (
            "ambiguous currency: a bare '$' outside the US, Canada, Australia, Singapore, New Zealand or Hong "
            "Kong; the posting must name the currency (USD, CAD ...)"
        )
    currency = pay.currency.upper()
    rate = fx.rate(currency, year)
    if rate is None:
        return None, f"no ECB exchange rate for currency '{currency}'; cannot convert to USD"
    low, high = sorted((pay.min, pay.max))
    annual_low, annual_high = (v * ANNUAL_FACTOR[pay.period] * rate for v in (low, high))
    if annual_low < ANNUAL_USD_FLOOR or annual_high > ANNUAL_USD_CEILING:
        return None, (
            f"absurd annual salary {annual_low:,.0f}-{annual_high:,.0f} USD from {low:g}-{high:g} {currency} "
            f"per {pay.period}; outside {ANNUAL_USD_FLOOR:,.0f}-{ANNUAL_USD_CEILING:,.0f}"
        )
    salary = Salary(
        min=low,
        max=high,
        currency=currency,
        period=pay.period,
        annual_usd_min=round(annual_low, 2),
        annual_usd_max=round(annual_high, 2),
        kind=pay.kind,
    )
    return salary, None


def _finite(x: float) -> bool:
    return isinstance(x, int | float) and math.isfinite(x)
