"""Reference libraries (RIS, BibTeX, CSL-JSON) read into entries: metadata and attachment paths.

Written for the files Zotero, EndNote and Mendeley export: RIS is parsed by rispy, BibTeX by
bibtexparser (LaTeX accents decoded), CSL-JSON by the standard library. Every entry keeps the
line it starts on, so that a bad entry is reported with its line and the rest still imported.
Attachment paths are returned as written; `resolve_attachment` finds the file they name.
"""

import functools
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing.text import decode_text

LIBRARY_SUFFIXES = (".ris", ".bib", ".json")
MAX_LIBRARY_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    line: int  # 1-based line where the entry starts
    metadata: dict  # fields of document_metadata.FIELDS, raw (not yet cleaned)
    attachments: tuple[str, ...] = ()  # paths or file:// URLs as the library writes them


@dataclass(frozen=True)
class BadEntry:
    line: int
    reason: str  # one sentence, without the line


@dataclass
class Library:
    entries: list[Entry] = field(default_factory=list)
    bad: list[BadEntry] = field(default_factory=list)


def is_library(path: Path) -> bool:
    return Path(path).suffix.lower() in LIBRARY_SUFFIXES


def split_inputs(paths) -> tuple[list, list[Path]]:
    """The documents and the reference libraries among the paths a user gave, folders walked.

    Libraries are imported after the documents, so that a library exported with its files
    gives the documents imported from those files their metadata.
    """
    from reviewtool.core.importing import Skipped, expand_inputs

    found = expand_inputs(paths)
    libraries = [p for p in found if not isinstance(p, Skipped) and is_library(p)
                 and not p.is_dir()]
    return [p for p in found if p not in libraries], libraries


