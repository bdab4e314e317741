"""A small database built in code for the web tests, and an in-process client of the app over it.

Postings of four roles at several levels (own sentences, no real posting text), salary-survey records, and
one hostile posting whose title, company, link and description carry markup that must never execute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from roledex.analytics.profiles import refresh_aggregates
from roledex.models import Salary, SkillMention
from roledex.settings import Settings
from roledex.store.sqlite import SQLiteStore
from roledex.web.app import create_app
from tests.factories import make_posting, make_salary_record

ADMIN_TOKEN = "test-admin-token"

HOSTILE_TITLE = '<img src=x onerror="alert(1)">Data Scientist'
HOSTILE_COMPANY = "<script>alert('company')</script>Evil Corp"
HOSTILE_DESCRIPTION = (
    "<script>alert('xss')</script>\n"
    '<img src=x onerror=alert(2)> We analyse <b onclick="steal()">data</b> all day.\n\n'
    '<a href="javascript:alert(3)">Apply here</a> <svg onload=alert(4)></svg>\n'
    '<iframe src="https://evil.example/"></iframe>\n\n'
    "Requirements:\n- Python & SQL\n- Statistics <style>body{display:none}</style>\n"
)

DESCRIPTION = """About the team
We turn data into products for small shops.

Responsibilities:
- {duty}
- Write clear reports for the business
- Review the work of peers

Requirements:
- {years}+ years of experience with {skills}
- A degree in computer science or statistics

Benefits:
- Health insurance and paid time off
"""

# role: (titles by level, duties, skill ids, salary range by level)
ROLES: dict[str, tuple[dict[str, str], str, tuple[str, ...], dict[str, tuple[int, int]]]] = {
    "ml-engineer": (
        {
            "EN": "Junior Machine Learning Engineer",
            "MI": "Machine Learning Engineer",
            "SE": "Senior ML Engineer",
        },
        "Train and deploy ranking models",
        ("python", "pytorch", "docker", "aws", "sql"),
        {"EN": (90_000, 120_000), "MI": (130_000, 160_000), "SE": (170_000, 220_000)},
    ),
    "ml-research-engineer": (
        {"MI": "Research Engineer", "SE": "Senior Research Engineer"},
        "Run large training experiments",
        ("python", "pytorch", "deep-learning", "cpp"),
        {"MI": (150_000, 190_000), "SE": (190_000, 260_000)},
    ),
    "data-scientist": (
        {"EN": "Junior Data Scientist", "MI": "Data Scientist", "SE": "Senior Data Scientist"},
        "Design experiments and models for pricing",
        ("python", "sql", "statistics", "scikit-learn", "ab-testing"),
        {"EN": (80_000, 100_000), "MI": (110_000, 140_000), "SE": (150_000, 190_000)},
    ),
    "data-analyst": (
        {"EN": "Data Analyst I", "MI": "Data Analyst"},
        "Build dashboards for the sales team",
        ("sql", "excel", "tableau", "python"),
        {"EN": (55_000, 70_000), "MI": (70_000, 90_000)},
    ),
}
PER_LEVEL = 6
COUNTRIES = ("US", "US", "DE", "GB")
REMOTES = ("remote", "hybrid", "onsite", None)


def _postings() -> list[Any]:
    items = []
    n = 0
    for role, (titles, duty, skills, pay) in ROLES.items():
        for level, title in titles.items():
            for i in range(PER_LEVEL):
                n += 1
                lo, hi = pay[level]
                lo, hi = lo + 1000 * i, hi + 1000 * i
                asked = skills[: 3 + i % (len(skills) - 2)]
                items.append(
                    make_posting(
                        n,
                        title=title,
                        company=f"Company {n % 7}",
                        location=f"City {n % 5}",
                        description=DESCRIPTION.format(duty=duty, years=2 + i % 4, skills=", ".join(asked)),
                        role=role,
                        level=level,
                        country=COUNTRIES[i % len(COUNTRIES)],
                        remote=REMOTES[i % len(REMOTES)],
                        employment_type="CT" if i == 5 else "FT",
                        salary=Salary(lo, hi, "USD", "year", lo, hi) if i % 3 != 2 else None,
                        skills=tuple(SkillMention(s, j < 2) for j, s in enumerate(asked)),
                        min_years=2 + i % 4,
                        min_degree=("bachelor", "master", "phd")[i % 3],
                        posted_at=f"202{3 + i % 3}-0{1 + i % 9}-1{i % 9}",
                        has_text=True,
                        dedupe_key=f"dedupe-{n}",
                    )
                )
    n += 1
    items.append(
        make_posting(
            n,
            title=HOSTILE_TITLE,
            company=HOSTILE_COMPANY,
            description=HOSTILE_DESCRIPTION,
            role="data-scientist",
            level="MI",
            url="javascript:alert(5)",
            skills=(SkillMention("python", True), SkillMention("sql", True)),
            posted_at="2025-09-30",
            has_text=True,
            dedupe_key="dedupe-hostile",
        )
    )
    return items


def _salary_records() -> list[Any]:
    records = []
    n = 0
    for role, (titles, _duty, _skills, pay) in ROLES.items():
        for level, title in titles.items():
            lo, hi = pay[level]
            for i in range(12):
                n += 1
                usd = lo + (hi - lo) * i / 11
                records.append(
                    make_salary_record(
                        n,
                        role=role,
                        level=level,
                        job_title=title,
                        salary=usd,
                        salary_in_usd=usd,
                        work_year=2023 + i % 3,
                        employee_residence=COUNTRIES[i % len(COUNTRIES)],
                        remote_ratio=(0, 50, 100)[i % 3],
                    )
                )
    return records


def build_web_db(path: Path) -> Path:
    store = SQLiteStore(path)
    run = store.begin_run("web-fixture", "test")
    store.write_batch(run, _postings() + _salary_records())
    refresh_aggregates(store.conn)
    store.close()
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_db(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="session")
def hostile_id(web_db: Path) -> int:
    store = SQLiteStore(web_db, readonly=True)
    row = store.conn.execute("SELECT id FROM postings WHERE dedupe_key = 'dedupe-hostile'").fetchone()
    store.close()
    return int(row[0])


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    app = create_app(Settings(db_path=web_db))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def admin_client(tmp_path: Path) -> Iterator[TestClient]:
    """A writable copy of the database and a server that accepts uploads with ADMIN_TOKEN."""
    db = build_web_db(tmp_path / "admin.db")
    app = create_app(Settings(db_path=db, admin_token=ADMIN_TOKEN, rejects_dir=tmp_path / "rejects"))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
