"""Where the CPU time of `process_record` goes, per stage, over every real posting with a description.

    python -m benchmarks.profile_stages [--data ../shared/data] [--repeat 5] [--source linkedin]
                                        [--limit N] [--unique] [--cprofile 40] [--no-stages]

Figures are CPU time (`time.process_time`) over `--repeat` runs, because the machine this runs on is shared
and noisy. Every run starts with cold memo caches (the `functools` caches of roledex's normalize/extract/
pipeline modules are cleared), so a run is one honest pass over the corpus. Two estimates are printed:

- "min of runs": the smallest total of a whole run;
- "per-posting min": every posting (and every stage call) is timed on its own and its smallest time over
  the runs is kept; the sum is far less sensitive to load spikes on a busy machine. The clock's own cost
  (calibrated) is subtracted from every timed call.
Each repetition runs the baseline, the total and the stages back to back; the ratio total / baseline is
also printed for each run (taken under one load level) and their median.

What is timed:
- total: `process_record` over every posting, without stage wrappers; µs per posting and postings/s per core.
- baseline: `text.lower().split()` over the same descriptions, in the same process and the same runs. The
  ratio total / baseline is comparable across machines and load levels where raw µs are not.
- stages: every stage function `normalize_posting` calls through the `roledex.pipeline.stages` namespace is
  wrapped with a CPU timer for a separate set of runs. Skill extraction is split by what it reads
  (description, tags, title). What the wrappers do not see (title clean-up, merging, building the
  Posting, garbage collection) is "other".
- `--cprofile N`: the N functions with the most own time under cProfile (which inflates everything ~3x;
  use it for the ranking, not the figures).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from roledex.ingest import iter_paths, read_records
from roledex.models import RawPosting
from roledex.pipeline import stages
from roledex.taxonomy import Taxonomy, load_taxonomy

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = (REPO.parent / "shared" / "data").resolve()

# The stage functions normalize_posting looks up in roledex.pipeline.stages; names missing there are skipped.
STAGE_NAMES = (
    "parse_location",
    "split_sections",
    "extract_education",
    "extract_min_years",
    "classify_title",
    "parse_employment",
    "parse_remote",
    "parse_pay",
    "find_pay",
    "to_salary",
    "responsibility_statements",
    "responsibility_phrases",
    "posting_key",
    "posting_dedupe_key",
    "_merge_skills",
)
_clock = time.process_time


class Timings:
    """Seconds per label and per posting for one run, and the best of several runs (both estimates)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.run: dict[str, list[float]] = {}
        self.calls: dict[str, int] = {}
        self.best_run: dict[str, float] = {}
        self.best_each: dict[str, list[float]] = {}
        self.sums: dict[str, list[float]] = {}  # the total of each run, in run order

    def add(self, label: str, i: int, secs: float) -> None:
        row = self.run.get(label)
        if row is None:  # first call of this label in this run
            row = self.run[label] = [0.0] * self.n
            self.calls[label] = 0  # calls per run
        row[i] += secs
        self.calls[label] += 1

    def end_run(self) -> None:
        for label, row in self.run.items():
            self.sums.setdefault(label, []).append(sum(row))
            self.best_run[label] = min(self.best_run.get(label, float("inf")), sum(row))
            best = self.best_each.setdefault(label, [float("inf")] * self.n)
            for i, secs in enumerate(row):
                if secs < best[i]:
                    best[i] = secs
        self.run = {}

    def min_of_runs(self, label: str) -> float:
        return self.best_run.get(label, 0.0)

    def per_item_min(self, label: str) -> float:
        return sum(self.best_each.get(label, ()))

    def labels(self) -> list[str]:
        return list(self.best_run)


