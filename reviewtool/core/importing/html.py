"""Web pages saved as HTML: the article only, one paragraph, heading or list item a line."""

import copy
import re

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import NO_TEXT, title_or_stem
from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.importing.headings import heading_spans
from reviewtool.core.importing.text import decode_text
from reviewtool.core.normalize import normalize_text

# <meta charset=x>, <meta http-equiv=Content-Type content="text/html; charset=x">,
# <?xml version="1.0" encoding=x?>
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")  # lxml refuses it in an already decoded string
# Browsers' "Save page as" note the address the page came from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://\S+?)\s*-->", re.IGNORECASE)
# Never part of the article; trafilatura usually drops them too, but not on very short pages.
_NOT_ARTICLE = ["//nav", "//footer", "//aside"]
_INVISIBLE = ".//script|.//style|.//noscript|.//template|.//nav|.//header|.//footer|.//aside"
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = (
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip


def extract(data: bytes, name: str) -> Extracted:
    markup = decode_text(data, declared_encoding=_declared_charset(data))
    tree = _parse(markup)
    text = normalize_text(_article_text(tree) or _visible_text(tree))
    return Extracted(
        text=text,
        title=title_or_stem(_title(tree), name),
        media_type="text/html",
        source=_own_url(tree, markup) or name,
        headings=heading_spans(text, [h.text_content() for h in tree.iter(*_HEADINGS)]),
    )


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _parse(markup: str):
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1))
    except lxml.etree.ParserError as error:  # "Document is empty"
        raise ImportRefused(NO_TEXT) from error


def _article_text(tree) -> str:
    import trafilatura

    # bare_extraction works on its own copy of the tree; ours stays whole for the fallback.
    document = trafilatura.bare_extraction(
        tree, include_comments=False, include_tables=True, prune_xpath=_NOT_ARTICLE
    )
    return (document.text or "") if document else ""


def _visible_text(tree) -> str:
    """The text a reader sees in <body>, one block a line: for pages too small for trafilatura."""
    body = tree.find("body")
    body = copy.deepcopy(body if body is not None else tree)
    for element in body.xpath(_INVISIBLE):
        element.drop_tree()
    for element in body.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = normalize_text(body.text_content()).split("\n")
    return "\n".join(line for line in lines if line)


def _title(tree) -> str | None:
    """og:title or the first <h1> (the article's own), before <title> ("Site | Page")."""
    for candidate in (
        _meta(tree, "og:title"),
        _first_text(tree, "//h1"),
        _first_text(tree, "//title"),
    ):
        if candidate and candidate.strip():
            return candidate
    return None


def _own_url(tree, markup: str) -> str | None:
    """The address the page names as its own: canonical link, og:url, or "saved from"."""
    canonical = [
        link.get("href", "")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    saved_from = _SAVED_FROM.search(markup[:4096])
    for url in (*canonical, _meta(tree, "og:url"), saved_from and saved_from.group(1)):
        url = (url or "").strip()
        if url.lower().startswith(("http://", "https://")):  # a relative one names no page
            return url
    return None


def _meta(tree, property_name: str) -> str | None:
    for meta in tree.iter("meta"):
        if property_name in (meta.get("property"), meta.get("name")):
            return meta.get("content")
    return None


def _first_text(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return found[0].text_content() if found else None
