"""Read side: typed filters in, plain rows out. Used by the CLI, the Python API and the REST API."""

from comity.query.analytics import dyad_series
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
from comity.query.places import event_places
from comity.query.relationship import PairFilter, dyad_events, dyad_facts, status_ladder
from comity.query.series import dyads, outlets, parse_dyad, timeline
from comity.query.tables import documents, entities, rejections, runs
from comity.query.views import actor_profile, all_facts, cluster_reports, dyad_timeline, find_facts

#: The series of a dyad: the one function every surface uses (the SQL per-report series is gone:
#: it counted reports, not events, and disagreed with the CLI).
series = dyad_series

__all__ = [
    "EventFilter",
    "EventQuery",
    "Page",
    "PairFilter",
    "actor_profile",
    "all_facts",
    "cluster_reports",
    "documents",
    "dyad_events",
    "dyad_facts",
    "dyad_series",
    "dyad_timeline",
    "dyads",
    "entities",
    "event_places",
    "events",
    "find_events",
    "find_facts",
    "get_document",
    "get_event",
    "list_actors",
    "list_documents",
    "list_rejections",
    "outlets",
    "parse_dyad",
    "rejections",
    "runs",
    "series",
    "status_ladder",
    "summary",
    "timeline",
]
