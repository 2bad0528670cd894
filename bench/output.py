"""What every bench script does with its figures: a JSON file, and the same JSON on stdout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_results(results: dict[str, Any], out: str | Path) -> dict[str, Any]:
    """Write ``results`` as indented JSON to ``out`` and print it; return it unchanged."""
    text = json.dumps(results, indent=2)
    Path(out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return results
