"""Command line: merge, conflicts, resolve, export, agreement, demo."""

import json
import shutil

from tests.builders import CLAIMS_EACH, LEAD, SECOND, build_team
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.agreement.matching import review_units

from ..conftest import ROOT, SEEDS

from .runner import run


def team_files(tmp_path):
    team = build_team(tmp_path)
    return team.lead, {"a": team.a, "b": team.b}


def merged_team(tmp_path):
    lead, files = team_files(tmp_path)
    assert run("merge", lead, files["a"], files["b"]).exit_code == 0
    return lead, files


def claims_of(path):
    return json.loads(run("claims", path, "--json").stdout)


def test_merge_dry_run_previews_each_file_and_writes_nothing(tmp_path):
    lead, files = team_files(tmp_path)
    before = lead.read_bytes()
    preview = run("merge", lead, files["a"], files["b"], "--dry-run")
    assert preview.exit_code == 0
    assert f"would add from a.review: 0 documents, {CLAIMS_EACH} claims" in preview.stdout
    assert "would add from b.review" in preview.stdout
    assert lead.read_bytes() == before
    assert not (tmp_path / "lead.review.before-merge").exists()
    assert "before-merge" not in preview.stderr


def test_merge_adds_every_claim_and_says_where_the_previous_file_is(tmp_path):
    lead, files = team_files(tmp_path)
    result = run("merge", lead, files["a"], files["b"])
    assert result.exit_code == 0 and "merged b.review" in result.stdout
    assert len(claims_of(lead)) == 2 * CLAIMS_EACH
    assert result.stderr.strip().splitlines()[-1] == (
        "a copy of lead.review as it was before is in lead.review.before-merge "
        "(put it back with: reviewtool undo-merge lead.review)")
    kept = tmp_path / "lead.review.before-merge"  # the notice names the file that holds the old state
    assert claims_of(kept) == [] and len(json.loads(run("docs", kept, "--json").stdout)) == 3


def concurrent_certainty_edits(tmp_path):
    """Both reviewers change the same claim's certainty after a merge: a conflict."""
    lead, files = merged_team(tmp_path)
    claim = claims_of(lead)[0]
    values = [v for v in ("high", "low", "very_low") if v != claim["fields"].get("certainty")][:2]
    for (slug, name), value in zip((("a", LEAD), ("b", SECOND)), values):
        shutil.copy(lead, files[slug])
        assert run("set", files[slug], claim["id"], f"certainty={value}",
                   "--reviewer", name).exit_code == 0
    merged = run("merge", lead, files["b"], files["a"], "--json")
    assert sum(s["conflicts"] for s in json.loads(merged.stdout)) == 1
    return lead, claim, values


def test_concurrent_edits_are_listed_as_one_conflict_with_both_values(tmp_path):
    lead, claim, values = concurrent_certainty_edits(tmp_path)
    # (The reviewers also disagree on the category of a finding they both named.)
    conflict, = [c for c in json.loads(run("conflicts", lead, "--json").stdout)
                 if c["record_id"] == claim["id"]]
    assert conflict["field"] == "certainty"
    assert sorted(v["value"] for v in conflict["values"]) == sorted(values)


def test_resolve_refuses_a_value_the_form_does_not_allow_and_settles_a_valid_one(tmp_path):
    lead, claim, values = concurrent_certainty_edits(tmp_path)
    conflict, = [c for c in json.loads(run("conflicts", lead, "--json").stdout)
                 if c["record_id"] == claim["id"]]
    refused = run("resolve", lead, conflict["id"], "--value", "banana")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert run("resolve", lead, conflict["id"], "--value", values[0], "--reason",
               "Single small study").exit_code == 0
    assert [c for c in json.loads(run("conflicts", lead, "--json").stdout)
            if c["record_id"] == claim["id"]] == []
    assert next(c for c in claims_of(lead) if c["id"] == claim["id"])["fields"]["certainty"] \
        == values[0]


