"""The minimum years of experience a posting requires.

`min_years` is the least experience any accepted candidate needs, from the posting's *required* statements:

- A number: "3+ years" -> 3, "at least five years" -> 5, "three (3) years" -> 3, "2-4 years" / "5 to 7
  years" -> the lower bound, "6 months" -> 0.5, "10+ yrs", "Experience: 0 - 2 years" -> 0,
  "no experience required" -> 0.
- Only years *of experience* count: a window around the number must speak of experience ("of experience",
  "years in data science", "years working with", "Experience: 3 years", "3 years (Required)").
  Company and benefit years do not ("founded 10 years ago", "for over 20 years", "5 years old", "4-year
  degree", "2-year contract", "401(k) vesting after 3 years"), and benefits, company and equal-opportunity
  sections are never read.
- Several required statements are all requirements at once: "5+ years of software engineering" and "2+
  years with ML" -> 5. Each is a lower bound on the candidate's total experience, so the binding one is the
  largest (the rule also makes "3+ years of analytics, 5+ years of SQL" -> 5).
- Alternatives give their minimum: "4+ years as an ML engineer or 6+ years as a data engineer" -> 4;
  degree paths "BS with 5 years, MS with 3 years or PhD with 0" -> 0; "Bachelor's degree or 1+ years of
  experience" -> 0 (a degree holder needs none). Degree-led statements in separate bullets ("Bachelor's
  and 6 years" / "OR" / "Master's and 4 years") are alternatives too when they name different degrees.
- Preferred statements ("5+ years preferred", "ideally 3 years", items under a "Nice to have" heading) are
  ignored; a posting that only *prefers* experience gets None, as does one that names no number.
  (Labelling convention of tests/extract/education_experience_gold.json.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from roledex.extract.education import degree_spans
from roledex.extract.sections import Section, section_lower, split_sections
from roledex.extract.text import aside_spans, is_word_start, lower, preference_cues, statement_bounds

_WORD_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "a": 1,
    "an": 1,
}
# A number: every branch starts with a literal character (see text.keyword_pattern) so the scan skips
# ahead to digits and the first letters of number words; "120,000" and "2.5x" are not numbers of years.
_NUM = "|".join(
    [f"{d}[0-9]?(?:\\.[0-9])?(?![0-9,])" for d in "0123456789"]
    + [w for w in _WORD_NUMBERS if len(w) > 2]
    + [r"a(?=\s+(?:full\s+)?year\b)"]
)
_YEARS_RE = re.compile(
    r"(?P<n1>" + _NUM + r")(?:\s*-?\s*plus\b(?=\s*\())?(?:\s*\(\s*\d{1,2}\s*\+?\s*\))?"
    r"(?:\s*\+|\s*-?\s*plus\b)?"
    r"(?:\s*(?:-|–|—|to|or)\s*(?P<n2>" + _NUM + r")(?:\s*\(\s*\d{1,2}\s*\))?)?"
    r"(?:\s*\+|\s*or\s+(?:more|greater|above|longer))?"
    r"[\s-]*(?P<unit>years?|yrs?|months?)\b(?:['’]s?|\(s\))?"
)
_NOT_BEFORE_NUMBER = frozenset("$€£,.")
_UNIT = re.compile(r"year|yr|month")
_NUMBER_REACH = 48  # "at least twenty (20) or more years": the number starts within this many characters
_NO_EXPERIENCE = re.compile(
    r"no (?:prior |previous |professional |industry |work )?experience (?:is )?(?:required|necessary|needed)\b"
    r"|without (?:any )?(?:prior |previous |professional |industry |work )?experience\b(?! in\b| with\b| of\b)"
)

# words after "N years" that make it about something other than experience
_NOT_EXPERIENCE_AFTER = re.compile(
    r"\s*(?:old|of age|ago|in business|in operation|in a row|later|from now|running|straight|"
    r"contract|term|degree|college|university|program(?:me)?|plan|vesting|cliff|warranty|guarantee|"
    r"anniversary|tenure|period|commitment|history|cycle|roadmap|horizon|journey|assignment|engagement|"
    r"(?:with )?(?:a |the )?(?:possible |potential |likely )?(?:extension|renewal)|"
    r"of (?:growth|history|operation|operating|existence|service|tuition|employment|tenure|innovation|"
    r"success|age|coverage|partnership|excellence|profitab\w*|revenue)\b)"
)
# words before "N years" that make it a time span, not a requirement ("for over 20 years", "past 5 years")
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(?:\bfor|\bpast|\blast|\bnext|\bprevious|\brecent|\bwithin|\bevery|\beach|\bper|\bafter|\bsince|\bduration:?|"
    r"\bfirst|\bfounded|\bspanning|\bin the)\s+(?:the\s+)?(?:over\s+|more than\s+|nearly\s+|almost\s+|about\s+|"
    r"some\s+|close to\s+)?$"
)
_COMPANY_SUBJECT = re.compile(
    r"(?:we|our team|the team|our company|the company|our founders?|founders?|our leadership|leadership team|"
    r"executive team)\s+(?:have|has|bring|brings|'ve|’ve|boasts?)\b"
)
_COMPANY_WORDS = re.compile(r"employees\b|offices\b|countries\b|founded\b|our company")
_CANDIDATE_WORDS = re.compile(r"you\b|your\b|candidate|applicant|must\b|require|looking for|seeking|ideal")
# words right after "N years" that speak of doing the work
_EXPERIENCE_OPENER = re.compile(
    r"['’s)]*\s*(?:\((?:required|preferred|minimum)\)|of|in|as|working|building|developing|designing|leading|"
    r"managing|writing|using|doing|hands[- ]on|professional|industry|industrial|relevant|related|post|"
    r"programming|coding|with|at|applying|deploying|creating|delivering|supporting|performing|conducting|"
    r"analy\w+|engineering|software|full[- ]time|practical|combined|progressive|direct|overall|total|work|"
    r"demonstrated|proven|recent|previous|prior|production|commercial|research|technical|academic|"
    r"experience|exp\b|backend|frontend|data|machine|ml\b|ai\b|quantitative|statistical|implementing|"
    r"running|owning|shipping|training|minimum|min\b|required|must)"
)
_EXPERIENCE_WORD = re.compile(r"experien|exp\b|background\b|track record\b")
_EXPERIENCE_LABEL = re.compile(r"experience\W{0,4}(?:\(\w+\)\W{0,3})?(?:level\W{0,3})?(?:required\W{0,3})?$")
_WINDOW_END = re.compile(r"[.;!?](?:\s|$)|\n")
_OR_ALTERNATIVE = re.compile(r"\b(?:or|and/or|OR)\b")
_AND = re.compile(r"\b(?:and|plus|with|including)\b|&")
# "Bachelor's degree or 1+ years": a degree, then "or", then the years that replace it
_DEGREE_OR_YEARS_GAP = re.compile(
    r"^[\s'’s]*(?:degree|diploma)?\s*(?:\([^)]*\)\s*)?(?:in [\w ,/&]{0,40}?)?,?\s*or\s+(?:an?\s+)?(?:equivalent\s+)?$",
    re.I,
)
_IGNORED_KINDS = frozenset({"benefits", "company", "equal_opportunity"})
# between a degree and the years paired with it: "BS with 5 years", "Master's degree and 3+ years"
_DEGREE_PAIRING = re.compile(
    r"['’s.]*\s*(?:degree\s*)?(?:\([^)]*\)\s*)?(?:in [\w ,/&]{0,40}?)?,?\s*(?:with|and|plus|\+)\s+"
    r"(?:a\s+|an\s+|at least\s+|a minimum of\s+|minimum(?: of)?\s+)?$"
)
# "Option 1: Bachelor's and 4 years" / "Option 3: 6 years": numbered options are alternatives
_OPTION = re.compile(r"[\W_]*option\s*(\d?)\b")
_OPTION_RANK = 10
_MAX_YEARS = 30.0


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    years: float | None  # None for a degree token
    rank: int = -1  # degree rank for degree tokens
    preferred: bool = False


@dataclass(slots=True)
class _Path:
    degree_rank: int = -1
    years: list[float] = field(default_factory=list)
    preferred_years: bool = False  # the path names years, but only as a preference
    alternative: bool = False  # reached through an explicit "or"


def _number(word: str) -> float:
    return float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else float(word)


def _years_value(m: re.Match[str]) -> float:
    value = _number(m.group("n1"))
    if m.group("unit").lower().startswith("month"):
        value = round(value / 12, 2)
    return value


def _is_experience(text: str, m: re.Match[str], s: int, e: int) -> bool:
    """Whether the years match m (inside statement text[s:e], lower-cased) speaks of a candidate's experience."""
    after = m.end()
    if _NOT_EXPERIENCE_AFTER.match(text, after, e):
        return False
    if _NOT_EXPERIENCE_BEFORE.search(text, max(s, m.start() - 20), m.start()):
        return False
    if _COMPANY_SUBJECT.search(text, s, m.start()) or (
        _COMPANY_WORDS.search(text, s, e) and not _CANDIDATE_WORDS.search(text, s, e)
    ):
        return False  # "we have 20 years of experience", "with over 20 years ... 15,000 employees"
    if m.group("n1") in ("a", "an") or (m.group("n1") == "0" and not m.group("n2")):
        # "a year" / bare "0 years" only with the word experience close by
        w = _WINDOW_END.search(text, after, min(e, after + 60))
        return _EXPERIENCE_WORD.search(text, after, w.start() if w else min(e, after + 60)) is not None
    if _EXPERIENCE_OPENER.match(text, after, e):
        return True
    w = _WINDOW_END.search(text, after, min(e, after + 90))
    if _EXPERIENCE_WORD.search(text, after, w.start() if w else min(e, after + 90)):
        return True
    return _EXPERIENCE_LABEL.search(text, max(s, m.start() - 40), m.start()) is not None


