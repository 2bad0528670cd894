"""The world KB's rules as data (position labels -> kinds and sector) and its dates with precision."""

from __future__ import annotations

import pytest

from comity.extract.actors.world.build import names_country
from comity.extract.actors.world.dates import lower_bound, parse_iso, parse_wikidata, upper_bound, valid_on
from comity.extract.actors.world.holdings import clean_labels
from comity.extract.actors.world.tables import load_rules


def _kind(label: str, country: str) -> tuple[tuple[str, ...], str]:
    rule = load_rules().classify(clean_labels(label, country, names_country), country)
    return rule.kinds, rule.sector


@pytest.mark.parametrize(
    ("label", "country", "kinds", "sector"),
    [
        ("President", "VNM", ("head_of_state",), "GOV"),
        ("President", "IRN", ("head_of_government",), "GOV"),
        ("monarch", "NOR", ("head_of_state",), "GOV"),
        ("Beretitenti (President)", "KIR", ("head_of_state",), "GOV"),
        ("Premier of the State Council", "CHN", ("head_of_government",), "GOV"),
        ("Premier of Alberta", "CAN", ("skip",), ""),
        ("Federal Chancellor", "AUT", ("head_of_government",), "GOV"),
        ("Chancellor", "CHE", ("official",), "GOV"),
        ("Vice President of the Government", "ESP", ("deputy_head_of_government",), "GOV"),
        ("Secretary of State", "USA", ("foreign_minister",), "GOV"),
        ("Secretary of State", "DEU", ("junior_minister",), "GOV"),
        ("Secretary of State for Foreign Affairs", "ESP", ("junior_minister",), "GOV"),
        ("Minister of Foreign Affairs and Cooperation", "MCO", ("foreign_minister",), "GOV"),
        ("Minister of External Affairs", "IND", ("foreign_minister",), "GOV"),
        ("Minister of Defence of Thailand", "THA", ("defence_minister",), "GOV"),
        ("Minister for Defence Materiel", "AUS", ("minister",), "GOV"),
        ("Minister of the Revolutionary Armed Forces", "CUB", ("defence_minister",), "GOV"),
        ("Governor of the Central Bank", "AGO", ("central_bank_governor",), "GOV"),
        ("Governor of Kandahar", "AFG", ("skip",), ""),
        ("Speaker of the National Assembly", "KOR", ("speaker",), "LEG"),
        ("Chief Justice", "PHL", ("chief_justice",), "JUD"),
        ("Chief of the General Staff", "RUS", ("military_chief",), "MIL"),
        ("White House Chief of Staff", "USA", ("official",), "GOV"),
        ("ambassador to France", "DEU", ("ambassador",), "DIP"),
        ("Permanent Representative to the United Nations", "VNM", ("un_representative",), "DIP"),
        ("General Secretary", "VNM", ("party_leader",), "PTY"),
        ("First Lady", "USA", ("skip",), ""),
        ("Secretary-General of the United Nations", "IGO", ("igo_leader",), "IGO"),
    ],
)
def test_position_label_kinds_and_sector(
    label: str, country: str, kinds: tuple[str, ...], sector: str
) -> None:
    assert _kind(label, country) == (kinds, sector)


def test_clean_labels_drop_the_country_and_keep_what_parentheses_say() -> None:
    assert clean_labels("Minister of Foreign Affairs of Thailand", "THA", names_country) == (
        "Minister of Foreign Affairs",
    )
    assert clean_labels("President of the Senate", "THA", names_country) == ("President of the Senate",)
    assert clean_labels("Emperor of Japan (head of state)", "JPN", names_country) == (
        "Emperor",
        "head of state",
    )


def test_every_rule_names_known_kinds_and_the_last_rule_matches_anything() -> None:
    rules = load_rules()
    kinds = set(rules.single)
    assert all(set(rule.kinds) <= kinds for rule in rules.positions)
    assert rules.positions[-1].pattern.pattern == ".*" and not rules.positions[-1].countries


def test_catalogs_map_countries_to_iso3_and_leave_out_states() -> None:
    catalogs = load_rules().catalogs
    assert (catalogs["vietnam"].iso3, catalogs["vietnam"].built) == ("VNM", True)
    assert catalogs["texas"].built is False and catalogs["abkhazia"].built is False
    assert catalogs["world"].rule_country == "IGO"


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("2005-06-01", ("2005-06-01", "day")), ("2005-06", ("2005-06", "month")), ("2005", ("2005", "year")),
     ("1990s", ("199", "decade")), ("", ("", "")), ("around 2005", ("", ""))],
)  # fmt: skip
def test_parse_iso_keeps_the_precision(text: str, parsed: tuple[str, str]) -> None:
    assert parse_iso(text) == parsed


def test_parse_wikidata_cuts_the_time_value_to_its_precision() -> None:
    assert parse_wikidata("2005-06-01T00:00:00Z", "11") == ("2005-06-01", "day")
    assert parse_wikidata("2005-01-01T00:00:00Z", "9") == ("2005", "year")
    assert parse_wikidata("2000-01-01T00:00:00Z", "7") == ("", "")  # a century: no usable date


def test_bounds_of_partial_dates() -> None:
    assert lower_bound("2005") == "2005-01-01" and lower_bound("2005-06") == "2005-06-01"
    assert upper_bound("2005", "year") == "2006-01-01" and upper_bound("2005-12", "month") == "2006-01-01"
    assert upper_bound("2005-06-03", "observed") == "2005-06-03" and upper_bound("", "open") == "9999-12-31"


def test_valid_on_day_end_is_exclusive_and_rough_end_covers_its_period() -> None:
    assert valid_on("2017-02-01", "2018-03-31", "day", "2018-03-30")
    assert not valid_on("2017-02-01", "2018-03-31", "day", "2018-03-31")
    assert valid_on("2001", "2005-06", "month", "2005-06-30")
    assert not valid_on("2001-06", "", "unknown", "2001-05-31")
