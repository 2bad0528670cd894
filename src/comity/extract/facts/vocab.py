"""The vocabulary of ``comity.extract.facts.find``, read once from ``data/measures.toml`` and
``data/relationship_status.csv`` and compiled into the patterns the finder uses."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["NUM", "ORDINALS", "WORD_NUMBERS", "Vocab", "alternation", "vocab"]

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ORDINAL_WORDS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
ORDINALS = {w: i for i, w in enumerate(_ORDINAL_WORDS, 2)}
WORD_NUMBERS = {w: float(i) for i, w in enumerate(("two", "three", "four", "five", "six", "seven",
                 "eight", "nine", "ten", "eleven", "twelve"), 2)} | {"a dozen": 12.0, "a thousand": 1e3}  # fmt: skip
_COUNT_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_StatusRow = tuple[re.Pattern[str], str, str, str]  # pattern, label, dyad, requires


@dataclass(frozen=True, slots=True)
class Vocab:
    currencies: dict[str, str]
    scales: dict[str, float]
    qualifiers: dict[str, str]
    money: list[tuple[re.Pattern[str], str]]
    counts: list[tuple[re.Pattern[str], str]]
    percent: dict[str, int]
    ranks: list[tuple[re.Pattern[str], str]]
    scopes: list[tuple[re.Pattern[str], str]]
    sources: list[re.Pattern[str]]
    establish: re.Pattern[str]
    since: re.Pattern[str]
    statuses: list[_StatusRow]
    any_status: re.Pattern[str]  # matches wherever one of ``statuses`` does
    money_re: re.Pattern[str]
    percent_re: re.Pattern[str]
    fractions: dict[str, float]
    count_re: re.Pattern[str]
    counted: re.Pattern[str]  # any noun of ``counts``
    rank_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]


def _compiled(table: dict[str, Any]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b(?:{k})\b", re.I), str(v)) for k, v in table.items()]


def _status_rows(text: str) -> list[_StatusRow]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        (re.compile(rf"\b(?:{r['pattern']})\b", re.I), r["label"], r["dyad"], r["requires"])
        for r in csv.DictReader(io.StringIO("\n".join(lines)))
    ]


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    package = resources.files("comity.extract.facts") / "data"
    data = tomllib.loads((package / "measures.toml").read_text(encoding="utf-8"))
    symbols = [c for c in data["currencies"] if not c.replace(" ", "").isalpha()]
    symbols += ["USD", "RMB", "CNY", "VND", "EUR"]
    words = [c for c in data["currencies"] if c.replace(" ", "").isalpha()]
    pre, post, scale = alternation(symbols), alternation(words), alternation(data["scales"])
    counts = "|".join(f"(?:{k})" for k in data["counts"])
    ranks = "|".join(f"(?:{k})" for k in data["ranks"])
    statuses = _status_rows((package / "relationship_status.csv").read_text(encoding="utf-8"))
    ordinal = (
        rf"(?:(?P<word>{'|'.join(ORDINALS)})|(?P<digit>\d{{1,2}})(?:st|nd|rd|th))[- ](?:largest|biggest)"
    )
    return Vocab(
        currencies=data["currencies"],
        scales={k: float(v) for k, v in data["scales"].items()},
        qualifiers=data["qualifiers"],
        money=_compiled(data["money"]),
        counts=_compiled(data["counts"]),
        percent={k: int(v) for k, v in data["percent"].items()},
        ranks=_compiled(data["ranks"]),
        scopes=_compiled(data["rank_scopes"]),
        sources=[re.compile(p) for p in data["sources"]["patterns"]],
        establish=re.compile(data["status"]["establish"], re.I),
        since=re.compile(data["status"]["since"], re.I),
        statuses=statuses,
        any_status=re.compile("|".join(f"(?:{p.pattern})" for p, _, _, _ in statuses), re.I),
        money_re=re.compile(
            rf"(?P<pre>{pre})\s?(?P<num>{NUM})(?:\s?[-–]\s?(?P<upper>{NUM}))?(?:\s?(?P<scale>{scale})\b)?"
            rf"(?:\s+(?P<post>{post})\b)?"
            rf"|\b(?P<num2>{NUM})(?:\s?(?P<scale2>{scale}))?\s+(?P<post2>{post})\b"
        ),
        percent_re=re.compile(
            rf"\b(?P<num>{NUM})\s?(?:(?P<points>percentage points?)\b|%|percent\b|per cent\b)"
            rf"|\b(?P<fraction>{alternation(data['fractions'])})(?=\s+of\b)",
            re.I,
        ),
        fractions={k.lower(): float(v) for k, v in data["fractions"].items()},
        count_re=re.compile(
            rf"\b(?P<num>{NUM}|{_COUNT_WORDS})(?:\s?(?P<scale>million|billion|thousand|m|bn)\b)?"
            rf"(?:\s+of\s+(?:their|its|the)|(?:\s+(?:[“\"]\w+[”\"]|(?-i:\([A-Z]+\)|[A-Z][\w.]*)|additional|more|other|nuclear)){{0,4}})"
            rf"\s+(?P<noun>{counts})\b",
            re.I,
        ),
        counted=re.compile(counts, re.I),
        rank_re=re.compile(
            rf"\b(?:{ordinal}|(?P<first>largest|biggest|top|leading|number[- ]one))"
            rf"(?:\s+(?:single|overall|foreign))?(?:\s+(?P<noun>{ranks}))?\b",
            re.I,
        ),
        qualifier_re=re.compile(rf"\b(?:{alternation(data['qualifiers'])})\s+$", re.I),
    )
