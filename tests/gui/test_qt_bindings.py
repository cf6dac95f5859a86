"""The Qt bindings installed must not corrupt Python's reference counts.

PySide6 6.12 drops a reference to None on every call of a method returning nothing, which
aborts the interpreter ("none_dealloc") after minutes of use on Python 3.11; pyproject.toml
excludes it. This test fails if such a version is installed again.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 10
