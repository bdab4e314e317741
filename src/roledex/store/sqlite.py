"""The embedded default store: one SQLite file, FTS5 search, schema migrations from store/migrations/."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from roledex.errors import StoreError
from roledex.models import Posting, SalaryRecord
from roledex.store.base import Item, Reject, WriteCounts, reason_group
from roledex.store.rows import (
    COMPANY,
    DEDUPE_KEY,
    DESCRIPTION,
    KEY,
    POSTING_COLUMNS,
    SOURCE,
    SOURCE_FILE,
    SOURCE_ID,
    SOURCE_ROW,
    TITLE,
    URL,
    PostingRow,
    posting_row,
)

_INSERT_POSTING = (
    f"INSERT INTO postings(id, {', '.join(POSTING_COLUMNS)}, ingested_at, run_id)"
    f" VALUES ({','.join('?' * (len(POSTING_COLUMNS) + 3))})"
)
_SALARY_COLUMNS = (
    "key, source, source_file, source_row, work_year, level, employment_type, job_title, role, track, salary, "
    "salary_currency, salary_in_usd, employee_residence, remote_ratio, company_location, company_size, "
    "ingested_at, run_id"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str]]:
    """(version, sql) for every file in store/migrations/, in order."""
    folder = resources.files("roledex.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore:
    """SQLite backend. `SQLiteStore(":memory:")` is the in-memory twin the tests use."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not readonly:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open database {self.path}: {exc}",
                hint="check the path and its permissions, or pass --db",
            ) from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()

    # -- schema ----------------------------------------------------------------------------------------
    def applied_versions(self) -> set[int]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)"
        )
        return {int(r[0]) for r in self.conn.execute("SELECT version FROM schema_migrations")}

    def schema_version(self) -> int:
        return max(self.applied_versions(), default=0)

    def migrate(self) -> int:
        """Apply every migration the database has not recorded, in order, each in its own transaction.

        Not just those above the highest applied: migrations written on parallel branches can land out of order.
        """
        applied = self.applied_versions()
        for version, sql in migrations():
            if version in applied:
                continue
            try:
                with self.conn:
                    self.conn.executescript(
                        f"BEGIN;\n{sql}\nINSERT INTO schema_migrations VALUES ({version}, '{_now()}');\nCOMMIT;"
                    )
            except sqlite3.Error as exc:
                raise StoreError(
                    f"migration {version:04d} failed on {self.path}: {exc}",
                    hint="restore the database from a backup or start a new one with another --db",
                ) from exc
        return self.schema_version()

    # -- runs ------------------------------------------------------------------------------------------
    def begin_run(self, file: str, fmt: str) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO ingest_runs(file, format, started_at) VALUES (?, ?, ?)", (file, fmt, _now())
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: WriteCounts, read: int, status: str) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE ingest_runs SET finished_at=?, status=?, read=?, stored=?, duplicates=?, rejected=? WHERE id=?",
                (_now(), status, read, counts.stored, counts.duplicates, counts.rejected, run_id),
            )

    def iter_rejects(self, run_id: int) -> Iterator[Reject]:
        for r in self.conn.execute(
            "SELECT source_file, source_row, reason, raw FROM rejects WHERE run_id=? ORDER BY rowid",
            (run_id,),
        ):
            yield Reject(r[0], r[1], r[2], json.loads(r[3]) if r[3] else None)

    # -- writes ----------------------------------------------------------------------------------------
    def write_batch(self, run_id: int, items: Sequence[Item | PostingRow]) -> WriteCounts:
        """Write one batch in one transaction: all of it or none of it.

        Postings come as PostingRow (the runner makes them in its workers) or as Posting. The transaction
        takes the write lock before it reads which keys are stored: another writer cannot slip in between.
        """
        counts = WriteCounts()
        now = _now()
        postings = [
            i if isinstance(i, PostingRow) else posting_row(i)
            for i in items
            if isinstance(i, PostingRow | Posting)
        ]
        salaries = [i for i in items if isinstance(i, SalaryRecord)]
        rejects = [i for i in items if isinstance(i, Reject)]
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                if postings:
                    self._write_postings(run_id, postings, now, counts)
                if salaries:
                    self._write_salaries(run_id, salaries, now, counts)
                for rej in rejects:
                    self.conn.execute(
                        "INSERT INTO rejects(run_id, source_file, source_row, reason, raw) VALUES (?,?,?,?,?)",
                        (
                            run_id,
                            rej.source_file,
                            rej.source_row,
                            rej.reason,
                            json.dumps(rej.raw, default=str) if rej.raw is not None else None,
                        ),
                    )
                    counts.rejected += 1
                    group = reason_group(rej.reason)
                    counts.reject_reasons[group] = counts.reject_reasons.get(group, 0) + 1
        except sqlite3.Error as exc:
            raise StoreError(
                f"writing a batch to {self.path} failed: {exc}",
                hint="the batch was rolled back; run the same command again",
            ) from exc
        return counts

    def _known_keys(self, table: str, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 900):
            chunk = keys[start : start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.conn.execute(f"SELECT key FROM {table} WHERE key IN ({marks})", chunk)
            )
        return found

    def _postings_by_dedupe(self, dkeys: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(dkeys), 900):
            chunk = dkeys[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT dedupe_key, MIN(id) FROM postings WHERE dedupe_key IN ({marks}) GROUP BY dedupe_key",
                chunk,
            ):
                found[r[0]] = int(r[1])
        return found

    def _write_postings(self, run_id: int, rows: list[PostingRow], now: str, counts: WriteCounts) -> None:
        """Store new postings, link duplicates of stored ones, skip those stored before.

        Ids are given here (the next after the highest, as SQLite would), so that every table is written
        with one statement for the whole batch: the per-call overhead was a tenth of the writer's time.
        """
        known = self._known_keys("postings", keys := [r.key for r in rows])
        known |= self._known_keys("posting_duplicates", keys)
        by_dedupe = self._postings_by_dedupe(sorted({r.dedupe_key for r in rows}))
        next_id = int(self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM postings").fetchone()[0])
        postings: list[tuple[Any, ...]] = []
        texts: list[tuple[int, str, str, str]] = []
        skills: list[tuple[int, str, int | None]] = []
        terms: list[tuple[int, str, str, str | None]] = []
        links: list[tuple[Any, ...]] = []
        for row in rows:
            v = row.values
            if v[KEY] in known:
                counts.already_stored += 1
                continue
            known.add(v[KEY])
            original = by_dedupe.get(v[DEDUPE_KEY])
            if original is not None:
                links.append(
                    (original, v[KEY], v[SOURCE], v[SOURCE_FILE], v[SOURCE_ROW], v[SOURCE_ID], v[URL], now)
                )
                counts.linked += 1
                continue
            pid = by_dedupe[v[DEDUPE_KEY]] = next_id
            next_id += 1
            postings.append((pid, *v, now, run_id))
            texts.append((pid, v[TITLE], v[COMPANY] or "", v[DESCRIPTION]))
            skills.extend((pid, *s) for s in row.skills)
            terms.extend((pid, *t) for t in row.terms)
            counts.stored += 1
        self.conn.executemany(_INSERT_POSTING, postings)
        self.conn.executemany(
            "INSERT INTO postings_fts(rowid, title, company, description) VALUES (?,?,?,?)", texts
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO posting_skills(posting_id, skill_id, required) VALUES (?,?,?)", skills
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO posting_terms(posting_id, kind, term, theme) VALUES (?,?,?,?)", terms
        )
        self.conn.executemany(
            "INSERT INTO posting_duplicates(posting_id, key, source, source_file, source_row, source_id, url,"
            " seen_at) VALUES (?,?,?,?,?,?,?,?)",
            links,
        )

    def _write_salaries(
        self, run_id: int, records: list[SalaryRecord], now: str, counts: WriteCounts
    ) -> None:
        placeholders = ",".join("?" * 19)
        before = self.conn.total_changes
        self.conn.executemany(
            f"INSERT OR IGNORE INTO salary_records({_SALARY_COLUMNS}) VALUES ({placeholders})",
            [_salary_row(r, now, run_id) for r in records],
        )
        stored = self.conn.total_changes - before
        counts.stored += stored
        counts.already_stored += len(records) - stored

    # -- reads -----------------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def stats(self) -> dict[str, Any]:
        """What the database holds: postings and salary records per source, role, level, country, year."""

        def grouped(sql: str) -> dict[str, int]:
            return {str(r[0]) if r[0] is not None else "unknown": int(r[1]) for r in self.conn.execute(sql)}

        p = "SELECT {col}, COUNT(*) FROM postings GROUP BY 1 ORDER BY 2 DESC"
        s = "SELECT {col}, COUNT(*) FROM salary_records GROUP BY 1 ORDER BY 2 DESC"
        return {
            "database": self.path,
            "schema_version": self.schema_version(),
            "postings": {
                "total": self.conn.execute("SELECT COUNT(*) FROM postings").fetchone()[0],
                "linked_duplicates": self.conn.execute("SELECT COUNT(*) FROM posting_duplicates").fetchone()[
                    0
                ],
                "with_salary": self.conn.execute(
                    "SELECT COUNT(*) FROM postings WHERE annual_usd_mid IS NOT NULL"
                ).fetchone()[0],
                "by_source": grouped(p.format(col="source")),
                "by_role": grouped(p.format(col="role")),
                "by_level": grouped(p.format(col="level")),
                "by_country": grouped(p.format(col="country")),
                "by_year": grouped(p.format(col="substr(posted_at, 1, 4)")),
            },
            "salary_records": {
                "total": self.conn.execute("SELECT COUNT(*) FROM salary_records").fetchone()[0],
                "by_source": grouped(s.format(col="source")),
                "by_role": grouped(s.format(col="role")),
                "by_level": grouped(s.format(col="level")),
                "by_country": grouped(s.format(col="employee_residence")),
                "by_year": grouped(s.format(col="work_year")),
            },
            "rejects": self.conn.execute("SELECT COUNT(*) FROM rejects").fetchone()[0],
        }

    def close(self) -> None:
        self.conn.close()


def _salary_row(r: SalaryRecord, now: str, run_id: int) -> tuple[Any, ...]:
    return (
        r.key,
        r.provenance.source,
        r.provenance.file,
        r.provenance.row,
        r.work_year,
        r.level,
        r.employment_type,
        r.job_title,
        r.role,
        r.track,
        r.salary,
        r.salary_currency,
        r.salary_in_usd,
        r.employee_residence,
        r.remote_ratio,
        r.company_location,
        r.company_size,
        now,
        run_id,
    )
