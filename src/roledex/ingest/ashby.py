"""ashby: Ashby Posting API responses (`GET api.ashbyhq.com/posting-api/job-board/<board>?includeCompensation=true`).

Shape: {"jobs": [{id, title, department, team, employmentType, location, secondaryLocations[],
publishedAt, isListed, isRemote, workplaceType, address {postalAddress {addressLocality, addressRegion,
addressCountry}}, jobUrl, applyUrl, descriptionHtml, descriptionPlain, compensation? {...}}],
"apiVersion": "1"}.

- description = descriptionPlain, else descriptionHtml as text;
- employment_text = employmentType ("FullTime"); remote_text = workplaceType, else "Remote" when isRemote;
- location = location, else the postal address ("Locality, Region, Country");
- posted_at = publishedAt; url = jobUrl; company = the board slug of jobUrl (Ashby has no name field);
- pay from compensation.compensationTiers[].components[] with compensationType "Salary" (EquityPercentage,
  Bonus ... are ignored): interval "1 YEAR" -> year, "1 MONTH" -> month, "1 WEEK" -> week, "1 DAY" -> day,
  "1 HOUR" -> hour; several tiers (zones, levels) -> the lowest min to the highest max in the first
  salary's currency and interval; every tier summary is kept in labels["compensation_tiers"];
- salary_text: compensationTierSummary / scrapeableCompensationSalarySummary when there is no Salary
  component to make a Pay from.
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

SOURCE = "ashby"
_SLUG = re.compile(r"ashbyhq\.com/([\w.-]+)/", re.I)
_UNITS = {"YEAR": "year", "MONTH": "month", "WEEK": "week", "DAY": "day", "HOUR": "hour"}


def board_slug(url: str | None) -> str | None:
    m = _SLUG.search(url or "")
    return m[1] if m else None


def _period(interval: Any) -> str | None:
    parts = str(interval or "").upper().split()
    if len(parts) == 2 and parts[0] == "1":
        return _UNITS.get(parts[1])
    return _UNITS.get(parts[0]) if len(parts) == 1 else None


def pay_from_compensation(compensation: Any) -> tuple[Pay | None, list[str]]:
    """(Pay from the Salary components, tier summaries)."""
    if not isinstance(compensation, dict):
        return None, []
    summaries: list[str] = []
    salaries: list[tuple[float, float, str | None, str]] = []
    for tier in compensation.get("compensationTiers") or ():
        if not isinstance(tier, dict):
            continue
        if summary := clean(tier.get("tierSummary")):
            summaries.append(summary)
        for comp in tier.get("components") or ():
            if not isinstance(comp, dict) or str(comp.get("compensationType", "")).lower() != "salary":
                continue
            period = _period(comp.get("interval"))
            low, high = comp.get("minValue"), comp.get("maxValue")
            if period is None or (low is None and high is None):
                continue
            try:
                lo = float(low if low is not None else high)  # type: ignore[arg-type]
                hi = float(high if high is not None else lo)
            except (TypeError, ValueError):
                continue
            salaries.append((lo, hi, (clean(comp.get("currencyCode")) or "").upper() or None, period))
    if not salaries:
        return None, summaries
    currency, period = salaries[0][2], salaries[0][3]
    same = [s for s in salaries if s[2] == currency and s[3] == period]
    low, high = min(s[0] for s in same), max(s[1] for s in same)
    return Pay(min(low, high), max(low, high), currency, period, "posted"), summaries  # type: ignore[arg-type]


def _address(job: dict[str, Any]) -> str | None:
    address = job.get("address")
    postal = address.get("postalAddress") if isinstance(address, dict) else None
    if not isinstance(postal, dict):
        return None
    parts = [clean(postal.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
    return ", ".join(p for p in parts if p) or None


def description(job: dict[str, Any]) -> str:
    text = job.get("descriptionPlain")
    if isinstance(text, str) and text.strip():
        return plain_text(text)
    markup = job.get("descriptionHtml")
    return html_to_text(markup) if isinstance(markup, str) else ""


def posting(job: dict[str, Any], provenance: Provenance) -> RawPosting:
    compensation = job.get("compensation")
    pay, tiers = pay_from_compensation(compensation)
    summary = None
    if pay is None and isinstance(compensation, dict):
        summary = clean(compensation.get("scrapeableCompensationSalarySummary")) or clean(
            compensation.get("compensationTierSummary")
        )
    workplace = clean(job.get("workplaceType"))
    remote = workplace or ("Remote" if job.get("isRemote") is True else None)
    url = clean(job.get("jobUrl"))
    secondary = [
        clean(s.get("location")) if isinstance(s, dict) else clean(s)
        for s in job.get("secondaryLocations") or ()
    ]
    labels: dict[str, Any] = {
        "department": clean(job.get("department")),
        "team": clean(job.get("team")),
        "is_remote": job.get("isRemote"),
        "workplace_type": workplace,
        "secondary_locations": [s for s in secondary if s],
        "compensation_tiers": tiers,
        "apply_url": clean(job.get("applyUrl")),
        "address": _address(job),
    }
    return RawPosting(
        provenance=provenance,
        title=require_title(job.get("title"), "title"),
        company=board_slug(url) or board_slug(clean(job.get("applyUrl"))),
        location=clean(job.get("location")) or _address(job),
        description=description(job),
        salary_text=summary,
        pay=pay,
        employment_text=clean(job.get("employmentType")),
        remote_text=remote,
        posted_at=iso_date(job.get("publishedAt")),
        url=url,
        labels={k: v for k, v in labels.items() if v not in (None, [])},
        raw=job,
    )


class AshbyAdapter:
    name = "ashby"
    description = "Ashby job-board API JSON ({'jobs': [...], 'apiVersion': ...}, includeCompensation=true)"

    def sniff(self, path: Path, head: bytes) -> bool:
        text = decode_head(head).lstrip()
        return (
            text.startswith("{")
            and '"jobs"' in text
            and ('"jobUrl"' in text or '"apiVersion"' in text)
            and any(
                f'"{k}"' in text
                for k in ("publishedAt", "employmentType", "descriptionPlain", "descriptionHtml")
            )
        )

    def read(self, path: Path) -> Iterator[Record]:
        doc = load_json(path)
        jobs = doc.get("jobs") if isinstance(doc, dict) else None
        if not isinstance(jobs, list):
            raise InputError(
                f"{path} is not an Ashby job-board response (no 'jobs' list)",
                hint="save the output of api.ashbyhq.com/posting-api/job-board/<board>?includeCompensation=true",
            )
        file = str(path)
        for row, job in enumerate(jobs):
            if not isinstance(job, dict):
                yield failure(
                    SOURCE, path, row, f"jobs[{row}] is not an object; fix or remove it", {"value": job}
                )
                continue
            record_id = clean(job.get("id"))
            prov = Provenance(SOURCE, file, row, record_id)
            yield guarded(SOURCE, path, row, job, posting, job, prov, record_id=record_id)
