"""The one-way data flow, enforced: a module may import only the layers its own layer allows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "comity"
LAYER0 = {"errors", "records", "config", "registry", "types", "_version", "ontology"}
STAGES = ["ingest", "clean", "nlp", "extract", "resolve"]
ENTRY_POINTS = {"cli", "api", "web", "_api", "__init__", "__main__"}


def _allowed(unit: str) -> set[str] | None:
    """Units ``unit`` may import; None means anything (entry points)."""
    if unit in LAYER0:
        return set(LAYER0)
    if unit in STAGES:
        return LAYER0 | set(STAGES[: STAGES.index(unit) + 1])
    if unit == "pipeline":
        return LAYER0 | set(STAGES) | {"pipeline"}
    if unit == "store":
        return LAYER0 | {"store"}
    if unit == "query":
        return LAYER0 | {"store", "query"}
    if unit == "run":
        return LAYER0 | set(STAGES) | {"pipeline", "store", "run"}
    if unit == "evaluate":
        return LAYER0 | set(STAGES) | {"pipeline", "store", "query", "run", "evaluate"}
    return None


def _unit(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imported_units(path: Path) -> set[str]:
    units: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "comity" and node.level == 0:
            names = [f"comity.{alias.name}" for alias in node.names]  # from comity import _version
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "comity":
                units.add(parts[1] if len(parts) > 1 else "__init__")
    return units


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_no_backward_imports(path: Path) -> None:
    unit = _unit(path)
    allowed = _allowed(unit)
    if allowed is None:
        assert unit in ENTRY_POINTS, f"{unit} has no layer: add it to the architecture test"
        return
    illegal = _imported_units(path) - allowed
    assert not illegal, (
        f"{path.relative_to(PACKAGE)} ({unit}) imports later/forbidden layers {sorted(illegal)}"
    )


def test_architecture_checker_catches_a_backward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from comity.store.duckdb import DuckDBStore\nimport comity.pipeline\nfrom comity import run\n"
    )
    assert _imported_units(bad) - (_allowed("ingest") or set()) == {"store", "pipeline", "run"}


def test_architecture_every_package_has_a_layer() -> None:
    units = {_unit(p) for p in MODULES}
    unknown = {u for u in units if _allowed(u) is None and u not in ENTRY_POINTS}
    assert not unknown
