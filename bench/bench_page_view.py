"""The page view of a 300-page PDF: time to show a page, to find the claims on the pages,
and the memory it takes.

    python bench/bench_page_view.py [--pages 300]

Makes a 300-page article PDF (reportlab: running header, footer, page number, 50 lines a
page), then, in an offscreen app: the page view opened on it (the first page drawn), a jump
to page 150 (shown), scrolling through 30 pages, and the page map (the text layer read with
every character's place) built in the background. Targets: a page shown in under 0.3 s,
the claims on the pages within 15 s for 300 pages, and under 150 MB more memory than the
app before the document.
"""

import argparse
import io
import os
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from machine import machine_load  # noqa: E402

PROSE = ("Melatonin taken one hour before bed shortened the time older adults needed to fall "
         "asleep by about nine minutes in the pooled trials, and side effects were rare. ")


def make_pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for page in range(pages):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, height - 40, "Journal of Sleep Medicine 12 (2024)")
        pdf.drawRightString(width - 72, 40, f"Page {page + 1}")
        pdf.setFont("Helvetica", 11)
        lines = textwrap.wrap(f"In study {page}, " + PROSE * 12, 85)[:50]
        for number, line in enumerate(lines):
            pdf.drawString(72, height - 80 - 14 * number, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def wait(app, condition, timeout: float = 120.0) -> float:
    start = time.perf_counter()
    while not condition():
        app.processEvents()
        time.sleep(0.002)
        if time.perf_counter() - start > timeout:
            raise TimeoutError
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    print(machine_load("before"))
    data = make_pdf(args.pages)
    print(f"PDF: {args.pages} pages, {len(data) / 1e6:.1f} MB")

    from PySide6.QtWidgets import QApplication

    from reviewtool.core.importing.pdf import read_layer
    from reviewtool.core.review.structure import Original
    from reviewtool.gui.page_panel import PagePanel

    app = QApplication([])
    text = read_layer(data, "article.pdf").extracted.text  # what the review file stores
    before = rss_mb()
    panel = PagePanel()
    panel.resize(900, 1000)
    panel.show()
    view = panel.view
    start = time.perf_counter()
    panel.load("bench", Original(data, "article.pdf", "application/pdf"), text, [])
    view.viewport().repaint()
    first = wait(app, lambda: view.source.image(0, view.zoom) is not None)
    print(f"open and show page 1: {time.perf_counter() - start:.3f} s "
          f"(of which rendering {first:.3f} s)")
    start = time.perf_counter()
    view.go_to_page(args.pages // 2)
    view.viewport().repaint()
    wait(app, lambda: view.source.image(args.pages // 2, view.zoom) is not None)
    print(f"jump to page {args.pages // 2 + 1} and show it: {time.perf_counter() - start:.3f} s")
    start = time.perf_counter()
    for page in range(args.pages // 2, args.pages // 2 + 30):
        view.go_to_page(page)
        view.viewport().repaint()
        wait(app, lambda page=page: view.source.image(page, view.zoom) is not None)
    print(f"scroll through 30 pages, each shown: {(time.perf_counter() - start) / 30:.3f} s "
          "a page")
    mapped = wait(app, lambda: panel.map is not None, timeout=600)
    print(f"claims on the pages (page map of {args.pages} pages) ready "
          f"{mapped:.2f} s after that")
    print(f"memory: {rss_mb() - before:.0f} MB more than before the document "
          f"({rss_mb():.0f} MB in all)")
    panel.clear(wait=True)
    print(machine_load("after"))


if __name__ == "__main__":
    main()
