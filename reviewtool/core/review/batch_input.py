"""Records for batch entry, read from CSV, TSV or JSON with sqlite-utils' `rows_from_file`.

sqlite-utils handles the byte-order mark, the encoding and the CSV dialect (a
semicolon-separated export from a European spreadsheet reads like a comma-separated one);
this module adds what a batch needs on top: row numbers as a spreadsheet shows them, one
sentence for each way a file can be unreadable, and the limits every writer keeps
(core/limits.py), so that nothing read here can later be refused by a teammate's merge.
"""

import codecs
import csv
import io
import json
from pathlib import Path
from typing import Any

from reviewtool.core import limits
from reviewtool.core.errors import ReviewError

Row = tuple[str, dict[str, Any], bool]  # label ("row 3"), values, values are raw text (CSV)
_EXTRA = "\0extra cells"  # rows_from_file's key for cells beyond the header
_FORMATS = {".csv": "CSV", ".tsv": "TSV", ".tab": "TSV", ".json": "JSON"}


def read_rows(path: Path, *, encoding: str | None = None) -> list[Row]:
    """Records from a .csv/.tsv (header row; rows numbered as in a spreadsheet) or .json file
    (a list of objects, or {"records": [...]}); `encoding` for CSV/TSV (default UTF-8)."""
    from sqlite_utils.utils import Format  # loaded on first use: slow to import

    path = Path(path)
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ReviewError(f"{path} is neither .csv, .tsv nor .json; save the records in one of those.")
    if not path.is_file():
        raise ReviewError(f"{path} does not exist or is not a file.")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ReviewError(f"'{encoding}' is not an encoding Python knows; "
                              "name one such as utf-8, cp1252 or latin-1.") from None
    data = path.read_bytes()
    try:
        if kind == "JSON":
            return _json_rows(path, data)
        return _table_rows(path, data, getattr(Format, kind), encoding)
    except UnicodeError:
        raise ReviewError(f"{path} is not {encoding or 'UTF-8'} text; save it as UTF-8 "
                          "(or name its encoding with --encoding).") from None


def _table_rows(path: Path, data: bytes, format, encoding: str | None) -> list[Row]:
    from sqlite_utils.utils import rows_from_file

    # A cell may hold a whole note: allow up to the largest value a field may hold.
    csv.field_size_limit(max(csv.field_size_limit(), limits.FIELD_VALUE))
    if not data.strip():
        raise ReviewError(f"{path} has no header row; the first row must name the columns.")
    dialect = _dialect(data, encoding) if format.name == "CSV" else None
    reader, _ = rows_from_file(io.BytesIO(data), format=format, dialect=dialect,
                               encoding=encoding, extras_key=_EXTRA)
    rows = []
    number = 1
    try:
        for number, record in enumerate(reader, start=2):
            if _EXTRA in record:
                raise ReviewError(f"{path}, row {number} has more cells than the header has columns.")
            if any(key is None or not key.strip() for key in record):
                raise ReviewError(f"{path} has a column without a name in its header row; "
                                  "name every column or delete the empty one.")
            if any((value or "").strip() for value in record.values()):
                rows.append((f"row {number}", {k.strip(): (v or "") for k, v in record.items()}, True))
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # csv's only word for it
            raise ReviewError(
                f"{path}, row {number + 1} has a cell longer than the "
                f"{limits.size_text(limits.FIELD_VALUE)} a field can hold; shorten it.") from None
        raise ReviewError(f"{path}, row {number + 1} cannot be read as {format.name} ({error}); "
                          "check its quotes and cell sizes.") from None
    return rows


def _dialect(data: bytes, encoding: str | None) -> type[csv.Dialect]:
    """The standard (Excel) CSV dialect with the header line's separator: commas, semicolons
    or tabs, whatever the spreadsheet wrote. Only the separator is sniffed: guessed from a
    header without quotes, the quoting rules would be wrong."""
    header = data[:4096].decode(encoding or "utf-8-sig", "ignore").splitlines()[:1]
    try:
        separator = csv.Sniffer().sniff(header[0] if header else "", delimiters=",;\t").delimiter
    except csv.Error:
        return csv.excel
    return type("Sniffed", (csv.excel,), {"delimiter": separator})


def _json_rows(path: Path, data: bytes) -> list[Row]:
    try:
        records = json.loads(data)
    except RecursionError:
        raise ReviewError(f"{path} nests its JSON too deeply to be records; "
                          "give a flat list of objects.") from None
    except json.JSONDecodeError as error:
        raise ReviewError(f"{path} is not valid JSON ({error.msg} at line {error.lineno}).") from None
    if isinstance(records, dict) and isinstance(records.get("records"), list):
        records = records["records"]
    if not isinstance(records, list) or not all(isinstance(item, dict) for item in records):
        raise ReviewError(f"{path} must hold a JSON list of objects, one per record.")
    for number, item in enumerate(records, start=1):
        _check_json_value(path, number, item)
    return [(f"record {number}", item, False) for number, item in enumerate(records, start=1)]


def _check_json_value(path: Path, number: int, value: Any, depth: int = 0) -> None:
    """Every string encodable as UTF-8 (JSON's \\ud800 escapes can make a lone surrogate,
    which no file can store) and values no deeper than the limit."""
    if depth > limits.JSON_DEPTH:
        raise ReviewError(f"{path}, record {number} nests values more than {limits.JSON_DEPTH} "
                          "deep; give each field a plain value or list.")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ReviewError(f"{path}, record {number} holds a lone UTF-16 surrogate "
                              "(an escape such as \\ud800 without its pair); fix that text.") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_json_value(path, number, key, depth + 1)
            _check_json_value(path, number, item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_json_value(path, number, item, depth + 1)
