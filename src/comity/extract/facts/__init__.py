"""Figures and relationship status: trade, investment, aid, counts, casualties and official status
statements, each with its evidence sentence (``find.facts_from_doc``). Takes a parsed ``Doc``, its
mentions and time expressions; returns ``Fact`` records. Shared record helpers in ``base``, ordinals
and counts in ``ordinals``, status ladder cues in ``status``; vocabularies in ``data/``."""
