"""Find the skills and tools a posting asks for, as taxonomy skill ids.

`SkillMatcher(taxonomy).extract(text, sections)` returns one `SkillMention` per skill id, in order of first
mention, marked required (requirements section or "must have"), preferred ("nice to have", "a plus") or
neither (None). `skill_matcher(taxonomy)` gives a matcher cached per taxonomy object.

How a mention is found, and why this way:

1. One Aho-Corasick pass over the lower-cased text finds every case-insensitive alias (with hyphen/space and
   plural variants) and every context cue phrase ("nice to have", "equal opportunity", "401(k)"). A hit
   counts only at word boundaries, so "scala" in "scalable" and "excel" in "excellent" cost one rejected
   hit each. One pass for everything keeps a 4 KB description in the tens of microseconds.
2. The same pass finds the case-sensitive aliases ("R", "Go", "Swift", "GCP") in lower case with a separator
   on each side (" r,", "(go)"), so letters inside words are never hits; the original text then decides
   whether the case is right.
3. Names that are also ordinary words need context. Case-sensitive ones carry a guard (`_CS_GUARDS`):
   "R" counts in a list of tools ("Python, R"), after "in/with/using" ("experience in R") or before
   "programming"; "Go" the same or before "engineer/developer"; "C" only next to another language.
   Lower-case ones carry a veto (`_VETOES`): "excel at", "to spark curiosity", "un tableau"; tools that are
   companies too do not count in "Torch Technologies" or "experience at Databricks".
4. Overlaps: a hit inside a longer hit of the same skill is dropped, and so is a hit inside a longer hit of a
   skill that `shadows` it ("sql" in "no-sql", "looker" in "looker studio"). Other nested hits stay ("aws"
   in "AWS SageMaker" is a mention of AWS). `implies` adds the skills a mention stands for
   (PostgreSQL -> SQL, PySpark -> Spark and Python). Hits inside links and e-mail addresses do not count.
5. Where a mention sits: with `sections` (from `split_sections`), mentions in company, benefits and
   equal-opportunity sections are ignored, requirements give required=True and preferred sections
   required=False. With or without sections the sentence decides too: boilerplate sentences (equal
   opportunity, benefits) are ignored, "nice to have / a plus / preferred" makes a mention preferred and
   "must / required" makes it required where the section does not say.

The scan uses the `ahocorasick_rs` package when it is installed (about twice as fast) and `pyahocorasick`
otherwise; both give the same matches.
"""

from __future__ import annotations

import importlib
import re
import weakref
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import partial
from operator import itemgetter
from typing import Any, NamedTuple

import ahocorasick as _pyac

from roledex.extract.sections import Section
from roledex.extract.text import lower
from roledex.models import SkillMention
from roledex.taxonomy import Skill, Taxonomy

__all__ = ["SkillMatcher", "skill_matcher"]


def _load_rust_backend() -> Any:
    """The `ahocorasick_rs` module when installed (a faster scan), else None."""
    try:
        return importlib.import_module("ahocorasick_rs")
    except ImportError:  # pragma: no cover - depends on the environment
        return None


_ars: Any = _load_rust_backend()

# Categories whose aliases also match with a plural "s" ("LLMs", "A/B tests", "recommender systems").
_PLURAL_CATEGORIES = frozenset({"method", "genai", "soft"})
# Neighbours that make an ambiguous name a tool ("Python, R"): technical skills that are not methods.
_LIST_CATEGORIES = frozenset(
    {
        "language",
        "ml-framework",
        "library",
        "data-platform",
        "database",
        "cloud",
        "mlops",
        "devops",
        "bi",
        "genai",
    }
)
_LANGUAGE_ONLY = frozenset({"language"})
# Characters allowed right before and right after a case-sensitive alias (each key includes one of each);
# not "&", "-" or "'" ("R&D", "Q&A", "R-squared", "go-to-market", "O'Reilly").
_CS_LEADERS = ' \t\n\r([{/,;:"*|>\u2022\u00b7'
_CS_FOLLOWERS = ' \t\n\r,.;:/)]}|!?"*'

