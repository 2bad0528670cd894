"""The people table of the actor KB: coverage of the top offices since 2000, consistency, and
dated resolution of leaders through the public API (no spaCy)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from importlib import resources

import pytest

from comity.extract.actors.kb import load_kb, normalize, resolve_name

TODAY = "2026-11-24"
START = "2000-01-01"
#: A gap between holders longer than this is an error unless listed below.
MAX_GAP_DAYS = 7
SECTORS = {"GOV", "MIL", "PTY", "LEG", "EDU", "MED", "BUS", "CVL", "IGO"}

#: Office families: how the `role` text of a holder begins (lower case). A row counts for a
#: family of its own country when its role starts with one of these.
FAMILIES: dict[str, tuple[str, ...]] = {
    "head of state": (
        "president of the people's republic of china",
        "president of vietnam",
        "acting president of vietnam",
        "president of the united states",
        "emperor of japan",
        "president of russia",
        "acting president of russia",
        "president of the philippines",
        "sultan of brunei",
        "king of cambodia",
        "president of indonesia",
        "president of laos",
        "yang di-pertuan agong",
        "chairman of the state peace and development council",
        "president of myanmar",
        "acting president of myanmar",
        "president of singapore",
        "acting president of singapore",
        "king of thailand",
        "president of timor-leste",
    ),
    "head of government": (
        "premier of the state council",
        "prime minister of",
        "acting prime minister of",
        "president of the united states",
        "president of the philippines",
        "president of indonesia",
        "president of myanmar",  # head of state and government under the 2008 constitution
        "chairman of the state administration council",
        "leader of the council for democratic reform",
    ),
    "party leader": (
        "general secretary of the cpc",
        "general secretary of the cpv",
        "general secretary of the lprp",
        "president of the cambodian people's party",
    ),
    "foreign minister": (
        "minister of foreign affairs",
        "minister for foreign affairs",
        "secretary of state",
        "acting secretary of state",
        "secretary of foreign affairs",
        "acting secretary of foreign affairs",
    ),
    "defence minister": (
        "minister of national defen",
        "minister of defen",
        "minister for defen",
        "director general of the japan defense agency",
        "secretary of defense",
        "acting secretary of defense",
        "secretary of national defense",
        "officer-in-charge of the department of national defense",
    ),
    "legislature chair": (
        "chairman of the npc standing committee",
        "chairman of the national assembly of vietnam",
    ),
    "vice president": (
        "vice president of the people's republic of china",
        "vice president of the united states",
    ),
}
_BASE = ("head of state", "head of government", "foreign minister", "defence minister")
#: Which families must be covered, per country.
REQUIRED: dict[str, tuple[str, ...]] = {
    "CHN": (*_BASE, "party leader", "legislature chair", "vice president"),
    "VNM": (*_BASE, "party leader", "legislature chair"),
    "USA": (*_BASE, "vice president"),
    "LAO": (*_BASE, "party leader"),
    "KHM": (*_BASE, "party leader"),
    **{iso: _BASE for iso in ("JPN", "RUS", "PHL", "BRN", "IDN", "MYS", "MMR", "SGP", "THA", "TLS")},
}
#: Coverage starts later where the state did: Timor-Leste became independent on 2002-05-20.
COVERAGE_START = {"TLS": "2002-05-20"}

#: Real vacancies and caretaker periods longer than MAX_GAP_DAYS (country, family, from, to).
CARETAKER_GAPS: list[tuple[str, str, str, str]] = [
    # Li Shangfu removed 2023-10-24; Dong Jun appointed 2023-12-29.
    ("CHN", "defence minister", "2023-10-24", "2023-12-29"),
    # Nguyen Phu Trong died 2024-07-19; To Lam ran the Politburo's work until elected 2024-08-03.
    ("VNM", "party leader", "2024-07-19", "2024-08-03"),
    # Vuong Dinh Hue's resignation approved 2024-05-02; Tran Thanh Man elected 2024-05-20.
    ("VNM", "legislature chair", "2024-05-02", "2024-05-20"),
    # Chea Sim died 2015-06-08; Hun Sen elected CPP president 2015-06-20.
    ("KHM", "party leader", "2015-06-08", "2015-06-20"),
    # Muhammad V abdicated 2019-01-06; the Deputy (Sultan Nazrin Shah) acted until 2019-01-31.
    ("MYS", "head of state", "2019-01-06", "2019-01-31"),
    # Malaysian cabinets formed days or weeks after a change of government.
    ("MYS", "foreign minister", "2018-05-10", "2018-07-02"),
    ("MYS", "foreign minister", "2020-02-24", "2020-03-10"),
    ("MYS", "foreign minister", "2021-08-16", "2021-08-30"),
    ("MYS", "foreign minister", "2022-11-24", "2022-12-03"),
    ("MYS", "defence minister", "2018-05-10", "2018-05-21"),
    ("MYS", "defence minister", "2020-02-24", "2020-03-10"),
    ("MYS", "defence minister", "2021-08-16", "2021-08-30"),
    ("MYS", "defence minister", "2022-11-24", "2022-12-03"),
    # Htin Kyaw resigned 2018-03-21; Vice President Myint Swe acted until Win Myint took office.
    ("MMR", "head of government", "2018-03-21", "2018-03-30"),
    # The 2006 coup (2006-09-19) removed the cabinet; Surayud's ministers were appointed 2006-10-08.
    ("THA", "foreign minister", "2006-09-19", "2006-10-08"),
    ("THA", "defence minister", "2006-09-19", "2006-10-08"),
    # Noppadon resigned 2008-07-14; the post was left vacant until Tej Bunnag's appointment.
    ("THA", "foreign minister", "2008-07-14", "2008-07-26"),
    # Paetongtarn removed 2025-08-29; a caretaker acting PM served until Anutin's endorsement.
    ("THA", "head of government", "2025-08-29", "2025-09-07"),
    # The 2025-07-01 reshuffle left the defence post vacant (Deputy Minister Nattaphon acting)
    # until the Anutin cabinet was endorsed on 2025-09-19.
    ("THA", "defence minister", "2025-07-01", "2025-09-19"),
    # Alkatiri resigned 2006-06-26; Ramos-Horta sworn in 2006-07-10.
    ("TLS", "head of government", "2006-06-26", "2006-07-10"),
    # The V Government took office 2012-08-08 without a defence minister (the nominee was refused);
    # Gusmao was sworn in to the portfolio on 2012-10-22.
    ("TLS", "defence minister", "2012-08-08", "2012-10-22"),
    # The VIII Government took office 2018-06-22 without its defence minister; Filomeno Paixao was
    # appointed 2018-07-09.
    ("TLS", "defence minister", "2018-06-22", "2018-07-09"),
]
#: Holders left out because their dates could not be confirmed from public record (see the
#: report in data/README.md); remove an entry when the rows are added.
NOT_RECORDED: list[tuple[str, str, str, str]] = [
    # Between Siazon's exit and Guingona's appointment; who held the office is not recorded.
    ("PHL", "foreign minister", "2001-01-20", "2001-02-09"),
    # After Ople's death; Undersecretary Ebdalin's acting term is not confirmed.
    ("PHL", "foreign minister", "2003-12-14", "2003-12-22"),
    # Agum Gumelar's few days in July 2001, then no minister until Megawati's cabinet: unconfirmed.
    ("IDN", "defence minister", "2001-07-20", "2001-08-09"),
    # Lao defence ministers before Douangchay (appointed 2002-12-19) and Sengnouan Xayalath
    # (2014 to 2016; appointment date not confirmed) are not recorded.
    ("LAO", "defence minister", START, "2002-12-19"),
    ("LAO", "defence minister", "2014-05-17", "2016-04-20"),
    # Wai Lwin (from September 2012) and Sein Win (from 2015): the changeover date is not recorded.
    ("MMR", "defence minister", "2012-09-01", "2016-03-30"),
    # Wikipedia ends Chuan's defence portfolio on 2001-02-05; Thaksin's cabinet took office 02-17.
    ("THA", "defence minister", "2001-02-05", "2001-02-17"),
    # After Samak's removal (2008-09-09), who acted as defence minister is not recorded.
    ("THA", "defence minister", "2008-09-09", "2008-09-24"),
    # After the court dissolved the ruling party (2008-12-02): caretaker ministers not confirmed.
    ("THA", "foreign minister", "2008-12-02", "2008-12-20"),
    ("THA", "defence minister", "2008-12-02", "2008-12-20"),
    # Surapong and Yingluck removed 2014-05-07: acting ministers not recorded; from 2014-05-22
    # the NCPO ruled without a cabinet until 2014-08-30.
    ("THA", "foreign minister", "2014-05-07", "2014-08-30"),
    ("THA", "defence minister", "2014-05-07", "2014-08-30"),
    # Who held defence in the III Government (from 2007-05-19) and in the IV Government until
    # Gusmao was sworn in to the portfolio on 2007-08-30 is not recorded.
    ("TLS", "defence minister", "2007-05-19", "2007-08-30"),
]
#: Different people whose terms in one family overlap on purpose (country, family, a, b).
OVERLAPS_ALLOWED: set[tuple[str, str, str, str]] = set()
#: Aliases deliberately shared by two people (none so far).
SHARED_ALIASES: set[str] = set()

Row = dict[str, str]


def _people_rows() -> list[Row]:
    text = (resources.files("comity.extract.actors") / "data" / "people.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


ROWS = _people_rows()


def _family_rows(rows: list[Row], country: str, family: str) -> list[Row]:
    prefixes = FAMILIES[family]
    return [r for r in rows if r["country"] == country and r["role"].lower().startswith(prefixes)]


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def coverage_gaps(rows: list[Row], country: str, family: str) -> list[tuple[str, str]]:
    """Uncovered stretches (from, to) of the family's window longer than MAX_GAP_DAYS."""
    first, last = COVERAGE_START.get(country, START), TODAY
    spans = sorted(
        (max(r["start"] or first, first), min(r["end"] or last, last))
        for r in _family_rows(rows, country, family)
    )
    gaps: list[tuple[str, str]] = []
    cursor = first
    for a, b in spans:
        if a > cursor and _days(cursor, a) > MAX_GAP_DAYS:
            gaps.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < last and _days(cursor, last) > MAX_GAP_DAYS:
        gaps.append((cursor, last))
    return gaps


