"""Commands: new, import, docs, search, check."""

import sys
from pathlib import Path

import click

from reviewtool.core.review.new_review import new_review
from reviewtool.core.importing.references import split_inputs
from reviewtool.core.review.documents import import_paths, list_documents
from reviewtool.core.review.library_import import import_libraries
from reviewtool.core.store.health import check_review
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.review.search import search as search_review
from reviewtool.cli.group import cli
from reviewtool.cli.common import AS_JSON, REVIEW_FILE, REVIEWER, open_review, print_json
from reviewtool.cli.terminal import printable


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.option("--title", required=True, help="The review's title.")
@click.option("--question", default="", help="The review question.")
@click.option("--reviewer", required=True, help="Your name; recorded on everything you do in this file.")
def new(file: Path, title: str, question: str, reviewer: str) -> None:
    """Create a new review file (never overwrites an existing file)."""
    new_review(file, title=title, question=question, reviewer=reviewer).close()
    click.echo(f"created {file} (reviewer: {' '.join(reviewer.split())})")


@cli.command("import")
@click.argument("file", type=REVIEW_FILE)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@REVIEWER
def import_(file: Path, paths: tuple[Path, ...], reviewer: str | None) -> None:
    """Import documents (.txt .md .html .htm .pdf .docx, or folders of them) and reference
    libraries (.ris .bib, CSL .json) with the files their entries point to.

    Prints one line per file or library entry; exits 1 if any failed.
    """
    failed = 0

    def report(outcome) -> None:
        nonlocal failed
        failed += outcome.status == "failed"
        click.echo(printable(str(outcome)))

    files, libraries = split_inputs(paths)
    with open_review(file) as review:
        outcomes = import_paths(review, files, reviewer=reviewer, on_outcome=report)
        outcomes += import_libraries(review, libraries, reviewer=reviewer, on_outcome=report)
    imported = sum(o.status == "imported" for o in outcomes)
    updated = sum(o.status == "updated" for o in outcomes)
    present = sum(o.status == "present" for o in outcomes)
    click.echo(f"{imported} imported, {f'{updated} updated, ' if updated else ''}"
               f"{present} already present, {failed} failed", err=True)
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
def docs(file: Path, as_json: bool) -> None:
    """List the documents in a review."""
    with open_review(file, readonly=True) as review:
        documents = list_documents(review)
    if as_json:
        print_json([d.as_json() for d in documents])
        return
    for d in documents:
        pages = f", {d.pages} pages" if d.pages else ""
        size = f"{d.filename}, {d.chars} characters{pages}" if d.has_text else "no full text"
        click.echo(printable(f"{d.id}  {d.title}  ({size})"))
    if not documents:
        click.echo("no documents yet; add some with 'reviewtool import'", err=True)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("query")
@AS_JSON
def search(file: Path, query: str, as_json: bool) -> None:
    """Search documents and claims. Words must all occur; "quotes" make a phrase; word* a prefix."""
    with open_review(file, readonly=True) as review:
        hits = search_review(review, query)
    if as_json:
        print_json([hit.as_json() for hit in hits])
        return
    for hit in hits:
        click.echo(printable(f"{hit.kind} {hit.id}  {hit.title}") + "\n    "
                   + printable(hit.snippet))
    click.echo(f"{len(hits)} hits", err=True)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
def check(file: Path) -> None:
    """Check a review file's integrity and schema; exits 0 when healthy."""
    findings = check_review(file)
    for finding in findings:
        click.echo(str(finding))
    if not all(f.ok for f in findings):
        sys.exit(1)
