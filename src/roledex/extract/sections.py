"""Split a posting description into sections: responsibilities, requirements, preferred, benefits, company.

Postings are written in three shapes, and `split_sections` handles each:

1. Headed (most): a heading line opens each part. Headings come as plain lines ("Requirements"), lines
   ending with a colon ("What you'll do:"), ALL CAPS ("BASIC QUALIFICATIONS"), Markdown ("### Benefits",
   "**About you**", Glassdoor's "*Minimum Qualifications**", Walmart's "Minimum Qualifications...") or
   inline ("Education: Bachelor's ...", "... team. Preferred Qualifications: ..."). A heading is
   classified by its wording; an unknown heading in strong markup opens an "other" section, an unknown
   "Something:" line is a sub-heading and stays inside the current section. A plain line counts as a
   heading only when it reads like one: short, no number or verb inside, a heading word or Title Case
   ("Technical Skills" is a heading, "Strong SQL skills" a list item). "Ideal ..." headings are preferred
   after a requirements section and requirements otherwise.
2. Headed, with unheaded prose tails: the equal-opportunity paragraph or the benefits blurb often follows
   a section's bulleted list without a heading, and company blurbs open the text. Prose paragraphs with
   strong cues ("equal opportunity employer", "401(k)", "founded in") in the introduction, or after the
   first bullet of a section, are split off into their own section.
3. Unheaded: one block of sentences. Each sentence is classified by cues ("you will ..." ->
   responsibilities, "3+ years of experience" -> requirements, "we offer" -> benefits ...); a sentence
   without a cue continues the previous one's section.

Speed: headings are found by a cached classification of short lines behind cheap tests (a word-prefix
set), and prose cues are looked for in the first 200 characters of long non-bullet lines only.

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

from roledex.extract.text import (
    BULLET,
    KeywordScanner,
    LiteralSet,
    clean_inline,
    is_word_start,
    keyword_pattern,
    lower,
    split_statements,
    tidy_statement,
)

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
# Checked in this order on the lower-cased heading; the first rule that matches gives the kind. Each rule is
# a list of regex branches, each starting with a plain character, "\b" + a letter, or "^" + a letter (see
# _heading_kind). "ideal" headings are preferred after a requirements section and requirements otherwise
# (see below).
# fmt: off
_HEADING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "equal_opportunity",
        (
            r"equal (?:employment )?opportunit", r"\beeoc?\b", r"\beoe\b", r"diversity", r"inclusion",
            r"non-?discriminat", r"affirmative action", r"accommodation", r"\bbelonging\b", r"\bdei\b",
        ),
    ),
    (
        "preferred",
        (
            r"prefer", r"nice[- ]?to[- ]?haves?", r"good[- ]to[- ]have", r"\bbonus", r"\bplus(?:es)?\b", r"desired",
            r"desirable", r"stand out", r"would be (?:great|nice)", r"even better", r"\bextra\b",
            r"\badditional (?:skills|qualifications)", r"\boptional\b", r"added advantage", r"\bwow us\b",
        ),
    ),
    # "Qualifications & Compensation": the requirements of the job, whatever else the heading names
    ("requirements", (r"qualification", r"requirement")),
    (
        "benefits",
        (
            r"benefit", r"\bperks?\b", r"what (?:we|you)(?:'ll| will)? (?:offer|get|receive)", r"\boffers?\b",
            r"compensation", r"\bsalary", r"\bpay\b", r"pay (?:range|transparency)", r"total rewards",
            r"\brewards\b", r"why (?:join|work|you'll love|you should)", r"love it here", r"what'?s in it for you",
            r"\bwhy us\b", r"we provide", r"we give", r"\bequity\b", r"\b401", r"time off",
            r"how we(?:'ll)? (?:support|take care)", r"\bwellness\b",
        ),
    ),
    (
        # requirement headings that mention "you'll"/"you will" ("What you'll need") come before duties
        "requirements",
        (
            r"requirement", r"qualification", r"\brequired\b", r"\bmust[- ]?haves?\b",
            r"what (?:you|you'll|you will) (?:need|bring|have)", r"you(?:'ll| will) (?:need|bring|have)",
            r"who (?:you are|we(?:'re| are) looking)", r"about you\b", r"\byou have\b", r"\byou are\b",
            r"your (?:background|profile|skills|experience|qualifications|expertise)",
            r"what we(?:'re| are)? (?:look|need|expect|seek|require)", r"\bskills?\b", r"\beducation\b",
            r"competenc", r"\bknowledge\b", r"\babilities\b", r"\bexpertise\b",
        ),
    ),
    (
        "responsibilities",
        (
            r"what will (?:i|you) be doing", r"what (?:will|would) i do", r"responsibilit", r"\bduties\b",
            r"\btasks?\b",
            r"what (?:you|you'll|you will) (?:do|be doing|work on|own|achieve|accomplish|build|tackle)",
            r"what you'll be (?:doing|working)", r"you will\b", r"you'll\b", r"in this role", r"the role involves",
            r"your (?:role|impact|mission|day|job|work)\b", r"day[- ]to[- ]day", r"accountabilit",
            r"essential functions", r"job functions", r"key functions", r"the impact you",
            r"how you(?:'ll| will) (?:contribute|make|help)", r"your contributions?", r"scope of", r"what the job",
        ),
    ),
    (
        "requirements",
        (
            r"\bmust\b", r"you bring", r"you should", r"you might", r"\bexperience\b", r"\bideal\b", r"looking for",
            r"to be successful", r"what it takes", r"who should apply", r"eligibility", r"\bprofile\b",
            r"background", r"we're excited about you", r"apply if", r"the right candidate", r"a great fit",
            r"minimum", r"basic quals", r"you(?: are|'re) (?:a|an)\b",
        ),
    ),
    (
        "company",
        (
            r"about (?:us|the company|our company|the organi[sz]ation|the employer)", r"who we are",
            r"\bour (?:mission|story|values|culture|company|vision|purpose)",
            r"company (?:description|overview|profile|information|info)", r"^the company$", r"what we do",
            r"why we're here",
            r"^about (?!the (?:role|position|job|opportunity|team)|this (?:role|position|job|opportunity|team)|you)\w",
            r"^company$", r"\bmission\b", r"core values", r"life at",
        ),
    ),
    (
        "summary",
        (
            r"overview", r"summary", r"about (?:the|this) (?:role|position|job|opportunity|team)",
            r"job description", r"^description", r"role description", r"position description",
            r"^the (?:role|position|opportunity|team)", r"^role$", r"^position$", r"^opportunity$",
            r"^introduction$", r"^the job$", r"purpose of (?:the )?role", r"the opportunity", r"^job details",
            r"^about the job",
        ),
    ),
    (
        "other",
        (
            r"how to apply", r"application process", r"interview process", r"hiring process", r"^location",
            r"^additional information", r"^other", r"disclaimer", r"privacy", r"^note\b", r"^apply", r"recruit",
            r"^travel", r"physical", r"work environment", r"^schedule", r"^salary range", r"^job id", r"^req",
            r"\bclearance\b", r"^contact",
        ),
    ),
)
# fmt: on


def _literal_lead(branch: str) -> str:
    r"""`branch` with a leading "\b" or "^" turned into a look-behind after its first two letters: r"\bperks?"
    -> r"pe(?<!\w..)rks?", "^other" -> "ot(?<=^..)her". A branch (and an alternative of keyword_pattern's
    groups) that starts with a plain character is one `re` rejects with one comparison; a look-behind
    first costs ten times more at every position."""
    for marker, check in ((r"\b", r"(?<!\w..)"), ("^", r"(?<=^..)")):
        if branch.startswith(marker):
            two, rest = branch[len(marker) : len(marker) + 2], branch[len(marker) + 2 :]
            if len(two) < 2 or not two.isalnum() or rest[:1] in ("?", "*", "+", "{"):
                raise ValueError(f"heading rule {branch!r}: two letters must follow its {marker}")
            return two + check + rest
    return branch


# every rule in one alternation: a match says the lowest-numbered rule that matches at its position
_RULE_MATCH, _RULE_OF_BRANCH = keyword_pattern(
    {f"rule{i}": tuple(map(_literal_lead, branches)) for i, (_, branches) in enumerate(_HEADING_RULES)}
)
_RULE_INDEX = {name: int(rule[4:]) for name, rule in _RULE_OF_BRANCH.items()}


def _any_of(branches: tuple[str, ...]) -> re.Pattern[str]:
    r"""One pattern that `search`es for any of `branches` (see _literal_lead), 5-10x faster than an
    alternation whose branches start with "\b"."""
    return keyword_pattern({"any": tuple(map(_literal_lead, branches))})[0]


_HEADING_WORDS_MAX = 9
_HEADING_CHARS_MAX = 70


@lru_cache(maxsize=4096)
def _heading_kind(norm: str) -> str | None:
    """The section kind a heading's wording names, or None when its wording is unknown.

    The first rule of _HEADING_RULES that matches anywhere in `norm` wins: one scan finds, at each position
    where any rule matches, the first of them (the branches of one alternation keep the rules' order)."""
    best = len(_HEADING_RULES)
    pos = 0
    while best and (m := _RULE_MATCH.search(norm, pos)) is not None:
        best = min(best, _RULE_INDEX[m.lastgroup or ""])
        pos = m.start() + 1
    return _HEADING_RULES[best][0] if best < len(_HEADING_RULES) else None


_LEADING_SYMBOLS = re.compile(r"^[^\w'\"(]+")
_HEADING_MARKUP = re.compile(r"^[ \t>]*(?:#{1,6}[ \t]*)?|[*_`\\]+")
_APOSTROPHES = (("’", "'"), ("‘", "'"), ("`", "'"), ("–", "-"), ("—", "-"))


def _has_markup(line: str) -> bool:
    return "*" in line or "_" in line or "#" in line or "`" in line or "\\" in line or line[0] in " \t>"


def _normalize_heading(line: str) -> str:
    text = _HEADING_MARKUP.sub("", line) if _has_markup(line) else line
    if text and not (text[0].isalnum() or text[0] in "'\"("):
        text = _LEADING_SYMBOLS.sub("", text)  # "🔍 What we're looking for"
    if not text.isascii():
        for odd, plain in _APOSTROPHES:
            if odd in text:
                text = text.replace(odd, plain)
    text = text.strip().rstrip(":-.?! \t").strip()
    return " ".join(text.lower().split())


@dataclass(slots=True)
class _Heading:
    line_start: int
    body_start: int
    heading: str
    kind: str | None  # None: unknown wording
    strong: bool  # markup or known wording (opens a section even when unknown)


# Word beginnings one of which every plain-text heading of known wording contains: a cheap set test that
# lets most body lines ("Python", "Seattle, WA") skip the rules above. Checked against the rules on the
# real postings (tests/extract/test_sections.py).
_HEADING_HINTS = frozenset(
    {"resp", "duti", "duty", "task", "requ", "qual", "must", "skil", "expe", "educ", "back", "pref", "nice"}
    | {"good", "bonu", "plus", "desi", "bene", "perk", "offe", "comp", "sala", "pay", "rewa", "equi", "401"}
    | {"abou", "who", "what", "why", "you", "you'", "your", "over", "summ", "desc", "role", "posi", "oppo"}
    | {"miss", "valu", "cult", "team", "dive", "incl", "equa", "eeo", "eeoc", "eoe", "acco", "loca", "appl"}
    | {"proc", "addi", "othe", "idea", "look", "prof", "know", "abil", "elig", "mini", "basi", "day", "day-"}
    | {"func", "scop", "impa", "cont", "stac", "have", "brin", "need", "disc", "priv", "note", "recr", "trav"}
    | {"phys", "envi", "sche", "clea", "intr", "job", "extr", "stan", "opti", "time", "well", "life", "stor"}
    | {"visi", "purp", "belo", "dei", "mand", "esse", "key", "core", "main", "prim", "succ", "fit", "righ"}
    | {"grea", "wow", "even", "woul", "stat", "non-", "affi", "inte", "hiri", "how", "our", "trai", "beli"}
    | {"acti", "in", "thin", "ment", "gene", "spec", "tech", "mana", "work", "vaca", "heal", "insu", "hour"}
    | {"emplo", "empl", "achi", "acco", "accom", "owne", "own", "buil", "tack", "cont", "we'r", "we'l", "we"}
    | {"deve", "expo", "wish", "ment", "lear", "coll", "orga", "comm", "area", "focu", "read", "nece"}
)


def _has_heading_hint(body: str) -> bool:
    low = body.lower()
    if "’" in low:
        low = low.replace("’", "'")
    for word in low.split():
        word = word.lstrip("(*_#\"'")
        if word[:4] in _HEADING_HINTS or word[:3] in _HEADING_HINTS or word[:5] in _HEADING_HINTS:
            return True
    return False


@lru_cache(maxsize=8192)
def _classify_line(line: str) -> tuple[str | None, bool, str] | None:
    """(kind, strong, heading text) when `line` (stripped) is a heading line, else None. Cached: headings
    repeat."""
    original = line
    core = line.rstrip("*_ ")
    if core.endswith(("...", "…")):
        line = core.rstrip(".… ") + line[len(core) :]  # Walmart's "Minimum Qualifications..."
    if not line:
        return None
    last = line[-1]
    if last in ".!,;" or len(line) > _SHORT_LINE_MAX:
        return None  # a sentence or a list item, not a heading
    first = line[0]
    bullet = BULLET.match(line) if first in _BULLET_STARTS else None
    body = line[bullet.end() :] if bullet else line
    if not body:
        return None
    tail = body.rstrip("*_ ")
    colon = tail.endswith(":")
    md_heading = first == "#"
    bold = (body.startswith(("**", "__", "*")) and body.rstrip(": ").endswith(("**", "__"))) or (
        body.startswith("_") and body.rstrip(": ").endswith("_")
    )
    if bullet and not (bold or colon):
        return None
    caps = len(body) >= 4 and body.isupper()
    plain = not (md_heading or bold or colon or caps)
    if plain and (body.count(" ") >= 6 or not _has_heading_hint(body)):
        return None
    inner = body.rstrip("*_ :")
    if ": " in inner or (not colon and "(" in inner and not (md_heading or bold)):
        return None  # "Location: Austin", "Bachelor's (Preferred)": a field, not a heading
    norm = _normalize_heading(body)
    if not norm or len(norm) > _HEADING_CHARS_MAX or norm.count(" ") >= _HEADING_WORDS_MAX:
        return None
    if not (norm[0].isalpha() or norm[0] in "'\"("):
        return None
    if tail.endswith(".") and not colon:
        return None
    if plain:
        # plain wording must look like a heading: short, no sentence or number inside, and either a heading
        # word ("Requirements", "What you'll do") or Title Case ("Technical Skills"), not a list item that
        # happens to name skills ("Strong SQL skills", "BS with 2 years of experience"); and be known
        if (
            ", " in norm[:-12]
            or ";" in norm
            or _DIGIT.search(norm)
            or (norm.endswith(_STATEMENT_ENDS) and norm.count(" ") >= 3 and not _is_title_case(body))
            or not (_HEADING_WORDS.search(norm) or _is_title_case(body))
            or (_VERB_INSIDE.search(norm) and not norm.startswith(("what", "who", "why", "how")))
        ):
            return None
        kind = _heading_kind(norm)
        return None if kind is None else (kind, True, _heading_text(original))
    kind = _heading_kind(norm)
    if kind is not None:
        return kind, True, _heading_text(original)
    if bullet:
        return None  # unknown bold bullet: a sub-heading inside a list
    if md_heading or caps or bold:
        # unknown wording in heading markup: a section of its own, or a sub-heading inside a list section
        # ("**Own the KPI reporting**" under "What you'll do"), see split_sections
        return None if norm.count(" ") >= 7 else (None, True, _heading_text(original))
    if colon:
        return None, False, _heading_text(original)
    return None


def _heading_text(line: str) -> str:
    return clean_inline(line).strip(" :*_#")


_DIGIT = re.compile(r"\d")
# a plain line of four words or more that ends with a cue is a statement: "Bachelor's degree required",
# "Proficient using Microsoft Excel required" (a heading says "Required Skills" or "Skills Required")
_STATEMENT_ENDS = ("required", "preferred", "a plus", "desired", "is a must")
# "Industry experience is preferred": a sentence
_VERB_INSIDE = _any_of((r"\bis\s+\w", r"\bare\s+\w", r"\bwas\s+\w", r"\bwere\s+\w"))
# fmt: off
_HEADING_WORDS = _any_of(
    (
        r"requirement", r"qualification", r"responsibilit", r"\bdut(?:y|ies)\b", r"benefit", r"\bperks?\b",
        r"\babout\b", r"\bwhat\b", r"\bwho\b", r"\bwhy\b", r"\bnice[- ]to", r"prefer", r"\bbonus", r"overview",
        r"summary", r"description", r"\brole\b", r"position", r"opportunit", r"equal", r"\beeo", r"compensation",
        r"\boffer", r"must[- ]have", r"\byou\b", r"\byou'", r"\byour\b", r"\bour\b", r"looking for", r"\bideal",
        r"mission", r"culture", r"\bcompany\b", r"\bteam\b", r"\bjob\b", r"\bwe\b", r"\bwe'", r"\bhow\b",
        r"\bessential", r"\bkey\b", r"\bminimum\b", r"\bbasic\b", r"\brequired\b", r"\bdesired\b",
        r"\badditional\b", r"\btasks?\b", r"\bpay\b", r"\bsalary\b", r"\brewards\b",
    )
)
# fmt: on


def _is_title_case(line: str) -> bool:
    """Every word of four letters or more starts with a capital: "Skills And Experience"."""
    return all(not w[:1].islower() for w in line.split() if len(w) >= 4)


_BULLET_STARTS = frozenset(" \t>-*+–—•·●○◦▪■►‣⁃o0123456789")


# inline headings: "Education: Bachelor's ...", "... team. Preferred Qualifications: Experience with ..."
# A colon is checked only when the word before it can end such a heading.
_INLINE_LAST_WORDS = frozenset(
    {"responsibilities", "duties", "requirements", "qualifications", "skills", "have", "haves", "points"}
    | {"benefits", "perks", "education", "experience", "preferred", "required", "do", "offer", "us", "are"}
    | {"you", "compensation"}
)
_INLINE_HEADING = re.compile(
    r"(?:^|(?<=[.!?)\]])[ \t]*)(?P<h>(?:(?:key|core|main|primary|job|your|role|minimum|basic|required|"
    r"preferred|desired|additional|technical|bonus|must|nice)[ \t-]+)?(?:responsibilities|duties|"
    r"requirements|qualifications|skills|nice[ -]to[ -]haves?|points|benefits|perks|education|experience|"
    r"have|preferred|required|what you(?:'|’)ll do|what we offer|about us|who you are|about you|compensation)"
    r"(?:[ \t]+(?:and|&)[ \t]+(?:qualifications|skills|experience|requirements|benefits))?)[ \t]*$",
    re.M,
)
_SHORT_LINE_MAX = _HEADING_CHARS_MAX + 24  # longer lines are never heading lines (indentation included)
# a colon with text after it, after a space, an apostrophe or a letter that ends one of _INLINE_LAST_WORDS
_LAST_LETTERS = "".join(sorted({w[-1] for w in _INLINE_LAST_WORDS}))
_COLON = re.compile(rf":(?<=[{_LAST_LETTERS}{_LAST_LETTERS.upper()}'’\s]:)[ \t]*(?=[^\s])")


# Every line `_classify_line` may accept, found in one scan (a superset: the classifier decides): a non-blank
# line of at most _SHORT_LINE_MAX characters that starts with "#"; or ends with ":", "*", "_", an ellipsis
# or a space; or is not a bullet, does not end with ".!,;" and is in capitals or has at most six words.
# Long lines fail after the length test, most short ones at their first characters. It runs on "\n" +
# text: every match starts at a "\n" (which `re` skips to quickly), and the first line has one too.
_CANDIDATE_LINE = re.compile(
    rf"\n(?=[^\n]{{1,{_SHORT_LINE_MAX}}}+(?:\n|\Z))[^\S\n]*+(?=\S)(?:#"
    r"|[^\n]*+(?:(?<=[:*_…])|(?<=\.\.\.)|(?<=[^\S\n]))(?=\n|\Z)"
    r"|(?![ \t>]*+(?:[-*+–—][ \t]++\S|[•·●○◦▪■►‣⁃]|o[ \t]++\S|[0-9]{1,2}[.)][ \t]++\S))"
    r"(?:[^a-z\n]*+|(?:[^ \n]*+ ){0,5}+[^ \n]*+[^\S\n]*+)(?<![.!,;])(?=\n|\Z))"
)


def _find_headings(text: str) -> list[_Heading]:
    headings: list[_Heading] = []
    taken: set[int] = set()  # line starts of heading lines
    n = len(text)
    for m in _CANDIDATE_LINE.finditer("\n" + text):
        line_start = m.start()  # the "\n" before the line, one character ahead in "\n" + text
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = n
        raw = text[line_start:line_end]
        # a line of ten words or more is a heading only when it ends like one ("...:", "**")
        if raw.count(" ") >= 10 and raw.rstrip()[-1] not in ":*_":
            continue
        hit = _classify_line(raw.strip())
        if hit is not None:
            kind, strong, heading = hit
            headings.append(_Heading(line_start, min(line_end + 1, n), heading, kind, strong))
            taken.add(line_start)
    if ":" in text:
        low: str | None = None
        for c in _COLON.finditer(text):
            colon = c.start()
            line_start = text.rfind("\n", 0, colon) + 1
            if line_start in taken:
                continue
            words = text[max(line_start, colon - 24) : colon].split()
            if not words or words[-1].lower().rstrip("'’") not in _INLINE_LAST_WORDS:
                continue
            if low is None:
                low = lower(text)
            h = _INLINE_HEADING.search(low, max(line_start, colon - 48), colon)
            if h is None or (not text[h.start("h")].isupper() and h.start("h") != line_start):
                continue
            heading = text[h.start("h") : h.end("h")]
            kind = _heading_kind(_normalize_heading(heading))
            if kind is not None:
                headings.append(_Heading(h.start("h"), c.end(), heading, kind, True))
        headings.sort(key=lambda x: x.line_start)
    return headings


# --------------------------------------------------------------------------------------------- cues
# found by Aho-Corasick (text.KeywordScanner): a scan of a whole description with `re` costs 60 ns a character
_CUES = KeywordScanner(
    {
        "equal_opportunity": (
            r"equal[- ](?:employment )?opportunit",
            r"eeo\b",
            r"affirmative action",
            r"without regard to",
            r"regardless of (?:race|age|gender|sex)",
            r"discriminat",
            r"protected veteran",
            r"reasonable accommodation",
            r"e-verify\b",
            r"fair chance",
        ),
        "benefits": (
            r"401\s?\(?k\)?",
            r"we offer\b",
            r"benefits\b",
            r"paid time off",
            r"pto\b",
            r"health insurance",
            r"medical, dental",
            r"dental(?:,| and) vision",
            r"parental leave",
            r"salary (?:range|for this)",
            r"pay (?:range|for this)",
            r"compensation (?:range|for this)",
            r"base (?:salary|pay)",
            r"stock options",
            r"perks\b",
            r"stipend",
            r"tuition reimbursement",
            r"per (?:year|hour|annum)\b",
        ),
        "preferred": (
            r"preferred\b",
            r"nice[- ]to[- ]have\b",
            r"a (?:big |huge )?plus\b",
            r"bonus points\b",
            r"desirable\b",
            r"ideally\b",
            r"preferably\b",
            r"an advantage\b",
            r"highly desired\b",
        ),
        "requirements": (
            r"+ ?(?:years?|yrs)\b".replace("+", "\\+"),
            r"years? of (?:\w+ )?experience",
            r"years experience",
            r"degree\b",
            r"bachelor",
            r"master'?s\b",
            r"ph\.?d\b",
            r"proficien",
            r"familiar with",
            r"familiarity with",
            r"knowledge of",
            r"experience (?:with|in)\b",
            r"you have\b",
            r"must have\b",
            r"required\b",
            r"strong (?:understanding|background|knowledge|skills)",
            r"expertise in\b",
            r"skills\b",
        ),
        "responsibilities": (
            r"you(?:'ll|’ll| will)\b",
            r"responsib",
            r"your role\b",
            r"in this role\b",
            r"day[- ]to[- ]day\b",
            r"duties\b",
        ),
        "company": (
            r"founded\b",
            r"our mission\b",
            r"headquartered\b",
            r"is (?:a|an|the) (?:leading|global|world|fast)",
            r"we(?: are|'re|’re) (?:a|an|the)\b",
            r"backed by\b",
            r"series [a-e]\b",
            r"fortune \d+",
            r"our (?:customers|clients|platform|products?)\b",
        ),
    }
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
_PROSE_CUES = KeywordScanner(
    {
        "equal_opportunity": (
            r"equal[- ](?:employment )?opportunit",
            r"eeo\b",
            r"affirmative action",
            r"without regard to",
            r"regardless of (?:race|age|gender|sex)",
            r"protected veteran",
            r"reasonable accommodation",
            r"e-verify\b",
        ),
        "benefits": (
            r"401\s?\(?k\)?",
            r"we offer\b",
            r"benefits (?:include|package)",
            r"paid time off",
            r"medical, dental",
            r"dental(?:,| and) vision",
            r"salary range",
            r"pay range",
            r"compensation range",
            r"base (?:salary|pay) (?:range|for)",
            r"stock options",
            r"health insurance",
        ),
        "company": (
            r"founded (?:in|by)\b",
            r"headquartered\b",
            r"is (?:a|an|the) (?:leading|global|world)",
            r"we(?: are|'re|’re) (?:a|an|the) (?:leading|global|world|fast|team of|company)",
            r"backed by\b",
            r"series [a-e]\b",
            r"fortune \d+",
        ),
    }
)
_PROSE_RANK = {"equal_opportunity": 0, "benefits": 1, "company": 2}
# A cheap test before the scan: a window counts a cue only when it holds one of these words. Most cues contain
# one; a few do not ("we are a fast-growing company", "we're a team of ..."), and count only next to one.
_PROSE_ANCHORS: tuple[str, ...] = (
    "opportunit",
    "eeo",
    "affirmative",
    "regard",
    "veteran",
    "accommodation",
    "verify",
    "401",
)
_PROSE_ANCHORS += ("offer", "benefits", "time off", "dental", "range", "stock option", "insurance", "founded")
_PROSE_ANCHORS += ("headquarter", "leading", "global", "world", "backed by", "series ", "fortune")
_PROSE_ANCHOR_SET = LiteralSet(_PROSE_ANCHORS)
_GUARD = re.compile(r"\+ ?(?:years?|yrs)\b|years? of|degree\b|bachelor|master'?s\b|ph\.?d\b")
_PROSE_MIN_CHARS = 60


def _cue_hits(low: str, lo: int, hi: int) -> tuple[list[int], list[str]]:
    starts: list[int] = []
    kinds: list[str] = []
    for m in _CUES.finditer(low, lo, hi):
        if is_word_start(low, m.start()):
            starts.append(m.start())
            kinds.append(_CUES.kinds[m.lastgroup or ""])
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
    starts, kinds = _cue_hits(lower(text), lo, hi)
    out: list[Section] = []
    kind = first_kind
    run_start = run_end = -1
    for s, e in split_statements(text[lo:hi]):
        s += lo
        e += lo
        s, e = _trimmed(text, s, e)
        if e <= s:
            continue
        cue = _best_cue(starts, kinds, s, e)
        new_kind = cue or kind
        if run_start >= 0 and new_kind != kind:
            out.append(Section(kind, None, text[run_start:run_end], run_start))  # type: ignore[arg-type]
            run_start = -1
        kind = new_kind
        if run_start < 0:
            run_start = s
        while e < hi and text[e] in ".!?;":
            e += 1  # the sentence's own full stop belongs to it
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


def _prose_cue(window: str) -> str | None:
    """The strongest prose cue in the (lower-cased) start of a paragraph, unless it states a requirement."""
    if not _PROSE_ANCHOR_SET.any_in(window):
        return None
    best: str | None = None
    for m in _PROSE_CUES.finditer(window):
        if is_word_start(window, m.start()):
            k = _PROSE_CUES.kinds[m.lastgroup or ""]
            if best is None or _PROSE_RANK[k] < _PROSE_RANK[best]:
                best = k
    if best is not None and best != "equal_opportunity" and _GUARD.search(window):
        return None  # a requirement inside a benefits-sounding paragraph: keep it where it is
    return best


# Line patterns, run on "\n" + text (`padded`): a match starts at the "\n" before its line, so its offset in
# `padded` is the line's offset in `text` (`re` skips ahead to each "\n" instead of trying "^" everywhere).
# A prose line: not a bullet, at least _PROSE_MIN_CHARS long; a bullet line.
_BULLET_MARK = r"[ \t>]*(?:[-*+–—][ \t]|[•·●○◦▪■►‣⁃]|o[ \t]|\d{1,2}[.)][ \t])"
_PROSE_LINE = re.compile(rf"\n(?!{_BULLET_MARK})[^\n]{{{_PROSE_MIN_CHARS},}}")
_BULLET_LINE = re.compile(rf"\n{_BULLET_MARK}")
_PROSE_WINDOW = 200  # cues are looked for in the first characters of a paragraph
_NO_PROSE_SPLIT = frozenset({"benefits", "company", "equal_opportunity"})
# sections whose unknown headings are sub-headings of their list
_LIST_KINDS = frozenset({"responsibilities", "requirements", "preferred"})


def _split_prose(text: str, padded: str, kind: str, heading: str | None, lo: int, hi: int) -> list[Section]:
    """One headed section, text[lo:hi], with strong-cue prose paragraphs (EEO, benefits, company blurbs)
    split off; `padded` is "\n" + text (see _PROSE_LINE).

    After a split-off paragraph the next bullet line returns to the heading's kind.
    """
    out: list[Section] = []
    cur_kind, cur_heading, cur_start = kind, heading, lo

    def close(end: int) -> None:
        a, b = _trimmed(text, cur_start, end)
        if b > a:
            out.append(Section(cur_kind, cur_heading, text[a:b], a))  # type: ignore[arg-type]

    if kind not in _NO_PROSE_SPLIT:
        pos = lo
        if kind != "summary":
            # in a headed section, blurbs follow its list ("... bullets. We offer ... / We are an equal
            # opportunity employer"); the prose that introduces the list belongs to the heading
            first_bullet = _BULLET_LINE.search(padded, lo, hi + 1)
            if first_bullet is None:
                close(hi)
                return out
            pos = first_bullet.start()
        for m in _PROSE_LINE.finditer(padded, pos, hi + 1):
            line_start, line_end = m.start(), m.end() - 1
            if cur_kind != kind:
                bullet = _BULLET_LINE.search(padded, pos, line_start + 1)
                if bullet is not None:
                    close(bullet.start())
                    cur_kind, cur_heading, cur_start = kind, heading, bullet.start()
            cue = _prose_cue(text[line_start : min(line_end, line_start + _PROSE_WINDOW)].lower())
            if cue is not None and cue != cur_kind:
                close(line_start)
                cur_kind, cur_heading, cur_start = cue, None, line_start
            pos = line_end
        if cur_kind != kind:
            bullet = _BULLET_LINE.search(padded, pos, hi + 1)
            if bullet is not None:
                close(bullet.start())
                cur_kind, cur_heading, cur_start = kind, heading, bullet.start()
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
            if not h.strong or (resolved and resolved[-1][1] in _LIST_KINDS):
                continue  # a sub-heading: "### Own the KPI reporting" under "What you'll do"
            kind = "other"
        if kind == "requirements" and "ideal" in h.heading.lower():
            kind = "preferred" if seen_requirements else "requirements"
        if kind == "requirements":
            seen_requirements = True
        resolved.append((h, kind))

    out: list[Section] = []
    padded = "\n" + text
    first = resolved[0][0].line_start if resolved else len(text)
    if first > 0:
        # the text before the first heading: an introduction, with company / benefits / EEO blurbs split off
        out.extend(_split_prose(text, padded, "summary", None, 0, first))
    for i, (h, kind) in enumerate(resolved):
        end = resolved[i + 1][0].line_start if i + 1 < len(resolved) else len(text)
        out.extend(_split_prose(text, padded, kind, h.heading, h.body_start, end))
    return tuple(out)


def section_lower(description: str, description_low: str, section: Section) -> str:
    """`lower(section.text)`, sliced from the lower-cased description when the section is one of its own
    (the extractors lower-case a description once, not once per section)."""
    end = section.start + len(section.text)
    if end <= len(description) and description.startswith(section.text[:24], section.start):
        return description_low[section.start : end]
    return lower(section.text)


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
            if not (_MIN_WORDS <= statement.count(" ") + 1 <= _MAX_WORDS):
                continue
            key = statement.lower()
            if key in seen:
                continue
            window = key if len(statement) <= _PROSE_WINDOW else statement[:_PROSE_WINDOW].lower()
            if _prose_cue(window) is not None:
                continue  # an equal-opportunity or benefits sentence, not a duty
            seen.add(key)
            out.append(statement)
            if len(out) >= limit:
                return tuple(out)
    return tuple(out)
