"""Fonts for every script in the app's widgets.

Qt draws a character the widget's font lacks with a system font that has it. The fonts the
report embeds (Noto Sans and Serif; Noto Sans Arabic, Hebrew, Devanagari, Thai, Armenian and
Georgian) are added to the application's fonts, so those scripts show even where the system
has no font for them; Chinese, Japanese and Korean come from the system's fonts (on Debian:
fonts-droid-fallback and fonts-nanum, which scripts/system-packages.sh installs).
"""

from PySide6.QtGui import QFontDatabase

from reviewtool.resources import data_dir


def add_script_fonts() -> list[str]:
    """Add the report's fonts to the running application; the families added."""
    families: list[str] = []
    for path in sorted((data_dir("report_assets") / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))
