"""Commands: add-claims, add-appraisals, claims, appraisals, set, delete, reimport, attach, forms."""

from pathlib import Path

import click

from reviewtool.core.review.appraisals import list_appraisals
from reviewtool.core.review.batch_entry import add_appraisals as add_appraisals_from
from reviewtool.core.review.batch_entry import add_claims as add_claims_from
from reviewtool.core.review.claims import list_claims
from reviewtool.core.review.document_metadata import is_document, parse_assignments, set_metadata
from reviewtool.core.review.documents import get_document, resolve_document
from reviewtool.core.errors import InvalidInput, ReviewError
from reviewtool.core.forms import load_form, parse_value
from reviewtool.core.forms.in_review import forms_in_file, store_form
from reviewtool.core.review.records import delete_record, record_form, update_answers
from reviewtool.core.review.reimport import reimport_document
from reviewtool.core.wording import counted
from reviewtool.cli.group import cli
from reviewtool.cli.common import AS_JSON, REVIEW_FILE, REVIEWER, open_review, print_json
from reviewtool.cli.terminal import printable

INPUT = click.Path(path_type=Path, dir_okay=False)
ENCODING = click.option("--encoding", metavar="NAME",
                        help="Encoding of a CSV/TSV input (default UTF-8), e.g. cp1252.")


@cli.command("add-claims")
@click.argument("file", type=REVIEW_FILE)
@click.argument("input_file", metavar="INPUT.csv|INPUT.tsv|INPUT.json", type=INPUT)
@REVIEWER
@ENCODING
def add_claims(file: Path, input_file: Path, reviewer: str | None, encoding: str | None) -> None:
    """Add claims from CSV, TSV or JSON: all records, or none if any has a problem.

    Columns: document (id, sha256, title or file name), quote, optional occurrence, and the
    claim form's field ids (multi-choice values separated by ';').
    """
    with open_review(file) as review:
        created = add_claims_from(review, input_file, reviewer=reviewer, encoding=encoding)
    click.echo(f"added {len(created)} claims")


@cli.command("add-appraisals")
@click.argument("file", type=REVIEW_FILE)
@click.argument("input_file", metavar="INPUT.csv|INPUT.tsv|INPUT.json", type=INPUT)
@REVIEWER
@ENCODING
def add_appraisals(file: Path, input_file: Path, reviewer: str | None,
                   encoding: str | None) -> None:
    """Add (or update your) document appraisals from CSV, TSV or JSON: all records, or none.

    Columns: document, and the appraisal form's field ids.
    """
    with open_review(file) as review:
        saved = add_appraisals_from(review, input_file, reviewer=reviewer, encoding=encoding)
    click.echo(f"saved {len(saved)} appraisals")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
@click.option("--category", help="Only claims of this category (e.g. risk, benefit, open_question).")
@click.option("--document", help="Only claims on this document (id, sha256, title or file name).")
@click.option("--orphaned", is_flag=True, help="Only claims whose passage could not be found again.")
def claims(file: Path, as_json: bool, category: str | None, document: str | None,
           orphaned: bool) -> None:
    """List claims."""
    with open_review(file, readonly=True) as review:
        document_id = resolve_document(review, document) if document else None
        found = list_claims(review, category=category, document_id=document_id,
                            orphaned=True if orphaned else None)
    if as_json:
        print_json([c.as_json() for c in found])
        return
    for claim in found:
        flags = " [ORPHANED]" if claim.anchor.orphaned else ""
        flags += f" [{claim.conflicts} conflicts]" if claim.conflicts else ""
        page = f" p.{claim.anchor.page}" if claim.anchor.page else ""
        click.echo(printable(f"{claim.id}  {claim.category or '-'}  {claim.statement}{flags}")
                   + "\n" + printable(f"    “{claim.anchor.exact}”{page} — {claim.reviewer}"))
    click.echo(f"{len(found)} claims", err=True)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
