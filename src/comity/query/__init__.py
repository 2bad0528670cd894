"""Read side: typed filters in, plain rows out. Used by the CLI, the Python API and the REST API."""

from comity.query.browse import (
    EventQuery,
    Page,
    find_events,
    get_document,
    get_event,
    list_actors,
    list_documents,
    list_rejections,
)
from comity.query.events import EventFilter, events, summary
from comity.query.relationship import dyad_events, dyad_facts, status_ladder
from comity.query.series import dyads, parse_dyad, series, timeline
from comity.query.tables import documents, entities, rejections, runs

__all__ = [
    "EventFilter",
    "EventQuery",
    "Page",
    "documents",
    "dyad_events",
    "dyad_facts",
    "dyads",
    "entities",
    "events",
    "find_events",
    "get_document",
    "get_event",
    "list_actors",
    "list_documents",
    "list_rejections",
    "parse_dyad",
    "rejections",
    "runs",
    "series",
    "status_ladder",
    "summary",
    "timeline",
]
