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

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from roledex.extract.sections import Section, section_lower, split_sections
from roledex.extract.text import (
    LiteralSet,
    aside_spans,
    is_word_start,
    keyword_pattern,
    lower,
    preference_cues,
    statement_bounds,
)
from roledex.models import Degree

# ------------------------------------------------------------------------------------------ vocabulary
# ranks: 0 none (incl. associate / high school), 1 bachelor, 2 master, 3 phd
_RANK_DEGREE: tuple[Degree, ...] = ("none", "bachelor", "master", "phd")
_RANK = {"none": 0, "bachelor": 1, "master": 2, "phd": 3}
_APOS = r"(?:'|’|`)"

# Degrees by their words, matched on the lower-cased text (every branch starts with a letter; see
# text.keyword_pattern).
_DEGREE_WORDS, _DEGREE_WORD_KINDS = keyword_pattern(
    {
        "phd": (
            r"ph\.?\s?d\b\.?",
            r"d\.?phil\b",
            r"doctorate\b",
            r"doctoral\b",
            r"doctor of (?:philosophy|science)\b",
        ),
        "master": (
            r"master" + _APOS + r"?s\b(?!\s+of\s+(?:their|the|your|our)\b)",
            r"master (?:of|in) (?:science|arts|engineering|business|computer|applied|data|statistics|"
            r"mathematics|public|information|finance|economics|technology)\b",
            r"master degree\b",
            r"master s\b",  # "Master s preferred": a scrape that dropped the apostrophe
            r"master\b(?=\s+(?:with|or|and|/)\s)",
            r"graduate degree",
            r"graduate-level degree",
            r"advanced degree",
            r"post-?graduate degree",
            r"post graduate degree",
        ),
        "bachelor": (
            r"bachelor(?:" + _APOS + r"?s| s)?\b",
            r"baccalaureate\b",
            r"undergraduate degree",
            r"under ?grad(?:uate)?\b(?=[^.\n]{0,30}\bdegree)",
            r"4[- ]year (?:college |university |bachelor" + _APOS + r"?s )?degree",
            r"four[- ]year (?:college |university |bachelor" + _APOS + r"?s )?degree",
            r"college degree",
            r"university degree",
        ),
        "none": (
            r"associate" + _APOS + r"?s?\s+degree",
            r"associate" + _APOS + r"?s\b(?=[^.\n]{0,40}\bdegree)",
            r"associate\b(?=\s+(?:or|and|/)\s[^.\n]{0,40}\bdegree)",
            r"high[- ]school (?:diploma|degree|education|graduate)",
            r"high school or (?:ged|equivalent)",
        ),
    }
)
# abbreviations that also mean other things ("MS Office", "Boston, MA", "BA team", "LC-MS/MS") count only
# next to degree context: "BS in", "BS degree", "BS/MS", "BS or MS", "MS, PhD", "MS (...)", "MS with",
# "MS and 3 years", "MS required"
_ABBR_CONTEXT = (
    r"(?<!GC/MS)(?<!LC/MS)(?<!GC-MS)(?<!LC-MS)(?<!MS/MS)"
    r"(?=\s*(?:/|,|\(|\)|;|\.(?:\s|$)|$|\s(?:or|and/or|in|degree|with|plus|from|required|preferred|\+|&|\d)\b"
    r"|\s(?:and|&)\s+(?:\d|Ph\.?D|M\.?S|B\.?S|at least|a minimum|minimum|"
    r"[a-z]+\s+(?:\(\d+\)\s+)?(?:years?|yrs))|\s*\n))"
)
_DEGREE_ABBREVIATIONS, _DEGREE_ABBREVIATION_KINDS = keyword_pattern(
    {
        "master": (
            r"M\.S\.",
            r"M\.S\b",
            r"M\.Sc\b\.?",
            r"MSc\b",
            r"M\.A\.",
            r"M\.Eng\b",
            r"MEng\b",
            r"M\.?Tech\b",
            r"MBA\b",
            r"M\.B\.A\.",
            r"MS(?:CS|EE)\b",
            r"MS\b" + _ABBR_CONTEXT,
            r"MA\b" + _ABBR_CONTEXT,
        ),
        "bachelor": (
            r"B\.S\.?(?:c\.?)?",
            r"B\.Sc\b\.?",
            r"BSc\b",
            r"B\.A\.",
            r"B\.E\.",
            r"B\.?Tech\b",
            r"BEng\b",
            r"B\.Eng\b",
            r"BS(?:CS|EE|E)\b",
            r"BS\b" + _ABBR_CONTEXT,
            r"BA\b" + _ABBR_CONTEXT,
            r"BE\b" + _ABBR_CONTEXT,
        ),
        "none": (r"GED\b",),
    }
)
# "You may not have a PhD", "no PhD required", "without a degree": the mention is negated
_NEGATED = re.compile(r"\b(?:no|not|n't|without|never|nor)\b[^.;:\n]{0,22}$")
_NOT_A_DEGREE_BEFORE = {"phd": ("post-", "post "), "master": ("scrum ",)}
_ABBREVIATION_COMPANY = re.compile(r"\b(?:BS|MS|BA|MA|MBA|PhD|[Dd]egree|[Mm]aster|[Bb]achelor)")
_ABBREVIATION_AFTER = re.compile(r"\b(?:BS|MS|BA|MA|MBA|PhD|[Dd]egree|[Mm]aster|[Bb]achelor)")
_ABBREVIATION_FIELD = re.compile(r"\s+in [A-Z]")

