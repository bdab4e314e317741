"""The grammar of pay amounts: numbers in any locale, currency marks, multipliers, ranges and periods.

`scan(text, anchored=...)` walks a text once and yields `Mention`s: a single amount ("$120K+") or a range
("$95.4K–$190K", "between $90,000 and $120,000", "$25/hr - $30/hr", "120'000 – 150'000 CHF"), each with the
currency mark as written, the period the text states next to it (after it, or just before it: "hourly rate
of $40-50") and its character span. It does not decide what a mention means (base pay, bonus, funding):
salary.py and salary_find.py do that with the context around the span.

Numbers: the LAST separator is a decimal point when it is followed by other than exactly three digits
("25.50", "95.4", "190,000.00", "45,5"); every other separator groups thousands, in any locale: "120,000",
"120.000", "1,20,000" (Indian), "120'000" (Swiss), "120 000" (space, no-break space or narrow no-break
space). A number whose groups do not fit any locale ("12.34.56") is not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roledex.models import Period
from roledex.normalize.salary_lexicon import MULTIPLIERS, UNIT_PERIOD, WORD_PERIOD

_SPACES = " \u00a0\u202f\u2009"
_NUM = rf"\d+(?:(?:[,.'’]|[{_SPACES}](?=\d{{3}}(?!\d)))\d+)*"
_UPPER_CODES = (
    "USD|EUR|GBP|INR|JPY|CNY|RMB|CHF|CAD|AUD|SGD|SEK|NOK|DKK|PLN|BRL|MXN|ZAR|HKD|NZD|ILS|NIS|KRW|CZK|HUF|TRY|"
    "RON|BGN|ISK|IDR|MYR|PHP|THB|RUB|UAH|AED|SAR|QAR|ARS|CLP|COP|PEN|TWD|VND|NGN|KES|EGP|PKR|BDT|LKR"
)
_LOWER_CODES = "usd|eur|gbp|chf|cad|aud|sgd|inr|sek|nok|dkk|pln"
_CODE = rf"(?:{_UPPER_CODES}|{_LOWER_CODES})(?![A-Za-z])"
# Marks written before the number, longest first so "US$" wins over "$".
_SYMBOL_PRE = (
    r"(?<![A-Za-z])(?:U\.S\.\s?\$|US\$|USD\s?\$|CAN\$|CAD\s?\$|CA\$|C\$|AUD\s?\$|AU\$|A\$|NZD?\$|HKD?\$|SGD?\$|S\$|"
    r"MX\$|R\$|Rs\.?|Rp|RM|SFr\.?|Fr\.|kr\.?|zł|Kč|R(?=\s?\d))|\$|€|£|₹|¥|￥|₩|₪|₺|₱|₽|₴|฿"
)
_PRE = rf"(?:(?<![A-Za-z]){_CODE}\s{{0,3}}(?:{_SYMBOL_PRE})?|{_SYMBOL_PRE})"
_SUF = (
    rf"(?:{_CODE}|€|£|\$(?!\s?\d)|₹|₩|₪|₺|฿|₽|₴|zł|zl\b|kr\b\.?|Kč|Ft\b|lei\b|CHF\b|SFr\.?|Fr\.(?!\w)|:-|TL\b|元|円|"
    r"(?i:euros?|dollars?|pounds?|rupees?|francs?)\b)(?![ \u00a0]?\d)"
)
_MULT = (
    r"(?:[kK](?![^\W\d_])|(?:MM|M|mm|m|mn|Mn|bn|B|Bn|L|Cr)(?![^\W\d_])|"
    r"(?i:thousand|millions?|mil|billion|trillion|lakhs?|lacs?|LPA|crores?)(?![^\W\d_]))"
)
_AMOUNT_BODY = (
    rf"(?:(?P<pre>{_PRE})[{_SPACES}~≈]{{0,2}}|(?<![A-Za-z0-9.,]))(?P<num>{_NUM})(?![\d])"
    rf"(?:[{_SPACES}]?(?P<mult>{_MULT}))?(?P<plus>\s?\+(?!\s?[A-Za-z$€£\d]))?(?:[{_SPACES}]?(?P<suf>{_SUF}))?(?!\s?%)"
)
# Any amount, also a bare number (used inside salary strings and for the far end of a range).
AMOUNT_ANY = re.compile(_AMOUNT_BODY)
# An amount that says it is money: a currency mark or a K/M multiplier. Scanning descriptions uses this.
AMOUNT_ANCHORED = re.compile(
    rf"(?:(?P<pre>{_PRE})[{_SPACES}~≈]{{0,2}}(?P<num>{_NUM})(?![\d])"
    rf"(?:[{_SPACES}]?(?P<mult>{_MULT}))?(?P<plus>\s?\+(?!\s?[A-Za-z$€£\d]))?(?:[{_SPACES}]?(?P<suf>{_SUF}))?"
    rf"|(?<![A-Za-z0-9.,])(?P<num2>{_NUM})(?![\d])(?:[{_SPACES}]?(?P<mult2>{_MULT})(?P<plus2>\s?\+(?!\s?[A-Za-z$€£\d]))?(?:[{_SPACES}]?(?P<suf2>{_SUF}))?"
    rf"|(?P<plus3>\s?\+(?!\s?[A-Za-z$€£\d]))?[{_SPACES}]?(?P<suf3>{_SUF})))(?!\s?%)"
)

_UNIT_SHORT = r"hours?|hrs?|h|years?|yrs?|y|a|annum|an|months?|mo|mth|mon|m|weeks?|wk|w|days?|d|jahr|monat|mois|jour|tag|mes|año|ano"
_UNIT_LONG = r"hours?|hrs?|years?|yrs?|annum|months?|mo|mth|weeks?|wk|days?|jahr|monat|mois|an|jour|tag|mes|año|hora|día|dia|stunde|heure|semaine|woche"
_PERIOD_WORDS = (
    r"hourly|annually|annualized|annualised|annual|yearly|monthly|weekly|daily|jährlich|monatlich|"
    r"mensual(?:es)?|mensuel(?:le)?s?|anual(?:es)?|annuel(?:le)?s?|brutto\s*/\s*jahr"
)
PERIOD_AFTER = re.compile(
    rf"[{_SPACES}*_(\[]{{0,3}}(?:(?:gross|brutto|net|netto|base|pre-tax|before\s+tax|salary|USD|EUR|GBP|CAD)"
    rf"(?:[{_SPACES}*_]{{1,2}}|(?=/)))?"
    rf"(?:/[{_SPACES}]?(?P<short>{_UNIT_SHORT})(?![a-z])\.?"
    rf"|/?[{_SPACES}]?(?P<slashword>{_PERIOD_WORDS})(?![a-z])"
    rf"|(?:per|an?|each|every|pro|par|por|al|im|the)[{_SPACES}]+(?P<long>{_UNIT_LONG})(?![a-z])\.?"
    rf"|p[{_SPACES}]?[./]?[{_SPACES}]?(?P<p>a|m|h|w|d|hr|yr)(?:\.|(?![a-z]))"
    rf"|(?P<word>{_PERIOD_WORDS})(?![a-z]))",
    re.IGNORECASE,
)
PERIOD_BEFORE = re.compile(
    r"\b(?:(?P<word>hourly|annual(?:ly|ized|ised)?|yearly|monthly|weekly|daily|per\s+annum|jährlich|monatlich|"
    r"mensual|mensuel|anual|annuel)"
    r"|per\s+(?P<unit>hour|year|annum|month|week|day)|(?P<rate>day|hour)\s+rate|(?P<tjm>TJM))\b",
    re.IGNORECASE,
)
_SEP_PLAIN = re.compile(
    rf"[{_SPACES}*_\\]*(?:[-–—‑−~～]+|(?:to|up\s+to|through|thru|till|until|bis|à|a|au|hasta|tot)(?![A-Za-z]))"
    rf"[{_SPACES}*_:]*(?![%])",
    re.IGNORECASE,
)
_SEP_AND = re.compile(rf"[{_SPACES}*_]*(?:and|&|und|et|y|e)[{_SPACES}*_]+", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(
    r"(?:between|entre|zwischen|tra)[\s*_:]*(?:the\s+range\s+of\s+)?$", re.IGNORECASE
)
_BACK_LO = re.compile(
    rf"(?:(?P<between>between|entre|zwischen|tra)[{_SPACES}]+)?(?<![A-Za-z0-9.,])(?P<num>{_NUM})"
    rf"(?:[{_SPACES}]?(?P<mult>{_MULT}))?[{_SPACES}*_]*(?:[-–—‑−~]+|to|bis|à|a|(?P<and>and|et|und|y|e))"
    rf"[{_SPACES}*_]*$",
    re.IGNORECASE,
)
_UNIT_ALIAS = {
    "a": "year",
    "y": "year",
    "m": "month",
    "w": "week",
    "d": "day",
    "h": "hour",
    "hr": "hour",
    "yr": "year",
}


@dataclass(slots=True)
class Amount:
    """One number with what was written around it."""

    start: int
    end: int
    raw: float  # the number as written, before the multiplier
    mult: float | None  # 1e3 for "K", 1e6 for "M" ...
    pre: str | None  # currency mark before the number
    suf: str | None  # currency mark after the number
    plus: bool  # "$150K+"
    period: Period | None = None  # period written right after this amount ("/hr")

    @property
    def value(self) -> float:
        return self.raw * self.mult if self.mult else self.raw

    @property
    def marks(self) -> tuple[str, ...]:
        if self.pre:
            return (self.pre, self.suf) if self.suf else (self.pre,)
        return (self.suf,) if self.suf else ()


@dataclass(slots=True)
class Mention:
    """A single amount or a range, with its period as stated (None when the text states none)."""

    start: int
    end: int
    low: float
    high: float
    marks: tuple[str, ...]
    period: Period | None
    mult: float | None
    is_range: bool
    plus: bool


_US_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?")
_NUM_SPLIT = re.compile(r"([,.'’ \u00a0\u202f\u2009])")


def parse_number(text: str) -> float | None:
    """A number written with any locale's separators; None when its grouping fits no locale."""
    if text.isdigit():
        return float(text)
    if _US_GROUPED.fullmatch(text) is not None:
        return float(text.replace(",", ""))
    parts = _NUM_SPLIT.split(text)
    groups = parts[0::2]
    seps = parts[1::2]
    if not seps:
        return float(text)
    decimals = ""
    if seps[-1] in ".," and (len(groups[-1]) != 3 or (len(seps) > 1 and seps[-2] != seps[-1])):
        decimals = groups.pop()
        seps.pop()
    if seps:
        if len(set(seps)) != 1 or not 1 <= len(groups[0]) <= 3 or len(groups[-1]) != 3:
            return None
        middle = groups[1:-1]
        if not (all(len(g) == 3 for g in middle) or (seps[0] == "," and all(len(g) == 2 for g in middle))):
            return None
    whole = "".join(groups)
    return float(f"{whole}.{decimals}") if decimals else float(whole)


