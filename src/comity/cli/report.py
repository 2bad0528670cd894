"""`comity report`: one self-contained HTML file about a country pair."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from comity.cli._util import DbOption, actor_kb, handle_errors, opened_store
from comity.query import parse_dyad
from comity.web.report import render_report


def register(app: typer.Typer) -> None:
    app.command("report")(report_cli)


@handle_errors
def report_cli(
    ctx: typer.Context,
    dyad: tuple[str, str] = typer.Option(..., "--dyad", help="Two ISO3 codes, e.g. CHN VNM."),
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="HTML file to write."),
    freq: str = typer.Option("month", "--freq", help="Chart period: day, month, quarter or year."),
    db: str = DbOption,
) -> None:
    """Write a self-contained HTML report (chart, timeline, events with evidence) for a pair.

    The file has inline CSS and SVG and no script: it opens with no network access.

    Example:

        comity report --dyad CHN VNM --out report.html
    """
    pair = parse_dyad("-".join(dyad))
    with opened_store(db) as store:
        html = render_report(store, pair, freq=freq, kb=actor_kb(ctx))
    out.write_text(html, encoding="utf-8")
    Console(stderr=True).print(f"report for {pair[0]}–{pair[1]} -> {out}")
