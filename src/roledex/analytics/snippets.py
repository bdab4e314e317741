"""Highlighted snippets of a description, built in Python from the stored text for one page of results.

FTS5's snippet() costs a full-text MATCH per posting (every query word's doclist sought again for that rowid:
about 0.3 ms a posting at 1M postings); a page's descriptions are read anyway, and finding the query's words
in 20 of them here costs a fraction of that. The result is a tuple of (text, is_match) segments: plain text,
never markup (the renderer escapes it).

Which words are highlighted: those FTS5 matched. A description word matches a query word when both, folded
(lowercase, diacritics removed: FTS5's unicode61), have the same porter stem (`porter.stem`, FTS5's own
algorithm). A porter stem is a beginning of its word, except that a stem ending in e, i or l may differ in
its last two letters (y -> i, -bility -> -bl, -ation -> -ate ...), so the candidates are the words of the
lowercased text that begin with the stem (or all of it but those two letters): a literal search, not a
tokenization of the whole text; each candidate is then stemmed (memoized). A letter with a diacritic inside those first
letters is not found (FTS5 would fold it); such a word stays unhighlighted.

Which part of the description: SNIPPET_TOKENS consecutive words, chosen as FTS5's snippet() chooses: a window
starting at a match scores 1000 for each distinct query word inside it and 1 for each repeat, and a window
starting at the beginning of the sentence that holds a match scores 100 more (120 at the start of the text);
the best window (the first of equals) is centred on its matches. Window widths are estimated in characters
(CHARS_PER_TOKEN, measured on postings) while scoring; the chosen window is cut at exact word boundaries. '…'
marks text left out before or after. Without a match in the description (the words were in the title or
company), the snippet is the opening SNIPPET_TOKENS words.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from roledex.analytics.porter import stem

SNIPPET_TOKENS = 24
CHARS_PER_TOKEN = 7  # a word and its separator, on average over posting descriptions (6.8)
ELLIPSIS = "…"
_TOKEN = re.compile(r"[^\W_]+")
_GAP_SPACE = " \t\n\r"  # the white space between a sentence's end and the next sentence
Segments = tuple[tuple[str, bool], ...]


def fold(word: str) -> str:
    """A word as FTS5's unicode61 tokenizer indexes it: lowercase, diacritics removed."""
    low = word.lower()
    if low.isascii():
        return low
    return _fold(low)


@lru_cache(maxsize=16_384)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=131_072)
def word_stem(word: str) -> str:
    """The stem FTS5 indexes for a word as it appears in a text."""
    return stem(fold(word))


@dataclass(frozen=True)
class QueryStem:
    """One query word: its stem and the literal prefix every word with that stem begins with."""

    stem: str
    prefix: re.Pattern[str] | None  # None: no usable prefix, every word is a candidate


def query_stems(words: Sequence[str]) -> tuple[QueryStem, ...]:
    out: dict[str, QueryStem] = {}
    for word in words:
        s = word_stem(word)
        if not s or s in out:
            continue
        # every word with this stem begins with it, or with all of it but the last two bytes (at least one)
        # when it ends in e, i or l (see the docstring)
        head = s if s[-1] not in "eil" else s[: max(1, len(s) - 2)]
        head = head.encode("latin-1").decode("utf-8", errors="ignore")
        out[s] = QueryStem(s, _word_pattern(head) if head else None)
    return tuple(out.values())


def _word_pattern(head: str) -> re.Pattern[str]:
    """The words beginning with `head`: the literal first (the regex engine skips ahead to it), then a
    look-behind that refuses a head inside a word (after a letter or digit), then the rest of the word."""
    h = re.escape(head)
    return re.compile(rf"{h}(?<![^\W_]{h})[^\W_]*")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


Match = tuple[int, int, int]  # start, end, query word number


def find_matches(text: str, stems: Sequence[QueryStem]) -> list[Match]:
    """(start, end, query word number) of each word of the text matching a query stem, in text order."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lowercase is longer: search the text itself
        low = text
    found: dict[tuple[int, int], int] = {}
    for k, qs in enumerate(stems):
        for m in (qs.prefix or _TOKEN).finditer(low):  # whole words only (see _word_pattern)
            if word_stem(m.group()) == qs.stem:
                found.setdefault(m.span(), k)
    return sorted((a, b, k) for (a, b), k in found.items())


def _score(matches: Sequence[Match], i: int, j: int, single: bool) -> int:
    """FTS5's score of the window holding matches[i:j]: 1000 for each distinct query word, 1 for each repeat."""
    distinct = 1 if single else len({k for _, _, k in matches[i:j]})
    return 1000 * distinct + (j - i) - distinct


