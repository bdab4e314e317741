"""Find the base pay of a job inside its description.

A description states many sums of money; only some are the job's pay. Each money mention (salary_grammar.scan)
gets a category from the words nearest to it:

    base     "salary", "base pay", "pay range", "compensation", "wage", "rate" ... before it, or "base"/"salary"
             right after it ("$160k - 200k Base salary")
    ote      "OTE", "on-target earnings", "total compensation", "commission" ... (used only when no base pay)
    other    bonus, sign-on, equity, RSUs, 401(k), stipends, allowances, relocation, tuition, referral,
             funding ("raised $20M"), revenue, valuation, market size, prices ... (never pay)
    neutral  none of these (the second zone of a list, a bare "$150k - $180k" in an HN first line)

and is dropped when its yearly worth is absurd (under ~1,000 or over ~1.5M USD), when it is a sum in
millions or billions, or when it is the RemoteWLB board chip ("💰 65k-95k USD", a placeholder).

The winner is the best-scored base mention (a range, a stated period, a salary word all add). Every other
base or neutral mention in the same currency and period and of a comparable size joins it: several pay
zones or per-city ranges ("Zone A: $150,000 - $200,000; Zone B: $135,000 - $180,000") become one range from
the lowest min to the highest max. OTE mentions are used only when there is no base pay at all.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from roledex.models import ANNUAL_FACTOR, Pay
from roledex.normalize.salary import infer_period, is_weak_only, mention_currency, to_pay
from roledex.normalize.salary_grammar import Mention, mention_at, scan
from roledex.normalize.salary_lexicon import HOME_CURRENCY, ROUGH_USD_PER_UNIT

# Cheap test before any heavier regex: a currency sign, a K amount, a currency code or a pay word.
_QUICK = re.compile(
    r"[$€£¥₹₩₪₺₱₽₴฿]|\d\s?[kK]\b|\b(?:USD|EUR|GBP|CHF|CAD|AUD|INR|SEK|NOK|DKK|PLN|LPA|zł|Kč|kr)\b|\d\s?(?:Ft|lei)\b"
    r"|[Ss]alar|[Cc]ompensation|\b[Pp]ay\b|[Ww]age|[Gg]ehalt|[Ww]ynagrodzenie"
)
_MARKDOWN = str.maketrans({"*": " ", "_": " ", "\\": None, "`": " "})

_BASE = (
    r"salar(?:y|ies|io|ié)|base|pay|wages?|compensation|comp|rates?|ranges?|remuneration|earn(?:ings?)?|"
    r"income|gehalt|vergütung|salaire|rémunération|sueldo|retribución|stipendio|band|hiring\s+range|"
    r"wynagrodzenie"
)
_OTE = (
    r"ote|on[- ]target(?:\s+earnings)?|total\s+(?:annual\s+|target\s+)?(?:compensation|comp|cash|rewards?|package|earnings|target)|tc|"
    r"commissions?|variable|uncapped|incl(?:uding|\.)?\s+(?:bonus|commission)"
)
_OTHER = (
    r"bonus(?:es)?|sign[- ]?on|signing|equity|stocks?|rsus?|options?|401\s?\(?k\)?|match(?:ing)?|stipends?|"
    r"allowances?|reimburs\w*|relocation|tuition|referrals?|credits?|rais(?:ed|e|ing)|funding|funded|"
    r"series\s+[a-f]|seed|valuation|valued|revenues?|arr|sales|funds?|invest\w*|backed|grants?|"
    r"awards?|prizes?|donat\w*|gifts?|insurance|per\s+diem|spend(?:ing)?|spent|sav(?:ed|ings?)|"
    r"costs?|prices?|pricing|fees?|coverage|assets|aum|gmv|worth|loans?|deals?|profit[- ]sharing|retention|"
    r"perks?|wellness|well-being|home\s+office|equipment|phone|internet|"
    r"co-?working|gym|meals?|lunch|travel|conferences?|books|pension|retirement|deductible|premiums?|"
    r"charit\w*|volunteer\w*|subsid\w*|contribut\w*|"
    r"transactions|processed|volume|billion|million|year\s+(?:one|1)|cap|capital|treasury|vc|investors?|"
    r"round|acquired|acquisition|ipo|fine|penalt\w*|claims?|loss(?:es)?|award(?:ed)?|scholarships?|"
    r"fellowship|prize|hackathon|bounty|bount(?:y|ies)|cashback|discount|voucher|card|lifestyle|benefits?\s+worth"
)
_KEYWORDS = re.compile(
    rf"(?<![A-Za-z])(?:(?P<other>{_OTHER})|(?P<ote>{_OTE})|(?P<base>{_BASE}))(?![A-Za-z])", re.IGNORECASE
)
# Right after an amount: "$160k - 200k Base salary", "$130,000 OTE", "$5,000 signing bonus".
_AFTER_NEAR = re.compile(
    r"[ \t]*(?:(?:USD|EUR|GBP|CAD|in|of|worth\s+of|annual|annually|yearly|one[- ]time|a|an|per\s+year|gross|"
    r"total|net|cash)[ \t]+){0,2}"
    rf"(?:(?P<other>{_OTHER})|(?P<ote>{_OTE})|(?P<base>base|salary|salaries|base\s+salary|base\s+pay))(?![A-Za-z])",
    re.IGNORECASE,
)
# A few words further, for single amounts only, never across punctuation or "plus/and/with/as":
# "$1,500 annual learning and development stipend", "$4,000 return to work childcare stipend".
_AFTER_FAR = re.compile(
    r"[ \t]*(?:(?!(?:plus|and|with|or|as|excluding|not|including|inclusive|depending|for|if|when|which|that)\b)"
    rf"[A-Za-z'-]+[ \t]+){{1,4}}?(?:(?P<other>{_OTHER})|(?P<ote>{_OTE}))(?![A-Za-z])",
    re.IGNORECASE,
)
# A pay word, then up to ~40 characters of label, then a digit: where unmarked pay figures may stand.
_BARE_PAY_WORD = re.compile(
    r"(?:salary|salaries|pay|compensation|wages?|remuneration|gehalt|salaire|salario|wynagrodzenie)"
    r"[^.\n$€£\d]{0,40}?[:\s](?=\d)",
    re.IGNORECASE,
)
_BOARD_CHIP = "💰"
_BEFORE_WINDOW = 110


@dataclass(slots=True)
class _Candidate:
    mention: Mention
    category: str  # "base" | "ote" | "neutral"
    currency: str | None
    period: str
    score: float
    annual_usd: float  # rough, for plausibility and comparability only
    lead: bool  # may be the primary mention (False: may only join one, like "Maximum: $269,300")


def find_base_pay(text: str, country: str | None) -> Pay | None:
    """The base pay range stated in `text` (see the module docstring), or None."""
    if _QUICK.search(text) is None:
        return None
    text = text.translate(_MARKDOWN)
    mentions = scan(text, anchored=True)
    mentions.extend(_bare_after_pay_words(text, mentions))
    if not mentions:
        return None
    mentions.sort(key=lambda m: m.start)
    yuan = "¥" in text and bool(re.search(r"RMB|CNY|元|人民币|yuan", text, re.IGNORECASE))
    candidates: list[_Candidate] = []
    prev_end = 0
    for mention in mentions:
        cand = _candidate(text, mention, prev_end, country, yuan)
        prev_end = mention.end
        if cand is not None:
            candidates.append(cand)
    if not candidates:
        return None
    _fill_markless_currency(candidates, country)
    return _choose(candidates, HOME_CURRENCY.get(country or "", "USD"))


def _bare_after_pay_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Base Salary Range: 115,000-150,000": a range or a stated period with no currency, after a pay word."""
    found: list[Mention] = []
    starts = {m.start for m in mentions}
    for kw in _BARE_PAY_WORD.finditer(text):
        pos = kw.end()
        if pos in starts or any(m.start <= pos < m.end for m in mentions):
            continue
        mention = mention_at(text, pos)
        if mention is None or mention.marks or not (mention.is_range or mention.period or mention.mult):
            continue
        if mention.high < 1000 and mention.period is None:
            continue
        found.append(mention)
    return found


