"""The page view of a PDF: highlights over the claim's own characters, a selection on the
page that makes a claim through the same anchors, clicks, navigation, zoom and the toggle."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from reviewtool.core.review.anchors import find_quote
from reviewtool.core.review.claims import add_claim, list_claims
from reviewtool.core.review.documents import document_text
from tests.core import pdf_pages

from .conftest import wait_for_jobs

QUOTE = "side effects were rare and mild"


@pytest.fixture
def pdf_window(qtbot, window, review_path, tmp_path):
    """The window with a six-page PDF imported and shown on its pages, claims found."""
    data, _ = pdf_pages.running_heads_pdf(pages=6)
    path = tmp_path / "melatonin.pdf"
    path.write_bytes(data)
    assert window.open_review(review_path)
    window.import_paths([path])
    wait_for_jobs(qtbot, window)
    window.resize(1300, 900)
    panel = window.workbench.views.pages
    qtbot.waitUntil(lambda: panel.map is not None, timeout=20000)
    view = panel.view
    qtbot.waitUntil(lambda: view.source.boxes(0) is not None, timeout=20000)
    return window


def document(window):
    review = window.session.review
    document_id = window.workbench.document_id
    return review, document_id, document_text(review, document_id)[0]


def centre(rect) -> QPoint:
    return rect.center().toPoint()


def test_a_pdf_opens_on_its_pages_with_navigation(pdf_window, qtbot):
    views = pdf_window.workbench.views
    assert views.showing_pages and views.toggle.isVisible()
    panel = views.pages
    assert panel.of.text() == "of 6"
    qtbot.mouseClick(panel.next, Qt.MouseButton.LeftButton)
    assert panel.view.top_page() == 1 and panel.page.value() == 2
    panel.page.setValue(5)
    assert panel.view.top_page() == 4
    zoom = panel.view.zoom
    qtbot.mouseClick(panel.zoom_in, Qt.MouseButton.LeftButton)
    assert panel.view.zoom == pytest.approx(zoom * 1.2)
    assert panel.view.top_page() == 4  # the place is kept
    qtbot.mouseClick(panel.fit, Qt.MouseButton.LeftButton)
    assert panel.view.zoom == pytest.approx(zoom)


def test_the_highlight_of_a_claim_covers_exactly_its_characters(pdf_window, qtbot):
    review, document_id, text = document(pdf_window)
    start, end = find_quote(text, QUOTE, 1)
    claim_id = add_claim(review, document_id, start, end,
                         {"statement": "Few side effects", "category": "risk"}, partial=False)
    pdf_window.workbench.refresh()
    pdf_window.workbench.select_claim(claim_id)
    qtbot.waitUntil(lambda: pdf_window.workbench.views.pages.map is not None)
    view = pdf_window.workbench.views.pages.view
    page = view.map.page_of(start)
    qtbot.waitUntil(lambda: view.source.boxes(page) is not None, timeout=20000)
    chars = view.map.chars(page, start, end)
    # the characters on the page are the quote's, letter for letter
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_window.workbench.views.pages.source._data)
    textpage = pdf[page].get_textpage()
    assert "".join(textpage.get_text_range(c, 1) for c in chars) == QUOTE
    # every character's box lies inside the painted bands, and the bands hold nothing else
    bands = view._rects(page, start, end)
    boxes = view.char_rects(page, start, end)
    assert len(boxes) >= len(QUOTE.replace(" ", ""))  # every letter has its box
    for box in boxes:
        assert any(band.adjusted(-0.01, -0.01, 0.01, 0.01).contains(box) for band in bands)
    others = view.char_rects(page, end + 1, end + 40) + view.char_rects(page, start - 40, start - 1)
    for box in others:
        assert not any(band.intersects(box.adjusted(1, 1, -1, -1)) for band in bands)
    # and it is drawn: the pixels under the quote are tinted, the page around it is white
    qtbot.waitUntil(lambda: view.source.image(page, view.zoom) is not None, timeout=20000)
    assert view.viewport().rect().contains(bands[0].toRect())
    image = view.viewport().grab().toImage()
    inside = image.pixelColor(centre(bands[0]).x(), bands[0].top() + 1)
    assert inside != image.pixelColor(10 + int(view.page_rect(page).left()),
                                      10 + int(view.page_rect(page).top()))


def test_selecting_on_the_page_and_pressing_ctrl_2_makes_a_claim_on_the_same_anchor(
        pdf_window, qtbot):
    review, document_id, text = document(pdf_window)
    start, end = find_quote(text, QUOTE, 1)
    view = pdf_window.workbench.views.pages.view
    view.show_offset(start)
    page = view.map.page_of(start)
    boxes = view.char_rects(page, start, end)
    # from the middle of the first word to the middle of the last: whole words are taken
    first, last = centre(boxes[2]), centre(boxes[-3])
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    QTest.mouseMove(viewport, QPoint((first.x() + last.x()) // 2, first.y()))
    QTest.mouseMove(viewport, last)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)
    assert view.selected_range() == (start, end)

    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    [claim] = list_claims(review)
    assert claim.category == "benefit"
    assert (claim.anchor.start, claim.anchor.end) == (start, end)
    assert claim.anchor.exact == text[start:end] == QUOTE
    assert claim.anchor.page == page + 1
    assert view.selected_range() is None  # the claim's highlight replaces the selection


def test_clicking_a_highlight_selects_its_claim_and_the_table_follows(pdf_window, qtbot):
    review, document_id, text = document(pdf_window)
    start, end = find_quote(text, QUOTE, 2)
    claim_id = add_claim(review, document_id, start, end,
                         {"statement": "Few side effects", "category": "risk"}, partial=False)
    pdf_window.workbench.refresh()
    pdf_window.workbench.select_claim(None)
    qtbot.waitUntil(lambda: pdf_window.workbench.views.pages.map is not None)
    view = pdf_window.workbench.views.pages.view
    view.show_offset(start)
    page = view.map.page_of(start)
    qtbot.waitUntil(lambda: view.source.boxes(page) is not None, timeout=20000)
    target = centre(view.char_rects(page, start, end)[3])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert pdf_window.workbench.claim_panel.claim_id == claim_id
    assert pdf_window.workbench.claims_view.current_claim() == claim_id
    assert view.current_claim == claim_id


def test_the_toggle_switches_views_and_keeps_the_place(pdf_window, qtbot):
    workbench = pdf_window.workbench
    views = workbench.views
    views.pages.page.setValue(4)
    offset = views.pages.top_offset()
    qtbot.mouseClick(views.toggle, Qt.MouseButton.LeftButton)
    assert not views.showing_pages and views.toggle.text() == "Show pages"
    top = workbench.reader.top_offset()
    assert abs(top - offset) < 200  # the same place: the first line of page 4
    workbench.reader.set_top_offset(views.pages.view.map.page_range(1)[0])
    workbench.reader.setFocus()
    qtbot.keyClick(workbench.reader, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert views.showing_pages and views.pages.view.top_page() == 1


def test_a_pdf_imported_by_an_older_version_says_so(qtbot, window, review_path, tmp_path,
                                                     monkeypatch):
    from reviewtool.core.importing import pdf
    from reviewtool.core.review.page_map import OLD_TEXT
    from tests.core.test_reimport_text_layer import old_extract

    data, _ = pdf_pages.running_heads_pdf(pages=2)
    path = tmp_path / "old.pdf"
    path.write_bytes(data)
    assert window.open_review(review_path)
    with monkeypatch.context() as patched:
        patched.setattr(pdf, "extract", old_extract)
        window.import_paths([path])
        wait_for_jobs(qtbot, window)
    panel = window.workbench.views.pages
    qtbot.waitUntil(lambda: panel.status.text() == OLD_TEXT, timeout=20000)
    assert panel.map is None and panel.view.pages == 2  # the pages show, without claims


def test_the_text_view_shows_headings_and_page_breaks(qtbot, window, review_path, tmp_path):
    from PySide6.QtGui import QFont

    from tests.core.test_importing_pdf import article_pdf

    path = tmp_path / "article.pdf"
    path.write_bytes(article_pdf())
    assert window.open_review(review_path)
    window.import_paths([path])
    wait_for_jobs(qtbot, window)
    views = window.workbench.views
    qtbot.waitUntil(lambda: views.pages.map is not None, timeout=20000)
    qtbot.mouseClick(views.toggle, Qt.MouseButton.LeftButton)  # to the text
    reader = window.workbench.reader
    text = reader.toPlainText()
    assert [text[a:b] for a, b in reader.headings] == [
        "Kratom and withdrawal", "Introduction", "Results"]
    bold = []
    block = reader.document().begin()
    while block.isValid():
        for fragment in (block.begin().fragment(),):
            if fragment.isValid() and fragment.charFormat().fontWeight() == QFont.Weight.Bold:
                bold.append(fragment.text())
        block = block.next()
    assert bold == ["Kratom and withdrawal", "Introduction", "Results"]
    assert len(reader.page_starts) == 2
    # the break before page 2 is drawn: a rule of ink across the blank line above "Results"
    reader.set_top_offset(0)
    block = reader.document().findBlock(reader.page_starts[1])
    top = int(reader.blockBoundingGeometry(block).translated(reader.contentOffset()).top()) - 4
    image = reader.viewport().grab().toImage()
    background = image.pixelColor(image.width() // 2, top - 6)
    assert any(image.pixelColor(x, top) != background for x in range(10, 200))


def test_a_markdown_document_shows_its_headings(qtbot, window, review_path, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Melatonin\n\nSome **older adults** slept.\n\n## Harms\n\n- Headache\n")
    assert window.open_review(review_path)
    window.import_paths([path])
    wait_for_jobs(qtbot, window)
    reader = window.workbench.reader
    assert not window.workbench.views.toggle.isVisible()  # no pages to show
    qtbot.waitUntil(lambda: len(reader.headings) == 2, timeout=20000)
    text = reader.toPlainText()
    assert text == "Melatonin\nSome older adults slept.\nHarms\nHeadache"
    assert [text[a:b] for a, b in reader.headings] == ["Melatonin", "Harms"]
