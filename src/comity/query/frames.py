"""Flat event rows as a pandas DataFrame, and as files for R, Stata and pandas.

pandas (and pyarrow, for Parquet and Feather) come with the ``[analysis]`` extra; they are
imported only here, when a frame is asked for, so the rest of comity runs without them.
Each column gets the type the codebook gives it (``comity.query.flat.COLUMNS``): strings stay
strings with missing values empty, integers are nullable, booleans are booleans (0/1 in Stata).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from comity.errors import QueryError
from comity.query.events import EventFilter
from comity.query.flat import COLUMNS, event_rows
from comity.query.names import RoleSource
from comity.store.base import Store

#: ``comity export`` formats that write the flat event rows, and their file extensions.
FRAME_FORMATS = {"parquet": "parquet", "csv": "csv", "stata": "dta", "feather": "feather"}
#: Stata's fixed-width strings hold at most 2045 bytes; longer text becomes a strL.
STATA_VERSION = 118
INSTALL_HINT = "install the analysis extra: pip install 'comity[analysis]' (pandas and pyarrow)"


def pandas_module() -> Any:
    """The pandas module, or a ``QueryError`` that says how to install it."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise QueryError(f"data frames need pandas: {INSTALL_HINT}") from None


def rows_frame(rows: list[dict[str, Any]]) -> Any:
    """``rows`` (flat ``COLUMNS`` rows) -> a DataFrame with the codebook's column order and types."""
    pd = pandas_module()
    frame = pd.DataFrame(rows, columns=[c.name for c in COLUMNS])
    for column in COLUMNS:
        if column.type == "integer":
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.type == "float":
            frame[column.name] = frame[column.name].astype("float64")
        elif column.type == "boolean":
            frame[column.name] = frame[column.name].astype("bool")
        else:
            frame[column.name] = frame[column.name].astype("object")
    return frame


def events_df(store: Store, flt: EventFilter | None = None, *, kb: RoleSource | None = None) -> Any:
    """The flat event rows of ``store`` (``comity.query.flat.event_rows``) as a pandas DataFrame."""
    return rows_frame(event_rows(store, flt, kb=kb))


def write_frame(frame: Any, path: Path, fmt: str) -> None:
    """Write ``frame`` to ``path`` as parquet, csv, stata (.dta) or feather."""
    if fmt not in FRAME_FORMATS:
        raise QueryError(f"format must be one of {', '.join(FRAME_FORMATS)}, got {fmt!r}")
    try:
        if fmt == "csv":
            frame.to_csv(path, index=False)
        elif fmt == "parquet":
            frame.to_parquet(path, index=False)
        elif fmt == "feather":
            frame.to_feather(path)
        else:
            _stata_frame(frame).to_stata(
                path, write_index=False, version=STATA_VERSION, convert_strl=_long_text(frame)
            )
    except ImportError as exc:  # pyarrow, for parquet and feather
        raise QueryError(f"writing {fmt} needs pyarrow: {INSTALL_HINT} ({exc})") from None


def _stata_frame(frame: Any) -> Any:
    """Stata has no boolean type and no missing string: 0/1 and empty strings instead."""
    out = frame.copy()
    for column in COLUMNS:
        if column.type == "boolean":
            out[column.name] = out[column.name].astype("int8")
        elif column.type == "string":
            out[column.name] = out[column.name].fillna("").astype(str)
    return out


def _long_text(frame: Any) -> list[str]:
    texts = [c.name for c in COLUMNS if c.type == "string"]
    return [name for name in texts if frame[name].fillna("").map(lambda v: len(str(v).encode())).max() > 2045]
