"""The PDF's creation date reaches the artifact (TEC-08 leaves out files from before 23.09.2018)."""

from probes.website.pdf import _iso_date, inspect_pdf


def minimal_pdf(creation: str) -> bytes:
    """A one-page PDF with an /Info CreationDate, its xref offsets computed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        f"<< /Producer (test) /CreationDate (D:{creation}) >>".encode(),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_creation_date_read_by_pdfinfo():
    assert inspect_pdf(minimal_pdf("20150201103000+01'00'"))["created"] == "2015-02-01"


def test_date_formats():
    assert _iso_date("Sun Feb  1 10:30:00 2015 CET") == "2015-02-01"
    assert _iso_date("2024-05-05T10:00:00+02") == "2024-05-05"
    assert _iso_date("") is None
