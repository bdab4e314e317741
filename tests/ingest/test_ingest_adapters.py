"""What each adapter yields, field by field, from the hand-written fixtures (one table per format)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from roledex.ingest import read_records
from roledex.models import Pay, RawPosting, RecordFailure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@cache
def records(name: str) -> tuple[Any, ...]:
    return tuple(read_records(FIXTURES / name))


def field(name: str, row: int, attr: str) -> Any:
    """A record's attribute; `labels.x` / `provenance.x` reach inside."""
    record = next(r for r in records(name) if r.provenance.row == row)
    value: Any = record
    for part in attr.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


FIELDS = [
    # --- aijobs-salaries: validated, kept as published (duplicates too)
    ("aijobs_salaries.csv", 0, "experience_level", "SE"),
    ("aijobs_salaries.csv", 1, "job_title", "Machine Learning Engineer"),  # an exact duplicate row, kept
    ("aijobs_salaries.csv", 2, "salary_currency", "EUR"),
    ("aijobs_salaries.csv", 2, "remote_ratio", 50),
    ("aijobs_salaries.csv", 2, "salary_in_usd", 45400.0),
    ("aijobs_salaries.csv", 2, "provenance.source", "aijobs-salaries"),
    # --- glassdoor: -1 is missing, rating glued to the company name
    ("glassdoor.csv", 0, "company", "Acme Analytics"),
    ("glassdoor.csv", 0, "labels.rating", 4.1),
    ("glassdoor.csv", 0, "labels.founded", 2005),
    ("glassdoor.csv", 0, "labels.ownership", "Company - Private"),
    ("glassdoor.csv", 0, "salary_text", "$60K-$95K (Glassdoor est.)"),
    ("glassdoor.csv", 0, "industry", "IT Services"),
    ("glassdoor.csv", 0, "company_size", "51 to 200 employees"),
    ("glassdoor.csv", 0, "provenance.record_id", "0"),
    (
        "glassdoor.csv",
        0,
        "description",
        "Acme Analytics is looking for a data scientist.\nResponsibilities:\nBuild forecasting models in Python and SQL.",
    ),
    ("glassdoor.csv", 1, "salary_text", None),
    ("glassdoor.csv", 1, "industry", None),
    ("glassdoor.csv", 1, "company_size", None),
    ("glassdoor.csv", 1, "labels", {}),
    ("glassdoor.csv", 2, "company_size", None),  # "Unknown"
    ("glassdoor.csv", 2, "salary_text", "$21-$34 Per Hour(Glassdoor est.)"),
    # --- linkedin: BOM header, CRLF inside quoted descriptions
    ("linkedin_bom.csv", 0, "title", "Machine Learning Engineer"),
    ("linkedin_bom.csv", 0, "posted_at", "2024-03-05"),
    ("linkedin_bom.csv", 0, "employment_text", "Full-time"),
    ("linkedin_bom.csv", 0, "industry", "Software Development"),
    ("linkedin_bom.csv", 0, "labels.experienceLevel", "Mid-Senior level"),
    ("linkedin_bom.csv", 0, "labels.applicationsCount", "Over 200 applicants"),
    ("linkedin_bom.csv", 0, "description", "We train models.\n\nYou will deploy them with PyTorch."),
    ("linkedin_bom.csv", 1, "posted_at", None),
    # --- aijobs-board: cp1252 bytes, typo'd header, padded tags
    ("aijobs_board_latin1.csv", 0, "company", "Café Data"),
    ("aijobs_board_latin1.csv", 0, "title", "Data Engineer – Pipelines"),
    ("aijobs_board_latin1.csv", 0, "location", "Montréal, Canada"),
    ("aijobs_board_latin1.csv", 0, "salary_text", "92K+ *"),
    ("aijobs_board_latin1.csv", 0, "tags", ("Airflow", "Python", "SQL")),
    ("aijobs_board_latin1.csv", 0, "labels.facilities", ["Career development", "Health care"]),
    ("aijobs_board_latin1.csv", 0, "labels.experience_level", "Mid-level"),
    ("aijobs_board_latin1.csv", 0, "employment_text", "Full Time"),
    ("aijobs_board_latin1.csv", 0, "description", ""),
    ("aijobs_board_latin1.csv", 1, "location", "Ebène, Mauritius"),
    # --- jsearch: " Jobs" suffix, Python-repr lists
    ("jsearch.csv", 0, "title", "Senior Data Analyst"),
    ("jsearch.csv", 0, "provenance.record_id", "abc123=="),
    ("jsearch.csv", 0, "posted_at", "2025-07-01"),
    ("jsearch.csv", 0, "labels.is_valid_job", True),
    ("jsearch.csv", 0, "labels.qualifications", ["SQL expertise", "Bachelor's degree"]),
    ("jsearch.csv", 0, "labels.data_mentions", ["SQL", "Tableau"]),
    ("jsearch.csv", 1, "labels.is_valid_job", False),
    (
        "jsearch.csv",
        1,
        "labels.warnings",
        ["data_mentions is not a Python list literal (ValueError); left out"],
    ),
    # --- ai-lab-registry: raw_data is a Python repr
    ("ai_lab_registry.csv", 0, "employment_text", "FullTime"),
    ("ai_lab_registry.csv", 0, "remote_text", "Hybrid"),
    ("ai_lab_registry.csv", 0, "salary_text", "$300K – $400K"),
    ("ai_lab_registry.csv", 0, "posted_at", "2026-03-25"),
    ("ai_lab_registry.csv", 0, "labels.ats", "ashby"),
    ("ai_lab_registry.csv", 1, "remote_text", "On-Site"),
    ("ai_lab_registry.csv", 1, "labels.ats", "greenhouse"),
    ("ai_lab_registry.csv", 1, "url", "https://job-boards.greenhouse.io/otherlab/jobs/5391"),
    ("ai_lab_registry.csv", 2, "title", "Solutions Architect"),
    # --- hn: first-line split, classified labels joined on id
    ("hn/raw_2026-01-01.json", 0, "title", "Senior Machine Learning Engineer"),
    ("hn/raw_2026-01-01.json", 0, "company", "Quokka Labs"),
    ("hn/raw_2026-01-01.json", 0, "location", "Berlin, Germany"),
    ("hn/raw_2026-01-01.json", 0, "remote_text", "ONSITE"),
    ("hn/raw_2026-01-01.json", 0, "employment_text", "Full-time"),
    ("hn/raw_2026-01-01.json", 0, "salary_text", "€90k-€120k"),
    ("hn/raw_2026-01-01.json", 0, "posted_at", "2026-01-02"),
    ("hn/raw_2026-01-01.json", 0, "url", "https://news.ycombinator.com/item?id=1001"),
    ("hn/raw_2026-01-01.json", 0, "labels.role", "ML Engineer"),
    ("hn/raw_2026-01-01.json", 0, "labels.technologies", ["PyTorch", "Rust"]),
    ("hn/raw_2026-01-01.json", 0, "labels.thread_id", 111),
    ("hn/raw_2026-01-01.json", 1, "company", "Wombat Data"),
    ("hn/raw_2026-01-01.json", 1, "labels.roles", ["Data Engineer", "Analytics Engineer"]),
    ("hn/raw_2026-01-01.json", 1, "title", "Data Engineer"),
    ("hn/raw_2026-01-01.json", 2, "title", "Staff Data Scientist"),  # role on its own line
    ("hn/raw_2026-01-01.json", 2, "location", "San Francisco, CA"),
    ("hn/raw_2026-01-01.json", 3, "company", "Echidna"),
    ("hn/raw_2026-01-01.json", 3, "title", "Founding AI Engineer"),
    ("hn/raw_2026-01-01.json", 3, "labels.yc_batch", "W24"),
    ("hn/raw_2026-01-01.json", 3, "labels.hn_source", "direct"),
    ("hn/raw_2026-01-01.json", 4, "labels.roles", []),
    # --- greenhouse: escaped HTML, pay ranges, metadata
    ("greenhouse.json", 0, "title", "Analytics Engineer"),
    (
        "greenhouse.json",
        0,
        "description",
        "About the role\n\nModel data in dbt & SQL.\n- Own the warehouse\n- Write tests",
    ),
    ("greenhouse.json", 0, "pay", Pay(60000.0, 80000.0, "EUR", "year", "posted")),
    ("greenhouse.json", 0, "remote_text", "Hybrid"),
    ("greenhouse.json", 0, "employment_text", "Full-time"),
    ("greenhouse.json", 0, "posted_at", "2026-02-27"),
    ("greenhouse.json", 0, "location", "Lisbon, Portugal"),
    ("greenhouse.json", 0, "labels.departments", ["Data"]),
    ("greenhouse.json", 1, "company", "kiwico"),  # no company_name: the board name
    ("greenhouse.json", 1, "posted_at", "2026-03-05"),  # no first_published: updated_at
    ("greenhouse.json", 1, "pay", None),
    # --- lever: epoch ms, lists, salaryRange
    ("lever.json", 0, "title", "Senior Data Scientist"),
    ("lever.json", 0, "company", "lynxfreight"),
    ("lever.json", 0, "posted_at", "2025-01-01"),
    ("lever.json", 0, "employment_text", "Full-time"),
    ("lever.json", 0, "remote_text", "hybrid"),
    ("lever.json", 0, "pay", Pay(140000.0, 170000.0, "CAD", "year", "posted")),
    (
        "lever.json",
        0,
        "description",
        "Lynx Freight moves parcels.\nWe need a data scientist.\n\nWhat you will do\n- Forecast demand\n"
        "- Design A/B tests\n\nWhat you bring\n- 5+ years with Python\n\nThe base salary range is CA$140K–CA$170K.",
    ),
    ("lever.json", 1, "remote_text", None),  # "unspecified"
    ("lever.json", 1, "pay", Pay(25.0, 30.0, "USD", "hour", "posted")),
    ("lever.json", 1, "description", "Help us label images.\n\nFlexible hours."),
    # --- ashby: compensation tiers, address, isRemote
    ("ashby.json", 0, "pay", Pay(170000.0, 210000.0, "USD", "year", "posted")),
    ("ashby.json", 0, "labels.compensation_tiers", ["$170K – $190K • Offers Equity", "$180K – $210K"]),
    ("ashby.json", 0, "remote_text", "OnSite"),
    ("ashby.json", 0, "company", "otterworks"),
    ("ashby.json", 0, "posted_at", "2026-04-01"),
    ("ashby.json", 0, "salary_text", None),
    ("ashby.json", 1, "pay", Pay(40.0, 55.0, "CAD", "hour", "posted")),
    ("ashby.json", 1, "location", "Canada"),  # empty location: the postal address
    ("ashby.json", 1, "remote_text", "Remote"),  # isRemote
    ("ashby.json", 1, "description", "Role\n\nAnswer tickets."),
    ("ashby.json", 2, "salary_text", "Competitive"),  # no Salary component: the summary
    ("ashby.json", 2, "pay", None),
    # --- jsonld: @graph, several locations, hourly pay, escaped HTML
    ("jobposting.jsonld", 0, "title", "Biostatistician"),
    ("jobposting.jsonld", 0, "company", "Heron Health"),
    ("jobposting.jsonld", 0, "provenance.record_id", "HH-42"),
    ("jobposting.jsonld", 0, "location", "Denver, CO, US; Austin, TX, US"),
    ("jobposting.jsonld", 0, "pay", Pay(48.0, 62.0, "USD", "hour", "posted")),
    ("jobposting.jsonld", 0, "employment_text", "FULL_TIME, CONTRACTOR"),
    ("jobposting.jsonld", 0, "description", "Design clinical trials.\n- SAS or R"),
    ("jobposting.jsonld", 0, "tags", ("statistics", "SAS", "R")),
    ("jobposting.jsonld", 0, "industry", "Healthcare"),
    ("jobpage.html", 1, "title", "Computer Vision Engineer"),
    ("jobpage.html", 1, "remote_text", "Remote"),
    ("jobpage.html", 1, "location", "Germany; Austria"),
    ("jobpage.html", 1, "pay", Pay(85000.0, 85000.0, "EUR", "year", "posted")),
    ("jobpage.html", 1, "posted_at", "2026-01-15"),
    (
        "jobpage.html",
        1,
        "description",
        "Build perception for warehouse robots.\n\nRequirements:\n- OpenCV\n- C++",
    ),
    # --- remotewlb: placeholder / upper-bound / sum tags never become salary_text
    ("remotewlb.jsonl.gz", 0, "salary_text", "USD 150k~190k"),
    ("remotewlb.jsonl.gz", 0, "posted_at", "2024-03-01"),
    ("remotewlb.jsonl.gz", 0, "provenance.record_id", "jobs/Python/2024-03/ml-engineer-ranking/README.md"),
    ("remotewlb.jsonl.gz", 0, "url", "https://www.remotewlb.com/apply/ml-engineer-ranking"),
    (
        "remotewlb.jsonl.gz",
        0,
        "description",
        "We build search ranking for shops.\n\nResponsibilities:\n- Train ranking models in PyTorch\n"
        "- Ship them to production\n\nPay: $150,000 - $190,000 per year.",
    ),
    ("remotewlb.jsonl.gz", 1, "company", None),  # "None"
    ("remotewlb.jsonl.gz", 1, "salary_text", None),  # 65k-95k USD placeholder
    ("remotewlb.jsonl.gz", 1, "labels.salary_tag", "65k-95k USD"),
    ("remotewlb.jsonl.gz", 1, "labels.salary_tag_kind", "placeholder"),
    ("remotewlb.jsonl.gz", 2, "salary_text", None),  # 342500.0 = min + max
    ("remotewlb.jsonl.gz", 2, "labels.salary_tag_kind", "sum_of_min_max"),
    ("remotewlb.jsonl.gz", 3, "salary_text", None),  # ~185k = upper bound only
    ("remotewlb.jsonl.gz", 3, "labels.salary_tag_kind", "upper_bound"),
    ("remotewlb.jsonl.gz", 4, "salary_text", None),
    ("remotewlb.jsonl.gz", 4, "remote_text", "Remote,Berlin, Germany"),
    # --- jsonl: documented fields
    ("postings.jsonl", 0, "pay", Pay(150000.0, 180000.0, "USD", "year", "posted")),
    ("postings.jsonl", 0, "description", "Build models.\n- Python\n- SQL"),
    ("postings.jsonl", 0, "remote_text", "remote"),
    ("postings.jsonl", 0, "posted_at", "2025-02-03"),
    ("postings.jsonl", 0, "provenance.source", "acme-feed"),
    ("postings.jsonl", 0, "labels.team", "Search"),
    ("postings.jsonl", 0, "tags", ("python", "sql")),
    ("postings.jsonl", 2, "provenance.record_id", "2"),  # row = line number: line 1 is blank
    ("postings.jsonl", 2, "salary_text", "EUR 50k-60k"),
    ("postings.jsonl", 2, "posted_at", "2025-02-03"),  # unix seconds
    ("postings.jsonl", 2, "remote_text", "onsite"),
    ("postings.jsonl", 2, "tags", ("excel", "tableau")),
    ("postings.jsonl", 2, "provenance.source", "jsonl"),
    ("postings.jsonl", 4, "pay", Pay(30.0, 45.0, "USD", "hour", "posted")),
    ("postings.jsonl", 4, "description", "Answer questions with data."),
]


