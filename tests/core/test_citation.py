"""Citations: APA-like references and in-text labels (see core/review/citation.py)."""

from reviewtool.core.review.citation import author_list, in_text, reference

ARTICLE = {"title": "Kratom use and sleep", "authors": ["Müller, Jörg", "Ødegård, Åse Marie"],
           "container": "Sleep Health", "published": "2021-03-15",
           "doi": "10.1016/j.sleh.2021.01.004", "url": "https://example.org/x",
           "accessed": "2023-01-05"}


def test_a_journal_article_is_cited_by_its_doi():
    assert reference(ARTICLE) == ("Müller, J., & Ødegård, Å. M. (2021). Kratom use and sleep. "
                                  "Sleep Health. https://doi.org/10.1016/j.sleh.2021.01.004")
    assert in_text(ARTICLE) == "Müller & Ødegård (2021)"


def test_a_web_page_is_cited_by_its_address_and_when_it_was_read():
    page = {"title": "Kratom: what you need to know?", "authors": ["World Health Organization"],
            "container": "WHO fact sheets", "url": "https://example.org/who/kratom",
            "accessed": "2023-02-01"}
    assert reference(page) == ("World Health Organization. (n.d.). Kratom: what you need to "
                               "know? WHO fact sheets. https://example.org/who/kratom "
                               "(accessed 2023-02-01)")
    assert in_text(page) == "World Health Organization (n.d.)"


def test_no_authors_puts_the_title_first():
    assert reference({"title": "Kratom and poison centre calls", "published": "2019"}) == \
        "Kratom and poison centre calls. (2019)."
    assert in_text({"title": "One two three four five six seven", "published": "2019"}) == \
        "One two three four five six … (2019)"


def test_author_lists_follow_apa():
    assert author_list(["Doe, Jane"]) == "Doe, J."
    assert author_list(["Doe, Jane", "Roe, Rick", "Poe, Jean-Luc"]) == \
        "Doe, J., Roe, R., & Poe, J.-L."
    many = [f"Author{i}, A" for i in range(1, 25)]
    listed = author_list(many)
    assert listed.startswith("Author1, A., ") and listed.endswith("Author19, A., ... Author24, A.")
    assert in_text({"title": "t", "authors": many, "published": "2020"}) == "Author1 et al. (2020)"
