"""Merging review files: the set union of their versions, then a rebuild of what changed.

Properties (tests/property/test_merge_algebra.py): idempotent; commutative and associative
(any order gives the same canonical export); nothing lost (every version survives; a field
edited concurrently keeps both values as a conflict); deletions are versions too; and the
target changes in one transaction after every source has been verified, so a bad source
leaves it byte-identical.

Raw SQL on ATTACHed sources, not sqlite-utils: the union is one INSERT OR IGNORE … SELECT
per table inside SQLite, where copying rows through Python would be many times slower.
"""

import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from reviewtool.core.store import clock, ids
from reviewtool.core.store.changes import ensure_reviewer
from reviewtool.core.errors import ForeignReview, MergeRefused, ReviewError
from reviewtool.core.forms import load_form_text
from reviewtool.core.store.leftovers import clean_temp_folders, private_folder
from reviewtool.core.store.reviewfile import (
    ReviewFile,
    check_identity,
    connect,
    copy_review_file,
    read_header,
    save_copy,
)
from reviewtool.core.store.state import derive, set_affected
from reviewtool.core.store.untrusted import UntrustedCopy, VerifiedSources
from reviewtool.core.team.incoming_values import check_values
from reviewtool.core.wording import counted

Accept = Callable[[UntrustedCopy], UntrustedCopy]  # returns the copy, or raises MergeRefused


@dataclass
class MergeSummary:
    source: str
    documents: int = 0
    claims: int = 0
    appraisals: int = 0
    other_records: int = 0
    edits: int = 0
    versions: int = 0
    conflicts: int = 0

    def __str__(self) -> str:
        if not self.versions:
            return f"{self.source}: nothing new"
        return (f"{self.source}: {counted(self.documents, 'document')}, "
                f"{counted(self.claims, 'claim')}, {counted(self.appraisals, 'appraisal')}, "
                f"{counted(self.edits, 'edit')}, {counted(self.conflicts, 'new conflict')} "
                f"({counted(self.versions, 'version')})")

    def as_json(self) -> dict:
        return asdict(self)


def merge_files(target_path: Path, sources: list[Path], *, dry_run: bool = False,
                force: bool = False, reviewer: str | None = None,
                snapshot: bool = True) -> list[MergeSummary]:
    """Merge `sources` into the review file at `target_path`.

    Sources are verified in the background while the first ones are merged; every source
    has been verified and accepted before anything is committed. With `dry_run` the merge
    runs on a private copy of the target and the target is not touched.
    """
    target_path = Path(target_path)
    check_identity(target_path, *read_header(target_path))
    clean_temp_folders()
    for source in sources:
        if Path(source).resolve() == target_path.resolve():
            raise MergeRefused(f"{source} is the target itself; name the files to merge into it.")
    target_id = _review_id(target_path)

    def accept(copy: UntrustedCopy) -> UntrustedCopy:
        if copy.review_id != target_id and not force:
            raise ForeignReview(
                f"{copy.source} belongs to a different review ({copy.review_id}, not "
                f"{target_id}); merge it anyway with --force if that is intended.")
        return copy

    with VerifiedSources([Path(source) for source in sources], check_values) as verified:
        if dry_run:
            with _private_copy(target_path) as scratch, ReviewFile.open(scratch, wal=False) as copy:
                return _merge_into(copy, verified, accept, reviewer)
        _refuse_read_only(target_path)
        with ReviewFile.open(target_path, wal=False) as target:
            pending = take_snapshot(target) if snapshot else None
            try:
                if len(verified) <= _per_transaction(target.conn):
                    summaries = _merge_into(target, verified, accept, reviewer)
                else:
                    summaries = _merge_through_copy(target, verified, accept, reviewer)
            except BaseException:
                if pending:
                    pending.unlink(missing_ok=True)
                raise
            if pending and pending.exists():  # (another process's open may have settled it)
                pending.replace(target_path.with_name(target_path.name + ".before-merge"))
            return summaries


def _review_id(path: Path) -> str:
    conn = connect(path, readonly=True)
    try:
        return conn.execute("SELECT review_id FROM review").fetchone()[0]
    finally:
        conn.close()


def _refuse_read_only(path: Path) -> None:
    if not path.stat().st_mode & 0o222:
        raise ReviewError(f"{path} is read-only; make it writable (chmod u+w) and merge again.")


