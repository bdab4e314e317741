"""Salary statistics: percentiles, a confidence interval for the median, suppression rules, year-over-year tests.

Pure numpy/scipy over arrays of annual USD figures; no store, no I/O.

Definitions (the same numbers for CLI, web and API):

- Percentiles are `numpy.percentile(values, q, method="linear")`, the pandas `quantile` default: for sorted
  values x[0..n-1] the q-th percentile is x[h] interpolated linearly at h = (n - 1) * q / 100.
- The 95% confidence interval of the median is the distribution-free order-statistic interval: the number of
  values below the true median is Binomial(n, 1/2), so [x(j), x(n+1-j)] (1-based order statistics) covers
  the median with probability 1 - 2 * P(B <= j - 1). j is the largest rank whose coverage is still >= 95%,
  found with `scipy.stats.binom.ppf`; the exact coverage achieved is reported. It assumes independent
  records, which the survey data only approximates (it holds repeated identical rows), so read it as a
  lower bound on the uncertainty. Below n = 6 no rank gives 95% and no interval is reported.
- Suppression: nothing is reported for fewer than `MIN_N` = 5 values; P10 and P90 need `MIN_N_TAILS` = 10.
- A year-over-year change counts as larger than the noise when the two years' 95% median intervals do not
  overlap. This is conservative (non-overlap of two 95% intervals is roughly a 0.5% two-sided test), needs no
  further computation, and uses exactly the intervals shown next to each median.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import binom

MIN_N = 5
MIN_N_TAILS = 10
CONFIDENCE = 0.95
PERCENTILES = (10, 25, 50, 75, 90)


def as_values(values: ArrayLike) -> NDArray[np.float64]:
    """A float64 array without NaN: the values a statistic is computed over."""
    arr = np.asarray(values, dtype=np.float64).ravel()
    return arr[~np.isnan(arr)] if arr.size else arr


def percentiles(values: ArrayLike, qs: Sequence[float] = PERCENTILES) -> dict[float, float]:
    """`numpy.percentile(values, q, method="linear")` for each q (pandas' default quantile)."""
    arr = as_values(values)
    if arr.size == 0:
        return {}
    found = np.percentile(arr, list(qs), method="linear")
    return {q: float(v) for q, v in zip(qs, found, strict=True)}


@dataclass(frozen=True, slots=True)
class Interval:
    """A confidence interval with the coverage it actually achieves (order statistics are discrete)."""

    low: float
    high: float
    coverage: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def to_dict(self) -> dict[str, float]:
        return {"low": self.low, "high": self.high, "coverage": round(self.coverage, 4)}


@lru_cache(maxsize=4096)
def median_ci_ranks(n: int, confidence: float = CONFIDENCE) -> tuple[int, int, float] | None:
    """0-based ranks (lo, hi) of the order-statistic interval for the median, and its exact coverage.

    With B ~ Binomial(n, 1/2), [x(j), x(n+1-j)] (1-based) covers the median with probability
    1 - 2 * P(B <= j - 1). `binom.ppf(alpha/2)` is the smallest j with P(B <= j) >= alpha/2, so P(B <= j-1) is
    below alpha/2 and the coverage is at least `confidence`. None when n is too small for any j >= 1.
    """
    if n < 1:
        return None
    alpha = 1.0 - confidence
    j = int(binom.ppf(alpha / 2, n, 0.5))
    if j < 1:
        return None
    coverage = 1.0 - 2.0 * float(binom.cdf(j - 1, n, 0.5))
    return j - 1, n - j, coverage


def median_ci(values: ArrayLike, confidence: float = CONFIDENCE) -> Interval | None:
    """The distribution-free confidence interval of the median (see the module docstring)."""
    arr = as_values(values)
    ranks = median_ci_ranks(int(arr.size), confidence)
    if ranks is None:
        return None
    lo, hi, coverage = ranks
    part = np.partition(arr, (lo, hi))  # O(n): only the two order statistics are needed
    return Interval(float(part[lo]), float(part[hi]), coverage)


@dataclass(frozen=True, slots=True)
class Summary:
    """The statistics of one group of values, after the suppression rules.

    `suppressed` is True below MIN_N: then only n is given. p10/p90 are None below MIN_N_TAILS.
    """

    n: int
    suppressed: bool
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    mean: float | None = None
    median_ci: Interval | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "suppressed": self.suppressed,
            "p10": self.p10,
            "p25": self.p25,
            "median": self.median,
            "p75": self.p75,
            "p90": self.p90,
            "mean": self.mean,
            "median_ci": self.median_ci.to_dict() if self.median_ci else None,
            "note": self.note,
        }


def suppression_note(n: int) -> str | None:
    """Why some or all statistics of a group of n values are not shown; None when all are."""
    if n < MIN_N:
        return f"n={n} is below {MIN_N}: no statistics are shown for groups this small"
    if n < MIN_N_TAILS:
        return f"n={n} is below {MIN_N_TAILS}: P10 and P90 are not shown"
    return None


_QUANTILES = np.true_divide(np.asarray(PERCENTILES, dtype=np.float64), 100)  # as numpy.percentile has them


