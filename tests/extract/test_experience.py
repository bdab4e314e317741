"""extract_min_years: the minimum years of experience a posting requires.

Fixture sentences are our own; real postings are read from ../shared/data by the realdata tests only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.extract.experience import extract_min_years
from tests.extract.test_education import gold_items

# ------------------------------------------------------------------------------------------ numbers
NUMBERS = [
    ("Experience\n* Three plus (3+) years of experience with data and analysis", 3),
    (
        "Contract Type: W2 Duration: 8 Months with possible extension\nMust-Have Skills:\n- 5+ years experience",
        5,
    ),
    (
        "Qualifications & Compensation:\n\u2022 Bachelor's Degree with 10 years of relevant experience\n"
        "\u2022 Master's degree with 8 years of relevant experience",
        8,
    ),
    ("Requirements:\n- 3+ years of experience with Python", 3),
    ("Requirements:\n- At least five years of experience in analytics", 5),
    ("Requirements:\n- 2-4 years of experience in data engineering", 2),
    ("Requirements:\n- 5 to 7 years of industry experience", 5),
    ("Requirements:\n- A minimum of 3 years of professional experience", 3),
    ("Requirements:\n- 3 or more years of experience building models", 3),
    ("Requirements:\n- Three (3) years of relevant experience", 3),
    ("Requirements:\n- 1 year of experience with SQL", 1),
    ("Requirements:\n- 6 months of experience with Tableau", 0.5),
    ("Requirements:\n- 18 months of experience in a data role", 1.5),
    ("Requirements:\n- 10+ yrs of software engineering", 10),
    ("Requirements:\n- 5+yrs experience as a data scientist", 5),
    ("Requirements:\n- Ten-plus years of experience in machine learning", 10),
    ("Requirements:\n- 4+ years' experience in a BI role", 4),
    ("Requirements:\n- More than 3 years of experience with Spark", 3),
    ("Requirements:\n- 0-2 years of experience in analytics", 0),
    ("Qualifications\nExperience: 3 years", 3),
    ("Qualifications\nJava: 3 years (Required)", 3),
    ("Requirements:\n- 5+ years in software engineering", 5),
    ("Requirements:\n- 4+ years working with .NET", 4),
    ("Requirements:\n- 3 years minimum as an ML Engineer", 3),
    ("We are looking for a data scientist with 4+ years of experience in forecasting.", 4),
    ("Requirements:\n- No prior experience required; we train you.", 0),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_numbers(text: str, expected: float) -> None:
    assert extract_min_years(text) == expected


# ------------------------------------------------------------------------------------------ which statement
COMBINATIONS = [
    # several required statements all hold: the largest binds
    ("Requirements:\n- 5+ years of software engineering\n- 2+ years with ML", 5),
    ("Requirements:\n- 2+ years of SQL\n- 5+ years of experience in analytics", 5),
    ("Requirements:\n- Minimum of 10 years' experience, with at least 4 years in a leadership role", 10),
    # alternatives: the least
    ("Requirements:\n- 4+ years as an ML Engineer or 6+ years as a Data Engineer", 4),
    ("Requirements:\n- BS with 5 years of experience, MS with 3 years or PhD with 0 years", 0),
    (
        "Requirements:\n- Bachelor's degree with 7 years of experience, Master's with 5 years or PhD with 3 years",
        3,
    ),
    (
        "Requirements:\n- Bachelor's degree and 8+ years, Master's degree and 6+ years, or a PhD and 4+ years",
        4,
    ),
    ("Requirements:\n- Bachelor's degree or 1+ years of related experience required.", 0),
    ("Requirements:\n- 3 years of experience with analytics, or a PhD degree.", 0),
    ("Requirements:\n- PhD level scientist with lab experience, or master with 3+ years of experience", 0),
    (
        "Minimum Qualifications\n- Bachelor's degree and 6+ years of experience\nOR\n"
        "- Master's degree and 4+ years of experience\nOR\n- PhD and 2+ years of experience",
        2,
    ),
    (
        "Minimum Qualifications\nOption 1: Bachelor's degree and 4 years' experience in analytics\n"
        "Option 2: Master's degree and 2 years' experience in analytics\nOption 3: 6 years' experience in analytics",
        2,
    ),
    # degree-paired statements led by the years
    (
        "Minimum Qualifications\n- 5 years relevant experience with a Bachelor's\n- 3 years relevant experience with a Master's",
        3,
    ),
    # preferred years never count
    ("Requirements:\n- 3+ years of experience\nNice to have:\n- 7+ years in fintech", 3),
    ("Requirements:\n- 3+ years of experience; 5+ years preferred", 3),
    ("Requirements:\n- Python and SQL\n- 5+ years of experience preferred", None),
    ("Requirements:\n- Ideally 3+ years of experience in a similar role", None),
    ("Requirements:\n- 3+ years of experience with Spark is a plus", None),
    ("Requirements:\n- 1-3 years of ETL experience (experience with NiFi is an advantage)", 1),
    # the requirements list outweighs an intro line
    (
        "The ideal candidate will have 8-10 years of experience.\n\nQualifications\n- 5-8 years of experience in data science",
        5,
    ),
]


@pytest.mark.parametrize(("text", "expected"), COMBINATIONS)
def test_combinations(text: str, expected: float | None) -> None:
    assert extract_min_years(text) == expected


NOT_EXPERIENCE = [
    "Duration: 6 months with possible extension",
    "This is a 12 month assignment.",
    "About us\nFounded 10 years ago, we are a 5 years old company.",
    "We have been in business for over 20 years and serve 200 clients.",
    "Requirements:\n- A 4-year degree in Computer Science",
    "Benefits\n- 401(k) with vesting after 3 years\n- 2 years of tuition reimbursement",
    "Requirements:\n- Must be at least 18 years of age",
    "Our team has 50 years of combined experience.",
    "With over 20 years of experience and 15,000 employees in 70 countries, we lead the market.",
    "Requirements:\n- Available for a 12 month contract",
    "For the past 5 years, our platform has grown tenfold.",
    "Requirements:\n- Salary $120,000 - $150,000 per year",
    "Requirements:\n- Several years of experience with Python",
    "",
]


@pytest.mark.parametrize("text", NOT_EXPERIENCE)
def test_not_experience(text: str) -> None:
    assert extract_min_years(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_none_or_a_sane_number(text: str) -> None:
    years = extract_min_years(text)
    assert years is None or 0 <= years <= 30


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=25),
    plus=st.sampled_from(["", "+", " or more", " plus"]),
    unit=st.sampled_from(["years", "yrs", "year's", "years'"]),
    tail=st.sampled_from(
        [" of experience", " of professional experience in SQL", " experience", " working with data"]
    ),
)
def test_stated_years_are_found(n: int, plus: str, unit: str, tail: str) -> None:
    assert extract_min_years(f"Requirements:\n- {n}{plus} {unit}{tail}") == n


# ------------------------------------------------------------------------------------------ real data
@pytest.mark.realdata
def test_min_years_accuracy_on_gold(shared_data: Path) -> None:
    """Hand-labelled postings: >= 0.85 overall (measured 0.92 overall; 0.96 on rounds 1-2, and the third round,
    labelled by a second annotator, 0.83 before the fixes it prompted and 0.87 after)."""
    items = gold_items(shared_data)
    misses = []
    for item, text in items:
        got = extract_min_years(text)
        if got != item["min_years"]:
            misses.append((item["file"], item["row"], item["round"], item["min_years"], got))
    accuracy = 1 - len(misses) / len(items)
    assert accuracy >= 0.85, misses
    first_rounds = [item for item, _ in items if item["round"] < 3]
    early_misses = [m for m in misses if m[2] < 3]
    assert 1 - len(early_misses) / len(first_rounds) >= 0.93, early_misses  # regression guard
