"""Every CLI command is documented in the README, with its own help (sqlite-utils habit)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from comity.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(application: typer.Typer, prefix: str = "") -> list[str]:
    names = [f"{prefix}{c.name or c.callback.__name__}" for c in application.registered_commands]
    for group in application.registered_groups:
        assert group.typer_instance is not None and group.name
        names += _commands(group.typer_instance, f"{prefix}{group.name} ")
    return names


COMMANDS = _commands(app)


def test_docs_commands_found() -> None:
    assert {"run", "events", "eval timex", "eval events"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_every_command_in_readme(command: str) -> None:
    assert f"comity {command}" in README, f"`comity {command}` is not documented in README.md"