def read_library(path: Path) -> Library:
    """Parse a library file; raises ImportRefused when the file as a whole cannot be read."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_LIBRARY_BYTES:
            raise ImportRefused("the library file is over the 50 MB import limit")
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"cannot read the file: {error.strerror or error}") from error
    if not data.strip():
        raise ImportRefused("the file is empty")
    text = decode_text(data).lstrip("\ufeff")
    suffix = path.suffix.lower()
    if suffix == ".ris":
        library = parse_ris(text)
    elif suffix == ".bib":
        library = parse_bibtex(text)
    elif suffix == ".json":
        library = parse_csl_json(text)
    else:
        raise ImportRefused(f"not a reference library: use {', '.join(LIBRARY_SUFFIXES)}")
    if not library.entries and not library.bad:
        raise ImportRefused("no references found in this file")
    return library


# RIS -----------------------------------------------------------------------------------

_DATE_LIKE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_RIS_TYPES = {
    "article": ("JOUR", "JFULL", "EJOUR", "ABST", "INPR", "SER"),
    "web page": ("ELEC", "WEB", "BLOG", "ICOMM"),
    "report": ("RPRT", "GOVDOC", "STAND", "PAMP"),
    "book": ("BOOK", "EBOOK", "EDBOOK"),
    "chapter": ("CHAP", "ECHAP"),
    "thesis": ("THES",),
    "dataset": ("DATA", "DBASE"),
    "news": ("NEWS", "MGZN"),
    "guideline": ("LEGAL", "STAT"),
    "other": (),
}


def parse_ris(text: str) -> Library:
    import rispy

    library = Library()
    chunk: list[str] = []
    start = 0
    outside = False  # inside a run of lines that belong to no entry (reported once)
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip()
        tag = _RIS_TAG.match(line)
        if tag and tag.group(1) == "TY":
            if chunk:
                library.bad.append(BadEntry(start, "the entry is not closed with 'ER  -'"))
            chunk, start = [line], number
        elif chunk:
            chunk.append(line)
            if tag and tag.group(1) == "ER":
                _ris_entry(rispy, chunk, start, library)
                chunk = []
        elif line.strip() and not outside:
            library.bad.append(BadEntry(number, "text outside an entry (RIS entries start "
                                                "with 'TY  - ')"))
        outside = not chunk and bool(line.strip()) and not tag
    if chunk:
        library.bad.append(BadEntry(start, "the entry is not closed with 'ER  -'"))
    return library


def _ris_entry(rispy, lines: list[str], start: int, library: Library) -> None:
    list_tags = [*rispy.LIST_TYPE_TAGS, "L1", "L2", "L4", "DO", "T2", "JO", "JF", "PY", "DA"]
    records = rispy.loads("\n".join(lines) + "\n", list_tags=list_tags)
    if len(records) != 1:  # lines from TY to ER are one record; anything else is garbled
        library.bad.append(BadEntry(start, "unreadable entry"))
        return
    record = records[0]
    first = lambda key: next(iter(record.get(key) or []), "")  # noqa: E731
    title = record.get("title") or record.get("primary_title") or ""
    if not title.strip():
        library.bad.append(BadEntry(start, "the entry has no title (TI)"))
        return
    type_code = (record.get("type_of_reference") or "").upper()
    # EndNote writes DA as it was typed ("May 5"); the first date that reads as one is taken.
    dates = [_ris_date(d) for d in (first("date"), first("year"), record.get("publication_year"))]
    notes = [_without_markup(n) for n in record.get("notes") or []]
    container = (first("secondary_title") or first("journal_name") or first("alternate_title3")
                 or record.get("alternate_title1") or "")
    if type_code in ("RPRT", "GOVDOC", "THES", "BOOK", "EBOOK") or not container:
        container = record.get("publisher") or container  # T2 is a series title there (Zotero)
    work = str(record.get("type_of_work") or "")  # older EndNote exports put the DOI in M3
    metadata = {
        "title": title,
        "authors": [*(record.get("authors") or []), *(record.get("first_authors") or [])],
        "container": container,
        "published": next((d for d in dates if _DATE_LIKE.match(d)), ""),
        "url": next((u for u in record.get("urls") or [] if u.lower().startswith("http")), ""),
        "doi": first("doi") or (work if work.startswith("10.") else ""),
        "accessed": _ris_date(record.get("access_date") or ""),
        "type": next((kind for kind, codes in _RIS_TYPES.items() if type_code in codes), "other"),
        "note": "\n".join(n for n in notes if n),
    }
    attachments = [part.strip() for key in ("file_attachments1", "file_attachments2", "figure")
                   for value in record.get(key) or [] for part in value.split(";") if part.strip()]
    library.entries.append(Entry(start, metadata, tuple(attachments)))


def _ris_date(value: str) -> str:
    """'2020/05/01/', '2020///', '2020/05//other' or '2020' -> '2020-05-01', '2020', ..."""
    parts = [p for p in str(value).split("/")[:3] if p.strip()]
    return "-".join(p.strip().zfill(2) if i else p.strip() for i, p in enumerate(parts))


# BibTeX --------------------------------------------------------------------------------

_BIBTEX_TYPES = {
    "article": "article", "techreport": "report", "report": "report", "book": "book",
    "inbook": "chapter", "incollection": "chapter", "phdthesis": "thesis",
    "mastersthesis": "thesis", "thesis": "thesis", "dataset": "dataset", "online": "web page",
    "electronic": "web page", "www": "web page", "webpage": "web page",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_bibtex(text: str) -> Library:
    import logging

    import bibtexparser
    from bibtexparser import middlewares

    logging.getLogger("bibtexparser").setLevel(logging.ERROR)  # failures are reported per entry
    # LaTeX is decoded field by field, not by the parser's middleware: file paths, URLs and
    # DOIs are not LaTeX (Zotero on Windows writes 'C\:\\Users\\…', which LaTeX would eat).
    parsed = bibtexparser.parse_string(text, append_middleware=[middlewares.SeparateCoAuthors()])
    library = Library()
    for block in parsed.failed_blocks:
        reason = ("duplicate key" + (f" '{block.key}'" if getattr(block, "key", None) else "")
                  if type(block).__name__ == "DuplicateBlockKeyBlock"
                  else "unreadable entry (check its braces, quotes and commas)")
        library.bad.append(BadEntry(block.start_line + 1, reason))
    for entry in parsed.entries:
        fields = {key.lower(): _verbatim(value.value) if key.lower() in _VERBATIM_FIELDS
                  else _decoded(value.value) for key, value in entry.fields_dict.items()}
        line = entry.start_line + 1
        if not fields.get("title"):
            library.bad.append(BadEntry(line, f"the entry '{entry.key}' has no title"))
            continue
        kind = entry.entry_type.lower()
        url = fields.get("url", "")
        bib_type = _BIBTEX_TYPES.get(kind) or ("web page" if kind == "misc" and url else "other")
        metadata = {
            "title": fields["title"],
            "authors": fields.get("author") or [],
            "container": next((fields[k] for k in ("journaltitle", "journal", "booktitle",
                                                    "publisher", "institution", "organization",
                                                    "howpublished") if fields.get(k)), ""),
            "published": fields.get("date") or _bibtex_date(fields.get("year", ""),
                                                             fields.get("month", "")),
            "url": _ESCAPED.sub(r"\1", url),
            "doi": _ESCAPED.sub(r"\1", fields.get("doi", "")),
            "accessed": fields.get("urldate", ""),
            "type": bib_type,
            "note": fields.get("note") or fields.get("annote") or "",
        }
        library.entries.append(Entry(line, metadata, tuple(_bibtex_files(fields.get("file", "")))))
    library.entries.sort(key=lambda e: e.line)
    return library


_VERBATIM_FIELDS = {"file", "url", "doi"}
_ESCAPED = re.compile(r"\\([_%&#$])")  # JabRef writes URLs with \_ and \%


def _decoded(value):
    """LaTeX as text ({\\"u} -> ü); braces that protect capitals ({S}leep) are not text."""
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    text = _latex().latex_to_text(str(value))
    return " ".join(text.replace("{", "").replace("}", "").split())


@functools.cache
def _latex():
    from pylatexenc.latex2text import LatexNodes2Text  # bibtexparser's own LaTeX decoder

    return LatexNodes2Text()


def _verbatim(value) -> str:
    """A path, URL or DOI as written; Mendeley writes a backslash as $\\backslash$."""
    return str(value).replace("$\\backslash$", "\\").strip()


def _bibtex_date(year: str, month: str) -> str:
    month = month.strip().lower()[:3]
    if month.isdigit():
        return f"{year}-{int(month):02d}" if year else ""
    if month in _MONTHS:
        return f"{year}-{_MONTHS.index(month) + 1:02d}" if year else ""
    return year


def _bibtex_files(value: str) -> list[str]:
    r"""Zotero 'Full Text PDF:files/12/x.pdf:application/pdf;Snapshot:files/12/y.html:text/html',
    Mendeley ':home/me/x.pdf:pdf' or 'C\:/Users/me/x.pdf', JabRef ':x.pdf:PDF', or a bare path."""
    found = []
    for item in re.split(r"(?<!\\);", value):
        parts = [p.replace("\\:", ":").replace("\\\\", "\\")
                 for p in re.split(r"(?<!\\):", item)]
        if len(parts) >= 3:
            path = ":".join(parts[1:-1])  # a Windows drive letter splits too: C:/...
        else:
            path = parts[-1] if len(parts) == 1 else parts[1] or parts[0]
        path = _ACCENT.sub(lambda m: _latex().latex_to_text(m.group(0)), path)
        if path.strip():
            found.append(path.strip())
    return found


_ACCENT = re.compile(r"\{\\[\"'`^~=.uvHc]\s*\{?\w\}?\}")  # Mendeley's {\"U}nal.pdf


# CSL-JSON ------------------------------------------------------------------------------

_CSL_TYPES = {
    "article-journal": "article", "article": "article", "paper-conference": "article",
    "article-magazine": "news", "article-newspaper": "news", "webpage": "web page",
    "post": "web page", "post-weblog": "web page", "report": "report", "book": "book",
    "chapter": "chapter", "thesis": "thesis", "dataset": "dataset", "legislation": "guideline",
}


def parse_csl_json(text: str) -> Library:
    decoder = json.JSONDecoder()
    try:
        items, starts = _json_items(text, decoder)
    except json.JSONDecodeError as error:
        raise ImportRefused(f"not valid JSON at line {error.lineno}, column {error.colno}: "
                            f"{error.msg}") from None
    except RecursionError:  # arrays nested thousands deep: no library is written that way
        raise ImportRefused("not a CSL-JSON library: its JSON is nested too deeply") from None
    library = Library()
    for item, offset in zip(items, starts):
        line = text.count("\n", 0, offset) + 1
        if not isinstance(item, dict):
            library.bad.append(BadEntry(line, "not a CSL-JSON item (an object was expected)"))
            continue
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            library.bad.append(BadEntry(line, "the item has no title"))
            continue
        files = item.get("file") or item.get("attachments") or []
        metadata = {
            "title": title,
            "authors": [_csl_name(n) for n in item.get("author") or [] if isinstance(n, dict)],
            "container": _csl_text(item.get("container-title")) or _csl_text(item.get("publisher")),
            "published": _csl_date(item.get("issued")),
            "url": _csl_text(item.get("URL")),
            "doi": _csl_text(item.get("DOI")),
            "accessed": _csl_date(item.get("accessed")),
            "type": _CSL_TYPES.get(str(item.get("type", "")), "other"),
            "note": _csl_text(item.get("note")),
        }
        paths = [files] if isinstance(files, str) else [f for f in files if isinstance(f, str)]
        library.entries.append(Entry(line, metadata, tuple(p for p in paths if p.strip())))
    return library


def _json_items(text: str, decoder) -> tuple[list, list[int]]:
    """The items of a top-level array (or one object) with the offset where each starts."""
    position = len(text) - len(text.lstrip())
    if not text.startswith("[", position):
        item, _ = decoder.raw_decode(text, position)
        return [item], [position]
    items, starts = [], []
    position += 1
    while True:
        position = _skip(text, position)
        if text.startswith("]", position):
            break
        item, end = decoder.raw_decode(text, position)
        items.append(item)
        starts.append(position)
        position = _skip(text, end)
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("]", position):
            raise json.JSONDecodeError("',' or ']' expected", text, position)
    return items, starts


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _csl_text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return value if isinstance(value, str) else str(value) if isinstance(value, int) else ""


def _csl_name(name: dict) -> str:
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(name.get(p, "")) for p in ("non-dropping-particle", "family")).strip()
    given = " ".join(str(name.get(p, "")) for p in ("given", "dropping-particle")).strip()
    return f"{family}, {given}" if family and given else family or given


def _csl_date(value) -> str:
    if not isinstance(value, dict):
        return ""
    parts = (value.get("date-parts") or [[]])[0] or []
    try:
        numbers = [int(p) for p in parts[:3]]
    except (TypeError, ValueError):
        numbers = []
    if numbers:
        return "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(numbers))
    raw = str(value.get("raw") or value.get("literal") or "")
    return raw if _DATE_LIKE.match(raw) else ""


# Attachments ---------------------------------------------------------------------------

def resolve_attachment(written: str, library_path: Path) -> Path | None:
    """The file an attachment path names, or None when it names nothing on this disk.

    Relative paths are relative to the library file (Zotero's "export files" layout:
    files/123/x.pdf); file:// URLs are decoded; EndNote's internal-pdf:// points into the
    library's .Data/PDF folder; Mendeley sometimes drops the leading '/' of absolute paths.
    """
    folder = Path(library_path).parent
    text = written.strip()
    if text.lower().startswith(("http://", "https://")):
        return None
    candidates: list[Path] = []
    if text.lower().startswith("file:"):
        text = urllib.parse.unquote(urllib.parse.urlparse(text).path)
    if text.lower().startswith("internal-pdf://"):
        rest = text[len("internal-pdf://"):]
        candidates += [data / "PDF" / rest for data in sorted(folder.glob("*.Data"))]
    else:
        path = Path(text).expanduser()
        candidates.append(path if path.is_absolute() else folder / path)
        if not path.is_absolute():
            candidates.append(Path("/") / path)  # Mendeley: 'home/me/x.pdf'
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def _without_markup(text: str) -> str:
    """Zotero writes notes as HTML."""
    return " ".join(re.sub(r"<[^>]+>", " ", str(text)).split())