# Context cue phrases, found in the same scan as the skills (lower case, matched at word boundaries).
_BOILERPLATE, _PREFERRED, _REQUIRED = 1, 2, 3
_CUES: dict[str, tuple[str, ...]] = {
    "boilerplate": (
        "equal opportunity", "equal employment opportunity", "without regard to", "regardless of race",
        "regardless of age", "regardless of sex", "regardless of gender", "regardless of religion",
        "regardless of color", "regardless of colour", "national origin", "sexual orientation", "gender identity",
        "protected veteran", "veteran status", "affirmative action", "e-verify", "reasonable accommodation",
        "reasonable accommodations", "401(k)", "401k", "401 (k)", "dental", "paid time off", "parental leave",
        "health insurance", "tuition reimbursement", "pto", "life insurance", "fertility", "commuter benefits",
        "vision insurance", "paid holidays",
    ),
    "preferred": (
        "nice to have", "nice-to-have", "nice to haves", "nice-to-haves", "good to have", "good-to-have", "bonus",
        "preferred", "preferably", "preference", "a plus", "plus:", "plus.", "plus!", "plus)", "desired",
        "desirable", "ideally", "advantage", "advantageous", "not required", "would be great", "would be nice",
        "optional", "helpful",
    ),
    "required": ("must", "required", "requirement", "requirements", "mandatory", "essential"),
}  # fmt: skip
_CUE_CODE = {"boilerplate": _BOILERPLATE, "preferred": _PREFERRED, "required": _REQUIRED}
_CASED = 4


class _Hit(NamedTuple):
    start: int
    end: int
    skills: tuple[str, ...]  # the skills the alias names
    counted: tuple[str, ...]  # those skills and the skills they imply


_new_hit = partial(tuple.__new__, _Hit)  # builds a _Hit from one tuple without a Python-level __new__
_START, _END = itemgetter(0), itemgetter(1)


# ------------------------------------------------------------------------------------ context patterns
_LIST_GAP = re.compile(
    r"(?:[\s,/;&|()+:\[\]*\u2022\u00b7]|\band\b|\bor\b|\bvs\.?|e\.g\.|i\.e\.|\betc\b\.?|such as|like|including|"
    r"\(\d{1,2}\)|\([^()\n]{1,15}\))*",
    re.I,
)
# a list gap that steps over up to four short capitalised items we do not know ("Go, DART, R, Apex")
_LIST_GAP_ITEMS = re.compile(r"(?:\s*[,/;]\s*(?:and\s+|or\s+)?(?:[A-Z][\w#+.-]{0,11}\s*)?){1,4}")
_PREPOSITION_BEFORE = re.compile(
    r"(?:\bin|\busing|\bwith|\bof|\bfrom|\blike|\bincluding|\bsuch as|\be\.g\.,?|\bor|\band|\bnamely)\s*\(?$",
    re.I,
)
_END_AFTER = re.compile(
    r"[ \t]*(?:\r?\n|$|[,.;:)/(|\u2014\u2013]|(?:and|or|for|to|with|into|required|preferred|is|are)\b)"
)
# "Languages: Go, Rust", "Frontend: Swift, UIKit": a label and a short list before the hit
_STACK_BEFORE = re.compile(
    r"(?:languages?|stack|tech(?:nolog(?:y|ies))?|tools?|frameworks?|front-?end|back-?end|mobile|skills)\s*:\s*"
    r"(?:[\w#+./ -]{1,20},\s*){0,6}$",
    re.I,
)
# "Backend Go", "Engineer (Go, ...)", "100% Go"
_ROLE_BEFORE = re.compile(r"(?:(?:engineer|developer|back-?end|back end)s?\s*[(:,]?|\d+%)\s*$", re.I)
_STATE_AFTER = re.compile(r"\s+(?:is|are)\s+(?:a plus|a bonus|preferred|required|nice|desired|welcome)", re.I)
_R_NOUN_AFTER = re.compile(
    r"\s*(?:programming|language|packages?|librar(?:y|ies)|scripts?|scripting|code|shiny|studio|markdown|"
    r"notebooks?|development|developers?|users?|environment|ecosystem|skills?|experience|knowledge|"
    r"proficiency|expertise|equivalents?)\b",
    re.I,
)
_TECH_NOUN_AFTER = re.compile(
    r"\s*(?:engineers?|developers?|programm(?:ing|ers?)|language|lang\b|backend|back-end|frontend|front-end|"
    r"services?|microservices|code(?:base)?|stack|sdks?|apis?|framework|librar(?:y|ies)|apps?|applications?|"
    r"components|clusters?|pipelines?|modules|routines|experience|development|scripts?|queries|"
    r"dashboards?|formulas?|measures|models?|native|hooks|for (?:ios|macos|android|apple))\b",
    re.I,
)
_CLINICAL = re.compile(
    r"clinical|\bich\b|\bfda\b|\bgmp\b|\bglp\b|\bgxp\b|trials?\b|pharmacovigilance|regulatory|"
    r"\bsops?\b|\bcro\b|investigator|\birb\b",
    re.I,
)
_WORD_AFTER = re.compile(r"\s*([a-z]+)")
_WORD_BEFORE = re.compile(r"([a-z']+)\s*$")
_LINKISH = re.compile(r"://|www\.|@|\.(?:com|io|ai|org|net|co|dev|app|gov|edu|us|uk|de)\b", re.I)


