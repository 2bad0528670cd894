"""``comity eval events``: detect a gold set's format, run the pipeline on it and score it.

Formats (``gold/README.md``): ``seeds`` (a folder with ``documents.jsonl`` and ``events.jsonl``,
article texts in ``../../corpus/<folder>``), and single-sentence JSONL sets: ``plover_gsr``
(``expected[].plover_2021``), ``petr2`` (``expected[].code`` with ``cameo_root``) and
``conflibert`` (``expected[].penta_class``). A folder holding exactly one ``.jsonl`` file
stands for that file. Seed documents are dated by their gold publication date (or the most
likely inferred one); boilerplate comes from comity's own cleaning, never from the gold.

>>> detect_format(Path("/nonexistent"))
Traceback (most recent call last):
...
comity.errors.ConfigError: --gold '/nonexistent' does not exist
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from comity.config import Settings
from comity.errors import ConfigError
from comity.evaluate.events_seeds import load_seeds, score_seeds
from comity.evaluate.events_sentences import score_conflibert, score_petr2, score_plover_gsr
from comity.records import Event, Rejection, SourceItem

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB

__all__ = ["FORMATS", "detect_format", "evaluate_events", "predict"]

Report = dict[str, Any]
Row = dict[str, Any]
Scorer = Callable[[Sequence[Row], dict[str, Sequence[Event]]], Report]
FORMATS: dict[str, Scorer] = {
    "plover_gsr": score_plover_gsr,
    "petr2": score_petr2,
    "conflibert": score_conflibert,
}
_PROBE_ROWS = 50


def gold_file(path: Path) -> Path:
    """``path`` itself, or the only ``.jsonl`` file in the folder ``path``."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if len(files) != 1:
            raise ConfigError(
                f"--gold folder {str(path)!r} must hold exactly one .jsonl file, found {len(files)}"
            )
        return files[0]
    if not path.is_file():
        raise ConfigError(f"--gold {str(path)!r} does not exist")
    return path


def _rows(path: Path, limit: int | None = None) -> Iterator[Row]:
    with path.open(encoding="utf-8") as handle:
        count = 0
        for line in handle:
            if limit is not None and count >= limit:
                return
            if line.strip():
                count += 1
                yield json.loads(line)


def _row_format(row: Row) -> str | None:
    for gold in row.get("expected") or ():
        if "penta_class" in gold:
            return "conflibert"
        if "plover_2021" in gold:
            return "plover_gsr"
        if "cameo_root" in gold or str(gold.get("code") or "")[:2].isdigit():
            return "petr2"
    return None


def detect_format(path: Path) -> str:
    """``seeds``, ``plover_gsr``, ``petr2`` or ``conflibert``; ConfigError when unrecognised."""
    if path.is_dir() and (path / "events.jsonl").is_file() and (path / "documents.jsonl").is_file():
        return "seeds"
    file = gold_file(path)
    try:
        for row in _rows(file, _PROBE_ROWS):
            found = _row_format(row)
            if found is not None:
                return found
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read gold file {str(file)!r}: {exc}") from exc
    raise ConfigError(f"unrecognised gold format in {str(file)!r} (see gold/README.md)")


def predict(
    items: Sequence[tuple[str, str, str | None]], settings: Settings | None = None, *, kb: ActorKB
) -> dict[str, Sequence[Event]]:
    """Run the pipeline (with the actor KB ``kb``) on (name, text, date) items; name -> predicted
    events (none when rejected)."""
    from comity.clean import build_article
    from comity.config import load_settings
    from comity.errors import RejectedInput
    from comity.pipeline import Pipeline

    settings = settings or load_settings()
    pipeline = Pipeline(settings, kb)
    out: dict[str, Sequence[Event]] = {name: () for name, _, _ in items}
    articles = []
    for name, text, date in items:
        item = SourceItem(name=name, content=text, fmt="text", date=date, size=len(text.encode()))
        try:
            articles.append(build_article(item, settings))
        except RejectedInput:
            continue
    for result in pipeline.analyse(articles):
        if not isinstance(result, Rejection):
            out[result.article.name] = result.events
    return out


def evaluate_events(
    path: Path, *, kb: ActorKB, limit: int | None = None, settings: Settings | None = None
) -> Report:
    """Score the gold set at ``path`` (first ``limit`` documents or sentences), coded with ``kb``."""
    kind = detect_format(path)
    if kind == "seeds":
        docs, gold = load_seeds(path, limit)
        predicted = predict([(d.name, d.text, d.date) for d in docs], settings, kb=kb)
        report = score_seeds(predicted, gold)
    else:
        rows = list(_rows(gold_file(path), limit))
        predicted = predict([(r["id"], r["text"], r.get("date")) for r in rows], settings, kb=kb)
        report = FORMATS[kind](rows, predicted)
    return {"gold_path": str(path), "limit": limit, **report}
