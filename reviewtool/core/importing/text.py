"""Plain text, and the decoding of bytes that every text format shares."""

import codecs
import re

from reviewtool.core.errors import ImportRefused
from reviewtool.core.importing import title_or_stem
from reviewtool.core.importing.extracted import Extracted
from reviewtool.core.normalize import normalize_text

BINARY = "binary or unreadable text: this does not look like a text file in any known encoding"

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that really mean Windows-1252 (as browsers treat them): files saved "as Latin-1"
# on Windows contain curly quotes and dashes that only Windows-1252 decodes.
_WINDOWS_1252_ALIASES = {"latin_1", "iso8859_1", "ascii", "cp1252"}
# Control characters other than tab, newline, carriage return, form feed and DOS end-of-file.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05


def extract(data: bytes, name: str) -> Extracted:
    text = normalize_text(decode_text(data))
    return Extracted(
        text=text,
        title=title_or_stem(title_line(text), name),
        media_type="text/plain",
        source=name,
    )


def decode_text(data: bytes, declared_encoding: str | None = None) -> str:
    """Decode text whose encoding is unknown, or declared by the document (HTML).

    Order: byte-order mark; BOM-less UTF-16 (NUL-byte pattern); the declared encoding;
    strict UTF-8 (most files, and fast); then detection by charset-normalizer, preferring
    Windows-1252 when it fits as well as the best guess. Raises ImportRefused for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_or_refuse(data[len(bom) :], encoding))
    encoding = _bomless_utf16(data)
    if encoding:
        return _checked(_decode_or_refuse(data, encoding))
    if b"\x00" in data:  # refused at once, without running detection over a large binary
        raise ImportRefused(BINARY)
    for encoding in filter(None, (_python_codec(declared_encoding), "utf-8")):
        try:
            return _checked(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):  # LookupError: a declared non-text codec
            pass
    return _checked(_detected(data))


def _detected(data: bytes) -> str:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    # charset-normalizer cannot tell Western code pages apart on short texts and tends to
    # pick cp1250 or a Mac code page, turning "naïve" into "naďve".
    western = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        best = western
    if best is None:
        raise ImportRefused(BINARY)
    return str(best)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: mostly-Latin text has a NUL in every other byte."""
    pairs = min(len(data), 4096) // 2
    if pairs < 2:
        return None
    nuls_at_even = data[0 : 2 * pairs : 2].count(0)
    nuls_at_odd = data[1 : 2 * pairs : 2].count(0)
    if nuls_at_odd > 0.3 * pairs and nuls_at_even < 0.05 * pairs:
        return "utf-16-le"
    if nuls_at_even > 0.3 * pairs and nuls_at_odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def _python_codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_16", "utf_32")):
        return None  # BOM and NUL pattern already ruled these out: the declaration is wrong
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def _decode_or_refuse(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportRefused(BINARY) from error


def _checked(text: str) -> str:
    """Refuse text that decoded but is mostly control characters (binary data)."""
    if "\x00" in text or len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise ImportRefused(BINARY)
    return text


_TITLE_LINE_MAX = 120


def title_line(text: str) -> str | None:
    """A plain-text title: a short first line standing alone (a blank line after it) that
    does not read as the end of a sentence, like the headline of a saved web article."""
    first, _, rest = text.partition("\n")
    if (rest.startswith("\n") and 0 < len(first) <= _TITLE_LINE_MAX
            and not first.rstrip().endswith((".", ",", ";", ":"))):
        return first
    return None
