"""Replacing a document's text with a better extraction, keeping its claims on their words."""

from pathlib import Path

from reviewtool.core.store.changes import Change
from reviewtool.core.review.claims import reanchor_claims
from reviewtool.core.review.document_metadata import filled
from reviewtool.core.review.documents import get_document, store_content, text_sha256
from reviewtool.core.errors import ImportRefused, ReviewError
from reviewtool.core.store.reviewfile import ReviewFile


def reimport_document(review: ReviewFile, document_id: str, path: Path, *,
                      reviewer: str | None = None) -> dict[str, int]:
    """Point the document at the new text and re-anchor its claims, in one transaction."""
    from reviewtool.core.importing import extract_file

    try:
        extracted, original = extract_file(path)
    except ImportRefused as refusal:
        raise ReviewError(f"{path} cannot be imported: {refusal}") from None
    digest = text_sha256(extracted.text)
    other = review.conn.execute(
        "SELECT title FROM documents WHERE sha256 = ? AND document_id <> ?",
        (digest, document_id)).fetchone()
    if other:
        raise ReviewError(f"That text is already in the review as '{other[0]}'.")
    empty = {k for k, v in get_document(review, document_id).metadata().items() if not v}
    found = filled({k: v for k, v in extracted.metadata.items() if k in empty})
    with Change(review, reviewer) as change:
        store_content(review, path, extracted, original, digest)
        # What the new file says about itself fills only fields nobody has filled yet.
        change.set("document", document_id, {"_sha256": digest, "filename": path.name, **found})
        change.flush()  # the claims are re-anchored against the new text
        return reanchor_claims(review, change, document_id)
