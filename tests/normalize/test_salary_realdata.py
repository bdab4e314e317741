"""The salary parser on the real data sets (../shared/data, read through the shared_data fixture).

Nothing from the postings is copied here: the hand-checked list (salary_gold.json, shared with `roledex eval`)
names each posting by its source file and id/path and gives the pay we read in it (min, max, currency, period).
"""

from __future__ import annotations

import csv
import glob
import gzip
import html
import json
import re
import time
from functools import cache
from pathlib import Path

import pytest

from roledex.normalize.money import to_salary
from roledex.normalize.salary import find_pay, parse_pay

pytestmark = pytest.mark.realdata

GD = "glassdoor-ds-jobs-2020/glassdoor_jobs.csv"
JS = "jsearch-ds-da-us-2025/data_scientist_us.csv"
RW = "remotewlb-remote-jobs-2024-2025/remotewlb_ai_ml_data_postings.jsonl.gz"

GOLD = Path(__file__).with_name("salary_gold.json")


def _pay(expected: dict | None) -> tuple[float, float, str | None, str] | None:
    if expected is None:
        return None
    return (expected["min"], expected["max"], expected["currency"], expected["period"])


def _hand_checked() -> list[tuple[str, str, str | None, tuple[float, float, str | None, str] | None]]:
    """(source, id, country, expected (min, max, currency, period) or None), checked by reading each posting."""
    rows = json.loads(GOLD.read_text(encoding="utf-8"))["postings"]
    return [(r["file"], r["id"], r["country"], _pay(r["expected"])) for r in rows]


HAND_CHECKED = _hand_checked()


@cache
def _jsearch(root: Path) -> dict[str, str]:
    with (root / JS).open(encoding="utf-8", newline="") as f:
        return {r["job_id"]: r["job_description"] for r in csv.DictReader(f)}


@cache
def _remotewlb(root: Path) -> list[dict]:
    with gzip.open(root / RW, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _text(root: Path, source: str, key: str) -> str:
    if source == JS:
        return _jsearch(root)[key]
    return next(r["markdown"] for r in _remotewlb(root) if r["slug"] == key)


def test_hand_checked_exact_match(shared_data: Path) -> None:
    misses = []
    for source, key, country, expected in HAND_CHECKED:
        pay = find_pay(_text(shared_data, source, key), country=country)
        got = None if pay is None else (pay.min, pay.max, pay.currency, pay.period)
        if got != expected:
            misses.append((key, expected, got))
    rate = 1 - len(misses) / len(HAND_CHECKED)
    print(f"\nhand-checked: {len(HAND_CHECKED)} postings, exact match {rate:.3f}; misses: {misses}")
    assert len(HAND_CHECKED) >= 60
    assert rate >= 0.97, misses


def test_glassdoor_salary_estimate_agrees_with_labels(shared_data: Path) -> None:
    with (shared_data / GD).open(encoding="utf-8", newline="") as f:
        raw = list(csv.DictReader(f))
    with (shared_data / "glassdoor-ds-jobs-2020/labels_2021.csv").open(encoding="utf-8", newline="") as f:
        labels = list(csv.DictReader(f))
    agree = 0
    for lab in labels:
        pay = parse_pay(raw[int(lab["raw_row"])]["Salary Estimate"], country="US")
        assert pay is not None and pay.currency == "USD"
        hourly = lab["Hourly"] == "1"
        # the labels give $K per year; their hourly rows are the hourly rate x 2080 / 1000, truncated
        lo, hi = (int(v * 2080 / 1000) if hourly else v / 1000 for v in (pay.min, pay.max))
        ok = (
            (pay.period == "hour") == hourly
            and (pay.kind == "posted") == (lab["Employer provided"] == "1")
            and (lo, hi) == (float(lab["Lower Salary"]), float(lab["Upper Salary"]))
        )
        agree += ok
    rate = agree / len(labels)
    print(f"\nglassdoor: {len(labels)} labelled estimates, agreement {rate:.4f}")
    assert rate >= 0.99


def test_remotewlb_finds_pay_where_the_text_has_a_money_range(shared_data: Path) -> None:
    money_range = re.compile(r"[$€£]\s?\d[\d,.]*\s?[kK]?\s?(?:-|–|—|to)\s?[$€£]?\s?\d")
    recs = _remotewlb(shared_data)
    bodies = [r["markdown"].split("\n", 3)[-1] for r in recs]  # the body, without the board's salary chip
    with_range = [b for b in bodies if money_range.search(b)]
    found = sum(find_pay(b) is not None for b in with_range)
    rate = found / len(with_range)
    t0 = time.process_time()
    for r in recs:
        find_pay(r["markdown"])
    us = (time.process_time() - t0) / len(recs) * 1e6
    print(
        f"\nremotewlb: {len(with_range)} bodies with a money range, find_pay found pay in {rate:.3f}; {us:.0f} us/posting"
    )
    assert rate >= 0.9


def _band(v: float) -> str:
    return (
        "<$100k" if v < 100000 else "$100k-$150k" if v < 150000 else "$150k-$200k" if v < 200000 else "$200k+"
    )


def test_hn_salary_band_agreement(shared_data: Path, taxonomy) -> None:  # type: ignore[no-untyped-def]
    both = agree = llm_only = ours_only = 0
    for raw_path in sorted(glob.glob(str(shared_data / "hn-whoishiring-2026/raw_*.json"))):
        raw = json.loads(Path(raw_path).read_text(encoding="utf-8"))
        labels = json.loads(Path(raw_path.replace("raw_", "classified_")).read_text(encoding="utf-8"))
        by_id = {j["id"]: j for j in labels["jobs"]}
        for job in raw["jobs"]:
            lab = by_id.get(job["id"])
            if lab is None:
                continue
            text = html.unescape(re.sub(r"<[^>]+>", " ", job["text"].replace("<p>", "\n")))
            pay = find_pay(text)
            salary = to_salary(pay, year=2026, fx=taxonomy.fx)[0] if pay else None
            band = (
                lab["salary_band"]
                if lab["salary_band"] in ("<$100k", "$100k-$150k", "$150k-$200k", "$200k+")
                else None
            )
            if salary and band:
                both += 1
                agree += _band(salary.annual_usd_mid) == band
            elif band:
                llm_only += 1
            elif salary:
                ours_only += 1
    rate = agree / both
    print(f"\nhn: {both} comments with a band from both, midpoint-band agreement {rate:.3f}; "
          f"LLM-only {llm_only}, ours-only {ours_only}")  # fmt: skip
    assert rate >= 0.7  # the LLM's bands are inconsistent (min, mid or max); this guards regressions


def test_jsearch_dollar_figures(shared_data: Path) -> None:
    texts = _jsearch(shared_data)
    with_dollar = [t for t in texts.values() if re.search(r"\$\s?\d", t)]
    found = sum(find_pay(t, country="US") is not None for t in with_dollar)
    print(f"\njsearch: {len(with_dollar)} descriptions with a $ figure, pay found in {found}")
    assert found / len(with_dollar) >= 0.9
