"""Identifiers: UUIDv7 for records users create; name-based UUIDs where two files must agree.

UUIDv7 (RFC 9562) sorts by creation time and is generated on the client, so records created
offline in different files never collide and need no renumbering when merged.
"""

import os
import threading
import time
import uuid

# Fixed namespace for name-based ids (reviewers, documents): the same input gives the same id
# in every file, which is what lets a merge unify them.
_NAMESPACE = uuid.UUID("6f1c1d52-5a0e-4d4b-9a55-2b8f3f0c7e21")

_lock = threading.Lock()
_last_ms = 0
_last_rand = 0


def uuid7() -> str:
    """A UUIDv7 string, monotonic within this process (RFC 9562, method 2 counter)."""
    global _last_ms, _last_rand
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            rand = _last_rand + 1  # same millisecond: keep order by counting up
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 6  # 74 random bits
        _last_ms, _last_rand = ms, rand
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def name_id(kind: str, name: str) -> str:
    """A stable UUID (v5) for `name` of `kind`, identical in every file."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{name}"))


def reviewer_id(name: str) -> str:
    return name_id("reviewer", " ".join(name.split()).casefold())


def document_id(first_sha256: str) -> str:
    """A document keeps the id of the text it was first imported with, even after re-import."""
    return name_id("document", first_sha256)
