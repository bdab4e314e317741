"""Rebuild the packaged taxonomy (roles.json, skills.json) from ../shared/data and our curation files.

    python scripts/build_taxonomy.py [--data DIR] [--spec DIR] [--check] [--unmapped]

Inputs
    src/roledex/taxonomy/curation/roles.toml   roles: definitions, aliases, O*NET/ESCO links, BLS outlook facts
    src/roledex/taxonomy/curation/skills.toml  skills: ids, names, categories, aliases, O*NET/ESCO links
    <data>/onet-29.3/   Occupation Data, Alternate Titles, Sample of Reported Titles, Technology Skills
    <data>/esco/        ict_skills.json, ict_occupations.json
    <spec>/ids.md       the ids every output must use (checked: every role and skill id is present)

Outputs (committed): src/roledex/taxonomy/data/roles.json and skills.json, sorted and stable, so that a
rebuild with unchanged inputs gives byte-identical files. Every O*NET example and ESCO label the curation
names is checked against the data; a typo fails the build instead of silently dropping a link.
`--check` rebuilds in memory and exits 1 when the committed files differ (for CI). `--unmapped` lists the
O*NET "Hot Technology" examples of the roles' occupations that no skill links yet (a curation worklist).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "roledex" / "taxonomy"
CURATION = PACKAGE / "curation"
OUT = PACKAGE / "data"
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_SPEC = REPO.parent / "shared" / "spec"

CATEGORIES = (
    "language", "ml-framework", "library", "data-platform", "database", "cloud", "mlops", "devops", "bi",
    "genai", "method", "soft", "other",
)  # fmt: skip
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ONET_URL = "https://www.onetonline.org/link/summary/{code}"
SOURCES = [
    {
        "name": "O*NET 29.3 Database",
        "by": "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)",
        "license": "CC BY 4.0",
        "url": "https://www.onetcenter.org/database.html",
        "used_for": "occupation codes and titles, alternate and reported job titles, technology skill examples",
    },
    {
        "name": "ESCO classification (ICT skills and occupations)",
        "by": "European Commission",
        "license": "CC BY 4.0",
        "url": "https://esco.ec.europa.eu",
        "used_for": "occupation and skill URIs linked from roles and skills",
    },
    {
        "name": "Occupational Outlook Handbook, 2024-25 edition",
        "by": "U.S. Bureau of Labor Statistics",
        "license": "public domain (U.S. government work)",
        "url": "https://www.bls.gov/ooh/",
        "used_for": "employment projections 2023-2033 and May 2023 median wages, entered by hand",
    },
]


class BuildError(Exception):
    """The curation files and the data disagree; the message says where."""


# ------------------------------------------------------------------------------------------------ readers
def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _ids_md(spec: Path) -> tuple[list[str], list[str]]:
    """Role ids (first column of the Roles table) and the core skill ids listed in spec/ids.md."""
    text = (spec / "ids.md").read_text(encoding="utf-8")
    roles_part = text.split("## Roles", 1)[1].split("\n## ", 1)[0]
    role_ids = [
        m.group(1) for m in re.finditer(r"^\| ([a-z][a-z0-9-]*) \|", roles_part, re.M) if m.group(1) != "id"
    ]
    skills_part = text.split("## Skills", 1)[1]
    body = skills_part.split("\n\n", 1)[1]
    skill_ids = [s.strip() for s in body.replace("\n", " ").split(",") if s.strip()]
    return role_ids, skill_ids


class OnetData:
    """The O*NET 29.3 tables the build uses."""

    def __init__(self, root: Path) -> None:
        self.titles = {r["O*NET-SOC Code"]: r["Title"] for r in _tsv(root / "Occupation Data.txt")}
        self.examples: dict[str, dict[str, Any]] = {}
        for r in _tsv(root / "Technology Skills.txt"):
            ex = self.examples.setdefault(
                r["Example"],
                {
                    "example": r["Example"],
                    "commodity": r["Commodity Title"],
                    "hot_technology": False,
                    "codes": set(),
                },
            )
            ex["hot_technology"] = ex["hot_technology"] or r["Hot Technology"] == "Y"
            ex["codes"].add(r["O*NET-SOC Code"])
        self.job_titles: dict[str, set[str]] = {}
        for r in _tsv(root / "Alternate Titles.txt"):
            title = r["Short Title"] or re.sub(r"\s*\([^)]*\)\s*$", "", r["Alternate Title"])
            self.job_titles.setdefault(r["O*NET-SOC Code"], set()).add(title.strip())
        for r in _tsv(root / "Sample of Reported Titles.txt"):
            title = re.sub(r"\s*\([^)]*\)\s*$", "", r["Reported Job Title"])
            self.job_titles.setdefault(r["O*NET-SOC Code"], set()).add(title.strip())


class EscoData:
    def __init__(self, root: Path) -> None:
        skills = json.loads((root / "ict_skills.json").read_text(encoding="utf-8"))
        self.skill_uri = {s["label"]: s["uri"] for s in skills}
        occupations = json.loads((root / "ict_occupations.json").read_text(encoding="utf-8"))
        self.occupation_label = {o["uri"]: o["label"] for o in occupations}


# ------------------------------------------------------------------------------------------------- skills
def _norm_alias(alias: str) -> str:
    return " ".join(alias.lower().split())


def build_skills(
    curation: dict[str, Any], onet: OnetData, esco: EscoData, core_ids: Iterable[str]
) -> dict[str, Any]:
    core = set(core_ids)
    skills: dict[str, dict[str, Any]] = {}
    alias_owner: dict[str, str] = {}
    for category, table in curation.items():
        if category not in CATEGORIES:
            raise BuildError(
                f"skills.toml: unknown category [{category}]; use one of {', '.join(CATEGORIES)}"
            )
        for sid, spec in table.items():
            if not KEBAB.match(sid):
                raise BuildError(f"skills.toml: id '{sid}' is not kebab-case")
            if sid in skills:
                raise BuildError(f"skills.toml: id '{sid}' is defined twice")
            unknown = set(spec) - {
                "name",
                "aliases",
                "cs",
                "onet",
                "esco",
                "implies",
                "shadows",
                "kind",
                "match_name",
            }
            if unknown:
                raise BuildError(f"skills.toml: {sid}: unknown keys {sorted(unknown)}")
            name = spec["name"]
            aliases = {_norm_alias(a) for a in spec.get("aliases", ())}
            if spec.get("match_name", True):
                aliases.add(_norm_alias(name))
            for a in aliases:
                if a in alias_owner and alias_owner[a] != sid:
                    raise BuildError(
                        f"skills.toml: alias '{a}' belongs to both '{alias_owner[a]}' and '{sid}'"
                    )
                alias_owner[a] = sid
            onet_links = []
            for ex in spec.get("onet", ()):
                if ex not in onet.examples:
                    raise BuildError(
                        f"skills.toml: {sid}: O*NET example '{ex}' is not in Technology Skills.txt"
                    )
                e = onet.examples[ex]
                onet_links.append(
                    {"example": ex, "commodity": e["commodity"], "hot_technology": e["hot_technology"],
                     "occupations": len(e["codes"])}
                )  # fmt: skip
            esco_links = []
            for label in spec.get("esco", ()):
                if label not in esco.skill_uri:
                    raise BuildError(f"skills.toml: {sid}: ESCO skill '{label}' is not in ict_skills.json")
                esco_links.append({"label": label, "uri": esco.skill_uri[label]})
            sources = ["curated"]
            if sid in core:
                sources.append("ids")
            if onet_links:
                sources.append("onet")
            if esco_links:
                sources.append("esco")
            kind = spec.get("kind", "soft" if category == "soft" else "technical")
            skills[sid] = {
                "id": sid,
                "name": name,
                "category": category,
                "kind": kind,
                "aliases": sorted(aliases),
                "case_sensitive_aliases": sorted(set(spec.get("cs", ()))),
                "implies": sorted(set(spec.get("implies", ()))),
                "shadows": sorted(set(spec.get("shadows", ()))),
                "sources": sorted(sources),
                "onet": sorted(onet_links, key=lambda d: d["example"]),
                "esco": sorted(esco_links, key=lambda d: d["label"]),
            }
    missing = sorted(core - set(skills))
    if missing:
        raise BuildError(f"skills.toml lacks ids.md skill ids: {', '.join(missing)}")
    for s in skills.values():
        for ref in (*s["implies"], *s["shadows"]):
            if ref not in skills:
                raise BuildError(f"skills.toml: {s['id']} refers to unknown skill '{ref}'")
    return {"skills": [skills[k] for k in sorted(skills)]}


# -------------------------------------------------------------------------------------------------- roles
def _onet_titles(onet: OnetData, codes: list[str], pattern: str | None) -> list[str]:
    if not pattern:
        return []
    rx = re.compile(pattern, re.I)
    found = {t for code in codes for t in onet.job_titles.get(code, ()) if rx.search(t)}
    return sorted(found, key=str.lower)


def build_roles(
    curation: dict[str, Any], onet: OnetData, esco: EscoData, core_ids: Iterable[str]
) -> dict[str, Any]:
    outlooks = curation.get("outlook", {})
    roles = []
    for rid, spec in curation["roles"].items():
        if not KEBAB.match(rid):
            raise BuildError(f"roles.toml: id '{rid}' is not kebab-case")
        occupations = []
        for code in spec.get("onet", ()):
            if code not in onet.titles:
                raise BuildError(f"roles.toml: {rid}: O*NET-SOC code {code} is not in Occupation Data.txt")
            occupations.append(
                {
                    "scheme": "onet",
                    "code": code,
                    "title": onet.titles[code],
                    "url": ONET_URL.format(code=code),
                }
            )
        for uri in spec.get("esco", ()):
            if uri not in esco.occupation_label:
                raise BuildError(f"roles.toml: {rid}: ESCO occupation {uri} is not in ict_occupations.json")
            occupations.append(
                {
                    "scheme": "esco",
                    "code": uri.rsplit("/", 1)[1],
                    "title": esco.occupation_label[uri],
                    "url": uri,
                }
            )
        titles: list[str] = []
        seen: set[str] = set()
        for t in [
            *spec.get("typical_titles", ()),
            *_onet_titles(onet, spec.get("onet", []), spec.get("onet_titles")),
        ]:
            if t.lower() not in seen:
                seen.add(t.lower())
                titles.append(t)
        outlook = None
        if spec.get("outlook"):
            if spec["outlook"] not in outlooks:
                raise BuildError(f"roles.toml: {rid}: unknown outlook '{spec['outlook']}'")
            fact = outlooks[spec["outlook"]]
            outlook = {
                "soc_code": fact["soc_code"],
                "occupation": fact["occupation"],
                "projection_period": "2023-2033",
                "employment_change_pct": fact["employment_change_pct"],
                "median_annual_wage_usd": fact["median_annual_wage_usd"],
                "wage_reference": "May 2023",
                "source": "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook, 2024-25 edition",
                "url": fact["url"],
                "year": 2024,
                "entered_by_hand": True,
            }
            if "note" in fact:
                outlook["note"] = fact["note"]
        definition = " ".join(spec["definition"].split())
        sentences = len(re.findall(r"[.!?](?:\s|$)", definition))
        if not 1 <= sentences <= 3:
            raise BuildError(f"roles.toml: {rid}: the definition should have 1-3 sentences, has {sentences}")
        roles.append(
            {
                "id": rid,
                "name": spec["name"],
                "definition": definition,
                "aliases": list(spec.get("aliases", ())),
                "typical_titles": titles,
                "occupations": occupations,
                "outlook": outlook,
            }
        )
    missing = sorted(set(core_ids) - {r["id"] for r in roles})
    if missing:
        raise BuildError(f"roles.toml lacks ids.md role ids: {', '.join(missing)}")
    owner: dict[str, str] = {}
    for r in roles:
        for title in (*r["aliases"], *r["typical_titles"]):
            if owner.setdefault(title.lower(), r["id"]) != r["id"]:
                raise BuildError(
                    f"roles.toml: the title '{title}' belongs to both {owner[title.lower()]} and {r['id']}; "
                    "narrow an onet_titles pattern or drop it from one role"
                )
    return {"roles": roles}


# --------------------------------------------------------------------------------------------------- main
def build(data: Path, spec: Path) -> dict[str, str]:
    """Return {file name: JSON text} for the two taxonomy files."""
    role_ids, skill_ids = _ids_md(spec)
    onet = OnetData(data / "onet-29.3")
    esco = EscoData(data / "esco")
    roles_cur = tomllib.loads((CURATION / "roles.toml").read_text(encoding="utf-8"))
    skills_cur = tomllib.loads((CURATION / "skills.toml").read_text(encoding="utf-8"))
    version = roles_cur["version"]
    roles_doc = {"version": version, "sources": SOURCES, **build_roles(roles_cur, onet, esco, role_ids)}
    skills_doc = {
        "version": version,
        "sources": SOURCES[:2],
        **build_skills(skills_cur, onet, esco, skill_ids),
    }
    return {
        "roles.json": json.dumps(roles_doc, indent=1, ensure_ascii=False) + "\n",
        "skills.json": json.dumps(skills_doc, indent=1, ensure_ascii=False) + "\n",
    }


def unmapped_hot_technologies(data: Path) -> list[tuple[str, int]]:
    """O*NET hot technologies of our roles' occupations that no curated skill links, most widespread first."""
    onet = OnetData(data / "onet-29.3")
    roles_cur = tomllib.loads((CURATION / "roles.toml").read_text(encoding="utf-8"))
    skills_cur = tomllib.loads((CURATION / "skills.toml").read_text(encoding="utf-8"))
    codes = {c for spec in roles_cur["roles"].values() for c in spec.get("onet", ())}
    linked = {ex for table in skills_cur.values() for spec in table.values() for ex in spec.get("onet", ())}
    found = [
        (name, len(e["codes"] & codes))
        for name, e in onet.examples.items()
        if e["hot_technology"] and e["codes"] & codes and name not in linked
    ]
    return sorted(found, key=lambda x: (-x[1], x[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default ../shared/data)"
    )
    ap.add_argument(
        "--spec", type=Path, default=DEFAULT_SPEC, help="the folder with ids.md (default ../shared/spec)"
    )
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed files are out of date")
    ap.add_argument("--unmapped", action="store_true", help="list O*NET hot technologies no skill links yet")
    args = ap.parse_args(argv)
    if args.unmapped:
        for name, n in unmapped_hot_technologies(args.data):
            print(f"{n:3d}  {name}")
        return 0
    try:
        files = build(args.data, args.spec)
    except (BuildError, FileNotFoundError, KeyError) as exc:
        print(f"build_taxonomy: {exc}", file=sys.stderr)
        return 2
    stale = [name for name, text in files.items() if (OUT / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(
                f"build_taxonomy: {name} is out of date; run python scripts/build_taxonomy.py",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    doc = json.loads(files["skills.json"])
    print(f"wrote roles.json and skills.json ({len(doc['skills'])} skills)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
