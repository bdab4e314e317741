"""Evaluation: how well normalize + extract do against labels we can see (`roledex eval`).

    run_evaluation(data_dir, gold_dir, taxonomy) -> EvaluationReport   (.to_dict() for --json)
    render_report(report) -> a rich renderable

Label sources, one module each:

    own_gold    our hand-labelled gold sets in tests/ (skills, titles, degree/years, salary): the targets
    glassdoor   labels_2021.csv of the Glassdoor 2020 scrape: 16 keyword skill flags, seniority, degree,
                parsed salary estimate (weak labels made with keyword rules)
    jsearch     the JSearch postings' LLM term lists (data_mentions, ai_mentions)
    hn          the HN "Who is hiring?" LLM labels (technologies, role, experience_level, remote)
    linkedin    LinkedIn's own experienceLevel and contractType

and `metrics` (P/R/F1, accuracy, confusion), `vocabulary` (their terms -> our ids), `records` (each
labelled row read once and run through `process_record` once), `report` (the result model), `render`.
Only labelled rows are processed, so a full run takes seconds.
"""

from __future__ import annotations

from roledex.evaluate.render import render_report
from roledex.evaluate.report import EvaluationReport
from roledex.evaluate.runner import run_evaluation

__all__ = ["EvaluationReport", "render_report", "run_evaluation"]
