"""jsonl: roledex's generic JSON Lines posting format — the way to bring your own feed.

One JSON object per line; `.jsonl` or `.ndjson`, optionally gzipped (`.jsonl.gz`). UTF-8 (a BOM is
fine). Blank lines are skipped. Every field except `title` is optional; unknown fields are kept in `raw`.

| field | type | meaning |
|---|---|---|
| `title` | string, **required** | the job title as posted |
| `id` | string or number | your id for the posting (-> provenance.record_id) |
| `company` | string | employer name |
| `location` | string | free text: "Berlin, Germany", "Remote (US)" |
| `description` | string | plain text **or HTML** (HTML is converted to text, blocks kept as lines) |
| `description_html` | string | HTML description, used when `description` is absent |
| `salary` | string **or** object | "USD 120k-150k" (-> salary_text), or `{"min": 120000, "max": 150000, "currency": "USD", "period": "year"}` (-> pay; period one of year, month, week, day, hour; default year; `max` defaults to `min`) |
| `salary_text` | string | a salary as text, when `salary` is not given |
| `employment_type` | string | "Full-time", "FT", "Contract" ... |
| `remote` | bool or string | true -> "remote", false -> "onsite"; strings ("hybrid", "Remote US") are passed on |
| `posted_at` / `date_posted` | string or number | ISO date or datetime, or Unix seconds / milliseconds |
| `url` | string | where the posting is |
| `industry` | string | employer's industry |
| `company_size` | string | "51-200", "L" ... |
| `tags` | list of strings or comma-separated string | skill / topic tags |
| `source` | string | the source's name (-> provenance.source; default "jsonl") |
| `labels` | object | any categorical fields of the source, kept as they are |

Example line:

    {"id": "a1", "title": "ML Engineer", "company": "Acme", "location": "Remote", "salary": {"min": 150000,
     "max": 180000, "currency": "USD", "period": "year"}, "description": "<p>Build models.</p>", "tags": ["python"]}

A line that is not JSON (or not an object), a missing title, or a `salary` object with a bad field becomes
a RecordFailure naming the line and the field; the rest of the file is read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roledex.errors import RecordError
from roledex.ingest.base import (
    Record,
    as_tags,
    clean,
    decode_head,
    guarded,
    iso_date,
    iter_json_lines,
    require_title,
    strip_gz,
    text_field,
)  # fmt: skip
from roledex.ingest.text import html_to_text, looks_like_html
from roledex.models import PERIODS, Pay, Provenance, RawPosting

SOURCE = "jsonl"
EXTENSIONS = (".jsonl", ".ndjson")
_PERIOD_ALIASES = {
    "annual": "year", "annually": "year", "yearly": "year", "yr": "year", "years": "year",
    "monthly": "month", "months": "month", "weekly": "week", "daily": "day", "hourly": "hour", "hr": "hour",
}  # fmt: skip


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or value is None:
        raise RecordError(f"salary.{field} is missing", hint=f"give salary.{field} as a number")
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise RecordError(
            f"salary.{field} {value!r} is not a number",
            hint=f"give salary.{field} as a number such as 120000",
        ) from None
    if not math.isfinite(number) or number < 0:
        raise RecordError(f"salary.{field} {value!r} is not a positive amount", hint=f"fix salary.{field}")
    return number


def parse_pay(obj: dict[str, Any]) -> Pay:
    """Pay from {min, max, currency, period}; RecordError naming the field when one is wrong."""
    low = _number(obj.get("min", obj.get("max")), "min")
    high = _number(obj.get("max", obj.get("min")), "max")
    if high < low:
        raise RecordError(f"salary.max {high:g} is below salary.min {low:g}", hint="swap min and max")
    currency = clean(obj.get("currency"))
    if currency is not None:
        currency = currency.upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise RecordError(
                f"salary.currency {obj.get('currency')!r} is not an ISO 4217 code",
                hint="write the currency as a code such as USD, EUR or GBP",
            )
    period = (clean(obj.get("period")) or "year").lower()
    period = _PERIOD_ALIASES.get(period, period)
    if period not in PERIODS:
        raise RecordError(
            f"salary.period {obj.get('period')!r} is not one of {', '.join(PERIODS)}",
            hint="write the period as year, month, week, day or hour",
        )
    kind = "estimated" if str(obj.get("kind", "")).lower() == "estimated" else "posted"
    return Pay(low, high, currency, period, kind)  # type: ignore[arg-type]


def _description(obj: dict[str, Any]) -> str:
    text = obj.get("description")
    if isinstance(text, str) and text.strip():
        return html_to_text(text) if looks_like_html(text) else text_field(text)
    markup = obj.get("description_html")
    return html_to_text(markup) if isinstance(markup, str) else ""


def _remote(value: Any) -> str | None:
    if value is True:
        return "remote"
    if value is False:
        return "onsite"
    return clean(value)


def posting(obj: dict[str, Any], provenance: Provenance) -> RawPosting:
    salary = obj.get("salary")
    pay: Pay | None = None
    salary_text = clean(obj.get("salary_text"))
    if isinstance(salary, dict):
        pay = parse_pay(salary)
    elif salary is not None:
        salary_text = clean(salary) or salary_text
    labels = obj.get("labels")
    return RawPosting(
        provenance=provenance,
        title=require_title(obj.get("title"), "title"),
        company=clean(obj.get("company")),
        location=clean(obj.get("location")),
        description=_description(obj),
        salary_text=salary_text,
        pay=pay,
        employment_text=clean(obj.get("employment_type")),
        remote_text=_remote(obj.get("remote")),
        posted_at=iso_date(obj.get("posted_at", obj.get("date_posted"))),
        url=clean(obj.get("url")),
        industry=clean(obj.get("industry")),
        company_size=clean(obj.get("company_size")),
        tags=as_tags(obj.get("tags")),
        labels=dict(labels) if isinstance(labels, dict) else {},
        raw=obj,
    )


class JsonLinesAdapter:
    name = "jsonl"
    description = (
        "generic JSON Lines postings (.jsonl/.ndjson[.gz]; fields documented in roledex.ingest.jsonl)"
    )

    def sniff(self, path: Path, head: bytes) -> bool:
        if strip_gz(path.name).endswith(EXTENSIONS):
            return True
        lines = decode_head(head).lstrip().split("\n", 2)
        return (
            len(lines) > 1
            and lines[0].startswith("{")
            and lines[0].rstrip().endswith("}")
            and (lines[1].lstrip().startswith("{") and '"title"' in lines[0])
        )

    def read(self, path: Path) -> Iterator[Record]:
        file = str(path)
        for row, obj in iter_json_lines(path, SOURCE):
            if not isinstance(obj, dict):
                yield obj
                continue
            source = clean(obj.get("source")) or SOURCE
            record_id = clean(obj.get("id"))
            prov = Provenance(source, file, row, record_id)
            yield guarded(source, path, row, obj, posting, obj, prov, record_id=record_id)
