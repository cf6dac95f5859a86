"""Batch entry: all records or none, every problem listed with its row number."""

import json

import pytest

from reviewtool.core.review.batch_entry import add_appraisals, add_claims
from reviewtool.core.review.claims import list_claims
from reviewtool.core.errors import InvalidInput, ReviewError
from reviewtool.core.review.findings import list_findings

from ..conftest import ROOT, SEEDS

DOC = SEEDS[0].name
HEADER = "document,quote,occurrence,statement,category,certainty,downgrade_reasons,evidence_cited,citation\n"


def write(tmp_path, text, name="claims.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def versions(review):
    return review.conn.execute("SELECT count(*) FROM versions").fetchone()[0]


def test_valid_rows_are_all_added(seeded, tmp_path):
    path = write(tmp_path, HEADER
                 + f'{DOC},"potentially   causing\ninsomnia in some users",,Kratom may cause insomnia,risk,low,imprecision;risk_of_bias,,\n'
                 + f"{SEEDS[1].stem},ease opioid withdrawal symptoms,,Eases withdrawal,Benefit,very_low,,cites_study,A 2019 study\n")
    created = add_claims(seeded, path)
    claims = {c.id: c for c in list_claims(seeded)}
    assert set(created) == set(claims)
    first = claims[created[0]]
    assert first.answers["downgrade_reasons"] == ["risk_of_bias", "imprecision"]  # form order
    assert first.anchor.exact == "potentially causing insomnia in some users"
    assert claims[created[1]].answers["category"] == "benefit"  # label or value, any case


def test_any_bad_row_writes_nothing_and_every_error_is_listed(seeded, tmp_path):
    path = write(tmp_path, HEADER
                 + f"{DOC},potentially causing insomnia in some users,,Fine row,risk,low,,,\n"     # row 2 ok
                 + "no-such-document.txt,some words,,Statement,risk,,,,\n"                       # row 3
                 + f"{DOC},words that are not in the article at all,,Statement,risk,,,,\n"        # row 4
                 + f"{DOC},kratom,,Statement,risk,,,,\n"                                          # row 5 ambiguous
                 + f"{DOC},potentially causing insomnia,,,risk,,,,\n"                             # row 6 no statement
                 + f"{DOC},potentially causing insomnia,,Statement,danger,medium,,,\n")           # row 7 bad choices
    before = versions(seeded)
    with pytest.raises(InvalidInput) as raised:
        add_claims(seeded, path)
    problems = raised.value.problems
    assert "5 of 6 records" in str(raised.value) and "nothing was written" in str(raised.value)
    assert any(p.startswith("row 3: document:") for p in problems)
    assert any(p.startswith("row 4: quote: quote not found") for p in problems)
    assert any(p.startswith("row 5: quote: quote occurs") and "occurrence" in p for p in problems)
    assert "row 6: statement: required" in problems
    assert any(p.startswith("row 7: category:") for p in problems)
    assert any(p.startswith("row 7: certainty:") for p in problems)
    assert not any(p.startswith("row 2") for p in problems)
    assert versions(seeded) == before and list_claims(seeded) == []


def test_occurrence_picks_one_of_several(seeded, tmp_path):
    path = write(tmp_path, "document,quote,occurrence,statement,category\n"
                           f"{DOC},kratom,2,Second mention,other\n")
    claim_id, = add_claims(seeded, path)
    claim, = list_claims(seeded)
    assert claim.anchor.exact.lower() == "kratom"


def test_unknown_column_is_refused_up_front(seeded, tmp_path):
    path = write(tmp_path, "document,quote,statment,category\n"
                           f"{DOC},kratom,typo in the header,risk\n")
    with pytest.raises(InvalidInput, match="unknown column 'statment'"):
        add_claims(seeded, path)


def test_json_input_and_findings(seeded, tmp_path):
    records = [
        {"document": DOC, "quote": "potentially causing insomnia in some users",
         "statement": "May cause insomnia", "category": "risk",
         "finding": "Kratom affects sleep", "finding_stance": "supports"},
        {"document": SEEDS[2].name, "quote": "sedative", "occurrence": 1,
         "statement": "May help sleep", "category": "benefit",
         "finding": "kratom  affects sleep", "finding_stance": "contradicts"},
    ]
    path = write(tmp_path, json.dumps(records), "claims.json")
    add_claims(seeded, path)
    finding, = list_findings(seeded)
    assert finding.statement == "Kratom affects sleep" and finding.category == "risk"
    stances = sorted(c.finding_stance for c in list_claims(seeded, finding_id=finding.id))
    assert stances == ["contradicts", "supports"]


def test_demo_extractions_load(seeded):
    extractions = ROOT / "examples" / "extractions"
    assert len(add_claims(seeded, extractions / "reviewer-a-claims.csv")) >= 12
    assert len(add_appraisals(seeded, extractions / "reviewer-a-appraisals.csv")) == 3


@pytest.mark.parametrize("content, name, message", [
    ("", "empty.csv", "no header row"),
    ("[1, 2]", "bad.json", "list of objects"),
    ("{not json", "bad.json", "not valid JSON"),
    ("document\n", "only-header.csv", "holds no records"),
    ("a,b", "input.txt", "neither .csv, .tsv nor .json"),
])
def test_unreadable_input_files(seeded, tmp_path, content, name, message):
    with pytest.raises(ReviewError, match=message):
        add_claims(seeded, write(tmp_path, content, name))
