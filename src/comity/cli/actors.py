"""`comity actors`: list the actor knowledge base (countries, organisations, people and their roles)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from comity.cli._util import actor_kb, check_format, handle_errors, output_rows
from comity.errors import ConfigError, QueryError
from comity.query.filters import check_known_country

COLUMNS = ("name", "kind", "country", "sector", "code", "role", "start", "end")
_KINDS = ("country", "organization", "person")


def register(app: typer.Typer) -> None:
    app.command("actors")(actors_cli)


@handle_errors
def actors_cli(
    ctx: typer.Context,
    country: str = typer.Option(None, "--country", help="Only actors of this ISO3 country (e.g. VNM)."),
    role: str = typer.Option(None, "--role", help="Only people whose role contains this text."),
    date: str = typer.Option(
        None, "--date", help="YYYY-MM-DD: show the roles held that day (people out of office are left out)."
    ),
    extra: list[Path] = typer.Option(
        [], "--actors", help="A CSV file of your own actors (same formats as the packaged ones); repeatable."
    ),
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
) -> None:
    """List known actors: countries, organisations, and people with their dated roles.

    Example:

        comity actors --country VNM --role "General Secretary" --date 2023-12-01
        comity actors --country CHN --format jsonl
    """
    check_format(fmt)
    _check_date(date)
    for path in extra:
        if not path.is_file():
            raise ConfigError(f"--actors {str(path)!r} does not exist")
    kb = actor_kb(ctx, extra)
    if country is not None:
        country = country.strip().upper()
        # the user's own actor files may add countries
        check_known_country(country, "--country", {e.country for e in kb.all_entries() if e.country})
    rows = actor_rows(kb, country=country, role=role, date=date)
    output_rows(rows, fmt, columns=COLUMNS, title=f"{len(rows)} actors")


def actor_rows(kb: Any, *, country: str | None, role: str | None, date: str | None) -> list[dict[str, Any]]:
    """One row per country, organisation and person role that passes the filters."""
    rows: list[dict[str, Any]] = []
    for entry in kb.all_entries():
        if entry.kind not in _KINDS or (country and entry.country != country.upper()):
            continue
        if entry.kind == "person" and date is not None and not entry.valid_on(date):
            continue
        if role and (entry.kind != "person" or role.lower() not in (entry.role or "").lower()):
            continue
        code = entry.code or ((entry.country or "") + (entry.sector or "")) or None
        rows.append(
            {
                "name": entry.name, "kind": entry.kind, "country": entry.country, "sector": entry.sector,
                "code": code, "role": entry.role, "start": entry.start, "end": entry.end,
                "source": entry.source,
            }
        )  # fmt: skip
    return rows


def _check_date(value: str | None) -> None:
    from datetime import date

    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--date must be a date like 2023-12-01, got {value!r}") from None
