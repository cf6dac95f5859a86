"""Draws the app icon (gui/icons.py) into the image files installers need: PNGs at the
freedesktop sizes, a Windows .ico; macOS's .icns is made from the PNGs by `iconutil`.

Usage: QT_QPA_PLATFORM=offscreen python packaging/icons.py FOLDER
"""

import sys
from pathlib import Path

from reviewtool.gui.app import create_application
from reviewtool.gui.icons import draw_app_icon

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def write(folder: Path) -> None:
    create_application()
    folder.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw_app_icon(size).save(str(folder / f"reviewtool-{size}.png"))
    # Windows takes the largest image of an .ico for its big views.
    if not draw_app_icon(256).save(str(folder / "reviewtool.ico")):
        print("note: this Qt cannot write .ico files; the Windows build makes one itself",
              file=sys.stderr)


if __name__ == "__main__":
    write(Path(sys.argv[1]))
