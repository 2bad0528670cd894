"""Actor KB: countries, aliases, adjectives, capitals, organisations, dated roles, role nouns."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.errors import ConfigError
from comity.extract.actors.kb import load_kb, normalize


@pytest.mark.parametrize(
    ("text", "country", "code"),
    [
        ("China", "CHN", "CHN"),
        ("PRC", "CHN", "CHN"),
        ("People's Republic of China", "CHN", "CHN"),
        ("Viet Nam", "VNM", "VNM"),
        ("the US", "USA", "USA"),
        ("U.S.", "USA", "USA"),
        ("the United States", "USA", "USA"),
        ("Chinese", "CHN", "CHN"),
        ("Sino", "CHN", "CHN"),
        ("Vietnamese", "VNM", "VNM"),
        ("American", "USA", "USA"),
        ("Filipino", "PHL", "PHL"),
        ("Taiwan", "TWN", "TWN"),
        ("Palestine", "PSE", "PSE"),
        ("Kosovo", "XKX", "XKX"),
        ("Beijing", "CHN", "CHNGOV"),
        ("Hanoi", "VNM", "VNMGOV"),
        ("Washington", "USA", "USAGOV"),
        ("Manila", "PHL", "PHLGOV"),
        ("CPC", "CHN", "CHNPTY"),
        ("Communist Party of China", "CHN", "CHNPTY"),
        ("CPC Central Committee", "CHN", "CHNPTY"),
        ("CPV", "VNM", "VNMPTY"),
        ("Communist Party of Vietnam Central Committee", "VNM", "VNMPTY"),
        ("Voice of Vietnam", "VNM", "VNMMED"),
        ("Xinhua", "CHN", "CHNMED"),
        ("Global Times", "CHN", "CHNMED"),
        ("Chinese Academy of Social Sciences", "CHN", "CHNEDU"),
        ("China Coast Guard", "CHN", "CHNMIL"),
        ("ASEAN", None, "IGO"),
        ("World Bank", None, "IGO"),
        ("NATO", None, "IGO"),
        # a region's nations named as a group stand for its organisation, as annotators code them
        ("Pacific Rim nations", None, "IGO"),
        ("Southeast Asian nations", None, "IGO"),
        # seats of government told for the government (metonymy)
        ("the Kremlin", "RUS", "RUSGOV"),
        ("Zhongnanhai", "CHN", "CHNGOV"),
        ("Malacanang", "PHL", "PHLGOV"),
        ("Downing Street", "GBR", "GBRGOV"),
        ("Elysee Palace", "FRA", "FRAGOV"),
        ("the Duma", "RUS", "RUSLEG"),
    ],
)
def test_lookup_names(text: str, country: str | None, code: str) -> None:
    ref = load_kb().lookup(text, date="2023-12-01")
    assert ref is not None
    assert (ref.country, ref.code) == (country, code)
    assert ref.text == text


@pytest.mark.parametrize("text", ["us", "who", "party", "minister", "Atlantis"])
def test_lookup_unknown_or_case_sensitive(text: str) -> None:
    assert load_kb().lookup(text) is None


def test_all_un_members_are_present() -> None:
    kb = load_kb()
    for code in ("AFG", "BRA", "FJI", "KHM", "LAO", "MMR", "PRK", "KOR", "SSD", "ZWE"):
        ref = kb.country(code)
        assert ref is not None and ref.code == code + "GOV"


@pytest.mark.parametrize(
    ("name", "date", "sector", "code"),
    [
        ("Nguyen Phu Trong", "2023-12-01", "PTY", "VNMPTY"),
        ("Nguyen Phu Trong", "2017-11-24", "PTY", "VNMPTY"),
        ("Nguyen Phu Trong", "2024-09-01", None, "VNM"),
        ("Nguyễn Phú Trọng", "2023-12-01", "PTY", "VNMPTY"),
        ("Xi Jinping", "2023-12-01", "GOV", "CHNGOV"),
        ("Xi", "2023-12-01", "GOV", "CHNGOV"),
        ("Wang Yi", "2017-11-24", "GOV", "CHNGOV"),
        ("Wang", "2023-12-01", "GOV", "CHNGOV"),
        ("To Lam", "2024-09-01", "PTY", "VNMPTY"),
        ("To Lam", "2020-01-01", "GOV", "VNMGOV"),
        ("Joe Biden", "2023-12-01", "GOV", "USAGOV"),
        ("Fumio Kishida", "2023-12-01", "GOV", "JPNGOV"),
        ("Ferdinand Marcos Jr.", "2023-12-01", "GOV", "PHLGOV"),
        ("Hoang Binh Quan", "2017-10-30", "PTY", "VNMPTY"),
        ("Pan Jin'e", "2023-12-01", "EDU", "CHNEDU"),
    ],
)
def test_people_with_dated_roles(name: str, date: str, sector: str | None, code: str | None) -> None:
    ref = load_kb().lookup(name, date=date)
    assert ref is not None
    assert (ref.sector, ref.code) == (sector, code)


def test_role_at_date() -> None:
    kb = load_kb()
    assert "General Secretary" in (kb.role_at("Nguyen Phu Trong", "2023-12-01") or "")
    assert kb.role_at("Nguyen Phu Trong", "2024-09-01") is None
    assert "Prime Minister" in (kb.role_at("Nguyen Xuan Phuc", "2017-11-24") or "")
    assert "President" in (kb.role_at("Nguyen Xuan Phuc", "2022-01-01") or "")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vietnamese Prime Minister", "VNMGOV"),
        ("the Chinese leader", "CHNGOV"),
        ("Chinese navy", "CHNMIL"),
        ("the Philippine coast guard", "PHLMIL"),
        ("the head of the Vietnamese government", "VNMGOV"),
        ("General Secretary of the Communist Party of Vietnam Central Committee", "VNMPTY"),
        ("Japanese lawmakers", "JPNLEG"),
        ("Chinese experts", "CHNEDU"),
        ("Vietnamese newspaper", "VNMMED"),
        ("American firms", "USABUS"),
        ("the Chinese side", "CHNGOV"),
        ("US Secretary of State", "USAGOV"),
    ],
)
def test_describe_role_phrases(text: str, code: str) -> None:
    ref = load_kb().describe(text)
    assert ref is not None and ref.code == code


def test_describe_without_country_gives_sector_only() -> None:
    ref = load_kb().describe("foreign ministry spokesperson")
    assert ref is not None and (ref.country, ref.sector, ref.code) == (None, "GOV", None)


def test_normalize_strips_articles_accents_and_possessive() -> None:
    assert normalize("the Viet Nam’s") == "Viet Nam"
    assert normalize("Đà Nẵng") == "Da Nang"


def test_extra_user_file_takes_precedence(tmp_path: Path) -> None:
    extra = tmp_path / "people.csv"
    extra.write_text(
        "name,aliases,country,sector,role,start,end,source\n"
        "Jane Placeholder,Placeholder,VNM,GOV,Test minister,2020-01-01,,test\n",
        encoding="utf-8",
    )
    kb = load_kb(extra=[extra])
    ref = kb.lookup("Placeholder", date="2023-01-01")
    assert ref is not None and ref.code == "VNMGOV"
    assert load_kb().lookup("Placeholder") is None


def test_a_user_row_with_an_unquoted_comma_is_a_clear_error(tmp_path: Path) -> None:
    extra = tmp_path / "people.csv"
    extra.write_text(
        "name,aliases,country,sector,role,start,end,source\n"
        "Jane Placeholder,,VNM,GOV,Test minister,2020-01-01,,news report, 2020\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"Jane Placeholder.*quote a cell"):
        load_kb(extra=[extra])


def test_load_kb_is_cached() -> None:
    assert load_kb() is load_kb()


def test_capital_is_its_own_name_and_codes_the_government() -> None:
    ref = load_kb().lookup("Hanoi")
    assert ref is not None and (ref.name, ref.code) == ("Hanoi", "VNMGOV")
    assert load_kb().kind("Washington, D.C.") == "capital"


def test_near_miss_needs_an_office_holder_on_the_date() -> None:
    kb = load_kb()
    entry = kb.near_miss("Nguyen Phu Truong", date="2023-12-01")
    assert entry is not None and entry.name == "Nguyen Phu Trong"
    assert kb.near_miss("Nguyen Phu Truong", date="2025-01-01") is None  # out of office by then
    assert kb.near_miss("Nguyen Phu Trong", date="2023-12-01") is None  # exact name: no near miss
    assert kb.near_miss("Nguyen Van Binh", date="2023-12-01") is None


def test_named_things_have_their_own_label() -> None:
    kb = load_kb()
    assert (kb.label("BRI"), kb.label("South China Sea"), kb.label("Laos"), kb.label("Sino")) == (
        "LAW",
        "LOC",
        "GPE",
        "NORP",
    )


def test_user_file_of_named_things_and_listing(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("name,aliases,label,country,source\nRiver Accord,,LAW,LAO,test\n", encoding="utf-8")
    kb = load_kb(extra=[extra])
    assert kb.label("River Accord") == "LAW" and kb.lookup("River Accord") is not None
    assert any(e.name == "River Accord" for e in kb.all_entries())


def test_role_before_and_after_a_change_of_office() -> None:
    kb = load_kb()
    assert kb.role_at("To Lam", "2023-12-01") == "Minister of Public Security"
    assert kb.role_at("To Lam", "2024-09-01") == "General Secretary of the CPV Central Committee"


def test_may_start_name_is_a_safe_prefilter() -> None:
    """Every first word of a known name passes (however the tokenizer cuts it); others do not."""
    kb = load_kb()
    for word in ("People", "Viet", "U.S.", "Xi", "Hanoi", "ASEAN", "Việt"):
        assert kb.may_start_name(word), word
    assert not kb.may_start_name("Yesterday")
    assert not kb.may_start_name("Table")