def snippet(text: str, stems: Sequence[QueryStem], tokens: int = SNIPPET_TOKENS) -> Segments:
    """The highlighted snippet of a description for the query stems (see the module docstring)."""
    if not text:
        return ()
    matches = find_matches(text, stems)
    if not matches:
        return _cut(text, matches, 0, 0, tokens)
    # word numbers of the matches, estimated by counting spaces and line breaks (C speed; close to FTS5's)
    position, previous = [], 0
    count = 0
    for a, _, _ in matches:
        count += _gaps(text, previous, a)
        position.append(count)
        previous = a
    # sentence starts count only when the text is long and one comes before the last match
    sentences = len(text) > tokens * CHARS_PER_TOKEN and sentence_start(text, 0, matches[-1][0]) is not None
    single = len(stems) == 1
    best_score, first, last, sentence_at = 0, 0, 0, None
    sentence, seen, scored = 0, 0, -1  # the sentence of the last match looked at, that match, the last scored
    for i, (a, _, _) in enumerate(matches):
        j = bisect_left(position, position[i] + tokens)  # the window starting at a holds matches[i:j]
        score = _score(matches, i, j, single)
        if score > best_score:
            best_score, first, last, sentence_at = score, a, matches[j - 1][1], None
        if not sentences:
            continue
        # the sentence holding a: one starting after the previous match, else the previous match's
        sentence = sentence_start(text, seen, a) or sentence
        seen = a
        # the window from a sentence start is the same for every match in the sentence: scored once
        if sentence < a and sentence != scored:
            scored = sentence
            at = position[i] - _gaps(text, sentence, a)
            i0, j0 = bisect_left(matches, (sentence,)), bisect_left(position, at + tokens)
            if j0 > i0:
                score = _score(matches, i0, j0, single) + (100 if sentence else 120)
                if score > best_score:
                    best_score, first, last, sentence_at = score, matches[i0][0], matches[j0 - 1][1], sentence
    return _cut(text, matches, first, last, tokens, sentence_at)


def _gaps(text: str, start: int, end: int) -> int:
    """About the number of words starting in [start, end): spaces and line breaks."""
    return text.count(" ", start, end) + text.count("\n", start, end)


def sentence_start(text: str, lo: int, hi: int) -> int | None:
    """The last sentence start at or before `hi` whose '.' or ':' is at or after `lo`, or None.

    A sentence starts at a letter or digit after '.' or ':' and white space (spaces, tabs, line breaks), as
    FTS5 sees sentences. The search runs backwards from `hi`: it costs the distance to that sentence start,
    not the length of the text.
    """
    end = hi - 1  # the '.' or ':' is before end: the white space and the letter follow it
    dot, colon = text.rfind(".", lo, end), text.rfind(":", lo, end)
    while dot >= 0 or colon >= 0:
        p = max(dot, colon)
        s = p + 1
        while s < hi and text[s] in _GAP_SPACE:
            s += 1
        if s > p + 1 and text[s].isalnum():
            return s
        if p == dot:
            dot = text.rfind(".", lo, p)
        else:
            colon = text.rfind(":", lo, p)
    return None


def _words_after(text: str, start: int, n: int) -> list[tuple[int, int]]:
    return [m.span() for m in islice(_TOKEN.finditer(text, start), n)]


def _words_before(text: str, end: int, n: int) -> list[tuple[int, int]]:
    """The last n words ending at or before `end` (fewer at the start of the text)."""
    reach = n * CHARS_PER_TOKEN * 2
    while True:
        lo = max(0, end - reach)
        found = [m.span() for m in _TOKEN.finditer(text, lo, end)]
        if lo > 0 and found and found[0][0] == lo and _is_word_char(text[lo - 1]):
            found = found[1:]  # a word cut by the region's start
        if len(found) >= n or lo == 0:
            return found[-n:] if n else []
        reach *= 4


def _cut(
    text: str, matches: Sequence[Match], first: int, last: int, n: int, sentence_at: int | None = None
) -> Segments:
    """n words from `sentence_at` when they hold the matches in [first, last), else centred on those
    matches, as segments with '…' where text is left out."""
    words = _words_after(text, sentence_at, n) if sentence_at is not None else []
    if not words or words[-1][1] < last:
        after = _words_after(text, first, n)
        if not after:
            return ()
        span = bisect_left(after, (last,)) or 1
        before = _words_before(text, first, max(0, int((n - span) / 2)))
        after = after[: n - len(before)]
        if len(after) < n - len(before):  # the text ends: begin earlier (FTS5 keeps n words)
            before = _words_before(text, first, n - len(after))
        words = before + after
    start_char, end_char = words[0][0], words[-1][1]
    if not _TOKEN.search(text, 0, start_char):
        start_char = 0  # the opening words: the text from its start
    more = _TOKEN.search(text, end_char) is not None
    if not more:
        end_char = len(text)
    segments: list[tuple[str, bool]] = []
    if start_char > 0:
        segments.append((ELLIPSIS, False))
    pos = start_char
    for a, b, _k in matches[bisect_left(matches, (start_char,)) :]:
        if b > end_char:
            break
        if a > pos:
            segments.append((text[pos:a], False))
        segments.append((text[a:b], True))
        pos = b
    if end_char > pos:
        segments.append((text[pos:end_char], False))
    if more:
        segments.append((ELLIPSIS, False))
    return _merged(segments)


def _merged(segments: list[tuple[str, bool]]) -> Segments:
    out: list[tuple[str, bool]] = []
    for text, match in segments:
        if out and not match and not out[-1][1]:
            out[-1] = (out[-1][0] + text, False)
        else:
            out.append((text, match))
    return tuple(out)