def _period_from(m: re.Match[str]) -> Period | None:
    word = m.group("word") or m.group("slashword")
    if word:
        w = re.sub(r"\s+", "", word.lower())
        if w.startswith("brutto"):
            return "year"
        for key, period in WORD_PERIOD.items():
            if w == key or w.startswith(key):
                return period
        if w.startswith(("mensual", "mensuel", "monatlich")):
            return "month"
        if w.startswith(("anual", "annuel")):
            return "year"
        return None
    unit = (m.group("short") or m.group("long") or m.group("p") or "").lower()
    return UNIT_PERIOD.get(unit) or _UNIT_ALIAS.get(unit)  # type: ignore[return-value]


def period_after(text: str, pos: int) -> tuple[Period | None, int]:
    """The period written right after position `pos` ("/hr", " per year", " annually"), and where it ends."""
    probe = text[pos : pos + 6].lstrip(" \u00a0*_([")
    if not probe or not (probe[0] == "/" or probe[0].isalpha()):
        return None, pos  # "-", ".", ",", ")" or a digit next: no period word here (the common case)
    m = PERIOD_AFTER.match(text, pos)
    if m is None:
        return None, pos
    return _period_from(m), m.end()


_PERIOD_STEMS = (
    "hour",
    "annu",
    "year",
    "month",
    "week",
    "daily",
    "day",
    "jähr",
    "monat",
    "mensu",
    "anual",
    "tjm",
)
_PERIOD_STEM_RE = re.compile("|".join(_PERIOD_STEMS))  # one C scan instead of a test per stem


