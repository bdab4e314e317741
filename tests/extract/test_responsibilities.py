"""Responsibility phrases: a table of our own statements, properties over any text, and a look at real postings."""

from __future__ import annotations

import collections
import gzip
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roledex.extract.responsibilities import THEMES, responsibility_phrases

# statement -> expected ((phrase, theme), ...), in order. All statements are written for this test.
CASES: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    # coordination, fillers, a preposition ends the object, plural head singularized
    (
        "Design, build and maintain scalable data pipelines using Spark and Airflow",
        (
            ("design data pipeline", "data-pipelines"),
            ("build data pipeline", "data-pipelines"),
            ("maintain data pipeline", "data-pipelines"),
        ),
    ),
    (
        "Develop and deploy machine learning models to production",
        (("develop ml model", "model-development"), ("deploy ml model to production", "deployment-mlops")),
    ),
    # a pronoun reuses the previous object
    (
        "Build models and deploy them to production",
        (("build model", "model-development"), ("deploy model to production", "deployment-mlops")),
    ),
    # an empty object takes the preposition; a lone modifier shares the next head; "to <verb>" clause
    (
        "Collaborate closely with product and engineering teams to define requirements",
        (("collaborate with product team", "collaboration"), ("define requirement", "product-business")),
    ),
    # subject prefix, -ing opener
    (
        "You will be responsible for designing robust ETL processes",
        (("design etl process", "data-pipelines"),),
    ),
    ("You'll own the experimentation platform", (("own experimentation platform", "analysis-insight"),)),
    # light verb + nominalizations + "of"
    (
        "Lead the design and development of our data platform",
        (("design data platform", "data-pipelines"), ("develop data platform", "data-pipelines")),
    ),
    (
        "Design and implementation of feature stores for the ranking team",
        (("design feature store", "model-development"), ("implement feature store", "model-development")),
    ),
    # people heads: leadership verbs vs other verbs
    (
        "Mentor junior engineers and foster a culture of learning",
        (("mentor junior engineer", "leadership"), ("foster culture", "leadership")),
    ),
    ("Hire and grow a team of analysts", (("hire team", "leadership"), ("grow team", "leadership"))),
    ("Support data scientists with tooling", (("support data scientist", "collaboration"),)),
    # British spelling, "to <verb>"
    (
        "Analyse large datasets to uncover actionable insights",
        (("analyze dataset", "analysis-insight"), ("uncover insight", "analysis-insight")),
    ),
    ("Optimise inference latency on GPUs", (("optimize inference latency", "deployment-mlops"),)),
    # multiword verb, trend noun followed by its domain
    (
        "Stay up to date with the latest advancements in machine learning",
        (("stay current with ml", "research"),),
    ),
    ("Keep abreast of research in computer vision", (("stay current with computer vision", "research"),)),
    # a/b test unit; clause with same inflection
    (
        "Design and run A/B tests to measure feature impact",
        (
            ("design a/b test", "analysis-insight"),
            ("run a/b test", "analysis-insight"),
            ("measure feature impact", "analysis-insight"),
        ),
    ),
    # fillers joined by a comma; "participate in" + unit
    (
        "Write clean, well-tested code and participate in code reviews",
        (("write code", "engineering-quality"), ("participate in code review", "engineering-quality")),
    ),
    # help + verb, partitive "of"
    (
        "Help us build the next generation of recommendation systems",
        (("build recommendation system", "model-development"),),
    ),
    ("Develop a suite of evaluation tools", (("develop evaluation tool", "other"),)),
    # synonyms folded; silent verbs keep their later clauses
    (
        "Work with data scientists to productionize models",
        (("work with data scientist", "collaboration"), ("deploy model", "deployment-mlops")),
    ),
    ("Leverage Python and SQL to build dashboards", (("build dashboard", "analysis-insight"),)),
    ("Spearhead the migration of legacy reports", (("migrate legacy report", "analysis-insight"),)),
    # label prefix, markdown
    (
        "**Collaboration:** Partner with stakeholders across the business",
        (("partner with stakeholder", "collaboration"),),
    ),
    ("- Publish papers at top-tier conferences", (("publish paper", "research"),)),
    # "build dashboards and reports" keeps reports as a noun (not the verb "report")
    ("Build dashboards and reports for leadership", (("build dashboard", "analysis-insight"),)),
    # -ing coordination, participle filler
    (
        "Developing and optimizing inference infrastructure on Kubernetes",
        (
            ("develop inference infrastructure", "deployment-mlops"),
            ("optimize inference infrastructure", "deployment-mlops"),
        ),
    ),
    (
        "Monitor deployed models and retrain them when data drifts",
        (("monitor model", "deployment-mlops"), ("retrain model", "model-development")),
    ),
    # third person opener and its clauses
    (
        "Builds ETL jobs and maintains the data warehouse",
        (("build etl job", "data-pipelines"), ("maintain data warehouse", "data-pipelines")),
    ),
    ("Conduct research on novel deep learning architectures", (("conduct research", "research"),)),
    (
        "Define the technical roadmap and vision for the ML team",
        (("define technical roadmap", "leadership"),),
    ),
    (
        "Translate business requirements into technical specifications",
        (("translate business requirement", "collaboration"),),
    ),
    ("Document processes and best practices", (("document process", "engineering-quality"),)),
    ("Fine-tune large language models for support use cases", (("fine-tune llm", "model-development"),)),
    ("Build RAG pipelines and LLM-powered agents", (("build rag pipeline", "genai-applications"),)),
    (
        "Prototype conversational agents with LangChain",
        (("prototype conversational agent", "genai-applications"),),
    ),
    ("Present findings to senior leadership", (("present finding", "collaboration"),)),
    ("Communicate results clearly to non-technical audiences", (("communicate result", "collaboration"),)),
    (
        "Understand customer needs and shape the product roadmap",
        (("understand customer need", "product-business"), ("shape product roadmap", "leadership")),
    ),
    ("Gather requirements from clients", (("gather requirement", "product-business"),)),
    ("Ensure data quality across all sources", (("ensure data quality", "data-pipelines"),)),
    (
        "Write unit tests and improve test coverage",
        (("write unit test", "engineering-quality"), ("improve test coverage", "engineering-quality")),
    ),
    ("Set up CI/CD for model training jobs", (("set up ci/cd", "deployment-mlops"),)),
    ("Take ownership of the feature pipeline", (("own feature pipeline", "data-pipelines"),)),
    (
        "Evaluate model performance and identify failure modes",
        (("evaluate model performance", "model-development"), ("identify failure mode", "other")),
    ),
    ("Forecast demand for the supply team", (("forecast demand", "analysis-insight"),)),
    ("Query warehouse tables with SQL", (("query warehouse table", "analysis-insight"),)),
    (
        "Clean and label training data",
        (("clean training data", "data-pipelines"), ("label training data", "data-pipelines")),
    ),
    ("Coordinate releases between teams", (("coordinate release", "collaboration"),)),
    ("Serve as the liaison to the legal team", ()),
    # a role opener keeps its -ing clauses
    (
        "Act as the team's expert, reviewing designs and providing mentorship",
        (("review design", "engineering-quality"), ("provide mentorship", "leadership")),
    ),
    # adjective lists, asides, partitives, "X based", particles between coordinated verbs
    (
        "Maintain a stable, secure, and modern data platform",
        (("maintain data platform", "data-pipelines"),),
    ),
    ("Lead the (dbt) transformation roadmap", (("lead transformation roadmap", "leadership"),)),
    ("Analyze large amounts of clickstream data", (("analyze clickstream data", "analysis-insight"),)),
    ("Own an AWS based streaming platform", (("own streaming platform", "data-pipelines"),)),
    (
        "Develop, report on, and analyze pricing metrics",
        (
            ("develop pricing metric", "analysis-insight"),
            ("report pricing metric", "analysis-insight"),
            ("analyze pricing metric", "analysis-insight"),
        ),
    ),
    ("Contribute to designing the labeling workflow", (("design labeling workflow", "other"),)),
    # headings and adjectives that look like verbs
    ("Model training and evaluation", ()),
    ("Advanced degree in statistics", ()),
    ("Demonstrated ability to ship models", ()),
    ("Family planning support", ()),
    # no opening verb: requirements and headings give nothing
    ("Experience with Spark and Airflow", ()),
    ("Strong communication skills", ()),
    ("5+ years of Python", ()),
    ("Research experience in NLP", ()),
    ("", ()),
]


