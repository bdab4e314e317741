"""What an evaluation run found, as plain data: skill scores, accuracies, confusion matrices, headlines.

Every result names its label source and says whether the labels are our own hand-made gold (`weak=False`)
or someone else's weak labels (keyword rules, an LLM, a job board's own fields), whose figures measure
agreement rather than accuracy. Failing cases travel with each result as (file, row, expected, got) so
that the owner of an extractor can open the posting and fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from roledex.evaluate.metrics import Accuracy, Confusion, MultiLabelScores


@dataclass(frozen=True, slots=True)
class Failure:
    """One case where we disagree with the label. For skills, `expected` lists the missed ids and `got`
    the extra ones; for single values they are the label and our value."""

    file: str
    row: str
    expected: Any
    got: Any

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "expected": self.expected, "got": self.got}


@dataclass(frozen=True)
class SkillResult:
    """Precision, recall and F1 of the skills we extract against one label source, per skill and overall."""

    source: str
    vocabulary: str  # which skill ids are scored, in words
    scores: MultiLabelScores
    weak: bool
    note: str = ""
    failures: tuple[Failure, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "vocabulary": self.vocabulary,
            "weak": self.weak,
            "note": self.note,
            **self.scores.to_dict(),
            "failures": [f.to_dict() for f in self.failures],
        }


@dataclass(frozen=True)
class FieldResult:
    """Accuracy (or agreement, for weak labels) of one field against one label source."""

    field: str  # role, level, track, min_degree, min_years, salary, employment_type, remote ...
    source: str
    accuracy: Accuracy
    weak: bool
    note: str = ""
    failures: tuple[Failure, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "source": self.source,
            "weak": self.weak,
            "note": self.note,
            **self.accuracy.to_dict(),
            "failures": [f.to_dict() for f in self.failures],
        }


@dataclass(frozen=True)
class ConfusionResult:
    """A label source's values (rows) against ours (columns), where the two vocabularies do not map 1:1;
    `agreement` scores the rows against the values judged compatible (`rule` says which)."""

    field: str
    source: str
    matrix: Confusion[Any]
    agreement: Accuracy | None
    rule: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "source": self.source,
            "note": self.note,
            "rule": self.rule,
            "agreement": self.agreement.to_dict() if self.agreement else None,
            **self.matrix.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Headline:
    """A target of issue 3 checked on our own gold sets."""

    name: str
    value: float | None
    n: int
    threshold: float

    @property
    def passed(self) -> bool:
        return self.value is not None and self.value >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "n": self.n,
            "threshold": self.threshold,
            "passed": self.passed,
        }


@dataclass
class EvaluationReport:
    """Everything one `roledex eval` run measured, and how long it took."""

    data_dir: str
    gold_dir: str | None
    skills: list[SkillResult] = field(default_factory=list)
    fields: list[FieldResult] = field(default_factory=list)
    confusions: list[ConfusionResult] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # sources that were missing or skipped, and why
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process's CPU time (the wall clock also counts other load)
    postings_processed: int = 0

    def field_result(self, field_name: str, source: str) -> FieldResult | None:
        return next((f for f in self.fields if f.field == field_name and f.source == source), None)

    def skill_result(self, source: str) -> SkillResult | None:
        return next((s for s in self.skills if s.source == source), None)

    @property
    def passed(self) -> bool:
        return all(h.passed for h in self.headlines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "data_dir": self.data_dir,
            "gold_dir": self.gold_dir,
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "postings_processed": self.postings_processed,
            "passed": self.passed,
            "headlines": [h.to_dict() for h in self.headlines],
            "skills": [s.to_dict() for s in self.skills],
            "fields": [f.to_dict() for f in self.fields],
            "confusions": [c.to_dict() for c in self.confusions],
            "notes": list(self.notes),
        }
