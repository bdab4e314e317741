"""End to end on the real data: every set ingests, the counts add up, nothing is lost, a re-run adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.realdata

EXPECTED_READ = {
    "salaries.csv": 74_301,
    "glassdoor_jobs.csv": 956,
    "Uncleaned_DS_jobs.csv": 672,
    "ai_ml_jobs_linkedin.csv": 862,
    "data_science_job.csv": 3_198,
    "data_scientist_us.csv": 370,
    "remotewlb_ai_ml_data_postings.jsonl.gz": 2_579,
    "current_jobs.csv": 1_325,
}


def test_every_real_set_is_read_whole_and_the_counts_add_up(real_db):
    store, reports = real_db
    by_name = {Path(r.file).name: r for r in reports}
    for name, n in EXPECTED_READ.items():
        assert by_name[name].read == n, name
    hn = sum(r.read for r in reports if Path(r.file).name.startswith("raw_2026"))
    assert hn == 1_711
    for r in reports:
        assert r.status == "done" and r.balanced, r.to_dict()
    postings = store.query("SELECT COUNT(*) FROM postings")[0][0]
    linked = store.query("SELECT COUNT(*) FROM posting_duplicates")[0][0]
    posting_reports = [r for r in reports if r.format != "aijobs-salaries"]
    assert postings == sum(r.counts.stored for r in posting_reports)
    assert linked == sum(r.counts.linked for r in posting_reports)


def test_salary_records_are_kept_as_published(real_db):
    store, reports = real_db
    (salaries,) = [r for r in reports if r.format == "aijobs-salaries"]
    assert salaries.counts.stored == 74_301 and salaries.counts.rejected == 0
    assert salaries.identical_rows == 74_301 - 34_997  # PROVENANCE: 34,997 distinct rows
    n, total = store.query("SELECT COUNT(*), SUM(salary_in_usd) FROM salary_records")[0]
    assert n == 74_301 and total > 0


def test_no_record_is_rejected_for_an_internal_error(real_db):
    store, _ = real_db
    internal = store.query(
        "SELECT source_file, source_row, reason FROM rejects WHERE reason LIKE 'internal error%'"
    )
    assert [tuple(r) for r in internal] == []


def test_reingesting_a_file_adds_nothing(real_db, shared_data):
    from roledex.pipeline.local import ingest_path
    from roledex.settings import Settings

    store, _ = real_db
    before = store.query("SELECT COUNT(*) FROM postings")[0][0]
    path = shared_data / "linkedin-aiml-jobs-usa" / "ai_ml_jobs_linkedin.csv"
    report = ingest_path(path, store, Settings(db_path=Path(store.path), workers=1))
    assert report.counts.stored == 0 and report.balanced
    assert store.query("SELECT COUNT(*) FROM postings")[0][0] == before
