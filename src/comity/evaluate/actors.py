"""Score actor resolution on a table of cases (``comity eval actors``).

A case is a name or description as written in text ("Chinese Foreign Minister"), the date it is
read at, and the expected coding: canonical name (empty: none expected), ISO3 country and sector
(empty: none). The packaged cases (``data/actor_cases.csv``) were derived from public facts:
dated roles before and after changes of office, office holders named by title, aliases, a
misspelling, metonymy and role agents. A case is correct when all three fields agree.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from comity.errors import ConfigError
from comity.extract.actors.kb import ActorKB, resolve_name

__all__ = ["ActorCase", "evaluate_actors", "load_cases"]

COLUMNS = ("text", "date", "canonical", "country", "sector")


@dataclass(frozen=True, slots=True)
class ActorCase:
    text: str
    date: str | None
    canonical: str | None
    country: str | None
    sector: str | None
    path: str = ""


def load_cases(path: Path | None = None) -> list[ActorCase]:
    """The cases of ``path`` (CSV; ``#`` lines are comments), or the packaged ones."""
    if path is None:
        text = (resources.files("comity.evaluate") / "data" / "actor_cases.csv").read_text(encoding="utf-8")
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read {str(path)!r}: {exc}") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ConfigError(f"actor cases {str(path or 'actor_cases.csv')!r} lack columns {missing}")
    return [
        ActorCase(
            text=row["text"].strip(),
            date=(row["date"] or "").strip() or None,
            canonical=(row["canonical"] or "").strip() or None,
            country=(row["country"] or "").strip() or None,
            sector=(row["sector"] or "").strip() or None,
            path=(row.get("path") or "").strip(),
        )
        for row in reader
    ]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def evaluate_actors(kb: ActorKB, cases: list[ActorCase] | None = None) -> dict[str, Any]:
    """Accuracy of ``kb`` (all three fields right) overall and per path, field accuracies, and
    the errors.

    >>> from comity.extract.actors.kb import load_kb
    >>> case = ActorCase("Xi Jinping", "2020-01-01", "Xi Jinping", "CHN", "GOV")
    >>> evaluate_actors(load_kb(), [case])["accuracy"]
    1.0
    """
    cases = load_cases() if cases is None else cases
    fields = Counter[str]()
    by_path: dict[str, Counter[str]] = {}
    resolutions = Counter[str]()
    errors: list[dict[str, Any]] = []
    for case in cases:
        found = resolve_name(case.text, kb, date=case.date)
        ref = found.ref
        got = (ref.name, ref.country, ref.sector) if ref else (None, None, None)
        want = (case.canonical, case.country, case.sector)
        for name, g, w in zip(("canonical", "country", "sector"), got, want, strict=True):
            fields[name] += g == w
        ok = got == want
        fields["correct"] += ok
        tally = by_path.setdefault(case.path or "-", Counter())
        tally["cases"] += 1
        tally["correct"] += ok
        resolutions[found.resolution or "unresolved"] += 1
        if not ok:
            errors.append(
                {
                    "text": case.text,
                    "date": case.date,
                    "expected": dict(zip(("canonical", "country", "sector"), want, strict=True)),
                    "got": dict(zip(("canonical", "country", "sector"), got, strict=True)),
                    "resolution": found.resolution,
                }
            )
    n = len(cases)
    return {
        "cases": n,
        "correct": fields["correct"],
        "accuracy": _ratio(fields["correct"], n),
        "canonical_accuracy": _ratio(fields["canonical"], n),
        "country_accuracy": _ratio(fields["country"], n),
        "sector_accuracy": _ratio(fields["sector"], n),
        "by_path": {
            path: {"cases": t["cases"], "accuracy": _ratio(t["correct"], t["cases"])}
            for path, t in sorted(by_path.items())
        },
        "resolutions": dict(sorted(resolutions.items())),
        "errors": errors,
    }
