"""The pair scorer: how likely two reports are of one event, by a small logistic model.

The weights live in ``data/identity_model.json`` (written by ``scripts/train_identity.py``; how it
was trained and on what is in ``data/README.md``). There are two models: ``within`` for two reports
of one document, ``across`` for two article events of different documents. Each has one weight
per feature of ``comity.resolve.identity.FEATURES``, a bias, the threshold a cluster link needs
and whether a merge needs every pair of the two clusters to be allowed (``complete``).

>>> model = PairModel((1.0, -1.0), 0.0, 0.5)
>>> model.probability((1.0, 1.0))
0.5
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from comity.errors import ConfigError
from comity.resolve.identity import FEATURES

__all__ = ["MODEL_FILE", "PairModel", "pair_models", "read_pair_models"]

MODEL_FILE: Traversable = resources.files("comity.resolve") / "data" / "identity_model.json"
SCOPES = ("within", "across")


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic model: ``weights`` per feature, ``bias``, and the ``threshold`` to link;
    ``complete``: a merge needs every pair of the two clusters to be allowed (else a pair that is
    not allowed counts as 0 in the mean: ``comity.resolve.linkage``)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    complete: bool = True

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z >= -700 else 0.0


@functools.cache
def pair_models() -> dict[str, PairModel]:
    """The packaged ``within`` and ``across`` models."""
    return read_pair_models(MODEL_FILE)


def read_pair_models(path: Traversable) -> dict[str, PairModel]:
    """The models of the JSON file at ``path``; ConfigError when it does not fit ``FEATURES``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"features {data['features']} are not {list(FEATURES)}: retrain the model")
        models = {}
        for scope in SCOPES:
            part = data[scope]
            weights = tuple(float(w) for w in part["weights"])
            if len(weights) != len(FEATURES):
                raise ValueError(f"{scope}: {len(weights)} weights for {len(FEATURES)} features")
            complete = bool(part.get("complete", True))
            models[scope] = PairModel(weights, float(part["bias"]), float(part["threshold"]), complete)
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read the pair models: {exc}") from exc
    return models
