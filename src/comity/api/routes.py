"""Read endpoints. Handlers are thin: parse parameters, call ``comity.query``, return its rows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from comity import query
from comity.api.errors import ApiError
from comity.api.state import ApiState, get_state
from comity.query.browse import MAX_LIMIT
from comity.query.names import named_event
from comity.query.relationship import PairFilter
from comity.resolve.marks import mark_facts
from comity.web import worldmap

router = APIRouter(prefix="/api")

State = Annotated[ApiState, Depends(get_state)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
DyadParam = Annotated[str, Query(max_length=20, description="Two ISO3 codes, e.g. CHN-VNM.")]
OptionalDyad = Annotated[str | None, Query(max_length=20, description="Two ISO3 codes, e.g. CHN-VNM.")]
DateParam = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
Types = Annotated[list[str] | None, Query(description="PLOVER type(s); repeat to allow several (OR-ed).")]
MAX_TYPES = 20


def _types(values: list[str] | None, name: str) -> tuple[str, ...] | None:
    """Repeated type parameters as a tuple; a bounded number of short values (they go into SQL IN)."""
    if not values:
        return None
    if len(values) > MAX_TYPES or any(len(v) > 40 for v in values):
        raise ApiError(422, f"invalid parameter {name!r}: at most {MAX_TYPES} types of 40 characters")
    return tuple(values)


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
    type: Types = None,
    exclude_type: Types = None,
    modality: Annotated[str | None, Query(max_length=20)] = None,
    since: DateParam = None,
    until: DateParam = None,
    q: Annotated[str | None, Query(max_length=200, description="Text to find in the evidence.")] = None,
    doc_id: Text = None,
    outlet: Text = None,
    include_duplicates: bool = False,
    include_uncoded: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events matching the filters, oldest first, with their evidence; each actor with its
    country's name and the office it held on the event's date (``country_name``, ``role``)."""
    flt = query.EventQuery(
        dyad=query.parse_dyad(dyad) if dyad else None,
        actor=actor or None,
        type=_types(type, "type"),
        exclude_type=_types(exclude_type, "exclude_type"),
        modality=modality or None,
        since=since or None,
        until=until or None,
        q=q or None,
        doc_id=doc_id or None,
        outlet=outlet or None,
        include_duplicates=include_duplicates,
        include_uncoded=include_uncoded,
        limit=limit,
        offset=offset,
    )
    page = state.read(query.find_events, state.store, flt).as_dict()
    return {**page, "items": [named_event(e, state.kb) for e in page["items"]]}


@router.get("/events/{event_id}")
def event(state: State, event_id: str) -> dict[str, Any]:
    """One event with its evidence span and its article's title."""
    found = state.read(query.get_event, state.store, event_id)
    if found is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    return named_event(found, state.kb)


@router.get("/events/{event_id}/reports")
def event_reports(state: State, event_id: str) -> dict[str, Any]:
    """Every report of the event's cluster (the same real-world event across articles)."""
    found = state.read(query.cluster_reports, state.store, event_id)
    if found is None:
        raise ApiError(404, f"no event with id {event_id!r}")
    items = [named_event(e, state.kb) for e in found]
    return {"event_id": event_id, "cluster_id": found[0]["cluster_id"] or event_id, "items": items}


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
    found = state.read(query.actor_profile, state.store, name, state.kb)
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


Modality = Annotated[str | None, Query(max_length=20, description="asserted, negated, future, ...")]
Outlet = Annotated[str | None, Query(max_length=200, description="Only articles of this outlet.")]


def _narrow(
    type: list[str] | None, modality: str | None, outlet: str | None, until: str | None
) -> PairFilter:
    return PairFilter(_types(type, "type") or (), modality or None, outlet or None, until or None)


@router.get("/timeline")
def timeline(
    state: State,
    dyad: DyadParam,
    since: DateParam = None,
    until: DateParam = None,
    type: Types = None,
    modality: Modality = None,
    outlet: Outlet = None,
) -> dict[str, Any]:
    """Consolidated events of the dyad (one per cluster, with its sources and its actors by name,
    role at the date and country) and the status ladder."""
    return state.read(
        query.dyad_timeline,
        state.store,
        query.parse_dyad(dyad),
        since=since or None,
        narrow=_narrow(type, modality, outlet, until),
        kb=state.kb,
    )


@router.get("/series")
def series(
    state: State,
    dyad: DyadParam,
    freq: Annotated[str, Query(max_length=10, description="day, month, quarter or year.")] = "month",
    since: DateParam = None,
    until: DateParam = None,
    type: Types = None,
    modality: Modality = None,
    outlet: Outlet = None,
    fill: Annotated[
        bool, Query(description="Also list the empty periods between the first and last.")
    ] = False,
) -> dict[str, Any]:
    """Per period: events (one per cluster; negated and hypothetical reports left out) per PLOVER
    quad class, mean Goldstein score and the cooperation–conflict index, as `comity series`."""
    pair = query.parse_dyad(dyad)
    narrow = _narrow(type, modality, outlet, until)
    return state.read(
        query.dyad_series, state.store, pair, freq=freq, since=since or None, narrow=narrow, fill=fill
    )


@router.get("/places")
def places(
    state: State,
    dyad: OptionalDyad = None,
    since: DateParam = None,
    until: DateParam = None,
    type: Types = None,
    modality: Modality = None,
) -> list[dict[str, Any]]:
    """Where the events happened: each place (geocoded offline from the event's location or its
    sentence) with its coordinates, its number of events and reports, and some of its reports."""
    flt = query.EventFilter(
        dyad=query.parse_dyad(dyad) if dyad else None,
        type=_types(type, "type"),
        modality=modality or None,
        since=since or None,
        until=until or None,
    )
    return state.read(query.event_places, state.store, flt)


@router.get("/map/outline")
def map_outline() -> dict[str, Any]:
    """The world's land (Natural Earth 1:110m) as one SVG path on an equirectangular canvas:
    longitude -180..180 -> x 0..width, latitude 90..-90 -> y 0..height."""
    return {"width": worldmap.WIDTH, "height": worldmap.HEIGHT, "land": worldmap.land_path()}


@router.get("/outlets")
def outlets(state: State) -> list[dict[str, Any]]:
    """Outlets of the stored articles (near duplicates left out), most articles first."""
    return state.read(query.outlets, state.store)


@router.get("/rejections")
def rejections(state: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Inputs that could not be processed, and why."""
    return state.read(query.list_rejections, state.store, limit=limit, offset=offset).as_dict()
