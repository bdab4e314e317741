"""The 2021 labels of the Glassdoor 2020 scrape (labels_2021.csv, keyed by raw_row to glassdoor_jobs.csv).

Weak labels, made by the derivative's author with keyword rules; what each column really says was checked
against the descriptions (all 742 rows):

- the 16 skill flags are case-insensitive substring tests: `excel` is set by "excellent", `aws` by "laws",
  `sql` by "NoSQL", `Python` by any "python". `bi` is "Power BI": it is set exactly where "powerbi" occurs
  in the description with spaces removed (56 of 56 rows; 0 rows without it), not by "BI" or "business
  intelligence". So their precision errors are often ours to be proud of; the figure is agreement.
- `seniority_by_title` is sr / jr / na from the title; na (no level word) is not scored.
- `Degree` is "M" when the word "master" occurs anywhere (even alongside a PhD or a bachelor's), else "P"
  when "phd"/"ph.d" occurs, else "na" (a bachelor's alone is "na"). It says which higher degree is *named*,
  not the lowest one accepted, so it is shown as a confusion matrix against our min_degree with a judged
  compatibility: M -> bachelor or master (the master's is the floor or the alternative above a bachelor's),
  P -> master or phd ("MS/PhD" is master), na -> no degree, none or bachelor.
- `Lower Salary`, `Upper Salary` ($K a year; hourly rows are the hourly rate x 2080 / 1000, truncated),
  `Hourly` and `Employer provided` are the parse of `Salary Estimate`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from roledex.evaluate.metrics import accuracy, confusion, multilabel_scores
from roledex.evaluate.records import PostingCache
from roledex.evaluate.report import ConfusionResult, Failure, FieldResult, SkillResult
from roledex.models import Posting

SOURCE = "glassdoor 2021 labels"
RAW = "glassdoor-ds-jobs-2020/glassdoor_jobs.csv"
LABELS = "glassdoor-ds-jobs-2020/labels_2021.csv"

FLAG_TO_SKILL = {
    "Python": "python", "spark": "spark", "aws": "aws", "excel": "excel", "sql": "sql", "sas": "sas",
    "keras": "keras", "pytorch": "pytorch", "scikit": "scikit-learn", "tensor": "tensorflow", "hadoop": "hadoop",
    "tableau": "tableau", "bi": "power-bi", "flink": "flink", "mongo": "mongodb", "google_an": "google-analytics",
}  # fmt: skip
# substring flags that mostly count other words ("excellent", "laws"): left out of the second skills figure
NOISY_FLAGS = frozenset({"excel", "aws"})
SENIORITY = {"sr": "SE", "jr": "EN"}
DEGREE_COMPATIBLE: dict[str, tuple[str | None, ...]] = {
    "M": ("bachelor", "master"),
    "P": ("master", "phd"),
    "na": (None, "none", "bachelor"),
}


def _labels(data_dir: Path) -> list[dict[str, str]]:
    with (data_dir / LABELS).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def evaluate(
    data_dir: Path, cache: PostingCache
) -> tuple[list[SkillResult], list[FieldResult], list[ConfusionResult], list[str]]:
    if not (data_dir / LABELS).is_file() or not cache.exists(RAW):
        return [], [], [], [f"{SOURCE}: {LABELS} or {RAW} missing; skipped"]
    rows: list[tuple[dict[str, str], Posting]] = []
    notes: list[str] = []
    for lab in _labels(data_dir):
        row = cache.find(RAW, lab["raw_row"])
        if row is None:
            notes.append(f"{SOURCE}: raw_row {lab['raw_row']} is not in {RAW}; skipped")
            continue
        if row.posting is None:
            notes.append(
                f"{SOURCE}: raw_row {lab['raw_row']} rejected by the pipeline ({row.reject_reason}); skipped"
            )
            continue
        rows.append((lab, row.posting))
    return (
        [_skills(rows, cache, FLAG_TO_SKILL), _skills(rows, cache, _CLEAN_FLAGS)],
        [_seniority(rows), _salary(rows)],
        [_degree(rows)],
        notes,
    )


_CLEAN_FLAGS = {flag: sid for flag, sid in FLAG_TO_SKILL.items() if flag not in NOISY_FLAGS}


def _skills(
    rows: list[tuple[dict[str, str], Posting]], cache: PostingCache, flags: dict[str, str]
) -> SkillResult:
    vocab = {sid for sid in flags.values() if sid in cache.taxonomy.skills}
    pairs = []
    failures = []
    for lab, posting in rows:
        gold = {sid for flag, sid in flags.items() if lab.get(flag) == "1" and sid in vocab}
        got = {s.id for s in posting.skills} & vocab
        pairs.append((gold, got))
        if gold != got:
            failures.append(Failure(RAW, lab["raw_row"], sorted(gold - got), sorted(got - gold)))
    note = (
        "weak: case-insensitive substring flags ('excel' counts 'excellent', 'aws' counts 'laws', "
        "'sql' counts 'NoSQL'); bi = 'Power BI'"
    )
    if flags is FLAG_TO_SKILL:
        scored = f"the {len(vocab)} flags mapped to our ids"
    else:
        scored = f"{len(vocab)} flags (without {', '.join(sorted(NOISY_FLAGS))})"
    return SkillResult(SOURCE, scored, multilabel_scores(pairs, vocab), True, note, tuple(failures))


def _seniority(rows: list[tuple[dict[str, str], Posting]]) -> FieldResult:
    pairs = []
    failures = []
    for lab, posting in rows:
        level = SENIORITY.get(lab["seniority_by_title"])
        if level is None:
            continue
        pairs.append((level, posting.level))
        if level != posting.level:
            failures.append(Failure(RAW, lab["raw_row"], level, posting.level))
    note = "weak: seniority_by_title sr -> SE, jr -> EN; rows labelled na (no level word) are not scored"
    return FieldResult("level", SOURCE, accuracy(pairs), True, note, tuple(failures))


def _degree(rows: list[tuple[dict[str, str], Posting]]) -> ConfusionResult:
    matrix = confusion(
        ((lab["Degree"], posting.min_degree) for lab, posting in rows),
        rows=("M", "P", "na"),
        columns=(None, "none", "bachelor", "master", "phd"),
    )
    rule = "M -> bachelor|master, P -> master|phd, na -> (no degree)|none|bachelor"
    note = (
        "weak: M = 'master' named anywhere, P = PhD named without 'master', na = neither; vs our min_degree"
    )
    return ConfusionResult("min_degree", SOURCE, matrix, matrix.agreement(DEGREE_COMPATIBLE), rule, note)


def _salary(rows: list[tuple[dict[str, str], Posting]]) -> FieldResult:
    pairs = []
    failures = []
    for lab, posting in rows:
        hourly = lab["Hourly"] == "1"
        gold = (
            float(lab["Lower Salary"]),
            float(lab["Upper Salary"]),
            "hour" if hourly else "year",
            "posted" if lab["Employer provided"] == "1" else "estimated",
        )
        got = None
        sal = posting.salary
        if sal is not None and sal.currency == "USD":
            lo, hi = (int(v * 2080 / 1000) if sal.period == "hour" else v / 1000 for v in (sal.min, sal.max))
            got = (float(lo), float(hi), sal.period, sal.kind)
        pairs.append((gold, got))
        if gold != got:
            failures.append(Failure(RAW, lab["raw_row"], gold, got))
    note = "Salary Estimate parsed by the pipeline vs the labels' Lower/Upper ($K a year), Hourly, Employer provided"
    return FieldResult("salary estimate", SOURCE, accuracy(pairs), True, note, tuple(failures))
