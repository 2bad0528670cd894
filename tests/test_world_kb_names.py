"""Generated aliases of the world KB: ASCII folding, honorific or title before the called-by name,
family-name-first naming, initials, CIA spellings, and the lookup key."""

from __future__ import annotations

import pytest

from comity.extract.actors.world.index import ascii_fold, name_key
from comity.extract.actors.world.names import NameFacts, aliases_of, called_by, cia_called_by, proper_case
from comity.extract.actors.world.tables import load_rules

PARTICLES = load_rules().particles


def _aliases(name: str, country: str, *, gender: str = "male", titles: tuple[tuple[str, str], ...] = (),
             cia: str = "", enwiki: str = "") -> dict[str, str]:  # fmt: skip
    facts = NameFacts((name,), gender, enwiki, country, titles, cia, ())
    return {alias: form for alias, form, _ in aliases_of(facts, load_rules())}


def test_ascii_folding_of_vietnamese_and_other_letters() -> None:
    assert ascii_fold("Tô Lâm") == "To Lam"
    assert ascii_fold("Nguyễn Phú Trọng") == "Nguyen Phu Trong"
    assert ascii_fold("Đặng Quốc Khánh") == "Dang Quoc Khanh"
    assert ascii_fold("Łukasz Søren Strauß") == "Lukasz Soren Strauss"


def test_name_key_ignores_accents_case_periods_and_hyphens() -> None:
    assert name_key("Mr. Año") == name_key("mr ano") == "mr ano"
    assert name_key("Yoon Suk-yeol") == name_key("Yoon Suk Yeol")
    assert name_key("Tô Lâm") == name_key("TO LAM")


def test_vietnamese_name_gets_its_ascii_form_and_the_last_word_after_a_title() -> None:
    aliases = _aliases("Tô Lâm", "VNM", titles=(("President", "head_of_state"),))
    assert aliases["To Lam"] == "ascii"
    assert aliases["Mr. Lâm"] == "honorific" and aliases["President Lâm"] == "title"
    assert "Mr. Tô" not in aliases


def test_honorific_follows_the_recorded_gender() -> None:
    assert {"Ms. Raimondo", "Mrs. Raimondo"} <= set(_aliases("Gina Raimondo", "USA", gender="female"))
    assert "Mr. Raimondo" not in _aliases("Gina Raimondo", "USA", gender="female")
    assert not any(a.startswith(("Mr.", "Ms.")) for a in _aliases("Someone Unknown", "USA", gender=""))


def test_title_alias_and_name_suffix() -> None:
    aliases = _aliases(
        "Charles Q. Brown Jr.", "USA", titles=(("Gen.", "military_chief"), ("General", "military_chief"))
    )
    assert {"Gen. Brown", "General Brown", "Mr. Brown", "C. Brown"} <= set(aliases)


def test_chinese_and_korean_names_are_family_name_first() -> None:
    chinese = _aliases("Li Qiang", "CHN", titles=(("Premier", "head_of_government"),))
    assert {"Premier Li", "Mr. Li"} <= set(chinese)
    assert chinese["Qiang Li"] == "swapped"
    assert "President Yoon" in _aliases("Yoon Suk Yeol", "KOR", titles=(("President", "head_of_state"),))


def test_japanese_name_also_in_family_name_first_order() -> None:
    aliases = _aliases("Fumio Kishida", "JPN", titles=(("Prime Minister", "head_of_government"),))
    assert aliases["Kishida Fumio"] == "swapped" and "Prime Minister Kishida" in aliases


def test_given_name_called_countries_and_no_surname_countries() -> None:
    assert "Prime Minister Abiy" in _aliases(
        "Abiy Ahmed", "ETH", titles=(("Prime Minister", "head_of_government"),)
    )
    assert not any(a.startswith("Mr.") for a in _aliases("Min Aung Hlaing", "MMR"))


def test_spanish_names_get_both_surnames_and_an_acronym() -> None:
    aliases = _aliases("Andrés Manuel López Obrador", "MEX", titles=(("President", "head_of_state"),))
    assert {"President López Obrador", "President Obrador", "AMLO"} <= set(aliases)


def test_particles_stay_with_the_surname() -> None:
    assert "Ms. von der Leyen" in _aliases("Ursula von der Leyen", "DEU", gender="female")
    assert "President Sisi" in _aliases(
        "Abdel Fattah el-Sisi", "EGY", titles=(("President", "head_of_state"),)
    )


def test_gendered_title_and_regnal_number() -> None:
    assert "King Charles" in _aliases("Charles III", "GBR", titles=(("King/Queen", "head_of_state"),))
    assert "Queen Elizabeth" in _aliases(
        "Elizabeth II", "GBR", gender="female", titles=(("King/Queen", "head_of_state"),)
    )


def test_cia_spelling_and_capitals() -> None:
    assert cia_called_by("ABIY Ahmed") == "Abiy"
    assert cia_called_by("Andres Manuel LOPEZ OBRADOR") == "Lopez Obrador"
    assert cia_called_by("CHEA CHANTO") == ""  # all capitals: no clue
    assert proper_case("Fernando CHUI Sai-on") == "Fernando Chui Sai-on"
    aliases = _aliases(
        "Lee Hsien Loong", "SGP", cia="LEE Hsien Loong", titles=(("Prime Minister", "head_of_government"),)
    )
    assert "Prime Minister Lee" in aliases and "Prime Minister Loong" not in aliases


def test_enwiki_title_without_disambiguation_is_an_alias() -> None:
    assert _aliases("Wang Yi", "CHN", enwiki="Wang Yi (politician)")["Wang Yi"] == "name"
    assert (
        _aliases("Vladimir Zantariya", "RUS", enwiki="Vladimir Zantaria (writer)")["Vladimir Zantaria"]
        == "enwiki"
    )


@pytest.mark.parametrize(
    ("name", "convention", "expected"),
    [
        ("Xi Jinping", "first", ["Xi"]),
        ("John Lee Ka-chiu", "hyphen", ["Lee"]),
        ("Carrie Lam", "hyphen", ["Lam"]),
        ("Luiz Inácio Lula da Silva", "last", ["da Silva"]),
        ("Min Aung Hlaing", "none", []),
        ("Suharto", "last", ["Suharto"]),
    ],
)
def test_called_by_name_per_convention(name: str, convention: str, expected: list[str]) -> None:
    assert called_by(name, convention, PARTICLES) == expected


def test_the_called_by_name_alone_is_a_surname_alias() -> None:
    assert _aliases("Dmytro Kuleba", "UKR")["Kuleba"] == "surname"
    assert _aliases("Li Qiang", "CHN")["Li"] == "surname"
    assert _aliases("Tô Lâm", "VNM")["Lâm"] == "surname"
