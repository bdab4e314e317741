"""Personal fit: which roles a resume fits, which skills are missing, and which open jobs match.

The resume goes through the same skill matcher as postings. A role's fit is the share-weighted coverage of its
skill profile (the skills its postings ask for, weighted by how often they ask):

    fit(role) = sum(share(s) for s in role skills the resume has) / sum(share(s) for s in role skills)

over the role's TOP_SKILLS most-asked skills. The gaps are the role's most-asked skills the resume lacks,
ranked by share. Matching jobs are the role's postings that ask for the most of the resume's skills, as a
fraction of what they ask for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from roledex.analytics.profiles import load_profile
from roledex.analytics.search import build_hits
from roledex.errors import QueryError
from roledex.extract.skills import skill_matcher
from roledex.taxonomy import Taxonomy

TOP_SKILLS = 25
MIN_POSTINGS = 10
MAX_RESUME_CHARS = 200_000


@dataclass(frozen=True)
class RoleFit:
    role: str
    name: str
    score: float
    n_postings: int
    have: tuple[dict[str, Any], ...]
    gaps: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "score": round(self.score, 4),
            "n_postings": self.n_postings,
            "have": list(self.have),
            "gaps": list(self.gaps),
        }


def resume_skills(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Skill ids named in a resume (every mention counts: a resume has no boilerplate sections)."""
    return tuple(m.id for m in skill_matcher(taxonomy).extract(text[:MAX_RESUME_CHARS]))


def role_fit(profile: dict[str, Any], have: set[str], taxonomy: Taxonomy) -> RoleFit | None:
    n = int(profile.get("n_with_text", 0))
    if n < MIN_POSTINGS:
        return None
    top = list(profile.get("skills", {}).items())[:TOP_SKILLS]
    total = sum(c["n"] for _, c in top)
    if not total:
        return None
    covered = sum(c["n"] for sid, c in top if sid in have)

    def item(sid: str, c: dict[str, Any]) -> dict[str, Any]:
        sk = taxonomy.skills.get(sid)
        return {"skill": sid, "name": sk.name if sk else sid, "share": round(c["n"] / n, 4), "n": c["n"]}

    return RoleFit(
        role=profile["role"],
        name=taxonomy.role(profile["role"]).name,
        score=covered / total,
        n_postings=n,
        have=tuple(item(s, c) for s, c in top if s in have),
        gaps=tuple(item(s, c) for s, c in top if s not in have)[:8],
    )


def matching_jobs(store: Any, role: str, have: Sequence[str], limit: int = 6) -> list[dict[str, Any]]:
    """The role's postings covering the largest share of what they ask for with the resume's skills."""
    if not have:
        return []
    marks = ",".join("?" * len(have))
    rows = store.conn.execute(
        f"""SELECT p.id, SUM(s.skill_id IN ({marks})) AS matched, COUNT(*) AS asked
            FROM postings p JOIN posting_skills s ON s.posting_id = p.id
            WHERE p.role = ? GROUP BY p.id HAVING matched > 0
            ORDER BY CAST(matched AS REAL) / asked DESC, matched DESC, p.posted_at DESC LIMIT ?""",
        [*have, role, limit],
    ).fetchall()
    coverage = {int(r[0]): (int(r[1]), int(r[2])) for r in rows}
    hits = build_hits(store, list(coverage))
    out = []
    for h in hits:
        matched, asked = coverage[h.id]
        out.append({**h.to_dict(), "matched_skills": matched, "asked_skills": asked})
    return out


def personal_fit(
    store: Any, resume_text: str, taxonomy: Taxonomy, *, roles: Sequence[str] = (), top: int = 5
) -> dict[str, Any]:
    """Rank roles by fit, list each one's skill gaps, and find matching jobs for the best roles."""
    text = (resume_text or "").strip()
    if not text:
        raise QueryError("the resume is empty", hint="paste the resume text or upload a PDF or text file")
    for r in roles:
        taxonomy.role(r)  # raises with the list of roles
    have = resume_skills(text, taxonomy)
    have_set = set(have)
    candidates = list(roles) or [r for r in taxonomy.roles if r != "other"]
    fits = [
        f for f in (role_fit(load_profile(store.conn, r, None), have_set, taxonomy) for r in candidates) if f
    ]
    fits.sort(key=lambda f: -f.score)
    best = fits[:top]
    return {
        "skills": [
            {"skill": s, "name": taxonomy.skills[s].name if s in taxonomy.skills else s} for s in have
        ],
        "roles": [
            {**f.to_dict(), "jobs": matching_jobs(store, f.role, have)} if i < 3 else f.to_dict()
            for i, f in enumerate(best)
        ],
        "method": "share-weighted coverage of each role's top skills; gaps ranked by how often postings ask",
    }
