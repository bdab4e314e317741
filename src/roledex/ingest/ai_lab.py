"""ai-lab-registry: open roles at AI labs from their Greenhouse / Ashby list APIs (`current_jobs.csv`).

Columns used: title, company_name, location, job_url, first_seen (-> posted_at: the date the tracker first
saw the posting), source (greenhouse | ashby -> labels["ats"]), job_id (-> record_id), raw_data.
The description, salary and requirement columns are empty in this file: postings have no description.

`raw_data` is the ATS list item as a Python repr (single quotes, None/True/False): parsed with
ast.literal_eval. From Ashby items: employmentType (-> employment_text), workplaceType (-> remote_text),
compensationTierSummary (-> salary_text), departmentName/teamName. From Greenhouse items: the
"Location Type" metadata (-> remote_text), first_published, requisition_id. A raw_data value that does not
parse is named in labels["warnings"]; the posting is still read.
"""

from __future__ import annotations

import ast
from typing import Any

from roledex.ingest.base import CsvPostingAdapter, clean, iso_date, require_title, text_field
from roledex.models import Provenance, RawPosting


def parse_raw_data(text: str | None) -> dict[str, Any]:
    text = clean(text)
    if text is None:
        return {}
    parsed = ast.literal_eval(text)
    if not isinstance(parsed, dict):
        raise ValueError(f"raw_data is a {type(parsed).__name__}, not a dict")
    return parsed


def _greenhouse_metadata(item: dict[str, Any], name: str) -> str | None:
    for entry in item.get("metadata") or ():
        if isinstance(entry, dict) and str(entry.get("name", "")).strip().lower() == name.lower():
            value = entry.get("value")
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            return clean(value)
    return None


class AiLabRegistryAdapter(CsvPostingAdapter):
    name = "ai-lab-registry"
    description = "AI-lab job registry CSV (job_id, company_name, raw_data, first_seen ...; titles only)"
    source = "ai-lab-registry"
    columns = frozenset({"job_id", "company_name", "raw_data", "first_seen", "job_url"})
    id_column = "job_id"

    def posting(self, row: dict[str, str], provenance: Provenance) -> RawPosting:
        labels: dict[str, Any] = {}
        try:
            item = parse_raw_data(row.get("raw_data"))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
            item = {}
            labels["warnings"] = [f"raw_data is not a Python dict literal ({type(exc).__name__}); left out"]
        ats = clean(row.get("source"))
        employment = clean(item.get("employmentType")) or clean(row.get("employment_type"))
        workplace = clean(item.get("workplaceType")) or _greenhouse_metadata(item, "Location Type")
        salary = clean(item.get("compensationTierSummary")) or clean(row.get("salary_range"))
        for key, label in (
            ("departmentName", "department"), ("teamName", "team"), ("first_published", "first_published"),
            ("requisition_id", "requisition_id"), ("updatedAt", "updated_at"), ("updated_at", "updated_at"),
        ):  # fmt: skip
            if (v := clean(item.get(key))) is not None:
                labels[label] = v
        for column in ("team", "last_seen", "status", "experience_level", "remote_policy"):
            if (v := clean(row.get(column))) is not None:
                labels.setdefault(column, v)
        if ats:
            labels["ats"] = ats
        if workplace:
            labels["workplace_type"] = workplace
        if employment:
            labels["employment_type"] = employment
        return RawPosting(
            provenance=provenance,
            title=require_title(row.get("title") or item.get("title"), "title"),
            company=clean(row.get("company_name")) or clean(item.get("company_name")),
            location=clean(row.get("location")) or clean(item.get("locationName")),
            description=text_field(row.get("description")),
            salary_text=salary,
            employment_text=employment,
            remote_text=workplace or clean(row.get("remote_policy")),
            posted_at=iso_date(row.get("first_seen")),
            url=clean(row.get("job_url")) or clean(item.get("absolute_url")) or clean(row.get("apply_url")),
            labels=labels,
            raw=row,
        )
