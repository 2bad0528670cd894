"""Money and percentages done right, for ``comity.extract.facts.find``.

* ``currency_of``: "¥" is the yen in a sentence about yen or Japan, else the yuan;
* ``vague_amounts``: "hundreds of billions of dollars", "$100's of billions", "hundreds of its
  vessels", "scores of settlements" -> the lower bound (100e9, 100, 20) flagged ``vague lower
  bound``, never the bare number;
* ``percent_measure``: what a percentage that is no growth rate measures (``tariff_rate``,
  ``poll_share``, ``share``), or None when it fits none or is a market move (an index, stocks,
  prices), which is no fact of a country.

Vocabulary: ``[yen]``, ``[vague]``, ``[percent_measures]`` and ``[percent_excluded]`` of
``data/measures.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["VAGUE", "currency_of", "market_move", "percent_measure", "vague_amounts"]

VAGUE = "vague lower bound"
_SCALES = {"millions": 1e6, "billions": 1e9, "trillions": 1e12}
_MONEY_WORDS = {"dollars": "USD", "yuan": "CNY", "euros": "EUR", "yen": "JPY"}


@dataclass(frozen=True, slots=True)
class _Vocab:
    yen_sign: str
    yen_words: re.Pattern[str]
    yuan_words: re.Pattern[str]
    vague: dict[str, float]
    vague_re: re.Pattern[str]
    percent_measures: list[tuple[re.Pattern[str], str]]
    excluded: re.Pattern[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    path = resources.files("comity.extract.facts") / "data" / "measures.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    vague = {k.lower(): float(v) for k, v in data["vague"].items()}
    words = "|".join(re.escape(w) for w in sorted(vague, key=len, reverse=True))
    return _Vocab(
        yen_sign=data["yen"]["sign"],
        yen_words=re.compile(data["yen"]["yen_words"]),
        yuan_words=re.compile(data["yen"]["yuan_words"]),
        vague=vague,
        vague_re=re.compile(
            rf"(?P<sign>\$|US\$)?\b(?P<word>{words})\s+of\s+(?:(?P<scale>millions|billions|trillions)"
            rf"(?:\s+of\s+(?P<money>dollars|yuan|euros|yen))?|(?:(?:its|their|the)\s+)?(?P<noun>[a-z]+))",
            re.I,
        ),
        percent_measures=[
            (re.compile(rf"\b(?:{k})\b", re.I), v) for k, v in data["percent_measures"].items()
        ],
        excluded=re.compile(data["percent_excluded"]["pattern"], re.I),
    )


def currency_of(symbol: str, unit: str, sentence: str) -> str:
    """The ISO code of ``symbol`` in ``sentence``: "¥" is the yen when the sentence is about yen."""
    vocab = _vocab()
    if (
        symbol == vocab.yen_sign
        and vocab.yen_words.search(sentence)
        and not vocab.yuan_words.search(sentence)
    ):
        return "JPY"
    return unit


def vague_amounts(
    text: str, start: int, end: int, counted: re.Pattern[str]
) -> list[tuple[tuple[int, int], float, str]]:
    """(span, lower bound, unit) of vague amounts in [start, end): money, or a count of a noun
    that ``counted`` matches in full ("vessels", "prisoners")."""
    out = []
    for m in _vocab().vague_re.finditer(text, start, end):
        base = _vocab().vague[m.group("word").lower()]
        if m.group("scale"):
            currency = "USD" if m.group("sign") else _MONEY_WORDS.get((m.group("money") or "").lower())
            if currency:
                out.append((m.span(), base * _SCALES[m.group("scale").lower()], currency))
        elif m.group("noun") and counted.fullmatch(m.group("noun")):
            out.append((m.span(), base, m.group("noun").lower()))
    return out


def market_move(clause: str) -> bool:
    """Is the clause about a market (an index, stocks, yields, prices), not a country's economy?"""
    return bool(_vocab().excluded.search(clause))


def percent_measure(clause: str) -> str | None:
    """The measure of a percentage that is not a growth rate, from the words of its clause."""
    if market_move(clause):
        return None
    return next((measure for p, measure in _vocab().percent_measures if p.search(clause)), None)
