"""Which skills distinguish one role from another: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5. For each term w with counts y_a(w), y_b(w)
(here: postings of each role that ask for skill w), totals n_a, n_b, and prior counts alpha_w that sum to
alpha_0 (taken from a background corpus: every posting in the store):

    delta_w = log((y_a + a_w) / (n_a + a_0 - y_a - a_w)) - log((y_b + a_w) / (n_b + a_0 - y_b - a_w))
    var_w  ~= 1 / (y_a + a_w) + 1 / (y_b + a_w)
    z_w     = delta_w / sqrt(var_w)

|z| > 1.96 is the usual "distinguishes at the 5% level" reading. The prior shrinks rare skills towards the
background rate, so a skill seen twice in one role and never in the other does not top the list.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_ALPHA0 = 100.0  # 100 pseudo-mentions spread by background rates: mild next to real counts


@dataclass(frozen=True, slots=True)
class LogOdds:
    term: str
    delta: float
    z: float
    count_a: int
    count_b: int

    def to_dict(self) -> dict[str, float | int | str]:
        return {
            "term": self.term,
            "delta": round(self.delta, 4),
            "z": round(self.z, 3),
            "count_a": self.count_a,
            "count_b": self.count_b,
        }


def weighted_log_odds(
    counts_a: Mapping[str, int],
    counts_b: Mapping[str, int],
    background: Mapping[str, int],
    *,
    alpha0: float = DEFAULT_ALPHA0,
) -> list[LogOdds]:
    """Log-odds ratio of every term of a or b, with z-scores; sorted from most 'a' to most 'b'."""
    terms = sorted(set(counts_a) | set(counts_b))
    if not terms:
        return []
    bg_total = sum(background.get(t, 0) for t in terms) or 1
    n_a = sum(counts_a.get(t, 0) for t in terms)
    n_b = sum(counts_b.get(t, 0) for t in terms)
    out: list[LogOdds] = []
    for t in terms:
        # every term gets at least a tiny prior so the logs are defined
        a_w = max(alpha0 * background.get(t, 0) / bg_total, 0.01)
        y_a, y_b = counts_a.get(t, 0), counts_b.get(t, 0)
        la = math.log((y_a + a_w) / max(n_a + alpha0 - y_a - a_w, 1e-9))
        lb = math.log((y_b + a_w) / max(n_b + alpha0 - y_b - a_w, 1e-9))
        delta = la - lb
        var = 1.0 / (y_a + a_w) + 1.0 / (y_b + a_w)
        out.append(LogOdds(t, delta, delta / math.sqrt(var), y_a, y_b))
    out.sort(key=lambda r: -r.z)
    return out
