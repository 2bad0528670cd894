"""`comity actors`: list the actor knowledge base (countries, organisations, people and their roles)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from comity.cli._util import actor_kb, check_format, handle_errors, output_rows
from comity.errors import ConfigError, QueryError
from comity.query.filters import check_known_country

if TYPE_CHECKING:
    from comity.extract.actors.kb import ActorKB, Resolved

COLUMNS = ("name", "kind", "country", "sector", "code", "role", "start", "end")
PERSON_COLUMNS = ("name", "role", "country", "sector", "start", "end", "held", "source")
_KINDS = ("country", "organization", "person")


def register(app: typer.Typer) -> None:
    app.command("actors")(actors_cli)


@handle_errors
def actors_cli(
    ctx: typer.Context,
    name: str = typer.Argument(
        None,
        help="A person or actor: show their roles over time with sources (and, with --date, who "
        "the name denotes that day and why).",
    ),
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
    """List known actors: countries, organisations, and people with their dated roles; or one actor's
    roles over time, from the hand-written and the world office-holder KB, with their sources.

    Example:

        comity actors --country VNM --role "General Secretary" --date 2023-12-01
        comity actors --country CHN --format jsonl
        comity actors "Mr. Año" --date 2023-06-01
    """
    check_format(fmt)
    _check_date(date)
    for path in extra:
        if not path.is_file():
            raise ConfigError(f"--actors {str(path)!r} does not exist")
    kb = actor_kb(ctx, extra)
    if name is not None:
        rows, title = person_rows(kb, name, date)
        output_rows(rows, fmt, columns=PERSON_COLUMNS, title=title)
        return
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


def person_rows(kb: ActorKB, name: str, date: str | None) -> tuple[list[dict[str, Any]], str]:
    """One row per role ``name``'s person held (``held``: on ``date``), and a title saying who the name
    denotes on ``date`` and why; for a name shared by several people, one row per person in office then."""
    from comity.extract.actors.history import candidates
    from comity.extract.actors.kb import resolve_name

    canonical, roles = kb.roles_over_time(name)
    found = resolve_name(name, kb, date=date) if date else None
    if found is not None and found.ref is not None and found.ref.name:
        canonical, roles = kb.roles_over_time(found.ref.name)
    rows = [{"name": canonical, **r, "held": _held(r, date)} for r in roles]
    if not rows and date is not None:
        rows = [
            {"name": person, "role": h.role, "country": h.country, "sector": h.sector, "start": h.start,
             "end": h.end or None, "source": h.source, "licence": h.licence, "held": True, "kb": "world"}
            for person, h in candidates(kb, name, date)
        ]  # fmt: skip
    return rows, _title(name, canonical, date, found, len(rows))


def _held(role: dict[str, Any], date: str | None) -> bool | None:
    from comity.extract.actors.world.dates import valid_on

    return None if date is None else valid_on(role.get("start") or "", role.get("end") or "", "", date)


def _title(name: str, canonical: str | None, date: str | None, found: Resolved | None, count: int) -> str:
    if date is None or found is None:
        return f"{canonical or name}: {count} roles"
    if found.ref is None:
        return f"{name!r} on {date}: unresolved ({count} people of that name in office then)"
    ref = found.ref
    return f"{name!r} on {date}: {ref.name or '-'} ({ref.code or ref.country or '-'}), by {found.resolution}"


def _check_date(value: str | None) -> None:
    from datetime import date

    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--date must be a date like 2023-12-01, got {value!r}") from None
