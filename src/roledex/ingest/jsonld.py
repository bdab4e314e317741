"""jsonld: schema.org JobPosting as JSON-LD — `.json` / `.jsonld` files or saved HTML pages.

A JSON(-LD) file may hold one JobPosting object, a list of them, or an `@graph`; a saved job page (`.html`)
holds them in `<script type="application/ld+json">` blocks (often several per page: Organization,
BreadcrumbList ... which are skipped). Every JobPosting found becomes a RawPosting; a script block that is
not valid JSON becomes a RecordFailure (the page's other blocks are still read). `row` numbers the records
of a file in document order (postings and failures alike); a file with no JobPosting at all yields one
RecordFailure saying so.

Fields (schema.org JobPosting):
- title (or name); company = hiringOrganization.name (or a plain string);
- location = jobLocation: Place / PostalAddress (addressLocality, addressRegion, addressCountry), or a
  list of them ("; "-joined, each kept in labels["locations"]); when there is none,
  applicantLocationRequirements (Country / State names) stand in;
- remote_text = "Remote" for jobLocationType TELECOMMUTE;
- description = description, HTML (or HTML-escaped HTML) converted to text;
- posted_at = datePosted; employment_text = employmentType (a string, or a list joined with ", ");
- pay = baseSalary MonetaryAmount {currency, value: QuantitativeValue {minValue, maxValue, value,
  unitText HOUR/DAY/WEEK/MONTH/YEAR}} (a number as value works too; no unitText -> year); failing that,
  estimatedSalary as kind "estimated";
- record_id = identifier (PropertyValue.value or a plain value), else url; url, industry;
- labels: validThrough, occupationalCategory, experienceRequirements, educationRequirements, skills,
  applicant_locations, directApply.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roledex.errors import InputError, RecordError
from roledex.ingest.base import (
    Record,
    as_tags,
    clean,
    decode_head,
    failure,
    guarded,
    iso_date,
    open_text,
    strip_gz,
)
from roledex.ingest.text import html_to_text, looks_like_html
from roledex.models import Pay, Provenance, RawPosting

SOURCE = "jsonld"
_UNITS = {
    "HOUR": "hour",
    "DAY": "day",
    "WEEK": "week",
    "MONTH": "month",
    "YEAR": "year",
    "ANNUAL": "year",
    "HOURLY": "hour",
    "DAILY": "day",
    "WEEKLY": "week",
    "MONTHLY": "month",
    "YEARLY": "year",
}
_LD_SCRIPT = re.compile(r"application/ld\+json", re.I)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    types = t if isinstance(t, list) else [t]
    return [str(x).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for x in types if x]


def job_postings(doc: Any) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in a JSON-LD value (object, list, @graph), in document order."""
    if isinstance(doc, list):
        for item in doc:
            yield from job_postings(item)
    elif isinstance(doc, dict):
        if "JobPosting" in _types(doc):
            yield doc
        elif "@graph" in doc:
            yield from job_postings(doc["@graph"])
        elif isinstance(doc.get("mainEntity"), dict | list):
            yield from job_postings(doc["mainEntity"])


def _name(value: Any) -> str | None:
    """A thing's name: a string, or the `name` of an object (first of a list)."""
    if isinstance(value, list):
        names = [n for v in value if (n := _name(v))]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return clean(value.get("name")) or clean(value.get("@value"))
    return clean(value)