@contextmanager
def _private_copy(path: Path) -> Iterator[Path]:
    """A copy of the review file at `path` in a private folder, removed afterwards."""
    folder = private_folder("merge-target")
    try:
        scratch = folder / path.name
        copy_review_file(path, scratch)
        yield scratch
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _merge_through_copy(target: ReviewFile, verified: VerifiedSources, accept: Accept,
                        reviewer: str | None) -> list[MergeSummary]:
    """More sources than one transaction can attach: merge them all into a private copy of
    the target, then merge that copy into the target in one transaction, as one more source.
    Merging is a set union, so whatever was written to the target meanwhile (a `set` in
    another window) stays; and a source refused late leaves the target as it was."""
    with _private_copy(target.path) as scratch:
        with ReviewFile.open(scratch, wal=False) as copy:
            summaries = _merge_into(copy, verified, accept, reviewer)
            review_id = copy.review_id
        union = _Ready([UntrustedCopy(target.path, scratch, review_id, scratch.parent)])
        _merge_into(target, union, lambda ready: ready, reviewer, log=False)
    return summaries


class _Ready(list):
    """Copies already verified (reviewtool's own merge of verified sources), handed to
    `_merge_into` where it takes VerifiedSources."""

    def all(self) -> list[UntrustedCopy]:
        return list(self)


def _per_transaction(conn: sqlite3.Connection) -> int:
    """As many sources per transaction as SQLite lets one connection attach."""
    return conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)


def take_snapshot(target: ReviewFile) -> Path:
    """A copy of the target as it is now; kept beside it as FILE.before-merge if the merge
    succeeds (replacing the previous one), removed if it fails."""
    temp = target.path.with_name(target.path.name + ".before-merge.tmp")
    temp.unlink(missing_ok=True)
    save_copy(target.conn, temp)
    # On disk before the merge commits: a merge killed after its commit leaves this copy,
    # which the next open puts in place (store/leftovers.py).
    with open(temp, "rb") as handle:
        os.fsync(handle.fileno())
    return temp


def _merge_into(target: ReviewFile, verified: VerifiedSources, accept: Accept,
                reviewer: str | None, *, log: bool = True) -> list[MergeSummary]:
    conn = target.conn
    conn.execute("PRAGMA trusted_schema = OFF")
    # The merge checks reviewers and parents itself (_check_incoming) and says which file is
    # wrong; a foreign-key error in the middle of an insert could not.
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    per_transaction = _per_transaction(conn)
    # Which source brought the versions up to each rowid, to name it in a refusal.
    conn.execute("DROP TABLE IF EXISTS temp.merged_sources")
    conn.execute("CREATE TEMP TABLE merged_sources (up_to INTEGER, name TEXT)")
    summaries = []
    try:
        for start in range(0, len(verified), per_transaction):
            indices = range(start, min(start + per_transaction, len(verified)))
            summaries += _merge_group(target, verified, indices, accept, reviewer, log)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
    return summaries


def _merge_group(target: ReviewFile, verified: VerifiedSources, indices: range, accept: Accept,
                 reviewer: str | None, log: bool) -> list[MergeSummary]:
    conn = target.conn
    names = []
    try:
        with target.transaction():
            author = ensure_reviewer(target, " ".join((reviewer or target.owner).split()))
            conn.execute("DROP TABLE IF EXISTS temp.touched")
            # Each record the group's sources touch; for one the target did not hold before
            # (fresh), the span of all its versions, as state.derive takes it.
            conn.execute("""CREATE TEMP TABLE touched (record_id TEXT PRIMARY KEY, several INTEGER,
                fresh INTEGER, entity TEXT, first TEXT, last TEXT, author TEXT, other_author TEXT)""")
            summaries = []
            for index in indices:
                copy = accept(verified[index])
                names.append(f"src{len(names)}")
                conn.execute("ATTACH DATABASE ? AS " + names[-1], (str(copy.path),))
                summaries.append(_merge_one(target, names[-1], copy, author, log))
            # Heads were advanced source by source; everything above them is rebuilt once.
            set_affected(conn, "SELECT record_id FROM temp.touched")
            derive(conn, several_heads="SELECT record_id FROM temp.touched WHERE several",
                   record_spans="""SELECT record_id, entity, first, last, author, other_author
                                   FROM temp.touched WHERE fresh""")
            conn.execute("DROP TABLE temp.touched")
            # Nothing is committed before every source, in this group or later, is accepted.
            for copy in verified.all():
                accept(copy)
        return summaries
    finally:
        for name in names:
            conn.execute("DETACH DATABASE " + name)


