"""The lowest degree a posting accepts, and the fields of study it names.

`min_degree` follows spec/ids.md: the lowest degree the posting *accepts*, from what it *requires*:

- "BS/MS in CS", "Master's or PhD" -> the lowest listed (bachelor, master): listing several degrees means
  any of them is accepted.
- "MS required, PhD preferred" -> master: preferred degrees never raise or lower the floor when a required
  one is stated.
- Preferred-only ("PhD preferred", a degree listed only under "Nice to have") -> None. A preference says
  what the employer would like, not what it accepts; the floor is unstated, so we do not invent one.
  (Labelling convention of tests/extract/education_experience_gold.json.)
- "Bachelor's or equivalent experience" -> bachelor: the degree is still the stated floor.
- "degree in Computer Science" / "a quantitative degree" with no level -> bachelor.
- Explicitly no degree ("no degree required", "degree not required", "don't need a degree") -> "none".
- Associate's degree, high-school diploma or GED as the floor -> "none". ids.md has no level between
  none and bachelor; rounding the floor *down* keeps the statement "a bachelor's is not required" true,
  whereas rounding up would claim a requirement the posting does not make.
- Degrees in benefits, company and equal-opportunity sections ("tuition reimbursement for your Master's")
  are ignored.

Whether a mention is required or preferred is decided per statement (bullet or sentence): the section's
kind sets the default (a "Preferred qualifications" section makes everything in it preferred), then cues
in the statement override it: "preferred", "a plus", "is desired" close the pending group of mentions
before them; "preferably", "ideally", "Preferred:" apply to the mentions after them; "required" closes a
group as required. A parenthesis holding a degree and a cue ("(MS preferred)") is its own clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from roledex.extract.sections import Section, split_sections
from roledex.extract.text import PREFERENCE_CUES as _CUE_RE
from roledex.extract.text import aside_spans, statement_bounds
from roledex.models import Degree

# ------------------------------------------------------------------------------------------ vocabulary
# ranks: 0 none (incl. associate / high school), 1 bachelor, 2 master, 3 phd
_RANK_DEGREE: tuple[Degree, ...] = ("none", "bachelor", "master", "phd")

_APOS = r"(?:'|’|`)?"
# abbreviations that also mean other things ("MS Office", "Boston, MA", "BA team") count only next to
# degree context: "BS in", "BS degree", "BS/MS", "BS or MS", "MS, PhD", "MS (...)", "MS with", "MS required"
_ABBR_CONTEXT = (
    r"(?<!GC/)(?<!LC/)(?<!GC-)(?<!LC-)(?<!MS/)"
    r"(?=\s*(?:/|,|\(|\)|;|\.(?:\s|$)|$|\s(?:or|in|degree|with|plus|from|required|preferred|"
    r"/|\+|&|\d)\b|\s(?:and|&)\s+(?:\d|Ph\.?D|M\.?S|B\.?S|at least|a minimum|minimum|"
    r"[a-z]+\s+(?:\(\d+\)\s+)?(?:years?|yrs))|\s*\n))"
)
_DEGREE_RE = re.compile(
    r"(?P<phd>\bPh\.?\s?D\b\.?(?!-?s\b)|\bD\.?Phil\b|\bdoctorate\b|(?<!post-)(?<!post )\bdoctoral\b"
    r"|\bdoctor of (?:philosophy|science)\b)"
    r"|(?P<master>\bmaster" + _APOS + r"s\b(?!\s+of\s+(?:their|the|your|our)\b)"
    r"|\bmaster (?:of|in) (?:science|arts|engineering|business|computer|applied|data|statistics|"
    r"mathematics|public|information|finance|economics|technology)\b|\bmaster degree\b"
    r"|(?-i:\bM\.S\.|\bM\.Sc\b\.?|\bMSc\b|\bM\.A\.|\bM\.Eng\b|\bMEng\b|\bM\.?Tech\b|\bMBA\b|\bM\.B\.A\."
    r"|\bM\.S\b|\bMS(?:CS|EE)\b|\b(?:MS|MA)\b" + _ABBR_CONTEXT + r")|\bgraduate degree|\badvanced degree"
    r"|(?<!scrum )\bmasters?\b(?=\s+(?:with|or|and|/)\s)"
    r"|\bpost-?graduate degree|\bpost graduate degree|\bgraduate-level degree)"
    r"|(?P<bachelor>\bbachelor(?:" + _APOS + r"s|s)?\b|\bbaccalaureate\b|\bundergraduate degree"
    r"|\bunder ?grad(?:uate)?\b(?=[^.\n]{0,30}\bdegree)"
    r"|(?-i:\bB\.S\.?(?:c\.?)?|\bB\.Sc\b\.?|\bBSc\b|\bB\.A\.|\bB\.E\.|\bB\.?Tech\b|\bBEng\b|\bB\.Eng\b"
    r"|\bBS(?:CS|EE|E)\b|\b(?:BS|BA|BE)\b" + _ABBR_CONTEXT + r")|\b(?:4|four)[- ]year (?:college |university "
    r"|bachelor" + _APOS + r"s )?degree|\bcollege degree|\buniversity degree)"
    r"|(?P<none>\bassociate" + _APOS + r"s?\s+degree|\bassociate" + _APOS + r"s\b(?=[^.\n]{0,40}\bdegree)"
    r"|\bassociate\b(?=\s+(?:or|and|/)\s[^.\n]{0,40}\bdegree)"
    r"|\bhigh[- ]school (?:diploma|degree|education|graduate)|\bhigh school or (?:GED|equivalent)"
    r"|(?-i:\bGED\b))",
    re.I,
)
_RANK = {"none": 0, "bachelor": 1, "master": 2, "phd": 3}

# a degree named without its level: "degree in Statistics", "a STEM degree", "relevant degree"
_GENERIC_DEGREE = re.compile(
    r"\b(?:(?:a|an|relevant|related|technical|quantitative|STEM|university|college|academic|formal|science|"
    r"scientific|engineering|analytical|computer science|CS|IT|business)\s+)degree\b"
    r"|\bdegree\s+(?:in|from)\b(?!\s+(?:which|that|of))|\bdegree\s*\(?or (?:equivalent|higher)",
    re.I,
)
_NOT_GENERIC = re.compile(r"(?:high|360|some|varying|certain|great|large|significant|to a|what)[- ]?$", re.I)

_EXPLICIT_NONE = re.compile(
    r"\bno (?:college |university |formal |4-year |four-year )?degree(?:s)?\b(?! in)"
    r"|\bdegree (?:is |are )?not (?:required|necessary|needed|a requirement|mandatory)"
    r"|\b(?:don't|do not|doesn't|does not) (?:need|require|have to have) (?:a |any )?(?:college |formal |university )?degree"
    r"|\bwithout (?:a |any )?(?:college |formal |university |4-year )?degree\b"
    r"|\bregardless of (?:your )?(?:formal )?(?:degree|education)"
    r"|\bdegree (?:is )?(?:optional|not essential)",
    re.I,
)

_CONNECTOR_WORDS = frozenset(
    {"or", "and", "a", "an", "the", "in", "degree", "degrees", "s", "'s", "’s", "equivalent", "level"}
    | {"or/and", "and/or", "of", "higher", "above"}
)
_WORD = re.compile(r"[A-Za-z']+")
_PAREN = re.compile(r"\(([^()\n]*)\)")
# "You may not have a PhD", "no PhD required", "without a degree": the mention is negated
_NEGATED = re.compile(r"\b(?:no|not|n't|without|never|nor)\b[^.;:\n]{0,22}$", re.I)
_IGNORED_KINDS = frozenset({"benefits", "company", "equal_opportunity"})

# ------------------------------------------------------------------------------------------ fields
_FIELDS: tuple[tuple[str, str], ...] = (
    ("computer science", r"computer science|comp\.? ?sci\b|(?-i:\bCS\b|\bCSE\b)|computing science"),
    ("computer engineering", r"computer engineering"),
    ("electrical engineering", r"electrical (?:and computer )?engineering|(?-i:\bEE\b|\bECE\b)"),
    ("software engineering", r"software engineering"),
    ("mechanical engineering", r"mechanical engineering"),
    ("chemical engineering", r"chemical engineering"),
    ("industrial engineering", r"industrial engineering"),
    ("biomedical engineering", r"biomedical engineering"),
    ("engineering", r"engineering"),
    ("data science", r"data science"),
    ("statistics", r"statistic(?:s|al science)|\bstats\b"),
    ("biostatistics", r"biostatistics"),
    ("mathematics", r"mathematic(?:s|al)|applied math|\bmaths?\b"),
    ("physics", r"physics"),
    ("economics", r"economics|econometrics"),
    ("operations research", r"operations research"),
    ("machine learning", r"machine learning"),
    ("artificial intelligence", r"artificial intelligence"),
    ("information systems", r"information systems|(?-i:\bMIS\b)"),
    ("information technology", r"information technology"),
    ("finance", r"finance|financial engineering"),
    ("business", r"business(?: administration| analytics)?"),
    ("accounting", r"accounting"),
    ("actuarial science", r"actuarial"),
    ("analytics", r"\banalytics\b"),
    ("bioinformatics", r"bioinformatics|computational biology"),
    ("biology", r"\bbiology\b|life sciences?"),
    ("chemistry", r"chemistry"),
    ("linguistics", r"linguistics"),
    ("cognitive science", r"cognitive science"),
    ("neuroscience", r"neuroscience"),
    ("psychology", r"psychology"),
    ("epidemiology", r"epidemiology|public health"),
    ("geography", r"geography|(?-i:\bGIS\b)"),
    ("social science", r"social sciences?"),
    ("quantitative field", r"quantitative (?:field|discipline|subject|area|degree|major)|quantitative"),
    ("stem", r"(?-i:\bSTEM\b)"),
    ("related field", r"related (?:field|discipline|area|major|subject|technical field|quantitative field)"),
)
_FIELD_RE = re.compile("|".join(f"(?P<f{i}>{pat})" for i, (_, pat) in enumerate(_FIELDS)), re.I)
_FIELD_NAMES = {f"f{i}": name for i, (name, _) in enumerate(_FIELDS)}


@dataclass(frozen=True, slots=True)
class Education:
    """The lowest degree a posting accepts (ids.md `min_degree`) and the fields of study it names."""

    min_degree: Degree | None
    fields: tuple[str, ...]


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    rank: int
    preferred: bool | None = None  # None until decided


def _is_abbreviation_noise(text: str, m: re.Match[str]) -> bool:
    """'MA'/'BA'/'BE' need a degree word nearby: 'Boston, MA or remote', 'BA team', 'BE able to'."""
    word = m.group(0)
    if word not in ("MA", "BA", "BE"):
        return False
    window = text[max(0, m.start() - 12) : m.end() + 40]
    return not re.search(r"\b(?:BS|MS|BA|MA|PhD|degree|in [A-Z])\b|/", window.replace(word, "", 1))


def _find_mentions(text: str, lo: int, hi: int) -> list[_Mention]:
    out: list[_Mention] = []
    for m in _DEGREE_RE.finditer(text, lo, hi):
        if _is_abbreviation_noise(text, m) or _NEGATED.search(text, max(lo, m.start() - 30), m.start()):
            continue
        out.append(_Mention(m.start(), m.end(), _RANK[m.lastgroup or "bachelor"]))
    return out


def degree_spans(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, rank) of the degrees named in text[lo:hi]; rank 0 none/associate, 1 bachelor, 2 master, 3 phd.

    Used by the experience extractor to pair years with degrees ("BS with 5 years or MS with 3").
    """
    return [(m.start, m.end, m.rank) for m in _find_mentions(text, lo, len(text) if hi is None else hi)]


