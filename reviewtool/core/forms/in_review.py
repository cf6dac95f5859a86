"""The form definitions in force in a review file (the `forms` table)."""

import hashlib

from reviewtool.core import limits
from reviewtool.core.store import clock
from reviewtool.core.errors import ReviewError
from reviewtool.core.forms import Form, load_form_text, shipped_forms
from reviewtool.core.store.reviewfile import ReviewFile


def store_form(review: ReviewFile, form: Form) -> bool:
    """Put a form definition into the file; returns False if that version was already there.

    A form id and version name one definition for ever: a different text under a version the
    file already has is refused, so answers never change meaning silently.
    """
    encoded = form.source_text.encode("utf-8")
    if len(encoded) > limits.FORM_DEFINITION:
        raise ReviewError(
            f"The form '{form.id}' is {limits.size_text(len(encoded))}, more than the "
            f"{limits.size_text(limits.FORM_DEFINITION)} a form definition can take; "
            "shorten its help texts or split it into two forms.")
    digest = hashlib.sha256(encoded).hexdigest()
    row = review.conn.execute("SELECT sha256 FROM forms WHERE form_id = ? AND version = ?",
                              (form.id, form.version)).fetchone()
    if row:
        if row[0] != digest:
            raise ReviewError(
                f"This review already has a different form '{form.id}' version {form.version}; "
                "raise the version number in the form file and try again.")
        return False
    with review.transaction():
        review.conn.execute(
            "INSERT INTO forms (form_id, version, definition, sha256, added) VALUES (?, ?, ?, ?, ?)",
            (form.id, form.version, form.source_text, digest, clock.tick(None).iso))
    return True


def store_shipped_forms(review: ReviewFile) -> None:
    for form in shipped_forms().values():
        store_form(review, form)


def form_in_force(review: ReviewFile, form_id: str, version: int | None = None) -> Form:
    """The newest stored version of a form (or the version asked for)."""
    if version is None:
        row = review.conn.execute(
            "SELECT definition, version FROM forms WHERE form_id = ? ORDER BY version DESC LIMIT 1",
            (form_id,)).fetchone()
    else:
        row = review.conn.execute(
            "SELECT definition, version FROM forms WHERE form_id = ? AND version = ?",
            (form_id, version)).fetchone()
    if row is None:
        wanted = form_id if version is None else f"{form_id} version {version}"
        raise ReviewError(f"This review has no form '{wanted}'; add it with 'reviewtool forms --add'.")
    return load_form_text(row[0], f"{review.path.name}: form {form_id} v{row[1]}")


def forms_in_file(review: ReviewFile) -> list[tuple[str, int, str]]:
    """(form id, version, title) of every stored definition."""
    result = []
    for form_id, version, definition in review.conn.execute(
            "SELECT form_id, version, definition FROM forms ORDER BY form_id, version"):
        result.append((form_id, version, load_form_text(definition, form_id).title))
    return result
