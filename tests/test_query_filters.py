from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from comity.query import EventFilter, EventQuery, Page, events, find_events
from comity.query.filters import event_where, like_pattern
from comity.records import ActorRef, Article, DocumentResult, Event, Fact, Mention, TextSpan
from comity.store.base import Store
from comity.store.dialect import DUCKDB
from comity.store.duckdb import DuckDBStore


@dataclass
class _OnlyType:
    type: str


def test_query_filters_missing_fields_are_unset() -> None:
    where, params = event_where(_OnlyType("consult"), DUCKDB)
    assert "e.type IN (?)" in where and params == ["CONSULT"]
    assert "near_duplicate_of IS NULL" in where


def test_query_filters_several_types_are_ored_and_excluded_types_bound() -> None:
    where, params = event_where(EventFilter(type=("CONSULT", "agree"), exclude_type="STATEMENT"), DUCKDB)
    assert "e.type IN (?, ?)" in where and "e.type NOT IN (?)" in where
    assert params == ["CONSULT", "AGREE", "STATEMENT"]


@pytest.mark.parametrize("value", ["2023-13", "2023-02-30", "2023-1", "23", "2023-12-01T00"])
def test_query_filters_dates_must_be_real(value: str) -> None:
    from comity.errors import QueryError
    from comity.query.filters import check_date

    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        check_date("since", value)
    check_date("since", "2024-02-29")


def test_query_filters_values_are_bound_never_formatted() -> None:
    hostile = "CHN'); DROP TABLE events; --"
    where, params = event_where(EventFilter(type=hostile, since="2023", until="2023-12"), DUCKDB)
    assert hostile not in where and hostile.upper() in params
    assert params[-2:] == [7, "2023-12"]  # "until 2023-12" compares the date's 7-character prefix


@pytest.mark.parametrize(("text", "pattern"), [("50%", "%50\\%%"), ("a_b", "%a\\_b%")])
def test_query_filters_like_pattern_is_literal(text: str, pattern: str) -> None:
    assert like_pattern(text) == pattern


# -- every filter on both stores -----------------------------------------------------------------
# Hand-written articles: a China-Vietnam meeting, a Philippine accusation with a quoted actor
# name, a hypothetical US-Vietnam deal without a date, and a near-duplicate of the meeting.
def _event(doc: Article, n: int, kind: str, source: ActorRef, target: ActorRef, **fields: Any) -> Event:
    trigger = fields.pop("trigger", "met")
    return Event(
        id=f"{doc.id}-e{n}",
        doc_id=doc.id,
        doc=doc.name,
        type=kind,
        cameo=None,
        mode=None,
        goldstein=1.0,
        source=(source,),
        target=(target,),
        evidence=TextSpan(0, len(doc.text), doc.text),
        trigger=trigger,
        **fields,
    )


def _documents() -> list[DocumentResult]:
    wang = ActorRef("Wang Yi", "Wang Yi", "CHN", "GOV", "CHNGOV")
    trong = ActorRef("Nguyen Phu Trong", "Nguyen Phu Trong", "VNM", "PTY", "VNMPTY")
    guard = ActorRef('the "Sea" Guard', None, "PHL", "MIL", "PHLMIL")
    china = ActorRef("China", "China", "CHN", None, "CHN")
    vietnam = ActorRef("Vietnam", "Vietnam", "VNM", None, "VNM")
    usa = ActorRef("the United States", "United States", "USA", None, "USA")
    meeting = Article("d1", "d1.txt", "Wang Yi met Nguyen Phu Trong in Hanoi.", "text", "Talks", "2023-12-01")
    accusation = Article(
        "d2", "d2.txt", 'The "Sea" Guard accused China of 50% more patrols.', "text", "Patrols", "2024-03-15"
    )
    deal = Article(
        "d3", "d3.txt", "Vietnam may sign a deal with the United States.", "text", None, "2024-08-02"
    )
    copy = Article(
        "d4",
        "d4.txt",
        "Wang Yi met Nguyen Phu Trong in Hanoi today.",
        "text",
        "Talks",
        "2023-12-02",
        near_duplicate_of="d1",
    )
    raid = Article("d5", "d5.txt", "Gunmen attacked a Vietnamese convoy.", "text", "Raid", "2024-05-10")
    gunmen = ActorRef("Gunmen", sector="REB")  # a side the KB cannot code
    span = TextSpan(0, 11, meeting.text[:11])
    return [
        DocumentResult(
            meeting,
            mentions=(
                Mention("d1", 0, 7, "Wang Yi", "PERSON", 0, "Wang Yi", "CHN", "GOV", "CHNGOV"),
                Mention("d1", 12, 28, "Nguyen Phu Trong", "PERSON", 0, "Nguyen Phu Trong", "VNM", "PTY"),
                Mention("d1", 32, 37, "Hanoi", "GPE", 0, country="VNM", flags=("metonymy",)),
            ),
            events=(_event(meeting, 0, "CONSULT", wang, trong, date="2023-12-01"),),
            facts=(
                Fact(
                    "d1-f0",
                    "d1",
                    "CHN-VNM",
                    "relationship_status",
                    "partners",
                    None,
                    span,
                    period="since 2023",
                ),
                Fact("d1-f1", "d1", "CHN-VNM", "trade_volume", 1.5, "USD bn", span, period="2023"),
            ),
        ),
        DocumentResult(
            accusation,
            events=(_event(accusation, 0, "ACCUSE", guard, china, date="2024-03", trigger="accused"),),
        ),
        DocumentResult(
            deal, events=(_event(deal, 0, "AGREE", vietnam, usa, modality="hypothetical", trigger="sign"),)
        ),
        DocumentResult(copy, events=(_event(copy, 0, "CONSULT", wang, trong, date="2023-12-02"),)),
        DocumentResult(raid, events=(_event(raid, 0, "ASSAULT", gunmen, vietnam, date="2024-05"),)),
    ]


