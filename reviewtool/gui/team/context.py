"""What the team windows share: the host window's open review (its Session, through which
every write goes and whose `changed` signal says what changed), and who is working."""

from pathlib import Path

from reviewtool.core.errors import ReviewError
from reviewtool.gui.session import Session


class TeamContext:
    def __init__(self, host):
        self.host = host  # anything with a `session` attribute: the Session or None

    def session(self) -> Session:
        """The open review; ReviewError when none is open."""
        session = self.host.session
        if session is None:
            raise ReviewError("No review file is open; open one first.")
        return session

    def path(self) -> Path | None:
        return self.host.session.path if self.host.session is not None else None

    def reviewer(self) -> str:
        return self.session().reviewer
