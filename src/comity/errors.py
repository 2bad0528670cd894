"""comity's exceptions: one base, specific subclasses, stable codes.

Hierarchy::

    ComityError                 (E000)
    ├── ConfigError             (E100)  bad or unknown setting
    ├── RegistryError           (E110)  unknown registered name
    ├── ModelNotFoundError      (E120)  spaCy model package missing
    ├── MissingExtraError       (E130)  an optional extra is not installed
    ├── IngestError             (E200)  an input cannot be read
    │   └── RejectedInput       (E210)  carries a reason code for a Rejection row
    ├── ExtractionError         (E300)
    ├── StorageError            (E400)  backend failure, wrapped at the boundary
    │   └── SchemaError         (E410)  database written by a newer/unknown schema
    └── QueryError              (E500)  bad filter or query parameter

Library code raises these; only the CLI turns them into exit codes and messages.
This module imports nothing from the package.
"""

from __future__ import annotations

DOCS_URL = "https://github.com/comity-project/comity/blob/main/docs/errors.md"


class ComityError(Exception):
    """Base of every error comity raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ConfigError(ComityError):
    code = "E100"


class RegistryError(ComityError):
    code = "E110"


class ModelNotFoundError(ComityError):
    code = "E120"


class MissingExtraError(ComityError):
    code = "E130"


class IngestError(ComityError):
    code = "E200"


class RejectedInput(IngestError):
    """An input that becomes a ``Rejection`` row; ``reason`` is a stable reason code."""

    code = "E210"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class ExtractionError(ComityError):
    code = "E300"


class StorageError(ComityError):
    code = "E400"


class SchemaError(StorageError):
    code = "E410"


class QueryError(ComityError):
    code = "E500"


ALL_ERRORS: tuple[type[ComityError], ...] = (
    ComityError,
    ConfigError,
    RegistryError,
    ModelNotFoundError,
    MissingExtraError,
    IngestError,
    RejectedInput,
    ExtractionError,
    StorageError,
    SchemaError,
    QueryError,
)
