"""The LLM labels of the Hacker News "Who is hiring?" captures (classified_<date>.json, joined on comment id).

Gemini Flash Lite labelled each comment with a closed vocabulary: `technologies` (67 names), one `role`
per comment (even when it advertises several), `experience_level`, `remote`. They are weak labels and
every figure here is agreement, not accuracy:

- technologies are mapped to our ids through the taxonomy's aliases (PostgreSQL -> postgresql and sql);
  only ids some HN term names directly are scored, so skills HN's list cannot name (LLMs, git) do not
  count as errors.
- role: the labels that name one of our roles are scored (Software/Senior/Staff/Principal/Full Stack/
  Backend/Frontend/Mobile Engineer -> software-engineer, AI Engineer, ML Engineer, Data Scientist, Data
  Engineer); DevOps / SRE, Engineering Manager, Product Manager, Designer, Sales and Other are not.
- experience_level Junior/Mid/Senior -> EN/MI/SE; "Not specified" is not scored.
- remote fully_remote/hybrid/onsite_only/not_mentioned -> remote/hybrid/onsite/(none).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from roledex.evaluate.metrics import accuracy, confusion, multilabel_scores
from roledex.evaluate.records import PostingCache, Row
from roledex.evaluate.report import ConfusionResult, Failure, FieldResult, SkillResult
from roledex.evaluate.vocabulary import TermMapper

SOURCE = "HN LLM labels"
FOLDER = "hn-whoishiring-2026"

ROLE_MAP = {
    "Software Engineer": "software-engineer", "Senior Software Engineer": "software-engineer",
    "Full Stack Engineer": "software-engineer", "Backend Engineer": "software-engineer",
    "Senior Backend Engineer": "software-engineer", "Frontend Engineer": "software-engineer",
    "Staff Engineer": "software-engineer", "Principal Engineer": "software-engineer",
    "Mobile Engineer": "software-engineer", "Product Engineer": "software-engineer",
    "AI Engineer": "ai-engineer", "ML Engineer": "ml-engineer", "Data Scientist": "data-scientist",
    "Data Engineer": "data-engineer",
}  # fmt: skip
LEVEL_MAP = {"Junior": "EN", "Mid": "MI", "Senior": "SE"}
REMOTE_MAP: dict[str, str | None] = {
    "fully_remote": "remote",
    "hybrid": "hybrid",
    "onsite_only": "onsite",
    "not_mentioned": None,
}


def _labelled_rows(data_dir: Path, cache: PostingCache) -> list[tuple[Row, dict[str, Any]]]:
    out = []
    for raw_path in sorted((data_dir / FOLDER).glob("raw_*.json")):
        label_path = raw_path.with_name(raw_path.name.replace("raw_", "classified_", 1))
        if not label_path.is_file():
            continue
        labels = {str(j["id"]): j for j in json.loads(label_path.read_text(encoding="utf-8"))["jobs"]}
        rel = f"{FOLDER}/{raw_path.name}"
        for row in cache.all_rows(rel):
            label = labels.get(row.row)
            if label is not None and row.posting is not None:
                out.append((row, label))
    return out


def evaluate(
    data_dir: Path, cache: PostingCache
) -> tuple[list[SkillResult], list[FieldResult], list[ConfusionResult], list[str]]:
    if not (data_dir / FOLDER).is_dir():
        return [], [], [], [f"{SOURCE}: {FOLDER} missing; skipped"]
    rows = _labelled_rows(data_dir, cache)
    if not rows:
        return [], [], [], [f"{SOURCE}: no labelled comments found in {FOLDER}; skipped"]
    return (
        [_skills(rows, TermMapper(cache.taxonomy))],
        [*_role(rows), _remote(rows)],
        [_level(rows), _remote_matrix(rows)],
        [],
    )


def _skills(rows: list[tuple[Row, dict[str, Any]]], mapper: TermMapper) -> SkillResult:
    golds = [mapper.map_terms(label.get("technologies") or []) for _, label in rows]
    # scored: the ids HN's terms name themselves; implied ids (llm from "OpenAI API", git from "GitHub
    # Actions") are in the gold sets but would count every other mention of them as a false positive
    vocab = frozenset(
        sid for _, label in rows for t in label.get("technologies") or [] for sid in mapper.direct_ids(t)
    )
    pairs = []
    failures = []
    for (row, _), gold in zip(rows, golds, strict=True):
        assert row.posting is not None
        got = frozenset(s.id for s in row.posting.skills) & vocab
        pairs.append((gold, got))
        if gold != got:
            failures.append(Failure(row.file, row.row, sorted(gold - got), sorted(got - gold)))
    note = "weak (LLM): 'technologies' mapped through our aliases; scored on the ids HN's terms name"
    return SkillResult(
        SOURCE,
        f"{len(vocab)} ids HN terms name",
        multilabel_scores(pairs, vocab),
        True,
        note,
        tuple(failures),
    )


def _role(rows: list[tuple[Row, dict[str, Any]]]) -> list[FieldResult]:
    """Agreement on every comment with a mapped label, and where our title names a role (not 'other'):
    many comments open with a company line and no job title, which we read as 'other'."""
    pairs = []
    failures = []
    for row, label in rows:
        gold = ROLE_MAP.get(label.get("role") or "")
        if gold is None:
            continue
        assert row.posting is not None
        pairs.append((gold, row.posting.role))
        if gold != row.posting.role:
            failures.append(Failure(row.file, row.row, gold, row.posting.role))
    note = "weak (LLM, one role per comment): labels that name one of our roles; agreement"
    named = [(g, p) for g, p in pairs if p != "other"]
    named_failures = tuple(f for f in failures if f.got != "other")
    return [
        FieldResult("role", SOURCE, accuracy(pairs), True, note, tuple(failures)),
        FieldResult(
            "role (ours not 'other')",
            SOURCE,
            accuracy(named),
            True,
            note + ", where our title names a role",
            named_failures,
        ),
    ]


def _level(rows: list[tuple[Row, dict[str, Any]]]) -> ConfusionResult:
    matrix = confusion(
        ((label.get("experience_level"), row.posting.level) for row, label in rows if row.posting),
        rows=("Junior", "Mid", "Senior", "Not specified"),
        columns=("EN", "MI", "SE", "EX", None),
    )
    rule = "Junior -> EN, Mid -> MI, Senior -> SE; Not specified not scored"
    agreement = matrix.agreement({k: (v,) for k, v in LEVEL_MAP.items()})
    return ConfusionResult("level", SOURCE, matrix, agreement, rule, "weak (LLM)")


def _remote_pairs(rows: list[tuple[Row, dict[str, Any]]]) -> list[tuple[Row, str | None, str | None]]:
    out: list[tuple[Row, str | None, str | None]] = []
    for row, label in rows:
        value = label.get("remote")
        if value in REMOTE_MAP and row.posting is not None:
            out.append((row, REMOTE_MAP[value], row.posting.remote))
    return out


def _remote(rows: list[tuple[Row, dict[str, Any]]]) -> FieldResult:
    triples = _remote_pairs(rows)
    failures = tuple(Failure(r.file, r.row, g, p) for r, g, p in triples if g != p)
    note = "weak (LLM): fully_remote/hybrid/onsite_only/not_mentioned -> remote/hybrid/onsite/none"
    return FieldResult("remote", SOURCE, accuracy((g, p) for _, g, p in triples), True, note, failures)


def _remote_matrix(rows: list[tuple[Row, dict[str, Any]]]) -> ConfusionResult:
    triples = _remote_pairs(rows)
    order: tuple[str | None, ...] = ("remote", "hybrid", "onsite", None)
    matrix = confusion(((g, p) for _, g, p in triples), rows=order, columns=order)
    said = {k: (k,) for k in order if k is not None}
    rule = "where the LLM says remote/hybrid/onsite: same value"
    return ConfusionResult("remote", SOURCE, matrix, matrix.agreement(said), rule, "weak (LLM)")
