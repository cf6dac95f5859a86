"""Command line: add-claims, add-appraisals, claims, set, delete, reimport, forms."""

import json

from tests.builders import build_team

from ..conftest import ROOT, SEEDS
from .runner import run

EXTRACTIONS = ROOT / "examples" / "extractions"


def seeded_file(tmp_path):
    path = tmp_path / "r.review"
    run("new", path, "--title", "Kratom", "--reviewer", "Amara Okafor")
    run("import", path, *SEEDS)
    return path


def test_claims_lifecycle(tmp_path):
    path = seeded_file(tmp_path)
    assert run("add-claims", path, EXTRACTIONS / "reviewer-a-claims.csv").exit_code == 0
    claims = json.loads(run("claims", path, "--json").stdout)
    assert len(claims) >= 12
    first = claims[0]
    assert set(first) >= {"id", "document_id", "reviewer", "created", "updated", "quote", "fields"}
    assert set(first["quote"]) == {"exact", "prefix", "suffix", "start", "end", "page"}
    risks = json.loads(run("claims", path, "--json", "--category", "risk").stdout)
    assert risks and all(c["fields"]["category"] == "risk" for c in risks)
    on_doc = json.loads(run("claims", path, "--json", "--document", SEEDS[2].name).stdout)
    assert on_doc and {c["document_id"] for c in on_doc} == {on_doc[0]["document_id"]}

    result = run("set", path, first["id"], "certainty=very_low", "notes=checked twice",
                 "--reviewer", "Jonas Lindqvist")
    assert result.exit_code == 0, result.output
    edited = next(c for c in json.loads(run("claims", path, "--json").stdout) if c["id"] == first["id"])
    assert edited["fields"]["certainty"] == "very_low" and edited["fields"]["notes"] == "checked twice"

    bad = run("set", path, first["id"], "certainty=sure", "colour=red")
    assert bad.exit_code == 1 and "certainty" in bad.stderr and "colour" in bad.stderr

    assert run("delete", path, first["id"]).exit_code == 0
    remaining = json.loads(run("claims", path, "--json").stdout)
    assert first["id"] not in {c["id"] for c in remaining}
    assert run("delete", path, "not-an-id").exit_code == 1
    assert run("check", path).exit_code == 0


def test_add_claims_all_or_nothing_exit_code(tmp_path):
    path = seeded_file(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(f"document,quote,statement,category\n{SEEDS[0].name},kratom cures all,X,risk\n")
    result = run("add-claims", path, bad)
    assert result.exit_code == 1
    assert "row 2: quote: quote not found" in result.stderr and "nothing was written" in result.stderr
    assert json.loads(run("claims", path, "--json").stdout) == []


def test_appraisals(tmp_path):
    path = seeded_file(tmp_path)
    assert run("add-appraisals", path, EXTRACTIONS / "reviewer-b-appraisals.csv",
               "--reviewer", "Jonas Lindqvist").exit_code == 0
    appraisals = json.loads(run("appraisals", path, "--json").stdout)
    assert len(appraisals) == 3 and {a["reviewer"] for a in appraisals} == {"Jonas Lindqvist"}


def test_reimport_keeps_claims_on_their_words(tmp_path):
    path = build_team(tmp_path).a  # the three articles with Amara's claims
    before = {c["id"]: c for c in json.loads(run("claims", path, "--json", "--document",
                                                 SEEDS[0].name).stdout)}
    better = tmp_path / "better.txt"
    # A better extraction: a heading added at the top and a typo fixed in one sentence.
    better.write_text("Kratom and opioid use disorder\n\n" + SEEDS[0].read_text(encoding="utf-8"),
                      encoding="utf-8")
    result = run("reimport", path, SEEDS[0].name, better)
    assert result.exit_code == 0 and "0 orphaned" in result.stdout
    after = {c["id"]: c for c in json.loads(run("claims", path, "--json").stdout)}
    for claim_id, claim in before.items():
        assert after[claim_id]["quote"]["exact"] == claim["quote"]["exact"]
        assert after[claim_id]["quote"]["start"] == claim["quote"]["start"] + len(
            "Kratom and opioid use disorder\n\n")
    assert run("check", path).exit_code == 0


def test_reimport_orphans_a_removed_passage(tmp_path):
    path = build_team(tmp_path).a  # the three articles with Amara's claims
    claims = json.loads(run("claims", path, "--json", "--document", SEEDS[2].name).stdout)
    removed = claims[0]["quote"]["exact"]
    shorter = tmp_path / "shorter.txt"
    shorter.write_text(SEEDS[2].read_text(encoding="utf-8").replace(removed, ""), encoding="utf-8")
    result = run("reimport", path, SEEDS[2].name, shorter)
    assert result.exit_code == 0 and "1 orphaned" in result.stdout
    orphans = json.loads(run("claims", path, "--json", "--orphaned").stdout)
    assert [o["id"] for o in orphans] == [claims[0]["id"]]


def test_forms_listing_and_adding_a_new_version(tmp_path):
    path = seeded_file(tmp_path)
    listing = run("forms", path).stdout
    assert "claim v1" in listing and "appraisal v1" in listing
    text = (ROOT / "forms" / "claim.toml").read_text(encoding="utf-8")
    text = text.replace("version = 1", "version = 2", 1) + (
        '\n[[fields]]\nid = "funding"\nlabel = "Who funded the work?"\ntype = "text"\n')
    newer = tmp_path / "claim.toml"
    newer.write_text(text, encoding="utf-8")
    assert "added: form claim version 2" in run("forms", path, "--add", newer).stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(f"document,quote,statement,category,funding\n{SEEDS[0].name},"
                   "potentially causing insomnia in some users,X,risk,Industry\n")
    assert run("add-claims", path, bad).exit_code == 0
    claim, = json.loads(run("claims", path, "--json").stdout)
    assert claim["fields"]["funding"] == "Industry" and claim["form"]["version"] == 2
