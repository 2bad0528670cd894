"""The event ontology, one answer per question, read by every stage and by the query side.

* ``cameo``: every CAMEO code's name, Goldstein value, PLOVER type and mode (``cameo_info``);
* ``plover``: PLOVER's 16 types and their quad classes (``quad_of``), the ``STATEMENT`` marker;
* ``reciprocity``: the CAMEO acts whose sides have no order (``is_reciprocal``);
* ``countries``: the countries actors are coded to (``country_codes``) and their names;
* ``sectors``: the actor sector codes and their names (``sector_names``);
* ``calendar``: the English month and weekday names (``MONTH_NAMES``, ``WEEKDAY_NAMES``).

The tables live in ``data/`` (sources, licences and decisions in ``data/README.md``). This is a
bottom-layer package: it imports nothing from comity's stages, so any of them may import it.
"""

from __future__ import annotations

from comity.ontology.cameo import CameoInfo, cameo_info, cameo_table
from comity.ontology.countries import countries_csv, country_codes, country_names
from comity.ontology.plover import (
    QUADS,
    STATEMENT,
    event_types,
    plover_quads,
    plover_types,
    quad_of,
    types_in,
)
from comity.ontology.reciprocity import is_reciprocal, reciprocal_cameos
from comity.ontology.sectors import sector_names

__all__ = [
    "QUADS",
    "STATEMENT",
    "CameoInfo",
    "cameo_info",
    "cameo_table",
    "countries_csv",
    "country_codes",
    "country_names",
    "event_types",
    "is_reciprocal",
    "plover_quads",
    "plover_types",
    "quad_of",
    "reciprocal_cameos",
    "sector_names",
    "types_in",
]
