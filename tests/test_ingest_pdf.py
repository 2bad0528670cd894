"""PDF input: the text layer page by page, metadata title and date, scans and damage rejected."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.config import Settings
from comity.extract.actors.kb import load_kb
from comity.ingest import iter_inputs
from comity.ingest.pdf import PAGE_BREAK, pdf_item, read_pdf_file
from comity.pipeline import Pipeline
from comity.records import Article, Rejection, SourceItem
from pdfkit import DRAWING, make_pdf

PAGE_ONE = [
    "Foreign ministers hold talks",
    "HANOI, March 5, 2024 - Chinese Foreign Minister Wang Yi met Vietnamese",
    "Foreign Minister Bui Thanh Son in Hanoi on Tuesday.",
]
PAGE_TWO = ["The two ministers signed an agreement on rail links."]


def _only(records: list[SourceItem | Rejection]) -> SourceItem | Rejection:
    assert len(records) == 1, records
    return records[0]


def test_pdf_text_keeps_page_order_and_boundaries(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "readout.pdf"
    path.write_bytes(
        make_pdf([PAGE_ONE, PAGE_TWO], title="Readout: talks in Hanoi", date="D:20240305093000Z")
    )
    item = _only(list(read_pdf_file(path, settings)))
    assert isinstance(item, SourceItem) and item.fmt == "pdf"
    first, second = item.content.split(PAGE_BREAK)
    assert first == "\n".join(PAGE_ONE) and second == PAGE_TWO[0]
    assert item.title == "Readout: talks in Hanoi" and item.date == "2024-03-05"
    assert item.size == path.stat().st_size


def test_pdf_without_metadata_has_no_title_or_date(settings: Settings) -> None:
    item = pdf_item(make_pdf([PAGE_ONE]), "x.pdf")
    assert item.title is None and item.date is None


def test_pdf_article_offsets_point_into_the_stored_text(settings: Settings) -> None:
    item = pdf_item(make_pdf([PAGE_ONE, PAGE_TWO]), "x.pdf")
    article = Pipeline(settings, load_kb()).clean(item)
    assert isinstance(article, Article) and article.fmt == "pdf"
    assert "rail links" in article.text and "\f" in article.text
    assert article.publication_date == "2024-03-05"  # no metadata date: the dateline gives it


@pytest.mark.parametrize(
    ("data", "reason", "words"),
    [
        (make_pdf([DRAWING, DRAWING]), "no_text_layer", "no OCR"),
        (make_pdf([PAGE_ONE])[:200], "bad_pdf", "cannot be read"),
        (b"%PDF-1.7\nnot really a pdf at all", "bad_pdf", "cannot be read"),
        (b"Plain words in a file named .pdf", "bad_pdf", "no %PDF signature"),
    ],
    ids=["scanned", "truncated", "garbage", "not-a-pdf"],
)
def test_unreadable_pdfs_are_rejected_with_a_clear_reason(
    tmp_path: Path, settings: Settings, data: bytes, reason: str, words: str
) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    rejection = _only(list(read_pdf_file(path, settings)))
    assert isinstance(rejection, Rejection) and rejection.reason == reason
    assert words in rejection.message and rejection.stage == "ingest"


def test_oversized_pdf_is_rejected_before_parsing(tmp_path: Path) -> None:
    from comity.config import load_settings

    path = tmp_path / "big.pdf"
    path.write_bytes(make_pdf([PAGE_ONE]))
    small = load_settings({"max_input_bytes": 100}, environ={})
    rejection = _only(list(read_pdf_file(path, small)))
    assert isinstance(rejection, Rejection) and rejection.reason == "too_large"


def test_folder_walk_reads_pdfs(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.pdf").write_bytes(make_pdf([PAGE_ONE]))
    (tmp_path / "scan.PDF").write_bytes(make_pdf([DRAWING]))
    outcomes = {
        Path(r.name).name: getattr(r, "reason", "read") for r in iter_inputs([str(tmp_path)], settings)
    }
    assert outcomes == {"a.pdf": "read", "scan.PDF": "no_text_layer"}


@pytest.mark.slow
def test_pdf_readout_through_comity_run(tmp_path: Path) -> None:
    folder = tmp_path / "readouts"
    folder.mkdir()
    (folder / "readout.pdf").write_bytes(make_pdf([PAGE_ONE, PAGE_TWO], title="Readout"))
    (folder / "scan.pdf").write_bytes(make_pdf([DRAWING]))
    db = str(tmp_path / "p.duckdb")
    result = CliRunner().invoke(app, ["run", str(folder), "--db", db, "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "2 inputs = 1 stored + 0 duplicates + 1 rejected + 0 skipped" in " ".join(result.output.split())
    docs = CliRunner().invoke(app, ["docs", "--db", db, "--format", "jsonl"])
    assert '"fmt": "pdf"' in docs.output and '"title": "Readout"' in docs.output
    events = CliRunner().invoke(app, ["events", "--db", db, "--format", "jsonl"])
    assert '"CONSULT"' in events.output
