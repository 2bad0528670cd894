"""The status-attribution figure of ``comity eval realnews`` (comity.evaluate.realnews_facts)."""

from __future__ import annotations

from comity.evaluate.realnews_facts import status_attribution

TEXT = "The alliance of A and B holds. Nothing else. C and D signed a treaty."


def _gold(start: int, end: int, countries: list[str]) -> dict[str, object]:
    return {"doc": "d", "measure": "relationship_status", "start": start, "end": end,
            "countries": countries, "value": "alliance"}  # fmt: skip


def _pred(evidence: str, subject: str) -> dict[str, object]:
    return {"_doc": "d", "measure": "relationship_status", "subject": subject, "value": "alliance",
            "evidence": evidence, "evidence_start": TEXT.index(evidence)}  # fmt: skip


def test_right_and_wrong_pairs_in_gold_sentences_and_statuses_outside_them() -> None:
    gold = [_gold(0, 30, ["USA", "PHL"])]
    preds = [_pred("alliance", "PHL-USA"), _pred("alliance of A", "CHN-PHL"), _pred("treaty", "JPN-USA")]
    figure = status_attribution(preds, gold, {"d": TEXT})
    assert {k: figure[k] for k in ("attributed", "right_pair", "share", "outside_gold", "gold_found")} == {
        "attributed": 2, "right_pair": 1, "share": 0.5, "outside_gold": 1, "gold_found": 1
    }  # fmt: skip
    assert figure["wrong_examples"][0]["predicted"] == "CHN-PHL"


def test_no_status_predicted_gives_a_zero_share_not_an_error() -> None:
    figure = status_attribution([], [_gold(0, 30, ["USA", "PHL"])], {"d": TEXT})
    assert (figure["attributed"], figure["share"], figure["gold"]) == (0, 0.0, 1)