def _excused(country: str, family: str, gap: tuple[str, str]) -> tuple[str, str, str, str] | None:
    return next(
        (
            e
            for e in (*CARETAKER_GAPS, *NOT_RECORDED)
            if e[:2] == (country, family) and e[2] <= gap[0] and gap[1] <= e[3]
        ),
        None,
    )


CASES = [(iso, family) for iso, families in REQUIRED.items() for family in families]


@pytest.mark.parametrize(("country", "family"), CASES)
def test_every_required_office_is_covered_since_2000(country: str, family: str) -> None:
    unexplained = [g for g in coverage_gaps(ROWS, country, family) if _excused(country, family, g) is None]
    assert not unexplained, f"{country} {family}: holders missing for {unexplained}"


def test_every_listed_gap_is_still_a_gap() -> None:
    """An exception that no longer matches a gap (rows were added) must be removed from the list."""
    used = {_excused(iso, family, gap) for iso, family in CASES for gap in coverage_gaps(ROWS, iso, family)}
    stale = [e for e in (*CARETAKER_GAPS, *NOT_RECORDED) if e not in used]
    assert not stale


def test_coverage_check_detects_a_missing_holder() -> None:
    """Dropping one holder (Nguyen Tan Dung, PM 2006-2016) must open an unexplained gap."""
    rows = [
        r for r in ROWS if not (r["name"] == "Nguyen Tan Dung" and r["role"].startswith("Prime Minister"))
    ]
    assert coverage_gaps(rows, "VNM", "head of government") == [("2006-06-27", "2016-04-07")]
    assert coverage_gaps(ROWS, "VNM", "head of government") == []


