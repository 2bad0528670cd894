"""Hostile input: a corpus of bad files, made by a fixture, goes through `comity run` whole.

Every case is either processed (stored) or becomes a ``Rejection`` with a specific reason code;
the run never crashes, the counts add up and the exit code says that something was rejected.
Nothing here is committed to the repository: the corpus is written to a temporary folder.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from comity.cli import app
from comity.records import REJECTION_REASONS, Rejection
from comity.store.duckdb import DuckDBStore

runner = CliRunner()

ARTICLE = (
    "Ministers meet in Hanoi\n\n"
    "HANOI, March 3, 2024 - Chinese Foreign Minister Wang Yi met Vietnamese Prime Minister "
    "Pham Minh Chinh in Hanoi on Friday. The two sides signed a joint statement on trade.\n"
)
VIETNAMESE = (
    "Bộ trưởng Ngoại giao Trung Quốc Vương Nghị gặp Thủ tướng Phạm Minh Chính tại Hà Nội\n\n"
    "Hà Nội, ngày 3 tháng 3 năm 2024 - Bộ trưởng Ngoại giao Trung Quốc Vương Nghị đã gặp Thủ tướng "
    "Phạm Minh Chính tại Hà Nội vào thứ Sáu. Hai bên đã ký một tuyên bố chung về thương mại.\n"
)
CHINESE = (
    "中国外长王毅在河内会见越南总理范明政\n\n"
    "河内，2024年3月3日——中国外交部长王毅周五在河内会见了越南总理范明政。双方签署了一项关于贸易的联合声明。\n"
)
LATIN1 = "Le ministre a rencontré son homologue à Hanoï. Les deux côtés ont signé une déclaration.\n"
MOJIBAKE = "The ministerâ€™s visit to HÃ  Ná»™i was â€œproductiveâ€\x9d, officials said on Friday.\n"
SIZE_100MB = 100 * 1024 * 1024

#: file name -> the reason code it must be rejected with, or "stored" when it is processed.
#: (JSONL/CSV files produce one record per row: their rows are listed under "name#line".)
EXPECTED: dict[str, str] = {
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "pdf.txt": "binary",
    "png.html": "binary",
    "zip.txt": "binary",
    "invalid_utf8.txt": "stored",  # a stray byte: read as cp1252, which is plausible text
    "control_bytes.txt": "undecodable",  # not UTF-8 and implausible in any single-byte encoding
    "latin1.txt": "stored",
    "utf16_bom.txt": "stored",
    "bad_utf16_bom.txt": "undecodable",
    "mojibake.txt": "stored",  # valid UTF-8: stored as given, never "repaired" (offsets stay true)
    "huge_100mb.txt": "too_large",  # over max_input_bytes (20 MB): rejected on its size alone
    "one_line_5mb.txt": "too_large",  # 5 MB of text is over max_text_chars (5,000,000)
    "malformed.html": "stored",
    "nested_200.html": "stored",
    "nested_5000.html": "no_main_text",  # deeper than lxml's limit: its text cannot be extracted
    "scripts_only.html": "empty",
    "tags_only.html": "empty",
    "vietnamese.txt": "stored",  # processed with the English model (no language filter)
    "chinese.txt": "stored",
    "loop.txt": "unreadable",  # a symbolic link to itself
    "locked.txt": "unreadable",  # PermissionError on read (monkeypatched: tests run as root)
    "wrong_columns.csv": "missing_field",
    "rows.jsonl#1": "stored",
    "rows.jsonl#2": "malformed_row",
    "rows.jsonl#3": "missing_field",
    "rows.jsonl#4": "malformed_row",
    "rows.jsonl#5": "bad_field",
    "rows.jsonl#6": "empty",
    "rows.jsonl#7": "stored",  # "last Tuesday" is no date: stored undated, with a warning
    "extra_fields.csv#1": "stored",
    "extra_fields.csv#2": "malformed_row",
    "extra_fields.csv#3": "empty",
    "zz_duplicate.txt": "duplicate",  # the same text as rows.jsonl#1, met later (sorted order)
    "notes.bin": "unsupported_type",  # skipped, and accounted: a folder walk loses nothing silently
    "sub/back": "linked_folder",  # a directory loop: skipped, not followed
}
#: Outcomes that are skips (counted apart from rejections).
SKIPS = {"unsupported_type", "linked_folder"}


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", ARTICLE)
    return buffer.getvalue()


def _nested(depth: int, who: str) -> bytes:
    body = f"<p>Chinese Foreign Minister Wang Yi met {who} in Hanoi on Friday. They discussed trade.</p>"
    return b"<html><body>" + b"<div>" * depth + body.encode() + b"</div>" * depth + b"</body></html>"


def _write_100mb(path: Path) -> None:
    line = b"Wang Yi met Pham Minh Chinh in Hanoi on Friday to discuss trade and rail links.\n"
    block = line * (1024 * 1024 // len(line) + 1)
    with path.open("wb") as out:
        while out.tell() < SIZE_100MB:
            out.write(block)


def build_corpus(folder: Path) -> Path:
    """Write every bad-input case of ``EXPECTED`` into ``folder`` (and a skipped directory loop)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\r\n   \n",
        "pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n",
        "png.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        "zip.txt": _zip_bytes(),
        "invalid_utf8.txt": ARTICLE.replace("trade", "trade \xff").encode("latin-1", "replace"),
        "control_bytes.txt": bytes(range(1, 9)) * 40 + b"\xff text",
        "latin1.txt": LATIN1.encode("latin-1"),
        "utf16_bom.txt": codecs.BOM_UTF16_LE + ARTICLE.replace("Friday", "Saturday").encode("utf-16-le"),
        "bad_utf16_bom.txt": codecs.BOM_UTF16_LE + b"A\x00\x00\xd8",  # a lone surrogate
        "mojibake.txt": MOJIBAKE.encode("utf-8"),
        "one_line_5mb.txt": b"word " * (5_000_000 // 5 + 1),
        "malformed.html": (
            b"<html><head><title>Talks</title><body><p>Chinese Foreign Minister Wang Yi met "
            b"Vietnamese officials in Hanoi on Friday.<div><span>They signed a statement <b>on trade"
            b"</i></p></td></table>"
        ),
        "nested_200.html": _nested(200, "Vietnamese Prime Minister Pham Minh Chinh"),
        "nested_5000.html": _nested(5000, "Vietnamese President Vo Van Thuong"),
        "scripts_only.html": (
            b"<html><head><script>var a = 1; document.write('Wang Yi met officials');</script>"
            b"<style>p { color: red }</style></head><body><script>alert(1)</script></body></html>"
        ),
        "tags_only.html": b"<html><body><div><span></span></div></body></html>",
        "vietnamese.txt": VIETNAMESE.encode("utf-8"),
        "chinese.txt": CHINESE.encode("utf-8"),
        "locked.txt": ARTICLE.replace("Friday", "Monday").encode("utf-8"),
        "wrong_columns.csv": b"headline,body\nTalks,Wang Yi met officials in Hanoi.\n",
        "extra_fields.csv": (
            b'text,title\n"' + ARTICLE.replace("Friday", "Sunday").encode("utf-8") + b'",Talks\n'
            b"Another article body here,Title,unexpected\n"
            b",Only a title\n"
        ),
        "zz_duplicate.txt": ARTICLE.encode("utf-8"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    _write_100mb(folder / "huge_100mb.txt")
    rows = [
        json.dumps({"text": ARTICLE, "title": "Talks", "date": "2024-03-03"}),
        '{"text": "broken line',
        json.dumps({"title": "no body"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Wang Yi met officials in Hanoi.", "date": "last Tuesday"}),
    ]
    (folder / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "back").symlink_to(folder, target_is_directory=True)  # a directory loop: not followed
    (folder / "notes.bin").write_bytes(b"\x00" * 10)  # unsupported extension in a folder: skipped
    return folder


@pytest.fixture()
def bad_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = build_corpus(tmp_path / "bad")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "huge_100mb.txt":
            raise AssertionError("the 100 MB file must be rejected before it is read")
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return folder


def _outcomes(store: DuckDBStore, folder: Path) -> dict[str, str]:
    prefix = f"{folder}/"
    found: dict[str, str] = {}
    for row in store.fetch("SELECT name, reason FROM rejections"):
        found[row["name"].removeprefix(prefix)] = row["reason"]
    for row in store.fetch("SELECT name FROM articles"):
        found[row["name"].removeprefix(prefix)] = "stored"
    return found


def _run_row(store: DuckDBStore) -> dict[str, Any]:
    (row,) = store.fetch("SELECT inputs, stored, duplicates, rejected, skipped FROM runs")
    return row


def test_reliability_bad_input_corpus_through_comity_run(bad_corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "bad.duckdb")
    result = runner.invoke(app, ["run", str(bad_corpus), "--db", db, "--workers", "1", "--batch-size", "4"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1, result.output
    store = DuckDBStore(db, read_only=True)
    try:
        counts = _run_row(store)
        outcomes = _outcomes(store, bad_corpus)
        reasons = [r["reason"] for r in store.fetch("SELECT reason FROM rejections WHERE stage <> 'note'")]
        notes = store.fetch("SELECT name, reason FROM rejections WHERE stage = 'note'")
    finally:
        store.close()
    expected_duplicates = [name for name, outcome in EXPECTED.items() if outcome == "duplicate"]
    expected = {name: outcome for name, outcome in EXPECTED.items() if outcome != "duplicate"}
    # the first copy of the duplicated article is stored under the name it was first met by
    assert outcomes == expected
    assert counts["inputs"] == len(EXPECTED)
    assert (
        counts["inputs"] == counts["stored"] + counts["duplicates"] + counts["rejected"] + counts["skipped"]
    )
    assert counts["duplicates"] == len(expected_duplicates)
    assert counts["skipped"] == sum(1 for v in expected.values() if v in SKIPS) == 2
    assert counts["rejected"] + counts["skipped"] == len(reasons)
    # an unparseable date is a note on a stored article, not a rejection
    assert [(n["name"].removeprefix(f"{bad_corpus}/"), n["reason"]) for n in notes] == [
        ("rows.jsonl#7", "bad_date")
    ]
    assert counts["rejected"] == sum(1 for v in expected.values() if v not in SKIPS | {"stored"})
    # every rejection has a specific, documented reason: none is a catch-all processing error
    assert all(reason in REJECTION_REASONS and reason != "processing_error" for reason in reasons)


def test_reliability_bad_input_second_run_adds_nothing(bad_corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "bad.duckdb")
    args = ["run", str(bad_corpus), "--db", db, "--workers", "1", "-q"]
    assert runner.invoke(app, args).exit_code == 1
    store = DuckDBStore(db, read_only=True)
    try:
        before = {
            t: store.fetch(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("articles", "rejections")
        }
    finally:
        store.close()
    assert runner.invoke(app, args).exit_code == 1
    store = DuckDBStore(db, read_only=True)
    try:
        after = {t: store.fetch(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("articles", "rejections")}
        second = store.fetch(
            "SELECT inputs, stored, duplicates, rejected, skipped FROM runs ORDER BY started DESC"
        )
    finally:
        store.close()
    assert after == before
    assert all(r["inputs"] == r["stored"] + r["duplicates"] + r["rejected"] + r["skipped"] for r in second)


def test_reliability_every_bad_case_is_rejected_or_processed_in_process(bad_corpus: Path) -> None:
    """The same corpus through the ingest and clean stages directly, without the model."""
    from comity.config import load_settings
    from comity.extract.actors.kb import load_kb
    from comity.ingest import iter_inputs
    from comity.pipeline import Pipeline

    settings = load_settings({"db": ":memory:"}, environ={})
    pipeline = Pipeline(settings, load_kb())
    seen: dict[str, str] = {}
    for item in iter_inputs([str(bad_corpus)], settings):
        outcome = item if isinstance(item, Rejection) else pipeline.clean(item)
        name = (outcome.name if isinstance(outcome, Rejection) else item.name).removeprefix(f"{bad_corpus}/")
        seen[name] = outcome.reason if isinstance(outcome, Rejection) else "stored"
    assert seen == {k: ("stored" if v == "duplicate" else v) for k, v in EXPECTED.items()}


@pytest.mark.parametrize(("depth", "outcome"), [(200, "stored"), (5000, "no_main_text")])
def test_reliability_deep_html_is_not_called_empty(depth: int, outcome: str) -> None:
    """lxml returns no text for markup nested past its limit: that page has text, so it is not
    ``empty`` but ``no_main_text`` (fixed in clean/html.py); shallower nesting is extracted."""
    from comity.clean.html import extract_html
    from comity.errors import RejectedInput

    html = _nested(depth, "Vietnamese officials").decode()
    try:
        extracted = extract_html(html)
    except RejectedInput as exc:
        assert exc.reason == outcome
    else:
        assert outcome == "stored" and "Wang Yi" in extracted.text