@pytest.mark.parametrize(("name", "row", "attr", "expected"), FIELDS)
def test_adapter_field(name: str, row: int, attr: str, expected: Any) -> None:
    assert field(name, row, attr) == expected


FAILURES = [
    ("aijobs_salaries.csv", 3, ["experience_level", "'XX'", "EN, MI, SE, EX"]),
    ("aijobs_salaries.csv", 4, ["salary_currency", "'EURO'", "ISO 4217"]),
    ("aijobs_salaries.csv", 5, ["work_year", "'20x4'"]),
    ("aijobs_salaries.csv", 6, ["salary", "'abc'"]),
    ("aijobs_salaries.csv", 7, ["employee_residence", "'ZZ'", "ISO 3166-1"]),
    ("glassdoor.csv", 3, ["Job Title is empty"]),
    ("aijobs_board_latin1.csv", 2, ["Job Title is empty"]),
    ("greenhouse.json", 2, ["title is empty"]),
    ("hn/raw_2026-01-01.json", 5, ["jobs[5]", "id"]),
    ("jobpage.html", 0, ["ld+json block 2 of 3", "not valid JSON"]),
    ("remotewlb.jsonl.gz", 5, ["title is empty"]),
    ("postings.jsonl", 3, ["line 4", "not valid JSON"]),
    ("postings.jsonl", 5, ["title is empty"]),
    ("postings.jsonl", 6, ["salary.max", "below salary.min"]),
    ("postings.jsonl", 7, ["line 8", "not an object"]),
    ("postings.jsonl", 8, ["salary.period", "'fortnight'"]),
]


