"""The team folder: each reviewer publishes a snapshot of their working file into a shared
folder (any sync service, a network drive, a USB stick) and merges everyone else's.

Layout of the shared folder: `FOLDER/<review id>/<reviewer id>.review`, one snapshot per
reviewer, each written whole by its owner only (sync.py). Whatever else a sync service
leaves there (conflicted copies, temporary and lock files, placeholders, half-copied
snapshots) is sorted by entries.py; unchanged snapshots are skipped by fingerprint
(fingerprints.py).
"""

from reviewtool.core.team.folder.sync import SyncReport, remembered_folder, sync_folder

__all__ = ["SyncReport", "remembered_folder", "sync_folder"]
