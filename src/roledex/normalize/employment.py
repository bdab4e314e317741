"""Employment type (FT/PT/CT/FL), internship flag and work arrangement (remote/hybrid/onsite).

Employment type
---------------
Read from the source's employment field first ("Full-time", "FULL_TIME", "FullTime", "Permanent",
"Contract", "C2C", "Freelance", "Part Time", LinkedIn's "Other" -> None), then from the title ("(Contract)",
"Freelance", "Part-time", "Intern"), then from the description, but only where it says so explicitly ("this
is a contract position", "6-month contract", "contract-to-hire", "Job Type: Full-time").
Several types in one field ("Full-time or Contract") -> the first one named.

Internships are flagged separately (`internship=True`) and keep the type they state ("Part-time
internship" -> PT); an internship that states no type is FT (most are full-time placements, and the
salary survey codes interns FT).

Work arrangement
----------------
`parse_remote(*texts)` reads the texts in the order given (remote field, location, description) and the
first that says anything decides. Location-like short texts: any "remote" -> remote, "hybrid" -> hybrid,
"on-site"/"in office"/"in-person" -> onsite. Descriptions need a clear phrase ("fully remote", "100% remote",
"remote-first", "work from home", "this is a remote position", "3 days in office", "hybrid"); "remote
sensing" and "remote teams" are not about the job, and "not remote"/"no remote" mean onsite.
"""

from __future__ import annotations

import re
from functools import lru_cache

from roledex.models import EmploymentType, Remote

__all__ = ["parse_employment", "parse_remote"]

# one pattern per type; the earliest match in a field wins
_TYPE_PATTERNS: list[tuple[str, EmploymentType]] = [
    (
        r"full[\s_-]?time|\bft\b|\bpermanent\b|\bregular\b|\bcdi\b|\bvollzeit\b|\btiempo completo\b|\bfte\b",
        "FT",
    ),
    (r"part[\s_-]?time|\bpt\b|\bteilzeit\b|\bmedio tiempo\b", "PT"),
    (
        r"\bcontract(?:or|ors|ual)?\b|\btemporary\b|\btemp\b|\bc2c\b|\bcorp[- ]to[- ]corp\b|\bw-?2\b|\b1099\b"
        r"|\bfixed[- ]term\b|\bcdd\b|\bbefristet\b|\bcontract[- ]to[- ]hire\b|\bconsultancy\b|\bseasonal\b",
        "CT",
    ),
    (r"\bfreelanc\w*\b|\bself[- ]employed\b|\bgig\b", "FL"),
]
_TYPE_RE = re.compile("|".join(f"(?P<t{i}>{p})" for i, (p, _) in enumerate(_TYPE_PATTERNS)))
_TYPE_CODES = [code for _, code in _TYPE_PATTERNS]
_INTERN_RE = re.compile(
    r"\bintern(?:ship)?s?\b|\bco-?op\b|\bstagiaire\b|\bstage\b|\bpraktik\w*\b|\bwerkstudent\w*\b"
    r"|\bworking student\b|\bsummer (?:analyst|associate)\b"
)
_NONE_RE = re.compile(r"^\s*(?:other|others|n/?a|none|unknown|-1|volunteer|not applicable)\s*$")

# title cues: only explicit ones ("Data Engineer (Contract)", "Freelance AI Trainer", "Part-Time Tutor")
_TITLE_TYPE_RE = re.compile(
    r"(?P<CT>\bcontract(?:or)?\b|\bc2c\b|\bw-?2\b|\btemporary\b|\bcontract[- ]to[- ]hire\b|\b\d+\+? ?months?\b)"
    r"|(?P<FL>\bfreelanc\w*\b)|(?P<PT>\bpart[\s_-]?time\b)|(?P<FT>\bfull[\s_-]?time\b|\bpermanent\b)"
)
# description cues: explicit statements only
_DESC_TYPE_RE = re.compile(
    r"(?:this is an?|this|the|is an?)\s+(?:\w+\s+){0,2}?(?P<a>full[- ]time|part[- ]time|contract|temporary"
    r"|freelance|contract[- ]to[- ]hire)\s+(?:position|role|job|opportunity|assignment|engagement|employment)"
    r"|(?P<b>\d+|six|three|twelve|nine)[- ](?:month|week)s?\s+(?:\w+\s+)?(?:contract|assignment|engagement)"
    r"|\b(?P<c>contract[- ]to[- ]hire)\b"
    r"|(?:job|employment|position|contract)\s+type\s*:?\s*(?P<d>full[- ]time|part[- ]time|contract|temporary"
    r"|freelance|permanent|internship)"
)
_DESC_INTERN_RE = re.compile(r"\bthis (?:paid |summer |\d+[- ]week )?internship\b|\binternship program\b")


def _first_type(text: str) -> EmploymentType | None:
    m = _TYPE_RE.search(text)
    if m is None or m.lastgroup is None:
        return None
    return _TYPE_CODES[int(m.lastgroup[1:])]


@lru_cache(maxsize=4096)
def _field(text: str) -> tuple[EmploymentType | None, bool, bool]:
    """(type, internship, said_nothing) of a structured employment field."""
    low = text.lower().replace("_", " ")
    if _NONE_RE.match(low):
        return None, False, True
    low = re.sub(r"fulltime", "full time", low)
    low = re.sub(r"parttime", "part time", low)
    internship = _INTERN_RE.search(low) is not None
    kind = _first_type(low)
    return kind, internship, kind is None and not internship


