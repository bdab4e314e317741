"""The small parsers inside adapters: HN first lines, RemoteWLB salary tags, Python-repr lists, pay objects."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.errors import RecordError
from roledex.ingest.glassdoor import split_company
from roledex.ingest.hn import parse_first_line, split_outside_brackets, split_roles
from roledex.ingest.jsearch import python_list, strip_jobs_suffix
from roledex.ingest.jsonl import parse_pay
from roledex.ingest.remotewlb import salary_tag_kind, strip_header
from roledex.models import Pay

HN_FIRST_LINES: list[tuple[str, dict[str, Any]]] = [
    (
        "Acme | Senior Data Engineer | Austin, TX | REMOTE (US) | Full-time | $150k-$180k",
        {
            "company": "Acme",
            "roles": ["Senior Data Engineer"],
            "location": "Austin, TX",
            "remote_text": "REMOTE (US)",
            "employment_text": "Full-time",
            "salary_text": "$150k-$180k",
        },
    ),
    (
        "Acme (https://acme.example) | Backend Engineer, ML Engineer | NYC | ONSITE",
        {
            "company": "Acme",
            "roles": ["Backend Engineer", "ML Engineer"],
            "location": "NYC",
            "remote_text": "ONSITE",
        },
    ),
    (
        "Acme | Software Engineer, Payments | Remote (EU)",
        {"company": "Acme", "roles": ["Software Engineer, Payments"], "location": "Remote (EU)"},
    ),
    (
        "Acme | Software Engineers (Python, Go) | London, UK",
        {"company": "Acme", "roles": ["Software Engineers (Python, Go)"], "location": "London, UK"},
    ),
    (
        "Acme (YC S23) | Founding Engineer | San Francisco",
        {"company": "Acme", "yc_batch": "S23", "roles": ["Founding Engineer"], "location": "San Francisco"},
    ),
    (
        "Berlin, Germany | Acme | Product Engineer | 70-90k EUR",
        {
            "company": "Acme",
            "location": "Berlin, Germany",
            "roles": ["Product Engineer"],
            "salary_text": "70-90k EUR",
        },
    ),
    (
        "Data Analyst | Acme Health | Remote (US)",
        {"company": "Acme Health", "roles": ["Data Analyst"], "location": "Remote (US)"},
    ),
    (
        "Acme — Staff ML Engineer — Remote (US/Canada) — Contract",
        {
            "company": "Acme",
            "roles": ["Staff ML Engineer"],
            "remote_text": "Remote (US/Canada)",
            "employment_text": "Contract",
        },
    ),
    (
        "Acme (YC W24) Is Hiring a Founding AI Engineer",
        {"company": "Acme", "yc_batch": "W24", "roles": ["Founding AI Engineer"]},
    ),
    (
        "Acme is hiring a Data Scientist to work on pricing.",
        {"company": "Acme", "roles": ["Data Scientist"]},
    ),
    (
        "Acme | Multiple Roles | Hybrid (Paris) | VISA SPONSORSHIP",
        {"company": "Acme", "roles": ["Multiple Roles"], "remote_text": "Hybrid (Paris)"},
    ),
    (
        "Acme | Full-time | Remote | https://acme.example",
        {"company": "Acme", "roles": [], "employment_text": "Full-time", "remote_text": "Remote"},
    ),
    ("Hello, is anyone hiring?", {"roles": []}),
]


@pytest.mark.parametrize(("line", "expected"), HN_FIRST_LINES)
def test_hn_first_line(line: str, expected: dict[str, Any]) -> None:
    parsed = parse_first_line(line)
    for key, value in expected.items():
        assert parsed.get(key) == value, key


@pytest.mark.parametrize(
    ("part", "roles"),
    [
        ("Data Engineer / Analytics Engineer", ["Data Engineer", "Analytics Engineer"]),
        ("Multiple openings: Designer, Data Scientist", ["Designer", "Data Scientist"]),
        ("Senior & Staff Engineers", ["Senior & Staff Engineers"]),
        ("Engineer (Rust, C++)", ["Engineer (Rust, C++)"]),
    ],
)
def test_hn_split_roles(part: str, roles: list[str]) -> None:
    assert split_roles(part) == roles


@given(st.text(alphabet="ab|()[], "))
def test_split_outside_brackets_keeps_every_character(text: str) -> None:
    parts = split_outside_brackets(text, "|")
    assert "|".join(parts) == text


@pytest.mark.parametrize(
    ("tag", "kind"),
    [
        ("65k-95k USD", "placeholder"),
        ("~0k", "placeholder"),
        ("0", "placeholder"),
        ("~185k", "upper_bound"),
        ("342500.0", "sum_of_min_max"),
        ("USD 147k~195k", "stated"),
        ("USD $190,800~$267,100", "stated"),
        ("$174,000/yr - $235,000/yr", "stated"),
        ("EUR €90.000~€130.000", "stated"),
        ("$60/hour", "stated"),
        ("4100 EUR/month", "stated"),
        ("£55k - £75k + bonus", "stated"),
        ("Competitive", "free_text"),
        ("competitive compensation, 401k match up to 10%", "free_text"),
        ("$1500 towards IT set up for your home", "free_text"),
        ("Not Specified", "free_text"),
    ],
)
def test_remotewlb_salary_tag_kind(tag: str, kind: str) -> None:
    assert salary_tag_kind(tag) == kind


def test_remotewlb_header_is_dropped() -> None:
    md = (
        "# [Role](https://x.example/apply/role)  \n### Company  \n#### `💰 65k-95k USD` `🌎 US`  \nBody line."
    )
    assert strip_header(md) == "Body line."
    assert strip_header("No header here.\nSecond.") == "No header here.\nSecond."


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("['SQL', 'Python']", ["SQL", "Python"]),
        ('["it\'s", "x"]', ["it's", "x"]),
        ("[]", []),
        ("", []),
        ("['a\\'b']", ["a'b"]),
        ("[1, 2]", ["1", "2"]),
    ],
)
def test_python_list(text: str, items: list[str]) -> None:
    assert python_list(text) == items


@pytest.mark.parametrize("text", ["{'a': 1}", "[unclosed", "__import__('os')"])
def test_python_list_rejects(text: str) -> None:
    with pytest.raises((ValueError, SyntaxError)):
        python_list(text)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20), max_size=6))
def test_python_list_reads_any_repr(values: list[str]) -> None:
    assert python_list(repr(values)) == [v.strip() for v in values if v.strip()]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Data Analyst Jobs", "Senior Data Analyst"),
        ("Jobs", "Jobs"),
        ("Data Jobs Lead", "Data Jobs Lead"),
    ],
)
def test_strip_jobs_suffix(title: str, expected: str) -> None:
    assert strip_jobs_suffix(title) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme\n3.9", ("Acme", 3.9)),
        ("Acme", ("Acme", None)),
        ("Acme\nInc", ("Acme\nInc", None)),
        (None, (None, None)),
    ],
)
def test_glassdoor_split_company(name: str | None, expected: tuple[str | None, float | None]) -> None:
    assert split_company(name) == expected


@pytest.mark.parametrize(
    ("obj", "pay"),
    [
        ({"min": 100, "max": 120, "currency": "usd"}, Pay(100.0, 120.0, "USD", "year", "posted")),
        (
            {"min": "1,000", "period": "monthly", "currency": "EUR"},
            Pay(1000.0, 1000.0, "EUR", "month", "posted"),
        ),
        ({"max": 50, "period": "hour", "kind": "estimated"}, Pay(50.0, 50.0, None, "hour", "estimated")),
    ],
)
def test_jsonl_pay(obj: dict[str, Any], pay: Pay) -> None:
    assert parse_pay(obj) == pay


@pytest.mark.parametrize(
    ("obj", "phrase"),
    [
        ({}, "salary.min is missing"),
        ({"min": "lots"}, "salary.min 'lots' is not a number"),
        ({"min": 5, "max": 1}, "below salary.min"),
        ({"min": 5, "currency": "dollars"}, "not an ISO 4217 code"),
        ({"min": 5, "period": "quarter"}, "salary.period 'quarter'"),
    ],
)
def test_jsonl_pay_errors_name_the_field(obj: dict[str, Any], phrase: str) -> None:
    with pytest.raises(RecordError, match=phrase):
        parse_pay(obj)


@given(st.floats(min_value=0, max_value=1e7), st.floats(min_value=0, max_value=1e7))
def test_jsonl_pay_keeps_order(a: float, b: float) -> None:
    low, high = min(a, b), max(a, b)
    pay = parse_pay({"min": low, "max": high})
    assert pay.min == low and pay.max == high
