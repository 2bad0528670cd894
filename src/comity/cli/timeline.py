"""`comity timeline`, `comity facts` and `comity series`: the living record of a relationship."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.table import Table

from comity.cli._util import DbOption, handle_errors, opened_store, out_console, output_rows
from comity.errors import QueryError
from comity.query import dyad_events, dyad_facts, status_ladder
from comity.resolve.marks import mark_facts

FORMATS = ("table", "jsonl", "md")
EVIDENCE_CHARS = 100
MARKS = {"corroborated": "✓ corroborated", "conflict": "✗ conflict", "single": ""}
EVENT_COLUMNS = ["date", "type", "actors", "reported", "evidence"]
STATUS_COLUMNS = ["status", "since", "first_stated", "documents", "wordings"]
FACT_COLUMNS = [
    "subject",
    "measure",
    "value",
    "unit",
    "qualifier",
    "period",
    "source_stated",
    "mark",
    "evidence",
]


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline_cli)
    app.command("facts")(facts_cli)
    app.command("series")(series_cli)


def _dyad(dyad: tuple[str, str]) -> tuple[str, str]:
    return dyad[0].upper(), dyad[1].upper()


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise QueryError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return fmt


def with_marks(facts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts with corroboration marks spelled out for a terminal."""
    return mark_facts(facts, MARKS)


@handle_errors
def timeline_cli(
    dyad: tuple[str, str] = typer.Option(..., "--dyad", help="Two ISO3 codes, e.g. CHN VNM."),
    since: str = typer.Option(None, "--since", help="Earliest event date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or md."),
    db: str = DbOption,
) -> None:
    """Show a relationship: consolidated events, the status ladder and the facts.

    Events are one row per cluster (reports of the same real-world event across articles),
    with how many reports from how many outlets told it and one evidence sentence. Facts carry
    corroboration (same value from another document) or conflict marks.

    Example:

        comity timeline --dyad CHN VNM --since 2023 --format md
    """
    _format(fmt)
    pair = _dyad(dyad)
    with opened_store(db) as store:
        events = dyad_events(store, pair, since=since)
        ladder = status_ladder(store, pair)
        facts = with_marks([f for f in dyad_facts(store, pair) if f["measure"] != "relationship_status"])
    sections = {"event": events, "status": ladder, "fact": facts}
    if fmt == "jsonl":
        _jsonl(sections)
    elif fmt == "md":
        sys.stdout.write(_markdown(pair, sections))
    else:
        _tables(pair, sections)


@handle_errors
def facts_cli(
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two ISO3 codes, either order."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
    db: str = DbOption,
) -> None:
    """List stored facts (figures, ranks, relationship status) with corroboration marks.

    Example:

        comity facts --dyad CHN VNM --format jsonl
    """
    if fmt not in ("table", "jsonl", "csv"):
        raise QueryError(f"--format must be one of table, jsonl, csv, got {fmt!r}")
    with opened_store(db) as store:
        facts = with_marks(dyad_facts(store, _dyad(dyad) if dyad else None))
    output_rows(facts, fmt, columns=FACT_COLUMNS, title="Facts")


def _jsonl(sections: dict[str, list[dict[str, Any]]]) -> None:
    for section, rows in sections.items():
        for row in rows:
            sys.stdout.write(json.dumps({"section": section, **row}, ensure_ascii=False, default=str) + "\n")


def _short(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, float):
        value = f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    text = " ".join(str(value).split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


SECTIONS = (
    ("event", "Events (one row per cluster)", EVENT_COLUMNS),
    ("status", "Relationship status ladder", STATUS_COLUMNS),
    ("fact", "Facts", FACT_COLUMNS),
)


def _tables(pair: tuple[str, str], sections: dict[str, list[dict[str, Any]]]) -> None:
    console = out_console()
    for key, title, columns in SECTIONS:
        table = Table(title=f"{pair[0]}–{pair[1]}: {title}")
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in sections[key]:
            table.add_row(*(_short(row.get(c)) for c in columns))
        console.print(table)


def _markdown(pair: tuple[str, str], sections: dict[str, list[dict[str, Any]]]) -> str:
    lines = [f"# {pair[0]}–{pair[1]}", ""]
    for key, title, columns in SECTIONS:
        lines += [f"## {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in sections[key]:
            lines.append("| " + " | ".join(_short(row.get(c)).replace("|", "\\|") for c in columns) + " |")
        lines.append("")
    return "\n".join(lines)


SERIES_COLUMNS = [
    "period",
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "goldstein_mean",
    "coop_conflict_index",
]


@handle_errors
def series_cli(
    dyad: tuple[str, str] = typer.Option(..., "--dyad", help="Two ISO3 codes, e.g. CHN VNM."),
    freq: str = typer.Option("month", "--freq", help="month, quarter or year."),
    since: str = typer.Option(None, "--since", help="Earliest event date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or csv."),
    db: str = DbOption,
) -> None:
    """Dyad analytics per period: events per PLOVER quad class, mean Goldstein, coop-conflict index.

    Each real-world event counts once (one event cluster, however many articles report it).
    The index is (cooperation - conflict) / events, from -1 to 1. Events dated less precisely
    than the period are counted as unplaced.

    Example:

        comity series --dyad CHN VNM --freq quarter --format csv
    """
    from comity.query.analytics import dyad_series

    if fmt not in ("table", "jsonl", "csv"):
        raise QueryError(f"--format must be one of table, jsonl, csv, got {fmt!r}")
    with opened_store(db) as store:
        result = dyad_series(store, _dyad(dyad), freq=freq, since=since)
    title = f"{result['dyad']} by {result['freq']} ({result['unplaced']} events unplaced)"
    output_rows(result["periods"], fmt, columns=SERIES_COLUMNS, title=title)
