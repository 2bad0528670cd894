"""``comity kb build``: compile the office-holder sources into the world KB file.

Inputs: Peppercat (CC BY-NC 4.0) and the CIA 2019 list (public domain) under a ``shared`` folder, or a
Wikidata SPARQL CSV export (CC0) instead of Peppercat, plus the packaged hand-written ``people.csv``
(MIT), whose rows win (see ``holdings``). Output: a zip of sorted TSV tables (see ``index``), byte-identical
for identical inputs.
"""

from __future__ import annotations

import collections
import difflib
import functools
import hashlib
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from comity.errors import ConfigError
from comity.extract.actors.kb import ActorKB, kb_from_csv, split_cell, table_rows
from comity.extract.actors.world.dates import lower_bound, upper_bound
from comity.extract.actors.world.holdings import (
    Classified,
    apply_hand_rows,
    classify,
    close_untracked,
    fit_successions,
    merge_stints,
)
from comity.extract.actors.world.index import TABLES, Alias, Holding, Person, name_key
from comity.extract.actors.world.names import NameFacts, aliases_of
from comity.extract.actors.world.sources import (
    CiaEntry,
    SourceData,
    Stint,
    read_cia,
    read_peppercat,
    read_wikidata_csv,
)
from comity.extract.actors.world.tables import Rules, SourceInfo, load_rules
from comity.ontology import countries_csv

__all__ = ["BuildResult", "build_world_kb", "licence_notice", "names_country", "write_world_kb"]

HAND = "comity-hand"
#: How alike two spellings must be (difflib ratio) for a hand-written person to be a listed one.
SIMILAR_NAMES = 0.85
CIA_DATE = "2019-06-01"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class BuildResult:
    holdings: tuple[Holding, ...]
    people: tuple[Person, ...]
    aliases: tuple[Alias, ...]
    sources: tuple[SourceInfo, ...]


def build_world_kb(
    shared: Path | None, *, wikidata_csv: Path | None = None, hand_text: str | None = None
) -> BuildResult:
    """Compile the KB. With ``wikidata_csv`` Peppercat is not read (the result carries no CC BY-NC data);
    ``shared`` then only adds CIA spellings. ``hand_text`` replaces the packaged people.csv (tests)."""
    rules = load_rules()
    if wikidata_csv is None and shared is None:
        raise ConfigError("give --shared (Peppercat and CIA files) or --wikidata-csv (a Wikidata export)")
    data = read_wikidata_csv(wikidata_csv, rules) if wikidata_csv else read_peppercat(_need(shared), rules)
    cia: tuple[CiaEntry, ...] = ()
    infos = dict(data.sources)
    if shared is not None and (shared / rules.sources["cia-2019"].path).is_file():
        cia, cia_info = read_cia(shared, rules, _country_code)
        infos[cia_info.id] = cia_info
    hand_text = hand_text if hand_text is not None else _packaged_people()
    infos[HAND] = replace(
        rules.sources[HAND], commit="sha256:" + hashlib.sha256(hand_text.encode()).hexdigest()[:16]
    )
    rules = replace(rules, sources={**rules.sources, **infos})
    merged = merge_stints(classify(data.stints, rules, names_country), rules)
    generated = fit_successions(close_untracked(merged, rules), rules)
    hand, hand_names = _hand_rows(hand_text, generated, data, rules)
    final = apply_hand_rows(generated, hand, rules)
    holdings = tuple(sorted({c.holding for c in final}, key=_holding_order))
    people = _people(holdings, data, hand_names)
    aliases = _aliases(final, people, data, hand_names, cia, rules)
    return BuildResult(holdings, people, aliases, tuple(infos[s] for s in sorted(infos)))


def _need(shared: Path | None) -> Path:
    if shared is None or not shared.is_dir():
        raise ConfigError(f"--shared {str(shared)!r} is not a folder")
    return shared


def _packaged_people() -> str:
    return (resources.files("comity.extract.actors") / "data" / "people.csv").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _countries() -> ActorKB:
    """The ontology's country table as a KB (names, aliases, adjectives): all the build asks of it."""
    return kb_from_csv([countries_csv()])


@functools.lru_cache(maxsize=4096)
def names_country(text: str, iso3: str) -> bool:
    """Whether ``text`` names the country ``iso3`` in the actor KB ("Viet Nam", "the United States")."""
    found = _countries().entries(text)
    return bool(found) and found[0].kind == "country" and found[0].country == iso3