def period_before(text: str, pos: int, window: int = 60) -> Period | None:
    """A period word in the same clause just before `pos` ("hourly rate of", "annual base salary:")."""
    start = max(0, pos - window)
    chunk = text[start:pos]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("; "), chunk.rfind("|"))
    if cut >= 0:
        chunk = chunk[cut + 1 :]
    low = chunk.lower()
    if _PERIOD_STEM_RE.search(low) is None:
        return None
    found: Period | None = None
    for m in PERIOD_BEFORE.finditer(chunk):
        if m.group("word"):
            w = m.group("word").lower()
            found = WORD_PERIOD.get(w) or (
                "year" if w.startswith(("annual", "per", "anual", "annuel")) else None
            )
            if found is None and w.startswith(("mensu", "monat")):
                found = "month"
            if found is None and w.startswith("jähr"):
                found = "year"
        elif m.group("unit"):
            u = m.group("unit").lower()
            found = "year" if u == "annum" else UNIT_PERIOD.get(u)
        elif m.group("rate"):
            found = UNIT_PERIOD.get(m.group("rate").lower())
        else:
            found = "day"
    return found


def _amount(m: re.Match[str], anchored: bool) -> Amount | None:
    if anchored and m.group("num") is None:
        num = m.group("num2")
        mult = m.group("mult2")
        plus = m.group("plus2") or m.group("plus3")
        suf = m.group("suf2") or m.group("suf3")
        pre = None
    else:
        num, mult, plus, suf, pre = (
            m.group("num"),
            m.group("mult"),
            m.group("plus"),
            m.group("suf"),
            m.group("pre"),
        )
    raw = parse_number(num)
    if raw is None or (raw == 401 and mult and not pre):  # "401k" is a retirement plan
        return None
    factor = MULTIPLIERS.get(mult.lower()) if mult else None
    a = Amount(
        m.start(),
        m.end(),
        raw,
        factor,
        pre.strip() if pre else None,
        suf.strip() if suf else None,
        bool(plus),
    )
    if mult and mult.lower() == "lpa":  # lakh per annum
        a.period = "year"
    return a


