"""The largest values a review file holds, in one place.

Every writer checks what it is about to write against these limits, and a merge refuses a
teammate's file holding anything larger (store/untrusted.py reads the same table): so
reviewtool never writes a file that a teammate's reviewtool would refuse, and a user who
goes over a limit is told when entering the value or importing the document, not when the
lead merges weeks later.
"""

KIB, MIB, GIB = 1024, 1024**2, 1024**3

SOURCE_FILE = 4 * GIB  # a whole review file received from a teammate
DOCUMENT_TEXT = 64 * MIB  # a document's normalized text, in UTF-8
DOCUMENT_ORIGINAL = 64 * MIB  # the bytes it was imported from
PAGE_STARTS = 8 * MIB  # its page offsets, as JSON (about a million pages)
FORM_DEFINITION = 1 * MIB  # one form's TOML text
FIELD_VALUE = 8 * MIB  # one field's value, as JSON (a long note, an anchor)
SMALL = 64 * KIB  # names, ids, stamps, file and media type names
JSON_DEPTH = 200  # nesting of a JSON value read from a file (batch input, a stored value)

# Reading one imported file (importing/bounded.py): the most memory and time it may take.
EXTRACTION_MEMORY = 1 * GIB
EXTRACTION_SECONDS = 120
# A .docx is a zip: what its parts may unpack to, in all and compared with their packed size.
DOCX_UNPACKED = 256 * MIB
DOCX_PART_RATIO = 100  # a part that unpacks to more than this many times its packed size...
DOCX_RATIO_FROM = 8 * MIB  # ...and to more than this is a zip bomb, not a document

_COLUMNS = {
    ("contents", "text"): DOCUMENT_TEXT,
    ("contents", "original"): DOCUMENT_ORIGINAL,
    ("contents", "page_starts"): PAGE_STARTS,
    ("forms", "definition"): FORM_DEFINITION,
    ("versions", "value"): FIELD_VALUE,
}


def column_limit(table: str, column: str) -> int:
    """The most bytes a value of `table`.`column` may take (SQLite's length of it as a blob)."""
    return _COLUMNS.get((table, column), SMALL)


def size_text(size: int) -> str:
    """"9.0 MB", "70 KB": sizes in the messages that name a limit."""
    for unit, scale in (("GB", GIB), ("MB", MIB), ("KB", KIB)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"


def utf8_size(text: str, limit: int) -> int:
    """The UTF-8 size of `text`, computed only when it could exceed `limit` (a character
    takes at most 4 bytes); otherwise its length in characters, which is below `limit`."""
    return len(text.encode("utf-8")) if len(text) * 4 > limit else len(text)
