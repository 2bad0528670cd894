"""A tiny world office-holder KB for tests: invented people with invented roles in real countries.

``tiny_world()`` builds a ``WorldKB`` in memory from the rows below (the same tables ``comity kb build``
writes: holdings, people, aliases with the number of people sharing each key), and ``tiny_kb()`` a hand
KB of a few countries that consults it.
"""

from __future__ import annotations

from collections import Counter

from comity.extract.actors.kb import ActorKB, kb_from_csv
from comity.extract.actors.world.index import WorldKB, name_key

COUNTRIES = (
    "iso3,name,aliases,adjectives,capitals,source\n"
    "VNM,Vietnam,Viet Nam,Vietnamese,Hanoi,test\n"
    "CHN,China,,Chinese,Beijing,test\n"
    "USA,United States,US|U.S.,American,Washington,test\n"
    "JPN,Japan,,Japanese,Tokyo,test\n"
    "PHL,Philippines,,Philippine|Filipino,Manila,test\n"
)
ROLES = "noun,sector,notes\npresident,GOV,\npremier,GOV,\nminister,GOV,\nsecretary,GOV,\nambassador,GOV,\n"

#: id, name, gender, [(country, sector, kinds, role, start, end)], [(alias, form, kind)] beyond the name
PEOPLE: list[tuple[str, str, str, list[tuple[str, str, str, str, str, str]], list[tuple[str, str, str]]]] = [
    ("T1", "Anna Varga", "female",
     [("VNM", "GOV", "foreign_minister", "Minister of Foreign Affairs", "2020-01-01", "2023-01-01")],
     [("Varga", "surname", ""), ("Ms. Varga", "honorific", "")]),
    ("T2", "Li Wen", "male",
     [("CHN", "GOV", "head_of_government", "Premier of the State Council", "2018-01-01", "2023-03-11")],
     [("Li", "surname", ""), ("Mr. Li", "honorific", ""), ("Premier Li", "title", "head_of_government")]),
    ("T3", "Li Bo", "male",
     [("CHN", "GOV", "head_of_government", "Premier of the State Council", "2023-03-11", "")],
     [("Li", "surname", ""), ("Mr. Li", "honorific", ""), ("Premier Li", "title", "head_of_government")]),
    ("T4", "Li Tao", "male",
     [("CHN", "GOV", "minister", "Minister of Commerce", "2019-01-01", "")],
     [("Li", "surname", ""), ("Mr. Li", "honorific", "")]),
    ("T5", "Marco Brun", "male",
     [("USA", "MIL", "military_chief", "Chairman of the Joint Chiefs of Staff", "2021-01-01", "")],
     [("Brun", "surname", ""), ("Gen. Brun", "title", "military_chief")]),
    ("T6", "Paula Brun", "female",
     [("USA", "GOV", "minister", "Secretary of Commerce", "2021-01-01", "")],
     [("Brun", "surname", ""), ("Ms. Brun", "honorific", "")]),
    ("T7", "Hana Sato", "female",
     [("JPN", "GOV", "head_of_government", "Prime Minister", "2010-01-01", "2015-01-01")],
     [("Sato", "surname", ""), ("Sato Hana", "swapped", "")]),
    ("T8", "Rafael Cruz", "male",
     [("PHL", "GOV", "defence_minister", "Secretary of National Defense", "2016-06-30", "2022-06-30")],
     [("Cruz", "surname", ""), ("Mr. Cruz", "honorific", "")]),
    ("T9", "Jose Reyes Jr.", "male",
     [("PHL", "GOV", "head_of_state", "President of the Philippines", "2022-06-30", "")],
     []),
]  # fmt: skip


def tiny_world() -> WorldKB:
    holdings, people, aliases = [], [], []
    for person, name, gender, roles, extra in PEOPLE:
        people.append(f"{person}\t{name}\t{gender}\ttest")
        for country, sector, kinds, role, start, end in roles:
            precision = "open" if not end else "day"
            holdings.append(
                f"{country}\t{person}\t{sector}\t{kinds}\t{role}\t{start}\tday\t{end}\t{precision}\ttest\tc\tMIT"
            )
        for alias, form, kind in [(name, "name", ""), *extra]:
            aliases.append((name_key(alias), alias, person, form, kind))
    shared = Counter(key for key, _ in {(a[0], a[2]) for a in aliases})
    alias_lines = [f"{k}\t{a}\t{p}\t{f}\t{kind}\t{shared[k]}\ttest" for k, a, p, f, kind in aliases]
    tables = {
        "holdings.tsv": sorted(holdings),
        "people.tsv": sorted(people),
        "aliases.tsv": sorted(alias_lines),
        "sources.tsv": ["test\t\tc\tMIT\t\ttest"],
    }
    return WorldKB(tables)


def tiny_kb(*hand_tables: str) -> ActorKB:
    """A hand KB of a few countries (plus ``hand_tables``) that consults the tiny world KB."""
    return kb_from_csv([*hand_tables, COUNTRIES, ROLES], world=tiny_world())