def test_no_overlapping_holders_of_one_office() -> None:
    clashes = []
    for iso, family in CASES:
        spans = sorted(
            (r["start"] or "0000-01-01", r["end"] or "9999-12-31", r["name"])
            for r in _family_rows(ROWS, iso, family)
        )
        for i, (a1, b1, n1) in enumerate(spans):
            for a2, b2, n2 in spans[i + 1 :]:
                if n1 != n2 and a2 < b1 and a1 < b2:
                    clash = (iso, family, n1, n2)
                    if (iso, family, max(a1, a2), min(b1, b2)) not in OVERLAPS_ALLOWED:
                        clashes.append(clash)
    assert not clashes


def test_rows_are_well_formed() -> None:
    countries = {e.country for e in load_kb().all_entries() if e.kind == "country"}
    for row in ROWS:
        assert row["name"].strip() == row["name"] and row["name"], row
        assert row["country"] in countries or row["country"] == "", row
        assert row["sector"] in SECTORS or row["sector"] == "", row
        assert row["source"].strip(), row
        for key in ("start", "end"):
            if row[key]:
                assert date.fromisoformat(row[key]).isoformat() == row[key], row
        if row["start"] and row["end"]:
            assert row["start"] < row["end"], row
        if row["end"]:
            assert row["end"] <= TODAY, row


