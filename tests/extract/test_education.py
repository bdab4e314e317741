"""extract_education: the lowest accepted degree (ids.md `min_degree`) and the fields of study.

Fixture sentences are our own; real postings are read from ../shared/data by the realdata tests only.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.extract.education import Education, degree_spans, extract_education
from roledex.extract.experience import extract_min_years
from roledex.extract.sections import split_sections

GOLD = Path(__file__).with_name("education_experience_gold.json")

# ------------------------------------------------------------------------------------------ levels
DEGREES = [
    # blind-labelled real postings (2026-11): a statement line is not a heading; both degrees required;
    # a scrape that dropped apostrophes; "and/or"
    (
        "Educational Requirements:\nBachelor\u2019s degree required; advanced degree preferred\nQualifications:",
        "bachelor",
    ),
    (
        "What You ll Bring\n\u2022 Bachelor s in CS, Engineering, Info Systems (Master s preferred)",
        "bachelor",
    ),
    ("Basic Qualifications:\n\u2022 Possess a Bachelor's Degree and a Master of Science degree", "master"),
    ("Requirements:\n- Bachelor's and Master's degrees in CS", "bachelor"),
    ("Requirements:\n- BS and/or MS in CS", "bachelor"),
    # one degree named
    ("Requirements:\n- Bachelor's degree in Computer Science", "bachelor"),
    ("Requirements:\n- BA/BS in a quantitative field", "bachelor"),
    ("Qualifications\n- B.S. in Statistics or Economics", "bachelor"),
    ("Qualifications\n- BSc in Mathematics", "bachelor"),
    ("Qualifications\n- An undergraduate degree in a STEM field", "bachelor"),
    ("Qualifications\n- A 4-year degree from an accredited university", "bachelor"),
    ("Qualifications\n- Successful completion of a four-year college degree is required.", "bachelor"),
    ("Requirements:\n- MS in Computer Science", "master"),
    ("Requirements:\n- M.S. in Applied Mathematics", "master"),
    ("Requirements:\n- MSc in Physics", "master"),
    ("Requirements:\n- An MBA with a quantitative focus", "master"),
    ("Requirements:\n- Master's degree in Statistics", "master"),
    ("Requirements:\n- An advanced degree in a quantitative field", "master"),
    ("Requirements:\n- PhD in Machine Learning", "phd"),
    ("Requirements:\n- Ph.D. in Computer Science or a related field", "phd"),
    ("Requirements:\n- A doctorate in statistics", "phd"),
    ("Requirements:\n- Currently enrolled in a doctoral program", "phd"),
    # several named: the lowest is accepted
    ("Requirements:\n- BS/MS in CS", "bachelor"),
    ("Requirements:\n- Master's or PhD in Statistics", "master"),
    ("Requirements:\n- Bachelor's, Master's or PhD in a technical field", "bachelor"),
    ("Requirements:\n- MS or (preferably) PhD in Computer Vision", "master"),
    # preferred degrees never set the floor
    ("Requirements:\n- MS required, PhD preferred", "master"),
    ("Requirements:\n- Bachelor's degree required; Master's preferred", "bachelor"),
    ("Requirements:\n- BS in a quantitative field (MS preferred)", "bachelor"),
    ("Requirements:\n- Bachelor's degree in CS, Master's a plus", "bachelor"),
    ("Requirements:\n- PhD preferred", None),
    ("Qualifications\n- Master's or PhD in CS preferred", None),
    ("Nice to have\n- A PhD in machine learning", None),
    ("Preferred qualifications\n- MS in Statistics", None),
    ("Requirements:\n- 3+ years of Python\nNice to have:\n- MS or PhD", None),
    ("Requirements:\n- Bachelor's degree preferred but not required", "none"),
    ("Requirements:\n- A PhD in a relevant field is preferred but not required", None),
    # equivalent experience keeps the degree
    ("Requirements:\n- Bachelor's degree or equivalent experience", "bachelor"),
    (
        "Requirements:\n- Masters in Computer Science or equivalent experience (PhD in CS is a huge plus)",
        "master",
    ),
    # a degree without a level
    ("Requirements:\n- Degree in Computer Science, Mathematics or similar", "bachelor"),
    ("Requirements:\n- A relevant degree in a quantitative field", "bachelor"),
    ("Requirements:\n- A STEM degree", "bachelor"),
    # explicitly no degree; below a bachelor's
    ("Requirements:\n- No degree required, just curiosity and grit.", "none"),
    ("Requirements:\n- A degree is not required.", "none"),
    ("Requirements:\n- You don't need a college degree to apply.", "none"),
    ("Requirements:\n- High school diploma or GED required.", "none"),
    ("Requirements:\n- Associate's degree in IT or related field", "none"),
    ("Requirements:\n- Associate or Bachelor's degree in Computer Science", "none"),
    # degree-paired experience
    (
        "Minimum Qualifications\n- BS with 5 years of experience, MS with 3 years or PhD with 0 years",
        "bachelor",
    ),
    ("Minimum Qualifications\n- PhD level scientist with lab experience, or master with 3+ years", "master"),
    # nothing said
    ("Requirements:\n- 5+ years of Python\n- Strong SQL", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DEGREES)
def test_min_degree(text: str, expected: str | None) -> None:
    assert extract_education(text).min_degree == expected


NOT_DEGREES = [
    # words that look like degrees and are not
    "Requirements:\n- Proficiency in MS Office and MS Excel",
    "Requirements:\n- Experience with MS SQL Server and MS Azure",
    "Requirements:\n- Work with Scrum Masters and product owners",
    "Requirements:\n- Our engineers are masters of their craft",
    "Requirements:\n- Experience with master data management (MDM)",
    "Requirements:\n- Experience running LC-MS/MS and GC/MS assays",
    "Requirements:\n- Located in Boston, MA or remote",
    "Requirements:\n- Collaborate with a team of PhDs and engineers",
    "Requirements:\n- Experience with post-doctoral researchers",
    "Requirements:\n- A high degree of ownership and autonomy",
    "Requirements:\n- 360 degree feedback culture",
    "Requirements:\n- You may not have a PhD in ML, but you know regression inside out",
    # degrees in benefits and company sections are ignored
    "Benefits\n- Tuition reimbursement for your Master's or MBA",
    "About us\nOur founders hold PhDs from top universities and a Master's degree in physics.",
    "Equal Opportunity\nWe consider all applicants regardless of degree.",
]


@pytest.mark.parametrize("text", NOT_DEGREES)
def test_no_false_degrees(text: str) -> None:
    assert extract_education(text).min_degree is None


# ------------------------------------------------------------------------------------------ fields
FIELDS = [
    (
        "Requirements:\n- BS in Computer Science, Statistics, or a related field",
        ("computer science", "statistics", "related field"),
    ),
    ("Requirements:\n- MS in Electrical Engineering or Physics", ("electrical engineering", "physics")),
    ("Requirements:\n- PhD in Operations Research or Economics", ("operations research", "economics")),
    ("Requirements:\n- Degree in a quantitative field", ("quantitative field",)),
    ("Requirements:\n- BS in CS or EE", ("computer science", "electrical engineering")),
    ("Requirements:\n- Master's degree in Data Science or Applied Math", ("data science", "mathematics")),
    ("Requirements:\n- A STEM degree", ("stem",)),
    ("Requirements:\n- 3+ years of statistics and physics experience", ()),  # no degree named: no fields
]


@pytest.mark.parametrize(("text", "expected"), FIELDS)
def test_fields(text: str, expected: tuple[str, ...]) -> None:
    assert extract_education(text).fields == expected


def test_sections_may_be_given_or_split_here() -> None:
    text = (
        "About us\nWe are a team of PhDs.\n\nRequirements\n- BS in Statistics\n\nBenefits\n- MBA sponsorship"
    )
    assert (
        extract_education(text, split_sections(text))
        == extract_education(text)
        == Education("bachelor", ("statistics",))
    )


def test_degree_spans_ranks() -> None:
    text = "BS/MS in CS, PhD preferred; GED accepted"
    assert [(text[a:b], rank) for a, b, rank in degree_spans(text)] == [
        ("BS", 1),
        ("MS", 2),
        ("PhD", 3),
        ("GED", 0),
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_a_valid_result(text: str) -> None:
    result = extract_education(text)
    assert result.min_degree in (None, "none", "bachelor", "master", "phd")
    assert len(set(result.fields)) == len(result.fields)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Bachelor's degree",
                "BS",
                "MS",
                "Master's",
                "PhD",
                "in Statistics",
                "or",
                "and",
                "preferred",
                "required",
                "(",
                ")",
                ",",
                "a plus",
                "Requirements:\n",
                "\n- ",
                "Nice to have:\n",
                "MS Office",
            ]
        ),
        max_size=25,
    )
)
def test_degree_soup_never_crashes(words: list[str]) -> None:
    assert extract_education(" ".join(words)).min_degree in (None, "none", "bachelor", "master", "phd")


# ------------------------------------------------------------------------------------------ real data
_SOURCES = {
    "glassdoor-ds-jobs-2020/glassdoor_jobs.csv": "Job Description",
    "linkedin-aiml-jobs-usa/ai_ml_jobs_linkedin.csv": "description",
    "jsearch-ds-da-us-2025/data_scientist_us.csv": "job_description",
    "remotewlb-remote-jobs-2024-2025/remotewlb_ai_ml_data_postings.jsonl.gz": "markdown",
    "glassdoor-ds-jobs-uncleaned/Uncleaned_DS_jobs.csv": "Job Description",
}


@cache
def descriptions(path: Path, column: str) -> tuple[str, ...]:
    """The description column of a real posting file, in row order (CSV data rows or JSON lines)."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return tuple(str(json.loads(line)[column]) for line in fh)
    with path.open(newline="", encoding="utf-8") as fh:
        return tuple(row[column] for row in csv.DictReader(fh))


