"""Extraction: entity mentions and actor coding (``mentions``, ``actors``) and event coding
(``events``). Time expressions live in the ``timex*`` modules."""
