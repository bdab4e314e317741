"""lever: Lever Postings API responses (`GET api.lever.co/v0/postings/<company>?mode=json`).

Shape: a top-level array of postings (or {"data": [...], "hasNext": ...} when paginated), each with
id, text (the title), categories {commitment, location, team, department, allLocations[]}, workplaceType,
country, createdAt (epoch **milliseconds**), description/descriptionPlain, opening/openingPlain,
descriptionBody/descriptionBodyPlain, lists [{text, content (HTML)}], additional/additionalPlain,
hostedUrl, applyUrl, salaryRange? {min, max, currency, interval}, salaryDescriptionPlain?

- description = descriptionPlain (else openingPlain + descriptionBodyPlain, else the HTML as text)
  + each list as its heading line and its items as "- " lines + additionalPlain;
- employment_text = categories.commitment; remote_text = workplaceType ("unspecified" -> None);
- location = categories.location (labels["all_locations"] keeps allLocations);
- posted_at = createdAt; url = hostedUrl; company = the company slug of hostedUrl (Lever has no name field);
- pay = salaryRange (interval per-year-salary / per-month-salary / per-week-salary / per-day-salary /
  per-hour-wage); salaryDescriptionPlain is the salary_text fallback. Pay stated only in the text
  ("$95.4K–$190K annually" in additionalPlain) is left to salary-from-text extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roledex.errors import InputError
from roledex.ingest.base import (
    Record,
    clean,
    decode_head,
    failure,
    guarded,
    iso_date,
    load_json,
    require_title,
)
from roledex.ingest.text import html_to_text, plain_text
from roledex.models import Pay, Provenance, RawPosting

SOURCE = "lever"
_SLUG = re.compile(r"lever\.co/([\w.-]+)/", re.I)
_INTERVALS = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-salary": "day",
    "per-hour-wage": "hour",
}


def company_slug(url: str | None) -> str | None:
    m = _SLUG.search(url or "")
    return m[1] if m else None


def pay_from_range(salary: Any) -> Pay | None:
    if not isinstance(salary, dict):
        return None
    low_value, high_value = salary.get("min"), salary.get("max")
    try:
        low = float(low_value if low_value is not None else high_value)  # type: ignore[arg-type]
        high = float(high_value if high_value is not None else low)
    except (TypeError, ValueError):
        return None
    period = _INTERVALS.get(str(salary.get("interval", "")).lower())
    if period is None:
        return None  # one-time amounts and unknown intervals are not a salary
    currency = (clean(salary.get("currency")) or "").upper() or None
    return Pay(min(low, high), max(low, high), currency, period, "posted")  # type: ignore[arg-type]


def _part(job: dict[str, Any], plain: str, markup: str) -> str:
    text = job.get(plain)
    if isinstance(text, str) and text.strip():
        return plain_text(text)
    markup_text = job.get(markup)
    return html_to_text(markup_text) if isinstance(markup_text, str) else ""


def description(job: dict[str, Any]) -> str:
    parts = [_part(job, "descriptionPlain", "description")]
    if not parts[0]:
        parts = [_part(job, "openingPlain", "opening"), _part(job, "descriptionBodyPlain", "descriptionBody")]
    for item in job.get("lists") or ():
        if not isinstance(item, dict):
            continue
        heading = clean(item.get("text"))
        content = item.get("content")
        body = html_to_text(content) if isinstance(content, str) else ""
        parts.append("\n".join(p for p in (heading, body) if p))
    parts.append(_part(job, "additionalPlain", "additional"))
    return "\n\n".join(p for p in parts if p)


def posting(job: dict[str, Any], provenance: Provenance) -> RawPosting:
    found = job.get("categories")
    categories: dict[str, Any] = found if isinstance(found, dict) else {}
    workplace = clean(job.get("workplaceType"))
    url = clean(job.get("hostedUrl"))
    labels: dict[str, Any] = {
        "team": clean(categories.get("team")),
        "department": clean(categories.get("department")),
        "all_locations": [str(x) for x in categories.get("allLocations") or () if x],
        "country": clean(job.get("country")),
        "workplace_type": workplace,
        "apply_url": clean(job.get("applyUrl")),
    }
    return RawPosting(
        provenance=provenance,
        title=require_title(job.get("text"), "text"),
        company=company_slug(url) or company_slug(clean(job.get("applyUrl"))),
        location=clean(categories.get("location")),
        description=description(job),
        salary_text=clean(job.get("salaryDescriptionPlain")),
        pay=pay_from_range(job.get("salaryRange")),
        employment_text=clean(categories.get("commitment")),
        remote_text=None if workplace in (None, "unspecified") else workplace,
        posted_at=iso_date(job.get("createdAt")),
        url=url,
        labels={k: v for k, v in labels.items() if v not in (None, [])},
        raw=job,
    )


def _postings(doc: Any, path: Path) -> list[Any]:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        return doc["data"]
    raise InputError(
        f"{path} is not a Lever postings response (no top-level array)",
        hint="save the output of api.lever.co/v0/postings/<company>?mode=json",
    )


class LeverAdapter:
    name = "lever"
    description = "Lever postings API JSON (top-level array of postings with text, categories, lists ...)"

    def sniff(self, path: Path, head: bytes) -> bool:
        text = decode_head(head).lstrip()
        return (
            text.startswith(("[", "{"))
            and '"categories"' in text
            and ('"hostedUrl"' in text or ('"createdAt"' in text and '"text"' in text))
        )

    def read(self, path: Path) -> Iterator[Record]:
        file = str(path)
        for row, job in enumerate(_postings(load_json(path), path)):
            if not isinstance(job, dict):
                yield failure(
                    SOURCE, path, row, f"posting [{row}] is not an object; fix or remove it", {"value": job}
                )
                continue
            record_id = clean(job.get("id"))
            prov = Provenance(SOURCE, file, row, record_id)
            yield guarded(SOURCE, path, row, job, posting, job, prov, record_id=record_id)
