"""remotewlb: RemoteWLB remote-jobs board postings (`remotewlb_ai_ml_data_postings.jsonl.gz`), one JSON object
per line with the fields path, skill_dir, month, slug, title, company, salary_tag, location_tag, apply_url,
blob_sha1, last_commit, last_commit_date, in_head, markdown.

- description = the Markdown as plain text, without its 3-line header (title link, "### Company",
  "#### `💰 tag` `🌎 tag`"): those are already fields, and the chip line carries the board's salary tag,
  which must not reach salary-from-text extraction;
- company "None" (a literal string for 94 postings) -> None;
- posted_at = month + "-01" (the month the board listed it); url = apply_url; record_id = path;
- salary_tag is kept in labels["salary_tag"] with labels["salary_tag_kind"], and passed on as salary_text
  only when it states a real amount. Kinds:
    placeholder     `65k-95k USD` (board default, not in the posting), `~0k`, `0`: no salary
    upper_bound     `~185k`: only the top of the posted range -> not a salary_text
    sum_of_min_max  bare numbers like `342500.0` (= min + max of the range) -> not a salary_text
    free_text       no amount with a currency ("Competitive", "$1500 towards IT set up") -> not a salary_text
    stated          a currency amount that is a range or has a period (`USD 147k~195k`, `$60/hour`) -> salary_text
  The description text usually states the range too: trust it over the tag (see PROVENANCE.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roledex.ingest.base import Record, clean, decode_head, guarded, iter_json_lines, require_title
from roledex.ingest.text import markdown_to_text
from roledex.models import Provenance, RawPosting

SOURCE = "remotewlb"
PLACEHOLDER_TAGS = frozenset({"65k-95k usd", "~0k", "0", "0.0", "$"})
_UPPER_BOUND = re.compile(r"~\s*\d+(?:\.\d+)?\s*k", re.I)
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CURRENCY = re.compile(
    r"[$€£¥₹]|\b(?:usd|cad|eur|gbp|aud|nzd|chf|pln|dkk|sek|nok|inr|jpy|sgd|brl|mxn|kr)\b", re.I
)
_RANGE = re.compile(r"\d\s*[kK]?\s*\S{0,6}?\s*(?:-|–|—|~|\bto\b)\s*\D{0,8}?\d")
_PERIOD = re.compile(
    r"/\s*(?:hr|hour|h|yr|year|month|mo|week|wk|day)\b|\bper\s+(?:hour|year|annum|month|week|day)\b"
    r"|\ban hour\b|\bannual(?:ly)?\b|\bbase\b|\bgross\b|\bmonthly\b|\bhourly\b|\byearly\b",
    re.I,
)
_HEADER_LINES = (re.compile(r"#\s*\["), re.compile(r"###(?!#)"), re.compile(r"####"))


def salary_tag_kind(tag: str) -> str:
    """placeholder | upper_bound | sum_of_min_max | free_text | stated (see the module docstring)."""
    t = tag.strip()
    if t.lower() in PLACEHOLDER_TAGS:
        return "placeholder"
    if _UPPER_BOUND.fullmatch(t):
        return "upper_bound"
    if _BARE_NUMBER.fullmatch(t):
        return "sum_of_min_max"
    if any(c.isdigit() for c in t) and _CURRENCY.search(t) and (_RANGE.search(t) or _PERIOD.search(t)):
        return "stated"
    return "free_text"


def strip_header(markdown: str) -> str:
    """The Markdown without the board's header lines (title link, company, chips)."""
    lines = markdown.split("\n", 3)
    start = 0
    for pattern in _HEADER_LINES:
        if start < len(lines) and pattern.match(lines[start]):
            start += 1
        else:
            break
    return "\n".join(lines[start:])


def _remote_text(location_tag: str | None) -> str | None:
    if location_tag and re.search(r"remote|anywhere", location_tag, re.I):
        return location_tag
    return None


def posting(obj: dict[str, Any], provenance: Provenance) -> RawPosting:
    tag = clean(obj.get("salary_tag"))
    kind = salary_tag_kind(tag) if tag else None
    company = clean(obj.get("company"))
    month = clean(obj.get("month"))
    location = clean(obj.get("location_tag"))
    labels: dict[str, Any] = {
        "skill_dir": clean(obj.get("skill_dir")),
        "month": month,
        "location_tag": location,
        "salary_tag": tag,
        "salary_tag_kind": kind,
        "in_head": obj.get("in_head"),
        "last_commit_date": clean(obj.get("last_commit_date")),
    }
    return RawPosting(
        provenance=provenance,
        title=require_title(obj.get("title"), "title"),
        company=None if company in (None, "None") else company,
        location=location,
        description=markdown_to_text(strip_header(str(obj.get("markdown") or ""))),
        salary_text=tag if kind == "stated" else None,
        remote_text=_remote_text(location),
        posted_at=f"{month}-01" if month and re.fullmatch(r"\d{4}-\d{2}", month) else None,
        url=clean(obj.get("apply_url")),
        labels={k: v for k, v in labels.items() if v is not None},
        raw=obj,
    )


class RemoteWlbAdapter:
    name = "remotewlb"
    description = "RemoteWLB board JSON Lines (path, skill_dir, markdown ...), usually .jsonl.gz"

    def sniff(self, path: Path, head: bytes) -> bool:
        text = decode_head(head).lstrip()
        return text.startswith("{") and all(
            f'"{k}"' in text[:65536] for k in ("path", "skill_dir", "markdown")
        )

    def read(self, path: Path) -> Iterator[Record]:
        file = str(path)
        for row, obj in iter_json_lines(path, SOURCE):
            if not isinstance(obj, dict):
                yield obj
                continue
            record_id = clean(obj.get("path"))
            prov = Provenance(SOURCE, file, row, record_id)
            yield guarded(SOURCE, path, row, obj, posting, obj, prov, record_id=record_id)