@lru_cache(maxsize=4096)
def _percentile_ranks(n: int) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """numpy's "linear" percentiles of n >= 2 values: the order statistics below and above h = (n - 1) * q
    and the weight of the upper one, computed as numpy computes them."""
    h = (n - 1) * _QUANTILES
    below = np.floor(h).astype(np.intp)
    return below, below + 1, h - below


def _lerp(a: NDArray[np.float64], b: NDArray[np.float64], t: NDArray[np.float64]) -> NDArray[np.float64]:
    """numpy's interpolation between order statistics (from the upper one when t >= 0.5), bit for bit."""
    diff = b - a
    out = a + diff * t
    upper = t >= 0.5
    out[upper] = (b - diff * (1 - t))[upper]
    return out


def summarize(values: ArrayLike, confidence: float = CONFIDENCE) -> Summary:
    """n, P10/P25/median/P75/P90, mean and the median's confidence interval, with suppression applied.

    One partition of the values places every order statistic needed (the percentiles' and the interval's):
    the same numbers as `numpy.percentile(values, PERCENTILES, method="linear")` and `median_ci`, for the
    cost of one O(n) pass instead of two plus numpy's per-call overhead.
    """
    arr = as_values(values)
    n = int(arr.size)
    note = suppression_note(n)
    if n < MIN_N:
        return Summary(n=n, suppressed=True, note=note)
    below, above, weight = _percentile_ranks(n)
    ranks = median_ci_ranks(n, confidence)
    kth = {*below.tolist(), *above.tolist(), *(ranks[:2] if ranks is not None else ())}
    part = np.partition(arr, sorted(kth))  # O(n), no full sort
    p = _lerp(part[below], part[above], weight)
    tails = n >= MIN_N_TAILS
    ci = None
    if ranks is not None:
        ci = Interval(float(part[ranks[0]]), float(part[ranks[1]]), ranks[2])
    if ci is None:
        note = f"{note}; " if note else ""
        note += f"n={n} is too small for a {confidence:.0%} interval of the median"
    return Summary(
        n=n,
        suppressed=False,
        p10=float(p[0]) if tails else None,
        p25=float(p[1]),
        median=float(p[2]),
        p75=float(p[3]),
        p90=float(p[4]) if tails else None,
        mean=float(arr.mean()),
        median_ci=ci,
        note=note,
    )


def linear_median(values: NDArray[np.float64]) -> float:
    """`numpy.percentile(values, 50, method="linear")` of a non-empty array, bit for bit, with one partition
    and without numpy's per-call overhead (NaN anywhere: numpy's NaN)."""
    n = int(values.size)
    if n < 2 or np.isnan(values).any():
        return float(np.percentile(values, 50, method="linear"))
    h = np.asarray([(n - 1) * 0.5])
    below = np.floor(h).astype(np.intp)  # at most n - 2: the value above it exists
    part = np.partition(values, (int(below[0]), int(below[0]) + 1))
    return float(_lerp(part[below], part[below + 1], h - below)[0])


def median_or_none(values: ArrayLike) -> float | None:
    """The median of the values, or None below MIN_N (the same suppression rule as `summarize`)."""
    arr = as_values(values)
    if arr.size < MIN_N:
        return None
    return float(np.percentile(arr, 50, method="linear"))


@dataclass(frozen=True, slots=True)
class YearPoint:
    """One year of a trend: its summary and the change of the median against the previous year shown."""

    year: int
    summary: Summary
    change: float | None = None  # median minus the previous year's median, annual USD
    change_pct: float | None = None
    beyond_noise: bool | None = None  # the two years' 95% median intervals do not overlap

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "n": self.summary.n,
            "median": self.summary.median,
            "median_ci": self.summary.median_ci.to_dict() if self.summary.median_ci else None,
            "suppressed": self.summary.suppressed,
            "change": self.change,
            "change_pct": self.change_pct,
            "beyond_noise": self.beyond_noise,
        }


def year_trend(
    values_by_year: Mapping[int, ArrayLike], summaries: Mapping[int, Summary] | None = None
) -> list[YearPoint]:
    """Per-year medians, and for each year the change against the previous non-suppressed year.

    Suppressed years (n < MIN_N) are listed with their n and no change; the next change compares with the last
    year that had a median. `beyond_noise` is None when either interval is missing. `summaries` may hold
    years already summarized (`summarize` of the same values), which are not computed again.
    """
    points: list[YearPoint] = []
    previous: Summary | None = None
    for year in sorted(values_by_year):
        known = summaries.get(year) if summaries else None
        summary = known if known is not None else summarize(values_by_year[year])
        if summary.suppressed or summary.median is None:
            points.append(YearPoint(year, summary))
            continue
        change = change_pct = beyond = None
        if previous is not None and previous.median is not None:
            change = summary.median - previous.median
            change_pct = 100.0 * change / previous.median if previous.median else None
            if summary.median_ci is not None and previous.median_ci is not None:
                beyond = not summary.median_ci.overlaps(previous.median_ci)
        points.append(YearPoint(year, summary, change, change_pct, beyond))
        previous = summary
    return points


def counts(items: Iterable[Any]) -> dict[str, int]:
    """Occurrences of each item, most frequent first (ties by name): currencies, categories."""
    found: dict[str, int] = {}
    for item in items:
        key = str(item)
        found[key] = found.get(key, 0) + 1
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