# a degree named without its level: "degree in Statistics", "a STEM degree", "relevant degree"
_DEGREE_WORD = re.compile(r"degrees?\b")
_GENERIC_BEFORE = re.compile(
    r"(?:\ba|\ban|relevant|related|technical|quantitative|stem|university|college|academic|formal|science|"
    r"scientific|engineering|analytical|computer science|\bcs|\bit|business)\s+$"
)
_GENERIC_AFTER = re.compile(r"\s+(?:in|from)\b(?!\s+(?:which|that|of))|\s*\(?or (?:equivalent|higher)")
_NOT_GENERIC = re.compile(r"(?:high|360|some|varying|certain|great|large|significant|to a|what)[- ]?$")
# explicitly no degree: "no degree required", "degree not required", "don't need a degree"
_NONE_BEFORE = re.compile(
    r"(?:\bno|\bwithout(?: a| any)?|(?:don't|do not|doesn't|does not|don’t|doesn’t) (?:need|require|have to have)"
    r"(?: a| any)?|regardless of(?: your)?)\s+(?:college |university |formal |4-year |four-year )?$"
)
_NONE_AFTER = re.compile(
    r"s?\s+(?:is |are )?not (?:required|necessary|needed|a requirement|mandatory)\b|s?\s+(?:is )?(?:optional|not essential)\b"
)

_CONNECTOR_WORDS = frozenset(
    {"or", "and", "a", "an", "the", "in", "degree", "degrees", "s", "'s", "’s", "equivalent", "level"}
    | {"or/and", "and/or", "of", "higher", "above"}
)
_WORD = re.compile(r"[A-Za-z']+")
_PAREN = re.compile(r"\(([^()\n]*)\)")
_IGNORED_KINDS = frozenset({"benefits", "company", "equal_opportunity"})
# every degree named in words contains one of these (a fast `in` test before the scans)
# every degree named in words contains one of these: fast `in` tests before any scan
_GATE_WORDS: tuple[str, ...] = ("degree", "bachelor", "master", "phd", "ph.d", "doctor", "diploma")
_GATE_WORDS += ("ph. d", "dphil", "d.phil", "baccalaureate", "undergrad", "under grad", "associate")
_GATE_WORDS += ("high school", "high-school")
_GATE_WORD_SET = LiteralSet(_GATE_WORDS)  # one scan of a description for all of them

# ------------------------------------------------------------------------------------------ fields
_FIELD_WORDS, _FIELD_WORD_KINDS = keyword_pattern(
    {
        "computer_science": (r"computer science", r"comp\.? ?sci\b", r"computing science"),
        "computer_engineering": (r"computer engineering",),
        "electrical_engineering": (r"electrical (?:and computer )?engineering",),
        "software_engineering": (r"software engineering",),
        "mechanical_engineering": (r"mechanical engineering",),
        "chemical_engineering": (r"chemical engineering",),
        "industrial_engineering": (r"industrial engineering",),
        "biomedical_engineering": (r"biomedical engineering",),
        "engineering": (r"engineering",),
        "data_science": (r"data science",),
        "biostatistics": (r"biostatistics",),
        "statistics": (r"statistics", r"statistical science", r"stats\b"),
        "mathematics": (r"mathematics", r"mathematical", r"applied math", r"maths?\b"),
        "physics": (r"physics",),
        "economics": (r"economics", r"econometrics"),
        "operations_research": (r"operations research",),
        "machine_learning": (r"machine learning",),
        "artificial_intelligence": (r"artificial intelligence",),
        "information_systems": (r"information systems",),
        "information_technology": (r"information technology",),
        "finance": (r"finance\b", r"financial engineering"),
        "business": (r"business",),
        "accounting": (r"accounting",),
        "actuarial_science": (r"actuarial",),
        "analytics": (r"analytics\b",),
        "bioinformatics": (r"bioinformatics", r"computational biology"),
        "biology": (r"biology\b", r"life sciences?\b"),
        "chemistry": (r"chemistry",),
        "linguistics": (r"linguistics",),
        "cognitive_science": (r"cognitive science",),
        "neuroscience": (r"neuroscience",),
        "psychology": (r"psychology",),
        "epidemiology": (r"epidemiology", r"public health"),
        "geography": (r"geography",),
        "social_science": (r"social sciences?\b",),
        "quantitative_field": (r"quantitative\b",),
        "related_field": (
            r"related (?:field|discipline|area|major|subject|technical field|quantitative field)",
        ),
    }
)
_FIELD_ABBREVIATIONS = {"CS": "computer science", "CSE": "computer science", "EE": "electrical engineering"}
_FIELD_ABBREVIATIONS |= {"ECE": "electrical engineering", "MIS": "information systems", "GIS": "geography"}
_FIELD_ABBREVIATIONS |= {"STEM": "stem"}
_FIELD_ABBREVIATION_RE = re.compile(r"C(?:SE?)\b|E(?:CE|E)\b|MIS\b|GIS\b|STEM\b")


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


