"""Every item model passes qtmodeltester, and rows are read lazily, a page at a time."""

import pytest
from PySide6.QtCore import Qt

from reviewtool.core.review.claims import add_claim
from reviewtool.core.review.documents import document_text, list_documents
from reviewtool.core.review.queries import ClaimFilters
from reviewtool.gui import lazy_model
from reviewtool.gui.claims_model import KIND, STATEMENT, ClaimsModel
from reviewtool.gui.documents_model import APPRAISED, CLAIMS, DocumentsModel
from reviewtool.gui.session import Session


@pytest.fixture
def session(qtbot, seeded):
    documents = list_documents(seeded)
    for number, document in enumerate(documents):
        text = document_text(seeded, document.id)[0]
        for k in range(4):
            add_claim(seeded, document.id, 10 * k, 10 * k + 25,
                      {"statement": f"claim {number}.{k}",
                       "category": ("risk", "benefit")[k % 2]}, reviewer="Amara Okafor")
        assert text
    yield Session(seeded, "Amara Okafor")


def test_claims_model_passes_the_model_tester(qtmodeltester, session):
    model = ClaimsModel(session)
    model.reload()
    assert model.rowCount() == 12
    qtmodeltester.check(model)
    model.sort(STATEMENT)
    qtmodeltester.check(model)
    model.set_filters(ClaimFilters(category="risk"))
    assert model.rowCount() == 6
    qtmodeltester.check(model)


def test_documents_model_passes_the_model_tester(qtmodeltester, session):
    model = DocumentsModel(session)
    model.reload()
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    model.set_matches([model.id_at(2)], {model.id_at(2): "…[kratom]…"})
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_empty_models_pass_the_model_tester(qtmodeltester):
    qtmodeltester.check(ClaimsModel())
    qtmodeltester.check(DocumentsModel())


def test_rows_are_fetched_a_page_at_a_time(session, monkeypatch):
    monkeypatch.setattr(lazy_model, "PAGE", 5)
    model = ClaimsModel(session)
    model.reload()
    asked = []
    original = model.fetch_rows
    model.fetch_rows = lambda ids: asked.append(list(ids)) or original(ids)
    model.data(model.index(0, STATEMENT))
    model.data(model.index(4, KIND))
    assert [len(ids) for ids in asked] == [5]  # one page read, for both cells
    model.data(model.index(11, STATEMENT))
    assert [len(ids) for ids in asked] == [5, 2]


class Numbers(lazy_model.LazyTableModel):
    """The smallest lazy model: row ids "0".."n-1", each row its own number; counts reads."""
    headers = ("n",)

    def __init__(self, count: int):
        super().__init__()
        self.reads: list[list[str]] = []
        self.set_ids([str(n) for n in range(count)], reset=True)

    def fetch_rows(self, ids):
        self.reads.append(list(ids))
        return {i: int(i) for i in ids}

    def cell(self, row, column, role):
        return row if role == Qt.ItemDataRole.DisplayRole else None


def test_old_pages_are_evicted_least_recently_used_first(monkeypatch):
    monkeypatch.setattr(lazy_model, "PAGE", 2)
    monkeypatch.setattr(lazy_model, "MAX_PAGES", 3)
    model = Numbers(12)  # six pages of two rows; three fit in the cache

    def read(*rows):
        model.reads.clear()
        values = [model.data(model.index(row, 0)) for row in rows]
        assert values == list(rows)
        return [ids[0] for ids in model.reads]  # the first id of each page read

    assert read(0, 2, 4) == ["0", "2", "4"]  # pages 0, 1, 2: the cache is full
    assert read(1) == []  # page 0 is cached, and now the most recently used
    assert read(6) == ["6"]  # page 3 comes in, page 1 (least recently used) goes
    assert len(model._pages) == 3
    assert read(0, 4, 6) == []  # pages 0, 2 and 3 stayed
    assert read(2) == ["2"]  # page 1 was evicted, so it is read again
    assert read(8, 10) == ["8", "10"] and len(model._pages) == 3


def test_sorting_is_done_by_sql_and_keeps_the_selection(session):
    model = ClaimsModel(session)
    model.reload()
    model.sort(STATEMENT)
    statements = [model.index(r, STATEMENT).data() for r in range(model.rowCount())]
    assert statements == sorted(statements)
    from PySide6.QtCore import QPersistentModelIndex, Qt
    kept = QPersistentModelIndex(model.index(0, STATEMENT))
    first = kept.data()
    model.sort(STATEMENT, Qt.SortOrder.DescendingOrder)
    assert kept.row() == model.rowCount() - 1 and kept.data() == first


def test_document_rows_show_claim_counts_and_appraisal(session):
    from reviewtool.core.review.appraisals import save_appraisal
    from reviewtool.core.store.changes import Change

    model = DocumentsModel(session)
    model.reload()
    assert model.index(0, CLAIMS).data() == "4"
    assert model.index(0, APPRAISED).data() == ""
    with Change(session.review, "Amara Okafor") as change:
        save_appraisal(session.review, change, model.id_at(0),
                       {"source_type": "blog", "overall_quality": "low"})
    model.refresh_id(model.id_at(0))
    assert model.index(0, APPRAISED).data() == "✓"


def test_big_reviews_show_the_first_page_and_load_the_rest_off_the_gui_thread(
        qtbot, session, monkeypatch):
    from reviewtool.gui import claims_model

    monkeypatch.setattr(claims_model, "BACKGROUND_OVER", 0)  # treat this review as big
    monkeypatch.setattr(claims_model, "PAGE", 5)
    model = ClaimsModel(session)
    model.reload(reset=True)
    assert model.rowCount() == 5 and model.loading  # the first page, at once
    first_page = model.ids()
    qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == 12 and model.ids()[:5] == first_page  # the rest appended

    model.sort(STATEMENT)  # sorted by a worker too; the rows reorder when it answers
    qtbot.waitUntil(lambda: not model.loading)
    statements = [model.index(r, STATEMENT).data() for r in range(model.rowCount())]
    assert statements == sorted(statements)
    session.jobs.wait()
