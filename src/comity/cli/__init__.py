"""The ``comity`` command line (Typer + rich). Each command is a thin wrapper over library calls."""

from __future__ import annotations

import typer

from comity._version import __version__
from comity.cli import actors, evaluate, fetch, kb, query, report, run, serve, timeline, watch

app = typer.Typer(
    name="comity",
    help="Turn news articles about international relations into evidence-backed event data.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
run.register(app)
fetch.register(app)
watch.register(app)
query.register(app)
serve.register(app)
report.register(app)
evaluate.register(app)
actors.register(app)
timeline.register(app)
kb.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"comity {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Turn news articles about international relations into evidence-backed event data."""


def main() -> None:
    app()
