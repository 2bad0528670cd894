"""Office holders named by title, and resolve_name's paths (no spaCy)."""

from __future__ import annotations

import pytest

from comity.extract.actors.kb import load_kb, resolve_name


@pytest.mark.parametrize(
    ("text", "date", "name"),
    [
        ("the Vietnamese Prime Minister", "2019-06-01", "Nguyen Xuan Phuc"),  # before the 2021-04-05 change
        ("the Vietnamese Prime Minister", "2021-04-06", "Pham Minh Chinh"),  # after it
        ("Chinese Foreign Minister", "2023-03-01", "Qin Gang"),
        ("Chinese Foreign Minister", "2023-08-01", "Wang Yi"),
        ("US Vice President", "2022-01-01", "Kamala Harris"),
        ("US President", "2022-01-01", "Joe Biden"),
        ("the Singaporean defence minister", "2020-01-01", "Ng Eng Hen"),  # "Minister for Defence"
        ("the US defense secretary", "2016-01-01", "Ash Carter"),  # "Secretary of Defense"
    ],
)
def test_office_holder_at_date(text: str, date: str, name: str) -> None:
    ref = load_kb().office_holder(text, date=date)
    assert ref is not None and ref.name == name and ref.text == text


def test_office_holder_needs_a_country_and_a_known_title() -> None:
    kb = load_kb()
    assert kb.office_holder("the Prime Minister", date="2020-01-01") is None
    assert kb.office_holder("the Vietnamese ambassador", date="2020-01-01") is None
    # Cambodia has a king; presidents of its Senate or of a party are not "the Cambodian President".
    assert kb.office_holder("the Cambodian President", date="2024-06-01") is None


def test_resolve_name_paths() -> None:
    kb = load_kb()
    assert resolve_name("Xi Jinping", kb, date="2020-01-01").resolution == "exact"
    assert resolve_name("Xi", kb, date="2020-01-01").resolution == "alias"
    fuzzy = resolve_name("Nguyen Phu Truong", kb, date="2023-01-01")
    assert (fuzzy.resolution, fuzzy.ref and fuzzy.ref.name) == ("fuzzy", "Nguyen Phu Trong")
    agent = resolve_name("the Chinese navy", kb)
    assert agent.resolution == "role" and agent.ref is not None and agent.ref.code == "CHNMIL"
    assert resolve_name("Mr Nobody", kb).resolution is None


def test_resolve_name_dated_role_changes_sector() -> None:
    kb = load_kb()
    before = resolve_name("To Lam", kb, date="2020-01-01").ref
    after = resolve_name("To Lam", kb, date="2025-01-01").ref
    assert before is not None and after is not None
    assert (before.sector, after.sector) == ("GOV", "PTY")
