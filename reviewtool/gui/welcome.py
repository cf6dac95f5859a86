"""What the window shows while no review is open: new, open, and the recent files."""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewtool.gui.icons import app_icon, icon


class WelcomePage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    recentChosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel("reviewtool")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel("Read documents, mark the passages that make claims, and record "
                         "each claim on a structured form. Drag documents or a review file "
                         "onto this window to begin.")
        tagline.setWordWrap(True)
        tagline.setEnabled(False)
        new = QPushButton(icon("new"), "New Review…")
        open_ = QPushButton(icon("open"), "Open Review…")
        new.clicked.connect(self.newRequested)
        open_.clicked.connect(self.openRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(open_)
        buttons.addStretch(1)
        self.recent_label = QLabel("<b>Recent reviews</b>")
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        self.recent.itemActivated.connect(self._chosen)
        column = QVBoxLayout()
        column.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(title, 1)
        column.addLayout(head)
        column.addWidget(tagline)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        column.addStretch(1)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(560)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 3)
        outer.addStretch(1)
        outer.setContentsMargins(24, 48, 24, 48)

    def set_recent(self, files: list[Path]) -> None:
        self.recent.clear()
        for path in files:
            item = QListWidgetItem(icon("open"), f"{path.stem}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(files))
        self.recent.setVisible(bool(files))
        rows = max(len(files), 1)
        self.recent.setFixedHeight(self.recent.sizeHintForRow(0) * rows
                                   + 2 * self.recent.frameWidth() + 4)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.recentChosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
