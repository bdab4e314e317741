"""What a sum of money in a description is, judged by the words around it.

    base     "salary", "base pay", "pay range", "compensation", "wage", "rate" ... before it, or "base"/"salary"
             right after it ("$160k - 200k Base salary")
    ote      "OTE", "on-target earnings", "total compensation", "commission" ... (pay, but not base pay)
    other    bonus, sign-on, equity, RSUs, 401(k), stipends, allowances, relocation, tuition, referral,
             funding ("raised $20M"), revenue, valuation, fund, prices, insurance ... (never pay)
    neutral  none of these (the second zone of a list, a bare "$150k - $180k" in an HN first line)

Words are looked up as lower-cased tokens in sets (no big alternation regex: this runs for every money
mention of every posting). Words right after the amount decide first ("$5,000 signing bonus", "$130,000
OTE"); otherwise the words before it, back to the previous amount or the start of its sentence or header
chunk: the nearest pay word, unless a never-pay word stands closer and within OTHER_REACH characters
("hedge fund ... Founding Engineer $150K - $200K" is pay; "Bonuses up to $5000" is not).
"""

from __future__ import annotations

import re

BASE_WORDS = frozenset(
    [
        "salary",
        "salaries",
        "base",
        "pay",
        "wage",
        "wages",
        "compensation",
        "comp",
        "rate",
        "rates",
        "range",
        "ranges",
        "remuneration",
        "earnings",
        "earn",
        "income",
        "band",
        "salario",
        "salaire",
        "sueldo",
        "gehalt",
        "vergütung",
        "wynagrodzenie",
        "rémunération",
        "retribución",
        "stipendio",
    ]
)
OTE_WORDS = frozenset(["ote", "tc", "commission", "commissions", "variable", "uncapped", "on-target"])
OTE_AFTER_TOTAL = frozenset(
    ["compensation", "comp", "cash", "rewards", "reward", "package", "earnings", "target"]
)
OTHER_WORDS = frozenset(
    [
        "bonus",
        "bonuses",
        "sign-on",
        "signon",
        "signing",
        "equity",
        "stock",
        "stocks",
        "rsu",
        "rsus",
        "option",
        "options",
        "401k",
        "401(k)",
        "403b",
        "match",
        "matching",
        "stipend",
        "stipends",
        "allowance",
        "allowances",
        "reimbursement",
        "reimbursements",
        "reimburse",
        "reimbursed",
        "relocation",
        "tuition",
        "referral",
        "referrals",
        "credit",
        "credits",
        "raised",
        "raise",
        "raising",
        "funding",
        "funded",
        "seed",
        "pre-seed",
        "valuation",
        "valued",
        "revenue",
        "revenues",
        "arr",
        "mrr",
        "sales",
        "fund",
        "funds",
        "investment",
        "investments",
        "invested",
        "investor",
        "investors",
        "backed",
        "grant",
        "grants",
        "award",
        "awards",
        "awarded",
        "prize",
        "prizes",
        "donation",
        "donations",
        "donate",
        "gift",
        "gifts",
        "insurance",
        "spend",
        "spending",
        "spent",
        "saved",
        "savings",
        "cost",
        "costs",
        "price",
        "prices",
        "pricing",
        "fee",
        "fees",
        "coverage",
        "assets",
        "aum",
        "gmv",
        "worth",
        "loan",
        "loans",
        "deal",
        "deals",
        "profit-sharing",
        "retention",
        "perk",
        "perks",
        "wellness",
        "well-being",
        "co-working",
        "coworking",
        "gym",
        "meal",
        "meals",
        "lunch",
        "conference",
        "conferences",
        "books",
        "pension",
        "retirement",
        "deductible",
        "premium",
        "premiums",
        "charity",
        "charitable",
        "volunteer",
        "subsidy",
        "subsidies",
        "subsidized",
        "subsidised",
        "contribution",
        "contributions",
        "contribute",
        "transactions",
        "processed",
        "volume",
        "cap",
        "capital",
        "treasury",
        "vc",
        "round",
        "acquired",
        "acquisition",
        "ipo",
        "fine",
        "fines",
        "penalty",
        "penalties",
        "claim",
        "claims",
        "loss",
        "losses",
        "scholarship",
        "scholarships",
        "fellowship",
        "hackathon",
        "bounty",
        "bounties",
        "cashback",
        "discount",
        "discounts",
        "voucher",
        "vouchers",
        "card",
        "cards",
        "hsa",
        "fsa",
        "hra",
        "adoption",
        "fertility",
        "childcare",
    ]
)
# Qualifiers that may stand between an amount and the word that says what it is: "$5,000 annual bonus".
NEAR_QUALIFIERS = frozenset(
    [
        "usd",
        "eur",
        "gbp",
        "cad",
        "in",
        "of",
        "worth",
        "annual",
        "annually",
        "yearly",
        "one-time",
        "a",
        "an",
        "per",
        "year",
        "gross",
        "total",
        "net",
        "cash",
    ]
)
# Words that end the "what is it" phrase after a single amount: "$170k as well as stock options".
AFTER_STOPS = frozenset(
    [
        "plus",
        "and",
        "with",
        "or",
        "as",
        "excluding",
        "not",
        "including",
        "inclusive",
        "depending",
        "for",
        "if",
        "when",
        "which",
        "that",
        "based",
        "to",
        "the",
    ]
)
# every word that _kind can give a category to (besides "401..."): any other word is skipped at once
_KIND_WORDS = BASE_WORDS | OTE_WORDS | OTE_AFTER_TOTAL | OTHER_WORDS | {"target", "series"}
OTHER_REACH = 30
BEFORE_WINDOW = 110
_WORD = re.compile(r"[\w'()-]+")
_AFTER_STOP_CHARS = re.compile(r"[.,;:!?|+\n•(\[]")