def _only_connectors(gap: str) -> bool:
    return all(w.lower() in _CONNECTOR_WORDS for w in _WORD.findall(gap))


def _decide(text: str, s: int, e: int, mentions: list[_Mention], default_preferred: bool) -> bool:
    """Set `preferred` on the mentions of one statement text[s:e]; True when it says no degree is needed."""
    events: list[tuple[int, int, str]] = [(m.start, m.end, "mention") for m in mentions]
    cues = [(c.start(), c.end(), c.lastgroup or "") for c in _CUE_RE.finditer(text, s, e)]
    if cues and "(" in text[s:e]:
        # a parenthesis holding a degree and a cue is its own clause: "(MS preferred)"; cues in other
        # asides ("(experience with Spark is a plus)") are about the aside and are dropped
        asides = set(aside_spans(text, s, e))
        for p in _PAREN.finditer(text, s, e):
            ps, pe = p.span()
            inside = any(ps < m.start < pe for m in mentions)
            if inside and any(ps < c[0] < pe for c in cues):
                events.append((ps, ps, "break"))
                events.append((pe, pe, "break"))
            elif not inside and (ps, pe) in asides:
                cues = [c for c in cues if not ps < c[0] < pe]
    events.extend(cues)
    events.sort(key=lambda ev: (ev[0], ev[2] != "break"))

    explicit_none = False
    pending: list[_Mention] = []
    forward: bool | None = None  # status forced on the next mentions ("preferably", "Required:")
    by_start = {m.start: m for m in mentions}
    last_end = s

    def flush(preferred: bool) -> None:
        for p in pending:
            p.preferred = preferred
        pending.clear()

    for start, end, kind in events:
        if kind == "mention":
            m = by_start[start]
            if pending and not _only_connectors(text[last_end:start]) and "," in text[last_end:start]:
                flush(default_preferred if forward is None else forward)
            if forward is not None:
                m.preferred = forward
            else:
                pending.append(m)
            last_end = end
        elif kind == "break":
            flush(default_preferred if forward is None else forward)
            forward = None
        elif kind == "fwd_pref":
            flush(default_preferred)
            forward = True
        elif kind == "fwd_req":
            flush(default_preferred)
            forward = False
        elif kind == "back_pref":
            flush(True)
        elif kind == "back_req":
            flush(False)
        elif kind == "not_req":
            if any(p.rank <= 1 for p in pending):
                explicit_none = True
            flush(True)
    flush(default_preferred if forward is None else forward)
    return explicit_none


