"""A document's structure beyond its text: its original bytes, and where its headings are.

Headings are not stored in the review file: the importer reads the original again (it is
deterministic) and its headings count when its text is the text stored. A document imported
by an older version, whose text differs, shows no headings until it is imported again.
"""

from dataclasses import dataclass

from reviewtool.core.errors import ImportRefused, NotFound
from reviewtool.core.store.reviewfile import ReviewFile


@dataclass(frozen=True)
class Original:
    data: bytes
    filename: str
    media_type: str


def document_original(review: ReviewFile, document_id: str) -> Original:
    """The bytes a document was imported from."""
    row = review.conn.execute(
        "SELECT c.original, c.original_name, c.media_type FROM documents d "
        "JOIN contents c ON c.sha256 = d.sha256 WHERE d.document_id = ?",
        (document_id,)).fetchone()
    if row is None:
        raise NotFound(f"No document {document_id} in this review; list them with 'reviewtool docs'.")
    return Original(bytes(row[0]), row[1], row[2])


def document_headings(original: Original, text: str) -> tuple[tuple[int, int], ...]:
    """The [start, end) of every heading of the stored text; () when unknown."""
    from reviewtool.core.importing import extract_bytes

    try:
        extracted = extract_bytes(original.data, original.filename)
    except ImportRefused:
        return ()
    return extracted.headings if extracted.text == text else ()
