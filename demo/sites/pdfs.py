"""Tiny PDFs written by hand: one with a text layer, one that is a "scan" (no text)."""

from __future__ import annotations


def _pdf(content: bytes, with_font: bool) -> bytes:
    font = b"/Resources << /Font << /F1 4 0 R >> >>" if with_font else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + font + b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def text_pdf(lines: list[str]) -> bytes:
    """A PDF whose text a screen reader can read (ASCII only: the standard font)."""
    ops = [b"BT /F1 12 Tf 50 800 Td 14 TL"]
    for line in lines:
        safe = line.encode("ascii", "replace").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(" + safe + b") Tj T*")
    ops.append(b"ET")
    return _pdf(b"\n".join(ops), with_font=True)


def scanned_pdf() -> bytes:
    """A PDF with only drawn shapes: what a scanned document looks like to software."""
    ops = b"\n".join(
        f"0.{i % 9} g {40 + i * 7} {700 - i * 11} 300 6 re f".encode() for i in range(40)
    )
    return _pdf(ops, with_font=False)
