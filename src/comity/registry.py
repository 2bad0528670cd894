"""Registries of swappable parts, by dotted, versioned name (``"duckdb.v1"``).

Built-ins are listed as ``"module:attribute"`` strings and imported only when asked for,
so this layer-0 module imports no stage. Third parties add entries through the entry-point
groups ``comity.readers``, ``comity.coders``, ``comity.stores`` and ``comity.runners``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from comity.errors import RegistryError


class Registry:
    """Name -> factory for one kind of part."""

    def __init__(self, kind: str, builtins: dict[str, str]) -> None:
        self.kind = kind
        self._targets: dict[str, str | Callable[..., Any]] = dict(builtins)
        self._entry_points_loaded = False

    def register(self, name: str, factory: Callable[..., Any] | None = None) -> Any:
        """Register ``factory`` under ``name``; usable as a decorator."""

        def add(func: Callable[..., Any]) -> Callable[..., Any]:
            self._targets[name] = func
            return func

        return add(factory) if factory is not None else add

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(self._targets)

    def get(self, name: str) -> Callable[..., Any]:
        self._load_entry_points()
        target = self._targets.get(name)
        if target is None:
            valid = ", ".join(self.names()) or "(none)"
            raise RegistryError(f"unknown {self.kind} {name!r}; valid names: {valid}")
        if isinstance(target, str):
            module_name, _, attribute = target.partition(":")
            target = getattr(importlib.import_module(module_name), attribute)
            self._targets[name] = target
        return target

    def _load_entry_points(self) -> None:
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        for ep in entry_points(group=f"comity.{self.kind}s"):
            self._targets.setdefault(ep.name, ep.value)


readers = Registry(
    "reader",
    {
        "text.v1": "comity.ingest.readers:read_text_file",
        "html.v1": "comity.ingest.readers:read_html_file",
        "jsonl.v1": "comity.ingest.readers:read_jsonl_file",
        "csv.v1": "comity.ingest.readers:read_csv_file",
        "pdf.v1": "comity.ingest.pdf:read_pdf_file",
    },
)
coders = Registry(
    "coder",
    {
        "rules.v1": "comity.extract.events.rules:RulesCoder",
        "hybrid.v1": "comity.extract.events.hybrid:HybridCoder",
    },
)
stores = Registry(
    "store",
    {"duckdb.v1": "comity.store.duckdb:DuckDBStore", "postgres.v1": "comity.store.postgres:PostgresStore"},
)
runners = Registry(
    "runner",
    {"local.v1": "comity.run.local:LocalRunner", "dask.v1": "comity.run.dask:DaskRunner"},
)

ALL = {r.kind: r for r in (readers, coders, stores, runners)}
