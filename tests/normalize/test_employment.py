"""parse_employment / parse_remote: tables of field values, titles and description sentences; property tests;
and accuracy against the sources' own labels (LinkedIn contractType, the board's Job Type, HN's LLM labels).

Every description sentence here is written for the test; none is copied from a posting.
"""

from __future__ import annotations

import collections
import csv
import glob
import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.normalize.employment import parse_employment, parse_remote, scan_description

FIELD_TABLE: list[tuple[str | None, str, str | None, bool]] = [
    ("Full-time", "", "FT", False),
    ("Full Time", "", "FT", False),
    ("FULL_TIME", "", "FT", False),
    ("FullTime", "", "FT", False),
    ("Permanent", "", "FT", False),
    ("Full Time, Permanent", "", "FT", False),
    ("Part-time", "", "PT", False),
    ("PART_TIME", "", "PT", False),
    ("Contract", "", "CT", False),
    ("Contractor", "", "CT", False),
    ("Temporary", "", "CT", False),
    ("C2C", "", "CT", False),
    ("W2 contract", "", "CT", False),
    ("Contract-to-hire", "", "CT", False),
    ("Freelance", "", "FL", False),
    ("Internship", "", "FT", True),
    ("Intern", "", "FT", True),
    ("Part-time internship", "", "PT", True),
    ("Full-time or Contract", "", "FT", False),
    ("Other", "", None, False),
    (None, "", None, False),
    ("", "", None, False),
    # title cues when the field says nothing
    (None, "Data Engineer (Contract)", "CT", False),
    (None, "Data Engineer 5 - Contract", "CT", False),
    (None, "Freelance AI Trainer", "FL", False),
    (None, "Part-Time Data Analyst", "PT", False),
    (None, "ML Engineer Intern (Summer 2024)", "FT", True),
    (None, "Full Time Job Opportunity - ML Ops Engineer", "FT", False),
    (None, "Data Scientist", None, False),
    # the field wins over the title
    ("Full-time", "Data Engineer (Contract)", "FT", False),
    ("Other", "Data Engineer (Contract)", "CT", False),
]


@pytest.mark.parametrize(("text", "title", "kind", "internship"), FIELD_TABLE)
def test_employment_field_and_title(text: str | None, title: str, kind: str | None, internship: bool) -> None:
    assert parse_employment(text, title=title) == (kind, internship)


DESCRIPTION_TABLE: list[tuple[str, str | None]] = [
    ("We are hiring for our data team. This is a contract position through our partner.", "CT"),
    ("The engagement is a 6-month contract with a possible extension.", "CT"),
    ("Open to candidates on a contract-to-hire basis.", "CT"),
    ("Job Type: Full-time\nPay: competitive", "FT"),
    ("This is a part-time role of about twenty hours per week.", "PT"),
    ("Our full-time employees enjoy generous benefits.", None),  # benefits talk, not the job's type
    ("You will review vendor contracts for data licensing.", None),
    ("", None),
]


@pytest.mark.parametrize(("description", "kind"), DESCRIPTION_TABLE)
def test_employment_from_description(description: str, kind: str | None) -> None:
    assert parse_employment(None, title="Data Engineer", description=description)[0] == kind


REMOTE_TABLE: list[tuple[tuple[str | None, ...], str | None]] = [
    (("Remote",), "remote"),
    (("US,Remote",), "remote"),
    (("Hybrid - Berlin",), "hybrid"),
    (("On-site",), "onsite"),
    (("ONSITE (San Francisco)",), "onsite"),
    (("NYC (3 days in office)",), "hybrid"),
    (("New York, NY",), None),
    ((None, "", "New York, NY"), None),
    # the first text that says anything decides
    (("Remote", "You will work from our Austin office five days a week."), "remote"),
    (("New York, NY", "This is a fully remote position open across the US."), "remote"),
    (("Austin, TX", "We work in a hybrid model with 3 days in the office."), "hybrid"),
    (("Austin, TX", "This role is based onsite at our Austin campus."), "onsite"),
    (("Austin, TX", "The team meets in-person every day at our lab."), "onsite"),
    (("Austin, TX", "We are a remote-first company with teammates in ten countries."), "remote"),
    (("Austin, TX", "Candidates can work from home most days."), "remote"),
    # not about the job
    (("Austin, TX", "You will build models for remote sensing imagery from satellites."), None),
    (("Austin, TX", "Experience with hybrid cloud architectures is a plus."), None),
    (("Austin, TX", "Enjoy our onsite gym and free lunch."), None),
    (("Austin, TX", "Final rounds are in-person interviews."), None),
    (("Austin, TX", "Please note this is not a remote role; relocation is offered."), "onsite"),
    (("Austin, TX", "There is no remote option for this team."), "onsite"),
]


