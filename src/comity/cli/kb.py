"""`comity kb build`: compile the world office-holder knowledge base from its sources."""

from __future__ import annotations

from pathlib import Path

import typer

from comity.cli._util import err_console, handle_errors
from comity.errors import ConfigError

kb_app = typer.Typer(
    help="The world office-holder knowledge base (heads of state and government, ministers, ... with dates).",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")


@kb_app.callback()
def _kb() -> None:
    """The world office-holder knowledge base (heads of state and government, ministers, ... with dates)."""


@kb_app.command("build")
@handle_errors
def build_cli(
    shared: Path = typer.Option(
        None, "--shared", help="The shared data folder holding dictionaries/world_leaders (Peppercat, CIA)."
    ),
    wikidata_csv: Path = typer.Option(
        None,
        "--wikidata-csv",
        help="A Wikidata SPARQL CSV export of the same statements (CC0), used instead of Peppercat.",
    ),
    out: Path = typer.Option(..., "--out", help="The file to write (a zip of sorted TSV tables)."),
) -> None:
    """Compile the office holders of every country into one KB file (deterministic: same inputs, same bytes).

    With --wikidata-csv the result carries no CC BY-NC data (Peppercat is not read; --shared then only
    adds CIA name spellings). The hand-written people.csv rows always win over generated ones.

    Example:

        comity kb build --shared ../shared --out src/comity/extract/actors/data/world_kb.zip
        comity kb build --wikidata-csv p39.csv --out world_kb_cc0.zip
    """
    from comity.extract.actors.world.build import build_world_kb, write_world_kb

    if wikidata_csv is not None and not wikidata_csv.is_file():
        raise ConfigError(f"--wikidata-csv {str(wikidata_csv)!r} does not exist")
    result = build_world_kb(shared, wikidata_csv=wikidata_csv)
    write_world_kb(result, out)
    licences = sorted({h.licence for h in result.holdings})
    err_console.print(
        f"{len(result.holdings)} holdings of {len(result.people)} people, {len(result.aliases)} aliases "
        f"({', '.join(licences)}) -> {out} ({out.stat().st_size / 1e6:.1f} MB)",
        highlight=False,
    )