def _country_code(name: str) -> str | None:
    extra = load_rules().country_names.get(name.lower())
    if extra:
        return extra
    found = _countries().entries(name)
    return found[0].country if found and found[0].kind == "country" else None


def _holding_order(h: Holding) -> tuple[str, ...]:
    return (h.country, h.person, h.start, h.role, h.end, h.source, "|".join(h.kinds))


def _hand_rows(
    text: str, generated: list[Classified], data: SourceData, rules: Rules
) -> tuple[list[Classified], dict[str, tuple[str, ...]]]:
    """The hand-written people rows as holdings, each person matched to a QID where one fits."""
    by_name: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    by_country: dict[str, list[Holding]] = collections.defaultdict(list)
    for item in generated:
        person, country = item.holding.person, item.holding.country
        enwiki = data.people[person].enwiki if person in data.people else ""
        for label in (*data.labels.get(person, ()), enwiki):
            if label:
                by_name[(name_key(label), country)].add(person)
        by_country[country].append(item.holding)
    hand: list[Classified] = []
    names: dict[str, tuple[str, ...]] = {}
    for row in table_rows(text):
        item = _hand_row(row, rules)
        written = (row["name"], *split_cell(row["aliases"]))
        found = set().union(*(by_name.get((name_key(n), row["country"]), set()) for n in written))
        if not found:  # a spelling variant of someone in office in that country at the same time
            found = _in_office_then(written, item.holding, by_country[row["country"]], data)
        person = next(iter(found)) if len(found) == 1 else "comity:" + name_key(row["name"]).replace(" ", "-")
        names[person] = tuple(dict.fromkeys(names.get(person, ()) + written))
        hand.append(replace(item, holding=replace(item.holding, person=person)))
    return hand, names


def _hand_row(row: dict[str, str], rules: Rules) -> Classified:
    end = ("", "open") if not row["end"] else (row["end"], "day")
    start = (row["start"], "day" if row["start"] else "")
    stint = Stint("", row["country"], row["country"], row["role"], *start, *end, HAND)
    item = next(iter(classify([stint], rules, names_country)), None)
    if item is None:  # a hand-written row is never left out; an unclassified one is an official
        commit, licence = rules.sources[HAND].commit, rules.sources[HAND].licence
        holding = Holding(
            "", row["country"], "GOV", ("official",), row["role"], *start, *end, HAND, commit, licence
        )
        item = Classified(holding, ())
    return replace(item, holding=replace(item.holding, sector=row["sector"] or item.holding.sector))


def _in_office_then(
    written: Sequence[str], holding: Holding, others: list[Holding], data: SourceData
) -> set[str]:
    """People in office in ``holding``'s country over an overlapping period whose name is the written one
    give or take a word or a few letters ("Gilberto Teodoro" ~ "Gilbert Teodoro")."""
    keys = [name_key(n) for n in written]
    found = set()
    for other in others:
        if other.person in found or not _overlap(holding, other):
            continue
        labels = [name_key(label) for label in data.labels.get(other.person, ())]
        if any(_similar(a, b) for a in keys for b in labels):
            found.add(other.person)
    return found


def _overlap(a: Holding, b: Holding) -> bool:
    return lower_bound(a.start) < upper_bound(b.end, b.end_precision) and lower_bound(b.start) < upper_bound(
        a.end, a.end_precision
    )


def _similar(a: str, b: str) -> bool:
    words_a, words_b = set(a.split()), set(b.split())
    if len(words_a) >= 2 and len(words_b) >= 2 and (words_a <= words_b or words_b <= words_a):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR_NAMES


def _people(
    holdings: Iterable[Holding], data: SourceData, hand: dict[str, tuple[str, ...]]
) -> tuple[Person, ...]:
    people = []
    for person in sorted({h.person for h in holdings}):
        info = data.people.get(person)
        if info is None:
            people.append(Person(person, hand[person][0], "", HAND))
        else:
            people.append(Person(person, data.labels.get(person, (info.name,))[0], info.gender, info.source))
    return tuple(people)


