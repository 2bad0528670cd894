"""Turn raw bytes into text, or say precisely why not (internal helper, not a stable API)."""

from __future__ import annotations

import codecs
from pathlib import Path

from comity.config import Settings
from comity.errors import RejectedInput

#: Leading bytes of common binary formats that must never be read as articles.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"PK\x03\x04": "ZIP",
    b"\x1f\x8b": "GZIP",
    b"\xff\xd8\xff": "JPEG",
    b"\x7fELF": "ELF",
    b"GIF8": "GIF",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Control characters that do occur in real text files.
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
#: Share of control characters above which a single-byte decoding is judged implausible.
_MAX_CONTROL_SHARE = 0.01


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_limited(path: Path, settings: Settings) -> bytes:
    """Read ``path`` after checking its size against ``settings.max_input_bytes``.

    Raises:
        RejectedInput: ``too_large`` or ``unreadable``.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RejectedInput("unreadable", f"cannot stat {path}: {exc.strerror or exc}") from exc
    if size > settings.max_input_bytes:
        raise RejectedInput(
            "too_large", f"{path} has {size} bytes; the limit is {settings.max_input_bytes} (max_input_bytes)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RejectedInput("unreadable", f"cannot read {path}: {exc.strerror or exc}") from exc


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` robustly and normalise newlines.

    UTF-8 (BOM stripped), UTF-16/32 with a BOM, then cp1252 and latin-1 when the result is
    plausible text.

    Raises:
        RejectedInput: ``binary``, ``undecodable`` or ``empty``.
    """
    text = normalise_newlines(_decode(data))
    if not text.strip():
        raise RejectedInput("empty", "the input has no text (empty or whitespace only)")
    return text


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise RejectedInput("undecodable", f"invalid {encoding} after a byte-order mark") from exc
    _reject_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    raise RejectedInput("undecodable", "the bytes are not valid UTF-8, UTF-16, cp1252 or latin-1 text")


def _reject_binary(data: bytes) -> None:
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise RejectedInput("binary", f"binary file ({kind} signature)")
    if b"\x00" in data:
        raise RejectedInput("binary", "binary file (contains NUL bytes)")


def _plausible(text: str) -> bool:
    controls = sum(
        1 for ch in text if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) and ch not in _ALLOWED_CONTROLS
    )
    return controls <= _MAX_CONTROL_SHARE * len(text)
