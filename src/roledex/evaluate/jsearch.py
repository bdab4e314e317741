"""The LLM term lists of the JSearch 2025 postings (`data_mentions`, `ai_mentions`).

An LLM extracted the "AI and data terms" of each description as free-form names ("Python Programming",
"Large Language Models (LLMs)", "SQL and NoSQL Databases"). They are mapped to our ids through the
taxonomy's aliases (see `vocabulary.TermMapper`) and scored on the ids.md skills. Weak labels: the lists
leave out tools the LLM did not count as AI/data terms (git, linux, docker are often missing), so low
precision on those is mostly the labels'.
"""

from __future__ import annotations

import ast
from typing import Any

from roledex.evaluate.metrics import multilabel_scores
from roledex.evaluate.records import PostingCache
from roledex.evaluate.report import Failure, SkillResult
from roledex.evaluate.vocabulary import IDS_MD_SKILLS, TermMapper

SOURCE = "JSearch LLM terms"
FILE = "jsearch-ds-da-us-2025/data_scientist_us.csv"


def _terms(value: Any) -> list[str]:
    """The adapter gives lists; the CSV has Python-list strings ("['Python', 'SQL']")."""
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return []
        return [str(v) for v in parsed] if isinstance(parsed, list) else []
    return []


def evaluate(cache: PostingCache) -> tuple[list[SkillResult], list[str]]:
    if not cache.exists(FILE):
        return [], [f"{SOURCE}: {FILE} missing; skipped"]
    mapper = TermMapper(cache.taxonomy)
    pairs = []
    failures = []
    for row in cache.all_rows(FILE):
        if row.posting is None:
            continue
        raw = row.raw.raw or {}
        terms = _terms(raw.get("data_mentions")) + _terms(raw.get("ai_mentions"))
        gold = mapper.map_terms(terms) & IDS_MD_SKILLS
        got = frozenset(s.id for s in row.posting.skills) & IDS_MD_SKILLS
        pairs.append((gold, got))
        if gold != got:
            failures.append(Failure(row.file, row.row, sorted(gold - got), sorted(got - gold)))
    note = "weak (LLM): data_mentions + ai_mentions mapped through our aliases; lists omit many tools"
    result = SkillResult(
        SOURCE, "ids.md skills", multilabel_scores(pairs, IDS_MD_SKILLS), True, note, tuple(failures)
    )
    return [result], []
