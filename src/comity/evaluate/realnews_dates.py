"""Dates of the events whose type and both sides are right: the share dated right, and why the rest are not.

Each pair of a ``dyad``-level matching (prediction, gold row) is checked with the scorer's date rule
(``date_ok``). The caller pairs with ``match_events(..., prefer=date_ok)``: when two gold rows of the same
type and sides overlap one sentence ("had talks today, building on the summit in November 2023"), the
tie goes to the pairing with the right date, as the scorer's ``dated`` level pairs them, not to text
order. A pair that fails gets the first class that fits:

* ``no_date``: the gold has a date, the prediction none;
* ``dated_undated``: the gold leaves the event undated (no ``date_alt`` accepts the prediction's date);
* ``unreadable``: the predicted value is no day, month, year or "A/B" interval ("../2017-11-01");
* ``after_publication``: the predicted date starts after the article's publication date, the gold's not;
* ``reference_date_taken``: the prediction took the publication date of an event the gold dates elsewhere;
* ``too_coarse``: the prediction contains the gold date but is less precise ("2017" for "2017-11-09");
* ``wrong_year``: the predicted and gold dates lie in different years;
* ``off_by_days``: within a week of the gold date;
* ``other``: anything else (another month of the same year).

Each class keeps a count and up to ``EXAMPLES`` examples.

>>> date_class({"date": "2024-03-25"}, {"date": "2024-03-23"}, "2024-03-24")
'after_publication'
>>> date_class({"date": "2024-03-24"}, {"date": "2024-03-23"}, "2024-03-24")
'reference_date_taken'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from comity.evaluate.realnews_score import Match, date_ok, interval

__all__ = ["EXAMPLES", "date_class", "dyad_date_scores"]

Row = dict[str, Any]
EXAMPLES = 5
NEAR = dt.timedelta(days=7)


def _gold_span(gold: Row) -> tuple[dt.date, dt.date] | None:
    return interval(str(gold["date"])) if gold.get("date") is not None else None


def date_class(pred: Row, gold: Row, published: str | None) -> str:
    """Why ``pred`` (dyad-matched to ``gold``, date not accepted) has the wrong date."""
    predicted = pred.get("date")
    if predicted is None:
        return "no_date"
    wanted = _gold_span(gold)
    if wanted is None:
        return "dated_undated"
    mine = interval(str(predicted))
    if mine is None:
        return "unreadable"
    day = interval(published[:10]) if published else None
    if day is not None and mine[0] > day[1] and wanted[0] <= day[1]:
        return "after_publication"
    if day is not None and mine == day:
        return "reference_date_taken"
    if mine[0] <= wanted[0] and wanted[1] <= mine[1]:
        return "too_coarse"
    if mine[0].year != wanted[0].year and mine[1].year != wanted[1].year:
        return "wrong_year"
    if mine[0] - NEAR <= wanted[1] and wanted[0] <= mine[1] + NEAR:
        return "off_by_days"
    return "other"


def _example(pred: Row, gold: Row, published: str | None) -> Row:
    return {
        "doc": gold["doc"],
        "gold": {k: gold.get(k) for k in ("id", "type", "date", "date_alt", "modality", "quote")},
        "predicted": {k: pred.get(k) for k in ("date", "date_text", "date_basis", "modality", "trigger")},
        "published": published,
    }


def dyad_date_scores(
    preds: Sequence[Row], gold: Sequence[Row], dyad: Match, published: dict[str, str]
) -> dict[str, Any]:
    """Of the dyad-matched pairs, how many have the right date, and the classes of the others;
    ``published`` maps a document name to its publication date."""
    right = 0
    errors: Counter[str] = Counter()
    examples: dict[str, list[Row]] = {}
    for j, i in sorted(dyad.pairs.items()):
        p, g = preds[j], gold[i]
        if date_ok(p, g):
            right += 1
            continue
        day = published.get(g["doc"])
        kind = date_class(p, g, day)
        errors[kind] += 1
        if len(examples.setdefault(kind, [])) < EXAMPLES:
            examples[kind].append(_example(p, g, day))
    total = len(dyad.pairs)
    return {
        "dyad_matched": total,
        "right_date": right,
        "share": round(right / total, 3) if total else 0.0,
        "errors": dict(errors.most_common()),
        "examples": examples,
    }
