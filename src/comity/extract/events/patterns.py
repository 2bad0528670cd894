"""Trigger table (``data/triggers.csv``) and matching of triggers on parsed tokens.

The pipeline runs spaCy without its lemmatizer, so lemmas are guessed here from the word
form: a short table of irregular verbs plus English suffix rules. A guess only has to hit the
trigger table, so over-generation is harmless.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["Trigger", "lemma_candidates", "load_triggers", "match_trigger", "object_token"]

FRAMES = frozenset({"normal", "swap", "visit", "intent"})
ANY_OBJECT = "*"  # in the object column: any direct object is required ("returned the artefacts")
_IRREGULAR = {
    "met": "meet", "held": "hold", "paid": "pay", "made": "make", "gave": "give", "given": "give",
    "sent": "send", "sought": "seek", "told": "tell", "said": "say", "took": "take", "taken": "take",
    "threw": "throw", "struck": "strike", "fought": "fight", "undertook": "undertake", "saw": "see",
    "spoke": "speak", "spoken": "speak", "withdrew": "withdraw", "withdrawn": "withdraw", "led": "lead",
    "came": "come", "went": "go", "gone": "go", "brought": "bring", "built": "build", "won": "win",
    "rammed": "ram", "travelled": "travel", "travelling": "travel", "co-chaired": "co-chair",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of the trigger table."""

    lemma: str
    pos: str  # "verb" | "noun"
    objects: frozenset[str]  # required direct-object lemmas (empty: none required)
    prep: str | None  # required preposition child ("+in" in the table: optional, marks a target)
    cameo: str
    plover: str | None  # None: a CAMEO 01x statement, which has no PLOVER type
    frame: str  # normal | swap | visit | intent
    notes: str = ""
    target_prep: str | None = None  # an extra preposition introducing the target ("invested in")

    @property
    def specificity(self) -> int:
        return int(bool(self.objects)) + int(self.prep is not None)


def lemma_candidates(word: str, *, verbal: bool) -> set[str]:
    """Possible lemmas of ``word`` (lowercase), e.g. "visited" -> {"visited", "visit", "visite"}."""
    w = word.lower()
    out = {w}
    if w in _IRREGULAR:
        out.add(_IRREGULAR[w])
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    if w.endswith("es"):
        out.add(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        out.add(w[:-1])
    if verbal:
        for suffix in ("ed", "ing"):
            if w.endswith(suffix) and len(w) > len(suffix) + 2:
                stem = w[: -len(suffix)]
                out.update({stem, stem + "e"})
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    out.add(stem[:-1])
                if stem.endswith("i"):
                    out.add(stem[:-1] + "y")
    return out


def _parse_row(row: dict[str, str]) -> Trigger:
    frame = row["frame"].strip() or "normal"
    if frame not in FRAMES:
        raise ValueError(f"unknown trigger frame {frame!r} for {row['lemma']!r}")
    objects = frozenset(o.strip().lower() for o in row["object"].split("|") if o.strip())
    return Trigger(
        lemma=row["lemma"].strip().lower(),
        pos=row["pos"].strip(),
        objects=objects,
        prep=None if row["prep"].startswith("+") else (row["prep"].strip().lower() or None),
        target_prep=row["prep"][1:].strip().lower() if row["prep"].startswith("+") else None,
        cameo=row["cameo"].strip(),
        plover=row["plover"].strip() or None,
        frame=frame,
        notes=row.get("notes") or "",
    )


@functools.lru_cache(maxsize=1)
def load_triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, pos) -> triggers, most specific first (cached)."""
    text = (resources.files("comity.extract.events") / "data" / "triggers.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[tuple[str, str], list[Trigger]] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        trig = _parse_row(row)
        table.setdefault((trig.lemma, trig.pos), []).append(trig)
    return {k: tuple(sorted(v, key=lambda t: -t.specificity)) for k, v in table.items()}


def _is_verbal(token: Any) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def object_token(token: Any) -> Any | None:
    """The direct object of a verb (or, in the passive, its subject)."""
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return child
    return None


def _object_ok(token: Any, trig: Trigger) -> bool:
    if not trig.objects:
        return True
    obj = object_token(token)
    if obj is None:
        return False
    return ANY_OBJECT in trig.objects or bool(lemma_candidates(obj.text, verbal=False) & trig.objects)


def _prep_ok(token: Any, trig: Trigger) -> bool:
    if trig.prep is None:
        return True
    return any(c.dep_ in {"prep", "prt"} and c.lower_ == trig.prep for c in token.children)


def match_trigger(token: Any) -> Trigger | None:
    """The trigger this token realises, if any (most specific table row first)."""
    table = load_triggers()
    if _is_verbal(token):
        pos = "verb"
    elif token.pos_ in {"NOUN", "PROPN"}:
        pos = "noun"
    else:
        return None
    for lemma in sorted(lemma_candidates(token.text, verbal=pos == "verb")):
        for trig in table.get((lemma, pos), ()):
            if _object_ok(token, trig) and _prep_ok(token, trig):
                return trig
    return None
