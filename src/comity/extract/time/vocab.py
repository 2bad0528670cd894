"""Vocabularies of the time-expression extractor (the one place they are defined).

Not a stable API. Every table maps a lower-cased surface form to its meaning:

* ``MONTHS``: full month names and their abbreviations -> month number (1-12). Abbreviations are only
  accepted by the rules next to a day number or a year, never on their own.
* ``AMBIGUOUS_MONTHS``: month names that are also common English words or names ("may" the modal,
  "march" the verb, "August" the name); the rules need context (a day, a year, a preposition) for them.
* ``WEEKDAYS``: weekday names -> ISO weekday (Monday = 1 ... Sunday = 7).
* ``NUMBER_WORDS``: cardinal words -> value; ``hundred`` and ``thousand`` multiply.
* ``ORDINAL_WORDS``: ordinal words -> value (first = 1 ... thirty-first = 31), for "March eighth".
* ``QUARTER_ORDINALS``: words that pick a quarter or half ("third" -> 3, "final" -> 4).
* ``SEASONS``: season words -> TIMEX3 season code (SP, SU, FA, WI).
* ``UNITS``: time units -> (ISO 8601 duration letter, multiplier, needs "T" designator).
* ``PARTS_OF_DAY``: part-of-day words -> TIMEX3 code (MO, AF, EV, NI).
* ``SET_ADVERBS``: frequency adverbs -> TIMEX3 SET value ("daily" -> "P1D").
* ``HOLIDAYS``: fixed-date holidays -> (month, day).
"""

from __future__ import annotations

from typing import Final

from comity.ontology.calendar import MONTH_NAMES, WEEKDAY_NAMES

_MONTH_NAMES: Final = MONTH_NAMES
_MONTH_ABBREVIATIONS: Final[dict[str, int]] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

FULL_MONTHS: Final[dict[str, int]] = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS: Final[dict[str, int]] = {**FULL_MONTHS, **_MONTH_ABBREVIATIONS}
AMBIGUOUS_MONTHS: Final = frozenset({"may", "march", "august"})

WEEKDAYS: Final[dict[str, int]] = {name: i for i, name in enumerate(WEEKDAY_NAMES, start=1)}

_UNITS_WORDS: Final = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_WORDS: Final = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

NUMBER_WORDS: Final[dict[str, int]] = {
    **{word: i for i, word in enumerate(_UNITS_WORDS)},
    **{word: 10 * i for i, word in enumerate(_TENS_WORDS, start=2)},
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
}

_ORDINAL_UNITS: Final = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]


def _ordinals() -> dict[str, int]:
    table = {word: i for i, word in enumerate(_ORDINAL_UNITS, start=1)}
    table["twentieth"] = 20
    table["thirtieth"] = 30
    for i, word in enumerate(_ORDINAL_UNITS[:9], start=1):
        table[f"twenty-{word}"] = 20 + i
    table["thirty-first"] = 31
    return table


ORDINAL_WORDS: Final[dict[str, int]] = _ordinals()

QUARTER_ORDINALS: Final[dict[str, int]] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}

SEASONS: Final[dict[str, str]] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
#: First month of each season (winter starts in December of the previous year).
SEASON_START: Final[dict[str, int]] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

UNITS: Final[dict[str, tuple[str, int, bool]]] = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("M", 3, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}

PARTS_OF_DAY: Final[dict[str, str]] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}

SET_ADVERBS: Final[dict[str, str]] = {
    "daily": "P1D",
    "nightly": "P1D",
    "hourly": "PT1H",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
}

HOLIDAYS: Final[dict[str, tuple[int, int]]] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
}
