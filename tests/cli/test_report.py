"""`reviewtool report` and `reviewtool findings`: the PDF's text, fonts, links and pages."""

import csv
import json
import re
import shutil

import pikepdf
import pytest
from pypdf import PdfReader

from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.records import update_answers
from reviewtool.core.store.reviewfile import ReviewFile

from ..conftest import SEEDS
from tests.builders import INSOMNIA, build_demo
from .runner import run

QUOTE = ("Kratom, derived from Mitragyna speciosa leaves, offers a natural alternative for "
         "opioid use disorder (OUD) treatment")
# Markup characters, accents, Greek and Cyrillic must all print as written.
SPECIAL = ("Doses <5 g & >10 g differ: café naïveté, ύπνος και κράτομ, "
           "бессонница от кратома <b>not bold</b>")
EDITED = "Sleep & kratom: αϋπνία <i>rare</i> — Schlafstörung, сон"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    path = build_demo(folder / "demo.review")
    rows = folder / "special.csv"
    with rows.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["document", "quote", "statement", "category", "certainty",
                         "evidence_cited", "finding", "finding_stance"])
        writer.writerow([SEEDS[0].name, QUOTE, SPECIAL, "risk", "low", "anecdote", INSOMNIA,
                         "supports"])
    assert run("add-claims", path, rows, "--reviewer", "Amara Okafor").exit_code == 0
    with ReviewFile.open(path, readonly=True) as review:
        target = next(c for c in list_claims(review) if c.statement.startswith("Users report"))
    assert run("set", path, target.id, f"statement={EDITED}").exit_code == 0
    return path


@pytest.fixture(scope="module")
def pdf_path(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report.pdf"
    result = run("report", demo, "-o", out)
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr
    assert [p.name for p in out.parent.iterdir()] == ["report.pdf"]  # no temporary left
    return out


def page_texts(path):
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text):
    return " ".join(text.split())


def test_pdf_text_holds_the_statements_as_written(pdf_path):
    text = flat(" ".join(page_texts(pdf_path)))
    for statement in (SPECIAL, EDITED, INSOMNIA, "Kratom eases opioid withdrawal symptoms"):
        assert flat(statement) in text, statement
    assert "Contradictory" in text and "Summary of findings" in text
    assert "2.1 Risks" in text and "Evidence map" in text and "Appendix" in text


def test_every_page_after_the_title_says_page_x_of_y(pdf_path):
    texts = page_texts(pdf_path)
    total = len(texts)
    assert total > 5
    for number, text in enumerate(texts[1:], start=2):
        found = re.search(r"Page (\d+) of\s*(\d+)", text)
        assert found and found.groups() == (str(number), str(total)), number


