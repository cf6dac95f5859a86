"""Turning the user's files into normalized text.

`expand_inputs` lists the files to try, `extract_file` imports one of them. Each format has
its own module exposing `extract(data: bytes, name: str) -> Extracted`; they are imported
only when a file of that kind is imported, and they import their heavy libraries
(trafilatura, lxml, pypdfium2, python-docx, charset-normalizer) inside their functions,
so that importing this package costs nothing at start-up.
"""

import importlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core import limits
from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.normalize import normalize_text

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Extracted",
    "Skipped",
    "expand_inputs",
    "extract_bytes",
    "extract_file",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
assert MAX_FILE_BYTES <= limits.DOCUMENT_ORIGINAL  # an imported file's bytes are kept whole

# suffix -> module in this package that imports it
_IMPORTERS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
SUPPORTED_SUFFIXES = tuple(_IMPORTERS)

NO_TEXT = "the document contains no text"
LINK_OUTSIDE = ("not imported: it is a link to a file outside the imported folder; copy the "
                "file into the folder if it belongs to the review")


@dataclass(frozen=True)
class Skipped:
    """A file met while walking a folder that is not imported, with the reason (reported
    like a file that failed)."""

    path: Path
    reason: str


def extract_file(path: Path) -> tuple[Extracted, bytes]:
    """Import one file: its extraction and the bytes it was read from (read once).

    Raises ImportRefused, whose message is the one-line reason for the user.
    """
    path = Path(path)
    if not path.exists():
        raise ImportRefused("no such file or folder")
    if path.is_dir():
        try:
            os.listdir(path)
        except OSError as error:  # how expand_inputs hands over a folder it could not walk
            raise ImportRefused(f"cannot read the folder: {error.strerror or error}") from error
        raise ImportRefused("this is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in _IMPORTERS:
        kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
        raise ImportRefused(
            f"unsupported file type {kind}: supported types are {', '.join(SUPPORTED_SUFFIXES)}"
        )
    if not path.is_file():
        raise ImportRefused("not a regular file")
    try:
        size = path.stat().st_size  # before reading, so a huge file is never loaded
        if size > MAX_FILE_BYTES:
            raise ImportRefused(
                f"the file is {_size(size)}, over the {_size(MAX_FILE_BYTES)} import limit"
            )
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"cannot read the file: {error.strerror or error}") from error
    if not data:
        raise ImportRefused("the file is empty")
    return extract_bytes(data, path.name), data


def extract_bytes(data: bytes, name: str) -> Extracted:
    """Import bytes read from a file called `name` (its suffix says the format)."""
    suffix = Path(name).suffix.lower()
    if suffix not in _IMPORTERS:
        raise ImportRefused(f"unsupported file type '{suffix}'")
    importer = importlib.import_module(f"{__name__}.{_IMPORTERS[suffix]}")
    extracted = importer.extract(data, name)
    if not extracted.text:
        raise ImportRefused(NO_TEXT)
    _check_sizes(extracted)
    return _with_metadata(extracted, data, suffix)


def _with_metadata(extracted: Extracted, data: bytes, suffix: str) -> Extracted:
    from dataclasses import replace

    # Imported by name, like the importers: the metadata readers use them in turn.
    metadata = importlib.import_module(f"{__name__}.metadata")
    found = metadata.read_metadata(data, suffix, extracted.text, extracted.page_starts)
    if extracted.source.startswith(("http://", "https://")):  # the address a page names as its own
        found.setdefault("url", extracted.source)
    return replace(extracted, metadata={**found, **extracted.metadata})


def _check_sizes(extracted: Extracted) -> None:
    """What a review file can carry to teammates (core/limits.py, which merge applies)."""
    size = limits.utf8_size(extracted.text, limits.DOCUMENT_TEXT)
    if size > limits.DOCUMENT_TEXT:
        raise ImportRefused(
            f"its text is {limits.size_text(size)}, over the "
            f"{limits.size_text(limits.DOCUMENT_TEXT)} a review file can carry to teammates; "
            "split the document and import the parts")
    if extracted.page_starts is not None:
        pages = len(json.dumps(list(extracted.page_starts)))
        if pages > limits.PAGE_STARTS:
            raise ImportRefused(f"it has {len(extracted.page_starts):,} pages, more than a review "
                                "file can carry; split the document and import the parts")


def expand_inputs(paths: Iterable[Path | str | Skipped]) -> list[Path | Skipped]:
    """The files to try, in order, for the paths the user gave.

    Files are kept as given, whatever their type, so that the caller reports an
    unsupported or missing one (extract_file refuses it with the reason). Folders are
    walked recursively in name order; inside them only hidden entries (.git, .DS_Store)
    are skipped, and symbolic links to folders are not followed. A link to a file outside
    the folder is not followed either (it could carry any file of the computer into a
    review sent to teammates): it comes back as Skipped, with the reason. A file reached
    twice is listed once.
    """
    files: list[Path | Skipped] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        try:
            key = path.resolve()
        except (RuntimeError, OSError):  # a symbolic link loop: listed, and refused on reading
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if isinstance(path, Skipped):
            files.append(path)
        elif Path(path).is_dir():
            root = Path(path).resolve()
            for found in _walk(Path(path)):
                if isinstance(found, Path) and found.is_symlink() and not _inside(found, root):
                    files.append(Skipped(found, LINK_OUTSIDE))
                else:
                    add(found)
        else:
            add(Path(path))
    return files


def _inside(link: Path, root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links leads nowhere inside
        return False


def _walk(folder: Path) -> Iterable[Path]:
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: (entry.name.casefold(), entry.name))
    except OSError:
        # An unreadable folder yields itself, so the caller reports it as failed.
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # a link back up the tree would never end
                yield from _walk(entry)
        else:
            yield entry


def title_or_stem(candidate: str | None, name: str) -> str:
    """The document's own title on one line, or the file name without its extension."""
    title = " ".join(normalize_text(candidate or "").split())
    return title or Path(name).stem


def _size(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"