def _category(text: str, mention: Mention, prev_end: int) -> tuple[str, int]:
    """The mention's category and how far (in characters) the deciding word is from it."""
    after = _AFTER_NEAR.match(text, mention.end)
    if after is None and not mention.is_range:
        after = _AFTER_FAR.match(text, mention.end)
    if after is not None:
        return ("other" if after.group("other") else "ote" if after.group("ote") else "base"), 0
    start = max(prev_end, mention.start - _BEFORE_WINDOW)
    last = None
    for last in _KEYWORDS.finditer(text, start, mention.start):  # noqa: B007 - the nearest is the last
        pass
    if last is None:
        return "neutral", _BEFORE_WINDOW
    distance = mention.start - last.end()
    return ("other" if last.group("other") else "ote" if last.group("ote") else "base"), distance


def _candidate(
    text: str, mention: Mention, prev_end: int, country: str | None, yuan: bool
) -> _Candidate | None:
    if mention.mult is not None and mention.mult >= 1e6:
        return None  # "$20M", "$1.6 trillion", "$54 million Series B": never one person's pay
    if _BOARD_CHIP in text[max(0, mention.start - 4) : mention.start]:
        return None
    if is_weak_only(mention, country):
        return None
    category, distance = _category(text, mention, prev_end)
    if category == "other":
        return None
    if not mention.marks and category == "neutral":
        return None  # "2k+ RPS": a K number with no currency and no pay word is not money
    currency = mention_currency(mention, country, yuan_hint=yuan) if mention.marks else None
    period = infer_period(mention, currency)
    rough = ROUGH_USD_PER_UNIT.get(currency or "USD", 1.0)
    annual = mention.high * ANNUAL_FACTOR[period] * rough
    if mention.low * ANNUAL_FACTOR[period] * rough < 1000 or annual > 1_500_000:
        return None
    bare_single = not mention.is_range and mention.period is None and mention.mult is None
    lead = True
    if category == "neutral":
        if annual < 15_000:
            return None
        lead = not bare_single  # a lone "$5,000" with no pay word may only join a stated range
    elif bare_single and period == "hour" and distance > 50:
        lead = False  # "$50" far from the pay word: a gift card, a credit, a stipend
    score = (5.0 if category == "base" else 0.0) + (2.0 if mention.is_range else 0.0)
    score += 1.0 if mention.period is not None else 0.0
    return _Candidate(mention, category, currency, period, score, annual, lead)


