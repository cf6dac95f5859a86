"""Import bounded in memory and time: a PDF page of millions of text operations and a .docx
zip bomb are refused with one sentence, and the caller's memory stays small."""

import resource
import time
import zipfile
import zlib

import pytest

from reviewtool.core import limits
from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import extract_file


def one_page_pdf(path, operations: int):
    """A one-page PDF whose content stream draws one letter `operations` times (a few KB
    compressed: the whole page compresses to almost nothing)."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj " * operations + b"ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_small_pdf_page_is_read_in_a_capped_worker(tmp_path):
    extracted, _ = extract_file(one_page_pdf(tmp_path / "small.pdf", 50))
    assert extracted.text == "a" * 50


def test_a_page_of_millions_of_operations_is_refused_and_the_caller_stays_small(tmp_path):
    path = one_page_pdf(tmp_path / "bomb.pdf", 3_000_000)
    assert path.stat().st_size < 40_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(ImportRefused, match=r"^this file needs more than 1 GB of memory to read"):
        extract_file(path)
    assert time.perf_counter() - started < 60
    # The parsing happened in the worker: this process grew by far less than the page needs.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024


def test_a_pdf_that_reads_too_long_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "EXTRACTION_SECONDS", 0.2)
    with pytest.raises(ImportRefused, match=r"^reading this file took longer than 0.2 seconds"):
        extract_file(one_page_pdf(tmp_path / "slow.pdf", 1_000_000))


def zip_bomb(path, part_mb: int):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            for _ in range(part_mb):
                part.write(b" " * 1024 * 1024)
    return path


def test_a_docx_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path):
    path = zip_bomb(tmp_path / "bomb.docx", 300)
    assert path.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(ImportRefused, match=r"^this Word document would unpack to 300 MB, "
                                            r"\d[\d,]* times its packed size"):
        extract_file(path)
    assert time.perf_counter() - started < 1


def test_a_docx_unpacking_to_more_than_a_document_can_take_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DOCX_UNPACKED", 4 * limits.MIB)
    monkeypatch.setattr(limits, "DOCX_RATIO_FROM", 64 * limits.MIB)
    with pytest.raises(ImportRefused, match=r"would unpack to over 4 MB"):
        extract_file(zip_bomb(tmp_path / "big.docx", 5))
