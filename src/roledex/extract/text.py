"""Small text helpers shared by the section splitter and the education / experience extractors.

Descriptions reach extraction either as plain text (what the ingest adapters produce: one heading, bullet
or paragraph per line) or, in tests and ad-hoc use, as the source's own Markdown (`**bold**`, `_em_`,
`  * ` bullets, `\\-` escapes, `### ` headings). Everything here works on both, so the extractors never
need to know which one they were given.

The extractors look at *statements*: one bullet, or one sentence of a paragraph, with hard-wrapped lines
joined back together (some scrapes break lines in mid-sentence). `statement_bounds` finds the statement
around a character offset without splitting the whole text, so only the few places that mention a degree
or a number of years cost any Python work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick_rs

# a bullet marker at the start of a line: -, *, •, ·, ●, ○, ▪, +, "o", "1." / "1)"
BULLET = re.compile(r"^[ \t>]*(?:[-*+–—](?=[ \t])|[•·●○◦▪■►‣⁃]|o(?=[ \t])|\d{1,2}[.)](?=[ \t]))[ \t]*", re.M)
_BULLET_FIRST = frozenset(" \t>-*+–—•·●○◦▪■►‣⁃o")  # what a BULLET match can start with, besides a digit
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_MD_ESCAPE = re.compile(r"\\([-\\`*_{}\[\]()#+.!|>~])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRAY_MARKUP = re.compile(r"\*{2,}|(?<!\w)_+(?=\s|$)|(?<=\s)_+(?!\w)|^#{1,6}[ \t]*|`")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# what tidy_statement strips from the end: every whitespace character (what `\s` and str.isspace match) and
# trailing punctuation. str.rstrip does it in C; a "[...]+$" regex tries every position of the statement.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TRAILING_CHARS = _WHITESPACE + ".,;:!?*_-–—"


def clean_inline(text: str) -> str:
    """Plain words of one line or statement: Markdown links, emphasis, escapes and extra spaces removed."""
    if "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _MD_EMPHASIS.sub(r"\2", text)
        text = _STRAY_MARKUP.sub("", text)
    elif "#" in text or "`" in text:
        text = _STRAY_MARKUP.sub("", text)
    if text.isascii() and "  " not in text and "\t" not in text:
        return text.strip()  # no run of spaces to collapse (the common case): skip the regex
    return _SPACES.sub(" ", text).strip()


def strip_bullet(line: str) -> str:
    """The line without its leading bullet marker (and without leading spaces)."""
    first = line[:1]
    m = BULLET.match(line) if first in _BULLET_FIRST or first.isdecimal() else None  # most lines: no regex
    return line[m.end() :] if m else line.lstrip()


def is_bullet(line: str) -> bool:
    return BULLET.match(line) is not None


def tidy_statement(text: str) -> str:
    """A statement as a short display string: markup and bullet gone, no trailing punctuation, capitalised."""
    text = clean_inline(strip_bullet(text))
    text = text.rstrip(_TRAILING_CHARS)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


# Where statements end: a blank line, a newline before a bullet or an upper-case start, a sentence end.
# A newline followed by a lower-case word is a hard wrap inside a sentence and does not end it. Every
# branch starts with a literal character so `re` can skip ahead to the next "\n", ".", "!", "?" or ";".
_SENTENCE_END = (
    r"{p}(?<=[a-z0-9)\]%'’\"”]{p})(?<!e\.g\.)(?<!i\.e\.)(?<!etc\.)(?<!\bvs\.)(?<!\bal\.)[ \t]+(?=[\"“(_*]{{0,3}}[A-Z])"
    r"|{p}(?<=[A-Za-z][A-Z]{p})[ \t]+(?=[A-Z])"
    r"|{p}(?<=[a-z]{{2}}{p})(?=[A-Z][A-Za-z])"
)
_STATEMENT_END = re.compile(
    r"\n[ \t]*\n"
    r"|\n(?=[ \t>]*(?:[-*+–—][ \t]|[•·●○◦▪■►‣⁃]|o[ \t]|\d{1,2}[.)][ \t]|[^a-z\s]))|"
    + "|".join(_SENTENCE_END.format(p=p) for p in (r"\.", "!", r"\?"))
    + r"|;[ \t]+|;(?<=[a-z]{2};)(?=[A-Z][a-z])"
)
_LOOKBACK = 400


def statement_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the statement (bullet or sentence) of `text` containing offset `pos`."""
    lo = max(0, pos - _LOOKBACK)
    start = -1
    for m in _STATEMENT_END.finditer(text, lo, min(len(text), pos + 3)):
        if m.end() > pos:
            break
        start = m.end()
    if start < 0:
        # no boundary close by: a long sentence; look back to where it starts (at the latest the line start)
        line_start = text.rfind("\n", 0, pos) + 1
        start = line_start
        if line_start < lo:
            for m in _STATEMENT_END.finditer(text, line_start, lo + 3):
                if m.end() > pos:
                    break
                start = m.end()
    found = _STATEMENT_END.search(text, pos, pos + 800)
    end = found.start() if found else min(len(text), pos + 800)
    return start, end


