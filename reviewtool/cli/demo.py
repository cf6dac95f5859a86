"""Command: demo."""

from pathlib import Path

import click

from reviewtool.core.demo import build_demo
from reviewtool.cli.group import cli
from reviewtool.cli.common import open_review
from reviewtool.core.wording import counted

HEADLINE_FIELDS = ("category", "certainty")


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False),
                default=Path("reviewtool-demo"))
def demo(folder: Path) -> None:
    """Build the demo review in FOLDER (default ./reviewtool-demo): two reviewers' files from
    the bundled articles, the merged team file, their agreement, and report.pdf."""
    from reviewtool.core.team.agreement.review import review_agreement  # numpy: only when needed

    result = build_demo(folder)
    for name, path in result.reviewer_files.items():
        click.echo(f"reviewer file ({name}): {path}")
    click.echo(f"merged team file: {result.merged} ({result.claims} claims)")
    click.echo(f"reconciled by the lead: {result.reconciled} passages; certainty judged: "
               f"{result.judged} findings")
    with open_review(result.merged, readonly=True) as review:
        agreement = review_agreement(review)
    click.echo(f"agreement between {' and '.join(agreement.reviewers)} on {agreement.units} "
               f"passage units ({agreement.matched} found by both):")
    unitizing = agreement.unitizing
    click.echo("    finding the same passages: " + "; ".join(
        _shown(e) for e in (unitizing.specific, unitizing.u_alpha)))
    for item in agreement.fields:
        if item.form == "claim" and item.field in HEADLINE_FIELDS:
            shown = [e for e in item.estimates if e.value is not None and (
                "Cohen" in e.statistic or e.statistic == "Gwet's AC1")]
            n = max((e.n_units for e in item.estimates), default=0)
            click.echo(f"    {item.label} ({n} passages both coded): "
                       + "; ".join(_shown(e) for e in shown))
    click.echo(f"full statistics: reviewtool agreement {result.merged}")
    from reviewtool.report.pdf import write_report

    report = Path(folder) / "report.pdf"
    with open_review(result.merged, readonly=True) as review:
        from reviewtool.core.team.unsettled import unsettled_items

        left = len(unsettled_items(review))  # none: the lead's files settle everything
        size = write_report(review, report)
    status = "final" if not left else f"draft: {counted(left, 'unsettled item')}"
    click.echo(f"report: {report} ({size // 1024} KB, {status})")


def _shown(e) -> str:
    if e.value is None:
        return f"{e.statistic} undefined, {e.note}"
    if not e.has_interval:
        return f"{e.statistic} {e.value:.2f}, {e.note}"
    return f"{e.statistic} {e.value:.2f} (95% CI {e.ci_low:.2f} to {e.ci_high:.2f})"