# ----------------------------------------------------------------------------------------------- vetoes
# A veto gets (text, lower-cased text, start, end) of a case-insensitive hit and says whether to drop it.
def _next_word(low: str, end: int) -> str:
    m = _WORD_AFTER.match(low, end, end + 24)
    return m.group(1) if m else ""


def _prev_word(low: str, start: int) -> str:
    m = _WORD_BEFORE.search(low, max(0, start - 24), start)
    return m.group(1) if m else ""


_EXCEL_VERB_NEXT = frozenset(
    {"at", "in", "within", "as", "when", "under", "beyond", "on", "through", "while"}
)
_VERB_BEFORE = frozenset(
    {"to", "will", "can", "could", "you", "who", "they", "we", "help", "helps", "helping", "may", "might", "that",
     "which", "would", "should"}
)  # fmt: skip
_EXCEL_SUBJECTS = frozenset(
    {
        "others",
        "everyone",
        "them",
        "people",
        "teams",
        "team",
        "students",
        "employees",
        "individuals",
        "us",
        "all",
    }
)
_EXCEL_PAIRED_VERBS = frozenset(
    {"thrive", "grow", "learn", "succeed", "develop", "innovate", "perform", "lead"}
)
_SPARK_OBJECTS = frozenset(
    {"joy", "curiosity", "innovation", "creativity", "ideas", "idea", "conversation", "conversations", "change",
     "interest", "new", "the", "a", "an", "our", "your", "their", "meaningful", "imagination", "discussion",
     "discussions", "growth", "excitement", "passion", "inspiration", "engagement", "collaboration", "debate",
     "dialogue", "connections", "action", "momentum", "progress", "something", "positive", "real", "lasting"}
)  # fmt: skip
_FRENCH_BEFORE = frozenset(
    {"un", "le", "de", "des", "du", "les", "en", "ce", "au", "aux", "votre", "notre", "d'un"}
)


def _veto_excel(text: str, low: str, start: int, end: int) -> bool:
    """ "excel at", "help others excel", "thrive and excel": the verb, not the spreadsheet."""
    if _next_word(low, end) in _EXCEL_VERB_NEXT:
        return True
    if text[start] != "e":
        return False
    before = _prev_word(low, start)
    if before in _VERB_BEFORE or before in _EXCEL_SUBJECTS:
        return True
    return before in ("and", "or") and _prev_word(low, low.rfind(before, 0, start)) in _EXCEL_PAIRED_VERBS


def _veto_spark(text: str, low: str, start: int, end: int) -> bool:
    if _next_word(low, end) in _SPARK_OBJECTS:
        return True
    return text[start] == "s" and _prev_word(low, start) in _VERB_BEFORE


def _veto_github(text: str, low: str, start: int, end: int) -> bool:
    """A GitHub profile or portfolio link is not a skill ("links to your GitHub, LinkedIn")."""
    if _prev_word(low, start) in ("your", "their", "his", "her") or _next_word(low, end) in _PROFILE_WORDS:
        return True
    return "linkedin" in low[max(0, start - 30) : end + 30]


_PROFILE_WORDS = frozenset(
    {"profile", "profiles", "link", "links", "account", "handle", "username", "page", "url"}
)


def _veto_tableau(text: str, low: str, start: int, end: int) -> bool:
    return _prev_word(low, start) in _FRENCH_BEFORE or _next_word(low, end) in ("de", "du", "des", "pour")


