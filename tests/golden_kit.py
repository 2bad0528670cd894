"""Golden event tables (tests/golden/events/*.toml, format in its README.md): loading a case,
coding it, matching the events it expects and finding which trigger rows fired."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comity.extract.actors.kb import load_kb
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.events.patterns import Trigger, addressed_trigger, match_trigger
from comity.extract.events.refine import refine_matches
from comity.extract.events.rules import RulesCoder
from comity.extract.time.find import find_time_expressions
from comity.nlp import doc_sentences
from comity.records import ActorRef, Article, Event, TimeExpression

GOLDEN = Path(__file__).parent / "golden" / "events"
NONE = "-"  # a table's spelling of None (TOML has no null)
DEFAULT_DATE = "2023-12-01"

Expectation = Mapping[str, Any]


@dataclass(frozen=True)
class Case:
    """One sentence (or short text) of a table with the events it must and must not give."""

    table: str
    id: str
    text: str
    date: str | None
    times: tuple[Mapping[str, str], ...]
    find_times: bool
    events: tuple[Expectation, ...]
    exactly: bool  # the listed events are all the events (none when the list is empty)
    absent: tuple[Expectation, ...] = field(default=())
    outlet: str | None = None  # the article's outlet ("The White House (U.S. government)": a readout)

    @property
    def test_id(self) -> str:
        return f"{self.table}:{self.id}"


_CASE_KEYS = frozenset({"id", "text", "date", "times", "find_times", "events", "exactly", "absent", "outlet"})


def _case(table: str, raw: Mapping[str, Any]) -> Case:
    unknown = set(raw) - _CASE_KEYS
    if unknown:
        raise ValueError(f"{table}:{raw.get('id')}: unknown case keys {sorted(unknown)}")
    for want in (*raw.get("events", ()), *raw.get("absent", ())):
        if set(want) - set(_CHECKS):
            raise ValueError(f"{table}:{raw['id']}: unknown event keys {sorted(set(want) - set(_CHECKS))}")
    date = raw.get("date", DEFAULT_DATE)
    return Case(
        table=table,
        id=raw["id"],
        text=raw["text"],
        date=None if date == NONE else date,
        times=tuple(raw.get("times", ())),
        find_times=raw.get("find_times", False),
        events=tuple(raw.get("events", ())),
        exactly=raw.get("exactly", False),
        absent=tuple(raw.get("absent", ())),
        outlet=raw.get("outlet"),
    )


@functools.cache
def load_cases() -> tuple[Case, ...]:
    """Every case of every table, in file order."""
    cases: list[Case] = []
    for path in sorted(GOLDEN.glob("*.toml")):
        with path.open("rb") as handle:
            table = tomllib.load(handle)
        cases.extend(_case(path.stem, raw) for raw in table["case"])
    return tuple(cases)


def _given_times(case: Case) -> list[TimeExpression]:
    out = []
    for t in case.times:
        start = case.text.index(t["text"])
        out.append(
            TimeExpression(
                doc_id="g",
                start=start,
                end=start + len(t["text"]),
                text=t["text"],
                type=t.get("type", "DATE"),  # type: ignore[arg-type]
                value=t["value"],
                precision=t["precision"],  # type: ignore[arg-type]
                anchor=case.date,
                rule="golden",
            )
        )
    return out


@dataclass(frozen=True)
class Coded:
    """A case's article, its parse and its events."""

    article: Article
    doc: Any
    events: list[Event]


_CODED: dict[tuple[str, ...], Coded] = {}


def code_case(nlp: Any, case: Case) -> Coded:
    """The events of a case (coded once per session: the coverage test reuses them)."""
    key = (
        case.table,
        case.id,
        case.text,
        str(case.date),
        str(case.find_times),
        repr(case.times),
        str(case.outlet),
    )
    if key not in _CODED:
        article = Article(
            id="g", name=case.id, text=case.text, fmt="text", publication_date=case.date, outlet=case.outlet
        )
        doc = nlp(case.text)
        coder = RulesCoder(kb=load_kb())
        times = find_time_expressions(case.text, case.date) if case.find_times else _given_times(case)
        events = coder.code(doc, article, mentions_from_doc(doc, article, coder.kb), times)
        _CODED[key] = Coded(article, doc, events)
    return _CODED[key]


def _none(value: str | None) -> str:
    return NONE if value is None else value


def _countries(actors: Sequence[ActorRef]) -> list[str]:
    return sorted({_none(a.country) for a in actors})


def _sides(event: Event, want: Expectation) -> bool:
    """Source and target countries; a ``pair`` (coordinated or reciprocal actors) in either order."""
    if "source" not in want and "target" not in want:
        return True
    got = (_countries(event.source), _countries(event.target))
    wanted = (sorted(want.get("source", got[0])), sorted(want.get("target", got[1])))
    return got == wanted or (bool(want.get("pair")) and got == (wanted[1], wanted[0]))


