"""``comity eval facts``: score quantitative and relationship-status facts on the seed gold.

A predicted fact matches a gold fact of the same document when (``gold/README.md``):

* **measure**: the gold's free-text measure, read by the keyword rules of
  ``data/fact_measures.toml``, is the comity measure; a regional scope in the gold wording
  ("within ASEAN") must equal the scope comity appends to the subject (``VNM-CHN/ASEAN``);
* **value**: numbers within 0.5 % of the larger; status labels equal (case-insensitive, a
  trailing "(...)" note dropped, the aliases of the data file applied);
* **period**: ``since X`` matches a gold interval starting in X (at the coarser precision);
  any other period matches when one interval contains the other; a fact with no period is
  taken to hold at the document's date. Gold ``..`` ends are open; notes in parentheses are
  dropped.

Matching is one-to-one. Predicted facts are first grouped per document by (measure, subject,
value): restating the same figure or status counts once. Precision is over these groups, recall
over gold facts (``tier == core`` and all); ``status_found`` lists every gold status fact and
whether a predicted status fact overlaps its evidence (``found``) and whether it matches
(``matched``).

>>> period_matches("since 2008", "2008/2023-12", None)
True
>>> period_matches(None, "2023-12/..", "2023-12-13")
True
>>> period_matches("2023", "2022", None)
False
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from comity.config import Settings
from comity.errors import ConfigError
from comity.evaluate.events_seeds import SeedDoc, _jsonl, _texts_dir, seed_date
from comity.records import DocumentResult, Fact

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB

__all__ = [
    "evaluate_facts",
    "gold_measure",
    "period_matches",
    "run_seeds",
    "score_facts",
    "seed_docs",
]

Report = dict[str, Any]
Gold = dict[str, Any]
TOLERANCE = 0.005
_MAX_EXAMPLES = 20
_NOTE = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True, slots=True)
class _Rules:
    measures: list[tuple[list[re.Pattern[str]], re.Pattern[str] | None, str]]
    scopes: list[tuple[re.Pattern[str], str]]
    statuses: list[tuple[re.Pattern[str], str]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    text = (resources.files("comity.evaluate") / "data" / "fact_measures.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return _Rules(
        measures=[
            (
                [re.compile(p, re.I) for p in r.get("all", [])],
                re.compile(r["unit"], re.I) if "unit" in r else None,
                r["measure"],
            )
            for r in data["rules"]
        ],
        scopes=[(re.compile(k, re.I), v) for k, v in data["scopes"].items()],
        statuses=[(re.compile(k, re.I), v) for k, v in data["status_values"].items()],
    )


def gold_measure(wording: str, unit: str | None = None) -> tuple[str, str | None]:
    """(comity measure or ``other``, scope or None) of a gold measure's wording (and unit).

    A rule with a ``unit`` pattern also needs the gold unit to match it in full.

    >>> gold_measure("rank among China's trading partners within ASEAN")
    ('trade_partner_rank', 'ASEAN')
    >>> gold_measure("session number of the meeting")
    ('other', None)
    >>> gold_measure("session number of the meeting", "ordinal")
    ('ordinal', None)
    """
    rules = _rules()
    measure = next(
        (
            m
            for pats, unit_re, m in rules.measures
            if all(p.search(wording) for p in pats)
            and (unit_re is None or (unit is not None and unit_re.fullmatch(unit.strip()) is not None))
        ),
        "other",
    )
    scope = next((s for p, s in rules.scopes if p.search(wording)), None)
    return measure, scope


def _unit(gold: Gold) -> str | None:
    unit = gold.get("unit")
    return str(unit) if unit else None


def _status_label(value: str) -> str:
    label = _NOTE.sub("", value.strip().lower())
    return next((alias for p, alias in _rules().statuses if p.search(label)), label)


def values_match(predicted: float | str | None, gold: Any) -> bool:
    if isinstance(predicted, int | float) and isinstance(gold, int | float) and not isinstance(gold, bool):
        return abs(predicted - gold) <= TOLERANCE * max(abs(predicted), abs(gold))
    if isinstance(predicted, str) and isinstance(gold, str):
        return _status_label(predicted) == _status_label(gold)
    return False


# -- periods --------------------------------------------------------------------------------
def _point(text: str, *, end: bool) -> tuple[date, int] | None:
    """First (or last, ``end``) day of an ISO day, month, quarter or year, and its precision."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text), 3
        if re.fullmatch(r"\d{4}-\d{2}", text):
            first = date(int(text[:4]), int(text[5:]), 1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            return (last if end else first), 2
        if re.fullmatch(r"\d{4}-Q[1-4]", text):
            month = 3 * int(text[-1]) - 2
            first = date(int(text[:4]), month, 1)
            last = (first + timedelta(days=92)).replace(day=1) - timedelta(days=1)
            return (last if end else first), 1
        if re.fullmatch(r"\d{4}", text):
            return (date(int(text), 12, 31) if end else date(int(text), 1, 1)), 1
    except ValueError:
        return None
    return None


def _interval(text: str) -> tuple[date, date] | None:
    text = _NOTE.sub("", text).strip()
    first_text, _, last_text = text.partition("/") if "/" in text else (text, "", text)
    first = date.min if first_text in ("", "..") else (_point(first_text, end=False) or (None, 0))[0]
    last = date.max if last_text in ("", "..") else (_point(last_text, end=True) or (None, 0))[0]
    return (first, last) if first is not None and last is not None else None


def period_matches(predicted: str | None, gold: str | None, doc_date: str | None) -> bool:
    """Whether a predicted period fits the gold one (rules in the module docstring)."""
    if not gold:
        return not predicted
    if predicted and predicted.startswith("since "):
        start = _NOTE.sub("", gold).split("/")[0]
        since = predicted[len("since ") :]
        size = min(len(start), len(since))
        return start not in ("", "..") and start[:size] == since[:size]
    value = predicted or (doc_date[:10] if doc_date else None)
    mine, theirs = _interval(value) if value else None, _interval(gold)
    if mine is None or theirs is None:
        return False
    return (mine[0] <= theirs[0] and theirs[1] <= mine[1]) or (theirs[0] <= mine[0] and mine[1] <= theirs[1])


# -- scoring --------------------------------------------------------------------------------
def _scope(subject: str) -> str | None:
    return subject.split("/", 1)[1] if "/" in subject else None


def fact_matches(fact: Fact, gold: Gold, doc_date: str | None) -> bool:
    measure, scope = gold_measure(str(gold["measure"]), _unit(gold))
    return (
        fact.measure == measure
        and (measure == "relationship_status" or _scope(fact.subject) == scope)
        and values_match(fact.value, gold.get("value"))
        and period_matches(fact.period, gold.get("period"), doc_date)
    )


def _groups(facts: Sequence[Fact]) -> list[list[Fact]]:
    groups: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in facts:
        groups.setdefault((fact.measure, fact.subject, str(fact.value)), []).append(fact)
    return list(groups.values())


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _overlaps(fact: Fact, gold: Gold) -> bool:
    return fact.evidence.start < int(gold["end"]) and int(gold["start"]) < fact.evidence.end


def score_facts(
    predicted: Mapping[str, Sequence[Fact]], gold: Sequence[Gold], dates: Mapping[str, str | None]
) -> Report:
    """Precision, recall (core, all), F1, per-measure scores, status facts found, error examples."""
    matched: dict[str, tuple[str, int]] = {}  # gold id -> (doc, group index)
    n_groups, right = 0, 0
    spurious: list[Report] = []
    per_measure: dict[str, dict[str, int]] = {}
    for doc, facts in predicted.items():
        want = [g for g in gold if g["doc"] == doc]
        groups = _groups(facts)
        n_groups += len(groups)
        for index, members in enumerate(groups):
            stats = per_measure.setdefault(
                members[0].measure, {"predicted": 0, "right": 0, "gold": 0, "found": 0}
            )
            stats["predicted"] += 1
            hit = next(
                (
                    g
                    for g in want
                    if g["id"] not in matched and any(fact_matches(f, g, dates.get(doc)) for f in members)
                ),
                None,
            )
            if hit is None:
                first = members[0]
                spurious.append({"doc": doc, "measure": first.measure, "subject": first.subject,
                                 "value": first.value, "period": first.period,
                                 "evidence": first.evidence.text[:160]})  # fmt: skip
                continue
            matched[hit["id"]] = (doc, index)
            right += 1
            stats["right"] += 1
    for g in gold:
        measure = gold_measure(str(g["measure"]), _unit(g))[0]
        stats = per_measure.setdefault(measure, {"predicted": 0, "right": 0, "gold": 0, "found": 0})
        stats["gold"] += 1
        stats["found"] += g["id"] in matched
    core = [g for g in gold if g.get("tier") == "core"]
    precision = right / n_groups if n_groups else 0.0
    recall_core = sum(g["id"] in matched for g in core) / len(core) if core else 0.0
    recall_all = len(matched) / len(gold) if gold else 0.0
    missed = [
        {"id": g["id"], "tier": g.get("tier"), "measure": g["measure"], "maps_to": gold_measure(str(g["measure"]), _unit(g))[0],
         "value": g.get("value"), "period": g.get("period"), "evidence": g["evidence"][:160]}
        for g in gold if g["id"] not in matched
    ]  # fmt: skip
    return {
        "format": "seeds",
        "docs": len(predicted),
        "gold": len(gold),
        "gold_core": len(core),
        "predicted": n_groups,
        "predicted_mentions": sum(map(len, predicted.values())),
        "correct": right,
        "precision": round(precision, 4),
        "recall_core": round(recall_core, 4),
        "recall_all": round(recall_all, 4),
        "f1_core": _f1(precision, recall_core),
        "f1_all": _f1(precision, recall_all),
        "status_found": _status_found(predicted, gold, matched),
        "per_measure": {
            k: {
                **v,
                "precision": round(v["right"] / v["predicted"], 4) if v["predicted"] else 0.0,
                "recall": round(v["found"] / v["gold"], 4) if v["gold"] else 0.0,
            }
            for k, v in sorted(per_measure.items())
        },
        "errors": {"missed": missed[:_MAX_EXAMPLES], "spurious": spurious[:_MAX_EXAMPLES]},
    }


def _status_found(
    predicted: Mapping[str, Sequence[Fact]], gold: Sequence[Gold], matched: Mapping[str, Any]
) -> Report:
    rows = []
    for g in gold:
        if g["measure"] != "relationship_status":
            continue
        near = [
            f for f in predicted.get(g["doc"], ()) if f.measure == "relationship_status" and _overlaps(f, g)
        ]
        rows.append({"id": g["id"], "tier": g.get("tier"), "value": g.get("value"), "found": bool(near),
                     "matched": g["id"] in matched,
                     "predicted": sorted({str(f.value) for f in near})})  # fmt: skip
    return {
        "gold": len(rows),
        "found": sum(r["found"] for r in rows),
        "matched": sum(r["matched"] for r in rows),
        "all_found": all(r["found"] for r in rows),
        "facts": rows,
    }


# -- running --------------------------------------------------------------------------------
def seed_docs(folder: Path) -> list[SeedDoc]:
    """The documents of a seed gold folder with their texts and gold dates."""
    texts = _texts_dir(folder)
    return [
        SeedDoc(r["doc"], (texts / r["doc"]).read_text(encoding="utf-8"), seed_date(r))
        for r in _jsonl(folder / "documents.jsonl")
    ]


def seed_gold(folder: Path, gold_file: str) -> tuple[list[SeedDoc], list[dict[str, Any]]]:
    """A seed gold folder's documents and the rows of ``gold_file`` that belong to them."""
    if not (folder / gold_file).is_file() or not (folder / "documents.jsonl").is_file():
        raise ConfigError(f"--gold {str(folder)!r} needs {gold_file} and documents.jsonl")
    docs = seed_docs(folder)
    names = {d.name for d in docs}
    return docs, [g for g in _jsonl(folder / gold_file) if g["doc"] in names]


def run_seeds(
    docs: Sequence[SeedDoc], settings: Settings | None = None, *, kb: ActorKB
) -> dict[str, DocumentResult]:
    """Run the pipeline (with the actor KB ``kb``) on seed documents (dated by their gold date):
    name -> result."""
    from comity.clean import build_article
    from comity.config import load_settings
    from comity.errors import RejectedInput
    from comity.pipeline import Pipeline
    from comity.records import Rejection, SourceItem

    settings = settings or load_settings()
    articles = []
    for doc in docs:
        item = SourceItem(
            name=doc.name, content=doc.text, fmt="text", date=doc.date, size=len(doc.text.encode())
        )
        try:
            articles.append(build_article(item, settings))
        except RejectedInput:
            continue
    out: dict[str, DocumentResult] = {}
    for result in Pipeline(settings, kb).analyse(articles):
        if not isinstance(result, Rejection):
            out[result.article.name] = result
    return out


def evaluate_facts(path: Path, *, kb: ActorKB, settings: Settings | None = None) -> Report:
    """Run the pipeline (with the actor KB ``kb``) on the seed folder ``path`` and score its facts."""
    docs, gold = seed_gold(path, "facts.jsonl")
    results = run_seeds(docs, settings, kb=kb)
    predicted = {d.name: results[d.name].facts if d.name in results else () for d in docs}
    dates = {d.name: d.date for d in docs}
    return {"gold_path": str(path), **score_facts(predicted, gold, dates)}