# "BS in Mathematics/Statistics", "MS or PhD in Computer Science, Statistics, Applied Math": a field of study
# (extract.education keeps it as one), not a skill the job asks for; "a degree in CS and a strong knowledge
# of statistics" still asks for it
_DEGREE_IN_BEFORE = re.compile(
    r"(?:degree|bachelor|master|ph\.?\s?d|\b(?:b\.?s|m\.?s|b\.?a|m\.?a|bsc|msc)\b\.?|\bmajor)"
    r"[^.;:\n]{0,80}?\bin\b(?P<rest>[^.;:\n]{0,100})$"
)
_SKILL_CONTEXT = re.compile(r"knowledge|experience|skill|understand|proficien|familiar|expertise|\bwith\b|using")


def _veto_field_of_study(text: str, low: str, start: int, end: int) -> bool:
    m = _DEGREE_IN_BEFORE.search(low, max(0, start - 180), start)
    return m is not None and _SKILL_CONTEXT.search(m.group("rest")) is None


_VETOES: dict[str, Callable[[str, str, int, int], bool]] = {
    "excel": _veto_excel,
    "spark": _veto_spark,
    "sparks": _veto_spark,
    "tableau": _veto_tableau,
    "github": _veto_github,
    "statistics": _veto_field_of_study,
    "applied statistics": _veto_field_of_study,
    "mathematical statistics": _veto_field_of_study,
    "biostatistics": _veto_field_of_study,
}

_COMPANY_SUFFIX = frozenset(
    {"technologies", "technology", "inc", "llc", "corp", "corporation", "labs", "ltd"}
)
_AT_COMPANY = re.compile(
    r"(?:\bat|\b(?:companies|firms|startups|employers|organizations|places) (?:like|such as|including))\s*$",
    re.I,
)
# tools that are also the names of companies people work at ("experience at Databricks")
_COMPANY_TOOLS = frozenset(
    {"databricks", "snowflake", "datadog", "hugging face", "huggingface", "mongodb", "alteryx", "dataiku", "datarobot",
     "splunk", "fivetran", "airbyte", "tableau", "pinecone", "weaviate", "confluent platform", "dbt labs", "anyscale",
     "cloudflare", "heroku", "vercel", "mixpanel", "thoughtspot", "sisense", "clickhouse"}
)  # fmt: skip


def _names_a_company(text: str, low: str, start: int, end: int, key: str) -> bool:
    """True for "Torch Technologies", "Databricks Inc." and, for tool-companies, "worked at Databricks"."""
    capitalised_pair = (
        text[start].isupper() and end + 1 < len(text) and text[end] == " " and text[end + 1].isupper()
    )
    if capitalised_pair and _next_word(low, end) in _COMPANY_SUFFIX:
        return True
    return key in _COMPANY_TOOLS and _AT_COMPANY.search(low, max(0, start - 40), start) is not None


# ----------------------------------------------------------------------------------------------- guards
_CS_GUARDS: dict[str, str] = {
    "R": "r", "Go": "go", "GO": "go", "C": "c", "Julia": "list", "Rust": "rust", "RUST": "rust", "GCP": "gcp",
    "RAG": "rag",
    "RL": "rl",
    "CV": "ml-list",
    "DL": "ml-list",
    "OpenAI": "name",
    "Gemini": "name",
    **{
        alias: "tech"
        for alias in (
            "Swift", "Lua", "Dart", "JAX", "Jax", "Ray", "Prefect", "Oracle", "Weka", "WEKA", "RAPIDS", "D3",
            "React", "Angular", "Vue", "Puppet", "Chef", "Prometheus", "Confluence", "Domo", "DOMO", "Superset",
            "Amplitude", "Haystack", "DAX", "Athena", "Dataflow", "ECS", "Lambda", "Arrow", "Maven", "Periscope",
        )
    },
}  # fmt: skip


class _Scanner:
    """Overlapping multi-pattern search returning (key index, start, end) in str offsets."""

    def __init__(self, keys: list[str]) -> None:
        self._keys = keys
        if _ars is not None:
            self._ars = _ars.AhoCorasick(keys, matchkind=_ars.MatchKind.Standard)
        else:  # pragma: no cover - exercised where ahocorasick_rs is absent
            self._ars = None
            self._py = _pyac.Automaton()
            for i, k in enumerate(keys):
                self._py.add_word(k, i)
            self._py.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, int]]:
        if not self._keys:
            return []
        if self._ars is not None:
            return self._ars.find_matches_as_indexes(text, overlapping=True)
        keys = self._keys  # pragma: no cover
        return [(i, last + 1 - len(keys[i]), last + 1) for last, i in self._py.iter(text)]  # pragma: no cover


