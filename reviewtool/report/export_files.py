"""Writing exports to files: canonical JSON, and spreadsheets (one row per claim)."""

import os
import sys
import tempfile
from pathlib import Path

from reviewtool.core.team.canonical import canonical_json
from reviewtool.core.errors import ReviewError
from reviewtool.core.store.reviewfile import ReviewFile


def write_export(review: ReviewFile, fmt: str, output: Path) -> int:
    """Write the export atomically (a temporary file renamed into place); returns its size."""
    if fmt == "json":
        data = canonical_json(review).encode("utf-8")
    elif fmt == "csv":
        from reviewtool.report.spreadsheet import claims_csv
        data = claims_csv(review).encode("utf-8-sig")
    elif fmt == "xlsx":
        if str(output) == "-":
            raise ReviewError("XLSX cannot be written to standard output; name a file with -o.")
        from reviewtool.report.spreadsheet import claims_xlsx
        data = claims_xlsx(review)
    else:
        raise ReviewError(f"Unknown export format '{fmt}'; use json, csv or xlsx.")
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return len(data)
    write_atomically(output, data)
    return len(data)


def write_atomically(output: Path, data: bytes) -> None:
    output = Path(output)
    if not output.parent.is_dir():
        raise ReviewError(f"The folder {output.parent} does not exist; create it first.")
    handle, temp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
