"""Running an extraction where a hostile file cannot take the whole machine.

A PDF of 31 KB can hold a page of millions of text operations, which the PDF library parses
into gigabytes before any of our code sees a character. So PDFs are read in a worker
process whose address space is capped (RLIMIT_AS) and whose time is bounded: a file that
needs more is refused with one sentence, and the import goes on with the next one. The
workers are forked from a small server process started once (multiprocessing's
"forkserver", with the PDF library already loaded), so each file costs a fork, not a new
interpreter, and nothing of the caller's threads (the app's) is copied into them.
"""

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from typing import Any

from reviewtool.core import limits
from reviewtool.core.errors import ImportRefused

TOO_MUCH_MEMORY = ("this file needs more than {cap} of memory to read (a page with millions of "
                   "drawing operations, or a damaged file); open it in a PDF viewer, save a new "
                   "copy or print it to PDF, and import that")
TOO_SLOW = ("reading this file took longer than {seconds} seconds (a page with millions of "
            "drawing operations, or a damaged file); open it in a PDF viewer, save a new copy "
            "or print it to PDF, and import that")

_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None


def run_bounded(work: Callable[[bytes], Any], data: bytes, *, preload: tuple[str, ...]) -> Any:
    """`work(data)` in a capped worker process; ImportRefused (raised by `work`, or when the
    caps are reached) comes back as ImportRefused. `work` must be a module-level function of
    a module in `preload` (the modules each worker starts with). Where processes cannot be capped (not POSIX) it runs here."""
    if os.name != "posix":
        return work(data)
    receiver, sender = _get_context(preload).Pipe(duplex=False)
    process = _get_context(preload).Process(
        target=_worker, args=(sender, work, data, limits.EXTRACTION_MEMORY), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(limits.EXTRACTION_SECONDS):
            raise ImportRefused(TOO_SLOW.format(seconds=limits.EXTRACTION_SECONDS))
        try:
            kind, payload = receiver.recv()
        except EOFError:  # the library gave up on a failed allocation: the worker is gone
            kind, payload = "memory", None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if kind == "memory":
        raise ImportRefused(TOO_MUCH_MEMORY.format(cap=limits.size_text(limits.EXTRACTION_MEMORY)))
    if kind == "refused":
        raise ImportRefused(payload)
    if kind == "bug":
        raise RuntimeError(f"reading the file failed in the worker process:\n{payload}")
    return payload


def _get_context(preload: tuple[str, ...]):
    global _context
    with _lock:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(list(preload))
        return _context


def _worker(sender, work, data: bytes, cap: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        message = ("ok", work(data))
    except ImportRefused as refusal:
        message = ("refused", str(refusal))
    except MemoryError:
        message = ("memory", None)
    except BaseException:  # noqa: BLE001 (a bug: its traceback goes to the caller)
        message = ("bug", traceback.format_exc())
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory", None))
    finally:
        sender.close()
