"""Read endpoints. Handlers are thin: parse parameters, call ``comity.query``, return its rows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from comity import query
from comity.api.errors import ApiError
from comity.api.state import ApiState, get_state
from comity.query.browse import MAX_LIMIT
from comity.resolve.marks import mark_facts

router = APIRouter(prefix="/api")

State = Annotated[ApiState, Depends(get_state)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
DyadParam = Annotated[str, Query(max_length=20, description="Two ISO3 codes, e.g. CHN-VNM.")]
OptionalDyad = Annotated[str | None, Query(max_length=20, description="Two ISO3 codes, e.g. CHN-VNM.")]
DateParam = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")]


@router.get("/summary")
def summary(state: State) -> dict[str, Any]:
    """Counts: documents, events by type, top dyads, rejections."""
    return state.read(query.summary, state.store)


@router.get("/dyads")
def dyads(state: State, limit: Limit = 20) -> list[dict[str, Any]]:
    """Country pairs with events between them, most events first."""
    return state.read(query.dyads, state.store, limit=limit)


@router.get("/documents")
def documents(state: State, limit: Limit = 50, offset: Offset = 0, q: Text = None) -> dict[str, Any]:
    """Stored documents with their event counts, one page at a time."""
    return state.read(query.list_documents, state.store, limit=limit, offset=offset, q=q).as_dict()


@router.get("/documents/{doc_id}")
def document(state: State, doc_id: str) -> dict[str, Any]:
    """A document's text with its boilerplate spans and the evidence spans of its events."""
    found = state.read(query.get_document, state.store, doc_id)
    if found is None:
        raise ApiError(404, f"no document with id {doc_id!r}")
    return found


@router.get("/events")
def events(
    state: State,
    dyad: OptionalDyad = None,
    actor: Text = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER type.")] = None,
    modality: Annotated[str | None, Query(max_length=20)] = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text to find in the evidence.")] = None,
    doc_id: Text = None,
    include_duplicates: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events matching the filters, oldest first, with their evidence."""
    flt = query.EventQuery(
        dyad=query.parse_dyad(dyad) if dyad else None,
        actor=actor or None,
        type=type or None,
        modality=modality or None,
        since=since or None,
        until=until or None,
        q=q or None,
        doc_id=doc_id or None,
        include_duplicates=include_duplicates,
        limit=limit,
        offset=offset,
    )
    return state.read(query.find_events, state.store, flt).as_dict()


@router.get("/events/{event_id}")
def event(state: State, event_id: str) -> dict[str, Any]:
    """One event with its evidence span and its article's title."""
    found = state.read(query.get_event, state.store, event_id)
    if found is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    return found


@router.get("/events/{event_id}/reports")
def event_reports(state: State, event_id: str) -> dict[str, Any]:
    """Every report of the event's cluster (the same real-world event across articles)."""
    found = state.read(query.cluster_reports, state.store, event_id)
    if found is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    return {"event_id": event_id, "cluster_id": found[0]["cluster_id"] or event_id, "items": found}


@router.get("/facts")
def facts(
    state: State,
    dyad: OptionalDyad = None,
    measure: Annotated[str | None, Query(max_length=40, description="e.g. trade_volume.")] = None,
    since: DateParam = None,
    until: DateParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Facts by measure and period with corroboration (✓) and conflict (⚠) marks and their evidence."""
    page = state.read(
        query.find_facts,
        state.store,
        dyad=query.parse_dyad(dyad) if dyad else None,
        measure=measure or None,
        since=since or None,
        until=until or None,
        limit=limit,
        offset=offset,
        marker=mark_facts,
    )
    return page.as_dict()


@router.get("/actors/{name}")
def actor(state: State, name: str) -> dict[str, Any]:
    """An actor: roles over time (from the knowledge base), counterparts and events."""
    from comity.extract.actors import load_kb

    found = state.read(query.actor_profile, state.store, name, load_kb())
    if found is None:
        raise ApiError(404, f"no actor named {name!r}")
    return found


@router.get("/actors")
def actors(
    state: State,
    limit: Limit = 50,
    offset: Offset = 0,
    country: Annotated[str | None, Query(max_length=3)] = None,
    q: Text = None,
) -> dict[str, Any]:
    """Actors recognised in the articles (entity mentions outside boilerplate), most mentioned first."""
    page = state.read(query.list_actors, state.store, limit=limit, offset=offset, country=country, q=q)
    return page.as_dict()


@router.get("/timeline")
def timeline(state: State, dyad: DyadParam, since: DateParam = None) -> dict[str, Any]:
    """Consolidated events of the dyad (one per cluster, with its sources) and the status ladder."""
    return state.read(query.dyad_timeline, state.store, query.parse_dyad(dyad), since=since or None)


@router.get("/series")
def series(
    state: State,
    dyad: DyadParam,
    freq: Annotated[str, Query(max_length=10, description="day, month, quarter or year.")] = "month",
) -> dict[str, Any]:
    """Cooperation–conflict series: events and mean Goldstein score per period."""
    return state.read(query.series, state.store, query.parse_dyad(dyad), freq=freq)


@router.get("/rejections")
def rejections(state: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Inputs that could not be processed, and why."""
    return state.read(query.list_rejections, state.store, limit=limit, offset=offset).as_dict()
