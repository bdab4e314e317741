"""Employment type (FT/PT/CT/FL), internship flag and work arrangement (remote/hybrid/onsite).

Employment type
---------------
Read from the source's employment field first ("Full-time", "FULL_TIME", "FullTime", "Permanent",
"Contract", "C2C", "Freelance", "Part Time", LinkedIn's "Other" -> None), then from the title ("(Contract)",
"Freelance", "Part-time", "Intern"), then from the description, but only where it says so explicitly ("this
is a contract position", "6-month contract", "contract-to-hire", "Job Type: Full-time").
Several types in one field ("Full-time or Contract") -> the first one named.

Internships are flagged separately (`internship=True`, from the field or the title: "Internship", "Intern",
"Co-op", "Stage", "Werkstudent") and keep the type they state ("Part-time internship" -> PT); an internship
that states no type is FT (most internships are full-time placements for their duration).

Work arrangement
----------------
`parse_remote(*texts)` reads the texts in the order given (remote field, location, description) and the
first that says anything decides. Location-like short texts: any "remote" -> remote, "hybrid" -> hybrid,
"on-site"/"in office"/"in-person" -> onsite. Descriptions need a clear phrase ("fully remote", "100% remote",
"remote-first", "work from home", "this is a remote position", "3 days in office", "hybrid"); "remote
sensing", "hybrid cloud", "onsite gym" and "in-person interviews" are not about the job, and "not
remote"/"no remote" mean onsite.

Descriptions are read through `scan_description` (see its section below): short anchors found in one
Aho-Corasick pass and a short window check per hit, cached per description and shared with
`titles.classify_title`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick_rs

from roledex.models import EmploymentType, Remote

__all__ = ["DescriptionCues", "parse_employment", "parse_remote", "scan_description"]

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
    r"\bintern(?:ship)?s?\b|\bco-?op\b|\bstagiaire\b|(?<!data )(?<!end )(?<!early )(?<!late )\bstage\b(?! renal)"
    r"|\bpraktik\w*\b|\bwerkstudent\w*\b"
    r"|\bworking student\b|\bsummer (?:analyst|associate)\b"
)
# every _INTERN_RE match holds one of these (a text without them skips the regex)
_INTERN_HINTS = ("intern", "coop", "co-op", "stag", "praktik", "werkstudent", "working student", "summer ")
_NONE_RE = re.compile(r"^\s*(?:other|others|n/?a|none|unknown|-1|volunteer|not applicable)\s*$")

# title cues: only explicit ones ("Data Engineer (Contract)", "Freelance AI Trainer", "Part-Time Tutor")
_TITLE_TYPE_RE = re.compile(
    r"(?P<CT>\bcontract(?:or)?\b|\bc2c\b|\bw-?2\b|\btemporary\b|\bcontract[- ]to[- ]hire\b|\b\d+\+? ?months?\b)"
    r"|(?P<FL>\bfreelanc\w*\b)|(?P<PT>\bpart[\s_-]?time\b)|(?P<FT>\bfull[\s_-]?time\b|\bpermanent\b)"
)
_TITLE_TYPE_HINTS = (
    "contract",
    "c2c",
    "w2",
    "w-2",
    "temporary",
    "month",
    "freelanc",
    "part",
    "full",
    "permanent",
)


def has_any(text: str, hints: tuple[str, ...]) -> bool:
    """True when one of `hints` occurs in `text`: a substring test that spares the regex they guard."""
    for hint in hints:  # noqa: SIM110 - a loop, not any(<generator>): this runs for every title
        if hint in text:
            return True
    return False


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
    internship = has_any(low, _INTERN_HINTS) and _INTERN_RE.search(low) is not None
    kind = _first_type(low)
    return kind, internship, kind is None and not internship


@lru_cache(maxsize=65536)
def _title_cues(title: str) -> tuple[EmploymentType | None, bool]:
    low = title.lower()
    internship = has_any(low, _INTERN_HINTS) and _INTERN_RE.search(low) is not None
    m = _TITLE_TYPE_RE.search(low) if has_any(low, _TITLE_TYPE_HINTS) else None
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
    if description and kind is None:
        kind = scan_description(description).employment()
    if internship and kind is None:
        kind = "FT"
    return kind, internship


# --------------------------------------------------------------------------------------------------------
# description cues, shared by classify_title, parse_employment and parse_remote
# --------------------------------------------------------------------------------------------------------
# Descriptions are long (median ~4.6k characters); in CPython one `str.find` over such a text costs a few
# microseconds and a regex over it far more, while lower-casing it costs ten `find`s. So a description is
# read through short anchors, each dropping its first letter ("emote", "ybrid", "anag") so that "Remote" and
# "remote" are one needle, all found in one Aho-Corasick pass on first use; each hit is confirmed on a short
# lower-cased window. The scan is cached by the description string, so the normalizers of one posting share
# it, and the cues that only some postings need (level, employment type, the role named in the opening) are
# read on demand.

_NOT_REMOTE_BEFORE = (
    "not ",
    "not a ",
    "no ",
    "non-",
    "not be ",
    "not fully ",
    "eligible for ",
    "not open to ",
)
_REMOTE_BEFORE = ("fully ", "fully-", "100% ", " is ", " are ", " be ", "role: ", "location: ", "location:")
_REMOTE_AFTER = (
    "-first",
    " first",
    " position",
    " role",
    " job",
    " opportunit",
    " work ",
    " work,",
    " work.",
    "-friendly",
    " friendly",
    " employee",
    " team member",
    " eligible",
    "-eligible",
    "-based",
    " based",
    " option",
    " (",
    ", us",
    " - us",
    " us ",
    " us.",
    " us,",
    "-us",
    " in the",
    " within",
    " from any",
    " or hybrid",
    ", or hybrid",
    " anywhere",
    " in us",
    " in canada",
    " in europe",
    "\n",
    ")",
)
_REMOTELY_BEFORE = ("work ", "working ", "performed ", "done ", "based ")
_REMOTE_NOT_AFTER = (
    " sensing",
    " control",
    " monitoring",
    " patient",
    " access",
    " server",
    " device",
    " site",
)
_HYBRID_NOT_AFTER = (
    " cloud",
    " model",
    " approach",
    " architecture",
    " search",
    " retrieval",
    " environment",
    " infrastructure",
    " solution",
    " system",
    " method",
    " algorithm",
    " deploy",
    " vehicle",
    " engine",
    " app",
    " quantum",
    " network",
    " data",
    " rag",
)
_NOT_ONSITE_AFTER = (
    " interview",
    "interview",
    " visit",
    " training",
    " support",
    " client",
    " meal",
    " gym",
    " fitness",
    " childcare",
    " child care",
    " amenit",
    " parking",
    " caf",
    " health",
    " clinic",
    " lunch",
    " event",
    " perk",
    " day care",
    " daycare",
    " service",
    " laundry",
    " massage",
    " doctor",
    " wellness",
    " food",
    " snack",
    " kitchen",
    " dining",
    " team-building",
    " meeting",
    " workshop",
    " conference",
)
_OFFICE_DAYS_RE = re.compile(
    r"(?P<n>\d|one|two|three|four|five)(?:\s*-\s*\d)?\s*(?:days?|x)\s*(?:a|per|/|each)?\s*(?:week)?\s*"
    r"(?:in|at|on|from)[- ]?(?:the |our |an? )?(?:office|site|onsite|on-site|hq|headquarters)"
)
_MANAGE_TAILS = ("e a ", "e the ", "e our ", "ing a ", "ing the ", "ing our ", "e and ", "ing and ", "e di")
_MANAGES_WINDOW_RE = re.compile(
    r"manag(?:e|ing) (?:a|the|our) (?:\w+[ ,]+){0,3}(?:team|group|function)|manag(?:e|ing) a group of"
    r"|manage and (?:grow|develop|mentor|lead)|hire,? (?:and )?(?:develop|manage|mentor)|hiring and managing"
    r"|(?:build|grow) and (?:manage|lead) (?:a|the)|(?:people|line) manage(?:r|ment)|manag\w* (?:\w+ )?direct report"
)
_LEADS_WINDOW_RE = re.compile(
    r"lead(?:ing)? (?:a|the) (?:\w+ ){0,2}team of (?:\d|two|three|four|five|six|several)"
)
_ENTRY_WINDOW_RE = re.compile(
    r"entry[- ]level (?:position|role|opportunit|candidate)|new grad(?:uate)?s? (?:position|role|program|hire)"
    r"|recent (?:college |university )?graduates?"
)
_EMP_WINDOW_RE = re.compile(
    r"(?:this is an?|this|the|is an?)\s+(?:\w+\s+){0,2}?(?P<a>full[- ]time|part[- ]time|contract|temporary"
    r"|freelance|contract[- ]to[- ]hire)\s+(?:position|role|job|opportunity|assignment|engagement|employment)"
    r"|(?P<b>\d+|six|three|twelve|nine)[- ](?:month|week)s?\s+(?:\w+\s+)?(?:contract|assignment|engagement)"
    r"|\b(?P<c>contract[- ]to[- ]hire)\b"
    r"|(?:job|employment|position|contract)\s+type\s*:?\s*(?P<d>full[- ]time|part[- ]time|contract|temporary"
    r"|freelance|permanent|internship)"
)
_ROLE_IN_TEXT_RE = re.compile(
    r"\b(machine learning engineer|ml engineer|data scientist|data engineer|data analyst|research scientist"
    r"|research engineer|applied scientist|analytics engineer|mlops engineer|ai engineer|software engineer"
    r"|business intelligence (?:analyst|developer|engineer)|bi (?:analyst|developer)|data architect"
    r"|business analyst|quantitative (?:analyst|researcher)|statistician|computer vision engineer|nlp engineer)\b"
)
_ROLE_WINDOW = 1500  # only the opening of a description names the role
_TIME_NOUNS = ("position", "role", "job", "opportun", "employ", "assignment", "engagement", "contract")


# Every anchor the cues below look for, found in one Aho-Corasick pass over the description: a pass costs about
# what four `str.find` scans do, and the cues of a posting read ten or more anchors.
_ANCHORS = (
    "emote",
    "ybrid",
    "ffice",
    "site",
    "erson",
    "rom home",
    "rom-home",
    "ontract",
    "ype:",
    "ime ",
    "irect report",
    "anag",
    "eam of",
    "ntry",
    "raduate",
)
_ANCHOR_SEARCH = ahocorasick_rs.AhoCorasick(list(_ANCHORS))
Anchors = dict[str, list[int]]


def _find_anchors(text: str) -> Anchors:
    """Start offsets of every occurrence of every anchor, by anchor (overlapping ones included)."""
    found: Anchors = {anchor: [] for anchor in _ANCHORS}
    for k, start, _ in _ANCHOR_SEARCH.find_matches_as_indexes(text, overlapping=True):
        found[_ANCHORS[k]].append(start)
    return found


def _hits(at: Anchors, *needles: str) -> list[int]:
    """Start offsets of every occurrence of the needles, needle by needle."""
    if len(needles) == 1:
        return at[needles[0]]
    return [i for needle in needles for i in at[needle]]


def _low(text: str, start: int, end: int) -> str:
    return text[max(0, start) : end].lower()


_UNSET: object = object()


class DescriptionCues:
    """What a description says explicitly; each cue is read on first use and remembered.

    Only what a caller asks for is scanned: a posting whose location field already says "Remote" never
    scans its description for the work arrangement.
    """

    __slots__ = ("_anchors", "_employment", "_entry", "_leads", "_manages", "_remote", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._anchors: Anchors | None = None
        self._remote: object = _UNSET
        self._manages: bool | None = None
        self._leads: bool | None = None
        self._entry: bool | None = None
        self._employment: object = _UNSET

    def _at(self) -> Anchors:
        if self._anchors is None:
            self._anchors = _find_anchors(self.text)
        return self._anchors

    def remote(self) -> Remote | None:
        """remote / hybrid / onsite when the description says so."""
        if self._remote is _UNSET:
            self._remote = _arrangement(self.text, self._at())
        return self._remote  # type: ignore[return-value]

    def manages_people(self) -> bool:
        """ "manage a team of", "people management", "direct reports"."""
        if self._manages is None:
            self._manages = _manages(self.text, self._at())
        return self._manages

    def leads_team(self) -> bool:
        """ "leads a team of 5 ...": a senior-scope cue."""
        if self._leads is None:
            text = self.text
            self._leads = any(
                _LEADS_WINDOW_RE.search(_low(text, i - 46, i + 14)) for i in _hits(self._at(), "eam of")
            )
        return self._leads

    def entry_level(self) -> bool:
        """ "entry-level position", "new graduates", "recent college graduates"."""
        if self._entry is None:
            text = self.text
            self._entry = any(
                _ENTRY_WINDOW_RE.search(_low(text, i - 21, i + 40))
                for i in _hits(self._at(), "ntry", "raduate")
            )
        return self._entry

    def employment(self) -> EmploymentType | None:
        """The employment type stated explicitly ("this is a contract position", "Job Type: Full-time")."""
        if self._employment is _UNSET:
            self._employment = _stated_employment(self.text, self._at())
        return self._employment  # type: ignore[return-value]

    def role_phrase(self) -> str | None:
        """The first role title named in the opening of the description ("As a Data Engineer, you ...")."""
        m = _ROLE_IN_TEXT_RE.search(self.text[:_ROLE_WINDOW].lower())
        return m.group(1) if m is not None else None


def _stated_employment(text: str, at: Anchors) -> EmploymentType | None:
    starts = _hits(at, "ontract", "ype:")
    # "full-time position": a cheap check on the words after "time " before the regex
    starts += [i for i in _hits(at, "ime ") if text.startswith(_TIME_NOUNS, i + 4)]
    for i in sorted(starts):
        m = _EMP_WINDOW_RE.search(_low(text, i - 46, i + 50))
        if m is None:
            continue
        word = next(g for g in m.groups() if g is not None)
        if word[0].isdigit() or word in ("six", "three", "twelve", "nine"):
            return "CT"
        if word != "internship":
            return _first_type(word) or ("CT" if "contract" in word else None)
    return None


def _remote_at(text: str, i: int) -> Remote | None:
    """The arrangement said by "remote" at text[i - 1] (i is where "emote" starts), if anything."""
    before = _low(text, i - 14, i - 1)
    after = _low(text, i + 5, i + 18)
    if after.startswith("ly"):
        return "remote" if before.endswith(_REMOTELY_BEFORE) else None
    if before.endswith(_NOT_REMOTE_BEFORE):
        return "onsite"
    if after.startswith(_REMOTE_NOT_AFTER):
        return None
    if (
        before.endswith(_REMOTE_BEFORE)
        or after.startswith(_REMOTE_AFTER)
        or before.endswith(("\n", "- ", "* "))
    ):
        return "remote"
    return None


def _arrangement(text: str, at: Anchors) -> Remote | None:
    remote = hybrid = onsite = five_days = False
    for i in _hits(at, "emote"):
        if i > 0 and text[i - 1] in "rR":
            said = _remote_at(text, i)
            if said == "onsite":
                return "onsite"
            remote = remote or said == "remote"
    for i in _hits(at, "ybrid"):
        if i > 0 and text[i - 1] in "hH" and not _low(text, i + 5, i + 20).startswith(_HYBRID_NOT_AFTER):
            hybrid = True
            break
    for i in _hits(at, "ffice"):
        window = _low(text, i - 47, i + 6)
        m = _OFFICE_DAYS_RE.search(window) if "day" in window or "/week" in window else None
        if m is not None:
            if m.group("n") in ("5", "five"):
                five_days = True
            else:
                hybrid = True
        elif window[-10:-6] in ("in-o", "in o") or text.startswith(("-based", " based"), i + 5):
            onsite = onsite or not _low(text, i + 5, i + 20).startswith(_NOT_ONSITE_AFTER)
    if hybrid:
        return "hybrid"
    if remote:
        return "remote"
    if not onsite and not five_days:
        onsite = _onsite_words(text, at)
        if not onsite and (at["rom home"] or at["rom-home"]):
            return "remote"
    return "onsite" if onsite or five_days else None


def _onsite_words(text: str, at: Anchors) -> bool:
    """ "on-site", "onsite", "in-person" that are about the job (not "onsite gym", "in-person interviews")."""
    for i in _hits(at, "site"):
        before = _low(text, i - 3, i)
        if (before in ("on-", "on ") or before.endswith("on")) and not _low(text, i + 4, i + 20).startswith(
            _NOT_ONSITE_AFTER
        ):
            return True
    for i in _hits(at, "erson"):
        if _low(text, i - 4, i - 1) in ("in-", "in ") and not _low(text, i + 5, i + 20).startswith(
            _NOT_ONSITE_AFTER
        ):
            return True
    return False


def _manages(text: str, at: Anchors) -> bool:
    if at["irect report"]:
        return True
    for i in _hits(at, "anag"):
        if text.startswith(("er", "ement"), i + 4):  # "people manager", "line management"
            if _low(text, i - 8, i - 1).endswith(("people ", "people-", "line ")):
                return True
        elif text.startswith(_MANAGE_TAILS, i + 4) and _MANAGES_WINDOW_RE.search(_low(text, i - 21, i + 60)):
            return True
    return False


@lru_cache(maxsize=1024)
def scan_description(text: str) -> DescriptionCues:
    """The cue reader of one description (cached by the text: the normalizers of one posting share it, and
    feeds repeat descriptions, nearly always close together)."""
    return DescriptionCues(text)


# --------------------------------------------------------------------------------------------------------
# work arrangement
# --------------------------------------------------------------------------------------------------------

_SHORT_TEXT = 200  # longer texts are read as descriptions

_NOT_REMOTE_RE = re.compile(
    r"\b(?:not (?:a )?remote|no remote|non-remote|not eligible for remote|remote work is not"
    r"|(?:is|are) not (?:open to|available for) remote|cannot be (?:performed )?remote)"
)
_FALSE_REMOTE_RE = re.compile(
    r"\bremote (?:sensing|control|monitoring|patient|access|server|devices?|procedures?)\b"
)
_SHORT_REMOTE_RE = re.compile(
    r"\bremote\b|\btelecommute\b|\bwork from home\b|\bwfh\b|\bhome[- ]based\b|\banywhere\b"
)
_SHORT_HYBRID_RE = re.compile(
    r"\bhybrid\b|\bpart(?:ially)? remote\b|\b\d(?:-\d)?x? ?(?:/|per|a)? ?week in[- ]?(?:the )?office"
    r"|\bin[- ]office \(?\d(?:-\d)? days|\bon-?site \(?\d(?:-\d)? days|\d(?:-\d)? days (?:a |per )?(?:week )?in (?:the )?office"
)
_SHORT_ONSITE_RE = re.compile(r"\bon-?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice[- ]based\b")


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


@lru_cache(maxsize=8192)
def _short_cached(text: str) -> Remote | None:
    return _short_arrangement(text.lower())


def parse_remote(*texts: str | None) -> Remote | None:
    """Work arrangement from the remote/location fields and the description, in the order given."""
    for text in texts:
        if not text:
            continue
        found = _short_cached(text) if len(text) <= _SHORT_TEXT else scan_description(text).remote()
        if found is not None:
            return found
    return None
