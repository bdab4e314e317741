"""`make bench`: build the corpora and print throughput, CPU and peak memory figures.

    python -m benchmarks.run [--sizes 100000,1000000] [--only normalize,ingest]
                             [--corpus-dir DIR] [--db-dir DIR]

Figures: normalize alone on one core (postings/s), the whole ingest into SQLite with every core
(postings/s and minutes), the CPU time of the ingest per posting in the parent (reading, pickling to and
from the workers, writing) and in the workers together, peak resident memory of each run (parent and
largest worker), database bytes per posting, and the load average (the machine may be shared: wall-clock
figures are only as good as the load beside them; CPU per posting is the steadier figure).
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


def _cpu_seconds(who: int) -> float:
    import resource

    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _child(stage: str, corpus: Path, limit: int, db_dir: Path) -> dict[str, float]:
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
        db = db_dir / f"bench-{corpus.stem}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        settings = Settings(db_path=db, workers=os.cpu_count() or 2, rejects_dir=db_dir / "rejects")
        store = SQLiteStore(db)
        parent_cpu = _cpu_seconds(resource.RUSAGE_SELF)
        report = ingest_path(corpus, store, settings, fmt="jsonl")
        ingest_secs = time.perf_counter() - started
        figures["parent_cpu_ms"] = (_cpu_seconds(resource.RUSAGE_SELF) - parent_cpu) / report.read * 1e3
        figures["worker_cpu_ms"] = _cpu_seconds(resource.RUSAGE_CHILDREN) / report.read * 1e3
        refresh_aggregates(store.conn)
        figures["refresh_seconds"] = time.perf_counter() - started - ingest_secs
        store.close()
        secs = time.perf_counter() - started
        figures.update(
            records=report.read,
            stored=report.counts.stored,
            seconds=secs,
            ingest_seconds=ingest_secs,
            per_second=report.read / secs,
            db_bytes=db.stat().st_size,
            balanced=float(report.balanced),
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures.update(peak_rss_mb=own, peak_worker_rss_mb=kids, load_average=os.getloadavg()[0])
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--only", default=",".join(STAGES))
    ap.add_argument(
        "--normalize-limit",
        type=int,
        default=30000,
        help="postings timed for normalize alone (a steady-state sample of each corpus)",
    )
    ap.add_argument(
        "--corpus-dir", type=Path, default=OUT, help="where corpora are read, or built if missing"
    )
    ap.add_argument("--db-dir", type=Path, default=OUT, help="where the ingest databases are written")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        stage, corpus, limit, db_dir = args.child
        print(json.dumps(_child(stage, Path(corpus), int(limit), Path(db_dir))))
        return
    stages = [s for s in args.only.split(",") if s]
    print(f"roledex benchmarks · {os.cpu_count()} cores · python {sys.version.split()[0]}")
    args.db_dir.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        corpus = build_corpus(size, out=args.corpus_dir / f"corpus-{size}.jsonl")
        print(
            f"\ncorpus of {size:,} postings: {corpus} ({corpus.stat().st_size / 1e9:.2f} GB, "
            f"ready in {time.perf_counter() - t0:.0f} s)"
        )
        for stage in stages:
            limit = min(size, args.normalize_limit) if stage == "normalize" else size
            load = os.getloadavg()[0]
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.run",
                    "--child",
                    stage,
                    str(corpus),
                    str(limit),
                    str(args.db_dir),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                print(f"  {stage}: FAILED\n{proc.stderr[-2000:]}")
                continue
            f = json.loads(proc.stdout.strip().splitlines()[-1])
            loads = f"load average {load:.1f} before, {f['load_average']:.1f} after"
            if stage == "normalize":
                print(
                    f"  normalize+extract, 1 core : {f['per_second']:>9,.0f} postings/s "
                    f"({f['records']:,.0f} postings in {f['seconds']:.1f} s; peak RSS {f['peak_rss_mb']:.0f} MB; "
                    f"{loads})"
                )
            else:
                print(
                    f"  ingest into SQLite, all cores: {f['per_second']:>6,.0f} postings/s · "
                    f"{f['seconds'] / 60:.1f} min for {f['records']:,.0f} (ingest {f['ingest_seconds']:.0f} s, "
                    f"refresh {f['refresh_seconds']:.0f} s) · stored {f['stored']:,.0f} · "
                    f"balanced {bool(f['balanced'])}\n"
                    f"    CPU per posting: parent {f['parent_cpu_ms']:.3f} ms, workers {f['worker_cpu_ms']:.3f} ms · "
                    f"db {f['db_bytes'] / f['records']:,.0f} bytes per posting "
                    f"({f['db_bytes'] / f['records'] * 1e6 / 1e9:,.1f} GB per million) · "
                    f"peak RSS parent {f['peak_rss_mb']:.0f} MB, largest worker {f['peak_worker_rss_mb']:.0f} MB · "
                    f"{loads}"
                )


if __name__ == "__main__":
    main()