@pytest.mark.parametrize(("statement", "expected"), CASES, ids=[c[0][:50] or "empty" for c in CASES])
def test_statement_phrases(statement: str, expected: tuple[tuple[str, str], ...]) -> None:
    assert responsibility_phrases([statement]) == expected


def test_each_phrase_once_per_posting_in_first_seen_order() -> None:
    got = responsibility_phrases(
        ["Build data pipelines with Spark", "Mentor analysts", "Build data pipelines with Flink"]
    )
    assert got == (("build data pipeline", "data-pipelines"), ("mentor analyst", "leadership"))


def test_at_most_four_phrases_per_statement() -> None:
    statement = "Design, build and maintain pipelines, train models, deploy services and write documentation"
    assert len(responsibility_phrases([statement])) <= 4


def test_themes_have_display_names() -> None:
    assert "other" in THEMES
    assert all(name and name[0].isupper() for name in THEMES.values())


_VOCAB = str.split(
    "design build and maintain data pipelines models deploy them to production with the our scalable , ; : "
    "of lead development collaborate teams stakeholders analyze insights a/b tests you will be responsible "
    "for help us set up ensure that it mentor engineers machine learning stay up to date in using by "
    "** - / ( ) . Design/improve 's 3+ well-tested"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(max_size=80), st.lists(st.sampled_from(_VOCAB), max_size=25).map(" ".join)),
        max_size=6,
    )
)
def test_any_statements_give_short_phrases_with_known_themes(statements: list[str]) -> None:
    got = responsibility_phrases(statements)
    phrases = [phrase for phrase, _ in got]
    assert len(phrases) == len(set(phrases))
    for phrase, theme in got:
        assert 1 <= len(phrase.split()) <= 5, phrase
        assert phrase == phrase.strip() and "  " not in phrase and "_" not in phrase
        assert theme in THEMES


