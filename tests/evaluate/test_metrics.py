"""The evaluation's arithmetic on tiny cases computed by hand, the term -> skill id mapping of other sources'
labels, and the report's JSON and printed forms on a report built in code."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from roledex.evaluate import render_report
from roledex.evaluate.metrics import Counts, accuracy, confusion, multilabel_scores, set_counts, within
from roledex.evaluate.report import EvaluationReport, Failure, FieldResult, Headline, SkillResult
from roledex.evaluate.vocabulary import IDS_MD_SKILLS, TermMapper
from roledex.taxonomy import Taxonomy

# ------------------------------------------------------------------------------------------ counts, P/R/F1
# (gold, predicted) -> (tp, fp, fn)
SET_COUNTS = [
    ({"a", "b"}, {"a", "b"}, (2, 0, 0)),
    ({"a", "b"}, {"a"}, (1, 0, 1)),
    ({"a"}, {"a", "b", "c"}, (1, 2, 0)),
    (set(), {"x"}, (0, 1, 0)),
    ({"x"}, set(), (0, 0, 1)),
    (set(), set(), (0, 0, 0)),
    (["a", "a"], ["a"], (1, 0, 0)),  # sets: repeats do not count twice
]


@pytest.mark.parametrize(("gold", "predicted", "expected"), SET_COUNTS)
def test_set_counts(gold: set[str], predicted: set[str], expected: tuple[int, int, int]) -> None:
    c = set_counts(gold, predicted)
    assert (c.tp, c.fp, c.fn) == expected


# (tp, fp, fn) -> (precision, recall, f1, support)
PRF = [
    ((8, 2, 2), (0.8, 0.8, 0.8, 10)),
    ((3, 1, 0), (0.75, 1.0, 6 / 7, 3)),
    ((1, 0, 3), (1.0, 0.25, 0.4, 4)),
    ((0, 2, 0), (0.0, None, 0.0, 0)),  # predicted where nothing was to find: P 0, R undefined, F1 0
    ((0, 0, 2), (None, 0.0, 0.0, 2)),  # found nothing: P undefined
    ((0, 0, 0), (None, None, None, 0)),  # nothing on either side: no score at all
]


@pytest.mark.parametrize(("counts", "expected"), PRF)
def test_precision_recall_f1(
    counts: tuple[int, int, int], expected: tuple[float | None, float | None, float | None, int]
) -> None:
    c = Counts(*counts)
    p, r, f1, support = expected
    assert c.precision == pytest.approx(p) if p is not None else c.precision is None
    assert c.recall == pytest.approx(r) if r is not None else c.recall is None
    assert c.f1 == pytest.approx(f1) if f1 is not None else c.f1 is None
    assert c.support == support


def test_counts_add() -> None:
    assert Counts(1, 2, 3) + Counts(10, 20, 30) == Counts(11, 22, 33)


def test_multilabel_micro_and_macro_by_hand() -> None:
    # posting 1: gold {py, sql}, ours {py};         posting 2: gold {py}, ours {py, r}
    # posting 3: gold {r}, ours {}
    # py: tp 2 -> P 1, R 1, F1 1;  sql: fn 1 -> P None, R 0, F1 0;  r: fp 1, fn 1 -> P 0, R 0, F1 0
    scores = multilabel_scores([({"py", "sql"}, {"py"}), ({"py"}, {"py", "r"}), ({"r"}, set())])
    assert scores.items == 3
    assert scores.per_label["py"] == Counts(2, 0, 0)
    assert scores.per_label["sql"] == Counts(0, 0, 1)
    assert scores.per_label["r"] == Counts(0, 1, 1)
    assert scores.micro == Counts(2, 1, 2)
    assert scores.micro.precision == pytest.approx(2 / 3)
    assert scores.micro.recall == pytest.approx(2 / 4)
    assert scores.micro.f1 == pytest.approx(4 / 7)
    assert scores.macro_precision == pytest.approx((1 + 0) / 2)  # sql has no precision
    assert scores.macro_recall == pytest.approx((1 + 0 + 0) / 3)
    assert scores.macro_f1 == pytest.approx(1 / 3)


def test_multilabel_vocabulary_cuts_both_sides() -> None:
    scores = multilabel_scores([({"py", "other"}, {"py", "noise"})], labels={"py", "sql"})
    assert set(scores.per_label) == {"py"}  # sql is named by neither side: no row
    assert scores.micro == Counts(1, 0, 0)


# ------------------------------------------------------------------------------------------------ accuracy
ACCURACY = [
    ([("a", "a"), ("b", "b"), ("c", "x"), ("d", "d")], 3, 4, 0.75),
    ([(None, None), ("a", None)], 1, 2, 0.5),
    ([], 0, 0, None),
]


@pytest.mark.parametrize(("pairs", "correct", "n", "rate"), ACCURACY)
def test_accuracy(
    pairs: list[tuple[str | None, str | None]], correct: int, n: int, rate: float | None
) -> None:
    acc = accuracy(pairs)
    assert (acc.correct, acc.n, acc.rate) == (correct, n, rate)


WITHIN_ONE = [
    (3.0, 3.0, True),
    (3.0, 4.0, True),
    (3.0, 2.0, True),
    (3.0, 4.5, False),
    (None, None, True),
    (None, 2.0, False),
    (2.0, None, False),
]


@pytest.mark.parametrize(("gold", "got", "agree"), WITHIN_ONE)
def test_within_one_year(gold: float | None, got: float | None, agree: bool) -> None:
    assert within(1.0)(gold, got) is agree


def test_exact_years_with_within_zero() -> None:
    acc = accuracy([(3.0, 3), (5.0, 4.0), (None, None)], within(0.0))
    assert (acc.correct, acc.n) == (2, 3)


# ----------------------------------------------------------------------------------------------- confusion
def test_confusion_counts_order_and_agreement() -> None:
    pairs = [("Mid-Senior", "SE"), ("Mid-Senior", "MI"), ("Mid-Senior", "EN"), ("Entry", "EN"), ("N/A", "MI")]
    m = confusion(pairs, rows=("Entry", "Mid-Senior"), columns=("EN", "MI", "SE"))
    assert m.rows == ("Entry", "Mid-Senior", "N/A")  # a value seen but not named is appended
    assert m.cell("Mid-Senior", "SE") == 1
    assert m.cell("Entry", "SE") == 0
    assert m.row_total("Mid-Senior") == 3
    assert m.n == 5
    agree = m.agreement({"Entry": ("EN",), "Mid-Senior": ("MI", "SE")})  # N/A is not scored
    assert (agree.correct, agree.n) == (3, 4)
    assert m.to_dict()["matrix"] == [[1, 0, 0], [1, 1, 1], [0, 1, 0]]


def test_confusion_none_is_a_value() -> None:
    m = confusion([("M", None), ("M", "master")], columns=(None, "master"))
    assert m.to_dict()["columns"] == ["none", "master"]
    assert m.cell("M", None) == 1


# ----------------------------------------------------------------------------------------------- properties
label_sets = st.frozensets(st.sampled_from("abcdef"), max_size=6)


@given(st.lists(st.tuples(label_sets, label_sets), max_size=12))
def test_scores_are_consistent(pairs: list[tuple[frozenset[str], frozenset[str]]]) -> None:
    scores = multilabel_scores(pairs)
    micro = scores.micro
    assert micro == sum((set_counts(g, p) for g, p in pairs), Counts())
    for c in [micro, *scores.per_label.values()]:
        for value in (c.precision, c.recall, c.f1):
            assert value is None or 0.0 <= value <= 1.0
        if c.precision is not None and c.recall is not None and c.f1 is not None:
            assert min(c.precision, c.recall) - 1e-9 <= c.f1 <= max(c.precision, c.recall) + 1e-9
    same = multilabel_scores([(g, g) for g, _ in pairs])
    assert same.micro.fp == same.micro.fn == 0


# ------------------------------------------------------------------------------- other sources' skill terms
TERMS = [
    ("Python", {"python"}),
    ("Python Programming", {"python"}),
    ("Programming in Python or R", {"python", "r"}),
    ("Large Language Models (LLMs)", {"llm"}),
    ("SQL and NoSQL Databases", {"sql", "nosql"}),
    ("A/B Testing", {"ab-testing"}),
    ("Experimentation and A/B Testing", {"ab-testing"}),
    ("PySpark", {"pyspark", "spark", "python"}),
    ("PostgreSQL", {"postgresql", "sql"}),
    ("BI Dashboards (Looker, Tableau)", {"looker", "tableau"}),
    ("Power BI", {"power-bi"}),
    ("Machine Learning", {"machine-learning"}),
    ("Data Visualization and Storytelling", set()),
    ("CI/CD Pipelines", set()),
]


@pytest.fixture(scope="module")
def mapper(taxonomy: Taxonomy) -> TermMapper:
    return TermMapper(taxonomy)


@pytest.mark.parametrize(("term", "expected"), TERMS)
def test_terms_map_through_the_taxonomy(mapper: TermMapper, term: str, expected: set[str]) -> None:
    assert expected <= mapper.ids(term)
    if not expected:
        assert mapper.ids(term) & IDS_MD_SKILLS == frozenset()


def test_direct_ids_leave_out_what_a_skill_implies(mapper: TermMapper) -> None:
    assert "pyspark" in mapper.direct_ids("PySpark")
    assert "spark" not in mapper.direct_ids("PySpark")
    assert "spark" in mapper.ids("PySpark")


def test_ids_md_skills_are_in_the_taxonomy(taxonomy: Taxonomy) -> None:
    assert len(IDS_MD_SKILLS) == 46
    assert set(taxonomy.skills) >= IDS_MD_SKILLS


# ------------------------------------------------------------------------------------------- report forms
def _tiny_report() -> EvaluationReport:
    skills = SkillResult(
        "own gold",
        "ids.md skills",
        multilabel_scores([({"python", "sql"}, {"python"})]),
        False,
        "hand-labelled",
        (Failure("f.csv", "3", ["sql"], []),),
    )
    role = FieldResult(
        "role",
        "own gold",
        accuracy([("a", "a"), ("b", "c")]),
        False,
        "titles",
        (Failure("titles_gold.json", "ML Engineer [28376]", "ml-engineer", "other"),),
    )
    salary = FieldResult(
        "salary",
        "own gold",
        accuracy([((1.0, 2.0, "USD", "year"), None)]),
        False,
        "list",
        (Failure("g.csv", "id1", (1.0, 2.0, "USD", "year"), None),),
    )
    return EvaluationReport(
        data_dir="/data",
        gold_dir="/gold",
        skills=[skills],
        fields=[role, salary],
        confusions=[],
        headlines=[Headline("role accuracy", 0.5, 2, 0.9), Headline("skills", 0.97, 1, 0.95)],
        notes=["a note"],
        seconds=1.25,
    )


def test_report_to_dict_is_json() -> None:
    doc = json.loads(json.dumps(_tiny_report().to_dict()))
    assert doc["passed"] is False
    assert doc["headlines"][0] == {
        "name": "role accuracy",
        "value": 0.5,
        "n": 2,
        "threshold": 0.9,
        "passed": False,
    }
    assert doc["skills"][0]["micro"]["f1"] == pytest.approx(2 / 3)
    assert doc["skills"][0]["failures"] == [{"file": "f.csv", "row": "3", "expected": ["sql"], "got": []}]
    assert doc["fields"][1]["failures"][0]["got"] is None


def test_render_report_prints_every_part() -> None:
    console = Console(width=140, record=True)
    console.print(render_report(_tiny_report()))
    text = console.export_text()
    needles = (
        "role accuracy",
        "FAIL",
        "0.667",
        "f.csv",
        "id1",
        "(1, 2, USD, year)",
        "a note",
        "Engineer [28376]",
    )
    for needle in needles:
        assert needle in text, needle


# ------------------------------------------------------------------------------------ education gold formats
EDUCATION_DOCS = [
    (
        {"items": [{"file": "a/b.csv", "row": 7, "min_degree": "phd", "min_years": None, "round": 2}]},
        [("a/b.csv", "7", {"file": "a/b.csv", "row": 7, "min_degree": "phd", "min_years": None, "round": 2})],
    ),
    (
        {"labels": {"a/b.csv#12": {"min_degree": "master", "min_years": 3}}},
        [("a/b.csv", "12", {"min_degree": "master", "min_years": 3})],
    ),
    (
        {"postings": [{"file": "a/b.csv", "row": 12, "min_degree": None}]},
        [("a/b.csv", "12", {"file": "a/b.csv", "row": 12, "min_degree": None})],
    ),
    (
        {"postings": [{"file": "x.jsonl.gz", "id": "slug-1", "min_years": 0}]},
        [("x.jsonl.gz", "slug-1", {"file": "x.jsonl.gz", "id": "slug-1", "min_years": 0})],
    ),
]


@pytest.mark.parametrize(("doc", "expected"), EDUCATION_DOCS)
def test_education_gold_formats(doc: dict, expected: list) -> None:
    from roledex.evaluate.own_gold import _education_entries

    assert list(_education_entries(doc)) == expected