def _place(value: Any) -> str | None:
    if isinstance(value, str):
        return clean(value)
    if not isinstance(value, dict):
        return None
    address = value.get("address", value)
    if isinstance(address, str):
        return clean(address)
    if not isinstance(address, dict):
        return _name(value)
    parts = [_name(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
    text = ", ".join(p for p in parts if p)
    return text or _name(value) or clean(address.get("streetAddress"))


def _locations(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: dict[str, None] = {}
    for item in items:
        if place := _place(item):
            out.setdefault(place, None)
    return list(out)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None


def pay_from_amount(amount: Any, kind: str = "posted") -> Pay | None:
    """Pay from a MonetaryAmount (or a list of them: the first that has numbers)."""
    if isinstance(amount, list):
        for item in amount:
            if pay := pay_from_amount(item, kind):
                return pay
        return None
    if not isinstance(amount, dict):
        return None
    value = amount.get("value")
    unit = amount.get("unitText")
    if isinstance(value, dict):
        low = _number(value.get("minValue"))
        high = _number(value.get("maxValue"))
        single = _number(value.get("value"))
        unit = value.get("unitText") or unit
    else:
        low = high = None
        single = _number(value)
    low = low if low is not None else (single if single is not None else high)
    high = high if high is not None else (single if single is not None else low)
    if low is None or high is None:
        return None
    period = _UNITS.get(str(unit or "YEAR").strip().upper())
    if period is None:
        return None
    currency = (clean(amount.get("currency")) or "").upper() or None
    return Pay(min(low, high), max(low, high), currency, period, kind)  # type: ignore[arg-type]


def _identifier(obj: dict[str, Any]) -> str | None:
    ident = obj.get("identifier")
    if isinstance(ident, list):
        ident = ident[0] if ident else None
    if isinstance(ident, dict):
        return clean(ident.get("value")) or clean(ident.get("@id")) or clean(ident.get("name"))
    return clean(ident)


def _description(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    if "&lt;" in value and "<" not in value:
        value = html.unescape(value)
    return html_to_text(value) if looks_like_html(value) or "&" in value else value.strip()


def _text_list(value: Any) -> list[str] | str | None:
    if isinstance(value, list):
        items = [n for v in value if (n := _name(v))]
        return items or None
    return _name(value)


def _skills(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return as_tags(value)
    if isinstance(value, list):
        return as_tags([n for v in value if (n := _name(v))])
    return as_tags([n]) if (n := _name(value)) else ()


def posting(obj: dict[str, Any], provenance: Provenance) -> RawPosting:
    locations = _locations(obj.get("jobLocation"))
    applicant = _locations(obj.get("applicantLocationRequirements"))
    location_types = obj.get("jobLocationType")
    location_types = location_types if isinstance(location_types, list) else [location_types]
    remote = any(str(t).upper() == "TELECOMMUTE" for t in location_types if t)
    employment = obj.get("employmentType")
    if isinstance(employment, list):
        employment = ", ".join(str(e) for e in employment if e)
    pay = pay_from_amount(obj.get("baseSalary")) or pay_from_amount(obj.get("estimatedSalary"), "estimated")
    labels: dict[str, Any] = {
        "locations": locations if len(locations) > 1 else None,
        "applicant_locations": applicant or None,
        "valid_through": clean(obj.get("validThrough")),
        "occupational_category": _text_list(obj.get("occupationalCategory")),
        "experience_requirements": _text_list(obj.get("experienceRequirements")),
        "education_requirements": _text_list(obj.get("educationRequirements")),
        "direct_apply": obj.get("directApply"),
    }
    title = clean(obj.get("title")) or clean(obj.get("name"))
    if title is None:
        raise RecordError("JobPosting has no title", hint="add a 'title' to the JobPosting")
    return RawPosting(
        provenance=provenance,
        title=title,
        company=_name(obj.get("hiringOrganization")),
        location="; ".join(locations) if locations else ("; ".join(applicant) if applicant else None),
        description=_description(obj.get("description")),
        pay=pay,
        employment_text=clean(employment),
        remote_text="Remote" if remote else None,
        posted_at=iso_date(obj.get("datePosted")),
        url=clean(obj.get("url")),
        industry=_name(obj.get("industry")),
        tags=_skills(obj.get("skills")),
        labels={k: v for k, v in labels.items() if v is not None},
        raw=obj,
    )


def _is_html(path: Path, text_head: str) -> bool:
    return strip_gz(path.name).endswith(HTML_SUFFIXES) or text_head.lstrip()[:1] == "<"


def _script_blocks(page: str) -> list[str]:
    """The text of every <script type="application/ld+json"> block, in page order."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    return [
        node.text(deep=True)
        for node in tree.css("script")
        if _LD_SCRIPT.search(node.attributes.get("type") or "")
    ]


class JsonLdAdapter:
    name = "jsonld"
    description = "schema.org JobPosting JSON-LD: .json/.jsonld files or saved HTML pages with ld+json blocks"

    def sniff(self, path: Path, head: bytes) -> bool:
        name = strip_gz(path.name)
        text = decode_head(head)
        if name.endswith(".jsonld"):
            return True
        if _is_html(path, text):
            return name.endswith(HTML_SUFFIXES) or bool(_LD_SCRIPT.search(text))
        return text.lstrip()[:1] in ("{", "[") and '"@context"' in text and "JobPosting" in text

    def read(self, path: Path) -> Iterator[Record]:
        file = str(path)
        with open_text(path, newline=None) as f:
            text = f.read()
        is_page = _is_html(path, text[:1024])
        blocks = _script_blocks(text) if is_page else [text]
        row = 0
        for number, block in enumerate(blocks, start=1):
            try:
                doc = json.loads(block)
            except ValueError as exc:
                if not is_page:
                    raise InputError(
                        f"{path} is not valid JSON ({exc})", hint="fix the JSON-LD file"
                    ) from None
                yield failure(
                    SOURCE,
                    path,
                    row,
                    f"ld+json block {number} of {len(blocks)} is not valid JSON "
                    f"({exc}); fix that <script> block (the other blocks are read)",
                    {"block": block[:2000]},
                )
                row += 1
                continue
            for obj in job_postings(doc):
                record_id = _identifier(obj) or clean(obj.get("url"))
                prov = Provenance(SOURCE, file, row, record_id)
                yield guarded(SOURCE, path, row, obj, posting, obj, prov, record_id=record_id)
                row += 1
        if row == 0:
            yield failure(
                SOURCE, path, 0, f"no schema.org JobPosting found in {path.name}", {"blocks": len(blocks)}
            )
