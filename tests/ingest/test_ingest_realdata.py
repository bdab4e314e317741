"""Every real data set in ../shared/data through read_records: counts, nothing lost, traps handled, speed.

Run with `pytest -s -m realdata tests/ingest` to see the records/s of each file.
"""

from __future__ import annotations

import time
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from roledex.ingest import detect_format, iter_paths, read_records
from roledex.models import RawPosting, RawSalaryRecord, RecordFailure

pytestmark = pytest.mark.realdata

# folder/file -> (format, records)   (PROVENANCE.md counts; failures are records too)
EXPECTED = {
    "aijobs-salaries/salaries.csv": ("aijobs-salaries", 74_301),
    "glassdoor-ds-jobs-2020/glassdoor_jobs.csv": ("glassdoor", 956),
    "glassdoor-ds-jobs-uncleaned/Uncleaned_DS_jobs.csv": ("glassdoor", 672),
    "linkedin-aiml-jobs-usa/ai_ml_jobs_linkedin.csv": ("linkedin", 862),
    "aijobs-board-listings/data_science_job.csv": ("aijobs-board", 3_198),
    "jsearch-ds-da-us-2025/data_scientist_us.csv": ("jsearch", 370),
    "remotewlb-remote-jobs-2024-2025/remotewlb_ai_ml_data_postings.jsonl.gz": ("remotewlb", 2_579),
    "ai-lab-ats-titles-2025-2026/current_jobs.csv": ("ai-lab-registry", 1_325),
    "hn-whoishiring-2026/raw_2026-01-01.json": ("hn", 264),
    "hn-whoishiring-2026/raw_2026-02-01.json": ("hn", 441),
    "hn-whoishiring-2026/raw_2026-03-15.json": ("hn", 343),
    "hn-whoishiring-2026/raw_2026-04-28.json": ("hn", 371),
    "hn-whoishiring-2026/raw_2026-05-05.json": ("hn", 292),
    "ats-api-format-samples/greenhouse_jobs_content_true.json": ("greenhouse", 2),
    "ats-api-format-samples/lever_postings_mode_json.json": ("lever", 2),
    "ats-api-format-samples/ashby_job_board_with_compensation.json": ("ashby", 2),
}
# records that cannot be read, as found (so a new loss shows up as a failure here)
EXPECTED_FAILURES = {"aijobs-board-listings/data_science_job.csv": 1}  # one listing with an empty Job Title


@cache
def read(shared: Path, rel: str) -> tuple[tuple[object, ...], float]:
    """The records and the CPU seconds reading them took (CPU time: the test machine is shared)."""
    started = time.process_time()
    records = tuple(read_records(shared / rel))
    return records, max(time.process_time() - started, 1e-6)


def test_folder_walk_finds_exactly_the_posting_and_salary_files(shared_data: Path) -> None:
    found = {str(p.relative_to(shared_data)) for p in iter_paths([shared_data])}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("rel", list(EXPECTED))
def test_real_file_is_read_whole(shared_data: Path, rel: str) -> None:
    fmt, count = EXPECTED[rel]
    assert detect_format(shared_data / rel) == fmt
    records, seconds = read(shared_data, rel)
    failures = [r for r in records if isinstance(r, RecordFailure)]
    assert len(records) == count, "every data record comes out, read or failed"
    assert len(failures) == EXPECTED_FAILURES.get(rel, 0), [f.reason for f in failures[:3]]
    rows = [r.provenance.row for r in records]  # type: ignore[attr-defined]
    assert rows == list(range(count)), "rows are the 0-based record indexes, in input order"
    print(f"\n{rel}: {count} records in {seconds:.2f} s CPU = {count / seconds:,.0f} records/s")


def test_hn_total_and_labels(shared_data: Path) -> None:
    jobs = [r for rel in EXPECTED if rel.startswith("hn-") for r in read(shared_data, rel)[0]]
    assert len(jobs) == 1_711
    postings = [r for r in jobs if isinstance(r, RawPosting)]
    assert sum("role" in r.labels for r in postings) == 1_709  # 2 ids have no LLM label
    assert all(r.url and r.url.startswith("https://news.ycombinator.com/item?id=") for r in postings)
    assert sum(bool(r.labels["roles"]) for r in postings) > 1_100


def test_glassdoor_placeholders_are_gone(shared_data: Path) -> None:
    for rel in (
        "glassdoor-ds-jobs-2020/glassdoor_jobs.csv",
        "glassdoor-ds-jobs-uncleaned/Uncleaned_DS_jobs.csv",
    ):
        postings = [r for r in read(shared_data, rel)[0] if isinstance(r, RawPosting)]
        for p in postings:
            values = [p.company, p.location, p.salary_text, p.industry, p.company_size, *p.labels.values()]
            assert "-1" not in values and -1 not in values
            assert p.company is None or "\n" not in p.company
        assert sum(p.salary_text is None for p in postings) == (214 if "2020" in rel else 0)


def test_remotewlb_salary_tags(shared_data: Path) -> None:
    rel = "remotewlb-remote-jobs-2024-2025/remotewlb_ai_ml_data_postings.jsonl.gz"
    postings = [r for r in read(shared_data, rel)[0] if isinstance(r, RawPosting)]
    kinds = Counter(p.labels.get("salary_tag_kind") for p in postings)
    assert kinds["placeholder"] >= 68 + 217
    for p in postings:
        if p.salary_text:
            assert p.labels["salary_tag_kind"] == "stated"
        assert "💰" not in p.description[:300], "the chip line with the board's salary tag is dropped"
    assert sum(p.company is None for p in postings) == 94 + 9  # "None" literally, and 9 empty


def test_text_traps(shared_data: Path) -> None:
    board = [
        r
        for r in read(shared_data, "aijobs-board-listings/data_science_job.csv")[0]
        if isinstance(r, RawPosting)
    ]
    assert any(p.location == "Ebène, Mauritius" for p in board)
    assert not any("\x96" in p.title or "\x85" in (p.location or "") for p in board)
    linkedin = read(shared_data, "linkedin-aiml-jobs-usa/ai_ml_jobs_linkedin.csv")[0]
    assert all(isinstance(r, RawPosting) and "\r" not in r.description for r in linkedin)
    salaries = read(shared_data, "aijobs-salaries/salaries.csv")[0]
    assert all(isinstance(r, RawSalaryRecord) for r in salaries)
    lab = [
        r
        for r in read(shared_data, "ai-lab-ats-titles-2025-2026/current_jobs.csv")[0]
        if isinstance(r, RawPosting)
    ]
    assert sum(r.employment_text == "FullTime" for r in lab) == 615  # every Ashby item's raw_data parsed