def _fields_in(text: str, s: int, e: int, found: list[str]) -> None:
    for m in _FIELD_RE.finditer(text, s, e):
        name = _FIELD_NAMES[m.lastgroup or ""]
        if name not in found:
            found.append(name)


def extract_education(text: str, sections: Sequence[Section] | None = None) -> Education:
    """The lowest accepted degree and the fields of study of a posting (see the module docstring)."""
    if sections is None:
        sections = split_sections(text)
    required: list[int] = []
    fields: list[str] = []
    explicit_none = False
    for section in sections:
        if section.kind in _IGNORED_KINDS:
            continue
        body = section.text
        # a preferred section by heading makes its statements preferred; a cue-classified one does not
        # (its own cue words decide, statement by statement)
        default_preferred = section.kind == "preferred" and section.heading is not None
        if _EXPLICIT_NONE.search(body):
            explicit_none = True
        mentions = _find_mentions(body, 0, len(body))
        statements: dict[tuple[int, int], list[_Mention]] = {}
        for m in mentions:
            statements.setdefault(statement_bounds(body, m.start), []).append(m)
        for (s, e), group in statements.items():
            if _decide(body, s, e, group, default_preferred):
                explicit_none = True
            required.extend(m.rank for m in group if not m.preferred)
            _fields_in(body, s, e, fields)
        # a degree without a level counts as a bachelor's, in statements naming no level
        for g in _GENERIC_DEGREE.finditer(body):
            if _NOT_GENERIC.search(body, max(0, g.start() - 12), g.start()):
                continue
            bounds = statement_bounds(body, g.start())
            if bounds in statements:
                continue
            generic = _Mention(g.start(), g.end(), 1)
            statements[bounds] = [generic]
            _decide(body, bounds[0], bounds[1], [generic], default_preferred)
            if not generic.preferred:
                required.append(1)
            _fields_in(body, bounds[0], bounds[1], fields)
    if explicit_none:
        return Education("none", tuple(fields))
    if not required:
        return Education(None, tuple(fields))
    return Education(_RANK_DEGREE[min(required)], tuple(fields))
