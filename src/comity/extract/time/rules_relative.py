"""Relative rules: days, weekdays, last/this/next periods, "N units ago", durations, references, sets, clock.

Not a stable API. Same rule shape as ``timex_rules_abs``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from comity.extract.time.base import (
    DAY_NUM,
    MONTH_ANY,
    NUM,
    UNIT,
    VAGUE,
    WEEKDAY,
    WEEKDAY_NAME,
    B,
    Ctx,
    TimexType,
    month_number,
    month_value,
    parse_number,
    season_year,
    shift_months,
    week_value,
    weekday_date,
)
from comity.extract.time.duration import duration, duration_value, unit_of, vague_plural
from comity.extract.time.rules_absolute import Result, Rule, month_day
from comity.extract.time.vocab import PARTS_OF_DAY, SEASONS, SET_ADVERBS, UNITS, WEEKDAYS

_I = re.IGNORECASE
_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}
_NOT_A_WEEKDAY_BEFORE = re.compile(r"\b(?:good|black|bloody|ash|holy|palm|easter|super|cyber)\s+$", _I)
_ADJECTIVE_USE = re.compile(
    r"\s+(?!(?:and|or|to|in|on|at|by|for|from|with|since|until|through|while|but|as|than|the|a|an|over|"
    r"during|basis)\b)(?-i:[a-z]+)\b"
)
_REL_MODE = {
    "last": "last", "past": "last", "previous": "last", "this": "this", "current": "this",
    "next": "next", "coming": "next", "latest": "latest", "recent": "latest", "the": "the",
}  # fmt: skip


def _pod(m: re.Match[str], d: date) -> Result:
    if m["pod"]:
        return ("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}")
    return ("DATE", d.isoformat())


def _rel_day(m: re.Match[str], ctx: Ctx) -> Result:
    word = m["w"].lower()
    kind: TimexType = "TIME" if word == "tonight" or m["pod"] else "DATE"
    if ctx.anchor is None:
        return (kind, None)
    d = ctx.anchor + timedelta(days=_DAY_OFFSETS[word])
    return ("TIME", f"{d.isoformat()}TNI") if word == "tonight" else _pod(m, d)


def _day_part(m: re.Match[str], ctx: Ctx) -> Result:
    if ctx.anchor is None:
        return ("TIME", None)
    back = m["x"] is not None or m["rel"].lower() == "last"
    d = ctx.anchor - timedelta(days=1 if back else 0)
    code = PARTS_OF_DAY[(m["pod"] or "night").lower()]
    return ("TIME", f"{d.isoformat()}T{code}")


def _weekday(m: re.Match[str], ctx: Ctx) -> Result:
    if _NOT_A_WEEKDAY_BEFORE.search(ctx.text[max(0, m.start() - 10) : m.start()]):
        return None
    name = m["wd"].lower()
    if name.endswith("s") or m["pods"]:
        code = f"T{PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""
        return ("SET", f"XXXX-WXX-{WEEKDAYS[name.rstrip('s')]}{code}")
    if ctx.anchor is None:
        return ("TIME" if m["pod"] else "DATE", None)
    rel = (m["rel"] or "").lower().split()
    last = rel[-1:] in (["past"], ["previous"])
    mode = "last" if last else "next" if rel[-1:] == ["coming"] else (rel or [""])[0]
    d = weekday_date(ctx.anchor, WEEKDAYS[name], future=ctx.is_future(m.start()), mode=mode)
    return _pod(m, d)


def _quarter_shift(anchor: date, quarters: int) -> str:
    year, month = shift_months(anchor, 3 * quarters)
    return f"{year}-Q{(month - 1) // 3 + 1}"


def _period(m: re.Match[str], ctx: Ctx) -> Result:
    unit = m["unit"].lower()
    mode = _REL_MODE.get((m["rel"] or "the").lower().split()[-1], "")
    ago = bool(m["ago"])
    if unit == "year" and mode == "the" and not m["mod"]:
        return _the_year(m, ctx)
    if unit in ("month", "week") and mode in ("the", "latest") and not m["mod"]:
        return None  # "the week" alone is too vague
    if unit == "period" and not (ago or mode == "latest"):
        return None
    if unit in ("decade", "century") and mode in ("last", "latest"):
        return ("DURATION", "P10Y" if unit == "decade" else "P100Y")
    if mode == "the" and unit == "fall":
        return None  # "the fall of Saigon"
    if mode == "" or ctx.anchor is None:
        return ("DATE", None)
    a = ctx.anchor - timedelta(days=365) if ago else ctx.anchor
    step = {"last": -1, "next": 1}.get(mode, 0)
    if unit in ("quarter", "period"):
        quarter = reported_quarter(ctx.text, m.start()) if mode in ("the", "latest") else None
        if quarter is not None:  # "the quarter" of a report about the third quarter
            return ("DATE", f"{a.year - (3 * quarter - 2 > a.month)}-Q{quarter}")
        return ("DATE", _quarter_shift(a, -1 if mode in ("the", "latest") else step))
    if unit == "weekend" and mode == "the":
        return ("DATE", _weekend(a, future=ctx.is_future(m.start())))
    if unit in ("week", "weekend"):
        return ("DATE", week_value(a + timedelta(days=7 * step)) + ("-WE" if unit == "weekend" else ""))
    if unit == "month":
        return ("DATE", month_value(*shift_months(a, step)))
    if unit in ("year", "decade", "century"):
        size = {"year": 1, "decade": 10, "century": 100}[unit]
        step = -1 if mode == "latest" and unit == "year" else step  # the last complete year
        return ("DATE", str(a.year // size + step))
    code = SEASONS[unit]
    mode = {"the": "", "latest": "last"}.get(mode, mode)
    return ("DATE", f"{season_year(a, code, future=ctx.is_future(m.start()), mode=mode)}-{code}")


_YEAR_ENDED = re.compile(r"\s+end(?:ed|ing)\b", _I)
_YEAR_PREP = re.compile(r"\b(?:for|in|during|throughout|through|of)\s+$", _I)


def _the_year(m: re.Match[str], ctx: Ctx) -> Result:
    """ "the year ended June 30" is a span (P1Y); "for the year", "the full year" mean the anchor's
    year; a bare "the year" (e.g. "the year he was born") is too vague to tag."""
    if _YEAR_ENDED.match(ctx.text, m.end()):
        return ("DURATION", "P1Y")
    if m["kind"] or _YEAR_PREP.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return ("DATE", str(ctx.anchor.year) if ctx.anchor else None)
    return None


def _weekend(anchor: date, *, future: bool) -> str:
    """'the weekend': the one just past (or under way), or the coming one when the tense is future."""
    past = anchor.isoweekday() >= 6
    shift = 0 if past or future else -7
    return week_value(anchor + timedelta(days=shift)) + "-WE"


_QUARTER_ORDINAL = re.compile(
    r"\b(?:fiscal[-\s]+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:fiscal[-\s]+)?quarter",
    _I,
)
_QUARTER_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_REPORT_WINDOW = 1500


def reported_quarter(text: str, start: int) -> int | None:
    """The quarter a financial report is about ("third-quarter profit ... a year ago" -> 3): the last
    ordinal quarter named in the ``_REPORT_WINDOW`` characters before ``start``, else one named later in
    the same sentence; None when the context names no quarter."""
    before = list(_QUARTER_ORDINAL.finditer(text, max(0, start - _REPORT_WINDOW), start))
    if before:
        return _QUARTER_NUMBER[before[-1]["q"].lower()]
    end = re.search(r"[.!?\n]", text[start:])
    after = _QUARTER_ORDINAL.search(text, start, start + end.start() if end else len(text))
    return _QUARTER_NUMBER[after["q"].lower()] if after else None


def _year_earlier(anchor: date, text: str, start: int) -> str:
    """'a year ago' / 'year-earlier': last year, or last year's quarter when a quarterly report is
    being compared ("third-quarter net ... versus $5.3 million a year earlier" -> '1988-Q3')."""
    quarter = reported_quarter(text, start)
    return f"{anchor.year - 1}-Q{quarter}" if quarter else str(anchor.year - 1)


def _year_ago(m: re.Match[str], ctx: Ctx) -> Result:
    return ("DATE", _year_earlier(ctx.anchor, ctx.text, m.start()) if ctx.anchor else None)


def _shifted(anchor: date, unit: str, n: int) -> str:
    letter, mult, clock = unit_of(unit)
    if clock or letter == "D":
        return (anchor + timedelta(days=n * mult if not clock else 0)).isoformat()
    if letter == "W":
        return week_value(anchor + timedelta(days=7 * n * mult))
    if letter == "M":
        year, month = shift_months(anchor, n * mult)
        return f"{year}-Q{(month - 1) // 3 + 1}" if mult == 3 else month_value(year, month)
    return str(anchor.year + n * mult)


def _ago(m: re.Match[str], ctx: Ctx) -> Result:
    n = parse_number(m["num"])
    sign = -1 if m["rel"].lower() in ("ago", "earlier") else 1
    if n is None:
        return ("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF")
    if ctx.anchor is None:
        return ("DATE", None)
    if sign < 0 and n == 1 and unit_of(m["unit"])[0:2] == ("Y", 1):
        return ("DATE", _year_earlier(ctx.anchor, ctx.text, m.start()))
    return ("DATE", _shifted(ctx.anchor, m["unit"], sign * round(n)))


def _ref(value: str) -> Result:
    return ("DATE", value)


def _set(m: re.Match[str], ctx: Ctx) -> Result:
    if m["adv"]:
        if _ADJECTIVE_USE.match(ctx.text, m.end()):
            return None  # "quarterly dividend", "daily volume": a kind of thing, not a time
        return ("SET", SET_ADVERBS[m["adv"].lower()])
    word = m["u"].lower()
    if word in WEEKDAYS:
        return ("SET", f"XXXX-WXX-{WEEKDAYS[word]}")
    if word in PARTS_OF_DAY:
        return ("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}")
    return ("SET", duration_value("2" if m["other"] else "1", word))


def _clock(m: re.Match[str], ctx: Ctx) -> Result:
    if m["nm"]:
        hour, minute = (12, 0) if m["nm"].lower() == "noon" else (24, 0)
    else:
        hour, minute = int(m["h"]) % 12, int(m["mi"] or 0)
        hour += 12 if m["ap"].lower().startswith("p") else 0
    if ctx.anchor is None:
        return ("TIME", None)
    day, d = (m["day"] or "today").lower(), ctx.anchor
    if m["mon"]:
        found = month_day(month_number(m["mon"]), m["d"], None, ctx, m.start())
        return ("TIME", f"{found.isoformat()}T{hour:02d}:{minute:02d}") if found else None
    if day in WEEKDAYS:
        d = weekday_date(ctx.anchor, WEEKDAYS[day], future=ctx.is_future(m.start()))
    else:
        d += timedelta(days=_DAY_OFFSETS.get(day, 0))
    return ("TIME", f"{d.isoformat()}T{hour:02d}:{minute:02d}")


_POD = r"(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<pods>s)?)?"
_APPROX = (
    r"(?:about|nearly|almost|some|roughly|approximately|around|(?:no\s+)?more\s+than|(?:no\s+)?less\s+than|"
    r"at\s+least|at\s+most|up\s+to)"
)
_DIR = r"(?:past|last|next|first|coming|previous|following|latest|final|initial|remaining|same|preceding)"
_UNIT_NAMES = "|".join(UNITS)


def _anaphoric(m: re.Match[str], ctx: Ctx) -> Result:
    return ("TIME" if m["u"].lower() in PARTS_OF_DAY else "DATE", None)


RULES: list[Rule] = [
    (
        "relative.day",
        re.compile(
            rf"{B}(?:(?:early|late|earlier|later)\s+)?(?P<w>yesterday|today|tomorrow|tonight)\b{_POD}", _I
        ),
        _rel_day,
    ),
    (
        "relative.day_part",
        re.compile(
            r"\b(?:(?:(?:earlier|later)\s+)?(?P<rel>this|last)\s+(?P<pod>morning|afternoon|evening|night)|(?P<x>overnight))\b",
            _I,
        ),
        _day_part,
    ),
    (
        "weekday",
        re.compile(
            rf"{B}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+previous|early|late|earlier|later)\s+)?"
            rf"(?P<wd>{WEEKDAY})\b{_POD}",
            _I,
        ),
        _weekday,
    ),
    (
        "relative.period",
        re.compile(
            rf"{B}(?:(?P<mod>earlier|later|early|late|mid|sometime|the\s+(?:end|beginning|start|middle|rest)\s+of)[-\s]+)?"
            r"(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+past|the\s+last|the\s+previous|"
            r"the\s+coming|the\s+next|the\s+current|the\s+latest|the\s+most\s+recent|the)\s+"
            r"(?P<ago>year-(?:ago|earlier)\s+)?(?P<kind>(?:fiscal|calendar|full)\s+)?"
            r"(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|"
            r"period)(?![\w-])",
            _I,
        ),
        _period,
    ),
    (
        "relative.year_ago",
        re.compile(r"(?<![\w-])year-(?:ago|earlier)(?![\w-])", _I),
        _year_ago,
    ),
    (
        "relative.ago",
        re.compile(
            rf"{B}(?:{_APPROX}\s+)?(?P<num>{NUM}|{VAGUE})\s+(?P<unit>{UNIT})s?\s+(?:or\s+so\s+)?"
            r"(?P<rel>ago|earlier|from\s+now|hence)\b",
            _I,
        ),
        _ago,
    ),
    (
        "duration",
        re.compile(
            rf"{B}(?:{_APPROX}\s+)?(?:(?:the|these|those)\s+(?:{_DIR}\s+|(?=\S+\s+\w+s\b)))?"
            rf"(?P<num>(?:{NUM}\s+(?:to|or)\s+)?(?:{NUM}|{VAGUE}))(?P<sep>[-\s]+)"
            rf"(?:(?:more|additional|full|straight|consecutive)\s+)?(?P<unit>{_UNIT_NAMES}|centuries)(?P<pl>s)?"
            r"(?:\s+or\s+so)?(?P<old>-old|\s+old)?(?![\w-])",
            _I,
        ),
        duration,
    ),
    (
        "duration.vague",
        re.compile(
            r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bin\s)|(?P<pre>\b(?:recent|the\s+coming|coming|past|"
            r"the\s+past)\s+))(?P<unit>years|months|weeks|days|decades|centuries)\b(?!\s+(?:of|ago|old))",
            _I,
        ),
        vague_plural,
    ),
    (
        "ref.present",
        re.compile(
            r"(?<![\w-])(?:(?:right\s+)?now|currently|nowadays|presently|the\s+present(?!\s+\w)|these\s+days|"
            r"current(?!\s+account))(?![\w-])",
            _I,
        ),
        lambda m, ctx: _ref("PRESENT_REF"),
    ),
    (
        "ref.past",
        re.compile(r"(?<![\w-])(?:(?:more\s+)?recently|the\s+past|lately)(?![\w-])", _I),
        lambda m, ctx: _ref("PAST_REF"),
    ),
    (
        "ref.future",
        re.compile(
            r"(?<![\w-])(?:(?<!foreseeable\s)the\s+(?:near\s+|distant\s+)?future|(?<!as\s)soon(?!\s+(?:as|after|before)\b)|"
            r"a\s+later\s+date)(?![\w-])",
            _I,
        ),
        lambda m, ctx: _ref("FUTURE_REF"),
    ),
    (
        "set",
        re.compile(
            r"(?<![\w-])(?:(?P<adv>(?-i:daily|nightly|hourly|weekly|monthly|quarterly|yearly|annually))|"
            rf"(?:every|each|per)\s+(?P<other>other\s+)?(?P<u>day|week|month|quarter|year|morning|night|evening|"
            rf"{WEEKDAY_NAME}))(?![\w-])",
            _I,
        ),
        _set,
    ),
    (
        "time.clock",
        re.compile(
            rf"{B}(?:(?P<h>1[0-2]|0?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b)|"
            r"(?P<nm>noon|midnight))(?:\s+(?-i:[A-Z]{2,4}T|GMT|UTC))?"
            rf"(?:,?\s+(?:on\s+)?(?:(?P<day>{WEEKDAY_NAME}|today|yesterday|tomorrow)\b|"
            rf"(?P<mon>{MONTH_ANY})\s+(?P<d>{DAY_NUM})))?",
            _I,
        ),
        _clock,
    ),
    (
        "anaphoric",
        re.compile(
            r"(?<![\w-])(?:(?:earlier|later|early|late)\s+)?(?:that|the\s+same|the\s+following|the\s+previous)\s+"
            r"(?P<u>day|week|month|year|morning|afternoon|evening|night|weekend|spring|summer|autumn|winter)\b",
            _I,
        ),
        _anaphoric,
    ),
]

#: For each gated rule, words one of which is in every match (see ``timex.GATES``).
GATES: dict[str, tuple[str, ...]] = {
    "relative.day": ("yesterday", "today", "tomorrow", "tonight"),
    "relative.day_part": ("morning", "afternoon", "evening", "night"),
    "relative.year_ago": ("year-",),
    "relative.ago": ("ago", "earlier", "from", "hence"),
    "duration.vague": ("years", "months", "weeks", "days", "decades", "centuries"),
    "ref.future": ("future", "soon", "later"),
}
