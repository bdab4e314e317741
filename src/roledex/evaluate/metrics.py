"""The arithmetic of the evaluation: precision, recall and F1 over label sets, accuracy, confusion matrices.

Conventions, chosen so that a figure is never invented where there is nothing to measure:

- precision is None when nothing was predicted (tp + fp == 0), recall None when there is nothing to find
  (tp + fn == 0), F1 = 2tp / (2tp + fp + fn) and None when both are empty. A skill that neither side names
  has no score at all, rather than a perfect one.
- micro figures sum the counts over every skill, then divide; macro figures average the per-skill figures
  over the skills where that figure is defined (macro F1 over skills that either side names).
- accuracy is None on an empty set. Every figure travels with its n.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Hashable)


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one label (or of all labels summed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def support(self) -> int:
        """How many times the label is in the gold set."""
        return self.tp + self.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def set_counts(gold: Iterable[T], predicted: Iterable[T]) -> Counts:
    """Counts of one item's predicted label set against its gold label set."""
    g, p = set(gold), set(predicted)
    return Counts(len(g & p), len(p - g), len(g - p))


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


@dataclass(frozen=True)
class MultiLabelScores:
    """Per-label counts over a set of items (postings), with micro and macro summaries."""

    per_label: Mapping[str, Counts]
    items: int

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_label.values():
            total = total + c
        return total

    @property
    def macro_precision(self) -> float | None:
        return _mean(c.precision for c in self.per_label.values())

    @property
    def macro_recall(self) -> float | None:
        return _mean(c.recall for c in self.per_label.values())

    @property
    def macro_f1(self) -> float | None:
        return _mean(c.f1 for c in self.per_label.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "micro": self.micro.to_dict(),
            "macro": {"precision": self.macro_precision, "recall": self.macro_recall, "f1": self.macro_f1},
            "per_label": {k: c.to_dict() for k, c in sorted(self.per_label.items())},
        }


def multilabel_scores(
    pairs: Iterable[tuple[Iterable[str], Iterable[str]]], labels: Iterable[str] | None = None
) -> MultiLabelScores:
    """Score (gold set, predicted set) pairs, one pair per item.

    `labels` restricts the scoring to a vocabulary (both sides are cut to it); None scores every label seen.
    Labels of the vocabulary that neither side ever names are left out of the per-label table.
    """
    vocab = frozenset(labels) if labels is not None else None
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    items = 0
    for gold, predicted in pairs:
        items += 1
        g, p = set(gold), set(predicted)
        if vocab is not None:
            g &= vocab
            p &= vocab
        tp.update(g & p)
        fp.update(p - g)
        fn.update(g - p)
    names = set(tp) | set(fp) | set(fn)
    return MultiLabelScores({k: Counts(tp[k], fp[k], fn[k]) for k in names}, items)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Share of items where the prediction is right, with its n."""

    correct: int
    n: int

    @property
    def rate(self) -> float | None:
        return _ratio(self.correct, self.n)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "n": self.n, "rate": self.rate}


def accuracy(
    pairs: Iterable[tuple[Any, Any]], agree: Callable[[Any, Any], bool] = lambda g, p: bool(g == p)
) -> Accuracy:
    """Accuracy of (gold, predicted) pairs; `agree` says when a prediction is right (default: equal)."""
    correct = n = 0
    for gold, predicted in pairs:
        n += 1
        correct += agree(gold, predicted)
    return Accuracy(correct, n)


def within(tolerance: float) -> Callable[[float | None, float | None], bool]:
    """Agreement of two numbers within `tolerance` (both None also agree; one None does not)."""

    def agree(gold: float | None, predicted: float | None) -> bool:
        if gold is None or predicted is None:
            return gold is None and predicted is None
        return abs(gold - predicted) <= tolerance

    return agree


@dataclass(frozen=True)
class Confusion(Generic[T]):
    """A confusion matrix: rows are the label source's values, columns our values."""

    rows: Sequence[T]
    columns: Sequence[T]
    counts: Mapping[tuple[T, T], int] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    def cell(self, row: T, column: T) -> int:
        return self.counts.get((row, column), 0)

    def row_total(self, row: T) -> int:
        return sum(n for (r, _), n in self.counts.items() if r == row)

    def agreement(self, compatible: Mapping[Any, Iterable[Any]]) -> Accuracy:
        """Share of the rows named in `compatible` whose column is one of the values allowed for the row."""
        correct = n = 0
        for (row, column), count in self.counts.items():
            if row in compatible:
                n += count
                if column in set(compatible[row]):
                    correct += count
        return Accuracy(correct, n)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": [_key(r) for r in self.rows],
            "columns": [_key(c) for c in self.columns],
            "matrix": [[self.cell(r, c) for c in self.columns] for r in self.rows],
            "n": self.n,
        }


def _key(value: object) -> str:
    return "none" if value is None else str(value)


def confusion(
    pairs: Iterable[tuple[T, T]], rows: Sequence[T] | None = None, columns: Sequence[T] | None = None
) -> Confusion[T]:
    """Count (source value, our value) pairs; `rows`/`columns` fix the order (values seen are appended)."""
    counts: Counter[tuple[T, T]] = Counter(pairs)
    row_order = list(rows or ())
    col_order = list(columns or ())
    for r, c in counts:
        if r not in row_order:
            row_order.append(r)
        if c not in col_order:
            col_order.append(c)
    return Confusion(tuple(row_order), tuple(col_order), dict(counts))
