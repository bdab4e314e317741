"""The local runner: stream records from a file, normalize them in a process pool, write batches.

Memory stays constant for any input size: records are read lazily, at most `2 x workers` chunks are in
flight, and each batch is written (one transaction) before more are read.

The parent process reads, writes and passes records to and from the workers; the workers do everything
else, including turning each posting into the rows the store writes (`posting_row`), so that what the one
parent process does per posting is as little as it can be: it is what bounds an ingest on many cores.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from roledex.ingest import detect_format, read_records
from roledex.models import Posting, RawPosting, RawSalaryRecord, RecordFailure, SalaryRecord
from roledex.pipeline.stages import process_record
from roledex.settings import Settings
from roledex.store.base import Item, Reject, Store, WriteCounts
from roledex.store.rows import PostingRow, posting_row
from roledex.taxonomy import Taxonomy, load_taxonomy

RawItem = RawPosting | RawSalaryRecord | RecordFailure
StoreItem = PostingRow | SalaryRecord | Reject
T = TypeVar("T")

_worker_taxonomy: Taxonomy | None = None


def _init_worker() -> None:
    global _worker_taxonomy
    _worker_taxonomy = load_taxonomy()


def _process_chunk(stage: Callable[[RawItem, Taxonomy], T], chunk: list[RawItem]) -> list[T]:
    taxonomy = _worker_taxonomy or load_taxonomy()
    return [stage(r, taxonomy) for r in chunk]


def _chunks(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_stage(
    stage: Callable[[RawItem, Taxonomy], T],
    records: Iterable[RawItem],
    *,
    workers: int = 1,
    chunk_size: int = 500,
    taxonomy: Taxonomy | None = None,
) -> Iterator[tuple[RawItem, T]]:
    """Apply `stage` (a module-level function) to every record, in input order, with bounded look-ahead.

    workers=1 runs in this process; more fan out to a process pool (fork: the taxonomy is shared).
    """
    taxonomy = taxonomy or load_taxonomy()
    if workers <= 1:
        for r in records:
            yield r, stage(r, taxonomy)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        pending: deque[tuple[list[RawItem], Future[list[T]]]] = deque()
        for chunk in _chunks(records, chunk_size):
            pending.append((chunk, pool.submit(_process_chunk, stage, chunk)))
            if len(pending) >= 2 * workers:
                raw_chunk, fut = pending.popleft()
                yield from zip(raw_chunk, fut.result(), strict=True)
        while pending:
            raw_chunk, fut = pending.popleft()
            yield from zip(raw_chunk, fut.result(), strict=True)


def process_stream(
    records: Iterable[RawItem], *, workers: int = 1, chunk_size: int = 500, taxonomy: Taxonomy | None = None
) -> Iterator[tuple[RawItem, Item]]:
    """`process_record` applied to every record by `run_stage`: (record, normalized record or Reject)."""
    return run_stage(process_record, records, workers=workers, chunk_size=chunk_size, taxonomy=taxonomy)


def store_record(record: RawItem, taxonomy: Taxonomy) -> StoreItem:
    """`process_record`, with a posting turned into the rows the store writes (the ingest stage)."""
    item = process_record(record, taxonomy)
    return posting_row(item) if isinstance(item, Posting) else item


def normalize_path(path: Path, fmt: str | None = None, *, workers: int = 1) -> Iterator[dict[str, Any]]:
    """`roledex normalize`: one JSON-ready dict per input record, in input order, no database."""
    for raw, item in process_stream(read_records(path, fmt), workers=workers):
        if isinstance(item, Reject):
            yield {"source_row": raw.provenance.row, "error": item.reason}
        else:
            yield item.to_dict()


@dataclass
class IngestReport:
    """What one file's ingest did: rows read = stored + duplicates + rejected."""

    file: str
    format: str
    run_id: int = 0
    read: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)
    identical_rows: int = 0  # salary records identical in every field to an earlier row (kept, as published)
    rejects_file: str | None = None
    status: str = "running"
    seconds: float = 0.0

    @property
    def balanced(self) -> bool:
        return self.read == self.counts.stored + self.counts.duplicates + self.counts.rejected

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            "file": self.file,
            "format": self.format,
            "run_id": self.run_id,
            "status": self.status,
            "read": self.read,
            "stored": c.stored,
            "duplicates": c.duplicates,
            "already_stored": c.already_stored,
            "linked_duplicates": c.linked,
            "rejected": c.rejected,
            "reject_reasons": dict(sorted(c.reject_reasons.items(), key=lambda kv: -kv[1])),
            "identical_rows": self.identical_rows,
            "rejects_file": self.rejects_file,
            "seconds": round(self.seconds, 2),
            "balanced": self.balanced,
        }


def _salary_fingerprint(r: SalaryRecord) -> bytes:
    return hashlib.blake2b(repr(r.published()).encode(), digest_size=12).digest()


def ingest_path(
    path: Path,
    store: Store,
    settings: Settings,
    *,
    fmt: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest one file in transactional batches. Interrupted? Run it again: stored records are skipped."""
    started = time.perf_counter()
    fmt = fmt or detect_format(path)
    report = IngestReport(file=str(path), format=fmt)
    report.run_id = store.begin_run(str(path), fmt)
    seen_salary: set[bytes] = set()
    rejects_out = None
    batch: list[StoreItem] = []

    def flush() -> None:
        if batch:
            report.counts.add(store.write_batch(report.run_id, batch))
            batch.clear()
            if on_progress:
                on_progress(report.read)

    try:
        for _raw, item in run_stage(store_record, read_records(path, fmt), workers=settings.workers):
            report.read += 1
            if isinstance(item, SalaryRecord):
                fp = _salary_fingerprint(item)
                if fp in seen_salary:
                    report.identical_rows += 1
                seen_salary.add(fp)
            elif isinstance(item, Reject):
                if rejects_out is None:
                    settings.rejects_path.mkdir(parents=True, exist_ok=True)
                    out = settings.rejects_path / f"{Path(path).name}.run{report.run_id}.rejects.jsonl"
                    report.rejects_file = str(out)
                    rejects_out = out.open("w", encoding="utf-8")
                rejects_out.write(
                    json.dumps(
                        {
                            "source_file": item.source_file,
                            "source_row": item.source_row,
                            "reason": item.reason,
                            "raw": item.raw,
                        },
                        ensure_ascii=False,
                        default=str,
                    )
                    + "\n"
                )
            batch.append(item)
            if len(batch) >= settings.batch_size:
                flush()
        flush()
        report.status = "done"
    except KeyboardInterrupt:
        report.status = "interrupted"
        raise
    finally:
        if rejects_out is not None:
            rejects_out.close()
        report.seconds = time.perf_counter() - started
        # what was read but not written in the interrupted batch is not counted as read
        report.read -= len(batch)
        store.finish_run(report.run_id, report.counts, report.read, report.status)
    return report