def _with_period(text: str, a: Amount) -> Amount:
    if a.period is not None:
        return a
    period, end = period_after(text, a.end)
    if period is not None:
        a.period = period
        a.end = end
    return a


def _marks_agree(lo: Amount, hi: Amount) -> bool:
    if not lo.marks or not hi.marks:
        return True
    a = {_mark_key(x) for x in lo.marks}
    b = {_mark_key(x) for x in hi.marks}
    return bool(a & b) or "$" in a or "$" in b


def _mark_key(mark: str) -> str:
    m = mark.replace(" ", "").upper()
    return "$" if m in ("$", "USD", "USD$", "US$") else m


def _join(lo: Amount, hi: Amount) -> tuple[float, float] | None:
    """The two ends of a range once a one-sided multiplier is shared ("$170-240k"); None if not a range."""
    lo_v, hi_v = lo.value, hi.value
    if lo.mult is None and hi.mult is not None and lo.raw < 1000 and lo.raw * hi.mult <= hi_v * 1.0001:
        lo_v = lo.raw * hi.mult
    elif hi.mult is None and lo.mult is not None and hi.raw < 1000 and hi.raw * lo.mult >= lo_v:
        hi_v = hi.raw * lo.mult
    elif (
        lo.mult is None
        and hi.mult is None
        and 10 <= lo.raw < 1000
        and lo.raw == int(lo.raw)
        and hi.raw >= 10_000
        and 0.4 <= lo.raw * 1000 / hi.raw <= 1
    ):
        lo_v = lo.raw * 1000  # "$110- $120,000": the thousands of the low end are understood
    if lo_v <= 0 or hi_v <= 0:
        return None
    small, big = sorted((lo_v, hi_v))
    if big / small > 10:
        return None
    return small, big


def _range_after(text: str, lo: Amount) -> tuple[Amount, tuple[float, float]] | None:
    pos = lo.end
    sep = _SEP_PLAIN.match(text, pos)
    ends = []
    if sep and sep.end() > pos:
        ends.append(sep.end())
    and_sep = _SEP_AND.match(text, pos)
    if and_sep and _BETWEEN_BEFORE.search(text, max(0, lo.start - 30), lo.start):
        ends.append(and_sep.end())
    if pos < len(text) and not text[pos].isspace():
        ends.append(pos)  # "$200,000$280,000": no separator, the far end must carry its own mark
    for end in ends:
        m = AMOUNT_ANY.match(text, end)
        if m is None:
            continue
        hi = _amount(m, anchored=False)
        if hi is None or (end == pos and (not hi.pre or end != m.start())):
            continue
        if not _marks_agree(lo, hi):
            continue
        joined = _join(lo, hi)
        if joined is None:
            continue
        return _with_period(text, hi), joined
    return None


