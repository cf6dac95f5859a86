"""Writing: one user action = one `Change` = one transaction of immutable versions.

Every value a user sets becomes a row in `versions` whose parents are the versions it
replaces (the field's current heads). Nothing is updated in place; the current-state tables
are rebuilt from the versions of the records a change touched (see `state.rebuild`).
"""

import json
from typing import Any

from reviewtool.core import limits
from reviewtool.core.errors import InvalidInput, ReviewError
from reviewtool.core.store import clock, ids
from reviewtool.core.store.reviewfile import ReviewFile
from reviewtool.core.store.state import rebuild

DELETED = "_deleted"


def dump(value: Any) -> str:
    """Canonical JSON for a stored value, so equal values are equal text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Change:
    """Context manager: collects versions, writes them and rebuilds state in one transaction."""

    def __init__(self, review: ReviewFile, reviewer: str | None = None):
        self.review = review
        self.reviewer_name = " ".join((reviewer or review.owner).split())
        self.change_id = ids.uuid7()
        self._versions: list[tuple] = []
        self._parents: list[tuple[str, str]] = []
        self._heads: dict[str, dict[str, list[tuple[str, str]]]] = {}
        self._touched: dict[str, str] = {}
        self._transaction = None
        self._stamp: clock.Stamp | None = None
        self._written = 0

    def __enter__(self) -> "Change":
        if not self.reviewer_name:
            raise ReviewError("No reviewer name is set for this file; give one with --reviewer.")
        self._transaction = self.review.transaction()
        self._transaction.__enter__()
        self.author_id = ensure_reviewer(self.review, self.reviewer_name)
        stored = self.review.local("clock")
        self._stamp = clock.Stamp.parse(stored) if stored else None
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self.flush()
        except BaseException as error:
            self._transaction.__exit__(type(error), error, error.__traceback__)
            raise
        return bool(self._transaction.__exit__(exc_type, exc, tb))

    @property
    def changed(self) -> bool:
        return self._written > 0

    def set(self, entity: str, record_id: str, values: dict[str, Any], *,
            new: bool = False) -> int:
        """Record new values for fields of a record; returns how many actually changed.

        A value equal to the field's single current value writes nothing. `new=True` skips
        the look-up of current heads for a record that cannot exist yet.
        """
        heads = {} if new else self._current_heads(record_id)
        written = 0
        for field, value in values.items():
            text = dump(value)
            _check_size(entity, field, text)
            current = heads.get(field, [])
            if len(current) == 1 and current[0][1] == text:
                continue
            self._stamp = clock.tick(self._stamp)
            version_id = ids.uuid7()
            self._versions.append((version_id, record_id, entity, field, text, self.author_id,
                                   str(self._stamp), self.change_id))
            self._parents.extend((version_id, parent) for parent, _ in current)
            heads[field] = [(version_id, text)]
            written += 1
        self._heads[record_id] = heads
        self._touched[record_id] = entity
        return written

    def delete(self, entity: str, record_id: str) -> int:
        return self.set(entity, record_id, {DELETED: True})

    def restore(self, entity: str, record_id: str) -> int:
        return self.set(entity, record_id, {DELETED: False})

    def _current_heads(self, record_id: str) -> dict[str, list[tuple[str, str]]]:
        if record_id in self._heads:
            return self._heads[record_id]
        heads: dict[str, list[tuple[str, str]]] = {}
        rows = self.review.conn.execute(
            "SELECT field, version_id, value FROM heads WHERE record_id = ?",
            (record_id,))
        for field, version_id, value in rows:
            heads.setdefault(field, []).append((version_id, value))
        return heads

    def flush(self) -> None:
        """Write what is pending and rebuild state, so later reads in this change see it."""
        conn = self.review.conn
        if self._versions:
            conn.executemany("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             self._versions)
            conn.executemany("INSERT INTO version_parents VALUES (?, ?)", self._parents)
            self.review.set_local("clock", str(self._stamp))
            rebuild(conn, self._touched)
            self._written += len(self._versions)
        self._versions, self._parents = [], []
        self._heads, self._touched = {}, {}


def _check_size(entity: str, field: str, text: str) -> None:
    size = limits.utf8_size(text, limits.FIELD_VALUE)
    if size > limits.FIELD_VALUE:
        raise InvalidInput(
            f"The {entity}'s field '{field}' would hold {limits.size_text(size)}, more than the "
            f"{limits.size_text(limits.FIELD_VALUE)} a field can hold (teammates could not merge "
            "the file); shorten it, or keep the text in a document and quote it.")


def ensure_reviewer(review: ReviewFile, name: str) -> str:
    if limits.utf8_size(name, limits.SMALL) > limits.SMALL:
        raise ReviewError(f"A reviewer name of {len(name):,} characters is too long for a "
                          f"review file (at most {limits.size_text(limits.SMALL)}); use a "
                          "shorter name.")
    reviewer_id = ids.reviewer_id(name)
    review.conn.execute(
        "INSERT OR IGNORE INTO reviewers (reviewer_id, name, created) VALUES (?, ?, ?)",
        (reviewer_id, name, clock.tick(None).iso))
    return reviewer_id
