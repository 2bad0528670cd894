"""A learned sentence classifier for event types: which PLOVER types a sentence reports.

One-vs-rest logistic regression over a sentence's lemmas (content words, the root, verbs), its entity
labels, negation and modal verbs. It is trained by ``scripts/train_sentence_types.py`` on the team's
real-news dev gold, split by document; the weights and the data card are in
``data/sentence_types.json`` and ``data/sentence_types.md``. The file holds lemmas and numbers only,
never text. ``hybrid.v1`` (``hybrid.py``) uses it to add the types the trigger rules missed.

>>> model = SentenceTypeModel(("CONSULT",), {"L:meet": 0}, ((2.0,),), (-1.0,), (0.5,), ("040",))
>>> model.probabilities({"L:meet", "L:weather"})
{'CONSULT': 0.7310585786300049}
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from comity.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["FEATURE_VERSION", "SentenceTypeModel", "load_sentence_types", "sentence_features"]

#: Bumped whenever ``sentence_features`` changes: a model trained on other features is refused.
FEATURE_VERSION = 1
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "AUX", "PART"})
# Part of the feature definition the weights were trained on (not a lexicon set a user may edit):
# changing it means a new FEATURE_VERSION and retraining.
_MODALS = frozenset({"would", "could", "might", "may", "will"})
DATA_FILE = "sentence_types.json"


def sentence_features(sent: Span) -> set[str]:
    """The sentence's features: ``L:`` content lemma, ``R:`` root lemma, ``V:`` verb lemma, ``E:``
    entity label, ``NEG`` (a negation), ``MOD:`` a modal verb."""
    found: set[str] = set()
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ in _CONTENT_POS and lemma.isalpha():
            found.add("L:" + lemma)
            if token.head.i == token.i:
                found.add("R:" + lemma)
            if token.pos_ == "VERB":
                found.add("V:" + lemma)
        if token.ent_type_:
            found.add("E:" + token.ent_type_)
        if token.dep_ == "neg":
            found.add("NEG")
        if lemma in _MODALS:
            found.add("MOD:" + lemma)
    return found


@dataclass(frozen=True, slots=True)
class SentenceTypeModel:
    """Weights of one logistic regression per type, a decision threshold and a CAMEO code per type."""

    types: tuple[str, ...]
    vocabulary: Mapping[str, int]  # feature -> row of ``weights``
    weights: tuple[tuple[float, ...], ...]  # one row per feature, one column per type
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    cameo: tuple[str, ...]  # the code given to an event of that type (the gold's most frequent)

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        scores = list(self.bias)
        for feature in features:
            row = self.vocabulary.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, self.weights[row], strict=True)]
        return {t: 1.0 / (1.0 + math.exp(-s)) for t, s in zip(self.types, scores, strict=True)}

    def proposed(self, features: Iterable[str]) -> list[tuple[str, str, float]]:
        """(type, CAMEO code, probability) of every type above its threshold, most likely first."""
        probs = self.probabilities(features)
        out = [
            (t, code, probs[t])
            for t, code, threshold in zip(self.types, self.cameo, self.thresholds, strict=True)
            if probs[t] > threshold
        ]
        return sorted(out, key=lambda row: -row[2])

    def to_json(self) -> dict[str, Any]:
        return {
            "feature_version": FEATURE_VERSION,
            "types": list(self.types),
            "cameo": list(self.cameo),
            "thresholds": list(self.thresholds),
            "bias": list(self.bias),
            "features": {f: list(self.weights[i]) for f, i in sorted(self.vocabulary.items())},
        }


def model_from_json(data: Mapping[str, Any], origin: str) -> SentenceTypeModel:
    """The model of a weights file's JSON; ConfigError naming ``origin`` when it is malformed."""
    try:
        if data["feature_version"] != FEATURE_VERSION:
            raise ConfigError(
                f"{origin}: trained on features version {data['feature_version']}, this comity computes "
                f"version {FEATURE_VERSION}; retrain with scripts/train_sentence_types.py"
            )
        types = tuple(str(t) for t in data["types"])
        columns = len(types)
        rows = {str(f): tuple(float(w) for w in ws) for f, ws in data["features"].items()}
        fields = (data["cameo"], data["thresholds"], data["bias"], *rows.values())
        if not columns or any(len(x) != columns for x in fields):
            raise ConfigError(f"{origin}: every row must have one value per type ({columns})")
        return SentenceTypeModel(
            types=types,
            vocabulary={f: i for i, f in enumerate(rows)},
            weights=tuple(rows.values()),
            bias=tuple(float(b) for b in data["bias"]),
            thresholds=tuple(float(t) for t in data["thresholds"]),
            cameo=tuple(str(c) for c in data["cameo"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{origin}: not a sentence-type model ({exc!r})") from exc


@functools.lru_cache(maxsize=1)
def load_sentence_types() -> SentenceTypeModel:
    """The packaged model (``data/sentence_types.json``), read once per process."""
    origin = f"comity/extract/events/data/{DATA_FILE}"
    try:
        text = (resources.files("comity.extract.events") / "data" / DATA_FILE).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{origin}: cannot read the sentence-type model ({exc})") from exc
    return model_from_json(data, origin)
