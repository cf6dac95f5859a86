"""Word documents (.docx): body paragraphs and table cells in document order, one a line.

Headers, footers, footnotes, comments and text boxes are not part of the body and are left out.
"""

import io
import zipfile

from reviewtool.core import limits
from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import title_or_stem
from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.importing.headings import heading_spans
from reviewtool.core.normalize import normalize_text

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CORRUPT = "corrupt or unreadable Word document: open it in Word, save a new copy and import that"
# Password-protected .docx files, and old .doc files renamed, are OLE containers, not ZIPs.
PROTECTED_OR_OLD = (
    "password-protected or old-format (.doc) Word file: save it as an unprotected .docx "
    "and import it again"
)
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_BOMB = ("this Word document would unpack to {size}{how} (a zip bomb, or a damaged file), "
            "more than a document can take; open it in Word, save a new copy and import that")


def extract(data: bytes, name: str) -> Extracted:
    document = _open(data)
    paragraphs = list(_paragraphs(document))
    text = normalize_text("\n".join(paragraph.text for paragraph in paragraphs))
    return Extracted(
        text=text,
        title=title_or_stem(document.core_properties.title or _heading(paragraphs), name),
        media_type=MEDIA_TYPE,
        source=name,
        headings=heading_spans(text, [p.text for p in paragraphs if _is_heading(p)]),
    )


def _open(data: bytes):
    import docx
    import lxml.etree
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(_OLE_SIGNATURE):
        raise ImportRefused(PROTECTED_OR_OLD)
    try:
        _check_unpacked_sizes(zipfile.ZipFile(io.BytesIO(data)))
        return docx.Document(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        PackageNotFoundError,
        KeyError,  # a part the package names is missing
        ValueError,  # e.g. the main part is not a Word document
        lxml.etree.XMLSyntaxError,
    ) as error:
        raise ImportRefused(CORRUPT) from error


def _check_unpacked_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse, before anything is unpacked, a package whose parts would unpack to more than a
    document can take, in all or for their packed size. The sizes its directory declares are
    binding: zipfile reads no more than the declared size of a part, and a part that
    unpacks to something else fails its checksum (reported as a damaged file)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.DOCX_RATIO_FROM and ratio > limits.DOCX_PART_RATIO:
            raise ImportRefused(ZIP_BOMB.format(
                size=limits.size_text(info.file_size),
                how=f", {ratio:,.0f} times its packed size, in its part {info.filename[:80]}"))
        if total > limits.DOCX_UNPACKED:
            raise ImportRefused(ZIP_BOMB.format(
                size=f"over {limits.size_text(limits.DOCX_UNPACKED)}", how=""))


def _paragraphs(container):
    """Paragraphs in reading order, descending into tables (a merged cell only once)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen = set()  # a merged cell is repeated in every row and column it spans
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _paragraphs(cell)
        else:
            yield block


def _heading(paragraphs) -> str | None:
    return next((paragraph.text for paragraph in paragraphs if _is_heading(paragraph)), None)


def _is_heading(paragraph) -> bool:
    style = paragraph.style.name if getattr(paragraph, "style", None) is not None else ""
    return (style == "Title" or style.startswith("Heading")) and bool(paragraph.text.strip())
