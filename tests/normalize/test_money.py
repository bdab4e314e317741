"""to_salary: annualizing (ids.md factors), ECB conversion, and the notes for pay that is not a fact."""

from __future__ import annotations

import pytest

from roledex.models import Pay
from roledex.normalize.money import to_salary
from roledex.taxonomy import FxRates

FX = FxRates(
    usd_per_unit={(2024, "EUR"): 1.08, (2023, "EUR"): 1.05, (2024, "INR"): 0.012}, years=(2023, 2024)
)


@pytest.mark.parametrize(
    ("pay", "year", "annual"),
    [
        (Pay(100000, 150000, "USD", "year"), 2024, (100000, 150000)),
        (Pay(25, 30, "USD", "hour"), 2024, (52000, 62400)),
        (Pay(400, 500, "USD", "day"), 2024, (104000, 130000)),
        (Pay(2000, 2000, "USD", "week"), 2024, (104000, 104000)),
        (Pay(5000, 6000, "USD", "month"), 2024, (60000, 72000)),
        (Pay(60000, 80000, "EUR", "year"), 2024, (64800, 86400)),
        (Pay(60000, 80000, "EUR", "year"), 2023, (63000, 84000)),
        (Pay(60000, 80000, "EUR", "year"), 2030, (64800, 86400)),  # nearest year with a rate
        (Pay(100000, 150000, "INR", "month"), 2024, (14400, 21600)),
    ],
)
def test_to_salary_annualizes_and_converts(pay: Pay, year: int, annual: tuple[float, float]) -> None:
    salary, note = to_salary(pay, year=year, fx=FX)
    assert note is None and salary is not None
    assert (salary.annual_usd_min, salary.annual_usd_max) == pytest.approx(annual)
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        pay.min,
        pay.max,
        pay.currency,
        pay.period,
    )


@pytest.mark.parametrize(
    ("pay", "fragment"),
    [
        (Pay(120000, 150000, None, "year"), "ambiguous currency"),
        (Pay(120000, 150000, "XYZ", "year"), "no ECB exchange rate"),
        (Pay(500, 600, "USD", "year"), "absurd"),
        (Pay(5_000, 6_000, "USD", "hour"), "absurd"),
        (Pay(0, 0, "USD", "year"), "not a positive"),
    ],
)
def test_to_salary_notes(pay: Pay, fragment: str) -> None:
    salary, note = to_salary(pay, year=2024, fx=FX)
    assert salary is None and note is not None and fragment in note


def test_to_salary_with_packaged_rates(taxonomy) -> None:  # type: ignore[no-untyped-def]
    salary, note = to_salary(Pay(90000, 110000, "GBP", "year"), year=2023, fx=taxonomy.fx)
    assert note is None and salary is not None
    assert 100000 < salary.annual_usd_min < 125000