def _range_before(text: str, hi: Amount) -> tuple[Amount, tuple[float, float]] | None:
    """ "120,000 - 150,000 EUR": the near end carries no mark; read it back from the text before."""
    window_start = max(0, hi.start - 40)
    m = _BACK_LO.search(text, window_start, hi.start)
    if m is None or (m.group("and") and not m.group("between")):
        return None
    raw = parse_number(m.group("num"))
    if raw is None:
        return None
    mult = MULTIPLIERS.get(m.group("mult").lower()) if m.group("mult") else None
    lo = Amount(m.start("num"), m.end(), raw, mult, None, None, False)
    joined = _join(lo, hi)
    if joined is None:
        return None
    return lo, joined


def scan(text: str, *, anchored: bool) -> list[Mention]:
    """Every amount or range in `text`, left to right, without overlaps.

    With anchored=True only amounts with a currency mark or a K/M multiplier start a mention (descriptions);
    with anchored=False any number does (salary strings).
    """
    pattern = AMOUNT_ANCHORED if anchored else AMOUNT_ANY
    out: list[Mention] = []
    last_end = 0
    for m in pattern.finditer(text):
        if m.start() < last_end:
            continue
        mention = _mention(text, m, anchored, last_end)
        if mention is not None:
            out.append(mention)
            last_end = mention.end
    return out


_DIGIT_RUN = re.compile(r"[0-9][0-9,.'’\u00a0\u202f\u2009 ]*")
_MARK_BEFORE = re.compile(rf"(?:{_PRE})[{_SPACES}~≈]{{0,2}}\Z")
_MARK_AFTER = re.compile(rf"[{_SPACES}]?(?:{_MULT}|{_SUF})")
_SYMBOL_CHARS = frozenset("$€£¥₹₩₪₺₱₽₴฿￥")
_GAP_CHARS = frozenset(" \u00a0\u202f\u2009~≈")
_AFTER_LOWER2 = frozenset(
    [
        "kr",
        "zł",
        "zl",
        "mi",
        "mn",
        "mm",
        "th",
        "tr",
        "la",
        "lp",
        "le",
        "eu",
        "do",
        "po",
        "ru",
        "fr",
        "bi",
        "bn",
        "cr",
    ]
)


def _may_follow(text: str, i: int) -> bool:
    """Cheap test: can a multiplier or a currency mark start at text[i] ("k", "M", "USD", "€", "zł" ...)?"""
    c = text[i]
    if c.isupper() or c in _SYMBOL_CHARS or c in "元円:":
        return True
    if not c.isalpha():
        return False
    nxt = text[i + 1 : i + 2]
    return not nxt.isalpha() or text[i : i + 2] in _AFTER_LOWER2


_PAY_STEMS = ("salar", "compensation", "pay", "wage", "remunera", "gehalt", "salaire", "wynagrodz")
_PAY_STEM_RE = re.compile("|".join(_PAY_STEMS))  # one C scan instead of a test per stem
_BARE_PAY_BEFORE = re.compile(
    r"(?:salary|salaries|pay|compensation|wages?|remuneration|gehalt|salaire|salario|wynagrodzenie)"
    r"[^.\n$€£\d]{0,40}?[:\s]\Z",
    re.IGNORECASE,
)


# The marks of _PRE that end in a letter or a dot: a number that one of them precedes has it at the end of the
# word before it (so "in 2020" or "of 5" needs no regex).
_WORD_MARKS = frozenset(
    _UPPER_CODES.split("|")
    + _LOWER_CODES.split("|")
    + ["Rs", "Rs.", "Rp", "RM", "SFr", "SFr.", "Fr.", "kr", "kr.", "zł", "Kč", "R"]
)


# characters that are no gap, letter, dot or currency symbol: _mark_start_before gives -1 after any of them
_NO_MARK_END = frozenset("-\n\r\t(/#:=[+*|,;)\"'–—•<>&_@%!?")