def _merge_one(target: ReviewFile, src: str, copy: UntrustedCopy, author: str,
               log: bool = True) -> MergeSummary:
    """Add one attached source's history to the target and advance the heads; `log` records
    the merge in the merge log (not for a private copy that already logs its sources).

    Its new versions are inserted straight into main.versions (the source was verified, and
    any refusal below rolls the whole transaction back); they are the rows after `before`,
    which the temp view `incoming` names."""
    conn = target.conn
    refuse = lambda reason: MergeRefused(f"{copy.source} cannot be merged: {reason}.")  # noqa: E731
    summary = MergeSummary(copy.source.name)

    conn.execute(f"INSERT OR IGNORE INTO main.reviewers (reviewer_id, name, created) "
                 f"SELECT reviewer_id, name, created FROM {src}.reviewers")
    _merge_forms(conn, src, refuse)
    _merge_contents(conn, src, refuse)

    before = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM main.versions").fetchone()[0])
    _refuse_forged_versions(conn, src, target.path, copy.source)
    summary.versions = conn.execute(f"""INSERT OR IGNORE INTO main.versions
        (version_id, record_id, entity, field, value, author_id, hlc, change_id)
        SELECT version_id, record_id, entity, field, value, author_id, hlc, change_id
        FROM {src}.versions""").rowcount
    conn.execute("INSERT INTO temp.merged_sources VALUES (?, ?)",
                 (conn.execute("SELECT coalesce(max(rowid), 0) FROM main.versions").fetchone()[0],
                  str(copy.source)))
    if not summary.versions:
        return summary
    conn.execute("DROP VIEW IF EXISTS temp.incoming")
    conn.execute(f"CREATE TEMP VIEW incoming AS SELECT * FROM main.versions WHERE rowid > {before}")
    _collect_incoming(conn, src, before)
    _check_incoming(conn, before, refuse)

    counts = dict(conn.execute("SELECT entity, count(*) FROM temp.incoming_records "
                               "WHERE new GROUP BY entity").fetchall())
    summary.documents = counts.pop("document", 0)
    summary.claims = counts.pop("claim", 0)
    summary.appraisals = counts.pop("appraisal", 0)
    summary.other_records = sum(counts.values())
    summary.edits = conn.execute("SELECT coalesce(sum(versions), 0) FROM temp.incoming_records "
                                 "WHERE NOT new").fetchone()[0]
    # Records new to the target have no heads yet, so only the others can hold conflicts now.
    conflicted_before = _conflicted_fields(conn, "WHERE NOT new")

    conn.execute("""INSERT OR IGNORE INTO main.version_parents (version_id, parent_id)
        SELECT version_id, parent_id FROM temp.incoming_parents""")
    conn.execute(f"INSERT OR IGNORE INTO main.merges SELECT merge_id, merged_at, reviewer_id, "
                 f"source_name, source_review_id, summary FROM {src}.merges")
    _advance_heads(conn)
    # A field can have several heads (and be in conflict) only in a record the target held
    # before, or one that brought several versions of a field.
    summary.conflicts = max(0, _conflicted_fields(conn, f"WHERE {_SEVERAL}") - conflicted_before)
    conn.execute(f"""INSERT INTO temp.touched (record_id, several, fresh, entity, first, last,
                                               author, other_author)
        SELECT record_id, {_SEVERAL}, new, entity, first, last, author, other_author
        FROM temp.incoming_records WHERE true
        ON CONFLICT (record_id) DO UPDATE SET several = several OR excluded.several,
            first = min(first, excluded.first), last = max(last, excluded.last),
            author = min(author, excluded.author),
            other_author = max(other_author, excluded.other_author)""")

    newest = conn.execute(f"SELECT hlc FROM temp.incoming ORDER BY {clock.sql_key('hlc')} DESC "
                          "LIMIT 1").fetchone()[0]
    stored = target.local("clock")
    merged_clock = clock.receive(clock.Stamp.parse(stored) if stored else None,
                                 clock.Stamp.parse(newest))
    target.set_local("clock", str(merged_clock))
    if log:
        conn.execute("INSERT INTO main.merges VALUES (?, ?, ?, ?, ?, ?)",
                     (ids.uuid7(), clock.tick(None).iso, author, copy.source.name,
                      copy.review_id, json.dumps(summary.as_json(), sort_keys=True)))
    conn.execute("DROP VIEW temp.incoming")
    conn.execute("DROP TABLE temp.incoming_records")
    conn.execute("DROP TABLE temp.incoming_parents")
    return summary


