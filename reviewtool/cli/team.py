"""Commands: merge, conflicts, resolve, export."""

import sys
from pathlib import Path

import click

from reviewtool.core.team.conflicts import (
    get_conflict,
    list_conflicts,
    parse_resolution,
    resolve_conflict,
)
from reviewtool.core.team.merge import merge_files
from reviewtool.core.wording import counted
from reviewtool.cli.group import cli
from reviewtool.cli.common import AS_JSON, REVIEW_FILE, REVIEWER, open_review, print_json
from reviewtool.cli.terminal import printable


@cli.command()
@click.argument("target", type=REVIEW_FILE)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what each file would add; change nothing.")
@click.option("--force", is_flag=True, help="Merge files of a different review too.")
@REVIEWER
@AS_JSON
def merge(target: Path, sources: tuple[Path, ...], dry_run: bool, force: bool,
          reviewer: str | None, as_json: bool) -> None:
    """Merge teammates' review files into TARGET (in any order, as often as you like).

    Every source is checked before anything is written; a bad source leaves TARGET unchanged.
    """
    summaries = merge_files(target, list(sources), dry_run=dry_run, force=force, reviewer=reviewer)
    if as_json:
        print_json([s.as_json() for s in summaries])
    else:
        for summary in summaries:
            click.echo(("would add from " if dry_run else "merged ") + printable(str(summary)))
    if not dry_run:
        click.echo(f"a copy of {target.name} as it was before is in {target.name}.before-merge",
                   err=True)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
def conflicts(file: Path, as_json: bool) -> None:
    """List fields that reviewers changed concurrently, with every value kept."""
    with open_review(file, readonly=True) as review:
        found = list_conflicts(review)
    if as_json:
        print_json([c.as_json() for c in found])
        return
    for conflict in found:
        click.echo(f"{conflict.id}  {conflict.entity} {conflict.record_id}  field '{conflict.field}'"
                   f" (shown: {conflict.shown!r})")
        for value in conflict.values:
            click.echo(printable(f"    {value.value!r} — {value.reviewer}, "
                                 f"{value.stamp[:19].replace('T', ' ')}"))
    click.echo(counted(len(found), "open conflict"), err=True)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("conflict_id")
@click.option("--value", required=True, help="The agreed value (as you would type it in 'set').")
@click.option("--reason", default="", help="Why: recorded with the decision.")
@REVIEWER
def resolve(file: Path, conflict_id: str, value: str, reason: str, reviewer: str | None) -> None:
    """Adjudicate a conflict: record the agreed value and the reason."""
    with open_review(file) as review:
        conflict = get_conflict(review, conflict_id)
        resolve_conflict(review, conflict, parse_resolution(review, conflict, value),
                         reason=reason, reviewer=reviewer)
    click.echo(f"resolved {conflict_id}: {conflict.field} = {value}")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The file to write ('-' for standard output, JSON and CSV only).")
def export(file: Path, fmt: str, output: Path) -> None:
    """Export the review: canonical JSON (byte-identical for identical content), CSV or XLSX."""
    from reviewtool.report.export_files import write_export

    with open_review(file, readonly=True) as review:
        data = write_export(review, fmt, output)
    if str(output) != "-":
        click.echo(f"wrote {output} ({data} bytes)", err=True)
    else:
        sys.stdout.flush()


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
@click.option("--field", help="Only this field (e.g. category, certainty, found, appraisal.overall_quality).")
def agreement(file: Path, as_json: bool, field: str | None) -> None:
    """Agreement between reviewers, per field, with 95% confidence intervals."""
    from reviewtool.core.team.agreement.review import review_agreement

    with open_review(file, readonly=True) as review:
        result = review_agreement(review, field=field)
    if as_json:
        print_json(result.as_json())
        return
    click.echo(printable(f"reviewers: {', '.join(result.reviewers) or 'none'}"))
    click.echo(f"documents extracted by two or more reviewers: {result.documents}; "
               f"claim units: {result.units} ({result.matched} found by all, "
               f"{result.missed} missed by someone)")
    click.echo(f"matching: {result.rule}")
    for item in result.fields:
        click.echo(f"\n{item.form}.{item.field} — {item.label} ({item.level}); unit: {item.unit}")
        for e in item.estimates:
            if e.value is None:
                click.echo(f"    {e.statistic:<38} undefined ({e.method.removeprefix('undefined: ')})")
            else:
                click.echo(f"    {e.statistic:<38} {e.value:6.3f}  95% CI {e.ci_low:6.3f} to "
                           f"{e.ci_high:6.3f}  (n={e.n_units})")