def _is_preferred(text: str, s: int, e: int, start: int, end: int, next_start: int, default: bool) -> bool:
    """Preferred when a forward cue precedes the years in the statement or a backward cue follows them.

    `text` is lower-cased."""
    status = default
    asides = [a for a in aside_spans(text, s, e) if not a[0] <= start < a[1]] if "(" in text[s:e] else []
    for c_start, _, kind in preference_cues(text, s, e):
        if asides and any(a <= c_start < b for a, b in asides):
            continue  # "(experience with NiFi is an advantage)" is about NiFi
        if c_start < start:
            if kind == "fwd_pref":
                status = True
            elif kind == "fwd_req":
                status = False
        elif c_start >= end and c_start < next_start:
            if kind in ("back_pref", "not_req"):
                return True
            if kind == "back_req":
                return False
    return status


def _statement_value(text: str, s: int, e: int, tokens: list[_Token]) -> tuple[float | None, int]:
    """(min over alternative paths of the max years on each path, rank of the degree leading the paths)."""
    paths: list[_Path] = [_Path()]
    prev_end = s
    for tok in tokens:
        gap = text[prev_end : tok.start]
        cur = paths[-1]
        or_gap = _last_connector_is_or(gap)
        if tok.years is None:
            if (cur.years or cur.preferred_years) and (
                or_gap or (cur.degree_rank >= 0 and ("," in gap or ";" in gap))
            ):
                paths.append(_Path(tok.rank, alternative=or_gap))
            elif (
                cur.degree_rank >= 0
                and not cur.years
                and not cur.preferred_years
                and or_gap
                and len(gap) > 25
            ):
                paths.append(_Path(tok.rank, alternative=True))  # "PhD with X, or Master's with 3 years"
            elif cur.degree_rank < 0:
                cur.degree_rank = tok.rank  # "BS with 5 years" or "5 years with a Bachelor's"
        else:
            if (cur.years or cur.preferred_years) and or_gap:
                paths.append(_Path(alternative=True))
            elif cur.degree_rank >= 0 and not cur.years and _DEGREE_OR_YEARS_GAP.match(gap):
                paths.append(_Path(alternative=True))  # "Bachelor's degree or 2 years of experience"
            if tok.preferred:
                paths[-1].preferred_years = True
            else:
                paths[-1].years.append(tok.years)
        prev_end = tok.end
    values: list[float] = []
    for i, path in enumerate(paths):
        if path.years:
            values.append(max(path.years))
        elif (
            path.degree_rank >= 0
            and not path.preferred_years
            and (path.alternative or (i + 1 < len(paths) and paths[i + 1].alternative))
        ):
            values.append(0.0)  # a degree path with no years, offered as an alternative
    if not values:
        return None, -1
    paired = [p.degree_rank for p in paths if p.years and p.degree_rank >= 0]
    return min(values), (paired[0] if len(paired) == len(values) and len(paired) else -1)