def split_statements(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every non-empty statement of `text`, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _STATEMENT_END.finditer(text):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


@lru_cache(maxsize=64)
def lower(text: str) -> str:
    """`text` lower-cased with every offset unchanged (str.lower can lengthen a few non-ASCII letters).

    Cached: the section splitter and both extractors lower-case the same description, and `str.lower` is
    ten times slower on text with any non-ASCII character (a curly apostrophe is enough)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


class LiteralSet:
    """Fixed strings looked for in one C pass (Aho-Corasick) instead of one `in` scan per string.

    `any_in(text)` is `any(w in text for w in words)` and `found_in(text)` is `[w for w in words if w in
    text]`: a description is scanned once, not once per word (14 gate words cost 28 µs as `in` tests and
    12 µs as one scan on a 4 KB description; 23 cue anchors on a 200-character window 4.6 µs and 1.6 µs).
    """

    __slots__ = ("_automaton", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(dict.fromkeys(words))
        if not self.words or not all(self.words):
            raise ValueError("LiteralSet needs at least one word and no empty word")
        self._automaton = ahocorasick_rs.AhoCorasick(list(self.words))

    def any_in(self, text: str) -> bool:
        return bool(self._automaton.find_matches_as_indexes(text))

    def found_in(self, text: str) -> list[str]:
        hits = {i for i, _, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)}
        return [self.words[i] for i in sorted(hits)]


def is_word_start(low: str, i: int) -> bool:
    return i == 0 or not low[i - 1].isalnum()


def keyword_pattern(groups: dict[str, tuple[str, ...]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over many lower-case phrases, for `finditer` on `lower(text)`, and the kind of each branch.

    Python's `re` tries every branch at every position, unless each branch starts with a literal
    character: then it skips ahead to the next position whose character can start a branch, which makes
    a scan 10-20x faster. So every branch here must start with a plain character (no group, class or
    `\\b` first; check word starts with `is_word_start`), and each ends with an empty group whose name
    tells the branch's kind: `kinds[m.lastgroup]`.

    The branches are then grouped by that first character ("equal...|eeo...|affirmative..." becomes
    "e(?:qual...|eo...)|a(?:ffirmative...)"), keeping their order within a group: at any position only the
    branches that start with its character can match, so the first branch that matches is the same, and a
    position now costs one test per distinct first character instead of one per branch (2-3x faster scans
    of descriptions).
    """
    by_lead: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for kind, patterns in groups.items():
        for i, pattern in enumerate(patterns):
            name = f"{kind}_{i}"
            lead, rest = _split_lead(pattern)
            by_lead.setdefault(lead, []).append(f"{rest}(?P<{name}>)")
            kinds[name] = kind
    alternation = "|".join(
        re.escape(lead) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for lead, rests in by_lead.items()
    )
    return re.compile(alternation), kinds


_REGEX_META = frozenset(".^$*+?{}[]|()\\")


class KeywordScanner:
    """`finditer` of a keyword_pattern over a long text, found by Aho-Corasick instead of `re`'s own scan.

    A keyword pattern has many first characters (most letters), and `re` tries the alternation at every
    position that has one of them (60 ns a character). Here one Aho-Corasick pass (a few ns a character)
    finds where a branch can start, from the literal text every match of it starts with
    (`literal_starts`), and the pattern is tried at those positions only, left to right, skipping those
    inside the previous match: the same matches as `pattern.finditer(low, lo, hi)`.
    """

    __slots__ = ("_automaton", "kinds", "pattern")

    def __init__(self, groups: dict[str, tuple[str, ...]]) -> None:
        self.pattern, self.kinds = keyword_pattern(groups)
        starts = {s for patterns in groups.values() for p in patterns for s in literal_starts(p)}
        self._automaton = ahocorasick_rs.AhoCorasick(
            sorted(starts), implementation=ahocorasick_rs.Implementation.DFA
        )

    def finditer(self, low: str, lo: int = 0, hi: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of `pattern` in low[lo:hi], as `pattern.finditer(low, lo, hi)` gives them."""
        if hi is None:
            hi = len(low)
        window = low if lo == 0 and hi == len(low) else low[lo:hi]
        hits = self._automaton.find_matches_as_indexes(window, overlapping=True)
        if not hits:
            return
        match, end = self.pattern.match, lo
        for start in sorted({s for _, s, _ in hits}):
            start += lo
            if start >= end and (m := match(low, start, hi)) is not None:
                yield m
                end = m.end()


def literal_starts(pattern: str, limit: int = 64) -> tuple[str, ...]:
    """Strings one of which every match of `pattern` starts with: its leading literal text, with small
    alternations ("(?:a|an)", "[- ]", "s?") spelled out. The expansion stops before anything else (a
    repeated part, "\\b", "\\w", a look-around, a class with a range): a start is never too long.
    """
    starts = sorted({s for s, _ in _expand(pattern, 0, len(pattern), limit)})
    if not all(starts):
        raise ValueError(f"pattern {pattern!r} must start with a literal character")
    # a start that begins with another start adds nothing
    return tuple(s for i, s in enumerate(starts) if not any(s.startswith(t) for t in starts[:i]))


def _expand(p: str, i: int, end: int, limit: int) -> list[tuple[str, bool]]:
    """(text, complete) for the ways p[i:end] (a sequence, no top-level "|") can start; `complete` when the
    text is all that sequence matches, so what follows it may be appended."""
    out: list[tuple[str, bool]] = [("", True)]
    while i < end and any(complete for _, complete in out):
        options, j = _element(p, i, end, limit)
        if options is not None and p[j : j + 1] == "?":
            options = [*options, ("", True)]  # an optional element: present or not
            j += 2 if p[j + 1 : j + 2] in ("?", "+") else 1  # lazy or possessive
        elif j < end and p[j] in "*+{":
            options = None  # a repeated element
        grown = [
            (text + more, more_complete) if complete else (text, False)
            for text, complete in out
            for more, more_complete in (options or [("", False)] if complete else [("", False)])
        ]
        if options is None or len(grown) > limit:
            return [(text, False) for text, _ in out]
        out, i = grown, j
    return out


def _element(p: str, i: int, end: int, limit: int) -> tuple[list[tuple[str, bool]] | None, int]:
    """The ways the regex element at p[i] can start (None: not spelled out) and where the next one begins."""
    c = p[i]
    if c == "\\":
        escaped = p[i + 1 : i + 2]
        return ([(escaped, True)] if escaped and not escaped.isalnum() else None), i + 2
    if c == "(":
        close = _closing(p, i, end)
        if not p.startswith("(?:", i):
            return None, close + 1  # a capturing group, a look-around or a flag group
        alternatives: list[tuple[str, bool]] = []
        for a, b in _top_level_parts(p, i + 3, close):
            alternatives += _expand(p, a, b, limit)
        return alternatives, close + 1
    if c == "[":
        close = p.index("]", i + 2 if p.startswith(("[]", "[^]"), i) else i + 1)
        members = p[i + 1 : close]
        if members[:1] in ("^", "]") or "\\" in members or "-" in members[1:-1]:
            return None, close + 1  # negated, escaped or a range: not spelled out
        return [(m, True) for m in dict.fromkeys(members)], close + 1
    if c in _REGEX_META:
        return None, i + 1
    return [(c, True)], i + 1


def _closing(p: str, i: int, end: int) -> int:
    """The index of the ")" that closes the "(" at p[i]."""
    depth, k = 0, i
    while k < end:
        c = p[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = p.index("]", k + 2 if p.startswith(("[]", "[^]"), k) else k + 1)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    raise ValueError(f"unbalanced parenthesis in {p!r}")


def _top_level_parts(p: str, i: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the "|"-separated alternatives of p[i:end]."""
    parts, depth, start, k = [], 0, i, i
    while k < end:
        c = p[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = p.index("]", k + 2 if p.startswith(("[]", "[^]"), k) else k + 1)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append((start, k))
            start = k + 1
        k += 1
    parts.append((start, end))
    return parts


def _split_lead(pattern: str) -> tuple[str, str]:
    """The literal character a keyword branch starts with ("a" of "abc", "+" of "\\+ ?years") and the rest."""
    if pattern[:1] == "\\" and len(pattern) > 1 and not pattern[1].isalnum():
        lead, rest = pattern[1], pattern[2:]
    elif pattern and pattern[0] not in _REGEX_META:
        lead, rest = pattern[0], pattern[1:]
    else:
        raise ValueError(f"keyword pattern {pattern!r} must start with a plain character")
    if rest[:1] in ("?", "*", "+", "{"):
        raise ValueError(f"keyword pattern {pattern!r} must start with a plain character, not a repeated one")
    if _has_top_level_bar(pattern):
        raise ValueError(
            f"keyword pattern {pattern!r} has a top-level '|': give each alternative its own entry"
        )
    return lead, rest


def _has_top_level_bar(pattern: str) -> bool:
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # "[]...]", "[^]...]": a leading "]" is a member
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


# Cues that say whether a requirement is required or only preferred. "fwd_*" cues apply to what follows
# them in a statement ("Preferred: ...", "ideally ..."), "back_*" cues to what precedes ("... preferred",
# "... is a plus", "... required"). Longer branches come first: the first branch that matches wins.
PREFERENCE_CUES, PREFERENCE_KINDS = keyword_pattern(
    {
        "fwd_pref": (
            r"preferred(?: qualifications?| education| degree)?\s*[:\-–]",
            r"preferabl[ey]\b",
            r"ideally\b",
            r"nice[- ]to[- ]haves?\s*[:\-–—]",
            r"bonus(?: points)?\s*(?:if|:|for)\b",
            r"bonus\b",
            r"plus\s*:",
            r"desired\s*:",
            r"optional\)?\s*:?",
            r"would be (?:nice|great|a plus) (?:to have|if)",
        ),
        "not_req": (r"not (?:required|necessary|mandatory|needed|a requirement)\b",),
        "back_pref": (
            r"strongly (?:preferred|desired)\b",
            r"highly (?:preferred|desired|desirable|valued)\b",
            r"preferred\b",
            r"preferable\b",
            r"desired\b",
            r"desirable\b",
            r"advantageous\b",
            r"beneficial\b",
            r"welcomed?\b",
            r"valued\b",
            r"a (?:big |huge |strong |major |definite |nice )?(?:plus|advantage|bonus)\b",
            r"an (?:added )?(?:plus|advantage|asset|added bonus)\b",
            r"nice[- ]to[- ]have\b",
        ),
        "fwd_req": (
            r"must (?:have|possess|hold)\b",
            r"required\s*:",
            r"minimum(?: qualifications?| education)?\s*:",
            r"requires\b",
        ),
        "back_req": (r"required\b", r"is a must\b", r"mandatory\b"),
    }
)


def preference_cues(low: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the preference cues in low[s:e] (`low` from `lower`)."""
    return [
        (m.start(), m.end(), PREFERENCE_KINDS[m.lastgroup or ""])
        for m in PREFERENCE_CUES.finditer(low, s, e)
        if is_word_start(low, m.start())
    ]


_PAREN = re.compile(r"\(([^()\n]*)\)")
_DIGIT = re.compile(r"\d")


def aside_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Parentheses of text[s:e] that are asides of their own ("(experience with NiFi is a plus)", "(5+
    preferred)"): more than three words or a number. Preference cues inside them are about the aside, not
    about what precedes it, unlike a bare "(preferred)" or "(MS preferred)"."""
    out: list[tuple[int, int]] = []
    for p in _PAREN.finditer(text, s, e):
        inner = p.group(1)
        if inner.count(" ") >= 3 or _DIGIT.search(inner):
            out.append((p.start(), p.end()))
    return out
