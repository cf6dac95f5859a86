"""Commands: merge, undo-merge, conflicts, resolve, export (agreement and pairing: agreement.py)."""

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
from reviewtool.core.team.merge_preview import preview_merge
from reviewtool.core.team.merge_undo import undo_merge
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
    if dry_run:
        preview_files(target, list(sources), force=force, reviewer=reviewer, as_json=as_json)
        return
    summaries = merge_files(target, list(sources), force=force, reviewer=reviewer)
    if as_json:
        print_json([s.as_json() for s in summaries])
    else:
        for summary in summaries:
            click.echo("merged " + printable(str(summary)))
    click.echo(f"a copy of {target.name} as it was before is in {target.name}.before-merge "
               f"(put it back with: reviewtool undo-merge {target.name})", err=True)


def preview_files(target: Path, sources: list[Path], *, force: bool, reviewer: str | None,
                  as_json: bool) -> None:
    """The app's merge preview: one line per file; exit status 1 when any would be refused."""
    previews = preview_merge(target, sources, force=force, reviewer=reviewer)
    if as_json:
        print_json([p.as_json() for p in previews])
    else:
        for preview in previews:
            click.echo(printable(preview.line()))
    refused = sum(bool(p.refusal) for p in previews)
    if refused:
        click.echo(f"{counted(refused, 'file')} would be refused; merging refuses them all "
                   "unless they are left out.", err=True)
        sys.exit(1)


@cli.command("undo-merge")
@click.argument("file", type=REVIEW_FILE)
def undo_merge_command(file: Path) -> None:
    """Put back FILE as it was before the last merge (from FILE.before-merge).

    The merged file is kept as FILE.after-merge, so nothing is lost; merging the same files
    again redoes the merge.
    """
    after = undo_merge(file)
    click.echo(f"put back {file.name} as it was before the last merge; the merged file is "
               f"kept as {after.name}")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
def conflicts(file: Path, as_json: bool) -> None:
    """List what is unsettled: fields reviewers changed concurrently (with every value kept),
    and passages reviewers extracted that no consensus reconciles yet."""
    from reviewtool.core.team.unsettled import unsettled_items  # numpy, via the matching

    with open_review(file, readonly=True) as review:
        found = list_conflicts(review)
        passages = [i for i in unsettled_items(review) if i.kind == "passage"]
    if as_json:
        print_json([{"kind": "conflict", **c.as_json()} for c in found]
                   + [p.as_json() for p in passages])
        return
    for conflict in found:
        click.echo(f"{conflict.id}  {conflict.entity} {conflict.record_id}  field '{conflict.field}'"
                   f" (shown: {conflict.shown!r})")
        for value in conflict.values:
            click.echo(printable(f"    {value.value!r} — {value.reviewer}, "
                                 f"{value.stamp[:19].replace('T', ' ')}"))
    for passage in passages:
        click.echo(f"passage  document {passage.document_id}  claims {passage.id}")
        click.echo(printable(f"    {passage.summary}"))
    click.echo(f"{counted(len(found) + len(passages), 'unsettled item')}: "
               f"{counted(len(found), 'open conflict')}, "
               f"{counted(len(passages), 'passage')} not reconciled", err=True)


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
