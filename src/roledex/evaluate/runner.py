"""`run_evaluation`: every label source against what the pipeline extracts, and the headline targets.

Each label source is scored by its own module; a source whose files are missing is skipped with a note,
so the command also runs on a partial data folder. The headlines are issue 3's targets, checked on our
own gold sets (the weak labels of other sources measure agreement and carry no target).
"""

from __future__ import annotations

import time
from pathlib import Path

from roledex.evaluate import glassdoor, hn, jsearch, linkedin, own_gold
from roledex.evaluate.records import PostingCache
from roledex.evaluate.report import EvaluationReport, FieldResult, Headline
from roledex.taxonomy import Taxonomy

# issue 3, "Accuracy, measured": the targets on postings labelled like our gold sets
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("skills micro-F1 (ids.md skills)", "skills", 0.95),
    ("role accuracy", "role", 0.90),
    ("level accuracy", "level", 0.85),
    ("min_degree accuracy", "min_degree", 0.85),
    ("min_years accuracy", "min_years", 0.85),
    ("salary exact match", "salary", 0.97),
)


def default_gold_dir() -> Path | None:
    """The tests/ folder of a source checkout (where the gold sets live), when roledex runs from one."""
    candidate = Path(__file__).resolve().parents[3] / "tests"
    return candidate if candidate.is_dir() else None


def run_evaluation(data_dir: Path, gold_dir: Path | None, taxonomy: Taxonomy) -> EvaluationReport:
    """Score extraction against every label source found under `data_dir` and the gold sets in `gold_dir`.

    `gold_dir` is the folder holding our gold sets (the repository's tests/; None: that folder when
    running from a checkout). Only labelled rows are processed, each once.
    """
    start = time.perf_counter()
    cpu_start = time.process_time()
    data_dir = Path(data_dir)
    gold = Path(gold_dir) if gold_dir is not None else default_gold_dir()
    report = EvaluationReport(data_dir=str(data_dir), gold_dir=str(gold) if gold else None)
    cache = PostingCache(data_dir, taxonomy)

    if gold is None or not gold.is_dir():
        report.notes.append("no gold folder found (pass --gold tests/); own gold sets and headlines skipped")
    else:
        _own_gold(gold, cache, report)

    skills, fields, confusions, notes = glassdoor.evaluate(data_dir, cache)
    report.skills += skills
    report.fields += fields
    report.confusions += confusions
    report.notes += notes
    js_skills, notes = jsearch.evaluate(cache)
    report.skills += js_skills
    report.notes += notes
    skills, fields, confusions, notes = hn.evaluate(data_dir, cache)
    report.skills += skills
    report.fields += fields
    report.confusions += confusions
    report.notes += notes
    li_fields, li_confusions, notes = linkedin.evaluate(cache)
    report.fields += li_fields
    report.confusions += li_confusions
    report.notes += notes

    report.headlines = _headlines(report)
    report.postings_processed = cache.processed
    report.notes = list(dict.fromkeys(report.notes))  # one note per fact (labels can repeat a row)
    report.seconds = time.perf_counter() - start
    report.cpu_seconds = time.process_time() - cpu_start
    return report


def _own_gold(gold: Path, cache: PostingCache, report: EvaluationReport) -> None:
    path = own_gold.gold_path(gold, "skills")
    if path is None:
        report.notes.append(f"own gold: {own_gold.GOLD_FILES['skills']} not found under {gold}")
    else:
        result, notes = own_gold.evaluate_skills(path, cache)
        report.skills.append(result)
        report.notes += notes
    path = own_gold.gold_path(gold, "titles")
    if path is None:
        report.notes.append(f"own gold: {own_gold.GOLD_FILES['titles']} not found under {gold}")
    else:
        report.fields += own_gold.evaluate_titles(path)
    path = own_gold.gold_path(gold, "education")
    if path is None:
        report.notes.append(
            f"own gold: {own_gold.GOLD_FILES['education']} not found under {gold}; min_degree and min_years "
            "have no gold figure"
        )
    else:
        fields, notes = own_gold.evaluate_education(path, cache)
        report.fields += fields
        report.notes += notes
    path = own_gold.gold_path(gold, "salary")
    if path is None:
        report.notes.append(f"own gold: {own_gold.GOLD_FILES['salary']} not found under {gold}")
    else:
        fields, notes = own_gold.evaluate_salary(path, cache)
        report.fields += fields
        report.notes += notes


def _headlines(report: EvaluationReport) -> list[Headline]:
    out = []
    for name, key, threshold in TARGETS:
        if key == "skills":
            skills = report.skill_result(own_gold.SOURCE)
            value = skills.scores.micro.f1 if skills else None
            n = skills.scores.items if skills else 0
        else:
            result: FieldResult | None = report.field_result(key, own_gold.SOURCE)
            value, n = own_gold.headline_value(result)
        out.append(Headline(name, value, n, threshold))
    return out