class SkillMatcher:
    """Finds taxonomy skills in posting text; build once per taxonomy (see `skill_matcher`)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        skills = taxonomy.skills
        self._category = {sid: s.category for sid, s in skills.items()}
        self._implied = {sid: _closure(sid, skills) for sid in skills}
        self._shadows = {sid: frozenset(_relation(s, "shadows")) for sid, s in skills.items()}
        ci: dict[str, set[str]] = {}
        cs: dict[str, set[str]] = {}
        for sid, skill in skills.items():
            for alias in skill.aliases:
                for variant in _variants(alias, skill.category):
                    ci.setdefault(variant, set()).add(sid)
            for alias in skill.case_sensitive_aliases:
                cs.setdefault(alias, set()).add(sid)
        # One automaton for everything. Payload per key:
        #   alias: (0, skill ids, needs a word boundary on the left, on the right, key)
        #   cue:   (1-3, (), needs a word boundary on the left, on the right, key)
        #   cased: (_CASED, {spelling as written: (skill ids, guard name or None)}, None, None, lower-cased alias)
        self._keys: list[str] = sorted(ci)
        self._payload: list[tuple[Any, ...]] = [
            (
                0,
                self._counted(tuple(sorted(ci[k]))),
                k[0].isalnum(),
                k[-1].isalnum(),
                k,
                _VETOES.get(k),
                k in _COMPANY_TOOLS,
            )
            for k in self._keys
        ]
        for kind, phrases in _CUES.items():
            for phrase in phrases:
                self._keys.append(phrase)
                self._payload.append(
                    (_CUE_CODE[kind], None, phrase[0].isalnum(), phrase[-1].isalnum(), phrase, None, False)
                )
        # spellings that differ only in case ("Weka", "WEKA") share their keys: the payload maps each spelling
        # as written to (skills, guard)
        spellings: dict[str, dict[str, tuple[Any, str | None]]] = {}
        for alias in sorted(cs):
            spelling = (self._counted(tuple(sorted(cs[alias]))), _CS_GUARDS.get(alias))
            spellings.setdefault(alias.lower(), {})[alias] = spelling
        for lowered, by_case in sorted(spellings.items()):
            entry = (_CASED, by_case, None, None, lowered, None, False)
            for lead in _CS_LEADERS:
                for follower in _CS_FOLLOWERS:
                    self._keys.append(lead + lowered + follower)
                    self._payload.append(entry)
        if len(set(self._keys)) != len(self._keys):  # a key added twice would keep one payload only
            raise ValueError("skill matcher: the same key was added twice (an alias equals a cue phrase?)")
        self._scan = _Scanner(self._keys)

    def _counted(self, sids: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the skills, the skills plus what they imply), computed once per alias."""
        counted = list(sids)
        for sid in sids:
            counted.extend(x for x in self._implied.get(sid, ()) if x not in counted)
        return sids, tuple(counted)

    def __reduce__(self) -> tuple[Any, ...]:
        # the automata rebuild in milliseconds; pickling the taxonomy keeps process pools and Spark simple
        return (SkillMatcher, (self._taxonomy,))

    # ---------------------------------------------------------------------------------------- matching
    def extract(self, text: str, sections: Sequence[Section] | None = None) -> tuple[SkillMention, ...]:
        """The skills `text` asks for, by first mention, each id once (required beats preferred beats None)."""
        if not text:
            return ()
        # shared with the section splitter and the degree and years extractors (cached), except where "İ",
        # the one character whose lower case is longer, would move the offsets
        low = (
            lower(text)
            if "\u0130" not in text
            else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        )
        hits: list[_Hit] = []
        guarded: list[tuple[_Hit, str]] = []
        cues: tuple[list[int], list[int], list[int]] = ([], [], [])
        self._find(text, low, hits, guarded, cues)
        if guarded:
            self._accept_guarded(text, hits, guarded)
        if not hits:
            return ()
        return self._mentions(text, self._resolve_overlaps(hits), sections, cues)

    def _find(
        self,
        text: str,
        low: str,
        hits: list[_Hit],
        guarded: list[tuple[_Hit, str]],
        cues: tuple[list[int], list[int], list[int]],
    ) -> None:
        """One scan of " " + low + " "; an offset in the padded text is one more than in `text`."""
        padded = " " + low + " "
        payload = self._payload
        new_hit = _new_hit
        for idx, p_start, p_end in self._scan.find(padded):
            kind, sids, left_word, right_word, key, veto, company_tool = payload[idx]
            if kind == _CASED:  # the key is leader + alias + follower: text[p_start:p_end - 2] is the alias
                start, end = p_start, p_end - 2
                spelling = sids.get(text[start:end])  # sids maps the spellings as written
                if spelling is None:
                    continue
                if padded[p_end - 1] in "./" and _in_link(low, start, end):
                    continue
                counted, guard = spelling
                if guard is None:
                    hits.append(new_hit((start, end, *counted)))
                else:
                    guarded.append((new_hit((start, end, *counted)), guard))
                continue
            if (left_word and padded[p_start - 1].isalnum()) or (right_word and padded[p_end].isalnum()):
                continue
            start, end = p_start - 1, p_end - 1
            if kind:
                cues[kind - 1].append(start)
                continue
            if (padded[p_start - 1] in "./@" or padded[p_end] in "./@") and _in_link(low, start, end):
                continue
            if veto is not None and veto(text, low, start, end):
                continue
            # "Torch Technologies": only a capitalised hit followed by another capitalised word can name one
            if (
                company_tool
                or (
                    text[end : end + 1] == " " and text[end + 1 : end + 2].isupper() and text[start].isupper()
                )
            ) and _names_a_company(text, low, start, end, key):
                continue
            hits.append(new_hit((start, end, *sids)))

    def _accept_guarded(self, text: str, hits: list[_Hit], guarded: list[tuple[_Hit, str]]) -> None:
        """Accept guarded case-sensitive hits whose context makes them the tool; repeat for chains."""
        pending = guarded
        while pending:
            anchors = sorted((h.start, h.end, h.skills) for h in hits)
            starts = [a[0] for a in anchors]
            left = [
                (h, g) for h, g in pending if not _guard_passes(g, text, h, anchors, starts, self._category)
            ]
            hits.extend(h for h, g in pending if (h, g) not in left)
            if len(left) == len(pending):
                break
            pending = left

    def _resolve_overlaps(self, hits: list[_Hit]) -> list[_Hit]:
        # by start, the longer of two hits at one place first (two stable sorts with C keys: no lambda calls)
        hits.sort(key=_END, reverse=True)
        hits.sort(key=_START)
        kept: list[_Hit] = []
        reach = -1  # the furthest end of a kept hit
        for h in hits:
            if h.start >= reach:  # overlaps nothing kept
                kept.append(h)
                reach = h.end
                continue
            hidden = False
            for k in reversed(kept):
                if k.end <= h.start or (k.start, k.end) == (h.start, h.end) or h.end > k.end:
                    continue
                hiding = set(k.skills).union(*(self._shadows.get(s, ()) for s in k.skills))
                if hiding.intersection(h.skills):
                    hidden = True
                    break
            if not hidden:
                kept.append(h)
                reach = max(reach, h.end)
        return kept

    # ---------------------------------------------------------------------------------------- context
    def _mentions(
        self,
        text: str,
        hits: list[_Hit],
        sections: Sequence[Section] | None,
        cues: tuple[list[int], list[int], list[int]],
    ) -> tuple[SkillMention, ...]:
        # the sentences that hold a cue, with the cues they hold (bits 1 boilerplate, 2 preferred, 4 required)
        cue_bits: dict[tuple[int, int], int] = {}
        for bit, positions in zip((1, 2, 4), cues, strict=True):
            for pos in positions:
                span = _sentence_span(text, pos, pos + 1)
                cue_bits[span] = cue_bits.get(span, 0) | bit
        cue_spans = sorted(cue_bits.items())
        cue_starts = [lo for (lo, _), _ in cue_spans]
        section_starts = [s.start for s in sections] if sections else []
        order: list[str] = []
        required: dict[str, bool | None] = {}
        for h in sorted(hits):  # by start, the shorter of two hits at one place first
            base: bool | None = None
            if sections:
                i = bisect_right(section_starts, h.start) - 1
                kind = (
                    sections[i].kind
                    if i >= 0 and h.start < sections[i].start + len(sections[i].text)
                    else None
                )
                if kind in ("company", "benefits", "equal_opportunity"):
                    continue
                base = True if kind == "requirements" else False if kind == "preferred" else None
            bits = 0
            j = bisect_right(cue_starts, h.start) - 1
            if j >= 0:
                (_, hi), found = cue_spans[j]
                if h.end <= hi:
                    bits = found
            if bits & 1:
                continue
            is_preferred, is_required = bits & 2, bits & 4
            flag = base
            if is_preferred:
                flag = False
            elif base is None and is_required:
                flag = True
            for sid in h.counted:
                if sid not in required:
                    order.append(sid)
                    required[sid] = flag
                else:
                    required[sid] = _stronger(required[sid], flag)
        return tuple(SkillMention(sid, required[sid]) for sid in order)


