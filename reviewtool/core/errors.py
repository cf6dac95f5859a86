"""Errors a user can cause and fix. Anything else is a bug and keeps its traceback.

Every message is one sentence saying what is wrong and what to do; the CLI prints it
and exits 1, the GUI shows it in a dialog.
"""


class ReviewError(Exception):
    """A known, user-facing problem (bad input, wrong file, refused action)."""


class NotAReviewFile(ReviewError):
    """The path is not a review file (missing, not SQLite, or another program's database)."""


class NewerSchema(ReviewError):
    """The file was written by a newer reviewtool than this one."""


class ImportRefused(ReviewError):
    """One input file cannot be imported; the message is the reason."""


class NotFound(ReviewError):
    """A record, document or conflict named by the user does not exist."""


class InvalidInput(ReviewError):
    """User-supplied values (a batch, a field value) fail validation.

    `problems` lists every error (e.g. "row 3: category: 'danger' is not one of ...") so
    that a batch reports everything at once.
    """

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


class FormError(ReviewError):
    """A form definition (forms/*.toml) is broken; the message names file, line and field."""


class MergeRefused(ReviewError):
    """A source file cannot be merged; the target is left unchanged.

    The message often quotes the file (an id, a field name): control characters in it are
    shown as '?', so that a hostile file cannot break the sentence over lines or reach the
    terminal."""

    def __init__(self, message: str):
        super().__init__("".join(c if c.isprintable() else "?" for c in message))


class StorageError(ReviewError):
    """SQLite could not read or write a file for a reason outside reviewtool (another program
    holds it, permissions, a full or failing disk, damage); see store/sqlite_errors.py."""


class FileBusy(StorageError):
    """Another program (or another reviewtool) is writing the file."""


class FileReadOnly(StorageError):
    """The file, or the folder it sits in, cannot be written."""


class DiskFull(StorageError):
    """The disk holding the file, or the temporary folder, has no space left."""


class DiskFailure(StorageError):
    """The operating system reported an input/output error."""


class FileDamaged(StorageError):
    """The file's SQLite structure is damaged (or it is not a database at all)."""


class CannotOpen(StorageError):
    """The file cannot be opened: missing folder, no permission."""


class ForeignReview(MergeRefused):
    """A source file belongs to a different review than the target."""


def disk_full(error: OSError) -> DiskFull | None:
    """The sentence for an operating-system error that says a disk is full (writing an
    export, a report or a copy), or None for any other error."""
    import errno

    if error.errno not in (errno.ENOSPC, errno.EDQUOT):
        return None
    where = f" writing {error.filename}" if error.filename else ""
    return DiskFull(f"The disk is full{where}; free some space and try again.")
