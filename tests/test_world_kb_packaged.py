"""The packaged world KB (actors/data/world_kb.zip): compact, licensed, queryable; with ../shared, the
same bytes as a fresh build and the coverage check of issue 16."""

from __future__ import annotations

import random
from importlib import resources
from pathlib import Path

import pytest

from comity.extract.actors.kb import load_kb
from comity.extract.actors.world.build import build_world_kb, write_world_kb
from comity.extract.actors.world.index import WorldKB, load_world_kb

PACKAGED = Path(str(resources.files("comity.extract.actors") / "data" / "world_kb.zip"))
COVERAGE_SEED = 16
COVERAGE_DATES = ("2005-06-01", "2017-11-10", "2024-09-01")
COVERAGE_KINDS = ("head_of_state", "head_of_government", "foreign_minister")
COVERAGE_TARGET = 0.95


@pytest.fixture(scope="module")
def kb() -> WorldKB:
    return load_world_kb()


def test_packaged_kb_is_a_few_megabytes() -> None:
    assert PACKAGED.stat().st_size < 5_000_000


def test_packaged_kb_names_its_licence_and_sources(kb: WorldKB) -> None:
    assert "CC BY-NC 4.0" in kb.licence_notice and "Peppercat / Tony Bowden" in kb.licence_notice
    assert {s["id"] for s in kb.sources} >= {
        "peppercat-historic",
        "peppercat-holders",
        "cia-2019",
        "comity-hand",
    }
    assert len(kb) > 40_000


def test_packaged_kb_answers_who_held_an_office(kb: WorldKB) -> None:
    assert [kb.name(h.person) for h in kb.holders("VNM", "head_of_state", "2024-09-01")] == ["Tô Lâm"]
    assert [kb.name(h.person) for h in kb.holders("CHN", "foreign_minister", "2024-09-01")] == ["Wang Yi"]
    assert [kb.name(h.person) for h in kb.holders("DEU", "head_of_government", "2005-06-01")] == [
        "Gerhard Schröder"
    ]


def test_packaged_kb_finds_people_by_alias(kb: WorldKB) -> None:
    assert kb.find("To Lam", "2024-09-01") == kb.find("Tô Lâm") != ()
    assert [kb.name(p) for p in kb.find("Mr. Año")] == ["Eduardo Año"]
    roles = {h.role for h in kb.roles_of(kb.find("Eduardo Año")[0], "2024-09-01")}
    assert roles == {"National Security Advisor"}


@pytest.fixture(scope="module")
def fresh(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world") / "world_kb.zip"
    write_world_kb(build_world_kb(shared_dir), out)
    return out


@pytest.mark.shared
def test_packaged_kb_is_the_build_of_shared(fresh: Path) -> None:
    assert fresh.read_bytes() == PACKAGED.read_bytes(), (
        "rebuild: comity kb build --shared ../shared --out " + str(PACKAGED)
    )


@pytest.mark.shared
def test_coverage_of_top_offices_resolved_by_full_name(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 16: 40 countries at random (fixed seed), three dates: the head of state, head of government
    and foreign minister named in full resolve, on that date, to one person of the right country and sector."""
    world = load_world_kb(fresh)
    countries = sorted({e.country for e in load_kb().all_entries() if e.kind == "country" and e.country})
    slots = [
        (c, d, k)
        for c in random.Random(COVERAGE_SEED).sample(countries, 40)
        for d in COVERAGE_DATES
        for k in COVERAGE_KINDS
    ]
    misses = [(slot, why) for slot in slots if (why := _miss(world, *slot))]
    share = 1 - len(misses) / len(slots)
    with capsys.disabled():
        print(f"\nworld KB coverage: {share:.1%} of {len(slots)}; misses: {misses}")
    assert share >= COVERAGE_TARGET, misses


def _miss(world: WorldKB, country: str, date: str, kind: str) -> str:
    holders = world.holders(country, kind, date)
    if not holders:
        return "no holder"
    for holder in holders:
        name = world.name(holder.person)
        if world.find(name, date) != (holder.person,):
            return f"{name!r} resolves to {world.find(name, date)}"
        if not any(r.country == country and r.sector == "GOV" for r in world.roles_of(holder.person, date)):
            return f"{name!r} has no {country} GOV role"
    return ""