def load_postings(data: Path, source: str | None = None, limit: int | None = None) -> list[RawPosting]:
    """Every RawPosting with a non-empty description under `data`, in file order."""
    out: list[RawPosting] = []
    for path in iter_paths([data]):
        for rec in read_records(path):
            wanted = source is None or rec.provenance.source == source
            if isinstance(rec, RawPosting) and rec.description.strip() and wanted:
                out.append(rec)
                if limit is not None and len(out) >= limit:
                    return out
    return out


def clear_caches() -> None:
    """Empty every functools memo cache in roledex's pure stage modules, so each run starts cold."""
    for name, module in list(sys.modules.items()):
        if not name.startswith(("roledex.normalize", "roledex.extract", "roledex.pipeline")):
            continue
        for obj in list(vars(module).values()):
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", None) == name:
                obj.cache_clear()


def clock_cost() -> float:
    """CPU seconds two clock reads cost (subtracted from every individually timed call)."""
    clock = _clock
    best = float("inf")
    for _ in range(5):
        t0 = clock()
        for _ in range(10000):
            clock()
            clock()
        best = min(best, (clock() - t0) / 10000)
    return best


def _fresh(cold: bool = True) -> None:
    if cold:
        clear_caches()
    gc.collect()


def time_baseline(texts: list[str], timings: Timings, cost: float) -> None:
    """One run of the baseline: lower() and split() of every description."""
    _fresh(cold=False)
    clock = _clock
    for i, t in enumerate(texts):
        t0 = clock()
        t.lower().split()
        timings.add("baseline", i, clock() - t0 - cost)
    timings.end_run()


def time_total(records: list[RawPosting], taxonomy: Taxonomy, timings: Timings, cost: float) -> None:
    """One cold run of process_record over every posting."""
    _fresh()
    process, clock = stages.process_record, _clock
    for i, r in enumerate(records):
        t0 = clock()
        process(r, taxonomy)
        timings.add("total", i, clock() - t0 - cost)
    timings.end_run()


class _TimedMatcher:
    """Stands in for the skill matcher: times `extract`, labelled by the field of the posting it reads."""

    def __init__(self, matcher: Any, state: list[Any], timings: Timings, cost: float) -> None:
        self._matcher, self._state, self._timings, self._cost = matcher, state, timings, cost

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)

    def extract(self, text: str, *args: Any, **kwargs: Any) -> Any:
        i, raw = self._state
        if text is raw.description:
            label = "skills (description)"
        elif raw.tags and text == ", ".join(raw.tags):
            label = "skills (tags)"
        else:
            label = "skills (title)"
        t0 = _clock()
        try:
            return self._matcher.extract(text, *args, **kwargs)
        finally:
            self._timings.add(label, i, _clock() - t0 - self._cost)


@contextmanager
def _wrapped_stages(state: list[Any], timings: Timings, cost: float) -> Iterator[None]:
    saved: dict[str, Any] = {}

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        clock = _clock

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                timings.add(label, state[0], clock() - t0 - cost)

        return wrapper

    try:
        for name in STAGE_NAMES:
            fn = getattr(stages, name, None)
            if fn is not None:
                saved[name] = fn
                setattr(stages, name, timed(name, fn))
        real_matcher = stages.skill_matcher
        saved["skill_matcher"] = real_matcher
        stages.skill_matcher = lambda tax: _TimedMatcher(real_matcher(tax), state, timings, cost)
        yield
    finally:
        for name, fn in saved.items():
            setattr(stages, name, fn)


def time_stages(records: list[RawPosting], taxonomy: Taxonomy, timings: Timings, cost: float) -> None:
    """One cold run with every stage call timed on its own (clock cost subtracted)."""
    state: list[Any] = [0, records[0]]
    _fresh()
    with _wrapped_stages(state, timings, cost):
        process = stages.process_record
        for i, r in enumerate(records):
            state[0], state[1] = i, r
            process(r, taxonomy)
    timings.end_run()


