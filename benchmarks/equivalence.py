"""Same input, same output: a snapshot of what `process_record` makes of every real record, and a check of it.

    python -m benchmarks.equivalence save SNAPSHOT [--data ../shared/data]
    python -m benchmarks.equivalence check SNAPSHOT [--data ../shared/data] [--examples 3]

For speed work on the normalizers and extractors: `save` before the change, `check` after it. Every record of
every real set in ../shared/data goes through `process_record` (cold memo caches); each result is kept as
canonical JSON, field by field (the sections, responsibility phrases and degree fields of a description
included, which `roledex normalize` does not print). `check` reports how many records differ in each field,
with examples, and exits 1 when any does. A faster stage must leave this at zero differences, or each
difference must be one the change means to make (a bug fixed on purpose, said in the commit).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.profile_stages import DEFAULT_DATA, clear_caches
from roledex.ingest import iter_paths, read_records
from roledex.models import RawPosting
from roledex.pipeline import stages
from roledex.taxonomy import load_taxonomy


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def outputs(data: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """(record id, {field: canonical JSON}) for every record under `data`, in file order."""
    clear_caches()
    taxonomy = load_taxonomy()
    for path in iter_paths([data]):
        for rec in read_records(path):
            result = stages.process_record(rec, taxonomy)
            fields = {k: json.dumps(v, sort_keys=True, default=str) for k, v in _plain(result).items()}
            fields["type"] = type(result).__name__
            if isinstance(rec, RawPosting) and rec.description:
                facts = stages.read_description(rec.description, taxonomy)
                fields["sections"] = json.dumps(_plain(facts.sections), default=str)
            yield f"{rec.provenance.file}#{rec.provenance.row}", fields


def save(snapshot: Path, data: Path) -> None:
    n = 0
    with gzip.open(snapshot, "wt", encoding="utf-8") as out:
        for rid, fields in outputs(data):
            out.write(json.dumps([rid, fields]) + "\n")
            n += 1
    print(f"saved {n:,} records to {snapshot}")


def check(snapshot: Path, data: Path, examples: int) -> int:
    with gzip.open(snapshot, "rt", encoding="utf-8") as f:
        base = dict(json.loads(line) for line in f)
    differ: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    records = changed = 0
    for rid, fields in outputs(data):
        records += 1
        old = base.pop(rid, None)
        if old is None:
            differ["(new record)"] += 1
            continue
        bad = [k for k in sorted(set(old) | set(fields)) if old.get(k) != fields.get(k)]
        changed += bool(bad)
        for k in bad:
            differ[k] += 1
            if len(shown.setdefault(k, [])) < examples:
                shown[k].append(
                    f"  {rid}\n    was: {str(old.get(k))[:400]}\n    now: {str(fields.get(k))[:400]}"
                )
    if base:
        differ["(missing record)"] += len(base)
    print(f"{records:,} records checked, {changed:,} differ")
    for k, n in differ.most_common():
        print(f"{k}: {n:,} records differ")
        for line in shown.get(k, []):
            print(line)
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("save", "check"))
    ap.add_argument("snapshot", type=Path)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    if args.action == "save":
        save(args.snapshot, args.data)
    else:
        sys.exit(check(args.snapshot, args.data, args.examples))


if __name__ == "__main__":
    main()
