"""The SQLite store: migrations, transactional batches, stable keys, duplicates linked not stored twice."""

from __future__ import annotations

import json
import sqlite3

import pytest

from roledex.store.base import Reject, WriteCounts
from roledex.store.rows import decode_raw
from roledex.store.sqlite import SQLiteStore, migrations
from tests.factories import make_posting, make_salary_record


@pytest.fixture
def store():
    s = SQLiteStore(":memory:")
    yield s
    s.close()


def test_migrations_apply_once_and_record_the_version(tmp_path):
    path = tmp_path / "r.db"
    first = SQLiteStore(path)
    latest = max(v for v, _ in migrations())
    assert first.schema_version() == latest
    first.close()
    again = SQLiteStore(path)  # opening again applies nothing new
    assert again.schema_version() == latest
    assert again.query("SELECT COUNT(*) FROM schema_migrations")[0][0] == len(migrations())
    again.close()


def test_a_batch_stores_postings_skills_fulltext_and_raw(store):
    run = store.begin_run("test.jsonl", "jsonl")
    counts = store.write_batch(
        run, [make_posting(1), make_posting(2, title="Data Engineer", dedupe_key="d2")]
    )
    assert (counts.stored, counts.duplicates, counts.rejected) == (2, 0, 0)
    row = store.query("SELECT * FROM postings WHERE key='key-1'")[0]
    assert row["role"] == "ml-engineer" and row["annual_usd_mid"] == 135000
    assert decode_raw(row["raw"], row["description"]) == {"title": "Machine Learning Engineer", "n": 1}
    assert json.loads(row["data"])["skills"] == ["python", "pytorch"]
    skills = store.query(
        "SELECT skill_id, required FROM posting_skills WHERE posting_id=? ORDER BY skill_id", [row["id"]]
    )
    assert [tuple(r) for r in skills] == [("python", 1), ("pytorch", 1)]
    hits = store.query("SELECT rowid FROM postings_fts WHERE postings_fts MATCH 'engineer'")
    assert len(hits) == 2


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # (overrides of the second posting, (stored, already_stored, linked))
        ({"key": "key-1"}, (1, 1, 0)),  # the same record again: already stored
        ({"key": "other", "provenance": None}, (1, 0, 1)),  # same posting from another source: linked
        ({"key": "other", "dedupe_key": "different"}, (2, 0, 0)),  # a different posting
    ],
)
def test_duplicates_are_recognised_and_linked_not_stored_twice(store, second, expected):
    from roledex.models import Provenance

    if "provenance" in second:
        second = {**second, "provenance": Provenance("other-source", "other.csv", 7, None)}
    run = store.begin_run("f", "jsonl")
    total = WriteCounts()
    total.add(store.write_batch(run, [make_posting(1, dedupe_key="same")]))
    total.add(store.write_batch(run, [make_posting(1, **{"dedupe_key": "same", **second})]))
    assert (total.stored, total.already_stored, total.linked) == expected
    assert store.query("SELECT COUNT(*) FROM postings")[0][0] == expected[0]
    if expected[2]:
        link = store.query("SELECT source, source_row FROM posting_duplicates")[0]
        assert tuple(link) == ("other-source", 7)


def test_salary_records_keep_identical_rows_but_not_reingests(store):
    run = store.begin_run("salaries.csv", "aijobs-salaries")
    a = make_salary_record(0)
    b = make_salary_record(1)  # identical fields, another row: both are records
    assert store.write_batch(run, [a, b]).stored == 2
    again = store.write_batch(run, [a, b])
    assert (again.stored, again.already_stored) == (0, 2)


def test_rejects_are_kept_with_row_and_reason_and_grouped(store):
    run = store.begin_run("f.csv", "glassdoor")
    counts = store.write_batch(
        run,
        [
            Reject("f.csv", 3, "row 3: salary 'EURO 50k' has an unknown currency 'EURO'", {"x": 1}),
            Reject("f.csv", 9, "row 9: salary 'EURO 5' has an unknown currency 'EURO'"),
        ],
    )
    assert counts.rejected == 2
    # grouped without the row, the quoted values and the numbers
    assert counts.reject_reasons == {"salary '…' has an unknown currency '…'": 2}
    kept = list(store.iter_rejects(run))
    assert [(r.source_row, r.raw) for r in kept] == [(3, {"x": 1}), (9, None)]


def test_a_failing_batch_is_rolled_back_whole(store, monkeypatch):
    run = store.begin_run("f", "jsonl")
    bad = make_posting(2, title=None)  # NOT NULL title: the second insert fails
    with pytest.raises(Exception, match="rolled back"):
        store.write_batch(run, [make_posting(1), bad])
    assert store.query("SELECT COUNT(*) FROM postings")[0][0] == 0
    assert store.query("SELECT COUNT(*) FROM postings_fts")[0][0] == 0


def test_stats_counts_by_source_role_level_country_year(store):
    run = store.begin_run("f", "jsonl")
    store.write_batch(
        run,
        [make_posting(1), make_posting(2, dedupe_key="x", level="SE", country="GB"), make_salary_record(0)],
    )
    s = store.stats()
    assert s["postings"]["total"] == 2
    assert s["postings"]["by_level"] == {"MI": 1, "SE": 1}
    assert s["postings"]["by_country"] == {"US": 1, "GB": 1}
    assert s["salary_records"]["by_year"] == {"2024": 1}


def test_readonly_store_cannot_write(tmp_path):
    path = tmp_path / "r.db"
    SQLiteStore(path).close()
    ro = SQLiteStore(path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.conn.execute("INSERT INTO ingest_runs(file, format, started_at) VALUES ('a','b','c')")
    ro.close()


def test_a_migration_missing_below_the_newest_is_still_applied(tmp_path):
    """Migrations written in parallel can land out of order: every unrecorded version is applied."""
    path = tmp_path / "r.db"
    first = SQLiteStore(path)
    with first.conn:
        first.conn.execute("DELETE FROM schema_migrations WHERE version = 2")
        first.conn.execute("DROP INDEX postings_filters")
        first.conn.execute("DROP INDEX postings_pay")
    first.close()
    again = SQLiteStore(path)
    assert 2 in again.applied_versions()
    names = {r[0] for r in again.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"postings_filters", "postings_pay"} <= names
    again.close()
