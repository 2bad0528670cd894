"""A hostile folder is fully accounted: inputs = stored + duplicates + rejected + skipped.

Nothing a folder walk meets disappears without a word: each entry is stored, a duplicate,
rejected with a reason, or skipped with a reason, in the run summary and in `comity rejections`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app
from pdfkit import DRAWING, make_pdf

runner = CliRunner()

ARTICLE = (
    "Ministers meet in Hanoi\n\n"
    "HANOI, March 3, 2024 - Chinese Foreign Minister Wang Yi met Vietnamese Prime Minister "
    "Pham Minh Chinh in Hanoi on Friday. The two sides signed a joint statement on trade.\n"
)


def hostile_folder(root: Path) -> Path:
    folder = root / "hostile"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "copy.txt").write_text(ARTICLE, encoding="utf-8")  # a duplicate
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 40)  # rejected: binary
    (folder / "readout.pdf").write_bytes(make_pdf([["Vietnam and the Philippines held talks in Manila."]]))
    (folder / "scan.pdf").write_bytes(make_pdf([DRAWING]))  # rejected: no text layer
    (folder / "blob.bin").write_bytes(b"\x00\xff" * 20)  # skipped: unsupported type
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")  # skipped
    (folder / "Makefile").write_text("all:\n", encoding="utf-8")  # skipped: no extension
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # skipped: hidden
    return folder


@pytest.mark.slow
def test_hostile_folder_is_fully_accounted_in_summary_and_rejections(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    db = str(tmp_path / "h.duckdb")
    # A wide terminal: the summary table folds long temporary paths across lines otherwise.
    result = runner.invoke(app, ["run", str(folder), "--db", db, "--workers", "1"], env={"COLUMNS": "400"})
    assert result.exit_code == 1, result.output  # inputs were rejected; skips alone would be 0
    summary = " ".join(result.output.split())
    assert "9 inputs = 2 stored + 1 duplicates + 2 rejected + 4 skipped" in summary
    for name in ("blob.bin", "notes.docx", "Makefile", ".DS_Store"):
        assert name in summary
    assert "unsupported type .bin" in summary

    listed = runner.invoke(app, ["rejections", "--db", db, "--format", "jsonl"])
    rows = {Path(r["name"]).name: r for r in map(json.loads, listed.output.splitlines())}
    assert {name: (r["stage"], r["reason"]) for name, r in rows.items()} == {
        "broken.txt": ("ingest", "binary"),
        "scan.pdf": ("ingest", "no_text_layer"),
        "blob.bin": ("skip", "unsupported_type"),
        "notes.docx": ("skip", "unsupported_type"),
        "Makefile": ("skip", "unsupported_type"),
        ".DS_Store": ("skip", "hidden"),
    }
    assert rows["notes.docx"]["message"] == "unsupported type .docx"


def test_run_of_only_skipped_entries_says_nothing_was_usable(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "image.bin").write_bytes(b"\x00" * 8)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "n.duckdb")])
    assert result.exit_code == 126, result.output
    assert "1 inputs = 0 stored + 0 duplicates + 0 rejected + 1 skipped" in " ".join(result.output.split())
