"""split_sections and responsibility_statements: headings in every style, unheaded text, prose tails.

Fixture descriptions are our own; real postings are read from ../shared/data by the realdata tests only.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.extract import sections as sections_module
from roledex.extract.sections import Section, responsibility_statements, split_sections
from tests.extract.test_education import _SOURCES, descriptions

# ------------------------------------------------------------------------------------------ headings
PLAIN = """Acme builds tools for analysts.

Responsibilities
- Build forecasting models
- Ship dashboards to stakeholders

Requirements
- 3+ years of Python
- BS in Statistics

Nice to have
- Experience with Spark

Benefits
- 401(k) match
- Remote work

About us
Acme was founded in 2015 in Denver."""

ALL_CAPS = """JOB SUMMARY
We need an analyst.

ESSENTIAL DUTIES AND RESPONSIBILITIES
Build weekly revenue reports.

BASIC QUALIFICATIONS
Bachelor's degree.

PREFERRED QUALIFICATIONS
Master's degree.

EQUAL OPPORTUNITY EMPLOYER
We do not discriminate."""

MARKDOWN = """### About the Role
You will join the ML team.

### What you'll do
  * Train ranking models
  * Run experiments

**What we're looking for**

  * 5+ years of experience

**Nice to have:**

  * PhD in CS

### Perks
  * Equity"""

COLON = """What you'll do:
- Design data pipelines
- Own data quality
What you'll need:
- SQL and Python
What we offer:
- Health insurance"""

GLASSDOOR = """*Job Description**
Analyze data.
*Minimum Qualifications**
BS/BA with 2 years of experience
*Preferred Qualifications**
+ MS in Statistics
*Equal Employment Opportunity**
We are an equal opportunity employer."""

INLINE = (
    "We are hiring a data scientist. Responsibilities: build models and report results. Requirements: 3+ "
    "years of experience and a degree in statistics. Benefits: equity and health insurance."
)

UNHEADED = (
    "You will build data pipelines for our analytics platform. You have 3+ years of experience with Python "
    "and SQL. Experience with Airflow is a plus. We offer a 401(k) match and flexible hours. Acme is an equal "
    "opportunity employer and values diversity."
)

PROSE_TAIL = """Requirements
- Python
- SQL
The base salary range for this role is $120,000 - $150,000, and we offer a 401(k) plan with company match.
Acme is an equal opportunity employer; all qualified applicants will receive consideration without regard to race or religion."""

NETFLIX_LIKE = """At Acme our goal is to delight users.

In This Role, You Will

 * Partner with engineers to build systems.
 * Help maintain existing systems.

You Are

 * A strong coder with Python experience.

Acme provides comprehensive benefits including health plans and a 401(k) retirement plan with employer match.

We are an equal-opportunity employer and celebrate diversity."""

ELLIPSIS = """Position Summary...
What you'll do...
Build models.

Minimum Qualifications...
Option 1: Bachelor's degree and 3 years' experience.

Preferred Qualifications...
Master's degree."""

SECTIONS = [
    (
        PLAIN,
        [
            ("summary", None),
            ("responsibilities", "Responsibilities"),
            ("requirements", "Requirements"),
            ("preferred", "Nice to have"),
            ("benefits", "Benefits"),
            ("company", "About us"),
        ],
    ),
    (
        ALL_CAPS,
        [
            ("summary", "JOB SUMMARY"),
            ("responsibilities", "ESSENTIAL DUTIES AND RESPONSIBILITIES"),
            ("requirements", "BASIC QUALIFICATIONS"),
            ("preferred", "PREFERRED QUALIFICATIONS"),
            ("equal_opportunity", "EQUAL OPPORTUNITY EMPLOYER"),
        ],
    ),
    (
        MARKDOWN,
        [
            ("summary", "About the Role"),
            ("responsibilities", "What you'll do"),
            ("requirements", "What we're looking for"),
            ("preferred", "Nice to have"),
            ("benefits", "Perks"),
        ],
    ),
    (
        COLON,
        [
            ("responsibilities", "What you'll do"),
            ("requirements", "What you'll need"),
            ("benefits", "What we offer"),
        ],
    ),
    (
        GLASSDOOR,
        [
            ("summary", "Job Description"),
            ("requirements", "Minimum Qualifications"),
            ("preferred", "Preferred Qualifications"),
            ("equal_opportunity", "Equal Employment Opportunity"),
        ],
    ),
    (
        INLINE,
        [
            ("summary", None),
            ("responsibilities", "Responsibilities"),
            ("requirements", "Requirements"),
            ("benefits", "Benefits"),
        ],
    ),
    (
        UNHEADED,
        [
            ("responsibilities", None),
            ("requirements", None),
            ("preferred", None),
            ("benefits", None),
            ("equal_opportunity", None),
        ],
    ),
    (PROSE_TAIL, [("requirements", "Requirements"), ("benefits", None), ("equal_opportunity", None)]),
    (
        NETFLIX_LIKE,
        [
            ("summary", None),
            ("responsibilities", "In This Role, You Will"),
            ("requirements", "You Are"),
            ("benefits", None),
            ("equal_opportunity", None),
        ],
    ),
    (
        ELLIPSIS,
        [
            ("responsibilities", "What you'll do"),
            ("requirements", "Minimum Qualifications"),
            ("preferred", "Preferred Qualifications"),
        ],
    ),
    # "ideal" is preferred after the requirements and the requirements when alone
    (
        "Requirements\n- 3+ years of SQL\nIdeal qualifications\n- dbt",
        [("requirements", "Requirements"), ("preferred", "Ideal qualifications")],
    ),
    ("Ideal background\n- 3+ years of SQL\n- A degree in economics", [("requirements", "Ideal background")]),
    # list items that name skills are not headings
    (
        "Requirements\nStrong SQL skills\nPython experience\nIndustry experience is preferred",
        [("requirements", "Requirements")],
    ),
    ("", []),
    ("   \n\n ", []),
]


