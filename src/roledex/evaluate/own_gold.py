"""Our own hand-labelled gold sets (kept in tests/): the figures issue 3 sets targets on.

    skills     tests/extract/skills_gold.json                 postings -> ids.md skill ids
    titles     tests/normalize/titles_gold.json               titles -> role, level, track
    education  tests/extract/education_experience_gold.json   postings -> min_degree, min_years
    salary     tests/normalize/salary_gold.json               postings -> pay (min, max, currency, period)

Postings are named by '<file relative to the data folder>#<row or id>' (or file + id fields) and scored on
what the pipeline stage makes of them. The education set is {"items": [{"file", "row" (or "id"), "min_degree",
"min_years", "round"}]} ("postings" is read the same way, and {"labels": {"<file>#<row>": {...}}} too);
a posting without one of the two keys is not scored on that field (null is a label: "does not say").
Items with a "round" are also scored per round: a round labelled after the extractor was written is a
held-out estimate. Titles carry no posting, so they are scored with `classify_title` on
the title alone, which is also how they were labelled ("level from the title alone").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roledex.evaluate.metrics import Accuracy, accuracy, multilabel_scores, within
from roledex.evaluate.records import PostingCache, Row
from roledex.evaluate.report import Failure, FieldResult, SkillResult
from roledex.evaluate.vocabulary import IDS_MD_SKILLS
from roledex.normalize.salary import find_pay
from roledex.normalize.titles import classify_title

SOURCE = "own gold"
GOLD_FILES = {
    "skills": "extract/skills_gold.json",
    "titles": "normalize/titles_gold.json",
    "education": "extract/education_experience_gold.json",
    "salary": "normalize/salary_gold.json",
}


def gold_path(gold_dir: Path, name: str) -> Path | None:
    """Where gold set `name` is: its usual place under `gold_dir`, else anywhere below it by file name."""
    rel = GOLD_FILES[name]
    direct = gold_dir / rel
    if direct.is_file():
        return direct
    return next(iter(sorted(gold_dir.rglob(Path(rel).name))), None)


def _load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def _split_key(key: str) -> tuple[str, str]:
    file, _, row = key.rpartition("#")
    return file, row


# ------------------------------------------------------------------------------------------------ skills
def evaluate_skills(path: Path, cache: PostingCache) -> tuple[SkillResult, list[str]]:
    """P/R/F1 of the pipeline's skills against the hand-labelled ids.md skills of each posting."""
    labels: dict[str, list[str]] = _load(path)["labels"]
    pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    failures: list[Failure] = []
    notes: list[str] = []
    for key, expected in labels.items():
        file, row_key = _split_key(key)
        if not cache.exists(file):
            notes.append(f"skills gold: {file} is not in the data folder; {key} skipped")
            continue
        row = cache.find(file, row_key)
        gold = frozenset(expected)
        got = frozenset() if row is None or row.posting is None else _skill_ids(row) & IDS_MD_SKILLS
        if row is None or row.posting is None:
            why = "not found" if row is None else f"rejected by the pipeline ({row.reject_reason})"
            notes.append(f"skills gold: {key} {why}; scored as no skills found")
        pairs.append((gold, got))
        if gold != got:
            failures.append(Failure(file, row_key, sorted(gold - got), sorted(got - gold)))
    scores = multilabel_scores(pairs, IDS_MD_SKILLS)
    note = (
        "hand-labelled; failures list per posting the missed ids (expected) and the extra ids (got)"
        f"; {len(labels)} postings in {path.name}"
    )
    return SkillResult(SOURCE, "ids.md skills", scores, False, note, tuple(failures)), notes


def _skill_ids(row: Row) -> frozenset[str]:
    assert row.posting is not None
    return frozenset(s.id for s in row.posting.skills)


# ------------------------------------------------------------------------------------------------ titles
def evaluate_titles(path: Path) -> list[FieldResult]:
    """Role, level and track accuracy on the hand-labelled titles."""
    rows: list[dict[str, str]] = _load(path)["titles"]
    out = []
    infos = [classify_title(r["title"]) for r in rows]
    for field_name in ("role", "level", "track"):
        pairs = [(r[field_name], getattr(i, field_name)) for r, i in zip(rows, infos, strict=True)]
        failures = tuple(
            Failure(f"{path.name}[{r.get('source', '?')}]", r["title"], g, p)
            for r, (g, p) in zip(rows, pairs, strict=True)
            if g != p
        )
        note = "classify_title on the title alone (how the titles were labelled)"
        out.append(FieldResult(field_name, SOURCE, accuracy(pairs), False, note, failures))
    return out


