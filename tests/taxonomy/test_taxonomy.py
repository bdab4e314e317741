"""The packaged taxonomy: ids.md coverage, role facts, skill vocabulary hygiene, the build, the show renderers."""

from __future__ import annotations

import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from rich.console import Console

from roledex.errors import TaxonomyError
from roledex.taxonomy import Taxonomy
from roledex.taxonomy import show as tshow

REPO = Path(__file__).resolve().parents[2]


def _words(text: str) -> list[str]:
    return text.split()


# spec/ids.md
ROLE_IDS = _words(
    "data-analyst bi-developer business-analyst analytics-engineer data-engineer data-architect data-scientist "
    "applied-scientist research-scientist ml-engineer ml-research-engineer mlops-engineer ai-engineer "
    "computer-vision-engineer nlp-engineer data-leader ai-product-manager quantitative-analyst statistician "
    "software-engineer other"
)
SKILL_IDS = _words(
    "python r sql scala java cpp go julia matlab sas spark hadoop kafka airflow dbt snowflake databricks bigquery "
    "redshift tableau power-bi excel pytorch tensorflow keras scikit-learn xgboost pandas numpy hugging-face "
    "langchain llm aws gcp azure docker kubernetes mlflow sagemaker git linux nlp computer-vision deep-learning "
    "statistics ab-testing"
)
SOFT_IDS = _words(
    "leadership mentoring project-management stakeholder-communication research-publication communication "
    "teamwork problem-solving"
)
CATEGORIES = {
    "language", "ml-framework", "library", "data-platform", "database", "cloud", "mlops", "devops", "bi",
    "genai", "method", "soft", "other",
}  # fmt: skip
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _doc(name: str) -> dict:
    return json.loads(resources.files("roledex.taxonomy").joinpath("data", name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------ roles
def test_every_ids_md_role_is_present_in_order(taxonomy: Taxonomy) -> None:
    assert list(taxonomy.roles) == ROLE_IDS


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_role_has_definition_titles_and_links(taxonomy: Taxonomy, role_id: str) -> None:
    role = taxonomy.role(role_id)
    assert role.name
    sentences = re.findall(r"[.!?](?:\s|$)", role.definition)
    assert 1 <= len(sentences) <= 3, role.definition
    assert role.typical_titles
    if role_id == "other":
        assert role.outlook is None
        return
    assert role.aliases
    onet = [o for o in role.occupations if o.scheme == "onet"]
    assert onet, "every function role links an O*NET-SOC occupation"
    for o in onet:
        assert re.fullmatch(r"\d\d-\d{4}\.\d\d", o.code) and o.title and o.url and o.code in o.url
    for o in role.occupations:
        if o.scheme == "esco":
            assert (
                o.url
                and o.url.startswith("http://data.europa.eu/esco/occupation/")
                and o.url.endswith(o.code)
            )
    assert role.outlook is not None


@pytest.mark.parametrize(
    ("role_id", "soc", "pct", "wage"),
    [
        ("data-scientist", "15-2051", 36, 108020),
        ("software-engineer", "15-1252", 17, 132270),
        ("research-scientist", "15-1221", 26, 145080),
        ("statistician", "15-2041", 11, 104110),
        ("data-engineer", "15-1243", 9, 117450),
        ("data-leader", "11-3021", 17, 169510),
        ("business-analyst", "13-1111", 11, 99410),
        ("quantitative-analyst", "13-2051", 9, 99890),
    ],
)
def test_outlook_facts_from_the_bls_handbook(
    taxonomy: Taxonomy, role_id: str, soc: str, pct: int, wage: int
) -> None:
    o = taxonomy.role(role_id).outlook
    assert o is not None
    assert (o["soc_code"], o["employment_change_pct"], o["median_annual_wage_usd"]) == (soc, pct, wage)
    assert o["projection_period"] == "2023-2033" and o["wage_reference"] == "May 2023"
    assert o["url"].startswith("https://www.bls.gov/ooh/") and "2024-25" in o["source"] and o["year"] == 2024


@pytest.mark.parametrize(
    ("role_id", "onet_code", "title"),
    [
        ("data-scientist", "15-2051.00", "Decision Scientist"),
        ("ml-engineer", "15-1221.00", "Machine Learning Engineer"),
        ("statistician", "15-2041.01", "Biostatistician"),
        ("quantitative-analyst", "13-2099.01", "Quantitative Researcher"),
        ("bi-developer", "15-2051.01", "Power BI Developer"),
        ("data-engineer", "15-1243.00", "ETL Developer"),
    ],
)
def test_role_links_and_titles(taxonomy: Taxonomy, role_id: str, onet_code: str, title: str) -> None:
    role = taxonomy.role(role_id)
    assert onet_code in [o.code for o in role.occupations]
    assert title in role.typical_titles


def test_a_title_belongs_to_one_role(taxonomy: Taxonomy) -> None:
    owner: dict[str, str] = {}
    for role in taxonomy.roles.values():
        for title in (*role.aliases, *role.typical_titles):
            assert owner.setdefault(title.lower(), role.id) == role.id, title


def test_unknown_role_names_the_known_ids(taxonomy: Taxonomy) -> None:
    with pytest.raises(TaxonomyError, match="unknown role id 'data-wizard'") as err:
        taxonomy.role("data-wizard")
    assert err.value.hint and "data-scientist" in err.value.hint


# ----------------------------------------------------------------------------------------------- skills
def test_every_ids_md_skill_and_the_soft_skills_are_present(taxonomy: Taxonomy) -> None:
    missing = [s for s in (*SKILL_IDS, *SOFT_IDS) if s not in taxonomy.skills]
    assert not missing
    assert all(taxonomy.skills[s].kind == "soft" for s in SOFT_IDS)
    assert all("ids" in taxonomy.skills[s].sources for s in SKILL_IDS)


def test_vocabulary_is_broad_but_curated(taxonomy: Taxonomy) -> None:
    assert 300 <= len(taxonomy.skills) <= 800
    by_category = {c: sum(s.category == c for s in taxonomy.skills.values()) for c in CATEGORIES}
    assert all(by_category[c] >= 5 for c in CATEGORIES if c != "other"), by_category
    onet_linked = sum("onet" in s.sources for s in taxonomy.skills.values())
    assert onet_linked >= 100


def test_skill_ids_categories_and_aliases_are_well_formed(taxonomy: Taxonomy) -> None:
    owner: dict[str, str] = {}
    for sid, skill in taxonomy.skills.items():
        assert KEBAB.match(sid) and skill.id == sid and skill.name
        assert skill.category in CATEGORIES and skill.kind in ("technical", "soft")
        assert skill.aliases or skill.case_sensitive_aliases, sid
        for alias in skill.aliases:
            assert alias == alias.lower().strip() and "  " not in alias, (sid, alias)
            assert owner.setdefault(alias, sid) == sid, f"alias {alias!r} in {owner[alias]} and {sid}"


@pytest.mark.parametrize(
    "noisy",
    [
        "r",
        "go",
        "c",
        "spark joy",
        "excellent",
        "rust",
        "swift",
        "amazon",
        "julia",
        "ai",
        "ml",
        "cv",
        "bi",
        "oracle",
    ],
)
def test_no_noisy_case_insensitive_alias(taxonomy: Taxonomy, noisy: str) -> None:
    """Words that are also ordinary English (or too short) are only case-sensitive, guarded aliases."""
    assert not any(noisy in s.aliases for s in taxonomy.skills.values())


@pytest.mark.parametrize(
    ("skill_id", "onet_example"),
    [
        ("python", "Python"),
        ("power-bi", "Microsoft Power BI"),
        ("sagemaker", "Amazon Web Services AWS SageMaker"),
        ("spark", "Apache Spark"),
        ("excel", "Microsoft Excel"),
    ],
)
def test_onet_technology_examples_are_linked(skill_id: str, onet_example: str) -> None:
    skill = next(s for s in _doc("skills.json")["skills"] if s["id"] == skill_id)
    assert onet_example in [o["example"] for o in skill["onet"]]


def test_skills_json_links_esco_uris() -> None:
    python = next(s for s in _doc("skills.json")["skills"] if s["id"] == "python")
    assert python["esco"][0]["uri"].startswith("http://data.europa.eu/esco/skill/")


def test_json_files_are_sorted_and_attributed() -> None:
    skills = _doc("skills.json")
    assert [s["id"] for s in skills["skills"]] == sorted(s["id"] for s in skills["skills"])
    roles = _doc("roles.json")
    assert roles["version"] == skills["version"]
    assert {s["name"].split(" ")[0] for s in roles["sources"]} >= {"O*NET", "ESCO", "Occupational"}
    attribution = (
        resources.files("roledex.taxonomy").joinpath("data", "ATTRIBUTION.md").read_text(encoding="utf-8")
    )
    for phrase in ("O*NET 29.3", "CC BY 4.0", "ESCO classification of the European Commission", "entered by hand",
                   "2024-25 edition", "ECB"):  # fmt: skip
        assert phrase in attribution


# ------------------------------------------------------------------------------------------------ build
def _build_module():
    spec = importlib.util.spec_from_file_location("build_taxonomy", REPO / "scripts" / "build_taxonomy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.realdata
def test_build_is_deterministic_and_the_committed_files_are_current(shared_data: Path) -> None:
    build = _build_module()
    spec = shared_data.parent / "spec"
    if not (spec / "ids.md").is_file():
        pytest.skip(f"ids.md not found in {spec}")
    first = build.build(shared_data, spec)
    assert build.build(shared_data, spec) == first
    for name, text in first.items():
        committed = resources.files("roledex.taxonomy").joinpath("data", name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python scripts/build_taxonomy.py"


@pytest.mark.realdata
def test_build_rejects_a_typo_in_an_onet_link(shared_data: Path) -> None:
    build = _build_module()
    onet = build.OnetData(shared_data / "onet-29.3")
    esco = build.EscoData(shared_data / "esco")
    curation = {"language": {"python": {"name": "Python", "onet": ["Pythn"]}}}
    with pytest.raises(build.BuildError, match="O\\*NET example 'Pythn'"):
        build.build_skills(curation, onet, esco, ["python"])
    with pytest.raises(build.BuildError, match=r"lacks ids\.md skill ids: sql"):
        build.build_skills({"language": {"python": {"name": "Python"}}}, onet, esco, ["python", "sql"])


# ------------------------------------------------------------------------------------------------- show
def _render(renderable) -> str:
    console = Console(width=140, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_show_records_are_plain_json(taxonomy: Taxonomy) -> None:
    roles = tshow.role_records(taxonomy)
    assert [r["id"] for r in roles] == ROLE_IDS
    json.dumps(roles)
    skills = tshow.skill_records(taxonomy, "language")
    assert {"python", "r", "sql"} <= {s["id"] for s in skills}
    assert all(s["category"] == "language" for s in skills)
    json.dumps(tshow.skill_records(taxonomy))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda t: tshow.roles_table(t), ["data-scientist", "15-2051.00", "+36%", "$108,020"]),
        (
            lambda t: tshow.role_detail(t, "statistician"),
            ["Biostatistician", "15-2041.00", "+11%", "bls.gov"],
        ),
        (lambda t: tshow.skills_table(t, "cloud"), ["aws", "gcp", "azure"]),
        (lambda t: tshow.skill_detail(t, "r"), ["language", "rstudio", "Case-sensitive"]),
    ],
)
def test_show_renderables(taxonomy: Taxonomy, make, expected: list[str]) -> None:
    out = _render(make(taxonomy))
    for piece in expected:
        assert piece in out


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: tshow.skill_detail(t, "cobol-9000"), "unknown skill id 'cobol-9000'"),
        (lambda t: tshow.skills_table(t, "vibes"), "unknown skill category 'vibes'"),
        (lambda t: tshow.role_detail(t, "wizard"), "unknown role id 'wizard'"),
    ],
)
def test_show_unknown_ids_raise_taxonomy_errors(taxonomy: Taxonomy, call, message: str) -> None:
    with pytest.raises(TaxonomyError, match=message):
        call(taxonomy)
