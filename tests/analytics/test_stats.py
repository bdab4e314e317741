"""Salary statistics: numpy percentiles, the order-statistic median interval, suppression, year trends."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binom

from roledex.analytics.stats import (
    MIN_N,
    MIN_N_TAILS,
    Interval,
    counts,
    linear_median,
    median_ci,
    median_ci_ranks,
    percentiles,
    summarize,
    year_trend,
)


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([1, 2, 3, 4], 25, 1.75),  # h = (n-1) * q = 0.75: 1 + 0.75 * (2 - 1)
        ([10, 20, 30, 40, 50], 90, 46.0),
        ([100_000], 10, 100_000.0),
        ([5, 1, 3], 50, 3.0),  # unsorted input
    ],
)
def test_percentiles_interpolate_linearly_like_numpy_and_pandas(values, q, expected):
    assert percentiles(values, (q,))[q] == pytest.approx(expected)


@given(st.lists(st.floats(min_value=1, max_value=1e7, allow_nan=False), min_size=1, max_size=200))
@settings(max_examples=200, deadline=None)
def test_percentiles_equal_numpy_linear_on_any_sample(values):
    got = percentiles(values)
    want = np.percentile(np.array(values), [10, 25, 50, 75, 90], method="linear")
    assert list(got.values()) == pytest.approx(list(want), rel=1e-12)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        # n -> (0-based low rank, 0-based high rank, exact coverage) or None
        (1, None),
        (5, None),  # [min, max] covers only 1 - 2/32 = 93.75%
        (6, (0, 5, 1 - 2 / 64)),
        (10, (1, 8, 1 - 2 * 11 / 1024)),
        (100, (39, 60, None)),
    ],
)
def test_median_interval_ranks_come_from_the_binomial_distribution(n, expected):
    got = median_ci_ranks(n)
    if expected is None:
        assert got is None
        return
    assert got[:2] == expected[:2]
    if expected[2] is not None:
        assert got[2] == pytest.approx(expected[2])


@pytest.mark.parametrize("n", [6, 7, 10, 25, 99, 100, 1_000, 74_301])
def test_median_interval_covers_at_least_95_percent_and_is_the_narrowest_that_does(n):
    lo, hi, coverage = median_ci_ranks(n)
    assert coverage >= 0.95
    assert lo + hi == n - 1  # symmetric order statistics
    j = lo + 1
    narrower = 1 - 2 * binom.cdf(j, n, 0.5)  # moving both ends one rank inwards
    assert narrower < 0.95


def test_median_interval_uses_the_sorted_values():
    values = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10]
    assert median_ci(values) == Interval(2.0, 9.0, pytest.approx(1 - 2 * 11 / 1024))


@pytest.mark.parametrize(
    ("n", "suppressed", "has_tails", "has_ci"),
    [
        (0, True, False, False),
        (MIN_N - 1, True, False, False),
        (MIN_N, False, False, False),  # n=5: shown, but no 95% interval exists
        (6, False, False, True),
        (MIN_N_TAILS - 1, False, False, True),
        (MIN_N_TAILS, False, True, True),
    ],
)
def test_suppression_rules(n, suppressed, has_tails, has_ci):
    s = summarize(np.arange(1, n + 1) * 1000.0)
    assert s.n == n
    assert s.suppressed is suppressed
    assert (s.median is None) is suppressed
    assert (s.p10 is not None) is has_tails and (s.p90 is not None) is has_tails
    assert (s.median_ci is not None) is has_ci
    if n < MIN_N_TAILS:
        assert s.note  # says why something is missing


def test_summary_mean_and_percentiles_match_numpy():
    rng = np.random.default_rng(1)
    values = rng.lognormal(11.8, 0.4, 500)
    s = summarize(values)
    want = np.percentile(values, [10, 25, 50, 75, 90], method="linear")
    assert [s.p10, s.p25, s.median, s.p75, s.p90] == pytest.approx(list(want), rel=1e-12)
    assert s.mean == pytest.approx(values.mean(), rel=1e-12)
    assert s.median_ci.low <= s.median <= s.median_ci.high
    assert s.to_dict()["median_ci"]["coverage"] >= 0.95


def test_year_trend_flags_only_changes_beyond_the_noise():
    rng = np.random.default_rng(2)
    by_year = {
        2021: rng.normal(100_000, 5_000, 400),
        2022: rng.normal(100_500, 5_000, 400),  # within the noise
        2023: rng.normal(130_000, 5_000, 400),  # far beyond
        2024: rng.normal(130_000, 5_000, 3),  # suppressed: skipped
        2025: rng.normal(131_000, 5_000, 400),
    }
    points = {p.year: p for p in year_trend(by_year)}
    assert points[2021].change is None
    assert points[2022].beyond_noise is False
    assert points[2023].beyond_noise is True
    assert points[2023].change == pytest.approx(points[2023].summary.median - points[2022].summary.median)
    assert points[2024].summary.suppressed and points[2024].change is None
    assert points[2025].change == pytest.approx(points[2025].summary.median - points[2023].summary.median)
    assert points[2025].beyond_noise is False


def test_counts_most_frequent_first():
    assert counts(["USD", "EUR", "USD", "GBP", "EUR", "USD"]) == {"USD": 3, "EUR": 2, "GBP": 1}
    assert list(counts(["b", "a"])) == ["a", "b"]  # ties by name


@given(
    st.lists(
        st.one_of(st.floats(min_value=1, max_value=1e7, allow_nan=False), st.sampled_from([5e4, 1e5, 1.5e5])),
        min_size=MIN_N,
        max_size=300,
    )
)
@settings(max_examples=300, deadline=None)
def test_summary_percentiles_and_interval_are_numpys_exactly(values):
    """summarize places every order statistic with one partition: the numbers are numpy's, bit for bit."""
    s = summarize(values)
    arr = np.array(values)
    p10, p25, p50, p75, p90 = np.percentile(arr, [10, 25, 50, 75, 90], method="linear").tolist()
    assert (s.p25, s.median, s.p75) == (p25, p50, p75)
    if len(values) >= MIN_N_TAILS:
        assert (s.p10, s.p90) == (p10, p90)
    assert s.median_ci == median_ci(arr) and s.mean == float(arr.mean())


@given(
    st.lists(
        st.one_of(
            st.floats(min_value=0, max_value=1e6, allow_nan=False), st.sampled_from([0.0, 2e4, float("nan")])
        ),
        min_size=1,
        max_size=200,
    )
)
@settings(max_examples=300, deadline=None)
def test_linear_median_is_numpys_exactly(values):
    got, want = linear_median(np.array(values)), float(np.percentile(np.array(values), 50, method="linear"))
    assert got == want or (np.isnan(got) and np.isnan(want))
