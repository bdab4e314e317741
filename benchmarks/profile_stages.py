"""Where the CPU time of `process_record` goes, per stage, over every real posting with a description.

    python -m benchmarks.profile_stages [--data ../shared/data] [--repeat 5] [--source linkedin]
                                        [--limit N] [--cprofile 40] [--no-stages]

Figures are CPU time (`time.process_time`), the minimum over `--repeat` runs, because the machine this runs
on is shared and noisy. Every run starts with cold memo caches (the `functools` caches of roledex's
normalize/extract/pipeline modules are cleared), so a run is one honest pass over the corpus.

- total: `process_record` over every posting, unwrapped; µs per posting and postings/s per core.
- baseline: `text.lower().split()` over the same descriptions, in the same process and the same runs. The
  ratio total / baseline is comparable across machines and load levels where raw µs are not.
- stages: every stage function `normalize_posting` calls through the `roledex.pipeline.stages` namespace is
  wrapped with a CPU timer for a separate set of runs; the timer's own cost (calibrated on a no-op) is
  subtracted. Skill extraction is split by what it reads (description, tags, title). Whatever the wrappers
  do not see (title clean-up, merging, building the Posting) is "other".
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
import sys
import time
from collections import defaultdict
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


def _min_cpu(runs: int, body: Callable[[], None], *, cold: bool = True) -> float:
    """The smallest CPU time of `runs` runs of body(), with garbage collection between (not during) runs."""
    best = float("inf")
    for _ in range(runs):
        if cold:
            clear_caches()
        gc.collect()
        t0 = _clock()
        body()
        best = min(best, _clock() - t0)
    return best


def time_baseline(texts: list[str], runs: int) -> float:
    def body() -> None:
        for t in texts:
            t.lower().split()

    return _min_cpu(runs, body, cold=False)


def time_total(records: list[RawPosting], taxonomy: Taxonomy, runs: int) -> float:
    process = stages.process_record

    def body() -> None:
        for r in records:
            process(r, taxonomy)

    return _min_cpu(runs, body)


def _timer_cost() -> float:
    """CPU seconds one wrapped call costs beyond the function itself (two clock reads and the bookkeeping)."""
    totals: dict[str, float] = defaultdict(float)

    def noop() -> None:
        return None

    wrapped = _timed("noop", noop, totals)
    n = 20000
    best = float("inf")
    for _ in range(3):
        t0 = _clock()
        for _ in range(n):
            wrapped()
        best = min(best, _clock() - t0)
    return best / n


def _timed(label: str, fn: Callable[..., Any], totals: dict[str, float]) -> Callable[..., Any]:
    clock = _clock

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[label] += clock() - t0

    return wrapper


class _TimedMatcher:
    """Stands in for the skill matcher: times `extract`, labelled by the field of the posting it reads."""

    def __init__(
        self, matcher: Any, current: list[RawPosting], totals: dict[str, float], calls: dict
    ) -> None:
        self._matcher, self._current, self._totals, self._calls = matcher, current, totals, calls

    def __getattr__(self, name: str) -> Any:
        return getattr(self._matcher, name)

    def extract(self, text: str, *args: Any, **kwargs: Any) -> Any:
        raw = self._current[0]
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
            self._totals[label] += _clock() - t0
            self._calls[label] += 1


@contextmanager
def _wrapped_stages(
    current: list[RawPosting], totals: dict[str, float], calls: dict[str, int]
) -> Iterator[None]:
    saved: dict[str, Any] = {}
    try:
        for name in STAGE_NAMES:
            fn = getattr(stages, name, None)
            if fn is None:
                continue
            saved[name] = fn

            def counting(fn: Callable[..., Any] = fn, name: str = name) -> Callable[..., Any]:
                inner = _timed(name, fn, totals)

                def call(*args: Any, **kwargs: Any) -> Any:
                    calls[name] += 1
                    return inner(*args, **kwargs)

                return call

            setattr(stages, name, counting())
        real_matcher = stages.skill_matcher
        saved["skill_matcher"] = real_matcher
        stages.skill_matcher = lambda tax: _TimedMatcher(real_matcher(tax), current, totals, calls)
        yield
    finally:
        for name, fn in saved.items():
            setattr(stages, name, fn)


def time_stages(
    records: list[RawPosting], taxonomy: Taxonomy, runs: int
) -> tuple[dict[str, float], dict[str, int], float]:
    """Per-stage CPU seconds (min over runs, timer cost subtracted), calls per run, and the wrapped total."""
    best: dict[str, float] = {}
    calls_per_run: dict[str, int] = {}
    wrapped_total = float("inf")
    overhead = _timer_cost()
    for _ in range(runs):
        totals: dict[str, float] = defaultdict(float)
        calls: dict[str, int] = defaultdict(int)
        current: list[RawPosting] = [records[0]]
        clear_caches()
        gc.collect()
        with _wrapped_stages(current, totals, calls):
            process = stages.process_record
            t0 = _clock()
            for r in records:
                current[0] = r
                process(r, taxonomy)
            wrapped_total = min(wrapped_total, _clock() - t0)
        for label, secs in totals.items():
            net = max(0.0, secs - overhead * calls[label])
            best[label] = min(best.get(label, float("inf")), net)
            calls_per_run[label] = calls[label]
    return best, calls_per_run, wrapped_total


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
    ap.add_argument("--no-stages", action="store_true", help="total and baseline only")
    ap.add_argument(
        "--cprofile", type=int, default=0, metavar="N", help="print the top N functions by own time"
    )
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    records = load_postings(args.data, args.source, args.limit)
    if not records:
        sys.exit(f"no postings with a description under {args.data}")
    taxonomy = load_taxonomy()
    texts = [r.description for r in records]
    n = len(records)
    for r in records[:20]:  # build the matcher and the other per-taxonomy tables outside the timings
        stages.process_record(r, taxonomy)
    kb = sum(map(len, texts)) / n / 1000
    print(
        f"{n:,} postings ({kb:.1f} k characters of description on average) from {args.data}, "
        f"loaded in {time.perf_counter() - t0:.1f} s; CPU time, min of {args.repeat} runs"
    )

    base = time_baseline(texts, args.repeat)
    total = time_total(records, taxonomy, args.repeat)
    us = lambda secs: secs / n * 1e6  # noqa: E731

    if not args.no_stages:
        per_stage, calls, wrapped = time_stages(records, taxonomy, args.repeat)
        print(f"\n{'stage':<28}{'calls':>8}{'µs/posting':>12}{'share':>8}")
        for label, secs in sorted(per_stage.items(), key=lambda kv: -kv[1]):
            print(f"{label:<28}{calls[label]:>8,}{us(secs):>12.1f}{secs / total:>8.1%}")
        other = max(0.0, total - sum(per_stage.values()))
        print(f"{'other (unattributed)':<28}{'':>8}{us(other):>12.1f}{other / total:>8.1%}")
        print(f"(wrapped run: {us(wrapped):.1f} µs/posting including the timers)")

    print(f"\ntotal process_record      {us(total):>8.1f} µs/posting  {n / total:>8,.0f} postings/s per core")
    print(f"baseline lower()+split()  {us(base):>8.1f} µs/posting  ratio total/baseline {total / base:.1f}")

    if args.cprofile:
        print()
        print(cprofile_top(records, taxonomy, args.cprofile))


if __name__ == "__main__":
    main()
