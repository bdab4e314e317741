"""The taxonomy: roles, skills, FX rates and outlook facts, as versioned package data with one loader.

`load_taxonomy()` reads the built files in `taxonomy/data/` once and returns an immutable `Taxonomy`.
The files are produced by `scripts/build_taxonomy.py` from ../shared/data (O*NET 29.3, ESCO, ECB) and
our curation files; see `taxonomy/data/ATTRIBUTION.md`.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from roledex.errors import TaxonomyError


@dataclass(frozen=True, slots=True)
class OccupationLink:
    """A standard occupation a role is close to (O*NET-SOC or ESCO)."""

    scheme: str  # "onet" | "esco"
    code: str
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    name: str
    definition: str
    aliases: tuple[str, ...] = ()
    typical_titles: tuple[str, ...] = ()
    occupations: tuple[OccupationLink, ...] = ()
    outlook: dict[str, Any] | None = None  # BLS projection fact with source and year


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    kind: str = "technical"  # "technical" | "soft"
    case_sensitive_aliases: tuple[str, ...] = ()  # aliases matched only with exact case ("R", "Go")
    sources: tuple[str, ...] = ()  # "ids", "onet", "esco", "curated"
    implies: tuple[str, ...] = ()  # skills a mention also counts for (PostgreSQL -> SQL)
    shadows: tuple[str, ...] = ()  # skills whose hits inside this one's do not count ("sql" in "NoSQL")


@dataclass(frozen=True, slots=True)
class FxRates:
    """Annual average USD value of one unit of each currency, by year (ECB reference rates)."""

    usd_per_unit: dict[tuple[int, str], float]
    years: tuple[int, ...]

    def rate(self, currency: str, year: int | None) -> float | None:
        """USD per unit of `currency` in `year`; the nearest year with a rate when `year` has none."""
        currency = currency.upper()
        if currency == "USD":
            return 1.0
        if year is not None:
            hit = self.usd_per_unit.get((year, currency))
            if hit is not None:
                return hit
        ordered = sorted(self.years, key=lambda y: (abs(y - year), -y) if year is not None else -y)
        for y in ordered:
            hit = self.usd_per_unit.get((y, currency))
            if hit is not None:
                return hit
        return None

    def known(self, currency: str) -> bool:
        return currency.upper() == "USD" or any(c == currency.upper() for (_, c) in self.usd_per_unit)


@dataclass(frozen=True)
class Taxonomy:
    version: str
    roles: dict[str, Role]
    skills: dict[str, Skill]
    fx: FxRates
    extra: dict[str, Any] = field(default_factory=dict)

    def role(self, role_id: str) -> Role:
        try:
            return self.roles[role_id]
        except KeyError:
            known = ", ".join(sorted(self.roles))
            raise TaxonomyError(f"unknown role id '{role_id}'", hint=f"use one of: {known}") from None


def _data_text(name: str) -> str:
    try:
        return resources.files("roledex.taxonomy").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(
            f"taxonomy file '{name}' is missing", hint="rebuild it with `python scripts/build_taxonomy.py`"
        ) from None


def _load_fx() -> FxRates:
    rates: dict[tuple[int, str], float] = {}
    for row in csv.DictReader(_data_text("fx_annual_usd.csv").splitlines()):
        rates[(int(row["year"]), row["currency"].upper())] = float(row["avg_usd_per_unit"])
    return FxRates(rates, tuple(sorted({y for (y, _) in rates})))


def _role(d: dict[str, Any]) -> Role:
    return Role(
        id=d["id"],
        name=d["name"],
        definition=d.get("definition", ""),
        aliases=tuple(d.get("aliases", ())),
        typical_titles=tuple(d.get("typical_titles", ())),
        occupations=tuple(OccupationLink(**o) for o in d.get("occupations", ())),
        outlook=d.get("outlook"),
    )


def _skill(d: dict[str, Any]) -> Skill:
    return Skill(
        id=d["id"],
        name=d["name"],
        category=d.get("category", "other"),
        aliases=tuple(d.get("aliases", ())),
        kind=d.get("kind", "technical"),
        case_sensitive_aliases=tuple(d.get("case_sensitive_aliases", ())),
        sources=tuple(d.get("sources", ())),
        implies=tuple(d.get("implies", ())),
        shadows=tuple(d.get("shadows", ())),
    )


@cache
def load_taxonomy() -> Taxonomy:
    """Load the packaged taxonomy (cached: it is immutable)."""
    roles_doc = json.loads(_data_text("roles.json"))
    skills_doc = json.loads(_data_text("skills.json"))
    roles = {d["id"]: _role(d) for d in roles_doc["roles"]}
    skills = {d["id"]: _skill(d) for d in skills_doc["skills"]}
    extra = {k: v for k, v in roles_doc.items() if k not in ("roles",)}
    return Taxonomy(
        version=str(roles_doc.get("version", "0")), roles=roles, skills=skills, fx=_load_fx(), extra=extra
    )
