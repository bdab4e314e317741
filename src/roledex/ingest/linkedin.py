"""linkedin: the Kaggle "AI and ML Job Listings USA" LinkedIn scrape (`ai_ml_jobs_linkedin.csv`).

Columns: title, location, publishedAt (ISO date), companyName, description (plain text),
applicationsCount, contractType (Full-time, Contract ...), experienceLevel (Mid-Senior level, Entry level
...), workType (LinkedIn job function), sector (LinkedIn industry). The file starts with a UTF-8 BOM and
uses CRLF line ends (open_text and the csv module take care of both).

LinkedIn's own categories go to `labels` (useful as weak labels for the level / employment normalizers);
`contractType` is also the employment_text and `sector` the industry.
"""

from __future__ import annotations

from typing import Any

from roledex.ingest.base import CsvPostingAdapter, clean, iso_date, require_title, text_field
from roledex.models import Provenance, RawPosting

LABEL_COLUMNS = ("experienceLevel", "contractType", "workType", "sector", "applicationsCount")


class LinkedInAdapter(CsvPostingAdapter):
    name = "linkedin"
    description = (
        "LinkedIn AI/ML listings CSV (title, companyName, publishedAt, contractType, experienceLevel ...)"
    )
    source = "linkedin"
    columns = frozenset({"title", "companyName", "publishedAt", "description", "experienceLevel"})

    def posting(self, row: dict[str, str], provenance: Provenance) -> RawPosting:
        labels: dict[str, Any] = {c: v for c in LABEL_COLUMNS if (v := clean(row.get(c))) is not None}
        return RawPosting(
            provenance=provenance,
            title=require_title(row.get("title"), "title"),
            company=clean(row.get("companyName")),
            location=clean(row.get("location")),
            description=text_field(row.get("description")),
            employment_text=clean(row.get("contractType")),
            posted_at=iso_date(row.get("publishedAt")),
            industry=clean(row.get("sector")),
            labels=labels,
            raw=row,
        )
