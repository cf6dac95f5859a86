"""The fault-injection suite: kill -9 at random points, full disks, fuzzed teammates' files.

Fast by default (a few points each); REVIEWTOOL_LONG_FAULTS=1 runs many more."""

import os

LONG = os.environ.get("REVIEWTOOL_LONG_FAULTS") == "1"


def points(fast: int, long: int) -> int:
    return long if LONG else fast
