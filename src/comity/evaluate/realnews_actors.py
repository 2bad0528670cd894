"""Person actors of the real-news gold: is the country of each named person or title right?

For every gold event side (``source_text`` / ``target_text``, GUIDE.md) that names a person, the
words are found inside the event's evidence sentence and comity's stored mentions overlapping them
are read. A side names a person when it does not start with a pronoun or a group word and either
overlaps a mention labelled PERSON or holds a singular title ("Mr.", "Premier", "defence secretary");
the word lists are in ``data/person_actors.toml``. The side's countries are those of its coded PERSON
mentions (with none, the first coded mention's: "the Chinese premier" -> "Chinese"). It is right when
one of them is a gold code (a side may name two people, "Mr. Sullivan and Mr. Año", where the gold
codes only one of them; a one-person side is right only with the right country).

Figures: ``sides`` (person sides found in their sentence), ``correct``, ``share``; misses by class
(``no_mention``: nothing comity found there; ``no_country``: found, uncoded; ``wrong_country``) with
examples; ``not_in_sentence``: person-like sides whose words are not in the evidence sentence
(annotated from another sentence), left out of the share.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["PersonSide", "person_sides", "score_person_actors"]

Row = dict[str, Any]
#: Examples of misses kept per class in the report.
EXAMPLES = 40
_WORD = re.compile(r"[\w.'’-]+")


@functools.cache
def person_words() -> dict[str, frozenset[str]]:
    """The word sets of ``data/person_actors.toml`` (not_person_starts, group_words, titles)."""
    text = (resources.files("comity.evaluate") / "data" / "person_actors.toml").read_text(encoding="utf-8")
    return {name: frozenset(table["words"]) for name, table in tomllib.loads(text).items()}


@dataclass(frozen=True, slots=True)
class PersonSide:
    """One gold side that names a person, located in its document."""

    doc: str
    event: str
    side: str  # source | target
    text: str
    start: int
    end: int
    codes: tuple[str, ...]


def _words(text: str) -> list[str]:
    return [w.lower().strip(".,'’") or w for w in _WORD.findall(text)]


def _has_title(words: list[str], titles: frozenset[str]) -> bool:
    joined = " " + " ".join(words) + " "
    plain = " " + " ".join(w.rstrip(".") for w in words) + " "
    return any(f" {t} " in joined or f" {t.rstrip('.')} " in plain for t in titles)


def _not_a_person(text: str) -> bool:
    words = _words(text)
    sets = person_words()
    return not words or words[0] in sets["not_person_starts"] or any(w in sets["group_words"] for w in words)


def _locate(text: str, doc_text: str, start: int, end: int) -> tuple[int, int] | None:
    sentence = doc_text[start:end]
    found = sentence.find(text)
    if found < 0:
        found = sentence.lower().find(text.lower())
    return None if found < 0 else (start + found, start + found + len(text))


def _overlapping(mentions: Sequence[Row], start: int, end: int) -> list[Row]:
    return [m for m in mentions if m["start"] < end and start < m["end"]]


def person_sides(
    gold: Sequence[Row], texts: dict[str, str], mentions: dict[str, list[Row]]
) -> tuple[list[PersonSide], list[Row]]:
    """The gold sides naming a person, located in their sentences; and those not found there."""
    found: list[PersonSide] = []
    elsewhere: list[Row] = []
    titles = person_words()["titles"]
    for row in gold:
        doc_text = texts.get(row["doc"], "")
        for side in ("source", "target"):
            text = str(row.get(f"{side}_text") or "").strip()
            if not text or _not_a_person(text):
                continue
            span = _locate(text, doc_text, row["start"], row["end"])
            titled = _has_title(_words(text), titles)
            if span is None:
                if titled:
                    elsewhere.append({"event": row["id"], "side": side, "text": text})
                continue
            people = [m for m in _overlapping(mentions.get(row["doc"], []), *span) if m["label"] == "PERSON"]
            if people or titled:
                codes = tuple(str(c) for c in row.get(side) or [])
                found.append(PersonSide(row["doc"], row["id"], side, text, *span, codes))
    return found, elsewhere


def side_countries(side: PersonSide, mentions: Sequence[Row]) -> tuple[list[Row], set[str]]:
    """The mentions read for ``side`` and the countries comity gives it: its coded PERSON mentions'
    (each person named there), else the first coded mention's ("the Chinese premier" -> "Chinese")."""
    over = _overlapping(mentions, side.start, side.end)
    people = [m for m in over if m["label"] == "PERSON" and m.get("country")]
    chosen = people or [m for m in over if m.get("country")][:1]
    return over, {str(m["country"]) for m in chosen}


def _miss_class(over: list[Row], countries: set[str]) -> str:
    if not over:
        return "no_mention"
    return "no_country" if not countries else "wrong_country"


def score_person_actors(
    gold: Sequence[Row], texts: dict[str, str], mentions: Sequence[Row]
) -> dict[str, Any]:
    """Share of person sides whose country comity gets right, misses by class with examples."""
    by_doc: dict[str, list[Row]] = {}
    for m in mentions:
        by_doc.setdefault(str(m["_doc"]), []).append(m)
    sides, elsewhere = person_sides(gold, texts, by_doc)
    misses: Counter[str] = Counter()
    examples: dict[str, list[Row]] = {}
    for side in sides:
        over, countries = side_countries(side, by_doc.get(side.doc, []))
        if countries & set(side.codes):
            continue
        kind = _miss_class(over, countries)
        misses[kind] += 1
        if len(examples.setdefault(kind, [])) < EXAMPLES:
            examples[kind].append({
                "event": side.event, "side": side.side, "text": side.text, "gold": list(side.codes),
                "comity": [{k: m.get(k) for k in ("text", "label", "canonical", "country", "sector", "resolution")}
                           for m in over],
            })  # fmt: skip
    correct = len(sides) - sum(misses.values())
    return {
        "sides": len(sides),
        "correct": correct,
        "share": round(correct / len(sides), 3) if sides else None,
        "misses": dict(sorted(misses.items())),
        "not_in_sentence": len(elsewhere),
        "examples": examples,
    }