def _is_abbreviation_noise(text: str, start: int, end: int) -> bool:
    """'MA'/'BA'/'BE' need a degree word nearby: 'Boston, MA or remote', 'BA team', 'BE able to'."""
    word = text[start:end]
    if word not in ("MA", "BA", "BE"):
        return False
    if text[start - 1 : start] == "/" or text[end : end + 1] == "/":
        return False  # "BA/BS", "BS/MA"
    if _ABBREVIATION_FIELD.match(text, end) or _ABBREVIATION_AFTER.search(text, end, end + 40):
        return False  # "BA in Economics", "BA or Master's degree"
    return _ABBREVIATION_COMPANY.search(text, max(0, start - 14), start) is None  # "BS or BA"


def _find_mentions(text: str, low: str, lo: int, hi: int) -> list[_Mention]:
    """Degree mentions of text[lo:hi], in order; `low` is `lower(text)`."""
    out: list[_Mention] = []
    for m in _DEGREE_WORDS.finditer(low, lo, hi):
        start = m.start()
        kind = _DEGREE_WORD_KINDS[m.lastgroup or ""]
        if not is_word_start(low, start):
            continue
        if kind in _NOT_A_DEGREE_BEFORE and low[max(0, start - 6) : start].endswith(
            _NOT_A_DEGREE_BEFORE[kind]
        ):
            continue  # "post-doctoral", "Scrum Master"
        if low.startswith("ph", start) and low[m.end() : m.end() + 1] == "s":
            continue  # "PhDs" (people), not a degree
        out.append(_Mention(start, m.end(), _RANK[kind]))
    for m in _DEGREE_ABBREVIATIONS.finditer(text, lo, hi):
        start = m.start()
        if not is_word_start(text, start) or _is_abbreviation_noise(text, start, m.end()):
            continue
        out.append(_Mention(start, m.end(), _RANK[_DEGREE_ABBREVIATION_KINDS[m.lastgroup or ""]]))
    if len(out) > 1:
        out.sort(key=lambda x: x.start)
    return [x for x in out if not _NEGATED.search(low, max(lo, x.start - 30), x.start)]


def degree_spans(
    text: str, lo: int = 0, hi: int | None = None, low: str | None = None
) -> list[tuple[int, int, int]]:
    """(start, end, rank) of the degrees named in text[lo:hi]; rank 0 none/associate, 1 bachelor, 2 master, 3 phd.

    Used by the experience extractor to pair years with degrees ("BS with 5 years or MS with 3"). `low`
    is `lower(text)` when the caller has it.
    """
    end = len(text) if hi is None else hi
    return [(m.start, m.end, m.rank) for m in _find_mentions(text, low or lower(text), lo, end)]


def _only_connectors(gap: str) -> bool:
    return all(w.lower() in _CONNECTOR_WORDS for w in _WORD.findall(gap))


def _decide(text: str, low: str, s: int, e: int, mentions: list[_Mention], default_preferred: bool) -> bool:
    """Set `preferred` on the mentions of one statement text[s:e]; True when it says no degree is needed."""
    events: list[tuple[int, int, str]] = [(m.start, m.end, "mention") for m in mentions]
    cues = preference_cues(low, s, e)
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

    last_group: list[_Mention] = []  # the group closed last ("Bachelor's preferred but not required")

    def flush(preferred: bool) -> None:
        if pending:
            last_group[:] = pending
        for p in pending:
            p.preferred = preferred
        pending.clear()

    for start, end, kind in events:
        if kind == "mention":
            m = by_start[start]
            gap = text[last_end:start]
            if pending and "," in gap and not _only_connectors(gap):
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
            if any(p.rank <= 1 for p in pending or last_group):
                explicit_none = True  # a bachelor's (or any degree) "not required"
            flush(True)
    flush(default_preferred if forward is None else forward)
    return explicit_none


