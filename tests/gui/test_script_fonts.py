"""The app's widgets have a font for every script the documents may hold."""

from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QLabel

from reviewtool.gui.script_fonts import add_script_fonts

SAMPLES = {
    QFontDatabase.WritingSystem.Arabic: "الكراتوم",
    QFontDatabase.WritingSystem.Hebrew: "קרטום",
    QFontDatabase.WritingSystem.Devanagari: "अनिद्रा",
    QFontDatabase.WritingSystem.SimplifiedChinese: "失眠",
    QFontDatabase.WritingSystem.Japanese: "クラトム",
    QFontDatabase.WritingSystem.Korean: "불면증",
    QFontDatabase.WritingSystem.Greek: "αϋπνία",
    QFontDatabase.WritingSystem.Cyrillic: "бессонница",
}


def test_every_script_has_a_font(qtbot):
    families = add_script_fonts()
    assert {"Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari"} <= set(families)
    for system, sample in SAMPLES.items():
        assert any(all(QFontMetrics(QFontDatabase.font(family, "", 12)).inFontUcs4(ord(char))
                       for char in sample)
                   for family in QFontDatabase.families(system)), f"no font for {system.name}"


def test_a_label_draws_arabic_with_ink(qtbot):
    add_script_fonts()
    label = QLabel("الكراتوم يسبب الأرق")
    qtbot.addWidget(label)
    image = label.grab().toImage()
    dark = sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 20