_SEVERAL = "(NOT new OR versions > fields)"  # over temp.incoming_records


def _collect_incoming(conn: sqlite3.Connection, src: str, before: int) -> None:
    """temp.incoming_records: each record the new versions touch, with its entity (and the
    largest one, to catch a record of two kinds), its numbers of new versions and of fields
    they set, their first and last stamps and smallest and largest author, and whether the
    target held no version of it before. temp.incoming_parents: the new versions'
    links to the versions they replace, with the new version's record and field."""
    conn.execute("DROP TABLE IF EXISTS temp.incoming_records")
    conn.execute(f"""CREATE TEMP TABLE incoming_records AS
        SELECT i.record_id, min(i.entity) AS entity, max(i.entity) AS other_entity,
               count(*) AS versions, count(DISTINCT i.field) AS fields,
               min(i.hlc) AS first, max(i.hlc) AS last,
               min(i.author_id) AS author, max(i.author_id) AS other_author,
               NOT EXISTS (SELECT 1 FROM main.versions m
                           WHERE m.record_id = i.record_id AND m.rowid <= {before}) AS new
        FROM temp.incoming i GROUP BY i.record_id""")
    conn.execute("CREATE UNIQUE INDEX temp.incoming_records_id ON incoming_records (record_id)")
    conn.execute("DROP TABLE IF EXISTS temp.incoming_parents")
    # Driven by the source's links (few: only edits have parents), each looked up by id.
    conn.execute(f"""CREATE TEMP TABLE incoming_parents AS
        SELECT p.version_id, p.parent_id, i.record_id, i.field, i.hlc
        FROM {src}.version_parents p CROSS JOIN main.versions i
        WHERE i.version_id = p.version_id AND i.rowid > {before}""")
    conn.execute("CREATE INDEX temp.incoming_parents_parent ON incoming_parents (parent_id)")


def _refuse_forged_versions(conn: sqlite3.Connection, src: str, target: Path,
                            source: Path) -> None:
    """A version id names one immutable version: the same id with other content is a forgery
    or damage, and keeping either would let the merge order decide (breaking commutativity)."""
    clash = conn.execute(f"""SELECT s.version_id, m.rowid FROM {src}.versions s
        JOIN main.versions m ON m.version_id = s.version_id
        WHERE m.record_id IS NOT s.record_id OR m.entity IS NOT s.entity
           OR m.field IS NOT s.field OR m.value IS NOT s.value OR m.author_id IS NOT s.author_id
           OR m.hlc IS NOT s.hlc OR m.change_id IS NOT s.change_id LIMIT 1""").fetchone()
    if clash is None:
        return
    earlier = conn.execute("SELECT name FROM temp.merged_sources WHERE up_to >= ? "
                           "ORDER BY up_to LIMIT 1", (clash[1],)).fetchone()
    other = earlier[0] if earlier else str(target)
    raise MergeRefused(f"{source} cannot be merged: its version {clash[0]} has other content "
                       f"than the version with the same id in {other}; one of the two files "
                       "was altered, so ask their authors which is genuine.")


def _advance_heads(conn: sqlite3.Connection) -> None:
    """Heads after adding the incoming versions: the versions they replace stop being heads,
    and those that nothing replaces become heads. (Target versions never name an incoming
    version as parent: every parent is present when a version is written or merged.)"""
    conn.execute("""DELETE FROM heads WHERE (record_id, field, version_id) IN (
        SELECT record_id, field, parent_id FROM temp.incoming_parents)""")
    conn.execute("""INSERT INTO heads (record_id, field, version_id, value)
        SELECT i.record_id, i.field, i.version_id, i.value FROM temp.incoming i
        WHERE NOT EXISTS (SELECT 1 FROM temp.incoming_parents p WHERE p.parent_id = i.version_id)""")


