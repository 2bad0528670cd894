from __future__ import annotations

import pytest

from comity import registry
from comity.errors import RegistryError

# Snapshot of the built-in registrations: losing one must fail CI.
EXPECTED = {
    "reader": ["csv.v1", "html.v1", "jsonl.v1", "pdf.v1", "text.v1"],
    "coder": ["rules.v1"],
    "store": ["duckdb.v1", "postgres.v1"],
    "runner": ["dask.v1", "local.v1"],
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_registry_snapshot(kind: str) -> None:
    assert set(EXPECTED[kind]) <= set(registry.ALL[kind].names())


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_registry_builtins_resolve(kind: str) -> None:
    for name in EXPECTED[kind]:
        assert callable(registry.ALL[kind].get(name))


def test_registry_unknown_name_lists_valid_ones() -> None:
    with pytest.raises(RegistryError) as info:
        registry.stores.get("sqlite.v9")
    message = str(info.value)
    assert "sqlite.v9" in message and "duckdb.v1" in message and message.startswith("[E110]")


def test_registry_register_decorator() -> None:
    reg = registry.Registry("thing", {})

    @reg.register("mine.v1")
    def make() -> str:
        return "made"

    assert reg.get("mine.v1")() == "made"
    assert reg.names() == ["mine.v1"]
