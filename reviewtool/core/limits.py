"""The sizes reviewtool writes and accepts, in one place.

Merge refuses a teammate's file holding anything larger (store/untrusted.py), so every writer
must stay within the same figures: what one reviewer's tool writes, the lead's tool merges.
"""

MAX_REVIEW_FILE_BYTES = 4 * 1024**3  # a source file merged, and its -wal beside it
TEXT_BYTES = 1024 * 1024  # a form definition
DOCUMENT_BYTES = 64 * 1024**2  # a document's normalized text, and its original bytes
SMALL_BYTES = 64 * 1024  # ids, names, stamps, media types, file names
VALUE_BYTES = 8 * 1024**2  # one field's value as stored (JSON): a long note, an anchor
JSON_DEPTH = 200  # nesting of a JSON value read from a file (batch input, a stored value)