def _kind(words: list[str], i: int) -> str | None:
    w = words[i]
    if w.startswith("401"):
        return "other"
    if w in OTHER_WORDS:
        return "other"
    if w in OTE_WORDS:
        return "ote"
    if w in OTE_AFTER_TOTAL and i > 0 and (words[i - 1] == "total" or (i > 1 and words[i - 2] == "total")):
        return "ote"
    if w == "target" and i + 1 < len(words) and words[i + 1] == "earnings":
        return "ote"
    if w == "series" and i + 1 < len(words) and len(words[i + 1]) == 1:
        return "other"
    if w in BASE_WORDS:
        return "base"
    return None


def after_kind(text: str, end: int, *, single: bool) -> str | None:
    """The category that the words right after an amount give it, if any."""
    chunk = text[end : end + 48]
    stop = _AFTER_STOP_CHARS.search(chunk)
    if stop is not None:
        chunk = chunk[: stop.start()]
    words = [w.strip("()'-") for w in _WORD.findall(chunk.lower())]
    for i, w in enumerate(words[:5]):
        kind = _kind(words, i)
        if kind is not None:
            if all(x in NEAR_QUALIFIERS for x in words[:i]):
                return kind
            return kind if single and kind != "base" else None
        if w in NEAR_QUALIFIERS:
            continue
        if not single or w in AFTER_STOPS:
            return None
    return None


def before_kind(text: str, start: int, floor: int) -> tuple[str, int]:
    """The category the words before an amount give it, and the distance of the deciding word."""
    lo = max(floor, start - BEFORE_WINDOW)
    window = text[lo:start]
    cut = max(window.rfind("|"), window.rfind("•"))
    for mark in (". ", ".\n", "! ", "? "):
        at = window.rfind(mark)
        if at > cut and at >= 2 and window[at - 1].islower() and window[at - 2].isalnum():
            cut = at
    if cut >= 0:
        lo += cut + 1
        window = window[cut + 1 :]
    found = list(_WORD.finditer(window.lower()))
    words = [m.group().strip("()'-") for m in found]
    last_pay: tuple[str, int] | None = None
    last_other_end = -1
    for i, w in enumerate(words):
        if w not in _KIND_WORDS and not w.startswith("401"):
            continue
        kind = _kind(words, i)
        if kind == "other":
            last_other_end = found[i].end() + lo
        elif kind is not None:
            last_pay = (kind, found[i].end() + lo)
    other_is_nearest = last_pay is None or last_pay[1] < last_other_end
    if last_other_end >= 0 and start - last_other_end <= OTHER_REACH and other_is_nearest:
        return "other", start - last_other_end
    if last_pay is None:
        return "neutral", BEFORE_WINDOW
    return last_pay[0], start - last_pay[1]


def category(text: str, start: int, end: int, floor: int, *, single: bool) -> tuple[str, int]:
    """(category, distance of the deciding word) for the amount at text[start:end]."""
    kind = after_kind(text, end, single=single)
    if kind is not None:
        return kind, 0
    return before_kind(text, start, floor)
