"""The labelled postings, read once per file and normalized once per row, through the real pipeline stage.

The evaluation scores what `roledex normalize` produces, so every labelled row goes through
`roledex.ingest.read_records` and `roledex.pipeline.stages.process_record`, exactly as in the pipeline.
Several label sources point at the same file (the skills gold set and the 2021 flags both label rows of
glassdoor_jobs.csv), so a file is read once and a row is processed once per run; only rows some label
names are processed, which keeps the whole evaluation to seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roledex.ingest import read_records
from roledex.models import Posting, RawPosting
from roledex.pipeline.stages import process_record
from roledex.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled posting: where it is, what the adapter read, and what the pipeline made of it."""

    file: str  # relative to the data folder
    row: str  # the label's own key for it: data-row index, source id or slug
    raw: RawPosting
    posting: Posting | None  # None when the pipeline rejected the record
    reject_reason: str | None = None


class _FileIndex:
    """The RawPostings of one file, findable by 0-based data row, source id and (RemoteWLB) slug."""

    def __init__(self, records: list[RawPosting]) -> None:
        self.by_row: dict[int, RawPosting] = {}
        self.by_id: dict[str, RawPosting] = {}
        self.by_slug: dict[str, RawPosting] = {}
        for rec in records:
            self.by_row.setdefault(rec.provenance.row, rec)
            if rec.provenance.record_id is not None:
                self.by_id.setdefault(rec.provenance.record_id, rec)
            slug = rec.raw.get("slug") if rec.raw else None
            if isinstance(slug, str):
                self.by_slug.setdefault(slug, rec)  # the same slug under several board folders: first wins


class PostingCache:
    """Reads each data file once and runs `process_record` once per labelled row."""

    def __init__(self, data_dir: Path, taxonomy: Taxonomy) -> None:
        self.data_dir = Path(data_dir)
        self.taxonomy = taxonomy
        self._files: dict[str, _FileIndex] = {}
        self._rows: dict[tuple[str, int], Row] = {}

    @property
    def processed(self) -> int:
        """How many postings went through the pipeline stage so far."""
        return len(self._rows)

    def exists(self, file: str) -> bool:
        return (self.data_dir / file).is_file()

    def _index(self, file: str) -> _FileIndex:
        index = self._files.get(file)
        if index is None:
            records = [r for r in read_records(self.data_dir / file) if isinstance(r, RawPosting)]
            index = self._files[file] = _FileIndex(records)
        return index

    def find(self, file: str, key: str | int) -> Row | None:
        """The labelled row `key` of `file`, normalized; None when the file has no such row.

        `key` is what the label set uses: a data-row index for CSV and JSON Lines files, the comment id
        for HN captures (`.json`), a source id (JSearch job_id) or a RemoteWLB slug.
        """
        index = self._index(file)
        text = str(key)
        raw: RawPosting | None = None
        if text.isdigit() and not file.endswith(".json"):
            raw = index.by_row.get(int(text))
        if raw is None:
            raw = index.by_id.get(text) or index.by_slug.get(text)
        if raw is None:
            return None
        cache_key = (file, raw.provenance.row)
        row = self._rows.get(cache_key)
        if row is None:
            out = process_record(raw, self.taxonomy)
            if isinstance(out, Posting):
                row = Row(file, text, raw, out)
            else:
                row = Row(file, text, raw, None, getattr(out, "reason", str(out)))
            self._rows[cache_key] = row
        return row

    def all_rows(self, file: str) -> list[Row]:
        """Every posting of `file`, normalized (for label sets that label every row, such as HN's)."""
        index = self._index(file)
        rows = []
        for raw in index.by_row.values():
            key = raw.provenance.record_id if file.endswith(".json") else None
            row = self.find(file, key if key is not None else raw.provenance.row)
            if row is not None:
                rows.append(row)
        return rows
