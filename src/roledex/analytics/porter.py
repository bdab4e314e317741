"""The Porter stemmer exactly as SQLite's FTS5 `porter` tokenizer applies it, so that Python can tell which
words of a text FTS5 matched (highlighted snippets are built in Python, see `snippets`).

FTS5 stems each token (lowercase, diacritics removed by unicode61) as UTF-8 bytes: tokens shorter than 3 or
longer than 64 bytes are left as they are; otherwise Porter's steps 1a, 1b, 1c, 2, 3, 4, 5a and 5b run, with
'a e i o u' as vowels and 'y' a vowel after a consonant. Within a step the longest listed suffix that ends
the word is the only one tried: when its condition fails, the step changes nothing. A suffix only counts when
something is left before it. Non-ASCII bytes are consonants. tests/analytics/test_porter.py checks the
stems against SQLite's own on generated words.

`stem` takes a folded token and returns its stem as a str of the UTF-8 bytes (latin-1 decoded): stems are
only compared with each other, never shown.
"""

from __future__ import annotations

from functools import lru_cache

MIN_BYTES, MAX_BYTES = 3, 64
_VOWELS = frozenset("aeiou")

# (suffix, condition, replacement) per step, longest first within the suffixes sharing a second-last letter
# (FTS5 dispatches on that letter, then tries its suffixes in this order; the first that ends the word decides)
_M0, _M1, _M1ST = "m>0", "m>1", "m>1 and *s or *t"
_STEP2 = (
    ("ational", _M0, "ate"),
    ("tional", _M0, "tion"),
    ("enci", _M0, "ence"),
    ("anci", _M0, "ance"),
    ("izer", _M0, "ize"),
    ("logi", _M0, "log"),
    ("bli", _M0, "ble"),
    ("alli", _M0, "al"),
    ("entli", _M0, "ent"),
    ("eli", _M0, "e"),
    ("ousli", _M0, "ous"),
    ("ization", _M0, "ize"),
    ("ation", _M0, "ate"),
    ("ator", _M0, "ate"),
    ("alism", _M0, "al"),
    ("iveness", _M0, "ive"),
    ("fulness", _M0, "ful"),
    ("ousness", _M0, "ous"),
    ("aliti", _M0, "al"),
    ("iviti", _M0, "ive"),
    ("biliti", _M0, "ble"),
)
_STEP3 = (
    ("ical", _M0, "ic"),
    ("ness", _M0, ""),
    ("icate", _M0, "ic"),
    ("iciti", _M0, "ic"),
    ("ful", _M0, ""),
    ("ative", _M0, ""),
    ("alize", _M0, "al"),
)
_STEP4 = (
    ("al", _M1, ""),
    ("ance", _M1, ""),
    ("ence", _M1, ""),
    ("er", _M1, ""),
    ("ic", _M1, ""),
    ("able", _M1, ""),
    ("ible", _M1, ""),
    ("ant", _M1, ""),
    ("ement", _M1, ""),
    ("ment", _M1, ""),
    ("ent", _M1, ""),
    ("ion", _M1ST, ""),
    ("ou", _M1, ""),
    ("ism", _M1, ""),
    ("ate", _M1, ""),
    ("iti", _M1, ""),
    ("ous", _M1, ""),
    ("ive", _M1, ""),
    ("ize", _M1, ""),
)


def _by_second_last(rules: tuple[tuple[str, str, str], ...]) -> dict[str, tuple[tuple[str, str, str], ...]]:
    table: dict[str, list[tuple[str, str, str]]] = {}
    for rule in rules:
        table.setdefault(rule[0][-2], []).append(rule)
    return {k: tuple(v) for k, v in table.items()}


_STEPS = tuple(_by_second_last(r) for r in (_STEP2, _STEP3, _STEP4))


def _is_vowel(ch: str, y_is_vowel: bool) -> bool:
    return ch in _VOWELS or (y_is_vowel and ch == "y")