def test_fonts_embedded_and_file_valid(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check
        assert check() == []
        fonts = {}
        for page in pdf.pages:
            resources = [page.Resources] + [x.Resources for x in
                                            page.Resources.get("/XObject", {}).values()
                                            if "/Resources" in x]
            for res in resources:
                for font in res.get("/Font", {}).values():
                    fonts[str(font.BaseFont)] = font
        assert fonts
        for name, font in fonts.items():
            assert font.Subtype == "/TrueType", name
            assert "/FontFile2" in font.FontDescriptor, name
        families = {name.split("+")[-1] for name in fonts}
        assert {"NotoSerif-Regular", "NotoSans-Regular"} <= families


def test_internal_links_resolve_to_the_quotes(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        links = []
        for index, page in enumerate(pdf.pages):
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") == "/Link":
                    dest = annot.get("/Dest")
                    if dest is None and "/A" in annot:
                        assert annot.A.S == "/GoTo"
                        dest = annot.A.D
                    assert dest is not None and dest[0].objgen in pages
                    links.append((index, pages[dest[0].objgen]))
    texts = page_texts(pdf_path)
    appendix = next(i for i, t in enumerate(texts)
                    if i > 0 and "Appendix: documents and quotes" in t)
    summary = [i for i, t in enumerate(texts) if "Sources (claims)" in flat(t)]
    from_summary = [dest for page, dest in links if page in summary]
    assert len(from_summary) >= 37  # every claim of every row
    assert all(dest >= appendix for dest in from_summary)
    # the special claim's link lands on the page holding its quote
    special_page = next(i for i, t in enumerate(texts) if i >= appendix and "<5 g" in t)
    assert special_page in from_summary


def test_outline_and_metadata(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            children = [c.title for item in outline.root for c in item.children]
        info = pdf.docinfo
        assert str(info.Title) == "Kratom and sleep"
        assert str(info.Author) == "Amara Okafor, Jonas Lindqvist"
        assert str(info.Subject).startswith("What do web articles claim")
    assert [t.split("  ", 1)[1] for t in titles] == [
        "Methods", "Summary of findings", "Unresolved items", "Evidence map",
        "Agreement between reviewers", "Appendix: documents and quotes"]
    assert "2.1  Risks" in children and any(c.startswith("D1 ") for c in children)


def test_compact_layout(demo, tmp_path):
    out = tmp_path / "compact.pdf"
    assert run("report", demo, "-o", out, "--layout", "compact").exit_code == 0
    text = flat(" ".join(page_texts(out)))
    assert "Summary of findings" in text and "Other claims" not in text
    assert "Agreement between reviewers" not in text and "1 Methods" not in text
    assert flat(SPECIAL) in text
    assert "Population" not in text  # only the key fields in the appendix


def test_unknown_layout_is_one_sentence(demo, tmp_path):
    result = run("report", demo, "-o", tmp_path / "x.pdf", "--layout", "glossy")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no report layout 'glossy'" in result.stderr
    assert "compact" in result.stderr and "default" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_unsettled_items_get_their_own_page(demo, tmp_path):
    a, b = tmp_path / "a.review", tmp_path / "b.review"
    shutil.copy(demo, a)
    shutil.copy(demo, b)
    with ReviewFile.open(a) as review:
        claim = next(c for c in list_claims(review) if c.statement == SPECIAL)
        update_answers(review, claim.id, {"certainty": "high"})
    with ReviewFile.open(b) as review:
        update_answers(review, claim.id, {"certainty": "very_low"}, reviewer="Jonas Lindqvist")
    assert run("merge", a, b).exit_code == 0
    out = tmp_path / "r.pdf"
    assert run("report", a, "-o", out).exit_code == 0
    texts = page_texts(out)
    first = next(i for i, t in enumerate(texts) if "Passages not reconciled (" in t)
    assert "Unresolved items" in texts[first] and "Passages not reconciled" not in texts[first - 1]
    page = next(flat(t) for t in texts if "Open conflicts (1)" in t)
    assert "Certainty of the evidence" in page
    assert "Not settled" in flat(" ".join(texts))


def test_findings_command(demo):
    result = run("findings", demo)
    assert result.exit_code == 0
    assert f"contradictory  {INSOMNIA}" in result.stdout
    assert "7 findings" in result.stderr
    listed = json.loads(run("findings", demo, "--json").stdout)
    insomnia = next(f for f in listed if f["statement"] == INSOMNIA)
    assert insomnia["consistency"] == "contradictory" and insomnia["kind"] == "finding"
    assert any(c["statement"] == SPECIAL for c in insomnia["claims"])
    assert set(insomnia) >= {"strongest_evidence", "certainty", "agreement", "documents"}


def test_layout_file_letter_and_bad_options(demo, tmp_path):
    mine = tmp_path / "letter.toml"
    mine.write_text('page_size = "Letter"\ntitle_page = false\n'
                    'summary_columns = ["number", "statement", "consistency"]\n', encoding="utf-8")
    out = tmp_path / "letter.pdf"
    assert run("report", demo, "-o", out, "--layout", mine).exit_code == 0
    with pikepdf.open(out) as pdf:
        assert [float(v) for v in pdf.pages[0].MediaBox] == [0, 0, 612, 792]
    assert "Strongest evidence" not in flat(" ".join(page_texts(out)))
    bad = tmp_path / "bad.toml"
    bad.write_text('page_size = "A5"\n', encoding="utf-8")
    result = run("report", demo, "-o", tmp_path / "bad.pdf", "--layout", bad)
    assert result.exit_code == 1 and "page_size must be one of A4, Letter" in result.stderr
    bad.write_text('colour = "red"\n', encoding="utf-8")
    result = run("report", demo, "-o", tmp_path / "bad.pdf", "--layout", bad)
    assert result.exit_code == 1 and "unknown option colour" in result.stderr


def test_a_quote_longer_than_a_page_is_split(demo, tmp_path):
    path = tmp_path / "long.review"
    shutil.copy(demo, path)
    with ReviewFile.open(path) as review:
        from reviewtool.core.review.claims import add_claim
        from reviewtool.core.review.documents import document_text, list_documents

        doc = next(d for d in list_documents(review) if d.filename == SEEDS[1].name)
        text, _ = document_text(review, doc.id)
        add_claim(review, doc.id, 0, len(text), {"statement": "The whole article, quoted",
                                                  "category": "other"}, partial=False)
    out = tmp_path / "long.pdf"
    assert run("report", path, "-o", out).exit_code == 0
    texts = [flat(t) for t in page_texts(out)]
    first = max(i for i, t in enumerate(texts) if "The whole article, quoted" in t)
    tail = " ".join(text.split()[-6:])
    assert tail in texts[first + 1] or tail in texts[first + 2]  # continued on later pages


def test_escape_keeps_markup_characters_as_text():
    from reviewtool.report.markup import escape, link_if

    assert escape('a < b & c > "d"\x00') == 'a &lt; b &amp; c &gt; "d"'
    assert escape(None) == ""
    assert link_if(frozenset(), "claim-1", "<D1-1>") == "&lt;D1-1&gt;"
    assert link_if(frozenset({"claim-1"}), "claim-1", "D1-1").startswith('<a href="#claim-1"')
