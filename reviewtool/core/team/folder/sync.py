"""One sync with the team folder: merge every teammate's snapshot that changed, then publish
this reviewer's own.

Safe whatever the folder holds: snapshots go through the untrusted-file merge
(team/merge.py), one at a time, so a bad one is named and skipped and the others still
merge; a snapshot not yet whole is skipped and taken next time; the working file must live
outside the folder, and nothing in the folder is written but this reviewer's own snapshot
(under a temporary name first). A folder that is missing or cannot be written is reported
before the working file is touched.

Merging before publishing lets one's snapshot carry the teammates' work on, so that a team
converges in two rounds of syncs even when no two members are ever online together.
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewtool.core.errors import ForeignReview, MergeRefused, ReviewError
from reviewtool.core.store import ids
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.team.folder.entries import Entry, candidates, incomplete, snapshot_name
from reviewtool.core.team.folder.fingerprints import (
    Fingerprint,
    file_sha256,
    load_published,
    load_seen,
    store_published,
    store_seen,
    watermark,
)
from reviewtool.core.team.folder.publish import (
    LOCAL_PREFIX,
    folder_problem,
    publish,
    reserve_temporary,
)
from reviewtool.core.team.merge import MergeSummary, merge_files
from reviewtool.core.wording import counted

FOLDER_KEY = LOCAL_PREFIX  # the team folder this working file syncs with


@dataclass
class SyncReport:
    folder: Path
    reviewer_id: str
    teammates: int = 0  # teammates with a snapshot in the folder
    merged: list[MergeSummary] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # files skipped or ignored, one sentence each
    published: bool = False
    finished: str = ""  # when the sync ended (ISO 8601, UTC)
    # The review's folder, and each snapshot's (size, mtime) as this sync left it.
    review_folder: Path | None = None
    listing: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def new_claims(self) -> int:
        return sum(summary.claims for summary in self.merged)

    @property
    def new_conflicts(self) -> int:
        return sum(summary.conflicts for summary in self.merged)

    def headline(self) -> str:
        """"3 teammates, 41 new claims, 1 new conflict" """
        return (f"{counted(self.teammates, 'teammate')}, {counted(self.new_claims, 'new claim')}, "
                f"{counted(self.new_conflicts, 'new conflict')}")

    def as_json(self) -> dict:
        return {"folder": str(self.folder), "reviewer_id": self.reviewer_id,
                "teammates": self.teammates, "new_claims": self.new_claims,
                "new_conflicts": self.new_conflicts, "published": self.published,
                "finished": self.finished, "notes": list(self.notes),
                "merged": [summary.as_json() for summary in self.merged]}


def remembered_folder(review: ReviewFile) -> Path | None:
    value = review.local(FOLDER_KEY)
    return Path(value) if value else None


def sync_folder(path: Path, folder: Path | None = None, *,
                reviewer: str | None = None) -> SyncReport:
    """Sync the working file at `path` with the team folder `folder` (default: the one this
    file synced with last, which is remembered).

    The working file is only read until the folder has proved writable, and is not written at
    all when nothing changed (so a sync in an idle moment leaves it byte-identical)."""
    path = Path(path)
    with ReviewFile.open(path, readonly=True) as review:
        folder = Path(folder).expanduser() if folder else remembered_folder(review)
        if folder is None:
            raise ReviewError(f"No team folder is set for {path.name}; name one: "
                              f"reviewtool sync {path.name} FOLDER.")
        name = " ".join((reviewer or review.owner).split())
        if not name:
            raise ReviewError(f"{path.name} has no reviewer name; give one with --reviewer.")
        review_id, remembered = review.review_id, review.local(FOLDER_KEY)
        seen, published = load_seen(review), load_published(review)
    report = SyncReport(folder, ids.reviewer_id(name))
    review_folder = _review_folder(path, folder, review_id)
    own = snapshot_name(report.reviewer_id)
    temp = reserve_temporary(review_folder, own)
    try:
        try:
            entries = candidates(review_folder)
        except OSError as error:
            raise folder_problem(folder, error) from None
        changed = _take_in(path, name, report, entries, seen, published.get(own))
        with ReviewFile.open(path, readonly=True) as review:
            published_now = _publish_own(review, temp, review_folder / own, published.get(own))
    finally:
        temp.unlink(missing_ok=True)
    report.review_folder = review_folder
    report.listing = {entry.name: (entry.size, entry.mtime_ns) for entry in entries}
    if published_now:
        published[own] = published_now
        report.published = True
        report.listing[own] = (published_now["size"], published_now["mtime_ns"])
    if changed or published_now or remembered != str(folder):
        with ReviewFile.open(path) as review, review.transaction():
            store_seen(review, seen)
            store_published(review, published)
            review.set_local(FOLDER_KEY, str(folder))
    report.finished = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    return report


def _review_folder(path: Path, folder: Path, review_id: str) -> Path:
    if not folder.is_dir():
        raise ReviewError(f"The team folder {folder} is not there; connect its drive or start "
                          "its sync service, or choose the folder again, then sync.")
    if path.resolve().is_relative_to(folder.resolve()):
        raise ReviewError(f"{path} is inside the team folder {folder}; keep your working file "
                          "outside it (the folder holds snapshots only), then sync from there.")
    review_folder = folder / review_id
    if not review_folder.is_dir():
        try:
            review_folder.mkdir()
        except FileExistsError:
            raise ReviewError(f"{review_folder} is a file, not a folder; move it away and "
                              "sync again.") from None
        except OSError as error:
            raise folder_problem(folder, error) from None
    return review_folder


def _take_in(path: Path, reviewer: str, report: SyncReport, entries: list[Entry],
             seen: dict[str, Fingerprint], own_published: dict | None) -> bool:
    """Merge each snapshot that changed since it was last merged, updating `seen` (the
    fingerprints, for present files only) and, when one's own snapshot was only touched,
    `own_published`; True if either changed."""
    before = dict(seen)
    touched = False
    teammates = set()
    own = snapshot_name(report.reviewer_id)
    for entry in entries:
        if entry.reviewer_id not in (None, report.reviewer_id):
            teammates.add(entry.reviewer_id)
        try:
            touched |= _take_one(path, reviewer, report, entry, seen,
                                 own_published if entry.name == own else None)
        except OSError as error:  # vanished, locked or unreadable since it was listed
            report.notes.append(f"{entry.name} could not be read this time "
                                f"({error.strerror or error}); it is tried again at the next sync.")
    report.teammates = len(teammates)
    present = {entry.name for entry in entries}
    for name in [name for name in seen if name not in present]:
        del seen[name]
    return touched or seen != before


def _take_one(path: Path, reviewer: str, report: SyncReport, entry: Entry,
              seen: dict[str, Fingerprint], own_published: dict | None) -> bool:
    """Merge one snapshot if it changed; True if it is one's own snapshot, only touched."""
    if own_published:
        if _as_published(own_published, entry):
            return False  # our own snapshot, as this copy wrote it
        if incomplete(entry) is None and file_sha256(entry.path) == own_published.get("sha256"):
            own_published.update(size=entry.size, mtime_ns=entry.mtime_ns)
            return True  # only touched (a sync service re-downloading it)
    waiting = incomplete(entry)
    if waiting:
        report.notes.append(f"{entry.name} was skipped this time: {waiting}; it is taken "
                            "at a later sync, once complete.")
        return False
    known = seen.get(entry.name)
    if known is None or not known.same_stat(entry):
        digest = file_sha256(entry.path)
        if known is not None and known.sha256 == digest:
            known = seen[entry.name] = replace(known, size=entry.size, mtime_ns=entry.mtime_ns)
        else:
            known = seen[entry.name] = _merge(path, reviewer, entry, digest, report)
    if known.refusal:
        report.notes.append(known.refusal)
    return False


