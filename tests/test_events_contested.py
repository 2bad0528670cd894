"""Disputed areas and their claimants (comity.extract.events.contested)."""

from __future__ import annotations

import pytest

from comity.errors import ConfigError
from comity.extract.events import contested
from comity.extract.events.contested import disputed_areas, names_disputed_area, rival_claimants
from comity.ontology import country_codes
from comity.records import ActorRef


@pytest.mark.parametrize(
    ("text", "own", "rivals"),
    [
        ("Manila sent ships to Ayungin Shoal.", {"PHL"}, {"CHN", "VNM", "TWN"}),
        ("Tokyo protested near the Senkakus.", {"JPN"}, {"CHN", "TWN"}),
        (
            "U.S. patrols in the South China Sea continued.",
            {"USA"},
            {"CHN", "VNM", "PHL", "MYS", "BRN", "TWN"},
        ),
        ("Troops moved along the Line of Control.", {"IND"}, {"PAK"}),
        ("Ships docked in Penang.", {"MYS"}, set()),
        ("A senkakuism is no island.", {"JPN"}, set()),
    ],
)
def test_rival_claimants_of_the_areas_a_sentence_names(text: str, own: set[str], rivals: set[str]) -> None:
    assert rival_claimants(text, own) == rivals


def test_every_area_has_known_claimants_and_names_are_unique() -> None:
    names = [n.lower() for area in disputed_areas() for n in area.names]
    assert len(names) == len(set(names))
    assert all(area.claimants <= country_codes() and len(area.claimants) >= 2 for area in disputed_areas())


def test_only_an_uncoded_area_name_counts_as_a_disputed_place() -> None:
    assert names_disputed_area([ActorRef("Sabina Shoal")])
    assert not names_disputed_area([ActorRef("Sabina Shoal"), ActorRef("Manila", country="PHL")])
    assert not names_disputed_area([ActorRef("Crimea", country="UKR")])
    assert not names_disputed_area([])


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"name": "Atlantis", "aliases": "", "claimants": "GRC|XXX"}, "unknown country codes"),
        ({"name": "Atlantis", "aliases": "", "claimants": "GRC"}, "two claimants"),
        ({"name": "", "aliases": "", "claimants": "GRC|TUR"}, "needs a name"),
    ],
)
def test_a_bad_row_is_a_config_error_naming_it(row: dict[str, str], problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        contested._area(row)
