"""greenhouse: Greenhouse Job Board API responses (`GET boards-api.greenhouse.io/v1/boards/<board>/jobs?content=true`).

Shape: {"jobs": [{id, title, absolute_url, company_name, location: {name}, content, first_published,
updated_at, departments[], offices[], metadata, requisition_id, pay_input_ranges? ...}], "meta": {"total"}}.
A single job object (GET .../jobs/<id>) is read as a one-job list.

- description: `content` is HTML-escaped HTML ("&lt;p&gt;...") -> html.unescape -> HTML to text;
- posted_at: first_published (else updated_at), as the local date of its timestamp;
- company: company_name, else the board name from absolute_url;
- pay: `pay_input_ranges` (present with ?pay_transparency=true) -> Pay in the first range's currency, from
  the lowest min to the highest max of the ranges in that currency (cents / 100; period year; labels keep
  every range's title and amounts);
- remote_text / employment_text from metadata fields named like "Location Type", "Workplace Type",
  "Remote", "Employment Type" when a board defines them;
- labels: departments, offices, requisition_id, education, metadata (name -> value).
"""

from __future__ import annotations

import html
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
from roledex.ingest.text import html_to_text
from roledex.models import Pay, Provenance, RawPosting

SOURCE = "greenhouse"
_BOARD = re.compile(r"greenhouse\.io/(?:embed/job_app\?for=)?([\w-]+)", re.I)
_REMOTE_KEYS = ("location type", "workplace type", "remote", "work type", "remote status", "workplace")
_EMPLOYMENT_KEYS = ("employment type", "job type", "time type", "employment")


def board_name(url: str | None) -> str | None:
    m = _BOARD.search(url or "")
    return m[1] if m and m[1] not in ("jobs", "boards") else None


def _metadata(job: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in job.get("metadata") or ():
        if isinstance(entry, dict) and clean(entry.get("name")):
            out[str(entry["name"]).strip()] = entry.get("value")
    return out


def _meta_text(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for name, value in meta.items():
        if name.lower() in keys:
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value if v is not None)
            return clean(value)
    return None


def pay_from_ranges(ranges: Any) -> tuple[Pay | None, list[dict[str, Any]]]:
    """(Pay, label rows) from Greenhouse pay_input_ranges."""
    found: list[tuple[float, float, str | None, str | None]] = []
    for r in ranges or ():
        if not isinstance(r, dict):
            continue
        try:
            low, high = float(r["min_cents"]) / 100, float(r["max_cents"]) / 100
        except (KeyError, TypeError, ValueError):
            continue
        currency = (clean(r.get("currency_type")) or "").upper() or None
        found.append((low, high, currency, clean(r.get("title"))))
    rows = [{"title": t, "min": lo, "max": hi, "currency": c} for lo, hi, c, t in found]
    if not found:
        return None, rows
    currency = found[0][2]
    same = [f for f in found if f[2] == currency]
    low, high = min(f[0] for f in same), max(f[1] for f in same)
    return Pay(min(low, high), max(low, high), currency, "year", "posted"), rows


def description_text(content: Any) -> str:
    if not isinstance(content, str) or not content.strip():
        return ""
    if "&lt;" in content or "&gt;" in content:
        content = html.unescape(content)
    return html_to_text(content)


def posting(job: dict[str, Any], provenance: Provenance) -> RawPosting:
    meta = _metadata(job)
    pay, pay_rows = pay_from_ranges(job.get("pay_input_ranges"))
    location = job.get("location")
    url = clean(job.get("absolute_url"))
    labels: dict[str, Any] = {
        "departments": [
            d.get("name") for d in job.get("departments") or () if isinstance(d, dict) and d.get("name")
        ],
        "offices": [
            o.get("location") or o.get("name")
            for o in job.get("offices") or ()
            if isinstance(o, dict) and (o.get("location") or o.get("name"))
        ],
        "requisition_id": clean(job.get("requisition_id")),
        "education": clean(job.get("education")),
        "metadata": meta,
        "pay_ranges": pay_rows,
        "updated_at": clean(job.get("updated_at")),
    }
    return RawPosting(
        provenance=provenance,
        title=require_title(job.get("title"), "title"),
        company=clean(job.get("company_name")) or board_name(url),
        location=clean(location.get("name")) if isinstance(location, dict) else clean(location),
        description=description_text(job.get("content")),
        pay=pay,
        employment_text=_meta_text(meta, _EMPLOYMENT_KEYS),
        remote_text=_meta_text(meta, _REMOTE_KEYS),
        posted_at=iso_date(job.get("first_published") or job.get("updated_at")),
        url=url,
        labels={k: v for k, v in labels.items() if v not in (None, [], {})},
        raw=job,
    )


def _jobs(doc: Any, path: Path) -> list[Any]:
    if isinstance(doc, dict) and isinstance(doc.get("jobs"), list):
        return doc["jobs"]
    if isinstance(doc, dict) and "absolute_url" in doc and "title" in doc:
        return [doc]
    raise InputError(
        f"{path} is not a Greenhouse job-board response (no 'jobs' list)",
        hint="save the output of boards-api.greenhouse.io/v1/boards/<board>/jobs?content=true",
    )


class GreenhouseAdapter:
    name = "greenhouse"
    description = "Greenhouse job-board API JSON ({'jobs': [...], 'meta': ...}, content=true)"

    def sniff(self, path: Path, head: bytes) -> bool:
        text = decode_head(head).lstrip()
        return (
            text.startswith("{")
            and '"absolute_url"' in text
            and any(
                f'"{k}"' in text
                for k in ("first_published", "internal_job_id", "requisition_id", "data_compliance")
            )
        )

    def read(self, path: Path) -> Iterator[Record]:
        file = str(path)
        for row, job in enumerate(_jobs(load_json(path), path)):
            if not isinstance(job, dict):
                yield failure(
                    SOURCE, path, row, f"jobs[{row}] is not an object; fix or remove it", {"value": job}
                )
                continue
            record_id = clean(job.get("id"))
            prov = Provenance(SOURCE, file, row, record_id)
            yield guarded(SOURCE, path, row, job, posting, job, prov, record_id=record_id)