def _conflicted_fields(conn: sqlite3.Connection, which: str) -> int:
    """Fields with heads of more than one value, among the incoming records `which` selects."""
    return conn.execute(f"""SELECT count(*) FROM (SELECT 1 FROM heads
        WHERE record_id IN (SELECT record_id FROM temp.incoming_records {which})
          AND substr(field, 1, 2) <> '__'  -- bookkeeping fields are no conflict (state.py)
        GROUP BY record_id, field HAVING count(DISTINCT value) > 1)""").fetchone()[0]


def _merge_forms(conn: sqlite3.Connection, src: str, refuse) -> None:
    clash = conn.execute(f"""SELECT s.form_id, s.version FROM {src}.forms s
        JOIN main.forms m ON m.form_id = s.form_id AND m.version = s.version
        WHERE m.sha256 <> s.sha256 LIMIT 1""").fetchone()
    if clash:
        raise refuse(f"its form '{clash[0]}' version {clash[1]} differs from this review's; "
                     "one of the two must be given a new version number")
    for form_id, version, definition, digest in conn.execute(f"""
            SELECT form_id, version, definition, sha256 FROM {src}.forms s WHERE NOT EXISTS
            (SELECT 1 FROM main.forms m WHERE m.form_id = s.form_id AND m.version = s.version)"""
            ).fetchall():
        if hashlib.sha256(definition.encode("utf-8")).hexdigest() != digest:
            raise refuse(f"its form '{form_id}' does not match its checksum")
        try:
            form = load_form_text(definition, f"form {form_id}")
        except ReviewError as error:
            raise refuse(f"its form '{form_id}' is broken ({error})") from None
        if (form.id, form.version) != (form_id, version):
            raise refuse(f"its form '{form_id}' is stored under the wrong id or version")
    conn.execute(f"INSERT OR IGNORE INTO main.forms (form_id, version, definition, sha256, added) "
                 f"SELECT form_id, version, definition, sha256, added FROM {src}.forms")


def _merge_contents(conn: sqlite3.Connection, src: str, refuse) -> None:
    new = conn.execute(f"""SELECT sha256, text FROM {src}.contents s
        WHERE NOT EXISTS (SELECT 1 FROM main.contents m WHERE m.sha256 = s.sha256)""").fetchall()
    for digest, text in new:
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            raise refuse("a document's text does not match its SHA-256")
    conn.execute(f"""INSERT OR IGNORE INTO main.contents (sha256, text, page_starts, media_type,
                     original_name, original)
        SELECT sha256, text, page_starts, media_type, original_name, original FROM {src}.contents""")


def _check_incoming(conn: sqlite3.Connection, before: int, refuse) -> None:
    """The history must be well formed, or it could hide values already in the target.
    (Each version on its own was checked with the source: untrusted._check_versions.)"""
    checks = [
        ("""SELECT 1 FROM temp.incoming_parents p
             LEFT JOIN main.versions m ON m.version_id = p.parent_id
             WHERE m.record_id IS NULL OR m.record_id <> p.record_id OR m.field <> p.field
             LIMIT 1""",
         "its history links versions of different fields, or names versions it does not hold"),
        # A version always sorts after the versions it replaces; this also rules out cycles,
        # which would hide every value of a field.
        (f"""SELECT 1 FROM temp.incoming_parents p JOIN main.versions m ON m.version_id = p.parent_id
             WHERE {clock.sql_key("m.hlc")} >= {clock.sql_key("p.hlc")} LIMIT 1""",
         "its history has a version older than the version it replaces"),
        # Against every version already in the target, including those of sources merged
        # earlier in this transaction (records is rebuilt only at its end).
        (f"""SELECT 1 FROM temp.incoming_records g WHERE g.entity <> g.other_entity
             OR (NOT g.new AND EXISTS (SELECT 1 FROM main.versions m WHERE m.record_id = g.record_id
                                       AND m.rowid <= {before} AND m.entity <> g.entity))
             LIMIT 1""",
         "a record changes its kind"),
    ]
    for sql, reason in checks:
        if conn.execute(sql).fetchone():
            raise refuse(reason)
