"""What the app remembers between runs: the reviewer's name, recent files, window layout.

Wraps a QSettings given by the caller, so tests (and the benchmark) pass a private INI file
and never touch the user's real settings.
"""

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "reviewtool"
APPLICATION = "reviewtool"
MAX_RECENT = 8


class Settings:
    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    # -- who is working ---------------------------------------------------------------------

    @property
    def reviewer(self) -> str:
        return " ".join(str(self.store.value("reviewer/name", "") or "").split())

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self.store.setValue("reviewer/name", " ".join(name.split()))
        self.store.sync()

    # -- recent files -----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self.store.value("recent/files", [])
        if isinstance(value, str):  # QSettings hands back a one-item list as a string
            value = [value]
        return [Path(item) for item in value or [] if item]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self.store.setValue("recent/files", [str(p) for p in files])
        self.store.sync()

    def forget_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != Path(path).resolve()]
        self.store.setValue("recent/files", [str(p) for p in files])

    # -- layout -----------------------------------------------------------------------------

    def state(self, key: str) -> QByteArray | None:
        value = self.store.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.store.setValue(f"layout/{key}", value)

    # -- an import stopped by quitting, told when its review is next opened -----------------

    def stopped_imports(self) -> dict[str, str]:
        try:
            value = json.loads(str(self.store.value("imports/stopped", "{}") or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def note_stopped_import(self, path: Path, note: str) -> None:
        notes = {**self.stopped_imports(), str(Path(path).resolve()): note}
        self.store.setValue("imports/stopped", json.dumps(notes))
        self.store.sync()

    def take_stopped_import(self, path: Path) -> str | None:
        notes = self.stopped_imports()
        note = notes.pop(str(Path(path).resolve()), None)
        if note is not None:
            self.store.setValue("imports/stopped", json.dumps(notes))
        return note

    def last_folder(self) -> str:
        return str(self.store.value("paths/last_folder", "") or "")

    def set_last_folder(self, folder: Path) -> None:
        self.store.setValue("paths/last_folder", str(folder))
