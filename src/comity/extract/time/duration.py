"""Durations: "two years", "2 1/2 hours", "the past several quarters", and rates ("$5 a year").

Not a stable API. Handlers for the "duration" and "duration.vague" rules of ``timex_rules_rel`` and the
unit arithmetic they share with "N units ago".
"""

from __future__ import annotations

import re

from comity.extract.time.base import Ctx, TimexType, fmt_number, parse_number
from comity.extract.time.vocab import UNITS

Result = tuple[TimexType, str | None] | None

#: The next smaller unit, to write a fractional amount as TIMEX3 does ("P2.5Y" -> "P2Y6M").
_SMALLER = {("Y", False): ("M", 12), ("M", False): ("D", 30), ("W", False): ("D", 7),
            ("D", False): ("H", 24), ("H", True): ("M", 60), ("M", True): ("S", 60)}  # fmt: skip
#: An amount or a counted plural just before "a year" / "a week": a rate ("$1.76 a year", "four
#: flights a week", "24 hours a day"), which TIMEX3 leaves untagged.
_RATE_BEFORE = re.compile(
    r"(?:(?:\d|million|billion|dollars|cents|times|once|twice)\S*|"
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|several|many)\s+"
    r"(?:[a-z-]+\s+)?[a-z]+s)\s*$",
    re.IGNORECASE,
)


def unit_of(word: str) -> tuple[str, int, bool]:
    """(ISO letter, multiplier, needs 'T') of a unit word, singular or plural ("centuries")."""
    word = word.lower()
    return UNITS["century" if word == "centuries" else word.rstrip("s") if word != "hours" else "hour"]


def duration_value(num: str | None, unit: str) -> str:
    """'P2Y', 'PT5H30M' ("5 1/2 hours"), 'P2Q', or an 'X' amount ('PXY') when the number is vague."""
    word = unit.lower().rstrip("s")
    n = parse_number(num) if num else None
    if word == "quarter":  # TIMEX3 counts quarters as such ("the past two quarters" -> P2Q)
        return f"P{'X' if n is None else fmt_number(n)}Q"
    letter, mult, clock = unit_of(unit)
    t = "T" if clock else ""
    if n is None:
        return f"P{t}X{letter}"
    amount = n * mult
    whole, part = int(amount), amount - int(amount)
    smaller = _SMALLER.get((letter, clock))
    if part and smaller and (part * smaller[1]).is_integer():
        return f"P{t}{whole}{letter}{int(part * smaller[1])}{smaller[0]}"
    return f"P{t}{fmt_number(amount)}{letter}"


def duration(m: re.Match[str], ctx: Ctx) -> Result:
    num, unit = m["num"].lower(), m["unit"].lower()
    if m["old"] or (unit == "quarter" and m["pl"] and "-" in m["sep"]):
        return None  # ages ("52 years old") and fractions ("three-quarters")
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", num) and not m["pl"]:
        return None  # "the 1988 quarter"
    if re.search(r"\s(?:to|or)\s", num):
        num = "several"
    if num in ("a", "an", "one") and unit in ("second", "quarter"):
        return None  # "a second term", "a quarter of the vote"
    if num in ("a", "an") and _RATE_BEFORE.search(ctx.text[max(0, m.start() - 30) : m.start()]):
        return None  # a rate, not a span of time
    return ("DURATION", duration_value(num, unit))


def vague_plural(m: re.Match[str], ctx: Ctx) -> Result:
    return ("DURATION", duration_value(None, m["unit"]))
