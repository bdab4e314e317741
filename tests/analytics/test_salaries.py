"""Salary insights: the numbers equal a direct numpy computation over the salary CSV; layers, suppression,
trends, nearby suggestions and query validation."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import binom

from roledex.analytics.salaries import SalaryQuery, salary_insights
from roledex.errors import QueryError
from roledex.models import Provenance, Salary, SalaryRecord
from roledex.store.sqlite import SQLiteStore
from tests.factories import make_posting, make_salary_record

# The test assigns roles itself (a few titles), so the expected groups do not depend on the title normalizer.
TEST_ROLES = {
    "Research Engineer": "ml-research-engineer",
    "Machine Learning Engineer": "ml-engineer",
    "ML Engineer": "ml-engineer",
    "Data Scientist": "data-scientist",
    "Data Engineer": "data-engineer",
}


def _csv_rows(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / "aijobs-salaries" / "salaries.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def salary_csv(shared_data):
    return _csv_rows(shared_data)


@pytest.fixture(scope="module")
def survey_store(salary_csv):
    store = SQLiteStore(":memory:")
    records = [
        SalaryRecord(
            key=f"s{i}",
            provenance=Provenance("aijobs-salaries", "salaries.csv", i),
            work_year=int(r["work_year"]),
            level=r["experience_level"],  # type: ignore[arg-type]
            employment_type=r["employment_type"],  # type: ignore[arg-type]
            job_title=r["job_title"],
            role=TEST_ROLES.get(r["job_title"], "other"),
            track="ic",
            salary=float(r["salary"]),
            salary_currency=r["salary_currency"],
            salary_in_usd=float(r["salary_in_usd"]),
            employee_residence=r["employee_residence"],
            remote_ratio=int(r["remote_ratio"]),
            company_location=r["company_location"],
            company_size=r["company_size"],
        )
        for i, r in enumerate(salary_csv)
    ]
    run = store.begin_run("salaries.csv", "aijobs-salaries")
    store.write_batch(run, records)
    yield store
    store.close()


def _expected(rows: list[dict[str, str]]) -> dict[str, float | int]:
    v = np.array([float(r["salary_in_usd"]) for r in rows])
    p = np.percentile(v, [10, 25, 50, 75, 90], method="linear")  # pandas' default quantile method
    s = np.sort(v)
    j = int(binom.ppf(0.025, v.size, 0.5))
    return {
        "n": v.size,
        "p10": p[0],
        "p25": p[1],
        "median": p[2],
        "p75": p[3],
        "p90": p[4],
        "mean": v.mean(),
        "ci_low": s[j - 1],
        "ci_high": s[v.size - j],
    }


# (query, which CSV rows it means)
REAL_GROUPS = [
    (SalaryQuery(title="Research Engineer"), lambda r: r["job_title"] == "Research Engineer"),
    (
        SalaryQuery(title="Research Engineer", level="SE"),
        lambda r: r["job_title"] == "Research Engineer" and r["experience_level"] == "SE",
    ),
    (
        SalaryQuery(title="data scientist", country="us"),
        lambda r: r["job_title"] == "Data Scientist" and r["employee_residence"] == "US",
    ),
    (
        SalaryQuery(title="Data Engineer", remote=100, company_size="M"),
        lambda r: (
            r["job_title"] == "Data Engineer" and r["remote_ratio"] == "100" and r["company_size"] == "M"
        ),
    ),
    (
        SalaryQuery(role="ml-engineer", level="MI"),
        lambda r: (
            r["job_title"] in ("Machine Learning Engineer", "ML Engineer") and r["experience_level"] == "MI"
        ),
    ),
    (
        SalaryQuery(role="data-scientist", year=2023),
        lambda r: r["job_title"] == "Data Scientist" and r["work_year"] == "2023",
    ),
    (
        SalaryQuery(level="EX", country="GB"),
        lambda r: r["experience_level"] == "EX" and r["employee_residence"] == "GB",
    ),
    (SalaryQuery(), lambda r: True),
]


@pytest.mark.realdata
@pytest.mark.parametrize(("query", "keep"), REAL_GROUPS, ids=[str(q.filters()) for q, _ in REAL_GROUPS])
def test_survey_statistics_equal_a_direct_computation_over_the_csv(
    survey_store, salary_csv, taxonomy, query, keep
):
    want = _expected([r for r in salary_csv if keep(r)])
    got = salary_insights(survey_store, SalaryQuery(**{**query.filters(), "source": "survey"}), taxonomy)
    s = got.layer("survey").overall.summary
    assert s.n == want["n"]
    for name in ("p10", "p25", "median", "p75", "p90", "mean"):
        assert getattr(s, name) == pytest.approx(want[name], rel=1e-12), name
    assert (s.median_ci.low, s.median_ci.high) == (want["ci_low"], want["ci_high"])


@pytest.mark.realdata
def test_groups_by_level_equal_the_csv_per_level(survey_store, salary_csv, taxonomy):
    got = salary_insights(
        survey_store, SalaryQuery(title="Research Engineer", by="level", source="survey"), taxonomy
    )
    groups = got.layer("survey").groups
    assert [g.key for g in groups] == [
        lv
        for lv in ("EN", "MI", "SE", "EX")
        if any(r["job_title"] == "Research Engineer" and r["experience_level"] == lv for r in salary_csv)
    ]
    for g in groups:
        rows = [
            r for r in salary_csv if r["job_title"] == "Research Engineer" and r["experience_level"] == g.key
        ]
        assert g.summary.n == len(rows)
        if not g.summary.suppressed:
            assert g.summary.median == pytest.approx(_expected(rows)["median"], rel=1e-12)
        assert sum(g.currencies.values()) == len(rows)
        assert g.currencies == dict(
            sorted(
                {
                    c: sum(1 for r in rows if r["salary_currency"] == c)
                    for c in {r["salary_currency"] for r in rows}
                }.items(),
                key=lambda kv: (-kv[1], kv[0]),
            )
        )


@pytest.mark.realdata
def test_trend_gives_each_years_median_and_change(survey_store, salary_csv, taxonomy):
    got = salary_insights(survey_store, SalaryQuery(role="data-scientist", source="survey"), taxonomy)
    trend = got.layer("survey").trend
    by_year = {}
    for r in salary_csv:
        if r["job_title"] == "Data Scientist":
            by_year.setdefault(int(r["work_year"]), []).append(r)
    assert [p.year for p in trend] == sorted(by_year)
    previous = prev_ci = None
    for p in trend:
        assert p.summary.n == len(by_year[p.year])
        if not p.summary.suppressed:
            assert p.summary.median == pytest.approx(_expected(by_year[p.year])["median"], rel=1e-12)
            if previous is not None:
                assert p.change == pytest.approx(p.summary.median - previous)
                assert p.beyond_noise is (not p.summary.median_ci.overlaps(prev_ci))
            previous, prev_ci = p.summary.median, p.summary.median_ci


@pytest.mark.realdata
def test_an_empty_group_says_what_exists_nearby(survey_store, taxonomy):
    got = salary_insights(
        survey_store,
        SalaryQuery(title="Research Engineer", level="EX", country="LU", source="survey"),
        taxonomy,
    )
    assert got.layer("survey").overall.summary.n == 0
    # no Research Engineer at EX anywhere, none in LU at all: both filters are dropped, each varied alone
    found = {(n.change, n.value): (n.n, n.dropped) for n in got.nearby}
    assert found[("level", "SE")] == (619, ("country",))
    assert found[("level", "MI")] == (375, ("country",))
    assert found[("country", "US")] == (998, ("level",))
    assert all(n.n >= 5 for n in got.nearby)
    typo = salary_insights(survey_store, SalaryQuery(title="Reserch Engineer", source="survey"), taxonomy)
    similar = [n for n in typo.nearby if n.change == "title"]
    assert similar and similar[0].value == "Research Engineer" and similar[0].similarity >= 90


# -- small stores built in code ------------------------------------------------------------------------------
@pytest.fixture
def store():
    s = SQLiteStore(":memory:")
    yield s
    s.close()


def _write(store, items):
    store.write_batch(store.begin_run("t", "test"), items)


def test_suppression_below_five_and_tails_below_ten(store, taxonomy):
    _write(
        store,
        [make_salary_record(i, job_title="Prompt Engineer", salary_in_usd=100_000 + i) for i in range(4)]
        + [make_salary_record(10 + i, job_title="AI Engineer", salary_in_usd=100_000 + i) for i in range(7)],
    )
    small = salary_insights(store, SalaryQuery(title="Prompt Engineer", source="survey"), taxonomy)
    s = small.layer("survey").overall.summary
    assert (s.n, s.suppressed, s.median, s.mean) == (4, True, None, None)
    assert "below 5" in s.note
    mid = salary_insights(store, SalaryQuery(title="AI Engineer", source="survey"), taxonomy)
    s = mid.layer("survey").overall.summary
    assert not s.suppressed and s.median == 100_003 and s.p10 is None and s.p90 is None
    d = mid.to_dict()
    assert d["layers"][0]["overall"]["p10"] is None and d["layers"][0]["label"].startswith("Salary survey")


def test_posted_layer_uses_range_midpoints_and_reports_width_and_currencies(store, taxonomy):
    def pay(lo, hi, cur="USD"):
        return Salary(lo, hi, cur, "year", lo, hi)

    postings = [
        make_posting(i, salary=pay(100_000 + 1000 * i, 140_000 + 3000 * i, "EUR" if i % 3 == 0 else "USD"))
        for i in range(12)
    ]
    postings.append(make_posting(99, salary=None))
    _write(store, postings)
    got = salary_insights(store, SalaryQuery(role="ml-engineer", level="MI", source="posted"), taxonomy)
    layer = got.layer("posted")
    mids = np.array([(100_000 + 1000 * i + 140_000 + 3000 * i) / 2 for i in range(12)])
    widths = np.array([40_000 + 2000 * i for i in range(12)])
    assert layer.overall.summary.n == 12
    assert layer.overall.summary.median == pytest.approx(np.percentile(mids, 50))
    assert layer.overall.range_width_median == pytest.approx(np.percentile(widths, 50))
    assert layer.overall.currencies == {"USD": 8, "EUR": 4}
    assert got.layer("survey") is None


def test_layers_are_separate_and_company_size_leaves_postings_out(store, taxonomy):
    _write(
        store,
        [make_salary_record(i, salary_in_usd=200_000.0) for i in range(6)]
        + [
            make_posting(i, title="Research Engineer", role="ml-research-engineer", level="SE")
            for i in range(6)
        ],
    )
    both = salary_insights(store, SalaryQuery(title="research engineer", level="SE"), taxonomy)
    assert [x.layer for x in both.layers] == ["survey", "posted"]
    assert both.layer("survey").overall.summary.median == 200_000
    assert both.layer("posted").overall.summary.median == 135_000
    sized = salary_insights(store, SalaryQuery(title="Research Engineer", company_size="M"), taxonomy)
    assert [x.layer for x in sized.layers] == ["survey"]
    assert any("company size" in n for n in sized.notes)


def test_results_follow_new_data(store, taxonomy):
    _write(store, [make_salary_record(i) for i in range(5)])
    q = SalaryQuery(title="Research Engineer", source="survey")
    assert salary_insights(store, q, taxonomy).layer("survey").overall.summary.n == 5
    _write(store, [make_salary_record(10 + i) for i in range(3)])
    assert salary_insights(store, q, taxonomy).layer("survey").overall.summary.n == 8


def test_nearby_lists_other_levels_with_their_counts(store, taxonomy):
    _write(
        store,
        [make_salary_record(i, level="SE") for i in range(9)]
        + [make_salary_record(20 + i, level="MI") for i in range(6)]
        + [make_salary_record(40 + i, level="EN") for i in range(2)]
        + [
            make_salary_record(60 + i, level="EX", job_title="Head of Research Engineering") for i in range(5)
        ],
    )
    got = salary_insights(
        store, SalaryQuery(title="Research Engineer", level="EX", source="survey"), taxonomy
    )
    levels = [(n.value, n.n) for n in got.nearby if n.change == "level"]
    assert levels == [("SE", 9), ("MI", 6)]  # EN has only 2: not suggested
    # the role of this title has 5 records at EX (another title)
    assert ("role", "ml-research-engineer", 5) in {(n.change, n.value, n.n) for n in got.nearby}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "XX"}, "unknown level"),
        ({"remote": 30}, "remote ratio"),
        ({"remote": "half"}, "remote ratio"),
        ({"company_size": "XL"}, "company size"),
        ({"by": "city"}, "cannot group by"),
        ({"source": "both"}, "unknown source"),
        ({"country": "USA"}, "two-letter"),
        ({"year": 1850}, "out of range"),
        ({"title": "Data Scientist", "role": "data-scientist"}, "not both"),
        ({"title": "   "}, "empty"),
    ],
)
def test_invalid_queries_say_what_is_wrong(kwargs, message):
    with pytest.raises(QueryError, match=message) as info:
        SalaryQuery(**kwargs)
    assert info.value.hint


def test_unknown_role_lists_the_roles(store, taxonomy):
    with pytest.raises(QueryError, match="unknown role 'astronaut'") as info:
        salary_insights(store, SalaryQuery(role="astronaut"), taxonomy)
    assert "ml-engineer" in info.value.hint


def test_codes_are_normalized():
    q = SalaryQuery(level="se", country="de", remote="50", company_size="l", title="  Data   Scientist ")
    assert (q.level, q.country, q.remote, q.company_size, q.title) == ("SE", "DE", 50, "L", "Data Scientist")


def test_json_output_is_plain_data(store, taxonomy):
    import json

    from roledex.analytics.salaries import warm_up

    _write(
        store,
        [
            make_salary_record(i, salary_in_usd=100_000.0 + i * 1000, work_year=2023 + i % 2)
            for i in range(30)
        ],
    )
    warm_up(store)
    doc = salary_insights(store, SalaryQuery(title="Research Engineer", by="year"), taxonomy).to_dict()
    again = json.loads(json.dumps(doc))
    assert again == doc
    assert [g["key"] for g in doc["layers"][0]["groups"]] == ["2023", "2024"]
    assert doc["layers"][0]["trend"][1]["change"] == pytest.approx(1000.0)
