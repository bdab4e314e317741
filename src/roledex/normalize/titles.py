"""Job title -> role id, level, track and internship flag (spec/ids.md).

How a title is read
-------------------
A title is a noun phrase: modifiers, a *head noun* and optional qualifiers. "Senior Machine Learning
Engineer, Platform" has the head "engineer", the modifiers "senior" (a level) and "machine learning" (a topic)
and the qualifier "Platform". The role follows from the head and its nearest topic words:

    engineer + ml            -> ml-engineer          scientist + data     -> data-scientist
    engineer + data          -> data-engineer        scientist + ml       -> research-scientist
    engineer + software      -> software-engineer    analyst + marketing  -> data-analyst
    manager + data science   -> data-scientist       head of + ai         -> data-leader

A head whose own phrase says little ("Software Engineer", "Manager", "Intern", "Member of Technical Staff")
takes its topic from the qualifiers: "Software Engineer, Machine Learning" -> ml-engineer,
"Manager, Data Science" -> data-scientist, "Member of Technical Staff - Inference" -> ml-engineer.
A title that names two roles ("Data Scientist / ML Engineer") takes the first data/ML role; a software or
other role listed first and separated by a comma or dash ("Software Engineers, Research Engineer") stays first.

Decisions worth knowing
-----------------------
- Member of Technical Staff without a qualifier -> ml-research-engineer: AI labs (OpenAI, Anthropic,
  Inflection) use MTS for the engineers who build and train models; with a qualifier the qualifier decides.
- Bare "Engineer", "Manager", "Analyst", "Associate", "Consultant", "Scientist" -> other (confidence 0.4);
  bare "Developer" -> software-engineer; consultants, recruiters, sales, legal ... -> other; AI-trainer gig
  titles ("Software Engineer for Training AI Data") -> other. Only such a bare generic title looks at the
  description: a role named in its opening ("As a Machine Learning Engineer you ...") wins, confidence 0.5.
- "Research Scientist" with a life-science or other-field word ("Immunology", "Clinical") -> other;
  "Machine Learning Scientist" -> research-scientist, "Applied ML Scientist" -> applied-scientist.
- Head of / VP / Chief of AI or Data -> data-leader; of a narrower function -> that function
  ("Director of Data Science" -> data-scientist, "Director of Engineering" -> software-engineer).
- Levels: EX for head/director/VP/chief (not "Account Director", a senior sales IC); otherwise the first
  cue in the title: intern/junior/graduate/associate -> EN, mid/intermediate -> MI ("Experienced" is none),
  senior/staff/principal/lead/expert/people manager -> SE; then grades after the role noun (I/1 -> EN,
  II/2 -> MI, III+/3+ -> SE) and ladders (L3 EN, L4 MI, L5+ SE; IC1-2 EN, IC3 MI, IC4+ SE).
  "Senior Associate" -> MI, "Principal Associate" -> SE; "Associate" as the head noun of a non-data title
  ("Associate", "Research Associate") is a grade of its own, not a level word (the salary survey codes
  it MI), so it gives no level.
- No level in the title: a description that says the person manages people -> SE; else `min_years`
  (< 2 -> EN, 2 to < 5 -> MI, >= 5 -> SE: "2+ years" is mid-level, "5+ years" is senior); else a
  description that has the person lead a team of N -> SE, or says entry-level / recent graduates -> EN;
  else MI (level_source "default").
- Track `manager` when the title names people management (manager, head, director, VP, chief, team lead)
  or the description does ("direct reports", "manage a team of", "people management"); functional
  managers (product, project, program, account ... manager) and "Lead" alone stay `ic`.

Confidence: 1.0 the title is a role name and level words only ("Senior Data Scientist"); 0.9 a role name
with other words; 0.85 a non-data role ("Recruiter"); 0.8/0.7 a software or generic default; 0.75 a role
taken from a qualifier; 0.6 Member of Technical Staff; 0.5 topic words only or the description; 0.4 a bare
generic title.

Speed: what the title alone says is cached per title (`classify_role` and the title facts), the spelling
rules run only when one of their trigger words occurs (one Aho-Corasick pass), and the description is
read through `employment.scan_description`, shared with the employment and arrangement normalizers.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from roledex.models import Level, Track
from roledex.normalize import title_rules as R
from roledex.normalize.employment import has_any, scan_description

__all__ = ["TitleInfo", "classify_role", "classify_title", "clean_title", "level_from_years"]


@dataclass(frozen=True, slots=True)
class TitleInfo:
    role: str  # ids.md role id
    level: Level | None  # EN/MI/SE/EX
    track: Track  # "ic" | "manager"
    internship: bool
    confidence: float  # 0..1, how sure the role is (1 = exact alias, lower = fallback/ambiguous)
    level_source: str  # "title" | "years" | "description" | "default"


# --------------------------------------------------------------------------------------------------------
# cleaning and tokens
# --------------------------------------------------------------------------------------------------------


def clean_title(title: str) -> str:
    """Lower-case, accent-free title with multi-word terms folded into single tokens (see title_rules)."""
    text = title
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    pending = _fired_rules(text, -1)
    while pending:
        k = pending[0]
        pattern, repl, _ = R.CANON[k]
        changed = pattern.sub(repl, text)
        if changed != text:
            text = changed
            pending = _fired_rules(
                text, k
            )  # a rewrite can bring in another rule's trigger ("sr" -> "senior")
        else:
            pending = pending[1:]
    return " ".join(text.split())


def _trigger_automaton() -> ahocorasick.Automaton:
    rules_of: dict[str, list[int]] = {}
    for k, (_, _, triggers) in enumerate(R.CANON):
        for trigger in triggers:
            rules_of.setdefault(trigger, []).append(k)
    auto = ahocorasick.Automaton()
    for trigger, rules in rules_of.items():
        auto.add_word(trigger, tuple(rules))
    auto.make_automaton()
    return auto


_TRIGGERS = _trigger_automaton()


def _fired_rules(text: str, after: int) -> list[int]:
    """Indices (> after, in order) of the canonical rules whose trigger occurs in the text: one pass."""
    return sorted({k for _, rules in _TRIGGERS.iter(text) for k in rules if k > after})


_WEAK = frozenset({"swew", "eng", "infra", "applied", "computer", "model", "training", "ops", "neutral"})
_ML = frozenset({"ml", "ai", "nlp", "cv", "mlops", "inference", "mlscience"})
_DATA = frozenset(
    {"data", "bigdata", "analytics", "bi", "reporting", "ds", "decision", "insight", "stats", "quant"}
)
_DATA_ML = _ML | _DATA


@dataclass(frozen=True, slots=True)
class _Topic:
    fam: str
    tok: str
    joined: bool  # joined to the previous topic by "/", "&", "and" ...


@dataclass(frozen=True, slots=True)
class _Guess:
    role: str
    strength: int  # 3 data/ML role, 2 other or strong software function, 1 weak (a qualifier may refine it)


def _topics(tokens: list[str]) -> list[_Topic]:
    out: list[_Topic] = []
    prev_topic_at = -10
    for i, tok in enumerate(tokens):
        fam = R.TOPICS.get(tok)
        if fam is None or fam == "neutral":
            continue
        joined = prev_topic_at >= 0 and i - prev_topic_at == 2 and tokens[i - 1] in R.JOINERS
        out.append(_Topic(fam, tok, joined))
        prev_topic_at = i
    return out


def _nearest_group(topics: list[_Topic]) -> list[_Topic]:
    """The topic nearest the head (the last one) plus the topics coordinated with it."""
    strong = [t for t in topics if t.fam not in _WEAK]
    if not strong:
        return []
    k = len(strong) - 1
    while k > 0 and strong[k].joined:
        k -= 1
    return strong[k:]


def _first_group(topics: list[_Topic]) -> list[_Topic]:
    """The first strong topic of a qualifier plus the topics coordinated with it."""
    strong = [t for t in topics if t.fam not in _WEAK]
    if not strong:
        return []
    k = 1
    while k < len(strong) and strong[k].joined:
        k += 1
    return strong[:k]


# --------------------------------------------------------------------------------------------------------
# role of one head noun with its topics
# --------------------------------------------------------------------------------------------------------


def _engineer(
    group: list[_Topic],
    fams_all: set[str],
    head: str,
    swe_near: bool | None = None,
    last_fam: str | None = None,
) -> _Guess | None:
    """Engineers, developers, programmers. None when the phrase has no topic at all.

    `swe_near` says whether a software function word ("Full Stack") belongs to the alternative nearest the
    head; by default any such word in the phrase makes the role software-engineer. `last_fam` is the family
    of the word right before the head: "Robotics Software Engineer" is a software engineer in robotics.
    """
    if "dops" in fams_all:  # "Data Operations Engineer" builds data pipelines
        fams_all = (fams_all - {"dops"}) | {"bigdata"}
        group = [_Topic("bigdata", t.tok, t.joined) if t.fam == "dops" else t for t in group]
    if swe_near if swe_near is not None else "swe" in fams_all:
        return _Guess("software-engineer", 2)
    if group:
        fams = [t.fam for t in group]
        if fams == ["sol"] and fams_all & _DATA_ML:
            fams = [
                f for f in sorted(fams_all & _DATA_ML)
            ]  # "Data Solutions Engineer": the data word decides
        if fams[0] in ("other", "sol", "sales", "marketing", "business"):
            if last_fam in ("swew", "infra"):
                return _Guess("software-engineer", 1)
            if "data" in fams_all and fams[0] == "other":
                return _Guess("data-engineer", 3)  # "Data Governance Engineer", "Data Quality Engineer"
            return _Guess("other", 2)
        if fams[0] == "dmodel":
            return _Guess("data-architect", 3)
        if "nlp" in fams:
            return _Guess("nlp-engineer", 3)
        if "cv" in fams:
            return _Guess("computer-vision-engineer", 3)
        first = fams[0]
        if first == "mlops":
            return _Guess("mlops-engineer", 3)
        if first in _ML:
            if fams_all & {"infra", "ops"}:
                return _Guess("mlops-engineer", 3)
            if "research" in fams_all:
                return _Guess("ml-research-engineer", 3)
            if "ml" in fams or "inference" in fams or "mlscience" in fams:
                return _Guess("ml-engineer", 3)
            return _Guess("ai-engineer", 3)
        if first == "research":
            if group[0].tok == "rnd" and not fams_all & _ML:
                return _Guess("other", 2)
            return _Guess("ml-research-engineer", 3)
        if "bi" in fams_all or first == "reporting":
            return _Guess("bi-developer", 3)
        if first == "analytics":
            if fams_all & {"infra"}:
                return _Guess("data-engineer", 3)  # "Analytics Platform Engineer" builds data infrastructure
            return _Guess("analytics-engineer", 3)
        if first in ("ds", "decision"):
            return _Guess("data-scientist", 3)
        if first == "quant":
            return _Guess("quantitative-analyst", 3)
        if first == "stats":
            return _Guess("statistician", 3)
        if first in ("data", "bigdata", "insight"):
            return _Guess("data-engineer", 3)
        if first in ("product", "growth", "web"):
            return _Guess("software-engineer", 1)
    if fams_all & {"swew", "eng", "infra"} or head in ("developer", "programmer", "dev"):
        return _Guess("software-engineer", 1)
    return None


def _scientist(group: list[_Topic], fams_all: set[str], clean: str) -> _Guess | None:
    if fams_all & {"data", "ds", "decision", "bigdata"}:
        return _Guess("data-scientist", 3)
    fams = [t.fam for t in group]
    if "cv" in fams:
        return _Guess("computer-vision-engineer", 3)
    if "nlp" in fams:
        return _Guess("nlp-engineer", 3)
    if "applied" in fams_all and not fams_all & {"other"}:
        return _Guess("applied-scientist", 3)
    if not fams:
        if "computer" in fams_all:
            return _research(clean)
        return None
    first = fams[0]
    if first == "quant":
        return _Guess("quantitative-analyst", 3)
    if first == "stats":
        return _Guess("statistician", 3)
    if first in ("ml", "ai", "mlscience", "inference", "mlops"):
        # the scientist's own topic is ML: "Machine Learning Scientist, Genomics" applies ML to genomics
        return _Guess("research-scientist", 3)
    if first == "research":
        return _research(clean)
    if first in ("other", "sol", "marketing", "sales", "business"):
        return _Guess("other", 2)
    return None


def _research(clean: str) -> _Guess:
    if R.OTHER_FIELD_RE.search(clean):
        return _Guess("other", 2)
    return _Guess("research-scientist", 3)


def _researcher(group: list[_Topic], fams_all: set[str], clean: str) -> _Guess:
    fams = [t.fam for t in group]
    if fams_all & {"data", "ds", "decision"}:
        return _Guess("data-scientist", 3)
    if "cv" in fams:
        return _Guess("computer-vision-engineer", 3)
    if "nlp" in fams:
        return _Guess("nlp-engineer", 3)
    if fams and fams[0] == "quant":
        return _Guess("quantitative-analyst", 3)
    if fams and fams[0] in ("other", "swe", "marketing", "sales", "business", "insight"):
        return _Guess("other", 2)
    return _research(clean)


def _analyst(group: list[_Topic], fams_all: set[str]) -> _Guess | None:
    if "bi" in fams_all:
        return _Guess("bi-developer", 3)
    fams = [t.fam for t in group]
    if not fams:
        return None
    first = fams[0]
    if first == "quant" or "quant" in fams_all:  # "Quantitative Research Analyst"
        return _Guess("quantitative-analyst", 3)
    if first == "stats":
        return _Guess("statistician", 3)
    if first == "business":
        return _Guess("business-analyst", 3)
    if first in _DATA or first in ("marketing", "product", "growth", "sales", "web") or first in _ML:
        return _Guess("data-analyst", 3)
    return _Guess("other", 2)


def _architect(group: list[_Topic], fams_all: set[str], head: str) -> _Guess | None:
    fams = [t.fam for t in group]
    if not fams:
        if fams_all & {"swew", "eng", "infra"}:
            return _Guess("software-engineer", 2)
        return None
    first = fams[0]
    if first in ("data", "bigdata", "analytics", "insight", "ds"):
        return _Guess("data-architect", 3)
    if first == "bi":
        return _Guess("bi-developer", 3)
    if first in ("ml", "mlops", "inference", "model") or (head == "modeler" and first == "ml"):
        return _Guess("ml-engineer", 3)
    if first in ("ai", "nlp", "cv"):
        return _Guess("ai-engineer", 3) if head == "architect" else _Guess("ml-engineer", 3)
    if first == "swe":
        return _Guess("software-engineer", 2)
    return _Guess("other", 2)


# The role a manager, head or director of a topic leads ("Director of Data Science": data-scientist).
_LED_ROLE: dict[str, str] = {
    "ds": "data-scientist",
    "decision": "data-scientist",
    "mlscience": "research-scientist",
    "mlops": "mlops-engineer",
    "ml": "ml-engineer",
    "inference": "ml-engineer",
    "nlp": "nlp-engineer",
    "cv": "computer-vision-engineer",
    "ai": "data-leader",
    "analytics": "data-analyst",
    "insight": "data-analyst",
    "reporting": "data-analyst",
    "bi": "bi-developer",
    "bigdata": "data-engineer",
    "quant": "quantitative-analyst",
    "stats": "statistician",
    "dmodel": "data-architect",
}
# The role of a grade or programme word by its topic ("Data Science Intern", "ML Fellow"); the broad topics
# only where the head is not a specialist ("AI Specialist" says too little to be an AI engineer).
_GRADED_ROLE: dict[str, str] = {
    "ds": "data-scientist",
    "decision": "data-scientist",
    "bi": "bi-developer",
    "ml": "ml-engineer",
    "mlscience": "ml-engineer",
    "nlp": "nlp-engineer",
    "cv": "computer-vision-engineer",
    "mlops": "mlops-engineer",
    "quant": "quantitative-analyst",
    "stats": "statistician",
    "analytics": "data-analyst",
    "reporting": "data-analyst",
    "insight": "data-analyst",
}
_GRADED_BROAD_ROLE: dict[str, str] = {"ai": "ai-engineer", "bigdata": "data-engineer", "data": "data-analyst"}


def _leader(
    group: list[_Topic], fams_all: set[str], clean: str, topics: list[_Topic] | None = None
) -> _Guess | None:
    """Managers, heads, directors, VPs, chiefs, leads, owners (product owner).

    "Data Engineering Manager" leads data engineers (the topic modifies "engineering"); "Head of AI &
    Engineering" leads two departments and stays a data/AI leader.
    """
    fams = [t.fam for t in group]
    if "product" in fams_all and not fams_all & {"eng", "swe"}:
        return None  # decided with the whole title by _product_role
    if not fams:
        if fams_all & {"eng", "swew", "infra"}:
            return _Guess("software-engineer", 1)
        return None
    if topics is not None and _modified_engineering(topics):
        as_engineer = _engineer(group, fams_all - {"eng"}, "engineer")
        if as_engineer is not None and as_engineer.strength == 3:
            return as_engineer
    if "bi" in fams_all:
        return _Guess("bi-developer", 3)
    first = fams[0]
    role = _LED_ROLE.get(first)
    if role is not None:
        return _Guess(role, 3)
    if first == "data":
        return _Guess("other", 2) if "other" in fams_all else _Guess("data-leader", 3)
    if first == "research":
        return _research(clean)
    if first == "swe" and not {t.tok for t in group} & {"security", "test", "testing"}:
        return _Guess("software-engineer", 2)
    return _Guess("other", 2)


def _modified_engineering(topics: list[_Topic]) -> bool:
    """True for "data engineering", "analytics engineering", "ML engineering" (not "AI & Engineering")."""
    return any(
        t.fam == "eng" and not t.joined and i > 0 and topics[i - 1].fam in _DATA_ML
        for i, t in enumerate(topics)
    )


def _swe_near(phrase: list[str]) -> bool:
    """A software function word in the alternative nearest the head ("Full Stack / Applied AI Engineer"
    has two alternatives; the nearer one is about AI), or anywhere when no alternative is about data/ML."""
    alternatives: list[list[str]] = [[]]
    for tok in phrase:
        if tok in ("/", "or"):
            alternatives.append([])
        else:
            alternatives[-1].append(tok)
    fams_by_alt = [{R.TOPICS.get(t) for t in alt} for alt in alternatives]
    any_swe = any("swe" in f for f in fams_by_alt)
    if not any_swe:
        return False
    nearest = [R.TOPICS.get(t) for t in alternatives[-1] if R.TOPICS.get(t) is not None]
    joined = any(t in ("&", "and", "+") for t in alternatives[-1])  # "React & AI Engineer": two functions
    if nearest and nearest[-1] in _DATA_ML and not joined:
        return False  # "Azure Full-Stack Data Engineer": the word next to the head names the function
    return all(not (fams & _DATA_ML and "swe" not in fams) for fams in fams_by_alt)


def _generic(group: list[_Topic], fams_all: set[str], head: str, clean: str) -> _Guess | None:
    """Interns, associates, graduates, postdocs, fellows, principals, specialists, experts."""
    fams = [t.fam for t in group]
    specialist = R.HEADS.get(head) == "specialist"
    if head == "postdoc":
        return _research(clean)
    if not fams:
        if fams_all & {"swew", "eng"} and not specialist:
            return _Guess("software-engineer", 1)
        return None
    first = fams[0]
    role = _GRADED_ROLE.get(first)
    if role is not None:
        return _Guess(role, 3)
    if specialist:
        return _Guess("other", 2) if first in ("other", "sol") else None
    role = _GRADED_BROAD_ROLE.get(first)
    if role is not None:
        return _Guess(role, 3)
    if first == "research":
        return _Guess("other", 2) if head == "associate" else _research(clean)
    if first == "swe":
        return _Guess("software-engineer", 2)
    return _Guess("other", 2)


def _product_role(fams_all: set[str]) -> _Guess:
    if fams_all & (_DATA_ML | {"ai"}):
        return _Guess("ai-product-manager", 3)
    return _Guess("other", 2)


# --------------------------------------------------------------------------------------------------------
# the whole title
# --------------------------------------------------------------------------------------------------------


def _is_head(tokens: list[str], i: int) -> bool:
    tok = tokens[i]
    if tok not in R.HEADS:
        return False
    if tok in R.CLOSING_HEADS:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt not in R.SEGMENT_BREAK and nxt not in R.JOINERS and nxt != "with":
            return False
        if i > 0 and tokens[i - 1] in R.HEADS and R.HEADS[tokens[i - 1]] != "generic":
            return False
    return True


@dataclass(frozen=True, slots=True)
class _Head:
    index: int
    tok: str
    kind: str
    phrase: list[str]
    start: int  # index of the first phrase token


def _heads(tokens: list[str]) -> list[_Head]:
    head_at = [_is_head(tokens, i) for i in range(len(tokens))]
    out: list[_Head] = []
    for i, tok in enumerate(tokens):
        if not head_at[i]:
            continue
        j = i - 1
        while j >= 0 and tokens[j] not in R.PHRASE_BREAK and not head_at[j]:
            j -= 1
        out.append(_Head(i, tok, R.HEADS[tok], tokens[j + 1 : i], j + 1))
    return out


def _guess_head(h: _Head, tokens: list[str], clean: str) -> _Guess | None:
    topics = _topics(h.phrase)
    fams_all = {t.fam for t in topics}
    group = _nearest_group(topics)
    kind = h.kind
    if kind.startswith("role:"):
        return _Guess(kind[5:], 3)
    if kind == "other":
        if h.tok == "administrator" and "bi" in fams_all:
            return _Guess("bi-developer", 3)  # "Power BI Administrator": BI platform work
        return _Guess("other", 2)
    if kind == "engineer":
        if "research" in fams_all and any(t.tok == "rnd" for t in topics):
            fams_all = fams_all | ({t.fam for t in _topics(tokens)} & _ML)  # "R&D Engineer (AI)"
        return _engineer(group, fams_all, h.tok, _swe_near(h.phrase), topics[-1].fam if topics else None)
    if kind == "scientist":
        return _scientist(group, fams_all, clean)
    if kind == "researcher":
        return _researcher(group, fams_all, clean)
    if kind == "analyst":
        return _analyst(group, fams_all)
    if kind in ("architect", "modeler"):
        return _architect(group, fams_all, h.tok)
    if kind == "leader":
        if "product" in fams_all and not fams_all & {"eng", "swe"}:
            return _product_role({t.fam for t in _topics(tokens)})
        if fams_all & {"other"} and {t.tok for t in topics} & {"project", "program"}:
            return _Guess("other", 2)
        led = _leader(group, fams_all, clean, topics)
        if led is None and h.tok == "techlead":
            return _Guess("software-engineer", 1)
        return led
    if kind == "mts":
        return None
    return _generic(group, fams_all, h.tok, clean)


_DECISIVE_BLOCK = frozenset({"swe", "other", "sol", "sales", "business"})


def _decisive_group(topics: list[_Topic]) -> list[_Topic]:
    """The first qualifier topic that decides anything (a data/ML word, or a software/other field word)."""
    k = 0
    while k < len(topics):
        t = topics[k]
        if t.fam in _DATA_ML or t.fam in _DECISIVE_BLOCK or t.fam == "research":
            break
        k += 1
    if k == len(topics):
        return []
    end = k + 1
    while end < len(topics) and topics[end].joined:
        end += 1
    return topics[k:end]


def _segment_of(tokens: list[str], tok: str) -> list[str]:
    """The comma/dash/parenthesis-delimited segment of `tokens` that holds `tok`."""
    start = 0
    for i, t in enumerate(tokens):
        if t in R.SEGMENT_BREAK:
            start = i + 1
        elif t == tok:
            end = i + 1
            while end < len(tokens) and tokens[end] not in R.SEGMENT_BREAK:
                end += 1
            return tokens[start:end]
    return []


def _refine(
    h: _Head, guess: _Guess | None, tokens: list[str], stop: int, clean: str
) -> tuple[str, float] | None:
    """A weak head takes its topic from its qualifiers ("Software Engineer, Machine Learning").

    The qualifiers are the tokens after the head up to the next head's phrase (`stop`) or a "with ..."
    clause ("Python Developer with AI Experience" stays a software engineer); failing those, the words
    before the head ("Machine Learning - Fresher").
    """
    qual: list[str] = []
    for tok in tokens[h.index + 1 : stop]:
        if tok == "with":
            break
        qual.append(tok)
    q_topics = _topics(qual)
    group = _decisive_group(q_topics)
    kind = h.kind
    if kind == "leader" and guess is None and q_topics and q_topics[0].fam == "eng":
        guess = _Guess("software-engineer", 1)  # "Director of Engineering, X" is an engineering manager
        if not group:
            return "software-engineer", 0.75
    if not group:
        qual = tokens[: h.start]
        q_topics = _topics(qual)
        group = _decisive_group(q_topics)
    if not group:
        return None
    fams = [t.fam for t in group]
    segment = _segment_of(qual, group[0].tok)
    seg_fams = {t.fam for t in _topics(segment)}
    if fams[0] == "swe" and kind in ("engineer", "generic", "mts"):
        return "software-engineer", 0.75  # "Founding Engineer (Full-Stack)"
    if fams[0] in _DECISIVE_BLOCK or "product" in segment:
        return None
    if kind in ("engineer", "mts") or (kind == "leader" and guess is not None):
        if fams[0] == "ai" and kind != "mts" and not _only_topics(segment):
            return None  # "Software Engineer, Enterprise AI" is a product team, not AI engineering
        if kind == "mts" and fams[0] == "research":
            return "ml-research-engineer", 0.75
        infra = {t.fam for t in _topics(h.phrase)} | (seg_fams & {"infra", "ops"})
        refined = _engineer(group, infra | set(fams), "engineer")
    elif kind == "scientist":
        if fams[0] not in ("ml", "ai", "ds", "data", "cv", "nlp", "mlscience", "bigdata"):
            return None
        refined = _scientist(group, set(fams), clean)
    elif kind == "analyst":
        refined = _analyst(group, seg_fams)
    elif kind in ("architect", "modeler"):
        refined = _architect(group, seg_fams, h.tok)
    elif kind == "leader":
        refined = _leader(group, seg_fams, clean, _topics(segment))
    else:
        refined = _generic(group, seg_fams, h.tok, clean)
    if refined is not None and refined.strength == 3:
        return refined.role, 0.75
    return None


def _only_topics(segment: list[str]) -> bool:
    """True when a qualifier segment is nothing but data/ML words ("AI", "Applied AI", "AI Engineering")."""
    words = [w for w in segment if w not in R.JOINERS and w not in _LEVEL_WORDS]
    return bool(words) and all(R.TOPICS.get(w) in _DATA_ML or R.TOPICS.get(w) in _WEAK for w in words)


def _topic_only(tokens: list[str], clean: str) -> tuple[str, float]:
    if "with" in tokens and _nearest_group(_topics(tokens[: tokens.index("with")])):
        tokens = tokens[: tokens.index("with")]
    group = _nearest_group(_topics(tokens))
    if not group:
        fams_all = {t.fam for t in _topics(tokens)}
        if fams_all & {"swew"}:
            return "software-engineer", 0.5
        return "other", 0.3
    fam = group[0].fam
    if any(t.fam == "swe" for t in group):
        return "software-engineer", 0.5
    all_topics = _topics(tokens)
    if any(t.fam == "eng" for t in all_topics) and _modified_engineering(all_topics):
        as_engineer = _engineer(group, {t.fam for t in all_topics} - {"eng"}, "engineer")
        if as_engineer is not None and as_engineer.strength == 3:
            return as_engineer.role, 0.5  # "Data Engineering, Mid-Level"
    table = {
        "ml": "ml-engineer",
        "ai": "ai-engineer",
        "nlp": "nlp-engineer",
        "cv": "computer-vision-engineer",
        "mlops": "mlops-engineer",
        "inference": "ml-engineer",
        "mlscience": "research-scientist",
        "ds": "data-scientist",
        "decision": "data-scientist",
        "analytics": "data-analyst",
        "reporting": "data-analyst",
        "insight": "data-analyst",
        "bi": "bi-developer",
        "data": "other",
        "bigdata": "data-engineer",
        "research": "ml-research-engineer",
        "quant": "quantitative-analyst",
        "stats": "statistician",
    }
    return table.get(fam, "other"), 0.5


@lru_cache(maxsize=131072)
def classify_role(title: str) -> tuple[str, float]:
    """Role id and confidence from the title alone (cached: salary records repeat a few hundred titles)."""
    clean = clean_title(title)
    return _role_of_clean(clean)


def _role_of_clean(clean: str) -> tuple[str, float]:
    if not clean:
        return "other", 0.0
    if has_any(clean, R.GIG_HINTS) and R.GIG_RE.search(clean):
        return "other", 0.8
    tokens = R.TOKEN_RE.findall(clean)
    heads = _heads(tokens)
    if not heads:
        return _topic_only(tokens, clean)
    guesses = [_guess_head(h, tokens, clean) for h in heads]
    stops = [heads[k + 1].start for k in range(len(heads) - 1)] + [len(tokens)]
    # 1. the first data/ML role, unless a software/other role comes first as a separate list item
    blocked = False
    for k, (h, g) in enumerate(zip(heads, guesses, strict=True)):
        if g is not None and g.strength == 3:
            if not blocked:
                return _specialise(g.role, tokens, h, stops[k]), _exactness(tokens, h)
            break
        if (
            g is not None
            and g.role in ("software-engineer", "other")
            and k + 1 < len(heads)
            and h.kind != "leader"
        ):
            between = tokens[h.index + 1 : stops[k]]
            if g.role == "software-engineer" and any(t in (",", "-", "|", ":") for t in between):
                blocked = True
    # 2. the first head, refined by its qualifiers when weak; then the next weak heads ("Manager / Lead, X")
    for k, (h, g) in enumerate(zip(heads, guesses, strict=True)):
        if g is not None and g.strength >= 2:
            if k == 0:
                return g.role, 0.85 if g.role == "other" else _exactness(tokens, h)
            break
        refined = _refine(h, g, tokens, stops[k], clean)
        if refined is not None:
            return refined
        if g is not None:
            return g.role, 0.8 if _exactness(tokens, h) == 1.0 else 0.7
        if blocked:
            break
    h = heads[0]
    if h.kind == "mts":
        return "ml-research-engineer", 0.6
    later = next((x for x in guesses[1:] if x is not None and x.strength >= 2), None)
    if later is not None:
        return later.role, 0.6
    return "other", 0.4


def _specialise(role: str, tokens: list[str], h: _Head, stop: int) -> str:
    """An ML engineer on an ML platform/infrastructure team is an MLOps engineer."""
    if role != "ml-engineer":
        return role
    segment_fams: set[str] = set()
    for tok in tokens[h.index + 1 : stop]:
        if tok in R.SEGMENT_BREAK:
            if {"ml", "infra"} <= segment_fams or "mlops" in segment_fams:
                return "mlops-engineer"
            segment_fams = set()
            continue
        fam = R.TOPICS.get(tok)
        if fam is not None:
            segment_fams.add(fam)
    if {"ml", "infra"} <= segment_fams or "mlops" in segment_fams:
        return "mlops-engineer"
    return role


_LEVEL_WORDS = frozenset(
    {"senior", "junior", "staff", "principal", "lead", "i", "ii", "iii", "iv", "1", "2", "3", "4", "5"}
)


def _exactness(tokens: list[str], h: _Head) -> float:
    """1.0 when the title is only the role phrase (an exact alias), 0.9 when it carries more."""
    rest = tokens[: h.start] + tokens[h.index + 1 :]
    return 1.0 if all(t in _LEVEL_WORDS for t in rest) else 0.9


# --------------------------------------------------------------------------------------------------------
# level, track, internship
# --------------------------------------------------------------------------------------------------------


def _level_of_clean(clean: str, role: str = "other") -> Level | None:
    if has_any(clean, R.EX_HINTS) and R.EX_RE.search(clean) is not None:
        non_exec = R.NON_EXEC_DIRECTOR_RE.sub(" ", clean) if "director" in clean else clean
        if R.EX_RE.search(non_exec) is not None:
            return "EX"
    ic_spans = [m.span() for m in R.IC_MANAGER_RE.finditer(clean)] if "manager" in clean else []
    for m in R.LEVEL_CUE_RE.finditer(clean):
        if m.group() == "manager" and any(a <= m.start() < b for a, b in ic_spans):
            continue
        code = R.LEVEL_CUE_CODES[int(m.lastgroup[1:])] if m.lastgroup else ""
        if m.group() == "associate" and role == "other" and _closes_segment(clean, m.end()):
            continue  # "Associate", "Research Associate": a grade of its own (mid-level in the salary survey)
        if code == "MI_COMPOUND":
            return "MI"
        if code == "SE_COMPOUND":
            return "SE"
        if code in ("EN", "MI", "SE"):
            return code  # type: ignore[return-value]
    grade = R.GRADE_RE.search(clean) if has_any(clean, R.GRADE_HINTS) else None
    if grade is not None:
        return R.GRADE_LEVEL[grade.group(1)]  # type: ignore[return-value]
    ladder = R.LADDER_RE.search(clean) if R.LADDER_HINT_RE.search(clean) else None
    if ladder is not None:
        kind, n = ladder.group(1), int(ladder.group(2))
        if kind == "l":
            return "EN" if n <= 3 else "MI" if n == 4 else "SE"
        if kind == "ic":
            return "EN" if n <= 2 else "MI" if n == 3 else "SE"
        return "EN" if n <= 3 else "MI" if n == 4 else "SE"
    return None


def _closes_segment(clean: str, end: int) -> bool:
    rest = clean[end:].lstrip()
    return not rest or rest[0] in ",-(|:/"


def _manager_title(clean: str) -> bool:
    if not has_any(clean, R.PEOPLE_TITLE_HINTS):
        return False
    text = R.IC_MANAGER_RE.sub(" ", clean) if "manager" in clean else clean
    text = R.NON_EXEC_DIRECTOR_RE.sub(" ", text) if "director" in text else text
    return R.PEOPLE_TITLE_RE.search(text) is not None


_INTERN_RE = re.compile(r"\b(?:intern|internship|coop)\b")
_INTERN_HINTS = ("intern", "coop")


@dataclass(frozen=True, slots=True)
class _TitleFacts:
    role: str
    confidence: float
    level: Level | None
    manager: bool
    internship: bool


@lru_cache(maxsize=65536)
def _title_facts(title: str) -> _TitleFacts:
    clean = clean_title(title)
    role, conf = _role_of_clean(clean)
    return _TitleFacts(
        role=role,
        confidence=conf,
        level=_level_of_clean(clean, role),
        manager=_manager_title(clean),
        internship=has_any(clean, _INTERN_HINTS) and _INTERN_RE.search(clean) is not None,
    )


def level_from_years(min_years: float) -> Level:
    """ids.md: EN 0-2 years, MI 2-5, SE 5+. Boundaries: < 2 -> EN, 2 to < 5 -> MI, >= 5 -> SE."""
    if min_years < 2:
        return "EN"
    if min_years < 5:
        return "MI"
    return "SE"


def classify_title(title: str, *, description: str = "", min_years: float | None = None) -> TitleInfo:
    """Role, level, track and internship flag of a posting, from its title first.

    The description is used only where the title is silent: a bare generic title ("Engineer II") takes a
    role named in the description's opening; a title with no level takes the description's team-scope cue;
    the track becomes `manager` when the description says the person manages people.
    """
    facts = _title_facts(title or "")
    role, confidence = facts.role, facts.confidence
    cues = scan_description(description) if description else None
    if cues is not None and role == "other" and confidence <= 0.4:
        phrase = cues.role_phrase()
        desc_role = classify_role(phrase)[0] if phrase is not None else "other"
        if desc_role != "other":
            role, confidence = desc_role, 0.5
    level: Level | None = facts.level
    source = "title"
    if level is None:
        if cues is not None and cues.manages_people():
            level, source = "SE", "description"
        elif min_years is not None:
            level, source = level_from_years(min_years), "years"
        elif cues is not None and cues.leads_team():
            level, source = "SE", "description"
        elif cues is not None and cues.entry_level():
            level, source = "EN", "description"
        else:
            level, source = "MI", "default"
    manages = cues is not None and cues.manages_people()
    track: Track = "manager" if facts.manager or manages else "ic"
    return TitleInfo(
        role=role,
        level=level,
        track=track,
        internship=facts.internship,
        confidence=confidence,
        level_source=source,
    )
