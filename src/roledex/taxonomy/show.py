"""What `roledex taxonomy show roles|skills [ID]` prints: plain data for `--json`, rich renderables for people.

    role_records(taxonomy)            -> list of dicts, one per role (id, name, definition, links, outlook)
    skill_records(taxonomy, category) -> list of dicts, one per skill
    roles_table(taxonomy)             -> rich Table of all roles
    skills_table(taxonomy, category)  -> rich Table of skills, grouped by category
    role_detail(taxonomy, role_id)    -> rich renderable for one role (TaxonomyError for an unknown id)
    skill_detail(taxonomy, skill_id)  -> rich renderable for one skill (TaxonomyError for an unknown id)

Pure functions of the taxonomy: no printing, no I/O; the CLI decides where the output goes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from roledex.errors import TaxonomyError
from roledex.taxonomy import Role, Skill, Taxonomy

__all__ = [
    "role_detail",
    "role_record",
    "role_records",
    "roles_table",
    "skill_detail",
    "skill_record",
    "skill_records",
    "skills_table",
]


# ---------------------------------------------------------------------------------------------- plain data
def role_record(role: Role) -> dict[str, Any]:
    """A role as JSON-ready data."""
    return {
        "id": role.id,
        "name": role.name,
        "definition": role.definition,
        "aliases": list(role.aliases),
        "typical_titles": list(role.typical_titles),
        "occupations": [asdict(o) for o in role.occupations],
        "outlook": dict(role.outlook) if role.outlook else None,
    }


def skill_record(skill: Skill) -> dict[str, Any]:
    """A skill as JSON-ready data."""
    return {
        "id": skill.id,
        "name": skill.name,
        "category": skill.category,
        "kind": skill.kind,
        "aliases": list(skill.aliases),
        "case_sensitive_aliases": list(skill.case_sensitive_aliases),
        "sources": list(skill.sources),
    }


def role_records(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    return [role_record(r) for r in taxonomy.roles.values()]


def skill_records(taxonomy: Taxonomy, category: str | None = None) -> list[dict[str, Any]]:
    """Skills sorted by category then id; only one category when `category` is given."""
    return [skill_record(s) for s in _skills(taxonomy, category)]


# ---------------------------------------------------------------------------------------------- renderables
def roles_table(taxonomy: Taxonomy) -> Table:
    table = Table(title=f"Roles (taxonomy {taxonomy.version})", show_lines=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("O*NET-SOC", no_wrap=True)
    table.add_column("outlook 2023-33", justify="right", no_wrap=True)
    table.add_column("median wage", justify="right", no_wrap=True)
    for role in taxonomy.roles.values():
        onet = ", ".join(o.code for o in role.occupations if o.scheme == "onet") or "-"
        growth, wage = _outlook_cells(role)
        table.add_row(role.id, role.name, onet, growth, wage)
    return table


def skills_table(taxonomy: Taxonomy, category: str | None = None) -> Table:
    skills = _skills(taxonomy, category)
    table = Table(title=f"Skills (taxonomy {taxonomy.version}): {len(skills)}")
    table.add_column("category", style="magenta", no_wrap=True)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("name")
    table.add_column("aliases", overflow="fold")
    previous = None
    for skill in skills:
        aliases = [*skill.case_sensitive_aliases, *(a for a in skill.aliases if a != skill.name.lower())]
        shown = ", ".join(aliases[:6]) + (f" (+{len(aliases) - 6})" if len(aliases) > 6 else "")
        table.add_row(skill.category if skill.category != previous else "", skill.id, skill.name, shown)
        previous = skill.category
    return table


def role_detail(taxonomy: Taxonomy, role_id: str) -> RenderableType:
    role = taxonomy.role(role_id)
    parts: list[RenderableType] = [Text(role.definition)]
    if role.aliases:
        parts.append(_labelled("Also called", ", ".join(role.aliases)))
    if role.typical_titles:
        parts.append(_labelled("Typical titles", " · ".join(role.typical_titles)))
    if role.occupations:
        links = Table(box=None, show_header=True, pad_edge=False)
        links.add_column("scheme")
        links.add_column("code")
        links.add_column("occupation")
        for o in role.occupations:
            links.add_row("O*NET-SOC" if o.scheme == "onet" else "ESCO", o.code, o.title)
        parts.append(Text("Standard occupations", style="bold"))
        parts.append(links)
    if role.outlook:
        fact = role.outlook
        growth, wage = _outlook_cells(role)
        line = (
            f"{fact.get('occupation')} (SOC {fact.get('soc_code')}): employment {growth} in "
            f"{fact.get('projection_period', '2023-2033')}; median annual wage {wage} ({fact.get('wage_reference', '')})."
        )
        parts.append(_labelled("Outlook", line))
        if fact.get("note"):
            parts.append(Text(str(fact["note"]), style="dim"))
        parts.append(Text(f"Source: {fact.get('source')}, {fact.get('url')}", style="dim"))
    return Panel(Group(*parts), title=f"{role.name} [dim]({role.id})[/dim]", expand=False)


def skill_detail(taxonomy: Taxonomy, skill_id: str) -> RenderableType:
    skill = taxonomy.skills.get(skill_id)
    if skill is None:
        raise TaxonomyError(
            f"unknown skill id '{skill_id}'", hint="list the ids with `roledex taxonomy show skills`"
        )
    parts: list[RenderableType] = [
        _labelled("Category", f"{skill.category} ({skill.kind})"),
        _labelled("Matched as", ", ".join([*skill.case_sensitive_aliases, *skill.aliases]) or "-"),
    ]
    if skill.case_sensitive_aliases:
        parts.append(
            Text("Case-sensitive names are matched only with exact case and in context.", style="dim")
        )
    parts.append(_labelled("Sources", ", ".join(skill.sources) or "-"))
    return Panel(Group(*parts), title=f"{skill.name} [dim]({skill.id})[/dim]", expand=False)


# ---------------------------------------------------------------------------------------------- helpers
def _skills(taxonomy: Taxonomy, category: str | None) -> list[Skill]:
    skills = sorted(taxonomy.skills.values(), key=lambda s: (s.category, s.id))
    if category is None:
        return skills
    chosen = [s for s in skills if s.category == category]
    if not chosen:
        known = ", ".join(sorted({s.category for s in skills}))
        raise TaxonomyError(f"unknown skill category '{category}'", hint=f"use one of: {known}")
    return chosen


def _outlook_cells(role: Role) -> tuple[str, str]:
    if not role.outlook:
        return "-", "-"
    pct = role.outlook.get("employment_change_pct")
    wage = role.outlook.get("median_annual_wage_usd")
    growth = f"{pct:+d}%" if isinstance(pct, int) else "-"
    return growth, (f"${wage:,}" if isinstance(wage, int) else "-")


def _labelled(label: str, value: str) -> Text:
    text = Text()
    text.append(f"{label}: ", style="bold")
    text.append(value)
    return text