def gold_items(shared_data: Path) -> list[tuple[dict[str, Any], str]]:
    """(gold item, description) for every hand-labelled posting."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [
        (item, descriptions(shared_data / item["file"], _SOURCES[item["file"]])[item["row"]])
        for item in gold["items"]
    ]


def test_gold_file_is_labels_only() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(gold["items"]) >= 80
    for item in gold["items"]:
        assert set(item) == {"file", "row", "min_degree", "min_years", "round"}
        assert item["file"] in _SOURCES
        assert item["min_degree"] in (None, "none", "bachelor", "master", "phd")
    sources = Counter(item["file"] for item in gold["items"])
    assert len(sources) == len(_SOURCES) and min(sources.values()) >= 15


@pytest.mark.realdata
def test_min_degree_accuracy_on_gold(shared_data: Path) -> None:
    """Hand-labelled postings: >= 0.85 overall (measured 0.97 overall; the third round, labelled by a second
    annotator, 0.91 before the fixes it prompted and 0.95 after)."""
    items = gold_items(shared_data)
    misses = []
    for item, text in items:
        got = extract_education(text).min_degree
        if got != item["min_degree"]:
            misses.append((item["file"], item["row"], item["min_degree"], got))
    accuracy = 1 - len(misses) / len(items)
    assert accuracy >= 0.85, misses
    assert accuracy >= 0.95, misses  # regression guard on the figure reported


@pytest.mark.realdata
def test_both_extractors_on_the_same_sections(shared_data: Path) -> None:
    """The pipeline splits once and passes the sections to both extractors: same results as splitting twice."""
    for _item, text in gold_items(shared_data)[::7]:
        sections = split_sections(text)
        assert extract_education(text, sections) == extract_education(text)
        assert extract_min_years(text, sections) == extract_min_years(text)


@pytest.mark.realdata
def test_glassdoor_weak_degree_labels(shared_data: Path) -> None:
    """labels_2021.csv `Degree` is a keyword flag ('master' anywhere -> M, else 'phd' -> P, else na),
    including "master data" and "Scrum Master", so it is compared with what our detector names, not with
    min_degree: P/M/na from the highest degree named outside benefits/company/EEO sections. Agreement is
    ~0.76; the disagreements we read were theirs (MS / M.S. / MBA / "advanced degree" they miss, "mastery"
    and "master data" they count)."""
    texts = descriptions(shared_data / "glassdoor-ds-jobs-2020/glassdoor_jobs.csv", "Job Description")
    agree = total = 0
    with (shared_data / "glassdoor-ds-jobs-2020/labels_2021.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = texts[int(row["raw_row"])]
            ranks = {
                rank
                for section in split_sections(text)
                if section.kind not in ("benefits", "company", "equal_opportunity")
                for _, _, rank in degree_spans(section.text)
            }
            ours = "M" if 2 in ranks else "P" if 3 in ranks else "na"
            agree += ours == row["Degree"]
            total += 1
    assert total == 742
    assert agree / total >= 0.7