def _last_connector_is_or(gap: str) -> bool:
    ors = [m.start() for m in _OR_ALTERNATIVE.finditer(gap)]
    if not ors:
        return False
    ands = [m.start() for m in _AND.finditer(gap)]
    return not ands or max(ors) > max(ands)


def _paired_with_degree(text: str, low: str, s: int, start: int) -> bool:
    """Years right after a degree ("BS with 5 years", "Master's and 3 years"): degree-paired experience."""
    spans = degree_spans(text, max(s, start - 40), start, low)
    return bool(spans) and _DEGREE_PAIRING.match(low, spans[-1][1], start) is not None


def _years_matches(low: str) -> list[re.Match[str]]:
    """Matches of _YEARS_RE in `low`, found from the unit words: a scan for "year", "yr" and "month" is
    cheap, and each is then matched against the number that precedes it in a small window."""
    out: list[re.Match[str]] = []
    for u in _UNIT.finditer(low):
        unit = u.start()
        for m in _YEARS_RE.finditer(low, max(0, unit - _NUMBER_REACH), u.end() + 8):
            if m.start("unit") == unit:
                out.append(m)
                break
    return out


def _section_values(section: Section, low: str) -> tuple[list[float], list[tuple[int, float]]]:
    """Required values of one section (`low` is its lower-cased text): plain statement values and
    (degree rank, value) of degree-led ones."""
    text = section.text
    units = "year" in low or "yr" in low or "month" in low
    none_needed = ("no " in low or "without" in low) and "experience" in low
    if not units and not none_needed:
        return [], []  # no number of years can be stated here
    default_pref = section.kind == "preferred" and section.heading is not None
    # under an "Experience" heading a statement that starts with years states experience ("3+ years")
    labelled = section.heading is not None and "experien" in section.heading.lower()
    statements: dict[tuple[int, int], list[_Token]] = {}
    for m in _years_matches(low) if units else ():
        start = m.start()
        if start and (low[start - 1].isalnum() or low[start - 1] in _NOT_BEFORE_NUMBER):
            continue
        s, e = statement_bounds(text, start)
        if not (
            _is_experience(low, m, s, e)
            or (labelled and start - s < 8 and not _NOT_EXPERIENCE_AFTER.match(low, m.end(), e))
            or _paired_with_degree(text, low, s, start)
        ):
            continue
        value = _years_value(m)
        if value > _MAX_YEARS:
            continue
        statements.setdefault((s, e), []).append(_Token(start, m.end(), value))
    for m in _NO_EXPERIENCE.finditer(low) if none_needed else ():
        if is_word_start(low, m.start()):
            s, e = statement_bounds(text, m.start())
            statements.setdefault((s, e), []).append(_Token(m.start(), m.end(), 0.0))
    plain: list[float] = []
    degree_led: list[tuple[int, float]] = []
    for (s, e), years_tokens in statements.items():
        years_tokens.sort(key=lambda t: t.start)
        for i, tok in enumerate(years_tokens):
            nxt = years_tokens[i + 1].start if i + 1 < len(years_tokens) else e
            tok.preferred = _is_preferred(low, s, e, tok.start, tok.end, nxt, default_pref)
        if all(tok.preferred for tok in years_tokens):
            continue
        degrees = [_Token(a, b, None, r) for a, b, r in degree_spans(text, s, e, low)]
        tokens = sorted(years_tokens + degrees, key=lambda t: t.start)
        stated, rank = _statement_value(text, s, e, tokens)
        if stated is None:
            continue
        option = _OPTION.match(low, s)
        if option is not None:
            rank = _OPTION_RANK + int(
                option.group(1) or 0
            )  # "Option 3: 6 years' experience" is an alternative
        if rank >= 0:
            degree_led.append((rank, stated))
        else:
            plain.append(stated)
    return plain, degree_led


def extract_min_years(text: str, sections: Sequence[Section] | None = None) -> float | None:
    """Minimum years of experience the posting requires, or None when it states none (module docstring)."""
    if sections is None:
        sections = split_sections(text)
    full_low = lower(text)
    if (
        "year" not in full_low
        and "yr" not in full_low
        and "month" not in full_low
        and "experien" not in full_low
    ):
        return None
    formal: list[float] = []  # from sections headed as requirements
    elsewhere: list[float] = []  # from the summary, duties and other sections
    for section in sections:
        if section.kind in _IGNORED_KINDS:
            continue
        plain, degree_led = _section_values(section, section_lower(text, full_low, section))
        found = formal if section.kind == "requirements" and section.heading is not None else elsewhere
        found.extend(plain)
        if len({rank for rank, _ in degree_led}) >= 2:
            # "BS and 6 years" / "MS and 4 years" / "Option 3: 6 years": alternatives, the least counts
            found.append(min(v for _, v in degree_led))
        else:
            found.extend(v for _, v in degree_led)
    # the qualifications list is the posting's own statement of what it requires; an intro line ("the
    # ideal candidate has 8-10 years") only counts when no requirements section states years
    required = formal or elsewhere
    return max(required) if required else None
