"""`comity serve`: a missing [api] extra gives the install command."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest
from typer.testing import CliRunner

from comity.cli import app

runner = CliRunner()


def test_api_serve_without_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name in ("fastapi", "uvicorn") else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    result = runner.invoke(app, ["serve", "--db", "nowhere.duckdb"])
    assert result.exit_code == 3
    assert "pip install 'comity[api]'" in result.output


def test_api_serve_binds_localhost_by_default() -> None:
    result = runner.invoke(app, ["serve", "-h"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output
