"""Real file-system conditions for tests: a small disk that fills up, a read-only file, a
read-only folder. They use tmpfs and bind mounts where the machine allows mounting (root in a
container or on CI); otherwise, without root, plain permissions; else the test is skipped."""

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"this machine does not allow mounting ({done.stderr.strip()})")


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


def _is_root() -> bool:
    return os.geteuid() == 0


@contextlib.contextmanager
def small_disk(folder: Path, size_kb: int) -> Iterator[Path]:
    """`folder` as a tmpfs of `size_kb` KiB (needs root)."""
    if not _is_root():
        pytest.skip("a small disk needs root to mount a tmpfs")
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _umount(folder)


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Write a filler file until the disk holding `folder` has at most `leave_bytes` free."""
    filler = folder / "filler"
    with filler.open("ab") as handle:
        while True:
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            if free <= leave_bytes:
                break
            try:
                handle.write(b"\0" * min(65536, max(1, free - leave_bytes)))
                handle.flush()
            except OSError:
                break
    return filler


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    """The file at `path` made read-only; its folder stays writable."""
    if not _is_root():
        path.chmod(0o444)
        try:
            yield path
        finally:
            path.chmod(0o644)
        return
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,ro,bind", str(path))
        yield path
    finally:
        _umount(path)


@contextlib.contextmanager
def read_only_folder(folder: Path, file_name: str) -> Iterator[Path]:
    """`folder` made read-only while the file `file_name` in it stays writable."""
    if not _is_root():
        folder.chmod(0o555)
        try:
            yield folder / file_name
        finally:
            folder.chmod(0o755)
        return
    # Root writes anywhere, so: the folder becomes a read-only tmpfs holding a mount point,
    # and the (writable) file is bind-mounted onto it from a folder beside it.
    keep = folder.with_name(folder.name + "-files")
    keep.mkdir()
    original = folder / file_name
    os.replace(original, keep / file_name)
    _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder))
    try:
        (folder / file_name).touch()
        _mount("-o", "remount,ro", str(folder))
        _mount("--bind", str(keep / file_name), str(folder / file_name))
        try:
            yield folder / file_name
        finally:
            _umount(folder / file_name)
    finally:
        _umount(folder)
        os.replace(keep / file_name, original)