def test_each_person_has_one_country() -> None:
    countries: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        countries[row["name"]].add(row["country"])
    assert {n: c for n, c in countries.items() if len(c) > 1} == {}


def test_no_alias_names_two_people() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        for alias in [row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]:
            owners[normalize(alias).lower()].add(row["name"])
    shared = {a: names for a, names in owners.items() if len(names) > 1 and a not in SHARED_ALIASES}
    assert shared == {}


def test_every_name_and_alias_finds_its_person() -> None:
    """No person name or alias is shadowed by a country, organisation or another person."""
    kb = load_kb()
    lost = []
    for row in ROWS:
        for alias in [row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]:
            found = kb.entries(alias)
            if not found or found[0].kind != "person" or found[0].name != row["name"]:
                lost.append((alias, row["name"]))
    assert lost == []


def test_each_dated_role_is_found_at_its_start() -> None:
    """On the first day of every dated role the person resolves to that country, with a sector."""
    kb = load_kb()
    for row in ROWS:
        if not row["start"] or not row["sector"]:
            continue
        ref = kb.lookup(row["name"], date=row["start"])
        assert ref is not None and ref.country == row["country"] and ref.sector is not None, row


@pytest.mark.parametrize(
    ("text", "day", "name"),
    [
        ("the Japanese Prime Minister", "2005-06-01", "Junichiro Koizumi"),
        ("the Japanese Prime Minister", "2010-01-01", "Yukio Hatoyama"),
        ("Chinese President", "2005-01-01", "Hu Jintao"),
        ("Chinese Premier", "2008-01-01", "Wen Jiabao"),
        ("Vietnamese party chief", "2005-01-01", "Nong Duc Manh"),
        ("the Vietnamese Prime Minister", "2010-01-01", "Nguyen Tan Dung"),
        ("Russian President", "2010-01-01", "Dmitry Medvedev"),
        ("Russian President", "2015-01-01", "Vladimir Putin"),
        ("Indonesian President", "2003-01-01", "Megawati Sukarnoputri"),
        ("Thai Prime Minister", "2012-06-01", "Yingluck Shinawatra"),
        ("Malaysian Prime Minister", "2019-01-01", "Mahathir Mohamad"),
        ("Cambodian Prime Minister", "2020-01-01", "Hun Sen"),
        ("Philippine President", "2005-01-01", "Gloria Macapagal Arroyo"),
        ("US Secretary of State", "2006-01-01", "Condoleezza Rice"),
        ("Chinese Defence Minister", "2015-01-01", "Chang Wanquan"),
    ],
)
def test_office_holders_of_earlier_years(text: str, day: str, name: str) -> None:
    found = resolve_name(text, load_kb(), date=day)
    assert found.resolution == "role" and found.ref is not None and found.ref.name == name


@pytest.mark.parametrize(
    ("text", "day", "name", "sector"),
    [
        ("Putin", "2010-06-01", "Vladimir Putin", "GOV"),  # Prime Minister 2008-2012
        ("Hun Sen", "2020-01-01", "Hun Sen", "GOV"),  # Prime Minister until 2023-08-22
        ("Hun Sen", "2024-01-01", "Hun Sen", "PTY"),  # then CPP president
        ("Nguyen Tan Dung", "2010-01-01", "Nguyen Tan Dung", "GOV"),
        ("Nguyen Tan Dung", "2020-01-01", "Nguyen Tan Dung", None),  # out of office: country only
        ("Jokowi", "2016-01-01", "Joko Widodo", "GOV"),
        ("Mahathir", "2010-01-01", "Mahathir Mohamad", None),  # between his two terms
    ],
)
def test_named_leaders_get_the_role_valid_then(text: str, day: str, name: str, sector: str | None) -> None:
    ref = resolve_name(text, load_kb(), date=day).ref
    assert ref is not None and (ref.name, ref.sector) == (name, sector)


def test_every_row_has_exactly_the_header_cells() -> None:
    """An unquoted comma in `source` would silently cut the note (and shift nothing else)."""
    assert [r["name"] for r in ROWS if None in r] == []
