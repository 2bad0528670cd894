"""Walk the inputs a user named (files, directories, globs, ``-``) and read each one.

Directories are walked recursively in sorted order and only files with a supported extension
are read. Every entry a walk meets is accounted for: what it does not read (hidden entries, other
file types, links to folders) becomes a skip, a ``Rejection`` whose stage is ``SKIP_STAGE``.
Bad inputs never raise: they become ``Rejection`` rows.
"""

from __future__ import annotations

import glob
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from comity.config import Settings
from comity.ingest.decode import normalise_newlines
from comity.ingest.fetch import Fetcher, is_url
from comity.ingest.rows import STAGE
from comity.ingest.web import read_url
from comity.records import SKIP_STAGE, Rejection, SourceItem
from comity.registry import readers

logger = logging.getLogger(__name__)

#: File extension -> registered reader name.
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "text.v1",
    ".text": "text.v1",
    ".html": "html.v1",
    ".htm": "html.v1",
    ".jsonl": "jsonl.v1",
    ".csv": "csv.v1",
    ".pdf": "pdf.v1",
}
STDIN_NAME = "-"
_GLOB_CHARS = frozenset("*?[")

Output = Iterator[SourceItem | Rejection]


def iter_inputs(paths: Sequence[str], settings: Settings, *, stdin: TextIO | None = None) -> Output:
    """Yield a ``SourceItem`` or ``Rejection`` for every article found under ``paths``.

    Args:
        paths: files, directories, glob patterns, http(s) URLs (fetched: see ``comity.ingest.web``),
            or ``"-"`` for one plain-text article on stdin.
        settings: size limits and other options.
        stdin: the stream ``"-"`` reads (default ``sys.stdin``).
    """
    fetcher: Fetcher | None = None
    try:
        for raw in paths:
            if raw == STDIN_NAME:
                yield _read_stdin(stdin if stdin is not None else sys.stdin, settings)
            elif is_url(raw):
                fetcher = fetcher or Fetcher(settings)  # one client (and robots cache) per walk
                yield read_url(raw, fetcher)
            else:
                yield from _iter_path(raw, settings)
    finally:
        if fetcher is not None:
            fetcher.close()


def _iter_path(raw: str, settings: Settings) -> Output:
    path = Path(raw)
    if path.is_dir():
        yield from _walk(path, settings)
    elif path.is_file():
        yield from _read_file(path, settings, explicit=True)
    elif os.path.lexists(path):
        yield _unreadable(raw, _odd_path_message(path))
    elif _GLOB_CHARS & set(raw):
        yield from _iter_glob(raw, settings)
    else:
        yield _unreadable(raw, f"no such file or directory: {raw}")


def _odd_path_message(path: Path) -> str:
    if path.is_symlink():
        return f"broken or looping symbolic link: {path}"
    return f"not a regular file or directory: {path}"


def _iter_glob(pattern: str, settings: Settings) -> Output:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield _unreadable(pattern, f"no files match the pattern {pattern!r}")
        return
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _walk(path, settings)
        elif path.is_file():
            yield from _read_file(path, settings, explicit=False)


def _walk(directory: Path, settings: Settings) -> Output:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield _unreadable(str(directory), f"cannot list directory {directory}: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            yield skip(path, "hidden", f"hidden {'folder' if _is_dir(entry, follow=True) else 'file'}")
        elif _is_dir(entry, follow=False):
            yield from _walk(path, settings)
        elif _is_dir(entry, follow=True):
            # Directory symlinks are not followed, so a link loop cannot recurse forever.
            yield skip(path, "linked_folder", "symbolic link to a folder (not followed)")
        else:
            yield from _read_file(path, settings, explicit=False)


def _is_dir(entry: os.DirEntry[str], *, follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False


def skip(path: Path, reason: str, message: str) -> Rejection:
    """An entry a walk leaves unread on purpose: a skip, counted apart from rejections."""
    logger.debug("skipping %s: %s", path, message)
    return Rejection(str(path), SKIP_STAGE, reason, message, size=_size(path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _read_file(path: Path, settings: Settings, *, explicit: bool) -> Output:
    reader_name = SUPPORTED_EXTENSIONS.get(path.suffix.lower())
    if reader_name is None:
        if explicit:
            supported = ", ".join(SUPPORTED_EXTENSIONS)
            message = f"unsupported file extension {path.suffix or '(none)'!r}; supported: {supported}"
            yield Rejection(str(path), STAGE, "unsupported_format", message)
        else:
            yield skip(
                path, "unsupported_type", f"unsupported type {path.suffix.lower() or '(no extension)'}"
            )
        return
    reader = readers.get(reader_name)
    try:
        yield from reader(path, settings)
    except OSError as exc:
        yield _unreadable(str(path), f"cannot read {path}: {exc.strerror or exc}")
    except Exception as exc:  # a third-party reader must not abort the run
        logger.exception("reader %s failed on %s", reader_name, path)
        yield Rejection(str(path), STAGE, "processing_error", f"{type(exc).__name__}: {exc}")


def _read_stdin(stream: TextIO, settings: Settings) -> SourceItem | Rejection:
    try:
        content = stream.read()
    except (OSError, UnicodeDecodeError) as exc:
        return _unreadable(STDIN_NAME, f"cannot read standard input: {exc}")
    size = len(content.encode("utf-8", errors="replace"))
    if size > settings.max_input_bytes:
        message = f"standard input has {size} bytes; the limit is {settings.max_input_bytes}"
        return Rejection(STDIN_NAME, STAGE, "too_large", message, size=size)
    content = normalise_newlines(content.removeprefix("\ufeff"))
    if not content.strip():
        return Rejection(STDIN_NAME, STAGE, "empty", "standard input has no text", size=size)
    return SourceItem(name=STDIN_NAME, content=content, fmt="text", size=size)


def _unreadable(name: str, message: str) -> Rejection:
    logger.info("unreadable input %s: %s", name, message)
    return Rejection(name=name, stage=STAGE, reason="unreadable", message=message)
