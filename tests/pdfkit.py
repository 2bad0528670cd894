"""Write small, valid PDF files for tests: text pages (a real text layer) or drawing-only pages
(what a scan without OCR looks like to a text extractor). No PDF library is needed to write them."""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text_stream(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


#: A page with only vector drawing on it: no text layer, as a scanned page without OCR.
DRAWING = b"0.5 g 72 72 400 600 re f 0 G 72 72 m 472 672 l S"


def make_pdf(pages: list[list[str] | bytes], *, title: str | None = None, date: str | None = None) -> bytes:
    """A PDF whose pages hold ``lines`` of text (a list of str) or a raw content stream (bytes).

    ``date`` is a PDF date string such as ``"D:20240305120000Z"`` for the /CreationDate entry.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        stream = page if isinstance(page, bytes) else _text_stream(page)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (tree, content, font)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    refs = " ".join(f"{k} 0 R" for k in kids).encode()
    objects[tree - 1] = b"<< /Type /Pages /Kids [" + refs + b"] /Count %d >>" % len(kids)
    info_entries = []
    if title is not None:
        info_entries.append(b"/Title (" + _escape(title).encode("latin-1") + b")")
    if date is not None:
        info_entries.append(b"/CreationDate (" + date.encode("ascii") + b")")
    info = add(b"<< " + b" ".join(info_entries) + b" >>") if info_entries else None

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
