"""Writes the desktop bundle's build facts and licence texts into a folder (build/bundle-info),
which the PyInstaller configuration places at reviewtool/_data/bundle.

Run with the Python the bundle is built from: the components are the distributions installed
there that reviewtool needs at run time. Usage: python packaging/bundle_info.py FOLDER
"""

import json
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from reviewtool import __version__
from reviewtool.build_info import as_json, installed_components, today

QT_NOTE = """Qt and PySide6 are used under the GNU Lesser General Public License v3 (LGPL-3.0).
In this bundle they are separate shared libraries (the libQt6*, libpyside6* and shiboken6
files and the PySide6 folder inside _internal); you may replace them with versions of your own
built from the Qt and PySide6 sources (https://download.qt.io/official_releases/), and the
application will load them. The licence texts follow in this folder.
"""


# Required by a dependency but not in the bundle: sqlite-utils names pip for its own
# `install` command, which reviewtool never runs (and the PyInstaller configuration excludes).
NOT_BUNDLED = {"pip"}


def write(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "licenses").mkdir(parents=True)
    listed = []
    for component in installed_components():
        if component.name in NOT_BUNDLED:
            continue
        texts = []
        for number, source in enumerate(component.texts, 1):
            name = f"{component.name}/{number}-{Path(source).name}"
            (folder / "licenses" / name).parent.mkdir(exist_ok=True)
            shutil.copyfile(source, folder / "licenses" / name)
            texts.append(name)
        listed.append({**as_json([component])[0], "texts": texts})
    (folder / "licenses" / "QT-LGPL-NOTE.txt").write_text(QT_NOTE, encoding="utf-8")
    (folder / "components.json").write_text(json.dumps(listed, indent=1), encoding="utf-8")
    facts = {"version": __version__, "date": today(), "commit": _commit(),
             "python": platform.python_version(), "platform": f"{sys.platform}-{platform.machine()}"}
    (folder / "build.json").write_text(json.dumps(facts, indent=1), encoding="utf-8")


def _commit() -> str:
    try:
        # "-dirty" when the bundle holds changes not yet committed
        return subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    write(Path(sys.argv[1]))
