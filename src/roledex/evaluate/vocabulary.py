"""Label vocabularies mapped to our ids: the ids.md skill list, and other sources' skill terms.

Other label sources name skills in their own words ("Large Language Models (LLMs)", "PostgreSQL",
"Python and PySpark"). `TermMapper` maps such a term to taxonomy skill ids by exact lookup in the
taxonomy's names and aliases, never by running the extractor under evaluation over the labels:
1. the whole term, else the term without a parenthesis; 2. the parenthesis and its parts ("BI Dashboards
(Looker, Tableau)"); 3. the parts of "X and Y", "X, Y", "X/Y" ("A/B" stays whole); 4. each of these with
a generic head or tail word dropped ("Programming in Python", "R language"). A mapped skill also counts for what it implies, as in the
extractor (PySpark -> spark, python; PostgreSQL -> sql). Terms that name no skill we have map to nothing.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from roledex.taxonomy import Taxonomy

# spec/ids.md "Skills (at least these ids)": the vocabulary of the headline figure and of the gold set
IDS_MD_SKILLS: frozenset[str] = frozenset(
    str.split(
        "python r sql scala java cpp go julia matlab sas spark hadoop kafka airflow dbt snowflake databricks bigquery "
        "redshift tableau power-bi excel pytorch tensorflow keras scikit-learn xgboost pandas numpy hugging-face "
        "langchain llm aws gcp azure docker kubernetes mlflow sagemaker git linux nlp computer-vision deep-learning "
        "statistics ab-testing"
    )
)

_PAREN = re.compile(r"\(([^)]*)\)")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bor\b|&|/)\s*", re.I)
_GENERIC_HEAD = re.compile(
    r"^(?:programming|coding|scripting|experience|proficiency|expertise) (?:in|with) ", re.I
)
_AB = re.compile(r"\ba/b\b", re.I)  # "A/B testing" is one name, not two parts
_GENERIC_TAIL = re.compile(
    r"\s+(?:programming(?: language)?|language|languages|scripting|framework|frameworks|library|libraries"
    r"|platform|platforms|tools?|skills?|databases?|ecosystem)$",
    re.I,
)


def _fold(term: str) -> str:
    return " ".join(term.lower().replace("_", " ").split())


def _implies_table(taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """What each skill implies: the Skill field when the loader carries it, else the packaged skills.json."""
    table: dict[str, tuple[str, ...]] = {}
    missing = False
    for sid, skill in taxonomy.skills.items():
        value = getattr(skill, "implies", None)
        if value is None:
            missing = True
            break
        table[sid] = tuple(value)
    if not missing:
        return table
    doc = json.loads(resources.files("roledex.taxonomy").joinpath("data", "skills.json").read_text("utf-8"))
    return {d["id"]: tuple(d.get("implies") or ()) for d in doc["skills"] if d["id"] in taxonomy.skills}


class TermMapper:
    """Maps another source's skill terms to taxonomy skill ids (see the module docstring)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._index: dict[str, set[str]] = {}
        for sid, skill in taxonomy.skills.items():
            for name in (sid, skill.name, *skill.aliases, *skill.case_sensitive_aliases):
                self._index.setdefault(_fold(name), set()).add(sid)
        implies = _implies_table(taxonomy)
        self._closure: dict[str, frozenset[str]] = {}
        for sid in taxonomy.skills:
            seen: set[str] = {sid}
            todo = list(implies.get(sid, ()))
            while todo:
                x = todo.pop()
                if x in taxonomy.skills and x not in seen:
                    seen.add(x)
                    todo.extend(implies.get(x, ()))
            self._closure[sid] = frozenset(seen)
        self._memo: dict[str, frozenset[str]] = {}

    def _lookup(self, term: str) -> set[str]:
        folded = _fold(term)
        if not folded:
            return set()
        hit = self._index.get(folded)
        if hit:
            return set(hit)
        shorter = _GENERIC_TAIL.sub("", _GENERIC_HEAD.sub("", folded))
        if shorter != folded:
            return set(self._index.get(shorter, ()))
        return set()

    def direct_ids(self, term: str) -> frozenset[str]:
        """The skill ids a term names itself (without what they imply); empty when it names none."""
        memo = self._memo.get(term)
        if memo is not None:
            return memo
        found = self._lookup(term)
        inner = " ".join(_PAREN.findall(term))
        outer = _PAREN.sub(" ", term)
        if not found:
            found = self._lookup(outer)
        for part in [inner, *_SPLIT.split(_AB.sub("ab", inner))] if inner.strip() else []:
            found |= self._lookup(part)
        parts = _SPLIT.split(_AB.sub("ab", outer))
        if len(parts) > 1:  # "Python and R", "SQL/PostgreSQL": each part on its own too
            for part in parts:
                found |= self._lookup(part)
        out = frozenset(found)
        self._memo[term] = out
        return out

    def ids(self, term: str) -> frozenset[str]:
        """The skill ids a term names, with what they imply (PySpark -> pyspark, spark, python)."""
        return frozenset(x for sid in self.direct_ids(term) for x in self._closure.get(sid, {sid}))

    def map_terms(self, terms: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for term in terms:
            out |= self.ids(term)
        return frozenset(out)
