"""Every row of the trigger table (src/comity/extract/events/data/triggers.csv) has an example in
the golden tables: a case that expects an event the row gives. Rows without a correct example yet
are listed, with a sentence and the reason, in tests/golden/events/trigger_rows_without_example.tsv."""

from __future__ import annotations

import csv
import functools
from typing import Any

import pytest

from comity.extract.events.patterns import Trigger, load_triggers
from golden_kit import GOLDEN, RowKey, code_case, expected_rows, load_cases, row_key

pytestmark = pytest.mark.slow

UNEXAMPLED = GOLDEN / "trigger_rows_without_example.tsv"


def _table_rows() -> dict[RowKey, Trigger]:
    return {row_key(t): t for rows in load_triggers().values() for t in rows}


def _row_named(line: dict[str, str]) -> RowKey | None:
    """The table row a line of the list names (its columns as in triggers.csv), or None."""
    objects = "|".join(sorted(o for o in line["object"].split("|") if o))
    for key, trig in _table_rows().items():
        if (trig.lemma, trig.pos, key[2], key[3], trig.cameo) == (
            line["lemma"], line["pos"], objects, line["prep"], line["cameo"],
        ):  # fmt: skip
            return key
    return None


def _unexampled_lines() -> list[dict[str, str]]:
    text = UNEXAMPLED.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@functools.cache
def _examples(nlp: Any) -> frozenset[RowKey]:
    rows: set[RowKey] = set()
    for case in load_cases():
        rows |= expected_rows(code_case(nlp, case), case)
    return frozenset(rows)


def test_every_trigger_row_has_a_golden_example_or_is_listed(nlp: Any) -> None:
    listed = {_row_named(line) for line in _unexampled_lines()}
    missing = [key for key in _table_rows() if key not in _examples(nlp) and key not in listed]
    assert not missing, missing


def test_a_listed_row_has_no_example_yet(nlp: Any) -> None:
    """Once a golden case expects the row's event, the row leaves the list."""
    examples = _examples(nlp)
    stale = [line["lemma"] for line in _unexampled_lines() if _row_named(line) in examples]
    assert not stale, stale


def test_the_list_names_table_rows_each_with_a_sentence_and_a_reason() -> None:
    lines = _unexampled_lines()
    assert lines
    assert all(_row_named(line) is not None for line in lines), [
        line["lemma"] for line in lines if _row_named(line) is None
    ]
    assert all(line["sentence"].endswith(".") and line["reason"] for line in lines)
    assert len({_row_named(line) for line in lines}) == len(lines)
