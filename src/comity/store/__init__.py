"""Storage edge: the ``Store`` interface and its backends (DuckDB by default)."""

from comity.store.base import Store, open_store_backend

__all__ = ["Store", "open_store_backend"]
