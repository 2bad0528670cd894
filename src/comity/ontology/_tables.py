"""Reading the ontology's packaged data files (``data/``): comment lines start with ``#``."""

from __future__ import annotations

import csv
import io
from importlib import resources

__all__ = ["read_rows", "read_text", "unique_by"]


def read_text(name: str) -> str:
    """The text of ``data/<name>``."""
    return (resources.files("comity.ontology") / "data" / name).read_text(encoding="utf-8")


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of the CSV file ``data/<name>``, comment and blank lines left out."""
    lines = [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def unique_by(rows: list[dict[str, str]], key: str, name: str) -> dict[str, dict[str, str]]:
    """``rows`` keyed by their ``key`` column; a repeated key is an error, not a silent override.

    One question, one answer: a table that lists a code twice could give two.
    """
    keyed: dict[str, dict[str, str]] = {}
    for row in rows:
        if row[key] in keyed:
            raise ValueError(f"{name}: {key} {row[key]!r} is listed twice")
        keyed[row[key]] = row
    return keyed
