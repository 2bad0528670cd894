"""iter_inputs: files, directories, globs, stdin and unreadable paths."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from comity.config import Settings, load_settings
from comity.ingest import iter_inputs
from comity.records import Rejection, SourceItem


def make_tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text("Second article.\nIt has words.", encoding="utf-8")
    (root / "a.txt").write_text("First article.\nIt has words.", encoding="utf-8")
    (root / "README.md").write_text("# not an article", encoding="utf-8")
    (root / ".secret.txt").write_text("hidden file", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("hidden dir", encoding="utf-8")
    (root / "sub" / "page.htm").write_text("<p>A page.</p>", encoding="utf-8")
    (root / "sub" / "deeper" / "rows.jsonl").write_text('{"text": "Row one."}\n', encoding="utf-8")
    (root / "sub" / "deeper" / "rows.csv").write_text("text\nRow two.\n", encoding="utf-8")


def test_directory_is_walked_sorted_and_filtered(tmp_path: Path, settings: Settings) -> None:
    make_tree(tmp_path)
    records = [r for r in iter_inputs([str(tmp_path)], settings) if not _skip(r)]
    assert all(isinstance(r, SourceItem) for r in records)
    got = [Path(r.name).relative_to(tmp_path).as_posix() for r in records]
    assert got == ["a.txt", "b.txt", "sub/deeper/rows.csv#1", "sub/deeper/rows.jsonl#1", "sub/page.htm"]
    assert [r.fmt for r in records if isinstance(r, SourceItem)] == ["text", "text", "text", "text", "html"]


def test_directory_walk_accounts_for_every_entry_it_does_not_read(tmp_path: Path, settings: Settings) -> None:
    make_tree(tmp_path)
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01")
    (tmp_path / "sub" / "noext").write_text("no extension", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "sub", target_is_directory=True)
    skips = {
        Path(r.name).relative_to(tmp_path).as_posix(): (r.reason, r.message)
        for r in iter_inputs([str(tmp_path)], settings)
        if isinstance(r, Rejection) and _skip(r)
    }
    assert skips == {
        ".hidden": ("hidden", "hidden folder"),  # one skip for the folder: its files are not walked
        ".secret.txt": ("hidden", "hidden file"),
        "README.md": ("unsupported_type", "unsupported type .md"),
        "blob.bin": ("unsupported_type", "unsupported type .bin"),
        "link": ("linked_folder", "symbolic link to a folder (not followed)"),
        "sub/noext": ("unsupported_type", "unsupported type (no extension)"),
    }


def test_glob_skips_what_it_matches_but_cannot_read(tmp_path: Path, settings: Settings) -> None:
    make_tree(tmp_path)
    records = list(iter_inputs([str(tmp_path / "*.md")], settings))
    assert [(Path(r.name).name, r.reason) for r in records if isinstance(r, Rejection)] == [
        ("README.md", "unsupported_type")
    ]


def _skip(record: SourceItem | Rejection) -> bool:
    return isinstance(record, Rejection) and record.skipped


def test_glob_pattern(tmp_path: Path, settings: Settings) -> None:
    make_tree(tmp_path)
    records = list(iter_inputs([str(tmp_path / "*.txt")], settings))
    assert [Path(r.name).name for r in records] == ["a.txt", "b.txt"]


def test_glob_without_matches_is_rejected(tmp_path: Path, settings: Settings) -> None:
    records = list(iter_inputs([str(tmp_path / "*.nothing")], settings))
    assert [r.reason for r in records if isinstance(r, Rejection)] == ["unreadable"]


def test_missing_path_is_unreadable(tmp_path: Path, settings: Settings) -> None:
    missing = str(tmp_path / "nope.txt")
    (rejection,) = list(iter_inputs([missing], settings))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unreadable"
    assert "no such file" in rejection.message and missing in rejection.message


def test_explicit_unsupported_file(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# notes", encoding="utf-8")
    (rejection,) = list(iter_inputs([str(path)], settings))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unsupported_format"


def test_symlink_loop_and_broken_link(tmp_path: Path, settings: Settings) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    records = list(iter_inputs([str(loop), str(broken)], settings))
    assert [r.reason for r in records if isinstance(r, Rejection)] == ["unreadable", "unreadable"]
    # inside a directory the loop does not hang or raise either
    assert all(isinstance(r, Rejection) for r in iter_inputs([str(tmp_path)], settings))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_permission_denied(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        (rejection,) = list(iter_inputs([str(path)], settings))
    finally:
        path.chmod(0o600)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unreadable"


def test_read_error_is_unreadable(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("words", encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    (rejection,) = list(iter_inputs([str(path)], settings))
    assert isinstance(rejection, Rejection)
    assert (rejection.reason, rejection.name) == ("unreadable", str(path))
    assert "Permission denied" in rejection.message


def test_unlistable_directory_is_unreadable(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def deny(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", deny)
    (rejection,) = list(iter_inputs([str(tmp_path)], settings))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unreadable"


def test_stdin(settings: Settings) -> None:
    (item,) = list(iter_inputs(["-"], settings, stdin=io.StringIO("Title\r\nBody text.\r\n")))
    assert isinstance(item, SourceItem)
    assert (item.name, item.fmt, item.content) == ("-", "text", "Title\nBody text.\n")


@pytest.mark.parametrize(("content", "reason"), [("   \n", "empty"), ("x" * 50, "too_large")])
def test_stdin_rejections(content: str, reason: str) -> None:
    settings = load_settings({"max_input_bytes": 20}, environ={})
    (rejection,) = list(iter_inputs(["-"], settings, stdin=io.StringIO(content)))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == reason
