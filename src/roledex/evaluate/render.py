"""The printed evaluation: headline targets, skill scores per source and per skill, field accuracies,
confusion matrices, and the failing cases of our own gold sets (file, row, expected, got)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from roledex.evaluate.report import ConfusionResult, EvaluationReport, FieldResult, SkillResult

ROUND_MARK = "(round "  # per-round subsets of a gold set: their failures are in the overall table
MAX_FAILURES = 40  # per result in the printed report; --json carries them all


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _v(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    if isinstance(value, tuple):
        return (
            "("
            + ", ".join("none" if v is None else f"{v:g}" if isinstance(v, float) else str(v) for v in value)
            + ")"
        )
    return str(value)


def _row(table: Table, *cells: str | Text) -> None:
    """Add a row of plain text: cells hold titles and ids, never rich markup ("Engineer [28376]")."""
    table.add_row(*(c if isinstance(c, Text) else Text(c) for c in cells))


def _headlines(report: EvaluationReport) -> Table:
    table = Table(title=Text("Targets (issue 3) on our own gold sets", style="bold"), title_justify="left")
    for col in ("target", "value", "n", "threshold", "result"):
        table.add_column(col, justify="right" if col in ("value", "n", "threshold") else "left")
    for h in report.headlines:
        verdict = Text("pass", style="green") if h.passed else Text("FAIL", style="bold red")
        _row(table, h.name, _f(h.value), str(h.n), f"{h.threshold:.2f}", verdict)
    return table


def _skill_summary(results: list[SkillResult]) -> Table:
    table = Table(
        title=Text("Skills: precision / recall / F1 by label source", style="bold"), title_justify="left"
    )
    for col in ("source", "scored", "postings", "support", "micro P", "micro R", "micro F1", "macro P",
                "macro R", "macro F1"):  # fmt: skip
        table.add_column(col, justify="left" if col in ("source", "scored") else "right")
    for r in results:
        m = r.scores.micro
        _row(
            table,
            r.source + (" (weak)" if r.weak else ""),
            r.vocabulary,
            str(r.scores.items),
            str(m.support),
            _f(m.precision),
            _f(m.recall),
            _f(m.f1),
            _f(r.scores.macro_precision),
            _f(r.scores.macro_recall),
            _f(r.scores.macro_f1),
        )
    return table


def _per_skill(result: SkillResult) -> Table:
    title = f"Per skill: {result.source}, {result.vocabulary} — {result.note}"
    table = Table(title=Text(title, style="bold"), title_justify="left")
    for col in ("skill", "support", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "skill" else "right")
    for sid, c in sorted(result.scores.per_label.items(), key=lambda kv: (-kv[1].support, kv[0])):
        _row(
            table,
            sid,
            str(c.support),
            str(c.tp),
            str(c.fp),
            str(c.fn),
            _f(c.precision),
            _f(c.recall),
            _f(c.f1),
        )
    return table


def _fields(results: list[FieldResult]) -> Table:
    table = Table(
        title=Text("Fields: accuracy (own gold) and agreement (weak labels)", style="bold"),
        title_justify="left",
    )
    for col in ("field", "source", "value", "correct", "n", "how"):
        table.add_column(col, justify="right" if col in ("value", "correct", "n") else "left")
    for r in results:
        _row(
            table,
            r.field,
            r.source + (" (weak)" if r.weak else ""),
            _f(r.accuracy.rate),
            str(r.accuracy.correct),
            str(r.accuracy.n),
            r.note,
        )
    return table


def _confusion(result: ConfusionResult) -> Table:
    agreement = result.agreement
    title = f"{result.field}: {result.source} (rows) vs ours (columns) — {result.note}"
    if agreement is not None:
        title += f"\nagreement {_f(agreement.rate)} (n={agreement.n}) under {result.rule}"
    table = Table(title=Text(title, style="bold"), title_justify="left")
    table.add_column("")
    m = result.matrix
    for c in m.columns:
        table.add_column("(none)" if c is None else str(c), justify="right")
    table.add_column("total", justify="right")
    for r in m.rows:
        label = "(none)" if r is None else str(r)
        _row(table, label, *(str(m.cell(r, c)) for c in m.columns), str(m.row_total(r)))
    return table


def _failures(title: str, result: SkillResult | FieldResult, skills: bool) -> Table:
    table = Table(title=Text(title, style="bold"), title_justify="left")
    for col in (
        "file",
        "row",
        "missed (expected)" if skills else "expected",
        "extra (got)" if skills else "got",
    ):
        table.add_column(col, overflow="fold")
    for f in result.failures[:MAX_FAILURES]:
        _row(table, f.file, f.row, _v(f.expected), _v(f.got))
    if len(result.failures) > MAX_FAILURES:
        _row(table, "…", f"{len(result.failures) - MAX_FAILURES} more (see --json)", "", "")
    return table


def render_report(report: EvaluationReport) -> RenderableType:
    """The evaluation as rich tables (print with a rich Console)."""
    parts: list[RenderableType] = [
        Text(
            f"roledex evaluation — data {report.data_dir}, gold {report.gold_dir or '(none)'}; "
            f"{report.postings_processed} postings through the pipeline in {report.seconds:.1f} s "
            f"({report.cpu_seconds:.1f} s CPU)",
            style="bold",
        ),
        _headlines(report),
        _skill_summary(report.skills),
    ]
    parts += [_per_skill(r) for r in report.skills]
    parts.append(_fields(report.fields))
    parts += [_confusion(c) for c in report.confusions]
    own = [r for r in report.skills if not r.weak and r.failures]
    parts += [_failures(f"Failing postings: skills, {r.source}", r, True) for r in own]
    parts += [
        _failures(f"Failing cases: {r.field}, {r.source}", r, False)
        for r in report.fields
        if not r.weak and r.failures and ROUND_MARK not in r.field
    ]
    if report.notes:
        parts.append(Text("Notes:\n" + "\n".join(f"- {n}" for n in report.notes)))
    return Group(*parts)