@pytest.fixture(scope="module")
def duckdb_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with DuckDBStore(str(tmp_path_factory.mktemp("filters") / "filters.duckdb")) as store:
        store.migrate()
        store.write_batch(_documents(), [], run_id="r1")
        yield store


@pytest.fixture(scope="module")
def postgres_store(pg_module_url: str) -> Iterator[Store]:
    from comity.store.postgres import PostgresStore

    with PostgresStore(pg_module_url) as store:
        store.migrate()
        store.write_batch(_documents(), [], run_id="r1")
        yield store


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest) -> Store:
    """The same articles in each backend; the PostgreSQL cases skip when no server can be started."""
    found: Store = request.getfixturevalue(f"{request.param}_store")
    return found


ACTOR_CASES = [
    ("vnm", ["d1-e0", "d3-e0"]),  # a country, whatever its case
    ("VNMPTY", ["d1-e0"]),  # a code
    ("nguyen phu trong", ["d1-e0"]),  # a canonical name
    ("the United States", ["d3-e0"]),  # the text as written
    ("United States", ["d3-e0"]),
    ('the "Sea" Guard', ["d2-e0"]),  # quotes, escaped in the stored JSON
    ("  CHN ", ["d1-e0", "d2-e0"]),  # either side; surrounding spaces ignored
    ("Sea", []),  # whole values only, not substrings
    ("GOV", []),  # the sector is not matched
]


@pytest.mark.parametrize(("actor", "expected"), ACTOR_CASES)
def test_query_filters_actor_matches_any_participant_field(
    store: Store, actor: str, expected: list[str]
) -> None:
    assert _ids(find_events(store, EventQuery(actor=actor))) == expected


FILTER_CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({}, ["d1-e0", "d2-e0", "d3-e0"]),
    ({"include_duplicates": True}, ["d1-e0", "d4-e0", "d2-e0", "d3-e0"]),
    ({"include_uncoded": True}, ["d1-e0", "d2-e0", "d5-e0", "d3-e0"]),  # a side the KB cannot code
    ({"include_uncoded": True, "type": "ASSAULT"}, ["d5-e0"]),
    ({"type": "ASSAULT"}, []),
    ({"dyad": ("VNM", "CHN")}, ["d1-e0"]),
    ({"type": ("consult", "AGREE")}, ["d1-e0", "d3-e0"]),
    ({"exclude_type": "CONSULT"}, ["d2-e0", "d3-e0"]),
    ({"modality": "hypothetical"}, ["d3-e0"]),
    ({"modality": "claimed"}, []),  # a known modality (a speaker's claim), none stored here
    ({"since": "2024-03"}, ["d2-e0", "d3-e0"]),  # d3 has no date: its article's counts
    ({"until": "2024-03"}, ["d1-e0", "d2-e0"]),  # the whole month of March
    ({"since": "2024-08-02", "until": "2024-08-02"}, ["d3-e0"]),
    ({"q": "50%"}, ["d2-e0"]),  # literal, not a pattern
    ({"q": "talks"}, ["d1-e0"]),  # the title, case-insensitively
    ({"q": "SIGN"}, ["d3-e0"]),  # the trigger
    ({"doc_id": "d4", "include_duplicates": True}, ["d4-e0"]),
    ({"actor": "CHN", "type": "ACCUSE"}, ["d2-e0"]),
]