# --------------------------------------------------------------------------------------------- education
def _education_entries(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(file, row key, labels) from {"items" | "postings": [{file, row|id, ...}]} or {"labels": {"file#row": {...}}}."""
    labels = doc.get("labels")
    if isinstance(labels, dict):
        for key, value in labels.items():
            file, row = _split_key(key)
            yield file, row, value
        return
    for entry in doc.get("items") or doc.get("postings") or doc.get("labels") or []:
        if "key" in entry:
            file, row = _split_key(entry["key"])
        else:
            file, row = entry["file"], str(entry.get("row", entry.get("id")))
        yield file, row, entry


def evaluate_education(path: Path, cache: PostingCache) -> tuple[list[FieldResult], list[str]]:
    """min_degree (exact) and min_years (exact, and within one year) on the hand-labelled postings,
    overall and, where the items carry one, per labelling round."""
    scored: list[tuple[str, str, dict[str, Any], Any, Any]] = []  # file, key, labels, our degree, our years
    notes: list[str] = []
    for file, key, labels in _education_entries(_load(path)):
        if not cache.exists(file):
            notes.append(f"education gold: {file} is not in the data folder; {file}#{key} skipped")
            continue
        row = cache.find(file, key)
        posting = None if row is None else row.posting
        if posting is None:
            why = "not found" if row is None else f"rejected by the pipeline ({row.reject_reason})"
            notes.append(f"education gold: {file}#{key} {why}; scored as nothing found")
        degree = None if posting is None else posting.min_degree
        years = None if posting is None else posting.min_years
        scored.append((file, key, labels, degree, years))
    results = _education_results(scored, f"hand-labelled, {path.name}")
    rounds = sorted({str(s[2]["round"]) for s in scored if "round" in s[2]})
    if len(rounds) > 1:
        for r in rounds:
            subset = [s for s in scored if str(s[2].get("round")) == r]
            results += _education_results(
                subset, f"hand-labelled, {path.name}, round {r} only", f" (round {r})"
            )
    return results, notes


def _education_results(
    scored: list[tuple[str, str, dict[str, Any], Any, Any]], note: str, suffix: str = ""
) -> list[FieldResult]:
    exact, near = within(0.0), within(1.0)
    degrees = [(f, k, lab["min_degree"], d) for f, k, lab, d, _ in scored if "min_degree" in lab]
    years = [(f, k, lab["min_years"], y) for f, k, lab, _, y in scored if "min_years" in lab]
    return [
        FieldResult(
            "min_degree" + suffix,
            SOURCE,
            accuracy((g, p) for _, _, g, p in degrees),
            False,
            note + "; exact match",
            tuple(Failure(f, k, g, p) for f, k, g, p in degrees if g != p),
        ),
        FieldResult(
            "min_years" + suffix,
            SOURCE,
            accuracy(((g, p) for _, _, g, p in years), exact),
            False,
            note + "; exact match",
            tuple(Failure(f, k, g, p) for f, k, g, p in years if not exact(g, p)),
        ),
        FieldResult(
            "min_years ±1" + suffix,
            SOURCE,
            accuracy(((g, p) for _, _, g, p in years), near),
            False,
            note + "; within one year (both empty also agree)",
            tuple(Failure(f, k, g, p) for f, k, g, p in years if not near(g, p)),
        ),
    ]


# ------------------------------------------------------------------------------------------------ salary
def _pay_tuple(pay: Any) -> tuple[float, float, str | None, str] | None:
    if pay is None:
        return None
    return (float(pay.min), float(pay.max), pay.currency, pay.period)


def _expected(entry: dict[str, Any]) -> tuple[float, float, str | None, str] | None:
    e = entry.get("expected")
    if e is None:
        return None
    return (float(e["min"]), float(e["max"]), e["currency"], e["period"])


def evaluate_salary(path: Path, cache: PostingCache) -> tuple[list[FieldResult], list[str]]:
    """Exact match (min, max, currency, period all equal) on the hand-checked pay list, two ways:

    - `salary` (the headline): the pipeline's posting salary, as `roledex normalize` stores it;
    - `salary (parser)`: `find_pay` over the description with the country the list gives, which isolates
      the parser from the location normalizer (the list was checked with those countries).
    """
    entries: list[dict[str, Any]] = _load(path)["postings"]
    pipe_pairs: list[tuple[Any, Any]] = []
    parser_pairs: list[tuple[Any, Any]] = []
    pipe_fail: list[Failure] = []
    parser_fail: list[Failure] = []
    notes: list[str] = []
    for entry in entries:
        file, key = entry["file"], str(entry["id"])
        if not cache.exists(file):
            notes.append(f"salary gold: {file} is not in the data folder; {key} skipped")
            continue
        expected = _expected(entry)
        row = cache.find(file, key)
        if row is None:
            notes.append(f"salary gold: {file}#{key} not found; scored as no pay found")
        posting = None if row is None else row.posting
        got = _pay_tuple(posting.salary) if posting is not None else None
        pipe_pairs.append((expected, got))
        if got != expected:
            pipe_fail.append(Failure(file, key, expected, got))
        parsed = None
        if row is not None:
            text = row.raw.raw.get("markdown") if row.raw.raw else None
            parsed = _pay_tuple(find_pay(text or row.raw.description, country=entry.get("country")))
        parser_pairs.append((expected, parsed))
        if parsed != expected:
            parser_fail.append(Failure(file, key, expected, parsed))
    stated = sum(1 for e, _ in pipe_pairs if e is not None)
    note = f"hand-checked, {path.name}: {stated} postings state pay, {len(pipe_pairs) - stated} state none"
    return [
        FieldResult(
            "salary", SOURCE, accuracy(pipe_pairs), False, note + "; pipeline output", tuple(pipe_fail)
        ),
        FieldResult(
            "salary (parser)",
            SOURCE,
            accuracy(parser_pairs),
            False,
            note + "; find_pay on the posting text with the list's country",
            tuple(parser_fail),
        ),
    ], notes


def headline_value(result: FieldResult | None) -> tuple[float | None, int]:
    if result is None:
        return None, 0
    acc: Accuracy = result.accuracy
    return acc.rate, acc.n
