"""The screenshots in docs/screenshots, taken from the real app on the demo review, in the
light and the dark palette. Run under a display (an X server, or Xvfb):

    DISPLAY=:1 python3 scripts/docs_screenshots.py docs/screenshots
"""

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reviewtool.core.demo import build_demo
from reviewtool.gui.app import create_application
from reviewtool.gui.main_window import MainWindow
from reviewtool.gui.theme import apply_theme


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main_window_shots(app, review: Path, settings: QSettings, out: Path, suffix: str) -> None:
    window = MainWindow(settings=settings)
    window.resize(1400, 880)
    window.show()
    window.open_review(review)
    settle(app)
    bench = window.workbench
    documents = bench.documents
    documents.search.setText("insomnia withdrawal")
    documents._search_now()
    while window.runner.busy:
        settle(app, 2)
    settle(app)
    documents.step(0)
    spans = bench.reader.spans
    if spans:
        bench.select_claim(spans[min(1, len(spans) - 1)].id)
    bench.reader_panel.find_bar.show_search("insomnia withdrawal")
    settle(app)
    window.grab().save(str(out / f"main-window{suffix}.png"))
    if not suffix:  # the claim form of a claim just recorded, its required fields marked
        reader = bench.reader
        start = reader.toPlainText().index("Kratom")
        reader.select_range(start, start + 120)
        bench.create_claim()
        settle(app)
        bench.side.grab().save(str(out / "claim-form.png"))
        window.session.undo_stack.undo()
        settle(app)
    team = window.team.open("reconcile")
    team.resize(1300, 820)
    settle(app, 200)
    while team.runner.busy:
        settle(app, 5)
    settle(app)
    team.grab().save(str(out / f"reconcile{suffix}.png"))
    team.close()
    if not suffix:  # the merge preview: files already merged add nothing, junk is refused
        junk = review.with_name("from-email.review")
        junk.write_text("not a review file")
        merge = window.team.open("merge")
        merge.add_files([*sorted(review.parent.glob("*.review"))[:2], junk])
        while merge.runner.busy:
            settle(app, 5)
        settle(app)
        merge.grab().save(str(out / "merge-preview.png"))
        merge.reject()
    window.close()


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(["reviewtool"])
    with tempfile.TemporaryDirectory() as folder:
        demo = build_demo(Path(folder) / "demo")
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("reviewer/name", "Amara Okafor")
        for dark, suffix in ((False, ""), (True, "-dark")):
            apply_theme(app, dark=dark)
            main_window_shots(app, demo.merged, settings, out, suffix)
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
