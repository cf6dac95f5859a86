"""Commands: agreement, pair, unpair."""

from pathlib import Path

import click

from reviewtool.cli.common import AS_JSON, REVIEW_FILE, REVIEWER, open_review, print_json
from reviewtool.cli.group import cli
from reviewtool.core.team.pairings import clear_pairing, set_pairing

DEFAULT_MIN_OVERLAP = 0.5  # as agreement.matching.DEFAULT_MIN_OVERLAP (not imported: numpy)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
@click.option("--field", help="Only this field (e.g. category, certainty, appraisal.overall_quality).")
@click.option("--min-overlap", type=float, default=DEFAULT_MIN_OVERLAP, show_default=True,
              help="Pair two reviewers' claims when their quotes share at least this share of "
                   "their characters (intersection over union).")
def agreement(file: Path, as_json: bool, field: str | None, min_overlap: float) -> None:
    """Agreement between reviewers in two parts: finding the same passages (unitizing) and
    coding the passages both found (per field), with 95% confidence intervals, and the main
    statistics at pairing thresholds 0.3, 0.5 and 0.7."""
    from reviewtool.core.team.agreement.review import review_agreement

    with open_review(file, readonly=True) as review:
        result = review_agreement(review, field=field, min_overlap=min_overlap)
    if as_json:
        print_json(result.as_json())
        return
    click.echo(f"reviewers: {', '.join(result.reviewers) or 'none'}")
    click.echo(f"documents extracted by two or more reviewers: {result.documents}; "
               f"passage units: {result.units} ({result.matched} found by all, "
               f"{result.missed} missed by someone)")
    click.echo(f"pairing: {result.rule}")
    click.echo("\nFinding the same passages (unitizing)")
    click.echo(estimate_line(result.unitizing.specific))
    click.echo(estimate_line(result.unitizing.u_alpha, "documents"))
    if result.unitizing.note:
        click.echo(f"    ({result.unitizing.note})")
    click.echo("\nCoding the passages found (classification), per field")
    for item in result.fields:
        click.echo(f"\n{item.form}.{item.field} — {item.label} ({item.level}); unit: {item.unit}")
        for e in item.estimates:
            click.echo(estimate_line(e))
    click.echo("\nRobustness: main statistics by pairing threshold")
    for r in result.robustness:
        shown = "; ".join(f"{f} {_number(v)} (AC1 {_number(ac1)}, n={n})"
                          for f, _, v, ac1, n in r.fields)
        click.echo(f"    min overlap {r.min_overlap:.1f}: {r.units} units, {r.matched} found by "
                   f"all, specific agreement {_number(r.specific)}" + (f"; {shown}" if shown else ""))


def estimate_line(e, units: str = "") -> str:
    name = f"    {e.statistic:<38}"
    if e.value is None:
        return f"{name} undefined ({e.note})"
    n = f"(n={e.n_units}{' ' + units if units else ''})"
    if not e.has_interval:
        return f"{name} {e.value:6.3f}  {e.note}  {n}"
    return f"{name} {e.value:6.3f}  95% CI {e.ci_low:6.3f} to {e.ci_high:6.3f}  {n}"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("claim_a")
@click.argument("claim_b")
@REVIEWER
def pair(file: Path, claim_a: str, claim_b: str, reviewer: str | None) -> None:
    """Pair two reviewers' claims on one document as quoting the same passage, whatever their
    overlap (also confirms a pairing the tool proposed)."""
    with open_review(file) as review:
        set_pairing(review, claim_a, claim_b, "pair", reviewer=reviewer)
    click.echo(f"paired {claim_a} and {claim_b}")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("claim_a")
@click.argument("claim_b")
@click.option("--automatic", is_flag=True,
              help="Withdraw the earlier pair or unpair decision instead: the overlap rule decides.")
@REVIEWER
def unpair(file: Path, claim_a: str, claim_b: str, automatic: bool, reviewer: str | None) -> None:
    """Keep two reviewers' claims apart: they quote different passages, however much their
    quotes overlap."""
    with open_review(file) as review:
        if automatic:
            withdrawn = clear_pairing(review, claim_a, claim_b, reviewer=reviewer)
            click.echo("the overlap rule decides again" if withdrawn
                       else "no pairing decision on these claims")
            return
        set_pairing(review, claim_a, claim_b, "split", reviewer=reviewer)
    click.echo(f"unpaired {claim_a} and {claim_b}")
