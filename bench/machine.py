"""What every benchmark prints about the machine while it measures."""

import os


def machine_load(when: str) -> str:
    """The 1-minute load average; figures taken while other processes run are inflated."""
    load = os.getloadavg()[0]
    note = (f" (busy: other processes use the {os.cpu_count()} cores, figures are inflated)"
            if load > 0.8 * (os.cpu_count() or 1) else "")
    return f"load average {when}: {load:.2f}{note}"
