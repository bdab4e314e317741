"""aijobs-board: ai-jobs.net-style board listings with skill tags (`data_science_job.csv`, ~2023).

Columns, verbatim (typo and trailing space included): Company, Job Title, Location, Job Type,
Experience level, Salary, "Requirment of the company ", Facilities. Column names are matched after
stripping, so a corrected copy of the file reads too.

Traps handled here:
- the file is latin-1 / Windows-1252, not UTF-8 (open_text detects it);
- `Salary` is " 115K+ *": a USD lower-bound estimate (`*` = estimate). It is passed on stripped as
  salary_text, with labels["salary_note"] saying what it is;
- tag lists are padded with empty entries to 6 (requirements) and 5 (facilities): empties are dropped.
There is no description (empty string).
"""

from __future__ import annotations

from typing import Any

from roledex.ingest.base import CsvPostingAdapter, as_tags, clean, require_title
from roledex.models import Provenance, RawPosting

SALARY_NOTE = "board estimate: USD lower bound ('115K+ *' = at least 115,000 USD a year, estimated)"


def _stripped(row: dict[str, str]) -> dict[str, str]:
    return {k.strip().lower(): v for k, v in row.items()}


class AijobsBoardAdapter(CsvPostingAdapter):
    name = "aijobs-board"
    description = "ai-jobs.net board listings CSV with skill tags (Company, Job Title, Salary ' 115K+ *' ...)"
    source = "aijobs-board"
    columns = frozenset(
        {"Company", "Job Title", "Location", "Job Type", "Experience level", "Salary", "Facilities"}
    )

    def posting(self, row: dict[str, str], provenance: Provenance) -> RawPosting:
        r = _stripped(row)
        requirements = r.get("requirment of the company", r.get("requirement of the company"))
        salary = clean(r.get("salary"))
        labels: dict[str, Any] = {
            "experience_level": clean(r.get("experience level")),
            "job_type": clean(r.get("job type")),
            "facilities": list(as_tags(r.get("facilities"))),
        }
        if salary:
            labels["salary_note"] = SALARY_NOTE
        return RawPosting(
            provenance=provenance,
            title=require_title(r.get("job title"), "Job Title"),
            company=clean(r.get("company")),
            location=clean(r.get("location")),
            salary_text=salary,
            employment_text=clean(r.get("job type")),
            tags=as_tags(requirements),
            labels={k: v for k, v in labels.items() if v not in (None, [])},
            raw=row,
        )
