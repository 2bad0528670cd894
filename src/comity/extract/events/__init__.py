"""Event coding: the ``EventCoder`` interface (``base``) and the rule-based coder ``rules.v1``
(``rules``); the CAMEO/PLOVER tables they code with are ``comity.ontology``."""

from comity.extract.events.base import EventCoder, event_id

__all__ = ["EventCoder", "event_id"]
