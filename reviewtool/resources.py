"""Where the shipped data folders (forms/, db/, report_assets/) are.

In a wheel they live inside the package as reviewtool/_data/<name>; in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reviewtool's data folder {name!r} is missing from this installation")
