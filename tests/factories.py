"""Records built in code for tests: small, explicit, no real posting text."""

from __future__ import annotations

from typing import Any

from roledex.models import Posting, Provenance, Salary, SalaryRecord, SkillMention


def make_posting(n: int = 0, **overrides: Any) -> Posting:
    fields: dict[str, Any] = dict(
        key=f"key-{n}",
        provenance=Provenance("test", "test.jsonl", n, f"id-{n}"),
        title="Machine Learning Engineer",
        company="Acme AI",
        location="New York, NY",
        description=f"Build and ship models. Posting number {n}. Python and PyTorch required.",
        role="ml-engineer",
        level="MI",
        track="ic",
        employment_type="FT",
        internship=False,
        remote=None,
        country="US",
        region="NY",
        city="New York",
        salary=Salary(120000, 150000, "USD", "year", 120000, 150000, "posted"),
        salary_note=None,
        min_degree="bachelor",
        degree_fields=("computer science",),
        min_years=3,
        skills=(SkillMention("python", True), SkillMention("pytorch", True)),
        responsibilities=("Build and ship models",),
        posted_at="2024-05-01",
        url=f"https://example.com/jobs/{n}",
        industry="Software",
        company_size="51-200",
        dedupe_key=f"dedupe-{n}",
        raw={"title": "Machine Learning Engineer", "n": n},
    )
    fields.update(overrides)
    return Posting(**fields)


def make_salary_record(n: int = 0, **overrides: Any) -> SalaryRecord:
    fields: dict[str, Any] = dict(
        key=f"salary-{n}",
        provenance=Provenance("aijobs-salaries", "salaries.csv", n),
        work_year=2024,
        level="SE",
        employment_type="FT",
        job_title="Research Engineer",
        role="ml-research-engineer",
        track="ic",
        salary=150000.0,
        salary_currency="USD",
        salary_in_usd=150000.0,
        employee_residence="US",
        remote_ratio=0,
        company_location="US",
        company_size="M",
    )
    fields.update(overrides)
    return SalaryRecord(**fields)
