"""Fingerprints of the snapshots already merged, kept in the working file's `local` table,
so that a sync where nothing changed opens no snapshot at all.

A snapshot whose size and modification time are as recorded is skipped without reading it.
When they differ, its SHA-256 is compared with the recorded one: a sync service that only
touched or re-downloaded the file costs one read, not a merge. What a merge refused is
recorded with its reason, so the same bad file is named again without being re-checked,
until it changes.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.folder.entries import Entry

SEEN_KEY = "team_folder.seen"
PUBLISHED_KEY = "team_folder.published"
_CHUNK = 1024 * 1024


@dataclass
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str
    refusal: str = ""  # why the merge refused this content; "" once merged

    def same_stat(self, entry: Entry) -> bool:
        return (self.size, self.mtime_ns) == (entry.size, entry.mtime_ns)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def load_seen(review: ReviewFile) -> dict[str, Fingerprint]:
    seen = {}
    for name, value in _load(review, SEEN_KEY).items():
        try:
            seen[name] = Fingerprint(**value)
        except TypeError:  # written by another version: the file is simply looked at again
            continue
    return seen


def store_seen(review: ReviewFile, seen: dict[str, Fingerprint]) -> None:
    review.set_local(SEEN_KEY, json.dumps({name: asdict(print_) for name, print_ in seen.items()},
                                          sort_keys=True))


def load_published(review: ReviewFile) -> dict[str, dict]:
    """Per snapshot name: the working file's watermark and the snapshot's size and mtime when
    this copy last published it."""
    return _load(review, PUBLISHED_KEY)


def store_published(review: ReviewFile, published: dict[str, dict]) -> None:
    review.set_local(PUBLISHED_KEY, json.dumps(published, sort_keys=True))


def watermark(review: ReviewFile) -> list[int]:
    """What a snapshot of the working file holds, in a few numbers that grow with every
    change teammates can receive (the history and the merge log are append-only)."""
    return list(review.conn.execute("""SELECT
        (SELECT coalesce(max(rowid), 0) FROM versions),
        (SELECT count(*) FROM reviewers), (SELECT count(*) FROM forms),
        (SELECT count(*) FROM contents), (SELECT coalesce(max(rowid), 0) FROM merges)""").fetchone())


def _load(review: ReviewFile, key: str) -> dict:
    try:
        value = json.loads(review.local(key) or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
