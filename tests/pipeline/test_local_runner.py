"""The local runner: ordered, parallel, constant-memory, transactional and resumable ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roledex.pipeline.local import ingest_path, normalize_path, process_stream
from roledex.settings import Settings
from roledex.store.sqlite import SQLiteStore


def write_jsonl(path: Path, n: int, bad_rows: tuple[int, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if i in bad_rows:
                fh.write("{not json\n")
                continue
            fh.write(
                json.dumps(
                    {
                        "id": f"j{i}",
                        "title": "Data Engineer" if i % 2 else "Data Scientist",
                        "company": f"Co {i}",
                        "location": "Austin, TX",
                        "description": f"Posting {i}. Requirements: 3+ years of SQL and Python.",
                        "salary": "$100,000 - $120,000",
                        "posted_at": "2025-01-02",
                    }
                )
                + "\n"
            )
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_normalize_keeps_input_order_and_reports_bad_rows(tmp_path, workers):
    path = write_jsonl(tmp_path / "f.jsonl", 25, bad_rows=(3, 17))
    out = list(normalize_path(path, workers=workers))
    assert [o["source_row"] for o in out] == list(range(25))
    assert "error" in out[3] and "error" in out[17]
    assert out[5]["role"] == "data-engineer" and out[5]["salary"]["annual_usd_min"] == 100000


def test_process_stream_is_lazy(tmp_path):
    """Records are pulled as results are consumed: nothing reads ahead without bound."""
    pulled = 0

    def records():
        nonlocal pulled
        from roledex.ingest import read_records

        for r in read_records(write_jsonl(tmp_path / "g.jsonl", 5000)):
            pulled += 1
            yield r

    stream = process_stream(records(), workers=2, chunk_size=100)
    next(stream)
    assert pulled <= 100 * 2 * 2 + 100  # at most 2 x workers chunks in flight plus the one being read


def test_ingest_counts_add_up_and_a_rerun_adds_nothing(tmp_path):
    path = write_jsonl(tmp_path / "f.jsonl", 40, bad_rows=(5,))
    settings = Settings(db_path=tmp_path / "r.db", workers=1, batch_size=7)
    store = SQLiteStore(settings.db_path)
    first = ingest_path(path, store, settings)
    assert (first.read, first.counts.stored, first.counts.rejected) == (40, 39, 1)
    assert first.balanced
    rejects = [json.loads(line) for line in Path(first.rejects_file).read_text().splitlines()]
    assert rejects[0]["source_row"] == 5 and "JSON" in rejects[0]["reason"]
    second = ingest_path(path, store, settings)
    assert (second.counts.stored, second.counts.already_stored, second.counts.rejected) == (0, 39, 1)
    assert store.query("SELECT COUNT(*) FROM postings")[0][0] == 39


def test_an_interrupted_ingest_leaves_whole_batches_and_completes_on_rerun(tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "f.jsonl", 50)
    settings = Settings(db_path=tmp_path / "r.db", workers=1, batch_size=10)
    store = SQLiteStore(settings.db_path)
    import roledex.pipeline.local as local

    real = local.run_stage

    def interrupted(stage, records, **kw):
        for i, pair in enumerate(real(stage, records, **kw)):
            if i == 34:
                raise KeyboardInterrupt
            yield pair

    monkeypatch.setattr(local, "run_stage", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ingest_path(path, store, settings)
    assert store.query("SELECT COUNT(*) FROM postings")[0][0] == 30  # three whole batches, nothing partial
    assert store.query("SELECT status, read FROM ingest_runs")[0][:] == ("interrupted", 30)
    monkeypatch.setattr(local, "run_stage", real)
    again = ingest_path(path, store, settings)
    assert (again.counts.stored, again.counts.already_stored) == (20, 30)
    assert store.query("SELECT COUNT(*) FROM postings")[0][0] == 50