@pytest.mark.parametrize(("texts", "arrangement"), REMOTE_TABLE)
def test_remote(texts: tuple[str | None, ...], arrangement: str | None) -> None:
    # the location field comes first; the sentences after it stand for descriptions (long texts)
    padded = tuple(t + " " * 200 if t and k > 0 else t for k, t in enumerate(texts))
    assert parse_remote(*padded) == arrangement


def test_description_cues_are_shared_and_lazy() -> None:
    text = "About us. " * 40 + "You will manage a team of three engineers. This is a fully remote role."
    cues = scan_description(text)
    assert scan_description(text) is cues
    assert cues.manages_people() and cues.remote() == "remote"
    assert not cues.leads_team() and not cues.entry_level() and cues.employment() is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=400))
def test_any_text_gives_valid_values(field: str, title: str, description: str) -> None:
    kind, internship = parse_employment(field, title=title, description=description)
    assert kind in (None, "FT", "PT", "CT", "FL")
    assert isinstance(internship, bool)
    assert parse_remote(field, description) in (None, "remote", "hybrid", "onsite")


@pytest.mark.realdata
def test_linkedin_contract_type(shared_data: Path) -> None:
    code = {"Full-time": "FT", "Contract": "CT", "Part-time": "PT", "Internship": "FT", "Other": None}
    with (shared_data / "linkedin-aiml-jobs-usa/ai_ml_jobs_linkedin.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    field = sum(parse_employment(r["contractType"])[0] == code[r["contractType"]] for r in rows) / len(rows)
    interns = [parse_employment(r["contractType"])[1] for r in rows if r["contractType"] == "Internship"]
    blind = sum(
        (parse_employment(None, title=r["title"], description=r["description"])[0] or "FT")
        == (code[r["contractType"]] or "FT")
        for r in rows
    ) / len(rows)
    print(
        f"\nLinkedIn contractType: field {field:.3f}; title+description only (no type read as FT) {blind:.3f}"
    )
    assert field == 1.0 and all(interns)
    assert blind >= 0.85


@pytest.mark.realdata
def test_board_job_type(shared_data: Path) -> None:
    expected = {"Full Time": ("FT", False), "Internship": ("FT", True), "Part Time": ("PT", False)}
    with (shared_data / "aijobs-board-listings/data_science_job.csv").open(encoding="latin-1") as f:
        rows = [r for r in csv.DictReader(f) if r["Job Type"] in expected]
    accuracy = sum(
        parse_employment(r["Job Type"], title=r["Job Title"]) == expected[r["Job Type"]] for r in rows
    ) / len(rows)
    print(
        f"\nboard Job Type: {accuracy:.3f} (n={len(rows)}; misses are interns whose title says so on a Full Time card)"
    )
    assert accuracy >= 0.97


@pytest.mark.realdata
def test_hn_remote_against_llm_labels(shared_data: Path) -> None:
    labels: dict[int, str] = {}
    for path in glob.glob(str(shared_data / "hn-whoishiring-2026/classified_*.json")):
        labels.update({j["id"]: j["remote"] for j in json.loads(Path(path).read_text())["jobs"]})
    expected = {"fully_remote": "remote", "hybrid": "hybrid", "onsite_only": "onsite", "not_mentioned": None}
    pairs: collections.Counter[tuple[str, str | None]] = collections.Counter()
    for path in glob.glob(str(shared_data / "hn-whoishiring-2026/raw_*.json")):
        for job in json.loads(Path(path).read_text())["jobs"]:
            if job["id"] not in labels:
                continue
            text = html.unescape(re.sub(r"<[^>]+>", " ", job["text"].replace("<p>", "\n")))
            pairs[(labels[job["id"]], parse_remote(text.split("\n")[0], text))] += 1
    agreement = sum(n for (g, p), n in pairs.items() if expected[g] == p) / sum(pairs.values())
    print(f"\nHN remote vs LLM labels: agreement {agreement:.3f}")
    for label in expected:
        print(f"  {label:14}", [pairs[(label, p)] for p in ("remote", "hybrid", "onsite", None)])
    assert agreement >= 0.85
