"""The CLI: thin over the library; errors become messages that say what to do, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roledex.cli import app

runner = CliRunner()

POSTINGS = [
    {
        "id": f"p{i}",
        "title": title,
        "company": f"Co {i}",
        "location": "Boston, MA",
        "posted_at": "2025-03-01",
        "description": f"Posting {i}. Requirements: 3+ years with Python, SQL and PyTorch. Bachelor's degree.",
        "salary": "$120,000 - $160,000 a year",
    }
    for i, title in enumerate(["Senior Machine Learning Engineer"] * 12 + ["Data Analyst"] * 12)
]
SALARIES = (
    "work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,employee_residence,remote_ratio,company_location,company_size\n"
    + "".join(
        f"2024,SE,FT,Machine Learning Engineer,{150000 + 1000 * i},USD,{150000 + 1000 * i},US,0,US,M\n"
        for i in range(8)
    )
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(p) for p in POSTINGS) + "\n{broken\n", encoding="utf-8"
    )
    (folder / "salaries.csv").write_text(SALARIES, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path, data: Path) -> Path:
    path = tmp_path / "r.db"
    result = runner.invoke(app, ["ingest", str(data), "--db", str(path), "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_reports_counts_that_add_up_and_keeps_rejects(tmp_path, data):
    path = tmp_path / "r.db"
    result = runner.invoke(app, ["ingest", str(data), "--db", str(path), "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    files = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    feed = files["feed.jsonl"]
    assert (feed["read"], feed["stored"], feed["rejected"], feed["balanced"]) == (25, 24, 1, True)
    reject = json.loads(Path(feed["rejects_file"]).read_text().splitlines()[0])
    assert reject["source_row"] == 24
    assert files["salaries.csv"]["stored"] == 8
    again = runner.invoke(app, ["ingest", str(data), "--db", str(path), "--workers", "1", "--json"])
    assert json.loads(again.stdout)["files"][0]["stored"] == 0


def test_env_var_sets_the_database(tmp_path, data, monkeypatch):
    path = tmp_path / "env.db"
    monkeypatch.setenv("ROLEDEX_DB", str(path))
    assert runner.invoke(app, ["ingest", str(data / "feed.jsonl"), "--workers", "1"]).exit_code == 0
    out = runner.invoke(app, ["stats", "--json"])
    assert json.loads(out.stdout)["postings"]["total"] == 24


def test_normalize_streams_one_object_per_record_in_order(data):
    result = runner.invoke(app, ["normalize", str(data / "feed.jsonl")])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source_row"] for r in rows] == list(range(25))
    assert rows[0]["role"] == "ml-engineer" and rows[0]["level"] == "SE"
    assert rows[0]["salary"]["annual_usd_max"] == 160000 and "error" in rows[24]


def test_stats_compare_role_salaries_jobs(db):
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["postings"]["by_role"] == {"ml-engineer": 12, "data-analyst": 12}
    doc = json.loads(
        runner.invoke(app, ["compare", "ml-engineer", "data-analyst", "--db", str(db), "-f", "json"]).stdout
    )
    assert [r["n_postings"] for r in doc["roles"]] == [12, 12]
    md = runner.invoke(app, ["role", "Senior Machine Learning Engineer", "--db", str(db)]).stdout
    assert "## Required skills" in md and "Python" in md
    sal = json.loads(
        runner.invoke(
            app, ["salaries", "--title", "machine learning engineer", "--db", str(db), "--json"]
        ).stdout
    )
    survey = next(layer for layer in sal["layers"] if layer["layer"] == "survey")
    assert survey["overall"]["n"] == 8 and survey["overall"]["median"] == 153500
    jobs = json.loads(
        runner.invoke(app, ["jobs", "pytorch", "--role", "ml-engineer", "--db", str(db), "--json"]).stdout
    )
    assert jobs["total"] == 12


def test_refresh_is_incremental_and_full_on_demand(db):
    again = json.loads(runner.invoke(app, ["refresh", "--db", str(db), "--json"]).stdout)
    full = json.loads(runner.invoke(app, ["refresh", "--full", "--db", str(db), "--json"]).stdout)
    assert again["profiles_written"] == 0 and full["profiles_written"] > 0 and full["full"]


def test_fit_ranks_roles_by_the_resume_skills(db, tmp_path):
    resume = tmp_path / "cv.txt"
    resume.write_text("Five years of Python, SQL and PyTorch in production.", encoding="utf-8")
    result = runner.invoke(app, ["fit", str(resume), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {s["skill"] for s in doc["skills"]} >= {"python", "sql", "pytorch"}
    # both fixture roles ask for exactly these skills: both fit fully, each with matching jobs
    assert {(r["role"], r["score"]) for r in doc["roles"]} == {("ml-engineer", 1.0), ("data-analyst", 1.0)}
    assert all(r["jobs"] and not r["gaps"] for r in doc["roles"])
    table = runner.invoke(app, ["fit", str(resume), "--db", str(db)])
    assert table.exit_code == 0 and "Roles by fit" in table.output
    missing = runner.invoke(app, ["fit", str(tmp_path / "nope.pdf"), "--db", str(db)])
    assert missing.exit_code == 2 and "no file at" in missing.output
    broken = tmp_path / "cv.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    unreadable = runner.invoke(app, ["fit", str(broken), "--db", str(db)])
    assert unreadable.exit_code == 2 and "cannot read the PDF" in unreadable.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["stats", "--db", "/nonexistent/x.db"], 3, "ingest data first"),
        (["compare", "ml-engineer", "--db", "DB"], 2, "at least two roles"),
        (["compare", "ml-enginer", "data-analyst", "--db", "DB"], 2, "did you mean"),
        (["compare", "ml-engineer@ZZ", "data-analyst", "--db", "DB"], 2, "levels are EN"),
        (["salaries", "--level", "senior", "--db", "DB"], 2, "use one of: EN"),
        (["jobs", "--min-salary", "-5", "--db", "DB"], 2, "salary"),
        (["taxonomy", "show", "roles", "nope"], 1, "unknown role"),
        (["compare", "ml-engineer", "data-analyst", "-f", "pdf", "--db", "DB"], 2, "md, html, json"),
    ],
)
def test_errors_say_what_to_fix(db, args, code, message):
    args = [str(db) if a == "DB" else a for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_unknown_format_lists_the_formats(tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n")
    result = runner.invoke(app, ["ingest", str(odd), "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 2
    assert "--format" in result.output