def _aliases(
    final: list[Classified], people: Sequence[Person], data: SourceData, hand: dict[str, tuple[str, ...]],
    cia: Sequence[CiaEntry], rules: Rules,
) -> tuple[Alias, ...]:  # fmt: skip
    """Every person's aliases, with how many people share each key."""
    titles: dict[str, dict[tuple[str, str], None]] = collections.defaultdict(dict)
    countries: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for item in final:
        countries[item.holding.person][item.holding.country] += 1
        for title in item.titles:
            titles[item.holding.person][(title, item.holding.kinds[0])] = None
    cia_names = _match_cia(cia, final, data)
    rows: list[tuple[str, str, str, str, str, str]] = []
    for person in people:
        info = data.people.get(person.id)
        country = min(countries[person.id].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        facts = NameFacts(
            labels=data.labels.get(person.id, (person.name,)), gender=person.gender,
            enwiki=info.enwiki if info else "", country=country, titles=tuple(sorted(titles[person.id])),
            cia=cia_names.get(person.id, ""), hand=hand.get(person.id, ()),
        )  # fmt: skip
        for alias, form, kind in aliases_of(facts, rules):
            source = {"cia": "cia-2019", "hand": HAND}.get(form, person.source if info else HAND)
            rows.append((name_key(alias), alias, person.id, form, kind, source))
    shared = collections.Counter(key for key, _ in {(r[0], r[2]) for r in rows})
    return tuple(Alias(k, a, p, f, kind, shared[k], s) for k, a, p, f, kind, s in sorted(set(rows)))


def _match_cia(cia: Sequence[CiaEntry], final: list[Classified], data: SourceData) -> dict[str, str]:
    """CIA 2019 names matched to people in office in that country around mid-2019 (same words, any order)."""
    in_office: dict[tuple[str, frozenset[str]], set[str]] = collections.defaultdict(set)
    for item in final:
        holding = item.holding
        if holding.valid_on(CIA_DATE) or holding.valid_on("2019-01-01") or holding.valid_on("2019-12-31"):
            for label in data.labels.get(holding.person, ()):
                in_office[(holding.country, frozenset(name_key(label).split()))].add(holding.person)
    matched: dict[str, str] = {}
    for entry in cia:
        found = in_office.get((entry.iso3, frozenset(name_key(entry.name).split())), set())
        if len(found) == 1:
            matched.setdefault(next(iter(found)), entry.name)
    return matched


def _tsv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A header and the rows as lines sorted as strings (tabs and line breaks in cells become spaces)."""
    lines = sorted({"\t".join(" ".join(str(v).split()) for v in row) for row in rows})
    return ("\n".join(["\t".join(header), *lines]) + "\n").encode("utf-8")


def licence_notice(sources: Sequence[SourceInfo]) -> str:
    """The LICENSE.txt of a compiled file: the licence of the whole and every source's attribution."""
    noncommercial = any(s.licence == "CC-BY-NC-4.0" for s in sources)
    head = (
        "This compiled knowledge base is licensed CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/)\n"
        'because it contains data from Peppercat: attribution "Peppercat / Tony Bowden, peppercat.org"; the\n'
        "facts are Wikidata statements (CC0). Commercial use needs separate licensing from Peppercat.\n"
        if noncommercial
        else "This compiled knowledge base contains no CC BY-NC data: Wikidata statements (CC0), public-domain\n"
        "and MIT rows only.\n"
    )
    lines = [f"- {s.id}: {s.licence}; {s.attribution}; commit {s.commit}" for s in sources]
    return (
        head
        + "The code that built it (comity) is MIT. Sources, each row's licence in its own column:\n"
        + "\n".join(lines)
        + "\n"
    )


def write_world_kb(result: BuildResult, out: Path) -> None:
    """Write the zip: fixed member order and timestamps, so equal inputs give equal bytes."""
    tables: dict[str, list[tuple[object, ...]]] = {
        "sources.tsv": [
            (s.id, s.path, s.commit, s.licence, s.snapshot, s.attribution) for s in result.sources
        ],
        "people.tsv": [(p.id, p.name, p.gender, p.source) for p in result.people],
        "holdings.tsv": [
            (
                h.country,
                h.person,
                h.sector,
                "|".join(h.kinds),
                h.role,
                h.start,
                h.start_precision,
                h.end,
                h.end_precision,
                h.source,
                h.commit,
                h.licence,
            )
            for h in result.holdings
        ],
        "aliases.tsv": [
            (a.key, a.alias, a.person, a.form, a.kind, a.people, a.source) for a in result.aliases
        ],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        _member(archive, "LICENSE.txt", licence_notice(result.sources).encode("utf-8"))
        for member, rows in tables.items():
            _member(archive, member, _tsv(TABLES[member], rows))


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=9)