def _field(get: Callable[[Event], Any]) -> Callable[[Event, Any], bool]:
    return lambda event, wanted: bool(get(event) == wanted)


_CHECKS: dict[str, Callable[[Event, Any], bool]] = {
    "type": _field(lambda e: e.type),
    "cameo": _field(lambda e: e.cameo),
    "modality": _field(lambda e: e.modality),
    "source": lambda e, w: True,  # checked with "target" and "pair" by _sides
    "target": lambda e, w: True,
    "pair": lambda e, w: True,
    "source_codes": _field(lambda e: [_none(a.code) for a in e.source]),
    "target_codes": _field(lambda e: [_none(a.code) for a in e.target]),
    "source_names": _field(lambda e: [_none(a.name) for a in e.source]),
    "target_names": _field(lambda e: [_none(a.name) for a in e.target]),
    "source_texts": _field(lambda e: [a.text for a in e.source]),
    "source_sector": _field(lambda e: _none(e.source[0].sector) if e.source else None),
    "date": _field(lambda e: _none(e.date)),
    "date_basis": _field(lambda e: _none(e.date_basis)),
    "date_text": _field(lambda e: _none(e.date_text)),
    "date_precision": _field(lambda e: _none(e.date_precision)),
    "location": _field(lambda e: _none(e.location.name) if e.location else NONE),
    "location_text": _field(lambda e: e.location.text if e.location else NONE),
    "location_country": _field(lambda e: _none(e.location.country) if e.location else NONE),
    "trigger": _field(lambda e: e.trigger),
    "evidence": _field(lambda e: e.evidence.text),
    "sentence": _field(lambda e: e.sentence),
    "goldstein": _field(lambda e: e.goldstein),
    "confidence_below": lambda e, w: bool(e.confidence < w),
}


def matches(event: Event, want: Expectation) -> bool:
    """Does ``event`` have every property ``want`` names?"""
    return _sides(event, want) and all(_CHECKS[key](event, value) for key, value in want.items())


def unmatched(events: Sequence[Event], wanted: Sequence[Expectation]) -> list[Expectation]:
    """The expectations left over when each takes its own event (first fit, in table order)."""
    free = list(events)
    left = []
    for want in wanted:
        hit = next((e for e in free if matches(e, want)), None)
        if hit is None:
            left.append(want)
        else:
            free.remove(hit)
    return left


def summary(event: Event) -> str:
    """One line for failure messages: type, code, countries, modality, date and trigger."""
    src, tgt = "+".join(_countries(event.source)), "+".join(_countries(event.target))
    return f"{event.type} {event.cameo} {src}>{tgt} {event.modality} {event.date} [{event.trigger}]"


# Which trigger row fired -------------------------------------------------------------------------


RowKey = tuple[str, str, str, str, str]  # lemma, pos, object (|-joined, sorted), prep, frame


def row_key(trig: Trigger) -> RowKey:
    """A trigger row's identity without its code (an announced act takes the code of its noun)."""
    prep = f"+{trig.target_prep}" if trig.target_prep else (trig.prep or "")
    return trig.lemma, trig.pos, "|".join(sorted(trig.objects)), prep, trig.frame


def _sentence_matches(doc: Any, sentence: int) -> Iterator[tuple[Any, Trigger]]:
    sent = doc_sentences(doc)[sentence]
    found = {tok.i: trig for tok in sent if (trig := match_trigger(tok)) is not None}
    for i, trig in refine_matches(doc, found).items():
        yield doc[i], trig


def event_rows(coded: Coded, event: Event) -> set[RowKey]:
    """The rows whose match gave ``event``: a matched token of its sentence spelled as the first
    word of its trigger ("held talks" -> "held"); none for a background event (a dispute noun)."""
    word = event.trigger.split(" ")[0]
    rows = {row_key(t) for tok, t in _sentence_matches(coded.doc, event.sentence) if tok.text == word}
    for tok in doc_sentences(coded.doc)[event.sentence]:  # "told his counterpart": the addressee row
        addressed = addressed_trigger(tok) if tok.text == word else None
        if addressed is not None and addressed.cameo == event.cameo:
            rows.add(row_key(addressed))
    return rows


def expected_rows(coded: Coded, case: Case) -> set[RowKey]:
    """The rows that gave an event the case expects (an event nobody checks is no example)."""
    out: set[RowKey] = set()
    for event in coded.events:
        if any(matches(event, want) for want in case.events):
            out |= event_rows(coded, event)
    return out
