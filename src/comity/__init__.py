"""comity: evidence-backed political event data from news articles.

>>> import comity
>>> result = comity.process_text("Wang Yi met Nguyen Phu Trong in Hanoi on Friday.", date="2023-12-01")
>>> [e.type for e in result.events]
['CONSULT']
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from comity._version import __version__

if TYPE_CHECKING:
    from comity._api import events_df, open_store, process_files, process_text, to_pandas

__all__ = ["__version__", "events_df", "open_store", "process_files", "process_text", "to_pandas"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import comity.errors` (or the CLI's --help) does not load spaCy.
    if name in {"events_df", "open_store", "process_files", "process_text", "to_pandas"}:
        from comity import _api

        return getattr(_api, name)
    raise AttributeError(f"module 'comity' has no attribute {name!r}")