# "a Bachelor's Degree and a Master of Science degree": two degrees, both required (the article says so;
# "Bachelor's and Master's degrees in ..." or "BS and/or MS" list accepted degrees)
_BOTH = re.compile(r"(?:'s|’s|s)?\s*(?:degree)?\s*,?\s*and\s+(?:also\s+)?an?\s*$")


def _both_required(low: str, group: list[_Mention]) -> list[_Mention]:
    """The mentions of one statement, without a degree that a second one, also required, outranks."""
    if len(group) < 2:
        return group
    out = list(group)
    for a, b in itertools.pairwise(group):
        if _BOTH.fullmatch(low, a.end, b.start) and a in out:
            out.remove(a if a.rank < b.rank else b)
    return out


def _fields_in(text: str, low: str, s: int, e: int, found: list[str]) -> None:
    hits: list[tuple[int, str]] = []
    for m in _FIELD_WORDS.finditer(low, s, e):
        if is_word_start(low, m.start()):
            hits.append((m.start(), _FIELD_WORD_KINDS[m.lastgroup or ""].replace("_", " ")))
    for m in _FIELD_ABBREVIATION_RE.finditer(text, s, e):
        if is_word_start(text, m.start()):
            hits.append((m.start(), _FIELD_ABBREVIATIONS[m.group()]))
    for _, name in sorted(hits):
        if name not in found:
            found.append(name)


def _says_no_degree(low: str, start: int, end: int) -> bool:
    """Whether the word "degree" at low[start:end] is said not to be needed ("no degree required")."""
    return bool(_NONE_BEFORE.search(low, max(0, start - 40), start) or _NONE_AFTER.match(low, end))


def extract_education(text: str, sections: Sequence[Section] | None = None) -> Education:
    """The lowest accepted degree and the fields of study of a posting (see the module docstring)."""
    if sections is None:
        sections = split_sections(text)
    full_low = lower(text)
    present = _GATE_WORD_SET.found_in(full_low)
    abbreviations = _DEGREE_ABBREVIATIONS.search(text) is not None
    if not present and not abbreviations:
        return Education(None, ())  # no degree named anywhere
    required: list[int] = []
    fields: list[str] = []
    explicit_none = False
    for section in sections:
        if section.kind in _IGNORED_KINDS:
            continue
        body = section.text
        low = section_lower(text, full_low, section)
        # a preferred section by heading makes its statements preferred; a cue-classified one does not
        # (its own cue words decide, statement by statement)
        default_preferred = section.kind == "preferred" and section.heading is not None
        if not any(word in low for word in present) and not (
            abbreviations and _DEGREE_ABBREVIATIONS.search(body) is not None
        ):
            continue  # no degree named in this section
        statements: dict[tuple[int, int], list[_Mention]] = {}
        for m in _find_mentions(body, low, 0, len(body)):
            statements.setdefault(statement_bounds(body, m.start), []).append(m)
        for (s, e), group in statements.items():
            if _decide(body, low, s, e, group, default_preferred):
                explicit_none = True
            required.extend(m.rank for m in _both_required(low, group) if not m.preferred)
            _fields_in(body, low, s, e, fields)
        # "degree" with no level: a bachelor's when its statement names no level; or "no degree required"
        for g in _DEGREE_WORD.finditer(low):
            start, end = g.start(), g.end()
            if not is_word_start(low, start):
                continue
            if _says_no_degree(low, start, end):
                explicit_none = True
                continue
            if _NOT_GENERIC.search(low, max(0, start - 12), start):
                continue
            if not (_GENERIC_BEFORE.search(low, max(0, start - 20), start) or _GENERIC_AFTER.match(low, end)):
                continue
            bounds = statement_bounds(body, start)
            if bounds in statements:
                continue
            generic = _Mention(start, end, 1)
            statements[bounds] = [generic]
            _decide(body, low, bounds[0], bounds[1], [generic], default_preferred)
            if not generic.preferred:
                required.append(1)
            _fields_in(body, low, bounds[0], bounds[1], fields)
    if explicit_none:
        return Education("none", tuple(fields))
    if not required:
        return Education(None, tuple(fields))
    return Education(_RANK_DEGREE[min(required)], tuple(fields))
