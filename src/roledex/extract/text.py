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

# a bullet marker at the start of a line: -, *, •, ·, ●, ○, ▪, +, "o", "1." / "1)"
BULLET = re.compile(r"^[ \t>]*(?:[-*+–—](?=[ \t])|[•·●○◦▪■►‣⁃]|o(?=[ \t])|\d{1,2}[.)](?=[ \t]))[ \t]*", re.M)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_MD_ESCAPE = re.compile(r"\\([-\\`*_{}\[\]()#+.!|>~])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRAY_MARKUP = re.compile(r"\*{2,}|(?<!\w)_+(?=\s|$)|(?<=\s)_+(?!\w)|^#{1,6}[ \t]*|`")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_TRAILING = re.compile(r"[\s.,;:!?*_\-–—]+$")


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
    return _SPACES.sub(" ", text).strip()


def strip_bullet(line: str) -> str:
    """The line without its leading bullet marker (and without leading spaces)."""
    m = BULLET.match(line)
    return line[m.end() :] if m else line.lstrip()


def is_bullet(line: str) -> bool:
    return BULLET.match(line) is not None


def tidy_statement(text: str) -> str:
    """A statement as a short display string: markup and bullet gone, no trailing punctuation, capitalised."""
    text = clean_inline(strip_bullet(text))
    text = _TRAILING.sub("", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text


# Where statements end: a blank line, a newline before a bullet or an upper-case start, a sentence end.
# A newline followed by a lower-case word is a hard wrap inside a sentence and does not end it.
_STATEMENT_END = re.compile(
    r"\n[ \t]*\n"
    r"|\n(?=[ \t>]*(?:[-*+–—][ \t]|[•·●○◦▪■►‣⁃]|o[ \t]|\d{1,2}[.)][ \t]|[^a-z\s]))"
    r"|(?<=[A-Za-z][A-Z][.!?])[ \t]+(?=[A-Z])"
    r"|(?<=[a-z0-9)\]%'’\"”][.!?])(?<!e\.g\.)(?<!i\.e\.)(?<!etc\.)(?<!\bvs\.)(?<!\bal\.)[ \t]+(?=[\"“(]?[A-Z])"
    r"|(?<=[a-z]{2}[.!?;])(?=[A-Z][a-z])"
    r"|;[ \t]+"
)


def statement_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the statement (bullet or sentence) of `text` containing offset `pos`."""
    lo = max(0, pos - 600)
    start = lo
    for m in _STATEMENT_END.finditer(text, lo, min(len(text), pos + 3)):
        if m.end() > pos:
            break
        start = m.end()
    if start == lo and lo > 0:
        # no boundary in the window: start at the line start at least
        nl = text.rfind("\n", lo, pos)
        start = nl + 1 if nl >= 0 else lo
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


# Cues that say whether a requirement is required or only preferred. "fwd_*" cues apply to what follows
# them in a statement ("Preferred: ...", "ideally ..."), "back_*" cues to what precedes ("... preferred",
# "... is a plus", "... required").
PREFERENCE_CUES = re.compile(
    r"(?P<fwd_pref>\bpreferred(?: qualifications?| education| degree)?\s*[:\-–]|\bpreferabl[ey]\b|\bideally\b"
    r"|\bnice[- ]to[- ]haves?\s*:|\bbonus(?: points)?\s*(?:if|:|for)|\bplus\s*:|\bdesired\s*:|\boptional\)?\s*:?"
    r"|\bwould be (?:nice|great|a plus) (?:to have|if)|\bbonus\b)"
    r"|(?P<not_req>\bnot (?:required|necessary|mandatory|needed|a requirement)\b)"
    r"|(?P<back_pref>\b(?:strongly |highly |is |are |a )?(?:preferred|preferable|desired|desirable|advantageous|"
    r"beneficial|welcomed?|valued|an? (?:big |huge |strong |major |definite |nice )?(?:plus|advantage|asset|bonus)|"
    r"nice[- ]to[- ]have|a bonus)\b)"
    r"|(?P<fwd_req>\bmust (?:have|possess|hold)\b|\brequired\s*:|\bminimum(?: qualifications?| education)?\s*:"
    r"|\brequires\b)"
    r"|(?P<back_req>\b(?:is |are )?required\b|\bis a must\b|\bmandatory\b)",
    re.I,
)


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
