"""glassdoor: Glassdoor data-science scrapes (`glassdoor_jobs.csv` 2020, `Uncleaned_DS_jobs.csv` ~2021).

Same 15 columns in both (the first, a row index, is named '', 'index' or 'Unnamed: 0'): Job Title,
Salary Estimate, Job Description, Rating, Company Name, Location, Headquarters, Size, Founded,
Type of ownership, Industry, Sector, Revenue, Competitors.

Traps handled here:
- `-1` (or `-1.0`) means missing in every column -> None;
- `Company Name` has the rating glued on after a newline ("Acme\\n3.9") -> company "Acme", rating 3.9
  (the Rating column wins when both are there);
- `Size` "Unknown" is missing too.
`Salary Estimate` is passed on verbatim as salary_text ("$53K-$91K (Glassdoor est.)"): parsing it is the
salary normalizer's job. The index value is the record_id (the labelled 2021 derivative joins on it).
"""

from __future__ import annotations

from typing import Any

from roledex.ingest.base import CsvPostingAdapter, clean, require_title, text_field
from roledex.models import Provenance, RawPosting

MISSING = frozenset({"-1", "-1.0", ""})


def value(row: dict[str, str], column: str) -> str | None:
    """The column's value with Glassdoor's `-1` placeholder turned into None."""
    text = clean(row.get(column))
    return None if text is None or text in MISSING else text


def split_company(name: str | None) -> tuple[str | None, float | None]:
    """("Acme", 3.9) from "Acme\\n3.9"; the name alone when no rating is appended."""
    if name is None:
        return None, None
    head, sep, tail = name.rpartition("\n")
    if sep:
        try:
            return clean(head), float(tail)
        except ValueError:
            pass
    return clean(name), None


def _rating(text: str | None) -> float | None:
    try:
        rating = float(text) if text is not None else None
    except ValueError:
        return None
    return rating if rating is not None and rating >= 0 else None


def _int_or_text(text: str | None) -> int | str | None:
    if text is not None and text.isdigit():
        return int(text)
    return text


class GlassdoorAdapter(CsvPostingAdapter):
    name = "glassdoor"
    description = (
        "Glassdoor data-science scrape CSV (Job Title, Salary Estimate, Company Name ... ; -1 = missing)"
    )
    source = "glassdoor"
    columns = frozenset({"Job Title", "Salary Estimate", "Job Description", "Company Name"})

    def record_id(self, row: dict[str, str]) -> str | None:
        # the index column's name differs between the files ('', 'index', 'Unnamed: 0'): it is the first
        first_column = next(iter(row), None)
        return (
            value(row, first_column)
            if first_column is not None and first_column not in self.columns
            else None
        )

    def posting(self, row: dict[str, str], provenance: Provenance) -> RawPosting:
        company, glued_rating = split_company(value(row, "Company Name"))
        rating = _rating(value(row, "Rating"))
        size = value(row, "Size")
        labels: dict[str, Any] = {
            "rating": rating if rating is not None else glued_rating,
            "sector": value(row, "Sector"),
            "revenue": value(row, "Revenue"),
            "ownership": value(row, "Type of ownership"),
            "founded": _int_or_text(value(row, "Founded")),
            "headquarters": value(row, "Headquarters"),
            "competitors": value(row, "Competitors"),
        }
        return RawPosting(
            provenance=provenance,
            title=require_title(value(row, "Job Title"), "Job Title"),
            company=company,
            location=value(row, "Location"),
            description=text_field(row.get("Job Description")),
            salary_text=value(row, "Salary Estimate"),
            industry=value(row, "Industry"),
            company_size=None if size == "Unknown" else size,
            labels={k: v for k, v in labels.items() if v is not None},
            raw=row,
        )