def kinds_and_headings(sections: tuple[Section, ...]) -> list[tuple[str, str | None]]:
    return [(s.kind, s.heading.rstrip(".") if s.heading else None) for s in sections]


@pytest.mark.parametrize(("description", "expected"), SECTIONS)
def test_split_sections(description: str, expected: list[tuple[str, str | None]]) -> None:
    assert kinds_and_headings(split_sections(description)) == expected


def assert_sections_cover(description: str, sections: tuple[Section, ...]) -> None:
    """Each section is the exact slice at its start, in order, without overlap, and every other non-blank
    character is part of a heading (a heading line, or an inline "Requirements:")."""
    covered = bytearray(len(description))
    end = 0
    for section in sections:
        assert section.text.strip(), section
        assert description[section.start : section.start + len(section.text)] == section.text
        assert section.start >= end
        end = section.start + len(section.text)
        covered[section.start : end] = b"\x01" * len(section.text)
    for heading in sections_module._find_headings(description):
        covered[heading.line_start : heading.body_start] = b"\x01" * (heading.body_start - heading.line_start)
    left = "".join(c for c, seen in zip(description, covered, strict=True) if not seen)
    assert not left.strip(), repr(left)


@pytest.mark.parametrize("description", [case[0] for case in SECTIONS])
def test_sections_are_slices_in_order(description: str) -> None:
    assert_sections_cover(description, split_sections(description))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Requirements",
                    "### Benefits",
                    "**About us**",
                    "What you'll do:",
                    "NICE TO HAVE",
                    "- 3+ years of SQL",
                    "* Build models",
                    "We offer a 401(k).",
                    "Acme is an equal opportunity employer.",
                    "",
                    "  ",
                    "Education: BS",
                ]
            ),
            st.text(max_size=60),
        ),
        max_size=30,
    )
)
def test_any_lines_give_ordered_slices(lines: list[str]) -> None:
    description = "\n".join(lines)
    assert_sections_cover(description, split_sections(description))


# ------------------------------------------------------------------------------------------ statements
def test_responsibility_statements_are_short_and_clean() -> None:
    description = """What you'll do
- **Design** and build data pipelines for the analytics platform.
- Own data quality;
- Lead
- Partner with product managers, engineers and analysts across the company to define metrics, run experiments, and report results to leadership every single week, with clear written summaries of what changed and why it matters.
- design and build data pipelines for the analytics platform
Model Deployment:
* Ship models to production with our ML engineers.

Requirements
- Build nothing here: this is a requirement."""
    assert responsibility_statements(split_sections(description)) == (
        "Design and build data pipelines for the analytics platform",
        "Own data quality",
        "Ship models to production with our ML engineers",
    )


def test_responsibility_statements_limit() -> None:
    description = "Responsibilities\n" + "\n".join(
        f"- Build model number {i} for the team" for i in range(50)
    )
    assert len(responsibility_statements(split_sections(description), limit=7)) == 7


# ------------------------------------------------------------------------------------------ real data
def sample_postings(shared_data: Path, per_source: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for file, column in _SOURCES.items():
        texts = descriptions(shared_data / file, column)
        out.extend(texts[i] for i in rng.sample(range(len(texts)), min(per_source, len(texts))))
    return out


@pytest.mark.realdata
def test_real_postings_have_sensible_sections(shared_data: Path) -> None:
    """40 real postings (10 per source; we read the 30 of an earlier sample by eye): most have requirements,
    responsibilities and benefits or EEO sections; every section is an exact slice, in order."""
    postings = sample_postings(shared_data, 10)
    has = Counter()
    for text in postings:
        sections = split_sections(text)
        assert_sections_cover(text, sections)
        kinds = {s.kind for s in sections}
        has.update(kinds)
        has["statements"] += bool(responsibility_statements(sections))
    n = len(postings)
    assert has["requirements"] >= 0.8 * n
    assert has["responsibilities"] >= 0.6 * n
    assert has["statements"] >= 0.6 * n
    assert has["benefits"] + has["equal_opportunity"] >= 0.6 * n


@pytest.mark.realdata
def test_heading_hints_keep_every_heading(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The word-prefix prefilter of plain lines (`_HEADING_HINTS`) drops no line the heading rules accept,
    on every short line of ~1,900 real postings (up to 500 per source)."""
    lines = {
        raw.strip()
        for text in sample_postings(shared_data, 500, seed=3)
        for raw in text.split("\n")
        if 0 < len(raw.strip()) <= 90
    }
    classify = sections_module._classify_line.__wrapped__  # type: ignore[attr-defined]
    with_hints = {line for line in lines if classify(line) is not None}
    monkeypatch.setattr(sections_module, "_has_heading_hint", lambda body: True)
    without_hints = {line for line in lines if classify(line) is not None}
    dropped = {line for line in without_hints - with_hints if not line.startswith("http")}
    # what the prefilter drops is not a heading: an e-mail address, "Full-time, w/benefits", a duty line
    assert len(dropped) <= 4, sorted(dropped)[:20]