# ------------------------------------------------------------------------------------------- helpers
def _relation(skill: Skill, name: str) -> tuple[str, ...]:
    return tuple(getattr(skill, name))


def _closure(sid: str, skills: dict[str, Skill]) -> tuple[str, ...]:
    """Skills a mention of `sid` also counts for, transitively (github-actions -> github -> git)."""
    out: list[str] = []
    todo = list(_relation(skills[sid], "implies"))
    while todo:
        x = todo.pop(0)
        if x in skills and x != sid and x not in out:
            out.append(x)
            todo.extend(_relation(skills[x], "implies"))
    return tuple(out)


def _variants(alias: str, category: str) -> set[str]:
    """The spellings an alias is matched in: as written, hyphen <-> space, and a plural where it makes sense."""
    base = " ".join(alias.lower().split())
    out = {base}
    if "-" in base:
        out.add(base.replace("-", " "))
    if " " in base:
        out.add(base.replace(" ", "-"))
    if (category in _PLURAL_CATEGORIES or " " in base) and base[-1].isalpha() and not base.endswith("s"):
        out |= {v + "s" for v in list(out)}
    return out


def _in_link(low: str, start: int, end: int) -> bool:
    """True when the hit is part of a URL, domain or e-mail address."""
    lo = start
    while lo > 0 and not low[lo - 1].isspace() and start - lo < 80:
        lo -= 1
    hi = end
    while hi < len(low) and not low[hi].isspace() and hi - end < 80:
        hi += 1
    token = low[lo:hi].rstrip(".,;:)")
    return bool(_LINKISH.search(token)) and not token.endswith((".js", ".net"))