def _fill_markless_currency(candidates: list[_Candidate], country: str | None) -> None:
    """ "Salary: 160k - 200k" has no mark: use the country's currency, else the text's other currency."""
    marked = Counter(c.currency for c in candidates if c.mention.marks and c.currency)
    fallback = HOME_CURRENCY.get(country or "") or (marked.most_common(1)[0][0] if marked else None)
    for c in candidates:
        if not c.mention.marks:
            c.currency = fallback


def _choose(candidates: list[_Candidate], local_currency: str) -> Pay | None:
    """The best lead mention, merged with every same-currency, same-period, similar-size one (zones).

    Ties go to the posting's own currency (USD when the country is unknown), then to a yearly figure, then
    to the earlier mention.
    """
    base = [c for c in candidates if c.category in ("base", "neutral")]
    leaders = [c for c in base if c.lead]
    tier = base
    if not leaders:
        tier = [c for c in candidates if c.category == "ote" or (c.category == "neutral" and not c.lead)]
        leaders = [c for c in tier if c.lead and c.category == "ote"]
    if not leaders:
        return None
    primary = max(
        leaders, key=lambda c: (c.score, c.currency == local_currency, c.period == "year", -c.mention.start)
    )
    mid = (primary.mention.low + primary.mention.high) / 2
    group = [
        c
        for c in tier
        if c.currency == primary.currency
        and c.period == primary.period
        and mid / 4 <= (c.mention.low + c.mention.high) / 2 <= mid * 4
    ]
    low = min(c.mention.low for c in group)
    high = max(c.mention.high for c in group)
    merged = Mention(
        primary.mention.start, primary.mention.end, low, high, primary.mention.marks, primary.period,  # type: ignore[arg-type]
        primary.mention.mult, primary.mention.is_range or low != high, False,
    )  # fmt: skip
    return to_pay(merged, primary.currency, "posted")
