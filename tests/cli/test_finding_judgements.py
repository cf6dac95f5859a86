"""Command line: judging a finding's certainty (set, findings --json, conflicts, resolve)."""

import json
import shutil
import sqlite3

from ..conftest import ROOT, SEEDS
from .runner import run

EXTRACTIONS = ROOT / "examples" / "extractions"
INSOMNIA = "Kratom can cause insomnia or disturbed sleep"


def reviewed(path, name="Amara Okafor", slug="a"):
    run("new", path, "--title", "Kratom", "--reviewer", "Amara Okafor")
    run("import", path, *SEEDS)
    assert run("add-claims", path, EXTRACTIONS / f"reviewer-{slug}-claims.csv",
               "--reviewer", name).exit_code == 0
    return path


def findings(path) -> dict:
    result = run("findings", path, "--json")
    assert result.exit_code == 0, result.output
    return {f["statement"]: f for f in json.loads(result.stdout)}


def test_a_finding_is_not_judged_until_someone_judges_it(tmp_path):
    path = reviewed(tmp_path / "a.review")
    insomnia = findings(path)[INSOMNIA]
    assert insomnia["certainty"] is None
    assert insomnia["judgement"] is None
    assert insomnia["consistency"] == "contradictory"
    spread = insomnia["claims_spread"]
    assert spread["lowest"] == "very_low" and sum(spread["spread"].values()) >= 3
    assert spread["hint"].startswith("documents disagree")

    result = run("set", path, insomnia["id"], "certainty=low", "inconsistency=serious",
                 "risk_of_bias=Serious", "explanation=Surveys only; the articles disagree.")
    assert result.exit_code == 0 and "changed 4 fields" in result.stdout
    judged = findings(path)[INSOMNIA]
    assert judged["certainty"] == "low"
    assert judged["judgement"]["domains"]["inconsistency"] == "serious"
    assert judged["judgement"]["domains"]["risk_of_bias"] == "serious"
    assert judged["judgement"]["domains"]["large_effect"] is None
    assert judged["judgement"]["explanation"] == "Surveys only; the articles disagree."
    assert judged["statement"] == INSOMNIA  # the finding's own fields are untouched
    text = run("findings", path).stdout
    assert "certainty: low (judged); claims:" in text


def test_bad_judgements_are_one_sentence_and_change_nothing(tmp_path):
    path = reviewed(tmp_path / "a.review")
    finding = findings(path)[INSOMNIA]["id"]
    for bad, words in (("certainty=banana", "certainty"), ("statement=x", "unknown field"),
                       ("risk_of_bias", "not FIELD=VALUE")):
        result = run("set", path, finding, bad)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert words in result.stderr and "Nothing was changed" in result.stderr
    assert findings(path)[INSOMNIA]["judgement"] is None


def test_judgements_merge_conflict_and_are_resolved(tmp_path):
    lead = reviewed(tmp_path / "lead.review")
    finding = findings(lead)[INSOMNIA]["id"]
    a, b = tmp_path / "a2.review", tmp_path / "b2.review"
    shutil.copy(lead, a)
    shutil.copy(lead, b)
    run("set", a, finding, "certainty=low", "imprecision=serious")
    run("set", b, finding, "certainty=very_low", "imprecision=serious",
        "--reviewer", "Jonas Lindqvist")
    assert run("merge", lead, a, b).exit_code == 0
    conflicts = [c for c in json.loads(run("conflicts", lead, "--json").stdout)
                 if c.get("record_id") == finding]
    assert [(c["kind"], c["field"]) for c in conflicts] == [("conflict", "certainty")]
    # agreed domains are agreement, not a conflict; the certainty is unsettled until resolved
    insomnia = findings(lead)[INSOMNIA]
    assert insomnia["certainty"] is None
    assert insomnia["judgement"]["conflicts"] == ["certainty"]
    assert insomnia["judgement"]["domains"]["imprecision"] == "serious"
    assert run("resolve", lead, conflicts[0]["id"], "--value", "Very low",
               "--reason", "Only user surveys").exit_code == 0
    assert findings(lead)[INSOMNIA]["certainty"] == "very_low"


def test_a_file_made_before_the_finding_form_receives_it(tmp_path):
    path = reviewed(tmp_path / "old.review")
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM forms WHERE form_id = 'finding'")
    assert "finding" not in run("forms", path).stdout
    assert findings(path)[INSOMNIA]["certainty"] is None  # readable without the form
    finding = findings(path)[INSOMNIA]["id"]
    assert run("set", path, finding, "certainty=moderate").exit_code == 0
    assert "finding v1" in run("forms", path).stdout
    assert findings(path)[INSOMNIA]["certainty"] == "moderate"


def test_the_lead_settles_a_merge_from_files(tmp_path):
    lead = tmp_path / "lead.review"
    run("new", lead, "--title", "Kratom", "--reviewer", "Amara Okafor")
    run("import", lead, *SEEDS)
    for slug, name in (("a", "Amara Okafor"), ("b", "Jonas Lindqvist")):
        copy = tmp_path / f"{slug}.review"
        shutil.copy(lead, copy)
        run("add-claims", copy, EXTRACTIONS / f"reviewer-{slug}-claims.csv", "--reviewer", name)
        assert run("merge", lead, copy).exit_code == 0
    result = run("add-decisions", lead, EXTRACTIONS / "lead-consensus.csv")
    assert result.exit_code == 0 and "reconciled 20 passages" in result.stdout
    result = run("add-judgements", lead, EXTRACTIONS / "lead-findings.csv")
    assert result.exit_code == 0 and "judged 7 findings" in result.stdout
    assert findings(lead)[INSOMNIA]["certainty"] == "very_low"
    bad = run("add-judgements", lead, EXTRACTIONS / "reviewer-a-claims.csv")
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "nothing was written" in bad.stderr
