"""Labels a review file's tables in Datasette, whatever the file is called.

Datasette keys table metadata by database name (the file's name), which differs for every
review; this applies the "review_tables" of the shipped metadata.json beside this folder to
each database served. (Read from the file, not through datasette.metadata(), which calls
this hook again.)
"""

import json
from functools import cache
from pathlib import Path

from datasette import hookimpl


@cache
def _tables() -> dict:
    metadata = json.loads((Path(__file__).parents[1] / "metadata.json").read_text("utf-8"))
    return metadata["review_tables"]


@hookimpl
def get_metadata(datasette, key, database, table):
    return {"databases": {name: {"tables": _tables()} for name in datasette.databases
                          if not name.startswith("_")}}
