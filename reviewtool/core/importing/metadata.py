"""Bibliographic metadata a file holds about itself, read when it is imported.

- HTML: citation_* meta tags (Highwire Press, as journals and Google Scholar use them), Dublin
  Core meta tags, then what trafilatura finds (JSON-LD, Open Graph, bylines): authors, date,
  site name, URL.
- PDF: the document information dictionary (Author) and the XMP packet (dc:creator, prism:doi,
  prism:publicationName, prism:coverDate), read from the file's bytes.
- Word: the core properties (author).
- PDF: the first DOI on the first page, when the file names none itself.

Values are raw; document_metadata.filled() cleans them and drops what does not clean. Nothing
here stops an import: metadata that cannot be read is simply not there.
"""

import re

_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[-._;()/:A-Za-z0-9]+)")  # Crossref's pattern
_FIRST_PAGE_CHARS = 4000
_XMP = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.DOTALL)
_XMP_NAMESPACES = {  # any version of PRISM (1.0, 2.0, 3.0) is read alike
    "dc": "http://purl.org/dc/elements/1.1/",
    "prism": "http://prismstandard.org/namespaces/basic/",
    "pdfx": "http://ns.adobe.com/pdfx/",
}
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_NOT_AN_AUTHOR = {"", "(anonymous)", "anonymous", "unknown", "author", "user", "administrator"}


def read_metadata(data: bytes, suffix: str, text: str,
                  page_starts: tuple[int, ...] | None = None) -> dict:
    reader = {".html": html_metadata, ".htm": html_metadata, ".pdf": pdf_metadata,
              ".docx": docx_metadata}.get(suffix.lower())
    found = {key: value for key, value in (reader(data) if reader else {}).items() if value}
    # A journal article prints its own DOI on its first page; a web page or a note that
    # shows a DOI is usually citing someone else's work, so only PDFs are read for one.
    if "doi" not in found and suffix.lower() == ".pdf":
        first_page = text[:page_starts[1]] if page_starts and len(page_starts) > 1 else text
        doi = doi_in_text(first_page[:_FIRST_PAGE_CHARS])
        if doi:
            found["doi"] = doi
    return found


def doi_in_text(text: str) -> str:
    match = _DOI_IN_TEXT.search(text)
    return match.group(1).rstrip(".,;:)") if match else ""


def split_authors(text: str) -> list[str]:
    """'A; B', 'A and B' or 'A, B and C' (names without inner commas) as a list; the
    placeholders writing programs put there ("(anonymous)", "Administrator") are no authors."""
    text = " ".join((text or "").split())
    if text.casefold() in _NOT_AN_AUTHOR:
        return []
    if ";" in text:
        return [a.strip() for a in text.split(";") if a.strip()]
    parts = re.split(r",\s*and\s+|\s+and\s+|\s*&\s*", text)
    if len(parts) > 1 or (text.count(",") > 1 and all(" " in p.strip() for p in text.split(","))):
        return [a.strip() for p in parts for a in p.split(",") if a.strip()]
    return [text]


# HTML ------------------------------------------------------------------------------------

