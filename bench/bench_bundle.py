"""The desktop bundle: its size on disk and as an archive, and how long the app takes from
launch to its first window, against the same app started from an installed Python.

    python bench/bench_bundle.py [BUNDLE] [--runs 5] [--display :13]

BUNDLE is the folder scripts/build-desktop.sh printed (default dist/reviewtool-desktop).
The first window is timed on a real X server (Xvfb, started on --display) as the moment
the X server shows it (polled with `xdotool search --onlyvisible` every 10 ms); without Xvfb
and xdotool, offscreen, as the moment the app logs "main window shown". Also timed: `--version` (the command line's
start-up). Targets: bundle under 350 MB (archive under 150 MB), first window under 3 s.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_load  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def first_window(command: list[str], env: dict, display: str | None, log: Path) -> float:
    """Seconds from launching `command` to its first window; the app is then closed."""
    log.unlink(missing_ok=True)
    start = time.perf_counter()
    app = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = start + 60
        while not shown(app.pid, env, display, log):
            if time.perf_counter() > deadline or app.poll() is not None:
                raise RuntimeError(f"{command[0]} showed no window")
            time.sleep(0.01)  # (xdotool's own --sync polls only every 0.5 s)
        return time.perf_counter() - start
    finally:
        app.terminate()
        app.wait(timeout=30)


def shown(pid: int, env: dict, display: str | None, log: Path) -> bool:
    if display:
        return subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                              env={**env, "DISPLAY": display}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0
    return "main window shown" in (log.read_text() if log.exists() else "")


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "reviewtool-desktop")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--display", default=":13")
    args = parser.parse_args()
    exe = args.bundle / "reviewtool-desktop"
    if not exe.exists():
        sys.exit(f"{exe} is missing; build it with: sh scripts/build-desktop.sh")
    print(machine_load("before"))

    size, count = folder_size(args.bundle)
    print(f"bundle folder: {size / 1e6:.0f} MB in {count:,} files ({args.bundle})")
    qt = folder_size(args.bundle / "_internal" / "PySide6")[0]
    print(f"  of which Qt and PySide6: {qt / 1e6:.0f} MB")
    for archive in sorted(args.bundle.parent.glob("reviewtool-desktop-*.tar.gz")):
        print(f"archive: {archive.stat().st_size / 1e6:.0f} MB ({archive.name})")

    work = Path(tempfile.mkdtemp(prefix="reviewtool-bench-bundle-"))
    xvfb = None
    display = None
    if shutil.which("Xvfb") and shutil.which("xdotool"):
        display = args.display
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
    try:
        (work / "config" / "reviewtool").mkdir(parents=True)
        (work / "config" / "reviewtool" / "reviewtool.conf").write_text(
            "[reviewer]\nname=Amara Okafor\n", encoding="utf-8")
        env = {"HOME": str(work), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
               "XDG_CONFIG_HOME": str(work / "config"), "XDG_DATA_HOME": str(work / "data")}
        env.update({"DISPLAY": display} if display else {"QT_QPA_PLATFORM": "offscreen"})
        log = work / "data" / "reviewtool" / "reviewtool" / "reviewtool.log"
        subprocess.run([str(exe), "demo", str(work / "demo")], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        review = str(work / "demo" / "team.review")
        source_env = {**env, "PYTHONPATH": str(ROOT)}
        how = (f"on X ({display}, until xdotool sees it mapped)" if display
               else "offscreen (until the app logs 'main window shown')")
        print(f"start-up to the first window {how}, median of {args.runs} "
              "(after one warm-up run):")
        for label, command, run_env in (
                ("bundle", [str(exe), "gui", review], env),
                ("installed Python", [sys.executable, "-m", "reviewtool", "gui", review], source_env)):
            first_window(command, run_env, display, log)  # warm the file cache
            times = [first_window(command, run_env, display, log) for _ in range(args.runs)]
            print(f"  {label:17} {statistics.median(times):.2f} s "
                  f"(range {min(times):.2f}–{max(times):.2f} s), opening the demo review")
        for label, command, run_env in (
                ("bundle", [str(exe), "--version"], env),
                ("installed Python", [sys.executable, "-m", "reviewtool", "--version"], source_env)):
            times = [timed(command, run_env) for _ in range(args.runs)]
            print(f"  --version, {label:17} {statistics.median(times):.2f} s")
    finally:
        if xvfb:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(machine_load("after"))


if __name__ == "__main__":
    main()