def cprofile_top(records: list[RawPosting], taxonomy: Taxonomy, top: int) -> str:
    clear_caches()
    prof = cProfile.Profile()
    prof.enable()
    for r in records:
        stages.process_record(r, taxonomy)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure; the minimum is reported")
    ap.add_argument("--source", help="only postings of this source (linkedin, glassdoor, hn, ...)")
    ap.add_argument("--limit", type=int, help="at most this many postings")
    ap.add_argument(
        "--unique",
        action="store_true",
        help="only the first posting of each description (no repeats to memoize)",
    )
    ap.add_argument("--no-stages", action="store_true", help="total and baseline only")
    ap.add_argument(
        "--cprofile", type=int, default=0, metavar="N", help="print the top N functions by own time"
    )
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    records = load_postings(args.data, args.source, args.limit)
    if args.unique:
        firsts: dict[str, RawPosting] = {}
        for r in records:
            firsts.setdefault(r.description, r)
        records = list(firsts.values())
    if not records:
        sys.exit(f"no postings with a description under {args.data}")
    taxonomy = load_taxonomy()
    texts = [r.description for r in records]
    n = len(records)
    for r in records[:20]:  # build the matcher and the other per-taxonomy tables outside the timings
        stages.process_record(r, taxonomy)
    kb = sum(map(len, texts)) / n / 1000
    print(
        f"{n:,} postings, {len(set(texts)):,} distinct descriptions ({kb:.1f} k characters on average) from {args.data}, "
        f"loaded in {time.perf_counter() - t0:.1f} s; CPU time over {args.repeat} runs"
    )

    # each repetition runs the baseline, the total and the stages back to back, so that a run's ratio
    # total / baseline compares figures taken under the same load
    cost = clock_cost()
    totals, per_stage = Timings(n), Timings(n)
    for _ in range(args.repeat):
        time_baseline(texts, totals, cost)
        time_total(records, taxonomy, totals, cost)
        if not args.no_stages:
            time_stages(records, taxonomy, per_stage, cost)
    us = lambda secs: secs / n * 1e6  # noqa: E731
    head = f"{'min of runs':>13}{'per-posting min':>17}"

    if not args.no_stages:
        total_each = totals.per_item_min("total")
        print(f"\n{'stage':<28}{'calls/run':>10}{head}{'share':>8}")
        labels = sorted(per_stage.labels(), key=lambda lb: -per_stage.per_item_min(lb))
        for label in labels:
            runs, each = per_stage.min_of_runs(label), per_stage.per_item_min(label)
            calls = per_stage.calls.get(label, 0)
            print(f"{label:<28}{calls:>10,}{us(runs):>13.1f}{us(each):>17.1f}{each / total_each:>8.1%}")
        other_runs = max(0.0, totals.min_of_runs("total") - sum(map(per_stage.min_of_runs, labels)))
        other_each = max(0.0, total_each - sum(map(per_stage.per_item_min, labels)))
        print(f"{'other (unattributed)':<28}{'':>10}{us(other_runs):>13.1f}{us(other_each):>17.1f}")

    print(f"\n{'µs per posting':<28}{'':>10}{head}")
    for label, name in (("total", "total process_record"), ("baseline", "baseline lower()+split()")):
        print(
            f"{name:<28}{'':>10}{us(totals.min_of_runs(label)):>13.1f}{us(totals.per_item_min(label)):>17.1f}"
        )
    for name, pick in (("min of runs", totals.min_of_runs), ("per-posting min", totals.per_item_min)):
        total, base = pick("total"), pick("baseline")
        print(f"{name:<16} {n / total:>8,.0f} postings/s per core   ratio total/baseline {total / base:.1f}")
    ratios = sorted(t / b for t, b in zip(totals.sums["total"], totals.sums["baseline"], strict=True))
    print(
        f"ratio total/baseline within each run: median {statistics.median(ratios):.1f} (runs: "
        + ", ".join(f"{r:.1f}" for r in ratios)
        + ")"
    )

    if args.cprofile:
        print()
        print(cprofile_top(records, taxonomy, args.cprofile))


if __name__ == "__main__":
    main()
