"""The store port: what every backend (SQLite, PostgreSQL) offers the pipeline and analytics."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from roledex.models import Posting, SalaryRecord
from roledex.store.rows import PostingRow


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be stored, with its row and the reason (kept, never dropped)."""

    source_file: str
    source_row: int
    reason: str
    raw: dict[str, Any] | None = None


@dataclass(slots=True)
class WriteCounts:
    stored: int = 0
    already_stored: int = 0  # the same record ingested before (re-run of the same file)
    linked: int = 0  # the same posting from another source or listing: linked to the stored one
    rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def duplicates(self) -> int:
        return self.already_stored + self.linked

    def add(self, other: WriteCounts) -> None:
        self.stored += other.stored
        self.already_stored += other.already_stored
        self.linked += other.linked
        self.rejected += other.rejected
        for reason, n in other.reject_reasons.items():
            self.reject_reasons[reason] = self.reject_reasons.get(reason, 0) + n


Item = Posting | SalaryRecord | Reject


class Store(Protocol):
    """A backend that stores normalized records and answers the analytics queries."""

    def begin_run(self, file: str, fmt: str) -> int: ...
    def write_batch(self, run_id: int, items: Sequence[Item | PostingRow]) -> WriteCounts: ...
    def finish_run(self, run_id: int, counts: WriteCounts, read: int, status: str) -> None: ...
    def stats(self) -> dict[str, Any]: ...
    def iter_rejects(self, run_id: int) -> Iterator[Reject]: ...
    def close(self) -> None: ...


_ROW_PREFIX = re.compile(r"^\s*(?:row|line|record|item)\s+\d+\s*[:,-]\s*", re.I)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def reason_group(reason: str) -> str:
    """The reason without record-specific detail, for grouping: no row prefix, quoted values or numbers."""
    text = _ROW_PREFIX.sub("", reason)
    text = _NUMBER.sub("N", _QUOTED.sub("'…'", text))
    return text.strip()[:100] or "unknown"