@click.option("--document", help="Only appraisals of this document.")
def appraisals(file: Path, as_json: bool, document: str | None) -> None:
    """List document appraisals."""
    with open_review(file, readonly=True) as review:
        document_id = resolve_document(review, document) if document else None
        found = list_appraisals(review, document_id=document_id)
    if as_json:
        print_json([a.as_json() for a in found])
        return
    for appraisal in found:
        answers = ", ".join(f"{k}={v}" for k, v in sorted(appraisal.answers.items()))
        click.echo(printable(f"{appraisal.id}  {appraisal.document_id}  {appraisal.reviewer}")
                   + "\n    " + printable(answers))
    click.echo(f"{len(found)} appraisals", err=True)


@cli.command("set")
@click.argument("file", type=REVIEW_FILE)
@click.argument("record_id")
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@REVIEWER
def set_fields(file: Path, record_id: str, assignments: tuple[str, ...], reviewer: str | None) -> None:
    """Edit fields of a claim, an appraisal, a finding's certainty judgement or a document
    (FIELD= with nothing after it clears the field).

    A document's fields are its metadata: title, authors (separated by ';'), container,
    published, url, doi, accessed, type and note.
    """
    with open_review(file) as review:
        if is_document(review, record_id):
            changed = set_metadata(review, record_id, parse_assignments(assignments),
                                   reviewer=reviewer)
            click.echo(f"changed {counted(changed, 'field')}")
            return
        form = record_form(review, record_id)
        changes, problems = {}, []
        for assignment in assignments:
            field_id, sep, raw = assignment.partition("=")
            if not sep:
                problems.append(f"'{assignment}' is not FIELD=VALUE")
                continue
            if field_id not in form.field_ids:
                problems.append(f"unknown field '{field_id}'; the {form.id} form's fields are "
                                f"{', '.join(form.field_ids)}")
                continue
            try:
                changes[field_id] = parse_value(form.field(field_id), raw) if raw.strip() else None
            except ValueError as error:
                problems.append(f"{field_id}: {error}")
        if problems:
            raise InvalidInput("Nothing was changed: " + "; ".join(problems) + ".")
        changed = update_answers(review, record_id, changes, reviewer=reviewer)
    click.echo(f"changed {counted(changed, 'field')}")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("record_id")
@REVIEWER
def delete(file: Path, record_id: str, reviewer: str | None) -> None:
    """Delete a claim or appraisal (kept in the history; merges as a deletion)."""
    with open_review(file) as review:
        entity = delete_record(review, record_id, reviewer=reviewer)
    click.echo(f"deleted {entity} {record_id}")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("document")
@click.argument("path", type=click.Path(path_type=Path))
@REVIEWER
def reimport(file: Path, document: str, path: Path, reviewer: str | None) -> None:
    """Replace a document's text with a new extraction of it and move its claims onto it.

    Claims whose passage cannot be found with confidence are flagged orphaned, never deleted.
    """
    with open_review(file) as review:
        counts = reimport_document(review, resolve_document(review, document), path,
                                   reviewer=reviewer)
    click.echo(f"claims: {counts['kept']} kept in place, {counts['moved']} moved, "
               f"{counts['orphaned']} orphaned")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("document")
@click.argument("path", type=click.Path(path_type=Path))
@REVIEWER
def attach(file: Path, document: str, path: Path, reviewer: str | None) -> None:
    """Give a reference without its full text (a library entry with no file) its file."""
    with open_review(file) as review:
        document_id = resolve_document(review, document)
        if get_document(review, document_id).has_text:
            raise ReviewError("That document already has its text; to replace it with a new "
                              "extraction use 'reviewtool reimport'.")
        reimport_document(review, document_id, path, reviewer=reviewer)
        title = get_document(review, document_id).title
    click.echo(f"attached {path.name} to {title}")


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.option("--add", "add", type=INPUT, help="Add a form definition (.toml) to the review.")
def forms(file: Path, add: Path | None) -> None:
    """List the forms in force in a review, or add a new form version with --add."""
    with open_review(file) as review:
        if add:
            form = load_form(add)
            added = store_form(review, form)
            click.echo(f"{'added' if added else 'already present'}: form {form.id} version {form.version}")
        for form_id, version, title in forms_in_file(review):
            click.echo(f"{form_id} v{version}  {title}")