@lru_cache(maxsize=65536)
def _title_cues(title: str) -> tuple[EmploymentType | None, bool]:
    low = title.lower()
    internship = _INTERN_RE.search(low) is not None
    m = _TITLE_TYPE_RE.search(low)
    kind: EmploymentType | None = None
    if m is not None and m.lastgroup is not None:
        kind = m.lastgroup  # type: ignore[assignment]
    return kind, internship


def parse_employment(
    text: str | None, *, title: str = "", description: str = ""
) -> tuple[EmploymentType | None, bool]:
    """(employment type, internship) of a posting; type None when nothing says it."""
    kind: EmploymentType | None = None
    internship = False
    if text and text.strip():
        kind, internship, _ = _field(text.strip())
    if title:
        t_kind, t_intern = _title_cues(title)
        internship = internship or t_intern
        kind = kind or t_kind
    if kind is None and description:
        low = description.lower()
        m = _DESC_TYPE_RE.search(low)
        if m is not None:
            word = next(g for g in m.groups() if g is not None)
            if word[0].isdigit() or word in ("six", "three", "twelve", "nine"):
                kind = "CT"
            elif word == "internship":
                internship = True
            else:
                kind = _first_type(word) or ("CT" if "contract" in word else None)
        if not internship and "internship" in low and _DESC_INTERN_RE.search(low):
            internship = True
    if internship and kind is None:
        kind = "FT"
    return kind, internship


# --------------------------------------------------------------------------------------------------------
# work arrangement
# --------------------------------------------------------------------------------------------------------

_SHORT_TEXT = 200  # longer texts are read as descriptions

_NOT_REMOTE_RE = re.compile(
    r"\b(?:not (?:a )?remote|no remote|non-remote|not eligible for remote|remote work is not"
    r"|this is not a remote|(?:is|are) not (?:open to|available for) remote|cannot be (?:performed )?remote)"
)
_FALSE_REMOTE_RE = re.compile(
    r"\bremote (?:sensing|control|monitoring|patient|access|server|devices?|procedures?)\b"
)
_SHORT_REMOTE_RE = re.compile(
    r"\bremote\b|\btelecommute\b|\bwork from home\b|\bwfh\b|\bhome[- ]based\b|\banywhere\b"
)
_SHORT_HYBRID_RE = re.compile(r"\bhybrid\b|\bpart(?:ially)? remote\b")
_SHORT_ONSITE_RE = re.compile(r"\bon-?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice[- ]based\b")

_DESC_HYBRID_RE = re.compile(
    r"\bhybrid\b(?! cloud| (?:model|approach|architecture|search|retrieval|environment|infrastructure)s?)"
    r"|\b(?:\d|one|two|three|four)\s*(?:days?|x)\s*(?:a|per|each)?\s*week\s+(?:in|at)\s+(?:the|our)\s+office"
    r"|\b(?:\d|one|two|three|four)\s+days?\s+(?:in|at)\s+(?:the|our)?\s*office"
)
_DESC_REMOTE_RE = re.compile(
    r"\bfully[- ]remote\b|\b100% remote\b|\bremote[- ]first\b|\bwork from home\b|\bwork(?:ing)? remotely\b"
    r"|\bremote (?:position|role|job|opportunity|work(?:er)?|employee|team member|friendly)\b"
    r"|\b(?:is|are|be) remote\b|\blocation\s*:\s*remote\b|\bremote\s*\(|\bremote[,/ ]+(?:us|usa|uk|eu|canada|united)\b"
    r"|\b(?:can|may) be (?:done|performed|based) remotely\b|\bwork from anywhere\b|\bdistributed team\b"
)
_DESC_ONSITE_RE = re.compile(
    r"\bon-?site\b(?! (?:interview|visit|training|support|client)s?)|\bin[- ]person\b(?! interview)"
    r"|\bin[- ]office\b|\b(?:five|5) days (?:a|per) week in (?:the )?office\b|\boffice[- ]based\b"
)


def _short_arrangement(low: str) -> Remote | None:
    if _NOT_REMOTE_RE.search(low):
        return "onsite"
    if _SHORT_HYBRID_RE.search(low):
        return "hybrid"
    if _SHORT_REMOTE_RE.search(low) and not _FALSE_REMOTE_RE.search(low):
        return "remote"
    if _SHORT_ONSITE_RE.search(low):
        return "onsite"
    return None


def _description_arrangement(low: str) -> Remote | None:
    """Arrangement from a long text; each cue is looked for only when its anchor word occurs (cheap)."""
    has_remote = "remote" in low
    if has_remote and _NOT_REMOTE_RE.search(low):
        return "onsite"
    if ("hybrid" in low or "office" in low) and _DESC_HYBRID_RE.search(low):
        return "hybrid"
    if (has_remote or "home" in low or "anywhere" in low or "distributed" in low) and _DESC_REMOTE_RE.search(
        low
    ):
        return "remote"
    if ("site" in low or "person" in low or "office" in low) and _DESC_ONSITE_RE.search(low):
        return "onsite"
    return None


@lru_cache(maxsize=8192)
def _short_cached(text: str) -> Remote | None:
    return _short_arrangement(text.lower())


def parse_remote(*texts: str | None) -> Remote | None:
    """Work arrangement from the remote/location fields and the description, in the order given."""
    for text in texts:
        if not text:
            continue
        found = _short_cached(text) if len(text) <= _SHORT_TEXT else _description_arrangement(text.lower())
        if found is not None:
            return found
    return None
