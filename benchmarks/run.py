"""`make bench`: build the corpora and print throughput and peak memory figures.

    python -m benchmarks.run [--sizes 100000,1000000] [--only normalize,ingest]

Figures: normalize alone on one core (postings/s), the whole ingest into SQLite with every core
(postings/s and minutes), peak resident memory of each run (parent + workers), database size.
Each measurement runs in a fresh subprocess so that peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.corpus import OUT, build_corpus

STAGES = ("normalize", "ingest")


def _child(stage: str, corpus: Path, limit: int) -> dict[str, float]:
    """Run one measurement in this process and return its figures (called in a subprocess)."""
    import resource
    from itertools import islice

    from roledex.analytics.profiles import refresh_aggregates
    from roledex.ingest import read_records
    from roledex.pipeline.local import ingest_path, process_stream
    from roledex.settings import Settings
    from roledex.store.sqlite import SQLiteStore

    started = time.perf_counter()
    figures: dict[str, float] = {}
    if stage == "normalize":
        n = 0
        for _ in process_stream(islice(read_records(corpus, "jsonl"), limit), workers=1):
            n += 1
        secs = time.perf_counter() - started
        figures.update(records=n, seconds=secs, per_second=n / secs)
    else:
        db = OUT / f"bench-{corpus.stem}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        settings = Settings(db_path=db, workers=os.cpu_count() or 2, rejects_dir=OUT / "rejects")
        store = SQLiteStore(db)
        report = ingest_path(corpus, store, settings, fmt="jsonl")
        ingest_secs = time.perf_counter() - started
        refresh_aggregates(store.conn)
        figures["refresh_seconds"] = time.perf_counter() - started - ingest_secs
        store.close()
        secs = time.perf_counter() - started
        figures.update(records=report.read, stored=report.counts.stored, seconds=secs,
                       per_second=report.read / secs, db_mb=db.stat().st_size / 1e6,
                       balanced=float(report.balanced))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures.update(peak_rss_mb=own, peak_worker_rss_mb=kids)
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--only", default=",".join(STAGES))
    ap.add_argument("--normalize-limit", type=int, default=30000,
                    help="postings timed for normalize alone (a steady-state sample of each corpus)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        stage, corpus, limit = args.child
        print(json.dumps(_child(stage, Path(corpus), int(limit))))
        return
    stages = [s for s in args.only.split(",") if s]
    print(f"roledex benchmarks · {os.cpu_count()} cores · python {sys.version.split()[0]}")
    for size in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        corpus = build_corpus(size)
        print(f"\ncorpus of {size:,} postings: {corpus} ({corpus.stat().st_size / 1e9:.2f} GB, "
              f"ready in {time.perf_counter() - t0:.0f} s)")
        for stage in stages:
            limit = min(size, args.normalize_limit) if stage == "normalize" else size
            proc = subprocess.run([sys.executable, "-m", "benchmarks.run", "--child", stage, str(corpus), str(limit)],
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(f"  {stage}: FAILED\n{proc.stderr[-2000:]}")
                continue
            f = json.loads(proc.stdout.strip().splitlines()[-1])
            if stage == "normalize":
                print(f"  normalize+extract, 1 core : {f['per_second']:>9,.0f} postings/s "
                      f"({f['records']:,.0f} postings in {f['seconds']:.1f} s; peak RSS {f['peak_rss_mb']:.0f} MB)")
            else:
                print(f"  ingest into SQLite, all cores: {f['per_second']:>6,.0f} postings/s · {f['seconds'] / 60:.1f} min "
                      f"for {f['records']:,.0f} · stored {f['stored']:,.0f} · balanced {bool(f['balanced'])} · "
                      f"db {f['db_mb']:,.0f} MB ({f['db_mb'] / f['records'] * 1e6 / 1e3:,.1f} GB per million) · "
                      f"peak RSS parent {f['peak_rss_mb']:.0f} MB, largest worker {f['peak_worker_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