@pytest.mark.parametrize(("name", "row", "phrases"), FAILURES)
def test_record_failure_names_the_field_and_the_fix(name: str, row: int, phrases: list[str]) -> None:
    record = next(r for r in records(name) if r.provenance.row == row)
    assert isinstance(record, RecordFailure)
    for phrase in phrases:
        assert phrase in record.reason
    assert record.provenance.file == str(FIXTURES / name)


def test_raw_keeps_the_record_as_read() -> None:
    first = records("glassdoor.csv")[0]
    assert isinstance(first, RawPosting)
    assert first.raw["Company Name"] == "Acme Analytics\n4.1"
    assert first.raw["Rating"] == "4.1"


def test_jsonld_page_without_postings_says_so(tmp_path: Path) -> None:
    page = tmp_path / "about.html"
    page.write_text(
        '<html><script type="application/ld+json">{"@type": "Organization", "name": "X"}</script></html>'
    )
    (only,) = read_records(page, "jsonld")
    assert isinstance(only, RecordFailure) and "no schema.org JobPosting" in only.reason


def test_salary_rows_are_not_deduplicated() -> None:
    salaries = [r for r in records("aijobs_salaries.csv") if not isinstance(r, RecordFailure)]
    assert (
        salaries[0].salary == salaries[1].salary and salaries[0].provenance.row != salaries[1].provenance.row
    )
