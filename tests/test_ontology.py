"""comity.ontology: one answer per question, and the answers agree with the shared dictionaries."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from comity.extract.actors.kb import load_kb
from comity.ontology import (
    QUADS,
    STATEMENT,
    cameo_info,
    cameo_table,
    country_codes,
    event_types,
    is_reciprocal,
    plover_quads,
    plover_types,
    quad_of,
    reciprocal_cameos,
    types_in,
)
from comity.ontology._tables import read_rows, unique_by
from comity.query.filters import event_types as query_event_types
from comity.query.filters import known_countries

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "comity" / "ontology" / "data"


@pytest.mark.parametrize(
    ("code", "plover", "goldstein"),
    [
        ("040", "CONSULT", 1.0),
        ("042", "CONSULT", 1.0),
        ("057", "SUPPORT", 3.5),
        ("051", "SUPPORT", 3.5),
        ("030", "AGREE", 4.0),
        ("0311", "AGREE", 4.0),
        ("020", "REQUEST", 3.0),
        ("111", "ACCUSE", -2.0),
        ("190", "ASSAULT", -10.0),
        ("062", "COOPERATE", 6.0),
    ],
)
def test_cameo_info_gives_the_type_and_goldstein_value(code: str, plover: str, goldstein: float) -> None:
    info = cameo_info(code)
    assert info.plover == plover
    assert info.goldstein == goldstein
    assert info.name


def test_an_unknown_cameo_code_raises() -> None:
    with pytest.raises(KeyError):
        cameo_info("999")


def test_every_cameo_code_has_a_name_and_a_goldstein_value_on_the_scale() -> None:
    assert len(cameo_table()) > 250
    for code, info in cameo_table().items():
        assert re.fullmatch(r"\d{2,4}", code), code
        assert info.name.strip(), code
        assert -10.0 <= info.goldstein <= 10.0, (code, info.goldstein)


def test_the_plover_table_lists_exactly_the_cameo_codes() -> None:
    names = [row["code"] for row in read_rows("cameo.csv")]
    plover = [row["code"] for row in read_rows("cameo_plover.csv")]
    assert names == plover


def test_every_cameo_code_but_a_statement_has_one_plover_type_and_one_quad() -> None:
    for code, info in cameo_table().items():
        if code.startswith("01"):  # statements: no PLOVER type, coded as the STATEMENT marker
            assert (info.plover, info.mode, quad_of(info.plover)) == (None, None, None), code
        else:
            assert info.plover in plover_types(), code
            assert quad_of(info.plover) in QUADS, code


def test_every_plover_type_has_one_quad_and_every_quad_has_types() -> None:
    assert len(plover_types()) == 16
    assert set(plover_quads().values()) == set(QUADS)
    assert quad_of(STATEMENT) is None and quad_of("UNKNOWN") is None and quad_of(None) is None


def test_concede_is_verbal_cooperation_and_request_verbal_conflict() -> None:
    assert quad_of("CONCEDE") == "verbal_cooperation"
    assert quad_of("REQUEST") == "verbal_conflict"


def test_types_in_groups_the_types_by_quad() -> None:
    assert types_in("material_conflict") == {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert types_in(*QUADS) == set(plover_types())
    with pytest.raises(ValueError, match="unknown quad class"):
        types_in("cooperation")


def test_event_types_are_the_plover_types_and_the_statement_marker() -> None:
    assert event_types() == (*plover_types(), STATEMENT)
    assert STATEMENT not in plover_types()


def test_a_code_listed_twice_is_an_error_not_a_second_answer() -> None:
    rows = [{"code": "040", "plover": "CONSULT"}, {"code": "040", "plover": "AGREE"}]
    with pytest.raises(ValueError, match="listed twice"):
        unique_by(rows, "code", "t.csv")


def test_reciprocal_acts_are_known_cooperative_cameo_codes() -> None:
    cooperative = types_in("verbal_cooperation", "material_cooperation")
    assert reciprocal_cameos()
    for prefix in reciprocal_cameos():
        covered = [info for code, info in cameo_table().items() if code.startswith(prefix)]
        assert covered, prefix
        assert all(info.plover in cooperative for info in covered), prefix


@pytest.mark.parametrize(
    ("cameo", "reciprocal"), [("040", True), ("0611", True), ("057", True), ("042", False), ("043", False),
                              ("0571", True), ("070", False), ("", False), (None, False)],
)  # fmt: skip
def test_is_reciprocal_matches_the_listed_codes_and_their_children(
    cameo: str | None, reciprocal: bool
) -> None:
    assert is_reciprocal(cameo) is reciprocal


def test_country_codes_are_unique_iso3_codes() -> None:
    rows = read_rows("countries.csv")
    assert len(unique_by(rows, "iso3", "countries.csv")) == len(rows) == len(country_codes())
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in country_codes())
    assert {"CHN", "VNM", "USA", "PHL"} <= country_codes()


def test_the_actor_kb_codes_every_ontology_country_by_its_name() -> None:
    kb = load_kb()
    for row in read_rows("countries.csv"):
        found = kb.lookup(row["name"])
        assert found is not None and found.code == row["iso3"], row["name"]


def test_the_query_side_gives_the_ontology_answers() -> None:
    assert query_event_types() == event_types()
    assert known_countries() == country_codes()


# -- consistency with the shared dictionaries (../shared/dictionaries) ------------------------


@pytest.fixture(scope="module")
def dictionaries(shared_dir: Path) -> Path:
    return shared_dir / "dictionaries"


@pytest.mark.shared
def test_cameo_tables_are_what_build_ontology_makes_from_the_shared_sources(
    shared_dir: Path, tmp_path: Path
) -> None:
    script = REPO / "scripts" / "build_ontology.py"
    subprocess.run(
        [sys.executable, str(script), "--shared", str(shared_dir), "--out", str(tmp_path)], check=True
    )
    for name in ("cameo.csv", "cameo_plover.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


@pytest.mark.shared
def test_quad_classes_follow_the_plover_manual(dictionaries: Path) -> None:
    readme = " ".join((dictionaries / "README.md").read_text(encoding="utf-8").split())
    manual = re.search(r"PLOVER \(current manual\) has 16 event types: (.+?), with modes", readme)
    assert manual, "the PLOVER summary moved in dictionaries/README.md"
    stated: dict[str, str] = {}
    for group in manual.group(1).split(";"):
        found = re.fullmatch(r"\s*([A-Z, ]+) \((verbal|material) (cooperation|conflict)\)", group)
        assert found, group
        for plover_type in found.group(1).split(","):
            stated[plover_type.strip()] = f"{found.group(2)}_{found.group(3)}"
    assert list(stated.items()) == list(plover_quads().items())


@pytest.mark.shared
def test_plover_types_are_the_codebook_event_types(dictionaries: Path) -> None:
    with (dictionaries / "ngec" / "PLOVER_structured_codebook_updated.csv").open(encoding="utf-8") as fh:
        codebook = {row["event"] for row in csv.DictReader(fh)}
    assert codebook == set(plover_types())


@pytest.mark.shared
def test_every_code_takes_its_roots_published_goldstein_value(dictionaries: Path) -> None:
    # Root-level values for now (data/README.md); per-code values would replace this test.
    readme = " ".join((dictionaries / "README.md").read_text(encoding="utf-8").split())
    published = dict(re.findall(r"\b(\d\d) [A-Z][a-z][A-Za-z ]*? (-?\d+(?:\.\d+)?)[;.]", readme))
    assert sorted(published) == [f"{root:02d}" for root in range(1, 21)]
    for code, info in cameo_table().items():
        assert info.goldstein == float(published[code[:2]]), code


@pytest.mark.shared
def test_country_codes_are_in_the_shared_country_lists(dictionaries: Path) -> None:
    with (dictionaries / "ngec" / "countries.csv").open(encoding="utf-8") as fh:
        listed = {row["CCA3"] for row in csv.DictReader(fh)}
    info = (dictionaries / "countryinfo" / "CountryInfo.120116.txt").read_text(
        encoding="utf-8", errors="replace"
    )
    listed |= set(re.findall(r"<ISO3166-alpha3>([A-Z]{3})</ISO3166-alpha3>", info))
    assert country_codes() - listed == set()
