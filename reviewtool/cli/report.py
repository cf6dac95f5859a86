"""Commands: report (the PDF summary) and findings."""

from pathlib import Path

import click

from reviewtool.core.review.documents import list_documents
from reviewtool.cli.group import cli
from reviewtool.cli.common import AS_JSON, REVIEW_FILE, open_review, print_json
from reviewtool.cli.terminal import printable


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The PDF file to write.")
@click.option("--layout", default="default", show_default=True,
              help="A layout from report_assets/layouts (default, compact) or a .toml file.")
@click.option("--final", is_flag=True,
              help="Refuse (exit 1, naming them) while any item is unsettled; without it, "
                   "every page of a review with unsettled items is marked Draft.")
def report(file: Path, output: Path, layout: str, final: bool) -> None:
    """Write the PDF report: methods, summary tables of risks, benefits and open questions,
    evidence map, agreement, unresolved items and every claim with its quote."""
    from reviewtool.report.layouts import load_layout
    from reviewtool.report.pdf import write_report

    load_layout(layout)  # an unknown layout is reported before the file is read
    with open_review(file, readonly=True) as review:
        size = write_report(review, output, layout, final=final)
    click.echo(f"wrote {output} ({size:,} bytes)", err=True)


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@AS_JSON
def findings(file: Path, as_json: bool) -> None:
    """List findings with their consistency across documents and the claims grouped under them."""
    from reviewtool.core.synthesis.summary_rows import review_synthesis  # numpy, via the matching of passages

    with open_review(file, readonly=True) as review:
        rows = [r for r in review_synthesis(review) if r.kind == "finding"]
        titles = {d.id: d.title for d in list_documents(review)}
    if as_json:
        print_json([r.as_json() for r in rows])
        return
    for row in rows:
        click.echo(printable(f"{row.id}  {row.category or '-'}  {row.consistency}  {row.statement}"))
        click.echo(f"    certainty: {_judged(row)}")
        stances = dict(row.stances)
        for document_id in sorted(row.documents, key=lambda d: titles.get(d, d).casefold()):
            click.echo(printable(f"    {stances[document_id]:<11} {titles.get(document_id, document_id)}"))
            for claim in (c for c in row.claims if c.document_id == document_id):
                click.echo(printable(f"        {claim.finding_stance:<11} {claim.statement} "
                                     f"— {claim.reviewer} ({claim.id})"))
    click.echo(f"{len(rows)} findings", err=True)


def _judged(row) -> str:
    """"low (judged); claims: low 2, very_low 1, lowest very_low; documents disagree: …"."""
    if row.judgement and "certainty" in row.judgement.conflicted:
        judged = "unsettled (judged differently; see 'reviewtool conflicts')"
    else:
        judged = f"{row.certainty} (judged)" if row.certainty else "not judged"
    spread = ", ".join(f"{level} {n}" for level, n in row.proposal.spread)
    claims = f"claims: {spread}, lowest {row.proposal.lowest}" if spread else "no claim rated"
    return "; ".join(p for p in (judged, claims, row.proposal.hint) if p)
