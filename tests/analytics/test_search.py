"""Job search over a small corpus written here: relevance, filters, facets that agree with filters, sorting,
pagination, snippets that are never HTML, query safety and validation."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roledex.analytics import search
from roledex.analytics.search import FACETS, JobQuery, fts_match_expression, query_tokens, search_jobs
from roledex.errors import QueryError
from roledex.models import Salary, SkillMention
from roledex.store.sqlite import SQLiteStore
from tests.factories import make_posting


def _pay(lo: float, hi: float, currency: str = "USD") -> Salary:
    return Salary(lo, hi, currency, "year", lo, hi)


def _skills(*ids: str) -> tuple[SkillMention, ...]:
    return tuple(SkillMention(s, True) for s in ids)


# n: (title, company, description, overrides) -- short sentences written for these tests
CORPUS: dict[int, tuple[str, str, str, dict[str, Any]]] = {
    1: (
        "Machine Learning Engineer",
        "Acme AI",
        "Train and ship PyTorch models in production pipelines.",
        dict(
            level="SE",
            remote="remote",
            salary=_pay(150_000, 190_000),
            skills=_skills("python", "pytorch"),
            posted_at="2025-03-01",
        ),
    ),
    2: (
        "Computer Vision Engineer",
        "Pixel Works",
        "Image segmentation and object detection with OpenCV.",
        dict(
            role="computer-vision-engineer",
            country="DE",
            remote="hybrid",
            salary=_pay(70_000, 90_000, "EUR"),
            skills=_skills("python", "computer-vision"),
            posted_at="2025-02-10",
        ),
    ),
    3: (
        "Data Scientist",
        "Shopwise",
        "Design experiments, A/B testing and statistics with SQL.",
        dict(
            role="data-scientist",
            remote="onsite",
            salary=_pay(120_000, 140_000),
            skills=_skills("sql", "statistics", "ab-testing"),
            posted_at="2025-01-15",
        ),
    ),
    4: (
        "Senior Data Scientist",
        "Healthly",
        "Causal inference for patient outcomes in Python.",
        dict(
            role="data-scientist",
            level="SE",
            country="GB",
            remote="remote",
            salary=None,
            skills=_skills("python", "statistics"),
            posted_at="2025-04-02",
        ),
    ),
    5: (
        "Data Engineer",
        "Pipes Inc",
        "Build Spark, Airflow and Kafka pipelines.",
        dict(
            role="data-engineer",
            remote="remote",
            salary=_pay(130_000, 150_000),
            skills=_skills("spark", "airflow", "kafka", "python"),
            posted_at="2024-12-01",
        ),
    ),
    6: (
        "Analytics Engineer",
        "Modelly",
        "Own dbt models on a Snowflake warehouse.",
        dict(
            role="analytics-engineer",
            country="CA",
            salary=None,
            skills=_skills("dbt", "snowflake", "sql"),
            posted_at="2025-03-20",
        ),
    ),
    7: (
        "NLP Engineer",
        "Lingua Labs",
        "Tokenization and transformer language models.",
        dict(
            role="nlp-engineer",
            level="SE",
            salary=_pay(160_000, 200_000),
            skills=_skills("nlp", "python"),
            posted_at="2025-05-05",
        ),
    ),
    8: (
        "Research Scientist, Reinforcement Learning",
        "DeepThink",
        "Publish papers on reinforcement learning research.",
        dict(
            role="research-scientist",
            level="SE",
            country="GB",
            salary=None,
            skills=_skills("pytorch"),
            posted_at="2025-02-01",
        ),
    ),
    9: (
        "Data Analyst Intern",
        "Retailo",
        "Build dashboards in Tableau and Excel for the stores.",
        dict(
            role="data-analyst",
            level="EN",
            internship=True,
            employment_type="PT",
            salary=_pay(40_000, 40_000),
            skills=_skills("tableau", "excel"),
            posted_at="2025-05-30",
        ),
    ),
    10: (
        "BI Developer",
        "Reporting Co",
        "Power BI dashboards and data models for finance.",
        dict(
            role="bi-developer",
            country="IN",
            employment_type="CT",
            salary=None,
            skills=_skills("power-bi"),
            posted_at="2025-01-05",
        ),
    ),
    11: (
        "MLOps Engineer",
        "Platformy",
        "Kubernetes, MLflow and model deployment at scale.",
        dict(
            role="mlops-engineer",
            level="SE",
            salary=_pay(170_000, 210_000),
            skills=_skills("kubernetes", "mlflow", "docker"),
            posted_at="2025-04-20",
        ),
    ),
    12: (
        "AI Engineer",
        "Chatty",
        "LLM applications with LangChain and retrieval augmented generation.",
        dict(
            role="ai-engineer",
            remote="remote",
            salary=_pay(140_000, 180_000),
            skills=_skills("llm", "langchain", "python"),
            posted_at="2025-06-01",
        ),
    ),
    13: (
        "Head of Data",
        "Bigcorp",
        "Lead the data team and its roadmap.",
        dict(
            role="data-leader",
            level="EX",
            track="manager",
            salary=_pay(220_000, 260_000),
            skills=(),
            posted_at="2025-03-03",
        ),
    ),
    14: (
        "Quantitative Researcher",
        "Alpha Fund",
        "Statistical arbitrage with time series.",
        dict(
            role="quantitative-analyst", salary=None, skills=_skills("python", "statistics"), posted_at=None
        ),
    ),
    15: (
        "Backend Software Engineer",
        "Vision Labs",
        "Go services on PostgreSQL for our platform.",
        dict(
            role="software-engineer",
            salary=_pay(110_000, 130_000),
            skills=_skills("go"),
            posted_at="2025-02-20",
        ),
    ),
    16: (
        "Robotics Software Engineer",
        "Robo Inc",
        "Motion planning; some computer vision exposure helps.",
        dict(
            role="software-engineer", level="SE", salary=None, skills=_skills("cpp"), posted_at="2025-03-15"
        ),
    ),
    17: (
        "Machine Learning Engineer, Recommendations",
        "Shopwise",
        "Recommendation systems and ranking models.",
        dict(salary=None, skills=_skills("python"), posted_at=None, level=None),
    ),
    18: (
        "Junior Data Engineer",
        "Pipes Inc",
        "SQL and Python for ETL; we teach you the rest.",
        dict(
            role="data-engineer",
            level="EN",
            country="PL",
            salary=_pay(25_000, 35_000, "PLN"),
            skills=_skills("sql", "python"),
            posted_at="2025-05-10",
        ),
    ),
    19: (
        "Statistician",
        "Pharma Plus",
        "Clinical trials analysis in SAS and R.",
        dict(
            role="statistician",
            salary=_pay(100_000, 120_000),
            skills=_skills("sas", "r", "statistics"),
            posted_at="2024-11-11",
        ),
    ),
    20: (
        "Applied Scientist",
        "Shopwise",
        "Search ranking with machine learning.",
        dict(
            role="applied-scientist",
            level="SE",
            salary=_pay(180_000, 220_000),
            skills=_skills("python"),
            posted_at="2025-06-01",
        ),
    ),
    21: (
        "Prompt Engineer",
        "Odd Co",
        "<script>alert(1)</script> Write prompts \ue000 and \ue001 evals.",
        dict(role="ai-engineer", salary=None, skills=(), posted_at="2025-01-01"),
    ),
}


@pytest.fixture(scope="module")
def store():
    s = SQLiteStore(":memory:")
    postings = []
    for n, (title, company, description, extra) in CORPUS.items():
        fields = {"title": title, "company": company, "description": description, "remote": None, **extra}
        postings.append(make_posting(n, **fields))
    s.write_batch(s.begin_run("corpus", "test"), postings)
    yield s
    s.close()


def _ids(results) -> list[int]:
    return [h.id for h in results.hits]


def _all(store, **kw) -> list[int]:
    return _ids(search_jobs(store, JobQuery(per_page=100, **kw)))


# -- relevance -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("q", "best"),
    [
        ("computer vision", [2]),  # in the title beats a mention in a description (16)
        ("vision", [2, 15, 16]),  # title (10) > company (3) > description (1)
        ("data scientist", [4, 3]),  # both titles; the newer posting first
        ("kubernetes", [11]),
        ("Reinforcement learning", [8]),
        ("dbt snowflake", [6]),
        ("LangChain", [12]),
        ("machine learning engineer", [1, 17]),
        ("Data-Engineer!!", [18, 5]),  # punctuation is a separator; "junior" is not required
        ("pipes", [18, 5]),  # the company
    ],
)
def test_relevance_puts_the_known_best_answers_first(store, q, best):
    assert _all(store, q=q)[: len(best)] == best


def test_text_must_match_every_word(store):
    assert _all(store, q="computer vision") == [2, 16]
    assert _all(store, q="vision kubernetes") == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("models", {1, 6, 7, 10, 11, 17}),  # porter stemming: model / models
        ("modelling", {1, 6, 7, 10, 11, 17}),
        ("PYTORCH", {1}),
        ("the and of", {13}),  # only stopwords: then they are searched (title "Head of Data" + description)
    ],
)
def test_matching_is_case_insensitive_and_stemmed(store, q, expected):
    assert set(_all(store, q=q)) == expected


# -- filters ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"role": "ml-engineer"}, {1, 17}),
        ({"level": "EN"}, {9, 18}),
        ({"track": "manager"}, {13}),
        ({"employment_type": "CT"}, {10}),
        ({"internship": True}, {9}),
        ({"remote": "remote"}, {1, 4, 5, 12}),
        ({"country": "gb"}, {4, 8}),
        ({"min_salary": 170_000}, {1, 7, 11, 13, 20}),  # the midpoint of the range (1: exactly 170,000)
        ({"skills": ("python", "statistics")}, {4, 14}),
        ({"posted_since": "2025-05-10"}, {9, 12, 18, 20}),
        ({"role": "data-engineer", "level": "EN"}, {18}),
        ({"q": "engineer", "remote": "remote"}, {1, 5, 12}),
        ({"role": "statistician", "country": "US", "skills": ("sas",)}, {19}),
    ],
)
def test_filters(store, filters, expected):
    assert set(_all(store, **filters)) == expected


# -- facets agree with filters ---------------------------------------------------------------------------
BASES: list[dict[str, Any]] = [
    {},
    {"q": "engineer"},
    {"q": "data"},
    {"country": "US"},
    {"role": "data-engineer"},
    {"q": "engineer", "remote": "remote", "level": "SE"},
    {"skills": ("python",)},
    {"q": "python", "min_salary": 100_000},
    {"internship": False, "employment_type": "FT"},
]


def _with(base: dict[str, Any], facet: str, value: str) -> dict[str, Any]:
    q = dict(base)
    if facet == "skills":
        q["skills"] = (*q.get("skills", ()), value)
    elif facet == "internship":
        q["internship"] = value == "true"
    else:
        q[facet] = value
    return q


@pytest.mark.parametrize("base", BASES, ids=[str(b) for b in BASES])
@pytest.mark.parametrize("facet", FACETS)
def test_each_facet_count_equals_the_results_of_choosing_that_value(store, base, facet):
    results = search_jobs(store, JobQuery(**base))
    assert results.facets[facet] is not None
    for value, count in results.facets[facet].items():
        chosen = search_jobs(store, JobQuery(**_with(base, facet, value)))
        assert chosen.total == count, (facet, value)
    if facet != "skills" and facet in base:  # a chosen value counts all results
        chosen_value = base[facet] if facet != "internship" else str(base[facet]).lower()
        assert results.facets[facet].get(chosen_value) == results.total


def test_facets_count_postings_with_a_value_only(store):
    facets = search_jobs(store, JobQuery()).facets
    assert sum(facets["level"].values()) == len(CORPUS) - 1  # 17 has no level
    assert sum(facets["internship"].values()) == len(CORPUS)
    assert facets["country"]["US"] == 15
    assert next(iter(facets["skills"])) == "python" and len(facets["skills"]) <= 20


# -- sorting and pages -----------------------------------------------------------------------------------
def test_sort_by_date_newest_first_undated_last(store):
    ids = _all(store, sort="date")
    dates = [CORPUS[i][3].get("posted_at") for i in ids]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert set(ids[-2:]) == {14, 17}  # undated
    assert ids[:2] == [20, 12]  # same day: the newer id first


def test_sort_by_salary_highest_midpoint_first_without_salary_last(store):
    ids = _all(store, sort="salary")
    assert ids[:3] == [13, 20, 11]
    salaried = [i for i in ids if CORPUS[i][3].get("salary", "default") is not None]
    assert ids[: len(salaried)] == salaried


def test_relevance_without_text_is_date_order(store):
    assert _all(store) == _all(store, sort="date")


def test_pagination(store):
    first = search_jobs(store, JobQuery(per_page=5))
    second = search_jobs(store, JobQuery(per_page=5, page=2))
    last = search_jobs(store, JobQuery(per_page=5, page=5))
    beyond = search_jobs(store, JobQuery(per_page=5, page=6))
    assert (first.total, first.pages) == (21, 5)
    assert _ids(first) + _ids(second) == _all(store)[:10]
    assert len(last.hits) == 1 and beyond.hits == ()


# -- hits and snippets -----------------------------------------------------------------------------------
def test_a_hit_is_a_complete_card(store):
    hit = search_jobs(store, JobQuery(q="kubernetes")).hits[0]
    d = hit.to_dict()
    assert d["title"] == "MLOps Engineer" and d["company"] == "Platformy"
    assert (d["level"], d["level_label"], d["employment_label"]) == (
        "SE",
        "Senior-level / Expert",
        "Full Time",
    )
    assert d["salary"]["annual_usd_min"] == 170_000 and d["salary"]["currency"] == "USD"
    assert set(d["skills"]) == {"kubernetes", "mlflow", "docker"}
    assert {"text": "Kubernetes", "match": True} in d["snippet"]
    assert hit.score is not None and hit.score > 0


def test_snippets_are_plain_text_segments_never_markup(store):
    hit = search_jobs(store, JobQuery(q="prompts")).hits[0]
    text = "".join(t for t, _ in hit.snippet)
    assert "<script>" in text  # kept as text: the renderer escapes it
    assert "\ue000 and \ue001" in text  # characters that once served as markers are plain text too
    assert [t for t, m in hit.snippet if m] == ["prompts"]  # only the matched word is highlighted
    plain = search_jobs(store, JobQuery(role="ai-engineer", sort="date")).hits
    assert all(not m for h in plain for _, m in h.snippet)  # no text query: nothing highlighted


# -- capped text reading ---------------------------------------------------------------------------------
def test_counts_are_lower_bounds_when_not_every_match_was_read(store, monkeypatch):
    monkeypatch.setattr(search, "TEXT_WINDOW", 3)
    monkeypatch.setattr(search, "MAX_TEXT_WINDOWS", 2)
    capped = search_jobs(store, JobQuery(q="engineer", per_page=2))
    assert capped.total_is_lower_bound and capped.text_matches_read == 3  # the page was filled by one window
    assert capped.estimated_total is not None and capped.estimated_total >= capped.total
    exact = search_jobs(store, JobQuery(q="kubernetes"))
    assert not exact.total_is_lower_bound and exact.estimated_total is None


def test_new_postings_are_found_after_the_data_changes():
    s = SQLiteStore(":memory:")
    s.write_batch(s.begin_run("a", "t"), [make_posting(1)])
    assert search_jobs(s, JobQuery(q="models")).total == 1
    s.write_batch(s.begin_run("b", "t"), [make_posting(2)])
    assert search_jobs(s, JobQuery(q="models")).total == 2
    s.close()


# -- query safety ----------------------------------------------------------------------------------------
NASTY = [
    '"',
    '""',
    "'",
    "(",
    ")",
    "*",
    "^",
    ":",
    "-",
    "+",
    "NEAR(a b)",
    "a NEAR b",
    "AND",
    "OR",
    "NOT",
    "a OR b",
    "title:python",
    "{title}: x",
    "python*",
    "^python",
    '"unclosed',
    "x' OR 1=1 --",
    "; DROP TABLE postings; --",
    "\x00",
    "😀",
    "𞤀𞤁",
    "ǅ",
    "²",
    "data\u0301",
    "Ｐｙｔｈｏｎ",
    "中文 数据",
    "a" * 5000,
    "x " * 500,
    "\ue000\ue001",
]


@pytest.mark.parametrize("text", NASTY)
def test_any_query_text_is_data(store, text):
    results = search_jobs(store, JobQuery(q=text))
    assert results.total >= 0


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_text_raises_or_reaches_sql(store, text):
    expression = fts_match_expression(text)
    if expression is not None:
        assert re.fullmatch(r'"[^"]+"( AND "[^"]+")*', expression)
        assert len(query_tokens(text)) <= search.MAX_QUERY_TOKENS
    search_jobs(store, JobQuery(q=text, per_page=3))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ('"data scientist" AND (python OR r)', ["data", "scientist", "python", "r"]),
        ("NEAR(ml ops)", ["ml", "ops"]),  # near is a stopword
        ("c++ / c#", ["c"]),
        ("the data and the models", ["data", "models"]),
        ("and or", ["and", "or"]),
        ("Python python PYTHON", ["Python"]),
    ],
)
def test_query_tokens(text, tokens):
    assert query_tokens(text) == tokens


# -- validation ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_salary": -1}, "non-negative"),
        ({"min_salary": float("nan")}, "non-negative"),
        ({"page": 0}, "below 1"),
        ({"per_page": 101}, "out of range"),
        ({"per_page": 0}, "out of range"),
        ({"sort": "best"}, "unknown sort"),
        ({"level": "XX"}, "unknown level"),
        ({"remote": "sometimes"}, "unknown remote"),
        ({"employment_type": "GIG"}, "unknown employment type"),
        ({"track": "boss"}, "unknown track"),
        ({"country": "USA"}, "two-letter"),
        ({"posted_since": "last week"}, "not a date"),
        ({"page": 1000}, "beyond the first"),
    ],
)
def test_invalid_queries_say_what_is_wrong(kwargs, message):
    with pytest.raises(QueryError, match=message) as info:
        JobQuery(**kwargs)
    assert info.value.hint


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"role": "astronaut"}, "unknown role"), ({"skills": ("cobol9",)}, "unknown skill")],
)
def test_unknown_ids_are_rejected_with_the_fix(store, kwargs, message):
    with pytest.raises(QueryError, match=message) as info:
        search_jobs(store, JobQuery(**kwargs))
    assert info.value.hint


@given(
    st.lists(st.tuples(st.integers(0, 3), st.booleans()), max_size=40),
    st.integers(0, 45),
)
@settings(max_examples=150, deadline=None)
def test_top_order_equals_a_full_sort(keys, k):
    ids = np.arange(len(keys), dtype=np.int64) * 3 + 1
    key = np.array([-np.inf if missing else float(v) for v, missing in keys])
    assert np.array_equal(search._top_order(ids, key, k), ids[np.lexsort((-ids, -key))][:k])


@given(
    st.integers(1, 700),
    st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 699)), max_size=600),
    st.lists(st.integers(0, 699), max_size=300),
)
@settings(max_examples=150, deadline=None)
def test_skill_counts_equal_counting_each_posting(size, pairs, chosen):
    """Both ways of counting the skill facet (gathering the postings' skills; bit sets and id lists) agree
    with counting posting by posting, and each skill's postings are those it was built from."""
    per_skill: dict[str, set[int]] = {}
    for skill, pid in pairs:
        if pid < size:
            per_skill.setdefault(skill, set()).add(pid)
    table = search.skill_table([(k, np.array(sorted(v), dtype=np.int64)) for k, v in per_skill.items()], size)
    ids = np.array(sorted({i for i in chosen if i < size}), dtype=np.int64)
    expected = {k: len(v & set(ids.tolist())) for k, v in per_skill.items()}
    default = search.SPARSE_SKILL_RATIO
    try:
        for ratio in (size + 1, 1):  # every id set counted densely, then every one by gathering
            search.SPARSE_SKILL_RATIO = ratio
            counts = table.counts(ids)
            assert {table.names[i]: int(n) for i, n in enumerate(counts)} == expected
    finally:
        search.SPARSE_SKILL_RATIO = default
    postings = search.skill_postings(table)
    for skill, pids in per_skill.items():
        assert np.flatnonzero(postings[skill].mask(size)).tolist() == sorted(pids)
        assert postings[skill].contains(np.arange(size)).tolist() == [i in pids for i in range(size)]


def test_json_output_is_plain_data(store):
    import json

    doc = search_jobs(store, JobQuery(q="engineer", remote="remote")).to_dict()
    assert json.loads(json.dumps(doc)) == doc
    assert doc["facets"]["remote"]["remote"] == doc["total"] and doc["facets"]["remote"]["hybrid"] == 1
