"""aijobs-salaries: the ai-jobs.net / aijobs.net salary index (`salaries.csv`, CC0) -> RawSalaryRecord.

Columns: work_year, experience_level (EN/MI/SE/EX), employment_type (FT/PT/CT/FL), job_title, salary,
salary_currency (ISO 4217), salary_in_usd, employee_residence (ISO 3166-1 alpha-2), remote_ratio
(0/50/100), company_location (alpha-2), company_size (S/M/L).

Every field is checked; a bad value makes the row a RecordFailure that names the field and the fix.
Rows are kept as published: the file has ~39k exact-duplicate rows (no record ids to tell them apart),
and deduplicating is the caller's choice, not the reader's.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from roledex.errors import RecordError
from roledex.ingest.base import Record, csv_header, guarded, iter_csv
from roledex.models import EMPLOYMENT_TYPES, LEVELS, Provenance, RawSalaryRecord

SOURCE = "aijobs-salaries"
COLUMNS = (
    "work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
    "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size",
)  # fmt: skip
COMPANY_SIZES = ("S", "M", "L")


@cache
def _currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


@cache
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | {"XK"}  # Kosovo: user-assigned, in use


def _get(row: dict[str, str], column: str) -> str:
    value = row.get(column)
    if value is None or not value.strip():
        raise RecordError(f"{column} is empty", hint=f"fill {column} or drop the row")
    return value.strip()


def _int(row: dict[str, str], column: str, low: int, high: int) -> int:
    text = _get(row, column)
    try:
        number = float(text)
    except ValueError:
        raise RecordError(
            f"{column} '{text}' is not a number", hint=f"write {column} as a whole number"
        ) from None
    if not number.is_integer() or not low <= number <= high:
        raise RecordError(
            f"{column} '{text}' is not a whole number from {low} to {high}", hint=f"fix {column}"
        )
    return int(number)


def _amount(row: dict[str, str], column: str) -> float:
    text = _get(row, column)
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        raise RecordError(
            f"{column} '{text}' is not a number", hint=f"write {column} as a plain number such as 120000"
        ) from None
    if not math.isfinite(number) or number <= 0:
        raise RecordError(f"{column} '{text}' is not a positive amount", hint=f"fix {column} or drop the row")
    return number


def _code(row: dict[str, str], column: str, allowed: tuple[str, ...] | frozenset[str], expected: str) -> str:
    text = _get(row, column)
    if text.upper() not in allowed:
        raise RecordError(f"{column} '{text}' is not {expected}", hint=f"write {column} as {expected}")
    return text.upper()


_LEVELS = "one of " + ", ".join(LEVELS)
_TYPES = "one of " + ", ".join(EMPLOYMENT_TYPES)
_SIZES = "one of " + ", ".join(COMPANY_SIZES)
_CURRENCY = "an ISO 4217 currency code such as USD"
_COUNTRY = "an ISO 3166-1 alpha-2 country code such as US"


def parse_salary_row(row: dict[str, str], provenance: Provenance) -> RawSalaryRecord:
    """One validated salary record; raises RecordError naming the first bad field."""
    return RawSalaryRecord(
        provenance=provenance,
        work_year=_int(row, "work_year", 1990, 2100),
        experience_level=_code(row, "experience_level", LEVELS, _LEVELS),
        employment_type=_code(row, "employment_type", EMPLOYMENT_TYPES, _TYPES),
        job_title=_get(row, "job_title"),
        salary=_amount(row, "salary"),
        salary_currency=_code(row, "salary_currency", _currency_codes(), _CURRENCY),
        salary_in_usd=_amount(row, "salary_in_usd"),
        employee_residence=_code(row, "employee_residence", _country_codes(), _COUNTRY),
        remote_ratio=_int(row, "remote_ratio", 0, 100),
        company_location=_code(row, "company_location", _country_codes(), _COUNTRY),
        company_size=_code(row, "company_size", COMPANY_SIZES, _SIZES),
    )


class AijobsSalariesAdapter:
    name = "aijobs-salaries"
    description = (
        "ai-jobs.net salary index CSV (work_year, experience_level, salary_in_usd ...) -> salary records"
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        header = set(csv_header(head))
        return {"work_year", "experience_level", "salary_in_usd", "job_title"} <= header

    def read(self, path: Path) -> Iterator[Record]:
        file = str(path)
        for row, item in iter_csv(path, SOURCE):
            if not isinstance(item, dict):
                yield item
                continue
            prov = Provenance(SOURCE, file, row, None)
            yield guarded(SOURCE, path, row, item, parse_salary_row, item, prov)