def _in_list(
    text: str,
    hit: _Hit,
    anchors: list[tuple[int, int, tuple[str, ...]]],
    starts: list[int],
    category: dict[str, str],
    only: frozenset[str] = _LIST_CATEGORIES,
) -> bool:
    """True when the hit sits in a list with another skill of the `only` categories: only separators, "and",
    "or" ... (or a few unknown capitalised items) between them."""

    def fits(sids: tuple[str, ...]) -> bool:
        return any(category.get(s) in only for s in sids)

    i = bisect_right(starts, hit.start)
    j = i - 1
    while j >= 0 and (anchors[j][1] > hit.start or not fits(anchors[j][2])):
        j -= 1
    while i < len(anchors) and (anchors[i][0] < hit.end or not fits(anchors[i][2])):
        i += 1
    gaps = []
    if j >= 0 and hit.start - anchors[j][1] <= 40:
        gaps.append((anchors[j][1], hit.start))
    if i < len(anchors) and anchors[i][0] - hit.end <= 40:
        gaps.append((hit.end, anchors[i][0]))
    return any(
        _LIST_GAP.fullmatch(text, lo, hi) or _LIST_GAP_ITEMS.fullmatch(text, lo, hi) for lo, hi in gaps
    )


_ML_AREAS = frozenset({"method", "genai"})


