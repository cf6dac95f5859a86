"""What a sync service leaves in a review's folder, sorted before anything is opened.

Only `*.review` files are snapshots. Hidden files, temporary files (ours end in `.tmp`,
Syncthing's start with `~syncthing~` or `.syncthing.`), lock files, journals and `-wal`
files are passed over without a word. A snapshot that is not complete yet — a zero-byte
online-only placeholder, a file still being copied or cut short — is skipped this round
with a note and taken at a later sync, once whole. Names that start with a reviewer id and
carry more ("<id> (conflicted copy 2026-…).review", "<id>-DESKTOP-ABC.review") are copies a
sync service made of that reviewer's snapshot: they are merged like the snapshot itself
(a merge is idempotent, so a stale copy adds nothing and a diverged one loses nothing).
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from reviewtool.core.store.reviewfile import SQLITE_HEADER, SUFFIX

_REVIEWER_ID = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(.*)$")
_TEMPORARY_PREFIXES = (".", "~")


@dataclass(frozen=True)
class Entry:
    """One candidate snapshot file in the review's folder."""

    path: Path
    size: int
    mtime_ns: int
    reviewer_id: str | None  # the reviewer whose snapshot (or copy of one) this is, if named so
    copy: bool  # a sync service's copy of a snapshot (conflicted copy, renamed duplicate)

    @property
    def name(self) -> str:
        return self.path.name


def snapshot_name(reviewer_id: str) -> str:
    return reviewer_id + SUFFIX


def candidates(folder: Path) -> list[Entry]:
    """The `*.review` files in `folder`, in name order (temporary and lock files left out)."""
    found = []
    with os.scandir(folder) as scan:
        for item in scan:
            name = item.name
            if not name.endswith(SUFFIX) or name.startswith(_TEMPORARY_PREFIXES):
                continue
            try:
                if not item.is_file():
                    continue
                stat = item.stat()
            except OSError:  # vanished or unreadable between listing and looking
                continue
            match = _REVIEWER_ID.match(name[: -len(SUFFIX)])
            found.append(Entry(Path(item.path), stat.st_size, stat.st_mtime_ns,
                               match.group(1) if match else None,
                               bool(match and match.group(2))))
    return sorted(found, key=lambda entry: entry.name)


def incomplete(entry: Entry) -> str | None:
    """Why the file cannot be a whole snapshot yet (a reason to wait, not to refuse), or None.

    Reads the 100-byte SQLite header only: the page size and, when the header vouches for
    it, the page count give the size a whole copy has."""
    if entry.size == 0:
        return "it is empty (not downloaded yet, or an online-only placeholder)"
    try:
        with entry.path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return f"it cannot be read yet ({error.strerror or error})"
    if len(header) < 100:
        return "it is still being copied (shorter than a file header)"
    if not header.startswith(SQLITE_HEADER):
        if not header.strip(b"\x00"):
            return "it is still being copied (its first bytes are not written yet)"
        return None  # not SQLite at all: the merge names the problem
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return None  # a damaged header: the merge names the problem
    if entry.size % page_size:
        return "it is still being copied (it ends in the middle of a page)"
    pages = int.from_bytes(header[28:32], "big")
    vouched = header[24:28] == header[92:96]  # the page count is valid for this change
    if vouched and pages and entry.size < pages * page_size:
        return (f"it is still being copied or was cut short ({entry.size:,} of "
                f"{pages * page_size:,} bytes)")
    return None


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Each candidate's (size, modification time): what a sync saw, to tell later whether the
    folder changed since (the app does not sync again for its own snapshot's arrival)."""
    try:
        return {entry.name: (entry.size, entry.mtime_ns) for entry in candidates(folder)}
    except OSError:
        return {}
