"""From raw stints to holdings: classify each position label, merge what the sources say twice, end the
holdings a source stopped tracking, and let the hand-written rows win.

Precedence of the hand-written ``people.csv`` (documented in the data README):

1. a hand-written person is the Wikidata person with the same name (or alias) holding a role in the same
   country, when there is exactly one; otherwise a person of their own (``comity:<name>``);
2. a hand-written row replaces that person's generated rows of the same role kind in the same country;
3. for a kind with one holder per country (world_kinds.csv: head of state or government, foreign and
   defence minister, ...), a hand-written row also cuts the period it covers out of other people's
   generated rows of that kind in that country.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from comity.extract.actors.world.dates import lower_bound, upper_bound
from comity.extract.actors.world.index import Holding
from comity.extract.actors.world.sources import Stint
from comity.extract.actors.world.tables import INTERNATIONAL, PositionRule, Rules

__all__ = ["Classified", "apply_hand_rows", "classify", "close_untracked", "fit_successions", "merge_stints"]

_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
_OF = re.compile(r" of ")
ROUGH_ENDS = frozenset({"month", "year", "decade", "observed"})
ROUGH_STARTS = frozenset({"month", "year", "decade"})
#: How long before an observed end the next holder may have started and still be its successor.
OBSERVED_LAG_DAYS = 180


@dataclass(frozen=True, slots=True)
class Classified:
    """A holding and the titles its position gives (for aliases)."""

    holding: Holding
    titles: tuple[str, ...]


def clean_labels(role: str, country: str, is_country: Callable[[str, str], bool]) -> tuple[str, ...]:
    """The labels the position rules see: the role without parentheses, and what the parentheses hold
    ("Beretitenti (President)" -> "Beretitenti", "President"); each cut at ";" and without a trailing
    " of <the country>" ("Minister of Defence of Thailand" -> "Minister of Defence")."""
    texts = [_PARENTHESIS.sub("", role), *_PARENTHESIS.findall(role)]
    return tuple(_without_country(" ".join(t.split(";")[0].split()), country, is_country) for t in texts)


def _without_country(text: str, country: str, is_country: Callable[[str, str], bool]) -> str:
    for match in _OF.finditer(text):
        if is_country(text[match.end() :], country):
            return text[: match.start()]
    return text


def classify(
    stints: Iterable[Stint], rules: Rules, is_country: Callable[[str, str], bool]
) -> Iterator[Classified]:
    """Holdings with kinds and sector from world_positions.csv; "skip" positions are left out."""
    known: dict[tuple[str, str, str], PositionRule] = {}  # labels repeat across people and countries
    for stint in stints:
        key = (stint.role, stint.country, stint.rule_country)
        rule = known.get(key)
        if rule is None:
            rule = known[key] = rules.classify(
                clean_labels(stint.role, stint.country, is_country), stint.rule_country
            )
        if "skip" in rule.kinds:
            continue
        sector = INTERNATIONAL if stint.rule_country == INTERNATIONAL else rule.sector
        commit, licence = _provenance(stint.source, rules)
        holding = Holding(
            stint.person, stint.country, sector, rule.kinds, stint.role, stint.start, stint.start_precision,
            stint.end, stint.end_precision, stint.source, commit, licence,
        )  # fmt: skip
        yield Classified(holding, rule.titles)


def _provenance(source: str, rules: Rules) -> tuple[str, str]:
    infos = [rules.sources[s] for s in source.split("+") if s in rules.sources]
    commits = "+".join(i.commit for i in infos)
    licences = "+".join(dict.fromkeys(i.licence for i in infos))
    return commits, licences


def _group_key(holding: Holding, single: dict[str, str]) -> tuple[str, ...]:
    """Stints of one person that may be the same holding: one kind of a one-per-country office, or one role."""
    if any(single.get(kind) == "country" for kind in holding.kinds):
        return (holding.country, holding.person, "|".join(holding.kinds))
    return (holding.country, holding.person, holding.role)


def merge_stints(items: Iterable[Classified], rules: Rules) -> list[Classified]:
    """Overlapping stints of one holding become one, naming every source it rests on; the end comes from
    the source that tracked it longer."""
    groups: dict[tuple[str, ...], list[Classified]] = {}
    for item in items:
        groups.setdefault(_group_key(item.holding, rules.single), []).append(item)
    merged: list[Classified] = []
    for group in groups.values():
        group.sort(
            key=lambda c: (
                lower_bound(c.holding.start),
                -len(c.holding.start),
                c.holding.source,
                c.holding.role,
            )
        )
        current = group[0]
        for item in group[1:]:
            if lower_bound(item.holding.start) < upper_bound(
                current.holding.end, current.holding.end_precision
            ) or (not current.holding.end):
                current = _join(current, item, rules)
            else:
                merged.append(current)
                current = item
        merged.append(current)
    return merged


def _join(first: Classified, second: Classified, rules: Rules) -> Classified:
    a, b = first.holding, second.holding
    if a.end_precision == "unknown" or (b.end_precision != "unknown" and _end_after(b, a)):
        end, precision = b.end, b.end_precision
    else:
        end, precision = a.end, a.end_precision
    source = "+".join(sorted(set(a.source.split("+")) | set(b.source.split("+"))))
    commit, licence = _provenance(source, rules)
    holding = replace(a, end=end, end_precision=precision, source=source, commit=commit, licence=licence)
    return Classified(holding, tuple(dict.fromkeys(first.titles + second.titles)))


def _end_after(b: Holding, a: Holding) -> bool:
    if not b.end:
        return True
    return bool(a.end) and upper_bound(b.end, b.end_precision) > upper_bound(a.end, a.end_precision)


def close_untracked(items: list[Classified], rules: Rules) -> list[Classified]:
    """A holding of unknown end (open at a source's snapshot, not tracked after) ends when another person
    starts in the same one-holder office after that snapshot (end precision ``successor``)."""
    starts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for item in items:
        for key in _office_keys(item.holding, rules):
            starts.setdefault(key, []).append((lower_bound(item.holding.start), item.holding.person))
    closed = []
    for item in items:
        holding = item.holding
        if holding.end_precision == "unknown":
            snapshot = max(
                (rules.sources[s].snapshot for s in holding.source.split("+") if s in rules.sources),
                default="",
            )
            after = max(snapshot, lower_bound(holding.start))
            successors = [
                start for key in _office_keys(holding, rules) for start, person in starts[key]
                if person != holding.person and start > after
            ]  # fmt: skip
            if successors:
                item = Classified(
                    replace(holding, end=min(successors), end_precision="successor"), item.titles
                )
        closed.append(item)
    return closed


def fit_successions(items: list[Classified], rules: Rules) -> list[Classified]:
    """In a one-holder office, a rough date yields to a neighbour's exact one: an end known only to the
    month or year, or observed late, becomes the day the next holder started (``successor``); a start
    known only to the month or year becomes the day the previous holder left (``predecessor``)."""
    offices: dict[tuple[str, str], list[Holding]] = {}
    for item in items:
        for key in _office_keys(item.holding, rules):
            offices.setdefault(key, []).append(item.holding)
    fitted = []
    for item in items:
        holding = item.holding
        others = [
            h for key in _office_keys(holding, rules) for h in offices[key] if h.person != holding.person
        ]
        if holding.end and holding.end_precision in ROUGH_ENDS:
            holding = _fit_end(holding, others)
        if holding.start and holding.start_precision in ROUGH_STARTS:
            holding = _fit_start(holding, others)
        fitted.append(item if holding is item.holding else Classified(holding, item.titles))
    return fitted


def _fit_end(holding: Holding, others: list[Holding]) -> Holding:
    if holding.end_precision == "observed":  # the daily pages lag by days, sometimes months; not years
        after = (dt.date.fromisoformat(holding.end) - dt.timedelta(days=OBSERVED_LAG_DAYS)).isoformat()
    else:
        after = lower_bound(holding.end)
    before = upper_bound(holding.end, holding.end_precision)
    starts = [
        h.start
        for h in others
        if h.start_precision == "day" and after <= h.start < before and h.start > holding.start
    ]
    return replace(holding, end=min(starts), end_precision="successor") if starts else holding


def _fit_start(holding: Holding, others: list[Holding]) -> Holding:
    after, before = lower_bound(holding.start), upper_bound(holding.start, holding.start_precision)
    ends = [h.end for h in others if h.end_precision == "day" and after <= h.end < before]
    return replace(holding, start=max(ends), start_precision="predecessor") if ends else holding


def _office_keys(holding: Holding, rules: Rules) -> list[tuple[str, str]]:
    keys = [(holding.country, kind) for kind in holding.kinds if rules.single.get(kind) == "country"]
    if any(rules.single.get(kind) == "role" for kind in holding.kinds):
        keys.append((holding.country, "role:" + holding.role))
    return keys


def apply_hand_rows(generated: list[Classified], hand: list[Classified], rules: Rules) -> list[Classified]:
    """Generated rows, less what the hand-written rows correct (see the module docstring), plus those rows."""
    replaced = {(h.holding.person, h.holding.country, kind) for h in hand for kind in h.holding.kinds}
    covers: dict[tuple[str, str], list[Holding]] = {}
    for item in hand:
        for kind in item.holding.kinds:
            if rules.single.get(kind) == "country":
                covers.setdefault((item.holding.country, kind), []).append(item.holding)
    kept: list[Classified] = []
    for item in generated:
        holding = item.holding
        if any((holding.person, holding.country, kind) in replaced for kind in holding.kinds):
            continue
        pieces = [holding]
        for kind in holding.kinds:
            for cover in covers.get((holding.country, kind), []):
                pieces = [piece for p in pieces for piece in _cut(p, cover)]
        kept.extend(Classified(piece, item.titles) for piece in pieces)
    return kept + list(hand)


def _cut(holding: Holding, cover: Holding) -> list[Holding]:
    """``holding`` without the period ``cover`` spans (zero, one or two pieces)."""
    start, end = lower_bound(holding.start), upper_bound(holding.end, holding.end_precision)
    cover_start, cover_end = lower_bound(cover.start), upper_bound(cover.end, cover.end_precision)
    if cover_end <= start or end <= cover_start:
        return [holding]
    pieces = []
    if start < cover_start:
        pieces.append(replace(holding, end=cover.start, end_precision=cover.start_precision))
    if cover_end < end and cover.end:
        pieces.append(replace(holding, start=cover.end, start_precision=cover.end_precision))
    return pieces