def _guard_passes(
    guard: str,
    text: str,
    hit: _Hit,
    anchors: list[tuple[int, int, tuple[str, ...]]],
    starts: list[int],
    category: dict[str, str],
) -> bool:
    start, end = hit.start, hit.end
    if guard == "gcp":  # Good Clinical Practice in pharma postings
        lo, hi = max(0, start - 120), end + 120
        return not (_may_match(text, lo, hi, _CLINICAL_WORDS) and _CLINICAL.search(text, lo, hi))
    if guard == "rag":  # RAG status (red/amber/green) in project reporting
        # the word after, from a short lower-cased slice ("İ" lengthens when lower-cased: then as before)
        after = (
            _next_word(text[end : end + 24].lower(), 0)
            if "\u0130" not in text
            else _next_word(text.lower(), end)
        )
        return after not in (
            "status",
            "rating",
            "ratings",
            "report",
            "reporting",
            "red",
        )
    if guard == "rl":  # "S. de RL de CV" is a Mexican company form
        return not text.startswith(" de ", end)
    if guard == "rust":
        return not text.startswith(" Belt", end)
    if guard == "c":
        return _in_list(text, hit, anchors, starts, category, _LANGUAGE_ONLY)
    if guard == "ml-list":  # "LLM, CV, NLP": an abbreviation among other ML areas
        return _in_list(text, hit, anchors, starts, category, _ML_AREAS)
    if _in_list(text, hit, anchors, starts, category):
        return True
    lo = max(0, start - 120)
    if text.find(":", lo, start) >= 0 and _STACK_BEFORE.search(text, lo, start):  # a label needs its colon
        return True
    if guard == "list":
        return False
    if _TECH_NOUN_AFTER.match(text, end) or (guard == "r" and _R_NOUN_AFTER.match(text, end)):
        return True
    if guard == "tech":  # a tool name that is also a word or a name counts before a technical noun
        return False
    if guard == "go":
        if text.startswith(("-", "\u2013"), end):  # go-to-market
            return False
        lo = max(0, start - 24)
        if (
            _may_match(text, lo, start, _ROLE_WORDS) and _ROLE_BEFORE.search(text, lo, start)
        ) or _STATE_AFTER.match(text, end):
            return True
    # "r", "go", "name": "experience in R", "written in Go", "frameworks like OpenAI"
    return _END_AFTER.match(text, end) is not None and (
        _PREPOSITION_BEFORE.search(text, max(0, start - 16), start) is not None
    )


def _may_match(text: str, lo: int, hi: int, literals: tuple[str, ...]) -> bool:
    """False only when no match of a case-insensitive pattern, every match of which contains one of
    `literals` (lower case), can lie in text[lo:hi]: an `in` test before a regex search that costs tens of
    µs per window. Only ASCII windows are decided here (re.IGNORECASE also folds a few non-ASCII letters,
    "ſ" matches "s")."""
    window = text[lo:hi]
    if not window.isascii():
        return True
    window = window.lower()
    return any(word in window for word in literals)


# every match of _CLINICAL and of _ROLE_BEFORE contains one of these
_CLINICAL_WORDS = (
    "clinical", "ich", "fda", "gmp", "glp", "gxp", "trial", "pharmacovigilance", "regulatory", "sop", "cro",
    "investigator", "irb",
)  # fmt: skip
_ROLE_WORDS = ("engineer", "developer", "end", "%")


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line around a hit; in a long line, its sentence (". ", "; ", "* ", "• "); in a long sentence, a
    250-character block. Deterministic, so a cue and a hit in the same span get the same (lo, hi)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    if hi < 0:
        hi = len(text)
    if hi - lo <= 300:
        return lo, hi
    line_lo = lo
    for mark in _SENTENCE_MARKS:
        lo = max(lo, text.rfind(mark, line_lo, start) + 1)
        cut = text.find(mark, end, hi)
        if cut >= 0:
            hi = cut + 1
    if hi - lo > 400:
        block = (start - lo) // 250
        lo, hi = lo + 250 * block, min(hi, lo + 250 * (block + 1))
    return lo, hi


_SENTENCE_MARKS = (". ", "; ", "* ", "\u2022 ", "? ", "! ")


def _stronger(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    if a is False or b is False:
        return False
    return None


_CACHE: dict[int, tuple[weakref.ref[Taxonomy], SkillMatcher]] = {}


def skill_matcher(taxonomy: Taxonomy) -> SkillMatcher:
    """The matcher for `taxonomy`, built once per taxonomy object and reused."""
    entry = _CACHE.get(id(taxonomy))
    if entry is not None and entry[0]() is taxonomy:
        return entry[1]
    matcher = SkillMatcher(taxonomy)
    _CACHE[id(taxonomy)] = (weakref.ref(taxonomy), matcher)
    return matcher
