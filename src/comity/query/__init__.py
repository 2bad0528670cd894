"""Read side: typed filters in, plain rows out. Used by the CLI, the Python API and the REST API."""

from comity.query.events import EventFilter, events, summary
from comity.query.tables import documents, entities, rejections, runs

__all__ = ["EventFilter", "documents", "entities", "events", "rejections", "runs", "summary"]
