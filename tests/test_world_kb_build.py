"""`comity kb build` on small fixtures: Peppercat-shaped files, a Wikidata SPARQL CSV export, a hand table.

The fixtures (tests/data/world_kb) are a few rows written for these tests from public facts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.errors import ConfigError
from comity.extract.actors.world.build import BuildResult, build_world_kb, write_world_kb
from comity.extract.actors.world.index import Holding, WorldKB, read_world_kb

FIXTURES = Path(__file__).resolve().parent / "data" / "world_kb"
SHARED = FIXTURES / "shared"
HAND = (FIXTURES / "people.csv").read_text(encoding="utf-8")
PEPPERCAT_COMMIT = "efd4378c56c215b68c43c503550113ea88c47849"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, WorldKB, Path]:
    result = build_world_kb(SHARED, hand_text=HAND)
    out = tmp_path_factory.mktemp("world") / "kb.zip"
    write_world_kb(result, out)
    return result, read_world_kb(out), out


def _only(holdings: tuple[Holding, ...]) -> Holding:
    assert len(holdings) == 1, holdings
    return holdings[0]


def test_build_twice_gives_identical_bytes(built: tuple[BuildResult, WorldKB, Path], tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    write_world_kb(build_world_kb(SHARED, hand_text=HAND), again)
    assert again.read_bytes() == built[2].read_bytes()


def test_build_writes_sorted_tables_with_headers(built: tuple[BuildResult, WorldKB, Path]) -> None:
    with zipfile.ZipFile(built[2]) as archive:
        assert archive.namelist() == [
            "LICENSE.txt",
            "sources.tsv",
            "people.tsv",
            "holdings.tsv",
            "aliases.tsv",
        ]
        lines = archive.read("holdings.tsv").decode().splitlines()
    assert lines[0].startswith("country\tperson\tsector\tkinds")
    assert lines[1:] == sorted(lines[1:])


def test_build_classifies_positions_into_kinds_and_sectors(built: tuple[BuildResult, WorldKB, Path]) -> None:
    kb = built[1]
    premier = _only(kb.holders("CHN", "head_of_government", "2020-01-01"))
    assert (kb.name(premier.person), premier.sector) == ("Li Keqiang", "GOV")
    assert kb.name(_only(kb.holders("USA", "foreign_minister", "2017-11-10")).person) == "Rex Tillerson"
    chief = _only(kb.holders("USA", "military_chief", "2024-09-01"))
    assert (chief.person, chief.sector) == ("Q5081790", "MIL")


def test_build_leaves_out_state_offices_and_unrecognised_states(
    built: tuple[BuildResult, WorldKB, Path],
) -> None:
    kb = built[1]
    assert kb.roles_of("Q436565") == ()  # Governor of Texas, listed under the United States and Texas
    assert kb.roles_of("Q4086139") == ()  # President of Abkhazia


def test_build_continues_a_historic_holding_with_the_observed_end(
    built: tuple[BuildResult, WorldKB, Path],
) -> None:
    security = next(h for h in built[1].roles_of("Q10831196") if h.role == "Minister of Public Security")
    assert (security.start, security.end, security.end_precision) == ("2016-04-09", "2024-05-26", "observed")
    assert security.source == "peppercat-historic+peppercat-holders"


def test_build_distrusts_a_shared_card_date_far_before_first_sight(
    built: tuple[BuildResult, WorldKB, Path],
) -> None:
    secretary = next(h for h in built[1].roles_of("Q10831196") if "party_leader" in h.kinds)
    assert (secretary.start, secretary.start_precision) == ("2024-08-04", "observed")


def test_build_keeps_year_precision_and_counts_the_whole_end_year(
    built: tuple[BuildResult, WorldKB, Path],
) -> None:
    minister = _only(built[1].roles_of("Q7782161"))
    assert (minister.start, minister.start_precision, minister.end, minister.end_precision) == (
        "2001", "year", "2005", "year",
    )  # fmt: skip
    assert minister.valid_on("2005-06-01") and not minister.valid_on("2006-01-01")


def test_build_marks_a_holding_open_at_the_snapshot_but_untracked_as_unknown_end(
    built: tuple[BuildResult, WorldKB, Path],
) -> None:
    president = _only(built[1].roles_of("Q318508"))
    assert (president.end, president.end_precision) == ("", "unknown")


def test_hand_row_replaces_the_generated_row_of_the_same_person(
    built: tuple[BuildResult, WorldKB, Path],
) -> None:
    kb = built[1]
    president = next(h for h in kb.roles_of("Q10831196") if "head_of_state" in h.kinds)
    assert (president.start, president.end, president.source, president.licence) == (
        "2024-05-22", "2024-10-21", "comity-hand", "MIT",
    )  # fmt: skip
    assert kb.holders("VNM", "head_of_state", "2024-05-21") == ()
    assert (
        _only(kb.holders("VNM", "head_of_state", "2024-11-01")).person == "Q18459548"
    )  # matched by ASCII name


def test_hand_row_cuts_its_period_out_of_a_predecessor(built: tuple[BuildResult, WorldKB, Path]) -> None:
    kb = built[1]
    tillerson = _only(kb.roles_of("Q331401"))
    assert (tillerson.end, tillerson.end_precision) == ("2018-03-20", "day")
    assert _only(kb.holders("USA", "foreign_minister", "2018-03-25")).person == "Q473239"


def test_hand_person_without_a_match_gets_an_id_of_its_own(built: tuple[BuildResult, WorldKB, Path]) -> None:
    kb = built[1]
    assert kb.find("Uncle Ho") == ("comity:ho-chi-minh",)
    assert kb.name("comity:ho-chi-minh") == "Ho Chi Minh"


def test_every_row_carries_source_commit_and_licence(built: tuple[BuildResult, WorldKB, Path]) -> None:
    kb = built[1]
    for holding in kb.holdings:
        assert holding.source and holding.commit and holding.licence
    peppercat = _only(kb.roles_of("Q701801"))
    assert (peppercat.commit, peppercat.licence) == (PEPPERCAT_COMMIT, "CC-BY-NC-4.0")
    assert {s["id"] for s in kb.sources} >= {
        "peppercat-historic",
        "peppercat-holders",
        "cia-2019",
        "comity-hand",
    }
    assert "Peppercat / Tony Bowden" in kb.licence_notice and "CC BY-NC 4.0" in kb.licence_notice


def test_aliases_mark_a_name_shared_by_several_people(built: tuple[BuildResult, WorldKB, Path]) -> None:
    kb = built[1]
    premiers = kb.lookup("Premier Li")
    assert {a.person for a in premiers} == {"Q18111", "Q4414390"}
    assert all(a.people == 2 and a.kind == "head_of_government" for a in premiers)
    assert kb.find("Premier Li", "2024-09-01") == ("Q4414390",)
    assert [a.people for a in kb.lookup("Ms. Raimondo")] == [1]


def test_cia_capitals_give_the_called_by_name(built: tuple[BuildResult, WorldKB, Path]) -> None:
    assert [a.person for a in built[1].lookup("President López Obrador")] == ["Q318508"]


def test_wikidata_export_builds_a_kb_without_noncommercial_rows(tmp_path: Path) -> None:
    result = build_world_kb(None, wikidata_csv=FIXTURES / "wikidata_p39.csv", hand_text=HAND)
    out = tmp_path / "cc0.zip"
    write_world_kb(result, out)
    kb = read_world_kb(out)
    assert {h.licence for h in kb.holdings} == {"CC0-1.0", "MIT"}
    assert "no CC BY-NC data" in kb.licence_notice
    trump = _only(kb.holders("USA", "head_of_government", "2018-06-01"))  # a president heads the government
    assert (kb.name(trump.person), trump.commit.startswith("sha256:")) == ("Donald Trump", True)
    burundi = _only(kb.roles_of("Q7782161"))
    assert (burundi.start, burundi.start_precision, burundi.end, burundi.end_precision) == (
        "2001", "year", "2005", "year",
    )  # fmt: skip
    assert kb.find("Ban Ki-moon") == ()  # no ISO3 code: left out
    assert kb.find("To Lam") == ("Q10831196",)


def test_wikidata_export_without_the_needed_columns_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("item,itemLabel\nhttp://www.wikidata.org/entity/Q1,X\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="missing"):
        build_world_kb(None, wikidata_csv=bad, hand_text=HAND)


def test_build_without_any_source_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="--shared"):
        build_world_kb(None)


def test_cli_kb_build_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "kb.zip"
    result = CliRunner().invoke(
        app, ["kb", "build", "--wikidata-csv", str(FIXTURES / "wikidata_p39.csv"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert read_world_kb(out).find("Donald Trump") == ("Q22686",)


def test_cli_kb_build_missing_export_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["kb", "build", "--wikidata-csv", str(tmp_path / "no.csv"), "--out", str(tmp_path / "kb.zip")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "kb.zip").exists()
