"""The countries comity codes actors to: ISO3 code, names, aliases, adjectives, capitals.

Data: ``data/countries.csv`` (CC BY-SA 3.0, see its header and ``data/README.md``). The actor
knowledge base parses its text (``countries_csv``); the query side checks codes against
``country_codes``.

>>> {"CHN", "VNM", "XKX"} <= country_codes()
True
"""

from __future__ import annotations

import functools

from comity.ontology._tables import read_rows, read_text, unique_by

__all__ = ["countries_csv", "country_codes", "country_names"]


def countries_csv() -> str:
    """The raw text of ``data/countries.csv``, for a reader with its own CSV conventions (the actor KB)."""
    return read_text("countries.csv")


@functools.lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """The ISO3 codes of every listed country (cached)."""
    return frozenset(unique_by(read_rows("countries.csv"), "iso3", "countries.csv"))


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 code -> the country's short English name ("VNM" -> "Vietnam"), for people to read."""
    return {
        code: row["name"]
        for code, row in unique_by(read_rows("countries.csv"), "iso3", "countries.csv").items()
    }
