"""Metadata values: cleaning is idempotent (the same value typed twice is the same stored
value, so it merges without a conflict), and RIS written by rispy reads back as written."""

import string

import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewtool.core.importing.references import parse_ris
from reviewtool.core.review.document_metadata import clean_value, filled

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
NAME = st.text(string.ascii_letters + "ÄÖÜäöüßøåéèçñ-' ", min_size=1, max_size=20)
DATE = st.dates().map(lambda d: d.isoformat()).flatmap(
    lambda iso: st.sampled_from([iso[:4], iso[:7], iso, iso.replace("-", "/")]))
DOI = st.from_regex(r"10\.[0-9]{4,6}/[a-z0-9.]{1,12}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(field=st.sampled_from(["title", "container", "note", "type"]), value=TEXT)
def test_cleaning_text_is_idempotent(field, value):
    try:
        once = clean_value(field, value)
    except ValueError:
        return  # a title of whitespace only
    assert clean_value(field, once) == once


@settings(max_examples=200, deadline=None)
@given(authors=st.lists(NAME, max_size=5), published=DATE, doi=DOI)
def test_cleaning_structured_values_is_idempotent(authors, published, doi):
    for field, value in (("authors", authors), ("published", published),
                         ("doi", f"https://doi.org/{doi}")):
        once = clean_value(field, value)
        assert clean_value(field, once) == once


@settings(max_examples=100, deadline=None)
@given(title=TEXT, families=st.lists(NAME, min_size=1, max_size=4), published=DATE, doi=DOI)
def test_ris_written_by_rispy_reads_back(title, families, published, doi):
    title = " ".join(title.split()) or "Untitled"
    authors = [f"{' '.join(f.split()) or 'X'}, Ana" for f in families]
    text = rispy.dumps([{"type_of_reference": "JOUR", "title": title, "authors": authors,
                         "date": published.replace("-", "/"), "doi": doi}])
    entry, = parse_ris(text).entries
    got = filled(entry.metadata)
    assert got["title"] == filled({"title": title})["title"]
    assert got["authors"] == [" ".join(a.split()) for a in authors]
    assert got["published"] == clean_value("published", published)
    assert got["doi"] == doi and got["type"] == "article"
