"""Split a posting description into sections: responsibilities, requirements, preferred, benefits, company.

Postings are written in three shapes, and `split_sections` handles each:

1. Headed (most): a heading line opens each part. Headings come as plain lines ("Requirements"), lines
   ending with a colon ("What you'll do:"), ALL CAPS ("BASIC QUALIFICATIONS"), Markdown ("### Benefits",
   "**About you**", Glassdoor's "*Minimum Qualifications**") or inline ("Education: Bachelor's ..."). A
   heading is classified by its wording; an unknown heading in strong markup opens an "other" section, an
   unknown "Something:" line is a sub-heading and stays inside the current section.
2. Headed, with unheaded prose tails: the equal-opportunity paragraph or the benefits blurb often follows
   the last bulleted list without a heading. Prose paragraphs with strong cues ("equal opportunity
   employer", "401(k)", "founded in") are split off into their own section.
3. Unheaded: one block of sentences. Each sentence is classified by cues ("you will ..." ->
   responsibilities, "3+ years of experience" -> requirements, "we offer" -> benefits ...); a sentence
   without a cue continues the previous one's section.

Sections are returned in text order and never overlap; `text` is the exact slice of the description at
`start` (the heading line itself is not part of any section's text). A heading with an empty body makes
no section.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from roledex.extract.text import BULLET, clean_inline, split_statements, tidy_statement

# fmt: off
SectionKind = Literal[
    "summary", "responsibilities", "requirements", "preferred", "benefits", "company", "equal_opportunity", "other"
]
# fmt: on


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    heading: str | None
    text: str
    start: int  # character offset of the section in the description


# --------------------------------------------------------------------------------------------- headings
# Checked in this order on the lower-cased heading; the first rule that matches gives the kind.
# "ideal" headings are preferred after a requirements section and requirements otherwise (see below).
_HEADING_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "equal_opportunity",
        re.compile(
            r"equal (?:employment )?opportunit|\beeoc?\b|\beoe\b|diversity|inclusion|non-?discriminat|"
            r"affirmative action|accommodation|\bbelonging\b|\bdei\b"
        ),
    ),
    (
        "preferred",
        re.compile(
            r"prefer|nice[- ]?to[- ]?haves?|good[- ]to[- ]have|\bbonus|\bplus(?:es)?\b|desired|desirable|"
            r"stand out|would be (?:great|nice)|even better|\bextra\b|\badditional (?:skills|qualifications)|"
            r"\boptional\b|added advantage|\bwow us\b"
        ),
    ),
    (
        "benefits",
        re.compile(
            r"benefit|\bperks?\b|what (?:we|you)(?:'ll| will)? (?:offer|get|receive)|we offer|our offer|"
            r"compensation|\bsalary|\bpay\b|pay (?:range|transparency)|total rewards|\brewards\b|"
            r"why (?:join|work|you'll love)|what'?s in it for you|\bwhy us\b|we provide|we give|"
            r"\bequity\b|\b401|time off|how we(?:'ll)? (?:support|take care)|\bwellness\b"
        ),
    ),
    (
        # requirement headings that mention "you'll"/"you will" ("What you'll need") come before duties
        "requirements",
        re.compile(
            r"requirement|qualification|\brequired\b|\bmust[- ]?haves?\b|what (?:you|you'll|you will) "
            r"(?:need|bring|have)|you(?:'ll| will) (?:need|bring)|who (?:you are|we(?:'re| are) looking)|"
            r"about you\b|\byou have\b|\byou are\b|your (?:background|profile|skills|experience|"
            r"qualifications|expertise)|what we(?:'re| are)? (?:look|need|expect|seek|require)|"
            r"\bskills?\b|\beducation\b|competenc|\bknowledge\b|\babilities\b|\bexpertise\b"
        ),
    ),
    (
        "responsibilities",
        re.compile(
            r"responsibilit|\bduties\b|\btasks?\b|what (?:you|you'll|you will) (?:do|be doing|work on|own|"
            r"achieve|accomplish|build|tackle)|what you'll be (?:doing|working)|you will\b|you'll\b|"
            r"in this role|the role involves|your (?:role|impact|mission|day|job|work)\b|day[- ]to[- ]day|"
            r"accountabilit|essential functions|job functions|key functions|the impact you|"
            r"how you(?:'ll| will) (?:contribute|make|help)|your contributions?|scope of|what the job"
        ),
    ),
    (
        "requirements",
        re.compile(
            r"\bmust\b|you bring|you should|you might|\bexperience\b|\bideal\b|looking for|"
            r"to be successful|what it takes|who should apply|eligibility|\bprofile\b|background|"
            r"we're excited about you|apply if|the right candidate|a great fit|minimum|basic quals|"
            r"you(?: are|'re) (?:a|an)\b"
        ),
    ),
    (
        "company",
        re.compile(
            r"about (?:us|the company|our company|the organi[sz]ation|the employer)|who we are|\bour "
            r"(?:mission|story|values|culture|company|vision|purpose)|company (?:description|overview|"
            r"profile|information|info)|^the company$|what we do|why we're here|^about (?!the (?:role|"
            r"position|job|opportunity|team)|this (?:role|position|job|opportunity|team)|you)\w|^company$|"
            r"\bmission\b|core values|life at"
        ),
    ),
    (
        "summary",
        re.compile(
            r"overview|summary|about (?:the|this) (?:role|position|job|opportunity|team)|job description|"
            r"^description|role description|position description|^the (?:role|position|opportunity|team)|"
            r"^(?:role|position|opportunity|introduction|the job)$|purpose of (?:the )?role|the opportunity|"
            r"^job details|^about the job"
        ),
    ),
    (
        "other",
        re.compile(
            r"how to apply|application process|interview process|hiring process|^location|^additional "
            r"information|^other|disclaimer|privacy|^note\b|^apply|recruit|^travel|physical|work environment|"
            r"^schedule|^salary range|^job id|^req|\bclearance\b|^contact"
        ),
    ),
)

_HEADING_WORDS_MAX = 9
_HEADING_CHARS_MAX = 70


@lru_cache(maxsize=4096)
def _heading_kind(norm: str) -> str | None:
    """The section kind a heading's wording names, or None when its wording is unknown."""
    for kind, pattern in _HEADING_RULES:
        if pattern.search(norm):
            return kind
    return None


