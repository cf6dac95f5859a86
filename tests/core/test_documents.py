"""Importing documents into a review file, listing and searching them."""

from reviewtool.core.review.documents import import_paths, list_documents, resolve_document
from reviewtool.core.review.search import search

from ..conftest import SEED_TITLES, SEEDS


def test_seed_articles_import_with_text_title_and_original(seeded):
    documents = list_documents(seeded)
    assert [d.title for d in documents] == SEED_TITLES
    for document, seed in zip(documents, SEEDS):
        original, = seeded.conn.execute("SELECT original FROM contents WHERE sha256 = ?",
                                        (document.sha256,)).fetchone()
        assert original == seed.read_bytes()
        assert document.chars > 2000 and document.reviewer == "Amara Okafor"


def test_same_document_again_is_reported_present_and_adds_nothing(seeded, tmp_path):
    renamed = tmp_path / "renamed copy.txt"
    renamed.write_bytes(SEEDS[0].read_bytes().replace(b"\n", b"\r\n"))  # same text after normalizing
    versions = seeded.conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    outcomes = import_paths(seeded, [renamed])
    assert [(o.status, o.message) for o in outcomes] == [("present", SEED_TITLES[0])]
    assert seeded.conn.execute("SELECT count(*) FROM versions").fetchone()[0] == versions
    assert len(list_documents(seeded)) == 3


def test_duplicates_within_one_batch(review, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The same article text, word for word.")
    statuses = [o.status for o in import_paths(review, [tmp_path / "a.txt", tmp_path / "b.txt"])]
    assert statuses == ["imported", "present"]


def test_failures_do_not_stop_the_batch(review, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("A good document about kratom and sleep.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    outcomes = {o.path.name: o for o in import_paths(review, [tmp_path])}
    assert outcomes["good.txt"].status == "imported"
    assert outcomes["empty.txt"].status == "failed" and "empty" in outcomes["empty.txt"].message
    assert outcomes["image.png"].status == "failed"
    assert [d.filename for d in list_documents(review)] == ["good.txt"]


def test_search_finds_documents_with_snippets(seeded):
    hits = search(seeded, "insomnia")
    assert {hit.title for hit in hits} == set(SEED_TITLES)
    assert all("[" in hit.snippet and "]" in hit.snippet and "\n" not in hit.snippet for hit in hits)
    assert search(seeded, '"sedative effects"')  # phrase
    assert {h.title for h in search(seeded, "sedat")} == set(SEED_TITLES[1:])
    assert search(seeded, "sleepines")  # a word matches the words it starts
    assert not search(seeded, "xylophone")


def test_search_accepts_any_typed_text(seeded):
    # FTS5 operators and punctuation typed by a user must not be a syntax error.
    for query in ("kratom AND (", "don't", "opioid-use", "NEAR(", "*", "c++"):
        try:
            search(seeded, query)
        except Exception as error:  # only the "no words" sentence is acceptable
            assert "no words" in str(error)


def test_resolve_document_by_id_sha_title_and_file_name(seeded):
    document = list_documents(seeded)[0]
    for reference in (document.id, document.sha256, document.title, document.filename):
        assert resolve_document(seeded, reference) == document.id