# --- real postings -----------------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[*\-]\s+(.+)$")
# Opening words that make a bullet a task statement; chosen by hand as common English action verbs,
# independently of the module's lexicon, so that the share below measures it.
_ACTION_OPENERS = frozenset(
    str.split(
        """build design develop create implement maintain deploy lead manage mentor collaborate partner work analyze
    analyse conduct perform drive own define communicate present write review test train evaluate optimize
    optimise monitor automate document research publish prototype improve support ensure identify provide
    establish integrate migrate translate coordinate architect scale partner deliver contribute participate
    engage develop,"""
    )
)


def _first_word(statement: str) -> str:
    words = re.sub(r"[*_`]", "", statement).split()
    return words[0].lower().strip(",:;.") if words else ""


@pytest.fixture(scope="module")
def remotewlb_bullets(shared_data: Path) -> list[list[str]]:
    """Bullet lines of each distinct RemoteWLB posting (read from ../shared/data, never copied)."""
    path = shared_data / "remotewlb-remote-jobs-2024-2025" / "remotewlb_ai_ml_data_postings.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} not found")
    postings, seen = [], set()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            markdown = json.loads(line)["markdown"]
            if markdown in seen:
                continue
            seen.add(markdown)
            postings.append([m.group(1).strip() for m in map(_BULLET.match, markdown.splitlines()) if m])
    return postings


@pytest.mark.realdata
def test_real_task_bullets_yield_phrases(remotewlb_bullets: list[list[str]]) -> None:
    tasks = [s for bullets in remotewlb_bullets for s in bullets if _first_word(s) in _ACTION_OPENERS]
    assert len(tasks) > 5_000
    yielded = sum(1 for s in tasks if responsibility_phrases([s]))
    share = yielded / len(tasks)
    print(f"\n{yielded}/{len(tasks)} task bullets yield a phrase ({share:.1%})")
    assert share >= 0.70


@pytest.mark.realdata
def test_real_postings_top_phrases_per_theme(remotewlb_bullets: list[list[str]]) -> None:
    """All bullets of each posting at once, as the pipeline calls it; prints the top phrases to judge by eye."""
    start = time.perf_counter()
    per_posting = [responsibility_phrases(bullets) for bullets in remotewlb_bullets]
    elapsed = time.perf_counter() - start
    n_bullets = sum(map(len, remotewlb_bullets))
    print(f"\n{elapsed / n_bullets * 1e6:.1f} µs per statement over {n_bullets} bullets")
    assert elapsed / n_bullets < 200e-6  # the target is < 20 µs on an idle core; this only catches a blow-up

    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for pairs in per_posting:
        counts.update(pairs)
    by_theme: dict[str, list[str]] = collections.defaultdict(list)
    for (phrase, theme), n in counts.most_common():
        by_theme[theme].append(f"{phrase} ({n})")
    for theme in THEMES:
        print(f"== {theme}: {', '.join(by_theme[theme][:30])}")
    assert set(by_theme) <= set(THEMES)
    assert all(by_theme[theme] for theme in THEMES)
