"""Entry prices in one vocabulary: free, freemium, paid from $X/month, open weights with licence.

Sources word prices every way ("$20/mo", "$99 per year", "Free plan + Pro", "Apache-2.0"). The
reader sees one short label after "Entry:" and the comparison can rank on `monthly_usd`.
"""

from __future__ import annotations

import re

from verdicts.models import Price, PriceKind

_LICENSES = {
    "apache-2.0": "Apache-2.0",
    "apache 2.0": "Apache-2.0",
    "apache2": "Apache-2.0",
    "mit": "MIT",
    "bsd-3-clause": "BSD-3-Clause",
    "gpl-3.0": "GPL-3.0",
    "agpl-3.0": "AGPL-3.0",
    "mpl-2.0": "MPL-2.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-nc-4.0": "CC-BY-NC-4.0",
    "openrail": "OpenRAIL",
    "gemma": "Gemma Terms",
    "llama3": "Llama 3 Community",
    "llama3.1": "Llama 3.1 Community",
    "llama3.2": "Llama 3.2 Community",
    "llama3.3": "Llama 3.3 Community",
    "llama4": "Llama 4 Community",
    "other": "",
}

_PERIOD_MONTHS = {"day": 1 / 30, "week": 12 / 52, "month": 1.0, "quarter": 3.0, "year": 12.0}
_PERIOD_WORDS = {
    "d": "day",
    "day": "day",
    "daily": "day",
    "w": "week",
    "wk": "week",
    "week": "week",
    "weekly": "week",
    "m": "month",
    "mo": "month",
    "mon": "month",
    "month": "month",
    "monthly": "month",
    "q": "quarter",
    "quarter": "quarter",
    "quarterly": "quarter",
    "y": "year",
    "yr": "year",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
}
# "$20/mo", "$99 per year", "USD 15 a month", "$8.25 / user / month", "€15/month".
_AMOUNT = re.compile(
    r"(?P<cur>\$|us\$|usd\s*|€|£|eur\s*|gbp\s*)(?P<num>\d{1,6}(?:[.,]\d{1,2})?)\s*(?:usd)?"
    r"(?P<tail>(?:\s*(?:/|per|a|an|each)\s*(?:user|seat|member)\b)?"
    r"\s*(?:/|per|a|an|each|billed)?\s*(?P<period>[a-z]+)?)",
    re.I,
)
_USAGE = re.compile(
    r"(per|/)\s*(1k|1m|million|thousand|token|tokens|request|call|minute|min|hour|credit|image|char)",
    re.I,
)
_FREEMIUM = re.compile(
    r"freemium|free\s*(plan|tier|version)|free\s*(\+|and|&|,|/)\s*(paid|pro|premium|plans?)", re.I
)
_FREE = re.compile(
    r"^\s*(free(\s+forever)?|100% free|open[- ]source|\$0(\.00)?|gratis|no cost)\s*\.?\s*$", re.I
)
_CONTACT = re.compile(r"contact|enterprise|custom|quote|talk to sales", re.I)


def display_license(license: str) -> str:
    """'apache-2.0' -> 'Apache-2.0'; unknown identifiers are kept as written (trimmed)."""
    text = " ".join((license or "").split())[:60]
    key = re.sub(r"[\s_]+", "-", text.casefold()).removesuffix("-license")
    if re.fullmatch(r"apache(?:-license)?-?2(?:\.0)?", key):
        return "Apache-2.0"
    return _LICENSES.get(key, _LICENSES.get(text.casefold(), text))


def _money(amount: float, currency: str) -> str:
    symbol = {"$": "$", "us$": "$", "usd": "$", "€": "€", "eur": "€", "£": "£", "gbp": "£"}[
        currency
    ]
    return f"{symbol}{amount:.2f}" if amount % 1 else f"{symbol}{amount:.0f}"


def _per_month(amount: float, period: str) -> float:
    return round(
        amount / _PERIOD_MONTHS[period]
        if period in {"quarter", "year"}
        else amount * ({"day": 30.0, "week": 52 / 12, "month": 1.0}[period]),
        2,
    )


def _cheapest_paid(text: str) -> Price | None:
    """The lowest stated amount, as "From $X/month" when a period says how often."""
    best: tuple[float, Price] | None = None
    for m in _AMOUNT.finditer(text):
        currency = m.group("cur").strip().casefold()
        amount = float(m.group("num").replace(",", "."))
        if amount == 0:
            continue
        period = _PERIOD_WORDS.get((m.group("period") or "").casefold(), "")
        usage = _USAGE.match(text[m.end("num") :].lstrip())
        if usage:
            # A per-use price is not a subscription: say so, and rank it after any plan.
            unit = " ".join(text[m.end("num") :].split()[:3])
            label, monthly, rank = f"From {_money(amount, currency)} {unit}", None, amount + 1e6
        elif period:
            per_month = _per_month(amount, period)
            suffix = " (billed yearly)" if period == "year" else ""
            label = f"From {_money(per_month, currency)}/month{suffix}"
            monthly = per_month if currency in {"$", "us$", "usd"} else None
            rank = per_month
        else:
            one_time = " one-time" if re.search(r"one[- ]time|lifetime", text, re.I) else ""
            label, monthly, rank = f"From {_money(amount, currency)}{one_time}", None, amount + 1e5
        if best is None or rank < best[0]:
            best = (rank, Price(PriceKind.PAID, label, monthly))
    return best[1] if best else None


def normalise_price(pricing: str, license: str = "", *, open_weights: bool = False) -> Price:
    """One entry price from a source's wording and licence.

    Free open-weight models read "Free", with the licence carried in `Price.license` (the
    seed's card shows plain "Free" under "Entry").
    """
    text = " ".join((pricing or "").split())[:200]
    lic = display_license(license)
    if open_weights and (not text or _FREE.match(text) or "open" in text.casefold()):
        return Price(PriceKind.OPEN_WEIGHTS, "Free", 0.0, license=lic)
    if _FREEMIUM.search(text):
        return Price(PriceKind.FREEMIUM, "Freemium", 0.0, license=lic)
    if text and _FREE.match(text):
        return Price(PriceKind.FREE, "Free", 0.0, license=lic)
    paid = _cheapest_paid(text)
    if paid is not None:
        if re.search(r"\bfree\b", text, re.I) and not re.search(r"free\s+trial", text, re.I):
            return Price(PriceKind.FREEMIUM, "Freemium", 0.0, license=lic)
        return Price(paid.kind, paid.label, paid.monthly_usd, license=lic)
    if re.search(r"\bfree\b", text, re.I) and not re.search(r"trial", text, re.I):
        return Price(PriceKind.FREE, "Free", 0.0, license=lic)
    if text and _CONTACT.search(text):
        return Price(PriceKind.PAID, "Contact sales", None, license=lic)
    if re.fullmatch(r"paid|premium|subscription", text, re.I):
        return Price(PriceKind.PAID, "Paid", None, license=lic)
    if not text and lic:
        # A licence and no price: open code or weights you can run yourself.
        kind = PriceKind.OPEN_WEIGHTS if open_weights else PriceKind.FREE
        return Price(kind, "Free", 0.0, license=lic)
    return Price(PriceKind.UNKNOWN, "Not stated", None, license=lic)
