"""LinkedIn's own fields on the AI/ML listings: `experienceLevel` and `contractType`.

- experienceLevel is LinkedIn's seniority band, set by the poster and noisy ("Entry level" on roles asking
  for five years). "Mid-Senior level" spans our MI and SE, "Associate" sits between EN and MI, so it is a
  confusion matrix against our level, with a judged compatibility: Internship / Entry level -> EN,
  Associate -> EN or MI, Mid-Senior level -> MI or SE, Director / Executive -> EX ("Not Applicable" is not
  scored).
- contractType Full-time / Part-time / Contract -> FT / PT / CT, Internship -> our internship flag ("Other"
  is not scored). The LinkedIn adapter passes contractType on as the employment text, so the pipeline
  figure mostly checks that reading; the second figure reads the title and description only
  (`parse_employment` without the field), which is what the extractor gets from a source without one,
  scored where the text states a type (most descriptions never say "full-time").
"""

from __future__ import annotations

from roledex.evaluate.metrics import accuracy, confusion
from roledex.evaluate.records import PostingCache, Row
from roledex.evaluate.report import ConfusionResult, Failure, FieldResult
from roledex.normalize.employment import parse_employment

SOURCE = "LinkedIn fields"
FILE = "linkedin-aiml-jobs-usa/ai_ml_jobs_linkedin.csv"

LEVEL_COMPATIBLE: dict[str, tuple[str, ...]] = {
    "Internship": ("EN",),
    "Entry level": ("EN",),
    "Associate": ("EN", "MI"),
    "Mid-Senior level": ("MI", "SE"),
    "Director": ("EX",),
    "Executive": ("EX",),
}
CONTRACT = {"Full-time": "FT", "Part-time": "PT", "Contract": "CT", "Internship": "intern"}


def evaluate(cache: PostingCache) -> tuple[list[FieldResult], list[ConfusionResult], list[str]]:
    if not cache.exists(FILE):
        return [], [], [f"{SOURCE}: {FILE} missing; skipped"]
    rows = [r for r in cache.all_rows(FILE) if r.posting is not None]
    return [_employment(rows, text_only=False), _employment(rows, text_only=True)], [_level(rows)], []


def _level(rows: list[Row]) -> ConfusionResult:
    matrix = confusion(
        ((str((r.raw.raw or {}).get("experienceLevel") or ""), r.posting.level) for r in rows if r.posting),
        rows=(
            "Internship",
            "Entry level",
            "Associate",
            "Mid-Senior level",
            "Director",
            "Executive",
            "Not Applicable",
        ),
        columns=("EN", "MI", "SE", "EX", None),
    )
    rule = "Internship/Entry -> EN, Associate -> EN|MI, Mid-Senior -> MI|SE, Director/Executive -> EX"
    note = "weak: the poster's own band; Not Applicable not scored"
    return ConfusionResult("level", SOURCE, matrix, matrix.agreement(LEVEL_COMPATIBLE), rule, note)


def _employment(rows: list[Row], *, text_only: bool) -> FieldResult:
    pairs = []
    failures = []
    unstated = 0
    for r in rows:
        assert r.posting is not None
        gold = CONTRACT.get(str((r.raw.raw or {}).get("contractType") or ""))
        if gold is None:
            continue
        if text_only:
            kind, intern = parse_employment(None, title=r.raw.title, description=r.raw.description)
        else:
            kind, intern = r.posting.employment_type, r.posting.internship
        got = "intern" if intern and gold == "intern" else kind
        if text_only and got is None:
            unstated += 1  # the text does not say: no reading to score
            continue
        pairs.append((gold, got))
        if gold != got:
            failures.append(Failure(r.file, r.row, gold, got))
    if text_only:
        name = "employment_type (text only)"
        note = (
            "contractType vs parse_employment on title + description, without the field, where the text "
            f"states a type ({unstated} rows where it states none are not scored)"
        )
    else:
        name = "employment_type"
        note = "contractType vs the pipeline (which reads contractType as the employment text)"
    return FieldResult(
        name, SOURCE, accuracy(pairs), True, note + "; Internship -> internship flag", tuple(failures)
    )