def _gobble_vc(s: str, consonant_before: bool) -> int:
    """Past the first vowel-consonant sequence of s: the length consumed, 0 when there is none."""
    cons = consonant_before
    i, n = 0, len(s)
    while i < n:
        cons = not _is_vowel(s[i], cons)
        if not cons:
            break
        i += 1
    i += 1
    while i < n:
        cons = not _is_vowel(s[i], cons)
        if cons:
            return i + 1
        i += 1
    return 0


def _m_gt0(s: str) -> bool:
    return _gobble_vc(s, False) > 0


def _m_gt1(s: str) -> bool:
    n = _gobble_vc(s, False)
    return bool(n) and _gobble_vc(s[n:], True) > 0


def _m_eq1(s: str) -> bool:
    n = _gobble_vc(s, False)
    return bool(n) and _gobble_vc(s[n:], True) == 0


def _o_star(s: str) -> bool:
    """Ends consonant-vowel-consonant, the last consonant not w, x or y."""
    if not s or s[-1] in "wxy":
        return False
    mask, cons = 0, False
    for ch in s:
        cons = not _is_vowel(ch, cons)
        mask = (mask << 1) + cons
    return (mask & 7) == 5


def _has_vowel(s: str) -> bool:
    """*v*: a vowel, with 'y' a vowel anywhere but first."""
    return any(_is_vowel(ch, i > 0) for i, ch in enumerate(s))


def _condition(name: str, stem: str) -> bool:
    if name == _M0:
        return _m_gt0(stem)
    if name == _M1:
        return _m_gt1(stem)
    return stem[-1:] in ("s", "t") and _m_gt1(stem)


def _apply(word: str, table: dict[str, tuple[tuple[str, str, str], ...]]) -> str:
    if len(word) < 2:
        return word
    for suffix, cond, out in table.get(word[-2], ()):
        if len(word) > len(suffix) and word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + out if _condition(cond, stem) else word
    return word


def _step1a(w: str) -> str:
    if w.endswith("s"):
        if w[-2:-1] == "e":
            if (len(w) > 4 and w[-4:-2] == "ss") or (len(w) > 3 and w[-3] == "i"):
                return w[:-2]
            return w[:-1]
        if w[-2:-1] != "s":
            return w[:-1]
    return w


def _step1b(w: str) -> tuple[str, bool]:
    """(word, whether 'ed' or 'ing' was removed)."""
    second = w[-2:-1]
    if second == "e":
        if len(w) > 3 and w.endswith("eed"):
            return (w[:-1], False) if _m_gt0(w[:-3]) else (w, False)
        if len(w) > 2 and w.endswith("ed"):
            return (w[:-2], True) if _has_vowel(w[:-2]) else (w, False)
    elif second == "n" and len(w) > 3 and w.endswith("ing"):
        return (w[:-3], True) if _has_vowel(w[:-3]) else (w, False)
    return w, False


def _step1b2(w: str) -> str:
    for suffix, out in (("at", "ate"), ("bl", "ble"), ("iz", "ize")):
        if len(w) > 2 and w.endswith(suffix):
            return w[:-2] + out
    if len(w) >= 2 and not _is_vowel(w[-1], False) and w[-1] not in "lsz" and w[-1] == w[-2]:
        return w[:-1]
    if _m_eq1(w) and _o_star(w):
        return w + "e"
    return w


@lru_cache(maxsize=65_536)
def stem(token: str) -> str:
    """The FTS5 porter stem of a folded token (see the module docstring), as latin-1-decoded UTF-8 bytes."""
    w = token.encode("utf-8").decode("latin-1")
    if not MIN_BYTES <= len(w) <= MAX_BYTES:
        return w
    w = _step1a(w)
    w, removed = _step1b(w)
    if removed:
        w = _step1b2(w)
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    for table in _STEPS:
        w = _apply(w, table)
    if w.endswith("e"):
        head = w[:-1]
        if _m_gt1(head) or (_m_eq1(head) and not _o_star(head)):
            w = head
    if len(w) > 1 and w.endswith("ll") and _m_gt1(w[:-1]):
        w = w[:-1]
    return w