_HEADING_MARKUP = re.compile(r"^[ \t>]*(?:#{1,6}[ \t]*)?|[*_`\\]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


def _normalize_heading(line: str) -> str:
    text = _HEADING_MARKUP.sub("", line).translate(_APOSTROPHES).strip()
    text = text.rstrip(":-.?! \t").strip()
    return " ".join(text.lower().split())


@dataclass(slots=True)
class _Heading:
    line_start: int
    body_start: int
    heading: str
    kind: str | None  # None: unknown wording
    strong: bool  # markup or known wording (opens a section even when unknown)


def _classify_line(line: str) -> tuple[str | None, bool] | None:
    """(kind, strong) when `line` (stripped) is a heading line, else None."""
    if len(line) > _HEADING_CHARS_MAX + 12:
        return None
    bullet = BULLET.match(line)
    body = line[bullet.end() :] if bullet else line
    if not body:
        return None
    md_heading = line.startswith("#")
    bold = (body.startswith(("**", "__", "*")) and body.rstrip(": ").endswith(("**", "__"))) or (
        body.startswith("_") and body.rstrip(": ").endswith("_")
    )
    colon = body.rstrip("*_ ").endswith(":")
    inner = body.rstrip("*_ :")
    if ": " in inner or (not colon and "(" in inner and not (md_heading or bold)):
        return None  # "Location: Austin", "Bachelor's (Preferred)": a field, not a heading
    norm = _normalize_heading(body)
    if not norm or len(norm) > _HEADING_CHARS_MAX or norm.count(" ") >= _HEADING_WORDS_MAX:
        return None
    if not (norm[0].isalpha() or norm[0] in "'\"("):
        return None
    letters = [c for c in body if c.isalpha()]
    caps = len(letters) >= 4 and all(c.isupper() for c in letters)
    if bullet and not (bold or colon):
        return None
    ends_sentence = norm.endswith((".", "!")) or body.rstrip("*_ ").endswith(".")
    if ends_sentence and not colon:
        return None
    kind = _heading_kind(norm)
    if kind is not None:
        # plain known wording must look like a heading: short, no sentence inside
        if not (md_heading or bold or colon or caps) and (norm.count(" ") >= 6 or ", " in norm[:-12]):
            return None
        return kind, True
    if bullet:
        return None  # unknown bold bullet: a sub-heading inside a list
    if md_heading or caps or (bold and not colon):
        return None if norm.count(" ") >= 7 else (None, True)
    if colon:
        return None, False
    return None


# inline headings inside a long line: "... team. Preferred Qualifications: Experience with ..."
_INLINE_HEADING = re.compile(
    r"(?:(?<=^)|(?<=[.!?)\]]\s)|(?<=[.!?)\]]))[ \t]*(?P<h>(?:(?:Key|Core|Main|Primary|Job|Your|Role|"
    r"Minimum|Basic|Required|Preferred|Desired|Additional|Technical|Bonus|Must|Nice)[ \t-]+)?"
    r"(?:Responsibilities|Duties|Requirements|Qualifications|Skills|Nice[ -]to[ -]Haves?|Points|"
    r"Benefits|Perks|Education|Experience|Have|Preferred|Required|What You(?:'|’)ll Do|What We Offer|"
    r"About Us|Who You Are|About You|Compensation)"
    r"(?:[ \t]+(?:and|&)[ \t]+(?:Qualifications|Skills|Experience|Requirements|Benefits))?)[ \t]*:[ \t]*",
    re.I,
)


def _find_headings(text: str) -> list[_Heading]:
    headings: list[_Heading] = []
    pos = 0
    for raw in text.split("\n"):
        line_start = pos
        pos += len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        if len(line) <= _HEADING_CHARS_MAX + 12:
            found = _classify_line(line)
            if found is not None:
                kind, strong = found
                headings.append(
                    _Heading(line_start, min(pos, len(text)), clean_inline(line).strip(" :*_#"), kind, strong)
                )
                continue
        if ":" in line:
            offset = line_start + (len(raw) - len(raw.lstrip()))
            for m in _INLINE_HEADING.finditer(line):
                heading = m.group("h")
                kind = _heading_kind(_normalize_heading(heading))
                if kind is None or m.end() >= len(line):
                    continue
                headings.append(_Heading(offset + m.start(), offset + m.end(), heading, kind, True))
    return headings


# --------------------------------------------------------------------------------------------- cues
_CUES = re.compile(
    r"(?P<equal_opportunity>equal[- ](?:employment )?opportunit|\bEEO\b|affirmative action|without regard to|"
    r"regardless of (?:race|age|gender|sex)|\bdiscriminat|protected veteran|reasonable accommodation|"
    r"\bE-Verify\b|fair chance)"
    r"|(?P<benefits>\b401\s?\(?k\)?|\bwe offer\b|\bbenefits\b|paid time off|\bPTO\b|health insurance|"
    r"medical, dental|dental(?:,| and) vision|parental leave|(?:salary|pay|compensation) (?:range|for this)|"
    r"base (?:salary|pay)|stock options|\bperks\b|\bstipend|tuition reimbursement|\bper (?:year|hour|annum)\b)"
    r"|(?P<preferred>\bpreferred\b|\bnice[- ]to[- ]have\b|\ba (?:big |huge )?plus\b|\bbonus points\b|"
    r"\bdesirable\b|\bideally\b|\bpreferably\b|\ban advantage\b|\bhighly desired\b)"
    r"|(?P<requirements>\d\+? ?(?:years?|yrs)\b|\byears? of (?:\w+ )?experience|\bdegree\b|\bbachelor|"
    r"\bmaster'?s\b|\bph\.?d\b|\bproficien|\bfamiliar(?:ity)? with|\bknowledge of|\bexperience (?:with|in)\b|"
    r"\byou have\b|\bmust have\b|\brequired\b|\bstrong (?:understanding|background|knowledge|skills)|"
    r"\bexpertise in\b|\bskills\b)"
    r"|(?P<responsibilities>\byou(?:'ll|’ll| will)\b|\bresponsib|\byour role\b|\bin this role\b|"
    r"\bday[- ]to[- ]day\b|\bduties\b)"
    r"|(?P<company>\bfounded\b|\bour mission\b|\bheadquartered\b|\bis (?:a|an|the) (?:leading|global|world|"
    r"fast)|\bwe(?: are|'re|’re) (?:a|an|the)\b|\bbacked by\b|\bseries [A-E]\b|\bfortune \d+|"
    r"\bour (?:customers|clients|platform|products?)\b)",
    re.I,
)
_CUE_RANK = {
    "equal_opportunity": 0,
    "benefits": 1,
    "preferred": 2,
    "requirements": 3,
    "responsibilities": 4,
    "company": 5,
}
# prose paragraphs inside headed sections are split off only on these strong cues
_PROSE_CUES = re.compile(
    r"(?P<equal_opportunity>equal[- ](?:employment )?opportunit|\bEEO\b|affirmative action|without regard to|"
    r"regardless of (?:race|age|gender|sex)|protected veteran|reasonable accommodation|\bE-Verify\b)"
    r"|(?P<benefits>\b401\s?\(?k\)?|\bwe offer\b|\bbenefits (?:include|package)|paid time off|"
    r"medical, dental|dental(?:,| and) vision|(?:salary|pay|compensation) range|base (?:salary|pay) (?:range|for)|"
    r"stock options|health insurance)"
    r"|(?P<company>\bfounded (?:in|by)\b|\bheadquartered\b|\bis (?:a|an|the) (?:leading|global|world)|"
    r"\bwe(?: are|'re|’re) (?:a|an|the) (?:leading|global|world|fast|team of|company)|\bbacked by\b|"
    r"\bseries [A-E]\b|\bfortune \d+)",
)
_PROSE_RANK = {"equal_opportunity": 0, "benefits": 1, "company": 2}
_GUARD = re.compile(r"\d\+? ?(?:years?|yrs)\b|\bdegree\b|\bbachelor|\bmaster'?s\b|\bph\.?d\b", re.I)
_PROSE_MIN_CHARS = 60


def _cue_hits(text: str) -> tuple[list[int], list[str]]:
    starts: list[int] = []
    kinds: list[str] = []
    for m in _CUES.finditer(text):
        starts.append(m.start())
        kinds.append(m.lastgroup or "")
    return starts, kinds


def _best_cue(starts: list[int], kinds: list[str], lo: int, hi: int) -> str | None:
    i = bisect_right(starts, lo - 1)
    best: str | None = None
    while i < len(starts) and starts[i] < hi:
        k = kinds[i]
        if best is None or _CUE_RANK[k] < _CUE_RANK[best]:
            best = k
        i += 1
    return best


def _classify_sentences(text: str, lo: int, hi: int, first_kind: str) -> list[Section]:
    """Sections of text[lo:hi] (no headings) from sentence cues; a cue-less sentence continues the last."""
    starts, kinds = _cue_hits(text)
    out: list[Section] = []
    kind = first_kind
    run_start = run_end = -1
    for s, e in split_statements(text[lo:hi]):
        s += lo
        e += lo
        cue = _best_cue(starts, kinds, s, e)
        new_kind = cue or kind
        if run_start >= 0 and new_kind != kind:
            out.append(Section(kind, None, text[run_start:run_end], run_start))  # type: ignore[arg-type]
            run_start = -1
        kind = new_kind
        if run_start < 0:
            run_start = s
        run_end = e
    if run_start >= 0:
        out.append(Section(kind, None, text[run_start:run_end], run_start))  # type: ignore[arg-type]
    return out


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _prose_cue(text: str, lo: int, hi: int) -> str | None:
    best: str | None = None
    for m in _PROSE_CUES.finditer(text, lo, hi):
        k = m.lastgroup or ""
        if best is None or _PROSE_RANK[k] < _PROSE_RANK[best]:
            best = k
    if best is not None and best != "equal_opportunity" and _GUARD.search(text, lo, hi):
        return None  # a requirement inside a benefits-sounding paragraph: keep it where it is
    return best


def _split_prose(text: str, kind: str, heading: str | None, lo: int, hi: int) -> list[Section]:
    """One headed section, with strong-cue prose paragraphs (EEO, benefits, company blurbs) split off.

    After a split-off paragraph the next bullet line returns to the heading's kind.
    """
    out: list[Section] = []
    cur_kind, cur_heading, cur_start = kind, heading, lo

    def close(end: int) -> None:
        a, b = _trimmed(text, cur_start, end)
        if b > a:
            out.append(Section(cur_kind, cur_heading, text[a:b], a))  # type: ignore[arg-type]

    pos = lo
    while pos < hi:
        nl = text.find("\n", pos, hi)
        line_end = hi if nl < 0 else nl
        if line_end - pos >= _PROSE_MIN_CHARS:
            bullet = BULLET.match(text, pos, line_end)
            cue = None if bullet else _prose_cue(text, pos, line_end)
            if cue is not None and cue != cur_kind and cue != kind:
                close(pos)
                cur_kind, cur_heading, cur_start = cue, None, pos
            elif bullet and cur_kind != kind:
                close(pos)
                cur_kind, cur_heading, cur_start = kind, heading, pos
        pos = line_end + 1
    close(hi)
    return out


def split_sections(description: str) -> tuple[Section, ...]:
    """Split a description into typed sections, in text order (see the module docstring)."""
    text = description
    if not text or not text.strip():
        return ()
    headings = _find_headings(text)
    if not headings:
        return tuple(_classify_sentences(text, 0, len(text), "summary"))

    # resolve kinds: unknown strong -> other, unknown weak -> sub-heading (dropped), "ideal" by context
    resolved: list[tuple[_Heading, str]] = []
    seen_requirements = False
    for h in headings:
        kind = h.kind
        if kind is None:
            if not h.strong:
                continue
            kind = "other"
        if kind == "requirements" and "ideal" in h.heading.lower():
            kind = "preferred" if seen_requirements else "requirements"
        if kind == "requirements":
            seen_requirements = True
        resolved.append((h, kind))

    out: list[Section] = []
    first = resolved[0][0].line_start if resolved else len(text)
    a, b = _trimmed(text, 0, first)
    if b > a:
        out.extend(_classify_sentences(text, a, b, "summary"))
    for i, (h, kind) in enumerate(resolved):
        end = resolved[i + 1][0].line_start if i + 1 < len(resolved) else len(text)
        out.extend(_split_prose(text, kind, h.heading, h.body_start, end))
    return tuple(out)


# --------------------------------------------------------------------------------------------- statements
_MIN_WORDS, _MAX_WORDS = 3, 25


def responsibility_statements(sections: Sequence[Section], *, limit: int = 30) -> tuple[str, ...]:
    """Short, cleaned responsibility statements (one per bullet or sentence) of the responsibilities sections.

    A statement keeps 3-25 words; bullet markers and trailing punctuation go and the first letter is
    upper-cased. Sub-heading lines ("Model Deployment:") and duplicates are skipped.
    """
    out: list[str] = []
    seen: set[str] = set()
    for section in sections:
        if section.kind != "responsibilities":
            continue
        text = section.text
        for s, e in split_statements(text):
            raw = text[s:e].strip()
            if not raw or raw.rstrip("*_ ").endswith(":"):
                continue
            statement = tidy_statement(" ".join(raw.split()))
            words = statement.count(" ") + 1
            if not (_MIN_WORDS <= words <= _MAX_WORDS):
                continue
            key = statement.lower()
            if key in seen:
                continue
            seen.add(key)
            out.append(statement)
            if len(out) >= limit:
                return tuple(out)
    return tuple(out)