@pytest.mark.parametrize(("fields", "expected"), FILTER_CASES)
def test_query_filters_find_events_on_both_stores(
    store: Store, fields: dict[str, Any], expected: list[str]
) -> None:
    assert _ids(find_events(store, EventQuery(**fields))) == expected


@pytest.mark.parametrize(
    ("fields", "expected"), [(f, ids) for f, ids in FILTER_CASES if not {"actor", "q"} & set(f)]
)
def test_query_filters_events_listing_on_both_stores(
    store: Store, fields: dict[str, Any], expected: list[str]
) -> None:
    assert [e["id"] for e in events(store, EventFilter(**fields))] == expected


def test_query_filters_actor_gives_the_same_rows_on_duckdb_and_postgres(
    duckdb_store: Store, postgres_store: Store
) -> None:
    for actor, _ in ACTOR_CASES:
        query = EventQuery(actor=actor, include_duplicates=True)
        duck, pg = find_events(duckdb_store, query), find_events(postgres_store, query)
        assert pg.as_dict() == duck.as_dict(), actor
    assert find_events(duckdb_store, EventQuery(actor="vnm")).total == 2


def _ids(page: Page) -> list[str]:
    assert page.total == len(page.items)
    return [e["id"] for e in page.items]


def test_query_every_read_gives_the_same_answer_on_duckdb_and_postgres(
    duckdb_store: Store, postgres_store: Store
) -> None:
    from comity import query

    dyad = ("CHN", "VNM")
    reads: dict[str, Any] = {
        "actor_profile": lambda s: query.actor_profile(s, "Wang Yi"),
        "all_facts": lambda s: query.all_facts(s, dyad=dyad),
        "cluster_reports": lambda s: query.cluster_reports(s, "d1-e0"),
        "documents": query.documents,
        "dyad_events": lambda s: query.dyad_events(s, dyad, include_unrealised=True),
        "dyad_facts": lambda s: query.dyad_facts(s, dyad),
        "dyad_series": lambda s: query.dyad_series(s, dyad, since="2023"),
        "dyad_timeline": lambda s: query.dyad_timeline(s, dyad),
        "dyads": query.dyads,
        "entities": query.entities,
        "find_facts": lambda s: query.find_facts(s, since="2023", until="2024").as_dict(),
        "get_document": lambda s: query.get_document(s, "d2"),
        "get_event": lambda s: query.get_event(s, "d3-e0"),
        "list_actors": lambda s: query.list_actors(s, q="a").as_dict(),
        "list_documents": lambda s: query.list_documents(s, q="%").as_dict(),
        "list_rejections": lambda s: query.list_rejections(s).as_dict(),
        "status_ladder": lambda s: query.status_ladder(s, dyad),
        "summary": query.summary,
        "timeline": lambda s: query.timeline(s, dyad),
    }
    for name, read in reads.items():
        assert read(postgres_store) == read(duckdb_store), name


_CODED = ActorRef("China", "China", "CHN", None, "CHN")
_ORGANISATION = ActorRef("ASEAN", "ASEAN", None, None, "IGOSEAASN")  # a code without a country
_PERSON = ActorRef("Mr Tran", "Tran", "VNM")  # a country without a code
_UNKNOWN = ActorRef("gunmen", sector="REB")

DYADIC_CASES = [
    ((_CODED,), (_PERSON,), True),
    ((_ORGANISATION,), (_CODED,), True),
    ((_UNKNOWN, _CODED), (_CODED,), True),  # one coded actor on a side is enough
    ((_UNKNOWN,), (_CODED,), False),
    ((_CODED,), (), False),  # no target
    ((), (_CODED,), False),
]


@pytest.mark.parametrize(("source", "target", "dyadic"), DYADIC_CASES)
def test_event_is_dyadic_only_when_both_sides_are_coded(
    source: tuple[ActorRef, ...], target: tuple[ActorRef, ...], dyadic: bool
) -> None:
    event = Event(
        "e", "d", "d.txt", "CONSULT", None, None, None, source, target, TextSpan(0, 5, "Text."), "met"
    )
    assert event.dyadic is dyadic