def html_metadata(data: bytes) -> dict:
    import lxml.etree
    import lxml.html

    from reviewtool.core.importing.html import _declared_charset
    from reviewtool.core.importing.text import decode_text

    try:
        tree = lxml.html.document_fromstring(
            re.sub(r"^\s*<\?xml[^>]*>", "", decode_text(data, _declared_charset(data)), count=1))
    except (lxml.etree.ParserError, ValueError):
        return {}
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        name = (element.get("name") or element.get("property") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if name and content:
            meta.setdefault(name, []).append(content)
    first = lambda *names: next((meta[n][0] for n in names if n in meta), "")  # noqa: E731
    found = {
        "authors": meta.get("citation_author") or meta.get("dc.creator") or [],
        "container": first("citation_journal_title", "citation_conference_title",
                           "citation_publisher", "dc.publisher"),
        "published": _iso_date(first("citation_publication_date", "citation_date",
                                     "citation_online_date", "dc.date", "dc.date.issued")),
        "doi": first("citation_doi", "dc.identifier.doi")
        or next((v for v in meta.get("dc.identifier", []) if "10." in v), ""),
        "url": first("citation_public_url", "citation_abstract_html_url"),
    }
    found["type"] = "article" if "citation_journal_title" in meta else "web page"
    found = {key: value for key, value in found.items() if value}
    for key, value in _trafilatura(tree).items():
        found.setdefault(key, value)
    return found


def _trafilatura(tree) -> dict:
    import trafilatura

    document = trafilatura.extract_metadata(tree)
    if document is None:
        return {}
    return {key: value for key, value in {
        "authors": split_authors(document.author or ""),
        "published": _iso_date(document.date or ""),
        "container": document.sitename or "",
        "url": (document.url or "") if (document.url or "").startswith("http") else "",
    }.items() if value}


def _iso_date(text: str) -> str:
    """'2021-03-15T10:00:00Z', '2021/03/15' or '2021' -> ISO date; other forms are dropped."""
    match = re.match(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", text.strip())
    if not match:
        return ""
    return "-".join(p.zfill(2) if i else p for i, p in enumerate(match.groups()) if p)


# PDF -------------------------------------------------------------------------------------

def pdf_metadata(data: bytes) -> dict:
    found = _xmp(data)
    if "authors" not in found:
        authors = split_authors(_pdf_info_author(data))
        if authors:
            found["authors"] = authors
    return found


def _pdf_info_author(data: bytes) -> str:
    import pypdfium2 as pdfium

    from reviewtool.core.importing.pdf import _PDFIUM_LOCK  # pdfium is not thread-safe

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return ""
        try:
            return document.get_metadata_value("Author") or ""
        finally:
            document.close()


def _xmp(data: bytes) -> dict:
    """The XMP packet, found in the bytes (PDF writers store it uncompressed to be found)."""
    import lxml.etree

    match = _XMP.search(data)
    if not match:
        return {}
    try:
        root = lxml.etree.fromstring(match.group(0),
                                     parser=lxml.etree.XMLParser(resolve_entities=False,
                                                                 no_network=True))
    except lxml.etree.XMLSyntaxError:
        return {}

    def values(path: str) -> list[str]:
        prefix, name = path.split(":")
        found = []
        for element in root.iter(f"{{*}}{name}"):
            if not element.tag.startswith("{" + _XMP_NAMESPACES[prefix]):
                continue
            items = list(element.iter(f"{_RDF}li"))
            texts = [i.text for i in items] if items else [element.text]
            found += [" ".join(t.split()) for t in texts if t and t.strip()]
        return found

    first = lambda *paths: next((v[0] for v in map(values, paths) if v), "")  # noqa: E731
    identifier = first("prism:doi", "pdfx:doi") or next(
        (v for v in values("dc:identifier") if "10." in v), "")
    return {key: value for key, value in {
        "authors": [a for a in values("dc:creator") if a.casefold() not in _NOT_AN_AUTHOR],
        "container": first("prism:publicationName"),
        "published": _iso_date(first("prism:coverDate", "prism:publicationDate")),
        "doi": re.sub(r"^(doi:|https?://(dx\.)?doi\.org/)", "", identifier, flags=re.I),
        "url": first("prism:url"),
    }.items() if value}


# Word ------------------------------------------------------------------------------------

def docx_metadata(data: bytes) -> dict:
    import io
    import zipfile

    import docx

    try:
        properties = docx.Document(io.BytesIO(data)).core_properties
    except (zipfile.BadZipFile, KeyError, ValueError):
        return {}
    return {key: value for key, value in {
        "authors": split_authors(properties.author or ""),
        "doi": (properties.identifier or "") if "10." in (properties.identifier or "") else "",
    }.items() if value}
