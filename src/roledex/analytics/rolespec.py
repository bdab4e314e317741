"""What a user means by a role: a role id, a role with a level, or a free job title.

"ml-research-engineer"           -> role ml-research-engineer, every level
"ml-engineer@SE"                 -> role ml-engineer, level SE
"Lead Machine Learning Engineer" -> normalized like a posting title: ml-engineer, SE, ic
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from roledex.errors import QueryError
from roledex.models import LEVEL_LABELS, LEVELS, Level
from roledex.normalize.titles import classify_title
from roledex.taxonomy import Taxonomy

_SPEC = re.compile(r"^\s*(?P<role>[a-z][a-z0-9-]*)\s*(?:@\s*(?P<level>[A-Za-z]{2}))?\s*$")


@dataclass(frozen=True, slots=True)
class RoleSpec:
    text: str  # what the user typed
    role: str
    level: Level | None
    kind: str  # "role" | "role@level" | "title"

    @property
    def slug(self) -> str:
        return f"{self.role}@{self.level}" if self.level else self.role

    def label(self, taxonomy: Taxonomy) -> str:
        if self.kind == "title":
            return self.text  # the user's own words; the normalized role is shown beside it
        name = taxonomy.role(self.role).name
        return f"{name} ({LEVEL_LABELS[self.level]})" if self.level else name

    def to_dict(self) -> dict[str, str | None]:
        return {
            "text": self.text,
            "role": self.role,
            "level": self.level,
            "kind": self.kind,
            "slug": self.slug,
        }


def nearest_roles(text: str, taxonomy: Taxonomy, limit: int = 3) -> list[str]:
    """Role ids whose id, name or aliases are closest to `text` (for "did you mean")."""
    choices: dict[str, str] = {}
    for role in taxonomy.roles.values():
        for label in (role.id, role.name, *role.aliases):
            choices.setdefault(label.lower(), role.id)
    found = process.extract(text.lower(), list(choices), scorer=fuzz.WRatio, limit=limit * 4)
    out: list[str] = []
    for label, _score, _ in found:
        rid = choices[label]
        if rid not in out:
            out.append(rid)
    return out[:limit]


def parse_role_spec(text: str, taxonomy: Taxonomy) -> RoleSpec:
    """Parse a role id, `role@LEVEL` or a job title; raise QueryError naming the nearest roles."""
    raw = text.strip()
    if not raw:
        raise QueryError(
            "empty role", hint="give a role id such as ml-engineer, ml-engineer@SE, or a job title"
        )
    m = _SPEC.match(raw)
    if m and (m["role"] in taxonomy.roles or m["level"] or "-" in m["role"]):  # an id, not a title
        role, level = m["role"], m["level"]
        if role not in taxonomy.roles:
            near = ", ".join(nearest_roles(role, taxonomy))
            raise QueryError(
                f"unknown role '{role}'", hint=f"did you mean: {near}? (roledex taxonomy show roles)"
            )
        if level is not None:
            level = level.upper()
            if level not in LEVELS:
                raise QueryError(
                    f"unknown level '{m['level']}' in '{raw}'", hint="levels are EN, MI, SE and EX"
                )
            return RoleSpec(raw, role, level, "role@level")
        return RoleSpec(raw, role, None, "role")
    info = classify_title(raw)
    if info.role == "other" or info.confidence < 0.5:
        near = ", ".join(nearest_roles(raw, taxonomy))
        raise QueryError(
            f"'{raw}' does not match a role roledex tracks",
            hint=f"the nearest roles are: {near}; use a role id or a clearer title",
        )
    level = info.level if info.level_source == "title" else None
    return RoleSpec(raw, info.role, level, "title")
