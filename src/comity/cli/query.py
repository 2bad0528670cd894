"""Read commands: events, docs, entities, rejections, export."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from comity.cli._util import (
    DbOption,
    actor_kb,
    check_format,
    handle_errors,
    opened_store,
    out_console,
    output_rows,
)
from comity.errors import QueryError
from comity.query import EventFilter, documents, entities, events, rejections
from comity.query.flat import event_rows
from comity.query.frames import FRAME_FORMATS, rows_frame, write_frame
from comity.query.names import RoleSource
from comity.query.tables import document_mentions
from comity.store.base import Store
from comity.store.schema import TABLES

FormatOption = typer.Option("table", "--format", "-f", help="table, jsonl or csv.")
#: Formats of the stored tables, one file each, and of the flat event rows (see ``export_cli``).
TABLE_FORMATS = ("parquet", "csv", "jsonl")
EXPORT_FORMATS = ("parquet", "csv", "stata", "feather", "jsonl")
EVIDENCE_CELL_CHARS = 90


def register(app: typer.Typer) -> None:
    app.command("events")(events_cli)
    app.command("docs")(docs_cli)
    app.command("entities")(entities_cli)
    app.command("rejections")(rejections_cli)
    app.command("export")(export_cli)


@handle_errors
def events_cli(
    db: str = DbOption,
    dyad: tuple[str, str] | None = typer.Option(None, "--dyad", help="Two ISO3 codes, either direction."),
    type_: list[str] = typer.Option(
        None, "--type", help="PLOVER type, e.g. CONSULT (or STATEMENT); repeat for several (OR-ed)."
    ),
    exclude_type: list[str] = typer.Option(
        None, "--exclude-type", help="Leave out this type, e.g. STATEMENT; repeatable."
    ),
    modality: str = typer.Option(
        None, "--modality", help="asserted, negated, hypothetical, future, historical, ongoing or claimed."
    ),
    since: str = typer.Option(None, "--since", help="Earliest date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Latest date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    include_duplicates: bool = typer.Option(
        False, "--include-duplicates", help="Keep near-duplicate articles."
    ),
    include_uncoded: bool = typer.Option(
        False,
        "--include-uncoded",
        help="Keep events whose source or target the actor KB could not code (left out by default).",
    ),
    limit: int = typer.Option(None, "--limit", help="At most this many events."),
    fmt: str = FormatOption,
) -> None:
    """List stored events, oldest first (every report, whatever its modality), those whose source
    and target are both coded unless --include-uncoded.

    Example:

        comity events --dyad CHN VNM --type CONSULT --type AGREE --since 2023-01 --format jsonl
        comity events --exclude-type STATEMENT --modality asserted
        comity events --include-uncoded --format jsonl
    """
    check_format(fmt)
    wanted = (dyad[0].upper(), dyad[1].upper()) if dyad else None
    flt = EventFilter(
        dyad=wanted,
        type=tuple(type_) if type_ else None,
        exclude_type=tuple(exclude_type) if exclude_type else None,
        modality=modality,
        since=since,
        until=until,
        include_duplicates=include_duplicates,
        include_uncoded=include_uncoded,
        limit=limit,
    )
    with opened_store(db) as store:
        rows = events(store, flt)
    if fmt == "table":
        rows = [_event_cells(r) for r in rows]
    output_rows(rows, fmt, columns=["date", "type", "cameo", "source", "target", "modality", "evidence"])


def _event_cells(row: dict[str, object]) -> dict[str, object]:
    def names(actors: object) -> str:
        items = actors if isinstance(actors, list) else []
        return "; ".join(
            f"{a.get('name') or a.get('text')} ({a.get('code') or a.get('country') or '?'})" for a in items
        )

    evidence = row["evidence"]
    text = evidence.get("text", "") if isinstance(evidence, dict) else ""
    if len(text) > EVIDENCE_CELL_CHARS:  # the table is a preview; jsonl/csv carry the whole sentence
        text = text[: EVIDENCE_CELL_CHARS - 1].rstrip() + "…"
    return {**row, "source": names(row["source"]), "target": names(row["target"]), "evidence": text}


@handle_errors
def docs_cli(db: str = DbOption, limit: int = typer.Option(None, "--limit"), fmt: str = FormatOption) -> None:
    """List stored documents with their title, publication date and event count.

    Example:

        comity docs --format csv
    """
    check_format(fmt)
    with opened_store(db) as store:
        rows = documents(store, limit=limit)
    output_rows(rows, fmt, columns=["id", "name", "title", "publication_date", "date_basis", "events"])


@handle_errors
def entities_cli(
    db: str = DbOption,
    label: str = typer.Option(None, "--label", help="Entity label, e.g. PERSON, ORG, GPE."),
    limit: int = typer.Option(None, "--limit"),
    doc: str = typer.Option(
        None, "--doc", help="A document id: list its mentions with how each was resolved."
    ),
    fmt: str = FormatOption,
) -> None:
    """List recognised entities with their actor coding and mention counts.

    With --doc, list that document's mentions instead (start, end, text, label, canonical,
    country, sector, resolution, confidence, flags), boilerplate included.

    Example:

        comity entities --label PERSON --limit 20
        comity entities --doc 3dc58f6ba9e6ed64 --format jsonl
    """
    check_format(fmt)
    if doc is not None:
        _document_mentions(db, doc, label, limit, fmt)
        return
    with opened_store(db) as store:
        rows = entities(store, label=label, limit=limit)
    output_rows(rows, fmt, columns=["name", "label", "country", "sector", "code", "mentions", "documents"])


def _document_mentions(db: str, doc: str, label: str | None, limit: int | None, fmt: str) -> None:
    with opened_store(db) as store:
        rows = document_mentions(store, doc)
        if not rows and not store.fetch("SELECT id FROM articles WHERE id = ?", [doc]):
            raise QueryError(f"no document with id {doc!r} (see `comity docs`)")
    if label:
        rows = [r for r in rows if r["label"] == label.upper()]
    rows = rows[:limit] if limit is not None else rows
    if fmt == "table":
        rows = [{**r, "flags": ",".join(r["flags"])} for r in rows]
    columns = ["start", "end", "text", "label", "canonical", "country", "sector", "resolution"]
    output_rows(rows, fmt, columns=[*columns, "confidence", "flags"])


@handle_errors
def rejections_cli(db: str = DbOption, fmt: str = FormatOption) -> None:
    """List inputs that could not be processed, with the reason.

    Example:

        comity rejections --format jsonl
    """
    check_format(fmt)
    with opened_store(db) as store:
        rows = rejections(store)
    output_rows(rows, fmt, columns=["name", "stage", "reason", "message"])


@handle_errors
def export_cli(
    ctx: typer.Context,
    db: str = DbOption,
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet, csv, stata, feather or jsonl."),
    out: Path = typer.Option(..., "--out", help="Folder to write the files into."),
) -> None:
    """Export the events as flat rows for R, Stata and pandas, and every table as it is stored.

    event_rows.<ext> (parquet, csv, stata .dta or feather) holds one row per event report with the
    actors as plain columns (source_name, source_country, source_sector, target_...); its columns
    and codes are in docs/codebook.md. parquet, csv and jsonl also write one file per table.

    Example:

        comity export --format stata --out export/     # export/event_rows.dta
        comity export --format parquet --out export/   # event_rows.parquet and every table
    """
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, got {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    console = out_console()
    with opened_store(db) as store:
        if fmt in TABLE_FORMATS:
            for table in TABLES:
                path = out / f"{table}.{fmt}"
                count = store.export(table, str(path), fmt)
                console.print(f"{table}: {count} rows -> {path}")
        if fmt in FRAME_FORMATS:
            _export_event_rows(store, out, fmt, actor_kb(ctx), console)


def _export_event_rows(store: Store, out: Path, fmt: str, kb: RoleSource, console: Console) -> None:
    path = out / f"event_rows.{FRAME_FORMATS[fmt]}"
    try:
        frame = rows_frame(event_rows(store, kb=kb))
        write_frame(frame, path, fmt)
    except QueryError as exc:
        if fmt in TABLE_FORMATS:  # the tables are written; say what is missing for the flat rows
            console.print(f"event_rows: not written ({exc})")
            return
        raise
    counted = int(frame["counted"].sum())
    console.print(
        f"event_rows: {len(frame)} rows ({counted} counted, {len(frame) - counted} in near-duplicate"
        f" articles) -> {path}"
    )
