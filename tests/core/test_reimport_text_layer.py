"""A PDF imported with the old text layer (running heads in the sentences), imported again:
its claims stay on their words, or are flagged orphaned, never lost."""

from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.normalize import join_pages
from reviewtool.core.review.anchors import anchor_at, find_quote
from reviewtool.core.review.claims import create_claim, list_claims
from reviewtool.core.review.documents import document_text, import_paths
from reviewtool.core.review.reimport import reimport_document
from reviewtool.core.store.changes import Change
from tests.core import pdf_pages


def old_extract(data: bytes, name: str) -> Extracted:
    """The layer as it was: every line of every page in PDFium's order, furniture included."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    pages = [" ".join(page.get_textpage().get_text_bounded().split()) for page in document]
    text, starts = join_pages(pages)
    return Extracted(text, name, "application/pdf", name, starts)


def test_reimport_keeps_claims_on_their_words_or_flags_them(review, tmp_path, monkeypatch):
    from reviewtool.core.importing import pdf

    data, lines = pdf_pages.running_heads_pdf()
    path = tmp_path / "melatonin.pdf"
    path.write_bytes(data)
    with monkeypatch.context() as patched:
        patched.setattr(pdf, "extract", old_extract)
        [outcome] = import_paths(review, [path])
    document_id = outcome.document_id
    old_text, old_pages = document_text(review, document_id)
    assert "Journal of Sleep Medicine" in old_text
    body_quote = next(line for line in lines[40:80] if "In study" in line)  # on page 2
    furniture_quote = "Unauthorized copying prohibited Page 1"
    with Change(review) as change:
        for quote, statement in ((body_quote, "body"), (furniture_quote, "furniture")):
            anchor = anchor_at(old_text, *find_quote(old_text, quote), old_pages)
            create_claim(review, change, document_id, anchor,
                         {"statement": statement, "category": "risk"})

    counts = reimport_document(review, document_id, path)

    new_text, new_pages = document_text(review, document_id)
    assert "Journal of Sleep Medicine" not in new_text
    claims = {claim.answers["statement"]: claim for claim in list_claims(review)}
    assert len(claims) == 2 and counts["orphaned"] == 1
    body = claims["body"].anchor
    assert not body.orphaned and new_text[body.start:body.end] == body_quote and body.page == 2
    assert claims["furniture"].anchor.orphaned
    assert claims["furniture"].anchor.exact == furniture_quote