def _mark_start_before(text: str, s: int) -> int:
    """Where a currency mark written before the number at `s` starts ("$", "USD $", "C$", "€ "), or -1."""
    k = s - 1
    while k >= 0 and s - k <= 3 and text[k] in _GAP_CHARS:
        k -= 1
    if k < 0:
        return -1
    c = text[k]
    if c not in _SYMBOL_CHARS:
        # a code or letter mark: a short word ("USD", "CHF", "Rs.", "kr", "zł") right before the number
        j = k
        while j >= 0 and k - j < 5 and (text[j].isalpha() or text[j] == "."):
            j -= 1
        if k - j < 1 or k - j > 4 or (j >= 0 and text[j].isalnum()):
            return -1
        word = text[j + 1 : k + 1]
        if not (
            word in _WORD_MARKS
            or word[1:] in _WORD_MARKS
            or word[2:] in _WORD_MARKS
            or word[3:] in _WORD_MARKS
        ):
            return -1
    lo = max(0, s - 10)
    m = _MARK_BEFORE.search(text[lo:s])
    return lo + m.start() if m is not None else -1


def _pay_word_before(text: str, s: int) -> bool:
    window = text[max(0, s - 60) : s]
    low = window.lower()
    if _PAY_STEM_RE.search(low) is None:
        return False
    return _BARE_PAY_BEFORE.search(window) is not None


def _digit_positions(text: str) -> list[int]:
    """Where the ASCII digits of `text` are, in order: ten `str.find` scans in C (a regex walks the text
    character by character, ten times slower on a description that has a dozen digits)."""
    out: list[int] = []
    find = text.find
    for digit in "0123456789":
        i = find(digit)
        while i != -1:
            out.append(i)
            i = find(digit, i + 1)
    out.sort()
    return out


def scan_money(text: str) -> list[Mention]:
    """The money mentions of a description, fast: one pass over its digit runs (found with `str.find`).

    A run starts a mention when a currency mark stands right before it ("$", "USD $", "C$", "€ "), a
    multiplier or mark right after it ("150k", "90k EUR", "120'000 CHF"), or a pay word introduces it
    ("Salary Range: 115,000-150,000", marked or not). This finds what scan(text, anchored=True) finds plus
    the pay-word case, with plain string tests first so that most runs (years, counts) cost almost nothing.
    """
    out: list[Mention] = []
    last_end = run_end = 0
    n = len(text)
    for s in _digit_positions(text):
        if s < run_end:
            continue  # inside the run already read
        run = _DIGIT_RUN.match(text, s)  # the run `_DIGIT_RUN.finditer` would yield: runs start at a digit
        assert run is not None
        run_end = run.end()
        if s < last_end:
            continue
        # punctuation right before the number ("-5", "(3", "/2", a new line) ends no currency mark
        start = _mark_start_before(text, s) if s and text[s - 1] not in _NO_MARK_END else -1
        if start < 0:
            e = s + len(run.group().rstrip(",.'’ \u00a0\u202f\u2009"))
            nxt = e + 1 if e < n and text[e] in _GAP_CHARS else e
            if (nxt < n and _may_follow(text, nxt) and _MARK_AFTER.match(text, e) is not None) or (
                e - s >= 5 and _pay_word_before(text, s)
            ):
                start = s
        if start < 0 or start < last_end:
            continue
        m = AMOUNT_ANY.match(text, start)
        if m is None or m.end() <= s:
            continue
        mention = _mention(text, m, False, last_end, back=True)
        if mention is not None:
            out.append(mention)
            last_end = mention.end
    return out


def mention_at(text: str, pos: int) -> Mention | None:
    """The amount or range that starts at `pos`, marked or not ("Salary Range: 115,000-150,000")."""
    m = AMOUNT_ANY.match(text, pos)
    return _mention(text, m, False, pos) if m is not None else None


def _mention(
    text: str, m: re.Match[str], anchored: bool, last_end: int, *, back: bool = False
) -> Mention | None:
    a = _amount(m, anchored)
    if a is None:
        return None
    a = _with_period(text, a)
    hi_and_ends = _range_after(text, a)
    if hi_and_ends is not None:
        hi, (low, high) = hi_and_ends
        mention = Mention(
            a.start,
            hi.end,
            low,
            high,
            a.marks + hi.marks,
            hi.period or a.period,
            hi.mult or a.mult,
            True,
            hi.plus,
        )
    else:
        lo_end = _range_before(text, a) if (anchored or back) and not a.pre and a.start >= last_end else None
        if lo_end is not None and lo_end[0].start >= last_end:
            lo, (low, high) = lo_end
            mention = Mention(lo.start, a.end, low, high, a.marks, a.period, a.mult or lo.mult, True, a.plus)
        else:
            mention = Mention(a.start, a.end, a.value, a.value, a.marks, a.period, a.mult, False, a.plus)
    if mention.period is None:
        mention.period = period_before(text, mention.start)
    return mention
