"""Commands: add-judgements (findings' certainty), add-decisions (the lead's reconciliation)."""

from pathlib import Path

import click

from reviewtool.cli.common import REVIEW_FILE, REVIEWER, open_review
from reviewtool.cli.group import cli
from reviewtool.core.wording import counted

INPUT = click.Path(path_type=Path, dir_okay=False)


@cli.command("add-judgements")
@click.argument("file", type=REVIEW_FILE)
@click.argument("input_file", metavar="INPUT.csv|INPUT.json", type=INPUT)
@REVIEWER
def add_judgements(file: Path, input_file: Path, reviewer: str | None) -> None:
    """Judge findings' certainty from CSV or JSON: all rows, or none if any has a problem.

    Columns: finding (its statement or id), and the finding form's field ids (certainty,
    the GRADE domains, explanation).
    """
    from reviewtool.core.review.batch_judgements import add_judgements as add_from

    with open_review(file) as review:
        judged = add_from(review, input_file, reviewer=reviewer)
    click.echo(f"judged {counted(len(judged), 'finding')}")


@cli.command("add-decisions")
@click.argument("file", type=REVIEW_FILE)
@click.argument("input_file", metavar="INPUT.csv|INPUT.json", type=INPUT)
@REVIEWER
def add_decisions(file: Path, input_file: Path, reviewer: str | None) -> None:
    """Reconcile from CSV or JSON: accept every agreement, then record each decision (all,
    or none if any has a problem).

    Columns: document, quote (words of the passage), decision (consensus or reject),
    rationale, and any claim form field ids the decision settles.
    """
    from reviewtool.core.team.batch_consensus import apply_decisions  # numpy, via matching

    with open_review(file) as review:
        decided = apply_decisions(review, input_file, reviewer=reviewer)
    click.echo(f"reconciled {counted(decided, 'passage')}")
