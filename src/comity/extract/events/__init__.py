"""Event coding: the ``EventCoder`` interface (``base``), the CAMEO/PLOVER ontology
(``ontology``) and the rule-based coder ``rules.v1`` (``rules``)."""

from comity.extract.events.base import EventCoder, event_id

__all__ = ["EventCoder", "event_id"]
