"""Hybrid logical clock (Kulkarni et al. 2014) stamps for versions.

A stamp is wall-clock milliseconds plus a counter, written as sortable text
"2026-11-23T15:32:01.123Z.0000". It never goes backwards in a file, and after a merge it is
ahead of every stamp merged in, so a later edit always sorts after what it replaced even when
teammates' laptop clocks disagree.

Ordering rule (docs/file-format.md): stamps order by their wall-clock part, then by the
counter as a number. The counter is written with four digits and never passes 9999: the
ten-thousandth event in one millisecond moves the stamp to the next millisecond, so stamps
written now also sort correctly as text. Older reviewtools let the counter grow to five
digits and more ("…Z.10010"); the rule keeps those files valid, and every comparison of
stamps in SQL goes through `sql_key`.
"""

import datetime as dt
import time
from dataclasses import dataclass

_FORMAT = "%Y-%m-%dT%H:%M:%S"
MAX_COUNTER = 9999
# How far ahead of this computer's clock a teammate's stamp may be (an honest clock is off
# by minutes; a stamp years ahead would drag every later edit there, see untrusted.py).
MAX_AHEAD_DAYS = 366
# The text form as an SQLite GLOB pattern, for checking stamps read from other files.
SQL_GLOB = ("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]."
            "[0-9][0-9][0-9]Z.[0-9]*")


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int

    def __str__(self) -> str:
        moment = dt.datetime.fromtimestamp(self.ms / 1000, dt.timezone.utc)
        return f"{moment.strftime(_FORMAT)}.{self.ms % 1000:03d}Z.{self.counter:04d}"

    @classmethod
    def parse(cls, text: str) -> "Stamp":
        moment, millis, counter = text[:19], text[20:23], text[25:]
        seconds = dt.datetime.strptime(moment, _FORMAT).replace(tzinfo=dt.timezone.utc).timestamp()
        return cls(int(seconds) * 1000 + int(millis), int(counter))

    @property
    def iso(self) -> str:
        """The wall-clock part, for display: 2026-11-23T15:32:01.123Z."""
        return str(self)[:24]


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def tick(last: Stamp | None, wall_ms: int | None = None) -> Stamp:
    """The next stamp for a local event."""
    wall = now_ms() if wall_ms is None else wall_ms
    if last is None or wall > last.ms:
        return Stamp(wall, 0)
    if last.counter >= MAX_COUNTER:  # carry into the milliseconds: the width stays four digits
        return Stamp(last.ms + 1, 0)
    return Stamp(last.ms, last.counter + 1)


def receive(last: Stamp | None, seen: Stamp) -> Stamp:
    """The clock after taking in stamps up to `seen` from another file."""
    if last is None or seen > last:
        return seen
    return last


def sql_key(column: str) -> str:
    """An SQL expression ordering the stamps in `column` by the rule: wall-clock text, then
    the counter as a number (padded, so that keys compare as text)."""
    return (f"(substr({column}, 1, 24) || printf('%012d', "
            f"CAST(substr({column}, 26) AS INTEGER)))")


def iso_of(stamp_text: str) -> str:
    return stamp_text[:24]
