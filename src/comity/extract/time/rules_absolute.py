"""Calendar rules: explicit dates, months, years, decades, quarters, halves, holidays, anniversaries.

Not a stable API. Each rule is ``(name, pattern, handler)``; the handler returns ``(type, value)`` or
``None`` to reject the match. Values of expressions that need the anchor are ``None`` without one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from comity.extract.time.base import (
    DAY_NUM,
    DAY_WORD,
    MONTH_ANY,
    MONTH_FULL,
    NUM,
    SPELLED_YEAR,
    WEEKDAY,
    YEAR,
    B,
    Ctx,
    TimexType,
    day_number,
    day_of,
    month_number,
    month_value,
    month_year,
    parse_number,
    year_number,
)
from comity.extract.time.vocab import AMBIGUOUS_MONTHS, HOLIDAYS, QUARTER_ORDINALS, SEASONS

Result = tuple[TimexType, str | None] | None
Handler = Callable[[re.Match[str], Ctx], Result]
Rule = tuple[str, re.Pattern[str], Handler]

_I = re.IGNORECASE
YEAR_SPEC = rf"(?:{YEAR}|(?:this|last|next|the)\s+year(?:['’]s)?)"
_PREP_BEFORE = re.compile(
    r"\b(?:in|on|since|until|till|by|from|to|during|through|before|after|between|and|or|of|around|"
    r"throughout|for|as\s+of|early|late|mid|last|this|next|each|every|the)\s*-?\s*$",
    _I,
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"\b(?:resolution|no\.|number|flight|article|route|room|highway|page|pages|code|section|chapter|"
    r"rule|decree|law|act|paragraph|item|model|version|unit|vol\.|volume|platform|gate|exit|channel|"
    r"over|about|some|nearly|almost|than)\s*$",
    _I,
)
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:people|persons|troops|soldiers|men|women|children|civilians|refugees|migrants|workers|"
    r"employees|km|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|barrels|dollars|euros|"
    r"yuan|yen|units|cases|deaths|votes|seats|members|pages|points|shares|vehicles|homes|families|"
    r"students|delegates|hectares|acres|killed|dead|wounded|injured)\b",
    _I,
)


def year_of(spec: str | None, ctx: Ctx) -> int | None:
    """A year from '2023', 'this year', "last year's", 'the year'; None when it needs a missing anchor."""
    if spec is None:
        return ctx.anchor.year if ctx.anchor else None
    if spec[:1].isdigit():
        return int(spec)
    if ctx.anchor is None:
        return None
    words = spec.lower().split()
    if words[-1].startswith("year-"):
        return ctx.anchor.year - 1
    return ctx.anchor.year + {"last": -1, "next": 1}.get(words[0], 0)


def _date_range(first: date, second: str | None, end_month: int | None = None) -> str | None:
    if second is None:
        return first.isoformat()
    last = day_of(first.year, end_month or first.month, day_number(second))
    if last is None or last <= first:
        return None
    return f"{first.isoformat()}/{last.isoformat()}"


def month_day(month: int, day: str, year: int | None, ctx: Ctx, start: int) -> date | None:
    """The date of 'Dec. 12' (year from the anchor and tense when not given); None when unknown."""
    if year is None and ctx.anchor is not None:
        year = month_year(ctx.anchor, month, future=ctx.is_future(start))
    return None if year is None else day_of(year, month, day_number(day))


def _calendar_date(m: re.Match[str], ctx: Ctx) -> Result:
    if m["d2"] is None and m["from"]:
        return None
    first = month_day(month_number(m["mon"]), m["d"], int(m["y"]) if m["y"] else None, ctx, m.start())
    if first is None:
        return ("DATE", None) if ctx.anchor is None and not m["y"] else None
    value = _date_range(first, m["d2"])
    return ("DATE", value) if value else None


def _iso_date(m: re.Match[str], ctx: Ctx) -> Result:
    d = day_of(int(m["y"]), int(m["m"]), int(m["d"]))
    return ("DATE", d.isoformat()) if d else None


def _slash_date(m: re.Match[str], ctx: Ctx) -> Result:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    year += 0 if year >= 100 else (2000 if year < 50 else 1900)
    if a > 12 >= b:
        a, b = b, a
    elif not (b > 12 >= a or a == b):
        return None  # 3/4/2023: March 4 or 3 April? Refuse to guess.
    d = day_of(year, a, b)
    return ("DATE", d.isoformat()) if d else None


def _month_year(m: re.Match[str], ctx: Ctx) -> Result:
    year = year_of(m["y"], ctx)
    return ("DATE", month_value(year, month_number(m["mon"])) if year else None)


def _has_context(m: re.Match[str], ctx: Ctx) -> bool:
    before = ctx.text[max(0, m.start() - 20) : m.start()]
    if _PREP_BEFORE.search(before):
        return True
    if m["mon"].lower() in AMBIGUOUS_MONTHS:
        return False
    return not re.match(r"\s+(?-i:[A-Z][a-z])", ctx.text[m.end() : m.end() + 3])


def _month(m: re.Match[str], ctx: Ctx) -> Result:
    if not (m["mod"] or m["rel"] or m["ry"] or m["y"] or _has_context(m, ctx)):
        return None
    month = month_number(m["mon"])
    if m["y"] or m["ry"]:
        year = year_of(m["y"] or f"{m['ry']} year", ctx)
    elif ctx.anchor is None:
        return ("DATE", None)
    else:
        mode = (m["rel"] or "").lower().split()[-1:] or [""]
        year = month_year(ctx.anchor, month, future=ctx.is_future(m.start()), mode=mode[0])
    return ("DATE", month_value(year, month) if year else None)


def _year(m: re.Match[str], ctx: Ctx) -> Result:
    if not m["mod"] and (
        _NOT_A_YEAR_BEFORE.search(ctx.text[max(0, m.start() - 15) : m.start()])
        or _NOT_A_YEAR_AFTER.match(ctx.text, m.end())
    ):
        return None
    return ("DATE", m["y"])


def _year_range(m: re.Match[str], ctx: Ctx) -> Result:
    first, second = int(m["a"]), m["b"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return ("DATE", f"{first}/{last}") if last > first else None


def _decade(m: re.Match[str], ctx: Ctx) -> Result:
    return ("DATE", m["c"] if m["c"] else "19" + m["c2"])


def _quarter(m: re.Match[str], ctx: Ctx) -> Result:
    q = QUARTER_ORDINALS[m["ord"].lower()]
    year = year_of(m["y"] or m["y2"] or m["y3"], ctx)
    return ("DATE", f"{year}-Q{q}" if year else None)


def _quarter_code(m: re.Match[str], ctx: Ctx) -> Result:
    year = year_of(m["y"] or m["y2"], ctx)
    return ("DATE", f"{year}-Q{m['q'] or m['q2']}" if year else None)


def _half(m: re.Match[str], ctx: Ctx) -> Result:
    spec = m["y"] or m["y2"]
    if spec is None and re.match(r"\s+of\b", ctx.text[m.end() :]):
        return None  # "the second half of the match": not a calendar half
    if spec is None and not m["hy"] and not m["the"]:
        return None
    h = 1 if m["ord"].lower() in ("first", "1st", "1") else 2
    year = year_of(spec, ctx)
    return ("DATE", f"{year}-H{h}" if year else None)


def _months_of_year(m: re.Match[str], ctx: Ctx) -> Result:
    n = parse_number(m["n"])
    year = year_of(m["y"], ctx)
    if n is None or not 1 <= n <= 12 or n != int(n):
        return None
    if year is None:
        return ("DATE", None)
    first, last = (1, int(n)) if m["which"].lower() == "first" else (13 - int(n), 12)
    return ("DATE", f"{month_value(year, first)}/{month_value(year, last)}")


def _holiday(m: re.Match[str], ctx: Ctx) -> Result:
    name = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    month, day = (11, 1) if name.startswith("thanksgiving") else HOLIDAYS.get(name, (1, 1))
    year = int(m["y"]) if m["y"] else None
    if year is None and ctx.anchor is not None:
        year = month_year(ctx.anchor, month, future=ctx.is_future(m.start()))
    if year is None:
        return ("DATE", None)
    d = date(year, month, day)
    if name.startswith("thanksgiving"):  # fourth Thursday of November
        d += timedelta(days=(3 - d.weekday()) % 7 + 21)
    return ("DATE", d.isoformat())


def _anniversary(m: re.Match[str], ctx: Ctx) -> Result:
    rest = re.split(r"[.!?](?:\s|$)", ctx.text[m.end() : m.end() + 160], maxsplit=1)[0]
    base = re.search(rf"(?<!\d){YEAR}", rest)
    # without a base year "the 50th anniversary" is a name for an occasion, not a date (TIMEX3 skips it)
    return ("DATE", str(int(base.group()) + int(m["n"]))) if base else None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip


def _spelled_year(m: re.Match[str], ctx: Ctx) -> Result:
    year = year_number(m["y"])
    return ("DATE", str(year)) if year else None


def _month_year_words(m: re.Match[str], ctx: Ctx) -> Result:
    year = year_number(m["y"])
    return ("DATE", month_value(year, month_number(m["mon"]))) if year else None


def _decade_words(m: re.Match[str], ctx: Ctx) -> Result:
    return ("DATE", f"19{_DECADE_WORDS[m['w'].lower()]}")


def _century(m: re.Match[str], ctx: Ctx) -> Result:
    n = day_number(m["n"])
    return ("DATE", f"{n - 1:02d}") if 1 <= n <= 21 else None


def _season_year(m: re.Match[str], ctx: Ctx) -> Result:
    year = year_number(m["y"])
    return ("DATE", f"{year}-{SEASONS[m['s'].lower()]}") if year else None


def _year_end(m: re.Match[str], ctx: Ctx) -> Result:
    return ("DATE", f"{ctx.anchor.year}-12-31" if ctx.anchor else None)


_DAY = rf"(?P<d>{DAY_NUM}|{DAY_WORD})"
_WD = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
_YEAR_TAIL = rf"(?:,?\s+(?P<y>{YEAR}))?"
_MOD = r"(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)"
_HOLIDAY = r"(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?)"

RULES: list[Rule] = [
    (
        "month.year_words",
        re.compile(rf"{B}(?P<mon>{MONTH_FULL}),?\s+(?:of\s+)?(?P<y>{SPELLED_YEAR})(?![\w-])", _I),
        _month_year_words,
    ),
    ("date.iso", re.compile(rf"{B}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"), _iso_date),
    ("date.numeric", re.compile(rf"{B}(?P<a>\d\d?)/(?P<b>\d\d?)/(?P<y>\d{{4}}|\d\d)(?![\d/])"), _slash_date),
    (
        "date.month_day",
        re.compile(
            rf"{B}{_WD}(?P<from>)(?P<mon>{MONTH_ANY})\s+{_DAY}"
            rf"(?:\s*(?:-|–|to|through)\s*(?P<d2>{DAY_NUM}))?{_YEAR_TAIL}(?!\w|:\d)",
            _I,
        ),
        _calendar_date,
    ),
    (
        "date.day_month",
        re.compile(
            rf"{B}{_WD}(?:(?P<from>from)\s+(?={DAY_NUM}\s*(?:to|-|–)))?(?:the\s+)?"
            rf"(?P<d>{DAY_NUM})(?:\s*(?:-|–|to)\s*(?P<d2>{DAY_NUM}))?\s+(?:of\s+)?"
            rf"(?P<mon>{MONTH_ANY}){_YEAR_TAIL}(?!\w|:\d)",
            _I,
        ),
        _calendar_date,
    ),
    (
        "month.year",
        re.compile(rf"{B}(?:{_MOD}[-\s]*)?(?P<mon>{MONTH_ANY}),?\s+(?:of\s+)?(?P<y>{YEAR})(?!\w)", _I),
        _month_year,
    ),
    (
        "month",
        re.compile(
            rf"{B}(?:(?P<mod>{_MOD})[-\s]*)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?"
            rf"(?P<mon>{MONTH_FULL})(?:\s+(?P<ry>this|last|next)\s+year|,?\s+(?P<y>{YEAR}))?(?![\w-]|\s*\d)",
            _I,
        ),
        _month,
    ),
    (
        "year",
        re.compile(
            rf"{B}(?:(?P<mod>fiscal|calendar|the\s+year|mid-|early|late|the\s+end\s+of|"
            rf"the\s+beginning\s+of|the\s+start\s+of)\s*)?(?P<y>{YEAR})(?![\w'’]|\.\d|,\d|\s*[-–]\s*\d)",
            _I,
        ),
        _year,
    ),
    (
        "year.range",
        re.compile(
            rf"{B}(?P<a>{YEAR})[-–/](?P<b>{YEAR}|\d\d)(?![\w-])",
        ),
        _year_range,
    ),
    (
        "year.words",
        re.compile(rf"(?<![\w-])(?:the\s+year\s+)?(?P<y>{SPELLED_YEAR})(?![\w-])", _I),
        _spelled_year,
    ),
    (
        "decade.words",
        re.compile(
            r"(?<![\w-])the\s+(?:(?:early|late|mid)[-\s]+)?(?P<w>(?:twen|thir|for|fif|six|seven|eigh|nine)ties)\b",
            _I,
        ),
        _decade_words,
    ),
    (
        "century",
        re.compile(rf"{B}(?:the\s+)?(?P<n>\d\d?(?:st|nd|rd|th)|{DAY_WORD})[-\s]century\b", _I),
        _century,
    ),
    (
        "season.year",
        re.compile(
            rf"{B}(?:the\s+)?(?:(?:early|late|mid)[-\s]*)?(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
            rf"(?P<y>{YEAR}|{SPELLED_YEAR})(?![\w-])",
            _I,
        ),
        _season_year,
    ),
    (
        "year_end",
        re.compile(r"(?<![\w-])year(?:[-\s]end|['’]s\s+end)\b", _I),
        _year_end,
    ),
    (
        "decade",
        re.compile(
            rf"{B}(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?(?:(?P<c>1[5-9]\d|20\d)0|['’](?P<c2>\d)0)['’]?s\b",
            _I,
        ),
        _decade,
    ),
    (
        "quarter",
        re.compile(
            rf"{B}(?:(?:the|a|this|its|their)\s+(?!(?:\S+\s+)?\w+-quarter))?(?:(?P<y>{YEAR_SPEC}|the\s+year-ago|"
            rf"the\s+year-earlier)\s+)?(?:(?:fiscal|calendar|flat|same)[-\s]+)?"
            rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s]quarter"
            rf"(?:\s+(?:of|in)\s+(?P<y2>{YEAR_SPEC})|,?\s+(?P<y3>{YEAR}))?(?![\w-])",
            _I,
        ),
        _quarter,
    ),
    (
        "quarter.code",
        re.compile(
            rf"{B}(?:(?-i:Q)(?P<q>[1-4])(?:\s*(?P<y>{YEAR}))?|(?P<y2>{YEAR})\s*(?-i:Q)(?P<q2>[1-4]))(?!\w)"
        ),
        _quarter_code,
    ),
    (
        "half",
        re.compile(
            rf"{B}(?P<the>the\s+)?(?:(?P<y>{YEAR_SPEC})\s+)?(?P<ord>first|second|last|latter|1st|2nd)"
            rf"(?P<hy>-)?\s*half(?:\s+of\s+(?P<y2>{YEAR_SPEC}))?(?![\w-])",
            _I,
        ),
        _half,
    ),
    (
        "months_of_year",
        re.compile(
            rf"{B}(?:the\s+)?(?P<which>first|last|final)\s+(?P<n>{NUM})\s+months\s+of\s+(?P<y>{YEAR_SPEC})",
            _I,
        ),
        _months_of_year,
    ),
    ("holiday", re.compile(rf"{B}(?P<h>{_HOLIDAY})(?:,?\s+(?P<y>{YEAR}))?(?!\w)"), _holiday),
    (
        "anniversary",
        re.compile(r"(?<![\w-])(?:the\s+)?(?P<n>\d{1,3})(?:st|nd|rd|th)\s+anniversary\b", _I),
        _anniversary,
    ),
]

#: For each gated rule, words one of which is in every match (see ``timex.GATES``).
GATES: dict[str, tuple[str, ...]] = {
    "decade.words": ("ties",),
    "century": ("century",),
    "season.year": ("spring", "summer", "autumn", "fall", "winter"),
    "quarter": ("quarter",),
    "half": ("half",),
    "months_of_year": ("months",),
    "anniversary": ("anniversary",),
}
