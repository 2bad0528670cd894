"""Ingest stage: find inputs and read them into ``SourceItem`` records (or ``Rejection`` rows).

Readers are registered by name in :data:`comity.registry.readers`; :func:`iter_inputs` walks
files, directories, glob patterns and stdin and dispatches each file by its extension.
This stage imports only layer-0 modules (errors, records, config, registry).
"""

from __future__ import annotations

import logging

from comity.ingest.sources import SUPPORTED_EXTENSIONS, iter_inputs

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["SUPPORTED_EXTENSIONS", "iter_inputs"]