def _merge(path: Path, reviewer: str, entry: Entry, digest: str,
           report: SyncReport) -> Fingerprint:
    refusal = ""
    try:
        report.merged += merge_files(path, [entry.path], snapshot=False, reviewer=reviewer)
    except ForeignReview:
        refusal = (f"{entry.name} was ignored: it is a snapshot of another review; whoever put "
                   "it there can move it to that review's folder.")
    except MergeRefused as error:
        refusal = str(error)
    return Fingerprint(entry.size, entry.mtime_ns, digest, refusal)


def _as_published(published: dict | None, entry: Entry) -> bool:
    return bool(published) and (published.get("size"), published.get("mtime_ns")) == (
        entry.size, entry.mtime_ns)


def _publish_own(review: ReviewFile, temp: Path, snapshot: Path,
                 last: dict | None) -> dict | None:
    """Publish unless the snapshot in the folder is the one this copy last wrote and the
    working file has nothing new since; returns what to remember of it, if published."""
    mark = watermark(review)
    try:
        stat = snapshot.stat()
        current = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        current = None
    if last and last.get("watermark") == mark and current == (last.get("size"),
                                                             last.get("mtime_ns")):
        return None
    stat, digest = publish(review, temp, snapshot)
    return {"watermark": mark, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
            "sha256": digest}
