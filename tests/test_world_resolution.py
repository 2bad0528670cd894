"""People resolved through the world office-holder KB at the article's date, with the clues around the
name (title, honorific, country word, earlier mentions), on a tiny invented world KB (tests/world_kit.py)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from comity.extract.actors.kb import kb_from_csv, resolve_name
from comity.extract.actors.mentions import mentions_from_doc
from comity.extract.actors.people import Clues, match_person, name_variants, titles
from comity.records import Article, Mention
from world_kit import tiny_kb, tiny_world

WORLD = tiny_world()


def _who(
    text: str, date: str, clues: Clues = Clues()
) -> tuple[str | None, str | None, str | None, str | None]:
    found = match_person(WORLD, text, date, clues)
    return (found.name, found.country, found.sector, found.basis) if found else (None, None, None, None)


# -- names at a date (no document) --------------------------------------------------------------------


def test_a_full_name_gets_the_role_held_that_day() -> None:
    assert _who("Anna Varga", "2021-05-01") == ("Anna Varga", "VNM", "GOV", "exact")


def test_an_ex_official_keeps_the_country_but_not_the_sector() -> None:
    assert _who("Anna Varga", "2024-05-01") == ("Anna Varga", "VNM", None, "exact")
    assert _who("Sato Hana", "2020-01-01") == ("Hana Sato", "JPN", None, "alias")


def test_a_surname_is_the_one_person_of_that_name_in_office_that_day() -> None:
    assert _who("Varga", "2021-05-01") == ("Anna Varga", "VNM", "GOV", "alias_at_date")
    assert _who("Cruz", "2021-05-01") == ("Rafael Cruz", "PHL", "GOV", "alias_at_date")


def test_a_surname_is_not_resolved_to_someone_out_of_office() -> None:
    assert _who("Varga", "2024-05-01") == (None, None, None, None)


def test_a_surname_shared_by_several_office_holders_stays_unresolved() -> None:
    assert _who("Li", "2024-05-01") == (None, None, None, None)
    assert _who("Brun", "2022-05-01") == (None, None, None, None)


def test_a_title_before_a_shared_surname_tells_the_people_apart() -> None:
    premier = Clues(title=titles()["premier"])
    assert _who("Li", "2020-05-01", premier) == ("Li Wen", "CHN", "GOV", "title_country")
    assert _who("Li", "2024-05-01", premier) == ("Li Bo", "CHN", "GOV", "title_country")
    assert _who("Brun", "2022-05-01", Clues(title=titles()["gen"])) == (
        "Marco Brun",
        "USA",
        "MIL",
        "title_country",
    )


def test_an_honorific_tells_the_people_apart_by_gender() -> None:
    assert _who("Brun", "2022-05-01", Clues(gender="female"))[0] == "Paula Brun"


def test_a_title_that_fits_nobody_in_office_leaves_the_name_unresolved() -> None:
    assert _who("Cruz", "2021-05-01", Clues(title=titles()["president"])) == (None, None, None, None)


def test_a_former_title_finds_a_past_office_holder() -> None:
    former_premier = Clues(title=titles()["prime minister"], former=True)
    assert _who("Sato", "2020-01-01", former_premier) == ("Hana Sato", "JPN", None, "alias_at_date")


def test_a_short_name_needs_its_country_named_in_the_document() -> None:
    assert _who("Varga", "2021-05-01", Clues(named=frozenset({"USA"})))[0] is None
    assert _who("Varga", "2021-05-01", Clues(named=frozenset({"VNM"})))[0] == "Anna Varga"


def test_middle_initials_suffixes_and_spaced_initials_are_name_variants() -> None:
    assert _who("Anna J. Varga", "2021-05-01")[0] == "Anna Varga"
    assert "H. R. Smith" in name_variants("H.R. Smith")
    assert "B. Smith" in name_variants("Bob Smith Jr.")


@pytest.mark.parametrize(
    ("written", "native"),
    [("William Lai Ching-te", "Lai Ching-te"), ("Andrew Leung Kwan-yuen", "Leung Kwan-yuen")],
)
def test_an_english_name_before_a_romanised_one_is_dropped_as_a_variant(written: str, native: str) -> None:
    assert name_variants(written)[-1] == native


@pytest.mark.parametrize("written", ["Mary Jane Smith", "Lai Ching-te", "Jean-Pierre Dupont"])
def test_other_names_keep_their_first_word(written: str) -> None:
    assert all(
        v.split()[0] == written.split()[0] or v.startswith(written[0] + ".") for v in name_variants(written)
    )


def test_resolve_name_finds_the_office_holder_a_description_names_on_the_date() -> None:
    kb = tiny_kb()
    holder = resolve_name("the Philippine defence secretary", kb, date="2021-05-01")
    assert holder.ref is not None and (holder.ref.name, holder.ref.code, holder.resolution) == (
        "Rafael Cruz", "PHLGOV", "role",
    )  # fmt: skip
    assert resolve_name("the Chinese premier", kb, date="2024-05-01").ref.name == "Li Bo"  # type: ignore[union-attr]
    assert resolve_name("the Chinese premier", kb, date="2020-05-01").ref.name == "Li Wen"  # type: ignore[union-attr]


def test_resolve_name_says_how_a_short_name_was_resolved() -> None:
    found = resolve_name("Ms. Varga", tiny_kb(), date="2021-05-01")
    assert found.ref is not None and (found.ref.code, found.resolution) == ("VNMGOV", "alias_at_date")


def test_hand_written_rows_win_over_the_world_kb() -> None:
    hand = "name,aliases,country,sector,role,start,end,source\nAnna Varga,,VNM,PTY,Party Secretary,2020-01-01,,test\n"
    kb = tiny_kb(hand)
    assert kb.lookup("Anna Varga", date="2021-05-01").code == "VNMPTY"  # type: ignore[union-attr]
    found = resolve_name("Ms. Varga", kb, date="2021-05-01")
    assert found.ref is not None and found.ref.code == "VNMPTY"


def test_a_kb_without_a_world_kb_resolves_no_world_names() -> None:
    assert resolve_name("Anna Varga", kb_from_csv([]), date="2021-05-01").ref is None


def test_the_kb_is_pickled_without_its_lazily_loaded_world_kb() -> None:
    kb = kb_from_csv([], world=tiny_world)
    assert kb.world is not None
    again = pickle.loads(pickle.dumps(kb))
    assert again._world is None and again.world is not None


# -- names in a document --------------------------------------------------------------------------------


def _mentions(nlp: Any, text: str, date: str, **kw: str) -> list[Mention]:
    article = Article(id="d", name="d", text=text, fmt="text", publication_date=date)
    return mentions_from_doc(nlp(text), article, tiny_kb(*kw.values()))


def _coded(mentions: list[Mention], text: str) -> tuple[str | None, str | None, str | None]:
    found = next(m for m in mentions if m.text == text)
    return found.canonical, found.code, found.resolution


@pytest.mark.parametrize(
    ("text", "date", "name", "expected"),
    [
        ("Vietnam sent Ms. Varga to the talks on Monday.", "2021-05-01", "Varga",
         ("Anna Varga", "VNMGOV", "alias_at_date")),
        ("Chinese Premier Li arrived in Hanoi on Monday.", "2020-05-01", "Li", ("Li Wen", "CHNGOV", "title_country")),
        ("Chinese Premier Li arrived in Hanoi on Monday.", "2024-05-01", "Li", ("Li Bo", "CHNGOV", "title_country")),
        ("Li arrived in Hanoi on Monday.", "2024-05-01", "Li", (None, None, None)),
        ("Former Prime Minister Hana Sato visited Vietnam on Monday.", "2020-05-01", "Hana Sato",
         ("Hana Sato", "JPN", "exact")),
        ("The United States sent Gen. Brun to Manila.", "2022-05-01", "Brun", ("Marco Brun", "USAMIL", "title_country")),
        ("Varga said the talks went well.", "2021-05-01", "Varga", (None, None, None)),
    ],
)  # fmt: skip
def test_a_person_is_resolved_at_the_articles_date_with_the_clues_before_the_name(
    nlp: Any, text: str, date: str, name: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert _coded(_mentions(nlp, text, date), name) == expected


def test_a_surname_after_the_full_name_is_that_person(nlp: Any) -> None:
    mentions = _mentions(
        nlp, "Li Bo met Vietnamese officials in Hanoi. Later, Li said the talks went well.", "2024-05-01"
    )
    assert [_coded(mentions, t) for t in ("Li Bo", "Li")] == [
        ("Li Bo", "CHNGOV", "exact"),
        ("Li Bo", "CHNGOV", "coreference"),
    ]


def test_a_surname_after_an_unknown_full_name_is_not_someone_else(nlp: Any) -> None:
    mentions = _mentions(nlp, "Eva Varga, a teacher, was released by Vietnam. Ms Varga is 60.", "2021-05-01")
    assert _coded(mentions, "Ms Varga") == (None, None, None)  # not Anna Varga, in office then


def test_a_name_cut_before_its_comma_and_suffix_is_found_with_the_suffix(nlp: Any) -> None:
    # spaCy ends "Jose Reyes, Jr." at the comma; the world KB knows the name with its suffix
    mentions = _mentions(nlp, "The minister met President Jose Reyes, Jr. in Manila.", "2023-05-01")
    assert _coded(mentions, "Jose Reyes") == ("Jose Reyes Jr.", "PHLGOV", "exact")


def test_an_unknown_person_gets_the_country_of_the_title_before_the_name(nlp: Any) -> None:
    mentions = _mentions(nlp, "Philippine ambassador Jose Manalo met Chinese officials.", "2021-05-01")
    assert _coded(mentions, "Jose Manalo") == (None, "PHLGOV", "role")


# -- roles over time: `comity actors NAME` and the API's actor page -----------------------------------


def test_roles_over_time_join_hand_rows_and_world_rows_with_their_sources() -> None:
    hand = "name,aliases,country,sector,role,start,end,source\nAnna Varga,,VNM,PTY,Party Secretary,2023-01-01,,test\n"
    name, roles = tiny_kb(hand).roles_over_time("Anna Varga")
    assert name == "Anna Varga"
    assert [(r["role"], r["kb"], r["licence"]) for r in roles] == [
        ("Minister of Foreign Affairs", "world", "MIT"),
        ("Party Secretary", "hand", "MIT"),
    ]


def test_cli_actors_name_shows_the_roles_and_who_the_name_is_on_a_date() -> None:
    from typer.testing import CliRunner

    from comity.cli import app

    result = CliRunner().invoke(app, ["actors", "Ms. Varga", "--date", "2021-05-01"], obj=tiny_kb())
    assert result.exit_code == 0, result.output
    assert "Anna Varga (VNMGOV), by alias_at_date" in result.output
    shared = CliRunner().invoke(
        app, ["actors", "Li", "--date", "2024-05-01", "--format", "jsonl"], obj=tiny_kb()
    )
    assert sorted(json.loads(line)["name"] for line in shared.output.splitlines()) == ["Li Bo", "Li Tao"]


def test_api_actor_page_lists_world_roles_with_sources(tmp_path: Path) -> None:
    from comity.api import create_app
    from comity.config import load_settings
    from comity.store.base import open_store_backend
    from test_api_support import Client

    settings = load_settings({"db": str(tmp_path / "api.duckdb")}, environ={})
    store = open_store_backend(settings)
    try:
        page = Client(create_app(settings, store, token="t", kb=tiny_kb())).get("/api/actors/Rafael Cruz")
    finally:
        store.close()
    assert page.status_code == 200, page.text
    (role,) = page.json()["roles"]
    assert (role["role"], role["source"], role["start"]) == (
        "Secretary of National Defense",
        "test",
        "2016-06-30",
    )