def test_json_export_is_byte_identical_for_identical_content(tmp_path):
    lead, _ = merged_team(tmp_path)
    out1, out2 = tmp_path / "1.json", tmp_path / "2.json"
    assert run("export", lead, "--format", "json", "-o", out1).exit_code == 0
    other = tmp_path / "other.review"
    shutil.copy(lead, other)
    assert run("export", other, "--format", "json", "-o", out2).exit_code == 0
    assert out1.read_bytes() == out2.read_bytes()
    data = json.loads(out1.read_text())
    assert len(data["claims"]) == 2 * CLAIMS_EACH
    assert {"id", "sha256", "title"} <= set(data["documents"][0])


def test_merge_bad_source_names_the_file_and_leaves_target(tmp_path):
    lead, files = team_files(tmp_path)
    junk = tmp_path / "junk.review"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    before = lead.read_bytes()
    result = run("merge", lead, files["a"], junk)
    assert result.exit_code == 1 and "junk.review" in result.stderr
    assert "Traceback" not in result.output and lead.read_bytes() == before


def test_agreement_command(tmp_path):
    lead, _ = merged_team(tmp_path)
    data = json.loads(run("agreement", lead, "--json").stdout)
    assert data["reviewers"] == ["Amara Okafor", "Jonas Lindqvist"]
    assert data["units"] >= data["matched"] > 0 and "50%" in data["matching_rule"]
    assert data["unitizing"]["positive_specific_agreement"]["value"] > 0
    assert data["unitizing"]["unitizing_alpha"]["statistic"] == "Krippendorff's unitizing alpha"
    assert [r["min_overlap"] for r in data["robustness"]] == [0.3, 0.5, 0.7]
    certainty = next(f for f in data["classification"] if f["field"] == "certainty")
    statistics = {e["statistic"] for e in certainty["estimates"]}
    assert {"Cohen's weighted kappa (quadratic)", "Krippendorff's alpha (ordinal)", "Gwet's AC1",
            "PABAK"} <= statistics
    for estimate in certainty["estimates"]:
        assert estimate["ci_low"] < estimate["value"] < estimate["ci_high"] or estimate["ci_low"] is None
    text = run("agreement", lead, "--field", "category").stdout
    assert "Cohen's kappa" in text and "95% CI" in text and "unitizing" in text
    strict = json.loads(run("agreement", lead, "--json", "--min-overlap", "0.9").stdout)
    assert strict["min_overlap"] == 0.9 and strict["units"] >= data["units"]
    bad = run("agreement", lead, "--min-overlap", "2")
    assert bad.exit_code == 1 and "between 0" in bad.stderr and "Traceback" not in bad.output


def test_pair_and_unpair_commands(tmp_path):
    lead, files = team_files(tmp_path)
    run("merge", lead, files["a"], files["b"])
    units = json.loads(run("agreement", lead, "--json").stdout)["units"]
    with ReviewFile.open(lead) as review:
        paired = next(u for doc in review_units(review).values() for u in doc if len(u.claims) == 2)
    first, second = (c.id for c in paired.claims.values())
    assert run("unpair", lead, first, second).exit_code == 0
    assert json.loads(run("agreement", lead, "--json").stdout)["units"] == units + 1
    assert run("pair", lead, first, second).exit_code == 0
    assert json.loads(run("agreement", lead, "--json").stdout)["units"] == units
    assert "decides again" in run("unpair", lead, first, second, "--automatic").stdout
    same = run("pair", lead, first, first)
    assert same.exit_code == 1 and "two different claims" in same.stderr
    missing = run("pair", lead, first, "no-such-claim")
    assert missing.exit_code == 1 and "No claim no-such-claim" in missing.stderr


def test_demo_builds_reviewer_files_merged_file_and_agreement(tmp_path):
    result = run("demo", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "reviewer-a.review").exists()
    assert (tmp_path / "demo" / "team.review").exists()
    assert "Cohen's kappa" in result.stdout
    assert (tmp_path / "demo" / "report.pdf").read_bytes().startswith(b"%PDF")
    assert run("check", tmp_path / "demo" / "team.review").exit_code == 0
    assert run("demo", tmp_path / "demo").exit_code == 0  # running it again replaces its files
