"""Weighted log-odds (Monroe et al. 2008) against values computed by hand."""

from __future__ import annotations

import math

import pytest

from roledex.analytics.logodds import weighted_log_odds


def test_matches_the_formula_computed_by_hand():
    a = {"python": 40, "pytorch": 30, "sql": 10}
    b = {"python": 45, "sql": 50, "tableau": 25}
    bg = {"python": 100, "pytorch": 40, "sql": 80, "tableau": 30}
    alpha0 = 100.0
    got = {r.term: r for r in weighted_log_odds(a, b, bg, alpha0=alpha0)}
    n_a, n_b, bg_total = 80, 120, 250
    a_w = alpha0 * 40 / bg_total  # pytorch
    delta = math.log((30 + a_w) / (n_a + alpha0 - 30 - a_w)) - math.log((0 + a_w) / (n_b + alpha0 - 0 - a_w))
    z = delta / math.sqrt(1 / (30 + a_w) + 1 / (0 + a_w))
    assert got["pytorch"].delta == pytest.approx(delta)
    assert got["pytorch"].z == pytest.approx(z)
    assert got["pytorch"].z > 1.96 and got["tableau"].z < -1.96


@pytest.mark.parametrize(
    ("a", "b", "first", "last"),
    [
        ({"x": 50, "y": 5}, {"x": 5, "y": 50}, "x", "y"),
        ({"x": 10, "y": 10}, {"x": 10, "y": 10, "z": 30}, "x", "z"),
    ],
)
def test_order_runs_from_most_a_to_most_b(a, b, first, last):
    res = weighted_log_odds(a, b, {"x": 10, "y": 10, "z": 10})
    assert res[0].term == first and res[-1].term == last


def test_equal_profiles_give_zero_and_empty_input_gives_nothing():
    same = {"python": 10, "sql": 20}
    assert all(abs(r.z) < 1e-9 for r in weighted_log_odds(same, same, same))
    assert weighted_log_odds({}, {}, {}) == []


def test_the_prior_shrinks_rare_terms():
    """Two mentions against none is weaker evidence than 200 against 100 at the same totals."""
    rare = {
        r.term: r.z
        for r in weighted_log_odds({"rare": 2, "common": 200}, {"common": 100}, {"rare": 1, "common": 300})
    }
    assert abs(rare["rare"]) < 1.96
