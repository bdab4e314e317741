"""A posting as the rows the store writes: made where the posting is made, written by the store.

Turning a posting into rows (the JSON of its lists, its raw record compressed, its skills and terms as
tuples) is a pure function of the posting, so the local runner runs it in the worker processes, which
scale with the cores, and sends back a `PostingRow`: plain tuples, which unpickle several times faster
than the dataclasses. The parent, a single process and the bottleneck of an ingest, only writes them.

Two columns are not a plain copy of a posting field:

- `data` holds what the web app reads of a posting beyond its columns: its skills (in the order found,
  required and preferred), degree fields and responsibility statements (`posting_data`). Everything else
  of `Posting.to_dict()` is a column, or a `posting_terms` row (responsibility phrases).
- `raw` is the record as read, zlib-compressed JSON, without a second copy of the description
  (`encode_raw` / `decode_raw`): a JSON Lines record's `description` field is most of its bytes and is the
  `description` column, character for character.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any, NamedTuple

from roledex.models import Posting

# the columns of a postings row that a PostingRow carries, in order (the store adds ingested_at and run_id)
POSTING_COLUMNS = (
    "key", "dedupe_key", "source", "source_file", "source_row", "source_id", "title", "company", "location",
    "country", "region", "city", "remote", "employment_type", "internship", "role", "level", "track",
    "min_degree", "min_years", "salary_min", "salary_max", "salary_currency", "salary_period", "salary_kind",
    "annual_usd_min", "annual_usd_max", "annual_usd_mid", "salary_note", "posted_at", "url", "industry",
    "company_size", "description", "has_text", "data", "raw",
)  # fmt: skip
KEY, DEDUPE_KEY, SOURCE, SOURCE_FILE, SOURCE_ROW, SOURCE_ID, TITLE, COMPANY = range(8)
URL = POSTING_COLUMNS.index("url")
DESCRIPTION = POSTING_COLUMNS.index("description")


class PostingRow(NamedTuple):
    """A posting as rows: its postings values (POSTING_COLUMNS), its skills and its terms."""

    values: tuple[Any, ...]
    skills: tuple[tuple[str, int | None], ...]  # (skill_id, required: 1, 0 or None)
    terms: tuple[tuple[str, str, str | None], ...]  # (kind, term, theme)

    @property
    def key(self) -> str:
        return str(self.values[KEY])

    @property
    def dedupe_key(self) -> str:
        return str(self.values[DEDUPE_KEY])


def posting_row(p: Posting) -> PostingRow:
    """The rows of a posting (pure: the local runner calls it in the workers)."""
    s = p.salary
    prov = p.provenance
    values = (
        p.key, p.dedupe_key, prov.source, prov.file, prov.row, prov.record_id, p.title, p.company, p.location,
        p.country, p.region, p.city, p.remote, p.employment_type, int(p.internship), p.role, p.level, p.track,
        p.min_degree, p.min_years,
        *((s.min, s.max, s.currency, s.period, s.kind, s.annual_usd_min, s.annual_usd_max, s.annual_usd_mid)
          if s else (None,) * 8),
        p.salary_note, p.posted_at, p.url, p.industry, p.company_size, p.description, int(p.has_text),
        posting_data(p), encode_raw(p.raw, p.description),
    )  # fmt: skip
    skills = tuple((m.id, None if m.required is None else int(m.required)) for m in p.skills)
    terms = tuple(("phrase", phrase, theme) for phrase, theme in p.phrases) + tuple(
        ("field", f, None) for f in p.degree_fields
    )
    return PostingRow(values, skills, terms)


def posting_data(p: Posting) -> str:
    """The `data` column: a posting's lists that are not columns, as the web app reads them."""
    return json.dumps(
        {
            "skills": [m.id for m in p.skills],
            "skills_required": [m.id for m in p.skills if m.required is True],
            "skills_preferred": [m.id for m in p.skills if m.required is False],
            "degree_fields": list(p.degree_fields),
            "responsibilities": list(p.responsibilities),
        },
        ensure_ascii=False,
    )


def encode_raw(raw: Mapping[str, Any], description: str) -> bytes:
    """The `raw` column: the record as zlib-compressed JSON, its fields equal to `description` left out.

    With no such field the JSON is the record itself. Otherwise it is `[record, fields]`: the record with
    those fields set to null (so that the record keeps its field order) and the names of those fields.
    """
    record = dict(raw)
    shared = [k for k, v in record.items() if v is description or v == description] if description else []
    for k in shared:
        record[k] = None
    doc: Any = [record, shared] if shared else record
    return zlib.compress(json.dumps(doc, default=str, ensure_ascii=False).encode("utf-8"), 1)


def decode_raw(blob: bytes, description: str) -> dict[str, Any]:
    """The record as read, from a `raw` column and the row's `description` (the inverse of `encode_raw`)."""
    doc = json.loads(zlib.decompress(blob))
    if isinstance(doc, dict):
        return doc
    record, shared = doc
    for k in shared:
        record[k] = description
    return dict(record)
